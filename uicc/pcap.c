/* pcap.c - GSMTAP SIM traces in pcap files (layout in pcap.h). */
#define _POSIX_C_SOURCE 200809L
#include "pcap.h"

#include <errno.h>
#include <string.h>
#include <sys/time.h>

#include "apdu.h"

static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

/* pcap's own header fields are in the writer's byte order; the magic
 * tells the reader which.  Little-endian is written whatever the host. */
static void le32(uint8_t *p, uint32_t v)
{
    for (int k = 0; k < 4; k++)
        p[k] = (uint8_t)(v >> (8 * k));
}

static void le16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

size_t kl_gsmtap_sim_apdu(const uint8_t *cmd, size_t clen, const uint8_t *resp,
                          size_t rlen, uint8_t *out, size_t cap)
{
    kl_apdu_cmd c;
    size_t n = clen;
    int p3 = 0; /* 1: a P3 = 00 byte follows the header (case 1) */
    if (cmd == NULL || out == NULL || (resp == NULL && rlen > 0))
        return 0;
    if (kl_apdu_parse(cmd, clen, &c) == KL_APDU_OK) {
        if (c.apdu_case == KL_APDU_CASE_1)
            p3 = 1;
        else if (c.apdu_case == KL_APDU_CASE_4S)
            n = clen - 1; /* Le is not sent under T=0 */
    }
    if (n > cap || (size_t)p3 > cap - n || rlen > cap - n - (size_t)p3)
        return 0;
    memcpy(out, cmd, n);
    if (p3)
        out[n] = 0x00;
    if (rlen > 0)
        memcpy(out + n + (size_t)p3, resp, rlen);
    return n + (size_t)p3 + rlen;
}

/* RFC 791 header checksum: ones' complement of the ones' complement sum
 * of the header's 16-bit words. */
static uint16_t ip_checksum(const uint8_t *h, size_t n)
{
    uint32_t s = 0;
    for (size_t k = 0; k + 1 < n; k += 2)
        s += (uint32_t)h[k] << 8 | h[k + 1];
    while (s >> 16)
        s = (s & 0xFFFFu) + (s >> 16);
    return (uint16_t)~s;
}

size_t kl_pcap_frame(const uint8_t *cmd, size_t clen, const uint8_t *resp,
                     size_t rlen, uint16_t ip_id, uint8_t *out, size_t cap)
{
    const size_t hdr = KL_PCAP_LINK_HDR_BYTES + KL_GSMTAP_HDR_BYTES;
    uint8_t *eth = out, *ip = out + 14, *udp = out + 34, *gt = out + 42;
    size_t a, ip_len;
    if (out == NULL || cap < hdr)
        return 0;
    a = kl_gsmtap_sim_apdu(cmd, clen, resp, rlen, out + hdr, cap - hdr);
    if (a == 0 || a > KL_GSMTAP_APDU_MAX)
        return 0;
    memset(out, 0, hdr);
    put16(eth + 12, 0x0800u); /* IPv4 */
    ip_len = 20u + 8u + KL_GSMTAP_HDR_BYTES + a;
    ip[0] = 0x45; /* version 4, 5 words */
    put16(ip + 2, (uint32_t)ip_len);
    put16(ip + 4, ip_id);
    put16(ip + 6, 0x4000u); /* don't fragment */
    ip[8] = 64;             /* TTL */
    ip[9] = 17;             /* UDP */
    ip[12] = 127, ip[15] = 1;
    ip[16] = 127, ip[19] = 1;
    put16(ip + 10, ip_checksum(ip, 20));
    put16(udp + 0, KL_GSMTAP_PORT);
    put16(udp + 2, KL_GSMTAP_PORT);
    put16(udp + 4, (uint32_t)(ip_len - 20u));
    /* udp + 6: checksum 0, "none" for UDP over IPv4 (RFC 768) */
    gt[0] = 0x02; /* GSMTAP version 2 */
    gt[1] = 0x04; /* header length in 32-bit words */
    gt[2] = 0x04; /* GSMTAP_TYPE_SIM */
    /* gt[12] sub-type 0: GSMTAP_SIM_APDU; the rest 0 */
    return hdr + a;
}

int kl_pcap_open(kl_pcap *p, const char *path)
{
    uint8_t h[24];
    if (p == NULL || path == NULL) {
        errno = EINVAL;
        return -1;
    }
    p->ip_id = 0;
    p->frames = 0;
    p->f = fopen(path, "wb");
    if (p->f == NULL)
        return -1;
    le32(h, 0xA1B2C3D4u); /* microsecond timestamps */
    le16(h + 4, 2);
    le16(h + 6, 4);
    le32(h + 8, 0);  /* thiszone */
    le32(h + 12, 0); /* sigfigs */
    le32(h + 16, 65535u);
    le32(h + 20, 1u); /* LINKTYPE_ETHERNET */
    if (fwrite(h, 1, sizeof h, p->f) != sizeof h || fflush(p->f) != 0) {
        fclose(p->f);
        p->f = NULL;
        return -1;
    }
    return 0;
}

int kl_pcap_apdu(kl_pcap *p, const uint8_t *cmd, size_t clen,
                 const uint8_t *resp, size_t rlen)
{
    uint8_t frame[KL_PCAP_FRAME_MAX], rec[16];
    struct timeval tv;
    size_t n;
    if (p == NULL || p->f == NULL)
        return -1;
    /* a command longer than a frame holds (only a malformed or extended
     * one) is cut: the trace keeps its start */
    if (clen > KL_GSMTAP_APDU_MAX - rlen)
        clen = rlen < KL_GSMTAP_APDU_MAX ? KL_GSMTAP_APDU_MAX - rlen : 0;
    n = kl_pcap_frame(cmd, clen, resp, rlen, p->ip_id, frame, sizeof frame);
    if (n == 0)
        return -1;
    p->ip_id++;
    gettimeofday(&tv, NULL);
    le32(rec, (uint32_t)tv.tv_sec);
    le32(rec + 4, (uint32_t)tv.tv_usec);
    le32(rec + 8, (uint32_t)n);
    le32(rec + 12, (uint32_t)n);
    if (fwrite(rec, 1, sizeof rec, p->f) != sizeof rec ||
        fwrite(frame, 1, n, p->f) != n || fflush(p->f) != 0)
        return -1;
    p->frames++;
    return 0;
}

int kl_pcap_close(kl_pcap *p)
{
    int rc;
    if (p == NULL || p->f == NULL)
        return 0;
    rc = fclose(p->f);
    p->f = NULL;
    return rc == 0 ? 0 : -1;
}
