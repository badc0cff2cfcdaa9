/*
 * halorun.c: the directory `halodb run` writes, read back as results.
 *
 * DIR/manifest.json says what the sweep was (its host, profile, host
 * facts, the llama-bench build) and lists every test point: its command
 * line, its raw stdout and stderr files beside the manifest, the bench
 * gate's verdict ("clean", or "dirty: <reasons>" under --force) and how
 * it ended.  Each point's stdout is llama-bench JSONL, parsed by
 * llamabench.c through a sink that sets the point's gate on every record;
 * a point that did not finish (wedged, crashed, oom, failed) becomes a
 * row of its status, its stderr classified by failure.c where that knows
 * better (an out-of-memory the runner saw as a crash); points the sweep
 * never reached become not_run rows with the reason.  The directory is
 * one source: a manifest or a point file that does not parse fails it
 * whole, as path:line:col.
 *
 * Like every parser it sits between the files and the store and hands
 * plain records to the sink.  The directory's layout is the contract
 * with run/, which writes it (README.md, the ingest list: `halodb run`
 * directories).
 */
#include "parsers.h"
#include "jsonutil.h"
#include "sha256.h"
#include "../util.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MANIFEST "manifest.json"
/* How much of a manifest is looked at to tell a run directory. */
#define SNIFF_BYTES 65536

/* One test point of the manifest (strings borrowed from its JSON). */
struct point {
	long n;			/* its number, for messages */
	const char *at;		/* its object in the manifest's text */
	json_t *obj;
	long long n_prompt, n_gen, n_depth;
	const char *status, *gate, *error;
	const char *out, *err;	/* its stdout and stderr files, or NULL */
	const json_t *argv;	/* an array of strings, or NULL */
	long records;		/* records its stdout gave */
};

struct manifest {
	const char *dir;
	char *path;		/* DIR/manifest.json */
	char *text;
	json_t *root;
	const char *host, *created, *stopped;
	const char *build_commit;
	long long build_number;
	struct point *points;
	size_t n;
};

/* What the first finished record of the run says of the settings all its
 * points share, for the rows of the points that did not finish. */
struct shared {
	int have;
	char *cpu_info, *gpu_info, *backend, *build_commit, *model;
	char *model_type, *model_file, *quant, *type_k, *type_v;
	long long build_number, model_size, model_n_params, flash_attn;
	long long n_gpu_layers, n_batch, n_ubatch, n_threads;
};

static char *join(const char *dir, const char *name)
{
	size_t len = strlen(dir);

	return xasprintf("%s%s%s", dir, len && dir[len - 1] == '/' ? "" : "/",
			 name);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* ---- where a value stands in the manifest ------------------------------ */

/*
 * jansson keeps no positions, so errors about a value walk the text to it
 * (jansson has parsed it: it is well-formed JSON).
 */
static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* p at '"': just past the closing quote. */
static const char *skip_string(const char *p)
{
	for (p++; *p && *p != '"'; p++)
		if (*p == '\\' && p[1])
			p++;
	return *p ? p + 1 : p;
}

static const char *skip_value(const char *p)
{
	int depth = 0;

	p = skip_ws(p);
	if (*p != '{' && *p != '[' && *p != '"') {
		while (*p && !strchr(",}] \t\r\n", *p))
			p++;
		return p;
	}
	do {
		if (*p == '"') {
			p = skip_string(p);
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']')
			depth--;
		p++;
	} while (*p && depth > 0);
	return p;
}

/* The value of key in the object at p, or NULL. */
static const char *member(const char *p, const char *key)
{
	size_t klen = strlen(key);

	if (!p || *(p = skip_ws(p)) != '{')
		return NULL;
	p = skip_ws(p + 1);
	while (*p == '"') {
		const char *k = p + 1, *end = skip_string(p);
		int hit = (size_t)(end - 1 - k) == klen &&
			  !strncmp(k, key, klen);

		p = skip_ws(end);
		if (*p != ':')
			return NULL;
		p = skip_ws(p + 1);
		if (hit)
			return p;
		p = skip_ws(skip_value(p));
		if (*p != ',')
			return NULL;
		p = skip_ws(p + 1);
	}
	return NULL;
}

/* Element i of the array at p, or NULL. */
static const char *element(const char *p, size_t i)
{
	if (!p || *(p = skip_ws(p)) != '[')
		return NULL;
	p = skip_ws(p + 1);
	if (*p == ']')
		return NULL;
	while (i--) {
		p = skip_ws(skip_value(p));
		if (*p != ',')
			return NULL;
		p = skip_ws(p + 1);
	}
	return p;
}

/* Where key's value stands in the object at obj, else the object. */
static const char *where(const char *obj, const char *key)
{
	const char *v = member(obj, key);

	return v ? v : obj;
}

/* 'manifest.json:line:col: ...' at p (the start of the text if NULL). */
static int error_at(const struct manifest *m, const char *p,
		    const char *fmt, ...) HDB_PRINTF(3, 4);
static int error_at(const struct manifest *m, const char *p,
		    const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	const char *q, *bol = m->text;
	long line = 1;
	va_list ap;

	if (!p)
		p = m->text;
	for (q = m->text; q < p; q++)
		if (*q == '\n') {
			line++;
			bol = q + 1;
		}
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	hdb_error("%s:%ld:%ld: %s", m->path, line, (long)(p - bol) + 1,
		  strbuf_str(&sb));
	strbuf_release(&sb);
	return -1;
}

/* ---- reading the manifest ---------------------------------------------- */

/* " in point N", or "" for the manifest's own keys. */
static const char *in_point(const struct point *pt, char *buf, size_t size)
{
	if (!pt)
		return "";
	snprintf(buf, size, " in point %ld", pt->n);
	return buf;
}

/*
 * Field key of o (whose text is at obj; pt the point it belongs to, or
 * NULL): *out gets a string, or NULL when it is null or absent, which is
 * an error when need is set.
 */
static int get_text(const struct manifest *m, const struct point *pt,
		    json_t *o, const char *obj, const char *key, int need,
		    const char **out)
{
	json_t *v = json_object_get(o, key);
	char buf[48];

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (!need)
			return 0;
		return error_at(m, where(obj, key), "expected a string for "
				"\"%s\"%s, found %s", key,
				in_point(pt, buf, sizeof(buf)),
				v ? "null" : "none");
	}
	if (!json_is_string(v))
		return error_at(m, where(obj, key), "expected a string for "
				"\"%s\"%s, found %s", key,
				in_point(pt, buf, sizeof(buf)),
				hdb_json_kind(v));
	*out = json_string_value(v);
	return 0;
}

/* An integer of at least 0 (HDB_UNSET when null or absent, which is an
 * error when need is set). */
static int get_count(const struct manifest *m, const struct point *pt,
		     json_t *o, const char *obj, const char *key, int need,
		     long long *out)
{
	json_t *v = json_object_get(o, key);
	char buf[48];

	*out = HDB_UNSET;
	if ((!v || json_is_null(v)) && !need)
		return 0;
	if (!v || !json_is_integer(v) || json_integer_value(v) < 0)
		return error_at(m, where(obj, key), "expected an integer of 0 "
				"or more for \"%s\"%s, found %s", key,
				in_point(pt, buf, sizeof(buf)),
				!v ? "none" : json_is_integer(v)
				? "a negative number" : hdb_json_kind(v));
	*out = json_integer_value(v);
	return 0;
}

/* A file beside the manifest: a plain name, never a path out of DIR
 * (nor a dot-file, which the directory's hash leaves out). */
static int get_file(const struct manifest *m, const struct point *pt,
		    const char *key, const char **out)
{
	const char *name, *at = where(pt->at, key);
	char buf[48];

	if (get_text(m, pt, pt->obj, pt->at, key, 0, &name))
		return -1;
	*out = name;
	if (name && (!*name || *name == '.' || strpbrk(name, "/\\")))
		return error_at(m, at, "expected the name of a file beside "
				"the manifest for \"%s\"%s, found '%s'", key,
				in_point(pt, buf, sizeof(buf)), name);
	return 0;
}

static const char *const statuses[] = {
	"ok", "wedged", "crashed", "oom", "failed", "not_run",
};

static int check_status(const struct manifest *m, const struct point *pt)
{
	size_t i;

	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (!strcmp(pt->status, statuses[i]))
			return 0;
	return error_at(m, where(pt->at, "status"), "expected ok, wedged, "
			"crashed, oom, failed or not_run for \"status\" in "
			"point %ld, found '%.40s'", pt->n, pt->status);
}

/* "clean", or "dirty: " and the reasons on one line. */
static int check_gate(const struct manifest *m, const struct point *pt)
{
	const char *g = pt->gate;

	if (!strcmp(g, "clean") ||
	    (!strncmp(g, "dirty: ", 7) && g[7] && !strpbrk(g, "\n\r\t")))
		return 0;
	return error_at(m, where(pt->at, "gate"), "expected \"clean\" or "
			"\"dirty: <reasons>\" for \"gate\" in point %ld, found "
			"'%.40s'", pt->n, g);
}

static int read_point(struct manifest *m, struct point *pt, size_t i,
		      const char *points_at)
{
	json_t *v;
	const char *test;

	pt->obj = json_array_get(json_object_get(m->root, "points"), i);
	pt->at = element(points_at, i);
	pt->n = (long)i + 1;
	if (!json_is_object(pt->obj))
		return error_at(m, pt->at, "expected an object for point %ld, "
				"found %s", pt->n, hdb_json_kind(pt->obj));
	v = json_object_get(pt->obj, "n");
	if (v && !json_is_integer(v))
		return error_at(m, where(pt->at, "n"), "expected an integer "
				"for \"n\" in point %ld, found %s", pt->n,
				hdb_json_kind(v));
	if (v)
		pt->n = (long)json_integer_value(v);
	if (get_text(m, pt, pt->obj, pt->at, "status", 1, &pt->status) ||
	    check_status(m, pt) ||
	    get_text(m, pt, pt->obj, pt->at, "test", 1, &test) ||
	    get_count(m, pt, pt->obj, pt->at, "n_prompt", 1, &pt->n_prompt) ||
	    get_count(m, pt, pt->obj, pt->at, "n_gen", 1, &pt->n_gen) ||
	    get_count(m, pt, pt->obj, pt->at, "n_depth", 1, &pt->n_depth) ||
	    get_text(m, pt, pt->obj, pt->at, "gate",
		     strcmp(pt->status, "not_run") != 0, &pt->gate) ||
	    (pt->gate && check_gate(m, pt)) ||
	    get_text(m, pt, pt->obj, pt->at, "error", 0, &pt->error) ||
	    get_file(m, pt, "stdout", &pt->out) ||
	    get_file(m, pt, "stderr", &pt->err))
		return -1;
	if (pt->n_prompt + pt->n_gen == 0)
		return error_at(m, where(pt->at, "n_prompt"), "expected "
				"n_prompt or n_gen to be a positive token "
				"count in point %ld", pt->n);
	if (!strcmp(pt->status, "ok") && !pt->out)
		return error_at(m, where(pt->at, "stdout"), "expected a file "
				"for \"stdout\" in point %ld, which finished",
				pt->n);
	if (!strcmp(pt->status, "not_run"))
		pt->out = pt->err = NULL;	/* nothing ran */
	v = json_object_get(pt->obj, "argv");
	if (v && !json_is_null(v)) {
		size_t k;

		if (!json_is_array(v))
			return error_at(m, where(pt->at, "argv"), "expected an "
					"array of strings for \"argv\" in point "
					"%ld, found %s", pt->n,
					hdb_json_kind(v));
		for (k = 0; k < json_array_size(v); k++)
			if (!json_is_string(json_array_get(v, k)))
				return error_at(m, element(where(pt->at,
						"argv"), k), "expected a string "
						"in \"argv\" of point %ld, found "
						"%s", pt->n, hdb_json_kind(
						json_array_get(v, k)));
		pt->argv = v;
	}
	return 0;
}

/* The machine's name, as --host would take it. */
static int check_host(const struct manifest *m)
{
	const char *at = where(m->text, "host");

	if (!*m->host || strpbrk(m->host, "\n\r\t"))
		return error_at(m, at, "expected a host name on one line for "
				"\"host\", found '%.40s'", m->host);
	if (!strcmp(m->host, HDB_UNKNOWN_HOST))
		return error_at(m, at, "the host name '%s' is reserved for "
				"results whose file names no machine",
				m->host);
	return 0;
}

/*
 * jansson points at the last character of the token it stumbled on ("'}'
 * expected near '\"n_prompt\"'"); the error points at its start.
 */
static int syntax_error(const struct manifest *m, const json_error_t *err)
{
	const char *near = strstr(err->text, " near '");
	long col = err->column;

	if (near) {
		size_t tok = strlen(near + 7);

		if (tok && near[7 + tok - 1] == '\'')
			tok--;
		if (!memchr(near + 7, '\n', tok) && (long)tok <= col)
			col -= (long)tok - 1;
	}
	return hdb_json_error(m->path, err->line, col, err);
}

static int read_manifest(const char *dir, struct manifest *m)
{
	json_error_t err;
	json_t *v, *lb;
	const char *points_at, *lb_at;
	size_t len, i;

	m->dir = dir;
	m->path = join(dir, MANIFEST);
	if (read_file_max(m->path, HDB_RUN_MANIFEST_MAX, &m->text, &len))
		return -1;
	/* a key twice would silently win over its first */
	m->root = json_loadb(m->text, len, JSON_REJECT_DUPLICATES, &err);
	if (!m->root)
		return syntax_error(m, &err);
	if (!json_is_object(m->root))
		return error_at(m, NULL, "expected a halodb run manifest (an "
				"object with \"halodb_run\": 1), found %s",
				hdb_json_kind(m->root));
	v = json_object_get(m->root, "halodb_run");
	if (!v)
		return error_at(m, NULL, "expected \"halodb_run\": 1 in a "
				"halodb run manifest, found none");
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		return error_at(m, where(m->text, "halodb_run"), "expected 1 "
				"for \"halodb_run\", found %s",
				hdb_json_kind(v));
	if (json_integer_value(v) > 1)
		return error_at(m, where(m->text, "halodb_run"), "expected "
				"\"halodb_run\": 1, found %lld, a newer "
				"manifest: upgrade halodb to read it",
				(long long)json_integer_value(v));
	if (get_text(m, NULL, m->root, m->text, "host", 0, &m->host) ||
	    (m->host && check_host(m)) ||
	    get_text(m, NULL, m->root, m->text, "created", 0, &m->created) ||
	    get_text(m, NULL, m->root, m->text, "stopped", 0, &m->stopped))
		return -1;
	lb = json_object_get(m->root, "llama_bench");
	lb_at = where(m->text, "llama_bench");
	m->build_number = HDB_UNSET;
	if (lb && !json_is_null(lb) && !json_is_object(lb))
		return error_at(m, lb_at, "expected an object for "
				"\"llama_bench\", found %s", hdb_json_kind(lb));
	if (json_is_object(lb) &&
	    (get_text(m, NULL, lb, lb_at, "build_commit", 0,
		      &m->build_commit) ||
	     get_count(m, NULL, lb, lb_at, "build_number", 0,
		       &m->build_number)))
		return -1;
	v = json_object_get(m->root, "points");
	points_at = where(m->text, "points");
	if (!json_is_array(v))
		return error_at(m, points_at, "expected an array for "
				"\"points\", found %s",
				v ? hdb_json_kind(v) : "none");
	if (!json_array_size(v))
		return error_at(m, points_at, "expected at least one test "
				"point in \"points\", found none");
	m->n = json_array_size(v);
	m->points = xcalloc(m->n, sizeof(*m->points));
	for (i = 0; i < m->n; i++)
		if (read_point(m, &m->points[i], i, points_at))
			return -1;
	return 0;
}

static void release_manifest(struct manifest *m)
{
	json_decref(m->root);
	free(m->points);
	free(m->text);
	free(m->path);
}

/* ---- the points' output -------------------------------------------------- */

static void shared_take(struct shared *s, const struct hdb_bench_record *r)
{
	if (s->have)
		return;
	s->have = 1;
	s->cpu_info = dup_or_null(r->cpu_info);
	s->gpu_info = dup_or_null(r->gpu_info);
	s->backend = dup_or_null(r->backend);
	s->build_commit = dup_or_null(r->build_commit);
	s->model = dup_or_null(r->model);
	s->model_type = dup_or_null(r->model_type);
	s->model_file = dup_or_null(r->model_file);
	s->quant = dup_or_null(r->quant);
	s->type_k = dup_or_null(r->type_k);
	s->type_v = dup_or_null(r->type_v);
	s->build_number = r->build_number;
	s->model_size = r->model_size;
	s->model_n_params = r->model_n_params;
	s->flash_attn = r->flash_attn;
	s->n_gpu_layers = r->n_gpu_layers;
	s->n_batch = r->n_batch;
	s->n_ubatch = r->n_ubatch;
	s->n_threads = r->n_threads;
}

static void shared_release(struct shared *s)
{
	free(s->cpu_info);
	free(s->gpu_info);
	free(s->backend);
	free(s->build_commit);
	free(s->model);
	free(s->model_type);
	free(s->model_file);
	free(s->quant);
	free(s->type_k);
	free(s->type_v);
}

/* The sink a point's JSONL is parsed into: the records, gated, go on. */
struct point_sink {
	const struct hdb_sink *up;
	struct point *pt;
	const char *path;	/* the point's stdout */
	struct shared *shared;
};

static int point_bench(void *ctx, const struct hdb_bench_record *r)
{
	struct point_sink *ps = ctx;
	struct point *pt = ps->pt;
	struct hdb_bench_record gated = *r;

	/* a file of another point (copied over, renamed) is no result of
	 * this one */
	if (r->n_prompt != pt->n_prompt || r->n_gen != pt->n_gen ||
	    r->n_depth != pt->n_depth)
		return hdb_error("%s:%ld:1: expected the test of point %ld "
				 "(n_prompt %lld, n_gen %lld, n_depth %lld), "
				 "found n_prompt %lld, n_gen %lld, n_depth %lld",
				 ps->path, r->line, pt->n, pt->n_prompt,
				 pt->n_gen, pt->n_depth, r->n_prompt, r->n_gen,
				 r->n_depth);
	gated.gate = pt->gate;
	shared_take(ps->shared, r);
	pt->records++;
	return ps->up->bench(ps->up->ctx, &gated);
}

static void point_warning(void *ctx, const char *msg)
{
	struct point_sink *ps = ctx;

	if (ps->up->warning)
		ps->up->warning(ps->up->ctx, msg);
}

/*
 * Parses a point's stdout, if it has one.  A point that finished must
 * give its record; one that did not may have left nothing, or a fragment.
 */
static int read_output(const struct manifest *m, struct point *pt,
		       const struct hdb_sink *sink, struct shared *shared,
		       struct hdb_parse_info *all)
{
	struct point_sink ps = { sink, pt, NULL, shared };
	struct hdb_sink s;
	struct hdb_parse_info info;
	int finished = !strcmp(pt->status, "ok"), rc;
	long long size;
	char *path;
	FILE *f;

	if (!pt->out)
		return 0;
	path = join(m->dir, pt->out);
	ps.path = path;
	if (hdb_open_regular(path, &f, &size)) {
		free(path);
		return -1;
	}
	memset(&s, 0, sizeof(s));
	s.ctx = &ps;
	s.bench = point_bench;
	s.warning = point_warning;
	if (size == 0) {
		rc = finished ? hdb_error("%s:1:1: expected the llama-bench "
					  "record of point %ld, which finished, "
					  "found an empty file", path, pt->n)
			      : 0;
		goto out;
	}
	rc = hdb_parse_bench_json(f, path, &s, &info);
	/* what a run cut short printed before it died, if anything */
	if (rc && !finished && !pt->records)
		rc = 0;
	if (rc)
		goto out;
	if (!all->era[0])
		memcpy(all->era, info.era, sizeof(all->era));
	all->records += info.records;
	if (info.noise_lines)
		hdb_sink_warn(sink, "%s:%ld:1: warning: skipped %ld line%s that "
			      "%s not llama-bench output, the first: '%s'",
			      path, info.first_noise_line, info.noise_lines,
			      info.noise_lines == 1 ? "" : "s",
			      info.noise_lines == 1 ? "is" : "are",
			      info.first_noise);
	if (info.truncated && finished)
		hdb_sink_warn(sink, "%s:%ld:%ld: warning: the output was cut "
			      "off (%s); kept the %ld complete test record%s "
			      "before it", path, info.trunc_line,
			      info.trunc_col, info.trunc_what, info.records,
			      info.records == 1 ? "" : "s");
	if (!finished && pt->records)
		hdb_sink_warn(sink, "%s: warning: point %ld ended '%s' after "
			      "printing its result; kept the result", path,
			      pt->n, pt->status);
out:
	fclose(f);
	free(path);
	return rc;
}

/* ---- the points that did not finish ------------------------------------- */

/* -fa took 0|1, later on|off|auto (-1). */
static long long fa_value(const char *v)
{
	if (!strcmp(v, "1") || !strcmp(v, "on"))
		return 1;
	if (!strcmp(v, "0") || !strcmp(v, "off"))
		return 0;
	if (!strcmp(v, "auto") || !strcmp(v, "-1"))
		return -1;
	return HDB_UNSET;
}

static long long int_value(const char *v)
{
	char *end;
	long long n = strtoll(v, &end, 10);

	return end != v && !*end && n >= 0 ? n : HDB_UNSET;
}

/* What a point's command line says of the settings halodb run passes
 * (one value each: a list is left to the records). */
static void from_argv(const json_t *argv, struct hdb_bench_record *r)
{
	size_t i, n = json_array_size(argv);

	for (i = 0; i + 1 < n; i++) {
		const char *flag = json_string_value(json_array_get(argv, i));
		const char *v = json_string_value(json_array_get(argv, i + 1));
		long long x;

		if (strchr(v, ','))
			continue;
		if (!strcmp(flag, "-m") || !strcmp(flag, "--model"))
			r->model_file = hdb_base_name(v);
		else if (!strcmp(flag, "-ctk") ||
			 !strcmp(flag, "--cache-type-k"))
			r->type_k = v;
		else if (!strcmp(flag, "-ctv") ||
			 !strcmp(flag, "--cache-type-v"))
			r->type_v = v;
		else if ((!strcmp(flag, "-fa") ||
			  !strcmp(flag, "--flash-attn")) &&
			 (x = fa_value(v)) != HDB_UNSET)
			r->flash_attn = x;
		else if ((!strcmp(flag, "-ngl") ||
			  !strcmp(flag, "--n-gpu-layers")) &&
			 (x = int_value(v)) != HDB_UNSET)
			r->n_gpu_layers = x;
		else if ((!strcmp(flag, "-ub") || !strcmp(flag, "--ubatch-size")) &&
			 (x = int_value(v)) != HDB_UNSET)
			r->n_ubatch = x;
		else
			continue;
		i++;
	}
}

static void shared_give(const struct shared *s, struct hdb_bench_record *r)
{
	if (!s->have)
		return;
	r->cpu_info = s->cpu_info;
	r->gpu_info = s->gpu_info;
	r->backend = s->backend;
	r->build_commit = s->build_commit;
	r->build_number = s->build_number;
	r->model = s->model;
	r->model_type = s->model_type;
	r->model_file = s->model_file;
	r->model_size = s->model_size;
	r->model_n_params = s->model_n_params;
	r->quant = s->quant;
	r->type_k = s->type_k;
	r->type_v = s->type_v;
	r->flash_attn = s->flash_attn;
	r->n_gpu_layers = s->n_gpu_layers;
	r->n_batch = s->n_batch;
	r->n_ubatch = s->n_ubatch;
	r->n_threads = s->n_threads;
}

/* How much a status tells, as failure.c ranks its kinds. */
static enum hdb_fail_kind kind_of(const char *status)
{
	if (!strcmp(status, "oom"))
		return HDB_FAIL_OOM;
	if (!strcmp(status, "crashed"))
		return HDB_FAIL_CRASHED;
	return HDB_FAIL_FAILED;
}

/* Reads a point's stderr for the line that tells how it died. */
static int read_stderr(const struct manifest *m, const struct point *pt,
		       struct hdb_failure *fail)
{
	char *path = join(m->dir, pt->err), *line = NULL;
	size_t cap = 0;
	long lineno = 0;
	ssize_t n;
	FILE *f;
	int rc;

	memset(fail, 0, sizeof(*fail));
	if (hdb_open_regular(path, &f, NULL)) {
		free(path);
		return -1;
	}
	while ((n = hdb_getline(&line, &cap, f)) >= 0)
		hdb_failure_note(fail, line, ++lineno);
	rc = hdb_read_end(f, path, n, lineno + 1);
	free(line);
	fclose(f);
	free(path);
	return rc;
}

static void test_name(const struct point *pt, char *buf, size_t size)
{
	if (pt->n_prompt > 0 && pt->n_gen > 0)
		snprintf(buf, size, "pp%lld+tg%lld", pt->n_prompt, pt->n_gen);
	else if (pt->n_prompt > 0)
		snprintf(buf, size, "pp%lld", pt->n_prompt);
	else
		snprintf(buf, size, "tg%lld", pt->n_gen);
}

/*
 * The row of a point that gave no result: the point's test and status,
 * the settings its command line and the run's finished records tell, the
 * build the manifest names, and the sweep's start as its time (two
 * sweeps that died at one point are two rows).
 */
static int emit_unfinished(const struct manifest *m, const struct point *pt,
			   const struct shared *shared,
			   const struct hdb_sink *sink)
{
	const char *at = pt->at ? pt->at : m->text;
	struct hdb_bench_record r;
	struct hdb_failure fail;
	char test[64], quant[16];
	char *raw;
	int rc;

	memset(&fail, 0, sizeof(fail));
	if (pt->err && strcmp(pt->status, "wedged") &&
	    strcmp(pt->status, "not_run") && read_stderr(m, pt, &fail))
		return -1;
	hdb_bench_record_init(&r);
	shared_give(shared, &r);
	if (pt->argv)
		from_argv(pt->argv, &r);
	if (!r.model_file && fail.model_file[0])
		r.model_file = fail.model_file;
	if (!r.quant && r.model_file) {
		hdb_quant_from_file(r.model_file, quant, sizeof(quant));
		r.quant = quant[0] ? quant : NULL;
	}
	if (m->build_commit)
		r.build_commit = m->build_commit;
	if (m->build_number != HDB_UNSET)
		r.build_number = m->build_number;
	test_name(pt, test, sizeof(test));
	r.test = test;
	r.n_prompt = pt->n_prompt;
	r.n_gen = pt->n_gen;
	r.n_depth = pt->n_depth;
	r.test_time = m->created;
	r.gate = pt->gate;
	r.status = pt->status;
	r.error = pt->error;
	/* the stderr may know better than the runner (an OOM it saw as a
	 * crash); a wedge or a test never run it cannot tell */
	if (fail.kind > kind_of(pt->status) && strcmp(pt->status, "wedged") &&
	    strcmp(pt->status, "not_run")) {
		r.status = hdb_fail_status(fail.kind);
		r.error = fail.line;
	} else if (!r.error && fail.kind != HDB_FAIL_NONE) {
		r.error = fail.line;
	}
	if (!r.error && !strcmp(pt->status, "not_run"))
		r.error = m->stopped;
	r.line = 1;
	for (raw = m->text; raw < at; raw++)
		r.line += *raw == '\n';
	raw = xstrndup(at, (size_t)(skip_value(at) - at));
	r.raw = raw;
	rc = sink->bench(sink->ctx, &r);
	free(raw);
	return rc;
}

/* ---- the directory ------------------------------------------------------ */

int hdb_is_halodb_run(const char *dir)
{
	char *path = join(dir, MANIFEST), *head = NULL;
	struct stat st;
	size_t n;
	FILE *f;
	int found = 0;

	if (!stat(path, &st) && S_ISREG(st.st_mode) &&
	    !hdb_open_regular(path, &f, NULL)) {
		head = xmalloc(SNIFF_BYTES + 1);
		n = fread(head, 1, SNIFF_BYTES, f);
		head[n] = '\0';
		found = strstr(head, "\"halodb_run\"") != NULL;
		fclose(f);
	}
	free(head);
	free(path);
	return found;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every file of the run: the regular files in DIR (no dot-files, no
 * subdirectories), in name order, each with its name. */
int hdb_hash_halodb_run(const char *dir, struct sha256 *c, long long *bytes)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL, chunk[65536];
	size_t n = 0, i, k;
	int ret = 0;

	if (!d)
		return hdb_error("cannot open directory '%s': %s", dir,
				 strerror(errno));
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n)	/* qsort(NULL, 0) is undefined */
		qsort(names, n, sizeof(*names), by_name);
	sha256_update(c, "halodb-run", 11);
	for (i = 0; i < n && !ret; i++) {
		char *path = join(dir, names[i]);
		struct stat st;
		FILE *f;

		if (stat(path, &st) || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		if (hdb_open_regular(path, &f, NULL)) {
			free(path);
			ret = -1;
			break;
		}
		sha256_update(c, names[i], strlen(names[i]) + 1);
		while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0) {
			sha256_update(c, chunk, k);
			*bytes += (long long)k;
		}
		if (ferror(f))
			ret = hdb_error("cannot read '%s': %s", path,
					strerror(errno));
		fclose(f);
		free(path);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return ret;
}

int hdb_parse_halodb_run(const char *dir, const struct hdb_sink *sink,
			 struct hdb_parse_info *info)
{
	struct manifest m;
	struct shared shared;
	size_t i;
	int ret = -1;

	memset(info, 0, sizeof(*info));
	memset(&m, 0, sizeof(m));
	memset(&shared, 0, sizeof(shared));
	info->format = HDB_FORMAT_HALODB_RUN;
	if (read_manifest(dir, &m))
		goto out;
	if (m.host && sink->host && sink->host(sink->ctx, m.host))
		goto out;
	/* the finished records first: they tell the settings that the rows
	 * of the points that did not finish share */
	for (i = 0; i < m.n; i++)
		if (read_output(&m, &m.points[i], sink, &shared, info))
			goto out;
	for (i = 0; i < m.n; i++) {
		if (m.points[i].records)
			continue;
		if (emit_unfinished(&m, &m.points[i], &shared, sink))
			goto out;
		info->records++;
	}
	ret = 0;
out:
	shared_release(&shared);
	release_manifest(&m);
	return ret;
}
