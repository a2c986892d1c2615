/* txn.c - two-slot (A/B) commit of the card's state image; layout, commit
 * order and power-cut hook in txn.h.
 *
 * Proof (WP, unit "txn"): runtime safety, assigns, termination, the
 * behaviours of txn.h (the current slot, number and length after each
 * call; the payload stored on commit and returned by read).  Integers are
 * built and split with * / % (proofs/README.md rule 6); every loop has its
 * variant.  Every storage write goes through kl_txn_put, the only place
 * that writes t->mem after the format's erase.
 */
#include "txn.h"

/* One storage write: src[0 .. n-1] to mem[off ..], n <= KL_TXN_UNIT, unless
 * the power-cut hook cuts it (txn.h). */
/*@ requires \valid(t);
    requires n <= KL_TXN_UNIT && off <= KL_TXN_STORE_BYTES &&
             n <= KL_TXN_STORE_BYTES - off;
    requires \valid_read(src + (0 .. n - 1));
    requires \separated(t, src + (0 .. n - 1));
    terminates \true;
    assigns t->mem[off .. off + n - 1], t->writes, t->dead;
    ensures \result == KL_TXN_OK || \result == KL_TXN_E_POWER;
    ensures \old(t->dead) == 0 && t->cut_at == 0 ==>
            \result == KL_TXN_OK && t->dead == 0;
    ensures \result == KL_TXN_OK ==>
            \forall integer k; off <= k < off + n ==>
              t->mem[k] == src[k - off];
    ensures \forall integer k; 0 <= k < off ==> t->mem[k] == \old(t->mem[k]);
    ensures \forall integer k; off + n <= k < KL_TXN_STORE_BYTES ==>
            t->mem[k] == \old(t->mem[k]);
*/
static int kl_txn_put(kl_txn *t, size_t off, const uint8_t *src, size_t n)
{
    size_t keep = n;
    size_t k;
    int rc = KL_TXN_OK;
    if (t->dead != 0u)
        return KL_TXN_E_POWER;
    if (t->writes < 0xFFFFFFFFu)
        t->writes = t->writes + 1u;
    if (t->cut_at != 0u && t->writes == t->cut_at) {
        keep = (t->torn != 0u) ? n / 2u : 0u;
        t->dead = 1u;
        rc = KL_TXN_E_POWER;
    }
    /*@ loop invariant 0 <= k <= keep;
        loop invariant \forall integer m; off <= m < off + k ==>
                       t->mem[m] == src[m - off];
        loop invariant \forall integer m; 0 <= m < off ==>
                       t->mem[m] == \at(t->mem[m], Pre);
        loop invariant \forall integer m; off + n <= m < KL_TXN_STORE_BYTES ==>
                       t->mem[m] == \at(t->mem[m], Pre);
        loop assigns k, t->mem[off .. off + n - 1];
        loop variant keep - k;
    */
    for (k = 0; k < keep; k++)
        t->mem[off + k] = src[k];
    return rc;
}

/* Fletcher-32 sums continued over p[0 .. n-1] (s[0] = s1, s[1] = s2). */
/*@ requires n <= KL_TXN_PAYLOAD_MAX;
    requires \valid_read(p + (0 .. n - 1));
    requires \valid(s + (0 .. 1));
    requires \separated(s + (0 .. 1), p + (0 .. n - 1));
    requires 0 <= s[0] < 65535 && 0 <= s[1] < 65535;
    terminates \true;
    assigns s[0 .. 1];
    ensures 0 <= s[0] < 65535 && 0 <= s[1] < 65535;
*/
static void kl_txn_fletcher(const uint8_t *p, size_t n, int32_t *s)
{
    int32_t a = s[0], b = s[1];
    size_t k;
    /*@ loop invariant 0 <= k <= n;
        loop invariant 0 <= a < 65535 && 0 <= b < 65535;
        loop assigns k, a, b;
        loop variant n - k;
    */
    for (k = 0; k < n; k++) {
        a = (a + (int32_t)p[k]) % 65535;
        b = (b + a) % 65535;
    }
    s[0] = a;
    s[1] = b;
}

/* Big-endian 32-bit field at p[0 .. 3]. */
/*@ requires \valid(p + (0 .. 3));
    terminates \true;
    assigns p[0 .. 3];
*/
static void kl_txn_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v / 16777216u);
    p[1] = (uint8_t)(v / 65536u % 256u);
    p[2] = (uint8_t)(v / 256u % 256u);
    p[3] = (uint8_t)(v % 256u);
}

/*@ requires \valid_read(p + (0 .. 3));
    terminates \true;
    assigns \nothing;
*/
static uint32_t kl_txn_get32(const uint8_t *p)
{
    return (uint32_t)p[0] * 16777216u + (uint32_t)p[1] * 65536u +
           (uint32_t)p[2] * 256u + (uint32_t)p[3];
}

/* The header of a slot holding n payload bytes under number seq, with the
 * checksum over its first 16 bytes and payload[0 .. n-1]. */
/*@ requires n <= KL_TXN_PAYLOAD_MAX;
    requires \valid(h + (0 .. KL_TXN_HDR_BYTES - 1));
    requires \valid_read(payload + (0 .. n - 1));
    requires \separated(h + (0 .. KL_TXN_HDR_BYTES - 1),
                        payload + (0 .. n - 1));
    terminates \true;
    assigns h[0 .. KL_TXN_HDR_BYTES - 1];
*/
static void kl_txn_header(uint8_t *h, uint32_t seq, const uint8_t *payload,
                          size_t n)
{
    int32_t s[2];
    h[0] = KL_TXN_MAGIC0;
    h[1] = KL_TXN_MAGIC1;
    h[2] = KL_TXN_MAGIC2;
    h[3] = KL_TXN_MAGIC3;
    h[4] = KL_TXN_VERSION;
    h[5] = 0;
    h[6] = 0;
    h[7] = 0;
    kl_txn_put32(h + 8, seq);
    kl_txn_put32(h + 12, (uint32_t)n);
    s[0] = 0;
    s[1] = 0;
    kl_txn_fletcher(h, KL_TXN_HDR_SUMMED, s);
    kl_txn_fletcher(payload, n, s);
    h[16] = (uint8_t)(s[1] / 256);
    h[17] = (uint8_t)(s[1] % 256);
    h[18] = (uint8_t)(s[0] / 256);
    h[19] = (uint8_t)(s[0] % 256);
}

/* 1 when slot i of mem is valid (txn.h), its number and length in *seq and
 * *len; else 0. */
/*@ requires i <= 1;
    requires \valid_read(mem + (0 .. KL_TXN_STORE_BYTES - 1));
    requires \valid(seq) && \valid(len) && \separated(seq, len);
    requires \separated(seq, mem + (0 .. KL_TXN_STORE_BYTES - 1));
    requires \separated(len, mem + (0 .. KL_TXN_STORE_BYTES - 1));
    terminates \true;
    assigns *seq, *len;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> 1 <= *seq <= KL_TXN_SEQ_MAX &&
                             *len <= KL_TXN_PAYLOAD_MAX;
*/
static int kl_txn_slot_ok(const uint8_t *mem, uint32_t i, uint32_t *seq,
                          uint32_t *len)
{
    const uint8_t *h = mem + (size_t)i * KL_TXN_SLOT_BYTES;
    int32_t s[2];
    uint32_t q, n;
    *seq = 0;
    *len = 0;
    if (h[0] != KL_TXN_MAGIC0 || h[1] != KL_TXN_MAGIC1 ||
        h[2] != KL_TXN_MAGIC2 || h[3] != KL_TXN_MAGIC3 ||
        h[4] != KL_TXN_VERSION || h[5] != 0 || h[6] != 0 || h[7] != 0)
        return 0;
    q = kl_txn_get32(h + 8);
    n = kl_txn_get32(h + 12);
    if (q < 1u || q > KL_TXN_SEQ_MAX || n > KL_TXN_PAYLOAD_MAX)
        return 0;
    s[0] = 0;
    s[1] = 0;
    kl_txn_fletcher(h, KL_TXN_HDR_SUMMED, s);
    kl_txn_fletcher(h + KL_TXN_HDR_BYTES, n, s);
    if ((int32_t)h[16] * 256 + (int32_t)h[17] != s[1] ||
        (int32_t)h[18] * 256 + (int32_t)h[19] != s[0])
        return 0;
    *seq = q;
    *len = n;
    return 1;
}

int kl_txn_open(kl_txn *t)
{
    uint32_t q0, n0, q1, n1;
    int v0, v1;
    if (t == NULL)
        return KL_TXN_E_NULL;
    t->cut_at = 0;
    t->torn = 0;
    t->dead = 0;
    t->writes = 0;
    t->open = 0;
    v0 = kl_txn_slot_ok(t->mem, 0, &q0, &n0);
    v1 = kl_txn_slot_ok(t->mem, 1, &q1, &n1);
    if (v0 == 0 && v1 == 0)
        return KL_TXN_E_EMPTY;
    if (v0 != 0 && v1 != 0 && q0 == q1)
        return KL_TXN_E_CORRUPT;
    if (v0 != 0 && (v1 == 0 || q0 > q1)) {
        t->slot = 0;
        t->seq = q0;
        t->len = n0;
    } else {
        t->slot = 1;
        t->seq = q1;
        t->len = n1;
    }
    t->open = 1;
    return KL_TXN_OK;
}

int kl_txn_read(const kl_txn *t, uint8_t *out, size_t cap, size_t *len)
{
    size_t base, n, k;
    if (t == NULL || out == NULL || len == NULL)
        return KL_TXN_E_NULL;
    if (t->open != 1u || t->slot > 1u || t->len > KL_TXN_PAYLOAD_MAX)
        return KL_TXN_E_STATE;
    if (t->len > cap)
        return KL_TXN_E_CAPACITY;
    n = t->len;
    base = (size_t)t->slot * KL_TXN_SLOT_BYTES + KL_TXN_HDR_BYTES;
    /*@ loop invariant 0 <= k <= n;
        loop invariant \forall integer m; 0 <= m < k ==>
                       out[m] == t->mem[base + m];
        loop assigns k, out[0 .. cap - 1];
        loop variant n - k;
    */
    for (k = 0; k < n; k++)
        out[k] = t->mem[base + k];
    *len = n;
    return KL_TXN_OK;
}

/* The commit proper (txn.h); t is open with slot <= 1, seq < SEQ_MAX. */
/*@ requires \valid(t);
    requires t->slot <= 1 && t->seq < KL_TXN_SEQ_MAX;
    requires len <= KL_TXN_PAYLOAD_MAX;
    requires \valid_read(payload + (0 .. len - 1));
    requires \separated(t, payload + (0 .. len - 1));
    terminates \true;
    assigns t->mem[0 .. KL_TXN_STORE_BYTES - 1], t->slot, t->seq, t->len,
            t->writes, t->dead;
    ensures \result == KL_TXN_OK || \result == KL_TXN_E_POWER;
    ensures \old(t->dead) == 0 && t->cut_at == 0 ==>
            \result == KL_TXN_OK && t->dead == 0;
    ensures \result == KL_TXN_OK ==>
            t->slot == 1 - \old(t->slot) && t->seq == \old(t->seq) + 1 &&
            t->len == len;
    ensures \result != KL_TXN_OK ==>
            t->slot == \old(t->slot) && t->seq == \old(t->seq) &&
            t->len == \old(t->len);
    ensures \result == KL_TXN_OK ==>
            \forall integer k; 0 <= k < len ==>
              t->mem[t->slot * KL_TXN_SLOT_BYTES + KL_TXN_HDR_BYTES + k] ==
              \old(payload[k]);
*/
static int kl_txn_write(kl_txn *t, const uint8_t *payload, size_t len)
{
    uint8_t h[KL_TXN_HDR_BYTES];
    uint8_t z[KL_TXN_HDR_BYTES];
    uint32_t dst = (t->slot == 0u) ? 1u : 0u;
    uint32_t seq = t->seq + 1u;
    size_t base = (dst == 0u) ? 0u : (size_t)KL_TXN_SLOT_BYTES;
    size_t o = 0, n, k;
    int rc;
    /*@ loop invariant 0 <= k <= KL_TXN_HDR_BYTES;
        loop invariant \forall integer m; 0 <= m < k ==> z[m] == 0;
        loop assigns k, z[0 .. KL_TXN_HDR_BYTES - 1];
        loop variant KL_TXN_HDR_BYTES - k;
    */
    for (k = 0; k < KL_TXN_HDR_BYTES; k++)
        z[k] = 0;
    kl_txn_header(h, seq, payload, len);
    rc = kl_txn_put(t, base, z, KL_TXN_HDR_BYTES);
    if (rc != KL_TXN_OK)
        return rc;
    /*@ loop invariant 0 <= o <= len;
        loop invariant t->slot == \at(t->slot, Pre) &&
                       t->seq == \at(t->seq, Pre) && t->len == \at(t->len, Pre);
        loop invariant \at(t->dead, Pre) == 0 && t->cut_at == 0 ==>
                       t->dead == 0;
        loop invariant \forall integer m; base + KL_TXN_HDR_BYTES <= m <
                       base + KL_TXN_HDR_BYTES + o ==>
                       t->mem[m] == payload[m - (base + KL_TXN_HDR_BYTES)];
        loop assigns o, n, rc, t->mem[0 .. KL_TXN_STORE_BYTES - 1],
                     t->writes, t->dead;
        loop variant len - o;
    */
    while (o < len) {
        n = len - o;
        if (n > KL_TXN_UNIT)
            n = KL_TXN_UNIT;
        rc = kl_txn_put(t, base + KL_TXN_HDR_BYTES + o, payload + o, n);
        if (rc != KL_TXN_OK)
            return rc;
        o = o + n;
    }
    rc = kl_txn_put(t, base, h, KL_TXN_HDR_BYTES);
    if (rc != KL_TXN_OK)
        return rc;
    /*@ assert \forall integer k; 0 <= k < len ==>
               t->mem[base + KL_TXN_HDR_BYTES + k] == payload[k];
    */
    t->slot = dst;
    t->seq = seq;
    t->len = (uint32_t)len;
    return KL_TXN_OK;
}

int kl_txn_commit(kl_txn *t, const uint8_t *payload, size_t len)
{
    if (t == NULL || payload == NULL)
        return KL_TXN_E_NULL;
    if (t->open != 1u || t->slot > 1u)
        return KL_TXN_E_STATE;
    if (len > KL_TXN_PAYLOAD_MAX)
        return KL_TXN_E_SIZE;
    if (t->seq >= KL_TXN_SEQ_MAX)
        return KL_TXN_E_SEQ;
    return kl_txn_write(t, payload, len);
}

int kl_txn_format(kl_txn *t, const uint8_t *payload, size_t len)
{
    size_t k;
    if (t == NULL || payload == NULL)
        return KL_TXN_E_NULL;
    if (len > KL_TXN_PAYLOAD_MAX)
        return KL_TXN_E_SIZE;
    /*@ loop invariant 0 <= k <= KL_TXN_STORE_BYTES;
        loop assigns k, t->mem[0 .. KL_TXN_STORE_BYTES - 1];
        loop variant KL_TXN_STORE_BYTES - k;
    */
    for (k = 0; k < KL_TXN_STORE_BYTES; k++)
        t->mem[k] = 0;
    t->cut_at = 0;
    t->torn = 0;
    t->dead = 0;
    t->writes = 0;
    /* Pretend slot 1 holds number 0: the commit writes slot 0 as 1. */
    t->open = 1;
    t->slot = 1;
    t->seq = 0;
    t->len = 0;
    /* The hook is off and the sequence fresh, so this cannot fail. */
    return kl_txn_write(t, payload, len);
}

void kl_txn_arm(kl_txn *t, uint32_t cut_at, uint32_t torn)
{
    if (t == NULL)
        return;
    t->cut_at = cut_at;
    t->torn = torn != 0u ? 1u : 0u;
    t->writes = 0;
    t->dead = 0;
}
