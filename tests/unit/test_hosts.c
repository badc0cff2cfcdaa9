/*
 * Unit tests: hosts after ingest (schema/hosts.c): rename, merge, facts,
 * on fixture stores whose hosts, keys and rows are known from how they
 * were built; every failing call must leave the store as it was.
 */
#include "harness.h"
#include "qfixture.h"
#include "../../schema/store.h"
#include "../../util.h"

#include <sqlite3.h>

static long long one_int(struct hdb_store *st, const char *sql)
{
	sqlite3_stmt *s;
	long long v = -1;

	if (sqlite3_prepare_v2(hdb_store_sqlite(st), sql, -1, &s, NULL) !=
	    SQLITE_OK) {
		T_FAIL("%s: %s", sql, sqlite3_errmsg(hdb_store_sqlite(st)));
		return -1;
	}
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* The first column of every row, joined by '|' (caller frees). */
static char *all_text(struct hdb_store *st, const char *sql)
{
	struct strbuf sb = STRBUF_INIT;
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(hdb_store_sqlite(st), sql, -1, &s, NULL) !=
	    SQLITE_OK) {
		T_FAIL("%s: %s", sql, sqlite3_errmsg(hdb_store_sqlite(st)));
		return xstrdup("");
	}
	while (sqlite3_step(s) == SQLITE_ROW)
		strbuf_addf(&sb, "%s%s", sb.len ? "|" : "",
			    sqlite3_column_type(s, 0) == SQLITE_NULL ? "NULL"
			    : (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return strbuf_detach(&sb);
}

#define CHECK_TEXT(st, sql, want) do { \
	char *got_ = all_text(st, sql); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

/* A finished tg128 (or pp512) result of model m at depth 0. */
static struct hdb_bench_record bench(const char *model, const char *test,
				     double ts)
{
	struct hdb_bench_record r;

	memset(&r, 0, sizeof(r));
	r.line = 1;
	r.model = model;
	r.quant = "Q4_K_M";
	r.test = test;
	r.n_prompt = test[0] == 'p' ? 512 : 0;
	r.n_gen = test[0] == 't' ? 128 : 0;
	r.n_depth = 0;
	r.type_k = r.type_v = "f16";
	r.status = "ok";
	r.backend = "CUDA";
	r.build_number = 9064;
	r.build_commit = "d32676d";
	r.flash_attn = 1;
	r.n_gpu_layers = 99;
	r.model_size = r.model_n_params = HDB_UNSET;
	r.n_batch = r.n_ubatch = r.n_threads = HDB_UNSET;
	r.avg_ns = r.stddev_ns = HDB_UNSET;
	r.avg_ts = ts;
	r.stddev_ts = NAN;
	r.precision = 2;
	r.n_reps = HDB_UNSET;
	return r;
}

/* Writes r from a new source file on the host of key (derived, called
 * label) or, key NULL, of name (or the unknown host, name NULL too). */
static long long put(struct hdb_store *st, const char *name, const char *key,
		     const char *label, const struct hdb_bench_record *r)
{
	static int n;
	long long src, h;
	char sha[32];
	int dup;

	snprintf(sha, sizeof(sha), "hosts-%d", n++);
	if (hdb_store_begin(st) ||
	    hdb_store_add_source(st, "f.json", sha, 1, "llama-bench-json",
				 &src) ||
	    (name || key ? hdb_store_host(st, name, key, label, NULL, "Xeon",
					  "NVIDIA A30", &h)
	     : hdb_store_unknown_host(st, &h)) ||
	    hdb_store_add_bench(st, src, h, r, &dup) || hdb_store_commit(st)) {
		fprintf(stderr, "put: %s\n", hdb_errmsg());
		exit(2);
	}
	return h;
}

/* Sets facts key=value on a host, as `hosts set` does; 0 or -1. */
static int set_facts(struct hdb_store *st, const char *host,
		     struct hdb_host_fact *f, size_t n)
{
	int rc;

	CHECK_INT(hdb_store_begin(st), 0);
	rc = hdb_store_set_host_facts(st, host, f, n);
	if (rc)
		hdb_store_rollback(st);
	else
		CHECK_INT(hdb_store_commit(st), 0);
	return rc;
}

/*
 * The fixture: 'xeon-a30' derived from key K1 (two rows), 'lab' named by
 * --host (one row, the same model's pp512), and the unknown host (one
 * row, from a markdown file).
 */
static struct hdb_store *fixture(const char *name)
{
	struct hdb_store *st = fresh(name);
	struct hdb_bench_record r;

	r = bench("m 1B", "tg128", 100);
	put(st, NULL, "cpu=Xeon;gpu=A30", "xeon-a30", &r);
	r = bench("m 1B", "pp512", 2000);
	put(st, NULL, "cpu=Xeon;gpu=A30", "xeon-a30", &r);
	r = bench("m 1B", "pp512", 1500);
	put(st, "lab", NULL, NULL, &r);
	r = bench("m 2B", "tg128", 50);
	put(st, NULL, NULL, NULL, &r);
	hdb_store_set_command(st, "halodb hosts test");
	return st;
}

static void rename_keeps_the_keys_and_is_logged(void)
{
	struct hdb_store *st = fixture("rename.db");
	struct hdb_bench_record r = bench("m 3B", "tg128", 80);
	long long id = one_int(st, "SELECT id FROM host WHERE name = 'xeon-a30'");

	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_rename_host(st, "xeon-a30", "a30 in the lab"), 0);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_TEXT(st, "SELECT name || ':' || named_by FROM host ORDER BY id",
		   "a30 in the lab:option|lab:option|unknown:unknown");
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput WHERE "
			  "host = 'a30 in the lab'"), 2);
	/* a later file of the machine finds the new name by its key */
	CHECK_INT(put(st, NULL, "cpu=Xeon;gpu=A30", "xeon-a30", &r), id);
	CHECK_INT(one_int(st, "SELECT count(*) FROM host"), 3);
	CHECK_TEXT(st, "SELECT action || ': ' || what || ' (' || command || ')' "
		   "FROM curation_log",
		   "hosts rename: host 'xeon-a30' renamed to 'a30 in the lab' "
		   "(halodb hosts test)");
	hdb_store_close(st);
}

/* Each refusal says why, and changes nothing. */
static void rename_refuses_bad_taken_and_unknown_names(void)
{
	static const struct {
		const char *old, *new_name, *msg;
	} cases[] = {
		{ "lab", "", "hosts rename: expected a non-empty host name" },
		{ "lab", "a\nb", "hosts rename: expected a host name on one "
		  "line of UTF-8 text" },
		{ "lab", "a\tb", "hosts rename: expected a host name on one "
		  "line of UTF-8 text" },
		{ "lab", "caf\xe9", "hosts rename: expected a host name on one "
		  "line of UTF-8 text" },
		{ "lab", " lab2", "hosts rename: expected a host name without "
		  "blanks at either end, got ' lab2'" },
		{ "lab", "a,b", "hosts rename: expected a host name without "
		  "',' or '=' (selectors and --hosts A,B could not name it), "
		  "got 'a,b'" },
		{ "lab", "host=x", "hosts rename: expected a host name without "
		  "',' or '=' (selectors and --hosts A,B could not name it), "
		  "got 'host=x'" },
		{ "lab", "unknown", "hosts rename: 'unknown' is reserved for "
		  "results that name no machine" },
		{ "nope", "x", "hosts rename: no host 'nope' in the store "
		  "(hosts: lab, unknown, xeon-a30)" },
		{ "lab", "xeon-a30", "hosts rename: host 'xeon-a30' exists "
		  "already: to move the rows of 'lab' to it, merge them "
		  "(halodb hosts merge 'lab' 'xeon-a30')" },
		{ "lab", "lab", "hosts rename: the host is called 'lab' "
		  "already" },
		{ "unknown", "x", "hosts rename: 'unknown' holds the results "
		  "that name no machine and cannot be renamed: merge it into a "
		  "host instead (halodb hosts merge unknown HOST)" },
	};
	struct hdb_store *st = fixture("rename-bad.db");
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_INT(hdb_store_begin(st), 0);
		CHECK_INT(hdb_store_rename_host(st, cases[i].old,
						cases[i].new_name), -1);
		CHECK_STR(hdb_errmsg(), cases[i].msg);
		hdb_store_rollback(st);
	}
	CHECK_TEXT(st, "SELECT name FROM host ORDER BY id",
		   "xeon-a30|lab|unknown");
	CHECK_INT(one_int(st, "SELECT count(*) FROM curation_log"), 0);
	hdb_store_close(st);
}

static void merge_moves_rows_keys_and_facts(void)
{
	struct hdb_store *st = fixture("merge.db");
	struct hdb_host_fact a[] = { { "memory", "24GB", NULL },
				     { "price", "4500USD", NULL } };
	struct hdb_host_fact b[] = { { "memory", "32GB", NULL },
				     { "tdp", "165W", NULL } };
	struct hdb_bench_record r = bench("m 3B", "tg128", 80);
	struct hdb_host_merge m;
	long long lab = one_int(st, "SELECT id FROM host WHERE name = 'lab'");
	char *words;

	CHECK_INT(set_facts(st, "xeon-a30", a, 2), 0);
	CHECK_INT(set_facts(st, "lab", b, 2), 0);
	hdb_host_facts_release(a, 2);
	hdb_host_facts_release(b, 2);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_merge_host(st, "xeon-a30", "lab", &m), 0);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(m.bench, 2);
	CHECK_INT(m.server, 0);
	CHECK_INT(m.quality, 0);
	CHECK_INT(m.keys, 1);
	CHECK_INT(m.facts, 1);
	CHECK_INT(m.folded, 0);
	CHECK_INT(m.n_conflicts, 1);
	if (m.n_conflicts == 1) {
		CHECK_STR(m.conflicts[0].key, "memory");
		CHECK_STR(m.conflicts[0].kept, "32GB");
		CHECK_STR(m.conflicts[0].dropped, "24GB");
	}
	words = hdb_host_merge_words("xeon-a30", "lab", &m);
	CHECK_STR(words, "host 'xeon-a30' merged into 'lab': 2 throughput "
		  "rows, 1 key, 1 fact");
	free(words);
	hdb_host_merge_release(&m);
	CHECK_TEXT(st, "SELECT name FROM host ORDER BY id", "lab|unknown");
	CHECK_TEXT(st, "SELECT host || ' ' || test || ' ' || avg_ts FROM "
		   "throughput WHERE model = 'm 1B' ORDER BY id",
		   "lab tg128 100.0|lab pp512 2000.0|lab pp512 1500.0");
	/* into's own facts win; from's fill the gaps */
	CHECK_TEXT(st, "SELECT key || '=' || value FROM host_fact ORDER BY key",
		   "memory=32GB|price=4500USD|tdp=165W");
	/* what identified the machine goes along */
	CHECK_TEXT(st, "SELECT cpu_info || '+' || gpu_info FROM host "
		   "WHERE name = 'lab'", "Xeon+NVIDIA A30");
	CHECK_INT(one_int(st, "SELECT count(*) FROM host_key WHERE host_id = "
			  "(SELECT id FROM host WHERE name = 'lab')"), 1);
	/* later files of from's machine go to into */
	CHECK_INT(put(st, NULL, "cpu=Xeon;gpu=A30", "xeon-a30", &r), lab);
	CHECK_INT(one_int(st, "SELECT count(*) FROM host"), 2);
	CHECK_TEXT(st, "SELECT what FROM curation_log WHERE action = "
		   "'hosts merge'", "host 'xeon-a30' merged into 'lab': 2 "
		   "throughput rows, 1 key, 1 fact; 'lab' kept memory '32GB' "
		   "('xeon-a30' had '24GB')");
	hdb_store_close(st);
}

/*
 * The unknown host may be merged into a host: its rows move and it is
 * deleted; the store makes it again, in the same process and even in the
 * same transaction, when a file names no machine.
 */
static void merge_of_the_unknown_host(void)
{
	struct hdb_store *st = fixture("merge-unknown.db");
	struct hdb_bench_record r = bench("m 4B", "tg128", 40);
	struct hdb_host_merge m;
	long long id, src;
	int dup;

	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_merge_host(st, "unknown", "lab", &m), 0);
	CHECK_INT(m.bench, 1);
	hdb_host_merge_release(&m);
	CHECK_INT(one_int(st, "SELECT count(*) FROM host WHERE named_by = "
			  "'unknown'"), 0);
	CHECK_INT(hdb_store_add_source(st, "x.md", "hosts-unknown", 1,
				       "llama-bench-md", &src), 0);
	CHECK_INT(hdb_store_unknown_host(st, &id), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM host WHERE named_by = "
			  "'unknown' AND name = 'unknown'"), 1);
	CHECK_INT(hdb_store_add_bench(st, src, id, &r, &dup), 0);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_TEXT(st, "SELECT host || ' ' || model FROM throughput WHERE "
		   "model IN ('m 2B', 'm 4B') ORDER BY id",
		   "lab m 2B|unknown m 4B");
	/* and the next transaction finds the new one */
	r = bench("m 5B", "tg128", 30);
	CHECK_INT(put(st, NULL, NULL, NULL, &r), id);
	hdb_store_close(st);
}

static void merge_refusals_change_nothing(void)
{
	static const struct {
		const char *from, *into, *msg;
	} cases[] = {
		{ "nope", "lab", "hosts merge: no host 'nope' in the store "
		  "(hosts: lab, unknown, xeon-a30)" },
		{ "lab", "nope", "hosts merge: no host 'nope' in the store "
		  "(hosts: lab, unknown, xeon-a30)" },
		{ "lab", "lab", "hosts merge: 'lab' would be merged into "
		  "itself" },
		{ "lab", "unknown", "hosts merge: 'unknown' holds the results "
		  "that name no machine: merge it into a host, not a host into "
		  "it" },
	};
	struct hdb_store *st = fixture("merge-bad.db");
	struct hdb_host_merge m;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_INT(hdb_store_begin(st), 0);
		CHECK_INT(hdb_store_merge_host(st, cases[i].from, cases[i].into,
					       &m), -1);
		CHECK_STR(hdb_errmsg(), cases[i].msg);
		hdb_host_merge_release(&m);
		hdb_store_rollback(st);
	}
	CHECK_TEXT(st, "SELECT host || ' ' || count(*) FROM throughput "
		   "GROUP BY host ORDER BY host", "lab 1|unknown 1|xeon-a30 2");
	CHECK_INT(one_int(st, "SELECT count(*) FROM host_key"), 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM curation_log"), 0);
	hdb_store_close(st);
}

/* The same measurement under two hosts (the run printed as JSON under
 * one, as markdown under the other) is one row once they are merged. */
static void merge_folds_the_same_measurement_into_one_row(void)
{
	struct hdb_store *st = fresh("merge-fold.db");
	struct hdb_bench_record r = bench("m 1B", "tg128", 100.25);
	struct hdb_host_merge m;

	r.test_time = "2026-01-01T00:00:00Z";
	put(st, NULL, "cpu=Xeon;gpu=A30", "xeon-a30", &r);
	r.avg_ts = 100.3;
	r.precision = 1;
	r.test_time = NULL;
	put(st, "a30", NULL, NULL, &r);
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput"), 2);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_merge_host(st, "xeon-a30", "a30", &m), 0);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(m.bench, 1);
	CHECK_INT(m.folded, 1);
	hdb_host_merge_release(&m);
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput"), 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput WHERE "
			  "host = 'a30' AND avg_ts = 100.25"), 1);
	hdb_store_close(st);
}

static void facts_are_set_changed_and_removed(void)
{
	struct hdb_store *st = fixture("facts.db");
	struct hdb_host_fact f1[] = { { "memory", "24GB", NULL },
				      { "notes", "rented by the hour", NULL } };
	struct hdb_host_fact f2[] = { { "memory", "32GB", NULL },
				      { "notes", "rented by the hour", NULL },
				      { "price", "", NULL } };
	struct hdb_host_fact f3[] = { { "notes", "", NULL } };

	CHECK_INT(set_facts(st, "lab", f1, 2), 0);
	CHECK(f1[0].was == NULL && f1[1].was == NULL);
	hdb_host_facts_release(f1, 2);
	CHECK_INT(set_facts(st, "lab", f2, 3), 0);
	CHECK_STR(f2[0].was, "24GB");
	CHECK_STR(f2[1].was, "rented by the hour");
	CHECK(f2[2].was == NULL);
	hdb_host_facts_release(f2, 3);
	CHECK_TEXT(st, "SELECT key || '=' || value FROM host_fact ORDER BY key",
		   "memory=32GB|notes=rented by the hour");
	CHECK_INT(set_facts(st, "lab", f3, 1), 0);
	CHECK_STR(f3[0].was, "rented by the hour");
	hdb_host_facts_release(f3, 1);
	CHECK_TEXT(st, "SELECT key || '=' || value FROM host_fact",
		   "memory=32GB");
	/* a value it had already, and removing what is not there, are not
	 * changes */
	CHECK_TEXT(st, "SELECT what FROM curation_log ORDER BY id",
		   "host 'lab': memory set to '24GB'|"
		   "host 'lab': notes set to 'rented by the hour'|"
		   "host 'lab': memory set to '32GB' (was '24GB')|"
		   "host 'lab': notes removed (was 'rented by the hour')");
	CHECK_TEXT(st, "SELECT DISTINCT action FROM curation_log", "hosts set");
	hdb_store_close(st);
}

static void facts_refusals_change_nothing(void)
{
	static const struct {
		const char *host, *key, *value, *msg;
	} cases[] = {
		{ "lab", "Memory", "1", "hosts set: 'Memory': expected a key of "
		  "a-z, 0-9, '_' and '-' that starts with a letter (memory, "
		  "tdp, price, notes)" },
		{ "lab", "", "1", "hosts set: '': expected a key of a-z, 0-9, "
		  "'_' and '-' that starts with a letter (memory, tdp, price, "
		  "notes)" },
		{ "lab", "1gpu", "1", "hosts set: '1gpu': expected a key of "
		  "a-z, 0-9, '_' and '-' that starts with a letter (memory, "
		  "tdp, price, notes)" },
		{ "lab", "notes", "a\nb", "hosts set: notes: expected a value on "
		  "one line of UTF-8 text" },
		{ "lab", "notes", "\xff", "hosts set: notes: expected a value "
		  "on one line of UTF-8 text" },
		{ "nope", "tdp", "1W", "hosts set: no host 'nope' in the store "
		  "(hosts: lab, unknown, xeon-a30)" },
		{ "unknown", "tdp", "1W", "hosts set: 'unknown' holds the "
		  "results that name no machine and has no facts: merge it "
		  "into a host first (halodb hosts merge unknown HOST)" },
	};
	struct hdb_store *st = fixture("facts-bad.db");
	struct hdb_host_fact twice[] = { { "tdp", "1W", NULL },
					 { "tdp", "2W", NULL } };
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hdb_host_fact f[] = { { "memory", "8GB", NULL },
					     { cases[i].key, cases[i].value,
					       NULL } };

		CHECK_INT(set_facts(st, cases[i].host, f, 2), -1);
		CHECK_STR(hdb_errmsg(), cases[i].msg);
		hdb_host_facts_release(f, 2);
	}
	CHECK_INT(set_facts(st, "lab", twice, 2), -1);
	CHECK_STR(hdb_errmsg(), "hosts set: tdp is given twice");
	hdb_host_facts_release(twice, 2);
	CHECK_INT(one_int(st, "SELECT count(*) FROM host_fact"), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM curation_log"), 0);
	hdb_store_close(st);
}

/* The facts as `halodb hosts` lists them: quoted where they would run
 * together. */
static void hosts_list_their_facts(void)
{
	struct hdb_store *st = fixture("facts-list.db");
	struct hdb_host_fact f[] = { { "tdp", "165W", NULL },
				     { "notes", "a, \"b\"", NULL },
				     { "memory", "24GB", NULL } };
	struct hdb_table t;

	CHECK_INT(set_facts(st, "lab", f, 3), 0);
	hdb_host_facts_release(f, 3);
	CHECK_INT(hdb_query_hosts(hdb_store_sqlite(st), &t), 0);
	CHECK_INT(t.n_rows, 3);
	CHECK_STR(text(&t, 0, "host"), "lab");
	CHECK_STR(text(&t, 0, "facts"),
		  "memory=24GB, notes=\"a, \\\"b\\\"\", tdp=165W");
	CHECK(is_null(&t, 1, "facts"));
	hdb_table_release(&t);
	hdb_store_close(st);
}

int main(void)
{
	RUN(rename_keeps_the_keys_and_is_logged);
	RUN(rename_refuses_bad_taken_and_unknown_names);
	RUN(merge_moves_rows_keys_and_facts);
	RUN(merge_of_the_unknown_host);
	RUN(merge_refusals_change_nothing);
	RUN(merge_folds_the_same_measurement_into_one_row);
	RUN(facts_are_set_changed_and_removed);
	RUN(facts_refusals_change_nothing);
	RUN(hosts_list_their_facts);
	return t_done();
}
