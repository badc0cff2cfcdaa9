/*
 * report.c: the static site.  Result tables become report.md through the
 * templates/report.md skeleton; report.md becomes index.html through
 * cmark-gfm and templates/page.html; templates/style.css is copied along.
 * Every string that came from an input is escaped on its way into
 * markdown, so nothing from a results file can inject HTML.  The three
 * files are written beside their final names and renamed into place
 * together, so a reader never sees half a report.
 */
#include "render.h"
#include "html.h"

#include <errno.h>
#include <fcntl.h>
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

/* One file of the report on its way into place. */
struct site_file {
	const char *name;	/* under the report's directory */
	const char *text;
	size_t len;
	char *path;		/* DIR/name */
	char *tmp;		/* the new text, until renamed to path */
	char *old;		/* a hard link to what path held, or NULL */
};

/*
 * Writes f->text to a fresh temporary beside f->path.  mkstemp opens with
 * O_CREAT|O_EXCL, which never follows a link, and its name is not
 * predictable, so nothing planted in DIR can redirect the write.  The file
 * is flushed to disk before it is closed, so a crash after the renames
 * cannot leave an empty page.  Returns 0 or -1 (hdb_error).
 */
static int write_temporary(const char *dir, struct site_file *f)
{
	size_t done = 0;
	int fd;

	f->path = xasprintf("%s/%s", dir, f->name);
	f->tmp = xasprintf("%s/.%s.XXXXXX", dir, f->name);
	fd = mkstemp(f->tmp);
	if (fd < 0) {
		hdb_error("cannot write '%s': %s (no file of the report was "
			  "changed)", f->path, strerror(errno));
		free(f->tmp);
		f->tmp = NULL;
		return -1;
	}
	/* mkstemp makes the file private; a report is meant to be read. */
	if (fchmod(fd, 0644))
		goto fail;
	while (done < f->len) {
		ssize_t n = write(fd, f->text + done, f->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		done += (size_t)n;
	}
	if (fsync(fd))
		goto fail;
	if (close(fd)) {
		fd = -1;
		goto fail;
	}
	return 0;
fail:
	hdb_error("cannot write '%s': %s (no file of the report was changed)",
		  f->path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return -1;
}

/*
 * Keeps what f->path holds now under a hard link, so that a failed
 * replacement of a later file can put it back.  Nothing there is fine;
 * a link itself (not its target) is kept.  Returns 0 or -1 (hdb_error).
 */
static int keep_old(const char *dir, struct site_file *f)
{
	int tries;

	for (tries = 0; tries < 100; tries++) {
		char *old = xasprintf("%s/.%s.old.%ld.%d", dir, f->name,
				      (long)getpid(), tries);

		if (!link(f->path, old)) {
			f->old = old;
			return 0;
		}
		free(old);
		if (errno == ENOENT)
			return 0;
		if (errno != EEXIST)
			break;
	}
	/* A directory at the final name (or a file system without hard
	 * links): go on without a copy; rename says what is wrong. */
	return errno == EPERM || errno == EISDIR ? 0
		: hdb_error("cannot write '%s': %s (no file of the report was "
			    "changed)", f->path, strerror(errno));
}

/*
 * Puts the files in place together: every temporary is already written
 * and closed; each is renamed over its final name (a link there is
 * replaced, not followed).  When one rename fails, the files already
 * renamed get their previous text back (or go, if they were new), so a
 * reader sees the old report or the new one, never a mix.
 * Returns 0 or -1 (hdb_error).
 */
static int put_in_place(const char *dir, struct site_file *files, size_t n)
{
	size_t i, done;
	int ret = -1, fd;

	for (i = 0; i < n; i++)
		if (keep_old(dir, &files[i]))
			goto out;
	for (done = 0; done < n; done++) {
		if (rename(files[done].tmp, files[done].path)) {
			hdb_error("cannot write '%s': %s (no file of the "
				  "report was changed)", files[done].path,
				  strerror(errno));
			goto rollback;
		}
		free(files[done].tmp);
		files[done].tmp = NULL;
	}
	/* The renames themselves reach the disk with the directory. */
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	ret = 0;
	goto out;
rollback:
	while (done--) {
		struct site_file *f = &files[done];

		if (f->old ? rename(f->old, f->path) : unlink(f->path)) {
			/* Keep the old text where it is, to be found. */
			free(f->old);
			f->old = NULL;
			continue;
		}
		free(f->old);
		f->old = NULL;
	}
out:
	for (i = 0; i < n; i++)
		if (files[i].old) {
			unlink(files[i].old);
			free(files[i].old);
			files[i].old = NULL;
		}
	return ret;
}

/*
 * Writes the report's files together: all temporaries first, then all
 * renames.  On any failure every temporary is removed and the previous
 * files stay.  Returns 0 or -1 (hdb_error).
 */
static int write_site(const char *dir, struct site_file *files, size_t n)
{
	size_t i;
	int ret = -1;

	for (i = 0; i < n; i++)
		if (write_temporary(dir, &files[i]))
			goto out;
	ret = put_in_place(dir, files, n);
out:
	for (i = 0; i < n; i++) {
		if (files[i].tmp)
			unlink(files[i].tmp);
		free(files[i].tmp);
		free(files[i].path);
	}
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
	struct site_file files[3] = {
		{ .name = "report.md" }, { .name = "style.css" },
		{ .name = "index.html" },
	};
	char *css = NULL;
	int ret = -1;

	if (build_markdown(templates, r, &md) ||
	    build_page(templates, &md, &page) ||
	    hdb_template(templates, "style.css", &css) ||
	    make_dirs(dir))
		goto out;
	files[0].text = md.buf;
	files[0].len = md.len;
	files[1].text = css;
	files[1].len = strlen(css);
	files[2].text = page.buf;
	files[2].len = page.len;
	ret = write_site(dir, files, 3);
out:
	free(css);
	strbuf_release(&md);
	strbuf_release(&page);
	return ret;
}
