/* test_card_fs.c - the card's file system commands, one APDU at a time:
 * SELECT every way, the FCP, READ/UPDATE BINARY and RECORD (SFI, offsets,
 * lengths), STATUS, GET RESPONSE, class/INS/case checks, malformed APDUs,
 * and "a refused command changes no stored byte" (image compared before and
 * after).  Expected responses are written out by hand from TS 102 221 /
 * TS 31.102 (docs/standards.md 1.5, 2.1-2.3). */
#include "test_card_util.h"

/* EF.IMSI's FCP, from the tags of TS 102 221 11.1.1.4 (fcp.c header). */
#define FCP_IMSI                                                             \
    "622a" "82024121" "83026f07" "8a0105"                                   \
    "ab16" "800101a406830101950108" "800102a40683010a950108"                \
    "80020009" "880138"
#define IMSI_EF "080910100000000010"        /* 001010000000001 */
#define ICCID_EF "988812010000400310f0"     /* 8988211000000430010 */
#define DIR_REC1                                                             \
    "61194f10" TC_USIM_AID "5005" "5553696d31"                              \
    "ffffffffff"

static kl_card *adf(void)
{
    kl_card *c = tc_new_card();
    TC_EXPECT(c, "00a4040c10" TC_USIM_AID, "9000");
    return c;
}

static void t_select_fid_fcp(void)
{
    kl_card *c = adf();
    TC_EXPECT(c, "00a40004026f0700", FCP_IMSI "9000");
    /* T=0: no Le, so 61 XX and the FCP through GET RESPONSE */
    TC_EXPECT(c, "00a40004026f07", "612c");
    TC_EXPECT(c, "00c000002c", FCP_IMSI "9000");
    /* no data asked for */
    TC_EXPECT(c, "00a4000c026f07", "9000");
    /* ISO P2 00 (FCI) answered with the FCP */
    TC_EXPECT(c, "00a40000026f0700", FCP_IMSI "9000");
    /* the MF and EF.ICCID (a sibling of the ADF's parent) from the ADF */
    TC_SW(c, "00a4000c022fe2", "9000");
    TC_EXPECT(c, "00b000000a", ICCID_EF "9000");
    TC_SW(c, "00a4000c023f00", "9000");
    /* an ADF file is not reachable from the MF by FID */
    TC_EXPECT(c, "00a4000c026f07", "6a82");
    TC_EXPECT(c, "00a4000c021234", "6a82");
    /* the 7FFF alias selects the ADF */
    TC_EXPECT(c, "00a4000c027fff", "9000");
    TC_EXPECT(c, "00a4000c026fad", "9000");
}

static void t_select_fcp_df(void)
{
    kl_card *c = tc_new_card();
    char got[600];
    /* MF: 82 DF, 83 3F00, 8A, AB (ADM for every mode), C6 PS template with
     * PIN1 enabled (b8) and ADM1 (b7) */
    TC_EXPECT(c, "00a40004023f0000",
              "6223" "82027821" "83023f00" "8a0105"
              "ab0b80017fa40683010a950108"
              "c609" "9001c0" "830101" "83010a" "9000");
    /* ADF by full AID, with Le: 84 names the AID */
    tc_send(c, "00a4040410" TC_USIM_AID "00", got);
    CHECK(strncmp(got, "62", 2) == 0);
    CHECK(strstr(got, "83027fff8410" TC_USIM_AID "8a0105") != NULL);
    CHECK(strcmp(got + strlen(got) - 4, "9000") == 0);
}

static void t_select_aid(void)
{
    kl_card *c = tc_new_card();
    /* partial AID (RID + application code), prefix match */
    TC_EXPECT(c, "00a4040c07a0000000871002", "9000");
    TC_EXPECT(c, "00a4000c026f07", "9000");
    TC_EXPECT(c, "00a4040c01a0", "9000");
    TC_EXPECT(c, "00a4040c07a0000000871003", "6a82");
    TC_EXPECT(c, "00a4040c10a0000000871002ffffffff8907090001", "6a82");
    /* next / previous occurrence: there is one application */
    TC_EXPECT(c, "00a4040e07a0000000871002", "6a82");
    TC_EXPECT(c, "00a4040f07a0000000871002", "6a82");
    /* b7 b6 = 01: RFU */
    TC_EXPECT(c, "00a4042c07a0000000871002", "6a86");
    /* 17 bytes: longer than any AID */
    TC_EXPECT(c, "00a4040c11a0000000871002ffffffff890709000000", "6700");
    TC_EXPECT(c, "00a4040c", "6700");
}

static void t_select_path_parent(void)
{
    kl_card *c = tc_new_card();
    TC_EXPECT(c, "00a4080c047fff6f07", "9000");
    TC_EXPECT(c, "0020000108" TC_PIN1, "9000");
    TC_EXPECT(c, "00b0000009", IMSI_EF "9000");
    TC_EXPECT(c, "00a4080c022fe2", "9000");
    TC_EXPECT(c, "00b000000a", ICCID_EF "9000");
    /* path from the current DF */
    TC_EXPECT(c, "00a4080c027fff", "9000");
    TC_EXPECT(c, "00a4090c026fad", "9000");
    TC_EXPECT(c, "00b0000004", "000000029000");
    /* an EF in the middle of a path, an odd length, an empty path */
    TC_EXPECT(c, "00a4080c042fe26f07", "6a82");
    TC_EXPECT(c, "00a4080c037fff6f", "6700");
    TC_EXPECT(c, "00a4080c", "6700");
    TC_EXPECT(c, "00a4080c0a7fff7fff7fff7fff6f07", "6700");
    /* parent: ADF -> MF; the MF has none */
    TC_EXPECT(c, "00a4080c027fff", "9000");
    TC_EXPECT(c, "00a4030c", "9000");
    TC_EXPECT(c, "80f2000000",
              "6223" "82027821" "83023f00" "8a0105"
              "ab0b80017fa40683010a950108"
              "c609" "9001c0" "830101" "83010a" "9000");
    TC_EXPECT(c, "00a4030c", "6a82");
    TC_EXPECT(c, "00a4030c023f00", "6700");
    /* child DF: the MF has none by FID */
    TC_EXPECT(c, "00a4010c027fff", "6a82");
    TC_EXPECT(c, "00a4010c022fe2", "6a82");
    /* bad P1, bad P2 */
    TC_EXPECT(c, "00a4020c023f00", "6a86");
    TC_EXPECT(c, "00a40014023f00", "6a86");
    TC_EXPECT(c, "00a40084023f00", "6a86");
    TC_EXPECT(c, "00a40044023f00", "6a86");
    TC_EXPECT(c, "00a4000c033f0000", "6700");
    TC_EXPECT(c, "00a4000c013f", "6700");
}

static void t_status(void)
{
    kl_card *c = tc_new_card();
    char got[600];
    TC_EXPECT(c, "80f2000c", "9000");
    TC_EXPECT(c, "80f2000100", "9000"); /* no application selected */
    TC_EXPECT(c, "00a4040c07a0000000871002", "9000");
    TC_EXPECT(c, "80f2000100", "8410" TC_USIM_AID "9000");
    tc_send(c, "80f2000000", got);
    CHECK(strstr(got, "83027fff8410" TC_USIM_AID) != NULL);
    /* case 1: T=0 61 XX */
    tc_send(c, "80f20000", got);
    CHECK(strncmp(got, "61", 2) == 0 && strlen(got) == 4);
    TC_EXPECT(c, "80f2030000", "6a86");
    TC_EXPECT(c, "80f2000500", "6a86");
    TC_EXPECT(c, "00f2000000", "6e00"); /* STATUS is a TS 102 221 class */
    TC_EXPECT(c, "80f2000c01aa", "6700");
}

static void t_get_response(void)
{
    kl_card *c = adf();
    TC_EXPECT(c, "00c0000010", "6985"); /* nothing pending */
    TC_EXPECT(c, "00a40004026f07", "612c");
    TC_EXPECT(c, "00c000002d", "6c2c"); /* more than pending */
    TC_EXPECT(c, "00c0000110", "6a86");
    TC_EXPECT(c, "00c0000010", "622a8202412183026f078a0105ab1680" "611c");
}

static void t_get_response_parts(void)
{
    kl_card *c = adf();
    /* partial fetches: 61 XX gives what is left */
    TC_EXPECT(c, "00a40004026f07", "612c");
    TC_EXPECT(c, "00c0000010", "622a8202412183026f078a0105ab1680" "611c");
    TC_EXPECT(c, "00c000001c",
              "0101a406830101950108800102a40683010a950108800200098801389000");
    TC_EXPECT(c, "00c0000001", "6985");
    /* any other command drops what was pending */
    TC_EXPECT(c, "00a40004026f07", "612c");
    TC_EXPECT(c, "80f2000c", "9000");
    TC_EXPECT(c, "00c000002c", "6985");
    /* Le 00: whatever is pending */
    TC_EXPECT(c, "00a40004026f07", "612c");
    TC_EXPECT(c, "00c0000000", FCP_IMSI "9000");
}

static void t_read_binary(void)
{
    kl_card *c = tc_new_card();
    TC_EXPECT(c, "00b0000001", "6986"); /* no current EF */
    TC_EXPECT(c, "00a4000c022fe2", "9000");
    TC_EXPECT(c, "00b000000a", ICCID_EF "9000");
    TC_EXPECT(c, "00b0000000", ICCID_EF "9000"); /* Le 00: all there is */
    TC_EXPECT(c, "00b0000502", "00409000");
    TC_EXPECT(c, "00b0000901", "f09000");      /* last byte */
    TC_EXPECT(c, "00b0000a01", "6b00");        /* offset = size */
    TC_EXPECT(c, "00b07fff01", "6b00");        /* largest 15-bit offset */
    TC_EXPECT(c, "00b000000b", "6c0a");        /* Le past the end */
    TC_EXPECT(c, "00b0000505", "00400310f0" "9000");
    TC_EXPECT(c, "00b0000506", "6c05");
    /* by SFI: EF.ICCID is SFI 02 under the MF; P2 is the offset */
    TC_EXPECT(c, "00a4000c023f00", "9000");
    TC_EXPECT(c, "00b0820000", ICCID_EF "9000");
    TC_EXPECT(c, "00b0820802", "10f09000");
    TC_EXPECT(c, "00b0820a01", "6b00");
    TC_EXPECT(c, "00b0870009", "6a82"); /* EF.IMSI is not under the MF */
    TC_EXPECT(c, "00b09f0001", "6a82"); /* SFI 31 */
    TC_EXPECT(c, "00b0800001", "6a82"); /* SFI 0 */
    TC_EXPECT(c, "00b0c20001", "6a86"); /* b7 set */
    TC_EXPECT(c, "00b0a20001", "6a86"); /* b6 set */
    /* the SFI read made EF.ICCID current */
    TC_EXPECT(c, "00b0000001", "989000");
    /* a record file through BINARY */
    TC_EXPECT(c, "00a4000c022f00", "9000");
    TC_EXPECT(c, "00b0000001", "6981");
    TC_EXPECT(c, "00b09e0001", "6981");
    /* access: EF.IMSI needs PIN1, EF.AD does not */
    TC_EXPECT(c, "00a4040c07a0000000871002", "9000");
    TC_EXPECT(c, "00b0870009", "6982");
    TC_EXPECT(c, "00b0830004", "000000029000");
    TC_EXPECT(c, "00b0840008", "6982"); /* UST */
    TC_EXPECT(c, "0020000108" TC_PIN1, "9000");
    TC_EXPECT(c, "00b0870009", IMSI_EF "9000");
    TC_EXPECT(c, "00b0840008", "00000000000000009000");
    TC_EXPECT(c, "00b08b000b", "ffffffffffffff0000ff019000"); /* LOCI */
}

static void t_update_binary(void)
{
    kl_card *c = adf();
    TC_EXPECT(c, "00a4000c026f07", "9000");
    tc_snapshot(c);
    TC_EXPECT(c, "00d6000009" "080910100000000020", "6982"); /* no ADM */
    TC_EXPECT(c, "0020000108" TC_PIN1, "9000");
    TC_EXPECT(c, "00d6000009" "080910100000000020", "6982"); /* PIN is not ADM */
    TC_EXPECT(c, "002000010831323334ffffff00", "63c2");
    TC_EXPECT(c, "0020000108" TC_PIN1, "9000");
    TC_EXPECT(c, "0020000a08" TC_ADM1, "9000");
    tc_snapshot(c);
    TC_EXPECT(c, "00d600000a" "08091010000000002000", "6700"); /* too long */
    TC_EXPECT(c, "00d6000801" "00", "9000");
    TC_EXPECT(c, "00d6000801" "10", "9000"); /* back to what it was */
    CHECK(!tc_unchanged(c)); /* two commits: the other slot written */
    tc_snapshot(c);
    TC_EXPECT(c, "00d6000801" "10", "9000"); /* the same bytes again */
    CHECK(tc_unchanged(c));                  /* no commit at all */
    TC_EXPECT(c, "00d6000901" "00", "6b00");
    TC_EXPECT(c, "00d6000802" "0000", "6700");
    CHECK(tc_unchanged(c));
    TC_EXPECT(c, "00d6000009" "080910100000000020", "9000");
    CHECK(!tc_unchanged(c));
    TC_EXPECT(c, "00b0000009", "080910100000000020" "9000");
    /* by SFI, with an offset */
    TC_EXPECT(c, "00d6870803" "aabbcc", "6700");
    TC_EXPECT(c, "00d6870801" "30", "9000");
    TC_EXPECT(c, "00b0870009", "080910100000000030" "9000");
    /* PIN1-protected update: EF.LOCI */
    TC_EXPECT(c, "00d68b0002" "1234", "9000");
    TC_EXPECT(c, "00b08b0002", "12349000");
    /* EF.AD and EF.ICCID need ADM: given */
    TC_EXPECT(c, "00d6830301" "03", "9000");
    TC_EXPECT(c, "00b0830004", "000000039000");
    /* after a reset no key is verified any more */
    {
        uint8_t atr[KL_CARD_ATR_MAX];
        size_t n;
        CHECK(kl_card_reset(c, atr, sizeof atr, &n) == 0);
        CHECK(n == 6 && atr[0] == 0x3B);
    }
    TC_EXPECT(c, "00a4040c07a0000000871002", "9000");
    TC_EXPECT(c, "00d6830301" "02", "6982");
    TC_EXPECT(c, "00b0830004", "000000039000");
}

static void t_records(void)
{
    kl_card *c = tc_new_card();
    TC_EXPECT(c, "00b2010420", "6986");
    TC_EXPECT(c, "00a4000c022f00", "9000");
    TC_EXPECT(c, "00b2010420", DIR_REC1 "9000");
    TC_EXPECT(c, "00b2010400", DIR_REC1 "9000"); /* Le 00 */
    TC_EXPECT(c, "00b2020420",
              "ffffffffffffffffffffffffffffffff"
              "ffffffffffffffffffffffffffffffff9000");
    TC_EXPECT(c, "00b2030420", "6a83");
    TC_EXPECT(c, "00b2ff0420", "6a83");
    TC_EXPECT(c, "00b2000420", "6a83"); /* no current record yet */
    TC_EXPECT(c, "00b2010410", "6c20"); /* Le is not the record length */
    TC_EXPECT(c, "00b2010421", "6c20");
    /* next, next, past the last; previous */
    TC_EXPECT(c, "00b2000220", DIR_REC1 "9000");
    TC_SW(c, "00b2000220", "9000");
    TC_EXPECT(c, "00b2000220", "6a83");
    TC_EXPECT(c, "00b2000320", DIR_REC1 "9000");
    TC_EXPECT(c, "00b2000320", "6a83");
    TC_EXPECT(c, "00b2000420", DIR_REC1 "9000"); /* current = 1 */
    TC_EXPECT(c, "00b2010220", "6a86"); /* P1 must be 0 for next */
    TC_EXPECT(c, "00b2010520", "6a86"); /* mode 5 */
    TC_EXPECT(c, "00b201fc20", "6a86"); /* SFI 31 */
    /* by SFI 1E from the MF */
    TC_EXPECT(c, "00a4000c023f00", "9000");
    TC_EXPECT(c, "00b201f420", DIR_REC1 "9000");
    TC_EXPECT(c, "00b2013c20", "6a82"); /* SFI 07 not under the MF */
    TC_EXPECT(c, "00b2011420", "6981"); /* SFI 02: EF.ICCID, transparent */
    TC_EXPECT(c, "00b201f4", "6700");   /* no Le: wrong case */
    /* UPDATE RECORD needs ADM and the record length */
    tc_snapshot(c);
    TC_EXPECT(c, "00dc02f420" "00112233445566778899aabbccddeeff"
                              "00112233445566778899aabbccddeeff", "6982");
    CHECK(tc_unchanged(c));
    TC_EXPECT(c, "0020000a08" TC_ADM1, "9000");
    tc_snapshot(c);
    TC_EXPECT(c, "00dc02f41f" "00112233445566778899aabbccddeeff"
                              "00112233445566778899aabbccddee", "6700");
    TC_EXPECT(c, "00dc03f420" "00112233445566778899aabbccddeeff"
                              "00112233445566778899aabbccddeeff", "6a83");
    CHECK(tc_unchanged(c));
    TC_EXPECT(c, "00dc02f420" "00112233445566778899aabbccddeeff"
                              "00112233445566778899aabbccddeeff", "9000");
    TC_EXPECT(c, "00b202f420", "00112233445566778899aabbccddeeff"
                               "00112233445566778899aabbccddeeff9000");
    TC_EXPECT(c, "00b201f420", DIR_REC1 "9000");
    /* no current record after the SELECT: "next" is record 1 */
    TC_EXPECT(c, "00dc000220" "ffffffffffffffffffffffffffffffff"
                              "ffffffffffffffffffffffffffffffff", "9000");
    TC_EXPECT(c, "00b2010420", "ffffffffffffffffffffffffffffffff"
                               "ffffffffffffffffffffffffffffffff9000");
    TC_EXPECT(c, "00dc000220" "00", "6700");
    TC_EXPECT(c, "00dc000320" DIR_REC1, "6a83"); /* before record 1 */
    TC_EXPECT(c, "00dc010420" DIR_REC1, "9000");
    TC_EXPECT(c, "00b2010420", DIR_REC1 "9000");
    TC_EXPECT(c, "00a4000c022fe2", "9000");
    TC_EXPECT(c, "00dc010401" "00", "6981");
}

/* Class, INS, case: the dispatcher's checks before any handler runs. */
static void t_class_ins_case(void)
{
    kl_card *c = tc_new_card();
    tc_snapshot(c);
    TC_EXPECT(c, "00ee0000", "6d00");
    TC_EXPECT(c, "80ee0000", "6d00");
    TC_EXPECT(c, "00b1000001", "6d00");     /* odd INS B1: not supported */
    TC_EXPECT(c, "80a4000c023f00", "6e00"); /* SELECT is ISO class */
    TC_EXPECT(c, "a0a4000002" "3f00", "6e00"); /* GSM class */
    TC_EXPECT(c, "b0b0000001", "6e00");
    TC_EXPECT(c, "ff a4 00 0c", "6e00");     /* CLA FF: invalid */
    TC_EXPECT(c, "20a4000c023f00", "6e00");  /* CLA 001x xxxx: reserved */
    TC_EXPECT(c, "01a4000c023f00", "6881");  /* logical channel 1 */
    TC_EXPECT(c, "40a4000c023f00", "6881");  /* further channels */
    TC_EXPECT(c, "81f2000c", "6881");
    TC_EXPECT(c, "c0f2000c", "6881");
    TC_EXPECT(c, "04a4000c023f00", "6882");  /* secure messaging */
    TC_EXPECT(c, "0ca4000c023f00", "6882");
    TC_EXPECT(c, "84f2000c", "6882");
    /* wrong case for the command */
    TC_EXPECT(c, "00b0000001aa", "6700");
    TC_EXPECT(c, "00b00000", "6700");
    TC_EXPECT(c, "00d60000", "6700");
    TC_EXPECT(c, "00d6000001aa00", "6700");
    TC_EXPECT(c, "00240001", "6700");
    TC_EXPECT(c, "0020000100", "6700"); /* VERIFY with Le */
    TC_EXPECT(c, "00c00000", "6700");
    /* extended lengths: not offered */
    TC_EXPECT(c, "00b00000000010", "6700");
    TC_EXPECT(c, "00a4000c0000023f00", "6700");
    /* malformed encodings (core/apdu.c refusals) */
    TC_EXPECT(c, "00a400", "6700");
    TC_EXPECT(c, "00", "6700");
    TC_EXPECT(c, "00a4000c023f", "6700");      /* truncated */
    TC_EXPECT(c, "00a4000c023f000000", "6700"); /* trailing */
    TC_EXPECT(c, "00a4000c00", "6700");         /* case 2: SELECT needs data */
    TC_EXPECT(c, "00a4000c0000", "6700");       /* zero fifth byte, 6 */
    CHECK(tc_unchanged(c)); /* not one stored byte moved */
}

static void t_sw_map(void)
{
    CHECK(kl_uicc_sw(0) == 0x9000);
    CHECK(kl_uicc_sw(0x63C2) == 0x63C2);
    CHECK(kl_uicc_sw(0x6A82) == 0x6A82);
    CHECK(kl_uicc_sw(0x9FFF) == 0x9FFF);
    CHECK(kl_uicc_sw(0x5FFF) == 0x6F00);
    CHECK(kl_uicc_sw(0x7000) == 0x6F00);
    CHECK(kl_uicc_sw(0x10000) == 0x6F00);
    CHECK(kl_uicc_sw(KL_APDU_E_CLA_INVALID) == 0x6E00);
    CHECK(kl_uicc_sw(KL_APDU_E_CLA_RESERVED) == 0x6E00);
    CHECK(kl_uicc_sw(KL_APDU_E_TRUNCATED) == 0x6700);
    CHECK(kl_uicc_sw(KL_APDU_E_TOO_SHORT) == 0x6700);
    CHECK(kl_uicc_sw(KL_APDU_E_TRAILING) == 0x6700);
    CHECK(kl_uicc_sw(KL_APDU_E_NULL) == 0x6F00);
    CHECK(kl_uicc_sw(KL_UICC_E_POWER) == 0x6F00);
    CHECK(kl_uicc_sw(KL_TXN_E_SIZE) == 0x6F00);
    CHECK(kl_uicc_sw(-1) == 0x6F00);
}

/* Random commands on a card with PIN1 and ADM verified: every response
 * ends in a status word of the card's table, and a command whose SW is not
 * 90 00 / 61 XX leaves every stored byte as it was. */
static void t_random_refusals(void)
{
    static const uint8_t ins[] = {0xA4, 0xB0, 0xD6, 0xB2, 0xDC, 0xF2, 0xC0,
                                  0x20, 0x24, 0x26, 0x28, 0x2C, 0x88, 0x00};
    static const uint8_t cla[] = {0x00, 0x80, 0x01, 0xA0, 0x04, 0x40};
    static const uint16_t known[] = {
        0x9000, 0x6700, 0x6881, 0x6882, 0x6981, 0x6982, 0x6983, 0x6985,
        0x6986, 0x6A80, 0x6A82, 0x6A83, 0x6A86, 0x6A88, 0x6B00, 0x6D00,
        0x6E00};
    kl_card *c = adf();
    uint64_t seed = 0x5eed0001;
    unsigned bad_sw = 0, changed = 0;
    TC_EXPECT(c, "0020000a08" TC_ADM1, "9000");
    for (int n = 0; n < 4000; n++) {
        uint8_t a[40], r[KL_CARD_RESP_MAX];
        size_t len, rlen;
        uint16_t sw;
        int ok = 0;
        a[0] = cla[tl_rand64(&seed) % sizeof cla];
        a[1] = ins[tl_rand64(&seed) % sizeof ins];
        tl_rand_bytes(&seed, a + 2, sizeof a - 2);
        a[2] &= (tl_rand64(&seed) % 2) ? 0x0F : 0xFF;
        len = 4 + tl_rand64(&seed) % 30;
        if (len > 5 && tl_rand64(&seed) % 2)
            a[4] = (uint8_t)(len - 5); /* mostly well-formed case 3 */
        /* never change PIN1's value or state by chance (a 1-in-2^64 hit) */
        tc_snapshot(c);
        if (kl_card_apdu(c, a, len, r, sizeof r, &rlen) != 0) {
            bad_sw++;
            continue;
        }
        sw = (uint16_t)(r[rlen - 2] << 8 | r[rlen - 1]);
        for (size_t k = 0; k < sizeof known / sizeof known[0]; k++)
            ok |= sw == known[k];
        ok |= (sw & 0xFF00) == 0x6100 || (sw & 0xFF00) == 0x6C00 ||
              (sw & 0xFFF0) == 0x63C0;
        if (!ok) {
            bad_sw++;
            if (bad_sw < 5)
                fprintf(stdout, "  unexpected SW %04x\n", sw);
        }
        if (sw != 0x9000 && (sw & 0xFF00) != 0x6100 &&
            (sw & 0xFFF0) != 0x63C0 && !tc_unchanged(c))
            changed++;
        if (c->st.adm1.tries == 0 || c->st.pin1.tries == 0) {
            /* a random VERIFY may have blocked a key: start again */
            c = adf();
            TC_EXPECT(c, "0020000a08" TC_ADM1, "9000");
        }
    }
    CHECKF(bad_sw == 0, "%u responses with an unexpected SW", bad_sw);
    CHECKF(changed == 0, "%u refused commands changed the image", changed);
}

/* The C entry points' argument checks. */
static void t_api(void)
{
    static kl_card blank;
    kl_card *c = tc_new_card();
    uint8_t r[KL_CARD_RESP_MAX], atr[KL_CARD_ATR_MAX];
    size_t n;
    const uint8_t st[] = {0x80, 0xF2, 0x00, 0x0C};
    CHECK(kl_card_apdu(NULL, st, 4, r, sizeof r, &n) == KL_UICC_E_NULL);
    CHECK(kl_card_apdu(c, NULL, 4, r, sizeof r, &n) == KL_UICC_E_NULL);
    CHECK(kl_card_apdu(c, st, 4, NULL, sizeof r, &n) == KL_UICC_E_NULL);
    CHECK(kl_card_apdu(c, st, 4, r, sizeof r, NULL) == KL_UICC_E_NULL);
    CHECK(kl_card_apdu(c, st, 4, r, KL_CARD_RESP_MAX - 1, &n) ==
          KL_UICC_E_SIZE);
    CHECK(kl_card_apdu(c, st, 4, r, sizeof r, &n) == 0 && n == 2 &&
          r[0] == 0x90 && r[1] == 0x00);
    CHECK(kl_card_reset(c, atr, 5, &n) == KL_UICC_E_SIZE);
    /* a card whose storage holds no state does not boot or answer */
    CHECK(kl_card_boot(&blank) == KL_UICC_E_IMAGE);
    CHECK(kl_card_apdu(&blank, st, 4, r, sizeof r, &n) == KL_UICC_E_STATE);
    CHECK(kl_card_reset(&blank, atr, sizeof atr, &n) == KL_UICC_E_STATE);
    /* a damaged state image inside a valid slot is refused too */
    {
        uint8_t img[KL_IMAGE_BYTES];
        size_t len;
        static kl_card_state junk;
        CHECK(kl_image_encode(&c->st, img, sizeof img, &len) == 0);
        img[KL_IMAGE_HEADER + KL_FS_DATA_BYTES + KL_PIN_BYTES] = 4; /* tries */
        memset(&junk, 0x33, sizeof junk);
        CHECK(kl_image_decode(&junk, img, len) == KL_UICC_E_IMAGE);
        CHECK(junk.pin1_enabled == 0x33333333u); /* untouched */
        CHECK(kl_txn_format(&blank.txn, img, len) == KL_TXN_OK);
        CHECK(kl_card_boot(&blank) == KL_UICC_E_IMAGE);
        CHECK(kl_image_decode(&junk, img, len - 1) == KL_UICC_E_IMAGE);
    }
    /* the key-list advance, through the core, to the last entry */
    for (unsigned k = 1; k < KL_KEYLIST_ENTRIES; k++) {
        CHECK(kl_card_keylist_advance(c) == 0 && c->st.keys.active == k);
        CHECK(kl_card_boot(c) == 0 && c->st.keys.active == k);
        CHECK(c->st.keys.entry[k - 1].state == KL_KEYLIST_RETIRED);
    }
    tc_snapshot(c);
    CHECK(kl_card_keylist_advance(c) == KL_KEYLIST_E_EXHAUSTED);
    CHECK(tc_unchanged(c) && c->st.keys.active == KL_KEYLIST_ENTRIES - 1);
    /* personalisation refuses a state that breaks its rules */
    {
        static kl_card_state bad;
        bad = c->st;
        bad.pin1.tries = 4;
        CHECK(kl_card_personalise(&blank, &bad) == KL_UICC_E_PROFILE);
        bad = c->st;
        bad.keys.active = 1;
        CHECK(kl_card_personalise(&blank, &bad) == KL_UICC_E_PROFILE);
    }
}

int main(void)
{
    tl_run("card_fs", "api", t_api);
    tl_run("card_fs", "select_fid_fcp", t_select_fid_fcp);
    tl_run("card_fs", "select_fcp_df", t_select_fcp_df);
    tl_run("card_fs", "select_aid", t_select_aid);
    tl_run("card_fs", "select_path_parent", t_select_path_parent);
    tl_run("card_fs", "status", t_status);
    tl_run("card_fs", "get_response", t_get_response);
    tl_run("card_fs", "get_response_parts", t_get_response_parts);
    tl_run("card_fs", "read_binary", t_read_binary);
    tl_run("card_fs", "update_binary", t_update_binary);
    tl_run("card_fs", "records", t_records);
    tl_run("card_fs", "class_ins_case", t_class_ins_case);
    tl_run("card_fs", "sw_map", t_sw_map);
    tl_run("card_fs", "random_refusals", t_random_refusals);
    return tl_finish();
}
