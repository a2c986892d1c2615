/* fuzz_seeds.c - writes the seed files corpus/<target>/seed-* of the fuzz
 * targets, from the standards' worked examples (the tables in corpus/vectors/,
 * standards.md), the APDU encodings at their bounds, and key-list images
 * produced by the core itself.  Deterministic: `make fuzz-seeds` rewrites
 * the same files.  Each section follows the input layout documented at the
 * top of its harness/fuzz_<name>.c.
 *
 *   fuzz_seeds CORPUS_DIR [TARGET...]
 *
 * Every run first removes CORPUS_DIR/<target>/seed-* of the targets it
 * writes; other files (merged finds, crash-* regressions) are kept.
 */
#define _POSIX_C_SOURCE 200809L
#include "apdu.h"
#include "keylist.h"
#include "milenage.h"
#include "tsv.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *root;
static const char *target;
static int written;

static void die(const char *what)
{
    fprintf(stderr, "fuzz_seeds: %s\n", what);
    exit(1);
}

static void clear_seeds(void)
{
    char dir[1024], path[2048];
    DIR *d;
    struct dirent *e;
    snprintf(dir, sizeof dir, "%s/%s", root, target);
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        die("cannot create the corpus directory");
    d = opendir(dir);
    if (d == NULL)
        die("cannot list the corpus directory");
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, "seed-", 5) == 0) {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            remove(path);
        }
    }
    closedir(d);
}

static void emit(const char *name, const uint8_t *p, size_t n)
{
    char path[2048];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s/seed-%s", root, target, name);
    f = fopen(path, "wb");
    if (f == NULL || fwrite(p, 1, n, f) != n || fclose(f) != 0)
        die(path);
    written++;
}

static void hex(const char *h, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(h + 2 * i, "%2x", &v) != 1)
            die("bad hex constant");
        out[i] = (uint8_t)v;
    }
}

static tsv *load(const char *name)
{
    static tsv t;
    char path[1024];
    snprintf(path, sizeof path, "corpus/vectors/%s", name);
    if (tsv_load(&t, path) != 0)
        die("cannot read corpus/vectors (run from the repository root)");
    return &t;
}

static void cell(tsv *t, size_t row, const char *col, uint8_t *out, size_t n)
{
    if (tsv_bytes(t, row, col, out, n) != 0)
        die("bad test-vector cell");
}

/* ---- fuzz_aes128: key (16) || 1..4 blocks ------------------------------ */
static void seeds_aes128(void)
{
    uint8_t b[16 + 5 * 16];
    char name[64];
    tsv *t = load("rijndael_ts35208.tsv");
    for (size_t r = 0; r < t->nrows; r++) {
        cell(t, r, "key", b, 16);
        cell(t, r, "plaintext", b + 16, 16);
        snprintf(name, sizeof name, "ts35208-rijndael-set%s", tsv_get(t, r, "set"));
        emit(name, b, 32);
    }
    /* FIPS-197 Appendix B and C.1 */
    hex("2b7e151628aed2a6abf7158809cf4f3c3243f6a8885a308d313198a2e0370734", b, 32);
    emit("fips197-appendix-b", b, 32);
    hex("000102030405060708090a0b0c0d0e0f00112233445566778899aabbccddeeff", b, 32);
    emit("fips197-c1", b, 32);
    /* 2, 3, 4 blocks under one key (the Milenage OUT2..OUT5 pass), and 5
     * (the fifth is ignored) */
    for (size_t r = 0; r < 5 && r < t->nrows; r++)
        cell(t, r, "plaintext", b + 16 + 16 * r, 16);
    for (int n = 2; n <= 5; n++) {
        snprintf(name, sizeof name, "fips197-key-%d-blocks", n);
        emit(name, b, 16 + 16 * (size_t)n);
    }
    emit("partial-block", b, 16 + 16 + 7);
    emit("key-only", b, 16);
    emit("short-key", b, 5);
    emit("empty", b, 0);
    memset(b, 0xFF, sizeof b);
    emit("all-ff-4-blocks", b, 16 + 64);
    memset(b, 0, sizeof b);
    emit("all-zero-4-blocks", b, 16 + 64);
}

/* ---- fuzz_milenage ----------------------------------------------------- */
struct mil {
    uint8_t flags, k[16], op[16], amf[2], r[5], c[80];
    uint8_t rand[4][16], sqn[4][6];
};

static void emit_mil(const char *name, const struct mil *m)
{
    uint8_t b[1 + 16 + 16 + 2 + 5 + 80 + 4 * 22];
    size_t n = 0, nv = (size_t)((m->flags >> 2) & 3) + 1;
    b[n++] = m->flags;
    memcpy(b + n, m->k, 16), n += 16;
    memcpy(b + n, m->op, 16), n += 16;
    memcpy(b + n, m->amf, 2), n += 2;
    if (m->flags & 2) {
        memcpy(b + n, m->r, 5), n += 5;
        memcpy(b + n, m->c, 80), n += 80;
    }
    for (size_t v = 0; v < nv; v++) {
        memcpy(b + n, m->rand[v], 16), n += 16;
        memcpy(b + n, m->sqn[v], 6), n += 6;
    }
    emit(name, b, n);
}

static void mil_row(tsv *t, size_t r, int opc, struct mil *m)
{
    memset(m, 0, sizeof *m);
    m->flags = (uint8_t)(opc ? 1 : 0);
    cell(t, r, "k", m->k, 16);
    cell(t, r, opc ? "opc" : "op", m->op, 16);
    cell(t, r, "amf", m->amf, 2);
    cell(t, r, "rand", m->rand[0], 16);
    cell(t, r, "sqn", m->sqn[0], 6);
}

static void default_consts(struct mil *m)
{
    static const uint8_t r[5] = {64, 0, 32, 64, 96};
    memcpy(m->r, r, 5);
    memset(m->c, 0, sizeof m->c);
    m->c[31] = 1, m->c[47] = 2, m->c[63] = 4, m->c[79] = 8;
}

static void seeds_milenage(void)
{
    struct mil m, base;
    char name[64];
    tsv *t = load("milenage_ts35208.tsv");
    size_t rows = t->nrows;
    for (size_t r = 0; r < rows; r++) {
        mil_row(t, r, 0, &m);
        snprintf(name, sizeof name, "ts35208-set%s-op", tsv_get(t, r, "set"));
        emit_mil(name, &m);
        mil_row(t, r, 1, &m);
        snprintf(name, sizeof name, "ts35208-set%s-opc", tsv_get(t, r, "set"));
        emit_mil(name, &m);
    }
    /* batches: set 1's subscriber, RAND/SQN of sets 1..4 */
    mil_row(t, 0, 0, &base);
    for (size_t v = 1; v < 4 && v < rows; v++) {
        struct mil o;
        mil_row(t, v, 0, &o);
        memcpy(base.rand[v], o.rand[0], 16);
        memcpy(base.sqn[v], o.sqn[0], 6);
    }
    for (int n = 2; n <= 4; n++) {
        m = base;
        m.flags = (uint8_t)((n - 1) << 2);
        snprintf(name, sizeof name, "ts35208-set1-batch%d", n);
        emit_mil(name, &m);
    }
    /* operator constants: the defaults spelled out, then other choices */
    m = base;
    m.flags = 2;
    default_consts(&m);
    emit_mil("params-default-explicit", &m);
    {
        static const struct {
            const char *name;
            uint8_t r[5];
        } rs[] = {
            {"params-r-zero", {0, 0, 0, 0, 0}},
            {"params-r-127", {127, 127, 127, 127, 127}},
            {"params-r-odd", {1, 7, 63, 65, 121}},
            {"params-r-byte-multiples", {8, 16, 24, 120, 0}},
            /* invalid: must be KL_MILENAGE_E_PARAM everywhere */
            {"params-r1-128", {128, 0, 32, 64, 96}},
            {"params-r5-251", {64, 0, 32, 64, 251}},
            {"params-r3-code-256", {64, 0, 0xFD, 64, 96}},
            {"params-r2-code-2pow31", {64, 0xFE, 32, 64, 96}},
            {"params-r4-code-max", {64, 0, 32, 0xFF, 96}},
            {"params-r-code-128", {0xFC, 0xFC, 0xFC, 0xFC, 0xFC}},
        };
        for (size_t i = 0; i < sizeof rs / sizeof rs[0]; i++) {
            m = base;
            m.flags = 2 | (3 << 2);
            memcpy(m.rand[1], base.rand[1], 16);
            default_consts(&m);
            memcpy(m.r, rs[i].r, 5);
            for (int j = 0; j < 80; j++)
                m.c[j] ^= (uint8_t)(i * 37 + (size_t)j);
            emit_mil(rs[i].name, &m);
        }
    }
    /* GSM-MILENAGE sets (TS 55.205): OPc given */
    t = load("milenage_gsm_ts55205.tsv");
    for (size_t r = 0; r < t->nrows && r < 4; r++) {
        memset(&m, 0, sizeof m);
        m.flags = 1;
        cell(t, r, "k", m.k, 16);
        cell(t, r, "opc", m.op, 16);
        cell(t, r, "rand", m.rand[0], 16);
        snprintf(name, sizeof name, "ts55205-set%s-opc", tsv_get(t, r, "set"));
        emit_mil(name, &m);
    }
    {
        uint8_t z[1] = {0};
        emit("empty", z, 0);
        emit("flags-only", z, 1);
    }
}

/* ---- fuzz_apdu: one command APDU ---------------------------------------- */
static uint8_t apdu_buf[KL_APDU_MAX_LEN + 16];

/* header, then the rest from hex, then `fill` bytes of 0x5A */
static void emit_apdu(const char *name, const char *hdr_and_fields, size_t fill,
                      const char *tail)
{
    size_t n = strlen(hdr_and_fields) / 2, m = strlen(tail) / 2;
    hex(hdr_and_fields, apdu_buf, n);
    for (size_t i = 0; i < fill; i++)
        apdu_buf[n + i] = (uint8_t)(0x5A ^ i);
    hex(tail, apdu_buf + n + fill, m);
    emit(name, apdu_buf, n + fill + m);
}

/* ENVELOPE 80 C2 00 00 Lc: SMS-PP download D1 { device identities 82,
 * SMS-TPDU 8B { SMS-DELIVER, UDHI, UD = UDH 02 70 00 || packet } }. */
static void envelope(const char *name, const char *packet_hex)
{
    uint8_t pkt[256], tpdu[300], b[400];
    size_t np = strlen(packet_hex) / 2, nt = 0, n = 0;
    hex(packet_hex, pkt, np);
    hex("40038119F07FF622114051000000", tpdu, 14), nt = 14;
    tpdu[nt++] = (uint8_t)(3 + np); /* UDL */
    hex("027000", tpdu + nt, 3), nt += 3;
    memcpy(tpdu + nt, pkt, np), nt += np;
    hex("80C20000", b, 4), n = 4;
    b[n++] = (uint8_t)(2 + 4 + 2 + nt); /* Lc */
    b[n++] = 0xD1;
    b[n++] = (uint8_t)(4 + 2 + nt);
    hex("82028381", b + n, 4), n += 4;
    b[n++] = 0x8B;
    b[n++] = (uint8_t)nt;
    memcpy(b + n, tpdu, nt), n += nt;
    emit(name, b, n);
}

static void seeds_apdu(void)
{
    /* The seven cases at their bounds (standards.md 1.2). */
    emit_apdu("case1", "00A40004", 0, "");
    emit_apdu("case2S-le01", "00B00000", 0, "01");
    emit_apdu("case2S-le00-256", "00B00000", 0, "00");
    emit_apdu("case2S-leFF", "00B00000", 0, "FF");
    emit_apdu("case3S-lc01", "00D6000001", 1, "");
    emit_apdu("case3S-lcFF", "00D60000FF", 255, "");
    emit_apdu("case4S-lc01-le00", "00A4040001", 1, "00");
    emit_apdu("case4S-lcFF-leFF", "00A40400FF", 255, "FF");
    emit_apdu("case4S-lcFF-le01", "00A40400FF", 255, "01");
    emit_apdu("case2E-le0000-65536", "00B00000000000", 0, "");
    emit_apdu("case2E-le0001", "00B00000000001", 0, "");
    emit_apdu("case2E-leFFFF", "00B0000000FFFF", 0, "");
    emit_apdu("case3E-lc0001", "00D60000000001", 1, "");
    emit_apdu("case3E-lc0100", "00D60000000100", 256, "");
    emit_apdu("case3E-lcFFFF", "00D6000000FFFF", 65535, "");
    emit_apdu("case4E-lc0001-le0000", "00A40400000001", 1, "0000");
    emit_apdu("case4E-lc0001-le0001", "00A40400000001", 1, "0001");
    emit_apdu("case4E-lcFFFF-leFFFF", "00A4040000FFFF", 65535, "FFFF");
    /* The encodings a strict decoder refuses (standards.md 1.3). */
    emit_apdu("bad-empty", "", 0, "");
    emit_apdu("bad-3-bytes", "00A400", 0, "");
    emit_apdu("bad-cla-ff", "FFA40004", 0, "");
    emit_apdu("bad-cla-rfu-20", "20A40004", 0, "");
    emit_apdu("bad-cla-rfu-3f", "3FA4000401", 1, "");
    emit_apdu("bad-6-bytes-b4-zero", "00A4000400", 0, "01");
    emit_apdu("bad-short-lc00-256-data", "00D6000000", 256, "");
    emit_apdu("bad-short-lc00-256-data-le", "00D6000000", 256, "00");
    emit_apdu("bad-ext-lc0000", "00D600000000", 0, "0000");
    emit_apdu("bad-ext-lc0000-data", "00D6000000000001", 0, "");
    emit_apdu("bad-ext-lc-short-le", "00A40400000002", 2, "00");
    emit_apdu("bad-short-lc-ext-le", "00A4040002", 2, "0000");
    emit_apdu("bad-truncated-short", "00D6000010", 5, "");
    emit_apdu("bad-truncated-ext", "00D60000000100", 200, "");
    emit_apdu("bad-trailing-short", "00D6000002", 2, "000000");
    emit_apdu("bad-trailing-ext", "00D60000000002", 2, "000000");
    emit_apdu("case3E-2E-prefix-plus-one", "00B00000000001", 0, "00");
    emit_apdu("bad-too-long", "00D6000000FFFF", 65535, "FFFF00");
    /* Real UICC / USIM commands (standards.md 2), and the CLA variants of
     * 1.4: logical channels, SM, chaining, proprietary, legacy GSM. */
    emit_apdu("select-mf", "00A40004023F00", 0, "");
    emit_apdu("select-usim-aid", "00A4040410A0000000871002FFFFFFFF8907090000", 0, "");
    emit_apdu("select-ef-imsi", "00A40004026F07", 0, "");
    emit_apdu("read-binary-imsi", "00B0000009", 0, "");
    emit_apdu("update-binary-imsi", "00D6000009080910101032547698", 0, "");
    emit_apdu("gsm-select-mf", "A0A40000023F00", 0, "");
    emit_apdu("gsm-get-response", "A0C0000016", 0, "");
    emit_apdu("get-response", "00C0000032", 0, "");
    emit_apdu("status", "80F2000C00", 0, "");
    emit_apdu("fetch", "801200001A", 0, "");
    emit_apdu("terminal-profile", "8010000005FFFFFFFF7F", 0, "");
    emit_apdu("terminal-response", "801400000C810301130082028281830100", 0, "");
    emit_apdu("manage-channel-open", "0070000001", 0, "");
    emit_apdu("cla-channel-3", "03B0000009", 0, "");
    emit_apdu("cla-further-channel-4", "40B0000009", 0, "");
    emit_apdu("cla-further-channel-19", "4FB0000009", 0, "");
    emit_apdu("cla-further-sm", "60B0000009", 0, "");
    emit_apdu("cla-sm-auth", "0CB0000009", 0, "");
    emit_apdu("cla-sm-proprietary", "04B0000009", 0, "");
    emit_apdu("cla-chaining", "10D6000002", 2, "");
    emit_apdu("cla-proprietary-e0", "E0F2000000", 0, "");
    emit_apdu("cla-proprietary-fe", "FEF20000", 0, "");
    {
        /* AUTHENTICATE (3G context) with TS 35.208 set 1: RAND and
         * AUTN = SQN xor AK || AMF || MAC-A, then Le 00. */
        uint8_t rand[16], sqn[6], ak[6], amf[2], mac[8], b[5 + 1 + 16 + 1 + 16 + 1];
        tsv *t = load("milenage_ts35208.tsv");
        size_t n = 0;
        cell(t, 0, "rand", rand, 16);
        cell(t, 0, "sqn", sqn, 6);
        cell(t, 0, "f5", ak, 6);
        cell(t, 0, "amf", amf, 2);
        cell(t, 0, "f1", mac, 8);
        hex("0088008122", b, 5), n = 5;
        b[n++] = 16;
        memcpy(b + n, rand, 16), n += 16;
        b[n++] = 16;
        for (int i = 0; i < 6; i++)
            b[n++] = sqn[i] ^ ak[i];
        memcpy(b + n, amf, 2), n += 2;
        memcpy(b + n, mac, 8), n += 8;
        b[n++] = 0x00;
        emit("authenticate-3g-ts35208-set1", b, n);
    }
    /* ENVELOPE (SMS-PP download) carrying the secured packets of
     * standards.md 3.10 (a) (SPI 0619, KIc/KID 22, TAR B00011) and (b)
     * (SPI 1201, KIc/KID 25, TAR C00000). */
    envelope("envelope-sms-pp-aes",
             "0028" "15" "0619" "22" "22" "B00011"
             "E87CCEEBB2D93083011CE294F93FC4D8DE80DA1ABAE8C37CA3E72EC4432E5058");
    envelope("envelope-sms-pp-3des-cc",
             "001D" "15" "1201" "25" "25" "C00000" "0000000001" "00"
             "4FBDB3740E950C28" "A0A40000023F00");
}

/* ---- fuzz_keylist and fuzz_keylist_image --------------------------------- */
static void valid_keys(kl_keylist_keys k[KL_KEYLIST_ENTRIES], int tuak, uint8_t salt)
{
    memset(k, 0, sizeof(kl_keylist_keys) * KL_KEYLIST_ENTRIES);
    for (unsigned j = 0; j < KL_KEYLIST_ENTRIES; j++) {
        k[j].alg = tuak && (j & 1) ? KL_KEYLIST_ALG_TUAK : KL_KEYLIST_ALG_MILENAGE;
        k[j].ki_len = k[j].alg == KL_KEYLIST_ALG_TUAK && (j & 2) ? 32 : 16;
        k[j].kvn = 1 + j % 15;
        k[j].sqn_scheme = 1 + j % 3;
        for (unsigned i = 0; i < k[j].ki_len; i++)
            k[j].ki[i] = (uint8_t)(salt + 17 * j + i);
        for (unsigned i = 0; i < 16; i++) {
            k[j].kic[i] = (uint8_t)(0x20 + j + i * salt);
            k[j].kid[i] = (uint8_t)(0x40 + j + i);
            k[j].opc[i] = (uint8_t)((0x60 + j) ^ i);
        }
    }
}

static void image_of(kl_keylist *l, uint8_t flags, const char *name)
{
    static uint8_t b[1 + KL_KEYLIST_IMAGE_BYTES];
    b[0] = flags;
    if (kl_keylist_save(l, b + 1, KL_KEYLIST_IMAGE_BYTES) != KL_KEYLIST_OK)
        die("kl_keylist_save");
    emit(name, b, sizeof b);
}

static void seeds_keylist_image(void)
{
    kl_keylist_keys k[KL_KEYLIST_ENTRIES];
    kl_keylist l;
    static uint8_t b[1 + KL_KEYLIST_IMAGE_BYTES];
    uint8_t *img = b + 1;
    char name[64];

    valid_keys(k, 0, 3);
    if (kl_keylist_init(&l, k, KL_KEYLIST_ENTRIES) != KL_KEYLIST_OK)
        die("kl_keylist_init");
    image_of(&l, 0, "fresh");
    image_of(&l, 4, "fresh-garbage-dest");
    image_of(&l, 1, "fresh-fix-checksum");
    for (unsigned a = 1; a < KL_KEYLIST_ENTRIES; a++) {
        if (kl_keylist_advance(&l, a) != KL_KEYLIST_OK)
            die("kl_keylist_advance");
        if (a == 1 || a == KL_KEYLIST_ENTRIES / 2 || a == KL_KEYLIST_ENTRIES - 1) {
            snprintf(name, sizeof name, "advanced-%u", a);
            image_of(&l, 0, name);
        }
    }
    valid_keys(k, 1, 9);
    if (kl_keylist_init(&l, k, KL_KEYLIST_ENTRIES) != KL_KEYLIST_OK ||
        kl_keylist_advance(&l, 1) != KL_KEYLIST_OK)
        die("kl_keylist_init (TUAK)");
    image_of(&l, 0, "tuak-mixed-active-1");
    {
        uint8_t ki[32], kx[16];
        memset(ki, 0xA1, sizeof ki);
        memset(kx, 0xB2, sizeof kx);
        if (kl_keylist_rekey(&l, ki, 32, kx, kx, 15, kx) != KL_KEYLIST_OK)
            die("kl_keylist_rekey");
        image_of(&l, 0, "tuak-rekeyed-ki32-kvn15");
    }
    memset(k, 0, sizeof k);
    for (unsigned j = 0; j < KL_KEYLIST_ENTRIES; j++) {
        k[j].alg = 1, k[j].ki_len = 16, k[j].kvn = 1, k[j].sqn_scheme = 1;
    }
    if (kl_keylist_init(&l, k, KL_KEYLIST_ENTRIES) != KL_KEYLIST_OK)
        die("kl_keylist_init (zero)");
    image_of(&l, 0, "zero-secrets");

    /* Defects, with the checksum recomputed by the target (flags b0) so
     * that the field checks are reached. */
    valid_keys(k, 1, 5);
    if (kl_keylist_init(&l, k, KL_KEYLIST_ENTRIES) != KL_KEYLIST_OK ||
        kl_keylist_advance(&l, 1) != KL_KEYLIST_OK || kl_keylist_advance(&l, 2) != KL_KEYLIST_OK)
        die("keylist (defects)");
    {
        static const struct {
            const char *name;
            size_t at;
            uint8_t v;
        } d[] = {
            {"bad-magic", 0, 'k'},
            {"bad-version", 4, 2},
            {"bad-count", 5, KL_KEYLIST_ENTRIES - 1},
            {"bad-active-out-of-range", 6, KL_KEYLIST_ENTRIES},
            {"bad-active-points-at-unused", 6, 3},
            {"bad-active-points-at-retired", 6, 1},
            {"bad-header-reserved", 7, 1},
            {"bad-state-two-active", 8 + 88 * 3 + 0, KL_KEYLIST_ACTIVE},
            {"bad-state-retired-after-active", 8 + 88 * 5 + 0, KL_KEYLIST_RETIRED},
            {"bad-state-unknown", 8 + 88 * 4 + 0, 3},
            {"bad-retired-secret-left", 8 + 88 * 0 + 8 + 40, 1},
            {"bad-alg-0", 8 + 88 * 2 + 1, 0},
            {"bad-alg-3", 8 + 88 * 2 + 1, 3},
            {"bad-sqn-0", 8 + 88 * 6 + 2, 0},
            {"bad-sqn-4", 8 + 88 * 6 + 2, 4},
            {"bad-kvn-0", 8 + 88 * 7 + 3, 0},
            {"bad-kvn-16", 8 + 88 * 7 + 3, 16},
            {"bad-ki-len-24", 8 + 88 * 8 + 4, 24},
            {"bad-milenage-ki-len-32", 8 + 88 * 8 + 4, 32},
            {"bad-entry-reserved", 8 + 88 * 9 + 6, 1},
            {"bad-ki-padding", 8 + 88 * 10 + 8 + 20, 1},
        };
        for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
            if (kl_keylist_save(&l, img, KL_KEYLIST_IMAGE_BYTES) != KL_KEYLIST_OK)
                die("kl_keylist_save");
            img[d[i].at] = d[i].v;
            b[0] = 1;
            emit(d[i].name, b, sizeof b);
        }
        if (kl_keylist_save(&l, img, KL_KEYLIST_IMAGE_BYTES) != KL_KEYLIST_OK)
            die("kl_keylist_save");
        img[100] ^= 1;
        b[0] = 8; /* b3: keep this image's (now wrong) checksum */
        emit("bad-checksum", b, sizeof b);
        b[0] = 0;
        emit("size-minus-1", b, sizeof b - 1);
        emit("size-empty-image", b, 1);
        emit("empty", b, 0);
        b[0] = 2;
        emit("size-forced-header-only", b, 1 + 8);
    }
}

/* fuzz_keylist operations (see its header comment) */
enum { ADV = 0, REKEY = 1, WIPE = 2, GET = 3, SAVE = 4, CORRUPT = 5, NULLS = 6, REINIT = 7 };

static void emit_ops(const char *name, uint8_t seed, const uint8_t pq[32],
                     const uint8_t *ops, size_t nops)
{
    uint8_t b[1 + 32 + 512];
    b[0] = seed;
    memcpy(b + 1, pq, 32);
    memcpy(b + 33, ops, nops);
    emit(name, b, 33 + nops);
}

static void seeds_keylist(void)
{
    uint8_t valid[32] = {0}, tuak[32], raw[32];
    uint8_t ops[512];
    size_t n;

    for (int j = 0; j < 16; j++) {
        tuak[2 * j] = (uint8_t)(j & 1 ? 0x03 : 0x00) | (uint8_t)((j % 3) << 2);
        tuak[2 * j + 1] = (uint8_t)j;
        raw[2 * j] = 0x00;
        raw[2 * j + 1] = 0x00;
    }
    memcpy(raw, valid, 32);
    raw[2 * 5] = 0x80 | 0x03; /* entry 5: raw alg 3 */

    /* advance through the whole list, then once more (exhausted) */
    for (n = 0; n < 16; n++)
        ops[2 * n] = ADV, ops[2 * n + 1] = 0x02; /* active + 1 */
    emit_ops("advance-to-exhaustion", 0x11, valid, ops, 32);
    emit_ops("advance-to-exhaustion-zero-keys", 0x00, valid, ops, 32);
    /* wrong indices: active, active - 1, raw 0, raw 127, 0x1xx, ~0 */
    {
        const uint8_t o[] = {ADV, 0x01, ADV, 0x00, ADV, 0x80, ADV, 0xFF, ADV, 0xFE,
                             ADV, 0x03, ADV, 0x02, ADV, 0x81, WIPE, 0x00, WIPE, 0x01,
                             WIPE, 0x80, WIPE, 0xFF, WIPE, 0x8F, WIPE, 0x90, GET};
        emit_ops("bad-indices", 0x22, valid, o, sizeof o);
    }
    /* re-key: valid, every bad length, bad KVNs, each NULL pointer */
    {
        const uint8_t o[] = {REKEY, 0x00, 0x05, 0x31, GET,
                             REKEY, 0x01, 0x05, 0x32, /* 32 on Milenage: refused */
                             REKEY, 0x02, 0x05, 0x33, REKEY, 0x03, 0x05, 0x34,
                             REKEY, 0x00, 0x80, 0x35, REKEY, 0x00, 0x90, 0x36,
                             REKEY, 0x30, 0x01, 0x37, REKEY, 0x34, 0x01, 0x38,
                             REKEY, 0x38, 0x01, 0x39, REKEY, 0x3C, 0x01, 0x3A,
                             REKEY, 0x00, 0x0E, 0x00, GET, ADV, 0x02, REKEY, 0x00, 0x01, 0x3B,
                             GET, SAVE};
        emit_ops("rekey-variants", 0x33, valid, o, sizeof o);
        emit_ops("rekey-variants-tuak", 0x34, tuak, o, sizeof o);
    }
    /* TUAK with Ki 32 on an active TUAK entry (entry 1 is TUAK) */
    {
        const uint8_t o[] = {ADV, 0x02, REKEY, 0x01, 0x07, 0x41, GET, SAVE, ADV, 0x02,
                             GET, WIPE, 0x80, WIPE, 0x81, SAVE};
        emit_ops("tuak-ki32", 0x44, tuak, o, sizeof o);
    }
    /* save/load and corruptions, with and without the checksum fixed */
    {
        const uint8_t o[] = {SAVE, ADV, 0x02, ADV, 0x02, SAVE,
                             CORRUPT, 0x00, 0x00, 0x01, CORRUPT | 8, 0x00, 0x00, 0x01,
                             CORRUPT | 8, 0x00, 0x06, 0x01, CORRUPT | 8, 0x00, 0x08, 0x02,
                             CORRUPT | 8, 0x00, 0x30, 0xFF, CORRUPT | 8, 0x00, 0x10, 0x01,
                             CORRUPT | 8, 0x00, 0x68, 0x01, CORRUPT | 8, 0x05, 0x8B, 0x01,
                             CORRUPT, 0x05, 0x8B, 0x01, SAVE};
        emit_ops("save-load-corrupt", 0x55, valid, o, sizeof o);
    }
    /* every operation once, NULLs, re-personalisation */
    {
        const uint8_t o[] = {GET, GET | 8, GET | 16, GET | 24, NULLS, ADV, 0x02, WIPE, 0x80,
                             REINIT, 0x66, GET, ADV, 0x02, REKEY, 0x00, 0x03, 0x67,
                             SAVE, REINIT, 0x00, SAVE};
        emit_ops("every-op", 0x66, valid, o, sizeof o);
    }
    /* a refused personalisation (raw parameters of entry 5) */
    {
        const uint8_t o[] = {GET, ADV, 0x02, SAVE};
        emit_ops("init-refused-alg", 0x77, raw, o, sizeof o);
        raw[2 * 5] = 0x80 | 0x01 | (2 << 2); /* Milenage, Ki length 0 */
        emit_ops("init-refused-ki-len", 0x77, raw, o, sizeof o);
        raw[2 * 5] = 0x80 | 0x01 | (1 << 4), raw[2 * 5 + 1] = 0; /* kvn 0 */
        emit_ops("init-refused-kvn", 0x77, raw, o, sizeof o);
        raw[2 * 5] = 0x80 | 0x01, raw[2 * 5 + 1] = 1; /* sqn 0 */
        emit_ops("init-refused-sqn", 0x77, raw, o, sizeof o);
    }
    emit_ops("init-only", 0x01, valid, ops, 0);
    emit("empty", ops, 0);
}


/* ---- fuzz_card: records ctl [cut] len APDU (harness/fuzz_card.c) ------- */

#define CARD_PIN1 "0020000108" "31323334ffffffff"
#define CARD_PIN1_BAD "0020000108" "31323335ffffffff"
#define CARD_ADM1 "0020000a08" "3838383838383838"
#define CARD_USIM_AID "a0000000871002ffffffff8907090000"

/* A command sequence: ctl, cut and hex of each APDU, ctl 0xFF ends it. */
struct card_cmd {
    uint8_t ctl, cut;
    const char *hex;
};

static void emit_card(const char *name, const struct card_cmd *c)
{
    static uint8_t b[8192];
    size_t n = 0;
    for (; c->ctl != 0xFF; c++) {
        size_t len = strlen(c->hex) / 2;
        if (n + 3 + len > sizeof b || len > 511 ||
            ((c->ctl & 0x20) != 0) != (len > 255))
            die("card seed too long");
        b[n++] = c->ctl;
        if (c->ctl & 0x80)
            b[n++] = c->cut;
        b[n++] = (uint8_t)len;
        hex(c->hex, b + n, len);
        n += len;
    }
    emit(name, b, n);
}

static void seeds_card(void)
{
    /* TS 35.208 test set 1: RAND, and AUTN for SQN ff9bb4d0b607, AMF b9b9
     * (the card's entry 0 holds that K and OPc) */
    static const char auth3g[] =
        "0088008122" "10" "23553cbe9637a89d218ae64dae47bf35"
        "10" "55f328b43577b9b94a9ffac354dfafb3";
    /* the same K, OPc and RAND with SQN 000000000040 (SEQ 2, IND 0: fresh
     * for the target's card, personalised at SQN 0) and AMF 8000; AUTN
     * from `kilist milenage` (f5 = aa689c648370, f1 = 1d34c2beabe680bc) */
    static const char auth3g_fresh[] =
        "0088008122" "10" "23553cbe9637a89d218ae64dae47bf35"
        "10" "aa689c64833080001d34c2beabe680bc" "00";
    static const char auth2g[] =
        "0088008011" "10" "23553cbe9637a89d218ae64dae47bf35";
    const struct card_cmd mf[] = {
        {0, 0, "00a40004023f00"}, {0, 0, "00c0000025"},
        {0, 0, "00a4000c022fe2"}, {0, 0, "00b000000a"},
        {0, 0, "00b2010020"},      {0, 0, "00a4000c022f00"},
        {0, 0, "00b2010020"},      {0, 0, "00b2020020"},
        {0, 0, "80f20000"},        {0, 0, "80f2000c"},
        {0xFF, 0, NULL}};
    const struct card_cmd usim[] = {
        {0, 0, "00a4040410" CARD_USIM_AID "00"},
        {0, 0, "00a4040c07a0000000871002"}, /* partial AID */
        {0, 0, "00a4000c026f07"}, {0, 0, "00b0000009"},
        {0, 0, CARD_PIN1},        {0, 0, "00b0000009"},
        {0, 0, "00b0870009"},     {0, 0, "00b0840008"},
        {0, 0, "00a4080c047fff6fad"}, {0, 0, "00b0000004"},
        {0, 0, "00a4090c026f38"}, {0, 0, "00b0000000"},
        {0, 0, "00a40004026f7e"}, {0, 0, "00c0000010"},
        {0xFF, 0, NULL}};
    const struct card_cmd pin[] = {
        {0, 0, "00200001"},   {0, 0, CARD_PIN1_BAD}, {0, 0, CARD_PIN1_BAD},
        {0, 0, "00200001"},   {0, 0, CARD_PIN1_BAD}, {0, 0, CARD_PIN1},
        {0, 0, "002c000110" "3132333435363738" "39393939ffffffff"},
        {0, 0, "002000010839393939ffffffff"},
        {0, 0, "0024000110" "39393939ffffffff" "31323334ffffffff"},
        {0, 0, "0026000108" "31323334ffffffff"},
        {0, 0, "0028000108" "31323334ffffffff"},
        {0, 0, "002c0001"},
        {0xFF, 0, NULL}};
    const struct card_cmd adm[] = {
        {0, 0, "00a4080c047fff6f07"}, {0, 0, CARD_ADM1},
        {0, 0, "00d6000009" "082926101160845740"},
        {0, 0, CARD_PIN1}, {0, 0, "00b0000009"},
        {0, 0, "00a4000c022f00"},
        {0, 0, "00dc010420" "61184f10a0000000871002ffffffff8907090000500455"
               "53494dffffffffffff"},
        {0, 0, "00b2010420"},
        {0xFF, 0, NULL}};
    const struct card_cmd refused[] = {
        {0, 0, "a0a40000023f00"},      /* GSM class */
        {0, 0, "01a4000c023f00"},      /* logical channel 1 */
        {0, 0, "0ca4000c023f00"},      /* secure messaging */
        {0, 0, "00a4000c0000023f00"},  /* extended Lc */
        {0, 0, "00ee000000"},          /* unknown INS */
        {0, 0, "80a4000c023f00"},      /* SELECT in the wrong class */
        {0, 0, "00a4"}, {0, 0, ""},    /* too short */
        {0, 0, "00b0000009"}, {0, 0, "00b0ff0001"},
        {0, 0, "00a4000c026f07"}, {0, 0, "00d6000001ff"},
        {0, 0, "00200003083132333435363738"},
        {0, 0, "002000010431323334"},  /* PIN of the wrong length */
        {0, 0, "00c0000001"}, {0, 0, "00a40004023f00"}, {0, 0, "00c00000ff"},
        {0xFF, 0, NULL}};
    /* power cuts: the cut byte picks the write, bit 4 of ctl tears it */
    const struct card_cmd cut_update[] = {
        {0, 0, "00a4080c047fff6f07"}, {0, 0, CARD_ADM1},
        {0x80, 0, "00d6000009" "082926101160845740"},
        /* the cut rebooted the card: select and verify again */
        {0, 0, "00a4080c047fff6f07"}, {0, 0, CARD_ADM1},
        {0x90, 200, "00d6000009" "082926101160845740"},
        {0, 0, "00a4080c047fff6f07"}, {0, 0, CARD_ADM1},
        {0x90, 92, "00d6000009" "082926101160845740"}, /* the last write */
        {0, 0, "00a4080c047fff6f07"}, {0, 0, CARD_ADM1},
        {0x80, 40, "00d6000009" "080910100000000010"},
        {0, 0, CARD_PIN1}, {0, 0, "00a4080c047fff6f07"},
        {0, 0, "00b0000009"},
        {0xFF, 0, NULL}};
    const struct card_cmd cut_pin[] = {
        {0x80, 0, CARD_PIN1_BAD}, {0x90, 70, CARD_PIN1_BAD},
        {0x80, 140, CARD_PIN1}, {0, 0, CARD_PIN1_BAD},
        {0, 0, CARD_PIN1_BAD}, {0, 0, CARD_PIN1_BAD},
        {0x80, 100, "002c000110" "3132333435363738" "39393939ffffffff"},
        {0x90, 3, "002c000110" "3132333435363738" "39393939ffffffff"},
        {0, 0, "002c000110" "3132333435363738" "39393939ffffffff"},
        {0xFF, 0, NULL}};
    const struct card_cmd resets[] = {
        {0, 0, CARD_PIN1}, {0, 0, "00a4080c047fff6f07"},
        {0x40, 0, "00b0000009"}, {0x40, 0, "00a40004023f00"},
        {0x40, 0, "00c0000025"},
        {0xFF, 0, NULL}};
    const struct card_cmd auth[] = {
        {0, 0, "00a4040c10" CARD_USIM_AID}, {0, 0, CARD_PIN1},
        {0, 0, auth3g}, {0, 0, "00c0000010"},
        {0x80, 90, auth3g}, {0, 0, auth2g}, {0, 0, "00c000000c"},
        {0xFF, 0, NULL}};
    /* a successful AUTHENTICATE cut (its SQN update), then run, then
     * replayed (resynchronisation) */
    const struct card_cmd auth_fresh[] = {
        {0, 0, "00a4040c10" CARD_USIM_AID}, {0, 0, CARD_PIN1},
        {0x80, 50, auth3g_fresh},
        {0, 0, "00a4040c10" CARD_USIM_AID}, {0, 0, CARD_PIN1},
        {0x90, 92, auth3g_fresh},
        {0, 0, "00a4040c10" CARD_USIM_AID}, {0, 0, CARD_PIN1},
        {0, 0, auth3g_fresh}, {0, 0, auth3g_fresh},
        {0xFF, 0, NULL}};
    char longupd[2 * 300 + 1];
    struct card_cmd big[] = {
        {0, 0, "00a4080c047fff6f07"}, {0, 0, CARD_ADM1},
        {0x20, 0, longupd},
        {0xFF, 0, NULL}};
    memset(longupd, 'a', sizeof longupd - 1);
    longupd[sizeof longupd - 1] = '\0';
    memcpy(longupd, "00d60000ff", 10);
    emit_card("mf-iccid-dir", mf);
    emit_card("usim-imsi", usim);
    emit_card("pin-block-unblock", pin);
    emit_card("adm-update", adm);
    emit_card("refused", refused);
    emit_card("cut-update-binary", cut_update);
    emit_card("cut-pin", cut_pin);
    emit_card("warm-resets", resets);
    emit_card("authenticate", auth);
    emit_card("authenticate-fresh", auth_fresh);
    emit_card("long-apdu", big);
    emit("empty", (const uint8_t *)"", 0);
}

static const struct {
    const char *name;
    void (*fn)(void);
} targets[] = {
    {"aes128", seeds_aes128},   {"milenage", seeds_milenage},
    {"apdu", seeds_apdu},       {"keylist", seeds_keylist},
    {"keylist_image", seeds_keylist_image},
    {"card", seeds_card},
};

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR [TARGET...]\n", argv[0]);
        return 2;
    }
    root = argv[1];
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        int want = argc == 2;
        for (int a = 2; a < argc; a++)
            want |= strcmp(argv[a], targets[i].name) == 0;
        if (!want)
            continue;
        target = targets[i].name;
        written = 0;
        clear_seeds();
        targets[i].fn();
        printf("fuzz_seeds: %s/%s: %d seeds\n", root, target, written);
    }
    return 0;
}
