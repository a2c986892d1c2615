/* test_aka.c - core/aka.c (TS 33.102 6.3.3) against the independent
 * MILENAGE (harness/ref_milenage.c, OpenSSL AES) and the independent SQN
 * model (harness/ref_sqn.c): success (RES, CK, IK and the Annex C update),
 * MAC failure (checked before the SQN; nothing changes, nothing written),
 * synchronisation failure (AUTS = (SQN_MS xor AK*) || f1*(SQN_MS, 0000),
 * the state unchanged), the published libosmocore vector (docs/standards.md
 * 4.6) and the argument checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aka.h"
#include "ref_milenage.h"
#include "ref_sqn.h"
#include "testlib.h"

static void put48(uint64_t v, uint8_t b[6])
{
    for (int j = 5; j >= 0; j--, v >>= 8)
        b[j] = (uint8_t)v;
}

/* The network side: AUTN = (SQN xor AK) || AMF || MAC-A, from the reference. */
static void make_autn(const uint8_t k[16], const uint8_t opc[16],
                      const uint8_t rand[16], uint64_t sqn, const uint8_t amf[2],
                      uint8_t autn[16], ref_milenage_out *o)
{
    uint8_t s[6];
    put48(sqn, s);
    if (ref_milenage(NULL, k, opc, 1, rand, s, amf, o) != 0)
        abort();
    for (int j = 0; j < 6; j++)
        autn[j] = s[j] ^ o->f5[j];
    memcpy(autn + 6, amf, 2);
    memcpy(autn + 8, o->f1, 8);
}

/* The AuC's check of an AUTS (docs/standards.md 4.4): SQN_MS recovered
 * with f5*, MAC-S = f1*(SQN_MS, AMF 0000); *ms = SQN_MS; 1 if it verifies. */
static int auts_ok(const uint8_t k[16], const uint8_t opc[16],
                   const uint8_t rand[16], const uint8_t auts[14], uint64_t *ms)
{
    ref_milenage_out o;
    uint8_t s[6], z[2] = {0, 0}, zero6[6] = {0};
    if (ref_milenage(NULL, k, opc, 1, rand, zero6, z, &o) != 0)
        abort();
    *ms = 0;
    for (int j = 0; j < 6; j++) {
        s[j] = auts[j] ^ o.f5star[j];
        *ms = *ms << 8 | s[j];
    }
    if (ref_milenage(NULL, k, opc, 1, rand, s, z, &o) != 0)
        abort();
    return memcmp(o.f1star, auts + 6, 8) == 0;
}

static kl_sqn_cfg cfg5(void)
{
    kl_sqn_cfg c = {KL_SQN_SCHEME_SEQ_IND, 5, KL_SQN_DELTA_DEFAULT,
                    KL_SQN_AGE_DEFAULT};
    return c;
}

static void model_of(ref_sqn *m, const kl_sqn_cfg *c, const kl_sqn_state *st)
{
    ref_sqn_init(m, c->scheme == KL_SQN_SCHEME_PLAIN, c->ind_bits,
                 (uint64_t)c->delta, (uint64_t)c->age, 0);
    m->sqn_ms = (uint64_t)st->hi;
    for (int i = 0; i < 32; i++)
        m->seq_ms[i] = (uint64_t)st->seq[i];
}

static int same_as_model(const kl_sqn_state *st, const ref_sqn *m)
{
    if ((uint64_t)st->hi != m->sqn_ms)
        return 0;
    for (int i = 0; i < 32; i++)
        if ((uint64_t)st->seq[i] != m->seq_ms[i])
            return 0;
    return 1;
}

static void t_published_vector(void)
{
    uint8_t k[16], rand[16] = {0}, autn[16], res[8], ck[16], ik[16], auts[14];
    uint8_t want[14];
    kl_sqn_cfg c = cfg5();
    kl_sqn_state st;
    for (int i = 0; i < 16; i++)
        k[i] = (uint8_t)i;
    tl_hex2bin("ec9320c2c2120000c8b7de2a3449f1bd", autn, 16);
    memset(&st, 0, sizeof st);
    CHECK(kl_aka_run(&c, &st, k, k, rand, autn, res, ck, ik, auts) == KL_AKA_OK);
    tl_hex2bin("e9fc88ccc8a35381", want, 8);
    CHECK_BYTES(res, want, 8, "RES");
    {
        uint8_t wck[16];
        tl_hex2bin("7200a184d8f2c758fbdf87900ddbf275", wck, 16);
        CHECK_BYTES(ck, wck, 16, "CK");
        tl_hex2bin("12cb2dd3e0ec8378f6fc1d606c619f47", wck, 16);
        CHECK_BYTES(ik, wck, 16, "IK");
    }
    CHECK(st.seq[2] == 1 && st.hi == 34);
    /* resynchronisation with SQN_MS = 1f: the replayed SQN 34 is refused */
    memset(&st, 0, sizeof st);
    st.hi = 0x1f;
    st.seq[2] = 1;
    CHECK(kl_aka_run(&c, &st, k, k, rand, autn, res, ck, ik, auts) ==
          KL_AKA_E_SYNC);
    tl_hex2bin("8711a0ec9e1637df17f80b384ee4", want, 14);
    CHECK_BYTES(auts, want, 14, "AUTS");
}

static void t_random(void)
{
    uint64_t rs = 0xa4a4a4a4deadbeefULL;
    unsigned ok = 0, sync = 0, mac = 0;
    for (int n = 0; n < 300; n++) {
        uint8_t k[16], opc[16], rand[16], amf[2], autn[16];
        uint8_t res[8], ck[16], ik[16], auts[14], sentinel[14];
        kl_sqn_cfg c = cfg5();
        kl_sqn_state st, before;
        ref_milenage_out o;
        ref_sqn m;
        uint64_t sqn, ms;
        tl_rand_bytes(&rs, k, 16);
        tl_rand_bytes(&rs, opc, 16);
        tl_rand_bytes(&rs, rand, 16);
        tl_rand_bytes(&rs, amf, 2);
        memset(&st, 0, sizeof st);
        st.hi = (int64_t)(tl_rand64(&rs) % ((uint64_t)1 << 40));
        for (int i = 0; i < 32; i++)
            st.seq[i] = st.hi / 32 - (int64_t)(tl_rand64(&rs) % 3);
        for (int i = 0; i < 32; i++)
            if (st.seq[i] < 0)
                st.seq[i] = 0;
        /* an SQN a little ahead of, or at or below, SQN_MS */
        sqn = (uint64_t)st.hi + (tl_rand64(&rs) % 200) - 100;
        make_autn(k, opc, rand, sqn, amf, autn, &o);
        model_of(&m, &c, &st);
        int want = ref_sqn_verify(&m, sqn) == REF_SQN_ACCEPT ? KL_AKA_OK
                                                              : KL_AKA_E_SYNC;
        before = st;
        memset(auts, 0x5A, 14);
        memcpy(sentinel, auts, 14);
        int rc = kl_aka_run(&c, &st, k, opc, rand, autn, res, ck, ik, auts);
        CHECKF(rc == want, "vector %d: got %d, want %d", n, rc, want);
        CHECK(same_as_model(&st, &m));
        if (rc == KL_AKA_OK) {
            ok++;
            CHECK_BYTES(res, o.f2, 8, "RES");
            CHECK_BYTES(ck, o.f3, 16, "CK");
            CHECK_BYTES(ik, o.f4, 16, "IK");
            CHECK(memcmp(auts, sentinel, 14) == 0);
        } else if (rc == KL_AKA_E_SYNC) {
            sync++;
            CHECK(memcmp(&st, &before, sizeof st) == 0);
            CHECK(auts_ok(k, opc, rand, auts, &ms));
            CHECKF(ms == (uint64_t)before.hi, "AUTS gives SQN_MS %llx, want %llx",
                   (unsigned long long)ms, (unsigned long long)before.hi);
        }
        /* MAC failure: one bit flipped anywhere in AUTN (SQN, AMF or MAC) */
        {
            uint8_t bad[16], r2[8], c2[16], i2[16], a2[14];
            int bit = (int)(tl_rand64(&rs) % 128);
            memcpy(bad, autn, 16);
            bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            memset(r2, 0x11, 8); memset(c2, 0x22, 16);
            memset(i2, 0x33, 16); memset(a2, 0x44, 14);
            before = st;
            rc = kl_aka_run(&c, &st, k, opc, rand, bad, r2, c2, i2, a2);
            CHECKF(rc == KL_AKA_E_MAC, "bit %d flipped: got %d", bit, rc);
            mac += rc == KL_AKA_E_MAC;
            CHECK(memcmp(&st, &before, sizeof st) == 0);
            CHECK(r2[0] == 0x11 && r2[7] == 0x11 && c2[15] == 0x22 &&
                  i2[0] == 0x33 && a2[0] == 0x44 && a2[13] == 0x44);
        }
    }
    CHECKF(ok > 50 && sync > 50 && mac == 300,
           "success %u, sync failure %u, MAC failure %u", ok, sync, mac);
    printf("  300 vectors: success %u, sync failure %u, MAC failure %u\n", ok,
           sync, mac);
}

/* the MAC comes first: a replayed SQN with a wrong MAC is a MAC failure */
static void t_mac_before_sqn(void)
{
    uint8_t k[16] = {1}, opc[16] = {2}, rand[16] = {3}, amf[2] = {0x80, 0},
            autn[16], res[8], ck[16], ik[16], auts[14];
    kl_sqn_cfg c = cfg5();
    kl_sqn_state st;
    ref_milenage_out o;
    memset(&st, 0, sizeof st);
    make_autn(k, opc, rand, 64 + 1, amf, autn, &o);
    CHECK(kl_aka_run(&c, &st, k, opc, rand, autn, res, ck, ik, auts) == KL_AKA_OK);
    CHECK(kl_aka_run(&c, &st, k, opc, rand, autn, res, ck, ik, auts) ==
          KL_AKA_E_SYNC);
    autn[15] ^= 1;
    CHECK(kl_aka_run(&c, &st, k, opc, rand, autn, res, ck, ik, auts) ==
          KL_AKA_E_MAC);
}

static void t_args(void)
{
    uint8_t b[16] = {0}, res[8], ck[16], ik[16], auts[14];
    kl_sqn_cfg c = cfg5(), bad = cfg5();
    kl_sqn_state st;
    memset(&st, 0, sizeof st);
    CHECK(kl_aka_run(NULL, &st, b, b, b, b, res, ck, ik, auts) == KL_AKA_E_NULL);
    CHECK(kl_aka_run(&c, NULL, b, b, b, b, res, ck, ik, auts) == KL_AKA_E_NULL);
    CHECK(kl_aka_run(&c, &st, NULL, b, b, b, res, ck, ik, auts) == KL_AKA_E_NULL);
    CHECK(kl_aka_run(&c, &st, b, b, b, NULL, res, ck, ik, auts) == KL_AKA_E_NULL);
    CHECK(kl_aka_run(&c, &st, b, b, b, b, res, ck, ik, NULL) == KL_AKA_E_NULL);
    bad.ind_bits = 9;
    CHECK(kl_aka_run(&bad, &st, b, b, b, b, res, ck, ik, auts) == KL_AKA_E_PARAM);
    st.seq[4] = -1;
    CHECK(kl_aka_run(&c, &st, b, b, b, b, res, ck, ik, auts) == KL_AKA_E_PARAM);
}

int main(void)
{
    tl_run("aka", "published_vector", t_published_vector);
    tl_run("aka", "random_vs_reference", t_random);
    tl_run("aka", "mac_before_sqn", t_mac_before_sqn);
    tl_run("aka", "arguments", t_args);
    return tl_finish();
}
