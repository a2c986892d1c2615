/* test_card_cli.c - `kilist card personalise` and `kilist card run` as a
 * user runs them: the ASan/UBSan build next to this test (BUILD/san/kilist,
 * found from argv[0]) or $KILIST_BIN.  Exit codes, messages naming the bad
 * field, nothing written on refusal, responses line by line, state kept in
 * the image between runs, secrets never printed. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib.h"
#include "txn.h"

#define OUT_MAX 65536

static char kilist[4096];
static char dir[] = "/tmp/kilist-card-cli-XXXXXX";
static char out[OUT_MAX], err[OUT_MAX];
static char image[4200], profile[4200];

static void slurp(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    size_t n = 0;
    if (f != NULL) {
        n = fread(buf, 1, cap - 1, f);
        fclose(f);
    }
    buf[n] = '\0';
}

/* Runs kilist with args (NULL-terminated) and stdin text; stdout and
 * stderr into out/err; returns the exit status or -1. */
static int run(const char *input, const char *const *args)
{
    char in_path[4200], out_path[4200], err_path[4200];
    char *argv[32];
    int status, n = 0;
    pid_t pid;
    FILE *f;
    snprintf(in_path, sizeof in_path, "%s/stdin", dir);
    snprintf(out_path, sizeof out_path, "%s/stdout", dir);
    snprintf(err_path, sizeof err_path, "%s/stderr", dir);
    f = fopen(in_path, "wb");
    if (f == NULL)
        return -1;
    fputs(input != NULL ? input : "", f);
    fclose(f);
    argv[n++] = kilist;
    for (; args[n - 1] != NULL && n < 31; n++)
        argv[n] = (char *)args[n - 1];
    argv[n] = NULL;
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int i = open(in_path, O_RDONLY);
        int o = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (i < 0 || o < 0 || e < 0)
            _exit(126);
        dup2(i, 0);
        dup2(o, 1);
        dup2(e, 2);
        execv(kilist, argv);
        _exit(127);
    }
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    slurp(out_path, out, sizeof out);
    slurp(err_path, err, sizeof err);
    return WEXITSTATUS(status);
}

static int file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (int)sb.st_size : -1;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        abort();
    fputs(text, f);
    fclose(f);
}

static void t_help_and_usage(void)
{
    const char *const h[] = {"card", "--help", NULL};
    const char *const hp[] = {"card", "personalise", "--help", NULL};
    const char *const hr[] = {"card", "run", "-h", NULL};
    const char *const bad[][6] = {
        {"card", NULL},
        {"card", "frob", NULL},
        {"card", "personalise", "--profile", "x.json", NULL},
        {"card", "personalise", "--image", "x.img", NULL},
        {"card", "personalise", "--profile", "a", "--image", NULL},
        {"card", "personalise", "--bogus", NULL},
        {"card", "run", NULL},
        {"card", "run", "--image", NULL},
        {"card", "run", "--image", "a", "--bogus", NULL},
    };
    CHECK(run(NULL, h) == 0 && strstr(out, "personalise") != NULL &&
          strstr(out, "reset") != NULL);
    CHECK(run(NULL, hp) == 0 && strstr(out, "--profile") != NULL);
    CHECK(run(NULL, hr) == 0 && strstr(out, "GET RESPONSE") != NULL);
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        int rc = run(NULL, bad[k]);
        CHECKF(rc == 2 && out[0] == '\0' && err[0] != '\0',
               "case %zu: exit %d, stdout '%s'", k, rc, out);
    }
}

static void t_personalise(void)
{
    const char *const p[] = {"card", "personalise", "--profile",
                             "examples/profile.json", "--image", image, NULL};
    const char *const pf[] = {"card", "personalise", "--profile",
                              "examples/profile.json", "--image", image,
                              "--force", NULL};
    static char before[KL_TXN_STORE_BYTES + 1], after[KL_TXN_STORE_BYTES + 1];
    unlink(image);
    CHECK(run(NULL, p) == 0 && out[0] == '\0' && err[0] == '\0');
    CHECK(file_size(image) == (int)KL_TXN_STORE_BYTES);
    {
        struct stat sb;
        CHECK(stat(image, &sb) == 0 && (sb.st_mode & 077) == 0);
    }
    /* an existing card is kept */
    slurp(image, before, sizeof before);
    CHECK(run(NULL, p) == 1 && strstr(err, "--force") != NULL);
    slurp(image, after, sizeof after);
    CHECK(memcmp(before, after, sizeof before) == 0);
    CHECK(run(NULL, pf) == 0);
}

static void t_bad_profile(void)
{
    static const struct {
        const char *from, *to, *field;
    } cases[] = {
        {"\"imsi\": \"001010000000001\"", "\"imsi\": \"0010\"", "'imsi'"},
        {"\"pin1\": \"1234\"", "\"pin1\": 1234", "'pin1'"},
        {"\"kvn\": 3,", "\"kvn\": 33,", "'entries[2].kvn'"},
        {"\"adm1\": \"88888888\",", "", "'adm1'"},
        {"\"iccid\"", "\"iccid\" \"", "not valid JSON"},
    };
    static char text[65536], edited[65536];
    char img[4300];
    const char *const p[] = {"card", "personalise", "--profile", profile,
                             "--image", img, NULL};
    const char *const missing[] = {"card", "personalise", "--profile",
                                   "/nonexistent/p.json", "--image", img,
                                   NULL};
    snprintf(img, sizeof img, "%s/bad.img", dir);
    slurp("examples/profile.json", text, sizeof text);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *at = strstr(text, cases[k].from);
        int rc;
        CHECKF(at != NULL, "case %zu: '%s' not in the example", k,
               cases[k].from);
        if (at == NULL)
            continue;
        snprintf(edited, sizeof edited, "%.*s%s%s", (int)(at - text), text,
                 cases[k].to, at + strlen(cases[k].from));
        write_file(profile, edited);
        unlink(img);
        rc = run(NULL, p);
        CHECKF(rc == 1 && strstr(err, cases[k].field) != NULL &&
                   out[0] == '\0',
               "case %zu: exit %d, stderr '%s'", k, rc, err);
        CHECKF(file_size(img) == -1, "case %zu: an image was written", k);
        /* no secret in the message */
        CHECK(strstr(err, "465b5ce8b199b49f") == NULL);
        CHECK(strstr(err, "88888888") == NULL);
    }
    CHECK(run(NULL, missing) == 1 && file_size(img) == -1);
}

static void t_run(void)
{
    const char *const r[] = {"card", "run", "--image", image, NULL};
    const char *const p[] = {"card", "personalise", "--profile",
                             "examples/profile.json", "--image", image,
                             "--force", NULL};
    CHECK(run(NULL, p) == 0);
    CHECK(run("# read the IMSI like a PC/SC tool\n"
              "\n"
              "00 a4 04 0c 07 a0 00 00 00 87 10 02   # ADF.USIM\n"
              "00a4000c026f07\n"
              "00b0000009\n"
              "0020000108 31323334 ffffffff\n"
              "00B0000009\n"
              "reset\n"
              "00b0000009\n"
              "00a40004022fe2\n"
              "00c0000026\n"
              "00b000000a\n",
              r) == 0);
    CHECKF(strcmp(out, "9000\n"
                       "9000\n"
                       "6982\n"
                       "9000\n"
                       "0809101000000000109000\n"
                       "3b80801fc7d8\n"
                       "6986\n"
                       "6126\n"
                       "622482024121" "83022fe2" "8a0105"
                       "ab10" "8001019000" "800102a40683010a950108"
                       "8002000a" "880110" "9000\n"
                       "988812010000400310f09000\n") == 0,
           "stdout:\n%s", out);
    CHECK(err[0] == '\0');
    /* state between runs: a wrong PIN try stays counted */
    CHECK(run("0020000108 31323335ffffffff\n", r) == 0 &&
          strcmp(out, "63c2\n") == 0);
    CHECK(run("00200001\n", r) == 0 && strcmp(out, "63c2\n") == 0);
    /* an ADM update is there in the next run */
    CHECK(run("00a4080c047fff6f07\n"
              "0020000a08 3838383838383838\n"
              "00d6000009 082926101160845740\n",
              r) == 0 &&
          strcmp(out, "9000\n9000\n9000\n") == 0);
    CHECK(run("0020000108 31323334ffffffff\n"
              "00a4080c047fff6f07\n"
              "00b0000009\n",
              r) == 0 &&
          strcmp(out, "9000\n9000\n0829261011608457409000\n") == 0);
    CHECK(run("00200001\n", r) == 0 && strcmp(out, "63c3\n") == 0);
    /* a line that is not an APDU stops the run; what came before stands */
    CHECK(run("80f2000c\nhello\n80f2000c\n", r) == 1 &&
          strcmp(out, "9000\n") == 0 && strstr(err, "line 2") != NULL);
    CHECK(run("00a4\n0\n", r) == 1 && strcmp(out, "6700\n") == 0);
    CHECK(strstr(out, "465b5ce8") == NULL);
}

static void t_bad_image(void)
{
    char bad[4300];
    const char *const r[] = {"card", "run", "--image", bad, NULL};
    snprintf(bad, sizeof bad, "%s/junk.img", dir);
    write_file(bad, "not a card");
    CHECK(run("80f2000c\n", r) == 1 && out[0] == '\0' &&
          strstr(err, "not a valid card image") != NULL);
    {
        /* right size, all zeros: no valid slot */
        FILE *f = fopen(bad, "wb");
        static uint8_t z[KL_TXN_STORE_BYTES];
        CHECK(f != NULL && fwrite(z, 1, sizeof z, f) == sizeof z);
        if (f != NULL)
            fclose(f);
    }
    CHECK(run("80f2000c\n", r) == 1 && out[0] == '\0');
    snprintf(bad, sizeof bad, "%s/none.img", dir);
    CHECK(run("80f2000c\n", r) == 1 && strstr(err, "cannot read") != NULL);
}

int main(int argc, char **argv)
{
    const char *env = getenv("KILIST_BIN");
    int rc;
    (void)argc;
    if (env != NULL) {
        snprintf(kilist, sizeof kilist, "%s", env);
    } else {
        /* BUILD/test/test_card_cli -> BUILD/san/kilist */
        const char *slash = strrchr(argv[0], '/');
        int n = slash == NULL ? 0 : (int)(slash - argv[0]);
        snprintf(kilist, sizeof kilist, "%.*s%s../san/kilist", n, argv[0],
                 n > 0 ? "/" : "");
    }
    if (mkdtemp(dir) == NULL) {
        printf("FAIL card_cli/setup: mkdtemp\n");
        return 1;
    }
    snprintf(image, sizeof image, "%s/card.img", dir);
    snprintf(profile, sizeof profile, "%s/profile.json", dir);
    tl_run("card_cli", "help_and_usage", t_help_and_usage);
    tl_run("card_cli", "personalise", t_personalise);
    tl_run("card_cli", "bad_profile", t_bad_profile);
    tl_run("card_cli", "run", t_run);
    tl_run("card_cli", "bad_image", t_bad_image);
    rc = tl_finish();
    {
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            rc = 1;
    }
    return rc;
}
