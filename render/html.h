/*
 * html.h: helpers shared by the files of render/ (private to it).
 */
#ifndef HALODB_RENDER_HTML_H
#define HALODB_RENDER_HTML_H

#include "../util.h"

/* Fills lib with cairo's name and versions (chart.c, cairo's one file). */
void hdb_cairo_library(struct hdb_library *lib);

/* The plain text of the first level-1 heading, or NULL; caller frees. */
char *hdb_markdown_title(const char *md, size_t len);

/* Appends s with &, <, >, " and ' escaped for HTML text and attributes. */
void hdb_html_escape(struct strbuf *sb, const char *s);

/* A --templates directory: it must be one and hold at least one of the
 * built-in templates' names (else it is surely not the one meant).
 * Returns 0, or -1 with hdb_error set. */
int hdb_check_templates(const char *dir);

/* The text of template name: dir/name when dir is given and holds it,
 * else the built-in copy.  Returns 0 and sets *text and *path (the file
 * read, NULL for the built-in copy; caller frees both), or -1 with
 * hdb_error set. */
int hdb_template(const char *dir, const char *name, char **text, char **path);

/* Appends tmpl with every {{key}} replaced by its value from vars (a
 * NULL-terminated list of key, value pairs).  An unknown key is an error
 * ('name:line:col: unknown placeholder '{{x}}': expected ...', naming the
 * keys of vars), so a typo in a template cannot pass silently.  Returns 0
 * or -1. */
int hdb_fill_template(struct strbuf *out, const char *name, const char *tmpl,
		      const char *const *vars);

#endif
