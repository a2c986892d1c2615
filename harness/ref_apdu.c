/* ref_apdu.c - see ref_apdu.h. */
#include "ref_apdu.h"

#include <string.h>

int ref_cla_decode(unsigned cla, struct ref_apdu *r)
{
    cla &= 0xFFu;
    if (cla == 0xFFu)
        return REF_CLA_FF;
    if ((cla & 0xE0u) == 0x20u)
        return REF_CLA_RFU;
    if (cla & 0x80u)
        r->kind = REF_KIND_PROPRIETARY;
    else
        r->kind = (cla & 0x40u) ? REF_KIND_FURTHER : REF_KIND_FIRST;
    /* Bit b7 (0x40) selects the layout, for the interindustry classes as
     * for the proprietary ones read the TS 102 221 way ('8X'/'AX' like
     * '0X', 'CX'/'EX' like '4X'/'6X'). */
    if (cla & 0x40u) {
        r->channel = 4u + (cla & 0x0Fu);
        r->sm = (cla & 0x20u) ? 2 : 0;
    } else {
        r->channel = cla & 0x03u;
        r->sm = (int)((cla >> 2) & 0x03u);
    }
    r->chaining = (cla & 0x10u) ? 1 : 0;
    return REF_OK;
}

/* One row of the 1.2 table: what the total length must be, and where the
 * fields are, given the bytes seen. */
struct row {
    const char *name;
    int lc_bytes;  /* 0, 1 or 3 */
    int le_bytes;  /* 0, 1, 2 or 3 */
};

static const struct row rows[] = {
    {"1", 0, 0},  {"2S", 0, 1}, {"3S", 1, 0}, {"4S", 1, 1},
    {"2E", 0, 3}, {"3E", 3, 0}, {"4E", 3, 2},
};

int ref_apdu_decode(const uint8_t *buf, size_t n, struct ref_apdu *r)
{
    struct ref_apdu t;
    size_t k;

    if (buf == NULL || r == NULL)
        return REF_NULL;
    if (n > 65544)
        return REF_TOO_LONG;
    if (n < 4)
        return REF_TOO_SHORT;
    memset(&t, 0, sizeof t);
    k = (size_t)ref_cla_decode(buf[0], &t);
    if (k != REF_OK)
        return (int)k;
    t.cla = buf[0];
    t.ins = buf[1];
    t.p1 = buf[2];
    t.p2 = buf[3];

    for (k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        const struct row *w = &rows[k];
        unsigned long nc = 0;
        size_t need;
        /* The Lc field must be present and well formed for this row. */
        if (w->lc_bytes == 1) {
            if (n < 5 || buf[4] == 0)
                continue;
            nc = buf[4];
        } else if (w->lc_bytes == 3) {
            if (n < 7 || buf[4] != 0)
                continue;
            nc = ((unsigned long)buf[5] << 8) | buf[6];
            if (nc == 0)
                continue;
        } else if (w->le_bytes == 3) {
            if (n < 5 || buf[4] != 0) /* 2E: Le starts with the 00 marker */
                continue;
        }
        need = 4 + (size_t)w->lc_bytes + nc + (size_t)w->le_bytes;
        if (need != n)
            continue;
        memcpy(t.case_name, w->name, strlen(w->name) + 1);
        t.nc = nc;
        t.data_offset = nc ? 4 + (size_t)w->lc_bytes : 4;
        if (w->le_bytes == 1) {
            t.ne = buf[n - 1] ? buf[n - 1] : 256;
        } else if (w->le_bytes >= 2) {
            unsigned long v = ((unsigned long)buf[n - 2] << 8) | buf[n - 1];
            t.ne = v ? v : 65536;
        } else {
            t.ne = 0;
        }
        *r = t;
        return REF_OK;
    }

    /* No row matched: say why, from what is left after the fields. */
    if (buf[4] != 0) {
        /* Short Lc: header, Lc, data, then 0 or 1 Le byte allowed. */
        long rest = (long)n - 5 - (long)buf[4];
        if (rest < 0)
            return REF_TRUNCATED;
        return rest == 2 ? REF_MIXED_LE : REF_TRAILING;
    }
    if (n == 6)
        return REF_SIX_BYTES_ZERO_B4;
    {
        unsigned long lc = ((unsigned long)buf[5] << 8) | buf[6];
        long rest;
        if (lc == 0)
            return REF_EXT_LC_0000;
        /* A short Lc 00 meaning 256 (pySim) would explain 256 data bytes
         * with or without a one-byte Le. */
        if (n - 5 == 256 || n - 6 == 256)
            return REF_SHORT_LC_00;
        rest = (long)n - 7 - (long)lc; /* 0 or 2 would have matched */
        if (rest < 0)
            return REF_TRUNCATED;
        return rest == 1 ? REF_MIXED_LE : REF_TRAILING;
    }
}
