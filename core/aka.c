/* aka.c - the USIM side of a 3G authentication (TS 33.102 6.3.3), see
 * aka.h and spec/aka.acsl.  Proof unit "aka" (proofs/modules.txt).
 *
 * kl_aka_run is a few calls of helpers with small contracts (AK/AK*, the
 * MAC check, RES/CK/IK, AUTS), each of which keeps its intermediates in
 * locals (proofs/README.md, "Locals, not pointer parameters", "Small
 * contexts"); every local holding a secret-derived value is wiped before
 * returning. */
#include "aka.h"
#include "bytes.h"

/* out = y xor x, 6 bytes (the recovered SQN: AUTN[0..5] xor AK).  Inputs
 * named (y, x) as ml_xor16 in core/milenage.c: the XOR order of WP's
 * simplifier then agrees with ml_xor's (proofs/README.md, "XOR order"). */
/*@ requires valid_out: \valid(out + (0 .. 5));
    requires in_y: KL_IN(y, 6) && KL_IN(x, 6);
    requires sep_out: \separated(out + (0 .. 5), y + (0 .. 5)) &&
             \separated(out + (0 .. 5), x + (0 .. 5));
    terminates \true;
    assigns out[0 .. 5];
    ensures \forall integer i; 0 <= i < 6 ==>
            out[i] == ml_xor(\old(y[i]), \old(x[i]));
    ensures out[0] == ml_xor(\old(y[0]), \old(x[0])) &&
            out[1] == ml_xor(\old(y[1]), \old(x[1])) &&
            out[2] == ml_xor(\old(y[2]), \old(x[2])) &&
            out[3] == ml_xor(\old(y[3]), \old(x[3])) &&
            out[4] == ml_xor(\old(y[4]), \old(x[4])) &&
            out[5] == ml_xor(\old(y[5]), \old(x[5]));
    ensures \initialized(out + (0 .. 5));
*/
static void aka_xor6(uint8_t *out, const uint8_t *y, const uint8_t *x)
{
    size_t i;
    /*@ loop invariant 0 <= i <= 6;
        loop invariant \forall integer j; 0 <= j < i ==>
                       out[j] == (uint8_t)(y[j] ^ x[j]);
        loop invariant \forall integer j; 0 <= j < i ==>
                       out[j] == ml_xor(y[j], x[j]);
        loop invariant \initialized(out + (0 .. i - 1));
        loop assigns i, out[0 .. 5];
        loop variant 6 - i;
    */
    for (i = 0; i < KL_SQN_BYTES; i++)
        out[i] = (uint8_t)(y[i] ^ x[i]);
}

/* 0 exactly when x[0 .. 7] == m[0 .. 7]; constant time: every byte's
 * inequality (0 or 1, a comparison value, not a branch) is summed with
 * kl_bytes_sum, no early exit and no branch on a byte. */
/*@ requires in_x: KL_IN(x, 8) && KL_IN(m, 8);
    terminates \true;
    assigns \nothing;
    ensures same: \result == 0 ==>
            (x[0] == m[0] && x[1] == m[1] && x[2] == m[2] && x[3] == m[3] &&
             x[4] == m[4] && x[5] == m[5] && x[6] == m[6] && x[7] == m[7]);
    ensures differ: (x[0] == m[0] && x[1] == m[1] && x[2] == m[2] &&
             x[3] == m[3] && x[4] == m[4] && x[5] == m[5] && x[6] == m[6] &&
             x[7] == m[7]) ==> \result == 0;
*/
static int32_t aka_mac_diff(const uint8_t *x, const uint8_t *m)
{
    uint8_t d[KL_MILENAGE_MAC_BYTES];
    int32_t s;
    size_t i;
    /*@ loop invariant 0 <= i <= 8;
        loop invariant \forall integer j; 0 <= j < i ==>
                       (d[j] == 0 <==> x[j] == m[j]);
        loop invariant \initialized(d + (0 .. i - 1));
        loop assigns i, d[0 .. 7];
        loop variant 8 - i;
    */
    for (i = 0; i < KL_MILENAGE_MAC_BYTES; i++)
        d[i] = (uint8_t)(x[i] != m[i]);
    s = kl_bytes_sum(d, 0, (int32_t)KL_MILENAGE_MAC_BYTES);
    kl_bytes_wipe(d, KL_MILENAGE_MAC_BYTES);
    return s;
}

/* out = (y xor x) || mac: AUTS from SQN_MS (y), AK* (x) and MAC-S, in one
 * loop so that all 14 bytes are known initialised (proofs/README.md,
 * "Initialisation"). */
/*@ requires valid_out: \valid(out + (0 .. 13));
    requires in_y: KL_IN(y, 6) && KL_IN(x, 6) && KL_IN(mac, 8);
    requires sep_out: \separated(out + (0 .. 13), y + (0 .. 5)) &&
             \separated(out + (0 .. 13), x + (0 .. 5)) &&
             \separated(out + (0 .. 13), mac + (0 .. 7));
    terminates \true;
    assigns out[0 .. 13];
    ensures \forall integer i; 0 <= i < 6 ==>
            out[i] == ml_xor(\old(y[i]), \old(x[i]));
    ensures \forall integer i; 6 <= i < 14 ==> out[i] == \old(mac[i - 6]);
    ensures \initialized(out + (0 .. 13));
*/
static void aka_put_auts(uint8_t *out, const uint8_t *y, const uint8_t *x,
                         const uint8_t *mac)
{
    size_t i;
    /*@ loop invariant 0 <= i <= 14;
        loop invariant \forall integer j; 0 <= j < i && j < 6 ==>
                       out[j] == (uint8_t)(y[j] ^ x[j]);
        loop invariant \forall integer j; 0 <= j < i && j < 6 ==>
                       out[j] == ml_xor(y[j], x[j]);
        loop invariant \forall integer j; 6 <= j < i ==> out[j] == mac[j - 6];
        loop invariant \initialized(out + (0 .. i - 1));
        loop assigns i, out[0 .. 13];
        loop variant 14 - i;
    */
    for (i = 0; i < KL_AKA_AUTS_BYTES; i++) {
        if (i < KL_SQN_BYTES)
            out[i] = (uint8_t)(y[i] ^ x[i]);
        else
            out[i] = mac[i - KL_SQN_BYTES];
    }
}

/* AK = f5(RAND) and AK* = f5*(RAND): the f2345 pass, RES, CK and IK into
 * locals that are wiped, only the two masks handed out (a small context for the callers: proofs/README.md,
 * "Small contexts"). */
/*@ requires in_k: KL_IN(k, 16) && KL_IN(opc, 16) && KL_IN(rand, 16);
    requires valid_ak: \valid(ak + (0 .. 5)) && \valid(aks + (0 .. 5));
    requires sep_ak: \separated(ak + (0 .. 5), aks + (0 .. 5)) &&
             \separated(ak + (0 .. 5), k + (0 .. 15)) &&
             \separated(ak + (0 .. 5), opc + (0 .. 15)) &&
             \separated(ak + (0 .. 5), rand + (0 .. 15)) &&
             \separated(aks + (0 .. 5), k + (0 .. 15)) &&
             \separated(aks + (0 .. 5), opc + (0 .. 15)) &&
             \separated(aks + (0 .. 5), rand + (0 .. 15));
    terminates \true;
    assigns ak[0 .. 5], aks[0 .. 5];
    ensures \forall integer i; 0 <= i < 6 ==>
            ak[i] == ml_f5(ML_KOR(k, opc, rand), MLS_R2, MLS_C2, i);
    ensures \forall integer i; 0 <= i < 6 ==>
            aks[i] == ml_f5star(ML_KOR(k, opc, rand), MLS_R5, MLS_C5, i);
    ensures \initialized(ak + (0 .. 5)) && \initialized(aks + (0 .. 5));
*/
static void aka_masks(const uint8_t *k, const uint8_t *opc, const uint8_t *rand,
                      uint8_t *ak, uint8_t *aks)
{
    uint8_t r[KL_MILENAGE_RES_BYTES], c[KL_MILENAGE_CK_BYTES],
        i_[KL_MILENAGE_IK_BYTES];
    /*@ assert r != \null && c != \null && i_ != \null; */
    (void)kl_milenage_f2345(NULL, k, opc, rand, r, c, i_, ak, aks);
    kl_bytes_wipe(r, KL_MILENAGE_RES_BYTES);
    kl_bytes_wipe(c, KL_MILENAGE_CK_BYTES);
    kl_bytes_wipe(i_, KL_MILENAGE_IK_BYTES);
}

/* RES = f2, CK = f3, IK = f4 of RAND, straight into the outputs. */
/*@ requires in_k: KL_IN(k, 16) && KL_IN(opc, 16) && KL_IN(rand, 16);
    requires valid_res: \valid(res + (0 .. 7)) && \valid(ck + (0 .. 15)) &&
             \valid(ik + (0 .. 15));
    requires sep_res: \separated(res + (0 .. 7), ck + (0 .. 15)) &&
             \separated(res + (0 .. 7), ik + (0 .. 15)) &&
             \separated(ck + (0 .. 15), ik + (0 .. 15));
    requires sep_in: \separated(res + (0 .. 7), k + (0 .. 15)) &&
             \separated(res + (0 .. 7), opc + (0 .. 15)) &&
             \separated(res + (0 .. 7), rand + (0 .. 15)) &&
             \separated(ck + (0 .. 15), k + (0 .. 15)) &&
             \separated(ck + (0 .. 15), opc + (0 .. 15)) &&
             \separated(ck + (0 .. 15), rand + (0 .. 15)) &&
             \separated(ik + (0 .. 15), k + (0 .. 15)) &&
             \separated(ik + (0 .. 15), opc + (0 .. 15)) &&
             \separated(ik + (0 .. 15), rand + (0 .. 15));
    terminates \true;
    assigns res[0 .. 7], ck[0 .. 15], ik[0 .. 15];
    ensures \forall integer i; 0 <= i < 8 ==>
            res[i] == ml_f2(ML_KOR(k, opc, rand), MLS_R2, MLS_C2, i);
    ensures \forall integer i; 0 <= i < 16 ==>
            ck[i] == ml_f3(ML_KOR(k, opc, rand), MLS_R3, MLS_C3, i);
    ensures \forall integer i; 0 <= i < 16 ==>
            ik[i] == ml_f4(ML_KOR(k, opc, rand), MLS_R4, MLS_C4, i);
    ensures \initialized(res + (0 .. 7)) && \initialized(ck + (0 .. 15)) &&
            \initialized(ik + (0 .. 15));
*/
static void aka_keys(const uint8_t *k, const uint8_t *opc, const uint8_t *rand,
                     uint8_t *res, uint8_t *ck, uint8_t *ik)
{
    uint8_t a[KL_MILENAGE_AK_BYTES], as[KL_MILENAGE_AK_BYTES];
    /*@ assert a != \null && as != \null; */
    (void)kl_milenage_f2345(NULL, k, opc, rand, res, ck, ik, a, as);
    kl_bytes_wipe(a, KL_MILENAGE_AK_BYTES);
    kl_bytes_wipe(as, KL_MILENAGE_AK_BYTES);
}

/* Steps 1 and 2 of 6.3.3: the SQN recovered from AUTN into sq, and 0
 * exactly when MAC == XMAC = f1(SQN, AMF, RAND). */
/*@ requires in_k: KL_IN(k, 16) && KL_IN(opc, 16) && KL_IN(rand, 16) &&
             KL_IN(autn, 16);
    requires valid_sq: \valid(sq + (0 .. 5));
    requires sep_sq: \separated(sq + (0 .. 5), k + (0 .. 15)) &&
             \separated(sq + (0 .. 5), opc + (0 .. 15)) &&
             \separated(sq + (0 .. 5), rand + (0 .. 15)) &&
             \separated(sq + (0 .. 5), autn + (0 .. 15));
    terminates \true;
    assigns sq[0 .. 5];
    ensures \forall integer j; 0 <= j < 6 ==>
            sq[j] == aka_sqn(ML_KOR(k, opc, rand), \old(autn[j]), j);
    ensures sq[0] == aka_sqn(ML_KOR(k, opc, rand), \old(autn[0]), 0) &&
            sq[1] == aka_sqn(ML_KOR(k, opc, rand), \old(autn[1]), 1) &&
            sq[2] == aka_sqn(ML_KOR(k, opc, rand), \old(autn[2]), 2) &&
            sq[3] == aka_sqn(ML_KOR(k, opc, rand), \old(autn[3]), 3) &&
            sq[4] == aka_sqn(ML_KOR(k, opc, rand), \old(autn[4]), 4) &&
            sq[5] == aka_sqn(ML_KOR(k, opc, rand), \old(autn[5]), 5);
    ensures \initialized(sq + (0 .. 5));
    ensures mac_ok: \result == 0 ==> aka_mac_ok(AKA_ARGS_OLD(k, opc, rand, autn));
    ensures mac_bad: aka_mac_ok(AKA_ARGS_OLD(k, opc, rand, autn)) ==> \result == 0;
*/
static int32_t aka_verify_mac(const uint8_t *k, const uint8_t *opc,
                              const uint8_t *rand, const uint8_t *autn,
                              uint8_t *sq)
{
    uint8_t ak[KL_MILENAGE_AK_BYTES], aks[KL_MILENAGE_AK_BYTES],
        s[KL_SQN_BYTES], xm[KL_MILENAGE_MAC_BYTES], xs[KL_MILENAGE_MAC_BYTES];
    int32_t d;
    aka_masks(k, opc, rand, ak, aks);
    /* SQN = (SQN xor AK) xor AK */
    aka_xor6(s, autn, ak);
    /* XMAC = f1(SQN, AMF, RAND), AMF = AUTN[6..7] */
    /*@ assert xm != \null && xs != \null; */
    (void)kl_milenage_f1(NULL, k, opc, rand, s, autn + 6, xm, xs);
    /* constant time, every byte */
    d = aka_mac_diff(xm, autn + 8);
    kl_bytes_copy(sq, s, KL_SQN_BYTES);
    kl_bytes_wipe(ak, KL_MILENAGE_AK_BYTES);
    kl_bytes_wipe(aks, KL_MILENAGE_AK_BYTES);
    kl_bytes_wipe(s, KL_SQN_BYTES);
    kl_bytes_wipe(xm, KL_MILENAGE_MAC_BYTES);
    kl_bytes_wipe(xs, KL_MILENAGE_MAC_BYTES);
    return d;
}

/* AUTS = (SQN_MS xor AK*) || MAC-S, MAC-S = f1*(SQN_MS, AMF = 0000, RAND)
 * (TS 33.102 6.3.3, 6.3.5), into out. */
/*@ requires in_k: KL_IN(k, 16) && KL_IN(opc, 16) && KL_IN(rand, 16);
    requires range_hi: 0 <= hi < KL_SQN_LIMIT;
    requires valid_out: \valid(out + (0 .. 13));
    requires sep_out: \separated(out + (0 .. 13), k + (0 .. 15)) &&
             \separated(out + (0 .. 13), opc + (0 .. 15)) &&
             \separated(out + (0 .. 13), rand + (0 .. 15));
    terminates \true;
    assigns out[0 .. 13];
    ensures \forall integer j; 0 <= j < 6 ==>
            out[j] == ml_xor(sqn_byte(hi, j),
                             ml_f5star(ML_KOR(k, opc, rand), MLS_R5, MLS_C5, j));
    ensures \forall integer m; 6 <= m < 14 ==>
            out[m] == ml_f1star(ML_KOR(k, opc, rand),
                                sqn_byte(hi, 0), sqn_byte(hi, 1), sqn_byte(hi, 2),
                                sqn_byte(hi, 3), sqn_byte(hi, 4), sqn_byte(hi, 5),
                                0, 0, MLS_R1, MLS_C1, m - 6);
    ensures \initialized(out + (0 .. 13));
*/
static void aka_auts(const uint8_t *k, const uint8_t *opc, const uint8_t *rand,
                     int64_t hi, uint8_t *out)
{
    uint8_t ms[KL_SQN_BYTES], ak[KL_MILENAGE_AK_BYTES], aks[KL_MILENAGE_AK_BYTES];
    uint8_t amf0[KL_MILENAGE_AMF_BYTES] = {0, 0};
    uint8_t t[KL_MILENAGE_MAC_BYTES], macs[KL_MILENAGE_MAC_BYTES];
    aka_masks(k, opc, rand, ak, aks);
    /*@ assert ms != \null; */
    (void)kl_sqn_to_bytes(hi, ms);
    /*@ assert ms[0] == sqn_byte(hi, 0) && ms[1] == sqn_byte(hi, 1) &&
               ms[2] == sqn_byte(hi, 2) && ms[3] == sqn_byte(hi, 3) &&
               ms[4] == sqn_byte(hi, 4) && ms[5] == sqn_byte(hi, 5); */
    /*@ assert t != \null && macs != \null; */
    (void)kl_milenage_f1(NULL, k, opc, rand, ms, amf0, t, macs);
    aka_put_auts(out, ms, aks, macs);
    kl_bytes_wipe(ak, KL_MILENAGE_AK_BYTES);
    kl_bytes_wipe(aks, KL_MILENAGE_AK_BYTES);
    kl_bytes_wipe(t, KL_MILENAGE_MAC_BYTES);
    kl_bytes_wipe(macs, KL_MILENAGE_MAC_BYTES);
}

int kl_aka_run(const kl_sqn_cfg *cfg, kl_sqn_state *st,
               const uint8_t k[KL_MILENAGE_KEY_BYTES],
               const uint8_t opc[KL_MILENAGE_BLOCK_BYTES],
               const uint8_t rand[KL_MILENAGE_RAND_BYTES],
               const uint8_t autn[KL_AKA_AUTN_BYTES],
               uint8_t res[KL_MILENAGE_RES_BYTES],
               uint8_t ck[KL_MILENAGE_CK_BYTES],
               uint8_t ik[KL_MILENAGE_IK_BYTES],
               uint8_t auts[KL_AKA_AUTS_BYTES])
{
    uint8_t sq[KL_SQN_BYTES];
    int64_t v = 0;
    int rc;
    if (cfg == NULL || st == NULL || k == NULL || opc == NULL ||
        rand == NULL || autn == NULL || res == NULL || ck == NULL ||
        ik == NULL || auts == NULL)
        return KL_AKA_E_NULL;
    if (kl_sqn_valid(cfg, st) != KL_SQN_OK)
        return KL_AKA_E_PARAM;
    /* 1, 2: SQN recovered and the MAC checked first: a wrong MAC changes
     * nothing and gives no AUTS */
    if (aka_verify_mac(k, opc, rand, autn, sq) != 0) {
        rc = KL_AKA_E_MAC;
    } else {
        /* 3. only then the SQN (Annex C) */
        /*@ assert sq != \null; */
        (void)kl_sqn_from_bytes(sq, &v);
        if (kl_sqn_check(cfg, st, v) == KL_SQN_OK) {
            /* 4. accepted (the state updated): RES, CK, IK */
            aka_keys(k, opc, rand, res, ck, ik);
            rc = KL_AKA_OK;
        } else {
            /* refused: AUTS from SQN_MS, the state unchanged */
            aka_auts(k, opc, rand, st->hi, auts);
            rc = KL_AKA_E_SYNC;
        }
    }
    kl_bytes_wipe(sq, KL_SQN_BYTES);
    return rc;
}
