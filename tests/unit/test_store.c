/* Unit tests: schema/store.c (open, refuse, migrate, hosts, writes). */
#include "harness.h"
#include "../../schema/store.h"
#include "../../util.h"

#include <errno.h>
#include <sched.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

static const char *path_in_tmp(const char *name)
{
	static char path[8][1024];
	static int i;
	char *p = path[i++ % 8];

	snprintf(p, 1024, "%s/%s", t_tmpdir(), name);
	unlink(p);
	return p;
}

static long long one_int(struct hdb_store *st, const char *sql)
{
	sqlite3_stmt *s;
	long long v = -999;

	if (sqlite3_prepare_v2(hdb_store_sqlite(st), sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* Does the plan of sql name index? */
static int plan_uses(struct hdb_store *st, const char *sql, const char *index)
{
	char buf[1024];
	sqlite3_stmt *s;
	int found = 0;

	snprintf(buf, sizeof(buf), "EXPLAIN QUERY PLAN %s", sql);
	if (sqlite3_prepare_v2(hdb_store_sqlite(st), buf, -1, &s, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(s) == SQLITE_ROW)
		if (strstr((const char *)sqlite3_column_text(s, 3), index))
			found = 1;
	sqlite3_finalize(s);
	return found;
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;

	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "raw_exec: %s\n", sqlite3_errmsg(db));
		exit(2);
	}
	sqlite3_close(db);
}

static void new_store_is_stamped_and_in_wal_mode(void)
{
	const char *p = path_in_tmp("new.db");
	struct hdb_store *st;

	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(one_int(st, "PRAGMA user_version"), hdb_store_schema_version());
	CHECK(hdb_store_schema_version() >= 1);
	CHECK_INT(one_int(st, "PRAGMA application_id"), 0x68616c6f);
	CHECK_INT(one_int(st, "SELECT count(*) FROM sqlite_master WHERE name = 'throughput'"), 1);
	CHECK_INT(hdb_store_close(st), 0);
	/* reopening does not migrate again */
	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM source"), 0);
	hdb_store_close(st);
	CHECK_INT(hdb_store_open(p, HDB_STORE_READ, &st), 0);
	{
		sqlite3_stmt *s;

		CHECK(sqlite3_prepare_v2(hdb_store_sqlite(st), "PRAGMA journal_mode",
					 -1, &s, NULL) == SQLITE_OK);
		CHECK(sqlite3_step(s) == SQLITE_ROW);
		CHECK_STR((const char *)sqlite3_column_text(s, 0), "wal");
		sqlite3_finalize(s);
	}
	hdb_store_close(st);
}

static void newer_store_is_refused_naming_both_versions(void)
{
	const char *p = path_in_tmp("newer.db");
	struct hdb_store *st;
	char want[256];

	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	hdb_store_close(st);
	raw_exec(p, "PRAGMA user_version = 99");
	snprintf(want, sizeof(want), "store '%s' has schema version 99, newer "
		 "than this halodb's %d: upgrade halodb to use it", p,
		 hdb_store_schema_version());
	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), -1);
	CHECK_STR(hdb_errmsg(), want);
	CHECK(st == NULL);
	CHECK_INT(hdb_store_open(p, HDB_STORE_READ, &st), -1);
	CHECK_STR(hdb_errmsg(), want);
}

static void foreign_files_are_refused(void)
{
	const char *p = path_in_tmp("other.db");
	struct hdb_store *st;
	FILE *f;

	raw_exec(p, "CREATE TABLE mine (x)");
	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), -1);
	CHECK_HAS(hdb_errmsg(), "is not a halodb store");
	p = path_in_tmp("text.db");
	f = fopen(p, "w");
	fputs("this is not a database, not even close; it is just some text "
	      "that is long enough to fill SQLite's header and then some\n", f);
	fclose(f);
	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), -1);
	CHECK_HAS(hdb_errmsg(), "is not a halodb store (it is not an SQLite file)");
	CHECK_INT(hdb_store_open(path_in_tmp("missing.db"), HDB_STORE_READ, &st), -1);
	CHECK_HAS(hdb_errmsg(), "no store at");
}

static void a_read_only_store_refuses_writes(void)
{
	const char *p = path_in_tmp("ro.db");
	struct hdb_store *st;

	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	hdb_store_close(st);
	CHECK_INT(hdb_store_open(p, HDB_STORE_READ, &st), 0);
	CHECK(sqlite3_exec(hdb_store_sqlite(st), "DELETE FROM source", NULL,
			   NULL, NULL) != SQLITE_OK);
	hdb_store_close(st);
}

static struct hdb_bench_record record(const char *test, double ts)
{
	static const struct hdb_sample samples[] = {
		{ 10.0, 100 }, { NAN, HDB_UNSET }, { 12.0, 90 },
	};
	struct hdb_bench_record r;

	memset(&r, 0, sizeof(r));
	r.line = 7;
	r.test = test;
	r.n_prompt = 512;
	r.n_gen = 0;
	r.n_depth = 0;
	r.avg_ts = ts;
	r.stddev_ts = NAN;
	r.build_number = r.model_size = r.model_n_params = HDB_UNSET;
	r.flash_attn = r.n_gpu_layers = r.n_batch = HDB_UNSET;
	r.n_ubatch = r.n_threads = r.avg_ns = r.stddev_ns = HDB_UNSET;
	r.samples = samples;
	r.n_samples = 3;
	r.samples_known = 1;
	return r;
}

static void records_and_samples_are_written(void)
{
	const char *p = path_in_tmp("w.db");
	struct hdb_store *st;
	struct hdb_bench_record r = record("pp512", 11.0);
	long long src, host;
	char *prev = NULL;
	int dup;

	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, "a.json", "ab12", 10, "llama-bench-json", &src), 0);
	CHECK_INT(hdb_store_host(st, NULL, "cpu=x;gpu=", "x-1234", NULL, "x", NULL, &host), 0);
	CHECK_INT(hdb_store_add_bench(st, src, host, &r, &dup), 0);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput"), 1);
	CHECK_INT(one_int(st, "SELECT n_reps FROM throughput"), 3);
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput_sample WHERE ts IS NULL"), 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput WHERE stddev_ts IS NULL "
			      "AND flash_attn IS NULL AND status = 'ok' AND source = 'a.json'"), 1);
	CHECK_INT(hdb_store_find_source(st, "ab12", &prev), 1);
	CHECK_STR(prev, "a.json");
	free(prev);
	CHECK_INT(hdb_store_find_source(st, "ffff", &prev), 0);
	/* a rolled-back file leaves nothing */
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, "b.json", "cd34", 10, "llama-bench-json", &src), 0);
	CHECK_INT(hdb_store_add_bench(st, src, host, &r, &dup), 0);
	hdb_store_rollback(st);
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput"), 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM source"), 1);
	hdb_store_close(st);
}

/* Repetitions go in several to a statement: 1, 8, 9 and 19 of them come
 * back each once, in order, with their values. */
static void repetitions_come_back_in_order(void)
{
	const char *p = path_in_tmp("reps.db");
	static const size_t counts[] = { 1, 8, 9, 19 };
	struct hdb_sample samples[19];
	struct hdb_store *st;
	struct hdb_bench_record r = record("tg128", 50.0);
	long long src, host;
	char sql[200];
	size_t i;
	int dup;

	for (i = 0; i < 19; i++) {
		samples[i].ts = 40.0 + (double)i / 8;
		samples[i].ns = 1000 + (long long)i;
	}
	samples[10].ts = NAN;
	samples[11].ns = HDB_UNSET;
	r.samples = samples;
	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, "r.json", "r1", 10, "llama-bench-json", &src), 0);
	CHECK_INT(hdb_store_host(st, "h", NULL, NULL, NULL, NULL, NULL, &host), 0);
	for (i = 0; i < 4; i++) {
		r.n_samples = counts[i];
		r.avg_ts = 50.0 + (double)i;
		CHECK_INT(hdb_store_add_bench(st, src, host, &r, &dup), 0);
		CHECK_INT(dup, 0);
	}
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM bench_sample"), 1 + 8 + 9 + 19);
	for (i = 0; i < 4; i++) {
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM throughput t JOIN "
			 "throughput_sample s ON s.throughput_id = t.id WHERE t.avg_ts = %zu", 50 + i);
		CHECK_INT(one_int(st, sql), (long long)counts[i]);
	}
	/* every repetition of the 19, its own values, reps 1 to 19 */
	CHECK_INT(one_int(st, "SELECT count(*) FROM bench_sample WHERE bench_id = "
			      "(SELECT id FROM bench WHERE avg_ts = 53) AND "
			      "(rep = 11 AND ts IS NULL AND ns = 1010 OR "
			      "rep = 12 AND ns IS NULL AND ts = 40 + 11 / 8.0 OR "
			      "rep NOT IN (11, 12) AND ts = 40 + (rep - 1) / 8.0 AND "
			      "ns = 999 + rep)"), 19);
	hdb_store_close(st);
}

/* The raw record of a row as the view bench_raw gives it back. */
static char *raw_of(struct hdb_store *st, long long id)
{
	sqlite3_stmt *s;
	char *v = NULL;

	if (sqlite3_prepare_v2(hdb_store_sqlite(st), "SELECT raw FROM bench_raw "
			       "WHERE bench_id = ?1", -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, id);
		if (sqlite3_step(s) == SQLITE_ROW)
			v = xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_finalize(s);
	return v;
}

/* Adds r (its raw record raw, its value ts) and checks the record comes
 * back byte for byte; returns the row's id. */
static long long add_raw(struct hdb_store *st, long long src, long long host,
			 const char *raw, double ts)
{
	struct hdb_bench_record r = record("pp512", ts);
	long long id;
	char *back;
	int dup;

	r.raw = raw;
	CHECK_INT(hdb_store_add_bench(st, src, host, &r, &dup), 0);
	CHECK_INT(dup, 0);
	id = one_int(st, "SELECT max(id) FROM bench");
	back = raw_of(st, id);
	CHECK_STR(back, raw);
	free(back);
	return id;
}

/* Schema 10 keeps a record as what it does not share with a base record
 * of its file, cut between UTF-8 characters; bench_raw gives it back. */
static void raw_records_come_back_byte_for_byte(void)
{
	const char *p = path_in_tmp("raw.db");
	struct hdb_store *st;
	struct hdb_forget_counts c;
	long long src, src2, host, id;
	char *back;

	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, "a.jsonl", "ab12", 10, "llama-bench-jsonl", &src), 0);
	CHECK_INT(hdb_store_host(st, NULL, "cpu=x;gpu=", "x-1234", NULL, "x", NULL, &host), 0);
	add_raw(st, src, host, "{\"cpu\": \"Ryzen\", \"k\": \"\xc3\xa9t\xc3\xa9\", \"ts\": 1.5}", 10);
	CHECK_INT(one_int(st, "SELECT count(*) FROM raw_base"), 1);
	/* é and è differ in their second byte: the cut goes before both */
	id = add_raw(st, src, host, "{\"cpu\": \"Ryzen\", \"k\": \"\xc3\xa8t\xc3\xa9\", \"ts\": 1.5}", 20);
	CHECK_INT(one_int(st, "SELECT count(*) FROM raw_base"), 1);
	CHECK_INT(one_int(st, "SELECT CAST(middle AS BLOB) = X'C3A8' FROM bench_raw_part "
			      "WHERE bench_id = (SELECT max(bench_id) FROM bench_raw_part)"), 1);
	/* é and ĩ share their last byte: the cut goes after both */
	add_raw(st, src, host, "{\"cpu\": \"Ryzen\", \"k\": \"\xc3\xa9t\xc4\xa9\", \"ts\": 1.5}", 30);
	CHECK_INT(one_int(st, "SELECT CAST(middle AS BLOB) = X'C4A9' FROM bench_raw_part "
			      "WHERE bench_id = (SELECT max(bench_id) FROM bench_raw_part)"), 1);
	/* sharing less than half: the next base */
	add_raw(st, src, host, "| llama 8B | pp512 | 1.5 |", 40);
	CHECK_INT(one_int(st, "SELECT count(*) FROM raw_base"), 2);
	add_raw(st, src, host, "| llama 8B | pp512 | 2.5 |", 50);
	CHECK_INT(one_int(st, "SELECT count(*) FROM raw_base"), 2);
	CHECK_INT(hdb_store_commit(st), 0);
	back = raw_of(st, id);
	CHECK_STR(back, "{\"cpu\": \"Ryzen\", \"k\": \"\xc3\xa8t\xc3\xa9\", \"ts\": 1.5}");
	free(back);

	/* a file rolled back takes its bases; the next one, with the same
	 * source id, makes its own */
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, "b.jsonl", "cd34", 10, "llama-bench-jsonl", &src2), 0);
	add_raw(st, src2, host, "{\"cpu\": \"Ryzen\", \"b\": 1}", 60);
	hdb_store_rollback(st);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, "c.jsonl", "ef56", 10, "llama-bench-jsonl", &src2), 0);
	add_raw(st, src2, host, "{\"cpu\": \"Ryzen\", \"c\": 1}", 70);
	add_raw(st, src2, host, "{\"cpu\": \"Ryzen\", \"c\": 2}", 80);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM raw_base"), 3);
	CHECK_INT(one_int(st, "SELECT count(*) FROM pragma_foreign_key_check"), 0);

	/* forgetting a file takes its bases with its rows */
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_forget_source(st, src, &c), 0);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM raw_base"), 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM bench_raw"), 2);
	CHECK_INT(one_int(st, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	hdb_store_close(st);
}

/* A store of schema 9 keeps its raw records whole in bench_raw_part. */
static void a_version_9_store_keeps_its_raw_records(void)
{
	const char *p = path_in_tmp("v9.db");
	struct hdb_store *st;
	long long src, host;
	char *back;

	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, "a.jsonl", "ab12", 10, "llama-bench-jsonl", &src), 0);
	CHECK_INT(hdb_store_host(st, NULL, "cpu=x;gpu=", "x-1234", NULL, "x", NULL, &host), 0);
	add_raw(st, src, host, "{\"a\": 1}", 10);
	CHECK_INT(hdb_store_commit(st), 0);
	hdb_store_close(st);
	/* back to schema 9: the record whole in the table bench_raw */
	raw_exec(p, "DROP VIEW bench_raw; DROP TABLE bench_raw_part; DROP TABLE raw_base; "
		    "CREATE TABLE bench_raw (bench_id INTEGER PRIMARY KEY REFERENCES "
		    "bench(id) ON DELETE CASCADE, raw TEXT NOT NULL); "
		    "INSERT INTO bench_raw SELECT id, '{\"a\": \xc3\xa9}' FROM bench; "
		    "PRAGMA user_version = 9");
	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(one_int(st, "PRAGMA user_version"), hdb_store_schema_version());
	CHECK_INT(one_int(st, "SELECT count(*) FROM bench_raw_part WHERE base IS NULL"), 1);
	back = raw_of(st, one_int(st, "SELECT id FROM bench"));
	CHECK_STR(back, "{\"a\": \xc3\xa9}");
	free(back);
	hdb_store_close(st);
}

static void hosts_by_key_and_by_name(void)
{
	const char *p = path_in_tmp("h.db");
	struct hdb_store *st;
	long long a, b, c, d;

	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(hdb_store_begin(st), 0);
	/* --host a30 teaches the store the key of that machine */
	CHECK_INT(hdb_store_host(st, "a30", "cpu=xeon;gpu=A30", "a30-0001", NULL, "Xeon", "NVIDIA A30", &a), 0);
	CHECK_INT(hdb_store_host(st, NULL, "cpu=xeon;gpu=A30", "a30-0001", NULL, "Xeon", "NVIDIA A30", &b), 0);
	CHECK_INT(a, b);
	/* another machine gets a derived host */
	CHECK_INT(hdb_store_host(st, NULL, "cpu=ryzen;gpu=8060S", "8060s-0002", NULL, "Ryzen", "8060S", &c), 0);
	CHECK(c != a);
	CHECK_INT(hdb_store_host(st, NULL, "cpu=ryzen;gpu=8060S", "8060s-0002", NULL, "Ryzen", "8060S", &d), 0);
	CHECK_INT(c, d);
	/* a key keeps its first host */
	CHECK_INT(hdb_store_host(st, "other", "cpu=ryzen;gpu=8060S", "x", NULL, "Ryzen", "8060S", &d), 0);
	CHECK(d != c);
	CHECK_INT(hdb_store_host(st, NULL, "cpu=ryzen;gpu=8060S", "8060s-0002", NULL, "Ryzen", "8060S", &d), 0);
	CHECK_INT(d, c);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM host"), 3);
	CHECK_INT(one_int(st, "SELECT count(*) FROM host WHERE named_by = 'option'"), 2);
	CHECK_INT(one_int(st, "SELECT count(*) FROM host WHERE name = 'a30' AND cpu_info = 'Xeon'"), 1);
	hdb_store_close(st);
}

/* A derived name gets the key's hash only when another machine (or a
 * host named so) has the name; a known key keeps its host's name. */
static void derived_names_get_a_suffix_only_when_taken(void)
{
	const char *p = path_in_tmp("suffix.db");
	struct hdb_store *st;
	long long a, b, c, d, e;

	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_host(st, NULL, "cpu=Xeon 6338;gpu=A30", "xeon-6338-a30", "xeon-6338-a30-1111", "Xeon 6338", "A30", &a), 0);
	CHECK_INT(hdb_store_host(st, NULL, "cpu=Xeon(R) 6338;gpu=A30", "xeon-6338-a30", "xeon-6338-a30-2222", "Xeon(R) 6338", "A30", &b), 0);
	CHECK(a != b);
	CHECK_INT(hdb_store_host(st, NULL, "cpu=Xeon(R) 6338;gpu=A30", "xeon-6338-a30", "xeon-6338-a30-2222", "Xeon(R) 6338", "A30", &c), 0);
	CHECK_INT(c, b);
	/* a name given with --host counts as taken too */
	CHECK_INT(hdb_store_host(st, "epyc", NULL, NULL, NULL, NULL, NULL, &d), 0);
	CHECK_INT(hdb_store_host(st, NULL, "cpu=EPYC;gpu=", "epyc", "epyc-3333", "AMD EPYC", "", &e), 0);
	CHECK(e != d);
	/* both taken: the machine must be named */
	CHECK_INT(hdb_store_host(st, NULL, "cpu=EPYC 2;gpu=", "epyc", "epyc-3333", "EPYC 2", "", &e), -1);
	CHECK_STR(hdb_errmsg(), "derived host name 'epyc-3333' is already taken by another host: name this one with --host");
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM host WHERE name IN ('xeon-6338-a30', 'xeon-6338-a30-2222', 'epyc', 'epyc-3333')"), 4);
	CHECK_INT(one_int(st, "SELECT count(*) FROM host WHERE named_by = 'derived'"), 3);
	hdb_store_close(st);
}

struct hdb_embedded {
	const char *name;
	const char *text;
};
extern const struct hdb_embedded hdb_schema_files[];

/* A store written by the first halodb (schema 1) is upgraded in place and
 * keeps every row. */
/* Every object of a store's schema, one line each, in a fixed order
 * (xmalloc'd; the caller frees it). */
static char *schema_of(struct hdb_store *st)
{
	sqlite3_stmt *s;
	size_t len = 0;
	char *all = xstrdup(""), *line;

	if (sqlite3_prepare_v2(hdb_store_sqlite(st),
			       "SELECT type, name, tbl_name, ifnull(sql, '') "
			       "FROM sqlite_master ORDER BY type, name", -1,
			       &s, NULL) != SQLITE_OK)
		return all;
	while (sqlite3_step(s) == SQLITE_ROW) {
		line = xasprintf("%s %s %s %s\n", sqlite3_column_text(s, 0),
				 sqlite3_column_text(s, 1),
				 sqlite3_column_text(s, 2),
				 sqlite3_column_text(s, 3));
		all = xrealloc(all, len + strlen(line) + 1);
		strcpy(all + len, line);
		len += strlen(line);
		free(line);
	}
	sqlite3_finalize(s);
	return all;
}

/* A new store takes the schema made at build time from the migrations
 * at once (schema/schemagen.c); a store of version 1 takes the
 * migrations one by one: the two end with the same schema. */
static void a_new_store_has_the_schema_the_migrations_leave(void)
{
	const char *fresh = path_in_tmp("fresh.db"), *old = path_in_tmp("v1.db");
	struct hdb_store *a, *b;
	char *sa, *sb;

	raw_exec(old, hdb_schema_files[0].text);
	raw_exec(old, "PRAGMA user_version = 1; PRAGMA application_id = 1751215215;");
	CHECK_INT(hdb_store_open(fresh, HDB_STORE_WRITE, &a), 0);
	CHECK_INT(hdb_store_open(old, HDB_STORE_WRITE, &b), 0);
	CHECK_INT(one_int(a, "PRAGMA user_version"), hdb_store_schema_version());
	CHECK_INT(one_int(b, "PRAGMA user_version"), hdb_store_schema_version());
	CHECK_INT(one_int(a, "PRAGMA application_id"), 0x68616c6f);
	CHECK(one_int(a, "SELECT count(*) FROM sqlite_master") > 40);
	sa = schema_of(a);
	sb = schema_of(b);
	CHECK_STR(sa, sb);
	free(sa);
	free(sb);
	hdb_store_close(a);
	hdb_store_close(b);
}

static char *journal_of(struct hdb_store *st)
{
	sqlite3_stmt *s;
	char *mode = NULL;

	if (sqlite3_prepare_v2(hdb_store_sqlite(st), "PRAGMA journal_mode", -1,
			       &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		mode = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return mode ? mode : xstrdup("?");
}

#define CHECK_JOURNAL(st, want) do { \
	char *m_ = journal_of(st); \
	CHECK_STR(m_, want); \
	free(m_); \
} while (0)

/* The batches of a store that the open made go in with a rollback
 * journal (each page written once); the end of batch mode puts the store
 * back in WAL mode, and a store that was there before never leaves it. */
static void a_new_store_takes_its_batches_without_the_log(void)
{
	const char *p = path_in_tmp("first.db");
	char wal[1100];
	struct hdb_store *st;
	struct stat sb;

	snprintf(wal, sizeof(wal), "%s-wal", p);
	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_JOURNAL(st, "wal");
	CHECK_INT(hdb_store_batch_mode(st, 1), 0);
	CHECK_JOURNAL(st, "delete");
	CHECK_INT(one_int(st, "PRAGMA synchronous"), 2);	/* FULL */
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK(sqlite3_exec(hdb_store_sqlite(st), "INSERT INTO host (name, "
			   "named_by) VALUES ('a30', 'option')", NULL, NULL,
			   NULL) == SQLITE_OK);
	CHECK_INT(hdb_store_commit(st), 0);
	/* the second batch too */
	CHECK_JOURNAL(st, "delete");
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK(sqlite3_exec(hdb_store_sqlite(st), "INSERT INTO host (name, "
			   "named_by) VALUES ('b', 'option')", NULL, NULL,
			   NULL) == SQLITE_OK);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK(stat(wal, &sb) != 0 || sb.st_size == 0);
	CHECK_INT(hdb_store_batch_mode(st, 0), 0);
	CHECK_JOURNAL(st, "wal");
	CHECK_INT(one_int(st, "PRAGMA synchronous"), 1);	/* NORMAL */
	CHECK_INT(hdb_store_close(st), 0);
	/* a store that exists keeps the log throughout */
	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(hdb_store_batch_mode(st, 1), 0);
	CHECK_JOURNAL(st, "wal");
	CHECK_INT(one_int(st, "SELECT count(*) FROM host WHERE name IN ('a30', 'b')"), 2);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK(sqlite3_exec(hdb_store_sqlite(st), "INSERT INTO host (name, "
			   "named_by) VALUES ('c', 'option')", NULL, NULL,
			   NULL) == SQLITE_OK);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK(stat(wal, &sb) == 0 && sb.st_size > 0);
	CHECK_INT(hdb_store_batch_mode(st, 0), 0);
	CHECK_INT(hdb_store_close(st), 0);
	/* a new store whose first batch never commits ends in WAL mode too */
	p = path_in_tmp("never.db");
	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(hdb_store_batch_mode(st, 1), 0);
	CHECK_JOURNAL(st, "delete");
	CHECK_INT(hdb_store_begin(st), 0);
	hdb_store_rollback(st);
	CHECK_INT(hdb_store_batch_mode(st, 0), 0);
	CHECK_JOURNAL(st, "wal");
	CHECK_INT(hdb_store_close(st), 0);
}

/* An ingest killed in a batch of the store it made leaves a hot rollback
 * journal; a reader (read-only) rolls it back, as the README promises,
 * and sees the store as of the last commit. */
static void a_reader_rolls_back_a_killed_batch(void)
{
	const char *p = path_in_tmp("killed.db");
	char journal[1100];
	struct hdb_store *st;
	struct stat sb;
	pid_t pid;
	int status, i;

	snprintf(journal, sizeof(journal), "%s-journal", p);
	pid = fork();
	if (pid == 0) {
		if (hdb_store_open(p, HDB_STORE_WRITE, &st) ||
		    hdb_store_batch_mode(st, 1) || hdb_store_begin(st) ||
		    sqlite3_exec(hdb_store_sqlite(st), "INSERT INTO host "
				 "(name, named_by) VALUES ('kept', 'option')",
				 NULL, NULL, NULL) != SQLITE_OK ||
		    hdb_store_commit(st) ||
		    sqlite3_exec(hdb_store_sqlite(st), "PRAGMA cache_size = 8",
				 NULL, NULL, NULL) != SQLITE_OK ||
		    hdb_store_begin(st))
			_exit(3);
		/* pages reach the file before the commit (a small cache):
		 * the journal is hot */
		for (i = 0; i < 2000; i++)
			if (sqlite3_exec(hdb_store_sqlite(st), "INSERT INTO "
					 "host (name, named_by) VALUES (hex("
					 "randomblob(64)), 'option')", NULL,
					 NULL, NULL) != SQLITE_OK)
				_exit(4);
		raise(SIGKILL);
		_exit(5);
	}
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	CHECK(stat(journal, &sb) == 0 && sb.st_size > 0);
	CHECK_INT(hdb_store_open(p, HDB_STORE_READ, &st), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM host WHERE named_by = 'option'"), 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM host WHERE name = 'kept'"), 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM pragma_integrity_check "
			  "WHERE integrity_check <> 'ok'"), 0);
	CHECK_INT(hdb_store_close(st), 0);
	CHECK(stat(journal, &sb) != 0 || sb.st_size == 0);
}

static void a_version_1_store_is_upgraded_with_its_rows(void)
{
	const char *p = path_in_tmp("v1.db");
	struct hdb_store *st;
	sqlite3 *db;
	char *sql;

	CHECK(sqlite3_open(p, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, hdb_schema_files[0].text, NULL, NULL, NULL) == SQLITE_OK);
	sql = "INSERT INTO source VALUES (1, 'a.json', 'ab', 3, 'llama-bench-json', 0, '2026-11-22T00:00:00Z');"
	      "INSERT INTO host VALUES (1, 'a30', 'option', 'Xeon', 'NVIDIA A30');"
	      "INSERT INTO bench (id, source_id, source_line, host_id, test, n_prompt, n_gen, n_depth, avg_ts, stddev_ts, n_reps) "
	      "VALUES (1, 1, 2, 1, 'pp512', 512, 0, 0, 100.5, 1.5, 2);"
	      "INSERT INTO bench_sample VALUES (1, 1, 100.0, NULL), (1, 2, 101.0, NULL);"
	      "PRAGMA user_version = 1; PRAGMA application_id = 1751215215;";
	CHECK(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(db);
	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(one_int(st, "PRAGMA user_version"), hdb_store_schema_version());
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput WHERE host = 'a30' "
			      "AND avg_ts = 100.5 AND n_reps = 2 AND error IS NULL"), 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput_sample"), 2);
	CHECK_INT(one_int(st, "SELECT precision FROM bench"), 6);
	CHECK_INT(one_int(st, "SELECT count(*) FROM server_timing"), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	CHECK_INT(one_int(st, "PRAGMA foreign_keys"), 1);
	hdb_store_close(st);
}

/* json as a llama-bench markdown table prints it: avg_ts and stddev_ts
 * with two decimals, no samples, no test_time. */
static struct hdb_bench_record markdown_twin(struct hdb_bench_record json,
					     double avg_ts, double stddev_ts)
{
	json.avg_ts = avg_ts;
	json.stddev_ts = stddev_ts;
	json.precision = 2;
	json.samples = NULL;
	json.n_samples = 0;
	json.samples_known = 0;
	json.test_time = NULL;
	return json;
}

/* One measurement printed twice, as JSON and as markdown, is one row;
 * the richer report wins whichever comes first. */
static void a_measurement_printed_twice_is_one_row(void)
{
	const char *p = path_in_tmp("dup.db");
	struct hdb_store *st;
	struct hdb_bench_record json = record("pp512", 551.949539), md;
	long long src1, src2, host, unknown;
	int dup;

	json.model_type = md.model_type = NULL;
	json.model_type = "qwen3moe ?B Q4_K - Medium";
	json.stddev_ts = 3.421954;
	json.build_commit = "d32676d";
	json.build_number = 9749;
	json.n_threads = 2;
	json.test_time = "2026-11-22T00:03:12Z";
	md = markdown_twin(json, 551.95, 3.42);
	md.n_batch = HDB_UNSET;
	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, "x.md", "11", 1, "llama-bench-md", &src1), 0);
	CHECK_INT(hdb_store_add_source(st, "x.json", "22", 1, "llama-bench-json", &src2), 0);
	CHECK_INT(hdb_store_unknown_host(st, &unknown), 0);
	CHECK_INT(hdb_store_host(st, NULL, "cpu=EPYC;gpu=", "epyc-1", NULL, "AMD EPYC", "", &host), 0);
	/* markdown first, under the unknown host */
	CHECK_INT(hdb_store_add_bench(st, src1, unknown, &md, &dup), 0);
	CHECK_INT(dup, 0);
	CHECK_INT(hdb_store_add_bench(st, src2, host, &json, &dup), 0);
	CHECK_INT(dup, 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM bench"), 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput WHERE host = 'epyc-1' "
			      "AND avg_ts = 551.949539 AND n_reps = 3 AND source = 'x.json'"), 1);
	CHECK_INT(one_int(st, "SELECT precision FROM bench"), 6);
	CHECK_INT(one_int(st, "SELECT count(*) FROM bench_sample"), 3);
	/* and again: nothing new */
	CHECK_INT(hdb_store_add_bench(st, src1, unknown, &md, &dup), 0);
	CHECK_INT(dup, 1);
	CHECK_INT(one_int(st, "SELECT avg_ts = 551.949539 FROM bench"), 1);
	/* another run of the same test is another row */
	json.avg_ts = 560.1;
	json.test_time = "2026-11-22T01:00:00Z";
	CHECK_INT(hdb_store_add_bench(st, src2, host, &json, &dup), 0);
	CHECK_INT(dup, 0);
	/* so is the same value at another depth */
	md.n_depth = 1024;
	CHECK_INT(hdb_store_add_bench(st, src1, unknown, &md, &dup), 0);
	CHECK_INT(dup, 0);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM bench"), 3);
	hdb_store_close(st);
}

/* A store as halodb schema 3 wrote it (before issue 7's migration). */
static const char *version_3_store(const char *name)
{
	const char *p = path_in_tmp(name);
	int i;

	for (i = 0; i < 3; i++)
		raw_exec(p, hdb_schema_files[i].text);
	raw_exec(p, "PRAGMA user_version = 3; PRAGMA application_id = 1751215215;");
	return p;
}

/* Regression (issue 7): --host unknown took the name of the host of
 * results that name no machine, and the store could never make that host
 * again.  The name is refused now, and a store that has such a host is
 * mended when it is upgraded. */
static void the_unknown_host_name_is_reserved(void)
{
	const char *p = path_in_tmp("unknown.db");
	struct hdb_store *st;
	long long id, unknown;

	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_host(st, "unknown", NULL, NULL, NULL, NULL, NULL, &id), -1);
	CHECK_STR(hdb_errmsg(), "--host: 'unknown' is reserved for results that name no machine");
	hdb_store_rollback(st);
	hdb_store_close(st);
	/* what an older halodb left: a host named 'unknown' by --host */
	p = version_3_store("unknown3.db");
	raw_exec(p, "INSERT INTO host (id, name, named_by) VALUES (7, 'unknown', 'option')");
	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_unknown_host(st, &unknown), 0);
	CHECK_INT(unknown, 7);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM host"), 1);
	hdb_store_close(st);
}

/* Runs "$HALODB --db db ARGS" (a shell line) with stderr into err;
 * returns its exit status, or -1 when $HALODB is not set. */
static int run_halodb(const char *db, const char *args, const char *err)
{
	const char *bin = getenv("HALODB");
	char cmd[4096];
	int rc;

	if (!bin || !*bin)
		return -1;
	snprintf(cmd, sizeof(cmd), "'%s' --db '%s' %s >/dev/null 2>'%s'", bin,
		 db, args, err);
	rc = system(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : 128;
}

static int waited_told;

static void note_wait(void *ctx, const char *path)
{
	(void)ctx;
	(void)path;
	waited_told++;
}

/* t_tmpdir()/NAME into buf, for the files the lock holder and the test
 * meet at. */
static const char *sync_file(char buf[1100], const char *name)
{
	snprintf(buf, 1100, "%s/%s", t_tmpdir(), name);
	return buf;
}

/*
 * Another process holds the write lock of store p until the file
 * 'held.release' appears, or for at most secs seconds.
 */
static pid_t hold_write_lock(const char *p, int secs)
{
	char ready[1100], release[1100];
	pid_t pid;

	unlink(sync_file(ready, "held.ready"));
	unlink(sync_file(release, "held.release"));
	pid = fork();
	if (pid == 0) {
		sqlite3 *db;
		FILE *f;
		int ms;

		if (sqlite3_open(p, &db) != SQLITE_OK ||
		    sqlite3_exec(db, "BEGIN IMMEDIATE; INSERT INTO source (path, sha256, bytes, format, ingested_at) "
				 "VALUES ('held', 'held', 0, 'x', 'now')", NULL, NULL, NULL) != SQLITE_OK)
			_exit(3);
		f = fopen(ready, "w");
		if (f)
			fclose(f);
		for (ms = 0; ms < secs * 1000 && access(release, F_OK); ms += 10)
			usleep(10000);
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		sqlite3_close(db);
		_exit(0);
	}
	while (access(ready, F_OK) != 0)
		usleep(10000);
	return pid;
}

static int count_in_file(const char *path, const char *needle)
{
	char line[4096];
	int n = 0;
	FILE *f = fopen(path, "r");

	while (f && fgets(line, sizeof(line), f))
		n += strstr(line, needle) != NULL;
	if (f)
		fclose(f);
	return n;
}

/*
 * Regression (issue 7): a writer whose transaction outlasted the 5 s busy
 * timeout made a second ingest fail with 'database is locked'.  Another
 * process holds the write lock for 6 s: a reader is not held up; an
 * ingest waits, says so once, and goes in.  Without $HALODB the library
 * is checked instead of the command.
 */
static void a_writer_waits_for_a_long_transaction(void)
{
	const char *p = path_in_tmp("busy.db");
	const char *json = t_write("busy.jsonl", "{\"cpu_info\": \"AMD EPYC\", "
		"\"model_type\": \"llama ?B Q4_0\", \"n_prompt\": 512, "
		"\"n_gen\": 0, \"n_depth\": 0, \"avg_ts\": 10.5}\n");
	char err[1100], args[1200];
	struct hdb_store *st;
	pid_t pid;
	int status, rc;

	snprintf(err, sizeof(err), "%s/busy.err", t_tmpdir());
	snprintf(args, sizeof(args), "ingest '%s'", json);
	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	hdb_store_close(st);
	rc = getenv("HALODB") && *getenv("HALODB") ? 0 : -1;
	if (rc >= 0) {
		char path[1100];
		pid_t ingest;
		int ms;

		/* held until the ingest has said it waits and 6 s have gone
		 * by (past the old 5 s timeout), however slow the machine */
		pid = hold_write_lock(p, 60);
		rc = run_halodb(p, "sql 'select count(*) from source'", err);
		CHECK_INT(rc, 0);
		CHECK_INT(count_in_file(err, "locked"), 0);
		fflush(NULL);
		ingest = fork();
		if (ingest == 0)
			_exit(run_halodb(p, args, err));
		for (ms = 0; ms < 60000 && (ms < 6000 || !count_in_file(err,
		     "halodb: waiting for another ingest to finish")); ms += 10)
			usleep(10000);
		fclose(fopen(sync_file(path, "held.release"), "w"));
		CHECK(waitpid(ingest, &status, 0) == ingest && WIFEXITED(status));
		rc = WEXITSTATUS(status);
		CHECK_INT(rc, 0);
		CHECK_INT(count_in_file(err, "halodb: waiting for another ingest to finish"), 1);
	} else {
		pid = hold_write_lock(p, 6);
		hdb_store_set_wait_hook(note_wait, NULL);
		waited_told = 0;
		CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
		CHECK_INT(hdb_store_begin(st), 0);
		CHECK_INT(waited_told, 1);
		CHECK_INT(hdb_store_commit(st), 0);
		hdb_store_close(st);
		hdb_store_set_wait_hook(NULL, NULL);
	}
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0);
	CHECK_INT(hdb_store_open(p, HDB_STORE_READ, &st), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM source"), rc >= 0 ? 2 : 1);
	hdb_store_close(st);
}

/*
 * Regression (issue 7): a store in a directory that cannot be written (no
 * -shm beside it) could not be read: 'attempt to write a readonly
 * database'.  The directory is made read-only by a read-only bind mount
 * in a mount namespace of a child (root ignores permission bits), or by
 * its mode when not root; the test is skipped, saying so, when neither
 * can be had.
 */
static void a_store_in_a_read_only_directory_can_be_read(void)
{
	char dir[1024], db[1100], err[1100], out[1100], args[1200];
	struct hdb_store *st;
	long long src;
	pid_t pid;
	int status;

	snprintf(dir, sizeof(dir), "%s/rodir", t_tmpdir());
	snprintf(db, sizeof(db), "%s/rodir/s.db", t_tmpdir());
	snprintf(err, sizeof(err), "%s/ro.err", t_tmpdir());
	snprintf(out, sizeof(out), "%s/ro-report", t_tmpdir());
	mkdir(dir, 0755);
	CHECK_INT(hdb_store_open(db, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, "a.json", "aa", 1, "llama-bench-json", &src), 0);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(hdb_store_close(st), 0);
	pid = fork();
	if (pid == 0) {
		int code = 0;

		if (geteuid() == 0) {
			if (unshare(CLONE_NEWNS) ||
			    /* "none": the type is ignored, and valgrind
			     * takes a NULL one for an error */
			    mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) ||
			    mount(dir, dir, "none", MS_BIND, NULL) ||
			    mount("none", dir, "none",
				  MS_REMOUNT | MS_BIND | MS_RDONLY, NULL))
				_exit(77);
		} else if (chmod(dir, 0555)) {
			_exit(77);
		}
		if (hdb_store_open(db, HDB_STORE_READ, &st))
			code |= 1;
		else if (one_int(st, "SELECT count(*) FROM source") != 1)
			code |= 2;
		hdb_store_close(st);
		if (hdb_store_open(db, HDB_STORE_WRITE, &st) == 0 ||
		    !strstr(hdb_errmsg(), "is not writable"))
			code |= 4;
		if (run_halodb(db, "sql 'select count(*) from source'", err) > 0 ||
		    run_halodb(db, "hosts", err) > 0)
			code |= 8;
		snprintf(args, sizeof(args), "report --out '%s'", out);
		if (run_halodb(db, args, err) > 0)
			code |= 16;
		/* ingest says why it cannot write there */
		snprintf(args, sizeof(args), "ingest '%s'", db);
		if (run_halodb(db, args, err) == 0 ||
		    (getenv("HALODB") && count_in_file(err, "/rodir' is not writable") != 1))
			code |= 32;
		if (geteuid() != 0)
			chmod(dir, 0755);
		_exit(code);
	}
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status));
	if (WEXITSTATUS(status) == 77) {
		T_SKIP("cannot make a read-only directory (no mount "
		       "namespace)");
		return;
	}
	CHECK_INT(WEXITSTATUS(status), 0);
	if (WEXITSTATUS(status) & 8 || WEXITSTATUS(status) & 16) {
		char line[512];
		FILE *f = fopen(err, "r");

		while (f && fgets(line, sizeof(line), f))
			fprintf(stderr, "  %s", line);
		if (f)
			fclose(f);
	}
}

/*
 * Regression (issue 7): finding a measurement again scanned every row of
 * one model, test, depth and tenth of a tok/s, so that ingest was
 * quadratic when thousands of runs shared them.  The probes are narrow
 * now; what they find must stay what the scan found: a markdown row
 * (no test_time, two decimals, or one) and a JSON row (six) of one run
 * are one row whichever comes first, and runs at other times are not.
 * A store of schema 3 gets the new indexes in place.
 */
static void lookups_stay_narrow_and_find_the_same_rows(void)
{
	const char *p = version_3_store("narrow.db");
	struct hdb_store *st;
	struct hdb_bench_record json = record("pp512", 440.797537), md, md1;
	long long src, host, unknown;
	char when[32];
	int dup, i;

	raw_exec(p, "INSERT INTO source VALUES (1, 'old.json', 'old', 1, 'llama-bench-json', 0, 'x', NULL);"
		    "INSERT INTO host VALUES (1, 'epyc-1', 'option', NULL, NULL);"
		    "INSERT INTO bench (source_id, source_line, host_id, model_type, test, n_prompt, n_gen, "
		    "n_depth, test_time, avg_ts, stddev_ts, precision, ts_bucket) VALUES (1, 1, 1, 'llama', "
		    "'pp512', 512, 0, 0, '2026-01-01T00:00:00Z', 99.123456, 1.5, 6, 991)");
	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(one_int(st, "PRAGMA user_version"), hdb_store_schema_version());
	/* the value index is made by the first record without a test_time
	 * (schema 12) */
	CHECK_INT(one_int(st, "SELECT count(*) FROM sqlite_master WHERE name IN "
			      "('bench_time', 'bench_precision', 'server_value', "
			      "'server_precision')"), 3);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, "a", "a", 1, "llama-bench-json", &src), 0);
	CHECK_INT(hdb_store_host(st, "epyc-1", NULL, NULL, NULL, NULL, NULL, &host), 0);
	CHECK_INT(hdb_store_unknown_host(st, &unknown), 0);
	/* the row from before the upgrade, printed as markdown */
	md = record("pp512", 99.12);
	md.model_type = "llama";
	md.stddev_ts = 1.5;
	md.precision = 2;
	md.samples_known = 0;
	md.n_samples = 0;
	CHECK_INT(hdb_store_add_bench(st, src, unknown, &md, &dup), 0);
	CHECK_INT(dup, 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM sqlite_master WHERE "
			      "name = 'bench_precision'"), 1);
	/* 3000 runs of one test at one value, a second apart */
	json.model_type = "qwen3moe";
	json.stddev_ts = 1.803621;
	for (i = 0; i < 3000; i++) {
		snprintf(when, sizeof(when), "2026-11-22T%02d:%02d:%02dZ", i / 3600, i / 60 % 60, i % 60);
		json.test_time = when;
		CHECK_INT(hdb_store_add_bench(st, src, host, &json, &dup), 0);
		CHECK_INT(dup, 0);
	}
	/* one of them again, and as markdown */
	json.test_time = "2026-11-22T00:00:07Z";
	CHECK_INT(hdb_store_add_bench(st, src, host, &json, &dup), 0);
	CHECK_INT(dup, 1);
	md.model_type = "qwen3moe";
	md.avg_ts = 440.80;
	md.stddev_ts = 1.80;
	CHECK_INT(hdb_store_add_bench(st, src, unknown, &md, &dup), 0);
	CHECK_INT(dup, 1);
	/* markdown first (one decimal), then another markdown (two), then
	 * JSON: one row */
	md1 = md;
	md1.n_depth = 512;
	md1.avg_ts = 440.8;
	md1.stddev_ts = 1.8;
	md1.precision = 1;
	CHECK_INT(hdb_store_add_bench(st, src, unknown, &md1, &dup), 0);
	CHECK_INT(dup, 0);
	md.n_depth = 512;
	CHECK_INT(hdb_store_add_bench(st, src, unknown, &md, &dup), 0);
	CHECK_INT(dup, 1);
	json.n_depth = 512;
	json.test_time = "2026-11-23T00:00:00Z";
	CHECK_INT(hdb_store_add_bench(st, src, host, &json, &dup), 0);
	CHECK_INT(dup, 1);
	/* but not a value outside the tolerance */
	md.avg_ts = 440.82;
	CHECK_INT(hdb_store_add_bench(st, src, unknown, &md, &dup), 0);
	CHECK_INT(dup, 0);
	/* bench_time is led by the host (schema 13): a JSON record of the
	 * unknown host finds a host's run of the same time, and a host's
	 * record finds the unknown host's */
	json.n_depth = 1024;
	json.test_time = "2026-11-24T00:00:00Z";
	CHECK_INT(hdb_store_add_bench(st, src, host, &json, &dup), 0);
	CHECK_INT(dup, 0);
	CHECK_INT(hdb_store_add_bench(st, src, unknown, &json, &dup), 0);
	CHECK_INT(dup, 1);
	json.n_depth = 2048;
	CHECK_INT(hdb_store_add_bench(st, src, unknown, &json, &dup), 0);
	CHECK_INT(dup, 0);
	CHECK_INT(hdb_store_add_bench(st, src, host, &json, &dup), 0);
	CHECK_INT(dup, 1);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM bench"), 1 + 3000 + 2 + 2);
	CHECK_INT(one_int(st, "SELECT count(*) FROM bench WHERE n_depth = 512 AND precision = 6 "
			      "AND host_id = (SELECT id FROM host WHERE name = 'epyc-1')"), 1);
	/* the unknown host's row took the host of the second report */
	CHECK_INT(one_int(st, "SELECT count(*) FROM bench WHERE n_depth = 2048 "
			      "AND host_id = (SELECT id FROM host WHERE name = 'epyc-1')"), 1);
	/* source's hash lost its UNIQUE index for one on its first digits
	 * (schema 13): a file from before the upgrade is still known, and
	 * one that shares its first 8 digits is not it */
	{
		char *prev = NULL;

		CHECK_INT(hdb_store_find_source(st, "old", &prev), 1);
		CHECK_STR(prev, "old.json");
		free(prev);
		CHECK_INT(hdb_store_begin(st), 0);
		CHECK_INT(hdb_store_add_source(st, "b.json", "0123456789abcdef", 1, "llama-bench-json", &src), 0);
		CHECK_INT(hdb_store_commit(st), 0);
		CHECK_INT(hdb_store_find_source(st, "01234567ffffffff", NULL), 0);
		CHECK_INT(hdb_store_find_source(st, "0123456789abcdef", NULL), 1);
		CHECK_INT(one_int(st, "SELECT count(*) FROM sqlite_master WHERE name = 'source_sha256'"), 1);
	}
	/* a host's rows through bench_lookup (in the order written), not
	 * bench_time, which also leads with the host (schema 13) */
	CHECK_INT(plan_uses(st, "SELECT id, test_time FROM throughput WHERE host = 'epyc-1'",
			    "bench_lookup"), 1);
	CHECK_INT(plan_uses(st, "SELECT path FROM source WHERE substr(sha256, 1, 8) = "
			    "substr('abc', 1, 8) AND +sha256 = 'abc'", "source_sha256"), 1);
	hdb_store_close(st);
}

/* A JSON record of tg128 with its test_time. */
static struct hdb_bench_record tg128_json(void)
{
	struct hdb_bench_record r = record("tg128", 81.734512);

	r.model_type = "llama 8B Q4_0";
	r.stddev_ts = 0.412345;
	r.test_time = "2026-11-28T00:00:00Z";
	return r;
}

/*
 * A record with a test_time passes by the probes for rows of no
 * test_time and rows of the unknown host while the store holds none; it
 * looks again in every transaction, so rows written by an earlier one
 * (or another process) are still found, as are rows written earlier in
 * the same transaction.
 */
static void probes_look_again_in_each_transaction(void)
{
	const char *p = path_in_tmp("probes.db");
	struct hdb_store *st;
	struct hdb_bench_record json = tg128_json(), md;
	long long src, host, unknown;
	int dup;

	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, "a.json", "a1", 1, "llama-bench-json", &src), 0);
	CHECK_INT(hdb_store_host(st, "epyc-1", NULL, NULL, NULL, NULL, NULL, &host), 0);
	/* a host's row, before the store holds any of the unknown host */
	CHECK_INT(hdb_store_add_bench(st, src, host, &json, &dup), 0);
	CHECK_INT(dup, 0);
	CHECK_INT(hdb_store_commit(st), 0);
	/* the unknown host's row, then the host's twin: one row */
	json.n_depth = 4096;
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_unknown_host(st, &unknown), 0);
	CHECK_INT(hdb_store_add_bench(st, src, unknown, &json, &dup), 0);
	CHECK_INT(dup, 0);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_bench(st, src, host, &json, &dup), 0);
	CHECK_INT(dup, 1);
	CHECK_INT(hdb_store_commit(st), 0);
	/* a markdown row of the host (no test_time), then its JSON twin in
	 * the next transaction, and another in the same one */
	md = markdown_twin(json, 81.73, 0.41);
	md.n_depth = 8192;
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_bench(st, src, host, &md, &dup), 0);
	CHECK_INT(dup, 0);
	CHECK_INT(hdb_store_commit(st), 0);
	json.n_depth = 8192;
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_bench(st, src, host, &json, &dup), 0);
	CHECK_INT(dup, 1);
	md.n_depth = json.n_depth = 16384;
	CHECK_INT(hdb_store_add_bench(st, src, host, &md, &dup), 0);
	CHECK_INT(dup, 0);
	CHECK_INT(hdb_store_add_bench(st, src, host, &json, &dup), 0);
	CHECK_INT(dup, 1);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM bench"), 4);
	CHECK_INT(one_int(st, "SELECT count(*) FROM bench WHERE test_time IS NULL"), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM bench WHERE host_id = "
			      "(SELECT id FROM host WHERE named_by = 'unknown')"), 0);
	hdb_store_close(st);
}

/*
 * A store of JSON rows has no value index (schema 12); the first markdown
 * record makes it in its transaction, finds the JSON row through it, and
 * a rollback that takes the index away leaves the next one to make it
 * again.
 */
static void the_value_index_is_made_when_first_needed(void)
{
	const char *p = path_in_tmp("valueidx.db");
	struct hdb_store *st;
	struct hdb_bench_record json = tg128_json(), md;
	long long src, host, unknown;
	int dup;

	md = markdown_twin(json, 81.73, 0.41);
	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, "a.json", "a1", 1, "llama-bench-json", &src), 0);
	CHECK_INT(hdb_store_unknown_host(st, &unknown), 0);
	CHECK_INT(hdb_store_host(st, "epyc-1", NULL, NULL, NULL, NULL, NULL, &host), 0);
	CHECK_INT(hdb_store_add_bench(st, src, host, &json, &dup), 0);
	CHECK_INT(dup, 0);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM sqlite_master WHERE name = 'bench_precision'"), 0);
	/* markdown, rolled back: the index goes with it */
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, "a.md", "a2", 1, "llama-bench-md", &src), 0);
	CHECK_INT(hdb_store_add_bench(st, src, unknown, &md, &dup), 0);
	CHECK_INT(dup, 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM sqlite_master WHERE name = 'bench_precision'"), 1);
	hdb_store_rollback(st);
	CHECK_INT(one_int(st, "SELECT count(*) FROM sqlite_master WHERE name = 'bench_precision'"), 0);
	/* and again: made again, the same row found, kept */
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, "a.md", "a2", 1, "llama-bench-md", &src), 0);
	CHECK_INT(hdb_store_add_bench(st, src, unknown, &md, &dup), 0);
	CHECK_INT(dup, 1);
	md.avg_ts = 90.5;
	CHECK_INT(hdb_store_add_bench(st, src, unknown, &md, &dup), 0);
	CHECK_INT(dup, 0);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM sqlite_master WHERE name = 'bench_precision'"), 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM bench"), 2);
	CHECK_INT(one_int(st, "PRAGMA temp_store"), 2);
	hdb_store_close(st);
	/* a store that has it keeps it, and finds through it */
	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, "b.md", "b1", 1, "llama-bench-md", &src), 0);
	CHECK_INT(hdb_store_add_bench(st, src, unknown, &md, &dup), 0);
	CHECK_INT(dup, 1);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM bench"), 2);
	hdb_store_close(st);
}

/* The same for requests: one logged with two decimals and saved as a
 * JSON response with three is one row, among many like it. */
static void requests_are_found_again_among_many(void)
{
	const char *p = path_in_tmp("req.db");
	struct hdb_store *st;
	struct hdb_server_record r;
	long long src, unknown;
	int dup, i;

	memset(&r, 0, sizeof(r));
	r.tool = "llama-server";
	r.build_number = r.n_ctx = r.n_slots = r.slot_id = r.task_id = HDB_UNSET;
	r.cache_n = HDB_UNSET;
	r.prompt_n = 100;
	r.gen_n = 50;
	r.prompt_tps = r.gen_tps = NAN;
	r.gen_ms = 500.0;
	r.precision = 3;
	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, "a", "a", 1, "llama-log", &src), 0);
	CHECK_INT(hdb_store_unknown_host(st, &unknown), 0);
	for (i = 0; i < 2000; i++) {
		r.prompt_ms = 120.0 + i * 0.001;
		r.task_id = i;
		CHECK_INT(hdb_store_add_server(st, src, unknown, &r, &dup), 0);
		CHECK_INT(dup, 0);
	}
	r.prompt_ms = 120.5;
	r.task_id = HDB_UNSET;
	r.precision = 1;
	CHECK_INT(hdb_store_add_server(st, src, unknown, &r, &dup), 0);
	CHECK_INT(dup, 1);
	r.prompt_ms = 121.23;
	r.precision = 2;
	CHECK_INT(hdb_store_add_server(st, src, unknown, &r, &dup), 0);
	CHECK_INT(dup, 1);
	r.prompt_ms = 1.0;
	CHECK_INT(hdb_store_add_server(st, src, unknown, &r, &dup), 0);
	CHECK_INT(dup, 0);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM server_request"), 2001);
	hdb_store_close(st);
}

/*
 * Two runs that differ only in their variant (--variant at ingest: a
 * hybrid offload, two GPUs, a power cap) are two measurements, whichever
 * lookup finds the candidates (a test_time, a value window, fewer
 * decimals); a second print of one of them merges into its own row.
 */
static void two_variants_are_two_measurements(void)
{
	const char *p = path_in_tmp("variant.db");
	struct hdb_store *st;
	struct hdb_bench_record json = record("tg128", 261.905539), md;
	struct hdb_server_record r;
	long long src, host, unknown;
	int dup;

	json.model_type = "qwen3moe ?B Q4_K - Medium";
	json.stddev_ts = 37.321809;
	json.test_time = "2026-11-22T00:03:12Z";
	md = markdown_twin(json, 261.91, 37.32);
	CHECK_INT(hdb_store_open(p, HDB_STORE_WRITE, &st), 0);
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, "a", "a", 1, "llama-bench-json", &src), 0);
	CHECK_INT(hdb_store_host(st, "epyc", NULL, NULL, NULL, NULL, NULL, &host), 0);
	CHECK_INT(hdb_store_unknown_host(st, &unknown), 0);
	CHECK_INT(hdb_store_add_bench(st, src, host, &json, &dup), 0);
	CHECK_INT(dup, 0);
	json.variant = "dual-gpu";
	CHECK_INT(hdb_store_add_bench(st, src, host, &json, &dup), 0);
	CHECK_INT(dup, 0);
	CHECK_INT(hdb_store_add_bench(st, src, host, &json, &dup), 0);
	CHECK_INT(dup, 1);
	/* markdown (no test_time): by value, each into its own variant */
	md.variant = "dual-gpu";
	CHECK_INT(hdb_store_add_bench(st, src, unknown, &md, &dup), 0);
	CHECK_INT(dup, 1);
	md.variant = NULL;
	CHECK_INT(hdb_store_add_bench(st, src, unknown, &md, &dup), 0);
	CHECK_INT(dup, 1);
	md.variant = "100W";
	CHECK_INT(hdb_store_add_bench(st, src, unknown, &md, &dup), 0);
	CHECK_INT(dup, 0);
	/* fewer decimals than the 100W row: found by precision, same variant
	 * only */
	md.avg_ts = 261.9;
	md.precision = 1;
	CHECK_INT(hdb_store_add_bench(st, src, unknown, &md, &dup), 0);
	CHECK_INT(dup, 1);
	md.variant = "hybrid-ngl22";
	CHECK_INT(hdb_store_add_bench(st, src, unknown, &md, &dup), 0);
	CHECK_INT(dup, 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM bench"), 4);
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput WHERE variant IS NULL "
			      "AND host = 'epyc' AND n_reps = 3"), 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput WHERE variant = 'dual-gpu' "
			      "AND host = 'epyc' AND avg_ts = 261.905539"), 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput WHERE variant = '100W' "
			      "AND host = 'unknown' AND avg_ts = 261.91"), 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput WHERE variant = 'hybrid-ngl22'"), 1);

	/* requests the same way */
	memset(&r, 0, sizeof(r));
	r.tool = "llama-server";
	r.build_number = r.n_ctx = r.n_slots = r.slot_id = r.task_id = HDB_UNSET;
	r.cache_n = HDB_UNSET;
	r.prompt_n = 3602;
	r.gen_n = 64;
	r.prompt_ms = 17479.197;
	r.gen_ms = 943.115;
	r.prompt_tps = r.gen_tps = NAN;
	r.precision = 3;
	CHECK_INT(hdb_store_add_server(st, src, host, &r, &dup), 0);
	CHECK_INT(dup, 0);
	r.variant = "100W";
	CHECK_INT(hdb_store_add_server(st, src, host, &r, &dup), 0);
	CHECK_INT(dup, 0);
	r.prompt_ms = 17479.2;
	r.gen_ms = 943.12;
	r.precision = 2;
	CHECK_INT(hdb_store_add_server(st, src, unknown, &r, &dup), 0);
	CHECK_INT(dup, 1);
	r.variant = NULL;
	CHECK_INT(hdb_store_add_server(st, src, unknown, &r, &dup), 0);
	CHECK_INT(dup, 1);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM server_timing"), 2);
	CHECK_INT(one_int(st, "SELECT count(*) FROM server_timing WHERE variant = '100W' "
			      "AND host = 'epyc' AND prompt_ms = 17479.197"), 1);
	hdb_store_close(st);
}

int main(void)
{
	RUN(new_store_is_stamped_and_in_wal_mode);
	RUN(newer_store_is_refused_naming_both_versions);
	RUN(foreign_files_are_refused);
	RUN(a_read_only_store_refuses_writes);
	RUN(records_and_samples_are_written);
	RUN(repetitions_come_back_in_order);
	RUN(raw_records_come_back_byte_for_byte);
	RUN(a_version_9_store_keeps_its_raw_records);
	RUN(hosts_by_key_and_by_name);
	RUN(derived_names_get_a_suffix_only_when_taken);
	RUN(a_version_1_store_is_upgraded_with_its_rows);
	RUN(a_new_store_has_the_schema_the_migrations_leave);
	RUN(a_new_store_takes_its_batches_without_the_log);
	RUN(a_reader_rolls_back_a_killed_batch);
	RUN(a_measurement_printed_twice_is_one_row);
	RUN(two_variants_are_two_measurements);
	RUN(the_unknown_host_name_is_reserved);
	RUN(lookups_stay_narrow_and_find_the_same_rows);
	RUN(the_value_index_is_made_when_first_needed);
	RUN(probes_look_again_in_each_transaction);
	RUN(requests_are_found_again_among_many);
	RUN(a_writer_waits_for_a_long_transaction);
	RUN(a_store_in_a_read_only_directory_can_be_read);
	return t_done();
}
