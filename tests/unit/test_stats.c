/*
 * Unit tests: query/stats.c.  Every expected value names its source: a
 * printed table, a worked example, or a python3 line (standard library
 * only) that computes it independently of the C code.  In those lines
 * tcdf(t, df) is Simpson's rule over the t density,
 *   tpdf = lambda x, df: math.exp(math.lgamma((df+1)/2) - math.lgamma(df/2))
 *          / math.sqrt(df*math.pi) * (1 + x*x/df)**(-(df+1)/2)
 *   tcdf(t, df) = 0.5 + Simpson(tpdf, 0, t, 20000 intervals)
 * tq(p, df) bisects tcdf, and z = NormalDist().inv_cdf(0.975).
 */
#include "harness.h"

#include <string.h>
#include "../../query/stats.h"

static void normal_cdf_and_quantile_match_tables(void)
{
	/* Phi(1.96) = 0.9750021 (standard normal table). */
	CHECK_NEAR(hdb_normal_cdf(1.96), 0.9750021, 1e-7);
	/* Phi(-3) = NormalDist().cdf(-3) = 0.0013498980316301035 */
	CHECK_NEAR(hdb_normal_cdf(-3), 0.0013498980316301035, 1e-15);
	CHECK_NEAR(hdb_normal_cdf(0), 0.5, 1e-15);
	/* z(0.975) = 1.959964 (standard normal table). */
	CHECK_NEAR(hdb_normal_quantile(0.975), 1.959964, 1e-6);
	/* NormalDist().inv_cdf(1e-10) = -6.361340902404056 */
	CHECK_NEAR(hdb_normal_quantile(1e-10), -6.361340902404056, 1e-9);
	CHECK_NEAR(hdb_normal_quantile(0.5), 0, 1e-15);
	/* NormalDist().inv_cdf(0.8) = 0.8416212335729143 */
	CHECK_NEAR(hdb_normal_quantile(0.8), 0.8416212335729143, 1e-12);
	CHECK(isinf(hdb_normal_quantile(0)) && hdb_normal_quantile(0) < 0);
	CHECK(isinf(hdb_normal_quantile(1)) && hdb_normal_quantile(1) > 0);
	CHECK(isnan(hdb_normal_quantile(1.5)));
	CHECK(isnan(hdb_normal_quantile(NAN)));
}

static void t_cdf_matches_integrated_density(void)
{
	/* python3: tcdf(2, 5) = 0.9490302605850673 */
	CHECK_NEAR(hdb_t_cdf(2, 5), 0.9490302605850673, 1e-9);
	/* python3: tcdf(1.5, 2.5) = 0.8760817734568538 (fractional df) */
	CHECK_NEAR(hdb_t_cdf(1.5, 2.5), 0.8760817734568538, 1e-9);
	/* df = 1 is Cauchy: 0.5 - math.atan(3)/math.pi = 0.10241638234956674 */
	CHECK_NEAR(hdb_t_cdf(-3, 1), 0.10241638234956674, 1e-12);
	CHECK_NEAR(hdb_t_cdf(0, 7), 0.5, 1e-15);
	/* df = infinity is the normal: Phi(1.96) = 0.9750021 (table) */
	CHECK_NEAR(hdb_t_cdf(1.96, INFINITY), 0.9750021, 1e-7);
	CHECK(isnan(hdb_t_cdf(1, 0)));
	CHECK(isnan(hdb_t_cdf(NAN, 3)));
	/* I_x(a, 1) = x^a: I_0.3(2.5, 1) = 0.3**2.5 */
	CHECK_NEAR(hdb_beta_inc(2.5, 1, 0.3), 0.049295030175464945, 1e-14);
}

static void t_quantile_matches_tables(void)
{
	/* Student t table, two-sided 95%: df 1, 2, 10, 30. */
	CHECK_NEAR(hdb_t_quantile(0.975, 1), 12.706205, 1e-6);
	CHECK_NEAR(hdb_t_quantile(0.975, 2), 4.302653, 1e-6);
	CHECK_NEAR(hdb_t_quantile(0.975, 10), 2.228139, 1e-6);
	CHECK_NEAR(hdb_t_quantile(0.975, 30), 2.042272, 1e-6);
	/* Student t table, one-sided 0.995, df 5: 4.032143 */
	CHECK_NEAR(hdb_t_quantile(0.995, 5), 4.032143, 1e-6);
	CHECK_NEAR(hdb_t_quantile(0.025, 10), -2.228139, 1e-6);
	/* df 1, p = 0.9999: math.tan(math.pi*(0.9999-0.5)) = 3183.0988...  */
	CHECK_NEAR(hdb_t_quantile(0.9999, 1), 3183.098757, 1e-5);
	/* large df, Cornish-Fisher to 1/df^2, python3:
	 * z + (z**3+z)/(4*d) + (5*z**5+16*z**3+3*z)/(96*d*d), d = 1e6
	 * = 1.9599663568141064; past 1e8 df, z itself */
	CHECK_NEAR(hdb_t_quantile(0.975, 1e6), 1.9599663568141064, 1e-9);
	CHECK_NEAR(hdb_t_quantile(0.975, 1e9), 1.959963984540054, 1e-9);
	CHECK_NEAR(hdb_t_quantile(0.5, 3), 0, 0);
	CHECK(isnan(hdb_t_quantile(0.975, 0)));
	CHECK(isnan(hdb_t_quantile(-0.1, 3)));
}

/*
 * The guided bisection (a Newton root, the steps far from it decided
 * without the tail) gives the plain bisection's bits: every fractional
 * Welch df a ratio interval meets (1 to 200 in small steps, and far
 * out), at the 95% point and a few others, both tails.
 */
static void t_quantile_guided_is_the_bisection(void)
{
	static const double ps[] = { 0.975, 0.025, 0.995, 0.9, 0.6, 1e-9 };
	size_t i, bad = 0, n = 0;
	double df;

	for (i = 0; i < sizeof(ps) / sizeof(ps[0]); i++)
		for (df = 1; df < 1e7; df = df < 200 ? df + 0.0137 : df * 1.7) {
			n++;
			if (memcmp(&(double){ hdb_t_quantile(ps[i], df) },
				   &(double){ hdb_t_quantile_bisect(ps[i], df) },
				   sizeof(double)))
				bad++;
		}
	CHECK(n > 80000);
	CHECK_INT(bad, 0);
	/* below df 1 and above 1e7 the bisection goes unguided */
	CHECK_NEAR(hdb_t_quantile(0.975, 0.5), hdb_t_quantile_bisect(0.975, 0.5),
		   0);
}

static void summary_of_five(void)
{
	static const double x[] = { 10.1, 10.3, 9.8, 10.0, 10.4 };
	struct hdb_summary s;

	hdb_summarize(x, 5, &s);
	CHECK_INT(s.n, 5);
	/* statistics.mean / stdev / median of x */
	CHECK_NEAR(s.mean, 10.12, 1e-12);
	CHECK_NEAR(s.sd, 0.23874672772626646, 1e-12);
	CHECK_NEAR(s.cv, 0.023591573885994706, 1e-12);
	CHECK_NEAR(s.min, 9.8, 0);
	CHECK_NEAR(s.median, 10.1, 0);
	CHECK_NEAR(s.max, 10.4, 0);
	/* mean -/+ tq(.975, 4) * stdev / sqrt(5) */
	CHECK_NEAR(s.ci_lo, 9.823556783493338, 1e-7);
	CHECK_NEAR(s.ci_hi, 10.416443216506664, 1e-7);
}

static void summary_median_of_even_count(void)
{
	static const double y[] = { 9.6, 9.9, 9.7, 9.5, 9.8, 9.4 };
	struct hdb_summary s;

	hdb_summarize(y, 6, &s);
	/* statistics.median(y) = 9.65 */
	CHECK_NEAR(s.median, 9.65, 1e-12);
}

static void summary_of_one_repetition_has_no_spread(void)
{
	static const double x[] = { 42.5 };
	struct hdb_summary s;

	hdb_summarize(x, 1, &s);
	CHECK_INT(s.n, 1);
	CHECK_NEAR(s.mean, 42.5, 0);
	CHECK_NEAR(s.median, 42.5, 0);
	CHECK(isnan(s.sd));
	CHECK(isnan(s.cv));
	CHECK(isnan(s.ci_lo) && isnan(s.ci_hi));
	hdb_summarize(x, 0, &s);
	CHECK_INT(s.n, 0);
	CHECK(isnan(s.mean) && isnan(s.median) && isnan(s.max));
}

static void summary_of_zero_variance(void)
{
	static const double x[] = { 7, 7, 7 };
	struct hdb_summary s;

	hdb_summarize(x, 3, &s);
	CHECK_NEAR(s.sd, 0, 0);
	CHECK_NEAR(s.cv, 0, 0);
	CHECK_NEAR(s.ci_lo, 7, 0);
	CHECK_NEAR(s.ci_hi, 7, 0);
}

static void welch_matches_wikipedia_unequal_n(void)
{
	/* Wikipedia, "Welch's t-test", example 2 (n 10 and 20):
	 * t = -1.57, df = 9.9, p = 0.149; the digits below are
	 * python3: t = diff/sqrt(v1+v2), df = Welch-Satterthwaite,
	 * p = 2*(1 - tcdf(abs(t), df)). */
	static const double a1[] = { 17.2, 20.9, 22.6, 18.1, 21.7, 21.4,
		23.5, 24.2, 14.7, 21.8 };
	static const double a2[] = { 21.5, 22.8, 21.0, 23.0, 21.6, 23.6,
		22.5, 20.7, 23.4, 21.8, 20.7, 21.7, 21.5, 22.5, 23.6, 21.5,
		22.5, 23.5, 21.5, 21.8 };
	struct hdb_welch w;

	hdb_welch_samples(a1, 10, a2, 20, &w);
	CHECK_NEAR(w.t, -1.5654335235985073, 1e-9);
	CHECK_NEAR(w.df, 9.904741248650831, 1e-9);
	CHECK_NEAR(w.p, 0.14884169660532365, 1e-8);
}

static void welch_from_summaries(void)
{
	/* x = 10.1 10.3 9.8 10.0 10.4, y = 9.6 9.9 9.7 9.5 9.8 9.4 10.0;
	 * python3 as above: t 3.1247140090537027, df 8.18109410246651,
	 * p 0.013739749354617636 */
	struct hdb_welch w;

	hdb_welch(10.12, 0.23874672772626646, 5,
		  9.7, 0.21602468994692867, 7, &w);
	CHECK_NEAR(w.t, 3.1247140090537027, 1e-9);
	CHECK_NEAR(w.df, 8.18109410246651, 1e-9);
	CHECK_NEAR(w.p, 0.013739749354617636, 1e-8);
}

static void welch_degenerate_cases(void)
{
	static const double one[] = { 5 }, two[] = { 5, 6 };
	struct hdb_welch w;

	/* one repetition: no spread, no test */
	hdb_welch_samples(one, 1, two, 2, &w);
	CHECK(isnan(w.t) && isnan(w.df) && isnan(w.p));
	hdb_welch(5, NAN, 3, 6, 1, 3, &w);
	CHECK(isnan(w.p));
	/* zero variance on both sides */
	hdb_welch(5, 0, 3, 5, 0, 4, &w);
	CHECK_NEAR(w.t, 0, 0);
	CHECK_NEAR(w.p, 1, 0);
	CHECK(isnan(w.df));
	hdb_welch(6, 0, 3, 5, 0, 4, &w);
	CHECK(isinf(w.t) && w.t > 0);
	CHECK_NEAR(w.p, 0, 0);
}

static void mann_whitney_exact_small(void)
{
	static const double a[] = { 1, 2, 3 }, b[] = { 4, 5, 6 };
	static const double c[] = { 1.1, 2.3, 3.5, 8.0 };
	static const double d[] = { 4.2, 5.0, 6.1, 7.3, 9.9 };

	/* fully separated 3 vs 3: U = 0, P = 2/C(6,3) = 0.1 */
	CHECK_NEAR(hdb_mann_whitney_p(a, 3, b, 3), 0.1, 1e-15);
	CHECK_NEAR(hdb_mann_whitney_p(b, 3, a, 3), 0.1, 1e-15);
	/* python3, brute force over itertools.combinations(range(1, 10), 4)
	 * of the rank sums: U = 4, p = 0.19047619047619047 (= 24/126) */
	CHECK_NEAR(hdb_mann_whitney_p(c, 4, d, 5), 0.19047619047619047, 1e-15);
}

static void mann_whitney_exact_at_45(void)
{
	/* x = [i*2.0+0.5 for i in range(20)], y = [i*1.7+0.05 for i in
	 * range(25)], no ties.  python3: subset-sum DP over ranks
	 * (dp[k][s] counts size-k rank subsets summing to s, total
	 * C(45,20) = 3169870830126): U = 239, p = 0.8123315210385548 */
	double x[20], y[25];
	int i;

	for (i = 0; i < 20; i++)
		x[i] = i * 2.0 + 0.5;
	for (i = 0; i < 25; i++)
		y[i] = i * 1.7 + 0.05;
	CHECK_NEAR(hdb_mann_whitney_p(x, 20, y, 25), 0.8123315210385548, 1e-12);
}

static void mann_whitney_ties_use_normal(void)
{
	/* python3, the tie-corrected normal approximation (Wikipedia,
	 * "Mann-Whitney U test", normal approximation and tie correction)
	 * with continuity correction: U = 3.5, p = 0.012999854364387442 */
	static const double x[] = { 1, 2, 2, 3, 3, 3, 4 };
	static const double y[] = { 3, 4, 4, 5, 5, 6 };
	static const double same[] = { 2, 2, 2 };

	CHECK_NEAR(hdb_mann_whitney_p(x, 7, y, 6), 0.012999854364387442, 1e-12);
	CHECK_NEAR(hdb_mann_whitney_p(same, 3, same, 2), 1, 0);
	CHECK(isnan(hdb_mann_whitney_p(x, 0, y, 6)));
}

static void ratio_interval_on_log_scale(void)
{
	/* 100 +- 2 (n 5) over 90 +- 3 (n 8).  python3: v_i = sd^2/(n m^2),
	 * df = Welch-Satterthwaite of v1, v2 = 10.999838037008544,
	 * exp(log(100/90) -/+ tq(.975, df)*sqrt(v1+v2)) =
	 * 1.0755123094518613, 1.1478882113992448 */
	struct hdb_interval r;

	hdb_ratio_ci(100, 2, 5, 90, 3, 8, &r);
	CHECK_NEAR(r.est, 100.0 / 90, 1e-15);
	CHECK_NEAR(r.lo, 1.0755123094518613, 1e-8);
	CHECK_NEAR(r.hi, 1.1478882113992448, 1e-8);
	CHECK(hdb_ratio_verdict(&r, 5, 8, 1, 0.02) == HDB_NUM_FASTER);
	CHECK(hdb_ratio_verdict(&r, 5, 8, 1, 0.10) == HDB_WITHIN_NOISE);
	CHECK(hdb_ratio_verdict(&r, 5, 8, 0, 0.02) == HDB_TOO_FEW);
	/* the same sides swapped: den faster, bounds reciprocal */
	hdb_ratio_ci(90, 3, 8, 100, 2, 5, &r);
	CHECK_NEAR(r.lo, 1 / 1.1478882113992448, 1e-8);
	CHECK(hdb_ratio_verdict(&r, 8, 5, 1, 0.02) == HDB_DEN_FASTER);
}

static void ratio_of_single_repetitions_is_too_few(void)
{
	struct hdb_interval r;

	hdb_ratio_ci(100, NAN, 1, 90, 3, 8, &r);
	CHECK_NEAR(r.est, 100.0 / 90, 1e-15);
	CHECK(isnan(r.lo) && isnan(r.hi));
	CHECK(hdb_ratio_verdict(&r, 1, 8, 1, 0.02) == HDB_TOO_FEW);
	hdb_ratio_ci(0, 1, 5, 90, 3, 8, &r);
	CHECK(isnan(r.est));
}

static void ratio_with_zero_variance(void)
{
	struct hdb_interval r;

	/* no spread on either side: the interval is the ratio itself */
	hdb_ratio_ci(50, 0, 3, 40, 0, 3, &r);
	CHECK_NEAR(r.lo, 1.25, 1e-15);
	CHECK_NEAR(r.hi, 1.25, 1e-15);
	CHECK(hdb_ratio_verdict(&r, 3, 3, 1, 0.02) == HDB_NUM_FASTER);
	hdb_ratio_ci(50, 0, 3, 50.5, 0, 3, &r);
	CHECK(hdb_ratio_verdict(&r, 3, 3, 1, 0.02) == HDB_WITHIN_NOISE);
}

static void wilson_at_zero_and_n(void)
{
	struct hdb_interval r;

	/* 0 of 10: [0, 0.2775] (the commonly tabled Wilson bound);
	 * python3: z/(1+z*z/n)*... gives 0.27753279986288915 */
	hdb_wilson(0, 10, &r);
	CHECK_NEAR(r.est, 0, 0);
	CHECK(r.lo == 0);
	CHECK_NEAR(r.hi, 0.27753279986288915, 1e-12);
	/* 10 of 10: the mirror, python3 0.7224672001371109 */
	hdb_wilson(10, 10, &r);
	CHECK(r.hi == 1);
	CHECK_NEAR(r.lo, 0.7224672001371109, 1e-12);
	/* 3 of 10, python3: (p + z*z/(2n))/(1 + z*z/n) -/+ ... =
	 * 0.10779126740630104, 0.6032218525388545 */
	hdb_wilson(3, 10, &r);
	CHECK_NEAR(r.lo, 0.10779126740630104, 1e-12);
	CHECK_NEAR(r.hi, 0.6032218525388545, 1e-12);
	hdb_wilson(0, 0, &r);
	CHECK(isnan(r.est) && isnan(r.lo));
	hdb_wilson(11, 10, &r);
	CHECK(isnan(r.lo));
}

static void mcnemar_exact(void)
{
	/* python3: n=b+c; k=min(b,c);
	 * min(1, 2*sum(math.comb(n,i) for i in range(k+1))/2**n) */
	CHECK_NEAR(hdb_mcnemar_p(3, 10), 0.09228515625, 1e-13);
	CHECK_NEAR(hdb_mcnemar_p(10, 3), 0.09228515625, 1e-13);
	/* Wikipedia's McNemar example, b = 121, c = 59 */
	CHECK_NEAR(hdb_mcnemar_p(121, 59), 4.434449263755176e-06, 1e-15);
	CHECK_NEAR(hdb_mcnemar_p(5, 5), 1, 0);
	/* no discordant pairs */
	CHECK_NEAR(hdb_mcnemar_p(0, 0), 1, 0);
	/* 0 vs 4: 2 * 2^-4 */
	CHECK_NEAR(hdb_mcnemar_p(0, 4), 0.125, 1e-15);
	CHECK(isnan(hdb_mcnemar_p(-1, 3)));
}

static void two_proportions(void)
{
	struct hdb_interval r;

	/* python3: pooled p, se = sqrt(p(1-p)(1/n1+1/n2)),
	 * 2*(1 - NormalDist().cdf(abs(z))) */
	CHECK_NEAR(hdb_two_prop_p(56, 70, 48, 80), 0.008045081368196705, 1e-12);
	CHECK_NEAR(hdb_two_prop_p(45, 100, 30, 100), 0.02845973691631043, 1e-12);
	CHECK_NEAR(hdb_two_prop_p(0, 10, 0, 20), 1, 0);
	CHECK_NEAR(hdb_two_prop_p(10, 10, 20, 20), 1, 0);
	CHECK(isnan(hdb_two_prop_p(1, 0, 1, 2)));
	/* Newcombe (1998), Stat Med 17:873, Table II method 10:
	 * 56/70 - 48/80 = 0.2000 (0.0524, 0.3339); 9/10 - 3/10 = 0.6
	 * (0.1705, 0.8090).  Full digits: python3 from the two Wilson
	 * intervals, 0.05243147240236498 0.3338726540369059 and
	 * 0.17052272393450313 0.809017973535488. */
	hdb_prop_diff(56, 70, 48, 80, &r);
	CHECK_NEAR(r.est, 0.2, 1e-12);
	CHECK_NEAR(r.lo, 0.05243147240236498, 1e-12);
	CHECK_NEAR(r.hi, 0.3338726540369059, 1e-12);
	hdb_prop_diff(9, 10, 3, 10, &r);
	CHECK_NEAR(r.lo, 0.17052272393450313, 1e-12);
	CHECK_NEAR(r.hi, 0.809017973535488, 1e-12);
}

static void min_detectable_difference(void)
{
	/* Fleiss' sample size (no continuity correction) for 0.5 vs 0.6,
	 * two-sided 5%, 80% power, python3:
	 * (z*sqrt(2*.55*.45) + NormalDist().inv_cdf(.8)*sqrt(.25+.24))**2
	 * / 0.01 = 387.33851669903567 per side; so at that n the minimum
	 * detectable difference is 0.1.  Likewise 0.1 vs 0.2 needs
	 * 198.96341328433104. */
	CHECK_NEAR(hdb_min_detectable_diff(0.5, 387.33851669903567), 0.1, 1e-9);
	CHECK_NEAR(hdb_min_detectable_diff(0.1, 198.96341328433104), 0.1, 1e-9);
	/* symmetric in p and 1 - p */
	CHECK_NEAR(hdb_min_detectable_diff(0.9, 198.96341328433104), 0.1, 1e-9);
	/* more items, a smaller difference */
	CHECK(hdb_min_detectable_diff(0.5, 1000) < 0.1);
	CHECK(isnan(hdb_min_detectable_diff(0.5, 0)));
	CHECK(isnan(hdb_min_detectable_diff(1.5, 100)));
}

/* Mean 100, sd 2 over 5 repetitions: t(0.975, 4) = 2.7764451 (Student t
 * table, e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2), so the half-width is
 * 2.7764451 * 2 / sqrt(5) = 2.4833278. */
static void mean_ci_from_sd_and_n(void)
{
	struct hdb_interval r;

	hdb_mean_ci(100, 2, 5, &r);
	CHECK_NEAR(r.est, 100, 0);
	CHECK_NEAR(r.lo, 100 - 2.4833278, 1e-6);
	CHECK_NEAR(r.hi, 100 + 2.4833278, 1e-6);
	hdb_mean_ci(100, 0, 3, &r);	/* no spread: the interval is the mean */
	CHECK_NEAR(r.lo, 100, 0);
	CHECK_NEAR(r.hi, 100, 0);
	hdb_mean_ci(100, 2, 1, &r);	/* one repetition: no interval */
	CHECK(isnan(r.lo) && isnan(r.hi));
	hdb_mean_ci(100, NAN, 6, &r);	/* spread unknown */
	CHECK(isnan(r.lo) && isnan(r.hi));
}

int main(void)
{
	RUN(normal_cdf_and_quantile_match_tables);
	RUN(t_cdf_matches_integrated_density);
	RUN(t_quantile_matches_tables);
	RUN(t_quantile_guided_is_the_bisection);
	RUN(summary_of_five);
	RUN(summary_median_of_even_count);
	RUN(summary_of_one_repetition_has_no_spread);
	RUN(summary_of_zero_variance);
	RUN(welch_matches_wikipedia_unequal_n);
	RUN(welch_from_summaries);
	RUN(welch_degenerate_cases);
	RUN(mann_whitney_exact_small);
	RUN(mann_whitney_exact_at_45);
	RUN(mann_whitney_ties_use_normal);
	RUN(ratio_interval_on_log_scale);
	RUN(ratio_of_single_repetitions_is_too_few);
	RUN(ratio_with_zero_variance);
	RUN(wilson_at_zero_and_n);
	RUN(mcnemar_exact);
	RUN(two_proportions);
	RUN(min_detectable_difference);
	RUN(mean_ci_from_sd_and_n);
	return t_done();
}
