/* sqn.c - the USIM's SQN checks and update (TS 33.102 Annex C), see sqn.h
 * and spec/sqn.acsl.  Proof unit "sqn" (proofs/modules.txt).
 *
 * The SQN is not secret once the MAC has been verified (it is sent
 * concealed, but the USIM checks it only after a valid MAC, 6.3.3), so the
 * checks may branch on it.  All arithmetic is on int64_t values below 2^48:
 * every difference is exact (rule 5), no unsigned wrap-around. */
#include "sqn.h"

/* 2^b, b = 0 .. 5 (rule 6: no shift; rule 15: a static const table). */
static const int64_t kl_sqn_pow2[KL_SQN_IND_BITS_MAX + 1] = {1, 2, 4, 8, 16,
                                                             32};

/*@ requires in_cfg: \valid_read(cfg) && \initialized(cfg);
    terminates \true;
    assigns \nothing;
    ensures \result == 1 <==> SQN_CFG_OK(cfg);
    ensures \result == 0 || \result == 1;
*/
static int cfg_ok(const kl_sqn_cfg *cfg)
{
    if (cfg->scheme != KL_SQN_SCHEME_SEQ_IND &&
        cfg->scheme != KL_SQN_SCHEME_TIME && cfg->scheme != KL_SQN_SCHEME_PLAIN)
        return 0;
    if (cfg->ind_bits > KL_SQN_IND_BITS_MAX)
        return 0;
    if (cfg->delta < 1 || cfg->delta >= KL_SQN_LIMIT)
        return 0;
    if (cfg->age < 0 || cfg->age >= KL_SQN_LIMIT)
        return 0;
    return 1;
}

/*@ requires in_st: \valid_read(st) && \initialized(st);
    terminates \true;
    assigns \nothing;
    ensures \result == 1 <==> SQN_STATE_OK(st);
    ensures \result == 0 || \result == 1;
*/
static int state_ok(const kl_sqn_state *st)
{
    uint32_t i;
    if (st->hi < 0 || st->hi >= KL_SQN_LIMIT)
        return 0;
    /*@ loop invariant 0 <= i <= KL_SQN_SLOTS;
        loop invariant \forall integer m; 0 <= m < i ==>
                       0 <= st->seq[m] < KL_SQN_LIMIT;
        loop assigns i;
        loop variant KL_SQN_SLOTS - i;
    */
    for (i = 0; i < KL_SQN_SLOTS; i++)
        if (st->seq[i] < 0 || st->seq[i] >= KL_SQN_LIMIT)
            return 0;
    return 1;
}

int kl_sqn_valid(const kl_sqn_cfg *cfg, const kl_sqn_state *st)
{
    if (cfg == NULL || st == NULL)
        return KL_SQN_E_NULL;
    if (cfg_ok(cfg) == 0 || state_ok(st) == 0)
        return KL_SQN_E_PARAM;
    return KL_SQN_OK;
}

int kl_sqn_check(const kl_sqn_cfg *cfg, kl_sqn_state *st, int64_t sqn)
{
    int64_t u, seq, top;
    int64_t ind;
    if (cfg == NULL || st == NULL)
        return KL_SQN_E_NULL;
    if (cfg_ok(cfg) == 0 || state_ok(st) == 0 || sqn < 0 ||
        sqn >= KL_SQN_LIMIT)
        return KL_SQN_E_PARAM;
    /* C.1.1: SEQ || IND; the plain counter is all SEQ (C.2.1) */
    if (cfg->scheme == KL_SQN_SCHEME_PLAIN)
        u = 1;
    else
        u = kl_sqn_pow2[cfg->ind_bits];
    /*@ assert u == SQN_U(cfg) && 1 <= u <= KL_SQN_SLOTS; */
    seq = sqn / u;
    ind = sqn % u;
    top = st->hi / u; /* SEQ of SQN_MS: the highest SEQ accepted */
    /* C.2.1: no SEQ more than Δ ahead of the highest accepted */
    if (seq - top > cfg->delta)
        return KL_SQN_E_DELTA;
    /* age limit L, before the array test (docs/standards.md 4.3) */
    if (cfg->scheme != KL_SQN_SCHEME_PLAIN && cfg->age > 0 &&
        top - seq >= cfg->age)
        return KL_SQN_E_AGE;
    /* C.2.2: fresh only above its own slot's SEQ_MS */
    if (seq <= st->seq[ind])
        return KL_SQN_E_REPLAY;
    st->seq[ind] = seq;
    if (sqn > st->hi)
        st->hi = sqn;
    return KL_SQN_OK;
}

int kl_sqn_from_bytes(const uint8_t b[KL_SQN_BYTES], int64_t *v)
{
    if (b == NULL || v == NULL)
        return KL_SQN_E_NULL;
    /* rule 6: products, not shifts */
    *v = (int64_t)b[0] * 1099511627776 + (int64_t)b[1] * 4294967296 +
         (int64_t)b[2] * 16777216 + (int64_t)b[3] * 65536 +
         (int64_t)b[4] * 256 + (int64_t)b[5];
    return KL_SQN_OK;
}

int kl_sqn_to_bytes(int64_t v, uint8_t b[KL_SQN_BYTES])
{
    if (b == NULL)
        return KL_SQN_E_NULL;
    if (v < 0 || v >= KL_SQN_LIMIT)
        return KL_SQN_E_PARAM;
    b[0] = (uint8_t)((v / 1099511627776) % 256);
    b[1] = (uint8_t)((v / 4294967296) % 256);
    b[2] = (uint8_t)((v / 16777216) % 256);
    b[3] = (uint8_t)((v / 65536) % 256);
    b[4] = (uint8_t)((v / 256) % 256);
    b[5] = (uint8_t)(v % 256);
    return KL_SQN_OK;
}
