/* test_txn.c - the transaction layer (core/txn.c): format, open, read and
 * commit; every refusal leaves the whole struct as it was; corruption of
 * any header field or payload byte of the current slot falls back to the
 * previous state; a power cut (dropped or torn write) at every write of a
 * commit leaves the old or the new payload, never a mix. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"
#include "txn.h"

static kl_txn t, copy;
static uint8_t pa[KL_TXN_PAYLOAD_MAX], pb[KL_TXN_PAYLOAD_MAX],
    out[KL_TXN_PAYLOAD_MAX + 1];

static int payload_is(const kl_txn *x, const uint8_t *p, size_t n)
{
    size_t got = 0;
    memset(out, 0xAA, sizeof out);
    return kl_txn_read(x, out, sizeof out, &got) == KL_TXN_OK && got == n &&
           memcmp(out, p, n) == 0;
}

static void fill(uint8_t *p, size_t n, uint64_t seed)
{
    tl_rand_bytes(&seed, p, n);
}

static void t_nulls(void)
{
    size_t n;
    memset(&t, 0x5A, sizeof t);
    copy = t;
    CHECK(kl_txn_format(NULL, pa, 1) == KL_TXN_E_NULL);
    CHECK(kl_txn_format(&t, NULL, 1) == KL_TXN_E_NULL);
    CHECK(kl_txn_open(NULL) == KL_TXN_E_NULL);
    CHECK(kl_txn_read(NULL, out, 1, &n) == KL_TXN_E_NULL);
    CHECK(kl_txn_read(&t, NULL, 1, &n) == KL_TXN_E_NULL);
    CHECK(kl_txn_read(&t, out, 1, NULL) == KL_TXN_E_NULL);
    CHECK(kl_txn_commit(NULL, pa, 1) == KL_TXN_E_NULL);
    CHECK(kl_txn_commit(&t, NULL, 1) == KL_TXN_E_NULL);
    kl_txn_arm(NULL, 1, 1);
    CHECK(memcmp(&t, &copy, sizeof t) == 0);
    CHECK(kl_txn_format(&t, pa, KL_TXN_PAYLOAD_MAX + 1) == KL_TXN_E_SIZE);
    CHECK(memcmp(&t, &copy, sizeof t) == 0);
}

static void t_round_trip(void)
{
    size_t sizes[] = {0, 1, 63, 64, 65, 1000, KL_TXN_PAYLOAD_MAX};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        size_t n = sizes[s];
        fill(pa, n, 100 + s);
        fill(pb, n, 200 + s);
        CHECK(kl_txn_format(&t, pa, n) == KL_TXN_OK);
        CHECK(t.open == 1 && t.slot == 0 && t.seq == 1 && t.len == n);
        CHECK(payload_is(&t, pa, n));
        CHECK(kl_txn_open(&t) == KL_TXN_OK && t.slot == 0 && t.seq == 1);
        CHECK(payload_is(&t, pa, n));
        kl_txn_arm(&t, 0, 0);
        CHECK(kl_txn_commit(&t, pb, n) == KL_TXN_OK);
        /* zero header, ceil(n / 64) payload writes, header */
        CHECKF(t.writes == 2 + (n + KL_TXN_UNIT - 1) / KL_TXN_UNIT,
               "%u writes for %zu bytes", t.writes, n);
        CHECK(t.slot == 1 && t.seq == 2 && payload_is(&t, pb, n));
        CHECK(kl_txn_open(&t) == KL_TXN_OK && t.slot == 1 && t.seq == 2);
        CHECK(payload_is(&t, pb, n));
        CHECK(kl_txn_commit(&t, pa, n) == KL_TXN_OK);
        CHECK(t.slot == 0 && t.seq == 3);
        CHECK(kl_txn_open(&t) == KL_TXN_OK && payload_is(&t, pa, n));
    }
    /* lengths may change between commits */
    CHECK(kl_txn_format(&t, pa, 10) == KL_TXN_OK);
    CHECK(kl_txn_commit(&t, pb, 700) == KL_TXN_OK);
    CHECK(kl_txn_commit(&t, pa, 3) == KL_TXN_OK);
    CHECK(kl_txn_open(&t) == KL_TXN_OK && payload_is(&t, pa, 3));
}

static void t_refusals(void)
{
    size_t n;
    fill(pa, 100, 1);
    CHECK(kl_txn_format(&t, pa, 100) == KL_TXN_OK);
    copy = t;
    CHECK(kl_txn_commit(&t, pa, KL_TXN_PAYLOAD_MAX + 1) == KL_TXN_E_SIZE);
    CHECK(memcmp(&t, &copy, sizeof t) == 0);
    CHECK(kl_txn_read(&t, out, 99, &n) == KL_TXN_E_CAPACITY);
    t.seq = KL_TXN_SEQ_MAX;
    copy = t;
    CHECK(kl_txn_commit(&t, pa, 1) == KL_TXN_E_SEQ);
    CHECK(memcmp(&t, &copy, sizeof t) == 0);
    t.open = 0;
    copy = t;
    CHECK(kl_txn_commit(&t, pa, 1) == KL_TXN_E_STATE);
    CHECK(kl_txn_read(&t, out, sizeof out, &n) == KL_TXN_E_STATE);
    CHECK(memcmp(&t, &copy, sizeof t) == 0);
    /* an erased store: nothing to open, nothing to commit */
    memset(t.mem, 0, sizeof t.mem);
    CHECK(kl_txn_open(&t) == KL_TXN_E_EMPTY && t.open == 0);
    CHECK(kl_txn_commit(&t, pa, 1) == KL_TXN_E_STATE);
    memset(t.mem, 0xFF, sizeof t.mem);
    CHECK(kl_txn_open(&t) == KL_TXN_E_EMPTY);
    /* two slots with one number */
    CHECK(kl_txn_format(&t, pa, 100) == KL_TXN_OK);
    memcpy(t.mem + KL_TXN_SLOT_BYTES, t.mem, KL_TXN_SLOT_BYTES);
    CHECK(kl_txn_open(&t) == KL_TXN_E_CORRUPT && t.open == 0);
}

/* Any damaged byte of the current slot (header or payload) makes open
 * fall back to the other slot's older state. */
static void t_corruption(void)
{
    const size_t n = 150;
    fill(pa, n, 11);
    fill(pb, n, 12);
    CHECK(kl_txn_format(&t, pa, n) == KL_TXN_OK);
    CHECK(kl_txn_commit(&t, pb, n) == KL_TXN_OK); /* slot 1, seq 2 */
    copy = t;
    unsigned fallback = 0;
    for (size_t k = 0; k < KL_TXN_HDR_BYTES + n; k++) {
        for (int bit = 0; bit < 8; bit += 3) {
            t = copy;
            t.mem[KL_TXN_SLOT_BYTES + k] ^= (uint8_t)(1u << bit);
            fallback += kl_txn_open(&t) == KL_TXN_OK && t.slot == 0 &&
                        t.seq == 1 && payload_is(&t, pa, n);
        }
    }
    CHECKF(fallback == 3 * (KL_TXN_HDR_BYTES + n),
           "%u of %zu damaged slots fell back", fallback,
           3 * (KL_TXN_HDR_BYTES + n));
    /* bytes past the payload length do not matter */
    t = copy;
    t.mem[KL_TXN_SLOT_BYTES + KL_TXN_HDR_BYTES + n] ^= 1;
    CHECK(kl_txn_open(&t) == KL_TXN_OK && t.slot == 1 && payload_is(&t, pb, n));
}

static void t_power_cut(void)
{
    size_t sizes[] = {1, 64, 200, 5000};
    unsigned runs = 0;
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        size_t n = sizes[s];
        uint32_t writes;
        fill(pa, n, 300 + s);
        fill(pb, n, 400 + s);
        CHECK(kl_txn_format(&t, pa, n) == KL_TXN_OK);
        CHECK(kl_txn_commit(&t, pb, n) == KL_TXN_OK);
        CHECK(kl_txn_commit(&t, pa, n) == KL_TXN_OK); /* slot 0, old: pa */
        copy = t;
        kl_txn_arm(&t, 0, 0);
        CHECK(kl_txn_commit(&t, pb, n) == KL_TXN_OK);
        writes = t.writes;
        for (uint32_t torn = 0; torn <= 1; torn++) {
            for (uint32_t cut = 1; cut <= writes + 1; cut++) {
                int rc;
                t = copy;
                kl_txn_arm(&t, cut, torn);
                rc = kl_txn_commit(&t, pb, n);
                if (cut <= writes) {
                    CHECK(rc == KL_TXN_E_POWER && t.dead == 1);
                    /* the layer's view did not move */
                    CHECK(t.slot == 0 && t.seq == 3);
                    CHECK(kl_txn_commit(&t, pb, n) == KL_TXN_E_POWER);
                } else {
                    CHECK(rc == KL_TXN_OK);
                }
                CHECK(kl_txn_open(&t) == KL_TXN_OK);
                if (cut <= writes)
                    CHECKF(t.seq == 3 && payload_is(&t, pa, n),
                           "size %zu cut %u torn %u: not the old state", n,
                           cut, torn);
                else
                    CHECK(t.seq == 4 && payload_is(&t, pb, n));
                /* and the layer commits again after the restart */
                CHECK(kl_txn_commit(&t, pb, n) == KL_TXN_OK);
                CHECK(kl_txn_open(&t) == KL_TXN_OK && payload_is(&t, pb, n));
                runs++;
            }
        }
    }
    CHECK(runs > 100);
}

int main(void)
{
    tl_run("txn", "nulls", t_nulls);
    tl_run("txn", "round_trip", t_round_trip);
    tl_run("txn", "refusals", t_refusals);
    tl_run("txn", "corruption", t_corruption);
    tl_run("txn", "power_cut", t_power_cut);
    return tl_finish();
}
