/* test_card_power.c - power cuts at every single storage write of an
 * UPDATE BINARY, a failed VERIFY PIN, a successful UNBLOCK PIN (several
 * fields in one command) and a key-list advance through the core API.
 * Each cut either drops the write or tears it (first half written).  After
 * every cut the card gives no response, refuses everything until it
 * restarts, restarts from its storage alone, and holds exactly the old or
 * the new state (compared as encoded images), never a mix; then it still
 * works. */
#include "test_card_util.h"

static kl_card before; /* the card right before the operation */
static uint8_t img_old[KL_IMAGE_BYTES], img_new[KL_IMAGE_BYTES],
    img_mid[KL_IMAGE_BYTES];

static void encode(const kl_card *c, uint8_t *out)
{
    size_t n;
    if (kl_image_encode(&c->st, out, KL_IMAGE_BYTES, &n) != 0 ||
        n != KL_IMAGE_BYTES)
        abort();
}

static int send(kl_card *c, const char *hex)
{
    char got[600];
    return tc_send(c, hex, got);
}

/* ---- the operations ------------------------------------------------------ */

static void setup_update(kl_card *c)
{
    send(c, "00a4080c047fff6f07");
    send(c, "0020000a08" TC_ADM1);
}
static int op_update(kl_card *c)
{
    return send(c, "00d6000009" "082926101160845740"); /* 262011106487504 */
}

static void setup_verify(kl_card *c) { (void)c; }
static int op_verify_bad(kl_card *c)
{
    return send(c, "0020000108" TC_PIN1_BAD);
}

static void setup_unblock(kl_card *c)
{
    for (int k = 0; k < 3; k++)
        send(c, "0020000108" TC_PIN1_BAD);
}
static int op_unblock(kl_card *c)
{
    return send(c, "002c000110" TC_PUK1 "3939393939ffffff");
}

static void setup_advance(kl_card *c) { (void)c; }
static int op_advance(kl_card *c) { return kl_card_keylist_advance(c); }

/* ---- the cut loop -------------------------------------------------------- */

/* Runs op on a copy of the prepared card once without a cut (n writes),
 * then once per cut point 1..n, dropped and torn.  mid: an intermediate
 * committed state the operation may stop in (a try counted, before the
 * command's own commit), or NULL. */
static void cut_everywhere(void (*setup)(kl_card *), int (*op)(kl_card *),
                           int has_mid, int (*works)(kl_card *))
{
    static kl_card *c;
    uint32_t n;
    unsigned olds = 0, news = 0, mids = 0, mixed = 0, answered = 0,
             alive = 0, dead_ok = 0;
    c = tc_new_card();
    setup(c);
    before = *c;
    encode(c, img_old);
    /* the uncut run: its write count and its final state */
    kl_txn_arm(&c->txn, 0, 0);
    CHECK(op(c) == 0);
    n = c->txn.writes;
    encode(c, img_new);
    CHECKF(n >= 2, "the operation made %u storage writes", n);
    CHECK(memcmp(img_old, img_new, sizeof img_old) != 0);
    if (has_mid) {
        /* the state after the first commit: the try counted */
        *c = before;
        kl_txn_arm(&c->txn, 0, 0);
        CHECK(op(c) == 0);
        *c = before;
        kl_txn_arm(&c->txn, n / 2 + 1, 0); /* cut inside the 2nd commit */
        (void)op(c);
        CHECK(kl_card_boot(c) == 0);
        encode(c, img_mid);
    }
    for (uint32_t torn = 0; torn <= 1; torn++) {
        for (uint32_t cut = 1; cut <= n + 1; cut++) {
            uint8_t got[KL_IMAGE_BYTES];
            uint8_t r[KL_CARD_RESP_MAX];
            size_t rl;
            int rc;
            *c = before;
            kl_txn_arm(&c->txn, cut, torn);
            rc = op(c);
            if (cut <= n) {
                /* the power went: no answer, nothing more accepted */
                answered += rc == 0;
                dead_ok += c->dead == 1 &&
                           kl_card_apdu(c, (const uint8_t *)"\x80\xf2\x00\x0c",
                                        4, r, sizeof r, &rl) ==
                               KL_UICC_E_POWER;
            } else {
                CHECK(rc == 0);
            }
            if (kl_card_boot(c) != 0) {
                mixed++;
                continue;
            }
            encode(c, got);
            if (memcmp(got, img_old, sizeof got) == 0)
                olds++;
            else if (memcmp(got, img_new, sizeof got) == 0)
                news++;
            else if (has_mid && memcmp(got, img_mid, sizeof got) == 0)
                mids++;
            else
                mixed++;
            alive += works(c);
        }
    }
    CHECKF(mixed == 0, "%u cuts left neither the old nor the new state",
           mixed);
    CHECKF(answered == 0, "%u cut runs still answered", answered);
    CHECKF(dead_ok == 2 * n, "%u of %u cut cards refused further commands",
           dead_ok, 2 * n);
    CHECKF(alive == 2 * (n + 1), "%u of %u restarted cards work", alive,
           2 * (n + 1));
    /* only the uncut runs (and, for a two-commit command, cuts in its
     * second commit) end in the new state */
    CHECKF(news >= 2, "new state %u times", news);
    CHECKF(olds >= 2, "old state %u times", olds);
    if (has_mid)
        CHECKF(mids >= 2, "intermediate state %u times", mids);
    fprintf(stdout, "  %u writes; per cut mode: old %u, mid %u, new %u\n",
            n, olds, mids, news);
}

/* ---- after the restart: the card still works ----------------------------- */

static int works_update(kl_card *c)
{
    char got[600];
    /* EF.IMSI is one of the two values, and PIN1 verifies */
    tc_send(c, "0020000108" TC_PIN1, got);
    if (strcmp(got, "9000") != 0)
        return 0;
    tc_send(c, "00a4080c047fff6f07", got);
    tc_send(c, "00b0000009", got);
    return strcmp(got, "080910100000000010" "9000") == 0 ||
           strcmp(got, "082926101160845740" "9000") == 0;
}

static int works_verify(kl_card *c)
{
    char got[600];
    /* the correct PIN still verifies (2 or 3 tries were left) */
    tc_send(c, "0020000108" TC_PIN1, got);
    return strcmp(got, "9000") == 0;
}

static int works_unblock(kl_card *c)
{
    char got[600];
    /* either still blocked with the PUK usable, or unblocked with the new
     * PIN */
    tc_send(c, "0020000108" "3939393939ffffff", got);
    if (strcmp(got, "9000") == 0)
        return c->st.pin1.tries == 3 && c->st.puk1.tries == 10;
    if (strcmp(got, "6983") != 0)
        return 0;
    tc_send(c, "002c000110" TC_PUK1 "3939393939ffffff", got);
    return strcmp(got, "9000") == 0;
}

static int works_advance(kl_card *c)
{
    char got[600];
    if (kl_keylist_check(&c->st.keys) != KL_KEYLIST_OK ||
        c->st.keys.active > 1)
        return 0;
    tc_send(c, "0020000108" TC_PIN1, got);
    return strcmp(got, "9000") == 0;
}

static void t_update_binary(void)
{
    cut_everywhere(setup_update, op_update, 0, works_update);
}

static void t_verify_failed(void)
{
    cut_everywhere(setup_verify, op_verify_bad, 0, works_verify);
}

static void t_unblock(void)
{
    cut_everywhere(setup_unblock, op_unblock, 1, works_unblock);
}

static void t_keylist_advance(void)
{
    cut_everywhere(setup_advance, op_advance, 0, works_advance);
}

/* A failed VERIFY whose counter commit is cut shows no outcome; once the
 * commit stands, the outcome follows it: the try is in storage first. */
static void t_verify_try_before_outcome(void)
{
    kl_card *c = tc_new_card();
    uint32_t n;
    before = *c;
    kl_txn_arm(&c->txn, 0, 0);
    TC_EXPECT(c, "0020000108" TC_PIN1_BAD, "63c2");
    CHECK(c->compares == before.compares + 1);
    n = c->txn.writes;
    CHECK(kl_card_boot(c) == 0 && c->st.pin1.tries == 2);
    for (uint32_t cut = 1; cut <= n; cut++) {
        char got[600];
        *c = before;
        kl_txn_arm(&c->txn, cut, 0);
        CHECK(tc_send(c, "0020000108" TC_PIN1_BAD, got) == KL_UICC_E_POWER);
        CHECK(strcmp(got, "(no response)") == 0);
        /* the comparison was not even made: the try was not in storage */
        CHECK(c->compares == before.compares);
        CHECK(kl_card_boot(c) == 0 && c->st.pin1.tries == 3);
    }
}

/* After an interrupted commit the next commit reuses the torn slot. */
static void t_commit_after_cut(void)
{
    kl_card *c = tc_new_card();
    setup_update(c);
    kl_txn_arm(&c->txn, 3, 1);
    CHECK(op_update(c) == KL_UICC_E_POWER);
    CHECK(kl_card_boot(c) == 0);
    setup_update(c);
    TC_EXPECT(c, "00d6000009" "082926101160845740", "9000");
    CHECK(kl_card_boot(c) == 0);
    TC_EXPECT(c, "0020000108" TC_PIN1, "9000");
    TC_EXPECT(c, "00a4080c047fff6f07", "9000");
    TC_EXPECT(c, "00b0000009", "082926101160845740" "9000");
}

int main(void)
{
    tl_run("card_power", "update_binary", t_update_binary);
    tl_run("card_power", "verify_failed", t_verify_failed);
    tl_run("card_power", "unblock", t_unblock);
    tl_run("card_power", "keylist_advance", t_keylist_advance);
    tl_run("card_power", "verify_try_before_outcome",
           t_verify_try_before_outcome);
    tl_run("card_power", "commit_after_cut", t_commit_after_cut);
    return tl_finish();
}
