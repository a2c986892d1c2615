/* card.h - the virtual USIM: its persistent state, its volatile state, and
 * the entry points (personalise, boot, reset, one APDU, key-list advance).
 *
 * Persistence: the whole persistent state (kl_card_state) is encoded into
 * one state image (uicc/image.c, layout in docs/formats.md) and kept in the
 * transaction layer's storage (core/txn.h: two slots, sequence number,
 * checksum).  The state changes in RAM only inside one command; the
 * command then commits once (kl_card_commit), or, when it fails, the RAM
 * state is reloaded from the last commit (kl_card_rollback): a refused
 * command changes no stored byte.  A PIN try commits its decremented
 * counter before comparing (uicc/cmd_pin.c).  A cut storage write (the
 * power-cut hook of core/txn.h) turns the card off: no response, every
 * later call refused with KL_UICC_E_POWER until kl_card_boot.
 */
#ifndef KL_UICC_CARD_H
#define KL_UICC_CARD_H

#include <stddef.h>
#include <stdint.h>

#include "fs.h"
#include "keylist.h"
#include "txn.h"

#define KL_PIN_BYTES 8u      /* TS 102 221 9.5.1: 8 bytes, 'FF'-padded */
#define KL_PIN1_TRIES 3u     /* PIN retry counter (TS 102 221 9.5.3) */
#define KL_PUK1_TRIES 10u    /* unblock PIN retry counter */
#define KL_ADM1_TRIES 10u    /* ADM key retry counter (no unblock key) */
#define KL_KEYREF_PIN1 0x01u /* TS 102 221 9.5.1 Table 9.3 */
#define KL_KEYREF_ADM1 0x0Au
/* Per key-list entry room for the SQN state (TS 33.102 Annex C, core/sqn.h):
 * SQN_MS, 32 IND slots of 6 bytes, a flag, the rest zero (layout in
 * uicc/cmd_auth.c). */
#define KL_CARD_SQN_ENTRY 256u
#define KL_CARD_SQN_BYTES (KL_CARD_SQN_ENTRY * KL_KEYLIST_ENTRIES)
#define KL_CARD_RESP_MAX 258u /* 256 data bytes + SW1 SW2 */
#define KL_CARD_ATR_MAX 33u

typedef struct kl_pin {
    uint8_t value[KL_PIN_BYTES];
    uint32_t tries; /* tries left, 0 = blocked */
    uint32_t max;
} kl_pin;

/* Everything that survives a power cycle. */
typedef struct kl_card_state {
    uint8_t data[KL_FS_DATA_BYTES]; /* EF contents, offsets in fs.h */
    kl_pin pin1, puk1, adm1;
    uint32_t pin1_enabled;
    kl_keylist keys;
    uint8_t sqn[KL_CARD_SQN_BYTES];
} kl_card_state;

typedef struct kl_card {
    kl_txn txn;         /* the storage: the image file's bytes */
    kl_card_state st;   /* the state, in RAM */
    uint32_t booted;    /* 1 after kl_card_boot */
    uint32_t dead;      /* 1 after a cut storage write */
    /* volatile state, reset by kl_card_boot and kl_card_reset */
    uint32_t cur_df;    /* index of the current DF */
    uint32_t cur_ef;    /* index of the current EF, KL_FS_NONE */
    uint32_t cur_rec;   /* current record number, 0 none */
    uint32_t pin1_ok;   /* PIN1 verified in this session */
    uint32_t adm_ok;    /* ADM1 verified in this session */
    uint8_t pending[256]; /* T=0 response data waiting for GET RESPONSE */
    uint32_t npending;
    uint32_t compares;  /* PIN/PUK/ADM comparisons made (tests check that
                           none happens before its try is committed) */
    /* scratch and the last committed image, for commit and rollback */
    uint8_t image[KL_TXN_PAYLOAD_MAX];
    uint8_t work[KL_TXN_PAYLOAD_MAX];
    size_t nimage;
} kl_card;

/* Writes a new card: the state st (validated: PINs, key list invariant)
 * becomes sequence 1 of a fresh storage, then the card boots. */
int kl_card_personalise(kl_card *c, const kl_card_state *st);
/* Power-on: recovers the current state from c->txn.mem (core/txn.h) and
 * decodes it; resets the volatile state.  KL_UICC_E_IMAGE when no valid
 * state is found. */
int kl_card_boot(kl_card *c);
/* Warm reset: volatile state back to power-on (MF current, no PIN
 * verified), the ATR in atr[0 .. *n-1] (cap >= KL_CARD_ATR_MAX). */
int kl_card_reset(kl_card *c, uint8_t *atr, size_t cap, size_t *n);
/* One command APDU; the response (data, SW1, SW2) in resp[0 .. *rlen-1],
 * cap >= KL_CARD_RESP_MAX.  KL_UICC_E_POWER (no response) when a storage
 * write was cut; other negative values only for bad arguments. */
int kl_card_apdu(kl_card *c, const uint8_t *apdu, size_t len, uint8_t *resp,
                 size_t cap, size_t *rlen);
/* Operator change through the core API: kl_keylist_advance to the next
 * entry, committed once (the OTA switch of the next issue calls it). */
int kl_card_keylist_advance(kl_card *c);

/* Commits the RAM state if it differs from the last commit (one storage
 * transaction).  KL_UICC_E_POWER after a cut write (c->dead is set). */
int kl_card_commit(kl_card *c);
/* Reloads the RAM state from the last commit. */
int kl_card_rollback(kl_card *c);

/* The state image (uicc/image.c): encode into out[0 .. cap-1], decode with
 * full validation (nothing written to *st on refusal). */
#define KL_IMAGE_MAGIC "KLCD"
#define KL_IMAGE_VERSION 1u
#define KL_IMAGE_HEADER 8u
#define KL_IMAGE_PIN_BYTES (3u * (KL_PIN_BYTES + 2u) + 2u)
#define KL_IMAGE_BYTES (KL_IMAGE_HEADER + KL_FS_DATA_BYTES + \
                        KL_IMAGE_PIN_BYTES + KL_KEYLIST_IMAGE_BYTES + \
                        KL_CARD_SQN_BYTES)
int kl_image_encode(const kl_card_state *st, uint8_t *out, size_t cap,
                    size_t *len);
int kl_image_decode(kl_card_state *st, const uint8_t *in, size_t len);

/* 1 when v is a valid PIN value: 4..8 ASCII digits, then 'FF' padding
 * (TS 102 221 9.5.1); ADM may use any byte but 'FF' before the padding. */
int kl_pin_value_ok(const uint8_t v[KL_PIN_BYTES], int digits_only);
/* Constant-time equality of two n-byte strings: 1 equal, 0 not. */
int kl_ct_equal(const uint8_t *a, const uint8_t *b, size_t n);
/* Overwrites n bytes with zeros in a way the compiler keeps. */
void kl_card_wipe(void *p, size_t n);

/* Image file on disk (uicc/store.c): the storage bytes c->txn.mem, written
 * atomically (temporary file, fsync, rename, fsync of the folder). */
int kl_card_save_file(const kl_card *c, const char *path);
/* Reads the file into c->txn.mem (exactly KL_TXN_STORE_BYTES bytes) and
 * boots the card. */
int kl_card_load_file(kl_card *c, const char *path);

#endif
