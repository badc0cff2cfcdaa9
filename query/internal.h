/*
 * internal.h: what the query files share (private to query/; the door
 * stays query.h): statement helpers, selectors (a side or a filter of a
 * comparison), the measurements a query reads from the throughput view,
 * and the choice and comparison of two sides of one key.
 */
#ifndef HALODB_QUERY_INTERNAL_H
#define HALODB_QUERY_INTERNAL_H

#include "query.h"
#include "stats.h"
#include "../util.h"

#include <limits.h>
#include <sqlite3.h>

/* --- Statements --- */

/* An integer column that was NULL. */
#define Q_UNSET LLONG_MIN

/* Prepares sql; on failure sets hdb_error "cannot WHAT: ..." and -1. */
int q_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **s,
	      const char *what);
/* Column readers: "" / NAN / Q_UNSET for NULL. */
const char *q_text(sqlite3_stmt *s, int i);
const char *q_text_or_null(sqlite3_stmt *s, int i);
double q_double(sqlite3_stmt *s, int i);
long long q_int(sqlite3_stmt *s, int i);

/* After a step loop that ended in rc: 0 when SQLITE_DONE, else -1 with
 * hdb_error "cannot WHAT: <sqlite message>". */
int q_done(sqlite3 *db, int rc, const char *what);

/* A statement built from fixed fragments, with every value bound. */
#define Q_MAX_BINDS 64
struct q_build {
	struct strbuf sql;
	int n;
	struct {
		int is_int;
		long long i;
		const char *s;	/* borrowed: outlives the statement */
	} b[Q_MAX_BINDS];
};
void q_build_init(struct q_build *qb, const char *head);
void q_build_text(struct q_build *qb, const char *s);	/* adds a '?' */
void q_build_int(struct q_build *qb, long long i);	/* adds a '?' */
/* Prepares and binds; hdb_error and -1 on failure. */
int q_build_prepare(sqlite3 *db, struct q_build *qb, sqlite3_stmt **s,
		    const char *what);
void q_build_release(struct q_build *qb);

/* strcmp with NULL first; the same pointer is equal without a look. */
int q_cmp_str(const char *a, const char *b);
/* -1, 0 or 1 as a < b, a == b, a > b. */
int q_cmp_ll(long long a, long long b);

/* --- Interned strings: the repeated names of many rows, kept once --- */
struct q_pool;
struct q_pool *q_pool_new(void);
/* The pool's copy of s (NULL for NULL); lives until q_pool_free. */
const char *q_pool_str(struct q_pool *p, const char *s);
void q_pool_free(struct q_pool *p);

/* --- Selectors --- */

/* Which public view a selector is read against. */
enum q_view { Q_THROUGHPUT, Q_QUALITY };

enum q_key {
	Q_KEY_HOST, Q_KEY_BACKEND, Q_KEY_BUILD, Q_KEY_MODEL, Q_KEY_QUANT,
	Q_KEY_KV, Q_KEY_FA, Q_KEY_NGL, Q_KEY_UBATCH, Q_KEY_THREADS,
	Q_KEY_VARIANT, Q_KEY_TEST, Q_N_KEYS
};

/* The keys' names as users write them ("host", "kv", ...). */
extern const char *const q_key_names[Q_N_KEYS];

struct q_cond {
	enum q_key key;
	char *value;		/* as written; for kv=K/V the K half */
	char *value2;		/* kv=K/V: the V half; else NULL */
};

struct q_selector {
	const char *text;	/* as given, for messages; may be NULL */
	size_t n;
	struct q_cond conds[Q_N_KEYS * 2];
	unsigned keys;		/* bit (1 << key) for each key named */
};

/*
 * Parses a selector: a host name, or key=value[,key=value...] over the
 * keys above.  opt names the option for messages ("--num").  Every
 * condition is checked against the view: an unknown key, a key the view
 * does not have, or a value that matches no row is an error that lists
 * what exists.  Returns 0 (release with q_selector_release), or -1.
 */
int q_selector_parse(sqlite3 *db, enum q_view view, const char *opt,
		     const char *text, struct q_selector *sel);
/* Adds one condition (--model M, --test T), checked the same way. */
int q_selector_add(sqlite3 *db, enum q_view view, const char *opt,
		   struct q_selector *sel, enum q_key key, const char *value);
void q_selector_release(struct q_selector *sel);

/* The filters every throughput query takes (--model, --quant, --test)
 * as one selector.  Returns 0 (release f), or -1. */
struct hdb_query_opts;
int q_filters(sqlite3 *db, const struct hdb_query_opts *o,
	      struct q_selector *f);

/* Appends " AND (...)" for every condition, binding the values.  The
 * view's columns are read unqualified. */
void q_selector_where(const struct q_selector *sel, enum q_view view,
		      struct q_build *qb);

/* --- Measurements (rows of the throughput view) --- */

struct q_point {
	long long id;
	const char *host, *backend, *build_commit;
	const char *name;		/* the model's name: its alias, else its
					 * label (NULL: neither known) */
	const char *model_file;
	const char *quant;
	const char *type_k, *type_v, *test, *status, *test_time, *error;
	const char *variant;		/* --variant at ingest; NULL: none */
	const char *gate;		/* the bench gate's verdict, or NULL */
	long long build_number, fa, ngl, ubatch, threads, depth, n_reps;
	double mean, sd;		/* avg_ts, stddev_ts; NAN if NULL */
	double *samples;		/* per repetition, once loaded */
	size_t n_samples;
	int samples_loaded;		/* 2: samples in the points' pool */
	size_t n_more;		/* older runs of the same configuration this
				 * point stands for (see q_points_load) */
};

struct q_points {
	struct q_point *v;
	size_t n, cap;
	struct q_pool *pool;
	sqlite3_stmt *sample_stmt;	/* prepared on first use */
};

/*
 * Reads the rows of the throughput view that match every selector given
 * (NULL entries are skipped), ordered by model, quant, test, depth and
 * newest first within (q_point_cmp).  Runs of one host, key and
 * configuration (q_point_n_differs 0, the same status) are one point, the
 * newest, whose n_more counts the others: a comparison uses only the
 * newest of a configuration, and a store of a million rows then takes
 * the memory of its distinct configurations.  Returns 0 or -1
 * (hdb_error).
 */
int q_points_load(sqlite3 *db, struct q_points *pts,
		  const struct q_selector *const *sels, size_t n_sels);
/*
 * The same, with a fixed SQL fragment over the view's columns appended to
 * the WHERE clause (" AND n_depth = 0"): a constant of the query, never
 * text from input (that goes through selectors).
 */
int q_points_load_where(sqlite3 *db, struct q_points *pts,
			const struct q_selector *const *sels, size_t n_sels,
			const char *where);
/* The same without merging runs: one point per row (n_more 0). */
int q_points_load_rows(sqlite3 *db, struct q_points *pts,
		       const struct q_selector *const *sels, size_t n_sels,
		       const char *where);
/* The same, only the rows of one host (bound, never formatted in) and
 * where (as q_points_load_where; NULL: none); fold as q_points_load (1)
 * or q_points_load_rows (0). */
int q_points_load_host(sqlite3 *db, struct q_points *pts,
		       const struct q_selector *const *sels, size_t n_sels,
		       const char *where, const char *host, int fold);
/*
 * Between q_points_cache_begin and q_points_cache_end, a load that
 * repeats an earlier one (the same statement, values and folding) is
 * answered from memory: a section that asks several queries of the same
 * rows (the report's long context: depth, crossover twice, the charts)
 * reads them once.  Points loaded meanwhile hold strings of the cache:
 * release them before q_points_cache_end.  One thread only.
 */
void q_points_cache_begin(void);
void q_points_cache_end(void);
/*
 * Loads the per-repetition samples of every point of pts at once: the
 * ids cut into runs that lie within a few of each other, each run's
 * samples read by one range of throughput_id (the view's key); one
 * statement per point (q_point_samples) costs a descent each.  The
 * points stay in their order.  Returns 0 or -1 (hdb_error).
 */
int q_points_samples(sqlite3 *db, struct q_points *pts);
/* How many rows the points v[0..n-1] stand for (n plus their n_more). */
size_t q_points_runs(const struct q_point *v, size_t n);
/*
 * A measurement's n, mean, spread and 95% interval: from its samples
 * where it has any (as loaded), else from the stored mean, stddev and
 * repetitions (n 0 when those are unknown; min, median and max NAN).
 * Returns 1 when n is known (samples, or a stored count), else 0.
 */
int q_point_summary(const struct q_point *p, struct hdb_summary *s);
/* Loads p's per-repetition samples (once).  Returns 0 or -1. */
int q_point_samples(sqlite3 *db, struct q_points *pts, struct q_point *p);
void q_points_release(struct q_points *pts);

/* The name of a point's model: its name, else the file, else "?".
 * Points of one model are compared, grouped and shown by it. */
const char *q_point_model(const struct q_point *p);
/* The same over the columns of the throughput view, as SQL. */
#define Q_MODEL_SQL "coalesce(name, model_file, '?')"
/* The KV cache as the selector writes it: "q8_0", or "q8_0/f16". */
void q_point_kv(const struct q_point *p, char *buf, size_t size);
/* Did the run finish? (status 'ok') */
int q_point_ok(const struct q_point *p);
/* Did it run with checks of the bench gate failed (gate 'dirty: ...')? */
int q_point_dirty(const struct q_point *p);

/* Do a and b measure the same thing (model, quant, test, depth)? */
int q_same_key(const struct q_point *a, const struct q_point *b);
/* Orders points by key, then newest first. */
int q_point_cmp(const void *a, const void *b);

/*
 * How a and b differ in configuration besides the keys in skip (a mask
 * of 1 << Q_KEY_*): "kv q8_0 vs q4_0; build 9064 vs 6412; variant
 * dual-gpu vs -".  Writes "" when they agree.  Unknown values are shown
 * as '?', no variant as '-'.  A run the bench gate called dirty differs
 * from one it did not ("gate dirty vs clean"), whatever skip says.
 */
void q_point_differs(const struct q_point *a, const struct q_point *b,
		     unsigned skip, struct strbuf *out);
/* The number of fields q_point_differs would name. */
int q_point_n_differs(const struct q_point *a, const struct q_point *b,
		      unsigned skip);

/*
 * Chooses one candidate of a and one of b (each newest first) for a
 * comparison: the pair that differs in the fewest fields besides skip,
 * the newer on a tie.  Sets *ia and *ib.
 */
void q_choose_pair(const struct q_point *a, size_t na,
		   const struct q_point *b, size_t nb, unsigned skip,
		   size_t *ia, size_t *ib);

/* The comparison of two measurements of one key, num over den. */
struct q_compare {
	double mean[2], sd[2], n[2];	/* n NAN when not known */
	int from_samples;		/* both sides had samples */
	struct hdb_interval ratio;
	struct hdb_welch welch;
	double p_mw;			/* NAN without samples */
	enum hdb_verdict verdict;
};

/*
 * Compares num with den (both 'ok'): from the per-repetition samples
 * where both sides have at least two, else from mean, stddev and
 * repetitions.  Returns 0 or -1 (hdb_error, reading samples).
 */
int q_compare(sqlite3 *db, struct q_points *pts, struct q_point *num,
	      struct q_point *den, double noise, struct q_compare *c);
/* The same without the p-values (c->welch and c->p_mw NAN), for a query
 * that shows only the ratio, its interval and the verdict. */
int q_compare_ci(sqlite3 *db, struct q_points *pts, struct q_point *num,
		 struct q_point *den, double noise, struct q_compare *c);

/* One key (model, quant, test, depth) of two sides, as q_pair_keys
 * gives it. */
struct q_pairing {
	struct q_point *key;		/* a candidate of either side */
	struct q_point *a, *b;		/* chosen; NULL: the side has none */
	size_t a_others, b_others;	/* candidates (rows) not chosen */
	int compared;			/* both ran ('ok'): c is set */
	struct q_compare c;
};

/*
 * Walks the keys of two point lists (each as q_points_load sorts them):
 * for every key either side has, chooses a pair (q_choose_pair, skip as
 * there), compares it when both ran, and calls fn, which returns 0 to go
 * on or -1 to stop with an error.  Returns 0 or -1 (hdb_error).
 */
int q_pair_keys(sqlite3 *db, struct q_points *a, struct q_points *b,
		unsigned skip, double noise,
		int (*fn)(void *ctx, struct q_pairing *pr), void *ctx);

/*
 * The verdict as the queries print it, with the sides named (num/den,
 * a/b): "num faster", "within noise", "too few repetitions", or for a
 * run that did not finish "num crashed", "num oom, den wedged".
 * Returns a pointer to buf.
 */
const char *q_verdict_text(const struct q_point *x, const struct q_point *y,
			   const struct q_compare *c, const char *xname,
			   const char *yname, char *buf, size_t size);


/* --- Queries a host at a time, their rows a window at a time --- */

/* The names of every host of the store, in q_cmp_str order: *names
 * (free with q_hosts_free) of *n.  Returns 0 or -1 (hdb_error). */
int q_hosts(sqlite3 *db, char ***names, size_t *n);
void q_hosts_free(char **names, size_t n);

/* One read transaction (a savepoint, so it nests in the caller's) for a
 * query of several statements: one snapshot, one lock.  Returns 0 or -1
 * (hdb_error); q_read_end ends it. */
int q_read_begin(sqlite3 *db);
void q_read_end(sqlite3 *db);

/*
 * The points of every host, loaded ahead on another thread (degradation
 * and noise over every host: a 2-core machine then reads the next host's
 * rows and samples while this thread computes and prints the current
 * one).  The loader has its own read-only connection to the store (WAL:
 * readers do not wait for each other) and one read transaction for the
 * whole query: the hosts and every point come from one snapshot.  It
 * holds at most Q_AHEAD hosts besides the caller's, the one it is
 * loading included (1: two hosts in memory); the hosts come in
 * q_hosts's order, each loaded as q_points_load_host(sels, NULL, host,
 * fold) then q_points_samples, then handed to prep (NULL: none), which
 * runs on the loader thread and may reorder the points and return aux
 * (freed by the caller with free).  With a prep the points come to it in
 * the order the store gives them, not q_points_load's (prep's order must
 * not depend on it); without one in q_points_load's.
 *
 * Where loading ahead does not apply (one processor, a store in memory,
 * a transaction already open on db whose rows another connection might
 * not see, the points cache of the report on, no thread to be had),
 * q_ahead_next loads each host on db itself when asked, from the hosts
 * listed at its first call, in the caller's transaction: the caller
 * reads the same way either way.  Call q_ahead_start before the caller's
 * own q_read_begin.  sels must outlive it.
 */
#define Q_AHEAD 1
struct q_ahead;
struct q_ahead *q_ahead_start(sqlite3 *db,
			      const struct q_selector *const *sels,
			      size_t n_sels, int fold,
			      void *(*prep)(struct q_points *pts));
/*
 * The next host's points and prep's aux, moved into pts and *aux.  Both
 * zeroed before the first call; what they hold at a later call (the host
 * before, done with) is handed back to the loader, which frees it on its
 * own thread; what the last call leaves is the caller's to free.
 * Returns 1, 0 after the last host, or -1 (hdb_error: the loader's
 * message).
 */
int q_ahead_next(struct q_ahead *a, struct q_points *pts, void **aux);
/* Stops the loader (it may be ahead) and frees everything; NULL is a
 * no-op. */
void q_ahead_end(struct q_ahead *a);

/* Rows a streaming query gathers before it hands them to its sink. */
#define Q_WINDOW_ROWS 4096

/*
 * With a sink: hands t's rows to it, adds their count to *total and
 * clears them, once there are Q_WINDOW_ROWS (or any, when last).  No
 * sink: the rows stay in t.  Returns 0, or -1 when the sink failed.
 */
int q_sink_window(const struct hdb_sink *sink, struct hdb_table *t,
		  size_t *total, int last);

/* Sets a cell to v, or NULL for NAN / infinities. */
void q_cell_real(struct hdb_cell *c, double v);
/* Sets a cell to v, or NULL for Q_UNSET. */
void q_cell_int(struct hdb_cell *c, long long v);

/* Does a reference_score row of benchmark ref score what a quality row
 * of bench measures?  The same name, or Aider's flat Python run
 * ('aider-python') against the leaderboard's 'aider-edit'. */
int q_same_benchmark(const char *bench, const char *ref);

/* The index of a column by name, or -1. */
int q_col_index(const struct hdb_table *t, const char *name);
/* A cell by column name; NULL when there is no such column or row. */
const struct hdb_cell *q_cell_at(const struct hdb_table *t, size_t row,
				 const char *name);
/* Its text (NULL unless TEXT) and number (NAN unless REAL or INT). */
const char *q_cell_text(const struct hdb_table *t, size_t row,
			const char *name);
double q_cell_num(const struct hdb_table *t, size_t row, const char *name);

/* Sets a table's columns from a list of { name, unit, digits }. */
struct q_col {
	const char *name, *unit;
	int digits;		/* see hdb_table_set_digits */
};
void q_table_cols(struct hdb_table *t, const struct q_col *cols, size_t n);

#endif
