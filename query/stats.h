/*
 * stats.h: the statistics the queries share (private to query/; the door
 * stays query.h).  Pure functions over numbers: nothing here knows about
 * SQLite, tables or printing, so each is unit-tested on its own.
 *
 * Conventions: a quantity that is undefined for the input (a spread from
 * one repetition, a proportion of nothing, a mean ratio with a mean <= 0)
 * is NAN, never 0.  Every interval is two-sided at 95%.  Nothing returns
 * memory; the few functions that need scratch space free it themselves.
 */
#ifndef HALODB_STATS_H
#define HALODB_STATS_H

#include <stddef.h>

/* --- Distributions --- */

/* Standard normal CDF, P(Z <= x).  NAN for NAN. */
double hdb_normal_cdf(double x);

/* Standard normal quantile: z with P(Z <= z) = p.  -INFINITY at p = 0,
 * INFINITY at p = 1, NAN outside [0, 1].  Acklam's rational
 * approximation polished by one Halley step (full double precision). */
double hdb_normal_quantile(double p);

/* Regularized incomplete beta function I_x(a, b), by the continued
 * fraction of Numerical Recipes (6.4) evaluated with modified Lentz.
 * NAN unless a > 0, b > 0 and 0 <= x <= 1. */
double hdb_beta_inc(double a, double b, double x);

/* Student t CDF with df degrees of freedom (df > 0, not necessarily an
 * integer; above 1e8, INFINITY included, the normal CDF), from
 * hdb_beta_inc.  NAN for
 * df <= 0 or NAN arguments. */
double hdb_t_cdf(double t, double df);

/* Student t quantile: t with hdb_t_cdf(t, df) = p, by bisection on the
 * CDF (relative precision ~1e-14).  -INFINITY/INFINITY at p = 0 and 1,
 * NAN for p outside [0, 1] or df <= 0. */
double hdb_t_quantile(double p, double df);
/* The same by plain bisection, every step evaluated: what
 * hdb_t_quantile's guided bisection must equal to the last bit (for the
 * tests). */
double hdb_t_quantile_bisect(double p, double df);

/* --- One sample --- */

struct hdb_summary {
	size_t n;
	double mean;		/* NAN when n = 0 */
	double sd;		/* sample stddev (n - 1); NAN when n < 2 */
	double cv;		/* sd / mean; NAN when sd is or mean is 0 */
	double min, median, max;	/* NAN when n = 0 */
	double ci_lo, ci_hi;	/* mean -/+ t(0.975, n-1) sd/sqrt(n); NAN
				 * when n < 2; equal to mean when sd = 0 */
};

/* Summarizes x[0..n-1] (n may be 0; x is not modified). */
void hdb_summarize(const double *x, size_t n, struct hdb_summary *s);
/* Only its mean and sd (no sort, no interval): what it computes them
 * with. */
void hdb_mean_sd(const double *x, size_t n, double *mean, double *sd);

/* An estimate with its 95% interval; NAN bounds when not known. */
struct hdb_interval {
	double est, lo, hi;
};

/* The 95% interval for a mean from its sample stddev and count (a
 * measurement stored without its repetitions): mean -/+ t(0.975, n-1)
 * sd/sqrt(n).  est = mean; lo and hi NAN when n < 2 or sd or mean is
 * NAN. */
void hdb_mean_ci(double mean, double sd, double n, struct hdb_interval *r);

/* --- Two samples of a continuous measure --- */

struct hdb_welch {
	double t;		/* (mean1 - mean2) / se */
	double df;		/* Welch-Satterthwaite degrees of freedom */
	double p;		/* two-sided p-value */
};

/*
 * Welch's unequal-variance t test from each side's mean, sample stddev
 * and count.  All three results are NAN when a side has n < 2 or an
 * unknown (NAN) sd.  When both sds are 0, df is NAN and the test is
 * degenerate but decided: equal means give t = 0 and p = 1, different
 * means t = +-INFINITY and p = 0.
 */
void hdb_welch(double mean1, double sd1, double n1,
	       double mean2, double sd2, double n2, struct hdb_welch *w);

/* The same from raw samples (through hdb_summarize). */
void hdb_welch_samples(const double *x, size_t nx, const double *y,
		       size_t ny, struct hdb_welch *w);

/*
 * Two-sided p-value of the Mann-Whitney U test (Wilcoxon rank-sum) of x
 * against y.  Exact (the null distribution of U counted by the Gaussian
 * binomial recurrence, p = min(1, 2 min(P(U <= u), P(U >= u)))) when
 * there are no ties and nx + ny <= HDB_MW_EXACT_MAX; otherwise the normal
 * approximation with the tie-corrected variance and a continuity
 * correction of 1/2 (as SciPy's default).  1 when every value is tied;
 * NAN when a side is empty.
 */
#define HDB_MW_EXACT_MAX 50
double hdb_mann_whitney_p(const double *x, size_t nx, const double *y,
			  size_t ny);

/*
 * The ratio of two means, mean1 / mean2, with a 95% interval.  Method:
 * on the log scale, by the delta method, var(log mean_i) ~ sd_i^2 /
 * (n_i mean_i^2); log ratio -/+ t(0.975, df) sqrt(var1 + var2), where df
 * is the Welch-Satterthwaite df of those two variances; the bounds are
 * exponentiated back, so the interval is asymmetric around the ratio.
 * est is NAN unless both means are > 0; lo and hi are NAN when a side
 * has n < 2 or an unknown sd; with both sds 0 the interval is [est, est].
 */
void hdb_ratio_ci(double mean1, double sd1, double n1,
		  double mean2, double sd2, double n2,
		  struct hdb_interval *r);

/* The verdict on a throughput ratio num/den (higher is faster). */
enum hdb_verdict {
	HDB_NUM_FASTER,		/* lo > 1 + noise */
	HDB_DEN_FASTER,		/* hi < 1 - noise */
	HDB_WITHIN_NOISE,	/* the interval reaches into 1 -/+ noise */
	HDB_TOO_FEW,		/* n < 2 on a side, spread unknown, no interval */
};

/*
 * Criterion's rule: a side is faster only when the whole interval r
 * clears the noise band 1 -/+ noise (noise = 0.02 for +-2%).
 * spread_known is 0 when a side's sd is not known.
 */
enum hdb_verdict hdb_ratio_verdict(const struct hdb_interval *r,
				   double n_num, double n_den,
				   int spread_known, double noise);

/* --- Proportions --- */

/* The Wilson score 95% interval for k successes of n (z from
 * hdb_normal_quantile(0.975)); est = k/n; lo is exactly 0 at k = 0 and
 * hi exactly 1 at k = n.  All NAN unless 0 <= k <= n and n > 0. */
void hdb_wilson(long k, long n, struct hdb_interval *r);

/* McNemar's exact two-sided p from the discordant counts b and c:
 * min(1, 2 P(X <= min(b, c))) with X ~ Bin(b + c, 1/2); 1 when
 * b + c = 0; NAN for negative counts. */
double hdb_mcnemar_p(long b, long c);

/* The pooled two-proportion z test of k1/n1 against k2/n2: two-sided p.
 * 1 when the pooled proportion is 0 or 1 (nothing can differ); NAN
 * unless 0 <= k <= n and n > 0 on both sides. */
double hdb_two_prop_p(long k1, long n1, long k2, long n2);

/* The difference k1/n1 - k2/n2 with a 95% interval by Newcombe's hybrid
 * score method (Newcombe 1998, method 10, from the two Wilson
 * intervals).  NAN as for hdb_two_prop_p. */
void hdb_prop_diff(long k1, long n1, long k2, long n2,
		   struct hdb_interval *r);

/*
 * The smallest difference d between two proportions that the pooled
 * two-sided z test at the 5% level detects with 80% power at n items per
 * side, around the base rate p: the normal-approximation power
 * Phi((d sqrt(n) - z(0.975) sqrt(2 pbar qbar)) / sqrt(p q + p2 q2)) = 0.8
 * (Fleiss, without continuity correction), p2 = p + d for p <= 0.5 and
 * p - d above (so the answer is symmetric in p and 1 - p), solved by
 * bisection.  NAN when n < 1, p is outside [0, 1], or no d does it.
 */
double hdb_min_detectable_diff(double p, double n);

#endif
