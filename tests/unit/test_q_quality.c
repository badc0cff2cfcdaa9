/*
 * Unit tests: halodb query quality (query/quality.c) on fixture stores
 * built with the store API, with answers known beforehand.
 *
 * Every expected statistic was computed independently of query/stats.c,
 * by a short Python 3 script using only the math module (written down
 * here so it can be rerun):
 *
 *   z = 1.959963984540054                       # qnorm(0.975)
 *   phi(x) = 0.5 * erfc(-x / sqrt(2))
 *   wilson(k, n): p = k/n; c = (p + z²/2n) / (1 + z²/n);
 *                 h = z sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n); [c-h, c+h]
 *   two-proportion: pooled p, z = (p1 - p2) / sqrt(p(1-p)(1/n1 + 1/n2)),
 *                 P = 2 (1 - phi(|z|))
 *   Newcombe (1998, method 10): d -/+ sqrt of the squared Wilson arms
 *   McNemar exact: min(1, 2 sum_{i<=min(b,c)} C(b+c, i) / 2^(b+c))
 *   min detectable: bisection for the d where
 *                 phi((d sqrt(n) - z sqrt(2 pbar qbar)) /
 *                     sqrt(p q + p2 q2)) = 0.8, p2 = p + d (p <= 0.5)
 */
#include "harness.h"
#include "qfixture.h"
#include "../../query/query.h"
#include "../../schema/store.h"
#include "../../util.h"

#include <sqlite3.h>

/* What one quality row is, in the tests' terms. */
struct qspec {
	const char *host, *backend, *model, *kv, *variant;
	const char *benchmark, *metric;
	long long n_items, n_pass;	/* HDB_UNSET: unknown */
	double score;			/* NAN: n_pass / n_items */
	int partial;
	const char *items;		/* "1101": an item per char, or NULL */
	const char *run_date;
};

static long long add_q(struct hdb_store *st, const struct qspec *q)
{
	static int n;
	struct hdb_quality_record r;
	struct hdb_quality_item it;
	struct hdb_attach a;
	long long src, h, id;
	char sha[32], item[32];
	size_t i;

	memset(&r, 0, sizeof(r));
	memset(&a, 0, sizeof(a));
	a.model = q->model;
	a.quant = "Q4_K_M";
	a.type_k = a.type_v = q->kv;
	a.backend = q->backend;
	a.variant = q->variant;
	r.line = 1;
	r.harness = "aider";
	r.benchmark = q->benchmark;
	r.metric = q->metric;
	r.run_date = q->run_date;
	r.n_items = q->n_items;
	r.n_pass = q->n_pass;
	r.score = !isnan(q->score) ? q->score
		  : (double)q->n_pass / (double)q->n_items;
	r.stderr = NAN;
	r.partial = q->partial;
	snprintf(sha, sizeof(sha), "q%d", n++);
	if (hdb_store_begin(st) ||
	    hdb_store_add_source(st, "q.json", sha, 1, "aider-run", &src) ||
	    hdb_store_host(st, q->host, NULL, NULL, NULL, NULL, NULL, &h) ||
	    hdb_store_add_quality(st, src, h, &a, &r, &id))
		goto fail;
	for (i = 0; q->items && q->items[i]; i++) {
		snprintf(item, sizeof(item), "ex/%02zu", i);
		it.item = item;
		it.passed = q->items[i] == '1';
		it.detail = NULL;
		if (hdb_store_add_quality_item(st, id, src, &it))
			goto fail;
	}
	if (hdb_store_commit(st))
		goto fail;
	return id;
fail:
	fprintf(stderr, "add_q: %s\n", hdb_errmsg());
	exit(2);
}

static void add_ref(struct hdb_store *st, const char *model,
		    const char *benchmark, const char *variant, double score,
		    long long n_items, const char *date, const char *details)
{
	struct hdb_reference_record r;

	memset(&r, 0, sizeof(r));
	r.line = 1;
	r.model = model;
	r.benchmark = benchmark;
	r.variant = variant;
	r.score = score;
	r.n_items = n_items;
	r.date = date;
	r.details = details;
	add_reference_record(st, &r);
}

/* --- Reading the result table by column name --- */

/* The row of quality id, or exits. */
static size_t row_of(const struct hdb_table *t, long long id)
{
	size_t i;

	for (i = 0; i < t->n_rows; i++)
		if (integer(t, i, "id") == id)
			return i;
	fprintf(stderr, "no row with id %lld\n", id);
	exit(2);
}

static int run(struct hdb_store *st, const char *a, const char *b,
	       const char *reference, const char *benchmark,
	       struct hdb_table *t)
{
	struct hdb_query_opts o;

	hdb_query_opts_init(&o);
	o.a = a;
	o.b = b;
	o.reference = reference;
	o.benchmark = benchmark;
	return hdb_query_quality(hdb_store_sqlite(st), &o, t);
}

#define POLY "aider-polyglot", "pass_rate_2"

/* --- The seed's case --- */

/*
 * Seed 000: "The qwen3.6 Polyglot row shows a 6.7pp cross-host gap (53.8%
 * Strix Halo vs 47.1% A30), which is larger than I'd expect from pure
 * sampling noise", 121/225 against 106/225.  It is not: the pooled
 * two-proportion test gives z = 1.4143, p = 0.15728 (> 0.05), the 95%
 * interval of the difference (-2.55 pp, +15.73 pp) holds 0, and at 225
 * exercises a side only detects a gap of 13.1 pp with 80% power.
 */
static void seed_polyglot_gap_is_within_noise(void)
{
	struct hdb_store *st = fresh("seed.db");
	struct qspec strix = { "strix", "Vulkan", "qwen3.6", "q8_0", NULL,
			       POLY, 225, 121, NAN, 0, NULL, "2026-01-02" };
	struct qspec a30 = { "a30", "CUDA", "qwen3.6", "q8_0", NULL, POLY,
			     225, 106, NAN, 0, NULL, "2026-01-01" };
	long long is = add_q(st, &strix), ia = add_q(st, &a30);
	struct hdb_table t;
	size_t r;

	/* default: the best (strix) against the runner-up, a30 against it */
	CHECK_INT(run(st, NULL, NULL, NULL, NULL, &t), 0);
	CHECK_INT(t.n_rows, 2);
	r = row_of(&t, is);
	CHECK_INT(r, 0);		/* the best comes first */
	CHECK_NEAR(real(&t, r, "pass_rate"), 121.0 / 225, 1e-12);
	CHECK_NEAR(real(&t, r, "pass_lo"), 0.4725442166629705, 1e-9);
	CHECK_NEAR(real(&t, r, "pass_hi"), 0.6017430217054939, 1e-9);
	CHECK_INT(integer(&t, r, "compared_with"), ia);
	CHECK_STR(text(&t, r, "test"), "two-proportion");
	CHECK(is_null(&t, r, "n_shared_items"));
	CHECK_NEAR(real(&t, r, "diff"), 15.0 / 225, 1e-12);
	CHECK_NEAR(real(&t, r, "diff_lo"), -0.02553552280040798, 1e-9);
	CHECK_NEAR(real(&t, r, "diff_hi"), 0.15728632976093404, 1e-9);
	CHECK_NEAR(real(&t, r, "p"), 0.1572828074178121, 1e-7);
	/* base rate: the other side's, 106/225 */
	CHECK_NEAR(real(&t, r, "min_detectable"), 0.13136516792251815, 1e-6);
	CHECK_STR(text(&t, r, "verdict"), "within noise");
	CHECK_HAS(text(&t, r, "note"), "best of 2; compared with the runner-up");
	CHECK_STR(text(&t, r, "differs"), "host strix vs a30; backend Vulkan vs CUDA");
	r = row_of(&t, ia);
	CHECK_INT(integer(&t, r, "compared_with"), is);
	CHECK_NEAR(real(&t, r, "diff"), -15.0 / 225, 1e-12);
	CHECK_NEAR(real(&t, r, "diff_lo"), -0.15728632976093404, 1e-9);
	CHECK_NEAR(real(&t, r, "min_detectable"), 0.13151588724269328, 1e-6);
	CHECK_STR(text(&t, r, "verdict"), "within noise");
	CHECK(is_null(&t, r, "note"));
	hdb_table_release(&t);

	/* --a strix --b a30: one row, labelled with the backend */
	CHECK_INT(run(st, "strix", "a30", NULL, NULL, &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_INT(integer(&t, 0, "id"), is);
	CHECK_INT(integer(&t, 0, "compared_with"), ia);
	CHECK_NEAR(real(&t, 0, "p"), 0.1572828074178121, 1e-7);
	CHECK_STR(text(&t, 0, "verdict"), "within noise");
	CHECK_STR(text(&t, 0, "differs"), "backend Vulkan vs CUDA");
	CHECK_INT(integer(&t, 0, "a_unchosen"), 0);
	CHECK_INT(integer(&t, 0, "b_unchosen"), 0);
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* --- Wilson at 0 and n, through the query --- */

/*
 * 10/10 against 0/10.  Wilson at k = n = 10: [10/(10+z²), 1] =
 * [0.72247, 1]; at k = 0: [0, z²/(10+z²)] = [0, 0.27753].  Pooled 1/2:
 * z = 1 / sqrt(0.25 * 0.2) = 4.4721, p = 7.7442e-06.  Newcombe:
 * 1 - sqrt(2) * 0.27753 = 0.60751, and 1.  Min detectable around 0 at
 * n = 10: 0.51667.
 */
static void wilson_at_zero_and_n(void)
{
	struct hdb_store *st = fresh("wilson.db");
	struct qspec all = { "h1", NULL, "m", NULL, NULL, "niah", "pass_rate",
			     10, 10, NAN, 0, NULL, NULL };
	struct qspec none = { "h2", NULL, "m", NULL, NULL, "niah", "pass_rate",
			      10, 0, NAN, 0, NULL, NULL };
	long long ia = add_q(st, &all), in = add_q(st, &none);
	struct hdb_table t;
	size_t r;

	CHECK_INT(run(st, NULL, NULL, NULL, NULL, &t), 0);
	r = row_of(&t, ia);
	CHECK(real(&t, r, "pass_hi") == 1.0);		/* exactly */
	CHECK_NEAR(real(&t, r, "pass_lo"), 0.7224672001371107, 1e-9);
	CHECK_NEAR(real(&t, r, "p"), 7.744216431015971e-06, 1e-10);
	CHECK_NEAR(real(&t, r, "diff_lo"), 0.6075093504305242, 1e-9);
	CHECK_NEAR(real(&t, r, "diff_hi"), 1.0, 1e-12);
	CHECK_NEAR(real(&t, r, "min_detectable"), 0.5166683011332384, 1e-6);
	CHECK_STR(text(&t, r, "verdict"), "a better");
	r = row_of(&t, in);
	CHECK(real(&t, r, "pass_lo") == 0.0);		/* exactly */
	CHECK_NEAR(real(&t, r, "pass_hi"), 0.2775327998628892, 1e-9);
	CHECK_STR(text(&t, r, "verdict"), "b better");
	CHECK_NEAR(real(&t, r, "diff"), -1.0, 1e-12);
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* --- McNemar on items --- */

/*
 * Four runs of the same 20 exercises.
 *   x: 15 pass (items 0-14)
 *   y: 12 pass (0-9, 15, 16): x only 5 (10-14), y only 2 (15, 16):
 *      exact McNemar 2 (1 + 7 + 21) / 128 = 0.453125; over the 20 shared
 *      items 15/20 - 12/20 = 0.15, Newcombe (-0.13401, 0.40422)
 *   z: the same outcomes as x: no discordant pair, p = 1, diff 0,
 *      Newcombe (-0.25867, 0.25867)
 *   w: x's items 0-9 and 15-19 only (15 items), passing the first 10:
 *      the shared items are 15, not 20
 */
static void mcnemar_on_shared_items(void)
{
	struct hdb_store *st = fresh("mcnemar.db");
	struct qspec x = { "hx", NULL, "m", NULL, NULL, POLY, 20, 15, NAN, 0,
			   "11111111111111100000", "2026-01-04" };
	struct qspec y = { "hy", NULL, "m", NULL, NULL, POLY, 20, 12, NAN, 0,
			   "11111111110000011000", "2026-01-03" };
	struct qspec z = { "hz", NULL, "m", NULL, NULL, POLY, 20, 15, NAN, 0,
			   "11111111111111100000", "2026-01-02" };
	long long ix = add_q(st, &x), iy = add_q(st, &y), iz = add_q(st, &z);
	struct hdb_table t;
	size_t r;

	CHECK_INT(run(st, "hx", "hy", NULL, NULL, &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_INT(integer(&t, 0, "compared_with"), iy);
	CHECK_STR(text(&t, 0, "test"), "mcnemar");
	CHECK_INT(integer(&t, 0, "n_shared_items"), 20);
	CHECK_NEAR(real(&t, 0, "p"), 0.453125, 1e-12);
	CHECK_NEAR(real(&t, 0, "diff"), 0.15, 1e-12);
	CHECK_NEAR(real(&t, 0, "diff_lo"), -0.1340090607392163, 1e-9);
	CHECK_NEAR(real(&t, 0, "diff_hi"), 0.404223612897931, 1e-9);
	CHECK_NEAR(real(&t, 0, "min_detectable"), 0.41954462086895156, 1e-6);
	CHECK_STR(text(&t, 0, "verdict"), "within noise");
	hdb_table_release(&t);

	/* no discordant pairs */
	CHECK_INT(run(st, "hx", "hz", NULL, NULL, &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_STR(text(&t, 0, "test"), "mcnemar");
	CHECK(real(&t, 0, "p") == 1.0);
	CHECK(real(&t, 0, "diff") == 0.0);
	CHECK_NEAR(real(&t, 0, "diff_lo"), -0.2586740485808226, 1e-9);
	CHECK_NEAR(real(&t, 0, "diff_hi"), 0.2586740485808226, 1e-9);
	CHECK_STR(text(&t, 0, "verdict"), "within noise");
	hdb_table_release(&t);

	/* default: x and z tie for best (15/20); the newer, x, leads */
	CHECK_INT(run(st, NULL, NULL, NULL, NULL, &t), 0);
	CHECK_INT(t.n_rows, 3);
	CHECK_INT(integer(&t, 0, "id"), ix);
	CHECK_INT(integer(&t, 0, "compared_with"), iz);
	CHECK_HAS(text(&t, 0, "note"), "tied for best");
	r = row_of(&t, iz);
	CHECK_INT(integer(&t, r, "compared_with"), ix);
	CHECK_HAS(text(&t, r, "note"), "tied for best");
	r = row_of(&t, iy);
	CHECK_INT(integer(&t, r, "compared_with"), ix);
	CHECK_NEAR(real(&t, r, "p"), 0.453125, 1e-12);
	CHECK_NEAR(real(&t, r, "diff"), -0.15, 1e-12);
	CHECK(is_null(&t, r, "note"));
	hdb_table_release(&t);
	hdb_store_close(st);
}

static void mcnemar_over_part_of_the_items(void)
{
	struct hdb_store *st = fresh("part.db");
	struct qspec x = { "hx", NULL, "m", NULL, NULL, POLY, 20, 15, NAN, 0,
			   "11111111111111100000", NULL };
	struct qspec w = { "hw", NULL, "m", NULL, NULL, POLY, 15, 10, NAN, 1,
			   NULL, NULL };
	struct hdb_quality_item it;
	struct hdb_table t;
	long long iw;
	char item[16];
	int i;

	add_q(st, &x);
	iw = add_q(st, &w);
	/* w's items: ex/00..09 passed, ex/15..19 failed */
	CHECK_INT(hdb_store_begin(st), 0);
	for (i = 0; i < 20; i++) {
		if (i >= 10 && i < 15)
			continue;
		snprintf(item, sizeof(item), "ex/%02d", i);
		it.item = item;
		it.passed = i < 10;
		it.detail = NULL;
		CHECK_INT(hdb_store_add_quality_item(st, iw, HDB_UNSET, &it), 0);
	}
	CHECK_INT(hdb_store_commit(st), 0);
	/* shared: 0-9 both pass, 15-19 both fail: no discordant pair */
	CHECK_INT(run(st, "hx", "hw", NULL, NULL, &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_STR(text(&t, 0, "test"), "mcnemar");
	CHECK_INT(integer(&t, 0, "n_shared_items"), 15);
	CHECK(real(&t, 0, "p") == 1.0);
	CHECK(real(&t, 0, "diff") == 0.0);
	CHECK_HAS(text(&t, 0, "note"), "mcnemar over 15 shared items of 20 and 15");
	CHECK_HAS(text(&t, 0, "note"), "b partial");
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* --- Several candidates, mismatched keys, scores without counts --- */

static void sides_choose_and_count(void)
{
	struct hdb_store *st = fresh("sides.db");
	/* side a has two runs of the key: kv q8_0 (newer) and q4_0 */
	struct qspec a1 = { "strix", NULL, "m", "q8_0", NULL, POLY, 100, 50,
			    NAN, 0, NULL, "2026-02-01" };
	struct qspec a2 = { "strix", NULL, "m", "q4_0", NULL, POLY, 100, 40,
			    NAN, 0, NULL, "2026-01-01" };
	struct qspec b1 = { "a30", NULL, "m", "q4_0", NULL, POLY, 100, 45,
			    NAN, 0, NULL, "2026-01-01" };
	/* a benchmark only a has, and one only b has */
	struct qspec a3 = { "strix", NULL, "m", "q8_0", NULL, "humaneval+",
			    "pass@1", 164, 100, NAN, 0, NULL, NULL };
	struct qspec b2 = { "a30", NULL, "m", "q8_0", NULL, "mbpp+",
			    "pass@1", 378, 200, NAN, 0, NULL, NULL };
	long long i1, i2, ib;
	struct hdb_table t;

	i1 = add_q(st, &a1);
	i2 = add_q(st, &a2);
	ib = add_q(st, &b1);
	add_q(st, &a3);
	add_q(st, &b2);
	CHECK_INT(run(st, "strix", "a30", NULL, NULL, &t), 0);
	CHECK_INT(t.n_rows, 1);
	/* the pair that differs least: a's q4_0 run, though a1 is newer */
	CHECK_INT(integer(&t, 0, "id"), i2);
	CHECK_INT(integer(&t, 0, "compared_with"), ib);
	CHECK_INT(integer(&t, 0, "a_unchosen"), 1);
	CHECK_INT(integer(&t, 0, "b_unchosen"), 0);
	CHECK(is_null(&t, 0, "differs"));
	hdb_table_release(&t);

	/* a kv selector makes kv the thing compared: then the newest */
	CHECK_INT(run(st, "host=strix,kv=q8_0", "host=a30,kv=q4_0", NULL, NULL,
		      &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_INT(integer(&t, 0, "id"), i1);
	CHECK_INT(integer(&t, 0, "a_unchosen"), 0);
	CHECK(is_null(&t, 0, "differs"));
	hdb_table_release(&t);

	/* nothing in common: the empty result says why */
	CHECK_INT(run(st, "strix", "a30", NULL, "humaneval+", &t), 0);
	CHECK_INT(t.n_rows, 0);
	CHECK_STR(t.empty, "no benchmark, metric and model that both --a "
		  "'strix' (1 rows) and --b 'a30' (0 rows) have");
	hdb_table_release(&t);

	/* selectors and filters that name nothing are errors */
	CHECK_INT(run(st, "nowhere", "a30", NULL, NULL, &t), -1);
	CHECK_HAS(hdb_errmsg(), "--a: no host 'nowhere' in the store (hosts: a30, strix)");
	CHECK_INT(run(st, "strix", NULL, NULL, NULL, &t), -1);
	CHECK_HAS(hdb_errmsg(), "expected both --a SEL and --b SEL");
	CHECK_INT(run(st, NULL, NULL, NULL, "gsm8k", &t), -1);
	CHECK_HAS(hdb_errmsg(), "--benchmark: no quality rows with benchmark 'gsm8k'");
	CHECK_INT(run(st, "strix", "a30", "gpt-5", NULL, &t), -1);
	CHECK_HAS(hdb_errmsg(), "--reference");
	CHECK_INT(run(st, "host=strix,ngl=99", "a30", NULL, NULL, &t), -1);
	CHECK_HAS(hdb_errmsg(), "ngl is not known for quality rows");
	hdb_store_close(st);
}

static void scores_without_counts_have_no_interval(void)
{
	struct hdb_store *st = fresh("score.db");
	/* lm-eval: a score and n, no pass count */
	struct qspec s1 = { "h1", NULL, "m", NULL, NULL, "ifeval",
			    "inst_level_strict_acc,none", 500, HDB_UNSET, 0.6,
			    1, NULL, NULL };
	struct qspec s2 = { "h2", NULL, "m", NULL, NULL, "ifeval",
			    "inst_level_strict_acc,none", 500, HDB_UNSET, 0.5,
			    0, NULL, NULL };
	struct qspec one = { "h1", NULL, "m", NULL, NULL, "gsm8k", "acc",
			     50, 40, NAN, 0, NULL, NULL };
	long long i1 = add_q(st, &s1), i2 = add_q(st, &s2), io;
	struct hdb_table t;
	size_t r;

	io = add_q(st, &one);
	CHECK_INT(run(st, NULL, NULL, NULL, NULL, &t), 0);
	CHECK_INT(t.n_rows, 3);
	r = row_of(&t, i1);
	CHECK(is_null(&t, r, "pass_rate"));
	CHECK(is_null(&t, r, "pass_lo"));
	CHECK_NEAR(real(&t, r, "score"), 0.6, 1e-12);
	CHECK_INT(integer(&t, r, "partial"), 1);
	CHECK_NEAR(real(&t, r, "diff"), 0.1, 1e-12);
	CHECK_STR(text(&t, r, "test"), "none");
	CHECK(is_null(&t, r, "p"));
	CHECK_STR(text(&t, r, "verdict"), "not tested");
	CHECK_HAS(text(&t, r, "note"), "score only: no pass count, no interval");
	CHECK_HAS(text(&t, r, "note"), "partial run");
	r = row_of(&t, i2);
	CHECK_INT(integer(&t, r, "compared_with"), i1);
	CHECK_INT(integer(&t, r, "partial"), 0);
	/* a row alone: nothing to compare it with */
	r = row_of(&t, io);
	CHECK(is_null(&t, r, "compared_with"));
	CHECK(is_null(&t, r, "verdict"));
	CHECK_NEAR(real(&t, r, "pass_rate"), 0.8, 1e-12);
	CHECK_HAS(text(&t, r, "note"), "the only row of its benchmark");
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* --- Reference scores --- */

/*
 * Seed 000: "qwen3.6 with thinking off (53.8%) is just 2.6pp under
 * Claude Sonnet 4 no-think (56.4%); effectively tied within Polyglot's
 * noise floor".  56.4% of 225 is 126.9: 127 passes.  121/225 against
 * 127/225: pooled z = -0.56866, p = 0.56958; Newcombe (-0.11747,
 * 0.06477); min detectable around 127/225 at n = 225: 0.13172.
 */
static void reference_is_compared_without_items(void)
{
	struct hdb_store *st = fresh("ref.db");
	struct qspec q = { "strix", NULL, "qwen3.6", NULL, "whole", POLY, 225,
			   121, NAN, 0, NULL, NULL };
	struct qspec q1 = { "strix", NULL, "qwen3.6", NULL, "whole",
			    "aider-polyglot", "pass_rate_1", 225, 60, NAN, 0,
			    NULL, NULL };
	struct qspec py = { "strix", NULL, "qwen3.6", NULL, NULL,
			    "aider-python", "pass_rate_2", 133, 80, NAN, 0,
			    NULL, NULL };
	struct qspec he = { "strix", NULL, "qwen3.6", NULL, NULL, "humaneval+",
			    "pass@1", 164, 120, NAN, 0, NULL, NULL };
	long long iq, ipy, ihe;
	struct hdb_table t;
	size_t r;

	iq = add_q(st, &q);
	add_q(st, &q1);
	ipy = add_q(st, &py);
	ihe = add_q(st, &he);
	add_ref(st, "sonnet-4", "aider-polyglot", "diff", 0.564, 225,
		"2025-05-25", "{\"score_from\": \"pass_rate_2\"}");
	add_ref(st, "sonnet-4", "aider-polyglot", "whole", 0.50, 225,
		"2025-01-01", "{\"score_from\": \"pass_rate_2\"}");
	add_ref(st, "sonnet-4", "aider-edit", "diff", 0.70, 133, "2025-05-25",
		"{\"score_from\": \"pass_rate_2\"}");
	add_ref(st, "sonnet-4", "humaneval+", NULL, 0.80, HDB_UNSET, NULL,
		NULL);
	CHECK_INT(run(st, NULL, NULL, "Sonnet-4", NULL, &t), 0);
	/* pass_rate_1 has no reference: the board scores pass_rate_2 */
	CHECK_INT(t.n_rows, 3);
	r = row_of(&t, iq);
	/* the reference of the same variant, though older */
	CHECK_NEAR(real(&t, r, "other_rate"), 0.50, 1e-12);
	CHECK_INT(integer(&t, r, "b_unchosen"), 1);
	CHECK(is_null(&t, r, "differs"));
	r = row_of(&t, ipy);
	CHECK_STR(text(&t, r, "reference"), "sonnet-4");
	CHECK_NEAR(real(&t, r, "other_rate"), 0.70, 1e-12);
	CHECK_INT(integer(&t, r, "other_n"), 133);
	CHECK_STR(text(&t, r, "test"), "two-proportion");
	CHECK_STR(text(&t, r, "differs"), "variant - vs diff");
	r = row_of(&t, ihe);
	CHECK_STR(text(&t, r, "test"), "none");
	CHECK_NEAR(real(&t, r, "diff"), 120.0 / 164 - 0.80, 1e-12);
	CHECK(is_null(&t, r, "diff_lo"));
	CHECK(is_null(&t, r, "p"));
	CHECK(is_null(&t, r, "other_n"));
	CHECK_STR(text(&t, r, "verdict"), "not tested");
	hdb_table_release(&t);

	/* the seed's no-think comparison: no variant of the row's own */
	add_ref(st, "sonnet-4-nothink", "aider-polyglot", "diff", 0.564, 225,
		"2025-05-25", "{\"score_from\": \"pass_rate_2\"}");
	CHECK_INT(run(st, NULL, NULL, "sonnet-4-nothink", "aider-polyglot",
		      &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_INT(integer(&t, 0, "id"), iq);
	CHECK(is_null(&t, 0, "compared_with"));
	CHECK_NEAR(real(&t, 0, "other_rate"), 0.564, 1e-12);
	/* the difference from the score as published, the interval from
	 * the 127 passes it stands for */
	CHECK_NEAR(real(&t, 0, "diff"), 121.0 / 225 - 0.564, 1e-12);
	CHECK_NEAR(real(&t, 0, "diff_lo"), -0.11747232750821636, 1e-9);
	CHECK_NEAR(real(&t, 0, "diff_hi"), 0.06476542047410946, 1e-9);
	CHECK_NEAR(real(&t, 0, "p"), 0.5695839639448586, 1e-7);
	CHECK_NEAR(real(&t, 0, "min_detectable"), 0.13172176846918815, 1e-6);
	CHECK_STR(text(&t, 0, "verdict"), "within noise");
	CHECK_STR(text(&t, 0, "differs"), "variant whole vs diff");
	hdb_table_release(&t);

	/* a reference with nothing to compare; an unknown one */
	CHECK_INT(run(st, NULL, NULL, "sonnet-4-nothink", "humaneval+", &t), 0);
	CHECK_INT(t.n_rows, 0);
	CHECK_STR(t.empty, "no quality row of the benchmarks that reference "
		  "'sonnet-4-nothink' scores (aider-polyglot) among those "
		  "--benchmark and --model select");
	hdb_table_release(&t);
	CHECK_INT(run(st, NULL, NULL, "gpt-6", NULL, &t), -1);
	CHECK_STR(hdb_errmsg(), "--reference: no reference_score rows with "
		  "model 'gpt-6' (models in the store: sonnet-4, "
		  "sonnet-4-nothink)");
	hdb_store_close(st);
}

static void empty_store_says_so(void)
{
	struct hdb_store *st = fresh("empty.db");
	struct hdb_table t;

	CHECK_INT(run(st, NULL, NULL, NULL, NULL, &t), 0);
	CHECK_INT(t.n_rows, 0);
	CHECK_STR(t.empty, "no quality rows yet");
	CHECK_INT(t.n_cols, 31);
	CHECK_STR(t.cols[0], "id");
	hdb_table_release(&t);
	hdb_store_close(st);
}

int main(void)
{
	RUN(seed_polyglot_gap_is_within_noise);
	RUN(wilson_at_zero_and_n);
	RUN(mcnemar_on_shared_items);
	RUN(mcnemar_over_part_of_the_items);
	RUN(sides_choose_and_count);
	RUN(scores_without_counts_have_no_interval);
	RUN(reference_is_compared_without_items);
	RUN(empty_store_says_so);
	return t_done();
}
