/* apdu.c - strict ISO/IEC 7816-4 command APDU parser, CLA decoder and
 * response APDU builder (standards.md 1.2-1.5).
 *
 * Proof: every function has a functional WP contract against the logic of
 * spec/apdu.acsl (one named behaviour per APDU case or CLA class, complete
 * and disjoint), plus absence of runtime errors (-wp-rte), exact assigns
 * and termination.  Arithmetic on decoded values is done in int32_t with
 * * 256 and / % instead of shifts and masks (proof-notes.md, items 5-6).
 *
 * Not refused: INS values 6X and 9X.  standards.md 1.3 notes (unverified)
 * that they collide with T=0 procedure bytes; that is a transport matter
 * (T=0 only), so the parser leaves INS to the caller.
 */
#include "apdu.h"

/* ---- CLA byte (standards.md 1.4) --------------------------------------
 *
 * Proprietary classes (1xxx xxxx, 'FF' excluded) are decoded the way the
 * UICC uses them (TS 102 221 command table as read by pySim, standards.md
 * 1.4): '8X'..'BX' like the first interindustry class (b5 chaining, b4 b3
 * SM, b2 b1 channel 0..3; this covers '8X' and the GSM class 'A0'), 'CX'..
 * 'FE' like the further interindustry class (b6 SM, b5 chaining, b4..b1 =
 * channel - 4; this covers 'CX' and 'EX').  The kind is still reported as
 * APDU_CLA_PROPRIETARY, so a caller for whom a proprietary class means
 * something else can ignore the other fields.
 */

/*@ requires info == \null || \valid(info);
    terminates \true;
    assigns *info;
    // The same values through the logic functions the parser contract uses.
    ensures \result == APDU_OK ==>
      info->kind == apdu_cla_kind(cla) &&
      info->channel == apdu_cla_channel(cla) &&
      info->sm == apdu_cla_sm(cla) &&
      info->chaining == apdu_cla_chaining(cla);
    ensures \result == APDU_OK <==> info != \null && apdu_cla_valid(cla);
    behavior null_argument:
      assumes info == \null;
      assigns \nothing;
      ensures \result == APDU_E_NULL;
    behavior invalid:
      assumes info != \null && cla == 0xFF;
      assigns \nothing;
      ensures \result == APDU_E_CLA_INVALID;
    behavior reserved:
      assumes info != \null && apdu_cla_reserved(cla);
      assigns \nothing;
      ensures \result == APDU_E_CLA_RESERVED;
    behavior first_interindustry:
      assumes info != \null && apdu_cla_first(cla);
      ensures \result == APDU_OK;
      ensures info->kind == APDU_CLA_FIRST;
      ensures info->channel == cla % 4;
      ensures info->sm == (cla / 4) % 4;
      ensures info->chaining == (cla / 16) % 2;
    behavior further_interindustry:
      assumes info != \null && apdu_cla_further(cla);
      ensures \result == APDU_OK;
      ensures info->kind == APDU_CLA_FURTHER;
      ensures info->channel == 4 + cla % 16;
      ensures info->sm == ((cla / 32) % 2 == 1 ? APDU_SM_ISO_NOHDR
                                                : APDU_SM_NONE);
      ensures info->chaining == (cla / 16) % 2;
    behavior proprietary_low:
      assumes info != \null && apdu_cla_prop_low(cla);
      ensures \result == APDU_OK;
      ensures info->kind == APDU_CLA_PROPRIETARY;
      ensures info->channel == cla % 4;
      ensures info->sm == (cla / 4) % 4;
      ensures info->chaining == (cla / 16) % 2;
    behavior proprietary_high:
      assumes info != \null && apdu_cla_prop_high(cla);
      ensures \result == APDU_OK;
      ensures info->kind == APDU_CLA_PROPRIETARY;
      ensures info->channel == 4 + cla % 16;
      ensures info->sm == ((cla / 32) % 2 == 1 ? APDU_SM_ISO_NOHDR
                                                : APDU_SM_NONE);
      ensures info->chaining == (cla / 16) % 2;
    complete behaviors;
    disjoint behaviors;
*/
int apdu_decode_cla(uint8_t cla, apdu_cla_info *info)
{
    int32_t c = cla;

    if (info == NULL)
        return APDU_E_NULL;
    if (c == 0xFF)
        return APDU_E_CLA_INVALID; /* 7816-4: 'FF' is invalid */
    if (c >= 0x20 && c <= 0x3F)
        return APDU_E_CLA_RESERVED; /* 001x xxxx: reserved for future use */

    if (c <= 0x1F)
        info->kind = APDU_CLA_FIRST;
    else if (c <= 0x7F)
        info->kind = APDU_CLA_FURTHER;
    else
        info->kind = APDU_CLA_PROPRIETARY;

    if (c <= 0x1F || (c >= 0x80 && c <= 0xBF)) {
        /* b2 b1 = channel 0..3, b4 b3 = SM code (enum apdu_sm values). */
        info->channel = c % 4;
        info->sm = (c / 4) % 4;
    } else {
        /* b4..b1 = channel - 4 (channels 4..19), b6 = ISO SM, header not
         * processed. */
        info->channel = 4 + c % 16;
        info->sm = ((c / 32) % 2 == 1) ? APDU_SM_ISO_NOHDR : APDU_SM_NONE;
    }
    info->chaining = (c / 16) % 2; /* b5 */
    return APDU_OK;
}

/* ---- command APDU (standards.md 1.2-1.3) ------------------------------ */

/* Writes the fields of a successful parse.  The CLA was checked valid. */
/*@ requires \valid(out);
    requires \valid_read(a + (0 .. 3));
    requires \initialized(a + (0 .. 3));
    requires \separated(out, a + (0 .. 3));
    requires apdu_cla_valid(a[0]);
    requires 0 <= nc <= 65535 && 4 <= off <= 7 && 0 <= ne <= 65536;
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
*/
static void apdu_fill(apdu_cmd *out, const uint8_t *a, int32_t kase,
                      int32_t nc, int32_t off, int32_t ne)
{
    (void)apdu_decode_cla(a[0], &out->cls);
    out->apdu_case = kase;
    out->cla = a[0];
    out->ins = a[1];
    out->p1 = a[2];
    out->p2 = a[3];
    out->nc = nc;
    out->data_off = off;
    out->ne = ne;
}

/* The success behaviours share their preconditions on the pointers. */
#define APDU_ARGS_OK apdu != \null && out != \null

/*@ requires apdu == \null || \valid_read(apdu + (0 .. len - 1));
    requires apdu != \null ==> \initialized(apdu + (0 .. len - 1));
    requires out == \null || \valid(out);
    requires apdu != \null && out != \null ==>
             \separated(out, apdu + (0 .. len - 1));
    terminates \true;
    assigns *out;
    behavior null_argument:
      assumes apdu == \null || out == \null;
      assigns \nothing;
      ensures \result == APDU_E_NULL;
    behavior malformed:
      assumes APDU_ARGS_OK;
      assumes apdu_error(apdu, len) != APDU_OK;
      assigns \nothing;
      ensures \result == \old(apdu_error(apdu, len));
      ensures APDU_E_TRAILING <= \result <= APDU_E_TOO_LONG;
    behavior case_1:
      assumes APDU_ARGS_OK && is_case_1(apdu, len);
      ensures \result == APDU_OK;
      APDU_PARSED(out, apdu, len, APDU_CASE_1)
      ensures out->nc == 0 && out->ne == 0;
    behavior case_2s:
      assumes APDU_ARGS_OK && is_case_2s(apdu, len);
      ensures \result == APDU_OK;
      APDU_PARSED(out, apdu, len, APDU_CASE_2S)
      ensures out->nc == 0 && 1 <= out->ne <= 256;
    behavior case_3s:
      assumes APDU_ARGS_OK && is_case_3s(apdu, len);
      ensures \result == APDU_OK;
      APDU_PARSED(out, apdu, len, APDU_CASE_3S)
      ensures 1 <= out->nc <= 255 && out->ne == 0;
      ensures out->data_off + out->nc == len;
    behavior case_4s:
      assumes APDU_ARGS_OK && is_case_4s(apdu, len);
      ensures \result == APDU_OK;
      APDU_PARSED(out, apdu, len, APDU_CASE_4S)
      ensures 1 <= out->nc <= 255 && 1 <= out->ne <= 256;
      ensures out->data_off + out->nc == len - 1;
    behavior case_2e:
      assumes APDU_ARGS_OK && is_case_2e(apdu, len);
      ensures \result == APDU_OK;
      APDU_PARSED(out, apdu, len, APDU_CASE_2E)
      ensures out->nc == 0 && 1 <= out->ne <= 65536;
    behavior case_3e:
      assumes APDU_ARGS_OK && is_case_3e(apdu, len);
      ensures \result == APDU_OK;
      APDU_PARSED(out, apdu, len, APDU_CASE_3E)
      ensures 1 <= out->nc <= 65535 && out->ne == 0;
      ensures out->data_off + out->nc == len;
    behavior case_4e:
      assumes APDU_ARGS_OK && is_case_4e(apdu, len);
      ensures \result == APDU_OK;
      APDU_PARSED(out, apdu, len, APDU_CASE_4E)
      ensures 1 <= out->nc <= 65535 && 1 <= out->ne <= 65536;
      ensures out->data_off + out->nc == len - 2;
    complete behaviors;
    disjoint behaviors;
*/
int apdu_parse(const uint8_t *apdu, size_t len, apdu_cmd *out)
{
    int32_t n, b4, lc, le;
    /* The decision (1.3) is made into these locals first; *out is written
     * once at the end, and only on success. */
    int32_t err = APDU_OK, kase = 0, nc = 0, off = 4, ne = 0;

    if (apdu == NULL || out == NULL)
        return APDU_E_NULL;
    /* Length limits first: nothing is read before they hold. */
    if (len > APDU_MAX_LEN)
        return APDU_E_TOO_LONG;
    if (len < APDU_HEADER_LEN)
        return APDU_E_TOO_SHORT; /* 1.3 step 1 */
    n = (int32_t)len;
    /* CLA (1.4): 'FF' invalid, 001x xxxx reserved. */
    if (apdu[0] == 0xFF)
        return APDU_E_CLA_INVALID;
    if (apdu[0] >= 0x20 && apdu[0] <= 0x3F)
        return APDU_E_CLA_RESERVED;

    if (n == 4) {
        kase = APDU_CASE_1; /* 1.3 step 2 */
    } else if (n == 5) {
        b4 = apdu[4]; /* step 3: case 2S, short Le 00 = 256 */
        kase = APDU_CASE_2S;
        ne = b4 == 0 ? 256 : b4;
    } else if (apdu[4] != 0) {
        b4 = apdu[4]; /* step 4: short Lc = b4 (1..255) */
        if (n == 5 + b4) {
            kase = APDU_CASE_3S;
            nc = b4;
            off = 5;
        } else if (n == 6 + b4) {
            le = apdu[len - 1]; /* case 4S: the last byte is Le, 00 = 256 */
            kase = APDU_CASE_4S;
            nc = b4;
            off = 5;
            ne = le == 0 ? 256 : le;
        } else if (n < 5 + b4) {
            err = APDU_E_TRUNCATED; /* data shorter than Lc */
        } else if (n == 7 + b4) {
            err = APDU_E_LE_MIXED; /* two-byte Le after a short Lc */
        } else {
            err = APDU_E_TRAILING;
        }
    } else if (n < 7) {
        err = APDU_E_ZERO_B4_LEN6; /* step 5: 6 bytes, zero 5th byte */
    } else {
        /* Steps 6-7: a zero fifth byte marks extended lengths. */
        lc = apdu[5] * 256 + apdu[6];
        if (n == 7) {
            kase = APDU_CASE_2E; /* extended Le 0000 = 65536 */
            ne = lc == 0 ? 65536 : lc;
        } else if (lc == 0) {
            err = APDU_E_EXT_LC_ZERO; /* Lc 0000 is invalid */
        } else if (n == 7 + lc) {
            kase = APDU_CASE_3E;
            nc = lc;
            off = 7;
        } else if (n == 9 + lc) {
            /* case 4E: the last two bytes are Le, 0000 = 65536 */
            le = apdu[len - 2] * 256 + apdu[len - 1];
            kase = APDU_CASE_4E;
            nc = lc;
            off = 7;
            ne = le == 0 ? 65536 : le;
        } else if (n == 5 + 256 || n == 6 + 256) {
            err = APDU_E_SHORT_LC_ZERO; /* 256 data bytes behind a short 00 */
        } else if (n == 8 + lc) {
            err = APDU_E_LE_MIXED; /* one-byte Le after an extended Lc */
        } else if (n < 7 + lc) {
            err = APDU_E_TRUNCATED;
        } else {
            err = APDU_E_TRAILING;
        }
    }
    if (err != APDU_OK)
        return err;
    apdu_fill(out, apdu, kase, nc, off, ne);
    return APDU_OK;
}

/* ---- response APDU (standards.md 1.5) --------------------------------- */

/*@ requires data == \null || \valid_read(data + (0 .. len - 1));
    requires data != \null ==> \initialized(data + (0 .. len - 1));
    requires out == \null || \valid(out + (0 .. outcap - 1));
    requires outlen == \null || \valid(outlen);
    requires out != \null && data != \null ==>
             \separated(out + (0 .. outcap - 1), data + (0 .. len - 1));
    requires out != \null && outlen != \null ==>
             \separated(outlen, out + (0 .. outcap - 1));
    requires outlen != \null && data != \null ==>
             \separated(outlen, data + (0 .. len - 1));
    terminates \true;
    assigns out[0 .. len + 1], *outlen;
    behavior null_argument:
      assumes out == \null || outlen == \null || (data == \null && len > 0);
      assigns \nothing;
      ensures \result == APDU_E_NULL;
    behavior too_long:
      assumes out != \null && outlen != \null && (data != \null || len == 0);
      assumes len > APDU_MAX_RESP_DATA;
      assigns \nothing;
      ensures \result == APDU_E_RESP_TOO_LONG;
    behavior no_room:
      assumes out != \null && outlen != \null && (data != \null || len == 0);
      assumes len <= APDU_MAX_RESP_DATA && len + 2 > outcap;
      assigns \nothing;
      ensures \result == APDU_E_RESP_CAPACITY;
    behavior built:
      assumes out != \null && outlen != \null && (data != \null || len == 0);
      assumes len <= APDU_MAX_RESP_DATA && len + 2 <= outcap;
      ensures \result == APDU_OK;
      ensures *outlen == len + 2;
      ensures \forall integer i; 0 <= i < len ==> out[i] == \old(data[i]);
      ensures out[len] == sw1 && out[len + 1] == sw2;
      ensures \initialized(out + (0 .. len + 1));
    complete behaviors;
    disjoint behaviors;
*/
int apdu_response(const uint8_t *data, size_t len, uint8_t sw1, uint8_t sw2,
                  uint8_t *out, size_t outcap, size_t *outlen)
{
    size_t i;

    if (out == NULL || outlen == NULL || (data == NULL && len > 0))
        return APDU_E_NULL;
    if (len > APDU_MAX_RESP_DATA)
        return APDU_E_RESP_TOO_LONG; /* more than any Ne can ask for */
    /* len + 2 <= outcap, written so that nothing can wrap. */
    if (outcap < 2 || len > outcap - 2)
        return APDU_E_RESP_CAPACITY;
    /*@ loop invariant 0 <= i <= len;
        loop invariant \forall integer k; 0 <= k < i ==> out[k] == data[k];
        loop invariant \initialized(out + (0 .. i - 1));
        loop assigns i, out[0 .. len - 1];
        loop variant len - i;
    */
    for (i = 0; i < len; i++)
        out[i] = data[i];
    out[len] = sw1;
    out[len + 1] = sw2;
    *outlen = len + 2;
    return APDU_OK;
}
