/* vpcd.h - the card served to PC/SC through vsmartcard's vpcd, the virtual
 * reader driver that pcscd loads (Debian vsmartcard-vpcd).  Hosted C.
 *
 * vpcd listens on TCP (port 35963 for its first reader, 0x8C7B in its
 * reader.conf) and the card connects to it as a client.  Every message, in
 * both directions, is a 2-byte big-endian length followed by that many
 * bytes.  From vpcd, a 1-byte message is a control byte:
 *
 *   00  power off      no reply
 *   01  power on       no reply (vpcd asks for the ATR next)
 *   02  reset          no reply (vpcd asks for the ATR next)
 *   04  ATR request    reply: the ATR (a 0-byte reply would mean "no card")
 *
 * and a longer message is a command APDU exactly as the PC/SC client
 * passed it, answered by the response APDU (data || SW1 SW2).  vpcd does
 * no T=0 procedure handling of its own: the card's T=0 rules (61 XX, GET
 * RESPONSE; uicc/dispatch.c) reach the client unchanged.  Power on, reset
 * and power off all bring the volatile state back to power-on (current
 * file MF, no PIN verified, no pending response; kl_card_reset). */
#ifndef KL_UICC_VPCD_H
#define KL_UICC_VPCD_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "card.h"
#include "pcap.h"

#define KL_VPCD_PORT "35963" /* vpcd's default, reader slot 0 */
#define KL_VPCD_HOST "127.0.0.1"
#define KL_VPCD_MSG_MAX 65535u /* the 2-byte length's largest value */

enum kl_vpcd_ctrl {
    KL_VPCD_POWER_OFF = 0x00,
    KL_VPCD_POWER_ON = 0x01,
    KL_VPCD_RESET = 0x02,
    KL_VPCD_ATR = 0x04,
};

typedef struct kl_vpcd {
    kl_card *card;     /* booted */
    const char *image; /* saved after every command that commits; NULL: not */
    kl_pcap *trace;    /* every APDU exchange, or NULL */
    FILE *log;         /* one line per event, or NULL */
    uint32_t powered;
    uint8_t atr[KL_CARD_ATR_MAX]; /* from the last power-on or reset */
    size_t natr;
    unsigned long apdus, resets, sessions;
} kl_vpcd;

/* One message from vpcd, msg[0 .. len-1].  0 with the reply payload in
 * out[0 .. *outlen-1] and *reply = 1 when one is due (*reply = 0: none);
 * -1 when the card cannot go on (the image could not be written: the
 * response is then not sent, so no client sees a state that is not
 * stored).  cap >= KL_CARD_RESP_MAX. */
int kl_vpcd_message(kl_vpcd *v, const uint8_t *msg, size_t len, uint8_t *out,
                    size_t cap, size_t *outlen, int *reply);

/* Connects to vpcd at host:port and serves the card until *stop becomes
 * non-zero (0 returned) or, when reconnect is 0, until the connection
 * fails or vpcd closes it (-1).  With reconnect, a refused connection or a
 * closed one is retried every 250 ms.  -1 also when kl_vpcd_message fails.
 * The caller installs the handlers (SIGTERM, SIGINT) that set *stop;
 * SIGPIPE is not raised (sends use MSG_NOSIGNAL). */
int kl_vpcd_run(kl_vpcd *v, const char *host, const char *port, int reconnect,
                volatile sig_atomic_t *stop);

#endif
