/* cmd_apdu.h - `kilist apdu HEX`: parse one command APDU, print JSON. */
#ifndef KILIST_CMD_APDU_H
#define KILIST_CMD_APDU_H

/* argv[0] is "apdu".  Returns the process exit status: 0 parsed (or
 * --help), 1 malformed APDU, 2 bad usage. */
int cmd_apdu(int argc, char **argv);

#endif
