/* aka.h - the USIM side of a 3G authentication (3GPP TS 33.102 6.3.3;
 * docs/standards.md 4.2), MILENAGE with the TS 35.206 default constants,
 * freestanding.
 *
 * In this order, and nothing else:
 *   1. AK = f5(RAND), SQN = (SQN xor AK) xor AK, XMAC = f1(SQN, AMF, RAND);
 *   2. MAC != XMAC (compared in constant time): MAC failure, nothing
 *      changes and nothing is output (never an AUTS, 6.3.3);
 *   3. SQN not acceptable (core/sqn.h, Annex C): synchronisation failure,
 *      AUTS = (SQN_MS xor AK*) || MAC-S, AK* = f5*(RAND), MAC-S =
 *      f1*(SQN_MS, AMF = 0000, RAND) (6.3.3, 6.3.5), the state unchanged;
 *   4. otherwise RES = f2, CK = f3, IK = f4 and exactly the Annex C update.
 *
 * The formal meaning is spec/aka.acsl over spec/milenage.acsl and
 * spec/sqn.acsl; WP proves the contract (proofs/modules.txt, unit "aka").
 */
#ifndef KL_AKA_H
#define KL_AKA_H

#include "kl_common.h"
#include "milenage.h"
#include "sqn.h"

#define KL_AKA_AUTN_BYTES 16u
#define KL_AKA_AUTS_BYTES 14u /* (SQN_MS xor AK*) || MAC-S */

enum kl_aka_status {
    KL_AKA_OK = KL_OK,
    KL_AKA_E_NULL = KL_ERR_AKA - 1,  /* a pointer argument was NULL */
    KL_AKA_E_PARAM = KL_ERR_AKA - 2, /* the SQN configuration or state is not valid */
    KL_AKA_E_MAC = KL_ERR_AKA - 3,   /* MAC failure: MAC != XMAC */
    KL_AKA_E_SYNC = KL_ERR_AKA - 4,  /* synchronisation failure: AUTS written */
};

#if defined(__FRAMAC__)
#include "../spec/aka.acsl"
#endif

/*@ requires in_cfg: cfg == \null || (\valid_read(cfg) && \initialized(cfg));
    requires valid_st: st == \null || (\valid(st) && \initialized(st));
    requires in_k: KL_IN_OK(k, 16) && KL_IN_OK(opc, 16) && KL_IN_OK(rand, 16) &&
             KL_IN_OK(autn, 16);
    requires out_res: KL_OUT_OK(res, 8) && KL_OUT_OK(ck, 16) && KL_OUT_OK(ik, 16) &&
             KL_OUT_OK(auts, 14);
    requires sep_out: KL_SEP(res, 8, ck, 16) && KL_SEP(res, 8, ik, 16) &&
             KL_SEP(res, 8, auts, 14) && KL_SEP(ck, 16, ik, 16) &&
             KL_SEP(ck, 16, auts, 14) && KL_SEP(ik, 16, auts, 14);
    requires sep_out_in: KL_SEP(res, 8, k, 16) && KL_SEP(res, 8, opc, 16) &&
             KL_SEP(res, 8, rand, 16) && KL_SEP(res, 8, autn, 16) &&
             KL_SEP(ck, 16, k, 16) && KL_SEP(ck, 16, opc, 16) &&
             KL_SEP(ck, 16, rand, 16) && KL_SEP(ck, 16, autn, 16) &&
             KL_SEP(ik, 16, k, 16) && KL_SEP(ik, 16, opc, 16) &&
             KL_SEP(ik, 16, rand, 16) && KL_SEP(ik, 16, autn, 16) &&
             KL_SEP(auts, 14, k, 16) && KL_SEP(auts, 14, opc, 16) &&
             KL_SEP(auts, 14, rand, 16) && KL_SEP(auts, 14, autn, 16);
    requires sep_st: st == \null || (
             (cfg == \null || \separated(st, cfg)) &&
             (k == \null || \separated(st, k + (0 .. 15))) &&
             (opc == \null || \separated(st, opc + (0 .. 15))) &&
             (rand == \null || \separated(st, rand + (0 .. 15))) &&
             (autn == \null || \separated(st, autn + (0 .. 15))) &&
             (res == \null || \separated(st, res + (0 .. 7))) &&
             (ck == \null || \separated(st, ck + (0 .. 15))) &&
             (ik == \null || \separated(st, ik + (0 .. 15))) &&
             (auts == \null || \separated(st, auts + (0 .. 13))));
    terminates \true;
    assigns res[0 .. 7], ck[0 .. 15], ik[0 .. 15], auts[0 .. 13],
            st->seq[0 .. KL_SQN_SLOTS - 1], st->hi;
    behavior null_argument:
      assumes cfg == \null || st == \null || k == \null || opc == \null ||
              rand == \null || autn == \null || res == \null || ck == \null ||
              ik == \null || auts == \null;
      assigns \nothing;
      ensures \result == KL_AKA_E_NULL;
    behavior bad_param:
      assumes cfg != \null && st != \null && k != \null && opc != \null &&
              rand != \null && autn != \null && res != \null && ck != \null &&
              ik != \null && auts != \null;
      assumes !(SQN_CFG_OK(cfg) && SQN_STATE_OK(st));
      assigns \nothing;
      ensures \result == KL_AKA_E_PARAM;
    // 6.3.3: XMAC != MAC; nothing changes, no AUTS.
    behavior mac_failure:
      assumes cfg != \null && st != \null && k != \null && opc != \null &&
              rand != \null && autn != \null && res != \null && ck != \null &&
              ik != \null && auts != \null;
      assumes SQN_CFG_OK(cfg) && SQN_STATE_OK(st);
      assumes !aka_mac_ok(AKA_ARGS(k, opc, rand, autn));
      assigns \nothing;
      ensures \result == KL_AKA_E_MAC;
    // 6.3.3, Annex C: the MAC is right, the SQN is not acceptable:
    // AUTS = (SQN_MS xor AK*) || f1*(SQN_MS, AMF = 0000, RAND); the state
    // unchanged.
    behavior sync_failure:
      assumes cfg != \null && st != \null && k != \null && opc != \null &&
              rand != \null && autn != \null && res != \null && ck != \null &&
              ik != \null && auts != \null;
      assumes SQN_CFG_OK(cfg) && SQN_STATE_OK(st);
      assumes aka_mac_ok(AKA_ARGS(k, opc, rand, autn));
      assumes SQN_REFUSED(cfg, st, aka_sqn_val(AKA_ARGS(k, opc, rand, autn)));
      assigns auts[0 .. 13];
      ensures \result == KL_AKA_E_SYNC;
      ensures \forall integer j; 0 <= j < 6 ==>
              auts[j] == ml_xor(sqn_byte(\old(st->hi), j),
                                ml_f5star(ML_KOR(k, opc, rand), MLS_R5, MLS_C5, j));
      ensures \forall integer m; 6 <= m < 14 ==>
              auts[m] == ml_f1star(ML_KOR(k, opc, rand),
                                   sqn_byte(\old(st->hi), 0), sqn_byte(\old(st->hi), 1),
                                   sqn_byte(\old(st->hi), 2), sqn_byte(\old(st->hi), 3),
                                   sqn_byte(\old(st->hi), 4), sqn_byte(\old(st->hi), 5),
                                   0, 0, MLS_R1, MLS_C1, m - 6);
      ensures \initialized(auts + (0 .. 13));
    // Both checks passed: RES, CK, IK and exactly the Annex C update.
    behavior success:
      assumes cfg != \null && st != \null && k != \null && opc != \null &&
              rand != \null && autn != \null && res != \null && ck != \null &&
              ik != \null && auts != \null;
      assumes SQN_CFG_OK(cfg) && SQN_STATE_OK(st);
      assumes aka_mac_ok(AKA_ARGS(k, opc, rand, autn));
      assumes SQN_FRESH(cfg, st, aka_sqn_val(AKA_ARGS(k, opc, rand, autn)));
      ensures \result == KL_AKA_OK;
      ensures \forall integer i; 0 <= i < 8 ==>
              res[i] == ml_f2(ML_KOR(k, opc, rand), MLS_R2, MLS_C2, i);
      ensures \forall integer i; 0 <= i < 16 ==>
              ck[i] == ml_f3(ML_KOR(k, opc, rand), MLS_R3, MLS_C3, i);
      ensures \forall integer i; 0 <= i < 16 ==>
              ik[i] == ml_f4(ML_KOR(k, opc, rand), MLS_R4, MLS_C4, i);
      ensures \initialized(res + (0 .. 7)) && \initialized(ck + (0 .. 15)) &&
              \initialized(ik + (0 .. 15));
      SQN_UPDATE_ENS(cfg, st, aka_sqn_val(AKA_ARGS_OLD(k, opc, rand, autn)))
    complete behaviors;
    disjoint behaviors;
*/
int kl_aka_run(const kl_sqn_cfg *cfg, kl_sqn_state *st,
               const uint8_t k[KL_MILENAGE_KEY_BYTES],
               const uint8_t opc[KL_MILENAGE_BLOCK_BYTES],
               const uint8_t rand[KL_MILENAGE_RAND_BYTES],
               const uint8_t autn[KL_AKA_AUTN_BYTES],
               uint8_t res[KL_MILENAGE_RES_BYTES],
               uint8_t ck[KL_MILENAGE_CK_BYTES],
               uint8_t ik[KL_MILENAGE_IK_BYTES],
               uint8_t auts[KL_AKA_AUTS_BYTES]);

#endif
