/* fuzz_check.h - what every fuzz target shares: FUZZ_CHECK, which aborts
 * with the target's name, the place and a message when a property fails
 * (define FUZZ_NAME before including), and the byte helper the key-list
 * targets use.  Header-only: harness/fuzz_*.c are each their own program. */
#ifndef KILIST_FUZZ_CHECK_H
#define KILIST_FUZZ_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef FUZZ_NAME
#error "define FUZZ_NAME before including fuzz_check.h"
#endif

#define FUZZ_CHECK(cond, ...)                                                 \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, FUZZ_NAME ": property violated at %s:%d: ",      \
                    __FILE__, __LINE__);                                      \
            fprintf(stderr, __VA_ARGS__);                                     \
            fputc('\n', stderr);                                              \
            abort();                                                          \
        }                                                                     \
    } while (0)

static inline int fuzz_all_zero(const uint8_t *p, size_t n)
{
    uint8_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc == 0;
}

#ifdef KL_KEYLIST_H
/* The key-list invariant (spec/keylist.acsl), checked on the struct
 * independently of kl_keylist_check: active index in range, entries before it
 * retired with wiped secrets, after it unused, every field in range. */
static inline int fuzz_keylist_invariant(const kl_keylist *l)
{
    if (l->active >= KL_KEYLIST_ENTRIES)
        return 0;
    for (unsigned j = 0; j < KL_KEYLIST_ENTRIES; j++) {
        const kl_keylist_entry *e = &l->entry[j];
        uint32_t want = j < l->active ? KL_KEYLIST_RETIRED
                        : j == l->active ? KL_KEYLIST_ACTIVE : KL_KEYLIST_UNUSED;
        int len_ok = (e->alg == 1 && e->ki_len == 16) ||
                     (e->alg == 2 && (e->ki_len == 16 || e->ki_len == 32));
        if (e->state != want || !len_ok || e->kvn < 1 || e->kvn > 15 ||
            e->sqn_scheme < 1 || e->sqn_scheme > 3 ||
            !fuzz_all_zero(e->sec + e->ki_len, 32 - e->ki_len) ||
            (want == KL_KEYLIST_RETIRED && !fuzz_all_zero(e->sec, sizeof e->sec)))
            return 0;
    }
    return 1;
}
#endif

#endif
