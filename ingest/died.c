/*
 * died.c: what is known about a llama-bench run that died, for the row
 * that records it.
 *
 * A parser (benchmd.c, for a markdown capture with the stderr mixed in)
 * or the driver (ingest.c, for a results file and its stderr companion)
 * feeds in the run's finished records and the lines it printed; when the
 * run died, hdb_died_fill completes its row from, in order of trust:
 *
 *  1. the finished records of the same run: what they all share (model,
 *     model file, quant, build, backend, machine, KV types and the other
 *     settings) is the died point's too, unless the command line says
 *     the point differs (another model of a -m list, another -fa value);
 *  2. the llama-bench command line in what the run printed (a wrapper's
 *     echo, or set -x): it plans the sweep (benchplan.c), and the point
 *     the run died at is the first planned point with no finished record,
 *     in llama-bench's order; its test and depth go on the row.  When the
 *     records do not fit the plan, fit it several ways, or --progress
 *     lines disagree, the point is not known;
 *  3. the file's name, last: a model file name in it ('X-Q4_K_M.gguf...')
 *     when nothing else names the model, and a depth ('...-d65536...')
 *     when it names exactly one and every finished record ran at it.
 *
 * What none of them tells stays NULL: a row never says more than its
 * files do.  Memory grows with the finished records of one run, up to
 * DONE_MAX of them.
 */
#include "parsers.h"
#include "../util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Text fields the finished records may all share. */
enum { S_MODEL, S_MODEL_TYPE, S_MODEL_FILE, S_QUANT, S_BACKEND, S_COMMIT,
       S_CPU, S_GPU, S_TYPE_K, S_TYPE_V, S_COUNT };
/* Numbers they may all share. */
enum { I_BUILD, I_SIZE, I_PARAMS, I_NGL, I_BATCH, I_UBATCH, I_THREADS,
       I_FA, I_COUNT };

struct shared_str {
	char *v;
	int mixed;		/* two records gave different values */
};

struct shared_int {
	long long v;		/* HDB_UNSET until a record gives one */
	int mixed;
};

/* The most finished records kept for finding the point: a run of more
 * tests than this has its point unknown. */
#define DONE_MAX ((size_t)1 << 16)

struct hdb_died {
	/* the finished records, as points; their strings are in pool */
	struct hdb_plan_point *done;
	size_t n_done, cap;
	int too_many;		/* more than DONE_MAX */
	char **pool;
	size_t n_pool, pool_cap;
	struct shared_str s[S_COUNT];
	struct shared_int i[I_COUNT];
	/* from the lines the run printed */
	struct hdb_plan *plan;
	int plan_bad;		/* a command line that cannot be read, or
				 * two that differ */
	long started, planned;	/* --progress: 'benchmark 3/6: starting' */
	long skips;		/* model, context or fit failures */
	/* what the died row borrows */
	char test[48];
	char quant[16];
	char *name_file;	/* a model file named in the file name */
};

struct hdb_died *hdb_died_new(void)
{
	struct hdb_died *d = xcalloc(1, sizeof(*d));

	hdb_died_reset(d);
	return d;
}

void hdb_died_reset(struct hdb_died *d)
{
	struct hdb_plan_point *done = d->done;
	char **pool = d->pool;
	size_t k, cap = d->cap, pool_cap = d->pool_cap;

	for (k = 0; k < d->n_pool; k++)
		free(d->pool[k]);
	for (k = 0; k < S_COUNT; k++)
		free(d->s[k].v);
	hdb_plan_free(d->plan);
	free(d->name_file);
	memset(d, 0, sizeof(*d));
	/* the arrays are kept for the next run */
	d->done = done;
	d->cap = cap;
	d->pool = pool;
	d->pool_cap = pool_cap;
	for (k = 0; k < I_COUNT; k++)
		d->i[k].v = HDB_UNSET;
}

void hdb_died_free(struct hdb_died *d)
{
	if (!d)
		return;
	hdb_died_reset(d);
	free(d->done);
	free(d->pool);
	free(d);
}

/* ---- what the run printed ---------------------------------------------- */

void hdb_died_line(struct hdb_died *d, const char *line)
{
	static const char *const skipped[] = {
		"error: failed to load model",
		"error: failed to create context",
		"error: failed to fit params",
	};
	struct hdb_plan *p;
	const char *why, *at;
	long i, n;
	size_t k;

	/* llama-bench --progress: 'llama-bench: benchmark 3/6: starting' */
	at = strstr(line, "llama-bench: benchmark ");
	if (at && sscanf(at, "llama-bench: benchmark %ld/%ld", &i, &n) == 2 &&
	    strstr(at, ": starting")) {
		d->started = i;
		d->planned = n;
	}
	for (k = 0; k < sizeof(skipped) / sizeof(skipped[0]); k++)
		if (strstr(line, skipped[k]))
			d->skips++;
	switch (hdb_plan_read(line, &p, &why)) {
	case 1:
		if (!d->plan)
			d->plan = p;
		else {
			if (!hdb_plan_same(d->plan, p))
				d->plan_bad = 1;
			hdb_plan_free(p);
		}
		break;
	case -1:
		d->plan_bad = 1;
		break;
	}
}

/* ---- the finished records ---------------------------------------------- */

static void share_str(struct shared_str *s, const char *v)
{
	if (!v || s->mixed)
		return;
	if (!s->v)
		s->v = xstrdup(v);
	else if (strcmp(s->v, v)) {
		s->mixed = 1;
		free(s->v);
		s->v = NULL;
	}
}

static void share_int(struct shared_int *s, long long v)
{
	if (v == HDB_UNSET || s->mixed)
		return;
	if (s->v == HDB_UNSET)
		s->v = v;
	else if (s->v != v) {
		s->mixed = 1;
		s->v = HDB_UNSET;
	}
}

/* s, kept in the pool once: the records of a run repeat a few strings
 * (the model file, the KV types) many times. */
static const char *intern(struct hdb_died *d, const char *s)
{
	size_t k;

	if (!s)
		return NULL;
	for (k = d->n_pool; k-- > 0 && k + 8 >= d->n_pool;)
		if (!strcmp(d->pool[k], s))
			return d->pool[k];
	if (d->n_pool == d->pool_cap) {
		d->pool_cap = d->pool_cap ? 2 * d->pool_cap : 8;
		d->pool = xrealloc(d->pool, d->pool_cap * sizeof(*d->pool));
	}
	return d->pool[d->n_pool++] = xstrdup(s);
}

void hdb_died_done(struct hdb_died *d, const struct hdb_bench_record *r)
{
	struct hdb_plan_point *pt;

	if (d->n_done == DONE_MAX)
		d->too_many = 1;
	if (!d->too_many) {
		if (d->n_done == d->cap) {
			d->cap = d->cap ? 2 * d->cap : 16;
			d->done = xrealloc(d->done, d->cap * sizeof(*d->done));
		}
		pt = &d->done[d->n_done++];
		pt->model_file = intern(d, r->model_file);
		pt->n_prompt = r->n_prompt;
		pt->n_gen = r->n_gen;
		pt->n_depth = r->n_depth == HDB_UNSET ? 0 : r->n_depth;
		pt->n_gpu_layers = r->n_gpu_layers;
		pt->n_batch = r->n_batch;
		pt->n_ubatch = r->n_ubatch;
		pt->n_threads = r->n_threads;
		pt->flash_attn = r->flash_attn;
		pt->type_k = intern(d, r->type_k);
		pt->type_v = intern(d, r->type_v);
	}

	share_str(&d->s[S_MODEL], r->model);
	share_str(&d->s[S_MODEL_TYPE], r->model_type);
	share_str(&d->s[S_MODEL_FILE], r->model_file);
	share_str(&d->s[S_QUANT], r->quant);
	share_str(&d->s[S_BACKEND], r->backend);
	share_str(&d->s[S_COMMIT], r->build_commit);
	share_str(&d->s[S_CPU], r->cpu_info);
	share_str(&d->s[S_GPU], r->gpu_info);
	share_str(&d->s[S_TYPE_K], r->type_k);
	share_str(&d->s[S_TYPE_V], r->type_v);
	share_int(&d->i[I_BUILD], r->build_number);
	share_int(&d->i[I_SIZE], r->model_size);
	share_int(&d->i[I_PARAMS], r->model_n_params);
	share_int(&d->i[I_NGL], r->n_gpu_layers);
	share_int(&d->i[I_BATCH], r->n_batch);
	share_int(&d->i[I_UBATCH], r->n_ubatch);
	share_int(&d->i[I_THREADS], r->n_threads);
	share_int(&d->i[I_FA], r->flash_attn);
}

/* ---- the file's name ---------------------------------------------------- */

/*
 * The depth a file's name gives: its one word 'd<N>' or 'depth<N>'
 * (words are split at what is not a letter or digit), not followed by a
 * word of digits ('d0-65536' lists depths); -1 when there is none, or
 * more than one.
 */
static long long depth_of_name(const char *path)
{
	const char *s = hdb_base_name(path), *w, *e, *digits;
	long long depth = -1;
	int found = 0;

	for (w = s; *w; w = e) {
		while (*w && !isalnum((unsigned char)*w))
			w++;
		for (e = w; isalnum((unsigned char)*e); e++)
			;
		if (e == w)
			break;
		digits = NULL;
		if (!strncasecmp(w, "depth", 5) && e - w > 5)
			digits = w + 5;
		else if ((*w == 'd' || *w == 'D') && e - w > 1)
			digits = w + 1;
		if (!digits || (size_t)(e - digits) != strspn(digits,
							      "0123456789"))
			continue;
		if (found++ || e - digits > 9)
			return -1;
		depth = atoll(digits);
		/* the next word: digits mean a list of depths */
		for (w = e; *w && !isalnum((unsigned char)*w); w++)
			;
		if (isdigit((unsigned char)*w))
			return -1;
	}
	return depth;
}

/* A model file the file's name holds ('Qwen3-8B-Q4_K_M.gguf.json'): the
 * name up to '.gguf', or NULL.  Caller frees. */
static char *model_of_name(const char *path)
{
	const char *s = hdb_base_name(path), *g = strstr(s, ".gguf");

	return g && g > s ? xstrndup(s, (size_t)(g - s) + 5) : NULL;
}

/* ---- the died row ------------------------------------------------------- */

static const char *test_name(char *buf, size_t size, long long n_prompt,
			     long long n_gen)
{
	if (n_prompt > 0 && n_gen > 0)
		snprintf(buf, size, "pp%lld+tg%lld", n_prompt, n_gen);
	else if (n_prompt > 0)
		snprintf(buf, size, "pp%lld", n_prompt);
	else
		snprintf(buf, size, "tg%lld", n_gen);
	return buf;
}

/* The plan's point where the run stopped, into *pt, and whether the
 * finished records are of that point's model (*same_model); -1 when it
 * cannot be known. */
static long stop_point(struct hdb_died *d, const struct hdb_bench_record *r,
		       struct hdb_plan_point *pt, int *same_model)
{
	size_t *at, k;
	long idx;

	if (!d->plan || d->plan_bad || d->too_many)
		return -1;
	/* --progress counts the points too */
	if (d->planned && (size_t)d->planned != hdb_plan_size(d->plan))
		return -1;
	at = xcalloc(d->n_done + 1, sizeof(*at));
	idx = hdb_plan_next(d->plan, d->done, d->n_done, d->skips > 0, at);
	/* the last point it started is the one it died at, or the last
	 * that finished */
	if (idx >= 0 && d->started && !d->skips &&
	    d->started != idx + 1 && d->started != idx)
		idx = -1;
	if (idx >= 0) {
		hdb_plan_point(d->plan, (size_t)idx, pt);
		/* an error line that names the model names the point's */
		if (r->model_file && strcmp(r->model_file, pt->model_file))
			idx = -1;
	}
	if (idx >= 0) {
		struct hdb_plan_point q;

		*same_model = d->n_done > 0;
		for (k = 0; k < d->n_done; k++) {
			hdb_plan_point(d->plan, at[k], &q);
			if (strcmp(q.model_file, pt->model_file))
				*same_model = 0;
		}
	}
	free(at);
	return idx;
}

/* A setting of the died point: the command line's value for it, else
 * what the finished records share, unless the command line varies it
 * and the point is not known. */
static long long setting(const struct hdb_died *d, long idx, long long planned,
			 int field, enum hdb_plan_field f)
{
	if (idx >= 0 && planned != HDB_UNSET)
		return planned;
	if (idx < 0 && d->plan && !d->plan_bad && hdb_plan_varies(d->plan, f))
		return HDB_UNSET;
	return d->i[field].v;
}

static const char *setting_str(const struct hdb_died *d, long idx,
			       const char *planned, int field,
			       enum hdb_plan_field f)
{
	if (idx >= 0 && planned)
		return planned;
	if (idx < 0 && d->plan && !d->plan_bad && hdb_plan_varies(d->plan, f))
		return NULL;
	return d->s[field].v;
}

#define FILL(field, value) \
	do { \
		if (!(field)) \
			(field) = (value); \
	} while (0)
#define FILL_INT(field, value) \
	do { \
		if ((field) == HDB_UNSET) \
			(field) = (value); \
	} while (0)

void hdb_died_fill(struct hdb_died *d, const char *path,
		   struct hdb_bench_record *r)
{
	struct hdb_plan_point pt;
	long long depth;
	int same_model = 1;
	long idx = stop_point(d, r, &pt, &same_model);
	size_t k;

	free(d->name_file);
	d->name_file = NULL;
	if (idx < 0) {
		memset(&pt, 0, sizeof(pt));
		/* the records are the died point's model only when nothing
		 * says the run had several */
		if (d->plan && !d->plan_bad)
			same_model = !hdb_plan_varies(d->plan, HDB_PF_MODEL);
	}
	/* an error line named the model: the records' must be the same */
	if (r->model_file && d->s[S_MODEL_FILE].v &&
	    strcmp(r->model_file, d->s[S_MODEL_FILE].v))
		same_model = 0;
	if (r->model_file && d->s[S_MODEL_FILE].mixed)
		same_model = 0;

	FILL(r->model_file, pt.model_file);
	if (same_model) {
		FILL(r->model_file, d->s[S_MODEL_FILE].v);
		FILL(r->model, d->s[S_MODEL].v);
		FILL(r->model_type, d->s[S_MODEL_TYPE].v);
		FILL(r->quant, d->s[S_QUANT].v);
		FILL_INT(r->model_size, d->i[I_SIZE].v);
		FILL_INT(r->model_n_params, d->i[I_PARAMS].v);
	}
	/* one binary on one machine: what every record says is the run's */
	FILL(r->backend, d->s[S_BACKEND].v);
	FILL(r->build_commit, d->s[S_COMMIT].v);
	FILL_INT(r->build_number, d->i[I_BUILD].v);
	FILL(r->cpu_info, d->s[S_CPU].v);
	FILL(r->gpu_info, d->s[S_GPU].v);
	FILL_INT(r->n_gpu_layers, setting(d, idx, pt.n_gpu_layers, I_NGL,
					  HDB_PF_NGL));
	FILL_INT(r->n_batch, setting(d, idx, pt.n_batch, I_BATCH,
				     HDB_PF_BATCH));
	FILL_INT(r->n_ubatch, setting(d, idx, pt.n_ubatch, I_UBATCH,
				      HDB_PF_UBATCH));
	FILL_INT(r->n_threads, setting(d, idx, pt.n_threads, I_THREADS,
				       HDB_PF_THREADS));
	FILL_INT(r->flash_attn, setting(d, idx, pt.flash_attn, I_FA,
					HDB_PF_FA));
	FILL(r->type_k, setting_str(d, idx, pt.type_k, S_TYPE_K,
				    HDB_PF_TYPE_K));
	FILL(r->type_v, setting_str(d, idx, pt.type_v, S_TYPE_V,
				    HDB_PF_TYPE_V));
	if (idx >= 0) {
		r->n_prompt = pt.n_prompt;
		r->n_gen = pt.n_gen;
		r->n_depth = pt.n_depth;
		r->test = test_name(d->test, sizeof(d->test), pt.n_prompt,
				    pt.n_gen);
	} else if (r->n_depth == HDB_UNSET && !d->too_many &&
		   (depth = depth_of_name(path)) >= 0) {
		for (k = 0; k < d->n_done && d->done[k].n_depth == depth; k++)
			;
		if (k == d->n_done)
			r->n_depth = depth;
	}
	/* last, the file's name */
	if (!r->model_file && (d->name_file = model_of_name(path)))
		r->model_file = d->name_file;
	if (!r->quant && r->model_file) {
		hdb_quant_from_file(r->model_file, d->quant, sizeof(d->quant));
		if (d->quant[0])
			r->quant = d->quant;
	}
}
