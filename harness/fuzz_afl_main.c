/* fuzz_afl_main.c - AFL++ driver for the libFuzzer-style targets.
 *
 * Linked with one harness/fuzz_<name>.c and built with afl-clang-fast
 * (fuzz.mk): persistent mode (__AFL_LOOP) over shared-memory test cases
 * (__AFL_FUZZ_TESTCASE_BUF), with deferred initialisation (__AFL_INIT) after
 * the target's optional LLVMFuzzerInitialize, so the fork server starts
 * after any one-time set-up.  Each test case is copied into a heap buffer of
 * exactly its length, as libFuzzer does, so ASan sees reads past the input.
 *
 * Built with a plain compiler (no __AFL_* macros) it reads one input from
 * stdin or from each file argument: handy to reproduce an AFL++ crash with
 * the same binary layout.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h> /* read(), used by __AFL_FUZZ_TESTCASE_LEN */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* Inputs longer than this are cut, like libFuzzer's -max_len; it is above
 * every target's .options max_len and below AFL++'s 1 MB test-case limit. */
#define AFL_MAX_INPUT (1u << 20)

static void run_copy(const uint8_t *p, size_t n)
{
    uint8_t *copy = malloc(n ? n : 1);
    if (copy == NULL)
        abort();
    memcpy(copy, p, n);
    LLVMFuzzerTestOneInput(copy, n);
    free(copy);
}

#ifdef __AFL_FUZZ_TESTCASE_LEN

__AFL_FUZZ_INIT();

int main(int argc, char **argv)
{
    unsigned char *buf;
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
#ifdef __AFL_HAVE_MANUAL_CONTROL
    __AFL_INIT();
#endif
    buf = __AFL_FUZZ_TESTCASE_BUF; /* only after __AFL_INIT */
    while (__AFL_LOOP(100000)) {
        size_t len = (size_t)__AFL_FUZZ_TESTCASE_LEN;
        run_copy(buf, len > AFL_MAX_INPUT ? AFL_MAX_INPUT : len);
    }
    return 0;
}

#else /* not built by afl-clang-fast: one input per file, or stdin */

static int run_stream(FILE *f)
{
    static uint8_t buf[AFL_MAX_INPUT];
    size_t n = fread(buf, 1, sizeof buf, f);
    if (ferror(f))
        return 1;
    run_copy(buf, n);
    return 0;
}

int main(int argc, char **argv)
{
    int rc = 0;
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    if (argc < 2)
        return run_stream(stdin);
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (f == NULL) {
            perror(argv[i]);
            rc = 1;
            continue;
        }
        rc |= run_stream(f);
        fclose(f);
    }
    return rc;
}

#endif
