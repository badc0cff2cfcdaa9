/*
 * Unit tests: selectors (query/select.c), the choice of candidates and the
 * comparison of two sides (query/common.c), and halodb query ratio
 * (query/ratio.c), on fixture stores with known answers.
 */
#include "harness.h"
#include "qfixture.h"
#include "../../query/query.h"
#include "../../schema/store.h"
#include "../../util.h"

#include <math.h>
#include <sqlite3.h>

/* One throughput row; unset fields take the defaults of row_defaults. */
struct row {
	const char *host, *model, *quant, *test, *kv, *status, *backend;
	const char *variant;	/* --variant at ingest; NULL: none */
	long long depth, build, fa, ngl;
	double ts[8];		/* samples; n of them */
	size_t n;
	double mean, sd;	/* without samples: as stored */
	long long n_reps;	/* without samples; -1: unknown */
};

static void add(struct hdb_store *st, const struct row *w)
{
	static int seq;
	struct hdb_bench_record r;
	struct hdb_sample s[8];
	char time[32];
	double sum = 0, ss = 0;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.line = 1;
	r.model = w->model ? w->model : "qwen3moe 30B.A3B";
	r.quant = w->quant ? w->quant : "Q4_K_M";
	r.test = w->test;
	if (w->test) {
		r.n_prompt = w->test[0] == 'p' ? 512 : 0;
		r.n_gen = w->test[0] == 't' ? 128 : 0;
	} else {
		r.n_prompt = r.n_gen = HDB_UNSET;
	}
	r.n_depth = w->test ? w->depth : HDB_UNSET;
	r.type_k = r.type_v = w->kv ? w->kv : "q8_0";
	snprintf(time, sizeof(time), "2026-01-01T00:00:%02dZ", seq++ % 60);
	r.test_time = time;
	r.status = w->status ? w->status : "ok";
	r.backend = w->backend ? w->backend : "Vulkan";
	r.build_commit = "abc1234";
	r.build_number = w->build ? w->build : 9000;
	r.flash_attn = w->fa ? w->fa : 1;
	r.n_gpu_layers = w->ngl ? w->ngl : 99;
	r.model_size = r.model_n_params = HDB_UNSET;
	r.n_batch = r.n_ubatch = r.n_threads = HDB_UNSET;
	r.avg_ns = r.stddev_ns = HDB_UNSET;
	r.variant = w->variant;
	for (i = 0; i < w->n; i++) {
		s[i].ts = w->ts[i];
		s[i].ns = HDB_UNSET;
		sum += w->ts[i];
	}
	if (w->n) {
		r.avg_ts = sum / w->n;
		for (i = 0; i < w->n; i++)
			ss += (w->ts[i] - r.avg_ts) * (w->ts[i] - r.avg_ts);
		r.stddev_ts = w->n > 1 ? sqrt(ss / (w->n - 1)) : 0;
		r.samples = s;
		r.n_samples = w->n;
		r.samples_known = 1;
	} else {
		r.avg_ts = w->status ? NAN : w->mean;
		r.stddev_ts = w->status ? NAN : w->sd;
	}
	r.precision = 0;
	add_record(st, w->host, &r);
}

static int ratio(struct hdb_store *st, const char *num, const char *den,
		 const char *test, struct hdb_table *t)
{
	struct hdb_query_opts o;

	hdb_query_opts_init(&o);
	o.num = num;
	o.den = den;
	o.test = test;
	return hdb_query_ratio(hdb_store_sqlite(st), &o, t);
}

/* Six distinct repetitions around 100 and around 50: every num above
 * every den.  By hand: means 100 and 50, sums of squares 7 and 1.75. */
#define NUM6 { 98.5, 99, 99.5, 100.5, 101, 101.5 }, 6
#define DEN6 { 49.25, 49.5, 49.75, 50.25, 50.5, 50.75 }, 6

static void ratio_from_samples_with_its_tests(void)
{
	struct hdb_store *st = fresh("r1.db");
	struct hdb_table t;

	add(st, &(struct row){ .host = "a30", .test = "tg128", .ts = NUM6 });
	add(st, &(struct row){ .host = "strix", .test = "tg128", .ts = DEN6 });
	CHECK_INT(ratio(st, "a30", "strix", NULL, &t), 0);
	CHECK_INT(t.n_rows, 1);
	/* by hand: means 100 and 50 */
	CHECK_NEAR(cell(&t, 0, "num_ts")->r, 100, 1e-9);
	CHECK_NEAR(cell(&t, 0, "den_ts")->r, 50, 1e-9);
	CHECK_NEAR(cell(&t, 0, "ratio")->r, 2, 1e-12);
	/* sd by hand: num sum of squares 7 over 5 -> sqrt(1.4) */
	CHECK_NEAR(cell(&t, 0, "num_sd")->r, sqrt(1.4), 1e-12);
	CHECK_INT(cell(&t, 0, "num_n")->i, 6);
	CHECK(cell(&t, 0, "ratio_lo")->r < 2 && cell(&t, 0, "ratio_hi")->r > 2);
	/* exact Mann-Whitney, U = 0 for 6 vs 6: 2 / C(12, 6) = 2/924
	 * (the two extreme arrangements of 924) */
	CHECK_NEAR(cell(&t, 0, "p_mann_whitney")->r, 2.0 / 924, 1e-12);
	/* Welch: t = 50 / sqrt(1.4/6 + 0.35/6) = 92.6; p far below 1e-10 */
	CHECK(cell(&t, 0, "p_welch")->r < 1e-10);
	CHECK_STR(text(&t, 0, "verdict"), "num faster");
	CHECK_STR(text(&t, 0, "method"), "samples");
	CHECK_INT(cell(&t, 0, "differs")->type, HDB_CELL_NULL);
	hdb_table_release(&t);

	/* ties inside each side: the normal approximation, by hand: U = 0,
	 * mu = 18, six tie pairs give sum(t^3 - t) = 36, var = 36/12 *
	 * (13 - 36/132) = 38.18, z = (0 - 18 + 0.5)/6.179 = -2.832,
	 * p = 2 Phi(-2.832) = 0.00462 (SciPy's mannwhitneyu with
	 * method='asymptotic' uses the same formula) */
	add(st, &(struct row){ .host = "a30", .test = "pp512",
		.ts = { 99, 100, 101, 99, 100, 101 }, .n = 6 });
	add(st, &(struct row){ .host = "strix", .test = "pp512",
		.ts = { 49.5, 50, 50.5, 49.5, 50, 50.5 }, .n = 6 });
	CHECK_INT(ratio(st, "a30", "strix", "pp512", &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_NEAR(cell(&t, 0, "p_mann_whitney")->r, 0.004624, 2e-6);
	hdb_table_release(&t);

	/* the other way round */
	CHECK_INT(ratio(st, "strix", "a30", "tg128", &t), 0);
	CHECK_NEAR(cell(&t, 0, "ratio")->r, 0.5, 1e-12);
	CHECK_STR(text(&t, 0, "verdict"), "den faster");
	hdb_table_release(&t);
	hdb_store_close(st);
}

static void ratio_within_noise_and_too_few(void)
{
	struct hdb_store *st = fresh("r2.db");
	struct hdb_table t;

	/* 1% apart with a spread that keeps the interval inside +-2% */
	add(st, &(struct row){ .host = "a", .test = "tg128",
		.ts = { 101, 101.2, 100.8, 101, 101.1, 100.9 }, .n = 6 });
	add(st, &(struct row){ .host = "b", .test = "tg128",
		.ts = { 100, 100.2, 99.8, 100, 100.1, 99.9 }, .n = 6 });
	/* one repetition on a side */
	add(st, &(struct row){ .host = "a", .test = "pp512",
		.ts = { 1000 }, .n = 1 });
	add(st, &(struct row){ .host = "b", .test = "pp512",
		.ts = { 500, 510, 490 }, .n = 3 });
	/* zero spread, two repetitions each: the interval is the ratio */
	add(st, &(struct row){ .host = "a", .test = "tg128", .depth = 4096,
		.ts = { 110, 110 }, .n = 2 });
	add(st, &(struct row){ .host = "b", .test = "tg128", .depth = 4096,
		.ts = { 100, 100 }, .n = 2 });
	CHECK_INT(ratio(st, "a", "b", NULL, &t), 0);
	CHECK_INT(t.n_rows, 3);
	/* sorted by test, then depth: pp512, tg128 at 0, tg128 at 4096 */
	CHECK_STR(text(&t, 0, "test"), "pp512");
	CHECK_STR(text(&t, 0, "verdict"), "too few repetitions");
	CHECK_NEAR(cell(&t, 0, "ratio")->r, 2, 1e-12);
	CHECK_INT(cell(&t, 0, "ratio_lo")->type, HDB_CELL_NULL);
	CHECK_NEAR(cell(&t, 1, "ratio")->r, 1.01, 1e-12);
	CHECK_STR(text(&t, 1, "verdict"), "within noise");
	CHECK_NEAR(cell(&t, 2, "ratio_lo")->r, 1.1, 1e-12);
	CHECK_NEAR(cell(&t, 2, "ratio_hi")->r, 1.1, 1e-12);
	CHECK_STR(text(&t, 2, "verdict"), "num faster");
	hdb_table_release(&t);

	/* the band is an option: at 0.5% the 1% gap is beyond noise */
	{
		struct hdb_query_opts o;

		hdb_query_opts_init(&o);
		o.num = "a";
		o.den = "b";
		o.noise = 0.005;
		o.test = "tg128";
		CHECK_INT(hdb_query_ratio(hdb_store_sqlite(st), &o, &t), 0);
		CHECK_STR(text(&t, 0, "verdict"), "num faster");
		hdb_table_release(&t);
	}
	hdb_store_close(st);
}

static void ratio_from_mean_sd_and_n(void)
{
	struct hdb_store *st = fresh("r3.db");
	struct hdb_table t;

	/* markdown-era rows: no samples; n known on one pair only */
	add(st, &(struct row){ .host = "a", .test = "tg128", .mean = 120,
		.sd = 1 });
	add(st, &(struct row){ .host = "b", .test = "tg128", .mean = 100,
		.sd = 1 });
	CHECK_INT(ratio(st, "a", "b", NULL, &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_NEAR(cell(&t, 0, "ratio")->r, 1.2, 1e-12);
	CHECK_STR(text(&t, 0, "method"), "mean, sd, n");
	/* no repetitions known: no interval, no verdict beyond that */
	CHECK_STR(text(&t, 0, "verdict"), "too few repetitions");
	CHECK_INT(cell(&t, 0, "num_n")->type, HDB_CELL_NULL);
	CHECK_INT(cell(&t, 0, "p_mann_whitney")->type, HDB_CELL_NULL);
	hdb_table_release(&t);
	hdb_store_close(st);
}

static void candidates_are_chosen_by_likeness_then_newness(void)
{
	struct hdb_store *st = fresh("r4.db");
	struct hdb_table t;

	add(st, &(struct row){ .host = "a30", .test = "tg128", .kv = "q4_0",
		.backend = "CUDA", .build = 6412, .ts = NUM6 });
	/* strix: an older q4_0 run and a newer q8_0 run */
	add(st, &(struct row){ .host = "strix", .test = "tg128", .kv = "q4_0",
		.build = 8900, .ts = DEN6 });
	add(st, &(struct row){ .host = "strix", .test = "tg128", .kv = "q8_0",
		.build = 9064, .ts = DEN6 });
	CHECK_INT(ratio(st, "a30", "strix", NULL, &t), 0);
	CHECK_INT(t.n_rows, 1);
	/* the q4_0 run differs in backend and build; the q8_0 run in kv too */
	CHECK_STR(text(&t, 0, "differs"), "backend CUDA vs Vulkan; build 6412 vs 8900");
	CHECK_INT(cell(&t, 0, "den_unchosen")->i, 1);
	CHECK_INT(cell(&t, 0, "num_unchosen")->i, 0);
	hdb_table_release(&t);

	/* selecting by kv: kv is the thing compared, so not a difference */
	CHECK_INT(ratio(st, "host=strix,kv=q8_0", "host=strix,kv=q4_0", NULL,
			&t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_STR(text(&t, 0, "differs"), "build 9064 vs 8900");
	CHECK_NEAR(cell(&t, 0, "ratio")->r, 1, 1e-12);
	CHECK_STR(text(&t, 0, "verdict"), "within noise");
	hdb_table_release(&t);

	/* two builds, by number and by commit prefix */
	CHECK_INT(ratio(st, "build=9064", "build=8900", NULL, &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_STR(text(&t, 0, "differs"), "kv q8_0 vs q4_0");
	hdb_table_release(&t);
	CHECK_INT(ratio(st, "build=ABC12", "host=a30", NULL, &t), 0);
	CHECK_INT(t.n_rows, 1);
	hdb_table_release(&t);
	hdb_store_close(st);
}

static void repeated_runs_of_one_configuration_count_as_unchosen(void)
{
	struct hdb_store *st = fresh("r8.db");
	struct hdb_table t;
	long long newest;

	/* three runs of one configuration, then a crashed run of it: the
	 * loader folds the three into their newest (the third), keeps the
	 * crashed one apart, and both sides count what they did not use */
	add(st, &(struct row){ .host = "a", .test = "tg128",
		.ts = { 90, 91, 92 }, .n = 3 });
	add(st, &(struct row){ .host = "a", .test = "tg128",
		.ts = { 95, 96, 97 }, .n = 3 });
	add(st, &(struct row){ .host = "a", .test = "tg128", .ts = NUM6 });
	newest = sqlite3_last_insert_rowid(hdb_store_sqlite(st));
	add(st, &(struct row){ .host = "a", .test = "tg128", .build = 8000,
		.status = "crashed" });
	add(st, &(struct row){ .host = "b", .test = "tg128", .ts = DEN6 });
	CHECK_INT(ratio(st, "a", "b", NULL, &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_INT(cell(&t, 0, "num_id")->i, newest);
	CHECK_NEAR(cell(&t, 0, "num_ts")->r, 100, 1e-9);
	CHECK_INT(cell(&t, 0, "num_unchosen")->i, 3);
	CHECK_INT(cell(&t, 0, "den_unchosen")->i, 0);
	CHECK_STR(text(&t, 0, "verdict"), "num faster");
	hdb_table_release(&t);
	hdb_store_close(st);
}

static void statuses_are_said_not_dropped(void)
{
	struct hdb_store *st = fresh("r5.db");
	struct hdb_table t;

	add(st, &(struct row){ .host = "a30", .test = "tg128", .depth = 65536,
		.ts = NUM6 });
	add(st, &(struct row){ .host = "strix", .test = "tg128", .depth = 65536,
		.status = "oom" });
	/* a run that died before saying its test */
	add(st, &(struct row){ .host = "a30", .status = "crashed" });
	/* only one side measured, and it ran: not a comparison */
	add(st, &(struct row){ .host = "a30", .test = "pp512", .ts = NUM6 });
	CHECK_INT(ratio(st, "a30", "strix", NULL, &t), 0);
	CHECK_INT(t.n_rows, 2);
	/* keys sort NULL first: the crashed run, then tg128 at 65536 */
	CHECK_STR(text(&t, 0, "verdict"), "num crashed");
	CHECK_INT(cell(&t, 0, "test")->type, HDB_CELL_NULL);
	CHECK_INT(cell(&t, 0, "ratio")->type, HDB_CELL_NULL);
	CHECK_STR(text(&t, 1, "verdict"), "den oom");
	CHECK_NEAR(cell(&t, 1, "num_ts")->r, 100, 1e-9);
	CHECK_INT(cell(&t, 1, "den_ts")->type, HDB_CELL_NULL);
	CHECK_INT(cell(&t, 1, "ratio")->type, HDB_CELL_NULL);
	hdb_table_release(&t);
	hdb_store_close(st);
}

static void mismatched_keys_give_an_empty_answer_that_says_why(void)
{
	struct hdb_store *st = fresh("r6.db");
	struct hdb_table t;

	add(st, &(struct row){ .host = "a", .test = "tg128", .depth = 8192,
		.ts = NUM6 });
	add(st, &(struct row){ .host = "b", .test = "tg128", .depth = 0,
		.ts = DEN6 });
	CHECK_INT(ratio(st, "a", "b", NULL, &t), 0);
	CHECK_INT(t.n_rows, 0);
	CHECK_HAS(t.empty, "no model, quant, test and depth measured both by "
		  "--num 'a' (1 rows) and by --den 'b' (1 rows)");
	hdb_table_release(&t);
	hdb_store_close(st);
}

static void selectors_list_what_exists(void)
{
	struct hdb_store *st = fresh("r7.db");
	struct hdb_table t;

	add(st, &(struct row){ .host = "a30", .test = "tg128", .kv = "q4_0",
		.ts = NUM6 });
	add(st, &(struct row){ .host = "strix", .test = "tg128", .ts = DEN6 });

	CHECK_INT(ratio(st, "a31", "strix", NULL, &t), -1);
	CHECK_STR(hdb_errmsg(), "--num: no host 'a31' in the store (hosts: "
		  "a30, strix)");
	CHECK_INT(ratio(st, "a30", "gpu=1", NULL, &t), -1);
	CHECK_STR(hdb_errmsg(), "--den: unknown key 'gpu' (keys: host, "
		  "backend, build, model, quant, kv, fa, ngl, ubatch, threads, "
		  "variant)");
	CHECK_INT(ratio(st, "a30", "host=strix,kv=q5_0", NULL, &t), -1);
	CHECK_STR(hdb_errmsg(), "--den: no throughput rows with kv=q5_0 (kv in "
		  "the store: q4_0, q8_0)");
	CHECK_INT(ratio(st, "a30", "kv=q8_0/f16", NULL, &t), -1);
	CHECK_HAS(hdb_errmsg(), "kv=q8_0/f16 (kv in the store");
	CHECK_INT(ratio(st, "fa=maybe", "a30", NULL, &t), -1);
	CHECK_STR(hdb_errmsg(), "--num: fa=maybe: expected 0, 1, on, off or auto");
	CHECK_INT(ratio(st, "ngl=all", "a30", NULL, &t), -1);
	CHECK_STR(hdb_errmsg(), "--num: ngl=all: expected a whole number");
	CHECK_INT(ratio(st, "model=qwen3moe 30B.A3B,model=qwen3moe 30B.A3B",
			"a30", NULL, &t), -1);
	CHECK_STR(hdb_errmsg(), "--num: model is named twice");
	CHECK_INT(ratio(st, "host=a30,kv", "a30", NULL, &t), -1);
	CHECK_STR(hdb_errmsg(), "--num: 'kv': expected key=value");
	CHECK_INT(ratio(st, "a30", "strix", "tg256", &t), -1);
	CHECK_STR(hdb_errmsg(), "--test: no throughput rows with test 'tg256' "
		  "(tests in the store: tg128)");
	/* case does not matter where names are not the user's own */
	CHECK_INT(ratio(st, "host=a30,fa=on,kv=Q4_0,backend=vulkan",
			"model=QWEN3MOE 30B.A3B,host=strix,quant=q4_k_m", NULL,
			&t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_STR(text(&t, 0, "verdict"), "num faster");
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* A variant (--variant at ingest) is a configuration: runs of two are
 * never folded into one point, the pair that differs least is chosen,
 * and a pair that differs in it says so; 'variant=-' selects the runs
 * without one. */
static void variants_are_configurations(void)
{
	struct hdb_store *st = fresh("r9.db");
	struct hdb_table t;
	struct hdb_query_opts o;

	add(st, &(struct row){ .host = "a", .test = "tg128", .ts = NUM6 });
	add(st, &(struct row){ .host = "a", .test = "tg128",
		.variant = "dual-gpu", .ts = NUM6 });
	add(st, &(struct row){ .host = "b", .test = "tg128", .ts = DEN6 });
	add(st, &(struct row){ .host = "b", .test = "tg128", .depth = 8192,
		.variant = "dual-gpu", .ts = DEN6 });
	add(st, &(struct row){ .host = "a", .test = "tg128", .depth = 8192,
		.ts = NUM6 });
	CHECK_INT(ratio(st, "a", "b", NULL, &t), 0);
	CHECK_INT(t.n_rows, 2);
	/* depth 0: the run without a variant, like b's; the other counted,
	 * not folded into it */
	CHECK_INT(cell(&t, 0, "num_id")->i, 1);
	CHECK(is_null(&t, 0, "differs"));
	CHECK_INT(cell(&t, 0, "num_unchosen")->i, 1);
	CHECK_STR(text(&t, 1, "differs"), "variant - vs dual-gpu");
	hdb_table_release(&t);
	/* named by a selector, it is what is compared, not a difference */
	CHECK_INT(ratio(st, "host=a,variant=DUAL-GPU", "host=a,variant=-",
			NULL, &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_INT(cell(&t, 0, "num_id")->i, 2);
	CHECK_INT(cell(&t, 0, "den_id")->i, 1);
	CHECK(is_null(&t, 0, "differs"));
	CHECK_NEAR(cell(&t, 0, "ratio")->r, 1, 1e-12);
	hdb_table_release(&t);
	CHECK_INT(ratio(st, "variant=100W", "b", NULL, &t), -1);
	CHECK_STR(hdb_errmsg(), "--num: no throughput rows with variant=100W "
		  "(variant in the store: dual-gpu)");
	/* noise and degradation show it (each run its own row and
	 * configuration) */
	hdb_query_opts_init(&o);
	o.host = "a";
	CHECK_INT(hdb_query_noise(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_INT(t.n_rows, 3);
	CHECK(is_null(&t, 0, "variant"));
	CHECK_STR(text(&t, 1, "variant"), "dual-gpu");
	hdb_table_release(&t);
	/* a's dual-gpu run at 8192 halves; the other keeps its speed */
	add(st, &(struct row){ .host = "a", .test = "tg128", .depth = 8192,
		.variant = "dual-gpu", .ts = DEN6 });
	CHECK_INT(hdb_query_degradation(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_INT(t.n_rows, 2);
	CHECK(is_null(&t, 0, "variant"));
	CHECK_INT(cell(&t, 0, "id_0")->i, 1);
	CHECK_NEAR(cell(&t, 0, "change")->r, 0, 1e-9);
	CHECK_STR(text(&t, 1, "variant"), "dual-gpu");
	CHECK_INT(cell(&t, 1, "id_0")->i, 2);
	CHECK_NEAR(cell(&t, 1, "change")->r, -50, 1e-9);
	hdb_table_release(&t);
	hdb_store_close(st);
}

int main(void)
{
	RUN(ratio_from_samples_with_its_tests);
	RUN(ratio_within_noise_and_too_few);
	RUN(ratio_from_mean_sd_and_n);
	RUN(candidates_are_chosen_by_likeness_then_newness);
	RUN(repeated_runs_of_one_configuration_count_as_unchosen);
	RUN(statuses_are_said_not_dropped);
	RUN(mismatched_keys_give_an_empty_answer_that_says_why);
	RUN(selectors_list_what_exists);
	RUN(variants_are_configurations);
	return t_done();
}
