/* tsv.c - see tsv.h. */
#include "tsv.h"
#include "testlib.h"

#include <stdio.h>
#include <string.h>

static size_t split(char *line, char **cells)
{
    size_t n = 0;
    char *p = line;
    line[strcspn(line, "\r\n")] = '\0';
    while (n < TSV_MAX_COLS) {
        cells[n++] = p;
        p = strchr(p, '\t');
        if (p == NULL)
            break;
        *p++ = '\0';
    }
    return n;
}

int tsv_load(tsv *t, const char *path)
{
    FILE *f = fopen(path, "r");
    memset(t, 0, sizeof *t);
    if (f == NULL) {
        fprintf(stderr, "tsv: cannot open %s\n", path);
        return -1;
    }
    if (fgets(t->header, sizeof t->header, f) == NULL) {
        fprintf(stderr, "tsv: %s is empty\n", path);
        fclose(f);
        return -1;
    }
    t->ncols = split(t->header, t->cols);
    while (t->nrows < TSV_MAX_ROWS &&
           fgets(t->lines[t->nrows], TSV_MAX_LINE, f) != NULL) {
        if (t->lines[t->nrows][0] == '\n' || t->lines[t->nrows][0] == '#')
            continue;
        if (split(t->lines[t->nrows], t->cells[t->nrows]) != t->ncols) {
            fprintf(stderr, "tsv: %s row %zu: wrong number of columns\n", path,
                    t->nrows + 1);
            fclose(f);
            return -1;
        }
        t->nrows++;
    }
    fclose(f);
    return 0;
}

const char *tsv_get(const tsv *t, size_t row, const char *name)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (strcmp(t->cols[c], name) == 0)
            return row < t->nrows ? t->cells[row][c] : NULL;
    return NULL;
}

int tsv_bytes(const tsv *t, size_t row, const char *name, uint8_t *out,
              size_t n)
{
    const char *s = tsv_get(t, row, name);
    return s == NULL ? -1 : tl_hex2bin(s, out, n);
}
