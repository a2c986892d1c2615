/* kl_common.h - what every core module shares: fixed-width types, the
 * compiler barrier that keeps secret wipes from being optimised away, and
 * the convention for status values.
 *
 * The core is freestanding: it includes nothing beyond <stdint.h> and
 * <stddef.h> (both provided by the compiler itself under -ffreestanding).
 *
 * Status values: 0 is success; errors are negative and name their module by
 * their hundreds (-1xx AES, -2xx Milenage, -3xx APDU, -4xx key list), so a
 * value seen in a log says where it came from.
 */
#ifndef KILIST_KL_COMMON_H
#define KILIST_KL_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* Frama-C parses the core with __FRAMAC__ defined; the barrier is inline asm
 * (not modelled by WP) and has no effect on the C semantics, so it is left
 * out of the proofs. */
#if defined(__FRAMAC__)
#define KL_BARRIER(p) ((void)(p))
#else
#define KL_BARRIER(p) __asm__ __volatile__("" : : "r"(p) : "memory")
/* ACSL contract bundles for public entry points, whose pointers may be NULL
 * (checked at run time) or valid.  ACSL is preprocessed, so these expand
 * inside annotations; C code never uses them.  Macros rather than ACSL
 * predicates: WP 25 ignores a user predicate combining \valid_read and
 * \initialized as a hypothesis (../shared/specs/proof-notes.md item 13). */
#define KL_IN_OK(p, n) ((p) == \null || (\valid_read((p) + (0 .. (n) - 1)) && \
                                          \initialized((p) + (0 .. (n) - 1))))
#define KL_OUT_OK(p, n) ((p) == \null || \valid((p) + (0 .. (n) - 1)))
#define KL_SEP(a, na, b, nb) ((a) == \null || (b) == \null || \
        \separated((a) + (0 .. (na) - 1), (b) + (0 .. (nb) - 1)))

#endif

/* ACSL contract bundles for public entry points, whose pointers may be NULL
 * (checked at run time) or valid.  ACSL is preprocessed, so these expand
 * inside annotations; C code never uses them.  Macros rather than ACSL
 * predicates: WP 25 ignores a user predicate combining \valid_read and
 * \initialized as a hypothesis (../shared/specs/proof-notes.md item 13). */
#define KL_IN_OK(p, n) ((p) == \null || (\valid_read((p) + (0 .. (n) - 1)) && \
                                          \initialized((p) + (0 .. (n) - 1))))
#define KL_OUT_OK(p, n) ((p) == \null || \valid((p) + (0 .. (n) - 1)))
#define KL_SEP(a, na, b, nb) ((a) == \null || (b) == \null || \
        \separated((a) + (0 .. (na) - 1), (b) + (0 .. (nb) - 1)))

#endif
