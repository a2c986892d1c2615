/* cmd_card.h - `kilist card personalise|run|vpcd`: the virtual USIM of uicc/
 * as a process. */
#ifndef KILIST_CMD_CARD_H
#define KILIST_CMD_CARD_H

/* argv[0] is "card".  Returns the process exit status: 0 success (or
 * --help), 1 invalid input (bad profile, unreadable or invalid image, a
 * line that is not hex), 2 bad command line. */
int cmd_card(int argc, char **argv);

#endif
