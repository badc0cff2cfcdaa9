/*
 * noise.c: halodb query noise, how far each measurement can be trusted.
 * One row per row of the throughput view that the selector and filters
 * select: n, mean, stddev, CV, min, median, max and a 95% interval for
 * the mean, from the per-repetition samples where there are any, else
 * from the stored mean, stddev and repetitions; and flags for too few
 * repetitions, a high CV and a warm-up (the first repetition far from
 * the rest), and the reasons of a run the bench gate called dirty.  Runs
 * that did not finish are shown with their status and error, without
 * numbers.  Reads the throughput and throughput_sample
 * views.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * Fewer repetitions than this are flagged.  A rank test at p < 0.01
 * must survive a swapped pair or two: with 5 vs 5 the exact two-sided
 * Mann-Whitney p is 2/252 = 0.0079 only when the sides do not overlap
 * at all and 4/252 = 0.016 after one swap; with 6 vs 6 it is 8/924 =
 * 0.0087 after two swaps.
 */
#define NOISE_MIN_REPS 6
/* Warm-up: the first repetition differs from the median of the others
 * by more than this fraction of it ... */
#define WARMUP_REL 0.10
/* ... and by more than this many of their standard deviations. */
#define WARMUP_SDS 3.0

enum {
	C_ID, C_HOST, C_MODEL, C_QUANT, C_TEST, C_DEPTH, C_BACKEND, C_BUILD,
	C_KV, C_VARIANT, C_STATUS, C_N, C_MEAN, C_SD, C_CV, C_MIN, C_MEDIAN, C_MAX,
	C_CI_LO, C_CI_HI, C_FLAGS, C_METHOD, C_ERROR, N_COLS
};

static const struct q_col cols[N_COLS] = {
	{ "id", NULL, 0 }, { "host", NULL, 0 }, { "model", NULL, 0 },
	{ "quant", NULL, 0 }, { "test", NULL, 0 },
	{ "depth", "tokens", 0 }, { "backend", NULL, 0 },
	{ "build", NULL, 0 }, { "kv", NULL, 0 }, { "variant", NULL, 0 },
	{ "status", NULL, 0 },
	{ "n", NULL, 0 }, { "mean", "t/s", 2 }, { "sd", "t/s", 2 },
	{ "cv", NULL, -2 }, { "min", "t/s", 2 }, { "median", "t/s", 2 },
	{ "max", "t/s", 2 }, { "ci_lo", "t/s", 2 }, { "ci_hi", "t/s", 2 },
	{ "flags", NULL, 0 }, { "method", NULL, 0 }, { "error", NULL, 0 },
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * Is the first of x[0..n-1] a warm-up?  With m the median and s the
 * sample standard deviation of x[1..n-1]: |x[0] - m| > WARMUP_REL |m|
 * and |x[0] - m| > WARMUP_SDS s.  Needs n >= 3 (s from two values).
 */
static int warm_up(const double *x, size_t n)
{
	double stack[64], *rest, m, mean = 0, ss = 0, d;
	size_t i, k = n - 1;
	int ret;

	if (n < 3)
		return 0;
	rest = k <= 64 ? stack : xmalloc(k * sizeof(*rest));
	memcpy(rest, x + 1, k * sizeof(*rest));
	if (k > 32) {
		qsort(rest, k, sizeof(*rest), cmp_double);
	} else {
		/* a handful of repetitions: insertion sort */
		for (i = 1; i < k; i++) {
			double v = rest[i];
			size_t j;

			for (j = i; j > 0 && cmp_double(&rest[j - 1], &v) > 0;
			     j--)
				rest[j] = rest[j - 1];
			rest[j] = v;
		}
	}
	m = k % 2 ? rest[k / 2] : (rest[k / 2 - 1] + rest[k / 2]) / 2;
	for (i = 0; i < k; i++)
		mean += rest[i];
	mean /= k;
	for (i = 0; i < k; i++)
		ss += (rest[i] - mean) * (rest[i] - mean);
	d = fabs(x[0] - m);
	ret = d > WARMUP_REL * fabs(m) && d > WARMUP_SDS * sqrt(ss / (k - 1));
	if (rest != stack)
		free(rest);
	return ret;
}

static void add_flag(struct strbuf *b, const char *flag)
{
	if (b->len)
		strbuf_addstr(b, "; ");
	strbuf_addstr(b, flag);
}

/* The model's name, else its file, else NULL (unknown: a run that died
 * before it said). */
static const char *model_of(const struct q_point *p)
{
	return p->name ? p->name : p->model_file;
}

static void add_noise_row(struct hdb_table *t, const struct q_point *p,
			  double max_cv, struct strbuf *flags)
{
	struct hdb_cell *row = hdb_table_add_row(t);
	struct hdb_summary s;
	char buf[64];
	int n_known;

	hdb_cell_set_int(&row[C_ID], p->id);
	hdb_cell_set_text(&row[C_HOST], p->host);
	hdb_cell_set_text(&row[C_MODEL], model_of(p));
	hdb_cell_set_text(&row[C_QUANT], p->quant);
	hdb_cell_set_text(&row[C_TEST], p->test);
	q_cell_int(&row[C_DEPTH], p->depth);
	hdb_cell_set_text(&row[C_BACKEND], p->backend);
	if (p->build_number != Q_UNSET)
		hdb_cell_set_int(&row[C_BUILD], p->build_number);
	else if (p->build_commit)
		hdb_cell_set_text(&row[C_BUILD], p->build_commit);
	if (p->type_k) {
		q_point_kv(p, buf, sizeof(buf));
		hdb_cell_set_text(&row[C_KV], buf);
	}
	hdb_cell_set_text(&row[C_VARIANT], p->variant);
	hdb_cell_set_text(&row[C_STATUS], p->status);
	strbuf_reset(flags);
	if (!q_point_ok(p)) {
		/* no numbers: a run that did not finish measured nothing */
		add_flag(flags, p->status ? p->status : "?");
		if (q_point_dirty(p))
			add_flag(flags, p->gate);
		hdb_cell_set_text(&row[C_FLAGS], strbuf_str(flags));
		hdb_cell_set_text(&row[C_ERROR], p->error);
		return;
	}
	n_known = q_point_summary(p, &s);
	if (n_known)
		hdb_cell_set_int(&row[C_N], (long long)s.n);
	q_cell_real(&row[C_MEAN], s.mean);
	q_cell_real(&row[C_SD], s.sd);
	q_cell_real(&row[C_CV], s.cv);
	q_cell_real(&row[C_MIN], s.min);
	q_cell_real(&row[C_MEDIAN], s.median);
	q_cell_real(&row[C_MAX], s.max);
	q_cell_real(&row[C_CI_LO], s.ci_lo);
	q_cell_real(&row[C_CI_HI], s.ci_hi);
	hdb_cell_set_text(&row[C_METHOD], p->n_samples ? "samples"
			  : "mean, sd, n");
	if (!n_known || s.n < NOISE_MIN_REPS)
		add_flag(flags, "too few repetitions");
	if (s.cv > max_cv)
		add_flag(flags, "high cv");
	if (warm_up(p->samples, p->n_samples))
		add_flag(flags, "warm-up");
	/* the bench gate's failed checks, as halodb run recorded them */
	if (q_point_dirty(p))
		add_flag(flags, p->gate);
	if (flags->len)
		hdb_cell_set_text(&row[C_FLAGS], strbuf_str(flags));
}

/* The order of the rows: host, model, quant, test, depth, id. */
static int noise_cmp(const void *pa, const void *pb)
{
	const struct q_point *a = pa, *b = pb;
	int c;

	if ((c = q_cmp_str(a->host, b->host)) ||
	    (c = q_cmp_str(model_of(a), model_of(b))) ||
	    (c = q_cmp_str(a->quant, b->quant)) ||
	    (c = q_cmp_str(a->test, b->test)) ||
	    (c = q_cmp_ll(a->depth, b->depth)))
		return c;
	return q_cmp_ll(a->id, b->id);
}

/* Puts a host's points in the order of their rows (noise_cmp); for
 * q_ahead, no aux. */
static void *noise_order(struct q_points *pts)
{
	if (pts->n)
		qsort(pts->v, pts->n, sizeof(*pts->v), noise_cmp);
	return NULL;
}

/* Why there are no rows: the options that selected nothing. */
static char *why_empty(const struct hdb_query_opts *o)
{
	struct strbuf b = STRBUF_INIT;
	const char *names[4] = { "--host", "--model", "--quant", "--test" };
	const char *vals[4] = { o->host, o->model, o->quant, o->test };
	int i, any = 0;

	strbuf_addstr(&b, "no throughput rows");
	for (i = 0; i < 4; i++)
		if (vals[i]) {
			strbuf_addf(&b, "%s %s '%s'", any ? "," : " for",
				    names[i], vals[i]);
			any = 1;
		}
	if (!any)
		strbuf_addstr(&b, " in the store");
	return strbuf_detach(&b);
}

int hdb_query_noise_sink(struct sqlite3 *db, const struct hdb_query_opts *o,
			 struct hdb_table *out, const struct hdb_sink *sink)
{
	struct q_selector host, f;
	const struct q_selector *sels[2] = { &host, &f };
	struct q_points pts;
	struct strbuf flags = STRBUF_INIT;
	struct q_ahead *ahead = NULL;
	size_t i, total = 0;
	void *aux = NULL;
	int ret = -1, txn = 0, rc;

	memset(&host, 0, sizeof(host));
	memset(&f, 0, sizeof(f));
	memset(&pts, 0, sizeof(pts));
	memset(out, 0, sizeof(*out));
	if ((o->host &&
	     q_selector_parse(db, Q_THROUGHPUT, "--host", o->host, &host)) ||
	    q_filters(db, o, &f))
		goto out;
	/*
	 * A host at a time (the rows come by host first): the memory of
	 * one host's rows, or of two where the next host is loaded ahead
	 * on another thread (q_ahead; it looks for a transaction of the
	 * caller's: before ours).
	 */
	ahead = q_ahead_start(db, sels, 2, 0, noise_order);
	if (q_read_begin(db))
		goto out;
	txn = 1;
	q_table_cols(out, cols, N_COLS);
	/* each host handed back at the next call */
	while ((rc = q_ahead_next(ahead, &pts, &aux)) == 1)
		for (i = 0; i < pts.n; i++) {
			add_noise_row(out, &pts.v[i], o->cv, &flags);
			if (q_sink_window(sink, out, &total, 0))
				goto fail;
		}
	if (rc < 0 || q_sink_window(sink, out, &total, 1))
		goto fail;
	if (!out->n_rows && !total)
		out->empty = why_empty(o);
	ret = 0;
	goto out;
fail:
	hdb_table_release(out);
out:
	q_ahead_end(ahead);
	if (txn)
		q_read_end(db);
	strbuf_release(&flags);
	q_points_release(&pts);
	free(aux);
	q_selector_release(&host);
	q_selector_release(&f);
	return ret;
}

int hdb_query_noise(struct sqlite3 *db, const struct hdb_query_opts *o,
		    struct hdb_table *out)
{
	return hdb_query_noise_sink(db, o, out, NULL);
}
