/* fs.h - the card's file tree (TS 102 221 8, TS 31.102 4.2): a static
 * table of the files, their structure and access conditions, and the
 * lookups SELECT and the SFI forms of READ/UPDATE use.  The contents live
 * in the card state (kl_card_state.data, offsets below); the tree itself
 * is fixed at build time.
 *
 *   MF 3F00
 *     EF.ICCID 2FE2   transparent 10        SFI 02  read ALW, update ADM
 *     EF.DIR   2F00   linear 2 x 32         SFI 1E  read ALW, update ADM
 *     ADF.USIM (AID A0000000871002FFFFFFFF8907090000, alias FID 7FFF)
 *       EF.IMSI    6F07  transparent 9      SFI 07  read PIN1, update ADM
 *       EF.Keys    6F08  transparent 33     SFI 08  PIN1 / PIN1
 *       EF.KeysPS  6F09  transparent 33     SFI 09  PIN1 / PIN1
 *       EF.UST     6F38  transparent 8      SFI 04  read PIN1, update ADM
 *       EF.PSLOCI  6F73  transparent 14     SFI 0C  PIN1 / PIN1
 *       EF.FPLMN   6F7B  transparent 12     SFI 0D  PIN1 / PIN1
 *       EF.LOCI    6F7E  transparent 11     SFI 0B  PIN1 / PIN1
 *       EF.AD      6FAD  transparent 4      SFI 03  read ALW, update ADM
 *       EF.EPSLOCI 6FE3  transparent 18     SFI 1E  PIN1 / PIN1
 * (sizes and SFIs: docs/standards.md 2.3; TS 31.102 4.2.2, 4.2.8, 4.2.18,
 * 4.2.17, 4.2.16, 4.2.23, 4.2.9, 4.2.91 and TS 102 221 13.1, 13.2).
 */
#ifndef KL_UICC_FS_H
#define KL_UICC_FS_H

#include <stddef.h>
#include <stdint.h>

enum kl_fs_kind {
    KL_FS_MF = 1,
    KL_FS_ADF = 2,
    KL_FS_TRANSPARENT = 3,
    KL_FS_LINEAR = 4, /* linear fixed: nrec records of size bytes */
};

/* Access conditions (TS 102 221 9.2: the key references 01 PIN1 and 0A
 * ADM1 of the security attributes). */
enum kl_fs_ac {
    KL_AC_ALW = 0,
    KL_AC_PIN1 = 1,
    KL_AC_ADM = 2,
    KL_AC_NEV = 3,
};

/* Indices into kl_fs_files[]. */
enum kl_fs_index {
    KL_FS_I_MF = 0,
    KL_FS_I_ICCID,
    KL_FS_I_DIR,
    KL_FS_I_USIM,
    KL_FS_I_IMSI,
    KL_FS_I_KEYS,
    KL_FS_I_KEYSPS,
    KL_FS_I_UST,
    KL_FS_I_PSLOCI,
    KL_FS_I_FPLMN,
    KL_FS_I_LOCI,
    KL_FS_I_AD,
    KL_FS_I_EPSLOCI,
    KL_FS_COUNT,
};
#define KL_FS_NONE 0xFFu /* no current EF */

/* Offsets of each EF's contents in the data area. */
#define KL_FS_OFF_ICCID 0u
#define KL_FS_OFF_DIR (KL_FS_OFF_ICCID + 10u)
#define KL_FS_OFF_IMSI (KL_FS_OFF_DIR + 2u * 32u)
#define KL_FS_OFF_KEYS (KL_FS_OFF_IMSI + 9u)
#define KL_FS_OFF_KEYSPS (KL_FS_OFF_KEYS + 33u)
#define KL_FS_OFF_UST (KL_FS_OFF_KEYSPS + 33u)
#define KL_FS_OFF_PSLOCI (KL_FS_OFF_UST + 8u)
#define KL_FS_OFF_FPLMN (KL_FS_OFF_PSLOCI + 14u)
#define KL_FS_OFF_LOCI (KL_FS_OFF_FPLMN + 12u)
#define KL_FS_OFF_AD (KL_FS_OFF_LOCI + 11u)
#define KL_FS_OFF_EPSLOCI (KL_FS_OFF_AD + 4u)
#define KL_FS_DATA_BYTES (KL_FS_OFF_EPSLOCI + 18u)

#define KL_FS_DIR_RECLEN 32u
#define KL_FS_DIR_RECORDS 2u
#define KL_FS_AID_MAX 16u
#define KL_FS_FID_MF 0x3F00u
#define KL_FS_FID_ADF_ALIAS 0x7FFFu /* "the current application" in paths */

typedef struct kl_fs_file {
    uint16_t fid;
    uint8_t kind;      /* enum kl_fs_kind */
    uint8_t parent;    /* index of the parent DF (the MF's is itself) */
    uint8_t sfi;       /* short file identifier, 0: none */
    uint8_t ac_read;   /* enum kl_fs_ac */
    uint8_t ac_update; /* enum kl_fs_ac */
    uint8_t nrec;      /* linear fixed: number of records */
    uint16_t size;     /* transparent: bytes; linear fixed: record length */
    uint16_t off;      /* offset of the contents in the data area */
    const char *name;
} kl_fs_file;

extern const kl_fs_file kl_fs_files[KL_FS_COUNT];
/* The USIM AID as personalised (TS 31.102 annex; docs/standards.md 2.1). */
extern const uint8_t kl_fs_usim_aid[KL_FS_AID_MAX];

/* 1 for the MF and the ADF. */
int kl_fs_is_df(uint32_t i);
/* Bytes of an EF's contents (size x nrec for linear fixed), 0 for a DF. */
uint32_t kl_fs_bytes(uint32_t i);
/* The file with identifier fid directly under DF df, or -1. */
int kl_fs_child(uint32_t df, uint32_t fid);
/* The EF with short identifier sfi (1..30) under DF df, or -1. */
int kl_fs_by_sfi(uint32_t df, uint32_t sfi);
/* SELECT by file identifier from current DF df (TS 102 221 8.4.1): the MF,
 * the ADF alias 7FFF, df itself, a child of df, df's parent, or a child of
 * the parent; -1 when none. */
int kl_fs_select_fid(uint32_t df, uint32_t fid);
/* The ADF whose AID starts with aid[0 .. n-1] (1 <= n <= 16), or -1. */
int kl_fs_by_aid(const uint8_t *aid, size_t n);

#endif
