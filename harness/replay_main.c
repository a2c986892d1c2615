/* replay_main.c - runs a fuzz target's corpus through it without libFuzzer,
 * so that every corpus file is a regression test of `make check`.
 *
 * Linked with one harness/fuzz_<name>.c (which defines
 * LLVMFuzzerTestOneInput) and compiled with -DFUZZ_TARGET="fuzz_<name>"
 * -DFUZZ_CORPUS="corpus/<name>" (fuzz.mk does it), under ASan + UBSan.
 *
 *   replay_fuzz_<name> [-q] [FILE|DIR]...
 *
 * Runs every regular file of the target's corpus directory (relative to the
 * working directory, the repository root; KILIST_CORPUS_DIR overrides it),
 * then every FILE and every file of every DIR given, and prints one
 * testlib-style line per directory or file given:
 *
 *   PASS fuzz_<name>/corpus: 123 inputs
 *
 * A property violation aborts inside the target: the SIGABRT handler prints
 * "FAIL fuzz_<name>/<file>: property violated (see above)" and exits 1; a
 * sanitizer report prints "FAIL fuzz_<name>/<file>: sanitizer report" and
 * exits non-zero.  A corpus directory that is missing
 * or empty is a FAIL: a regression suite must not vanish silently.  -q:
 * replay the arguments only, not the default corpus (coverage, crash
 * reproduction).
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef FUZZ_TARGET
#error "compile with -DFUZZ_TARGET=\"fuzz_<name>\""
#endif
#ifndef FUZZ_CORPUS
#error "compile with -DFUZZ_CORPUS=\"corpus/<name>\""
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional in a target, as with libFuzzer. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
/* Present when linked with a sanitizer runtime (ASan, UBSan). */
void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

static const char *current = "(none)";

static void on_abort(int sig)
{
    static const char a[] = "FAIL " FUZZ_TARGET "/";
    static const char b[] = ": property violated (see above)\n";
    (void)sig;
    /* async-signal-safe output only */
    if (write(STDOUT_FILENO, a, sizeof a - 1) < 0 ||
        write(STDOUT_FILENO, current, strlen(current)) < 0 ||
        write(STDOUT_FILENO, b, sizeof b - 1) < 0)
        _exit(1);
    _exit(1);
}

/* A sanitizer report ends the process: name the input first. */
static void on_sanitizer_death(void)
{
    printf("FAIL " FUZZ_TARGET "/%s: sanitizer report (see above)\n", current);
    fflush(stdout);
}

/* Runs one file; 0, or -1 when it cannot be read (reported). */
static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    long len;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        printf("FAIL " FUZZ_TARGET "/%s: cannot read: %s\n", path, strerror(errno));
        if (f)
            fclose(f);
        return -1;
    }
    /* Exactly len bytes on the heap, as libFuzzer does: ASan sees any
     * read past the input. */
    buf = malloc(len > 0 ? (size_t)len : 1);
    if (buf == NULL || fread(buf, 1, (size_t)len, f) != (size_t)len) {
        printf("FAIL " FUZZ_TARGET "/%s: cannot read\n", path);
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    current = path;
    fflush(stdout);
    LLVMFuzzerTestOneInput(buf, (size_t)len);
    current = "(none)";
    free(buf);
    return 0;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Runs every regular file of dir in name order (not recursive: libFuzzer
 * and AFL++ corpora are flat).  Returns the count, or -1 on error. */
static long run_dir(const char *dir)
{
    struct dirent **names;
    long count = 0;
    int n = scandir(dir, &names, NULL, alphasort), bad = 0;
    if (n < 0) {
        printf("FAIL " FUZZ_TARGET "/%s: cannot list: %s\n", dir, strerror(errno));
        return -1;
    }
    for (int i = 0; i < n; i++) {
        char path[4096];
        struct stat st;
        if (names[i]->d_name[0] != '.' &&
            (size_t)snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name) <
                sizeof path &&
            stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            if (run_file(path) == 0)
                count++;
            else
                bad = 1;
        }
        free(names[i]);
    }
    free(names);
    return bad ? -1 : count;
}

static int replay(const char *what, const char *label, int must_have)
{
    long n;
    if (is_dir(what)) {
        n = run_dir(what);
    } else {
        if (access(what, F_OK) != 0) {
            printf("FAIL " FUZZ_TARGET "/%s: no such file or directory\n", label);
            return 1;
        }
        n = run_file(what) == 0 ? 1 : -1;
    }
    if (n < 0)
        return 1;
    if (n == 0 && must_have) {
        printf("FAIL " FUZZ_TARGET "/%s: no input in %s\n", label, what);
        return 1;
    }
    printf("PASS " FUZZ_TARGET "/%s: %ld input%s\n", label, n, n == 1 ? "" : "s");
    return 0;
}

int main(int argc, char **argv)
{
    const char *corpus = getenv("KILIST_CORPUS_DIR");
    int failed = 0, i = 1, defaults = 1;

    signal(SIGABRT, on_abort);
    if (__sanitizer_set_death_callback)
        __sanitizer_set_death_callback(on_sanitizer_death);
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    if (i < argc && strcmp(argv[i], "-q") == 0) {
        defaults = 0;
        i++;
    }
    if (defaults)
        failed |= replay(corpus ? corpus : FUZZ_CORPUS, "corpus", 1);
    for (; i < argc; i++)
        failed |= replay(argv[i], argv[i], 0);
    return failed;
}
