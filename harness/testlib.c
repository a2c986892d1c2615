/* testlib.c - see testlib.h. */
#include "testlib.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static unsigned tl_checks;       /* checks made by the current case */
static unsigned tl_case_failed;  /* failed checks in the current case */
static unsigned tl_passed, tl_failed;

#define TL_MAX_REPORTED 5 /* failed checks printed per case */

static void tl_fail_header(const char *file, int line)
{
    if (tl_case_failed <= TL_MAX_REPORTED)
        fprintf(stdout, "  check failed at %s:%d: ", file, line);
}

void tl_check(int ok, const char *file, int line, const char *expr)
{
    tl_checks++;
    if (ok)
        return;
    tl_case_failed++;
    tl_fail_header(file, line);
    if (tl_case_failed <= TL_MAX_REPORTED)
        fprintf(stdout, "%s\n", expr);
}

void tl_checkf(int ok, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    tl_checks++;
    if (ok)
        return;
    tl_case_failed++;
    tl_fail_header(file, line);
    if (tl_case_failed <= TL_MAX_REPORTED) {
        va_start(ap, fmt);
        vfprintf(stdout, fmt, ap);
        va_end(ap);
        fputc('\n', stdout);
    }
}

void tl_bin2hex(const uint8_t *in, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * n] = '\0';
}

void tl_check_bytes(const uint8_t *got, const uint8_t *want, size_t n,
                    const char *file, int line, const char *what)
{
    char g[2 * 256 + 1], w[2 * 256 + 1];
    int ok = memcmp(got, want, n) == 0;
    if (n > 256)
        n = 256; /* print at most 256 bytes of each side */
    if (!ok) {
        tl_bin2hex(got, n, g);
        tl_bin2hex(want, n, w);
    }
    tl_checkf(ok, file, line, "%s: got %s, want %s", what, ok ? "" : g,
              ok ? "" : w);
}

void tl_run(const char *suite, const char *name, void (*fn)(void))
{
    tl_checks = 0;
    tl_case_failed = 0;
    fn();
    if (tl_checks == 0) {
        printf("FAIL %s/%s: no check was made\n", suite, name);
        tl_failed++;
    } else if (tl_case_failed) {
        printf("FAIL %s/%s: %u of %u checks failed\n", suite, name,
               tl_case_failed, tl_checks);
        tl_failed++;
    } else {
        printf("PASS %s/%s (%u checks)\n", suite, name, tl_checks);
        tl_passed++;
    }
    fflush(stdout);
}

int tl_finish(void)
{
    return tl_failed == 0 && tl_passed > 0 ? 0 : 1;
}

static int tl_nibble(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int tl_hex2bin(const char *hex, uint8_t *out, size_t outlen)
{
    if (strlen(hex) != 2 * outlen)
        return -1;
    for (size_t i = 0; i < outlen; i++) {
        int hi = tl_nibble(hex[2 * i]), lo = tl_nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i] = (uint8_t)(hi * 16 + lo);
    }
    return 0;
}

uint64_t tl_rand64(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}

void tl_rand_bytes(uint64_t *s, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (uint8_t)(tl_rand64(s) >> 56);
}
