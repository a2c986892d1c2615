/* keylist.c - the card's pre-configured Ki list (TR 33.812 alternative 3b);
 * see keylist.h for the model and the image layout, spec/keylist.acsl for
 * the invariant.
 *
 * Proof: every function carries a WP contract (functional: the invariant,
 * the exact new state of each operation, unchanged state on every failure,
 * the image encoding), plus absence of runtime errors and termination.
 * Every operation validates all of its inputs before its first write.
 * Proof technique (proof-notes.md plus what this module needed): loop
 * invariants are stated flat (one quantifier over memory reads, never a
 * predicate relating two memory states), helpers state their frame
 * explicitly, and ghost loops re-establish the per-entry predicates in the
 * final state, where memory no longer changes.
 * Image code: image bytes are addressed through the base pointer img with
 * the entry offset in the index (img[kl_img_off(j) + c]), never through
 * img + off; the image predicates quantify over the image index itself
 * (CVC4 cannot trigger on img[8 + k]); the checksum bytes are stored by
 * kl_put_sum, whose small context carries the frame induction of the
 * Fletcher sums; the decoded entries are checked against the invariant in
 * kl_decode_all, whose context holds no checksum term (the recursive sums
 * in keylist_image_ok make CVC4 unfold without end).
 * Status (CVC4, 10 s): every goal proved (1330); the slowest are
 * kl_decode_all's invariant 3 and keylist_save's kl_img_entry_ok assertion
 * (6-8 s on a loaded machine).

 * Secrets (Ki, KIc, KID, OPc) are only copied, zeroed, or summed with
 * constant-time loops (the zero test of a retired entry adds up all of its
 * bytes); no branch or table index depends on a secret byte, except the one
 * verdict "this retired entry is / is not all zero".
 */
#include "keylist.h"

/* ---- byte helpers ------------------------------------------------------ */

/*@ requires \valid(dst + (0 .. n - 1));
    requires \valid_read(src + (0 .. n - 1));
    requires \separated(dst + (0 .. n - 1), src + (0 .. n - 1));
    terminates \true;
    assigns dst[0 .. n - 1];
    ensures \forall integer k; 0 <= k < n ==> dst[k] == \old(src[k]);
*/
static void kl_copy(uint8_t *dst, const uint8_t *src, size_t n)
{
    size_t k;
    /*@ loop invariant 0 <= k <= n;
        loop invariant \forall integer m; 0 <= m < k ==> dst[m] == src[m];
        loop assigns k, dst[0 .. n - 1];
        loop variant n - k;
    */
    for (k = 0; k < n; k++)
        dst[k] = src[k];
}

/*@ requires \valid(dst + (0 .. n - 1));
    terminates \true;
    assigns dst[0 .. n - 1];
    ensures \forall integer k; 0 <= k < n ==> dst[k] == 0;
*/
static void kl_zero(uint8_t *dst, size_t n)
{
    size_t k;
    /*@ loop invariant 0 <= k <= n;
        loop invariant \forall integer m; 0 <= m < k ==> dst[m] == 0;
        loop assigns k, dst[0 .. n - 1];
        loop variant n - k;
    */
    for (k = 0; k < n; k++)
        dst[k] = 0;
    KL_BARRIER(dst);
}

/* Ki into its 32-byte slot: src[0 .. n-1], then zeros. */
/*@ requires n == 16 || n == 32;
    requires \valid(dst + (0 .. KEYLIST_KI_MAX - 1));
    requires \valid_read(src + (0 .. n - 1));
    requires \separated(dst + (0 .. KEYLIST_KI_MAX - 1), src + (0 .. n - 1));
    terminates \true;
    assigns dst[0 .. KEYLIST_KI_MAX - 1];
    ensures \forall integer k; 0 <= k < n ==> dst[k] == \old(src[k]);
    ensures \forall integer k; n <= k < KEYLIST_KI_MAX ==> dst[k] == 0;
*/
static void kl_put_ki(uint8_t *dst, const uint8_t *src, uint32_t n)
{
    size_t k;
    /*@ loop invariant 0 <= k <= KEYLIST_KI_MAX;
        loop invariant \forall integer m; 0 <= m < k && m < n ==>
                       dst[m] == src[m];
        loop invariant \forall integer m; n <= m < k ==> dst[m] == 0;
        loop assigns k, dst[0 .. KEYLIST_KI_MAX - 1];
        loop variant KEYLIST_KI_MAX - k;
    */
    for (k = 0; k < KEYLIST_KI_MAX; k++) {
        if (k < n)
            dst[k] = src[k];
        else
            dst[k] = 0;
    }
}

/* Sum of p[from .. to-1]: zero exactly when every byte is zero.  Constant
 * time (no early exit), so it may read secrets. */
/*@ requires 0 <= from <= to <= KEYLIST_IMAGE_BYTES;
    requires \valid_read(p + (from .. to - 1));
    terminates \true;
    assigns \nothing;
    ensures 0 <= \result <= 255 * (to - from);
    ensures \result == 0 ==>
            (\forall integer k; from <= k < to ==> p[k] == 0);
    ensures (\forall integer k; from <= k < to ==> p[k] == 0) ==>
            \result == 0;
*/
static int32_t kl_sum(const uint8_t *p, int32_t from, int32_t to)
{
    int32_t acc = 0;
    int32_t k;
    /*@ loop invariant from <= k <= to;
        loop invariant 0 <= acc <= 255 * (k - from);
        loop invariant acc == 0 ==>
                       (\forall integer m; from <= m < k ==> p[m] == 0);
        loop invariant (\forall integer m; from <= m < k ==> p[m] == 0) ==>
                       acc == 0;
        loop assigns k, acc;
        loop variant to - k;
    */
    for (k = from; k < to; k++)
        acc = acc + (int32_t)p[k];
    return acc;
}

/* Fletcher-32 (byte-wise, sums mod 65535) of p[0 .. n-1]. */
/*@ requires n <= KEYLIST_IMAGE_SUM_AT;
    requires \valid_read(p + (0 .. n - 1));
    requires \valid(s1) && \valid(s2) && \separated(s1, s2);
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

/* ---- entries ------------------------------------------------------------ */

/* 0 exactly when the parameters are valid (kl_params_ok), else the error
 * naming the first bad one. */
/*@ terminates \true;
    assigns \nothing;
    ensures \result <= 0;
    ensures \result == 0 ==> kl_params_ok(ki_len, kvn, alg, sqn);
    ensures kl_params_ok(ki_len, kvn, alg, sqn) ==> \result == 0;
*/
static int kl_params_check(uint32_t ki_len, uint32_t kvn, uint32_t alg,
                           uint32_t sqn)
{
    if (alg != KEYLIST_ALG_MILENAGE && alg != KEYLIST_ALG_TUAK)
        return KEYLIST_E_ALG;
    if (ki_len != 16u && !(alg == KEYLIST_ALG_TUAK && ki_len == 32u))
        return KEYLIST_E_KI_LEN;
    if (kvn < KEYLIST_KVN_MIN || kvn > KEYLIST_KVN_MAX)
        return KEYLIST_E_KVN;
    if (sqn < KEYLIST_SQN_MIN || sqn > KEYLIST_SQN_MAX)
        return KEYLIST_E_SQN;
    return KEYLIST_OK;
}

/* Offset of image entry j, in signed arithmetic (proof-notes item 5). */
#define KL_IMG_OFF(j) \
    ((int32_t)KEYLIST_IMAGE_HEADER + (int32_t)KEYLIST_IMAGE_ENTRY * (int32_t)(j))

/* Zeroes the secrets of entry j (no state change: that is the caller's). */
/*@ requires \valid(l);
    requires j < KEYLIST_ENTRIES;
    terminates \true;
    assigns l->entry[j].sec[0 .. KEYLIST_SECRET_BYTES - 1];
    ensures kl_wiped(l, j);
    ensures \forall integer m, k; 0 <= m < KEYLIST_ENTRIES && m != j &&
            0 <= k < KEYLIST_SECRET_BYTES ==>
            l->entry[m].sec[k] == \old(l->entry[m].sec[k]);
*/
static void kl_wipe_secrets(keylist *l, uint32_t j)
{
    kl_zero(l->entry[j].sec, KEYLIST_SECRET_BYTES);
}

/* Secrets of entry j from Ki ki[0 .. ki_len-1] (zero-padded), KIc, KID, OPc. */
/*@ requires \valid(l);
    requires j < KEYLIST_ENTRIES;
    requires ki_len == 16 || ki_len == 32;
    requires \valid_read(ki + (0 .. ki_len - 1));
    requires \valid_read(kic + (0 .. KEYLIST_KEY_BYTES - 1));
    requires \valid_read(kid + (0 .. KEYLIST_KEY_BYTES - 1));
    requires \valid_read(opc + (0 .. KEYLIST_KEY_BYTES - 1));
    requires \separated(l, ki + (0 .. ki_len - 1));
    requires \separated(l, kic + (0 .. KEYLIST_KEY_BYTES - 1));
    requires \separated(l, kid + (0 .. KEYLIST_KEY_BYTES - 1));
    requires \separated(l, opc + (0 .. KEYLIST_KEY_BYTES - 1));
    terminates \true;
    assigns l->entry[j].sec[0 .. KEYLIST_SECRET_BYTES - 1];
    ensures \forall integer m; 0 <= m < ki_len ==>
            l->entry[j].sec[m] == \old(ki[m]);
    ensures \forall integer m; ki_len <= m < KEYLIST_KI_MAX ==>
            l->entry[j].sec[m] == 0;
    ensures \forall integer m; 0 <= m < KEYLIST_KEY_BYTES ==>
            l->entry[j].sec[KEYLIST_SEC_KIC + m] == \old(kic[m]);
    ensures \forall integer m; 0 <= m < KEYLIST_KEY_BYTES ==>
            l->entry[j].sec[KEYLIST_SEC_KID + m] == \old(kid[m]);
    ensures \forall integer m; 0 <= m < KEYLIST_KEY_BYTES ==>
            l->entry[j].sec[KEYLIST_SEC_OPC + m] == \old(opc[m]);
    ensures \forall integer m, k; 0 <= m < KEYLIST_ENTRIES && m != j &&
            0 <= k < KEYLIST_SECRET_BYTES ==>
            l->entry[m].sec[k] == \old(l->entry[m].sec[k]);
*/
static void kl_set_secrets(keylist *l, uint32_t j, const uint8_t *ki,
                           uint32_t ki_len, const uint8_t *kic,
                           const uint8_t *kid, const uint8_t *opc)
{
    kl_put_ki(l->entry[j].sec, ki, ki_len);
    kl_copy(l->entry[j].sec + KEYLIST_SEC_KIC, kic, KEYLIST_KEY_BYTES);
    /*@ assert \forall integer m; 0 <= m < KEYLIST_KEY_BYTES ==>
               kid[m] == \at(kid[m], Pre); */
    kl_copy(l->entry[j].sec + KEYLIST_SEC_KID, kid, KEYLIST_KEY_BYTES);
    /*@ assert \forall integer m; 0 <= m < KEYLIST_KEY_BYTES ==>
               opc[m] == \at(opc[m], Pre); */
    kl_copy(l->entry[j].sec + KEYLIST_SEC_OPC, opc, KEYLIST_KEY_BYTES);
}

/* 0 exactly when entry j is well formed for active index a. */
/*@ requires \valid_read(l);
    requires j < KEYLIST_ENTRIES;
    terminates \true;
    assigns \nothing;
    ensures \result == 0 ==> kl_entry_ok(l, j, a);
    ensures kl_entry_ok(l, j, a) ==> \result == 0;
*/
static int kl_entry_check(const keylist *l, uint32_t j, uint32_t a)
{
    int32_t n;
    if (kl_params_check(l->entry[j].ki_len, l->entry[j].kvn, l->entry[j].alg,
                        l->entry[j].sqn_scheme) != 0)
        return KEYLIST_E_INVARIANT;
    n = (int32_t)l->entry[j].ki_len;
    if (kl_sum(l->entry[j].sec, n, (int32_t)KEYLIST_KI_MAX) != 0)
        return KEYLIST_E_INVARIANT;
    if (j < a) {
        if (l->entry[j].state != KEYLIST_RETIRED)
            return KEYLIST_E_INVARIANT;
        if (kl_sum(l->entry[j].sec, 0, (int32_t)KEYLIST_SECRET_BYTES) != 0)
            return KEYLIST_E_INVARIANT;
    } else if (j == a) {
        if (l->entry[j].state != KEYLIST_ACTIVE)
            return KEYLIST_E_INVARIANT;
    } else {
        if (l->entry[j].state != KEYLIST_UNUSED)
            return KEYLIST_E_INVARIANT;
    }
    return KEYLIST_OK;
}

/* Entry j from *k; active when j is 0, unused otherwise (personalisation). */
/*@ requires \valid(l) && \valid_read(k);
    requires j < KEYLIST_ENTRIES;
    requires \separated(l, k);
    requires kl_keys_ok(k);
    terminates \true;
    assigns l->entry[j];
    ensures kl_entry_ok(l, j, 0);
    ensures \forall integer m, q; 0 <= m < KEYLIST_ENTRIES && m != j &&
            0 <= q < KEYLIST_SECRET_BYTES ==>
            l->entry[m].sec[q] == \old(l->entry[m].sec[q]);
    ensures \forall integer m; 0 <= m < KEYLIST_ENTRIES && m != j ==>
            kl_public_same{Pre, Post}(l, m) &&
            l->entry[m].state == \old(l->entry[m].state);
*/
static void kl_put_entry(keylist *l, uint32_t j, const keylist_keys *k)
{
    kl_set_secrets(l, j, k->ki, k->ki_len, k->kic, k->kid, k->opc);
    l->entry[j].ki_len = k->ki_len;
    l->entry[j].kvn = k->kvn;
    l->entry[j].alg = k->alg;
    l->entry[j].sqn_scheme = k->sqn_scheme;
    if (j == 0)
        l->entry[j].state = KEYLIST_ACTIVE;
    else
        l->entry[j].state = KEYLIST_UNUSED;
}

/* ---- image entries ----------------------------------------------------- */

/* Entry j of *l into image entry j, img[off .. off+87] with off = 8 + 88j.
 * Written through the base pointer img with the offset in the index (facts
 * on img + off do not carry back to ranges of img in the caller). */
/*@ requires \valid(img + (0 .. KEYLIST_IMAGE_BYTES - 1));
    requires \valid_read(l);
    requires 0 <= j < KEYLIST_ENTRIES;
    requires \separated(img + (0 .. KEYLIST_IMAGE_BYTES - 1), l);
    terminates \true;
    assigns img[kl_img_off(j) .. kl_img_off(j) + KEYLIST_IMAGE_ENTRY - 1];
    ensures \forall integer k; 0 <= k < KEYLIST_SECRET_BYTES ==>
            img[kl_img_off(j) + KEYLIST_IE_SEC + k] == \old(l->entry[j].sec[k]);
    ensures \forall integer m, k; 0 <= m < KEYLIST_ENTRIES &&
            0 <= k < KEYLIST_SECRET_BYTES ==>
            l->entry[m].sec[k] == \old(l->entry[m].sec[k]);
    ensures img[kl_img_off(j) + KEYLIST_IE_STATE] == l->entry[j].state % 256;
    ensures img[kl_img_off(j) + KEYLIST_IE_ALG] == l->entry[j].alg % 256;
    ensures img[kl_img_off(j) + KEYLIST_IE_SQN] == l->entry[j].sqn_scheme % 256;
    ensures img[kl_img_off(j) + KEYLIST_IE_KVN] == l->entry[j].kvn % 256;
    ensures img[kl_img_off(j) + KEYLIST_IE_KI_LEN] == l->entry[j].ki_len % 256;
    ensures img[kl_img_off(j) + 5] == 0 && img[kl_img_off(j) + 6] == 0 &&
            img[kl_img_off(j) + 7] == 0;
*/
static void kl_encode_entry(uint8_t *img, const keylist *l, int32_t j)
{
    int32_t off = KL_IMG_OFF(j);
    int32_t k;
    /*@ loop invariant 0 <= k <= KEYLIST_SECRET_BYTES;
        loop invariant off == kl_img_off(j);
        loop invariant \forall integer m, q; 0 <= m < KEYLIST_ENTRIES &&
                       0 <= q < KEYLIST_SECRET_BYTES ==>
                       l->entry[m].sec[q] == \at(l->entry[m].sec[q], Pre);
        loop invariant \forall integer q; 0 <= q < k ==>
                       img[off + KEYLIST_IE_SEC + q] ==
                       \at(l->entry[j].sec[q], Pre);
        loop assigns k, img[off + KEYLIST_IE_SEC ..
                            off + KEYLIST_IE_SEC + KEYLIST_SECRET_BYTES - 1];
        loop variant KEYLIST_SECRET_BYTES - k;
    */
    for (k = 0; k < (int32_t)KEYLIST_SECRET_BYTES; k++)
        img[off + (int32_t)KEYLIST_IE_SEC + k] = l->entry[j].sec[k];
    img[off + (int32_t)KEYLIST_IE_STATE] = (uint8_t)(l->entry[j].state % 256u);
    img[off + (int32_t)KEYLIST_IE_ALG] = (uint8_t)(l->entry[j].alg % 256u);
    img[off + (int32_t)KEYLIST_IE_SQN] =
        (uint8_t)(l->entry[j].sqn_scheme % 256u);
    img[off + (int32_t)KEYLIST_IE_KVN] = (uint8_t)(l->entry[j].kvn % 256u);
    img[off + (int32_t)KEYLIST_IE_KI_LEN] =
        (uint8_t)(l->entry[j].ki_len % 256u);
    img[off + 5] = 0;
    img[off + 6] = 0;
    img[off + 7] = 0;
}

/* 0 exactly when image entry j of img is well formed for entry j of a list
 * whose active index is a. */
/*@ requires \valid_read(img + (0 .. KEYLIST_IMAGE_BYTES - 1));
    requires 0 <= j < KEYLIST_ENTRIES;
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
    if (kl_params_check(img[off + (int32_t)KEYLIST_IE_KI_LEN],
                        img[off + (int32_t)KEYLIST_IE_KVN],
                        img[off + (int32_t)KEYLIST_IE_ALG],
                        img[off + (int32_t)KEYLIST_IE_SQN]) != 0)
        return KEYLIST_E_IMAGE;
    if (img[off + 5] != 0 || img[off + 6] != 0 || img[off + 7] != 0)
        return KEYLIST_E_IMAGE;
    n = (int32_t)img[off + (int32_t)KEYLIST_IE_KI_LEN];
    if (kl_sum(img, off + (int32_t)KEYLIST_IE_SEC + n,
               off + (int32_t)(KEYLIST_IE_SEC + KEYLIST_KI_MAX)) != 0)
        return KEYLIST_E_IMAGE;
    if (j < a) {
        if (img[off + (int32_t)KEYLIST_IE_STATE] != KEYLIST_RETIRED)
            return KEYLIST_E_IMAGE;
        if (kl_sum(img, off + (int32_t)KEYLIST_IE_SEC,
                   off + (int32_t)(KEYLIST_IE_SEC + KEYLIST_SECRET_BYTES)) != 0)
            return KEYLIST_E_IMAGE;
    } else if (j == a) {
        if (img[off + (int32_t)KEYLIST_IE_STATE] != KEYLIST_ACTIVE)
            return KEYLIST_E_IMAGE;
    } else {
        if (img[off + (int32_t)KEYLIST_IE_STATE] != KEYLIST_UNUSED)
            return KEYLIST_E_IMAGE;
    }
    return KEYLIST_OK;
}

/* Image entry j, img[off .. off+87], into entry j of *l (checked before). */
/*@ requires \valid(l);
    requires \valid_read(img + (0 .. KEYLIST_IMAGE_BYTES - 1));
    requires 0 <= j < KEYLIST_ENTRIES;
    requires \separated(img + (0 .. KEYLIST_IMAGE_BYTES - 1), l);
    terminates \true;
    assigns l->entry[j];
    ensures \forall integer k; 0 <= k < KEYLIST_SECRET_BYTES ==>
            l->entry[j].sec[k] == \old(img[kl_img_off(j) + KEYLIST_IE_SEC + k]);
    ensures l->entry[j].state == \old(img[kl_img_off(j) + KEYLIST_IE_STATE]);
    ensures l->entry[j].alg == \old(img[kl_img_off(j) + KEYLIST_IE_ALG]);
    ensures l->entry[j].sqn_scheme == \old(img[kl_img_off(j) + KEYLIST_IE_SQN]);
    ensures l->entry[j].kvn == \old(img[kl_img_off(j) + KEYLIST_IE_KVN]);
    ensures l->entry[j].ki_len == \old(img[kl_img_off(j) + KEYLIST_IE_KI_LEN]);
    ensures \forall integer m, k; 0 <= m < KEYLIST_ENTRIES && m != j &&
            0 <= k < KEYLIST_SECRET_BYTES ==>
            l->entry[m].sec[k] == \old(l->entry[m].sec[k]);
*/
static void kl_decode_entry(keylist *l, const uint8_t *img, int32_t j)
{
    int32_t off = KL_IMG_OFF(j);
    int32_t k;
    /*@ loop invariant 0 <= k <= KEYLIST_SECRET_BYTES;
        loop invariant off == kl_img_off(j);
        loop invariant \forall integer q; 0 <= q < KEYLIST_IMAGE_BYTES ==>
                       img[q] == \at(img[q], Pre);
        loop invariant \forall integer q; 0 <= q < k ==>
                       l->entry[j].sec[q] ==
                       \at(img[kl_img_off(j) + KEYLIST_IE_SEC + q], Pre);
        loop assigns k, l->entry[j].sec[0 .. KEYLIST_SECRET_BYTES - 1];
        loop variant KEYLIST_SECRET_BYTES - k;
    */
    for (k = 0; k < (int32_t)KEYLIST_SECRET_BYTES; k++)
        l->entry[j].sec[k] = img[off + (int32_t)KEYLIST_IE_SEC + k];
    l->entry[j].state = img[off + (int32_t)KEYLIST_IE_STATE];
    l->entry[j].alg = img[off + (int32_t)KEYLIST_IE_ALG];
    l->entry[j].sqn_scheme = img[off + (int32_t)KEYLIST_IE_SQN];
    l->entry[j].kvn = img[off + (int32_t)KEYLIST_IE_KVN];
    l->entry[j].ki_len = img[off + (int32_t)KEYLIST_IE_KI_LEN];
}

/* 0 exactly when every image entry is well formed for active index a. */
/*@ requires \valid_read(img + (0 .. KEYLIST_IMAGE_BYTES - 1));
    requires 0 <= a < KEYLIST_ENTRIES;
    terminates \true;
    assigns \nothing;
    ensures \result == 0 ==> \forall integer m; 0 <= m < KEYLIST_ENTRIES ==>
            kl_img_entry_ok(img, m, a);
    ensures (\forall integer m; 0 <= m < KEYLIST_ENTRIES ==>
             kl_img_entry_ok(img, m, a)) ==> \result == 0;
*/
static int kl_img_entries_check(const uint8_t *img, int32_t a)
{
    int32_t j;
    /*@ loop invariant 0 <= j <= KEYLIST_ENTRIES;
        loop invariant \forall integer m; 0 <= m < j ==>
                       kl_img_entry_ok(img, m, a);
        loop assigns j;
        loop variant KEYLIST_ENTRIES - j;
    */
    for (j = 0; j < (int32_t)KEYLIST_ENTRIES; j++) {
        if (kl_img_entry_check(img, j, a) != 0) {
            /*@ assert !kl_img_entry_ok(img, j, a); */
            return KEYLIST_E_IMAGE;
        }
    }
    return KEYLIST_OK;
}

/* 0 exactly when the whole image is acceptable (keylist_image_ok). */
/*@ requires \valid_read(img + (0 .. KEYLIST_IMAGE_BYTES - 1));
    terminates \true;
    assigns \nothing;
    ensures \result <= 0;
    ensures \result == 0 ==> keylist_image_ok(img);
    ensures keylist_image_ok(img) ==> \result == 0;
*/
static int kl_image_check(const uint8_t *img)
{
    int32_t s1, s2, a;
    if (img[0] != KEYLIST_MAGIC0 || img[1] != KEYLIST_MAGIC1 ||
        img[2] != KEYLIST_MAGIC2 || img[3] != KEYLIST_MAGIC3)
        return KEYLIST_E_MAGIC;
    if (img[4] != KEYLIST_IMAGE_VERSION || img[5] != KEYLIST_ENTRIES)
        return KEYLIST_E_VERSION;
    kl_fletcher(img, KEYLIST_IMAGE_SUM_AT, &s1, &s2);
    if ((int32_t)img[KEYLIST_IMAGE_SUM_AT] * 256 +
                (int32_t)img[KEYLIST_IMAGE_SUM_AT + 1] != s2 ||
        (int32_t)img[KEYLIST_IMAGE_SUM_AT + 2] * 256 +
                (int32_t)img[KEYLIST_IMAGE_SUM_AT + 3] != s1)
        return KEYLIST_E_CHECKSUM;
    if (img[6] >= KEYLIST_ENTRIES || img[7] != 0)
        return KEYLIST_E_IMAGE;
    a = (int32_t)img[6];
    if (kl_img_entries_check(img, a) != 0)
        return KEYLIST_E_IMAGE;
    return KEYLIST_OK;
}

/* ---- public functions ---------------------------------------------------- */

int keylist_init(keylist *l, const keylist_keys *keys, size_t n)
{
    uint32_t j;
    int rc;
    if (l == NULL || keys == NULL)
        return KEYLIST_E_NULL;
    if (n != KEYLIST_ENTRIES)
        return KEYLIST_E_COUNT;
    /*@ loop invariant 0 <= j <= KEYLIST_ENTRIES;
        loop invariant \forall integer m; 0 <= m < j ==> kl_keys_ok(keys + m);
        loop assigns j, rc;
        loop variant KEYLIST_ENTRIES - j;
    */
    for (j = 0; j < KEYLIST_ENTRIES; j++) {
        rc = kl_params_check(keys[j].ki_len, keys[j].kvn, keys[j].alg,
                             keys[j].sqn_scheme);
        if (rc != 0)
            return rc;
    }
    /* The invariant of the finished entries, stated flat (one quantifier
     * over memory reads per fact) so that the provers can carry it. */
    /*@ loop invariant 0 <= j <= KEYLIST_ENTRIES;
        loop invariant \forall integer m; 0 <= m < j ==>
                       kl_params_ok(l->entry[m].ki_len, l->entry[m].kvn,
                                    l->entry[m].alg, l->entry[m].sqn_scheme);
        loop invariant \forall integer m, q; 0 <= m < j &&
                       l->entry[m].ki_len <= q < KEYLIST_KI_MAX ==>
                       l->entry[m].sec[q] == 0;
        loop invariant 0 < j ==> l->entry[0].state == KEYLIST_ACTIVE;
        loop invariant \forall integer m; 0 < m < j ==>
                       l->entry[m].state == KEYLIST_UNUSED;
        loop assigns j, l->entry[0 .. KEYLIST_ENTRIES - 1];
        loop variant KEYLIST_ENTRIES - j;
    */
    for (j = 0; j < KEYLIST_ENTRIES; j++)
        kl_put_entry(l, j, &keys[j]);
    l->active = 0;
    return KEYLIST_OK;
}

int keylist_check(const keylist *l)
{
    uint32_t j, a;
    if (l == NULL)
        return KEYLIST_E_NULL;
    a = l->active;
    if (a >= KEYLIST_ENTRIES)
        return KEYLIST_E_INVARIANT;
    /*@ loop invariant 0 <= j <= KEYLIST_ENTRIES;
        loop invariant \forall integer m; 0 <= m < j ==> kl_entry_ok(l, m, a);
        loop assigns j;
        loop variant KEYLIST_ENTRIES - j;
    */
    for (j = 0; j < KEYLIST_ENTRIES; j++) {
        if (kl_entry_check(l, j, a) != 0)
            return KEYLIST_E_INVARIANT;
    }
    return KEYLIST_OK;
}

int keylist_get_active(const keylist *l, keylist_keys *out, uint32_t *index)
{
    uint32_t a;
    if (l == NULL || out == NULL || index == NULL)
        return KEYLIST_E_NULL;
    a = l->active;
    if (a >= KEYLIST_ENTRIES) /* unreachable under the invariant */
        return KEYLIST_E_INVARIANT;
    kl_copy(out->ki, l->entry[a].sec, KEYLIST_KI_MAX);
    kl_copy(out->kic, l->entry[a].sec + KEYLIST_SEC_KIC, KEYLIST_KEY_BYTES);
    kl_copy(out->kid, l->entry[a].sec + KEYLIST_SEC_KID, KEYLIST_KEY_BYTES);
    kl_copy(out->opc, l->entry[a].sec + KEYLIST_SEC_OPC, KEYLIST_KEY_BYTES);
    out->ki_len = l->entry[a].ki_len;
    out->kvn = l->entry[a].kvn;
    out->alg = l->entry[a].alg;
    out->sqn_scheme = l->entry[a].sqn_scheme;
    *index = a;
    return KEYLIST_OK;
}

int keylist_advance(keylist *l, uint32_t i)
{
    uint32_t a;
    if (l == NULL)
        return KEYLIST_E_NULL;
    a = l->active;
    if (a >= KEYLIST_ENTRIES || a + 1u >= KEYLIST_ENTRIES)
        return KEYLIST_E_EXHAUSTED;
    if (i != a + 1u)
        return KEYLIST_E_INDEX;
    /*@ assert kl_entry_ok(l, a, a); */
    /*@ assert kl_entry_ok(l, i, a); */
    /* Unreachable under the invariant; kept against faults. */
    if (l->entry[a].state != KEYLIST_ACTIVE ||
        l->entry[i].state != KEYLIST_UNUSED)
        return KEYLIST_E_STATE;
    kl_wipe_secrets(l, a);
    l->entry[a].state = KEYLIST_RETIRED;
    l->entry[i].state = KEYLIST_ACTIVE;
    l->active = i;
    /* Proof only: the invariant of the new state, entry by entry. */
    /*@ ghost
        int g;
        /@ loop invariant 0 <= g <= KEYLIST_ENTRIES;
           loop invariant \forall integer m; 0 <= m < g ==>
                          kl_entry_ok(l, m, i);
           loop invariant \forall integer m; 0 <= m < g && m != a &&
                          m != i ==> kl_entry_same{Pre, Here}(l, m);
           loop assigns g;
           loop variant KEYLIST_ENTRIES - g;
        @/
        for (g = 0; g < (int)KEYLIST_ENTRIES; g++) {
            /@ assert kl_entry_ok{Pre}(l, g, a); @/
        }
    */
    return KEYLIST_OK;
}

int keylist_rekey(keylist *l, const uint8_t *ki, uint32_t ki_len,
                  const uint8_t *kic, const uint8_t *kid, uint32_t kvn,
                  const uint8_t *opc)
{
    uint32_t a;
    int rc;
    if (l == NULL || ki == NULL || kic == NULL || kid == NULL || opc == NULL)
        return KEYLIST_E_NULL;
    a = l->active;
    if (a >= KEYLIST_ENTRIES) /* unreachable under the invariant */
        return KEYLIST_E_INVARIANT;
    /*@ assert kl_entry_ok(l, a, a); */
    rc = kl_params_check(ki_len, kvn, l->entry[a].alg,
                         l->entry[a].sqn_scheme);
    if (rc != 0)
        return rc;
    kl_set_secrets(l, a, ki, ki_len, kic, kid, opc);
    l->entry[a].ki_len = ki_len;
    l->entry[a].kvn = kvn;
    /* Proof only: the invariant of the new state, entry by entry. */
    /*@ ghost
        int g;
        /@ loop invariant 0 <= g <= KEYLIST_ENTRIES;
           loop invariant \forall integer m; 0 <= m < g ==>
                          kl_entry_ok(l, m, a);
           loop invariant \forall integer m; 0 <= m < g && m != a ==>
                          kl_entry_same{Pre, Here}(l, m);
           loop assigns g;
           loop variant KEYLIST_ENTRIES - g;
        @/
        for (g = 0; g < (int)KEYLIST_ENTRIES; g++) {
            /@ assert kl_entry_ok{Pre}(l, g, a); @/
        }
    */
    return KEYLIST_OK;
}

int keylist_wipe(keylist *l, uint32_t i)
{
    if (l == NULL)
        return KEYLIST_E_NULL;
    if (i >= KEYLIST_ENTRIES)
        return KEYLIST_E_INDEX;
    /*@ assert kl_entry_ok(l, i, l->active); */
    if (l->entry[i].state != KEYLIST_RETIRED)
        return KEYLIST_E_STATE;
    kl_wipe_secrets(l, i);
    /* Proof only: nothing changed, entry by entry. */
    /*@ ghost
        int g;
        /@ loop invariant 0 <= g <= KEYLIST_ENTRIES;
           loop invariant \forall integer m; 0 <= m < g ==>
                          kl_entry_same{Pre, Here}(l, m);
           loop invariant \forall integer m; 0 <= m < g ==>
                          kl_entry_ok(l, m, l->active);
           loop assigns g;
           loop variant KEYLIST_ENTRIES - g;
        @/
        for (g = 0; g < (int)KEYLIST_ENTRIES; g++) {
            /@ assert kl_entry_ok{Pre}(l, g, l->active); @/
        }
    */
    return KEYLIST_OK;
}

/* Encodes every entry of *l into img[8 .. 8 + 88N - 1]. */
/*@ requires \valid_read(l);
    requires \valid(img + (0 .. KEYLIST_IMAGE_BYTES - 1));
    requires \separated(l, img + (0 .. KEYLIST_IMAGE_BYTES - 1));
    terminates \true;
    assigns img[KEYLIST_IMAGE_HEADER .. KEYLIST_IMAGE_SUM_AT - 1];
    ensures \forall integer m, k; 0 <= m < KEYLIST_ENTRIES &&
            0 <= k < KEYLIST_SECRET_BYTES ==>
            img[kl_img_off(m) + KEYLIST_IE_SEC + k] == \old(l->entry[m].sec[k]);
    ensures \forall integer m; 0 <= m < KEYLIST_ENTRIES ==>
            img[kl_img_off(m) + KEYLIST_IE_STATE] == l->entry[m].state % 256 &&
            img[kl_img_off(m) + KEYLIST_IE_ALG] == l->entry[m].alg % 256 &&
            img[kl_img_off(m) + KEYLIST_IE_SQN] == l->entry[m].sqn_scheme % 256 &&
            img[kl_img_off(m) + KEYLIST_IE_KVN] == l->entry[m].kvn % 256 &&
            img[kl_img_off(m) + KEYLIST_IE_KI_LEN] == l->entry[m].ki_len % 256 &&
            img[kl_img_off(m) + 5] == 0 && img[kl_img_off(m) + 6] == 0 &&
            img[kl_img_off(m) + 7] == 0;
*/
static void kl_encode_all(const keylist *l, uint8_t *img)
{
    int32_t j;
    /* The encoding of the finished entries, stated flat (one quantifier
     * over memory reads per fact) so that the provers can carry it. */
    /*@ loop invariant 0 <= j <= KEYLIST_ENTRIES;
        loop invariant kl_all_secrets_same{Pre, Here}(l);
        loop invariant \forall integer m, k; 0 <= m < j &&
                       0 <= k < KEYLIST_SECRET_BYTES ==>
                       img[kl_img_off(m) + KEYLIST_IE_SEC + k] ==
                       \at(l->entry[m].sec[k], Pre);
        loop invariant \forall integer m; 0 <= m < j ==>
                       img[kl_img_off(m) + KEYLIST_IE_STATE] == l->entry[m].state % 256 &&
                       img[kl_img_off(m) + KEYLIST_IE_ALG] == l->entry[m].alg % 256 &&
                       img[kl_img_off(m) + KEYLIST_IE_SQN] == l->entry[m].sqn_scheme % 256 &&
                       img[kl_img_off(m) + KEYLIST_IE_KVN] == l->entry[m].kvn % 256 &&
                       img[kl_img_off(m) + KEYLIST_IE_KI_LEN] == l->entry[m].ki_len % 256 &&
                       img[kl_img_off(m) + 5] == 0 && img[kl_img_off(m) + 6] == 0 &&
                       img[kl_img_off(m) + 7] == 0;
        loop assigns j, img[KEYLIST_IMAGE_HEADER .. KEYLIST_IMAGE_SUM_AT - 1];
        loop variant KEYLIST_ENTRIES - j;
    */
    for (j = 0; j < (int32_t)KEYLIST_ENTRIES; j++) {
        kl_encode_entry(img, l, j);
    }
}

/* Stores the checksum s2 (big-endian), then s1, after the summed bytes. */
/*@ requires \valid(img + (0 .. KEYLIST_IMAGE_BYTES - 1));
    requires 0 <= s1 < 65535 && 0 <= s2 < 65535;
    terminates \true;
    assigns img[KEYLIST_IMAGE_SUM_AT .. KEYLIST_IMAGE_SUM_AT + 3];
    ensures img[KEYLIST_IMAGE_SUM_AT] * 256 + img[KEYLIST_IMAGE_SUM_AT + 1]
            == s2;
    ensures img[KEYLIST_IMAGE_SUM_AT + 2] * 256 + img[KEYLIST_IMAGE_SUM_AT + 3]
            == s1;
    ensures kl_s1(img, KEYLIST_IMAGE_SUM_AT) ==
            \old(kl_s1(img, KEYLIST_IMAGE_SUM_AT));
    ensures kl_s2(img, KEYLIST_IMAGE_SUM_AT) ==
            \old(kl_s2(img, KEYLIST_IMAGE_SUM_AT));
*/
static void kl_put_sum(uint8_t *img, int32_t s1, int32_t s2)
{
    img[KEYLIST_IMAGE_SUM_AT] = (uint8_t)(s2 / 256);
    img[KEYLIST_IMAGE_SUM_AT + 1] = (uint8_t)(s2 % 256);
    img[KEYLIST_IMAGE_SUM_AT + 2] = (uint8_t)(s1 / 256);
    img[KEYLIST_IMAGE_SUM_AT + 3] = (uint8_t)(s1 % 256);
    /* Proof only.  The checksum bytes lie after the bytes they sum, so
     * writing them does not change the sums: the flat frame of the summed
     * bytes, then induction over the prefix length (WP cannot frame a
     * recursive logic function by itself). */
    /*@ assert \forall integer k; 0 <= k < KEYLIST_IMAGE_SUM_AT ==>
               img[k] == \at(img[k], Pre); */
    /*@ ghost
        int g;
        /@ loop invariant 0 <= g <= KEYLIST_IMAGE_SUM_AT;
           loop invariant kl_s1(img, g) == kl_s1{Pre}(img, g);
           loop invariant kl_s2(img, g) == kl_s2{Pre}(img, g);
           loop assigns g;
           loop variant KEYLIST_IMAGE_SUM_AT - g;
        @/
        for (g = 0; g < (int)KEYLIST_IMAGE_SUM_AT; g++) {
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

int keylist_save(const keylist *l, uint8_t *img, size_t len)
{
    int32_t s1, s2;
    uint32_t a;
    if (l == NULL || img == NULL)
        return KEYLIST_E_NULL;
    if (len != KEYLIST_IMAGE_BYTES)
        return KEYLIST_E_SIZE;
    a = l->active;
    /* The entries first, while the state is still Pre: their encoding is
     * then stated against the list as it was on entry. */
    kl_encode_all(l, img);
    img[0] = KEYLIST_MAGIC0;
    img[1] = KEYLIST_MAGIC1;
    img[2] = KEYLIST_MAGIC2;
    img[3] = KEYLIST_MAGIC3;
    img[4] = KEYLIST_IMAGE_VERSION;
    img[5] = (uint8_t)KEYLIST_ENTRIES;
    img[6] = (uint8_t)a;
    img[7] = 0;
    /*@ assert \forall integer m, k; 0 <= m < KEYLIST_ENTRIES &&
               0 <= k < KEYLIST_SECRET_BYTES ==>
               img[kl_img_off(m) + KEYLIST_IE_SEC + k] ==
               \at(l->entry[m].sec[k], Pre); */
    /*@ assert \forall integer m; 0 <= m < KEYLIST_ENTRIES ==>
               img[kl_img_off(m) + KEYLIST_IE_STATE] == l->entry[m].state % 256 &&
               img[kl_img_off(m) + KEYLIST_IE_ALG] == l->entry[m].alg % 256 &&
               img[kl_img_off(m) + KEYLIST_IE_SQN] == l->entry[m].sqn_scheme % 256 &&
               img[kl_img_off(m) + KEYLIST_IE_KVN] == l->entry[m].kvn % 256 &&
               img[kl_img_off(m) + KEYLIST_IE_KI_LEN] == l->entry[m].ki_len % 256 &&
               img[kl_img_off(m) + 5] == 0 && img[kl_img_off(m) + 6] == 0 &&
               img[kl_img_off(m) + 7] == 0; */
    kl_fletcher(img, KEYLIST_IMAGE_SUM_AT, &s1, &s2);
    kl_put_sum(img, s1, s2);
    /* Proof only: the image predicates, entry by entry, in the final
     * state. */
    /*@ assert \forall integer m, k; 0 <= m < KEYLIST_ENTRIES &&
               0 <= k < KEYLIST_SECRET_BYTES ==>
               img[kl_img_off(m) + KEYLIST_IE_SEC + k] ==
               \at(l->entry[m].sec[k], Pre); */
    /*@ assert \forall integer m; 0 <= m < KEYLIST_ENTRIES ==>
               img[kl_img_off(m) + KEYLIST_IE_STATE] == l->entry[m].state % 256 &&
               img[kl_img_off(m) + KEYLIST_IE_ALG] == l->entry[m].alg % 256 &&
               img[kl_img_off(m) + KEYLIST_IE_SQN] == l->entry[m].sqn_scheme % 256 &&
               img[kl_img_off(m) + KEYLIST_IE_KVN] == l->entry[m].kvn % 256 &&
               img[kl_img_off(m) + KEYLIST_IE_KI_LEN] == l->entry[m].ki_len % 256 &&
               img[kl_img_off(m) + 5] == 0 && img[kl_img_off(m) + 6] == 0 &&
               img[kl_img_off(m) + 7] == 0; */
    /*@ assert kl_img_sum_ok(img); */
    /*@ ghost
        int g;
        /@ loop invariant 0 <= g <= KEYLIST_ENTRIES;
           loop invariant \forall integer m; 0 <= m < g ==>
                          kl_img_entry_is{Here, Pre}(img, l, m);
           loop invariant \forall integer m; 0 <= m < g ==>
                          kl_img_entry_ok(img, m, a);
           loop assigns g;
           loop variant KEYLIST_ENTRIES - g;
        @/
        for (g = 0; g < (int)KEYLIST_ENTRIES; g++) {
            /@ assert kl_entry_ok{Pre}(l, g, a); @/
            /@ assert \forall integer q, k; q == g &&
                      0 <= k < KEYLIST_SECRET_BYTES ==>
                      img[kl_img_off(q) + KEYLIST_IE_SEC + k] ==
                      \at(l->entry[q].sec[k], Pre); @/
            /@ assert img[kl_img_off(g) + KEYLIST_IE_STATE] == l->entry[g].state; @/
            /@ assert img[kl_img_off(g) + KEYLIST_IE_ALG] == l->entry[g].alg; @/
            /@ assert img[kl_img_off(g) + KEYLIST_IE_SQN] == l->entry[g].sqn_scheme; @/
            /@ assert img[kl_img_off(g) + KEYLIST_IE_KVN] == l->entry[g].kvn; @/
            /@ assert img[kl_img_off(g) + KEYLIST_IE_KI_LEN] == l->entry[g].ki_len; @/
            /@ assert img[kl_img_off(g) + 5] == 0 && img[kl_img_off(g) + 6] == 0 &&
                      img[kl_img_off(g) + 7] == 0; @/
            /@ assert kl_img_entry_is{Here, Pre}(img, l, g); @/
            /@ assert \forall integer q, k; q == g &&
                      kl_img_off(q) + KEYLIST_IE_SEC <= k <
                      kl_img_off(q) + KEYLIST_IE_SEC + KEYLIST_SECRET_BYTES ==>
                      img[k] == \at(l->entry[q].sec[k - kl_img_off(q) -
                                                    KEYLIST_IE_SEC], Pre); @/
            /@ assert kl_img_entry_ok(img, g, a); @/
        }
    */
    /*@ assert a == l->active && img[6] == a; */
    /*@ assert kl_img_header_ok(img); */
    /*@ assert kl_img_entries_ok(img); */
    /*@ assert keylist_image_ok(img); */
    /*@ assert \forall integer m; 0 <= m < KEYLIST_ENTRIES ==>
               kl_img_entry_is{Here, Pre}(img, l, m); */
    return KEYLIST_OK;
}

/* Decodes every image entry into *l (the entries only, not the index);
 * the image entries are well formed for active index a (checked before). */
/*@ requires \valid(l);
    requires \valid_read(img + (0 .. KEYLIST_IMAGE_BYTES - 1));
    requires \separated(l, img + (0 .. KEYLIST_IMAGE_BYTES - 1));
    requires 0 <= a < KEYLIST_ENTRIES;
    requires \forall integer m; 0 <= m < KEYLIST_ENTRIES ==>
             kl_img_entry_ok(img, m, a);
    terminates \true;
    assigns l->entry[0 .. KEYLIST_ENTRIES - 1];
    ensures \forall integer m; 0 <= m < KEYLIST_ENTRIES ==>
            kl_entry_ok(l, m, a);
    ensures \forall integer m; 0 <= m < KEYLIST_ENTRIES ==>
            kl_img_entry_is{Pre, Post}(img, l, m);
    ensures \forall integer m, k; 0 <= m < KEYLIST_ENTRIES &&
            0 <= k < KEYLIST_SECRET_BYTES ==>
            l->entry[m].sec[k] == \old(img[kl_img_off(m) + KEYLIST_IE_SEC + k]);
    ensures \forall integer m; 0 <= m < KEYLIST_ENTRIES ==>
            l->entry[m].state == \old(img[kl_img_off(m) + KEYLIST_IE_STATE]) &&
            l->entry[m].alg == \old(img[kl_img_off(m) + KEYLIST_IE_ALG]) &&
            l->entry[m].sqn_scheme == \old(img[kl_img_off(m) + KEYLIST_IE_SQN]) &&
            l->entry[m].kvn == \old(img[kl_img_off(m) + KEYLIST_IE_KVN]) &&
            l->entry[m].ki_len == \old(img[kl_img_off(m) + KEYLIST_IE_KI_LEN]);
*/
static void kl_decode_all(keylist *l, const uint8_t *img, int32_t a)
{
    (void)a; /* used by the contract and the proof only */
    int32_t j;
    /*@ loop invariant 0 <= j <= KEYLIST_ENTRIES;
        loop invariant \forall integer k; 0 <= k < KEYLIST_IMAGE_BYTES ==>
                       img[k] == \at(img[k], Pre);
        loop invariant \forall integer m, k; 0 <= m < j &&
                       0 <= k < KEYLIST_SECRET_BYTES ==>
                       l->entry[m].sec[k] ==
                       \at(img[kl_img_off(m) + KEYLIST_IE_SEC + k], Pre);
        loop invariant \forall integer m; 0 <= m < j ==>
                       l->entry[m].state == \at(img[kl_img_off(m) + KEYLIST_IE_STATE], Pre) &&
                       l->entry[m].alg == \at(img[kl_img_off(m) + KEYLIST_IE_ALG], Pre) &&
                       l->entry[m].sqn_scheme == \at(img[kl_img_off(m) + KEYLIST_IE_SQN], Pre) &&
                       l->entry[m].kvn == \at(img[kl_img_off(m) + KEYLIST_IE_KVN], Pre) &&
                       l->entry[m].ki_len == \at(img[kl_img_off(m) + KEYLIST_IE_KI_LEN], Pre);
        loop assigns j, l->entry[0 .. KEYLIST_ENTRIES - 1];
        loop variant KEYLIST_ENTRIES - j;
    */
    for (j = 0; j < (int32_t)KEYLIST_ENTRIES; j++) {
        kl_decode_entry(l, img, j);
        /*@ assert \forall integer m, k; j <= m < j + 1 &&
                   0 <= k < KEYLIST_SECRET_BYTES ==>
                   l->entry[m].sec[k] ==
                   \at(img[kl_img_off(m) + KEYLIST_IE_SEC + k], Pre); */
        /*@ assert \forall integer m, k; 0 <= m < j &&
                   0 <= k < KEYLIST_SECRET_BYTES ==>
                   l->entry[m].sec[k] ==
                   \at(img[kl_img_off(m) + KEYLIST_IE_SEC + k], Pre); */
    }
    /* Proof only: the decoded content, flat, against the image; then the
     * entry predicates, entry by entry, in the final state. */
    /*@ assert \forall integer k; 0 <= k < KEYLIST_IMAGE_BYTES ==>
               img[k] == \at(img[k], Pre); */
    /*@ ghost
        int g;
        /@ loop invariant 0 <= g <= KEYLIST_ENTRIES;
           loop invariant \forall integer m; 0 <= m < g ==>
                          kl_img_entry_is{Pre, Here}(img, l, m);
           loop invariant \forall integer m; 0 <= m < g ==>
                          kl_entry_ok(l, m, a);
           loop assigns g;
           loop variant KEYLIST_ENTRIES - g;
        @/
        for (g = 0; g < (int)KEYLIST_ENTRIES; g++) {
            /@ assert kl_img_entry_ok{Pre}(img, g, a); @/
            /@ assert kl_img_entry_is{Pre, Here}(img, l, g); @/
            /@ assert kl_entry_ok(l, g, a); @/
        }
    */
}

int keylist_load(keylist *l, const uint8_t *img, size_t len)
{
    int32_t a;
    int rc;
    if (l == NULL || img == NULL)
        return KEYLIST_E_NULL;
    if (len != KEYLIST_IMAGE_BYTES)
        return KEYLIST_E_SIZE;
    rc = kl_image_check(img);
    if (rc != 0)
        return rc;
    a = (int32_t)img[6];
    l->active = (uint32_t)a;
    kl_decode_all(l, img, a);
    return KEYLIST_OK;
}

void keylist_keys_wipe(keylist_keys *k)
{
    if (k == NULL)
        return;
    kl_zero(k->ki, KEYLIST_KI_MAX);
    kl_zero(k->kic, KEYLIST_KEY_BYTES);
    kl_zero(k->kid, KEYLIST_KEY_BYTES);
    kl_zero(k->opc, KEYLIST_KEY_BYTES);
    k->ki_len = 0;
    k->kvn = 0;
    k->alg = 0;
    k->sqn_scheme = 0;
    KL_BARRIER(k);
}
