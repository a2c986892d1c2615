/* ref_keylist.c - see ref_keylist.h. */
#include "ref_keylist.h"

#include <string.h>

static int ref_params(unsigned ki_len, unsigned kvn, unsigned alg,
                      unsigned sqn)
{
    if (alg != 1 && alg != 2)
        return KL_KEYLIST_E_ALG;
    if (!(ki_len == 16 || (alg == 2 && ki_len == 32)))
        return KL_KEYLIST_E_KI_LEN;
    if (kvn < 1 || kvn > 15)
        return KL_KEYLIST_E_KVN;
    if (sqn < 1 || sqn > 3)
        return KL_KEYLIST_E_SQN;
    return 0;
}

int ref_kl_init(ref_kl *m, const kl_keylist_keys *keys, size_t n)
{
    if (m == NULL || keys == NULL)
        return KL_KEYLIST_E_NULL;
    if (n != KL_KEYLIST_ENTRIES)
        return KL_KEYLIST_E_COUNT;
    for (size_t j = 0; j < n; j++) {
        int rc = ref_params(keys[j].ki_len, keys[j].kvn, keys[j].alg,
                            keys[j].sqn_scheme);
        if (rc)
            return rc;
    }
    memset(m, 0, sizeof *m);
    for (size_t j = 0; j < n; j++) {
        ref_kl_entry *e = &m->e[j];
        memcpy(e->ki, keys[j].ki, keys[j].ki_len);
        memcpy(e->kic, keys[j].kic, 16);
        memcpy(e->kid, keys[j].kid, 16);
        memcpy(e->opc, keys[j].opc, 16);
        e->ki_len = keys[j].ki_len;
        e->kvn = keys[j].kvn;
        e->alg = keys[j].alg;
        e->sqn = keys[j].sqn_scheme;
        e->state = j == 0 ? 1 : 0;
    }
    m->active = 0;
    return 0;
}

int ref_kl_advance(ref_kl *m, uint32_t i)
{
    if (m == NULL)
        return KL_KEYLIST_E_NULL;
    if (m->active + 1 >= KL_KEYLIST_ENTRIES)
        return KL_KEYLIST_E_EXHAUSTED;
    if (i != m->active + 1)
        return KL_KEYLIST_E_INDEX;
    ref_kl_entry *old = &m->e[m->active];
    memset(old->ki, 0, sizeof old->ki);
    memset(old->kic, 0, sizeof old->kic);
    memset(old->kid, 0, sizeof old->kid);
    memset(old->opc, 0, sizeof old->opc);
    old->state = 2;
    m->e[i].state = 1;
    m->active = i;
    return 0;
}

int ref_kl_rekey(ref_kl *m, const uint8_t *ki, uint32_t ki_len,
                 const uint8_t *kic, const uint8_t *kid, uint32_t kvn,
                 const uint8_t *opc)
{
    if (!m || !ki || !kic || !kid || !opc)
        return KL_KEYLIST_E_NULL;
    ref_kl_entry *e = &m->e[m->active];
    int rc = ref_params(ki_len, kvn, e->alg, e->sqn);
    if (rc)
        return rc;
    memset(e->ki, 0, sizeof e->ki);
    memcpy(e->ki, ki, ki_len);
    memcpy(e->kic, kic, 16);
    memcpy(e->kid, kid, 16);
    memcpy(e->opc, opc, 16);
    e->ki_len = ki_len;
    e->kvn = kvn;
    return 0;
}

int ref_kl_wipe(ref_kl *m, uint32_t i)
{
    if (m == NULL)
        return KL_KEYLIST_E_NULL;
    if (i >= KL_KEYLIST_ENTRIES)
        return KL_KEYLIST_E_INDEX;
    if (m->e[i].state != 2)
        return KL_KEYLIST_E_STATE;
    /* Retired entries are already wiped in the model: nothing to do. */
    return 0;
}

int ref_kl_get_active(const ref_kl *m, kl_keylist_keys *out, uint32_t *index)
{
    if (!m || !out || !index)
        return KL_KEYLIST_E_NULL;
    const ref_kl_entry *e = &m->e[m->active];
    memcpy(out->ki, e->ki, 32);
    memcpy(out->kic, e->kic, 16);
    memcpy(out->kid, e->kid, 16);
    memcpy(out->opc, e->opc, 16);
    out->ki_len = e->ki_len;
    out->kvn = e->kvn;
    out->alg = e->alg;
    out->sqn_scheme = e->sqn;
    *index = m->active;
    return 0;
}

uint32_t ref_kl_fletcher(const uint8_t *p, size_t n)
{
    uint32_t s1 = 0, s2 = 0;
    for (size_t i = 0; i < n; i++) {
        s1 = (s1 + p[i]) % 65535u;
        s2 = (s2 + s1) % 65535u;
    }
    return (s2 << 16) | s1;
}

void ref_kl_image(const ref_kl *m, uint8_t img[KL_KEYLIST_IMAGE_BYTES])
{
    size_t at = 0;
    memset(img, 0, KL_KEYLIST_IMAGE_BYTES);
    memcpy(img, "KLST", 4);
    img[4] = 1;
    img[5] = (uint8_t)KL_KEYLIST_ENTRIES;
    img[6] = (uint8_t)m->active;
    img[7] = 0;
    at = 8;
    for (size_t j = 0; j < KL_KEYLIST_ENTRIES; j++) {
        const ref_kl_entry *e = &m->e[j];
        img[at + 0] = (uint8_t)e->state;
        img[at + 1] = (uint8_t)e->alg;
        img[at + 2] = (uint8_t)e->sqn;
        img[at + 3] = (uint8_t)e->kvn;
        img[at + 4] = (uint8_t)e->ki_len;
        memcpy(img + at + 8, e->ki, 32);
        memcpy(img + at + 40, e->kic, 16);
        memcpy(img + at + 56, e->kid, 16);
        memcpy(img + at + 72, e->opc, 16);
        at += 88;
    }
    uint32_t f = ref_kl_fletcher(img, at);
    img[at] = (uint8_t)(f >> 24);
    img[at + 1] = (uint8_t)(f >> 16);
    img[at + 2] = (uint8_t)(f >> 8);
    img[at + 3] = (uint8_t)f;
}

int ref_kl_matches(const ref_kl *m, const kl_keylist *l, const char **why)
{
    const char *w = NULL;
    if (l->active != m->active)
        w = "active";
    for (size_t j = 0; j < KL_KEYLIST_ENTRIES && !w; j++) {
        const ref_kl_entry *e = &m->e[j];
        const kl_keylist_entry *c = &l->entry[j];
        if (c->state != e->state)
            w = "state";
        else if (c->ki_len != e->ki_len || c->kvn != e->kvn ||
                 c->alg != e->alg || c->sqn_scheme != e->sqn)
            w = "parameters";
        else if (memcmp(c->sec + KL_KEYLIST_SEC_KI, e->ki, 32) != 0)
            w = "Ki";
        else if (memcmp(c->sec + KL_KEYLIST_SEC_KIC, e->kic, 16) != 0)
            w = "KIc";
        else if (memcmp(c->sec + KL_KEYLIST_SEC_KID, e->kid, 16) != 0)
            w = "KID";
        else if (memcmp(c->sec + KL_KEYLIST_SEC_OPC, e->opc, 16) != 0)
            w = "OPc";
    }
    if (why)
        *why = w;
    return w == NULL;
}
