/*
 * report.c: the static site.  Result tables become report.md through the
 * templates/report.md skeleton; report.md becomes index.html through
 * cmark-gfm and templates/page.html; templates/style.css is copied along.
 * Every string that came from an input is escaped on its way into
 * markdown, so nothing from a results file can inject HTML.
 */
#include "render.h"
#include "html.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Creates dir and its parents, like mkdir -p. */
static int make_dirs(const char *dir)
{
	char *path = xstrdup(dir), *p;
	int ret = 0;

	for (p = path + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(path, 0777) && errno != EEXIST) {
				ret = hdb_error("cannot create directory '%s': "
						"%s", path, strerror(errno));
				break;
			}
			*p = c;
			if (!c)
				break;
		}
	}
	free(path);
	return ret;
}

/* Writes a file whole or not at all (a temporary file, then rename). */
static int write_whole(const char *dir, const char *name, const char *text,
		       size_t len)
{
	char *path = xasprintf("%s/%s", dir, name);
	char *tmp = xasprintf("%s/.%s.tmp", dir, name);
	FILE *f = fopen(tmp, "wb");
	int ret = -1;

	if (!f) {
		hdb_error("cannot write '%s': %s", tmp, strerror(errno));
		goto out;
	}
	if (fwrite(text, 1, len, f) != len || fflush(f) || ferror(f)) {
		hdb_error("cannot write '%s': %s", tmp, strerror(errno));
		fclose(f);
		unlink(tmp);
		goto out;
	}
	if (fclose(f)) {
		hdb_error("cannot write '%s': %s", tmp, strerror(errno));
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, path)) {
		hdb_error("cannot write '%s': %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	ret = 0;
out:
	free(path);
	free(tmp);
	return ret;
}

static int any_alternatives(const struct hdb_table *t)
{
	size_t i;

	for (i = 0; i < t->n_rows * t->n_cols; i++)
		if (t->cells[i].flags & HDB_CELL_ALTERNATIVES)
			return 1;
	return 0;
}

/* A table, or the reason it is empty, as markdown. */
static char *md_table_or_reason(const struct hdb_table *t)
{
	struct strbuf sb = STRBUF_INIT;

	if (t->n_rows) {
		hdb_md_table(&sb, t);
	} else {
		strbuf_addch(&sb, '*');
		hdb_md_escape(&sb, t->empty ? t->empty : "no results");
		strbuf_addch(&sb, '*');
	}
	return strbuf_detach(&sb);
}

static int build_markdown(const char *templates, const struct hdb_report *r,
			  struct strbuf *md)
{
	char *tmpl = NULL, *speed = md_table_or_reason(r->speed);
	char *setup = md_table_or_reason(r->setup);
	char *n_results = xasprintf("%lld", r->n_results);
	char *n_sources = xasprintf("%lld", r->n_sources);
	const char *notes = any_alternatives(r->speed)
		? "† This host has other measurements of this model, quant "
		  "and test (another build, KV cache type or setting); the "
		  "newest is shown. Ask the store for all of them with "
		  "`halodb sql`."
		: "";
	const char *vars[] = {
		"n_results", n_results, "n_sources", n_sources,
		"speed_table", speed, "speed_notes", notes,
		"setup_table", setup, NULL,
	};
	int ret = -1;

	if (!hdb_template(templates, "report.md", &tmpl))
		ret = hdb_fill_template(md, "report.md", tmpl, vars);
	free(tmpl);
	free(speed);
	free(setup);
	free(n_results);
	free(n_sources);
	return ret;
}

static int build_page(const char *templates, const struct strbuf *md,
		      struct strbuf *page)
{
	char *tmpl = NULL, *html = hdb_markdown_to_html(md->buf, md->len);
	char *title = hdb_markdown_title(md->buf, md->len);
	struct strbuf esc = STRBUF_INIT;
	const char *vars[] = { "title", NULL, "content", html, NULL };
	int ret = -1;

	hdb_html_escape(&esc, title ? title : "halodb report");
	vars[1] = esc.buf;
	if (!hdb_template(templates, "page.html", &tmpl))
		ret = hdb_fill_template(page, "page.html", tmpl, vars);
	free(tmpl);
	free(html);
	free(title);
	strbuf_release(&esc);
	return ret;
}

int hdb_render_report(const char *dir, const char *templates,
		      const struct hdb_report *r)
{
	struct strbuf md = STRBUF_INIT, page = STRBUF_INIT;
	char *css = NULL;
	int ret = -1;

	if (build_markdown(templates, r, &md) ||
	    build_page(templates, &md, &page) ||
	    hdb_template(templates, "style.css", &css) ||
	    make_dirs(dir) ||
	    write_whole(dir, "report.md", md.buf, md.len) ||
	    write_whole(dir, "style.css", css, strlen(css)) ||
	    write_whole(dir, "index.html", page.buf, page.len))
		goto out;
	ret = 0;
out:
	free(css);
	strbuf_release(&md);
	strbuf_release(&page);
	return ret;
}
