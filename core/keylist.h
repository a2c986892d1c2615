/* keylist.h - the card's pre-configured Ki list (3GPP TR 33.812, alternative
 * 3b), with the 3a re-key of the active entry, freestanding.
 *
 * The card holds KEYLIST_ENTRIES entries, numbered 0 .. N-1.  Each entry is a
 * full subscription credential set: Ki (16 bytes; 32 reserved for TUAK), the
 * OTA keyset KIc/KID of TS 102 225 with its key version number, the
 * operator-variant OPc, the AKA algorithm and the SQN scheme.  Exactly one
 * entry is active; the entries before it are retired (their secrets wiped to
 * zero, their public fields kept for the audit trail), the entries after it
 * are unused.  An operator change moves the active index one step forward,
 * never back: a retired entry is never revived.
 *
 * The invariant and every contract are in spec/keylist.acsl and below; WP
 * proves them (proofs/modules.txt, unit "keylist").  All functions check
 * their pointers and ranges at run time too and return KEYLIST_OK (0) or a
 * KEYLIST_E_* value (-4xx).  Every failure leaves the list byte-for-byte
 * unchanged.
 *
 * Storage image (keylist_save / keylist_load), KEYLIST_IMAGE_BYTES bytes:
 *
 *   offset  size  field
 *   0       4     magic "KLST" (4B 4C 53 54)
 *   4       1     image version, KEYLIST_IMAGE_VERSION (1)
 *   5       1     entry count, must equal KEYLIST_ENTRIES
 *   6       1     active index
 *   7       1     reserved, 0
 *   8+88j   88    entry j (j = 0 .. N-1):
 *                   +0 state  +1 alg  +2 sqn_scheme  +3 kvn  +4 ki_len
 *                   +5..+7 reserved (0)
 *                   +8 Ki (32, zero-padded after ki_len)  +40 KIc (16)
 *                   +56 KID (16)  +72 OPc (16)  (= keylist_entry.sec)
 *   8+88N   4     checksum: Fletcher-32 over bytes 0 .. 8+88N-1, computed as
 *                 s1 = (s1 + b) mod 65535, s2 = (s2 + s1) mod 65535 from
 *                 s1 = s2 = 0; stored s2 (big-endian 16 bits), then s1.
 *
 * The checksum detects storage corruption (every single-byte change); it is
 * not a MAC: integrity against an attacker is the storage layer's job.
 * The loader refuses an image with a wrong magic, version, count, checksum,
 * reserved byte, out-of-range field, or content that breaks the invariant
 * (no or two active entries, a retired entry after the active one, secrets
 * left in a retired entry, non-zero Ki padding), and then writes nothing.
 */
#ifndef KILIST_KEYLIST_H
#define KILIST_KEYLIST_H

#include "kl_common.h"

/* Number of entries, fixed at build time (-DKEYLIST_ENTRIES=n, 1..255: the
 * image stores the count and the active index in one byte each). */
#ifndef KEYLIST_ENTRIES
#define KEYLIST_ENTRIES 16u
#endif
#if KEYLIST_ENTRIES < 1 || KEYLIST_ENTRIES > 255
#error "KEYLIST_ENTRIES must be in 1..255"
#endif

#define KEYLIST_KI_MAX 32u    /* Ki storage; ki_len is 16 or 32 */
#define KEYLIST_KEY_BYTES 16u /* KIc, KID, OPc */
#define KEYLIST_KVN_MIN 1u    /* TS 102 225 key version number */
#define KEYLIST_KVN_MAX 15u

/* Storage image, see the layout above. */
#define KEYLIST_IMAGE_VERSION 1u
#define KEYLIST_IMAGE_HEADER 8u
#define KEYLIST_IMAGE_ENTRY 88u
#define KEYLIST_IMAGE_SUM_AT \
    (KEYLIST_IMAGE_HEADER + KEYLIST_IMAGE_ENTRY * KEYLIST_ENTRIES)
#define KEYLIST_IMAGE_BYTES (KEYLIST_IMAGE_SUM_AT + 4u)
#define KEYLIST_MAGIC0 0x4Bu /* 'K' */
#define KEYLIST_MAGIC1 0x4Cu /* 'L' */
#define KEYLIST_MAGIC2 0x53u /* 'S' */
#define KEYLIST_MAGIC3 0x54u /* 'T' */
/* Offsets inside one image entry. */
#define KEYLIST_IE_STATE 0u
#define KEYLIST_IE_ALG 1u
#define KEYLIST_IE_SQN 2u
#define KEYLIST_IE_KVN 3u
#define KEYLIST_IE_KI_LEN 4u
#define KEYLIST_IE_SEC 8u /* the 80 secret bytes, as keylist_entry.sec */

enum keylist_status {
    KEYLIST_OK = 0,
    KEYLIST_E_NULL = -401,      /* a pointer argument was NULL */
    KEYLIST_E_COUNT = -402,     /* entry count is not KEYLIST_ENTRIES */
    KEYLIST_E_ALG = -403,       /* unknown AKA algorithm id */
    KEYLIST_E_KI_LEN = -404,    /* Ki length not allowed for the algorithm */
    KEYLIST_E_KVN = -405,       /* key version number not in 1..15 */
    KEYLIST_E_SQN = -406,       /* unknown SQN scheme id */
    KEYLIST_E_INDEX = -407,     /* index out of range / not active + 1 */
    KEYLIST_E_EXHAUSTED = -408, /* the last entry is already active */
    KEYLIST_E_STATE = -409,     /* entry in the wrong state for the call */
    KEYLIST_E_INVARIANT = -410, /* keylist_check: the invariant is broken */
    KEYLIST_E_SIZE = -411,      /* image buffer length is not IMAGE_BYTES */
    KEYLIST_E_MAGIC = -412,     /* image: bad magic */
    KEYLIST_E_VERSION = -413,   /* image: unknown version or wrong count */
    KEYLIST_E_CHECKSUM = -414,  /* image: checksum mismatch */
    KEYLIST_E_IMAGE = -415,     /* image: bad field or invariant broken */
};

/* Entry states. */
enum keylist_state {
    KEYLIST_UNUSED = 0,
    KEYLIST_ACTIVE = 1,
    KEYLIST_RETIRED = 2,
};

/* AKA algorithms. */
enum keylist_alg {
    KEYLIST_ALG_MILENAGE = 1, /* TS 35.206; Ki is 16 bytes */
    KEYLIST_ALG_TUAK = 2,     /* TS 35.231, reserved: stored (Ki 16 or 32
                                 bytes), not yet run by the card */
};

/* SQN generation/verification schemes (TS 33.102 Annex C); the SQN module
 * of the card interprets them, the key list only stores the id. */
enum keylist_sqn {
    KEYLIST_SQN_SEQ_IND = 1, /* SEQ || IND, array of SEQ per IND (C.1.1,
                                C.2.2, C.3.2): the 33.102 profile */
    KEYLIST_SQN_TIME = 2,    /* time-based SEQ (C.1.2) */
    KEYLIST_SQN_PLAIN = 3,   /* one counter, no IND (C.2.1) */
    KEYLIST_SQN_MIN = KEYLIST_SQN_SEQ_IND,
    KEYLIST_SQN_MAX = KEYLIST_SQN_PLAIN,
};

/* The secrets of an entry are one block of KEYLIST_SECRET_BYTES bytes, in
 * the order of the storage image: Ki (32, zero-padded after ki_len), KIc,
 * KID, OPc.  One block means one quantifier per property in the proofs
 * (wiped, unchanged, copied) instead of four. */
#define KEYLIST_SEC_KI 0u
#define KEYLIST_SEC_KIC 32u
#define KEYLIST_SEC_KID 48u
#define KEYLIST_SEC_OPC 64u
#define KEYLIST_SECRET_BYTES 80u

/* One entry of the list, as the card stores it. */
typedef struct keylist_entry {
    uint8_t sec[KEYLIST_SECRET_BYTES]; /* Ki | KIc | KID | OPc */
    uint32_t ki_len;     /* 16 or 32 */
    uint32_t kvn;        /* KVN of the KIc/KID keyset, 1..15 */
    uint32_t alg;        /* enum keylist_alg */
    uint32_t sqn_scheme; /* enum keylist_sqn */
    uint32_t state;      /* enum keylist_state */
} keylist_entry;

typedef struct keylist {
    keylist_entry entry[KEYLIST_ENTRIES];
    uint32_t active; /* index of the one active entry */
} keylist;

/* The keys and parameters of one entry, as the caller sees them: input of
 * keylist_init (one per entry), output of keylist_get_active (a copy, not a
 * view).  Holds secrets: wipe with keylist_keys_wipe() after use.  On input
 * only ki[0 .. ki_len-1] is read; on output ki[ki_len .. 31] is zero. */
typedef struct keylist_keys {
    uint8_t ki[KEYLIST_KI_MAX];
    uint8_t kic[KEYLIST_KEY_BYTES];
    uint8_t kid[KEYLIST_KEY_BYTES];
    uint8_t opc[KEYLIST_KEY_BYTES];
    uint32_t ki_len;
    uint32_t kvn;
    uint32_t alg;
    uint32_t sqn_scheme;
} keylist_keys;

#if defined(__FRAMAC__)
#include "../spec/keylist.acsl"
#endif

/* Personalisation (at the factory, never after issuance): entry j from
 * keys[j], entry 0 active, the others unused.  n must be KEYLIST_ENTRIES.
 * Every entry is validated before anything is written. */
/*@ requires l == \null || \valid(l);
    requires keys == \null || n != KEYLIST_ENTRIES ||
             \valid_read(keys + (0 .. KEYLIST_ENTRIES - 1));
    requires l != \null && keys != \null && n == KEYLIST_ENTRIES ==>
             \separated(l, keys + (0 .. KEYLIST_ENTRIES - 1));
    terminates \true;
    assigns *l;
    behavior null_argument:
      assumes l == \null || keys == \null;
      assigns \nothing;
      ensures \result == KEYLIST_E_NULL;
    behavior bad_count:
      assumes l != \null && keys != \null && n != KEYLIST_ENTRIES;
      assigns \nothing;
      ensures \result == KEYLIST_E_COUNT;
    behavior bad_keys:
      assumes l != \null && keys != \null && n == KEYLIST_ENTRIES;
      assumes \exists integer j; 0 <= j < KEYLIST_ENTRIES &&
              !kl_keys_ok(keys + j);
      assigns \nothing;
      ensures \result < 0;
    behavior personalised:
      assumes l != \null && keys != \null && n == KEYLIST_ENTRIES;
      assumes \forall integer j; 0 <= j < KEYLIST_ENTRIES ==>
              kl_keys_ok(keys + j);
      ensures \result == KEYLIST_OK;
      ensures keylist_inv(l);
      ensures l->active == 0;
    complete behaviors;
    disjoint behaviors;
*/
int keylist_init(keylist *l, const keylist_keys *keys, size_t n);

/* Checks the invariant at run time: KEYLIST_OK if it holds, else
 * KEYLIST_E_INVARIANT (KEYLIST_E_NULL for NULL).  Reads secrets only to test
 * retired entries for zero, in constant time per entry. */
/*@ requires l == \null || \valid_read(l);
    terminates \true;
    assigns \nothing;
    behavior null_argument:
      assumes l == \null;
      ensures \result == KEYLIST_E_NULL;
    behavior holds:
      assumes l != \null && keylist_inv(l);
      ensures \result == KEYLIST_OK;
    behavior broken:
      assumes l != \null && !keylist_inv(l);
      ensures \result == KEYLIST_E_INVARIANT;
    complete behaviors;
    disjoint behaviors;
*/
int keylist_check(const keylist *l);

/* Copies the active entry (secrets included) into *out and its index into
 * *index.  The caller wipes *out (keylist_keys_wipe) when done. */
/*@ requires l == \null || \valid_read(l);
    requires l != \null ==> keylist_inv(l);
    requires out == \null || \valid(out);
    requires index == \null || \valid(index);
    requires l != \null && out != \null ==> \separated(l, out);
    requires l != \null && index != \null ==> \separated(l, index);
    requires out != \null && index != \null ==> \separated(out, index);
    terminates \true;
    assigns *out, *index;
    behavior null_argument:
      assumes l == \null || out == \null || index == \null;
      assigns \nothing;
      ensures \result == KEYLIST_E_NULL;
    behavior copied:
      assumes l != \null && out != \null && index != \null;
      ensures \result == KEYLIST_OK;
      ensures *index == l->active;
      ensures kl_keys_params_of{Post, Pre}(out, l, l->active);
      ensures kl_keys_ki_of{Post, Pre}(out, l, l->active);
      ensures kl_keys_kic_of{Post, Pre}(out, l, l->active);
      ensures kl_keys_kid_of{Post, Pre}(out, l, l->active);
      ensures kl_keys_opc_of{Post, Pre}(out, l, l->active);
    complete behaviors;
    disjoint behaviors;
*/
int keylist_get_active(const keylist *l, keylist_keys *out, uint32_t *index);

/* Operator change (3b): makes entry i active.  i must be exactly active + 1
 * and that entry unused; the old active entry is retired and its Ki, KIc,
 * KID and OPc are wiped.  KEYLIST_E_EXHAUSTED when the last entry is already
 * active (whatever i), KEYLIST_E_INDEX when i is not active + 1. */
/*@ requires l == \null || \valid(l);
    requires l != \null ==> keylist_inv(l);
    terminates \true;
    assigns l->active, l->entry[i].state, l->entry[l->active].state,
            l->entry[l->active].sec[0 .. KEYLIST_SECRET_BYTES - 1];
    ensures l != \null ==> keylist_inv(l);
    ensures l != \null ==> keylist_progress{Pre, Post}(l);
    behavior null_argument:
      assumes l == \null;
      assigns \nothing;
      ensures \result == KEYLIST_E_NULL;
    behavior exhausted:
      assumes l != \null && l->active + 1 >= KEYLIST_ENTRIES;
      assigns \nothing;
      ensures \result == KEYLIST_E_EXHAUSTED;
    behavior bad_index:
      assumes l != \null && l->active + 1 < KEYLIST_ENTRIES;
      assumes i != l->active + 1;
      assigns \nothing;
      ensures \result == KEYLIST_E_INDEX;
    behavior advanced:
      assumes l != \null && l->active + 1 < KEYLIST_ENTRIES;
      assumes i == l->active + 1;
      ensures \result == KEYLIST_OK;
      ensures l->active == \old(l->active) + 1;
      ensures \at(l->entry[i].state, Pre) == KEYLIST_UNUSED;
      ensures l->entry[i].state == KEYLIST_ACTIVE;
      ensures kl_secrets_same{Pre, Post}(l, i);
      ensures kl_public_same{Pre, Post}(l, i);
      ensures \at(l->entry[\at(l->active, Pre)].state, Pre) == KEYLIST_ACTIVE;
      ensures l->entry[\old(l->active)].state == KEYLIST_RETIRED;
      ensures kl_wiped(l, \old(l->active));
      ensures kl_public_same{Pre, Post}(l, \old(l->active));
      ensures \forall integer j; 0 <= j < KEYLIST_ENTRIES &&
              j != i && j != \old(l->active) ==>
              kl_entry_same{Pre, Post}(l, j);
    complete behaviors;
    disjoint behaviors;
*/
int keylist_advance(keylist *l, uint32_t i);

/* 3a re-key: replaces the active entry's Ki (ki_len bytes, which must suit
 * the entry's algorithm), its OTA keyset KIc/KID with key version number
 * kvn, and its OPc (OPc = E_Ki(OP) xor OP depends on Ki, so a new Ki always
 * comes with a new OPc).  Algorithm, SQN scheme, state and active index are
 * kept.  Everything is validated before anything is written. */
/*@ requires l == \null || \valid(l);
    requires l != \null ==> keylist_inv(l);
    requires ki == \null || (ki_len != 16 && ki_len != 32) ||
             \valid_read(ki + (0 .. ki_len - 1));
    requires kic == \null || \valid_read(kic + (0 .. KEYLIST_KEY_BYTES - 1));
    requires kid == \null || \valid_read(kid + (0 .. KEYLIST_KEY_BYTES - 1));
    requires opc == \null || \valid_read(opc + (0 .. KEYLIST_KEY_BYTES - 1));
    requires l != \null && ki != \null && (ki_len == 16 || ki_len == 32) ==>
             \separated(l, ki + (0 .. ki_len - 1));
    requires l != \null && kic != \null ==>
             \separated(l, kic + (0 .. KEYLIST_KEY_BYTES - 1));
    requires l != \null && kid != \null ==>
             \separated(l, kid + (0 .. KEYLIST_KEY_BYTES - 1));
    requires l != \null && opc != \null ==>
             \separated(l, opc + (0 .. KEYLIST_KEY_BYTES - 1));
    terminates \true;
    assigns l->entry[l->active].sec[0 .. KEYLIST_SECRET_BYTES - 1],
            l->entry[l->active].ki_len, l->entry[l->active].kvn;
    ensures l != \null ==> keylist_inv(l);
    ensures l != \null ==> keylist_progress{Pre, Post}(l);
    behavior null_argument:
      assumes l == \null || ki == \null || kic == \null || kid == \null ||
              opc == \null;
      assigns \nothing;
      ensures \result == KEYLIST_E_NULL;
    behavior bad_parameters:
      assumes l != \null && ki != \null && kic != \null && kid != \null &&
              opc != \null;
      assumes !kl_params_ok(ki_len, kvn, l->entry[l->active].alg,
                            l->entry[l->active].sqn_scheme);
      assigns \nothing;
      ensures \result < 0;
    behavior rekeyed:
      assumes l != \null && ki != \null && kic != \null && kid != \null &&
              opc != \null;
      assumes kl_params_ok(ki_len, kvn, l->entry[l->active].alg,
                           l->entry[l->active].sqn_scheme);
      ensures \result == KEYLIST_OK;
      ensures l->active == \old(l->active);
      ensures l->entry[l->active].ki_len == ki_len;
      ensures l->entry[l->active].kvn == kvn;
      ensures l->entry[l->active].alg == \old(l->entry[l->active].alg);
      ensures l->entry[l->active].sqn_scheme ==
              \old(l->entry[l->active].sqn_scheme);
      ensures l->entry[l->active].state == KEYLIST_ACTIVE;
      ensures kl_sec_from{Post, Pre}(l, l->active, ki, ki_len, kic, kid, opc);
      ensures \forall integer j; 0 <= j < KEYLIST_ENTRIES &&
              j != l->active ==> kl_entry_same{Pre, Post}(l, j);
    complete behaviors;
    disjoint behaviors;
*/
int keylist_rekey(keylist *l, const uint8_t *ki, uint32_t ki_len,
                  const uint8_t *kic, const uint8_t *kid, uint32_t kvn,
                  const uint8_t *opc);

/* Wipes (again) the secrets of retired entry i.  Retired entries are wiped
 * already (the invariant says so; keylist_advance does it), so under the
 * invariant this changes nothing; it is the explicit call for callers that
 * want to be sure.  KEYLIST_E_INDEX for i >= N, KEYLIST_E_STATE when entry i
 * is not retired (wiping a live entry would destroy a credential). */
/*@ requires l == \null || \valid(l);
    requires l != \null ==> keylist_inv(l);
    terminates \true;
    assigns l->entry[i].sec[0 .. KEYLIST_SECRET_BYTES - 1];
    ensures l != \null ==> keylist_inv(l);
    ensures l != \null ==> keylist_progress{Pre, Post}(l);
    behavior null_argument:
      assumes l == \null;
      assigns \nothing;
      ensures \result == KEYLIST_E_NULL;
    behavior bad_index:
      assumes l != \null && i >= KEYLIST_ENTRIES;
      assigns \nothing;
      ensures \result == KEYLIST_E_INDEX;
    behavior not_retired:
      assumes l != \null && i < KEYLIST_ENTRIES;
      assumes l->entry[i].state != KEYLIST_RETIRED;
      assigns \nothing;
      ensures \result == KEYLIST_E_STATE;
    behavior wiped:
      assumes l != \null && i < KEYLIST_ENTRIES;
      assumes l->entry[i].state == KEYLIST_RETIRED;
      ensures \result == KEYLIST_OK;
      ensures kl_wiped(l, i);
      ensures l->active == \old(l->active);
      ensures \forall integer j; 0 <= j < KEYLIST_ENTRIES ==>
              kl_entry_same{Pre, Post}(l, j);
    complete behaviors;
    disjoint behaviors;
*/
int keylist_wipe(keylist *l, uint32_t i);

/* Writes the storage image of the list (layout above) to img[0 .. len-1];
 * len must be KEYLIST_IMAGE_BYTES.  The image holds the secrets. */
/*@ requires l == \null || \valid_read(l);
    requires l != \null ==> keylist_inv(l);
    requires img == \null || len != KEYLIST_IMAGE_BYTES ||
             \valid(img + (0 .. KEYLIST_IMAGE_BYTES - 1));
    requires l != \null && img != \null && len == KEYLIST_IMAGE_BYTES ==>
             \separated(l, img + (0 .. KEYLIST_IMAGE_BYTES - 1));
    terminates \true;
    assigns img[0 .. KEYLIST_IMAGE_BYTES - 1];
    behavior null_argument:
      assumes l == \null || img == \null;
      assigns \nothing;
      ensures \result == KEYLIST_E_NULL;
    behavior bad_size:
      assumes l != \null && img != \null && len != KEYLIST_IMAGE_BYTES;
      assigns \nothing;
      ensures \result == KEYLIST_E_SIZE;
    behavior saved:
      assumes l != \null && img != \null && len == KEYLIST_IMAGE_BYTES;
      ensures \result == KEYLIST_OK;
      ensures keylist_image_of{Post, Pre}(img, l);
      ensures keylist_image_ok(img);
    complete behaviors;
    disjoint behaviors;
*/
int keylist_save(const keylist *l, uint8_t *img, size_t len);

/* Reads a storage image (len must be KEYLIST_IMAGE_BYTES) into *l after
 * validating all of it; on any refusal *l is left untouched.  Needs no
 * invariant of *l beforehand (it may be uninitialised at boot). */
/*@ requires l == \null || \valid(l);
    requires img == \null || len != KEYLIST_IMAGE_BYTES ||
             \valid_read(img + (0 .. KEYLIST_IMAGE_BYTES - 1));
    requires l != \null && img != \null && len == KEYLIST_IMAGE_BYTES ==>
             \separated(l, img + (0 .. KEYLIST_IMAGE_BYTES - 1));
    terminates \true;
    assigns *l;
    behavior null_argument:
      assumes l == \null || img == \null;
      assigns \nothing;
      ensures \result == KEYLIST_E_NULL;
    behavior bad_size:
      assumes l != \null && img != \null && len != KEYLIST_IMAGE_BYTES;
      assigns \nothing;
      ensures \result == KEYLIST_E_SIZE;
    behavior refused:
      assumes l != \null && img != \null && len == KEYLIST_IMAGE_BYTES;
      assumes !keylist_image_ok(img);
      assigns \nothing;
      ensures \result < 0;
    behavior loaded:
      assumes l != \null && img != \null && len == KEYLIST_IMAGE_BYTES;
      assumes keylist_image_ok(img);
      ensures \result == KEYLIST_OK;
      ensures keylist_inv(l);
      ensures keylist_image_of{Pre, Post}(img, l);
    complete behaviors;
    disjoint behaviors;
*/
int keylist_load(keylist *l, const uint8_t *img, size_t len);

/* Overwrites a keylist_keys (secrets and parameters) with zeros. */
/*@ requires k == \null || \valid(k);
    terminates \true;
    assigns *k;
    ensures k != \null ==> kl_keys_zero(k);
*/
void keylist_keys_wipe(keylist_keys *k);

#endif
