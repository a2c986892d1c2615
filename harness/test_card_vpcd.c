/* test_card_vpcd.c - `kilist card vpcd`: the card as the client of
 * vsmartcard's vpcd (protocol in uicc/vpcd.h).
 *
 * 1. Without PC/SC: --help and usage errors; the clear error of
 *    --no-reconnect when nothing listens; a session with this test playing
 *    vpcd on a loopback port (ATR requests, power on/off, reset, APDUs, the
 *    session kept across presence polls and lost on reset, the state kept
 *    in the image, the connection closed and re-made, SIGTERM, the trace).
 * 2. With pcscd, the vpcd driver and pyscard (Debian pcscd, vsmartcard-vpcd,
 *    python3-pyscard; SKIP when one is absent): pcscd in the foreground
 *    with a private reader.conf.d, inside private network and mount
 *    namespaces when the kernel allows (its socket and ports then clash
 *    with nothing); the card on examples/profile.json; pyscard (run by
 *    harness/test_card_vpcd.py) selects ADF.USIM by AID, verifies PIN1,
 *    reads EF.IMSI and EF.ICCID (checked against an encoding of the
 *    profile written here from TS 31.102 4.2.2 and TS 102 221 13.2), and
 *    runs AUTHENTICATE three times: a wrong MAC (9862), a fresh SQN (RES,
 *    CK, IK equal to harness/ref_milenage's f2, f3, f4) and the same SQN
 *    again (DC with the AUTS the reference computes).
 * Every process started is stopped by its PID and waited for. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ref_milenage.h"
#include "testlib.h"
#include "test_auth_vectors.h"

#define OUT_MAX 65536
#define PROFILE "examples/profile.json"
#define IMSI "001010000000001"         /* examples/profile.json */
#define ICCID "8988211000000430010"    /* examples/profile.json */
#define PIN1 "31323334ffffffff"        /* "1234" */
#define USIM_AID "a0000000871002ffffffff8907090000"
#define ATR_HEX "3b80801fc7d8"

static char kilist[4096];
static char dir[] = "/tmp/kilist-vpcd-XXXXXX";
static char image[4200], out[OUT_MAX], err[OUT_MAX];

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

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

static void path_in(char *p, size_t cap, const char *name)
{
    snprintf(p, cap, "%s/%s", dir, name);
}

/* Starts argv with stdin from in_path (or /dev/null), stdout and stderr to
 * files in the test folder; the child dies with this test. */
static pid_t spawn(char *const argv[], const char *in_path, const char *name)
{
    char o[4300], e[4300];
    pid_t pid;
    snprintf(o, sizeof o, "%s/%s.out", dir, name);
    snprintf(e, sizeof e, "%s/%s.err", dir, name);
    fflush(stdout);
    pid = fork();
    if (pid != 0)
        return pid;
    {
        int i = open(in_path != NULL ? in_path : "/dev/null", O_RDONLY);
        int fo = open(o, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int fe = open(e, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (i < 0 || fo < 0 || fe < 0)
            _exit(126);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        dup2(i, 0);
        dup2(fo, 1);
        dup2(fe, 2);
        execv(argv[0], argv);
        _exit(127);
    }
}

/* Waits up to secs for pid: its exit status, 128 + signal, or -1 after
 * killing it (SIGKILL) on the timeout.  Always reaps it. */
static int wait_for(pid_t pid, double secs)
{
    double end = now() + secs;
    int st;
    for (;;) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid)
            return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        if (r < 0)
            return -1;
        if (now() > end) {
            kill(pid, SIGKILL);
            waitpid(pid, &st, 0);
            return -1;
        }
        sleep_ms(10);
    }
}

static void read_outputs(const char *name)
{
    char p[4300];
    snprintf(p, sizeof p, "%s/%s.out", dir, name);
    slurp(p, out, sizeof out);
    snprintf(p, sizeof p, "%s/%s.err", dir, name);
    slurp(p, err, sizeof err);
}

/* Runs kilist with args (NULL-terminated) and stdin text to the end. */
static int kilist_run(const char *input, const char *const *args)
{
    char *argv[32], in_path[4300];
    int n = 0, rc;
    FILE *f;
    path_in(in_path, sizeof in_path, "stdin");
    f = fopen(in_path, "wb");
    if (f == NULL)
        return -1;
    fputs(input != NULL ? input : "", f);
    fclose(f);
    argv[n++] = kilist;
    for (; args[n - 1] != NULL && n < 31; n++)
        argv[n] = (char *)args[n - 1];
    argv[n] = NULL;
    rc = wait_for(spawn(argv, in_path, "kilist"), 20);
    read_outputs("kilist");
    return rc;
}

/* ---- the encodings the card must show, from the standards -------------- */

/* EF.IMSI (TS 31.102 4.2.2): length byte, then digit 1 with the parity
 * nibble (9 odd, 1 even), then the digits two by two, low nibble first,
 * 'F'-padded. */
static void imsi_ef(const char *d, char *hex)
{
    uint8_t b[9];
    size_t n = strlen(d);
    memset(b, 0xFF, sizeof b);
    b[0] = (uint8_t)((n + 2) / 2);
    b[1] = (uint8_t)((d[0] - '0') << 4 | (n % 2 ? 9 : 1));
    for (size_t k = 1; k < n; k++) {
        uint8_t *p = &b[1 + (k + 1) / 2];
        if (k % 2)
            *p = (uint8_t)((*p & 0xF0) | (d[k] - '0'));
        else
            *p = (uint8_t)((*p & 0x0F) | (d[k] - '0') << 4);
    }
    tl_bin2hex(b, sizeof b, hex);
}

/* EF.ICCID (TS 102 221 13.2): BCD, low nibble first, 'F'-padded to 10. */
static void iccid_ef(const char *d, char *hex)
{
    uint8_t b[10];
    size_t n = strlen(d);
    memset(b, 0xFF, sizeof b);
    for (size_t k = 0; k < n && k < 20; k++) {
        uint8_t *p = &b[k / 2];
        if (k % 2 == 0)
            *p = (uint8_t)((*p & 0xF0) | (d[k] - '0'));
        else
            *p = (uint8_t)((*p & 0x0F) | (d[k] - '0') << 4);
    }
    tl_bin2hex(b, sizeof b, hex);
}


/* ---- AUTHENTICATE against an independent MILENAGE ------------------------ */

/* examples/profile.json entry 0 (TS 35.208 test set 1 K and OPc), whose
 * SQN is personalised as 000000000020: SEQ 1, IND 0 (IND 5 bits). */
/* AUTH_* and auth_vectors(): harness/test_auth_vectors.h. */

/* ---- 1. without PC/SC ---------------------------------------------------- */

static void t_help_and_usage(void)
{
    const char *help[] = {"card", "vpcd", "--help", NULL};
    const char *noimg[] = {"card", "vpcd", "--port", "1", NULL};
    const char *badport[] = {"card", "vpcd", "--image", image, "--port",
                             "70000", NULL};
    const char *unknown[] = {"card", "vpcd", "--image", image, "--bogus", NULL};
    CHECK(kilist_run(NULL, help) == 0);
    CHECK(strstr(out, "vpcd") != NULL && strstr(out, "3B 80 80 1F C7 D8") &&
          strstr(out, "T=0") && strstr(out, "--trace") &&
          strstr(out, "SIGTERM"));
    CHECK(kilist_run(NULL, noimg) == 2 && out[0] == '\0' &&
          strstr(err, "--image") != NULL);
    CHECK(kilist_run(NULL, badport) == 2 && strstr(err, "--port") != NULL);
    CHECK(kilist_run(NULL, unknown) == 2 && strstr(err, "--bogus") != NULL);
}

/* A loopback TCP port nobody listens on (bound, then closed). */
static int free_port(void)
{
    struct sockaddr_in a;
    socklen_t al = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM, 0), port;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &al) != 0)
        port = -1;
    else
        port = ntohs(a.sin_port);
    if (fd >= 0)
        close(fd);
    return port;
}

static void t_no_vpcd(void)
{
    char port[16];
    const char *args[] = {"card", "vpcd", "--image", image, "--port", port,
                          "--no-reconnect", NULL};
    char want[64];
    snprintf(port, sizeof port, "%d", free_port());
    snprintf(want, sizeof want, "cannot connect to vpcd at 127.0.0.1:%s",
             port);
    CHECK(kilist_run(NULL, args) == 1);
    CHECKF(strstr(err, want) != NULL, "stderr: %s", err);
}

/* This test as vpcd: a listening loopback socket. */
static int listen_any(int *port)
{
    struct sockaddr_in a;
    socklen_t al = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
        listen(fd, 1) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &al) != 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    *port = ntohs(a.sin_port);
    return fd;
}

static int accept_within(int lfd, int ms)
{
    struct pollfd p = {lfd, POLLIN, 0};
    if (poll(&p, 1, ms) != 1)
        return -1;
    return accept(lfd, NULL, NULL);
}

static int send_msg(int fd, const uint8_t *m, size_t n)
{
    uint8_t b[600];
    b[0] = (uint8_t)(n >> 8);
    b[1] = (uint8_t)n;
    memcpy(b + 2, m, n);
    return send(fd, b, n + 2, MSG_NOSIGNAL) == (ssize_t)(n + 2) ? 0 : -1;
}

/* Reads exactly n bytes within ms: 0, or -1. */
static int recv_exact(int fd, uint8_t *b, size_t n, int ms)
{
    size_t got = 0;
    while (got < n) {
        struct pollfd p = {fd, POLLIN, 0};
        ssize_t r;
        if (poll(&p, 1, ms) != 1)
            return -1;
        r = recv(fd, b + got, n - got, 0);
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

/* One reply from the card as hex, "(none)" when none came within ms. */
static void recv_hex(int fd, char *hex, int ms)
{
    uint8_t h[2], b[600];
    size_t n;
    if (recv_exact(fd, h, 2, ms) != 0) {
        strcpy(hex, "(none)");
        return;
    }
    n = (size_t)h[0] << 8 | h[1];
    if (n > sizeof b || recv_exact(fd, b, n, ms) != 0) {
        strcpy(hex, "(bad)");
        return;
    }
    tl_bin2hex(b, n, hex);
}

static void ctrl(int fd, uint8_t c)
{
    send_msg(fd, &c, 1);
}

/* Sends an APDU (hex) and returns the card's reply as hex in got. */
static void xchg(int fd, const char *apdu, char *got)
{
    uint8_t a[300];
    size_t n = strlen(apdu) / 2;
    if (tl_hex2bin(apdu, a, n) != 0 || send_msg(fd, a, n) != 0) {
        strcpy(got, "(send failed)");
        return;
    }
    recv_hex(fd, got, 3000);
}

#define XCHG(fd, apdu, want)                                                 \
    do {                                                                     \
        char g_[1200];                                                       \
        xchg((fd), (apdu), g_);                                              \
        CHECKF(strcmp(g_, (want)) == 0, "%s -> %s, want %s", (apdu), g_,     \
               (want));                                                      \
    } while (0)

/* The number of records of a pcap file, -1 if it is not one. */
static int pcap_records(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t h[24], r[16], buf[2048];
    int n = 0;
    if (f == NULL)
        return -1;
    if (fread(h, 1, 24, f) != 24 || memcmp(h, "\xd4\xc3\xb2\xa1", 4) != 0) {
        fclose(f);
        return -1;
    }
    while (fread(r, 1, 16, f) == 16) {
        uint32_t len = (uint32_t)r[8] | (uint32_t)r[9] << 8 |
                       (uint32_t)r[10] << 16 | (uint32_t)r[11] << 24;
        if (len > sizeof buf || fread(buf, 1, len, f) != len) {
            fclose(f);
            return -1;
        }
        n++;
    }
    fclose(f);
    return n;
}

static void t_fake_vpcd(void)
{
    char port[16], trace[4300], imsi[32], iccid[32], want[128], got[1200];
    const char *verify_none[] = {"card", "run", "--image", image, NULL};
    char *argv[16];
    int lfd, fd, p = 0, n = 0, rc;
    pid_t pid;
    double t0;
    lfd = listen_any(&p);
    CHECK(lfd >= 0);
    if (lfd < 0)
        return;
    snprintf(port, sizeof port, "%d", p);
    path_in(trace, sizeof trace, "fake.pcap");
    imsi_ef(IMSI, imsi);
    iccid_ef(ICCID, iccid);
    argv[n++] = kilist;
    argv[n++] = "card";
    argv[n++] = "vpcd";
    argv[n++] = "--image";
    argv[n++] = image;
    argv[n++] = "--host";
    argv[n++] = "localhost";
    argv[n++] = "--port";
    argv[n++] = port;
    argv[n++] = "--trace";
    argv[n++] = trace;
    argv[n] = NULL;
    pid = spawn(argv, NULL, "vpcd-fake");
    fd = accept_within(lfd, 5000);
    CHECKF(fd >= 0, "the card did not connect within 5 s");
    if (fd < 0) {
        kill(pid, SIGKILL);
        wait_for(pid, 5);
        close(lfd);
        return;
    }
    /* presence poll of an unpowered card: the ATR */
    ctrl(fd, 0x04);
    recv_hex(fd, got, 3000);
    CHECKF(strcmp(got, ATR_HEX) == 0, "ATR %s", got);
    /* power on: no reply (the next reply is the ATR asked after it) */
    ctrl(fd, 0x01);
    ctrl(fd, 0x04);
    recv_hex(fd, got, 3000);
    CHECKF(strcmp(got, ATR_HEX) == 0, "after power on: %s", got);
    /* the pyscard sequence, Le included as pyscard sends it */
    xchg(fd, "00a4040410" USIM_AID "00", got);
    CHECKF(strncmp(got, "62", 2) == 0 && strstr(got, USIM_AID) != NULL &&
               strcmp(got + strlen(got) - 4, "9000") == 0,
           "SELECT ADF.USIM -> %s", got);
    XCHG(fd, "00a4000c026f07", "9000");
    XCHG(fd, "00b0000009", "6982"); /* PIN1 not verified */
    XCHG(fd, "0020000108" PIN1, "9000");
    /* presence polls do not end the session */
    ctrl(fd, 0x04);
    recv_hex(fd, got, 3000);
    CHECK(strcmp(got, ATR_HEX) == 0);
    snprintf(want, sizeof want, "%s9000", imsi);
    XCHG(fd, "00b0000009", want);
    {
        char a[200], b[200], ok[200], sy[200];
        CHECK(auth_vectors(1, a, b, ok, sy) == 0);
        XCHG(fd, b, "9862"); /* MAC failure first: nothing changes */
        XCHG(fd, a, ok);     /* RES, CK, IK as the reference computes */
        XCHG(fd, a, sy);     /* replayed: resynchronisation, AUTS */
    }
    snprintf(want, sizeof want, "%s9000", iccid);
    XCHG(fd, "00a4080c022fe2", "9000");
    XCHG(fd, "00b000000a", want);
    /* a reset ends it: PIN1 must be verified again */
    ctrl(fd, 0x02);
    ctrl(fd, 0x04);
    recv_hex(fd, got, 3000);
    CHECK(strcmp(got, ATR_HEX) == 0);
    XCHG(fd, "00a4080c047fff6f07", "9000");
    XCHG(fd, "00b0000009", "6982");
    /* a failed try is stored (the counter outlives the process) */
    XCHG(fd, "0020000108" "39393939ffffffff", "63c2");
    /* power off, then an APDU: the card powers up, without the session */
    ctrl(fd, 0x00);
    XCHG(fd, "00b0000009", "6986"); /* MF current again: no EF */
    /* vpcd goes away: the card reconnects and keeps its state */
    close(fd);
    t0 = now();
    fd = accept_within(lfd, 5000);
    CHECKF(fd >= 0, "the card did not reconnect within 5 s");
    if (fd >= 0) {
        fprintf(stdout, "  reconnected after %.2f s\n", now() - t0);
        ctrl(fd, 0x01);
        XCHG(fd, "00200001", "63c2");
        /* unknown control byte: no reply, the card goes on */
        ctrl(fd, 0x7e);
        XCHG(fd, "00200001", "63c2");
    }
    /* SIGTERM: clean exit */
    t0 = now();
    kill(pid, SIGTERM);
    rc = wait_for(pid, 5);
    CHECKF(rc == 0, "exit status %d after SIGTERM", rc);
    CHECKF(now() - t0 < 2.0, "SIGTERM took %.2f s", now() - t0);
    read_outputs("vpcd-fake");
    CHECKF(strstr(err, "reconnecting") != NULL &&
               strstr(err, "connected to vpcd at localhost:") != NULL,
           "stderr: %s", err);
    if (fd >= 0) {
        /* the card closed its end: EOF */
        uint8_t b;
        CHECK(recv_exact(fd, &b, 1, 1000) != 0);
        close(fd);
    }
    close(lfd);
    /* every APDU is in the trace (the control bytes are not) */
    n = pcap_records(trace);
    CHECKF(n == 16, "trace: %d records, 16 APDUs sent", n);
    /* the failed try is in the image */
    CHECK(kilist_run("00200001\n", verify_none) == 0 &&
          strcmp(out, "63c2\n") == 0);
}

/* ---- 2. pcscd + vpcd + pyscard ------------------------------------------ */

static int have(const char *path)
{
    return access(path, X_OK) == 0 || access(path, R_OK) == 0;
}

/* 1 when a TCP socket listens on port (this network namespace). */
static int listening(int port)
{
    FILE *f = fopen("/proc/net/tcp", "r");
    char line[512];
    int found = 0;
    if (f == NULL)
        return 0;
    while (fgets(line, sizeof line, f) != NULL) {
        unsigned lp, st;
        if (sscanf(line, " %*d: %*x:%x %*x:%*x %x", &lp, &st) == 2 &&
            (int)lp == port && st == 0x0A)
            found = 1;
    }
    fclose(f);
    return found;
}

/* Private network and mount namespaces for this process and its children:
 * loopback up, a tmpfs on /run (pcscd's socket and PID file).  0, or -1
 * (then nothing was changed). */
static int private_namespaces(void)
{
    struct ifreq ifr;
    int s;
    if (unshare(CLONE_NEWNET | CLONE_NEWNS) != 0)
        return -1;
    if (mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
        mount("tmpfs", "/run", "tmpfs", 0, "mode=0755") != 0)
        return -2;
    s = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&ifr, 0, sizeof ifr);
    snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "lo");
    if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr) != 0)
        return -2;
    ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
    if (ioctl(s, SIOCSIFFLAGS, &ifr) != 0)
        return -2;
    close(s);
    return 0;
}

static void t_pcscd(void)
{
    char conf[4300], cfile[4400], portarg[16], trace[4300], imsi[32],
        iccid[32], want[256], line[256];
    char *pcscd_argv[] = {"/usr/sbin/pcscd", "--foreground", "--apdu",
                          "-c", conf, NULL};
    char *card_argv[16], *py_argv[16];
    pid_t pcscd, card, py;
    int port = 0x8C7B, ns, rc, n = 0;
    double t0;
    FILE *f;
    ns = private_namespaces();
    CHECKF(ns != -2, "private namespaces half made: %s", strerror(errno));
    if (ns != 0) {
        /* shared namespaces: a free port of our own, and no other pcscd */
        struct stat sb;
        fprintf(stdout, "  no private namespaces (%s): shared ones\n",
                strerror(errno));
        CHECKF(stat("/run/pcscd/pcscd.comm", &sb) != 0,
               "another pcscd runs (/run/pcscd/pcscd.comm exists)");
        port = free_port();
        if (stat("/run/pcscd/pcscd.comm", &sb) == 0 || port < 0)
            return;
    }
    path_in(conf, sizeof conf, "reader.conf.d");
    mkdir(conf, 0700);
    snprintf(cfile, sizeof cfile, "%s/vpcd", conf);
    f = fopen(cfile, "w");
    CHECK(f != NULL);
    if (f == NULL)
        return;
    fprintf(f, "FRIENDLYNAME \"Kilist VPCD\"\nDEVICENAME /dev/null:0x%X\n"
               "LIBPATH /usr/lib/pcsc/drivers/serial/libifdvpcd.so\n"
               "CHANNELID 0x%X\n", (unsigned)port, (unsigned)port);
    fclose(f);
    pcscd = spawn(pcscd_argv, NULL, "pcscd");
    t0 = now();
    while (!listening(port) && now() - t0 < 10)
        sleep_ms(20);
    CHECKF(listening(port), "pcscd's vpcd does not listen on %d", port);
    snprintf(portarg, sizeof portarg, "%d", port);
    path_in(trace, sizeof trace, "pcsc.pcap");
    card_argv[n++] = kilist;
    card_argv[n++] = "card";
    card_argv[n++] = "vpcd";
    card_argv[n++] = "--image";
    card_argv[n++] = image;
    card_argv[n++] = "--trace";
    card_argv[n++] = trace;
    if (port != 0x8C7B) {
        card_argv[n++] = "--port";
        card_argv[n++] = portarg;
    }
    card_argv[n] = NULL;
    card = spawn(card_argv, NULL, "vpcd-card");
    {
        static char a[200], b[200], ok[200], sy[200], w_imsi[64], w_iccid[64];
        /* the APDUs, and what each must answer ("" : checked apart) */
        const char *apdus[] = {
            "00a4040410" USIM_AID "00", /* SELECT ADF.USIM, FCP */
            "0020000108" PIN1,          /* VERIFY PIN1 */
            "00a4000c026f07",           /* SELECT EF.IMSI */
            "00b0000009",               /* READ BINARY */
            b, a, a,                    /* AUTHENTICATE: MAC failure, success,
                                           replay */
            "00a4080c022fe2",           /* SELECT EF.ICCID by path */
            "00b000000a",
            "00a40004023f00",           /* T=0 case 4 without Le: 61 XX */
        };
        const char *wants[] = {"", "9000", "9000", w_imsi, "9862", ok, sy,
                               "9000", w_iccid, ""};
        const size_t na = sizeof apdus / sizeof apdus[0];
        const char *p;
        size_t k;
        CHECK(auth_vectors(1, a, b, ok, sy) == 0);
        imsi_ef(IMSI, imsi);
        iccid_ef(ICCID, iccid);
        snprintf(w_imsi, sizeof w_imsi, "%s9000", imsi);
        snprintf(w_iccid, sizeof w_iccid, "%s9000", iccid);
        n = 0;
        py_argv[n++] = "/usr/bin/python3";
        py_argv[n++] = "harness/test_card_vpcd.py";
        py_argv[n++] = "Kilist VPCD 00 00";
        py_argv[n++] = "15";
        for (k = 0; k < na; k++)
            py_argv[n++] = (char *)apdus[k];
        py_argv[n] = NULL;
        py = spawn(py_argv, NULL, "pyscard");
        rc = wait_for(py, 30);
        read_outputs("pyscard");
        CHECKF(rc == 0, "pyscard exit %d: %s", rc, err);
        snprintf(want, sizeof want, "atr " ATR_HEX "\nprotocol T0\n");
        CHECKF(strncmp(out, want, strlen(want)) == 0, "pyscard: %s", out);
        p = out;
        for (k = 0; k < 2 && p != NULL; k++) {
            p = strchr(p, '\n');
            p = p != NULL ? p + 1 : NULL;
        }
        for (k = 0; k < na; k++) {
            const char *e = p != NULL ? strchr(p, '\n') : NULL;
            size_t l = e != NULL ? (size_t)(e - p) : 0;
            if (e == NULL || l >= sizeof line) {
                CHECKF(0, "response %zu missing: %s", k, out);
                break;
            }
            memcpy(line, p, l);
            line[l] = '\0';
            if (k == 0)
                CHECKF(strncmp(line, "62", 2) == 0 &&
                           strstr(line, USIM_AID) != NULL &&
                           strcmp(line + l - 4, "9000") == 0,
                       "SELECT ADF.USIM -> %s", line);
            else if (k == na - 1)
                CHECKF(l == 4 && strncmp(line, "61", 2) == 0,
                       "SELECT MF without Le -> %s", line);
            else
                CHECKF(strcmp(line, wants[k]) == 0,
                       "APDU %zu -> %s, want %s", k, line, wants[k]);
            p = e + 1;
        }
        fprintf(stdout, "  pyscard: IMSI %s, ICCID %s read; AUTHENTICATE "
                        "RES/CK/IK, 9862 and AUTS as ref_milenage computes\n",
                IMSI, ICCID);
    }
    /* stop the card, then pcscd, each by its PID */
    kill(card, SIGTERM);
    rc = wait_for(card, 5);
    CHECKF(rc == 0, "card exit %d after SIGTERM", rc);
    kill(pcscd, SIGTERM);
    rc = wait_for(pcscd, 10);
    CHECKF(rc == 0 || rc == 128 + SIGTERM, "pcscd exit %d", rc);
    read_outputs("pcscd");
    /* pcscd logged the APDUs it passed (its --apdu log) */
    CHECKF(strstr(out, "00 A4 04 04 10 A0 00 00 00 87 10 02") != NULL,
           "pcscd log has no SELECT ADF.USIM");
    CHECKF(pcap_records(trace) == 10, "trace: %d records",
           pcap_records(trace));
}

int main(int argc, char **argv)
{
    const char *env = getenv("KILIST_BIN");
    const char *pers[] = {"card", "personalise", "--profile", PROFILE,
                          "--image", image, NULL};
    int rc;
    (void)argc;
    if (env != NULL) {
        snprintf(kilist, sizeof kilist, "%s", env);
    } else {
        /* BUILD/test/test_card_vpcd -> BUILD/san/kilist */
        const char *slash = strrchr(argv[0], '/');
        int n = slash == NULL ? 0 : (int)(slash - argv[0]);
        snprintf(kilist, sizeof kilist, "%.*s%s../san/kilist", n, argv[0],
                 n > 0 ? "/" : "");
    }
    signal(SIGPIPE, SIG_IGN);
    if (mkdtemp(dir) == NULL) {
        printf("FAIL card_vpcd/setup: mkdtemp\n");
        return 1;
    }
    snprintf(image, sizeof image, "%s/card.img", dir);
    if (kilist_run(NULL, pers) != 0) {
        printf("FAIL card_vpcd/setup: personalise %s: %s\n", PROFILE, err);
        return 1;
    }
    tl_run("card_vpcd", "help_and_usage", t_help_and_usage);
    tl_run("card_vpcd", "no_vpcd", t_no_vpcd);
    tl_run("card_vpcd", "fake_vpcd", t_fake_vpcd);
    /* fresh image: the fake session counted a failed try */
    {
        const char *force[] = {"card", "personalise", "--profile", PROFILE,
                               "--image", image, "--force", NULL};
        kilist_run(NULL, force);
    }
    if (!have("/usr/sbin/pcscd"))
        printf("SKIP card_vpcd/pcscd: pcscd is not installed (Debian "
               "pcscd)\n");
    else if (!have("/usr/lib/pcsc/drivers/serial/libifdvpcd.so"))
        printf("SKIP card_vpcd/pcscd: the vpcd driver is not installed "
               "(Debian vsmartcard-vpcd)\n");
    else if (!have("/usr/bin/python3") ||
             system("/usr/bin/python3 -c 'import smartcard' 2>/dev/null") != 0)
        printf("SKIP card_vpcd/pcscd: pyscard is not installed for "
               "/usr/bin/python3 (Debian python3-pyscard)\n");
    else
        tl_run("card_vpcd", "pcscd_pyscard", t_pcscd);
    rc = tl_finish();
    {
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            rc = 1;
    }
    return rc;
}
