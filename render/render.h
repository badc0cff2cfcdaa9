/*
 * render.h: the door of render/, everything that turns result tables into
 * bytes: text tables, CSV, JSON and markdown for the CLI; report.md and
 * index.html (through cmark-gfm and templates/) for the site.
 */
#ifndef HALODB_RENDER_H
#define HALODB_RENDER_H

#include "../query/query.h"
#include "../util.h"

#include <stdio.h>

enum hdb_out_format {
	HDB_OUT_TABLE,		/* aligned columns, for people */
	HDB_OUT_CSV,		/* RFC 4180 quoting, lines end in \n */
	HDB_OUT_JSON,		/* an array of objects */
	HDB_OUT_MD,		/* a GitHub-flavoured markdown table */
};

/* Parses 'table', 'csv', 'json' or 'md'.  Returns 0, or -1 (hdb_error). */
int hdb_out_format_parse(const char *name, enum hdb_out_format *out);

/* A flag of the renderers: the output is a terminal (see below). */
#define HDB_RENDER_TERMINAL 1u

/*
 * Writes a table in a format.  Text is shown so that nothing in it can
 * break the format or act on a terminal:
 *   table  control characters (C0, DEL, C1, NUL) become spaces, bytes
 *          that are not valid UTF-8 become U+FFFD
 *   csv    RFC 4180 quoting, the bytes as stored; with
 *          HDB_RENDER_TERMINAL, made printable as in the table format
 *   json   always valid JSON: controls as \u00XX, each byte that is not
 *          valid UTF-8 as \ufffd
 *   md     made printable as in the table format, then escaped
 *          (hdb_md_escape)
 * flags: HDB_RENDER_TERMINAL or 0.  Returns 0, or -1 if writing failed.
 */
int hdb_render_table(FILE *out, const struct hdb_table *t,
		     enum hdb_out_format fmt, unsigned flags);

/*
 * Writes the rows of a cursor as hdb_render_table would, a window of
 * rows at a time, in memory that does not grow with the result.  t holds
 * the cursor's columns (hdb_cursor_open) and is reused for each window.
 * The table and md formats need every row's width first: a result of
 * more than one window is read twice.  Returns 0 or -1 (hdb_error).
 */
int hdb_render_cursor(FILE *out, struct hdb_cursor *c, struct hdb_table *t,
		      enum hdb_out_format fmt, unsigned flags);

/*
 * Rows that come a window at a time (a query's sink, query.h), written as
 * hdb_render_table would write them all at once, in memory that does not
 * grow with the rows: csv and json as they come; table and md, which
 * need every row's width first, from a temporary file the windows go to
 * (tmpfile()), printed at the end.  hdb_stream_rows takes a window (every
 * window with the same columns) and returns 0 or -1 (hdb_error);
 * hdb_stream_end writes what is left (t: the columns, and why there are
 * no rows when there are none) and returns 0 or -1.  Free with
 * hdb_stream_free (NULL is a no-op).
 */
struct hdb_stream;
struct hdb_stream *hdb_stream_new(FILE *out, enum hdb_out_format fmt,
				  unsigned flags);
int hdb_stream_rows(struct hdb_stream *s, const struct hdb_table *t);
int hdb_stream_end(struct hdb_stream *s, const struct hdb_table *t);
void hdb_stream_free(struct hdb_stream *s);

/*
 * Appends s to sb so that markdown shows it literally and no HTML from it
 * survives: markdown punctuation is backslash-escaped, '<', '>' and '&'
 * become entities, control characters (line breaks too) become spaces
 * and bytes that are not valid UTF-8 become U+FFFD.
 */
void hdb_md_escape(struct strbuf *sb, const char *s);

/* Appends a result table as a GFM table (numbers right-aligned). */
void hdb_md_table(struct strbuf *sb, const struct hdb_table *t);

/*
 * Writes the report of a model (hdb_query_report) into dir:
 * report.md (GitHub-flavoured markdown, through templates/report.md),
 * index.html (report.md through cmark-gfm, in templates/page.html),
 * style.css, and charts/ID.svg and charts/ID.png for every chart block.
 * templates may be NULL for the templates built into halodb, or a
 * directory whose page.html, style.css and report.md replace the built-in
 * ones, each that it holds (it must hold one).  The files
 * appear together or not at all: each is written to a temporary (O_EXCL,
 * a random name, so no link in dir is followed) and flushed, and only
 * then are all renamed into place; on a failure the previous files stay.
 * dir/.halodb-manifest lists what was written; files an earlier report
 * listed there and this one did not write are removed.  Returns 0, or -1
 * with hdb_error set.
 */
int hdb_render_report(const char *dir, const char *templates,
		      const struct hdb_report_model *m);
/* The same, telling progress of each chart it draws (stage "chart", done
 * of total, what: the chart's id).  progress may be NULL. */
int hdb_render_report_progress(const char *dir, const char *templates,
			       const struct hdb_report_model *m,
			       const struct hdb_progress *progress);

/*
 * Charts drawn while the model is built: started before hdb_query_report
 * (NULL where there is one processor, or no thread could start: every
 * function here takes NULL), it draws on its own thread each chart of
 * every section handed to hdb_chart_ahead_add (whole sections of the
 * model, whose blocks must not change or move until the ahead is freed:
 * hdb_report_opts' section_done hook), writing each to its temporary in dir;
 * hdb_render_report_ahead then draws the rest and writes them all.  Its
 * directories are made with the first chart; a failure there is the
 * render's to report.  Only for the built-in templates: with a templates
 * directory the render checks it before any directory is made.  The caller
 * frees it with hdb_chart_ahead_free (after the render, or when the
 * query failed), which removes the temporaries the render did not take.
 * progress (NULL: none) hears of each chart it draws, chart k of the n
 * queued so far, from its thread: its function must take calls from two
 * threads at once.
 */
struct hdb_chart_ahead;
struct hdb_chart_ahead *hdb_chart_ahead_start(const char *dir,
					      const struct hdb_progress *progress);
void hdb_chart_ahead_add(struct hdb_chart_ahead *a,
			 const struct hdb_section *s);
void hdb_chart_ahead_free(struct hdb_chart_ahead *a);
/* hdb_render_report_progress, with the charts ahead drew (NULL: none). */
int hdb_render_report_ahead(const char *dir, const char *templates,
			    const struct hdb_report_model *m,
			    const struct hdb_progress *progress,
			    struct hdb_chart_ahead *ahead);

/*
 * Draws a chart (query.h) into path: SVG when path ends in ".svg", PNG at
 * twice the size (for high-density screens) when it ends in ".png"; the
 * same paint code for both.  The file is written to a temporary beside
 * path and renamed into place.  Returns 0, or -1 with hdb_error set.
 */
int hdb_render_chart(const struct hdb_chart *c, const char *path);

/* The same into memory: SVG (png 0) or PNG (png 1) bytes appended to out.
 * Returns 0, or -1 with hdb_error set. */
int hdb_render_chart_bytes(const struct hdb_chart *c, int png,
			   struct strbuf *out);

/* Renders markdown to an HTML fragment with GFM tables; caller frees. */
char *hdb_markdown_to_html(const char *md, size_t len);

/* The libraries render/ runs with (cmark-gfm, cairo): *n entries, static. */
const struct hdb_library *hdb_render_libraries(size_t *n);

#endif
