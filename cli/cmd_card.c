/* cmd_card.c - `kilist card`: write a card from a JSON profile, and run it
 * on APDUs from stdin, its state kept in an image file (uicc/, docs/
 * formats.md).
 *
 *   kilist card personalise --profile PROFILE.json --image IMAGE [--force]
 *   kilist card run --image IMAGE [--trace FILE.pcap]
 *   kilist card vpcd --image IMAGE [--host H] [--port P] [--trace FILE.pcap]
 *                    [--no-reconnect]
 *
 * Secrets (PINs, ADM, keys) are never printed: errors name the field only.
 */
#define _POSIX_C_SOURCE 200809L
#include "cmd_card.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "card.h"
#include "cli_util.h"
#include "pcap.h"
#include "profile.h"
#include "sw.h"
#include "vpcd.h"

#define PROFILE_MAX (1u << 20)
#define LINE_MAX_CHARS 4096

static kl_card card; /* about 40 KB: not on the stack */

static const char usage_text[] =
    "usage: kilist card personalise --profile PROFILE.json --image IMAGE "
    "[--force]\n"
    "       kilist card run --image IMAGE [--trace FILE.pcap]\n"
    "       kilist card vpcd --image IMAGE [--host H] [--port P] "
    "[--trace FILE.pcap]\n"
    "                        [--no-reconnect]\n"
    "\n"
    "personalise  write a new card from a JSON profile (format: "
    "docs/formats.md,\n"
    "             example: examples/profile.json).  Fields: iccid, imsi, "
    "pin1,\n"
    "             [puk1], adm1, [mnc_len], [ust], entries (one per key-list "
    "entry,\n"
    "             entry 0 active: alg, k, opc or op, kic, kid, kvn, sqn, "
    "[sqn_scheme]).\n"
    "             A bad profile is refused with a message naming the field "
    "(exit 1)\n"
    "             and nothing is written.  An existing IMAGE is kept unless "
    "--force.\n"
    "run          run the card: one command APDU per line on stdin (hex, "
    "spaces\n"
    "             allowed; '#' starts a comment; blank lines ignored; the "
    "line\n"
    "             'reset' resets the card and prints its ATR).  Each "
    "response is\n"
    "             one line of hex: the data, then SW1 SW2.  Protocol T=0: "
    "a command\n"
    "             with data and no Le that has response data answers 61XX "
    "(fetch it\n"
    "             with GET RESPONSE 00C00000XX).  The state (files, PIN "
    "counters, key\n"
    "             list) persists in IMAGE, rewritten atomically after every "
    "command\n"
    "             that changes it.  A line that is not hex stops the run "
    "(exit 1).\n"
    "vpcd         serve the card to PC/SC: connect, as the card, to the vpcd\n"
    "             reader driver of vsmartcard (loaded by pcscd; Debian\n"
    "             vsmartcard-vpcd) at H:P, default 127.0.0.1:35963 (vpcd's\n"
    "             first reader).  ATR 3B 80 80 1F C7 D8: protocol T=0 only, no\n"
    "             historical bytes.  Power on, reset and power off bring the\n"
    "             session back to power-on (MF current, no PIN verified).  The\n"
    "             state persists in IMAGE as for run, written before the\n"
    "             response is sent.  When vpcd is not there or goes away, the\n"
    "             card says so on stderr and connects again every 250 ms; with\n"
    "             --no-reconnect it exits 1 instead.  SIGTERM or SIGINT stops it\n"
    "             cleanly (exit 0).\n"
    "--trace      (run, vpcd) also write every command/response pair to\n"
    "             FILE.pcap as a GSMTAP SIM frame (UDP port 4729, decoded as\n"
    "             GSM SIM by Wireshark/tshark; layout in uicc/pcap.h).  The\n"
    "             trace holds every byte exchanged, PINs and session keys\n"
    "             included: keep it private.\n"
    "Exit status: 0 success, 1 invalid input, 2 bad command line.\n";

static int personalise(int argc, char **argv)
{
    const char *profile = NULL, *image = NULL;
    int force = 0, rc;
    char why[256];
    static char text[PROFILE_MAX + 1];
    size_t n;
    FILE *f;
    struct stat sb;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int m;
        if (cli_is_help(argv[i])) {
            fputs(usage_text, stdout);
            return CLI_EXIT_OK;
        }
        if (strcmp(argv[i], "--force") == 0) {
            force = 1;
            continue;
        }
        if ((m = cli_opt(argc, argv, &i, "--profile", &v)) != 0) {
            if (m < 0 || profile != NULL) {
                cli_error("--profile needs one value");
                return CLI_EXIT_USAGE;
            }
            profile = v;
            continue;
        }
        if ((m = cli_opt(argc, argv, &i, "--image", &v)) != 0) {
            if (m < 0 || image != NULL) {
                cli_error("--image needs one value");
                return CLI_EXIT_USAGE;
            }
            image = v;
            continue;
        }
        cli_error("card personalise: unknown argument '%s'", argv[i]);
        return CLI_EXIT_USAGE;
    }
    if (profile == NULL || image == NULL) {
        cli_error("card personalise needs --profile and --image");
        return CLI_EXIT_USAGE;
    }
    if (!force && stat(image, &sb) == 0) {
        cli_error("%s exists: a card is not overwritten without --force",
                  image);
        return CLI_EXIT_FAIL;
    }
    f = fopen(profile, "rb");
    if (f == NULL) {
        cli_error("cannot read profile %s", profile);
        return CLI_EXIT_FAIL;
    }
    n = fread(text, 1, PROFILE_MAX + 1, f);
    fclose(f);
    if (n > PROFILE_MAX) {
        cli_wipe(text, sizeof text);
        cli_error("profile %s: larger than %u bytes", profile, PROFILE_MAX);
        return CLI_EXIT_FAIL;
    }
    rc = kl_profile_parse(text, n, &card.st, why, sizeof why);
    cli_wipe(text, sizeof text);
    if (rc != KL_UICC_OK) {
        cli_error("%s: %s", profile, why);
        return CLI_EXIT_FAIL;
    }
    rc = kl_card_personalise(&card, &card.st);
    if (rc == KL_UICC_OK)
        rc = kl_card_save_file(&card, image);
    cli_wipe(&card, sizeof card);
    if (rc != KL_UICC_OK) {
        cli_error("cannot write %s (%d)", image, rc);
        return CLI_EXIT_FAIL;
    }
    return CLI_EXIT_OK;
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

/* The line without comment and spaces: 0 empty, 1 "reset", 2 an APDU in
 * apdu[0 .. *n-1], -1 not hex. */
static int parse_line(char *line, uint8_t *apdu, size_t cap, size_t *n)
{
    char *hash = strchr(line, '#');
    char digits[LINE_MAX_CHARS];
    size_t d = 0;
    if (hash != NULL)
        *hash = '\0';
    for (char *p = line; *p != '\0'; p++)
        if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            digits[d++] = *p;
    digits[d] = '\0';
    if (d == 0)
        return 0;
    if (strcmp(digits, "reset") == 0)
        return 1;
    if (d % 2 != 0 || d / 2 > cap)
        return -1;
    for (size_t k = 0; k < d / 2; k++) {
        int h = nibble(digits[2 * k]), l = nibble(digits[2 * k + 1]);
        if (h < 0 || l < 0)
            return -1;
        apdu[k] = (uint8_t)(h * 16 + l);
    }
    *n = d / 2;
    return 2;
}

static int run(int argc, char **argv)
{
    const char *image = NULL, *trace_path = NULL;
    kl_pcap trace = {NULL, 0, 0};
    char line[LINE_MAX_CHARS];
    uint8_t apdu[LINE_MAX_CHARS / 2], resp[KL_CARD_RESP_MAX];
    unsigned long lineno = 0;
    int rc;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int m;
        if (cli_is_help(argv[i])) {
            fputs(usage_text, stdout);
            return CLI_EXIT_OK;
        }
        if ((m = cli_opt(argc, argv, &i, "--image", &v)) != 0) {
            if (m < 0 || image != NULL) {
                cli_error("--image needs one value");
                return CLI_EXIT_USAGE;
            }
            image = v;
            continue;
        }
        if ((m = cli_opt(argc, argv, &i, "--trace", &v)) != 0) {
            if (m < 0 || trace_path != NULL) {
                cli_error("--trace needs one value");
                return CLI_EXIT_USAGE;
            }
            trace_path = v;
            continue;
        }
        cli_error("card run: unknown argument '%s'", argv[i]);
        return CLI_EXIT_USAGE;
    }
    if (image == NULL) {
        cli_error("card run needs --image");
        return CLI_EXIT_USAGE;
    }
    rc = kl_card_load_file(&card, image);
    if (rc != KL_UICC_OK) {
        cli_error("%s: %s", image, rc == KL_UICC_E_IO
                                       ? "cannot read the image"
                                       : "not a valid card image");
        return CLI_EXIT_FAIL;
    }
    if (trace_path != NULL && kl_pcap_open(&trace, trace_path) != 0) {
        cli_error("cannot write the trace %s", trace_path);
        cli_wipe(&card, sizeof card);
        return CLI_EXIT_FAIL;
    }
    while (fgets(line, sizeof line, stdin) != NULL) {
        size_t n = 0, rlen = 0;
        uint32_t seq = card.txn.seq;
        int kind;
        lineno++;
        if (strchr(line, '\n') == NULL && !feof(stdin)) {
            cli_error("stdin line %lu: longer than %d characters", lineno,
                      LINE_MAX_CHARS - 2);
            rc = CLI_EXIT_FAIL;
            goto out;
        }
        kind = parse_line(line, apdu, sizeof apdu, &n);
        if (kind == 0)
            continue;
        if (kind < 0) {
            cli_error("stdin line %lu: not an APDU in hex (nor 'reset')",
                      lineno);
            rc = CLI_EXIT_FAIL;
            goto out;
        }
        if (kind == 1)
            rc = kl_card_reset(&card, resp, sizeof resp, &rlen);
        else
            rc = kl_card_apdu(&card, apdu, n, resp, sizeof resp, &rlen);
        if (rc != KL_UICC_OK) {
            cli_error("stdin line %lu: the card failed (%d)", lineno, rc);
            rc = CLI_EXIT_FAIL;
            goto out;
        }
        cli_put_hex(stdout, resp, rlen);
        putchar('\n');
        fflush(stdout);
        /* reset lines have no APDU and are not traced (pcap.h: no ATR
         * frames) */
        if (kind == 2 && trace.f != NULL &&
            kl_pcap_apdu(&trace, apdu, n, resp, rlen) != 0) {
            cli_error("cannot write the trace %s", trace_path);
            rc = CLI_EXIT_FAIL;
            goto out;
        }
        if (card.txn.seq != seq && kl_card_save_file(&card, image) != 0) {
            cli_error("cannot write %s", image);
            rc = CLI_EXIT_FAIL;
            goto out;
        }
    }
    rc = CLI_EXIT_OK;
out:
    cli_wipe(&card, sizeof card);
    if (kl_pcap_close(&trace) != 0 && rc == CLI_EXIT_OK) {
        cli_error("cannot write the trace %s", trace_path);
        rc = CLI_EXIT_FAIL;
    }
    return rc;
}

static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static int vpcd(int argc, char **argv)
{
    const char *image = NULL, *trace_path = NULL, *host = NULL, *port = NULL;
    kl_pcap trace = {NULL, 0, 0};
    kl_vpcd v;
    struct sigaction sa;
    int reconnect = 1, rc;
    for (int i = 1; i < argc; i++) {
        static const char *const names[] = {"--image", "--trace", "--host",
                                            "--port"};
        const char **slots[] = {&image, &trace_path, &host, &port};
        const char *val;
        int m = 0, k;
        if (cli_is_help(argv[i])) {
            fputs(usage_text, stdout);
            return CLI_EXIT_OK;
        }
        if (strcmp(argv[i], "--no-reconnect") == 0) {
            reconnect = 0;
            continue;
        }
        for (k = 0; k < 4; k++)
            if ((m = cli_opt(argc, argv, &i, names[k], &val)) != 0)
                break;
        if (k == 4) {
            cli_error("card vpcd: unknown argument '%s'", argv[i]);
            return CLI_EXIT_USAGE;
        }
        if (m < 0 || *slots[k] != NULL || val[0] == '\0') {
            cli_error("%s needs one value", names[k]);
            return CLI_EXIT_USAGE;
        }
        *slots[k] = val;
    }
    if (image == NULL) {
        cli_error("card vpcd needs --image");
        return CLI_EXIT_USAGE;
    }
    if (port != NULL) {
        char *end;
        long p = strtol(port, &end, 10);
        if (*end != '\0' || p < 1 || p > 65535) {
            cli_error("--port: a TCP port 1..65535, not '%s'", port);
            return CLI_EXIT_USAGE;
        }
    }
    rc = kl_card_load_file(&card, image);
    if (rc != KL_UICC_OK) {
        cli_error("%s: %s", image, rc == KL_UICC_E_IO
                                       ? "cannot read the image"
                                       : "not a valid card image");
        return CLI_EXIT_FAIL;
    }
    if (trace_path != NULL && kl_pcap_open(&trace, trace_path) != 0) {
        cli_error("cannot write the trace %s", trace_path);
        cli_wipe(&card, sizeof card);
        return CLI_EXIT_FAIL;
    }
    memset(&v, 0, sizeof v);
    v.card = &card;
    v.image = image;
    v.trace = trace_path != NULL ? &trace : NULL;
    v.log = stderr;
    /* no SA_RESTART: a signal ends the wait at once */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    rc = kl_vpcd_run(&v, host != NULL ? host : KL_VPCD_HOST,
                     port != NULL ? port : KL_VPCD_PORT, reconnect,
                     &stop_requested);
    cli_wipe(&card, sizeof card);
    if (kl_pcap_close(&trace) != 0) {
        cli_error("cannot write the trace %s", trace_path);
        rc = -1;
    }
    return rc == 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}

int cmd_card(int argc, char **argv)
{
    if (argc < 2) {
        cli_error("card needs a sub-command: personalise, run or vpcd (see "
                  "kilist card --help)");
        return CLI_EXIT_USAGE;
    }
    if (cli_is_help(argv[1])) {
        fputs(usage_text, stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "personalise") == 0)
        return personalise(argc - 1, argv + 1);
    if (strcmp(argv[1], "run") == 0)
        return run(argc - 1, argv + 1);
    if (strcmp(argv[1], "vpcd") == 0)
        return vpcd(argc - 1, argv + 1);
    cli_error("card: unknown sub-command '%s' (see kilist card --help)",
              argv[1]);
    return CLI_EXIT_USAGE;
}
