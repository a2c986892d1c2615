/* kl_common.h - what every core module shares: fixed-width types, the
 * compiler barrier that keeps secret wipes from being optimised away, the
 * ranges of the status values, and the ACSL bundles of the public contracts.
 *
 * The core is freestanding: it includes nothing beyond <stdint.h> and
 * <stddef.h> (both provided by the compiler itself under -ffreestanding).
 *
 * Naming: every exported function and type starts with kl_, every exported
 * macro and enum constant with KL_ (proofs/README.md, "Conventions").
 */
#ifndef KL_KL_COMMON_H
#define KL_KL_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* Status values.  KL_OK (0) is success; an error is negative, and its
 * hundreds name the module that returned it, so a value seen in a log says
 * where it came from.  Each module names its errors in its own header as
 * KL_<MODULE>_E_<WHAT> = KL_ERR_<MODULE> - n, n = 1 .. 99.
 *
 *   range          module                                   header
 *   -101 .. -199   AES-128 (FIPS-197)                       aes128.h
 *   -201 .. -299   MILENAGE (TS 35.206), c2/c3              milenage.h
 *   -301 .. -399   command/response APDU (ISO/IEC 7816-4)   apdu.h
 *   -401 .. -499   key list and its storage image           keylist.h
 *   -501 .. -599   SQN management (TS 33.102 Annex C)       reserved
 *   -601 .. -699   AKA on the card (TS 33.102 6.3)          reserved
 *   -701 .. -799   transactions and storage (txn)           txn.h
 *   -801 .. -899   AES-CMAC (TS 102 225 5.1.2)              reserved
 *   -901 .. -999   secured packets (TS 102 225, TS 31.115)  reserved
 *   -1001 .. -1099 Keccak-f[1600] (TUAK's permutation)      reserved
 *   -1101 .. -1199 TUAK (TS 35.231)                         reserved
 *   -1201 .. -1299 card application (uicc/)                 reserved
 *
 * The modules without a status (bytes.h, aes4.h: core-internal helpers
 * whose preconditions their proved callers establish) have no range.
 */
#define KL_OK 0
#define KL_ERR_AES128 (-100)
#define KL_ERR_MILENAGE (-200)
#define KL_ERR_APDU (-300)
#define KL_ERR_KEYLIST (-400)
#define KL_ERR_SQN (-500)
#define KL_ERR_AKA (-600)
#define KL_ERR_TXN (-700)
#define KL_ERR_CMAC (-800)
#define KL_ERR_SPKT (-900)
#define KL_ERR_KECCAK (-1000)
#define KL_ERR_TUAK (-1100)
#define KL_ERR_CARD (-1200)

/* Frama-C parses the core with __FRAMAC__ defined; the barrier is inline asm
 * (not modelled by WP) and has no effect on the C semantics, so it is left
 * out of the proofs. */
#if defined(__FRAMAC__)
#define KL_BARRIER(p) ((void)(p))
#else
#define KL_BARRIER(p) __asm__ __volatile__("" : : "r"(p) : "memory")
#endif

/* ACSL contract bundles for public entry points, whose pointers may be NULL
 * (checked at run time) or valid.  ACSL is preprocessed, so these expand
 * inside annotations; C code never uses them.  Macros rather than ACSL
 * predicates: WP 25 ignores a user predicate combining \valid_read and
 * \initialized as a hypothesis (proofs/README.md rule 13). */
#define KL_IN_OK(p, n) ((p) == \null || (\valid_read((p) + (0 .. (n) - 1)) && \
                                          \initialized((p) + (0 .. (n) - 1))))
#define KL_OUT_OK(p, n) ((p) == \null || \valid((p) + (0 .. (n) - 1)))
#define KL_SEP(a, na, b, nb) ((a) == \null || (b) == \null || \
        \separated((a) + (0 .. (na) - 1), (b) + (0 .. (nb) - 1)))
/* The same for an internal helper, whose pointers are never NULL. */
#define KL_IN(p, n) (\valid_read((p) + (0 .. (n) - 1)) && \
                     \initialized((p) + (0 .. (n) - 1)))

#endif
