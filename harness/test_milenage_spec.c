/* test_milenage_spec.c - the ACSL specification itself (spec/milenage.acsl,
 * executed through its transcription harness/spec_milenage.c) against the
 * TS 35.208 test sets 1-20, and against the independent reference
 * (harness/ref_milenage.c) with operator-chosen constants, bit rotations
 * included.  The proofs show the core equals the spec; this shows the spec
 * is MILENAGE. */
#include "ref_milenage.h"
#include "spec_milenage.h"
#include "testlib.h"
#include "tsv.h"

#include <stdio.h>
#include <string.h>

#define VEC "corpus/vectors/"
#define PARAM_RUNS 300

static tsv table;

static void to_int(int *out, const uint8_t *in, size_t n)
{
    for (size_t j = 0; j < n; j++)
        out[j] = in[j];
}

static void ts35208_sets(void)
{
    CHECK(tsv_load(&table, VEC "milenage_ts35208.tsv") == 0);
    CHECK(table.nrows >= 20);
    for (size_t row = 0; row < table.nrows; row++) {
        uint8_t k[16], rand[16], sqn[6], amf[2], op[16], opc[16];
        uint8_t f1[8], f1s[8], f2[8], f5[6], f3[16], f4[16], f5s[6];
        int K[16], RND[16], S[6], A[2], OP[16], O[16];
        const char *set = tsv_get(&table, row, "set");
        int ok = tsv_bytes(&table, row, "k", k, 16) == 0 &&
                 tsv_bytes(&table, row, "rand", rand, 16) == 0 &&
                 tsv_bytes(&table, row, "sqn", sqn, 6) == 0 &&
                 tsv_bytes(&table, row, "amf", amf, 2) == 0 &&
                 tsv_bytes(&table, row, "op", op, 16) == 0 &&
                 tsv_bytes(&table, row, "opc", opc, 16) == 0 &&
                 tsv_bytes(&table, row, "f1", f1, 8) == 0 &&
                 tsv_bytes(&table, row, "f1star", f1s, 8) == 0 &&
                 tsv_bytes(&table, row, "f2", f2, 8) == 0 &&
                 tsv_bytes(&table, row, "f5", f5, 6) == 0 &&
                 tsv_bytes(&table, row, "f3", f3, 16) == 0 &&
                 tsv_bytes(&table, row, "f4", f4, 16) == 0 &&
                 tsv_bytes(&table, row, "f5star", f5s, 6) == 0;
        CHECKF(ok, "set %s: unreadable row", set ? set : "?");
        if (!ok)
            continue;
        to_int(K, k, 16);
        to_int(RND, rand, 16);
        to_int(S, sqn, 6);
        to_int(A, amf, 2);
        to_int(OP, op, 16);
        /* OPc from the spec's ml_opc, then every function from that OPc
         * with the spec's default constants. */
        for (int i = 0; i < 16; i++) {
            O[i] = ml_opc(K, OP, i);
            CHECKF(O[i] == opc[i], "set %s: OPc byte %d", set, i);
        }
        for (int i = 0; i < 8; i++) {
            CHECKF(ml_f1(K, O, RND, S, A, mls_r[0], mls_c[0], i) == f1[i],
                   "set %s: f1 byte %d", set, i);
            CHECKF(ml_f1star(K, O, RND, S, A, mls_r[0], mls_c[0], i) == f1s[i],
                   "set %s: f1* byte %d", set, i);
            CHECKF(ml_f2(K, O, RND, mls_r[1], mls_c[1], i) == f2[i],
                   "set %s: f2 byte %d", set, i);
        }
        for (int i = 0; i < 16; i++) {
            CHECKF(ml_f3(K, O, RND, mls_r[2], mls_c[2], i) == f3[i],
                   "set %s: f3 byte %d", set, i);
            CHECKF(ml_f4(K, O, RND, mls_r[3], mls_c[3], i) == f4[i],
                   "set %s: f4 byte %d", set, i);
        }
        for (int i = 0; i < 6; i++) {
            CHECKF(ml_f5(K, O, RND, mls_r[1], mls_c[1], i) == f5[i],
                   "set %s: f5 byte %d", set, i);
            CHECKF(ml_f5star(K, O, RND, mls_r[4], mls_c[4], i) == f5s[i],
                   "set %s: f5* byte %d", set, i);
        }
    }
}

/* Operator-chosen r and c, any bit count: the spec's rot (bit level) against
 * the reference's rotation of the 128-bit value. */
static void operator_constants_vs_reference(void)
{
    uint64_t seed = 0x5350454321434f4eULL;
    for (int run = 0; run < PARAM_RUNS; run++) {
        uint8_t k[16], opc[16], rand[16], sqn[6], amf[2];
        int K[16], O[16], RND[16], S[6], A[2], C[5][16], R[5];
        ref_milenage_consts c;
        ref_milenage_out r;
        tl_rand_bytes(&seed, k, 16);
        tl_rand_bytes(&seed, opc, 16);
        tl_rand_bytes(&seed, rand, 16);
        tl_rand_bytes(&seed, sqn, 6);
        tl_rand_bytes(&seed, amf, 2);
        for (int n = 0; n < 5; n++) {
            tl_rand_bytes(&seed, c.c[n], 16);
            c.r[n] = (unsigned)(tl_rand64(&seed) % 128);
            R[n] = (int)c.r[n];
            to_int(C[n], c.c[n], 16);
        }
        to_int(K, k, 16);
        to_int(O, opc, 16);
        to_int(RND, rand, 16);
        to_int(S, sqn, 6);
        to_int(A, amf, 2);
        CHECK(ref_milenage(&c, k, opc, 1, rand, sqn, amf, &r) == 0);
        for (int i = 0; i < 8; i++) {
            CHECKF(ml_f1(K, O, RND, S, A, R[0], C[0], i) == r.f1[i] &&
                   ml_f1star(K, O, RND, S, A, R[0], C[0], i) == r.f1star[i] &&
                   ml_f2(K, O, RND, R[1], C[1], i) == r.f2[i],
                   "run %d: f1/f1*/f2 byte %d (r1 %d, r2 %d)", run, i, R[0], R[1]);
        }
        for (int i = 0; i < 16; i++)
            CHECKF(ml_f3(K, O, RND, R[2], C[2], i) == r.f3[i] &&
                   ml_f4(K, O, RND, R[3], C[3], i) == r.f4[i],
                   "run %d: f3/f4 byte %d (r3 %d, r4 %d)", run, i, R[2], R[3]);
        for (int i = 0; i < 6; i++)
            CHECKF(ml_f5(K, O, RND, R[1], C[1], i) == r.f5[i] &&
                   ml_f5star(K, O, RND, R[4], C[4], i) == r.f5star[i],
                   "run %d: f5/f5* byte %d (r2 %d, r5 %d)", run, i, R[1], R[4]);
    }
}

/* The whole-byte rotation the proofs rely on: for r % 8 == 0, ml_rot is a
 * byte selection (what ml_rot128 proves for its byte path). */
static void rot_whole_bytes(void)
{
    int x[16];
    for (int j = 0; j < 16; j++)
        x[j] = (j * 37 + 11) % 256;
    for (int r = 0; r < 128; r += 8)
        for (int i = 0; i < 16; i++)
            CHECKF(ml_rot(x, r, i) == x[(i + r / 8) % 16], "r %d byte %d", r, i);
}

int main(void)
{
    tl_run("milenage_spec", "ts35208_sets_1_20", ts35208_sets);
    tl_run("milenage_spec", "operator_constants_vs_reference",
           operator_constants_vs_reference);
    tl_run("milenage_spec", "rot_whole_bytes", rot_whole_bytes);
    return tl_finish();
}
