/*
 * models.c: the names models go by (halodb models alias and unalias).
 * model_alias maps a label (exactly) or a model file (a GLOB pattern) to
 * a name; every row keeps the label its file gave and carries the name,
 * which this file rewrites after each change of the aliases, by the one
 * rule of model_name.h that store.c names new rows with.
 *
 * Flow: halodb.c -> here -> model_alias and the name columns of bench,
 * server_request, qresult and reference; query/ reads them as the views'
 * name column.
 */
#include "store.h"
#include "model_name.h"
#include "../util.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/*
 * The labels and patterns whose alias a call changed (a temporary
 * table): only rows of such a label, or with a model file such a pattern
 * matches, can get another name.
 */
static const char touched_sql[] =
	"CREATE TEMP TABLE IF NOT EXISTS models_touched (kind TEXT NOT NULL,"
	" pattern TEXT NOT NULL); DELETE FROM temp.models_touched";
#define CONCERNED(table, file) \
	"(" table ".model IN (SELECT pattern FROM temp.models_touched" \
	" WHERE kind = 'label') OR EXISTS (SELECT 1 FROM" \
	" temp.models_touched t WHERE t.kind = 'file'" \
	" AND " file " GLOB t.pattern))"

/* Rewrites the name of every row of table concerned whose name the
 * aliases now make another (a table with no model file passes NULL). */
#define RENAME(table, file) \
	"UPDATE " table " SET name = " NAME_OF(table ".model", file) \
	" WHERE " CONCERNED(table, file) \
	" AND name IS NOT " NAME_OF(table ".model", file)

static const char *const rename_sql[] = {
	RENAME("bench", "bench.model_file"),
	RENAME("server_request", "server_request.model_file"),
	RENAME("qresult", "NULL"),
	RENAME("reference", "NULL"),
};

/* Every label a row of the store has, or a name an alias gives. */
static const char label_exists_sql[] =
	"SELECT 1 FROM bench WHERE model = :v "
	"UNION ALL SELECT 1 FROM server_request WHERE model = :v "
	"UNION ALL SELECT 1 FROM qresult WHERE model = :v "
	"UNION ALL SELECT 1 FROM reference WHERE model = :v LIMIT 1";
static const char name_exists_sql[] =
	"SELECT 1 FROM model_alias WHERE name = :v LIMIT 1";
static const char labels_sql[] =
	"SELECT model FROM bench UNION SELECT model FROM server_request "
	"UNION SELECT model FROM qresult UNION SELECT model FROM reference "
	"UNION SELECT name FROM model_alias ORDER BY 1";
static const char file_exists_sql[] =
	"SELECT 1 FROM bench WHERE model_file GLOB :v "
	"UNION ALL SELECT 1 FROM server_request WHERE model_file GLOB :v "
	"LIMIT 1";
static const char files_sql[] =
	"SELECT model_file FROM bench "
	"UNION SELECT model_file FROM server_request ORDER BY 1";
static const char aliased_sql[] =
	"SELECT pattern FROM model_alias WHERE kind = 'label' "
	"UNION SELECT name FROM model_alias ORDER BY 1";
static const char patterns_sql[] =
	"SELECT pattern FROM model_alias WHERE kind = 'file' ORDER BY 1";

/* How many near names an error offers. */
#define N_CLOSEST 3

int hdb_model_name_check(const char *name)
{
	const unsigned char *p;

	if (!name || !*name)
		return hdb_error("model name: expected a non-empty name on one "
				 "line");
	for (p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return hdb_error("model name: expected a non-empty name "
					 "on one line");
	if (!hdb_utf8_valid(name))
		return hdb_error("model name: expected UTF-8 text");
	return 0;
}

void hdb_models_done_release(struct hdb_models_done *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->lines[i]);
	free(d->lines);
	memset(d, 0, sizeof(*d));
}

static void say(struct hdb_models_done *d, const char *fmt, ...)
	HDB_PRINTF(2, 3);
static void say(struct hdb_models_done *d, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	d->lines = xrealloc(d->lines, (d->n + 1) * sizeof(*d->lines));
	d->lines[d->n++] = strbuf_detach(&sb);
}

static int db_error(struct hdb_store *st, const char *what)
{
	return hdb_error("cannot %s in store '%s': %s", what,
			 hdb_store_path(st),
			 sqlite3_errmsg(hdb_store_sqlite(st)));
}

static int prepare(struct hdb_store *st, const char *sql, sqlite3_stmt **s)
{
	if (sqlite3_prepare_v2(hdb_store_sqlite(st), sql, -1, s, NULL) ==
	    SQLITE_OK)
		return 0;
	*s = NULL;
	return db_error(st, "prepare a statement");
}

/* Binds text to the named parameter (absent from the statement: nothing). */
static void bind(sqlite3_stmt *s, const char *param, const char *v)
{
	int i = sqlite3_bind_parameter_index(s, param);

	if (i)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

/* Does sql, with :v bound to v, give a row?  1, 0, or -1. */
static int exists(struct hdb_store *st, const char *sql, const char *v)
{
	sqlite3_stmt *s;
	int rc;

	if (prepare(st, sql, &s))
		return -1;
	bind(s, ":v", v);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : db_error(st, "read");
}

/* A growing list of strings (owned). */
struct list {
	char **v;
	size_t n;
};

static void list_add(struct list *l, const char *s)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = xstrdup(s);
}

static void list_release(struct list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* The first column of every row of sql, NULLs left out. */
static int read_list(struct hdb_store *st, const char *sql, struct list *l)
{
	sqlite3_stmt *s;
	int rc;

	if (prepare(st, sql, &s))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (sqlite3_column_type(s, 0) != SQLITE_NULL)
			list_add(l, (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_error(st, "read");
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Edit distance of a and b, without regard to ASCII case (their first
 * 128 bytes: names are short, and near ones differ early enough). */
static size_t distance(const char *a, const char *b)
{
	size_t la = strnlen(a, 128), lb = strnlen(b, 128), i, j;
	size_t row[129], diag, up;

	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			row[j] = diag + (lower((unsigned char)a[i - 1]) !=
					 lower((unsigned char)b[j - 1]));
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[lb];
}

/*
 * Fails with "what 'want' (near 'a', 'b', 'c')": the N_CLOSEST
 * candidates of sql nearest want, in the order sql gives them among
 * equals; "(none)" when sql gives nothing.  Returns -1.
 */
static int unknown(struct hdb_store *st, const char *sql, const char *want,
		   const char *what, const char *near, const char *none)
{
	struct list l = { NULL, 0 };
	struct strbuf sb = STRBUF_INIT;
	size_t pick[N_CLOSEST], dist[N_CLOSEST], n = 0, i, k, d;

	if (read_list(st, sql, &l))
		return -1;
	for (i = 0; i < l.n; i++) {
		d = distance(want, l.v[i]);
		/* into the sorted few; equals keep their order */
		for (k = n; k > 0 && dist[k - 1] > d; k--)
			if (k < N_CLOSEST) {
				pick[k] = pick[k - 1];
				dist[k] = dist[k - 1];
			}
		if (k < N_CLOSEST) {
			pick[k] = i;
			dist[k] = d;
			if (n < N_CLOSEST)
				n++;
		}
	}
	for (k = 0; k < n; k++)
		strbuf_addf(&sb, "%s'%s'", k ? ", " : near, l.v[pick[k]]);
	hdb_error("%s '%s' (%s)", what, want, n ? strbuf_str(&sb) : none);
	strbuf_release(&sb);
	list_release(&l);
	return -1;
}

static const char *kind_word(const char *kind)
{
	return strcmp(kind, "file") ? "label" : "file pattern";
}

/* The alias of a label or pattern: 1 with its id and name (caller frees),
 * 0 when there is none, -1. */
static int find_alias(struct hdb_store *st, const char *kind,
		      const char *pattern, long long *id, char **name)
{
	sqlite3_stmt *s;
	int rc;

	if (prepare(st, "SELECT id, name FROM model_alias WHERE kind = :kind"
		    " AND pattern = :pattern", &s))
		return -1;
	bind(s, ":kind", kind);
	bind(s, ":pattern", pattern);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		*name = xstrdup((const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : db_error(st, "read the aliases");
}

/* Notes that the alias of a label or pattern changed, for the rewrite. */
static int touch(struct hdb_store *st, const char *kind, const char *pattern)
{
	sqlite3_stmt *s;
	int rc;

	if (prepare(st, "INSERT INTO temp.models_touched (kind, pattern) "
		    "VALUES (:kind, :pattern)", &s))
		return -1;
	bind(s, ":kind", kind);
	bind(s, ":pattern", pattern);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_error(st, "change the aliases");
}

/* Runs an edit of model_alias: sql with :id, :kind, :pattern and :name
 * bound to what it names (the alias of kind and pattern), and notes the
 * change for the rewrite of the names. */
static int edit(struct hdb_store *st, const char *sql, long long id,
		const char *kind, const char *pattern, const char *name)
{
	sqlite3_stmt *s;
	int rc, i;

	if (prepare(st, sql, &s))
		return -1;
	if ((i = sqlite3_bind_parameter_index(s, ":id")))
		sqlite3_bind_int64(s, i, id);
	bind(s, ":kind", kind);
	bind(s, ":pattern", pattern);
	bind(s, ":name", name);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return db_error(st, "change the aliases");
	return touch(st, kind, pattern);
}

/* Gives a label or file pattern the name name (new, or in place of the
 * one it had: a pattern keeps its age, so its precedence). */
static int set_alias(struct hdb_store *st, const char *kind,
		     const char *pattern, const char *name,
		     struct hdb_models_done *d)
{
	long long id;
	char *old = NULL;
	int found = find_alias(st, kind, pattern, &id, &old), ret = -1;

	if (found < 0)
		return -1;
	if (!found) {
		if (edit(st, "INSERT INTO model_alias (kind, pattern, name) "
			 "VALUES (:kind, :pattern, :name)", 0, kind, pattern,
			 name))
			goto out;
		say(d, "%s '%s' named '%s'", kind_word(kind), pattern, name);
	} else if (strcmp(old, name)) {
		if (edit(st, "UPDATE model_alias SET name = :name WHERE id = :id",
			 id, kind, pattern, name))
			goto out;
		say(d, "%s '%s' named '%s' (was '%s')", kind_word(kind),
		    pattern, name, old);
	}
	ret = 0;
out:
	free(old);
	return ret;
}

/* An alias as model_alias keeps it. */
struct alias {
	long long id;
	char *kind, *pattern;
};

static void aliases_free(struct alias *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].kind);
		free(v[i].pattern);
	}
	free(v);
}

/* The aliases that give the name name, oldest first: *v (free with
 * aliases_free) and *n.  Returns 0 or -1. */
static int aliases_named(struct hdb_store *st, const char *name,
			 struct alias **v, size_t *n)
{
	sqlite3_stmt *s;
	int rc;

	*v = NULL;
	*n = 0;
	if (prepare(st, "SELECT id, kind, pattern FROM model_alias WHERE "
		    "name = :name ORDER BY id", &s))
		return -1;
	bind(s, ":name", name);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct alias *x;

		*v = xrealloc(*v, (*n + 1) * sizeof(**v));
		x = &(*v)[(*n)++];
		x->id = sqlite3_column_int64(s, 0);
		x->kind = xstrdup((const char *)sqlite3_column_text(s, 1));
		x->pattern = xstrdup((const char *)sqlite3_column_text(s, 2));
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		aliases_free(*v, *n);
		return db_error(st, "read the aliases");
	}
	return 0;
}

/*
 * Every alias that gives the name from gives to instead (to NULL: the
 * alias goes).  Sets *n to how many there were.  Returns 0 or -1.
 */
static int move_name(struct hdb_store *st, const char *from, const char *to,
		     struct hdb_models_done *d, size_t *n)
{
	struct alias *v;
	size_t i;
	int ret = -1;

	if (aliases_named(st, from, &v, n))
		return -1;
	for (i = 0; i < *n; i++) {
		if (to ? edit(st, "UPDATE model_alias SET name = :name "
			      "WHERE id = :id", v[i].id, v[i].kind,
			      v[i].pattern, to)
		       : edit(st, "DELETE FROM model_alias WHERE id = :id",
			      v[i].id, v[i].kind, v[i].pattern, NULL))
			goto out;
		if (to)
			say(d, "%s '%s' named '%s' (was '%s')",
			    kind_word(v[i].kind), v[i].pattern, to, from);
		else
			say(d, "%s '%s' no longer named '%s'",
			    kind_word(v[i].kind), v[i].pattern, from);
	}
	ret = 0;
out:
	aliases_free(v, *n);
	return ret;
}

/* Labels and patterns as typed: one line of UTF-8 (a pattern not empty). */
static int check_refs(const struct hdb_model_refs *r)
{
	size_t i;

	for (i = 0; i < r->n_labels; i++)
		if (!hdb_utf8_valid(r->labels[i]))
			return hdb_error("model label: expected UTF-8 text");
	for (i = 0; i < r->n_files; i++)
		if (!*r->files[i] || strpbrk(r->files[i], "\n\r") ||
		    !hdb_utf8_valid(r->files[i]))
			return hdb_error("file pattern: expected a non-empty "
					 "GLOB pattern on one line, in UTF-8");
	return 0;
}

/* Names the rows concerned anew, logs the changes and commits. */
static int finish(struct hdb_store *st, const char *action,
		  struct hdb_models_done *d)
{
	sqlite3 *db = hdb_store_sqlite(st);
	size_t i;

	for (i = 0; i < sizeof(rename_sql) / sizeof(rename_sql[0]); i++) {
		if (sqlite3_exec(db, rename_sql[i], NULL, NULL, NULL) !=
		    SQLITE_OK)
			return db_error(st, "rename the rows");
		d->rows += sqlite3_changes(db);
	}
	for (i = 0; i < d->n; i++)
		if (hdb_store_log(st, action, d->lines[i]))
			return -1;
	return hdb_store_commit(st);
}

int hdb_store_models_alias(struct hdb_store *st, const char *name,
			   const struct hdb_model_refs *refs,
			   struct hdb_models_done *done)
{
	size_t i, moved;

	memset(done, 0, sizeof(*done));
	if (hdb_model_name_check(name) || check_refs(refs) ||
	    hdb_store_begin(st))
		return -1;
	if (sqlite3_exec(hdb_store_sqlite(st), touched_sql, NULL, NULL, NULL)) {
		db_error(st, "change the aliases");
		goto fail;
	}
	for (i = 0; i < refs->n_labels; i++) {
		const char *l = refs->labels[i];
		int is_label = exists(st, label_exists_sql, l);
		int is_name = exists(st, name_exists_sql, l);

		if (is_label < 0 || is_name < 0)
			goto fail;
		if (!is_label && !is_name) {
			unknown(st, labels_sql, l, "no model label or alias "
				"name", "closest: ", "the store has no models");
			goto fail;
		}
		if ((is_name && strcmp(l, name) &&
		     move_name(st, l, name, done, &moved)) ||
		    (is_label && set_alias(st, "label", l, name, done)))
			goto fail;
	}
	for (i = 0; i < refs->n_files; i++) {
		const char *f = refs->files[i];
		int m = exists(st, file_exists_sql, f);

		if (m < 0)
			goto fail;
		if (!m) {
			unknown(st, files_sql, f, "no model file matches",
				"closest files: ", "the store has no model "
				"files");
			goto fail;
		}
		if (set_alias(st, "file", f, name, done))
			goto fail;
	}
	if (finish(st, "models alias", done))
		goto fail;
	return 0;
fail:
	hdb_store_rollback(st);
	hdb_models_done_release(done);
	return -1;
}

int hdb_store_models_unalias(struct hdb_store *st,
			     const struct hdb_model_refs *refs,
			     struct hdb_models_done *done)
{
	long long id;
	char *old;
	size_t i, moved;
	int found;

	memset(done, 0, sizeof(*done));
	if (check_refs(refs) || hdb_store_begin(st))
		return -1;
	if (sqlite3_exec(hdb_store_sqlite(st), touched_sql, NULL, NULL, NULL)) {
		db_error(st, "change the aliases");
		goto fail;
	}
	for (i = 0; i < refs->n_labels + refs->n_files; i++) {
		int file = i >= refs->n_labels;
		const char *p = file ? refs->files[i - refs->n_labels]
			       : refs->labels[i];

		old = NULL;
		if ((found = find_alias(st, file ? "file" : "label", p, &id,
					&old)) < 0)
			goto fail;
		if (found && edit(st, "DELETE FROM model_alias WHERE id = :id",
				  id, file ? "file" : "label", p, NULL)) {
			free(old);
			goto fail;
		}
		if (found)
			say(done, "%s '%s' no longer named '%s'",
			    file ? "file pattern" : "label", p, old);
		free(old);
		moved = 0;
		if (!file && move_name(st, p, NULL, done, &moved))
			goto fail;
		if (found || moved)
			continue;
		if (file)
			unknown(st, patterns_sql, p, "no alias of file pattern",
				"closest: ", "there are no file patterns");
		else
			unknown(st, aliased_sql, p, "no alias of label or name",
				"closest: ", "there are no aliases");
		goto fail;
	}
	if (finish(st, "models unalias", done))
		goto fail;
	return 0;
fail:
	hdb_store_rollback(st);
	hdb_models_done_release(done);
	return -1;
}
