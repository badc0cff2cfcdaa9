/*
 * Unit tests: query/noise.c (halodb query noise) on fixture stores built
 * with the store API.  Expected statistics come from Python's statistics
 * module (mean, stdev, median; written down below) and t(0.975, df) as
 * R's qt gives it: df 1 12.70620474, df 2 4.30265273, df 4 2.77644511,
 * df 5 2.57058184 (the t tables of any textbook to 3 decimals).
 */
#include "harness.h"
#include "qfixture.h"
#include "../../query/query.h"
#include "../../query/stats.h"
#include "../../schema/store.h"
#include "../../util.h"

#include <sqlite3.h>

/* The columns, in the order noise.c documents them. */
enum {
	C_ID, C_HOST, C_MODEL, C_QUANT, C_TEST, C_DEPTH, C_BACKEND, C_BUILD,
	C_KV, C_VARIANT, C_STATUS, C_N, C_MEAN, C_SD, C_CV, C_MIN, C_MEDIAN,
	C_MAX, C_CI_LO, C_CI_HI, C_FLAGS, C_METHOD, C_ERROR, N_COLS
};

/* How a row's repetitions are recorded. */
enum reps { TS, NS_ONLY, NONE };

/*
 * Adds one result of model "m 1B" Q4_K_M with ts[0..n-1] as its
 * repetitions (recorded as reps says), mean and sd as stored.
 */
static void add(struct hdb_store *st, const char *host, const char *test,
		long long depth, const char *status, enum reps reps,
		const double *ts, size_t n, double mean, double sd)
{
	static int k;
	struct hdb_bench_record r;
	struct hdb_sample s[16];
	size_t i;

	memset(&r, 0, sizeof(r));
	r.line = 1;
	r.model = "m 1B";
	r.quant = "Q4_K_M";
	r.test = test;
	r.n_prompt = test && test[0] == 'p' ? 512 : 0;
	r.n_gen = test && test[0] == 't' ? 128 : 0;
	r.n_depth = depth;
	r.avg_ts = mean;
	r.stddev_ts = sd;
	r.type_k = r.type_v = "f16";
	r.test_time = "2026-01-01T00:00:00Z";
	r.status = status;
	r.error = strcmp(status, "ok") ? "exit=137" : NULL;
	r.backend = "Vulkan";
	r.build_commit = "abc1234";
	r.build_number = 9000 + k++;	/* every row its own */
	r.flash_attn = 1;
	r.model_size = r.model_n_params = r.n_gpu_layers = HDB_UNSET;
	r.n_batch = r.n_ubatch = r.n_threads = r.avg_ns = r.stddev_ns = HDB_UNSET;
	for (i = 0; i < n; i++) {
		s[i].ts = reps == TS ? ts[i] : NAN;
		s[i].ns = 1000000 + (long long)i;
	}
	r.samples = s;
	r.n_samples = reps == NONE ? 0 : n;
	r.samples_known = reps != NONE;
	add_record(st, host, &r);
}

/* add() with samples as given. */
#define ADD(st, host, test, depth, ...) do {				\
	static const double x_[] = { __VA_ARGS__ };			\
	add(st, host, test, depth, "ok", TS, x_,			\
	    sizeof(x_) / sizeof(x_[0]), x_[0], 0);			\
} while (0)

static struct hdb_table run(struct hdb_store *st, const char *host,
			    const char *test, double cv)
{
	struct hdb_query_opts o;
	struct hdb_table t;

	hdb_query_opts_init(&o);
	o.host = host;
	o.test = test;
	if (cv >= 0)
		o.cv = cv;
	if (hdb_query_noise(hdb_store_sqlite(st), &o, &t)) {
		fprintf(stderr, "noise: %s\n", hdb_errmsg());
		exit(2);
	}
	return t;
}

static const struct hdb_cell *cell_at(const struct hdb_table *t, size_t r,
				   int c)
{
	return hdb_table_cell(t, r, (size_t)c);
}

static int null_at(const struct hdb_table *t, size_t r, int c)
{
	return cell_at(t, r, c)->type == HDB_CELL_NULL;
}

/* The seed's pp512: 100157 +- 33331 over 5 repetitions, the first far
 * below.  Python: statistics.mean([40533, 115000, 115100, 115050,
 * 115102]) = 100157, stdev = 33330.85563, median 115050; the interval
 * 100157 -/+ 2.77644511 * 33330.85563 / sqrt(5) = [58771.2765,
 * 141542.7235].  Warm-up: the others' median 115075, stdev 48.40110;
 * |40533 - 115075| = 74542 > 11507.5 and > 145.2. */
static void seed_pp512_is_flagged_three_ways(void)
{
	struct hdb_store *st = fresh("seed.db");
	struct hdb_table t;

	ADD(st, "strix", "pp512", 0, 40533, 115000, 115100, 115050, 115102);
	t = run(st, NULL, NULL, -1);
	CHECK_INT(t.n_cols, N_COLS);
	CHECK_STR(t.cols[C_CI_HI], "ci_hi");
	CHECK_INT(t.n_rows, 1);
	CHECK_INT(cell_at(&t, 0, C_N)->i, 5);
	CHECK_NEAR(cell_at(&t, 0, C_MEAN)->r, 100157, 1e-9);
	CHECK_NEAR(cell_at(&t, 0, C_SD)->r, 33330.85563, 1e-5);
	CHECK_NEAR(cell_at(&t, 0, C_CV)->r, 0.3327860821, 1e-9);
	CHECK_NEAR(cell_at(&t, 0, C_MIN)->r, 40533, 0);
	CHECK_NEAR(cell_at(&t, 0, C_MEDIAN)->r, 115050, 0);
	CHECK_NEAR(cell_at(&t, 0, C_MAX)->r, 115102, 0);
	CHECK_NEAR(cell_at(&t, 0, C_CI_LO)->r, 58771.2765, 1e-3);
	CHECK_NEAR(cell_at(&t, 0, C_CI_HI)->r, 141542.7235, 1e-3);
	CHECK_STR(cell_at(&t, 0, C_FLAGS)->s,
		  "too few repetitions; high cv; warm-up");
	CHECK_STR(cell_at(&t, 0, C_METHOD)->s, "samples");
	CHECK_STR(cell_at(&t, 0, C_STATUS)->s, "ok");
	CHECK(null_at(&t, 0, C_ERROR));
	CHECK_INT(cell_at(&t, 0, C_BUILD)->i, 9000);
	CHECK_STR(cell_at(&t, 0, C_KV)->s, "f16");
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* Warm-up needs both: more than 10% from the others' median and more
 * than 3 of their sds; n >= 3.  Hand computation per row. */
static void warm_up_needs_both_bounds(void)
{
	struct hdb_store *st = fresh("warm.db");
	struct hdb_table t;
	size_t i;

	/* others 100 80 120 100 100: median 100, sd sqrt(800/4) = 14.14;
	 * |88 - 100| = 12 > 10 but < 42.4: not a warm-up */
	ADD(st, "h", "tg128", 1, 88, 100, 80, 120, 100, 100);
	/* others 100 100.1 99.9 100 100: median 100, sd sqrt(0.02/4) =
	 * 0.0707; |95 - 100| = 5 > 0.21 but < 10: not a warm-up */
	ADD(st, "h", "tg128", 2, 95, 100, 100.1, 99.9, 100, 100);
	/* others all 100 (sd 0): 90 is exactly 10% away, not more */
	ADD(st, "h", "tg128", 3, 90, 100, 100, 100, 100, 100);
	/* 89 is more than 10% away, and more than 3 * 0 */
	ADD(st, "h", "tg128", 4, 89, 100, 100, 100, 100, 100);
	/* above the rest counts too: others 100 101, median 100.5, sd
	 * 0.707; |150 - 100.5| = 49.5 > 10.05 and > 2.12 */
	ADD(st, "h", "tg128", 5, 150, 100, 101);
	/* two repetitions: no rest to compare with */
	ADD(st, "h", "tg128", 6, 50, 100);
	t = run(st, NULL, NULL, 1);	/* cv 1: no high cv */
	CHECK_INT(t.n_rows, 6);
	for (i = 0; i < t.n_rows; i++) {
		const char *f = cell_at(&t, i, C_FLAGS)->s;
		int warm = f && strstr(f, "warm-up");

		CHECK_INT(cell_at(&t, i, C_DEPTH)->i, (long long)i + 1);
		CHECK_INT(warm, i == 3 || i == 4);
	}
	CHECK(null_at(&t, 0, C_FLAGS));	/* 6 reps, no warm-up */
	CHECK_STR(cell_at(&t, 4, C_FLAGS)->s, "too few repetitions; warm-up");
	/* Python: mean([150, 100, 101]) = 117, stdev 28.58321186; interval
	 * 117 -/+ 4.30265273 * 28.58321186 / sqrt(3) = [45.995366,
	 * 188.004634] */
	CHECK_NEAR(cell_at(&t, 4, C_SD)->r, 28.58321186, 1e-8);
	CHECK_NEAR(cell_at(&t, 4, C_CI_LO)->r, 45.995366, 1e-6);
	CHECK_NEAR(cell_at(&t, 4, C_CI_HI)->r, 188.004634, 1e-6);
	/* Python: mean([50, 100]) = 75, stdev 35.35533906; 75 -/+
	 * 12.70620474 * 35.35533906 / sqrt(2) = 75 -/+ 12.70620474 * 25 */
	CHECK_NEAR(cell_at(&t, 5, C_CI_LO)->r, 75 - 12.70620474 * 25, 1e-6);
	CHECK_NEAR(cell_at(&t, 5, C_CI_HI)->r, 75 + 12.70620474 * 25, 1e-6);
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* Ties and single repetitions: sd 0 gives cv 0 and a zero-width
 * interval; one repetition has no sd, cv or interval (null, not 0). */
static void ties_and_single_repetitions(void)
{
	struct hdb_store *st = fresh("ties.db");
	struct hdb_table t;

	ADD(st, "h", "tg128", 0, 62.1, 62.1, 62.1, 62.1, 62.1, 62.1);
	ADD(st, "h", "tg128", 8192, 72.5);
	t = run(st, NULL, NULL, -1);
	CHECK_INT(t.n_rows, 2);
	CHECK_NEAR(cell_at(&t, 0, C_SD)->r, 0, 0);
	CHECK_NEAR(cell_at(&t, 0, C_CV)->r, 0, 0);
	CHECK_NEAR(cell_at(&t, 0, C_CI_LO)->r, 62.1, 1e-12);
	CHECK_NEAR(cell_at(&t, 0, C_CI_HI)->r, 62.1, 1e-12);
	CHECK_NEAR(cell_at(&t, 0, C_MEDIAN)->r, 62.1, 1e-12);
	CHECK(null_at(&t, 0, C_FLAGS));
	CHECK_INT(cell_at(&t, 1, C_N)->i, 1);
	CHECK_NEAR(cell_at(&t, 1, C_MEAN)->r, 72.5, 0);
	CHECK_NEAR(cell_at(&t, 1, C_MEDIAN)->r, 72.5, 0);
	CHECK(null_at(&t, 1, C_SD));
	CHECK(null_at(&t, 1, C_CV));
	CHECK(null_at(&t, 1, C_CI_LO));
	CHECK(null_at(&t, 1, C_CI_HI));
	CHECK_STR(cell_at(&t, 1, C_FLAGS)->s, "too few repetitions");
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* Without tokens/s per repetition: the stored mean, sd and n.  40.2 -/+
 * 2.57058184 * 0.1 / sqrt(6) = [40.09505644, 40.30494356] (by hand).
 * Without any repetitions, n is unknown: too few, and no interval. */
static void stored_mean_sd_n_without_samples(void)
{
	struct hdb_store *st = fresh("stored.db");
	struct hdb_table t;
	static const double six[6] = { 0 };

	add(st, "h", "tg128", 32768, "ok", NS_ONLY, six, 6, 40.2, 0.1);
	add(st, "h", "tg128", 65536, "ok", NONE, NULL, 0, 28.1, 0.5);
	t = run(st, NULL, NULL, -1);
	CHECK_INT(t.n_rows, 2);
	CHECK_INT(cell_at(&t, 0, C_N)->i, 6);
	CHECK_NEAR(cell_at(&t, 0, C_MEAN)->r, 40.2, 1e-12);
	CHECK_NEAR(cell_at(&t, 0, C_SD)->r, 0.1, 1e-12);
	CHECK_NEAR(cell_at(&t, 0, C_CV)->r, 0.1 / 40.2, 1e-12);
	CHECK_NEAR(cell_at(&t, 0, C_CI_LO)->r, 40.09505644, 1e-8);
	CHECK_NEAR(cell_at(&t, 0, C_CI_HI)->r, 40.30494356, 1e-8);
	CHECK(null_at(&t, 0, C_MIN));
	CHECK(null_at(&t, 0, C_MEDIAN));
	CHECK(null_at(&t, 0, C_MAX));
	CHECK(null_at(&t, 0, C_FLAGS));
	CHECK_STR(cell_at(&t, 0, C_METHOD)->s, "mean, sd, n");
	CHECK(null_at(&t, 1, C_N));
	CHECK_NEAR(cell_at(&t, 1, C_MEAN)->r, 28.1, 1e-12);
	CHECK(null_at(&t, 1, C_CI_LO));
	CHECK_STR(cell_at(&t, 1, C_FLAGS)->s, "too few repetitions");
	CHECK_STR(cell_at(&t, 1, C_METHOD)->s, "mean, sd, n");
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* Runs that did not finish: status, error, the status as the flag, and
 * no numbers; never dropped. */
static void statuses_show_as_such(void)
{
	struct hdb_store *st = fresh("status.db");
	struct hdb_table t;

	add(st, "h", "pp512", 0, "crashed", NONE, NULL, 0, NAN, NAN);
	add(st, "h", "tg128", 0, "oom", NONE, NULL, 0, NAN, NAN);
	add(st, "h", NULL, HDB_UNSET, "wedged", NONE, NULL, 0, NAN, NAN);
	t = run(st, NULL, NULL, -1);
	CHECK_INT(t.n_rows, 3);
	/* the row without a test (NULL) first */
	CHECK_STR(cell_at(&t, 0, C_STATUS)->s, "wedged");
	CHECK(null_at(&t, 0, C_TEST));
	CHECK(null_at(&t, 0, C_DEPTH));
	CHECK_STR(cell_at(&t, 1, C_STATUS)->s, "crashed");
	CHECK_STR(cell_at(&t, 1, C_FLAGS)->s, "crashed");
	CHECK_STR(cell_at(&t, 1, C_ERROR)->s, "exit=137");
	CHECK_STR(cell_at(&t, 2, C_FLAGS)->s, "oom");
	CHECK(null_at(&t, 1, C_N));
	CHECK(null_at(&t, 1, C_MEAN));
	CHECK(null_at(&t, 1, C_SD));
	CHECK(null_at(&t, 1, C_METHOD));
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* Ordered by host, model, quant, test, depth, id; several rows of one
 * key each their own row.  The hosts' rows are interleaved, and far
 * apart (more than the 16 ids one range of samples spans), so the
 * samples of each come from several ranges, skipping others' samples. */
static void order_and_samples_across_ranges(void)
{
	struct hdb_store *st = fresh("order.db");
	struct hdb_table t;
	int i;

	ADD(st, "b", "tg128", 0, 10, 11, 12);		/* id 1 */
	ADD(st, "a", "tg128", 8192, 20, 21, 22);	/* id 2 */
	for (i = 0; i < 20; i++)
		ADD(st, "c", "tg128", 0, 1, 2);		/* ids 3-22 */
	ADD(st, "a", "pp512", 0, 30, 31, 32, 33);	/* id 23 */
	ADD(st, "c", "tg128", 0, 1, 2);			/* id 24 */
	ADD(st, "a", "tg128", 0, 40, 41);		/* id 25 */
	ADD(st, "a", "tg128", 0, 50);			/* id 26 */
	t = run(st, "a", NULL, -1);
	CHECK_INT(t.n_rows, 4);
	CHECK_INT(cell_at(&t, 0, C_ID)->i, 23);
	CHECK_INT(cell_at(&t, 1, C_ID)->i, 25);
	CHECK_INT(cell_at(&t, 2, C_ID)->i, 26);
	CHECK_INT(cell_at(&t, 3, C_ID)->i, 2);
	CHECK_INT(cell_at(&t, 0, C_N)->i, 4);
	CHECK_NEAR(cell_at(&t, 0, C_MEAN)->r, 31.5, 1e-12);
	CHECK_INT(cell_at(&t, 1, C_N)->i, 2);
	CHECK_NEAR(cell_at(&t, 1, C_MEAN)->r, 40.5, 1e-12);
	CHECK_INT(cell_at(&t, 2, C_N)->i, 1);
	CHECK_INT(cell_at(&t, 3, C_N)->i, 3);
	CHECK_NEAR(cell_at(&t, 3, C_MEAN)->r, 21, 1e-12);
	hdb_table_release(&t);
	t = run(st, NULL, NULL, -1);
	CHECK_INT(t.n_rows, 26);
	CHECK_STR(cell_at(&t, 0, C_HOST)->s, "a");
	CHECK_STR(cell_at(&t, 4, C_HOST)->s, "b");
	CHECK_NEAR(cell_at(&t, 4, C_MEAN)->r, 11, 1e-12);
	CHECK_STR(cell_at(&t, 5, C_HOST)->s, "c");
	CHECK_INT(cell_at(&t, 25, C_ID)->i, 24);
	CHECK_INT(cell_at(&t, 25, C_N)->i, 2);
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* 'high cv' is above --cv, not at it. */
static void high_cv_threshold(void)
{
	struct hdb_store *st = fresh("cv.db");
	struct hdb_table t;

	/* Python: stdev([30, 33, 36, 30, 33, 36]) / 33 = 0.08131156 */
	ADD(st, "h", "tg128", 0, 30, 33, 36, 30, 33, 36);
	ADD(st, "h", "tg128", 1, 5, 5, 5, 5, 5, 5);
	t = run(st, NULL, NULL, -1);
	CHECK_NEAR(cell_at(&t, 0, C_CV)->r, 0.08131156282, 1e-10);
	CHECK_STR(cell_at(&t, 0, C_FLAGS)->s, "high cv");
	CHECK(null_at(&t, 1, C_FLAGS));
	hdb_table_release(&t);
	t = run(st, NULL, NULL, 0.09);
	CHECK(null_at(&t, 0, C_FLAGS));
	hdb_table_release(&t);
	t = run(st, NULL, NULL, 0);		/* cv 0 is not above 0 */
	CHECK_STR(cell_at(&t, 0, C_FLAGS)->s, "high cv");
	CHECK(null_at(&t, 1, C_FLAGS));
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* Selectors and filters: nothing selected says why; a value that is
 * nowhere is an error. */
static void filters_and_empty_results(void)
{
	struct hdb_store *st = fresh("filter.db");
	struct hdb_query_opts o;
	struct hdb_table t;
	sqlite3 *db = hdb_store_sqlite(st);

	hdb_query_opts_init(&o);
	CHECK_INT(hdb_query_noise(db, &o, &t), 0);
	CHECK_INT(t.n_rows, 0);
	CHECK_STR(t.empty, "no throughput rows in the store");
	hdb_table_release(&t);
	ADD(st, "a", "tg128", 0, 1, 2, 3);
	ADD(st, "b", "pp512", 0, 1, 2, 3);
	t = run(st, "a", "tg128", -1);
	CHECK_INT(t.n_rows, 1);
	hdb_table_release(&t);
	t = run(st, "host=a,backend=Vulkan", "pp512", -1);
	CHECK_INT(t.n_rows, 0);
	CHECK_STR(t.empty, "no throughput rows for --host "
		  "'host=a,backend=Vulkan', --test 'pp512'");
	hdb_table_release(&t);
	o.host = "nope";
	CHECK_INT(hdb_query_noise(db, &o, &t), -1);
	CHECK_HAS(hdb_errmsg(), "no host 'nope' in the store (hosts: a, b)");
	o.host = NULL;
	o.model = "x";
	CHECK_INT(hdb_query_noise(db, &o, &t), -1);
	CHECK_HAS(hdb_errmsg(), "--model: no throughput rows with model=x");
	hdb_store_close(st);
}

/* Why 6 repetitions (noise.c, NOISE_MIN_REPS): exact two-sided
 * Mann-Whitney p-values, counted by hand from the partitions of U
 * (P(U <= u) over C(10, 5) = 252 and C(12, 6) = 924 orderings): 5 vs 5
 * reaches p < 0.01 only without overlap (2/252), not after one swapped
 * pair (4/252); 6 vs 6 does after two swaps (8/924), not three
 * (14/924). */
static void six_repetitions_survive_two_swaps(void)
{
	static const double a5[5] = { 1, 2, 3, 4, 5 }, b5[5] = { 6, 7, 8, 9, 10 };
	static const double c5[5] = { 1, 2, 3, 4, 7 }, d5[5] = { 6, 8, 9, 10, 11 };
	static const double a6[6] = { 1, 2, 3, 4, 5, 8 };
	static const double b6[6] = { 6, 7, 9, 10, 11, 12 };
	static const double c6[6] = { 1, 2, 3, 4, 5, 9 };
	static const double d6[6] = { 6, 7, 8, 10, 11, 12 };

	CHECK_NEAR(hdb_mann_whitney_p(a5, 5, b5, 5), 2.0 / 252, 1e-12);
	CHECK_NEAR(hdb_mann_whitney_p(c5, 5, d5, 5), 4.0 / 252, 1e-12);
	CHECK_NEAR(hdb_mann_whitney_p(a6, 6, b6, 6), 8.0 / 924, 1e-12);
	CHECK_NEAR(hdb_mann_whitney_p(c6, 6, d6, 6), 14.0 / 924, 1e-12);
}

/* Are two tables the same, cell for cell (NAN equal to NAN)? */
static int same_table(const struct hdb_table *a, const struct hdb_table *b)
{
	size_t i, n = a->n_rows * a->n_cols;

	if (a->n_cols != b->n_cols || a->n_rows != b->n_rows)
		return 0;
	for (i = 0; i < n; i++) {
		const struct hdb_cell *x = &a->cells[i], *y = &b->cells[i];

		if (x->type != y->type || x->i != y->i ||
		    (x->r != y->r && !(isnan(x->r) && isnan(y->r))) ||
		    (!x->s != !y->s) || (x->s && strcmp(x->s, y->s)))
			return 0;
	}
	return 1;
}

/*
 * Over every host, noise and degradation load the next host on a second
 * thread with its own connection (query/common.c, q_ahead) where there
 * are several processors; inside a transaction of the caller's they load
 * every host on the caller's connection.  The rows are the same, in the
 * same order (hosts in name order whatever order they came in).
 */
static void every_host_ahead_or_not(void)
{
	static const char *const hosts[] = { "e", "a", "c", "d", "b" };
	struct hdb_store *st = fresh("ahead.db");
	sqlite3 *db = hdb_store_sqlite(st);
	struct hdb_query_opts o;
	struct hdb_table t[4];
	size_t h;
	int q;

	for (h = 0; h < 5; h++) {
		double x0[5] = { 30, 33, 36 + (double)h, 30, 33 };
		double x1[4] = { 20, 21, 22, 23 + (double)h };
		double x2[3] = { 500, 510, 520 };

		add(st, hosts[h], "tg128", 0, "ok", TS, x0, 5, x0[0], 0);
		add(st, hosts[h], "tg128", 4096, "ok", TS, x1, 4, x1[0], 0);
		add(st, hosts[h], "pp512", 0, "ok", TS, x2, 3, x2[0], 0);
	}
	hdb_query_opts_init(&o);
	for (q = 0; q < 2; q++) {
		if (q && sqlite3_exec(db, "BEGIN; SELECT count(*) FROM host",
				      NULL, NULL, NULL) != SQLITE_OK)
			T_FAIL("begin: %s", sqlite3_errmsg(db));
		CHECK_INT(hdb_query_noise(db, &o, &t[q]), 0);
		CHECK_INT(hdb_query_degradation(db, &o, &t[2 + q]), 0);
		if (q)
			sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	}
	CHECK_INT(t[0].n_rows, 15);
	CHECK_STR(cell_at(&t[0], 0, C_HOST)->s, "a");
	CHECK_STR(cell_at(&t[0], 14, C_HOST)->s, "e");
	CHECK(same_table(&t[0], &t[1]));
	CHECK(t[2].n_rows >= 5);
	CHECK(same_table(&t[2], &t[3]));
	for (q = 0; q < 4; q++)
		hdb_table_release(&t[q]);
	hdb_store_close(st);
}

int main(void)
{
	RUN(seed_pp512_is_flagged_three_ways);
	RUN(warm_up_needs_both_bounds);
	RUN(ties_and_single_repetitions);
	RUN(stored_mean_sd_n_without_samples);
	RUN(statuses_show_as_such);
	RUN(order_and_samples_across_ranges);
	RUN(high_cv_threshold);
	RUN(filters_and_empty_results);
	RUN(six_repetitions_survive_two_swaps);
	RUN(every_host_ahead_or_not);
	return t_done();
}
