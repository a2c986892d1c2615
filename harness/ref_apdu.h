/* ref_apdu.h - reference command APDU decoder for the differential test of
 * core/apdu.c.  Written independently of the core: it matches the input
 * against the rows of the table in docs/standards.md 1.2 (instead of walking the
 * decision procedure of 1.3), diagnoses refusals from the byte count left
 * over after the announced fields, and decodes CLA with bit masks.  Hosted
 * C, no contracts: clarity over anything else. */
#ifndef KILIST_REF_APDU_H
#define KILIST_REF_APDU_H

#include <stddef.h>
#include <stdint.h>

/* Reasons for refusal, in the reference's own numbering. */
enum ref_apdu_verdict {
    REF_OK = 0,
    REF_NULL,
    REF_TOO_LONG,
    REF_TOO_SHORT,
    REF_CLA_FF,
    REF_CLA_RFU,
    REF_SIX_BYTES_ZERO_B4,
    REF_SHORT_LC_00,
    REF_EXT_LC_0000,
    REF_MIXED_LE,
    REF_TRUNCATED,
    REF_TRAILING,
};

enum ref_cla_kind { REF_KIND_FIRST = 1, REF_KIND_FURTHER, REF_KIND_PROPRIETARY };

struct ref_apdu {
    char case_name[3]; /* "1", "2S", "3S", "4S", "2E", "3E", "4E" */
    unsigned cla, ins, p1, p2;
    unsigned long nc, ne;
    size_t data_offset;
    int kind;          /* enum ref_cla_kind */
    unsigned channel;
    int sm;            /* 0 none, 1 proprietary, 2 ISO no header, 3 ISO auth */
    int chaining;
};

/* Returns REF_OK and fills *r, or a refusal reason (r untouched). */
int ref_apdu_decode(const uint8_t *buf, size_t n, struct ref_apdu *r);

/* CLA alone: REF_OK, REF_CLA_FF or REF_CLA_RFU; fills kind..chaining. */
int ref_cla_decode(unsigned cla, struct ref_apdu *r);

#endif
