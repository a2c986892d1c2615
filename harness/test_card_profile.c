/* test_card_profile.c - the strict JSON reader (uicc/json.c) and the card
 * profile (uicc/profile.c): accepted and refused documents, every profile
 * field's refusal naming the field (and never echoing a secret), the
 * EF.IMSI / EF.ICCID encodings against the worked values of
 * docs/standards.md 2.3, and OPc from OP against TS 35.208 test set 1. */
#include "json.h"
#include "test_card_util.h"

static kl_json j;

static int parses(const char *s) { return kl_json_parse(&j, s, strlen(s)); }

static void t_json_accepts(void)
{
    CHECK(parses("{}") == 0 && j.node[0].type == KL_JSON_OBJECT);
    CHECK(parses("[]") == 0 && j.node[0].count == 0);
    CHECK(parses(" 0 ") == 0 && j.node[0].type == KL_JSON_NUMBER);
    CHECK(parses("-12.5e+3") == 0);
    CHECK(parses("\"\"") == 0 && j.node[0].len == 0);
    CHECK(parses("[true,false,null]") == 0 && j.node[0].count == 3);
    CHECK(parses("{\"a\":{\"b\":[1,[2,{}]]},\"c\":\"d\"}") == 0);
    CHECK(kl_json_get(&j, 0, "c") >= 0 &&
          strcmp(kl_json_text(&j, kl_json_get(&j, 0, "c")), "d") == 0);
    CHECK(kl_json_get(&j, 0, "x") == -1);
    CHECK(parses("\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\ud83d\\ude00\"") ==
          0);
    CHECK(strcmp(kl_json_text(&j, 0),
                 "a\"\\/\b\f\n\r\tA\xc3\xa9\xf0\x9f\x98\x80") == 0);
    CHECK(parses("\"\xc3\xa9\xe2\x82\xac\"") == 0); /* UTF-8 as is */
    CHECK(parses("[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]") == 0); /* depth 16 */
    {
        long v;
        CHECK(parses("[7,-3,1.5,1e2,123456789012]") == 0);
        CHECK(kl_json_int(&j, kl_json_at(&j, 0, 0), 1, 15, &v) == 0 && v == 7);
        CHECK(kl_json_int(&j, kl_json_at(&j, 0, 1), -5, 5, &v) == 0 && v == -3);
        CHECK(kl_json_int(&j, kl_json_at(&j, 0, 0), 8, 15, &v) != 0);
        CHECK(kl_json_int(&j, kl_json_at(&j, 0, 2), 0, 15, &v) != 0);
        CHECK(kl_json_int(&j, kl_json_at(&j, 0, 3), 0, 1000, &v) != 0);
        CHECK(kl_json_int(&j, kl_json_at(&j, 0, 4), 0, 0x7fffffff, &v) != 0);
    }
}

static void t_json_refuses(void)
{
    static const char *const bad[] = {
        "", " ", "{", "}", "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}",
        "{a:1}", "{'a':1}", "[01]", "[-]", "[1.]", "[.5]", "[1e]", "[+1]",
        "[NaN]", "[Infinity]", "[tru]", "[nul]", "\"abc", "\"a\nb\"",
        "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"",
        "\"\\u0000\"", "{\"a\":1,\"a\":2}", "[1] [2]", "1 2", "// c\n{}",
        "{} /* c */", "[\"\xc0\x80\"]", "[\"\xed\xa0\x80\"]", "[\"\xff\"]",
        "[\"\xe2\x82\"]", "[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]",
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        CHECKF(parses(bad[k]) != 0 && j.err[0] != '\0', "accepted #%zu: %s",
               k, bad[k]);
    CHECK(parses("{\n  \"a\": 1,\n  \"b\": x\n}") != 0);
    CHECKF(strncmp(j.err, "line 3 column 8", 15) == 0, "err: %s", j.err);
    CHECK(kl_json_parse(&j, "[1]\0", 4) != 0); /* a NUL byte after */
}

static void t_encodings(void)
{
    uint8_t b[10];
    char h[21];
    CHECK(kl_profile_imsi("001010000000001", b) == 0);
    tl_bin2hex(b, 9, h);
    CHECK(strcmp(h, "080910100000000010") == 0);
    CHECK(kl_profile_imsi("00101000000001", b) == 0);
    tl_bin2hex(b, 9, h);
    CHECK(strcmp(h, "0801101000000000f1") == 0);
    CHECK(kl_profile_imsi("228062800000208", b) == 0);
    tl_bin2hex(b, 9, h);
    CHECK(strcmp(h, "082982608200002080") == 0);
    CHECK(kl_profile_imsi("262011106487504", b) == 0);
    tl_bin2hex(b, 9, h);
    CHECK(strcmp(h, "082926101160845740") == 0);
    CHECK(kl_profile_imsi("123456", b) == 0);
    tl_bin2hex(b, 9, h);
    CHECK(strcmp(h, "04113254f6ffffffff") == 0);
    CHECK(kl_profile_imsi("12345", b) != 0);
    CHECK(kl_profile_imsi("0010100000000012", b) != 0);
    CHECK(kl_profile_imsi("00101000000000a", b) != 0);
    CHECK(kl_profile_iccid("8988211000000430010", b) == 0);
    tl_bin2hex(b, 10, h);
    CHECK(strcmp(h, "988812010000400310f0") == 0);
    CHECK(kl_profile_iccid("8988211000000430011", b) != 0); /* Luhn */
    CHECK(kl_profile_iccid("89882110000004300101", b) == 0); /* 20 digits */
    tl_bin2hex(b, 10, h);
    CHECK(strcmp(h, "98881201000040031010") == 0);
    CHECK(kl_profile_iccid("898821100000043001", b) != 0); /* 18 */
}

/* The test profile with one substitution (from -> to). */
static int profile_with(const char *from, const char *to, char *why)
{
    static char text[16384], edited[16384];
    static kl_card_state st;
    size_t n = tc_profile(text, sizeof text, 0);
    char *at = strstr(text, from);
    if (at == NULL) {
        fprintf(stdout, "  no '%s' in the test profile\n", from);
        return 99;
    }
    snprintf(edited, sizeof edited, "%.*s%s%s", (int)(at - text), text, to,
             at + strlen(from));
    (void)n;
    memset(&st, 0x77, sizeof st);
    return kl_profile_parse(edited, strlen(edited), &st, why, 256);
}

static void t_profile_fields(void)
{
    static const struct {
        const char *from, *to, *field;
    } cases[] = {
        {"\"iccid\":\"8988211000000430010\"", "\"iccid\":\"8988211000000430011\"",
         "'iccid'"},
        {"\"iccid\":\"8988211000000430010\"", "\"iccid\":8988211000000430010",
         "'iccid'"},
        {"\"iccid\":\"8988211000000430010\",", "", "'iccid'"},
        {"\"imsi\":\"001010000000001\"", "\"imsi\":\"00101\"", "'imsi'"},
        {"\"imsi\":\"001010000000001\",", "", "'imsi'"},
        {"\"pin1\":\"1234\"", "\"pin1\":\"123\"", "'pin1'"},
        {"\"pin1\":\"1234\"", "\"pin1\":\"123456789\"", "'pin1'"},
        {"\"pin1\":\"1234\"", "\"pin1\":\"12a4\"", "'pin1'"},
        {"\"pin1\":\"1234\",", "", "'pin1'"},
        {"\"puk1\":\"12345678\"", "\"puk1\":\"1234567\"", "'puk1'"},
        {"\"adm1\":\"88888888\"", "\"adm1\":\"123\"", "'adm1'"},
        {"\"adm1\":\"88888888\"", "\"adm1\":\"3838zz3838383838\"", "'adm1'"},
        {"\"adm1\":\"88888888\",", "", "'adm1'"},
        {"\"entries\":[", "\"mnc_len\":4,\"entries\":[", "'mnc_len'"},
        {"\"entries\":[", "\"ust\":\"0\",\"entries\":[", "'ust'"},
        {"\"entries\":[", "\"ust\":\"001122334455667788\",\"entries\":[",
         "'ust'"},
        {"\"entries\":[", "\"colour\":\"red\",\"entries\":[", "'colour'"},
        {"\"alg\":\"milenage\"", "\"alg\":\"tuak\"", "'entries[0].alg'"},
        {"\"k\":\"465b5ce8b199b49faa5f0a2ee238a6bc\"",
         "\"k\":\"465b5ce8b199b49faa5f0a2ee238a6b\"", "'entries[0].k'"},
        {"\"k\":\"465b5ce8b199b49faa5f0a2ee238a6bc\"",
         "\"k\":\"465b5ce8b199b49faa5f0a2ee238a6bg\"", "'entries[0].k'"},
        {"\"opc\":\"cd63cb71954a9f4e48a5994e37a02baf\",", "",
         "'entries[0].opc'"},
        {"\"opc\":\"cd63cb71954a9f4e48a5994e37a02baf\"",
         "\"opc\":\"cd63cb71954a9f4e48a5994e37a02baf\",\"op\":"
         "\"cdc202d5123e20f62b6d676ac72cb318\"",
         "'entries[0].op'"},
        {"\"kic\":\"00000000000000000000000000001000\"",
         "\"kic\":\"0000000000000000000000000000100\"", "'entries[0].kic'"},
        {"\"kid\":\"00000000000000000000000000002003\"",
         "\"kid\":\"\"", "'entries[3].kid'"},
        {"\"kvn\":1,", "\"kvn\":0,", "'entries[0].kvn'"},
        {"\"kvn\":1,", "\"kvn\":16,", "'entries[0].kvn'"},
        {"\"kvn\":1,", "\"kvn\":\"1\",", "'entries[0].kvn'"},
        {"\"sqn\":\"000000000000\"", "\"sqn\":\"0000000000\"",
         "'entries[0].sqn'"},
        {"\"sqn\":\"000000000000\"",
         "\"sqn\":\"000000000000\",\"sqn_scheme\":\"random\"",
         "'entries[0].sqn_scheme'"},
        {"\"sqn\":\"000000000000\"", "\"sqn\":\"000000000000\",\"x\":1",
         "'entries[0].x'"},
        {"{\"alg\":\"milenage\",\"k\":\"465b5ce8b199b49faa5f0a2ee238a6bc\","
         "\"opc\":\"cd63cb71954a9f4e48a5994e37a02baf\","
         "\"kic\":\"00000000000000000000000000001000\","
         "\"kid\":\"00000000000000000000000000002000\",\"kvn\":1,"
         "\"sqn\":\"000000000000\"}",
         "\"x\"", "'entries[0]'"},
        {"\"entries\":[", "\"entries\":[{},", "'entries'"},
        {"\"entries\":[", "\"entries\":{\"a\":[", "not valid JSON"},
    };
    char why[256];
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int rc = profile_with(cases[k].from, cases[k].to, why);
        CHECKF(rc == KL_UICC_E_PROFILE && strstr(why, cases[k].field) != NULL,
               "case %zu: rc %d, '%s' does not name %s", k, rc, why,
               cases[k].field);
    }
    /* a bad key is refused without its value in the message */
    CHECK(profile_with("\"k\":\"465b5ce8b199b49faa5f0a2ee238a6bc\"",
                       "\"k\":\"465b5ce8b199b49faa5f0a2ee238a6zz\"", why) != 0);
    CHECK(strstr(why, "465b5ce8") == NULL);
    CHECK(profile_with("\"pin1\":\"1234\"", "\"pin1\":\"12x4\"", why) != 0);
    CHECK(strstr(why, "12x4") == NULL);
    /* fewer entries than the key list holds */
    CHECK(profile_with(",{\"alg\":\"milenage\",\"k\":\"0011", "]}],[{\"k\":\"0011",
                       why) != 0);
}

static void t_profile_good(void)
{
    static char text[16384];
    static kl_card_state st;
    kl_keylist_keys k;
    uint32_t idx;
    char why[256], h[33];
    size_t n = tc_profile(text, sizeof text, 0);
    CHECK(kl_profile_parse(text, n, &st, why, sizeof why) == 0);
    CHECK(kl_keylist_check(&st.keys) == KL_KEYLIST_OK);
    CHECK(kl_keylist_get_active(&st.keys, &k, &idx) == 0 && idx == 0);
    tl_bin2hex(k.opc, 16, h);
    CHECK(strcmp(h, "cd63cb71954a9f4e48a5994e37a02baf") == 0);
    CHECK(k.kvn == 1 && k.sqn_scheme == KL_KEYLIST_SQN_SEQ_IND);
    kl_keylist_keys_wipe(&k);
    CHECK(st.pin1.tries == 3 && st.puk1.tries == 10 && st.adm1.tries == 10);
    CHECK(memcmp(st.pin1.value, "1234\xff\xff\xff\xff", 8) == 0);
    CHECK(st.sqn[3 * KL_CARD_SQN_ENTRY + 5] == 3); /* entry 3's sqn */
    /* "op" instead of "opc": OPc computed (TS 35.208 set 1) */
    {
        char *at = strstr(text, "\"opc\":\"cd63cb71954a9f4e48a5994e37a02baf\"");
        static char ed[16384];
        CHECK(at != NULL);
        snprintf(ed, sizeof ed, "%.*s\"op\":\"cdc202d5123e20f62b6d676ac72cb318\"%s",
                 (int)(at - text), text,
                 at + strlen("\"opc\":\"cd63cb71954a9f4e48a5994e37a02baf\""));
        CHECK(kl_profile_parse(ed, strlen(ed), &st, why, sizeof why) == 0);
        CHECK(kl_keylist_get_active(&st.keys, &k, &idx) == 0);
        tl_bin2hex(k.opc, 16, h);
        CHECK(strcmp(h, "cd63cb71954a9f4e48a5994e37a02baf") == 0);
        kl_keylist_keys_wipe(&k);
    }
}

/* The shipped example profile is valid. */
static void t_example(void)
{
    static char text[65536];
    static kl_card_state st;
    char why[256];
    FILE *f = fopen("examples/profile.json", "rb");
    size_t n;
    CHECK(f != NULL);
    if (f == NULL)
        return;
    n = fread(text, 1, sizeof text, f);
    fclose(f);
    CHECKF(kl_profile_parse(text, n, &st, why, sizeof why) == 0, "%s", why);
    CHECK(st.data[KL_FS_OFF_UST] == 0x0a);
}

int main(void)
{
    tl_run("card_profile", "json_accepts", t_json_accepts);
    tl_run("card_profile", "json_refuses", t_json_refuses);
    tl_run("card_profile", "encodings", t_encodings);
    tl_run("card_profile", "profile_fields", t_profile_fields);
    tl_run("card_profile", "profile_good", t_profile_good);
    tl_run("card_profile", "example", t_example);
    return tl_finish();
}
