/* cmd_milenage.c - `kilist milenage`: TS 35.206 f1..f5* and AUTN for one
 * (K, OP or OPc, RAND, SQN, AMF), as one line of JSON on stdout. */
#include "cmd_milenage.h"
#include "cli_util.h"
#include "milenage.h"

#include <string.h>

static const char usage[] =
    "usage: kilist milenage --k HEX (--op HEX | --opc HEX) --rand HEX\n"
    "                       --sqn HEX --amf HEX\n"
    "\n"
    "Runs MILENAGE (3GPP TS 35.206) with the default constants and prints one\n"
    "line of JSON with lowercase hex values:\n"
    "  {\"opc\":..,\"f1\":..,\"f1star\":..,\"f2\":..,\"f3\":..,\"f4\":..,\"f5\":..,\n"
    "   \"f5star\":..,\"autn\":..}\n"
    "where f1 = MAC-A, f1star = MAC-S, f2 = RES, f3 = CK, f4 = IK, f5 = AK,\n"
    "f5star = AK for resynchronisation, autn = (SQN xor AK) || AMF || MAC-A.\n"
    "\n"
    "  --k HEX     subscriber key K, 16 bytes\n"
    "  --op HEX    operator variant OP, 16 bytes (OPc is derived from it)\n"
    "  --opc HEX   OPc, 16 bytes (instead of --op)\n"
    "  --rand HEX  RAND, 16 bytes\n"
    "  --sqn HEX   SQN, 6 bytes\n"
    "  --amf HEX   AMF, 2 bytes\n"
    "Options may also be written --k=HEX.  The output contains key material.\n"
    "Exit status: 0 on success, 2 on a bad command line (reason on stderr).\n";

enum { O_K, O_OP, O_OPC, O_RAND, O_SQN, O_AMF, O_COUNT };

static const struct {
    const char *name;
    size_t len;
} opts[O_COUNT] = {
    [O_K] = {"--k", 16},     [O_OP] = {"--op", 16},  [O_OPC] = {"--opc", 16},
    [O_RAND] = {"--rand", 16}, [O_SQN] = {"--sqn", 6}, [O_AMF] = {"--amf", 2},
};

static void put(const char *name, const uint8_t *b, size_t n, int last)
{
    printf("\"%s\":\"", name);
    cli_put_hex(stdout, b, n);
    printf("\"%s", last ? "}\n" : ",");
}

int cmd_milenage(int argc, char **argv)
{
    const char *val[O_COUNT] = {0};
    uint8_t buf[O_COUNT][16], opc[16], autn[16];
    char why[160];
    kl_milenage_out o;
    int rc = CLI_EXIT_USAGE;

    for (int i = 1; i < argc; i++) {
        int matched = 0;
        if (cli_is_help(argv[i])) {
            fputs(usage, stdout);
            return CLI_EXIT_OK;
        }
        for (int k = 0; k < O_COUNT && !matched; k++) {
            const char *v = NULL;
            int m = cli_opt(argc, argv, &i, opts[k].name, &v);
            if (m < 0) {
                cli_error("milenage: %s needs a value", opts[k].name);
                return CLI_EXIT_USAGE;
            }
            if (m == 0)
                continue;
            if (val[k] != NULL) {
                cli_error("milenage: %s given twice", opts[k].name);
                return CLI_EXIT_USAGE;
            }
            val[k] = v;
            matched = 1;
        }
        if (!matched) {
            cli_error("milenage: unknown argument '%s' (see kilist milenage --help)",
                      argv[i]);
            return CLI_EXIT_USAGE;
        }
    }
    if (val[O_OP] != NULL && val[O_OPC] != NULL) {
        cli_error("milenage: give --op or --opc, not both");
        return CLI_EXIT_USAGE;
    }
    for (int k = 0; k < O_COUNT; k++) {
        if (val[k] == NULL) {
            if (k == O_OP || k == O_OPC) {
                if (val[O_OP] == NULL && val[O_OPC] == NULL) {
                    cli_error("milenage: missing --op or --opc");
                    return CLI_EXIT_USAGE;
                }
                continue;
            }
            cli_error("milenage: missing %s", opts[k].name);
            return CLI_EXIT_USAGE;
        }
        if (cli_hex_exact(val[k], buf[k], opts[k].len, opts[k].name, why,
                          sizeof why) != 0) {
            cli_error("milenage: %s", why);
            goto out;
        }
    }

    if (val[O_OPC] != NULL)
        memcpy(opc, buf[O_OPC], 16);
    else if (kl_milenage_opc(buf[O_K], buf[O_OP], opc) != KL_MILENAGE_OK)
        goto internal;
    if (kl_milenage_generate(NULL, buf[O_K], opc, buf[O_RAND], buf[O_SQN],
                          buf[O_AMF], &o) != KL_MILENAGE_OK)
        goto internal;
    /* TS 33.102 6.3.2: AUTN = SQN xor AK || AMF || MAC-A. */
    for (int i = 0; i < 6; i++)
        autn[i] = (uint8_t)(buf[O_SQN][i] ^ o.ak[i]);
    memcpy(autn + 6, buf[O_AMF], 2);
    memcpy(autn + 8, o.mac_a, 8);

    putchar('{');
    put("opc", opc, 16, 0);
    put("f1", o.mac_a, 8, 0);
    put("f1star", o.mac_s, 8, 0);
    put("f2", o.res, 8, 0);
    put("f3", o.ck, 16, 0);
    put("f4", o.ik, 16, 0);
    put("f5", o.ak, 6, 0);
    put("f5star", o.ak_star, 6, 0);
    put("autn", autn, 16, 1);
    rc = fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL;
    goto out;
internal:
    cli_error("milenage: internal error in the core");
    rc = CLI_EXIT_FAIL;
out:
    cli_wipe(buf, sizeof buf);
    cli_wipe(opc, sizeof opc);
    cli_wipe(&o, sizeof o);
    return rc;
}
