/*
 * sql.c: the user's own SQL (halodb sql) and the host list, read into
 * result tables.  The store is opened read-only for these, and any
 * statement that would write is refused before it runs.
 */
#include "query.h"
#include "../util.h"

#include <ctype.h>
#include <sqlite3.h>
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

/* Reads every row of a prepared statement into out. */
static int fill_table(sqlite3 *db, sqlite3_stmt *s, struct hdb_table *out)
{
	int n = sqlite3_column_count(s), i, rc;

	hdb_table_init(out, (size_t)n);
	for (i = 0; i < n; i++)
		hdb_table_set_col(out, (size_t)i, sqlite3_column_name(s, i), NULL);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct hdb_cell *row = hdb_table_add_row(out);

		for (i = 0; i < n; i++) {
			struct hdb_cell *c = &row[i];

			switch (sqlite3_column_type(s, i)) {
			case SQLITE_INTEGER:
				hdb_cell_set_int(c, sqlite3_column_int64(s, i));
				break;
			case SQLITE_FLOAT:
				hdb_cell_set_real(c, sqlite3_column_double(s, i));
				break;
			case SQLITE_TEXT:
				hdb_cell_set_text(c, (const char *)
						  sqlite3_column_text(s, i));
				break;
			case SQLITE_BLOB:
				c->type = HDB_CELL_BLOB;
				c->len = (size_t)sqlite3_column_bytes(s, i);
				c->s = xmalloc(c->len + 1);
				if (c->len)
					memcpy(c->s, sqlite3_column_blob(s, i),
					       c->len);
				c->s[c->len] = '\0';
				break;
			default:
				break;
			}
		}
	}
	if (rc != SQLITE_DONE) {
		hdb_error("query failed: %s", sqlite3_errmsg(db));
		hdb_table_release(out);
		return -1;
	}
	return 0;
}

int hdb_query_sql(struct sqlite3 *db, const char *sql, struct hdb_table *out)
{
	sqlite3_stmt *s = NULL;
	const char *tail;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	if (sqlite3_prepare_v2(db, sql, -1, &s, &tail) != SQLITE_OK)
		return hdb_error("bad SQL: %s", sqlite3_errmsg(db));
	if (!s)
		return hdb_error("expected an SQL statement, found none");
	if (!only_trailer(tail)) {
		hdb_error("expected one SQL statement, found more after "
			  "'%.*s'", (int)(tail - sql), sql);
		goto out;
	}
	if (!sqlite3_stmt_readonly(s)) {
		hdb_error("refusing to run a statement that writes: halodb "
			  "sql is read-only ('%s')", sqlite3_sql(s));
		goto out;
	}
	ret = fill_table(db, s, out);
out:
	sqlite3_finalize(s);
	return ret;
}

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
		"  coalesce(k.gpu_info, h.gpu_info) AS gpu_info "
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
