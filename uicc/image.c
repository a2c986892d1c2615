/* image.c - the card's state image: encode and strictly decode
 * kl_card_state (layout in docs/formats.md):
 *
 *   0     4    magic "KLCD"
 *   4     1    version 1
 *   5     1    key-list entry count (KL_KEYLIST_ENTRIES)
 *   6     2    reserved, 0
 *   8     D    EF contents (D = KL_FS_DATA_BYTES, offsets in fs.h)
 *   8+D   10   PIN1: value (8), tries left (1), max tries (1)
 *         10   PUK1: same
 *         10   ADM1: same
 *         1    PIN1 enabled (0/1)
 *         1    reserved, 0
 *         K    key-list image (core/keylist.h, KL_KEYLIST_IMAGE_BYTES)
 *         S    SQN room, KL_CARD_SQN_ENTRY bytes per entry (uicc/cmd_auth.c)
 *
 * Integrity of the whole is the transaction layer's checksum; the decoder
 * still checks every field so that an image that passed the checksum but
 * was written by something else cannot put the card in a bad state. */
#include "card.h"

#include <string.h>

#include "sw.h"

static size_t put_pin(uint8_t *p, const kl_pin *pin)
{
    memcpy(p, pin->value, KL_PIN_BYTES);
    p[KL_PIN_BYTES] = (uint8_t)pin->tries;
    p[KL_PIN_BYTES + 1] = (uint8_t)pin->max;
    return KL_PIN_BYTES + 2;
}

int kl_image_encode(const kl_card_state *st, uint8_t *out, size_t cap,
                    size_t *len)
{
    size_t o = 0;
    if (st == NULL || out == NULL || len == NULL)
        return KL_UICC_E_NULL;
    if (cap < KL_IMAGE_BYTES)
        return KL_UICC_E_SIZE;
    memcpy(out, KL_IMAGE_MAGIC, 4);
    out[4] = KL_IMAGE_VERSION;
    out[5] = (uint8_t)KL_KEYLIST_ENTRIES;
    out[6] = 0;
    out[7] = 0;
    o = KL_IMAGE_HEADER;
    memcpy(out + o, st->data, KL_FS_DATA_BYTES);
    o += KL_FS_DATA_BYTES;
    o += put_pin(out + o, &st->pin1);
    o += put_pin(out + o, &st->puk1);
    o += put_pin(out + o, &st->adm1);
    out[o++] = (uint8_t)st->pin1_enabled;
    out[o++] = 0;
    if (kl_keylist_save(&st->keys, out + o, KL_KEYLIST_IMAGE_BYTES) !=
        KL_KEYLIST_OK)
        return KL_UICC_E_STATE;
    o += KL_KEYLIST_IMAGE_BYTES;
    memcpy(out + o, st->sqn, KL_CARD_SQN_BYTES);
    o += KL_CARD_SQN_BYTES;
    *len = o;
    return KL_UICC_OK;
}

int kl_pin_value_ok(const uint8_t v[KL_PIN_BYTES], int digits_only)
{
    size_t n = 0;
    while (n < KL_PIN_BYTES && v[n] != 0xFF) {
        if (digits_only && (v[n] < '0' || v[n] > '9'))
            return 0;
        n++;
    }
    for (size_t k = n; k < KL_PIN_BYTES; k++)
        if (v[k] != 0xFF)
            return 0;
    return n >= 4;
}

static int get_pin(const uint8_t *p, kl_pin *pin, uint32_t max, int digits)
{
    if (p[KL_PIN_BYTES + 1] != max || p[KL_PIN_BYTES] > max ||
        !kl_pin_value_ok(p, digits))
        return -1;
    memcpy(pin->value, p, KL_PIN_BYTES);
    pin->tries = p[KL_PIN_BYTES];
    pin->max = max;
    return 0;
}

int kl_image_decode(kl_card_state *st, const uint8_t *in, size_t len)
{
    /* Decoded into a local first: on refusal *st is untouched. */
    static kl_card_state tmp;
    size_t o;
    int rc = KL_UICC_E_IMAGE;
    if (st == NULL || in == NULL)
        return KL_UICC_E_NULL;
    if (len != KL_IMAGE_BYTES || memcmp(in, KL_IMAGE_MAGIC, 4) != 0 ||
        in[4] != KL_IMAGE_VERSION || in[5] != KL_KEYLIST_ENTRIES ||
        in[6] != 0 || in[7] != 0)
        return KL_UICC_E_IMAGE;
    o = KL_IMAGE_HEADER;
    memcpy(tmp.data, in + o, KL_FS_DATA_BYTES);
    o += KL_FS_DATA_BYTES;
    if (get_pin(in + o, &tmp.pin1, KL_PIN1_TRIES, 1) != 0 ||
        get_pin(in + o + 10, &tmp.puk1, KL_PUK1_TRIES, 1) != 0 ||
        get_pin(in + o + 20, &tmp.adm1, KL_ADM1_TRIES, 0) != 0)
        goto out;
    o += 30;
    if (in[o] > 1 || in[o + 1] != 0)
        goto out;
    tmp.pin1_enabled = in[o];
    o += 2;
    if (kl_keylist_load(&tmp.keys, in + o, KL_KEYLIST_IMAGE_BYTES) !=
        KL_KEYLIST_OK)
        goto out;
    o += KL_KEYLIST_IMAGE_BYTES;
    memcpy(tmp.sqn, in + o, KL_CARD_SQN_BYTES);
    *st = tmp;
    rc = KL_UICC_OK;
out:
    kl_card_wipe(&tmp, sizeof tmp);
    return rc;
}
