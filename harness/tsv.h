/* tsv.h - reads the tab-separated test-data tables of corpus/vectors/:
 * one header line naming the columns, then one row per test set. */
#ifndef KILIST_TSV_H
#define KILIST_TSV_H

#include <stddef.h>
#include <stdint.h>

#define TSV_MAX_COLS 32
#define TSV_MAX_ROWS 64
#define TSV_MAX_LINE 2048

typedef struct tsv {
    size_t ncols, nrows;
    char header[TSV_MAX_LINE];
    char *cols[TSV_MAX_COLS];
    char lines[TSV_MAX_ROWS][TSV_MAX_LINE];
    char *cells[TSV_MAX_ROWS][TSV_MAX_COLS];
} tsv;

/* Loads `path` into *t (a large struct: allocate it statically or on the
 * heap).  Returns 0, or -1 with a message on stderr. */
int tsv_load(tsv *t, const char *path);
/* The cell of row `row` in column `name`, or NULL when there is no such
 * column. */
const char *tsv_get(const tsv *t, size_t row, const char *name);
/* Decodes that cell as exactly n bytes of hex; 0 or -1. */
int tsv_bytes(const tsv *t, size_t row, const char *name, uint8_t *out,
              size_t n);

#endif
