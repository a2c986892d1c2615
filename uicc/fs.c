/* fs.c - the file table and its lookups (fs.h). */
#include "fs.h"

#include <string.h>

#define F_(fid, kind, parent, sfi, r, u, nrec, size, off, name) \
    {fid, kind, parent, sfi, r, u, nrec, size, off, name}

const kl_fs_file kl_fs_files[KL_FS_COUNT] = {
    [KL_FS_I_MF] = F_(0x3F00, KL_FS_MF, KL_FS_I_MF, 0, KL_AC_ALW, KL_AC_ADM,
                      0, 0, 0, "MF"),
    [KL_FS_I_ICCID] = F_(0x2FE2, KL_FS_TRANSPARENT, KL_FS_I_MF, 0x02,
                         KL_AC_ALW, KL_AC_ADM, 0, 10, KL_FS_OFF_ICCID,
                         "EF.ICCID"),
    [KL_FS_I_DIR] = F_(0x2F00, KL_FS_LINEAR, KL_FS_I_MF, 0x1E, KL_AC_ALW,
                       KL_AC_ADM, KL_FS_DIR_RECORDS, KL_FS_DIR_RECLEN,
                       KL_FS_OFF_DIR, "EF.DIR"),
    [KL_FS_I_USIM] = F_(0x7FFF, KL_FS_ADF, KL_FS_I_MF, 0, KL_AC_ALW,
                        KL_AC_ADM, 0, 0, 0, "ADF.USIM"),
    [KL_FS_I_IMSI] = F_(0x6F07, KL_FS_TRANSPARENT, KL_FS_I_USIM, 0x07,
                        KL_AC_PIN1, KL_AC_ADM, 0, 9, KL_FS_OFF_IMSI,
                        "EF.IMSI"),
    [KL_FS_I_KEYS] = F_(0x6F08, KL_FS_TRANSPARENT, KL_FS_I_USIM, 0x08,
                        KL_AC_PIN1, KL_AC_PIN1, 0, 33, KL_FS_OFF_KEYS,
                        "EF.Keys"),
    [KL_FS_I_KEYSPS] = F_(0x6F09, KL_FS_TRANSPARENT, KL_FS_I_USIM, 0x09,
                          KL_AC_PIN1, KL_AC_PIN1, 0, 33, KL_FS_OFF_KEYSPS,
                          "EF.KeysPS"),
    [KL_FS_I_UST] = F_(0x6F38, KL_FS_TRANSPARENT, KL_FS_I_USIM, 0x04,
                       KL_AC_PIN1, KL_AC_ADM, 0, 8, KL_FS_OFF_UST, "EF.UST"),
    [KL_FS_I_PSLOCI] = F_(0x6F73, KL_FS_TRANSPARENT, KL_FS_I_USIM, 0x0C,
                          KL_AC_PIN1, KL_AC_PIN1, 0, 14, KL_FS_OFF_PSLOCI,
                          "EF.PSLOCI"),
    [KL_FS_I_FPLMN] = F_(0x6F7B, KL_FS_TRANSPARENT, KL_FS_I_USIM, 0x0D,
                         KL_AC_PIN1, KL_AC_PIN1, 0, 12, KL_FS_OFF_FPLMN,
                         "EF.FPLMN"),
    [KL_FS_I_LOCI] = F_(0x6F7E, KL_FS_TRANSPARENT, KL_FS_I_USIM, 0x0B,
                        KL_AC_PIN1, KL_AC_PIN1, 0, 11, KL_FS_OFF_LOCI,
                        "EF.LOCI"),
    [KL_FS_I_AD] = F_(0x6FAD, KL_FS_TRANSPARENT, KL_FS_I_USIM, 0x03,
                      KL_AC_ALW, KL_AC_ADM, 0, 4, KL_FS_OFF_AD, "EF.AD"),
    [KL_FS_I_EPSLOCI] = F_(0x6FE3, KL_FS_TRANSPARENT, KL_FS_I_USIM, 0x1E,
                           KL_AC_PIN1, KL_AC_PIN1, 0, 18, KL_FS_OFF_EPSLOCI,
                           "EF.EPSLOCI"),
};

const uint8_t kl_fs_usim_aid[KL_FS_AID_MAX] = {
    0xA0, 0x00, 0x00, 0x00, 0x87, 0x10, 0x02, 0xFF,
    0xFF, 0xFF, 0xFF, 0x89, 0x07, 0x09, 0x00, 0x00};

int kl_fs_is_df(uint32_t i)
{
    return i < KL_FS_COUNT && (kl_fs_files[i].kind == KL_FS_MF ||
                               kl_fs_files[i].kind == KL_FS_ADF);
}

uint32_t kl_fs_bytes(uint32_t i)
{
    if (i >= KL_FS_COUNT)
        return 0;
    if (kl_fs_files[i].kind == KL_FS_TRANSPARENT)
        return kl_fs_files[i].size;
    if (kl_fs_files[i].kind == KL_FS_LINEAR)
        return (uint32_t)kl_fs_files[i].size * kl_fs_files[i].nrec;
    return 0;
}

int kl_fs_child(uint32_t df, uint32_t fid)
{
    if (!kl_fs_is_df(df))
        return -1;
    for (uint32_t i = 0; i < KL_FS_COUNT; i++)
        /* The ADF is reached by AID or the 7FFF alias, not as a child. */
        if (i != df && kl_fs_files[i].parent == df &&
            kl_fs_files[i].kind != KL_FS_ADF && kl_fs_files[i].fid == fid)
            return (int)i;
    return -1;
}

int kl_fs_by_sfi(uint32_t df, uint32_t sfi)
{
    if (!kl_fs_is_df(df) || sfi == 0 || sfi > 30)
        return -1;
    for (uint32_t i = 0; i < KL_FS_COUNT; i++)
        if (i != df && kl_fs_files[i].parent == df &&
            kl_fs_files[i].sfi == sfi && !kl_fs_is_df(i))
            return (int)i;
    return -1;
}

int kl_fs_select_fid(uint32_t df, uint32_t fid)
{
    int i;
    if (!kl_fs_is_df(df))
        return -1;
    if (fid == KL_FS_FID_MF)
        return KL_FS_I_MF;
    if (fid == KL_FS_FID_ADF_ALIAS)
        return KL_FS_I_USIM;
    if (kl_fs_files[df].fid == fid)
        return (int)df;
    i = kl_fs_child(df, fid);
    if (i >= 0)
        return i;
    if (df != KL_FS_I_MF) {
        uint32_t parent = kl_fs_files[df].parent;
        if (kl_fs_files[parent].fid == fid)
            return (int)parent;
        return kl_fs_child(parent, fid);
    }
    return -1;
}

int kl_fs_by_aid(const uint8_t *aid, size_t n)
{
    if (aid == NULL || n < 1 || n > KL_FS_AID_MAX)
        return -1;
    return memcmp(aid, kl_fs_usim_aid, n) == 0 ? KL_FS_I_USIM : -1;
}
