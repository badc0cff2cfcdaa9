/*
 * charts.c: the chart specs of the report and of `halodb chart`, built
 * from the named queries: tokens/s against depth per model (hdb_chart_depth,
 * with the crossover of 'query crossover'), the ratio of two sides per
 * model (hdb_chart_ratio, from 'query ratio'), and pass rates beside the
 * published references (hdb_chart_pass, from 'query quality').  What a
 * chart shows is decided here (data, series, labels, units, alt text);
 * render/ only lays it out and paints it.  Reads the throughput,
 * throughput_sample, quality and reference_score views through those
 * queries, and the host table for the colours (see palette_load).
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const default_tests[] = { "pp512", "tg128" };
#define N_DEFAULT_TESTS 2

/* --- The charts returned --- */

struct chart_list {
	struct hdb_chart *v;
	size_t n, cap;
};

static struct hdb_chart *list_add(struct chart_list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 4;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
	return &l->v[l->n++];
}

void hdb_charts_free(struct hdb_chart *charts, size_t n)
{
	size_t i;

	if (!charts)
		return;
	for (i = 0; i < n; i++)
		hdb_chart_release(&charts[i]);
	free(charts);
}

static void list_release(struct chart_list *l)
{
	hdb_charts_free(l->v, l->n);
	memset(l, 0, sizeof(*l));
}

/* --- Names: ids, numbers and depths as the charts say them --- */

/* Appends "-" and s reduced to [a-z0-9-] (runs of anything else are one
 * '-'); nothing for a part that keeps no letter or digit. */
static void id_add(struct strbuf *id, const char *s)
{
	int dash = 1;

	for (; s && *s; s++) {
		int c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (c >= 'A' && c <= 'Z')) {
			if (dash && id->len)
				strbuf_addch(id, '-');
			strbuf_addch(id, c >= 'A' && c <= 'Z' ? c - 'A' + 'a'
				     : c);
			dash = 0;
		} else {
			dash = 1;
		}
	}
}

/* id, or id-2, id-3, ... when an earlier chart of l has it. */
static char *unique_id(const struct chart_list *l, const char *id)
{
	char *try = xstrdup(id);
	size_t i;
	int k = 1;

again:
	for (i = 0; i < l->n; i++)
		if (l->v[i].id && !strcmp(l->v[i].id, try)) {
			free(try);
			try = xasprintf("%s-%d", id, ++k);
			goto again;
		}
	return try;
}

/* Starts a chart in l with a unique id made of prefix and parts. */
static struct hdb_chart *chart_new(struct chart_list *l,
				   enum hdb_chart_kind kind,
				   const char *const *parts, size_t n_parts,
				   const char *title, const char *x_label,
				   const char *y_label)
{
	struct strbuf id = STRBUF_INIT;
	struct hdb_chart *c;
	char *uid;
	size_t i;

	for (i = 0; i < n_parts; i++)
		id_add(&id, parts[i]);
	uid = unique_id(l, strbuf_str(&id));
	c = list_add(l);
	hdb_chart_init(c, kind, uid, title, x_label, y_label);
	free(uid);
	strbuf_release(&id);
	return c;
}

/* A value in words: three significant digits or so, never an exponent. */
static void say_num(struct strbuf *sb, double v)
{
	double a = fabs(v);

	if (isnan(v))
		strbuf_addstr(sb, "?");
	else if (a >= 100)
		strbuf_addf(sb, "%.0f", v);
	else if (a >= 10)
		strbuf_addf(sb, "%.1f", v);
	else
		strbuf_addf(sb, "%.2f", v);
}

/* A depth as the axis labels it: 0, 512, 8K, 32K, 65K (thousands,
 * truncated, as the seed writes 65536). */
static void say_depth(struct strbuf *sb, double d)
{
	if (d >= 1000)
		strbuf_addf(sb, "%lldK", (long long)(d / 1000));
	else
		strbuf_addf(sb, "%.0f", d);
}

/*
 * Appends text with the side names the queries use ("a", "b"; "num",
 * "den") replaced by what they stand for, where they are whole words:
 * "a faster at 0, 8192" becomes "a30 faster at 0, 8192".
 */
static void say_sides(struct strbuf *sb, const char *text, const char *t1,
		      const char *n1, const char *t2, const char *n2)
{
	size_t l1 = strlen(t1), l2 = strlen(t2);
	const char *s = text;

	while (*s) {
		int start = s == text || strchr(" ,;(", s[-1]);
		size_t l = !start ? 0 : !strncmp(s, t1, l1) ? l1
			   : !strncmp(s, t2, l2) ? l2 : 0;

		if (l && (!s[l] || strchr(" ,;)", s[l]))) {
			strbuf_addstr(sb, l == l1 && !strncmp(s, t1, l1) ? n1
				      : n2);
			s += l;
			continue;
		}
		strbuf_addch(sb, *s++);
	}
}

/* The mark of a run's status: OK for 'ok' (or none), FAILED for a
 * status this list does not know. */
static enum hdb_chart_mark mark_of(const char *status)
{
	static const struct {
		const char *name;
		enum hdb_chart_mark mark;
	} marks[] = {
		{ "ok", HDB_MARK_OK }, { "wedged", HDB_MARK_WEDGED },
		{ "crashed", HDB_MARK_CRASHED }, { "oom", HDB_MARK_OOM },
		{ "failed", HDB_MARK_FAILED }, { "not_run", HDB_MARK_NOT_RUN },
	};
	size_t i;

	if (!status)
		return HDB_MARK_OK;
	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (!strcmp(status, marks[i].name))
			return marks[i].mark;
	return HDB_MARK_FAILED;
}

static const char *mark_name(enum hdb_chart_mark m)
{
	switch (m) {
	case HDB_MARK_OK: return "ok";
	case HDB_MARK_WEDGED: return "wedged";
	case HDB_MARK_CRASHED: return "crashed";
	case HDB_MARK_OOM: return "oom";
	case HDB_MARK_FAILED: return "failed";
	case HDB_MARK_NOT_RUN: return "not run";
	}
	return "?";
}

/*
 * The mark a verdict of 'query ratio' names ("num crashed", "num oom,
 * den wedged": the first said), OK when it names none.
 */
static enum hdb_chart_mark mark_of_verdict(const char *verdict)
{
	static const char *const words[] = {
		"wedged", "crashed", "oom", "failed", "not_run",
	};
	const char *first = NULL, *at;
	size_t i, w = 0;

	for (i = 0; verdict && i < sizeof(words) / sizeof(words[0]); i++)
		if ((at = strstr(verdict, words[i])) && (!first || at < first)) {
			first = at;
			w = i;
		}
	return first ? mark_of(words[w]) : HDB_MARK_OK;
}

/* --- Colours: a host's index is the same in every chart --- */

struct palette {
	char **hosts, **refs;
	size_t n_hosts, n_refs;
};

static int read_names(sqlite3 *db, const char *sql, char ***v, size_t *n)
{
	sqlite3_stmt *s;
	int rc;

	if (q_prepare(db, sql, &s, "choose the chart colours"))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*v = xrealloc(*v, (*n + 1) * sizeof(**v));
		(*v)[(*n)++] = xstrdup(q_text(s, 0));
	}
	sqlite3_finalize(s);
	return q_done(db, rc, "choose the chart colours");
}

static void names_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void palette_release(struct palette *p)
{
	names_free(p->hosts, p->n_hosts);
	names_free(p->refs, p->n_refs);
	memset(p, 0, sizeof(*p));
}

/*
 * Every host of the store by name, then every reference model by its
 * name (alias, else label).
 * The host table, not a view: no public view lists every host (one with
 * only server timings, or only quality rows, still keeps its colour), and
 * the colours must not move when a chart's filters leave a host out.
 */
static int palette_load(sqlite3 *db, struct palette *p)
{
	memset(p, 0, sizeof(*p));
	if (read_names(db, "SELECT name FROM host ORDER BY name", &p->hosts,
		       &p->n_hosts) ||
	    read_names(db, "SELECT DISTINCT name FROM reference_score"
		       " WHERE name IS NOT NULL ORDER BY name", &p->refs,
		       &p->n_refs)) {
		palette_release(p);
		return -1;
	}
	return 0;
}

static long find_name(char **v, size_t n, const char *name)
{
	size_t i;

	for (i = 0; name && i < n; i++)
		if (!strcmp(v[i], name))
			return (long)i;
	return -1;
}

/* A host's colour; a series that is no one host gets the index after
 * the references. */
static int host_color(const struct palette *p, const char *host)
{
	long i = find_name(p->hosts, p->n_hosts, host);

	return i >= 0 ? (int)i : (int)(p->n_hosts + p->n_refs);
}

static int ref_color(const struct palette *p, const char *model)
{
	long i = find_name(p->refs, p->n_refs, model);

	return (int)p->n_hosts + (i >= 0 ? (int)i : (int)p->n_refs);
}

/* --- Reading result tables by column name --- */

static size_t tcol(const struct hdb_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n_cols; i++)
		if (!strcmp(t->cols[i], name))
			return i;
	hdb_die("charts: the query has no column '%s'", name);
	return 0;
}

static const char *tstr(const struct hdb_table *t, size_t row, size_t c)
{
	const struct hdb_cell *x = hdb_table_cell(t, row, c);

	return x->type == HDB_CELL_TEXT ? x->s : NULL;
}

static double tnum(const struct hdb_table *t, size_t row, size_t c)
{
	const struct hdb_cell *x = hdb_table_cell(t, row, c);

	return x->type == HDB_CELL_REAL ? x->r
	       : x->type == HDB_CELL_INT ? (double)x->i : NAN;
}

/* ------------------------------------------------------------------ */
/* depth */

/* A point of a depth chart: a host's measurement of one key.  test is
 * the chart's: a run that died before naming one stands for each. */
struct dentry {
	size_t host;
	struct q_point *p;
	const char *test;
};

struct depth_ctx {
	sqlite3 *db;
	const struct hdb_query_opts *o;
	char **names;			/* the hosts, in series order */
	size_t n_hosts;
	struct q_selector *sels;	/* one per host */
	struct q_points *pts;		/* one per host */
	struct dentry *v;
	size_t n, cap;
};

static void entry_add(struct depth_ctx *x, size_t host, struct q_point *p,
		      const char *test)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 64;
		x->v = xrealloc(x->v, x->cap * sizeof(*x->v));
	}
	x->v[x->n].host = host;
	x->v[x->n].p = p;
	x->v[x->n].test = test;
	x->n++;
}

/* Adds p under each test it belongs to: its own when it is one the
 * charts show, each default test for a run that died before naming one. */
static void entry_point(struct depth_ctx *x, size_t host, struct q_point *p)
{
	size_t i;

	if (x->o->test) {
		entry_add(x, host, p, x->o->test);
		return;
	}
	for (i = 0; i < N_DEFAULT_TESTS; i++)
		if (p->test ? !strcmp(p->test, default_tests[i])
			    : !q_point_ok(p))
			entry_add(x, host, p, default_tests[i]);
}

static int entry_pair_cb(void *ctx, struct q_pairing *pr)
{
	struct depth_ctx *x = ctx;

	if (pr->a)
		entry_point(x, 0, pr->a);
	if (pr->b)
		entry_point(x, 1, pr->b);
	return 0;
}

/* Chart (model, quant, test), host, variant, depth; at one depth a
 * result of the test before a run that died without naming one. */
static int entry_cmp(const void *pa, const void *pb)
{
	const struct dentry *a = pa, *b = pb;
	int c;

	if ((c = strcmp(q_point_model(a->p), q_point_model(b->p))) ||
	    (c = q_cmp_str(a->p->quant, b->p->quant)) ||
	    (c = strcmp(a->test, b->test)) ||
	    (c = q_cmp_ll((long long)a->host, (long long)b->host)) ||
	    (c = q_cmp_str(a->p->variant, b->p->variant)) ||
	    (c = q_cmp_ll(a->p->depth, b->p->depth)))
		return c;
	return (a->p->test == NULL) - (b->p->test == NULL);
}

static int same_chart(const struct dentry *a, const struct dentry *b)
{
	return !strcmp(q_point_model(a->p), q_point_model(b->p)) &&
	       !q_cmp_str(a->p->quant, b->p->quant) &&
	       !strcmp(a->test, b->test);
}

/*
 * A measurement's mean and 95% interval as 'query noise' gives them:
 * from its samples where it has any (hdb_summarize), else from the stored
 * mean, stddev and repetitions (mean -/+ t(0.975, n-1) sd / sqrt(n)).
 * The interval is NAN when fewer than two repetitions or no spread are
 * known.  Returns 0 or -1 (reading the samples).
 */
static int point_interval(sqlite3 *db, struct q_points *pts,
			  struct q_point *p, double *y, double *lo, double *hi)
{
	struct hdb_summary s;

	if (q_point_samples(db, pts, p))
		return -1;
	q_point_summary(p, &s);
	*y = s.mean;
	*lo = s.ci_lo;
	*hi = s.ci_hi;
	return 0;
}

/* The crossover of one chart from the rows of 'query crossover'. */
struct xo_find {
	const struct hdb_table *t;
	size_t model, quant, test, result, from, to, estimate;
};

static void xo_find_init(struct xo_find *f, const struct hdb_table *t)
{
	f->t = t;
	f->model = tcol(t, "model");
	f->quant = tcol(t, "quant");
	f->test = tcol(t, "test");
	f->result = tcol(t, "result");
	f->from = tcol(t, "from_depth");
	f->to = tcol(t, "to_depth");
	f->estimate = tcol(t, "estimate");
}

/* Sets the chart's crossover (the first, along depth) and says it, or
 * what the sweep is without one, in the alt text. */
static void depth_crossover(const struct xo_find *f, struct hdb_chart *c,
			    const struct dentry *key, char *const names[2],
			    struct strbuf *alt)
{
	size_t r, crossings = 0;
	const char *result, *no_cross = NULL;

	for (r = 0; f->t && r < f->t->n_rows; r++) {
		if (q_cmp_str(tstr(f->t, r, f->model), q_point_model(key->p)) ||
		    q_cmp_str(tstr(f->t, r, f->quant), key->p->quant) ||
		    q_cmp_str(tstr(f->t, r, f->test), key->test))
			continue;
		result = tstr(f->t, r, f->result);
		if (isnan(tnum(f->t, r, f->from))) {
			no_cross = result;
			continue;
		}
		if (crossings++)
			continue;
		c->crossover = tnum(f->t, r, f->estimate);
		c->crossover_from = tnum(f->t, r, f->from);
		c->crossover_to = tnum(f->t, r, f->to);
		/* "faster side changes from a to b" */
		strbuf_addf(alt, " %s faster up to ~", result &&
			    strstr(result, "from b") ? names[1] : names[0]);
		say_depth(alt, c->crossover);
		strbuf_addstr(alt, " (between ");
		say_depth(alt, c->crossover_from);
		strbuf_addstr(alt, " and ");
		say_depth(alt, c->crossover_to);
		strbuf_addf(alt, "), %s beyond.", result &&
			    strstr(result, "from b") ? names[0] : names[1]);
	}
	if (crossings > 1)
		strbuf_addf(alt, " The faster side changes %zu times.",
			    crossings);
	if (!crossings && no_cross) {
		strbuf_addch(alt, ' ');
		say_sides(alt, no_cross, "a", names[0], "b", names[1]);
		strbuf_addch(alt, '.');
	}
}

/* "a30: 136 t/s at 0 to 20.6 at 65K; oom at 32K, 65K." */
static void say_series(struct strbuf *alt, const struct hdb_chart_series *s)
{
	const struct hdb_chart_point *first = NULL, *last = NULL;
	size_t i;
	int m, any, said = 0;

	for (i = 0; i < s->n_points; i++)
		if (s->points[i].mark == HDB_MARK_OK &&
		    !isnan(s->points[i].y)) {
			if (!first)
				first = &s->points[i];
			last = &s->points[i];
		}
	strbuf_addf(alt, " %s:", s->name);
	if (first) {
		strbuf_addch(alt, ' ');
		say_num(alt, first->y);
		strbuf_addstr(alt, " t/s at ");
		say_depth(alt, first->x);
		if (last != first) {
			strbuf_addstr(alt, " to ");
			say_num(alt, last->y);
			strbuf_addstr(alt, " at ");
			say_depth(alt, last->x);
		}
		said = 1;
	}
	for (m = HDB_MARK_WEDGED; m <= HDB_MARK_NOT_RUN; m++) {
		any = 0;
		for (i = 0; i < s->n_points; i++) {
			if ((int)s->points[i].mark != m)
				continue;
			if (any)
				strbuf_addstr(alt, ", ");
			else
				strbuf_addf(alt, "%s%s at ", said ? "; " : " ",
					    mark_name((enum hdb_chart_mark)m));
			say_depth(alt, s->points[i].x);
			any = said = 1;
		}
	}
	strbuf_addch(alt, '.');
}

/* One chart: the entries v[0..n-1] of one model, quant and test. */
static int depth_chart(struct depth_ctx *x, const struct palette *pal,
		       const struct xo_find *xo, struct chart_list *l,
		       struct dentry *v, size_t n)
{
	const char *model = q_point_model(v[0].p), *quant = v[0].p->quant;
	const char *parts[4] = { "depth", model, quant, v[0].test };
	struct hdb_chart_series *s = NULL;
	struct strbuf sb = STRBUF_INIT;
	struct hdb_chart *c;
	size_t i, unknown = 0;
	double y, lo, hi;
	char *name;

	strbuf_addf(&sb, "%s%s%s: %s against depth", model, quant ? " " : "",
		    quant ? quant : "", v[0].test);
	c = chart_new(l, HDB_CHART_DEPTH, parts, 4, strbuf_str(&sb),
		      "depth (tokens)", "tokens/s");
	for (i = 0; i < n; i++) {
		struct q_point *p = v[i].p;

		if (p->depth == Q_UNSET) {
			unknown++;
			continue;
		}
		/* a series per host, and per variant of its runs: "a30
		 * (dual-gpu)", in the host's colour */
		name = p->variant ? xasprintf("%s (%s)", x->names[v[i].host],
					      p->variant)
			 : xstrdup(x->names[v[i].host]);
		if (!s || strcmp(s->name, name))
			s = hdb_chart_add_series(c, name,
						 host_color(pal,
							    x->names[v[i].host]));
		free(name);
		/* one point a depth: a died run without a test gives way
		 * to the test's own result (sorted before it) */
		if (s->n_points && s->points[s->n_points - 1].x ==
		    (double)p->depth)
			continue;
		y = lo = hi = NAN;
		if (q_point_ok(p) &&
		    point_interval(x->db, &x->pts[v[i].host], p, &y, &lo, &hi)) {
			strbuf_release(&sb);
			return -1;
		}
		hdb_chart_add_point(s, (double)p->depth, NULL, y, lo, hi,
				    mark_of(p->status));
	}

	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s tokens/s of %s%s%s against depth (tokens).",
		    v[0].test, model, quant ? " " : "", quant ? quant : "");
	for (i = 0; i < c->n_series; i++)
		say_series(&sb, &c->series[i]);
	if (xo)
		depth_crossover(xo, c, &v[0], x->names, &sb);
	if (unknown)
		strbuf_addf(&sb, " %zu run%s without a recorded depth %s not "
			    "drawn.", unknown, unknown == 1 ? "" : "s",
			    unknown == 1 ? "is" : "are");
	c->alt = strbuf_detach(&sb);
	return 0;
}

/* Has a point of [v, p) the variant of p? */
static int variant_seen(const struct q_point *v, const struct q_point *p)
{
	for (; v < p; v++)
		if (!q_cmp_str(v->variant, p->variant))
			return 1;
	return 0;
}

/* The hosts of the charts: --hosts as given, else every host with a
 * throughput row, by name. */
static int depth_hosts(struct depth_ctx *x)
{
	const char *s, *comma;

	if (!x->o->hosts)
		return read_names(x->db, "SELECT DISTINCT host FROM throughput"
				  " WHERE host IS NOT NULL ORDER BY host",
				  &x->names, &x->n_hosts);
	if (strchr(x->o->hosts, '='))
		return hdb_error("--hosts: expected host names A,B,..., got "
				 "'%s' (for other sides: chart ratio)",
				 x->o->hosts);
	for (s = x->o->hosts; ; s = comma + 1) {
		comma = strchr(s, ',');
		if (comma == s || !*s)
			return hdb_error("--hosts: expected host names A,B,..., "
					 "got '%s'", x->o->hosts);
		x->names = xrealloc(x->names, (x->n_hosts + 1) *
				    sizeof(*x->names));
		x->names[x->n_hosts++] = comma ? xstrndup(s, (size_t)(comma - s))
					       : xstrdup(s);
		if (find_name(x->names, x->n_hosts - 1,
			      x->names[x->n_hosts - 1]) >= 0)
			return hdb_error("--hosts: '%s' is named twice",
					 x->names[x->n_hosts - 1]);
		if (!comma)
			return 0;
	}
}

int hdb_chart_depth(sqlite3 *db, const struct hdb_query_opts *o,
		    struct hdb_chart **charts, size_t *n)
{
	struct depth_ctx x;
	struct q_selector f;
	struct palette pal;
	struct chart_list l = { NULL, 0, 0 };
	struct hdb_table xt;
	struct xo_find xo;
	struct hdb_query_opts xopt;
	int two, xo_early, ret = -1;
	size_t h, i, j, k, kept;

	*charts = NULL;
	*n = 0;
	memset(&x, 0, sizeof(x));
	memset(&f, 0, sizeof(f));
	memset(&pal, 0, sizeof(pal));
	memset(&xt, 0, sizeof(xt));
	x.db = db;
	x.o = o;
	if (palette_load(db, &pal) || depth_hosts(&x) || q_filters(db, o, &f))
		goto out;
	x.sels = xcalloc(x.n_hosts ? x.n_hosts : 1, sizeof(*x.sels));
	x.pts = xcalloc(x.n_hosts ? x.n_hosts : 1, sizeof(*x.pts));
	for (h = 0; h < x.n_hosts; h++)
		if (q_selector_parse(db, Q_THROUGHPUT, "--hosts", x.names[h],
				     &x.sels[h]))
			goto out;
	/* two hosts named: the crossover first, so that its points are gone
	 * before the chart's come (the same rows: the report's long context
	 * reads them once, and holds one copy less) */
	xo_early = o->hosts && x.n_hosts == 2;
	if (xo_early) {
		xopt = *o;
		xopt.a = x.names[0];
		xopt.b = x.names[1];
		if (hdb_query_crossover(db, &xopt, &xt))
			goto out;
	}
	for (h = 0; h < x.n_hosts; h++) {
		const struct q_selector *sels[2] = { &x.sels[h], &f };

		if (q_points_load(db, &x.pts[h], sels, 2))
			goto out;
	}
	/* Every host: those the filters leave nothing are no series. */
	if (!o->hosts) {
		for (h = kept = 0; h < x.n_hosts; h++) {
			if (!x.pts[h].n) {
				free(x.names[h]);
				q_points_release(&x.pts[h]);
				q_selector_release(&x.sels[h]);
				continue;
			}
			x.names[kept] = x.names[h];
			x.pts[kept] = x.pts[h];
			x.sels[kept++] = x.sels[h];
		}
		x.n_hosts = kept;
	}
	two = x.n_hosts == 2;
	if (two) {
		/* the pairs 'query crossover --a A --b B' compares */
		if (q_pair_keys(db, &x.pts[0], &x.pts[1],
				x.sels[0].keys | x.sels[1].keys, o->noise,
				entry_pair_cb, &x))
			goto out;
		xopt = *o;
		xopt.a = x.names[0];
		xopt.b = x.names[1];
		if (!xo_early && hdb_query_crossover(db, &xopt, &xt))
			goto out;
		xo_find_init(&xo, &xt);
	} else {
		/* the newest of each key and variant (the points come
		 * newest first) */
		for (h = 0; h < x.n_hosts; h++)
			for (i = 0; i < x.pts[h].n; i = k)
				for (k = i; k < x.pts[h].n &&
				     q_same_key(&x.pts[h].v[i],
						&x.pts[h].v[k]); k++)
					if (!variant_seen(&x.pts[h].v[i],
							  &x.pts[h].v[k]))
						entry_point(&x, h,
							    &x.pts[h].v[k]);
	}
	if (x.n)
		qsort(x.v, x.n, sizeof(*x.v), entry_cmp);
	for (i = 0; i < x.n; i = j) {
		for (j = i + 1; j < x.n && same_chart(&x.v[i], &x.v[j]); j++)
			;
		if (depth_chart(&x, &pal, two ? &xo : NULL, &l, &x.v[i],
				j - i))
			goto out;
	}
	*charts = l.v;
	*n = l.n;
	l.v = NULL;
	l.n = 0;
	ret = 0;
out:
	list_release(&l);
	hdb_table_release(&xt);
	for (h = 0; x.sels && h < x.n_hosts; h++) {
		q_points_release(&x.pts[h]);
		q_selector_release(&x.sels[h]);
	}
	names_free(x.names, x.n_hosts);
	free(x.sels);
	free(x.pts);
	free(x.v);
	q_selector_release(&f);
	palette_release(&pal);
	return ret;
}

/* ------------------------------------------------------------------ */
/* ratio */

/* One chart of 'query ratio''s rows at one test and depth. */
static void ratio_chart(const struct hdb_table *t, const struct hdb_query_opts *o,
			const struct palette *pal, const char *test,
			long long depth, struct chart_list *l)
{
	size_t cm = tcol(t, "model"), cq = tcol(t, "quant");
	size_t ct = tcol(t, "test"), cd = tcol(t, "depth");
	size_t cr = tcol(t, "ratio"), clo = tcol(t, "ratio_lo");
	size_t chi = tcol(t, "ratio_hi"), cv = tcol(t, "verdict");
	const char *quant0 = NULL, *verdict;
	struct strbuf sb = STRBUF_INIT, cat = STRBUF_INIT;
	char dbuf[32];
	const char *parts[5] = { "ratio", o->num, o->den, test, dbuf };
	struct hdb_chart_series *s;
	struct hdb_chart *c = NULL;
	size_t r, rows = 0;
	int quants = 0, color;
	double y;

	for (r = 0; r < t->n_rows; r++) {
		if (q_cmp_str(tstr(t, r, ct), test) ||
		    tnum(t, r, cd) != (double)depth)
			continue;
		if (!rows++)
			quant0 = tstr(t, r, cq);
		else if (q_cmp_str(quant0, tstr(t, r, cq)))
			quants = 1;
	}
	if (!rows)
		return;
	snprintf(dbuf, sizeof(dbuf), "d%lld", depth);
	strbuf_addf(&sb, "%s / %s: %s at depth %lld", o->num, o->den, test,
		    depth);
	c = chart_new(l, HDB_CHART_RATIO, parts, 5, strbuf_str(&sb), "model",
		      NULL);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "ratio %s / %s (tokens/s)", o->num, o->den);
	c->y_label = strbuf_detach(&sb);
	/* a plain host name is that host's colour */
	color = strchr(o->num, '=') ? host_color(pal, NULL)
		: host_color(pal, o->num);
	strbuf_addf(&sb, "%s / %s", o->num, o->den);
	s = hdb_chart_add_series(c, strbuf_str(&sb), color);

	strbuf_reset(&sb);
	strbuf_addf(&sb, "Ratio of %s tokens/s, %s over %s, at depth %lld, "
		    "by model (1 is even; above 1 %s is faster):", test,
		    o->num, o->den, depth, o->num);
	for (r = 0, rows = 0; r < t->n_rows; r++) {
		enum hdb_chart_mark m;

		if (q_cmp_str(tstr(t, r, ct), test) ||
		    tnum(t, r, cd) != (double)depth)
			continue;
		strbuf_reset(&cat);
		strbuf_addstr(&cat, tstr(t, r, cm) ? tstr(t, r, cm) : "?");
		if (quants)
			strbuf_addf(&cat, " %s", tstr(t, r, cq) ? tstr(t, r, cq)
				    : "?");
		y = tnum(t, r, cr);
		verdict = tstr(t, r, cv);
		m = isnan(y) ? mark_of_verdict(verdict) : HDB_MARK_OK;
		hdb_chart_add_point(s, 0, strbuf_str(&cat), y, tnum(t, r, clo),
				    tnum(t, r, chi), m);
		strbuf_addf(&sb, "%s %s ", rows++ ? ";" : "", strbuf_str(&cat));
		if (!isnan(y)) {
			say_num(&sb, y);
			strbuf_addstr(&sb, " (");
		}
		say_sides(&sb, verdict ? verdict : "no verdict", "num", o->num,
			  "den", o->den);
		if (!isnan(y))
			strbuf_addch(&sb, ')');
	}
	strbuf_addch(&sb, '.');
	c->alt = strbuf_detach(&sb);
	strbuf_release(&cat);
}

int hdb_chart_ratio(sqlite3 *db, const struct hdb_query_opts *o,
		    long long depth, struct hdb_chart **charts, size_t *n)
{
	struct chart_list l = { NULL, 0, 0 };
	struct palette pal;
	struct hdb_table t;
	size_t i;

	*charts = NULL;
	*n = 0;
	memset(&t, 0, sizeof(t));
	if (!o->num || !o->den)
		return hdb_error("chart ratio: expected --num SEL and --den SEL");
	if (palette_load(db, &pal))
		return -1;
	if (hdb_query_ratio(db, o, &t)) {
		palette_release(&pal);
		return -1;
	}
	if (o->test)
		ratio_chart(&t, o, &pal, o->test, depth, &l);
	else
		for (i = 0; i < N_DEFAULT_TESTS; i++)
			ratio_chart(&t, o, &pal, default_tests[i], depth, &l);
	hdb_table_release(&t);
	palette_release(&pal);
	*charts = l.v;
	*n = l.n;
	return 0;
}

/* ------------------------------------------------------------------ */
/* pass */

/* A published score that applies to a benchmark and metric, as 'query
 * quality --reference MODEL' matched it to the quality rows. */
struct ref_hit {
	char *model, *variant, *benchmark, *metric;	/* metric: NULL when
							 * the row does not
							 * say */
	double score;
	long long n_items;
};

struct ref_hits {
	struct ref_hit *v;
	size_t n, cap;
};

static void ref_hits_release(struct ref_hits *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->v[i].model);
		free(h->v[i].variant);
		free(h->v[i].benchmark);
		free(h->v[i].metric);
	}
	free(h->v);
	memset(h, 0, sizeof(*h));
}

/* Every published score (of the model named, when one is), each variant
 * its own: a chart shows claude-opus-4 (thinking) and (no-think) both. */
static int ref_hits_load(sqlite3 *db, const char *model, struct ref_hits *h)
{
	sqlite3_stmt *s;
	int rc;

	if (q_prepare(db, "SELECT name, variant, benchmark, score, n_items,"
		      " json_extract(details, '$.score_from')"
		      " FROM reference_score WHERE score IS NOT NULL"
		      " AND (?1 IS NULL OR lower(name) = lower(?1))"
		      " ORDER BY name, variant, id", &s,
		      "read the published scores"))
		return -1;
	sqlite3_bind_text(s, 1, model, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct ref_hit *x;
		const char *m = q_text_or_null(s, 5);

		if (h->n == h->cap) {
			h->cap = h->cap ? 2 * h->cap : 16;
			h->v = xrealloc(h->v, h->cap * sizeof(*h->v));
		}
		x = &h->v[h->n++];
		x->model = xstrdup(q_text(s, 0));
		x->variant = q_text_or_null(s, 1) ? xstrdup(q_text(s, 1))
			     : NULL;
		x->benchmark = xstrdup(q_text(s, 2));
		x->score = q_double(s, 3);
		x->n_items = q_int(s, 4);
		x->metric = m ? xstrdup(m) : NULL;
	}
	sqlite3_finalize(s);
	return q_done(db, rc, "read the published scores");
}

/* "43% (35% to 51%)" */
static void say_rate(struct strbuf *sb, double y, double lo, double hi)
{
	strbuf_addf(sb, "%.0f%%", 100 * y);
	if (!isnan(lo) && !isnan(hi))
		strbuf_addf(sb, " (%.0f%% to %.0f%%)", 100 * lo, 100 * hi);
}

struct pass_cols {
	size_t host, model, quant, bench, metric, rate, lo, hi, score;
};

/* Do rows r and r0 fall in one category (model, and quant when the
 * chart shows it)? */
static int same_category(const struct hdb_table *t, const struct pass_cols *k,
			 size_t r, size_t r0, int quants)
{
	return !q_cmp_str(tstr(t, r, k->model), tstr(t, r0, k->model)) &&
	       (!quants || !q_cmp_str(tstr(t, r, k->quant),
				      tstr(t, r0, k->quant)));
}

/* The point of row r (a host's first row in its category: the query
 * puts the best of a model first), in series *s (made on first use). */
static void pass_point(const struct hdb_table *t, const struct pass_cols *k,
		       size_t r, int quants, struct hdb_chart *c,
		       struct hdb_chart_series **s, const struct palette *pal,
		       struct strbuf *alt, size_t *shown, size_t *skipped)
{
	const char *host = tstr(t, r, k->host), *quant = tstr(t, r, k->quant);
	struct strbuf cat = STRBUF_INIT;
	double y = tnum(t, r, k->rate), lo = tnum(t, r, k->lo);
	double hi = tnum(t, r, k->hi);

	if (isnan(y)) {
		/* score only: no interval */
		y = tnum(t, r, k->score);
		lo = hi = NAN;
	}
	if (isnan(y) || y < 0 || y > 1) {
		(*skipped)++;
		return;
	}
	strbuf_addstr(&cat, tstr(t, r, k->model) ? tstr(t, r, k->model) : "?");
	if (quants)
		strbuf_addf(&cat, " %s", quant ? quant : "?");
	if (!*s)
		*s = hdb_chart_add_series(c, host ? host : "?",
					  host_color(pal, host));
	hdb_chart_add_point(*s, 0, strbuf_str(&cat), y, lo, hi, HDB_MARK_OK);
	strbuf_addf(alt, "%s %s on %s ", (*shown)++ ? ";" : "",
		    strbuf_str(&cat), host ? host : "?");
	say_rate(alt, y, lo, hi);
	strbuf_release(&cat);
}

/* One chart: the rows [i, j) of one benchmark and metric (by model, the
 * best first within one). */
static void pass_chart(const struct hdb_table *t, const struct pass_cols *k,
		       size_t i, size_t j, const struct palette *pal,
		       const struct ref_hits *refs, struct chart_list *l)
{
	const char *bench = tstr(t, i, k->bench), *metric = tstr(t, i, k->metric);
	const char *parts[3] = { "pass", bench, metric };
	struct strbuf sb = STRBUF_INIT;
	struct hdb_chart_series *s;
	struct hdb_chart *c;
	struct hdb_interval w;
	size_t r, r0, q, h, shown = 0, skipped = 0, others = 0;
	int quants = 0;
	long at;

	for (r = i + 1; r < j; r++)
		if (q_cmp_str(tstr(t, r, k->quant), tstr(t, i, k->quant)))
			quants = 1;
	strbuf_addf(&sb, "%s: %s by model", bench, metric);
	c = chart_new(l, HDB_CHART_PASS, parts, 3, strbuf_str(&sb), "model",
		      "pass rate");
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s pass rate (%s) by model and host, with 95%% "
		    "Wilson intervals:", bench, metric);

	/* a series per host in the palette's order (a host it lacks last);
	 * a category per model (and quant) in the order of the rows */
	for (h = 0; h <= pal->n_hosts; h++) {
		s = NULL;
		for (r0 = i; r0 < j; r0++) {
			for (q = i; q < r0 && !same_category(t, k, q, r0,
							     quants); q++)
				;
			if (q < r0)
				continue;	/* not the category's first row */
			for (r = r0; r < j; r++) {
				if (!same_category(t, k, r, r0, quants))
					continue;
				at = find_name(pal->hosts, pal->n_hosts,
					       tstr(t, r, k->host));
				if (at < 0 ? h != pal->n_hosts : (size_t)at != h)
					continue;
				pass_point(t, k, r, quants, c, &s, pal, &sb,
					   &shown, &skipped);
				/* the rest of the host's rows there */
				for (r++; r < j; r++)
					if (same_category(t, k, r, r0, quants) &&
					    find_name(pal->hosts, pal->n_hosts,
						      tstr(t, r, k->host)) == at)
						others++;
				break;
			}
		}
	}
	for (r = 0; refs && r < refs->n; r++) {
		const struct ref_hit *x = &refs->v[r];

		char *name;

		if (!q_same_benchmark(bench, x->benchmark) ||
		    (x->metric && strcmp(x->metric, metric)) ||
		    isnan(x->score))
			continue;
		w.lo = w.hi = NAN;
		if (x->n_items != Q_UNSET && x->n_items > 0 && x->score >= 0 &&
		    x->score <= 1)
			hdb_wilson((long)llround(x->score * (double)x->n_items),
				   (long)x->n_items, &w);
		name = x->variant ? xasprintf("%s (%s)", x->model, x->variant)
			 : xstrdup(x->model);
		s = hdb_chart_add_series(c, name, ref_color(pal, x->model));
		s->reference = 1;
		hdb_chart_add_point(s, 0, name, x->score, w.lo, w.hi,
				    HDB_MARK_OK);
		strbuf_addf(&sb, "%s %s (published) ", shown++ ? ";" : "",
			    name);
		say_rate(&sb, x->score, w.lo, w.hi);
		free(name);
	}
	strbuf_addch(&sb, '.');
	if (others)
		strbuf_addf(&sb, " Each host shows its best run of a model; "
			    "%zu other run%s %s not drawn.", others,
			    others == 1 ? "" : "s", others == 1 ? "is" : "are");
	if (skipped)
		strbuf_addf(&sb, " %zu row%s without a pass rate %s not drawn.",
			    skipped, skipped == 1 ? "" : "s",
			    skipped == 1 ? "is" : "are");
	c->alt = strbuf_detach(&sb);
}

int hdb_chart_pass(sqlite3 *db, const struct hdb_query_opts *o,
		   struct hdb_chart **charts, size_t *n)
{
	struct chart_list l = { NULL, 0, 0 };
	struct ref_hits refs = { NULL, 0, 0 };
	struct hdb_query_opts qo = *o;
	struct pass_cols k;
	struct palette pal;
	struct hdb_table t;
	size_t i, j;
	int ret = -1;

	*charts = NULL;
	*n = 0;
	memset(&t, 0, sizeof(t));
	if (palette_load(db, &pal))
		return -1;
	qo.a = qo.b = qo.reference = NULL;
	if (hdb_query_quality(db, &qo, &t))
		goto out;
	if (o->reference) {
		if (ref_hits_load(db, o->reference, &refs))
			goto out;
	} else if (t.n_rows && ref_hits_load(db, NULL, &refs)) {
		goto out;
	}
	k.host = tcol(&t, "host");
	k.model = tcol(&t, "model");
	k.quant = tcol(&t, "quant");
	k.bench = tcol(&t, "benchmark");
	k.metric = tcol(&t, "metric");
	k.rate = tcol(&t, "pass_rate");
	k.lo = tcol(&t, "pass_lo");
	k.hi = tcol(&t, "pass_hi");
	k.score = tcol(&t, "score");
	/* the rows come by benchmark, metric and model */
	for (i = 0; i < t.n_rows; i = j) {
		for (j = i + 1; j < t.n_rows &&
		     !q_cmp_str(tstr(&t, j, k.bench), tstr(&t, i, k.bench)) &&
		     !q_cmp_str(tstr(&t, j, k.metric), tstr(&t, i, k.metric));
		     j++)
			;
		if (tstr(&t, i, k.bench) && tstr(&t, i, k.metric))
			pass_chart(&t, &k, i, j, &pal, &refs, &l);
	}
	*charts = l.v;
	*n = l.n;
	l.v = NULL;
	l.n = 0;
	ret = 0;
out:
	list_release(&l);
	ref_hits_release(&refs);
	hdb_table_release(&t);
	palette_release(&pal);
	return ret;
}
