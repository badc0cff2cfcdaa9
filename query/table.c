/*
 * table.c: the plain result table every query returns and every renderer
 * reads.  Cells own their strings; hdb_table_release frees everything.
 */
#include "query.h"
#include "../util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A copy of len bytes (NULs included), NUL-terminated for convenience. */
static char *xstrndup_bytes(const char *s, size_t len)
{
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void hdb_table_init(struct hdb_table *t, size_t n_cols)
{
	memset(t, 0, sizeof(*t));
	t->n_cols = n_cols;
	t->cols = xcalloc(n_cols, sizeof(*t->cols));
	t->units = xcalloc(n_cols, sizeof(*t->units));
	t->digits = xcalloc(n_cols, sizeof(*t->digits));
}

void hdb_table_set_digits(struct hdb_table *t, size_t col, int digits)
{
	t->digits[col] = digits;
}

void hdb_table_set_col(struct hdb_table *t, size_t col, const char *name,
		       const char *unit)
{
	free(t->cols[col]);
	free(t->units[col]);
	t->cols[col] = xstrdup(name);
	t->units[col] = unit ? xstrdup(unit) : NULL;
}

void hdb_table_reserve(struct hdb_table *t, size_t n)
{
	if (n <= t->cap_rows)
		return;
	if (t->n_cols && n > (size_t)-1 / t->n_cols / sizeof(*t->cells))
		hdb_die("a table of %zu rows does not fit in memory", n);
	t->cap_rows = n;
	t->cells = xrealloc(t->cells, n * t->n_cols * sizeof(*t->cells));
}

struct hdb_cell *hdb_table_add_row(struct hdb_table *t)
{
	struct hdb_cell *row;
	size_t i;

	if (t->n_rows == t->cap_rows) {
		t->cap_rows = t->cap_rows ? 2 * t->cap_rows : 16;
		t->cells = xrealloc(t->cells, t->cap_rows * t->n_cols *
					      sizeof(*t->cells));
	}
	row = t->cells + t->n_rows * t->n_cols;
	memset(row, 0, t->n_cols * sizeof(*row));
	for (i = 0; i < t->n_cols; i++)
		row[i].sd = NAN;
	t->n_rows++;
	return row;
}

struct hdb_cell *hdb_table_cell(const struct hdb_table *t, size_t row,
				size_t col)
{
	return t->cells + row * t->n_cols + col;
}

void hdb_cell_set_text(struct hdb_cell *c, const char *s)
{
	if (s)
		hdb_cell_set_text_len(c, s, strlen(s));
	else
		hdb_cell_set_text_len(c, NULL, 0);
}

void hdb_cell_set_text_len(struct hdb_cell *c, const char *s, size_t len)
{
	free(c->s);
	c->type = s ? HDB_CELL_TEXT : HDB_CELL_NULL;
	c->s = s ? xstrndup_bytes(s, len) : NULL;
	c->len = s ? len : 0;
}

void hdb_cell_set_int(struct hdb_cell *c, long long v)
{
	c->type = HDB_CELL_INT;
	c->i = v;
}

void hdb_cell_set_real(struct hdb_cell *c, double v)
{
	c->type = HDB_CELL_REAL;
	c->r = v;
}

void hdb_table_clear_rows(struct hdb_table *t)
{
	size_t i;

	for (i = 0; i < t->n_rows * t->n_cols; i++)
		free(t->cells[i].s);
	t->n_rows = 0;
}

void hdb_table_release(struct hdb_table *t)
{
	size_t i;

	for (i = 0; i < t->n_rows * t->n_cols; i++)
		free(t->cells[i].s);
	for (i = 0; i < t->n_cols; i++) {
		free(t->cols[i]);
		free(t->units[i]);
	}
	free(t->cells);
	free(t->cols);
	free(t->units);
	free(t->digits);
	free(t->empty);
	memset(t, 0, sizeof(*t));
}
