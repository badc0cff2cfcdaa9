/*
 * aider.c: Aider's code-editing benchmark (Aider-AI/aider benchmark/), two
 * ways in.
 *
 * A run directory ('tmp.benchmarks/2025-08-23-15-47-21--gpt-5-high/') holds
 * one .aider.results.json per exercise.  Both layouts are read: polyglot
 * (<language>/exercises/practice/<exercise>/, 225 exercises since
 * 2024-12) and the older flat one (<exercise>/, the 133 Python exercises).
 * The pass rates are computed exactly as 'benchmark.py --stats' does, the
 * denominator and its quirks included, and handed over as one quality
 * record per try (pass_rate_1 .. pass_rate_N) with an item per exercise.
 *
 * A leaderboard file (the .yml files of aider/website/_data, pasted
 * --stats blocks) gives one reference record per entry.  It is read with
 * libyaml's event API, one entry in memory at a time, and every scalar is
 * kept as the text written: YAML would turn commit 5318380 into a number
 * and dates into dates.
 *
 * Both sit in ingest/ between the files and the store: they know nothing
 * of SQL and hand plain records to the sink.
 */
#include "parsers.h"
#include "jsonutil.h"
#include "sha256.h"
#include "../util.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <yaml.h>

#define RESULTS_FILE ".aider.results.json"

/* ---- small shared pieces ------------------------------------------------ */

/*
 * Compact JSON text of v (caller frees).  jansson prints every real with
 * 17 digits, so 91.6 would come out as 91.599999999999994; 15 digits give
 * back any decimal of up to 15 digits exactly, and only a value that needs
 * more (a sum such as 0.33188854999999995) makes the whole text use 17.
 */
static char *dump(const json_t *v)
{
	char *text = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(15));
	json_t *back;
	int same;

	if (!text)
		hdb_die("out of memory");
	back = json_loads(text, 0, NULL);
	same = back && json_equal(back, v);
	json_decref(back);
	if (same)
		return text;
	free(text);
	text = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(17));
	if (!text)
		hdb_die("out of memory");
	return text;
}

static int is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/*
 * The names in dir, sorted with strcmp, into *names (free with
 * free_names).  Hidden names are left out like '.' and '..': the '*' of
 * benchmark.py's glob patterns does not match them either.  Returns 0, or
 * -1 with hdb_error set.
 */
static int list_dir(const char *dir, char ***names, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t cap = 0;

	*names = NULL;
	*n = 0;
	if (!d)
		return hdb_error("cannot open directory '%s': %s", dir,
				 strerror(errno));
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*names = xrealloc(*names, cap * sizeof(**names));
		}
		(*names)[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (*n)
		qsort(*names, *n, sizeof(**names), by_name);
	return 0;
}

/* ---- a run directory ---------------------------------------------------- */

/* One exercise directory of a run. */
struct exercise {
	char *key;		/* "python/two-fer"; flat layout: "two-fer" */
	char *file;		/* its .aider.results.json */
	json_t *res;		/* what the file holds, when it parses */
	int completed;		/* a non-empty result: counted, and an item */
	char *detail;		/* the item's detail text */
};

/* The counters --stats adds up: the name it prints, the key it reads. */
static const struct {
	const char *name, *key;
} sums[] = {
	{ "error_outputs", "num_error_outputs" },
	{ "num_malformed_responses", "num_malformed_responses" },
	{ "user_asks", "num_user_asks" },
	{ "lazy_comments", "lazy_comments" },
	{ "syntax_errors", "syntax_errors" },
	{ "indentation_errors", "indentation_errors" },
	{ "exhausted_context_windows", "num_exhausted_context_windows" },
	{ "test_timeouts", "test_timeouts" },
	{ "prompt_tokens", "prompt_tokens" },
	{ "completion_tokens", "completion_tokens" },
};
#define N_SUMS (sizeof(sums) / sizeof(sums[0]))

/* The fields --stats joins the distinct values of. */
enum { V_MODEL, V_EDIT_FORMAT, V_COMMIT, V_EDITOR_MODEL, V_EDITOR_FORMAT,
       N_VARIANTS };
static const char *const variant_keys[N_VARIANTS] = {
	"model", "edit_format", "commit_hash", "editor_model",
	"editor_edit_format",
};

struct run {
	const char *dir;
	const struct hdb_sink *sink;
	int polyglot;
	struct exercise *ex;
	size_t n, cap;		/* n: the exercise directories (total_tests) */
	long found;		/* files that parsed */
	long unparsed;		/* files that did not */
	long empty;		/* parsed, but nothing --stats would count */
	long exceptions;	/* {"exception": ...}: completed and failed */
	long completed;
	size_t tries;
	long long *passed;	/* [tries]: passed within i + 1 tries */
	double sum[N_SUMS], cost, duration;
	long with_malformed;
	json_t *variants[N_VARIANTS];	/* arrays of distinct strings */
	json_t *reasoning, *thinking;	/* borrowed from a result */
	char *dirname, *model, *commits, *details;
};

static void add_exercise(struct run *run, const char *lang, const char *name,
			 const char *path)
{
	struct exercise *e;

	if (run->n == run->cap) {
		run->cap = run->cap ? 2 * run->cap : 64;
		run->ex = xrealloc(run->ex, run->cap * sizeof(*run->ex));
	}
	e = &run->ex[run->n++];
	memset(e, 0, sizeof(*e));
	/* the same exercise name exists under several languages */
	e->key = lang ? xasprintf("%s/%s", lang, name) : xstrdup(name);
	e->file = xasprintf("%s/%s", path, RESULTS_FILE);
}

/* The exercise directories of <lang>/exercises/practice/, in name order. */
static int find_practice(struct run *run, const char *lang,
			 const char *practice)
{
	char **names;
	size_t n, i;

	if (list_dir(practice, &names, &n))
		return -1;
	for (i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", practice, names[i]);

		if (is_dir(path))
			add_exercise(run, lang, names[i], path);
		free(path);
	}
	free_names(names, n);
	return 0;
}

/*
 * The exercise directories: polyglot ('*' + '/exercises/practice/' + '*',
 * what --stats counts as total_tests) when any language has them, else
 * every directory of the flat layout (whose --stats counted '*', stray
 * files too; only directories are exercises).
 */
static int find_exercises(struct run *run)
{
	char **names;
	size_t n, i;
	int ret = -1;

	if (list_dir(run->dir, &names, &n))
		return -1;
	for (i = 0; i < n; i++) {
		char *practice = xasprintf("%s/%s/exercises/practice", run->dir,
					   names[i]);
		int rc = 0;

		if (is_dir(practice)) {
			run->polyglot = 1;
			rc = find_practice(run, names[i], practice);
		}
		free(practice);
		if (rc)
			goto out;
	}
	for (i = 0; !run->polyglot && i < n; i++) {
		char *path = xasprintf("%s/%s", run->dir, names[i]);

		if (is_dir(path))
			add_exercise(run, NULL, names[i], path);
		free(path);
	}
	ret = 0;
out:
	free_names(names, n);
	return ret;
}

/* Python's truth value of a JSON value: what benchmark.py's 'if x:' sees. */
static int truthy(const json_t *v)
{
	if (!v)
		return 0;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return json_object_size(v) > 0;
	case JSON_ARRAY:
		return json_array_size(v) > 0;
	case JSON_STRING:
		return json_string_length(v) > 0;
	case JSON_INTEGER:
		return json_integer_value(v) != 0;
	case JSON_REAL:
		return json_real_value(v) != 0.0;
	case JSON_TRUE:
		return 1;
	default:
		return 0;
	}
}

/*
 * Reads one exercise's results file.  A missing file is no result (the
 * exercise only counts in total_tests); one that does not parse is left
 * out as --stats leaves it out, but said so.
 */
static int read_result(struct run *run, struct exercise *e)
{
	json_error_t err;
	struct stat st;
	char *text;
	size_t len;

	/* missing: no result; anything but a regular file: an error */
	if (stat(e->file, &st) && errno == ENOENT)
		return 0;
	if (read_file_max(e->file, HDB_AIDER_RESULT_MAX, &text, &len))
		return -1;
	/* JSON_DECODE_ANY and JSON_ALLOW_NUL: what Python's json.loads takes */
	e->res = json_loadb(text, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	free(text);
	if (!e->res) {
		run->unparsed++;
		hdb_sink_warn(run->sink, "%s:%d:%d: warning: not valid JSON "
			      "(%s); left out of the counts, as 'benchmark.py "
			      "--stats' does", e->file, err.line > 0 ? err.line : 1,
			      err.column > 0 ? err.column : 1, err.text);
		return 0;
	}
	run->found++;
	if (!truthy(e->res)) {
		run->empty++;
		hdb_sink_warn(run->sink, "%s:1:1: warning: an empty result; "
			      "left out of the counts, as 'benchmark.py "
			      "--stats' does", e->file);
	} else if (!json_is_object(e->res)) {
		/* benchmark.py would stop at it; one file must not lose the run */
		run->empty++;
		hdb_sink_warn(run->sink, "%s:1:1: warning: expected a JSON "
			      "object, found %s; left out of the counts",
			      e->file, hdb_json_kind(e->res));
	} else {
		e->completed = 1;
	}
	return 0;
}

static json_t *outcomes_of(const json_t *res)
{
	json_t *o = json_object_get(res, "tests_outcomes");

	return json_is_array(o) ? o : NULL;
}

/* How many tries the exercise took to pass, or 0 if it never did: --stats
 * looks at the last outcome only (the tries stop at the first pass). */
static size_t passed_at(const struct exercise *e)
{
	json_t *o = e->completed ? outcomes_of(e->res) : NULL;
	size_t len = json_array_size(o);

	return len && truthy(json_array_get(o, len - 1)) ? len : 0;
}

static double number(const json_t *res, const char *key)
{
	json_t *v = json_object_get(res, key);

	return json_is_number(v) ? json_number_value(v) : 0.0;
}

static void add_variant(struct run *run, int k, const json_t *res)
{
	json_t *v = json_object_get(res, variant_keys[k]);
	json_t *seen;
	size_t i;

	if (!json_is_string(v) || !truthy(v))
		return;
	if (!run->variants[k])
		run->variants[k] = json_array();
	json_array_foreach(run->variants[k], i, seen)
		if (json_equal(seen, v))
			return;
	json_array_append(run->variants[k], v);
}

/* The distinct values, ", "-joined as --stats prints them, or NULL. */
static char *joined(const json_t *values)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *v;
	size_t i;

	if (!json_array_size(values))
		return NULL;
	json_array_foreach(values, i, v) {
		if (i)
			strbuf_addstr(&sb, ", ");
		strbuf_addstr(&sb, json_string_value(v));
	}
	return strbuf_detach(&sb);
}

/* Adds one completed result into the run's totals (summarize_results). */
static void count_result(struct run *run, const struct exercise *e)
{
	const json_t *res = e->res;
	size_t i, at = passed_at(e);
	int k;

	run->completed++;
	if (json_object_get(res, "exception")) {
		run->exceptions++;
	} else {
		/*
		 * --stats keeps the settings of the last file it reads, in the
		 * file system's order; an exception file, which has none, would
		 * blank them.  In a run where every exercise had the same
		 * settings this is the same value whatever the order.
		 */
		run->reasoning = json_object_get(res, "reasoning_effort");
		run->thinking = json_object_get(res, "thinking_tokens");
	}
	for (i = at ? at - 1 : run->tries; i < run->tries; i++)
		run->passed[i]++;
	run->cost += number(res, "cost");
	run->duration += number(res, "duration");
	for (i = 0; i < N_SUMS; i++)
		run->sum[i] += number(res, sums[i].key);
	if (truthy(json_object_get(res, "num_malformed_responses")))
		run->with_malformed++;
	for (k = 0; k < N_VARIANTS; k++)
		add_variant(run, k, res);
}

/* A value as --stats prints it ("%.1f", "%.4f"), so that it compares with
 * the leaderboard's. */
static double printed(double x, int decimals)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.*f", decimals, x);
	return strtod(buf, NULL);
}

static void set_string(json_t *o, const char *key, const char *s)
{
	if (s)
		json_object_set_new(o, key, json_string(s));
}

static char *run_details(const struct run *run)
{
	json_t *o = json_object();
	char *text, *s;
	size_t i;

	set_string(o, "dirname", run->dirname);
	json_object_set_new(o, "total_tests", json_integer((json_int_t)run->n));
	json_object_set_new(o, "results_found", json_integer(run->found));
	json_object_set_new(o, "tries", json_integer((json_int_t)run->tries));
	for (i = V_EDIT_FORMAT; i < N_VARIANTS; i++) {
		if (i == V_COMMIT)
			continue;	/* the record's version */
		s = joined(run->variants[i]);
		set_string(o, variant_keys[i], s);
		free(s);
	}
	if (run->reasoning && !json_is_null(run->reasoning))
		json_object_set(o, "reasoning_effort", run->reasoning);
	if (run->thinking && !json_is_null(run->thinking))
		json_object_set(o, "thinking_tokens", run->thinking);
	json_object_set_new(o, "percent_cases_well_formed", json_real(printed(
		100.0 * (1.0 - (double)run->with_malformed / run->completed),
		1)));
	for (i = 0; i < N_SUMS; i++) {
		json_object_set_new(o, sums[i].name,
				    json_integer((json_int_t)llround(run->sum[i])));
		if (!strcmp(sums[i].name, "num_malformed_responses"))
			json_object_set_new(o, "num_with_malformed_responses",
					    json_integer(run->with_malformed));
	}
	json_object_set_new(o, "seconds_per_case",
			    json_real(printed(run->duration / run->completed, 1)));
	json_object_set_new(o, "total_cost", json_real(printed(run->cost, 4)));
	json_object_set_new(o, "exceptions", json_integer(run->exceptions));
	json_object_set_new(o, "unparsed", json_integer(run->unparsed));
	json_object_set_new(o, "empty", json_integer(run->empty));
	text = dump(o);
	json_decref(o);
	return text;
}

/* An exercise's item detail: its outcomes and what it cost. */
static char *item_detail(const json_t *res)
{
	static const char *const keys[] = {
		"tests_outcomes", "cost", "duration", "num_malformed_responses",
		"test_timeouts", "edit_format",
	};
	json_t *o = json_object(), *exc = json_object_get(res, "exception");
	char *text;
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		json_t *v = json_object_get(res, keys[i]);

		if (v)
			json_object_set(o, keys[i], v);
	}
	if (json_is_string(exc)) {
		/* the first line of a traceback says what happened */
		const char *s = json_string_value(exc);

		s += strspn(s, "\r\n");
		json_object_set_new(o, "exception",
				    json_stringn(s, strcspn(s, "\r\n")));
	} else if (exc) {
		json_object_set(o, "exception", exc);
	}
	text = dump(o);
	json_decref(o);
	return text;
}

/* The run directory's own name ('2025-08-23-15-47-21--gpt-5-high'). */
static char *dir_name(const char *dir)
{
	size_t len = strlen(dir);
	const char *base;
	char *copy, *real, *name;

	while (len > 1 && dir[len - 1] == '/')
		len--;
	copy = xstrndup(dir, len);
	base = hdb_base_name(copy);
	if (*base && strcmp(base, ".") && strcmp(base, "..")) {
		name = xstrdup(base);
	} else {
		real = realpath(dir, NULL);
		name = xstrdup(real ? hdb_base_name(real) : base);
		free(real);
	}
	free(copy);
	return name;
}

/* dirname[:10] is the date --stats prints; only a real date is one here. */
static int is_date(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	int i;

	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9')
				    : s[i] != shape[i])
			return 0;
	return 1;
}

static int no_results_error(const struct run *run)
{
	const char *where = run->polyglot
		? "<language>/exercises/practice/<exercise>/" : "<exercise>/";

	if (!run->unparsed && !run->empty)
		return hdb_error("%s: expected %s files under %s, found none",
				 run->dir, RESULTS_FILE, where);
	return hdb_error("%s: expected %s files under %s, found none that "
			 "counts (%ld not valid JSON, %ld empty)", run->dir,
			 RESULTS_FILE, where, run->unparsed, run->empty);
}

/* Hands over a record per try, each followed by its items. */
static int emit_run(const struct run *run)
{
	const struct hdb_sink *sink = run->sink;
	struct hdb_quality_record r;
	char metric[32], date[11] = "";
	size_t t, i;

	if (is_date(run->dirname))
		memcpy(date, run->dirname, 10);
	for (t = 0; t < run->tries; t++) {
		memset(&r, 0, sizeof(r));
		snprintf(metric, sizeof(metric), "pass_rate_%zu", t + 1);
		r.harness = "aider";
		r.benchmark = run->polyglot ? "aider-polyglot" : "aider-python";
		r.metric = metric;
		r.model_named = run->model;
		r.version = run->commits;
		r.run_date = *date ? date : NULL;
		r.n_items = run->completed;
		r.n_pass = run->passed[t];
		/* --stats' denominator: completed, not the exercises there are */
		r.score = (double)run->passed[t] / run->completed;
		r.stderr = NAN;
		r.partial = run->completed < (long)run->n;
		r.details = run->details;
		if (sink->quality(sink->ctx, &r))
			return -1;
		for (i = 0; i < run->n; i++) {
			const struct exercise *e = &run->ex[i];
			struct hdb_quality_item it;
			size_t at = passed_at(e);

			if (!e->completed)
				continue;
			it.item = e->key;
			it.passed = at && at <= t + 1;
			it.detail = e->detail;
			if (sink->quality_item(sink->ctx, &it, NULL, NULL))
				return -1;
		}
	}
	return 0;
}

/* Reads every results file and adds up what --stats adds up. */
static int summarize(struct run *run)
{
	size_t i, len;

	for (i = 0; i < run->n; i++)
		if (read_result(run, &run->ex[i]))
			return -1;
	/* tries: the longest list of outcomes; exception files count as 0 */
	for (i = 0; i < run->n; i++) {
		if (!run->ex[i].completed)
			continue;
		len = json_array_size(outcomes_of(run->ex[i].res));
		if (len > run->tries)
			run->tries = len;
	}
	run->passed = xcalloc(run->tries ? run->tries : 1,
			      sizeof(*run->passed));
	for (i = 0; i < run->n; i++) {
		if (!run->ex[i].completed)
			continue;
		count_result(run, &run->ex[i]);
		run->ex[i].detail = item_detail(run->ex[i].res);
	}
	return 0;
}

static void run_release(struct run *run)
{
	size_t i;

	for (i = 0; i < run->n; i++) {
		free(run->ex[i].key);
		free(run->ex[i].file);
		free(run->ex[i].detail);
		json_decref(run->ex[i].res);
	}
	free(run->ex);
	for (i = 0; i < N_VARIANTS; i++)
		json_decref(run->variants[i]);
	free(run->passed);
	free(run->dirname);
	free(run->model);
	free(run->commits);
	free(run->details);
}

int hdb_parse_aider_run(const char *dir, const struct hdb_sink *sink,
			struct hdb_parse_info *info)
{
	struct run run;
	int ret = -1;

	memset(info, 0, sizeof(*info));
	memset(&run, 0, sizeof(run));
	info->format = HDB_FORMAT_AIDER_RUN;
	run.dir = dir;
	run.sink = sink;
	if (find_exercises(&run))
		goto out;
	if (!run.n) {
		hdb_error("%s: expected an Aider benchmark run (<language>/"
			  "exercises/practice/<exercise>/ or <exercise>/ "
			  "directories), found none", dir);
		goto out;
	}
	if (summarize(&run))
		goto out;
	if (!run.completed) {
		no_results_error(&run);
		goto out;
	}
	snprintf(info->era, sizeof(info->era), "%s", run.polyglot
		 ? "aider polyglot (225 exercises)"
		 : "aider pre-polyglot (133 Python exercises)");
	if (!run.tries) {
		/* every result an exception, or run with --no-unit-tests:
		 * --stats prints no pass rate either */
		hdb_sink_warn(sink, "%s: warning: no result has tests_outcomes "
			      "(%ld of %ld are exceptions); no pass rate to "
			      "record", dir, run.exceptions, run.completed);
		info->empty = 1;
		ret = 0;
		goto out;
	}
	run.dirname = dir_name(dir);
	run.model = joined(run.variants[V_MODEL]);
	run.commits = joined(run.variants[V_COMMIT]);
	run.details = run_details(&run);
	if (emit_run(&run))
		goto out;
	info->records = (long)run.tries;
	ret = 0;
out:
	run_release(&run);
	return ret;
}

/* Hashes the .aider.results.json files of a run directory, in name order,
 * with their paths, so that the same run is recognised again. */
static int hash_dir(struct sha256 *c, const char *dir, const char *rel,
			  long long *bytes, int depth)
{
	char *path = xasprintf("%s%s%s", dir, *rel ? "/" : "", rel);
	DIR *d = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, i;
	int ret = 0;

	if (!d) {
		ret = hdb_error("cannot open directory '%s': %s", path,
				strerror(errno));
		free(path);
		return ret;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n)	/* qsort(NULL, 0) is undefined */
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n && !ret; i++) {
		char *child_rel = xasprintf("%s%s%s", rel, *rel ? "/" : "",
					    names[i]);
		char *child = xasprintf("%s/%s", path, names[i]);
		struct stat sb;

		if (!stat(child, &sb) && S_ISDIR(sb.st_mode) && depth < 8) {
			ret = hash_dir(c, dir, child_rel, bytes, depth + 1);
		} else if (!strcmp(names[i], ".aider.results.json")) {
			char *text;
			size_t len;

			ret = read_file_max(child, HDB_AIDER_RESULT_MAX, &text,
					    &len);
			if (!ret) {
				sha256_update(c, child_rel, strlen(child_rel) + 1);
				sha256_update(c, text, len);
				*bytes += (long long)len;
				free(text);
			}
		}
		free(child_rel);
		free(child);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(path);
	return ret;
}

int hdb_hash_aider_run(const char *dir, struct sha256 *c, long long *bytes)
{
	sha256_update(c, "aider-run", 10);
	return hash_dir(c, dir, "", bytes, 0);
}

/* Does dir/name/exercises/practice hold an exercise directory? */
static int has_practice(const char *dir, const char *name)
{
	char *practice = xasprintf("%s/%s/exercises/practice", dir, name);
	char **names, *path;
	size_t n, i;
	int found = 0;

	if (is_dir(practice) && !list_dir(practice, &names, &n)) {
		for (i = 0; !found && i < n; i++) {
			path = xasprintf("%s/%s", practice, names[i]);
			found = is_dir(path);
			free(path);
		}
		free_names(names, n);
	}
	free(practice);
	return found;
}

/* Does dir/name hold a results file (the flat layout)? */
static int has_results(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s/%s", dir, name, RESULTS_FILE);
	struct stat st;
	int found = !stat(path, &st) && S_ISREG(st.st_mode);

	free(path);
	return found;
}

int hdb_is_aider_run(const char *dir)
{
	DIR *d;
	struct dirent *de;
	int found = 0;

	if (!is_dir(dir) || !(d = opendir(dir)))
		return 0;
	while (!found && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		/* a plain file holds neither: a walk asked this of every
		 * directory, and looked into each of its files twice (two
		 * stats a file of 10,000) */
		if (de->d_type != DT_DIR && de->d_type != DT_LNK &&
		    de->d_type != DT_UNKNOWN)
			continue;
		found = has_practice(dir, de->d_name) ||
			has_results(dir, de->d_name);
	}
	closedir(d);
	return found;
}

/* ---- a leaderboard file ------------------------------------------------- */

/* One key of an entry, its value as written (NULL: null, or not a plain
 * value) and where the value starts (1-based). */
struct pair {
	char *key, *value;
	long line, col;
};

/* One entry (a mapping of the top-level sequence). */
struct entry {
	long line, col;
	struct pair *p;
	size_t n, cap;
};

struct board {
	const char *path;
	const struct hdb_sink *sink;
	struct hdb_parse_info *info;
	yaml_parser_t parser;
};

/* Fields whose values are numbers in the details; any other stays text. */
static const char *const numeric_keys[] = {
	"test_cases", "total_tests", "percent_cases_well_formed",
	"error_outputs", "num_malformed_responses",
	"num_with_malformed_responses", "user_asks", "lazy_comments",
	"syntax_errors", "indentation_errors", "exhausted_context_windows",
	"test_timeouts", "prompt_tokens", "completion_tokens",
	"seconds_per_case", "total_cost", "thinking_tokens",
};

static long line_of(yaml_mark_t m)
{
	return (long)m.line + 1;
}

static long col_of(yaml_mark_t m)
{
	return (long)m.column + 1;
}

static int yaml_failed(struct board *b)
{
	yaml_parser_t *p = &b->parser;
	yaml_mark_t m = p->problem_mark;

	if (p->error == YAML_MEMORY_ERROR)
		hdb_die("out of memory");
	if (p->error == YAML_READER_ERROR)
		m = p->mark;	/* a reader error has no problem_mark */
	return hdb_error("%s:%ld:%ld: expected valid YAML (%s)", b->path,
			 line_of(m), col_of(m),
			 p->problem ? p->problem : "unknown error");
}

static int next_event(struct board *b, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&b->parser, ev))
		return yaml_failed(b);
	return 0;
}

static const char *event_kind(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return ev->data.scalar.length ? "plain text" : "an empty value";
	case YAML_SEQUENCE_START_EVENT:
		return "a sequence";
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	case YAML_ALIAS_EVENT:
		return "an alias";
	default:
		return "the end of the document";
	}
}

/* A plain ~, null or nothing: YAML's null, which leaves the key unset. */
static int is_null(const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;

	return ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	       (!*s || !strcmp(s, "~") || !strcmp(s, "null") ||
		!strcmp(s, "Null") || !strcmp(s, "NULL"));
}

/* Skips the rest of a sequence or mapping whose start was just read. */
static int skip_node(struct board *b)
{
	yaml_event_t ev;
	int depth = 1;

	while (depth) {
		if (next_event(b, &ev))
			return -1;
		if (ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (ev.type == YAML_SEQUENCE_END_EVENT ||
			 ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		yaml_event_delete(&ev);
	}
	return 0;
}

static void entry_release(struct entry *e)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		free(e->p[i].key);
		free(e->p[i].value);
	}
	free(e->p);
	memset(e, 0, sizeof(*e));
}

/* The value of key (the last one written wins, as in PyYAML), or NULL. */
static const struct pair *get(const struct entry *e, const char *key)
{
	size_t i;

	for (i = e->n; i-- > 0;)
		if (!strcmp(e->p[i].key, key))
			return e->p[i].value ? &e->p[i] : NULL;
	return NULL;
}

/* A number written the usual way (no hex, inf or nan, nothing after). */
static int parse_number(const char *s, double *out)
{
	char *end;

	if (!*s || !strchr("0123456789+-.", *s))
		return -1;
	errno = 0;
	*out = strtod(s, &end);
	return *end || errno || !isfinite(*out) ? -1 : 0;
}

static int parse_count(const char *s, long long *out)
{
	char *end;

	if (!(*s >= '0' && *s <= '9'))
		return -1;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return *end || errno ? -1 : 0;
}

static int is_numeric_key(const char *key)
{
	size_t i;

	if (!strncmp(key, "pass_rate_", 10) || !strncmp(key, "pass_num_", 9))
		return 1;
	for (i = 0; i < sizeof(numeric_keys) / sizeof(numeric_keys[0]); i++)
		if (!strcmp(key, numeric_keys[i]))
			return 1;
	return 0;
}

/* A value for the details: a number for the counting fields when it reads
 * as one, the text as written otherwise (commit 5318380 stays text). */
static json_t *detail_value(const struct pair *p)
{
	long long n;
	double d;

	if (is_numeric_key(p->key)) {
		if (!parse_count(p->value, &n))
			return json_integer((json_int_t)n);
		if (!parse_number(p->value, &d))
			return json_real(d);
	}
	return json_string(p->value);
}

/* Every key but the record's own (model, date), in the file's order. */
static char *board_details(const struct entry *e, const char *score_from)
{
	json_t *o = json_object();
	char *text;
	size_t i;

	for (i = 0; i < e->n; i++) {
		const struct pair *p = &e->p[i];

		if (!p->value || !strcmp(p->key, "model") ||
		    !strcmp(p->key, "date"))
			continue;
		json_object_set_new(o, p->key, detail_value(p));
	}
	json_object_set_new(o, "score_from", json_string(score_from));
	text = dump(o);
	json_decref(o);
	return text;
}

/*
 * Which benchmark an entry is from.  Its number of exercises tells: 225
 * polyglot, 133 Python exercises (edit_leaderboard, quant.yml), 89
 * refactoring.  total_tests when the entry has it (polyglot entries do),
 * else test_cases, which incomplete runs lower a little (132 in quant.yml,
 * 83 in the refactor board): the thresholds sit halfway between sets.
 */
static const char *board_benchmark(long long exercises)
{
	if (exercises > 133)
		return "aider-polyglot";
	if (exercises > 89)
		return "aider-edit";
	return "aider-refactor";
}

/* edit_format, then reasoning=<x> and thinking=<n> when set; NULL when
 * the entry has none of them (caller frees). */
static char *board_variant(const struct entry *e)
{
	const struct pair *fmt = get(e, "edit_format");
	const struct pair *reasoning = get(e, "reasoning_effort");
	const struct pair *thinking = get(e, "thinking_tokens");
	struct strbuf sb = STRBUF_INIT;

	if (fmt)
		strbuf_addstr(&sb, fmt->value);
	if (reasoning)
		strbuf_addf(&sb, " reasoning=%s", reasoning->value);
	if (thinking)
		strbuf_addf(&sb, " thinking=%s", thinking->value);
	if (!sb.len)
		return NULL;
	if (sb.buf[0] == ' ')
		memmove(sb.buf, sb.buf + 1, sb.len--);
	return strbuf_detach(&sb);
}

static int number_error(const struct board *b, const struct pair *p,
			const char *what)
{
	return hdb_error("%s:%ld:%ld: expected %s for '%s', found '%s'",
			 b->path, p->line, p->col, what, p->key, p->value);
}

/* Turns one entry into a reference record and hands it over. */
static int emit_entry(struct board *b, const struct entry *e)
{
	const struct pair *model = get(e, "model");
	const struct pair *rate1 = get(e, "pass_rate_1");
	const struct pair *rate2 = get(e, "pass_rate_2");
	const struct pair *cases = get(e, "test_cases");
	const struct pair *total = get(e, "total_tests");
	const struct pair *date = get(e, "date");
	const struct pair *dirname = get(e, "dirname");
	const struct pair *size = total ? total : cases, *score;
	struct hdb_reference_record r;
	long long exercises, n_items = HDB_UNSET;
	double pct;
	int ret = -1;

	if (!model || !*model->value || (!rate1 && !rate2))
		return hdb_error("%s:%ld:%ld: expected 'model' and 'pass_rate_2' "
				 "in a leaderboard entry", b->path, e->line,
				 e->col);
	if (!size)
		return hdb_error("%s:%ld:%ld: expected 'test_cases' in a "
				 "leaderboard entry (the number of exercises "
				 "tells which benchmark)", b->path, e->line,
				 e->col);
	if (parse_count(size->value, &exercises))
		return number_error(b, size, "a whole number");
	if (cases && parse_count(cases->value, &n_items))
		return number_error(b, cases, "a whole number");
	memset(&r, 0, sizeof(r));
	r.benchmark = board_benchmark(exercises);
	/* the boards' headline: pass_rate_2 ("percent correct"), but the
	 * refactoring board ranks by pass_rate_1, the only one it has */
	if (!strcmp(r.benchmark, "aider-refactor"))
		score = rate1 ? rate1 : rate2;
	else
		score = rate2 ? rate2 : rate1;
	if (parse_number(score->value, &pct))
		return number_error(b, score, "a number");
	r.line = e->line;
	r.model = model->value;
	r.variant = board_variant(e);
	r.score = pct / 100.0;
	r.n_items = n_items;
	r.date = date ? date->value : NULL;
	r.entry = dirname && *dirname->value ? dirname->value : NULL;
	r.details = board_details(e, score->key);
	if (b->sink->reference(b->sink->ctx, &r))
		goto out;
	b->info->records++;
	ret = 0;
out:
	free((char *)r.variant);
	free((char *)r.details);
	return ret;
}

static void add_pair(struct entry *e, const char *key, const yaml_event_t *v)
{
	struct pair *p;

	if (e->n == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 32;
		e->p = xrealloc(e->p, e->cap * sizeof(*e->p));
	}
	p = &e->p[e->n++];
	p->key = xstrdup(key);
	p->value = v && !is_null(v)
		? xstrdup((const char *)v->data.scalar.value) : NULL;
	p->line = v ? line_of(v->start_mark) : e->line;
	p->col = v ? col_of(v->start_mark) : e->col;
}

/* Reads the value of key; one that is not plain text is left out. */
static int read_value(struct board *b, struct entry *e, const char *key)
{
	yaml_event_t ev;
	int ret = 0;

	if (next_event(b, &ev))
		return -1;
	if (ev.type == YAML_SCALAR_EVENT) {
		add_pair(e, key, &ev);
	} else {
		hdb_sink_warn(b->sink, "%s:%ld:%ld: warning: '%s' is %s, not "
			      "a plain value; left out of the entry", b->path,
			      line_of(ev.start_mark), col_of(ev.start_mark),
			      key, event_kind(&ev));
		add_pair(e, key, NULL);
		if (ev.type != YAML_ALIAS_EVENT)
			ret = skip_node(b);
	}
	yaml_event_delete(&ev);
	return ret;
}

/* Reads the keys of an entry whose MAPPING-START was just read, then
 * hands it over. */
static int read_entry(struct board *b, yaml_mark_t start)
{
	struct entry e;
	yaml_event_t ev;
	char *key;
	int ret = -1, rc;

	memset(&e, 0, sizeof(e));
	e.line = line_of(start);
	e.col = col_of(start);
	for (;;) {
		if (next_event(b, &ev))
			goto out;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type != YAML_SCALAR_EVENT) {
			hdb_error("%s:%ld:%ld: expected a key of a leaderboard "
				  "entry, found %s", b->path,
				  line_of(ev.start_mark), col_of(ev.start_mark),
				  event_kind(&ev));
			yaml_event_delete(&ev);
			goto out;
		}
		key = xstrdup((const char *)ev.data.scalar.value);
		yaml_event_delete(&ev);
		rc = read_value(b, &e, key);
		free(key);
		if (rc)
			goto out;
	}
	ret = emit_entry(b, &e);
out:
	entry_release(&e);
	return ret;
}

/* The entries of the top-level sequence, whose start was just read. */
static int read_entries(struct board *b)
{
	yaml_event_t ev;
	int rc;

	for (;;) {
		if (next_event(b, &ev))
			return -1;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		if (ev.type != YAML_MAPPING_START_EVENT) {
			hdb_error("%s:%ld:%ld: expected a leaderboard entry (a "
				  "mapping such as 'model: ...'), found %s",
				  b->path, line_of(ev.start_mark),
				  col_of(ev.start_mark), event_kind(&ev));
			yaml_event_delete(&ev);
			return -1;
		}
		rc = read_entry(b, ev.start_mark);
		yaml_event_delete(&ev);
		if (rc)
			return -1;
	}
}

/* One document, whose DOCUMENT-START was just read: a sequence of
 * entries, and nothing else. */
static int read_document(struct board *b)
{
	yaml_event_t ev;
	int rc;

	if (next_event(b, &ev))
		return -1;
	if (ev.type != YAML_SEQUENCE_START_EVENT) {
		hdb_error("%s:%ld:%ld: expected a YAML sequence of leaderboard "
			  "entries ('- dirname: ...'), found %s", b->path,
			  line_of(ev.start_mark), col_of(ev.start_mark),
			  event_kind(&ev));
		yaml_event_delete(&ev);
		return -1;
	}
	yaml_event_delete(&ev);
	if (read_entries(b))
		return -1;
	if (next_event(b, &ev))
		return -1;
	rc = ev.type == YAML_DOCUMENT_END_EVENT ? 0 : -1;
	yaml_event_delete(&ev);
	return rc ? hdb_error("%s: expected the end of the YAML document",
			      b->path) : 0;
}

int hdb_parse_aider_board(FILE *f, const char *path,
			  const struct hdb_sink *sink,
			  struct hdb_parse_info *info)
{
	struct board b;
	yaml_event_t ev;
	int ret = -1, docs = 0, done;

	memset(info, 0, sizeof(*info));
	info->format = HDB_FORMAT_AIDER_BOARD;
	memset(&b, 0, sizeof(b));
	b.path = path;
	b.sink = sink;
	b.info = info;
	if (!yaml_parser_initialize(&b.parser))
		hdb_die("out of memory");
	yaml_parser_set_input_file(&b.parser, f);
	do {
		if (next_event(&b, &ev))
			goto out;
		done = ev.type == YAML_STREAM_END_EVENT;
		if (ev.type == YAML_DOCUMENT_START_EVENT) {
			docs++;
			yaml_event_delete(&ev);
			if (read_document(&b))
				goto out;
		} else {
			yaml_event_delete(&ev);
		}
	} while (!done);
	if (!docs) {
		hdb_error("%s:1:1: expected a YAML sequence of leaderboard "
			  "entries, found an empty file", path);
		goto out;
	}
	info->empty = !info->records;
	ret = 0;
out:
	yaml_parser_delete(&b.parser);
	return ret;
}
