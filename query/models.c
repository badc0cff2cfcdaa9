/*
 * models.c: halodb models, the labels the rows of the store give their
 * models, the name each now goes by (its alias, else the label) and how
 * many rows of each view have them; for throughput and server_timing the
 * model files behind them.  Reads the public views; the aliases
 * themselves are schema/models.c's.
 */
#include "internal.h"

#include <stdlib.h>
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

/* The rows by name, label, file and view, the rows of a pair together. */
static const char models_sql[] = ROWS_CTE
	"SELECT name, label, file, v, count(*) FROM r"
	" GROUP BY name, label, file, v ORDER BY name, label, file";

struct file_count {
	char *file;
	long long n;
};

/* The most used first, then by name. */
static int file_cmp(const void *pa, const void *pb)
{
	const struct file_count *a = pa, *b = pb;

	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return strcmp(a->file, b->file);
}

/* Sets the model_files cell of row from files[0..n-1] (and frees them):
 * "a.gguf (12), b.gguf (3) and 2 more". */
static void set_files(struct hdb_cell *row, struct file_count *files,
		      size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (!n)
		return;
	qsort(files, n, sizeof(*files), file_cmp);
	for (i = 0; i < n && i < FILES_SHOWN; i++)
		strbuf_addf(&sb, "%s%s (%lld)", i ? ", " : "", files[i].file,
			    files[i].n);
	if (n > FILES_SHOWN)
		strbuf_addf(&sb, " and %zu more", n - FILES_SHOWN);
	hdb_cell_set_text(&row[C_FILES], strbuf_str(&sb));
	strbuf_release(&sb);
	for (i = 0; i < n; i++)
		free(files[i].file);
}

int hdb_query_models(struct sqlite3 *db, struct hdb_table *out)
{
	struct file_count *files = NULL;
	struct hdb_cell *row = NULL;
	size_t n_files = 0, cap = 0;
	sqlite3_stmt *s;
	int rc, v;

	q_table_cols(out, cols, N_COLS);
	if (q_prepare(db, models_sql, &s, "list the models")) {
		hdb_table_release(out);
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = q_text_or_null(s, 0);
		const char *label = q_text_or_null(s, 1);
		const char *file = q_text_or_null(s, 2);
		long long n = sqlite3_column_int64(s, 4);

		if (!row || q_cmp_str(row[C_NAME].s, name) ||
		    q_cmp_str(row[C_LABEL].s, label)) {
			if (row)
				set_files(row, files, n_files);
			n_files = 0;
			row = hdb_table_add_row(out);
			hdb_cell_set_text(&row[C_NAME], name);
			hdb_cell_set_text(&row[C_LABEL], label);
			for (v = 0; v < 4; v++)
				hdb_cell_set_int(&row[C_THROUGHPUT + v], 0);
		}
		v = sqlite3_column_int(s, 3);
		if (v >= 1 && v <= 4)
			row[C_THROUGHPUT + v - 1].i += n;
		if (!file)
			continue;
		/* a file of throughput and server rows is one file */
		if (n_files && !strcmp(files[n_files - 1].file, file)) {
			files[n_files - 1].n += n;
			continue;
		}
		if (n_files == cap) {
			cap = cap ? 2 * cap : 8;
			files = xrealloc(files, cap * sizeof(*files));
		}
		files[n_files].file = xstrdup(file);
		files[n_files++].n = n;
	}
	sqlite3_finalize(s);
	if (row)
		set_files(row, files, n_files);
	else
		out->empty = xstrdup("no models yet: ingest results first "
				     "(halodb ingest PATH...)");
	free(files);
	if (q_done(db, rc, "list the models")) {
		hdb_table_release(out);
		return -1;
	}
	return 0;
}
