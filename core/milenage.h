/* milenage.h - the 3GPP MILENAGE authentication and key generation
 * functions f1, f1*, f2, f3, f4, f5, f5* (TS 35.206), OPc derivation, and the
 * GSM conversions c2/c3 (TS 33.102 6.8.1.2, GSM-MILENAGE TS 55.205).
 *
 * Every function takes the subscriber key K and OPc (derive OPc once from the
 * operator's OP with kl_milenage_opc() and cache it, as a USIM or AuC does) and
 * an optional parameter set: NULL means the TS 35.206 defaults
 * (r1..r5 = 64, 0, 32, 64, 96; c1..c5 = 0, 1, 2, 4, 8 in the last byte).
 * Operator-chosen rotations may be any 0..127 bits.
 */
#ifndef KL_MILENAGE_H
#define KL_MILENAGE_H

#include "kl_common.h"

/* The ACSL specification the functional contracts below refer to: MILENAGE
 * of TS 35.206 4.1 over an abstract AES, byte by byte.  Only Frama-C reads
 * it (comments and annotation macros), so the installed header does not
 * need spec/ next to it. */
#if defined(__FRAMAC__)
#include "../spec/milenage.acsl"
/* Arguments of the spec's functions (spec/milenage.acsl) taken from the C
 * arguments, in the Pre state (\old) or, in assertions, \at(.., Pre). */
#define ML_KOR(k, opc, rand) MLS_OLD16(k), MLS_OLD16(opc), MLS_OLD16(rand)
#define ML_SA(sqn, amf) MLS_OLD6(sqn), MLS_OLD2(amf)
#define ML_KOR_PRE(k, opc, rand) MLS_PRE16(k), MLS_PRE16(opc), MLS_PRE16(rand)
#define ML_SA_PRE(sqn, amf) MLS_PRE6(sqn), MLS_PRE2(amf)
/* r_n and c_n (n = 1 .. 5) of a parameter set: r[n-1], c[16(n-1) ..]. */
#define ML_RC(p, n) \old((p)->r[(n) - 1]), MLS_OLD16_AT((p)->c, 16 * ((n) - 1))
#define ML_RC_PRE(p, n) \at((p)->r[(n) - 1], Pre), \
        MLS_PRE16_AT((p)->c, 16 * ((n) - 1))
/* r_n is a whole number of bytes: the functional contracts' condition. */
#define ML_WHOLE(p, n) (\old((p)->r[(n) - 1]) % 8 == 0)
/* f2, f3, f4, f5, f5* (RES, CK, IK, AK, AK*) equal the spec's for the
 * constants of parameter set p, each output under the whole-byte condition
 * on its own r (f2 and f5: r2, f3: r3, f4: r4, f5*: r5). */
#define ML_F2345_ENS(p) \
    ensures ML_WHOLE(p, 2) ==> \forall integer i; 0 <= i < 8 ==> \
            res[i] == ml_f2(ML_KOR(k, opc, rand), ML_RC(p, 2), i); \
    ensures ML_WHOLE(p, 3) ==> \forall integer i; 0 <= i < 16 ==> \
            ck[i] == ml_f3(ML_KOR(k, opc, rand), ML_RC(p, 3), i); \
    ensures ML_WHOLE(p, 4) ==> \forall integer i; 0 <= i < 16 ==> \
            ik[i] == ml_f4(ML_KOR(k, opc, rand), ML_RC(p, 4), i); \
    ensures ML_WHOLE(p, 2) ==> \forall integer i; 0 <= i < 6 ==> \
            ak[i] == ml_f5(ML_KOR(k, opc, rand), ML_RC(p, 2), i); \
    ensures ML_WHOLE(p, 5) ==> \forall integer i; 0 <= i < 6 ==> \
            ak_star[i] == ml_f5star(ML_KOR(k, opc, rand), ML_RC(p, 5), i);
#endif

#define KL_MILENAGE_KEY_BYTES 16u
#define KL_MILENAGE_BLOCK_BYTES 16u
#define KL_MILENAGE_RAND_BYTES 16u
#define KL_MILENAGE_SQN_BYTES 6u
#define KL_MILENAGE_AMF_BYTES 2u
#define KL_MILENAGE_MAC_BYTES 8u
#define KL_MILENAGE_RES_BYTES 8u
#define KL_MILENAGE_CK_BYTES 16u
#define KL_MILENAGE_IK_BYTES 16u
#define KL_MILENAGE_AK_BYTES 6u
#define KL_MILENAGE_SRES_BYTES 4u
#define KL_MILENAGE_KC_BYTES 8u
#define KL_MILENAGE_NOUT 5u         /* OUT1..OUT5 */
#define KL_MILENAGE_ROT_LIMIT 128u  /* a rotation is 0..127 bits */

enum kl_milenage_status {
    KL_MILENAGE_OK = KL_OK,
    KL_MILENAGE_E_NULL = KL_ERR_MILENAGE - 1,  /* a pointer argument was NULL */
    KL_MILENAGE_E_PARAM = KL_ERR_MILENAGE - 2, /* a rotation r1..r5 was not below 128 */
};

/* Operator-specific constants: c[16*(i-1) .. 16*i-1] is c_i, r[i-1] is r_i
 * in bits (TS 35.206 4.1). */
typedef struct kl_milenage_params {
    uint8_t c[KL_MILENAGE_NOUT * KL_MILENAGE_BLOCK_BYTES];
    uint32_t r[KL_MILENAGE_NOUT];
} kl_milenage_params;

/* Everything one authentication vector needs, from one call. */
typedef struct kl_milenage_out {
    uint8_t mac_a[KL_MILENAGE_MAC_BYTES]; /* f1  = OUT1[0..63]   */
    uint8_t mac_s[KL_MILENAGE_MAC_BYTES]; /* f1* = OUT1[64..127] */
    uint8_t res[KL_MILENAGE_RES_BYTES];   /* f2  = OUT2[64..127] */
    uint8_t ck[KL_MILENAGE_CK_BYTES];     /* f3  = OUT3          */
    uint8_t ik[KL_MILENAGE_IK_BYTES];     /* f4  = OUT4          */
    uint8_t ak[KL_MILENAGE_AK_BYTES];     /* f5  = OUT2[0..47]   */
    uint8_t ak_star[KL_MILENAGE_AK_BYTES];/* f5* = OUT5[0..47]   */
} kl_milenage_out;

/* ACSL: a parameter set that may be NULL (defaults) or is fully readable. */
#define KL_MILENAGE_PARAMS_OK(p) ((p) == \null || (\valid_read(p) && \
        \initialized(&(p)->c[0 .. KL_MILENAGE_NOUT * 16 - 1]) && \
        \initialized(&(p)->r[0 .. KL_MILENAGE_NOUT - 1])))

/* Fills `p` with the TS 35.206 4.1 default constants. */
/*@ requires valid_p: p == \null || \valid(p);
    terminates \true;
    assigns p->c[0 .. KL_MILENAGE_NOUT * 16 - 1], p->r[0 .. KL_MILENAGE_NOUT - 1];
    behavior null_argument:
      assumes p == \null;
      ensures \result == KL_MILENAGE_E_NULL;
    behavior filled:
      assumes p != \null;
      ensures \result == KL_MILENAGE_OK;
      ensures p->r[0] == 64 && p->r[1] == 0 && p->r[2] == 32 &&
              p->r[3] == 64 && p->r[4] == 96;
      ensures p->c[15] == 0 && p->c[31] == 1 && p->c[47] == 2 &&
              p->c[63] == 4 && p->c[79] == 8;
      ensures \forall integer i; 0 <= i < KL_MILENAGE_NOUT * 16 && i % 16 != 15 ==>
              p->c[i] == 0;
      ensures \initialized(&p->c[0 .. KL_MILENAGE_NOUT * 16 - 1]);
      ensures \initialized(&p->r[0 .. KL_MILENAGE_NOUT - 1]);
    complete behaviors;
    disjoint behaviors;
*/
int kl_milenage_default_params(kl_milenage_params *p);

/* OPc = OP xor E_K(OP) (TS 35.206 4.1). */
/*@ requires in_k: KL_IN_OK(k, 16) && KL_IN_OK(op, 16) && KL_OUT_OK(opc, 16);
    requires sep_opc_k: KL_SEP(opc, 16, k, 16) && KL_SEP(opc, 16, op, 16);
    terminates \true;
    assigns opc[0 .. 15];
    behavior null_argument:
      assumes k == \null || op == \null || opc == \null;
      assigns \nothing;
      ensures \result == KL_MILENAGE_E_NULL;
    behavior derived:
      assumes k != \null && op != \null && opc != \null;
      ensures \result == KL_MILENAGE_OK;
      ensures \initialized(opc + (0 .. 15));
      ensures \forall integer i; 0 <= i < 16 ==>
              opc[i] == ml_opc(MLS_OLD16(k), MLS_OLD16(op), i);
    complete behaviors;
    disjoint behaviors;
*/
int kl_milenage_opc(const uint8_t k[KL_MILENAGE_KEY_BYTES],
                 const uint8_t op[KL_MILENAGE_BLOCK_BYTES],
                 uint8_t opc[KL_MILENAGE_BLOCK_BYTES]);

/* f1 and f1*: MAC-A and MAC-S over SQN || RAND || AMF. */
/*@ requires params_p: KL_MILENAGE_PARAMS_OK(p) && KL_IN_OK(k, 16) && KL_IN_OK(opc, 16) && KL_IN_OK(rand, 16);
    requires in_sqn: KL_IN_OK(sqn, 6) && KL_IN_OK(amf, 2);
    requires out_mac_a: KL_OUT_OK(mac_a, 8) && KL_OUT_OK(mac_s, 8) && KL_SEP(mac_a, 8, mac_s, 8);
    terminates \true;
    assigns mac_a[0 .. 7], mac_s[0 .. 7];
    behavior null_argument:
      assumes k == \null || opc == \null || rand == \null || sqn == \null ||
              amf == \null || mac_a == \null || mac_s == \null;
      assigns \nothing;
      ensures \result == KL_MILENAGE_E_NULL;
    behavior bad_rotation:
      assumes k != \null && opc != \null && rand != \null && sqn != \null &&
              amf != \null && mac_a != \null && mac_s != \null;
      assumes p != \null && !(\forall integer i; 0 <= i < KL_MILENAGE_NOUT ==>
                                p->r[i] < KL_MILENAGE_ROT_LIMIT);
      assigns \nothing;
      ensures \result == KL_MILENAGE_E_PARAM;
    // TS 35.206 4.1: f1 = OUT1[0..63], f1* = OUT1[64..127].
    behavior defaults:
      assumes k != \null && opc != \null && rand != \null && sqn != \null &&
              amf != \null && mac_a != \null && mac_s != \null;
      assumes p == \null;
      ensures \result == KL_MILENAGE_OK;
      ensures \initialized(mac_a + (0 .. 7)) && \initialized(mac_s + (0 .. 7));
      ensures \forall integer i; 0 <= i < 8 ==>
              mac_a[i] == ml_f1(ML_KOR(k, opc, rand), ML_SA(sqn, amf),
                                MLS_R1, MLS_C1, i);
      ensures \forall integer i; 0 <= i < 8 ==>
              mac_s[i] == ml_f1star(ML_KOR(k, opc, rand), ML_SA(sqn, amf),
                                    MLS_R1, MLS_C1, i);
    behavior operator_constants:
      assumes k != \null && opc != \null && rand != \null && sqn != \null &&
              amf != \null && mac_a != \null && mac_s != \null;
      assumes p != \null && (\forall integer i; 0 <= i < KL_MILENAGE_NOUT ==>
                               p->r[i] < KL_MILENAGE_ROT_LIMIT);
      ensures \result == KL_MILENAGE_OK;
      ensures \initialized(mac_a + (0 .. 7)) && \initialized(mac_s + (0 .. 7));
      // Proved for whole-byte r1; bit rotations: proofs/README.md.
      ensures ML_WHOLE(p, 1) ==> \forall integer i; 0 <= i < 8 ==>
              mac_a[i] == ml_f1(ML_KOR(k, opc, rand), ML_SA(sqn, amf),
                                ML_RC(p, 1), i);
      ensures ML_WHOLE(p, 1) ==> \forall integer i; 0 <= i < 8 ==>
              mac_s[i] == ml_f1star(ML_KOR(k, opc, rand), ML_SA(sqn, amf),
                                    ML_RC(p, 1), i);
    complete behaviors;
    disjoint behaviors;
*/
int kl_milenage_f1(const kl_milenage_params *p, const uint8_t k[KL_MILENAGE_KEY_BYTES],
                const uint8_t opc[KL_MILENAGE_BLOCK_BYTES],
                const uint8_t rand[KL_MILENAGE_RAND_BYTES],
                const uint8_t sqn[KL_MILENAGE_SQN_BYTES],
                const uint8_t amf[KL_MILENAGE_AMF_BYTES],
                uint8_t mac_a[KL_MILENAGE_MAC_BYTES],
                uint8_t mac_s[KL_MILENAGE_MAC_BYTES]);

/* f2, f3, f4, f5, f5*: RES, CK, IK, AK, AK*. */
/*@ requires params_p: KL_MILENAGE_PARAMS_OK(p) && KL_IN_OK(k, 16) && KL_IN_OK(opc, 16) && KL_IN_OK(rand, 16);
    requires out_res: KL_OUT_OK(res, 8) && KL_OUT_OK(ck, 16) && KL_OUT_OK(ik, 16);
    requires out_ak: KL_OUT_OK(ak, 6) && KL_OUT_OK(ak_star, 6);
    requires sep_res_ck: KL_SEP(res, 8, ck, 16) && KL_SEP(res, 8, ik, 16) && KL_SEP(res, 8, ak, 6) &&
             KL_SEP(res, 8, ak_star, 6) && KL_SEP(ck, 16, ik, 16) &&
             KL_SEP(ck, 16, ak, 6) && KL_SEP(ck, 16, ak_star, 6) &&
             KL_SEP(ik, 16, ak, 6) && KL_SEP(ik, 16, ak_star, 6) &&
             KL_SEP(ak, 6, ak_star, 6);
    terminates \true;
    assigns res[0 .. 7], ck[0 .. 15], ik[0 .. 15], ak[0 .. 5], ak_star[0 .. 5];
    behavior null_argument:
      assumes k == \null || opc == \null || rand == \null || res == \null ||
              ck == \null || ik == \null || ak == \null || ak_star == \null;
      assigns \nothing;
      ensures \result == KL_MILENAGE_E_NULL;
    behavior bad_rotation:
      assumes k != \null && opc != \null && rand != \null && res != \null &&
              ck != \null && ik != \null && ak != \null && ak_star != \null;
      assumes p != \null && !(\forall integer i; 0 <= i < KL_MILENAGE_NOUT ==>
                                p->r[i] < KL_MILENAGE_ROT_LIMIT);
      assigns \nothing;
      ensures \result == KL_MILENAGE_E_PARAM;
    // TS 35.206 4.1: f2 = OUT2[64..127], f3 = OUT3, f4 = OUT4,
    // f5 = OUT2[0..47], f5* = OUT5[0..47].
    behavior defaults:
      assumes k != \null && opc != \null && rand != \null && res != \null &&
              ck != \null && ik != \null && ak != \null && ak_star != \null;
      assumes p == \null;
      ensures \result == KL_MILENAGE_OK;
      ensures \initialized(res + (0 .. 7)) && \initialized(ck + (0 .. 15)) &&
              \initialized(ik + (0 .. 15)) && \initialized(ak + (0 .. 5)) &&
              \initialized(ak_star + (0 .. 5));
      ensures \forall integer i; 0 <= i < 8 ==>
              res[i] == ml_f2(ML_KOR(k, opc, rand), MLS_R2, MLS_C2, i);
      ensures \forall integer i; 0 <= i < 16 ==>
              ck[i] == ml_f3(ML_KOR(k, opc, rand), MLS_R3, MLS_C3, i);
      ensures \forall integer i; 0 <= i < 16 ==>
              ik[i] == ml_f4(ML_KOR(k, opc, rand), MLS_R4, MLS_C4, i);
      ensures \forall integer i; 0 <= i < 6 ==>
              ak[i] == ml_f5(ML_KOR(k, opc, rand), MLS_R2, MLS_C2, i);
      ensures \forall integer i; 0 <= i < 6 ==>
              ak_star[i] == ml_f5star(ML_KOR(k, opc, rand), MLS_R5, MLS_C5, i);
    behavior operator_constants:
      assumes k != \null && opc != \null && rand != \null && res != \null &&
              ck != \null && ik != \null && ak != \null && ak_star != \null;
      assumes p != \null && (\forall integer i; 0 <= i < KL_MILENAGE_NOUT ==>
                               p->r[i] < KL_MILENAGE_ROT_LIMIT);
      ensures \result == KL_MILENAGE_OK;
      ensures \initialized(res + (0 .. 7)) && \initialized(ck + (0 .. 15)) &&
              \initialized(ik + (0 .. 15)) && \initialized(ak + (0 .. 5)) &&
              \initialized(ak_star + (0 .. 5));
      // Bit rotations: proofs/README.md.
      ML_F2345_ENS(p)
    complete behaviors;
    disjoint behaviors;
*/
int kl_milenage_f2345(const kl_milenage_params *p,
                   const uint8_t k[KL_MILENAGE_KEY_BYTES],
                   const uint8_t opc[KL_MILENAGE_BLOCK_BYTES],
                   const uint8_t rand[KL_MILENAGE_RAND_BYTES],
                   uint8_t res[KL_MILENAGE_RES_BYTES],
                   uint8_t ck[KL_MILENAGE_CK_BYTES],
                   uint8_t ik[KL_MILENAGE_IK_BYTES],
                   uint8_t ak[KL_MILENAGE_AK_BYTES],
                   uint8_t ak_star[KL_MILENAGE_AK_BYTES]);

/* All seven outputs with one key expansion and three AES passes (TEMP,
 * OUT1, then OUT2..OUT5 as one four-block pass). */
/*@ requires params_p: KL_MILENAGE_PARAMS_OK(p) && KL_IN_OK(k, 16) && KL_IN_OK(opc, 16) && KL_IN_OK(rand, 16);
    requires in_sqn: KL_IN_OK(sqn, 6) && KL_IN_OK(amf, 2);
    requires valid_out: out == \null || \valid(out);
    requires sep_out_k: KL_SEP(out, 1, k, 16) && KL_SEP(out, 1, opc, 16);
    requires sep_out_p: p == \null || out == \null || \separated(out, p);
    terminates \true;
    assigns *out;
    behavior null_argument:
      assumes k == \null || opc == \null || rand == \null || sqn == \null ||
              amf == \null || out == \null;
      assigns \nothing;
      ensures \result == KL_MILENAGE_E_NULL;
    behavior bad_rotation:
      assumes k != \null && opc != \null && rand != \null && sqn != \null &&
              amf != \null && out != \null;
      assumes p != \null && !(\forall integer i; 0 <= i < KL_MILENAGE_NOUT ==>
                                p->r[i] < KL_MILENAGE_ROT_LIMIT);
      assigns \nothing;
      ensures \result == KL_MILENAGE_E_PARAM;
    behavior computed:
      assumes k != \null && opc != \null && rand != \null && sqn != \null &&
              amf != \null && out != \null;
      assumes p == \null || (\forall integer i; 0 <= i < KL_MILENAGE_NOUT ==>
                               p->r[i] < KL_MILENAGE_ROT_LIMIT);
      ensures \result == KL_MILENAGE_OK;
      ensures \initialized(&out->mac_a[0 .. 7]) &&
              \initialized(&out->mac_s[0 .. 7]) &&
              \initialized(&out->res[0 .. 7]) &&
              \initialized(&out->ck[0 .. 15]) &&
              \initialized(&out->ik[0 .. 15]) &&
              \initialized(&out->ak[0 .. 5]) &&
              \initialized(&out->ak_star[0 .. 5]);
    complete behaviors;
    disjoint behaviors;
*/
int kl_milenage_generate(const kl_milenage_params *p,
                      const uint8_t k[KL_MILENAGE_KEY_BYTES],
                      const uint8_t opc[KL_MILENAGE_BLOCK_BYTES],
                      const uint8_t rand[KL_MILENAGE_RAND_BYTES],
                      const uint8_t sqn[KL_MILENAGE_SQN_BYTES],
                      const uint8_t amf[KL_MILENAGE_AMF_BYTES],
                      kl_milenage_out *out);

/* TS 33.102 6.8.1.2 conversion c2: SRES = RES[0..31] xor RES[32..63] for a
 * 64-bit RES (the GSM-MILENAGE SRES of TS 55.205). */
/*@ requires in_res: KL_IN_OK(res, 8) && KL_OUT_OK(sres, 4) && KL_SEP(sres, 4, res, 8);
    terminates \true;
    assigns sres[0 .. 3];
    behavior null_argument:
      assumes res == \null || sres == \null;
      assigns \nothing;
      ensures \result == KL_MILENAGE_E_NULL;
    behavior converted:
      assumes res != \null && sres != \null;
      ensures \result == KL_MILENAGE_OK;
      ensures \forall integer i; 0 <= i < 4 ==>
              sres[i] == (uint8_t)(\old(res[i]) ^ \old(res[i + 4]));
      ensures \initialized(sres + (0 .. 3));
    complete behaviors;
    disjoint behaviors;
*/
int kl_milenage_c2(const uint8_t res[KL_MILENAGE_RES_BYTES],
                uint8_t sres[KL_MILENAGE_SRES_BYTES]);

/* TS 33.102 6.8.1.2 conversion c3: Kc = CK1 xor CK2 xor IK1 xor IK2. */
/*@ requires in_ck: KL_IN_OK(ck, 16) && KL_IN_OK(ik, 16) && KL_OUT_OK(kc, 8);
    requires sep_kc_ck: KL_SEP(kc, 8, ck, 16) && KL_SEP(kc, 8, ik, 16);
    terminates \true;
    assigns kc[0 .. 7];
    behavior null_argument:
      assumes ck == \null || ik == \null || kc == \null;
      assigns \nothing;
      ensures \result == KL_MILENAGE_E_NULL;
    behavior converted:
      assumes ck != \null && ik != \null && kc != \null;
      ensures \result == KL_MILENAGE_OK;
      ensures \forall integer i; 0 <= i < 8 ==>
              kc[i] == (uint8_t)(\old(ck[i]) ^ \old(ck[i + 8]) ^
                                 \old(ik[i]) ^ \old(ik[i + 8]));
      ensures \initialized(kc + (0 .. 7));
    complete behaviors;
    disjoint behaviors;
*/
int kl_milenage_c3(const uint8_t ck[KL_MILENAGE_CK_BYTES],
                const uint8_t ik[KL_MILENAGE_IK_BYTES],
                uint8_t kc[KL_MILENAGE_KC_BYTES]);

/* GSM-MILENAGE (TS 55.205): SRES = c2(f2), Kc = c3(f3, f4). */
/*@ requires params_p: KL_MILENAGE_PARAMS_OK(p) && KL_IN_OK(k, 16) && KL_IN_OK(opc, 16) && KL_IN_OK(rand, 16);
    requires out_sres: KL_OUT_OK(sres, 4) && KL_OUT_OK(kc, 8) && KL_SEP(sres, 4, kc, 8);
    terminates \true;
    assigns sres[0 .. 3], kc[0 .. 7];
    behavior null_argument:
      assumes k == \null || opc == \null || rand == \null || sres == \null ||
              kc == \null;
      assigns \nothing;
      ensures \result == KL_MILENAGE_E_NULL;
    behavior bad_rotation:
      assumes k != \null && opc != \null && rand != \null && sres != \null &&
              kc != \null;
      assumes p != \null && !(\forall integer i; 0 <= i < KL_MILENAGE_NOUT ==>
                                p->r[i] < KL_MILENAGE_ROT_LIMIT);
      assigns \nothing;
      ensures \result == KL_MILENAGE_E_PARAM;
    behavior computed:
      assumes k != \null && opc != \null && rand != \null && sres != \null &&
              kc != \null;
      assumes p == \null || (\forall integer i; 0 <= i < KL_MILENAGE_NOUT ==>
                               p->r[i] < KL_MILENAGE_ROT_LIMIT);
      ensures \result == KL_MILENAGE_OK;
      ensures \initialized(sres + (0 .. 3)) && \initialized(kc + (0 .. 7));
    complete behaviors;
    disjoint behaviors;
*/
int kl_milenage_gsm(const kl_milenage_params *p, const uint8_t k[KL_MILENAGE_KEY_BYTES],
                 const uint8_t opc[KL_MILENAGE_BLOCK_BYTES],
                 const uint8_t rand[KL_MILENAGE_RAND_BYTES],
                 uint8_t sres[KL_MILENAGE_SRES_BYTES],
                 uint8_t kc[KL_MILENAGE_KC_BYTES]);

#endif
