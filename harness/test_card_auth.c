/* test_card_auth.c - AUTHENTICATE on the card (uicc/cmd_auth.c), with the
 * network side computed by the real osmo-auc-gen (libosmocore-utils):
 * success (RES, CK, IK, and Kc with EF_UST service 27), MAC failure
 * (9862, nothing stored changes), resynchronisation (the card's AUTS is
 * accepted by `osmo-auc-gen -A` and gives back the card's SQN_MS), the
 * SQN state persisting across a restart and kept per key-list entry, the
 * GSM context, the access conditions and bad commands, and a power cut at
 * every storage write of an AUTHENTICATE that updates SQN. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>

#include "test_card_util.h"

#define K0 "465b5ce8b199b49faa5f0a2ee238a6bc" /* entry 0: TS 35.208 set 1 */
#define OPC0 "cd63cb71954a9f4e48a5994e37a02baf"
#define K1 "00112233445566778899aabbccddeeff" /* entry 1 */
#define OPC1 "ffeeddccbbaa99887766554433221100"
#define RAND1 "23553cbe9637a89d218ae64dae47bf35"
#define RAND2 "0f1e2d3c4b5a69788796a5b4c3d2e1f0"

typedef struct vec {
    char autn[40], res[40], ck[40], ik[40], sres[20], kc[20], sqn_ms[24];
    int ok;
} vec;

/* one "NAME:\tvalue" field of osmo-auc-gen's output, lower-cased */
static void field(const char *out, const char *name, char *v, size_t cap)
{
    char key[32];
    const char *p;
    size_t n = 0;
    snprintf(key, sizeof key, "\n%s:\t", name);
    v[0] = '\0';
    p = strstr(out, key);
    if (p == NULL)
        return;
    p += strlen(key);
    while (*p != '\0' && *p != '\n' && n + 1 < cap)
        v[n++] = (char)tolower((unsigned char)*p++);
    v[n] = '\0';
}

/* osmo-auc-gen -3 -a milenage with K, OPc, RAND and either -s SQN -f AMF
 * (a vector) or -A AUTS (a resynchronisation). */
static vec osmo(const char *k, const char *opc, const char *rand,
                unsigned long long sqn, const char *amf, const char *auts)
{
    char cmd[512], out[4096];
    size_t n = 0;
    vec v;
    FILE *f;
    memset(&v, 0, sizeof v);
    if (auts != NULL)
        snprintf(cmd, sizeof cmd,
                 "osmo-auc-gen -3 -a milenage -k %s -o %s -r %s -A %s -f 0000 2>&1",
                 k, opc, rand, auts);
    else
        snprintf(cmd, sizeof cmd,
                 "osmo-auc-gen -3 -a milenage -k %s -o %s -r %s -s %llu -f %s 2>&1",
                 k, opc, rand, sqn, amf);
    out[0] = '\n';
    n = 1;
    f = popen(cmd, "r");
    if (f != NULL) {
        n += fread(out + 1, 1, sizeof out - 2, f);
        pclose(f);
    }
    out[n] = '\0';
    field(out, "AUTN", v.autn, sizeof v.autn);
    field(out, "RES", v.res, sizeof v.res);
    field(out, "CK", v.ck, sizeof v.ck);
    field(out, "IK", v.ik, sizeof v.ik);
    field(out, "SRES", v.sres, sizeof v.sres);
    field(out, "Kc", v.kc, sizeof v.kc);
    field(out, "SQN.MS", v.sqn_ms, sizeof v.sqn_ms);
    v.ok = strlen(v.autn) == 32 && strlen(v.res) == 16;
    if (!v.ok && auts == NULL)
        printf("  osmo-auc-gen gave no vector for: %s\n%s", cmd, out);
    return v;
}

static void auth_apdu(char *apdu, const char *rand, const char *autn)
{
    sprintf(apdu, "0088008122" "10%s" "10%s" "00", rand, autn);
}

/* ADF.USIM current and PIN1 verified */
static void open_usim(kl_card *c)
{
    TC_EXPECT(c, "00a4080c047fff6f07", "9000");
    TC_EXPECT(c, "0020000108" TC_PIN1, "9000");
}

static void success_body(char *want, const vec *v, int with_kc)
{
    sprintf(want, "db08%s10%s10%s%s%s9000", v->res, v->ck, v->ik,
            with_kc ? "08" : "", with_kc ? v->kc : "");
}

static void t_success_mac_resync(void)
{
    kl_card *c = tc_new_card();
    char apdu[200], want[200], got[600], auts[40];
    vec v = osmo(K0, OPC0, RAND1, 33, "8000", NULL), r;
    CHECK(v.ok);
    open_usim(c);
    /* success: RES, CK, IK of the network's vector; no Kc (service 27 off) */
    auth_apdu(apdu, RAND1, v.autn);
    success_body(want, &v, 0);
    TC_EXPECT(c, apdu, want);
    /* the same vector again: synchronisation failure, DC 0E AUTS */
    tc_snapshot(c);
    tc_send(c, apdu, got);
    CHECKF(strlen(got) == 4 + 32 && strncmp(got, "dc0e", 4) == 0 &&
               strcmp(got + 32, "9000") == 0,
           "replay answered %s", got);
    CHECK(tc_unchanged(c));
    memcpy(auts, got + 4, 28);
    auts[28] = '\0';
    /* the network accepts the AUTS and recovers SQN_MS = 33 */
    r = osmo(K0, OPC0, RAND1, 0, NULL, auts);
    CHECKF(strcmp(r.sqn_ms, "33") == 0, "osmo-auc-gen -A: SQN_MS '%s'", r.sqn_ms);
    /* a tampered AUTS is refused by the network: the check can fail */
    auts[27] = auts[27] == '0' ? '1' : '0';
    r = osmo(K0, OPC0, RAND1, 0, NULL, auts);
    CHECK(r.sqn_ms[0] == '\0');
    /* MAC failure: one MAC bit flipped; 9862, no data, nothing stored */
    {
        char bad[40];
        strcpy(bad, v.autn);
        bad[31] = bad[31] == '0' ? '1' : '0';
        auth_apdu(apdu, RAND1, bad);
        TC_EXPECT(c, apdu, "9862");
        CHECK(tc_unchanged(c));
        /* a wrong AMF is a MAC failure too */
        strcpy(bad, v.autn);
        bad[12] = bad[12] == '8' ? '0' : '8';
        auth_apdu(apdu, RAND1, bad);
        TC_EXPECT(c, apdu, "9862");
        CHECK(tc_unchanged(c));
    }
    /* the network continues after the resync: SQN_MS + 32 (next SEQ) */
    v = osmo(K0, OPC0, RAND2, 33 + 32, "8000", NULL);
    auth_apdu(apdu, RAND2, v.autn);
    success_body(want, &v, 0);
    TC_EXPECT(c, apdu, want);
    /* another IND slot with a lower SEQ is still fresh (Annex C array) */
    v = osmo(K0, OPC0, RAND1, 32 + 7, "8000", NULL);
    auth_apdu(apdu, RAND1, v.autn);
    success_body(want, &v, 0);
    TC_EXPECT(c, apdu, want);
}

static void t_persist_and_entry(void)
{
    kl_card *c = tc_new_card();
    char apdu[200], want[200], got[600];
    vec v = osmo(K0, OPC0, RAND1, 64 + 3, "0000", NULL), w;
    open_usim(c);
    auth_apdu(apdu, RAND1, v.autn);
    success_body(want, &v, 0);
    TC_EXPECT(c, apdu, want);
    /* the accepted SQN is in storage: after a restart it is a replay */
    CHECK(kl_card_boot(c) == 0);
    open_usim(c);
    tc_send(c, apdu, got);
    CHECKF(strncmp(got, "dc0e", 4) == 0, "after restart: %s", got);
    /* operator change: entry 1 is active, with its own keys and a fresh
     * SQN state; the same SQN is accepted under entry 1 */
    CHECK(kl_card_keylist_advance(c) == 0);
    CHECK(kl_card_boot(c) == 0);
    open_usim(c);
    TC_EXPECT(c, apdu, "9862"); /* entry 0's vector: wrong key now */
    w = osmo(K1, OPC1, RAND1, 64 + 3, "0000", NULL);
    auth_apdu(apdu, RAND1, w.autn);
    success_body(want, &w, 0);
    TC_EXPECT(c, apdu, want);
    /* entry 1 was personalised with SQN 1 (SEQ 0): AUTS of a replay carries
     * its own SQN_MS */
    tc_send(c, apdu, got);
    CHECK(strncmp(got, "dc0e", 4) == 0);
    {
        char auts[40];
        vec r;
        memcpy(auts, got + 4, 28);
        auts[28] = '\0';
        r = osmo(K1, OPC1, RAND1, 0, NULL, auts);
        CHECKF(strcmp(r.sqn_ms, "67") == 0, "entry 1 SQN_MS '%s'", r.sqn_ms);
    }
}

static void t_gsm_and_kc(void)
{
    kl_card *c = tc_new_card();
    char apdu[200], want[200];
    vec v = osmo(K0, OPC0, RAND1, 40, "8000", NULL);
    open_usim(c);
    /* GSM context without service 27: not supported */
    TC_SW(c, "0088008011" "10" RAND1 "00", "6a86");
    /* switch service 27 on (EF_UST byte 4, b3) with ADM */
    TC_EXPECT(c, "0020000a08" TC_ADM1, "9000");
    TC_EXPECT(c, "00a4080c047fff6f38", "9000");
    TC_EXPECT(c, "00d6000301" "04", "9000");
    sprintf(want, "04%s08%s9000", v.sres, v.kc);
    TC_EXPECT(c, "0088008011" "10" RAND1 "00", want);
    /* the 3G answer now carries Kc = c3(CK, IK) too */
    auth_apdu(apdu, RAND1, v.autn);
    success_body(want, &v, 1);
    TC_EXPECT(c, apdu, want);
}

static void t_access_and_bad(void)
{
    kl_card *c = tc_new_card();
    char apdu[200], got[600];
    vec v = osmo(K0, OPC0, RAND1, 33, "8000", NULL);
    auth_apdu(apdu, RAND1, v.autn);
    /* MF current: not the USIM's command */
    TC_SW(c, apdu, "6985");
    TC_EXPECT(c, "00a4080c027fff", "9000");
    /* PIN1 not verified */
    TC_SW(c, apdu, "6982");
    TC_EXPECT(c, "0020000108" TC_PIN1, "9000");
    tc_snapshot(c);
    /* bad P1/P2, lengths, data */
    TC_SW(c, "0088018122" "10" RAND1 "10" RAND1 "00", "6a86");
    TC_SW(c, "0088008222" "10" RAND1 "10" RAND1 "00", "6a86");
    TC_SW(c, "0088008121" "10" RAND1 "10" RAND1 "", "6700");
    TC_SW(c, "0088008122" "0f" RAND1 "10" RAND1 "00", "6a80");
    TC_SW(c, "0088008122" "10" RAND1 "0f" RAND1 "00", "6a80");
    TC_SW(c, "00880081", "6700");
    TC_SW(c, "8088008122" "10" RAND1 "10" RAND1 "00", "6e00");
    CHECK(tc_unchanged(c));
    /* T=0: no Le, the answer waits for GET RESPONSE */
    memcpy(apdu + strlen(apdu) - 2, "\0", 1);
    TC_EXPECT(c, apdu, "612c");
    tc_send(c, "00c000002c", got);
    CHECKF(strlen(got) == 2 * 0x2c + 4 && strncmp(got, "db08", 4) == 0 &&
               strncmp(got + 4, v.res, 16) == 0,
           "GET RESPONSE %s", got);
    /* PIN1 disabled: no verification needed */
    c = tc_new_card();
    TC_EXPECT(c, "0026000108" TC_PIN1, "9000");
    CHECK(kl_card_boot(c) == 0);
    TC_EXPECT(c, "00a4080c027fff", "9000");
    TC_SW(c, apdu, "612c");
}

/* ---- a power cut at every storage write of a successful AUTHENTICATE ---- */

static kl_card before;
static uint8_t img_old[KL_IMAGE_BYTES], img_new[KL_IMAGE_BYTES];
static char cut_apdu[200], cut_want[200], next_apdu[200], next_want[200];

static void encode(const kl_card *c, uint8_t *out)
{
    size_t n;
    if (kl_image_encode(&c->st, out, KL_IMAGE_BYTES, &n) != 0 ||
        n != KL_IMAGE_BYTES)
        abort();
}

static void t_power_cut(void)
{
    kl_card *c = tc_new_card();
    vec v = osmo(K0, OPC0, RAND1, 96 + 1, "8000", NULL),
        w = osmo(K0, OPC0, RAND2, 128 + 1, "8000", NULL);
    uint32_t n;
    unsigned olds = 0, news = 0, mixed = 0, answered = 0, alive = 0;
    char got[600];
    auth_apdu(cut_apdu, RAND1, v.autn);
    success_body(cut_want, &v, 0);
    auth_apdu(next_apdu, RAND2, w.autn);
    success_body(next_want, &w, 0);
    open_usim(c);
    before = *c;
    encode(c, img_old);
    kl_txn_arm(&c->txn, 0, 0);
    tc_send(c, cut_apdu, got);
    CHECKF(strcmp(got, cut_want) == 0, "uncut run: %s", got);
    n = c->txn.writes;
    encode(c, img_new);
    CHECKF(n >= 2, "the AUTHENTICATE made %u storage writes", n);
    CHECK(memcmp(img_old, img_new, sizeof img_old) != 0);
    for (uint32_t torn = 0; torn <= 1; torn++) {
        for (uint32_t cut = 1; cut <= n + 1; cut++) {
            uint8_t img[KL_IMAGE_BYTES];
            int rc, was_new;
            *c = before;
            kl_txn_arm(&c->txn, cut, torn);
            rc = tc_send(c, cut_apdu, got);
            if (cut <= n)
                answered += rc == 0; /* a cut card must not answer */
            else
                CHECK(rc == 0 && strcmp(got, cut_want) == 0);
            if (kl_card_boot(c) != 0) {
                mixed++;
                continue;
            }
            encode(c, img);
            was_new = memcmp(img, img_new, sizeof img) == 0;
            if (memcmp(img, img_old, sizeof img) == 0)
                olds++;
            else if (was_new)
                news++;
            else
                mixed++;
            /* it still authenticates: the same vector is fresh exactly in
             * the old state, and the next one is fresh in both */
            tc_send(c, "0020000108" TC_PIN1, got);
            tc_send(c, "00a4080c047fff6f07", got);
            tc_send(c, cut_apdu, got);
            alive += was_new ? strncmp(got, "dc0e", 4) == 0
                             : strcmp(got, cut_want) == 0;
            tc_send(c, next_apdu, got);
            alive += strcmp(got, next_want) == 0;
        }
    }
    CHECKF(mixed == 0, "%u cuts left neither the old nor the new state", mixed);
    CHECKF(answered == 0, "%u cut runs still answered", answered);
    CHECKF(alive == 4 * (n + 1), "%u of %u checks after restart passed", alive,
           4 * (n + 1));
    CHECKF(news >= 2 && olds >= 2, "old %u, new %u", olds, news);
    printf("  %u writes; per cut mode: old %u, new %u\n", n, olds, news);
}

int main(void)
{
    tl_run("card_auth", "success_mac_resync", t_success_mac_resync);
    tl_run("card_auth", "persist_and_entry", t_persist_and_entry);
    tl_run("card_auth", "gsm_and_kc", t_gsm_and_kc);
    tl_run("card_auth", "access_and_bad", t_access_and_bad);
    tl_run("card_auth", "power_cut", t_power_cut);
    return tl_finish();
}
