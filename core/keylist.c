/* keylist.c - the card's pre-configured Ki list (TR 33.812 alternative 3b):
 * personalisation, the invariant check, reading the active entry, the
 * operator change (3b) and the re-key (3a).  The model and the public
 * contracts are in keylist.h, the invariant in spec/keylist.acsl; the
 * storage image is keylist_image.c.
 *
 * Proof (unit "keylist"): every function carries a WP contract (functional:
 * the invariant, the exact new state of each operation, unchanged state on
 * every failure), plus absence of runtime errors and termination.  Every
 * operation validates all of its inputs before its first write.  Loop
 * invariants are stated flat (one quantifier over memory reads, never a
 * predicate relating two memory states), helpers state their frame
 * explicitly, and ghost loops re-establish the per-entry predicates in the
 * final state, where memory no longer changes.  Figures: reports/proofs.md.
 *
 * Secrets (Ki, KIc, KID, OPc) are only copied, zeroed, or summed with
 * constant-time loops (kl_bytes_sum: the zero test of a retired entry adds
 * up all of its bytes); no branch or table index depends on a secret byte,
 * except the one verdict "this retired entry is / is not all zero".
 */
#include "keylist.h"
#include "bytes.h"

/* ---- entries ------------------------------------------------------------ */

/* Ki into its 32-byte slot: src[0 .. n-1], then zeros. */
/*@ requires range_n: n == 16 || n == 32;
    requires valid_dst: \valid(dst + (0 .. KL_KEYLIST_KI_MAX - 1));
    requires read_src: \valid_read(src + (0 .. n - 1));
    requires init_src: \initialized(src + (0 .. n - 1));
    requires sep_dst_src: \separated(dst + (0 .. KL_KEYLIST_KI_MAX - 1), src + (0 .. n - 1));
    terminates \true;
    assigns dst[0 .. KL_KEYLIST_KI_MAX - 1];
    ensures \forall integer k; 0 <= k < n ==> dst[k] == \old(src[k]);
    ensures \forall integer k; n <= k < KL_KEYLIST_KI_MAX ==> dst[k] == 0;
    ensures \initialized(dst + (0 .. KL_KEYLIST_KI_MAX - 1));
*/
static void kl_put_ki(uint8_t *dst, const uint8_t *src, uint32_t n)
{
    size_t k;
    /*@ loop invariant 0 <= k <= KL_KEYLIST_KI_MAX;
        loop invariant \forall integer m; 0 <= m < k && m < n ==>
                       dst[m] == src[m];
        loop invariant \forall integer m; n <= m < k ==> dst[m] == 0;
        loop invariant \initialized(dst + (0 .. k - 1));
        loop assigns k, dst[0 .. KL_KEYLIST_KI_MAX - 1];
        loop variant KL_KEYLIST_KI_MAX - k;
    */
    for (k = 0; k < KL_KEYLIST_KI_MAX; k++) {
        if (k < n)
            dst[k] = src[k];
        else
            dst[k] = 0;
    }
}

int kl_keylist_params_check(uint32_t ki_len, uint32_t kvn, uint32_t alg,
                            uint32_t sqn)
{
    if (alg != KL_KEYLIST_ALG_MILENAGE && alg != KL_KEYLIST_ALG_TUAK)
        return KL_KEYLIST_E_ALG;
    if (ki_len != 16u && !(alg == KL_KEYLIST_ALG_TUAK && ki_len == 32u))
        return KL_KEYLIST_E_KI_LEN;
    if (kvn < KL_KEYLIST_KVN_MIN || kvn > KL_KEYLIST_KVN_MAX)
        return KL_KEYLIST_E_KVN;
    if (sqn < KL_KEYLIST_SQN_MIN || sqn > KL_KEYLIST_SQN_MAX)
        return KL_KEYLIST_E_SQN;
    return KL_KEYLIST_OK;
}

/* Zeroes the secrets of entry j (no state change: that is the caller's). */
/*@ requires valid_l: \valid(l);
    requires range_j: j < KL_KEYLIST_ENTRIES;
    terminates \true;
    assigns l->entry[j].sec[0 .. KL_KEYLIST_SECRET_BYTES - 1];
    ensures kl_wiped(l, j);
    ensures \forall integer m, k; 0 <= m < KL_KEYLIST_ENTRIES && m != j &&
            0 <= k < KL_KEYLIST_SECRET_BYTES ==>
            l->entry[m].sec[k] == \old(l->entry[m].sec[k]);
*/
static void kl_wipe_secrets(kl_keylist *l, uint32_t j)
{
    kl_bytes_wipe(l->entry[j].sec, KL_KEYLIST_SECRET_BYTES);
}

/* Secrets of entry j from Ki ki[0 .. ki_len-1] (zero-padded), KIc, KID, OPc. */
/*@ requires valid_l: \valid(l);
    requires range_j: j < KL_KEYLIST_ENTRIES;
    requires range_ki_len: ki_len == 16 || ki_len == 32;
    requires read_ki: \valid_read(ki + (0 .. ki_len - 1));
    requires read_kic: \valid_read(kic + (0 .. KL_KEYLIST_KEY_BYTES - 1));
    requires read_kid: \valid_read(kid + (0 .. KL_KEYLIST_KEY_BYTES - 1));
    requires read_opc: \valid_read(opc + (0 .. KL_KEYLIST_KEY_BYTES - 1));
    requires init_ki: \initialized(ki + (0 .. ki_len - 1));
    requires init_kic: \initialized(kic + (0 .. KL_KEYLIST_KEY_BYTES - 1));
    requires init_kid: \initialized(kid + (0 .. KL_KEYLIST_KEY_BYTES - 1));
    requires init_opc: \initialized(opc + (0 .. KL_KEYLIST_KEY_BYTES - 1));
    requires sep_l_ki: \separated(l, ki + (0 .. ki_len - 1));
    requires sep_l_kic: \separated(l, kic + (0 .. KL_KEYLIST_KEY_BYTES - 1));
    requires sep_l_kid: \separated(l, kid + (0 .. KL_KEYLIST_KEY_BYTES - 1));
    requires sep_l_opc: \separated(l, opc + (0 .. KL_KEYLIST_KEY_BYTES - 1));
    terminates \true;
    assigns l->entry[j].sec[0 .. KL_KEYLIST_SECRET_BYTES - 1];
    ensures \forall integer m; 0 <= m < ki_len ==>
            l->entry[j].sec[m] == \old(ki[m]);
    ensures \forall integer m; ki_len <= m < KL_KEYLIST_KI_MAX ==>
            l->entry[j].sec[m] == 0;
    ensures \forall integer m; 0 <= m < KL_KEYLIST_KEY_BYTES ==>
            l->entry[j].sec[KL_KEYLIST_SEC_KIC + m] == \old(kic[m]);
    ensures \forall integer m; 0 <= m < KL_KEYLIST_KEY_BYTES ==>
            l->entry[j].sec[KL_KEYLIST_SEC_KID + m] == \old(kid[m]);
    ensures \forall integer m; 0 <= m < KL_KEYLIST_KEY_BYTES ==>
            l->entry[j].sec[KL_KEYLIST_SEC_OPC + m] == \old(opc[m]);
    ensures \forall integer m, k; 0 <= m < KL_KEYLIST_ENTRIES && m != j &&
            0 <= k < KL_KEYLIST_SECRET_BYTES ==>
            l->entry[m].sec[k] == \old(l->entry[m].sec[k]);
*/
static void kl_set_secrets(kl_keylist *l, uint32_t j, const uint8_t *ki,
                           uint32_t ki_len, const uint8_t *kic,
                           const uint8_t *kid, const uint8_t *opc)
{
    kl_put_ki(l->entry[j].sec, ki, ki_len);
    kl_bytes_copy(l->entry[j].sec + KL_KEYLIST_SEC_KIC, kic, KL_KEYLIST_KEY_BYTES);
    /*@ assert \forall integer m; 0 <= m < KL_KEYLIST_KEY_BYTES ==>
               kid[m] == \at(kid[m], Pre); */
    kl_bytes_copy(l->entry[j].sec + KL_KEYLIST_SEC_KID, kid, KL_KEYLIST_KEY_BYTES);
    /*@ assert \forall integer m; 0 <= m < KL_KEYLIST_KEY_BYTES ==>
               opc[m] == \at(opc[m], Pre); */
    kl_bytes_copy(l->entry[j].sec + KL_KEYLIST_SEC_OPC, opc, KL_KEYLIST_KEY_BYTES);
}

/* 0 exactly when entry j is well formed for active index a. */
/*@ requires read_l: \valid_read(l);
    requires range_j: j < KL_KEYLIST_ENTRIES;
    requires init_l: \initialized(&l->entry[j].sec[0 .. KL_KEYLIST_SECRET_BYTES - 1]);
    terminates \true;
    assigns \nothing;
    ensures \result == 0 ==> kl_entry_ok(l, j, a);
    ensures kl_entry_ok(l, j, a) ==> \result == 0;
*/
static int kl_entry_check(const kl_keylist *l, uint32_t j, uint32_t a)
{
    int32_t n;
    if (kl_keylist_params_check(l->entry[j].ki_len, l->entry[j].kvn, l->entry[j].alg,
                        l->entry[j].sqn_scheme) != 0)
        return KL_KEYLIST_E_INVARIANT;
    n = (int32_t)l->entry[j].ki_len;
    if (kl_bytes_sum(l->entry[j].sec, n, (int32_t)KL_KEYLIST_KI_MAX) != 0)
        return KL_KEYLIST_E_INVARIANT;
    if (j < a) {
        if (l->entry[j].state != KL_KEYLIST_RETIRED)
            return KL_KEYLIST_E_INVARIANT;
        if (kl_bytes_sum(l->entry[j].sec, 0, (int32_t)KL_KEYLIST_SECRET_BYTES) != 0)
            return KL_KEYLIST_E_INVARIANT;
    } else if (j == a) {
        if (l->entry[j].state != KL_KEYLIST_ACTIVE)
            return KL_KEYLIST_E_INVARIANT;
    } else {
        if (l->entry[j].state != KL_KEYLIST_UNUSED)
            return KL_KEYLIST_E_INVARIANT;
    }
    return KL_KEYLIST_OK;
}

/* Entry j from *k; active when j is 0, unused otherwise (personalisation). */
/*@ requires valid_l: \valid(l);
    requires read_k: \valid_read(k);
    requires init_k: \initialized(&k->ki[0 .. KL_KEYLIST_KI_MAX - 1]) &&
                     \initialized(&k->kic[0 .. KL_KEYLIST_KEY_BYTES - 1]) &&
                     \initialized(&k->kid[0 .. KL_KEYLIST_KEY_BYTES - 1]) &&
                     \initialized(&k->opc[0 .. KL_KEYLIST_KEY_BYTES - 1]);
    requires range_j: j < KL_KEYLIST_ENTRIES;
    requires sep_l_k: \separated(l, k);
    requires keys_ok: kl_keys_ok(k);
    terminates \true;
    assigns l->entry[j];
    ensures kl_entry_ok(l, j, 0);
    ensures \forall integer m, q; 0 <= m < KL_KEYLIST_ENTRIES && m != j &&
            0 <= q < KL_KEYLIST_SECRET_BYTES ==>
            l->entry[m].sec[q] == \old(l->entry[m].sec[q]);
    ensures \forall integer m; 0 <= m < KL_KEYLIST_ENTRIES && m != j ==>
            kl_public_same{Pre, Post}(l, m) &&
            l->entry[m].state == \old(l->entry[m].state);
*/
static void kl_put_entry(kl_keylist *l, uint32_t j, const kl_keylist_keys *k)
{
    l->entry[j].ki_len = k->ki_len;
    l->entry[j].kvn = k->kvn;
    l->entry[j].alg = k->alg;
    l->entry[j].sqn_scheme = k->sqn_scheme;
    if (j == 0)
        l->entry[j].state = KL_KEYLIST_ACTIVE;
    else
        l->entry[j].state = KL_KEYLIST_UNUSED;
    /* The secrets after the scalars: the call's frame then carries the
     * scalar fields, which proves in about half the time of the other
     * order (measured, 2.3 + 5.2 s against 3.6 + 6.4 s). */
    kl_set_secrets(l, j, k->ki, k->ki_len, k->kic, k->kid, k->opc);
}

/* ---- public functions ---------------------------------------------------- */

int kl_keylist_init(kl_keylist *l, const kl_keylist_keys *keys, size_t n)
{
    uint32_t j;
    int rc;
    if (l == NULL || keys == NULL)
        return KL_KEYLIST_E_NULL;
    if (n != KL_KEYLIST_ENTRIES)
        return KL_KEYLIST_E_COUNT;
    /*@ loop invariant 0 <= j <= KL_KEYLIST_ENTRIES;
        loop invariant \forall integer m; 0 <= m < j ==> kl_keys_ok(keys + m);
        loop assigns j, rc;
        loop variant KL_KEYLIST_ENTRIES - j;
    */
    for (j = 0; j < KL_KEYLIST_ENTRIES; j++) {
        rc = kl_keylist_params_check(keys[j].ki_len, keys[j].kvn, keys[j].alg,
                             keys[j].sqn_scheme);
        if (rc != 0)
            return rc;
    }
    /* The invariant of the finished entries, stated flat (one quantifier
     * over memory reads per fact) so that the provers can carry it. */
    /*@ loop invariant 0 <= j <= KL_KEYLIST_ENTRIES;
        loop invariant \forall integer m; 0 <= m < j ==>
                       kl_params_ok(l->entry[m].ki_len, l->entry[m].kvn,
                                    l->entry[m].alg, l->entry[m].sqn_scheme);
        loop invariant \forall integer m, q; 0 <= m < j &&
                       l->entry[m].ki_len <= q < KL_KEYLIST_KI_MAX ==>
                       l->entry[m].sec[q] == 0;
        loop invariant 0 < j ==> l->entry[0].state == KL_KEYLIST_ACTIVE;
        loop invariant \forall integer m; 0 < m < j ==>
                       l->entry[m].state == KL_KEYLIST_UNUSED;
        loop assigns j, l->entry[0 .. KL_KEYLIST_ENTRIES - 1];
        loop variant KL_KEYLIST_ENTRIES - j;
    */
    for (j = 0; j < KL_KEYLIST_ENTRIES; j++)
        kl_put_entry(l, j, &keys[j]);
    l->active = 0;
    return KL_KEYLIST_OK;
}

int kl_keylist_check(const kl_keylist *l)
{
    uint32_t j, a;
    if (l == NULL)
        return KL_KEYLIST_E_NULL;
    a = l->active;
    if (a >= KL_KEYLIST_ENTRIES)
        return KL_KEYLIST_E_INVARIANT;
    /*@ loop invariant 0 <= j <= KL_KEYLIST_ENTRIES;
        loop invariant \forall integer m; 0 <= m < j ==> kl_entry_ok(l, m, a);
        loop assigns j;
        loop variant KL_KEYLIST_ENTRIES - j;
    */
    for (j = 0; j < KL_KEYLIST_ENTRIES; j++) {
        if (kl_entry_check(l, j, a) != 0)
            return KL_KEYLIST_E_INVARIANT;
    }
    return KL_KEYLIST_OK;
}

int kl_keylist_get_active(const kl_keylist *l, kl_keylist_keys *out, uint32_t *index)
{
    uint32_t a;
    if (l == NULL || out == NULL || index == NULL)
        return KL_KEYLIST_E_NULL;
    a = l->active;
    if (a >= KL_KEYLIST_ENTRIES) /* never under the invariant */
        return KL_KEYLIST_E_INVARIANT;
    kl_bytes_copy(out->ki, l->entry[a].sec, KL_KEYLIST_KI_MAX);
    kl_bytes_copy(out->kic, l->entry[a].sec + KL_KEYLIST_SEC_KIC, KL_KEYLIST_KEY_BYTES);
    kl_bytes_copy(out->kid, l->entry[a].sec + KL_KEYLIST_SEC_KID, KL_KEYLIST_KEY_BYTES);
    kl_bytes_copy(out->opc, l->entry[a].sec + KL_KEYLIST_SEC_OPC, KL_KEYLIST_KEY_BYTES);
    out->ki_len = l->entry[a].ki_len;
    out->kvn = l->entry[a].kvn;
    out->alg = l->entry[a].alg;
    out->sqn_scheme = l->entry[a].sqn_scheme;
    *index = a;
    return KL_KEYLIST_OK;
}

int kl_keylist_advance(kl_keylist *l, uint32_t i)
{
    uint32_t a;
    if (l == NULL)
        return KL_KEYLIST_E_NULL;
    a = l->active;
    /* a >= N - 1 rather than a + 1 >= N: no wrap-around whatever a is. */
    if (a >= KL_KEYLIST_ENTRIES - 1u)
        return KL_KEYLIST_E_EXHAUSTED;
    if (i != a + 1u)
        return KL_KEYLIST_E_INDEX;
    /* Against faults: the whole invariant, in constant time per entry,
     * before a credential is retired (entry a active, entry i unused). */
    if (kl_keylist_check(l) != KL_KEYLIST_OK)
        return KL_KEYLIST_E_STATE;
    /*@ assert keylist_inv(l); */
    /*@ assert kl_entry_ok(l, a, a); */
    /*@ assert kl_entry_ok(l, i, a); */
    kl_wipe_secrets(l, a);
    l->entry[a].state = KL_KEYLIST_RETIRED;
    l->entry[i].state = KL_KEYLIST_ACTIVE;
    l->active = i;
    /* Proof only: the invariant of the new state, entry by entry. */
    /*@ ghost
        int g;
        /@ loop invariant 0 <= g <= KL_KEYLIST_ENTRIES;
           loop invariant \forall integer m; 0 <= m < g ==>
                          kl_entry_ok(l, m, i);
           loop invariant \forall integer m; 0 <= m < g && m != a &&
                          m != i ==> kl_entry_same{Pre, Here}(l, m);
           loop assigns g;
           loop variant KL_KEYLIST_ENTRIES - g;
        @/
        for (g = 0; g < (int)KL_KEYLIST_ENTRIES; g++) {
            /@ assert kl_entry_ok{Pre}(l, g, a); @/
        }
    */
    return KL_KEYLIST_OK;
}

int kl_keylist_rekey(kl_keylist *l, const uint8_t *ki, uint32_t ki_len,
                  const uint8_t *kic, const uint8_t *kid, uint32_t kvn,
                  const uint8_t *opc)
{
    uint32_t a;
    int rc;
    if (l == NULL || ki == NULL || kic == NULL || kid == NULL || opc == NULL)
        return KL_KEYLIST_E_NULL;
    a = l->active; /* < N: the invariant (proved, not re-tested) */
    /*@ assert kl_entry_ok(l, a, a); */
    rc = kl_keylist_params_check(ki_len, kvn, l->entry[a].alg,
                         l->entry[a].sqn_scheme);
    if (rc != 0)
        return rc;
    kl_set_secrets(l, a, ki, ki_len, kic, kid, opc);
    l->entry[a].ki_len = ki_len;
    l->entry[a].kvn = kvn;
    /* Proof only: the invariant of the new state, entry by entry. */
    /*@ ghost
        int g;
        /@ loop invariant 0 <= g <= KL_KEYLIST_ENTRIES;
           loop invariant \forall integer m; 0 <= m < g ==>
                          kl_entry_ok(l, m, a);
           loop invariant \forall integer m; 0 <= m < g && m != a ==>
                          kl_entry_same{Pre, Here}(l, m);
           loop assigns g;
           loop variant KL_KEYLIST_ENTRIES - g;
        @/
        for (g = 0; g < (int)KL_KEYLIST_ENTRIES; g++) {
            /@ assert kl_entry_ok{Pre}(l, g, a); @/
        }
    */
    return KL_KEYLIST_OK;
}

int kl_keylist_wipe(kl_keylist *l, uint32_t i)
{
    if (l == NULL)
        return KL_KEYLIST_E_NULL;
    if (i >= KL_KEYLIST_ENTRIES)
        return KL_KEYLIST_E_INDEX;
    /*@ assert kl_entry_ok(l, i, l->active); */
    if (l->entry[i].state != KL_KEYLIST_RETIRED)
        return KL_KEYLIST_E_STATE;
    kl_wipe_secrets(l, i);
    /* Proof only: nothing changed, entry by entry. */
    /*@ ghost
        int g;
        /@ loop invariant 0 <= g <= KL_KEYLIST_ENTRIES;
           loop invariant \forall integer m; 0 <= m < g ==>
                          kl_entry_same{Pre, Here}(l, m);
           loop invariant \forall integer m; 0 <= m < g ==>
                          kl_entry_ok(l, m, l->active);
           loop assigns g;
           loop variant KL_KEYLIST_ENTRIES - g;
        @/
        for (g = 0; g < (int)KL_KEYLIST_ENTRIES; g++) {
            /@ assert kl_entry_ok{Pre}(l, g, l->active); @/
        }
    */
    return KL_KEYLIST_OK;
}

void kl_keylist_keys_wipe(kl_keylist_keys *k)
{
    if (k == NULL)
        return;
    kl_bytes_wipe(k->ki, KL_KEYLIST_KI_MAX);
    kl_bytes_wipe(k->kic, KL_KEYLIST_KEY_BYTES);
    kl_bytes_wipe(k->kid, KL_KEYLIST_KEY_BYTES);
    kl_bytes_wipe(k->opc, KL_KEYLIST_KEY_BYTES);
    k->ki_len = 0;
    k->kvn = 0;
    k->alg = 0;
    k->sqn_scheme = 0;
    KL_BARRIER(k);
}
