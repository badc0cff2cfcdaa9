/*
 * stats.c: the statistics behind query/'s verdicts: the normal and t
 * distributions, one-sample summaries, Welch and Mann-Whitney tests on
 * throughput samples, ratio intervals, and the interval and tests on pass
 * rates (Wilson, McNemar, two proportions).  The query files read the
 * store and call these; nothing here knows about SQLite (stats.h says
 * what each function returns and when it is NAN).
 */
#include "stats.h"
#include "../util.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define SQRT2 1.41421356237309504880
#define SQRT2PI 2.50662827463100050242

double hdb_normal_cdf(double x)
{
	return 0.5 * erfc(-x / SQRT2);
}

/* Acklam's approximation (relative error 1.15e-9) before polishing. */
static double acklam(double p)
{
	static const double a[] = { -3.969683028665376e+01,
		2.209460984245205e+02, -2.759285104469687e+02,
		1.383577518672690e+02, -3.066479806614716e+01,
		2.506628277459239e+00 };
	static const double b[] = { -5.447609879822406e+01,
		1.615858368580409e+02, -1.556989798598866e+02,
		6.680131188771972e+01, -1.328068155288572e+01 };
	static const double c[] = { -7.784894002430293e-03,
		-3.223964580411365e-01, -2.400758277161838e+00,
		-2.549732539343734e+00, 4.374664141464968e+00,
		2.938163982698783e+00 };
	static const double d[] = { 7.784695709041462e-03,
		3.224671290700398e-01, 2.445134137142996e+00,
		3.754408661907416e+00 };
	const double plow = 0.02425;
	double q, r;

	if (p < plow || p > 1 - plow) {
		q = sqrt(-2 * log(p < plow ? p : 1 - p));
		r = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q
		     + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
		return p < plow ? r : -r;
	}
	q = p - 0.5;
	r = q * q;
	return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r
		+ a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r
				+ b[4]) * r + 1);
}

double hdb_normal_quantile(double p)
{
	double x;
	int i;

	if (!(p >= 0 && p <= 1))
		return NAN;
	if (p == 0)
		return -INFINITY;
	if (p == 1)
		return INFINITY;
	x = acklam(p);
	/* Halley steps on the CDF; the lower tail is computed directly
	 * (erfc), so p near 0 keeps its precision. */
	for (i = 0; i < 2; i++) {
		double e = hdb_normal_cdf(x) - p;
		double u = e * SQRT2PI * exp(x * x / 2);

		x -= u / (1 + x * u / 2);
	}
	return x;
}

#define LENTZ_TINY 1e-300

/* One step of the modified Lentz method with coefficient aa: updates
 * c and d and returns the factor the continued fraction is multiplied by. */
static double lentz_step(double aa, double *c, double *d)
{
	*d = 1 + aa * *d;
	if (fabs(*d) < LENTZ_TINY)
		*d = LENTZ_TINY;
	*c = 1 + aa / *c;
	if (fabs(*c) < LENTZ_TINY)
		*c = LENTZ_TINY;
	*d = 1 / *d;
	return *d * *c;
}

/* The continued fraction of I_x(a, b) (Numerical Recipes 6.4), by
 * modified Lentz. */
static double beta_cf(double a, double b, double x)
{
	const double eps = 1e-16;
	double qab = a + b, qap = a + 1, qam = a - 1;
	double c = 1, d = 1 - qab * x / qap, h;
	int m;

	if (fabs(d) < LENTZ_TINY)
		d = LENTZ_TINY;
	d = 1 / d;
	h = d;
	for (m = 1; m <= 100000; m++) {
		int m2 = 2 * m;
		double aa = m * (b - m) * x / ((qam + m2) * (a + m2)), del;

		h *= lentz_step(aa, &c, &d);
		aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
		del = lentz_step(aa, &c, &d);
		h *= del;
		if (fabs(del - 1) < eps)
			break;
	}
	return h;
}

/*
 * I_x(a, b) with k = lgamma(a + b) - lgamma(a) - lgamma(b) given: the
 * t distribution asks for many x at one (a, b), and k is the same for
 * all of them (computed as hdb_beta_inc did, so the bits are the same).
 */
static double beta_inc_k(double a, double b, double x, double k)
{
	double bt;

	if (!(a > 0 && b > 0 && x >= 0 && x <= 1))
		return NAN;
	if (x == 0 || x == 1)
		return x;
	bt = exp(k + a * log(x) + b * log1p(-x));
	/* The fraction converges fast only below the mean; above it use
	 * the symmetry I_x(a, b) = 1 - I_{1-x}(b, a). */
	if (x < (a + 1) / (a + b + 2))
		return bt * beta_cf(a, b, x) / a;
	return 1 - bt * beta_cf(b, a, 1 - x) / b;
}

static double beta_k(double a, double b)
{
	return lgamma(a + b) - lgamma(a) - lgamma(b);
}

double hdb_beta_inc(double a, double b, double x)
{
	if (!(a > 0 && b > 0 && x >= 0 && x <= 1))
		return NAN;
	return beta_inc_k(a, b, x, beta_k(a, b));
}

/* P(T >= t) for t >= 0 with k = beta_k(df / 2, 0.5), computed as a tail
 * so that it keeps its precision far out. */
static double t_upper_k(double t, double df, double k)
{
	/* Beyond 1e8 df the normal is closer than lgamma's cancellation in
	 * hdb_beta_inc (both errors are near 3e-8 there). */
	if (df > 1e8)
		return 0.5 * erfc(t / SQRT2);
	if (isinf(t))
		return 0;
	return 0.5 * beta_inc_k(df / 2, 0.5, df / (df + t * t), k);
}

static double t_upper(double t, double df)
{
	return t_upper_k(t, df, df > 1e8 ? 0 : beta_k(df / 2, 0.5));
}

double hdb_t_cdf(double t, double df)
{
	if (isnan(t) || !(df > 0))
		return NAN;
	return t < 0 ? t_upper(-t, df) : 1 - t_upper(t, df);
}

static double t_quantile(double p, double df, int guided);

/*
 * The 97.5% point for a whole df below 256 is remembered: it is the one
 * every interval asks for, and a query over 50,000 rows asks for a
 * handful of distinct df.
 */
double hdb_t_quantile(double p, double df)
{
	/* per thread: the queries that load hosts ahead (q_ahead) compute
	 * on one thread, but a library caller may use several */
	static _Thread_local double t975[256];
	int d = (int)df;

	if (p != 0.975 || !(df >= 1 && df < 256) || df != d)
		return t_quantile(p, df, 1);
	if (!t975[d])
		t975[d] = t_quantile(p, df, 1);
	return t975[d];
}

double hdb_t_quantile_bisect(double p, double df)
{
	return t_quantile(p, df, 0);
}

/*
 * Where t_upper(t, df) = tail, near enough to guide the bisection: Newton
 * on the tail with the t density and Halley's correction (cubic: two
 * evaluations where Newton took four or five), from the normal quantile
 * with the first terms of its Cornish-Fisher expansion.  Returns 0
 * (*root set), or -1 when it does not settle (the bisection then goes
 * unguided).
 */
static int t_root(double tail, double df, double k, double *root)
{
	/* the intervals ask for one tail (0.025) again and again */
	static _Thread_local double last_tail = -1, last_z;
	double z, t, step, lpdf0;
	int i;

	if (tail != last_tail) {
		last_z = -hdb_normal_quantile(tail);
		last_tail = tail;
	}
	z = last_z;
	t = z + (z * z * z + z) / (4 * df) +
	    (5 * pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * df * df);
	/* the log of the density's constant, Gamma((df + 1) / 2) /
	 * (sqrt(df pi) Gamma(df / 2)): k (lgamma((df + 1) / 2) -
	 * lgamma(df / 2) - lgamma(1 / 2)) less log(df) / 2, since
	 * lgamma(1 / 2) = log(pi) / 2 */
	lpdf0 = k - 0.5 * log(df);
	for (i = 0; i < 40; i++) {
		double pdf = exp(lpdf0 - (df + 1) / 2 * log1p(t * t / df));

		if (!(t > 0) || !isfinite(t) || !(pdf > 0))
			return -1;
		/* Newton's step, then Halley's correction with the density's
		 * slope: pdf'(t) = -pdf(t) (df + 1) t / (df + t^2) */
		step = (t_upper_k(t, df, k) - tail) / pdf;
		step /= 1 - step * (df + 1) * t / (2 * (df + t * t));
		/* a step past 0 would leave the branch: halve instead */
		t = t + step > 0 ? t + step : t / 2;
		/* the error after a step is about the cube of the step
		 * before it: past 1e-7, below the evaluation's own noise */
		if (fabs(step) < 1e-7 * t) {
			*root = t;
			return 0;
		}
	}
	return -1;
}

/*
 * The relative half width of the window around the root inside which the
 * bisection evaluates the tail.  Outside it the outcome of a step is
 * known: a relative change of T_WINDOW in t moves the tail by about three
 * times as much (t pdf / tail near the 95% point), several times the
 * error of computing it.  That error grows with df (the continued
 * fraction runs longer, lgamma cancels): measured against the plain
 * bisection, the first steps decided wrongly appear at 3e-15 for df
 * below 16, and at 1e-14 for df from 256 up; 1e-14 for df below 64 (the
 * Welch df of a few repetitions a side) gave none in 1.5 million df and
 * p, and 1e-13 none for any df.  tests/unit/test_stats.c keeps 87,000.
 */
#define T_WINDOW(df) ((df) < 64 ? 1e-14 : 1e-13)

/*
 * The quantile by bisection on the tail (relative precision ~1e-15).
 * guided: a Newton-Halley root first (t_root), and the steps of the
 * bisection that fall outside a narrow window around it decided without
 * evaluating the tail, since they could come out only one way; the steps
 * inside, where rounding decides, are evaluated as before, so the result
 * is the one the unguided bisection gives to the last bit
 * (tests/unit/test_stats.c compares them) in a sixth to a third of the
 * evaluations.
 */
static double t_quantile(double p, double df, int guided)
{
	double tail, lo = 0, hi = 1, k, root, wlo = -1, whi = -1;
	int i;

	if (!(p >= 0 && p <= 1) || !(df > 0))
		return NAN;
	if (p == 0)
		return -INFINITY;
	if (p == 1)
		return INFINITY;
	if (p == 0.5)
		return 0;
	tail = p < 0.5 ? p : 1 - p;
	k = df > 1e8 ? 0 : beta_k(df / 2, 0.5);
	if (guided && df >= 1 && df <= 1e7 && tail > 1e-12 &&
	    !t_root(tail, df, k, &root)) {
		wlo = root * (1 - T_WINDOW(df));
		whi = root * (1 + T_WINDOW(df));
		/* the window must bracket the root as evaluated, or the
		 * guide is not trusted */
		if (!(t_upper_k(wlo, df, k) > tail) ||
		    t_upper_k(whi, df, k) > tail)
			wlo = whi = -1;
	}
	/* is t_upper(x) > tail, x below the quantile? */
#define BELOW(x) (wlo < 0 || ((x) >= wlo && (x) <= whi)		\
		  ? t_upper_k((x), df, k) > tail : (x) < wlo)
	while (BELOW(hi) && hi < 1e300)
		hi *= 2;
	for (i = 0; i < 2000 && hi - lo > 1e-15 * hi; i++) {
		double mid = lo + (hi - lo) / 2;

		if (BELOW(mid))
			lo = mid;
		else
			hi = mid;
	}
#undef BELOW
	hi = lo + (hi - lo) / 2;
	return p < 0.5 ? -hi : hi;
}

void hdb_mean_ci(double mean, double sd, double n, struct hdb_interval *r)
{
	double h;

	r->est = mean;
	r->lo = r->hi = NAN;
	if (!(n >= 2) || isnan(sd) || isnan(mean))
		return;
	h = hdb_t_quantile(0.975, n - 1) * sd / sqrt(n);
	r->lo = mean - h;
	r->hi = mean + h;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * Sorts v[0..n-1] ascending.  A measurement has a handful of
 * repetitions: insertion sort, stable like glibc's qsort (a merge sort),
 * so equal values keep their order; qsort past a few dozen.
 */
static void sort_doubles(double *v, size_t n)
{
	size_t i, j;
	double x;

	if (n > 32) {
		qsort(v, n, sizeof(*v), cmp_double);
		return;
	}
	for (i = 1; i < n; i++) {
		x = v[i];
		for (j = i; j > 0 && cmp_double(&v[j - 1], &x) > 0; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

void hdb_mean_sd(const double *x, size_t n, double *mean, double *sd)
{
	double sum = 0, ss = 0;
	size_t i;

	*mean = *sd = NAN;
	if (!n)
		return;
	for (i = 0; i < n; i++)
		sum += x[i];
	*mean = sum / n;
	if (n < 2)
		return;
	/* Two passes: sum of squares about the mean, not sum x^2 - n m^2,
	 * which cancels badly for tokens/s values with a small spread. */
	for (i = 0; i < n; i++)
		ss += (x[i] - *mean) * (x[i] - *mean);
	*sd = sqrt(ss / (n - 1));
}

void hdb_summarize(const double *x, size_t n, struct hdb_summary *s)
{
	double *v, stack[64];

	s->n = n;
	s->mean = s->sd = s->cv = NAN;
	s->min = s->median = s->max = NAN;
	s->ci_lo = s->ci_hi = NAN;
	if (!n)
		return;
	v = n <= 64 ? stack : xmalloc(n * sizeof(*v));
	memcpy(v, x, n * sizeof(*v));
	sort_doubles(v, n);
	s->min = v[0];
	s->max = v[n - 1];
	s->median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	if (v != stack)
		free(v);
	hdb_mean_sd(x, n, &s->mean, &s->sd);
	if (n < 2)
		return;
	if (s->mean != 0)
		s->cv = s->sd / s->mean;
	{
		double h = hdb_t_quantile(0.975, n - 1) * s->sd / sqrt(n);

		s->ci_lo = s->mean - h;
		s->ci_hi = s->mean + h;
	}
}

/* Welch-Satterthwaite df of two variance terms v_i with n_i - 1 df. */
static double welch_df(double v1, double n1, double v2, double n2)
{
	return (v1 + v2) * (v1 + v2) /
	       (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
}

void hdb_welch(double mean1, double sd1, double n1,
	       double mean2, double sd2, double n2, struct hdb_welch *w)
{
	double v1, v2, diff = mean1 - mean2;

	w->t = w->df = w->p = NAN;
	if (!(n1 >= 2 && n2 >= 2 && sd1 >= 0 && sd2 >= 0) || isnan(diff))
		return;
	v1 = sd1 * sd1 / n1;
	v2 = sd2 * sd2 / n2;
	if (v1 + v2 == 0) {
		w->t = diff == 0 ? 0 : diff > 0 ? INFINITY : -INFINITY;
		w->p = diff == 0 ? 1 : 0;
		return;
	}
	w->t = diff / sqrt(v1 + v2);
	w->df = welch_df(v1, n1, v2, n2);
	w->p = 2 * t_upper(fabs(w->t), w->df);
	if (w->p > 1)
		w->p = 1;
}

void hdb_welch_samples(const double *x, size_t nx, const double *y,
		       size_t ny, struct hdb_welch *w)
{
	struct hdb_summary a, b;

	hdb_summarize(x, nx, &a);
	hdb_summarize(y, ny, &b);
	hdb_welch(a.mean, a.sd, nx, b.mean, b.sd, ny, w);
}

struct mw_obs {
	double v;
	int from_x;
};

static int cmp_obs(const void *a, const void *b)
{
	return cmp_double(&((const struct mw_obs *)a)->v,
			  &((const struct mw_obs *)b)->v);
}

/*
 * P(U <= u) and P(U >= u) under the null, with no ties.  The counts of
 * U over all C(m+n, m) arrangements are the coefficients of the Gaussian
 * binomial [m+n choose m]_q = prod_{i=1..m} (1 - q^(n+i)) / (1 - q^i);
 * the counts stay below C(50, 25) ~ 1.3e14, exact in a double.
 */
/*
 * The null distribution of U for m and n up to MW_CACHE - 1 is
 * remembered: a query compares thousands of pairs of five repetitions,
 * and the counts are the same for every one of them.
 */
#define MW_CACHE 13

static double mw_exact_p(size_t m, size_t n, size_t u)
{
	static double *cache[MW_CACHE][MW_CACHE];
	size_t deg = 0, size = m * n + m + n + 1, i, k;
	double *c, total = 0, below = 0, above = 0, p;

	if (m < MW_CACHE && n < MW_CACHE &&
	    (c = __atomic_load_n(&cache[m][n], __ATOMIC_ACQUIRE))) {
		deg = m * n;
		goto sum;
	}
	c = xcalloc(size, sizeof(*c));
	c[0] = 1;
	for (i = 1; i <= m; i++) {
		/* times (1 - q^(n+i)) */
		for (k = deg + n + i; k >= n + i; k--)
			c[k] -= c[k - n - i];
		deg += n + i;
		/* divided by (1 - q^i): r[k] = c[k] + r[k - i] */
		for (k = i; k <= deg; k++)
			c[k] += c[k - i];
		deg -= i;
	}
	if (m < MW_CACHE && n < MW_CACHE) {
		/* kept for the process's life; where another thread was
		 * first, its counts (the same) are used and these freed */
		double *none = NULL;

		if (!__atomic_compare_exchange_n(&cache[m][n], &none, c, 0,
						 __ATOMIC_ACQ_REL,
						 __ATOMIC_ACQUIRE)) {
			free(c);
			c = none;
		}
	}
sum:
	for (k = 0; k <= deg; k++) {
		total += c[k];
		if (k <= u)
			below += c[k];
		if (k >= u)
			above += c[k];
	}
	if (!(m < MW_CACHE && n < MW_CACHE))
		free(c);
	p = 2 * (below < above ? below : above) / total;
	return p > 1 ? 1 : p;
}

double hdb_mann_whitney_p(const double *x, size_t nx, const double *y,
			  size_t ny)
{
	size_t n = nx + ny, i, j;
	struct mw_obs *o, stack[64];
	double r1 = 0, ties = 0, u, mu, var, z;

	if (!nx || !ny)
		return NAN;
	o = n <= 64 ? stack : xmalloc(n * sizeof(*o));
	for (i = 0; i < nx; i++)
		o[i] = (struct mw_obs){ x[i], 1 };
	for (i = 0; i < ny; i++)
		o[nx + i] = (struct mw_obs){ y[i], 0 };
	if (n > 32) {
		qsort(o, n, sizeof(*o), cmp_obs);
	} else {
		/* a few repetitions a side: insertion sort (the ranks of
		 * equal values do not depend on their order) */
		for (i = 1; i < n; i++) {
			struct mw_obs t = o[i];

			for (j = i; j > 0 && cmp_obs(&o[j - 1], &t) > 0; j--)
				o[j] = o[j - 1];
			o[j] = t;
		}
	}
	/* Midranks: a run of equal values o[i..j-1] shares (i+1 + j) / 2. */
	for (i = 0; i < n; i = j) {
		double t;

		for (j = i + 1; j < n && o[j].v == o[i].v; j++)
			;
		t = j - i;
		ties += t * t * t - t;
		for (size_t k = i; k < j; k++)
			if (o[k].from_x)
				r1 += (i + 1 + j) / 2.0;
	}
	if (o != stack)
		free(o);
	u = r1 - nx * (nx + 1) / 2.0;
	if (ties == 0 && n <= HDB_MW_EXACT_MAX)
		return mw_exact_p(nx, ny, (size_t)u);
	mu = nx * (double)ny / 2;
	var = nx * (double)ny / 12 * ((n + 1) - ties / ((double)n * (n - 1)));
	if (!(var > 0))
		return 1;
	z = (fabs(u - mu) - 0.5) / sqrt(var);
	if (z < 0)
		z = 0;
	return erfc(z / SQRT2);
}

void hdb_ratio_ci(double mean1, double sd1, double n1,
		  double mean2, double sd2, double n2,
		  struct hdb_interval *r)
{
	double v1, v2, h;

	r->est = r->lo = r->hi = NAN;
	if (!(mean1 > 0 && mean2 > 0))
		return;
	r->est = mean1 / mean2;
	if (!(n1 >= 2 && n2 >= 2 && sd1 >= 0 && sd2 >= 0))
		return;
	v1 = sd1 * sd1 / (n1 * mean1 * mean1);
	v2 = sd2 * sd2 / (n2 * mean2 * mean2);
	if (v1 + v2 == 0) {
		r->lo = r->hi = r->est;
		return;
	}
	h = hdb_t_quantile(0.975, welch_df(v1, n1, v2, n2)) * sqrt(v1 + v2);
	r->lo = exp(log(r->est) - h);
	r->hi = exp(log(r->est) + h);
}

enum hdb_verdict hdb_ratio_verdict(const struct hdb_interval *r,
				   double n_num, double n_den,
				   int spread_known, double noise)
{
	if (!(n_num >= 2 && n_den >= 2) || !spread_known ||
	    isnan(r->lo) || isnan(r->hi))
		return HDB_TOO_FEW;
	if (r->lo > 1 + noise)
		return HDB_NUM_FASTER;
	if (r->hi < 1 - noise)
		return HDB_DEN_FASTER;
	return HDB_WITHIN_NOISE;
}

void hdb_wilson(long k, long n, struct hdb_interval *r)
{
	double z = hdb_normal_quantile(0.975), z2 = z * z, p, c, h;

	r->est = r->lo = r->hi = NAN;
	if (!(n > 0 && k >= 0 && k <= n))
		return;
	p = (double)k / n;
	c = (p + z2 / (2 * n)) / (1 + z2 / n);
	h = z / (1 + z2 / n) * sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
	r->est = p;
	/* At k = 0 and k = n, c - h and c + h are 0 and 1 only up to
	 * rounding; say them exactly. */
	r->lo = k == 0 ? 0 : c - h;
	r->hi = k == n ? 1 : c + h;
}

double hdb_mcnemar_p(long b, long c)
{
	long n = b + c, k = b < c ? b : c;
	double p;

	if (b < 0 || c < 0)
		return NAN;
	if (n == 0)
		return 1;
	/* P(X <= k) for X ~ Bin(n, 1/2) is I_{1/2}(n - k, k + 1). */
	p = 2 * hdb_beta_inc(n - k, k + 1, 0.5);
	return p > 1 ? 1 : p;
}

static int prop_ok(long k, long n)
{
	return n > 0 && k >= 0 && k <= n;
}

double hdb_two_prop_p(long k1, long n1, long k2, long n2)
{
	double p, se, z;

	if (!prop_ok(k1, n1) || !prop_ok(k2, n2))
		return NAN;
	p = (double)(k1 + k2) / (n1 + n2);
	se = sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2));
	if (!(se > 0))
		return 1;
	z = ((double)k1 / n1 - (double)k2 / n2) / se;
	return erfc(fabs(z) / SQRT2);
}

void hdb_prop_diff(long k1, long n1, long k2, long n2,
		   struct hdb_interval *r)
{
	struct hdb_interval a, b;
	double d;

	r->est = r->lo = r->hi = NAN;
	if (!prop_ok(k1, n1) || !prop_ok(k2, n2))
		return;
	hdb_wilson(k1, n1, &a);
	hdb_wilson(k2, n2, &b);
	d = a.est - b.est;
	r->est = d;
	r->lo = d - sqrt((a.est - a.lo) * (a.est - a.lo) +
			 (b.hi - b.est) * (b.hi - b.est));
	r->hi = d + sqrt((a.hi - a.est) * (a.hi - a.est) +
			 (b.est - b.lo) * (b.est - b.lo));
}

/* Power of the pooled two-sided 5% z test for p against p + d. */
static double prop_power(double p, double d, double n, double za)
{
	double p2 = p + d, pbar = (p + p2) / 2;
	double s0 = sqrt(2 * pbar * (1 - pbar));
	double s1 = sqrt(p * (1 - p) + p2 * (1 - p2));

	if (!(s1 > 0))
		return d > 0 ? 1 : 0;
	return hdb_normal_cdf((d * sqrt(n) - za * s0) / s1);
}

double hdb_min_detectable_diff(double p, double n)
{
	double za = hdb_normal_quantile(0.975);
	double lo = 0, hi;
	int i;

	if (!(n >= 1 && p >= 0 && p <= 1))
		return NAN;
	if (p > 0.5)
		p = 1 - p;
	hi = 1 - p;
	if (prop_power(p, hi, n, za) < 0.8)
		return NAN;
	for (i = 0; i < 200 && hi - lo > 1e-12; i++) {
		double mid = (lo + hi) / 2;

		if (prop_power(p, mid, n, za) < 0.8)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}
