/* aes128.h - AES-128 encryption (FIPS-197), constant time, freestanding.
 *
 * The implementation is bitsliced: the state of up to four blocks is held as
 * eight 64-bit words, word j carrying bit j of each of the 64 state bytes, and
 * the S-box is evaluated as a Boolean circuit (Boyar-Peralta, 113 gates) over
 * those words.  No table is indexed by a secret, no branch depends on one.
 * Up to KL_AES128_MAX_BLOCKS blocks under one key cost the same as one, which is
 * what Milenage (four outputs under one key) exploits.
 */
#ifndef KL_AES128_H
#define KL_AES128_H

#include "kl_common.h"

#define KL_AES128_KEY_BYTES 16u
#define KL_AES128_BLOCK_BYTES 16u
#define KL_AES128_ROUNDS 10u
#define KL_AES128_MAX_BLOCKS 4u /* 4 blocks x 16 bytes = 64 bit positions */
#define KL_AES128_SLICES 8u     /* one 64-bit word per bit of a byte */
/* Round keys, bitsliced and replicated into every block lane. */
#define KL_AES128_RK_WORDS ((KL_AES128_ROUNDS + 1u) * KL_AES128_SLICES)

enum kl_aes128_status {
    KL_AES128_OK = KL_OK,
    KL_AES128_E_NULL = KL_ERR_AES128 - 1,    /* a pointer argument was NULL */
    KL_AES128_E_NBLOCKS = KL_ERR_AES128 - 2, /* block count not in 1..KL_AES128_MAX_BLOCKS */
};

/* An expanded key.  Holds key material: wipe with kl_aes128_wipe() after use.
 * `key` keeps the cipher key itself, one byte per word: the functional
 * contract of kl_aes128_encrypt_blocks() names it (spec/milenage.acsl); the
 * cipher reads only `rk`.  (A word type, not uint8_t, so that WP keeps it in
 * another memory chunk than the byte buffers: writing or wiping it then
 * costs the byte buffers' proofs nothing, proofs/README.md rule 8.) */
typedef struct kl_aes128_ctx {
    uint64_t rk[KL_AES128_RK_WORDS];
    uint32_t key[KL_AES128_KEY_BYTES];
} kl_aes128_ctx;

/* The ACSL logic the functional contracts refer to: AESb(K, X, i), byte i of
 * E_K(X), abstract (spec/milenage.acsl). */
#if defined(__FRAMAC__)
#include "../spec/milenage.acsl"
#endif

/* FIPS-197 5.2 KeyExpansion.  Returns KL_AES128_OK or KL_AES128_E_NULL. */
/*@ requires valid_ctx: ctx == \null || \valid(ctx);
    requires read_key: key == \null || \valid_read(key + (0 .. 15));
    requires init_key: key != \null ==> \initialized(key + (0 .. 15));
    requires sep_ctx_key: ctx != \null && key != \null ==>
             \separated(ctx, key + (0 .. 15));
    terminates \true;
    assigns ctx->rk[0 .. KL_AES128_RK_WORDS - 1], ctx->key[0 .. 15];
    ensures \result == KL_AES128_OK || \result == KL_AES128_E_NULL;
    behavior null_argument:
      assumes ctx == \null || key == \null;
      ensures \result == KL_AES128_E_NULL;
    behavior expanded:
      assumes ctx != \null && key != \null;
      ensures \result == KL_AES128_OK;
      ensures \initialized(&ctx->rk[0 .. KL_AES128_RK_WORDS - 1]);
      ensures \initialized(&ctx->key[0 .. 15]);
      ensures \forall integer i; 0 <= i < 16 ==> ctx->key[i] == \old(key[i]);
    complete behaviors;
    disjoint behaviors;
*/
int kl_aes128_init(kl_aes128_ctx *ctx, const uint8_t key[KL_AES128_KEY_BYTES]);

/* FIPS-197 5.1 Cipher on nblocks (1..KL_AES128_MAX_BLOCKS) consecutive 16-byte
 * blocks of `in`, written to `out`.  `in` and `out` may be the same buffer.
 * Returns KL_AES128_OK, KL_AES128_E_NULL or KL_AES128_E_NBLOCKS (out untouched). */
/*@ requires read_ctx: ctx == \null || \valid_read(ctx);
    requires init_ctx_rk: ctx != \null ==> \initialized(&ctx->rk[0 .. KL_AES128_RK_WORDS - 1]);
    requires in_in: in == \null || nblocks < 1 || nblocks > KL_AES128_MAX_BLOCKS ||
             (\valid_read(in + (0 .. 16 * nblocks - 1)) &&
              \initialized(in + (0 .. 16 * nblocks - 1)));
    requires valid_out: out == \null || nblocks < 1 || nblocks > KL_AES128_MAX_BLOCKS ||
             \valid(out + (0 .. 16 * nblocks - 1));
    requires sep_ctx_out: ctx != \null && out != \null &&
             1 <= nblocks <= KL_AES128_MAX_BLOCKS ==>
             \separated(ctx, out + (0 .. 16 * nblocks - 1));
    terminates \true;
    assigns out[0 .. 16 * nblocks - 1];
    behavior null_argument:
      assumes ctx == \null || in == \null || out == \null;
      assigns \nothing;
      ensures \result == KL_AES128_E_NULL;
    behavior bad_count:
      assumes ctx != \null && in != \null && out != \null;
      assumes nblocks < 1 || nblocks > KL_AES128_MAX_BLOCKS;
      assigns \nothing;
      ensures \result == KL_AES128_E_NBLOCKS;
    behavior encrypted:
      assumes ctx != \null && in != \null && out != \null;
      assumes 1 <= nblocks <= KL_AES128_MAX_BLOCKS;
      ensures \result == KL_AES128_OK;
      ensures \initialized(out + (0 .. 16 * nblocks - 1));
      // THE ONE ASSUMPTION of the functional proofs (proofs/README.md):
      // each output block is AES-128 (FIPS-197) of its input block under
      // the key kept in ctx->key.  Not proved by WP; checked on real inputs
      // by the FIPS-197 / TS 35.208 conformance vectors and the
      // differential test against OpenSSL (harness/test_aes128.c).
      // Stated with one index m (byte m - ml_blk(m) of the block at offset
      // ml_blk(m) = 16 * (m / 16), written by cases) rather than (block L,
      // byte i): provers instantiate out[m] at any index a caller reads, but
      // cannot match out[16 * L + i] against out[16 + j].
      admit ensures \forall integer m; 0 <= m < 16 * nblocks ==>
              out[m] == AESb(MLS_OLD16(ctx->key),
                             MLS_OLD16_AT(in, ml_blk(m)), m - ml_blk(m));
    complete behaviors;
    disjoint behaviors;
*/
int kl_aes128_encrypt_blocks(const kl_aes128_ctx *ctx, const uint8_t *in,
                          uint8_t *out, size_t nblocks);

/* One block under an expanded key. */
/*@ requires read_ctx: ctx == \null || \valid_read(ctx);
    requires init_ctx_rk: ctx != \null ==> \initialized(&ctx->rk[0 .. KL_AES128_RK_WORDS - 1]);
    requires in_in: in == \null || (\valid_read(in + (0 .. 15)) &&
                             \initialized(in + (0 .. 15)));
    requires valid_out: out == \null || \valid(out + (0 .. 15));
    requires sep_ctx_out: ctx != \null && out != \null ==> \separated(ctx, out + (0 .. 15));
    terminates \true;
    assigns out[0 .. 15];
    behavior null_argument:
      assumes ctx == \null || in == \null || out == \null;
      assigns \nothing;
      ensures \result == KL_AES128_E_NULL;
    behavior encrypted:
      assumes ctx != \null && in != \null && out != \null;
      ensures \result == KL_AES128_OK;
      ensures \initialized(out + (0 .. 15));
      ensures \forall integer i; 0 <= i < 16 ==>
              out[i] == AESb(MLS_OLD16(ctx->key), MLS_OLD16(in), i);
    complete behaviors;
    disjoint behaviors;
*/
int kl_aes128_encrypt_block(const kl_aes128_ctx *ctx,
                         const uint8_t in[KL_AES128_BLOCK_BYTES],
                         uint8_t out[KL_AES128_BLOCK_BYTES]);

/* One-shot: expand `key`, encrypt one block, wipe the expanded key. */
/*@ requires in_key: key == \null || (\valid_read(key + (0 .. 15)) &&
                              \initialized(key + (0 .. 15)));
    requires in_in: in == \null || (\valid_read(in + (0 .. 15)) &&
                             \initialized(in + (0 .. 15)));
    requires valid_out: out == \null || \valid(out + (0 .. 15));
    terminates \true;
    assigns out[0 .. 15];
    behavior null_argument:
      assumes key == \null || in == \null || out == \null;
      assigns \nothing;
      ensures \result == KL_AES128_E_NULL;
    behavior encrypted:
      assumes key != \null && in != \null && out != \null;
      ensures \result == KL_AES128_OK;
      ensures \initialized(out + (0 .. 15));
      ensures \forall integer i; 0 <= i < 16 ==>
              out[i] == AESb(MLS_OLD16(key), MLS_OLD16(in), i);
    complete behaviors;
    disjoint behaviors;
*/
int kl_aes128_encrypt(const uint8_t key[KL_AES128_KEY_BYTES],
                   const uint8_t in[KL_AES128_BLOCK_BYTES],
                   uint8_t out[KL_AES128_BLOCK_BYTES]);

/* Overwrite an expanded key (round keys and key copy) with zeros. */
/*@ requires valid_ctx: ctx == \null || \valid(ctx);
    terminates \true;
    assigns ctx->rk[0 .. KL_AES128_RK_WORDS - 1], ctx->key[0 .. 15];
    ensures ctx != \null ==>
            \forall integer i; 0 <= i < KL_AES128_RK_WORDS ==> ctx->rk[i] == 0;
    ensures ctx != \null ==>
            \forall integer i; 0 <= i < 16 ==> ctx->key[i] == 0;
*/
void kl_aes128_wipe(kl_aes128_ctx *ctx);

#endif
