/*
 * harness.h: the unit-test harness.  A test is a function; it fails when
 * any CHECK in it fails, and is skipped when it calls T_SKIP (a file it
 * needs is absent).  main() RUNs them and ends with t_done(), whose line
 * 'N passed, N failed' (', N skipped' after it when some were) tests/run.sh
 * adds up; it lists the skips' 'NAME: skipped: WHY' lines at the end.
 */
#ifndef HALODB_HARNESS_H
#define HALODB_HARNESS_H

#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int t_pass, t_fail, t_skip, t_failed_now, t_skipped_now;
static const char *t_name = "";
static char t_dir[512];		/* t_tmpdir(), once made */

#define T_FAIL(...) do { \
	t_failed_now = 1; \
	fprintf(stderr, "%s:%d: %s: ", __FILE__, __LINE__, t_name); \
	fprintf(stderr, __VA_ARGS__); \
	fputc('\n', stderr); \
} while (0)

/* Skips the running test, saying why on stderr; the caller returns after
 * it.  A skipped test counts neither as passed nor as failed. */
#define T_SKIP(...) do { \
	t_skipped_now = 1; \
	fprintf(stderr, "%s: skipped: ", t_name); \
	fprintf(stderr, __VA_ARGS__); \
	fputc('\n', stderr); \
} while (0)

#define CHECK(c) do { if (!(c)) T_FAIL("check failed: %s", #c); } while (0)

#define CHECK_STR(a, b) do { \
	const char *a_ = (a), *b_ = (b); \
	if (!a_ || !b_ || strcmp(a_, b_)) \
		T_FAIL("%s: expected '%s', got '%s'", #a, b_ ? b_ : "(null)", \
		       a_ ? a_ : "(null)"); \
} while (0)

#define CHECK_INT(a, b) do { \
	long long a_ = (long long)(a), b_ = (long long)(b); \
	if (a_ != b_) \
		T_FAIL("%s: expected %lld, got %lld", #a, b_, a_); \
} while (0)

#define CHECK_NEAR(a, b, eps) do { \
	double a_ = (a), b_ = (b); \
	if (!(fabs(a_ - b_) <= (eps))) \
		T_FAIL("%s: expected %.9g, got %.9g", #a, b_, a_); \
} while (0)

/* Does haystack contain needle? */
#define CHECK_HAS(hay, needle) do { \
	const char *h_ = (hay), *n_ = (needle); \
	if (!h_ || !strstr(h_, n_)) \
		T_FAIL("%s: expected to contain '%s', got '%s'", #hay, n_, \
		       h_ ? h_ : "(null)"); \
} while (0)

#define RUN(fn) do { \
	t_name = #fn; \
	t_failed_now = 0; \
	t_skipped_now = 0; \
	fn(); \
	if (t_failed_now) \
		t_fail++; \
	else if (t_skipped_now) \
		t_skip++; \
	else \
		t_pass++; \
} while (0)

static inline int t_remove(const char *path, const struct stat *sb,
			   int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Prints the tally; the temporary directory goes unless a test failed
 * (then it is kept, and named, to be looked at). */
static inline int t_done(void)
{
	(void)t_skipped_now;	/* for a main that RUNs nothing (replay.c) */
	if (t_dir[0] && !t_fail)
		nftw(t_dir, t_remove, 16, FTW_DEPTH | FTW_PHYS);
	else if (t_dir[0])
		fprintf(stderr, "kept %s for a look at what failed\n", t_dir);
	printf("%d passed, %d failed", t_pass, t_fail);
	if (t_skip)
		printf(", %d skipped", t_skip);
	putchar('\n');
	return t_fail ? 1 : 0;
}

/* Copies a borrowed string out of a callback ("(null)" for NULL). */
static inline void t_copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "(null)");
}

/* Where ../shared/formats is: $HALODB_SHARED (tests/run.sh sets it), else
 * beside the repository the tests run in.  Tests of real files skip
 * (T_SKIP) when it is absent. */
static inline const char *t_shared(void)
{
	const char *base = getenv("HALODB_SHARED");

	return base && *base ? base : "../shared/formats";
}

/* A fresh temporary directory for this test binary, under $TMPDIR;
 * t_done() removes it when every test passed. */
static inline const char *t_tmpdir(void)
{
	if (!t_dir[0]) {
		const char *base = getenv("TMPDIR");

		snprintf(t_dir, sizeof(t_dir), "%s/halodb-unit-XXXXXX",
			 base && *base ? base : "/tmp");
		if (!mkdtemp(t_dir)) {
			perror("mkdtemp");
			exit(2);
		}
	}
	return t_dir;
}

/* Writes text to a file in the temp dir; returns its path (static). */
static inline const char *t_write(const char *name, const char *text)
{
	static char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", t_tmpdir(), name);
	f = fopen(path, "wb");
	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(path);
		exit(2);
	}
	return path;
}

#endif
