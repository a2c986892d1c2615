/* spec_milenage.h - an executable transcription of spec/milenage.acsl, the
 * ACSL specification of MILENAGE (TS 35.206 4.1) that the functional
 * contracts of core/milenage.h are proved against.
 *
 * One C function per ACSL logic function, same name, same parameter order,
 * same body, so that the two can be reviewed line by line.  Differences, all
 * mechanical: a block that the ACSL passes as 16 integers x0 .. x15 is a
 * `const int x[16]` here (SQN: 6, AMF: 2); ACSL `integer` is C `int` (every
 * value here fits); the abstract AESb is OpenSSL's AES-128
 * (ref_aes128_encrypt).  harness/test_milenage_spec.c evaluates these
 * definitions on the TS 35.208 test sets, so a wrong spec cannot hide
 * behind a right proof.
 */
#ifndef KILIST_SPEC_MILENAGE_H
#define KILIST_SPEC_MILENAGE_H

/* The abstract AES: byte i of E_K(X). */
int AESb(const int k[16], const int x[16], int i);

int ml_xor(int a, int b);
int ml_sel(const int x[16], int i);
int ml_pow2(int s);
int ml_rot(const int x[16], int r, int i);

int ml_opc(const int k[16], const int op[16], int i);
int ml_temp(const int k[16], const int o[16], const int rnd[16], int i);

int ml_out1_in(const int t[16], const int o[16], const int s[6],
               const int a[2], int r, const int c[16], int i);
int ml_out1_e(const int k[16], const int t[16], const int o[16],
              const int s[6], const int a[2], int r, const int c[16], int i);
int ml_out1(const int k[16], const int t[16], const int o[16], const int s[6],
            const int a[2], int r, const int c[16], int i);

int ml_outk_in(const int t[16], const int o[16], int r, const int c[16],
               int i);
int ml_outk_e(const int k[16], const int t[16], const int o[16], int r,
              const int c[16], int i);
int ml_outk(const int k[16], const int t[16], const int o[16], int r,
            const int c[16], int i);

int ml_OUT1(const int k[16], const int o[16], const int rnd[16],
            const int s[6], const int a[2], int r, const int c[16], int i);
int ml_OUTk(const int k[16], const int o[16], const int rnd[16], int r,
            const int c[16], int i);

int ml_f1(const int k[16], const int o[16], const int rnd[16], const int s[6],
          const int a[2], int r1, const int c1[16], int i);
int ml_f1star(const int k[16], const int o[16], const int rnd[16],
              const int s[6], const int a[2], int r1, const int c1[16], int i);
int ml_f2(const int k[16], const int o[16], const int rnd[16], int r2,
          const int c2[16], int i);
int ml_f3(const int k[16], const int o[16], const int rnd[16], int r3,
          const int c3[16], int i);
int ml_f4(const int k[16], const int o[16], const int rnd[16], int r4,
          const int c4[16], int i);
int ml_f5(const int k[16], const int o[16], const int rnd[16], int r2,
          const int c2[16], int i);
int ml_f5star(const int k[16], const int o[16], const int rnd[16], int r5,
              const int c5[16], int i);

/* The default constants of spec/milenage.acsl (MLS_R1 .. MLS_R5,
 * MLS_C1 .. MLS_C5): mls_r[n - 1] is r_n, mls_c[n - 1] is c_n. */
extern const int mls_r[5];
extern const int mls_c[5][16];

#endif
