/* cli_util.h - what the kilist sub-commands share: hex decoding of
 * arguments, hex/JSON output, option matching, wiping. */
#ifndef KILIST_CLI_UTIL_H
#define KILIST_CLI_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit codes of every sub-command. */
#define CLI_EXIT_OK 0
#define CLI_EXIT_FAIL 1  /* the input was understood and is invalid */
#define CLI_EXIT_USAGE 2 /* bad command line: nothing on stdout */

/* Decodes hex (upper or lower case, no separators) into exactly `n` bytes.
 * Returns 0, or -1 with a reason naming `what` written to `why`. */
int cli_hex_exact(const char *hex, uint8_t *out, size_t n, const char *what,
                  char *why, size_t whylen);
/* Decodes hex of any even length up to `max` bytes into out; *n gets it. */
int cli_hex_any(const char *hex, uint8_t *out, size_t max, size_t *n,
                const char *what, char *why, size_t whylen);
/* Writes bytes as lowercase hex. */
void cli_put_hex(FILE *f, const uint8_t *b, size_t n);
/* Prints "kilist: <msg>" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Overwrites n bytes with zeros in a way the compiler keeps. */
void cli_wipe(void *p, size_t n);

/* Matches argv[*i] against option `name` ("--k"): accepts "--k VALUE" and
 * "--k=VALUE".  Returns 1 and sets *value (advancing *i past a separate
 * value), 0 when argv[*i] is another option, -1 when the value is missing. */
int cli_opt(int argc, char **argv, int *i, const char *name,
            const char **value);
/* True for "-h" and "--help". */
int cli_is_help(const char *arg);

#endif
