/* fuzz_milenage.c - fuzz target: the core's MILENAGE (every entry point)
 * against the independent one on OpenSSL (harness/ref_milenage.c).
 *
 * Input layout (missing bytes read as zero, extra bytes are ignored):
 *   0      flags: b0 OP field is OPc already; b1 operator parameters
 *          follow; b3 b2 number of vectors - 1 (1..4)
 *   1      K (16)
 *   17     OP or OPc (16)
 *   33     AMF (2)
 *   35     if b1: r1..r5 (5 bytes, see rot() below) then c1..c5 (80 bytes)
 *   then   per vector v = 0 .. n-1: RAND (16) || SQN (6)
 * The seeds in corpus/milenage/ are TS 35.207/35.208 test sets in this
 * layout (written by harness/fuzz_seeds.c).
 *
 * Properties (abort() with a message on stderr when one fails):
 *   P1  kl_milenage_opc equals the reference OPc.
 *   P2  kl_milenage_generate equals ref_milenage on all seven outputs, with
 *       the default constants (NULL) and with operator constants.
 *   P3  kl_milenage_default_params gives the same outputs as NULL.
 *   P4  the n vectors of one input are n independent single calls, each
 *       checked by P2 (one key, several RANDs and SQNs, as an AuC does).
 *   P5  f1, f2345 and gsm equal the matching fields of generate; SRES and
 *       Kc are c2/c3 of the reference RES/CK/IK.
 *   P6  a rotation >= 128 makes every entry point return KL_MILENAGE_E_PARAM
 *       and write nothing.
 *   P7  kl_milenage_c2/c3 are the TS 33.102 6.8.1.2 conversions of the
 *       reference outputs; a NULL in any pointer argument of any entry
 *       point is KL_MILENAGE_E_NULL and writes nothing.
 */
#include "milenage.h"
#include "ref_milenage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_milenage"
#include "fuzz_check.h"

#define SENTINEL 0x5Au
#define NB 4u /* vectors per input */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A cursor over the input that reads zeros past its end. */
typedef struct rd {
    const uint8_t *p;
    size_t n, at;
} rd;

static void take(rd *r, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++, r->at++)
        out[i] = r->at < r->n ? r->p[r->at] : 0;
}

/* A rotation byte: 0..251 as is (so 128..251 are invalid), and four
 * further invalid values that probe the uint32_t range. */
static uint32_t rot(uint8_t b)
{
    switch (b) {
    case 0xFC: return 128u;
    case 0xFD: return 256u; /* 0 mod 128: must not be taken as 0 */
    case 0xFE: return 0x80000000u;
    case 0xFF: return 0xFFFFFFFFu;
    default: return b;
    }
}

static void same_out(const kl_milenage_out *a, const kl_milenage_out *b,
                     const char *what)
{
    FUZZ_CHECK(memcmp(a, b, sizeof *a) == 0, "%s: outputs differ", what);
}

static void cmp_ref(const kl_milenage_out *o, const ref_milenage_out *r,
                    const char *what)
{
    const char *bad = ref_milenage_mismatch(o, r);
    FUZZ_CHECK(bad == NULL, "%s: %s", what, bad ? bad : "");
}

/* P6: every entry point refuses invalid constants and writes nothing. */
static void check_refused(const kl_milenage_params *p, const uint8_t *k,
                          const uint8_t *opc, size_t n, const uint8_t *rand,
                          const uint8_t *sqn, const uint8_t *amf)
{
    kl_milenage_out o[NB], o0[NB];
    uint8_t buf[8 + 8 + 8 + 16 + 16 + 6 + 6 + 4 + 8], buf0[sizeof buf];
    uint8_t *mac_a = buf, *mac_s = buf + 8, *res = buf + 16, *ck = buf + 24,
            *ik = buf + 40, *ak = buf + 56, *aks = buf + 62, *sres = buf + 68,
            *kc = buf + 72;

    memset(o, SENTINEL, sizeof o);
    memcpy(o0, o, sizeof o);
    memset(buf, SENTINEL, sizeof buf);
    memcpy(buf0, buf, sizeof buf);
    FUZZ_CHECK(kl_milenage_generate(p, k, opc, rand, sqn, amf, o) ==
                   KL_MILENAGE_E_PARAM, "P6: generate accepted r >= 128");
    (void)n;
    FUZZ_CHECK(kl_milenage_f1(p, k, opc, rand, sqn, amf, mac_a, mac_s) ==
                   KL_MILENAGE_E_PARAM, "P6: f1 accepted r >= 128");
    FUZZ_CHECK(kl_milenage_f2345(p, k, opc, rand, res, ck, ik, ak, aks) ==
                   KL_MILENAGE_E_PARAM, "P6: f2345 accepted r >= 128");
    FUZZ_CHECK(kl_milenage_gsm(p, k, opc, rand, sres, kc) == KL_MILENAGE_E_PARAM,
               "P6: gsm accepted r >= 128");
    FUZZ_CHECK(memcmp(o, o0, sizeof o) == 0, "P6: refused call wrote *out");
    FUZZ_CHECK(memcmp(buf, buf0, sizeof buf) == 0,
               "P6: refused call wrote an output");
}

/* P7: each pointer argument NULL in turn (p stays as given: NULL there
 * means the defaults). */
static void check_nulls(const kl_milenage_params *p, const uint8_t *k,
                        const uint8_t *opc, const uint8_t *rand,
                        const uint8_t *sqn, const uint8_t *amf)
{
    uint8_t buf[256], buf0[sizeof buf];
    kl_milenage_out *o = (kl_milenage_out *)(void *)buf;
    uint8_t *w = buf + sizeof(kl_milenage_out); /* scratch outputs */
    memset(buf, SENTINEL, sizeof buf);
    memcpy(buf0, buf, sizeof buf);
    for (int i = 0; i < 9; i++) {
#define A(j, v) (i == (j) ? NULL : (v))
        if (i < 6)
            FUZZ_CHECK(kl_milenage_generate(p, A(0, k), A(1, opc), A(2, rand),
                                            A(3, sqn), A(4, amf), A(5, o)) ==
                           KL_MILENAGE_E_NULL, "P7: generate, argument %d NULL", i);
        if (i < 7)
            FUZZ_CHECK(kl_milenage_f1(p, A(0, k), A(1, opc), A(2, rand), A(3, sqn),
                                      A(4, amf), A(5, w), A(6, w + 8)) ==
                           KL_MILENAGE_E_NULL, "P7: f1, argument %d NULL", i);
        if (i < 8)
            FUZZ_CHECK(kl_milenage_f2345(p, A(0, k), A(1, opc), A(2, rand), A(3, w),
                                         A(4, w + 8), A(5, w + 24), A(6, w + 40),
                                         A(7, w + 46)) == KL_MILENAGE_E_NULL,
                       "P7: f2345, argument %d NULL", i);
        if (i < 5)
            FUZZ_CHECK(kl_milenage_gsm(p, A(0, k), A(1, opc), A(2, rand), A(3, w),
                                       A(4, w + 4)) == KL_MILENAGE_E_NULL,
                       "P7: gsm, argument %d NULL", i);
        if (i < 3)
            FUZZ_CHECK(kl_milenage_opc(A(0, k), A(1, opc), A(2, w)) == KL_MILENAGE_E_NULL &&
                           kl_milenage_c3(A(0, k), A(1, opc), A(2, w)) == KL_MILENAGE_E_NULL,
                       "P7: opc/c3, argument %d NULL", i);
        if (i < 2)
            FUZZ_CHECK(kl_milenage_c2(A(0, k), A(1, w)) == KL_MILENAGE_E_NULL,
                       "P7: c2, argument %d NULL", i);
#undef A
    }
    FUZZ_CHECK(kl_milenage_default_params(NULL) == KL_MILENAGE_E_NULL,
               "P7: default_params(NULL)");
    FUZZ_CHECK(memcmp(buf, buf0, sizeof buf) == 0, "P7: a NULL call wrote an output");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rd r = {data, size, 0};
    uint8_t flags, k[16], op[16], opc[16], amf[2], rb[5];
    uint8_t rand[NB * 16], sqn[NB * 6];
    kl_milenage_params prm, dflt;
    ref_milenage_consts cs;
    const kl_milenage_params *p = NULL;
    const ref_milenage_consts *c = NULL;
    int op_is_opc, valid = 1;
    size_t n, v;

    take(&r, &flags, 1);
    op_is_opc = flags & 1;
    n = (size_t)((flags >> 2) & 3) + 1;
    take(&r, k, 16);
    take(&r, op, 16);
    take(&r, amf, 2);
    if (flags & 2) {
        take(&r, rb, 5);
        take(&r, prm.c, sizeof prm.c);
        for (int i = 0; i < 5; i++) {
            prm.r[i] = rot(rb[i]);
            valid &= prm.r[i] < KL_MILENAGE_ROT_LIMIT;
            cs.r[i] = (unsigned)prm.r[i];
            memcpy(cs.c[i], prm.c + 16 * i, 16);
        }
        p = &prm;
        c = &cs;
    }
    for (v = 0; v < n; v++) {
        take(&r, rand + 16 * v, 16);
        take(&r, sqn + 6 * v, 6);
    }

    /* P1 */
    if (op_is_opc) {
        memcpy(opc, op, 16);
    } else {
        ref_milenage_out ro;
        FUZZ_CHECK(ref_milenage(NULL, k, op, 0, rand, sqn, amf, &ro) == 0,
                   "reference failed");
        FUZZ_CHECK(kl_milenage_opc(k, op, opc) == KL_MILENAGE_OK, "opc");
        FUZZ_CHECK(memcmp(opc, ro.opc, 16) == 0, "P1: OPc differs");
    }

    check_nulls(p, k, opc, rand, sqn, amf);
    if (!valid) {
        check_refused(p, k, opc, n, rand, sqn, amf);
        return 0;
    }

    kl_milenage_out single[NB];
    for (v = 0; v < n; v++) {
        ref_milenage_out ro;
        uint8_t mac_a[8], mac_s[8], res[8], ck[16], ik[16], ak[6], aks[6];
        uint8_t sres[4], kc[8];
        const uint8_t *rv = rand + 16 * v, *sv = sqn + 6 * v;

        /* P2: the reference takes OP (not OPc) when the input gave OP,
         * so OPc derivation is cross-checked inside every vector too. */
        FUZZ_CHECK(ref_milenage(c, k, op, op_is_opc, rv, sv, amf, &ro) == 0,
                   "reference failed");
        FUZZ_CHECK(kl_milenage_generate(p, k, opc, rv, sv, amf, &single[v]) ==
                       KL_MILENAGE_OK, "generate refused valid input");
        cmp_ref(&single[v], &ro, "P2 generate");

        /* P3 */
        if (p == NULL) {
            kl_milenage_out od;
            FUZZ_CHECK(kl_milenage_default_params(&dflt) == KL_MILENAGE_OK,
                       "default_params");
            FUZZ_CHECK(kl_milenage_generate(&dflt, k, opc, rv, sv, amf, &od) ==
                           KL_MILENAGE_OK, "generate(defaults)");
            same_out(&od, &single[v], "P3 default params vs NULL");
        }

        /* P5 */
        FUZZ_CHECK(kl_milenage_f1(p, k, opc, rv, sv, amf, mac_a, mac_s) ==
                       KL_MILENAGE_OK, "f1");
        FUZZ_CHECK(memcmp(mac_a, single[v].mac_a, 8) == 0 &&
                       memcmp(mac_s, single[v].mac_s, 8) == 0,
                   "P5: f1 vs generate");
        FUZZ_CHECK(kl_milenage_f2345(p, k, opc, rv, res, ck, ik, ak, aks) ==
                       KL_MILENAGE_OK, "f2345");
        FUZZ_CHECK(memcmp(res, single[v].res, 8) == 0 &&
                       memcmp(ck, single[v].ck, 16) == 0 &&
                       memcmp(ik, single[v].ik, 16) == 0 &&
                       memcmp(ak, single[v].ak, 6) == 0 &&
                       memcmp(aks, single[v].ak_star, 6) == 0,
                   "P5: f2345 vs generate");
        FUZZ_CHECK(kl_milenage_gsm(p, k, opc, rv, sres, kc) == KL_MILENAGE_OK, "gsm");
        for (int i = 0; i < 4; i++)
            FUZZ_CHECK(sres[i] == (uint8_t)(ro.f2[i] ^ ro.f2[i + 4]),
                       "P5: SRES byte %d", i);
        for (int i = 0; i < 8; i++)
            FUZZ_CHECK(kc[i] == (uint8_t)(ro.f3[i] ^ ro.f3[i + 8] ^ ro.f4[i] ^
                                          ro.f4[i + 8]),
                       "P5: Kc byte %d", i);
        /* P7: the conversions alone */
        memset(sres, 0, sizeof sres);
        memset(kc, 0, sizeof kc);
        FUZZ_CHECK(kl_milenage_c2(ro.f2, sres) == KL_MILENAGE_OK &&
                       kl_milenage_c3(ro.f3, ro.f4, kc) == KL_MILENAGE_OK, "c2/c3");
        for (int i = 0; i < 4; i++)
            FUZZ_CHECK(sres[i] == (uint8_t)(ro.f2[i] ^ ro.f2[i + 4]), "P7: c2 byte %d", i);
        for (int i = 0; i < 8; i++)
            FUZZ_CHECK(kc[i] == (uint8_t)(ro.f3[i] ^ ro.f3[i + 8] ^ ro.f4[i] ^
                                          ro.f4[i + 8]),
                       "P7: c3 byte %d", i);
    }

    return 0;
}
