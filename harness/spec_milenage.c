/* spec_milenage.c - spec/milenage.acsl transcribed into C, definition by
 * definition (see spec_milenage.h for the conventions).  Each function
 * carries the ACSL text it transcribes as its comment. */
#include "spec_milenage.h"

#include "ref_milenage.h"

#include <stdint.h>
#include <stdlib.h>

/* axiomatic MLS_AES128 { logic integer AESb(k0..k15, x0..x15, i); } --
 * abstract in the spec (range 0..255); OpenSSL's AES-128 here. */
int AESb(const int k[16], const int x[16], int i)
{
    uint8_t kb[16], xb[16], yb[16];
    for (int j = 0; j < 16; j++) {
        if (k[j] < 0 || k[j] > 255 || x[j] < 0 || x[j] > 255)
            abort(); /* the spec only applies AESb to bytes */
        kb[j] = (uint8_t)k[j];
        xb[j] = (uint8_t)x[j];
    }
    if (ref_aes128_encrypt(kb, xb, yb) != 0)
        abort();
    return yb[i];
}

/* ml_xor(a, b) = a ^ b */
int ml_xor(int a, int b)
{
    return a ^ b;
}

/* ml_sel(x0..x15, i) = i == 0 ? x0 : ... : i == 14 ? x14 : x15 */
int ml_sel(const int x[16], int i)
{
    return i >= 0 && i < 15 ? x[i] : x[15];
}

/* ml_pow2(s) = s == 0 ? 1 : ... : s == 7 ? 128 : 256 */
int ml_pow2(int s)
{
    return s >= 0 && s < 8 ? 1 << s : 256;
}

/* ml_rot(x, r, i) = (ml_sel(x, (i + r / 8) % 16) * ml_pow2(r % 8) +
 *                    ml_sel(x, (i + r / 8 + 1) % 16) / ml_pow2(8 - r % 8)) % 256 */
int ml_rot(const int x[16], int r, int i)
{
    return (ml_sel(x, (i + r / 8) % 16) * ml_pow2(r % 8) +
            ml_sel(x, (i + r / 8 + 1) % 16) / ml_pow2(8 - r % 8)) % 256;
}

/* ml_opc(k, op, i) = ml_xor(AESb(k, op, i), ml_sel(op, i)) */
int ml_opc(const int k[16], const int op[16], int i)
{
    return ml_xor(AESb(k, op, i), ml_sel(op, i));
}

/* MLS_XOR16(x, y): the block ml_xor(x0, y0), ..., ml_xor(x15, y15) */
static void xor16(int out[16], const int x[16], const int y[16])
{
    for (int j = 0; j < 16; j++)
        out[j] = ml_xor(x[j], y[j]);
}

/* ml_temp(k, o, rnd, i) = AESb(k, MLS_XOR16(rnd, o), i) */
int ml_temp(const int k[16], const int o[16], const int rnd[16], int i)
{
    int x[16];
    xor16(x, rnd, o);
    return AESb(k, x, i);
}

/* ml_out1_in(t, o, s, a, r, c, i) =
 *   ml_xor(ml_xor(ml_sel(t, i), ml_rot(MLS_IN1_XOR16(s, a, o), r, i)),
 *          ml_sel(c, i))
 * MLS_IN1_XOR16(s, a, o) = ml_xor(s0, o0), ..., ml_xor(s5, o5),
 *   ml_xor(a0, o6), ml_xor(a1, o7), ml_xor(s0, o8), ..., ml_xor(a1, o15) */
int ml_out1_in(const int t[16], const int o[16], const int s[6],
               const int a[2], int r, const int c[16], int i)
{
    int x[16];
    for (int j = 0; j < 16; j++)
        x[j] = ml_xor(j % 8 < 6 ? s[j % 8] : a[j % 8 - 6], o[j]);
    return ml_xor(ml_xor(ml_sel(t, i), ml_rot(x, r, i)), ml_sel(c, i));
}

/* MLS_MAP16(f, args): f(args, 0), ..., f(args, 15) -- written out below. */

/* ml_out1_e(k, t, o, s, a, r, c, i) =
 *   AESb(k, MLS_MAP16(ml_out1_in, t, o, s, a, r, c), i) */
int ml_out1_e(const int k[16], const int t[16], const int o[16],
              const int s[6], const int a[2], int r, const int c[16], int i)
{
    int x[16];
    for (int j = 0; j < 16; j++)
        x[j] = ml_out1_in(t, o, s, a, r, c, j);
    return AESb(k, x, i);
}

/* ml_out1(k, t, o, s, a, r, c, i) =
 *   ml_xor(ml_out1_e(k, t, o, s, a, r, c, i), ml_sel(o, i)) */
int ml_out1(const int k[16], const int t[16], const int o[16], const int s[6],
            const int a[2], int r, const int c[16], int i)
{
    return ml_xor(ml_out1_e(k, t, o, s, a, r, c, i), ml_sel(o, i));
}

/* ml_outk_in(t, o, r, c, i) =
 *   ml_xor(ml_rot(MLS_XOR16(t, o), r, i), ml_sel(c, i)) */
int ml_outk_in(const int t[16], const int o[16], int r, const int c[16],
               int i)
{
    int x[16];
    xor16(x, t, o);
    return ml_xor(ml_rot(x, r, i), ml_sel(c, i));
}

/* ml_outk_e(k, t, o, r, c, i) = AESb(k, MLS_MAP16(ml_outk_in, t, o, r, c), i) */
int ml_outk_e(const int k[16], const int t[16], const int o[16], int r,
              const int c[16], int i)
{
    int x[16];
    for (int j = 0; j < 16; j++)
        x[j] = ml_outk_in(t, o, r, c, j);
    return AESb(k, x, i);
}

/* ml_outk(k, t, o, r, c, i) =
 *   ml_xor(ml_outk_e(k, t, o, r, c, i), ml_sel(o, i)) */
int ml_outk(const int k[16], const int t[16], const int o[16], int r,
            const int c[16], int i)
{
    return ml_xor(ml_outk_e(k, t, o, r, c, i), ml_sel(o, i));
}

/* MLS_MAP16(ml_temp, k, o, rnd): the block TEMP */
static void temp16(int t[16], const int k[16], const int o[16],
                   const int rnd[16])
{
    for (int j = 0; j < 16; j++)
        t[j] = ml_temp(k, o, rnd, j);
}

/* ml_OUT1(k, o, rnd, s, a, r, c, i) =
 *   ml_out1(k, MLS_MAP16(ml_temp, k, o, rnd), o, s, a, r, c, i) */
int ml_OUT1(const int k[16], const int o[16], const int rnd[16],
            const int s[6], const int a[2], int r, const int c[16], int i)
{
    int t[16];
    temp16(t, k, o, rnd);
    return ml_out1(k, t, o, s, a, r, c, i);
}

/* ml_OUTk(k, o, rnd, r, c, i) =
 *   ml_outk(k, MLS_MAP16(ml_temp, k, o, rnd), o, r, c, i) */
int ml_OUTk(const int k[16], const int o[16], const int rnd[16], int r,
            const int c[16], int i)
{
    int t[16];
    temp16(t, k, o, rnd);
    return ml_outk(k, t, o, r, c, i);
}

/* ml_f1(k, o, rnd, s, a, r1, c1, i) = ml_OUT1(k, o, rnd, s, a, r1, c1, i) */
int ml_f1(const int k[16], const int o[16], const int rnd[16], const int s[6],
          const int a[2], int r1, const int c1[16], int i)
{
    return ml_OUT1(k, o, rnd, s, a, r1, c1, i);
}

/* ml_f1star(k, o, rnd, s, a, r1, c1, i) = ml_OUT1(k, o, rnd, s, a, r1, c1, i + 8) */
int ml_f1star(const int k[16], const int o[16], const int rnd[16],
              const int s[6], const int a[2], int r1, const int c1[16], int i)
{
    return ml_OUT1(k, o, rnd, s, a, r1, c1, i + 8);
}

/* ml_f2(k, o, rnd, r2, c2, i) = ml_OUTk(k, o, rnd, r2, c2, i + 8) */
int ml_f2(const int k[16], const int o[16], const int rnd[16], int r2,
          const int c2[16], int i)
{
    return ml_OUTk(k, o, rnd, r2, c2, i + 8);
}

/* ml_f3(k, o, rnd, r3, c3, i) = ml_OUTk(k, o, rnd, r3, c3, i) */
int ml_f3(const int k[16], const int o[16], const int rnd[16], int r3,
          const int c3[16], int i)
{
    return ml_OUTk(k, o, rnd, r3, c3, i);
}

/* ml_f4(k, o, rnd, r4, c4, i) = ml_OUTk(k, o, rnd, r4, c4, i) */
int ml_f4(const int k[16], const int o[16], const int rnd[16], int r4,
          const int c4[16], int i)
{
    return ml_OUTk(k, o, rnd, r4, c4, i);
}

/* ml_f5(k, o, rnd, r2, c2, i) = ml_OUTk(k, o, rnd, r2, c2, i) */
int ml_f5(const int k[16], const int o[16], const int rnd[16], int r2,
          const int c2[16], int i)
{
    return ml_OUTk(k, o, rnd, r2, c2, i);
}

/* ml_f5star(k, o, rnd, r5, c5, i) = ml_OUTk(k, o, rnd, r5, c5, i) */
int ml_f5star(const int k[16], const int o[16], const int rnd[16], int r5,
              const int c5[16], int i)
{
    return ml_OUTk(k, o, rnd, r5, c5, i);
}

/* #define MLS_R1 64 ... MLS_R5 96 */
const int mls_r[5] = {64, 0, 32, 64, 96};
/* #define MLS_C1 0, ..., 0 ... MLS_C5 0, ..., 0, 8 */
const int mls_c[5][16] = {
    {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
    {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
    {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2},
    {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4},
    {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8},
};
