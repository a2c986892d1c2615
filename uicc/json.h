/* json.h - a small strict JSON reader (RFC 8259) for the card profile:
 * the whole text must be one value; no comments, no trailing commas, no
 * duplicate keys, no leading zeros, no control characters or invalid
 * UTF-8 in strings, nesting at most KL_JSON_DEPTH.  The result is a tree
 * of nodes in fixed arrays (no allocation); strings are decoded (escapes,
 * \uXXXX with surrogate pairs, to UTF-8) into a pool.  Hosted C. */
#ifndef KL_UICC_JSON_H
#define KL_UICC_JSON_H

#include <stddef.h>
#include <stdint.h>

#define KL_JSON_NODES 1024
#define KL_JSON_POOL 32768
#define KL_JSON_DEPTH 16

enum kl_json_type {
    KL_JSON_NULL = 1,
    KL_JSON_FALSE,
    KL_JSON_TRUE,
    KL_JSON_NUMBER, /* text kept as written */
    KL_JSON_STRING,
    KL_JSON_ARRAY,
    KL_JSON_OBJECT,
};

typedef struct kl_json_node {
    int type;
    int parent;
    int first;  /* first child (array element / object member), -1 */
    int next;   /* next sibling, -1 */
    int count;  /* children */
    size_t key; /* object member: key offset in the pool */
    size_t str; /* string/number: offset in the pool */
    size_t len; /* its length in bytes */
} kl_json_node;

typedef struct kl_json {
    kl_json_node node[KL_JSON_NODES];
    int nnodes;
    char pool[KL_JSON_POOL];
    size_t npool;
    char err[96]; /* "line L column C: reason" after a refusal */
} kl_json;

/* Parses text[0 .. len-1]; 0 with node 0 the root, or -1 with j->err. */
int kl_json_parse(kl_json *j, const char *text, size_t len);
/* The member key of object node obj, or -1. */
int kl_json_get(const kl_json *j, int obj, const char *key);
/* The i-th child of an array or object, or -1. */
int kl_json_at(const kl_json *j, int node, int i);
/* A member's key (NUL-terminated), a string's or number's text. */
const char *kl_json_key(const kl_json *j, int node);
const char *kl_json_text(const kl_json *j, int node);
/* An integer number node in [lo, hi] into *v: 0, else -1. */
int kl_json_int(const kl_json *j, int node, long lo, long hi, long *v);
/* Overwrites the tree and the pool (they may hold secrets). */
void kl_json_wipe(kl_json *j);

#endif
