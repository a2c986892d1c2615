/* fcp.c - the FCP template a SELECT (P2 04) or STATUS returns (TS 102 221
 * 11.1.1.3; tags from TS 102 221 11.1.1.4):
 *   62 L  82 file descriptor, 83 file identifier, [84 DF name (ADF)],
 *         8A life cycle status (05: operational, activated),
 *         AB security attributes, expanded format (11.1.1.4.7.2): for each
 *            access mode an AM_DO (80 01 mode) then an SC_DO: 90 00 always,
 *            97 00 never, or A4 06 83 01 <key ref> 95 01 08 (user
 *            verification of key 01 PIN1 / 0A ADM1),
 *         EF: 80 file size (bytes), 88 SFI (b8..b4) or 88 00 when none;
 *         DF: C6 PIN status template (90 01 PS_DO, 83 01 01, 83 01 0A).
 */
#include "cmd.h"

#include <string.h>

typedef struct buf {
    uint8_t *p;
    size_t n, cap;
    int over;
} buf;

static void put(buf *b, const uint8_t *v, size_t n)
{
    if (b->over || n > b->cap - b->n) {
        b->over = 1;
        return;
    }
    memcpy(b->p + b->n, v, n);
    b->n += n;
}

static void put1(buf *b, uint8_t v) { put(b, &v, 1); }

static void put_sc(buf *b, uint32_t ac)
{
    static const uint8_t alw[] = {0x90, 0x00};
    static const uint8_t nev[] = {0x97, 0x00};
    uint8_t key[] = {0xA4, 0x06, 0x83, 0x01, 0x00, 0x95, 0x01, 0x08};
    switch (ac) {
    case KL_AC_ALW: put(b, alw, sizeof alw); break;
    case KL_AC_PIN1:
        key[4] = KL_KEYREF_PIN1;
        put(b, key, sizeof key);
        break;
    case KL_AC_ADM:
        key[4] = KL_KEYREF_ADM1;
        put(b, key, sizeof key);
        break;
    default: put(b, nev, sizeof nev); break;
    }
}

size_t kl_fcp(const kl_card *c, uint32_t i, uint8_t *out, size_t cap)
{
    const kl_fs_file *f;
    uint8_t inner[128];
    buf b = {inner, 0, sizeof inner, 0};
    size_t at;
    if (i >= KL_FS_COUNT || cap < 2)
        return 0;
    f = &kl_fs_files[i];
    switch (f->kind) {
    case KL_FS_TRANSPARENT: {
        /* 41: shareable, working EF, transparent; 21: data coding byte */
        static const uint8_t d[] = {0x82, 0x02, 0x41, 0x21};
        put(&b, d, sizeof d);
        break;
    }
    case KL_FS_LINEAR: {
        /* 42: shareable, working EF, linear fixed; record length (2
         * bytes) and number of records follow */
        uint8_t d[] = {0x82, 0x05, 0x42, 0x21, 0x00, (uint8_t)f->size,
                       f->nrec};
        put(&b, d, sizeof d);
        break;
    }
    default: {
        /* 78: shareable DF or ADF */
        static const uint8_t d[] = {0x82, 0x02, 0x78, 0x21};
        put(&b, d, sizeof d);
        break;
    }
    }
    put1(&b, 0x83);
    put1(&b, 0x02);
    put1(&b, (uint8_t)(f->fid >> 8));
    put1(&b, (uint8_t)f->fid);
    if (f->kind == KL_FS_ADF) {
        put1(&b, 0x84);
        put1(&b, KL_FS_AID_MAX);
        put(&b, kl_fs_usim_aid, KL_FS_AID_MAX);
    }
    put1(&b, 0x8A);
    put1(&b, 0x01);
    put1(&b, 0x05);
    put1(&b, 0xAB);
    at = b.n;
    put1(&b, 0x00); /* length, patched below */
    if (kl_fs_is_df(i)) {
        /* every administrative mode of a DF needs ADM */
        put1(&b, 0x80);
        put1(&b, 0x01);
        put1(&b, 0x7F);
        put_sc(&b, KL_AC_ADM);
    } else {
        put1(&b, 0x80); /* b1: READ */
        put1(&b, 0x01);
        put1(&b, 0x01);
        put_sc(&b, f->ac_read);
        put1(&b, 0x80); /* b2: UPDATE */
        put1(&b, 0x01);
        put1(&b, 0x02);
        put_sc(&b, f->ac_update);
    }
    if (!b.over)
        inner[at] = (uint8_t)(b.n - at - 1);
    if (kl_fs_is_df(i)) {
        uint8_t ps[] = {0xC6, 0x09, 0x90, 0x01, 0x40, 0x83, 0x01,
                        KL_KEYREF_PIN1, 0x83, 0x01, KL_KEYREF_ADM1};
        /* PS_DO: b8 for the first key reference listed (PIN1), b7 for
         * the second (ADM1, always enabled) */
        if (c->st.pin1_enabled)
            ps[4] = 0xC0;
        put(&b, ps, sizeof ps);
    } else {
        uint32_t size = kl_fs_bytes(i);
        put1(&b, 0x80);
        put1(&b, 0x02);
        put1(&b, (uint8_t)(size >> 8));
        put1(&b, (uint8_t)size);
        put1(&b, 0x88);
        if (f->sfi != 0) {
            put1(&b, 0x01);
            put1(&b, (uint8_t)(f->sfi << 3));
        } else {
            put1(&b, 0x00);
        }
    }
    if (b.over || b.n + 2 > cap || b.n > 127)
        return 0;
    out[0] = 0x62;
    out[1] = (uint8_t)b.n;
    memcpy(out + 2, inner, b.n);
    return b.n + 2;
}
