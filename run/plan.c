/*
 * plan.c: the sweep's plan, from the options, the profile and what the
 * llama-bench build can do (its --help): one point per depth and test,
 * depth by depth, each with its own llama-bench command line, its file
 * names in the run directory and its estimated time.  A plan the build
 * cannot run (a depth without -d, a quantized V cache without flash
 * attention) is refused with the reason and the fix.  Pure: nothing here
 * runs a process or reads more than the model file's size.
 */
#include "run.h"
#include "../util.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *hdb_point_status_name(enum hdb_point_status s)
{
	switch (s) {
	case HDB_POINT_PENDING:
		return "not_run";
	case HDB_POINT_OK:
		return "ok";
	case HDB_POINT_WEDGED:
		return "wedged";
	case HDB_POINT_CRASHED:
		return "crashed";
	case HDB_POINT_OOM:
		return "oom";
	case HDB_POINT_FAILED:
		return "failed";
	case HDB_POINT_NOT_RUN:
		return "not_run";
	}
	return "not_run";
}

long hdb_point_ctx(const struct hdb_point *pt)
{
	return pt->n_depth + pt->n_prompt + pt->n_gen;
}

/* A list of numbers ('0,8192'); -1 with hdb_error naming opt. */
static int parse_depths(const char *s, const char *opt, long **out, size_t *n)
{
	const char *p = s;

	*out = NULL;
	*n = 0;
	for (;;) {
		char *end;
		long v;
		size_t i;

		errno = 0;
		v = strtol(p, &end, 10);
		if (!isdigit((unsigned char)*p) || errno || v > 100000000 ||
		    (*end && *end != ',')) {
			free(*out);
			*out = NULL;
			return hdb_error("%s: expected depths in tokens such "
					 "as 0,8192,32768, got '%s'", opt, s);
		}
		for (i = 0; i < *n; i++)
			if ((*out)[i] == v) {
				free(*out);
				*out = NULL;
				return hdb_error("%s: depth %ld is given twice",
						 opt, v);
			}
		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		(*out)[(*n)++] = v;
		if (!*end)
			return 0;
		p = end + 1;
	}
}

struct test {
	char *name;
	int n_prompt, n_gen;
	int pg;			/* 'ppN+tgM': -pg N,M */
};

/* 'pp512' -> 512; -1 when word is not 'pp' or 'tg' + a number. */
static long test_tokens(const char *word, size_t len, const char *kind)
{
	char *end;
	long v;

	if (len < 3 || strncmp(word, kind, 2) ||
	    !isdigit((unsigned char)word[2]))
		return -1;
	errno = 0;
	v = strtol(word + 2, &end, 10);
	if (errno || (size_t)(end - word) != len || v < 1 || v > 1000000)
		return -1;
	return v;
}

static int parse_tests(const char *s, const char *opt, struct test **out,
		       size_t *n)
{
	const char *p = s;

	*out = NULL;
	*n = 0;
	for (;;) {
		size_t len = strcspn(p, ","), plus = strcspn(p, "+"), i;
		struct test t = { NULL, 0, 0, 0 };
		long a, b;

		if (plus < len) {
			a = test_tokens(p, plus, "pp");
			b = test_tokens(p + plus + 1, len - plus - 1, "tg");
			t.pg = 1;
		} else {
			a = test_tokens(p, len, "pp");
			b = test_tokens(p, len, "tg");
			if (a > 0)
				b = 0;
			else if (b > 0)
				a = 0;
		}
		if (a < 0 || b < 0) {
			hdb_error("%s: expected tests such as pp512,tg128 or "
				  "pp4096+tg256, got '%.*s'", opt, (int)len, p);
			goto fail;
		}
		t.name = xstrndup(p, len);
		t.n_prompt = (int)a;
		t.n_gen = (int)b;
		for (i = 0; i < *n; i++)
			if (!strcmp((*out)[i].name, t.name)) {
				hdb_error("%s: test %s is given twice", opt,
					  t.name);
				free(t.name);
				goto fail;
			}
		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		(*out)[(*n)++] = t;
		if (!p[len])
			return 0;
		p += len + 1;
	}
fail:
	while (*n)
		free((*out)[--*n].name);
	free(*out);
	*out = NULL;
	return -1;
}

int hdb_run_check_options(const struct hdb_run_options *o)
{
	long *depths = NULL;
	struct test *tests = NULL;
	size_t n, i;

	if (o->depths) {
		if (parse_depths(o->depths, "--depths", &depths, &n))
			return -1;
		free(depths);
	}
	if (o->tests) {
		if (parse_tests(o->tests, "--tests", &tests, &n))
			return -1;
		for (i = 0; i < n; i++)
			free(tests[i].name);
		free(tests);
	}
	if (o->kv) {
		char *kk, *vv;
		int ok;

		hdb_kv_split(o->kv, &kk, &vv);
		ok = hdb_kv_type_bytes(kk) > 0 && hdb_kv_type_bytes(vv) > 0;
		free(kk);
		free(vv);
		if (!ok)
			return hdb_error("--kv: expected a KV cache type (f16, "
					 "bf16, f32, q8_0, q4_0, q4_1, q5_0, "
					 "q5_1, iq4_nl), or K/V types such as "
					 "q8_0/q4_0, got '%s'", o->kv);
	}
	return 0;
}

void hdb_kv_split(const char *kv, char **k, char **v)
{
	size_t n = strcspn(kv, "/,");

	*k = xstrndup(kv, n);
	*v = xstrdup(kv[n] ? kv + n + 1 : kv);
}

char *hdb_run_slug(const char *name)
{
	size_t n = strlen(name), i;
	struct strbuf sb = STRBUF_INIT;

	if (n > 5 && !strcasecmp(name + n - 5, ".gguf"))
		n -= 5;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];

		if (isalnum(c) || c == '_' || c == '.')
			strbuf_addch(&sb, tolower(c));
		else if (sb.len && sb.buf[sb.len - 1] != '-')
			strbuf_addch(&sb, '-');
	}
	while (sb.len && (sb.buf[sb.len - 1] == '-' ||
			  sb.buf[sb.len - 1] == '.'))
		sb.buf[--sb.len] = '\0';
	/* never '.', '..' or a hidden name */
	while (sb.len && sb.buf[0] == '.') {
		memmove(sb.buf, sb.buf + 1, sb.len);
		sb.len--;
	}
	if (!sb.len)
		strbuf_addstr(&sb, "x");
	return strbuf_detach(&sb);
}

char *hdb_run_quote_argv(char *const *argv)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; argv[i]; i++) {
		const char *a = argv[i], *p;

		if (i)
			strbuf_addch(&sb, ' ');
		if (*a && !a[strcspn(a, " \t\n'\"\\$`*?[]{}()<>|&;#~!")]) {
			strbuf_addstr(&sb, a);
			continue;
		}
		strbuf_addch(&sb, '\'');
		for (p = a; *p; p++)
			if (*p == '\'')
				strbuf_addstr(&sb, "'\\''");
			else
				strbuf_addch(&sb, *p);
		strbuf_addch(&sb, '\'');
	}
	return strbuf_detach(&sb);
}

unsigned long long hdb_plan_need(const struct hdb_plan *plan, long ctx,
				 unsigned long long *kv)
{
	unsigned long long k = hdb_kv_bytes(plan->have_gguf ? &plan->gguf
					    : NULL, plan->kv_k, plan->kv_v,
					    ctx);

	if (kv)
		*kv = k;
	return (unsigned long long)plan->model_bytes + k +
	       (unsigned long long)plan->profile.margin_mib * 1024 * 1024;
}

/*
 * The estimate (README, "Running benchmarks"): prompt speed pp0 =
 * est_pp_gib / model GiB, generation tg0 = est_tg_gib / model GiB; at
 * depth d they fall to pp0 / (1 + d/32768) and tg0 / (1 + d/65536).  A
 * point loads the model, runs one warm-up of its test, then for each
 * repetition fills the context to its depth (at the speed of half the
 * depth) and runs its test.
 */
double hdb_plan_estimate(const struct hdb_plan *plan,
			 const struct hdb_point *pt)
{
	const struct hdb_profile *p = &plan->profile;
	double gib = (double)plan->model_bytes / (1 << 30);
	double pp0, tg0, d = (double)pt->n_depth, fill, test, warm, load;

	if (gib < 0.001)
		gib = 0.001;
	pp0 = p->est_pp_gib / gib;
	tg0 = p->est_tg_gib / gib;
	fill = d > 0 ? d / (pp0 / (1 + d / 2 / 32768)) : 0;
	test = pt->n_prompt / (pp0 / (1 + d / 32768)) +
	       pt->n_gen / (tg0 / (1 + d / 65536));
	warm = pt->n_prompt / pp0 + (pt->n_gen ? 1 / tg0 : 0);
	load = 1 + gib / p->est_load_gib_s;
	return load + warm + plan->reps * (fill + test);
}

static void push(char ***argv, size_t *n, const char *s)
{
	*argv = xrealloc(*argv, (*n + 2) * sizeof(**argv));
	(*argv)[(*n)++] = xstrdup(s);
	(*argv)[*n] = NULL;
}

static void push_num(char ***argv, size_t *n, long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	push(argv, n, buf);
}

static int is_quantized(const char *type)
{
	return type && strcmp(type, "f16") && strcmp(type, "f32") &&
	       strcmp(type, "bf16");
}

/* Why this build cannot run the plan, or NULL (caller frees). */
static char *refusal(const struct hdb_plan *plan, const struct test *tests,
		     size_t n_tests)
{
	const struct hdb_bench *b = &plan->bench;
	const struct hdb_bench_caps *c = &b->caps;
	char build[64];
	size_t i;

	if (b->number > 0)
		snprintf(build, sizeof(build), "llama-bench build %ld",
			 b->number);
	else
		snprintf(build, sizeof(build), "this llama-bench");
	if (!b->help)
		return xasprintf("%s: build llama.cpp's llama-bench, and put "
				 "it on PATH or pass --llama-bench PATH",
				 b->error ? b->error : "llama-bench did not run");
	if (!c->has_o || !c->jsonl)
		return xasprintf("%s cannot write JSONL (its --help lists no "
				 "'-o jsonl'): update llama.cpp", build);
	if (plan->max_depth > 0 && !c->has_d)
		return xasprintf("depth %ld needs llama-bench's -d (from build "
				 "5221), which %s lacks: update llama.cpp, "
				 "or run --depths 0", plan->max_depth, build);
	for (i = 0; i < n_tests; i++)
		if (tests[i].pg && !c->has_pg)
			return xasprintf("test %s needs llama-bench's -pg, "
					 "which %s lacks: update llama.cpp",
					 tests[i].name, build);
	if (plan->kv_k && (!c->has_ctk || !c->has_ctv))
		return xasprintf("KV cache %s needs llama-bench's -ctk and "
				 "-ctv, which %s lacks: update llama.cpp",
				 plan->kv_k, build);
	if (plan->fa >= 0 && c->fa == HDB_FA_NONE)
		return xasprintf("--fa %d needs llama-bench's -fa, which %s "
				 "lacks: update llama.cpp", plan->fa, build);
	if (is_quantized(plan->kv_v) && plan->fa == 0)
		return xasprintf("a quantized V cache (%s) needs flash "
				 "attention: run with --fa 1, or --kv %s/f16",
				 plan->kv_v, plan->kv_k);
	if (is_quantized(plan->kv_v) && plan->fa < 0 &&
	    c->fa != HDB_FA_WORDS)
		return xasprintf("a quantized V cache (%s) needs flash "
				 "attention, which %s does not turn on by "
				 "default: run with --fa 1", plan->kv_v,
				 build);
	if (plan->ubatch > 0 && !c->has_ub)
		return xasprintf("--ubatch needs llama-bench's -ub, which %s "
				 "lacks: update llama.cpp, or leave --ubatch "
				 "out", build);
	if (plan->ngl >= 0 && !c->has_ngl)
		return xasprintf("--ngl needs llama-bench's -ngl, which %s "
				 "lacks", build);
	return NULL;
}

int hdb_plan_points(struct hdb_plan *plan, const struct hdb_run_options *o)
{
	const struct hdb_profile *p = &plan->profile;
	const struct hdb_bench_caps *c = &plan->bench.caps;
	long *depths = NULL;
	struct test *tests = NULL;
	size_t n_depths = 0, n_tests = 0, i, j, argc;
	int width = 1, ret = -1;

	if (parse_depths(o->depths ? o->depths : p->depths ? p->depths : "0",
			 o->depths ? "--depths" : "depths", &depths, &n_depths))
		goto out;
	if (parse_tests(o->tests ? o->tests : p->tests ? p->tests
			: "pp512,tg128", o->tests ? "--tests" : "tests",
			&tests, &n_tests))
		goto out;
	plan->max_depth = 0;
	plan->max_tokens = 0;
	for (i = 0; i < n_depths; i++)
		if (depths[i] > plan->max_depth)
			plan->max_depth = depths[i];
	for (j = 0; j < n_tests; j++)
		if (tests[j].n_prompt + tests[j].n_gen > plan->max_tokens)
			plan->max_tokens = tests[j].n_prompt + tests[j].n_gen;
	plan->refused = refusal(plan, tests, n_tests);
	plan->n_points = n_depths * n_tests;
	plan->points = xcalloc(plan->n_points, sizeof(*plan->points));
	for (i = plan->n_points; i >= 10; i /= 10)
		width++;
	plan->estimate_s = 0;
	for (i = 0; i < n_depths; i++)
		for (j = 0; j < n_tests; j++) {
			struct hdb_point *pt = &plan->points[i * n_tests + j];
			const struct test *t = &tests[j];

			pt->n = (int)(i * n_tests + j + 1);
			pt->test = xstrdup(t->name);
			pt->n_prompt = t->n_prompt;
			pt->n_gen = t->n_gen;
			pt->n_depth = depths[i];
			pt->exit_code = -1;
			pt->seconds = -1;
			pt->stdout_name = xasprintf("%0*d-%s-d%ld.jsonl", width,
						    pt->n, t->name, depths[i]);
			pt->stderr_name = xasprintf("%0*d-%s-d%ld.stderr.txt",
						    width, pt->n, t->name,
						    depths[i]);
			argc = 0;
			push(&pt->argv, &argc, plan->bench.path);
			push(&pt->argv, &argc, "-m");
			push(&pt->argv, &argc, plan->model);
			push(&pt->argv, &argc, "-p");
			push_num(&pt->argv, &argc, t->pg ? 0 : t->n_prompt);
			push(&pt->argv, &argc, "-n");
			push_num(&pt->argv, &argc, t->pg ? 0 : t->n_gen);
			if (t->pg) {
				char pg[48];

				snprintf(pg, sizeof(pg), "%d,%d", t->n_prompt,
					 t->n_gen);
				push(&pt->argv, &argc, "-pg");
				push(&pt->argv, &argc, pg);
			}
			if (c->has_d || !plan->bench.help) {
				push(&pt->argv, &argc, "-d");
				push_num(&pt->argv, &argc, depths[i]);
			}
			push(&pt->argv, &argc, "-r");
			push_num(&pt->argv, &argc, plan->reps);
			if (plan->kv_k) {
				push(&pt->argv, &argc, "-ctk");
				push(&pt->argv, &argc, plan->kv_k);
				push(&pt->argv, &argc, "-ctv");
				push(&pt->argv, &argc, plan->kv_v);
			}
			if (plan->fa >= 0) {
				push(&pt->argv, &argc, "-fa");
				push(&pt->argv, &argc, c->fa == HDB_FA_NUMERIC
				     ? (plan->fa ? "1" : "0")
				     : (plan->fa ? "on" : "off"));
			}
			if (plan->ngl >= 0) {
				push(&pt->argv, &argc, "-ngl");
				push_num(&pt->argv, &argc, plan->ngl);
			}
			if (plan->ubatch > 0) {
				push(&pt->argv, &argc, "-ub");
				push_num(&pt->argv, &argc, plan->ubatch);
			}
			push(&pt->argv, &argc, "-o");
			push(&pt->argv, &argc, "jsonl");
			pt->estimate_s = hdb_plan_estimate(plan, pt);
			plan->estimate_s += pt->estimate_s;
		}
	ret = 0;
out:
	for (j = 0; j < n_tests; j++)
		free(tests[j].name);
	free(tests);
	free(depths);
	return ret;
}

void hdb_plan_release(struct hdb_plan *plan)
{
	size_t i, k;

	if (!plan)
		return;
	hdb_profile_release(&plan->profile);
	free(plan->model);
	free(plan->model_name);
	free(plan->gguf_error);
	free(plan->kv_k);
	free(plan->kv_v);
	free(plan->host);
	free(plan->host_slug);
	free(plan->out);
	free(plan->bench.path);
	free(plan->bench.help);
	free(plan->bench.error);
	for (i = 0; i < plan->n_points; i++) {
		struct hdb_point *pt = &plan->points[i];

		free(pt->test);
		for (k = 0; pt->argv && pt->argv[k]; k++)
			free(pt->argv[k]);
		free(pt->argv);
		free(pt->stdout_name);
		free(pt->stderr_name);
		free(pt->gate);
		hdb_checks_release(&pt->checks);
		free(pt->error);
	}
	free(plan->points);
	free(plan->refused);
	memset(plan, 0, sizeof(*plan));
}
