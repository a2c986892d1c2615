/* fuzz_apdu.c - fuzz target: the core's command APDU parser and response
 * builder (core/apdu.c) against the reference decoder (harness/ref_apdu.c).
 *
 * Input: the whole input is one command APDU, as a card receives it (so
 * the seeds in corpus/apdu/ are plain APDUs: every case at its bounds, the
 * refused encodings of docs/standards.md 1.3, real UICC commands).  The same
 * bytes are then the data of a response APDU for the builder.
 *
 * Properties (abort() with a message on stderr when one fails):
 *   P1  kl_apdu_parse accepts exactly what ref_apdu_decode accepts, refuses
 *       with the matching reason, and on success every field is equal:
 *       case, CLA/INS/P1/P2, Nc, data offset, Ne, the decoded CLA.
 *   P2  on success the data span lies inside the input (data_off + Nc <=
 *       len), data_off is 4/5/7 as the case says, and re-encoding the
 *       fields gives back exactly the input: the encoding is canonical.
 *   P3  on refusal *out is untouched; NULL arguments are KL_APDU_E_NULL.
 *   P4  kl_apdu_decode_cla equals ref_cla_decode and, on success, cmd.cls.
 *   P5  kl_apdu_response: KL_APDU_OK exactly when len <= 65536 and len + 2 <=
 *       outcap, then out = data || SW1 SW2 and *outlen = len + 2 and not a
 *       byte beyond is written; otherwise RESP_TOO_LONG / RESP_CAPACITY and
 *       nothing is written (out and *outlen).
 */
#include "apdu.h"
#include "ref_apdu.h"
#include "apdu_verdict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_apdu"
#include "fuzz_check.h"

#define CANARY 0xC5u

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The core's error value for each reference verdict. */
static int case_of(const char *name)
{
    static const char *const names[] = {"1", "2S", "3S", "4S", "2E", "3E", "4E"};
    for (int i = 0; i < 7; i++)
        if (strcmp(name, names[i]) == 0)
            return i + 1; /* KL_APDU_CASE_1 .. KL_APDU_CASE_4E */
    return 0;
}

static void same_cla(const kl_apdu_cla_info *c, const struct ref_apdu *r,
                     const char *what)
{
    FUZZ_CHECK(c->kind == r->kind && c->channel == (int32_t)r->channel &&
                   c->sm == r->sm && c->chaining == r->chaining,
               "%s: CLA decoded as kind %d ch %d sm %d chain %d, reference "
               "%d %u %d %d", what, (int)c->kind, (int)c->channel, (int)c->sm,
               (int)c->chaining, r->kind, r->channel, r->sm, r->chaining);
}

/* Re-encodes a parsed command (P2); returns its length in out. */
static size_t encode(const kl_apdu_cmd *c, const uint8_t *cmd_data, uint8_t *out)
{
    size_t n = 0;
    int ext = c->apdu_case >= KL_APDU_CASE_2E;
    out[n++] = (uint8_t)c->cla;
    out[n++] = (uint8_t)c->ins;
    out[n++] = (uint8_t)c->p1;
    out[n++] = (uint8_t)c->p2;
    if (c->nc > 0) {
        if (ext) {
            out[n++] = 0;
            out[n++] = (uint8_t)(c->nc >> 8);
        }
        out[n++] = (uint8_t)c->nc;
        memcpy(out + n, cmd_data, (size_t)c->nc);
        n += (size_t)c->nc;
    }
    if (c->ne > 0) {
        if (ext) {
            if (c->nc == 0)
                out[n++] = 0; /* case 2E: the marker is in front of Le */
            out[n++] = (uint8_t)(c->ne == 65536 ? 0 : c->ne >> 8);
        }
        out[n++] = (uint8_t)(c->ne == 256 || c->ne == 65536 ? 0 : c->ne);
    }
    return n;
}

static void check_parse(const uint8_t *data, size_t size)
{
    kl_apdu_cmd cmd, cmd0;
    struct ref_apdu ref;
    int rc, v;

    memset(&cmd, CANARY, sizeof cmd);
    memcpy(&cmd0, &cmd, sizeof cmd);
    memset(&ref, 0, sizeof ref);
    rc = kl_apdu_parse(data, size, &cmd);
    v = ref_apdu_decode(data, size, &ref);

    /* P1 */
    FUZZ_CHECK(rc == apdu_expected_status(v), "P1: len %zu: core %d, reference verdict %d",
               size, rc, v);
    if (rc != KL_APDU_OK) {
        FUZZ_CHECK(memcmp(&cmd, &cmd0, sizeof cmd) == 0, "P3: refusal %d wrote *out", rc);
        return;
    }
    FUZZ_CHECK(cmd.apdu_case == case_of(ref.case_name), "P1: case %d, reference %s",
               (int)cmd.apdu_case, ref.case_name);
    FUZZ_CHECK(cmd.cla == (int32_t)ref.cla && cmd.ins == (int32_t)ref.ins &&
                   cmd.p1 == (int32_t)ref.p1 && cmd.p2 == (int32_t)ref.p2,
               "P1: header fields");
    FUZZ_CHECK((unsigned long)cmd.nc == ref.nc, "P1: Nc %d, reference %lu",
               (int)cmd.nc, ref.nc);
    FUZZ_CHECK((unsigned long)cmd.ne == ref.ne, "P1: Ne %d, reference %lu",
               (int)cmd.ne, ref.ne);
    FUZZ_CHECK((size_t)cmd.data_off == ref.data_offset, "P1: data_off %d, reference %zu",
               (int)cmd.data_off, ref.data_offset);
    same_cla(&cmd.cls, &ref, "P1");

    /* P2 */
    FUZZ_CHECK(cmd.nc >= 0 && cmd.nc <= 65535 && cmd.ne >= 0 && cmd.ne <= 65536,
               "P2: Nc %d / Ne %d out of range", (int)cmd.nc, (int)cmd.ne);
    FUZZ_CHECK(cmd.data_off >= 4 && (size_t)cmd.data_off + (size_t)cmd.nc <= size,
               "P2: data span %d+%d outside %zu bytes", (int)cmd.data_off,
               (int)cmd.nc, size);
    {
        int32_t want_off = cmd.nc == 0 ? 4 : cmd.apdu_case >= KL_APDU_CASE_2E ? 7 : 5;
        uint8_t *again = malloc(size);
        FUZZ_CHECK(cmd.data_off == want_off, "P2: data_off %d, case %d wants %d",
                   (int)cmd.data_off, (int)cmd.apdu_case, (int)want_off);
        FUZZ_CHECK(again != NULL, "malloc");
        FUZZ_CHECK(encode(&cmd, data + cmd.data_off, again) == size &&
                       memcmp(again, data, size) == 0,
                   "P2: the fields do not re-encode to the input (case %d)",
                   (int)cmd.apdu_case);
        free(again);
    }
}

static void check_cla(uint8_t cla, const kl_apdu_cmd *cmd)
{
    kl_apdu_cla_info info, info0;
    struct ref_apdu ref;
    int rc, v;
    memset(&info, CANARY, sizeof info);
    memcpy(&info0, &info, sizeof info);
    memset(&ref, 0, sizeof ref);
    rc = kl_apdu_decode_cla(cla, &info);
    v = ref_cla_decode(cla, &ref);
    FUZZ_CHECK(rc == apdu_expected_status(v), "P4: CLA %02X: core %d, reference %d", cla, rc, v);
    if (rc != KL_APDU_OK) {
        FUZZ_CHECK(memcmp(&info, &info0, sizeof info) == 0, "P4: refused CLA wrote");
        return;
    }
    same_cla(&info, &ref, "P4");
    if (cmd != NULL)
        FUZZ_CHECK(memcmp(&info, &cmd->cls, sizeof info) == 0, "P4: cmd.cls != decode_cla");
    FUZZ_CHECK(kl_apdu_decode_cla(cla, NULL) == KL_APDU_E_NULL, "P3: decode_cla(NULL)");
}

static void check_response(const uint8_t *data, size_t len, uint8_t sw1,
                           uint8_t sw2, size_t outcap)
{
    uint8_t *out = malloc(outcap + 16);
    size_t outlen = 0xDEADu, i;
    int rc, want;
    FUZZ_CHECK(out != NULL, "malloc");
    memset(out, CANARY, outcap + 16);
    want = len > KL_APDU_MAX_RESP_DATA ? KL_APDU_E_RESP_TOO_LONG
           : len + 2 > outcap      ? KL_APDU_E_RESP_CAPACITY
                                    : KL_APDU_OK;
    rc = kl_apdu_response(data, len, sw1, sw2, out, outcap, &outlen);
    FUZZ_CHECK(rc == want, "P5: len %zu cap %zu: %d, expected %d", len, outcap, rc, want);
    if (rc == KL_APDU_OK) {
        FUZZ_CHECK(outlen == len + 2, "P5: outlen %zu for %zu bytes", outlen, len);
        FUZZ_CHECK(len == 0 || memcmp(out, data, len) == 0, "P5: data not copied");
        FUZZ_CHECK(out[len] == sw1 && out[len + 1] == sw2, "P5: SW not appended");
        i = len + 2;
    } else {
        FUZZ_CHECK(outlen == 0xDEADu, "P5: refusal wrote *outlen");
        i = 0;
    }
    for (; i < outcap + 16; i++)
        FUZZ_CHECK(out[i] == CANARY, "P5: byte %zu written (len %zu cap %zu rc %d)",
                   i, len, outcap, rc);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kl_apdu_cmd cmd;
    size_t outlen = 0;
    uint8_t one[2];
    uint8_t sw1 = size > 2 ? data[2] : 0x90, sw2 = size > 3 ? data[3] : 0x00;
    size_t slack = size > 1 ? data[1] & 15u : 0;

    check_parse(data, size);
    /* P3: NULL arguments */
    FUZZ_CHECK(kl_apdu_parse(NULL, size, &cmd) == KL_APDU_E_NULL, "P3: parse(NULL, ...)");
    FUZZ_CHECK(kl_apdu_parse(data, size, NULL) == KL_APDU_E_NULL, "P3: parse(..., NULL)");
    /* P4 */
    if (size > 0)
        check_cla(data[0], kl_apdu_parse(data, size, &cmd) == KL_APDU_OK ? &cmd : NULL);

    /* P5: the input as response data, with capacities around the bound */
    check_response(data, size, sw1, sw2, size + 2 + slack);
    if (size <= KL_APDU_MAX_RESP_DATA) {
        check_response(data, size, sw1, sw2, size + 1);
        check_response(data, size, sw1, sw2, size + 2);
    }
    check_response(data, size, sw1, sw2, slack);
    check_response(NULL, 0, sw1, sw2, 2 + slack); /* data may be NULL for 0 */
    FUZZ_CHECK(kl_apdu_response(size ? NULL : one, size ? size : 1, sw1, sw2, one,
                             sizeof one, &outlen) != KL_APDU_OK,
               "P5: NULL data or short buffer accepted");
    FUZZ_CHECK(kl_apdu_response(data, 0, sw1, sw2, NULL, 2, &outlen) == KL_APDU_E_NULL &&
                   kl_apdu_response(data, 0, sw1, sw2, one, 2, NULL) == KL_APDU_E_NULL,
               "P5: NULL out/outlen accepted");
    return 0;
}
