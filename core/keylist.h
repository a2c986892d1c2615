/* keylist.h - the card's pre-configured Ki list (3GPP TR 33.812, alternative
 * 3b), with the 3a re-key of the active entry, freestanding.
 *
 * The card holds KL_KEYLIST_ENTRIES entries, numbered 0 .. N-1.  Each entry is a
 * full subscription credential set: Ki (16 bytes; 32 reserved for TUAK), the
 * OTA keyset KIc/KID of TS 102 225 with its key version number, the
 * operator-variant OPc, the AKA algorithm and the SQN scheme.  Exactly one
 * entry is active; the entries before it are retired (their secrets wiped to
 * zero, their public fields kept for the audit trail), the entries after it
 * are unused.  An operator change moves the active index one step forward,
 * never back: a retired entry is never revived.
 *
 * The invariant is in spec/keylist.acsl, the contracts below; WP proves
 * them (proofs/modules.txt, unit "keylist").  All functions check their
 * pointers and arguments at run time too and return KL_KEYLIST_OK (0) or a
 * KL_KEYLIST_E_* value (-4xx).  Every failure leaves the list byte-for-byte
 * unchanged.  The functions that require the invariant do not re-test it
 * (it is proved to hold after every operation; kl_keylist_check and the
 * image loader test it at run time).
 *
 * The storage image of the list (kl_keylist_save / kl_keylist_load) is in
 * keylist_image.h, included at the end of this header.
 */
#ifndef KL_KEYLIST_H
#define KL_KEYLIST_H

#include "kl_common.h"

/* Number of entries, fixed at build time (-DKL_KEYLIST_ENTRIES=n, 1..255: the
 * image stores the count and the active index in one byte each). */
#ifndef KL_KEYLIST_ENTRIES
#define KL_KEYLIST_ENTRIES 16u
#endif
#if KL_KEYLIST_ENTRIES < 1 || KL_KEYLIST_ENTRIES > 255
#error "KL_KEYLIST_ENTRIES must be in 1..255"
#endif

#define KL_KEYLIST_KI_MAX 32u    /* Ki storage; ki_len is 16 or 32 */
#define KL_KEYLIST_KEY_BYTES 16u /* KIc, KID, OPc */
#define KL_KEYLIST_KVN_MIN 1u    /* TS 102 225 key version number */
#define KL_KEYLIST_KVN_MAX 15u


enum kl_keylist_status {
    KL_KEYLIST_OK = KL_OK,
    KL_KEYLIST_E_NULL = KL_ERR_KEYLIST - 1,      /* a pointer argument was NULL */
    KL_KEYLIST_E_COUNT = KL_ERR_KEYLIST - 2,     /* entry count is not KL_KEYLIST_ENTRIES */
    KL_KEYLIST_E_ALG = KL_ERR_KEYLIST - 3,       /* unknown AKA algorithm id */
    KL_KEYLIST_E_KI_LEN = KL_ERR_KEYLIST - 4,    /* Ki length not allowed for the algorithm */
    KL_KEYLIST_E_KVN = KL_ERR_KEYLIST - 5,       /* key version number not in 1..15 */
    KL_KEYLIST_E_SQN = KL_ERR_KEYLIST - 6,       /* unknown SQN scheme id */
    KL_KEYLIST_E_INDEX = KL_ERR_KEYLIST - 7,     /* index out of range / not active + 1 */
    KL_KEYLIST_E_EXHAUSTED = KL_ERR_KEYLIST - 8, /* the last entry is already active */
    KL_KEYLIST_E_STATE = KL_ERR_KEYLIST - 9,     /* entry in the wrong state for the call */
    KL_KEYLIST_E_INVARIANT = KL_ERR_KEYLIST - 10, /* kl_keylist_check: the invariant is broken */
    KL_KEYLIST_E_SIZE = KL_ERR_KEYLIST - 11,      /* image buffer length is not IMAGE_BYTES */
    KL_KEYLIST_E_MAGIC = KL_ERR_KEYLIST - 12,     /* image: bad magic */
    KL_KEYLIST_E_VERSION = KL_ERR_KEYLIST - 13,   /* image: unknown version or wrong count */
    KL_KEYLIST_E_CHECKSUM = KL_ERR_KEYLIST - 14,  /* image: checksum mismatch */
    KL_KEYLIST_E_IMAGE = KL_ERR_KEYLIST - 15,     /* image: bad field or invariant broken */
};

/* Entry states. */
enum kl_keylist_state {
    KL_KEYLIST_UNUSED = 0,
    KL_KEYLIST_ACTIVE = 1,
    KL_KEYLIST_RETIRED = 2,
};

/* AKA algorithms. */
enum kl_keylist_alg {
    KL_KEYLIST_ALG_MILENAGE = 1, /* TS 35.206; Ki is 16 bytes */
    KL_KEYLIST_ALG_TUAK = 2,     /* TS 35.231, reserved: stored (Ki 16 or 32
                                 bytes), not yet run by the card */
};

/* SQN generation/verification schemes (TS 33.102 Annex C); the SQN module
 * of the card interprets them, the key list only stores the id. */
enum kl_keylist_sqn {
    KL_KEYLIST_SQN_SEQ_IND = 1, /* SEQ || IND, array of SEQ per IND (C.1.1,
                                C.2.2, C.3.2): the 33.102 profile */
    KL_KEYLIST_SQN_TIME = 2,    /* time-based SEQ (C.1.2) */
    KL_KEYLIST_SQN_PLAIN = 3,   /* one counter, no IND (C.2.1) */
    KL_KEYLIST_SQN_MIN = KL_KEYLIST_SQN_SEQ_IND,
    KL_KEYLIST_SQN_MAX = KL_KEYLIST_SQN_PLAIN,
};

/* The secrets of an entry are one block of KL_KEYLIST_SECRET_BYTES bytes, in
 * the order of the storage image: Ki (32, zero-padded after ki_len), KIc,
 * KID, OPc.  One block means one quantifier per property in the proofs
 * (wiped, unchanged, copied) instead of four. */
#define KL_KEYLIST_SEC_KI 0u
#define KL_KEYLIST_SEC_KIC 32u
#define KL_KEYLIST_SEC_KID 48u
#define KL_KEYLIST_SEC_OPC 64u
#define KL_KEYLIST_SECRET_BYTES 80u

/* One entry of the list, as the card stores it. */
typedef struct kl_keylist_entry {
    uint8_t sec[KL_KEYLIST_SECRET_BYTES]; /* Ki | KIc | KID | OPc */
    uint32_t ki_len;     /* 16 or 32 */
    uint32_t kvn;        /* KVN of the KIc/KID keyset, 1..15 */
    uint32_t alg;        /* enum kl_keylist_alg */
    uint32_t sqn_scheme; /* enum kl_keylist_sqn */
    uint32_t state;      /* enum kl_keylist_state */
} kl_keylist_entry;

typedef struct kl_keylist {
    kl_keylist_entry entry[KL_KEYLIST_ENTRIES];
    uint32_t active; /* index of the one active entry */
} kl_keylist;

/* The keys and parameters of one entry, as the caller sees them: input of
 * kl_keylist_init (one per entry), output of kl_keylist_get_active (a copy, not a
 * view).  Holds secrets: wipe with kl_keylist_keys_wipe() after use.  On input
 * only ki[0 .. ki_len-1] is read; on output ki[ki_len .. 31] is zero. */
typedef struct kl_keylist_keys {
    uint8_t ki[KL_KEYLIST_KI_MAX];
    uint8_t kic[KL_KEYLIST_KEY_BYTES];
    uint8_t kid[KL_KEYLIST_KEY_BYTES];
    uint8_t opc[KL_KEYLIST_KEY_BYTES];
    uint32_t ki_len;
    uint32_t kvn;
    uint32_t alg;
    uint32_t sqn_scheme;
} kl_keylist_keys;

#if defined(__FRAMAC__)
#include "../spec/keylist.acsl"
#endif

/* Personalisation (at the factory, never after issuance): entry j from
 * keys[j], entry 0 active, the others unused.  n must be KL_KEYLIST_ENTRIES.
 * Every entry is validated before anything is written. */
/*@ requires valid_l: l == \null || \valid(l);
    requires in_keys: keys == \null || n != KL_KEYLIST_ENTRIES ||
             (\valid_read(keys + (0 .. KL_KEYLIST_ENTRIES - 1)) &&
              \initialized(keys + (0 .. KL_KEYLIST_ENTRIES - 1)));
    requires sep_l_keys: l != \null && keys != \null && n == KL_KEYLIST_ENTRIES ==>
             \separated(l, keys + (0 .. KL_KEYLIST_ENTRIES - 1));
    terminates \true;
    assigns *l;
    behavior null_argument:
      assumes l == \null || keys == \null;
      assigns \nothing;
      ensures \result == KL_KEYLIST_E_NULL;
    behavior bad_count:
      assumes l != \null && keys != \null && n != KL_KEYLIST_ENTRIES;
      assigns \nothing;
      ensures \result == KL_KEYLIST_E_COUNT;
    behavior bad_keys:
      assumes l != \null && keys != \null && n == KL_KEYLIST_ENTRIES;
      assumes \exists integer j; 0 <= j < KL_KEYLIST_ENTRIES &&
              !kl_keys_ok(keys + j);
      assigns \nothing;
      ensures \result < 0;
    behavior personalised:
      assumes l != \null && keys != \null && n == KL_KEYLIST_ENTRIES;
      assumes \forall integer j; 0 <= j < KL_KEYLIST_ENTRIES ==>
              kl_keys_ok(keys + j);
      ensures \result == KL_KEYLIST_OK;
      ensures keylist_inv(l);
      ensures l->active == 0;
    complete behaviors;
    disjoint behaviors;
*/
int kl_keylist_init(kl_keylist *l, const kl_keylist_keys *keys, size_t n);

/* Checks the invariant at run time: KL_KEYLIST_OK if it holds, else
 * KL_KEYLIST_E_INVARIANT (KL_KEYLIST_E_NULL for NULL).  Reads secrets only to test
 * retired entries for zero, in constant time per entry. */
/*@ requires in_l: l == \null || (\valid_read(l) && \initialized(l));
    terminates \true;
    assigns \nothing;
    behavior null_argument:
      assumes l == \null;
      ensures \result == KL_KEYLIST_E_NULL;
    behavior holds:
      assumes l != \null && keylist_inv(l);
      ensures \result == KL_KEYLIST_OK;
    behavior broken:
      assumes l != \null && !keylist_inv(l);
      ensures \result == KL_KEYLIST_E_INVARIANT;
    complete behaviors;
    disjoint behaviors;
*/
int kl_keylist_check(const kl_keylist *l);

/* Copies the active entry (secrets included) into *out and its index into
 * *index.  The caller wipes *out (kl_keylist_keys_wipe) when done.  Needs
 * only an active index in range (which the invariant implies): with an
 * index out of range it returns KL_KEYLIST_E_INVARIANT and writes nothing. */
/*@ requires in_l: l == \null || (\valid_read(l) && \initialized(l));
    requires valid_out: out == \null || \valid(out);
    requires valid_index: index == \null || \valid(index);
    requires sep_l_out: l != \null && out != \null ==> \separated(l, out);
    requires sep_l_index: l != \null && index != \null ==> \separated(l, index);
    requires sep_out_index: out != \null && index != \null ==> \separated(out, index);
    terminates \true;
    assigns *out, *index;
    behavior null_argument:
      assumes l == \null || out == \null || index == \null;
      assigns \nothing;
      ensures \result == KL_KEYLIST_E_NULL;
    behavior bad_index:
      assumes l != \null && out != \null && index != \null;
      assumes l->active >= KL_KEYLIST_ENTRIES;
      assigns \nothing;
      ensures \result == KL_KEYLIST_E_INVARIANT;
    behavior copied:
      assumes l != \null && out != \null && index != \null;
      assumes l->active < KL_KEYLIST_ENTRIES;
      ensures \result == KL_KEYLIST_OK;
      ensures *index == l->active;
      ensures \initialized(&out->ki[0 .. KL_KEYLIST_KI_MAX - 1]);
      ensures \initialized(&out->kic[0 .. KL_KEYLIST_KEY_BYTES - 1]);
      ensures \initialized(&out->kid[0 .. KL_KEYLIST_KEY_BYTES - 1]);
      ensures \initialized(&out->opc[0 .. KL_KEYLIST_KEY_BYTES - 1]);
      ensures \initialized(&out->ki_len) && \initialized(&out->kvn) &&
              \initialized(&out->alg) && \initialized(&out->sqn_scheme);
      ensures \initialized(index);
      ensures kl_keys_params_of{Post, Pre}(out, l, l->active);
      ensures kl_keys_ki_of{Post, Pre}(out, l, l->active);
      ensures kl_keys_kic_of{Post, Pre}(out, l, l->active);
      ensures kl_keys_kid_of{Post, Pre}(out, l, l->active);
      ensures kl_keys_opc_of{Post, Pre}(out, l, l->active);
    complete behaviors;
    disjoint behaviors;
*/
int kl_keylist_get_active(const kl_keylist *l, kl_keylist_keys *out, uint32_t *index);

/* Operator change (3b): makes entry i active.  i must be exactly active + 1
 * and that entry unused; the old active entry is retired and its Ki, KIc,
 * KID and OPc are wiped.  KL_KEYLIST_E_EXHAUSTED when the last entry is already
 * active (whatever i), KL_KEYLIST_E_INDEX when i is not active + 1.  The
 * list is checked in full before a credential is retired (a run-time
 * kl_keylist_check, against faults): a list that breaks the invariant is
 * refused with KL_KEYLIST_E_STATE and left untouched, so this function
 * needs no precondition on the list's content. */
/*@ requires valid_l: l == \null || \valid(l);
    requires init_l: l == \null || \initialized(l);
    terminates \true;
    assigns l->active, l->entry[i].state, l->entry[l->active].state,
            l->entry[l->active].sec[0 .. KL_KEYLIST_SECRET_BYTES - 1];
    ensures inv_kept: l != \null && keylist_inv{Pre}(l) ==> keylist_inv(l);
    ensures l != \null ==> keylist_progress{Pre, Post}(l);
    behavior null_argument:
      assumes l == \null;
      assigns \nothing;
      ensures \result == KL_KEYLIST_E_NULL;
    behavior exhausted:
      assumes l != \null && l->active + 1 >= KL_KEYLIST_ENTRIES;
      assigns \nothing;
      ensures \result == KL_KEYLIST_E_EXHAUSTED;
    behavior bad_index:
      assumes l != \null && l->active + 1 < KL_KEYLIST_ENTRIES;
      assumes i != l->active + 1;
      assigns \nothing;
      ensures \result == KL_KEYLIST_E_INDEX;
    behavior broken:
      assumes l != \null && l->active + 1 < KL_KEYLIST_ENTRIES;
      assumes i == l->active + 1 && !keylist_inv(l);
      assigns \nothing;
      ensures \result == KL_KEYLIST_E_STATE;
    behavior advanced:
      assumes l != \null && l->active + 1 < KL_KEYLIST_ENTRIES;
      assumes i == l->active + 1 && keylist_inv(l);
      ensures \result == KL_KEYLIST_OK;
      ensures keylist_inv(l);
      ensures l->active == \old(l->active) + 1;
      ensures \at(l->entry[i].state, Pre) == KL_KEYLIST_UNUSED;
      ensures l->entry[i].state == KL_KEYLIST_ACTIVE;
      ensures kl_secrets_same{Pre, Post}(l, i);
      ensures kl_public_same{Pre, Post}(l, i);
      ensures \at(l->entry[\at(l->active, Pre)].state, Pre) == KL_KEYLIST_ACTIVE;
      ensures l->entry[\old(l->active)].state == KL_KEYLIST_RETIRED;
      ensures kl_wiped(l, \old(l->active));
      ensures kl_public_same{Pre, Post}(l, \old(l->active));
      ensures \forall integer j; 0 <= j < KL_KEYLIST_ENTRIES &&
              j != i && j != \old(l->active) ==>
              kl_entry_same{Pre, Post}(l, j);
    complete behaviors;
    disjoint behaviors;
*/
int kl_keylist_advance(kl_keylist *l, uint32_t i);

/* 3a re-key: replaces the active entry's Ki (ki_len bytes, which must suit
 * the entry's algorithm), its OTA keyset KIc/KID with key version number
 * kvn, and its OPc (OPc = E_Ki(OP) xor OP depends on Ki, so a new Ki always
 * comes with a new OPc).  Algorithm, SQN scheme, state and active index are
 * kept.  Everything is validated before anything is written. */
/*@ requires valid_l: l == \null || \valid(l);
    requires init_l: l == \null || \initialized(l);
    requires inv: l != \null ==> keylist_inv(l);
    requires read_ki: ki == \null || (ki_len != 16 && ki_len != 32) ||
             \valid_read(ki + (0 .. ki_len - 1));
    requires init_ki: ki == \null || (ki_len != 16 && ki_len != 32) ||
             \initialized(ki + (0 .. ki_len - 1));
    requires in_kic: KL_IN_OK(kic, KL_KEYLIST_KEY_BYTES);
    requires in_kid: KL_IN_OK(kid, KL_KEYLIST_KEY_BYTES);
    requires in_opc: KL_IN_OK(opc, KL_KEYLIST_KEY_BYTES);
    requires sep_l_ki: l != \null && ki != \null && (ki_len == 16 || ki_len == 32) ==>
             \separated(l, ki + (0 .. ki_len - 1));
    requires sep_l_kic: l != \null && kic != \null ==>
             \separated(l, kic + (0 .. KL_KEYLIST_KEY_BYTES - 1));
    requires sep_l_kid: l != \null && kid != \null ==>
             \separated(l, kid + (0 .. KL_KEYLIST_KEY_BYTES - 1));
    requires sep_l_opc: l != \null && opc != \null ==>
             \separated(l, opc + (0 .. KL_KEYLIST_KEY_BYTES - 1));
    terminates \true;
    assigns l->entry[l->active].sec[0 .. KL_KEYLIST_SECRET_BYTES - 1],
            l->entry[l->active].ki_len, l->entry[l->active].kvn;
    ensures l != \null ==> keylist_inv(l);
    ensures l != \null ==> keylist_progress{Pre, Post}(l);
    behavior null_argument:
      assumes l == \null || ki == \null || kic == \null || kid == \null ||
              opc == \null;
      assigns \nothing;
      ensures \result == KL_KEYLIST_E_NULL;
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
      ensures \result == KL_KEYLIST_OK;
      ensures l->active == \old(l->active);
      ensures l->entry[l->active].ki_len == ki_len;
      ensures l->entry[l->active].kvn == kvn;
      ensures l->entry[l->active].alg == \old(l->entry[l->active].alg);
      ensures l->entry[l->active].sqn_scheme ==
              \old(l->entry[l->active].sqn_scheme);
      ensures l->entry[l->active].state == KL_KEYLIST_ACTIVE;
      ensures kl_sec_from{Post, Pre}(l, l->active, ki, ki_len, kic, kid, opc);
      ensures \forall integer j; 0 <= j < KL_KEYLIST_ENTRIES &&
              j != l->active ==> kl_entry_same{Pre, Post}(l, j);
    complete behaviors;
    disjoint behaviors;
*/
int kl_keylist_rekey(kl_keylist *l, const uint8_t *ki, uint32_t ki_len,
                  const uint8_t *kic, const uint8_t *kid, uint32_t kvn,
                  const uint8_t *opc);

/* Wipes (again) the secrets of retired entry i.  Retired entries are wiped
 * already (the invariant says so; kl_keylist_advance does it), so under the
 * invariant this changes nothing; it is the explicit call for callers that
 * want to be sure.  KL_KEYLIST_E_INDEX for i >= N, KL_KEYLIST_E_STATE when entry i
 * is not retired (wiping a live entry would destroy a credential). */
/*@ requires valid_l: l == \null || \valid(l);
    requires init_l: l == \null || \initialized(l);
    requires inv: l != \null ==> keylist_inv(l);
    terminates \true;
    assigns l->entry[i].sec[0 .. KL_KEYLIST_SECRET_BYTES - 1];
    ensures l != \null ==> keylist_inv(l);
    ensures l != \null ==> keylist_progress{Pre, Post}(l);
    behavior null_argument:
      assumes l == \null;
      assigns \nothing;
      ensures \result == KL_KEYLIST_E_NULL;
    behavior bad_index:
      assumes l != \null && i >= KL_KEYLIST_ENTRIES;
      assigns \nothing;
      ensures \result == KL_KEYLIST_E_INDEX;
    behavior not_retired:
      assumes l != \null && i < KL_KEYLIST_ENTRIES;
      assumes l->entry[i].state != KL_KEYLIST_RETIRED;
      assigns \nothing;
      ensures \result == KL_KEYLIST_E_STATE;
    behavior wiped:
      assumes l != \null && i < KL_KEYLIST_ENTRIES;
      assumes l->entry[i].state == KL_KEYLIST_RETIRED;
      ensures \result == KL_KEYLIST_OK;
      ensures kl_wiped(l, i);
      ensures l->active == \old(l->active);
      ensures \forall integer j; 0 <= j < KL_KEYLIST_ENTRIES ==>
              kl_entry_same{Pre, Post}(l, j);
    complete behaviors;
    disjoint behaviors;
*/
int kl_keylist_wipe(kl_keylist *l, uint32_t i);

/* 0 exactly when (ki_len, kvn, alg, sqn) are the parameters of a valid
 * entry (kl_params_ok, spec/keylist.acsl), else the error naming the first
 * bad one: KL_KEYLIST_E_ALG, _KI_LEN, _KVN or _SQN.  Shared by the list
 * operations and the image loader. */
/*@ terminates \true;
    assigns \nothing;
    ensures \result == KL_KEYLIST_OK || \result == KL_KEYLIST_E_ALG ||
            \result == KL_KEYLIST_E_KI_LEN || \result == KL_KEYLIST_E_KVN ||
            \result == KL_KEYLIST_E_SQN;
    ensures valid: \result == 0 ==> kl_params_ok(ki_len, kvn, alg, sqn);
    ensures invalid: kl_params_ok(ki_len, kvn, alg, sqn) ==> \result == 0;
*/
int kl_keylist_params_check(uint32_t ki_len, uint32_t kvn, uint32_t alg,
                            uint32_t sqn);

/* Overwrites a kl_keylist_keys (secrets and parameters) with zeros. */
/*@ requires valid_k: k == \null || \valid(k);
    terminates \true;
    assigns *k;
    ensures k != \null ==> kl_keys_zero(k);
*/
void kl_keylist_keys_wipe(kl_keylist_keys *k);

#include "keylist_image.h"

#endif
