/* fuzz_card.c - fuzz target: the card as a whole (uicc/ on the core):
 * sequences of command APDUs sent to a freshly personalised in-memory card,
 * with warm resets and power cuts at chosen storage writes.
 *
 * Input: up to MAX_CMDS records, each
 *   ctl (1)        bit 7: cut the power during this command (a cut byte
 *                  follows); bit 6: warm reset (kl_card_reset) first;
 *                  bit 5: the length is len + 256; bit 4: the cut write is
 *                  torn (its first half written), not dropped
 *   cut (1)        only with bit 7: the cut falls on storage write
 *                  1 + cut % n, n the writes the command makes uncut (a
 *                  command that writes nothing is not cut)
 *   len (1)        the APDU's length (with bit 5: + 256)
 *   APDU (len)     as a terminal sends it; a record cut short by the end
 *                  of the input takes what is there
 * The card is the one personalised once from PROFILE below (entry 0 is
 * TS 35.208 test set 1), copied afresh at the top of every input: nothing
 * is carried from one input to the next, and there is no file I/O.
 *
 * Properties, after every command (abort() with a message when one fails):
 *   P1  no crash, no sanitizer report (the engines' part).
 *   P2  uncut, kl_card_apdu answers KL_UICC_OK with 2 .. 258 bytes that end
 *       in a status word the card defines (table below; never 6F 00, which
 *       only an internal error gives); data comes only with 90 00 or 61 XX;
 *       a warm reset answers the ATR 3B 80 80 1F C7 D8.
 *   P3  the stored image is valid: a copy of the storage boots
 *       (kl_card_boot), at the same sequence number, into exactly the state
 *       the card holds in RAM (both encoded and compared byte for byte).
 *   P4  the key-list invariant holds: kl_keylist_check and the target's own
 *       check (fuzz_keylist_invariant) on the state.
 *   P5  a refused command (any status word but 90 00, 61 XX and 63 CX, the
 *       counted failed try) changes no stored byte; neither does a command
 *       that only reads (SELECT, STATUS, READ BINARY, READ RECORD, GET
 *       RESPONSE), whatever it answers, nor an AUTHENTICATE that answers
 *       a resynchronisation (DC AUTS); a 63 CX leaves X tries in storage.
 *   P6  a cut storage write gives no response (KL_UICC_E_POWER), the card
 *       refuses the next command with KL_UICC_E_POWER until it boots, it
 *       boots from its storage alone, and the state it boots into is the
 *       one before the command, the one after it, or, for a command that
 *       commits twice (a PIN try counted first, uicc/cmd_pin.c), the state
 *       committed in between; fuzzing then goes on with the rebooted card.
 */
#include "card.h"
#include "keylist.h"
#include "profile.h"
#include "sw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_card"
#include "fuzz_check.h"

#define MAX_CMDS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static kl_card fresh;    /* personalised once; copied per input */
static kl_card card;     /* the card under test */
static kl_card before;   /* the card before the current command */
static kl_card probe;    /* boots from copies of the storage */
static uint8_t enc_a[KL_TXN_PAYLOAD_MAX], enc_b[KL_TXN_PAYLOAD_MAX];

/* The status words the card sends (uicc/sw.h; docs/standards.md 1.5), with
 * the masks of those that carry a value in SW2. */
static const struct {
    uint16_t sw, mask;
} defined[] = {
    {0x9000, 0xFFFF}, {0x6100, 0xFF00}, {0x6282, 0xFFFF},
    {0x63C0, 0xFFF0}, {0x6581, 0xFFFF}, {0x6700, 0xFFFF},
    {0x6881, 0xFFFF}, {0x6882, 0xFFFF}, {0x6981, 0xFFFF},
    {0x6982, 0xFFFF}, {0x6983, 0xFFFF}, {0x6985, 0xFFFF},
    {0x6986, 0xFFFF}, {0x6A80, 0xFFFF}, {0x6A82, 0xFFFF},
    {0x6A83, 0xFFFF}, {0x6A86, 0xFFFF}, {0x6A88, 0xFFFF},
    {0x6B00, 0xFFFF}, {0x6C00, 0xFF00}, {0x6D00, 0xFFFF},
    {0x6E00, 0xFFFF},
    /* AUTHENTICATE (TS 31.102 7.1.2.1): MAC failure, context not
     * supported */
    {0x9862, 0xFFFF}, {0x9864, 0xFFFF},
};

static int sw_defined(uint16_t sw)
{
    for (size_t k = 0; k < sizeof defined / sizeof defined[0]; k++)
        if ((sw & defined[k].mask) == defined[k].sw)
            return 1;
    return 0;
}

/* The one-time card: a profile like the tests' (harness/test_card_util.h),
 * every key-list entry filled, entry 0 TS 35.208 test set 1. */
static void init_fresh(void)
{
    static char text[16384];
    static kl_card_state st;
    char why[256];
    size_t n = 0;
    n += (size_t)snprintf(text + n, sizeof text - n,
                          "{\"iccid\":\"8988211000000430010\","
                          "\"imsi\":\"001010000000001\",\"pin1\":\"1234\","
                          "\"puk1\":\"12345678\",\"adm1\":\"88888888\","
                          "\"entries\":[");
    for (unsigned i = 0; i < KL_KEYLIST_ENTRIES; i++)
        n += (size_t)snprintf(
            text + n, sizeof text - n,
            "%s{\"alg\":\"milenage\",\"k\":\"%s\",\"opc\":\"%s\","
            "\"kic\":\"%032x\",\"kid\":\"%032x\",\"kvn\":%u,"
            "\"sqn\":\"0000000000%02x\"}",
            i ? "," : "",
            i == 0 ? "465b5ce8b199b49faa5f0a2ee238a6bc"
                   : "00112233445566778899aabbccddeeff",
            i == 0 ? "cd63cb71954a9f4e48a5994e37a02baf"
                   : "ffeeddccbbaa99887766554433221100",
            0x1000u + i, 0x2000u + i, 1u + i % 15u, i);
    n += (size_t)snprintf(text + n, sizeof text - n, "]}");
    FUZZ_CHECK(kl_profile_parse(text, n, &st, why, sizeof why) == 0,
               "the target's profile is refused: %s", why);
    FUZZ_CHECK(kl_card_personalise(&fresh, &st) == KL_UICC_OK,
               "personalise failed");
}

/* The current payload of a card's storage into out; its length. */
static size_t payload(const kl_txn *t, uint8_t *out)
{
    size_t n = 0;
    FUZZ_CHECK(kl_txn_read(t, out, KL_TXN_PAYLOAD_MAX, &n) == KL_TXN_OK,
               "the storage has no current state");
    return n;
}

/* The payload of slot s of a storage, when that slot is valid: kl_txn_open
 * on a copy whose other slot is wiped.  0 when not valid. */
static size_t slot_payload(const kl_txn *t, uint32_t s, uint8_t *out,
                           uint32_t *seq)
{
    static kl_txn one;
    size_t n = 0;
    memcpy(&one, t, sizeof one);
    memset(one.mem + (1u - s) * KL_TXN_SLOT_BYTES, 0, KL_TXN_SLOT_BYTES);
    if (kl_txn_open(&one) != KL_TXN_OK ||
        kl_txn_read(&one, out, KL_TXN_PAYLOAD_MAX, &n) != KL_TXN_OK)
        return 0;
    *seq = one.seq;
    return n;
}

/* P3 and P4 on c: its storage boots into its RAM state. */
static void check_stored(const kl_card *c, const char *when)
{
    size_t na, nb;
    memcpy(probe.txn.mem, c->txn.mem, sizeof probe.txn.mem);
    FUZZ_CHECK(kl_card_boot(&probe) == KL_UICC_OK,
               "P3: %s: the stored image does not boot", when);
    FUZZ_CHECK(probe.txn.seq == c->txn.seq,
               "P3: %s: boots at sequence %u, the card is at %u", when,
               probe.txn.seq, c->txn.seq);
    FUZZ_CHECK(kl_image_encode(&probe.st, enc_a, sizeof enc_a, &na) == 0 &&
                   kl_image_encode(&c->st, enc_b, sizeof enc_b, &nb) == 0,
               "P3: %s: a state does not encode", when);
    FUZZ_CHECK(na == nb && memcmp(enc_a, enc_b, na) == 0,
               "P3: %s: the stored state differs from the RAM state", when);
    /* field by field too: an encoder that loses a field would make both
     * encodings equal */
    FUZZ_CHECK(memcmp(probe.st.data, c->st.data, sizeof c->st.data) == 0 &&
                   memcmp(&probe.st.pin1, &c->st.pin1, sizeof c->st.pin1) == 0 &&
                   memcmp(&probe.st.puk1, &c->st.puk1, sizeof c->st.puk1) == 0 &&
                   memcmp(&probe.st.adm1, &c->st.adm1, sizeof c->st.adm1) == 0 &&
                   probe.st.pin1_enabled == c->st.pin1_enabled &&
                   memcmp(&probe.st.keys, &c->st.keys, sizeof c->st.keys) == 0 &&
                   memcmp(probe.st.sqn, c->st.sqn, sizeof c->st.sqn) == 0,
               "P3: %s: the booted state differs from the RAM state", when);
    FUZZ_CHECK(kl_keylist_check(&c->st.keys) == KL_KEYLIST_OK,
               "P4: %s: kl_keylist_check refuses the key list", when);
    FUZZ_CHECK(fuzz_keylist_invariant(&c->st.keys),
               "P4: %s: the key-list invariant does not hold", when);
}

static int read_only(uint8_t cla, uint8_t ins)
{
    if ((cla & 0xF0) == 0x80)
        return ins == 0xF2; /* STATUS */
    return ins == 0xA4 || ins == 0xB0 || ins == 0xB2 || ins == 0xC0;
}

/* The tries left in storage of the key a failed try (63 CX) was on. */
static uint32_t tries_of(const kl_card *c, uint8_t ins, uint8_t p2)
{
    if (ins == 0x2C)
        return c->st.puk1.tries;
    if (p2 == KL_KEYREF_ADM1)
        return c->st.adm1.tries;
    return c->st.pin1.tries;
}

static void one_command(const uint8_t *apdu, size_t len, int cut, uint8_t cutb,
                        int torn)
{
    uint8_t resp[KL_CARD_RESP_MAX];
    static uint8_t old_p[KL_TXN_PAYLOAD_MAX], new_p[KL_TXN_PAYLOAD_MAX],
        mid_p[KL_TXN_PAYLOAD_MAX], got_p[KL_TXN_PAYLOAD_MAX];
    size_t rlen = 0, n_old, n_new, n_mid = 0, n_got;
    uint32_t writes, seq_mid = 0;
    uint16_t sw;
    int rc;

    memcpy(&before, &card, sizeof card);
    kl_txn_arm(&card.txn, 0, 0);
    rc = kl_card_apdu(&card, apdu, len, resp, sizeof resp, &rlen);
    writes = card.txn.writes;
    /* P2 */
    FUZZ_CHECK(rc == KL_UICC_OK, "P2: kl_card_apdu returned %d", rc);
    FUZZ_CHECK(rlen >= 2 && rlen <= KL_CARD_RESP_MAX, "P2: %zu response bytes",
               rlen);
    sw = (uint16_t)(resp[rlen - 2] << 8 | resp[rlen - 1]);
    FUZZ_CHECK(sw_defined(sw), "P2: status word %04X is not one the card "
               "defines", sw);
    FUZZ_CHECK(rlen == 2 || sw == 0x9000 || (sw & 0xFF00) == 0x6100,
               "P2: %zu data bytes with %04X", rlen - 2, sw);
    /* P3, P4 */
    check_stored(&card, "after a command");
    /* P5 */
    if ((sw != 0x9000 && (sw & 0xFF00) != 0x6100 && (sw & 0xFFF0) != 0x63C0) ||
        (len >= 2 && read_only(apdu[0], apdu[1])))
        FUZZ_CHECK(memcmp(card.txn.mem, before.txn.mem,
                          sizeof card.txn.mem) == 0,
                   "P5: %02X %02X answered %04X and changed stored bytes",
                   apdu[0], len >= 2 ? apdu[1] : 0, sw);
    /* a resynchronisation (DC AUTS, in the response or waiting for GET
     * RESPONSE) changes nothing either (TS 33.102 6.3.3) */
    if (len >= 2 && apdu[1] == 0x88 &&
        ((sw == 0x9000 && rlen > 2 && resp[0] == 0xDC) ||
         ((sw & 0xFF00) == 0x6100 && card.npending > 0 &&
          card.pending[0] == 0xDC)))
        FUZZ_CHECK(memcmp(card.txn.mem, before.txn.mem,
                          sizeof card.txn.mem) == 0,
                   "P5: a resynchronisation changed stored bytes");
    if ((sw & 0xFFF0) == 0x63C0 && len >= 4)
        FUZZ_CHECK(tries_of(&card, apdu[1], apdu[3]) == (sw & 0x0Fu),
                   "P5: %04X but %u tries stored", sw,
                   tries_of(&card, apdu[1], apdu[3]));

    if (!cut || writes == 0)
        return;
    /* P6: the same command on the card as it was, the power cut at one of
     * its writes */
    n_old = payload(&before.txn, old_p);
    n_new = payload(&card.txn, new_p);
    if (card.txn.seq == before.txn.seq + 2)
        n_mid = slot_payload(&card.txn, 1u - card.txn.slot, mid_p, &seq_mid);
    FUZZ_CHECK(card.txn.seq == before.txn.seq + 1 ||
                   (card.txn.seq == before.txn.seq + 2 && n_mid > 0 &&
                    seq_mid == before.txn.seq + 1),
               "P6: one command made %u commits",
               card.txn.seq - before.txn.seq);
    memcpy(&card, &before, sizeof card);
    kl_txn_arm(&card.txn, 1u + cutb % writes, (uint32_t)torn);
    rlen = 0xABCD;
    rc = kl_card_apdu(&card, apdu, len, resp, sizeof resp, &rlen);
    FUZZ_CHECK(rc == KL_UICC_E_POWER && rlen == 0xABCD,
               "P6: cut at write %u of %u: answered (%d)", 1u + cutb % writes,
               writes, rc);
    FUZZ_CHECK(kl_card_apdu(&card, apdu, len, resp, sizeof resp, &rlen) ==
                   KL_UICC_E_POWER,
               "P6: a cut card took another command");
    FUZZ_CHECK(kl_card_boot(&card) == KL_UICC_OK,
               "P6: cut at write %u of %u: the card does not boot",
               1u + cutb % writes, writes);
    n_got = payload(&card.txn, got_p);
    FUZZ_CHECK((n_got == n_old && memcmp(got_p, old_p, n_got) == 0) ||
                   (n_got == n_new && memcmp(got_p, new_p, n_got) == 0) ||
                   (n_mid > 0 && n_got == n_mid &&
                    memcmp(got_p, mid_p, n_got) == 0),
               "P6: cut at write %u of %u (%s): neither the old, the new nor "
               "the intermediate state", 1u + cutb % writes, writes,
               torn ? "torn" : "dropped");
    check_stored(&card, "after a cut and a boot");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    size_t i = 0;
    int cmds = 0;
    if (!ready) {
        init_fresh();
        ready = 1;
    }
    memcpy(&card, &fresh, sizeof card);
    while (i < size && cmds < MAX_CMDS) {
        uint8_t ctl = data[i++], cutb = 0;
        size_t len;
        uint8_t *apdu;
        if (ctl & 0x80)
            cutb = i < size ? data[i++] : 0;
        len = i < size ? data[i++] : 0;
        if (ctl & 0x20)
            len += 256;
        if (len > size - i)
            len = size - i;
        if (ctl & 0x40) {
            uint8_t atr[KL_CARD_ATR_MAX];
            size_t an = 0;
            FUZZ_CHECK(kl_card_reset(&card, atr, sizeof atr, &an) ==
                               KL_UICC_OK &&
                           an == 6 &&
                           memcmp(atr, "\x3b\x80\x80\x1f\xc7\xd8", 6) == 0,
                       "P2: the warm reset's ATR");
        }
        /* an exact-size heap copy: ASan sees any read past the APDU */
        apdu = malloc(len ? len : 1);
        FUZZ_CHECK(apdu != NULL, "malloc");
        if (len)
            memcpy(apdu, data + i, len);
        one_command(apdu, len, (ctl & 0x80) != 0, cutb, (ctl & 0x10) != 0);
        free(apdu);
        i += len;
        cmds++;
    }
    return 0;
}
