/* fuzz_aes128.c - fuzz target: the core's bitsliced AES-128 against OpenSSL.
 *
 * Input: key (16 bytes) || plaintext.  The plaintext is cut into 16-byte
 * blocks; nblocks = 1..4 (KL_AES128_MAX_BLOCKS) is the number of blocks
 * present, at least one (a short last block is zero-padded), at most four
 * (the rest is ignored).  A missing key is zero-padded too, so every input
 * is a test.
 *
 * Properties (abort() with a message on stderr when one fails):
 *   P1  kl_aes128_encrypt_blocks(n) equals ref_aes128_encrypt (OpenSSL) on
 *       every block: the bitsliced lanes do not mix.
 *   P2  in place (in == out) equals out of place.
 *   P3  each block through kl_aes128_encrypt_block and the one-shot
 *       kl_aes128_encrypt equals the same.
 *   P4  bytes of `out` after block n are never written.
 *   P5  a block count of 0 or 5 is KL_AES128_E_NBLOCKS and writes nothing.
 *   P6  kl_aes128_wipe leaves an all-zero key schedule.
 *   P7  a NULL pointer argument is KL_AES128_E_NULL and writes nothing.
 *
 * One source for every engine: libFuzzer, AFL++ (harness/fuzz_afl_main.c)
 * and the replay main (harness/replay_main.c); see harness/README.md.
 */
#include "aes128.h"
#include "ref_milenage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_aes128"
#include "fuzz_check.h"

#define MAXB (KL_AES128_MAX_BLOCKS * KL_AES128_BLOCK_BYTES)
#define CANARY 0xA5u

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t key[KL_AES128_KEY_BYTES] = {0};
    uint8_t pt[MAXB] = {0};
    uint8_t ref[MAXB], out[MAXB + 16], inplace[MAXB], one[16], untouched[MAXB + 16];
    kl_aes128_ctx ctx;
    size_t klen = size < KL_AES128_KEY_BYTES ? size : KL_AES128_KEY_BYTES;
    size_t plen = size - klen, n, i;

    memcpy(key, data, klen);
    if (plen > MAXB)
        plen = MAXB;
    memcpy(pt, data + klen, plen);
    n = (plen + KL_AES128_BLOCK_BYTES - 1) / KL_AES128_BLOCK_BYTES;
    if (n == 0)
        n = 1;

    for (i = 0; i < n; i++)
        FUZZ_CHECK(ref_aes128_encrypt(key, pt + 16 * i, ref + 16 * i) == 0,
                   "OpenSSL AES failed");

    FUZZ_CHECK(kl_aes128_init(&ctx, key) == KL_AES128_OK, "init");

    /* P1, P4 */
    memset(out, CANARY, sizeof out);
    FUZZ_CHECK(kl_aes128_encrypt_blocks(&ctx, pt, out, n) == KL_AES128_OK,
               "encrypt_blocks(%zu)", n);
    FUZZ_CHECK(memcmp(out, ref, 16 * n) == 0,
               "P1: %zu blocks differ from OpenSSL", n);
    for (i = 16 * n; i < sizeof out; i++)
        FUZZ_CHECK(out[i] == CANARY, "P4: byte %zu after %zu blocks written", i, n);

    /* P2 */
    memcpy(inplace, pt, sizeof inplace);
    FUZZ_CHECK(kl_aes128_encrypt_blocks(&ctx, inplace, inplace, n) == KL_AES128_OK,
               "in-place encrypt_blocks");
    FUZZ_CHECK(memcmp(inplace, ref, 16 * n) == 0, "P2: in place differs");
    FUZZ_CHECK(memcmp(inplace + 16 * n, pt + 16 * n, MAXB - 16 * n) == 0,
               "P2: in place wrote past block %zu", n);

    /* P3 */
    for (i = 0; i < n; i++) {
        FUZZ_CHECK(kl_aes128_encrypt_block(&ctx, pt + 16 * i, one) == KL_AES128_OK,
                   "encrypt_block");
        FUZZ_CHECK(memcmp(one, ref + 16 * i, 16) == 0, "P3: block %zu", i);
        FUZZ_CHECK(kl_aes128_encrypt(key, pt + 16 * i, one) == KL_AES128_OK,
                   "one-shot");
        FUZZ_CHECK(memcmp(one, ref + 16 * i, 16) == 0, "P3: one-shot %zu", i);
    }

    /* P5 */
    memset(out, CANARY, sizeof out);
    memcpy(untouched, out, sizeof out);
    FUZZ_CHECK(kl_aes128_encrypt_blocks(&ctx, pt, out, 0) == KL_AES128_E_NBLOCKS,
               "P5: 0 blocks accepted");
    FUZZ_CHECK(kl_aes128_encrypt_blocks(&ctx, pt, out, KL_AES128_MAX_BLOCKS + 1) ==
                   KL_AES128_E_NBLOCKS,
               "P5: 5 blocks accepted");
    FUZZ_CHECK(memcmp(out, untouched, sizeof out) == 0, "P5: refused call wrote");

    /* P7 */
    memset(out, CANARY, sizeof out);
    FUZZ_CHECK(kl_aes128_init(NULL, key) == KL_AES128_E_NULL &&
                   kl_aes128_init(&ctx, NULL) == KL_AES128_E_NULL &&
                   kl_aes128_encrypt_blocks(NULL, pt, out, n) == KL_AES128_E_NULL &&
                   kl_aes128_encrypt_blocks(&ctx, NULL, out, n) == KL_AES128_E_NULL &&
                   kl_aes128_encrypt_blocks(&ctx, pt, NULL, n) == KL_AES128_E_NULL &&
                   kl_aes128_encrypt_block(NULL, pt, out) == KL_AES128_E_NULL &&
                   kl_aes128_encrypt_block(&ctx, NULL, out) == KL_AES128_E_NULL &&
                   kl_aes128_encrypt_block(&ctx, pt, NULL) == KL_AES128_E_NULL &&
                   kl_aes128_encrypt(NULL, pt, out) == KL_AES128_E_NULL &&
                   kl_aes128_encrypt(key, NULL, out) == KL_AES128_E_NULL &&
                   kl_aes128_encrypt(key, pt, NULL) == KL_AES128_E_NULL,
               "P7: a NULL argument was not KL_AES128_E_NULL");
    FUZZ_CHECK(memcmp(out, untouched, sizeof out) == 0, "P7: a NULL call wrote");
    kl_aes128_wipe(NULL);

    /* P6 */
    kl_aes128_wipe(&ctx);
    for (i = 0; i < KL_AES128_RK_WORDS; i++)
        FUZZ_CHECK(ctx.rk[i] == 0, "P6: round key word %zu not wiped", i);
    return 0;
}
