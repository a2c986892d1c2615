/* vpcd.c - the card as a vpcd client: the message handler and the socket
 * loop (protocol in vpcd.h). */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L
#include "vpcd.h"

#include <errno.h>
#include <stdarg.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "sw.h"

#define RETRY_MS 250
#define POLL_MS 200

static void say(kl_vpcd *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void say(kl_vpcd *v, const char *fmt, ...)
{
    va_list ap;
    if (v->log == NULL)
        return;
    fputs("kilist card vpcd: ", v->log);
    va_start(ap, fmt);
    vfprintf(v->log, fmt, ap);
    va_end(ap);
    fputc('\n', v->log);
    fflush(v->log);
}

/* Power-on or reset: the volatile state back to power-on, and the ATR the
 * card gives (kept for vpcd's ATR requests). */
static int reset(kl_vpcd *v)
{
    if (kl_card_reset(v->card, v->atr, sizeof v->atr, &v->natr) !=
        KL_UICC_OK) {
        v->natr = 0;
        return -1;
    }
    return 0;
}

int kl_vpcd_message(kl_vpcd *v, const uint8_t *msg, size_t len, uint8_t *out,
                    size_t cap, size_t *outlen, int *reply)
{
    uint32_t seq;
    int rc;
    if (v == NULL || v->card == NULL || msg == NULL || out == NULL ||
        outlen == NULL || reply == NULL || cap < KL_CARD_RESP_MAX)
        return -1;
    *reply = 0;
    *outlen = 0;
    if (len == 0)
        return 0; /* vpcd sends none; nothing to answer */
    if (len == 1) {
        switch (msg[0]) {
        case KL_VPCD_POWER_OFF:
            v->powered = 0;
            return 0;
        case KL_VPCD_POWER_ON:
        case KL_VPCD_RESET:
            /* a cold or warm reset: volatile state back to power-on */
            if (reset(v) != 0)
                return -1;
            v->powered = 1;
            v->resets++;
            return 0;
        case KL_VPCD_ATR:
            /* vpcd asks on every presence poll (about every 400 ms):
             * answering must not touch a powered card's session, so the
             * ATR of the last reset is sent; an unpowered card has no
             * session to lose */
            if (v->natr == 0 && (v->powered || reset(v) != 0))
                return -1;
            memcpy(out, v->atr, v->natr);
            *outlen = v->natr;
            *reply = 1;
            return 0;
        default:
            return 0; /* unknown control byte: vpcd expects no reply */
        }
    }
    /* a command APDU; vpcd only sends one to a powered card, but an
     * unpowered card is powered by it rather than left silent */
    if (!v->powered) {
        if (reset(v) != 0)
            return -1;
        v->powered = 1;
    }
    seq = v->card->txn.seq;
    rc = kl_card_apdu(v->card, msg, len, out, cap, outlen);
    if (rc != KL_UICC_OK) {
        /* not reachable with a booted card and no power-cut hook armed */
        out[0] = (uint8_t)(KL_SW_TECHNICAL >> 8);
        out[1] = (uint8_t)KL_SW_TECHNICAL;
        *outlen = 2;
    }
    v->apdus++;
    if (v->card->txn.seq != seq && v->image != NULL &&
        kl_card_save_file(v->card, v->image) != KL_UICC_OK) {
        say(v, "cannot write %s: stopping (the response is not sent)",
            v->image);
        return -1;
    }
    if (v->trace != NULL && kl_pcap_apdu(v->trace, msg, len, out, *outlen) != 0)
        say(v, "cannot write the trace: %s", strerror(errno));
    *reply = 1;
    return 0;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL); /* a signal ends it early: fine */
}

static int connect_to(const char *host, const char *port, char *why,
                      size_t whylen)
{
    struct addrinfo hints, *res = NULL, *a;
    int fd = -1, rc, err = 0;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0) {
        snprintf(why, whylen, "%s", gai_strerror(rc));
        return -1;
    }
    for (a = res; a != NULL; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        if (connect(fd, a->ai_addr, a->ai_addrlen) == 0)
            break;
        err = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        snprintf(why, whylen, "%s", strerror(err));
        return -1;
    }
    {
        int one = 1;
        /* each message is one send() already; no Nagle delay on ours */
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    return fd;
}

/* vpcd writes a message's length and its payload with two send() calls:
 * with the peer's Nagle and our delayed ACK every APDU would wait ~40 ms.
 * TCP_QUICKACK (Linux) is not sticky: set it before every read. */
static void quickack(int fd)
{
#ifdef TCP_QUICKACK
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
#else
    (void)fd;
#endif
}

/* Reads exactly n bytes: 1, 0 on EOF before the first byte, -1 on an
 * error or EOF inside, -2 when *stop was set. */
static int read_exact(int fd, uint8_t *p, size_t n,
                      volatile sig_atomic_t *stop)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r;
        if (*stop)
            return -2;
        quickack(fd);
        r = recv(fd, p + got, n - got, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0)
            return got == 0 ? 0 : -1;
        if (r < 0)
            return -1;
        got += (size_t)r;
    }
    return 1;
}

static int send_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Serves one connection: 0 when vpcd closed it (or it failed), 1 when
 * *stop was set, -1 when the card cannot go on. */
static int serve(kl_vpcd *v, int fd, volatile sig_atomic_t *stop)
{
    static uint8_t msg[KL_VPCD_MSG_MAX];
    uint8_t out[2 + KL_CARD_RESP_MAX];
    for (;;) {
        struct pollfd pfd = {fd, POLLIN, 0};
        uint8_t hdr[2];
        size_t len, outlen = 0;
        int r, reply = 0;
        if (*stop)
            return 1;
        r = poll(&pfd, 1, POLL_MS);
        if (r < 0 && errno != EINTR)
            return 0;
        if (r <= 0)
            continue;
        r = read_exact(fd, hdr, 2, stop);
        if (r == -2)
            return 1;
        if (r <= 0)
            return 0;
        len = (size_t)hdr[0] << 8 | hdr[1];
        r = read_exact(fd, msg, len, stop);
        if (r == -2)
            return 1;
        if (len > 0 && r <= 0)
            return 0;
        if (kl_vpcd_message(v, msg, len, out + 2, sizeof out - 2, &outlen,
                            &reply) != 0)
            return -1;
        if (!reply)
            continue;
        out[0] = (uint8_t)(outlen >> 8);
        out[1] = (uint8_t)outlen;
        /* length and payload in one send: one TCP segment */
        if (send_all(fd, out, outlen + 2) != 0)
            return 0;
    }
}

int kl_vpcd_run(kl_vpcd *v, const char *host, const char *port, int reconnect,
                volatile sig_atomic_t *stop)
{
    char why[256];
    int waiting = 0;
    if (v == NULL || v->card == NULL || host == NULL || port == NULL ||
        stop == NULL)
        return -1;
    while (!*stop) {
        int fd = connect_to(host, port, why, sizeof why), r;
        if (fd < 0) {
            if (!reconnect) {
                say(v, "cannot connect to vpcd at %s:%s: %s", host, port, why);
                return -1;
            }
            if (!waiting)
                say(v, "waiting for vpcd at %s:%s (%s)", host, port, why);
            waiting = 1;
            sleep_ms(RETRY_MS);
            continue;
        }
        waiting = 0;
        v->sessions++;
        v->powered = 0;
        say(v, "connected to vpcd at %s:%s", host, port);
        r = serve(v, fd, stop);
        close(fd);
        if (r < 0)
            return -1;
        if (r > 0)
            break;
        v->powered = 0;
        if (!reconnect) {
            say(v, "vpcd at %s:%s closed the connection", host, port);
            return -1;
        }
        say(v, "vpcd at %s:%s closed the connection; reconnecting", host,
            port);
    }
    say(v, "stopped by a signal after %lu APDUs in %lu sessions", v->apdus,
        v->sessions);
    return 0;
}
