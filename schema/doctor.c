/*
 * doctor.c: what `halodb doctor` asks of a store, read only: SQLite's
 * integrity_check and foreign_key_check, the schema version, the rows of
 * every table, and every source with the hash it had at ingest (halodb.c
 * hashes the files again through ingest/ and compares).  Also the SQLite
 * halodb runs with, for `halodb --version`: schema/ is SQLite's room.
 */
#include "store.h"
#include "../util.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

const struct hdb_library *hdb_store_libraries(size_t *n)
{
	static struct hdb_library libs[1];

	libs[0].name = "SQLite";
	libs[0].version = sqlite3_libversion();
	libs[0].built = SQLITE_VERSION;
	*n = 1;
	return libs;
}

static int read_error(struct hdb_store *st, const char *what)
{
	return hdb_error("cannot %s in store '%s': %s", what,
			 hdb_store_path(st),
			 sqlite3_errmsg(hdb_store_sqlite(st)));
}

static void add_line(char ***lines, size_t *n, char *line)
{
	*lines = xrealloc(*lines, (*n + 1) * sizeof(**lines));
	(*lines)[(*n)++] = line;
}

static const char *text(sqlite3_stmt *s, int col)
{
	const char *t = (const char *)sqlite3_column_text(s, col);

	return t ? t : "";
}

/* integrity_check's lines ('ok' alone when whole). */
static int integrity(struct hdb_store *st, struct hdb_doctor *d)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(hdb_store_sqlite(st), "PRAGMA integrity_check",
			       -1, &s, NULL) != SQLITE_OK)
		return read_error(st, "run integrity_check");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		add_line(&d->integrity, &d->n_integrity, xstrdup(text(s, 0)));
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : read_error(st, "run integrity_check");
}

/* A line per row whose reference leads nowhere. */
static int foreign(struct hdb_store *st, struct hdb_doctor *d)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(hdb_store_sqlite(st), "SELECT \"table\", "
			       "rowid, parent FROM pragma_foreign_key_check",
			       -1, &s, NULL) != SQLITE_OK)
		return read_error(st, "run foreign_key_check");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		add_line(&d->foreign, &d->n_foreign,
			 xasprintf("%s row %lld refers to a %s row that is "
				   "not there", text(s, 0),
				   (long long)sqlite3_column_int64(s, 1),
				   text(s, 2)));
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : read_error(st, "run foreign_key_check");
}

/* Every table and its rows.  A name comes from the store's own schema,
 * quoted as an identifier (%w), never taken as SQL. */
static int tables(struct hdb_store *st, struct hdb_doctor *d)
{
	sqlite3 *db = hdb_store_sqlite(st);
	sqlite3_stmt *s, *c;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type "
			       "= 'table' AND name NOT LIKE 'sqlite\\_%' "
			       "ESCAPE '\\' ORDER BY name", -1, &s,
			       NULL) != SQLITE_OK)
		return read_error(st, "list the tables");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char *sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\"",
					    text(s, 0));
		struct hdb_doctor_table *t;

		if (!sql)
			hdb_die("out of memory");
		rc = sqlite3_prepare_v2(db, sql, -1, &c, NULL);
		sqlite3_free(sql);
		if (rc != SQLITE_OK || sqlite3_step(c) != SQLITE_ROW) {
			if (rc == SQLITE_OK)
				sqlite3_finalize(c);
			sqlite3_finalize(s);
			return read_error(st, "count the rows");
		}
		d->tables = xrealloc(d->tables, (d->n_tables + 1) *
				     sizeof(*d->tables));
		t = &d->tables[d->n_tables++];
		t->name = xstrdup(text(s, 0));
		t->rows = sqlite3_column_int64(c, 0);
		sqlite3_finalize(c);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : read_error(st, "list the tables");
}

static int sources(struct hdb_store *st, struct hdb_doctor *d)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(hdb_store_sqlite(st), "SELECT path, sha256, "
			       "format FROM source ORDER BY id", -1, &s,
			       NULL) != SQLITE_OK)
		return read_error(st, "list the sources");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct hdb_doctor_source *src;

		d->sources = xrealloc(d->sources, (d->n_sources + 1) *
				      sizeof(*d->sources));
		src = &d->sources[d->n_sources++];
		src->path = xstrdup(text(s, 0));
		src->sha256 = xstrdup(text(s, 1));
		src->format = xstrdup(text(s, 2));
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : read_error(st, "list the sources");
}

int hdb_store_doctor(struct hdb_store *st, struct hdb_doctor *d)
{
	sqlite3_stmt *s;

	memset(d, 0, sizeof(*d));
	d->version_written = hdb_store_schema_version();
	if (sqlite3_prepare_v2(hdb_store_sqlite(st), "PRAGMA user_version",
			       -1, &s, NULL) != SQLITE_OK)
		return read_error(st, "read the schema version");
	if (sqlite3_step(s) == SQLITE_ROW)
		d->version = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	/* the file first: the rest means little when it is damaged */
	if (integrity(st, d) || foreign(st, d) || tables(st, d))
		return -1;
	return sources(st, d);
}

void hdb_doctor_release(struct hdb_doctor *d)
{
	size_t i;

	for (i = 0; i < d->n_integrity; i++)
		free(d->integrity[i]);
	for (i = 0; i < d->n_foreign; i++)
		free(d->foreign[i]);
	for (i = 0; i < d->n_tables; i++)
		free(d->tables[i].name);
	for (i = 0; i < d->n_sources; i++) {
		free(d->sources[i].path);
		free(d->sources[i].sha256);
		free(d->sources[i].format);
	}
	free(d->integrity);
	free(d->foreign);
	free(d->tables);
	free(d->sources);
	memset(d, 0, sizeof(*d));
}
