/* cli_util.c - see cli_util.h. */
#include "cli_util.h"

#include <stdarg.h>
#include <string.h>

static int nibble(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int cli_hex_any(const char *hex, uint8_t *out, size_t max, size_t *n,
                const char *what, char *why, size_t whylen)
{
    size_t len = strlen(hex);
    if (len % 2 != 0) {
        snprintf(why, whylen, "%s: odd number of hex digits (%zu)", what, len);
        return -1;
    }
    if (len / 2 > max) {
        snprintf(why, whylen, "%s: %zu bytes, at most %zu allowed", what,
                 len / 2, max);
        return -1;
    }
    for (size_t i = 0; i < len / 2; i++) {
        int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            snprintf(why, whylen, "%s: not hex at position %zu", what,
                     hi < 0 ? 2 * i + 1 : 2 * i + 2);
            return -1;
        }
        out[i] = (uint8_t)(hi * 16 + lo);
    }
    *n = len / 2;
    return 0;
}

int cli_hex_exact(const char *hex, uint8_t *out, size_t n, const char *what,
                  char *why, size_t whylen)
{
    size_t got = 0, len = strlen(hex);
    if (len != 2 * n) {
        snprintf(why, whylen, "%s: expected %zu bytes (%zu hex digits), got %zu digits",
                 what, n, 2 * n, len);
        return -1;
    }
    return cli_hex_any(hex, out, n, &got, what, why, whylen);
}

void cli_put_hex(FILE *f, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%02x", b[i]);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("kilist: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_wipe(void *p, size_t n)
{
    volatile uint8_t *v = p;
    while (n--)
        *v++ = 0;
}

int cli_opt(int argc, char **argv, int *i, const char *name,
            const char **value)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0)
        return 0;
    if (a[n] == '=') {
        *value = a + n + 1;
        return 1;
    }
    if (a[n] != '\0')
        return 0;
    if (*i + 1 >= argc)
        return -1;
    *i += 1;
    *value = argv[*i];
    return 1;
}

int cli_is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}
