/* apdu_verdict.h - the core's status value expected for each verdict of the
 * reference decoder (harness/ref_apdu.c), shared by the unit test and the
 * fuzz target.  Header-only; 1 matches no core value. */
#ifndef KILIST_APDU_VERDICT_H
#define KILIST_APDU_VERDICT_H

#include "apdu.h"
#include "ref_apdu.h"

static inline int apdu_expected_status(int verdict)
{
    switch (verdict) {
    case REF_OK: return KL_APDU_OK;
    case REF_NULL: return KL_APDU_E_NULL;
    case REF_TOO_LONG: return KL_APDU_E_TOO_LONG;
    case REF_TOO_SHORT: return KL_APDU_E_TOO_SHORT;
    case REF_CLA_FF: return KL_APDU_E_CLA_INVALID;
    case REF_CLA_RFU: return KL_APDU_E_CLA_RESERVED;
    case REF_SIX_BYTES_ZERO_B4: return KL_APDU_E_ZERO_B4_LEN6;
    case REF_SHORT_LC_00: return KL_APDU_E_SHORT_LC_ZERO;
    case REF_EXT_LC_0000: return KL_APDU_E_EXT_LC_ZERO;
    case REF_MIXED_LE: return KL_APDU_E_LE_MIXED;
    case REF_TRUNCATED: return KL_APDU_E_TRUNCATED;
    case REF_TRAILING: return KL_APDU_E_TRAILING;
    default: return 1;
    }
}

#endif
