/*
 * Unit tests: query/speed.c, 'halodb query speed' and 'query depth' on
 * fixture stores built with the store API.  Every expected ratio is the
 * quotient of two sample means, worked by hand in the comment next to it;
 * the seed report's numbers (../shared/seeds/000_*.txt, qwen3-30b-a3b)
 * are the means used where a test says "the seed".
 */
#include "harness.h"
#include "qfixture.h"
#include "../../query/query.h"
#include "../../schema/store.h"
#include "../../util.h"

#include <sqlite3.h>

#define MODEL "qwen3moe 30B.A3B"

/* One measurement: its samples (n of them; none for a run that did not
 * finish), its configuration (kv, build) and when it ran. */
struct m {
	const char *host, *model, *quant, *test;
	long long depth;
	const char *kv;
	long long build;
	const char *time, *status;
	double s[6];
	size_t n;
};

/* m, ingested with --variant (NULL: none). */
static void add_variant(struct hdb_store *st, const struct m *m,
			const char *variant)
{
	struct hdb_bench_record r;
	struct hdb_sample smp[6];
	double sum = 0, ss = 0, mean;
	size_t i;

	for (i = 0; i < m->n; i++)
		sum += m->s[i];
	mean = m->n ? sum / (double)m->n : 0;
	for (i = 0; i < m->n; i++) {
		ss += (m->s[i] - mean) * (m->s[i] - mean);
		smp[i].ts = m->s[i];
		smp[i].ns = HDB_UNSET;
	}
	memset(&r, 0, sizeof(r));
	r.line = 1;
	r.model = m->model ? m->model : MODEL;
	r.quant = m->quant ? m->quant : "Q4_K_M";
	r.test = m->test;
	r.n_prompt = !m->test ? HDB_UNSET : m->test[0] == 'p' ? 512 : 0;
	r.n_gen = !m->test ? HDB_UNSET : m->test[0] == 't' ? 128 : 0;
	r.n_depth = m->depth < 0 ? HDB_UNSET : m->depth;
	r.avg_ts = mean;
	r.stddev_ts = m->n > 1 ? sqrt(ss / (double)(m->n - 1)) : 0;
	r.samples = m->n ? smp : NULL;
	r.n_samples = m->n;
	r.samples_known = m->n > 0;
	r.type_k = r.type_v = m->kv ? m->kv : "q8_0";
	r.test_time = m->time ? m->time : "2026-01-01T00:00:00Z";
	r.status = m->status ? m->status : "ok";
	r.backend = "Vulkan";
	r.build_commit = "abc1234";
	r.build_number = m->build ? m->build : 9000;
	r.flash_attn = 1;
	r.model_size = r.model_n_params = r.n_gpu_layers = HDB_UNSET;
	r.n_batch = r.n_ubatch = r.n_threads = r.avg_ns = r.stddev_ns = HDB_UNSET;
	r.variant = variant;
	add_record(st, m->host, &r);
}

static void add(struct hdb_store *st, const struct m *m)
{
	add_variant(st, m, NULL);
}

/* Has the table a column of that name? */
static int has_col(const struct hdb_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n_cols; i++)
		if (!strcmp(t->cols[i], name))
			return 1;
	return 0;
}

/* The seed's qwen3-30b-a3b at depth 0, three repetitions a side around
 * its means: a30 pp512 2274, tg128 136.2; strix-halo 1167 and 87.0. */
static void add_seed_depth0(struct hdb_store *st)
{
	const struct m ms[] = {
		{ "a30", NULL, NULL, "pp512", 0, "q4_0", 6412, NULL, NULL,
		  { 2270, 2274, 2278 }, 3 },
		{ "a30", NULL, NULL, "tg128", 0, "q4_0", 6412, NULL, NULL,
		  { 136.0, 136.2, 136.4 }, 3 },
		{ "strix-halo", NULL, NULL, "pp512", 0, "q8_0", 9064, NULL,
		  NULL, { 1163, 1167, 1171 }, 3 },
		{ "strix-halo", NULL, NULL, "tg128", 0, "q8_0", 9064, NULL,
		  NULL, { 86.8, 87.0, 87.2 }, 3 },
	};
	size_t i;

	for (i = 0; i < sizeof(ms) / sizeof(ms[0]); i++)
		add(st, &ms[i]);
}

static void speed_hosts_gives_the_seeds_ratios(void)
{
	struct hdb_store *st = fresh("seed.db");
	struct hdb_query_opts o;
	struct hdb_table t;

	add_seed_depth0(st);
	/* not in speed: another depth, another test */
	add(st, &(struct m){ "a30", NULL, NULL, "tg128", 8192, "q4_0", 6412,
		NULL, NULL, { 72.5 }, 1 });
	add(st, &(struct m){ "a30", NULL, NULL, "pp2048", 0, "q4_0", 6412,
		NULL, NULL, { 2000 }, 1 });
	hdb_query_opts_init(&o);
	o.hosts = "a30,strix-halo";
	CHECK_INT(hdb_query_speed(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_INT(t.n_rows, 1);
	/* the seed's order: A pp, B pp, A tg, B tg, then ratio and verdict */
	CHECK_INT(t.n_cols, 13);
	CHECK_STR(t.cols[0], "model");
	CHECK_STR(t.cols[1], "quant");
	CHECK_STR(t.cols[2], "a30 pp512");
	CHECK_STR(t.cols[3], "strix-halo pp512");
	CHECK_STR(t.cols[4], "a30 tg128");
	CHECK_STR(t.cols[5], "strix-halo tg128");
	CHECK_STR(t.cols[6], "ratio pp512");
	CHECK_STR(t.cols[7], "verdict pp512");
	CHECK_STR(t.cols[8], "ratio tg128");
	CHECK_STR(t.cols[9], "verdict tg128");
	CHECK_STR(t.cols[10], "differs pp512");
	CHECK_STR(t.cols[11], "differs tg128");
	CHECK_STR(t.cols[12], "unchosen");
	CHECK_STR(t.units[2], "t/s");
	CHECK_INT(t.digits[2], 1);
	CHECK_INT(t.digits[4], 2);
	CHECK_INT(t.digits[8], 2);
	CHECK_STR(cell(&t, 0, "model")->s, MODEL);
	CHECK_NEAR(cell(&t, 0, "a30 tg128")->r, 136.2, 1e-9);
	CHECK_NEAR(cell(&t, 0, "strix-halo tg128")->r, 87.0, 1e-9);
	/* 136.2 / 87.0 = 1.5655172 (shown 1.57; the seed prints 1.56x) */
	CHECK_NEAR(cell(&t, 0, "ratio tg128")->r, 136.2 / 87.0, 1e-9);
	CHECK_NEAR(cell(&t, 0, "ratio tg128")->r, 1.5655172, 1e-7);
	/* 2274 / 1167 = 1.9485861 (shown 1.95) */
	CHECK_NEAR(cell(&t, 0, "ratio pp512")->r, 1.9485861, 1e-7);
	CHECK_STR(cell(&t, 0, "verdict tg128")->s, "a30 faster");
	CHECK_STR(cell(&t, 0, "verdict pp512")->s, "a30 faster");
	CHECK_STR(cell(&t, 0, "differs tg128")->s,
		  "build 6412 vs 9064; kv q4_0 vs q8_0");
	CHECK(is_null(&t, 0, "unchosen"));
	hdb_table_release(&t);
	hdb_store_close(st);
}

static void depth_hosts_gives_the_seeds_ratios_and_missing_depths(void)
{
	struct hdb_store *st = fresh("depth.db");
	struct hdb_query_opts o;
	struct hdb_table t;
	const struct m ms[] = {
		{ "a30", NULL, NULL, "tg128", 8192, "q4_0", 6412, NULL, NULL,
		  { 72.4, 72.5, 72.6 }, 3 },
		{ "a30", NULL, NULL, "tg128", 32768, "q4_0", 6412, NULL, NULL,
		  { 35.0, 35.1, 35.2 }, 3 },
		{ "a30", NULL, NULL, "tg128", 65536, "q4_0", 6412, NULL, NULL,
		  { 20.5, 20.6, 20.7 }, 3 },
		{ "strix-halo", NULL, NULL, "tg128", 8192, "q8_0", 9064, NULL,
		  NULL, { 62.0, 62.1, 62.2 }, 3 },
		{ "strix-halo", NULL, NULL, "tg128", 32768, "q8_0", 9064, NULL,
		  NULL, { 40.1, 40.2, 40.3 }, 3 },
		{ "strix-halo", NULL, NULL, "tg128", 65536, "q8_0", 9064, NULL,
		  NULL, { 28.0, 28.1, 28.2 }, 3 },
		/* a depth only strix-halo measured */
		{ "strix-halo", NULL, NULL, "tg128", 16384, "q8_0", 9064, NULL,
		  NULL, { 50.0, 50.0 }, 2 },
	};
	size_t i;

	add_seed_depth0(st);
	for (i = 0; i < sizeof(ms) / sizeof(ms[0]); i++)
		add(st, &ms[i]);
	hdb_query_opts_init(&o);
	o.hosts = "a30,strix-halo";
	CHECK_INT(hdb_query_depth(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_STR(t.cols[2], "depth");
	CHECK_STR(t.units[2], "tokens");
	CHECK_STR(t.cols[3], "a30 pp512");
	CHECK_INT(t.n_rows, 5);
	CHECK_INT(cell(&t, 0, "depth")->i, 0);
	CHECK_NEAR(cell(&t, 0, "ratio tg128")->r, 1.5655172, 1e-7);
	/* 72.5 / 62.1 = 1.1674718: the seed's 1.17x */
	CHECK_INT(cell(&t, 1, "depth")->i, 8192);
	CHECK_NEAR(cell(&t, 1, "ratio tg128")->r, 1.1674718, 1e-7);
	CHECK_STR(cell(&t, 1, "verdict tg128")->s, "a30 faster");
	/* no pp512 at depth: missing, not zero, no verdict */
	CHECK(is_null(&t, 1, "a30 pp512"));
	CHECK(is_null(&t, 1, "ratio pp512"));
	CHECK(is_null(&t, 1, "verdict pp512"));
	/* 16384: strix-halo only */
	CHECK_INT(cell(&t, 2, "depth")->i, 16384);
	CHECK(is_null(&t, 2, "a30 tg128"));
	CHECK_NEAR(cell(&t, 2, "strix-halo tg128")->r, 50.0, 1e-9);
	CHECK(is_null(&t, 2, "ratio tg128"));
	CHECK_STR(cell(&t, 2, "verdict tg128")->s, "only strix-halo measured");
	/* 35.1 / 40.2 = 0.8731343: the seed's 0.87x */
	CHECK_NEAR(cell(&t, 3, "ratio tg128")->r, 0.8731343, 1e-7);
	CHECK_STR(cell(&t, 3, "verdict tg128")->s, "strix-halo faster");
	/* 20.6 / 28.1 = 0.7330961: the seed's 0.73x */
	CHECK_INT(cell(&t, 4, "depth")->i, 65536);
	CHECK_NEAR(cell(&t, 4, "ratio tg128")->r, 0.7330961, 1e-7);
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* Several candidates: without --hosts the newest; with --hosts the pair
 * 'query ratio' chooses (fewest differences, the newer on a tie), so the
 * numbers shown are the ones compared. */
static void candidates_are_chosen_as_ratio_chooses(void)
{
	struct hdb_store *st = fresh("cand.db");
	struct hdb_query_opts o;
	struct hdb_table t, r;
	long rt;

	add_seed_depth0(st);
	/* strix-halo: an older run on a30's KV type (build 8900, 85.0) */
	add(st, &(struct m){ "strix-halo", NULL, NULL, "tg128", 0, "q4_0",
		8900, "2025-09-01T00:00:00Z", NULL, { 84.8, 85.0, 85.2 }, 3 });
	hdb_query_opts_init(&o);
	CHECK_INT(hdb_query_speed(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_INT(t.n_cols, 7);
	CHECK_STR(t.cols[5], "strix-halo tg128");
	CHECK_STR(t.cols[6], "unchosen");
	/* the newest: build 9064 */
	CHECK_NEAR(cell(&t, 0, "strix-halo tg128")->r, 87.0, 1e-9);
	CHECK(cell(&t, 0, "strix-halo tg128")->flags & HDB_CELL_ALTERNATIVES);
	CHECK(!(cell(&t, 0, "a30 tg128")->flags & HDB_CELL_ALTERNATIVES));
	CHECK_STR(cell(&t, 0, "unchosen")->s, "strix-halo tg128 +1");
	hdb_table_release(&t);

	o.hosts = "a30,strix-halo";
	CHECK_INT(hdb_query_speed(hdb_store_sqlite(st), &o, &t), 0);
	/* the same KV as a30 differs in one field less: 85.0 is compared,
	 * 136.2 / 85.0 = 1.6023529 */
	CHECK_NEAR(cell(&t, 0, "strix-halo tg128")->r, 85.0, 1e-9);
	CHECK_NEAR(cell(&t, 0, "ratio tg128")->r, 1.6023529, 1e-7);
	CHECK_STR(cell(&t, 0, "differs tg128")->s, "build 6412 vs 8900");
	CHECK_STR(cell(&t, 0, "unchosen")->s, "strix-halo tg128 +1");
	/* and query ratio says the same */
	o.num = "a30";
	o.den = "strix-halo";
	CHECK_INT(hdb_query_ratio(hdb_store_sqlite(st), &o, &r), 0);
	rt = col(&r, "test");
	CHECK_INT(r.n_rows, 2);
	CHECK_STR(hdb_table_cell(&r, 1, (size_t)rt)->s, "tg128");
	CHECK_NEAR(cell(&r, 1, "ratio")->r, cell(&t, 0, "ratio tg128")->r, 0);
	CHECK_NEAR(cell(&r, 0, "ratio")->r, cell(&t, 0, "ratio pp512")->r, 0);
	CHECK_STR(cell(&r, 1, "verdict")->s, "num faster");
	hdb_table_release(&r);
	hdb_table_release(&t);

	/* a tie (both differ from a30 in build and kv): the newer one */
	add(st, &(struct m){ "strix-halo", NULL, NULL, "pp512", 0, "f16", 9064,
		"2026-02-01T00:00:00Z", NULL, { 1200, 1201, 1202 }, 3 });
	o.num = o.den = NULL;
	CHECK_INT(hdb_query_speed(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_NEAR(cell(&t, 0, "strix-halo pp512")->r, 1201, 1e-9);
	/* 2274 / 1201 = 1.8934221 */
	CHECK_NEAR(cell(&t, 0, "ratio pp512")->r, 1.8934221, 1e-7);
	CHECK_STR(cell(&t, 0, "unchosen")->s,
		  "strix-halo pp512 +1; strix-halo tg128 +1");
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* Runs that did not finish show their status, never zero, never dropped. */
static void statuses_are_shown_and_named_in_the_verdict(void)
{
	struct hdb_store *st = fresh("status.db");
	struct hdb_query_opts o;
	struct hdb_table t;

	add_seed_depth0(st);
	add(st, &(struct m){ "a30", NULL, NULL, "tg128", 32768, "q4_0", 6412,
		NULL, "oom", { 0 }, 0 });
	add(st, &(struct m){ "strix-halo", NULL, NULL, "tg128", 32768, "q8_0",
		9064, NULL, NULL, { 40.1, 40.2, 40.3 }, 3 });
	add(st, &(struct m){ "a30", NULL, NULL, "pp512", 65536, "q4_0", 6412,
		NULL, "wedged", { 0 }, 0 });
	add(st, &(struct m){ "strix-halo", NULL, NULL, "pp512", 65536, "q8_0",
		9064, NULL, "crashed", { 0 }, 0 });
	/* a failed run one host alone has */
	add(st, &(struct m){ "strix-halo", NULL, NULL, "tg128", 65536, "q8_0",
		9064, NULL, "failed", { 0 }, 0 });
	hdb_query_opts_init(&o);
	o.hosts = "a30,strix-halo";
	CHECK_INT(hdb_query_depth(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_INT(t.n_rows, 3);
	CHECK_STR(cell(&t, 1, "a30 tg128")->s, "oom");
	CHECK_NEAR(cell(&t, 1, "strix-halo tg128")->r, 40.2, 1e-9);
	CHECK(is_null(&t, 1, "ratio tg128"));
	CHECK_STR(cell(&t, 1, "verdict tg128")->s, "a30 oom");
	CHECK_STR(cell(&t, 2, "a30 pp512")->s, "wedged");
	CHECK_STR(cell(&t, 2, "strix-halo pp512")->s, "crashed");
	CHECK_STR(cell(&t, 2, "verdict pp512")->s,
		  "a30 wedged, strix-halo crashed");
	CHECK(is_null(&t, 2, "a30 tg128"));
	CHECK_STR(cell(&t, 2, "strix-halo tg128")->s, "failed");
	CHECK_STR(cell(&t, 2, "verdict tg128")->s, "strix-halo failed");
	hdb_table_release(&t);

	/* without --hosts too */
	o.hosts = NULL;
	CHECK_INT(hdb_query_depth(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_INT(t.n_rows, 3);
	CHECK_STR(cell(&t, 1, "a30 tg128")->s, "oom");
	CHECK_STR(cell(&t, 2, "strix-halo pp512")->s, "crashed");
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* Keys one host has and the other lacks are rows of their own. */
static void mismatched_keys_are_separate_rows(void)
{
	struct hdb_store *st = fresh("keys.db");
	struct hdb_query_opts o;
	struct hdb_table t;

	add(st, &(struct m){ "a30", NULL, "Q4_K_M", "tg128", 0, "q4_0", 6412,
		NULL, NULL, { 136.0, 136.2, 136.4 }, 3 });
	add(st, &(struct m){ "strix-halo", NULL, "Q8_0", "tg128", 0, "q8_0",
		9064, NULL, NULL, { 49.9, 50.0, 50.1 }, 3 });
	add(st, &(struct m){ "strix-halo", "gemma3 4B", "Q4_K_M", "tg128", 0,
		"q8_0", 9064, NULL, NULL, { 74.0, 74.1, 74.2 }, 3 });
	hdb_query_opts_init(&o);
	o.hosts = "strix-halo,a30";
	CHECK_INT(hdb_query_speed(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_INT(t.n_rows, 3);
	CHECK_STR(t.cols[4], "strix-halo tg128");
	CHECK_STR(t.cols[5], "a30 tg128");
	CHECK_STR(cell(&t, 0, "model")->s, "gemma3 4B");
	CHECK_STR(cell(&t, 0, "verdict tg128")->s, "only strix-halo measured");
	CHECK(is_null(&t, 0, "verdict pp512"));
	CHECK_STR(cell(&t, 1, "quant")->s, "Q4_K_M");
	CHECK_STR(cell(&t, 1, "verdict tg128")->s, "only a30 measured");
	CHECK_STR(cell(&t, 2, "quant")->s, "Q8_0");
	CHECK_STR(cell(&t, 2, "verdict tg128")->s, "only strix-halo measured");
	hdb_table_release(&t);

	/* filters */
	o.quant = "Q8_0";
	CHECK_INT(hdb_query_speed(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_INT(t.n_rows, 1);
	hdb_table_release(&t);
	o.quant = NULL;
	o.model = "gemma3 4B";
	o.hosts = NULL;
	CHECK_INT(hdb_query_speed(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_INT(t.n_rows, 1);
	/* the host columns are the hosts measured */
	CHECK_INT(t.n_cols, 5);
	CHECK_STR(t.cols[2], "strix-halo pp512");
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* Within the noise band, and too few repetitions: the ratio's rules. */
static void noise_and_single_repetitions(void)
{
	struct hdb_store *st = fresh("noise.db");
	struct hdb_query_opts o;
	struct hdb_table t;

	/* means 100 and 100.5: 100 / 100.5 = 0.9950249, within 1 +- 0.02 */
	add(st, &(struct m){ "a", NULL, NULL, "tg128", 0, NULL, 0, NULL, NULL,
		{ 99, 100, 101 }, 3 });
	add(st, &(struct m){ "b", NULL, NULL, "tg128", 0, NULL, 0, NULL, NULL,
		{ 100, 100.5, 101 }, 3 });
	/* one repetition a side */
	add(st, &(struct m){ "a", NULL, NULL, "pp512", 0, NULL, 0, NULL, NULL,
		{ 1000 }, 1 });
	add(st, &(struct m){ "b", NULL, NULL, "pp512", 0, NULL, 0, NULL, NULL,
		{ 500 }, 1 });
	hdb_query_opts_init(&o);
	o.hosts = "a,b";
	CHECK_INT(hdb_query_speed(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_NEAR(cell(&t, 0, "ratio tg128")->r, 0.9950249, 1e-7);
	CHECK_STR(cell(&t, 0, "verdict tg128")->s, "within noise");
	CHECK(is_null(&t, 0, "differs tg128"));
	CHECK_STR(cell(&t, 0, "verdict pp512")->s, "too few repetitions");
	hdb_table_release(&t);
	hdb_store_close(st);
}

static void errors_list_what_exists_and_empty_says_why(void)
{
	struct hdb_store *st = fresh("err.db");
	sqlite3 *db = hdb_store_sqlite(st);
	struct hdb_query_opts o;
	struct hdb_table t;

	hdb_query_opts_init(&o);
	CHECK_INT(hdb_query_speed(db, &o, &t), 0);
	CHECK_INT(t.n_rows, 0);
	CHECK_STR(t.empty, "no pp512 or tg128 rows at depth 0");
	hdb_table_release(&t);
	add_seed_depth0(st);
	o.hosts = "a30,h100";
	CHECK_INT(hdb_query_speed(db, &o, &t), -1);
	CHECK_STR(hdb_errmsg(), "--hosts: no host 'h100' in the store "
		  "(hosts: a30, strix-halo)");
	o.hosts = "a30";
	CHECK_INT(hdb_query_depth(db, &o, &t), -1);
	CHECK_HAS(hdb_errmsg(), "--hosts: expected two host names A,B");
	o.hosts = "a30,a30";
	CHECK_INT(hdb_query_depth(db, &o, &t), -1);
	CHECK_HAS(hdb_errmsg(), "expected two different hosts");
	o.hosts = "host=a30,strix-halo";
	CHECK_INT(hdb_query_depth(db, &o, &t), -1);
	CHECK_HAS(hdb_errmsg(), "expected two host names");
	o.hosts = "a30,strix-halo";
	o.model = "nope";
	CHECK_INT(hdb_query_speed(db, &o, &t), -1);
	CHECK_HAS(hdb_errmsg(), "--model: no throughput rows with model=nope");
	/* a filter that matches, with nothing at depth 0 for these hosts */
	add(st, &(struct m){ "a30", "llama 8B", NULL, "tg128", 4096, NULL, 0,
		NULL, NULL, { 90 }, 1 });
	o.model = "llama 8B";
	CHECK_INT(hdb_query_speed(db, &o, &t), 0);
	CHECK_INT(t.n_rows, 0);
	CHECK_STR(t.empty, "no pp512 or tg128 rows at depth 0 for host 'a30' "
		  "or 'strix-halo' with model 'llama 8B'");
	hdb_table_release(&t);
	CHECK_INT(hdb_query_depth(db, &o, &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_STR(cell(&t, 0, "verdict tg128")->s, "only a30 measured");
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* A run that died before its first result names no test and no depth
 * (tests/fixtures/md/oom-header-only.log): a row of its own, its status
 * in every test's cell. */
static void a_run_that_died_before_any_test_is_shown(void)
{
	struct hdb_store *st = fresh("died.db");
	struct hdb_query_opts o;
	struct hdb_table t;

	add_seed_depth0(st);
	add(st, &(struct m){ "strix-halo", "big 72B", "Q8_0", NULL, -1, NULL,
		0, NULL, "oom", { 0 }, 0 });
	/* and one at depth 0 of a row with results: they are shown */
	add(st, &(struct m){ "a30", NULL, NULL, NULL, 0, "q4_0", 6412, NULL,
		"crashed", { 0 }, 0 });
	hdb_query_opts_init(&o);
	CHECK_INT(hdb_query_speed(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_INT(t.n_rows, 2);
	CHECK_STR(cell(&t, 0, "model")->s, "big 72B");
	CHECK_STR(cell(&t, 0, "strix-halo pp512")->s, "oom");
	CHECK_STR(cell(&t, 0, "strix-halo tg128")->s, "oom");
	CHECK(is_null(&t, 0, "a30 pp512"));
	CHECK_NEAR(cell(&t, 1, "a30 tg128")->r, 136.2, 1e-9);
	CHECK_STR(cell(&t, 1, "unchosen")->s, "a30 pp512 +1; a30 tg128 +1");
	hdb_table_release(&t);
	o.hosts = "a30,strix-halo";
	CHECK_INT(hdb_query_depth(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_INT(t.n_rows, 2);
	CHECK(is_null(&t, 0, "depth"));
	CHECK_STR(cell(&t, 0, "strix-halo tg128")->s, "oom");
	CHECK_STR(cell(&t, 0, "verdict tg128")->s, "strix-halo oom");
	CHECK_STR(cell(&t, 0, "verdict pp512")->s, "strix-halo oom");
	CHECK_NEAR(cell(&t, 1, "ratio tg128")->r, 1.5655172, 1e-7);
	CHECK_STR(cell(&t, 1, "unchosen")->s, "a30 pp512 +1; a30 tg128 +1");
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* A host's runs of a variant are a column of their own ("a30
 * (dual-gpu) tg128"), never one cell with its plain runs; with --hosts a
 * variant is a configuration field, and the runs shown are named. */
static void variants_are_columns_or_named(void)
{
	struct hdb_store *st = fresh("variant.db");
	struct hdb_query_opts o;
	struct hdb_table t;

	add_seed_depth0(st);
	add_variant(st, &(struct m){ "a30", NULL, NULL, "tg128", 0, "q4_0",
		6412, "2026-02-01T00:00:00Z", NULL, { 150.0 }, 1 },
		"dual-gpu");
	hdb_query_opts_init(&o);
	CHECK_INT(hdb_query_speed(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_INT(t.n_cols, 2 + 2 * 3 + 1);
	CHECK_STR(t.cols[3], "a30 (dual-gpu) pp512");
	CHECK_STR(t.cols[6], "a30 (dual-gpu) tg128");
	/* the newer run is of the variant: each keeps its own cell */
	CHECK_NEAR(real(&t, 0, "a30 tg128"), 136.2, 1e-9);
	CHECK_NEAR(real(&t, 0, "a30 (dual-gpu) tg128"), 150.0, 1e-9);
	CHECK(is_null(&t, 0, "a30 (dual-gpu) pp512"));
	CHECK(is_null(&t, 0, "unchosen"));
	hdb_table_release(&t);
	/* with --hosts: the plain run, like strix-halo's, is compared */
	o.hosts = "a30,strix-halo";
	CHECK_INT(hdb_query_speed(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_NEAR(real(&t, 0, "a30 tg128"), 136.2, 1e-9);
	CHECK(!has_col(&t, "variants"));	/* no run shown has one */
	CHECK_STR(text(&t, 0, "unchosen"), "a30 tg128 +1");
	hdb_table_release(&t);
	/* strix-halo's 100W run is the like of a30's dual-gpu one at 8192 */
	add_variant(st, &(struct m){ "a30", NULL, NULL, "tg128", 8192, "q4_0",
		6412, NULL, NULL, { 72.5 }, 1 }, "dual-gpu");
	add_variant(st, &(struct m){ "strix-halo", NULL, NULL, "tg128", 8192,
		"q8_0", 9064, NULL, NULL, { 62.1 }, 1 }, "100W");
	CHECK_INT(hdb_query_depth(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_INT(t.n_rows, 2);
	CHECK(is_null(&t, 0, "variants"));
	CHECK_STR(text(&t, 1, "variants"), "a30 tg128 dual-gpu; strix-halo "
		  "tg128 100W");
	CHECK_HAS(text(&t, 1, "differs tg128"), "variant dual-gpu vs 100W");
	hdb_table_release(&t);
	hdb_store_close(st);
}

int main(void)
{
	RUN(speed_hosts_gives_the_seeds_ratios);
	RUN(depth_hosts_gives_the_seeds_ratios_and_missing_depths);
	RUN(candidates_are_chosen_as_ratio_chooses);
	RUN(statuses_are_shown_and_named_in_the_verdict);
	RUN(mismatched_keys_are_separate_rows);
	RUN(noise_and_single_repetitions);
	RUN(errors_list_what_exists_and_empty_says_why);
	RUN(a_run_that_died_before_any_test_is_shown);
	RUN(variants_are_columns_or_named);
	return t_done();
}
