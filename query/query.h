/*
 * query.h: the door of query/, named computations over the store that
 * return plain result tables (columns, rows, units).  Nothing here prints
 * or formats; render/ turns tables into bytes.
 */
#ifndef HALODB_QUERY_H
#define HALODB_QUERY_H

#include "../util.h"

#include <stddef.h>

struct sqlite3;

enum hdb_cell_type {
	HDB_CELL_NULL,
	HDB_CELL_INT,
	HDB_CELL_REAL,
	HDB_CELL_TEXT,
	HDB_CELL_BLOB,		/* s holds the bytes, len their count */
	HDB_CELL_MEASURE,	/* mean ± sd over n repetitions */
};

/* A cell flag: other measurements exist for the same cell (see notes). */
#define HDB_CELL_ALTERNATIVES 1

struct hdb_cell {
	enum hdb_cell_type type;
	long long i;		/* INT; for MEASURE the repetitions (or -1) */
	double r;		/* REAL; for MEASURE the mean */
	double sd;		/* MEASURE: the standard deviation (or NAN) */
	char *s;		/* TEXT and BLOB, owned by the table */
	size_t len;
	int flags;
};

struct hdb_table {
	size_t n_cols, n_rows, cap_rows;
	char **cols;		/* column names */
	char **units;		/* per column, NULL entries for none */
	int *digits;		/* per column, see hdb_table_set_digits */
	struct hdb_cell *cells;	/* row-major */
	char *empty;		/* why there are no rows, when there are none */
};

void hdb_table_init(struct hdb_table *t, size_t n_cols);
void hdb_table_set_col(struct hdb_table *t, size_t col, const char *name,
		       const char *unit);
/*
 * How the table and md formats show the REAL cells of a column: digits > 0
 * that many decimals, digits < 0 that many significant digits, 0 (the
 * default) the value as stored.  csv and json always carry the full
 * value.
 */
void hdb_table_set_digits(struct hdb_table *t, size_t col, int digits);
/* Makes room for n rows in all, so that a query that knows its row
 * count fills the table without growing it. */
void hdb_table_reserve(struct hdb_table *t, size_t n);
/* Appends a row of NULL cells and returns its first cell. */
struct hdb_cell *hdb_table_add_row(struct hdb_table *t);
struct hdb_cell *hdb_table_cell(const struct hdb_table *t, size_t row,
				size_t col);
void hdb_cell_set_text(struct hdb_cell *c, const char *s);
/* Text of len bytes, which may hold NUL (SQLite text can). */
void hdb_cell_set_text_len(struct hdb_cell *c, const char *s, size_t len);
void hdb_cell_set_int(struct hdb_cell *c, long long v);
void hdb_cell_set_real(struct hdb_cell *c, double v);
/* Frees the rows and keeps the columns, for the next window of rows. */
void hdb_table_clear_rows(struct hdb_table *t);
void hdb_table_release(struct hdb_table *t);

/*
 * Runs one read-only SQL statement into a table.  A statement that would
 * write is refused.  Returns 0, or -1 with hdb_error set.
 */
int hdb_query_sql(struct sqlite3 *db, const char *sql, struct hdb_table *out);

/*
 * The rows of one read-only statement, read a window at a time so that a
 * result of any size is shown in bounded memory.  The statement runs in a
 * read transaction, so a second pass (hdb_cursor_rewind) sees the same
 * rows.
 */
struct hdb_cursor;

/*
 * Prepares the user's SQL like hdb_query_sql (writes and second statements
 * are refused) and sets up out with its columns and no rows.  Returns 0
 * and sets *c (free with hdb_cursor_free; release out), or -1 (hdb_error).
 */
int hdb_cursor_open(struct sqlite3 *db, const char *sql,
		    struct hdb_cursor **c, struct hdb_table *out);

/*
 * Replaces out's rows with the next ones: at most max_rows, and no more
 * once their text and blobs pass max_bytes (one row always fits).
 * Returns the number of rows (0 at the end), or -1 (hdb_error).
 */
long hdb_cursor_fetch(struct hdb_cursor *c, struct hdb_table *out,
		      size_t max_rows, size_t max_bytes);

/* Has the last fetch reached the end of the rows? */
int hdb_cursor_done(const struct hdb_cursor *c);

/* Starts again from the first row.  Returns 0 or -1 (hdb_error). */
int hdb_cursor_rewind(struct hdb_cursor *c);

/* Ends the read transaction and frees c; NULL is a no-op. */
void hdb_cursor_free(struct hdb_cursor *c);

/* The hosts of the store, what identified each (one row per key) and
 * their facts. */
int hdb_query_hosts(struct sqlite3 *db, struct hdb_table *out);
/* The facts set with `halodb hosts set`: host, key, value; by host and
 * key. */
int hdb_query_host_facts(struct sqlite3 *db, struct hdb_table *out);

/* Every ingested file: path, sha256 (12 digits), format and era, rows it
 * gave, rows it also reported (merged into another file's), hosts,
 * ingest time, options.  Returns 0 or -1; release out. */
int hdb_query_sources(struct sqlite3 *db, struct hdb_table *out);

/* The curation log: every edit made after ingest, oldest first. */
int hdb_query_log(struct sqlite3 *db, struct hdb_table *out);

/*
 * The models of the store (halodb models): a row per name and label, the
 * rows of one name together, with the count of rows in throughput,
 * server_timing, quality and reference_score, and the model files of the
 * throughput and server_timing rows (the most used few, counted).
 * Returns 0 (release out), or -1 with hdb_error set.
 */
int hdb_query_models(struct sqlite3 *db, struct hdb_table *out);

/*
 * Default throughput: tokens/s of pp512 and tg128 at depth 0, one row per
 * model and quant, two columns per host (MEASURE cells).  When a cell has
 * several measurements (builds, KV types, ...) the newest is shown and
 * flagged HDB_CELL_ALTERNATIVES.  *setup gets one row per host, model and
 * quant with the configuration behind the cells shown.
 */
int hdb_query_default_speed(struct sqlite3 *db, struct hdb_table *speed,
			    struct hdb_table *setup);

/*
 * The named queries of 'halodb query' (README.md documents their columns
 * and methods).  Each reads the public views, fills out (release it) and
 * returns 0, or -1 with hdb_error set; a selector that names nothing in
 * the store is such an error, and lists what exists.
 */
struct hdb_query_opts {
	const char *num, *den;	/* ratio: the two sides (selectors) */
	const char *a, *b;	/* crossover, quality: the two sides */
	const char *host;	/* degradation, noise: a selector */
	const char *hosts;	/* speed, depth: "a,b", the ratio a/b */
	const char *model, *quant, *test;	/* filters */
	const char *benchmark;	/* quality: a filter */
	const char *reference;	/* quality: a reference_score model */
	double noise;		/* the noise band, a fraction (0.02) */
	double cv;		/* noise: a high cv above it (0.05) */
};

/* Sets the defaults: no selectors, noise 0.02, cv 0.05. */
void hdb_query_opts_init(struct hdb_query_opts *o);

/*
 * Where a query that streams puts its rows (degradation, noise): it fills
 * its table a window of a few thousand rows at a time, host by host, and
 * hands each window to rows(ctx, t), which shows them and returns 0 (or
 * -1 with hdb_error set, which stops the query); the query then clears
 * the rows and goes on.  At the end the table holds the columns, no
 * rows, and empty when there were none at all.  The same queries without
 * a sink (hdb_query_degradation, hdb_query_noise) keep every row.
 */
struct hdb_sink {
	int (*rows)(void *ctx, const struct hdb_table *t);
	void *ctx;
};

int hdb_query_degradation_sink(struct sqlite3 *db,
			       const struct hdb_query_opts *o,
			       struct hdb_table *out,
			       const struct hdb_sink *sink);
int hdb_query_noise_sink(struct sqlite3 *db, const struct hdb_query_opts *o,
			 struct hdb_table *out, const struct hdb_sink *sink);

int hdb_query_ratio(struct sqlite3 *db, const struct hdb_query_opts *o,
		    struct hdb_table *out);
int hdb_query_crossover(struct sqlite3 *db, const struct hdb_query_opts *o,
			struct hdb_table *out);
int hdb_query_degradation(struct sqlite3 *db,
			  const struct hdb_query_opts *o,
			  struct hdb_table *out);
int hdb_query_noise(struct sqlite3 *db, const struct hdb_query_opts *o,
		    struct hdb_table *out);
int hdb_query_quality(struct sqlite3 *db, const struct hdb_query_opts *o,
		      struct hdb_table *out);
int hdb_query_speed(struct sqlite3 *db, const struct hdb_query_opts *o,
		    struct hdb_table *out);
int hdb_query_depth(struct sqlite3 *db, const struct hdb_query_opts *o,
		    struct hdb_table *out);

/* --- Charts: what query/ decides (data, series, labels, units);
 * render/ lays them out (render/layout.c) and paints them --- */

enum hdb_chart_kind {
	HDB_CHART_DEPTH,	/* tokens/s against depth (log2 axis), a line
				 * per series, a band for each point's
				 * interval, the crossover marked */
	HDB_CHART_RATIO,	/* a bar per category from 1.0 on a log
				 * scale, with interval whiskers */
	HDB_CHART_PASS,		/* a pass rate per category with Wilson
				 * whiskers; reference series as marks */
};

/* What a point is: a measurement, or a run that did not finish (drawn as
 * its own marker, never as zero). */
enum hdb_chart_mark {
	HDB_MARK_OK, HDB_MARK_WEDGED, HDB_MARK_CRASHED, HDB_MARK_OOM,
	HDB_MARK_FAILED, HDB_MARK_NOT_RUN,
};

struct hdb_chart_point {
	double x;		/* DEPTH: the depth in tokens (0 allowed) */
	char *category;		/* RATIO, PASS: the label (model); NULL for
				 * DEPTH */
	double y, lo, hi;	/* the value and its 95% interval; NAN when
				 * unknown (and always for a mark != OK) */
	enum hdb_chart_mark mark;
};

struct hdb_chart_series {
	char *name;		/* the legend's text: a host, a reference */
	int color;		/* index into the palette, the same for one
				 * host across the whole report */
	int reference;		/* PASS: a published score, drawn as a mark
				 * across its category, not a dot */
	struct hdb_chart_point *points;	/* DEPTH: by x ascending */
	size_t n_points, cap_points;
};

struct hdb_chart {
	enum hdb_chart_kind kind;
	char *id;		/* a file name stem: [a-z0-9-], unique in a
				 * report (charts/ID.svg, charts/ID.png) */
	char *title;		/* "qwen3-30b-a3b: tg128 against depth" */
	char *x_label, *y_label;	/* with units: "tokens/s" */
	char *alt;		/* the chart in words, for alt text */
	double crossover;	/* DEPTH: the estimated crossover depth, NAN
				 * when none */
	double crossover_from, crossover_to;	/* its bracketing depths */
	struct hdb_chart_series *series;
	size_t n_series, cap_series;
};

/* An empty chart of a kind (id and title copied); free with
 * hdb_chart_release. */
void hdb_chart_init(struct hdb_chart *c, enum hdb_chart_kind kind,
		    const char *id, const char *title, const char *x_label,
		    const char *y_label);
/* Appends a series and returns it (owned by c). */
struct hdb_chart_series *hdb_chart_add_series(struct hdb_chart *c,
					      const char *name, int color);
/* Appends a point to a series (category copied; may be NULL). */
void hdb_chart_add_point(struct hdb_chart_series *s, double x,
			 const char *category, double y, double lo, double hi,
			 enum hdb_chart_mark mark);
void hdb_chart_release(struct hdb_chart *c);

/*
 * The chart builders (query/charts.c) behind the report's charts and
 * `halodb chart`.  Each reads the store through the named queries above,
 * sets *charts to an array of *n charts (free with hdb_charts_free; *n
 * may be 0: no data for the selectors) and returns 0, or -1 with
 * hdb_error set (a selector that names nothing lists what exists).
 * Series colours are stable across a report: a host's colour is its
 * position among all hosts of the store by name; reference series come
 * after the hosts, by reference model name.
 *
 * hdb_chart_depth: o->hosts ("a,b,..." host names; NULL: every host),
 * o->model, o->quant, o->test (NULL: pp512 and tg128).  One DEPTH chart
 * per model, quant and test, a series per host (and per variant of its
 * runs: "a30 (dual-gpu)", in the host's colour), a point per measured
 * depth (mean and its 95% t interval; runs that did not finish as
 * marks); with exactly two hosts the points are the pairs 'query
 * crossover' compares and the chart carries its crossover.  Ids
 * "depth-MODEL-QUANT-TEST".
 *
 * hdb_chart_ratio: o->num, o->den (selectors), o->model, o->quant,
 * o->test (NULL: pp512 and tg128, a chart each) at one depth.  One
 * RATIO chart per test: a category per model (and quant, when the chart
 * has several), the ratio and its interval from 'query ratio'.  Ids
 * "ratio-NUM-DEN-TEST-dDEPTH".
 *
 * hdb_chart_pass: o->benchmark, o->model, o->reference (NULL: every
 * reference model).  One PASS chart per benchmark and metric: a category
 * per model, a series per host (pass rate, Wilson interval), and a
 * reference series (reference = 1) per published score of it.  Ids
 * "pass-BENCHMARK-METRIC".
 */
int hdb_chart_depth(struct sqlite3 *db, const struct hdb_query_opts *o,
		    struct hdb_chart **charts, size_t *n);
int hdb_chart_ratio(struct sqlite3 *db, const struct hdb_query_opts *o,
		    long long depth, struct hdb_chart **charts, size_t *n);
int hdb_chart_pass(struct sqlite3 *db, const struct hdb_query_opts *o,
		   struct hdb_chart **charts, size_t *n);
/* Releases charts[0..n-1] and frees the array; NULL is a no-op. */
void hdb_charts_free(struct hdb_chart *charts, size_t n);

/* --- The report model: what the report says, section by section.
 * query/ decides the sections, their prose, tables and charts; render/
 * turns them into report.md, index.html and charts/ --- */

/* Prose: text halodb wrote (markdown, trusted) and values from the store
 * (escaped by render/ wherever they go). */
struct hdb_prose {
	struct hdb_prose_part {
		char *text;
		int value;	/* from the store: escaped when written */
	} *parts;
	size_t n, cap;
};

/* Appends halodb's own markdown (value 0) or a value from the store
 * (value 1), formatted like printf. */
void hdb_prose_add(struct hdb_prose *p, int value, const char *fmt, ...)
	HDB_PRINTF(3, 4);
void hdb_prose_release(struct hdb_prose *p);

enum hdb_block_kind {
	HDB_BLOCK_PROSE,	/* a paragraph */
	HDB_BLOCK_HEADING,	/* a sub-heading (###) of the section */
	HDB_BLOCK_TABLE,	/* a table, its caption in prose */
	HDB_BLOCK_CHART,	/* a chart, its caption in prose */
	HDB_BLOCK_LIST,		/* prose as a bulleted list: one item per
				 * HDB_BLOCK_LIST block in a row */
};

struct hdb_block {
	enum hdb_block_kind kind;
	struct hdb_prose prose;	/* the text, heading or caption */
	struct hdb_table table;	/* TABLE */
	struct hdb_chart chart;	/* CHART */
};

struct hdb_section {
	char *id;		/* the anchor: "contestants", "throughput" */
	char *title;
	struct hdb_block *blocks;
	size_t n, cap;
};

struct hdb_report_model {
	char *title;
	char *date;		/* the newest ingest (or SOURCE_DATE_EPOCH),
				 * YYYY-MM-DD; NULL for an empty store */
	long long n_results, n_quality, n_sources;
	struct hdb_prose intro;
	struct hdb_section *sections;
	size_t n, cap;
};

struct hdb_report_opts {
	const char *title;	/* NULL: a title from the hosts */
	const char *hosts;	/* "a,b": the two hosts compared; NULL: the
				 * two with most throughput rows */
	const char *const *models;	/* only these models; NULL: all */
	size_t n_models;
	const struct hdb_progress *progress;	/* NULL: none */
	/* called on the caller's thread with each section once it is whole:
	 * its blocks do not change or move after (the section itself moves
	 * as sections are added); NULL: none */
	void (*section_done)(void *ctx, const struct hdb_section *s);
	void *section_ctx;
};

/* Appends a section (id and title copied) and returns it. */
struct hdb_section *hdb_report_section(struct hdb_report_model *m,
				       const char *id, const char *title);
/* Appends a block of a kind to a section and returns it (zeroed; a TABLE
 * block's table and a CHART block's chart are the caller's to fill). */
struct hdb_block *hdb_section_block(struct hdb_section *s,
				    enum hdb_block_kind kind);
void hdb_report_model_release(struct hdb_report_model *m);

/*
 * The whole report from the store: the sections that have data, in the
 * order of the seed report.  Returns 0 (release m), or -1 (hdb_error).
 */
int hdb_query_report(struct sqlite3 *db, const struct hdb_report_opts *o,
		     struct hdb_report_model *m);

#endif
