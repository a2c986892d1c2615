/* card.c - the card's life cycle: personalise, boot, reset, commit and
 * rollback of the state, the key-list advance (card.h). */
#include "card.h"

#include <string.h>

#include "sw.h"

/* ATR (ISO/IEC 7816-3 8.2; TS 102 221 6.3): direct convention, T=0 then
 * the global bytes (T=15) with TA3 = C7 (clock stop allowed, classes A, B
 * and C), no historical bytes; TCK follows because T=15 is indicated. */
static const uint8_t atr_body[] = {0x3B, 0x80, 0x80, 0x1F, 0xC7};

static void volatile_reset(kl_card *c)
{
    c->cur_df = KL_FS_I_MF;
    c->cur_ef = KL_FS_NONE;
    c->cur_rec = 0;
    c->pin1_ok = 0;
    c->adm_ok = 0;
    kl_card_wipe(c->pending, sizeof c->pending);
    c->npending = 0;
}

static int state_ok(const kl_card_state *st)
{
    if (!kl_pin_value_ok(st->pin1.value, 1) ||
        !kl_pin_value_ok(st->puk1.value, 1) ||
        !kl_pin_value_ok(st->adm1.value, 0))
        return 0;
    if (st->pin1.max != KL_PIN1_TRIES || st->pin1.tries > st->pin1.max ||
        st->puk1.max != KL_PUK1_TRIES || st->puk1.tries > st->puk1.max ||
        st->adm1.max != KL_ADM1_TRIES || st->adm1.tries > st->adm1.max ||
        st->pin1_enabled > 1)
        return 0;
    return kl_keylist_check(&st->keys) == KL_KEYLIST_OK;
}

int kl_card_personalise(kl_card *c, const kl_card_state *st)
{
    size_t n;
    int rc;
    if (c == NULL || st == NULL)
        return KL_UICC_E_NULL;
    if (!state_ok(st))
        return KL_UICC_E_PROFILE;
    rc = kl_image_encode(st, c->work, sizeof c->work, &n);
    if (rc != KL_UICC_OK)
        return rc;
    rc = kl_txn_format(&c->txn, c->work, n);
    kl_card_wipe(c->work, sizeof c->work);
    if (rc != KL_TXN_OK)
        return rc;
    return kl_card_boot(c);
}

int kl_card_boot(kl_card *c)
{
    int rc;
    if (c == NULL)
        return KL_UICC_E_NULL;
    c->booted = 0;
    c->dead = 0;
    volatile_reset(c);
    rc = kl_txn_open(&c->txn);
    if (rc != KL_TXN_OK)
        return KL_UICC_E_IMAGE;
    rc = kl_txn_read(&c->txn, c->image, sizeof c->image, &c->nimage);
    if (rc != KL_TXN_OK)
        return KL_UICC_E_IMAGE;
    rc = kl_image_decode(&c->st, c->image, c->nimage);
    if (rc != KL_UICC_OK)
        return KL_UICC_E_IMAGE;
    c->booted = 1;
    return KL_UICC_OK;
}

int kl_card_reset(kl_card *c, uint8_t *atr, size_t cap, size_t *n)
{
    uint8_t tck = 0;
    if (c == NULL || atr == NULL || n == NULL)
        return KL_UICC_E_NULL;
    if (c->dead || !c->booted)
        return c->dead ? KL_UICC_E_POWER : KL_UICC_E_STATE;
    if (cap < sizeof atr_body + 1)
        return KL_UICC_E_SIZE;
    volatile_reset(c);
    memcpy(atr, atr_body, sizeof atr_body);
    for (size_t k = 1; k < sizeof atr_body; k++)
        tck ^= atr_body[k];
    atr[sizeof atr_body] = tck;
    *n = sizeof atr_body + 1;
    return KL_UICC_OK;
}

int kl_card_commit(kl_card *c)
{
    size_t n;
    int rc;
    if (c == NULL)
        return KL_UICC_E_NULL;
    if (c->dead)
        return KL_UICC_E_POWER;
    rc = kl_image_encode(&c->st, c->work, sizeof c->work, &n);
    if (rc != KL_UICC_OK)
        return rc;
    if (n == c->nimage && memcmp(c->work, c->image, n) == 0)
        return KL_UICC_OK; /* nothing changed: no storage write */
    rc = kl_txn_commit(&c->txn, c->work, n);
    if (rc == KL_TXN_E_POWER) {
        c->dead = 1;
        return KL_UICC_E_POWER;
    }
    if (rc != KL_TXN_OK)
        return KL_UICC_E_STATE;
    memcpy(c->image, c->work, n);
    c->nimage = n;
    return KL_UICC_OK;
}

int kl_card_rollback(kl_card *c)
{
    if (c == NULL)
        return KL_UICC_E_NULL;
    return kl_image_decode(&c->st, c->image, c->nimage);
}

int kl_card_keylist_advance(kl_card *c)
{
    int rc;
    if (c == NULL)
        return KL_UICC_E_NULL;
    if (c->dead)
        return KL_UICC_E_POWER;
    if (!c->booted)
        return KL_UICC_E_STATE;
    rc = kl_keylist_advance(&c->st.keys, c->st.keys.active + 1u);
    if (rc != KL_KEYLIST_OK)
        return rc;
    /* The SQN room of the new entry is its own (set at personalisation,
     * untouched since), so the entry starts from its initial SQN. */
    rc = kl_card_commit(c);
    if (rc != KL_UICC_OK && !c->dead)
        (void)kl_card_rollback(c);
    return rc;
}
