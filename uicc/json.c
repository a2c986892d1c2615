/* json.c - the strict JSON reader (json.h).  Iterative (an explicit stack
 * of open containers), so deep input cannot exhaust the C stack. */
#include "json.h"

#include <stdio.h>
#include <string.h>

typedef struct rd {
    kl_json *j;
    const char *s;
    size_t n, i;
} rd;

static int fail(rd *r, const char *why)
{
    size_t line = 1, col = 1;
    for (size_t k = 0; k < r->i && k < r->n; k++) {
        if (r->s[k] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    snprintf(r->j->err, sizeof r->j->err, "line %zu column %zu: %s", line,
             col, why);
    return -1;
}

static void skip_ws(rd *r)
{
    while (r->i < r->n && (r->s[r->i] == ' ' || r->s[r->i] == '\t' ||
                           r->s[r->i] == '\n' || r->s[r->i] == '\r'))
        r->i++;
}

static int pool_put(rd *r, const char *p, size_t n)
{
    if (n > KL_JSON_POOL - r->j->npool)
        return fail(r, "profile too large");
    memcpy(r->j->pool + r->j->npool, p, n);
    r->j->npool += n;
    return 0;
}

static int hex4(const char *p, uint32_t *v)
{
    *v = 0;
    for (int k = 0; k < 4; k++) {
        char ch = p[k];
        int d = (ch >= '0' && ch <= '9')   ? ch - '0'
                : (ch >= 'a' && ch <= 'f') ? ch - 'a' + 10
                : (ch >= 'A' && ch <= 'F') ? ch - 'A' + 10
                                           : -1;
        if (d < 0)
            return -1;
        *v = *v * 16 + (uint32_t)d;
    }
    return 0;
}

static int put_utf8(rd *r, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return pool_put(r, b, n);
}

/* Length of the valid UTF-8 sequence at s[i..], or 0 (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF). */
static size_t utf8_len(const unsigned char *s, size_t i, size_t n)
{
    unsigned char c = s[i];
    size_t len;
    uint32_t cp, min;
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0) {
        len = 2;
        cp = c & 0x1Fu;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        cp = c & 0x0Fu;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        cp = c & 0x07u;
        min = 0x10000;
    } else {
        return 0;
    }
    if (len > n - i)
        return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i + k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

/* A string at r->s[r->i] == '"': decoded into the pool, NUL-terminated;
 * its offset and length in *off, *len. */
static int read_string(rd *r, size_t *off, size_t *len)
{
    *off = r->j->npool;
    r->i++; /* the opening quote */
    for (;;) {
        unsigned char c;
        if (r->i >= r->n)
            return fail(r, "unterminated string");
        c = (unsigned char)r->s[r->i];
        if (c == '"') {
            r->i++;
            break;
        }
        if (c < 0x20)
            return fail(r, "control character in string");
        if (c == '\\') {
            char e;
            uint32_t cp;
            if (r->i + 1 >= r->n)
                return fail(r, "unterminated string");
            e = r->s[r->i + 1];
            r->i += 2;
            switch (e) {
            case '"': case '\\': case '/':
                if (pool_put(r, &e, 1) != 0)
                    return -1;
                continue;
            case 'b': cp = '\b'; break;
            case 'f': cp = '\f'; break;
            case 'n': cp = '\n'; break;
            case 'r': cp = '\r'; break;
            case 't': cp = '\t'; break;
            case 'u':
                if (r->n - r->i < 4 || hex4(r->s + r->i, &cp) != 0)
                    return fail(r, "bad \\u escape");
                r->i += 4;
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return fail(r, "lone low surrogate");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    uint32_t lo;
                    if (r->n - r->i < 6 || r->s[r->i] != '\\' ||
                        r->s[r->i + 1] != 'u' ||
                        hex4(r->s + r->i + 2, &lo) != 0 || lo < 0xDC00 ||
                        lo > 0xDFFF)
                        return fail(r, "lone high surrogate");
                    r->i += 6;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
                if (cp == 0)
                    return fail(r, "\\u0000 in string");
                break;
            default:
                r->i -= 1;
                return fail(r, "bad escape");
            }
            if (put_utf8(r, cp) != 0)
                return -1;
            continue;
        }
        {
            size_t u = utf8_len((const unsigned char *)r->s, r->i, r->n);
            if (u == 0)
                return fail(r, "invalid UTF-8");
            if (pool_put(r, r->s + r->i, u) != 0)
                return -1;
            r->i += u;
        }
    }
    *len = r->j->npool - *off;
    return pool_put(r, "", 1);
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* A number (RFC 8259 6): -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)? */
static int read_number(rd *r, size_t *off, size_t *len)
{
    size_t start = r->i;
    if (r->i < r->n && r->s[r->i] == '-')
        r->i++;
    if (r->i >= r->n || !is_digit(r->s[r->i]))
        return fail(r, "bad number");
    if (r->s[r->i] == '0') {
        r->i++;
        if (r->i < r->n && is_digit(r->s[r->i]))
            return fail(r, "leading zero in number");
    } else {
        while (r->i < r->n && is_digit(r->s[r->i]))
            r->i++;
    }
    if (r->i < r->n && r->s[r->i] == '.') {
        r->i++;
        if (r->i >= r->n || !is_digit(r->s[r->i]))
            return fail(r, "bad fraction");
        while (r->i < r->n && is_digit(r->s[r->i]))
            r->i++;
    }
    if (r->i < r->n && (r->s[r->i] == 'e' || r->s[r->i] == 'E')) {
        r->i++;
        if (r->i < r->n && (r->s[r->i] == '+' || r->s[r->i] == '-'))
            r->i++;
        if (r->i >= r->n || !is_digit(r->s[r->i]))
            return fail(r, "bad exponent");
        while (r->i < r->n && is_digit(r->s[r->i]))
            r->i++;
    }
    *off = r->j->npool;
    *len = r->i - start;
    if (pool_put(r, r->s + start, *len) != 0)
        return -1;
    return pool_put(r, "", 1);
}

static int new_node(rd *r, int type, int parent, size_t key)
{
    kl_json *j = r->j;
    int k;
    if (j->nnodes >= KL_JSON_NODES)
        return fail(r, "too many values");
    k = j->nnodes++;
    j->node[k].type = type;
    j->node[k].parent = parent;
    j->node[k].first = -1;
    j->node[k].next = -1;
    j->node[k].count = 0;
    j->node[k].key = key;
    j->node[k].str = 0;
    j->node[k].len = 0;
    if (parent >= 0) {
        kl_json_node *p = &j->node[parent];
        if (p->first < 0) {
            p->first = k;
        } else {
            int c = p->first;
            while (j->node[c].next >= 0)
                c = j->node[c].next;
            j->node[c].next = k;
        }
        p->count++;
    }
    return k;
}

static int lit(rd *r, const char *w)
{
    size_t n = strlen(w);
    if (r->n - r->i < n || memcmp(r->s + r->i, w, n) != 0)
        return fail(r, "unexpected character");
    r->i += n;
    return 0;
}

int kl_json_parse(kl_json *j, const char *text, size_t len)
{
    rd r = {j, text, len, 0};
    int cur = -1; /* innermost open container */
    int depth = 0;
    j->nnodes = 0;
    j->npool = 0;
    j->err[0] = '\0';
    if (text == NULL)
        return fail(&r, "no text");
    /* one value at a time: [key ':'] value, then ',' or a closer */
    for (;;) {
        size_t key = (size_t)-1;
        int k, type;
        char c;
        skip_ws(&r);
        if (cur >= 0 && j->node[cur].type == KL_JSON_OBJECT) {
            size_t klen;
            int m;
            if (r.i >= r.n || r.s[r.i] != '"')
                return fail(&r, "expected a string key");
            if (read_string(&r, &key, &klen) != 0)
                return -1;
            for (m = j->node[cur].first; m >= 0; m = j->node[m].next)
                if (strcmp(j->pool + j->node[m].key, j->pool + key) == 0)
                    return fail(&r, "duplicate key");
            skip_ws(&r);
            if (r.i >= r.n || r.s[r.i] != ':')
                return fail(&r, "expected ':'");
            r.i++;
            skip_ws(&r);
        }
        if (r.i >= r.n)
            return fail(&r, "unexpected end of text");
        c = r.s[r.i];
        type = c == '{'   ? KL_JSON_OBJECT
               : c == '[' ? KL_JSON_ARRAY
               : c == '"' ? KL_JSON_STRING
               : c == 't' ? KL_JSON_TRUE
               : c == 'f' ? KL_JSON_FALSE
               : c == 'n' ? KL_JSON_NULL
                          : KL_JSON_NUMBER;
        k = new_node(&r, type, cur, key);
        if (k < 0)
            return -1;
        switch (type) {
        case KL_JSON_OBJECT:
        case KL_JSON_ARRAY:
            if (++depth > KL_JSON_DEPTH)
                return fail(&r, "nested too deep");
            r.i++;
            skip_ws(&r);
            if (r.i < r.n && r.s[r.i] == (type == KL_JSON_OBJECT ? '}' : ']')) {
                r.i++;
                depth--;
                break; /* empty container: closed at once */
            }
            cur = k;
            continue;
        case KL_JSON_STRING:
            if (read_string(&r, &j->node[k].str, &j->node[k].len) != 0)
                return -1;
            break;
        case KL_JSON_TRUE:
            if (lit(&r, "true") != 0)
                return -1;
            break;
        case KL_JSON_FALSE:
            if (lit(&r, "false") != 0)
                return -1;
            break;
        case KL_JSON_NULL:
            if (lit(&r, "null") != 0)
                return -1;
            break;
        default:
            if (read_number(&r, &j->node[k].str, &j->node[k].len) != 0)
                return -1;
            break;
        }
        /* after a complete value: close containers, or a comma */
        for (;;) {
            skip_ws(&r);
            if (cur < 0) {
                if (r.i != r.n)
                    return fail(&r, "text after the value");
                return 0;
            }
            if (r.i >= r.n)
                return fail(&r, "unexpected end of text");
            c = r.s[r.i];
            if (c == ',') {
                r.i++;
                skip_ws(&r);
                if (r.i < r.n && (r.s[r.i] == '}' || r.s[r.i] == ']'))
                    return fail(&r, "trailing comma");
                break;
            }
            if (c == (j->node[cur].type == KL_JSON_OBJECT ? '}' : ']')) {
                r.i++;
                depth--;
                cur = j->node[cur].parent;
                continue;
            }
            return fail(&r, "expected ',' or a closing bracket");
        }
    }
}

int kl_json_get(const kl_json *j, int obj, const char *key)
{
    if (obj < 0 || obj >= j->nnodes || j->node[obj].type != KL_JSON_OBJECT)
        return -1;
    for (int m = j->node[obj].first; m >= 0; m = j->node[m].next)
        if (strcmp(j->pool + j->node[m].key, key) == 0)
            return m;
    return -1;
}

int kl_json_at(const kl_json *j, int node, int i)
{
    int m;
    if (node < 0 || node >= j->nnodes || i < 0)
        return -1;
    for (m = j->node[node].first; m >= 0 && i > 0; m = j->node[m].next)
        i--;
    return m;
}

const char *kl_json_key(const kl_json *j, int node)
{
    if (node < 0 || node >= j->nnodes || j->node[node].key == (size_t)-1)
        return "";
    return j->pool + j->node[node].key;
}

const char *kl_json_text(const kl_json *j, int node)
{
    if (node < 0 || node >= j->nnodes ||
        (j->node[node].type != KL_JSON_STRING &&
         j->node[node].type != KL_JSON_NUMBER))
        return NULL;
    return j->pool + j->node[node].str;
}

int kl_json_int(const kl_json *j, int node, long lo, long hi, long *v)
{
    const char *t;
    long x = 0;
    int neg = 0;
    if (node < 0 || node >= j->nnodes || j->node[node].type != KL_JSON_NUMBER)
        return -1;
    t = j->pool + j->node[node].str;
    if (*t == '-') {
        neg = 1;
        t++;
    }
    for (; *t != '\0'; t++) {
        if (!is_digit(*t) || x > 100000000L)
            return -1; /* a fraction, an exponent, or far out of range */
        x = x * 10 + (*t - '0');
    }
    if (neg)
        x = -x;
    if (x < lo || x > hi)
        return -1;
    *v = x;
    return 0;
}

void kl_json_wipe(kl_json *j)
{
    volatile unsigned char *p = (volatile unsigned char *)j;
    for (size_t k = 0; k < sizeof *j; k++)
        p[k] = 0;
}
