/*
 * section_speed.c: the report's throughput sections, as seed 000 has
 * them: default throughput (pp512 and tg128 at depth 0 per model, the two
 * hosts side by side, their ratio and which is faster), and long context
 * (per model: tokens/s at each depth, the ratio, the chart, where the
 * faster host changes and how much each host slows down).  Every number
 * comes from query speed, depth, ratio, crossover and degradation.
 */
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A cell copied from one table to another (text, number or nothing). */
static void copy_cell(struct hdb_cell *to, const struct hdb_cell *from)
{
	if (!from || from->type == HDB_CELL_NULL)
		return;
	if (from->type == HDB_CELL_TEXT)
		hdb_cell_set_text(to, from->s);
	else if (from->type == HDB_CELL_REAL)
		hdb_cell_set_real(to, from->r);
	else if (from->type == HDB_CELL_INT)
		hdb_cell_set_int(to, from->i);
}

/* "a30 tg128" */
static char *host_col(const char *host, const char *test)
{
	return xasprintf("%s %s", host, test);
}

/* Which host a ratio favours by its point estimate, and by how much:
 * "a30" or "strix-halo (4.6x)" as the seed marks the row. */
static void mark_faster(struct hdb_cell *c, const struct q_report *x,
			double ratio)
{
	char *s;

	if (!isfinite(ratio) || ratio <= 0)
		return;
	if (ratio >= 1)
		s = xasprintf("%s", x->pair[0]);
	else
		s = xasprintf("%s (%.1fx)", x->pair[1], 1 / ratio);
	hdb_cell_set_text(c, s);
	free(s);
}

enum { T_MODEL, T_QUANT, T_APP, T_BPP, T_ATG, T_BTG, T_RATIO, T_FASTER,
       T_VERDICT, T_VARIANT, N_T };

/* Does a row of [from, to) that the report keeps show a run of a
 * variant (query speed and depth name them in 'variants')? */
static int any_variant(const struct q_report *x, const struct hdb_table *q,
		       size_t from, size_t to)
{
	size_t r;

	for (r = from; r < to; r++)
		if (q_cell_text(q, r, "variants") &&
		    q_report_keeps(x, q_cell_text(q, r, "model")))
			return 1;
	return 0;
}

/* The compact table of the rows [from, to) of query speed or depth (one
 * row per source row); depth_col is 1 for the depth table of one model,
 * whose heading says the model and quant, so that it has a depth column
 * and no quant.  A last column names the variants of the runs shown,
 * where some are of one. */
static void compact(const struct q_report *x, const struct hdb_table *q,
		    size_t from, size_t to, int depth_col, struct hdb_table *t,
		    size_t *n_faster_b, size_t *n_decided, size_t *n_rows)
{
	char *ratio_name = xasprintf("%s/%s tg128", x->pair[0], x->pair[1]);
	char *cols[4] = {
		host_col(x->pair[0], "pp512"), host_col(x->pair[1], "pp512"),
		host_col(x->pair[0], "tg128"), host_col(x->pair[1], "tg128"),
	};
	struct q_col spec[N_T] = {
		{ depth_col ? "Depth" : "Model", depth_col ? "tokens" : NULL, 0 },
		{ "Quant", NULL, 0 },
		{ cols[0], "t/s", 0 }, { cols[1], "t/s", 0 },
		{ cols[2], "t/s", 1 }, { cols[3], "t/s", 1 },
		{ ratio_name, NULL, 2 }, { "Faster", NULL, 0 },
		{ "Verdict", NULL, 0 }, { "Variant", NULL, 0 },
	};
	/* the table's column of each T_ index (no quant, no variant: one
	 * fewer each) */
	size_t at[N_T], r, i, k = 0;
	int variants = any_variant(x, q, from, to);

	for (i = 0; i < N_T; i++) {
		at[i] = k;
		if ((i == T_QUANT && depth_col) || (i == T_VARIANT && !variants))
			continue;
		spec[k++] = spec[i];
	}
	q_table_cols(t, spec, k);
	for (r = from; r < to; r++) {
		struct hdb_cell *row;
		const char *model = q_cell_text(q, r, "model");
		const char *verdict = q_cell_text(q, r, "verdict tg128");
		double ratio = q_cell_num(q, r, "ratio tg128");

		if (!q_report_keeps(x, model))
			continue;
		row = hdb_table_add_row(t);
		if (depth_col) {
			copy_cell(&row[at[T_MODEL]], q_cell_at(q, r, "depth"));
		} else {
			hdb_cell_set_text(&row[at[T_MODEL]], model);
			copy_cell(&row[at[T_QUANT]], q_cell_at(q, r, "quant"));
		}
		for (i = 0; i < 4; i++)
			copy_cell(&row[at[T_APP + i]], q_cell_at(q, r, cols[i]));
		copy_cell(&row[at[T_RATIO]], q_cell_at(q, r, "ratio tg128"));
		mark_faster(&row[at[T_FASTER]], x, ratio);
		copy_cell(&row[at[T_VERDICT]], q_cell_at(q, r,
							"verdict tg128"));
		if (variants)
			copy_cell(&row[at[T_VARIANT]], q_cell_at(q, r,
								"variants"));
		(*n_rows)++;
		if (isfinite(ratio) && ratio < 1)
			(*n_faster_b)++;
		if (verdict && strstr(verdict, " faster"))
			(*n_decided)++;
	}
	for (i = 0; i < 4; i++)
		free(cols[i]);
	free(ratio_name);
}

/* What the verdicts allow one to say, as a sentence. */
static void verdict_sentence(struct hdb_prose *p, size_t decided,
			     size_t rows)
{
	if (!rows)
		return;
	if (!decided)
		hdb_prose_add(p, 0, " None of these differences is beyond noise "
			      "by `halodb query ratio` (the rows carry no "
			      "spread or repetition count, so every verdict is "
			      "*too few repetitions*): the marks above follow "
			      "the point estimates.");
	else if (decided < rows)
		hdb_prose_add(p, 0, " %zu of the %zu comparisons are beyond "
			      "noise; the verdict column says which.", decided,
			      rows);
	else
		hdb_prose_add(p, 0, " Every comparison is beyond noise.");
}

/* The rows of a query table the report keeps (--model), as they are:
 * with fewer than two hosts there is no ratio to add. */
static void kept_rows(const struct q_report *x, const struct hdb_table *q,
		      struct hdb_table *t)
{
	size_t r, i;

	hdb_table_init(t, q->n_cols);
	for (i = 0; i < q->n_cols; i++) {
		hdb_table_set_col(t, i, q->cols[i], q->units[i]);
		hdb_table_set_digits(t, i, q->digits[i]);
	}
	for (r = 0; r < q->n_rows; r++) {
		struct hdb_cell *row;

		if (!q_report_keeps(x, q_cell_text(q, r, "model")))
			continue;
		row = hdb_table_add_row(t);
		for (i = 0; i < q->n_cols; i++)
			copy_cell(&row[i], hdb_table_cell(q, r, i));
	}
}

/* One host (or none to compare): its default throughput, no ratio. */
static int throughput_alone(sqlite3 *db, const struct q_report *x,
			    struct hdb_report_model *m)
{
	struct hdb_query_opts o;
	struct hdb_table q;
	struct hdb_section *s;
	struct hdb_block *b;

	hdb_query_opts_init(&o);
	if (hdb_query_speed(db, &o, &q))
		return -1;
	if (q.n_rows) {
		s = hdb_report_section(m, "throughput", "Default throughput");
		b = hdb_section_block(s, HDB_BLOCK_PROSE);
		hdb_prose_add(&b->prose, 0, "llama-bench's default tests, "
			      "`pp512` (prompt processing) and `tg128` (token "
			      "generation), on an empty context, in tokens per "
			      "second (higher is better).");
		b = hdb_section_block(s, HDB_BLOCK_TABLE);
		kept_rows(x, &q, &b->table);
	}
	hdb_table_release(&q);
	return 0;
}

int q_section_throughput(sqlite3 *db, const struct q_report *x,
			 struct hdb_report_model *m)
{
	struct hdb_query_opts o;
	struct hdb_table q, *t;
	struct hdb_chart *charts = NULL;
	struct hdb_section *s;
	struct hdb_block *b;
	size_t n = 0, n_b = 0, decided = 0, rows = 0, i;

	if (!x->pair_throughput)
		return throughput_alone(db, x, m);
	hdb_query_opts_init(&o);
	o.hosts = x->pair_text;
	if (hdb_query_speed(db, &o, &q))
		return -1;
	if (!q.n_rows) {
		hdb_table_release(&q);
		return 0;
	}
	s = hdb_report_section(m, "throughput", "Default throughput");
	b = hdb_section_block(s, HDB_BLOCK_PROSE);
	hdb_prose_add(&b->prose, 0, "llama-bench's default tests, `pp512` "
		      "(prompt processing) and `tg128` (token generation), on "
		      "an empty context, in tokens per second (higher is "
		      "better). The ratio is ");
	hdb_prose_add(&b->prose, 1, "%s", x->pair[0]);
	hdb_prose_add(&b->prose, 0, " over ");
	hdb_prose_add(&b->prose, 1, "%s", x->pair[1]);
	hdb_prose_add(&b->prose, 0, " for `tg128`: above 1 the first is "
		      "faster.");
	b = hdb_section_block(s, HDB_BLOCK_TABLE);
	t = &b->table;
	compact(x, &q, 0, q.n_rows, 0, t, &n_b, &decided, &rows);
	hdb_table_release(&q);
	b = hdb_section_block(s, HDB_BLOCK_PROSE);
	hdb_prose_add(&b->prose, 1, "%s", x->pair[0]);
	hdb_prose_add(&b->prose, 0, " generates faster for %zu of %zu models "
		      "at depth 0, ", rows - n_b, rows);
	hdb_prose_add(&b->prose, 1, "%s", x->pair[1]);
	hdb_prose_add(&b->prose, 0, " for %zu.", n_b);
	verdict_sentence(&b->prose, decided, rows);

	/* the ratio per model as bars around 1 */
	o.num = x->pair[0];
	o.den = x->pair[1];
	o.hosts = NULL;
	o.test = "tg128";
	if (hdb_chart_ratio(db, &o, 0, &charts, &n))
		return -1;
	for (i = 0; i < n; i++) {
		b = hdb_section_block(s, HDB_BLOCK_CHART);
		b->chart = charts[i];
		hdb_prose_add(&b->prose, 1, "%s", charts[i].title);
	}
	free(charts);
	return 0;
}

/* The rows of query depth for one model and quant: [*first, *end). */
static void model_rows(const struct hdb_table *q, size_t start,
		       size_t *end)
{
	const char *model = q_cell_text(q, start, "model");
	const char *quant = q_cell_text(q, start, "quant");
	size_t r = start + 1;

	while (r < q->n_rows &&
	       !q_cmp_str(q_cell_text(q, r, "model"), model) &&
	       !q_cmp_str(q_cell_text(q, r, "quant"), quant))
		r++;
	*end = r;
}

/* "8K" for 8192 and "65K" for 65536, as the seed (and the charts'
 * depth axis) label depths: thousands, rounded down. */
static void add_depth(struct hdb_prose *p, double d)
{
	if (d >= 1000)
		hdb_prose_add(p, 0, "%.0fK", floor(d / 1000));
	else
		hdb_prose_add(p, 0, "%.0f", d);
}

/* The crossover of one model's tg128 (its rows in c, the crossover of
 * every model), as a sentence. */
static void crossover_sentence(const struct q_report *x,
			       const struct hdb_table *c, const char *model,
			       const char *quant, struct hdb_prose *p)
{
	size_t r;

	for (r = 0; r < c->n_rows; r++) {
		double from = q_cell_num(c, r, "from_depth");
		double to = q_cell_num(c, r, "to_depth");
		double est = q_cell_num(c, r, "estimate");
		double r_from = q_cell_num(c, r, "ratio_from");
		const char *vf = q_cell_text(c, r, "verdict_from");
		const char *vt = q_cell_text(c, r, "verdict_to");
		int a_first = r_from > 1;

		if (q_cmp_str(q_cell_text(c, r, "model"), model) ||
		    q_cmp_str(q_cell_text(c, r, "quant"), quant) ||
		    !isfinite(from))
			continue;
		hdb_prose_add(p, 0, " The faster host changes between ");
		add_depth(p, from);
		hdb_prose_add(p, 0, " and ");
		add_depth(p, to);
		if (isfinite(est)) {
			hdb_prose_add(p, 0, ", near ");
			add_depth(p, est);
		}
		hdb_prose_add(p, 0, " (interpolated in log ratio over log2 "
			      "depth): ");
		hdb_prose_add(p, 1, "%s", x->pair[a_first ? 0 : 1]);
		hdb_prose_add(p, 0, " is faster below, ");
		hdb_prose_add(p, 1, "%s", x->pair[a_first ? 1 : 0]);
		hdb_prose_add(p, 0, " above.");
		if (vf && vt && strstr(vf, "faster") && strstr(vt, "faster")) {
			hdb_prose_add(p, 0, " At both depths the difference is "
				      "beyond noise.");
			continue;
		}
		hdb_prose_add(p, 0, " halodb cannot say that the difference is "
			      "beyond noise at both depths (%s at ",
			      vf ? vf : "no verdict");
		add_depth(p, from);
		hdb_prose_add(p, 0, ", %s at ", vt ? vt : "no verdict");
		add_depth(p, to);
		hdb_prose_add(p, 0, ").");
	}
}

/*
 * What the long-context section says of a host's degradation: for each
 * model and quant, the last row of the table with a change (the deepest
 * depth of its first configuration).  Kept instead of the table, which
 * at 1M rows holds tens of thousands of rows per host (50 MiB).
 */
struct degr_last {
	char *model, *quant, *variant;
	double change, depth, ts_0, ts;
};

struct degr_summary {
	struct degr_last *v;
	size_t n;
};

/* Adds the rows of a window of a host's degradation to sm (a sink of
 * hdb_query_degradation_sink: the table is never whole). */
static int degr_summarize(void *ctx, const struct hdb_table *d)
{
	struct degr_summary *sm = ctx;
	size_t r, i, hint = 0;

	for (r = 0; r < d->n_rows; r++) {
		const char *model = q_cell_text(d, r, "model");
		const char *quant = q_cell_text(d, r, "quant");
		const char *variant = q_cell_text(d, r, "variant");
		struct degr_last *e = NULL;

		if (!isfinite(q_cell_num(d, r, "change")))
			continue;
		/* a model's rows come together: the last key first */
		for (i = 0; i < sm->n && !e; i++) {
			struct degr_last *c = &sm->v[(hint + i) % sm->n];

			if (!q_cmp_str(c->model, model) &&
			    !q_cmp_str(c->quant, quant))
				e = c;
		}
		if (!e) {
			sm->v = xrealloc(sm->v, (sm->n + 1) * sizeof(*sm->v));
			e = &sm->v[sm->n++];
			e->model = model ? xstrdup(model) : NULL;
			e->quant = quant ? xstrdup(quant) : NULL;
			e->variant = NULL;
		}
		hint = (size_t)(e - sm->v);
		free(e->variant);
		e->variant = variant ? xstrdup(variant) : NULL;
		e->change = q_cell_num(d, r, "change");
		e->depth = q_cell_num(d, r, "depth");
		e->ts_0 = q_cell_num(d, r, "ts_0");
		e->ts = q_cell_num(d, r, "ts");
	}
	return 0;
}

static void degr_summary_release(struct degr_summary *sm)
{
	size_t i;

	for (i = 0; i < sm->n; i++) {
		free(sm->v[i].model);
		free(sm->v[i].quant);
		free(sm->v[i].variant);
	}
	free(sm->v);
	memset(sm, 0, sizeof(*sm));
}

/* How each host's tg128 changes from depth 0 to the deepest depth (d:
 * the degradation of every model, per host of the pair). */
static void degradation_sentence(const struct q_report *x,
				 const struct degr_summary *d,
				 const char *model, const char *quant,
				 struct hdb_prose *p)
{
	size_t h, i;

	for (h = 0; h < 2; h++) {
		const struct degr_last *e = NULL;

		for (i = 0; i < d[h].n && !e; i++)
			if (!q_cmp_str(d[h].v[i].model, model) &&
			    !q_cmp_str(d[h].v[i].quant, quant))
				e = &d[h].v[i];
		if (!e)
			continue;
		hdb_prose_add(p, 0, " ");
		hdb_prose_add(p, 1, "%s", x->pair[h]);
		if (e->variant)
			hdb_prose_add(p, 1, " (%s)", e->variant);
		hdb_prose_add(p, 0, " tg128 %s %.0f%% from depth 0 to ",
			      e->change < 0 ? "drops" : "rises",
			      fabs(e->change));
		add_depth(p, e->depth);
		hdb_prose_add(p, 0, " (%.1f to %.1f t/s).", e->ts_0, e->ts);
	}
}

/* The chart of a model and quant among charts (by title, which
 * hdb_chart_depth writes "MODEL QUANT: TEST against depth"), or NULL. */
static struct hdb_chart *chart_of(struct hdb_chart *charts, size_t n,
				  const char *model, const char *quant)
{
	char *title = xasprintf("%s%s%s: tg128 against depth", model,
				quant ? " " : "", quant ? quant : "");
	size_t i;

	for (i = 0; i < n; i++)
		if (charts[i].title && !strcmp(charts[i].title, title)) {
			free(title);
			return &charts[i];
		}
	free(title);
	return NULL;
}

int q_section_long_context(sqlite3 *db, const struct q_report *x,
			   struct hdb_report_model *m)
{
	struct hdb_query_opts o;
	struct hdb_table q, c, t;
	struct degr_summary d[2];
	struct hdb_section *s = NULL;
	struct hdb_chart *charts = NULL, *chart;
	struct hdb_block *b;
	size_t start, end, r, n_b, decided, rows, n = 0, h;
	int ret = -1;

	if (!x->pair_throughput)
		return 0;
	memset(&c, 0, sizeof(c));
	memset(d, 0, sizeof(d));
	/* each query once for every model (a query per model would read
	 * the hosts' rows again for each) */
	hdb_query_opts_init(&o);
	o.hosts = x->pair_text;
	if (hdb_query_depth(db, &o, &q))
		return -1;
	/* the pair's tg128 rows, read once for the crossover, the
	 * degradation and the charts (which ask for the crossover again) */
	q_points_cache_begin();
	hdb_query_opts_init(&o);
	o.a = x->pair[0];
	o.b = x->pair[1];
	o.test = "tg128";
	if (hdb_query_crossover(db, &o, &c))
		goto out;
	for (h = 0; h < 2; h++) {
		struct hdb_sink sink = { degr_summarize, &d[h] };

		hdb_query_opts_init(&o);
		o.host = x->pair[h];
		o.test = "tg128";
		if (hdb_query_degradation_sink(db, &o, &t, &sink))
			goto out;
		hdb_table_release(&t);
	}
	hdb_query_opts_init(&o);
	o.hosts = x->pair_text;
	o.test = "tg128";
	if (hdb_chart_depth(db, &o, &charts, &n))
		goto out;
	for (start = 0; start < q.n_rows; start = end) {
		const char *model = q_cell_text(&q, start, "model");
		const char *quant = q_cell_text(&q, start, "quant");
		int deep = 0;

		model_rows(&q, start, &end);
		for (r = start; r < end; r++)
			if (q_cell_num(&q, r, "depth") > 0)
				deep = 1;
		if (!deep || !q_report_keeps(x, model))
			continue;
		if (!s) {
			s = hdb_report_section(m, "long-context",
					       "Long context");
			b = hdb_section_block(s, HDB_BLOCK_PROSE);
			hdb_prose_add(&b->prose, 0, "The same tests with the "
				      "context already holding a number of "
				      "tokens (llama-bench `-d`), per model, "
				      "with the verdicts of `halodb query "
				      "ratio` as above.");
		}
		b = hdb_section_block(s, HDB_BLOCK_HEADING);
		hdb_prose_add(&b->prose, 1, "%s", model ? model : "?");
		if (quant) {
			hdb_prose_add(&b->prose, 0, " ");
			hdb_prose_add(&b->prose, 1, "%s", quant);
		}
		/* the rows of this model, through the same compact table */
		b = hdb_section_block(s, HDB_BLOCK_TABLE);
		n_b = decided = rows = 0;
		compact(x, &q, start, end, 1, &b->table, &n_b, &decided,
			&rows);
		b = hdb_section_block(s, HDB_BLOCK_PROSE);
		crossover_sentence(x, &c, model, quant, &b->prose);
		degradation_sentence(x, d, model, quant, &b->prose);
		if (decided)
			verdict_sentence(&b->prose, decided, rows);
		chart = model ? chart_of(charts, n, model, quant) : NULL;
		if (chart) {
			b = hdb_section_block(s, HDB_BLOCK_CHART);
			b->chart = *chart;
			memset(chart, 0, sizeof(*chart));	/* moved */
			hdb_prose_add(&b->prose, 1, "%s", b->chart.title);
		}
	}
	ret = 0;
out:
	q_points_cache_end();
	hdb_charts_free(charts, n);
	hdb_table_release(&q);
	hdb_table_release(&c);
	degr_summary_release(&d[0]);
	degr_summary_release(&d[1]);
	return ret;
}
