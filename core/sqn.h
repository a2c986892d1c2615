/* sqn.h - the USIM's sequence number management (3GPP TS 33.102 Annex C;
 * docs/standards.md 4.3), freestanding.
 *
 * SQN (48 bits) = SEQ || IND, IND the low ind_bits bits (0 .. 5; 5 is the
 * usual profile, an array of 32 entries).  The card keeps one SEQ_MS per
 * IND value and SQN_MS, the highest SQN it accepted (sent back in AUTS).
 * An SQN is accepted when, in this order (C.2.1, the age limit, C.2.2):
 *
 *   SEQ - SEQ(SQN_MS) <= delta            (no big jumps, Δ in SEQ units)
 *   SEQ(SQN_MS) - SEQ <  age  if age > 0  (age limit L, array schemes)
 *   SEQ > SEQ_MS(IND)                     (fresh in its array slot)
 *
 * and then exactly SEQ_MS(IND) := SEQ and SQN_MS := max(SQN_MS, SQN)
 * change; a refused SQN changes nothing.  The schemes are the key list's
 * SQN scheme ids (core/keylist.h, enum kl_keylist_sqn; same values):
 *
 *   KL_SQN_SCHEME_SEQ_IND  SEQ || IND with the array (C.1.1, C.2.2)
 *   KL_SQN_SCHEME_TIME     time-based SEQ (C.1.2): how the AuC makes SEQ
 *                          differs, the USIM's checks are the same array
 *                          checks (C.2 applies to both generation methods)
 *   KL_SQN_SCHEME_PLAIN    one strictly increasing counter, no IND (C.2.1):
 *                          the array of one slot (u = 1) with the Δ check
 *                          and no age limit
 *
 * The formal meaning is spec/sqn.acsl; WP proves the contracts below
 * (proofs/modules.txt, unit "sqn").  Values are int64_t (signed, rule 5 of
 * proofs/README.md: every difference below is exact, no wrap-around; the
 * pitfall of docs/standards.md 4.3 is an unsigned SEQ - SEQ_MS).
 */
#ifndef KL_SQN_H
#define KL_SQN_H

#include "kl_common.h"

#define KL_SQN_BYTES 6u
#define KL_SQN_LIMIT 281474976710656 /* 2^48: every SQN is below it */
#define KL_SQN_IND_BITS_MAX 5u
#define KL_SQN_SLOTS 32u             /* 2^KL_SQN_IND_BITS_MAX */
#define KL_SQN_IND_BITS_DEFAULT 5u   /* TS 33.102 C.3.2 profile */
/* Δ and L of the deployed profile formats, in SEQ units (2^28;
 * docs/standards.md 4.3). */
#define KL_SQN_DELTA_DEFAULT 268435456
#define KL_SQN_AGE_DEFAULT 268435456

/* The key list's SQN scheme ids (core/keylist.h, same values). */
#define KL_SQN_SCHEME_SEQ_IND 1
#define KL_SQN_SCHEME_TIME 2
#define KL_SQN_SCHEME_PLAIN 3

enum kl_sqn_status {
    KL_SQN_OK = KL_OK,
    KL_SQN_E_NULL = KL_ERR_SQN - 1,   /* a pointer argument was NULL */
    KL_SQN_E_PARAM = KL_ERR_SQN - 2,  /* bad configuration, state or SQN value */
    KL_SQN_E_DELTA = KL_ERR_SQN - 3,  /* refused: SEQ too far ahead (C.2.1, Δ) */
    KL_SQN_E_AGE = KL_ERR_SQN - 4,    /* refused: SEQ too old (age limit L) */
    KL_SQN_E_REPLAY = KL_ERR_SQN - 5, /* refused: SEQ <= SEQ_MS(IND) (C.2.2) */
};

/* The checks' parameters (per card, or per entry). */
typedef struct kl_sqn_cfg {
    uint32_t scheme;   /* KL_SQN_SCHEME_* */
    uint32_t ind_bits; /* IND length, 0 .. 5 (ignored by the plain scheme) */
    int64_t delta;     /* Δ in SEQ units, 1 .. 2^48 - 1 */
    int64_t age;       /* L in SEQ units, 0 = no age limit */
} kl_sqn_cfg;

/* The USIM's SQN state; all zero is a fresh state. */
typedef struct kl_sqn_state {
    int64_t seq[KL_SQN_SLOTS]; /* SEQ_MS(IND), each below 2^48 */
    int64_t hi;                /* SQN_MS: the highest SQN accepted */
} kl_sqn_state;

#if defined(__FRAMAC__)
#include "../spec/sqn.acsl"
#endif

/* KL_SQN_OK when the configuration and the state are usable (the ranges
 * above), else KL_SQN_E_PARAM (KL_SQN_E_NULL for NULL). */
/*@ requires in_cfg: cfg == \null || (\valid_read(cfg) && \initialized(cfg));
    requires in_st: st == \null || (\valid_read(st) && \initialized(st));
    terminates \true;
    assigns \nothing;
    behavior null_argument:
      assumes cfg == \null || st == \null;
      ensures \result == KL_SQN_E_NULL;
    behavior valid:
      assumes cfg != \null && st != \null;
      assumes SQN_CFG_OK(cfg) && SQN_STATE_OK(st);
      ensures \result == KL_SQN_OK;
    behavior invalid:
      assumes cfg != \null && st != \null;
      assumes !(SQN_CFG_OK(cfg) && SQN_STATE_OK(st));
      ensures \result == KL_SQN_E_PARAM;
    complete behaviors;
    disjoint behaviors;
*/
int kl_sqn_valid(const kl_sqn_cfg *cfg, const kl_sqn_state *st);

/* Checks sqn against the state (Annex C.2) and, when it is accepted,
 * updates the state.  One behaviour per check outcome. */
/*@ requires in_cfg: cfg == \null || (\valid_read(cfg) && \initialized(cfg));
    requires valid_st: st == \null || (\valid(st) && \initialized(st));
    requires sep_cfg_st: cfg == \null || st == \null || \separated(cfg, st);
    terminates \true;
    assigns st->seq[0 .. KL_SQN_SLOTS - 1], st->hi;
    behavior null_argument:
      assumes cfg == \null || st == \null;
      assigns \nothing;
      ensures \result == KL_SQN_E_NULL;
    behavior bad_param:
      assumes cfg != \null && st != \null;
      assumes !(SQN_CFG_OK(cfg) && SQN_STATE_OK(st) && 0 <= sqn < KL_SQN_LIMIT);
      assigns \nothing;
      ensures \result == KL_SQN_E_PARAM;
      SQN_SAME_ENS(st)
    // C.2.1: SEQ - SEQ(SQN_MS) > Δ
    behavior too_far:
      assumes cfg != \null && st != \null;
      assumes SQN_CFG_OK(cfg) && SQN_STATE_OK(st) && 0 <= sqn < KL_SQN_LIMIT;
      assumes SQN_TOO_FAR(cfg, st, sqn);
      assigns \nothing;
      ensures \result == KL_SQN_E_DELTA;
      SQN_SAME_ENS(st)
    // age limit: SEQ(SQN_MS) - SEQ >= L, checked before the array
    behavior too_old:
      assumes cfg != \null && st != \null;
      assumes SQN_CFG_OK(cfg) && SQN_STATE_OK(st) && 0 <= sqn < KL_SQN_LIMIT;
      assumes !SQN_TOO_FAR(cfg, st, sqn) && SQN_TOO_OLD(cfg, st, sqn);
      assigns \nothing;
      ensures \result == KL_SQN_E_AGE;
      SQN_SAME_ENS(st)
    // C.2.2: SEQ <= SEQ_MS(IND)
    behavior replayed:
      assumes cfg != \null && st != \null;
      assumes SQN_CFG_OK(cfg) && SQN_STATE_OK(st) && 0 <= sqn < KL_SQN_LIMIT;
      assumes !SQN_TOO_FAR(cfg, st, sqn) && !SQN_TOO_OLD(cfg, st, sqn);
      assumes SQN_REPLAYED(cfg, st, sqn);
      assigns \nothing;
      ensures \result == KL_SQN_E_REPLAY;
      SQN_SAME_ENS(st)
    behavior accepted:
      assumes cfg != \null && st != \null;
      assumes SQN_CFG_OK(cfg) && SQN_STATE_OK(st) && 0 <= sqn < KL_SQN_LIMIT;
      assumes SQN_FRESH(cfg, st, sqn);
      ensures \result == KL_SQN_OK;
      SQN_UPDATE_ENS(cfg, st, sqn)
      ensures SQN_STATE_OK(st);
    complete behaviors;
    disjoint behaviors;
*/
int kl_sqn_check(const kl_sqn_cfg *cfg, kl_sqn_state *st, int64_t sqn);

/* *v = the value of the 6-byte SQN b (byte 0 most significant). */
/*@ requires in_b: KL_IN_OK(b, 6);
    requires valid_v: v == \null || \valid(v);
    requires sep_b_v: b == \null || v == \null || \separated(b + (0 .. 5), v);
    terminates \true;
    assigns *v;
    behavior null_argument:
      assumes b == \null || v == \null;
      assigns \nothing;
      ensures \result == KL_SQN_E_NULL;
    behavior converted:
      assumes b != \null && v != \null;
      ensures \result == KL_SQN_OK;
      ensures *v == sqn_val(\old(b[0]), \old(b[1]), \old(b[2]), \old(b[3]),
                            \old(b[4]), \old(b[5]));
      ensures 0 <= *v < KL_SQN_LIMIT;
    complete behaviors;
    disjoint behaviors;
*/
int kl_sqn_from_bytes(const uint8_t b[KL_SQN_BYTES], int64_t *v);

/* b = the 6-byte form of v (0 <= v < 2^48). */
/*@ requires valid_b: KL_OUT_OK(b, 6);
    terminates \true;
    assigns b[0 .. 5];
    behavior null_argument:
      assumes b == \null;
      assigns \nothing;
      ensures \result == KL_SQN_E_NULL;
    behavior bad_value:
      assumes b != \null && !(0 <= v < KL_SQN_LIMIT);
      assigns \nothing;
      ensures \result == KL_SQN_E_PARAM;
    behavior converted:
      assumes b != \null && 0 <= v < KL_SQN_LIMIT;
      ensures \result == KL_SQN_OK;
      ensures \forall integer j; 0 <= j < 6 ==> b[j] == sqn_byte(v, j);
      ensures b[0] == sqn_byte(v, 0) && b[1] == sqn_byte(v, 1) &&
              b[2] == sqn_byte(v, 2) && b[3] == sqn_byte(v, 3) &&
              b[4] == sqn_byte(v, 4) && b[5] == sqn_byte(v, 5);
      ensures \initialized(b + (0 .. 5));
    complete behaviors;
    disjoint behaviors;
*/
int kl_sqn_to_bytes(int64_t v, uint8_t b[KL_SQN_BYTES]);

#endif
