/* aes128.c - AES-128 encryption (FIPS-197), bitsliced, constant time.
 *
 * Layout.  Up to four 16-byte blocks form 64 byte positions p = 16*lane + i,
 * where i = r + 4*c is the FIPS-197 state index of row r, column c (FIPS-197
 * 3.4: in[r + 4c] -> s[r,c]).  Slice word q[j] holds bit j of byte p at bit p.
 * Inside a 16-bit lane, column c is the nibble at bits 4c..4c+3 and row r is
 * bit r of that nibble, so ShiftRows and MixColumns are fixed shifts and
 * masks of whole words, and SubBytes is one Boolean circuit evaluated on the
 * eight words at once: no secret-dependent index or branch anywhere.
 *
 * Proof: every function has a WP contract for absence of runtime errors,
 * exact assigns, termination and "every output word written"; the functional
 * link to FIPS-197 is checked by the conformance vectors (TS 35.208 kernel
 * sets, FIPS-197 C.1) and by the differential test against OpenSSL.
 */
#include "aes128.h"

/* Replicates a 16-bit lane pattern into the four lanes of a word. */
#define LANES(x16) ((uint64_t)(x16) * 0x0001000100010001ULL)

/*@ requires \valid(q + (0 .. 7));
    requires \initialized(q + (0 .. 7));
    assigns q[0 .. 7];
    ensures \initialized(q + (0 .. 7));
*/
static void aes_sbox_bs(uint64_t q[AES128_SLICES])
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
/*@ assigns \nothing; */
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

/* Bytes to slices: q[j] bit p := bit j of in[p], for p < 8*ngroups; the
 * other bit positions are zero.  Works eight bytes at a time. */
/*@ requires 1 <= ngroups <= 8;
    requires \valid(q + (0 .. 7));
    requires \valid_read(in + (0 .. 8 * ngroups - 1));
    requires \initialized(in + (0 .. 8 * ngroups - 1));
    requires \separated(q + (0 .. 7), in + (0 .. 8 * ngroups - 1));
    assigns q[0 .. 7];
    ensures \initialized(q + (0 .. 7));
*/
static void aes_load_slices(uint64_t q[AES128_SLICES], const uint8_t *in,
                            size_t ngroups)
{
    size_t g, j;
    /*@ loop invariant 0 <= j <= 8;
        loop invariant \initialized(q + (0 .. j - 1));
        loop assigns j, q[0 .. 7];
        loop variant 8 - j;
    */
    for (j = 0; j < AES128_SLICES; j++)
        q[j] = 0;
    /*@ loop invariant 0 <= g <= ngroups;
        loop invariant \initialized(q + (0 .. 7));
        loop assigns g, j, q[0 .. 7];
        loop variant ngroups - g;
    */
    for (g = 0; g < ngroups; g++) {
        const uint8_t *b = in + 8 * g;
        uint64_t x = (uint64_t)b[0] | ((uint64_t)b[1] << 8) |
                     ((uint64_t)b[2] << 16) | ((uint64_t)b[3] << 24) |
                     ((uint64_t)b[4] << 32) | ((uint64_t)b[5] << 40) |
                     ((uint64_t)b[6] << 48) | ((uint64_t)b[7] << 56);
        x = aes_transpose8(x);
        /*@ loop invariant 0 <= j <= 8;
            loop invariant \initialized(q + (0 .. 7));
            loop assigns j, q[0 .. 7];
            loop variant 8 - j;
        */
        for (j = 0; j < AES128_SLICES; j++)
            q[j] |= ((x >> (8 * j)) & 0xFFu) << (8 * g);
    }
}

/* Slices to bytes: the inverse of aes_load_slices for 8*ngroups bytes. */
/*@ requires 1 <= ngroups <= 8;
    requires \valid_read(q + (0 .. 7));
    requires \initialized(q + (0 .. 7));
    requires \valid(out + (0 .. 8 * ngroups - 1));
    requires \separated(q + (0 .. 7), out + (0 .. 8 * ngroups - 1));
    assigns out[0 .. 8 * ngroups - 1];
    ensures \initialized(out + (0 .. 8 * ngroups - 1));
*/
static void aes_store_slices(uint8_t *out, const uint64_t q[AES128_SLICES],
                             size_t ngroups)
{
    size_t g, j, k;
    /*@ loop invariant 0 <= g <= ngroups;
        loop invariant \initialized(out + (0 .. 8 * g - 1));
        loop assigns g, j, k, out[0 .. 8 * ngroups - 1];
        loop variant ngroups - g;
    */
    for (g = 0; g < ngroups; g++) {
        uint64_t x = 0;
        /*@ loop invariant 0 <= j <= 8;
            loop assigns j, x;
            loop variant 8 - j;
        */
        for (j = 0; j < AES128_SLICES; j++)
            x |= ((q[j] >> (8 * g)) & 0xFFu) << (8 * j);
        x = aes_transpose8(x);
        /*@ loop invariant 0 <= k <= 8;
            loop invariant \initialized(out + (0 .. 8 * g - 1));
            loop invariant \initialized(out + (8 * g .. 8 * g + k - 1));
            loop assigns k, out[8 * g .. 8 * g + 7];
            loop variant 8 - k;
        */
        for (k = 0; k < 8; k++)
            out[8 * g + k] = (uint8_t)(x >> (8 * k));
    }
}

/* Rotates every 16-bit lane of x right by s bits (0 < s < 16). */
#define LANE_ROTR(x, s) \
    ((((x) >> (s)) & LANES(0xFFFFu >> (s))) | \
     (((x) << (16 - (s))) & ~LANES(0xFFFFu >> (s))))

/* FIPS-197 5.1.2 ShiftRows: s'[r,c] = s[r,(c + r) mod 4], i.e. the bits of
 * row r rotate right by 4r inside their lane. */
/*@ requires \valid(q + (0 .. 7));
    requires \initialized(q + (0 .. 7));
    assigns q[0 .. 7];
    ensures \initialized(q + (0 .. 7));
*/
static void aes_shift_rows(uint64_t q[AES128_SLICES])
{
    size_t j;
    /*@ loop invariant 0 <= j <= 8;
        loop invariant \initialized(q + (0 .. 7));
        loop assigns j, q[0 .. 7];
        loop variant 8 - j;
    */
    for (j = 0; j < AES128_SLICES; j++) {
        uint64_t x = q[j];
        uint64_t r1 = x & 0x2222222222222222ULL;
        uint64_t r2 = x & 0x4444444444444444ULL;
        uint64_t r3 = x & 0x8888888888888888ULL;
        q[j] = (x & 0x1111111111111111ULL) | LANE_ROTR(r1, 4) |
               LANE_ROTR(r2, 8) | LANE_ROTR(r3, 12);
    }
}

/* Inside every nibble (one column), row r receives row (r + k) mod 4. */
#define ROW_ROT1(x) ((((x) >> 1) & 0x7777777777777777ULL) | \
                     (((x) << 3) & 0x8888888888888888ULL))
#define ROW_ROT2(x) ((((x) >> 2) & 0x3333333333333333ULL) | \
                     (((x) << 2) & 0xCCCCCCCCCCCCCCCCULL))
#define ROW_ROT3(x) ((((x) >> 3) & 0x1111111111111111ULL) | \
                     (((x) << 1) & 0xEEEEEEEEEEEEEEEEULL))

/* FIPS-197 5.1.3 MixColumns, written as
 *   s'[r] = {02}(s[r] ^ s[r+1]) ^ s[r+1] ^ s[r+2] ^ s[r+3]
 * with {02}* (xtime, FIPS-197 4.2.1) done on slices: reduction by
 * x^8 = x^4 + x^3 + x + 1 feeds slice 7 into slices 0, 1, 3 and 4. */
/*@ requires \valid(q + (0 .. 7));
    requires \initialized(q + (0 .. 7));
    assigns q[0 .. 7];
    ensures \initialized(q + (0 .. 7));
*/
static void aes_mix_columns(uint64_t q[AES128_SLICES])
{
    uint64_t a1[AES128_SLICES], t[AES128_SLICES], rest[AES128_SLICES];
    size_t j;
    /*@ loop invariant 0 <= j <= 8;
        loop invariant \initialized(a1 + (0 .. j - 1));
        loop invariant \initialized(t + (0 .. j - 1));
        loop invariant \initialized(rest + (0 .. j - 1));
        loop assigns j, a1[0 .. 7], t[0 .. 7], rest[0 .. 7];
        loop variant 8 - j;
    */
    for (j = 0; j < AES128_SLICES; j++) {
        uint64_t x = q[j];
        a1[j] = ROW_ROT1(x);
        t[j] = x ^ a1[j];
        rest[j] = a1[j] ^ ROW_ROT2(x) ^ ROW_ROT3(x);
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
/*@ requires round <= AES128_ROUNDS;
    requires \valid(q + (0 .. 7));
    requires \initialized(q + (0 .. 7));
    requires \valid_read(rk + (0 .. AES128_RK_WORDS - 1));
    requires \initialized(rk + (0 .. AES128_RK_WORDS - 1));
    requires \separated(q + (0 .. 7), rk + (0 .. AES128_RK_WORDS - 1));
    assigns q[0 .. 7];
    ensures \initialized(q + (0 .. 7));
*/
static void aes_add_round_key(uint64_t q[AES128_SLICES], const uint64_t *rk,
                              size_t round)
{
    size_t j;
    /*@ loop invariant 0 <= j <= 8;
        loop invariant \initialized(q + (0 .. 7));
        loop assigns j, q[0 .. 7];
        loop variant 8 - j;
    */
    for (j = 0; j < AES128_SLICES; j++)
        q[j] ^= rk[AES128_SLICES * round + j];
}

/*@ requires \valid(q + (0 .. 7));
    assigns q[0 .. 7];
    ensures \initialized(q + (0 .. 7));
*/
static void aes_clear_slices(uint64_t q[AES128_SLICES])
{
    size_t j;
    /*@ loop invariant 0 <= j <= 8;
        loop invariant \initialized(q + (0 .. j - 1));
        loop assigns j, q[0 .. 7];
        loop variant 8 - j;
    */
    for (j = 0; j < AES128_SLICES; j++)
        q[j] = 0;
    KL_BARRIER(q);
}

/* FIPS-197 5.2 SubWord on the four bytes w[0..3], in constant time: the four
 * bytes are bitsliced into bit positions 0..3 and run through the circuit. */
/*@ requires \valid(w + (0 .. 3));
    requires \initialized(w + (0 .. 3));
    assigns w[0 .. 3];
    ensures \initialized(w + (0 .. 3));
*/
static void aes_sub_word(uint8_t w[4])
{
    uint64_t q[AES128_SLICES];
    size_t j, b;
    /*@ loop invariant 0 <= j <= 8;
        loop invariant \initialized(q + (0 .. j - 1));
        loop assigns j, b, q[0 .. 7];
        loop variant 8 - j;
    */
    for (j = 0; j < AES128_SLICES; j++) {
        uint64_t x = 0;
        /*@ loop invariant 0 <= b <= 4;
            loop assigns b, x;
            loop variant 4 - b;
        */
        for (b = 0; b < 4; b++)
            x |= (uint64_t)((w[b] >> j) & 1u) << b;
        q[j] = x;
    }
    aes_sbox_bs(q);
    /*@ loop invariant 0 <= b <= 4;
        loop invariant \initialized(w + (0 .. 3));
        loop invariant \initialized(q + (0 .. 7));
        loop assigns b, j, w[0 .. 3];
        loop variant 4 - b;
    */
    for (b = 0; b < 4; b++) {
        uint32_t v = 0;
        /*@ loop invariant 0 <= j <= 8;
            loop assigns j, v;
            loop variant 8 - j;
        */
        for (j = 0; j < AES128_SLICES; j++)
            v |= (uint32_t)((q[j] >> b) & 1u) << j;
        w[b] = (uint8_t)v;
    }
    aes_clear_slices(q);
}

int aes128_init(aes128_ctx *ctx, const uint8_t key[AES128_KEY_BYTES])
{
    /* FIPS-197 5.2: w[i] = w[i-4] ^ (i % 4 == 0 ? SubWord(RotWord(w[i-1]))
     * ^ Rcon[i/4] : w[i-1]), here one 16-byte round key at a time. */
    uint8_t rkb[AES128_BLOCK_BYTES];
    uint8_t tmp[4];
    uint8_t rcon = 1;
    size_t round, i, j;

    if (ctx == NULL || key == NULL)
        return AES128_E_NULL;
    /*@ loop invariant 0 <= i <= 16;
        loop invariant \initialized(rkb + (0 .. i - 1));
        loop assigns i, rkb[0 .. 15];
        loop variant 16 - i;
    */
    for (i = 0; i < AES128_BLOCK_BYTES; i++)
        rkb[i] = key[i];
    /*@ loop invariant 0 <= round <= AES128_ROUNDS + 1;
        loop invariant \initialized(rkb + (0 .. 15));
        loop invariant \initialized(&ctx->rk[0 .. AES128_SLICES * round - 1]);
        loop assigns round, i, j, rcon, tmp[0 .. 3], rkb[0 .. 15],
                     ctx->rk[0 .. AES128_RK_WORDS - 1];
        loop variant AES128_ROUNDS + 1 - round;
    */
    for (round = 0; round <= AES128_ROUNDS; round++) {
        uint64_t q[AES128_SLICES];
        if (round > 0) {
            tmp[0] = rkb[13];
            tmp[1] = rkb[14];
            tmp[2] = rkb[15];
            tmp[3] = rkb[12];
            aes_sub_word(tmp);
            tmp[0] = (uint8_t)(tmp[0] ^ rcon);
            /* Rcon doubles in GF(2^8); the public round counter, not a
             * secret, selects the reduction. */
            rcon = (uint8_t)((rcon << 1) ^ ((rcon >> 7) * 0x1Bu));
            /*@ loop invariant 0 <= i <= 16;
                loop invariant \initialized(rkb + (0 .. 15));
                loop invariant \initialized(tmp + (0 .. 3));
                loop assigns i, rkb[0 .. 15], tmp[0 .. 3];
                loop variant 16 - i;
            */
            for (i = 0; i < AES128_BLOCK_BYTES; i++) {
                rkb[i] = (uint8_t)(rkb[i] ^ tmp[i % 4]);
                tmp[i % 4] = rkb[i];
            }
        }
        aes_load_slices(q, rkb, 2);
        /*@ loop invariant 0 <= j <= 8;
            loop invariant \initialized(&ctx->rk[0 .. AES128_SLICES * round - 1]);
            loop invariant \initialized(&ctx->rk[AES128_SLICES * round ..
                                                 AES128_SLICES * round + j - 1]);
            loop assigns j, ctx->rk[AES128_SLICES * round ..
                                    AES128_SLICES * round + 7];
            loop variant 8 - j;
        */
        for (j = 0; j < AES128_SLICES; j++)
            ctx->rk[AES128_SLICES * round + j] = LANES(q[j] & 0xFFFFu);
        aes_clear_slices(q);
    }
    /*@ loop invariant 0 <= i <= 16;
        loop assigns i, rkb[0 .. 15];
        loop variant 16 - i;
    */
    for (i = 0; i < AES128_BLOCK_BYTES; i++)
        rkb[i] = 0;
    tmp[0] = tmp[1] = tmp[2] = tmp[3] = 0;
    KL_BARRIER(rkb);
    KL_BARRIER(tmp);
    return AES128_OK;
}

int aes128_encrypt_blocks(const aes128_ctx *ctx, const uint8_t *in,
                          uint8_t *out, size_t nblocks)
{
    uint64_t q[AES128_SLICES];
    size_t round;

    if (ctx == NULL || in == NULL || out == NULL)
        return AES128_E_NULL;
    if (nblocks < 1 || nblocks > AES128_MAX_BLOCKS)
        return AES128_E_NBLOCKS;
    aes_load_slices(q, in, 2 * nblocks);
    aes_add_round_key(q, ctx->rk, 0);
    /*@ loop invariant 1 <= round <= AES128_ROUNDS;
        loop invariant \initialized(q + (0 .. 7));
        loop assigns round, q[0 .. 7];
        loop variant AES128_ROUNDS - round;
    */
    for (round = 1; round < AES128_ROUNDS; round++) {
        aes_sbox_bs(q);
        aes_shift_rows(q);
        aes_mix_columns(q);
        aes_add_round_key(q, ctx->rk, round);
    }
    aes_sbox_bs(q);
    aes_shift_rows(q);
    aes_add_round_key(q, ctx->rk, AES128_ROUNDS);
    aes_store_slices(out, q, 2 * nblocks);
    aes_clear_slices(q);
    return AES128_OK;
}

int aes128_encrypt_block(const aes128_ctx *ctx,
                         const uint8_t in[AES128_BLOCK_BYTES],
                         uint8_t out[AES128_BLOCK_BYTES])
{
    /* Checked here too: WP uses the callee's global assigns at call sites. */
    if (ctx == NULL || in == NULL || out == NULL)
        return AES128_E_NULL;
    return aes128_encrypt_blocks(ctx, in, out, 1);
}

void aes128_wipe(aes128_ctx *ctx)
{
    size_t i;
    if (ctx == NULL)
        return;
    /*@ loop invariant 0 <= i <= AES128_RK_WORDS;
        loop invariant \forall integer k; 0 <= k < i ==> ctx->rk[k] == 0;
        loop assigns i, ctx->rk[0 .. AES128_RK_WORDS - 1];
        loop variant AES128_RK_WORDS - i;
    */
    for (i = 0; i < AES128_RK_WORDS; i++)
        ctx->rk[i] = 0;
    KL_BARRIER(ctx);
}

int aes128_encrypt(const uint8_t key[AES128_KEY_BYTES],
                   const uint8_t in[AES128_BLOCK_BYTES],
                   uint8_t out[AES128_BLOCK_BYTES])
{
    aes128_ctx ctx;
    int rc;
    if (key == NULL || in == NULL || out == NULL)
        return AES128_E_NULL;
    (void)aes128_init(&ctx, key);
    rc = aes128_encrypt_blocks(&ctx, in, out, 1);
    aes128_wipe(&ctx);
    return rc;
}
