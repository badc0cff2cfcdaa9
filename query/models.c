/*
 * models.c: halodb models, the labels the rows of the store give their
 * models, the name each now goes by (its alias, else the label) and how
 * many rows of each view have them; for throughput and server_timing the
 * model files behind them.  Reads the public views; the aliases
 * themselves are schema/models.c's.
 */
#include "internal.h"

#include <string.h>

/* The model files a row of the listing names; the rest are counted. */
#define FILES_SHOWN 3

enum { C_NAME, C_LABEL, C_THROUGHPUT, C_SERVER, C_QUALITY, C_REFERENCE,
       C_FILES, N_COLS };

static const struct q_col cols[N_COLS] = {
	{ "name", NULL, 0 }, { "label", NULL, 0 }, { "throughput", NULL, 0 },
	{ "server_timing", NULL, 0 }, { "quality", NULL, 0 },
	{ "reference_score", NULL, 0 }, { "model_files", NULL, 0 },
};

/* Every row of the four views as (name, label, file, view). */
#define ROWS_CTE \
	"WITH r AS (SELECT name, model AS label, model_file AS file," \
	" 1 AS v FROM throughput" \
	" UNION ALL SELECT name, model, model_file, 2 FROM server_timing" \
	" UNION ALL SELECT name, model, NULL, 3 FROM quality" \
	" UNION ALL SELECT name, model, NULL, 4 FROM reference_score) "

/* Both statements give the pairs (name, label) in this order. */
static const char models_sql[] = ROWS_CTE
	"SELECT name, label, sum(v = 1), sum(v = 2), sum(v = 3), sum(v = 4)"
	" FROM r GROUP BY name, label ORDER BY name, label";
static const char files_sql[] = ROWS_CTE
	"SELECT name, label, file, count(*) AS n FROM r"
	" WHERE file IS NOT NULL GROUP BY name, label, file"
	" ORDER BY name, label, n DESC, file";

/* Is the files statement's row at the pair (name, label) of row? */
static int same_pair(sqlite3_stmt *f, const struct hdb_cell *row)
{
	return !q_cmp_str(q_text_or_null(f, 0), row[C_NAME].s) &&
	       !q_cmp_str(q_text_or_null(f, 1), row[C_LABEL].s);
}

/* Adds the model files of each row, the most used first:
 * "a.gguf (12), b.gguf (3) and 2 more". */
static int add_files(sqlite3 *db, struct hdb_table *t)
{
	struct strbuf sb = STRBUF_INIT;
	sqlite3_stmt *f;
	size_t r;
	int rc, n;

	if (q_prepare(db, files_sql, &f, "list the model files"))
		return -1;
	rc = sqlite3_step(f);
	for (r = 0; r < t->n_rows && rc == SQLITE_ROW; r++) {
		struct hdb_cell *row = hdb_table_cell(t, r, 0);

		strbuf_reset(&sb);
		for (n = 0; rc == SQLITE_ROW && same_pair(f, row); n++) {
			if (n < FILES_SHOWN)
				strbuf_addf(&sb, "%s%s (%lld)", n ? ", " : "",
					    q_text(f, 2),
					    sqlite3_column_int64(f, 3));
			rc = sqlite3_step(f);
		}
		if (n > FILES_SHOWN)
			strbuf_addf(&sb, " and %d more", n - FILES_SHOWN);
		if (n)
			hdb_cell_set_text(&row[C_FILES], strbuf_str(&sb));
	}
	sqlite3_finalize(f);
	strbuf_release(&sb);
	if (rc == SQLITE_ROW)
		return hdb_error("cannot list the model files: the store "
				 "changed while it was read");
	return q_done(db, rc, "list the model files");
}

int hdb_query_models(struct sqlite3 *db, struct hdb_table *out)
{
	sqlite3_stmt *s;
	int rc, i;

	q_table_cols(out, cols, N_COLS);
	if (q_prepare(db, models_sql, &s, "list the models"))
		goto fail;
	/* one read transaction, so that both statements see the same rows */
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_finalize(s);
		hdb_error("cannot list the models: %s", sqlite3_errmsg(db));
		goto fail;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct hdb_cell *row = hdb_table_add_row(out);

		hdb_cell_set_text(&row[C_NAME], q_text_or_null(s, 0));
		hdb_cell_set_text(&row[C_LABEL], q_text_or_null(s, 1));
		for (i = 0; i < 4; i++)
			hdb_cell_set_int(&row[C_THROUGHPUT + i],
					 sqlite3_column_int64(s, 2 + i));
	}
	sqlite3_finalize(s);
	if (q_done(db, rc, "list the models") || add_files(db, out)) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		goto fail;
	}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (!out->n_rows)
		out->empty = xstrdup("no models yet: ingest results first "
				     "(halodb ingest PATH...)");
	return 0;
fail:
	hdb_table_release(out);
	return -1;
}
