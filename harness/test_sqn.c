/* test_sqn.c - core/sqn.c (TS 33.102 Annex C): every behaviour of the
 * contract, golden sequences (IND wrapping, replays, out-of-order slots,
 * the Δ and age-limit boundaries, the plain counter) and a long random
 * differential run against the independent model harness/ref_sqn.c. */
#include <stdio.h>
#include <string.h>

#include "ref_sqn.h"
#include "sqn.h"
#include "testlib.h"

static kl_sqn_cfg cfg_of(uint32_t scheme, uint32_t bits, int64_t delta,
                         int64_t age)
{
    kl_sqn_cfg c;
    c.scheme = scheme;
    c.ind_bits = bits;
    c.delta = delta;
    c.age = age;
    return c;
}

/* one step: sqn through the core, the verdict expected, and the state
 * unchanged on refusal */
static void step(const kl_sqn_cfg *c, kl_sqn_state *st, int64_t sqn, int want)
{
    kl_sqn_state before = *st;
    int rc = kl_sqn_check(c, st, sqn);
    CHECKF(rc == want, "SQN %lld: got %d, want %d", (long long)sqn, rc, want);
    if (want != KL_SQN_OK)
        CHECKF(memcmp(&before, st, sizeof before) == 0,
               "SQN %lld refused but the state changed", (long long)sqn);
}

static void t_fresh_and_replay(void)
{
    kl_sqn_cfg c = cfg_of(KL_SQN_SCHEME_SEQ_IND, 5, KL_SQN_DELTA_DEFAULT,
                          KL_SQN_AGE_DEFAULT);
    kl_sqn_state st;
    memset(&st, 0, sizeof st);
    CHECK(kl_sqn_valid(&c, &st) == KL_SQN_OK);
    step(&c, &st, 0, KL_SQN_E_REPLAY);     /* SEQ 0 is never fresh */
    step(&c, &st, 32, KL_SQN_OK);          /* SEQ 1, IND 0 */
    CHECK(st.seq[0] == 1 && st.hi == 32);
    step(&c, &st, 32, KL_SQN_E_REPLAY);    /* the same SQN again */
    step(&c, &st, 34, KL_SQN_OK);          /* SEQ 1, IND 2 */
    CHECK(st.seq[2] == 1 && st.hi == 34);
    step(&c, &st, 34, KL_SQN_E_REPLAY);
    step(&c, &st, 2, KL_SQN_E_REPLAY);     /* SEQ 0, IND 2 */
    /* out of order across slots: a lower SEQ fresh in its own slot */
    step(&c, &st, 5 * 32 + 3, KL_SQN_OK);
    step(&c, &st, 4 * 32 + 7, KL_SQN_OK);
    CHECK(st.seq[3] == 5 && st.seq[7] == 4 && st.hi == 5 * 32 + 3);
    step(&c, &st, 4 * 32 + 3, KL_SQN_E_REPLAY); /* below slot 3's SEQ 5 */
    /* only the slot of the accepted IND changed */
    for (int i = 0; i < 32; i++)
        CHECKF(st.seq[i] == (i == 0 || i == 2 ? 1 : i == 3 ? 5 : i == 7 ? 4 : 0),
               "slot %d is %lld", i, (long long)st.seq[i]);
}

/* the network's allocation: SEQ + 1 with IND cycling 0..31 (C.3.4), three
 * times round the array: all accepted; any earlier one then refused */
static void t_ind_wrap(void)
{
    kl_sqn_cfg c = cfg_of(KL_SQN_SCHEME_SEQ_IND, 5, KL_SQN_DELTA_DEFAULT,
                          KL_SQN_AGE_DEFAULT);
    kl_sqn_state st;
    int64_t seq = 1, last = 0;
    memset(&st, 0, sizeof st);
    for (int n = 0; n < 96; n++, seq++) {
        last = seq * 32 + n % 32;
        step(&c, &st, last, KL_SQN_OK);
    }
    CHECK(st.hi == last);
    for (int n = 0; n < 96; n++)
        step(&c, &st, (n + 1) * 32 + n % 32, KL_SQN_E_REPLAY);
    /* the next turn of the wheel is fresh again */
    step(&c, &st, seq * 32 + 0, KL_SQN_OK);
}

static void t_delta(void)
{
    kl_sqn_cfg c = cfg_of(KL_SQN_SCHEME_SEQ_IND, 5, 100, 0);
    kl_sqn_state st;
    memset(&st, 0, sizeof st);
    step(&c, &st, 10 * 32 + 1, KL_SQN_OK);         /* SEQ 10 (<= 0 + 100) */
    step(&c, &st, (10 + 101) * 32 + 2, KL_SQN_E_DELTA); /* 101 ahead */
    step(&c, &st, (10 + 100) * 32 + 2, KL_SQN_OK); /* exactly Δ ahead */
    CHECK(st.hi == 110 * 32 + 2);
    step(&c, &st, (110 + 101) * 32 + 31, KL_SQN_E_DELTA);
    /* Δ counts from the highest SEQ, not from the slot */
    step(&c, &st, (110 + 100) * 32 + 31, KL_SQN_OK);
    /* without an age limit an old SEQ fresh in its slot is accepted */
    step(&c, &st, 1 * 32 + 9, KL_SQN_OK);
    /* the largest SQN: too far from a fresh state, fine with Δ maximal */
    memset(&st, 0, sizeof st);
    step(&c, &st, KL_SQN_LIMIT - 1, KL_SQN_E_DELTA);
    c.delta = KL_SQN_LIMIT - 1;
    step(&c, &st, KL_SQN_LIMIT - 1, KL_SQN_OK);
    CHECK(st.seq[31] == (KL_SQN_LIMIT - 1) / 32 && st.hi == KL_SQN_LIMIT - 1);
    step(&c, &st, KL_SQN_LIMIT - 1, KL_SQN_E_REPLAY);
}

static void t_age(void)
{
    kl_sqn_cfg c = cfg_of(KL_SQN_SCHEME_TIME, 5, 1000, 50);
    kl_sqn_state st;
    memset(&st, 0, sizeof st);
    step(&c, &st, 200 * 32 + 0, KL_SQN_OK);
    step(&c, &st, 151 * 32 + 4, KL_SQN_OK);      /* 49 below: young enough */
    step(&c, &st, 150 * 32 + 5, KL_SQN_E_AGE);   /* 50 below: too old */
    step(&c, &st, 100 * 32 + 4, KL_SQN_E_AGE);   /* age before the array */
    step(&c, &st, 151 * 32 + 4, KL_SQN_E_REPLAY);
    step(&c, &st, 200 * 32 + 6, KL_SQN_OK);      /* same SEQ, other slot */
    CHECK(st.hi == 200 * 32 + 6);
}

static void t_ind_lengths(void)
{
    /* IND of 3 bits: 8 slots, SEQ = SQN / 8 */
    kl_sqn_cfg c = cfg_of(KL_SQN_SCHEME_SEQ_IND, 3, 10, 0);
    kl_sqn_state st;
    memset(&st, 0, sizeof st);
    step(&c, &st, 8 * 3 + 7, KL_SQN_OK);
    CHECK(st.seq[7] == 3 && st.hi == 31);
    step(&c, &st, 8 * 3 + 7, KL_SQN_E_REPLAY);
    step(&c, &st, 8 * 14 + 0, KL_SQN_E_DELTA); /* 11 ahead of SEQ 3 */
    step(&c, &st, 8 * 13 + 0, KL_SQN_OK);
    /* IND of 0 bits: one slot, every SQN is its own SEQ */
    c = cfg_of(KL_SQN_SCHEME_SEQ_IND, 0, 10, 0);
    memset(&st, 0, sizeof st);
    step(&c, &st, 7, KL_SQN_OK);
    step(&c, &st, 6, KL_SQN_E_REPLAY);
    CHECK(st.seq[0] == 7);
}

static void t_plain(void)
{
    kl_sqn_cfg c = cfg_of(KL_SQN_SCHEME_PLAIN, 5 /* ignored */, 1000,
                          10 /* no age limit for the plain counter */);
    kl_sqn_state st;
    memset(&st, 0, sizeof st);
    step(&c, &st, 5, KL_SQN_OK);
    step(&c, &st, 5, KL_SQN_E_REPLAY);
    step(&c, &st, 4, KL_SQN_E_REPLAY);
    step(&c, &st, 6, KL_SQN_OK);
    step(&c, &st, 6 + 1001, KL_SQN_E_DELTA);
    step(&c, &st, 6 + 1000, KL_SQN_OK);
    CHECK(st.seq[0] == 1006 && st.hi == 1006);
    step(&c, &st, 2, KL_SQN_E_REPLAY); /* far below: replay, not age */
    for (int i = 1; i < 32; i++)
        CHECK(st.seq[i] == 0);
}

static void t_bad_param(void)
{
    kl_sqn_cfg ok = cfg_of(KL_SQN_SCHEME_SEQ_IND, 5, 100, 0), c;
    kl_sqn_state st, before;
    memset(&st, 0, sizeof st);
    CHECK(kl_sqn_check(NULL, &st, 32) == KL_SQN_E_NULL);
    CHECK(kl_sqn_check(&ok, NULL, 32) == KL_SQN_E_NULL);
    CHECK(kl_sqn_valid(NULL, &st) == KL_SQN_E_NULL);
    CHECK(kl_sqn_valid(&ok, NULL) == KL_SQN_E_NULL);
    step(&ok, &st, -1, KL_SQN_E_PARAM);
    step(&ok, &st, KL_SQN_LIMIT, KL_SQN_E_PARAM);
    c = ok; c.scheme = 0; step(&c, &st, 32, KL_SQN_E_PARAM);
    CHECK(kl_sqn_valid(&c, &st) == KL_SQN_E_PARAM);
    c = ok; c.scheme = 4; step(&c, &st, 32, KL_SQN_E_PARAM);
    c = ok; c.ind_bits = 6; step(&c, &st, 32, KL_SQN_E_PARAM);
    c = ok; c.delta = 0; step(&c, &st, 32, KL_SQN_E_PARAM);
    c = ok; c.delta = KL_SQN_LIMIT; step(&c, &st, 32, KL_SQN_E_PARAM);
    c = ok; c.age = -1; step(&c, &st, 32, KL_SQN_E_PARAM);
    c = ok; c.age = KL_SQN_LIMIT; step(&c, &st, 32, KL_SQN_E_PARAM);
    st.hi = -1; step(&ok, &st, 32, KL_SQN_E_PARAM);
    CHECK(kl_sqn_valid(&ok, &st) == KL_SQN_E_PARAM);
    st.hi = KL_SQN_LIMIT; step(&ok, &st, 32, KL_SQN_E_PARAM);
    st.hi = 0; st.seq[31] = KL_SQN_LIMIT; step(&ok, &st, 32, KL_SQN_E_PARAM);
    st.seq[31] = -5; step(&ok, &st, 32, KL_SQN_E_PARAM);
    st.seq[31] = 0;
    before = st;
    CHECK(kl_sqn_valid(&ok, &st) == KL_SQN_OK);
    CHECK(memcmp(&before, &st, sizeof st) == 0);
}

static void t_bytes(void)
{
    uint8_t b[6] = {0xff, 0x9b, 0xb4, 0xd0, 0xb6, 0x07}, o[6];
    int64_t v = -1;
    CHECK(kl_sqn_from_bytes(b, &v) == KL_SQN_OK);
    CHECK(v == 0xff9bb4d0b607LL);
    CHECK(kl_sqn_to_bytes(v, o) == KL_SQN_OK);
    CHECK_BYTES(o, b, 6, "round trip");
    CHECK(kl_sqn_to_bytes(0x1f, o) == KL_SQN_OK);
    CHECK_BYTES(o, (const uint8_t *)"\0\0\0\0\0\x1f", 6, "SQN_MS 1f");
    memset(o, 0xAA, 6);
    CHECK(kl_sqn_to_bytes(KL_SQN_LIMIT, o) == KL_SQN_E_PARAM);
    CHECK(kl_sqn_to_bytes(-1, o) == KL_SQN_E_PARAM);
    CHECK(o[0] == 0xAA && o[5] == 0xAA);
    CHECK(kl_sqn_to_bytes(1, NULL) == KL_SQN_E_NULL);
    CHECK(kl_sqn_from_bytes(NULL, &v) == KL_SQN_E_NULL);
    CHECK(kl_sqn_from_bytes(b, NULL) == KL_SQN_E_NULL);
}

static int verdict_rc(enum ref_sqn_verdict v)
{
    switch (v) {
    case REF_SQN_ACCEPT: return KL_SQN_OK;
    case REF_SQN_TOO_FAR: return KL_SQN_E_DELTA;
    case REF_SQN_TOO_OLD: return KL_SQN_E_AGE;
    default: return KL_SQN_E_REPLAY;
    }
}

/* random configurations and SQN streams (mostly near the highest SQN, some
 * far, some old), core against the model after every step */
static void t_random_vs_model(void)
{
    uint64_t rs = 0x5eed5a17c0ffee01ULL;
    unsigned steps = 0, accepted = 0, far = 0, old = 0, replay = 0, bad = 0;
    for (int run = 0; run < 60; run++) {
        uint32_t scheme = 1 + (uint32_t)(tl_rand64(&rs) % 3);
        uint32_t bits = (uint32_t)(tl_rand64(&rs) % 6);
        int64_t delta = 1 + (int64_t)(tl_rand64(&rs) % 200);
        int64_t age = (int64_t)(tl_rand64(&rs) % 3) == 0 ?
                          0 : 1 + (int64_t)(tl_rand64(&rs) % 100);
        uint64_t sqn0 = tl_rand64(&rs) % 4096;
        kl_sqn_cfg c = cfg_of(scheme, bits, delta, age);
        kl_sqn_state st;
        ref_sqn m;
        int64_t u = scheme == KL_SQN_SCHEME_PLAIN ? 1 : (int64_t)1 << bits;
        ref_sqn_init(&m, scheme == KL_SQN_SCHEME_PLAIN, bits, (uint64_t)delta,
                     (uint64_t)age, sqn0);
        /* the card's fresh state from an initial SQN (uicc/cmd_auth.c) */
        st.hi = (int64_t)sqn0;
        for (int i = 0; i < 32; i++)
            st.seq[i] = (int64_t)sqn0 / u;
        for (int n = 0; n < 2000; n++) {
            int64_t hi = st.hi, sqn;
            uint64_t r = tl_rand64(&rs);
            int64_t span = (delta + 5) * u;
            switch (r % 8) {
            case 0: sqn = hi + (int64_t)(r >> 8) % (3 * span); break;
            case 1: sqn = hi - (int64_t)(r >> 8) % (3 * span); break;
            default: sqn = hi + (int64_t)(r >> 8) % (2 * u + 40) - 20 - u;
            }
            if (sqn < 0)
                sqn = (int64_t)(r >> 16) % 64;
            int want = verdict_rc(ref_sqn_verify(&m, (uint64_t)sqn));
            int rc = kl_sqn_check(&c, &st, sqn);
            steps++;
            accepted += rc == KL_SQN_OK;
            far += rc == KL_SQN_E_DELTA;
            old += rc == KL_SQN_E_AGE;
            replay += rc == KL_SQN_E_REPLAY;
            int same = rc == want && (uint64_t)st.hi == m.sqn_ms;
            for (int i = 0; i < 32; i++)
                same = same && (uint64_t)st.seq[i] == m.seq_ms[i];
            if (!same) {
                bad++;
                if (bad < 5)
                    printf("  run %d step %d: SQN %lld core %d model %d\n", run,
                           n, (long long)sqn, rc, want);
            }
        }
    }
    CHECKF(bad == 0, "%u of %u steps differ from the model", bad, steps);
    /* the stream reached every outcome */
    CHECKF(accepted > 1000 && far > 100 && old > 100 && replay > 1000,
           "outcomes: accepted %u, too far %u, too old %u, replayed %u",
           accepted, far, old, replay);
    printf("  %u steps: accepted %u, too far %u, too old %u, replayed %u\n",
           steps, accepted, far, old, replay);
}

int main(void)
{
    tl_run("sqn", "fresh_and_replay", t_fresh_and_replay);
    tl_run("sqn", "ind_wrap", t_ind_wrap);
    tl_run("sqn", "delta", t_delta);
    tl_run("sqn", "age", t_age);
    tl_run("sqn", "ind_lengths", t_ind_lengths);
    tl_run("sqn", "plain", t_plain);
    tl_run("sqn", "bad_param", t_bad_param);
    tl_run("sqn", "bytes", t_bytes);
    tl_run("sqn", "random_vs_model", t_random_vs_model);
    return tl_finish();
}
