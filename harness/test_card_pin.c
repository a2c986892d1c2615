/* test_card_pin.c - VERIFY, CHANGE, DISABLE, ENABLE, UNBLOCK PIN, the ADM
 * key, retry counters (3 PIN1, 10 PUK1, 10 ADM1), access conditions, and
 * the PIN limit across power cycles (TS 102 221 11.1.9-11.1.13, 9.5). */
#include "test_card_util.h"

#define V_PIN1 "0020000108"
#define V_ADM1 "0020000a08"

/* The card restarted from its storage (a power cycle). */
static kl_card *power_cycle(kl_card *c)
{
    CHECK(kl_card_boot(c) == 0);
    return c;
}

static void t_verify_counter(void)
{
    kl_card *c = tc_new_card();
    TC_EXPECT(c, "00200001", "63c3");
    tc_snapshot(c);
    TC_EXPECT(c, V_PIN1 TC_PIN1_BAD, "63c2");
    CHECK(!tc_unchanged(c)); /* the try is in storage */
    CHECK(c->st.pin1.tries == 2);
    TC_EXPECT(c, "00200001", "63c2");
    TC_EXPECT(c, V_PIN1 TC_PIN1, "9000"); /* a success restores it */
    TC_EXPECT(c, "00200001", "9000");
    power_cycle(c);
    TC_EXPECT(c, "00200001", "63c3");
    TC_EXPECT(c, V_PIN1 TC_PIN1_BAD, "63c2");
    TC_EXPECT(c, V_PIN1 TC_PIN1_BAD, "63c1");
    TC_EXPECT(c, V_PIN1 TC_PIN1_BAD, "63c0");
    TC_EXPECT(c, V_PIN1 TC_PIN1, "6983"); /* blocked: not even compared */
    TC_EXPECT(c, "00200001", "6983");
    power_cycle(c);
    TC_EXPECT(c, V_PIN1 TC_PIN1, "6983");
    TC_EXPECT(c, "00a4080c047fff6f07", "9000");
    TC_EXPECT(c, "00b0000009", "6982");
}

static void t_verify_bad_input(void)
{
    kl_card *c = tc_new_card();
    tc_snapshot(c);
    TC_EXPECT(c, "002000010731323334ffffff", "6700");
    TC_EXPECT(c, "002000010931323334ffffffffff", "6700");
    TC_EXPECT(c, "0020010108" TC_PIN1, "6b00");
    TC_EXPECT(c, "0020008108" TC_PIN1, "6a88"); /* PIN2: not on this card */
    TC_EXPECT(c, "0020000208" TC_PIN1, "6a88");
    TC_EXPECT(c, "0020000b08" TC_PIN1, "6a88");
    TC_EXPECT(c, "8020000108" TC_PIN1, "6e00");
    CHECK(tc_unchanged(c));
    CHECK(c->st.pin1.tries == 3);
}

static void t_adm(void)
{
    kl_card *c = tc_new_card();
    TC_EXPECT(c, "0020000a", "63ca");
    TC_EXPECT(c, V_ADM1 TC_PIN1, "63c9");
    TC_EXPECT(c, V_ADM1 TC_ADM1, "9000");
    TC_EXPECT(c, "0020000a", "9000");
    /* ADM is not PIN1 */
    TC_EXPECT(c, "00a4080c047fff6f07", "9000");
    TC_EXPECT(c, "00b0000009", "6982");
    TC_EXPECT(c, "00d6000801" "10", "9000");
    /* ten wrong ADM tries block it for good */
    for (int k = 9; k >= 0; k--) {
        char want[16];
        snprintf(want, sizeof want, "63c%x", (unsigned)k & 15u);
        TC_EXPECT(c, V_ADM1 "3030303030303030", want);
    }
    TC_EXPECT(c, V_ADM1 TC_ADM1, "6983");
    TC_EXPECT(c, "00d6000801" "10", "6982"); /* the session lost ADM */
    TC_EXPECT(c, "002c000a", "6a88");         /* no unblock for ADM */
}

static void t_change(void)
{
    kl_card *c = tc_new_card();
    tc_snapshot(c);
    /* refused before any try: length, key, format of the new PIN */
    TC_EXPECT(c, "0024000108" TC_PIN1, "6700");
    TC_EXPECT(c, "0024000a10" TC_ADM1 TC_ADM1, "6a88");
    TC_EXPECT(c, "0024000110" TC_PIN1 "3132ffffffffffff", "6a80"); /* 2 */
    TC_EXPECT(c, "0024000110" TC_PIN1 "313233ffffffffff", "6a80"); /* 3 */
    TC_EXPECT(c, "0024000110" TC_PIN1 "31323341ffffffff", "6a80"); /* 'A' */
    TC_EXPECT(c, "0024000110" TC_PIN1 "31ff3233ffffffff", "6a80"); /* gap */
    TC_EXPECT(c, "0024010110" TC_PIN1 "3939393939ffffff", "6b00");
    CHECK(tc_unchanged(c));
    TC_EXPECT(c, "00200001", "63c3");
    /* wrong old PIN: a try */
    TC_EXPECT(c, "0024000110" TC_PIN1_BAD "3939393939ffffff", "63c2");
    TC_EXPECT(c, "0024000110" TC_PIN1 "3939393939ffffff", "9000");
    TC_EXPECT(c, "00200001", "9000"); /* verified by the change */
    power_cycle(c);
    TC_EXPECT(c, "00200001", "63c3");
    TC_EXPECT(c, V_PIN1 TC_PIN1, "63c2");
    TC_EXPECT(c, V_PIN1 "3939393939ffffff", "9000");
    /* 8 digits */
    TC_EXPECT(c, "0024000110" "3939393939ffffff" "3132333435363738", "9000");
    TC_EXPECT(c, V_PIN1 "3132333435363738", "9000");
}

static void t_disable_enable(void)
{
    kl_card *c = tc_new_card();
    TC_EXPECT(c, "0028000108" TC_PIN1, "6985"); /* already enabled */
    TC_EXPECT(c, "0026000107" "31323334ffffff", "6700");
    TC_EXPECT(c, "0026000108" TC_PIN1_BAD, "63c2");
    TC_EXPECT(c, "0026000108" TC_PIN1, "9000");
    TC_EXPECT(c, "0026000108" TC_PIN1, "6985");
    power_cycle(c);
    /* disabled: PIN1-protected files need nothing */
    TC_EXPECT(c, "00200001", "9000");
    TC_EXPECT(c, "00a4080c047fff6f07", "9000");
    TC_EXPECT(c, "00b0000009", "080910100000000010" "9000");
    TC_EXPECT(c, "0024000110" TC_PIN1 "3939393939ffffff", "6985");
    /* the PS_DO of the ADF's FCP shows PIN1 disabled (b8 clear) */
    {
        char got[600];
        tc_send(c, "00a40004027fff00", got);
        CHECK(strstr(got, "c60990014083010183010a") != NULL);
    }
    TC_EXPECT(c, "0028000108" TC_PIN1_BAD, "63c2");
    TC_EXPECT(c, "0028000108" TC_PIN1, "9000");
    power_cycle(c);
    TC_EXPECT(c, "00a4080c047fff6f07", "9000");
    TC_EXPECT(c, "00b0000009", "6982");
    TC_EXPECT(c, "00200001", "63c3");
}

static void t_unblock(void)
{
    kl_card *c = tc_new_card();
    TC_EXPECT(c, "002c0001", "63ca");
    for (int k = 0; k < 3; k++)
        TC_SW(c, V_PIN1 TC_PIN1_BAD, k == 2 ? "63c0" : (k ? "63c1" : "63c2"));
    TC_EXPECT(c, V_PIN1 TC_PIN1, "6983");
    tc_snapshot(c);
    TC_EXPECT(c, "002c000108" TC_PUK1, "6700");
    TC_EXPECT(c, "002c000110" TC_PUK1 "31ffffffffffffff", "6a80");
    TC_EXPECT(c, "002c000a10" TC_PUK1 "3939393939ffffff", "6a88");
    CHECK(tc_unchanged(c));
    TC_EXPECT(c, "002c000110" "3030303030303030" "3939393939ffffff", "63c9");
    TC_EXPECT(c, "002c0001", "63c9");
    TC_EXPECT(c, "002c000110" TC_PUK1 "3939393939ffffff", "9000");
    TC_EXPECT(c, "002c0001", "63ca");
    /* new PIN set, counter back to 3, and verified */
    TC_EXPECT(c, "00200001", "9000");
    TC_EXPECT(c, "00a4080c047fff6f07", "9000");
    TC_SW(c, "00b0000009", "9000");
    power_cycle(c);
    TC_EXPECT(c, "00200001", "63c3");
    TC_EXPECT(c, V_PIN1 "3939393939ffffff", "9000");
    /* ten wrong PUKs: blocked for good */
    for (int k = 9; k >= 0; k--) {
        char want[16];
        snprintf(want, sizeof want, "63c%x", (unsigned)k & 15u);
        TC_EXPECT(c, "002c000110" "3030303030303030" "3939393939ffffff",
                  want);
    }
    TC_EXPECT(c, "002c000110" TC_PUK1 "3939393939ffffff", "6983");
    TC_EXPECT(c, "002c0001", "6983");
}

static void t_no_puk(void)
{
    static char text[16384];
    static kl_card_state st;
    static kl_card card;
    char why[256];
    size_t n = tc_profile(text, sizeof text, 1);
    CHECK(kl_profile_parse(text, n, &st, why, sizeof why) == 0);
    CHECK(kl_card_personalise(&card, &st) == 0);
    TC_EXPECT(&card, "002c0001", "6983");
    TC_EXPECT(&card, "002c000110" "3030303030303030" "3939393939ffffff",
              "6983");
}

/* An attacker who cuts the power after each wrong try gains nothing: the
 * try was counted before its outcome existed. */
static void t_limit_across_power_cycles(void)
{
    kl_card *c = tc_new_card();
    for (int k = 0; k < 3; k++) {
        power_cycle(c);
        TC_SW(c, V_PIN1 TC_PIN1_BAD, k == 2 ? "63c0" : (k ? "63c1" : "63c2"));
    }
    power_cycle(c);
    TC_EXPECT(c, V_PIN1 TC_PIN1, "6983");
    CHECK(c->st.pin1.tries == 0);
}

static void t_ct_equal(void)
{
    uint8_t a[8] = {1, 2, 3, 4, 5, 6, 7, 8}, b[8];
    memcpy(b, a, 8);
    CHECK(kl_ct_equal(a, b, 8) == 1);
    CHECK(kl_ct_equal(a, b, 0) == 1);
    for (int k = 0; k < 8; k++) {
        for (int bit = 0; bit < 8; bit++) {
            b[k] ^= (uint8_t)(1u << bit);
            CHECKF(kl_ct_equal(a, b, 8) == 0, "byte %d bit %d", k, bit);
            b[k] ^= (uint8_t)(1u << bit);
        }
    }
    CHECK(kl_ct_equal(a, b, 8) == 1);
}

static void t_pin_format(void)
{
    uint8_t v[8];
    memcpy(v, "1234\xff\xff\xff\xff", 8);
    CHECK(kl_pin_value_ok(v, 1));
    memcpy(v, "12345678", 8);
    CHECK(kl_pin_value_ok(v, 1));
    memcpy(v, "123\xff\xff\xff\xff\xff", 8);
    CHECK(!kl_pin_value_ok(v, 1));
    memcpy(v, "12a4\xff\xff\xff\xff", 8);
    CHECK(!kl_pin_value_ok(v, 1));
    CHECK(kl_pin_value_ok(v, 0)); /* ADM: any byte before the padding */
    memcpy(v, "1234\xff\x35\xff\xff", 8);
    CHECK(!kl_pin_value_ok(v, 0));
}

int main(void)
{
    tl_run("card_pin", "verify_counter", t_verify_counter);
    tl_run("card_pin", "verify_bad_input", t_verify_bad_input);
    tl_run("card_pin", "adm", t_adm);
    tl_run("card_pin", "change", t_change);
    tl_run("card_pin", "disable_enable", t_disable_enable);
    tl_run("card_pin", "unblock", t_unblock);
    tl_run("card_pin", "no_puk", t_no_puk);
    tl_run("card_pin", "limit_across_power_cycles",
           t_limit_across_power_cycles);
    tl_run("card_pin", "ct_equal", t_ct_equal);
    tl_run("card_pin", "pin_format", t_pin_format);
    return tl_finish();
}
