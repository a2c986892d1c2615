/* bench.c - MILENAGE authentication vectors per second, in one run:
 *   core      kl_milenage_generate() of the proved core (bitsliced AES)
 *   openssl   the same computation on OpenSSL's AES (harness/ref_milenage.c)
 *   osmocore  libosmocore's osmo_auth_gen_vec() (when built HAVE_OSMOCORE)
 * OPc is cached (computed once), K is fixed, RAND changes every call, as in
 * an AuC producing vectors for one subscriber.  Each engine runs for
 * BENCH_SECONDS (default 2) after a warm-up; the best of 3 rounds is kept.
 * Output: one "name vectors_per_second" line per engine, then the ratios. */
#define _POSIX_C_SOURCE 200809L
#include "milenage.h"
#include "ref_milenage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef HAVE_OSMOCORE
#include <osmocom/crypt/auth.h>
#endif

#define ROUNDS 3

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static const uint8_t K[16] = {0x46, 0x5b, 0x5c, 0xe8, 0xb1, 0x99, 0xb4, 0x9f,
                              0xaa, 0x5f, 0x0a, 0x2e, 0xe2, 0x38, 0xa6, 0xbc};
static const uint8_t OP[16] = {0xcd, 0xc2, 0x02, 0xd5, 0x12, 0x3e, 0x20, 0xf6,
                               0x2b, 0x6d, 0x67, 0x6a, 0xc7, 0x2c, 0xb3, 0x18};
static const uint8_t SQN[6] = {0xff, 0x9b, 0xb4, 0xd0, 0xb6, 0x07};
static const uint8_t AMF[2] = {0xb9, 0xb9};
static uint8_t OPC[16];
static volatile uint8_t sink;

typedef long (*engine_fn)(double seconds);

static long run_core(double seconds)
{
    uint8_t rand[16] = {0};
    kl_milenage_out o;
    long n = 0;
    double end = now() + seconds;
    while (now() < end) {
        for (int i = 0; i < 1000; i++) {
            rand[0] = (uint8_t)n;
            rand[1] = (uint8_t)(n >> 8);
            kl_milenage_generate(NULL, K, OPC, rand, SQN, AMF, &o);
            sink ^= o.res[0];
            n++;
        }
    }
    return n;
}

static long run_openssl(double seconds)
{
    uint8_t rand[16] = {0};
    ref_milenage_out o;
    ref_milenage_ctx *c = ref_milenage_ctx_new(K);
    long n = 0;
    double end = now() + seconds;
    if (c == NULL)
        return -1;
    while (now() < end) {
        for (int i = 0; i < 1000; i++) {
            rand[0] = (uint8_t)n;
            rand[1] = (uint8_t)(n >> 8);
            ref_milenage_ctx_generate(c, OPC, rand, SQN, AMF, &o);
            sink ^= o.f2[0];
            n++;
        }
    }
    ref_milenage_ctx_free(c);
    return n;
}

#ifdef HAVE_OSMOCORE
static long run_osmocore(double seconds)
{
    struct osmo_sub_auth_data aud;
    struct osmo_auth_vector vec;
    uint8_t rand[16] = {0};
    long n = 0;
    double end = now() + seconds;
    memset(&aud, 0, sizeof aud);
    aud.type = OSMO_AUTH_TYPE_UMTS;
    aud.algo = OSMO_AUTH_ALG_MILENAGE;
    memcpy(aud.u.umts.k, K, 16);
    memcpy(aud.u.umts.opc, OPC, 16);
    aud.u.umts.opc_is_op = 0;
    memcpy(aud.u.umts.amf, AMF, 2);
    aud.u.umts.ind_bitlen = 5;
    while (now() < end) {
        for (int i = 0; i < 1000; i++) {
            rand[0] = (uint8_t)n;
            rand[1] = (uint8_t)(n >> 8);
            aud.u.umts.sqn = 0x20;
            int rc = osmo_auth_gen_vec(&vec, &aud, rand);
            if (rc != 0) {
                fprintf(stderr, "osmo_auth_gen_vec: %d\n", rc);
                return -1;
            }
            sink ^= vec.res[0];
            n++;
        }
    }
    return n;
}
#endif

static double measure(const char *name, engine_fn fn, double seconds)
{
    double best = 0;
    fn(seconds / 4); /* warm-up */
    for (int r = 0; r < ROUNDS; r++) {
        double t0 = now();
        long n = fn(seconds);
        double rate = n < 0 ? -1 : (double)n / (now() - t0);
        if (rate < 0) {
            printf("%s failed\n", name);
            return -1;
        }
        if (rate > best)
            best = rate;
    }
    printf("%-9s %12.0f vectors/s  (%.3f us/vector)\n", name, best, 1e6 / best);
    fflush(stdout);
    return best;
}

int main(void)
{
    const char *s = getenv("BENCH_SECONDS");
    double seconds = s != NULL ? atof(s) : 2.0;
    double core, ossl, osmo = 0;
    if (seconds <= 0)
        seconds = 2.0;
    if (kl_milenage_opc(K, OP, OPC) != KL_MILENAGE_OK)
        return 1;
    core = measure("core", run_core, seconds);
    ossl = measure("openssl", run_openssl, seconds);
#ifdef HAVE_OSMOCORE
    osmo = measure("osmocore", run_osmocore, seconds);
#else
    printf("osmocore  not built (libosmocore-dev missing)\n");
#endif
    printf("ratio core/openssl %.2f\n", core / ossl);
    if (osmo > 0)
        printf("ratio core/osmocore %.2f\n", core / osmo);
    return core > 0 && ossl > 0 ? 0 : 1;
}
