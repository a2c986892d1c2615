/* sw.h - the card's status words (docs/standards.md 1.5; ISO/IEC 7816-4
 * 5.6, TS 102 221 10.2.1) and the one mapping from a handler's result to
 * the status word sent.
 *
 * Handler convention (uicc/dispatch.c): 0 = success (the dispatcher sends
 * 90 00), > 0 = that status word, < 0 = an internal error value of a module
 * (kl_common.h ranges; -10xx for uicc/), sent as 6F 00 unless it names a
 * malformed APDU (kl_apdu_parse's -3xx values). */
#ifndef KL_UICC_SW_H
#define KL_UICC_SW_H

#include <stdint.h>

#define KL_SW_OK 0x9000u            /* normal ending */
#define KL_SW_BYTES_LEFT 0x6100u    /* + XX: T=0, XX bytes for GET RESPONSE */
#define KL_SW_EOF 0x6282u           /* end of file/record before Le bytes */
#define KL_SW_TRIES 0x63C0u         /* + X: verification failed, X tries left */
#define KL_SW_MEMORY 0x6581u        /* memory problem */
#define KL_SW_WRONG_LENGTH 0x6700u  /* Lc or Le wrong */
#define KL_SW_NO_CHANNEL 0x6881u    /* logical channel not supported */
#define KL_SW_NO_SM 0x6882u         /* secure messaging not supported */
#define KL_SW_INCOMPATIBLE 0x6981u  /* command incompatible with file structure */
#define KL_SW_SECURITY 0x6982u      /* security status not satisfied */
#define KL_SW_BLOCKED 0x6983u       /* authentication/PIN method blocked */
#define KL_SW_CONDITIONS 0x6985u    /* conditions of use not satisfied */
#define KL_SW_NO_EF 0x6986u         /* command not allowed: no current EF */
#define KL_SW_BAD_DATA 0x6A80u      /* incorrect data field */
#define KL_SW_NOT_FOUND 0x6A82u     /* file or application not found */
#define KL_SW_NO_RECORD 0x6A83u     /* record not found */
#define KL_SW_BAD_P1P2 0x6A86u      /* incorrect P1-P2 */
#define KL_SW_NO_REF 0x6A88u        /* referenced data (key) not found */
#define KL_SW_WRONG_P1P2 0x6B00u    /* wrong P1-P2 (offset out of the EF) */
#define KL_SW_WRONG_LE 0x6C00u      /* + XX: T=0, repeat with Le = XX */
#define KL_SW_BAD_INS 0x6D00u       /* INS not supported */
#define KL_SW_BAD_CLA 0x6E00u       /* CLA not supported */
#define KL_SW_TECHNICAL 0x6F00u     /* technical problem */

/* uicc/ internal errors: the card application's range -1201 .. -1299 of
 * core/kl_common.h (KL_ERR_CARD - n). */
enum kl_uicc_status {
    KL_UICC_OK = 0,
    KL_UICC_E_NULL = -1201,     /* a pointer argument was NULL */
    KL_UICC_E_POWER = -1202,    /* a storage write was cut: the card is off */
    KL_UICC_E_IMAGE = -1203,    /* the stored state image is not valid */
    KL_UICC_E_SIZE = -1204,     /* a buffer is too small */
    KL_UICC_E_IO = -1205,       /* reading or writing the image file failed */
    KL_UICC_E_STATE = -1206,    /* card not booted, or internal inconsistency */
    KL_UICC_E_PROFILE = -1207,  /* the profile is not valid */
};

/* The status word for a handler's result (convention above): 0 -> 9000;
 * a value in 0x6000..0x6FFF or 0x9000..0x9FFF -> itself; any other
 * positive value -> 6F00; KL_APDU_E_CLA_* -> 6E00; the other -3xx parse
 * errors -> 6700; every other negative value -> 6F00. */
uint16_t kl_uicc_sw(int status);

#endif
