/* test_keylist.c - unit and differential tests of core/keylist.c.
 *
 * Every failing call is checked to leave the whole list (or image) byte-for-
 * byte unchanged.  The random test runs >= 10,000 operations against the
 * reference model of ref_keylist.c and compares the full state after each.
 */
#include <stdio.h>
#include <string.h>

#include "keylist.h"
#include "ref_keylist.h"
#include "testlib.h"

#define N KL_KEYLIST_ENTRIES
#define SUITE "keylist"

static uint64_t rng = 0x6b696c6973743362ULL; /* "kilist3b" */

/* Valid random keys for entry j; TUAK entries with 32-byte Ki now and then. */
static void make_keys(kl_keylist_keys *k, unsigned j)
{
    memset(k, 0, sizeof *k);
    tl_rand_bytes(&rng, k->ki, sizeof k->ki);
    tl_rand_bytes(&rng, k->kic, sizeof k->kic);
    tl_rand_bytes(&rng, k->kid, sizeof k->kid);
    tl_rand_bytes(&rng, k->opc, sizeof k->opc);
    k->alg = (j % 3 == 2) ? KL_KEYLIST_ALG_TUAK : KL_KEYLIST_ALG_MILENAGE;
    k->ki_len = (k->alg == KL_KEYLIST_ALG_TUAK && j % 2) ? 32 : 16;
    k->kvn = 1 + (unsigned)(tl_rand64(&rng) % 15);
    k->sqn_scheme = 1 + (unsigned)(tl_rand64(&rng) % 3);
}

static void make_all_keys(kl_keylist_keys keys[N])
{
    for (unsigned j = 0; j < N; j++)
        make_keys(&keys[j], j);
}

/* A freshly personalised list (and its model). */
static void fresh(kl_keylist *l, ref_kl *m)
{
    kl_keylist_keys keys[N];
    make_all_keys(keys);
    memset(l, 0xA5, sizeof *l);
    CHECK(kl_keylist_init(l, keys, N) == KL_KEYLIST_OK);
    if (m)
        CHECK(ref_kl_init(m, keys, N) == KL_KEYLIST_OK);
}

static int all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

/* ---- init ------------------------------------------------------------- */

static void test_init_ok(void)
{
    kl_keylist_keys keys[N];
    kl_keylist l;
    make_all_keys(keys);
    memset(&l, 0xA5, sizeof l);
    CHECK(kl_keylist_init(&l, keys, N) == KL_KEYLIST_OK);
    CHECK(l.active == 0);
    CHECK(kl_keylist_check(&l) == KL_KEYLIST_OK);
    for (unsigned j = 0; j < N; j++) {
        const kl_keylist_entry *e = &l.entry[j];
        CHECK(e->state == (j == 0 ? KL_KEYLIST_ACTIVE : KL_KEYLIST_UNUSED));
        CHECK(e->ki_len == keys[j].ki_len && e->kvn == keys[j].kvn &&
              e->alg == keys[j].alg && e->sqn_scheme == keys[j].sqn_scheme);
        CHECK_BYTES(e->sec, keys[j].ki, keys[j].ki_len, "Ki");
        CHECK(all_zero(e->sec + keys[j].ki_len, 32 - keys[j].ki_len));
        CHECK_BYTES(e->sec + KL_KEYLIST_SEC_KIC, keys[j].kic, 16, "KIc");
        CHECK_BYTES(e->sec + KL_KEYLIST_SEC_KID, keys[j].kid, 16, "KID");
        CHECK_BYTES(e->sec + KL_KEYLIST_SEC_OPC, keys[j].opc, 16, "OPc");
    }
}

static void init_expect(kl_keylist_keys *keys, size_t n, int want)
{
    kl_keylist l, copy;
    memset(&l, 0x5A, sizeof l);
    memcpy(&copy, &l, sizeof l);
    CHECKF(kl_keylist_init(&l, keys, n) == want, "init: want %d", want);
    CHECK(memcmp(&l, &copy, sizeof l) == 0);
}

static void test_init_failures(void)
{
    kl_keylist_keys keys[N], bad[N];
    kl_keylist l;
    make_all_keys(keys);
    CHECK(kl_keylist_init(NULL, keys, N) == KL_KEYLIST_E_NULL);
    memset(&l, 0x5A, sizeof l);
    {
        kl_keylist copy = l;
        CHECK(kl_keylist_init(&l, NULL, N) == KL_KEYLIST_E_NULL);
        CHECK(memcmp(&l, &copy, sizeof l) == 0);
    }
    init_expect(keys, 0, KL_KEYLIST_E_COUNT);
    init_expect(keys, N - 1, KL_KEYLIST_E_COUNT);
    init_expect(keys, N + 1, KL_KEYLIST_E_COUNT);
    static const struct {
        unsigned ki_len, kvn, alg, sqn;
        int want;
    } cases[] = {
        {16, 1, 0, 1, KL_KEYLIST_E_ALG},      {16, 1, 3, 1, KL_KEYLIST_E_ALG},
        {16, 1, 0xFFFFFFFFu, 1, KL_KEYLIST_E_ALG},
        {32, 1, 1, 1, KL_KEYLIST_E_KI_LEN},   {0, 1, 1, 1, KL_KEYLIST_E_KI_LEN},
        {15, 1, 1, 1, KL_KEYLIST_E_KI_LEN},   {24, 1, 2, 1, KL_KEYLIST_E_KI_LEN},
        {33, 1, 2, 1, KL_KEYLIST_E_KI_LEN},   {16, 0, 1, 1, KL_KEYLIST_E_KVN},
        {16, 16, 1, 1, KL_KEYLIST_E_KVN},     {16, 0xFFFFFFFFu, 2, 1, KL_KEYLIST_E_KVN},
        {16, 1, 1, 0, KL_KEYLIST_E_SQN},      {16, 15, 1, 4, KL_KEYLIST_E_SQN},
        {32, 15, 2, 0xFFFFFFFFu, KL_KEYLIST_E_SQN},
    };
    unsigned where[3] = {0, N / 2, N - 1};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (unsigned w = 0; w < 3; w++) {
            memcpy(bad, keys, sizeof bad);
            bad[where[w]].ki_len = cases[c].ki_len;
            bad[where[w]].kvn = cases[c].kvn;
            bad[where[w]].alg = cases[c].alg;
            bad[where[w]].sqn_scheme = cases[c].sqn;
            init_expect(bad, N, cases[c].want);
        }
    }
    /* Boundary values that are valid. */
    memcpy(bad, keys, sizeof bad);
    bad[N - 1].alg = KL_KEYLIST_ALG_TUAK;
    bad[N - 1].ki_len = 32;
    bad[N - 1].kvn = 15;
    bad[N - 1].sqn_scheme = KL_KEYLIST_SQN_MAX;
    CHECK(kl_keylist_init(&l, bad, N) == KL_KEYLIST_OK);
    CHECK(kl_keylist_check(&l) == KL_KEYLIST_OK);
}

/* ---- get_active ---------------------------------------------------------- */

static void test_get_active(void)
{
    kl_keylist l, copy;
    ref_kl m;
    kl_keylist_keys out, want;
    uint32_t idx = 99, idx2;
    fresh(&l, &m);
    memcpy(&copy, &l, sizeof l);
    CHECK(kl_keylist_get_active(&l, &out, &idx) == KL_KEYLIST_OK);
    CHECK(ref_kl_get_active(&m, &want, &idx2) == KL_KEYLIST_OK);
    CHECK(idx == 0 && idx2 == 0);
    CHECK(memcmp(&out, &want, sizeof out) == 0);
    CHECK(memcmp(&l, &copy, sizeof l) == 0);
    CHECK(kl_keylist_get_active(NULL, &out, &idx) == KL_KEYLIST_E_NULL);
    memset(&out, 0x33, sizeof out);
    memcpy(&want, &out, sizeof out);
    idx = 77;
    CHECK(kl_keylist_get_active(&l, NULL, &idx) == KL_KEYLIST_E_NULL);
    CHECK(idx == 77);
    CHECK(kl_keylist_get_active(&l, &out, NULL) == KL_KEYLIST_E_NULL);
    CHECK(memcmp(&out, &want, sizeof out) == 0);
    kl_keylist_keys_wipe(&out);
    CHECK(all_zero((const uint8_t *)&out, sizeof out));
    kl_keylist_keys_wipe(NULL);
}

/* ---- advance ----------------------------------------------------------- */

static void advance_refused(kl_keylist *l, uint32_t i, int want)
{
    kl_keylist copy;
    memcpy(&copy, l, sizeof copy);
    CHECKF(kl_keylist_advance(l, i) == want, "advance(%u): want %d", i, want);
    CHECK(memcmp(l, &copy, sizeof copy) == 0);
}

static void test_advance_to_exhaustion(void)
{
    kl_keylist l, before;
    fresh(&l, NULL);
    for (uint32_t a = 0; a + 1 < N; a++) {
        CHECK(l.active == a);
        advance_refused(&l, a, KL_KEYLIST_E_INDEX);
        advance_refused(&l, a + 2, KL_KEYLIST_E_INDEX);
        advance_refused(&l, 0xFFFFFFFFu, KL_KEYLIST_E_INDEX);
        if (a > 0)
            advance_refused(&l, a - 1, KL_KEYLIST_E_INDEX);
        memcpy(&before, &l, sizeof l);
        CHECK(kl_keylist_advance(&l, a + 1) == KL_KEYLIST_OK);
        CHECK(l.active == a + 1);
        CHECK(l.entry[a].state == KL_KEYLIST_RETIRED);
        CHECK(all_zero(l.entry[a].sec, KL_KEYLIST_SECRET_BYTES));
        CHECK(l.entry[a].ki_len == before.entry[a].ki_len &&
              l.entry[a].kvn == before.entry[a].kvn &&
              l.entry[a].alg == before.entry[a].alg &&
              l.entry[a].sqn_scheme == before.entry[a].sqn_scheme);
        CHECK(l.entry[a + 1].state == KL_KEYLIST_ACTIVE);
        CHECK(memcmp(l.entry[a + 1].sec, before.entry[a + 1].sec,
                     KL_KEYLIST_SECRET_BYTES) == 0);
        for (uint32_t j = 0; j < N; j++)
            if (j != a && j != a + 1)
                CHECK(memcmp(&l.entry[j], &before.entry[j],
                             sizeof l.entry[j]) == 0);
        CHECK(kl_keylist_check(&l) == KL_KEYLIST_OK);
    }
    /* Exhausted: the last entry is active, every index is refused. */
    CHECK(l.active == N - 1);
    advance_refused(&l, N, KL_KEYLIST_E_EXHAUSTED);
    advance_refused(&l, N - 1, KL_KEYLIST_E_EXHAUSTED);
    advance_refused(&l, 0, KL_KEYLIST_E_EXHAUSTED);
    advance_refused(&l, 0xFFFFFFFFu, KL_KEYLIST_E_EXHAUSTED);
    CHECK(kl_keylist_advance(NULL, 1) == KL_KEYLIST_E_NULL);
    CHECK(kl_keylist_check(&l) == KL_KEYLIST_OK);
}

/* The run-time state check of advance (unreachable under the invariant). */
static void test_advance_defensive(void)
{
    kl_keylist l;
    fresh(&l, NULL);
    if (N < 2) {
        CHECK(kl_keylist_advance(&l, 1) == KL_KEYLIST_E_EXHAUSTED);
        return;
    }
    l.entry[1].state = KL_KEYLIST_RETIRED; /* broken on purpose */
    advance_refused(&l, 1, KL_KEYLIST_E_STATE);
    l.entry[1].state = KL_KEYLIST_UNUSED;
    l.entry[0].state = KL_KEYLIST_UNUSED;
    advance_refused(&l, 1, KL_KEYLIST_E_STATE);
    l.active = N; /* out of range: treated as exhausted */
    advance_refused(&l, N + 1, KL_KEYLIST_E_EXHAUSTED);
}

/* ---- rekey -------------------------------------------------------------- */

static void test_rekey(void)
{
    kl_keylist l, copy;
    ref_kl m;
    uint8_t ki[32], kic[16], kid[16], opc[16];
    tl_rand_bytes(&rng, ki, sizeof ki);
    tl_rand_bytes(&rng, kic, sizeof kic);
    tl_rand_bytes(&rng, kid, sizeof kid);
    tl_rand_bytes(&rng, opc, sizeof opc);
    fresh(&l, &m);
    CHECK(l.entry[0].alg == KL_KEYLIST_ALG_MILENAGE);
    memcpy(&copy, &l, sizeof l);
    CHECK(kl_keylist_rekey(&l, ki, 16, kic, kid, 7, opc) == KL_KEYLIST_OK);
    CHECK(ref_kl_rekey(&m, ki, 16, kic, kid, 7, opc) == KL_KEYLIST_OK);
    CHECK(ref_kl_matches(&m, &l, NULL));
    CHECK_BYTES(l.entry[0].sec, ki, 16, "Ki");
    CHECK(all_zero(l.entry[0].sec + 16, 16));
    CHECK_BYTES(l.entry[0].sec + KL_KEYLIST_SEC_KIC, kic, 16, "KIc");
    CHECK_BYTES(l.entry[0].sec + KL_KEYLIST_SEC_KID, kid, 16, "KID");
    CHECK_BYTES(l.entry[0].sec + KL_KEYLIST_SEC_OPC, opc, 16, "OPc");
    CHECK(l.entry[0].kvn == 7 && l.entry[0].ki_len == 16);
    CHECK(l.entry[0].alg == copy.entry[0].alg &&
          l.entry[0].sqn_scheme == copy.entry[0].sqn_scheme &&
          l.entry[0].state == KL_KEYLIST_ACTIVE && l.active == 0);
    for (unsigned j = 1; j < N; j++)
        CHECK(memcmp(&l.entry[j], &copy.entry[j], sizeof l.entry[j]) == 0);
    CHECK(kl_keylist_check(&l) == KL_KEYLIST_OK);

    /* Failures leave everything unchanged. */
    memcpy(&copy, &l, sizeof l);
    CHECK(kl_keylist_rekey(&l, ki, 32, kic, kid, 7, opc) == KL_KEYLIST_E_KI_LEN);
    CHECK(kl_keylist_rekey(&l, ki, 0, kic, kid, 7, opc) == KL_KEYLIST_E_KI_LEN);
    CHECK(kl_keylist_rekey(&l, ki, 0xFFFFFFFFu, kic, kid, 7, opc) ==
          KL_KEYLIST_E_KI_LEN);
    CHECK(kl_keylist_rekey(&l, ki, 16, kic, kid, 0, opc) == KL_KEYLIST_E_KVN);
    CHECK(kl_keylist_rekey(&l, ki, 16, kic, kid, 16, opc) == KL_KEYLIST_E_KVN);
    CHECK(kl_keylist_rekey(NULL, ki, 16, kic, kid, 7, opc) == KL_KEYLIST_E_NULL);
    CHECK(kl_keylist_rekey(&l, NULL, 16, kic, kid, 7, opc) == KL_KEYLIST_E_NULL);
    CHECK(kl_keylist_rekey(&l, ki, 16, NULL, kid, 7, opc) == KL_KEYLIST_E_NULL);
    CHECK(kl_keylist_rekey(&l, ki, 16, kic, NULL, 7, opc) == KL_KEYLIST_E_NULL);
    CHECK(kl_keylist_rekey(&l, ki, 16, kic, kid, 7, NULL) == KL_KEYLIST_E_NULL);
    CHECK(memcmp(&l, &copy, sizeof l) == 0);

    /* A TUAK entry takes a 32-byte Ki. */
    if (N >= 3) {
        CHECK(kl_keylist_advance(&l, 1) == KL_KEYLIST_OK);
        CHECK(kl_keylist_advance(&l, 2) == KL_KEYLIST_OK);
        CHECK(l.entry[2].alg == KL_KEYLIST_ALG_TUAK);
        CHECK(kl_keylist_rekey(&l, ki, 32, kic, kid, 15, opc) == KL_KEYLIST_OK);
        CHECK_BYTES(l.entry[2].sec, ki, 32, "Ki 32");
        CHECK(l.entry[2].ki_len == 32);
        CHECK(kl_keylist_rekey(&l, ki, 16, kic, kid, 1, opc) == KL_KEYLIST_OK);
        CHECK(all_zero(l.entry[2].sec + 16, 16));
        CHECK(kl_keylist_check(&l) == KL_KEYLIST_OK);
        memcpy(&copy, &l, sizeof l);
        CHECK(kl_keylist_rekey(&l, ki, 24, kic, kid, 1, opc) == KL_KEYLIST_E_KI_LEN);
        CHECK(memcmp(&l, &copy, sizeof l) == 0);
    }
}

/* ---- wipe --------------------------------------------------------------- */

static void wipe_refused(kl_keylist *l, uint32_t i, int want)
{
    kl_keylist copy;
    memcpy(&copy, l, sizeof copy);
    CHECKF(kl_keylist_wipe(l, i) == want, "wipe(%u): want %d", i, want);
    CHECK(memcmp(l, &copy, sizeof copy) == 0);
}

static void test_wipe(void)
{
    kl_keylist l, copy;
    fresh(&l, NULL);
    wipe_refused(&l, 0, KL_KEYLIST_E_STATE); /* active */
    if (N > 1)
        wipe_refused(&l, 1, KL_KEYLIST_E_STATE); /* unused */
    wipe_refused(&l, N, KL_KEYLIST_E_INDEX);
    wipe_refused(&l, 0xFFFFFFFFu, KL_KEYLIST_E_INDEX);
    CHECK(kl_keylist_wipe(NULL, 0) == KL_KEYLIST_E_NULL);
    if (N > 1) {
        CHECK(kl_keylist_advance(&l, 1) == KL_KEYLIST_OK);
        memcpy(&copy, &l, sizeof l);
        CHECK(kl_keylist_wipe(&l, 0) == KL_KEYLIST_OK);
        CHECK(memcmp(&l, &copy, sizeof l) == 0); /* already wiped */
        /* A retired entry whose secrets came back (a fault): wiped again. */
        l.entry[0].sec[5] = 0x42;
        l.entry[0].sec[79] = 0x01;
        CHECK(kl_keylist_check(&l) == KL_KEYLIST_E_INVARIANT);
        CHECK(kl_keylist_wipe(&l, 0) == KL_KEYLIST_OK);
        CHECK(all_zero(l.entry[0].sec, KL_KEYLIST_SECRET_BYTES));
        CHECK(kl_keylist_check(&l) == KL_KEYLIST_OK);
        wipe_refused(&l, 1, KL_KEYLIST_E_STATE);
    }
}

/* ---- check ---------------------------------------------------------------- */

static void test_check(void)
{
    kl_keylist good, l;
    CHECK(kl_keylist_check(NULL) == KL_KEYLIST_E_NULL);
    fresh(&good, NULL);
    if (N >= 3) {
        CHECK(kl_keylist_advance(&good, 1) == KL_KEYLIST_OK); /* 0 retired */
    }
    CHECK(kl_keylist_check(&good) == KL_KEYLIST_OK);
    uint32_t a = good.active;

#define BROKEN(stmt)                                                \
    do {                                                            \
        memcpy(&l, &good, sizeof l);                                \
        stmt;                                                       \
        CHECKF(kl_keylist_check(&l) == KL_KEYLIST_E_INVARIANT, "%s", #stmt); \
    } while (0)

    BROKEN(l.active = N);
    BROKEN(l.active = 0xFFFFFFFFu);
    BROKEN(l.entry[a].state = KL_KEYLIST_UNUSED);           /* no active */
    BROKEN(l.entry[a].state = KL_KEYLIST_RETIRED);
    BROKEN(l.entry[a].state = 3);
    if (a + 1 < N) {
        BROKEN(l.entry[a + 1].state = KL_KEYLIST_ACTIVE);   /* two active */
        BROKEN(l.entry[a + 1].state = KL_KEYLIST_RETIRED);  /* retired after */
        BROKEN(l.entry[N - 1].state = 7);
    }
    if (a > 0) {
        BROKEN(l.entry[0].state = KL_KEYLIST_UNUSED);       /* unused before */
        BROKEN(l.entry[0].state = KL_KEYLIST_ACTIVE);
        for (unsigned k = 0; k < KL_KEYLIST_SECRET_BYTES; k++)
            BROKEN(l.entry[0].sec[k] = 1);               /* not wiped */
    }
    for (unsigned j = 0; j < N; j++) {
        BROKEN(l.entry[j].alg = 0);
        BROKEN(l.entry[j].alg = 3);
        BROKEN(l.entry[j].kvn = 0);
        BROKEN(l.entry[j].kvn = 16);
        BROKEN(l.entry[j].sqn_scheme = 0);
        BROKEN(l.entry[j].sqn_scheme = 4);
        BROKEN(l.entry[j].ki_len = 17);
        if (l.entry[j].ki_len == 16)
            BROKEN(l.entry[j].sec[16 + j % 16] = 0x80); /* Ki padding */
    }
#undef BROKEN
}

/* ---- image ---------------------------------------------------------------- */

static void set_sum(uint8_t *img)
{
    uint32_t f = ref_kl_fletcher(img, KL_KEYLIST_IMAGE_SUM_AT);
    img[KL_KEYLIST_IMAGE_SUM_AT] = (uint8_t)(f >> 24);
    img[KL_KEYLIST_IMAGE_SUM_AT + 1] = (uint8_t)(f >> 16);
    img[KL_KEYLIST_IMAGE_SUM_AT + 2] = (uint8_t)(f >> 8);
    img[KL_KEYLIST_IMAGE_SUM_AT + 3] = (uint8_t)f;
}

static void load_refused(const uint8_t *img, int want, const char *what)
{
    kl_keylist l, copy;
    memset(&l, 0x6C, sizeof l);
    memcpy(&copy, &l, sizeof l);
    int rc = kl_keylist_load(&l, img, KL_KEYLIST_IMAGE_BYTES);
    CHECKF(rc == want, "%s: load returned %d, want %d", what, rc, want);
    CHECK(memcmp(&l, &copy, sizeof l) == 0);
}

static void test_image_round_trip(void)
{
    static uint8_t img[KL_KEYLIST_IMAGE_BYTES], want[KL_KEYLIST_IMAGE_BYTES];
    kl_keylist l, back;
    ref_kl m;
    fresh(&l, &m);
    for (uint32_t step = 0; step < N; step++) {
        memset(img, 0xEE, sizeof img);
        CHECK(kl_keylist_save(&l, img, sizeof img) == KL_KEYLIST_OK);
        ref_kl_image(&m, want);
        CHECK_BYTES(img, want, sizeof img, "image vs model");
        memset(&back, 0x11, sizeof back);
        CHECK(kl_keylist_load(&back, img, sizeof img) == KL_KEYLIST_OK);
        CHECK(memcmp(&back, &l, sizeof l) == 0);
        CHECK(kl_keylist_check(&back) == KL_KEYLIST_OK);
        if (step + 1 < N) {
            CHECK(kl_keylist_advance(&l, step + 1) == KL_KEYLIST_OK);
            CHECK(ref_kl_advance(&m, step + 1) == KL_KEYLIST_OK);
        }
    }
    CHECK(img[0] == 'K' && img[1] == 'L' && img[2] == 'S' && img[3] == 'T');
    CHECK(KL_KEYLIST_IMAGE_BYTES == 8 + 88 * N + 4);
}

static void test_image_size_and_null(void)
{
    static uint8_t img[KL_KEYLIST_IMAGE_BYTES + 1], copy[KL_KEYLIST_IMAGE_BYTES + 1];
    kl_keylist l, lc;
    fresh(&l, NULL);
    memset(img, 0x77, sizeof img);
    memcpy(copy, img, sizeof img);
    CHECK(kl_keylist_save(&l, img, KL_KEYLIST_IMAGE_BYTES - 1) == KL_KEYLIST_E_SIZE);
    CHECK(kl_keylist_save(&l, img, KL_KEYLIST_IMAGE_BYTES + 1) == KL_KEYLIST_E_SIZE);
    CHECK(kl_keylist_save(&l, img, 0) == KL_KEYLIST_E_SIZE);
    CHECK(kl_keylist_save(NULL, img, KL_KEYLIST_IMAGE_BYTES) == KL_KEYLIST_E_NULL);
    CHECK(kl_keylist_save(&l, NULL, KL_KEYLIST_IMAGE_BYTES) == KL_KEYLIST_E_NULL);
    CHECK(memcmp(img, copy, sizeof img) == 0);
    CHECK(kl_keylist_save(&l, img, KL_KEYLIST_IMAGE_BYTES) == KL_KEYLIST_OK);
    memcpy(&lc, &l, sizeof l);
    CHECK(kl_keylist_load(&l, img, KL_KEYLIST_IMAGE_BYTES - 1) == KL_KEYLIST_E_SIZE);
    CHECK(kl_keylist_load(&l, img, KL_KEYLIST_IMAGE_BYTES + 1) == KL_KEYLIST_E_SIZE);
    CHECK(kl_keylist_load(&l, NULL, KL_KEYLIST_IMAGE_BYTES) == KL_KEYLIST_E_NULL);
    CHECK(kl_keylist_load(NULL, img, KL_KEYLIST_IMAGE_BYTES) == KL_KEYLIST_E_NULL);
    CHECK(memcmp(&l, &lc, sizeof l) == 0);
}

/* Every single-byte corruption of a valid image is refused. */
static void test_image_every_flip(void)
{
    static uint8_t img[KL_KEYLIST_IMAGE_BYTES], bad[KL_KEYLIST_IMAGE_BYTES];
    static const uint8_t masks[] = {0x01, 0x80, 0xFF, 0x5A};
    kl_keylist l;
    unsigned refused = 0, tried = 0;
    fresh(&l, NULL);
    if (N > 1)
        CHECK(kl_keylist_advance(&l, 1) == KL_KEYLIST_OK);
    CHECK(kl_keylist_save(&l, img, sizeof img) == KL_KEYLIST_OK);
    for (size_t pos = 0; pos < KL_KEYLIST_IMAGE_BYTES; pos++) {
        for (size_t mi = 0; mi < sizeof masks; mi++) {
            kl_keylist dst, copy;
            memcpy(bad, img, sizeof img);
            bad[pos] ^= masks[mi];
            memset(&dst, 0x6C, sizeof dst);
            memcpy(&copy, &dst, sizeof dst);
            tried++;
            int rc = kl_keylist_load(&dst, bad, sizeof bad);
            if (rc < 0 && memcmp(&dst, &copy, sizeof dst) == 0)
                refused++;
            else
                CHECKF(0, "flip at %zu (mask %02x) accepted: rc %d", pos,
                       masks[mi], rc);
        }
    }
    CHECK(refused == tried);
    /* Random multi-byte corruption too. */
    for (unsigned t = 0; t < 2000; t++) {
        memcpy(bad, img, sizeof img);
        unsigned nflip = 2 + (unsigned)(tl_rand64(&rng) % 6);
        for (unsigned f = 0; f < nflip; f++)
            bad[tl_rand64(&rng) % KL_KEYLIST_IMAGE_BYTES] ^=
                (uint8_t)(1 + tl_rand64(&rng) % 255);
        if (memcmp(bad, img, sizeof img) == 0)
            continue;
        kl_keylist dst;
        memset(&dst, 0, sizeof dst);
        int rc = kl_keylist_load(&dst, bad, sizeof bad);
        /* A collision of the 32-bit checksum is possible in principle; an
         * accepted image must then still satisfy the invariant. */
        if (rc == KL_KEYLIST_OK)
            CHECK(kl_keylist_check(&dst) == KL_KEYLIST_OK);
    }
}

/* Corrupt content under a correct checksum: refused for its content. */
static void test_image_bad_content(void)
{
    static uint8_t img[KL_KEYLIST_IMAGE_BYTES], bad[KL_KEYLIST_IMAGE_BYTES];
    kl_keylist l;
    fresh(&l, NULL);
    if (N > 2)
        CHECK(kl_keylist_advance(&l, 1) == KL_KEYLIST_OK);
    CHECK(kl_keylist_save(&l, img, sizeof img) == KL_KEYLIST_OK);
    const uint32_t a = l.active;
    const size_t ea = 8 + 88 * (size_t)a;

#define BAD(stmt, want)                          \
    do {                                         \
        memcpy(bad, img, sizeof img);            \
        stmt;                                    \
        set_sum(bad);                            \
        load_refused(bad, want, #stmt);          \
    } while (0)

    BAD(bad[0] = 'k', KL_KEYLIST_E_MAGIC);
    BAD(bad[3] = 0, KL_KEYLIST_E_MAGIC);
    BAD(bad[4] = 2, KL_KEYLIST_E_VERSION);
    BAD(bad[4] = 0, KL_KEYLIST_E_VERSION);
    BAD(bad[5] = (uint8_t)(N + 1), KL_KEYLIST_E_VERSION);
    BAD(bad[5] = (uint8_t)(N - 1), KL_KEYLIST_E_VERSION);
    BAD(bad[6] = (uint8_t)N, KL_KEYLIST_E_IMAGE);
    BAD(bad[6] = 0xFF, KL_KEYLIST_E_IMAGE);
    BAD(bad[7] = 1, KL_KEYLIST_E_IMAGE);
    BAD(bad[ea] = KL_KEYLIST_UNUSED, KL_KEYLIST_E_IMAGE);   /* no active entry */
    BAD(bad[ea] = KL_KEYLIST_RETIRED, KL_KEYLIST_E_IMAGE);
    BAD(bad[ea] = 3, KL_KEYLIST_E_IMAGE);                /* state out of range */
    BAD(bad[ea + 1] = 0, KL_KEYLIST_E_IMAGE);            /* alg */
    BAD(bad[ea + 1] = 9, KL_KEYLIST_E_IMAGE);
    BAD(bad[ea + 2] = 0, KL_KEYLIST_E_IMAGE);            /* sqn scheme */
    BAD(bad[ea + 3] = 0, KL_KEYLIST_E_IMAGE);            /* kvn */
    BAD(bad[ea + 3] = 16, KL_KEYLIST_E_IMAGE);
    BAD(bad[ea + 4] = 15, KL_KEYLIST_E_IMAGE);           /* ki_len */
    BAD(bad[ea + 5] = 1, KL_KEYLIST_E_IMAGE);            /* reserved */
    BAD(bad[ea + 7] = 0x80, KL_KEYLIST_E_IMAGE);
    if (l.entry[a].ki_len == 16)
        BAD(bad[ea + 8 + 20] = 1, KL_KEYLIST_E_IMAGE);   /* Ki padding */
    if (a + 1 < N) {
        const size_t eb = ea + 88;
        BAD(bad[eb] = KL_KEYLIST_ACTIVE, KL_KEYLIST_E_IMAGE);  /* two active */
        BAD(bad[eb] = KL_KEYLIST_RETIRED, KL_KEYLIST_E_IMAGE); /* retired after */
        BAD((bad[eb] = KL_KEYLIST_ACTIVE, bad[ea] = KL_KEYLIST_RETIRED),
            KL_KEYLIST_E_IMAGE); /* retired with secrets, index disagrees */
    }
    if (a > 0) {
        BAD(bad[8] = KL_KEYLIST_UNUSED, KL_KEYLIST_E_IMAGE);   /* unused before */
        BAD(bad[8] = KL_KEYLIST_ACTIVE, KL_KEYLIST_E_IMAGE);
        for (size_t k = 8; k < 88; k++)
            BAD(bad[8 + k] = 0x01, KL_KEYLIST_E_IMAGE);     /* not wiped */
    }
    /* The unchanged image still loads. */
    memcpy(bad, img, sizeof img);
    set_sum(bad);
    CHECK(memcmp(bad, img, sizeof img) == 0);
    /* A wrong checksum alone. */
    memcpy(bad, img, sizeof img);
    bad[KL_KEYLIST_IMAGE_SUM_AT + 3] ^= 1;
    load_refused(bad, KL_KEYLIST_E_CHECKSUM, "checksum");
#undef BAD
}

/* ---- random operations against the model ---------------------------------- */

static void test_random_vs_model(void)
{
    static uint8_t img[KL_KEYLIST_IMAGE_BYTES], want[KL_KEYLIST_IMAGE_BYTES];
    kl_keylist l, copy;
    ref_kl m;
    const char *why = NULL;
    unsigned mismatches = 0, ops = 0, ok_ops = 0;
    uint64_t seed = rng;
    fresh(&l, &m);
    for (ops = 0; ops < 20000; ops++) {
        unsigned op = (unsigned)(tl_rand64(&rng) % 100);
        int rc = 0, rrc = 0;
        memcpy(&copy, &l, sizeof l);
        if (op < 3) { /* re-personalise */
            kl_keylist_keys keys[N];
            make_all_keys(keys);
            if (tl_rand64(&rng) % 4 == 0)
                keys[tl_rand64(&rng) % N].kvn = 0;
            rc = kl_keylist_init(&l, keys, N);
            rrc = ref_kl_init(&m, keys, N);
        } else if (op < 25) { /* advance, usually to the right index */
            uint32_t i = l.active + 1;
            if (tl_rand64(&rng) % 3 == 0)
                i = (uint32_t)(tl_rand64(&rng) % (N + 2));
            rc = kl_keylist_advance(&l, i);
            rrc = ref_kl_advance(&m, i);
        } else if (op < 50) { /* rekey, sometimes invalid */
            uint8_t ki[32], kic[16], kid[16], opc[16];
            uint32_t lens[] = {16, 32, 16, 0, 24};
            uint32_t ki_len = lens[tl_rand64(&rng) % 5];
            uint32_t kvn = (uint32_t)(tl_rand64(&rng) % 17);
            tl_rand_bytes(&rng, ki, sizeof ki);
            tl_rand_bytes(&rng, kic, sizeof kic);
            tl_rand_bytes(&rng, kid, sizeof kid);
            tl_rand_bytes(&rng, opc, sizeof opc);
            rc = kl_keylist_rekey(&l, ki, ki_len, kic, kid, kvn, opc);
            rrc = ref_kl_rekey(&m, ki, ki_len, kic, kid, kvn, opc);
        } else if (op < 60) { /* wipe */
            uint32_t i = (uint32_t)(tl_rand64(&rng) % (N + 1));
            rc = kl_keylist_wipe(&l, i);
            rrc = ref_kl_wipe(&m, i);
        } else if (op < 75) { /* get_active */
            kl_keylist_keys out, rout;
            uint32_t idx = 0, ridx = 1;
            rc = kl_keylist_get_active(&l, &out, &idx);
            rrc = ref_kl_get_active(&m, &rout, &ridx);
            if (rc == 0 && (idx != ridx || memcmp(&out, &rout, sizeof out)))
                mismatches++;
            kl_keylist_keys_wipe(&out);
        } else if (op < 90) { /* save, compare, load back */
            rc = kl_keylist_save(&l, img, sizeof img);
            ref_kl_image(&m, want);
            if (rc == 0 && memcmp(img, want, sizeof img) != 0)
                mismatches++;
            if (rc == 0)
                rc = kl_keylist_load(&l, img, sizeof img);
        } else { /* load a corrupted image: refused, nothing changes */
            rc = kl_keylist_save(&l, img, sizeof img);
            img[tl_rand64(&rng) % sizeof img] ^=
                (uint8_t)(1 + tl_rand64(&rng) % 255);
            rc = rc ? rc : kl_keylist_load(&l, img, sizeof img);
            rrc = rc < 0 ? rc : -1;
        }
        if (rc != rrc) {
            mismatches++;
            if (mismatches <= 5)
                printf("  op %u (kind %u): core %d, model %d (seed %llx)\n",
                       ops, op, rc, rrc, (unsigned long long)seed);
        }
        if (rc != 0 && memcmp(&l, &copy, sizeof l) != 0)
            mismatches++;
        if (!ref_kl_matches(&m, &l, &why) || kl_keylist_check(&l) != 0) {
            mismatches++;
            if (mismatches <= 5)
                printf("  op %u: state differs (%s)\n", ops,
                       why ? why : "invariant");
        }
        if (rc == 0)
            ok_ops++;
    }
    CHECKF(mismatches == 0, "%u mismatches in %u operations", mismatches, ops);
    CHECK(ops >= 10000);
    CHECK(ok_ops > ops / 4);
}

int main(void)
{
    tl_run(SUITE, "init_ok", test_init_ok);
    tl_run(SUITE, "init_failures_leave_list_unchanged", test_init_failures);
    tl_run(SUITE, "get_active", test_get_active);
    tl_run(SUITE, "advance_to_exhaustion", test_advance_to_exhaustion);
    tl_run(SUITE, "advance_defensive_state_check", test_advance_defensive);
    tl_run(SUITE, "rekey", test_rekey);
    tl_run(SUITE, "wipe", test_wipe);
    tl_run(SUITE, "check_every_violation", test_check);
    tl_run(SUITE, "image_round_trip_matches_model", test_image_round_trip);
    tl_run(SUITE, "image_size_and_null", test_image_size_and_null);
    tl_run(SUITE, "image_every_byte_flip_refused", test_image_every_flip);
    tl_run(SUITE, "image_bad_content_refused", test_image_bad_content);
    tl_run(SUITE, "random_20000_ops_vs_model", test_random_vs_model);
    return tl_finish();
}
