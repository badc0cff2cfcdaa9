/*
 * evalplus.c: EvalPlus results (*eval_results.json, every version since
 * v0.1.0) into two quality records, pass@1 of the base tests (HumanEval,
 * MBPP) and of base plus extra tests (HumanEval+, MBPP+), each followed by
 * an item per task; and the EvalPlus leaderboard's results.json into
 * reference records.
 *
 * Both are single JSON documents, read whole and parsed with jansson.  A
 * results file carries per-sample statuses but (before late 2024) no
 * pass@1 and never the model: the scores are computed here as evalplus
 * computes them, and the model, backend and temperature come from the
 * file name that evalplus made out of them.
 */
#include "parsers.h"
#include "jsonutil.h"
#include "../util.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A greedy run is well under 1 MB; 200 samples per task, each with its
 * solution, make tens of MB. */
#define MAX_RESULTS (256L << 20)

/* A compact details object; reals with 15 digits, not jansson's 17. */
#define DUMP_FLAGS (JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))

enum status { ST_PASS, ST_FAIL, ST_TIMEOUT, ST_UNKNOWN, ST_COUNT };

static const char *const status_names[ST_COUNT] = {
	"pass", "fail", "timeout", "unknown",
};

/* One task of the "eval" object and its samples. */
struct task {
	char *id;			/* "HumanEval/0" (owned) */
	int n, c_base, c_plus;
	enum status base, plus;		/* pass, or the first other status */
	json_t *base_fail, *plus_fail;	/* first failing input (borrowed) */
};

/* What the file name says (evalplus's "identifier"). */
struct ident {
	char *model;			/* "meta-llama/Meta-Llama-3-8B-Instruct" */
	char *backend;			/* "vllm", or NULL */
	double temperature;		/* NAN when the name has none */
};

struct results {
	const char *path;
	const struct hdb_sink *sink;
	json_t *doc;			/* the whole file (owned) */
	struct task *tasks;		/* (owned) */
	size_t n_tasks;
	const char *dataset;		/* "humaneval" or "mbpp" */
	const char *prefix;		/* "HumanEval" or "Mbpp" */
	long counts[2][ST_COUNT];	/* base and plus statuses of samples */
	int plus_ran;			/* some sample has a plus status */
	int odd_warned;
};



/* Reads f whole and parses it; a byte-order mark is skipped. */
static int load_json(FILE *f, const char *path, const char *what,
		     json_t **out)
{
	struct strbuf sb = STRBUF_INIT;
	json_error_t err;
	const char *p;
	size_t len;
	int ret = -1;

	*out = NULL;
	if (hdb_read_whole(f, path, what, MAX_RESULTS, &sb))
		goto out;
	p = strbuf_str(&sb);
	len = sb.len;
	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3)) {
		p += 3;
		len -= 3;
	}
	*out = json_loadb(p, len, 0, &err);
	if (!*out) {
		hdb_json_error(path, err.line, err.column, &err);
		goto out;
	}
	ret = 0;
out:
	strbuf_release(&sb);
	return ret;
}

/* Hands a details object over as compact text; the caller frees it. */
static char *dump_free(json_t *o)
{
	char *text = json_dumps(o, DUMP_FLAGS);

	json_decref(o);
	return text;
}


/* ---- statuses and samples --------------------------------------------- */

/* Every version's spelling: v0.2.1+ "pass"/"fail"/"timeout", v0.1.x to
 * v0.2.0 "success"/"failed"/"timed out"; null is a test that never ran. */
static enum status norm_status(struct results *rs, json_t *v)
{
	static const struct {
		const char *text;
		enum status st;
	} names[] = {
		{ "pass", ST_PASS }, { "success", ST_PASS },
		{ "fail", ST_FAIL }, { "failed", ST_FAIL },
		{ "timeout", ST_TIMEOUT }, { "timed out", ST_TIMEOUT },
	};
	size_t i;

	if (!v || json_is_null(v))
		return ST_UNKNOWN;
	if (json_is_string(v))
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (!strcmp(json_string_value(v), names[i].text))
				return names[i].st;
	if (!rs->odd_warned++) {
		char *text = json_dumps(v, DUMP_FLAGS);

		hdb_sink_warn(rs->sink, "%s:1:1: warning: unknown test status "
			      "%s, counted as not passed", rs->path,
			      text ? text : "?");
		free(text);
	}
	return ST_UNKNOWN;
}

/* The first input of a list of failing inputs, or NULL. */
static json_t *first_input(json_t *fail_tests)
{
	return json_is_array(fail_tests) ? json_array_get(fail_tests, 0)
					 : NULL;
}

/* Counts one sample into its task; a plus pass counts only with a base
 * pass, as evalplus has it. */
static void add_sample(struct results *rs, struct task *t, json_t *base,
		       json_t *plus, json_t *base_fail, json_t *plus_fail)
{
	enum status b = norm_status(rs, base), p = norm_status(rs, plus);

	t->n++;
	rs->counts[0][b]++;
	rs->counts[1][p]++;
	if (p != ST_UNKNOWN)
		rs->plus_ran = 1;
	if (b == ST_PASS)
		t->c_base++;
	if (b == ST_PASS && p == ST_PASS)
		t->c_plus++;
	if (t->base == ST_PASS)
		t->base = b;
	if (t->plus == ST_PASS)
		t->plus = p;
	if (!t->base_fail)
		t->base_fail = first_input(base_fail);
	if (!t->plus_fail)
		t->plus_fail = first_input(plus_fail);
}

/* v0.2.1+: a list of {base_status, plus_status, *_fail_tests, ...}. */
static int add_sample_list(struct results *rs, struct task *t, json_t *list)
{
	size_t i;
	json_t *s;

	json_array_foreach(list, i, s) {
		if (!json_is_object(s))
			return hdb_error("%s:1:1: expected an object for sample "
					 "%zu of task '%s'", rs->path, i + 1,
					 t->id);
		add_sample(rs, t, json_object_get(s, "base_status"),
			   json_object_get(s, "plus_status"),
			   json_object_get(s, "base_fail_tests"),
			   json_object_get(s, "plus_fail_tests"));
	}
	return 0;
}

/* The status of entry i of an old "base" or "plus" list: [status,
 * details]; NULL (unknown) past its end, as with --base-only's []. */
static json_t *old_status(json_t *list, size_t i)
{
	json_t *e = json_array_get(list, i);

	return json_is_array(e) ? json_array_get(e, 0) : e;
}

/* v0.1.0 to v0.2.0: {nfiles or files, base: [[status, details]...],
 * plus: [...] or []}, a "base" entry per sample. */
static int add_sample_lists(struct results *rs, struct task *t, json_t *o)
{
	json_t *base = json_object_get(o, "base");
	json_t *plus = json_object_get(o, "plus");
	json_t *nfiles = json_object_get(o, "nfiles");
	json_t *files = json_object_get(o, "files");
	size_t i, n = json_array_size(base);
	long long said = -1;

	if (!json_is_array(base))
		return hdb_error("%s:1:1: expected a \"base\" list in task '%s'",
				 rs->path, t->id);
	if (plus && !json_is_array(plus) && !json_is_null(plus))
		return hdb_error("%s:1:1: expected a \"plus\" list in task '%s'",
				 rs->path, t->id);
	/* evalplus divides by nfiles; a count that disagrees with the
	 * list is a broken file, not a run with missing samples */
	if (nfiles)
		said = json_is_integer(nfiles) ? json_integer_value(nfiles) : -2;
	else if (files)
		said = json_is_array(files) ? (long long)json_array_size(files)
					    : -2;
	if (said != -1 && said != (long long)n)
		return hdb_error("%s:1:1: expected \"%s\" to match the number "
				 "of \"base\" entries (%zu) in task '%s'",
				 rs->path, nfiles ? "nfiles" : "files", n,
				 t->id);
	for (i = 0; i < n; i++)
		add_sample(rs, t, old_status(base, i), old_status(plus, i),
			   NULL, NULL);
	return 0;
}

/* "HumanEval_0" (v0.1.0 keys) is "HumanEval/0". */
static char *task_id(const char *key)
{
	char *id = xstrdup(key), *us;

	if (!strchr(id, '/') && (us = strchr(id, '_')))
		*us = '/';
	return id;
}

/* The dataset a task id belongs to; every task must be of the first's. */
static int check_dataset(struct results *rs, const char *id)
{
	static const struct {
		const char *prefix, *dataset;
	} known[] = { { "HumanEval", "humaneval" }, { "Mbpp", "mbpp" } };
	size_t i;

	if (rs->prefix) {
		if (strncmp(id, rs->prefix, strlen(rs->prefix)))
			return hdb_error("%s:1:1: expected only %s tasks in "
					 "\"eval\", found '%s'", rs->path,
					 rs->prefix, id);
		return 0;
	}
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (!strncmp(id, known[i].prefix, strlen(known[i].prefix))) {
			rs->prefix = known[i].prefix;
			rs->dataset = known[i].dataset;
			return 0;
		}
	return hdb_error("%s:1:1: expected HumanEval or Mbpp task ids in "
			 "\"eval\", found '%s' (another EvalPlus dataset?)",
			 rs->path, id);
}

static int read_tasks(struct results *rs, json_t *eval)
{
	const char *key;
	json_t *v;

	rs->tasks = xcalloc(json_object_size(eval) + 1, sizeof(*rs->tasks));
	json_object_foreach(eval, key, v) {
		struct task *t = &rs->tasks[rs->n_tasks++];

		t->id = task_id(key);
		t->base = t->plus = ST_PASS;
		if (check_dataset(rs, t->id))
			return -1;
		if (json_is_array(v)) {
			if (add_sample_list(rs, t, v))
				return -1;
		} else if (json_is_object(v)) {
			if (add_sample_lists(rs, t, v))
				return -1;
		} else {
			return hdb_error("%s:1:1: expected a list of samples "
					 "or an object with \"base\" for task "
					 "'%s'", rs->path, t->id);
		}
		if (!t->n)
			return hdb_error("%s:1:1: expected at least one sample "
					 "for task '%s'", rs->path, t->id);
	}
	if (!rs->n_tasks)
		return hdb_error("%s:1:1: expected at least one task in "
				 "\"eval\"", rs->path);
	return 0;
}

/* Which evalplus wrote the file, from the shape of its first task. */
static const char *results_era(json_t *doc, json_t *eval)
{
	void *it = json_object_iter(eval);
	json_t *first = it ? json_object_iter_value(it) : NULL;

	if (json_is_array(first))
		return json_object_get(doc, "pass_at_k")
			? "master 2024-10+ (pass_at_k)"
			: "v0.2.1+ (list per task)";
	if (json_object_get(first, "files") ||
	    json_object_get(doc, "extra_input_hash"))
		return "v0.1.0 (files)";
	return "v0.1.x-0.2.0 (nfiles)";
}

/* ---- the model from the file name ------------------------------------- */

static const char *const backends[] = {
	"hf_gaudi", "gptqmodel", "anthropic", "bedrock", "google", "ollama",
	"openai", "vllm", "hf",
};

static int cut_suffix(char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	if (n < m || strcmp(s + n - m, suffix))
		return 0;
	s[n - m] = '\0';
	return 1;
}

/* The directory a path's file is in, as a name ("" at the top). */
static char *parent_name(const char *path)
{
	char *dir = xstrdup(path), *name;
	size_t n = (size_t)(hdb_base_name(path) - path);

	dir[n] = '\0';
	while (n && (dir[n - 1] == '/' || dir[n - 1] == '\\'))
		dir[--n] = '\0';
	name = xstrdup(hdb_base_name(dir));
	free(dir);
	return name;
}

/*
 * The identifier evalplus named the file after:
 * 'X_eval_results.json' (to 2025-01), 'X.eval_results.json' (since), or
 * 'X/eval_results.json' for a directory of samples; 'X' may end in
 * '-sanitized' (v0.2 and older) or '.raw'.
 */
static char *identifier(const char *path)
{
	const char *base = hdb_base_name(path), *p, *at = NULL;
	char *id;
	size_t n;

	for (p = base; (p = strstr(p, "eval_results")); p++)
		at = p;		/* the last: 'X_eval_results.TRIMMED20.json' */
	if (!at) {
		id = xstrdup(base);
		cut_suffix(id, ".json");
	} else {
		n = (size_t)(at - base);
		if (n && (base[n - 1] == '_' || base[n - 1] == '.'))
			n--;
		id = n ? xstrndup(base, n) : parent_name(path);
	}
	while (cut_suffix(id, "-sanitized") || cut_suffix(id, ".raw"))
		;
	return id;
}

/*
 * 'meta-llama--Meta-Llama-3-8B-Instruct_vllm_temp_0.0' (v0.3+: model with
 * '/' as '--', backend, temperature) or 'codegen-2b_temp_0.2' (v0.2 and
 * older: no backend).
 */
static void parse_ident(const char *path, struct ident *id)
{
	char *s = identifier(path), *t = NULL, *p, *end;
	size_t i, n, m;
	struct strbuf sb = STRBUF_INIT;

	id->backend = NULL;
	id->temperature = NAN;
	for (p = s; (p = strstr(p, "_temp_")); p++)
		t = p;
	if (t) {
		id->temperature = strtod(t + 6, &end);
		if (end == t + 6)
			id->temperature = NAN;
		*t = '\0';
		n = strlen(s);
		for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
			m = strlen(backends[i]);
			if (n > m + 1 && s[n - m - 1] == '_' &&
			    !strcmp(s + n - m, backends[i])) {
				id->backend = xstrdup(backends[i]);
				s[n - m - 1] = '\0';
				break;
			}
		}
	}
	for (p = s; *p; p++) {
		if (p[0] == '-' && p[1] == '-') {
			strbuf_addch(&sb, '/');
			p++;
		} else {
			strbuf_addch(&sb, *p);
		}
	}
	free(s);
	id->model = sb.len ? strbuf_detach(&sb) : NULL;
	strbuf_release(&sb);
}

/* ---- records and items ------------------------------------------------ */

/* Tasks in the full dataset, or 0 when the file does not say which. */
static size_t full_size(const struct results *rs, const char *hash)
{
	if (!strcmp(rs->dataset, "humaneval"))
		return 164;	/* every HumanEval+ version */
	if (hash && !strcmp(hash, "ee43ecabebf20deef4bb776a405ac5b1"))
		return 378;	/* MBPP+ v0.2.0 */
	return 0;		/* MBPP+ v0.1.0 had 399; its hash is not known */
}

static json_t *status_counts(const long *counts)
{
	json_t *o = json_object();
	int i;

	for (i = 0; i < ST_COUNT; i++)
		json_object_set_new(o, status_names[i],
				    json_integer(counts[i]));
	return o;
}

/* The samples per task when every task has as many, else 0. */
static int samples_per_task(const struct results *rs)
{
	size_t i;

	for (i = 1; i < rs->n_tasks; i++)
		if (rs->tasks[i].n != rs->tasks[0].n)
			return 0;
	return rs->tasks[0].n;
}

static char *record_details(const struct results *rs, const struct ident *id,
			    int plus, json_t *pass_at_k)
{
	json_t *o = json_object();
	int n = samples_per_task(rs);

	if (n)
		json_object_set_new(o, "samples_per_task", json_integer(n));
	if (!isnan(id->temperature))
		json_object_set_new(o, "temperature",
				    json_real(id->temperature));
	if (id->backend)
		json_object_set_new(o, "backend", json_string(id->backend));
	if (pass_at_k)
		json_object_set(o, "pass_at_k", pass_at_k);
	json_object_set_new(o, "statuses", status_counts(rs->counts[plus]));
	return dump_free(o);
}

static char *item_detail(const struct task *t, int plus)
{
	json_t *o = json_object(), *fail = t->base_fail;
	char *text;

	json_object_set_new(o, "base", json_string(status_names[t->base]));
	json_object_set_new(o, "plus", json_string(status_names[t->plus]));
	json_object_set_new(o, "n", json_integer(t->n));
	json_object_set_new(o, "c", json_integer(plus ? t->c_plus : t->c_base));
	/* a plus failure may well be a base failure: plus needs both */
	if (plus && !fail)
		fail = t->plus_fail;
	if (fail && (text = json_dumps(fail, DUMP_FLAGS))) {
		json_object_set_new(o, "fail_tests", hdb_json_short(text, strlen(text)));
		free(text);
	}
	return dump_free(o);
}

/* The file's own pass@k of base or plus, compared with what its tasks
 * give; a difference means a file edited since, or a new estimator. */
static json_t *file_pass_at_k(const struct results *rs, const char *which,
			      const char *benchmark, double score)
{
	json_t *k = json_object_get(json_object_get(rs->doc, "pass_at_k"),
				    which);
	json_t *p1 = json_object_get(k, "pass@1");

	if (json_is_number(p1) && fabs(json_number_value(p1) - score) > 1e-9)
		hdb_sink_warn(rs->sink, "%s:1:1: warning: the file gives %s "
			      "pass@1 %.6g, its tasks %.6g", rs->path,
			      benchmark, json_number_value(p1), score);
	return json_is_object(k) ? k : NULL;
}

/* One record, base (plus = 0) or plus, and its items. */
static int emit(struct results *rs, const struct ident *id, int plus)
{
	const struct hdb_sink *sink = rs->sink;
	struct hdb_quality_record r;
	char benchmark[16], *details = NULL, *detail = NULL;
	json_t *hash = json_object_get(rs->doc, "hash");
	double sum = 0;
	long n_pass = 0;
	size_t i, full;
	int ret = -1;

	if (!hash)
		hash = json_object_get(rs->doc, "extra_input_hash");
	for (i = 0; i < rs->n_tasks; i++) {
		const struct task *t = &rs->tasks[i];
		int c = plus ? t->c_plus : t->c_base;

		/* the unbiased estimator of pass@k at k = 1 is c/n */
		sum += (double)c / t->n;
		n_pass += c == t->n;
	}
	snprintf(benchmark, sizeof(benchmark), "%s%s", rs->dataset,
		 plus ? "+" : "");
	memset(&r, 0, sizeof(r));
	r.line = 1;
	r.harness = "evalplus";
	r.benchmark = benchmark;
	r.metric = "pass@1";
	r.model_named = id->model;
	r.version = json_string_value(hash);
	r.run_date = json_string_value(json_object_get(rs->doc, "date"));
	r.n_items = (long long)rs->n_tasks;
	r.n_pass = n_pass;
	r.score = sum / (double)rs->n_tasks;
	r.stderr = NAN;
	full = full_size(rs, r.version);
	r.partial = rs->n_tasks < full;
	details = record_details(rs, id, plus,
				 file_pass_at_k(rs, plus ? "plus" : "base",
						benchmark, r.score));
	r.details = details;
	if (sink->quality(sink->ctx, &r))
		goto out;
	for (i = 0; i < rs->n_tasks; i++) {
		const struct task *t = &rs->tasks[i];
		struct hdb_quality_item it;

		detail = item_detail(t, plus);
		it.item = t->id;
		it.passed = (plus ? t->c_plus : t->c_base) == t->n;
		it.detail = detail;
		if (sink->quality_item(sink->ctx, &it, NULL, NULL))
			goto out;
		free(detail);
		detail = NULL;
	}
	ret = 0;
out:
	free(detail);
	free(details);
	return ret;
}

int hdb_parse_evalplus(FILE *f, const char *path, const struct hdb_sink *sink,
		       struct hdb_parse_info *info)
{
	struct results rs;
	struct ident id = { NULL, NULL, NAN };
	json_t *eval;
	size_t i;
	int ret = -1;

	memset(info, 0, sizeof(*info));
	info->format = HDB_FORMAT_EVALPLUS;
	memset(&rs, 0, sizeof(rs));
	rs.path = path;
	rs.sink = sink;
	if (load_json(f, path, "an EvalPlus results file", &rs.doc))
		goto out;
	if (!json_is_object(rs.doc)) {
		hdb_error("%s:1:1: expected an EvalPlus results object with "
			  "\"eval\", found another JSON value", path);
		goto out;
	}
	eval = json_object_get(rs.doc, "eval");
	if (!eval) {
		hdb_error("%s:1:1: expected an \"eval\" object of tasks (is "
			  "this an EvalPlus results file?)", path);
		goto out;
	}
	if (!json_is_object(eval)) {
		hdb_error("%s:1:1: expected an object of tasks for \"eval\"",
			  path);
		goto out;
	}
	snprintf(info->era, sizeof(info->era), "%s",
		 results_era(rs.doc, eval));
	if (read_tasks(&rs, eval))
		goto out;
	parse_ident(path, &id);
	if (emit(&rs, &id, 0))
		goto out;
	info->records = 1;
	/* --base-only: a plus score of 0 would be a lie */
	if (!rs.plus_ran) {
		hdb_sink_warn(sink, "%s:1:1: warning: no sample has a plus "
			      "status (a --base-only run), no %s+ score",
			      path, rs.dataset);
	} else {
		if (emit(&rs, &id, 1))
			goto out;
		info->records = 2;
	}
	ret = 0;
out:
	for (i = 0; i < rs.n_tasks; i++)
		free(rs.tasks[i].id);
	free(rs.tasks);
	free(id.model);
	free(id.backend);
	json_decref(rs.doc);
	return ret;
}

/* ---- the leaderboard -------------------------------------------------- */

/* Where the text of a top-level key stands (jansson keeps no positions). */
struct key_scan {
	const char *buf;
	size_t len, pos;
	long line;
	int depth;
};

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * The line of the next key of the top-level object.  jansson hands keys
 * over in file order, so a scan that goes on from the last key and stops
 * at the next string followed by ':' at depth 1 meets them in turn, however
 * they are escaped.
 */
static long next_key_line(struct key_scan *ks)
{
	const char *b = ks->buf;
	size_t i, n = ks->len;
	long line;

	for (i = ks->pos; i < n; i++) {
		if (b[i] == '\n') {
			ks->line++;
		} else if (b[i] == '{' || b[i] == '[') {
			ks->depth++;
		} else if (b[i] == '}' || b[i] == ']') {
			ks->depth--;
		} else if (b[i] == '"') {
			line = ks->line;
			for (i++; i < n && b[i] != '"'; i++)
				if (b[i] == '\\')
					i++;
			if (ks->depth != 1)
				continue;
			while (i + 1 < n && is_blank(b[i + 1]))
				ks->line += b[++i] == '\n';
			if (i + 1 < n && b[i + 1] == ':') {
				ks->pos = i + 2;
				return line;
			}
		}
	}
	ks->pos = n;
	return ks->line;
}

static char *board_details(json_t *entry)
{
	static const char *const keys[] = {
		"link", "size", "open-data", "prompted",
	};
	json_t *o = json_object(), *v;
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if ((v = json_object_get(entry, keys[i])))
			json_object_set(o, keys[i], v);
	return dump_free(o);
}

/* The reference records of one model, a score per benchmark given. */
static int board_model(const char *path, const struct hdb_sink *sink,
		       const char *model, json_t *entry, long line,
		       long *records)
{
	json_t *scores = json_object_get(entry, "pass@1"), *v;
	struct hdb_reference_record r;
	const char *bench;
	char *details;
	int ret = 0;

	if (!json_is_object(scores)) {
		hdb_sink_warn(sink, "%s:%ld:1: warning: skipped '%s', which "
			      "has no \"pass@1\" object", path, line, model);
		return 0;
	}
	details = board_details(entry);
	json_object_foreach(scores, bench, v) {
		if (json_is_null(v))
			continue;	/* not evaluated on that benchmark */
		if (!json_is_number(v)) {
			hdb_sink_warn(sink, "%s:%ld:1: warning: skipped %s of "
				      "'%s', which is not a number", path,
				      line, bench, model);
			continue;
		}
		memset(&r, 0, sizeof(r));
		r.line = line;
		r.model = model;
		r.benchmark = bench;
		r.score = json_number_value(v) / 100.0;	/* percent */
		r.n_items = HDB_UNSET;
		r.details = details;
		if (sink->reference(sink->ctx, &r)) {
			ret = -1;
			break;
		}
		(*records)++;
	}
	free(details);
	return ret;
}

int hdb_parse_evalplus_board(FILE *f, const char *path,
			     const struct hdb_sink *sink,
			     struct hdb_parse_info *info)
{
	struct strbuf sb = STRBUF_INIT;
	struct key_scan ks = { NULL, 0, 0, 1, 0 };
	json_error_t err;
	json_t *doc = NULL, *entry;
	const char *model;
	long line;
	int ret = -1;

	memset(info, 0, sizeof(*info));
	info->format = HDB_FORMAT_EVALPLUS_BOARD;
	/* read here, not by load_json: the key scan wants the text too */
	if (hdb_read_whole(f, path, "an EvalPlus leaderboard", MAX_RESULTS, &sb))
		goto out;
	ks.buf = strbuf_str(&sb);
	ks.len = sb.len;
	if (sb.len >= 3 && !memcmp(sb.buf, "\xef\xbb\xbf", 3))
		ks.pos = 3;
	/* a key given twice would put the scan one key out of step */
	doc = json_loadb(ks.buf + ks.pos, ks.len - ks.pos,
			 JSON_REJECT_DUPLICATES, &err);
	if (!doc) {
		hdb_json_error(path, err.line, err.column, &err);
		goto out;
	}
	if (!json_is_object(doc) || !json_object_size(doc)) {
		hdb_error("%s:1:1: expected an EvalPlus leaderboard object of "
			  "models, each with \"pass@1\"", path);
		goto out;
	}
	json_object_foreach(doc, model, entry) {
		line = next_key_line(&ks);
		if (!json_is_object(entry)) {
			hdb_error("%s:%ld:1: expected an object for model '%s'",
				  path, line, model);
			goto out;
		}
		if (board_model(path, sink, model, entry, line, &info->records))
			goto out;
	}
	if (!info->records) {
		hdb_error("%s:1:1: expected an EvalPlus leaderboard with at "
			  "least one \"pass@1\" score", path);
		goto out;
	}
	ret = 0;
out:
	json_decref(doc);
	strbuf_release(&sb);
	return ret;
}
