/*
 * query.h: the door of query/, named computations over the store that
 * return plain result tables (columns, rows, units).  Nothing here prints
 * or formats; render/ turns tables into bytes.
 */
#ifndef HALODB_QUERY_H
#define HALODB_QUERY_H

#include <stddef.h>

struct sqlite3;

enum hdb_cell_type {
	HDB_CELL_NULL,
	HDB_CELL_INT,
	HDB_CELL_REAL,
	HDB_CELL_TEXT,
	HDB_CELL_BLOB,		/* s holds the bytes, len their count */
	HDB_CELL_MEASURE,	/* mean ± sd over n repetitions */
};

/* A cell flag: other measurements exist for the same cell (see notes). */
#define HDB_CELL_ALTERNATIVES 1

struct hdb_cell {
	enum hdb_cell_type type;
	long long i;		/* INT; for MEASURE the repetitions (or -1) */
	double r;		/* REAL; for MEASURE the mean */
	double sd;		/* MEASURE: the standard deviation (or NAN) */
	char *s;		/* TEXT and BLOB, owned by the table */
	size_t len;
	int flags;
};

struct hdb_table {
	size_t n_cols, n_rows, cap_rows;
	char **cols;		/* column names */
	char **units;		/* per column, NULL entries for none */
	struct hdb_cell *cells;	/* row-major */
	char *empty;		/* why there are no rows, when there are none */
};

void hdb_table_init(struct hdb_table *t, size_t n_cols);
void hdb_table_set_col(struct hdb_table *t, size_t col, const char *name,
		       const char *unit);
/* Appends a row of NULL cells and returns its first cell. */
struct hdb_cell *hdb_table_add_row(struct hdb_table *t);
struct hdb_cell *hdb_table_cell(const struct hdb_table *t, size_t row,
				size_t col);
void hdb_cell_set_text(struct hdb_cell *c, const char *s);
void hdb_cell_set_int(struct hdb_cell *c, long long v);
void hdb_cell_set_real(struct hdb_cell *c, double v);
void hdb_table_release(struct hdb_table *t);

/*
 * Runs one read-only SQL statement into a table.  A statement that would
 * write is refused.  Returns 0, or -1 with hdb_error set.
 */
int hdb_query_sql(struct sqlite3 *db, const char *sql, struct hdb_table *out);

/* The hosts of the store and what identified each (one row per key). */
int hdb_query_hosts(struct sqlite3 *db, struct hdb_table *out);

/*
 * Default throughput: tokens/s of pp512 and tg128 at depth 0, one row per
 * model and quant, two columns per host (MEASURE cells).  When a cell has
 * several measurements (builds, KV types, ...) the newest is shown and
 * flagged HDB_CELL_ALTERNATIVES.  *setup gets one row per host, model and
 * quant with the configuration behind the cells shown.
 */
int hdb_query_default_speed(struct sqlite3 *db, struct hdb_table *speed,
			    struct hdb_table *setup);

#endif
