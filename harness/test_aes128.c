/* test_aes128.c - AES-128 core: FIPS-197 known answers, multi-block and
 * aliasing, error handling, wipe, and a differential test against OpenSSL. */
#include "aes128.h"
#include "ref_milenage.h"
#include "testlib.h"

#include <string.h>

#define DIFF_RUNS 10000

static void fips197_c1(void)
{
    /* FIPS-197 Appendix C.1 (AES-128). */
    uint8_t key[16], pt[16], want[16], got[16];
    CHECK(tl_hex2bin("000102030405060708090a0b0c0d0e0f", key, 16) == 0);
    CHECK(tl_hex2bin("00112233445566778899aabbccddeeff", pt, 16) == 0);
    CHECK(tl_hex2bin("69c4e0d86a7b0430d8cdb78070b4c55a", want, 16) == 0);
    CHECK(kl_aes128_encrypt(key, pt, got) == KL_AES128_OK);
    CHECK_BYTES(got, want, 16, "FIPS-197 C.1");
}

static void fips197_appendix_b(void)
{
    /* FIPS-197 Appendix B cipher example. */
    uint8_t key[16], pt[16], want[16], got[16];
    CHECK(tl_hex2bin("2b7e151628aed2a6abf7158809cf4f3c", key, 16) == 0);
    CHECK(tl_hex2bin("3243f6a8885a308d313198a2e0370734", pt, 16) == 0);
    CHECK(tl_hex2bin("3925841d02dc09fbdc118597196a0b32", want, 16) == 0);
    CHECK(kl_aes128_encrypt(key, pt, got) == KL_AES128_OK);
    CHECK_BYTES(got, want, 16, "FIPS-197 B");
}

static void differential_openssl(void)
{
    uint64_t seed = 0x6b696c6973744145ULL;
    for (int run = 0; run < DIFF_RUNS; run++) {
        uint8_t key[16], in[64], out[64], want[16];
        kl_aes128_ctx ctx;
        size_t n = 1 + (size_t)(tl_rand64(&seed) % KL_AES128_MAX_BLOCKS);
        tl_rand_bytes(&seed, key, sizeof key);
        tl_rand_bytes(&seed, in, sizeof in);
        CHECK(kl_aes128_init(&ctx, key) == KL_AES128_OK);
        CHECK(kl_aes128_encrypt_blocks(&ctx, in, out, n) == KL_AES128_OK);
        for (size_t b = 0; b < n; b++) {
            CHECK(ref_aes128_encrypt(key, in + 16 * b, want) == 0);
            CHECKF(memcmp(out + 16 * b, want, 16) == 0,
                   "run %d block %zu of %zu differs from OpenSSL", run, b, n);
        }
        kl_aes128_wipe(&ctx);
    }
}

static void in_place(void)
{
    uint8_t key[16] = {1, 2, 3}, buf[64], copy[64], sep[64];
    kl_aes128_ctx ctx;
    for (int i = 0; i < 64; i++)
        buf[i] = (uint8_t)(i * 7);
    memcpy(copy, buf, sizeof buf);
    CHECK(kl_aes128_init(&ctx, key) == KL_AES128_OK);
    CHECK(kl_aes128_encrypt_blocks(&ctx, copy, sep, 4) == KL_AES128_OK);
    CHECK(kl_aes128_encrypt_blocks(&ctx, buf, buf, 4) == KL_AES128_OK);
    CHECK_BYTES(buf, sep, 64, "in-place equals out-of-place");
    /* Blocks are independent: one-block calls give the same bytes. */
    for (int b = 0; b < 4; b++) {
        uint8_t one[16];
        CHECK(kl_aes128_encrypt_block(&ctx, copy + 16 * b, one) == KL_AES128_OK);
        CHECK_BYTES(one, sep + 16 * b, 16, "block-wise equals batched");
    }
}

static void errors_leave_output(void)
{
    uint8_t key[16] = {0}, in[64] = {0}, out[64], guard[64];
    kl_aes128_ctx ctx;
    memset(out, 0xA5, sizeof out);
    memcpy(guard, out, sizeof out);
    CHECK(kl_aes128_init(NULL, key) == KL_AES128_E_NULL);
    CHECK(kl_aes128_init(&ctx, NULL) == KL_AES128_E_NULL);
    CHECK(kl_aes128_init(&ctx, key) == KL_AES128_OK);
    CHECK(kl_aes128_encrypt_blocks(&ctx, in, out, 0) == KL_AES128_E_NBLOCKS);
    CHECK(kl_aes128_encrypt_blocks(&ctx, in, out, 5) == KL_AES128_E_NBLOCKS);
    CHECK(kl_aes128_encrypt_blocks(&ctx, in, out, (size_t)-1) == KL_AES128_E_NBLOCKS);
    CHECK(kl_aes128_encrypt_blocks(NULL, in, out, 1) == KL_AES128_E_NULL);
    CHECK(kl_aes128_encrypt_blocks(&ctx, NULL, out, 1) == KL_AES128_E_NULL);
    CHECK(kl_aes128_encrypt_blocks(&ctx, in, NULL, 1) == KL_AES128_E_NULL);
    CHECK(kl_aes128_encrypt_block(&ctx, NULL, out) == KL_AES128_E_NULL);
    CHECK(kl_aes128_encrypt(key, in, NULL) == KL_AES128_E_NULL);
    CHECK(kl_aes128_encrypt(NULL, in, out) == KL_AES128_E_NULL);
    CHECK_BYTES(out, guard, sizeof out, "output untouched on error");
}

static void wipe_zeroes(void)
{
    uint8_t key[16];
    kl_aes128_ctx ctx;
    int nonzero = 0, zero = 1;
    memset(key, 0x5c, sizeof key);
    CHECK(kl_aes128_init(&ctx, key) == KL_AES128_OK);
    for (size_t i = 0; i < KL_AES128_RK_WORDS; i++)
        nonzero |= ctx.rk[i] != 0;
    CHECK(nonzero);
    kl_aes128_wipe(&ctx);
    for (size_t i = 0; i < KL_AES128_RK_WORDS; i++)
        zero &= ctx.rk[i] == 0;
    CHECK(zero);
    kl_aes128_wipe(NULL); /* must not crash */
    CHECK(1);
}

int main(void)
{
    tl_run("aes128", "fips197_c1", fips197_c1);
    tl_run("aes128", "fips197_appendix_b", fips197_appendix_b);
    tl_run("aes128", "differential_openssl_10000", differential_openssl);
    tl_run("aes128", "in_place_and_batched", in_place);
    tl_run("aes128", "errors_leave_output", errors_leave_output);
    tl_run("aes128", "wipe_zeroes", wipe_zeroes);
    return tl_finish();
}
