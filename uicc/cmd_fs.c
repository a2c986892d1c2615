/* cmd_fs.c - file-system commands: SELECT, STATUS, READ/UPDATE BINARY,
 * READ/UPDATE RECORD (TS 102 221 11.1.1 - 11.1.6; docs/standards.md 2.1,
 * 2.2).  Handler convention in cmd.h. */
#include "cmd.h"

#include <string.h>

#define KL_PATH_MAX 4u /* FIDs in a SELECT path (P1 08/09) */

int kl_ac_ok(const kl_card *c, uint32_t ac)
{
    switch (ac) {
    case KL_AC_ALW: return 1;
    /* a disabled PIN1 is satisfied (TS 102 221 9.5.2) */
    case KL_AC_PIN1: return c->pin1_ok != 0 || c->st.pin1_enabled == 0;
    case KL_AC_ADM: return c->adm_ok != 0;
    default: return 0;
    }
}

static uint32_t fid_at(const uint8_t *p) { return (uint32_t)p[0] << 8 | p[1]; }

/* Follows a path of n FIDs from DF start (P1 08: the MF, 09: the current
 * DF); every step but the last must reach a DF. */
static int walk(uint32_t start, const uint8_t *path, size_t n)
{
    int at = (int)start;
    for (size_t k = 0; k < n; k++) {
        uint32_t fid = fid_at(path + 2 * k);
        int next;
        if (!kl_fs_is_df((uint32_t)at))
            return -1;
        if (fid == KL_FS_FID_ADF_ALIAS)
            next = (at == KL_FS_I_MF || at == KL_FS_I_USIM) ? KL_FS_I_USIM
                                                            : -1;
        else
            next = kl_fs_child((uint32_t)at, fid);
        if (next < 0)
            return -1;
        at = next;
    }
    return at;
}

int kl_h_select(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                kl_resp *r)
{
    uint32_t ret = (uint32_t)cmd->p2 & 0x1Cu; /* b5 b4 b3 */
    int target = -1;
    /* P2 (TS 102 221 11.1.1.2): b8 0; b5-b3 001 FCP or 011 nothing (000,
     * ISO's "FCI", answered with the FCP); b7 b6 and b2 b1 only for AIDs */
    if ((cmd->p2 & 0x80) != 0 || (ret != 0x04u && ret != 0x0Cu && ret != 0))
        return KL_SW_BAD_P1P2;
    if (cmd->p1 != 0x04 && (cmd->p2 & 0x63) != 0)
        return KL_SW_BAD_P1P2;
    switch (cmd->p1) {
    case 0x00: /* by FID */
        if (cmd->nc != 2)
            return KL_SW_WRONG_LENGTH;
        target = kl_fs_select_fid(c->cur_df, fid_at(data));
        break;
    case 0x01: /* child DF */
        if (cmd->nc != 2)
            return KL_SW_WRONG_LENGTH;
        target = kl_fs_child(c->cur_df, fid_at(data));
        if (target >= 0 && !kl_fs_is_df((uint32_t)target))
            target = -1;
        break;
    case 0x03: /* parent DF */
        if (cmd->nc != 0)
            return KL_SW_WRONG_LENGTH;
        if (c->cur_df != KL_FS_I_MF)
            target = kl_fs_files[c->cur_df].parent;
        break;
    case 0x04: /* by DF name (AID), partial AIDs by prefix */
        if (cmd->nc < 1 || cmd->nc > (int32_t)KL_FS_AID_MAX)
            return KL_SW_WRONG_LENGTH;
        if ((cmd->p2 & 0x60) == 0x20 || (cmd->p2 & 0x60) == 0x60)
            return KL_SW_BAD_P1P2; /* b7 b6 01/11: RFU */
        /* one application: "next" and "previous" occurrences do not exist */
        if ((cmd->p2 & 0x03) >= 0x02)
            return KL_SW_NOT_FOUND;
        target = kl_fs_by_aid(data, (size_t)cmd->nc);
        break;
    case 0x08: /* path from the MF */
    case 0x09: /* path from the current DF */
        if (cmd->nc < 2 || cmd->nc % 2 != 0 ||
            cmd->nc > (int32_t)(2 * KL_PATH_MAX))
            return KL_SW_WRONG_LENGTH;
        target = walk(cmd->p1 == 0x08 ? KL_FS_I_MF : c->cur_df, data,
                      (size_t)cmd->nc / 2);
        break;
    default:
        return KL_SW_BAD_P1P2;
    }
    if (target < 0)
        return KL_SW_NOT_FOUND;
    if (kl_fs_is_df((uint32_t)target)) {
        c->cur_df = (uint32_t)target;
        c->cur_ef = KL_FS_NONE;
    } else {
        c->cur_df = kl_fs_files[target].parent;
        c->cur_ef = (uint32_t)target;
    }
    c->cur_rec = 0;
    if (ret != 0x0Cu)
        r->len = (uint32_t)kl_fcp(c, (uint32_t)target, r->data,
                                  sizeof r->data);
    return 0;
}

int kl_h_status(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                kl_resp *r)
{
    (void)data;
    /* P1: 00 no indication, 01 application initialised, 02 terminating
     * (TS 102 221 11.1.2) */
    if (cmd->p1 > 0x02)
        return KL_SW_BAD_P1P2;
    switch (cmd->p2) {
    case 0x00: /* FCP of the current DF */
        r->len = (uint32_t)kl_fcp(c, c->cur_df, r->data, sizeof r->data);
        return 0;
    case 0x01: /* DF name of the current application */
        if (c->cur_df != KL_FS_I_USIM)
            return 0;
        r->data[0] = 0x84;
        r->data[1] = KL_FS_AID_MAX;
        memcpy(r->data + 2, kl_fs_usim_aid, KL_FS_AID_MAX);
        r->len = 2 + KL_FS_AID_MAX;
        return 0;
    case 0x0C:
        return 0;
    default:
        return KL_SW_BAD_P1P2;
    }
}

/* The EF a BINARY command addresses: by SFI (P1 b8 = 1, b7 b6 = 00,
 * P2 = offset) or the current EF (15-bit offset); docs/standards.md 2.2. */
static int binary_target(const kl_card *c, const kl_apdu_cmd *cmd, int *ef,
                         uint32_t *off)
{
    if ((cmd->p1 & 0x80) != 0) {
        if ((cmd->p1 & 0x60) != 0)
            return KL_SW_BAD_P1P2;
        *ef = kl_fs_by_sfi(c->cur_df, (uint32_t)cmd->p1 & 0x1Fu);
        if (*ef < 0)
            return KL_SW_NOT_FOUND;
        *off = (uint32_t)cmd->p2;
    } else {
        if (c->cur_ef == KL_FS_NONE)
            return KL_SW_NO_EF;
        *ef = (int)c->cur_ef;
        *off = (uint32_t)cmd->p1 * 256u + (uint32_t)cmd->p2;
    }
    if (kl_fs_files[*ef].kind != KL_FS_TRANSPARENT)
        return KL_SW_INCOMPATIBLE;
    return 0;
}

int kl_h_read_binary(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                     kl_resp *r)
{
    int ef;
    uint32_t off, size, avail, n;
    int rc = binary_target(c, cmd, &ef, &off);
    (void)data;
    if (rc != 0)
        return rc;
    if (!kl_ac_ok(c, kl_fs_files[ef].ac_read))
        return KL_SW_SECURITY;
    size = kl_fs_bytes((uint32_t)ef);
    if (off >= size)
        return KL_SW_WRONG_P1P2;
    avail = size - off;
    /* Le 00 (Ne 256): whatever is there (ISO/IEC 7816-4 5.1); a longer
     * explicit Le: T=0 "wrong length, XX available" */
    if (cmd->ne == 256)
        n = avail < 256u ? avail : 256u;
    else if ((uint32_t)cmd->ne > avail)
        return (int)(KL_SW_WRONG_LE | avail);
    else
        n = (uint32_t)cmd->ne;
    memcpy(r->data, c->st.data + kl_fs_files[ef].off + off, n);
    r->len = n;
    c->cur_ef = (uint32_t)ef;
    return 0;
}

int kl_h_update_binary(kl_card *c, const kl_apdu_cmd *cmd,
                       const uint8_t *data, kl_resp *r)
{
    int ef;
    uint32_t off, size;
    int rc = binary_target(c, cmd, &ef, &off);
    (void)r;
    if (rc != 0)
        return rc;
    if (!kl_ac_ok(c, kl_fs_files[ef].ac_update))
        return KL_SW_SECURITY;
    size = kl_fs_bytes((uint32_t)ef);
    if (off >= size)
        return KL_SW_WRONG_P1P2;
    if ((uint32_t)cmd->nc > size - off)
        return KL_SW_WRONG_LENGTH;
    memcpy(c->st.data + kl_fs_files[ef].off + off, data, (size_t)cmd->nc);
    c->cur_ef = (uint32_t)ef;
    return 0;
}

/* The record a RECORD command addresses (TS 102 221 11.1.5, 11.1.6): P2
 * b8..b4 SFI (0: current EF), b3..b1 mode 02 next, 03 previous, 04
 * absolute (P1 = record number; P1 00: the current record). */
static int record_target(const kl_card *c, const kl_apdu_cmd *cmd, int *ef,
                         uint32_t *rec)
{
    uint32_t sfi = (uint32_t)cmd->p2 >> 3, mode = (uint32_t)cmd->p2 & 7u;
    uint32_t cur;
    if (sfi == 0x1F || (mode != 2 && mode != 3 && mode != 4))
        return KL_SW_BAD_P1P2;
    if (mode != 4 && cmd->p1 != 0)
        return KL_SW_BAD_P1P2;
    if (sfi != 0) {
        *ef = kl_fs_by_sfi(c->cur_df, sfi);
        if (*ef < 0)
            return KL_SW_NOT_FOUND;
    } else {
        if (c->cur_ef == KL_FS_NONE)
            return KL_SW_NO_EF;
        *ef = (int)c->cur_ef;
    }
    if (kl_fs_files[*ef].kind != KL_FS_LINEAR)
        return KL_SW_INCOMPATIBLE;
    /* the record pointer belongs to the current EF only */
    cur = ((uint32_t)*ef == c->cur_ef) ? c->cur_rec : 0;
    if (mode == 4)
        *rec = cmd->p1 != 0 ? (uint32_t)cmd->p1 : cur;
    else if (mode == 2)
        *rec = cur + 1;
    else
        *rec = cur == 0 ? kl_fs_files[*ef].nrec : cur - 1;
    if (*rec < 1 || *rec > kl_fs_files[*ef].nrec)
        return KL_SW_NO_RECORD;
    return 0;
}

int kl_h_read_record(kl_card *c, const kl_apdu_cmd *cmd, const uint8_t *data,
                     kl_resp *r)
{
    int ef;
    uint32_t rec, len;
    int rc = record_target(c, cmd, &ef, &rec);
    (void)data;
    if (rc != 0)
        return rc;
    if (!kl_ac_ok(c, kl_fs_files[ef].ac_read))
        return KL_SW_SECURITY;
    len = kl_fs_files[ef].size;
    if (cmd->ne != 256 && (uint32_t)cmd->ne != len)
        return (int)(KL_SW_WRONG_LE | len);
    memcpy(r->data, c->st.data + kl_fs_files[ef].off + (rec - 1) * len, len);
    r->len = len;
    c->cur_ef = (uint32_t)ef;
    if (((uint32_t)cmd->p2 & 7u) != 4u || cmd->p1 == 0)
        c->cur_rec = rec;
    return 0;
}

int kl_h_update_record(kl_card *c, const kl_apdu_cmd *cmd,
                       const uint8_t *data, kl_resp *r)
{
    int ef;
    uint32_t rec, len;
    int rc = record_target(c, cmd, &ef, &rec);
    (void)r;
    if (rc != 0)
        return rc;
    if (!kl_ac_ok(c, kl_fs_files[ef].ac_update))
        return KL_SW_SECURITY;
    len = kl_fs_files[ef].size;
    if ((uint32_t)cmd->nc != len)
        return KL_SW_WRONG_LENGTH;
    memcpy(c->st.data + kl_fs_files[ef].off + (rec - 1) * len, data, len);
    c->cur_ef = (uint32_t)ef;
    if (((uint32_t)cmd->p2 & 7u) != 4u || cmd->p1 == 0)
        c->cur_rec = rec;
    return 0;
}
