/* Unit tests: query/depth.c (crossover and degradation) on fixture
 * stores with answers worked out by hand in the comments. */
#include "harness.h"
#include "qfixture.h"
#include "../../query/internal.h"
#include "../../query/query.h"
#include "../../schema/store.h"
#include "../../util.h"

#include <sqlite3.h>

/*
 * Adds one tg128 result of model "m 1B" Q4_K_M.  A run that finished
 * ('ok') has three repetitions mean - spread, mean, mean + spread (so
 * its sample mean is mean and its sample sd is spread), or one, mean,
 * when spread < 0.  Others have no samples.  kv and time tell
 * configurations and runs apart.
 */
static void add(struct hdb_store *st, const char *host, const char *kv,
		long long depth, double mean, double spread, const char *time,
		const char *status)
{
	struct hdb_bench_record r;
	struct hdb_sample s[3];
	int ok = !strcmp(status, "ok");

	memset(&r, 0, sizeof(r));
	r.line = 1;
	r.model = "m 1B";
	r.quant = "Q4_K_M";
	r.test = "tg128";
	r.n_prompt = 0;
	r.n_gen = 128;
	r.n_depth = depth;
	r.avg_ts = ok ? mean : 0;
	r.stddev_ts = ok && spread >= 0 ? spread : 0;
	r.type_k = r.type_v = kv;
	r.test_time = time;
	r.status = status;
	r.error = ok ? NULL : "out of memory";
	r.backend = "Vulkan";
	r.build_commit = "abc1234";
	r.build_number = 9000;
	r.flash_attn = 1;
	r.model_size = r.model_n_params = r.n_gpu_layers = HDB_UNSET;
	r.n_batch = r.n_ubatch = r.n_threads = r.avg_ns = r.stddev_ns = HDB_UNSET;
	if (ok) {
		s[0].ts = spread >= 0 ? mean - spread : mean;
		s[1].ts = mean;
		s[2].ts = mean + spread;
		s[0].ns = s[1].ns = s[2].ns = HDB_UNSET;
		r.samples = s;
		r.n_samples = spread >= 0 ? 3 : 1;
		r.samples_known = 1;
	}
	add_record(st, host, &r);
}

#define T0 "2026-01-01T00:00:00Z"
#define T1 "2026-01-02T00:00:00Z"

static int crossover(struct hdb_store *st, const char *a, const char *b,
		     struct hdb_table *t)
{
	struct hdb_query_opts o;

	hdb_query_opts_init(&o);
	o.a = a;
	o.b = b;
	return hdb_query_crossover(hdb_store_sqlite(st), &o, t);
}

/* ---- crossover ---- */

/*
 * The seed report's qwen3-30b-a3b tg table: A30 136.2/72.5/35.1/20.6 and
 * Strix Halo 87.0/62.1/40.2/28.1 tok/s at 0/8K/32K/65K.  The ratio a/b
 * is 1.5655, 1.1675, 0.8731, 0.7331: it changes sign between 8192 and
 * 32768.  By hand (a calculator's ln):
 *   l1 = ln(72.5/62.1) = 0.154841, l2 = ln(35.1/40.2) = -0.135666
 *   t  = l1 / (l1 - l2) = 0.533002
 *   log2 d = 13 + t (15 - 13) = 14.066004, d = 2^14.066004 = 17151
 */
static void crossover_seed_numbers(void)
{
	struct hdb_store *st = fresh("seed.db");
	struct hdb_table t;
	static const double a30[] = { 136.2, 72.5, 35.1, 20.6 };
	static const double strix[] = { 87.0, 62.1, 40.2, 28.1 };
	static const long long d[] = { 0, 8192, 32768, 65536 };
	int i;

	for (i = 0; i < 4; i++) {
		add(st, "a30", "q4_0", d[i], a30[i], a30[i] / 200, T0, "ok");
		add(st, "strix", "q8_0", d[i], strix[i], strix[i] / 200, T0, "ok");
	}
	CHECK_INT(crossover(st, "a30", "strix", &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_STR(text(&t, 0, "depths"), "0, 8192, 32768, 65536");
	CHECK_STR(text(&t, 0, "result"), "faster side changes from a to b");
	CHECK_INT(integer(&t, 0, "from_depth"), 8192);
	CHECK_INT(integer(&t, 0, "to_depth"), 32768);
	CHECK_INT(integer(&t, 0, "estimate"), 17151);
	CHECK_NEAR(real(&t, 0, "ratio_from"), 72.5 / 62.1, 1e-12);
	CHECK_NEAR(real(&t, 0, "ratio_to"), 35.1 / 40.2, 1e-12);
	/* 0.5% spread over 3 repetitions: the intervals are a few percent
	 * wide at most, far from 1 -/+ 0.02 */
	CHECK_STR(text(&t, 0, "verdict_from"), "a faster");
	CHECK_STR(text(&t, 0, "verdict_to"), "b faster");
	CHECK_STR(text(&t, 0, "differs"), "kv q4_0 vs q8_0");
	CHECK(is_null(&t, 0, "notes"));
	hdb_table_release(&t);
	hdb_store_close(st);
}

/*
 * Two crossings, interpolated in log2(depth).  a/b = 2 at 1024, 1/2 at
 * 4096, 2 at 16384: ln 2 and -ln 2 are symmetric, so t = 1/2 and the
 * estimates are the midpoints in log2: 2^((10 + 12) / 2) = 2048 and
 * 2^((12 + 14) / 2) = 8192.
 */
static void crossover_two_crossings_in_log2_depth(void)
{
	struct hdb_store *st = fresh("two.db");
	struct hdb_table t;

	add(st, "x", "f16", 1024, 200, 1, T0, "ok");
	add(st, "y", "f16", 1024, 100, 1, T0, "ok");
	add(st, "x", "f16", 4096, 50, 1, T0, "ok");
	add(st, "y", "f16", 4096, 100, 1, T0, "ok");
	add(st, "x", "f16", 16384, 200, 1, T0, "ok");
	add(st, "y", "f16", 16384, 100, 1, T0, "ok");
	CHECK_INT(crossover(st, "x", "y", &t), 0);
	CHECK_INT(t.n_rows, 2);
	CHECK_STR(text(&t, 0, "result"), "faster side changes from a to b");
	CHECK_INT(integer(&t, 0, "estimate"), 2048);
	CHECK_STR(text(&t, 1, "result"), "faster side changes from b to a");
	CHECK_INT(integer(&t, 1, "from_depth"), 4096);
	CHECK_INT(integer(&t, 1, "to_depth"), 16384);
	CHECK_INT(integer(&t, 1, "estimate"), 8192);
	CHECK(is_null(&t, 0, "differs"));
	hdb_table_release(&t);
	hdb_store_close(st);
}

/*
 * A run that did not finish is said and skipped: a/b = 1.5 at 0, b oom
 * at 8192, a/b = 0.5 at 32768.  The crossing is bracketed by 0 and
 * 32768; log2(0) is undefined, so the line is drawn in depth:
 *   t = ln 1.5 / (ln 1.5 - ln 0.5) = 0.405465 / 1.098612 = 0.369070
 *   d = 0 + t * 32768 = 12093.7, 12094
 * A depth only a measured (65536) is named too.
 */
static void crossover_skips_statuses_and_names_them(void)
{
	struct hdb_store *st = fresh("status.db");
	struct hdb_table t;

	add(st, "x", "f16", 0, 150, 1, T0, "ok");
	add(st, "y", "f16", 0, 100, 1, T0, "ok");
	add(st, "x", "f16", 8192, 90, 1, T0, "ok");
	add(st, "y", "f16", 8192, 0, 0, T0, "oom");
	add(st, "x", "f16", 32768, 40, 1, T0, "ok");
	add(st, "y", "f16", 32768, 80, 1, T0, "ok");
	add(st, "x", "f16", 65536, 30, 1, T0, "ok");
	CHECK_INT(crossover(st, "x", "y", &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_STR(text(&t, 0, "depths"), "0, 8192, 32768, 65536");
	CHECK_INT(integer(&t, 0, "from_depth"), 0);
	CHECK_INT(integer(&t, 0, "to_depth"), 32768);
	CHECK_INT(integer(&t, 0, "estimate"), 12094);
	CHECK_STR(text(&t, 0, "notes"),
		  "b oom at 8192; only a measured at 65536");
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* A tie of the point estimates (ratio exactly 1 at 8192) between a
 * faster (4096) and b faster (16384) is where they meet: the estimate
 * is 8192, the brackets the depths where each side was ahead. */
static void crossover_tie_is_the_crossing(void)
{
	struct hdb_store *st = fresh("tie.db");
	struct hdb_table t;

	add(st, "x", "f16", 4096, 120, 1, T0, "ok");
	add(st, "y", "f16", 4096, 100, 1, T0, "ok");
	add(st, "x", "f16", 8192, 100, 1, T0, "ok");
	add(st, "y", "f16", 8192, 100, 1, T0, "ok");
	add(st, "x", "f16", 16384, 80, 1, T0, "ok");
	add(st, "y", "f16", 16384, 100, 1, T0, "ok");
	CHECK_INT(crossover(st, "x", "y", &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_INT(integer(&t, 0, "from_depth"), 4096);
	CHECK_INT(integer(&t, 0, "to_depth"), 16384);
	CHECK_INT(integer(&t, 0, "estimate"), 8192);
	hdb_table_release(&t);
	hdb_store_close(st);
}

/*
 * No crossing.  a/b = 2 everywhere: a faster at every measured depth.
 * a/b = 2 at 0 and 8192, 1.001 at 32768 (an interval around 1.001
 * inside 1 -/+ 0.02: within noise), with one sample at 65536 (too few
 * repetitions): the depths are named by verdict, and the side the point
 * estimates favour (a: 2, 2, 1.001, 1.2).
 */
static void crossover_without_crossing_says_who_is_faster(void)
{
	struct hdb_store *st = fresh("none.db");
	struct hdb_table t;

	add(st, "x", "f16", 0, 200, 1, T0, "ok");
	add(st, "y", "f16", 0, 100, 1, T0, "ok");
	add(st, "x", "f16", 8192, 100, 1, T0, "ok");
	add(st, "y", "f16", 8192, 50, 1, T0, "ok");
	CHECK_INT(crossover(st, "x", "y", &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_STR(text(&t, 0, "result"), "a faster at every measured depth");
	CHECK(is_null(&t, 0, "from_depth"));
	CHECK(is_null(&t, 0, "estimate"));
	hdb_table_release(&t);
	add(st, "x", "f16", 32768, 100.1, 0.1, T0, "ok");
	add(st, "y", "f16", 32768, 100, 0.1, T0, "ok");
	add(st, "x", "f16", 65536, 60, -1, T0, "ok");
	add(st, "y", "f16", 65536, 50, -1, T0, "ok");
	CHECK_INT(crossover(st, "x", "y", &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_STR(text(&t, 0, "result"), "a faster at 0, 8192; within noise at "
		  "32768; too few repetitions at 65536; a ahead at each by "
		  "the point estimate");
	hdb_table_release(&t);
	/* b's view of the same store */
	CHECK_INT(crossover(st, "y", "x", &t), 0);
	CHECK_HAS(text(&t, 0, "result"), "b faster at 0, 8192");
	hdb_table_release(&t);
	hdb_store_close(st);
}

/*
 * Several candidates per side: b has q8_0 (newer) and f16 at 0; a has
 * f16.  The pair that differs least is chosen (f16 with f16), the other
 * counted; at 8192 b has only q8_0, which differs: differs names it at
 * that depth.  a/b = 100/90 at 0, 50/45 at 8192: a faster at both.
 */
static void crossover_several_candidates(void)
{
	struct hdb_store *st = fresh("cands.db");
	struct hdb_table t;

	add(st, "x", "f16", 0, 100, 1, T0, "ok");
	add(st, "y", "f16", 0, 90, 0.5, T0, "ok");
	add(st, "y", "q8_0", 0, 200, 1, T1, "ok");
	add(st, "x", "f16", 8192, 50, 0.25, T0, "ok");
	add(st, "y", "q8_0", 8192, 45, 0.25, T1, "ok");
	CHECK_INT(crossover(st, "x", "y", &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_STR(text(&t, 0, "result"), "a faster at every measured depth");
	CHECK_STR(text(&t, 0, "differs"),
		  "none at 0 | kv f16 vs q8_0 at 8192");
	CHECK_INT(integer(&t, 0, "a_unchosen"), 0);
	CHECK_INT(integer(&t, 0, "b_unchosen"), 1);
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* Mismatched keys: two sides with no depth in common give an empty
 * table that says why; sides chosen by KV type on one host compare; a
 * side that names nothing is an error listing what exists. */
static void crossover_mismatched_keys(void)
{
	struct hdb_store *st = fresh("mismatch.db");
	struct hdb_table t;

	add(st, "x", "f16", 0, 100, 1, T0, "ok");
	add(st, "y", "f16", 8192, 100, 1, T0, "ok");
	CHECK_INT(crossover(st, "x", "y", &t), 0);
	/* one sweep, each side at a depth the other lacks: no comparison,
	 * yet both are named */
	CHECK_INT(t.n_rows, 0);
	CHECK_HAS(t.empty, "no model, quant and test measured both by --a 'x'");
	hdb_table_release(&t);
	add(st, "x", "q8_0", 0, 120, 1, T0, "ok");
	CHECK_INT(crossover(st, "host=x,kv=q8_0", "host=x,kv=f16", &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_STR(text(&t, 0, "result"), "a faster at 0 (one depth compared)");
	hdb_table_release(&t);
	CHECK_INT(crossover(st, "x", "z", &t), -1);
	CHECK_HAS(hdb_errmsg(), "--b: no host 'z' in the store (hosts: x, y)");
	hdb_store_close(st);
}

/* A sweep whose only common keys did not finish is kept, and says so. */
static void crossover_only_failures(void)
{
	struct hdb_store *st = fresh("fail.db");
	struct hdb_table t;

	add(st, "x", "f16", 0, 0, 0, T0, "crashed");
	add(st, "y", "f16", 0, 0, 0, T0, "wedged");
	add(st, "x", "f16", 8192, 0, 0, T0, "crashed");
	CHECK_INT(crossover(st, "x", "y", &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_STR(text(&t, 0, "result"), "no depth compared");
	CHECK_STR(text(&t, 0, "notes"),
		  "a crashed, b wedged at 0; a crashed at 8192");
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* ---- degradation ---- */

static int degradation(struct hdb_store *st, const char *host,
		       struct hdb_table *t)
{
	struct hdb_query_opts o;

	hdb_query_opts_init(&o);
	o.host = host;
	return hdb_query_degradation(hdb_store_sqlite(st), &o, t);
}

/*
 * One configuration.  Depth 0: 99, 100, 101 (mean 100, sd 1); 8192:
 * 49.5, 50, 50.5 (mean 50, sd 0.5).  By hand: change = (50/100 - 1) 100
 * = -50%.  Interval (hdb_ratio_ci's method, computed by hand): var of
 * log mean = sd^2 / (n mean^2) = 1/30000 on both sides; equal variances
 * and n give Welch df = 2 (n - 1) = 4; t(0.975, 4) = 2.776445 (any
 * Student t table); h = 2.776445 sqrt(2/30000) = 0.0226696;
 * 0.5 e^-h = 0.488793 and 0.5 e^h = 0.511464: -51.121% to -48.854%,
 * slower.  4096: 99, 100, 101 again, ratio 1, h = 0.0226696 as well:
 * -2.241% to +2.293%, within noise.  512: one repetition, too few.
 * 65536: oom, said as such.
 */
static void degradation_hand_computed(void)
{
	struct hdb_store *st = fresh("degr.db");
	struct hdb_table t;

	add(st, "x", "f16", 0, 100, 1, T0, "ok");
	add(st, "x", "f16", 512, 99, -1, T0, "ok");
	add(st, "x", "f16", 4096, 100, 1, T0, "ok");
	add(st, "x", "f16", 8192, 50, 0.5, T0, "ok");
	add(st, "x", "f16", 65536, 0, 0, T0, "oom");
	CHECK_INT(degradation(st, NULL, &t), 0);
	CHECK_INT(t.n_rows, 4);
	CHECK_INT(integer(&t, 0, "depth"), 512);
	CHECK_STR(text(&t, 0, "verdict"), "too few repetitions");
	CHECK_NEAR(real(&t, 0, "change"), -1, 1e-9);
	CHECK(is_null(&t, 0, "change_lo"));
	CHECK_STR(text(&t, 1, "verdict"), "within noise");
	CHECK_NEAR(real(&t, 1, "change"), 0, 1e-12);
	CHECK_NEAR(real(&t, 1, "change_lo"), -2.2414554, 1e-5);
	CHECK_NEAR(real(&t, 1, "change_hi"), 2.2928486, 1e-5);
	CHECK_INT(integer(&t, 2, "depth"), 8192);
	CHECK_NEAR(real(&t, 2, "change"), -50, 1e-9);
	CHECK_NEAR(real(&t, 2, "change_lo"), -51.120728, 1e-5);
	CHECK_NEAR(real(&t, 2, "change_hi"), -48.853576, 1e-5);
	CHECK_STR(text(&t, 2, "verdict"), "slower");
	CHECK_STR(text(&t, 2, "method"), "samples");
	CHECK_NEAR(real(&t, 2, "ts_0"), 100, 1e-9);
	CHECK_NEAR(real(&t, 2, "ts"), 50, 1e-9);
	CHECK_INT(integer(&t, 2, "n_0"), 3);
	CHECK_STR(text(&t, 2, "kv"), "f16");
	CHECK_INT(integer(&t, 3, "depth"), 65536);
	CHECK_STR(text(&t, 3, "verdict"), "oom");
	CHECK(is_null(&t, 3, "ts"));
	CHECK(is_null(&t, 3, "change"));
	CHECK_NEAR(real(&t, 3, "ts_0"), 100, 1e-9);
	CHECK_STR(text(&t, 3, "notes"), "depth 65536: out of memory");
	hdb_table_release(&t);
	hdb_store_close(st);
}

/*
 * Configurations apart: f16 and q8_0 on one host are two; a q8_0 with
 * no depth 0 says so.  Several runs of one configuration and depth: the
 * newest (T1) is used, the other counted.  A depth 0 that crashed is
 * said in every row of its configuration.  Faster: 100 -> 110 (+10%).
 */
static void degradation_configurations_and_candidates(void)
{
	struct hdb_store *st = fresh("degr2.db");
	struct hdb_table t;

	add(st, "x", "f16", 0, 100, 1, T0, "ok");
	add(st, "x", "f16", 8192, 60, 1, T0, "ok");
	add(st, "x", "f16", 8192, 110, 1, T1, "ok");
	add(st, "x", "q8_0", 8192, 70, 1, T0, "ok");
	add(st, "y", "f16", 0, 0, 0, T0, "crashed");
	add(st, "y", "f16", 4096, 80, 1, T0, "ok");
	add(st, "z", "f16", 0, 0, 0, T0, "wedged");
	add(st, "w", "f16", 0, 100, 1, T0, "ok");
	CHECK_INT(degradation(st, NULL, &t), 0);
	CHECK_INT(t.n_rows, 4);
	/* hosts in name order: w (depth 0 only: no row), x, y, z */
	CHECK_STR(text(&t, 0, "host"), "x");
	CHECK_STR(text(&t, 0, "kv"), "f16");
	CHECK_NEAR(real(&t, 0, "change"), 10, 1e-9);
	CHECK_STR(text(&t, 0, "verdict"), "faster");
	CHECK_INT(integer(&t, 0, "others"), 1);
	CHECK_INT(integer(&t, 0, "others_0"), 0);
	CHECK_STR(text(&t, 1, "kv"), "q8_0");
	CHECK_STR(text(&t, 1, "verdict"), "no depth 0");
	CHECK(is_null(&t, 1, "ts_0"));
	CHECK_NEAR(real(&t, 1, "ts"), 70, 1e-9);
	CHECK_STR(text(&t, 2, "host"), "y");
	CHECK_STR(text(&t, 2, "verdict"), "depth 0 crashed");
	CHECK_NEAR(real(&t, 2, "ts"), 80, 1e-9);
	CHECK_STR(text(&t, 3, "host"), "z");
	CHECK_INT(integer(&t, 3, "depth"), 0);
	CHECK_STR(text(&t, 3, "verdict"), "depth 0 wedged");
	hdb_table_release(&t);
	CHECK_INT(degradation(st, "w", &t), 0);
	CHECK_INT(t.n_rows, 0);
	CHECK_HAS(t.empty, "no configuration measured at a depth other than 0 "
		  "(1 row for --host 'w')");
	hdb_table_release(&t);
	CHECK_INT(degradation(st, "v", &t), -1);
	CHECK_HAS(hdb_errmsg(), "no host 'v'");
	hdb_store_close(st);
}

/* Do a and b hold the same columns and cells, to the bit? */
static int same_table(const struct hdb_table *a, const struct hdb_table *b)
{
	size_t i;

	if (a->n_rows != b->n_rows || a->n_cols != b->n_cols)
		return 0;
	for (i = 0; i < a->n_cols; i++)
		if (strcmp(a->cols[i], b->cols[i]))
			return 0;
	for (i = 0; i < a->n_rows * a->n_cols; i++) {
		const struct hdb_cell *x = &a->cells[i], *y = &b->cells[i];

		if (x->type != y->type || x->i != y->i ||
		    memcmp(&x->r, &y->r, sizeof(x->r)) ||
		    (x->type == HDB_CELL_TEXT && strcmp(x->s, y->s)))
			return 0;
	}
	return 1;
}

/*
 * The report's long context reads the pair's rows once: between
 * q_points_cache_begin and q_points_cache_end a load that repeats one
 * is answered from memory (two crossovers: the second is answered; the
 * degradation of a named host reads with the crossover's statement).
 * Every answer is the one a fresh read gives.
 */
static void cached_loads_answer_as_fresh_ones(void)
{
	struct hdb_store *st = fresh("cache.db");
	struct hdb_table x0, x1, x2, d0, d1;
	static const long long d[] = { 0, 8192, 32768 };
	int i;

	for (i = 0; i < 3; i++) {
		add(st, "a30", "q4_0", d[i], 100.0 / (i + 1), 1, T0, "ok");
		add(st, "a30", "q4_0", d[i], 90.0 / (i + 1), 1, T1, "ok");
		add(st, "strix", "q8_0", d[i], 80.0 / (i + 1), 2, T0, "ok");
	}
	add(st, "strix", "q8_0", 65536, 0, 0, T0, "oom");
	CHECK_INT(crossover(st, "a30", "strix", &x0), 0);
	CHECK_INT(degradation(st, "a30", &d0), 0);
	q_points_cache_begin();
	CHECK_INT(crossover(st, "a30", "strix", &x1), 0);
	CHECK_INT(crossover(st, "a30", "strix", &x2), 0);
	CHECK_INT(degradation(st, "a30", &d1), 0);
	q_points_cache_end();
	CHECK_INT(x0.n_rows, 1);
	CHECK(same_table(&x0, &x1));
	CHECK(same_table(&x0, &x2));
	CHECK_INT(d0.n_rows, 2);
	CHECK_INT(integer(&d0, 0, "others"), 1);
	CHECK(same_table(&d0, &d1));
	hdb_table_release(&x0);
	hdb_table_release(&x1);
	hdb_table_release(&x2);
	hdb_table_release(&d0);
	hdb_table_release(&d1);
	hdb_store_close(st);
}

int main(void)
{
	RUN(crossover_seed_numbers);
	RUN(crossover_two_crossings_in_log2_depth);
	RUN(crossover_skips_statuses_and_names_them);
	RUN(crossover_tie_is_the_crossing);
	RUN(crossover_without_crossing_says_who_is_faster);
	RUN(crossover_several_candidates);
	RUN(crossover_mismatched_keys);
	RUN(crossover_only_failures);
	RUN(degradation_hand_computed);
	RUN(degradation_configurations_and_candidates);
	RUN(cached_loads_answer_as_fresh_ones);
	return t_done();
}
