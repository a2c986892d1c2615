/* pin.c - the secret-handling helpers of the PIN commands: constant-time
 * comparison and wiping. */
#include "card.h"

int kl_ct_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
    /* Every byte is read whatever the earlier ones were; the verdict is
     * formed without a branch on secret data. */
    volatile uint8_t acc = 0;
    for (size_t k = 0; k < n; k++)
        acc = (uint8_t)(acc | (a[k] ^ b[k]));
    return (int)((((uint32_t)acc) - 1u) >> 31);
}

void kl_card_wipe(void *p, size_t n)
{
    volatile uint8_t *q = p;
    while (n-- > 0)
        *q++ = 0;
}
