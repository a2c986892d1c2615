/* apdu.c - strict ISO/IEC 7816-4 command APDU parser, CLA decoder and
 * response APDU builder (docs/standards.md 1.2-1.5).
 *
 * Proof: every function has a functional WP contract against the logic of
 * spec/apdu.acsl (one named behaviour per APDU case or CLA class, complete
 * and disjoint), plus absence of runtime errors (-wp-rte), exact assigns
 * and termination.  Arithmetic on decoded values is done in int32_t with
 * * 256 and / % instead of shifts and masks (proofs/README.md rules 5-6).
 *
 * Not refused: INS values 6X and 9X.  docs/standards.md 1.3 notes (unverified)
 * that they collide with T=0 procedure bytes; that is a transport matter
 * (T=0 only), so the parser leaves INS to the caller.
 */
#include "apdu.h"
#include "bytes.h"

/* ---- CLA byte (docs/standards.md 1.4) --------------------------------------
 *
 * Proprietary classes (1xxx xxxx, 'FF' excluded) are decoded the way the
 * UICC uses them (TS 102 221 command table as read by pySim, docs/standards.md
 * 1.4): '8X'..'BX' like the first interindustry class (b5 chaining, b4 b3
 * SM, b2 b1 channel 0..3; this covers '8X' and the GSM class 'A0'), 'CX'..
 * 'FE' like the further interindustry class (b6 SM, b5 chaining, b4..b1 =
 * channel - 4; this covers 'CX' and 'EX').  The kind is still reported as
 * KL_APDU_CLA_PROPRIETARY, so a caller for whom a proprietary class means
 * something else can ignore the other fields.
 */

int kl_apdu_decode_cla(uint8_t cla, kl_apdu_cla_info *info)
{
    int32_t c = cla;

    if (info == NULL)
        return KL_APDU_E_NULL;
    if (c == 0xFF)
        return KL_APDU_E_CLA_INVALID; /* 7816-4: 'FF' is invalid */
    if (c >= 0x20 && c <= 0x3F)
        return KL_APDU_E_CLA_RESERVED; /* 001x xxxx: reserved for future use */

    if (c <= 0x1F)
        info->kind = KL_APDU_CLA_FIRST;
    else if (c <= 0x7F)
        info->kind = KL_APDU_CLA_FURTHER;
    else
        info->kind = KL_APDU_CLA_PROPRIETARY;

    if (c <= 0x1F || (c >= 0x80 && c <= 0xBF)) {
        /* b2 b1 = channel 0..3, b4 b3 = SM code (enum kl_apdu_sm values). */
        info->channel = c % 4;
        info->sm = (c / 4) % 4;
    } else {
        /* b4..b1 = channel - 4 (channels 4..19), b6 = ISO SM, header not
         * processed. */
        info->channel = 4 + c % 16;
        info->sm = ((c / 32) % 2 == 1) ? KL_APDU_SM_ISO_NOHDR : KL_APDU_SM_NONE;
    }
    info->chaining = (c / 16) % 2; /* b5 */
    return KL_APDU_OK;
}

/* ---- command APDU (docs/standards.md 1.2-1.3) ------------------------------ */

/* Writes the fields of a successful parse.  The CLA was checked valid. */
/*@ requires valid_out: \valid(out);
    requires read_a: \valid_read(a + (0 .. 3));
    requires init_a: \initialized(a + (0 .. 3));
    requires sep_out_a: \separated(out, a + (0 .. 3));
    requires cla_valid: apdu_cla_valid(a[0]);
    requires range_nc: 0 <= nc <= 65535 && 4 <= off <= 7 && 0 <= ne <= 65536;
    terminates \true;
    assigns *out;
    ensures out->apdu_case == kase;
    ensures out->cla == \old(a[0]) && out->ins == \old(a[1]);
    ensures out->p1 == \old(a[2]) && out->p2 == \old(a[3]);
    ensures out->nc == nc && out->data_off == off && out->ne == ne;
    ensures out->cls.kind == apdu_cla_kind(\old(a[0]));
    ensures out->cls.channel == apdu_cla_channel(\old(a[0]));
    ensures out->cls.sm == apdu_cla_sm(\old(a[0]));
    ensures out->cls.chaining == apdu_cla_chaining(\old(a[0]));
    ensures \initialized(out);
*/
static void apdu_fill(kl_apdu_cmd *out, const uint8_t *a, int32_t kase,
                      int32_t nc, int32_t off, int32_t ne)
{
    (void)kl_apdu_decode_cla(a[0], &out->cls);
    out->apdu_case = kase;
    out->cla = a[0];
    out->ins = a[1];
    out->p1 = a[2];
    out->p2 = a[3];
    out->nc = nc;
    out->data_off = off;
    out->ne = ne;
}

int kl_apdu_parse(const uint8_t *apdu, size_t len, kl_apdu_cmd *out)
{
    int32_t n, b4, lc, le;
    /* The decision (1.3) is made into these locals first; *out is written
     * once at the end, and only on success. */
    int32_t err = KL_APDU_OK, kase = 0, nc = 0, off = 4, ne = 0;

    if (apdu == NULL || out == NULL)
        return KL_APDU_E_NULL;
    /* Length limits first: nothing is read before they hold. */
    if (len > KL_APDU_MAX_LEN)
        return KL_APDU_E_TOO_LONG;
    if (len < KL_APDU_HEADER_LEN)
        return KL_APDU_E_TOO_SHORT; /* 1.3 step 1 */
    n = (int32_t)len;
    /* CLA (1.4): 'FF' invalid, 001x xxxx reserved. */
    if (apdu[0] == 0xFF)
        return KL_APDU_E_CLA_INVALID;
    if (apdu[0] >= 0x20 && apdu[0] <= 0x3F)
        return KL_APDU_E_CLA_RESERVED;

    if (n == 4) {
        kase = KL_APDU_CASE_1; /* 1.3 step 2 */
    } else if (n == 5) {
        b4 = apdu[4]; /* step 3: case 2S, short Le 00 = 256 */
        kase = KL_APDU_CASE_2S;
        ne = b4 == 0 ? 256 : b4;
    } else if (apdu[4] != 0) {
        b4 = apdu[4]; /* step 4: short Lc = b4 (1..255) */
        if (n == 5 + b4) {
            kase = KL_APDU_CASE_3S;
            nc = b4;
            off = 5;
        } else if (n == 6 + b4) {
            le = apdu[len - 1]; /* case 4S: the last byte is Le, 00 = 256 */
            kase = KL_APDU_CASE_4S;
            nc = b4;
            off = 5;
            ne = le == 0 ? 256 : le;
        } else if (n < 5 + b4) {
            err = KL_APDU_E_TRUNCATED; /* data shorter than Lc */
        } else if (n == 7 + b4) {
            err = KL_APDU_E_LE_MIXED; /* two-byte Le after a short Lc */
        } else {
            err = KL_APDU_E_TRAILING;
        }
    } else if (n < 7) {
        err = KL_APDU_E_ZERO_B4_LEN6; /* step 5: 6 bytes, zero 5th byte */
    } else {
        /* Steps 6-7: a zero fifth byte marks extended lengths. */
        lc = apdu[5] * 256 + apdu[6];
        if (n == 7) {
            kase = KL_APDU_CASE_2E; /* extended Le 0000 = 65536 */
            ne = lc == 0 ? 65536 : lc;
        } else if (lc == 0) {
            err = KL_APDU_E_EXT_LC_ZERO; /* Lc 0000 is invalid */
        } else if (n == 7 + lc) {
            kase = KL_APDU_CASE_3E;
            nc = lc;
            off = 7;
        } else if (n == 9 + lc) {
            /* case 4E: the last two bytes are Le, 0000 = 65536 */
            le = apdu[len - 2] * 256 + apdu[len - 1];
            kase = KL_APDU_CASE_4E;
            nc = lc;
            off = 7;
            ne = le == 0 ? 65536 : le;
        } else if (n == 5 + 256 || n == 6 + 256) {
            err = KL_APDU_E_SHORT_LC_ZERO; /* 256 data bytes behind a short 00 */
        } else if (n == 8 + lc) {
            err = KL_APDU_E_LE_MIXED; /* one-byte Le after an extended Lc */
        } else if (n < 7 + lc) {
            err = KL_APDU_E_TRUNCATED;
        } else {
            err = KL_APDU_E_TRAILING;
        }
    }
    if (err != KL_APDU_OK)
        return err;
    apdu_fill(out, apdu, kase, nc, off, ne);
    return KL_APDU_OK;
}

/* ---- response APDU (docs/standards.md 1.5) --------------------------------- */

int kl_apdu_response(const uint8_t *data, size_t len, uint8_t sw1, uint8_t sw2,
                  uint8_t *out, size_t outcap, size_t *outlen)
{
    if (out == NULL || outlen == NULL || (data == NULL && len > 0))
        return KL_APDU_E_NULL;
    if (len > KL_APDU_MAX_RESP_DATA)
        return KL_APDU_E_RESP_TOO_LONG; /* more than any Ne can ask for */
    /* len + 2 <= outcap, written so that nothing can wrap. */
    if (outcap < 2 || len > outcap - 2)
        return KL_APDU_E_RESP_CAPACITY;
    kl_bytes_copy(out, data, len); /* nothing is read when len is 0 */
    out[len] = sw1;
    out[len + 1] = sw2;
    *outlen = len + 2;
    return KL_APDU_OK;
}
