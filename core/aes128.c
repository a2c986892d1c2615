/* aes128.c - AES-128 encryption (FIPS-197), bitsliced, constant time.
 *
 * Layout.  Up to four blocks ("lanes" L = 0..3) are processed at once.  Byte
 * i = r + 4c of lane L (FIPS-197 3.4: in[r + 4c] -> s[r,c]) sits at bit
 * position P = 16r + 4c + L, and slice word q[j] holds bit j of every byte
 * at its position.  Rows are 16-bit groups, so the row rotations of
 * MixColumns are rotations of whole 64-bit words; ShiftRows rotates each
 * row group by 4r bits inside itself; SubBytes is one Boolean circuit
 * evaluated on the eight words at once.  No secret-dependent index or branch
 * anywhere.
 *
 * Proof: every function has a WP contract for absence of runtime errors,
 * exact assigns, termination and "every output word written"; the functional
 * link to FIPS-197 is checked by the conformance vectors (TS 35.208 kernel
 * sets, FIPS-197 C.1) and by the differential test against OpenSSL.
 */
#include "aes128.h"
#include "bytes.h"

/* Round keys expanded as bytes before bitslicing (FIPS-197 5.2). */
#define RK_BYTES ((KL_AES128_ROUNDS + 1u) * KL_AES128_BLOCK_BYTES)

/*@ requires valid_q: \valid(q + (0 .. 7));
    requires init_q: \initialized(q + (0 .. 7));
    terminates \true;
    assigns q[0 .. 7];
    ensures \initialized(q + (0 .. 7));
*/
static void aes_sbox_bs(uint64_t q[KL_AES128_SLICES])
{
    /* FIPS-197 5.1.1 S-box as the Boyar-Peralta circuit (J. Boyar, R. Peralta,
     * "A depth-16 circuit for the AES S-box", 2011): top linear layer, GF(2^4)
     * inversion core, bottom linear layer.  x0 is the most significant bit. */
    uint64_t x0, x1, x2, x3, x4, x5, x6, x7;
    uint64_t y1, y2, y3, y4, y5, y6, y7, y8, y9;
    uint64_t y10, y11, y12, y13, y14, y15, y16, y17, y18, y19;
    uint64_t y20, y21;
    uint64_t z0, z1, z2, z3, z4, z5, z6, z7, z8, z9;
    uint64_t z10, z11, z12, z13, z14, z15, z16, z17;
    uint64_t t0, t1, t2, t3, t4, t5, t6, t7, t8, t9;
    uint64_t t10, t11, t12, t13, t14, t15, t16, t17, t18, t19;
    uint64_t t20, t21, t22, t23, t24, t25, t26, t27, t28, t29;
    uint64_t t30, t31, t32, t33, t34, t35, t36, t37, t38, t39;
    uint64_t t40, t41, t42, t43, t44, t45, t46, t47, t48, t49;
    uint64_t t50, t51, t52, t53, t54, t55, t56, t57, t58, t59;
    uint64_t t60, t61, t62, t63, t64, t65, t66, t67;
    uint64_t s0, s1, s2, s3, s4, s5, s6, s7;

    x0 = q[7]; x1 = q[6]; x2 = q[5]; x3 = q[4];
    x4 = q[3]; x5 = q[2]; x6 = q[1]; x7 = q[0];

    /* Top linear transformation. */
    y14 = x3 ^ x5;
    y13 = x0 ^ x6;
    y9 = x0 ^ x3;
    y8 = x0 ^ x5;
    t0 = x1 ^ x2;
    y1 = t0 ^ x7;
    y4 = y1 ^ x3;
    y12 = y13 ^ y14;
    y2 = y1 ^ x0;
    y5 = y1 ^ x6;
    y3 = y5 ^ y8;
    t1 = x4 ^ y12;
    y15 = t1 ^ x5;
    y20 = t1 ^ x1;
    y6 = y15 ^ x7;
    y10 = y15 ^ t0;
    y11 = y20 ^ y9;
    y7 = x7 ^ y11;
    y17 = y10 ^ y11;
    y19 = y10 ^ y8;
    y16 = t0 ^ y11;
    y21 = y13 ^ y16;
    y18 = x0 ^ y16;

    /* Non-linear section. */
    t2 = y12 & y15;
    t3 = y3 & y6;
    t4 = t3 ^ t2;
    t5 = y4 & x7;
    t6 = t5 ^ t2;
    t7 = y13 & y16;
    t8 = y5 & y1;
    t9 = t8 ^ t7;
    t10 = y2 & y7;
    t11 = t10 ^ t7;
    t12 = y9 & y11;
    t13 = y14 & y17;
    t14 = t13 ^ t12;
    t15 = y8 & y10;
    t16 = t15 ^ t12;
    t17 = t4 ^ t14;
    t18 = t6 ^ t16;
    t19 = t9 ^ t14;
    t20 = t11 ^ t16;
    t21 = t17 ^ y20;
    t22 = t18 ^ y19;
    t23 = t19 ^ y21;
    t24 = t20 ^ y18;

    t25 = t21 ^ t22;
    t26 = t21 & t23;
    t27 = t24 ^ t26;
    t28 = t25 & t27;
    t29 = t28 ^ t22;
    t30 = t23 ^ t24;
    t31 = t22 ^ t26;
    t32 = t31 & t30;
    t33 = t32 ^ t24;
    t34 = t23 ^ t33;
    t35 = t27 ^ t33;
    t36 = t24 & t35;
    t37 = t36 ^ t34;
    t38 = t27 ^ t36;
    t39 = t29 & t38;
    t40 = t25 ^ t39;

    t41 = t40 ^ t37;
    t42 = t29 ^ t33;
    t43 = t29 ^ t40;
    t44 = t33 ^ t37;
    t45 = t42 ^ t41;
    z0 = t44 & y15;
    z1 = t37 & y6;
    z2 = t33 & x7;
    z3 = t43 & y16;
    z4 = t40 & y1;
    z5 = t29 & y7;
    z6 = t42 & y11;
    z7 = t45 & y17;
    z8 = t41 & y10;
    z9 = t44 & y12;
    z10 = t37 & y3;
    z11 = t33 & y4;
    z12 = t43 & y13;
    z13 = t40 & y5;
    z14 = t29 & y2;
    z15 = t42 & y9;
    z16 = t45 & y14;
    z17 = t41 & y8;

    /* Bottom linear transformation (the affine constant 0x63 folded in as
     * the complemented outputs s1, s2, s6, s7). */
    t46 = z15 ^ z16;
    t47 = z10 ^ z11;
    t48 = z5 ^ z13;
    t49 = z9 ^ z10;
    t50 = z2 ^ z12;
    t51 = z2 ^ z5;
    t52 = z7 ^ z8;
    t53 = z0 ^ z3;
    t54 = z6 ^ z7;
    t55 = z16 ^ z17;
    t56 = z12 ^ t48;
    t57 = t50 ^ t53;
    t58 = z4 ^ t46;
    t59 = z3 ^ t54;
    t60 = t46 ^ t57;
    t61 = z14 ^ t57;
    t62 = t52 ^ t58;
    t63 = t49 ^ t58;
    t64 = z4 ^ t59;
    t65 = t61 ^ t62;
    t66 = z1 ^ t63;
    s0 = t59 ^ t63;
    s6 = t56 ^ ~t62;
    s7 = t48 ^ ~t60;
    t67 = t64 ^ t65;
    s3 = t53 ^ t66;
    s4 = t51 ^ t66;
    s5 = t47 ^ t65;
    s1 = t64 ^ ~s3;
    s2 = t55 ^ ~t67;

    q[7] = s0; q[6] = s1; q[5] = s2; q[4] = s3;
    q[3] = s4; q[2] = s5; q[1] = s6; q[0] = s7;
}

/* Transposes the 8x8 bit matrix whose row k is byte k of x: afterwards bit j
 * of byte k is what bit k of byte j was (three delta swaps). */
/*@
 terminates \true;
 assigns \nothing; */
static uint64_t aes_transpose8(uint64_t x)
{
    uint64_t t;
    t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAULL;
    x = x ^ t ^ (t << 7);
    t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCULL;
    x = x ^ t ^ (t << 14);
    t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0ULL;
    x = x ^ t ^ (t << 28);
    return x;
}

/* One delta swap: exchanges the bits of a selected by (mask << n) with the
 * bits of b selected by mask. */
#define SWAPMOVE(a, b, mask, n)                                  \
    do {                                                         \
        uint64_t t_ = (((a) >> (n)) ^ (b)) & (mask);             \
        (b) ^= t_;                                               \
        (a) ^= t_ << (n);                                        \
    } while (0)

/* Transposes eight words as an 8 x 8 matrix of bytes' bits: bit g of byte m
 * of word b moves to bit b of byte m of word g.  An involution. */
/*@ requires valid_q: \valid(q + (0 .. 7)) && \initialized(q + (0 .. 7));
    terminates \true;
    assigns q[0 .. 7];
    ensures \initialized(q + (0 .. 7));
*/
static void aes_ortho(uint64_t q[KL_AES128_SLICES])
{
    SWAPMOVE(q[0], q[1], 0x5555555555555555ULL, 1);
    SWAPMOVE(q[2], q[3], 0x5555555555555555ULL, 1);
    SWAPMOVE(q[4], q[5], 0x5555555555555555ULL, 1);
    SWAPMOVE(q[6], q[7], 0x5555555555555555ULL, 1);
    SWAPMOVE(q[0], q[2], 0x3333333333333333ULL, 2);
    SWAPMOVE(q[1], q[3], 0x3333333333333333ULL, 2);
    SWAPMOVE(q[4], q[6], 0x3333333333333333ULL, 2);
    SWAPMOVE(q[5], q[7], 0x3333333333333333ULL, 2);
    SWAPMOVE(q[0], q[4], 0x0F0F0F0F0F0F0F0FULL, 4);
    SWAPMOVE(q[1], q[5], 0x0F0F0F0F0F0F0F0FULL, 4);
    SWAPMOVE(q[2], q[6], 0x0F0F0F0F0F0F0F0FULL, 4);
    SWAPMOVE(q[3], q[7], 0x0F0F0F0F0F0F0F0FULL, 4);
}

/* Blocks to slices.  After aes_ortho, byte m of word g lands at bit position
 * 8m + g of every slice.  Position 8m + g must hold byte i = r + 4c of lane L
 * where 8m + g = 16r + 4c + L, so word g = 4h + L takes the bytes
 * i = 4h + {0, 8, 1, 9, 2, 10, 3, 11} of lane L.  Lanes >= nblocks are 0. */
/*@ requires range_nblocks: 1 <= nblocks <= 4;
    requires valid_q: \valid(q + (0 .. 7));
    requires read_in: \valid_read(in + (0 .. 16 * nblocks - 1));
    requires init_in: \initialized(in + (0 .. 16 * nblocks - 1));
    requires sep_q_in: \separated(q + (0 .. 7), in + (0 .. 16 * nblocks - 1));
    terminates \true;
    assigns q[0 .. 7];
    ensures \initialized(q + (0 .. 7));
*/
static void aes_load(uint64_t q[KL_AES128_SLICES], const uint8_t *in,
                     size_t nblocks)
{
    size_t g;
    /*@ loop invariant 0 <= g <= 8;
        loop invariant \initialized(q + (0 .. g - 1));
        loop assigns g, q[0 .. 7];
        loop variant 8 - g;
    */
    for (g = 0; g < KL_AES128_SLICES; g++) {
        size_t lane = g % 4;
        if (lane < nblocks) {
            const uint8_t *b = in + 16 * lane + 4 * (g / 4);
            q[g] = (uint64_t)b[0] | ((uint64_t)b[8] << 8) |
                   ((uint64_t)b[1] << 16) | ((uint64_t)b[9] << 24) |
                   ((uint64_t)b[2] << 32) | ((uint64_t)b[10] << 40) |
                   ((uint64_t)b[3] << 48) | ((uint64_t)b[11] << 56);
        } else {
            q[g] = 0;
        }
    }
    aes_ortho(q);
}

/* Slices to blocks: the inverse of aes_load for the first nblocks lanes.
 * Byte i = 4h + r' + 8t of lane L is byte m = 2r' + t of word 4h + L.
 * Transposes q in place (the caller clears it afterwards). */
/*@ requires range_nblocks: 1 <= nblocks <= 4;
    requires valid_q: \valid(q + (0 .. 7)) && \initialized(q + (0 .. 7));
    requires valid_out: \valid(out + (0 .. 16 * nblocks - 1));
    requires sep_q_out: \separated(q + (0 .. 7), out + (0 .. 16 * nblocks - 1));
    terminates \true;
    assigns q[0 .. 7], out[0 .. 16 * nblocks - 1];
    ensures \initialized(out + (0 .. 16 * nblocks - 1));
*/
static void aes_store(uint8_t *out, uint64_t q[KL_AES128_SLICES], size_t nblocks)
{
    size_t lane, i;
    aes_ortho(q);
    /*@ loop invariant 0 <= lane <= nblocks;
        loop invariant \initialized(out + (0 .. 16 * lane - 1));
        loop assigns lane, i, out[0 .. 16 * nblocks - 1];
        loop variant nblocks - lane;
    */
    for (lane = 0; lane < nblocks; lane++) {
        /*@ loop invariant 0 <= i <= 16;
            loop invariant \initialized(out + (0 .. 16 * lane - 1));
            loop invariant \initialized(out + (16 * lane .. 16 * lane + i - 1));
            loop assigns i, out[16 * lane .. 16 * lane + 15];
            loop variant 16 - i;
        */
        for (i = 0; i < KL_AES128_BLOCK_BYTES; i++) {
            uint64_t w = q[4 * ((i / 4) % 2) + lane];
            uint8_t byte = (uint8_t)(w >> (8 * (2 * (i % 4) + i / 8)));
            out[16 * lane + i] = byte;
        }
    }
}

/* Row group r (bits 16r .. 16r+15) rotated right by 4r inside itself. */
#define ROW_SHIFT(x, r) \
    ((((x) >> (4 * (r))) & ((uint64_t)(0xFFFFu >> (4 * (r))) << (16 * (r)))) | \
     (((x) << (16 - 4 * (r))) & \
      ((uint64_t)(0xFFFFu & ~(0xFFFFu >> (4 * (r)))) << (16 * (r)))))

/* FIPS-197 5.1.2 ShiftRows: s'[r,c] = s[r,(c + r) mod 4]. */
/*@ requires valid_q: \valid(q + (0 .. 7));
    requires init_q: \initialized(q + (0 .. 7));
    terminates \true;
    assigns q[0 .. 7];
    ensures \initialized(q + (0 .. 7));
*/
static void aes_shift_rows(uint64_t q[KL_AES128_SLICES])
{
    size_t j;
    /*@ loop invariant 0 <= j <= 8;
        loop invariant \initialized(q + (0 .. 7));
        loop assigns j, q[0 .. 7];
        loop variant 8 - j;
    */
    for (j = 0; j < KL_AES128_SLICES; j++) {
        uint64_t x = q[j];
        q[j] = (x & 0xFFFFu) | ROW_SHIFT(x, 1) | ROW_SHIFT(x, 2) |
               ROW_SHIFT(x, 3);
    }
}

/* Row r receives row r + k (mod 4): a rotation of the word by 16k bits. */
#define ROTR64(x, n) (((x) >> (n)) | ((x) << (64 - (n))))

/* FIPS-197 5.1.3 MixColumns, per column
 *   s'[r] = {02}(s[r] ^ s[r+1]) ^ s[r+1] ^ (s[r+2] ^ s[r+3])
 * i.e. with t = s ^ rot1(s): {02}t ^ rot1(s) ^ rot2(t).  {02}* (xtime,
 * FIPS-197 4.2.1) on slices: x^8 = x^4 + x^3 + x + 1 feeds slice 7 into
 * slices 0, 1, 3 and 4. */
/*@ requires valid_q: \valid(q + (0 .. 7));
    requires init_q: \initialized(q + (0 .. 7));
    terminates \true;
    assigns q[0 .. 7];
    ensures \initialized(q + (0 .. 7));
*/
static void aes_mix_columns(uint64_t q[KL_AES128_SLICES])
{
    uint64_t t[KL_AES128_SLICES], rest[KL_AES128_SLICES];
    size_t j;
    /*@ loop invariant 0 <= j <= 8;
        loop invariant \initialized(t + (0 .. j - 1));
        loop invariant \initialized(rest + (0 .. j - 1));
        loop assigns j, t[0 .. 7], rest[0 .. 7];
        loop variant 8 - j;
    */
    for (j = 0; j < KL_AES128_SLICES; j++) {
        uint64_t x = q[j], a1 = ROTR64(x, 16);
        t[j] = x ^ a1;
        rest[j] = a1 ^ ROTR64(t[j], 32);
    }
    q[0] = t[7] ^ rest[0];
    q[1] = t[0] ^ t[7] ^ rest[1];
    q[2] = t[1] ^ rest[2];
    q[3] = t[2] ^ t[7] ^ rest[3];
    q[4] = t[3] ^ t[7] ^ rest[4];
    q[5] = t[4] ^ rest[5];
    q[6] = t[5] ^ rest[6];
    q[7] = t[6] ^ rest[7];
}

/* FIPS-197 5.1.4 AddRoundKey with round key number `round`. */
/*@ requires range_round: round <= KL_AES128_ROUNDS;
    requires valid_q: \valid(q + (0 .. 7));
    requires init_q: \initialized(q + (0 .. 7));
    requires read_rk: \valid_read(rk + (0 .. KL_AES128_RK_WORDS - 1));
    requires init_rk: \initialized(rk + (0 .. KL_AES128_RK_WORDS - 1));
    requires sep_q_rk: \separated(q + (0 .. 7), rk + (0 .. KL_AES128_RK_WORDS - 1));
    terminates \true;
    assigns q[0 .. 7];
    ensures \initialized(q + (0 .. 7));
*/
static void aes_add_round_key(uint64_t q[KL_AES128_SLICES], const uint64_t *rk,
                              size_t round)
{
    size_t j;
    /*@ loop invariant 0 <= j <= 8;
        loop invariant \initialized(q + (0 .. 7));
        loop assigns j, q[0 .. 7];
        loop variant 8 - j;
    */
    for (j = 0; j < KL_AES128_SLICES; j++)
        q[j] ^= rk[KL_AES128_SLICES * round + j];
}

/*@ requires valid_q: \valid(q + (0 .. 7));
    terminates \true;
    assigns q[0 .. 7];
    ensures \initialized(q + (0 .. 7));
*/
static void aes_clear_slices(uint64_t q[KL_AES128_SLICES])
{
    size_t j;
    /*@ loop invariant 0 <= j <= 8;
        loop invariant \initialized(q + (0 .. j - 1));
        loop assigns j, q[0 .. 7];
        loop variant 8 - j;
    */
    for (j = 0; j < KL_AES128_SLICES; j++)
        q[j] = 0;
    KL_BARRIER(q);
}

/* FIPS-197 5.2 SubWord on the four bytes w[0..3], in constant time: one
 * 8x8 bit transpose puts bit j of byte b at bit b of slice j, then the
 * circuit runs and the transpose is undone. */
/*@ requires valid_w: \valid(w + (0 .. 3));
    requires init_w: \initialized(w + (0 .. 3));
    terminates \true;
    assigns w[0 .. 3];
    ensures \initialized(w + (0 .. 3));
*/
static void aes_sub_word(uint8_t w[4])
{
    uint64_t q[KL_AES128_SLICES];
    uint64_t x;
    size_t j;
    x = (uint64_t)w[0] | ((uint64_t)w[1] << 8) | ((uint64_t)w[2] << 16) |
        ((uint64_t)w[3] << 24);
    x = aes_transpose8(x);
    /*@ loop invariant 0 <= j <= 8;
        loop invariant \initialized(q + (0 .. j - 1));
        loop assigns j, q[0 .. 7];
        loop variant 8 - j;
    */
    for (j = 0; j < KL_AES128_SLICES; j++)
        q[j] = (x >> (8 * j)) & 0xFFu;
    aes_sbox_bs(q);
    x = 0;
    /*@ loop invariant 0 <= j <= 8;
        loop assigns j, x;
        loop variant 8 - j;
    */
    for (j = 0; j < KL_AES128_SLICES; j++)
        x |= (q[j] & 0xFFu) << (8 * j);
    x = aes_transpose8(x);
    w[0] = (uint8_t)x;
    w[1] = (uint8_t)(x >> 8);
    w[2] = (uint8_t)(x >> 16);
    w[3] = (uint8_t)(x >> 24);
    aes_clear_slices(q);
    x = 0;
}

/* Bitslices round keys first .. first+n-1 (n <= 4) of rkb, one per lane,
 * then copies each lane into all four lanes of ctx->rk. */
/*@ requires range_n: 1 <= n <= 4 && first + n <= KL_AES128_ROUNDS + 1;
    requires valid_ctx: \valid(ctx);
    requires read_rkb: \valid_read(rkb + (0 .. RK_BYTES - 1));
    requires init_rkb: \initialized(rkb + (16 * first .. 16 * (first + n) - 1));
    requires init_ctx_rk: \initialized(&ctx->rk[0 .. KL_AES128_SLICES * first - 1]);
    requires sep_ctx_rkb: \separated(ctx, rkb + (0 .. RK_BYTES - 1));
    terminates \true;
    assigns ctx->rk[KL_AES128_SLICES * first .. KL_AES128_SLICES * (first + n) - 1];
    ensures \initialized(&ctx->rk[0 .. KL_AES128_SLICES * (first + n) - 1]);
*/
static void aes_slice_round_keys(kl_aes128_ctx *ctx, const uint8_t *rkb,
                                 size_t first, size_t n)
{
    uint64_t q[KL_AES128_SLICES];
    size_t lane, j;
    aes_load(q, rkb + 16 * first, n);
    /*@ loop invariant 0 <= lane <= n;
        loop invariant \initialized(&ctx->rk[0 .. KL_AES128_SLICES * (first + lane) - 1]);
        loop assigns lane, j, ctx->rk[KL_AES128_SLICES * first ..
                                      KL_AES128_SLICES * (first + n) - 1];
        loop variant n - lane;
    */
    for (lane = 0; lane < n; lane++) {
        /*@ loop invariant 0 <= j <= 8;
            loop invariant \initialized(&ctx->rk[0 .. KL_AES128_SLICES * (first + lane) - 1]);
            loop invariant \initialized(&ctx->rk[KL_AES128_SLICES * (first + lane) ..
                                                 KL_AES128_SLICES * (first + lane) + j - 1]);
            loop assigns j, ctx->rk[KL_AES128_SLICES * (first + lane) ..
                                    KL_AES128_SLICES * (first + lane) + 7];
            loop variant 8 - j;
        */
        for (j = 0; j < KL_AES128_SLICES; j++) {
            uint64_t x = (q[j] >> lane) & 0x1111111111111111ULL;
            ctx->rk[KL_AES128_SLICES * (first + lane) + j] =
                x | (x << 1) | (x << 2) | (x << 3);
        }
    }
    aes_clear_slices(q);
}

int kl_aes128_init(kl_aes128_ctx *ctx, const uint8_t key[KL_AES128_KEY_BYTES])
{
    /* FIPS-197 5.2: w[i] = w[i-4] ^ (i % 4 == 0 ? SubWord(RotWord(w[i-1]))
     * ^ Rcon[i/4] : w[i-1]), as bytes; then bitsliced four keys at a time. */
    uint8_t rkb[RK_BYTES];
    uint8_t tmp[4];
    uint8_t rcon = 1;
    size_t i;

    if (ctx == NULL || key == NULL)
        return KL_AES128_E_NULL;
    kl_bytes_copy(rkb, key, KL_AES128_KEY_BYTES);
    /*@ loop invariant 16 <= i <= RK_BYTES && i % 4 == 0;
        loop invariant \initialized(rkb + (0 .. i - 1));
        loop assigns i, rcon, tmp[0 .. 3], rkb[16 .. RK_BYTES - 1];
        loop variant RK_BYTES - i;
    */
    for (i = KL_AES128_BLOCK_BYTES; i < RK_BYTES; i += 4) {
        tmp[0] = rkb[i - 4];
        tmp[1] = rkb[i - 3];
        tmp[2] = rkb[i - 2];
        tmp[3] = rkb[i - 1];
        if (i % KL_AES128_BLOCK_BYTES == 0) {
            /* RotWord, SubWord, Rcon.  Rcon doubles in GF(2^8); the public
             * position i, never a secret, decides this branch. */
            uint8_t t0 = tmp[0];
            tmp[0] = tmp[1];
            tmp[1] = tmp[2];
            tmp[2] = tmp[3];
            tmp[3] = t0;
            aes_sub_word(tmp);
            tmp[0] = (uint8_t)(tmp[0] ^ rcon);
            rcon = (uint8_t)((rcon << 1) ^ ((rcon >> 7) * 0x1Bu));
        }
        rkb[i] = (uint8_t)(rkb[i - 16] ^ tmp[0]);
        rkb[i + 1] = (uint8_t)(rkb[i - 15] ^ tmp[1]);
        rkb[i + 2] = (uint8_t)(rkb[i - 14] ^ tmp[2]);
        rkb[i + 3] = (uint8_t)(rkb[i - 13] ^ tmp[3]);
    }
    aes_slice_round_keys(ctx, rkb, 0, 4);
    aes_slice_round_keys(ctx, rkb, 4, 4);
    aes_slice_round_keys(ctx, rkb, 8, 3);
    kl_bytes_wipe(rkb, RK_BYTES);
    kl_bytes_wipe(tmp, 4);
    /* The key itself, named by the functional contract of the cipher. */
    /*@ loop invariant 0 <= i <= 16;
        loop invariant \forall integer j; 0 <= j < i ==> ctx->key[j] == key[j];
        loop invariant \initialized(&ctx->key[0 .. i - 1]);
        loop assigns i, ctx->key[0 .. 15];
        loop variant 16 - i;
    */
    for (i = 0; i < KL_AES128_KEY_BYTES; i++)
        ctx->key[i] = key[i];
    return KL_AES128_OK;
}

int kl_aes128_encrypt_blocks(const kl_aes128_ctx *ctx, const uint8_t *in,
                          uint8_t *out, size_t nblocks)
{
    uint64_t q[KL_AES128_SLICES];
    size_t round;

    if (ctx == NULL || in == NULL || out == NULL)
        return KL_AES128_E_NULL;
    if (nblocks < 1 || nblocks > KL_AES128_MAX_BLOCKS)
        return KL_AES128_E_NBLOCKS;
    aes_load(q, in, nblocks);
    aes_add_round_key(q, ctx->rk, 0);
    /*@ loop invariant 1 <= round <= KL_AES128_ROUNDS;
        loop invariant \initialized(q + (0 .. 7));
        loop assigns round, q[0 .. 7];
        loop variant KL_AES128_ROUNDS - round;
    */
    for (round = 1; round < KL_AES128_ROUNDS; round++) {
        aes_sbox_bs(q);
        aes_shift_rows(q);
        aes_mix_columns(q);
        aes_add_round_key(q, ctx->rk, round);
    }
    aes_sbox_bs(q);
    aes_shift_rows(q);
    aes_add_round_key(q, ctx->rk, KL_AES128_ROUNDS);
    aes_store(out, q, nblocks);
    aes_clear_slices(q);
    return KL_AES128_OK;
}

int kl_aes128_encrypt_block(const kl_aes128_ctx *ctx,
                         const uint8_t in[KL_AES128_BLOCK_BYTES],
                         uint8_t out[KL_AES128_BLOCK_BYTES])
{
    /* Checked here too: WP uses the callee's global assigns at call sites. */
    if (ctx == NULL || in == NULL || out == NULL)
        return KL_AES128_E_NULL;
    return kl_aes128_encrypt_blocks(ctx, in, out, 1);
}

void kl_aes128_wipe(kl_aes128_ctx *ctx)
{
    size_t i;
    if (ctx == NULL)
        return;
    /*@ loop invariant 0 <= i <= KL_AES128_RK_WORDS;
        loop invariant \forall integer k; 0 <= k < i ==> ctx->rk[k] == 0;
        loop assigns i, ctx->rk[0 .. KL_AES128_RK_WORDS - 1];
        loop variant KL_AES128_RK_WORDS - i;
    */
    for (i = 0; i < KL_AES128_RK_WORDS; i++)
        ctx->rk[i] = 0;
    /*@ loop invariant 0 <= i <= 16;
        loop invariant \forall integer k; 0 <= k < i ==> ctx->key[k] == 0;
        loop invariant \forall integer k; 0 <= k < KL_AES128_RK_WORDS ==>
                       ctx->rk[k] == 0;
        loop assigns i, ctx->key[0 .. 15];
        loop variant 16 - i;
    */
    for (i = 0; i < KL_AES128_KEY_BYTES; i++)
        ctx->key[i] = 0;
    KL_BARRIER(ctx);
}

int kl_aes128_encrypt(const uint8_t key[KL_AES128_KEY_BYTES],
                   const uint8_t in[KL_AES128_BLOCK_BYTES],
                   uint8_t out[KL_AES128_BLOCK_BYTES])
{
    kl_aes128_ctx ctx;
    int rc;
    if (key == NULL || in == NULL || out == NULL)
        return KL_AES128_E_NULL;
    (void)kl_aes128_init(&ctx, key);
    /*@ assert MLS_EQ16(ctx.key, key); */
    rc = kl_aes128_encrypt_block(&ctx, in, out);
    /*@ assert \forall integer i; 0 <= i < 16 ==>
               out[i] == AESb(MLS_PRE16(key), MLS_PRE16(in), i); */
    kl_aes128_wipe(&ctx);
    return rc;
}
