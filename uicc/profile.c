/* profile.c - the card profile (profile.h; format in docs/formats.md). */
#include "profile.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fs.h"
#include "json.h"
#include "milenage.h"
#include "sw.h"

static kl_json json; /* large: kept out of the stack */

typedef struct ctx {
    const kl_json *j;
    char *why;
    size_t whylen;
} ctx;

static int bad(ctx *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int bad(ctx *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->why, x->whylen, fmt, ap);
    va_end(ap);
    return KL_UICC_E_PROFILE;
}

static int all_digits(const char *s, size_t lo, size_t hi)
{
    size_t n = strlen(s);
    if (n < lo || n > hi)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (s[k] < '0' || s[k] > '9')
            return 0;
    return 1;
}

static int nib(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Exactly 2n hex digits into out[0 .. n-1]. */
static int hex_exact(const char *s, uint8_t *out, size_t n)
{
    if (s == NULL || strlen(s) != 2 * n)
        return -1;
    for (size_t k = 0; k < n; k++) {
        int h = nib(s[2 * k]), l = nib(s[2 * k + 1]);
        if (h < 0 || l < 0)
            return -1;
        out[k] = (uint8_t)(h * 16 + l);
    }
    return 0;
}

int kl_profile_imsi(const char *d, uint8_t out[9])
{
    size_t n;
    uint8_t nibbles[16];
    if (d == NULL || !all_digits(d, 6, 15))
        return -1;
    n = strlen(d);
    /* nibble 0: parity (b4, 1 = odd digit count) + type 001 (IMSI); then
     * the digits; unused nibbles F (docs/standards.md 2.3) */
    nibbles[0] = (uint8_t)((n % 2 == 1 ? 0x8 : 0x0) | 0x1);
    for (size_t k = 0; k < 15; k++)
        nibbles[k + 1] = k < n ? (uint8_t)(d[k] - '0') : 0xF;
    memset(out, 0xFF, 9);
    out[0] = (uint8_t)((n + 2) / 2); /* bytes that follow */
    for (size_t k = 0; k < 8; k++) {
        if (k >= out[0])
            break;
        out[1 + k] = (uint8_t)(nibbles[2 * k] | nibbles[2 * k + 1] << 4);
    }
    return 0;
}

static int luhn_ok(const char *d, size_t n)
{
    int sum = 0;
    for (size_t k = 0; k < n; k++) {
        int v = d[n - 1 - k] - '0';
        if (k % 2 == 1) {
            v *= 2;
            if (v > 9)
                v -= 9;
        }
        sum += v;
    }
    return sum % 10 == 0;
}

int kl_profile_iccid(const char *d, uint8_t out[10])
{
    size_t n;
    if (d == NULL || !all_digits(d, 19, 20))
        return -1;
    n = strlen(d);
    if (n == 19 && !luhn_ok(d, n))
        return -1;
    for (size_t k = 0; k < 10; k++) {
        uint8_t lo = 2 * k < n ? (uint8_t)(d[2 * k] - '0') : 0xF;
        uint8_t hi = 2 * k + 1 < n ? (uint8_t)(d[2 * k + 1] - '0') : 0xF;
        out[k] = (uint8_t)(lo | hi << 4);
    }
    return 0;
}

/* A PIN given as 4..8 decimal digits (PIN1, PUK1: exactly 8). */
static int pin_digits(ctx *x, const char *field, const char *s, size_t lo,
                      uint8_t v[KL_PIN_BYTES])
{
    if (s == NULL || !all_digits(s, lo, KL_PIN_BYTES))
        return bad(x, "field '%s': need %zu to 8 decimal digits", field, lo);
    memset(v, 0xFF, KL_PIN_BYTES);
    memcpy(v, s, strlen(s));
    return 0;
}

static const char *str_of(const kl_json *j, int obj, const char *key)
{
    int m = kl_json_get(j, obj, key);
    return (m >= 0 && j->node[m].type == KL_JSON_STRING) ? kl_json_text(j, m)
                                                         : NULL;
}

/* Refuses members whose key is not in allowed[] (a misspelt field would
 * otherwise be ignored silently). */
static int only(ctx *x, int obj, const char *where, const char *const *allowed)
{
    for (int m = x->j->node[obj].first; m >= 0; m = x->j->node[m].next) {
        const char *k = kl_json_key(x->j, m);
        int ok = 0;
        for (size_t a = 0; allowed[a] != NULL; a++)
            ok |= strcmp(k, allowed[a]) == 0;
        if (!ok)
            return bad(x, "field '%s%s': unknown field", where, k);
    }
    return 0;
}

static const char *const top_fields[] = {
    "iccid", "imsi", "pin1", "puk1", "adm1", "mnc_len", "ust", "entries",
    NULL};
static const char *const entry_fields[] = {
    "alg", "k", "opc", "op", "kic", "kid", "kvn", "sqn", "sqn_scheme", NULL};

static int entry(ctx *x, int e, size_t idx, kl_keylist_keys *keys,
                 uint8_t *sqn)
{
    const kl_json *j = x->j;
    char f[32];
    const char *alg, *scheme;
    int m, rc;
    long kvn;
    uint8_t op[16];
    snprintf(f, sizeof f, "entries[%zu]", idx);
    if (j->node[e].type != KL_JSON_OBJECT)
        return bad(x, "field '%s': need an object", f);
    snprintf(f, sizeof f, "entries[%zu].", idx);
    if ((rc = only(x, e, f, entry_fields)) != 0)
        return rc;
    alg = str_of(j, e, "alg");
    if (alg == NULL || strcmp(alg, "milenage") != 0)
        return bad(x, "field 'entries[%zu].alg': need \"milenage\"", idx);
    keys->alg = KL_KEYLIST_ALG_MILENAGE;
    keys->ki_len = 16;
    if (hex_exact(str_of(j, e, "k"), keys->ki, 16) != 0)
        return bad(x, "field 'entries[%zu].k': need 32 hex digits", idx);
    if (kl_json_get(j, e, "opc") >= 0 && kl_json_get(j, e, "op") >= 0)
        return bad(x, "field 'entries[%zu].op': give \"opc\" or \"op\", "
                      "not both", idx);
    if (kl_json_get(j, e, "opc") >= 0) {
        if (hex_exact(str_of(j, e, "opc"), keys->opc, 16) != 0)
            return bad(x, "field 'entries[%zu].opc': need 32 hex digits",
                       idx);
    } else if (kl_json_get(j, e, "op") >= 0) {
        if (hex_exact(str_of(j, e, "op"), op, 16) != 0)
            return bad(x, "field 'entries[%zu].op': need 32 hex digits",
                       idx);
        /* OPc = E_K(OP) xor OP (TS 35.206 4.1), by the proved core */
        rc = kl_milenage_opc(keys->ki, op, keys->opc);
        kl_card_wipe(op, sizeof op);
        if (rc != KL_MILENAGE_OK)
            return bad(x, "field 'entries[%zu].op': OPc failed", idx);
    } else {
        return bad(x, "field 'entries[%zu].opc': missing (or \"op\")", idx);
    }
    if (hex_exact(str_of(j, e, "kic"), keys->kic, 16) != 0)
        return bad(x, "field 'entries[%zu].kic': need 32 hex digits", idx);
    if (hex_exact(str_of(j, e, "kid"), keys->kid, 16) != 0)
        return bad(x, "field 'entries[%zu].kid': need 32 hex digits", idx);
    m = kl_json_get(j, e, "kvn");
    if (kl_json_int(j, m, KL_KEYLIST_KVN_MIN, KL_KEYLIST_KVN_MAX, &kvn) != 0)
        return bad(x, "field 'entries[%zu].kvn': need an integer 1..15",
                   idx);
    keys->kvn = (uint32_t)kvn;
    if (hex_exact(str_of(j, e, "sqn"), sqn, 6) != 0)
        return bad(x, "field 'entries[%zu].sqn': need 12 hex digits", idx);
    scheme = str_of(j, e, "sqn_scheme");
    if (kl_json_get(j, e, "sqn_scheme") < 0 ||
        (scheme != NULL && strcmp(scheme, "seq_ind") == 0))
        keys->sqn_scheme = KL_KEYLIST_SQN_SEQ_IND;
    else if (scheme != NULL && strcmp(scheme, "time") == 0)
        keys->sqn_scheme = KL_KEYLIST_SQN_TIME;
    else if (scheme != NULL && strcmp(scheme, "plain") == 0)
        keys->sqn_scheme = KL_KEYLIST_SQN_PLAIN;
    else
        return bad(x, "field 'entries[%zu].sqn_scheme': need \"seq_ind\", "
                      "\"time\" or \"plain\"", idx);
    return 0;
}

/* Default contents of the EFs (TS 31.102 4.2.17, 4.2.23, 4.2.91, 4.2.18;
 * TS 102 221 13.1): no TMSI/GUTI, "not updated" status, no keys (KSI 07),
 * no forbidden PLMN. */
static void default_files(uint8_t *d, unsigned mnc_len)
{
    static const uint8_t dir_rec[] = {
        0x61, 0x19, 0x4F, 0x10, 0xA0, 0x00, 0x00, 0x00, 0x87, 0x10, 0x02,
        0xFF, 0xFF, 0xFF, 0xFF, 0x89, 0x07, 0x09, 0x00, 0x00, 0x50, 0x05,
        'U',  'S',  'i',  'm',  '1'};
    static const uint8_t loci[11] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                     0xFF, 0x00, 0x00, 0xFF, 0x01};
    static const uint8_t psloci[14] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                       0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                       0x00, 0x00, 0xFF, 0x01};
    memset(d, 0xFF, KL_FS_DATA_BYTES);
    memcpy(d + KL_FS_OFF_DIR, dir_rec, sizeof dir_rec);
    d[KL_FS_OFF_KEYS] = 0x07;
    d[KL_FS_OFF_KEYSPS] = 0x07;
    memset(d + KL_FS_OFF_UST, 0x00, 8);
    memcpy(d + KL_FS_OFF_LOCI, loci, sizeof loci);
    memcpy(d + KL_FS_OFF_PSLOCI, psloci, sizeof psloci);
    /* EPSLOCI: GUTI (12) FF, TAI FFFFFF 0000, status 01 "not updated" */
    d[KL_FS_OFF_EPSLOCI + 15] = 0x00;
    d[KL_FS_OFF_EPSLOCI + 16] = 0x00;
    d[KL_FS_OFF_EPSLOCI + 17] = 0x01;
    /* EF.AD: normal operation, no additional information, MNC length */
    d[KL_FS_OFF_AD] = 0x00;
    d[KL_FS_OFF_AD + 1] = 0x00;
    d[KL_FS_OFF_AD + 2] = 0x00;
    d[KL_FS_OFF_AD + 3] = (uint8_t)mnc_len;
}

static int build(ctx *x, kl_card_state *st, kl_keylist_keys *keys)
{
    const kl_json *j = x->j;
    const char *s;
    int m, ents, rc;
    long mnc = 2;
    if (j->node[0].type != KL_JSON_OBJECT)
        return bad(x, "profile: need a JSON object");
    if ((rc = only(x, 0, "", top_fields)) != 0)
        return rc;
    m = kl_json_get(j, 0, "mnc_len");
    if (m >= 0 && kl_json_int(j, m, 2, 3, &mnc) != 0)
        return bad(x, "field 'mnc_len': need 2 or 3");
    default_files(st->data, (unsigned)mnc);
    if (kl_profile_iccid(str_of(j, 0, "iccid"), st->data + KL_FS_OFF_ICCID))
        return bad(x, "field 'iccid': need 19 digits (with the Luhn check "
                      "digit) or 20 digits");
    if (kl_profile_imsi(str_of(j, 0, "imsi"), st->data + KL_FS_OFF_IMSI))
        return bad(x, "field 'imsi': need 6 to 15 decimal digits");
    if (kl_json_get(j, 0, "ust") >= 0) {
        s = str_of(j, 0, "ust");
        if (s == NULL || strlen(s) == 0 || strlen(s) > 16 ||
            hex_exact(s, st->data + KL_FS_OFF_UST, strlen(s) / 2) != 0)
            return bad(x, "field 'ust': need 2 to 16 hex digits (even)");
    }
    if ((rc = pin_digits(x, "pin1", str_of(j, 0, "pin1"), 4,
                         st->pin1.value)) != 0)
        return rc;
    st->pin1.tries = st->pin1.max = KL_PIN1_TRIES;
    st->pin1_enabled = 1;
    st->puk1.max = KL_PUK1_TRIES;
    if (kl_json_get(j, 0, "puk1") >= 0) {
        if ((rc = pin_digits(x, "puk1", str_of(j, 0, "puk1"), 8,
                             st->puk1.value)) != 0)
            return rc;
        st->puk1.tries = KL_PUK1_TRIES;
    } else {
        /* no PUK given: UNBLOCK is impossible (a blocked PUK), rather
         * than a guessable default */
        memcpy(st->puk1.value, "00000000", KL_PIN_BYTES);
        st->puk1.tries = 0;
    }
    s = str_of(j, 0, "adm1");
    st->adm1.tries = st->adm1.max = KL_ADM1_TRIES;
    if (s != NULL && all_digits(s, 4, KL_PIN_BYTES)) {
        memset(st->adm1.value, 0xFF, KL_PIN_BYTES);
        memcpy(st->adm1.value, s, strlen(s));
    } else if (s == NULL || hex_exact(s, st->adm1.value, KL_PIN_BYTES) != 0 ||
               !kl_pin_value_ok(st->adm1.value, 0)) {
        return bad(x, "field 'adm1': need 4 to 8 decimal digits or 16 hex "
                      "digits");
    }
    ents = kl_json_get(j, 0, "entries");
    if (ents < 0 || j->node[ents].type != KL_JSON_ARRAY)
        return bad(x, "field 'entries': need an array");
    if (j->node[ents].count != (int)KL_KEYLIST_ENTRIES)
        return bad(x, "field 'entries': need exactly %u entries (the card's "
                      "key list size), got %d", (unsigned)KL_KEYLIST_ENTRIES,
                   j->node[ents].count);
    for (size_t i = 0; i < KL_KEYLIST_ENTRIES; i++) {
        rc = entry(x, kl_json_at(j, ents, (int)i), i, &keys[i],
                   st->sqn + i * KL_CARD_SQN_ENTRY);
        if (rc != 0)
            return rc;
    }
    rc = kl_keylist_init(&st->keys, keys, KL_KEYLIST_ENTRIES);
    if (rc != KL_KEYLIST_OK)
        return bad(x, "field 'entries': refused by the key list (%d)", rc);
    return 0;
}

int kl_profile_parse(const char *text, size_t len, kl_card_state *st,
                     char *why, size_t whylen)
{
    static kl_card_state tmp;
    static kl_keylist_keys keys[KL_KEYLIST_ENTRIES];
    ctx x = {&json, why, whylen};
    int rc;
    if (text == NULL || st == NULL || why == NULL || whylen == 0)
        return KL_UICC_E_NULL;
    why[0] = '\0';
    memset(&tmp, 0, sizeof tmp);
    memset(keys, 0, sizeof keys);
    if (kl_json_parse(&json, text, len) != 0) {
        rc = bad(&x, "profile: not valid JSON: %s", json.err);
    } else {
        rc = build(&x, &tmp, keys);
        if (rc == 0)
            *st = tmp;
    }
    kl_json_wipe(&json);
    kl_card_wipe(&tmp, sizeof tmp);
    kl_card_wipe(keys, sizeof keys);
    return rc;
}
