/* cmd.h - what the command handlers share with the dispatcher (inside
 * uicc/ only).
 *
 * A handler gets the parsed command (core/apdu.h) and its data, may put up
 * to 256 response bytes into *r, and returns 0 (success: 90 00, or 61 XX
 * under T=0 rules, uicc/dispatch.c), a status word (> 0; with data only
 * for 61 XX), or a negative internal error (6F 00; KL_UICC_E_POWER stops
 * the card).  On any non-zero result the dispatcher reloads the state from
 * the last commit, so a handler may return early after changing RAM. */
#ifndef KL_UICC_CMD_H
#define KL_UICC_CMD_H

#include "apdu.h"
#include "card.h"
#include "sw.h"

typedef struct kl_resp {
    uint8_t data[256];
    uint32_t len;
} kl_resp;

typedef int (*kl_handler)(kl_card *c, const kl_apdu_cmd *cmd,
                          const uint8_t *data, kl_resp *r);

/* uicc/cmd_fs.c */
int kl_h_select(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                kl_resp *r);
int kl_h_status(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                kl_resp *r);
int kl_h_read_binary(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                     kl_resp *r);
int kl_h_update_binary(kl_card *c, const kl_apdu_cmd *cmd,
                       const uint8_t *data, kl_resp *r);
int kl_h_read_record(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                     kl_resp *r);
int kl_h_update_record(kl_card *c, const kl_apdu_cmd *cmd,
                       const uint8_t *data, kl_resp *r);
/* uicc/cmd_pin.c */
int kl_h_verify(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                kl_resp *r);
int kl_h_change(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                kl_resp *r);
int kl_h_disable(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                 kl_resp *r);
int kl_h_enable(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                kl_resp *r);
int kl_h_unblock(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                 kl_resp *r);
/* uicc/cmd_auth.c: AUTHENTICATE, 3G and GSM contexts (TS 31.102 7.1.2) */
int kl_h_authenticate(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                      kl_resp *r);
/* 1 when access condition ac is met in the card's session. */
int kl_ac_ok(const kl_card *c, uint32_t ac);

/* uicc/fcp.c: the FCP template (tag 62, TS 102 221 11.1.1.3) of file i
 * into out (>= 128 bytes); returns its length. */
size_t kl_fcp(const kl_card *c, uint32_t i, uint8_t *out, size_t cap);

#endif
