#ifndef KILIST_CMD_MILENAGE_H
#define KILIST_CMD_MILENAGE_H
/* kilist milenage: one authentication vector's worth of MILENAGE outputs. */
int cmd_milenage(int argc, char **argv);
#endif
