/* test_cli.c - the kilist command as a user runs it (the ASan/UBSan build,
 * build/san/kilist, or $KILIST_BIN): table-driven cases from
 * harness/cli_*_cases.tsv, and `kilist milenage` against the independent
 * MILENAGE on OpenSSL on random inputs. */
#define _POSIX_C_SOURCE 200809L
#include "ref_milenage.h"
#include "testlib.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ARGS 32
#define OUT_MAX 8192
#define RANDOM_RUNS 300

static const char *bin(void)
{
    const char *b = getenv("KILIST_BIN");
    return b != NULL ? b : "build/san/kilist";
}

/* Reads a pipe to the end into buf (NUL-terminated, truncated at cap). */
static void slurp(int fd, char *buf, size_t cap)
{
    size_t n = 0;
    ssize_t r;
    while ((r = read(fd, buf + n, cap - 1 - n)) > 0) {
        n += (size_t)r;
        if (n == cap - 1)
            break;
    }
    buf[n] = '\0';
}

/* Runs kilist with argv (argv[0] ignored); returns the exit status or -1. */
static int run(char **argv, char *out, char *err)
{
    int po[2], pe[2], status;
    pid_t pid;
    if (pipe(po) != 0 || pipe(pe) != 0)
        return -1;
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        dup2(po[1], 1);
        dup2(pe[1], 2);
        close(po[0]);
        close(pe[0]);
        argv[0] = (char *)bin();
        execv(argv[0], argv);
        _exit(127);
    }
    close(po[1]);
    close(pe[1]);
    slurp(po[0], out, OUT_MAX); /* outputs here are small: no deadlock */
    slurp(pe[0], err, OUT_MAX);
    close(po[0]);
    close(pe[0]);
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

static int split_args(char *line, char **argv)
{
    int n = 1;
    argv[0] = NULL;
    for (char *tok = strtok(line, " "); tok != NULL && n < MAX_ARGS - 1;
         tok = strtok(NULL, " "))
        argv[n++] = tok;
    argv[n] = NULL;
    return n;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Each line: args TAB exit-code TAB expected stdout line ("-": empty;
 * "*": anything non-empty); '#' starts a comment. */
static void run_case_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[4096], out[OUT_MAX], err[OUT_MAX];
    int lineno = 0, cases = 0;
    CHECKF(f != NULL, "cannot open %s", path);
    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f) != NULL) {
        char *args, *code, *want, *argv[MAX_ARGS];
        int rc, exp;
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        args = line;
        code = strchr(args, '\t');
        want = code != NULL ? strchr(code + 1, '\t') : NULL;
        CHECKF(want != NULL, "%s:%d: malformed case line", path, lineno);
        if (want == NULL)
            continue;
        *code++ = '\0';
        *want++ = '\0';
        exp = atoi(code);
        split_args(args, argv);
        rc = run(argv, out, err);
        cases++;
        CHECKF(rc == exp, "%s:%d: `kilist %s` exited %d, expected %d (stderr: %s)",
               path, lineno, args, rc, exp, err);
        if (strcmp(want, "-") == 0) {
            CHECKF(out[0] == '\0', "%s:%d: expected no stdout, got %s", path,
                   lineno, out);
        } else if (strcmp(want, "*") == 0) {
            CHECKF(out[0] != '\0', "%s:%d: expected stdout", path, lineno);
        } else {
            size_t n = strlen(out);
            if (n > 0 && out[n - 1] == '\n')
                out[n - 1] = '\0';
            CHECKF(strcmp(out, want) == 0, "%s:%d: stdout\n    got  %s\n    want %s",
                   path, lineno, out, want);
        }
        if (exp == 2) /* usage errors: one line of reason on stderr */
            CHECKF(count_lines(err) == 1, "%s:%d: expected one stderr line, got: %s",
                   path, lineno, err);
    }
    fclose(f);
    CHECKF(cases > 0, "%s: no cases", path);
}

static void case_files(void)
{
    DIR *d = opendir("harness");
    struct dirent *e;
    int files = 0;
    CHECK(d != NULL);
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        char path[512];
        if (strncmp(e->d_name, "cli_", 4) != 0 || n < 10 ||
            strcmp(e->d_name + n - 10, "_cases.tsv") != 0)
            continue;
        snprintf(path, sizeof path, "harness/%s", e->d_name);
        run_case_file(path);
        files++;
    }
    closedir(d);
    CHECK(files > 0);
}

static void hex(const uint8_t *b, size_t n, char *out)
{
    tl_bin2hex(b, n, out);
}

static void milenage_random_vs_reference(void)
{
    uint64_t seed = 0x434c494d494c454eULL;
    for (int run_no = 0; run_no < RANDOM_RUNS; run_no++) {
        uint8_t k[16], op[16], rand[16], sqn[6], amf[2], autn[16];
        ref_milenage_out r;
        char hk[33], hop[33], hr[33], hs[13], ha[5], want[1024], out[OUT_MAX],
            err[OUT_MAX], f[9][40];
        char o_k[] = "--k", o_op[8], o_r[] = "--rand", o_s[] = "--sqn",
             o_a[] = "--amf", cmd[] = "milenage";
        char *argv[14];
        int use_opc = run_no % 2;
        tl_rand_bytes(&seed, k, 16);
        tl_rand_bytes(&seed, op, 16);
        tl_rand_bytes(&seed, rand, 16);
        tl_rand_bytes(&seed, sqn, 6);
        tl_rand_bytes(&seed, amf, 2);
        CHECK(ref_milenage(NULL, k, op, use_opc, rand, sqn, amf, &r) == 0);
        hex(k, 16, hk);
        hex(op, 16, hop);
        hex(rand, 16, hr);
        hex(sqn, 6, hs);
        hex(amf, 2, ha);
        strcpy(o_op, use_opc ? "--opc" : "--op");
        argv[0] = NULL;
        argv[1] = cmd;
        argv[2] = o_k; argv[3] = hk;
        argv[4] = o_op; argv[5] = hop;
        argv[6] = o_r; argv[7] = hr;
        argv[8] = o_s; argv[9] = hs;
        argv[10] = o_a; argv[11] = ha;
        argv[12] = NULL;
        for (int i = 0; i < 6; i++)
            autn[i] = (uint8_t)(sqn[i] ^ r.f5[i]);
        memcpy(autn + 6, amf, 2);
        memcpy(autn + 8, r.f1, 8);
        hex(r.opc, 16, f[0]);
        hex(r.f1, 8, f[1]);
        hex(r.f1star, 8, f[2]);
        hex(r.f2, 8, f[3]);
        hex(r.f3, 16, f[4]);
        hex(r.f4, 16, f[5]);
        hex(r.f5, 6, f[6]);
        hex(r.f5star, 6, f[7]);
        hex(autn, 16, f[8]);
        snprintf(want, sizeof want,
                 "{\"opc\":\"%s\",\"f1\":\"%s\",\"f1star\":\"%s\",\"f2\":\"%s\","
                 "\"f3\":\"%s\",\"f4\":\"%s\",\"f5\":\"%s\",\"f5star\":\"%s\","
                 "\"autn\":\"%s\"}\n",
                 f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]);
        CHECK(run(argv, out, err) == 0);
        CHECKF(strcmp(out, want) == 0, "run %d:\n    got  %s    want %s", run_no,
               out, want);
    }
}

int main(void)
{
    if (access(bin(), X_OK) != 0) {
        printf("FAIL cli/setup: %s is not built (make %s)\n", bin(), bin());
        return 1;
    }
    tl_run("cli", "case_files", case_files);
    tl_run("cli", "milenage_random_vs_reference_300", milenage_random_vs_reference);
    return tl_finish();
}
