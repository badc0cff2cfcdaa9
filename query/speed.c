/*
 * speed.c: the default throughput table of the report: pp512 and tg128
 * tokens/s at depth 0, per model and quant (rows) and host (columns).
 *
 * A cell shows one measurement, never an average of mismatched ones: when
 * a host has several for the same model, quant and test (other builds, KV
 * types, flash attention), the newest is shown and the cell is flagged.
 */
#include "query.h"
#include "../util.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static const char *const speed_tests[] = { "pp512", "tg128" };
#define N_TESTS 2

/* The measurement each cell shows (rn = 1) and how many it had (n). */
#define SHOWN_CTE \
	"WITH ranked AS (" \
	" SELECT h.name AS host," \
	"  coalesce(b.model, b.model_file, '?') AS model," \
	"  coalesce(b.quant, '?') AS quant, b.test, b.avg_ts, b.stddev_ts," \
	"  b.n_reps, b.backend, b.build_commit, b.build_number," \
	"  b.type_k, b.type_v, b.flash_attn," \
	"  row_number() OVER w AS rn, count(*) OVER w AS n" \
	" FROM bench b JOIN host h ON h.id = b.host_id" \
	" WHERE b.test IN ('pp512', 'tg128') AND b.n_depth = 0" \
	"  AND b.status = 'ok' AND b.avg_ts IS NOT NULL" \
	" WINDOW w AS (PARTITION BY b.host_id," \
	"  coalesce(b.model, b.model_file, '?'), coalesce(b.quant, '?')," \
	"  b.test ORDER BY b.test_time DESC, b.id DESC" \
	"  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))," \
	" shown AS (SELECT * FROM ranked WHERE rn = 1) "

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **s)
{
	if (sqlite3_prepare_v2(db, sql, -1, s, NULL) != SQLITE_OK)
		return hdb_error("cannot compute the throughput table: %s",
				 sqlite3_errmsg(db));
	return 0;
}

static const char *col_text(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);

	return t ? t : "";
}

/* Index of name in a growing list of strings, appending it if new. */
static size_t intern(char ***list, size_t *n, const char *name)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (!strcmp((*list)[i], name))
			return i;
	*list = xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[*n] = xstrdup(name);
	return (*n)++;
}

static void free_list(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

static int build_speed(sqlite3 *db, struct hdb_table *t)
{
	sqlite3_stmt *s;
	char **hosts = NULL, **keys = NULL, *key;
	size_t n_hosts = 0, n_keys = 0, h, k, i;
	int rc;

	/* First pass: which hosts (columns) and model/quant rows exist. */
	if (prepare(db, SHOWN_CTE "SELECT DISTINCT host FROM shown ORDER BY host", &s))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		intern(&hosts, &n_hosts, col_text(s, 0));
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		goto fail;

	hdb_table_init(t, 2 + N_TESTS * n_hosts);
	hdb_table_set_col(t, 0, "Model", NULL);
	hdb_table_set_col(t, 1, "Quant", NULL);
	for (h = 0; h < n_hosts; h++)
		for (i = 0; i < N_TESTS; i++) {
			char *name = xasprintf("%s %s", hosts[h], speed_tests[i]);

			hdb_table_set_col(t, 2 + N_TESTS * h + i, name, "t/s");
			free(name);
		}

	if (prepare(db, SHOWN_CTE "SELECT model, quant, host, test, avg_ts, "
		    "stddev_ts, n_reps, n FROM shown "
		    "ORDER BY model, quant, host, test", &s))
		goto fail_list;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct hdb_cell *c;

		key = xasprintf("%s\n%s", col_text(s, 0), col_text(s, 1));
		k = intern(&keys, &n_keys, key);
		free(key);
		if (k == t->n_rows) {
			c = hdb_table_add_row(t);
			hdb_cell_set_text(&c[0], col_text(s, 0));
			hdb_cell_set_text(&c[1], col_text(s, 1));
		}
		h = intern(&hosts, &n_hosts, col_text(s, 2));
		i = strcmp(col_text(s, 3), speed_tests[0]) ? 1 : 0;
		c = hdb_table_cell(t, k, 2 + N_TESTS * h + i);
		c->type = HDB_CELL_MEASURE;
		c->r = sqlite3_column_double(s, 4);
		c->sd = sqlite3_column_type(s, 5) == SQLITE_NULL
			? NAN : sqlite3_column_double(s, 5);
		c->i = sqlite3_column_type(s, 6) == SQLITE_NULL
		       ? -1 : sqlite3_column_int64(s, 6);
		if (sqlite3_column_int64(s, 7) > 1)
			c->flags |= HDB_CELL_ALTERNATIVES;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		goto fail_list;
	if (!t->n_rows)
		t->empty = xstrdup("no pp512 or tg128 results at depth 0 yet");
	free_list(hosts, n_hosts);
	free_list(keys, n_keys);
	return 0;
fail_list:
	hdb_table_release(t);
fail:
	free_list(hosts, n_hosts);
	free_list(keys, n_keys);
	return hdb_error("cannot compute the throughput table: %s",
			 sqlite3_errmsg(db));
}

static int build_setup(sqlite3 *db, struct hdb_table *t)
{
	static const char sql[] = SHOWN_CTE
		"SELECT host, model, quant, group_concat(DISTINCT backend),"
		" group_concat(DISTINCT build_commit || ' (' ||"
		"  coalesce(build_number, '?') || ')'),"
		" group_concat(DISTINCT coalesce(type_k, '?') || '/' ||"
		"  coalesce(type_v, '?')),"
		" group_concat(DISTINCT CASE flash_attn WHEN 1 THEN 'on'"
		"  WHEN 0 THEN 'off' WHEN -1 THEN 'auto' END)"
		" FROM (SELECT * FROM shown ORDER BY host, model, quant,"
		"  backend, build_number, build_commit, type_k, type_v, flash_attn)"
		" GROUP BY host, model, quant"
		" ORDER BY host, model, quant";
	static const char *const cols[] = {
		"Host", "Model", "Quant", "Backend", "Build", "KV cache (K/V)",
		"Flash attention",
	};
	const size_t n = sizeof(cols) / sizeof(cols[0]);
	sqlite3_stmt *s;
	size_t i;
	int rc;

	if (prepare(db, sql, &s))
		return -1;
	hdb_table_init(t, n);
	for (i = 0; i < n; i++)
		hdb_table_set_col(t, i, cols[i], NULL);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct hdb_cell *c = hdb_table_add_row(t);

		for (i = 0; i < n; i++)
			if (sqlite3_column_type(s, (int)i) != SQLITE_NULL)
				hdb_cell_set_text(&c[i], col_text(s, (int)i));
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		hdb_table_release(t);
		return hdb_error("cannot compute the setup table: %s",
				 sqlite3_errmsg(db));
	}
	return 0;
}

int hdb_query_default_speed(struct sqlite3 *db, struct hdb_table *speed,
			    struct hdb_table *setup)
{
	if (build_speed(db, speed))
		return -1;
	if (build_setup(db, setup)) {
		hdb_table_release(speed);
		return -1;
	}
	return 0;
}

int hdb_query_speed(struct sqlite3 *db, const struct hdb_query_opts *o,
	struct hdb_table *out)
{
	(void)db; (void)o; (void)out;
	return hdb_error("speed: not built yet");
}

int hdb_query_depth(struct sqlite3 *db, const struct hdb_query_opts *o,
	struct hdb_table *out)
{
	(void)db; (void)o; (void)out;
	return hdb_error("depth: not built yet");
}
