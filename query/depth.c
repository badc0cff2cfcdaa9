/*
 * depth.c: the two questions a depth sweep answers.  halodb query
 * crossover: along depth, where does the faster of two sides (--a, --b)
 * change, interpolated between the two measured depths that bracket it.
 * halodb query degradation: per host and configuration, how much slower
 * (or faster) each measured depth is than depth 0, with a 95% interval.
 * Both read the throughput and throughput_sample views (through
 * q_points_load and q_compare) and show runs that did not finish as such.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A depth as the text columns show it ("?" when not recorded). */
static void add_depth(struct strbuf *sb, long long depth)
{
	if (depth == Q_UNSET)
		strbuf_addstr(sb, "?");
	else
		strbuf_addf(sb, "%lld", depth);
}

/*
 * Labels with the depths they hold at, in the order first seen: "b oom"
 * at 32768 and 65536, "kv q4_0 vs q8_0" at 0.  Said as "b oom at 32768,
 * 65536; only a measured at 16384".
 */
struct labels {
	struct label {
		char *text;
		struct strbuf depths;
		size_t n;
	} *v;
	size_t n, cap;
};

static void labels_add(struct labels *l, const char *text, long long depth)
{
	struct label *x = NULL;
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].text, text))
			x = &l->v[i];
	if (!x) {
		if (l->n == l->cap) {
			l->cap = l->cap ? 2 * l->cap : 4;
			l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
		}
		x = &l->v[l->n++];
		x->text = xstrdup(text);
		x->depths = (struct strbuf)STRBUF_INIT;
		x->n = 0;
	}
	if (x->n++)
		strbuf_addstr(&x->depths, ", ");
	add_depth(&x->depths, depth);
}

/* "text at d1, d2; text2 at d3" (sep between labels), "" for none. */
static void labels_say(const struct labels *l, const char *sep,
		       struct strbuf *out)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		strbuf_addf(out, "%s%s at %s", i ? sep : "",
			    *l->v[i].text ? l->v[i].text : "none",
			    strbuf_str(&l->v[i].depths));
}

static void labels_reset(struct labels *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].text);
		strbuf_release(&l->v[i].depths);
	}
	l->n = 0;
}

static void labels_release(struct labels *l)
{
	labels_reset(l);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* ------------------------------------------------------------------ */
/* crossover */

enum {
	X_MODEL, X_QUANT, X_TEST, X_DEPTHS, X_RESULT, X_FROM, X_TO,
	X_ESTIMATE, X_RATIO_FROM, X_VERDICT_FROM, X_RATIO_TO, X_VERDICT_TO,
	X_DIFFERS, X_A_UNCHOSEN, X_B_UNCHOSEN, X_NOTES, X_N_COLS
};

static const struct q_col xcols[X_N_COLS] = {
	{ "model", NULL, 0 }, { "quant", NULL, 0 }, { "test", NULL, 0 },
	{ "depths", "tokens", 0 }, { "result", NULL, 0 },
	{ "from_depth", "tokens", 0 }, { "to_depth", "tokens", 0 },
	{ "estimate", "tokens", 0 },
	{ "ratio_from", NULL, 3 }, { "verdict_from", NULL, 0 },
	{ "ratio_to", NULL, 3 }, { "verdict_to", NULL, 0 },
	{ "differs", NULL, 0 }, { "a_unchosen", NULL, 0 },
	{ "b_unchosen", NULL, 0 }, { "notes", NULL, 0 },
};

/* Every key of both sides, as q_pair_keys gave them (the points they
 * name stay in the two lists until those are released). */
struct pairings {
	struct q_pairing *v;
	size_t n, cap;
};

static int collect_pairing(void *ctx, struct q_pairing *pr)
{
	struct pairings *ps = ctx;

	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 64;
		ps->v = xrealloc(ps->v, ps->cap * sizeof(*ps->v));
	}
	ps->v[ps->n++] = *pr;
	return 0;
}

/* Do two keys share model, quant and test (one depth sweep)? */
static int same_sweep(const struct q_point *a, const struct q_point *b)
{
	return !strcmp(q_point_model(a), q_point_model(b)) &&
	       !q_cmp_str(a->quant, b->quant) && !q_cmp_str(a->test, b->test);
}

/* Is this key's ratio usable along depth: both ran, a positive ratio? */
static int usable(const struct q_pairing *pr)
{
	return pr->compared && pr->c.ratio.est > 0 &&
	       isfinite(pr->c.ratio.est);
}

static double log_ratio(const struct q_pairing *pr)
{
	return log(pr->c.ratio.est);
}

static int sign_of(double x)
{
	return x > 0 ? 1 : x < 0 ? -1 : 0;
}

/*
 * Where log ratio, linear in log2(depth) between (d1, l1) and (d2, l2),
 * is 0 (l1 and l2 of opposite signs).  log2(0) is undefined, so from a
 * lower bracket of depth 0 the line is drawn in depth itself.
 */
static double interpolate(long long d1, double l1, long long d2, double l2)
{
	double t = l1 / (l1 - l2), x1, x2;

	if (d1 <= 0)
		return (double)d1 + t * (double)(d2 - d1);
	x1 = log2((double)d1);
	x2 = log2((double)d2);
	return exp2(x1 + t * (x2 - x1));
}

struct xo_ctx {
	sqlite3 *db;
	struct hdb_table *t;
	unsigned skip;
	struct labels notes, differs, verdicts;
	struct strbuf depths, buf, said;
};

/* The cells every row of a sweep has: model, quant, test, depths,
 * notes. */
static struct hdb_cell *sweep_row(struct xo_ctx *x, const struct q_point *k)
{
	struct hdb_cell *row = hdb_table_add_row(x->t);

	hdb_cell_set_text(&row[X_MODEL], q_point_model(k));
	hdb_cell_set_text(&row[X_QUANT], k->quant);
	hdb_cell_set_text(&row[X_TEST], k->test);
	hdb_cell_set_text(&row[X_DEPTHS], strbuf_str(&x->depths));
	strbuf_reset(&x->said);
	labels_say(&x->notes, "; ", &x->said);
	if (x->said.len)
		hdb_cell_set_text(&row[X_NOTES], strbuf_str(&x->said));
	return row;
}

/* Adds the differs label of one compared key. */
static void note_differs(struct xo_ctx *x, const struct q_pairing *pr)
{
	q_point_differs(pr->a, pr->b, x->skip, &x->buf);
	labels_add(&x->differs, strbuf_str(&x->buf), pr->key->depth);
}

/* Sets differs (one label as it is, several with their depths) and the
 * unchosen counts from the labels and sums gathered. */
static void differs_cells(struct xo_ctx *x, struct hdb_cell *row,
			  size_t a_others, size_t b_others)
{
	strbuf_reset(&x->said);
	if (x->differs.n == 1)
		strbuf_addstr(&x->said, x->differs.v[0].text);
	else
		labels_say(&x->differs, " | ", &x->said);
	if (x->said.len)
		hdb_cell_set_text(&row[X_DIFFERS], strbuf_str(&x->said));
	hdb_cell_set_int(&row[X_A_UNCHOSEN], (long long)a_others);
	hdb_cell_set_int(&row[X_B_UNCHOSEN], (long long)b_others);
}

static void crossing_row(struct xo_ctx *x, const struct q_pairing *p1,
			 const struct q_pairing *p2, double estimate)
{
	struct hdb_cell *row = sweep_row(x, p1->key);
	char v[96];

	hdb_cell_set_text(&row[X_RESULT], sign_of(log_ratio(p1)) > 0
			  ? "faster side changes from a to b"
			  : "faster side changes from b to a");
	q_cell_int(&row[X_FROM], p1->key->depth);
	q_cell_int(&row[X_TO], p2->key->depth);
	hdb_cell_set_int(&row[X_ESTIMATE], llround(estimate));
	q_cell_real(&row[X_RATIO_FROM], p1->c.ratio.est);
	hdb_cell_set_text(&row[X_VERDICT_FROM],
			  q_verdict_text(p1->a, p1->b, &p1->c, "a", "b", v,
					 sizeof(v)));
	q_cell_real(&row[X_RATIO_TO], p2->c.ratio.est);
	hdb_cell_set_text(&row[X_VERDICT_TO],
			  q_verdict_text(p2->a, p2->b, &p2->c, "a", "b", v,
					 sizeof(v)));
	labels_reset(&x->differs);
	note_differs(x, p1);
	note_differs(x, p2);
	differs_cells(x, row, p1->a_others + p2->a_others,
		      p1->b_others + p2->b_others);
}

/*
 * The one row of a sweep without a crossing (n keys, n_usable
 * compared): the verdicts with their depths, "at every measured depth"
 * when one verdict holds at all of them; where they are not all the same side faster, which side the
 * point estimates favour (the same at every depth without a crossing,
 * last the one of them that was not a tie, NULL if all were).
 */
static void no_crossing_row(struct xo_ctx *x, const struct q_point *key,
			    size_t n, size_t n_usable, size_t ties,
			    const struct q_pairing *last, size_t a_others,
			    size_t b_others)
{
	struct hdb_cell *row = sweep_row(x, key);
	const char *only = x->verdicts.n == 1 ? x->verdicts.v[0].text : "";

	strbuf_reset(&x->buf);
	if (!n_usable)
		strbuf_addstr(&x->buf, "no depth compared");
	else if (x->verdicts.n == 1 && n_usable >= 2 && n_usable == n)
		strbuf_addf(&x->buf, "%s at every measured depth", only);
	else
		labels_say(&x->verdicts, "; ", &x->buf);
	if (n_usable == 1)
		strbuf_addstr(&x->buf, " (one depth compared)");
	if (n_usable && !ties && last && strcmp(only, "a faster") &&
	    strcmp(only, "b faster"))
		strbuf_addf(&x->buf, "; %s ahead at each by the point estimate",
			    sign_of(log_ratio(last)) > 0 ? "a" : "b");
	hdb_cell_set_text(&row[X_RESULT], strbuf_str(&x->buf));
	differs_cells(x, row, a_others, b_others);
}

/* One depth sweep: the keys v[0..n-1] of one model, quant and test,
 * by depth. */
static void crossover_sweep(struct xo_ctx *x, struct q_pairing *v, size_t n)
{
	struct q_pairing *prev = NULL, *tie = NULL;
	size_t i, n_usable = 0, ties = 0, a_others = 0, b_others = 0;
	int both = 0, crossings = 0, s;
	char text[128];

	labels_reset(&x->notes);
	labels_reset(&x->differs);
	labels_reset(&x->verdicts);
	strbuf_reset(&x->depths);
	for (i = 0; i < n; i++) {
		struct q_pairing *pr = &v[i];

		if (i)
			strbuf_addstr(&x->depths, ", ");
		add_depth(&x->depths, pr->key->depth);
		both |= pr->a && pr->b;
		if ((pr->a && !q_point_ok(pr->a)) ||
		    (pr->b && !q_point_ok(pr->b))) {
			labels_add(&x->notes, q_verdict_text(pr->a, pr->b, NULL,
							     "a", "b", text,
							     sizeof(text)),
				   pr->key->depth);
			both |= 1;	/* a failure is said, never dropped */
		} else if (!pr->a || !pr->b) {
			labels_add(&x->notes, pr->a ? "only a measured"
				   : "only b measured", pr->key->depth);
		} else if (!usable(pr)) {
			labels_add(&x->notes, "no ratio (a mean <= 0)",
				   pr->key->depth);
		}
	}
	/* A sweep only one side measured, every run finished, is no
	 * comparison (as in ratio). */
	if (!both)
		return;

	for (i = 0; i < n; i++) {
		struct q_pairing *pr = &v[i];

		if (!usable(pr))
			continue;
		n_usable++;
		a_others += pr->a_others;
		b_others += pr->b_others;
		note_differs(x, pr);
		labels_add(&x->verdicts, q_verdict_text(pr->a, pr->b, &pr->c,
							"a", "b", text,
							sizeof(text)),
			   pr->key->depth);
		s = sign_of(log_ratio(pr));
		if (!s) {
			/* a tie of the point estimates: where the sides
			 * meet, if they change on either side of it */
			ties++;
			if (!tie)
				tie = pr;
			continue;
		}
		if (prev && sign_of(log_ratio(prev)) != s) {
			crossing_row(x, prev, pr, tie ? (double)tie->key->depth
				     : interpolate(prev->key->depth,
						   log_ratio(prev),
						   pr->key->depth,
						   log_ratio(pr)));
			crossings++;
		}
		prev = pr;
		tie = NULL;
	}
	if (!crossings)
		no_crossing_row(x, v[0].key, n, n_usable, ties, prev,
				a_others, b_others);
}

int hdb_query_crossover(struct sqlite3 *db, const struct hdb_query_opts *o,
			struct hdb_table *out)
{
	struct q_selector a, b, f;
	const struct q_selector *sa[2] = { &a, &f }, *sb[2] = { &b, &f };
	struct q_points pa, pb;
	struct pairings ps = { NULL, 0, 0 };
	struct xo_ctx x;
	size_t i, j;
	int ret = -1;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	memset(&f, 0, sizeof(f));
	memset(&pa, 0, sizeof(pa));
	memset(&pb, 0, sizeof(pb));
	memset(&x, 0, sizeof(x));
	memset(out, 0, sizeof(*out));
	if (!o->a || !o->b)
		return hdb_error("crossover: expected --a SEL and --b SEL");
	if (q_selector_parse(db, Q_THROUGHPUT, "--a", o->a, &a) ||
	    q_selector_parse(db, Q_THROUGHPUT, "--b", o->b, &b) ||
	    q_filters(db, o, &f) ||
	    q_points_load(db, &pa, sa, 2) || q_points_load(db, &pb, sb, 2))
		goto out;
	x.skip = a.keys | b.keys;
	if (q_pair_keys(db, &pa, &pb, x.skip, o->noise, collect_pairing, &ps))
		goto out;
	q_table_cols(out, xcols, X_N_COLS);
	x.db = db;
	x.t = out;
	x.depths = x.buf = x.said = (struct strbuf)STRBUF_INIT;
	for (i = 0; i < ps.n; i = j) {
		for (j = i + 1; j < ps.n &&
		     same_sweep(ps.v[i].key, ps.v[j].key); j++)
			;
		crossover_sweep(&x, &ps.v[i], j - i);
	}
	if (!out->n_rows)
		out->empty = xasprintf("no model, quant and test measured both "
				       "by --a '%s' (%zu row%s) and by --b "
				       "'%s' (%zu row%s)", o->a, pa.n,
				       pa.n == 1 ? "" : "s", o->b, pb.n,
				       pb.n == 1 ? "" : "s");
	ret = 0;
out:
	labels_release(&x.notes);
	labels_release(&x.differs);
	labels_release(&x.verdicts);
	strbuf_release(&x.depths);
	strbuf_release(&x.buf);
	strbuf_release(&x.said);
	free(ps.v);
	q_points_release(&pa);
	q_points_release(&pb);
	q_selector_release(&a);
	q_selector_release(&b);
	q_selector_release(&f);
	return ret;
}

/* ------------------------------------------------------------------ */
/* degradation */

enum {
	D_HOST, D_MODEL, D_QUANT, D_TEST, D_BACKEND, D_BUILD, D_KV, D_FA,
	D_NGL, D_UBATCH, D_THREADS, D_VARIANT, D_DEPTH, D_TS_0, D_TS, D_CHANGE,
	D_CHANGE_LO, D_CHANGE_HI, D_VERDICT, D_METHOD, D_N_0, D_N, D_ID_0,
	D_ID, D_OTHERS_0, D_OTHERS, D_NOTES, D_N_COLS
};

static const struct q_col dcols[D_N_COLS] = {
	{ "host", NULL, 0 }, { "model", NULL, 0 }, { "quant", NULL, 0 },
	{ "test", NULL, 0 }, { "backend", NULL, 0 }, { "build", NULL, 0 },
	{ "kv", NULL, 0 }, { "fa", NULL, 0 }, { "ngl", NULL, 0 },
	{ "ubatch", NULL, 0 }, { "threads", NULL, 0 },
	{ "variant", NULL, 0 }, { "depth", "tokens", 0 },
	{ "ts_0", "t/s", 2 }, { "ts", "t/s", 2 },
	{ "change", "%", 1 }, { "change_lo", "%", 1 }, { "change_hi", "%", 1 },
	{ "verdict", NULL, 0 }, { "method", NULL, 0 },
	{ "n_0", NULL, 0 }, { "n", NULL, 0 },
	{ "id_0", NULL, 0 }, { "id", NULL, 0 },
	{ "others_0", NULL, 0 }, { "others", NULL, 0 },
	{ "notes", NULL, 0 },
};

/* Orders by host, model, quant, test and configuration: everything but
 * depth. */
static int config_cmp(const struct q_point *a, const struct q_point *b)
{
	int c;

	if ((c = q_cmp_str(a->host, b->host)) ||
	    (c = strcmp(q_point_model(a), q_point_model(b))) ||
	    (c = q_cmp_str(a->quant, b->quant)) ||
	    (c = q_cmp_str(a->test, b->test)) ||
	    (c = q_cmp_str(a->backend, b->backend)) ||
	    (c = q_cmp_ll(a->build_number, b->build_number)) ||
	    (c = q_cmp_str(a->build_commit, b->build_commit)) ||
	    (c = q_cmp_str(a->type_k, b->type_k)) ||
	    (c = q_cmp_str(a->type_v, b->type_v)) ||
	    (c = q_cmp_ll(a->fa, b->fa)) || (c = q_cmp_ll(a->ngl, b->ngl)) ||
	    (c = q_cmp_ll(a->ubatch, b->ubatch)) ||
	    (c = q_cmp_ll(a->threads, b->threads)))
		return c;
	return q_cmp_str(a->variant, b->variant);
}

/* Configuration, then depth, then newest first as q_point_cmp orders a
 * key (the build is the configuration's: the later run, then the row
 * ingested last), so that the order does not depend on the points' (the
 * loader hands them over as the store gives them). */
static int degr_cmp(const void *pa, const void *pb)
{
	const struct q_point *a = *(const struct q_point *const *)pa;
	const struct q_point *b = *(const struct q_point *const *)pb;
	int c;

	if ((c = config_cmp(a, b)) || (c = q_cmp_ll(a->depth, b->depth)) ||
	    (c = -q_cmp_str(a->test_time, b->test_time)))
		return c;
	return q_cmp_ll(b->id, a->id);
}

/* The cells of a configuration, and of the depth d measurement p. */
static struct hdb_cell *degr_row(struct hdb_table *t, const struct q_point *p,
				 size_t others)
{
	struct hdb_cell *row = hdb_table_add_row(t);
	char buf[64];

	hdb_cell_set_text(&row[D_HOST], p->host);
	hdb_cell_set_text(&row[D_MODEL], q_point_model(p));
	hdb_cell_set_text(&row[D_QUANT], p->quant);
	hdb_cell_set_text(&row[D_TEST], p->test);
	hdb_cell_set_text(&row[D_BACKEND], p->backend);
	if (p->build_number != Q_UNSET) {
		hdb_cell_set_int(&row[D_BUILD], p->build_number);
	} else if (p->build_commit) {
		snprintf(buf, sizeof(buf), "%.12s", p->build_commit);
		hdb_cell_set_text(&row[D_BUILD], buf);
	}
	if (p->type_k) {
		q_point_kv(p, buf, sizeof(buf));
		hdb_cell_set_text(&row[D_KV], buf);
	}
	q_cell_int(&row[D_FA], p->fa);
	q_cell_int(&row[D_NGL], p->ngl);
	q_cell_int(&row[D_UBATCH], p->ubatch);
	q_cell_int(&row[D_THREADS], p->threads);
	hdb_cell_set_text(&row[D_VARIANT], p->variant);
	q_cell_int(&row[D_DEPTH], p->depth);
	hdb_cell_set_int(&row[D_ID], p->id);
	hdb_cell_set_int(&row[D_OTHERS], (long long)others);
	if (q_point_ok(p)) {
		q_cell_real(&row[D_TS], p->mean);
		q_cell_int(&row[D_N], p->n_reps);
	}
	return row;
}

static const char *change_verdict(enum hdb_verdict v)
{
	switch (v) {
	case HDB_NUM_FASTER: return "faster";
	case HDB_DEN_FASTER: return "slower";
	case HDB_WITHIN_NOISE: return "within noise";
	case HDB_TOO_FEW: break;
	}
	return "too few repetitions";
}

/* (r - 1) * 100: a ratio as a change in percent. */
static double pct(double r)
{
	return (r - 1) * 100;
}

/* The rows v[i..j-1] stand for, less the one shown. */
static size_t others_of(struct q_point **v, size_t i, size_t j)
{
	size_t runs = 0;

	for (; i < j; i++)
		runs += 1 + v[i]->n_more;
	return runs - 1;
}

/* The rows of one configuration: v[0..n-1] by depth, newest first. */
static int degradation_config(sqlite3 *db, struct q_points *pts,
			      struct hdb_table *t, double noise,
			      struct q_point **v, size_t n)
{
	struct q_point *p0 = NULL, *p;
	struct strbuf notes = STRBUF_INIT, verdict = STRBUF_INIT;
	size_t i, j, n0 = 0, rows = 0;
	int bad, bad0;
	struct hdb_cell *row;
	struct q_compare c;
	char buf[96];
	int ret = -1;

	if (v[0]->depth == 0) {
		p0 = v[0];
		for (n0 = 1; n0 < n && v[n0]->depth == 0; n0++)
			;
	}
	for (i = n0; i < n; i = j) {
		for (j = i + 1; j < n && v[j]->depth == v[i]->depth; j++)
			;
		p = v[i];
		row = degr_row(t, p, others_of(v, i, j));
		rows++;
		strbuf_reset(&notes);
		if (p0) {
			hdb_cell_set_int(&row[D_ID_0], p0->id);
			hdb_cell_set_int(&row[D_OTHERS_0],
					 (long long)others_of(v, 0, n0));
		}
		if (p0 && q_point_ok(p0)) {
			q_cell_real(&row[D_TS_0], p0->mean);
			q_cell_int(&row[D_N_0], p0->n_reps);
		}
		bad = !q_point_ok(p);
		bad0 = p0 && !q_point_ok(p0);
		if (bad || bad0) {
			/* "oom", "depth 0 crashed", "oom, depth 0 crashed",
			 * with the error lines in notes */
			strbuf_reset(&verdict);
			if (bad) {
				strbuf_addstr(&verdict, p->status);
				if (p->error) {
					strbuf_addstr(&notes, "depth ");
					add_depth(&notes, p->depth);
					strbuf_addf(&notes, ": %s", p->error);
				}
			}
			if (bad0) {
				strbuf_addf(&verdict, "%sdepth 0 %s",
					    bad ? ", " : "", p0->status);
				if (p0->error)
					strbuf_addf(&notes, "%sdepth 0: %s",
						    notes.len ? "; " : "",
						    p0->error);
			}
			hdb_cell_set_text(&row[D_VERDICT], strbuf_str(&verdict));
		} else if (p->depth == Q_UNSET) {
			hdb_cell_set_text(&row[D_VERDICT], "depth not recorded");
		} else if (!p0) {
			hdb_cell_set_text(&row[D_VERDICT], "no depth 0");
			strbuf_addstr(&notes, "this configuration has no depth-0 "
				      "measurement");
		} else {
			/* no p-value is shown */
			if (q_compare_ci(db, pts, p, p0, noise, &c))
				goto out;
			q_cell_real(&row[D_TS_0], c.mean[1]);
			q_cell_real(&row[D_TS], c.mean[0]);
			if (!isnan(c.n[1]))
				hdb_cell_set_int(&row[D_N_0], (long long)c.n[1]);
			if (!isnan(c.n[0]))
				hdb_cell_set_int(&row[D_N], (long long)c.n[0]);
			q_cell_real(&row[D_CHANGE], pct(c.ratio.est));
			q_cell_real(&row[D_CHANGE_LO], pct(c.ratio.lo));
			q_cell_real(&row[D_CHANGE_HI], pct(c.ratio.hi));
			hdb_cell_set_text(&row[D_VERDICT],
					  change_verdict(c.verdict));
			hdb_cell_set_text(&row[D_METHOD], c.from_samples
					  ? "samples" : "mean, sd, n");
		}
		if (notes.len)
			hdb_cell_set_text(&row[D_NOTES], strbuf_str(&notes));
	}
	/* Only depth 0: nothing to degrade, unless it did not finish, which
	 * is said rather than dropped. */
	if (!rows && p0 && !q_point_ok(p0)) {
		row = degr_row(t, p0, n0 - 1);
		snprintf(buf, sizeof(buf), "depth 0 %s", p0->status);
		hdb_cell_set_text(&row[D_VERDICT], buf);
		strbuf_reset(&notes);
		strbuf_addstr(&notes, "no other depth measured");
		if (p0->error)
			strbuf_addf(&notes, "; depth 0: %s", p0->error);
		hdb_cell_set_text(&row[D_NOTES], strbuf_str(&notes));
	}
	ret = 0;
out:
	strbuf_release(&notes);
	strbuf_release(&verdict);
	return ret;
}

/* The points of pts, in the order of their rows (degr_cmp). */
static void *degradation_order(struct q_points *pts)
{
	struct q_point **v = xcalloc(pts->n ? pts->n : 1, sizeof(*v));
	size_t i;

	for (i = 0; i < pts->n; i++)
		v[i] = &pts->v[i];
	if (pts->n)
		qsort(v, pts->n, sizeof(*v), degr_cmp);
	return v;
}

/* The rows of one host's points, in degradation_order's order v. */
static int degradation_rows(sqlite3 *db, const struct hdb_query_opts *o,
			    struct q_points *pts, struct q_point **v,
			    struct hdb_table *out, const struct hdb_sink *sink,
			    size_t *total)
{
	size_t i, j;

	for (i = 0; i < pts->n; i = j) {
		for (j = i + 1; j < pts->n && !config_cmp(v[i], v[j]); j++)
			;
		if (degradation_config(db, pts, out, o->noise, &v[i], j - i) ||
		    q_sink_window(sink, out, total, 0))
			return -1;
	}
	return 0;
}

/* The configurations of the host --host names (host = ?), read as they
 * are: the statement 'query crossover' reads for that side, which the
 * report's cache then answers. */
static int degradation_named(sqlite3 *db, const struct hdb_query_opts *o,
			     const struct q_selector *const *sels,
			     struct hdb_table *out, const struct hdb_sink *sink,
			     size_t *total, size_t *n_points)
{
	struct q_points pts;
	struct q_point **v = NULL;
	int ret = -1;

	if (q_points_load_host(db, &pts, sels, 2, NULL, NULL, 1))
		return -1;
	*n_points += pts.n;
	/* every point is compared with its depth 0: read all the samples
	 * at once */
	if (q_points_samples(db, &pts))
		goto out;
	v = degradation_order(&pts);
	ret = degradation_rows(db, o, &pts, v, out, sink, total);
out:
	free(v);
	q_points_release(&pts);
	return ret;
}

/* Every host's configurations, a host at a time (q_ahead: the next one
 * loaded on another thread where that applies).  Returns 0 or -1
 * (hdb_error). */
static int degradation_hosts(sqlite3 *db, const struct hdb_query_opts *o,
			     struct q_ahead *a, struct hdb_table *out,
			     const struct hdb_sink *sink, size_t *total,
			     size_t *n_points)
{
	struct q_points pts;
	void *v = NULL;
	int rc;

	/* each host handed back at the next call */
	memset(&pts, 0, sizeof(pts));
	while ((rc = q_ahead_next(a, &pts, &v)) == 1) {
		*n_points += pts.n;
		if (degradation_rows(db, o, &pts, v, out, sink, total)) {
			rc = -1;
			break;
		}
	}
	free(v);
	q_points_release(&pts);
	return rc;
}

int hdb_query_degradation_sink(struct sqlite3 *db,
			       const struct hdb_query_opts *o,
			       struct hdb_table *out,
			       const struct hdb_sink *sink)
{
	struct q_selector h, f;
	const struct q_selector *sels[2] = { &h, &f };
	struct q_ahead *ahead = NULL;
	size_t total = 0, n_points = 0;
	int ret = -1, txn = 0;

	memset(&h, 0, sizeof(h));
	memset(&f, 0, sizeof(f));
	memset(out, 0, sizeof(*out));
	if ((o->host && q_selector_parse(db, Q_THROUGHPUT, "--host", o->host,
					 &h)) ||
	    q_filters(db, o, &f))
		goto out;
	/* every host: the next host loaded ahead where that applies (it
	 * looks for a transaction of the caller's: before ours) */
	if (!(h.keys & (1u << Q_KEY_HOST)))
		ahead = q_ahead_start(db, sels, 2, 1, degradation_order);
	if (q_read_begin(db))
		goto out;
	txn = 1;
	q_table_cols(out, dcols, D_N_COLS);
	/* A host at a time (the rows come by host first): the memory of one
	 * host's configurations (two, loaded ahead), each host's rows read
	 * through the host's part of the index; a --host that names a host
	 * holds one host's rows already. */
	if (ahead ? degradation_hosts(db, o, ahead, out, sink, &total,
				      &n_points)
		  : degradation_named(db, o, sels, out, sink, &total,
				      &n_points))
		goto fail;
	if (q_sink_window(sink, out, &total, 1))
		goto fail;
	if (!out->n_rows && !total)
		out->empty = xasprintf("no configuration measured at a depth "
				       "other than 0 (%zu row%s%s%s%s)",
				       n_points, n_points == 1 ? "" : "s",
				       o->host ? " for --host '" : "",
				       o->host ? o->host : "",
				       o->host ? "'" : "");
	ret = 0;
	goto out;
fail:
	hdb_table_release(out);
out:
	q_ahead_end(ahead);
	if (txn)
		q_read_end(db);
	q_selector_release(&h);
	q_selector_release(&f);
	return ret;
}

int hdb_query_degradation(struct sqlite3 *db,
			  const struct hdb_query_opts *o,
			  struct hdb_table *out)
{
	return hdb_query_degradation_sink(db, o, out, NULL);
}
