/* sw.c - the single mapping from handler results to status words. */
#include "sw.h"

#include "apdu.h"

uint16_t kl_uicc_sw(int status)
{
    if (status == 0)
        return (uint16_t)KL_SW_OK;
    if ((status >= 0x6000 && status <= 0x6FFF) ||
        (status >= 0x9000 && status <= 0x9FFF))
        return (uint16_t)status;
    if (status > 0)
        return (uint16_t)KL_SW_TECHNICAL;
    switch (status) {
    /* A class the card cannot even decode (ISO/IEC 7816-4 5.4.1). */
    case KL_APDU_E_CLA_INVALID:
    case KL_APDU_E_CLA_RESERVED:
        return (uint16_t)KL_SW_BAD_CLA;
    /* The length fields do not describe the bytes received (7816-4 5.1;
     * docs/standards.md 1.3): "wrong length". */
    case KL_APDU_E_TOO_LONG:
    case KL_APDU_E_TOO_SHORT:
    case KL_APDU_E_ZERO_B4_LEN6:
    case KL_APDU_E_SHORT_LC_ZERO:
    case KL_APDU_E_EXT_LC_ZERO:
    case KL_APDU_E_LE_MIXED:
    case KL_APDU_E_TRUNCATED:
    case KL_APDU_E_TRAILING:
        return (uint16_t)KL_SW_WRONG_LENGTH;
    default:
        return (uint16_t)KL_SW_TECHNICAL;
    }
}
