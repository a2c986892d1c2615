/* test_milenage.c - the core's MILENAGE against the independent one on
 * OpenSSL (harness/ref_milenage.c) on random inputs, with default and
 * operator-chosen constants; error handling; c2/c3. */
#include "milenage.h"
#include "ref_milenage.h"
#include "testlib.h"

#include <string.h>

#define DIFF_RUNS 10000
#define PARAM_RUNS 2000

static void compare(const kl_milenage_out *o, const ref_milenage_out *r, int run)
{
    const char *bad = ref_milenage_mismatch(o, r);
    CHECKF(bad == NULL, "run %d: %s", run, bad ? bad : "");
}

static void differential_defaults(void)
{
    uint64_t seed = 0x4d494c454e414745ULL;
    for (int run = 0; run < DIFF_RUNS; run++) {
        uint8_t k[16], op[16], opc[16], rand[16], sqn[6], amf[2];
        uint8_t mac_a[8], mac_s[8], res[8], ck[16], ik[16], ak[6], aks[6];
        uint8_t sres[4], kc[8];
        kl_milenage_out o;
        ref_milenage_out r;
        tl_rand_bytes(&seed, k, 16);
        tl_rand_bytes(&seed, op, 16);
        tl_rand_bytes(&seed, rand, 16);
        tl_rand_bytes(&seed, sqn, 6);
        tl_rand_bytes(&seed, amf, 2);
        CHECK(ref_milenage(NULL, k, op, 0, rand, sqn, amf, &r) == 0);
        CHECK(kl_milenage_opc(k, op, opc) == KL_MILENAGE_OK);
        CHECKF(memcmp(opc, r.opc, 16) == 0, "run %d: OPc", run);
        CHECK(kl_milenage_generate(NULL, k, opc, rand, sqn, amf, &o) == KL_MILENAGE_OK);
        compare(&o, &r, run);
        /* The separate entry points agree with the combined one. */
        CHECK(kl_milenage_f1(NULL, k, opc, rand, sqn, amf, mac_a, mac_s) == KL_MILENAGE_OK);
        CHECK(kl_milenage_f2345(NULL, k, opc, rand, res, ck, ik, ak, aks) == KL_MILENAGE_OK);
        CHECKF(memcmp(mac_a, o.mac_a, 8) == 0 && memcmp(mac_s, o.mac_s, 8) == 0 &&
               memcmp(res, o.res, 8) == 0 && memcmp(ck, o.ck, 16) == 0 &&
               memcmp(ik, o.ik, 16) == 0 && memcmp(ak, o.ak, 6) == 0 &&
               memcmp(aks, o.ak_star, 6) == 0, "run %d: f1/f2345 vs generate", run);
        CHECK(kl_milenage_gsm(NULL, k, opc, rand, sres, kc) == KL_MILENAGE_OK);
        for (int i = 0; i < 4; i++)
            CHECKF(sres[i] == (r.f2[i] ^ r.f2[i + 4]), "run %d: SRES", run);
        for (int i = 0; i < 8; i++)
            CHECKF(kc[i] == (r.f3[i] ^ r.f3[i + 8] ^ r.f4[i] ^ r.f4[i + 8]),
                   "run %d: Kc", run);
    }
}

static void differential_operator_constants(void)
{
    uint64_t seed = 0x4f50455241544f52ULL;
    for (int run = 0; run < PARAM_RUNS; run++) {
        uint8_t k[16], opc[16], rand[16], sqn[6], amf[2];
        kl_milenage_params p;
        ref_milenage_consts c;
        kl_milenage_out o;
        ref_milenage_out r;
        tl_rand_bytes(&seed, k, 16);
        tl_rand_bytes(&seed, opc, 16);
        tl_rand_bytes(&seed, rand, 16);
        tl_rand_bytes(&seed, sqn, 6);
        tl_rand_bytes(&seed, amf, 2);
        tl_rand_bytes(&seed, p.c, sizeof p.c);
        for (int i = 0; i < 5; i++) {
            /* every fourth run whole bytes, otherwise any bit count */
            p.r[i] = (uint32_t)(tl_rand64(&seed) % 128);
            if (run % 4 == 0)
                p.r[i] &= ~7u;
            c.r[i] = p.r[i];
            memcpy(c.c[i], p.c + 16 * i, 16);
        }
        CHECK(ref_milenage(&c, k, opc, 1, rand, sqn, amf, &r) == 0);
        CHECK(kl_milenage_generate(&p, k, opc, rand, sqn, amf, &o) == KL_MILENAGE_OK);
        compare(&o, &r, run);
    }
}

static void default_params_are_ts35206(void)
{
    kl_milenage_params p, q;
    uint8_t k[16] = {9}, opc[16] = {8}, rand[16] = {7}, sqn[6] = {6}, amf[2] = {5};
    kl_milenage_out a, b;
    static const uint32_t r[5] = {64, 0, 32, 64, 96};
    CHECK(kl_milenage_default_params(&p) == KL_MILENAGE_OK);
    for (int i = 0; i < 5; i++) {
        CHECK(p.r[i] == r[i]);
        for (int j = 0; j < 16; j++)
            CHECK(p.c[16 * i + j] == (j == 15 && i > 0 ? 1u << (i - 1) : 0));
    }
    /* explicit defaults == NULL defaults */
    CHECK(kl_milenage_generate(&p, k, opc, rand, sqn, amf, &a) == KL_MILENAGE_OK);
    CHECK(kl_milenage_generate(NULL, k, opc, rand, sqn, amf, &b) == KL_MILENAGE_OK);
    CHECK(memcmp(&a, &b, sizeof a) == 0);
    memcpy(&q, &p, sizeof q);
    CHECK(kl_milenage_default_params(NULL) == KL_MILENAGE_E_NULL);
}

static void errors_leave_outputs(void)
{
    uint8_t k[16] = {1}, opc[16] = {2}, rand[16] = {3}, sqn[6] = {4}, amf[2] = {5};
    uint8_t a[8], s[8], res[8], ck[16], ik[16], ak[6], aks[6], sres[4], kc[8];
    kl_milenage_params p;
    kl_milenage_out o, guard;
    memset(&o, 0xEE, sizeof o);
    memcpy(&guard, &o, sizeof o);
    memset(a, 0xEE, 8);
    CHECK(kl_milenage_generate(NULL, NULL, opc, rand, sqn, amf, &o) == KL_MILENAGE_E_NULL);
    CHECK(kl_milenage_generate(NULL, k, NULL, rand, sqn, amf, &o) == KL_MILENAGE_E_NULL);
    CHECK(kl_milenage_generate(NULL, k, opc, NULL, sqn, amf, &o) == KL_MILENAGE_E_NULL);
    CHECK(kl_milenage_generate(NULL, k, opc, rand, NULL, amf, &o) == KL_MILENAGE_E_NULL);
    CHECK(kl_milenage_generate(NULL, k, opc, rand, sqn, NULL, &o) == KL_MILENAGE_E_NULL);
    CHECK(kl_milenage_generate(NULL, k, opc, rand, sqn, amf, NULL) == KL_MILENAGE_E_NULL);
    CHECK(kl_milenage_default_params(&p) == KL_MILENAGE_OK);
    p.r[3] = 128;
    CHECK(kl_milenage_generate(&p, k, opc, rand, sqn, amf, &o) == KL_MILENAGE_E_PARAM);
    CHECK(memcmp(&o, &guard, sizeof o) == 0);
    p.r[3] = 0xFFFFFFFFu;
    CHECK(kl_milenage_f1(&p, k, opc, rand, sqn, amf, a, s) == KL_MILENAGE_E_PARAM);
    CHECK(a[0] == 0xEE);
    CHECK(kl_milenage_f2345(&p, k, opc, rand, res, ck, ik, ak, aks) == KL_MILENAGE_E_PARAM);
    CHECK(kl_milenage_gsm(&p, k, opc, rand, sres, kc) == KL_MILENAGE_E_PARAM);
    CHECK(kl_milenage_f1(NULL, k, opc, rand, sqn, amf, NULL, s) == KL_MILENAGE_E_NULL);
    CHECK(kl_milenage_f2345(NULL, k, opc, rand, res, ck, ik, NULL, aks) == KL_MILENAGE_E_NULL);
    CHECK(kl_milenage_gsm(NULL, k, opc, rand, NULL, kc) == KL_MILENAGE_E_NULL);
    CHECK(kl_milenage_opc(k, NULL, opc) == KL_MILENAGE_E_NULL);
    CHECK(kl_milenage_c2(NULL, sres) == KL_MILENAGE_E_NULL);
    CHECK(kl_milenage_c3(ck, NULL, kc) == KL_MILENAGE_E_NULL);
}

static void c2_c3_definitions(void)
{
    /* TS 33.102 6.8.1.2 written out on a fixed pattern. */
    uint8_t res[8] = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80};
    uint8_t ck[16], ik[16], sres[4], kc[8];
    static const uint8_t want_sres[4] = {0x11, 0x22, 0x44, 0x88};
    for (int i = 0; i < 16; i++) {
        ck[i] = (uint8_t)i;
        ik[i] = (uint8_t)(0xF0 + i);
    }
    CHECK(kl_milenage_c2(res, sres) == KL_MILENAGE_OK);
    CHECK_BYTES(sres, want_sres, 4, "c2");
    CHECK(kl_milenage_c3(ck, ik, kc) == KL_MILENAGE_OK);
    for (int i = 0; i < 8; i++)
        CHECK(kc[i] == (uint8_t)(i ^ (i + 8) ^ (0xF0 + i) ^ (0xF8 + i)));
}

int main(void)
{
    tl_run("milenage", "differential_defaults_10000", differential_defaults);
    tl_run("milenage", "differential_operator_constants_2000",
           differential_operator_constants);
    tl_run("milenage", "default_params_are_ts35206", default_params_are_ts35206);
    tl_run("milenage", "errors_leave_outputs", errors_leave_outputs);
    tl_run("milenage", "c2_c3_definitions", c2_c3_definitions);
    return tl_finish();
}
