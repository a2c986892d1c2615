/* fuzz_keylist_image.c - fuzz target: kl_keylist_load on arbitrary bytes.
 *
 * Input: flags (1 byte) || image bytes.
 *   flags b0: recompute the Fletcher-32 checksum of the image before loading
 *             (kept for the seeds that set it; recomputation is the default
 *             anyway, see b3)
 *         b1: pad with zeros / cut the image to KL_KEYLIST_IMAGE_BYTES
 *         b2: the destination starts as garbage instead of a valid list
 *             (the loader needs no invariant beforehand: boot time)
 *         b3: keep the image's own checksum bytes (only with b0 clear): the
 *             way to reach the loader's checksum refusal
 *         b4: patch mode: the rest of the input is not an image but
 *             T || (offset-hi, offset-lo, value)*: the image starts as the
 *             reference model's image (ref_kl_image, not the core's saver)
 *             of a valid list whose active index is T % 16 (entries before
 *             it retired and wiped, after it unused, TUAK 32-byte Ki on odd
 *             entries), and each triple sets one byte (offset modulo the
 *             image size); then the checksum rule above applies.  A few
 *             bytes of input thus reach any field of any entry, with every
 *             other field valid, which is what a run from an empty corpus
 *             needs to get past the first entry's checks.
 * Why recomputation is the default: a fuzzer that mutates an image almost
 * never keeps its Fletcher-32 valid, so with the checksum as given nearly
 * every input stops at KL_KEYLIST_E_CHECKSUM and the field checks behind it
 * are reached only from the committed seeds.  Fixing the checksum of what
 * the fuzzer makes lets a run from an EMPTY corpus (`make mutants`, column
 * fuzz-empty) get from "KLST" + header bytes (the dictionary) to every
 * field check on its own; one flag bit (b3) still gives the checksum path.
 * Patch mode (b4) does the same for the fields: a fuzzer that writes an
 * image byte by byte from nothing has to make all 16 entries valid before
 * any defect behind them (a reserved byte, a wiped secret, the active index)
 * is looked at; starting from a valid image it only has to break one.
 * An image whose checksum is already right is unchanged by recomputation,
 * so the seeds keep their meaning; only a seed that wants a bad checksum
 * must set b3.
 * The seeds in corpus/keylist_image/ are images written by kl_keylist_save
 * from lists personalised, advanced and re-keyed by the core
 * (harness/fuzz_seeds.c).
 *
 * Properties (abort() with a message on stderr when one fails):
 *   P1  a length other than KL_KEYLIST_IMAGE_BYTES is KL_KEYLIST_E_SIZE.
 *   P2  the loader accepts exactly the images that the independent
 *       validator below accepts; it is written from the layout comment of
 *       core/keylist_image.h and keylist_image_ok in spec/keylist_image.acsl, and
 *       shares no code with core/keylist_image.c.
 *   P3  a refusal names the first defect, in the order of keylist_image.h:
 *       magic, version/count, checksum, then any field (KL_KEYLIST_E_IMAGE).
 *   P4  a refusal leaves the destination byte-for-byte untouched.
 *   P5  an accepted image gives a list that satisfies the invariant
 *       (kl_keylist_check and the target's own check) and that kl_keylist_save
 *       writes back to exactly the same bytes, and the reference model's
 *       image of that list is the same bytes too.
 */
#include "keylist.h"
#include "ref_keylist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_keylist_image"
#include "fuzz_check.h"

#define N KL_KEYLIST_ENTRIES
#define IMG KL_KEYLIST_IMAGE_BYTES
#define ENT KL_KEYLIST_IMAGE_ENTRY
#define SUM_AT (8u + ENT * N)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fletcher(const uint8_t *p, size_t n, uint32_t *s1, uint32_t *s2)
{
    uint32_t a = 0, b = 0;
    for (size_t i = 0; i < n; i++) {
        a = (a + p[i]) % 65535u;
        b = (b + a) % 65535u;
    }
    *s1 = a;
    *s2 = b;
}

/* The independent validator: 0 or the KL_KEYLIST_E_* value the loader owes. */
static int validate(const uint8_t *img)
{
    uint32_t s1, s2;
    unsigned a;
    if (memcmp(img, "KLST", 4) != 0)
        return KL_KEYLIST_E_MAGIC;
    if (img[4] != 1 || img[5] != N)
        return KL_KEYLIST_E_VERSION;
    fletcher(img, SUM_AT, &s1, &s2);
    if (img[SUM_AT] != (s2 >> 8) || img[SUM_AT + 1] != (s2 & 0xFF) ||
        img[SUM_AT + 2] != (s1 >> 8) || img[SUM_AT + 3] != (s1 & 0xFF))
        return KL_KEYLIST_E_CHECKSUM;
    a = img[6];
    if (a >= N || img[7] != 0)
        return KL_KEYLIST_E_IMAGE;
    for (unsigned j = 0; j < N; j++) {
        const uint8_t *e = img + 8 + ENT * j;
        unsigned state = e[0], alg = e[1], sqn = e[2], kvn = e[3], kl = e[4];
        int len_ok = (alg == 1 && kl == 16) || (alg == 2 && (kl == 16 || kl == 32));
        if (!len_ok || kvn < 1 || kvn > 15 || sqn < 1 || sqn > 3)
            return KL_KEYLIST_E_IMAGE;
        if (e[5] | e[6] | e[7])
            return KL_KEYLIST_E_IMAGE;
        if (!fuzz_all_zero(e + 8 + kl, 32 - kl)) /* Ki padding */
            return KL_KEYLIST_E_IMAGE;
        if (j < a && (state != 2 || !fuzz_all_zero(e + 8, 80)))
            return KL_KEYLIST_E_IMAGE; /* retired, secrets wiped */
        if (j == a && state != 1)
            return KL_KEYLIST_E_IMAGE;
        if (j > a && state != 0)
            return KL_KEYLIST_E_IMAGE;
    }
    return 0;
}

/* Patch mode (flags b4): the model's image of a valid list with active
 * index t % N, then the (offset, value) triples of p[0 .. n-1]. */
static void patched_image(uint8_t *img, uint8_t t, const uint8_t *p, size_t n)
{
    ref_kl m;
    unsigned a = t % N;
    memset(&m, 0, sizeof m);
    m.active = a;
    for (unsigned j = 0; j < N; j++) {
        ref_kl_entry *e = &m.e[j];
        e->alg = (j % 2) ? KL_KEYLIST_ALG_TUAK : KL_KEYLIST_ALG_MILENAGE;
        e->ki_len = (j % 2) ? 32 : 16;
        e->kvn = 1 + j % 15;
        e->sqn = 1 + j % 3;
        e->state = j < a ? 2 : j == a ? 1 : 0; /* retired, active, unused */
        if (j >= a) {
            memset(e->ki, 0xA0 + j, e->ki_len);
            memset(e->kic, 0x20 + j, 16);
            memset(e->kid, 0x40 + j, 16);
            memset(e->opc, 0x60 + j, 16);
        }
    }
    ref_kl_image(&m, img);
    for (size_t i = 0; i + 3 <= n; i += 3)
        img[((size_t)p[i] * 256u + p[i + 1]) % IMG] = p[i + 2];
}

/* A valid starting list for the destination (flags b2 clear). */
static void valid_list(kl_keylist *l)
{
    kl_keylist_keys k[N];
    memset(k, 0, sizeof k);
    for (unsigned j = 0; j < N; j++) {
        memset(k[j].ki, 0x11 + j, 16);
        memset(k[j].kic, 0x22, 16);
        memset(k[j].kid, 0x33, 16);
        memset(k[j].opc, 0x44, 16);
        k[j].ki_len = 16;
        k[j].kvn = 1;
        k[j].alg = KL_KEYLIST_ALG_MILENAGE;
        k[j].sqn_scheme = KL_KEYLIST_SQN_SEQ_IND;
    }
    FUZZ_CHECK(kl_keylist_init(l, k, N) == KL_KEYLIST_OK, "init of the start list");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t flags = size ? data[0] : 0;
    const uint8_t *body = size ? data + 1 : data;
    size_t blen = size ? size - 1 : 0;
    static uint8_t img[IMG + 64], again[IMG];
    const uint8_t *load_from;
    size_t load_len;
    kl_keylist l, before;
    int rc, want;

    if (flags & 4) {
        uint64_t s = 0x9E3779B97F4A7C15ull ^ blen;
        for (size_t i = 0; i < sizeof l; i++) {
            s ^= s << 13, s ^= s >> 7, s ^= s << 17;
            ((uint8_t *)&l)[i] = (uint8_t)s;
        }
    } else {
        valid_list(&l);
    }
    memcpy(&before, &l, sizeof l);

    if (flags & 16) {
        patched_image(img, blen ? body[0] : 0, blen ? body + 1 : body, blen ? blen - 1 : 0);
        load_from = img;
        load_len = IMG;
    } else if (flags & 2) {
        memset(img, 0, IMG);
        memcpy(img, body, blen < IMG ? blen : IMG);
        load_from = img;
        load_len = IMG;
    } else if (blen == IMG) {
        memcpy(img, body, IMG);
        load_from = img;
        load_len = IMG;
    } else {
        /* P1: the caller's exact bytes, so ASan sees any read past them. */
        rc = kl_keylist_load(&l, body, blen);
        FUZZ_CHECK(rc == KL_KEYLIST_E_SIZE, "P1: length %zu gave %d", blen, rc);
        FUZZ_CHECK(memcmp(&l, &before, sizeof l) == 0, "P4: E_SIZE wrote *l");
        return 0;
    }
    if ((flags & 1) || !(flags & 8)) {
        uint32_t s1, s2;
        fletcher(img, SUM_AT, &s1, &s2);
        img[SUM_AT] = (uint8_t)(s2 >> 8);
        img[SUM_AT + 1] = (uint8_t)s2;
        img[SUM_AT + 2] = (uint8_t)(s1 >> 8);
        img[SUM_AT + 3] = (uint8_t)s1;
    }

    want = validate(load_from);
    rc = kl_keylist_load(&l, load_from, load_len);
    FUZZ_CHECK((rc == KL_KEYLIST_OK) == (want == 0),
               "P2: loader says %d, validator says %d", rc, want);
    if (rc != KL_KEYLIST_OK) {
        FUZZ_CHECK(rc == want, "P3: loader refused with %d, expected %d", rc, want);
        FUZZ_CHECK(memcmp(&l, &before, sizeof l) == 0, "P4: refusal %d wrote *l", rc);
        return 0;
    }

    /* P5 */
    FUZZ_CHECK(kl_keylist_check(&l) == KL_KEYLIST_OK, "P5: kl_keylist_check refuses a loaded list");
    FUZZ_CHECK(fuzz_keylist_invariant(&l), "P5: loaded list breaks the invariant");
    FUZZ_CHECK(kl_keylist_save(&l, again, sizeof again) == KL_KEYLIST_OK, "P5: save");
    FUZZ_CHECK(memcmp(again, load_from, IMG) == 0, "P5: save(load(img)) != img");
    {
        ref_kl m;
        memset(&m, 0, sizeof m);
        m.active = l.active;
        for (unsigned j = 0; j < N; j++) {
            const kl_keylist_entry *e = &l.entry[j];
            memcpy(m.e[j].ki, e->sec + KL_KEYLIST_SEC_KI, 32);
            memcpy(m.e[j].kic, e->sec + KL_KEYLIST_SEC_KIC, 16);
            memcpy(m.e[j].kid, e->sec + KL_KEYLIST_SEC_KID, 16);
            memcpy(m.e[j].opc, e->sec + KL_KEYLIST_SEC_OPC, 16);
            m.e[j].ki_len = e->ki_len;
            m.e[j].kvn = e->kvn;
            m.e[j].alg = e->alg;
            m.e[j].sqn = e->sqn_scheme;
            m.e[j].state = e->state;
        }
        ref_kl_image(&m, again);
        FUZZ_CHECK(memcmp(again, load_from, IMG) == 0,
                   "P5: reference image of the loaded list != img");
    }
    return 0;
}
