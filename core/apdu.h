/* apdu.h - strict ISO/IEC 7816-4 command APDU parser, CLA decoder and
 * response APDU builder (docs/standards.md section 1), freestanding.
 *
 * kl_apdu_parse() accepts exactly the seven encodings of ISO/IEC 7816-4
 * (cases 1, 2S, 3S, 4S, 2E, 3E, 4E; docs/standards.md 1.2) and refuses every
 * other byte string with an error value naming the defect (1.3).  Nothing
 * is copied: the command data is reported as an offset and a length inside
 * the caller's buffer.
 *
 * The formal meaning of "well formed", of every output field and of every
 * error value is the ACSL logic in spec/apdu.acsl; the contracts below
 * state that the code computes exactly those values (Frama-C WP, unit
 * "apdu").
 */
#ifndef KL_APDU_H
#define KL_APDU_H

#include "kl_common.h"

#define KL_APDU_HEADER_LEN 4          /* CLA INS P1 P2 */
#define KL_APDU_MAX_LEN 65544         /* case 4E: 4 + 3 + 65535 + 2 */
#define KL_APDU_MAX_RESP_DATA 65536   /* largest Ne (extended Le 0000) */

enum kl_apdu_status {
    KL_APDU_OK = KL_OK,
    KL_APDU_E_NULL = KL_ERR_APDU - 1,          /* a required pointer argument was NULL */
    KL_APDU_E_TOO_LONG = KL_ERR_APDU - 2,      /* more than KL_APDU_MAX_LEN bytes */
    KL_APDU_E_TOO_SHORT = KL_ERR_APDU - 3,     /* fewer than 4 bytes: no complete header */
    KL_APDU_E_CLA_INVALID = KL_ERR_APDU - 4,   /* CLA 'FF' (reserved, 7816-4; 1.3/1.4) */
    KL_APDU_E_CLA_RESERVED = KL_ERR_APDU - 5,  /* CLA 001x xxxx: reserved for future use */
    KL_APDU_E_ZERO_B4_LEN6 = KL_ERR_APDU - 6,  /* 6 bytes with a zero 5th byte (1.3 rule 5) */
    KL_APDU_E_SHORT_LC_ZERO = KL_ERR_APDU - 7, /* short Lc 00 followed by 256 data bytes
                                    (pySim reads 00 as 256; 1.3) */
    KL_APDU_E_EXT_LC_ZERO = KL_ERR_APDU - 8,   /* extended Lc 0000 (1.3 rule 7) */
    KL_APDU_E_LE_MIXED = KL_ERR_APDU - 9,      /* one-byte Le after an extended Lc, or a
                                    two-byte Le after a short Lc */
    KL_APDU_E_TRUNCATED = KL_ERR_APDU - 10,     /* fewer data bytes than Lc announces */
    KL_APDU_E_TRAILING = KL_ERR_APDU - 11,      /* bytes left over after the data and Le */
    KL_APDU_E_RESP_CAPACITY = KL_ERR_APDU - 12, /* response does not fit the output buffer */
    KL_APDU_E_RESP_TOO_LONG = KL_ERR_APDU - 13, /* response data longer than 65536 bytes */
};

/* The seven encodings (docs/standards.md 1.2). */
enum kl_apdu_case {
    KL_APDU_CASE_1 = 1,
    KL_APDU_CASE_2S = 2,
    KL_APDU_CASE_3S = 3,
    KL_APDU_CASE_4S = 4,
    KL_APDU_CASE_2E = 5,
    KL_APDU_CASE_3E = 6,
    KL_APDU_CASE_4E = 7,
};

/* CLA class kinds (docs/standards.md 1.4). */
enum kl_apdu_cla_kind {
    KL_APDU_CLA_FIRST = 1,       /* 000x xxxx: first interindustry */
    KL_APDU_CLA_FURTHER = 2,     /* 01xx xxxx: further interindustry */
    KL_APDU_CLA_PROPRIETARY = 3, /* 1xxx xxxx except 'FF' */
};

/* Secure-messaging indication.  The values equal the two-bit b4 b3 code of
 * the first interindustry class (docs/standards.md 1.4). */
enum kl_apdu_sm {
    KL_APDU_SM_NONE = 0,
    KL_APDU_SM_PROPRIETARY = 1,
    KL_APDU_SM_ISO_NOHDR = 2, /* ISO SM, command header not processed */
    KL_APDU_SM_ISO_AUTH = 3,  /* ISO SM, command header authenticated */
};

/* A decoded CLA byte. */
typedef struct kl_apdu_cla_info {
    int32_t kind;     /* enum kl_apdu_cla_kind */
    int32_t channel;  /* logical channel 0..19 */
    int32_t sm;       /* enum kl_apdu_sm */
    int32_t chaining; /* 1: more commands of the chain follow (b5) */
} kl_apdu_cla_info;

/* A parsed command APDU.  All fields are plain integers. */
typedef struct kl_apdu_cmd {
    int32_t apdu_case; /* enum kl_apdu_case */
    int32_t cla, ins, p1, p2;
    int32_t nc;        /* Nc: number of command data bytes, 0..65535 */
    int32_t data_off;  /* offset of the data inside the caller's buffer:
                          5 after a short Lc, 7 after an extended Lc, 4
                          (the end of the header) when there is no Lc */
    int32_t ne;        /* Ne: 0 (no Le), 1..256 short, 1..65536 extended */
    kl_apdu_cla_info cls; /* the CLA byte decoded (kl_apdu_decode_cla) */
} kl_apdu_cmd;

/* The ACSL logic the contracts below refer to.  Only Frama-C reads it
 * (it is all comments and one annotation macro), so the installed header
 * does not need spec/ next to it. */
#if defined(__FRAMAC__)
#include "../spec/apdu.acsl"
/* The success behaviours of kl_apdu_parse share their preconditions on the
 * pointers. */
#define KL_APDU_ARGS_OK apdu != \null && out != \null
#endif

/* Decodes the CLA byte (docs/standards.md 1.4) into *info.  Returns KL_APDU_OK,
 * KL_APDU_E_NULL, KL_APDU_E_CLA_INVALID ('FF') or KL_APDU_E_CLA_RESERVED
 * (001x xxxx); *info is written only on KL_APDU_OK. */
/*@ requires valid_info: info == \null || \valid(info);
    terminates \true;
    assigns *info;
    // The same values through the logic functions the parser contract uses.
    ensures \result == KL_APDU_OK ==>
      info->kind == apdu_cla_kind(cla) &&
      info->channel == apdu_cla_channel(cla) &&
      info->sm == apdu_cla_sm(cla) &&
      info->chaining == apdu_cla_chaining(cla);
    ensures \result == KL_APDU_OK <==> info != \null && apdu_cla_valid(cla);
    ensures \result == KL_APDU_OK ==> \initialized(info);
    behavior null_argument:
      assumes info == \null;
      assigns \nothing;
      ensures \result == KL_APDU_E_NULL;
    behavior invalid:
      assumes info != \null && cla == 0xFF;
      assigns \nothing;
      ensures \result == KL_APDU_E_CLA_INVALID;
    behavior reserved:
      assumes info != \null && apdu_cla_reserved(cla);
      assigns \nothing;
      ensures \result == KL_APDU_E_CLA_RESERVED;
    behavior first_interindustry:
      assumes info != \null && apdu_cla_first(cla);
      ensures \result == KL_APDU_OK;
      ensures info->kind == KL_APDU_CLA_FIRST;
      ensures info->channel == cla % 4;
      ensures info->sm == (cla / 4) % 4;
      ensures info->chaining == (cla / 16) % 2;
    behavior further_interindustry:
      assumes info != \null && apdu_cla_further(cla);
      ensures \result == KL_APDU_OK;
      ensures info->kind == KL_APDU_CLA_FURTHER;
      ensures info->channel == 4 + cla % 16;
      ensures info->sm == ((cla / 32) % 2 == 1 ? KL_APDU_SM_ISO_NOHDR
                                                : KL_APDU_SM_NONE);
      ensures info->chaining == (cla / 16) % 2;
    behavior proprietary_low:
      assumes info != \null && apdu_cla_prop_low(cla);
      ensures \result == KL_APDU_OK;
      ensures info->kind == KL_APDU_CLA_PROPRIETARY;
      ensures info->channel == cla % 4;
      ensures info->sm == (cla / 4) % 4;
      ensures info->chaining == (cla / 16) % 2;
    behavior proprietary_high:
      assumes info != \null && apdu_cla_prop_high(cla);
      ensures \result == KL_APDU_OK;
      ensures info->kind == KL_APDU_CLA_PROPRIETARY;
      ensures info->channel == 4 + cla % 16;
      ensures info->sm == ((cla / 32) % 2 == 1 ? KL_APDU_SM_ISO_NOHDR
                                                : KL_APDU_SM_NONE);
      ensures info->chaining == (cla / 16) % 2;
    complete behaviors;
    disjoint behaviors;
*/
int kl_apdu_decode_cla(uint8_t cla, kl_apdu_cla_info *info);

/* Parses the len-byte command APDU at apdu (docs/standards.md 1.2-1.3).  On
 * KL_APDU_OK every field of *out is written; on error *out is untouched and
 * the result is one of the KL_APDU_E_* values above (the first that applies in
 * the order NULL, too long, too short, CLA, then the length fields). */
/*@ requires read_apdu: apdu == \null || \valid_read(apdu + (0 .. len - 1));
    requires init_apdu: apdu != \null ==> \initialized(apdu + (0 .. len - 1));
    requires valid_out: out == \null || \valid(out);
    requires sep_out_apdu: apdu != \null && out != \null ==>
             \separated(out, apdu + (0 .. len - 1));
    terminates \true;
    assigns *out;
    behavior null_argument:
      assumes apdu == \null || out == \null;
      assigns \nothing;
      ensures \result == KL_APDU_E_NULL;
    behavior malformed:
      assumes KL_APDU_ARGS_OK;
      assumes apdu_error(apdu, len) != KL_APDU_OK;
      assigns \nothing;
      ensures \result == \old(apdu_error(apdu, len));
      ensures KL_APDU_E_TRAILING <= \result <= KL_APDU_E_TOO_LONG;
    behavior case_1:
      assumes KL_APDU_ARGS_OK && is_case_1(apdu, len);
      ensures \result == KL_APDU_OK;
      KL_APDU_PARSED(out, apdu, len, KL_APDU_CASE_1)
      ensures out->nc == 0 && out->ne == 0;
    behavior case_2s:
      assumes KL_APDU_ARGS_OK && is_case_2s(apdu, len);
      ensures \result == KL_APDU_OK;
      KL_APDU_PARSED(out, apdu, len, KL_APDU_CASE_2S)
      ensures out->nc == 0 && 1 <= out->ne <= 256;
    behavior case_3s:
      assumes KL_APDU_ARGS_OK && is_case_3s(apdu, len);
      ensures \result == KL_APDU_OK;
      KL_APDU_PARSED(out, apdu, len, KL_APDU_CASE_3S)
      ensures 1 <= out->nc <= 255 && out->ne == 0;
      ensures out->data_off + out->nc == len;
    behavior case_4s:
      assumes KL_APDU_ARGS_OK && is_case_4s(apdu, len);
      ensures \result == KL_APDU_OK;
      KL_APDU_PARSED(out, apdu, len, KL_APDU_CASE_4S)
      ensures 1 <= out->nc <= 255 && 1 <= out->ne <= 256;
      ensures out->data_off + out->nc == len - 1;
    behavior case_2e:
      assumes KL_APDU_ARGS_OK && is_case_2e(apdu, len);
      ensures \result == KL_APDU_OK;
      KL_APDU_PARSED(out, apdu, len, KL_APDU_CASE_2E)
      ensures out->nc == 0 && 1 <= out->ne <= 65536;
    behavior case_3e:
      assumes KL_APDU_ARGS_OK && is_case_3e(apdu, len);
      ensures \result == KL_APDU_OK;
      KL_APDU_PARSED(out, apdu, len, KL_APDU_CASE_3E)
      ensures 1 <= out->nc <= 65535 && out->ne == 0;
      ensures out->data_off + out->nc == len;
    behavior case_4e:
      assumes KL_APDU_ARGS_OK && is_case_4e(apdu, len);
      ensures \result == KL_APDU_OK;
      KL_APDU_PARSED(out, apdu, len, KL_APDU_CASE_4E)
      ensures 1 <= out->nc <= 65535 && 1 <= out->ne <= 65536;
      ensures out->data_off + out->nc == len - 2;
    complete behaviors;
    disjoint behaviors;
*/
int kl_apdu_parse(const uint8_t *apdu, size_t len, kl_apdu_cmd *out);

/* Writes the response APDU data || SW1 SW2 (docs/standards.md 1.5) into
 * out[0 .. outcap-1] and its length into *outlen.  data may be NULL when
 * len is 0.  Returns KL_APDU_OK, KL_APDU_E_NULL, KL_APDU_E_RESP_TOO_LONG (len >
 * 65536) or KL_APDU_E_RESP_CAPACITY (len + 2 > outcap); on error nothing is
 * written. */
/*@ requires read_data: data == \null || \valid_read(data + (0 .. len - 1));
    requires init_data: data != \null ==> \initialized(data + (0 .. len - 1));
    requires valid_out: out == \null || \valid(out + (0 .. outcap - 1));
    requires valid_outlen: outlen == \null || \valid(outlen);
    requires sep_out_data: out != \null && data != \null ==>
             \separated(out + (0 .. outcap - 1), data + (0 .. len - 1));
    requires sep_outlen_out: out != \null && outlen != \null ==>
             \separated(outlen, out + (0 .. outcap - 1));
    requires sep_outlen_data: outlen != \null && data != \null ==>
             \separated(outlen, data + (0 .. len - 1));
    terminates \true;
    assigns out[0 .. len + 1], *outlen;
    behavior null_argument:
      assumes out == \null || outlen == \null || (data == \null && len > 0);
      assigns \nothing;
      ensures \result == KL_APDU_E_NULL;
    behavior too_long:
      assumes out != \null && outlen != \null && (data != \null || len == 0);
      assumes len > KL_APDU_MAX_RESP_DATA;
      assigns \nothing;
      ensures \result == KL_APDU_E_RESP_TOO_LONG;
    behavior no_room:
      assumes out != \null && outlen != \null && (data != \null || len == 0);
      assumes len <= KL_APDU_MAX_RESP_DATA && len + 2 > outcap;
      assigns \nothing;
      ensures \result == KL_APDU_E_RESP_CAPACITY;
    behavior built:
      assumes out != \null && outlen != \null && (data != \null || len == 0);
      assumes len <= KL_APDU_MAX_RESP_DATA && len + 2 <= outcap;
      ensures \result == KL_APDU_OK;
      ensures *outlen == len + 2;
      ensures \forall integer i; 0 <= i < len ==> out[i] == \old(data[i]);
      ensures out[len] == sw1 && out[len + 1] == sw2;
      ensures \initialized(out + (0 .. len + 1));
      ensures \initialized(outlen);
    complete behaviors;
    disjoint behaviors;
*/
int kl_apdu_response(const uint8_t *data, size_t len, uint8_t sw1, uint8_t sw2,
                  uint8_t *out, size_t outcap, size_t *outlen);

#endif
