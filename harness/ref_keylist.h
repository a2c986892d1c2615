/* ref_keylist.h - a plain reference model of the card's Ki list, written
 * independently of core/keylist.c for the differential tests: named arrays
 * instead of one secret block, no contracts, no helpers shared with the core.
 * It uses the public constants, types of the inputs and error values of
 * core/keylist.h only.
 */
#ifndef KILIST_REF_KEYLIST_H
#define KILIST_REF_KEYLIST_H

#include <stddef.h>
#include <stdint.h>

#include "keylist.h"

typedef struct ref_kl_entry {
    uint8_t ki[32]; /* zero after ki_len */
    uint8_t kic[16];
    uint8_t kid[16];
    uint8_t opc[16];
    unsigned ki_len, kvn, alg, sqn, state;
} ref_kl_entry;

typedef struct ref_kl {
    ref_kl_entry e[KL_KEYLIST_ENTRIES];
    unsigned active;
} ref_kl;

int ref_kl_init(ref_kl *m, const kl_keylist_keys *keys, size_t n);
int ref_kl_advance(ref_kl *m, uint32_t i);
int ref_kl_rekey(ref_kl *m, const uint8_t *ki, uint32_t ki_len,
                 const uint8_t *kic, const uint8_t *kid, uint32_t kvn,
                 const uint8_t *opc);
int ref_kl_wipe(ref_kl *m, uint32_t i);
int ref_kl_get_active(const ref_kl *m, kl_keylist_keys *out, uint32_t *index);
/* The storage image of the model, built from the layout in keylist.h. */
void ref_kl_image(const ref_kl *m, uint8_t img[KL_KEYLIST_IMAGE_BYTES]);
/* Fletcher-32 of the layout (s2 << 16 | s1) over p[0 .. n-1]. */
uint32_t ref_kl_fletcher(const uint8_t *p, size_t n);
/* 1 when the core's list holds exactly the model's state, else 0; on a
 * mismatch `why` (if not NULL) names the first differing field. */
int ref_kl_matches(const ref_kl *m, const kl_keylist *l, const char **why);

#endif
