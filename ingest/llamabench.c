/*
 * llamabench.c: llama-bench JSON and JSONL output, every era, into
 * records.
 *
 * jsonstream.c frames one test object at a time; simdjson reads it
 * (jsonfast.cpp), or jansson when the record is not one simdjson can read
 * exactly as jansson would, or is wrong (jansson says how); this
 * file maps the fields of whichever llama-bench version wrote it (legacy
 * backend bools, f16_kv, no n_depth, flash_attn bool or int, with or
 * without samples) onto struct hdb_bench_record.  Every field is optional
 * except what makes a measurement: n_prompt, n_gen and avg_ts.
 */
#include "parsers.h"
#include "jsonutil.h"
#include "jsonstream.h"
#include "jsonfast.h"
#include "../util.h"

#include <ctype.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Owned scratch for the derived strings of the record being built. */
enum scratch_id {
	SC_BACKEND, SC_MODEL, SC_QUANT, SC_TEST, SC_COMMIT,
	SC_TYPE_K, SC_TYPE_V, SC_COUNT
};

struct hdb_bench_builder {
	const char *path;
	const struct hdb_sink *sink;
	struct strbuf scratch[SC_COUNT];
	struct hdb_sample *samples;
	size_t samples_cap;
	/* the record being converted, for error positions */
	const char *text;
	long line, col;
	/* tabular records: the column of each field, by key (borrowed) */
	const char *const *col_keys;
	const long *col_pos;
	size_t n_cols;
};

/* ---- quant names ---------------------------------------------------- */

static const struct {
	const char *ftype, *quant;
} quant_exceptions[] = {
	{ "all F32", "F32" },
	{ "Q2_K - Medium", "Q2_K" },	/* plain Q2_K prints as Medium */
	{ "IQ3_S mix - 3.66 bpw", "IQ3_M" },
	{ "MXFP4 MoE", "MXFP4" },
	{ "unknown, may not work", "" },
};

void hdb_quant_name(const char *ftype, char *out, size_t size)
{
	char buf[128];
	size_t n, i;
	const char *dash;

	out[0] = '\0';
	if (!ftype || !size)
		return;
	while (*ftype == ' ')
		ftype++;
	if (!strncmp(ftype, "mostly ", 7))	/* before b1654 */
		ftype += 7;
	n = strlen(ftype);
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, ftype, n);
	buf[n] = '\0';
	if (n > 10 && !strcmp(buf + n - 10, " (guessed)"))
		buf[n -= 10] = '\0';
	while (n && buf[n - 1] == ' ')
		buf[--n] = '\0';
	for (i = 0; i < sizeof(quant_exceptions) / sizeof(quant_exceptions[0]); i++)
		if (!strcmp(buf, quant_exceptions[i].ftype)) {
			snprintf(out, size, "%s", quant_exceptions[i].quant);
			return;
		}
	dash = strstr(buf, " - ");
	if (dash) {
		const char *rest = dash + 3;
		const char *suffix = !strcmp(rest, "Small") ? "_S"
				   : !strcmp(rest, "Medium") ? "_M"
				   : !strcmp(rest, "Large") ? "_L" : "";

		snprintf(out, size, "%.*s%s", (int)(dash - buf), buf, suffix);
	} else {
		snprintf(out, size, "%.*s", (int)strcspn(buf, " "), buf);
	}
	for (i = 0; out[i]; i++) {
		if (!isalnum((unsigned char)out[i]) && out[i] != '_') {
			out[0] = '\0';	/* not a quant name we can vouch for */
			return;
		}
		out[i] = (char)toupper((unsigned char)out[i]);
	}
}

/* ---- field access ----------------------------------------------------- */

/*
 * A record as either parser read it: a jansson object, or the fields of
 * the fast path.  Every field is read through rec_get, so that both give
 * the same record and the same errors.
 */
struct rec {
	json_t *obj;
	const struct hdb_jflat *flat;
};

enum jv_kind { JV_ABSENT, JV_NULL, JV_BOOL, JV_INT, JV_REAL, JV_STRING,
	       JV_ARRAY, JV_OTHER };

/* A value: i for JV_BOOL (0/1) and JV_INT, d for JV_INT and JV_REAL (as
 * json_number_value), s for JV_STRING, n items for JV_ARRAY. */
struct jv {
	enum jv_kind kind;
	long long i;
	double d;
	const char *s;
	size_t n;
	json_t *arr;			/* jansson's array */
	const struct hdb_jf_item *items;	/* the fast path's */
};

static struct jv jv_of_json(json_t *v)
{
	struct jv r;

	memset(&r, 0, sizeof(r));
	if (!v)
		r.kind = JV_ABSENT;
	else if (json_is_null(v))
		r.kind = JV_NULL;
	else if (json_is_boolean(v)) {
		r.kind = JV_BOOL;
		r.i = json_is_true(v);
	} else if (json_is_integer(v)) {
		r.kind = JV_INT;
		r.i = json_integer_value(v);
		r.d = json_number_value(v);
	} else if (json_is_real(v)) {
		r.kind = JV_REAL;
		r.d = json_real_value(v);
	} else if (json_is_string(v)) {
		r.kind = JV_STRING;
		r.s = json_string_value(v);
	} else if (json_is_array(v)) {
		r.kind = JV_ARRAY;
		r.n = json_array_size(v);
		r.arr = v;
	} else {
		r.kind = JV_OTHER;
	}
	return r;
}

static struct jv rec_get(const struct rec *rc, const char *key)
{
	static const enum jv_kind kinds[] = {
		[HDB_JF_NULL] = JV_NULL, [HDB_JF_BOOL] = JV_BOOL,
		[HDB_JF_INT] = JV_INT, [HDB_JF_REAL] = JV_REAL,
		[HDB_JF_STRING] = JV_STRING, [HDB_JF_ARRAY] = JV_ARRAY,
	};
	const struct hdb_jf_field *f;
	struct jv r;

	if (!rc->flat)
		return jv_of_json(json_object_get(rc->obj, key));
	memset(&r, 0, sizeof(r));
	f = hdb_jflat_get(rc->flat, key);
	if (!f)
		return r;
	r.kind = kinds[f->kind];
	r.i = f->i;
	r.d = f->d;
	r.s = f->s;
	r.n = f->n;
	r.items = rc->flat->items + f->first;
	return r;
}

static int rec_has(const struct rec *rc, const char *key)
{
	return rec_get(rc, key).kind != JV_ABSENT;
}

/* Item i of an array (JV_ABSENT past its end, or for no array). */
static struct jv jv_item(const struct jv *a, size_t i)
{
	struct jv r;

	if (a->kind != JV_ARRAY || i >= a->n) {
		memset(&r, 0, sizeof(r));
		return r;
	}
	if (a->arr)
		return jv_of_json(json_array_get(a->arr, i));
	memset(&r, 0, sizeof(r));
	r.kind = a->items[i].kind == HDB_JF_NULL ? JV_NULL
		 : a->items[i].kind == HDB_JF_INT ? JV_INT : JV_REAL;
	r.i = a->items[i].i;
	r.d = a->items[i].d;
	return r;
}

/* Where "key": stands in the record, for error messages. */
static void key_pos(const struct hdb_bench_builder *bp, const char *key,
		    long *line, long *col)
{
	size_t klen = strlen(key);
	const char *p = bp->text, *q, *bol = bp->text;
	long l = bp->line;
	size_t i;

	*line = bp->line;
	*col = bp->col;
	for (i = 0; i < bp->n_cols; i++)
		if (!strcmp(bp->col_keys[i], key)) {
			*col = bp->col_pos[i];
			return;
		}
	for (; *p; p++) {
		if (*p == '\n') {
			l++;
			bol = p + 1;
			continue;
		}
		if (*p != '"' || strncmp(p + 1, key, klen) || p[1 + klen] != '"')
			continue;
		for (q = p + klen + 2; *q == ' ' || *q == '\t'; q++)
			;
		if (*q != ':')
			continue;
		*line = l;
		*col = (l == bp->line ? bp->col - 1 : 0) + (long)(p - bol) + 1;
		return;
	}
}

static int field_error(const struct hdb_bench_builder *bp, const char *key,
		       const char *what)
{
	long line, col;

	key_pos(bp, key, &line, &col);
	return hdb_error("%s:%ld:%ld: expected %s for \"%s\"", bp->path, line,
			 col, what, key);
}

/* An integer field: integers, integral reals, bools and digit strings
 * all occur (re-serialised files, llama-bench's own type drift). */
static int get_int(const struct hdb_bench_builder *bp, const struct rec *rc,
		   const char *key, long long *out)
{
	struct jv v = rec_get(rc, key);
	char *end;

	*out = HDB_UNSET;
	if (v.kind == JV_ABSENT || v.kind == JV_NULL)
		return 0;
	if (v.kind == JV_INT || v.kind == JV_BOOL) {
		*out = v.i;
		return 0;
	}
	if (v.kind == JV_REAL) {
		if (v.d == floor(v.d) && fabs(v.d) < 9e18) {
			*out = (long long)v.d;
			return 0;
		}
	} else if (v.kind == JV_STRING) {
		*out = strtoll(v.s, &end, 10);
		if (*v.s && !*end)
			return 0;
		*out = HDB_UNSET;
	}
	return field_error(bp, key, "an integer");
}

static int get_real(const struct hdb_bench_builder *bp, const struct rec *rc,
		    const char *key, double *out)
{
	struct jv v = rec_get(rc, key);
	char *end;

	*out = NAN;
	if (v.kind == JV_ABSENT || v.kind == JV_NULL)
		return 0;
	if (v.kind == JV_INT || v.kind == JV_REAL) {
		*out = v.d;
		return 0;
	}
	if (v.kind == JV_STRING) {
		*out = strtod(v.s, &end);
		if (*v.s && !*end)
			return 0;
		*out = NAN;
	}
	return field_error(bp, key, "a number");
}

/* A string field; numbers are spelled out into scratch (an all-digit
 * commit hash comes back from some re-serialisers as an integer). */
static int get_str(struct hdb_bench_builder *bp, const struct rec *rc,
		   const char *key, enum scratch_id sc, const char **out)
{
	struct jv v = rec_get(rc, key);

	*out = NULL;
	if (v.kind == JV_ABSENT || v.kind == JV_NULL)
		return 0;
	if (v.kind == JV_STRING) {
		*out = v.s;
		return 0;
	}
	if (v.kind == JV_INT && sc != SC_COUNT) {
		strbuf_reset(&bp->scratch[sc]);
		strbuf_addf(&bp->scratch[sc], "%lld", v.i);
		*out = bp->scratch[sc].buf;
		return 0;
	}
	return field_error(bp, key, "a string");
}

static int get_bool(const struct rec *rc, const char *key)
{
	struct jv v = rec_get(rc, key);

	if (v.kind == JV_STRING) /* 'rpc' was printed as the string "0"/"1" */
		return strcmp(v.s, "0") != 0 && strcmp(v.s, "") != 0;
	if (v.kind == JV_INT || v.kind == JV_BOOL)
		return v.i != 0;
	return 0;
}

/* ---- derived fields --------------------------------------------------- */

/*
 * Before b4080 the backend was a set of bools; llama-bench's own md printer
 * chose the first true one in this order.  'kompute' printed the vulkan
 * flag (a bug), so it never decides.  A 'cuda' build on AMD hardware is a
 * HIP build, which llama-bench called ROCm.
 */
static const char *legacy_backend(struct hdb_bench_builder *bp,
				  const struct rec *obj, const char *gpu_info)
{
	static const struct {
		const char *key, *name;
	} flags[] = {
		{ "cuda", "CUDA" }, { "opencl", "OpenCL" }, { "vulkan", "Vulkan" },
		{ "metal", "Metal" }, { "sycl", "SYCL" }, { "gpu_blas", "GPU BLAS" },
		{ "blas", "BLAS" },
	};
	struct strbuf *sb = &bp->scratch[SC_BACKEND];
	const char *name = NULL;
	int any = 0;
	size_t i;

	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		if (rec_has(obj, flags[i].key))
			any = 1;
		if (!name && get_bool(obj, flags[i].key))
			name = flags[i].name;
	}
	if (!any)
		return NULL;
	if (!name)
		name = "CPU";
	if (!strcmp(name, "CUDA") && gpu_info &&
	    (strstr(gpu_info, "AMD") || strstr(gpu_info, "Radeon") ||
	     strstr(gpu_info, "gfx")))
		name = "ROCm";
	strbuf_reset(sb);
	strbuf_addstr(sb, name);
	if (get_bool(obj, "rpc"))
		strbuf_addstr(sb, ",RPC");
	return sb->buf;
}

/* 'qwen3moe 30B.A3B Q4_K - Medium': arch and size label, then the ftype
 * (which has spaces of its own), so split on the first two spaces only. */
void hdb_split_model_type(const char *type, struct strbuf *model,
			  struct strbuf *quant)
{
	const char *sp1, *sp2;
	char q[64];

	strbuf_reset(model);
	strbuf_reset(quant);
	if (!type || !*type)
		return;
	sp1 = strchr(type, ' ');
	sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
	strbuf_add(model, type, sp2 ? (size_t)(sp2 - type) : strlen(type));
	if (!sp2)
		return;
	hdb_quant_name(sp2 + 1, q, sizeof(q));
	strbuf_addstr(quant, q);
}

const char *hdb_base_name(const char *path)
{
	const char *p, *base = path;

	if (!path)
		return NULL;
	for (p = path; *p; p++)
		if ((*p == '/' || *p == '\\') && p[1])
			base = p + 1;
	return base;
}

/* Quant names as they appear in GGUF file names, longest first so that
 * 'Q4_K_XL' is not read as 'Q4_K'. */
static const char *const file_quants[] = {
	"IQ2_XXS", "IQ3_XXS", "Q4_K_XL", "Q5_K_XL", "Q6_K_XL", "Q8_K_XL",
	"Q2_K_XL", "Q3_K_XL", "IQ1_S", "IQ1_M", "IQ2_XS", "IQ2_S", "IQ2_M",
	"IQ3_XS", "IQ3_S", "IQ3_M", "IQ4_XS", "IQ4_NL", "Q2_K_S", "Q2_K_L",
	"Q3_K_S", "Q3_K_M", "Q3_K_L", "Q4_K_S", "Q4_K_M", "Q4_K_L", "Q5_K_S",
	"Q5_K_M", "Q5_K_L", "Q6_K", "Q2_K", "Q4_0", "Q4_1", "Q5_0", "Q5_1",
	"Q8_0", "TQ1_0", "TQ2_0", "MXFP4", "BF16", "F16", "F32",
};

void hdb_quant_from_file(const char *file, char *out, size_t size)
{
	const char *base = hdb_base_name(file);
	size_t i, n;

	out[0] = '\0';
	if (!base)
		return;
	for (i = 0; i < sizeof(file_quants) / sizeof(file_quants[0]); i++) {
		const char *q = file_quants[i], *p = base;

		n = strlen(q);
		while ((p = strcasestr(p, q))) {
			/* a whole token: not part of a longer name */
			int before = p == base || !isalnum((unsigned char)p[-1]);
			int after = !isalnum((unsigned char)p[n]) || p[n] == '\0';

			if (before && after && p[n] != '_') {
				snprintf(out, size, "%s", q);
				return;
			}
			p += n;
		}
	}
}

static const char *test_name(struct hdb_bench_builder *bp, long long n_prompt,
			     long long n_gen)
{
	struct strbuf *sb = &bp->scratch[SC_TEST];

	strbuf_reset(sb);
	if (n_prompt > 0)
		strbuf_addf(sb, "pp%lld", n_prompt);
	if (n_prompt > 0 && n_gen > 0)
		strbuf_addch(sb, '+');
	if (n_gen > 0)
		strbuf_addf(sb, "tg%lld", n_gen);
	return sb->buf;
}

static int get_samples(struct hdb_bench_builder *bp, const struct rec *obj,
		       struct hdb_bench_record *r)
{
	struct jv ts = rec_get(obj, "samples_ts");
	struct jv ns = rec_get(obj, "samples_ns");
	size_t n = 0, i;

	if (ts.kind != JV_ABSENT && ts.kind != JV_ARRAY)
		return field_error(bp, "samples_ts", "an array of numbers");
	if (ns.kind != JV_ABSENT && ns.kind != JV_ARRAY)
		return field_error(bp, "samples_ns", "an array of integers");
	r->samples_known = ts.kind != JV_ABSENT || ns.kind != JV_ABSENT;
	n = ts.n > ns.n ? ts.n : ns.n;
	if (n > bp->samples_cap) {
		bp->samples_cap = n;
		bp->samples = xrealloc(bp->samples, n * sizeof(*bp->samples));
	}
	for (i = 0; i < n; i++) {
		struct jv t = jv_item(&ts, i), w = jv_item(&ns, i);

		bp->samples[i].ts = NAN;
		bp->samples[i].ns = HDB_UNSET;
		if (t.kind == JV_INT || t.kind == JV_REAL)
			bp->samples[i].ts = t.d;
		else if (t.kind != JV_ABSENT && t.kind != JV_NULL)
			return field_error(bp, "samples_ts", "an array of numbers");
		if (w.kind == JV_INT)
			bp->samples[i].ns = w.i;
		else if (w.kind == JV_REAL && w.d >= 0 && w.d < 9e18)
			bp->samples[i].ns = (long long)w.d;
		else if (w.kind != JV_ABSENT && w.kind != JV_NULL)
			return field_error(bp, "samples_ns", "an array of "
					   "non-negative integers");
		/* a rate or a time below zero is no measurement */
		if (bp->samples[i].ts < 0)
			return field_error(bp, "samples_ts", "an array of "
					   "non-negative numbers");
		if (bp->samples[i].ns < 0 && bp->samples[i].ns != HDB_UNSET)
			return field_error(bp, "samples_ns", "an array of "
					   "non-negative integers");
	}
	r->samples = bp->samples;
	r->n_samples = n;
	return 0;
}

void hdb_bench_record_init(struct hdb_bench_record *r)
{
	memset(r, 0, sizeof(*r));
	r->build_number = r->model_size = r->model_n_params = HDB_UNSET;
	r->flash_attn = r->n_gpu_layers = r->n_batch = r->n_ubatch = HDB_UNSET;
	r->n_threads = r->n_prompt = r->n_gen = r->n_depth = HDB_UNSET;
	r->avg_ns = r->stddev_ns = HDB_UNSET;
	r->avg_ts = r->stddev_ts = NAN;
	r->status = "ok";
}

/*
 * A commit as llama.cpp's build prints it: 4 to 40 hex digits, maybe
 * '-dirty' (a tree with local changes), or 'unknown' (built without git).
 */
static int commit_ok(const char *s)
{
	size_t n = strspn(s, "0123456789abcdefABCDEF");

	if (!strcmp(s, "unknown") || !*s)
		return 1;
	return n >= 4 && n <= 40 && (!s[n] || !strcmp(s + n, "-dirty"));
}

/*
 * What a measurement cannot be: token counts below zero or beyond what
 * llama.cpp counts in (an int), times and rates below zero, a commit that
 * is not one.  Each is refused with its reason.
 */
static int check_ranges(const struct hdb_bench_builder *bp,
			const struct hdb_bench_record *r)
{
	static const char counts[] = "a token count from 0 to 2147483647";
	const struct {
		const char *key;
		long long v;
	} ints[] = {
		{ "n_prompt", r->n_prompt }, { "n_gen", r->n_gen },
		{ "n_depth", r->n_depth }, { "avg_ns", r->avg_ns },
		{ "stddev_ns", r->stddev_ns },
	};
	size_t i;

	for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		if (ints[i].v == HDB_UNSET)
			continue;
		if (i < 3 && (ints[i].v < 0 || ints[i].v > INT_MAX))
			return field_error(bp, ints[i].key, counts);
		if (ints[i].v < 0)
			return field_error(bp, ints[i].key,
					   "a non-negative number of ns");
	}
	if (r->avg_ts < 0)
		return field_error(bp, "avg_ts", "a non-negative number");
	if (r->stddev_ts < 0)
		return field_error(bp, "stddev_ts", "a non-negative number");
	if (r->build_commit && !commit_ok(r->build_commit))
		return field_error(bp, "build_commit", "a commit hash (hex "
				   "digits, maybe '-dirty', or 'unknown')");
	return 0;
}

/* Maps one parsed test object onto a record and hands it over. */
static int convert(struct hdb_bench_builder *bp, const struct rec *obj,
		   const char *text, int precision)
{
	struct hdb_bench_record r;
	const char *f16_kv;
	struct jv fa;

	hdb_bench_record_init(&r);
	r.line = bp->line;
	r.raw = text;
	r.precision = precision;
	if (!obj->flat && !json_is_object(obj->obj))
		return hdb_error("%s:%ld:%ld: expected a test record object",
				 bp->path, bp->line, bp->col);
	if (!rec_has(obj, "avg_ts"))
		return hdb_error("%s:%ld:%ld: expected a llama-bench test record "
				 "(an object with \"avg_ts\")", bp->path,
				 bp->line, bp->col);
	if (get_str(bp, obj, "cpu_info", SC_COUNT, &r.cpu_info) ||
	    get_str(bp, obj, "gpu_info", SC_COUNT, &r.gpu_info) ||
	    get_str(bp, obj, "backends", SC_COUNT, &r.backend) ||
	    get_str(bp, obj, "build_commit", SC_COMMIT, &r.build_commit) ||
	    get_int(bp, obj, "build_number", &r.build_number) ||
	    get_str(bp, obj, "model_type", SC_COUNT, &r.model_type) ||
	    get_str(bp, obj, "model_filename", SC_COUNT, &r.model_file) ||
	    get_int(bp, obj, "model_size", &r.model_size) ||
	    get_int(bp, obj, "model_n_params", &r.model_n_params) ||
	    get_str(bp, obj, "type_k", SC_TYPE_K, &r.type_k) ||
	    get_str(bp, obj, "type_v", SC_TYPE_V, &r.type_v) ||
	    get_int(bp, obj, "flash_attn", &r.flash_attn) ||
	    get_int(bp, obj, "n_gpu_layers", &r.n_gpu_layers) ||
	    get_int(bp, obj, "n_batch", &r.n_batch) ||
	    get_int(bp, obj, "n_ubatch", &r.n_ubatch) ||
	    get_int(bp, obj, "n_threads", &r.n_threads) ||
	    get_int(bp, obj, "n_prompt", &r.n_prompt) ||
	    get_int(bp, obj, "n_gen", &r.n_gen) ||
	    get_int(bp, obj, "n_depth", &r.n_depth) ||
	    get_str(bp, obj, "test_time", SC_COUNT, &r.test_time) ||
	    get_int(bp, obj, "avg_ns", &r.avg_ns) ||
	    get_int(bp, obj, "stddev_ns", &r.stddev_ns) ||
	    get_real(bp, obj, "avg_ts", &r.avg_ts) ||
	    get_real(bp, obj, "stddev_ts", &r.stddev_ts) ||
	    get_samples(bp, obj, &r))
		return -1;
	if (r.n_prompt == HDB_UNSET)
		return field_error(bp, "n_prompt", "an integer");
	if (r.n_gen == HDB_UNSET)
		return field_error(bp, "n_gen", "an integer");
	if (check_ranges(bp, &r))
		return -1;
	if (r.n_prompt + r.n_gen == 0) {
		long line, col;

		key_pos(bp, "n_prompt", &line, &col);
		return hdb_error("%s:%ld:%ld: expected n_prompt or n_gen to be "
				 "a positive token count", bp->path, line, col);
	}
	if (!isfinite(r.avg_ts))
		return field_error(bp, "avg_ts", "a finite number");
	/* Depth tests came with b5221; before, the context started empty. */
	if (r.n_depth == HDB_UNSET)
		r.n_depth = 0;
	/* f16_kv (b1003-b1618) became type_k/type_v. */
	if (!r.type_k && !r.type_v && rec_has(obj, "f16_kv")) {
		f16_kv = get_bool(obj, "f16_kv") ? "f16" : "f32";
		r.type_k = r.type_v = f16_kv;
	}
	/* flash_attn was a bool (0/1) until ~b9000, then -1/0/1 (auto). */
	fa = rec_get(obj, "flash_attn");
	if (fa.kind == JV_BOOL)
		r.flash_attn = fa.i;
	if (!r.backend)
		r.backend = legacy_backend(bp, obj, r.gpu_info);
	hdb_split_model_type(r.model_type, &bp->scratch[SC_MODEL],
			     &bp->scratch[SC_QUANT]);
	r.model = bp->scratch[SC_MODEL].len ? bp->scratch[SC_MODEL].buf : NULL;
	r.quant = bp->scratch[SC_QUANT].len ? bp->scratch[SC_QUANT].buf : NULL;
	r.model_file = hdb_base_name(r.model_file);
	r.test = test_name(bp, r.n_prompt, r.n_gen);
	return bp->sink->bench(bp->sink->ctx, &r);
}

struct hdb_bench_builder *hdb_bench_builder_new(const char *path,
						const struct hdb_sink *sink)
{
	struct hdb_bench_builder *b = xcalloc(1, sizeof(*b));

	b->path = path;
	b->sink = sink;
	return b;
}

int hdb_bench_add(struct hdb_bench_builder *b, const void *json_object,
		  const char *text, long line, long col, int precision)
{
	struct rec rc = { (json_t *)json_object, NULL };
	int ret;

	b->text = text;
	b->line = line;
	b->col = col;
	ret = convert(b, &rc, text, precision);
	b->n_cols = 0;
	return ret;
}

void hdb_bench_set_cols(struct hdb_bench_builder *b, const char *const *keys,
			const long *cols, size_t n)
{
	b->col_keys = keys;
	b->col_pos = cols;
	b->n_cols = n;
}

void hdb_bench_builder_free(struct hdb_bench_builder *b)
{
	int i;

	if (!b)
		return;
	for (i = 0; i < SC_COUNT; i++)
		strbuf_release(&b->scratch[i]);
	free(b->samples);
	free(b);
}

static void era_of(const struct rec *o, char *out, size_t size)
{
	struct jv fa = rec_get(o, "flash_attn");
	struct jv number = rec_get(o, "build_number");
	const char *fields;

	/* named by the fields, which tell the era; build numbers alone do
	 * not (forks and PR branches count their own) */
	if (rec_has(o, "f16_kv"))
		fields = "f16_kv and backend flags";
	else if (rec_has(o, "cuda") || rec_has(o, "metal"))
		fields = "backend flags";
	else if (rec_has(o, "load_mode"))
		fields = "load_mode";
	else if (fa.kind == JV_INT &&
		 rec_get(o, "build_commit").kind == JV_STRING)
		fields = "flash_attn -1/0/1";
	else if (rec_has(o, "n_depth"))
		fields = "backends and n_depth";
	else
		fields = "backends";
	if (number.kind == JV_INT)
		snprintf(out, size, "b%lld, %s fields", number.i, fields);
	else if (number.kind == JV_STRING)
		snprintf(out, size, "b%.12s, %s fields", number.s, fields);
	else
		snprintf(out, size, "%s fields", fields);
}

void hdb_bench_era(const void *json_object, char *out, size_t size)
{
	struct rec rc = { (json_t *)json_object, NULL };

	era_of(&rc, out, size);
}

/*
 * jansson says "'}' expected near '\"n_ubatch\"'" and points at the last
 * character it read; say it the house way ("expected '}', found ...") and
 * point at the start of the offending token.
 */
static int syntax_error(const struct hdb_bench_builder *bp, const json_error_t *err)
{
	long line = bp->line + err->line - 1;
	long col = err->line <= 1 ? bp->col + err->column - 1 : err->column;
	const char *near = strstr(err->text, " near '");

	if (near) {
		size_t tok = strlen(near + 7);

		if (tok && near[7 + tok - 1] == '\'')
			tok--;
		if (!memchr(near + 7, '\n', tok) && (long)tok <= col)
			col -= (long)tok - 1;
	}
	return hdb_json_error(bp->path, line, col, err);
}

struct json_file {
	struct hdb_bench_builder *b;
	char *era;
	size_t era_size;
	struct hdb_jflat flat;	/* the fast path's fields, reused */
};

static int on_record(void *ctx, const char *text, size_t len, long line,
		     long col)
{
	struct json_file *jf = ctx;
	struct hdb_bench_builder *bp = jf->b;
	json_error_t err;
	json_t *obj;
	int ret;

	bp->text = text;
	bp->line = line;
	bp->col = col;
	if (hdb_jflat_parse(&jf->flat, text, len)) {
		struct rec rc = { NULL, &jf->flat };

		if (!jf->era[0])
			era_of(&rc, jf->era, jf->era_size);
		return convert(bp, &rc, text, 0);
	}
	/* a second "avg_ts" would silently win over the first */
	obj = json_loadb(text, len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES,
			 &err);
	if (!obj)
		return syntax_error(bp, &err);
	if (!jf->era[0] && json_is_object(obj))
		hdb_bench_era(obj, jf->era, jf->era_size);
	{
		struct rec rc = { obj, NULL };

		ret = convert(bp, &rc, text, 0);
	}
	json_decref(obj);
	return ret;
}

int hdb_parse_bench_json(FILE *f, const char *path, const struct hdb_sink *sink,
			 struct hdb_parse_info *info)
{
	struct json_file jf;
	struct json_stream_info si;
	int ret;

	memset(info, 0, sizeof(*info));
	memset(&jf, 0, sizeof(jf));
	jf.b = hdb_bench_builder_new(path, sink);
	jf.era = info->era;
	jf.era_size = sizeof(info->era);
	ret = json_stream(f, path, on_record, &jf, &si);
	info->format = si.first_kind == '{' ? HDB_FORMAT_BENCH_JSONL
					    : HDB_FORMAT_BENCH_JSON;
	info->records = si.records;
	info->empty = si.empty;
	info->truncated = si.truncated;
	info->trunc_line = si.trunc_line;
	info->trunc_col = si.trunc_col;
	info->trunc_what = si.trunc_what;
	info->noise_lines = si.noise_lines;
	info->first_noise_line = si.first_noise_line;
	memcpy(info->first_noise, si.first_noise, sizeof(info->first_noise));
	hdb_bench_builder_free(jf.b);
	hdb_jflat_release(&jf.flat);
	return ret;
}
