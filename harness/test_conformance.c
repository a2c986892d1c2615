/* test_conformance.c - the core against the 3GPP and NIST test data in
 * corpus/vectors/ (the tables, their specs and columns: corpus/vectors/README.md):
 *   TS 35.208 4.3 kernel (Rijndael) sets 1-20, FIPS-197 Appendix C.1
 *   TS 35.208 4.3 MILENAGE sets 1-20, every output, from OP and from OPc
 *   TS 35.207 sets 1-6, every output and TEMP
 *   TS 55.205 GSM-MILENAGE sets 1-19 (SRES by c2, SRES = RES[0..31], Kc)
 * One test case per table; a mismatch names the table, the set and the
 * output.  With KILIST_CONFORMANCE_REPORT=FILE a Markdown table is written. */
#include "aes128.h"
#include "milenage.h"
#include "testlib.h"
#include "tsv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VEC "corpus/vectors/"
#define ERRLEN 4096

static FILE *report;
static tsv table; /* large: static */

static void report_row(const char *suite, const char *set, int outputs,
                       int bad, const char *err)
{
    if (report != NULL)
        fprintf(report, "| %s | %s | %d | %s |\n", suite, set, outputs,
                bad ? err : "pass");
}

/* Compares n bytes with the table's column; appends a named mismatch. */
static int cmp(const tsv *t, size_t row, const char *suite, const char *col,
               const uint8_t *got, size_t n, char *err, size_t errlen)
{
    uint8_t want[64];
    char g[129], w[129];
    size_t used = strlen(err);
    if (tsv_bytes(t, row, col, want, n) != 0) {
        snprintf(err + used, errlen - used, "%s set %s: column %s unreadable; ",
                 suite, tsv_get(t, row, "set"), col);
        return 1;
    }
    if (memcmp(got, want, n) == 0)
        return 0;
    tl_bin2hex(got, n, g);
    tl_bin2hex(want, n, w);
    snprintf(err + used, errlen - used, "%s set %s: %s is %s, expected %s; ",
             suite, tsv_get(t, row, "set"), col, g, w);
    return 1;
}

/* The seven outputs of kl_milenage_generate against the row. */
static int cmp_outputs(const tsv *t, size_t row, const char *suite,
                       const kl_milenage_out *o, char *err, size_t errlen)
{
    return cmp(t, row, suite, "f1", o->mac_a, 8, err, errlen) +
           cmp(t, row, suite, "f1star", o->mac_s, 8, err, errlen) +
           cmp(t, row, suite, "f2", o->res, 8, err, errlen) +
           cmp(t, row, suite, "f3", o->ck, 16, err, errlen) +
           cmp(t, row, suite, "f4", o->ik, 16, err, errlen) +
           cmp(t, row, suite, "f5", o->ak, 6, err, errlen) +
           cmp(t, row, suite, "f5star", o->ak_star, 6, err, errlen);
}

/* One MILENAGE row: from OPc, and from OP when the table has it; returns
 * the number of mismatching outputs, named in err. */
static int check_milenage_row(const tsv *t, size_t row, const char *suite,
                              int *outputs, char *err, size_t errlen)
{
    uint8_t k[16], op[16], opc[16], rand[16], sqn[6], amf[2], x[16], temp[16];
    uint8_t mac_a[8], mac_s[8], res[8], ck[16], ik[16], ak[6], aks[6];
    kl_milenage_out o;
    int bad = 0, n = 0;
    err[0] = '\0';
    if (tsv_bytes(t, row, "k", k, 16) || tsv_bytes(t, row, "rand", rand, 16) ||
        tsv_bytes(t, row, "sqn", sqn, 6) || tsv_bytes(t, row, "amf", amf, 2) ||
        tsv_bytes(t, row, "opc", opc, 16)) {
        snprintf(err, errlen, "%s set %s: unreadable inputs", suite,
                 tsv_get(t, row, "set"));
        return 1;
    }
    if (tsv_get(t, row, "op") != NULL) {
        uint8_t derived[16];
        if (tsv_bytes(t, row, "op", op, 16) != 0 ||
            kl_milenage_opc(k, op, derived) != KL_MILENAGE_OK)
            bad++;
        bad += cmp(t, row, suite, "opc", derived, 16, err, errlen);
        n++;
        /* From OP: the outputs again, with the OPc derived here. */
        if (kl_milenage_generate(NULL, k, derived, rand, sqn, amf, &o) != KL_MILENAGE_OK)
            bad++;
        bad += cmp_outputs(t, row, suite, &o, err, errlen);
        n += 7;
    }
    /* From OPc, through each entry point. */
    if (kl_milenage_generate(NULL, k, opc, rand, sqn, amf, &o) != KL_MILENAGE_OK ||
        kl_milenage_f1(NULL, k, opc, rand, sqn, amf, mac_a, mac_s) != KL_MILENAGE_OK ||
        kl_milenage_f2345(NULL, k, opc, rand, res, ck, ik, ak, aks) != KL_MILENAGE_OK)
        bad++;
    bad += cmp_outputs(t, row, suite, &o, err, errlen);
    bad += cmp(t, row, suite, "f1", mac_a, 8, err, errlen);
    bad += cmp(t, row, suite, "f1star", mac_s, 8, err, errlen);
    bad += cmp(t, row, suite, "f2", res, 8, err, errlen);
    bad += cmp(t, row, suite, "f3", ck, 16, err, errlen);
    bad += cmp(t, row, suite, "f4", ik, 16, err, errlen);
    bad += cmp(t, row, suite, "f5", ak, 6, err, errlen);
    bad += cmp(t, row, suite, "f5star", aks, 6, err, errlen);
    n += 14;
    if (tsv_get(t, row, "temp") != NULL) {
        /* TEMP = E_K(RAND xor OPc), TS 35.206 4.1 */
        for (int i = 0; i < 16; i++)
            x[i] = (uint8_t)(rand[i] ^ opc[i]);
        if (kl_aes128_encrypt(k, x, temp) != KL_AES128_OK)
            bad++;
        bad += cmp(t, row, suite, "temp", temp, 16, err, errlen);
        n++;
    }
    *outputs = n;
    return bad;
}

static void run_milenage_table(const char *path, const char *suite,
                               size_t want_rows)
{
    char err[ERRLEN];
    CHECK(tsv_load(&table, path) == 0);
    CHECKF(table.nrows == want_rows, "%s: %zu sets, expected %zu", suite,
           table.nrows, want_rows);
    for (size_t r = 0; r < table.nrows; r++) {
        int outputs = 0, bad = check_milenage_row(&table, r, suite, &outputs, err,
                                                  sizeof err);
        CHECKF(bad == 0, "%s", err);
        report_row(suite, tsv_get(&table, r, "set"), outputs, bad, err);
    }
}

static void ts35208_milenage(void)
{
    run_milenage_table(VEC "milenage_ts35208.tsv", "TS 35.208", 20);
}

static void ts35207_milenage(void)
{
    run_milenage_table(VEC "milenage_ts35207.tsv", "TS 35.207", 6);
}

static void ts35208_rijndael(void)
{
    char err[ERRLEN];
    CHECK(tsv_load(&table, VEC "rijndael_ts35208.tsv") == 0);
    CHECK(table.nrows == 20);
    for (size_t r = 0; r < table.nrows; r++) {
        uint8_t key[16], pt[16], ct[16];
        int bad;
        err[0] = '\0';
        CHECK(tsv_bytes(&table, r, "key", key, 16) == 0);
        CHECK(tsv_bytes(&table, r, "plaintext", pt, 16) == 0);
        CHECK(kl_aes128_encrypt(key, pt, ct) == KL_AES128_OK);
        bad = cmp(&table, r, "TS 35.208 kernel", "ciphertext", ct, 16, err,
                  sizeof err);
        CHECKF(bad == 0, "%s", err);
        report_row("TS 35.208 kernel (AES)", tsv_get(&table, r, "set"), 1, bad, err);
    }
}

static void fips197(void)
{
    /* FIPS-197 Appendix C.1, AES-128. */
    uint8_t key[16], pt[16], want[16], ct[16];
    int bad;
    CHECK(tl_hex2bin("000102030405060708090a0b0c0d0e0f", key, 16) == 0);
    CHECK(tl_hex2bin("00112233445566778899aabbccddeeff", pt, 16) == 0);
    CHECK(tl_hex2bin("69c4e0d86a7b0430d8cdb78070b4c55a", want, 16) == 0);
    CHECK(kl_aes128_encrypt(key, pt, ct) == KL_AES128_OK);
    bad = memcmp(ct, want, 16) != 0;
    CHECKF(!bad, "FIPS-197 C.1: ciphertext mismatch");
    report_row("FIPS-197", "C.1", 1, bad, "ciphertext mismatch");
}

static void ts55205_gsm(void)
{
    char err[ERRLEN];
    CHECK(tsv_load(&table, VEC "milenage_gsm_ts55205.tsv") == 0);
    CHECK(table.nrows == 19);
    for (size_t r = 0; r < table.nrows; r++) {
        uint8_t k[16], opc[16], rand[16], sres[4], kc[8];
        uint8_t res[8], ck[16], ik[16], ak[6], aks[6];
        int bad = 0;
        err[0] = '\0';
        CHECK(tsv_bytes(&table, r, "k", k, 16) == 0);
        CHECK(tsv_bytes(&table, r, "opc", opc, 16) == 0);
        CHECK(tsv_bytes(&table, r, "rand", rand, 16) == 0);
        CHECK(kl_milenage_gsm(NULL, k, opc, rand, sres, kc) == KL_MILENAGE_OK);
        CHECK(kl_milenage_f2345(NULL, k, opc, rand, res, ck, ik, ak, aks) == KL_MILENAGE_OK);
        bad += cmp(&table, r, "TS 55.205", "sres1", sres, 4, err, sizeof err);
        bad += cmp(&table, r, "TS 55.205", "sres2", res, 4, err, sizeof err);
        bad += cmp(&table, r, "TS 55.205", "kc", kc, 8, err, sizeof err);
        CHECKF(bad == 0, "%s", err);
        report_row("TS 55.205 GSM-MILENAGE", tsv_get(&table, r, "set"), 3, bad, err);
    }
}

/* The runner itself must fail on a wrong vector: corrupt one output of one
 * set in memory and check that exactly that output of that set is named. */
static void runner_detects_wrong_vector(void)
{
    char err[ERRLEN];
    int outputs = 0, bad;
    char *f2;
    CHECK(tsv_load(&table, VEC "milenage_ts35208.tsv") == 0);
    bad = check_milenage_row(&table, 2, "TS 35.208", &outputs, err, sizeof err);
    CHECK(bad == 0);
    f2 = (char *)tsv_get(&table, 2, "f2");
    CHECK(f2 != NULL);
    if (f2 == NULL)
        return;
    f2[5] = f2[5] == '0' ? '1' : '0'; /* one wrong hex digit */
    bad = check_milenage_row(&table, 2, "TS 35.208", &outputs, err, sizeof err);
    CHECKF(bad == 3, "expected 3 mismatches (f2 from OP, from OPc, from f2345), got %d", bad);
    CHECKF(strstr(err, "TS 35.208 set 3: f2 is") != NULL, "message names set and output: %s", err);
    CHECK(strstr(err, "f3") == NULL);
}

int main(void)
{
    const char *path = getenv("KILIST_CONFORMANCE_REPORT");
    int rc;
    if (path != NULL && (report = fopen(path, "w")) != NULL) {
        fprintf(report, "# Conformance report\n\nGenerated by `make conformance` "
                        "(harness/test_conformance.c) from corpus/vectors/.\n\n"
                        "| suite | set | outputs checked | result |\n|---|---|---:|---|\n");
    }
    tl_run("conformance", "fips197_c1", fips197);
    tl_run("conformance", "ts35208_rijndael_sets_1_20", ts35208_rijndael);
    tl_run("conformance", "ts35208_milenage_sets_1_20", ts35208_milenage);
    tl_run("conformance", "ts35207_milenage_sets_1_6_with_temp", ts35207_milenage);
    tl_run("conformance", "ts55205_gsm_milenage_sets_1_19", ts55205_gsm);
    tl_run("conformance", "runner_detects_wrong_vector", runner_detects_wrong_vector);
    rc = tl_finish();
    if (report != NULL) {
        fprintf(report, "\nOverall: %s\n", rc == 0 ? "all sets pass" : "FAILURES");
        fclose(report);
    }
    return rc;
}
