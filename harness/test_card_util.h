/* test_card_util.h - what the card tests (test_card_*.c) share: a test
 * profile, a personalised card, one-line APDU exchanges checked against an
 * expected response, and snapshots of the stored image.  Header-only
 * (static functions): every test_*.c is its own program. */
#ifndef KILIST_TEST_CARD_UTIL_H
#define KILIST_TEST_CARD_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apdu.h"
#include "card.h"
#include "profile.h"
#include "sw.h"
#include "testlib.h"

/* Test credentials (public, for tests only). */
#define TC_PIN1 "31323334ffffffff"     /* "1234" */
#define TC_PIN1_BAD "31323335ffffffff" /* "1235" */
#define TC_PUK1 "3132333435363738"     /* "12345678" */
#define TC_ADM1 "3838383838383838"     /* "88888888" */
#define TC_USIM_AID "a0000000871002ffffffff8907090000"

#define TC_UNUSED __attribute__((unused))

static kl_card tc_card_mem;
static uint8_t tc_snap[KL_TXN_STORE_BYTES];

/* The test profile: entry 0 is TS 35.208 test set 1 (K, OPc); the other
 * entries get distinct keys derived from their index. */
TC_UNUSED static size_t tc_profile(char *buf, size_t cap, int omit_puk)
{
    size_t n = 0;
    n += (size_t)snprintf(buf + n, cap - n,
                          "{\"iccid\":\"8988211000000430010\","
                          "\"imsi\":\"001010000000001\",\"pin1\":\"1234\","
                          "%s\"adm1\":\"88888888\",\"entries\":[",
                          omit_puk ? "" : "\"puk1\":\"12345678\",");
    for (unsigned i = 0; i < KL_KEYLIST_ENTRIES; i++)
        n += (size_t)snprintf(
            buf + n, cap - n,
            "%s{\"alg\":\"milenage\",\"k\":\"%s\",\"opc\":\"%s\","
            "\"kic\":\"%032x\",\"kid\":\"%032x\",\"kvn\":%u,"
            "\"sqn\":\"0000000000%02x\"}",
            i ? "," : "",
            i == 0 ? "465b5ce8b199b49faa5f0a2ee238a6bc" :
                     "00112233445566778899aabbccddeeff",
            i == 0 ? "cd63cb71954a9f4e48a5994e37a02baf" :
                     "ffeeddccbbaa99887766554433221100",
            0x1000u + i, 0x2000u + i, 1u + i % 15u, i);
    n += (size_t)snprintf(buf + n, cap - n, "]}");
    return n;
}

/* A freshly personalised and booted card. */
TC_UNUSED static kl_card *tc_new_card(void)
{
    static char text[16384];
    static kl_card_state st;
    char why[256];
    size_t n = tc_profile(text, sizeof text, 0);
    int rc = kl_profile_parse(text, n, &st, why, sizeof why);
    if (rc != 0) {
        fprintf(stdout, "test profile refused: %s\n", why);
        abort();
    }
    memset(&tc_card_mem, 0, sizeof tc_card_mem);
    if (kl_card_personalise(&tc_card_mem, &st) != 0)
        abort();
    return &tc_card_mem;
}

/* Sends hex (spaces allowed) and returns the response as hex in out. */
TC_UNUSED static int tc_send(kl_card *c, const char *hex, char *out)
{
    uint8_t a[300], r[KL_CARD_RESP_MAX];
    char clean[700];
    size_t n = 0, rlen = 0;
    int rc;
    for (const char *p = hex; *p != '\0' && n < sizeof clean - 1; p++)
        if (*p != ' ')
            clean[n++] = *p;
    clean[n] = '\0';
    if (n % 2 != 0 || tl_hex2bin(clean, a, n / 2) != 0) {
        fprintf(stdout, "bad test hex %s\n", hex);
        abort();
    }
    rc = kl_card_apdu(c, a, n / 2, r, sizeof r, &rlen);
    if (rc != 0) {
        strcpy(out, "(no response)");
        return rc;
    }
    tl_bin2hex(r, rlen, out);
    return 0;
}

/* Sends hex; checks the whole response (data and SW, lower-case hex). */
#define TC_EXPECT(c, hex, want)                                              \
    do {                                                                     \
        char got_[600];                                                      \
        tc_send((c), (hex), got_);                                           \
        CHECKF(strcmp(got_, (want)) == 0, "%s -> %s, want %s", (hex), got_,  \
               (want));                                                      \
    } while (0)

/* Sends hex; checks the status word only (the last 4 hex digits). */
#define TC_SW(c, hex, want)                                                  \
    do {                                                                     \
        char got_[600];                                                      \
        size_t gl_;                                                          \
        tc_send((c), (hex), got_);                                           \
        gl_ = strlen(got_);                                                  \
        CHECKF(gl_ >= 4 && strcmp(got_ + gl_ - 4, (want)) == 0,              \
               "%s -> %s, want SW %s", (hex), got_, (want));                 \
    } while (0)

TC_UNUSED static void tc_snapshot(const kl_card *c)
{
    memcpy(tc_snap, c->txn.mem, sizeof tc_snap);
}

TC_UNUSED static int tc_unchanged(const kl_card *c)
{
    return memcmp(tc_snap, c->txn.mem, sizeof tc_snap) == 0;
}

#endif
