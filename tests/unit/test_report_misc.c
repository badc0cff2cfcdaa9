/*
 * Unit tests: the report's sections around the measurements
 * (query/section_misc.c): contestants, runs that did not finish, notes
 * and methodology, on fixture stores whose answers are known from how
 * they were built.
 *
 * With REPORT_MISC_DB=PATH in the environment the binary instead prints
 * those four sections of the store at PATH as rough markdown (values
 * escaped only for '|'), to read them on the demo store.
 */
#include "harness.h"
#include "qfixture.h"
#include "../../query/query.h"
#include "../../schema/store.h"
#include "../../util.h"

#include <sqlite3.h>

/* --- Building the fixture --- */

struct row {
	const char *host, *model, *test, *kv, *status, *error, *backend;
	long long depth, build, ngl, n_reps;	/* n_reps 0: unknown */
	double mean, sd;			/* sd 0: unknown */
	int samples;				/* store n_reps samples */
};

static void add(struct hdb_store *st, const struct row *w)
{
	static int seq;
	struct hdb_bench_record r;
	struct hdb_sample s[8];
	char time[32];
	long long i;

	memset(&r, 0, sizeof(r));
	r.line = 1;
	r.model = w->model;
	r.quant = "Q4_K_M";
	r.test = w->test ? w->test : "tg128";
	r.n_prompt = r.test[0] == 'p' ? 512 : 0;
	r.n_gen = r.test[0] == 't' ? 128 : 0;
	r.n_depth = w->depth;
	r.type_k = r.type_v = w->kv ? w->kv : "q8_0";
	snprintf(time, sizeof(time), "2026-01-01T00:%02d:%02dZ", seq / 60,
		 seq % 60);
	seq++;
	r.test_time = time;
	r.status = w->status ? w->status : "ok";
	r.error = w->error;
	r.backend = w->backend ? w->backend : "Vulkan";
	r.build_number = w->build ? w->build : HDB_UNSET;
	r.flash_attn = 1;
	r.n_gpu_layers = w->ngl ? w->ngl : 99;
	r.model_size = r.model_n_params = HDB_UNSET;
	r.n_batch = r.n_ubatch = r.n_threads = HDB_UNSET;
	r.avg_ns = r.stddev_ns = HDB_UNSET;
	r.avg_ts = w->status ? NAN : w->mean;
	r.stddev_ts = w->status || !w->sd ? NAN : w->sd;
	r.n_reps = w->n_reps ? w->n_reps : HDB_UNSET;
	if (w->samples) {
		/* mean - sd, mean, mean + sd: mean and sd as stored */
		for (i = 0; i < w->n_reps; i++) {
			s[i].ts = w->mean + (double)(i - 1) * w->sd;
			s[i].ns = HDB_UNSET;
		}
		r.samples = s;
		r.n_samples = (size_t)w->n_reps;
		r.samples_known = 1;
	}
	add_record(st, w->host, &r);
}

/* A quality row on host, its details as given (NULL: none). */
static void add_q(struct hdb_store *st, const char *host, const char *model,
		  const char *benchmark, long long n_items, long long n_pass,
		  const char *details)
{
	struct hdb_quality_record r;
	struct hdb_attach a;

	memset(&r, 0, sizeof(r));
	memset(&a, 0, sizeof(a));
	a.model = model;
	a.quant = "Q4_K_M";
	a.backend = "CUDA";
	r.line = 1;
	r.harness = "published";
	r.benchmark = benchmark;
	r.metric = "pass_rate_2";
	r.n_items = n_items;
	r.n_pass = n_pass;
	r.score = n_pass == HDB_UNSET ? NAN : (double)n_pass / n_items;
	r.stderr = NAN;
	r.details = details;
	add_quality_record(st, host, &a, &r);
}

/*
 * The fixture: hosts "big" (CUDA, build 9064 and one row without a
 * build) and "mini" (Vulkan, no build), the pair by row count (big has
 * most rows); "lone" has one quality row.  Models m1 and m2 at depth 0
 * on both; m3 deeper, big wedged at 32768 and 65536 for pp512 and tg128;
 * mini crashed once (m4, 65536).
 */
static struct hdb_store *fixture(void)
{
	struct hdb_store *st = fresh("misc.db");
	/* big: kv q4_0, CUDA; m2 hybrid (ngl 22); 3 reps with sd */
	static const struct row rows[] = {
		{ "big", "m1", "tg128", "q4_0", NULL, NULL, "CUDA", 0, 9064,
		  0, 3, 100, 1, 1 },
		{ "big", "m1", "pp512", "q4_0", NULL, NULL, "CUDA", 0, 9064,
		  0, 3, 2000, 10, 1 },
		{ "big", "m2", "tg128", "q4_0", NULL, NULL, "CUDA", 0, 9064,
		  22, 3, 12, 0.1, 1 },
		{ "big", "m3", "tg128", "q4_0", NULL, NULL, "CUDA", 0, 0, 0,
		  0, 88, 0, 0 },
		{ "big", "m3", "pp512", "q4_0", "wedged", "MLA <slow>", "CUDA",
		  32768, 9064, 0, 0, 0, 0, 0 },
		{ "big", "m3", "pp512", "q4_0", "wedged", "MLA <slow>", "CUDA",
		  65536, 9064, 0, 0, 0, 0, 0 },
		{ "big", "m3", "tg128", "q4_0", "wedged", "MLA <slow>", "CUDA",
		  32768, 9064, 0, 0, 0, 0, 0 },
		{ "big", "m3", "tg128", "q4_0", "wedged", "MLA <slow>", "CUDA",
		  65536, 9064, 0, 0, 0, 0, 0 },
		/* mini: kv q8_0, Vulkan, no build; mean only */
		{ "mini", "m1", "tg128", NULL, NULL, NULL, NULL, 0, 0, 0, 0,
		  75, 0, 0 },
		{ "mini", "m1", "pp512", NULL, NULL, NULL, NULL, 0, 0, 0, 0,
		  1000, 0, 0 },
		{ "mini", "m2", "tg128", NULL, NULL, NULL, NULL, 0, 0, 0, 0,
		  56, 0, 0 },
		{ "mini", "m3", "tg128", NULL, NULL, NULL, NULL, 0, 0, 0, 0,
		  106, 0, 0 },
		{ "mini", "m4", "tg128", NULL, "crashed", "device | lost",
		  NULL, 65536, 0, 0, 0, 0, 0, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		add(st, &rows[i]);
	add_q(st, "big", "m2", "aider-polyglot", 225, HDB_UNSET,
	      "{\"note\":\"abandoned after 9 of 225\",\"status\":\"failed\"}");
	add_q(st, "mini", "m2", "aider-polyglot", 225, 107, "{\"note\":\"x\"}");
	add_q(st, "lone", "m1", "gsm8k", 200, 180, NULL);
	return st;
}

/* --- Reading the model --- */

/* The value flag of the first prose part of a kind of block whose text
 * is text (-1 when none is): 1 for a string from the store, which
 * render/ escapes. */
static int part_value(const struct hdb_section *s, enum hdb_block_kind kind,
		      const char *text)
{
	size_t i, j;

	for (i = 0; s && i < s->n; i++)
		for (j = 0; s->blocks[i].kind == kind &&
		     j < s->blocks[i].prose.n; j++)
			if (!strcmp(s->blocks[i].prose.parts[j].text, text))
				return s->blocks[i].prose.parts[j].value;
	return -1;
}

/* The n-th table of a section. */
static const struct hdb_table *table_of(const struct hdb_section *s, int n)
{
	size_t i;

	for (i = 0; s && i < s->n; i++)
		if (s->blocks[i].kind == HDB_BLOCK_TABLE && n-- == 0)
			return &s->blocks[i].table;
	T_FAIL("no table %d", n);
	return NULL;
}

/* The row of a table whose column has the text, or -1. */
static long find_row(const struct hdb_table *t, const char *colname,
		     const char *value)
{
	size_t r;

	for (r = 0; t && r < t->n_rows; r++) {
		const char *v = text(t, r, colname);

		if (v && !strcmp(v, value))
			return (long)r;
	}
	return -1;
}

static int report(struct hdb_store *st, const char *hosts,
		  struct hdb_report_model *m)
{
	struct hdb_report_opts o;

	memset(&o, 0, sizeof(o));
	o.hosts = hosts;
	if (hdb_query_report(hdb_store_sqlite(st), &o, m)) {
		T_FAIL("report: %s", hdb_errmsg());
		return -1;
	}
	return 0;
}

/* --- Tests --- */

static void contestants_table_and_sentence(void)
{
	struct hdb_store *st = fixture();
	struct hdb_report_model m;
	const struct hdb_section *s;
	const struct hdb_table *t;
	char *prose;
	long r;

	if (report(st, NULL, &m))
		return;
	s = section(&m, "contestants");
	CHECK(s != NULL);
	CHECK_STR(s ? s->title : NULL, "The contestants");
	prose = joined(s, HDB_BLOCK_PROSE);
	/* big has 8 throughput rows, mini 5: the pair is big, mini.  big
	 * finished m1, m2, m3 (throughput) and no quality run (failed);
	 * mini finished m1, m2, m3 (m4 crashed) plus m2 quality */
	CHECK_HAS(prose, "This report compares big and mini: big measured "
		  "3 models, mini 3.");
	CHECK_HAS(prose, "1 other host: lone.");
	/* the fixture's hosts have no cpu_info or gpu_info */
	CHECK_HAS(prose, "No result file names a CPU or GPU");
	free(prose);
	t = table_of(s, 0);
	if (t) {
		/* no CPU/GPU columns when no host has one */
		for (r = 0; r < (long)t->n_cols; r++)
			CHECK(strcmp(t->cols[r], "CPU") != 0);
		CHECK_INT(t->n_rows, 3);
		CHECK_STR(text(t, 0, "Host"), "big");
		CHECK_STR(text(t, 1, "Host"), "mini");
		CHECK_STR(text(t, 2, "Host"), "lone");
		CHECK_STR(text(t, 0, "Backends"), "CUDA");
		CHECK_STR(text(t, 0, "Builds"), "9064, not recorded");
		CHECK_STR(text(t, 1, "Builds"), "not recorded");
		CHECK_INT(integer(t, 0, "Throughput rows"), 8);
		CHECK_INT(integer(t, 0, "Quality rows"), 1);
		CHECK_INT(integer(t, 0, "Models"), 3);
		CHECK_INT(integer(t, 1, "Throughput rows"), 5);
		r = find_row(t, "Host", "lone");
		CHECK_INT(integer(t, (size_t)r, "Throughput rows"), 0);
		CHECK_INT(integer(t, (size_t)r, "Models"), 1);
	}
	hdb_report_model_release(&m);
	hdb_store_close(st);
}

/* Facts set with `halodb hosts set`: memory, TDP and price first, other
 * keys after, notes a line per host; a host without rows adds none. */
static void contestants_show_the_facts_of_hosts(void)
{
	struct hdb_store *st = fixture();
	struct hdb_host_fact big[] = { { "tdp", "350W", NULL },
				       { "memory", "24GB", NULL },
				       { "notes", "rented <by> the hour", NULL } };
	struct hdb_host_fact mini[] = { { "price", "1999USD", NULL },
					{ "os", "Fedora 42", NULL } };
	struct hdb_host_fact idle[] = { { "gpus", "2", NULL },
					{ "notes", "never ran", NULL } };
	struct hdb_report_model m;
	const struct hdb_section *s;
	const struct hdb_table *t;
	char *list, *prose;
	long long h;

	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_host(st, "idle", NULL, NULL, NULL, NULL, NULL, &h), 0);
	CHECK_INT(hdb_store_set_host_facts(st, "big", big, 3), 0);
	CHECK_INT(hdb_store_set_host_facts(st, "mini", mini, 2), 0);
	CHECK_INT(hdb_store_set_host_facts(st, "idle", idle, 2), 0);
	CHECK_INT(hdb_store_commit(st), 0);
	hdb_host_facts_release(big, 3);
	hdb_host_facts_release(mini, 2);
	hdb_host_facts_release(idle, 2);
	if (report(st, NULL, &m))
		return;
	s = section(&m, "contestants");
	t = table_of(s, 0);
	if (t) {
		CHECK_INT(t->n_cols, 10);
		CHECK_STR(t->cols[0], "Host");
		CHECK_STR(t->cols[1], "Memory");
		CHECK_STR(t->cols[2], "TDP");
		CHECK_STR(t->cols[3], "Price");
		CHECK_STR(t->cols[4], "os");
		CHECK_STR(t->cols[5], "Backends");
		CHECK_STR(text(t, 0, "Host"), "big");
		CHECK_STR(text(t, 0, "Memory"), "24GB");
		CHECK_STR(text(t, 0, "TDP"), "350W");
		CHECK(is_null(t, 0, "Price"));
		CHECK_STR(text(t, 1, "Price"), "1999USD");
		CHECK_STR(text(t, 1, "os"), "Fedora 42");
		CHECK(is_null(t, 2, "Memory"));
		CHECK_INT(find_row(t, "Host", "idle"), -1);
	}
	prose = joined(s, HDB_BLOCK_TABLE);
	CHECK_HAS(prose, "What the store knows of each host: the facts set "
		  "for it with `halodb hosts set`, backends");
	free(prose);
	list = joined(s, HDB_BLOCK_LIST);
	CHECK_STR(list, "big: rented <by> the hour\n");
	free(list);
	/* the host and its notes are the store's: escaped where written */
	CHECK_INT(part_value(s, HDB_BLOCK_LIST, "rented <by> the hour"), 1);
	CHECK_INT(part_value(s, HDB_BLOCK_LIST, "big"), 1);
	hdb_report_model_release(&m);
	hdb_store_close(st);
}

static void died_lists_every_run_that_did_not_finish(void)
{
	struct hdb_store *st = fixture();
	struct hdb_report_model m;
	const struct hdb_section *s;
	const struct hdb_table *t;
	char *list, *prose;
	long r;

	if (report(st, NULL, &m))
		return;
	s = section(&m, "died");
	CHECK(s != NULL);
	CHECK_STR(s ? s->title : NULL, "Runs that did not finish");
	prose = joined(s, HDB_BLOCK_PROSE);
	CHECK_HAS(prose, "5 throughput runs did not finish, and 1 quality "
		  "run.");
	free(prose);
	list = joined(s, HDB_BLOCK_LIST);
	/* the four wedged rows of big's m3 (its tg128 at depth 0 finished,
	 * in the same file), and its failed Aider run; where each model's
	 * runs stopped, as the seed says it ("crashed at 65K") */
	CHECK_HAS(list, "big: m3 wedged at 32K and 65K (pp512, tg128) after "
		  "finishing depth 0, 4 runs; 1 quality run failed (m2: "
		  "aider-polyglot).\n");
	CHECK_HAS(list, "mini: m4 crashed at 65K (tg128).\n");
	free(list);
	/* host and model names are values (escaped by render/); the words
	 * around them are halodb's */
	CHECK_INT(part_value(s, HDB_BLOCK_LIST, "mini"), 1);
	CHECK_INT(part_value(s, HDB_BLOCK_LIST, "m4"), 1);
	CHECK_INT(part_value(s, HDB_BLOCK_LIST, "aider-polyglot"), 1);
	CHECK_INT(part_value(s, HDB_BLOCK_LIST, ": "), 0);
	t = table_of(s, 0);
	if (t) {
		/* one row for the four wedged runs: same model, status,
		 * error */
		CHECK_INT(t->n_rows, 2);
		r = find_row(t, "Host", "big");
		CHECK_STR(text(t, (size_t)r, "Test"), "pp512, tg128");
		CHECK_STR(text(t, (size_t)r, "Depth"), "32K, 65K");
		CHECK_INT(integer(t, (size_t)r, "Runs"), 4);
		CHECK_STR(text(t, (size_t)r, "Status"), "wedged");
		CHECK_STR(text(t, (size_t)r, "Error"), "MLA <slow>");
		r = find_row(t, "Host", "mini");
		CHECK_STR(text(t, (size_t)r, "Error"), "device | lost");
	}
	t = table_of(s, 1);
	if (t) {
		CHECK_INT(t->n_rows, 1);
		CHECK_STR(text(t, 0, "Status"), "failed");
		CHECK_STR(text(t, 0, "Note"), "abandoned after 9 of 225");
		CHECK(is_null(t, 0, "Passed"));
	}
	hdb_report_model_release(&m);
	hdb_store_close(st);
}

static void died_is_absent_when_every_run_finished(void)
{
	struct hdb_store *st = fresh("finished.db");
	struct hdb_report_model m;
	struct row w = { "a", "m1", "tg128", NULL, NULL, NULL, NULL, 0, 1,
			 0, 3, 10, 1, 0 };

	add(st, &w);
	if (report(st, NULL, &m))
		return;
	CHECK(section(&m, "died") == NULL);
	CHECK(section(&m, "contestants") != NULL);
	/* one host: no comparison, no build skew, so no notes */
	CHECK(section(&m, "notes") == NULL);
	hdb_report_model_release(&m);
	hdb_store_close(st);
}

static void notes_name_differences_builds_and_repetitions(void)
{
	struct hdb_store *st = fixture();
	struct hdb_report_model m;
	const struct hdb_section *s;
	char *list, *prose;

	if (report(st, NULL, &m))
		return;
	s = section(&m, "notes");
	CHECK(s != NULL);
	CHECK_STR(s ? s->title : NULL, "Notes");
	list = joined(s, HDB_BLOCK_LIST);
	/* query ratio big/mini pairs m1 (pp512, tg128), m2, m3 tg128 at
	 * 0, and m3 pp512/tg128 at 32768 and 65536 (big wedged, mini has
	 * none: said) and m4 (mini crashed): the models both sides have
	 * are m1, m2 and m3 */
	CHECK_HAS(list, "kv q4_0 vs q8_0: every model (3)");
	CHECK_HAS(list, "backend CUDA vs Vulkan: every model (3)");
	/* big's m3 tg128 at depth 0 names no build, as mini's rows */
	CHECK_HAS(list, "build 9064 vs ?: m1 and m2\n");
	CHECK_HAS(list, "ngl 22 vs 99: m2. These are layers on the GPU");
	/* builds: big's m1, m2 and wedged m3 rows at 9064 (7), m3 tg128 at
	 * depth 0 without (1); mini none */
	CHECK_HAS(list, "big: 9064 (7 rows), not recorded (1 row)\n");
	CHECK_HAS(list, "mini: not recorded (5 rows)\n");
	/* the four ok comparisons: mini publishes no spread and no count */
	CHECK_HAS(list, "a spread (standard deviation): 4 comparisons");
	CHECK_HAS(list, "a repetition count: 4 comparisons");
	free(list);
	prose = joined(s, HDB_BLOCK_PROSE);
	CHECK_HAS(prose, "All 4 comparisons of big with mini say *too "
		  "few repetitions*");
	free(prose);
	hdb_report_model_release(&m);
	hdb_store_close(st);

	/* every model: the label says so */
	st = fresh("every.db");
	{
		struct row a = { "a", "m1", "tg128", "q4_0", NULL, NULL, NULL,
				 0, 1, 0, 3, 10, 1, 0 };
		struct row b = { "b", "m1", "tg128", NULL, NULL, NULL, NULL,
				 0, 1, 0, 3, 12, 1, 0 };

		add(st, &a);
		add(st, &b);
		a.model = b.model = "m2";
		add(st, &a);
		add(st, &b);
	}
	if (report(st, "a,b", &m))
		return;
	list = joined(section(&m, "notes"), HDB_BLOCK_LIST);
	CHECK_HAS(list, "kv q4_0 vs q8_0: every model (2)");
	free(list);
	prose = joined(section(&m, "notes"), HDB_BLOCK_PROSE);
	/* sd 1 and 3 repetitions on both sides: decided, not too few; the
	 * same build 1 on both: no build note */
	CHECK(!strstr(prose, "too few"));
	CHECK(!strstr(prose, "Builds of llama.cpp"));
	free(prose);
	hdb_report_model_release(&m);
	hdb_store_close(st);
}

static void methodology_repetitions_policy_and_sources(void)
{
	struct hdb_store *st = fixture();
	struct hdb_report_model m;
	const struct hdb_section *s;
	const struct hdb_table *t;
	char *prose, *list;

	if (report(st, NULL, &m))
		return;
	s = section(&m, "methodology");
	CHECK(s != NULL);
	CHECK_STR(s ? s->title : NULL, "Methodology");
	prose = joined(s, HDB_BLOCK_PROSE);
	/* 8 finished throughput rows: big's m1 pp/tg and m2 with 3 reps and
	 * samples; big's m3 and mini's 4 without a count */
	CHECK_HAS(prose, "Of the 8 finished throughput rows, 3 have 3 "
		  "repetitions and 5 do not say how many");
	CHECK_HAS(prose, "; 3 carry their per-repetition samples.");
	/* 13 throughput and 3 quality files */
	CHECK_HAS(prose, "built from 16 files");
	free(prose);
	list = joined(s, HDB_BLOCK_LIST);
	/* the default noise band of query ratio, 0.02 */
	CHECK_HAS(list, "clears 1 ± 2%;");
	CHECK_HAS(list, "Wilson 95% score intervals");
	CHECK_HAS(list, "McNemar's exact test");
	/* the full hash: the fixture's sha256 is "qfixture-N" */
	CHECK_HAS(list, "f.json: qfixture-");
	free(list);
	t = table_of(s, 0);
	if (t) {
		CHECK_INT(t->n_rows, 16);
		CHECK_STR(text(t, 0, "File"), "f.json");
		CHECK_STR(text(t, 0, "Format"), "llama-bench-json");
		CHECK_INT(integer(t, 0, "Rows"), 1);
		CHECK(text(t, 0, "Ingested") != NULL);
		/* the quality files come last (path "q.json"); their sha256
		 * "qfixture-qN" (qfixture.h) shortened to 12 characters */
		CHECK_STR(text(t, 13, "File"), "q.json");
		CHECK_INT(integer(t, 13, "Rows"), 1);
		CHECK(!strncmp(text(t, 13, "sha256"), "qfixture-q", 10));
	}
	hdb_report_model_release(&m);
	hdb_store_close(st);
}

/* A store of many files lists the first 1000 and counts the rest, so
 * that the report does not grow with the store. */
static void methodology_lists_the_first_thousand_sources(void)
{
	struct hdb_store *st = fixture();
	struct hdb_report_model m;
	const struct hdb_section *s;
	const struct hdb_table *t;
	char *prose, *list;

	CHECK(sqlite3_exec(hdb_store_sqlite(st),
			   "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
			   "SELECT i + 1 FROM n WHERE i < 1000) "
			   "INSERT INTO source (path, sha256, bytes, format, "
			   "ingested_at) SELECT printf('z/%04d.json', i), "
			   "printf('zz%04d', i), 1, 'llama-bench-json', "
			   "'2099-01-01T00:00:00Z' FROM n", NULL, NULL,
			   NULL) == SQLITE_OK);
	if (report(st, NULL, &m))
		return;
	s = section(&m, "methodology");
	CHECK(s != NULL);
	prose = joined(s, HDB_BLOCK_PROSE);
	CHECK_HAS(prose, "built from 1016 files");
	/* the date is the report's, clamped to SOURCE_DATE_EPOCH */
	CHECK_HAS(prose, "The first 1000 files are listed here; 16 more were "
		  "ingested after them, the last on ");
	CHECK_HAS(prose, " (`halodb sources` lists every one with its "
		  "sha256).");
	free(prose);
	list = joined(s, HDB_BLOCK_LIST);
	CHECK_HAS(list, "z/0984.json: zz0984");
	CHECK(!strstr(list, "z/0985.json"));
	free(list);
	t = table_of(s, 0);
	if (t) {
		CHECK_INT(t->n_rows, 1000);
		CHECK_STR(text(t, 999, "File"), "z/0984.json");
	}
	hdb_report_model_release(&m);
	hdb_store_close(st);
}

static void model_filter_keeps_only_its_models(void)
{
	struct hdb_store *st = fixture();
	struct hdb_report_model m;
	struct hdb_report_opts o;
	const char *models[] = { "m4" };
	const struct hdb_section *s;
	char *list;

	memset(&o, 0, sizeof(o));
	o.models = models;
	o.n_models = 1;
	if (hdb_query_report(hdb_store_sqlite(st), &o, &m)) {
		T_FAIL("report: %s", hdb_errmsg());
		return;
	}
	s = section(&m, "died");
	list = joined(s, HDB_BLOCK_LIST);
	CHECK_HAS(list, "mini: m4 crashed at 65K");
	CHECK(!strstr(list, "big"));
	free(list);
	s = section(&m, "contestants");
	if (s) {
		const struct hdb_table *t = table_of(s, 0);

		/* only mini ran m4, and it did not finish */
		CHECK_INT(t ? t->n_rows : 0, 1);
		CHECK_INT(t ? integer(t, 0, "Models") : -1, 0);
	}
	hdb_report_model_release(&m);
	hdb_store_close(st);
}

/* --- REPORT_MISC_DB: the sections as markdown --- */

static void md_text(const char *s, int value)
{
	for (; s && *s; s++) {
		if (value && *s == '|')
			fputc('\\', stdout);
		fputc(*s, stdout);
	}
}

static void md_prose(const struct hdb_prose *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		md_text(p->parts[i].text, p->parts[i].value);
}

static void md_cell(const struct hdb_table *t, size_t r, size_t c)
{
	const struct hdb_cell *x = hdb_table_cell(t, r, c);

	if (x->type == HDB_CELL_TEXT)
		md_text(x->s, 1);
	else if (x->type == HDB_CELL_INT)
		printf("%lld", x->i);
	else if (x->type == HDB_CELL_REAL)
		printf("%.*f", t->digits[c] > 0 ? t->digits[c] : 3, x->r);
}

static int dump(const char *path)
{
	static const char *ids[] = { "contestants", "died", "notes",
				     "methodology" };
	struct hdb_report_model m;
	struct hdb_report_opts o;
	struct hdb_store *st;
	size_t i, j, r, c;

	memset(&o, 0, sizeof(o));
	o.hosts = getenv("REPORT_MISC_HOSTS");
	if (hdb_store_open(path, HDB_STORE_READ, &st) ||
	    hdb_query_report(hdb_store_sqlite(st), &o, &m)) {
		fprintf(stderr, "%s\n", hdb_errmsg());
		return 1;
	}
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		const struct hdb_section *s = section(&m, ids[i]);
		int in_list = 0;

		if (!s)
			continue;
		printf("## %s\n\n", s->title);
		for (j = 0; j < s->n; j++) {
			const struct hdb_block *b = &s->blocks[j];

			if (in_list && b->kind != HDB_BLOCK_LIST)
				printf("\n");
			in_list = b->kind == HDB_BLOCK_LIST;
			if (b->kind == HDB_BLOCK_LIST) {
				printf("- ");
				md_prose(&b->prose);
				printf("\n");
				continue;
			}
			md_prose(&b->prose);
			printf("\n\n");
			if (b->kind != HDB_BLOCK_TABLE)
				continue;
			for (c = 0; c < b->table.n_cols; c++)
				printf("| %s ", b->table.cols[c]);
			printf("|\n");
			for (c = 0; c < b->table.n_cols; c++)
				printf("|---");
			printf("|\n");
			for (r = 0; r < b->table.n_rows; r++) {
				for (c = 0; c < b->table.n_cols; c++) {
					printf("| ");
					md_cell(&b->table, r, c);
					printf(" ");
				}
				printf("|\n");
			}
			printf("\n");
		}
		if (in_list)
			printf("\n");
	}
	hdb_report_model_release(&m);
	hdb_store_close(st);
	return 0;
}

int main(void)
{
	if (getenv("REPORT_MISC_DB"))
		return dump(getenv("REPORT_MISC_DB"));
	RUN(contestants_table_and_sentence);
	RUN(contestants_show_the_facts_of_hosts);
	RUN(died_lists_every_run_that_did_not_finish);
	RUN(died_is_absent_when_every_run_finished);
	RUN(notes_name_differences_builds_and_repetitions);
	RUN(methodology_repetitions_policy_and_sources);
	RUN(methodology_lists_the_first_thousand_sources);
	RUN(model_filter_keeps_only_its_models);
	return t_done();
}
