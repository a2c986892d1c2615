/* ref_sqn.h - an independent model of the USIM's SQN verification (3GPP TS
 * 33.102 Annex C.2, with the age limit), written from the standard's rules
 * (docs/standards.md 4.3) and not from core/sqn.c, for harness/test_sqn.c
 * and the card tests.  Unsigned 64-bit values and explicitly ordered
 * comparisons (never an unsigned difference that could wrap). */
#ifndef KILIST_REF_SQN_H
#define KILIST_REF_SQN_H

#include <stdint.h>

enum ref_sqn_verdict {
    REF_SQN_ACCEPT = 0,
    REF_SQN_TOO_FAR = 1, /* C.2.1: SEQ - SEQ_MS > delta */
    REF_SQN_TOO_OLD = 2, /* age limit: SEQ_MS - SEQ >= L */
    REF_SQN_REPLAY = 3,  /* C.2.2: SEQ <= SEQ_MS(IND) */
};

typedef struct ref_sqn {
    unsigned ind_len; /* 0..5; 0 for the plain counter */
    int plain;        /* one counter: no IND, no age limit */
    uint64_t delta, age; /* in SEQ units; age 0: no age limit */
    uint64_t seq_ms[32];
    uint64_t sqn_ms; /* highest accepted SQN */
} ref_sqn;

/* A fresh model: the highest accepted SQN is sqn0 and every slot holds
 * SEQ(sqn0) (nothing at or below sqn0 is fresh). */
void ref_sqn_init(ref_sqn *m, int plain, unsigned ind_len, uint64_t delta,
                  uint64_t age, uint64_t sqn0);
/* The verdict on sqn, and the Annex C update when accepted. */
enum ref_sqn_verdict ref_sqn_verify(ref_sqn *m, uint64_t sqn);

#endif
