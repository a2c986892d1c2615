/* aes4.c - four AES-128 blocks in one bitsliced pass on four separate
 * buffers (the adapter between MILENAGE's OUT2..OUT5 and the four-lane
 * cipher); the public contract is in aes4.h.
 *
 * The cipher's contract names one 64-byte buffer with a single index m
 * (core/aes128.h); MILENAGE needs each lane as its own 16-byte block.  The
 * steps in between are small functions, each with its own contract, because
 * the provers only carry these facts when every quantifier ranges over the
 * index of the array it reads, and when a local array is written by one
 * loop or call at a time (proofs/README.md, "Triggers" and
 * "Initialisation").
 */
#include "aes4.h"
#include "bytes.h"

#define BLK KL_AES128_BLOCK_BYTES

/* b = x0 || x1 || x2 || x3.  One byte per iteration on b's own base
 * address, which is what WP 25 + CVC4 prove: "initialized" facts of a
 * callee or of an earlier loop on part of an array are lost at the next
 * call or loop, and a loop writing four places per iteration times out on
 * its value invariants.  Every quantifier ranges over the index of b (the
 * term the provers match on), with the arithmetic on the other side. */
/*@ requires valid_b: \valid(b + (0 .. 63));
    requires in_x0: KL_IN(x0, 16) && KL_IN(x1, 16) && KL_IN(x2, 16) && KL_IN(x3, 16);
    requires sep_b_x0: \separated(b + (0 .. 63), x0 + (0 .. 15));
    requires sep_b_x1: \separated(b + (0 .. 63), x1 + (0 .. 15));
    requires sep_b_x2: \separated(b + (0 .. 63), x2 + (0 .. 15));
    requires sep_b_x3: \separated(b + (0 .. 63), x3 + (0 .. 15));
    terminates \true;
    assigns b[0 .. 63];
    ensures \forall integer m; 0 <= m < 16 ==> b[m] == \old(x0[m]);
    ensures \forall integer m; 16 <= m < 32 ==> b[m] == \old(x1[m - 16]);
    ensures \forall integer m; 32 <= m < 48 ==> b[m] == \old(x2[m - 32]);
    ensures \forall integer m; 48 <= m < 64 ==> b[m] == \old(x3[m - 48]);
    ensures \initialized(b + (0 .. 63));
*/
static void aes4_pack(uint8_t *b, const uint8_t *x0, const uint8_t *x1,
                     const uint8_t *x2, const uint8_t *x3)
{
    int i; /* int, not size_t: i - 16 then needs no modulo reasoning */
    /*@ loop invariant 0 <= i <= 64;
        loop invariant \forall integer m; 0 <= m < i && m < 16 ==> b[m] == x0[m];
        loop invariant \forall integer m; 16 <= m < i && m < 32 ==> b[m] == x1[m - 16];
        loop invariant \forall integer m; 32 <= m < i && m < 48 ==> b[m] == x2[m - 32];
        loop invariant \forall integer m; 48 <= m < i ==> b[m] == x3[m - 48];
        loop invariant \initialized(b + (0 .. i - 1));
        loop assigns i, b[0 .. 63];
        loop variant 64 - i;
    */
    for (i = 0; i < 4 * (int)BLK; i++) {
        if (i < (int)BLK)
            b[i] = x0[i];
        else if (i < 2 * (int)BLK)
            b[i] = x1[i - (int)BLK];
        else if (i < 3 * (int)BLK)
            b[i] = x2[i - 2 * (int)BLK];
        else
            b[i] = x3[i - 3 * (int)BLK];
    }
}

/* dst = src[off .. off + 15]: one block out of a multi-block buffer, named
 * by base and offset (facts about a shifted pointer src + off do not carry
 * back to ranges of src). */
/*@ requires range_off: 0 <= off <= 48;
    requires valid_dst: \valid(dst + (0 .. 15));
    requires in_src: \valid_read(src + (off .. off + 15)) &&
             \initialized(src + (off .. off + 15));
    requires sep_dst_src: \separated(dst + (0 .. 15), src + (off .. off + 15));
    terminates \true;
    assigns dst[0 .. 15];
    ensures \forall integer i; 0 <= i < 16 ==> dst[i] == \old(src[off + i]);
    ensures \initialized(dst + (0 .. 15));
*/
static void aes4_block_at(uint8_t *dst, const uint8_t *src, int off)
{
    int i;
    /*@ loop invariant 0 <= i <= 16;
        loop invariant \forall integer j; 0 <= j < i ==> dst[j] == src[off + j];
        loop invariant \initialized(dst + (0 .. i - 1));
        loop assigns i, dst[0 .. 15];
        loop variant 16 - i;
    */
    for (i = 0; i < (int)BLK; i++)
        dst[i] = src[off + i];
}

/* e_j = c[16j .. 16j + 15] for j = 0..3, then c is wiped: the four blocks
 * of a four-block AES output, each into its own buffer.  The values are
 * stated with the index of e_j bound (the term the provers match on). */
/*@ requires valid_c: \valid(c + (0 .. 63)) && \initialized(c + (0 .. 63));
    requires valid_e0: \valid(e0 + (0 .. 15)) && \valid(e1 + (0 .. 15)) &&
             \valid(e2 + (0 .. 15)) && \valid(e3 + (0 .. 15));
    requires sep_c_e0: \separated(c + (0 .. 63), e0 + (0 .. 15), e1 + (0 .. 15),
                        e2 + (0 .. 15), e3 + (0 .. 15));
    terminates \true;
    assigns c[0 .. 63], e0[0 .. 15], e1[0 .. 15], e2[0 .. 15], e3[0 .. 15];
    ensures \forall integer i; 0 <= i < 16 ==> e0[i] == \old(c[i]);
    ensures \forall integer i; 0 <= i < 16 ==> e1[i] == \old(c[16 + i]);
    ensures \forall integer i; 0 <= i < 16 ==> e2[i] == \old(c[32 + i]);
    ensures \forall integer i; 0 <= i < 16 ==> e3[i] == \old(c[48 + i]);
    ensures \initialized(e0 + (0 .. 15)) && \initialized(e1 + (0 .. 15)) &&
            \initialized(e2 + (0 .. 15)) && \initialized(e3 + (0 .. 15));
*/
static void aes4_unpack(uint8_t *c, uint8_t *e0, uint8_t *e1, uint8_t *e2,
                       uint8_t *e3)
{
    aes4_block_at(e0, c, 0);
    aes4_block_at(e1, c, (int)BLK);
    aes4_block_at(e2, c, 2 * (int)BLK);
    aes4_block_at(e3, c, 3 * (int)BLK);
    kl_bytes_wipe(c, 4 * BLK);
}

/* c = E_K(b), four blocks: the cipher's one-index postcondition restated
 * block by block (block offset o).  A function of its own: in a larger
 * context the provers do not find these instances.  The bound variable is
 * the array index itself (c[m], not c[o + i]): provers instantiate a
 * quantified fact by matching its array reads, not through arithmetic. */
#define AES4_CIPHER_ENS(o) \
    ensures \forall integer m; o <= m < o + 16 ==> \
            c[m] == AESb(MLS_OLD16(ctx->key), MLS_OLD16_AT(b, o), m - o);
/*@ requires in_ctx: \valid_read(ctx) && \initialized(&ctx->rk[0 .. KL_AES128_RK_WORDS - 1]);
    requires in_b: \valid_read(b + (0 .. 63)) && \initialized(b + (0 .. 63));
    requires valid_c: \valid(c + (0 .. 63)) && \separated(c + (0 .. 63), ctx);
    requires sep_c_b: \separated(c + (0 .. 63), b + (0 .. 63));
    terminates \true;
    assigns c[0 .. 63];
    AES4_CIPHER_ENS(0) AES4_CIPHER_ENS(16) AES4_CIPHER_ENS(32) AES4_CIPHER_ENS(48)
    ensures \initialized(c + (0 .. 63));
*/
static void aes4_cipher(const kl_aes128_ctx *ctx, const uint8_t *b, uint8_t *c)
{
    /* The cipher's postcondition is guarded by these (its NULL behaviour);
     * WP does not derive them from \valid here. */
    /*@ assert ctx != \null && b != \null && c != \null; */
    (void)kl_aes128_encrypt_blocks(ctx, b, c, 4);
}

/* e_j = E_K(b[16j .. 16j + 15]), j = 0..3, from one four-block pass, each
 * block into its own buffer (indexed from 0: e1[i], not c[16 + i]). */
#define AES4_SPLIT_ENS(e, o) \
    ensures \forall integer i; 0 <= i < 16 ==> \
            e[i] == AESb(MLS_OLD16(ctx->key), MLS_OLD16_AT(b, o), i); \
    ensures \initialized(e + (0 .. 15));
/*@ requires in_ctx: \valid_read(ctx) && \initialized(&ctx->rk[0 .. KL_AES128_RK_WORDS - 1]);
    requires in_b: \valid_read(b + (0 .. 63)) && \initialized(b + (0 .. 63));
    requires valid_e0: \valid(e0 + (0 .. 15)) && \valid(e1 + (0 .. 15)) &&
             \valid(e2 + (0 .. 15)) && \valid(e3 + (0 .. 15));
    requires sep_e0_e1: \separated(e0 + (0 .. 15), e1 + (0 .. 15), e2 + (0 .. 15),
                        e3 + (0 .. 15), ctx);
    terminates \true;
    assigns e0[0 .. 15], e1[0 .. 15], e2[0 .. 15], e3[0 .. 15];
    AES4_SPLIT_ENS(e0, 0) AES4_SPLIT_ENS(e1, 16) AES4_SPLIT_ENS(e2, 32)
    AES4_SPLIT_ENS(e3, 48)
*/
static void aes4_split(const kl_aes128_ctx *ctx, const uint8_t *b, uint8_t *e0,
                    uint8_t *e1, uint8_t *e2, uint8_t *e3)
{
    uint8_t c[4 * BLK];
    aes4_cipher(ctx, b, c);
    aes4_unpack(c, e0, e1, e2, e3);
}

void kl_aes4_encrypt(const kl_aes128_ctx *ctx, const uint8_t *x0,
                     const uint8_t *x1, const uint8_t *x2, const uint8_t *x3,
                     uint8_t *e0, uint8_t *e1, uint8_t *e2, uint8_t *e3)
{
    uint8_t b[4 * BLK];
    aes4_pack(b, x0, x1, x2, x3);
    /*@ assert MLS_EQ16_PRE(b, x0); */
    /*@ assert MLS_EQ16_OFF_PRE(b, 16, x1); */
    /*@ assert MLS_EQ16_OFF_PRE(b, 32, x2); */
    /*@ assert MLS_EQ16_OFF_PRE(b, 48, x3); */
    aes4_split(ctx, b, e0, e1, e2, e3);
    kl_bytes_wipe(b, 4 * BLK);
}
