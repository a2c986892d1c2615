/* test_apdu.c - unit, bound, deviation and differential tests of
 * core/apdu.c (docs/standards.md 1.2-1.5).
 *
 * The differential test compares kl_apdu_parse() with harness/ref_apdu.c, an
 * independently structured decoder, on random inputs biased towards
 * near-valid encodings; every output field and every refusal reason must
 * agree. */
#include "apdu.h"
#include "ref_apdu.h"
#include "apdu_verdict.h"
#include "testlib.h"

#include <stdio.h>
#include <string.h>

#define SUITE "apdu"

static uint8_t buf[KL_APDU_MAX_LEN + 64];

/* ---- helpers ------------------------------------------------------------ */

/* Fills *c with a pattern that no successful parse produces. */
static void poison(kl_apdu_cmd *c)
{
    memset(c, 0x5A, sizeof *c);
}

static int is_poisoned(const kl_apdu_cmd *c)
{
    kl_apdu_cmd p;
    poison(&p);
    return memcmp(&p, c, sizeof p) == 0;
}

/* Parses hex (no spaces) into buf; returns the length. */
static size_t from_hex(const char *hex)
{
    size_t n = strlen(hex) / 2;
    if (tl_hex2bin(hex, buf, n) != 0) {
        fprintf(stderr, "bad hex in test table: %s\n", hex);
        return 0;
    }
    return n;
}

/* Builds an APDU in buf: header, then the Lc/data/Le layout of `kase` with
 * nc data bytes (pattern i*7+1) and the Le value le_raw (the field value,
 * not Ne).  Returns the length. */
static size_t build(int kase, uint8_t cla, uint8_t ins, size_t nc,
                    unsigned long le_raw)
{
    size_t n = 0, i;
    buf[n++] = cla;
    buf[n++] = ins;
    buf[n++] = 0x12;
    buf[n++] = 0x34;
    switch (kase) {
    case KL_APDU_CASE_3S:
    case KL_APDU_CASE_4S:
        buf[n++] = (uint8_t)nc;
        break;
    case KL_APDU_CASE_3E:
    case KL_APDU_CASE_4E:
        buf[n++] = 0;
        buf[n++] = (uint8_t)(nc >> 8);
        buf[n++] = (uint8_t)nc;
        break;
    default:
        break;
    }
    if (kase == KL_APDU_CASE_3S || kase == KL_APDU_CASE_4S ||
        kase == KL_APDU_CASE_3E || kase == KL_APDU_CASE_4E) {
        for (i = 0; i < nc; i++)
            buf[n++] = (uint8_t)(i * 7 + 1);
    }
    switch (kase) {
    case KL_APDU_CASE_2S:
    case KL_APDU_CASE_4S:
        buf[n++] = (uint8_t)le_raw;
        break;
    case KL_APDU_CASE_2E:
        buf[n++] = 0;
        buf[n++] = (uint8_t)(le_raw >> 8);
        buf[n++] = (uint8_t)le_raw;
        break;
    case KL_APDU_CASE_4E:
        buf[n++] = (uint8_t)(le_raw >> 8);
        buf[n++] = (uint8_t)le_raw;
        break;
    default:
        break;
    }
    return n;
}

/* Parses buf[0..n-1] expecting success with the given fields. */
static void expect_ok(size_t n, int kase, long nc, long off, long ne,
                      const char *what)
{
    kl_apdu_cmd c;
    int rc;
    poison(&c);
    rc = kl_apdu_parse(buf, n, &c);
    CHECKF(rc == KL_APDU_OK, "%s: rc %d, want OK", what, rc);
    if (rc != KL_APDU_OK)
        return;
    CHECKF(c.apdu_case == kase, "%s: case %d, want %d", what,
           (int)c.apdu_case, kase);
    CHECKF(c.nc == nc, "%s: nc %ld, want %ld", what, (long)c.nc, nc);
    CHECKF(c.data_off == off, "%s: off %ld, want %ld", what,
           (long)c.data_off, off);
    CHECKF(c.ne == ne, "%s: ne %ld, want %ld", what, (long)c.ne, ne);
    CHECKF(c.cla == buf[0] && c.ins == buf[1] && c.p1 == buf[2] &&
               c.p2 == buf[3],
           "%s: header fields", what);
    CHECKF((size_t)c.data_off + (size_t)c.nc <= n, "%s: data span", what);
}

/* Parses buf[0..n-1] expecting refusal `err`, with the output untouched. */
static void expect_err(size_t n, int err, const char *what)
{
    kl_apdu_cmd c;
    int rc;
    poison(&c);
    rc = kl_apdu_parse(buf, n, &c);
    CHECKF(rc == err, "%s: rc %d, want %d", what, rc, err);
    CHECKF(is_poisoned(&c), "%s: output written on error", what);
}

/* ---- fixed table ---------------------------------------------------------- */

struct vec {
    const char *hex;
    int err;    /* KL_APDU_OK or the expected error */
    int kase;
    long nc, off, ne;
    const char *what;
};

static const struct vec table[] = {
    /* Every case once, from docs/standards.md 1.2 and 2.1. */
    {"00a40000", KL_APDU_OK, KL_APDU_CASE_1, 0, 4, 0, "case 1"},
    {"00c0000010", KL_APDU_OK, KL_APDU_CASE_2S, 0, 4, 16, "case 2S Le 10"},
    {"00c0000000", KL_APDU_OK, KL_APDU_CASE_2S, 0, 4, 256, "case 2S Le 00 = 256"},
    {"00c0000001", KL_APDU_OK, KL_APDU_CASE_2S, 0, 4, 1, "case 2S Le 01"},
    {"00a40004026f07", KL_APDU_OK, KL_APDU_CASE_3S, 2, 5, 0, "case 3S SELECT"},
    {"00a40004026f0700", KL_APDU_OK, KL_APDU_CASE_4S, 2, 5, 256,
     "case 4S SELECT EF.IMSI"},
    {"00a4040007a000000087100200", KL_APDU_OK, KL_APDU_CASE_4S, 7, 5, 256,
     "case 4S SELECT USIM (CLI example)"},
    {"00a4040007a000000087100201", KL_APDU_OK, KL_APDU_CASE_4S, 7, 5, 1,
     "case 4S Le 01"},
    {"00b0000000ffff", KL_APDU_OK, KL_APDU_CASE_2E, 0, 4, 65535, "case 2E Le ffff"},
    {"00b0000000ff00", KL_APDU_OK, KL_APDU_CASE_2E, 0, 4, 65280, "case 2E Le ff00"},
    {"00b00000000001", KL_APDU_OK, KL_APDU_CASE_2E, 0, 4, 1, "case 2E Le 0001"},
    {"00b00000000000", KL_APDU_OK, KL_APDU_CASE_2E, 0, 4, 65536,
     "case 2E Le 0000 = 65536"},
    {"00d600000000017a", KL_APDU_OK, KL_APDU_CASE_3E, 1, 7, 0, "case 3E Nc 1"},
    {"00d600000000017a0000", KL_APDU_OK, KL_APDU_CASE_4E, 1, 7, 65536,
     "case 4E Nc 1 Le 0000"},
    {"00d600000000017a0001", KL_APDU_OK, KL_APDU_CASE_4E, 1, 7, 1,
     "case 4E Nc 1 Le 0001"},
    {"00d600000000027a7b0100", KL_APDU_OK, KL_APDU_CASE_4E, 2, 7, 256,
     "case 4E Le 0100"},
    /* Too short / header only. */
    {"", KL_APDU_E_TOO_SHORT, 0, 0, 0, 0, "empty"},
    {"00", KL_APDU_E_TOO_SHORT, 0, 0, 0, 0, "1 byte"},
    {"00a4", KL_APDU_E_TOO_SHORT, 0, 0, 0, 0, "2 bytes"},
    {"00a404", KL_APDU_E_TOO_SHORT, 0, 0, 0, 0, "3 bytes"},
    /* 1.3 step 5: 6 bytes with a zero fifth byte. */
    {"00a4040000ff", KL_APDU_E_ZERO_B4_LEN6, 0, 0, 0, 0, "6 bytes, b4 00"},
    {"00a404000000", KL_APDU_E_ZERO_B4_LEN6, 0, 0, 0, 0, "6 bytes, b4 00 b5 00"},
    /* Extended Lc 0000. */
    {"00d6000000000011", KL_APDU_E_EXT_LC_ZERO, 0, 0, 0, 0, "ext Lc 0000 + 1"},
    {"00d60000000000", KL_APDU_OK, KL_APDU_CASE_2E, 0, 4, 65536,
     "7 bytes 000000 is 2E, not Lc 0000"},
    {"00d600000000001122", KL_APDU_E_EXT_LC_ZERO, 0, 0, 0, 0,
     "ext Lc 0000 + Le-like bytes"},
    /* Short Lc: truncated, trailing, mixed. */
    {"00a4000002", KL_APDU_OK, KL_APDU_CASE_2S, 0, 4, 2,
     "5 bytes is always 2S"},
    {"00a40000023f", KL_APDU_E_TRUNCATED, 0, 0, 0, 0, "short Lc 2, 1 byte"},
    {"00a4000005010203", KL_APDU_E_TRUNCATED, 0, 0, 0, 0, "short Lc 5, 3 bytes"},
    {"00a40000023f000000", KL_APDU_E_LE_MIXED, 0, 0, 0, 0,
     "two-byte Le after short Lc"},
    {"00a40000023f00000000", KL_APDU_E_TRAILING, 0, 0, 0, 0,
     "short Lc, three bytes after data"},
    {"00a40000023f0000000000", KL_APDU_E_TRAILING, 0, 0, 0, 0,
     "short Lc, four bytes after data"},
    /* Extended Lc: truncated, trailing, mixed. */
    {"00d600000000027a", KL_APDU_E_TRUNCATED, 0, 0, 0, 0, "ext Lc 2, 1 byte"},
    {"00d600000000027a7b00", KL_APDU_E_LE_MIXED, 0, 0, 0, 0,
     "one-byte Le after extended Lc"},
    {"00d600000000027a7b000000", KL_APDU_E_TRAILING, 0, 0, 0, 0,
     "three-byte Le after extended Lc"},
    {"00d600000000027a7b00000000", KL_APDU_E_TRAILING, 0, 0, 0, 0,
     "ext Lc, four bytes after data"},
    {"00d60000000100", KL_APDU_OK, KL_APDU_CASE_2E, 0, 4, 256,
     "7 bytes: 2E even if it looks like Lc 0100"},
    {"00d6000000010011", KL_APDU_E_TRUNCATED, 0, 0, 0, 0,
     "ext Lc 0100 with 1 byte"},
    /* CLA. */
    {"ffa40000", KL_APDU_E_CLA_INVALID, 0, 0, 0, 0, "CLA FF"},
    {"ffc0000000", KL_APDU_E_CLA_INVALID, 0, 0, 0, 0, "CLA FF 2S"},
    {"20a40000", KL_APDU_E_CLA_RESERVED, 0, 0, 0, 0, "CLA 20"},
    {"3fa40000", KL_APDU_E_CLA_RESERVED, 0, 0, 0, 0, "CLA 3F"},
    {"1fa40000", KL_APDU_OK, KL_APDU_CASE_1, 0, 4, 0, "CLA 1F"},
    {"40a40000", KL_APDU_OK, KL_APDU_CASE_1, 0, 4, 0, "CLA 40"},
    {"fea40000", KL_APDU_OK, KL_APDU_CASE_1, 0, 4, 0, "CLA FE"},
    {"a0a40000", KL_APDU_OK, KL_APDU_CASE_1, 0, 4, 0, "CLA A0 (GSM)"},
    {"80f20000", KL_APDU_OK, KL_APDU_CASE_1, 0, 4, 0, "CLA 80 STATUS"},
    /* Errors are reported length-first: too short before CLA FF. */
    {"ffa404", KL_APDU_E_TOO_SHORT, 0, 0, 0, 0, "3 bytes, CLA FF"},
    /* CLA before the length fields. */
    {"ffa40000023f", KL_APDU_E_CLA_INVALID, 0, 0, 0, 0, "CLA FF, truncated"},
    {"2fa4040000ff", KL_APDU_E_CLA_RESERVED, 0, 0, 0, 0, "CLA 2F, 6 bytes"},
    /* INS 6X / 9X are not refused (T=0 procedure bytes only). */
    {"00600000", KL_APDU_OK, KL_APDU_CASE_1, 0, 4, 0, "INS 60 accepted"},
    {"00900000", KL_APDU_OK, KL_APDU_CASE_1, 0, 4, 0, "INS 90 accepted"},
};

static void test_table(void)
{
    size_t i;
    for (i = 0; i < sizeof table / sizeof table[0]; i++) {
        const struct vec *v = &table[i];
        size_t n = from_hex(v->hex);
        if (v->err == KL_APDU_OK)
            expect_ok(n, v->kase, v->nc, v->off, v->ne, v->what);
        else
            expect_err(n, v->err, v->what);
    }
}

/* ---- bounds ----------------------------------------------------------------- */

static void test_bounds_short(void)
{
    size_t n;
    n = build(KL_APDU_CASE_3S, 0x00, 0xD6, 1, 0);
    expect_ok(n, KL_APDU_CASE_3S, 1, 5, 0, "3S Nc 1");
    n = build(KL_APDU_CASE_3S, 0x00, 0xD6, 255, 0);
    CHECK(n == 260);
    expect_ok(n, KL_APDU_CASE_3S, 255, 5, 0, "3S Nc 255");
    n = build(KL_APDU_CASE_4S, 0x00, 0xD6, 1, 1);
    expect_ok(n, KL_APDU_CASE_4S, 1, 5, 1, "4S Nc 1 Ne 1");
    n = build(KL_APDU_CASE_4S, 0x00, 0xD6, 255, 0);
    CHECK(n == 261);
    expect_ok(n, KL_APDU_CASE_4S, 255, 5, 256, "4S Nc 255 Ne 256");
    n = build(KL_APDU_CASE_4S, 0x00, 0xD6, 255, 255);
    expect_ok(n, KL_APDU_CASE_4S, 255, 5, 255, "4S Nc 255 Ne 255");
    n = build(KL_APDU_CASE_2S, 0x00, 0xB0, 0, 1);
    expect_ok(n, KL_APDU_CASE_2S, 0, 4, 1, "2S Ne 1");
    n = build(KL_APDU_CASE_2S, 0x00, 0xB0, 0, 0);
    expect_ok(n, KL_APDU_CASE_2S, 0, 4, 256, "2S Ne 256");
    /* One byte short of 3S Nc 255 and one too many after 4S. */
    n = build(KL_APDU_CASE_3S, 0x00, 0xD6, 255, 0);
    expect_err(n - 1, KL_APDU_E_TRUNCATED, "3S Nc 255 minus 1");
    n = build(KL_APDU_CASE_4S, 0x00, 0xD6, 255, 0);
    buf[n] = 0;
    expect_err(n + 1, KL_APDU_E_LE_MIXED, "4S Nc 255 plus 1");
    buf[n + 1] = 0;
    expect_err(n + 2, KL_APDU_E_TRAILING, "4S Nc 255 plus 2");
}

static void test_bounds_extended(void)
{
    size_t n;
    n = build(KL_APDU_CASE_3E, 0x00, 0xD6, 1, 0);
    expect_ok(n, KL_APDU_CASE_3E, 1, 7, 0, "3E Nc 1");
    n = build(KL_APDU_CASE_3E, 0x00, 0xD6, 255, 0);
    expect_ok(n, KL_APDU_CASE_3E, 255, 7, 0, "3E Nc 255");
    n = build(KL_APDU_CASE_3E, 0x00, 0xD6, 256, 0);
    CHECK(n == 263);
    expect_ok(n, KL_APDU_CASE_3E, 256, 7, 0, "3E Nc 256");
    n = build(KL_APDU_CASE_3E, 0x00, 0xD6, 65535, 0);
    CHECK(n == 65542);
    expect_ok(n, KL_APDU_CASE_3E, 65535, 7, 0, "3E Nc 65535");
    n = build(KL_APDU_CASE_4E, 0x00, 0xD6, 256, 0);
    expect_ok(n, KL_APDU_CASE_4E, 256, 7, 65536, "4E Nc 256 Ne 65536");
    n = build(KL_APDU_CASE_4E, 0x00, 0xD6, 65535, 0);
    CHECK(n == KL_APDU_MAX_LEN);
    expect_ok(n, KL_APDU_CASE_4E, 65535, 7, 65536, "4E Nc 65535 Ne 65536");
    n = build(KL_APDU_CASE_4E, 0x00, 0xD6, 65535, 1);
    expect_ok(n, KL_APDU_CASE_4E, 65535, 7, 1, "4E Nc 65535 Ne 1");
    n = build(KL_APDU_CASE_4E, 0x00, 0xD6, 1, 256);
    expect_ok(n, KL_APDU_CASE_4E, 1, 7, 256, "4E Nc 1 Ne 256");
    n = build(KL_APDU_CASE_4E, 0x00, 0xD6, 1, 65535);
    expect_ok(n, KL_APDU_CASE_4E, 1, 7, 65535, "4E Nc 1 Ne 65535");
    n = build(KL_APDU_CASE_2E, 0x00, 0xB0, 0, 1);
    expect_ok(n, KL_APDU_CASE_2E, 0, 4, 1, "2E Ne 1");
    n = build(KL_APDU_CASE_2E, 0x00, 0xB0, 0, 256);
    expect_ok(n, KL_APDU_CASE_2E, 0, 4, 256, "2E Ne 256");
    n = build(KL_APDU_CASE_2E, 0x00, 0xB0, 0, 0);
    expect_ok(n, KL_APDU_CASE_2E, 0, 4, 65536, "2E Ne 65536");
    /* Around the maximum length. */
    n = build(KL_APDU_CASE_4E, 0x00, 0xD6, 65535, 0);
    buf[n] = 0;
    expect_err(n + 1, KL_APDU_E_TOO_LONG, "65545 bytes");
    expect_err((size_t)-1, KL_APDU_E_TOO_LONG, "SIZE_MAX bytes (not read)");
    n = build(KL_APDU_CASE_3E, 0x00, 0xD6, 65535, 0);
    expect_err(n - 1, KL_APDU_E_TRUNCATED, "3E Nc 65535 minus 1");
    buf[n] = 0x42;
    expect_err(n + 1, KL_APDU_E_LE_MIXED, "3E Nc 65535 plus 1");
}

/* ---- deviations listed in docs/standards.md 1.3 ---------------------------------- */

/* pySim parse_command_apdu(): a short Lc 00 read as 256. */
static void test_dev_pysim_short_lc_256(void)
{
    size_t i, n = 0;
    buf[n++] = 0x00;
    buf[n++] = 0xD6;
    buf[n++] = 0x00;
    buf[n++] = 0x00;
    buf[n++] = 0x00; /* short "Lc" 00 */
    for (i = 0; i < 256; i++)
        buf[n++] = 0x11; /* b5 b6 = 1111: not a plausible extended Lc */
    expect_err(n, KL_APDU_E_SHORT_LC_ZERO, "short Lc 00 + 256 bytes");
    buf[n] = 0x00;
    expect_err(n + 1, KL_APDU_E_SHORT_LC_ZERO, "short Lc 00 + 256 bytes + Le");
    /* The same 261 bytes are a valid 3E when b5 b6 happen to say 254. */
    buf[5] = 0x00;
    buf[6] = 0xFE;
    expect_ok(n, KL_APDU_CASE_3E, 254, 7, 0, "261 bytes that are 3E Nc 254");
}

/* pySim has no extended lengths: they must work here. */
static void test_dev_pysim_extended(void)
{
    size_t n = build(KL_APDU_CASE_3E, 0x00, 0xD6, 300, 0);
    expect_ok(n, KL_APDU_CASE_3E, 300, 7, 0, "3E Nc 300");
    n = build(KL_APDU_CASE_4E, 0x00, 0xB0, 2, 0x1000);
    expect_ok(n, KL_APDU_CASE_4E, 2, 7, 4096, "4E Ne 4096");
}

/* onomondo-uicc: Le is a uint16_t; 0000 must be 65536 in 2E and 4E. */
static void test_dev_onomondo_le_0000(void)
{
    size_t n = from_hex("00b00000000000");
    expect_ok(n, KL_APDU_CASE_2E, 0, 4, 65536, "2E Le 0000 is 65536, not 65535");
    n = from_hex("00d600000000017a0000");
    expect_ok(n, KL_APDU_CASE_4E, 1, 7, 65536, "4E Le 0000 is 65536, not 0");
}

/* onomondo-uicc: after an extended Lc it takes 1, 2 or 3 bytes as Le. */
static void test_dev_onomondo_ext_le_width(void)
{
    size_t n = from_hex("00d600000000017a01");
    expect_err(n, KL_APDU_E_LE_MIXED, "ext Lc + 1-byte Le");
    n = from_hex("00d600000000017a0001");
    expect_ok(n, KL_APDU_CASE_4E, 1, 7, 1, "ext Lc + 2-byte Le");
    n = from_hex("00d600000000017a000001");
    expect_err(n, KL_APDU_E_TRAILING, "ext Lc + 3-byte Le");
}

/* onomondo-uicc: extended Lc 0000 not rejected. */
static void test_dev_onomondo_ext_lc_zero(void)
{
    size_t n = from_hex("00d60000000000aa");
    expect_err(n, KL_APDU_E_EXT_LC_ZERO, "ext Lc 0000 with data");
    n = from_hex("00d60000000000aabb");
    expect_err(n, KL_APDU_E_EXT_LC_ZERO, "ext Lc 0000 with 2 bytes");
}

/* onomondo-uicc: short case 4 takes the last byte as Le without checking
 * that the length is 6 + Lc. */
static void test_dev_onomondo_short4_length(void)
{
    size_t n = from_hex("00a40004026f070000");
    expect_err(n, KL_APDU_E_LE_MIXED, "short Lc 2, data, 2 more bytes");
    n = from_hex("00a40004026f07000000");
    expect_err(n, KL_APDU_E_TRAILING, "short Lc 2, data, 3 more bytes");
}

/* onomondo-uicc: the trailing-byte count is a uint8_t difference. */
static void test_dev_onomondo_trailing_wrap(void)
{
    /* Short Lc 1 then 256 more bytes: 257 trailing bytes would wrap a
     * uint8_t to 1 and look like a valid Le. */
    size_t i, n = from_hex("80e2000001aa");
    for (i = 0; i < 257; i++)
        buf[n++] = 0x00;
    expect_err(n, KL_APDU_E_TRAILING, "short Lc 1 + 257 trailing bytes");
    /* Extended: Lc 1 then 257 bytes (7 + 1 + 257 = 265). */
    n = from_hex("00d600000000017a");
    for (i = 0; i < 257; i++)
        buf[n++] = 0x00;
    expect_err(n, KL_APDU_E_TRAILING, "ext Lc 1 + 257 trailing bytes");
}

/* onomondo-uicc: an Lc larger than the buffer is processed as "no data". */
static void test_dev_onomondo_lc_beyond(void)
{
    size_t n = from_hex("00d60000ff0102");
    expect_err(n, KL_APDU_E_TRUNCATED, "short Lc ff, 2 bytes");
    n = from_hex("00d6000000ffff0102");
    expect_err(n, KL_APDU_E_TRUNCATED, "ext Lc ffff, 2 bytes");
}

/* trussed iso7816: further-class channel and SM. */
static void test_dev_trussed_further(void)
{
    kl_apdu_cla_info ci;
    CHECK(kl_apdu_decode_cla(0x4F, &ci) == KL_APDU_OK);
    CHECK(ci.kind == KL_APDU_CLA_FURTHER && ci.channel == 19);
    CHECK(kl_apdu_decode_cla(0x44, &ci) == KL_APDU_OK);
    CHECK(ci.channel == 8); /* trussed: (4 + 0x44) & 7 = 0 */
    CHECK(kl_apdu_decode_cla(0x40, &ci) == KL_APDU_OK);
    CHECK(ci.channel == 4 && ci.sm == KL_APDU_SM_NONE && ci.chaining == 0);
    CHECK(kl_apdu_decode_cla(0x60, &ci) == KL_APDU_OK);
    CHECK(ci.channel == 4 && ci.sm == KL_APDU_SM_ISO_NOHDR);
    CHECK(kl_apdu_decode_cla(0x50, &ci) == KL_APDU_OK);
    CHECK(ci.sm == KL_APDU_SM_NONE && ci.chaining == 1);
}

/* ---- CLA ------------------------------------------------------------------ */

static void test_cla_examples(void)
{
    static const struct {
        uint8_t cla;
        int rc, kind, channel, sm, chaining;
    } v[] = {
        {0x00, KL_APDU_OK, KL_APDU_CLA_FIRST, 0, KL_APDU_SM_NONE, 0},
        {0x03, KL_APDU_OK, KL_APDU_CLA_FIRST, 3, KL_APDU_SM_NONE, 0},
        {0x04, KL_APDU_OK, KL_APDU_CLA_FIRST, 0, KL_APDU_SM_PROPRIETARY, 0},
        {0x08, KL_APDU_OK, KL_APDU_CLA_FIRST, 0, KL_APDU_SM_ISO_NOHDR, 0},
        {0x0C, KL_APDU_OK, KL_APDU_CLA_FIRST, 0, KL_APDU_SM_ISO_AUTH, 0},
        {0x10, KL_APDU_OK, KL_APDU_CLA_FIRST, 0, KL_APDU_SM_NONE, 1},
        {0x1F, KL_APDU_OK, KL_APDU_CLA_FIRST, 3, KL_APDU_SM_ISO_AUTH, 1},
        {0x40, KL_APDU_OK, KL_APDU_CLA_FURTHER, 4, KL_APDU_SM_NONE, 0},
        {0x4F, KL_APDU_OK, KL_APDU_CLA_FURTHER, 19, KL_APDU_SM_NONE, 0},
        {0x5F, KL_APDU_OK, KL_APDU_CLA_FURTHER, 19, KL_APDU_SM_NONE, 1},
        {0x60, KL_APDU_OK, KL_APDU_CLA_FURTHER, 4, KL_APDU_SM_ISO_NOHDR, 0},
        {0x7F, KL_APDU_OK, KL_APDU_CLA_FURTHER, 19, KL_APDU_SM_ISO_NOHDR, 1},
        {0x80, KL_APDU_OK, KL_APDU_CLA_PROPRIETARY, 0, KL_APDU_SM_NONE, 0},
        {0x81, KL_APDU_OK, KL_APDU_CLA_PROPRIETARY, 1, KL_APDU_SM_NONE, 0},
        {0x83, KL_APDU_OK, KL_APDU_CLA_PROPRIETARY, 3, KL_APDU_SM_NONE, 0},
        {0xA0, KL_APDU_OK, KL_APDU_CLA_PROPRIETARY, 0, KL_APDU_SM_NONE, 0},
        {0xC0, KL_APDU_OK, KL_APDU_CLA_PROPRIETARY, 4, KL_APDU_SM_NONE, 0},
        {0xCF, KL_APDU_OK, KL_APDU_CLA_PROPRIETARY, 19, KL_APDU_SM_NONE, 0},
        {0xE0, KL_APDU_OK, KL_APDU_CLA_PROPRIETARY, 4, KL_APDU_SM_ISO_NOHDR, 0},
        {0xEB, KL_APDU_OK, KL_APDU_CLA_PROPRIETARY, 15, KL_APDU_SM_ISO_NOHDR, 0},
        {0xFE, KL_APDU_OK, KL_APDU_CLA_PROPRIETARY, 18, KL_APDU_SM_ISO_NOHDR, 1},
        {0xFF, KL_APDU_E_CLA_INVALID, 0, 0, 0, 0},
        {0x20, KL_APDU_E_CLA_RESERVED, 0, 0, 0, 0},
        {0x2C, KL_APDU_E_CLA_RESERVED, 0, 0, 0, 0},
        {0x3F, KL_APDU_E_CLA_RESERVED, 0, 0, 0, 0},
    };
    size_t i;
    for (i = 0; i < sizeof v / sizeof v[0]; i++) {
        kl_apdu_cla_info ci;
        int rc;
        memset(&ci, 0x5A, sizeof ci);
        rc = kl_apdu_decode_cla(v[i].cla, &ci);
        CHECKF(rc == v[i].rc, "CLA %02x: rc %d want %d", v[i].cla, rc,
               v[i].rc);
        if (rc != KL_APDU_OK) {
            kl_apdu_cla_info p;
            memset(&p, 0x5A, sizeof p);
            CHECKF(memcmp(&p, &ci, sizeof p) == 0, "CLA %02x: written",
                   v[i].cla);
            continue;
        }
        CHECKF(ci.kind == v[i].kind && ci.channel == v[i].channel &&
                   ci.sm == v[i].sm && ci.chaining == v[i].chaining,
               "CLA %02x: kind %d ch %d sm %d chain %d", v[i].cla,
               (int)ci.kind, (int)ci.channel, (int)ci.sm, (int)ci.chaining);
    }
    CHECK(kl_apdu_decode_cla(0x00, NULL) == KL_APDU_E_NULL);
    CHECK(kl_apdu_decode_cla(0xFF, NULL) == KL_APDU_E_NULL);
}

/* Channels 0..19 as pySim's lchan_nr_to_cla() forms them, every SM code and
 * the chaining bit, through the parser. */
static void test_cla_channels(void)
{
    int ch, sm, chain;
    for (ch = 0; ch < 20; ch++) {
        for (chain = 0; chain < 2; chain++) {
            for (sm = 0; sm < 4; sm++) {
                uint8_t cla;
                kl_apdu_cmd c;
                int want_sm;
                if (ch < 4) {
                    cla = (uint8_t)(ch | (sm << 2) | (chain << 4));
                    want_sm = sm;
                } else {
                    if (sm != 0 && sm != 2)
                        continue; /* further class: SM none or ISO only */
                    cla = (uint8_t)(0x40 | (ch - 4) | (chain << 4) |
                                    (sm == 2 ? 0x20 : 0));
                    want_sm = sm;
                }
                buf[0] = cla;
                buf[1] = 0xB0;
                buf[2] = 0;
                buf[3] = 0;
                CHECKF(kl_apdu_parse(buf, 4, &c) == KL_APDU_OK, "CLA %02x", cla);
                CHECKF(c.cls.channel == ch && c.cls.sm == want_sm &&
                           c.cls.chaining == chain &&
                           c.cls.kind == (ch < 4 ? KL_APDU_CLA_FIRST
                                                 : KL_APDU_CLA_FURTHER),
                       "CLA %02x: ch %d sm %d chain %d", cla,
                       (int)c.cls.channel, (int)c.cls.sm,
                       (int)c.cls.chaining);
                /* The UICC proprietary form: '8X' / 'CX' / 'EX'.  Channel
                 * 19 with ISO SM and chaining would be 'FF': invalid. */
                buf[0] = (uint8_t)(cla | 0x80);
                if (buf[0] == 0xFF) {
                    CHECK(kl_apdu_parse(buf, 4, &c) == KL_APDU_E_CLA_INVALID);
                    continue;
                }
                CHECKF(kl_apdu_parse(buf, 4, &c) == KL_APDU_OK, "CLA %02x",
                       buf[0]);
                CHECKF(c.cls.kind == KL_APDU_CLA_PROPRIETARY &&
                           c.cls.channel == ch && c.cls.sm == want_sm &&
                           c.cls.chaining == chain,
                       "CLA %02x: proprietary ch %d", buf[0],
                       (int)c.cls.channel);
            }
        }
    }
}

/* All 256 CLA values: parser and decoder agree with the reference. */
static void test_cla_sweep(void)
{
    unsigned v;
    for (v = 0; v < 256; v++) {
        kl_apdu_cla_info ci;
        struct ref_apdu r;
        kl_apdu_cmd c;
        int rc = kl_apdu_decode_cla((uint8_t)v, &ci);
        int rr = ref_cla_decode(v, &r);
        int prc;
        CHECKF((rc == KL_APDU_OK) == (rr == REF_OK), "CLA %02x accept", v);
        if (rc == KL_APDU_OK && rr == REF_OK)
            CHECKF(ci.kind == r.kind && (unsigned)ci.channel == r.channel &&
                       ci.sm == r.sm && ci.chaining == r.chaining,
                   "CLA %02x fields", v);
        if (rc != KL_APDU_OK)
            CHECKF((rc == KL_APDU_E_CLA_INVALID && rr == REF_CLA_FF) ||
                       (rc == KL_APDU_E_CLA_RESERVED && rr == REF_CLA_RFU),
                   "CLA %02x reason", v);
        buf[0] = (uint8_t)v;
        buf[1] = 0xA4;
        buf[2] = 0;
        buf[3] = 0;
        prc = kl_apdu_parse(buf, 4, &c);
        CHECKF(prc == (rc == KL_APDU_OK ? KL_APDU_OK : rc), "parse CLA %02x", v);
        if (prc == KL_APDU_OK)
            CHECKF(c.cls.kind == ci.kind && c.cls.channel == ci.channel &&
                       c.cls.sm == ci.sm && c.cls.chaining == ci.chaining &&
                       c.cla == (int32_t)v,
                   "parse CLA %02x fields", v);
    }
}

/* ---- NULL arguments ------------------------------------------------------- */

static void test_null(void)
{
    kl_apdu_cmd c;
    poison(&c);
    CHECK(kl_apdu_parse(NULL, 4, &c) == KL_APDU_E_NULL);
    CHECK(is_poisoned(&c));
    CHECK(kl_apdu_parse(NULL, 0, &c) == KL_APDU_E_NULL);
    buf[0] = 0;
    CHECK(kl_apdu_parse(buf, 4, NULL) == KL_APDU_E_NULL);
    CHECK(kl_apdu_parse(NULL, 0, NULL) == KL_APDU_E_NULL);
}

/* ---- response builder ----------------------------------------------------- */

static void test_response(void)
{
    static uint8_t data[KL_APDU_MAX_RESP_DATA + 1];
    static uint8_t out[KL_APDU_MAX_RESP_DATA + 8];
    size_t olen, i;
    static const uint8_t want2[] = {0x90, 0x00};
    static const uint8_t want5[] = {0xDE, 0xAD, 0xBE, 0x61, 0x10};

    /* SW only, exactly 2 bytes of room; data may be NULL when len 0. */
    olen = 77;
    CHECK(kl_apdu_response(NULL, 0, 0x90, 0x00, out, 2, &olen) == KL_APDU_OK);
    CHECK(olen == 2);
    CHECK_BYTES(out, want2, 2, "SW only");
    /* One byte too little room: nothing written. */
    memset(out, 0xEE, 8);
    olen = 77;
    CHECK(kl_apdu_response(NULL, 0, 0x90, 0x00, out, 1, &olen) ==
          KL_APDU_E_RESP_CAPACITY);
    CHECK(olen == 77 && out[0] == 0xEE);
    CHECK(kl_apdu_response(NULL, 0, 0x90, 0x00, out, 0, &olen) ==
          KL_APDU_E_RESP_CAPACITY);
    /* 3 bytes of data, exact fit and one short. */
    data[0] = 0xDE;
    data[1] = 0xAD;
    data[2] = 0xBE;
    CHECK(kl_apdu_response(data, 3, 0x61, 0x10, out, 5, &olen) == KL_APDU_OK);
    CHECK(olen == 5);
    CHECK_BYTES(out, want5, 5, "3 bytes + 6110");
    memset(out, 0xEE, 8);
    olen = 77;
    CHECK(kl_apdu_response(data, 3, 0x61, 0x10, out, 4, &olen) ==
          KL_APDU_E_RESP_CAPACITY);
    CHECK(olen == 77 && out[0] == 0xEE && out[3] == 0xEE);
    /* Larger buffer than needed: bytes after the SW untouched. */
    memset(out, 0xEE, 16);
    CHECK(kl_apdu_response(data, 3, 0x90, 0x00, out, 16, &olen) == KL_APDU_OK);
    CHECK(olen == 5 && out[5] == 0xEE && out[3] == 0x90);
    /* Largest response: 65536 data bytes. */
    for (i = 0; i < KL_APDU_MAX_RESP_DATA + 1; i++)
        data[i] = (uint8_t)(i * 13 + 5);
    CHECK(kl_apdu_response(data, KL_APDU_MAX_RESP_DATA, 0x90, 0x00, out,
                        KL_APDU_MAX_RESP_DATA + 2, &olen) == KL_APDU_OK);
    CHECK(olen == KL_APDU_MAX_RESP_DATA + 2);
    CHECK_BYTES(out, data, KL_APDU_MAX_RESP_DATA, "65536 data bytes");
    CHECK(out[KL_APDU_MAX_RESP_DATA] == 0x90 &&
          out[KL_APDU_MAX_RESP_DATA + 1] == 0x00);
    CHECK(kl_apdu_response(data, KL_APDU_MAX_RESP_DATA, 0x90, 0x00, out,
                        KL_APDU_MAX_RESP_DATA + 1, &olen) ==
          KL_APDU_E_RESP_CAPACITY);
    olen = 77;
    CHECK(kl_apdu_response(data, KL_APDU_MAX_RESP_DATA + 1, 0x90, 0x00, out,
                        sizeof out, &olen) == KL_APDU_E_RESP_TOO_LONG);
    CHECK(olen == 77);
    /* Huge len and capacity values: no wrap-around. */
    CHECK(kl_apdu_response(data, (size_t)-1, 0x90, 0x00, out, (size_t)-1,
                        &olen) == KL_APDU_E_RESP_TOO_LONG);
    /* NULL arguments. */
    CHECK(kl_apdu_response(NULL, 1, 0x90, 0x00, out, 8, &olen) == KL_APDU_E_NULL);
    CHECK(kl_apdu_response(data, 1, 0x90, 0x00, NULL, 8, &olen) ==
          KL_APDU_E_NULL);
    CHECK(kl_apdu_response(data, 1, 0x90, 0x00, out, 8, NULL) == KL_APDU_E_NULL);
}

/* ---- differential --------------------------------------------------------- */

static const char *const case_names[] = {"?", "1", "2S", "3S", "4S",
                                         "2E", "3E", "4E"};

/* A random length field value, biased to the bounds. */
static size_t pick_nc(uint64_t *st, size_t max)
{
    uint64_t r = tl_rand64(st);
    switch (r % 8) {
    case 0: return 1;
    case 1: return max;
    case 2: return max > 1 ? max - 1 : 1;
    case 3: return (size_t)((r >> 8) % 16) + 1;
    case 4: return max >= 256 ? 256 : max;
    case 5: return max >= 257 ? 254 + (size_t)((r >> 8) % 4) : max;
    default: {
        /* Mostly small, sometimes anywhere up to max. */
        size_t cap = ((r >> 8) % 8 == 0) ? max : (max < 600 ? max : 600);
        return (size_t)((r >> 16) % cap) + 1;
    }
    }
}

static size_t random_input(uint64_t *st)
{
    uint64_t r = tl_rand64(st);
    int kase = (int)(r % 7) + 1;
    size_t n, nc = 0;
    unsigned long le = 0;
    static const uint8_t clas[] = {0x00, 0x01, 0x0C, 0x13, 0x40, 0x4F,
                                   0x6A, 0x80, 0x83, 0xA0, 0xC5, 0xE3,
                                   0xFE, 0xFF, 0x20, 0x3F};
    uint8_t cla = (r >> 8) % 4 == 0 ? (uint8_t)(r >> 16)
                                    : clas[(r >> 24) % sizeof clas];

    if ((r >> 32) % 20 == 0) {
        /* Fully random short string. */
        n = (size_t)((r >> 40) % 16);
        tl_rand_bytes(st, buf, n);
        return n;
    }
    if (kase == KL_APDU_CASE_3S || kase == KL_APDU_CASE_4S)
        nc = pick_nc(st, 255);
    else if (kase == KL_APDU_CASE_3E || kase == KL_APDU_CASE_4E)
        nc = pick_nc(st, 65535);
    if (kase == KL_APDU_CASE_2S || kase == KL_APDU_CASE_4S)
        le = (unsigned long)(tl_rand64(st) % 256);
    else if (kase == KL_APDU_CASE_2E || kase == KL_APDU_CASE_4E) {
        uint64_t q = tl_rand64(st);
        le = q % 4 == 0 ? 0 : (q % 4 == 1 ? 1 : (unsigned long)((q >> 8) % 65536));
    }
    n = build(kase, cla, (uint8_t)(r >> 40), nc, le);

    /* Occasionally corrupt it. */
    r = tl_rand64(st);
    switch (r % 10) {
    case 0: /* drop bytes */
        n -= (size_t)((r >> 8) % 4) % (n + 1);
        break;
    case 1: { /* append bytes */
        size_t k = (size_t)((r >> 8) % 4) + 1, i;
        for (i = 0; i < k && n < KL_APDU_MAX_LEN + 8; i++)
            buf[n++] = (uint8_t)(r >> (16 + 8 * i));
        break;
    }
    case 2: /* rewrite a length byte */
        if (n > 4)
            buf[4 + (size_t)((r >> 8) % (n - 4 < 3 ? n - 4 : 3))] =
                (uint8_t)((r >> 16) % 3 == 0 ? 0 : (r >> 24));
        break;
    case 3: /* rewrite the last byte(s) */
        if (n > 0)
            buf[n - 1] = (uint8_t)(r >> 8);
        break;
    default:
        break;
    }
    return n;
}

static void test_differential(void)
{
    uint64_t st = 0x6b696c6973744150ULL; /* "kilistAP" */
    unsigned long i, iters = 200000, accepted = 0, mismatches = 0;
    unsigned long per_case[8] = {0};

    for (i = 0; i < iters; i++) {
        size_t n = random_input(&st);
        kl_apdu_cmd c;
        struct ref_apdu r;
        int rc, rr;
        int ok = 1;
        poison(&c);
        memset(&r, 0, sizeof r);
        rc = kl_apdu_parse(buf, n, &c);
        rr = ref_apdu_decode(buf, n, &r);
        if (rc != apdu_expected_status(rr)) {
            ok = 0;
        } else if (rc == KL_APDU_OK) {
            accepted++;
            ok = c.apdu_case >= 1 && c.apdu_case <= 7 &&
                 strcmp(case_names[c.apdu_case], r.case_name) == 0 &&
                 (unsigned)c.cla == r.cla && (unsigned)c.ins == r.ins &&
                 (unsigned)c.p1 == r.p1 && (unsigned)c.p2 == r.p2 &&
                 (unsigned long)c.nc == r.nc &&
                 (unsigned long)c.ne == r.ne &&
                 (size_t)c.data_off == r.data_offset &&
                 c.cls.kind == r.kind &&
                 (unsigned)c.cls.channel == r.channel &&
                 c.cls.sm == r.sm && c.cls.chaining == r.chaining &&
                 (size_t)c.data_off + (size_t)c.nc <= n;
            if (ok)
                per_case[c.apdu_case]++;
        } else {
            ok = is_poisoned(&c);
        }
        if (!ok) {
            mismatches++;
            if (mismatches <= 5) {
                char hex[2 * 24 + 1];
                tl_bin2hex(buf, n < 24 ? n : 24, hex);
                printf("  mismatch #%lu n=%zu %s%s: core %d ref %d(%d)\n", i,
                       n, hex, n > 24 ? "..." : "", rc, rr, apdu_expected_status(rr));
            }
        }
    }
    CHECKF(mismatches == 0, "%lu of %lu inputs disagree", mismatches, iters);
    /* The generator must actually exercise every case and refusals. */
    CHECKF(accepted > iters / 4 && accepted < iters - iters / 20,
           "accepted %lu of %lu", accepted, iters);
    for (i = 1; i <= 7; i++)
        CHECKF(per_case[i] > iters / 50, "case %s seen %lu times",
               case_names[i], per_case[i]);
}

/* Every refusal reason must be reachable by the generator too. */
static void test_differential_reasons(void)
{
    uint64_t st = 0x1234abcd9876ef01ULL;
    unsigned long i, seen[16] = {0};
    for (i = 0; i < 100000; i++) {
        size_t n = random_input(&st);
        kl_apdu_cmd c;
        struct ref_apdu r;
        int rc = kl_apdu_parse(buf, n, &c);
        int rr = ref_apdu_decode(buf, n, &r);
        if (rc != apdu_expected_status(rr)) {
            CHECKF(0, "input %lu: core %d ref %d", i, rc, rr);
            break;
        }
        if (rc <= -301 && rc >= -311)
            seen[-rc - 300]++;
    }
    /* -301 (NULL) and -302 (too long) cannot come from the generator. */
    for (i = 3; i <= 11; i++)
        CHECKF(seen[i] > 0, "error -%lu never generated", 300 + i);
}

int main(void)
{
    tl_run(SUITE, "table", test_table);
    tl_run(SUITE, "bounds_short", test_bounds_short);
    tl_run(SUITE, "bounds_extended", test_bounds_extended);
    tl_run(SUITE, "dev_pysim_short_lc_00_as_256", test_dev_pysim_short_lc_256);
    tl_run(SUITE, "dev_pysim_no_extended", test_dev_pysim_extended);
    tl_run(SUITE, "dev_onomondo_le_0000", test_dev_onomondo_le_0000);
    tl_run(SUITE, "dev_onomondo_ext_le_width", test_dev_onomondo_ext_le_width);
    tl_run(SUITE, "dev_onomondo_ext_lc_0000", test_dev_onomondo_ext_lc_zero);
    tl_run(SUITE, "dev_onomondo_short4_length",
           test_dev_onomondo_short4_length);
    tl_run(SUITE, "dev_onomondo_trailing_wrap",
           test_dev_onomondo_trailing_wrap);
    tl_run(SUITE, "dev_onomondo_lc_beyond_buffer",
           test_dev_onomondo_lc_beyond);
    tl_run(SUITE, "dev_trussed_further_class", test_dev_trussed_further);
    tl_run(SUITE, "cla_examples", test_cla_examples);
    tl_run(SUITE, "cla_channels_0_19", test_cla_channels);
    tl_run(SUITE, "cla_sweep_256", test_cla_sweep);
    tl_run(SUITE, "null_arguments", test_null);
    tl_run(SUITE, "response", test_response);
    tl_run(SUITE, "differential_200k", test_differential);
    tl_run(SUITE, "differential_reasons", test_differential_reasons);
    return tl_finish();
}
