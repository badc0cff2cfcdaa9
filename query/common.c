/*
 * common.c: what the query files share (internal.h): statement helpers,
 * an intern pool for the names repeated in many rows, the measurements
 * read from the throughput view, and how two sides of one key are chosen
 * and compared.
 */
#include "internal.h"
#include "../schema/store.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* --- Statements --- */

int q_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **s,
	      const char *what)
{
	if (sqlite3_prepare_v2(db, sql, -1, s, NULL) != SQLITE_OK) {
		*s = NULL;
		return hdb_error("cannot %s: %s", what, sqlite3_errmsg(db));
	}
	return 0;
}

const char *q_text(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);

	return t ? t : "";
}

const char *q_text_or_null(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

double q_double(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL
	       ? NAN : sqlite3_column_double(s, i);
}

long long q_int(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL
	       ? Q_UNSET : sqlite3_column_int64(s, i);
}

int q_done(sqlite3 *db, int rc, const char *what)
{
	if (rc == SQLITE_DONE)
		return 0;
	return hdb_error("cannot %s: %s", what, sqlite3_errmsg(db));
}

void q_build_init(struct q_build *qb, const char *head)
{
	memset(qb, 0, sizeof(*qb));
	strbuf_addstr(&qb->sql, head);
}

static void add_bind(struct q_build *qb, int is_int, long long i,
		     const char *s)
{
	if (qb->n == Q_MAX_BINDS)
		hdb_die("a query binds more than %d values", Q_MAX_BINDS);
	qb->b[qb->n].is_int = is_int;
	qb->b[qb->n].i = i;
	qb->b[qb->n].s = s;
	qb->n++;
	strbuf_addch(&qb->sql, '?');
}

void q_build_text(struct q_build *qb, const char *s)
{
	add_bind(qb, 0, 0, s);
}

void q_build_int(struct q_build *qb, long long i)
{
	add_bind(qb, 1, i, NULL);
}

int q_build_prepare(sqlite3 *db, struct q_build *qb, sqlite3_stmt **s,
		    const char *what)
{
	int i;

	if (q_prepare(db, strbuf_str(&qb->sql), s, what))
		return -1;
	for (i = 0; i < qb->n; i++)
		if (qb->b[i].is_int)
			sqlite3_bind_int64(*s, i + 1, qb->b[i].i);
		else
			sqlite3_bind_text(*s, i + 1, qb->b[i].s, -1,
					  SQLITE_STATIC);
	return 0;
}

void q_build_release(struct q_build *qb)
{
	strbuf_release(&qb->sql);
	qb->n = 0;
}

/* --- Intern pool: open addressing over FNV-1a --- */

struct q_pool {
	char **slot;
	size_t cap, n;
	/* q_pool_copy's strings and the points' samples, kept, not looked
	 * up: cut from blocks (a malloc each was a million of them for a
	 * million rows) */
	char **blocks;
	size_t n_blocks, cap_blocks;
	char *next;		/* the free part of the last block */
	size_t left;
};

#define POOL_BLOCK (16u << 10)

/* A new block of at least size bytes, the one cut from next. */
static void pool_block(struct q_pool *p, size_t size)
{
	if (size < POOL_BLOCK)
		size = POOL_BLOCK;
	if (p->n_blocks == p->cap_blocks) {
		p->cap_blocks = p->cap_blocks ? 2 * p->cap_blocks : 16;
		p->blocks = xrealloc(p->blocks,
				     p->cap_blocks * sizeof(*p->blocks));
	}
	p->next = p->blocks[p->n_blocks++] = xmalloc(size);
	p->left = size;
}

struct q_pool *q_pool_new(void)
{
	struct q_pool *p = xcalloc(1, sizeof(*p));

	p->cap = 256;
	p->slot = xcalloc(p->cap, sizeof(*p->slot));
	return p;
}

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void pool_grow(struct q_pool *p)
{
	char **old = p->slot;
	size_t old_cap = p->cap, i, j;

	p->cap *= 2;
	p->slot = xcalloc(p->cap, sizeof(*p->slot));
	for (i = 0; i < old_cap; i++) {
		if (!old[i])
			continue;
		for (j = fnv1a(old[i]) & (p->cap - 1); p->slot[j];
		     j = (j + 1) & (p->cap - 1))
			;
		p->slot[j] = old[i];
	}
	free(old);
}

const char *q_pool_str(struct q_pool *p, const char *s)
{
	size_t j;

	if (!s)
		return NULL;
	if (2 * (p->n + 1) > p->cap)
		pool_grow(p);
	for (j = fnv1a(s) & (p->cap - 1); p->slot[j];
	     j = (j + 1) & (p->cap - 1))
		if (!strcmp(p->slot[j], s))
			return p->slot[j];
	p->n++;
	return p->slot[j] = xstrdup(s);
}

/* A copy of s for the pool's lifetime, for strings that seldom repeat
 * (times, error lines), which are not worth hashing. */
static const char *q_pool_copy(struct q_pool *p, const char *s)
{
	size_t len;
	char *c;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	if (len > p->left)
		pool_block(p, len);
	c = memcpy(p->next, s, len);
	p->next += len;
	p->left -= len;
	return c;
}

void q_pool_free(struct q_pool *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->cap; i++)
		free(p->slot[i]);
	for (i = 0; i < p->n_blocks; i++)
		free(p->blocks[i]);
	free(p->blocks);
	free(p->slot);
	free(p);
}

/* --- Measurements --- */

const char *q_point_model(const struct q_point *p)
{
	return p->name ? p->name : p->model_file ? p->model_file : "?";
}

void q_point_kv(const struct q_point *p, char *buf, size_t size)
{
	const char *v = p->type_v;
	size_t k, n;

	if (!p->type_k) {
		snprintf(buf, size, "?");
		return;
	}
	if (v && !strcmp(p->type_k, v))
		v = NULL;
	/* every row of a query asks: no printf where the text fits */
	k = strlen(p->type_k);
	n = v ? k + 1 + strlen(v) : k;
	if (n >= size) {
		if (v)
			snprintf(buf, size, "%s/%s", p->type_k, v);
		else
			snprintf(buf, size, "%s", p->type_k);
		return;
	}
	memcpy(buf, p->type_k, k);
	if (v) {
		buf[k] = '/';
		memcpy(buf + k + 1, v, n - k - 1);
	}
	buf[n] = '\0';
}

int q_point_ok(const struct q_point *p)
{
	return p->status && !strcmp(p->status, "ok");
}

int q_point_dirty(const struct q_point *p)
{
	return p->gate && !strncmp(p->gate, "dirty", 5);
}

int q_cmp_str(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (!a || !b)
		return a ? 1 : -1;
	return strcmp(a, b);
}

int q_cmp_ll(long long a, long long b)
{
	return a < b ? -1 : a > b;
}

int q_same_key(const struct q_point *a, const struct q_point *b)
{
	return !q_cmp_str(q_point_model(a), q_point_model(b)) &&
	       !q_cmp_str(a->quant, b->quant) && !q_cmp_str(a->test, b->test) &&
	       a->depth == b->depth;
}

int q_point_cmp(const void *pa, const void *pb)
{
	const struct q_point *a = pa, *b = pb;
	int c;

	if ((c = q_cmp_str(q_point_model(a), q_point_model(b))) ||
	    (c = q_cmp_str(a->quant, b->quant)) ||
	    (c = q_cmp_str(a->test, b->test)) ||
	    (c = q_cmp_ll(a->depth, b->depth)))
		return c;
	/* newest first: the later build, then the later run, then the
	 * row ingested last (Q_UNSET is the smallest, so unknowns go last) */
	if ((c = q_cmp_ll(b->build_number, a->build_number)) ||
	    (c = -q_cmp_str(a->test_time, b->test_time)))
		return c;
	return q_cmp_ll(b->id, a->id);
}

/*
 * Column i of the row, interned.  Rows come grouped by host, model and
 * quant, so most values equal the previous row's: last[i] remembers it
 * and saves the hashing.
 */
static const char *col_str(struct q_pool *pl, sqlite3_stmt *s, int i,
			   const char **last)
{
	const char *t = q_text_or_null(s, i);

	if (!t)
		return NULL;
	if (!last[i] || strcmp(last[i], t))
		last[i] = q_pool_str(pl, t);
	return last[i];
}

/* points_sql's columns: one remembered string each (col_str). */
#define POINT_COLS 24

static const char points_sql[] =
	"SELECT id, host, backend, build_commit, build_number, name,"
	" model_file, quant, type_k, type_v, flash_attn, n_gpu_layers,"
	" n_ubatch, n_threads, test, n_depth, avg_ts, stddev_ts, n_reps,"
	" status, test_time, error, variant, gate FROM throughput WHERE 1";

int q_points_load(sqlite3 *db, struct q_points *pts,
		  const struct q_selector *const *sels, size_t n_sels)
{
	return q_points_load_where(db, pts, sels, n_sels, NULL);
}

size_t q_points_runs(const struct q_point *v, size_t n)
{
	size_t i, runs = n;

	for (i = 0; i < n; i++)
		runs += v[i].n_more;
	return runs;
}

/* Same host and key (model, quant, test, depth)? */
static int same_host_key(const struct q_point *a, const struct q_point *b)
{
	return !q_cmp_str(a->host, b->host) && q_same_key(a, b);
}

/*
 * Folds the point just read, v[n - 1], into an earlier point of its
 * host, key and configuration (they start at v[*start]: the view's
 * index gives a host's rows of one key together), keeping the newer of
 * the two.  Returns 1 if it was folded (the caller drops v[n - 1]).
 */
static int fold_run(struct q_points *pts, size_t *start)
{
	struct q_point *p = &pts->v[pts->n - 1], *q;
	size_t i;

	if (*start >= pts->n - 1 || !same_host_key(&pts->v[*start], p)) {
		*start = pts->n - 1;
		return 0;
	}
	for (i = *start; i < pts->n - 1; i++) {
		q = &pts->v[i];
		if (q_cmp_str(q->status, p->status) ||
		    q_point_n_differs(q, p, 0))
			continue;
		if (q_point_cmp(p, q) < 0) {	/* p is the newer */
			p->n_more = q->n_more + 1;
			*q = *p;
		} else {
			q->n_more++;
		}
		return 1;
	}
	return 0;
}

/* A load kept by the cache: its key, its points as loaded (no samples)
 * and the pool that holds their strings. */
struct cached_load {
	struct strbuf key;
	struct q_point *v;
	size_t n;
	struct q_pool *pool;
};

static struct {
	int on;
	struct cached_load *v;
	size_t n;
} points_cache;

void q_points_cache_begin(void)
{
	points_cache.on = 1;
}

void q_points_cache_end(void)
{
	size_t i;

	for (i = 0; i < points_cache.n; i++) {
		strbuf_release(&points_cache.v[i].key);
		free(points_cache.v[i].v);
		q_pool_free(points_cache.v[i].pool);
	}
	free(points_cache.v);
	memset(&points_cache, 0, sizeof(points_cache));
#ifdef __GLIBC__
	/* the cache's many small strings leave holes that what follows
	 * (the charts) does not fill: give them back (1M rows: the
	 * report's peak 64 -> 54 MiB) */
	malloc_trim(0);
#endif
}

/* What tells one load from another: the statement, each value bound
 * (typed, NUL apart: no value holds a NUL) and the folding. */
static void cache_key(const struct q_build *qb, int fold, struct strbuf *key)
{
	int i;

	strbuf_addstr(key, strbuf_str(&qb->sql));
	strbuf_addch(key, '\0');
	strbuf_addch(key, fold ? 'f' : 'r');
	for (i = 0; i < qb->n; i++) {
		strbuf_addch(key, '\0');
		if (qb->b[i].is_int)
			strbuf_addf(key, "i%lld", qb->b[i].i);
		else if (qb->b[i].s)
			strbuf_addf(key, "s%s", qb->b[i].s);
		else
			strbuf_addch(key, 'n');
	}
}

/* Fills pts (fresh, with its pool) from the cache.  Returns 1 on a hit. */
static int cache_get(const struct strbuf *key, struct q_points *pts)
{
	const struct cached_load *c;
	size_t i;

	for (i = 0; i < points_cache.n; i++) {
		c = &points_cache.v[i];
		if (c->key.len != key->len ||
		    memcmp(c->key.buf, key->buf, key->len))
			continue;
		pts->v = xmalloc((c->n ? c->n : 1) * sizeof(*pts->v));
		if (c->n)
			memcpy(pts->v, c->v, c->n * sizeof(*pts->v));
		pts->n = pts->cap = c->n;
		return 1;
	}
	return 0;
}

/* Keeps a copy of pts, just loaded, under key (moved): the cache takes
 * its pool (its strings must outlive pts) and gives it a new one. */
static void cache_put(struct strbuf *key, struct q_points *pts)
{
	struct cached_load *c;

	points_cache.v = xrealloc(points_cache.v, (points_cache.n + 1) *
				  sizeof(*points_cache.v));
	c = &points_cache.v[points_cache.n++];
	c->key = *key;
	*key = (struct strbuf)STRBUF_INIT;
	c->v = xmalloc((pts->n ? pts->n : 1) * sizeof(*c->v));
	if (pts->n)
		memcpy(c->v, pts->v, pts->n * sizeof(*c->v));
	c->n = pts->n;
	c->pool = pts->pool;
	pts->pool = q_pool_new();
}

/* sort 0: the rows as the statement gives them, for a caller that
 * puts them in its own order (and never through the cache, which keeps
 * them sorted). */
static int load(sqlite3 *db, struct q_points *pts,
		const struct q_selector *const *sels, size_t n_sels,
		const char *where, const char *host, int fold, int sort)
{
	const char *last_row[POINT_COLS] = { NULL };
	struct strbuf key = STRBUF_INIT;
	struct q_build qb;
	sqlite3_stmt *s;
	size_t i, start = 0;
	int rc;

	memset(pts, 0, sizeof(*pts));
	pts->pool = q_pool_new();
	q_build_init(&qb, points_sql);
	for (i = 0; i < n_sels; i++)
		q_selector_where(sels[i], Q_THROUGHPUT, &qb);
	if (where)
		strbuf_addstr(&qb.sql, where);
	if (host) {
		strbuf_addstr(&qb.sql, " AND host = ");
		q_build_text(&qb, host);
	}
	if (points_cache.on && sort) {
		cache_key(&qb, fold, &key);
		if (cache_get(&key, pts)) {
			strbuf_release(&key);
			q_build_release(&qb);
			return 0;
		}
	}
	if (q_build_prepare(db, &qb, &s, "read the throughput rows")) {
		strbuf_release(&key);
		q_build_release(&qb);
		return -1;
	}
	/* a column added to points_sql needs its place in last_row */
	rc = sqlite3_column_count(s);
	if (rc != POINT_COLS) {
		sqlite3_finalize(s);
		strbuf_release(&key);
		q_build_release(&qb);
		return hdb_error("internal error: %d columns of throughput "
				 "rows read, %d expected", rc, POINT_COLS);
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct q_point *p;
		struct q_pool *pl = pts->pool;
		const char **last = last_row;

		if (pts->n == pts->cap) {
			pts->cap = pts->cap ? 2 * pts->cap : 64;
			pts->v = xrealloc(pts->v, pts->cap * sizeof(*pts->v));
		}
		p = &pts->v[pts->n++];
		memset(p, 0, sizeof(*p));
		p->id = sqlite3_column_int64(s, 0);
		p->host = col_str(pl, s, 1, last);
		p->backend = col_str(pl, s, 2, last);
		p->build_commit = col_str(pl, s, 3, last);
		p->build_number = q_int(s, 4);
		p->name = col_str(pl, s, 5, last);
		p->model_file = col_str(pl, s, 6, last);
		p->quant = col_str(pl, s, 7, last);
		p->type_k = col_str(pl, s, 8, last);
		p->type_v = col_str(pl, s, 9, last);
		p->fa = q_int(s, 10);
		p->ngl = q_int(s, 11);
		p->ubatch = q_int(s, 12);
		p->threads = q_int(s, 13);
		p->test = col_str(pl, s, 14, last);
		p->depth = q_int(s, 15);
		p->mean = q_double(s, 16);
		p->sd = q_double(s, 17);
		p->n_reps = q_int(s, 18);
		p->status = col_str(pl, s, 19, last);
		p->variant = col_str(pl, s, 22, last);
		p->error = q_pool_copy(pl, q_text_or_null(s, 21));
		p->gate = col_str(pl, s, 23, last);
		/* after the fields fold_run compares */
		p->test_time = q_pool_copy(pl, q_text_or_null(s, 20));
		if (fold && fold_run(pts, &start))
			pts->n--;
	}
	sqlite3_finalize(s);
	q_build_release(&qb);
	if (q_done(db, rc, "read the throughput rows")) {
		strbuf_release(&key);
		q_points_release(pts);
		return -1;
	}
	if (pts->n && sort)
		qsort(pts->v, pts->n, sizeof(*pts->v), q_point_cmp);
	if (points_cache.on && sort)
		cache_put(&key, pts);
	strbuf_release(&key);
	return 0;
}

int q_points_load_where(sqlite3 *db, struct q_points *pts,
			const struct q_selector *const *sels, size_t n_sels,
			const char *where)
{
	return load(db, pts, sels, n_sels, where, NULL, 1, 1);
}

int q_points_load_rows(sqlite3 *db, struct q_points *pts,
		       const struct q_selector *const *sels, size_t n_sels,
		       const char *where)
{
	return load(db, pts, sels, n_sels, where, NULL, 0, 1);
}

int q_points_load_host(sqlite3 *db, struct q_points *pts,
		       const struct q_selector *const *sels, size_t n_sels,
		       const char *where, const char *host, int fold)
{
	return load(db, pts, sels, n_sels, where, host, fold, 1);
}

int q_hosts(sqlite3 *db, char ***names, size_t *n)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	*names = NULL;
	*n = 0;
	/* BINARY is memcmp: the order of q_cmp_str over UTF-8 names */
	if (q_prepare(db, "SELECT name FROM host ORDER BY name COLLATE BINARY",
		      &s, "list the hosts"))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*names = xrealloc(*names, cap * sizeof(**names));
		}
		(*names)[(*n)++] = xstrdup(q_text(s, 0));
	}
	sqlite3_finalize(s);
	if (q_done(db, rc, "list the hosts")) {
		q_hosts_free(*names, *n);
		*names = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void q_hosts_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int q_read_begin(sqlite3 *db)
{
	if (sqlite3_exec(db, "SAVEPOINT q_read", NULL, NULL, NULL) != SQLITE_OK)
		return hdb_error("cannot start a read transaction: %s",
				 sqlite3_errmsg(db));
	return 0;
}

void q_read_end(sqlite3 *db)
{
	/* nothing was written: releasing cannot lose anything */
	sqlite3_exec(db, "RELEASE q_read", NULL, NULL, NULL);
}

int q_sink_window(const struct hdb_sink *sink, struct hdb_table *t,
		  size_t *total, int last)
{
	int rc;

	if (!sink || !t->n_rows || (!last && t->n_rows < Q_WINDOW_ROWS))
		return 0;
	*total += t->n_rows;
	rc = sink->rows(sink->ctx, t);
	hdb_table_clear_rows(t);
	return rc ? -1 : 0;
}

/* Appends v to p's samples. */
/*
 * Appends v to the samples of p, which is being filled (the last of the
 * points of pts's pool to get samples: its samples end where the pool's
 * free part begins).  A point's samples come one after another (the
 * samples are read in id order), so they lie together in the pool; one
 * that outgrows its block moves to a new one.
 */
static void pool_sample(struct q_pool *pl, struct q_point *p, double v)
{
	size_t pad;

	if (!p->n_samples) {
		pad = (size_t)(-(uintptr_t)pl->next & (sizeof(double) - 1));
		if (pad + sizeof(double) > pl->left)
			pool_block(pl, sizeof(double));
		else {
			pl->next += pad;
			pl->left -= pad;
		}
		p->samples = (double *)(void *)pl->next;
	} else if (pl->left < sizeof(double)) {
		double *old = p->samples;

		pool_block(pl, 2 * (p->n_samples + 1) * sizeof(double));
		p->samples = memcpy(pl->next, old,
				    p->n_samples * sizeof(double));
		pl->next += p->n_samples * sizeof(double);
		pl->left -= p->n_samples * sizeof(double);
	}
	p->samples[p->n_samples++] = v;
	pl->next += sizeof(double);
	pl->left -= sizeof(double);
}

static int cmp_point_id(const void *pa, const void *pb)
{
	const struct q_point *a = *(const struct q_point *const *)pa;
	const struct q_point *b = *(const struct q_point *const *)pb;

	return q_cmp_ll(a->id, b->id);
}

/* Point ids closer than this are read by one range of samples, since
 * stepping over another row's few samples is cheaper than a new seek. */
#define SAMPLE_GAP 16

int q_points_samples(sqlite3 *db, struct q_points *pts)
{
	struct q_point **v, *filling = NULL;
	sqlite3_stmt *s;
	size_t i = 0, j, k;
	long long id;
	int rc = SQLITE_DONE;

	if (!pts->n)
		return 0;
	v = xmalloc(pts->n * sizeof(*v));
	for (i = 0; i < pts->n; i++)
		v[i] = &pts->v[i];
	qsort(v, pts->n, sizeof(*v), cmp_point_id);
	if (q_prepare(db, "SELECT throughput_id, ts FROM throughput_sample"
		      " WHERE throughput_id BETWEEN ? AND ? AND ts IS NOT NULL"
		      " ORDER BY throughput_id, rep", &s, "read the samples")) {
		free(v);
		return -1;
	}
	i = 0;
	while (i < pts->n && rc == SQLITE_DONE) {
		for (j = i + 1; j < pts->n &&
		     v[j]->id - v[j - 1]->id <= SAMPLE_GAP; j++)
			;
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, v[i]->id);
		sqlite3_bind_int64(s, 2, v[j - 1]->id);
		k = i;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			id = sqlite3_column_int64(s, 0);
			while (k < j && v[k]->id < id)
				k++;
			/* 2: its samples are the pool's (not freed alone) */
			if (k < j && v[k]->id == id &&
			    (!v[k]->samples_loaded || v[k] == filling)) {
				filling = v[k];
				filling->samples_loaded = 2;
				pool_sample(pts->pool, filling,
					    sqlite3_column_double(s, 1));
			}
		}
		i = j;
	}
	sqlite3_finalize(s);
	free(v);
	if (q_done(db, rc, "read the samples"))
		return -1;
	for (i = 0; i < pts->n; i++)
		if (!pts->v[i].samples_loaded)
			pts->v[i].samples_loaded = 1;
	return 0;
}

int q_point_samples(sqlite3 *db, struct q_points *pts, struct q_point *p)
{
	size_t cap = 0;
	int rc;

	if (p->samples_loaded)
		return 0;
	if (!pts->sample_stmt &&
	    q_prepare(db, "SELECT ts FROM throughput_sample WHERE"
		      " throughput_id = ? AND ts IS NOT NULL ORDER BY rep",
		      &pts->sample_stmt, "read the samples"))
		return -1;
	sqlite3_reset(pts->sample_stmt);
	sqlite3_bind_int64(pts->sample_stmt, 1, p->id);
	while ((rc = sqlite3_step(pts->sample_stmt)) == SQLITE_ROW) {
		if (p->n_samples == cap) {
			cap = cap ? 2 * cap : 8;
			p->samples = xrealloc(p->samples,
					      cap * sizeof(*p->samples));
		}
		p->samples[p->n_samples++] =
			sqlite3_column_double(pts->sample_stmt, 0);
	}
	if (q_done(db, rc, "read the samples"))
		return -1;
	p->samples_loaded = 1;
	return 0;
}

int q_point_summary(const struct q_point *p, struct hdb_summary *s)
{
	struct hdb_interval ci;

	if (p->n_samples) {
		hdb_summarize(p->samples, p->n_samples, s);
		return 1;
	}
	s->n = p->n_reps == Q_UNSET || p->n_reps < 0 ? 0 : (size_t)p->n_reps;
	s->mean = p->mean;
	s->sd = p->sd;
	s->cv = !isnan(s->sd) && s->mean != 0 ? s->sd / s->mean : NAN;
	s->min = s->median = s->max = NAN;
	hdb_mean_ci(s->mean, s->sd, (double)s->n, &ci);
	s->ci_lo = ci.lo;
	s->ci_hi = ci.hi;
	return p->n_reps != Q_UNSET;
}

void q_points_release(struct q_points *pts)
{
	size_t i;

	for (i = 0; i < pts->n; i++)
		if (pts->v[i].samples_loaded != 2)
			free(pts->v[i].samples);
	free(pts->v);
	sqlite3_finalize(pts->sample_stmt);
	q_pool_free(pts->pool);
	memset(pts, 0, sizeof(*pts));
}

/* --- Hosts loaded ahead on another thread --- */

struct ahead_host {
	struct q_points pts;
	void *aux;
};

struct q_ahead {
	/* no thread (threaded 0): the caller's connection loads each host
	 * when it is asked for, from the list made at the first ask */
	int threaded;
	sqlite3 *db;
	char **hosts;
	size_t n_hosts, next_host;
	int listed;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;	/* a host loaded or taken, or a stop */
	char *path;		/* the store's file */
	const struct q_selector *const *sels;
	size_t n_sels;
	int fold;
	void *(*prep)(struct q_points *pts);
	/* the hosts loaded and not yet taken: ring[(head + i) % Q_AHEAD] */
	struct ahead_host ring[Q_AHEAD];
	size_t head, n;
	/* the hosts the caller is done with, for the loader to free: its
	 * malloc arena took them (a free from another thread into it took
	 * its lock and cost 12% of the CPU time of 'noise' at 1M rows) */
	struct ahead_host back[Q_AHEAD + 1];
	size_t n_back;
	int done;		/* the loader has loaded its last host */
	int stop;		/* the caller is gone: load no more */
	char *err;		/* the loader's failure */
};

static void ahead_free(struct ahead_host *h, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		q_points_release(&h[i].pts);
		free(h[i].aux);
	}
}

/* The loader: every host's points into the ring, waiting while it is
 * full.  Its errors (hdb_error's buffer is this thread's) go to a->err. */
static void *ahead_loader(void *arg)
{
	struct q_ahead *a = arg;
	struct hdb_store *st = NULL;
	struct ahead_host h;
	sqlite3 *db;
	char **hosts = NULL;
	struct ahead_host back[Q_AHEAD + 1];
	size_t i, n_hosts = 0, n_back;
	int txn = 0, ok = 0, stop;

	if (hdb_store_open(a->path, HDB_STORE_READ, &st))
		goto out;
	db = hdb_store_sqlite(st);
	if (q_read_begin(db))
		goto out;
	txn = 1;
	if (q_hosts(db, &hosts, &n_hosts))
		goto out;
	for (i = 0; i < n_hosts; i++) {
		/* a host is loaded only when there is room for it: the
		 * memory of Q_AHEAD hosts besides the caller's */
		pthread_mutex_lock(&a->lock);
		while (a->n == Q_AHEAD && !a->stop)
			pthread_cond_wait(&a->cond, &a->lock);
		stop = a->stop;
		n_back = a->n_back;
		memcpy(back, a->back, n_back * sizeof(*back));
		a->n_back = 0;
		pthread_mutex_unlock(&a->lock);
		ahead_free(back, n_back);
		if (stop) {
			ok = 1;
			goto out;
		}
		memset(&h, 0, sizeof(h));
		/* prep puts them in its order: no sort of ours first */
		if (load(db, &h.pts, a->sels, a->n_sels, NULL, hosts[i],
			 a->fold, !a->prep))
			goto out;
		if (q_points_samples(db, &h.pts)) {
			q_points_release(&h.pts);
			goto out;
		}
		if (a->prep)
			h.aux = a->prep(&h.pts);
		pthread_mutex_lock(&a->lock);
		if (a->stop) {
			pthread_mutex_unlock(&a->lock);
			q_points_release(&h.pts);
			free(h.aux);
			ok = 1;
			goto out;
		}
		a->ring[(a->head + a->n++) % Q_AHEAD] = h;
		pthread_cond_broadcast(&a->cond);
		pthread_mutex_unlock(&a->lock);
	}
	ok = 1;
out:
	if (txn)
		q_read_end(hdb_store_sqlite(st));
	hdb_store_close(st);
	q_hosts_free(hosts, n_hosts);
	pthread_mutex_lock(&a->lock);
	if (!ok)
		a->err = xstrdup(hdb_errmsg());
	a->done = 1;
	pthread_cond_broadcast(&a->cond);
	pthread_mutex_unlock(&a->lock);
	return NULL;
}

struct q_ahead *q_ahead_start(sqlite3 *db,
			      const struct q_selector *const *sels,
			      size_t n_sels, int fold,
			      void *(*prep)(struct q_points *pts))
{
	const char *path = sqlite3_db_filename(db, "main");
	struct q_ahead *a = xcalloc(1, sizeof(*a));

	a->db = db;
	a->sels = sels;
	a->n_sels = n_sels;
	a->fold = fold;
	a->prep = prep;
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2 || !path || !*path ||
	    !sqlite3_get_autocommit(db) || points_cache.on)
		return a;
	a->path = xstrdup(path);
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->cond, NULL);
	if (pthread_create(&a->thread, NULL, ahead_loader, a)) {
		/* no thread: the caller loads the hosts itself */
		pthread_mutex_destroy(&a->lock);
		pthread_cond_destroy(&a->cond);
		return a;
	}
	a->threaded = 1;
	return a;
}

/* q_ahead_next without a thread: the host before freed, the next one
 * loaded on the caller's connection. */
static int load_here(struct q_ahead *a, struct q_points *pts, void **aux)
{
	q_points_release(pts);
	free(*aux);
	*aux = NULL;
	if (!a->listed) {
		if (q_hosts(a->db, &a->hosts, &a->n_hosts))
			return -1;
		a->listed = 1;
	}
	if (a->next_host == a->n_hosts)
		return 0;
	if (load(a->db, pts, a->sels, a->n_sels, NULL,
		 a->hosts[a->next_host++], a->fold, !a->prep) ||
	    q_points_samples(a->db, pts)) {
		q_points_release(pts);
		return -1;
	}
	if (a->prep)
		*aux = a->prep(pts);
	return 1;
}

int q_ahead_next(struct q_ahead *a, struct q_points *pts, void **aux)
{
	struct ahead_host done = { *pts, *aux };
	int ret;

	if (!a->threaded)
		return load_here(a, pts, aux);
	/* a statement of the caller's connection is finalized here */
	sqlite3_finalize(done.pts.sample_stmt);
	done.pts.sample_stmt = NULL;
	memset(pts, 0, sizeof(*pts));
	*aux = NULL;
	pthread_mutex_lock(&a->lock);
	if (done.pts.v || done.pts.pool || done.aux) {
		if (a->n_back < Q_AHEAD + 1 && !a->done)
			a->back[a->n_back++] = done;
		else
			ahead_free(&done, 1);
	}
	while (!a->n && !a->done)
		pthread_cond_wait(&a->cond, &a->lock);
	if (a->n) {
		*pts = a->ring[a->head].pts;
		*aux = a->ring[a->head].aux;
		a->head = (a->head + 1) % Q_AHEAD;
		a->n--;
		pthread_cond_broadcast(&a->cond);
		ret = 1;
	} else if (a->err) {
		ret = hdb_error("%s", a->err);
	} else {
		ret = 0;
	}
	pthread_mutex_unlock(&a->lock);
	return ret;
}

void q_ahead_end(struct q_ahead *a)
{
	struct ahead_host *h;

	if (!a)
		return;
	q_hosts_free(a->hosts, a->n_hosts);
	if (!a->threaded) {
		free(a);
		return;
	}
	pthread_mutex_lock(&a->lock);
	a->stop = 1;
	pthread_cond_broadcast(&a->cond);
	pthread_mutex_unlock(&a->lock);
	pthread_join(a->thread, NULL);
	ahead_free(a->back, a->n_back);
	for (; a->n; a->n--) {
		h = &a->ring[a->head];
		q_points_release(&h->pts);
		free(h->aux);
		a->head = (a->head + 1) % Q_AHEAD;
	}
	pthread_mutex_destroy(&a->lock);
	pthread_cond_destroy(&a->cond);
	free(a->err);
	free(a->path);
	free(a);
}

/* --- How two measurements differ --- */

/* One field's value as shown in a label ("?" when unknown). */
static void show_ll(char *buf, size_t size, long long v, int fa)
{
	if (v == Q_UNSET)
		snprintf(buf, size, "?");
	else if (fa && v == -1)
		snprintf(buf, size, "auto");
	else
		snprintf(buf, size, "%lld", v);
}

static void show_build(char *buf, size_t size, const struct q_point *p)
{
	if (p->build_number != Q_UNSET)
		snprintf(buf, size, "%lld", p->build_number);
	else if (p->build_commit)
		snprintf(buf, size, "%.12s", p->build_commit);
	else
		snprintf(buf, size, "?");
}

/* Are the builds of a and b the same?  Numbers where both have them,
 * else commits compared on the shorter one's length. */
static int same_build(const struct q_point *a, const struct q_point *b)
{
	size_t la, lb;

	if (a->build_number != Q_UNSET && b->build_number != Q_UNSET)
		return a->build_number == b->build_number;
	if (a->build_commit && b->build_commit) {
		la = strlen(a->build_commit);
		lb = strlen(b->build_commit);
		return !strncasecmp(a->build_commit, b->build_commit,
				    la < lb ? la : lb);
	}
	return !a->build_commit && !b->build_commit &&
	       a->build_number == b->build_number;
}

/* "dirty", "clean", or "?" for a row no gate watched. */
static const char *gate_label(const struct q_point *p)
{
	return q_point_dirty(p) ? "dirty" : p->gate ? p->gate : "?";
}

/* Calls fn for every field in which a and b differ, in a fixed order. */
static int each_difference(const struct q_point *a, const struct q_point *b,
			   unsigned skip, struct strbuf *out)
{
	char x[128], y[128];
	int n = 0;

#define DIFF(key, name, differ, show_a, show_b)				\
	do {								\
		if (!(skip & (1u << (key))) && (differ)) {		\
			n++;						\
			if (out) {					\
				show_a;					\
				show_b;					\
				strbuf_addf(out, "%s%s %s vs %s",	\
					    out->len ? "; " : "", name,	\
					    x, y);			\
			}						\
		}							\
	} while (0)

	DIFF(Q_KEY_HOST, "host", q_cmp_str(a->host, b->host),
	     snprintf(x, sizeof(x), "%s", a->host ? a->host : "?"),
	     snprintf(y, sizeof(y), "%s", b->host ? b->host : "?"));
	DIFF(Q_KEY_BACKEND, "backend", q_cmp_str(a->backend, b->backend) &&
	     (!a->backend || !b->backend || strcasecmp(a->backend, b->backend)),
	     snprintf(x, sizeof(x), "%s", a->backend ? a->backend : "?"),
	     snprintf(y, sizeof(y), "%s", b->backend ? b->backend : "?"));
	DIFF(Q_KEY_BUILD, "build", !same_build(a, b),
	     show_build(x, sizeof(x), a), show_build(y, sizeof(y), b));
	DIFF(Q_KEY_KV, "kv", q_cmp_str(a->type_k, b->type_k) ||
	     q_cmp_str(a->type_v ? a->type_v : a->type_k,
		     b->type_v ? b->type_v : b->type_k),
	     q_point_kv(a, x, sizeof(x)), q_point_kv(b, y, sizeof(y)));
	DIFF(Q_KEY_FA, "fa", a->fa != b->fa,
	     show_ll(x, sizeof(x), a->fa, 1), show_ll(y, sizeof(y), b->fa, 1));
	DIFF(Q_KEY_NGL, "ngl", a->ngl != b->ngl,
	     show_ll(x, sizeof(x), a->ngl, 0),
	     show_ll(y, sizeof(y), b->ngl, 0));
	DIFF(Q_KEY_UBATCH, "ubatch", a->ubatch != b->ubatch,
	     show_ll(x, sizeof(x), a->ubatch, 0),
	     show_ll(y, sizeof(y), b->ubatch, 0));
	DIFF(Q_KEY_THREADS, "threads", a->threads != b->threads,
	     show_ll(x, sizeof(x), a->threads, 0),
	     show_ll(y, sizeof(y), b->threads, 0));
	/* no variant is the plain run, not an unknown one */
	DIFF(Q_KEY_VARIANT, "variant", q_cmp_str(a->variant, b->variant),
	     snprintf(x, sizeof(x), "%s", a->variant ? a->variant : "-"),
	     snprintf(y, sizeof(y), "%s", b->variant ? b->variant : "-"));
#undef DIFF
	/* a run made with the gate's checks failed (--force) is never
	 * taken for one made without: no key skips it */
	if (q_point_dirty(a) != q_point_dirty(b)) {
		n++;
		if (out)
			strbuf_addf(out, "%sgate %s vs %s", out->len ? "; " : "",
				    gate_label(a), gate_label(b));
	}
	return n;
}

void q_point_differs(const struct q_point *a, const struct q_point *b,
		     unsigned skip, struct strbuf *out)
{
	strbuf_reset(out);
	each_difference(a, b, skip, out);
	strbuf_addstr(out, "");	/* a buffer even when empty */
}

int q_point_n_differs(const struct q_point *a, const struct q_point *b,
		      unsigned skip)
{
	return each_difference(a, b, skip, NULL);
}

/*
 * The candidates worth pairing: the newest of each distinct
 * configuration (the list is newest first), so that a side with hundreds
 * of runs of one configuration costs one comparison, not hundreds.
 * Returns their count; idx gets their indices (caller frees).
 */
static size_t distinct_configs(const struct q_point *p, size_t n,
			       size_t **idx)
{
	size_t i, j, d = 0;

	*idx = xmalloc(n * sizeof(**idx));
	for (i = 0; i < n; i++) {
		for (j = 0; j < d; j++)
			if (!q_point_n_differs(&p[(*idx)[j]], &p[i], 0))
				break;
		if (j == d)
			(*idx)[d++] = i;
	}
	return d;
}

void q_choose_pair(const struct q_point *a, size_t na,
		   const struct q_point *b, size_t nb, unsigned skip,
		   size_t *ia, size_t *ib)
{
	size_t *da, *db, nda, ndb, i, j;
	int best = -1, d;

	*ia = *ib = 0;
	nda = distinct_configs(a, na, &da);
	ndb = distinct_configs(b, nb, &db);
	for (i = 0; i < nda && best; i++)
		for (j = 0; j < ndb && best; j++) {
			d = q_point_n_differs(&a[da[i]], &b[db[j]], skip);
			if (best < 0 || d < best) {
				best = d;
				*ia = da[i];
				*ib = db[j];
			}
		}
	free(da);
	free(db);
}

/* --- Comparing two measurements --- */

/* One side's mean, sd and n: from samples when asked, else as stored. */
static void side_stats(const struct q_point *p, int use_samples,
		       double *mean, double *sd, double *n)
{
	if (use_samples) {
		hdb_mean_sd(p->samples, p->n_samples, mean, sd);
		*n = (double)p->n_samples;
		return;
	}
	*mean = p->mean;
	*sd = p->sd;
	*n = p->n_reps == Q_UNSET ? NAN : (double)p->n_reps;
}

int q_compare_ci(sqlite3 *db, struct q_points *pts, struct q_point *num,
		 struct q_point *den, double noise, struct q_compare *c)
{
	int both;

	memset(c, 0, sizeof(*c));
	c->welch.t = c->welch.df = c->welch.p = c->p_mw = NAN;
	if (q_point_samples(db, pts, num) || q_point_samples(db, pts, den))
		return -1;
	both = num->n_samples >= 2 && den->n_samples >= 2;
	c->from_samples = both;
	side_stats(num, both || num->n_samples >= 2, &c->mean[0], &c->sd[0],
		   &c->n[0]);
	side_stats(den, both || den->n_samples >= 2, &c->mean[1], &c->sd[1],
		   &c->n[1]);
	hdb_ratio_ci(c->mean[0], c->sd[0], c->n[0], c->mean[1], c->sd[1],
		     c->n[1], &c->ratio);
	c->verdict = hdb_ratio_verdict(&c->ratio, c->n[0], c->n[1],
				       !isnan(c->sd[0]) && !isnan(c->sd[1]),
				       noise);
	return 0;
}

int q_compare(sqlite3 *db, struct q_points *pts, struct q_point *num,
	      struct q_point *den, double noise, struct q_compare *c)
{
	if (q_compare_ci(db, pts, num, den, noise, c))
		return -1;
	hdb_welch(c->mean[0], c->sd[0], c->n[0], c->mean[1], c->sd[1],
		  c->n[1], &c->welch);
	c->p_mw = c->from_samples
		? hdb_mann_whitney_p(num->samples, num->n_samples,
				     den->samples, den->n_samples)
		: NAN;
	return 0;
}

/* The end of the group of points with the key of v[i]. */
static size_t group_end(const struct q_points *p, size_t i)
{
	size_t j = i + 1;

	while (j < p->n && q_same_key(&p->v[i], &p->v[j]))
		j++;
	return j;
}

/* Orders keys only (q_point_cmp without the newest-first part). */
static int key_cmp(const struct q_point *a, const struct q_point *b)
{
	int c;

	if ((c = q_cmp_str(q_point_model(a), q_point_model(b))) ||
	    (c = q_cmp_str(a->quant, b->quant)) ||
	    (c = q_cmp_str(a->test, b->test)))
		return c;
	return q_cmp_ll(a->depth, b->depth);
}

int q_pair_keys(sqlite3 *db, struct q_points *a, struct q_points *b,
		unsigned skip, double noise,
		int (*fn)(void *ctx, struct q_pairing *pr), void *ctx)
{
	size_t i = 0, j = 0, ie, je, ia, ib;
	struct q_pairing pr;
	int c;

	while (i < a->n || j < b->n) {
		memset(&pr, 0, sizeof(pr));
		if (i >= a->n)
			c = 1;
		else if (j >= b->n)
			c = -1;
		else
			c = key_cmp(&a->v[i], &b->v[j]);
		ie = c <= 0 ? group_end(a, i) : i;
		je = c >= 0 ? group_end(b, j) : j;
		if (ie > i && je > j) {
			q_choose_pair(&a->v[i], ie - i, &b->v[j], je - j, skip,
				      &ia, &ib);
			pr.a = &a->v[i + ia];
			pr.b = &b->v[j + ib];
		} else if (ie > i) {
			pr.a = &a->v[i];
		} else {
			pr.b = &b->v[j];
		}
		pr.key = pr.a ? pr.a : pr.b;
		pr.a_others = ie > i ? q_points_runs(&a->v[i], ie - i) - 1 : 0;
		pr.b_others = je > j ? q_points_runs(&b->v[j], je - j) - 1 : 0;
		if (pr.a && pr.b && q_point_ok(pr.a) && q_point_ok(pr.b)) {
			if (q_compare(db, a, pr.a, pr.b, noise, &pr.c))
				return -1;
			pr.compared = 1;
		}
		if (fn(ctx, &pr))
			return -1;
		i = ie;
		j = je;
	}
	return 0;
}

const char *q_verdict_text(const struct q_point *x, const struct q_point *y,
			   const struct q_compare *c, const char *xname,
			   const char *yname, char *buf, size_t size)
{
	int xbad = x && !q_point_ok(x), ybad = y && !q_point_ok(y);

	if (xbad && ybad)
		snprintf(buf, size, "%s %s, %s %s", xname, x->status, yname,
			 y->status);
	else if (xbad)
		snprintf(buf, size, "%s %s", xname, x->status);
	else if (ybad)
		snprintf(buf, size, "%s %s", yname, y->status);
	else if (!x || !y || !c)
		snprintf(buf, size, "only %s measured", x ? xname : yname);
	else
		switch (c->verdict) {
		case HDB_NUM_FASTER:
			snprintf(buf, size, "%s faster", xname);
			break;
		case HDB_DEN_FASTER:
			snprintf(buf, size, "%s faster", yname);
			break;
		case HDB_WITHIN_NOISE:
			snprintf(buf, size, "within noise");
			break;
		case HDB_TOO_FEW:
			snprintf(buf, size, "too few repetitions");
			break;
		}
	return buf;
}

void q_cell_real(struct hdb_cell *c, double v)
{
	if (isfinite(v))
		hdb_cell_set_real(c, v);
	else
		hdb_cell_set_text(c, NULL);
}

void q_cell_int(struct hdb_cell *c, long long v)
{
	if (v != Q_UNSET)
		hdb_cell_set_int(c, v);
	else
		hdb_cell_set_text(c, NULL);
}

void q_table_cols(struct hdb_table *t, const struct q_col *cols, size_t n)
{
	size_t i;

	hdb_table_init(t, n);
	for (i = 0; i < n; i++) {
		hdb_table_set_col(t, i, cols[i].name, cols[i].unit);
		hdb_table_set_digits(t, i, cols[i].digits);
	}
}

int q_col_index(const struct hdb_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n_cols; i++)
		if (!strcmp(t->cols[i], name))
			return (int)i;
	return -1;
}

const struct hdb_cell *q_cell_at(const struct hdb_table *t, size_t row,
				 const char *name)
{
	int c = q_col_index(t, name);

	return c < 0 || row >= t->n_rows ? NULL
	       : hdb_table_cell(t, row, (size_t)c);
}

const char *q_cell_text(const struct hdb_table *t, size_t row,
			const char *name)
{
	const struct hdb_cell *c = q_cell_at(t, row, name);

	return c && c->type == HDB_CELL_TEXT ? c->s : NULL;
}

double q_cell_num(const struct hdb_table *t, size_t row, const char *name)
{
	const struct hdb_cell *c = q_cell_at(t, row, name);

	if (c && c->type == HDB_CELL_REAL)
		return c->r;
	if (c && c->type == HDB_CELL_INT)
		return (double)c->i;
	return NAN;
}
