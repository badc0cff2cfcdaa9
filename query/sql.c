/*
 * sql.c: the user's own SQL (halodb sql) and the host list, read into
 * result tables, or read a window of rows at a time through a cursor
 * (halodb sql streams its output).  The store is opened read-only for
 * these, and any statement that would write is refused before it runs.
 */
#include "query.h"
#include "../util.h"

#include <ctype.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* Is the rest of the text only blanks, semicolons and comments? */
static int only_trailer(const char *p)
{
	while (*p) {
		if (isspace((unsigned char)*p) || *p == ';') {
			p++;
		} else if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
		} else if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");

			if (!e)
				return 1;
			p = e + 2;
		} else {
			return 0;
		}
	}
	return 1;
}

struct hdb_cursor {
	sqlite3 *db;
	sqlite3_stmt *s;
	int in_txn;		/* we began a read transaction; commit it */
	int done;		/* the last step said SQLITE_DONE */
};

/* Sets up out with the statement's columns and no rows. */
static void table_for(sqlite3_stmt *s, struct hdb_table *out)
{
	int n = sqlite3_column_count(s), i;

	hdb_table_init(out, (size_t)n);
	for (i = 0; i < n; i++)
		hdb_table_set_col(out, (size_t)i, sqlite3_column_name(s, i), NULL);
}

/* Copies the current row of s into a new row of out; returns its bytes. */
static size_t add_row(sqlite3_stmt *s, struct hdb_table *out)
{
	struct hdb_cell *row = hdb_table_add_row(out);
	size_t bytes = 0, i;
	const void *p;

	for (i = 0; i < out->n_cols; i++) {
		struct hdb_cell *c = &row[i];
		int col = (int)i;

		switch (sqlite3_column_type(s, col)) {
		case SQLITE_INTEGER:
			hdb_cell_set_int(c, sqlite3_column_int64(s, col));
			break;
		case SQLITE_FLOAT:
			hdb_cell_set_real(c, sqlite3_column_double(s, col));
			break;
		case SQLITE_TEXT:
			/* The length from SQLite: text may hold NUL. */
			p = sqlite3_column_text(s, col);
			hdb_cell_set_text_len(c, p ? p : "", (size_t)
					      sqlite3_column_bytes(s, col));
			break;
		case SQLITE_BLOB:
			p = sqlite3_column_blob(s, col);
			c->type = HDB_CELL_BLOB;
			c->len = (size_t)sqlite3_column_bytes(s, col);
			c->s = xmalloc(c->len + 1);
			if (c->len)
				memcpy(c->s, p, c->len);
			c->s[c->len] = '\0';
			break;
		default:
			break;
		}
		bytes += c->len + sizeof(*c);
	}
	return bytes;
}

/* Appends rows of s to out (see hdb_cursor_fetch); *done at the end. */
static long fill_rows(sqlite3 *db, sqlite3_stmt *s, struct hdb_table *out,
		      size_t max_rows, size_t max_bytes, int *done)
{
	size_t bytes = 0;
	long n = 0;
	int rc = SQLITE_ROW;

	while ((size_t)n < max_rows && bytes < max_bytes &&
	       (rc = sqlite3_step(s)) == SQLITE_ROW) {
		bytes += add_row(s, out);
		n++;
	}
	*done = rc != SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return hdb_error("query failed: %s", sqlite3_errmsg(db));
	return n;
}

/* Reads every row of a prepared statement into out. */
static int fill_table(sqlite3 *db, sqlite3_stmt *s, struct hdb_table *out)
{
	int done;

	table_for(s, out);
	if (fill_rows(db, s, out, (size_t)-1, (size_t)-1, &done) < 0) {
		hdb_table_release(out);
		return -1;
	}
	return 0;
}

/* Prepares the user's one read-only statement; 0 or -1 (hdb_error). */
static int prepare_user_sql(sqlite3 *db, const char *sql, sqlite3_stmt **out)
{
	sqlite3_stmt *s = NULL;
	const char *tail;

	*out = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &s, &tail) != SQLITE_OK)
		return hdb_error("bad SQL: %s", sqlite3_errmsg(db));
	if (!s)
		return hdb_error("expected an SQL statement, found none");
	if (!only_trailer(tail)) {
		hdb_error("expected one SQL statement, found more after "
			  "'%.*s'", (int)(tail - sql), sql);
		sqlite3_finalize(s);
		return -1;
	}
	if (!sqlite3_stmt_readonly(s)) {
		hdb_error("refusing to run a statement that writes: halodb "
			  "sql is read-only ('%s')", sqlite3_sql(s));
		sqlite3_finalize(s);
		return -1;
	}
	*out = s;
	return 0;
}

int hdb_query_sql(struct sqlite3 *db, const char *sql, struct hdb_table *out)
{
	sqlite3_stmt *s;
	int ret;

	memset(out, 0, sizeof(*out));
	if (prepare_user_sql(db, sql, &s))
		return -1;
	ret = fill_table(db, s, out);
	sqlite3_finalize(s);
	return ret;
}

int hdb_cursor_open(struct sqlite3 *db, const char *sql,
		    struct hdb_cursor **c, struct hdb_table *out)
{
	sqlite3_stmt *s;

	*c = NULL;
	memset(out, 0, sizeof(*out));
	if (prepare_user_sql(db, sql, &s))
		return -1;
	*c = xcalloc(1, sizeof(**c));
	(*c)->db = db;
	(*c)->s = s;
	/*
	 * A statement with rows may be read twice (column widths, then
	 * the rows): one read transaction keeps both passes on the same
	 * snapshot while writers go on.  BEGIN, COMMIT and the like have
	 * no columns and run as they are.
	 */
	if (sqlite3_column_count(s) && sqlite3_get_autocommit(db)) {
		if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
			hdb_error("cannot start a read transaction: %s",
				  sqlite3_errmsg(db));
			hdb_cursor_free(*c);
			*c = NULL;
			return -1;
		}
		(*c)->in_txn = 1;
	}
	table_for(s, out);
	return 0;
}

long hdb_cursor_fetch(struct hdb_cursor *c, struct hdb_table *out,
		      size_t max_rows, size_t max_bytes)
{
	hdb_table_clear_rows(out);
	if (c->done)
		return 0;
	return fill_rows(c->db, c->s, out, max_rows, max_bytes, &c->done);
}

int hdb_cursor_done(const struct hdb_cursor *c)
{
	return c->done;
}

int hdb_cursor_rewind(struct hdb_cursor *c)
{
	c->done = 0;
	if (sqlite3_reset(c->s) != SQLITE_OK)
		return hdb_error("query failed: %s", sqlite3_errmsg(c->db));
	return 0;
}

void hdb_cursor_free(struct hdb_cursor *c)
{
	if (!c)
		return;
	sqlite3_finalize(c->s);
	/* Only reads happened; ending them cannot lose anything. */
	if (c->in_txn && !sqlite3_get_autocommit(c->db))
		sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL);
	free(c);
}

int hdb_query_host_facts(struct sqlite3 *db, struct hdb_table *out)
{
	static const char sql[] =
		"SELECT h.name AS host, f.key, f.value FROM host_fact f "
		"JOIN host h ON h.id = f.host_id ORDER BY h.name, f.key";
	sqlite3_stmt *s;
	int ret;

	memset(out, 0, sizeof(*out));
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return hdb_error("cannot read the facts of hosts: %s",
				 sqlite3_errmsg(db));
	ret = fill_table(db, s, out);
	sqlite3_finalize(s);
	return ret;
}

/*
 * The hosts, their keys and facts.  No public view holds the keys a host was
 * recognised by (host and host_key are the store's own, and may change),
 * so this reads those tables; `halodb hosts` is their public face.
 */
int hdb_query_hosts(struct sqlite3 *db, struct hdb_table *out)
{
	static const char sql[] =
		"SELECT h.name AS host, "
		"  CASE h.named_by WHEN 'option' THEN '--host' "
		"  WHEN 'derived' THEN 'cpu_info+gpu_info' "
		"  ELSE 'nothing (its files do not say)' END AS identified_by, "
		"  (SELECT count(*) FROM bench b WHERE b.host_id = h.id) + "
		"  (SELECT count(*) FROM server_request r WHERE r.host_id = h.id) + "
		"  (SELECT count(*) FROM qresult q WHERE q.host_id = h.id) "
		"    AS rows, "
		"  coalesce(k.cpu_info, h.cpu_info) AS cpu_info, "
		"  coalesce(k.gpu_info, h.gpu_info) AS gpu_info, "
		/* memory=128GB, notes="a, b": quoted where a blank, ',',
		 * '=' or '"' would make the list ambiguous */
		"  (SELECT group_concat(key || '=' || CASE WHEN value GLOB "
		"    '*[ ,=\"\\]*' THEN '\"' || replace(replace(value, '\\', "
		"    '\\\\'), '\"', '\\\"') || '\"' ELSE value END, ', ') "
		"   FROM (SELECT key, value FROM host_fact f "
		"    WHERE f.host_id = h.id ORDER BY key)) AS facts "
		"FROM host h LEFT JOIN host_key k ON k.host_id = h.id "
		"ORDER BY h.name, k.key";
	sqlite3_stmt *s;
	int ret;

	memset(out, 0, sizeof(*out));
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return hdb_error("cannot list hosts: %s", sqlite3_errmsg(db));
	ret = fill_table(db, s, out);
	sqlite3_finalize(s);
	if (!ret && !out->n_rows)
		out->empty = xstrdup("no hosts yet: ingest results first "
				     "(halodb ingest PATH...)");
	return ret;
}

/* Runs one listing statement into out; empty says why it has no rows. */
static int list_into(struct sqlite3 *db, const char *sql, const char *what,
		     const char *empty, struct hdb_table *out)
{
	sqlite3_stmt *s;
	int ret;

	memset(out, 0, sizeof(*out));
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return hdb_error("cannot list %s: %s", what,
				 sqlite3_errmsg(db));
	ret = fill_table(db, s, out);
	sqlite3_finalize(s);
	if (!ret && !out->n_rows)
		out->empty = xstrdup(empty);
	return ret;
}

int hdb_query_sources(struct sqlite3 *db, struct hdb_table *out)
{
	static const char sql[] =
		"SELECT s.path, substr(s.sha256, 1, 12) AS sha256, "
		"  s.format || coalesce(', ' || s.era, '') || "
		"  CASE WHEN s.truncated THEN ', cut off' ELSE '' END AS format, "
		"  (SELECT count(*) FROM bench WHERE source_id = s.id) + "
		"  (SELECT count(*) FROM server_request WHERE source_id = s.id) + "
		"  (SELECT count(*) FROM qresult WHERE source_id = s.id) + "
		"  (SELECT count(*) FROM reference WHERE source_id = s.id) "
		"    AS rows, "
		"  (SELECT count(*) FROM bench_report r JOIN bench b ON "
		"   b.id = r.bench_id WHERE r.source_id = s.id AND "
		"   b.source_id != s.id) + "
		"  (SELECT count(*) FROM server_report r JOIN server_request q "
		"   ON q.id = r.request_id WHERE r.source_id = s.id AND "
		"   q.source_id != s.id) + "
		"  (SELECT count(*) FROM reference_source l JOIN reference f "
		"   ON f.id = l.reference_id WHERE l.source_id = s.id AND "
		"   f.source_id != s.id) AS also, "
		"  (SELECT group_concat(name, ', ') FROM (SELECT DISTINCT h.name "
		"   FROM host h WHERE h.id IN (SELECT host_id FROM bench WHERE "
		"   source_id = s.id UNION SELECT host_id FROM server_request "
		"   WHERE source_id = s.id UNION SELECT host_id FROM qresult "
		"   WHERE source_id = s.id) ORDER BY h.name)) AS host, "
		"  s.ingested_at, "
		"  (SELECT group_concat(key || '=' || value, ' ') FROM "
		"   json_each(s.options)) AS options "
		"FROM source s ORDER BY s.id";

	return list_into(db, sql, "sources", "no sources yet: ingest results "
			 "first (halodb ingest PATH...)", out);
}

int hdb_query_log(struct sqlite3 *db, struct hdb_table *out)
{
	static const char sql[] =
		"SELECT id, at, action, what, command FROM curation_log "
		"ORDER BY id";

	return list_into(db, sql, "the curation log", "no changes since "
			 "ingest: the store holds what its files said", out);
}
