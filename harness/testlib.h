/* testlib.h - the project's minimal unit-test runner.
 *
 * A test binary calls tl_run() once per test case and returns tl_finish().
 * Every case prints one line, "PASS suite/case" or "FAIL suite/case: why";
 * ci/run-tests.sh counts those lines across all binaries and prints the
 * closing "N passed, N failed" line.  A case that makes no CHECK fails:
 * a test without an assertion is not a test.
 */
#ifndef KILIST_TESTLIB_H
#define KILIST_TESTLIB_H

#include <stddef.h>
#include <stdint.h>

void tl_check(int ok, const char *file, int line, const char *expr);
void tl_checkf(int ok, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Compare two byte strings; on mismatch print both in hex under `what`. */
void tl_check_bytes(const uint8_t *got, const uint8_t *want, size_t n,
                    const char *file, int line, const char *what);
void tl_run(const char *suite, const char *name, void (*fn)(void));
int tl_finish(void);

/* Hex helpers shared by tests: return 0 on success, -1 on bad input. */
int tl_hex2bin(const char *hex, uint8_t *out, size_t outlen);
void tl_bin2hex(const uint8_t *in, size_t n, char *out /* 2n+1 */);

/* Deterministic PRNG (xorshift64*) so that random tests are reproducible:
 * each test starts its state from a constant written in its source, so a
 * failing case fails the same way on every run. */
uint64_t tl_rand64(uint64_t *state);
void tl_rand_bytes(uint64_t *state, uint8_t *out, size_t n);

#define CHECK(c) tl_check(!!(c), __FILE__, __LINE__, #c)
#define CHECKF(c, ...) tl_checkf(!!(c), __FILE__, __LINE__, __VA_ARGS__)
#define CHECK_BYTES(got, want, n, what) \
    tl_check_bytes((got), (want), (n), __FILE__, __LINE__, (what))

#endif
