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
 * OUT2..OUT5 take one four-block AES pass (kl_aes4_encrypt, core/aes4.c);
 * copies and wipes are the shared byte helpers of core/bytes.c.  Every
 * intermediate value and the expanded key are wiped before returning.
 */
#include "milenage.h"
#include "aes128.h"
#include "aes4.h"
#include "bytes.h"

#define BLK KL_MILENAGE_BLOCK_BYTES

/* ACSL shorthands: a parameter set ready for use (every rotation below 128)
 * and a readable, initialised input of n bytes. */
#define ML_PARAMS_READY(P) (\valid_read(P) && \
        \initialized(&(P)->c[0 .. KL_MILENAGE_NOUT * 16 - 1]) && \
        \initialized(&(P)->r[0 .. KL_MILENAGE_NOUT - 1]) && \
        (\forall integer i; 0 <= i < KL_MILENAGE_NOUT ==> \
             (P)->r[i] < KL_MILENAGE_ROT_LIMIT))

/* out = y xor x, byte by byte.  The only place where C's ^ meets the spec's
 * ml_xor in the functional proofs.  The provers do not know that ^ commutes
 * and WP's simplifier orders the operands of ^ by variable name, so the
 * parameters are named so that its order is the spec's: with (y, x) the
 * postcondition proves, with (a, b) it does not (proofs/README.md). */
/*@ requires valid_out: \valid(out + (0 .. 15));
    requires in_y: \valid_read(y + (0 .. 15)) && \initialized(y + (0 .. 15));
    requires in_x: \valid_read(x + (0 .. 15)) && \initialized(x + (0 .. 15));
    requires sep_out_y: \separated(out + (0 .. 15), y + (0 .. 15));
    requires sep_out_x: \separated(out + (0 .. 15), x + (0 .. 15));
    terminates \true;
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
/*@ requires range_r: r < KL_MILENAGE_ROT_LIMIT;
    requires valid_out: \valid(out + (0 .. 15));
    requires in_in: \valid_read(in + (0 .. 15)) && \initialized(in + (0 .. 15));
    requires sep_out_in: \separated(out + (0 .. 15), in + (0 .. 15));
    terminates \true;
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

/*@ requires valid_p: \valid(p);
    terminates \true;
    assigns p->c[0 .. KL_MILENAGE_NOUT * 16 - 1], p->r[0 .. KL_MILENAGE_NOUT - 1];
    ensures p->r[0] == 64 && p->r[1] == 0 && p->r[2] == 32 &&
            p->r[3] == 64 && p->r[4] == 96;
    ensures p->c[15] == 0 && p->c[31] == 1 && p->c[47] == 2 &&
            p->c[63] == 4 && p->c[79] == 8;
    ensures \forall integer i; 0 <= i < KL_MILENAGE_NOUT * 16 && i % 16 != 15 ==>
            p->c[i] == 0;
    ensures \forall integer i; 0 <= i < KL_MILENAGE_NOUT ==>
            p->r[i] < KL_MILENAGE_ROT_LIMIT;
    ensures \initialized(&p->c[0 .. KL_MILENAGE_NOUT * 16 - 1]);
    ensures \initialized(&p->r[0 .. KL_MILENAGE_NOUT - 1]);
*/
static void ml_defaults(kl_milenage_params *p)
{
    size_t i;
    /*@ loop invariant 0 <= i <= KL_MILENAGE_NOUT * 16;
        loop invariant \forall integer j; 0 <= j < i ==> p->c[j] == 0;
        loop invariant \initialized(&p->c[0 .. i - 1]);
        loop assigns i, p->c[0 .. KL_MILENAGE_NOUT * 16 - 1];
        loop variant KL_MILENAGE_NOUT * 16 - i;
    */
    for (i = 0; i < KL_MILENAGE_NOUT * BLK; i++)
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
        return KL_MILENAGE_E_NULL;
    ml_defaults(p);
    return KL_MILENAGE_OK;
}

/*@ requires in_p: \valid_read(p) && \initialized(&p->r[0 .. KL_MILENAGE_NOUT - 1]);
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> (\forall integer i; 0 <= i < KL_MILENAGE_NOUT ==>
                              p->r[i] < KL_MILENAGE_ROT_LIMIT);
    ensures \result == 0 ==> !(\forall integer i; 0 <= i < KL_MILENAGE_NOUT ==>
                               p->r[i] < KL_MILENAGE_ROT_LIMIT);
*/
static int ml_params_valid(const kl_milenage_params *p)
{
    size_t i;
    /*@ loop invariant 0 <= i <= KL_MILENAGE_NOUT;
        loop invariant \forall integer j; 0 <= j < i ==>
                       p->r[j] < KL_MILENAGE_ROT_LIMIT;
        loop assigns i;
        loop variant KL_MILENAGE_NOUT - i;
    */
    for (i = 0; i < KL_MILENAGE_NOUT; i++)
        if (p->r[i] >= KL_MILENAGE_ROT_LIMIT)
            return 0;
    return 1;
}

/* TEMP = E_K(RAND xor OPc). */
/*@ requires in_ctx: \valid_read(ctx) && \initialized(&ctx->rk[0 .. KL_AES128_RK_WORDS - 1]);
    requires in_opc: \valid_read(opc + (0 .. 15)) && \initialized(opc + (0 .. 15));
    requires in_rand: \valid_read(rand + (0 .. 15)) && \initialized(rand + (0 .. 15));
    requires valid_temp: \valid(temp + (0 .. 15));
    requires sep_temp_opc: \separated(temp + (0 .. 15), opc + (0 .. 15));
    requires sep_temp_rand: \separated(temp + (0 .. 15), rand + (0 .. 15));
    requires sep_temp_ctx: \separated(temp + (0 .. 15), ctx);
    terminates \true;
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
    (void)kl_aes128_encrypt_block(ctx, x, temp);
    /*@ assert \forall integer i; 0 <= i < 16 ==>
               temp[i] == ml_temp(MLS_PRE16(ctx->key), MLS_PRE16(opc),
                                  MLS_PRE16(rand), i); */
    kl_bytes_wipe(x, BLK);
}

/* The AES input of OUTk, k = 2..5: rot(TEMP xor OPc, rk) xor ck. */
/*@ requires range_r: r < KL_MILENAGE_ROT_LIMIT;
    requires valid_blk: \valid(blk + (0 .. 15));
    requires in_temp: \valid_read(temp + (0 .. 15)) && \initialized(temp + (0 .. 15));
    requires in_opc: \valid_read(opc + (0 .. 15)) && \initialized(opc + (0 .. 15));
    requires in_c: \valid_read(c + (0 .. 15)) && \initialized(c + (0 .. 15));
    requires sep_blk_temp: \separated(blk + (0 .. 15), temp + (0 .. 15));
    requires sep_blk_opc: \separated(blk + (0 .. 15), opc + (0 .. 15));
    requires sep_blk_c: \separated(blk + (0 .. 15), c + (0 .. 15));
    terminates \true;
    assigns blk[0 .. 15];
    ensures r % 8 == 0 ==> \forall integer i; 0 <= i < 16 ==>
            blk[i] == ml_outk_in(MLS_OLD16(temp), MLS_OLD16(opc), r,
                                 MLS_OLD16(c), i);
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
    kl_bytes_wipe(tx, BLK);
    kl_bytes_wipe(rot, BLK);
}

/* IN1 = SQN || AMF || SQN || AMF (TS 35.206 4.1). */
/*@ requires valid_in1: \valid(in1 + (0 .. 15));
    requires in_sqn: \valid_read(sqn + (0 .. 5)) && \initialized(sqn + (0 .. 5));
    requires in_amf: \valid_read(amf + (0 .. 1)) && \initialized(amf + (0 .. 1));
    requires sep_in1_sqn: \separated(in1 + (0 .. 15), sqn + (0 .. 5));
    requires sep_in1_amf: \separated(in1 + (0 .. 15), amf + (0 .. 1));
    terminates \true;
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
/*@ requires in_P: \valid_read(P) && \initialized(&P->c[0 .. KL_MILENAGE_NOUT * 16 - 1]);
    requires init_P_r: \initialized(&P->r[0 .. KL_MILENAGE_NOUT - 1]);
    requires range_r1: P->r[0] < KL_MILENAGE_ROT_LIMIT;
    requires in_opc: \valid_read(opc + (0 .. 15)) && \initialized(opc + (0 .. 15));
    requires in_temp: \valid_read(temp + (0 .. 15)) && \initialized(temp + (0 .. 15));
    requires in_sqn: \valid_read(sqn + (0 .. 5)) && \initialized(sqn + (0 .. 5));
    requires in_amf: \valid_read(amf + (0 .. 1)) && \initialized(amf + (0 .. 1));
    requires valid_blk: \valid(blk + (0 .. 15));
    requires sep_blk_opc: \separated(blk + (0 .. 15), opc + (0 .. 15));
    requires sep_blk_temp: \separated(blk + (0 .. 15), temp + (0 .. 15));
    requires sep_blk_sqn: \separated(blk + (0 .. 15), sqn + (0 .. 5));
    requires sep_blk_amf: \separated(blk + (0 .. 15), amf + (0 .. 1));
    requires sep_blk_P: \separated(blk + (0 .. 15), P);
    terminates \true;
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
    kl_bytes_wipe(in1, BLK);
    kl_bytes_wipe(a, BLK);
    kl_bytes_wipe(b, BLK);
}

/* E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1), into e; b is scratch space
 * (the AES input), wiped by the caller. */
#define ML_OUT1_REQ \
    requires in_ctx: \valid_read(ctx) && \initialized(&ctx->rk[0 .. KL_AES128_RK_WORDS - 1]); \
    requires in_P: \valid_read(P) && \initialized(&P->c[0 .. KL_MILENAGE_NOUT * 16 - 1]); \
    requires init_P_r: \initialized(&P->r[0 .. KL_MILENAGE_NOUT - 1]); \
    requires range_r1: P->r[0] < KL_MILENAGE_ROT_LIMIT; \
    requires in_opc: \valid_read(opc + (0 .. 15)) && \initialized(opc + (0 .. 15)); \
    requires in_temp: \valid_read(temp + (0 .. 15)) && \initialized(temp + (0 .. 15)); \
    requires in_sqn: \valid_read(sqn + (0 .. 5)) && \initialized(sqn + (0 .. 5)); \
    requires in_amf: \valid_read(amf + (0 .. 1)) && \initialized(amf + (0 .. 1));
/*@ ML_OUT1_REQ
    requires valid_e: \valid(e + (0 .. 15)) && \valid(b + (0 .. 15));
    requires sep_e_b: \separated(e + (0 .. 15), b + (0 .. 15));
    requires sep_b_opc: \separated(b + (0 .. 15), opc + (0 .. 15)) &&
             \separated(b + (0 .. 15), temp + (0 .. 15)) &&
             \separated(b + (0 .. 15), sqn + (0 .. 5)) &&
             \separated(b + (0 .. 15), amf + (0 .. 1)) &&
             \separated(b + (0 .. 15), P) && \separated(b + (0 .. 15), ctx);
    requires sep_e_opc: \separated(e + (0 .. 15), opc + (0 .. 15));
    requires sep_e_ctx: \separated(e + (0 .. 15), ctx);
    terminates \true;
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
    (void)kl_aes128_encrypt_block(ctx, b, e);
    /*@ assert P->r[0] % 8 == 0 ==> \forall integer i; 0 <= i < 16 ==>
               e[i] == ml_out1_e(MLS_PRE16(ctx->key), MLS_PRE16(temp),
                                 MLS_PRE16(opc), MLS_PRE6(sqn), MLS_PRE2(amf),
                                 P->r[0], MLS_PRE16(P->c), i); */
}

/* OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc. */
/*@ ML_OUT1_REQ
    requires valid_out1: \valid(out1 + (0 .. 15));
    requires sep_out1_opc: \separated(out1 + (0 .. 15), opc + (0 .. 15));
    requires sep_out1_ctx: \separated(out1 + (0 .. 15), ctx);
    terminates \true;
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
    kl_bytes_wipe(a, BLK);
    kl_bytes_wipe(b, BLK);
}

/* OUTk = E_K(x) xor OPc, k = 2..5, given e = E_K(x) where x is the OUTk
 * input rot(TEMP xor OPc, rk) xor ck: the step that names the spec's OUTk. */
/*@ requires range_r: r < KL_MILENAGE_ROT_LIMIT;
    requires read_ctx: \valid_read(ctx);
    requires valid_out: \valid(out + (0 .. 15));
    requires in_e: KL_IN(e, 16) && KL_IN(opc, 16);
    requires sep_out_e: \separated(out + (0 .. 15), e + (0 .. 15));
    requires sep_out_opc: \separated(out + (0 .. 15), opc + (0 .. 15));
    requires facts: \forall integer i; 0 <= i < 16 ==>
             e[i] == AESb(MLS_MEM16(ctx->key), MLS_MEM16(x), i);
    requires input_x: r % 8 == 0 ==> \forall integer i; 0 <= i < 16 ==>
             x[i] == ml_outk_in(MLS_MEM16(temp), MLS_MEM16(opc), r,
                                MLS_MEM16(c), i);
    terminates \true;
    assigns out[0 .. 15];
    ensures r % 8 == 0 ==> \forall integer i; 0 <= i < 16 ==>
            out[i] == ml_outk(MLS_OLD16(ctx->key), MLS_OLD16(temp),
                              MLS_OLD16(opc), r, MLS_OLD16(c), i);
    ensures \initialized(out + (0 .. 15));
*/
static void ml_outk_fin(uint8_t *out, const uint8_t *e, const uint8_t *x,
                        const kl_aes128_ctx *ctx, const uint8_t *temp,
                        const uint8_t *opc, uint32_t r, const uint8_t *c)
{
    /* x, ctx, temp, r and c are named by the contract only. */
    (void)x;
    (void)ctx;
    (void)temp;
    (void)r;
    (void)c;
    /*@ assert MLS_SEL_OK(opc); */
    /*@ assert r % 8 == 0 ==>
               (MLS_MAPEQ16(x, ml_outk_in, MLS_MEM16(temp), MLS_MEM16(opc), r,
                            MLS_MEM16(c))); */
    /*@ assert r % 8 == 0 ==> \forall integer i; 0 <= i < 16 ==>
               e[i] == ml_outk_e(MLS_MEM16(ctx->key), MLS_MEM16(temp),
                                 MLS_MEM16(opc), r, MLS_MEM16(c), i); */
    ml_xor16(out, e, opc);
}

/* ok = yk, k = 2..5: four results out of local buffers in one call, so that
 * a caller's proof sees one write to its (pointer) outputs, not four. */
/*@ requires in_y2: KL_IN(y2, 16) && KL_IN(y3, 16) && KL_IN(y4, 16) && KL_IN(y5, 16);
    requires valid_o2: \valid(o2 + (0 .. 15)) && \valid(o3 + (0 .. 15)) &&
             \valid(o4 + (0 .. 15)) && \valid(o5 + (0 .. 15));
    requires sep_o2_o3: \separated(o2 + (0 .. 15), o3 + (0 .. 15), o4 + (0 .. 15),
                        o5 + (0 .. 15), y2 + (0 .. 15), y3 + (0 .. 15),
                        y4 + (0 .. 15), y5 + (0 .. 15));
    terminates \true;
    assigns o2[0 .. 15], o3[0 .. 15], o4[0 .. 15], o5[0 .. 15];
    ensures \forall integer i; 0 <= i < 16 ==> o2[i] == \old(y2[i]);
    ensures \forall integer i; 0 <= i < 16 ==> o3[i] == \old(y3[i]);
    ensures \forall integer i; 0 <= i < 16 ==> o4[i] == \old(y4[i]);
    ensures \forall integer i; 0 <= i < 16 ==> o5[i] == \old(y5[i]);
    ensures \initialized(o2 + (0 .. 15)) && \initialized(o3 + (0 .. 15)) &&
            \initialized(o4 + (0 .. 15)) && \initialized(o5 + (0 .. 15));
*/
static void ml_copy4(uint8_t *o2, uint8_t *o3, uint8_t *o4, uint8_t *o5,
                     const uint8_t *y2, const uint8_t *y3, const uint8_t *y4,
                     const uint8_t *y5)
{
    kl_bytes_copy(o2, y2, BLK);
    kl_bytes_copy(o3, y3, BLK);
    kl_bytes_copy(o4, y4, BLK);
    kl_bytes_copy(o5, y5, BLK);
}

/* OUT2..OUT5 buffers o2..o5: apart from each other and from an input r
 * (the inputs themselves may overlap: K may equal OPc). */
#define ML_OUTS_SEP \separated(o2 + (0 .. 15), o3 + (0 .. 15), \
                               o4 + (0 .. 15), o5 + (0 .. 15))
#define ML_OUT_SEP(r) (\separated(o2 + (0 .. 15), r) && \
        \separated(o3 + (0 .. 15), r) && \separated(o4 + (0 .. 15), r) && \
        \separated(o5 + (0 .. 15), r))
#define ML_OUTK_ENS(o, n) \
    ensures ML_WHOLE(P, n) ==> \forall integer i; 0 <= i < 16 ==> \
            o[i] == ml_outk(MLS_OLD16(ctx->key), MLS_OLD16(temp), \
                            MLS_OLD16(opc), ML_RC(P, n), i); \
    ensures \initialized(o + (0 .. 15));
/* OUT2..OUT5 (TS 35.206 4.1) with one four-block AES pass:
 * ok = OUT(k), k = 2..5.  Every intermediate is a local buffer: a call's
 * writes to a local are told apart from the inputs by the provers at once,
 * while writes through pointer parameters need separation proofs that time
 * out over several calls (proofs/README.md). */
/*@ requires in_ctx: \valid_read(ctx) && \initialized(&ctx->rk[0 .. KL_AES128_RK_WORDS - 1]);
    requires params_p: ML_PARAMS_READY(P);
    requires in_opc: KL_IN(opc, 16) && KL_IN(temp, 16);
    requires valid_o2: \valid(o2 + (0 .. 15)) && \valid(o3 + (0 .. 15)) &&
             \valid(o4 + (0 .. 15)) && \valid(o5 + (0 .. 15));
    requires sep_outputs: ML_OUTS_SEP && ML_OUT_SEP(opc + (0 .. 15)) &&
             ML_OUT_SEP(temp + (0 .. 15)) && ML_OUT_SEP(ctx) && ML_OUT_SEP(P);
    terminates \true;
    assigns o2[0 .. 15], o3[0 .. 15], o4[0 .. 15], o5[0 .. 15];
    ML_OUTK_ENS(o2, 2) ML_OUTK_ENS(o3, 3) ML_OUTK_ENS(o4, 4)
    ML_OUTK_ENS(o5, 5)
*/
static void ml_out2345(const kl_aes128_ctx *ctx, const kl_milenage_params *P,
                       const uint8_t *opc, const uint8_t *temp, uint8_t *o2,
                       uint8_t *o3, uint8_t *o4, uint8_t *o5)
{
    uint8_t x2[BLK], x3[BLK], x4[BLK], x5[BLK]; /* AES inputs  */
    uint8_t e2[BLK], e3[BLK], e4[BLK], e5[BLK]; /* AES outputs */
    uint8_t y2[BLK], y3[BLK], y4[BLK], y5[BLK]; /* OUT2..OUT5  */
    ml_outk_input(x2, temp, opc, P->r[1], P->c + BLK);
    ml_outk_input(x3, temp, opc, P->r[2], P->c + 2 * BLK);
    ml_outk_input(x4, temp, opc, P->r[3], P->c + 3 * BLK);
    ml_outk_input(x5, temp, opc, P->r[4], P->c + 4 * BLK);
    kl_aes4_encrypt(ctx, x2, x3, x4, x5, e2, e3, e4, e5);
    ml_outk_fin(y2, e2, x2, ctx, temp, opc, P->r[1], P->c + BLK);
    ml_outk_fin(y3, e3, x3, ctx, temp, opc, P->r[2], P->c + 2 * BLK);
    ml_outk_fin(y4, e4, x4, ctx, temp, opc, P->r[3], P->c + 3 * BLK);
    ml_outk_fin(y5, e5, x5, ctx, temp, opc, P->r[4], P->c + 4 * BLK);
    ml_copy4(o2, o3, o4, o5, y2, y3, y4, y5);
    kl_bytes_wipe(x2, BLK);
    kl_bytes_wipe(x3, BLK);
    kl_bytes_wipe(x4, BLK);
    kl_bytes_wipe(x5, BLK);
    kl_bytes_wipe(e2, BLK);
    kl_bytes_wipe(e3, BLK);
    kl_bytes_wipe(e4, BLK);
    kl_bytes_wipe(e5, BLK);
    kl_bytes_wipe(y2, BLK);
    kl_bytes_wipe(y3, BLK);
    kl_bytes_wipe(y4, BLK);
    kl_bytes_wipe(y5, BLK);
}

int kl_milenage_opc(const uint8_t k[KL_MILENAGE_KEY_BYTES],
                 const uint8_t op[KL_MILENAGE_BLOCK_BYTES],
                 uint8_t opc[KL_MILENAGE_BLOCK_BYTES])
{
    kl_aes128_ctx ctx;
    uint8_t e[BLK];
    if (k == NULL || op == NULL || opc == NULL)
        return KL_MILENAGE_E_NULL;
    /*@ assert MLS_SEL_OK(op); */
    (void)kl_aes128_init(&ctx, k);
    /*@ assert MLS_EQ16_PRE(ctx.key, k) && MLS_SAME16(op); */
    (void)kl_aes128_encrypt_block(&ctx, op, e);
    /*@ assert \forall integer i; 0 <= i < 16 ==>
               e[i] == AESb(MLS_PRE16(k), MLS_PRE16(op), i); */
    kl_aes128_wipe(&ctx);
    ml_xor16(opc, e, op);
    /*@ assert \initialized(opc + (0 .. 15)); */
    /*@ assert \forall integer i; 0 <= i < 16 ==>
               opc[i] == ml_opc(MLS_PRE16(k), MLS_PRE16(op), i); */
    kl_bytes_wipe(e, BLK);
    return KL_MILENAGE_OK;
}

/* The computations proper (ml_*_body) run on arguments already checked: P
 * valid with every rotation below 128, every pointer valid.  The public
 * functions below only check their arguments and pick the parameter set. */

/*@ requires params_p: ML_PARAMS_READY(P);
    requires in_k: KL_IN(k, 16) && KL_IN(opc, 16) && KL_IN(rand, 16);
    requires in_sqn: KL_IN(sqn, 6) && KL_IN(amf, 2);
    requires valid_mac_a: \valid(mac_a + (0 .. 7)) && \valid(mac_s + (0 .. 7));
    requires sep_mac_a_mac_s: \separated(mac_a + (0 .. 7), mac_s + (0 .. 7));
    terminates \true;
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
    kl_bytes_copy(mac_a, out1, KL_MILENAGE_MAC_BYTES);      /* OUT1[0..63]   */
    kl_bytes_copy(mac_s, out1 + 8, KL_MILENAGE_MAC_BYTES);  /* OUT1[64..127] */
    /*@ assert \initialized(mac_a + (0 .. 7)) &&
               \initialized(mac_s + (0 .. 7)); */
    /*@ assert \at(P->r[0], Pre) % 8 == 0 ==> \forall integer i; 0 <= i < 8 ==>
               mac_a[i] == ml_f1(ML_KOR_PRE(k, opc, rand), ML_SA_PRE(sqn, amf),
                                 ML_RC_PRE(P, 1), i) &&
               mac_s[i] == ml_f1star(ML_KOR_PRE(k, opc, rand),
                                     ML_SA_PRE(sqn, amf), ML_RC_PRE(P, 1), i); */
    kl_bytes_wipe(temp, BLK);
    kl_bytes_wipe(out1, BLK);
}

/* OUT2..OUT5 from K, OPc, RAND (TS 35.206 4.1), given the expanded key of K
 * and TEMP: ok = OUT(k).  Shared by f2345 and generate, which expand the key
 * and compute TEMP once for all outputs. */
#define ML_OUTK_FULL_ENS(o, n) \
    ensures ML_WHOLE(P, n) ==> \forall integer i; 0 <= i < 16 ==> \
            o[i] == ml_OUTk(ML_KOR(k, opc, rand), ML_RC(P, n), i);
/*@ requires params_p: ML_PARAMS_READY(P);
    requires in_k: KL_IN(k, 16) && KL_IN(opc, 16) && KL_IN(rand, 16);
    requires in_ctx: \valid_read(ctx) && \initialized(&ctx->rk[0 .. KL_AES128_RK_WORDS - 1]);
    requires key_ctx_key: MLS_EQ16(ctx->key, k);
    requires in_temp: KL_IN(temp, 16);
    requires facts: \forall integer j; 0 <= j < 16 ==>
             temp[j] == ml_temp(MLS_MEM16(k), MLS_MEM16(opc), MLS_MEM16(rand), j);
    requires valid_o2: \valid(o2 + (0 .. 15)) && \valid(o3 + (0 .. 15)) &&
             \valid(o4 + (0 .. 15)) && \valid(o5 + (0 .. 15));
    requires sep_outputs: ML_OUTS_SEP && ML_OUT_SEP(opc + (0 .. 15)) &&
             ML_OUT_SEP(temp + (0 .. 15)) && ML_OUT_SEP(ctx) && ML_OUT_SEP(P) &&
             ML_OUT_SEP(k + (0 .. 15)) && ML_OUT_SEP(rand + (0 .. 15));
    terminates \true;
    assigns o2[0 .. 15], o3[0 .. 15], o4[0 .. 15], o5[0 .. 15];
    ML_OUTK_FULL_ENS(o2, 2) ML_OUTK_FULL_ENS(o3, 3) ML_OUTK_FULL_ENS(o4, 4)
    ML_OUTK_FULL_ENS(o5, 5)
    ensures \initialized(o2 + (0 .. 15)) && \initialized(o3 + (0 .. 15)) &&
            \initialized(o4 + (0 .. 15)) && \initialized(o5 + (0 .. 15));
*/
static void ml_out2345_full(const kl_milenage_params *P, const uint8_t *k,
                            const uint8_t *opc, const uint8_t *rand,
                            const kl_aes128_ctx *ctx, const uint8_t *temp,
                            uint8_t *o2, uint8_t *o3, uint8_t *o4, uint8_t *o5)
{
    (void)k;    /* K and RAND are named by the contract only: the code */
    (void)rand; /* uses their expanded key and TEMP.                    */
    /*@ assert MLS_MAPEQ16(temp, ml_temp, MLS_MEM16(k), MLS_MEM16(opc),
                           MLS_MEM16(rand)); */
    ml_out2345(ctx, P, opc, temp, o2, o3, o4, o5);
}

/* OUT2..OUT5 from K, OPc and RAND: key expansion, TEMP, then the
 * four-block pass; the expanded key and TEMP are wiped. */
/*@ requires params_p: ML_PARAMS_READY(P);
    requires in_k: KL_IN(k, 16) && KL_IN(opc, 16) && KL_IN(rand, 16);
    requires valid_o2: \valid(o2 + (0 .. 15)) && \valid(o3 + (0 .. 15)) &&
             \valid(o4 + (0 .. 15)) && \valid(o5 + (0 .. 15));
    requires sep_outputs: ML_OUTS_SEP && ML_OUT_SEP(opc + (0 .. 15)) &&
             ML_OUT_SEP(k + (0 .. 15)) && ML_OUT_SEP(rand + (0 .. 15)) &&
             ML_OUT_SEP(P);
    terminates \true;
    assigns o2[0 .. 15], o3[0 .. 15], o4[0 .. 15], o5[0 .. 15];
    ML_OUTK_FULL_ENS(o2, 2) ML_OUTK_FULL_ENS(o3, 3) ML_OUTK_FULL_ENS(o4, 4)
    ML_OUTK_FULL_ENS(o5, 5)
    ensures \initialized(o2 + (0 .. 15)) && \initialized(o3 + (0 .. 15)) &&
            \initialized(o4 + (0 .. 15)) && \initialized(o5 + (0 .. 15));
*/
static void ml_OUT2345(const kl_milenage_params *P, const uint8_t *k,
                       const uint8_t *opc, const uint8_t *rand, uint8_t *o2,
                       uint8_t *o3, uint8_t *o4, uint8_t *o5)
{
    kl_aes128_ctx ctx;
    uint8_t temp[BLK];
    (void)kl_aes128_init(&ctx, k);
    /*@ assert MLS_EQ16_PRE(ctx.key, k); */
    ml_temp(&ctx, opc, rand, temp);
    /*@ assert MLS_MAPEQ16(temp, ml_temp, ML_KOR_PRE(k, opc, rand)); */
    /*@ assert MLS_EQ16_PRE(ctx.key, k); */
    /*@ assert MLS_SAME16(k) && MLS_SAME16(opc) && MLS_SAME16(rand); */
    ml_out2345_full(P, k, opc, rand, &ctx, temp, o2, o3, o4, o5);
    kl_aes128_wipe(&ctx);
    kl_bytes_wipe(temp, BLK);
}

/* f2..f5* out of OUT2..OUT5 (TS 35.206 4.1): f5 = OUT2[0..47],
 * f2 = OUT2[64..127], f3 = OUT3, f4 = OUT4, f5* = OUT5[0..47]. */
/*@ requires in_o2: KL_IN(o2, 16) && KL_IN(o3, 16) && KL_IN(o4, 16) && KL_IN(o5, 16);
    requires valid_res: \valid(res + (0 .. 7)) && \valid(ck + (0 .. 15)) &&
             \valid(ik + (0 .. 15)) && \valid(ak + (0 .. 5)) &&
             \valid(ak_star + (0 .. 5));
    requires sep_res_ck: \separated(res + (0 .. 7), ck + (0 .. 15), ik + (0 .. 15),
                        ak + (0 .. 5), ak_star + (0 .. 5), o2 + (0 .. 15),
                        o3 + (0 .. 15), o4 + (0 .. 15), o5 + (0 .. 15));
    terminates \true;
    assigns res[0 .. 7], ck[0 .. 15], ik[0 .. 15], ak[0 .. 5], ak_star[0 .. 5];
    ensures \forall integer i; 0 <= i < 8 ==> res[i] == \old(o2[8 + i]);
    ensures \forall integer i; 0 <= i < 6 ==> ak[i] == \old(o2[i]);
    ensures \forall integer i; 0 <= i < 16 ==> ck[i] == \old(o3[i]);
    ensures \forall integer i; 0 <= i < 16 ==> ik[i] == \old(o4[i]);
    ensures \forall integer i; 0 <= i < 6 ==> ak_star[i] == \old(o5[i]);
    ensures \initialized(res + (0 .. 7)) && \initialized(ck + (0 .. 15)) &&
            \initialized(ik + (0 .. 15)) && \initialized(ak + (0 .. 5)) &&
            \initialized(ak_star + (0 .. 5));
*/
static void ml_put2345(uint8_t *res, uint8_t *ck, uint8_t *ik, uint8_t *ak,
                       uint8_t *ak_star, const uint8_t *o2, const uint8_t *o3,
                       const uint8_t *o4, const uint8_t *o5)
{
    kl_bytes_copy(ak, o2, KL_MILENAGE_AK_BYTES);           /* f5  = OUT2[0..47]   */
    kl_bytes_copy(res, o2 + 8, KL_MILENAGE_RES_BYTES);     /* f2  = OUT2[64..127] */
    kl_bytes_copy(ck, o3, KL_MILENAGE_CK_BYTES);           /* f3  = OUT3          */
    kl_bytes_copy(ik, o4, KL_MILENAGE_IK_BYTES);           /* f4  = OUT4          */
    kl_bytes_copy(ak_star, o5, KL_MILENAGE_AK_BYTES);      /* f5* = OUT5[0..47]   */
}

/*@ requires params_p: ML_PARAMS_READY(P);
    requires in_k: KL_IN(k, 16) && KL_IN(opc, 16) && KL_IN(rand, 16);
    requires valid_res: \valid(res + (0 .. 7)) && \valid(ck + (0 .. 15)) &&
             \valid(ik + (0 .. 15)) && \valid(ak + (0 .. 5)) &&
             \valid(ak_star + (0 .. 5));
    requires sep_res_ck: \separated(res + (0 .. 7), ck + (0 .. 15), ik + (0 .. 15),
                        ak + (0 .. 5), ak_star + (0 .. 5));
    terminates \true;
    assigns res[0 .. 7], ck[0 .. 15], ik[0 .. 15], ak[0 .. 5], ak_star[0 .. 5];
    ML_F2345_ENS(P)
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
    uint8_t o2[BLK], o3[BLK], o4[BLK], o5[BLK];
    ml_OUT2345(P, k, opc, rand, o2, o3, o4, o5);
    ml_put2345(res, ck, ik, ak, ak_star, o2, o3, o4, o5);
    kl_bytes_wipe(o2, BLK);
    kl_bytes_wipe(o3, BLK);
    kl_bytes_wipe(o4, BLK);
    kl_bytes_wipe(o5, BLK);
}

/*@ requires params_p: ML_PARAMS_READY(P);
    requires in_k: KL_IN(k, 16) && KL_IN(opc, 16) && KL_IN(rand, 16);
    requires in_sqn: KL_IN(sqn, 6) && KL_IN(amf, 2);
    requires valid_out: \valid(out);
    terminates \true;
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
    uint8_t temp[BLK], out1[BLK], o2[BLK], o3[BLK], o4[BLK], o5[BLK];
    (void)kl_aes128_init(&ctx, k);
    ml_temp(&ctx, opc, rand, temp);
    ml_out1(&ctx, P, opc, temp, sqn, amf, out1);
    ml_out2345(&ctx, P, opc, temp, o2, o3, o4, o5);
    kl_aes128_wipe(&ctx);
    kl_bytes_copy(out->mac_a, out1, KL_MILENAGE_MAC_BYTES);       /* f1  = OUT1[0..63]   */
    /*@ assert \initialized(&out->mac_a[0 .. 7]); */
    kl_bytes_copy(out->mac_s, out1 + 8, KL_MILENAGE_MAC_BYTES);   /* f1* = OUT1[64..127] */
    /*@ assert \initialized(&out->mac_s[0 .. 7]); */
    kl_bytes_copy(out->ak, o2, KL_MILENAGE_AK_BYTES);              /* f5  = OUT2[0..47]   */
    /*@ assert \initialized(&out->ak[0 .. 5]); */
    kl_bytes_copy(out->res, o2 + 8, KL_MILENAGE_RES_BYTES);        /* f2  = OUT2[64..127] */
    /*@ assert \initialized(&out->res[0 .. 7]); */
    kl_bytes_copy(out->ck, o3, KL_MILENAGE_CK_BYTES);        /* f3  = OUT3          */
    /*@ assert \initialized(&out->ck[0 .. 15]); */
    kl_bytes_copy(out->ik, o4, KL_MILENAGE_IK_BYTES);    /* f4  = OUT4          */
    /*@ assert \initialized(&out->ik[0 .. 15]); */
    kl_bytes_copy(out->ak_star, o5, KL_MILENAGE_AK_BYTES); /* f5* = OUT5[0..47] */
    /*@ assert \initialized(&out->ak_star[0 .. 5]); */
    kl_bytes_wipe(temp, BLK);
    kl_bytes_wipe(out1, BLK);
    kl_bytes_wipe(o2, BLK);
    kl_bytes_wipe(o3, BLK);
    kl_bytes_wipe(o4, BLK);
    kl_bytes_wipe(o5, BLK);
}

int kl_milenage_f1(const kl_milenage_params *p, const uint8_t k[KL_MILENAGE_KEY_BYTES],
                const uint8_t opc[KL_MILENAGE_BLOCK_BYTES],
                const uint8_t rand[KL_MILENAGE_RAND_BYTES],
                const uint8_t sqn[KL_MILENAGE_SQN_BYTES],
                const uint8_t amf[KL_MILENAGE_AMF_BYTES],
                uint8_t mac_a[KL_MILENAGE_MAC_BYTES],
                uint8_t mac_s[KL_MILENAGE_MAC_BYTES])
{
    kl_milenage_params defaults;
    if (k == NULL || opc == NULL || rand == NULL || sqn == NULL ||
        amf == NULL || mac_a == NULL || mac_s == NULL)
        return KL_MILENAGE_E_NULL;
    if (p == NULL) {
        ml_defaults(&defaults);
        /* The constants one by one, for the provers (TS 35.206 4.1). */
        /*@ assert MLS_DEFAULT_PARAMS(&defaults); */
        ml_f1_body(&defaults, k, opc, rand, sqn, amf, mac_a, mac_s);
        return KL_MILENAGE_OK;
    }
    if (!ml_params_valid(p))
        return KL_MILENAGE_E_PARAM;
    ml_f1_body(p, k, opc, rand, sqn, amf, mac_a, mac_s);
    return KL_MILENAGE_OK;
}

int kl_milenage_f2345(const kl_milenage_params *p,
                   const uint8_t k[KL_MILENAGE_KEY_BYTES],
                   const uint8_t opc[KL_MILENAGE_BLOCK_BYTES],
                   const uint8_t rand[KL_MILENAGE_RAND_BYTES],
                   uint8_t res[KL_MILENAGE_RES_BYTES],
                   uint8_t ck[KL_MILENAGE_CK_BYTES],
                   uint8_t ik[KL_MILENAGE_IK_BYTES],
                   uint8_t ak[KL_MILENAGE_AK_BYTES],
                   uint8_t ak_star[KL_MILENAGE_AK_BYTES])
{
    kl_milenage_params defaults;
    if (k == NULL || opc == NULL || rand == NULL || res == NULL ||
        ck == NULL || ik == NULL || ak == NULL || ak_star == NULL)
        return KL_MILENAGE_E_NULL;
    if (p == NULL) {
        ml_defaults(&defaults);
        /* The constants one by one, for the provers (TS 35.206 4.1). */
        /*@ assert MLS_DEFAULT_PARAMS(&defaults); */
        ml_f2345_body(&defaults, k, opc, rand, res, ck, ik, ak, ak_star);
        return KL_MILENAGE_OK;
    }
    if (!ml_params_valid(p))
        return KL_MILENAGE_E_PARAM;
    ml_f2345_body(p, k, opc, rand, res, ck, ik, ak, ak_star);
    return KL_MILENAGE_OK;
}

int kl_milenage_generate(const kl_milenage_params *p,
                      const uint8_t k[KL_MILENAGE_KEY_BYTES],
                      const uint8_t opc[KL_MILENAGE_BLOCK_BYTES],
                      const uint8_t rand[KL_MILENAGE_RAND_BYTES],
                      const uint8_t sqn[KL_MILENAGE_SQN_BYTES],
                      const uint8_t amf[KL_MILENAGE_AMF_BYTES],
                      kl_milenage_out *out)
{
    kl_milenage_params defaults;
    if (k == NULL || opc == NULL || rand == NULL || sqn == NULL ||
        amf == NULL || out == NULL)
        return KL_MILENAGE_E_NULL;
    if (p == NULL) {
        ml_defaults(&defaults);
        ml_generate_body(&defaults, k, opc, rand, sqn, amf, out);
        return KL_MILENAGE_OK;
    }
    if (!ml_params_valid(p))
        return KL_MILENAGE_E_PARAM;
    ml_generate_body(p, k, opc, rand, sqn, amf, out);
    return KL_MILENAGE_OK;
}

/*@ requires in_res: KL_IN(res, 8) && \valid(sres + (0 .. 3));
    requires sep_sres_res: \separated(sres + (0 .. 3), res + (0 .. 7));
    terminates \true;
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

/*@ requires in_ck: KL_IN(ck, 16) && KL_IN(ik, 16) && \valid(kc + (0 .. 7));
    requires sep_kc_ck: \separated(kc + (0 .. 7), ck + (0 .. 15));
    requires sep_kc_ik: \separated(kc + (0 .. 7), ik + (0 .. 15));
    terminates \true;
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

int kl_milenage_c2(const uint8_t res[KL_MILENAGE_RES_BYTES],
                   uint8_t sres[KL_MILENAGE_SRES_BYTES])
{
    if (res == NULL || sres == NULL)
        return KL_MILENAGE_E_NULL;
    ml_c2(res, sres);
    return KL_MILENAGE_OK;
}

int kl_milenage_c3(const uint8_t ck[KL_MILENAGE_CK_BYTES],
                   const uint8_t ik[KL_MILENAGE_IK_BYTES],
                   uint8_t kc[KL_MILENAGE_KC_BYTES])
{
    if (ck == NULL || ik == NULL || kc == NULL)
        return KL_MILENAGE_E_NULL;
    ml_c3(ck, ik, kc);
    return KL_MILENAGE_OK;
}

/*@ requires params_p: ML_PARAMS_READY(P);
    requires in_k: KL_IN(k, 16) && KL_IN(opc, 16) && KL_IN(rand, 16);
    requires valid_sres: \valid(sres + (0 .. 3)) && \valid(kc + (0 .. 7));
    requires sep_sres_kc: \separated(sres + (0 .. 3), kc + (0 .. 7));
    terminates \true;
    assigns sres[0 .. 3], kc[0 .. 7];
    ensures \initialized(sres + (0 .. 3)) && \initialized(kc + (0 .. 7));
*/
static void ml_gsm_body(const kl_milenage_params *P, const uint8_t *k,
                        const uint8_t *opc, const uint8_t *rand, uint8_t *sres,
                        uint8_t *kc)
{
    uint8_t res[KL_MILENAGE_RES_BYTES], ck[BLK], ik[BLK];
    uint8_t ak[KL_MILENAGE_AK_BYTES], ak_star[KL_MILENAGE_AK_BYTES];
    ml_f2345_body(P, k, opc, rand, res, ck, ik, ak, ak_star);
    ml_c2(res, sres);
    ml_c3(ck, ik, kc);
    kl_bytes_wipe(res, KL_MILENAGE_RES_BYTES);
    kl_bytes_wipe(ck, BLK);
    kl_bytes_wipe(ik, BLK);
    kl_bytes_wipe(ak, KL_MILENAGE_AK_BYTES);
    kl_bytes_wipe(ak_star, KL_MILENAGE_AK_BYTES);
}

int kl_milenage_gsm(const kl_milenage_params *p, const uint8_t k[KL_MILENAGE_KEY_BYTES],
                 const uint8_t opc[KL_MILENAGE_BLOCK_BYTES],
                 const uint8_t rand[KL_MILENAGE_RAND_BYTES],
                 uint8_t sres[KL_MILENAGE_SRES_BYTES],
                 uint8_t kc[KL_MILENAGE_KC_BYTES])
{
    kl_milenage_params defaults;
    if (k == NULL || opc == NULL || rand == NULL || sres == NULL || kc == NULL)
        return KL_MILENAGE_E_NULL;
    if (p == NULL) {
        ml_defaults(&defaults);
        ml_gsm_body(&defaults, k, opc, rand, sres, kc);
        return KL_MILENAGE_OK;
    }
    if (!ml_params_valid(p))
        return KL_MILENAGE_E_PARAM;
    ml_gsm_body(p, k, opc, rand, sres, kc);
    return KL_MILENAGE_OK;
}
