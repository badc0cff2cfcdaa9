/*
 * Unit tests: the report's quality sections (query/section_quality.c) on
 * fixture stores: quality across hosts, local vs the frontier, saturated
 * benchmarks and the needle grid, through hdb_query_report.
 *
 * Expected numbers were computed apart from query/stats.c by a Python 3
 * script with the math module only (the formulas are written down in
 * test_q_quality.c): Wilson 95% intervals
 *   121/225 53.8% (47.3-60.2)   106/225 47.1% (40.7-53.6)
 *   150/225 66.7% (60.3-72.5)   100/225 44.4% (38.1-51.0)
 *   129/164 78.7% (71.8-84.2)   127/164 77.4% (70.5-83.2)
 * two-proportion p: 121/225 vs 106/225 0.157 (README's example, whose
 * min_detectable is 0.1314); 150/225 vs 100/225 2.1e-6; 150/225 vs 127/225
 * (a published 56.4% of 225) 0.026; 150/225 vs 198/225 (88%) 6.5e-8;
 * 121/225 vs 127/225 0.57; 180/200 vs 178/200 0.74.
 */
#include "harness.h"
#include "qfixture.h"
#include "../../query/query.h"
#include "../../schema/store.h"
#include "../../util.h"

#include <sqlite3.h>

struct qspec {
	const char *host, *model, *variant, *harness, *benchmark, *metric;
	long long n_items, n_pass;	/* HDB_UNSET: unknown */
	const char *details;
};

static void add_q(struct hdb_store *st, const struct qspec *q)
{
	struct hdb_quality_record r;
	struct hdb_attach a;

	memset(&r, 0, sizeof(r));
	memset(&a, 0, sizeof(a));
	a.model = q->model;
	a.quant = "Q4_K_M";
	a.backend = !strcmp(q->host, "h1") ? "Vulkan" : "CUDA";
	a.variant = q->variant;
	r.line = 1;
	r.harness = q->harness;
	r.benchmark = q->benchmark;
	r.metric = q->metric;
	r.n_items = q->n_items;
	r.n_pass = q->n_pass;
	r.score = q->n_items != HDB_UNSET && q->n_pass != HDB_UNSET
		  ? (double)q->n_pass / (double)q->n_items : NAN;
	r.stderr = NAN;
	r.details = q->details;
	add_quality_record(st, q->host, &a, &r);
}

static void add_ref(struct hdb_store *st, const char *model, double score)
{
	struct hdb_reference_record r;

	memset(&r, 0, sizeof(r));
	r.line = 1;
	r.model = model;
	r.benchmark = "aider-polyglot";
	r.score = score;
	r.n_items = 225;
	r.details = "{\"score_from\":\"pass_rate_2\"}";
	add_reference_record(st, &r);
}

#define AIDER(h, m, v, n, k) { h, m, v, "aider", "aider-polyglot", \
			       "pass_rate_2", n, k, NULL }

/* The seed's shapes: two hosts, Polyglot and HumanEval+ across them,
 * gsm8k with a run not made, needles, two published scores. */
static struct hdb_store *seed_store(const char *name)
{
	static const struct qspec rows[] = {
		AIDER("h1", "m1", "no-think", 225, 121),
		AIDER("h2", "m1", "no-think", 225, 106),
		AIDER("h1", "m3", NULL, 225, 150),
		AIDER("h2", "m3", NULL, 225, 100),
		{ "h1", "m2", NULL, "evalplus", "humaneval+", "pass@1", 164,
		  129, NULL },
		{ "h2", "m2", NULL, "evalplus", "humaneval+", "pass@1", 164,
		  127, NULL },
		{ "h1", "m1", NULL, "lm_eval", "gsm8k",
		  "exact_match,strict-match", 200, 180, NULL },
		{ "h2", "m1", NULL, "lm_eval", "gsm8k",
		  "exact_match,strict-match", 200, 178, NULL },
		{ "h1", "m2", NULL, "lm_eval", "gsm8k",
		  "exact_match,strict-match", 200, 193, NULL },
		{ "h2", "m2", NULL, "lm_eval", "gsm8k",
		  "exact_match,strict-match", HDB_UNSET, HDB_UNSET,
		  "{\"status\":\"not_run\"}" },
		{ "h1", "m1", NULL, "niah", "niah", "pass_rate", 12, 12, NULL },
		{ "h2", "m4", NULL, "niah", "niah", "pass_rate", 12, 11, NULL },
		{ "h2", "m1", NULL, "niah", "niah", "pass_rate", 12, 12, NULL },
	};
	struct hdb_store *st = fresh(name);
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		add_q(st, &rows[i]);
	add_ref(st, "r-top", 0.88);
	add_ref(st, "r-mid", 0.564);
	return st;
}

/* --- Reading the model --- */

/* The section's prose blocks joined; the caller frees. */
static char *prose_of(const struct hdb_section *s)
{
	return joined(s, HDB_BLOCK_PROSE);
}

/* The n-th table of a section, or NULL. */
static const struct hdb_table *table_of(const struct hdb_section *s, int n)
{
	size_t i;

	for (i = 0; s && i < s->n; i++)
		if (s->blocks[i].kind == HDB_BLOCK_TABLE && !n--)
			return &s->blocks[i].table;
	return NULL;
}

/* The text of a cell by row and column name. */
static const char *tcell(const struct hdb_table *t, size_t row,
			 const char *name)
{
	return t ? text(t, row, name) : NULL;
}

/* The row whose first column is s, or -1. */
static long row_named(const struct hdb_table *t, const char *s)
{
	size_t r;

	for (r = 0; t && r < t->n_rows; r++)
		if (!strcmp(hdb_table_cell(t, r, 0)->s, s))
			return (long)r;
	return -1;
}

static int report(struct hdb_store *st, const char *hosts,
		  const char *const *models, size_t n_models,
		  struct hdb_report_model *m)
{
	struct hdb_report_opts o;

	memset(&o, 0, sizeof(o));
	o.hosts = hosts;
	o.models = models;
	o.n_models = n_models;
	if (hdb_query_report(hdb_store_sqlite(st), &o, m)) {
		T_FAIL("report: %s", hdb_errmsg());
		return -1;
	}
	return 0;
}

#define CONTAINS(hay, needle) CHECK_HAS(hay, needle)

static void quality_across_hosts(void)
{
	struct hdb_store *st = seed_store("across.db");
	struct hdb_report_model m;
	const struct hdb_section *s;
	const struct hdb_table *t;
	char *p;
	long r;

	if (report(st, "h1,h2", NULL, 0, &m))
		goto out;
	s = section(&m, "quality");
	CHECK(s != NULL);
	CHECK_STR(s ? s->title : "", "Quality across hosts");
	t = table_of(s, 0);
	CHECK(t != NULL);
	if (!t)
		goto done;
	/* a row per model and benchmark; gsm8k and niah are elsewhere */
	CHECK_INT(t->n_rows, 3);
	CHECK_STR(t->cols[2], "h1");
	CHECK_STR(t->cols[3], "h2");
	r = row_named(t, "m1 (no-think)");
	CHECK(r >= 0);
	CHECK_STR(tcell(t, (size_t)r, "Benchmark"), "Aider Polyglot");
	CHECK_STR(tcell(t, (size_t)r, "h1"), "53.8% (47.3-60.2)");
	CHECK_STR(tcell(t, (size_t)r, "h2"), "47.1% (40.7-53.6)");
	CHECK_STR(tcell(t, (size_t)r, "Verdict"), "within noise");
	r = row_named(t, "m3");
	CHECK_STR(tcell(t, (size_t)r, "h1"), "66.7% (60.3-72.5)");
	CHECK_STR(tcell(t, (size_t)r, "h2"), "44.4% (38.1-51.0)");
	CHECK_STR(tcell(t, (size_t)r, "Verdict"), "h1 better");
	r = row_named(t, "m2");
	CHECK_STR(tcell(t, (size_t)r, "Benchmark"), "HumanEval+");
	CHECK_STR(tcell(t, (size_t)r, "h1"), "78.7% (71.8-84.2)");
	CHECK_STR(tcell(t, (size_t)r, "h2"), "77.4% (70.5-83.2)");

	p = prose_of(s);
	CONTAINS(p, "--a h1 --b h2");
	CONTAINS(p, "every pair differs in: backend Vulkan vs CUDA");
	CONTAINS(p, "2 of 3 rows compared agree within noise: Aider "
		 "Polyglot (m1 (no-think)); HumanEval+ (m2).");
	CONTAINS(p, "Beyond noise: Aider Polyglot (m3).");
	/* README's example, with the store's names */
	CONTAINS(p, "The m1 (no-think) Aider Polyglot gap (53.8% on h1 vs "
		 "47.1% on h2, 6.7 pp) is within noise: p = 0.16, and at 225 "
		 "exercises a gap under 13.1 pp cannot be told from noise.");
	CONTAINS(p, "The m3 Aider Polyglot gap (66.7% on h1 vs 44.4% on h2, "
		 "22.2 pp) is beyond noise: p < 0.001, and h1 scores higher.");
	/* the 1.3 pp HumanEval+ gap gets no sentence of its own */
	CHECK(strstr(p, "m2 HumanEval+ gap") == NULL);
	free(p);
done:
	hdb_report_model_release(&m);
out:
	hdb_store_close(st);
}

static void frontier(void)
{
	struct hdb_store *st = seed_store("frontier.db");
	struct hdb_report_model m;
	const struct hdb_section *s;
	const struct hdb_table *t;
	size_t i, n_charts = 0;
	char *p;

	if (report(st, "h1,h2", NULL, 0, &m))
		goto out;
	s = section(&m, "frontier");
	CHECK(s != NULL);
	CHECK_STR(s ? s->title : "", "Local vs the frontier");
	t = table_of(s, 0);
	CHECK(t != NULL);
	if (!t)
		goto done;
	/* four local Polyglot rows and two published, by score */
	CHECK_INT(t->n_rows, 6);
	CHECK_STR(tcell(t, 0, "Model"), "r-top");
	CHECK_STR(tcell(t, 0, "Pass rate"), "88.0%");
	CHECK_STR(tcell(t, 0, "Source"), "published");
	CHECK_STR(tcell(t, 1, "Model"), "m3");
	CHECK_STR(tcell(t, 1, "Pass rate"), "66.7% (60.3-72.5)");
	CHECK_STR(tcell(t, 1, "Source"), "local, h1");
	CHECK_STR(tcell(t, 2, "Model"), "r-mid");
	CHECK_STR(tcell(t, 2, "Pass rate"), "56.4%");
	CHECK_STR(tcell(t, 3, "Model"), "m1 (no-think)");
	CHECK_STR(tcell(t, 5, "Pass rate"), "44.4% (38.1-51.0)");
	for (i = 0; i < s->n; i++)
		if (s->blocks[i].kind == HDB_BLOCK_CHART) {
			n_charts++;
			CHECK_STR(s->blocks[i].chart.id,
				    "pass-aider-polyglot-pass-rate-2");
			CHECK(s->blocks[i].chart.n_series >= 3);
		}
	CHECK_INT(n_charts, 1);
	p = prose_of(s);
	CONTAINS(p, "The best local run, m3 on h1 at 66.7%, sits between "
		 "r-top at 88.0% and r-mid at 56.4%: r-top is 21.3 pp ahead, "
		 "beyond noise (p < 0.001); r-mid is 10.3 pp behind, beyond "
		 "noise (p = 0.026).");
	/* both neighbours beyond noise: no smallest detectable gap said */
	CONTAINS(p, "(p = 0.026). Of the");
	/* the no-think runs: below every published score; r-mid's verdict
	 * is 121/225 against 127/225 */
	CONTAINS(p, "Of the no-think runs, the best, m1 (no-think) on h1 at "
		 "53.8%, is below every published score, the nearest r-mid at "
		 "56.4%: r-mid is 2.6 pp ahead, within noise (p = 0.57). At "
		 "225 exercises a gap under");
	free(p);
done:
	hdb_report_model_release(&m);
out:
	hdb_store_close(st);
}

static void saturated_and_niah(void)
{
	struct hdb_store *st = seed_store("sat.db");
	struct hdb_report_model m;
	const struct hdb_section *s;
	const struct hdb_table *t;
	char *p;
	long r;

	if (report(st, "h1,h2", NULL, 0, &m))
		goto out;
	s = section(&m, "saturated");
	CHECK(s != NULL);
	t = table_of(s, 0);
	CHECK(t != NULL);
	if (!t)
		goto niah;
	CHECK_INT(t->n_cols, 3);
	CHECK_STR(t->cols[1], "h1 gsm8k");
	CHECK_STR(t->cols[2], "h2 gsm8k");
	r = row_named(t, "m1");
	CHECK_STR(tcell(t, (size_t)r, "h1 gsm8k"), "90.0%");
	CHECK_STR(tcell(t, (size_t)r, "h2 gsm8k"), "89.0%");
	/* a run not made is n/a, never 0 */
	r = row_named(t, "m2");
	CHECK_STR(tcell(t, (size_t)r, "h1 gsm8k"), "96.5%");
	CHECK_STR(tcell(t, (size_t)r, "h2 gsm8k"), "n/a");
	p = prose_of(s);
	CONTAINS(p, "The top score is 96.5% (m2 on h1, gsm8k).");
	/* 180/200 vs 178/200: the only pair with both scores */
	CONTAINS(p, "Where both h1 and h2 ran a model, the one pair agrees "
		 "within noise; its gap is 1.0 pp (m1 on gsm8k, p = 0.74).");
	free(p);
niah:
	s = section(&m, "niah");
	CHECK(s != NULL);
	CHECK_STR(s ? s->title : "", "Needle in a haystack");
	t = table_of(s, 0);
	CHECK(t != NULL);
	if (!t)
		goto done;
	CHECK_INT(t->n_rows, 2);
	CHECK_STR(tcell(t, 0, "Model"), "m1");
	CHECK_STR(tcell(t, 0, "h1"), "100% (12/12)");
	CHECK_STR(tcell(t, 0, "h2"), "100% (12/12)");
	CHECK_STR(tcell(t, 1, "Model"), "m4");
	CHECK_STR(tcell(t, 1, "h2"), "91.7% (11/12)");
	p = prose_of(s);
	CONTAINS(p, "1 of 2 models found every needle on every host they "
		 "ran on. Short of that: m4 on h2, 91.7% (11/12). Where both "
		 "h1 and h2 ran a model, the one pair agrees within noise.");
	free(p);
done:
	hdb_report_model_release(&m);
out:
	hdb_store_close(st);
}

/* --model keeps only the models named; a store without quality rows has
 * none of the four sections. */
static void filters_and_empty(void)
{
	static const char *const only[] = { "m2" };
	struct hdb_store *st = seed_store("filter.db");
	struct hdb_store *empty = fresh("empty.db");
	struct hdb_report_model m;
	const struct hdb_table *t;

	if (report(st, "h1,h2", only, 1, &m))
		goto out;
	t = table_of(section(&m, "quality"), 0);
	CHECK_INT(t ? t->n_rows : 0, 1);
	CHECK_STR(tcell(t, 0, "Model"), "m2");
	/* m2 has no Polyglot rows: no frontier section; no needles */
	CHECK(section(&m, "frontier") == NULL);
	CHECK(section(&m, "niah") == NULL);
	hdb_report_model_release(&m);

	if (report(empty, NULL, NULL, 0, &m))
		goto out;
	CHECK(section(&m, "quality") == NULL);
	CHECK(section(&m, "frontier") == NULL);
	CHECK(section(&m, "saturated") == NULL);
	CHECK(section(&m, "niah") == NULL);
	hdb_report_model_release(&m);
out:
	hdb_store_close(st);
	hdb_store_close(empty);
}

/* Names from the store reach the prose as values (escaped by render/),
 * never as halodb's own markdown. */
static void store_strings_are_values(void)
{
	static const struct qspec rows[] = {
		AIDER("h1", "<b>|x", NULL, 225, 121),
		AIDER("h2", "<b>|x", NULL, 225, 106),
	};
	struct hdb_store *st = fresh("escape.db");
	struct hdb_report_model m;
	const struct hdb_section *s;
	size_t i, j, n_values = 0;

	add_q(st, &rows[0]);
	add_q(st, &rows[1]);
	if (report(st, "h1,h2", NULL, 0, &m))
		goto out;
	s = section(&m, "quality");
	CHECK(s != NULL);
	for (i = 0; s && i < s->n; i++)
		for (j = 0; j < s->blocks[i].prose.n; j++) {
			const struct hdb_prose_part *pp =
				&s->blocks[i].prose.parts[j];

			if (strstr(pp->text, "<b>")) {
				CHECK_STR(pp->text, "<b>|x");
				CHECK(pp->value);
				n_values++;
			}
		}
	CHECK(n_values > 0);
	hdb_report_model_release(&m);
out:
	hdb_store_close(st);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	RUN(quality_across_hosts);
	RUN(frontier);
	RUN(saturated_and_niah);
	RUN(filters_and_empty);
	RUN(store_strings_are_values);
	return t_done();
}
