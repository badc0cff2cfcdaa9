/*
 * published.c: results that people published in tables (the seeds'
 * reports), transcribed one measurement a row into CSV (data/README.md
 * documents the format).  Read with libcsv, a line a row; every cell is
 * checked, and a row becomes a llama-bench, quality or reference record
 * like those the other parsers make, with its machine named in the row.
 */
#include "parsers.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum col {
	C_KIND, C_HOST, C_BACKEND, C_BUILD, C_MODEL, C_QUANT, C_KV, C_FA,
	C_NGL, C_TEST, C_METRIC, C_DEPTH, C_VALUE, C_STDDEV, C_REPS, C_ITEMS,
	C_PASSES, C_STATUS, C_VARIANT, C_SEED, C_SECTION, C_NOTE, N_COLS
};

static const char *const col_names[N_COLS] = {
	"kind", "host", "backend", "build", "model", "quant", "kv", "fa",
	"ngl", "test", "metric", "depth", "value", "stddev", "reps", "items",
	"passes", "status", "variant", "seed", "section", "note",
};

/* The header line, which is also how the format is recognised. */
const char hdb_published_header[] =
	"kind,host,backend,build,model,quant,kv,fa,ngl,test,metric,depth,"
	"value,stddev,reps,items,passes,status,variant,seed,section,note";

/* No transcribed cell comes near this. */
#define MAX_FIELD ((size_t)64 << 10)

struct row {
	const char *path;
	long line;
	const char *text;		/* the line */
	size_t len;
	char *v[N_COLS];		/* the cells, "" when empty */
	size_t n;			/* cells read */
	int too_long;
};

static void on_field(void *s, size_t n, void *ctx)
{
	struct row *r = ctx;

	if (n > MAX_FIELD)
		r->too_long = 1;
	if (r->n < N_COLS)
		r->v[r->n] = xstrndup(n > MAX_FIELD ? "" : s,
				      n > MAX_FIELD ? 0 : n);
	r->n++;
}

static void on_row(int c, void *ctx)
{
	(void)c;
	(void)ctx;
}

static void row_clear(struct row *r)
{
	size_t i;

	for (i = 0; i < N_COLS; i++) {
		free(r->v[i]);
		r->v[i] = NULL;
	}
	r->n = 0;
	r->too_long = 0;
}

/* Where cell k of the line starts (1-based). */
static long cell_col(const struct row *r, size_t k)
{
	return hdb_csv_field_col(r->text, r->len, k);
}

/* An error at cell k: 'path:line:col: expected WHAT for 'name', found ...' */
static int bad(const struct row *r, enum col k, const char *what)
{
	return hdb_error("%s:%ld:%ld: expected %s for '%s', found '%.40s'",
			 r->path, r->line, cell_col(r, k), what, col_names[k],
			 r->v[k]);
}

/* The cell, or NULL when empty. */
static const char *cell(const struct row *r, enum col k)
{
	return r->v[k][0] ? r->v[k] : NULL;
}

static int need(const struct row *r, enum col k, const char *kind)
{
	if (cell(r, k))
		return 0;
	return hdb_error("%s:%ld:%ld: expected a value for '%s' in a %s row",
			 r->path, r->line, cell_col(r, k), col_names[k], kind);
}

/* A whole number >= min, or HDB_UNSET when empty. */
static int whole(const struct row *r, enum col k, long long min,
		 long long *out)
{
	const char *s = cell(r, k);
	char *end;

	*out = HDB_UNSET;
	if (!s)
		return 0;
	errno = 0;
	*out = strtoll(s, &end, 10);
	if (end == s || *end || errno || *out < min)
		return bad(r, k, min > 0 ? "a whole number above 0"
				 : "a whole number");
	return 0;
}

/* A finite number >= 0 (at most max), or NAN when empty; *decimals gets
 * how many the cell printed. */
static int number(const struct row *r, enum col k, double max, double *out,
		  int *decimals)
{
	const char *s = cell(r, k), *dot;
	char *end;

	*out = NAN;
	if (!s)
		return 0;
	errno = 0;
	*out = strtod(s, &end);
	if (end == s || *end || errno || !isfinite(*out) || *out < 0 ||
	    *out > max || !(isdigit((unsigned char)s[0]) || s[0] == '.'))
		return bad(r, k, max <= 1 ? "a fraction from 0 to 1"
				 : "a number of 0 or more");
	if (decimals) {
		dot = strchr(s, '.');
		*decimals = dot ? (int)strlen(dot + 1) : 0;
	}
	return 0;
}

/* The status of a row: "ok" when empty. */
static int status_of(const struct row *r, const char **out)
{
	static const char *const ok[] = {
		"ok", "wedged", "crashed", "oom", "failed", "not_run",
	};
	const char *s = cell(r, C_STATUS);
	size_t i;

	*out = "ok";
	if (!s)
		return 0;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (!strcmp(s, ok[i])) {
			*out = ok[i];
			return 0;
		}
	return bad(r, C_STATUS, "ok, wedged, crashed, oom, failed or not_run");
}

/* A value goes with 'ok' and only with it. */
static int value_fits_status(const struct row *r, const char *status,
			     double value)
{
	if (!strcmp(status, "ok") && isnan(value))
		return hdb_error("%s:%ld:%ld: expected a value for 'value' in a "
				 "row whose status is ok (a cell that was not "
				 "measured has a status)", r->path, r->line,
				 cell_col(r, C_VALUE));
	if (strcmp(status, "ok") && !isnan(value))
		return hdb_error("%s:%ld:%ld: expected no value in a row whose "
				 "status is %s", r->path, r->line,
				 cell_col(r, C_VALUE), status);
	return 0;
}

/* "q8_0" or "K/V" into the two types (borrowed from the cell, split). */
static int kv_of(struct row *r, const char **k, const char **v)
{
	char *s = r->v[C_KV], *slash = strchr(s, '/');

	*k = *v = NULL;
	if (!*s)
		return 0;
	if (slash) {
		if (slash == s || !slash[1] || strchr(slash + 1, '/'))
			return bad(r, C_KV, "a KV type or K/V");
		*slash = '\0';
		*k = s;
		*v = slash + 1;
		return 0;
	}
	*k = *v = s;
	return 0;
}

/* The build: digits are a build number, hex a commit. */
static int build_of(const struct row *r, long long *number,
		    const char **commit)
{
	const char *s = cell(r, C_BUILD), *p;

	*number = HDB_UNSET;
	*commit = NULL;
	if (!s)
		return 0;
	for (p = s; isdigit((unsigned char)*p); p++)
		;
	if (!*p && p - s < 10) {
		*number = strtoll(s, NULL, 10);
		return 0;
	}
	for (p = s; isxdigit((unsigned char)*p); p++)
		;
	if (*p || p - s < 7 || p - s > 40)
		return bad(r, C_BUILD, "a build number or a commit");
	*commit = s;
	return 0;
}

/* Tokens of a llama-bench test name: pp512, tg128, pp512+tg128. */
static int test_tokens(const struct row *r, long long *n_prompt,
		       long long *n_gen)
{
	const char *s = r->v[C_TEST];
	char *end;

	*n_prompt = *n_gen = 0;
	while (*s) {
		long long n;

		if (strncmp(s, "pp", 2) && strncmp(s, "tg", 2))
			return bad(r, C_TEST, "a llama-bench test (pp512, "
				   "tg128, pp512+tg128)");
		errno = 0;
		n = strtoll(s + 2, &end, 10);
		if (end == s + 2 || n < 1 || errno)
			return bad(r, C_TEST, "a llama-bench test (pp512, "
				   "tg128, pp512+tg128)");
		*(s[0] == 'p' ? n_prompt : n_gen) = n;
		s = end;
		if (*s == '+' && s[1])
			s++;
		else if (*s)
			return bad(r, C_TEST, "a llama-bench test (pp512, "
				   "tg128, pp512+tg128)");
	}
	return 0;
}

/* The provenance of a row as a JSON object (caller frees). */
static char *details_of(const struct row *r, const char *status,
			const char *metric_key)
{
	json_t *o = json_object();
	char *s;

	json_object_set_new(o, "transcribed_from", json_string(r->v[C_SEED]));
	if (cell(r, C_SECTION))
		json_object_set_new(o, "section", json_string(r->v[C_SECTION]));
	if (cell(r, C_NOTE))
		json_object_set_new(o, "note", json_string(r->v[C_NOTE]));
	if (strcmp(status, "ok"))
		json_object_set_new(o, "status", json_string(status));
	if (metric_key && cell(r, C_METRIC))
		json_object_set_new(o, metric_key, json_string(r->v[C_METRIC]));
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!s)
		hdb_die("out of memory");
	return s;
}

static int throughput(struct row *r, const struct hdb_sink *sink)
{
	struct hdb_bench_record b;
	const char *status;
	int decimals = 0;

	memset(&b, 0, sizeof(b));
	b.line = r->line;
	b.model_size = b.model_n_params = HDB_UNSET;
	b.n_batch = b.n_ubatch = b.n_threads = HDB_UNSET;
	b.avg_ns = b.stddev_ns = HDB_UNSET;
	if (need(r, C_HOST, "throughput") || need(r, C_MODEL, "throughput") ||
	    need(r, C_TEST, "throughput") || need(r, C_DEPTH, "throughput") ||
	    test_tokens(r, &b.n_prompt, &b.n_gen) ||
	    whole(r, C_DEPTH, 0, &b.n_depth) ||
	    whole(r, C_FA, 0, &b.flash_attn) ||
	    whole(r, C_NGL, 0, &b.n_gpu_layers) ||
	    number(r, C_VALUE, 1e12, &b.avg_ts, &decimals) ||
	    number(r, C_STDDEV, 1e12, &b.stddev_ts, NULL) ||
	    status_of(r, &status) ||
	    value_fits_status(r, status, b.avg_ts) ||
	    build_of(r, &b.build_number, &b.build_commit) ||
	    kv_of(r, &b.type_k, &b.type_v))
		return -1;
	if (b.flash_attn > 1)
		return bad(r, C_FA, "0 or 1");
	if (whole(r, C_REPS, 1, &b.n_reps))
		return -1;
	if (b.n_reps == HDB_UNSET)
		b.n_reps = 0;
	b.host = r->v[C_HOST];
	b.backend = cell(r, C_BACKEND);
	b.model = b.model_type = r->v[C_MODEL];
	b.quant = cell(r, C_QUANT);
	b.test = r->v[C_TEST];
	b.variant = cell(r, C_VARIANT);
	b.status = status;
	b.error = strcmp(status, "ok") ? cell(r, C_NOTE) : NULL;
	/* the decimals printed; none (0) is the store's 'full precision',
	 * which compares a transcribed '2048' exactly */
	b.precision = decimals;
	b.raw = r->text;
	return sink->bench(sink->ctx, &b);
}

static int quality(struct row *r, const struct hdb_sink *sink)
{
	struct hdb_quality_record q;
	struct hdb_attach a;
	const char *status;
	long long build;
	char *details;
	int ret;

	memset(&q, 0, sizeof(q));
	memset(&a, 0, sizeof(a));
	q.line = r->line;
	if (need(r, C_HOST, "quality") || need(r, C_MODEL, "quality") ||
	    need(r, C_TEST, "quality") || need(r, C_METRIC, "quality") ||
	    number(r, C_VALUE, 1, &q.score, NULL) ||
	    whole(r, C_ITEMS, 1, &q.n_items) ||
	    whole(r, C_PASSES, 0, &q.n_pass) ||
	    status_of(r, &status) ||
	    value_fits_status(r, status, q.score) ||
	    build_of(r, &build, &a.build) ||
	    kv_of(r, &a.type_k, &a.type_v))
		return -1;
	if (q.n_pass != HDB_UNSET &&
	    (q.n_items == HDB_UNSET || q.n_pass > q.n_items))
		return bad(r, C_PASSES, "passes of at most 'items'");
	if (cell(r, C_BUILD) && !a.build)
		a.build = r->v[C_BUILD];	/* a build number, as text */
	a.model = r->v[C_MODEL];
	a.quant = cell(r, C_QUANT);
	a.backend = cell(r, C_BACKEND);
	a.variant = cell(r, C_VARIANT);
	q.host = r->v[C_HOST];
	q.attach = &a;
	q.harness = "published";
	q.benchmark = r->v[C_TEST];
	q.metric = r->v[C_METRIC];
	q.model_named = r->v[C_MODEL];
	q.stderr = NAN;
	q.details = details = details_of(r, status, NULL);
	q.raw = r->text;
	ret = sink->quality(sink->ctx, &q);
	free(details);
	return ret;
}

static int reference(struct row *r, const struct hdb_sink *sink)
{
	struct hdb_reference_record ref;
	const char *status;
	char *details;
	int ret;

	memset(&ref, 0, sizeof(ref));
	ref.line = r->line;
	if (need(r, C_MODEL, "reference") || need(r, C_TEST, "reference") ||
	    number(r, C_VALUE, 1, &ref.score, NULL) ||
	    whole(r, C_ITEMS, 1, &ref.n_items) ||
	    status_of(r, &status) ||
	    value_fits_status(r, status, ref.score))
		return -1;
	if (cell(r, C_HOST))
		return hdb_error("%s:%ld:%ld: expected no host in a reference "
				 "row (a published score names no machine), "
				 "found '%.40s'", r->path, r->line,
				 cell_col(r, C_HOST), r->v[C_HOST]);
	ref.model = r->v[C_MODEL];
	ref.benchmark = r->v[C_TEST];
	ref.variant = cell(r, C_VARIANT);
	ref.details = details = details_of(r, status, "score_from");
	ret = sink->reference(sink->ctx, &ref);
	free(details);
	return ret;
}

/* Splits the line into r->v and checks the count. */
static int split(struct row *r)
{
	struct csv_parser p;
	int ret = 0;

	row_clear(r);
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
		hdb_die("cannot set up the CSV parser");
	csv_set_blk_size(&p, r->len + 1);
	if (csv_parse(&p, r->text, r->len, on_field, on_row, r) != r->len)
		ret = hdb_error("%s:%ld:1: expected a CSV row (%s)", r->path,
				r->line, csv_strerror(csv_error(&p)));
	else if (csv_fini(&p, on_field, on_row, r))
		ret = hdb_error("%s:%ld:%ld: expected '\"' to close the last "
				"field of the row", r->path, r->line,
				(long)r->len + 1);
	else if (r->too_long)
		ret = hdb_error("%s:%ld:1: expected cells of at most %zu KiB",
				r->path, r->line, MAX_FIELD >> 10);
	else if (r->n != N_COLS)
		ret = hdb_error("%s:%ld:1: expected %d cells as in the header, "
				"found %zu", r->path, r->line, N_COLS, r->n);
	csv_free(&p);
	return ret;
}

/*
 * The quality and reference rows seen so far in the file, by what
 * identifies a measurement (every cell but where it was printed: seed,
 * section, note).  A seed that prints one score in two tables gives two
 * rows; the store has no identity for scores as it has for throughput,
 * so the second is recognised here.
 */
struct seen {
	char **key;
	long *line;
	size_t n, cap;
};

static char *row_key(const struct row *r)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < C_SEED; i++) {
		strbuf_addstr(&sb, r->v[i]);
		strbuf_addch(&sb, '\x1f');
	}
	return strbuf_detach(&sb);
}

/* The line of an earlier row of the same measurement, or 0 (then the
 * row is remembered). */
static long seen_before(struct seen *s, const struct row *r)
{
	char *key = row_key(r);
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->key[i], key)) {
			free(key);
			return s->line[i];
		}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->key = xrealloc(s->key, s->cap * sizeof(*s->key));
		s->line = xrealloc(s->line, s->cap * sizeof(*s->line));
	}
	s->key[s->n] = key;
	s->line[s->n++] = r->line;
	return 0;
}

static void seen_release(struct seen *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->key[i]);
	free(s->key);
	free(s->line);
}

static int add_row(struct row *r, const struct hdb_sink *sink,
		   struct seen *seen, struct hdb_parse_info *info)
{
	const char *kind = r->v[C_KIND];

	if (need(r, C_SEED, kind))
		return -1;
	/* as a throughput row printed twice is found in the store */
	if ((!strcmp(kind, "quality") || !strcmp(kind, "reference")) &&
	    seen_before(seen, r)) {
		info->repeats++;
		return 0;
	}
	if (!strcmp(kind, "throughput"))
		return throughput(r, sink);
	if (!strcmp(kind, "quality"))
		return quality(r, sink);
	if (!strcmp(kind, "reference"))
		return reference(r, sink);
	return bad(r, C_KIND, "throughput, quality or reference");
}

int hdb_parse_published(FILE *f, const char *path,
			const struct hdb_sink *sink,
			struct hdb_parse_info *info)
{
	struct seen seen = { NULL, NULL, 0, 0 };
	struct row r;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	int header = 0, ret = -1;

	memset(info, 0, sizeof(*info));
	memset(&r, 0, sizeof(r));
	info->format = HDB_FORMAT_PUBLISHED;
	snprintf(info->era, sizeof(info->era), "transcribed");
	r.path = path;
	while ((n = hdb_getline(&line, &cap, f)) >= 0) {
		size_t len = (size_t)n;
		const char *l = hdb_skip_bom(line, &len, ++lineno);

		if (!len)
			continue;
		if (memchr(l, '\0', len)) {
			hdb_error("%s:%ld:%ld: expected text, found a NUL byte",
				  path, lineno,
				  (long)((const char *)memchr(l, '\0', len) - l)
				  + 1);
			goto out;
		}
		if (hdb_check_utf8(path, lineno, 1, l, len))
			goto out;
		if (!header) {
			if (l[0] == '#')
				continue;
			if (len != strlen(hdb_published_header) ||
			    memcmp(l, hdb_published_header, len)) {
				hdb_error("%s:%ld:1: expected the header of "
					  "published results, '%s'", path,
					  lineno, hdb_published_header);
				goto out;
			}
			header = 1;
			continue;
		}
		r.line = lineno;
		r.text = l;
		r.len = len;
		if (split(&r) || add_row(&r, sink, &seen, info))
			goto out;
		info->records++;
	}
	if (hdb_read_end(f, path, n, lineno + 1))
		goto out;
	if (!info->records) {
		hdb_error("%s:%ld:1: expected rows after the header, found "
			  "none", path, lineno ? lineno : 1);
		goto out;
	}
	ret = 0;
out:
	seen_release(&seen);
	row_clear(&r);
	free(line);
	return ret;
}
