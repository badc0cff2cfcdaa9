/*
 * quality.c: halodb query quality, every quality row with a Wilson 95%
 * interval for its pass rate, compared with one other score: the best
 * row of its benchmark, metric and model (by default), the row of the
 * other side (--a SEL --b SEL), or a published reference score
 * (--reference MODEL).  Two rows with the same items get McNemar's exact
 * test on the shared items; otherwise the pooled two-proportion test.
 * Each comparison carries the difference with its Newcombe interval, the
 * smallest difference its n could detect, and a verdict at p < 0.05.
 * Reads the quality, quality_item and reference_score views.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
	C_ID, C_HOST, C_MODEL, C_QUANT, C_KV, C_BENCHMARK, C_METRIC,
	C_VARIANT, C_PARTIAL, C_N_ITEMS, C_N_PASS, C_SCORE, C_PASS_RATE,
	C_PASS_LO, C_PASS_HI, C_COMPARED_WITH, C_REFERENCE, C_OTHER_N,
	C_OTHER_RATE, C_DIFF, C_DIFF_LO, C_DIFF_HI, C_TEST, C_N_SHARED, C_P,
	C_MIN_DETECTABLE, C_VERDICT, C_DIFFERS, C_A_UNCHOSEN, C_B_UNCHOSEN,
	C_NOTE, N_COLS
};

static const struct q_col cols[N_COLS] = {
	{ "id", NULL, 0 }, { "host", NULL, 0 }, { "model", NULL, 0 },
	{ "quant", NULL, 0 }, { "kv", NULL, 0 }, { "benchmark", NULL, 0 },
	{ "metric", NULL, 0 }, { "variant", NULL, 0 }, { "partial", NULL, 0 },
	{ "n_items", NULL, 0 }, { "n_pass", NULL, 0 }, { "score", NULL, 3 },
	{ "pass_rate", NULL, 3 }, { "pass_lo", NULL, 3 },
	{ "pass_hi", NULL, 3 }, { "compared_with", NULL, 0 },
	{ "reference", NULL, 0 }, { "other_n", NULL, 0 },
	{ "other_rate", NULL, 3 }, { "diff", NULL, 3 }, { "diff_lo", NULL, 3 },
	{ "diff_hi", NULL, 3 }, { "test", NULL, 0 },
	{ "n_shared_items", NULL, 0 }, { "p", NULL, -2 },
	{ "min_detectable", NULL, 3 }, { "verdict", NULL, 0 },
	{ "differs", NULL, 0 }, { "a_unchosen", NULL, 0 },
	{ "b_unchosen", NULL, 0 }, { "note", NULL, 0 },
};

/* One row of the quality view. */
struct qrow {
	long long id, n_items, n_pass;
	const char *host, *backend, *build, *model, *quant, *type_k, *type_v;
	const char *benchmark, *metric, *variant, *run_date;
	double score;		/* NAN when unknown */
	int partial;
	int lower_better;	/* lm-eval says higher_is_better: false */
};

struct qrows {
	struct qrow *v;
	size_t n, cap;
	struct q_pool *pool;
};

/* A published score (reference_score view). */
struct qref {
	long long id, n_items;
	const char *model, *benchmark, *variant, *date, *score_from;
	double score;
};

/* What a row is compared with, and how it came out. */
struct qcmp {
	const struct qrow *b;	/* the other row, or NULL */
	const struct qref *ref;	/* or the reference, or NULL */
	double other_rate;
	long long other_n;
	struct hdb_interval diff;
	const char *test;	/* "mcnemar", "two-proportion", "none" */
	long long n_shared;	/* Q_UNSET unless McNemar */
	double p, min_detectable;
	const char *verdict;
};

/* --- Rows --- */

/* Are the row's pass count and number of items known and usable? */
static int has_counts(const struct qrow *r)
{
	return r->n_items != Q_UNSET && r->n_pass != Q_UNSET &&
	       r->n_items > 0 && r->n_pass >= 0 && r->n_pass <= r->n_items;
}

/* n_pass / n_items, else NAN. */
static double pass_rate(const struct qrow *r)
{
	return has_counts(r) ? (double)r->n_pass / (double)r->n_items : NAN;
}

/* What a row is ranked and compared by: its pass rate, else its score. */
static double rank_value(const struct qrow *r)
{
	return has_counts(r) ? pass_rate(r) : r->score;
}

static const char *row_model(const struct qrow *r)
{
	return r->model ? r->model : "?";
}

static void row_kv(const struct qrow *r, char *buf, size_t size)
{
	if (!r->type_k)
		snprintf(buf, size, "?");
	else if (!r->type_v || !strcmp(r->type_k, r->type_v))
		snprintf(buf, size, "%s", r->type_k);
	else
		snprintf(buf, size, "%s/%s", r->type_k, r->type_v);
}

/* The key of a comparison: benchmark, metric, model. */
static int key_cmp(const struct qrow *a, const struct qrow *b)
{
	int c;

	if ((c = strcmp(a->benchmark, b->benchmark)) ||
	    (c = strcmp(a->metric, b->metric)))
		return c;
	return strcmp(row_model(a), row_model(b));
}

/* Newest first: the later run, then the row ingested last. */
static int newer_cmp(const struct qrow *a, const struct qrow *b)
{
	int c = -q_cmp_str(a->run_date, b->run_date);

	return c ? c : q_cmp_ll(b->id, a->id);
}

/* By key, then the best first (see rank_cmp), as the default mode
 * shows them. */
static int rank_cmp(const struct qrow *a, const struct qrow *b)
{
	double x = rank_value(a), y = rank_value(b);
	int c;

	if ((c = key_cmp(a, b)))
		return c;
	/* rows without any number go last */
	if (isnan(x) || isnan(y))
		return isnan(x) - isnan(y);
	if (x != y)
		return (x > y) == !a->lower_better ? -1 : 1;
	/* on a tie: the row with counts, the larger n, the complete run */
	if ((c = has_counts(b) - has_counts(a)) ||
	    (c = q_cmp_ll(b->n_items == Q_UNSET ? -1 : b->n_items,
			a->n_items == Q_UNSET ? -1 : a->n_items)) ||
	    (c = a->partial - b->partial))
		return c;
	return newer_cmp(a, b);
}

static int rank_qsort(const void *a, const void *b)
{
	return rank_cmp(a, b);
}

/* By key, then newest first, as the pairing of two sides wants them. */
static int newest_qsort(const void *pa, const void *pb)
{
	const struct qrow *a = pa, *b = pb;
	int c = key_cmp(a, b);

	return c ? c : newer_cmp(a, b);
}

static const char rows_sql[] =
	"SELECT id, host, backend, build_commit, coalesce(name, model_named),"
	" quant, type_k, type_v, benchmark, metric, variant, n_items, n_pass,"
	" score, partial, run_date,"
	" json_extract(CASE WHEN json_valid(details) THEN details END,"
	" '$.higher_is_better') FROM quality WHERE 1";

/* Reads the quality rows every selector given matches (NULL entries are
 * skipped).  Returns 0 (release rows), or -1. */
static int rows_load(sqlite3 *db, struct qrows *rows,
		     const struct q_selector *const *sels, size_t n_sels)
{
	struct q_build qb;
	sqlite3_stmt *s;
	size_t i;
	int rc;

	memset(rows, 0, sizeof(*rows));
	rows->pool = q_pool_new();
	q_build_init(&qb, rows_sql);
	for (i = 0; i < n_sels; i++)
		q_selector_where(sels[i], Q_QUALITY, &qb);
	if (q_build_prepare(db, &qb, &s, "read the quality rows")) {
		q_build_release(&qb);
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct q_pool *pl = rows->pool;
		struct qrow *r;

		if (rows->n == rows->cap) {
			rows->cap = rows->cap ? 2 * rows->cap : 32;
			rows->v = xrealloc(rows->v,
					   rows->cap * sizeof(*rows->v));
		}
		r = &rows->v[rows->n++];
		memset(r, 0, sizeof(*r));
		r->id = sqlite3_column_int64(s, 0);
		r->host = q_pool_str(pl, q_text_or_null(s, 1));
		r->backend = q_pool_str(pl, q_text_or_null(s, 2));
		r->build = q_pool_str(pl, q_text_or_null(s, 3));
		r->model = q_pool_str(pl, q_text_or_null(s, 4));
		r->quant = q_pool_str(pl, q_text_or_null(s, 5));
		r->type_k = q_pool_str(pl, q_text_or_null(s, 6));
		r->type_v = q_pool_str(pl, q_text_or_null(s, 7));
		r->benchmark = q_pool_str(pl, q_text(s, 8));
		r->metric = q_pool_str(pl, q_text(s, 9));
		r->variant = q_pool_str(pl, q_text_or_null(s, 10));
		r->n_items = q_int(s, 11);
		r->n_pass = q_int(s, 12);
		r->score = q_double(s, 13);
		r->partial = sqlite3_column_int(s, 14) != 0;
		r->run_date = q_pool_str(pl, q_text_or_null(s, 15));
		r->lower_better = sqlite3_column_type(s, 16) != SQLITE_NULL &&
				  sqlite3_column_int(s, 16) == 0;
	}
	sqlite3_finalize(s);
	q_build_release(&qb);
	if (q_done(db, rc, "read the quality rows")) {
		free(rows->v);
		q_pool_free(rows->pool);
		memset(rows, 0, sizeof(*rows));
		return -1;
	}
	return 0;
}

static void rows_release(struct qrows *rows)
{
	free(rows->v);
	q_pool_free(rows->pool);
	memset(rows, 0, sizeof(*rows));
}

/* The end of the group of rows with the key of v[i]. */
static size_t group_end(const struct qrows *rows, size_t i)
{
	size_t j = i + 1;

	while (j < rows->n && !key_cmp(&rows->v[i], &rows->v[j]))
		j++;
	return j;
}

/* --- How two rows differ --- */

/* Appends "name x vs y" when x and y differ (NULL shown as '?'). */
static int differ(struct strbuf *out, const char *name, const char *x,
		  const char *y, int nocase)
{
	if (x && y ? !(nocase ? strcasecmp(x, y) : strcmp(x, y)) : x == y)
		return 0;
	if (out)
		strbuf_addf(out, "%s%s %s vs %s", out->len ? "; " : "", name,
			    x ? x : "?", y ? y : "?");
	return 1;
}

/* The same for variants, where none is the plain run ('-'), not an
 * unknown one. */
static int differ_variant(struct strbuf *out, const char *x, const char *y)
{
	return differ(out, "variant", x ? x : "-", y ? y : "-", 0);
}

/*
 * How rows a and b differ besides the keys in skip (1 << Q_KEY_*) and
 * the key they are compared on: host, backend, build, quant, kv and
 * variant.  Appends the labels to out when given; returns the count.
 */
static int row_differs(const struct qrow *a, const struct qrow *b,
		       unsigned skip, struct strbuf *out)
{
	char x[64], y[64];
	int n = 0;

	if (!(skip & (1u << Q_KEY_HOST)))
		n += differ(out, "host", a->host, b->host, 0);
	if (!(skip & (1u << Q_KEY_BACKEND)))
		n += differ(out, "backend", a->backend, b->backend, 1);
	if (!(skip & (1u << Q_KEY_BUILD)))
		n += differ(out, "build", a->build, b->build, 1);
	if (!(skip & (1u << Q_KEY_QUANT)))
		n += differ(out, "quant", a->quant, b->quant, 1);
	if (!(skip & (1u << Q_KEY_KV))) {
		row_kv(a, x, sizeof(x));
		row_kv(b, y, sizeof(y));
		n += differ(out, "kv", x, y, 1);
	}
	if (!(skip & (1u << Q_KEY_VARIANT)))
		n += differ_variant(out, a->variant, b->variant);
	return n;
}

/* --- Comparing --- */

/* The items both rows have pass/fail outcomes for: their number, the
 * discordant counts and each side's passes among them. */
struct shared {
	long long n, a_only, b_only, ka, kb;
};

static const char shared_sql[] =
	"SELECT count(*), coalesce(sum(x.passed = 1 AND y.passed = 0), 0),"
	" coalesce(sum(x.passed = 0 AND y.passed = 1), 0),"
	" coalesce(sum(x.passed = 1), 0), coalesce(sum(y.passed = 1), 0)"
	" FROM quality_item x JOIN quality_item y"
	" ON y.quality_id = ? AND y.item = x.item"
	" WHERE x.quality_id = ? AND x.passed IS NOT NULL"
	" AND y.passed IS NOT NULL";

static int shared_items(sqlite3 *db, sqlite3_stmt **s, long long a,
			long long b, struct shared *sh)
{
	int rc;

	if (!*s && q_prepare(db, shared_sql, s, "read the quality items"))
		return -1;
	sqlite3_reset(*s);
	sqlite3_bind_int64(*s, 1, b);
	sqlite3_bind_int64(*s, 2, a);
	rc = sqlite3_step(*s);
	if (rc != SQLITE_ROW) {
		q_done(db, rc, "read the quality items");
		return -1;
	}
	sh->n = sqlite3_column_int64(*s, 0);
	sh->a_only = sqlite3_column_int64(*s, 1);
	sh->b_only = sqlite3_column_int64(*s, 2);
	sh->ka = sqlite3_column_int64(*s, 3);
	sh->kb = sqlite3_column_int64(*s, 4);
	sqlite3_reset(*s);
	return 0;
}

/* The verdict at the 5% level on a difference a - b. */
static const char *verdict_of(double p, double diff)
{
	if (isnan(p))
		return "not tested";
	if (p < 0.05)
		return diff > 0 ? "a better" : "b better";
	return "within noise";
}

/* The unpaired tests of ka/na against kb/nb. */
static void two_prop(long long ka, long long na, long long kb, long long nb,
		     struct qcmp *c)
{
	/* the equal-n formula at the harmonic mean of the two n */
	double n = 2.0 / (1.0 / (double)na + 1.0 / (double)nb);

	c->test = "two-proportion";
	c->p = hdb_two_prop_p((long)ka, (long)na, (long)kb, (long)nb);
	hdb_prop_diff((long)ka, (long)na, (long)kb, (long)nb, &c->diff);
	c->min_detectable = hdb_min_detectable_diff((double)kb / (double)nb,
						    n);
	c->verdict = verdict_of(c->p, c->diff.est);
}

/* A difference without a test (a side has no pass count). */
static void untested(double a, double b, struct qcmp *c)
{
	c->test = "none";
	c->diff.est = a - b;
	c->diff.lo = c->diff.hi = NAN;
	c->p = c->min_detectable = NAN;
	c->verdict = isnan(c->diff.est) ? NULL : "not tested";
}

static void cmp_init(struct qcmp *c)
{
	memset(c, 0, sizeof(*c));
	c->other_rate = c->p = c->min_detectable = NAN;
	c->diff.est = c->diff.lo = c->diff.hi = NAN;
	c->other_n = c->n_shared = Q_UNSET;
}

/* Compares row a with row b.  Returns 0 or -1 (reading items). */
static int compare_rows(sqlite3 *db, sqlite3_stmt **items,
			const struct qrow *a, const struct qrow *b,
			struct qcmp *c)
{
	struct shared sh;

	cmp_init(c);
	c->b = b;
	c->other_rate = rank_value(b);
	c->other_n = b->n_items;
	if (!has_counts(a) || !has_counts(b)) {
		untested(rank_value(a), rank_value(b), c);
		return 0;
	}
	if (shared_items(db, items, a->id, b->id, &sh))
		return -1;
	if (sh.n > 0) {
		c->test = "mcnemar";
		c->n_shared = sh.n;
		c->p = hdb_mcnemar_p((long)sh.a_only, (long)sh.b_only);
		/* over the shared items, so that it agrees with the test */
		hdb_prop_diff((long)sh.ka, (long)sh.n, (long)sh.kb, (long)sh.n,
			      &c->diff);
		c->min_detectable = hdb_min_detectable_diff(
			(double)sh.kb / (double)sh.n, (double)sh.n);
		c->verdict = verdict_of(c->p, c->diff.est);
		return 0;
	}
	two_prop(a->n_pass, a->n_items, b->n_pass, b->n_items, c);
	return 0;
}

/* Compares row a with a published score. */
static void compare_ref(const struct qrow *a, const struct qref *r,
			struct qcmp *c)
{
	long long kb;

	cmp_init(c);
	c->ref = r;
	c->other_rate = r->score;
	c->other_n = r->n_items;
	if (!has_counts(a) || r->n_items == Q_UNSET || r->n_items <= 0 ||
	    isnan(r->score) || r->score < 0 || r->score > 1) {
		untested(rank_value(a), r->score, c);
		return;
	}
	/* a leaderboard gives a percentage: the test and the interval use
	 * the passes it stands for, the difference the score as published */
	kb = llround(r->score * (double)r->n_items);
	two_prop(a->n_pass, a->n_items, kb, r->n_items, c);
	c->diff.est = pass_rate(a) - r->score;
}

/* --- The table --- */

struct qctx {
	struct hdb_table *t;
	unsigned skip;
	struct strbuf differs, note;
	sqlite3_stmt *items;
};

static void note(struct qctx *x, const char *s)
{
	strbuf_addf(&x->note, "%s%s", x->note.len ? "; " : "", s);
}

/* Adds a's row; c may be NULL (nothing to compare with).  a_unchosen
 * and b_unchosen are Q_UNSET where no choice was made; x->note holds
 * the notes of the caller, to which the row's own are added. */
static void add_row(struct qctx *x, const struct qrow *a,
		    const struct qcmp *c, long long a_unchosen,
		    long long b_unchosen)
{
	struct hdb_cell *row = hdb_table_add_row(x->t);
	struct hdb_interval w;
	char kv[64];

	hdb_cell_set_int(&row[C_ID], a->id);
	hdb_cell_set_text(&row[C_HOST], a->host);
	hdb_cell_set_text(&row[C_MODEL], a->model);
	hdb_cell_set_text(&row[C_QUANT], a->quant);
	if (a->type_k) {
		row_kv(a, kv, sizeof(kv));
		hdb_cell_set_text(&row[C_KV], kv);
	}
	hdb_cell_set_text(&row[C_BENCHMARK], a->benchmark);
	hdb_cell_set_text(&row[C_METRIC], a->metric);
	hdb_cell_set_text(&row[C_VARIANT], a->variant);
	hdb_cell_set_int(&row[C_PARTIAL], a->partial);
	q_cell_int(&row[C_N_ITEMS], a->n_items);
	q_cell_int(&row[C_N_PASS], a->n_pass);
	q_cell_real(&row[C_SCORE], a->score);
	if (has_counts(a)) {
		hdb_wilson((long)a->n_pass, (long)a->n_items, &w);
		q_cell_real(&row[C_PASS_RATE], w.est);
		q_cell_real(&row[C_PASS_LO], w.lo);
		q_cell_real(&row[C_PASS_HI], w.hi);
	} else {
		note(x, "score only: no pass count, no interval");
	}
	if (a->partial)
		note(x, "partial run");
	if (c) {
		if (c->b) {
			hdb_cell_set_int(&row[C_COMPARED_WITH], c->b->id);
			if (c->b->partial)
				note(x, "b partial");
		}
		if (c->ref)
			hdb_cell_set_text(&row[C_REFERENCE], c->ref->model);
		q_cell_int(&row[C_OTHER_N], c->other_n);
		q_cell_real(&row[C_OTHER_RATE], c->other_rate);
		q_cell_real(&row[C_DIFF], c->diff.est);
		q_cell_real(&row[C_DIFF_LO], c->diff.lo);
		q_cell_real(&row[C_DIFF_HI], c->diff.hi);
		hdb_cell_set_text(&row[C_TEST], c->test);
		q_cell_int(&row[C_N_SHARED], c->n_shared);
		q_cell_real(&row[C_P], c->p);
		q_cell_real(&row[C_MIN_DETECTABLE], c->min_detectable);
		hdb_cell_set_text(&row[C_VERDICT], c->verdict);
		if (c->b && c->n_shared != Q_UNSET &&
		    (c->n_shared < a->n_items || c->n_shared < c->b->n_items)) {
			char buf[128];

			snprintf(buf, sizeof(buf), "mcnemar over %lld shared "
				 "items of %lld and %lld", c->n_shared,
				 a->n_items, c->b->n_items);
			note(x, buf);
		}
		strbuf_reset(&x->differs);
		if (c->b)
			row_differs(a, c->b, x->skip, &x->differs);
		else if (c->ref)
			differ_variant(&x->differs, a->variant,
				       c->ref->variant);
		if (x->differs.len)
			hdb_cell_set_text(&row[C_DIFFERS],
					  strbuf_str(&x->differs));
	}
	q_cell_int(&row[C_A_UNCHOSEN], a_unchosen);
	q_cell_int(&row[C_B_UNCHOSEN], b_unchosen);
	if (x->note.len)
		hdb_cell_set_text(&row[C_NOTE], strbuf_str(&x->note));
	strbuf_reset(&x->note);
}

/* --- The three modes --- */

/* Each row against the best of its benchmark, metric and model; the best
 * against the runner-up. */
static int by_best(sqlite3 *db, struct qrows *rows, struct qctx *x)
{
	struct qcmp c;
	size_t i, j, e;
	char buf[96];

	if (rows->n)
		qsort(rows->v, rows->n, sizeof(*rows->v), rank_qsort);
	for (i = 0; i < rows->n; i = e) {
		const struct qrow *best = &rows->v[i], *r, *other;
		double top = rank_value(best);
		int tied;

		e = group_end(rows, i);
		/* rows without a number sort last: then none has one */
		tied = e - i > 1 && rank_value(&rows->v[i + 1]) == top;
		for (j = i; j < e; j++) {
			r = &rows->v[j];
			other = j == i ? &rows->v[i + 1] : best;
			if (e - i == 1) {
				note(x, "the only row of its benchmark, "
				     "metric and model");
				add_row(x, r, NULL, Q_UNSET, Q_UNSET);
				continue;
			}
			if (isnan(rank_value(r)) || isnan(rank_value(other))) {
				note(x, isnan(rank_value(r)) ? "no score"
				     : "best; no other row has a score");
				add_row(x, r, NULL, Q_UNSET, Q_UNSET);
				continue;
			}
			if (j == i) {
				snprintf(buf, sizeof(buf), "best of %zu; "
					 "compared with the runner-up", e - i);
				note(x, buf);
			}
			if (tied && rank_value(r) == top)
				note(x, "tied for best");
			if (compare_rows(db, &x->items, r, other, &c))
				return -1;
			add_row(x, r, &c, Q_UNSET, Q_UNSET);
		}
	}
	return 0;
}

/*
 * Chooses one row of a[0..na-1] and one of b[0..nb-1] (each newest
 * first): the pair that differs in the fewest fields besides skip, then
 * the fewest partial runs, then the newest (the first found).
 */
static void choose_pair(const struct qrow *a, size_t na, const struct qrow *b,
			size_t nb, unsigned skip, size_t *ia, size_t *ib)
{
	int best = -1, d;
	size_t i, j;

	*ia = *ib = 0;
	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++) {
			d = 2 * row_differs(&a[i], &b[j], skip, NULL) +
			    a[i].partial + b[j].partial;
			if (best < 0 || d < best) {
				best = d;
				*ia = i;
				*ib = j;
			}
		}
}

/* The rows of a paired with those of b on benchmark, metric and model. */
static int by_sides(sqlite3 *db, struct qrows *a, struct qrows *b,
		    struct qctx *x)
{
	size_t i = 0, j = 0, ie, je, ia, ib;
	struct qcmp c;
	int k;

	if (a->n)
		qsort(a->v, a->n, sizeof(*a->v), newest_qsort);
	if (b->n)
		qsort(b->v, b->n, sizeof(*b->v), newest_qsort);
	while (i < a->n && j < b->n) {
		k = key_cmp(&a->v[i], &b->v[j]);
		if (k < 0) {
			i = group_end(a, i);
			continue;
		}
		if (k > 0) {
			j = group_end(b, j);
			continue;
		}
		ie = group_end(a, i);
		je = group_end(b, j);
		choose_pair(&a->v[i], ie - i, &b->v[j], je - j, x->skip, &ia,
			    &ib);
		if (compare_rows(db, &x->items, &a->v[i + ia], &b->v[j + ib],
				 &c))
			return -1;
		add_row(x, &a->v[i + ia], &c, (long long)(ie - i - 1),
			(long long)(je - j - 1));
		i = ie;
		j = je;
	}
	return 0;
}

/*
 * The benchmark a leaderboard calls what a quality row calls bench:
 * Aider's flat run of the 133 Python exercises is ingested as
 * 'aider-python', and its leaderboard (edit_leaderboard.yml) as
 * 'aider-edit'.  Every other name is the same on both sides.
 */
int q_same_benchmark(const char *bench, const char *ref)
{
	if (!strcasecmp(bench, "aider-python"))
		return !strcasecmp(ref, "aider-edit") ||
		       !strcasecmp(ref, "aider-python");
	return !strcasecmp(bench, ref);
}

/* Does reference r score what row q measures?  The benchmark, and where
 * the reference says which metric it is (Aider: pass_rate_2), that. */
static int ref_fits(const struct qrow *q, const struct qref *r)
{
	return q_same_benchmark(q->benchmark, r->benchmark) &&
	       (!r->score_from || !strcmp(q->metric, r->score_from));
}

static const char refs_sql[] =
	"SELECT id, name, benchmark, variant, score, n_items, date,"
	" json_extract(CASE WHEN json_valid(details) THEN details END,"
	" '$.score_from') FROM reference_score WHERE lower(name) = lower(?)"
	" ORDER BY date DESC, id DESC";

/* Lists the reference models for an error; -1 always. */
static int no_reference(sqlite3 *db, const char *model)
{
	struct strbuf have = STRBUF_INIT;
	sqlite3_stmt *s;
	int rc, n = 0;

	if (q_prepare(db, "SELECT DISTINCT name FROM reference_score"
		      " ORDER BY 1 LIMIT 31", &s, "list the reference models"))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n++ == 30) {
			strbuf_addstr(&have, ", ...");
			break;
		}
		strbuf_addf(&have, "%s%s", n > 1 ? ", " : "", q_text(s, 0));
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && q_done(db, rc, "list the reference models")) {
		strbuf_release(&have);
		return -1;
	}
	hdb_error("--reference: no reference_score rows with model '%s' "
		  "(models in the store: %s)", model, n ? have.buf : "none");
	strbuf_release(&have);
	return -1;
}

/* Each row against the reference score of its benchmark: the one of the
 * same variant if there is one, else the newest. */
static int by_reference(sqlite3 *db, struct qrows *rows, const char *model,
			struct qctx *x)
{
	struct qref *refs = NULL;
	struct q_pool *pool = q_pool_new();
	size_t n = 0, cap = 0, i, j;
	sqlite3_stmt *s;
	struct qcmp c;
	int rc, ret = -1;

	if (q_prepare(db, refs_sql, &s, "read the reference scores"))
		goto out;
	sqlite3_bind_text(s, 1, model, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct qref *r;

		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			refs = xrealloc(refs, cap * sizeof(*refs));
		}
		r = &refs[n++];
		r->id = sqlite3_column_int64(s, 0);
		r->model = q_pool_str(pool, q_text(s, 1));
		r->benchmark = q_pool_str(pool, q_text(s, 2));
		r->variant = q_pool_str(pool, q_text_or_null(s, 3));
		r->score = q_double(s, 4);
		r->n_items = q_int(s, 5);
		r->date = q_pool_str(pool, q_text_or_null(s, 6));
		r->score_from = q_pool_str(pool, q_text_or_null(s, 7));
	}
	sqlite3_finalize(s);
	if (q_done(db, rc, "read the reference scores"))
		goto out;
	if (!n) {
		no_reference(db, model);
		goto out;
	}
	if (rows->n)
		qsort(rows->v, rows->n, sizeof(*rows->v), rank_qsort);
	for (i = 0; i < rows->n; i++) {
		const struct qref *pick = NULL;
		long long others = 0;

		for (j = 0; j < n; j++) {
			if (!ref_fits(&rows->v[i], &refs[j]))
				continue;
			if (!pick || (!q_cmp_str(refs[j].variant,
					       rows->v[i].variant) &&
				      q_cmp_str(pick->variant,
					      rows->v[i].variant)))
				pick = &refs[j];
			others++;
		}
		if (!pick)
			continue;
		compare_ref(&rows->v[i], pick, &c);
		add_row(x, &rows->v[i], &c, Q_UNSET, others - 1);
	}
	ret = 0;
out:
	free(refs);
	q_pool_free(pool);
	return ret;
}

/* The benchmarks a reference model has scores for, for a message. */
static int ref_benchmarks(sqlite3 *db, const char *model, struct strbuf *out)
{
	sqlite3_stmt *s;
	int rc;

	if (q_prepare(db, "SELECT DISTINCT benchmark FROM reference_score"
		      " WHERE lower(name) = lower(?) ORDER BY 1", &s,
		      "list the reference scores"))
		return -1;
	sqlite3_bind_text(s, 1, model, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		strbuf_addf(out, "%s%s", out->len ? ", " : "", q_text(s, 0));
	sqlite3_finalize(s);
	return q_done(db, rc, "list the reference scores");
}

int hdb_query_quality(struct sqlite3 *db, const struct hdb_query_opts *o,
		      struct hdb_table *out)
{
	struct q_selector sa, sb, f;
	const struct q_selector *la[2] = { &sa, &f }, *lb[2] = { &sb, &f };
	const struct q_selector *lf[1] = { &f };
	struct qrows ra, rb;
	struct qctx x;
	struct strbuf benches = STRBUF_INIT;
	int ret = -1;

	memset(&sa, 0, sizeof(sa));
	memset(&sb, 0, sizeof(sb));
	memset(&f, 0, sizeof(f));
	memset(&ra, 0, sizeof(ra));
	memset(&rb, 0, sizeof(rb));
	memset(&x, 0, sizeof(x));
	memset(out, 0, sizeof(*out));
	x.differs = (struct strbuf)STRBUF_INIT;
	x.note = (struct strbuf)STRBUF_INIT;
	if (!o->a != !o->b)
		return hdb_error("quality: expected both --a SEL and --b SEL, "
				 "or neither");
	if (o->a && o->reference)
		return hdb_error("quality: --reference compares every row "
				 "with a published score; give it without "
				 "--a and --b");
	if ((o->benchmark && q_selector_add(db, Q_QUALITY, "--benchmark", &f,
					    Q_KEY_TEST, o->benchmark)) ||
	    (o->model && q_selector_add(db, Q_QUALITY, "--model", &f,
					Q_KEY_MODEL, o->model)))
		goto out;
	if (o->a && (q_selector_parse(db, Q_QUALITY, "--a", o->a, &sa) ||
		     q_selector_parse(db, Q_QUALITY, "--b", o->b, &sb)))
		goto out;
	if (o->a ? rows_load(db, &ra, la, 2) || rows_load(db, &rb, lb, 2)
		 : rows_load(db, &ra, lf, 1))
		goto out;
	q_table_cols(out, cols, N_COLS);
	x.t = out;
	x.skip = sa.keys | sb.keys;
	if (o->a)
		ret = by_sides(db, &ra, &rb, &x);
	else if (o->reference)
		ret = by_reference(db, &ra, o->reference, &x);
	else
		ret = by_best(db, &ra, &x);
	if (ret) {
		hdb_table_release(out);
		goto out;
	}
	if (out->n_rows)
		goto out;
	if (o->a)
		out->empty = xasprintf("no benchmark, metric and model that "
				       "both --a '%s' (%zu rows) and --b '%s' "
				       "(%zu rows) have", o->a, ra.n, o->b,
				       rb.n);
	else if (o->reference) {
		if (ref_benchmarks(db, o->reference, &benches)) {
			hdb_table_release(out);
			ret = -1;
			goto out;
		}
		out->empty = xasprintf("no quality row of the benchmarks that "
				       "reference '%s' scores (%s)%s",
				       o->reference, strbuf_str(&benches),
				       f.n ? " among those --benchmark and "
				       "--model select" : "");
	} else
		out->empty = xasprintf("no quality rows%s", f.n
				       ? " that match the filters" : " yet");
out:
	sqlite3_finalize(x.items);
	strbuf_release(&x.differs);
	strbuf_release(&x.note);
	strbuf_release(&benches);
	rows_release(&ra);
	rows_release(&rb);
	q_selector_release(&sa);
	q_selector_release(&sb);
	q_selector_release(&f);
	return ret;
}
