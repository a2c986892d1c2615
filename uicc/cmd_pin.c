/* cmd_pin.c - VERIFY, CHANGE, DISABLE, ENABLE and UNBLOCK PIN for PIN1
 * (key reference 01) and VERIFY for ADM1 (0A), TS 102 221 11.1.9 - 11.1.13.
 *
 * Every try follows one order: refuse a blocked key (69 83); decrement the
 * retry counter and commit it (core/txn); only then compare, in constant
 * time; on a match restore the counter (committed by the dispatcher with
 * the command's other changes).  So the outcome of a comparison is never
 * visible before the try is counted in storage, and a power cut at any
 * point leaves the try counted or the command not run at all.  Handler
 * convention in cmd.h. */
#include "cmd.h"

#include <string.h>

/* Counts one try in storage, compares, and settles the counter: 0 when
 * value matches, 63 CX (X tries left) when not, < 0 when the commit
 * failed (the comparison was then not made). */
static int try_key(kl_card *c, kl_pin *k, const uint8_t *value)
{
    int rc, eq;
    if (k->tries == 0)
        return KL_SW_BLOCKED;
    k->tries--;
    rc = kl_card_commit(c);
    if (rc != KL_UICC_OK)
        return rc;
    eq = kl_ct_equal(k->value, value, KL_PIN_BYTES);
    c->compares++;
    if (!eq)
        return (int)(KL_SW_TRIES | k->tries);
    k->tries = k->max;
    return 0;
}

/* P1 must be 00 (TS 102 221 11.1.9.1); P2 names the key. */
static int key_of(kl_card *c, const kl_apdu_cmd *cmd, int adm_allowed,
                  kl_pin **k)
{
    if (cmd->p1 != 0)
        return KL_SW_WRONG_P1P2;
    if (cmd->p2 == (int32_t)KL_KEYREF_PIN1) {
        *k = &c->st.pin1;
        return 0;
    }
    if (adm_allowed && cmd->p2 == (int32_t)KL_KEYREF_ADM1) {
        *k = &c->st.adm1;
        return 0;
    }
    return KL_SW_NO_REF;
}

int kl_h_verify(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                kl_resp *r)
{
    kl_pin *k;
    uint32_t *ok;
    int rc = key_of(c, cmd, 1, &k);
    (void)r;
    if (rc != 0)
        return rc;
    ok = (k == &c->st.adm1) ? &c->adm_ok : &c->pin1_ok;
    if (cmd->nc == 0) {
        /* no data: the retry counter, or 90 00 when nothing is needed */
        if (k->tries == 0)
            return KL_SW_BLOCKED;
        if (*ok || (k == &c->st.pin1 && !c->st.pin1_enabled))
            return 0;
        return (int)(KL_SW_TRIES | k->tries);
    }
    if (cmd->nc != (int32_t)KL_PIN_BYTES)
        return KL_SW_WRONG_LENGTH;
    rc = try_key(c, k, data);
    *ok = rc == 0;
    return rc;
}

int kl_h_change(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                kl_resp *r)
{
    kl_pin *k;
    int rc = key_of(c, cmd, 0, &k);
    (void)r;
    if (rc != 0)
        return rc;
    if (cmd->nc != 2 * (int32_t)KL_PIN_BYTES)
        return KL_SW_WRONG_LENGTH;
    /* the new PIN's format says nothing about the old one: checked first */
    if (!kl_pin_value_ok(data + KL_PIN_BYTES, 1))
        return KL_SW_BAD_DATA;
    if (!c->st.pin1_enabled)
        return KL_SW_CONDITIONS;
    rc = try_key(c, k, data);
    c->pin1_ok = rc == 0;
    if (rc != 0)
        return rc;
    memcpy(k->value, data + KL_PIN_BYTES, KL_PIN_BYTES);
    return 0;
}

/* DISABLE (want 0) and ENABLE (want 1) PIN1. */
static int set_enabled(kl_card *c, const kl_apdu_cmd *cmd,
                       const uint8_t *data, uint32_t want)
{
    kl_pin *k;
    int rc = key_of(c, cmd, 0, &k);
    if (rc != 0)
        return rc;
    if (cmd->nc != (int32_t)KL_PIN_BYTES)
        return KL_SW_WRONG_LENGTH;
    if (c->st.pin1_enabled == want)
        return KL_SW_CONDITIONS;
    rc = try_key(c, k, data);
    c->pin1_ok = rc == 0;
    if (rc != 0)
        return rc;
    c->st.pin1_enabled = want;
    return 0;
}

int kl_h_disable(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                 kl_resp *r)
{
    (void)r;
    return set_enabled(c, cmd, data, 0);
}

int kl_h_enable(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                kl_resp *r)
{
    (void)r;
    return set_enabled(c, cmd, data, 1);
}

int kl_h_unblock(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                 kl_resp *r)
{
    kl_pin *k;
    int rc = key_of(c, cmd, 0, &k);
    (void)r;
    if (rc != 0)
        return rc;
    if (cmd->nc == 0) {
        if (c->st.puk1.tries == 0)
            return KL_SW_BLOCKED;
        return (int)(KL_SW_TRIES | c->st.puk1.tries);
    }
    if (cmd->nc != 2 * (int32_t)KL_PIN_BYTES)
        return KL_SW_WRONG_LENGTH;
    if (!kl_pin_value_ok(data + KL_PIN_BYTES, 1))
        return KL_SW_BAD_DATA;
    rc = try_key(c, &c->st.puk1, data);
    if (rc != 0)
        return rc;
    /* TS 102 221 11.1.13: new PIN, its counter reset, and verified */
    memcpy(k->value, data + KL_PIN_BYTES, KL_PIN_BYTES);
    k->tries = k->max;
    c->pin1_ok = 1;
    return 0;
}
