/* keylist_image.c - the storage image of the key list: kl_keylist_save
 * encodes the list with its checksum, kl_keylist_load validates an image
 * completely before writing anything.  Layout and public contracts in
 * keylist_image.h, logic in spec/keylist_image.acsl.
 *
 * Proof (unit "keylist_image").  Image bytes are addressed through the base
 * pointer img with the entry offset in the index (img[kl_img_off(j) + c]),
 * never through img + off; the image predicates quantify over the image
 * index itself (CVC4 cannot trigger on img[8 + k]); the checksum bytes are
 * stored by kl_put_sum, whose small context carries the frame induction of
 * the Fletcher sums; the decoded entries are checked against the invariant
 * in kl_decode_all, whose context holds no checksum term (the recursive
 * sums in keylist_image_ok make CVC4 unfold without end).  Figures:
 * reports/proofs.md.
 */
#include "keylist_image.h"
#include "bytes.h"

/* Offset of image entry j, in signed arithmetic (proofs/README.md rule 5). */
#define KL_IMG_OFF(j) \
    ((int32_t)KL_KEYLIST_IMAGE_HEADER + (int32_t)KL_KEYLIST_IMAGE_ENTRY * (int32_t)(j))

/* Fletcher-32 (byte-wise, sums mod 65535) of p[0 .. n-1]. */
/*@ requires range_n: n <= KL_KEYLIST_IMAGE_SUM_AT;
    requires read_p: \valid_read(p + (0 .. n - 1));
    requires valid_s1: \valid(s1) && \valid(s2) && \separated(s1, s2);
    terminates \true;
    assigns *s1, *s2;
    ensures *s1 == kl_s1(p, n) && *s2 == kl_s2(p, n);
    ensures 0 <= *s1 < 65535 && 0 <= *s2 < 65535;
*/
static void kl_fletcher(const uint8_t *p, size_t n, int32_t *s1, int32_t *s2)
{
    int32_t a = 0, b = 0;
    size_t k;
    /*@ loop invariant 0 <= k <= n;
        loop invariant 0 <= a < 65535 && 0 <= b < 65535;
        loop invariant a == kl_s1(p, k) && b == kl_s2(p, k);
        loop assigns k, a, b;
        loop variant n - k;
    */
    for (k = 0; k < n; k++) {
        a = (a + (int32_t)p[k]) % 65535;
        b = (b + a) % 65535;
    }
    *s1 = a;
    *s2 = b;
}

/* ---- image entries ----------------------------------------------------- */

/* Entry j of *l into image entry j, img[off .. off+87] with off = 8 + 88j.
 * Written through the base pointer img with the offset in the index (facts
 * on img + off do not carry back to ranges of img in the caller). */
/*@ requires valid_img: \valid(img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1));
    requires read_l: \valid_read(l);
    requires range_j: 0 <= j < KL_KEYLIST_ENTRIES;
    requires sep_img_l: \separated(img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1), l);
    terminates \true;
    assigns img[kl_img_off(j) .. kl_img_off(j) + KL_KEYLIST_IMAGE_ENTRY - 1];
    ensures \forall integer k; 0 <= k < KL_KEYLIST_SECRET_BYTES ==>
            img[kl_img_off(j) + KL_KEYLIST_IE_SEC + k] == \old(l->entry[j].sec[k]);
    ensures \forall integer m, k; 0 <= m < KL_KEYLIST_ENTRIES &&
            0 <= k < KL_KEYLIST_SECRET_BYTES ==>
            l->entry[m].sec[k] == \old(l->entry[m].sec[k]);
    ensures img[kl_img_off(j) + KL_KEYLIST_IE_STATE] == l->entry[j].state % 256;
    ensures img[kl_img_off(j) + KL_KEYLIST_IE_ALG] == l->entry[j].alg % 256;
    ensures img[kl_img_off(j) + KL_KEYLIST_IE_SQN] == l->entry[j].sqn_scheme % 256;
    ensures img[kl_img_off(j) + KL_KEYLIST_IE_KVN] == l->entry[j].kvn % 256;
    ensures img[kl_img_off(j) + KL_KEYLIST_IE_KI_LEN] == l->entry[j].ki_len % 256;
    ensures img[kl_img_off(j) + 5] == 0 && img[kl_img_off(j) + 6] == 0 &&
            img[kl_img_off(j) + 7] == 0;
*/
static void kl_encode_entry(uint8_t *img, const kl_keylist *l, int32_t j)
{
    int32_t off = KL_IMG_OFF(j);
    int32_t k;
    /*@ loop invariant 0 <= k <= KL_KEYLIST_SECRET_BYTES;
        loop invariant off == kl_img_off(j);
        loop invariant \forall integer m, q; 0 <= m < KL_KEYLIST_ENTRIES &&
                       0 <= q < KL_KEYLIST_SECRET_BYTES ==>
                       l->entry[m].sec[q] == \at(l->entry[m].sec[q], Pre);
        loop invariant \forall integer q; 0 <= q < k ==>
                       img[off + KL_KEYLIST_IE_SEC + q] ==
                       \at(l->entry[j].sec[q], Pre);
        loop assigns k, img[off + KL_KEYLIST_IE_SEC ..
                            off + KL_KEYLIST_IE_SEC + KL_KEYLIST_SECRET_BYTES - 1];
        loop variant KL_KEYLIST_SECRET_BYTES - k;
    */
    for (k = 0; k < (int32_t)KL_KEYLIST_SECRET_BYTES; k++)
        img[off + (int32_t)KL_KEYLIST_IE_SEC + k] = l->entry[j].sec[k];
    img[off + (int32_t)KL_KEYLIST_IE_STATE] = (uint8_t)(l->entry[j].state % 256u);
    img[off + (int32_t)KL_KEYLIST_IE_ALG] = (uint8_t)(l->entry[j].alg % 256u);
    img[off + (int32_t)KL_KEYLIST_IE_SQN] =
        (uint8_t)(l->entry[j].sqn_scheme % 256u);
    img[off + (int32_t)KL_KEYLIST_IE_KVN] = (uint8_t)(l->entry[j].kvn % 256u);
    img[off + (int32_t)KL_KEYLIST_IE_KI_LEN] =
        (uint8_t)(l->entry[j].ki_len % 256u);
    img[off + 5] = 0;
    img[off + 6] = 0;
    img[off + 7] = 0;
}

/* 0 exactly when image entry j of img is well formed for entry j of a list
 * whose active index is a. */
/*@ requires in_img: \valid_read(img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1)) &&
             \initialized(img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1));
    requires range_j: 0 <= j < KL_KEYLIST_ENTRIES;
    terminates \true;
    assigns \nothing;
    ensures \result == 0 ==> kl_img_entry_ok(img, j, a);
    ensures kl_img_entry_ok(img, j, a) ==> \result == 0;
*/
static int kl_img_entry_check(const uint8_t *img, int32_t j, int32_t a)
{
    int32_t off = KL_IMG_OFF(j);
    int32_t n;
    /*@ assert off == kl_img_off(j); */
    if (kl_keylist_params_check(img[off + (int32_t)KL_KEYLIST_IE_KI_LEN],
                        img[off + (int32_t)KL_KEYLIST_IE_KVN],
                        img[off + (int32_t)KL_KEYLIST_IE_ALG],
                        img[off + (int32_t)KL_KEYLIST_IE_SQN]) != 0)
        return KL_KEYLIST_E_IMAGE;
    if (img[off + 5] != 0 || img[off + 6] != 0 || img[off + 7] != 0)
        return KL_KEYLIST_E_IMAGE;
    n = (int32_t)img[off + (int32_t)KL_KEYLIST_IE_KI_LEN];
    if (kl_bytes_sum(img, off + (int32_t)KL_KEYLIST_IE_SEC + n,
               off + (int32_t)(KL_KEYLIST_IE_SEC + KL_KEYLIST_KI_MAX)) != 0)
        return KL_KEYLIST_E_IMAGE;
    if (j < a) {
        if (img[off + (int32_t)KL_KEYLIST_IE_STATE] != KL_KEYLIST_RETIRED)
            return KL_KEYLIST_E_IMAGE;
        if (kl_bytes_sum(img, off + (int32_t)KL_KEYLIST_IE_SEC,
                   off + (int32_t)(KL_KEYLIST_IE_SEC + KL_KEYLIST_SECRET_BYTES)) != 0)
            return KL_KEYLIST_E_IMAGE;
    } else if (j == a) {
        if (img[off + (int32_t)KL_KEYLIST_IE_STATE] != KL_KEYLIST_ACTIVE)
            return KL_KEYLIST_E_IMAGE;
    } else {
        if (img[off + (int32_t)KL_KEYLIST_IE_STATE] != KL_KEYLIST_UNUSED)
            return KL_KEYLIST_E_IMAGE;
    }
    return KL_KEYLIST_OK;
}

/* Image entry j, img[off .. off+87], into entry j of *l (checked before). */
/*@ requires valid_l: \valid(l);
    requires read_img: \valid_read(img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1));
    requires range_j: 0 <= j < KL_KEYLIST_ENTRIES;
    requires sep_img_l: \separated(img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1), l);
    terminates \true;
    assigns l->entry[j];
    ensures \forall integer k; 0 <= k < KL_KEYLIST_SECRET_BYTES ==>
            l->entry[j].sec[k] == \old(img[kl_img_off(j) + KL_KEYLIST_IE_SEC + k]);
    ensures l->entry[j].state == \old(img[kl_img_off(j) + KL_KEYLIST_IE_STATE]);
    ensures l->entry[j].alg == \old(img[kl_img_off(j) + KL_KEYLIST_IE_ALG]);
    ensures l->entry[j].sqn_scheme == \old(img[kl_img_off(j) + KL_KEYLIST_IE_SQN]);
    ensures l->entry[j].kvn == \old(img[kl_img_off(j) + KL_KEYLIST_IE_KVN]);
    ensures l->entry[j].ki_len == \old(img[kl_img_off(j) + KL_KEYLIST_IE_KI_LEN]);
    ensures \forall integer m, k; 0 <= m < KL_KEYLIST_ENTRIES && m != j &&
            0 <= k < KL_KEYLIST_SECRET_BYTES ==>
            l->entry[m].sec[k] == \old(l->entry[m].sec[k]);
    ensures \forall integer m; 0 <= m < KL_KEYLIST_ENTRIES && m != j ==>
            l->entry[m].state == \old(l->entry[m].state) &&
            l->entry[m].alg == \old(l->entry[m].alg) &&
            l->entry[m].sqn_scheme == \old(l->entry[m].sqn_scheme) &&
            l->entry[m].kvn == \old(l->entry[m].kvn) &&
            l->entry[m].ki_len == \old(l->entry[m].ki_len);
*/
static void kl_decode_entry(kl_keylist *l, const uint8_t *img, int32_t j)
{
    int32_t off = KL_IMG_OFF(j);
    int32_t k;
    /*@ loop invariant 0 <= k <= KL_KEYLIST_SECRET_BYTES;
        loop invariant off == kl_img_off(j);
        loop invariant \forall integer q; 0 <= q < KL_KEYLIST_IMAGE_BYTES ==>
                       img[q] == \at(img[q], Pre);
        loop invariant \forall integer q; 0 <= q < k ==>
                       l->entry[j].sec[q] ==
                       \at(img[kl_img_off(j) + KL_KEYLIST_IE_SEC + q], Pre);
        loop assigns k, l->entry[j].sec[0 .. KL_KEYLIST_SECRET_BYTES - 1];
        loop variant KL_KEYLIST_SECRET_BYTES - k;
    */
    for (k = 0; k < (int32_t)KL_KEYLIST_SECRET_BYTES; k++)
        l->entry[j].sec[k] = img[off + (int32_t)KL_KEYLIST_IE_SEC + k];
    l->entry[j].state = img[off + (int32_t)KL_KEYLIST_IE_STATE];
    l->entry[j].alg = img[off + (int32_t)KL_KEYLIST_IE_ALG];
    l->entry[j].sqn_scheme = img[off + (int32_t)KL_KEYLIST_IE_SQN];
    l->entry[j].kvn = img[off + (int32_t)KL_KEYLIST_IE_KVN];
    l->entry[j].ki_len = img[off + (int32_t)KL_KEYLIST_IE_KI_LEN];
}

/* 0 exactly when every image entry is well formed for active index a. */
/*@ requires in_img: \valid_read(img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1)) &&
             \initialized(img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1));
    requires range_a: 0 <= a < KL_KEYLIST_ENTRIES;
    terminates \true;
    assigns \nothing;
    ensures \result == 0 ==> \forall integer m; 0 <= m < KL_KEYLIST_ENTRIES ==>
            kl_img_entry_ok(img, m, a);
    ensures (\forall integer m; 0 <= m < KL_KEYLIST_ENTRIES ==>
             kl_img_entry_ok(img, m, a)) ==> \result == 0;
*/
static int kl_img_entries_check(const uint8_t *img, int32_t a)
{
    int32_t j;
    /*@ loop invariant 0 <= j <= KL_KEYLIST_ENTRIES;
        loop invariant \forall integer m; 0 <= m < j ==>
                       kl_img_entry_ok(img, m, a);
        loop assigns j;
        loop variant KL_KEYLIST_ENTRIES - j;
    */
    for (j = 0; j < (int32_t)KL_KEYLIST_ENTRIES; j++) {
        if (kl_img_entry_check(img, j, a) != 0) {
            /*@ assert !kl_img_entry_ok(img, j, a); */
            return KL_KEYLIST_E_IMAGE;
        }
    }
    return KL_KEYLIST_OK;
}

/* 0 exactly when the whole image is acceptable (keylist_image_ok). */
/*@ requires in_img: \valid_read(img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1)) &&
             \initialized(img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1));
    terminates \true;
    assigns \nothing;
    ensures \result <= 0;
    ensures \result == 0 ==> keylist_image_ok(img);
    ensures keylist_image_ok(img) ==> \result == 0;
*/
static int kl_image_check(const uint8_t *img)
{
    int32_t s1, s2, a;
    if (img[0] != KL_KEYLIST_MAGIC0 || img[1] != KL_KEYLIST_MAGIC1 ||
        img[2] != KL_KEYLIST_MAGIC2 || img[3] != KL_KEYLIST_MAGIC3)
        return KL_KEYLIST_E_MAGIC;
    if (img[4] != KL_KEYLIST_IMAGE_VERSION || img[5] != KL_KEYLIST_ENTRIES)
        return KL_KEYLIST_E_VERSION;
    kl_fletcher(img, KL_KEYLIST_IMAGE_SUM_AT, &s1, &s2);
    if ((int32_t)img[KL_KEYLIST_IMAGE_SUM_AT] * 256 +
                (int32_t)img[KL_KEYLIST_IMAGE_SUM_AT + 1] != s2 ||
        (int32_t)img[KL_KEYLIST_IMAGE_SUM_AT + 2] * 256 +
                (int32_t)img[KL_KEYLIST_IMAGE_SUM_AT + 3] != s1)
        return KL_KEYLIST_E_CHECKSUM;
    if (img[6] >= KL_KEYLIST_ENTRIES || img[7] != 0)
        return KL_KEYLIST_E_IMAGE;
    a = (int32_t)img[6];
    if (kl_img_entries_check(img, a) != 0)
        return KL_KEYLIST_E_IMAGE;
    return KL_KEYLIST_OK;
}

/* ---- save and load ------------------------------------------------------ */

/* Encodes every entry of *l into img[8 .. 8 + 88N - 1]. */
/*@ requires read_l: \valid_read(l);
    requires valid_img: \valid(img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1));
    requires sep_l_img: \separated(l, img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1));
    terminates \true;
    assigns img[KL_KEYLIST_IMAGE_HEADER .. KL_KEYLIST_IMAGE_SUM_AT - 1];
    ensures \forall integer m, k; 0 <= m < KL_KEYLIST_ENTRIES &&
            0 <= k < KL_KEYLIST_SECRET_BYTES ==>
            img[kl_img_off(m) + KL_KEYLIST_IE_SEC + k] == \old(l->entry[m].sec[k]);
    ensures \forall integer m; 0 <= m < KL_KEYLIST_ENTRIES ==>
            img[kl_img_off(m) + KL_KEYLIST_IE_STATE] == l->entry[m].state % 256 &&
            img[kl_img_off(m) + KL_KEYLIST_IE_ALG] == l->entry[m].alg % 256 &&
            img[kl_img_off(m) + KL_KEYLIST_IE_SQN] == l->entry[m].sqn_scheme % 256 &&
            img[kl_img_off(m) + KL_KEYLIST_IE_KVN] == l->entry[m].kvn % 256 &&
            img[kl_img_off(m) + KL_KEYLIST_IE_KI_LEN] == l->entry[m].ki_len % 256 &&
            img[kl_img_off(m) + 5] == 0 && img[kl_img_off(m) + 6] == 0 &&
            img[kl_img_off(m) + 7] == 0;
*/
static void kl_encode_all(const kl_keylist *l, uint8_t *img)
{
    int32_t j;
    /* The encoding of the finished entries, stated flat (one quantifier
     * over memory reads per fact) so that the provers can carry it. */
    /*@ loop invariant 0 <= j <= KL_KEYLIST_ENTRIES;
        loop invariant kl_all_secrets_same{Pre, Here}(l);
        loop invariant \forall integer m, k; 0 <= m < j &&
                       0 <= k < KL_KEYLIST_SECRET_BYTES ==>
                       img[kl_img_off(m) + KL_KEYLIST_IE_SEC + k] ==
                       \at(l->entry[m].sec[k], Pre);
        loop invariant \forall integer m; 0 <= m < j ==>
                       img[kl_img_off(m) + KL_KEYLIST_IE_STATE] == l->entry[m].state % 256 &&
                       img[kl_img_off(m) + KL_KEYLIST_IE_ALG] == l->entry[m].alg % 256 &&
                       img[kl_img_off(m) + KL_KEYLIST_IE_SQN] == l->entry[m].sqn_scheme % 256 &&
                       img[kl_img_off(m) + KL_KEYLIST_IE_KVN] == l->entry[m].kvn % 256 &&
                       img[kl_img_off(m) + KL_KEYLIST_IE_KI_LEN] == l->entry[m].ki_len % 256 &&
                       img[kl_img_off(m) + 5] == 0 && img[kl_img_off(m) + 6] == 0 &&
                       img[kl_img_off(m) + 7] == 0;
        loop assigns j, img[KL_KEYLIST_IMAGE_HEADER .. KL_KEYLIST_IMAGE_SUM_AT - 1];
        loop variant KL_KEYLIST_ENTRIES - j;
    */
    for (j = 0; j < (int32_t)KL_KEYLIST_ENTRIES; j++) {
        kl_encode_entry(img, l, j);
    }
}

/* Stores the checksum s2 (big-endian), then s1, after the summed bytes. */
/*@ requires valid_img: \valid(img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1));
    requires range_s1: 0 <= s1 < 65535 && 0 <= s2 < 65535;
    terminates \true;
    assigns img[KL_KEYLIST_IMAGE_SUM_AT .. KL_KEYLIST_IMAGE_SUM_AT + 3];
    ensures img[KL_KEYLIST_IMAGE_SUM_AT] * 256 + img[KL_KEYLIST_IMAGE_SUM_AT + 1]
            == s2;
    ensures img[KL_KEYLIST_IMAGE_SUM_AT + 2] * 256 + img[KL_KEYLIST_IMAGE_SUM_AT + 3]
            == s1;
    ensures kl_s1(img, KL_KEYLIST_IMAGE_SUM_AT) ==
            \old(kl_s1(img, KL_KEYLIST_IMAGE_SUM_AT));
    ensures kl_s2(img, KL_KEYLIST_IMAGE_SUM_AT) ==
            \old(kl_s2(img, KL_KEYLIST_IMAGE_SUM_AT));
*/
static void kl_put_sum(uint8_t *img, int32_t s1, int32_t s2)
{
    img[KL_KEYLIST_IMAGE_SUM_AT] = (uint8_t)(s2 / 256);
    img[KL_KEYLIST_IMAGE_SUM_AT + 1] = (uint8_t)(s2 % 256);
    img[KL_KEYLIST_IMAGE_SUM_AT + 2] = (uint8_t)(s1 / 256);
    img[KL_KEYLIST_IMAGE_SUM_AT + 3] = (uint8_t)(s1 % 256);
    /* Proof only.  The checksum bytes lie after the bytes they sum, so
     * writing them does not change the sums: the flat frame of the summed
     * bytes, then induction over the prefix length (WP cannot frame a
     * recursive logic function by itself). */
    /*@ assert \forall integer k; 0 <= k < KL_KEYLIST_IMAGE_SUM_AT ==>
               img[k] == \at(img[k], Pre); */
    /*@ ghost
        int g;
        /@ loop invariant 0 <= g <= KL_KEYLIST_IMAGE_SUM_AT;
           loop invariant kl_s1(img, g) == kl_s1{Pre}(img, g);
           loop invariant kl_s2(img, g) == kl_s2{Pre}(img, g);
           loop assigns g;
           loop variant KL_KEYLIST_IMAGE_SUM_AT - g;
        @/
        for (g = 0; g < (int)KL_KEYLIST_IMAGE_SUM_AT; g++) {
            /@ assert \forall integer q; q == g ==>
                      img[q] == \at(img[q], Pre); @/
            /@ assert kl_s1(img, g + 1) == (kl_s1(img, g) + img[g]) % 65535; @/
            /@ assert \forall integer q; q == g ==>
                      kl_s1{Pre}(img, q + 1) ==
                      (kl_s1{Pre}(img, q) + \at(img[q], Pre)) % 65535; @/
            /@ assert kl_s1(img, g + 1) == kl_s1{Pre}(img, g + 1); @/
            /@ assert kl_s2(img, g + 1) ==
                      (kl_s2(img, g) + kl_s1(img, g + 1)) % 65535; @/
            /@ assert \forall integer q; q == g ==>
                      kl_s2{Pre}(img, q + 1) ==
                      (kl_s2{Pre}(img, q) + kl_s1{Pre}(img, q + 1)) % 65535; @/
        }
    */
}

int kl_keylist_save(const kl_keylist *l, uint8_t *img, size_t len)
{
    int32_t s1, s2;
    uint32_t a;
    if (l == NULL || img == NULL)
        return KL_KEYLIST_E_NULL;
    if (len != KL_KEYLIST_IMAGE_BYTES)
        return KL_KEYLIST_E_SIZE;
    a = l->active;
    /* The entries first, while the state is still Pre: their encoding is
     * then stated against the list as it was on entry. */
    kl_encode_all(l, img);
    img[0] = KL_KEYLIST_MAGIC0;
    img[1] = KL_KEYLIST_MAGIC1;
    img[2] = KL_KEYLIST_MAGIC2;
    img[3] = KL_KEYLIST_MAGIC3;
    img[4] = KL_KEYLIST_IMAGE_VERSION;
    img[5] = (uint8_t)KL_KEYLIST_ENTRIES;
    img[6] = (uint8_t)a;
    img[7] = 0;
    /*@ assert \forall integer m, k; 0 <= m < KL_KEYLIST_ENTRIES &&
               0 <= k < KL_KEYLIST_SECRET_BYTES ==>
               img[kl_img_off(m) + KL_KEYLIST_IE_SEC + k] ==
               \at(l->entry[m].sec[k], Pre); */
    /*@ assert \forall integer m; 0 <= m < KL_KEYLIST_ENTRIES ==>
               img[kl_img_off(m) + KL_KEYLIST_IE_STATE] == l->entry[m].state % 256 &&
               img[kl_img_off(m) + KL_KEYLIST_IE_ALG] == l->entry[m].alg % 256 &&
               img[kl_img_off(m) + KL_KEYLIST_IE_SQN] == l->entry[m].sqn_scheme % 256 &&
               img[kl_img_off(m) + KL_KEYLIST_IE_KVN] == l->entry[m].kvn % 256 &&
               img[kl_img_off(m) + KL_KEYLIST_IE_KI_LEN] == l->entry[m].ki_len % 256 &&
               img[kl_img_off(m) + 5] == 0 && img[kl_img_off(m) + 6] == 0 &&
               img[kl_img_off(m) + 7] == 0; */
    kl_fletcher(img, KL_KEYLIST_IMAGE_SUM_AT, &s1, &s2);
    kl_put_sum(img, s1, s2);
    /* Proof only: the image predicates, entry by entry, in the final
     * state. */
    /*@ assert \forall integer m, k; 0 <= m < KL_KEYLIST_ENTRIES &&
               0 <= k < KL_KEYLIST_SECRET_BYTES ==>
               img[kl_img_off(m) + KL_KEYLIST_IE_SEC + k] ==
               \at(l->entry[m].sec[k], Pre); */
    /*@ assert \forall integer m; 0 <= m < KL_KEYLIST_ENTRIES ==>
               img[kl_img_off(m) + KL_KEYLIST_IE_STATE] == l->entry[m].state % 256 &&
               img[kl_img_off(m) + KL_KEYLIST_IE_ALG] == l->entry[m].alg % 256 &&
               img[kl_img_off(m) + KL_KEYLIST_IE_SQN] == l->entry[m].sqn_scheme % 256 &&
               img[kl_img_off(m) + KL_KEYLIST_IE_KVN] == l->entry[m].kvn % 256 &&
               img[kl_img_off(m) + KL_KEYLIST_IE_KI_LEN] == l->entry[m].ki_len % 256 &&
               img[kl_img_off(m) + 5] == 0 && img[kl_img_off(m) + 6] == 0 &&
               img[kl_img_off(m) + 7] == 0; */
    /*@ assert kl_img_sum_ok(img); */
    /*@ ghost
        int g;
        /@ loop invariant 0 <= g <= KL_KEYLIST_ENTRIES;
           loop invariant \forall integer m; 0 <= m < g ==>
                          kl_img_entry_is{Here, Pre}(img, l, m);
           loop invariant \forall integer m; 0 <= m < g ==>
                          kl_img_entry_ok(img, m, a);
           loop assigns g;
           loop variant KL_KEYLIST_ENTRIES - g;
        @/
        for (g = 0; g < (int)KL_KEYLIST_ENTRIES; g++) {
            /@ assert kl_entry_ok{Pre}(l, g, a); @/
            /@ assert \forall integer q, k; q == g &&
                      0 <= k < KL_KEYLIST_SECRET_BYTES ==>
                      img[kl_img_off(q) + KL_KEYLIST_IE_SEC + k] ==
                      \at(l->entry[q].sec[k], Pre); @/
            /@ assert img[kl_img_off(g) + KL_KEYLIST_IE_STATE] == l->entry[g].state; @/
            /@ assert img[kl_img_off(g) + KL_KEYLIST_IE_ALG] == l->entry[g].alg; @/
            /@ assert img[kl_img_off(g) + KL_KEYLIST_IE_SQN] == l->entry[g].sqn_scheme; @/
            /@ assert img[kl_img_off(g) + KL_KEYLIST_IE_KVN] == l->entry[g].kvn; @/
            /@ assert img[kl_img_off(g) + KL_KEYLIST_IE_KI_LEN] == l->entry[g].ki_len; @/
            /@ assert img[kl_img_off(g) + 5] == 0 && img[kl_img_off(g) + 6] == 0 &&
                      img[kl_img_off(g) + 7] == 0; @/
            /@ assert kl_img_entry_is{Here, Pre}(img, l, g); @/
            /@ assert \forall integer q, k; q == g &&
                      kl_img_off(q) + KL_KEYLIST_IE_SEC <= k <
                      kl_img_off(q) + KL_KEYLIST_IE_SEC + KL_KEYLIST_SECRET_BYTES ==>
                      img[k] == \at(l->entry[q].sec[k - kl_img_off(q) -
                                                    KL_KEYLIST_IE_SEC], Pre); @/
            /@ assert kl_img_entry_ok(img, g, a); @/
        }
    */
    /*@ assert a == l->active && img[6] == a; */
    /*@ assert kl_img_header_ok(img); */
    /*@ assert kl_img_entries_ok(img); */
    /*@ assert keylist_image_ok(img); */
    /*@ assert \forall integer m; 0 <= m < KL_KEYLIST_ENTRIES ==>
               kl_img_entry_is{Here, Pre}(img, l, m); */
    return KL_KEYLIST_OK;
}

/* Decodes every image entry into *l (the entries only, not the index);
 * the image entries are well formed for active index a (checked before). */
/*@ requires valid_l: \valid(l);
    requires read_img: \valid_read(img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1));
    requires sep_l_img: \separated(l, img + (0 .. KL_KEYLIST_IMAGE_BYTES - 1));
    requires range_a: 0 <= a < KL_KEYLIST_ENTRIES;
    requires facts: \forall integer m; 0 <= m < KL_KEYLIST_ENTRIES ==>
             kl_img_entry_ok(img, m, a);
    terminates \true;
    assigns l->entry[0 .. KL_KEYLIST_ENTRIES - 1];
    ensures \forall integer m; 0 <= m < KL_KEYLIST_ENTRIES ==>
            kl_entry_ok(l, m, a);
    ensures \forall integer m; 0 <= m < KL_KEYLIST_ENTRIES ==>
            kl_img_entry_is{Pre, Post}(img, l, m);
    ensures \forall integer m, k; 0 <= m < KL_KEYLIST_ENTRIES &&
            0 <= k < KL_KEYLIST_SECRET_BYTES ==>
            l->entry[m].sec[k] == \old(img[kl_img_off(m) + KL_KEYLIST_IE_SEC + k]);
    ensures \forall integer m; 0 <= m < KL_KEYLIST_ENTRIES ==>
            l->entry[m].state == \old(img[kl_img_off(m) + KL_KEYLIST_IE_STATE]) &&
            l->entry[m].alg == \old(img[kl_img_off(m) + KL_KEYLIST_IE_ALG]) &&
            l->entry[m].sqn_scheme == \old(img[kl_img_off(m) + KL_KEYLIST_IE_SQN]) &&
            l->entry[m].kvn == \old(img[kl_img_off(m) + KL_KEYLIST_IE_KVN]) &&
            l->entry[m].ki_len == \old(img[kl_img_off(m) + KL_KEYLIST_IE_KI_LEN]);
*/
static void kl_decode_all(kl_keylist *l, const uint8_t *img, int32_t a)
{
    (void)a; /* used by the contract and the proof only */
    int32_t j;
    /*@ loop invariant 0 <= j <= KL_KEYLIST_ENTRIES;
        loop invariant \forall integer k; 0 <= k < KL_KEYLIST_IMAGE_BYTES ==>
                       img[k] == \at(img[k], Pre);
        loop invariant \forall integer m, k; 0 <= m < j &&
                       0 <= k < KL_KEYLIST_SECRET_BYTES ==>
                       l->entry[m].sec[k] ==
                       \at(img[kl_img_off(m) + KL_KEYLIST_IE_SEC + k], Pre);
        loop invariant \forall integer m; 0 <= m < j ==>
                       l->entry[m].state == \at(img[kl_img_off(m) + KL_KEYLIST_IE_STATE], Pre) &&
                       l->entry[m].alg == \at(img[kl_img_off(m) + KL_KEYLIST_IE_ALG], Pre) &&
                       l->entry[m].sqn_scheme == \at(img[kl_img_off(m) + KL_KEYLIST_IE_SQN], Pre) &&
                       l->entry[m].kvn == \at(img[kl_img_off(m) + KL_KEYLIST_IE_KVN], Pre) &&
                       l->entry[m].ki_len == \at(img[kl_img_off(m) + KL_KEYLIST_IE_KI_LEN], Pre);
        loop assigns j, l->entry[0 .. KL_KEYLIST_ENTRIES - 1];
        loop variant KL_KEYLIST_ENTRIES - j;
    */
    for (j = 0; j < (int32_t)KL_KEYLIST_ENTRIES; j++) {
        kl_decode_entry(l, img, j);
        /*@ assert \forall integer m, k; j <= m < j + 1 &&
                   0 <= k < KL_KEYLIST_SECRET_BYTES ==>
                   l->entry[m].sec[k] ==
                   \at(img[kl_img_off(m) + KL_KEYLIST_IE_SEC + k], Pre); */
        /*@ assert \forall integer m, k; 0 <= m < j &&
                   0 <= k < KL_KEYLIST_SECRET_BYTES ==>
                   l->entry[m].sec[k] ==
                   \at(img[kl_img_off(m) + KL_KEYLIST_IE_SEC + k], Pre); */
        /*@ assert \forall integer m; 0 <= m < j ==>
                   l->entry[m].state == \at(img[kl_img_off(m) + KL_KEYLIST_IE_STATE], Pre) &&
                   l->entry[m].alg == \at(img[kl_img_off(m) + KL_KEYLIST_IE_ALG], Pre) &&
                   l->entry[m].sqn_scheme == \at(img[kl_img_off(m) + KL_KEYLIST_IE_SQN], Pre) &&
                   l->entry[m].kvn == \at(img[kl_img_off(m) + KL_KEYLIST_IE_KVN], Pre) &&
                   l->entry[m].ki_len == \at(img[kl_img_off(m) + KL_KEYLIST_IE_KI_LEN], Pre); */
    }
    /* Proof only: the decoded content, flat, against the image; then the
     * entry predicates, entry by entry, in the final state. */
    /*@ assert \forall integer k; 0 <= k < KL_KEYLIST_IMAGE_BYTES ==>
               img[k] == \at(img[k], Pre); */
    /*@ ghost
        int g;
        /@ loop invariant 0 <= g <= KL_KEYLIST_ENTRIES;
           loop invariant \forall integer m; 0 <= m < g ==>
                          kl_img_entry_is{Pre, Here}(img, l, m);
           loop invariant \forall integer m; 0 <= m < g ==>
                          kl_entry_ok(l, m, a);
           loop assigns g;
           loop variant KL_KEYLIST_ENTRIES - g;
        @/
        for (g = 0; g < (int)KL_KEYLIST_ENTRIES; g++) {
            /@ assert kl_img_entry_ok{Pre}(img, g, a); @/
            /@ assert kl_img_entry_is{Pre, Here}(img, l, g); @/
            /@ assert kl_entry_ok(l, g, a); @/
        }
    */
}

int kl_keylist_load(kl_keylist *l, const uint8_t *img, size_t len)
{
    int32_t a;
    int rc;
    if (l == NULL || img == NULL)
        return KL_KEYLIST_E_NULL;
    if (len != KL_KEYLIST_IMAGE_BYTES)
        return KL_KEYLIST_E_SIZE;
    rc = kl_image_check(img);
    if (rc != 0)
        return rc;
    a = (int32_t)img[6];
    l->active = (uint32_t)a;
    kl_decode_all(l, img, a);
    return KL_KEYLIST_OK;
}
