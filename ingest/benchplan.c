/*
 * benchplan.c: the tests a llama-bench command line plans, in the order
 * llama-bench runs them, and the point where a run that died stopped.
 *
 * llama-bench prints nothing about its own command line, so a wrapper's
 * echo of it ('+ llama-bench -m x.gguf -p 512 -n 128 -d 0,65536', or
 * 'Running: ...') in the captured stderr is what tells the whole sweep.
 * hdb_plan_read finds such a line and reads its options as llama-bench
 * does (lists with ',', ranges 'first-last+step' and 'first-last*mult',
 * repeated options adding values, the defaults -p 512 -n 128 -d 0).
 *
 * The order is that of llama-bench's get_cmd_params_instances (the same
 * since -d came in with b5221): the model outermost, then every other
 * list parameter (-ngl, -sm, -b, -ub, -ctk, -ctv, -fa, -t, ...), then the
 * depth, then --poll, and innermost the tests: each -p value (0 skipped),
 * each -n value (0 skipped), each -pg pair.  A point is one instance.
 *
 * Pure: no I/O, no store.  died.c uses it; tests/unit/test_benchplan.c
 * pins it.
 */
#include "parsers.h"
#include "../util.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The most points a plan may have, and values a list may: beyond, it is
 * not read. */
#define PLAN_MAX ((size_t)1 << 20)
#define VALUES_MAX ((size_t)1 << 16)

/*
 * The list parameters between the model and the tests, outermost first,
 * as llama-bench nests them.  -dt (b5361-b6244) sat between -ctv and
 * -nkvo.  Each holds its values as text.
 */
enum dim {
	D_FITT, D_FITC, D_NGL, D_NCMOE, D_SM, D_LM, D_MG, D_DEV, D_TS, D_OT,
	D_NOH, D_EMBD, D_NOPO, D_NB, D_NUB, D_TK, D_TV, D_DT, D_NKVO, D_FA,
	D_NT, D_CM, D_CS, D_DEPTH, D_POLL, D_COUNT
};

struct values {
	char **v;
	size_t n, cap;
	int times;		/* how often the option was given */
};

struct test {
	long long n_prompt, n_gen;
};

struct hdb_plan {
	char *args;		/* the arguments, '\n' after each: the command
				 * as compared with another */
	struct values models;	/* base names */
	struct values dims[D_COUNT];
	struct values prompts, gens;
	struct test *pg;
	size_t n_pg;
	struct test *tests;	/* the innermost loop, in order */
	size_t n_tests;
	size_t n;		/* points */
};

static void values_add(struct values *vs, const char *s, size_t len)
{
	if (vs->n == vs->cap) {
		vs->cap = vs->cap ? 2 * vs->cap : 4;
		vs->v = xrealloc(vs->v, vs->cap * sizeof(*vs->v));
	}
	vs->v[vs->n++] = xstrndup(s, len);
}

static void values_release(struct values *vs)
{
	size_t i;

	for (i = 0; i < vs->n; i++)
		free(vs->v[i]);
	free(vs->v);
	memset(vs, 0, sizeof(*vs));
}

void hdb_plan_free(struct hdb_plan *p)
{
	size_t i;

	if (!p)
		return;
	free(p->args);
	values_release(&p->models);
	for (i = 0; i < D_COUNT; i++)
		values_release(&p->dims[i]);
	values_release(&p->prompts);
	values_release(&p->gens);
	free(p->pg);
	free(p->tests);
	free(p);
}

/* ---- the command line ------------------------------------------------ */

/* Is p, within line, where a 'llama-bench' program name starts to be
 * run ('/opt/bin/llama-bench -m', not 'llama-bench: benchmark 1/6')? */
static int program_at(const char *line, const char *p)
{
	static const char name[] = "llama-bench";
	const char *end = p + sizeof(name) - 1, *start = p;

	if (p > line && !strchr(" \t/\\\"'", p[-1]))
		return 0;
	if (!strncmp(end, ".exe", 4))
		end += 4;
	if (*end && !strchr(" \t\"'", *end))
		return 0;
	/* the start of the path it is the end of */
	while (start > line && !strchr(" \t\"'", start[-1]))
		start--;
	/* llama-bench's own usage text: 'usage: ./llama-bench [options]' */
	if (start - line >= 7 && !strncmp(start - 7, "usage: ", 7))
		return 0;
	return 1;
}

/* Where the llama-bench command in line starts (its program's path), or
 * NULL; *name_end (may be NULL) is where the program's name ends. */
static const char *command_start(const char *line, const char **name_end)
{
	const char *p, *start;

	for (p = line; (p = strstr(p, "llama-bench")); p++)
		if (program_at(line, p)) {
			for (start = p; start > line &&
			     !strchr(" \t\"'", start[-1]); start--)
				;
			p += strlen("llama-bench");
			if (!strncmp(p, ".exe", 4))
				p += 4;
			if (name_end)
				*name_end = p;
			return start;
		}
	return NULL;
}


/* The words of a command as a shell splits them, into *words (a '\0'
 * after each, n of them).  It ends at the end of the line, at an
 * operator ('|', ';', '&', '<', '>': a pipe, a redirection), at a comment,
 * or at term (the quote the whole command was echoed in).  On Windows
 * (win) a backslash separates directories and escapes nothing.  Returns
 * 0, or -1 with *why when what the shell would run cannot be told from
 * the text. */
static int split_words(const char *s, int term, int win,
		       struct strbuf *words, size_t *n, const char **why)
{
	struct strbuf w = STRBUF_INIT;
	int in_word = 0, quoted = 0, ret = -1;

	*n = 0;
	for (;; s++) {
		int c = (unsigned char)*s;

		if (c == '\0' || c == ' ' || c == '\t' || c == term ||
		    (c && strchr("|;&<>", c)) || (c == '#' && !in_word)) {
			/* '2>&1': the 2 is the descriptor, not a word */
			if (in_word && c && strchr("<>", c) && !quoted &&
			    strspn(w.buf, "0123456789") == w.len)
				in_word = 0;
			if (in_word) {
				strbuf_add(words, w.buf, w.len);
				strbuf_addch(words, '\0');
				(*n)++;
			}
			strbuf_reset(&w);
			in_word = quoted = 0;
			if (c == ' ' || c == '\t')
				continue;
			break;
		}
		in_word = 1;
		if (c == '$' || c == '`') {
			*why = "it names shell variables";
			goto out;
		}
		if (c == '\\' && !win) {
			if (!s[1]) {
				*why = "it goes on on the next line";
				goto out;
			}
			strbuf_addch(&w, *++s);
			quoted = 1;
			continue;
		}
		if (c == '\'' || c == '"') {
			const char *q = strchr(s + 1, c);

			if (!q) {
				*why = "a quote is not closed";
				goto out;
			}
			for (s++; s < q; s++) {
				if (c == '"' && (*s == '$' || *s == '`')) {
					*why = "it names shell variables";
					goto out;
				}
				if (c == '"' && *s == '\\' && !win &&
				    s + 1 < q && strchr("\"\\", s[1]))
					s++;
				strbuf_addch(&w, *s);
			}
			quoted = 1;
			continue;
		}
		strbuf_addch(&w, (char)c);
	}
	ret = 0;
out:
	strbuf_release(&w);
	return ret;
}

/* Adds the ',' separated pieces of s to vs (empty ones too, as
 * llama-bench's string_split keeps them). */
static void add_list(struct values *vs, const char *s)
{
	const char *e;

	for (;; s = e + 1) {
		e = strchr(s, ',');
		values_add(vs, s, e ? (size_t)(e - s) : strlen(s));
		if (!e)
			break;
	}
}

/* A decimal integer at *s (a '-' first only if neg), into *v; moves *s
 * past it.  Returns 0, or -1 when there is none or it is out of range. */
static int read_int(const char **s, int neg, long long *v)
{
	const char *p = *s;
	char *end;

	if (*p == '-' && !neg)
		return -1;
	if (!isdigit((unsigned char)p[*p == '-']))
		return -1;
	*v = strtoll(p, &end, 10);
	if (*v > INT_MAX || *v < INT_MIN)
		return -1;
	*s = end;
	return 0;
}

/*
 * Adds the integers of s to vs as llama-bench's parse_int_range reads
 * them: items 'first[-last[(+|*)step]]' separated by ','.  Returns 0, or
 * -1 when s is not that (llama-bench refuses it too).
 */
static int add_ints(struct values *vs, const char *s, int neg)
{
	char buf[24];

	while (*s) {
		long long first, last, step = 1, i, prev;
		char op = '+';

		if (read_int(&s, neg, &first))
			return -1;
		last = first;
		if (*s == '-') {
			s++;
			if (read_int(&s, 0, &last))
				return -1;
			if (*s == '+' || *s == '*') {
				op = *s++;
				if (read_int(&s, 0, &step))
					return -1;
			}
		}
		if (*s == ',')
			s++;
		else if (*s)
			return -1;
		for (i = first; i <= last;) {
			if (vs->n >= VALUES_MAX)
				return -1;
			snprintf(buf, sizeof(buf), "%lld", i);
			values_add(vs, buf, strlen(buf));
			prev = i;
			i = op == '+' ? i + step : i * step;
			if (i <= prev)
				return -1;
		}
	}
	return 0;
}

/* -fa as llama-bench takes it, as the record says it: "1", "0", "-1". */
static const char *fa_number(const char *v)
{
	static const char *const on[] = { "on", "enabled", "true", "1" };
	static const char *const off[] = { "off", "disabled", "false", "0" };
	size_t i;

	for (i = 0; i < 4; i++) {
		if (!strcmp(v, on[i]))
			return "1";
		if (!strcmp(v, off[i]))
			return "0";
	}
	if (!strcmp(v, "auto") || !strcmp(v, "-1"))
		return "-1";
	return NULL;
}

enum opt_kind {
	O_MODEL,	/* -m: models, ',' separated */
	O_PROMPT, O_GEN,	/* -p, -n: integer ranges of tests */
	O_PG,		/* -pg pp,tg: one test */
	O_INTS,		/* a list parameter of integer ranges */
	O_INTS_NEG,	/* the same, negative numbers allowed (-ngl) */
	O_LIST,		/* a list parameter of ',' separated values */
	O_FA,		/* -fa: on/off/auto, 1/0/-1 */
	O_VALUE,	/* takes a value that plans nothing (-r, -o) */
	O_FLAG,		/* takes no value (-v, --progress) */
	O_HF,		/* models from Hugging Face: not known here */
	O_NO_TESTS,	/* -h, --list-devices: prints and exits */
};

static const struct opt {
	const char *name;
	enum opt_kind kind;
	enum dim dim;
} opts[] = {
	{ "-m", O_MODEL, 0 }, { "--model", O_MODEL, 0 },
	{ "-p", O_PROMPT, 0 }, { "--n-prompt", O_PROMPT, 0 },
	{ "-n", O_GEN, 0 }, { "--n-gen", O_GEN, 0 },
	{ "-pg", O_PG, 0 },
	{ "-d", O_INTS, D_DEPTH }, { "--n-depth", O_INTS, D_DEPTH },
	{ "-b", O_INTS, D_NB }, { "--batch-size", O_INTS, D_NB },
	{ "-ub", O_INTS, D_NUB }, { "--ubatch-size", O_INTS, D_NUB },
	{ "-ctk", O_LIST, D_TK }, { "--cache-type-k", O_LIST, D_TK },
	{ "-ctv", O_LIST, D_TV }, { "--cache-type-v", O_LIST, D_TV },
	{ "-dt", O_LIST, D_DT }, { "--defrag-thold", O_LIST, D_DT },
	{ "-t", O_INTS, D_NT }, { "--threads", O_INTS, D_NT },
	{ "-C", O_LIST, D_CM }, { "--cpu-mask", O_LIST, D_CM },
	{ "--cpu-strict", O_LIST, D_CS },
	{ "--poll", O_INTS, D_POLL },
	{ "-ngl", O_INTS_NEG, D_NGL }, { "--n-gpu-layers", O_INTS_NEG, D_NGL },
	{ "-ncmoe", O_INTS, D_NCMOE }, { "--n-cpu-moe", O_INTS, D_NCMOE },
	{ "-sm", O_LIST, D_SM }, { "--split-mode", O_LIST, D_SM },
	{ "-lm", O_LIST, D_LM }, { "--load-mode", O_LIST, D_LM },
	{ "-mmp", O_LIST, D_LM }, { "--mmap", O_LIST, D_LM },
	{ "-dio", O_LIST, D_LM }, { "--direct-io", O_LIST, D_LM },
	{ "-mg", O_INTS, D_MG }, { "--main-gpu", O_INTS, D_MG },
	{ "-nkvo", O_LIST, D_NKVO }, { "--no-kv-offload", O_LIST, D_NKVO },
	{ "-fa", O_FA, D_FA }, { "--flash-attn", O_FA, D_FA },
	{ "-dev", O_LIST, D_DEV }, { "--device", O_LIST, D_DEV },
	{ "-embd", O_LIST, D_EMBD }, { "--embeddings", O_LIST, D_EMBD },
	{ "-ts", O_LIST, D_TS }, { "--tensor-split", O_LIST, D_TS },
	{ "-ot", O_LIST, D_OT }, { "--override-tensor", O_LIST, D_OT },
	{ "-nopo", O_LIST, D_NOPO }, { "--no-op-offload", O_LIST, D_NOPO },
	{ "--no-host", O_LIST, D_NOH },
	{ "-fitt", O_LIST, D_FITT }, { "--fit-target", O_LIST, D_FITT },
	{ "-fitc", O_LIST, D_FITC }, { "--fit-ctx", O_LIST, D_FITC },
	{ "-r", O_VALUE, 0 }, { "--repetitions", O_VALUE, 0 },
	{ "--prio", O_VALUE, 0 }, { "--delay", O_VALUE, 0 },
	{ "-o", O_VALUE, 0 }, { "--output", O_VALUE, 0 },
	{ "-oe", O_VALUE, 0 }, { "--output-err", O_VALUE, 0 },
	{ "--numa", O_VALUE, 0 }, { "-rpc", O_VALUE, 0 },
	{ "--rpc", O_VALUE, 0 }, { "-hft", O_VALUE, 0 },
	{ "--hf-token", O_VALUE, 0 },
	{ "-v", O_FLAG, 0 }, { "--verbose", O_FLAG, 0 },
	{ "--progress", O_FLAG, 0 }, { "--no-warmup", O_FLAG, 0 },
	{ "--offline", O_FLAG, 0 },
	{ "-hf", O_HF, 0 }, { "-hfr", O_HF, 0 }, { "--hf-repo", O_HF, 0 },
	{ "-hff", O_HF, 0 }, { "--hf-file", O_HF, 0 },
	{ "-h", O_NO_TESTS, 0 }, { "--help", O_NO_TESTS, 0 },
	{ "--list-devices", O_NO_TESTS, 0 },
};

static const struct opt *find_opt(const char *arg)
{
	char name[32];
	size_t i;

	/* llama-bench reads '--n_prompt' as '--n-prompt' */
	snprintf(name, sizeof(name), "%s", arg);
	if (!strncmp(name, "--", 2))
		for (i = 2; name[i]; i++)
			if (name[i] == '_')
				name[i] = '-';
	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (!strcmp(opts[i].name, name))
			return &opts[i];
	return NULL;
}

/* One option and its value (NULL for a flag).  Returns 0, or -1 with
 * *why. */
static int take_option(struct hdb_plan *p, const struct opt *o,
		       const char *v, const char **why)
{
	struct values *d = &p->dims[o->dim];
	long long a, b;
	size_t i, n0;

	switch (o->kind) {
	case O_MODEL:
		n0 = p->models.n;
		add_list(&p->models, v);
		for (i = n0; i < p->models.n; i++) {
			char *base = xstrdup(hdb_base_name(p->models.v[i]));

			free(p->models.v[i]);
			p->models.v[i] = base;
		}
		return 0;
	case O_PROMPT:
	case O_GEN:
		if (add_ints(o->kind == O_PROMPT ? &p->prompts : &p->gens, v,
			     0))
			break;
		return 0;
	case O_PG:
		if (read_int(&v, 0, &a) || *v++ != ',' || read_int(&v, 0, &b) ||
		    *v)
			break;
		p->pg = xrealloc(p->pg, (p->n_pg + 1) * sizeof(*p->pg));
		p->pg[p->n_pg].n_prompt = a;
		p->pg[p->n_pg++].n_gen = b;
		return 0;
	case O_INTS:
	case O_INTS_NEG:
		/* a second -mg replaces the first in one build, adds to it
		 * in others */
		if (o->dim == D_MG && d->times++) {
			*why = "-mg is given twice";
			return -1;
		}
		if (add_ints(d, v, o->kind == O_INTS_NEG))
			break;
		return 0;
	case O_LIST:
		/* -lm, -mmp and -dio are one list in newer builds, two or
		 * three in older ones: together they plan different runs */
		if (o->dim == D_LM) {
			const char *name = o->name + (o->name[1] == '-' ? 2 : 1);

			if (d->n && d->v[0][0] != name[0]) {
				*why = "it mixes -lm, -mmp and -dio";
				return -1;
			}
		}
		n0 = d->n;
		add_list(d, v);
		if (o->dim == D_LM)	/* the option each value came with */
			for (i = n0; i < d->n; i++) {
				char *tagged = xasprintf("%c%s",
					o->name[o->name[1] == '-' ? 2 : 1],
					d->v[i]);

				free(d->v[i]);
				d->v[i] = tagged;
			}
		return 0;
	case O_FA:
		n0 = d->n;
		add_list(d, v);
		for (i = n0; i < d->n; i++) {
			const char *num = fa_number(d->v[i]);

			if (!num)
				goto bad;
			free(d->v[i]);
			d->v[i] = xstrdup(num);
		}
		return 0;
	case O_VALUE:
	case O_FLAG:
		return 0;
	case O_HF:
		*why = "its models come from Hugging Face";
		return -1;
	case O_NO_TESTS:
		*why = "it runs no test";
		return -1;
	}
bad:
	*why = "an option's value is not what llama-bench takes";
	return -1;
}

/* The defaults of what was not given, the tests in order, the size. */
static int finish(struct hdb_plan *p, const char **why)
{
	size_t i, n;

	if (!p->models.n)
		add_list(&p->models, "ggml-model-q4_0.gguf");
	if (!p->prompts.n)
		add_list(&p->prompts, "512");
	if (!p->gens.n)
		add_list(&p->gens, "128");
	if (!p->dims[D_DEPTH].n)
		add_list(&p->dims[D_DEPTH], "0");
	p->tests = xcalloc(p->prompts.n + p->gens.n + p->n_pg + 1,
			   sizeof(*p->tests));
	for (i = 0; i < p->prompts.n; i++)
		if (strcmp(p->prompts.v[i], "0"))
			p->tests[p->n_tests++] = (struct test){
				atoll(p->prompts.v[i]), 0 };
	for (i = 0; i < p->gens.n; i++)
		if (strcmp(p->gens.v[i], "0"))
			p->tests[p->n_tests++] = (struct test){
				0, atoll(p->gens.v[i]) };
	for (i = 0; i < p->n_pg; i++)
		if (p->pg[i].n_prompt || p->pg[i].n_gen)
			p->tests[p->n_tests++] = p->pg[i];
	n = p->n_tests * p->models.n;
	for (i = 0; i < D_COUNT && n; i++) {
		size_t k = p->dims[i].n ? p->dims[i].n : 1;

		if (n > PLAN_MAX / k) {
			*why = "it plans too many tests";
			return -1;
		}
		n *= k;
	}
	if (!n || n > PLAN_MAX) {
		*why = n ? "it plans too many tests" : "it runs no test";
		return -1;
	}
	p->n = n;
	return 0;
}

int hdb_plan_read(const char *line, struct hdb_plan **plan, const char **why)
{
	struct strbuf words = STRBUF_INIT;
	struct hdb_plan *p;
	const char *name_end, *start = command_start(line, &name_end), *w;
	size_t n, i;
	int term = 0, win;

	*plan = NULL;
	*why = NULL;
	if (!start)
		return 0;
	/* echoed inside quotes, the command ends at the closing one; a
	 * quoted path ('"C:\llama\llama-bench.exe" -m ...') is a word */
	if (start > line && (start[-1] == '"' || start[-1] == '\'')) {
		if (*name_end == start[-1])
			start--;
		else
			term = start[-1];
	}
	/* 'llama-bench.exe', 'C:\\llama\\llama-bench': Windows */
	win = !strncmp(name_end - 4, ".exe", 4);
	for (w = start; w < name_end; w++)
		win |= *w == '\\';
	p = xcalloc(1, sizeof(*p));
	if (split_words(start, term, win, &words, &n, why))
		goto bad;
	w = words.buf;
	/* 'sending signal KILL to llama-bench after 17 minutes' names the
	 * program, and runs nothing: options come first */
	if (!n || (n > 1 && w[strlen(w) + 1] != '-')) {
		strbuf_release(&words);
		hdb_plan_free(p);
		return 0;
	}
	w += strlen(w) + 1;	/* the program */
	for (i = 1; i < n; i++, w += strlen(w) + 1) {
		const struct opt *o = find_opt(w);
		const char *v = NULL;

		if (!o) {
			*why = "it has an option halodb does not know";
			goto bad;
		}
		if (o->kind != O_FLAG && o->kind != O_HF &&
		    o->kind != O_NO_TESTS) {
			if (++i >= n) {
				*why = "an option has no value";
				goto bad;
			}
			w += strlen(w) + 1;
			v = w;
		}
		if (take_option(p, o, v, why))
			goto bad;
	}
	if (finish(p, why))
		goto bad;
	p->args = xstrndup(words.buf, words.len);
	for (i = 0; i < words.len; i++)
		if (!p->args[i])
			p->args[i] = '\n';
	strbuf_release(&words);
	*plan = p;
	return 1;
bad:
	strbuf_release(&words);
	hdb_plan_free(p);
	return -1;
}

int hdb_plan_same(const struct hdb_plan *a, const struct hdb_plan *b)
{
	/* the program's path may differ ('./llama-bench' in the echo,
	 * '/opt/bin/llama-bench' under set -x): the arguments may not */
	const char *x = strchr(a->args, '\n'), *y = strchr(b->args, '\n');

	return !strcmp(x ? x : "", y ? y : "");
}

/* ---- points ------------------------------------------------------------ */

size_t hdb_plan_size(const struct hdb_plan *p)
{
	return p->n;
}

int hdb_plan_varies(const struct hdb_plan *p, enum hdb_plan_field f)
{
	static const enum dim dims[] = {
		[HDB_PF_NGL] = D_NGL, [HDB_PF_BATCH] = D_NB,
		[HDB_PF_UBATCH] = D_NUB, [HDB_PF_THREADS] = D_NT,
		[HDB_PF_FA] = D_FA, [HDB_PF_TYPE_K] = D_TK,
		[HDB_PF_TYPE_V] = D_TV,
	};

	if (f == HDB_PF_MODEL)
		return p->models.n > 1;
	return p->dims[dims[f]].n > 1;
}

/* The value of an integer parameter for a point, HDB_UNSET when the
 * command line did not set it. */
static long long int_of(const struct values *vs, size_t k)
{
	return vs->n ? atoll(vs->v[k]) : HDB_UNSET;
}

void hdb_plan_point(const struct hdb_plan *p, size_t i,
		    struct hdb_plan_point *pt)
{
	const struct test *t = &p->tests[i % p->n_tests];
	size_t at[D_COUNT], k;
	int d;

	i /= p->n_tests;
	for (d = D_COUNT - 1; d >= 0; d--) {
		k = p->dims[d].n ? p->dims[d].n : 1;
		at[d] = i % k;
		i /= k;
	}
	memset(pt, 0, sizeof(*pt));
	pt->model_file = p->models.v[i];
	pt->n_prompt = t->n_prompt;
	pt->n_gen = t->n_gen;
	pt->n_depth = atoll(p->dims[D_DEPTH].v[at[D_DEPTH]]);
	pt->n_gpu_layers = int_of(&p->dims[D_NGL], at[D_NGL]);
	pt->n_batch = int_of(&p->dims[D_NB], at[D_NB]);
	pt->n_ubatch = int_of(&p->dims[D_NUB], at[D_NUB]);
	pt->n_threads = int_of(&p->dims[D_NT], at[D_NT]);
	pt->flash_attn = int_of(&p->dims[D_FA], at[D_FA]);
	pt->type_k = p->dims[D_TK].n ? p->dims[D_TK].v[at[D_TK]] : NULL;
	pt->type_v = p->dims[D_TV].n ? p->dims[D_TV].v[at[D_TV]] : NULL;
}

static int same_int(long long a, long long b)
{
	return a == HDB_UNSET || b == HDB_UNSET || a == b;
}

static int same_str(const char *a, const char *b, int nocase)
{
	return !a || !b || !(nocase ? strcasecmp(a, b) : strcmp(a, b));
}

int hdb_plan_matches(const struct hdb_plan_point *a,
		     const struct hdb_plan_point *b)
{
	return a->n_prompt == b->n_prompt && a->n_gen == b->n_gen &&
	       a->n_depth == b->n_depth &&
	       same_str(a->model_file, b->model_file, 0) &&
	       same_int(a->n_gpu_layers, b->n_gpu_layers) &&
	       same_int(a->n_batch, b->n_batch) &&
	       same_int(a->n_ubatch, b->n_ubatch) &&
	       same_int(a->n_threads, b->n_threads) &&
	       same_int(a->flash_attn, b->flash_attn) &&
	       same_str(a->type_k, b->type_k, 1) &&
	       same_str(a->type_v, b->type_v, 1);
}

static int matches_at(const struct hdb_plan *p, size_t i,
		      const struct hdb_plan_point *done)
{
	struct hdb_plan_point pt;

	hdb_plan_point(p, i, &pt);
	return hdb_plan_matches(&pt, done);
}

long hdb_plan_next(const struct hdb_plan *p, const struct hdb_plan_point *done,
		   size_t n_done, int skips, size_t *at)
{
	size_t *early, *late, i, j, gap;
	long ret = -1;

	if (n_done > p->n)
		return -1;
	early = xcalloc(n_done + 1, sizeof(*early));
	late = xcalloc(n_done + 1, sizeof(*late));
	/* the records in the plan's order, each as early as it can be ... */
	for (i = j = 0; i < n_done; i++, j++) {
		while (j < p->n && !matches_at(p, j, &done[i]))
			j++;
		if (j == p->n)
			goto out;	/* a record the plan does not have */
		early[i] = j;
	}
	/* ... and as late */
	for (i = n_done, j = p->n; i-- > 0;) {
		do
			j--;
		while (!matches_at(p, j, &done[i]));
		late[i] = j;
	}
	for (gap = 0; gap < n_done && early[gap] == gap; gap++)
		;
	/*
	 * llama-bench passes a point by only when its model, context or
	 * fit fails, and says so; otherwise the records are the plan's
	 * first points and the run stopped at the next.  When it may have
	 * passed points by, the records must fit the plan one way only.
	 */
	if (gap < n_done || skips)
		if (memcmp(early, late, n_done * sizeof(*early)))
			goto out;
	if (gap < p->n) {
		ret = (long)gap;
		if (at)
			memcpy(at, early, n_done * sizeof(*at));
	}
out:
	free(early);
	free(late);
	return ret;
}

int hdb_plan_is_command(const char *line)
{
	struct hdb_plan *p;
	const char *why;
	int rc = hdb_plan_read(line, &p, &why);

	hdb_plan_free(p);
	return rc != 0;
}
