/* ref_milenage.h - an independent MILENAGE (TS 35.206) on OpenSSL's AES, for
 * differential tests and the benchmark.  Written apart from core/: blocks
 * are two 64-bit halves, rotation is done on the 128-bit value, and AES is
 * OpenSSL's (AES-NI where the CPU has it). */
#ifndef KILIST_REF_MILENAGE_H
#define KILIST_REF_MILENAGE_H

#include <stdint.h>

#include "milenage.h"

typedef struct ref_milenage_out {
    uint8_t opc[16], temp[16];
    uint8_t f1[8], f1star[8], f2[8], f3[16], f4[16], f5[6], f5star[6];
} ref_milenage_out;

/* c[i] and r[i] are c_{i+1}, r_{i+1}; NULL for the TS 35.206 defaults. */
typedef struct ref_milenage_consts {
    uint8_t c[5][16];
    unsigned r[5];
} ref_milenage_consts;

/* E_K(in) with OpenSSL; returns 0 on success. */
int ref_aes128_encrypt(const uint8_t key[16], const uint8_t in[16],
                       uint8_t out[16]);

/* All outputs.  op_is_opc != 0: `op` already is OPc.  Returns 0 on success. */
int ref_milenage(const ref_milenage_consts *c, const uint8_t k[16],
                 const uint8_t op[16], int op_is_opc, const uint8_t rand[16],
                 const uint8_t sqn[6], const uint8_t amf[2],
                 ref_milenage_out *out);

/* The name of the first of the seven outputs ("f1", "f1*", "f2", "f3",
 * "f4", "f5", "f5*") on which the core's `o` and the reference's `r`
 * differ, or NULL when all agree: one comparison for every differential
 * test and fuzz target. */
const char *ref_milenage_mismatch(const kl_milenage_out *o,
                                  const ref_milenage_out *r);

/* A reusable context for the benchmark: the AES key schedule is kept in
 * OpenSSL between calls with the same K. */
typedef struct ref_milenage_ctx ref_milenage_ctx;
ref_milenage_ctx *ref_milenage_ctx_new(const uint8_t k[16]);
int ref_milenage_ctx_generate(ref_milenage_ctx *ctx, const uint8_t opc[16],
                              const uint8_t rand[16], const uint8_t sqn[6],
                              const uint8_t amf[2], ref_milenage_out *out);
void ref_milenage_ctx_free(ref_milenage_ctx *ctx);

#endif
