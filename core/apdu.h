/* apdu.h - strict ISO/IEC 7816-4 command APDU parser, CLA decoder and
 * response APDU builder (standards.md section 1), freestanding.
 *
 * apdu_parse() accepts exactly the seven encodings of ISO/IEC 7816-4
 * (cases 1, 2S, 3S, 4S, 2E, 3E, 4E; standards.md 1.2) and refuses every
 * other byte string with an error value naming the defect (1.3).  Nothing
 * is copied: the command data is reported as an offset and a length inside
 * the caller's buffer.
 *
 * The formal meaning of "well formed", of every output field and of every
 * error value is the ACSL logic in spec/apdu.acsl; the contracts in
 * apdu.c state that the code computes exactly those values (Frama-C WP).
 */
#ifndef KILIST_APDU_H
#define KILIST_APDU_H

#include "kl_common.h"

#define APDU_HEADER_LEN 4          /* CLA INS P1 P2 */
#define APDU_MAX_LEN 65544         /* case 4E: 4 + 3 + 65535 + 2 */
#define APDU_MAX_RESP_DATA 65536   /* largest Ne (extended Le 0000) */

enum apdu_status {
    APDU_OK = 0,
    APDU_E_NULL = -301,          /* a required pointer argument was NULL */
    APDU_E_TOO_LONG = -302,      /* more than APDU_MAX_LEN bytes */
    APDU_E_TOO_SHORT = -303,     /* fewer than 4 bytes: no complete header */
    APDU_E_CLA_INVALID = -304,   /* CLA 'FF' (reserved, 7816-4; 1.3/1.4) */
    APDU_E_CLA_RESERVED = -305,  /* CLA 001x xxxx: reserved for future use */
    APDU_E_ZERO_B4_LEN6 = -306,  /* 6 bytes with a zero 5th byte (1.3 rule 5) */
    APDU_E_SHORT_LC_ZERO = -307, /* short Lc 00 followed by 256 data bytes
                                    (pySim reads 00 as 256; 1.3) */
    APDU_E_EXT_LC_ZERO = -308,   /* extended Lc 0000 (1.3 rule 7) */
    APDU_E_LE_MIXED = -309,      /* one-byte Le after an extended Lc, or a
                                    two-byte Le after a short Lc */
    APDU_E_TRUNCATED = -310,     /* fewer data bytes than Lc announces */
    APDU_E_TRAILING = -311,      /* bytes left over after the data and Le */
    APDU_E_RESP_CAPACITY = -312, /* response does not fit the output buffer */
    APDU_E_RESP_TOO_LONG = -313, /* response data longer than 65536 bytes */
};

/* The seven encodings (standards.md 1.2). */
enum apdu_case {
    APDU_CASE_1 = 1,
    APDU_CASE_2S = 2,
    APDU_CASE_3S = 3,
    APDU_CASE_4S = 4,
    APDU_CASE_2E = 5,
    APDU_CASE_3E = 6,
    APDU_CASE_4E = 7,
};

/* CLA class kinds (standards.md 1.4). */
enum apdu_cla_kind {
    APDU_CLA_FIRST = 1,       /* 000x xxxx: first interindustry */
    APDU_CLA_FURTHER = 2,     /* 01xx xxxx: further interindustry */
    APDU_CLA_PROPRIETARY = 3, /* 1xxx xxxx except 'FF' */
};

/* Secure-messaging indication.  The values equal the two-bit b4 b3 code of
 * the first interindustry class (standards.md 1.4). */
enum apdu_sm {
    APDU_SM_NONE = 0,
    APDU_SM_PROPRIETARY = 1,
    APDU_SM_ISO_NOHDR = 2, /* ISO SM, command header not processed */
    APDU_SM_ISO_AUTH = 3,  /* ISO SM, command header authenticated */
};

/* A decoded CLA byte. */
typedef struct apdu_cla_info {
    int32_t kind;     /* enum apdu_cla_kind */
    int32_t channel;  /* logical channel 0..19 */
    int32_t sm;       /* enum apdu_sm */
    int32_t chaining; /* 1: more commands of the chain follow (b5) */
} apdu_cla_info;

/* A parsed command APDU.  All fields are plain integers. */
typedef struct apdu_cmd {
    int32_t apdu_case; /* enum apdu_case */
    int32_t cla, ins, p1, p2;
    int32_t nc;        /* Nc: number of command data bytes, 0..65535 */
    int32_t data_off;  /* offset of the data inside the caller's buffer:
                          5 after a short Lc, 7 after an extended Lc, 4
                          (the end of the header) when there is no Lc */
    int32_t ne;        /* Ne: 0 (no Le), 1..256 short, 1..65536 extended */
    apdu_cla_info cls; /* the CLA byte decoded (apdu_decode_cla) */
} apdu_cmd;

/* The ACSL logic the contracts in apdu.c refer to.  Only Frama-C reads it
 * (it is all comments and one annotation macro), so the installed header
 * does not need spec/ next to it. */
#if defined(__FRAMAC__)
#include "../spec/apdu.acsl"
#endif

/* Decodes the CLA byte (standards.md 1.4) into *info.  Returns APDU_OK,
 * APDU_E_NULL, APDU_E_CLA_INVALID ('FF') or APDU_E_CLA_RESERVED
 * (001x xxxx); *info is written only on APDU_OK. */
int apdu_decode_cla(uint8_t cla, apdu_cla_info *info);

/* Parses the len-byte command APDU at apdu (standards.md 1.2-1.3).  On
 * APDU_OK every field of *out is written; on error *out is untouched and
 * the result is one of the APDU_E_* values above (the first that applies in
 * the order NULL, too long, too short, CLA, then the length fields). */
int apdu_parse(const uint8_t *apdu, size_t len, apdu_cmd *out);

/* Writes the response APDU data || SW1 SW2 (standards.md 1.5) into
 * out[0 .. outcap-1] and its length into *outlen.  data may be NULL when
 * len is 0.  Returns APDU_OK, APDU_E_NULL, APDU_E_RESP_TOO_LONG (len >
 * 65536) or APDU_E_RESP_CAPACITY (len + 2 > outcap); on error nothing is
 * written. */
int apdu_response(const uint8_t *data, size_t len, uint8_t sw1, uint8_t sw2,
                  uint8_t *out, size_t outcap, size_t *outlen);

#endif
