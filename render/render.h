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

/* Writes a table in a format.  Returns 0, or -1 if writing failed. */
int hdb_render_table(FILE *out, const struct hdb_table *t,
		     enum hdb_out_format fmt);

/*
 * Appends s to sb so that markdown shows it literally and no HTML from it
 * survives: markdown punctuation is backslash-escaped, '<', '>' and '&'
 * become entities, line breaks become spaces.
 */
void hdb_md_escape(struct strbuf *sb, const char *s);

/* Appends a result table as a GFM table (numbers right-aligned). */
void hdb_md_table(struct strbuf *sb, const struct hdb_table *t);

/* What the report shows; the tables come from query/. */
struct hdb_report {
	const struct hdb_table *speed;	/* hdb_query_default_speed */
	const struct hdb_table *setup;
	long long n_results;		/* rows in the store */
	long long n_sources;		/* files they came from */
};

/*
 * Writes DIR/report.md, DIR/index.html (report.md through cmark-gfm with
 * the GFM table extension, inside templates/page.html) and DIR/style.css.
 * templates may be NULL for the templates built into halodb.  The three
 * files appear together or not at all: each is written to a temporary
 * (O_EXCL, a random name, so no link in DIR is followed) and flushed, and
 * only then are all renamed into place; on a failure the previous files
 * stay.  Returns 0, or -1 with hdb_error set.
 */
int hdb_render_report(const char *dir, const char *templates,
		      const struct hdb_report *r);

/* Renders markdown to an HTML fragment with GFM tables; caller frees. */
char *hdb_markdown_to_html(const char *md, size_t len);

#endif
