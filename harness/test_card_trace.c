/* test_card_trace.c - GSMTAP SIM traces (uicc/pcap.c, `--trace`).
 *
 * 1. The frame builder: the T=0 form of each ISO case (case 1 gets P3 00,
 *    case 4 loses Le, cases 2/3 kept, anything else as received), the
 *    capacity bounds.
 * 2. `kilist card run --trace t.pcap` on examples/profile.json with SELECT
 *    (by FID, by AID), GET RESPONSE, VERIFY, READ BINARY (current EF and
 *    by SFI), STATUS and AUTHENTICATE (success, wrong MAC, resync; the
 *    responses checked against harness/ref_milenage): the pcap is parsed here byte by byte (global
 *    header, per record Ethernet, IPv4 with its checksum, UDP to 4729, the
 *    GSMTAP SIM header) and each frame's APDU compared with the command
 *    sent and the response printed.
 * 3. With tshark (Debian tshark; SKIP when absent): the same file decodes
 *    as eth:ethertype:ip:udp:gsmtap:gsm_sim with no malformed packet and no
 *    expert warning, and the decoded INS, SW, file IDs, AID, offsets, SFI
 *    and READ BINARY / GET RESPONSE data are those sent.  (tshark 4.0
 *    decodes INS 88 with the 2G RUN GSM ALGORITHM layout only: RAND and
 *    AUTN are checked on the frame bytes in 2.) */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pcap.h"
#include "ref_milenage.h"
#include "testlib.h"
#include "test_auth_vectors.h"

#define OUT_MAX 65536
#define PROFILE "examples/profile.json"
#define USIM_AID "a0000000871002ffffffff8907090000"
#define NCMD 13

static char kilist[4096];
static char dir[] = "/tmp/kilist-trace-XXXXXX";
static char image[4200], trace[4200], out[OUT_MAX], err[OUT_MAX];

/* The exchange: commands, and (once run) the responses printed.  The
 * AUTHENTICATE commands are filled in by main (auth_vectors). */
static char auth_ok[200], auth_bad[200], auth_want[200], auth_sync[200];
static const char *cmds[NCMD] = {
    "00a40004023f00",                 /* SELECT MF, case 4 without Le: 61XX */
    "00c0000025",                     /* GET RESPONSE */
    "00a4040410" USIM_AID "00",       /* SELECT ADF.USIM by AID, case 4 */
    "002000010831323334ffffffff",     /* VERIFY PIN1 */
    "00a4000c026f07",                 /* SELECT EF.IMSI, no FCP */
    "00b0000009",                     /* READ BINARY */
    "00b0870009",                     /* READ BINARY, SFI 07 */
    "80f2000c",                       /* STATUS, case 1 */
    auth_ok,                          /* AUTHENTICATE 3G, T=0: 61 2C */
    "00c000002c",                     /* GET RESPONSE: DB RES CK IK */
    auth_bad,                         /* wrong MAC: 98 62 */
    auth_ok,                          /* replayed SQN: 61 10 */
    "00c0000010",                     /* GET RESPONSE: DC AUTS */
};
static char resp[NCMD][1200];

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

/* Runs argv (argv[0] a path) with stdin text; stdout/stderr into out/err;
 * the exit status or -1. */
static int run(const char *input, char *const *argv)
{
    char in_path[4300], out_path[4300], err_path[4300];
    int status;
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
    fflush(stdout);
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
        execv(argv[0], argv);
        _exit(127);
    }
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    slurp(out_path, out, sizeof out);
    slurp(err_path, err, sizeof err);
    return WEXITSTATUS(status);
}

static size_t hex(const char *h, uint8_t *b, size_t cap)
{
    size_t n = strlen(h) / 2;
    if (n > cap || tl_hex2bin(h, b, n) != 0)
        abort();
    return n;
}

/* ---- AUTHENTICATE against an independent MILENAGE ------------------------ */

/* examples/profile.json entry 0 (TS 35.208 test set 1 K and OPc), whose
 * SQN is personalised as 000000000020: SEQ 1, IND 0 (IND 5 bits). */
/* AUTH_* and auth_vectors(): harness/test_auth_vectors.h. */

/* ---- 1. the builder ------------------------------------------------------ */

static int frame_is(const char *c, const char *r, const char *want)
{
    uint8_t cb[300], rb[300], o[700];
    char got[1500];
    size_t cn = hex(c, cb, sizeof cb), rn = hex(r, rb, sizeof rb);
    size_t n = kl_gsmtap_sim_apdu(cb, cn, rb, rn, o, sizeof o);
    tl_bin2hex(o, n, got);
    if (strcmp(got, want) != 0)
        fprintf(stdout, "  %s | %s -> %s, want %s\n", c, r, got, want);
    return strcmp(got, want) == 0;
}

static void t_builder(void)
{
    uint8_t cb[8] = {0x00, 0xb0, 0x00, 0x00, 0x02}, rb[4] = {1, 2, 0x90, 0},
            o[KL_PCAP_FRAME_MAX];
    size_t n;
    CHECK(frame_is("80f2000c", "9000", "80f2000c009000"));         /* case 1 */
    CHECK(frame_is("00b0000002", "aabb9000", "00b0000002aabb9000")); /* 2 */
    CHECK(frame_is("00a4000c023f00", "9000", "00a4000c023f009000")); /* 3 */
    CHECK(frame_is("00a40004023f0000", "62009000",
                   "00a40004023f0062009000"));                    /* 4: no Le */
    CHECK(frame_is("00a4", "6700", "00a46700"));            /* malformed: kept */
    CHECK(frame_is("00b000000000ff", "6700", "00b000000000ff6700")); /* 2E */
    /* capacity: exactly enough, one short */
    CHECK(kl_gsmtap_sim_apdu(cb, 5, rb, 4, o, 9) == 9);
    CHECK(kl_gsmtap_sim_apdu(cb, 5, rb, 4, o, 8) == 0);
    CHECK(kl_gsmtap_sim_apdu(NULL, 5, rb, 4, o, 9) == 0);
    /* a whole frame: headers, then the APDU at offset 58 */
    n = kl_pcap_frame(cb, 5, rb, 4, 7, o, sizeof o);
    CHECK(n == 14 + 20 + 8 + 16 + 9);
    CHECK(o[12] == 0x08 && o[13] == 0x00);
    CHECK(memcmp(o + 58, "\x00\xb0\x00\x00\x02\x01\x02\x90\x00", 9) == 0);
    CHECK(kl_pcap_frame(cb, 5, rb, 4, 7, o, 66) == 0);
}

/* ---- 2. the file, parsed here ------------------------------------------- */

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint32_t be16(const uint8_t *p) { return (uint32_t)p[0] << 8 | p[1]; }

/* The T=0 form the trace must hold for command c (hex) and response r. */
static void expected_apdu(const char *c, const char *r, char *want)
{
    size_t cl = strlen(c);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "%s", c);
    if (cl == 8)
        strcat(cmd, "00"); /* case 1: P3 = 00 */
    else if (cl > 10) {
        unsigned lc;
        sscanf(c + 8, "%2x", &lc);
        if (cl == 10 + 2 * lc + 2) /* case 4: the Le byte goes */
            cmd[cl - 2] = '\0';
    }
    snprintf(want, 1500, "%s%s", cmd, r);
}

static void t_run_trace(void)
{
    char *argv[] = {kilist, "card", "run", "--image", image, "--trace", trace,
                    NULL};
    char input[2048] = "", *p, *e;
    static uint8_t file[65536];
    size_t fl, off;
    int k, ok_hdr = 0, ok_ip = 0, ok_udp = 0, ok_gt = 0, ok_apdu = 0;
    FILE *f;
    for (k = 0; k < NCMD; k++) {
        strcat(input, cmds[k]);
        strcat(input, k == 3 ? "   # PIN1\n" : "\n");
        if (k == 4)
            strcat(input, "reset\n00a4040410" USIM_AID "00\n"
                          "002000010831323334ffffffff\n00a4000c026f07\n");
    }
    CHECKF(run(input, argv) == 0, "kilist card run: %s", err);
    /* the responses, skipping the reset's ATR and the 3 commands after it
     * (they are in the trace too, and checked below as extra frames) */
    p = out;
    {
        static char lines[NCMD + 4][1200];
        int nl = 0;
        while (nl < NCMD + 4 && (e = strchr(p, '\n')) != NULL) {
            snprintf(lines[nl], sizeof lines[nl], "%.*s", (int)(e - p), p);
            nl++;
            p = e + 1;
        }
        CHECKF(nl == NCMD + 4, "%d response lines", nl);
        CHECKF(strcmp(lines[5], "3b80801fc7d8") == 0, "ATR line %s",
               lines[5]);
        for (k = 0; k < NCMD; k++)
            strcpy(resp[k], lines[k < 5 ? k : k + 4]);
    }
    CHECKF(strncmp(resp[0], "61", 2) == 0 && strlen(resp[0]) == 4,
           "SELECT MF -> %s", resp[0]);
    CHECKF(strcmp(resp[5], "0809101000000000109000") == 0, "READ -> %s",
           resp[5]);
    CHECKF(strcmp(resp[8], "612c") == 0 && strcmp(resp[9], auth_want) == 0 &&
               strcmp(resp[10], "9862") == 0 && strcmp(resp[11], "6110") == 0 &&
               strcmp(resp[12], auth_sync) == 0,
           "AUTHENTICATE -> %s %s %s %s %s", resp[8], resp[9], resp[10],
           resp[11], resp[12]);
    f = fopen(trace, "rb");
    CHECK(f != NULL);
    if (f == NULL)
        return;
    fl = fread(file, 1, sizeof file, f);
    fclose(f);
    CHECK(fl >= 24 && le32(file) == 0xA1B2C3D4u && file[4] == 2 &&
          file[6] == 4 && le32(file + 16) == 65535u && le32(file + 20) == 1u);
    off = 24;
    for (k = 0; k < NCMD + 3 && off + 16 <= fl; k++) {
        const uint8_t *r = file + off, *fr = r + 16;
        uint32_t cap = le32(r + 8), sum = 0;
        char want[1500], got[3000];
        int i = k < 5 ? k : k < 8 ? -1 : k - 3; /* -1: after the reset */
        if (cap != le32(r + 12) || off + 16 + cap > fl || cap < 58)
            break;
        ok_hdr += be16(fr + 12) == 0x0800u;
        for (int w = 0; w < 20; w += 2)
            sum += be16(fr + 14 + w);
        while (sum >> 16)
            sum = (sum & 0xFFFFu) + (sum >> 16);
        ok_ip += fr[14] == 0x45 && fr[23] == 17 && sum == 0xFFFFu &&
                 be16(fr + 16) == cap - 14;
        ok_udp += be16(fr + 36) == 4729u && be16(fr + 38) == cap - 34;
        ok_gt += memcmp(fr + 42, "\x02\x04\x04\x00\x00\x00\x00\x00\x00\x00"
                                 "\x00\x00\x00\x00\x00\x00", 16) == 0;
        tl_bin2hex(fr + 58, cap - 58, got);
        if (i >= 0) {
            expected_apdu(cmds[i], resp[i], want);
            if (strcmp(got, want) == 0)
                ok_apdu++;
            else
                fprintf(stdout, "  frame %d: %s, want %s\n", k + 1, got,
                        want);
        } else {
            ok_apdu++; /* the commands after the reset: tshark checks */
        }
        off += 16 + cap;
    }
    CHECKF(k == NCMD + 3 && off == fl, "%d records, %zu of %zu bytes", k,
           off, fl);
    CHECK(ok_hdr == NCMD + 3 && ok_ip == NCMD + 3 && ok_udp == NCMD + 3 &&
          ok_gt == NCMD + 3);
    CHECKF(ok_apdu == NCMD + 3, "%d frames hold the exchange", ok_apdu);
}

/* ---- 3. tshark ------------------------------------------------------------ */

static void t_tshark(void)
{
    char *warn[] = {"/usr/bin/tshark", "-r", trace, "-Y",
                    "_ws.malformed || _ws.expert.severity >= warning", NULL};
    char *fields[] = {"/usr/bin/tshark", "-r", trace, "-T", "fields",
                      "-E", "separator=,", "-e", "frame.protocols",
                      "-e", "gsm_sim.apdu.ins", "-e", "gsm_sim.apdu.sw",
                      "-e", "gsm_sim.file_id", "-e", "gsm_sim.aid",
                      "-e", "gsm_sim.bin_offset", "-e", "gsm_sim.sfi",
                      "-e", "gsm_sim.apdu.data", NULL};
    char *verbose[] = {"/usr/bin/tshark", "-r", trace, "-V", NULL};
    static const char *const want[NCMD + 3] = {
        "eth:ethertype:ip:udp:gsmtap:gsm_sim,0xa4,0x6125,0x3f00,,,,",
        NULL, /* GET RESPONSE: its data is the FCP, compared below */
        "eth:ethertype:ip:udp:gsmtap:gsm_sim,0xa4,0x9000,,"
        USIM_AID ",,,",
        "eth:ethertype:ip:udp:gsmtap:gsm_sim,0x20,0x9000,,,,,",
        "eth:ethertype:ip:udp:gsmtap:gsm_sim,0xa4,0x9000,0x6f07,,,,",
        "eth:ethertype:ip:udp:gsmtap:gsm_sim,0xa4,0x9000,," USIM_AID ",,,",
        "eth:ethertype:ip:udp:gsmtap:gsm_sim,0x20,0x9000,,,,,",
        "eth:ethertype:ip:udp:gsmtap:gsm_sim,0xa4,0x9000,0x6f07,,,,",
        "eth:ethertype:ip:udp:gsmtap:gsm_sim,0xb0,0x9000,,,0,,"
        "080910100000000010",
        "eth:ethertype:ip:udp:gsmtap:gsm_sim,0xb0,0x9000,,,0,0x07,"
        "080910100000000010",
        "eth:ethertype:ip:udp:gsmtap:gsm_sim,0xf2,0x9000,,,,,",
        "eth:ethertype:ip:udp:gsmtap:gsm_sim,0x88,0x612c,,,,,",
        NULL, /* GET RESPONSE: DB RES CK IK, compared below */
        "eth:ethertype:ip:udp:gsmtap:gsm_sim,0x88,0x9862,,,,,",
        "eth:ethertype:ip:udp:gsmtap:gsm_sim,0x88,0x6110,,,,,",
        NULL, /* GET RESPONSE: DC AUTS */
    };
    char *p = out, *e, line[1500], gr[1500];
    int k = 0, bad = 0;
    CHECK(run(NULL, warn) == 0);
    CHECKF(out[0] == '\0', "malformed or warning frames:\n%s", out);
    CHECK(run(NULL, fields) == 0);
    p = out;
    while ((e = strchr(p, '\n')) != NULL && k < NCMD + 3) {
        snprintf(line, sizeof line, "%.*s", (int)(e - p), p);
        if (want[k] == NULL) {
            /* GET RESPONSE: the data the card returned (the FCP of the MF,
             * then the AUTHENTICATE responses); the frame index k maps to
             * command k - 3 after the reset's 3 extra commands */
            const char *rr = resp[k < 5 ? k : k - 3];
            snprintf(gr, sizeof gr,
                     "eth:ethertype:ip:udp:gsmtap:gsm_sim,0xc0,0x9000,,,,,%.*s",
                     (int)strlen(rr) - 4, rr);
            bad += strcmp(line, gr) != 0;
            if (strcmp(line, gr) != 0)
                fprintf(stdout, "  frame %d: %s\n  want     %s\n", k + 1,
                        line, gr);
        } else if (strcmp(line, want[k]) != 0) {
            bad++;
            fprintf(stdout, "  frame %d: %s\n  want     %s\n", k + 1, line,
                    want[k]);
        }
        k++;
        p = e + 1;
    }
    CHECKF(k == NCMD + 3 && bad == 0, "%d frames decoded, %d differ", k, bad);
    CHECK(run(NULL, verbose) == 0);
    CHECK(strstr(out, "GSM SIM 11.11") != NULL &&
          strstr(out, "Instruction: SELECT (0xa4)") != NULL &&
          strstr(out, "Instruction: READ BINARY (0xb0)") != NULL &&
          strstr(out, "APDU Payload: 080910100000000010") != NULL &&
          strstr(out, "Malformed") == NULL);
}

int main(int argc, char **argv)
{
    const char *env = getenv("KILIST_BIN");
    char *pers[] = {kilist, "card", "personalise", "--profile", PROFILE,
                    "--image", image, NULL};
    int rc;
    (void)argc;
    if (env != NULL) {
        snprintf(kilist, sizeof kilist, "%s", env);
    } else {
        /* BUILD/test/test_card_trace -> BUILD/san/kilist */
        const char *slash = strrchr(argv[0], '/');
        int n = slash == NULL ? 0 : (int)(slash - argv[0]);
        snprintf(kilist, sizeof kilist, "%.*s%s../san/kilist", n, argv[0],
                 n > 0 ? "/" : "");
    }
    if (mkdtemp(dir) == NULL) {
        printf("FAIL card_trace/setup: mkdtemp\n");
        return 1;
    }
    snprintf(image, sizeof image, "%s/card.img", dir);
    snprintf(trace, sizeof trace, "%s/t.pcap", dir);
    if (auth_vectors(0, auth_ok, auth_bad, auth_want, auth_sync) != 0) {
        printf("FAIL card_trace/setup: reference MILENAGE\n");
        return 1;
    }
    tl_run("card_trace", "builder", t_builder);
    if (run(NULL, pers) != 0) {
        printf("FAIL card_trace/setup: personalise: %s\n", err);
    } else {
        tl_run("card_trace", "run_trace", t_run_trace);
        if (access("/usr/bin/tshark", X_OK) != 0)
            printf("SKIP card_trace/tshark: tshark is not installed (Debian "
                   "tshark)\n");
        else
            tl_run("card_trace", "tshark", t_tshark);
    }
    rc = tl_finish();
    {
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            rc = 1;
    }
    return rc;
}
