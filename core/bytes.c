/* bytes.c - copy, wipe and constant-time zero test of byte buffers; the
 * contracts are in bytes.h. */
#include "bytes.h"

void kl_bytes_copy(uint8_t *dst, const uint8_t *src, size_t n)
{
    size_t i;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer j; 0 <= j < i ==> dst[j] == src[j];
        loop invariant \initialized(dst + (0 .. i - 1));
        loop assigns i, dst[0 .. n - 1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++)
        dst[i] = src[i];
}

void kl_bytes_wipe(uint8_t *p, size_t n)
{
    size_t i;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer j; 0 <= j < i ==> p[j] == 0;
        loop invariant \initialized(p + (0 .. i - 1));
        loop assigns i, p[0 .. n - 1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++)
        p[i] = 0;
    KL_BARRIER(p);
}

int32_t kl_bytes_sum(const uint8_t *p, int32_t from, int32_t to)
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
