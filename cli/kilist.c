/* kilist.c - the `kilist` command: one sub-command per step of TR 33.812
 * alternatives 3a/3b, plus the building blocks (milenage, apdu). */
#include "cli_util.h"
#include "cmd_apdu.h"
#include "cmd_card.h"
#include "cmd_milenage.h"

#include <stdio.h>
#include <string.h>

#define KILIST_VERSION "0.1.0"

static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"milenage", cmd_milenage, "MILENAGE f1..f5* and AUTN for one input (TS 35.206)"},
    {"apdu", cmd_apdu, "decode one ISO 7816-4 command APDU (hex) to JSON"},
    {"card", cmd_card, "the virtual USIM: personalise an image, run it on APDUs, serve it over PC/SC (vpcd)"},
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: kilist COMMAND [ARGS...]\n"
            "       kilist --help | --version\n"
            "\n"
            "kilist: over-the-air operator change for M2M UICCs (3GPP TR 33.812,\n"
            "Ki transfer and pre-configured Ki list) on a Frama-C-proved core.\n"
            "\n"
            "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n`kilist COMMAND --help` describes one command.\n"
               "Exit status: 0 success, 1 invalid input, 2 bad command line.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        cli_error("missing command (see kilist --help)");
        return CLI_EXIT_USAGE;
    }
    if (cli_is_help(argv[1])) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("kilist %s\n", KILIST_VERSION);
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    cli_error("unknown command '%s' (see kilist --help)", argv[1]);
    return CLI_EXIT_USAGE;
}
