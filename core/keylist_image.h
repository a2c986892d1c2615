/* keylist_image.h - the storage image of the card's key list
 * (keylist.h): kl_keylist_save writes it, kl_keylist_load validates and
 * reads it back.  Its logic is spec/keylist_image.acsl; WP proves the
 * contracts below (proofs/modules.txt, unit "keylist_image").
 *
 * Layout, KL_KEYLIST_IMAGE_BYTES bytes:
 *
 *   offset  size  field
 *   0       4     magic "KLST" (4B 4C 53 54)
 *   4       1     image version, KL_KEYLIST_IMAGE_VERSION (1)
 *   5       1     entry count, must equal KL_KEYLIST_ENTRIES
 *   6       1     active index
 *   7       1     reserved, 0
 *   8+88j   88    entry j (j = 0 .. N-1):
 *                   +0 state  +1 alg  +2 sqn_scheme  +3 kvn  +4 ki_len
 *                   +5..+7 reserved (0)
 *                   +8 Ki (32, zero-padded after ki_len)  +40 KIc (16)
 *                   +56 KID (16)  +72 OPc (16)  (= kl_keylist_entry.sec)
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
#ifndef KL_KEYLIST_IMAGE_H
#define KL_KEYLIST_IMAGE_H

#include "keylist.h"

/* The layout above. */
#define KL_KEYLIST_IMAGE_VERSION 1u
#define KL_KEYLIST_IMAGE_HEADER 8u
#define KL_KEYLIST_IMAGE_ENTRY 88u
#define KL_KEYLIST_IMAGE_SUM_AT \
    (KL_KEYLIST_IMAGE_HEADER + KL_KEYLIST_IMAGE_ENTRY * KL_KEYLIST_ENTRIES)
#define KL_KEYLIST_IMAGE_BYTES (KL_KEYLIST_IMAGE_SUM_AT + 4u)
#define KL_KEYLIST_MAGIC0 0x4Bu /* 'K' */
#define KL_KEYLIST_MAGIC1 0x4Cu /* 'L' */
#define KL_KEYLIST_MAGIC2 0x53u /* 'S' */
#define KL_KEYLIST_MAGIC3 0x54u /* 'T' */
/* Offsets inside one image entry. */
#define KL_KEYLIST_IE_STATE 0u
#define KL_KEYLIST_IE_ALG 1u
#define KL_KEYLIST_IE_SQN 2u
#define KL_KEYLIST_IE_KVN 3u
#define KL_KEYLIST_IE_KI_LEN 4u
#define KL_KEYLIST_IE_SEC 8u /* the 80 secret bytes, as kl_keylist_entry.sec */

#if defined(__FRAMAC__)
#include "../spec/keylist_image.acsl"
#endif

/* Writes the storage image of the list (layout above) to img[0 .. len-1];
 * len must be KL_KEYLIST_IMAGE_BYTES.  The image holds the secrets. */
/*@ requires in_l: l == \null || (\valid_read(l) && \initialized(l));
    requires inv: l != \null ==> keylist_inv(l);
    requires valid_img: img == \null || len != KL_KEYLIST_IMAGE_BYTES ||
             \valid(img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1));
    requires sep_l_img: l != \null && img != \null && len == KL_KEYLIST_IMAGE_BYTES ==>
             \separated(l, img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1));
    terminates \true;
    assigns img[0 .. KL_KEYLIST_IMAGE_BYTES - 1];
    behavior null_argument:
      assumes l == \null || img == \null;
      assigns \nothing;
      ensures \result == KL_KEYLIST_E_NULL;
    behavior bad_size:
      assumes l != \null && img != \null && len != KL_KEYLIST_IMAGE_BYTES;
      assigns \nothing;
      ensures \result == KL_KEYLIST_E_SIZE;
    behavior saved:
      assumes l != \null && img != \null && len == KL_KEYLIST_IMAGE_BYTES;
      ensures \result == KL_KEYLIST_OK;
      ensures keylist_image_of{Post, Pre}(img, l);
      ensures keylist_image_ok(img);
    complete behaviors;
    disjoint behaviors;
*/
int kl_keylist_save(const kl_keylist *l, uint8_t *img, size_t len);

/* Reads a storage image (len must be KL_KEYLIST_IMAGE_BYTES) into *l after
 * validating all of it; on any refusal *l is left untouched.  Needs no
 * invariant of *l beforehand (it may be uninitialised at boot). */
/*@ requires valid_l: l == \null || \valid(l);
    requires in_img: img == \null || len != KL_KEYLIST_IMAGE_BYTES ||
             (\valid_read(img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1)) &&
              \initialized(img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1)));
    requires sep_l_img: l != \null && img != \null && len == KL_KEYLIST_IMAGE_BYTES ==>
             \separated(l, img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1));
    terminates \true;
    assigns *l;
    behavior null_argument:
      assumes l == \null || img == \null;
      assigns \nothing;
      ensures \result == KL_KEYLIST_E_NULL;
    behavior bad_size:
      assumes l != \null && img != \null && len != KL_KEYLIST_IMAGE_BYTES;
      assigns \nothing;
      ensures \result == KL_KEYLIST_E_SIZE;
    behavior refused:
      assumes l != \null && img != \null && len == KL_KEYLIST_IMAGE_BYTES;
      assumes !keylist_image_ok(img);
      assigns \nothing;
      ensures \result < 0;
    behavior loaded:
      assumes l != \null && img != \null && len == KL_KEYLIST_IMAGE_BYTES;
      assumes keylist_image_ok(img);
      ensures \result == KL_KEYLIST_OK;
      ensures keylist_inv(l);
      ensures keylist_image_of{Pre, Post}(img, l);
    complete behaviors;
    disjoint behaviors;
*/
int kl_keylist_load(kl_keylist *l, const uint8_t *img, size_t len);

#endif
