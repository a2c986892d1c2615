/* milenage.c - MILENAGE f1..f5*, OPc, c2/c3 (TS 35.206 4.1, TS 33.102 6.8.1.2).
 *
 *   TEMP = E_K(RAND xor OPc)
 *   OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc,
 *          IN1 = SQN || AMF || SQN || AMF
 *   OUTk = E_K(rot(TEMP xor OPc, rk) xor ck) xor OPc,   k = 2..5
 *   f1 = OUT1[0..63]  f1* = OUT1[64..127]  f5 = OUT2[0..47]  f2 = OUT2[64..127]
 *   f3 = OUT3  f4 = OUT4  f5* = OUT5[0..47]
 *
 * Built from small helpers, each with its own contract, so that the
 * functional proof against spec/milenage.acsl only has to chain them.
 * Every intermediate value and the expanded key are wiped before returning.
 */
#include "milenage.h"
#include "aes128.h"

#define BLK MILENAGE_BLOCK_BYTES

/* out = y xor x, byte by byte.  The only place where C's ^ meets the spec's
 * ml_xor in the functional proofs.  The provers do not know that ^ commutes
 * and WP's simplifier orders the operands of ^ by variable name, so the
 * parameters are named so that its order is the spec's: with (y, x) the
 * postcondition proves, with (a, b) it does not (proofs/README.md). */
/*@ requires \valid(out + (0 .. 15));
    requires \valid_read(y + (0 .. 15)) && \initialized(y + (0 .. 15));
    requires \valid_read(x + (0 .. 15)) && \initialized(x + (0 .. 15));
    requires \separated(out + (0 .. 15), y + (0 .. 15));
    requires \separated(out + (0 .. 15), x + (0 .. 15));
    assigns out[0 .. 15];
    ensures \forall integer i; 0 <= i < 16 ==>
            out[i] == (uint8_t)(\old(y[i]) ^ \old(x[i]));
    ensures \forall integer i; 0 <= i < 16 ==>
            out[i] == ml_xor(\old(y[i]), \old(x[i]));
    ensures MLS_XOREQ16_OLD(out, y, x);
    ensures \initialized(out + (0 .. 15));
*/
static void ml_xor16(uint8_t *out, const uint8_t *y, const uint8_t *x)
{
    size_t i;
    /*@ loop invariant 0 <= i <= 16;
        loop invariant \forall integer j; 0 <= j < i ==>
                       out[j] == (uint8_t)(y[j] ^ x[j]);
        loop invariant \forall integer j; 0 <= j < i ==>
                       out[j] == ml_xor(y[j], x[j]);
        loop invariant \initialized(out + (0 .. i - 1));
        loop assigns i, out[0 .. 15];
        loop variant 16 - i;
    */
    for (i = 0; i < BLK; i++)
        out[i] = (uint8_t)(y[i] ^ x[i]);
    /*@ assert \forall integer j; 0 <= j < 16 ==> out[j] == ml_xor(y[j], x[j]); */
    /*@ assert MLS_XOREQ16(out, y, x); */
}

/* rot(x, r) of TS 35.206 4.1: x rotated by r bits towards the most
 * significant bit, so output byte i is bits 8i+r .. 8i+r+7 of x (mod 128).
 * Whole-byte rotations (every default r) take the plain byte path; `r` is a
 * public parameter, never a secret. */
/*@ requires r < MILENAGE_ROT_LIMIT;
    requires \valid(out + (0 .. 15));
    requires \valid_read(in + (0 .. 15)) && \initialized(in + (0 .. 15));
    requires \separated(out + (0 .. 15), in + (0 .. 15));
    assigns out[0 .. 15];
    ensures r % 8 == 0 ==> \forall integer i; 0 <= i < 16 ==>
            out[i] == \old(in[(i + r / 8) % 16]);
    ensures r % 8 == 0 ==> \forall integer i; 0 <= i < 16 ==>
            out[i] == ml_rot(MLS_OLD16(in), r, i);
    ensures \initialized(out + (0 .. 15));
*/
static void ml_rot128(uint8_t *out, const uint8_t *in, uint32_t r)
{
    uint32_t q = r / 8u, s = r % 8u;
    size_t i;
    if (s == 0) {
        /*@ loop invariant 0 <= i <= 16;
            loop invariant \forall integer j; 0 <= j < i ==>
                           out[j] == in[(j + q) % 16];
            loop invariant \initialized(out + (0 .. i - 1));
            loop assigns i, out[0 .. 15];
            loop variant 16 - i;
        */
        for (i = 0; i < BLK; i++)
            out[i] = in[(i + q) % BLK];
        /* Whole bytes: ml_rot reduces to a byte selection. */
        /*@ assert \forall integer i; 0 <= i < 16 ==>
                   out[i] == in[(i + r / 8) % 16]; */
        /*@ assert MLS_SEL_OK(in); */
        /*@ assert \forall integer m; 0 <= ml_sel(MLS_MEM16(in), m) <= 255; */
        /*@ assert r % 8 == 0 && ml_pow2(r % 8) == 1 &&
                   ml_pow2(8 - r % 8) == 256; */
        /*@ assert \forall integer i; 0 <= i < 16 ==>
                   0 <= (i + r / 8) % 16 < 16; */
        /*@ assert \forall integer i; 0 <= i < 16 ==>
                   ml_rot(MLS_MEM16(in), r, i) ==
                   ml_sel(MLS_MEM16(in), (i + r / 8) % 16); */
        /*@ assert \forall integer i; 0 <= i < 16 ==>
                   out[i] == ml_rot(MLS_MEM16(in), r, i); */
    } else {
        /*@ loop invariant 0 <= i <= 16;
            loop invariant \initialized(out + (0 .. i - 1));
            loop assigns i, out[0 .. 15];
            loop variant 16 - i;
        */
        for (i = 0; i < BLK; i++)
            out[i] = (uint8_t)(((uint32_t)in[(i + q) % BLK] << s) |
                               ((uint32_t)in[(i + q + 1u) % BLK] >> (8u - s)));
    }
}

/*@ requires \valid(p + (0 .. n - 1));
    assigns p[0 .. n - 1];
    ensures \forall integer i; 0 <= i < n ==> p[i] == 0;
    ensures \initialized(p + (0 .. n - 1));
*/
static void ml_wipe(uint8_t *p, size_t n)
{
    size_t i;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer j; 0 <= j < i ==> p[j] == 0;
        loop invariant \initialized(p + (0 .. i - 1));
        loop assigns i, p[0 .. n - 1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++)
        p[i] = 0;
    KL_BARRIER(p);
}

/*@ requires \valid(dst + (0 .. n - 1));
    requires \valid_read(src + (0 .. n - 1)) && \initialized(src + (0 .. n - 1));
    requires \separated(dst + (0 .. n - 1), src + (0 .. n - 1));
    assigns dst[0 .. n - 1];
    ensures \forall integer i; 0 <= i < n ==> dst[i] == \old(src[i]);
    ensures \initialized(dst + (0 .. n - 1));
*/
static void ml_copy(uint8_t *dst, const uint8_t *src, size_t n)
{
    size_t i;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer j; 0 <= j < i ==> dst[j] == src[j];
        loop invariant \initialized(dst + (0 .. i - 1));
        loop assigns i, dst[0 .. n - 1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++)
        dst[i] = src[i];
}

/*@ requires \valid(p);
    assigns p->c[0 .. MILENAGE_NOUT * 16 - 1], p->r[0 .. MILENAGE_NOUT - 1];
    ensures p->r[0] == 64 && p->r[1] == 0 && p->r[2] == 32 &&
            p->r[3] == 64 && p->r[4] == 96;
    ensures p->c[15] == 0 && p->c[31] == 1 && p->c[47] == 2 &&
            p->c[63] == 4 && p->c[79] == 8;
    ensures \forall integer i; 0 <= i < MILENAGE_NOUT * 16 && i % 16 != 15 ==>
            p->c[i] == 0;
    ensures \forall integer i; 0 <= i < MILENAGE_NOUT ==>
            p->r[i] < MILENAGE_ROT_LIMIT;
    ensures \initialized(&p->c[0 .. MILENAGE_NOUT * 16 - 1]);
    ensures \initialized(&p->r[0 .. MILENAGE_NOUT - 1]);
*/
static void ml_defaults(kl_milenage_params *p)
{
    size_t i;
    /*@ loop invariant 0 <= i <= MILENAGE_NOUT * 16;
        loop invariant \forall integer j; 0 <= j < i ==> p->c[j] == 0;
        loop invariant \initialized(&p->c[0 .. i - 1]);
        loop assigns i, p->c[0 .. MILENAGE_NOUT * 16 - 1];
        loop variant MILENAGE_NOUT * 16 - i;
    */
    for (i = 0; i < MILENAGE_NOUT * BLK; i++)
        p->c[i] = 0;
    /* TS 35.206 4.1: c2 = ..01, c3 = ..02, c4 = ..04, c5 = ..08. */
    p->c[BLK * 1 + 15] = 1;
    p->c[BLK * 2 + 15] = 2;
    p->c[BLK * 3 + 15] = 4;
    p->c[BLK * 4 + 15] = 8;
    p->r[0] = 64;
    p->r[1] = 0;
    p->r[2] = 32;
    p->r[3] = 64;
    p->r[4] = 96;
}

int kl_milenage_default_params(kl_milenage_params *p)
{
    if (p == NULL)
        return MILENAGE_E_NULL;
    ml_defaults(p);
    return MILENAGE_OK;
}

/*@ requires \valid_read(p) && \initialized(&p->r[0 .. MILENAGE_NOUT - 1]);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> (\forall integer i; 0 <= i < MILENAGE_NOUT ==>
                              p->r[i] < MILENAGE_ROT_LIMIT);
    ensures \result == 0 ==> !(\forall integer i; 0 <= i < MILENAGE_NOUT ==>
                               p->r[i] < MILENAGE_ROT_LIMIT);
*/
static int ml_params_valid(const kl_milenage_params *p)
{
    size_t i;
    /*@ loop invariant 0 <= i <= MILENAGE_NOUT;
        loop invariant \forall integer j; 0 <= j < i ==>
                       p->r[j] < MILENAGE_ROT_LIMIT;
        loop assigns i;
        loop variant MILENAGE_NOUT - i;
    */
    for (i = 0; i < MILENAGE_NOUT; i++)
        if (p->r[i] >= MILENAGE_ROT_LIMIT)
            return 0;
    return 1;
}

/* TEMP = E_K(RAND xor OPc). */
/*@ requires \valid_read(ctx) && \initialized(&ctx->rk[0 .. AES128_RK_WORDS - 1]);
    requires \valid_read(opc + (0 .. 15)) && \initialized(opc + (0 .. 15));
    requires \valid_read(rand + (0 .. 15)) && \initialized(rand + (0 .. 15));
    requires \valid(temp + (0 .. 15));
    requires \separated(temp + (0 .. 15), opc + (0 .. 15));
    requires \separated(temp + (0 .. 15), rand + (0 .. 15));
    requires \separated(temp + (0 .. 15), ctx);
    assigns temp[0 .. 15];
    ensures \forall integer i; 0 <= i < 16 ==>
            temp[i] == ml_temp(MLS_OLD16(ctx->key), MLS_OLD16(opc),
                               MLS_OLD16(rand), i);
    ensures MLS_MAPEQ16(temp, ml_temp, MLS_OLD16(ctx->key), MLS_OLD16(opc),
                        MLS_OLD16(rand));
    ensures \initialized(temp + (0 .. 15));
*/
static void ml_temp(const kl_aes128_ctx *ctx, const uint8_t *opc,
                    const uint8_t *rand, uint8_t *temp)
{
    uint8_t x[BLK];
    ml_xor16(x, rand, opc);
    /*@ assert MLS_SAME16(ctx->key); */
    /*@ assert ctx != \null && temp != \null; */
    (void)kl_aes128_encrypt_blocks(ctx, x, temp, 1);
    /*@ assert \forall integer i; 0 <= i < 16 ==>
               temp[i] == ml_temp(MLS_PRE16(ctx->key), MLS_PRE16(opc),
                                  MLS_PRE16(rand), i); */
    ml_wipe(x, BLK);
}

/* The AES input of OUTk, k = 2..5: rot(TEMP xor OPc, rk) xor ck. */
/*@ requires r < MILENAGE_ROT_LIMIT;
    requires \valid(blk + (0 .. 15));
    requires \valid_read(temp + (0 .. 15)) && \initialized(temp + (0 .. 15));
    requires \valid_read(opc + (0 .. 15)) && \initialized(opc + (0 .. 15));
    requires \valid_read(c + (0 .. 15)) && \initialized(c + (0 .. 15));
    requires \separated(blk + (0 .. 15), temp + (0 .. 15));
    requires \separated(blk + (0 .. 15), opc + (0 .. 15));
    requires \separated(blk + (0 .. 15), c + (0 .. 15));
    assigns blk[0 .. 15];
    ensures r % 8 == 0 ==> \forall integer i; 0 <= i < 16 ==>
            blk[i] == ml_outk_in(MLS_OLD16(temp), MLS_OLD16(opc), r,
                                 MLS_OLD16(c), i);
    ensures r % 8 == 0 ==>
            (MLS_MAPEQ16(blk, ml_outk_in, MLS_OLD16(temp), MLS_OLD16(opc), r,
                         MLS_OLD16(c)));
    ensures \initialized(blk + (0 .. 15));
*/
static void ml_outk_input(uint8_t *blk, const uint8_t *temp,
                          const uint8_t *opc, uint32_t r, const uint8_t *c)
{
    uint8_t tx[BLK], rot[BLK];
    /*@ assert MLS_SEL_OK(c); */
    ml_xor16(tx, temp, opc);
    /*@ assert MLS_XOREQ16(tx, temp, opc); */
    ml_rot128(rot, tx, r);
    /*@ assert r % 8 == 0 ==> \forall integer i; 0 <= i < 16 ==>
               rot[i] == ml_rot(MLS_XORM16(temp, opc), r, i); */
    /*@ assert MLS_SAME16(temp) && MLS_SAME16(opc) && MLS_SAME16(c); */
    ml_xor16(blk, rot, c);
    /*@ assert r % 8 == 0 ==> \forall integer i; 0 <= i < 16 ==>
               blk[i] == ml_outk_in(MLS_PRE16(temp), MLS_PRE16(opc), r,
                                    MLS_PRE16(c), i); */
    /*@ assert r % 8 == 0 ==>
               (MLS_MAPEQ16(blk, ml_outk_in, MLS_PRE16(temp), MLS_PRE16(opc), r,
                            MLS_PRE16(c))); */
    ml_wipe(tx, BLK);
    ml_wipe(rot, BLK);
}

/* IN1 = SQN || AMF || SQN || AMF (TS 35.206 4.1). */
/*@ requires \valid(in1 + (0 .. 15));
    requires \valid_read(sqn + (0 .. 5)) && \initialized(sqn + (0 .. 5));
    requires \valid_read(amf + (0 .. 1)) && \initialized(amf + (0 .. 1));
    requires \separated(in1 + (0 .. 15), sqn + (0 .. 5));
    requires \separated(in1 + (0 .. 15), amf + (0 .. 1));
    assigns in1[0 .. 15];
    ensures \forall integer i; 0 <= i < 6 ==>
            in1[i] == \old(sqn[i]) && in1[i + 8] == \old(sqn[i]);
    ensures in1[6] == \old(amf[0]) && in1[7] == \old(amf[1]);
    ensures in1[14] == \old(amf[0]) && in1[15] == \old(amf[1]);
    ensures \initialized(in1 + (0 .. 15));
*/
static void ml_in1(uint8_t *in1, const uint8_t *sqn, const uint8_t *amf)
{
    in1[0] = sqn[0];
    in1[1] = sqn[1];
    in1[2] = sqn[2];
    in1[3] = sqn[3];
    in1[4] = sqn[4];
    in1[5] = sqn[5];
    in1[6] = amf[0];
    in1[7] = amf[1];
    in1[8] = sqn[0];
    in1[9] = sqn[1];
    in1[10] = sqn[2];
    in1[11] = sqn[3];
    in1[12] = sqn[4];
    in1[13] = sqn[5];
    in1[14] = amf[0];
    in1[15] = amf[1];
}

/* The AES input of OUT1: TEMP xor rot(IN1 xor OPc, r1) xor c1. */
/*@ requires \valid_read(P) && \initialized(&P->c[0 .. MILENAGE_NOUT * 16 - 1]);
    requires \initialized(&P->r[0 .. MILENAGE_NOUT - 1]);
    requires P->r[0] < MILENAGE_ROT_LIMIT;
    requires \valid_read(opc + (0 .. 15)) && \initialized(opc + (0 .. 15));
    requires \valid_read(temp + (0 .. 15)) && \initialized(temp + (0 .. 15));
    requires \valid_read(sqn + (0 .. 5)) && \initialized(sqn + (0 .. 5));
    requires \valid_read(amf + (0 .. 1)) && \initialized(amf + (0 .. 1));
    requires \valid(blk + (0 .. 15));
    requires \separated(blk + (0 .. 15), opc + (0 .. 15));
    requires \separated(blk + (0 .. 15), temp + (0 .. 15));
    requires \separated(blk + (0 .. 15), sqn + (0 .. 5));
    requires \separated(blk + (0 .. 15), amf + (0 .. 1));
    requires \separated(blk + (0 .. 15), P);
    assigns blk[0 .. 15];
    ensures \old(P->r[0]) % 8 == 0 ==> \forall integer i; 0 <= i < 16 ==>
            blk[i] == ml_out1_in(MLS_OLD16(temp), MLS_OLD16(opc), MLS_OLD6(sqn),
                                 MLS_OLD2(amf), \old(P->r[0]),
                                 MLS_OLD16(P->c), i);
    ensures \old(P->r[0]) % 8 == 0 ==>
            (MLS_MAPEQ16(blk, ml_out1_in, MLS_OLD16(temp), MLS_OLD16(opc),
                         MLS_OLD6(sqn), MLS_OLD2(amf), \old(P->r[0]),
                         MLS_OLD16(P->c)));
    ensures \initialized(blk + (0 .. 15));
*/
static void ml_out1_input(uint8_t *blk, const kl_milenage_params *P,
                          const uint8_t *opc, const uint8_t *temp,
                          const uint8_t *sqn, const uint8_t *amf)
{
    uint8_t in1[BLK], a[BLK], b[BLK];
    /*@ assert MLS_SEL_OK(temp); */
    /*@ assert MLS_SEL_OK(P->c); */
    ml_in1(in1, sqn, amf);
    ml_xor16(a, in1, opc);
    /*@ assert MLS_IN1EQ16(a, sqn, amf, opc); */
    ml_rot128(b, a, P->r[0]);
    /*@ assert P->r[0] % 8 == 0 ==> \forall integer i; 0 <= i < 16 ==>
               b[i] == ml_rot(MLS_IN1XORM16(sqn, amf, opc), P->r[0], i); */
    ml_xor16(a, temp, b);
    ml_xor16(blk, a, P->c);
    /*@ assert P->r[0] % 8 == 0 ==> \forall integer i; 0 <= i < 16 ==>
               blk[i] == ml_out1_in(MLS_PRE16(temp), MLS_PRE16(opc),
                                    MLS_PRE6(sqn), MLS_PRE2(amf), P->r[0],
                                    MLS_PRE16(P->c), i); */
    /*@ assert P->r[0] % 8 == 0 ==>
               (MLS_MAPEQ16(blk, ml_out1_in, MLS_PRE16(temp), MLS_PRE16(opc),
                            MLS_PRE6(sqn), MLS_PRE2(amf), P->r[0],
                            MLS_PRE16(P->c))); */
    ml_wipe(in1, BLK);
    ml_wipe(a, BLK);
    ml_wipe(b, BLK);
}

/* E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1), into e; b is scratch space
 * (the AES input), wiped by the caller. */
#define ML_OUT1_REQ \
    requires \valid_read(ctx) && \initialized(&ctx->rk[0 .. AES128_RK_WORDS - 1]); \
    requires \valid_read(P) && \initialized(&P->c[0 .. MILENAGE_NOUT * 16 - 1]); \
    requires \initialized(&P->r[0 .. MILENAGE_NOUT - 1]); \
    requires P->r[0] < MILENAGE_ROT_LIMIT; \
    requires \valid_read(opc + (0 .. 15)) && \initialized(opc + (0 .. 15)); \
    requires \valid_read(temp + (0 .. 15)) && \initialized(temp + (0 .. 15)); \
    requires \valid_read(sqn + (0 .. 5)) && \initialized(sqn + (0 .. 5)); \
    requires \valid_read(amf + (0 .. 1)) && \initialized(amf + (0 .. 1));
/*@ ML_OUT1_REQ
    requires \valid(e + (0 .. 15)) && \valid(b + (0 .. 15));
    requires \separated(e + (0 .. 15), b + (0 .. 15));
    requires \separated(b + (0 .. 15), opc + (0 .. 15)) &&
             \separated(b + (0 .. 15), temp + (0 .. 15)) &&
             \separated(b + (0 .. 15), sqn + (0 .. 5)) &&
             \separated(b + (0 .. 15), amf + (0 .. 1)) &&
             \separated(b + (0 .. 15), P) && \separated(b + (0 .. 15), ctx);
    requires \separated(e + (0 .. 15), opc + (0 .. 15));
    requires \separated(e + (0 .. 15), ctx);
    assigns b[0 .. 15], e[0 .. 15];
    ensures \old(P->r[0]) % 8 == 0 ==> \forall integer i; 0 <= i < 16 ==>
            e[i] == ml_out1_e(MLS_OLD16(ctx->key), MLS_OLD16(temp),
                              MLS_OLD16(opc), MLS_OLD6(sqn), MLS_OLD2(amf),
                              \old(P->r[0]), MLS_OLD16(P->c), i);
    ensures \initialized(e + (0 .. 15));
*/
static void ml_out1_aes(const kl_aes128_ctx *ctx, const kl_milenage_params *P,
                        const uint8_t *opc, const uint8_t *temp,
                        const uint8_t *sqn, const uint8_t *amf, uint8_t *b,
                        uint8_t *e)
{
    ml_out1_input(b, P, opc, temp, sqn, amf);
    /*@ assert MLS_SAME16(ctx->key) && ctx != \null && e != \null; */
    (void)kl_aes128_encrypt_blocks(ctx, b, e, 1);
    /*@ assert P->r[0] % 8 == 0 ==> \forall integer i; 0 <= i < 16 ==>
               e[i] == ml_out1_e(MLS_PRE16(ctx->key), MLS_PRE16(temp),
                                 MLS_PRE16(opc), MLS_PRE6(sqn), MLS_PRE2(amf),
                                 P->r[0], MLS_PRE16(P->c), i); */
}

/* OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc. */
/*@ ML_OUT1_REQ
    requires \valid(out1 + (0 .. 15));
    requires \separated(out1 + (0 .. 15), opc + (0 .. 15));
    requires \separated(out1 + (0 .. 15), ctx);
    assigns out1[0 .. 15];
    ensures \old(P->r[0]) % 8 == 0 ==> \forall integer i; 0 <= i < 16 ==>
            out1[i] == ml_out1(MLS_OLD16(ctx->key), MLS_OLD16(temp),
                               MLS_OLD16(opc), MLS_OLD6(sqn), MLS_OLD2(amf),
                               \old(P->r[0]), MLS_OLD16(P->c), i);
    ensures \initialized(out1 + (0 .. 15));
*/
static void ml_out1(const kl_aes128_ctx *ctx, const kl_milenage_params *P,
                    const uint8_t *opc, const uint8_t *temp,
                    const uint8_t *sqn, const uint8_t *amf, uint8_t *out1)
{
    uint8_t a[BLK], b[BLK];
    /*@ assert MLS_SEL_OK(opc); */
    ml_out1_aes(ctx, P, opc, temp, sqn, amf, b, a);
    ml_xor16(out1, a, opc);
    ml_wipe(a, BLK);
    ml_wipe(b, BLK);
}

/* OUT2..OUT5 in one four-block AES pass: out[16(k-2) ..] = OUTk.  (Its
 * functional contract against spec/milenage.acsl is not proved yet: see
 * proofs/README.md.) */
/*@ requires \valid_read(ctx) && \initialized(&ctx->rk[0 .. AES128_RK_WORDS - 1]);
    requires \valid_read(P) && \initialized(&P->c[0 .. MILENAGE_NOUT * 16 - 1]);
    requires \initialized(&P->r[0 .. MILENAGE_NOUT - 1]);
    requires \forall integer i; 0 <= i < MILENAGE_NOUT ==>
             P->r[i] < MILENAGE_ROT_LIMIT;
    requires \valid_read(opc + (0 .. 15)) && \initialized(opc + (0 .. 15));
    requires \valid_read(temp + (0 .. 15)) && \initialized(temp + (0 .. 15));
    requires \valid(out + (0 .. 63));
    requires \separated(out + (0 .. 63), opc + (0 .. 15));
    requires \separated(out + (0 .. 63), temp + (0 .. 15));
    requires \separated(out + (0 .. 63), ctx);
    requires \separated(out + (0 .. 63), P);
    assigns out[0 .. 63];
    ensures \initialized(out + (0 .. 63));
*/
static void ml_out2345(const kl_aes128_ctx *ctx, const kl_milenage_params *P,
                       const uint8_t *opc, const uint8_t *temp, uint8_t *out)
{
    uint8_t blk[4 * BLK];
    uint8_t i2[BLK], i3[BLK], i4[BLK], i5[BLK];
    size_t i;
    ml_outk_input(i2, temp, opc, P->r[1], P->c + BLK);
    ml_outk_input(i3, temp, opc, P->r[2], P->c + 2 * BLK);
    ml_outk_input(i4, temp, opc, P->r[3], P->c + 3 * BLK);
    ml_outk_input(i5, temp, opc, P->r[4], P->c + 4 * BLK);
    /* One four-block AES pass: block j is the input of OUT(j+2).  Filled and
     * read back element by element on the buffers' own base addresses: WP 25
     * + CVC4 do not carry "initialized" facts from a callee's shifted
     * pointer (blk + 16) back to ranges of blk. */
    /*@ loop invariant 0 <= i <= 16;
        loop invariant \initialized(blk + (0 .. i - 1));
        loop invariant \initialized(blk + (16 .. 16 + i - 1));
        loop invariant \initialized(blk + (32 .. 32 + i - 1));
        loop invariant \initialized(blk + (48 .. 48 + i - 1));
        loop assigns i, blk[0 .. 63];
        loop variant 16 - i;
    */
    for (i = 0; i < BLK; i++) {
        blk[i] = i2[i];
        blk[BLK + i] = i3[i];
        blk[2 * BLK + i] = i4[i];
        blk[3 * BLK + i] = i5[i];
    }
    (void)kl_aes128_encrypt_blocks(ctx, blk, blk, 4);
    /*@ loop invariant 0 <= i <= 16;
        loop invariant \initialized(out + (0 .. i - 1));
        loop invariant \initialized(out + (16 .. 16 + i - 1));
        loop invariant \initialized(out + (32 .. 32 + i - 1));
        loop invariant \initialized(out + (48 .. 48 + i - 1));
        loop assigns i, out[0 .. 63];
        loop variant 16 - i;
    */
    for (i = 0; i < BLK; i++) {
        out[i] = (uint8_t)(blk[i] ^ opc[i]);
        out[BLK + i] = (uint8_t)(blk[BLK + i] ^ opc[i]);
        out[2 * BLK + i] = (uint8_t)(blk[2 * BLK + i] ^ opc[i]);
        out[3 * BLK + i] = (uint8_t)(blk[3 * BLK + i] ^ opc[i]);
    }
    ml_wipe(blk, 4 * BLK);
    ml_wipe(i2, BLK);
    ml_wipe(i3, BLK);
    ml_wipe(i4, BLK);
    ml_wipe(i5, BLK);
}

int kl_milenage_opc(const uint8_t k[MILENAGE_KEY_BYTES],
                 const uint8_t op[MILENAGE_BLOCK_BYTES],
                 uint8_t opc[MILENAGE_BLOCK_BYTES])
{
    kl_aes128_ctx ctx;
    uint8_t e[BLK];
    if (k == NULL || op == NULL || opc == NULL)
        return MILENAGE_E_NULL;
    /*@ assert MLS_SEL_OK(op); */
    (void)kl_aes128_init(&ctx, k);
    /*@ assert MLS_EQ16_PRE(ctx.key, k) && MLS_SAME16(op); */
    (void)kl_aes128_encrypt_blocks(&ctx, op, e, 1);
    /*@ assert \forall integer i; 0 <= i < 16 ==>
               e[i] == AESb(MLS_PRE16(k), MLS_PRE16(op), i); */
    kl_aes128_wipe(&ctx);
    ml_xor16(opc, e, op);
    /*@ assert \initialized(opc + (0 .. 15)); */
    /*@ assert \forall integer i; 0 <= i < 16 ==>
               opc[i] == ml_opc(MLS_PRE16(k), MLS_PRE16(op), i); */
    ml_wipe(e, BLK);
    return MILENAGE_OK;
}

/* The computations proper, on arguments already checked: P valid with every
 * rotation below 128, every pointer valid.  The public functions below only
 * check their arguments and pick the parameter set. */
#define ML_PARAMS_READY(P) (\valid_read(P) && \
        \initialized(&(P)->c[0 .. MILENAGE_NOUT * 16 - 1]) && \
        \initialized(&(P)->r[0 .. MILENAGE_NOUT - 1]) && \
        (\forall integer i; 0 <= i < MILENAGE_NOUT ==> \
             (P)->r[i] < MILENAGE_ROT_LIMIT))
#define ML_IN(p, n) (\valid_read((p) + (0 .. (n) - 1)) && \
                     \initialized((p) + (0 .. (n) - 1)))

/*@ requires ML_PARAMS_READY(P);
    requires ML_IN(k, 16) && ML_IN(opc, 16) && ML_IN(rand, 16);
    requires ML_IN(sqn, 6) && ML_IN(amf, 2);
    requires \valid(mac_a + (0 .. 7)) && \valid(mac_s + (0 .. 7));
    requires \separated(mac_a + (0 .. 7), mac_s + (0 .. 7));
    assigns mac_a[0 .. 7], mac_s[0 .. 7];
    ensures ML_WHOLE(P, 1) ==> \forall integer i; 0 <= i < 8 ==>
            mac_a[i] == ml_f1(ML_KOR(k, opc, rand), ML_SA(sqn, amf),
                              ML_RC(P, 1), i) &&
            mac_s[i] == ml_f1star(ML_KOR(k, opc, rand), ML_SA(sqn, amf),
                                  ML_RC(P, 1), i);
    ensures \initialized(mac_a + (0 .. 7));
    ensures \initialized(mac_s + (0 .. 7));
*/
static void ml_f1_body(const kl_milenage_params *P, const uint8_t *k,
                       const uint8_t *opc, const uint8_t *rand,
                       const uint8_t *sqn, const uint8_t *amf, uint8_t *mac_a,
                       uint8_t *mac_s)
{
    kl_aes128_ctx ctx;
    uint8_t temp[BLK], out1[BLK];
    (void)kl_aes128_init(&ctx, k);
    /*@ assert MLS_EQ16_PRE(ctx.key, k); */
    ml_temp(&ctx, opc, rand, temp);
    /*@ assert MLS_MAPEQ16(temp, ml_temp, ML_KOR_PRE(k, opc, rand)); */
    /*@ assert MLS_EQ16_PRE(ctx.key, k) && MLS_SAME16(opc) && MLS_SAME6(sqn) &&
               MLS_SAME2(amf) && MLS_SAME16(P->c); */
    ml_out1(&ctx, P, opc, temp, sqn, amf, out1);
    /*@ assert \at(P->r[0], Pre) % 8 == 0 ==> \forall integer i; 0 <= i < 16 ==>
               out1[i] == ml_OUT1(ML_KOR_PRE(k, opc, rand), ML_SA_PRE(sqn, amf),
                                  ML_RC_PRE(P, 1), i); */
    kl_aes128_wipe(&ctx);
    ml_copy(mac_a, out1, MILENAGE_MAC_BYTES);      /* OUT1[0..63]   */
    ml_copy(mac_s, out1 + 8, MILENAGE_MAC_BYTES);  /* OUT1[64..127] */
    /*@ assert \initialized(mac_a + (0 .. 7)) &&
               \initialized(mac_s + (0 .. 7)); */
    /*@ assert \at(P->r[0], Pre) % 8 == 0 ==> \forall integer i; 0 <= i < 8 ==>
               mac_a[i] == ml_f1(ML_KOR_PRE(k, opc, rand), ML_SA_PRE(sqn, amf),
                                 ML_RC_PRE(P, 1), i) &&
               mac_s[i] == ml_f1star(ML_KOR_PRE(k, opc, rand),
                                     ML_SA_PRE(sqn, amf), ML_RC_PRE(P, 1), i); */
    ml_wipe(temp, BLK);
    ml_wipe(out1, BLK);
}

/*@ requires ML_PARAMS_READY(P);
    requires ML_IN(k, 16) && ML_IN(opc, 16) && ML_IN(rand, 16);
    requires \valid(res + (0 .. 7)) && \valid(ck + (0 .. 15)) &&
             \valid(ik + (0 .. 15)) && \valid(ak + (0 .. 5)) &&
             \valid(ak_star + (0 .. 5));
    requires \separated(res + (0 .. 7), ck + (0 .. 15), ik + (0 .. 15),
                        ak + (0 .. 5), ak_star + (0 .. 5));
    assigns res[0 .. 7], ck[0 .. 15], ik[0 .. 15], ak[0 .. 5], ak_star[0 .. 5];
    ensures \initialized(res + (0 .. 7));
    ensures \initialized(ck + (0 .. 15));
    ensures \initialized(ik + (0 .. 15));
    ensures \initialized(ak + (0 .. 5));
    ensures \initialized(ak_star + (0 .. 5));
*/
static void ml_f2345_body(const kl_milenage_params *P, const uint8_t *k,
                          const uint8_t *opc, const uint8_t *rand,
                          uint8_t *res, uint8_t *ck, uint8_t *ik, uint8_t *ak,
                          uint8_t *ak_star)
{
    kl_aes128_ctx ctx;
    uint8_t temp[BLK], out[4 * BLK];
    (void)kl_aes128_init(&ctx, k);
    ml_temp(&ctx, opc, rand, temp);
    ml_out2345(&ctx, P, opc, temp, out);
    kl_aes128_wipe(&ctx);
    ml_copy(ak, out, MILENAGE_AK_BYTES);                /* OUT2[0..47]   */
    /*@ assert \initialized(ak + (0 .. 5)); */
    ml_copy(res, out + 8, MILENAGE_RES_BYTES);          /* OUT2[64..127] */
    /*@ assert \initialized(res + (0 .. 7)); */
    ml_copy(ck, out + BLK, MILENAGE_CK_BYTES);          /* OUT3          */
    /*@ assert \initialized(ck + (0 .. 15)); */
    ml_copy(ik, out + 2 * BLK, MILENAGE_IK_BYTES);      /* OUT4          */
    /*@ assert \initialized(ik + (0 .. 15)); */
    ml_copy(ak_star, out + 3 * BLK, MILENAGE_AK_BYTES); /* OUT5[0..47]   */
    /*@ assert \initialized(ak_star + (0 .. 5)); */
    ml_wipe(temp, BLK);
    ml_wipe(out, 4 * BLK);
}

/*@ requires ML_PARAMS_READY(P);
    requires ML_IN(k, 16) && ML_IN(opc, 16) && ML_IN(rand, 16);
    requires ML_IN(sqn, 6) && ML_IN(amf, 2);
    requires \valid(out);
    assigns *out;
    ensures \initialized(&out->mac_a[0 .. 7]);
    ensures \initialized(&out->mac_s[0 .. 7]);
    ensures \initialized(&out->res[0 .. 7]);
    ensures \initialized(&out->ck[0 .. 15]);
    ensures \initialized(&out->ik[0 .. 15]);
    ensures \initialized(&out->ak[0 .. 5]);
    ensures \initialized(&out->ak_star[0 .. 5]);
*/
static void ml_generate_body(const kl_milenage_params *P, const uint8_t *k,
                             const uint8_t *opc, const uint8_t *rand,
                             const uint8_t *sqn, const uint8_t *amf,
                             kl_milenage_out *out)
{
    kl_aes128_ctx ctx;
    uint8_t temp[BLK], out1[BLK], o[4 * BLK];
    (void)kl_aes128_init(&ctx, k);
    ml_temp(&ctx, opc, rand, temp);
    ml_out1(&ctx, P, opc, temp, sqn, amf, out1);
    ml_out2345(&ctx, P, opc, temp, o);
    kl_aes128_wipe(&ctx);
    ml_copy(out->mac_a, out1, MILENAGE_MAC_BYTES);       /* f1  = OUT1[0..63]   */
    /*@ assert \initialized(&out->mac_a[0 .. 7]); */
    ml_copy(out->mac_s, out1 + 8, MILENAGE_MAC_BYTES);   /* f1* = OUT1[64..127] */
    /*@ assert \initialized(&out->mac_s[0 .. 7]); */
    ml_copy(out->ak, o, MILENAGE_AK_BYTES);              /* f5  = OUT2[0..47]   */
    /*@ assert \initialized(&out->ak[0 .. 5]); */
    ml_copy(out->res, o + 8, MILENAGE_RES_BYTES);        /* f2  = OUT2[64..127] */
    /*@ assert \initialized(&out->res[0 .. 7]); */
    ml_copy(out->ck, o + BLK, MILENAGE_CK_BYTES);        /* f3  = OUT3          */
    /*@ assert \initialized(&out->ck[0 .. 15]); */
    ml_copy(out->ik, o + 2 * BLK, MILENAGE_IK_BYTES);    /* f4  = OUT4          */
    /*@ assert \initialized(&out->ik[0 .. 15]); */
    ml_copy(out->ak_star, o + 3 * BLK, MILENAGE_AK_BYTES); /* f5* = OUT5[0..47] */
    /*@ assert \initialized(&out->ak_star[0 .. 5]); */
    ml_wipe(temp, BLK);
    ml_wipe(out1, BLK);
    ml_wipe(o, 4 * BLK);
}

int kl_milenage_f1(const kl_milenage_params *p, const uint8_t k[MILENAGE_KEY_BYTES],
                const uint8_t opc[MILENAGE_BLOCK_BYTES],
                const uint8_t rand[MILENAGE_RAND_BYTES],
                const uint8_t sqn[MILENAGE_SQN_BYTES],
                const uint8_t amf[MILENAGE_AMF_BYTES],
                uint8_t mac_a[MILENAGE_MAC_BYTES],
                uint8_t mac_s[MILENAGE_MAC_BYTES])
{
    kl_milenage_params defaults;
    if (k == NULL || opc == NULL || rand == NULL || sqn == NULL ||
        amf == NULL || mac_a == NULL || mac_s == NULL)
        return MILENAGE_E_NULL;
    if (p == NULL) {
        ml_defaults(&defaults);
        ml_f1_body(&defaults, k, opc, rand, sqn, amf, mac_a, mac_s);
        return MILENAGE_OK;
    }
    if (!ml_params_valid(p))
        return MILENAGE_E_PARAM;
    ml_f1_body(p, k, opc, rand, sqn, amf, mac_a, mac_s);
    return MILENAGE_OK;
}

int kl_milenage_f2345(const kl_milenage_params *p,
                   const uint8_t k[MILENAGE_KEY_BYTES],
                   const uint8_t opc[MILENAGE_BLOCK_BYTES],
                   const uint8_t rand[MILENAGE_RAND_BYTES],
                   uint8_t res[MILENAGE_RES_BYTES],
                   uint8_t ck[MILENAGE_CK_BYTES],
                   uint8_t ik[MILENAGE_IK_BYTES],
                   uint8_t ak[MILENAGE_AK_BYTES],
                   uint8_t ak_star[MILENAGE_AK_BYTES])
{
    kl_milenage_params defaults;
    if (k == NULL || opc == NULL || rand == NULL || res == NULL ||
        ck == NULL || ik == NULL || ak == NULL || ak_star == NULL)
        return MILENAGE_E_NULL;
    if (p == NULL) {
        ml_defaults(&defaults);
        ml_f2345_body(&defaults, k, opc, rand, res, ck, ik, ak, ak_star);
        return MILENAGE_OK;
    }
    if (!ml_params_valid(p))
        return MILENAGE_E_PARAM;
    ml_f2345_body(p, k, opc, rand, res, ck, ik, ak, ak_star);
    return MILENAGE_OK;
}

int kl_milenage_generate(const kl_milenage_params *p,
                      const uint8_t k[MILENAGE_KEY_BYTES],
                      const uint8_t opc[MILENAGE_BLOCK_BYTES],
                      const uint8_t rand[MILENAGE_RAND_BYTES],
                      const uint8_t sqn[MILENAGE_SQN_BYTES],
                      const uint8_t amf[MILENAGE_AMF_BYTES],
                      kl_milenage_out *out)
{
    kl_milenage_params defaults;
    if (k == NULL || opc == NULL || rand == NULL || sqn == NULL ||
        amf == NULL || out == NULL)
        return MILENAGE_E_NULL;
    if (p == NULL) {
        ml_defaults(&defaults);
        ml_generate_body(&defaults, k, opc, rand, sqn, amf, out);
        return MILENAGE_OK;
    }
    if (!ml_params_valid(p))
        return MILENAGE_E_PARAM;
    ml_generate_body(p, k, opc, rand, sqn, amf, out);
    return MILENAGE_OK;
}

/*@ requires ML_IN(res, 8) && \valid(sres + (0 .. 3));
    requires \separated(sres + (0 .. 3), res + (0 .. 7));
    assigns sres[0 .. 3];
    ensures \forall integer i; 0 <= i < 4 ==>
            sres[i] == (uint8_t)(\old(res[i]) ^ \old(res[i + 4]));
    ensures \initialized(sres + (0 .. 3));
*/
static void ml_c2(const uint8_t *res, uint8_t *sres)
{
    size_t i;
    /*@ loop invariant 0 <= i <= 4;
        loop invariant \forall integer j; 0 <= j < i ==>
                       sres[j] == (uint8_t)(res[j] ^ res[j + 4]);
        loop invariant \initialized(sres + (0 .. i - 1));
        loop assigns i, sres[0 .. 3];
        loop variant 4 - i;
    */
    for (i = 0; i < 4; i++)
        sres[i] = (uint8_t)(res[i] ^ res[i + 4]);
}

/*@ requires ML_IN(ck, 16) && ML_IN(ik, 16) && \valid(kc + (0 .. 7));
    requires \separated(kc + (0 .. 7), ck + (0 .. 15));
    requires \separated(kc + (0 .. 7), ik + (0 .. 15));
    assigns kc[0 .. 7];
    ensures \forall integer i; 0 <= i < 8 ==>
            kc[i] == (uint8_t)(\old(ck[i]) ^ \old(ck[i + 8]) ^
                               \old(ik[i]) ^ \old(ik[i + 8]));
    ensures \initialized(kc + (0 .. 7));
*/
static void ml_c3(const uint8_t *ck, const uint8_t *ik, uint8_t *kc)
{
    size_t i;
    /*@ loop invariant 0 <= i <= 8;
        loop invariant \forall integer j; 0 <= j < i ==>
                       kc[j] == (uint8_t)(ck[j] ^ ck[j + 8] ^ ik[j] ^ ik[j + 8]);
        loop invariant \initialized(kc + (0 .. i - 1));
        loop assigns i, kc[0 .. 7];
        loop variant 8 - i;
    */
    for (i = 0; i < 8; i++)
        kc[i] = (uint8_t)(ck[i] ^ ck[i + 8] ^ ik[i] ^ ik[i + 8]);
}

int kl_milenage_c2(const uint8_t res[MILENAGE_RES_BYTES],
                   uint8_t sres[MILENAGE_SRES_BYTES])
{
    if (res == NULL || sres == NULL)
        return MILENAGE_E_NULL;
    ml_c2(res, sres);
    return MILENAGE_OK;
}

int kl_milenage_c3(const uint8_t ck[MILENAGE_CK_BYTES],
                   const uint8_t ik[MILENAGE_IK_BYTES],
                   uint8_t kc[MILENAGE_KC_BYTES])
{
    if (ck == NULL || ik == NULL || kc == NULL)
        return MILENAGE_E_NULL;
    ml_c3(ck, ik, kc);
    return MILENAGE_OK;
}

/*@ requires ML_PARAMS_READY(P);
    requires ML_IN(k, 16) && ML_IN(opc, 16) && ML_IN(rand, 16);
    requires \valid(sres + (0 .. 3)) && \valid(kc + (0 .. 7));
    requires \separated(sres + (0 .. 3), kc + (0 .. 7));
    assigns sres[0 .. 3], kc[0 .. 7];
    ensures \initialized(sres + (0 .. 3)) && \initialized(kc + (0 .. 7));
*/
static void ml_gsm_body(const kl_milenage_params *P, const uint8_t *k,
                        const uint8_t *opc, const uint8_t *rand, uint8_t *sres,
                        uint8_t *kc)
{
    uint8_t res[MILENAGE_RES_BYTES], ck[BLK], ik[BLK];
    uint8_t ak[MILENAGE_AK_BYTES], ak_star[MILENAGE_AK_BYTES];
    ml_f2345_body(P, k, opc, rand, res, ck, ik, ak, ak_star);
    ml_c2(res, sres);
    ml_c3(ck, ik, kc);
    ml_wipe(res, MILENAGE_RES_BYTES);
    ml_wipe(ck, BLK);
    ml_wipe(ik, BLK);
    ml_wipe(ak, MILENAGE_AK_BYTES);
    ml_wipe(ak_star, MILENAGE_AK_BYTES);
}

int kl_milenage_gsm(const kl_milenage_params *p, const uint8_t k[MILENAGE_KEY_BYTES],
                 const uint8_t opc[MILENAGE_BLOCK_BYTES],
                 const uint8_t rand[MILENAGE_RAND_BYTES],
                 uint8_t sres[MILENAGE_SRES_BYTES],
                 uint8_t kc[MILENAGE_KC_BYTES])
{
    kl_milenage_params defaults;
    if (k == NULL || opc == NULL || rand == NULL || sres == NULL || kc == NULL)
        return MILENAGE_E_NULL;
    if (p == NULL) {
        ml_defaults(&defaults);
        ml_gsm_body(&defaults, k, opc, rand, sres, kc);
        return MILENAGE_OK;
    }
    if (!ml_params_valid(p))
        return MILENAGE_E_PARAM;
    ml_gsm_body(p, k, opc, rand, sres, kc);
    return MILENAGE_OK;
}
