/* pcap.h - traces of the card's APDU exchanges as GSMTAP SIM frames in a
 * classic pcap file, the form Wireshark/tshark's gsm_sim dissector decodes
 * (the same frames osmocom's SIMtrace sends).  Hosted C.
 *
 * File: the pcap global header (magic A1B2C3D4 little-endian, version 2.4,
 * snaplen 65535, link type 1 = Ethernet), then one record per exchange:
 *
 *   Ethernet  14 bytes: destination and source 00:00:00:00:00:00, type 0800
 *   IPv4      20 bytes: 127.0.0.1 -> 127.0.0.1, protocol 17, TTL 64, DF,
 *                       header checksum computed
 *   UDP        8 bytes: source port KL_GSMTAP_PORT, destination port
 *                       KL_GSMTAP_PORT (4729, GSMTAP's), checksum 0 (none)
 *   GSMTAP    16 bytes: version 2, header length 4 words, type 4 (SIM),
 *                       sub-type 0 (APDU), every other field 0
 *   APDU      the exchange as a T=0 reader sees it (kl_gsmtap_sim_apdu):
 *             CLA INS P1 P2 P3 | command data | response data | SW1 SW2
 *
 * No ATR frame is written: tshark 4.0 decodes every SIM frame as an APDU,
 * whatever its sub-type.  tshark 4.0 also reads P3 data bytes after a
 * case 2 header whatever the status word, so a READ BINARY/RECORD refused
 * with a status word alone (a faithful T=0 exchange) shows as "Malformed"
 * there; successful exchanges and refused case 1/3/4 commands decode
 * cleanly.  A trace holds every byte exchanged, PIN values
 * and session keys (CK, IK) included: keep it as private as the image. */
#ifndef KL_UICC_PCAP_H
#define KL_UICC_PCAP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define KL_GSMTAP_PORT 4729u
#define KL_GSMTAP_HDR_BYTES 16u
#define KL_PCAP_LINK_HDR_BYTES (14u + 20u + 8u) /* Ethernet, IPv4, UDP */
/* Largest APDU part of a frame: a short command (5 + 255 bytes) and a
 * response of 256 data bytes + SW; a longer command is cut to this. */
#define KL_GSMTAP_APDU_MAX 1024u
#define KL_PCAP_FRAME_MAX \
    (KL_PCAP_LINK_HDR_BYTES + KL_GSMTAP_HDR_BYTES + KL_GSMTAP_APDU_MAX)

typedef struct kl_pcap {
    FILE *f;
    uint16_t ip_id; /* IPv4 identification, one per frame */
    uint32_t frames;
} kl_pcap;

/* The APDU part of a frame for command cmd[0 .. clen-1] and response
 * resp[0 .. rlen-1] (data || SW1 SW2) into out[0 .. cap-1]; returns its
 * length, 0 when it does not fit.  A short command is written in its T=0
 * form (ISO/IEC 7816-3 12.2; docs/standards.md 1.3): case 1 gets P3 = 00,
 * a case 4 command loses its Le byte (T=0 carries Lc only; the response
 * data follows the command data), cases 2 and 3 are kept.  Any other
 * command (shorter than 4 bytes, extended, or not well formed) is written
 * as received. */
size_t kl_gsmtap_sim_apdu(const uint8_t *cmd, size_t clen, const uint8_t *resp,
                          size_t rlen, uint8_t *out, size_t cap);

/* A whole record body (Ethernet .. APDU) into out; returns its length, 0
 * when it does not fit. */
size_t kl_pcap_frame(const uint8_t *cmd, size_t clen, const uint8_t *resp,
                     size_t rlen, uint16_t ip_id, uint8_t *out, size_t cap);

/* Creates (truncates) path and writes the global header: 0, or -1 with
 * errno set. */
int kl_pcap_open(kl_pcap *p, const char *path);
/* Appends the exchange, timestamped now, and flushes: 0 or -1. */
int kl_pcap_apdu(kl_pcap *p, const uint8_t *cmd, size_t clen,
                 const uint8_t *resp, size_t rlen);
/* Closes the file (nothing happens for a trace never opened): 0 or -1. */
int kl_pcap_close(kl_pcap *p);

#endif
