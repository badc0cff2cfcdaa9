/*
 * niah.c: needle-in-a-haystack results (gkamradt's LLMTest_NeedleInAHaystack)
 * into one quality record, the share of (context length, depth) cells the
 * judge scored at least pass_score, and an item per cell.
 *
 * The harness writes one small JSON object per cell; its original OpenAI
 * results are instead one array of {token_limit, depth_percent, score}.
 * Either is read whole and parsed with jansson.  A run is many files: the
 * driver adds their cells to one record and recounts it from the items, so
 * the counts given here are those of this file only.
 */
#include "parsers.h"
#include "jsonutil.h"
#include "../util.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A cell is under 1 kB; the OpenAI array of 225 cells 13 kB. */
#define MAX_NIAH (64L << 20)

/* What an item's detail keeps of the model's response. */
#define DUMP_FLAGS (JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))

/* One cell, its values borrowed from the document. */
struct cell {
	json_t *obj;
	json_t *length, *depth, *score;
};




/* A number as a person writes it: 1000, 11.316, 0. */
static void add_number(struct strbuf *sb, double d)
{
	if (d == floor(d) && fabs(d) < 1e15)
		strbuf_addf(sb, "%.0f", d);
	else
		strbuf_addf(sb, "%g", d);
}

/* A scalar as text ("1" for the version 1), or NULL. */
static char *scalar_text(json_t *v)
{
	struct strbuf sb = STRBUF_INIT;

	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (!json_is_number(v))
		return NULL;
	add_number(&sb, json_number_value(v));
	return strbuf_detach(&sb);
}

/* Takes the fields of cell i (of n) that every cell must have. */
static int read_cell(const char *path, json_t *o, size_t i, size_t n,
		     struct cell *c)
{
	static const char *const need[] = {
		"\"context_length\" or \"token_limit\"", "\"depth_percent\"",
		"\"score\"",
	};
	json_t **slot[] = { &c->length, &c->depth, &c->score };
	char where[48] = "";
	size_t k;

	if (n > 1)
		snprintf(where, sizeof(where), " in cell %zu", i + 1);
	if (!json_is_object(o))
		return hdb_error("%s:1:1: expected an object%s", path, where);
	c->obj = o;
	c->length = json_object_get(o, "context_length");
	if (!c->length)
		c->length = json_object_get(o, "token_limit");
	c->depth = json_object_get(o, "depth_percent");
	c->score = json_object_get(o, "score");
	for (k = 0; k < 3; k++)
		if (!json_is_number(*slot[k]))
			return hdb_error("%s:1:1: expected a number for %s%s",
					 path, need[k], where);
	return 0;
}

/* Does the document look like either schema at all? */
static int is_cell(json_t *o)
{
	return json_is_object(o) && json_object_get(o, "depth_percent") &&
	       json_object_get(o, "score") &&
	       (json_object_get(o, "context_length") ||
		json_object_get(o, "token_limit"));
}

/* A string field all cells agree on, or NULL; *differ when they do not. */
static const char *common_string(const struct cell *cells, size_t n,
				 const char *key, int *differ)
{
	const char *s = NULL, *t;
	size_t i;

	*differ = 0;
	for (i = 0; i < n; i++) {
		t = json_string_value(json_object_get(cells[i].obj, key));
		if (!t)
			continue;
		if (s && strcmp(s, t)) {
			*differ = 1;
			return NULL;
		}
		s = t;
	}
	return s;
}

/* When the run began: the earliest "test_timestamp_utc" (all are
 * "%Y-%m-%d %H:%M:%S+0000", so text order is time order), or NULL. */
static const char *earliest_timestamp(const struct cell *cells, size_t n)
{
	const char *s = NULL, *t;
	size_t i;

	for (i = 0; i < n; i++) {
		t = json_string_value(json_object_get(cells[i].obj,
						      "test_timestamp_utc"));
		if (t && (!s || strcmp(t, s) < 0))
			s = t;
	}
	return s;
}

/* The version as text when all cells say the same one (caller frees). */
static char *common_version(const struct cell *cells, size_t n)
{
	char *v = NULL, *t;
	size_t i;

	for (i = 0; i < n; i++) {
		t = scalar_text(json_object_get(cells[i].obj, "version"));
		if (!t)
			continue;
		if (v && strcmp(v, t)) {
			free(t);
			free(v);
			return NULL;
		}
		free(v);
		v = t;
	}
	return v;
}

static char *cell_key(const struct cell *c)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, "len=");
	add_number(&sb, json_number_value(c->length));
	strbuf_addf(&sb, ",depth=%g", json_number_value(c->depth));
	return strbuf_detach(&sb);
}

static char *cell_detail(const struct cell *c)
{
	json_t *o = json_object(), *v;
	char *text;

	json_object_set(o, "score", c->score);
	json_object_set(o, "context_length", c->length);
	json_object_set(o, "depth_percent", c->depth);
	if ((v = json_object_get(c->obj, "version")))
		json_object_set(o, "version", v);
	v = json_object_get(c->obj, "model_response");
	if (json_is_string(v))
		json_object_set_new(o, "response",
				    hdb_json_short(json_string_value(v), json_string_length(v)));
	text = json_dumps(o, DUMP_FLAGS);
	json_decref(o);
	return text;
}

static char *record_details(int pass_score)
{
	json_t *o = json_object();
	char *text;

	json_object_set_new(o, "pass_score", json_integer(pass_score));
	json_object_set_new(o, "scale", json_string("1-10 judge score"));
	text = json_dumps(o, DUMP_FLAGS);
	json_decref(o);
	return text;
}

static int passes(const struct cell *c, int pass_score)
{
	return json_number_value(c->score) >= pass_score;
}

/* The record of the cells, then an item per cell. */
static int emit(const char *path, const struct cell *cells, size_t n,
		int pass_score, const struct hdb_sink *sink)
{
	struct hdb_quality_record r;
	char *version = common_version(cells, n), *details = NULL;
	char *key = NULL, *detail = NULL;
	long n_pass = 0;
	int differ, ret = -1;
	size_t i;

	for (i = 0; i < n; i++)
		n_pass += passes(&cells[i], pass_score);
	memset(&r, 0, sizeof(r));
	r.line = 1;
	r.harness = "niah";
	r.benchmark = "niah";
	r.metric = "pass_rate";
	r.model_named = common_string(cells, n, "model", &differ);
	if (differ)
		hdb_sink_warn(sink, "%s:1:1: warning: the cells name several "
			      "models; none is recorded", path);
	r.version = version;
	r.run_date = earliest_timestamp(cells, n);
	r.n_items = (long long)n;
	r.n_pass = n_pass;
	r.score = (double)n_pass / (double)n;
	r.stderr = NAN;
	details = record_details(pass_score);
	r.details = details;
	if (sink->quality(sink->ctx, &r))
		goto out;
	for (i = 0; i < n; i++) {
		struct hdb_quality_item it;

		key = cell_key(&cells[i]);
		detail = cell_detail(&cells[i]);
		it.item = key;
		it.passed = passes(&cells[i], pass_score);
		it.detail = detail;
		if (sink->quality_item(sink->ctx, &it, NULL, NULL))
			goto out;
		free(key);
		free(detail);
		key = detail = NULL;
	}
	ret = 0;
out:
	free(key);
	free(detail);
	free(details);
	free(version);
	return ret;
}

int hdb_parse_niah(FILE *f, const char *path, int pass_score,
		   const struct hdb_sink *sink, struct hdb_parse_info *info)
{
	struct strbuf sb = STRBUF_INIT;
	struct cell *cells = NULL;
	json_error_t err;
	json_t *doc = NULL, *e;
	size_t i, n = 0, skip = 0;
	int ret = -1;

	memset(info, 0, sizeof(*info));
	info->format = HDB_FORMAT_NIAH;
	if (hdb_read_whole(f, path, "needle-in-a-haystack results", MAX_NIAH, &sb))
		goto out;
	if (sb.len >= 3 && !memcmp(sb.buf, "\xef\xbb\xbf", 3))
		skip = 3;
	doc = json_loadb(strbuf_str(&sb) + skip, sb.len - skip, 0, &err);
	if (!doc) {
		hdb_json_error(path, err.line, err.column, &err);
		goto out;
	}
	if (is_cell(doc)) {
		cells = xcalloc(1, sizeof(*cells));
		if (read_cell(path, doc, 0, 1, &cells[0]))
			goto out;
		n = 1;
		snprintf(info->era, sizeof(info->era), "one cell per file");
	} else if (json_is_array(doc) && is_cell(json_array_get(doc, 0))) {
		cells = xcalloc(json_array_size(doc), sizeof(*cells));
		json_array_foreach(doc, i, e)
			if (read_cell(path, e, i, json_array_size(doc),
				      &cells[n++]))
				goto out;
		snprintf(info->era, sizeof(info->era), "%s",
			 json_object_get(cells[0].obj, "token_limit")
				 ? "OpenAI original (token_limit array)"
				 : "array of cells");
	} else {
		hdb_error("%s:1:1: expected a needle-in-a-haystack cell (an "
			  "object with \"context_length\", \"depth_percent\" "
			  "and \"score\") or an array of {token_limit, "
			  "depth_percent, score}", path);
		goto out;
	}
	if (emit(path, cells, n, pass_score, sink))
		goto out;
	info->records = 1;
	ret = 0;
out:
	free(cells);
	json_decref(doc);
	strbuf_release(&sb);
	return ret;
}
