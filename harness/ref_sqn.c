/* ref_sqn.c - the independent Annex C model (see ref_sqn.h). */
#include "ref_sqn.h"

static uint64_t slots(const ref_sqn *m)
{
    return m->plain ? 1u : (uint64_t)1 << m->ind_len;
}

void ref_sqn_init(ref_sqn *m, int plain, unsigned ind_len, uint64_t delta,
                  uint64_t age, uint64_t sqn0)
{
    m->plain = plain;
    m->ind_len = plain ? 0 : ind_len;
    m->delta = delta;
    m->age = plain ? 0 : age;
    m->sqn_ms = sqn0;
    for (unsigned i = 0; i < 32; i++)
        m->seq_ms[i] = sqn0 >> m->ind_len;
}

enum ref_sqn_verdict ref_sqn_verify(ref_sqn *m, uint64_t sqn)
{
    uint64_t seq = sqn >> m->ind_len;
    uint64_t ind = sqn & (slots(m) - 1);
    uint64_t seq_hi = m->sqn_ms >> m->ind_len; /* SEQ_MS, the highest */
    /* C.2.1: a jump of more than delta above SEQ_MS is refused */
    if (seq > seq_hi && seq - seq_hi > m->delta)
        return REF_SQN_TOO_FAR;
    /* age limit: a SEQ at least L below SEQ_MS is refused */
    if (m->age != 0 && seq_hi >= seq && seq_hi - seq >= m->age)
        return REF_SQN_TOO_OLD;
    /* C.2.2: fresh only if above the slot's SEQ_MS(IND) */
    if (!(seq > m->seq_ms[ind]))
        return REF_SQN_REPLAY;
    m->seq_ms[ind] = seq;
    if (sqn > m->sqn_ms)
        m->sqn_ms = sqn;
    return REF_SQN_ACCEPT;
}
