/*
 * section_quality.c: the report's quality sections, in the seed's order:
 * quality across the two hosts compared (Wilson intervals and the
 * verdicts of 'query quality --a --b'), local runs against the published
 * scores of the frontier (with a pass chart and the verdicts of 'query
 * quality --reference'), the saturated benchmarks (lm_eval's gsm8k,
 * ifeval, ...) and the needle-in-a-haystack grid.  Every number is a cell
 * of a 'query quality' result table, read by column name; the only other
 * reads are of the public views for what the query does not carry (a
 * row's harness, parent and status, the reference_score rows to list).
 * Strings from the store go into prose as values and into tables as
 * cells, so render/ escapes them.
 */
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- 'query quality' tables, read by column name ----------------------- */

enum {
	C_ID, C_HOST, C_MODEL, C_QUANT, C_BENCH, C_METRIC, C_VARIANT,
	C_N_ITEMS, C_N_PASS, C_SCORE, C_RATE, C_LO, C_HI, C_CMP, C_OTHER_N,
	C_OTHER_RATE, C_DIFF, C_TEST, C_SHARED, C_P, C_MIND, C_VERDICT,
	C_DIFFERS, N_C
};

static const char *const col_names[N_C] = {
	"id", "host", "model", "quant", "benchmark", "metric", "variant",
	"n_items", "n_pass", "score", "pass_rate", "pass_lo", "pass_hi",
	"compared_with", "other_n", "other_rate", "diff", "test",
	"n_shared_items", "p", "min_detectable", "verdict", "differs",
};

struct qres {
	struct hdb_table t;
	size_t c[N_C];
};

/* Runs 'query quality' with o into q (release with qres_release).
 * Returns 0 or -1 (hdb_error). */
static int qres_load(sqlite3 *db, const struct hdb_query_opts *o,
		     struct qres *q)
{
	size_t i, j;

	memset(q, 0, sizeof(*q));
	if (hdb_query_quality(db, o, &q->t))
		return -1;
	for (i = 0; i < N_C; i++) {
		for (j = 0; j < q->t.n_cols; j++)
			if (!strcmp(q->t.cols[j], col_names[i]))
				break;
		if (j == q->t.n_cols) {
			hdb_table_release(&q->t);
			return hdb_error("query quality: no column '%s'",
					 col_names[i]);
		}
		q->c[i] = j;
	}
	return 0;
}

static void qres_release(struct qres *q)
{
	hdb_table_release(&q->t);
}

/* A TEXT cell, or NULL (an empty text is NULL too). */
static const char *qs(const struct qres *q, size_t r, int c)
{
	const struct hdb_cell *x = hdb_table_cell(&q->t, r, q->c[c]);

	return x->type == HDB_CELL_TEXT && x->s && *x->s ? x->s : NULL;
}

/* A number cell as a double, NAN for anything else. */
static double qn(const struct qres *q, size_t r, int c)
{
	const struct hdb_cell *x = hdb_table_cell(&q->t, r, q->c[c]);

	return x->type == HDB_CELL_REAL ? x->r
	       : x->type == HDB_CELL_INT ? (double)x->i : NAN;
}

/* An INT cell, Q_UNSET for anything else. */
static long long qi(const struct qres *q, size_t r, int c)
{
	const struct hdb_cell *x = hdb_table_cell(&q->t, r, q->c[c]);

	return x->type == HDB_CELL_INT ? x->i : Q_UNSET;
}

/* The row of quality id, or -1. */
static long qres_find(const struct qres *q, long long id)
{
	size_t r;

	for (r = 0; id != Q_UNSET && r < q->t.n_rows; r++)
		if (qi(q, r, C_ID) == id)
			return (long)r;
	return -1;
}

/* A row's rate: its pass rate, else its score (score only), else NAN. */
static double row_rate(const struct qres *q, size_t r)
{
	double v = qn(q, r, C_RATE);

	return isnan(v) ? qn(q, r, C_SCORE) : v;
}

/* ---- what the query does not carry: harness, parent, status ---------- */

struct qinfo {
	long long id;
	char *bench, *harness, *parent, *status;
};

struct qinfos {
	struct qinfo *v;
	size_t n;
};

static void qinfos_release(struct qinfos *in)
{
	size_t i;

	for (i = 0; i < in->n; i++) {
		free(in->v[i].bench);
		free(in->v[i].harness);
		free(in->v[i].parent);
		free(in->v[i].status);
	}
	free(in->v);
	memset(in, 0, sizeof(*in));
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Reads every quality row's harness, parent and the status published
 * rows carry in details ("not_run", "failed").  Returns 0 or -1. */
static int qinfos_load(sqlite3 *db, struct qinfos *in)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	memset(in, 0, sizeof(*in));
	if (q_prepare(db, "SELECT id, benchmark, harness, parent,"
		      " json_extract(CASE WHEN json_valid(details) THEN details"
		      " END, '$.status') FROM quality ORDER BY id", &s,
		      "read the quality rows"))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct qinfo *x;

		if (in->n == cap) {
			cap = cap ? 2 * cap : 64;
			in->v = xrealloc(in->v, cap * sizeof(*in->v));
		}
		x = &in->v[in->n++];
		x->id = sqlite3_column_int64(s, 0);
		x->bench = dup_or_null(q_text_or_null(s, 1));
		x->harness = dup_or_null(q_text_or_null(s, 2));
		x->parent = dup_or_null(q_text_or_null(s, 3));
		x->status = dup_or_null(q_text_or_null(s, 4));
	}
	sqlite3_finalize(s);
	if (q_done(db, rc, "read the quality rows")) {
		qinfos_release(in);
		return -1;
	}
	return 0;
}

static const struct qinfo *qinfo_find(const struct qinfos *in, long long id)
{
	size_t lo = 0, hi = in->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (in->v[mid].id == id)
			return &in->v[mid];
		if (in->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Which section shows a benchmark. */
enum bench_kind { B_CROSS, B_SATURATED, B_NIAH };

/*
 * The needle grid is its own section; gsm8k, ifeval and every benchmark
 * lm_eval scored are the saturated ones (the seed shows them apart, as
 * benchmarks that no longer tell strong models apart); the rest
 * (HumanEval+, Aider Polyglot, ...) is the cross-host quality table.
 */
static enum bench_kind bench_kind(const struct qinfos *in, const char *bench)
{
	size_t i;

	if (!bench)
		return B_CROSS;
	if (!strcasecmp(bench, "niah"))
		return B_NIAH;
	if (!strcasecmp(bench, "gsm8k") || !strcasecmp(bench, "ifeval"))
		return B_SATURATED;
	for (i = 0; i < in->n; i++) {
		if (!in->v[i].bench || strcmp(in->v[i].bench, bench) ||
		    !in->v[i].harness)
			continue;
		if (!strcmp(in->v[i].harness, "niah"))
			return B_NIAH;
		if (!strcmp(in->v[i].harness, "lm_eval"))
			return B_SATURATED;
	}
	return B_CROSS;
}

static const char *row_status(const struct qinfos *in, long long id)
{
	const struct qinfo *x = qinfo_find(in, id);

	return x ? x->status : NULL;
}

/* ---- words and numbers ----------------------------------------------- */

/* How the report names a benchmark (NULL: as stored). */
static const char *bench_title(const char *bench)
{
	static const struct { const char *id, *title; } names[] = {
		{ "aider-polyglot", "Aider Polyglot" },
		{ "aider-python", "Aider (Python)" },
		{ "aider-edit", "Aider edit" },
		{ "humaneval+", "HumanEval+" },
		{ "humaneval", "HumanEval" },
		{ "mbpp+", "MBPP+" },
		{ "mbpp", "MBPP" },
		{ "niah", "NIAH" },
	};
	size_t i;

	for (i = 0; bench && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcasecmp(bench, names[i].id))
			return names[i].title;
	return NULL;
}

/* What one item of a benchmark is, in the plural. */
static const char *item_noun(const char *bench)
{
	if (bench && !strncasecmp(bench, "aider", 5))
		return "exercises";
	if (bench && (!strncasecmp(bench, "humaneval", 9) ||
		      !strncasecmp(bench, "mbpp", 4)))
		return "problems";
	return "items";
}

static void sb_bench(struct strbuf *sb, const char *bench)
{
	strbuf_addstr(sb, bench_title(bench) ? bench_title(bench)
		      : bench ? bench : "?");
}

/* The benchmark in prose: halodb's own title, else the stored name as a
 * value. */
static void p_bench(struct hdb_prose *p, const char *bench)
{
	if (bench_title(bench))
		hdb_prose_add(p, 0, "%s", bench_title(bench));
	else
		hdb_prose_add(p, 1, "%s", bench ? bench : "?");
}

/* "qwen3.6 Q8_0 (no-think)": the quant only where asked for. */
static void sb_label(struct strbuf *sb, const char *model, const char *quant,
		     const char *variant)
{
	strbuf_addstr(sb, model ? model : "?");
	if (quant)
		strbuf_addf(sb, " %s", quant);
	if (variant)
		strbuf_addf(sb, " (%s)", variant);
}

static void p_label(struct hdb_prose *p, const char *model, const char *quant,
		    const char *variant)
{
	hdb_prose_add(p, 1, "%s", model ? model : "?");
	if (quant) {
		hdb_prose_add(p, 0, " ");
		hdb_prose_add(p, 1, "%s", quant);
	}
	if (variant) {
		hdb_prose_add(p, 0, " (");
		hdb_prose_add(p, 1, "%s", variant);
		hdb_prose_add(p, 0, ")");
	}
}

/* A fraction as a percent with one decimal: "53.8%". */
static void sb_pct(struct strbuf *sb, double v)
{
	strbuf_addf(sb, "%.1f%%", 100 * v);
}

/* "53.8% (47.3-60.2)": a rate and its Wilson interval, when it has one. */
static void sb_rate_ci(struct strbuf *sb, double v, double lo, double hi)
{
	sb_pct(sb, v);
	if (!isnan(lo) && !isnan(hi))
		strbuf_addf(sb, " (%.1f-%.1f)", 100 * lo, 100 * hi);
}

/* "p = 0.16", "p < 0.001". */
static void sb_p(struct strbuf *sb, double p)
{
	if (p < 0.001)
		strbuf_addstr(sb, "p < 0.001");
	else if (p >= 0.1)
		strbuf_addf(sb, "p = %.2f", p);
	else
		strbuf_addf(sb, "p = %.2g", p);
}

/* A cell for a side without a rate: what the store says of the run. */
static const char *missing_text(const char *status)
{
	if (!status)
		return "no score";
	if (!strcmp(status, "not_run"))
		return "n/a";
	return status;
}

/* Appends a text cell. */
static void cell_text(struct hdb_cell *c, const char *s)
{
	hdb_cell_set_text(c, s);
}

/* A TABLE block with the given column names (copied). */
static struct hdb_table *table_block(struct hdb_section *s,
				     const char *const *cols, size_t n)
{
	struct hdb_block *b = hdb_section_block(s, HDB_BLOCK_TABLE);
	size_t i;

	hdb_table_init(&b->table, n);
	for (i = 0; i < n; i++)
		hdb_table_set_col(&b->table, i, cols[i], NULL);
	return &b->table;
}

/* Does host have quality rows?  (A selector naming none is an error of
 * the query, so the sections ask first.)  Returns 1, 0 or -1. */
static int host_has_quality(sqlite3 *db, const char *host)
{
	sqlite3_stmt *s;
	int rc;

	if (q_prepare(db, "SELECT 1 FROM quality WHERE host = ? LIMIT 1", &s,
		      "look for quality rows"))
		return -1;
	sqlite3_bind_text(s, 1, host, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 1;
	return q_done(db, rc, "look for quality rows");
}

/* The pair compared, when both hosts have quality rows: 1, 0, or -1. */
static int pair_has_quality(sqlite3 *db, const struct q_report *x)
{
	int a, b;

	if (x->n_pair < 2)
		return 0;
	if ((a = host_has_quality(db, x->pair[0])) < 0 ||
	    (b = host_has_quality(db, x->pair[1])) < 0)
		return -1;
	return a && b;
}

/* Every quality row (default mode: each with its Wilson interval). */
static int load_all(sqlite3 *db, struct qres *q)
{
	struct hdb_query_opts o;

	hdb_query_opts_init(&o);
	return qres_load(db, &o, q);
}

/* The rows of x's two hosts paired by the query (a = pair[0]). */
static int load_pair(sqlite3 *db, const struct q_report *x,
		     const char *bench, struct qres *q)
{
	struct hdb_query_opts o;

	hdb_query_opts_init(&o);
	o.a = x->pair[0];
	o.b = x->pair[1];
	o.benchmark = bench;
	return qres_load(db, &o, q);
}

/* The verdict of a paired row with the sides named. */
static void sb_verdict(struct strbuf *sb, const char *v, const char *a,
		       const char *b)
{
	if (!v)
		strbuf_addstr(sb, "not compared");
	else if (!strcmp(v, "a better"))
		strbuf_addf(sb, "%s better", a);
	else if (!strcmp(v, "b better"))
		strbuf_addf(sb, "%s better", b);
	else
		strbuf_addstr(sb, v);
}

static int is_within(const char *v)
{
	return v && !strcmp(v, "within noise");
}

static int is_beyond(const char *v)
{
	return v && (!strcmp(v, "a better") || !strcmp(v, "b better"));
}

/* ", and at 225 exercises a gap under 13.1 pp cannot be told from
 * noise" for paired row r (McNemar: its shared items). */
static void p_min_detectable(struct hdb_prose *p, const struct qres *q,
			     size_t r)
{
	double md = qn(q, r, C_MIND);
	long long shared = qi(q, r, C_SHARED), na = qi(q, r, C_N_ITEMS);
	long long nb = qi(q, r, C_OTHER_N);
	const char *noun = item_noun(qs(q, r, C_BENCH));

	if (isnan(md))
		return;
	if (shared != Q_UNSET)
		hdb_prose_add(p, 0, "at %lld shared %s", shared, noun);
	else if (na != Q_UNSET && (nb == Q_UNSET || nb == na))
		hdb_prose_add(p, 0, "at %lld %s", na, noun);
	else if (na != Q_UNSET)
		hdb_prose_add(p, 0, "at %lld and %lld %s", na, nb, noun);
	else
		hdb_prose_add(p, 0, "at these sizes");
	hdb_prose_add(p, 0, " a gap under %.1f pp cannot be told from noise",
		      100 * md);
}

/* ---- quality across the two hosts ------------------------------------ */

/* A row of the cross-host table: paired row r of T_ab, its b row in
 * T_all (-1: none). */
struct xrow {
	size_t r;
	long b;
};

/* "The qwen3.6 (no-think) Aider Polyglot gap (53.8% on strix-halo vs
 * 47.1% on a30, 6.7 pp) is within noise: p = 0.16, and at 225 exercises
 * a gap under 13.1 pp cannot be told from noise." */
static void p_gap(struct hdb_prose *p, const struct q_report *x,
		  const struct qres *ab, size_t r, const char *lead)
{
	const char *v = qs(ab, r, C_VERDICT);
	struct strbuf sb = STRBUF_INIT;
	double d = qn(ab, r, C_DIFF);

	hdb_prose_add(p, 0, "%s", lead);
	p_label(p, qs(ab, r, C_MODEL), NULL, qs(ab, r, C_VARIANT));
	hdb_prose_add(p, 0, " ");
	p_bench(p, qs(ab, r, C_BENCH));
	hdb_prose_add(p, 0, " gap (");
	sb_pct(&sb, row_rate(ab, r));
	hdb_prose_add(p, 0, "%s on ", strbuf_str(&sb));
	hdb_prose_add(p, 1, "%s", x->pair[0]);
	strbuf_reset(&sb);
	sb_pct(&sb, qn(ab, r, C_OTHER_RATE));
	hdb_prose_add(p, 0, " vs %s on ", strbuf_str(&sb));
	hdb_prose_add(p, 1, "%s", x->pair[1]);
	strbuf_reset(&sb);
	sb_p(&sb, qn(ab, r, C_P));
	hdb_prose_add(p, 0, ", %.1f pp) is %s: %s", 100 * fabs(d),
		      is_within(v) ? "within noise" : "beyond noise",
		      strbuf_str(&sb));
	if (is_beyond(v)) {
		hdb_prose_add(p, 0, ", and ");
		hdb_prose_add(p, 1, "%s", !strcmp(v, "a better") ? x->pair[0]
			      : x->pair[1]);
		hdb_prose_add(p, 0, " scores higher.");
	} else {
		if (!isnan(qn(ab, r, C_MIND)))
			hdb_prose_add(p, 0, ", and ");
		p_min_detectable(p, ab, r);
		hdb_prose_add(p, 0, ".");
	}
	strbuf_release(&sb);
}

/* The models of rows[] of one benchmark and verdict class, as a list
 * "qwen2.5-coder-32b, qwen3-30b-a3b-2507 and qwen3.6 (no-think)". */
static void p_models(struct hdb_prose *p, const struct qres *ab,
		     const size_t *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			hdb_prose_add(p, 0, i + 1 == n ? " and " : ", ");
		p_label(p, qs(ab, rows[i], C_MODEL), NULL,
			qs(ab, rows[i], C_VARIANT));
	}
}

/* "Within noise: HumanEval+ (a, b and c); Aider Polyglot (d)." for the
 * rows of xr whose verdict passes want(). */
static void p_by_bench(struct hdb_prose *p, const struct qres *ab,
		       const struct xrow *xr, size_t n,
		       int (*want)(const char *))
{
	size_t i, j, k, m, *rows = xmalloc((n + 1) * sizeof(*rows));
	int first = 1;

	for (i = 0; i < n; i++) {
		const char *bi = qs(ab, xr[i].r, C_BENCH);

		if (!want(qs(ab, xr[i].r, C_VERDICT)))
			continue;
		for (k = 0; k < i; k++)
			if (want(qs(ab, xr[k].r, C_VERDICT)) &&
			    !q_cmp_str(qs(ab, xr[k].r, C_BENCH), bi))
				break;
		if (k < i)
			continue;	/* the benchmark was said */
		for (m = 0, j = i; j < n; j++)
			if (want(qs(ab, xr[j].r, C_VERDICT)) &&
			    !q_cmp_str(qs(ab, xr[j].r, C_BENCH), bi))
				rows[m++] = xr[j].r;
		hdb_prose_add(p, 0, first ? "" : "; ");
		first = 0;
		p_bench(p, bi);
		hdb_prose_add(p, 0, " (");
		p_models(p, ab, rows, m);
		hdb_prose_add(p, 0, ")");
	}
	free(rows);
}

static int want_within(const char *v)
{
	return is_within(v);
}

static int want_beyond(const char *v)
{
	return is_beyond(v);
}

/* A gap worth a sentence of its own: beyond noise, or one a reader would
 * take for real (5 pp or more, as the seed took 6.7 pp). */
#define NOTABLE_GAP 0.05

int q_section_quality(sqlite3 *db, const struct q_report *x,
		      struct hdb_report_model *m)
{
	const char *cols[6];
	struct qres all, ab;
	struct qinfos in;
	struct xrow *xr = NULL;
	struct hdb_section *s;
	struct hdb_table *t;
	struct hdb_prose *p;
	struct strbuf sb = STRBUF_INIT;
	const char *differs = NULL;
	size_t i, n = 0, n_within = 0, n_beyond = 0, n_cmp = 0, n_said = 0;
	size_t n_cols;
	int same_differs = 1, ret = -1, k;
	long biggest = -1;

	if ((k = pair_has_quality(db, x)) <= 0)
		return k;
	memset(&all, 0, sizeof(all));
	memset(&ab, 0, sizeof(ab));
	memset(&in, 0, sizeof(in));
	if (qinfos_load(db, &in) || load_all(db, &all) ||
	    load_pair(db, x, NULL, &ab))
		goto out;
	xr = xmalloc((ab.t.n_rows + 1) * sizeof(*xr));
	for (i = 0; i < ab.t.n_rows; i++) {
		if (bench_kind(&in, qs(&ab, i, C_BENCH)) != B_CROSS ||
		    !q_report_keeps(x, qs(&ab, i, C_MODEL)))
			continue;
		xr[n].r = i;
		xr[n].b = qres_find(&all, qi(&ab, i, C_CMP));
		if (n && q_cmp_str(qs(&ab, i, C_DIFFERS), differs))
			same_differs = 0;
		differs = qs(&ab, i, C_DIFFERS);
		n++;
	}
	if (!n) {
		ret = 0;
		goto out;
	}

	s = hdb_report_section(m, "quality", "Quality across hosts");
	p = &hdb_section_block(s, HDB_BLOCK_PROSE)->prose;
	hdb_prose_add(p, 0, "The same model on ");
	hdb_prose_add(p, 1, "%s", x->pair[0]);
	hdb_prose_add(p, 0, " and ");
	hdb_prose_add(p, 1, "%s", x->pair[1]);
	hdb_prose_add(p, 0, ", scored by the same benchmark: pass rates with "
		      "their 95%% Wilson intervals, and the verdict of `halodb "
		      "query quality --a ");
	hdb_prose_add(p, 1, "%s", x->pair[0]);
	hdb_prose_add(p, 0, " --b ");
	hdb_prose_add(p, 1, "%s", x->pair[1]);
	hdb_prose_add(p, 0, "` (McNemar's test where both runs kept their "
		      "items, else a two-proportion test; beyond noise at "
		      "p < 0.05).");
	if (same_differs && differs) {
		hdb_prose_add(p, 0, " Besides the host, every pair differs in: ");
		hdb_prose_add(p, 1, "%s", differs);
		hdb_prose_add(p, 0, ".");
	}

	cols[0] = "Model";
	cols[1] = "Benchmark";
	cols[2] = x->pair[0];
	cols[3] = x->pair[1];
	cols[4] = "Verdict";
	cols[5] = "Differs";
	n_cols = same_differs ? 5 : 6;
	t = table_block(s, cols, n_cols);
	for (i = 0; i < n; i++) {
		size_t r = xr[i].r;
		long b = xr[i].b;
		struct hdb_cell *c = hdb_table_add_row(t);
		const char *v = qs(&ab, r, C_VERDICT);

		strbuf_reset(&sb);
		sb_label(&sb, qs(&ab, r, C_MODEL), NULL, qs(&ab, r, C_VARIANT));
		cell_text(&c[0], strbuf_str(&sb));
		strbuf_reset(&sb);
		sb_bench(&sb, qs(&ab, r, C_BENCH));
		cell_text(&c[1], strbuf_str(&sb));
		strbuf_reset(&sb);
		if (!isnan(row_rate(&ab, r)))
			sb_rate_ci(&sb, row_rate(&ab, r), qn(&ab, r, C_LO),
				   qn(&ab, r, C_HI));
		else
			strbuf_addstr(&sb, missing_text(row_status(&in,
						qi(&ab, r, C_ID))));
		cell_text(&c[2], strbuf_str(&sb));
		strbuf_reset(&sb);
		if (b >= 0 && !isnan(row_rate(&all, (size_t)b)))
			sb_rate_ci(&sb, row_rate(&all, (size_t)b),
				   qn(&all, (size_t)b, C_LO),
				   qn(&all, (size_t)b, C_HI));
		else
			strbuf_addstr(&sb, missing_text(row_status(&in,
						qi(&ab, r, C_CMP))));
		cell_text(&c[3], strbuf_str(&sb));
		strbuf_reset(&sb);
		sb_verdict(&sb, v, x->pair[0], x->pair[1]);
		cell_text(&c[4], strbuf_str(&sb));
		if (n_cols == 6)
			cell_text(&c[5], qs(&ab, r, C_DIFFERS) ?
				  qs(&ab, r, C_DIFFERS) : "");
		if (is_within(v))
			n_within++;
		if (is_beyond(v))
			n_beyond++;
		if (is_within(v) || is_beyond(v)) {
			n_cmp++;
			if (biggest < 0 || fabs(qn(&ab, r, C_DIFF)) >
			    fabs(qn(&ab, (size_t)biggest, C_DIFF)))
				biggest = (long)r;
		}
	}

	/* what agrees, what does not, and the gaps a reader would ask
	 * about */
	p = &hdb_section_block(s, HDB_BLOCK_PROSE)->prose;
	if (n_cmp && n_within == n_cmp)
		hdb_prose_add(p, 0, "All %zu rows compared agree within "
			      "noise: ", n_cmp);
	else if (n_within)
		hdb_prose_add(p, 0, "%zu of %zu rows compared agree within "
			      "noise: ", n_within, n_cmp);
	if (n_within) {
		p_by_bench(p, &ab, xr, n, want_within);
		hdb_prose_add(p, 0, ".");
	}
	if (n_beyond) {
		hdb_prose_add(p, 0, "%sBeyond noise: ", n_within ? " " : "");
		p_by_bench(p, &ab, xr, n, want_beyond);
		hdb_prose_add(p, 0, ".");
	}
	for (i = 0; i < n; i++) {
		size_t r = xr[i].r;
		const char *v = qs(&ab, r, C_VERDICT);

		if (is_beyond(v) || (is_within(v) &&
				     fabs(qn(&ab, r, C_DIFF)) >= NOTABLE_GAP)) {
			p_gap(p, x, &ab, r, " The ");
			n_said++;
		}
	}
	if (!n_said && biggest >= 0 && fabs(qn(&ab, (size_t)biggest,
					       C_DIFF)) > 0) {
		p_gap(p, x, &ab, (size_t)biggest, " The largest, the ");
	}
	/* rows with a side that has no rate */
	for (i = 0, k = 0; i < n; i++) {
		size_t r = xr[i].r;
		const char *v = qs(&ab, r, C_VERDICT);

		if (is_within(v) || is_beyond(v))
			continue;
		hdb_prose_add(p, 0, k++ ? "; " : " Not compared: ");
		p_label(p, qs(&ab, r, C_MODEL), NULL, qs(&ab, r, C_VARIANT));
		hdb_prose_add(p, 0, " on ");
		p_bench(p, qs(&ab, r, C_BENCH));
		if (isnan(row_rate(&ab, r))) {
			hdb_prose_add(p, 0, " (");
			hdb_prose_add(p, 1, "%s", x->pair[0]);
			hdb_prose_add(p, 0, ": %s)", missing_text(row_status(
					&in, qi(&ab, r, C_ID))));
		} else if (xr[i].b < 0 ||
			   isnan(row_rate(&all, (size_t)xr[i].b))) {
			hdb_prose_add(p, 0, " (");
			hdb_prose_add(p, 1, "%s", x->pair[1]);
			hdb_prose_add(p, 0, ": %s)", missing_text(row_status(
					&in, qi(&ab, r, C_CMP))));
		} else if (v) {
			hdb_prose_add(p, 0, " (%s)", v);
		}
	}
	if (k)
		hdb_prose_add(p, 0, ".");
	if (!p->n)
		hdb_prose_add(p, 0, "No row has a pass rate on both hosts.");
	ret = 0;
out:
	strbuf_release(&sb);
	free(xr);
	qres_release(&all);
	qres_release(&ab);
	qinfos_release(&in);
	return ret;
}

/* ---- local vs the frontier ------------------------------------------- */

/* A published score (reference_score row). */
struct ref {
	char *model, *variant, *score_from;
	double score;
	long long n_items;
};

struct refs {
	struct ref *v;
	size_t n;
};

static void refs_release(struct refs *rf)
{
	size_t i;

	for (i = 0; i < rf->n; i++) {
		free(rf->v[i].model);
		free(rf->v[i].variant);
		free(rf->v[i].score_from);
	}
	free(rf->v);
	memset(rf, 0, sizeof(*rf));
}

/*
 * The published scores that 'query quality --reference' sets against
 * quality rows of benchmark bench, best first: the same name, and for
 * Aider's flat Python run ('aider-python') the edit leaderboard
 * ('aider-edit'), as query/quality.c matches them.  Returns 0 or -1.
 */
static int refs_load(sqlite3 *db, const char *bench, struct refs *rf)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	memset(rf, 0, sizeof(*rf));
	if (q_prepare(db, "SELECT name, nullif(variant, ''), score, n_items,"
		      " json_extract(CASE WHEN json_valid(details) THEN details"
		      " END, '$.score_from') FROM reference_score"
		      " WHERE score IS NOT NULL AND (lower(benchmark) = lower(?1)"
		      " OR (lower(?1) = 'aider-python' AND"
		      " lower(benchmark) = 'aider-edit'))"
		      " ORDER BY score DESC, name, variant", &s,
		      "read the published scores"))
		return -1;
	sqlite3_bind_text(s, 1, bench, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct ref *r;

		if (rf->n == cap) {
			cap = cap ? 2 * cap : 16;
			rf->v = xrealloc(rf->v, cap * sizeof(*rf->v));
		}
		r = &rf->v[rf->n++];
		r->model = xstrdup(q_text(s, 0));
		r->variant = dup_or_null(q_text_or_null(s, 1));
		r->score = q_double(s, 2);
		r->n_items = q_int(s, 3);
		r->score_from = dup_or_null(q_text_or_null(s, 4));
	}
	sqlite3_finalize(s);
	if (q_done(db, rc, "read the published scores")) {
		refs_release(rf);
		return -1;
	}
	return 0;
}

/* The metric a benchmark's local rows are compared on: the one the
 * published scores say they are (Aider: pass_rate_2), else the metric of
 * most rows. */
static const char *frontier_metric(const struct qres *all,
				   const struct refs *rf, const char *bench)
{
	const char *best = NULL;
	size_t i, j, n, best_n = 0;

	for (i = 0; i < rf->n; i++)
		if (rf->v[i].score_from)
			return rf->v[i].score_from;
	for (i = 0; i < all->t.n_rows; i++) {
		const char *mi = qs(all, i, C_METRIC);

		if (q_cmp_str(qs(all, i, C_BENCH), bench) || !mi)
			continue;
		for (n = 0, j = 0; j < all->t.n_rows; j++)
			if (!q_cmp_str(qs(all, j, C_BENCH), bench) &&
			    !q_cmp_str(qs(all, j, C_METRIC), mi))
				n++;
		if (n > best_n) {
			best = mi;
			best_n = n;
		}
	}
	return best;
}

/* One line of the frontier table: a local row or a published score. */
struct fline {
	double v;
	int is_ref;
	size_t i;	/* the row of T_all, or the index of the reference */
};

static int fline_cmp(const void *pa, const void *pb)
{
	const struct fline *a = pa, *b = pb;

	if (a->v != b->v)
		return a->v < b->v ? 1 : -1;
	if (a->is_ref != b->is_ref)
		return b->is_ref - a->is_ref;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* Does model have rows of several quants among the lines? */
static int several_quants(const struct qres *all, const struct fline *fl,
			  size_t n, const char *model)
{
	const char *q = NULL;
	size_t i;
	int seen = 0;

	for (i = 0; i < n; i++) {
		if (fl[i].is_ref ||
		    q_cmp_str(qs(all, fl[i].i, C_MODEL), model))
			continue;
		if (seen && q_cmp_str(qs(all, fl[i].i, C_QUANT), q))
			return 1;
		q = qs(all, fl[i].i, C_QUANT);
		seen = 1;
	}
	return 0;
}

/* What 'query quality --reference' says of local row id against a
 * published score. */
struct ref_verdict {
	int found;		/* the query set the row against this score */
	double diff, p, md;
	const char *verdict;	/* points into q */
	struct qres q;
};

/*
 * Compares local row id with reference rf->v[k]: 'query quality
 * --reference MODEL --benchmark B', the row of id.  The query takes the
 * reference row of the local row's own variant (else the newest), so
 * found is 0 when that is another score of the same model.  Returns 0
 * (release rv->q) or -1.
 */
static int ref_compare(sqlite3 *db, const char *bench, long long id,
		       const struct ref *ref, struct ref_verdict *rv)
{
	struct hdb_query_opts o;
	long r;

	memset(rv, 0, sizeof(*rv));
	hdb_query_opts_init(&o);
	o.benchmark = bench;
	o.reference = ref->model;
	if (qres_load(db, &o, &rv->q))
		return -1;
	r = qres_find(&rv->q, id);
	if (r >= 0 && fabs(qn(&rv->q, (size_t)r, C_OTHER_RATE) - ref->score)
	    < 1e-9) {
		rv->found = 1;
		rv->diff = qn(&rv->q, (size_t)r, C_DIFF);
		rv->p = qn(&rv->q, (size_t)r, C_P);
		rv->md = qn(&rv->q, (size_t)r, C_MIND);
		rv->verdict = qs(&rv->q, (size_t)r, C_VERDICT);
	}
	return 0;
}

static void p_ref(struct hdb_prose *p, const struct ref *ref)
{
	struct strbuf sb = STRBUF_INIT;

	p_label(p, ref->model, NULL, ref->variant);
	sb_pct(&sb, ref->score);
	hdb_prose_add(p, 0, " at %s", strbuf_str(&sb));
	strbuf_release(&sb);
}

/* "claude-3.7-sonnet (thinking) is 2.7 pp ahead, within noise
 * (p = 0.52)" (without the name unless named); *md gets the smallest
 * detectable gap when known. */
static int p_ref_verdict(sqlite3 *db, struct hdb_prose *p, const char *bench,
			 long long id, const struct ref *ref, int named,
			 double *md)
{
	struct ref_verdict rv;
	struct strbuf sb = STRBUF_INIT;

	if (ref_compare(db, bench, id, ref, &rv))
		return -1;
	if (named)
		p_label(p, ref->model, NULL, ref->variant);
	if (!rv.found || isnan(rv.diff)) {
		hdb_prose_add(p, 0, "%snot compared (the query sets this run "
			      "against another score of that model)",
			      named ? " " : "");
	} else {
		hdb_prose_add(p, 0, "%sis %.1f pp %s", named ? " " : "", 100 * fabs(rv.diff),
			      rv.diff > 0 ? "behind" : rv.diff < 0 ? "ahead"
			      : "level");
		if (!isnan(rv.p)) {
			sb_p(&sb, rv.p);
			hdb_prose_add(p, 0, ", %s (%s)", is_beyond(rv.verdict)
				      ? "beyond noise" : "within noise",
				      strbuf_str(&sb));
		} else if (rv.verdict) {
			hdb_prose_add(p, 0, " (%s)", rv.verdict);
		}
		/* what a gap within noise means at this size */
		if (!isnan(rv.md) && isnan(*md) && is_within(rv.verdict))
			*md = rv.md;
	}
	strbuf_release(&sb);
	qres_release(&rv.q);
	return 0;
}

/*
 * Where local row r (of T_all) sits among the published scores: the
 * neighbours above and below with the query's verdict against each.
 * lead opens the sentence ("The best local run, ").
 */
static int p_position(sqlite3 *db, struct hdb_prose *p,
		      const struct qres *all, size_t r, const char *bench,
		      const struct refs *rf, const char *lead, int quant,
		      int top)
{
	struct strbuf sb = STRBUF_INIT;
	double v = row_rate(all, r), md = NAN;
	long long id = qi(all, r, C_ID);
	long above = -1, below = -1;
	size_t i;
	int ret = -1;

	for (i = 0; i < rf->n; i++) {
		if (rf->v[i].score > v)
			above = (long)i;	/* best first: the last is nearest */
		else if (below < 0)
			below = (long)i;
	}
	hdb_prose_add(p, 0, "%s", lead);
	p_label(p, qs(all, r, C_MODEL), quant ? qs(all, r, C_QUANT) : NULL,
		qs(all, r, C_VARIANT));
	hdb_prose_add(p, 0, " on ");
	hdb_prose_add(p, 1, "%s", qs(all, r, C_HOST) ? qs(all, r, C_HOST)
		      : "?");
	sb_pct(&sb, v);
	hdb_prose_add(p, 0, " at %s, ", strbuf_str(&sb));
	if (above >= 0 && below >= 0) {
		hdb_prose_add(p, 0, "sits between ");
		p_ref(p, &rf->v[above]);
		hdb_prose_add(p, 0, " and ");
		p_ref(p, &rf->v[below]);
	} else if (above >= 0) {
		hdb_prose_add(p, 0, "is below every published score, the "
			      "nearest ");
		p_ref(p, &rf->v[above]);
	} else {
		hdb_prose_add(p, 0, "is above every published score, the "
			      "nearest ");
		p_ref(p, &rf->v[below]);
	}
	hdb_prose_add(p, 0, ": ");
	if (above >= 0 && p_ref_verdict(db, p, bench, id, &rf->v[above], 1,
					&md))
		goto out;
	if (above >= 0 && below >= 0)
		hdb_prose_add(p, 0, "; ");
	if (below >= 0 && p_ref_verdict(db, p, bench, id, &rf->v[below], 1,
					&md))
		goto out;
	if (!isnan(md)) {
		long long n = qi(all, r, C_N_ITEMS);

		if (n != Q_UNSET)
			hdb_prose_add(p, 0, ". At %lld %s a gap under %.1f pp "
				      "cannot be told from noise", n,
				      item_noun(bench), 100 * md);
	}
	hdb_prose_add(p, 0, ".");
	/* the distance to the top, when the top is not a neighbour */
	if (top && above > 0) {
		hdb_prose_add(p, 0, " The top published score, ");
		p_ref(p, &rf->v[0]);
		hdb_prose_add(p, 0, ", ");
		if (p_ref_verdict(db, p, bench, id, &rf->v[0], 0, &md))
			goto out;
		hdb_prose_add(p, 0, ".");
	}
	ret = 0;
out:
	strbuf_release(&sb);
	return ret;
}

/* The frontier part of one benchmark: table, chart and prose.  Returns
 * 0 or -1. */
static int frontier_bench(sqlite3 *db, const struct q_report *x,
			  const struct qres *all, const char *bench,
			  const struct refs *rf, struct hdb_report_model *m,
			  struct hdb_section **sp, int heading)
{
	static const char *const cols[] = { "Model", "Pass rate", "Source" };
	const char *metric = frontier_metric(all, rf, bench);
	struct hdb_query_opts o;
	struct hdb_chart *charts = NULL;
	struct hdb_section *s;
	struct fline *fl;
	struct hdb_table *t;
	struct hdb_prose *p;
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = 0, n_charts = 0, n_local = 0;
	long best = -1;
	int ret = -1;

	fl = xmalloc((all->t.n_rows + rf->n + 1) * sizeof(*fl));
	for (i = 0; i < all->t.n_rows; i++) {
		if (q_cmp_str(qs(all, i, C_BENCH), bench) ||
		    (metric && q_cmp_str(qs(all, i, C_METRIC), metric)) ||
		    isnan(row_rate(all, i)) ||
		    !q_report_keeps(x, qs(all, i, C_MODEL)))
			continue;
		fl[n].v = row_rate(all, i);
		fl[n].is_ref = 0;
		fl[n++].i = i;
		if (best < 0 || row_rate(all, i) > row_rate(all, (size_t)best))
			best = (long)i;
		n_local++;
	}
	if (!n_local) {
		free(fl);
		return 0;
	}
	for (i = 0; i < rf->n; i++) {
		fl[n].v = rf->v[i].score;
		fl[n].is_ref = 1;
		fl[n++].i = i;
	}
	qsort(fl, n, sizeof(*fl), fline_cmp);

	if (!*sp)
		*sp = hdb_report_section(m, "frontier", "Local vs the frontier");
	s = *sp;
	if (heading) {
		p = &hdb_section_block(s, HDB_BLOCK_HEADING)->prose;
		p_bench(p, bench);
	}
	p = &hdb_section_block(s, HDB_BLOCK_PROSE)->prose;
	hdb_prose_add(p, 0, "Local runs of ");
	p_bench(p, bench);
	if (metric) {
		hdb_prose_add(p, 0, " (");
		hdb_prose_add(p, 1, "%s", metric);
		hdb_prose_add(p, 0, ")");
	}
	hdb_prose_add(p, 0, " beside the %zu published score%s the store "
		      "holds, best first; local rates with their 95%% Wilson "
		      "intervals.", rf->n, rf->n == 1 ? "" : "s");

	t = table_block(s, cols, 3);
	for (i = 0; i < n; i++) {
		struct hdb_cell *c = hdb_table_add_row(t);

		strbuf_reset(&sb);
		if (fl[i].is_ref) {
			const struct ref *r = &rf->v[fl[i].i];

			sb_label(&sb, r->model, NULL, r->variant);
			cell_text(&c[0], strbuf_str(&sb));
			strbuf_reset(&sb);
			sb_pct(&sb, r->score);
			cell_text(&c[1], strbuf_str(&sb));
			cell_text(&c[2], "published");
			continue;
		}
		sb_label(&sb, qs(all, fl[i].i, C_MODEL),
			 several_quants(all, fl, n, qs(all, fl[i].i, C_MODEL))
			 ? qs(all, fl[i].i, C_QUANT) : NULL,
			 qs(all, fl[i].i, C_VARIANT));
		cell_text(&c[0], strbuf_str(&sb));
		strbuf_reset(&sb);
		sb_rate_ci(&sb, row_rate(all, fl[i].i), qn(all, fl[i].i, C_LO),
			   qn(all, fl[i].i, C_HI));
		cell_text(&c[1], strbuf_str(&sb));
		strbuf_reset(&sb);
		strbuf_addf(&sb, "local, %s", qs(all, fl[i].i, C_HOST)
			    ? qs(all, fl[i].i, C_HOST) : "?");
		cell_text(&c[2], strbuf_str(&sb));
	}

	/* the pass chart of this benchmark and metric, moved into a block */
	hdb_query_opts_init(&o);
	o.benchmark = bench;
	if (x->o->n_models == 1)
		o.model = x->o->models[0];
	if (hdb_chart_pass(db, &o, &charts, &n_charts))
		goto out;
	for (i = 0; i < n_charts; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s: %s by model", bench, metric ? metric : "");
		if (n_charts == 1 || !strcmp(charts[i].title, strbuf_str(&sb)))
			break;
	}
	if (i < n_charts) {
		struct hdb_block *b = hdb_section_block(s, HDB_BLOCK_CHART);
		size_t j;

		b->chart = charts[i];
		memset(&charts[i], 0, sizeof(charts[i]));
		hdb_prose_add(&b->prose, 0, "Pass rates on ");
		p_bench(&b->prose, bench);
		hdb_prose_add(&b->prose, 0, " with 95%% Wilson intervals; "
			      "published scores as marks.");
		for (j = 0; j < n_charts; j++)
			hdb_chart_release(&charts[j]);
		free(charts);
		charts = NULL;
	}

	/* where the best local run sits, then the best run of each other
	 * variant (thinking on and off are different contests) */
	p = &hdb_section_block(s, HDB_BLOCK_PROSE)->prose;
	if (p_position(db, p, all, (size_t)best, bench, rf,
		       "The best local run, ", several_quants(all, fl, n,
			qs(all, (size_t)best, C_MODEL)), 1))
		goto out;
	for (i = 0; i < n; i++) {
		const char *vi;
		size_t j;

		if (fl[i].is_ref || fl[i].i == (size_t)best)
			continue;
		vi = qs(all, fl[i].i, C_VARIANT);
		if (!vi || !q_cmp_str(vi, qs(all, (size_t)best, C_VARIANT)))
			continue;
		for (j = 0; j < i; j++)	/* the first of a variant is its best */
			if (!fl[j].is_ref &&
			    !q_cmp_str(qs(all, fl[j].i, C_VARIANT), vi))
				break;
		if (j < i)
			continue;
		hdb_prose_add(p, 0, " Of the ");
		hdb_prose_add(p, 1, "%s", vi);
		hdb_prose_add(p, 0, " runs, the best, ");
		if (p_position(db, p, all, fl[i].i, bench, rf, "",
			       several_quants(all, fl, n,
					      qs(all, fl[i].i, C_MODEL)), 0))
			goto out;
	}
	ret = 0;
out:
	hdb_charts_free(charts, n_charts);
	strbuf_release(&sb);
	free(fl);
	return ret;
}

int q_section_frontier(sqlite3 *db, const struct q_report *x,
		       struct hdb_report_model *m)
{
	struct hdb_section *s = NULL;
	struct qres all;
	struct refs rf;
	char **benches = NULL;
	size_t i, j, n_benches = 0, n_with = 0;
	int ret = -1;

	memset(&rf, 0, sizeof(rf));
	if (load_all(db, &all))
		return -1;
	/* the benchmarks of the local rows, in the query's order */
	for (i = 0; i < all.t.n_rows; i++) {
		const char *b = qs(&all, i, C_BENCH);

		if (!b || (n_benches && !strcmp(benches[n_benches - 1], b)))
			continue;
		benches = xrealloc(benches, (n_benches + 1) * sizeof(*benches));
		benches[n_benches++] = xstrdup(b);
	}
	/* how many have published scores: a heading each when several */
	for (i = 0; i < n_benches; i++) {
		if (refs_load(db, benches[i], &rf))
			goto out;
		n_with += rf.n > 0;
		refs_release(&rf);
	}
	for (i = 0; i < n_benches; i++) {
		if (refs_load(db, benches[i], &rf))
			goto out;
		if (rf.n && frontier_bench(db, x, &all, benches[i], &rf, m, &s,
					   n_with > 1))
			goto out;
		refs_release(&rf);
	}
	ret = 0;
out:
	for (j = 0; j < n_benches; j++)
		free(benches[j]);
	free(benches);
	refs_release(&rf);
	qres_release(&all);
	return ret;
}

/* ---- grids: model by host (and benchmark) ---------------------------- */

/* A column of a grid: a host, and for the saturated table a benchmark
 * and the metric shown of it. */
struct gcol {
	const char *host, *bench, *metric;	/* borrowed from T_all */
};

/* A row of a grid: a model, quant and variant, and per column the row of
 * T_all shown (-1: none). */
struct grow {
	const char *model, *quant, *variant;	/* borrowed */
	long *cell;
	double best;				/* for ordering */
};

struct grid {
	struct gcol *cols;
	size_t n_cols;
	struct grow *rows;
	size_t n_rows;
};

static void grid_release(struct grid *g)
{
	size_t i;

	for (i = 0; i < g->n_rows; i++)
		free(g->rows[i].cell);
	free(g->rows);
	free(g->cols);
	memset(g, 0, sizeof(*g));
}

/* The grid's hosts in the report's order: the two compared first, then
 * the others by name. */
static void grid_hosts(const struct q_report *x, const char *const *seen,
		       size_t n_seen, const char **out, size_t *n_out)
{
	size_t i, j, n = 0;

	for (i = 0; i < x->n_pair; i++)
		for (j = 0; j < n_seen; j++)
			if (!strcmp(seen[j], x->pair[i])) {
				out[n++] = seen[j];
				break;
			}
	for (i = 0; i < x->n_hosts; i++) {
		if ((x->n_pair > 0 && !strcmp(x->hosts[i], x->pair[0])) ||
		    (x->n_pair > 1 && !strcmp(x->hosts[i], x->pair[1])))
			continue;
		for (j = 0; j < n_seen; j++)
			if (!strcmp(seen[j], x->hosts[i])) {
				out[n++] = seen[j];
				break;
			}
	}
	/* a host the list lacks (never, but keep every row shown) */
	for (j = 0; j < n_seen; j++) {
		for (i = 0; i < n; i++)
			if (out[i] == seen[j])
				break;
		if (i == n)
			out[n++] = seen[j];
	}
	*n_out = n;
}

static int grow_cmp(const void *pa, const void *pb)
{
	const struct grow *a = pa, *b = pb;
	int c;

	if (a->best != b->best && !(isnan(a->best) && isnan(b->best))) {
		if (isnan(a->best))
			return 1;
		if (isnan(b->best))
			return -1;
		return a->best < b->best ? 1 : -1;
	}
	if ((c = q_cmp_str(a->model, b->model)) ||
	    (c = q_cmp_str(a->quant, b->quant)))
		return c;
	return q_cmp_str(a->variant, b->variant);
}

/*
 * Fills g from the rows of T_all that pass keep (r) and fall in one of
 * g's columns (host, benchmark, metric; bench NULL: any): a row per
 * model, quant and variant; the first row of T_all of a cell is shown
 * (the query lists the best of a group first).  Rows are ordered by
 * their best rate, then name, when by_rate, else by name.
 */
static void grid_fill(struct grid *g, const struct qres *all,
		      int (*keep)(const struct qres *, size_t, const void *),
		      const void *ctx, int by_rate)
{
	size_t i, j, c;

	for (i = 0; i < all->t.n_rows; i++) {
		struct grow *gr;

		if (!keep(all, i, ctx))
			continue;
		for (c = 0; c < g->n_cols; c++)
			if (!q_cmp_str(qs(all, i, C_HOST), g->cols[c].host) &&
			    (!g->cols[c].bench ||
			     (!q_cmp_str(qs(all, i, C_BENCH), g->cols[c].bench)
			      && !q_cmp_str(qs(all, i, C_METRIC),
					    g->cols[c].metric))))
				break;
		if (c == g->n_cols)
			continue;
		for (j = 0; j < g->n_rows; j++)
			if (!q_cmp_str(g->rows[j].model, qs(all, i, C_MODEL)) &&
			    !q_cmp_str(g->rows[j].quant, qs(all, i, C_QUANT)) &&
			    !q_cmp_str(g->rows[j].variant,
				       qs(all, i, C_VARIANT)))
				break;
		if (j == g->n_rows) {
			g->rows = xrealloc(g->rows, (g->n_rows + 1) *
					   sizeof(*g->rows));
			gr = &g->rows[g->n_rows++];
			gr->model = qs(all, i, C_MODEL);
			gr->quant = qs(all, i, C_QUANT);
			gr->variant = qs(all, i, C_VARIANT);
			gr->cell = xmalloc(g->n_cols * sizeof(*gr->cell));
			for (c = 0; c < g->n_cols; c++)
				gr->cell[c] = -1;
			gr->best = NAN;
			/* the column again: the row was just made */
			for (c = 0; c < g->n_cols; c++)
				if (!q_cmp_str(qs(all, i, C_HOST),
					       g->cols[c].host) &&
				    (!g->cols[c].bench ||
				     (!q_cmp_str(qs(all, i, C_BENCH),
						 g->cols[c].bench) &&
				      !q_cmp_str(qs(all, i, C_METRIC),
						 g->cols[c].metric))))
					break;
		}
		gr = &g->rows[j];
		if (gr->cell[c] >= 0)
			continue;
		gr->cell[c] = (long)i;
		if (by_rate && !isnan(row_rate(all, i)) &&
		    (isnan(gr->best) || row_rate(all, i) > gr->best))
			gr->best = row_rate(all, i);
	}
	qsort(g->rows, g->n_rows, sizeof(*g->rows), grow_cmp);
}

/* Does a model show up with several quants among g's rows? */
static int grid_quants(const struct grid *g, const char *model)
{
	size_t i;
	const char *q = NULL;
	int seen = 0;

	for (i = 0; i < g->n_rows; i++) {
		if (q_cmp_str(g->rows[i].model, model))
			continue;
		if (seen && q_cmp_str(g->rows[i].quant, q))
			return 1;
		q = g->rows[i].quant;
		seen = 1;
	}
	return 0;
}

/* ---- saturated benchmarks -------------------------------------------- */

/* The metric a saturated benchmark is shown by: lm_eval's headline
 * metrics first (gsm8k's strict match, ifeval's prompt-level strict
 * accuracy, acc), else the metric of most rows, else the first name. */
static const char *sat_metric(const struct qres *all, const char *bench,
			      int (*keep)(const struct qres *, size_t,
					  const void *), const void *ctx)
{
	static const char *const prefer[] = {
		"exact_match,strict-match", "prompt_level_strict_acc",
		"acc,", "acc", "exact_match",
	};
	const char *best = NULL;
	size_t i, j, n, best_n = 0, k;

	for (k = 0; k < sizeof(prefer) / sizeof(prefer[0]); k++)
		for (i = 0; i < all->t.n_rows; i++) {
			const char *mi = qs(all, i, C_METRIC);

			if (keep(all, i, ctx) && mi &&
			    !q_cmp_str(qs(all, i, C_BENCH), bench) &&
			    !strncmp(mi, prefer[k], strlen(prefer[k])))
				return mi;
		}
	for (i = 0; i < all->t.n_rows; i++) {
		const char *mi = qs(all, i, C_METRIC);

		if (!keep(all, i, ctx) || q_cmp_str(qs(all, i, C_BENCH), bench))
			continue;
		for (n = 0, j = 0; j < all->t.n_rows; j++)
			if (keep(all, j, ctx) &&
			    !q_cmp_str(qs(all, j, C_BENCH), bench) &&
			    !q_cmp_str(qs(all, j, C_METRIC), mi))
				n++;
		if (n > best_n || (n == best_n && q_cmp_str(mi, best) < 0)) {
			best = mi;
			best_n = n;
		}
	}
	return best;
}

struct sat_ctx {
	const struct q_report *x;
	const struct qinfos *in;
};

/* A row of the saturated table: a saturated benchmark's own score (not
 * a subtask's) of a model the report keeps. */
static int sat_keep(const struct qres *all, size_t r, const void *vctx)
{
	const struct sat_ctx *k = vctx;
	const struct qinfo *in = qinfo_find(k->in, qi(all, r, C_ID));

	return bench_kind(k->in, qs(all, r, C_BENCH)) == B_SATURATED &&
	       (!in || !in->parent) && q_report_keeps(k->x, qs(all, r, C_MODEL));
}

/* A grid cell: the percent, "n/a" for a run not made, the status of one
 * that failed, "" for none. */
static void sb_grid_cell(struct strbuf *sb, const struct qres *all, long r,
			 const struct qinfos *in, int counts)
{
	double v;

	if (r < 0)
		return;
	v = row_rate(all, (size_t)r);
	if (isnan(v)) {
		strbuf_addstr(sb, missing_text(row_status(in,
					qi(all, (size_t)r, C_ID))));
		return;
	}
	if (counts && (v == 1 || v == 0))
		strbuf_addf(sb, "%.0f%%", 100 * v);
	else
		sb_pct(sb, v);
	if (counts && qi(all, (size_t)r, C_N_PASS) != Q_UNSET &&
	    qi(all, (size_t)r, C_N_ITEMS) != Q_UNSET)
		strbuf_addf(sb, " (%lld/%lld)", qi(all, (size_t)r, C_N_PASS),
			    qi(all, (size_t)r, C_N_ITEMS));
}

/* How the two hosts compare on a grid's benchmarks (and metrics, where
 * its columns name them): the verdicts of 'query quality --a --b' of the
 * rows keep passes.  Returns 0 or -1. */
static int grid_agreement(sqlite3 *db, const struct q_report *x,
			  const struct grid *g,
			  int (*keep)(const struct qres *, size_t,
				      const void *),
			  const void *k, struct hdb_prose *p)
{
	struct strbuf sb = STRBUF_INIT;
	struct qres ab;
	size_t i, c, n_cmp = 0, n_within = 0, n_beyond = 0;
	long big = -1;
	int ret = -1;

	if ((ret = pair_has_quality(db, x)) <= 0)
		return ret;
	ret = -1;
	if (load_pair(db, x, NULL, &ab))
		return -1;
	for (i = 0; i < ab.t.n_rows; i++) {
		const char *v = qs(&ab, i, C_VERDICT);

		for (c = 0; c < g->n_cols; c++)
			if (!g->cols[c].bench ||
			    (!q_cmp_str(qs(&ab, i, C_BENCH), g->cols[c].bench) &&
			     !q_cmp_str(qs(&ab, i, C_METRIC),
					g->cols[c].metric)))
				break;
		if (c == g->n_cols || !keep(&ab, i, k) ||
		    (!is_within(v) && !is_beyond(v)))
			continue;
		n_cmp++;
		n_within += is_within(v);
		if (is_beyond(v)) {
			hdb_prose_add(p, 0, n_beyond++ ? "; " : " Beyond noise: ");
			p_label(p, qs(&ab, i, C_MODEL), NULL,
				qs(&ab, i, C_VARIANT));
			hdb_prose_add(p, 0, " on ");
			p_bench(p, qs(&ab, i, C_BENCH));
			strbuf_reset(&sb);
			sb_pct(&sb, row_rate(&ab, i));
			strbuf_addstr(&sb, " vs ");
			sb_pct(&sb, qn(&ab, i, C_OTHER_RATE));
			strbuf_addstr(&sb, ", ");
			sb_p(&sb, qn(&ab, i, C_P));
			hdb_prose_add(p, 0, " (%s)", strbuf_str(&sb));
		} else if (big < 0 || fabs(qn(&ab, i, C_DIFF)) >
			   fabs(qn(&ab, (size_t)big, C_DIFF))) {
			big = (long)i;
		}
	}
	if (n_beyond)
		hdb_prose_add(p, 0, ".");
	if (n_cmp) {
		hdb_prose_add(p, 0, " Where both ");
		hdb_prose_add(p, 1, "%s", x->pair[0]);
		hdb_prose_add(p, 0, " and ");
		hdb_prose_add(p, 1, "%s", x->pair[1]);
		if (n_within == n_cmp && n_cmp == 1)
			hdb_prose_add(p, 0, " ran a model, the one pair agrees "
				      "within noise");
		else if (n_within == n_cmp)
			hdb_prose_add(p, 0, " ran a model, all %zu pairs agree "
				      "within noise", n_cmp);
		else
			hdb_prose_add(p, 0, " ran a model, %zu of %zu pairs "
				      "agree within noise", n_within, n_cmp);
		if (big >= 0 && fabs(qn(&ab, (size_t)big, C_DIFF)) > 0) {
			hdb_prose_add(p, 0, "; %s %.1f pp (", n_within == 1
				      ? "its gap is" : "the largest gap among "
				      "them is", 100 * fabs(qn(&ab, (size_t)big,
							      C_DIFF)));
			p_label(p, qs(&ab, (size_t)big, C_MODEL), NULL,
				qs(&ab, (size_t)big, C_VARIANT));
			hdb_prose_add(p, 0, " on ");
			p_bench(p, qs(&ab, (size_t)big, C_BENCH));
			strbuf_reset(&sb);
			sb_p(&sb, qn(&ab, (size_t)big, C_P));
			hdb_prose_add(p, 0, ", %s)", strbuf_str(&sb));
		}
		hdb_prose_add(p, 0, ".");
	}
	ret = 0;
	strbuf_release(&sb);
	qres_release(&ab);
	return ret;
}

int q_section_saturated(sqlite3 *db, const struct q_report *x,
			struct hdb_report_model *m)
{
	struct sat_ctx k;
	struct qres all;
	struct qinfos in;
	struct grid g;
	struct hdb_section *s;
	struct hdb_table *t;
	struct hdb_prose *p;
	struct strbuf sb = STRBUF_INIT;
	const char **benches = NULL, **metrics = NULL, **seen = NULL;
	const char **hosts = NULL;
	size_t i, j, c, n_benches = 0, n_seen = 0, n_hosts = 0;
	long top = -1;
	int ret = -1;

	memset(&g, 0, sizeof(g));
	memset(&all, 0, sizeof(all));
	if (qinfos_load(db, &in))
		return -1;
	if (load_all(db, &all))
		goto out;
	k.x = x;
	k.in = &in;
	benches = xmalloc((all.t.n_rows + 1) * sizeof(*benches));
	metrics = xmalloc((all.t.n_rows + 1) * sizeof(*metrics));
	seen = xmalloc((all.t.n_rows + 1) * sizeof(*seen));
	hosts = xmalloc((all.t.n_rows + 1) * sizeof(*hosts));
	for (i = 0; i < all.t.n_rows; i++) {
		const char *b = qs(&all, i, C_BENCH), *h = qs(&all, i, C_HOST);

		if (!sat_keep(&all, i, &k) || !b)
			continue;
		for (j = 0; j < n_benches && strcmp(benches[j], b); j++)
			;
		if (j == n_benches) {
			benches[n_benches] = b;
			metrics[n_benches++] = sat_metric(&all, b, sat_keep, &k);
		}
		for (j = 0; h && j < n_seen && strcmp(seen[j], h); j++)
			;
		if (h && j == n_seen)
			seen[n_seen++] = h;
	}
	if (!n_benches || !n_seen) {
		ret = 0;
		goto out;
	}
	grid_hosts(x, seen, n_seen, hosts, &n_hosts);
	g.n_cols = n_benches * n_hosts;
	g.cols = xmalloc(g.n_cols * sizeof(*g.cols));
	for (i = 0; i < n_benches; i++)
		for (j = 0; j < n_hosts; j++) {
			g.cols[i * n_hosts + j].host = hosts[j];
			g.cols[i * n_hosts + j].bench = benches[i];
			g.cols[i * n_hosts + j].metric = metrics[i];
		}
	grid_fill(&g, &all, sat_keep, &k, 0);
	if (!g.n_rows) {
		ret = 0;
		goto out;
	}

	s = hdb_report_section(m, "saturated", "Saturated benchmarks");
	p = &hdb_section_block(s, HDB_BLOCK_PROSE)->prose;
	hdb_prose_add(p, 0, "Benchmarks that tell strong models apart less "
		      "well than the ones above, as pass rates: ");
	for (i = 0; i < n_benches; i++) {
		hdb_prose_add(p, 0, i ? (i + 1 == n_benches ? " and " : ", ")
			      : "");
		p_bench(p, benches[i]);
		if (metrics[i]) {
			hdb_prose_add(p, 0, " (");
			hdb_prose_add(p, 1, "%s", metrics[i]);
			hdb_prose_add(p, 0, ")");
		}
	}
	hdb_prose_add(p, 0, ". n/a marks a run the store records as not "
		      "made; an empty cell, no row.");

	{
		const char **cols = xmalloc((g.n_cols + 1) * sizeof(*cols));
		char **names = xmalloc((g.n_cols + 1) * sizeof(*names));

		cols[0] = "Model";
		for (c = 0; c < g.n_cols; c++) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%s ", g.cols[c].host);
			sb_bench(&sb, g.cols[c].bench);
			names[c] = strbuf_detach(&sb);
			cols[c + 1] = names[c];
		}
		t = table_block(s, cols, g.n_cols + 1);
		for (c = 0; c < g.n_cols; c++)
			free(names[c]);
		free(names);
		free(cols);
	}
	for (i = 0; i < g.n_rows; i++) {
		struct hdb_cell *cl = hdb_table_add_row(t);
		const struct grow *gr = &g.rows[i];

		strbuf_reset(&sb);
		sb_label(&sb, gr->model, grid_quants(&g, gr->model)
			 ? gr->quant : NULL, gr->variant);
		cell_text(&cl[0], strbuf_str(&sb));
		for (c = 0; c < g.n_cols; c++) {
			long r = gr->cell[c];

			strbuf_reset(&sb);
			sb_grid_cell(&sb, &all, r, &in, 0);
			cell_text(&cl[c + 1], strbuf_str(&sb));
			if (r >= 0 && !isnan(row_rate(&all, (size_t)r)) &&
			    (top < 0 || row_rate(&all, (size_t)r) >
			     row_rate(&all, (size_t)top)))
				top = r;
		}
	}

	p = &hdb_section_block(s, HDB_BLOCK_PROSE)->prose;
	if (top >= 0) {
		hdb_prose_add(p, 0, "The top score is ");
		strbuf_reset(&sb);
		sb_pct(&sb, row_rate(&all, (size_t)top));
		hdb_prose_add(p, 0, "%s (", strbuf_str(&sb));
		p_label(p, qs(&all, (size_t)top, C_MODEL), NULL,
			qs(&all, (size_t)top, C_VARIANT));
		hdb_prose_add(p, 0, " on ");
		hdb_prose_add(p, 1, "%s", qs(&all, (size_t)top, C_HOST)
			      ? qs(&all, (size_t)top, C_HOST) : "?");
		hdb_prose_add(p, 0, ", ");
		p_bench(p, qs(&all, (size_t)top, C_BENCH));
		hdb_prose_add(p, 0, ").");
	}
	if (grid_agreement(db, x, &g, sat_keep, &k, p))
		goto out;
	ret = 0;
out:
	strbuf_release(&sb);
	grid_release(&g);
	free(benches);
	free(metrics);
	free(seen);
	free(hosts);
	qres_release(&all);
	qinfos_release(&in);
	return ret;
}

/* ---- needle in a haystack -------------------------------------------- */

static int niah_keep(const struct qres *all, size_t r, const void *vctx)
{
	const struct sat_ctx *k = vctx;

	return bench_kind(k->in, qs(all, r, C_BENCH)) == B_NIAH &&
	       q_report_keeps(k->x, qs(all, r, C_MODEL));
}

int q_section_niah(sqlite3 *db, const struct q_report *x,
		   struct hdb_report_model *m)
{
	struct sat_ctx k;
	struct qres all;
	struct qinfos in;
	struct grid g;
	struct hdb_section *s;
	struct hdb_table *t;
	struct hdb_prose *p;
	struct strbuf sb = STRBUF_INIT;
	const char **seen = NULL, **hosts = NULL, **cols = NULL;
	size_t i, c, j, n_seen = 0, n_hosts = 0, n_perfect = 0, n_short = 0;
	int ret = -1;

	memset(&g, 0, sizeof(g));
	memset(&all, 0, sizeof(all));
	if (qinfos_load(db, &in))
		return -1;
	if (load_all(db, &all))
		goto out;
	k.x = x;
	k.in = &in;
	seen = xmalloc((all.t.n_rows + 1) * sizeof(*seen));
	hosts = xmalloc((all.t.n_rows + 1) * sizeof(*hosts));
	for (i = 0; i < all.t.n_rows; i++) {
		const char *h = qs(&all, i, C_HOST);

		if (!niah_keep(&all, i, &k) || !h)
			continue;
		for (j = 0; j < n_seen && strcmp(seen[j], h); j++)
			;
		if (j == n_seen)
			seen[n_seen++] = h;
	}
	if (!n_seen) {
		ret = 0;
		goto out;
	}
	grid_hosts(x, seen, n_seen, hosts, &n_hosts);
	g.n_cols = n_hosts;
	g.cols = xcalloc(g.n_cols, sizeof(*g.cols));
	for (c = 0; c < n_hosts; c++)
		g.cols[c].host = hosts[c];
	grid_fill(&g, &all, niah_keep, &k, 1);

	s = hdb_report_section(m, "niah", "Needle in a haystack");
	p = &hdb_section_block(s, HDB_BLOCK_PROSE)->prose;
	hdb_prose_add(p, 0, "Retrieval at depth: the share of haystack cells "
		      "(context length by needle position) where the model "
		      "found the needle, per host.");
	cols = xmalloc((n_hosts + 1) * sizeof(*cols));
	cols[0] = "Model";
	for (c = 0; c < n_hosts; c++)
		cols[c + 1] = hosts[c];
	t = table_block(s, cols, n_hosts + 1);
	for (i = 0; i < g.n_rows; i++) {
		struct hdb_cell *cl = hdb_table_add_row(t);
		const struct grow *gr = &g.rows[i];
		int perfect = 1, any = 0;

		strbuf_reset(&sb);
		sb_label(&sb, gr->model, grid_quants(&g, gr->model)
			 ? gr->quant : NULL, gr->variant);
		cell_text(&cl[0], strbuf_str(&sb));
		for (c = 0; c < g.n_cols; c++) {
			long r = gr->cell[c];

			strbuf_reset(&sb);
			sb_grid_cell(&sb, &all, r, &in, 1);
			cell_text(&cl[c + 1], strbuf_str(&sb));
			if (r < 0)
				continue;
			any = 1;
			if (row_rate(&all, (size_t)r) != 1)
				perfect = 0;
		}
		if (any && perfect)
			n_perfect++;
	}

	/* who found every needle, and who did not */
	p = &hdb_section_block(s, HDB_BLOCK_PROSE)->prose;
	if (n_perfect == g.n_rows)
		hdb_prose_add(p, 0, "Every model found every needle on every "
			      "host it ran on (%zu model%s).", g.n_rows,
			      g.n_rows == 1 ? "" : "s");
	else if (n_perfect)
		hdb_prose_add(p, 0, "%zu of %zu models found every needle on "
			      "every host they ran on.", n_perfect, g.n_rows);
	else
		hdb_prose_add(p, 0, "No model found every needle.");
	for (i = 0; i < g.n_rows; i++)
		for (c = 0; c < g.n_cols; c++) {
			long r = g.rows[i].cell[c];

			if (r < 0 || row_rate(&all, (size_t)r) == 1)
				continue;
			hdb_prose_add(p, 0, n_short++ ? "; " : " Short of "
				      "that: ");
			p_label(p, g.rows[i].model, grid_quants(&g,
				g.rows[i].model) ? g.rows[i].quant : NULL,
				g.rows[i].variant);
			hdb_prose_add(p, 0, " on ");
			hdb_prose_add(p, 1, "%s", g.cols[c].host);
			strbuf_reset(&sb);
			sb_grid_cell(&sb, &all, r, &in, 1);
			hdb_prose_add(p, 0, ", %s", strbuf_str(&sb));
		}
	if (n_short)
		hdb_prose_add(p, 0, ".");
	if (grid_agreement(db, x, &g, niah_keep, &k, p))
		goto out;
	ret = 0;
out:
	strbuf_release(&sb);
	grid_release(&g);
	free(seen);
	free(hosts);
	free(cols);
	qres_release(&all);
	qinfos_release(&in);
	return ret;
}
