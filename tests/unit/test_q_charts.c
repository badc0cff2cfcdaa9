/*
 * Unit tests: query/charts.c, the chart specs behind the report and
 * `halodb chart`, on fixture stores built with the store API.  The depth
 * numbers are the seed report's qwen3-30b-a3b (../shared/seeds/000_*.txt):
 * tg128 on the A30 136.2, 72.5, 35.1, 20.6 and on the Strix Halo 87.0,
 * 62.1, 40.2, 28.1 tokens/s at depth 0, 8192, 32768 and 65536.
 *
 * Worked values:
 * - the 95% interval of three samples m-0.1, m, m+0.1: sd 0.1, t(0.975, 2)
 *   = 4.302653 (any t table), half width 4.302653 * 0.1 / sqrt(3) =
 *   0.2484138.
 * - the crossover: log(72.5/62.1) = 0.1548360 at log2 8192 = 13,
 *   log(35.1/40.2) = -0.1356706 at 15; zero at 13 + 2 * 0.1548360 /
 *   0.2905066 = 14.0659735, 2^14.0659735 = 17151 (the seed: "between 8K
 *   and 32K").
 * - Wilson 95% for 50 of 225 (z = 1.959963984540054): centre (p +
 *   z^2/450) / (1 + z^2/225) = 0.2268852, half width z sqrt(p (1 - p) /
 *   225 + z^2 / 202500) / (1 + z^2/225) = 0.0540659, so [0.1728192,
 *   0.2809511] (Python 3's math module, the formula test_q_quality.c
 *   writes down).
 */
#include "harness.h"
#include "qfixture.h"
#include "../../query/query.h"
#include "../../schema/store.h"
#include "../../util.h"

#include <sqlite3.h>

#define MODEL "qwen3-30b-a3b"

/* One measurement: three samples around mean (none for a run that did
 * not finish). */
struct m {
	const char *host, *model, *test;
	long long depth;
	double mean;
	const char *status;
};

/* m, ingested with --variant (NULL: none). */
static void add_variant(struct hdb_store *st, const struct m *m,
			const char *variant)
{
	struct hdb_bench_record r;
	struct hdb_sample smp[3];
	int ok = !m->status || !strcmp(m->status, "ok");
	size_t i;

	for (i = 0; i < 3; i++) {
		smp[i].ts = m->mean + 0.1 * ((double)i - 1);
		smp[i].ns = HDB_UNSET;
	}
	memset(&r, 0, sizeof(r));
	r.line = 1;
	r.model = m->model ? m->model : MODEL;
	r.quant = "Q4_K_M";
	r.test = m->test;
	r.n_prompt = m->test[0] == 'p' ? 512 : 0;
	r.n_gen = m->test[0] == 't' ? 128 : 0;
	r.n_depth = m->depth;
	r.avg_ts = ok ? m->mean : 0;
	r.stddev_ts = ok ? 0.1 : 0;
	r.samples = ok ? smp : NULL;
	r.n_samples = ok ? 3 : 0;
	r.samples_known = ok;
	r.type_k = r.type_v = "q8_0";
	r.test_time = "2026-01-01T00:00:00Z";
	r.status = m->status ? m->status : "ok";
	r.backend = "Vulkan";
	r.build_commit = "abc1234";
	r.build_number = 9000;
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

static void add_seed(struct hdb_store *st)
{
	static const long long depths[4] = { 0, 8192, 32768, 65536 };
	static const double a30[4] = { 136.2, 72.5, 35.1, 20.6 };
	static const double strix[4] = { 87.0, 62.1, 40.2, 28.1 };
	size_t i;

	for (i = 0; i < 4; i++) {
		add(st, &(struct m){ "a30", NULL, "tg128", depths[i], a30[i],
			NULL });
		add(st, &(struct m){ "strix-halo", NULL, "tg128", depths[i],
			strix[i], NULL });
	}
	add(st, &(struct m){ "a30", NULL, "pp512", 0, 2274, NULL });
	add(st, &(struct m){ "strix-halo", NULL, "pp512", 0, 1167, NULL });
}

static const struct hdb_chart *by_id(const struct hdb_chart *c, size_t n,
				     const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(c[i].id, id))
			return &c[i];
	T_FAIL("no chart '%s'", id);
	return NULL;
}

static int id_ok(const char *id)
{
	for (; *id; id++)
		if (!((*id >= 'a' && *id <= 'z') || (*id >= '0' && *id <= '9') ||
		      *id == '-'))
			return 0;
	return 1;
}

static void depth_chart_of_the_seed(void)
{
	struct hdb_store *st = fresh("seed.db");
	struct hdb_query_opts o;
	struct hdb_chart *c;
	const struct hdb_chart *tg, *pp;
	const struct hdb_chart_series *a, *s;
	size_t n, i;
	static const double xs[4] = { 0, 8192, 32768, 65536 };
	static const double ya[4] = { 136.2, 72.5, 35.1, 20.6 };
	static const double ys[4] = { 87.0, 62.1, 40.2, 28.1 };

	add_seed(st);
	hdb_query_opts_init(&o);
	o.hosts = "a30,strix-halo";
	CHECK_INT(hdb_chart_depth(hdb_store_sqlite(st), &o, &c, &n), 0);
	CHECK_INT(n, 2);
	if (n != 2)
		goto out;
	/* by model, quant and test: pp512 first */
	CHECK_STR(c[0].id, "depth-qwen3-30b-a3b-q4-k-m-pp512");
	CHECK_STR(c[1].id, "depth-qwen3-30b-a3b-q4-k-m-tg128");
	tg = by_id(c, n, "depth-qwen3-30b-a3b-q4-k-m-tg128");
	CHECK_INT(tg->kind, HDB_CHART_DEPTH);
	CHECK_STR(tg->title, "qwen3-30b-a3b Q4_K_M: tg128 against depth");
	CHECK_STR(tg->x_label, "depth (tokens)");
	CHECK_STR(tg->y_label, "tokens/s");
	CHECK_INT(tg->n_series, 2);
	a = &tg->series[0];
	s = &tg->series[1];
	CHECK_STR(a->name, "a30");
	CHECK_STR(s->name, "strix-halo");
	CHECK_INT(a->color, 0);
	CHECK_INT(s->color, 1);
	CHECK_INT(a->reference, 0);
	CHECK_INT(a->n_points, 4);
	CHECK_INT(s->n_points, 4);
	for (i = 0; i < 4 && a->n_points == 4 && s->n_points == 4; i++) {
		CHECK_NEAR(a->points[i].x, xs[i], 0);
		CHECK_NEAR(s->points[i].x, xs[i], 0);
		CHECK(a->points[i].category == NULL);
		CHECK_INT(a->points[i].mark, HDB_MARK_OK);
		CHECK_NEAR(a->points[i].y, ya[i], 1e-9);
		CHECK_NEAR(s->points[i].y, ys[i], 1e-9);
		/* t interval of the three samples: +-0.2484138 */
		CHECK_NEAR(a->points[i].lo, ya[i] - 0.2484138, 1e-6);
		CHECK_NEAR(a->points[i].hi, ya[i] + 0.2484138, 1e-6);
		CHECK_NEAR(s->points[i].hi, ys[i] + 0.2484138, 1e-6);
	}
	/* between 8K and 32K, near 17151 */
	CHECK_NEAR(tg->crossover_from, 8192, 0);
	CHECK_NEAR(tg->crossover_to, 32768, 0);
	CHECK_NEAR(tg->crossover, 17151, 0.5);
	CHECK_STR(tg->alt, "tg128 tokens/s of qwen3-30b-a3b Q4_K_M against "
		  "depth (tokens). a30: 136 t/s at 0 to 20.6 at 65K. "
		  "strix-halo: 87.0 t/s at 0 to 28.1 at 65K. a30 faster up to "
		  "~17K (between 8K and 32K), strix-halo beyond.");
	/* pp512 at depth 0 only: one point a side, a30 faster, no crossing */
	pp = by_id(c, n, "depth-qwen3-30b-a3b-q4-k-m-pp512");
	CHECK_INT(pp->n_series, 2);
	CHECK_INT(pp->series[0].n_points, 1);
	CHECK(isnan(pp->crossover));
	CHECK(isnan(pp->crossover_from));
	CHECK_HAS(pp->alt, "a30 faster at 0 (one depth compared).");

	/* --test: one chart */
	hdb_charts_free(c, n);
	o.test = "tg128";
	CHECK_INT(hdb_chart_depth(hdb_store_sqlite(st), &o, &c, &n), 0);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_NEAR(c[0].crossover, 17151, 0.5);
out:
	hdb_charts_free(c, n);
	hdb_store_close(st);
}

/* A host's runs of a variant are a series of their own, "a30
 * (dual-gpu)", in the host's colour; with two hosts the pairs decide
 * which runs are drawn, as 'query crossover' pairs them. */
static void a_variant_is_a_series_of_its_own(void)
{
	struct hdb_store *st = fresh("variant.db");
	struct hdb_query_opts o;
	struct hdb_chart *c;
	size_t n;

	add_seed(st);
	add_variant(st, &(struct m){ "a30", NULL, "tg128", 0, 150.0, NULL },
		    "dual-gpu");
	add_variant(st, &(struct m){ "a30", NULL, "tg128", 8192, 80.0, NULL },
		    "dual-gpu");
	/* one host (as with three or more): each key's newest run of each
	 * variant */
	hdb_query_opts_init(&o);
	o.test = "tg128";
	o.hosts = "a30";
	CHECK_INT(hdb_chart_depth(hdb_store_sqlite(st), &o, &c, &n), 0);
	CHECK_INT(n, 1);
	if (n != 1)
		goto out;
	CHECK_INT(c[0].n_series, 2);
	if (c[0].n_series != 2)
		goto out;
	CHECK_STR(c[0].series[0].name, "a30");
	CHECK_STR(c[0].series[1].name, "a30 (dual-gpu)");
	CHECK_INT(c[0].series[0].n_points, 4);
	CHECK_INT(c[0].series[1].n_points, 2);
	CHECK_NEAR(c[0].series[0].points[0].y, 136.2, 1e-9);
	CHECK_NEAR(c[0].series[1].points[0].y, 150.0, 1e-9);
	CHECK_NEAR(c[0].series[1].points[1].y, 80.0, 1e-9);
	CHECK_INT(c[0].series[1].color, c[0].series[0].color);
	CHECK_HAS(c[0].alt, " a30 (dual-gpu): 150 t/s at 0 to 80.0 at 8K.");
	hdb_charts_free(c, n);
	/* two hosts: strix-halo's runs have no variant, nor have a30's
	 * chosen */
	o.hosts = "a30,strix-halo";
	CHECK_INT(hdb_chart_depth(hdb_store_sqlite(st), &o, &c, &n), 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_INT(c[0].n_series, 2);
		CHECK_STR(c[0].series[0].name, "a30");
		CHECK_NEAR(c[0].series[0].points[0].y, 136.2, 1e-9);
	}
out:
	hdb_charts_free(c, n);
	hdb_store_close(st);
}

/* A run that crashed is a mark with no value, never zero; the crossover
 * is unchanged. */
static void a_crashed_point_is_a_mark(void)
{
	struct hdb_store *st = fresh("crash.db");
	struct hdb_query_opts o;
	struct hdb_chart *c;
	const struct hdb_chart_series *s;
	const struct hdb_chart_point *p;
	size_t n;

	add_seed(st);
	add(st, &(struct m){ "strix-halo", NULL, "tg128", 131072, 0,
		"crashed" });
	add(st, &(struct m){ "a30", NULL, "tg128", 131072, 0, "oom" });
	hdb_query_opts_init(&o);
	o.hosts = "a30,strix-halo";
	o.test = "tg128";
	CHECK_INT(hdb_chart_depth(hdb_store_sqlite(st), &o, &c, &n), 0);
	CHECK_INT(n, 1);
	if (n != 1)
		goto out;
	s = &c[0].series[1];
	CHECK_STR(s->name, "strix-halo");
	CHECK_INT(s->n_points, 5);
	p = &s->points[4];
	CHECK_NEAR(p->x, 131072, 0);
	CHECK_INT(p->mark, HDB_MARK_CRASHED);
	CHECK(isnan(p->y));
	CHECK(isnan(p->lo));
	CHECK(isnan(p->hi));
	CHECK_INT(c[0].series[0].points[4].mark, HDB_MARK_OOM);
	CHECK_NEAR(c[0].crossover, 17151, 0.5);
	CHECK_HAS(c[0].alt, "a30: 136 t/s at 0 to 20.6 at 65K; oom at 131K.");
	CHECK_HAS(c[0].alt, "strix-halo: 87.0 t/s at 0 to 28.1 at 65K; "
		  "crashed at 131K.");
	hdb_charts_free(c, n);

	/* every host, one of them crashed only: still a series of marks */
	add(st, &(struct m){ "h100", NULL, "tg128", 0, 0, "wedged" });
	o.hosts = NULL;
	CHECK_INT(hdb_chart_depth(hdb_store_sqlite(st), &o, &c, &n), 0);
	CHECK_INT(n, 1);
	if (n != 1)
		goto out;
	CHECK_INT(c[0].n_series, 3);
	CHECK_STR(c[0].series[1].name, "h100");
	CHECK_INT(c[0].series[1].n_points, 1);
	CHECK_INT(c[0].series[1].points[0].mark, HDB_MARK_WEDGED);
	CHECK_HAS(c[0].alt, "h100: wedged at 0.");
	/* three hosts: no crossover */
	CHECK(isnan(c[0].crossover));
out:
	hdb_charts_free(c, n);
	hdb_store_close(st);
}

/* A host's colour is its place among all hosts of the store, whatever
 * the chart and the order its hosts are named in. */
static void colours_are_stable_across_charts(void)
{
	struct hdb_store *st = fresh("colour.db");
	sqlite3 *db = hdb_store_sqlite(st);
	struct hdb_query_opts o;
	struct hdb_chart *c, *r;
	size_t n, nr;

	add_seed(st);
	/* a host between the two by name, with a model of its own */
	add(st, &(struct m){ "h100", "gemma3-4b", "tg128", 0, 150, NULL });
	hdb_query_opts_init(&o);
	o.hosts = "strix-halo,a30";
	o.test = "tg128";
	CHECK_INT(hdb_chart_depth(db, &o, &c, &n), 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		/* the order named; colours a30 0, h100 1, strix-halo 2 */
		CHECK_STR(c[0].series[0].name, "strix-halo");
		CHECK_INT(c[0].series[0].color, 2);
		CHECK_STR(c[0].series[1].name, "a30");
		CHECK_INT(c[0].series[1].color, 0);
		/* --a strix-halo --b a30: the faster side changes from b
		 * to a, said with the names */
		CHECK_HAS(c[0].alt, "a30 faster up to ~17K (between 8K and "
			  "32K), strix-halo beyond.");
	}
	hdb_charts_free(c, n);

	o.hosts = NULL;
	CHECK_INT(hdb_chart_depth(db, &o, &c, &n), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(c[0].id, "depth-gemma3-4b-q4-k-m-tg128");
		CHECK_INT(c[0].n_series, 1);
		CHECK_INT(c[0].series[0].color, 1);
		CHECK_INT(c[1].n_series, 2);
		CHECK_INT(c[1].series[0].color, 0);
		CHECK_INT(c[1].series[1].color, 2);
	}
	o.num = "strix-halo";
	o.den = "a30";
	CHECK_INT(hdb_chart_ratio(db, &o, 0, &r, &nr), 0);
	CHECK_INT(nr, 1);
	if (nr == 1)
		CHECK_INT(r[0].series[0].color, 2);
	hdb_charts_free(r, nr);
	hdb_charts_free(c, n);
	hdb_store_close(st);
}

/* Ids are [a-z0-9-] and unique, even for names that reduce alike. */
static void ids_are_unique(void)
{
	struct hdb_store *st = fresh("ids.db");
	struct hdb_query_opts o;
	struct hdb_chart *c;
	size_t n, i, j;

	add(st, &(struct m){ "a30", "Qwen3 30B", "tg128", 0, 100, NULL });
	add(st, &(struct m){ "a30", "qwen3-30b", "tg128", 0, 90, NULL });
	add(st, &(struct m){ "a30", "<script>", "pp512", 0, 900, NULL });
	hdb_query_opts_init(&o);
	CHECK_INT(hdb_chart_depth(hdb_store_sqlite(st), &o, &c, &n), 0);
	CHECK_INT(n, 3);
	for (i = 0; i < n; i++) {
		CHECK(id_ok(c[i].id));
		for (j = 0; j < i; j++)
			CHECK(strcmp(c[i].id, c[j].id) != 0);
	}
	if (n == 3) {
		CHECK_STR(c[0].id, "depth-script-q4-k-m-pp512");
		CHECK_STR(c[0].title, "<script> Q4_K_M: pp512 against depth");
		CHECK_STR(c[1].id, "depth-qwen3-30b-q4-k-m-tg128");
		CHECK_STR(c[2].id, "depth-qwen3-30b-q4-k-m-tg128-2");
	}
	hdb_charts_free(c, n);
	hdb_store_close(st);
}

static void ratio_chart_with_a_crashed_side(void)
{
	struct hdb_store *st = fresh("ratio.db");
	sqlite3 *db = hdb_store_sqlite(st);
	struct hdb_query_opts o;
	struct hdb_chart *c;
	const struct hdb_chart_series *s;
	size_t n;

	add_seed(st);
	add(st, &(struct m){ "a30", "gemma3-4b", "tg128", 0, 0, "crashed" });
	add(st, &(struct m){ "strix-halo", "gemma3-4b", "tg128", 0, 74.1,
		NULL });
	hdb_query_opts_init(&o);
	o.num = "a30";
	o.den = "strix-halo";
	CHECK_INT(hdb_chart_ratio(db, &o, 0, &c, &n), 0);
	CHECK_INT(n, 2);
	if (n != 2)
		goto out;
	CHECK_STR(c[0].id, "ratio-a30-strix-halo-pp512-d0");
	CHECK_STR(c[1].id, "ratio-a30-strix-halo-tg128-d0");
	CHECK_INT(c[1].kind, HDB_CHART_RATIO);
	CHECK_STR(c[1].title, "a30 / strix-halo: tg128 at depth 0");
	CHECK_STR(c[1].y_label, "ratio a30 / strix-halo (tokens/s)");
	CHECK_INT(c[1].n_series, 1);
	s = &c[1].series[0];
	CHECK_STR(s->name, "a30 / strix-halo");
	CHECK_INT(s->color, 0);
	CHECK_INT(s->n_points, 2);
	if (s->n_points != 2)
		goto out;
	CHECK_STR(s->points[0].category, "gemma3-4b");
	CHECK_INT(s->points[0].mark, HDB_MARK_CRASHED);
	CHECK(isnan(s->points[0].y));
	CHECK_STR(s->points[1].category, MODEL);
	/* 136.2 / 87.0 = 1.5655172 */
	CHECK_NEAR(s->points[1].y, 1.5655172, 1e-7);
	CHECK(s->points[1].lo < s->points[1].y);
	CHECK(s->points[1].hi > s->points[1].y);
	CHECK_STR(c[1].alt, "Ratio of tg128 tokens/s, a30 over strix-halo, "
		  "at depth 0, by model (1 is even; above 1 a30 is faster): "
		  "gemma3-4b a30 crashed; qwen3-30b-a3b 1.57 (a30 faster).");
	hdb_charts_free(c, n);

	/* --test and another depth */
	o.test = "tg128";
	CHECK_INT(hdb_chart_ratio(db, &o, 8192, &c, &n), 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(c[0].id, "ratio-a30-strix-halo-tg128-d8192");
		CHECK_INT(c[0].series[0].n_points, 1);
		/* 72.5 / 62.1 = 1.1674718 */
		CHECK_NEAR(c[0].series[0].points[0].y, 1.1674718, 1e-7);
	}
out:
	hdb_charts_free(c, n);
	hdb_store_close(st);
}

/* --- Quality rows and published scores (as test_q_quality.c) --- */

static void add_q(struct hdb_store *st, const char *host, const char *model,
		  const char *benchmark, long long n_items, long long n_pass)
{
	struct hdb_quality_record r;
	struct hdb_attach a;

	memset(&r, 0, sizeof(r));
	memset(&a, 0, sizeof(a));
	a.model = model;
	a.quant = "Q4_K_M";
	a.type_k = a.type_v = "q8_0";
	r.line = 1;
	r.harness = "aider";
	r.benchmark = benchmark;
	r.metric = "pass_rate_2";
	r.n_items = n_items;
	r.n_pass = n_pass;
	r.score = (double)n_pass / (double)n_items;
	r.stderr = NAN;
	add_quality_record(st, host, &a, &r);
}

static void add_ref(struct hdb_store *st, const char *model,
		    const char *benchmark, double score, long long n_items)
{
	struct hdb_reference_record r;

	memset(&r, 0, sizeof(r));
	r.line = 1;
	r.model = model;
	r.benchmark = benchmark;
	r.score = score;
	r.n_items = n_items;
	r.date = "2025-06-01";
	add_reference_record(st, &r);
}

static void pass_chart_with_a_reference(void)
{
	struct hdb_store *st = fresh("pass.db");
	sqlite3 *db = hdb_store_sqlite(st);
	struct hdb_query_opts o;
	struct hdb_chart *c;
	const struct hdb_chart_series *s;
	size_t n;

	add_seed(st);	/* a30 and strix-halo: colours 0 and 1 */
	add_q(st, "a30", MODEL, "aider-polyglot", 225, 50);
	/* a worse run of the same: the best is drawn, this one counted */
	add_q(st, "a30", MODEL, "aider-polyglot", 225, 40);
	add_q(st, "strix-halo", MODEL, "aider-polyglot", 225, 65);
	add_q(st, "strix-halo", "gemma3-4b", "aider-polyglot", 225, 20);
	add_q(st, "a30", MODEL, "humaneval", 164, 150);
	add_ref(st, "claude-sonnet", "aider-polyglot", 0.72, 225);
	add_ref(st, "claude-sonnet", "swe-bench", 0.5, 500);
	hdb_query_opts_init(&o);
	o.benchmark = "aider-polyglot";
	CHECK_INT(hdb_chart_pass(db, &o, &c, &n), 0);
	CHECK_INT(n, 1);
	if (n != 1)
		goto out;
	CHECK_INT(c[0].kind, HDB_CHART_PASS);
	CHECK_STR(c[0].id, "pass-aider-polyglot-pass-rate-2");
	CHECK_STR(c[0].title, "aider-polyglot: pass_rate_2 by model");
	CHECK_STR(c[0].y_label, "pass rate");
	CHECK_INT(c[0].n_series, 3);
	if (c[0].n_series != 3)
		goto out;
	s = &c[0].series[0];
	CHECK_STR(s->name, "a30");
	CHECK_INT(s->color, 0);
	CHECK_INT(s->reference, 0);
	CHECK_INT(s->n_points, 1);
	CHECK_STR(s->points[0].category, MODEL);
	/* 50 / 225, Wilson [0.1728192, 0.2809511] */
	CHECK_NEAR(s->points[0].y, 50.0 / 225.0, 1e-12);
	CHECK_NEAR(s->points[0].lo, 0.1728192, 1e-7);
	CHECK_NEAR(s->points[0].hi, 0.2809511, 1e-7);
	s = &c[0].series[1];
	CHECK_STR(s->name, "strix-halo");
	CHECK_INT(s->color, 1);
	CHECK_INT(s->n_points, 2);
	CHECK_STR(s->points[0].category, "gemma3-4b");
	CHECK_STR(s->points[1].category, MODEL);
	s = &c[0].series[2];
	CHECK_STR(s->name, "claude-sonnet");
	CHECK_INT(s->reference, 1);
	/* after the two hosts: the first reference model */
	CHECK_INT(s->color, 2);
	CHECK_INT(s->n_points, 1);
	CHECK_STR(s->points[0].category, "claude-sonnet");
	CHECK_NEAR(s->points[0].y, 0.72, 1e-12);
	CHECK(s->points[0].lo < 0.72 && s->points[0].hi > 0.72);
	CHECK_HAS(c[0].alt, "qwen3-30b-a3b on a30 22% (17% to 28%)");
	CHECK_HAS(c[0].alt, "claude-sonnet (published) 72%");
	CHECK_HAS(c[0].alt, "Each host shows its best run of a model; 1 other "
		  "run is not drawn.");
	hdb_charts_free(c, n);

	/* every benchmark: humaneval has no reference */
	o.benchmark = NULL;
	CHECK_INT(hdb_chart_pass(db, &o, &c, &n), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(c[1].id, "pass-humaneval-pass-rate-2");
		CHECK_INT(c[1].n_series, 1);
	}
out:
	hdb_charts_free(c, n);
	hdb_store_close(st);
}

/* Each variant of a published model is its own mark, named with it; a
 * reference that says which metric it scores fits only that metric. */
static void every_reference_variant_is_drawn(void)
{
	struct hdb_store *st = fresh("passv.db");
	sqlite3 *db = hdb_store_sqlite(st);
	struct hdb_reference_record r;
	struct hdb_query_opts o;
	struct hdb_chart *c = NULL;
	size_t n = 0;

	add_seed(st);
	add_q(st, "a30", MODEL, "aider-polyglot", 225, 50);
	memset(&r, 0, sizeof(r));
	r.line = 1;
	r.model = "claude-opus-4";
	r.benchmark = "aider-polyglot";
	r.n_items = 225;
	r.details = "{\"score_from\":\"pass_rate_2\"}";
	r.variant = "thinking";
	r.score = 0.72;
	add_reference_record(st, &r);
	r.variant = "no-think";
	r.score = 0.707;
	add_reference_record(st, &r);
	r.variant = NULL;
	r.details = "{\"score_from\":\"pass_rate_1\"}";	/* another metric */
	r.score = 0.5;
	add_reference_record(st, &r);
	hdb_query_opts_init(&o);
	CHECK_INT(hdb_chart_pass(db, &o, &c, &n), 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_INT(c[0].n_series, 3);
		if (c[0].n_series == 3) {
			CHECK_STR(c[0].series[1].name, "claude-opus-4 (no-think)");
			CHECK_NEAR(c[0].series[1].points[0].y, 0.707, 1e-12);
			CHECK_STR(c[0].series[2].name, "claude-opus-4 (thinking)");
			CHECK_INT(c[0].series[2].reference, 1);
		}
	}
	hdb_charts_free(c, n);
	hdb_store_close(st);
}

static void errors_and_empty_stores(void)
{
	struct hdb_store *st = fresh("empty.db");
	sqlite3 *db = hdb_store_sqlite(st);
	struct hdb_query_opts o;
	struct hdb_chart *c;
	size_t n;

	hdb_query_opts_init(&o);
	CHECK_INT(hdb_chart_depth(db, &o, &c, &n), 0);
	CHECK_INT(n, 0);
	CHECK(c == NULL);
	CHECK_INT(hdb_chart_pass(db, &o, &c, &n), 0);
	CHECK_INT(n, 0);
	hdb_charts_free(c, n);
	CHECK_INT(hdb_chart_ratio(db, &o, 0, &c, &n), -1);
	CHECK_STR(hdb_errmsg(), "chart ratio: expected --num SEL and --den SEL");
	add_seed(st);
	o.hosts = "a30,h100";
	CHECK_INT(hdb_chart_depth(db, &o, &c, &n), -1);
	CHECK_STR(hdb_errmsg(), "--hosts: no host 'h100' in the store "
		  "(hosts: a30, strix-halo)");
	o.hosts = "a30,,b";
	CHECK_INT(hdb_chart_depth(db, &o, &c, &n), -1);
	CHECK_STR(hdb_errmsg(), "--hosts: expected host names A,B,..., got "
		  "'a30,,b'");
	o.hosts = "a30,a30";
	CHECK_INT(hdb_chart_depth(db, &o, &c, &n), -1);
	CHECK_STR(hdb_errmsg(), "--hosts: 'a30' is named twice");
	/* one host: a series, no crossover */
	o.hosts = "a30";
	o.test = "tg128";
	CHECK_INT(hdb_chart_depth(db, &o, &c, &n), 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_INT(c[0].n_series, 1);
		CHECK(isnan(c[0].crossover));
	}
	hdb_charts_free(c, n);
	hdb_store_close(st);
}

int main(void)
{
	RUN(depth_chart_of_the_seed);
	RUN(a_variant_is_a_series_of_its_own);
	RUN(a_crashed_point_is_a_mark);
	RUN(colours_are_stable_across_charts);
	RUN(ids_are_unique);
	RUN(ratio_chart_with_a_crashed_side);
	RUN(pass_chart_with_a_reference);
	RUN(every_reference_variant_is_drawn);
	RUN(errors_and_empty_stores);
	return t_done();
}
