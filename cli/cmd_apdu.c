/* cmd_apdu.c - `kilist apdu HEX`: parse one ISO/IEC 7816-4 command APDU
 * with the proved core parser (core/apdu.c) and print its fields as one
 * line of JSON on stdout.
 *
 *   kilist apdu 00a4040007a000000087100200
 *   {"case":"4S","cla":"00","ins":"a4","p1":"04","p2":"00","nc":7,
 *    "data":"a0000000871002","ne":256,"channel":0,"sm":"none",
 *    "chaining":false}                                  (one line, exit 0)
 *
 * A malformed APDU prints {"error":"<reason>"} on stdout and exits 1; bad
 * usage (missing or extra argument, odd length, a non-hex character)
 * prints one line on stderr, nothing on stdout, and exits 2.
 */
#include "cmd_apdu.h"

#include <stdio.h>
#include <string.h>

#include "apdu.h"

static uint8_t apdu_buf[KL_APDU_MAX_LEN];

static void usage(FILE *f)
{
    fputs("usage: kilist apdu HEX\n"
          "  Parse one ISO/IEC 7816-4 command APDU (cases 1, 2S, 3S, 4S, "
          "2E, 3E, 4E),\n"
          "  given as plain hex without spaces (upper or lower case), and "
          "print its\n"
          "  fields as one line of JSON.  Exit status: 0 parsed, 1 malformed "
          "APDU\n"
          "  ({\"error\":...} on stdout), 2 bad usage.\n",
          f);
}

/* The reason printed for each refusal of kl_apdu_parse(). */
static const char *reason(int err)
{
    switch (err) {
    case KL_APDU_E_NULL: return "null argument";
    case KL_APDU_E_TOO_LONG: return "too long: more than 65544 bytes";
    case KL_APDU_E_TOO_SHORT: return "too short: fewer than 4 bytes";
    case KL_APDU_E_CLA_INVALID: return "invalid CLA ff";
    case KL_APDU_E_CLA_RESERVED: return "reserved CLA 001xxxxx";
    case KL_APDU_E_ZERO_B4_LEN6: return "6 bytes with a zero fifth byte";
    case KL_APDU_E_SHORT_LC_ZERO: return "short Lc 00 is not a length";
    case KL_APDU_E_EXT_LC_ZERO: return "extended Lc 0000";
    case KL_APDU_E_LE_MIXED: return "short and extended length fields mixed";
    case KL_APDU_E_TRUNCATED: return "truncated: fewer data bytes than Lc";
    case KL_APDU_E_TRAILING: return "trailing bytes after the Le field";
    default: return "malformed APDU";
    }
}

static const char *case_name(int32_t c)
{
    static const char *const names[] = {"?",  "1",  "2S", "3S",
                                        "4S", "2E", "3E", "4E"};
    return (c >= 1 && c <= 7) ? names[c] : "?";
}

static const char *sm_name(int32_t sm)
{
    switch (sm) {
    case KL_APDU_SM_NONE: return "none";
    case KL_APDU_SM_PROPRIETARY: return "proprietary";
    case KL_APDU_SM_ISO_NOHDR: return "iso_header_not_processed";
    case KL_APDU_SM_ISO_AUTH: return "iso_header_authenticated";
    default: return "?";
    }
}

static int nibble(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int cmd_apdu(int argc, char **argv)
{
    const char *hex;
    size_t hexlen, n, i;
    kl_apdu_cmd c;
    int rc;

    if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
                      strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return 0;
    }
    if (argc < 2) {
        fputs("kilist apdu: missing HEX argument (see kilist apdu --help)\n",
              stderr);
        return 2;
    }
    if (argc > 2) {
        fputs("kilist apdu: expected exactly one HEX argument\n", stderr);
        return 2;
    }
    hex = argv[1];
    hexlen = strlen(hex);
    for (i = 0; i < hexlen; i++) {
        if (nibble(hex[i]) < 0) {
            fprintf(stderr,
                    "kilist apdu: not a hex digit at position %zu "
                    "(plain hex, no spaces)\n",
                    i);
            return 2;
        }
    }
    if (hexlen % 2 != 0) {
        fputs("kilist apdu: odd number of hex digits\n", stderr);
        return 2;
    }
    n = hexlen / 2;
    if (n > KL_APDU_MAX_LEN) {
        /* Well-formed hex, but longer than any APDU: a malformed APDU. */
        printf("{\"error\":\"%s\"}\n", reason(KL_APDU_E_TOO_LONG));
        return 1;
    }
    for (i = 0; i < n; i++)
        apdu_buf[i] = (uint8_t)(nibble(hex[2 * i]) * 16 +
                                nibble(hex[2 * i + 1]));

    rc = kl_apdu_parse(apdu_buf, n, &c);
    if (rc != KL_APDU_OK) {
        printf("{\"error\":\"%s\"}\n", reason(rc));
        return 1;
    }
    printf("{\"case\":\"%s\",\"cla\":\"%02x\",\"ins\":\"%02x\","
           "\"p1\":\"%02x\",\"p2\":\"%02x\",\"nc\":%ld,\"data\":\"",
           case_name(c.apdu_case), (unsigned)c.cla, (unsigned)c.ins,
           (unsigned)c.p1, (unsigned)c.p2, (long)c.nc);
    for (i = 0; i < (size_t)c.nc; i++)
        printf("%02x", (unsigned)apdu_buf[(size_t)c.data_off + i]);
    printf("\",\"ne\":%ld,\"channel\":%ld,\"sm\":\"%s\",\"chaining\":%s}\n",
           (long)c.ne, (long)c.cls.channel, sm_name(c.cls.sm),
           c.cls.chaining ? "true" : "false");
    return 0;
}
