/*
 * serverjson.c: a saved llama-server response (POST /completion,
 * /v1/completions or /v1/chat/completions), into one timed-request
 * record.
 *
 * Such a file is small, so it is read whole and parsed with jansson:
 * either one JSON object (or an array of them), or a saved stream, as SSE
 * 'data: {...}' lines or one JSON object per line.  The request's numbers
 * are in the "timings" object of the response, or of the last stream
 * chunk that has one (with timings_per_token every chunk carries the
 * totals so far, so the last is the whole request).
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
#include <strings.h>

/* A response is a few kB; a stream of a long generation a few MB. */
#define MAX_RESPONSE (64L << 20)

/* What the chunks said, the last word winning. */
struct resp {
	const char *path;
	json_t *chunk;		/* the last chunk with "timings" (owned) */
	long line;		/* where it starts */
	char *model;		/* "model", from any chunk (owned) */
	char *fingerprint;	/* "system_fingerprint" (owned) */
};



static void keep_string(char **slot, json_t *v)
{
	if (!json_is_string(v))
		return;
	free(*slot);
	*slot = xstrdup(json_string_value(v));
}

/* Takes note of one response object or stream chunk. */
static void note_chunk(struct resp *rs, json_t *o, long line)
{
	if (!json_is_object(o))
		return;
	keep_string(&rs->model, json_object_get(o, "model"));
	keep_string(&rs->fingerprint, json_object_get(o, "system_fingerprint"));
	if (!json_is_object(json_object_get(o, "timings")))
		return;
	json_decref(rs->chunk);
	rs->chunk = json_incref(o);
	rs->line = line;
}

static void note_value(struct resp *rs, json_t *v, long line)
{
	size_t i;
	json_t *e;

	if (!json_is_array(v)) {
		note_chunk(rs, v, line);
		return;
	}
	json_array_foreach(v, i, e)
		note_chunk(rs, e, line);
}

static int has_prefix(const char *p, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && !memcmp(p, prefix, n);
}

/* Does the text start (after blanks) like a server-sent event stream? */
static int is_sse(const char *p, size_t len)
{
	while (len && isspace((unsigned char)*p)) {
		p++;
		len--;
	}
	return has_prefix(p, len, "data:") || has_prefix(p, len, "event:") ||
	       has_prefix(p, len, ":");
}

/* Where the text of the next line starts, after the one at p. */
static const char *next_line(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? nl + 1 : end;
}

/* A saved stream: 'data: {...}' (SSE) or one JSON object per line. */
static int parse_lines(struct resp *rs, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *eol, *s;
	long lineno = 0;
	json_error_t err;
	json_t *o;
	size_t n;

	for (; p < end; p = next_line(p, end)) {
		lineno++;
		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		while (eol > p && (eol[-1] == '\r' || eol[-1] == ' '))
			eol--;
		s = p;
		while (s < eol && (*s == ' ' || *s == '\t'))
			s++;
		n = (size_t)(eol - s);
		if (has_prefix(s, n, "data:")) {
			for (s += 5; s < eol && *s == ' '; s++)
				;
			if (eol - s == 6 && !memcmp(s, "[DONE]", 6))
				continue;
		} else if (has_prefix(s, n, ":") || has_prefix(s, n, "event:") ||
			   has_prefix(s, n, "id:") || has_prefix(s, n, "retry:")) {
			continue;	/* SSE fields other than data */
		}
		if (s == eol)
			continue;
		o = json_loadb(s, (size_t)(eol - s), 0, &err);
		if (!o)
			return hdb_json_error(rs->path, lineno,
					    (long)(s - p) + err.column, &err);
		note_value(rs, o, lineno);
		json_decref(o);
	}
	return 0;
}

/* Does the first line of buf hold a JSON value by itself (JSON Lines)? */
static int first_line_parses(const char *buf, size_t len)
{
	const char *nl = memchr(buf, '\n', len);
	json_error_t err;
	json_t *o;

	if (!nl)
		return 0;
	o = json_loadb(buf, (size_t)(nl - buf), 0, &err);
	json_decref(o);
	return o != NULL;
}

/* The build in "system_fingerprint": 'b9749-d32676d'. */
static void fingerprint_build(const char *fp, struct hdb_server_record *r,
			      struct strbuf *commit)
{
	const char *dash;

	if (!fp || fp[0] != 'b' || !isdigit((unsigned char)fp[1]))
		return;
	dash = fp + 1 + strspn(fp + 1, "0123456789");
	if (*dash != '-' || !dash[1])
		return;
	r->build_number = strtoll(fp + 1, NULL, 10);
	strbuf_addstr(commit, dash + 1);
	r->build_commit = commit->buf;
}

static int timing_error(const struct resp *rs, const char *key,
			const char *what)
{
	return hdb_error("%s:%ld:1: expected %s for \"%s\" in \"timings\"",
			 rs->path, rs->line, what, key);
}

static int get_count(const struct resp *rs, json_t *t, const char *key,
		     long long *out)
{
	json_t *v = json_object_get(t, key);

	*out = HDB_UNSET;
	if (!v || json_is_null(v))
		return 0;
	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return 0;
	}
	if (json_is_real(v) && json_real_value(v) == floor(json_real_value(v)) &&
	    fabs(json_real_value(v)) < 9e18) {
		*out = (long long)json_real_value(v);
		return 0;
	}
	return timing_error(rs, key, "a token count");
}

/* null stands for what the server could not compute (inf, nan). */
static int get_real(const struct resp *rs, json_t *t, const char *key,
		    double *out)
{
	json_t *v = json_object_get(t, key);

	*out = NAN;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_number(v))
		return timing_error(rs, key, "a number");
	*out = json_number_value(v);
	if (!isfinite(*out))
		*out = NAN;
	return 0;
}

static double rate(double tps, long long n, double ms)
{
	if (isnan(tps) && n != HDB_UNSET && ms > 0)
		tps = (double)n * 1000.0 / ms;
	return isfinite(tps) ? tps : NAN;
}

/* A real as the server printed it: the shortest text that reads back
 * as the same double (jansson's own dumps always use 17 digits). */
static void add_real(struct strbuf *sb, double d)
{
	char buf[32];
	int prec;

	for (prec = 15; prec < 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	snprintf(buf, sizeof(buf), "%.*g", prec, d);
	strbuf_addstr(sb, buf);
	if (!strpbrk(buf, ".e"))
		strbuf_addstr(sb, ".0");	/* still a real */
}

static void add_json(struct strbuf *sb, json_t *v)
{
	char *text;

	if (json_is_real(v) && isfinite(json_real_value(v))) {
		add_real(sb, json_real_value(v));
		return;
	}
	text = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	strbuf_addstr(sb, text ? text : "null");
	free(text);
}

/* The "timings" object, compact, for the record's raw text. */
static char *timings_text(json_t *t)
{
	struct strbuf sb = STRBUF_INIT;
	const char *key;
	json_t *v;
	int first = 1;

	strbuf_addch(&sb, '{');
	json_object_foreach(t, key, v) {
		json_t *k = json_string(key);

		if (!first)
			strbuf_addch(&sb, ',');
		first = 0;
		add_json(&sb, k);
		json_decref(k);
		strbuf_addch(&sb, ':');
		add_json(&sb, v);
	}
	strbuf_addch(&sb, '}');
	return strbuf_detach(&sb);
}

static int ends_with_gguf(const char *s)
{
	size_t n = strlen(s);

	return n > 5 && !strcasecmp(s + n - 5, ".gguf");
}

/* Maps the chunk's "timings" onto a record and hands it over. */
static int convert(struct resp *rs, const struct hdb_sink *sink,
		   struct hdb_parse_info *info)
{
	json_t *t = json_object_get(rs->chunk, "timings");
	struct hdb_server_record r;
	struct strbuf commit = STRBUF_INIT;
	char quant[32] = "", *raw = NULL;
	json_t *slot;
	int ret = -1;

	memset(&r, 0, sizeof(r));
	r.line = rs->line;
	r.tool = "llama-server";
	r.build_number = HDB_UNSET;
	r.n_ctx = r.n_slots = r.slot_id = r.task_id = HDB_UNSET;
	r.precision = 3;
	if (get_count(rs, t, "cache_n", &r.cache_n) ||
	    get_count(rs, t, "prompt_n", &r.prompt_n) ||
	    get_real(rs, t, "prompt_ms", &r.prompt_ms) ||
	    get_real(rs, t, "prompt_per_second", &r.prompt_tps) ||
	    get_count(rs, t, "predicted_n", &r.gen_n) ||
	    get_real(rs, t, "predicted_ms", &r.gen_ms) ||
	    get_real(rs, t, "predicted_per_second", &r.gen_tps))
		goto out;
	if (r.prompt_n == HDB_UNSET && r.gen_n == HDB_UNSET) {
		hdb_error("%s:%ld:1: expected \"prompt_n\" or \"predicted_n\" "
			  "in \"timings\"", rs->path, rs->line);
		goto out;
	}
	r.prompt_tps = rate(r.prompt_tps, r.prompt_n, r.prompt_ms);
	r.gen_tps = rate(r.gen_tps, r.gen_n, r.gen_ms);
	slot = json_object_get(rs->chunk, "id_slot");
	if (json_is_integer(slot))
		r.slot_id = json_integer_value(slot);
	/* OpenAI-style endpoints echo an alias; only a file name is ours */
	if (rs->model && ends_with_gguf(rs->model)) {
		r.model_file = hdb_base_name(rs->model);
		hdb_quant_from_file(r.model_file, quant, sizeof(quant));
		r.quant = quant[0] ? quant : NULL;
	}
	fingerprint_build(rs->fingerprint, &r, &commit);
	raw = timings_text(t);
	r.raw = raw;
	snprintf(info->era, sizeof(info->era), "%s",
		 r.cache_n != HDB_UNSET ? "with cache_n (b6399+)"
					: "b4275+ (timings object)");
	info->records = 1;
	ret = sink->server(sink->ctx, &r);
out:
	free(raw);
	strbuf_release(&commit);
	return ret;
}

int hdb_parse_server_json(FILE *f, const char *path,
			  const struct hdb_sink *sink,
			  struct hdb_parse_info *info)
{
	struct strbuf sb = STRBUF_INIT;
	struct resp rs;
	json_error_t err;
	json_t *whole = NULL;
	const char *p;
	size_t len;
	int ret = -1;

	memset(info, 0, sizeof(*info));
	info->format = HDB_FORMAT_SERVER_JSON;
	memset(&rs, 0, sizeof(rs));
	rs.path = path;
	if (hdb_read_whole(f, path, "a llama-server response", MAX_RESPONSE, &sb))
		goto out;
	p = strbuf_str(&sb);
	len = sb.len;
	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3)) {
		p += 3;		/* a byte-order mark */
		len -= 3;
	}
	if (is_sse(p, len)) {
		if (parse_lines(&rs, p, len))
			goto out;
	} else if ((whole = json_loadb(p, len, 0, &err))) {
		note_value(&rs, whole, 1);
	} else if (first_line_parses(p, len)) {
		if (parse_lines(&rs, p, len))
			goto out;
	} else {
		hdb_json_error(path, err.line, err.column, &err);
		goto out;
	}
	if (!rs.chunk) {
		hdb_error("%s:1:1: expected a llama-server response with a "
			  "\"timings\" object (is this /props or another "
			  "endpoint?)", path);
		goto out;
	}
	ret = convert(&rs, sink, info);
out:
	json_decref(whole);
	json_decref(rs.chunk);
	free(rs.model);
	free(rs.fingerprint);
	strbuf_release(&sb);
	return ret;
}
