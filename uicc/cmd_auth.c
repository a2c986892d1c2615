/* cmd_auth.c - AUTHENTICATE (INS 88; TS 31.102 7.1.2, docs/standards.md
 * 2.4) with the active key-list entry's K and OPc.
 *
 *   P1 00, P2 81  3G context: data = 10 RAND 10 AUTN.  The decision is the
 *                 proved core/aka.c (TS 33.102 6.3.3 over core/sqn.c):
 *                 success: DB 08 RES 10 CK 10 IK (+ 08 Kc, c3, when
 *                 EF_UST service 27 is available), SW 9000;
 *                 MAC failure: no data, SW 9862;
 *                 synchronisation failure: DC 0E AUTS, SW 9000.
 *   P1 00, P2 80  GSM context (service 27 only): data = 10 RAND;
 *                 04 SRES 08 Kc (GSM-MILENAGE, c2/c3).
 *
 * Access: the USIM ADF (or a file under it) is the current DF and PIN1 is
 * verified or disabled (TS 31.102 7.1.2; else 6985 / 6982).
 *
 * The SQN state (TS 33.102 Annex C) lives in the active entry's SQN room of
 * the card state (card.h, KL_CARD_SQN_ENTRY bytes, in the state image):
 *
 *   0     6       SQN_MS, the highest SQN accepted (as personalised: the
 *                 profile's initial SQN, docs/formats.md)
 *   6     32 x 6  SEQ_MS(0 .. 31), big-endian
 *   198   1       0: as personalised (every SEQ_MS(i) is SEQ(SQN_MS), so
 *                 nothing at or below the initial SQN is accepted);
 *                 1: the array above is live
 *   199   57      zero
 *
 * An entry that becomes active has its own room, untouched since
 * personalisation, so it starts fresh.  A success changes the room in RAM
 * only; the dispatcher's one commit per command (uicc/dispatch.c) stores it
 * atomically with everything else.  A refused authentication changes
 * nothing (no commit happens: the state equals the last commit). */
#include "cmd.h"

#include <string.h>

#include "aka.h"
#include "milenage.h"
#include "sqn.h"

#define KL_SW_AUTH_MAC 0x9862u /* TS 31.102 7.1.2: authentication error, incorrect MAC */
#define AUTH_P2_GSM 0x80
#define AUTH_P2_3G 0x81
#define ROOM_SEQ 6u
#define ROOM_FLAG (ROOM_SEQ + KL_SQN_SLOTS * KL_SQN_BYTES)
#define UST_SERVICE_GSM 27u /* TS 31.102 4.2.8: GSM access */

_Static_assert(ROOM_FLAG + 1 <= KL_CARD_SQN_ENTRY, "SQN room too small");
_Static_assert(KL_SQN_SCHEME_SEQ_IND == KL_KEYLIST_SQN_SEQ_IND &&
                   KL_SQN_SCHEME_TIME == KL_KEYLIST_SQN_TIME &&
                   KL_SQN_SCHEME_PLAIN == KL_KEYLIST_SQN_PLAIN,
               "core/sqn.h scheme ids are the key list's");

/* The card's Annex C parameters: IND 5 bits, Δ = L = 2^28 SEQ units (the
 * deployed profile values, docs/standards.md 4.3); the scheme is the
 * entry's own. */
static void auth_cfg(kl_sqn_cfg *cfg, uint32_t scheme)
{
    cfg->scheme = scheme;
    cfg->ind_bits = KL_SQN_IND_BITS_DEFAULT;
    cfg->delta = KL_SQN_DELTA_DEFAULT;
    cfg->age = KL_SQN_AGE_DEFAULT;
}

/* The room's bytes into st (layout above); -1 if the room is malformed. */
static int room_decode(const uint8_t *room, const kl_sqn_cfg *cfg,
                        kl_sqn_state *st)
{
    int64_t u;
    if (room[ROOM_FLAG] > 1)
        return -1;
    for (size_t k = ROOM_FLAG + 1; k < KL_CARD_SQN_ENTRY; k++)
        if (room[k] != 0)
            return -1;
    if (kl_sqn_from_bytes(room, &st->hi) != KL_SQN_OK)
        return -1;
    u = cfg->scheme == KL_SQN_SCHEME_PLAIN ? 1 : (int64_t)1 << cfg->ind_bits;
    for (uint32_t i = 0; i < KL_SQN_SLOTS; i++) {
        if (room[ROOM_FLAG] == 0)
            st->seq[i] = st->hi / u;
        else if (kl_sqn_from_bytes(room + ROOM_SEQ + KL_SQN_BYTES * i,
                                   &st->seq[i]) != KL_SQN_OK)
            return -1;
    }
    return kl_sqn_valid(cfg, st) == KL_SQN_OK ? 0 : -1;
}

static int room_encode(const kl_sqn_state *st, uint8_t *room)
{
    memset(room, 0, KL_CARD_SQN_ENTRY);
    if (kl_sqn_to_bytes(st->hi, room) != KL_SQN_OK)
        return -1;
    for (uint32_t i = 0; i < KL_SQN_SLOTS; i++)
        if (kl_sqn_to_bytes(st->seq[i], room + ROOM_SEQ + KL_SQN_BYTES * i) !=
            KL_SQN_OK)
            return -1;
    room[ROOM_FLAG] = 1;
    return 0;
}

static int service_on(const kl_card *c, uint32_t n)
{
    return (c->st.data[KL_FS_OFF_UST + (n - 1) / 8] >> ((n - 1) % 8)) & 1;
}

static int auth_3g(kl_card *c, const kl_keylist_keys *keys, uint32_t idx,
                   const uint8_t *data, kl_resp *r)
{
    static kl_sqn_state st;
    kl_sqn_cfg cfg;
    uint8_t res[KL_MILENAGE_RES_BYTES], ck[KL_MILENAGE_CK_BYTES],
        ik[KL_MILENAGE_IK_BYTES], auts[KL_AKA_AUTS_BYTES];
    uint8_t *room = c->st.sqn + (size_t)idx * KL_CARD_SQN_ENTRY;
    uint32_t n = 0;
    int rc;
    if (data[17] != 16)
        return KL_SW_BAD_DATA;
    auth_cfg(&cfg, keys->sqn_scheme);
    if (room_decode(room, &cfg, &st) != 0)
        return KL_SW_TECHNICAL; /* a stored room this card did not write */
    rc = kl_aka_run(&cfg, &st, keys->ki, keys->opc, data + 1, data + 18, res,
                    ck, ik, auts);
    if (rc == KL_AKA_E_MAC) {
        rc = (int)KL_SW_AUTH_MAC;
    } else if (rc == KL_AKA_E_SYNC) {
        r->data[n++] = 0xDC;
        r->data[n++] = KL_AKA_AUTS_BYTES;
        memcpy(r->data + n, auts, KL_AKA_AUTS_BYTES);
        n += KL_AKA_AUTS_BYTES;
        rc = 0;
    } else if (rc == KL_AKA_OK) {
        /* the Annex C update, committed by the dispatcher with the rest */
        if (room_encode(&st, room) != 0) {
            rc = KL_UICC_E_STATE;
        } else {
            r->data[n++] = 0xDB;
            r->data[n++] = KL_MILENAGE_RES_BYTES;
            memcpy(r->data + n, res, KL_MILENAGE_RES_BYTES);
            n += KL_MILENAGE_RES_BYTES;
            r->data[n++] = KL_MILENAGE_CK_BYTES;
            memcpy(r->data + n, ck, KL_MILENAGE_CK_BYTES);
            n += KL_MILENAGE_CK_BYTES;
            r->data[n++] = KL_MILENAGE_IK_BYTES;
            memcpy(r->data + n, ik, KL_MILENAGE_IK_BYTES);
            n += KL_MILENAGE_IK_BYTES;
            if (service_on(c, UST_SERVICE_GSM)) {
                r->data[n++] = KL_MILENAGE_KC_BYTES;
                (void)kl_milenage_c3(ck, ik, r->data + n);
                n += KL_MILENAGE_KC_BYTES;
            }
            rc = 0;
        }
    } else {
        rc = KL_UICC_E_STATE;
    }
    r->len = n;
    kl_card_wipe(res, sizeof res);
    kl_card_wipe(ck, sizeof ck);
    kl_card_wipe(ik, sizeof ik);
    kl_card_wipe(&st, sizeof st);
    return rc;
}

static int auth_gsm(kl_card *c, const kl_keylist_keys *keys,
                    const uint8_t *data, kl_resp *r)
{
    uint8_t sres[KL_MILENAGE_SRES_BYTES], kc[KL_MILENAGE_KC_BYTES];
    if (!service_on(c, UST_SERVICE_GSM))
        return KL_SW_BAD_P1P2; /* the GSM context needs service 27 */
    if (kl_milenage_gsm(NULL, keys->ki, keys->opc, data + 1, sres, kc) !=
        KL_MILENAGE_OK)
        return KL_UICC_E_STATE;
    r->data[0] = KL_MILENAGE_SRES_BYTES;
    memcpy(r->data + 1, sres, sizeof sres);
    r->data[5] = KL_MILENAGE_KC_BYTES;
    memcpy(r->data + 6, kc, sizeof kc);
    r->len = 1 + sizeof sres + 1 + sizeof kc;
    kl_card_wipe(sres, sizeof sres);
    kl_card_wipe(kc, sizeof kc);
    return 0;
}

int kl_h_authenticate(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                      kl_resp *r)
{
    kl_keylist_keys keys;
    uint32_t idx = 0;
    int rc;
    if (cmd->p1 != 0 || (cmd->p2 != AUTH_P2_3G && cmd->p2 != AUTH_P2_GSM))
        return KL_SW_BAD_P1P2;
    if (cmd->nc != (cmd->p2 == AUTH_P2_3G ? 34 : 17))
        return KL_SW_WRONG_LENGTH;
    if (data[0] != 16)
        return KL_SW_BAD_DATA;
    /* the USIM's command: its ADF or a file under it is current */
    if (c->cur_df != KL_FS_I_USIM)
        return KL_SW_CONDITIONS;
    if (!kl_ac_ok(c, KL_AC_PIN1))
        return KL_SW_SECURITY;
    if (kl_keylist_get_active(&c->st.keys, &keys, &idx) != KL_KEYLIST_OK ||
        idx >= KL_KEYLIST_ENTRIES)
        return KL_UICC_E_STATE;
    if (keys.alg != KL_KEYLIST_ALG_MILENAGE || keys.ki_len != 16) {
        kl_keylist_keys_wipe(&keys);
        return KL_SW_CONDITIONS; /* TUAK is stored, not run */
    }
    if (cmd->p2 == AUTH_P2_3G)
        rc = auth_3g(c, &keys, idx, data, r);
    else
        rc = auth_gsm(c, &keys, data, r);
    kl_keylist_keys_wipe(&keys);
    return rc;
}
