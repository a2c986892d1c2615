/* dispatch.c - one command APDU through the card: parse (core/apdu.c),
 * class and channel checks, a static const table looked up by class and
 * INS whose expected ISO cases are checked before the handler runs, the
 * handler (convention in cmd.h), then the one commit (or rollback) and the
 * T=0 response rules (GET RESPONSE, 61 XX, 6C XX; TS 102 221 7.3.1.1,
 * docs/standards.md 1.5). */
#include "cmd.h"

#include <string.h>

/* Which class a command belongs to (TS 102 221 10.1.1): ISO interindustry
 * (CLA 0X, first interindustry values) or the TS 102 221 proprietary
 * class (CLA 8X). */
enum { CLS_ISO = 1, CLS_PROP = 2 };

#define CASE(n) (1u << (n))
#define SHORT_NO_LE (CASE(KL_APDU_CASE_1) | CASE(KL_APDU_CASE_3S))

#define INS_GET_RESPONSE 0xC0

static int h_get_response(kl_card *c, const kl_apdu_cmd *cmd,
                          const uint8_t *data, kl_resp *r);

static const struct kl_cmd {
    const char *name;
    uint8_t cls;
    uint8_t ins;
    uint32_t cases; /* bit n: ISO case n allowed (enum kl_apdu_case) */
    kl_handler run;
} kl_cmds[] = {
    {"SELECT", CLS_ISO, 0xA4,
     CASE(KL_APDU_CASE_1) | CASE(KL_APDU_CASE_2S) | CASE(KL_APDU_CASE_3S) |
         CASE(KL_APDU_CASE_4S),
     kl_h_select},
    {"STATUS", CLS_PROP, 0xF2, CASE(KL_APDU_CASE_1) | CASE(KL_APDU_CASE_2S),
     kl_h_status},
    {"READ BINARY", CLS_ISO, 0xB0, CASE(KL_APDU_CASE_2S), kl_h_read_binary},
    {"UPDATE BINARY", CLS_ISO, 0xD6, CASE(KL_APDU_CASE_3S),
     kl_h_update_binary},
    {"READ RECORD", CLS_ISO, 0xB2, CASE(KL_APDU_CASE_2S), kl_h_read_record},
    {"UPDATE RECORD", CLS_ISO, 0xDC, CASE(KL_APDU_CASE_3S),
     kl_h_update_record},
    {"VERIFY PIN", CLS_ISO, 0x20, SHORT_NO_LE, kl_h_verify},
    {"CHANGE PIN", CLS_ISO, 0x24, CASE(KL_APDU_CASE_3S), kl_h_change},
    {"DISABLE PIN", CLS_ISO, 0x26, CASE(KL_APDU_CASE_3S), kl_h_disable},
    {"ENABLE PIN", CLS_ISO, 0x28, CASE(KL_APDU_CASE_3S), kl_h_enable},
    {"UNBLOCK PIN", CLS_ISO, 0x2C, SHORT_NO_LE, kl_h_unblock},
    {"AUTHENTICATE", CLS_ISO, 0x88, CASE(KL_APDU_CASE_3S) | CASE(KL_APDU_CASE_4S),
     kl_h_authenticate},
    {"GET RESPONSE", CLS_ISO, INS_GET_RESPONSE, CASE(KL_APDU_CASE_2S),
     h_get_response},
};

/* T=0 GET RESPONSE (TS 102 221 7.3.1.1.4; ISO/IEC 7816-4 7.6.1): hands
 * out the data the previous command left, Le bytes at a time. */
static int h_get_response(kl_card *c, const kl_apdu_cmd *cmd,
                          const uint8_t *data, kl_resp *r)
{
    uint32_t n;
    (void)data;
    if (cmd->p1 != 0 || cmd->p2 != 0)
        return KL_SW_BAD_P1P2;
    if (c->npending == 0)
        return KL_SW_CONDITIONS;
    if (cmd->ne != 256 && (uint32_t)cmd->ne > c->npending)
        return (int)(KL_SW_WRONG_LE | c->npending);
    n = (uint32_t)cmd->ne < c->npending ? (uint32_t)cmd->ne : c->npending;
    memcpy(r->data, c->pending, n);
    r->len = n;
    memmove(c->pending, c->pending + n, c->npending - n);
    c->npending -= n;
    if (c->npending > 0) /* the rest: another 61 XX */
        return (int)(KL_SW_BYTES_LEFT | (c->npending & 0xFFu));
    return 0;
}

/* The class of a CLA byte, or an SW: 6E00 for a class the card does not
 * know (e.g. A0, the GSM class), 6881 for a logical channel other than 0,
 * 6882 for secure messaging. */
static int cla_class(const kl_apdu_cmd *cmd, uint32_t *cls)
{
    int32_t cla = cmd->cla;
    if (cmd->cls.kind == KL_APDU_CLA_FIRST) {
        *cls = CLS_ISO;
        if (cmd->cls.channel != 0)
            return KL_SW_NO_CHANNEL;
        if (cmd->cls.sm != KL_APDU_SM_NONE)
            return KL_SW_NO_SM;
        return 0;
    }
    if (cmd->cls.kind == KL_APDU_CLA_FURTHER)
        return KL_SW_NO_CHANNEL; /* channels 4..19 */
    if ((cla & 0xF0) == 0x80) {
        *cls = CLS_PROP; /* 8X: b2 b1 channel, b4 b3 SM as for 0X */
        if ((cla & 0x03) != 0)
            return KL_SW_NO_CHANNEL;
        if ((cla & 0x0C) != 0)
            return KL_SW_NO_SM;
        return 0;
    }
    if ((cla & 0xF0) == 0xC0 || (cla & 0xF0) == 0xE0)
        return KL_SW_NO_CHANNEL; /* CX, EX: further channels */
    return KL_SW_BAD_CLA;
}

/* The table entry for (class, INS): 0 and *e, or 6D00 (INS unknown in
 * every class) / 6E00 (INS known in the other class only). */
static int lookup(uint32_t cls, int32_t ins, const struct kl_cmd **e)
{
    int seen = 0;
    for (size_t k = 0; k < sizeof kl_cmds / sizeof kl_cmds[0]; k++) {
        if (kl_cmds[k].ins != ins)
            continue;
        if (kl_cmds[k].cls == cls) {
            *e = &kl_cmds[k];
            return 0;
        }
        seen = 1;
    }
    return seen ? KL_SW_BAD_CLA : KL_SW_BAD_INS;
}

static int respond(const uint8_t *d, uint32_t n, uint32_t sw, uint8_t *resp,
                   size_t cap, size_t *rlen)
{
    if (kl_apdu_response(d, n, (uint8_t)(sw >> 8), (uint8_t)sw, resp, cap,
                         rlen) != KL_APDU_OK)
        return KL_UICC_E_SIZE;
    return KL_UICC_OK;
}

int kl_card_apdu(kl_card *c, const uint8_t *apdu, size_t len, uint8_t *resp,
                 size_t cap, size_t *rlen)
{
    kl_resp r;
    kl_apdu_cmd cmd;
    const struct kl_cmd *e = NULL;
    uint32_t cls = 0, sw;
    int rc;
    if (c == NULL || apdu == NULL || resp == NULL || rlen == NULL)
        return KL_UICC_E_NULL;
    if (cap < KL_CARD_RESP_MAX)
        return KL_UICC_E_SIZE;
    if (c->dead)
        return KL_UICC_E_POWER;
    if (!c->booted)
        return KL_UICC_E_STATE;
    r.len = 0;
    rc = kl_apdu_parse(apdu, len, &cmd);
    if (rc == KL_APDU_OK)
        rc = cla_class(&cmd, &cls);
    if (rc == 0)
        rc = lookup(cls, cmd.ins, &e);
    /* the ISO case the command must have (and no extended lengths: the
     * ATR announces none) */
    if (rc == 0 && (cmd.apdu_case < 1 || cmd.apdu_case > 7 ||
                    (e->cases & CASE(cmd.apdu_case)) == 0))
        rc = KL_SW_WRONG_LENGTH;
    /* T=0 data not fetched right away is lost (TS 102 221 7.3.1.1.4) */
    if (rc != 0 || e->ins != INS_GET_RESPONSE) {
        kl_card_wipe(c->pending, sizeof c->pending);
        c->npending = 0;
    }
    if (rc == 0)
        rc = e->run(c, &cmd, apdu + cmd.data_off, &r);
    if (c->dead) /* a storage write was cut inside the handler */
        return KL_UICC_E_POWER;
    if (rc == 0) {
        rc = kl_card_commit(c);
        if (rc == KL_UICC_E_POWER)
            return rc;
    }
    if (rc != 0 && !(rc > 0 && (rc & 0xFF00) == (int)KL_SW_BYTES_LEFT)) {
        /* refused: the state is the last committed one again */
        if (kl_card_rollback(c) != KL_UICC_OK)
            rc = KL_UICC_E_STATE;
        return respond(NULL, 0, kl_uicc_sw(rc), resp, cap, rlen);
    }
    sw = kl_uicc_sw(rc);
    if (r.len > 0 && rc == 0) {
        if (cmd.ne == 0) {
            /* T=0 case 4: the data waits for GET RESPONSE (61 XX) */
            memcpy(c->pending, r.data, r.len);
            c->npending = r.len;
            return respond(NULL, 0, KL_SW_BYTES_LEFT | (r.len & 0xFFu), resp,
                           cap, rlen);
        }
        if ((uint32_t)cmd.ne < r.len)
            return respond(NULL, 0, KL_SW_WRONG_LE | (r.len & 0xFFu), resp,
                           cap, rlen);
    }
    return respond(r.data, r.len, sw, resp, cap, rlen);
}
