/* txn.h - the card's transaction layer: one state image kept in a storage
 * byte array with a two-slot (A/B) commit, so that a power cut at any
 * storage write leaves either the old or the new state, never a mix.
 * Freestanding: the storage is a byte array the card owns (kl_txn.mem); the
 * core never does I/O (the card copies the array to its medium).
 *
 * Storage layout, KL_TXN_STORE_BYTES bytes: slot 0 at offset 0, slot 1 at
 * KL_TXN_SLOT_BYTES.  One slot:
 *
 *   offset  size  field
 *   0       4     magic "KLTX" (4B 4C 54 58)
 *   4       1     layout version, KL_TXN_VERSION (1)
 *   5       3     reserved, 0
 *   8       4     sequence number, big-endian, 1 .. KL_TXN_SEQ_MAX
 *   12      4     payload length, big-endian, 0 .. KL_TXN_PAYLOAD_MAX
 *   16      4     checksum: Fletcher-32 (s1, s2 mod 65535 from 0, stored
 *                 s2 then s1, 16 bits big-endian each) over header bytes
 *                 0 .. 15 followed by the payload
 *   20      len   payload
 *
 * A slot is valid when its magic, version, reserved bytes, sequence number
 * and length are in range and its checksum matches.  The current state is
 * the valid slot with the larger sequence number.
 *
 * Commit (kl_txn_commit) writes the other slot, in storage writes of at
 * most KL_TXN_UNIT bytes each: first a zero header (the slot is invalid from
 * then on), then the payload, then the new header with sequence + 1 (the
 * slot becomes valid, and current, with this one write).  Until that last
 * write completes the old slot is untouched and stays current; a torn last
 * write leaves a header whose checksum does not match.
 *
 * Power-cut hook for tests (kl_txn_arm): the n-th storage write after the
 * call is cut (dropped, or its first half written when torn != 0) and every
 * later write is dropped, as if the power went off; the commit returns
 * KL_TXN_E_POWER.  kl_txn_open (the restart) clears the hook.  With the hook
 * unarmed (cut_at 0, the state after open and format) no write is lost.
 *
 * Status values: KL_TXN_OK (0) or KL_TXN_E_* (-7xx, kl_common.h).
 */
#ifndef KL_TXN_H
#define KL_TXN_H

#include "kl_common.h"

#define KL_TXN_UNIT 64u           /* bytes per storage write */
#define KL_TXN_PAYLOAD_MAX 8192u  /* largest state image */
#define KL_TXN_HDR_BYTES 20u
#define KL_TXN_HDR_SUMMED 16u     /* header bytes covered by the checksum */
#define KL_TXN_SLOT_BYTES (KL_TXN_HDR_BYTES + KL_TXN_PAYLOAD_MAX)
#define KL_TXN_STORE_BYTES (2u * KL_TXN_SLOT_BYTES)
#define KL_TXN_VERSION 1u
#define KL_TXN_SEQ_MAX 0xFFFFFFF0u /* no commit past this sequence number */
#define KL_TXN_MAGIC0 0x4Bu /* 'K' */
#define KL_TXN_MAGIC1 0x4Cu /* 'L' */
#define KL_TXN_MAGIC2 0x54u /* 'T' */
#define KL_TXN_MAGIC3 0x58u /* 'X' */

enum kl_txn_status {
    KL_TXN_OK = 0,
    KL_TXN_E_NULL = -701,     /* a pointer argument was NULL */
    KL_TXN_E_SIZE = -702,     /* payload longer than KL_TXN_PAYLOAD_MAX */
    KL_TXN_E_STATE = -703,    /* commit/read before a successful open/format */
    KL_TXN_E_SEQ = -704,      /* sequence numbers exhausted */
    KL_TXN_E_POWER = -705,    /* the power-cut hook cut a write */
    KL_TXN_E_EMPTY = -706,    /* open: no valid slot */
    KL_TXN_E_CORRUPT = -707,  /* open: two valid slots with one number */
    KL_TXN_E_CAPACITY = -708, /* read: output buffer too small */
};

/* The storage and what the layer knows about it.  The uint32_t fields are
 * kept apart from the byte array's type on purpose (proofs/README.md
 * rule 8). */
typedef struct kl_txn {
    uint8_t mem[KL_TXN_STORE_BYTES]; /* the storage medium */
    uint32_t open;   /* 1 after a successful kl_txn_open or kl_txn_format */
    uint32_t slot;   /* slot of the current state, 0 or 1 */
    uint32_t seq;    /* its sequence number */
    uint32_t len;    /* its payload length */
    uint32_t writes; /* storage writes since the last open/format/arm */
    uint32_t cut_at; /* power-cut hook: 0 off, n: cut the n-th write */
    uint32_t torn;   /* 1: the cut write leaves its first half */
    uint32_t dead;   /* 1 once a write was cut: later writes are dropped */
} kl_txn;

#define KL_TXN_FIELDS(t) (t)->open, (t)->slot, (t)->seq, (t)->len, \
    (t)->writes, (t)->cut_at, (t)->torn, (t)->dead

/* Factory format: erases the whole storage and commits payload[0 .. len-1]
 * as sequence number 1 in slot 0.  Disarms the power-cut hook. */
/*@ requires t == \null || \valid(t);
    requires KL_IN_OK(payload, len);
    requires t != \null && payload != \null && len <= KL_TXN_PAYLOAD_MAX ==>
             \separated(t, payload + (0 .. len - 1));
    terminates \true;
    assigns t->mem[0 .. KL_TXN_STORE_BYTES - 1], KL_TXN_FIELDS(t);
    behavior null_argument:
      assumes t == \null || payload == \null;
      assigns \nothing;
      ensures \result == KL_TXN_E_NULL;
    behavior too_long:
      assumes t != \null && payload != \null && len > KL_TXN_PAYLOAD_MAX;
      assigns \nothing;
      ensures \result == KL_TXN_E_SIZE;
    behavior formatted:
      assumes t != \null && payload != \null && len <= KL_TXN_PAYLOAD_MAX;
      ensures \result == KL_TXN_OK;
      ensures t->open == 1 && t->slot == 0 && t->seq == 1 && t->len == len;
      ensures t->cut_at == 0 && t->dead == 0;
    complete behaviors;
    disjoint behaviors;
*/
int kl_txn_format(kl_txn *t, const uint8_t *payload, size_t len);

/* Restart: finds the current slot in t->mem (the valid one with the larger
 * sequence number) and clears the power-cut hook.  KL_TXN_E_EMPTY when no
 * slot is valid, KL_TXN_E_CORRUPT when both carry the same number; then
 * t->open is 0 and nothing can be read or committed. */
/*@ requires t == \null || \valid(t);
    terminates \true;
    assigns KL_TXN_FIELDS(t);
    behavior null_argument:
      assumes t == \null;
      assigns \nothing;
      ensures \result == KL_TXN_E_NULL;
    behavior not_null:
      assumes t != \null;
      ensures \result == KL_TXN_OK || \result == KL_TXN_E_EMPTY ||
              \result == KL_TXN_E_CORRUPT;
      ensures \result == KL_TXN_OK <==> t->open == 1;
      ensures \result == KL_TXN_OK ==>
              t->slot <= 1 && 1 <= t->seq <= KL_TXN_SEQ_MAX &&
              t->len <= KL_TXN_PAYLOAD_MAX;
      ensures t->cut_at == 0 && t->dead == 0 && t->writes == 0;
    complete behaviors;
    disjoint behaviors;
*/
int kl_txn_open(kl_txn *t);

/* Copies the current payload to out[0 .. cap-1] and its length to *len. */
/*@ requires t == \null || \valid_read(t);
    requires out == \null || \valid(out + (0 .. cap - 1));
    requires len == \null || \valid(len);
    requires t != \null && out != \null ==>
             \separated(t, out + (0 .. cap - 1));
    requires len != \null && out != \null ==>
             \separated(len, out + (0 .. cap - 1));
    requires t != \null && len != \null ==> \separated(t, len);
    terminates \true;
    assigns out[0 .. cap - 1], *len;
    behavior null_argument:
      assumes t == \null || out == \null || len == \null;
      assigns \nothing;
      ensures \result == KL_TXN_E_NULL;
    behavior not_null:
      assumes t != \null && out != \null && len != \null;
      ensures \result == KL_TXN_OK || \result == KL_TXN_E_STATE ||
              \result == KL_TXN_E_CAPACITY;
      ensures \result == KL_TXN_OK ==> *len == t->len && *len <= cap;
      ensures \result == KL_TXN_OK ==>
              \forall integer k; 0 <= k < t->len ==>
                out[k] == t->mem[t->slot * KL_TXN_SLOT_BYTES +
                                 KL_TXN_HDR_BYTES + k];
    complete behaviors;
    disjoint behaviors;
*/
int kl_txn_read(const kl_txn *t, uint8_t *out, size_t cap, size_t *len);

/* Makes payload[0 .. len-1] the current state (header comment: the other
 * slot, zero header, payload, header).  On KL_TXN_OK the current slot,
 * number and length are the new ones; on any error they are unchanged (a
 * KL_TXN_E_POWER leaves the other slot invalid or partly written, which
 * kl_txn_open then ignores). */
/*@ requires t == \null || \valid(t);
    requires KL_IN_OK(payload, len);
    requires t != \null && payload != \null && len <= KL_TXN_PAYLOAD_MAX ==>
             \separated(t, payload + (0 .. len - 1));
    terminates \true;
    assigns t->mem[0 .. KL_TXN_STORE_BYTES - 1], t->slot, t->seq, t->len,
            t->writes, t->dead;
    behavior null_argument:
      assumes t == \null || payload == \null;
      assigns \nothing;
      ensures \result == KL_TXN_E_NULL;
    behavior not_open:
      assumes t != \null && payload != \null;
      assumes t->open != 1 || t->slot > 1;
      assigns \nothing;
      ensures \result == KL_TXN_E_STATE;
    behavior too_long:
      assumes t != \null && payload != \null;
      assumes t->open == 1 && t->slot <= 1;
      assumes len > KL_TXN_PAYLOAD_MAX;
      assigns \nothing;
      ensures \result == KL_TXN_E_SIZE;
    behavior exhausted:
      assumes t != \null && payload != \null;
      assumes t->open == 1 && t->slot <= 1 && len <= KL_TXN_PAYLOAD_MAX;
      assumes t->seq >= KL_TXN_SEQ_MAX;
      assigns \nothing;
      ensures \result == KL_TXN_E_SEQ;
    behavior write:
      assumes t != \null && payload != \null;
      assumes t->open == 1 && t->slot <= 1 && len <= KL_TXN_PAYLOAD_MAX;
      assumes t->seq < KL_TXN_SEQ_MAX;
      ensures \result == KL_TXN_OK || \result == KL_TXN_E_POWER;
      ensures \result == KL_TXN_OK ==>
              t->slot == 1 - \old(t->slot) && t->seq == \old(t->seq) + 1 &&
              t->len == len;
      ensures \result != KL_TXN_OK ==>
              t->slot == \old(t->slot) && t->seq == \old(t->seq) &&
              t->len == \old(t->len);
      ensures \result == KL_TXN_OK ==>
              \forall integer k; 0 <= k < len ==>
                t->mem[t->slot * KL_TXN_SLOT_BYTES + KL_TXN_HDR_BYTES + k] ==
                \old(payload[k]);
    complete behaviors;
    disjoint behaviors;
*/
int kl_txn_commit(kl_txn *t, const uint8_t *payload, size_t len);

/* Arms the power-cut hook: the cut_at-th storage write from now on is cut
 * (0 disarms), leaving its first half when torn is non-zero. */
/*@ requires t == \null || \valid(t);
    terminates \true;
    assigns t->cut_at, t->torn, t->writes, t->dead;
    ensures t != \null ==> t->cut_at == cut_at && t->writes == 0 &&
                           t->dead == 0;
*/
void kl_txn_arm(kl_txn *t, uint32_t cut_at, uint32_t torn);

#endif
