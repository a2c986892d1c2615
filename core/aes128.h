/* aes128.h - AES-128 encryption (FIPS-197), constant time, freestanding.
 *
 * The implementation is bitsliced: the state of up to four blocks is held as
 * eight 64-bit words, word j carrying bit j of each of the 64 state bytes, and
 * the S-box is evaluated as a Boolean circuit (Boyar-Peralta, 113 gates) over
 * those words.  No table is indexed by a secret, no branch depends on one.
 * Up to AES128_MAX_BLOCKS blocks under one key cost the same as one, which is
 * what Milenage (four outputs under one key) exploits.
 */
#ifndef KILIST_AES128_H
#define KILIST_AES128_H

#include "kl_common.h"

#define AES128_KEY_BYTES 16u
#define AES128_BLOCK_BYTES 16u
#define AES128_ROUNDS 10u
#define AES128_MAX_BLOCKS 4u /* 4 blocks x 16 bytes = 64 bit positions */
#define AES128_SLICES 8u     /* one 64-bit word per bit of a byte */
/* Round keys, bitsliced and replicated into every block lane. */
#define AES128_RK_WORDS ((AES128_ROUNDS + 1u) * AES128_SLICES)

enum aes128_status {
    AES128_OK = 0,
    AES128_E_NULL = -101,    /* a pointer argument was NULL */
    AES128_E_NBLOCKS = -102, /* block count not in 1..AES128_MAX_BLOCKS */
};

/* An expanded key.  Holds key material: wipe with kl_aes128_wipe() after use. */
typedef struct kl_aes128_ctx {
    uint64_t rk[AES128_RK_WORDS];
} kl_aes128_ctx;

/* FIPS-197 5.2 KeyExpansion.  Returns AES128_OK or AES128_E_NULL. */
/*@ requires ctx == \null || \valid(ctx);
    requires key == \null || \valid_read(key + (0 .. 15));
    requires key != \null ==> \initialized(key + (0 .. 15));
    requires ctx != \null && key != \null ==>
             \separated(ctx, key + (0 .. 15));
    assigns ctx->rk[0 .. AES128_RK_WORDS - 1];
    ensures \result == AES128_OK || \result == AES128_E_NULL;
    behavior null_argument:
      assumes ctx == \null || key == \null;
      ensures \result == AES128_E_NULL;
    behavior expanded:
      assumes ctx != \null && key != \null;
      ensures \result == AES128_OK;
      ensures \initialized(&ctx->rk[0 .. AES128_RK_WORDS - 1]);
    complete behaviors;
    disjoint behaviors;
*/
int kl_aes128_init(kl_aes128_ctx *ctx, const uint8_t key[AES128_KEY_BYTES]);

/* FIPS-197 5.1 Cipher on nblocks (1..AES128_MAX_BLOCKS) consecutive 16-byte
 * blocks of `in`, written to `out`.  `in` and `out` may be the same buffer.
 * Returns AES128_OK, AES128_E_NULL or AES128_E_NBLOCKS (out untouched). */
/*@ requires ctx == \null || \valid_read(ctx);
    requires ctx != \null ==> \initialized(&ctx->rk[0 .. AES128_RK_WORDS - 1]);
    requires in == \null || nblocks < 1 || nblocks > AES128_MAX_BLOCKS ||
             (\valid_read(in + (0 .. 16 * nblocks - 1)) &&
              \initialized(in + (0 .. 16 * nblocks - 1)));
    requires out == \null || nblocks < 1 || nblocks > AES128_MAX_BLOCKS ||
             \valid(out + (0 .. 16 * nblocks - 1));
    requires ctx != \null && out != \null &&
             1 <= nblocks <= AES128_MAX_BLOCKS ==>
             \separated(ctx, out + (0 .. 16 * nblocks - 1));
    assigns out[0 .. 16 * nblocks - 1];
    behavior null_argument:
      assumes ctx == \null || in == \null || out == \null;
      assigns \nothing;
      ensures \result == AES128_E_NULL;
    behavior bad_count:
      assumes ctx != \null && in != \null && out != \null;
      assumes nblocks < 1 || nblocks > AES128_MAX_BLOCKS;
      assigns \nothing;
      ensures \result == AES128_E_NBLOCKS;
    behavior encrypted:
      assumes ctx != \null && in != \null && out != \null;
      assumes 1 <= nblocks <= AES128_MAX_BLOCKS;
      ensures \result == AES128_OK;
      ensures \initialized(out + (0 .. 16 * nblocks - 1));
    complete behaviors;
    disjoint behaviors;
*/
int kl_aes128_encrypt_blocks(const kl_aes128_ctx *ctx, const uint8_t *in,
                          uint8_t *out, size_t nblocks);

/* One block under an expanded key. */
/*@ requires ctx == \null || \valid_read(ctx);
    requires ctx != \null ==> \initialized(&ctx->rk[0 .. AES128_RK_WORDS - 1]);
    requires in == \null || (\valid_read(in + (0 .. 15)) &&
                             \initialized(in + (0 .. 15)));
    requires out == \null || \valid(out + (0 .. 15));
    requires ctx != \null && out != \null ==> \separated(ctx, out + (0 .. 15));
    assigns out[0 .. 15];
    behavior null_argument:
      assumes ctx == \null || in == \null || out == \null;
      assigns \nothing;
      ensures \result == AES128_E_NULL;
    behavior encrypted:
      assumes ctx != \null && in != \null && out != \null;
      ensures \result == AES128_OK;
      ensures \initialized(out + (0 .. 15));
    complete behaviors;
    disjoint behaviors;
*/
int kl_aes128_encrypt_block(const kl_aes128_ctx *ctx,
                         const uint8_t in[AES128_BLOCK_BYTES],
                         uint8_t out[AES128_BLOCK_BYTES]);

/* One-shot: expand `key`, encrypt one block, wipe the expanded key. */
/*@ requires key == \null || (\valid_read(key + (0 .. 15)) &&
                              \initialized(key + (0 .. 15)));
    requires in == \null || (\valid_read(in + (0 .. 15)) &&
                             \initialized(in + (0 .. 15)));
    requires out == \null || \valid(out + (0 .. 15));
    assigns out[0 .. 15];
    behavior null_argument:
      assumes key == \null || in == \null || out == \null;
      assigns \nothing;
      ensures \result == AES128_E_NULL;
    behavior encrypted:
      assumes key != \null && in != \null && out != \null;
      ensures \result == AES128_OK;
      ensures \initialized(out + (0 .. 15));
    complete behaviors;
    disjoint behaviors;
*/
int kl_aes128_encrypt(const uint8_t key[AES128_KEY_BYTES],
                   const uint8_t in[AES128_BLOCK_BYTES],
                   uint8_t out[AES128_BLOCK_BYTES]);

/* Overwrite an expanded key with zeros. */
/*@ requires ctx == \null || \valid(ctx);
    assigns ctx->rk[0 .. AES128_RK_WORDS - 1];
    ensures ctx != \null ==>
            \forall integer i; 0 <= i < AES128_RK_WORDS ==> ctx->rk[i] == 0;
*/
void kl_aes128_wipe(kl_aes128_ctx *ctx);

#endif
