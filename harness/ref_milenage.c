/* ref_milenage.c - see ref_milenage.h.  TS 35.206 4.1 on OpenSSL AES. */
#include "ref_milenage.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

typedef struct { uint64_t hi, lo; } u128; /* hi holds bytes 0..7 */

static u128 load(const uint8_t b[16])
{
    u128 v = {0, 0};
    for (int i = 0; i < 8; i++) {
        v.hi = (v.hi << 8) | b[i];
        v.lo = (v.lo << 8) | b[8 + i];
    }
    return v;
}

static void store(u128 v, uint8_t b[16])
{
    for (int i = 7; i >= 0; i--) {
        b[i] = (uint8_t)v.hi;
        b[8 + i] = (uint8_t)v.lo;
        v.hi >>= 8;
        v.lo >>= 8;
    }
}

static u128 xor128(u128 a, u128 b)
{
    u128 v = {a.hi ^ b.hi, a.lo ^ b.lo};
    return v;
}

/* rot(x, r): cyclic shift by r bits towards the most significant bit. */
static u128 rotl128(u128 x, unsigned r)
{
    u128 v;
    r %= 128;
    if (r >= 64) {
        uint64_t t = x.hi;
        x.hi = x.lo;
        x.lo = t;
        r -= 64;
    }
    if (r == 0)
        return x;
    v.hi = (x.hi << r) | (x.lo >> (64 - r));
    v.lo = (x.lo << r) | (x.hi >> (64 - r));
    return v;
}

struct ref_milenage_ctx {
    EVP_CIPHER_CTX *evp;
};

static int enc(EVP_CIPHER_CTX *evp, u128 in, u128 *out)
{
    uint8_t b[16], o[16];
    int len = 0;
    store(in, b);
    if (EVP_EncryptUpdate(evp, o, &len, b, 16) != 1 || len != 16)
        return -1;
    *out = load(o);
    return 0;
}

ref_milenage_ctx *ref_milenage_ctx_new(const uint8_t k[16])
{
    ref_milenage_ctx *c = calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    c->evp = EVP_CIPHER_CTX_new();
    if (c->evp == NULL ||
        EVP_EncryptInit_ex(c->evp, EVP_aes_128_ecb(), NULL, k, NULL) != 1 ||
        EVP_CIPHER_CTX_set_padding(c->evp, 0) != 1) {
        ref_milenage_ctx_free(c);
        return NULL;
    }
    return c;
}

void ref_milenage_ctx_free(ref_milenage_ctx *c)
{
    if (c == NULL)
        return;
    EVP_CIPHER_CTX_free(c->evp);
    free(c);
}

static const ref_milenage_consts defaults = {
    .c = {{0}, {[15] = 1}, {[15] = 2}, {[15] = 4}, {[15] = 8}},
    .r = {64, 0, 32, 64, 96},
};

static int generate(EVP_CIPHER_CTX *evp, const ref_milenage_consts *cs,
                    u128 opc, const uint8_t rand[16], const uint8_t sqn[6],
                    const uint8_t amf[2], ref_milenage_out *o)
{
    u128 temp, out[5], in1, t;
    uint8_t in1b[16], blk[16];
    if (cs == NULL)
        cs = &defaults;
    if (enc(evp, xor128(load(rand), opc), &temp))
        return -1;
    memcpy(in1b, sqn, 6);
    memcpy(in1b + 6, amf, 2);
    memcpy(in1b + 8, sqn, 6);
    memcpy(in1b + 14, amf, 2);
    in1 = load(in1b);
    t = xor128(xor128(temp, rotl128(xor128(in1, opc), cs->r[0])),
               load(cs->c[0]));
    if (enc(evp, t, &out[0]))
        return -1;
    for (int i = 1; i < 5; i++) {
        t = xor128(rotl128(xor128(temp, opc), cs->r[i]), load(cs->c[i]));
        if (enc(evp, t, &out[i]))
            return -1;
    }
    for (int i = 0; i < 5; i++)
        out[i] = xor128(out[i], opc);
    store(opc, o->opc);
    store(temp, o->temp);
    store(out[0], blk);
    memcpy(o->f1, blk, 8);
    memcpy(o->f1star, blk + 8, 8);
    store(out[1], blk);
    memcpy(o->f5, blk, 6);
    memcpy(o->f2, blk + 8, 8);
    store(out[2], o->f3);
    store(out[3], o->f4);
    store(out[4], blk);
    memcpy(o->f5star, blk, 6);
    return 0;
}

int ref_milenage_ctx_generate(ref_milenage_ctx *c, const uint8_t opc[16],
                              const uint8_t rand[16], const uint8_t sqn[6],
                              const uint8_t amf[2], ref_milenage_out *out)
{
    return generate(c->evp, NULL, load(opc), rand, sqn, amf, out);
}

int ref_aes128_encrypt(const uint8_t key[16], const uint8_t in[16],
                       uint8_t out[16])
{
    ref_milenage_ctx *c = ref_milenage_ctx_new(key);
    u128 v;
    int rc;
    if (c == NULL)
        return -1;
    rc = enc(c->evp, load(in), &v);
    if (rc == 0)
        store(v, out);
    ref_milenage_ctx_free(c);
    return rc;
}

int ref_milenage(const ref_milenage_consts *cs, const uint8_t k[16],
                 const uint8_t op[16], int op_is_opc, const uint8_t rand[16],
                 const uint8_t sqn[6], const uint8_t amf[2],
                 ref_milenage_out *out)
{
    ref_milenage_ctx *c = ref_milenage_ctx_new(k);
    u128 opc = load(op), e;
    int rc = -1;
    if (c == NULL)
        return -1;
    if (!op_is_opc) {
        if (enc(c->evp, opc, &e))
            goto done;
        opc = xor128(opc, e); /* OPc = OP xor E_K(OP) */
    }
    rc = generate(c->evp, cs, opc, rand, sqn, amf, out);
done:
    ref_milenage_ctx_free(c);
    return rc;
}

const char *ref_milenage_mismatch(const kl_milenage_out *o,
                                  const ref_milenage_out *r)
{
    if (memcmp(o->mac_a, r->f1, sizeof r->f1) != 0)
        return "f1";
    if (memcmp(o->mac_s, r->f1star, sizeof r->f1star) != 0)
        return "f1*";
    if (memcmp(o->res, r->f2, sizeof r->f2) != 0)
        return "f2";
    if (memcmp(o->ck, r->f3, sizeof r->f3) != 0)
        return "f3";
    if (memcmp(o->ik, r->f4, sizeof r->f4) != 0)
        return "f4";
    if (memcmp(o->ak, r->f5, sizeof r->f5) != 0)
        return "f5";
    if (memcmp(o->ak_star, r->f5star, sizeof r->f5star) != 0)
        return "f5*";
    return NULL;
}
