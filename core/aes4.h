/* aes4.h - four AES-128 blocks under one expanded key in one bitsliced pass,
 * on four separate input and output buffers: e_j = E_K(x_j), j = 0..3.
 *
 * The cipher (aes128.h) does up to four blocks for the price of one, on one
 * buffer of consecutive blocks; MILENAGE computes OUT2..OUT5 with one such
 * pass.  This adapter packs the four inputs, runs the cipher once and
 * unpacks the four outputs, so that each lane's contract names its own 16
 * bytes (the form MILENAGE's proof can use).
 *
 * Core-internal (the caller is proved core code passing local buffers): the
 * pointers are preconditions, not run-time checks, and there is no status.
 */
#ifndef KL_AES4_H
#define KL_AES4_H

#include "aes128.h"

/* Lane j: input x_j readable and initialised, output e_j writable and apart
 * from the key; the outputs are apart from each other.  The inputs are all
 * read (packed into a local buffer) before any output is written, so an
 * input may overlap an output. */
#define KL_AES4_REQ(x, e) \
    requires valid_##x: \valid_read(x + (0 .. 15)); \
    requires init_##x: \initialized(x + (0 .. 15)); \
    requires valid_##e: \valid(e + (0 .. 15)); \
    requires sep_##e: \separated(e + (0 .. 15), ctx);
#define KL_AES4_ENS(x, e) \
    ensures aes_##e: \forall integer i; 0 <= i < 16 ==> \
            e[i] == AESb(MLS_OLD16(ctx->key), MLS_OLD16(x), i); \
    ensures init_##e: \initialized(e + (0 .. 15));
/*@ requires valid_ctx: \valid_read(ctx);
    requires init_ctx: \initialized(&ctx->rk[0 .. KL_AES128_RK_WORDS - 1]);
    KL_AES4_REQ(x0, e0) KL_AES4_REQ(x1, e1) KL_AES4_REQ(x2, e2)
    KL_AES4_REQ(x3, e3)
    requires sep_outputs: \separated(e0 + (0 .. 15), e1 + (0 .. 15),
                                     e2 + (0 .. 15), e3 + (0 .. 15));
    terminates \true;
    assigns e0[0 .. 15], e1[0 .. 15], e2[0 .. 15], e3[0 .. 15];
    KL_AES4_ENS(x0, e0) KL_AES4_ENS(x1, e1) KL_AES4_ENS(x2, e2)
    KL_AES4_ENS(x3, e3)
*/
void kl_aes4_encrypt(const kl_aes128_ctx *ctx, const uint8_t *x0,
                     const uint8_t *x1, const uint8_t *x2, const uint8_t *x3,
                     uint8_t *e0, uint8_t *e1, uint8_t *e2, uint8_t *e3);

#endif
