/* profile.h - the card profile: a JSON document (docs/formats.md,
 * examples/profile.json) turned into a card's initial state. */
#ifndef KL_UICC_PROFILE_H
#define KL_UICC_PROFILE_H

#include <stddef.h>

#include "card.h"

/* Parses and validates the profile text[0 .. len-1] into *st.  0, or
 * KL_UICC_E_PROFILE with a reason in why that names the field (never a
 * secret value).  On refusal *st holds nothing of the profile. */
int kl_profile_parse(const char *text, size_t len, kl_card_state *st,
                     char *why, size_t whylen);

/* EF.IMSI (TS 31.102 4.2.2; docs/standards.md 2.3) from 6..15 decimal
 * digits: 0 and out[0 .. 8], or -1. */
int kl_profile_imsi(const char *digits, uint8_t out[9]);
/* EF.ICCID (TS 102 221 13.2) from 19 or 20 decimal digits, nibble-swapped
 * BCD padded with F: 0 and out[0 .. 9], or -1 (a 19-digit ICCID must end
 * in its Luhn check digit). */
int kl_profile_iccid(const char *digits, uint8_t out[10]);

#endif
