/* fuzz_keylist.c - fuzz target: sequences of key-list operations on the
 * core (core/keylist.c) and on the reference model (harness/ref_keylist.c).
 *
 * Input layout (bytes past the end read as zero):
 *   0        key seed: the secrets are drawn from a PRNG seeded with it
 *            (0: all secrets zero, an edge case for "wiped" checks)
 *   1 .. 32  two bytes per entry j: its personalisation parameters, see
 *            entry_params(); kl_keylist_init runs first
 *   33 ..    operations, one opcode byte each (low 3 bits: the operation,
 *            high bits: variants) and its argument bytes:
 *     0 ADVANCE a          kl_keylist_advance(index(a))
 *     1 REKEY   a b c      kl_keylist_rekey: Ki length and NULL choice from a,
 *                          KVN from b, key material from seed c
 *     2 WIPE    a          kl_keylist_wipe(index(a))
 *     3 GET                kl_keylist_get_active (op bit 3: NULL out, bit 4:
 *                          NULL index)
 *     4 SAVE               kl_keylist_save, then kl_keylist_load of that image
 *     5 CORRUPT p q x      save, img[(p << 8 | q) mod size] ^= x (x = 0
 *                          means 1), checksum recomputed when op bit 3, load
 *     6 NULLS              every entry point with a NULL list
 *     7 REINIT  c          kl_keylist_init again, secrets from seed c
 *   Operations stop at the end of the input or after MAX_OPS.
 *
 * Properties (abort() with a message on stderr when one fails), after every
 * operation:
 *   P1  the core returns the same value as the model, and the list equals
 *       the model field by field (ref_kl_matches).
 *   P2  kl_keylist_check says the invariant holds, and so does the target's
 *       own check of it (written from spec/keylist.acsl).
 *   P3  a refused operation changes nothing: memcmp of the whole struct
 *       before and after.
 *   P4  progress: the active index never decreases and a retired entry
 *       stays retired (except across REINIT, which is personalisation).
 *   P5  get_active copies exactly the model's active entry; save writes
 *       the model's image; load(save(l)) == l; a corrupted image is either
 *       refused with the destination untouched, or accepted, satisfies the
 *       invariant and saves back to the same bytes.
 */
#include "keylist.h"
#include "ref_keylist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_keylist"
#include "fuzz_check.h"

#define N KL_KEYLIST_ENTRIES
#define IMG KL_KEYLIST_IMAGE_BYTES
#define MAX_OPS 512

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct rd {
    const uint8_t *p;
    size_t n, at;
} rd;

static uint8_t byte(rd *r)
{
    uint8_t b = r->at < r->n ? r->p[r->at] : 0;
    r->at++;
    return b;
}

/* Key material: splitmix64 from a seed byte and a salt; seed 0 is zeros. */
static void material(uint8_t seed, uint64_t salt, uint8_t *out, size_t n)
{
    uint64_t s = ((uint64_t)seed << 32) ^ salt;
    for (size_t i = 0; i < n; i++) {
        uint64_t z;
        if (seed == 0) {
            out[i] = 0;
            continue;
        }
        s += 0x9E3779B97F4A7C15ull;
        z = s;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        out[i] = (uint8_t)(z ^ (z >> 31));
    }
}

/* Personalisation parameters of one entry from two bytes p, q.  p bit 7
 * clear: always valid values; set: raw values, mostly invalid. */
static void entry_params(uint8_t p, uint8_t q, kl_keylist_keys *k)
{
    static const uint32_t lens[4] = {16, 32, 0, 17};
    if (p & 0x80) {
        k->alg = p & 3;
        k->ki_len = lens[(p >> 2) & 3];
        k->sqn_scheme = (p >> 4) & 3;
        k->kvn = q;
    } else {
        k->alg = 1 + (p & 1);
        k->ki_len = (k->alg == KL_KEYLIST_ALG_TUAK && (p & 2)) ? 32 : 16;
        k->sqn_scheme = 1 + ((p >> 2) & 3) % 3;
        k->kvn = 1 + q % 15;
    }
}

static void make_keys(const uint8_t pq[2 * N], uint8_t seed, uint64_t salt,
                      int normalise, kl_keylist_keys keys[N])
{
    memset(keys, 0, sizeof(kl_keylist_keys) * N);
    for (unsigned j = 0; j < N; j++) {
        uint8_t p = pq[2 * j];
        entry_params(normalise ? (uint8_t)(p & 0x7F) : p, pq[2 * j + 1], &keys[j]);
        /* all 32 Ki bytes are filled: only ki[0 .. ki_len-1] may be read */
        material(seed, salt * 131 + j, keys[j].ki, sizeof keys[j].ki);
        material(seed, salt * 131 + j + 0x100, keys[j].kic, 16);
        material(seed, salt * 131 + j + 0x200, keys[j].kid, 16);
        material(seed, salt * 131 + j + 0x300, keys[j].opc, 16);
    }
}

/* An index argument: relative to the active entry, raw, or one that only
 * its low byte makes look right. */
static uint32_t index_arg(uint8_t a, uint32_t active)
{
    if (a == 0xFF)
        return 0xFFFFFFFFu;
    if (a == 0xFE)
        return 0x100u + active + 1; /* truncated to a byte: active + 1 */
    if (a & 0x80)
        return a & 0x7Fu;
    return active + (a & 3u) - 1u; /* active-1 .. active+2 (wraps at 0) */
}

static void check_state(const kl_keylist *l, const ref_kl *m, int step)
{
    const char *why = NULL;
    FUZZ_CHECK(kl_keylist_check(l) == KL_KEYLIST_OK, "P2: step %d: kl_keylist_check", step);
    FUZZ_CHECK(fuzz_keylist_invariant(l), "P2: step %d: invariant broken", step);
    FUZZ_CHECK(ref_kl_matches(m, l, &why), "P1: step %d: list != model (%s)",
               step, why ? why : "?");
}

static void check_progress(const kl_keylist *a, const kl_keylist *b, int step)
{
    FUZZ_CHECK(b->active >= a->active, "P4: step %d: active went back", step);
    for (unsigned j = 0; j < N; j++)
        FUZZ_CHECK(a->entry[j].state != KL_KEYLIST_RETIRED ||
                       b->entry[j].state == KL_KEYLIST_RETIRED,
                   "P4: step %d: entry %u revived", step, j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rd r = {data, size, 0};
    uint8_t seed = byte(&r), pq[2 * N];
    kl_keylist_keys keys[N];
    kl_keylist l, before;
    ref_kl m;
    static uint8_t img[IMG], img2[IMG + 1];
    int rc, rrc, step;

    for (unsigned i = 0; i < 2 * N; i++)
        pq[i] = byte(&r);

    /* Personalisation, possibly refused: then nothing may be written, and
     * the always-valid variant of the same parameters is used. */
    memset(&l, 0xEE, sizeof l);
    memcpy(&before, &l, sizeof l);
    memset(&m, 0, sizeof m);
    make_keys(pq, seed, 0, 0, keys);
    rc = kl_keylist_init(&l, keys, N);
    rrc = ref_kl_init(&m, keys, N);
    FUZZ_CHECK(rc == rrc, "P1: init: core %d, model %d", rc, rrc);
    if (rc != KL_KEYLIST_OK) {
        FUZZ_CHECK(memcmp(&l, &before, sizeof l) == 0, "P3: refused init wrote");
        FUZZ_CHECK(kl_keylist_init(&l, keys, N - 1) == KL_KEYLIST_E_COUNT, "init count");
        make_keys(pq, seed, 0, 1, keys);
        FUZZ_CHECK(kl_keylist_init(&l, keys, N) == KL_KEYLIST_OK, "normalised init");
        FUZZ_CHECK(ref_kl_init(&m, keys, N) == 0, "normalised model init");
    }
    check_state(&l, &m, 0);

    for (step = 1; step <= MAX_OPS && r.at < r.n; step++) {
        uint8_t op = byte(&r);
        int progress = 1;
        memcpy(&before, &l, sizeof l);
        switch (op & 7) {
        case 0: { /* ADVANCE */
            uint32_t i = index_arg(byte(&r), l.active);
            rc = kl_keylist_advance(&l, i);
            rrc = ref_kl_advance(&m, i);
            break;
        }
        case 1: { /* REKEY */
            static const uint32_t lens[4] = {16, 32, 0, 17};
            uint8_t a = byte(&r), b = byte(&r), c = byte(&r);
            uint32_t ki_len = lens[a & 3];
            uint32_t kvn = (b & 0x80) ? (b & 0x7Fu) : 1u + b % 15u;
            unsigned nul = (a >> 2) & 15; /* 12..15: one pointer NULL */
            /* exact sizes, so that ASan sees any read beyond them */
            uint8_t *ki = malloc(ki_len ? ki_len : 1);
            uint8_t kic[16], kid[16], opc[16];
            FUZZ_CHECK(ki != NULL, "malloc");
            material(c, 0x10000u + (uint64_t)step, ki, ki_len);
            material(c, 0x20000u + (uint64_t)step, kic, 16);
            material(c, 0x30000u + (uint64_t)step, kid, 16);
            material(c, 0x40000u + (uint64_t)step, opc, 16);
            {
                const uint8_t *pki = nul == 12 ? NULL : ki;
                const uint8_t *pkic = nul == 13 ? NULL : kic;
                const uint8_t *pkid = nul == 14 ? NULL : kid;
                const uint8_t *popc = nul == 15 ? NULL : opc;
                rc = kl_keylist_rekey(&l, pki, ki_len, pkic, pkid, kvn, popc);
                rrc = ref_kl_rekey(&m, pki, ki_len, pkic, pkid, kvn, popc);
            }
            free(ki);
            break;
        }
        case 2: { /* WIPE */
            uint32_t i = index_arg(byte(&r), l.active);
            rc = kl_keylist_wipe(&l, i);
            rrc = ref_kl_wipe(&m, i);
            if (rc == KL_KEYLIST_OK) /* a no-op under the invariant */
                FUZZ_CHECK(memcmp(&l, &before, sizeof l) == 0,
                           "step %d: wipe of a retired entry changed the list", step);
            break;
        }
        case 3: { /* GET */
            kl_keylist_keys got, want;
            uint32_t gi = 0xA5A5A5A5u, wi = 0;
            memset(&got, 0xA5, sizeof got);
            memset(&want, 0, sizeof want);
            rc = kl_keylist_get_active(&l, (op & 8) ? NULL : &got,
                                    (op & 16) ? NULL : &gi);
            rrc = ref_kl_get_active(&m, (op & 8) ? NULL : &want,
                                    (op & 16) ? NULL : &wi);
            if (rc == KL_KEYLIST_OK) {
                FUZZ_CHECK(memcmp(&got, &want, sizeof got) == 0 && gi == wi,
                           "P5: step %d: get_active != model", step);
                FUZZ_CHECK(fuzz_all_zero(got.ki + got.ki_len, 32 - got.ki_len),
                           "P5: step %d: Ki padding not zero", step);
            } else {
                FUZZ_CHECK(gi == 0xA5A5A5A5u, "P3: step %d: refused get wrote index", step);
            }
            kl_keylist_keys_wipe(&got);
            FUZZ_CHECK(fuzz_all_zero((const uint8_t *)&got, sizeof got),
                       "step %d: kl_keylist_keys_wipe left data", step);
            break;
        }
        case 4: { /* SAVE + LOAD */
            kl_keylist back;
            memset(img2, 0x5A, sizeof img2);
            FUZZ_CHECK(kl_keylist_save(&l, img2, IMG + 1) == KL_KEYLIST_E_SIZE &&
                           kl_keylist_save(&l, img2, IMG - 1) == KL_KEYLIST_E_SIZE,
                       "step %d: save of a wrong size accepted", step);
            for (size_t i = 0; i < sizeof img2; i++)
                FUZZ_CHECK(img2[i] == 0x5A, "P3: step %d: refused save wrote", step);
            rc = kl_keylist_save(&l, img, IMG);
            FUZZ_CHECK(rc == KL_KEYLIST_OK, "step %d: save %d", step, rc);
            ref_kl_image(&m, img2);
            FUZZ_CHECK(memcmp(img, img2, IMG) == 0, "P5: step %d: image != model's", step);
            memset(&back, 0x77, sizeof back);
            FUZZ_CHECK(kl_keylist_load(&back, img, IMG) == KL_KEYLIST_OK,
                       "P5: step %d: own image refused", step);
            FUZZ_CHECK(memcmp(&back, &l, sizeof l) == 0, "P5: step %d: load(save(l)) != l", step);
            rc = rrc = 0;
            break;
        }
        case 5: { /* CORRUPT + LOAD into a copy */
            kl_keylist copy, copy0;
            size_t hi = byte(&r), lo = byte(&r), pos = (hi << 8 | lo) % IMG;
            uint8_t x = byte(&r);
            FUZZ_CHECK(kl_keylist_save(&l, img, IMG) == KL_KEYLIST_OK, "save");
            img[pos] ^= x ? x : 1;
            if (op & 8) {
                uint32_t f = ref_kl_fletcher(img, IMG - 4);
                img[IMG - 4] = (uint8_t)(f >> 24);
                img[IMG - 3] = (uint8_t)(f >> 16);
                img[IMG - 2] = (uint8_t)(f >> 8);
                img[IMG - 1] = (uint8_t)f;
            }
            memcpy(&copy, &l, sizeof l);
            memcpy(&copy0, &l, sizeof l);
            rc = kl_keylist_load(&copy, img, IMG);
            if (rc != KL_KEYLIST_OK) {
                FUZZ_CHECK(memcmp(&copy, &copy0, sizeof copy) == 0,
                           "P5: step %d: refused load (%d) wrote", step, rc);
                FUZZ_CHECK(!(op & 8) || pos >= IMG - 4 || rc == KL_KEYLIST_E_MAGIC ||
                               rc == KL_KEYLIST_E_VERSION || rc == KL_KEYLIST_E_IMAGE,
                           "P5: step %d: checksum refused after it was fixed", step);
            } else {
                FUZZ_CHECK(kl_keylist_check(&copy) == KL_KEYLIST_OK && fuzz_keylist_invariant(&copy),
                           "P5: step %d: accepted image breaks the invariant", step);
                FUZZ_CHECK(kl_keylist_save(&copy, img2, IMG) == KL_KEYLIST_OK &&
                               memcmp(img, img2, IMG) == 0,
                           "P5: step %d: accepted image does not save back", step);
            }
            rc = rrc = 0;
            break;
        }
        case 6: { /* NULLS */
            kl_keylist_keys k;
            uint32_t i;
            uint8_t z[32] = {0};
            FUZZ_CHECK(kl_keylist_check(NULL) == KL_KEYLIST_E_NULL &&
                           kl_keylist_advance(NULL, 1) == KL_KEYLIST_E_NULL &&
                           kl_keylist_wipe(NULL, 0) == KL_KEYLIST_E_NULL &&
                           kl_keylist_rekey(NULL, z, 16, z, z, 1, z) == KL_KEYLIST_E_NULL &&
                           kl_keylist_get_active(NULL, &k, &i) == KL_KEYLIST_E_NULL &&
                           kl_keylist_save(NULL, img, IMG) == KL_KEYLIST_E_NULL &&
                           kl_keylist_save(&l, NULL, IMG) == KL_KEYLIST_E_NULL &&
                           kl_keylist_load(NULL, img, IMG) == KL_KEYLIST_E_NULL &&
                           kl_keylist_load(&l, NULL, IMG) == KL_KEYLIST_E_NULL &&
                           kl_keylist_init(NULL, keys, N) == KL_KEYLIST_E_NULL &&
                           kl_keylist_init(&l, NULL, N) == KL_KEYLIST_E_NULL,
                       "step %d: a NULL argument was not KL_KEYLIST_E_NULL", step);
            kl_keylist_keys_wipe(NULL);
            rc = KL_KEYLIST_E_NULL; /* nothing may have changed */
            rrc = rc;
            break;
        }
        default: { /* 7: REINIT */
            uint8_t c = byte(&r);
            make_keys(pq, c, (uint64_t)step, 1, keys);
            rc = kl_keylist_init(&l, keys, N);
            rrc = ref_kl_init(&m, keys, N);
            progress = 0;
            break;
        }
        }
        FUZZ_CHECK(rc == rrc, "P1: step %d op %u: core %d, model %d", step,
                   (unsigned)(op & 7), rc, rrc);
        if (rc != KL_KEYLIST_OK)
            FUZZ_CHECK(memcmp(&l, &before, sizeof l) == 0,
                       "P3: step %d op %u: refused (%d) but the list changed",
                       step, (unsigned)(op & 7), rc);
        if (progress)
            check_progress(&before, &l, step);
        check_state(&l, &m, step);
    }
    return 0;
}
