/*
 * test_views.c: the public views as README.md documents them
 * (hdb_view_docs, generated from its section "The public SQL views") are
 * the views a fresh store has, column for column: a view or a column
 * added to a schema/ .sql file without its line in README.md fails here,
 * and so does a documented column that no view has.
 */
#include "harness.h"
#include "../../schema/store.h"
#include "../../util.h"

#include <sqlite3.h>

/* Is name one of the ", "-joined names of cols? */
static int names_has(const char *cols, const char *name)
{
	size_t n = strlen(name);
	const char *p = cols;

	while (*p) {
		size_t len = strcspn(p, ",");

		if (len == n && !strncmp(p, name, n))
			return 1;
		p += len;
		while (*p == ',' || *p == ' ')
			p++;
	}
	return 0;
}

/* How many documented column lines of view name column? */
static int documented(const char *view, const char *column)
{
	const struct hdb_view_doc *d;
	int n = 0;

	for (d = hdb_view_docs; d->view; d++)
		if (d->columns && !strcmp(d->view, view) &&
		    names_has(d->columns, column))
			n++;
	return n;
}

static int has_column(sqlite3 *db, const char *view, const char *column)
{
	sqlite3_stmt *q;
	int found = 0;

	if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info(?1) "
			       "WHERE name = ?2", -1, &q, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(q, 1, view, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, column, -1, SQLITE_STATIC);
	found = sqlite3_step(q) == SQLITE_ROW;
	sqlite3_finalize(q);
	return found;
}

static int is_view(sqlite3 *db, const char *name)
{
	sqlite3_stmt *q;
	int found;

	if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = "
			       "'view' AND name = ?1", -1, &q, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	found = sqlite3_step(q) == SQLITE_ROW;
	sqlite3_finalize(q);
	return found;
}

/*
 * Appends to why a line per disagreement between the store's views and
 * hdb_view_docs; returns how many.
 */
static int disagreements(sqlite3 *db, struct strbuf *why)
{
	const struct hdb_view_doc *d;
	sqlite3_stmt *q;
	int n = 0;

	/* every view of the store and every column of it is documented */
	if (sqlite3_prepare_v2(db, "SELECT m.name, c.name FROM sqlite_master m "
			       "JOIN pragma_table_info(m.name) c WHERE m.type = "
			       "'view' ORDER BY m.name, c.cid", -1, &q,
			       NULL) != SQLITE_OK) {
		strbuf_addf(why, "%s\n", sqlite3_errmsg(db));
		return 1;
	}
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *view = (const char *)sqlite3_column_text(q, 0);
		const char *col = (const char *)sqlite3_column_text(q, 1);
		int k = documented(view, col);

		if (k != 1) {
			strbuf_addf(why, "view '%s': column '%s' is documented "
				    "%d times in README.md\n", view, col, k);
			n++;
		}
	}
	sqlite3_finalize(q);
	/* every documented view and column exists */
	for (d = hdb_view_docs; d->view; d++) {
		const char *p = d->columns;

		if (!p) {
			if (!is_view(db, d->view)) {
				strbuf_addf(why, "README.md documents view "
					    "'%s', which the store has not\n",
					    d->view);
				n++;
			}
			continue;
		}
		while (*p) {
			size_t len = strcspn(p, ",");
			char *name = xstrndup(p, len);

			if (has_column(db, d->view, name) != 1) {
				strbuf_addf(why, "view '%s': README.md "
					    "documents '%s', which it has "
					    "not\n", d->view, name);
				n++;
			}
			free(name);
			p += len;
			while (*p == ',' || *p == ' ')
				p++;
		}
	}
	return n;
}

static sqlite3 *fresh_store(struct hdb_store **st, const char *name)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", t_tmpdir(), name);
	if (hdb_store_open(path, HDB_STORE_WRITE, st)) {
		T_FAIL("%s", hdb_errmsg());
		return NULL;
	}
	return hdb_store_sqlite(*st);
}

static void the_views_are_the_ones_readme_documents(void)
{
	struct strbuf why = STRBUF_INIT;
	struct hdb_store *st;
	sqlite3 *db = fresh_store(&st, "views.db");
	const char *views[] = { "throughput", "throughput_sample",
				"server_timing", "quality", "quality_item",
				"reference_score" };
	size_t i;

	if (!db)
		return;
	CHECK_INT(disagreements(db, &why), 0);
	if (why.len)
		fprintf(stderr, "%s", why.buf);
	/* the six the issue names, at least, each with its summary first */
	for (i = 0; i < sizeof(views) / sizeof(views[0]); i++) {
		const struct hdb_view_doc *d;

		for (d = hdb_view_docs; d->view; d++)
			if (!strcmp(d->view, views[i]))
				break;
		CHECK(d->view != NULL);
		if (d->view)
			CHECK(d->columns == NULL);
	}
	strbuf_release(&why);
	hdb_store_close(st);
}

/* A column added to a view, and a view added, without README.md: both
 * are named. */
static void an_undocumented_column_or_view_is_named(void)
{
	struct strbuf why = STRBUF_INIT;
	struct hdb_store *st;
	sqlite3 *db = fresh_store(&st, "extra.db");

	if (!db)
		return;
	CHECK_INT(sqlite3_exec(db, "DROP VIEW reference_score; "
			       "CREATE VIEW reference_score AS SELECT r.id, "
			       "r.model, r.benchmark, r.variant, r.score, "
			       "r.n_items, r.date, '' AS source, r.details, "
			       "r.name, 1 AS extra FROM reference r; "
			       "CREATE VIEW newview AS SELECT 1 AS a",
			       NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(disagreements(db, &why), 2);
	CHECK_STR(why.buf, "view 'newview': column 'a' is documented 0 times "
		  "in README.md\n"
		  "view 'reference_score': column 'extra' is documented 0 "
		  "times in README.md\n");
	strbuf_release(&why);
	hdb_store_close(st);
}

/* A documented column the view lost is named too. */
static void a_documented_column_the_view_lacks_is_named(void)
{
	struct strbuf why = STRBUF_INIT;
	struct hdb_store *st;
	sqlite3 *db = fresh_store(&st, "lost.db");

	if (!db)
		return;
	CHECK_INT(sqlite3_exec(db, "DROP VIEW quality_item; "
			       "CREATE VIEW quality_item AS SELECT qresult_id AS quality_id, "
			       "item, passed FROM qresult_item",
			       NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(disagreements(db, &why), 1);
	CHECK_STR(why.buf, "view 'quality_item': README.md documents "
		  "'detail', which it has not\n");
	strbuf_release(&why);
	hdb_store_close(st);
}

int main(void)
{
	RUN(the_views_are_the_ones_readme_documents);
	RUN(an_undocumented_column_or_view_is_named);
	RUN(a_documented_column_the_view_lacks_is_named);
	return t_done();
}
