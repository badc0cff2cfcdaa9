/*
 * qfixture.h: what the tests of query/ share: a fresh store in the test's
 * temp dir, and the cells of a result table read by column name (the
 * names are the JSON keys README documents).  Include after harness.h.
 */
#ifndef HALODB_QFIXTURE_H
#define HALODB_QFIXTURE_H

#include "harness.h"
#include "../../query/query.h"
#include "../../schema/store.h"
#include "../../util.h"

#include <math.h>

/* A new, empty store named name in the test's temp dir. */
static inline struct hdb_store *fresh(const char *name)
{
	static char path[1024];
	struct hdb_store *st;

	snprintf(path, sizeof(path), "%s/%s", t_tmpdir(), name);
	unlink(path);
	if (hdb_store_open(path, HDB_STORE_WRITE, &st)) {
		fprintf(stderr, "%s\n", hdb_errmsg());
		exit(2);
	}
	return st;
}

/* Writes r, on host, as the one record of a new source file (each its
 * own sha256, so none is taken for a file ingested before). */
static inline void add_record(struct hdb_store *st, const char *host,
			      const struct hdb_bench_record *r)
{
	static int n;
	long long src, h;
	char sha[32];
	int dup;

	snprintf(sha, sizeof(sha), "qfixture-%d", n++);
	if (hdb_store_begin(st) ||
	    hdb_store_add_source(st, "f.json", sha, 1, "llama-bench-json",
				 &src) ||
	    hdb_store_host(st, host, NULL, NULL, NULL, NULL, NULL, &h) ||
	    hdb_store_add_bench(st, src, h, r, &dup) || hdb_store_commit(st)) {
		fprintf(stderr, "add_record: %s\n", hdb_errmsg());
		exit(2);
	}
}

/* Writes a quality record (with what its run attaches) on host as the
 * one record of a new source; returns its id. */
static inline long long add_quality_record(struct hdb_store *st,
					   const char *host,
					   const struct hdb_attach *a,
					   const struct hdb_quality_record *r)
{
	static int n;
	long long src, h, id;
	char sha[32];

	snprintf(sha, sizeof(sha), "qfixture-q%d", n++);
	if (hdb_store_begin(st) ||
	    hdb_store_add_source(st, "q.json", sha, 1, "aider-run", &src) ||
	    hdb_store_host(st, host, NULL, NULL, NULL, NULL, NULL, &h) ||
	    hdb_store_add_quality(st, src, h, a, r, &id) ||
	    hdb_store_commit(st)) {
		fprintf(stderr, "add_quality_record: %s\n", hdb_errmsg());
		exit(2);
	}
	return id;
}

/* Writes a published score as the one record of a new source. */
static inline void add_reference_record(struct hdb_store *st,
					const struct hdb_reference_record *r)
{
	static int n;
	long long src;
	char sha[32];
	int dup;

	snprintf(sha, sizeof(sha), "qfixture-r%d", n++);
	if (hdb_store_begin(st) ||
	    hdb_store_add_source(st, "board.yml", sha, 1, "aider-leaderboard",
				 &src) ||
	    hdb_store_add_reference(st, src, r, &dup) || hdb_store_commit(st)) {
		fprintf(stderr, "add_reference_record: %s\n", hdb_errmsg());
		exit(2);
	}
}

/* The index of a column; a table without it ends the test binary. */
static inline size_t col(const struct hdb_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n_cols; i++)
		if (!strcmp(t->cols[i], name))
			return i;
	fprintf(stderr, "no column '%s'\n", name);
	exit(2);
}

/* A cell by column name; a row past the end fails the test and reads as
 * a NULL cell. */
static inline const struct hdb_cell *cell(const struct hdb_table *t,
					  size_t row, const char *name)
{
	static const struct hdb_cell none = { HDB_CELL_NULL, 0, 0, 0, NULL,
					      0, 0 };
	size_t c = col(t, name);

	if (row >= t->n_rows) {
		T_FAIL("no row %zu for '%s' (%zu rows)", row, name, t->n_rows);
		return &none;
	}
	return hdb_table_cell(t, row, c);
}

/* A number cell (REAL or INT) as a double; NAN otherwise. */
static inline double real(const struct hdb_table *t, size_t row,
			  const char *name)
{
	const struct hdb_cell *c = cell(t, row, name);

	return c->type == HDB_CELL_REAL ? c->r
	       : c->type == HDB_CELL_INT ? (double)c->i : NAN;
}

/* An INT cell; -999 otherwise. */
static inline long long integer(const struct hdb_table *t, size_t row,
				const char *name)
{
	const struct hdb_cell *c = cell(t, row, name);

	return c->type == HDB_CELL_INT ? c->i : -999;
}

/* A TEXT cell; NULL otherwise. */
static inline const char *text(const struct hdb_table *t, size_t row,
			       const char *name)
{
	const struct hdb_cell *c = cell(t, row, name);

	return c->type == HDB_CELL_TEXT ? c->s : NULL;
}

static inline int is_null(const struct hdb_table *t, size_t row,
			  const char *name)
{
	return cell(t, row, name)->type == HDB_CELL_NULL;
}

/* A section of a report model by id, or NULL. */
static inline const struct hdb_section *section(
	const struct hdb_report_model *m, const char *id)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (!strcmp(m->sections[i].id, id))
			return &m->sections[i];
	return NULL;
}

/* Every block of a kind of a section (NULL: none) joined into one text,
 * a line per block; the caller frees. */
static inline char *joined(const struct hdb_section *s,
			   enum hdb_block_kind kind)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, j;

	for (i = 0; s && i < s->n; i++) {
		if (s->blocks[i].kind != kind)
			continue;
		for (j = 0; j < s->blocks[i].prose.n; j++)
			strbuf_addstr(&sb, s->blocks[i].prose.parts[j].text);
		strbuf_addch(&sb, '\n');
	}
	return strbuf_detach(&sb);
}

#endif
