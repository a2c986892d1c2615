/* bytes.h - the byte helpers every core module uses: copy, wipe, and the
 * constant-time zero test.  One copy, proved once (proof unit "bytes"); the
 * other units see only these contracts, so they state exactly what the
 * callers rely on (proofs/README.md rule 7).
 *
 * Core-internal: the callers are proved core functions that pass valid,
 * separated buffers, so the pointers are preconditions, not run-time
 * checks, and there is no status value (proofs/README.md, "Conventions").
 */
#ifndef KL_BYTES_H
#define KL_BYTES_H

#include "kl_common.h"

/* Largest range kl_bytes_sum() adds up: 255 * 65536 fits an int32_t. */
#define KL_BYTES_SUM_MAX 65536

/* dst[0 .. n-1] = src[0 .. n-1]. */
/*@ requires valid_dst: \valid(dst + (0 .. n - 1));
    requires valid_src: \valid_read(src + (0 .. n - 1));
    requires init_src: \initialized(src + (0 .. n - 1));
    requires sep: \separated(dst + (0 .. n - 1), src + (0 .. n - 1));
    terminates \true;
    assigns dst[0 .. n - 1];
    ensures copied: \forall integer i; 0 <= i < n ==> dst[i] == \old(src[i]);
    ensures init_dst: \initialized(dst + (0 .. n - 1));
*/
void kl_bytes_copy(uint8_t *dst, const uint8_t *src, size_t n);

/* p[0 .. n-1] = 0, kept by the compiler (KL_BARRIER): wipes secrets. */
/*@ requires valid_p: \valid(p + (0 .. n - 1));
    terminates \true;
    assigns p[0 .. n - 1];
    ensures zero: \forall integer i; 0 <= i < n ==> p[i] == 0;
    ensures init_p: \initialized(p + (0 .. n - 1));
*/
void kl_bytes_wipe(uint8_t *p, size_t n);

/* Sum of p[from .. to-1]: zero exactly when every byte is zero.  Constant
 * time (no early exit, no branch on a byte), so it may read secrets. */
/*@ requires range: 0 <= from <= to <= KL_BYTES_SUM_MAX;
    requires valid_p: \valid_read(p + (from .. to - 1));
    requires init_p: \initialized(p + (from .. to - 1));
    terminates \true;
    assigns \nothing;
    ensures bound: 0 <= \result <= 255 * (to - from);
    ensures zero_if: \result == 0 ==>
            (\forall integer k; from <= k < to ==> p[k] == 0);
    ensures zero_only_if: (\forall integer k; from <= k < to ==> p[k] == 0) ==>
            \result == 0;
*/
int32_t kl_bytes_sum(const uint8_t *p, int32_t from, int32_t to);

#endif
