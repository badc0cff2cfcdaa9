/*
 * lmeval.c: lm-evaluation-harness output of every version, into quality
 * records (results files) and their items (--log_samples files).
 *
 * A results file is one JSON object per run, read whole (the task configs
 * make most of it) and parsed with jansson.  It is recognised by its key
 * set, 'results', 'versions' and 'config' in every era, and its version is
 * fingerprinted from the keys that came and went (quality.md A.2, E.6).
 * Every (task or group, metric, filter) of "results", and of "groups" for
 * the names "results" lacks, becomes one record with its stderr, its group
 * as parent, and what the rest of the file says about counts, task
 * version, run date and model.  A samples file is the per-document log of
 * one task: JSON Lines from 0.4.3 on, read a line at a time because lines
 * of several MiB are common, and a pretty-printed JSON array before that,
 * read whole.  Each metric value of each document becomes an item handed
 * over with its task and '<metric>,<filter>'; the caller attaches it to
 * the record the results file of the same run gave.
 *
 * Python's json module writes NaN, Infinity and -Infinity as bare tokens,
 * which jansson rejects, so they are turned into null before parsing and
 * a null score or stderr reads as unknown (NAN).
 */
#include "parsers.h"
#include "jsonutil.h"
#include "../util.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

/* Results files are a few MB even with every task config in them. */
#define MAX_FILE (256L << 20)
/* Containers deeper than this are not told apart by the scan. */
#define SCAN_DEPTH 8
/* Group nesting deeper than this is taken for a loop. */
#define MAX_NESTING 32

/* ---- reading and tolerant parsing ----------------------------------- */

/* Where a row or metric key of "results" or "groups" stands. */
struct key_line {
	int section;		/* 0: "results", 1: "groups" */
	int is_row;		/* the row's own key, not a metric's */
	size_t row, row_len;	/* the row name as written (offsets) */
	size_t key, key_len;	/* the metric key as written */
	long line;
};

/* Where a record of a top-level array starts. */
struct elem_pos {
	long line, col;
};

/*
 * What one pass over a text found.  NaN and the Infinities outside
 * strings become null: 'Infinity' and '-Infinity' are padded with blanks
 * to keep their length, but 'NaN' is one byte shorter than 'null', so
 * where each stood is noted to map jansson's error positions back.
 */
struct scan {
	int want_keys, want_elems;	/* what to note, set by the caller */
	struct strbuf clean;		/* the text given to jansson, when a
					 * token was replaced */
	int replaced;
	size_t *nan_end;		/* offsets in clean just after each
					 * 'null' that stands for a 'NaN' */
	size_t n_nan, cap_nan;
	struct key_line *keys;
	size_t n_keys, cap_keys;
	struct elem_pos *elems;
	size_t n_elems, cap_elems;
};

static void scan_reset(struct scan *sc)
{
	strbuf_reset(&sc->clean);
	sc->replaced = 0;
	sc->n_nan = sc->n_keys = sc->n_elems = 0;
}

static void scan_release(struct scan *sc)
{
	strbuf_release(&sc->clean);
	free(sc->nan_end);
	free(sc->keys);
	free(sc->elems);
}

/* Grows an array of n elements of size sz to hold one more. */
static void *grow(void *a, size_t n, size_t *cap, size_t sz)
{
	if (n < *cap)
		return a;
	*cap = *cap ? 2 * *cap : 16;
	return xrealloc(a, *cap * sz);
}

static int is_word(int c)
{
	return isalnum(c) || c == '_';
}

/* Length of the non-finite token at buf[i] standing alone, or 0. */
static size_t nonfinite_at(const char *buf, size_t len, size_t i)
{
	static const char *const tokens[] = { "NaN", "Infinity", "-Infinity" };
	size_t k, n;

	if ((buf[i] != 'N' && buf[i] != 'I' && buf[i] != '-') ||
	    (i > 0 && is_word((unsigned char)buf[i - 1])))
		return 0;
	for (k = 0; k < sizeof(tokens) / sizeof(tokens[0]); k++) {
		n = strlen(tokens[k]);
		if (len - i >= n && !memcmp(buf + i, tokens[k], n) &&
		    (len - i == n || !is_word((unsigned char)buf[i + n])))
			return n;
	}
	return 0;
}

static void note_key(struct scan *sc, int section, int is_row, size_t row,
		     size_t row_len, size_t key, size_t key_len, long line)
{
	struct key_line *k;

	sc->keys = grow(sc->keys, sc->n_keys, &sc->cap_keys, sizeof(*sc->keys));
	k = &sc->keys[sc->n_keys++];
	k->section = section;
	k->is_row = is_row;
	k->row = row;
	k->row_len = row_len;
	k->key = key;
	k->key_len = key_len;
	k->line = line;
}

static void note_elem(struct scan *sc, long line, long col)
{
	sc->elems = grow(sc->elems, sc->n_elems, &sc->cap_elems,
			 sizeof(*sc->elems));
	sc->elems[sc->n_elems].line = line;
	sc->elems[sc->n_elems].col = col;
	sc->n_elems++;
}

/* Which section a top-level key opens: 0 "results", 1 "groups", -1. */
static int section_of(const char *s, size_t n)
{
	if (n == 7 && !memcmp(s, "results", 7))
		return 0;
	if (n == 6 && !memcmp(s, "groups", 6))
		return 1;
	return -1;
}

/*
 * One pass over buf: strings and escapes are tracked so that only bare
 * tokens are replaced, and, as asked, the lines of the keys under
 * "results" and "groups" and of the records of a top-level array are
 * noted on the way (jansson keeps no positions).
 */
static void scan_text(struct scan *sc, const char *buf, size_t len)
{
	char kinds[SCAN_DEPTH] = { 0 };
	size_t i, n, flushed = 0, str = 0, str_len = 0, row = 0, row_len = 0;
	size_t bol = 0;
	long line = 1, str_line = 1;
	int depth = 0, in_str = 0, esc = 0, section = -1;

	scan_reset(sc);
	for (i = 0; i < len; i++) {
		char c = buf[i];

		if (c == '\n') {
			line++;
			bol = i + 1;
		}
		if (in_str) {
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == '"') {
				in_str = 0;
				str_len = i - str;
			}
			continue;
		}
		switch (c) {
		case '"':
			in_str = 1;
			str = i + 1;
			str_line = line;
			break;
		case '{':
		case '[':
			if (sc->want_elems && c == '{' && depth == 1 &&
			    kinds[0] == '[')
				note_elem(sc, line, (long)(i - bol) + 1);
			if (depth < SCAN_DEPTH)
				kinds[depth] = c;
			depth++;
			break;
		case '}':
		case ']':
			if (depth > 0)
				depth--;
			break;
		case ':':
			/* the string just closed is the key of what follows */
			if (!sc->want_keys || depth < 1 || depth > 3 ||
			    kinds[0] != '{')
				break;
			if (depth == 1)
				section = section_of(buf + str, str_len);
			else if (section < 0 || kinds[1] != '{')
				break;
			else if (depth == 2) {
				row = str;
				row_len = str_len;
				note_key(sc, section, 1, row, row_len, 0, 0,
					 str_line);
			} else if (kinds[2] == '{') {
				note_key(sc, section, 0, row, row_len, str,
					 str_len, str_line);
			}
			break;
		default:
			n = nonfinite_at(buf, len, i);
			if (!n)
				break;
			strbuf_add(&sc->clean, buf + flushed, i - flushed);
			if (n == 3) {
				strbuf_addstr(&sc->clean, "null");
				sc->nan_end = grow(sc->nan_end, sc->n_nan,
						   &sc->cap_nan,
						   sizeof(*sc->nan_end));
				sc->nan_end[sc->n_nan++] = sc->clean.len;
			} else {
				strbuf_addf(&sc->clean, "null%*s", (int)n - 4,
					    "");
			}
			sc->replaced = 1;
			flushed = i + n;
			i += n - 1;
			break;
		}
	}
	if (sc->replaced)
		strbuf_add(&sc->clean, buf + flushed, len - flushed);
}

/* The offset in the scanned text of offset off of the text jansson got. */
static size_t text_offset(const struct scan *sc, size_t off)
{
	size_t k = 0;

	while (k < sc->n_nan && sc->nan_end[k] <= off)
		k++;
	return off - k;
}

/*
 * Line and column of offset off in text, counted as jansson counts them
 * (columns in characters, not bytes).
 */
static void line_col(const char *text, size_t off, long *line, long *col)
{
	size_t i, bol = 0;

	*line = 1;
	for (i = 0; i < off; i++) {
		if (text[i] == '\n') {
			(*line)++;
			bol = i + 1;
		}
	}
	*col = 0;
	for (i = bol; i < off; i++)
		if (((unsigned char)text[i] & 0xc0) != 0x80)
			(*col)++;
	if (*col < 1)
		*col = 1;
}

/*
 * Scans buf (len bytes; its first line is line lineno of the file) and
 * parses it with jansson.  Returns the value (caller decrefs), or NULL
 * with hdb_error set to 'path:line:col: expected valid JSON (...)'.
 */
static json_t *load(const char *path, const char *buf, size_t len,
		    long lineno, size_t flags, struct scan *sc)
{
	json_error_t err;
	json_t *v;
	long line, col;
	size_t at;

	scan_text(sc, buf, len);
	if (sc->replaced)
		v = json_loadb(sc->clean.buf, sc->clean.len, flags, &err);
	else
		v = json_loadb(buf, len, flags, &err);
	if (v)
		return v;
	at = err.position > 0 ? (size_t)err.position : 0;
	line_col(buf, text_offset(sc, at), &line, &col);
	hdb_error("%s:%ld:%ld: expected valid JSON (%s)", path,
		  lineno + line - 1, col, err.text);
	return NULL;
}


/* Length of a UTF-8 byte-order mark at the start of buf (0 or 3). */
static size_t bom_len(const char *buf, size_t len)
{
	return len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3) ? 3 : 0;
}

/* ---- small JSON helpers --------------------------------------------- */

/* A number as a double; NAN for anything else (null, "N/A", NaN). */
static double number_or_nan(json_t *v)
{
	double d;

	if (!json_is_number(v))
		return NAN;
	d = json_number_value(v);
	return isfinite(d) ? d : NAN;
}

static const char *string_or_null(json_t *v)
{
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The digits a real needs to read back the same (15 to 17). */
static int real_digits(double d)
{
	char buf[32];
	int prec;

	for (prec = 15; prec < 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	return prec;
}

/* The most digits any real in v needs. */
static int max_digits(json_t *v)
{
	const char *key;
	json_t *e;
	size_t i;
	int d, most = 15;

	if (json_is_real(v))
		return real_digits(json_real_value(v));
	if (json_is_array(v)) {
		json_array_foreach(v, i, e)
			if ((d = max_digits(e)) > most)
				most = d;
	} else if (json_is_object(v)) {
		json_object_foreach(v, key, e)
			if ((d = max_digits(e)) > most)
				most = d;
	}
	return most;
}

/*
 * Compact JSON text of v (caller frees).  jansson prints every real with
 * 17 digits ('0.10000000000000001'); as few as read back the same do.
 */
static char *compact(json_t *v)
{
	return json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY |
			  JSON_REAL_PRECISION(max_digits(v)));
}

/* A version as Python printed it: 3.0 stays '3.0', 2 stays '2'. */
static const char *version_text(json_t *v, char *buf, size_t size)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, size, "%" JSON_INTEGER_FORMAT,
			 json_integer_value(v));
		return buf;
	}
	if (json_is_real(v) && isfinite(json_real_value(v))) {
		double d = json_real_value(v);

		snprintf(buf, size, "%.*g", real_digits(d), d);
		if (!strpbrk(buf, ".e"))
			snprintf(buf + strlen(buf), size - strlen(buf), ".0");
		return buf;
	}
	return NULL;
}

/* ---- results files --------------------------------------------------- */

/* A results file being turned into records. */
struct lm {
	const char *path;
	const struct hdb_sink *sink;
	const char *text;	/* as scanned, for the key lines */
	struct scan sc;
	size_t cursor;		/* where the last key line was found */
	json_t *root, *results, *groups, *subtasks, *configs, *versions;
	json_t *nshot, *hib, *nsamples, *config;
	int bare;		/* pre-0.4: metric keys without ',filter' */
	int limited;		/* config.limit is set */
	char *model;		/* model_named (owned) */
	char run_date[40];
	json_t *base;		/* details every record of the file shares */
};

/*
 * Is root harness output?  Every era writes 'results' (an object),
 * 'versions' and 'config'; look-alikes (other tools' results_*.json,
 * wrappers' summaries, test fixtures) miss one of them.
 */
static int recognise(const char *path, json_t *root)
{
	static const char *const need[] = { "results", "versions", "config" };
	struct strbuf missing = STRBUF_INIT, keys = STRBUF_INIT;
	const char *absent[3], *key;
	json_t *v;
	size_t i, n_missing = 0, n_keys = 0;
	int ret;

	if (!json_is_object(root))
		return hdb_error("%s:1:1: not lm-evaluation-harness output: a "
				 "results file is an object with 'results', "
				 "'versions' and 'config', this one is %s",
				 path, hdb_json_kind(root));
	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (!json_object_get(root, need[i]))
			absent[n_missing++] = need[i];
	/* 'a', 'a' or 'b', 'a', 'b' or 'c' */
	for (i = 0; i < n_missing; i++)
		strbuf_addf(&missing, "%s'%s'", !i ? ""
			    : i == n_missing - 1 ? " or " : ", ", absent[i]);
	json_object_foreach(root, key, v) {
		if (n_keys++ == 12) {
			strbuf_addstr(&keys, ", ...");
			break;
		}
		strbuf_addf(&keys, "%s%s", n_keys > 1 ? ", " : "", key);
	}
	if (n_missing)
		ret = hdb_error("%s:1:1: not lm-evaluation-harness output: a "
				"results file has 'results', 'versions' and "
				"'config', this one has no %s (keys: %s)", path,
				missing.buf, keys.buf ? keys.buf : "none");
	else if (!json_is_object(json_object_get(root, "results")))
		ret = hdb_error("%s:1:1: not lm-evaluation-harness output: its "
				"'results' is %s, not an object of tasks", path,
				hdb_json_kind(json_object_get(root, "results")));
	else
		ret = 0;
	strbuf_release(&missing);
	strbuf_release(&keys);
	return ret;
}

/* Does any row of "results" have key? */
static int rows_have(const struct lm *lm, const char *key)
{
	const char *name;
	json_t *row;

	json_object_foreach(lm->results, name, row)
		if (json_is_object(row) && json_object_get(row, key))
			return 1;
	return 0;
}

/*
 * The harness version, from lm_eval_version when the file states one, else
 * from the keys that came and went (quality.md A.2, E.6).  Fills ver (for
 * details) and era; returns 1 when the version is stated.
 */
static int fingerprint(struct lm *lm, char *ver, size_t size, char *era,
		       size_t era_size)
{
	json_t *r = lm->root;
	const char *stated, *fp, *why;
	int has_n = json_object_get(r, "n-samples") != NULL;
	int has_name = json_object_get(r, "model_name") != NULL;

	/* it may hold an exception's text when the lookup failed */
	stated = string_or_null(json_object_get(r, "lm_eval_version"));
	if (stated && isdigit((unsigned char)stated[0])) {
		snprintf(ver, size, "%s", stated);
		snprintf(era, era_size, "lm_eval %s (lm_eval_version)", stated);
		return 1;
	}
	if (rows_have(lm, "sample_len")) {
		fp = "0.4.12+";
		why = "name, sample_len in rows";
	} else if (json_is_object(json_object_get(lm->config, "model_args"))) {
		fp = "0.4.10+";
		why = "model_args object";
	} else if (has_n || has_name ||
		   json_object_get(r, "higher_is_better")) {
		if (!json_object_get(r, "start_time")) {
			fp = "0.4.10+";
			why = "n-samples, no start_time";
		} else {
			fp = "0.4.3+";
			why = has_n && has_name ? "n-samples, model_name"
			    : has_n ? "n-samples" : "model_name";
		}
	} else if (json_object_get(r, "date") ||
		   json_object_get(r, "group_subtasks")) {
		fp = "0.4.2";
		why = !json_object_get(r, "date") ? "group_subtasks"
		    : !json_object_get(r, "group_subtasks") ? "date"
		    : "date, group_subtasks";
	} else if (json_object_get(r, "configs") ||
		   json_object_get(r, "n-shot")) {
		fp = "0.4.0-0.4.1";
		why = "configs, no date";
	} else {
		fp = "0.3";
		why = "results, versions, config only";
		lm->bare = 1;
	}
	snprintf(ver, size, "%s", fp);
	snprintf(era, era_size, "lm_eval %s (%s)", fp, why);
	return 0;
}

/*
 * The value of key in model_args, a 'k=v,k=v' string or (0.4.10+) an
 * object; NULL when absent or empty.  Caller frees.
 */
static char *arg_value(json_t *args, const char *key)
{
	size_t klen = strlen(key);
	const char *p, *end, *comma;

	if (json_is_object(args)) {
		p = string_or_null(json_object_get(args, key));
		return p && *p ? xstrdup(p) : NULL;
	}
	if (!json_is_string(args))
		return NULL;
	for (p = json_string_value(args); *p; p = comma + 1) {
		comma = strchr(p, ',');
		end = comma ? comma : p + strlen(p);
		while (p < end && *p == ' ')
			p++;
		if ((size_t)(end - p) > klen + 1 && !strncmp(p, key, klen) &&
		    p[klen] == '=')
			return xstrndup(p + klen + 1,
					(size_t)(end - p) - klen - 1);
		if (!comma)
			break;
	}
	return NULL;
}

/*
 * What the file calls the model: model_name (0.4.3+), else what the
 * harness would derive from model_args (the first of these keys, A.5),
 * else the model type.  Caller frees.
 */
static char *model_named(json_t *root, json_t *config)
{
	static const char *const keys[] = {
		"peft", "delta", "pretrained", "model", "path", "engine",
	};
	const char *name = string_or_null(json_object_get(root, "model_name"));
	json_t *args = json_object_get(config, "model_args");
	char *v;
	size_t i;

	if (name && *name)
		return xstrdup(name);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if ((v = arg_value(args, keys[i])))
			return v;
	name = string_or_null(json_object_get(config, "model"));
	return name && *name ? xstrdup(name) : NULL;
}

/* 'date' (epoch seconds) as UTC ISO 8601; "" when it is not a time. */
static void epoch_text(json_t *date, char *out, size_t size)
{
	double t = number_or_nan(date);
	struct tm tm;
	time_t s;

	out[0] = '\0';
	if (isnan(t) || t < 0 || t > 253402300799.0)	/* year 9999 */
		return;
	s = (time_t)t;
	if (gmtime_r(&s, &tm))
		strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int digits(const char *s, size_t n)
{
	while (n--)
		if (!isdigit((unsigned char)*s++))
			return 0;
	return 1;
}

/*
 * The date_id of a file named '<stem>_<date_id>.json' (results_... or
 * --output_path x.json's x_...): '2024-08-25T21-59-12.123082', local time
 * as the harness wrote it.  "" when the name has none.
 */
static void name_date(const char *path, char *out, size_t size)
{
	const char *base = hdb_base_name(path), *us, *end, *p;
	size_t n;

	out[0] = '\0';
	n = strlen(base);
	if (n < 5 || strcmp(base + n - 5, ".json"))
		return;
	end = base + n - 5;
	us = NULL;
	for (p = base; p < end; p++)
		if (*p == '_')
			us = p;
	if (!us)
		return;
	us++;
	n = (size_t)(end - us);
	/* YYYY-MM-DDTHH-MM-SS, then maybe .ffffff */
	if (n < 19 || !digits(us, 4) || us[4] != '-' || !digits(us + 5, 2) ||
	    us[7] != '-' || !digits(us + 8, 2) || us[10] != 'T' ||
	    !digits(us + 11, 2) || us[13] != '-' || !digits(us + 14, 2) ||
	    us[16] != '-' || !digits(us + 17, 2))
		return;
	if (n > 19 && (us[19] != '.' || n == 20 || !digits(us + 20, n - 20)))
		return;
	snprintf(out, size, "%.*s", (int)n, us);
}

/* The details every record of the file shares. */
static json_t *base_details(struct lm *lm, const char *ver, int stated)
{
	json_t *d = json_object();
	json_t *src = json_object_get(lm->root, "model_source");
	json_t *limit = json_object_get(lm->config, "limit");
	char *url = arg_value(json_object_get(lm->config, "model_args"),
			      "base_url");

	if (!json_is_string(src))
		src = json_object_get(lm->config, "model");
	if (json_is_string(src))
		json_object_set(d, "model_source", src);
	if (url)
		json_object_set_new(d, "base_url", json_string(url));
	free(url);
	json_object_set_new(d, stated ? "lm_eval_version" : "lm_eval_era",
			    json_string(ver));
	if (json_is_string(json_object_get(lm->root, "git_hash")))
		json_object_set(d, "git_hash",
				json_object_get(lm->root, "git_hash"));
	if (json_is_number(limit))
		json_object_set(d, "limit", limit);
	return d;
}

/* The group whose subtask list names name, or NULL at the top. */
static const char *parent_of(const struct lm *lm, const char *name)
{
	const char *group, *g;
	json_t *list, *e, *cfg;
	size_t i;

	json_object_foreach(lm->subtasks, group, list) {
		if (!strcmp(group, name) || !json_is_array(list))
			continue;
		json_array_foreach(list, i, e)
			if (json_is_string(e) &&
			    !strcmp(json_string_value(e), name))
				return group;
	}
	/* 0.4.0-0.4.1 wrote no group_subtasks; the task config names it */
	if (lm->subtasks)
		return NULL;
	cfg = json_object_get(lm->configs, name);
	g = string_or_null(json_object_get(cfg, "group"));
	if (g && strcmp(g, name) && (json_object_get(lm->results, g) ||
				     json_object_get(lm->groups, g)))
		return g;
	return NULL;
}

/* Document counts of a task, or summed over the leaves of a group. */
struct counts {
	long long effective, original;
	int original_unknown;
	int short_run;		/* some task evaluated fewer than it has */
};

/*
 * Adds the counts of name (n-samples, or the sum over its subtasks for a
 * group that has none) to c.  Returns 0, or -1 when a count is unknown.
 */
static int add_counts(const struct lm *lm, const char *name, struct counts *c,
		      int depth)
{
	json_t *n = json_object_get(lm->nsamples, name);
	json_t *eff = json_object_get(n, "effective");
	json_t *orig = json_object_get(n, "original");
	json_t *list, *e;
	size_t i;

	if (json_is_integer(eff)) {
		c->effective += json_integer_value(eff);
		if (!json_is_integer(orig))
			c->original_unknown = 1;
		else {
			c->original += json_integer_value(orig);
			if (json_integer_value(eff) < json_integer_value(orig))
				c->short_run = 1;
		}
		return 0;
	}
	list = json_object_get(lm->subtasks, name);
	if (!json_is_array(list) || !json_array_size(list) ||
	    depth >= MAX_NESTING)
		return -1;
	json_array_foreach(list, i, e)
		if (!json_is_string(e) ||
		    add_counts(lm, json_string_value(e), c, depth + 1))
			return -1;
	return 0;
}

/* The line of a metric key (or of the row, key NULL); 1 if not found. */
static long key_line(struct lm *lm, int section, const char *row,
		     const char *key)
{
	size_t rlen = strlen(row), klen = key ? strlen(key) : 0;
	size_t i, k, n = lm->sc.n_keys;

	/* records come in file order, so the search starts where the last
	 * one was found and rarely goes far */
	for (i = 0; i < n; i++) {
		const struct key_line *kl;

		k = (lm->cursor + i) % n;
		kl = &lm->sc.keys[k];
		if (kl->section != section || kl->is_row != !key ||
		    kl->row_len != rlen ||
		    memcmp(lm->text + kl->row, row, rlen))
			continue;
		if (key && (kl->key_len != klen ||
			    memcmp(lm->text + kl->key, key, klen)))
			continue;
		lm->cursor = k;
		return kl->line;
	}
	return key ? key_line(lm, section, row, NULL) : 1;
}

/* Is key a metric key?  If so, *len is the length of its metric part. */
static int metric_part(const struct lm *lm, const char *key, size_t *len)
{
	const char *comma = strchr(key, ',');
	static const char sfx[] = "_stderr";
	size_t n;

	if (!comma && !lm->bare)
		return 0;	/* alias, name, sample_len, sample_count */
	n = comma ? (size_t)(comma - key) : strlen(key);
	if (n >= sizeof(sfx) - 1 && !memcmp(key + n - (sizeof(sfx) - 1), sfx,
					    sizeof(sfx) - 1))
		return 0;
	*len = n;
	return 1;
}

/* How many metrics a row has. */
static size_t row_metrics(const struct lm *lm, json_t *row)
{
	const char *key;
	json_t *v;
	size_t n = 0, len;

	json_object_foreach(row, key, v)
		n += metric_part(lm, key, &len);
	return n;
}

/* Hands over a record for every metric of one row. */
static int emit_row(struct lm *lm, int section, const char *name, json_t *row,
		    long *count)
{
	struct hdb_quality_record r;
	struct counts c = { 0, 0, 0, 0 };
	struct strbuf sk = STRBUF_INIT, metric = STRBUF_INIT;
	char vbuf[32];
	const char *key;
	json_t *v, *nshot, *hib = json_object_get(lm->hib, name);
	size_t len;
	int ret = 0, known;

	memset(&r, 0, sizeof(r));
	r.harness = "lm_eval";
	r.benchmark = name;
	r.parent = parent_of(lm, name);
	r.model_named = lm->model;
	r.version = version_text(json_object_get(lm->versions, name), vbuf,
				 sizeof(vbuf));
	r.run_date = lm->run_date[0] ? lm->run_date : NULL;
	known = !add_counts(lm, name, &c, 0);
	r.n_items = known ? c.effective : HDB_UNSET;
	r.n_pass = HDB_UNSET;
	r.partial = lm->limited || c.short_run;
	nshot = lm->bare ? json_object_get(lm->config, "num_fewshot")
			 : json_object_get(lm->nshot, name);
	json_object_foreach(row, key, v) {
		json_t *d;
		char *text;

		if (!metric_part(lm, key, &len))
			continue;
		strbuf_reset(&metric);
		strbuf_add(&metric, key, len);
		strbuf_reset(&sk);
		strbuf_addf(&sk, "%s_stderr%s", metric.buf, key + len);
		r.metric = key;
		r.score = number_or_nan(v);
		r.stderr = number_or_nan(json_object_get(row, sk.buf));
		r.line = key_line(lm, section, name, key);
		d = json_object();
		if (json_is_integer(nshot))
			json_object_set(d, "n_shot", nshot);
		if (json_is_boolean(json_object_get(hib, metric.buf)))
			json_object_set(d, "higher_is_better",
					json_object_get(hib, metric.buf));
		json_object_update(d, lm->base);
		if (known && !c.original_unknown)
			json_object_set_new(d, "n_samples_original",
					    json_integer(c.original));
		text = compact(d);
		json_decref(d);
		r.details = text;
		ret = lm->sink->quality(lm->sink->ctx, &r);
		free(text);
		if (ret)
			break;
		(*count)++;
	}
	strbuf_release(&sk);
	strbuf_release(&metric);
	return ret;
}

/* Hands over the rows of "results", then the groups it lacks. */
static int emit_all(struct lm *lm, long *count)
{
	const char *name;
	json_t *row;

	json_object_foreach(lm->results, name, row) {
		if (!json_is_object(row)) {
			hdb_sink_warn(lm->sink, "%s:%ld:1: warning: skipped "
				      "'%s' in 'results', which is %s, not an "
				      "object of metrics", lm->path,
				      key_line(lm, 0, name, NULL), name,
				      hdb_json_kind(row));
			continue;
		}
		if (emit_row(lm, 0, name, row, count))
			return -1;
	}
	json_object_foreach(lm->groups, name, row) {
		if (json_object_get(lm->results, name) || !json_is_object(row))
			continue;
		if (emit_row(lm, 1, name, row, count))
			return -1;
	}
	return 0;
}

static int has_metric(const struct lm *lm)
{
	const char *name;
	json_t *row;

	json_object_foreach(lm->results, name, row)
		if (json_is_object(row) && row_metrics(lm, row))
			return 1;
	json_object_foreach(lm->groups, name, row)
		if (json_is_object(row) && row_metrics(lm, row))
			return 1;
	return 0;
}

int hdb_parse_lm_eval(FILE *f, const char *path, const struct hdb_sink *sink,
		      struct hdb_parse_info *info)
{
	struct strbuf sb = STRBUF_INIT;
	struct lm lm;
	char ver[32];
	size_t skip;
	int ret = -1, stated;
	json_t *limit;

	memset(info, 0, sizeof(*info));
	info->format = HDB_FORMAT_LM_EVAL;
	memset(&lm, 0, sizeof(lm));
	lm.path = path;
	lm.sink = sink;
	lm.sc.want_keys = 1;
	if (hdb_read_whole(f, path, "an lm-evaluation-harness file", MAX_FILE, &sb))
		goto out;
	skip = bom_len(strbuf_str(&sb), sb.len);
	lm.text = strbuf_str(&sb) + skip;
	lm.root = load(path, lm.text, sb.len - skip, 1, 0, &lm.sc);
	if (!lm.root || recognise(path, lm.root))
		goto out;
	lm.results = json_object_get(lm.root, "results");
	lm.groups = json_object_get(lm.root, "groups");
	lm.subtasks = json_object_get(lm.root, "group_subtasks");
	lm.configs = json_object_get(lm.root, "configs");
	lm.versions = json_object_get(lm.root, "versions");
	lm.nshot = json_object_get(lm.root, "n-shot");
	lm.hib = json_object_get(lm.root, "higher_is_better");
	lm.nsamples = json_object_get(lm.root, "n-samples");
	lm.config = json_object_get(lm.root, "config");
	stated = fingerprint(&lm, ver, sizeof(ver), info->era,
			     sizeof(info->era));
	if (!has_metric(&lm)) {
		hdb_error("%s:1:1: expected at least one metric in 'results'",
			  path);
		goto out;
	}
	limit = json_object_get(lm.config, "limit");
	lm.limited = limit && !json_is_null(limit);
	lm.model = model_named(lm.root, lm.config);
	epoch_text(json_object_get(lm.root, "date"), lm.run_date,
		   sizeof(lm.run_date));
	if (!lm.run_date[0])
		name_date(path, lm.run_date, sizeof(lm.run_date));
	lm.base = base_details(&lm, ver, stated);
	ret = emit_all(&lm, &info->records);
out:
	json_decref(lm.base);
	json_decref(lm.root);
	free(lm.model);
	scan_release(&lm.sc);
	strbuf_release(&sb);
	return ret;
}

/* ---- samples files ---------------------------------------------------- */

/* A samples file being turned into items. */
struct samples {
	const char *path, *task;
	const struct hdb_sink *sink;
	struct hdb_parse_info *info;
	struct scan sc;
	int array;		/* the 0.4.0-0.4.2 shape */
	struct strbuf item, metric;
};

/* Keys of a sample that are not metrics (before 0.4.7 lists them). */
static int is_sample_field(const char *key)
{
	static const char *const fields[] = {
		"doc_id", "doc", "target", "arguments", "resps",
		"filtered_resps", "filter", "metrics", "doc_hash",
		"prompt_hash", "target_hash",
	};
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (!strcmp(key, fields[i]))
			return 1;
	return 0;
}

/*
 * 1 for a pass (1, true, a list of bools all true: IFEval's inst_level
 * metrics), 0 for a fail (0, false, a list of bools not all true), -1 for
 * a value that is not pass/fail (mae, bleu, a list of anything else).
 */
static int passed(json_t *v)
{
	json_t *e;
	size_t i;
	int all = 1;

	if (json_is_boolean(v))
		return json_is_true(v);
	if (json_is_number(v)) {
		double d = json_number_value(v);

		return d == 1 ? 1 : d == 0 ? 0 : -1;
	}
	if (!json_is_array(v) || !json_array_size(v))
		return -1;
	json_array_foreach(v, i, e) {
		if (!json_is_boolean(e))
			return -1;
		all &= json_is_true(e);
	}
	return all;
}


/* A target or response for the detail: strings cut, other values kept
 * (response: the text of the value). */
static json_t *detail_value(json_t *v, int as_text)
{
	json_t *out;
	char *text;

	if (!v)
		return json_null();
	if (json_is_string(v))
		out = hdb_json_short(json_string_value(v), json_string_length(v));
	else if (!as_text)
		return json_incref(v);
	else {
		text = compact(v);
		out = text ? hdb_json_short(text, strlen(text)) : NULL;
		free(text);
	}
	return out ? out : json_null();
}

/* The detail of one item: target, first filtered response, the value. */
static char *item_detail(json_t *o, json_t *value)
{
	json_t *d = json_object();
	json_t *resps = json_object_get(o, "filtered_resps");
	char *text;

	if (json_is_array(resps))
		resps = json_array_get(resps, 0);
	json_object_set_new(d, "target",
			    detail_value(json_object_get(o, "target"), 0));
	json_object_set_new(d, "response", detail_value(resps, 1));
	json_object_set(d, "value", value);
	text = compact(d);
	json_decref(d);
	return text;
}

/* Hands over one metric value of a sample. */
static int give_item(struct samples *s, json_t *o, const char *metric,
		     const char *filter)
{
	struct hdb_quality_item it;
	json_t *v = json_object_get(o, metric);
	char *detail;
	int ret;

	if (!v)
		return 0;	/* listed in "metrics" but not written */
	strbuf_reset(&s->metric);
	strbuf_addf(&s->metric, "%s,%s", metric, filter);
	detail = item_detail(o, v);
	it.item = s->item.buf;
	it.passed = passed(v);
	it.detail = detail;
	ret = s->sink->quality_item(s->sink->ctx, &it, s->task, s->metric.buf);
	free(detail);
	return ret;
}

/* One sample object: an item per metric value. */
static int sample(struct samples *s, json_t *o, long line, long col)
{
	json_t *id = json_object_get(o, "doc_id"), *metrics, *e;
	const char *filter, *key;
	size_t i;

	if (!json_is_object(o))
		return hdb_error("%s:%ld:%ld: expected a sample (a JSON object "
				 "with \"doc_id\"), found %s", s->path, line,
				 col, hdb_json_kind(o));
	strbuf_reset(&s->item);
	if (json_is_integer(id))
		strbuf_addf(&s->item, "%" JSON_INTEGER_FORMAT,
			    json_integer_value(id));
	else if (json_is_string(id) && json_string_length(id))
		strbuf_addstr(&s->item, json_string_value(id));
	else
		return hdb_error("%s:%ld:%ld: expected a \"doc_id\" number in "
				 "the sample", s->path, line, col);
	if (!s->info->era[0])
		snprintf(s->info->era, sizeof(s->info->era), "%s",
			 s->array ? "lm_eval 0.4.0-0.4.2 (a JSON array)"
			 : json_object_get(o, "metrics")
			 ? "lm_eval 0.4.7+ (filter, metrics)"
			 : "lm_eval 0.4.3-0.4.6 (JSON Lines)");
	filter = string_or_null(json_object_get(o, "filter"));
	if (!filter)
		filter = "none";	/* before 0.4.7 */
	metrics = json_object_get(o, "metrics");
	if (json_is_array(metrics)) {
		json_array_foreach(metrics, i, e)
			if (json_is_string(e) &&
			    give_item(s, o, json_string_value(e), filter))
				return -1;
	} else {
		json_object_foreach(o, key, e)
			if (!is_sample_field(key) &&
			    give_item(s, o, key, filter))
				return -1;
	}
	s->info->records++;
	return 0;
}

static int blank(const char *p, size_t n)
{
	while (n && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
		p++;
		n--;
	}
	return n == 0;
}

/* One line of a JSON Lines file (without its newline). */
static int sample_line(struct samples *s, const char *line, size_t n,
		       long lineno)
{
	size_t skip = lineno == 1 ? bom_len(line, n) : 0;
	json_t *o;
	int ret;

	if (blank(line + skip, n - skip))
		return 0;
	/* "\u0000" in a dataset's text must not lose the whole file */
	o = load(s->path, line + skip, n - skip, lineno, JSON_ALLOW_NUL,
		 &s->sc);
	if (!o)
		return -1;
	ret = sample(s, o, lineno, (long)skip + 1);
	json_decref(o);
	return ret;
}

/* The rest of a 0.4.3+ file, from its first record line on. */
static int sample_lines(struct samples *s, FILE *f, char **line, size_t *cap,
			ssize_t n, long lineno)
{
	for (; n >= 0; n = hdb_readline(line, cap, f), lineno++) {
		size_t len = (size_t)n;

		if (len && (*line)[len - 1] == '\n')
			len--;
		if (len && (*line)[len - 1] == '\r')
			len--;
		if (sample_line(s, *line, len, lineno))
			return -1;
	}
	return hdb_read_end(f, s->path, n, lineno);
}

/* A 0.4.0-0.4.2 file: one JSON array of samples, pretty-printed. */
static int sample_array(struct samples *s, FILE *f, struct strbuf *sb)
{
	size_t skip, i;
	json_t *a, *o;
	long line, col;
	int ret = -1;

	if (hdb_read_whole(f, s->path, "an lm-evaluation-harness file", MAX_FILE, sb))
		return -1;
	skip = bom_len(sb->buf, sb->len);
	s->sc.want_elems = 1;
	s->array = 1;
	a = load(s->path, sb->buf + skip, sb->len - skip, 1, JSON_ALLOW_NUL,
		 &s->sc);
	if (!a)
		return -1;
	if (!json_is_array(a)) {
		hdb_error("%s:1:1: expected a JSON array of samples, found %s",
			  s->path, hdb_json_kind(a));
		goto out;
	}
	json_array_foreach(a, i, o) {
		line = i < s->sc.n_elems ? s->sc.elems[i].line : 1;
		col = i < s->sc.n_elems ? s->sc.elems[i].col : 1;
		if (sample(s, o, line, col))
			goto out;
	}
	ret = 0;
out:
	json_decref(a);
	return ret;
}

int hdb_parse_lm_eval_samples(FILE *f, const char *path, const char *task,
			      const struct hdb_sink *sink,
			      struct hdb_parse_info *info)
{
	struct samples s;
	struct strbuf lead = STRBUF_INIT;
	char *line = NULL;
	size_t cap = 0, skip;
	ssize_t n;
	long lineno = 0;
	int ret = -1;

	memset(info, 0, sizeof(*info));
	info->format = HDB_FORMAT_LM_EVAL_SAMPLES;
	memset(&s, 0, sizeof(s));
	s.path = path;
	s.task = task;
	s.sink = sink;
	s.info = info;
	/* the first text tells the shapes apart: '[' opens the old array */
	while ((n = hdb_readline(&line, &cap, f)) >= 0) {
		lineno++;
		skip = lineno == 1 ? bom_len(line, (size_t)n) : 0;
		if (blank(line + skip, (size_t)n - skip)) {
			strbuf_add(&lead, line, (size_t)n);
			continue;
		}
		skip += strspn(line + skip, " \t");
		if (line[skip] == '[') {
			strbuf_add(&lead, line, (size_t)n);
			if (sample_array(&s, f, &lead))
				goto out;
		} else if (sample_lines(&s, f, &line, &cap, n, lineno)) {
			goto out;
		}
		break;
	}
	if (hdb_read_end(f, path, n, lineno + 1))
		goto out;
	if (!info->records) {
		info->empty = 1;
		hdb_error("%s:1:1: expected lm-evaluation-harness samples (a "
			  "JSON object per line, or an array of them), found "
			  "none", path);
		goto out;
	}
	ret = 0;
out:
	free(line);
	strbuf_release(&lead);
	strbuf_release(&s.item);
	strbuf_release(&s.metric);
	scan_release(&s.sc);
	return ret;
}
