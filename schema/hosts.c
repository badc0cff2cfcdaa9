/*
 * hosts.c: the hosts as the user names them, after ingest.  A host can be
 * renamed (its keys stay, so the machine's later files find the new
 * name), merged into another (its rows, keys and facts move; rows that
 * turn out to be one measurement are folded into one) and given facts
 * that no result file carries (memory, TDP, price, notes).
 *
 * Flow: halodb.c (hosts rename|merge|set) -> here -> host, host_key,
 * host_fact and the rows' host_id; every change is written to
 * curation_log.  Each function is part of the caller's transaction.
 */
#include "store.h"
#include "../util.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* The most host names an error lists. */
#define HOSTS_LISTED 30

static int sql_error(struct hdb_store *st, const char *what)
{
	return hdb_error("cannot %s in store '%s': %s", what,
			 hdb_store_path(st),
			 sqlite3_errmsg(hdb_store_sqlite(st)));
}

static sqlite3_stmt *prepare(struct hdb_store *st, const char *sql,
			     const char *what)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(hdb_store_sqlite(st), sql, -1, &s, NULL) !=
	    SQLITE_OK) {
		sql_error(st, what);
		return NULL;
	}
	return s;
}

/* Binds :name where the statement has it. */
static void bind_id(sqlite3_stmt *s, const char *name, long long v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i)
		sqlite3_bind_int64(s, i, v);
}

static void bind_str(sqlite3_stmt *s, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

/* Runs a statement of :from and :into that returns nothing; *changes
 * (may be NULL) is the rows it changed.  0 or -1. */
static int run(struct hdb_store *st, const char *sql, long long from,
	       long long into, long long *changes, const char *what)
{
	sqlite3_stmt *s = prepare(st, sql, what);
	int rc;

	if (!s)
		return -1;
	bind_id(s, ":from", from);
	bind_id(s, ":into", into);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return sql_error(st, what);
	if (changes)
		*changes = sqlite3_changes(hdb_store_sqlite(st));
	return 0;
}

/*
 * Finds the host called name: 1 and its id (and whether it is the
 * unknown host) when there is one, 0 when not, -1 on error.
 */
static int lookup(struct hdb_store *st, const char *name, long long *id,
		  int *unknown)
{
	sqlite3_stmt *s = prepare(st, "SELECT id, named_by = 'unknown' FROM "
				  "host WHERE name = :name", "find a host");
	int rc;

	if (!s)
		return -1;
	bind_str(s, ":name", name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		if (unknown)
			*unknown = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : sql_error(st, "find a host");
}

/* Like lookup, but no such host is an error that names the hosts there
 * are: "hosts merge: no host 'x' in the store (hosts: a30, epyc)". */
static int find_host(struct hdb_store *st, const char *ctx, const char *name,
		     long long *id, int *unknown)
{
	struct strbuf have = STRBUF_INIT;
	sqlite3_stmt *s;
	int rc = lookup(st, name, id, unknown), n = 0;

	if (rc)
		return rc < 0 ? -1 : 0;
	s = prepare(st, "SELECT name FROM host ORDER BY name", "list hosts");
	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n++ == HOSTS_LISTED) {
			strbuf_addstr(&have, ", ...");
			break;
		}
		strbuf_addf(&have, "%s%s", n > 1 ? ", " : "",
			    (const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		strbuf_release(&have);
		return sql_error(st, "list hosts");
	}
	hdb_error("%s: no host '%s' in the store (hosts: %s)", ctx, name,
		  n ? strbuf_str(&have) : "none");
	strbuf_release(&have);
	return -1;
}

/* Is s one line of printable UTF-8 (no control characters)? */
static int one_line(const char *s)
{
	const unsigned char *p;

	if (!hdb_utf8_valid(s))
		return 0;
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

int hdb_store_check_host_name(const char *ctx, const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (!n)
		return hdb_error("%s: expected a non-empty host name", ctx);
	if (!one_line(name))
		return hdb_error("%s: expected a host name on one line of "
				 "UTF-8 text", ctx);
	if (name[0] == ' ' || name[n - 1] == ' ')
		return hdb_error("%s: expected a host name without blanks at "
				 "either end, got '%s'", ctx, name);
	if (strpbrk(name, ",="))
		return hdb_error("%s: expected a host name without ',' or '=' "
				 "(selectors and --hosts A,B could not name "
				 "it), got '%s'", ctx, name);
	if (!strcmp(name, HDB_UNKNOWN_HOST))
		return hdb_error("%s: '%s' is reserved for results that name "
				 "no machine", ctx, name);
	return 0;
}

int hdb_store_check_host_fact(const char *ctx, const char *key,
			      const char *value)
{
	const char *p = key;

	if (!(*p >= 'a' && *p <= 'z'))
		p = NULL;
	for (; p && *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '_' || *p == '-'))
			p = NULL;
	if (!p)
		return hdb_error("%s: '%s': expected a key of a-z, 0-9, '_' "
				 "and '-' that starts with a letter (memory, "
				 "tdp, price, notes)", ctx, key);
	if (!one_line(value))
		return hdb_error("%s: %s: expected a value on one line of "
				 "UTF-8 text", ctx, key);
	return 0;
}

int hdb_store_rename_host(struct hdb_store *st, const char *old,
			  const char *new_name)
{
	static const char ctx[] = "hosts rename";
	sqlite3_stmt *s;
	long long id, other;
	char *what;
	int unknown, rc;

	if (hdb_store_check_host_name(ctx, new_name) ||
	    find_host(st, ctx, old, &id, &unknown))
		return -1;
	if (unknown)
		return hdb_error("%s: '%s' holds the results that name no "
				 "machine and cannot be renamed: merge it into "
				 "a host instead (halodb hosts merge %s HOST)",
				 ctx, old, old);
	if (!strcmp(old, new_name))
		return hdb_error("%s: the host is called '%s' already", ctx,
				 old);
	rc = lookup(st, new_name, &other, NULL);
	if (rc < 0)
		return -1;
	if (rc)
		return hdb_error("%s: host '%s' exists already: to move the "
				 "rows of '%s' to it, merge them (halodb "
				 "hosts merge '%s' '%s')", ctx, new_name, old,
				 old, new_name);
	s = prepare(st, "UPDATE host SET name = :name, named_by = 'option' "
		    "WHERE id = :host", "rename a host");
	if (!s)
		return -1;
	bind_str(s, ":name", new_name);
	bind_id(s, ":host", id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return sql_error(st, "rename a host");
	what = xasprintf("host '%s' renamed to '%s'", old, new_name);
	rc = hdb_store_log(st, "hosts rename", what);
	free(what);
	return rc;
}

/* Notes a fact of from that into has with another value. */
static int fact_conflicts(struct hdb_store *st, long long from,
			  long long into, struct hdb_host_merge *m)
{
	sqlite3_stmt *s = prepare(st,
		"SELECT f.key, i.value, f.value FROM host_fact f "
		"JOIN host_fact i ON i.host_id = :into AND i.key = f.key "
		"WHERE f.host_id = :from AND f.value <> i.value ORDER BY f.key",
		"compare the facts of two hosts");
	int rc;

	if (!s)
		return -1;
	bind_id(s, ":from", from);
	bind_id(s, ":into", into);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct hdb_fact_conflict *c;

		m->conflicts = xrealloc(m->conflicts, (m->n_conflicts + 1) *
					sizeof(*m->conflicts));
		c = &m->conflicts[m->n_conflicts++];
		c->key = xstrdup((const char *)sqlite3_column_text(s, 0));
		c->kept = xstrdup((const char *)sqlite3_column_text(s, 1));
		c->dropped = xstrdup((const char *)sqlite3_column_text(s, 2));
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0
		: sql_error(st, "compare the facts of two hosts");
}

char *hdb_host_merge_words(const char *from, const char *into,
			   const struct hdb_host_merge *m)
{
	const struct {
		long long n;
		const char *one, *many;
	} parts[] = {
		{ m->bench, "throughput row", "throughput rows" },
		{ m->server, "server request", "server requests" },
		{ m->quality, "quality row", "quality rows" },
		{ m->keys, "key", "keys" },
		{ m->facts, "fact", "facts" },
	};
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = 0;

	strbuf_addf(&sb, "host '%s' merged into '%s': ", from, into);
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (parts[i].n)
			strbuf_addf(&sb, "%s%lld %s", n++ ? ", " : "",
				    parts[i].n, parts[i].n == 1 ? parts[i].one
				    : parts[i].many);
	if (!n)
		strbuf_addstr(&sb, "nothing to move");
	if (m->folded)
		strbuf_addf(&sb, "; %lld %s the same measurement as a row of "
			    "'%s' and folded into it", m->folded,
			    m->folded == 1 ? "was" : "were", into);
	return strbuf_detach(&sb);
}

int hdb_store_merge_host(struct hdb_store *st, const char *from,
			 const char *into, struct hdb_host_merge *m)
{
	static const char ctx[] = "hosts merge";
	long long from_id, into_id;
	long folded;
	int into_unknown, rc;
	struct strbuf sb = STRBUF_INIT;
	char *words;
	size_t i;

	memset(m, 0, sizeof(*m));
	if (find_host(st, ctx, from, &from_id, NULL) ||
	    find_host(st, ctx, into, &into_id, &into_unknown))
		return -1;
	if (from_id == into_id)
		return hdb_error("%s: '%s' would be merged into itself", ctx,
				 from);
	if (into_unknown)
		return hdb_error("%s: '%s' holds the results that name no "
				 "machine: merge it into a host, not a host "
				 "into it", ctx, into);
	if (run(st, "UPDATE bench SET host_id = :into WHERE host_id = :from",
		from_id, into_id, &m->bench, "move throughput rows") ||
	    run(st, "UPDATE server_request SET host_id = :into "
		"WHERE host_id = :from", from_id, into_id, &m->server,
		"move server requests") ||
	    run(st, "UPDATE qresult SET host_id = :into WHERE host_id = :from",
		from_id, into_id, &m->quality, "move quality rows") ||
	    run(st, "UPDATE host_key SET host_id = :into WHERE host_id = :from",
		from_id, into_id, &m->keys, "move host keys") ||
	    fact_conflicts(st, from_id, into_id, m) ||
	    run(st, "INSERT INTO host_fact (host_id, key, value) "
		"SELECT :into, key, value FROM host_fact f WHERE "
		"f.host_id = :from AND NOT EXISTS (SELECT 1 FROM host_fact i "
		"WHERE i.host_id = :into AND i.key = f.key)", from_id, into_id,
		&m->facts, "move host facts") ||
	    run(st, "DELETE FROM host_fact WHERE host_id = :from", from_id,
		into_id, NULL, "move host facts") ||
	    /* the first cpu_info and gpu_info seen, where into has none */
	    run(st, "UPDATE host SET (cpu_info, gpu_info) = (SELECT cpu_info, "
		"gpu_info FROM host WHERE id = :from) WHERE id = :into AND "
		"cpu_info IS NULL AND gpu_info IS NULL", from_id, into_id, NULL,
		"move what identified a host") ||
	    run(st, "DELETE FROM host WHERE id = :from", from_id, into_id,
		NULL, "delete a merged host"))
		return -1;
	/* the unknown host is made again when a file needs it */
	hdb_store_host_deleted(st, from_id);
	/* the same run printed as JSON under one host and as markdown
	 * under the other is one measurement */
	if (hdb_store_refold(st, into_id, &folded))
		return -1;
	m->folded = folded;
	words = hdb_host_merge_words(from, into, m);
	strbuf_addstr(&sb, words);
	free(words);
	for (i = 0; i < m->n_conflicts; i++)
		strbuf_addf(&sb, "; '%s' kept %s '%s' ('%s' had '%s')", into,
			    m->conflicts[i].key, m->conflicts[i].kept, from,
			    m->conflicts[i].dropped);
	rc = hdb_store_log(st, "hosts merge", strbuf_str(&sb));
	strbuf_release(&sb);
	return rc;
}

void hdb_host_merge_release(struct hdb_host_merge *m)
{
	size_t i;

	for (i = 0; i < m->n_conflicts; i++) {
		free(m->conflicts[i].key);
		free(m->conflicts[i].kept);
		free(m->conflicts[i].dropped);
	}
	free(m->conflicts);
	m->conflicts = NULL;
	m->n_conflicts = 0;
}

/* The value of a fact of a host: 1 and *value (caller frees), 0 when the
 * host has no such fact, -1 on error. */
static int fact_of(struct hdb_store *st, long long host, const char *key,
		   char **value)
{
	sqlite3_stmt *s = prepare(st, "SELECT value FROM host_fact WHERE "
				  "host_id = :host AND key = :key",
				  "read a host fact");
	int rc;

	if (!s)
		return -1;
	bind_id(s, ":host", host);
	bind_str(s, ":key", key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*value = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : sql_error(st, "read a host fact");
}

/* Sets (value non-empty) or removes one fact and logs it. */
static int write_fact(struct hdb_store *st, const char *name, long long host,
		      const struct hdb_host_fact *f)
{
	sqlite3_stmt *s;
	char *what;
	int rc;

	if (*f->value)
		s = prepare(st, "INSERT OR REPLACE INTO host_fact (host_id, "
			    "key, value) VALUES (:host, :key, :value)",
			    "set a host fact");
	else
		s = prepare(st, "DELETE FROM host_fact WHERE host_id = :host "
			    "AND key = :key", "remove a host fact");
	if (!s)
		return -1;
	bind_id(s, ":host", host);
	bind_str(s, ":key", f->key);
	bind_str(s, ":value", f->value);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return sql_error(st, "set a host fact");
	if (!*f->value)
		what = xasprintf("host '%s': %s removed (was '%s')", name,
				 f->key, f->was);
	else if (f->was)
		what = xasprintf("host '%s': %s set to '%s' (was '%s')", name,
				 f->key, f->value, f->was);
	else
		what = xasprintf("host '%s': %s set to '%s'", name, f->key,
				 f->value);
	rc = hdb_store_log(st, "hosts set", what);
	free(what);
	return rc;
}

int hdb_store_set_host_facts(struct hdb_store *st, const char *name,
			     struct hdb_host_fact *facts, size_t n)
{
	static const char ctx[] = "hosts set";
	long long id;
	size_t i, j;
	int unknown;

	for (i = 0; i < n; i++) {
		facts[i].was = NULL;
		if (hdb_store_check_host_fact(ctx, facts[i].key,
					      facts[i].value))
			return -1;
		for (j = 0; j < i; j++)
			if (!strcmp(facts[i].key, facts[j].key))
				return hdb_error("%s: %s is given twice", ctx,
						 facts[i].key);
	}
	if (find_host(st, ctx, name, &id, &unknown))
		return -1;
	if (unknown)
		return hdb_error("%s: '%s' holds the results that name no "
				 "machine and has no facts: merge it into a "
				 "host first (halodb hosts merge %s HOST)", ctx,
				 name, name);
	for (i = 0; i < n; i++) {
		struct hdb_host_fact *f = &facts[i];

		if (fact_of(st, id, f->key, &f->was) < 0)
			return -1;
		/* nothing to remove, or the value it has already */
		if (!*f->value ? !f->was : f->was && !strcmp(f->was, f->value))
			continue;
		if (write_fact(st, name, id, f))
			return -1;
	}
	return 0;
}

void hdb_host_facts_release(struct hdb_host_fact *facts, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(facts[i].was);
		facts[i].was = NULL;
	}
}
