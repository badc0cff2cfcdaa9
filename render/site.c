/*
 * site.c: the static site, from the report model of query/.  The model's
 * sections become report.md through the templates/report.md skeleton;
 * report.md becomes index.html through cmark-gfm and templates/page.html;
 * each chart becomes charts/ID.svg and charts/ID.png (chart.c);
 * templates/style.css is copied along.  Every string that came from an
 * input is escaped on its way into markdown (and charts draw text as
 * glyphs), so nothing from a results file can inject HTML.  All files are
 * written beside their final names and renamed into place together, so a
 * reader never sees half a report; a manifest (.halodb-manifest) lists
 * them, so that files of an earlier report that this one no longer makes
 * are removed, and nothing else in DIR is touched.
 */
#include "render.h"
#include "html.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Directories one call made, outermost first. */
struct made_dirs {
	char **path;
	size_t n;
};

/* Creates dir and its parents, like mkdir -p; those it made are added to
 * made (NULL: not noted). */
static int make_dirs_noting(const char *dir, struct made_dirs *made)
{
	char *path = xstrdup(dir), *p;
	int ret = 0;

	for (p = path + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (!mkdir(path, 0777)) {
				if (made) {
					made->path = xrealloc(made->path,
						(made->n + 1) *
						sizeof(*made->path));
					made->path[made->n++] = xstrdup(path);
				}
			} else if (errno != EEXIST) {
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

static int make_dirs(const char *dir)
{
	return make_dirs_noting(dir, NULL);
}

/* Removes those of made that are empty, innermost first, and forgets
 * them all. */
static void unmake_dirs(struct made_dirs *made)
{
	while (made->n) {
		char *path = made->path[--made->n];

		rmdir(path);
		free(path);
	}
	free(made->path);
	made->path = NULL;
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

	const char *slash = strrchr(f->name, '/');

	f->path = xasprintf("%s/%s", dir, f->name);
	/* beside the final name, in its own directory (charts/) */
	f->tmp = slash ? xasprintf("%s/%.*s/.%s.XXXXXX", dir,
				   (int)(slash - f->name), f->name, slash + 1)
		 : xasprintf("%s/.%s.XXXXXX", dir, f->name);
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
		const char *slash = strrchr(f->name, '/');
		char *old = slash
			? xasprintf("%s/%.*s/.%s.old.%ld.%d", dir,
				    (int)(slash - f->name), f->name, slash + 1,
				    (long)getpid(), tries)
			: xasprintf("%s/.%s.old.%ld.%d", dir, f->name,
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
/* Forgets (and removes) the temporaries of files that are not written
 * to their names. */
static void drop_temporaries(struct site_file *files, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (files[i].tmp)
			unlink(files[i].tmp);
		free(files[i].tmp);
		free(files[i].path);
		files[i].tmp = files[i].path = NULL;
	}
}

/* Writes the files that have no temporary yet (charts are written as
 * they are drawn), then puts every one in place. */
static int write_site(const char *dir, struct site_file *files, size_t n)
{
	size_t i;
	int ret = -1;

	for (i = 0; i < n; i++)
		if (!files[i].tmp && write_temporary(dir, &files[i]))
			goto out;
	ret = put_in_place(dir, files, n);
out:
	drop_temporaries(files, n);
	return ret;
}

/* Appends prose: halodb's own markdown as it is, values escaped. */
static void add_prose(struct strbuf *md, const struct hdb_prose *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->parts[i].value)
			hdb_md_escape(md, p->parts[i].text);
		else
			strbuf_addstr(md, p->parts[i].text);
}

/* A table, or the reason it is empty, as markdown. */
static void add_table(struct strbuf *md, const struct hdb_table *t)
{
	if (t->n_rows) {
		hdb_md_table(md, t);
	} else {
		strbuf_addch(md, '*');
		hdb_md_escape(md, t->empty ? t->empty : "no results");
		strbuf_addstr(md, "*\n");
	}
}

/* A chart as an image; the caption under it. */
static void add_chart(struct strbuf *md, const struct hdb_block *b)
{
	const struct hdb_chart *c = &b->chart;

	strbuf_addstr(md, "![");
	hdb_md_escape(md, c->alt ? c->alt : c->title);
	/* ids are [a-z0-9-] (query/charts.c): safe in a link */
	strbuf_addf(md, "](charts/%s.svg)\n\n", c->id);
	if (b->prose.n) {
		strbuf_addch(md, '*');
		add_prose(md, &b->prose);
		strbuf_addf(md, "* ([PNG](charts/%s.png))\n", c->id);
	}
}

static void add_section(struct strbuf *md, const struct hdb_section *s)
{
	size_t i;

	strbuf_addstr(md, "## ");
	hdb_md_escape(md, s->title);
	strbuf_addstr(md, "\n\n");
	for (i = 0; i < s->n; i++) {
		const struct hdb_block *b = &s->blocks[i];

		switch (b->kind) {
		case HDB_BLOCK_PROSE:
			add_prose(md, &b->prose);
			strbuf_addch(md, '\n');
			break;
		case HDB_BLOCK_HEADING:
			strbuf_addstr(md, "### ");
			add_prose(md, &b->prose);
			strbuf_addch(md, '\n');
			break;
		case HDB_BLOCK_TABLE:
			if (b->prose.n) {
				add_prose(md, &b->prose);
				strbuf_addstr(md, "\n\n");
			}
			add_table(md, &b->table);
			break;
		case HDB_BLOCK_CHART:
			add_chart(md, b);
			break;
		case HDB_BLOCK_LIST:
			strbuf_addstr(md, "- ");
			add_prose(md, &b->prose);
			strbuf_addch(md, '\n');
			/* a list runs on while LIST blocks follow */
			if (i + 1 < s->n && s->blocks[i + 1].kind ==
			    HDB_BLOCK_LIST)
				continue;
			break;
		}
		strbuf_addch(md, '\n');
	}
}

static int build_markdown(const char *templates,
			  const struct hdb_report_model *m, struct strbuf *md)
{
	struct strbuf title = STRBUF_INIT, intro = STRBUF_INIT;
	struct strbuf sections = STRBUF_INIT;
	char *tmpl = NULL, *path = NULL;
	const char *vars[] = {
		"title", NULL, "intro", NULL, "sections", NULL, NULL,
	};
	size_t i;
	int ret = -1;

	hdb_md_escape(&title, m->title ? m->title : "halodb report");
	add_prose(&intro, &m->intro);
	for (i = 0; i < m->n; i++)
		add_section(&sections, &m->sections[i]);
	vars[1] = strbuf_str(&title);
	vars[3] = strbuf_str(&intro);
	vars[5] = strbuf_str(&sections);
	if (!hdb_template(templates, "report.md", &tmpl, &path))
		ret = hdb_fill_template(md, path ? path : "report.md", tmpl,
					vars);
	free(tmpl);
	free(path);
	strbuf_release(&title);
	strbuf_release(&intro);
	strbuf_release(&sections);
	return ret;
}

static int build_page(const char *templates, const struct strbuf *md,
		      struct strbuf *page)
{
	char *tmpl = NULL, *path = NULL;
	char *html = hdb_markdown_to_html(md->buf, md->len);
	char *title = hdb_markdown_title(md->buf, md->len);
	struct strbuf esc = STRBUF_INIT;
	const char *vars[] = { "title", NULL, "content", html, NULL };
	int ret = -1;

	hdb_html_escape(&esc, title ? title : "halodb report");
	vars[1] = esc.buf;
	if (!hdb_template(templates, "page.html", &tmpl, &path))
		ret = hdb_fill_template(page, path ? path : "page.html", tmpl,
					vars);
	free(tmpl);
	free(path);
	free(html);
	free(title);
	strbuf_release(&esc);
	return ret;
}

#define MANIFEST ".halodb-manifest"

/* The files an earlier report wrote (its manifest), a name a line. */
static char **read_manifest(const char *dir, size_t *n)
{
	char *path = xasprintf("%s/" MANIFEST, dir), *text = NULL, *p, *nl;
	char **names = NULL;
	size_t len;

	*n = 0;
	if (read_file_max(path, (size_t)1 << 20, &text, &len)) {
		free(path);
		return NULL;	/* none, or not ours: remove nothing */
	}
	for (p = text; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = '\0';
		/* only names this code writes: report files and charts/ */
		if (*p && !strstr(p, "..") && p[0] != '/' &&
		    strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789-./") ==
		    strlen(p)) {
			names = xrealloc(names, (*n + 1) * sizeof(*names));
			names[(*n)++] = xstrdup(p);
		}
	}
	free(text);
	free(path);
	return names;
}

/* Removes what the earlier report wrote and this one did not. */
static void remove_stale(const char *dir, char **old, size_t n_old,
			 const struct site_file *files, size_t n)
{
	size_t i, j;

	for (i = 0; i < n_old; i++) {
		for (j = 0; j < n; j++)
			if (!strcmp(old[i], files[j].name))
				break;
		if (j == n) {
			char *path = xasprintf("%s/%s", dir, old[i]);

			unlink(path);
			free(path);
		}
	}
}

int hdb_render_report(const char *dir, const char *templates,
		      const struct hdb_report_model *m)
{
	return hdb_render_report_progress(dir, templates, m, NULL);
}

/* Tells progress that chart k of n is being drawn. */
static void tell_chart(const struct hdb_progress *progress, size_t k,
		       size_t n, const char *id)
{
	struct hdb_progress_state ps = { "chart", k, n, 0, 0, 0, id };

	if (progress && progress->fn)
		progress->fn(progress->ctx, &ps);
}

/*
 * The charts, drawn by as many threads as there are processors (at most
 * MAX_DRAWERS): each takes the next chart, draws its SVG and PNG and
 * writes each to its temporary as soon as it is drawn (a report of 200
 * charts held 30 MiB of them until the end).  The bytes of a chart do
 * not depend on the thread that drew it; cairo, libpng and zlib keep no
 * state between surfaces.  The queue can open before the model is whole
 * (struct hdb_chart_ahead): one thread then draws the charts of the
 * sections done while query/ computes the later ones.
 */
#define MAX_DRAWERS 8

struct drawing {
	pthread_mutex_t lock;
	pthread_cond_t cond;	/* a chart queued or drawn, or the end */
	char *dir;
	const struct hdb_block **charts;	/* in the report's order */
	struct site_file *files;	/* chart k: files[2k] (SVG), [2k + 1] */
	size_t n, cap, next;
	size_t busy;		/* charts taken, not yet drawn */
	int closed;		/* no chart comes after charts[n - 1] */
	int ready;		/* the directories are made */
	struct made_dirs made;	/* ahead: those its thread made */
	int off;		/* ahead: they could not be; it drew nothing */
	const struct hdb_progress *progress;
	char *err;		/* the first failure's message */
	pthread_t thread;	/* ahead: its own, while has_thread */
	int has_thread;
};

/* Draws chart c into f[0] (SVG) and f[1] (PNG), each written to its
 * temporary.  Returns 0 or -1 (hdb_error, this thread's). */
static int draw_chart(const char *dir, const struct hdb_chart *c,
		      struct site_file *f)
{
	struct strbuf bytes = STRBUF_INIT;
	int png, ret = 0;

	for (png = 0; png < 2 && !ret; png++) {
		strbuf_reset(&bytes);
		ret = hdb_render_chart_bytes(c, png, &bytes);
		f[png] = (struct site_file){
			.name = xasprintf("charts/%s.%s", c->id,
					  png ? "png" : "svg"),
			.text = bytes.buf, .len = bytes.len };
		if (!ret)
			ret = write_temporary(dir, &f[png]);
		f[png].text = NULL;
	}
	strbuf_release(&bytes);
	return ret;
}

/* Forgets charts' files (their names are the drawing's). */
static void drop_chart_files(struct site_file *f, size_t n)
{
	size_t i;

	drop_temporaries(f, n);
	for (i = 0; i < n; i++) {
		free((char *)f[i].name);
		f[i].name = NULL;
	}
}

/*
 * Takes the next chart until the queue is closed and empty, or a chart
 * failed.  An ahead's thread first makes the report's directories, as the
 * render would (noting those it made, for a query that then fails);
 * where that fails it draws nothing and the render, doing the same, says
 * why.
 */
static void *drawer(void *arg)
{
	struct drawing *d = arg;
	struct site_file f[2];
	const struct hdb_block *b;
	size_t k;
	int rc;

	pthread_mutex_lock(&d->lock);
	for (;;) {
		while (!d->err && !d->off && d->next >= d->n && !d->closed)
			pthread_cond_wait(&d->cond, &d->lock);
		if (d->err || d->off || d->next >= d->n)
			break;
		if (!d->ready) {
			char *charts = xasprintf("%s/charts", d->dir);

			d->off = make_dirs_noting(d->dir, &d->made) ||
				 make_dirs_noting(charts, &d->made);
			d->ready = !d->off;
			free(charts);
			continue;
		}
		k = d->next++;
		b = d->charts[k];
		d->busy++;
		if (d->progress)
			tell_chart(d->progress, k, d->n, b->chart.id);
		pthread_mutex_unlock(&d->lock);
		memset(f, 0, sizeof(f));
		rc = draw_chart(d->dir, &b->chart, f);
		pthread_mutex_lock(&d->lock);
		d->busy--;
		if (rc) {
			if (!d->err)
				d->err = xstrdup(hdb_errmsg());
			drop_chart_files(f, 2);
		} else {
			d->files[2 * k] = f[0];
			d->files[2 * k + 1] = f[1];
		}
		pthread_cond_broadcast(&d->cond);
	}
	pthread_mutex_unlock(&d->lock);
	return NULL;
}

static void drawing_init(struct drawing *d, const char *dir)
{
	memset(d, 0, sizeof(*d));
	pthread_mutex_init(&d->lock, NULL);
	pthread_cond_init(&d->cond, NULL);
	d->dir = xstrdup(dir);
}

/* Queues chart block b (d->lock held). */
static void drawing_add(struct drawing *d, const struct hdb_block *b)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 64;
		d->charts = xrealloc(d->charts, d->cap * sizeof(*d->charts));
		d->files = xrealloc(d->files,
				    2 * d->cap * sizeof(*d->files));
	}
	memset(&d->files[2 * d->n], 0, 2 * sizeof(*d->files));
	d->charts[d->n++] = b;
}

/* Closes the queue; with stop, the charts not yet taken are not drawn.
 * Waits for the drawing's own thread. */
static void drawing_close(struct drawing *d, int stop)
{
	pthread_mutex_lock(&d->lock);
	if (stop)
		d->next = d->n;
	d->closed = 1;
	pthread_cond_broadcast(&d->cond);
	pthread_mutex_unlock(&d->lock);
	if (d->has_thread)
		pthread_join(d->thread, NULL);
	d->has_thread = 0;
}

/* Stops the drawing and frees it, with the temporaries it wrote and the
 * directories it made that hold nothing else (the query failed before
 * the render, which would have filled them). */
static void drawing_release(struct drawing *d)
{
	drawing_close(d, 1);
	drop_chart_files(d->files, 2 * d->n);
	unmake_dirs(&d->made);
	free(d->files);
	free(d->charts);
	free(d->dir);
	free(d->err);
	pthread_cond_destroy(&d->cond);
	pthread_mutex_destroy(&d->lock);
}

struct hdb_chart_ahead {
	struct drawing d;
};

struct hdb_chart_ahead *hdb_chart_ahead_start(const char *dir,
					      const struct hdb_progress *progress)
{
	struct hdb_chart_ahead *a;

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return NULL;
	a = xcalloc(1, sizeof(*a));
	drawing_init(&a->d, dir);
	a->d.progress = progress;
	if (pthread_create(&a->d.thread, NULL, drawer, &a->d)) {
		drawing_release(&a->d);
		free(a);
		return NULL;
	}
	a->d.has_thread = 1;
	return a;
}

void hdb_chart_ahead_add(struct hdb_chart_ahead *a,
			 const struct hdb_section *s)
{
	size_t j;

	if (!a)
		return;
	pthread_mutex_lock(&a->d.lock);
	for (j = 0; j < s->n && !a->d.closed; j++)
		if (s->blocks[j].kind == HDB_BLOCK_CHART)
			drawing_add(&a->d, &s->blocks[j]);
	pthread_cond_broadcast(&a->d.cond);
	pthread_mutex_unlock(&a->d.lock);
}

void hdb_chart_ahead_free(struct hdb_chart_ahead *a)
{
	if (!a)
		return;
	drawing_release(&a->d);
	free(a);
}

/* The threads that draw besides the caller's and the drawing's own. */
struct drawers {
	pthread_t threads[MAX_DRAWERS];
	size_t started;
};

/*
 * Queues those of charts[0..n-1] that d does not hold yet (an ahead holds
 * a start of them in the same order; anything else, or an ahead that
 * could not make the directories, is drawn again), closes the queue, and
 * starts the threads that help draw them: as many as there are
 * processors, the caller's (which joins in draw_finish) and the
 * drawing's own among them.  The report's directories are made.
 */
static void draw_start(struct drawing *d, const struct hdb_block **charts,
		       size_t n, const struct hdb_progress *progress,
		       struct drawers *w)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n_threads = cpus > 1 ? (size_t)cpus : 1, i;

	pthread_mutex_lock(&d->lock);
	for (i = 0; i < d->n && i < n && d->charts[i] == charts[i]; i++)
		;
	if (i < d->n || d->off) {
		d->n = d->next;
		while (d->busy)
			pthread_cond_wait(&d->cond, &d->lock);
		drop_chart_files(d->files, 2 * d->n);
		d->n = d->next = 0;
		free(d->err);
		d->err = NULL;
	}
	/* an ahead's thread that stopped at the directories has gone */
	if (d->off) {
		d->off = 0;
		pthread_mutex_unlock(&d->lock);
		if (d->has_thread)
			pthread_join(d->thread, NULL);
		d->has_thread = 0;
		pthread_mutex_lock(&d->lock);
	}
	d->ready = 1;
	for (i = d->n; i < n; i++)
		drawing_add(d, charts[i]);
	d->progress = progress;
	d->closed = 1;
	pthread_cond_broadcast(&d->cond);
	pthread_mutex_unlock(&d->lock);
	if (d->has_thread && n_threads > 1)
		n_threads--;
	if (n_threads > MAX_DRAWERS)
		n_threads = MAX_DRAWERS;
	if (n_threads > n)
		n_threads = n;
	w->started = 0;
	for (i = 1; i < n_threads; i++)
		if (!pthread_create(&w->threads[w->started], NULL, drawer, d))
			w->started++;
}

/* Draws the charts left on this thread too (none when stop: the others
 * finish the one they draw), and waits for the others.  Returns 0 or -1
 * (hdb_error). */
static int draw_finish(struct drawing *d, struct drawers *w, int stop)
{
	size_t i;
	int ret = 0;

	if (stop) {
		pthread_mutex_lock(&d->lock);
		d->next = d->n;
		pthread_mutex_unlock(&d->lock);
	}
	drawer(d);
	for (i = 0; i < w->started; i++)
		pthread_join(w->threads[i], NULL);
	drawing_close(d, stop);
	if (d->err) {
		ret = stop ? -1 : hdb_error("%s", d->err);
		free(d->err);
		d->err = NULL;
	}
	return ret;
}

int hdb_render_report_progress(const char *dir, const char *templates,
			       const struct hdb_report_model *m,
			       const struct hdb_progress *progress)
{
	return hdb_render_report_ahead(dir, templates, m, progress, NULL);
}

int hdb_render_report_ahead(const char *dir, const char *templates,
			    const struct hdb_report_model *m,
			    const struct hdb_progress *progress,
			    struct hdb_chart_ahead *ahead)
{
	struct strbuf md = STRBUF_INIT, page = STRBUF_INIT;
	struct strbuf manifest = STRBUF_INIT;
	struct drawing own, *d = ahead ? &ahead->d : &own;
	struct drawers w;
	const struct hdb_block **charts;
	struct site_file *files = NULL;
	char **old = NULL, *css = NULL, *css_path = NULL, *charts_dir = NULL;
	size_t n_charts = 0, n_files = 0, n_old = 0, i, j, k;
	int ret = -1, drawing = 0;

	if (!ahead)
		drawing_init(&own, dir);
	for (i = 0; i < m->n; i++)
		for (j = 0; j < m->sections[i].n; j++)
			if (m->sections[i].blocks[j].kind == HDB_BLOCK_CHART)
				n_charts++;
	files = xcalloc(4 + 2 * n_charts, sizeof(*files));
	charts = xcalloc(n_charts + 1, sizeof(*charts));
	k = 0;
	for (i = 0; i < m->n; i++)
		for (j = 0; j < m->sections[i].n; j++)
			if (m->sections[i].blocks[j].kind == HDB_BLOCK_CHART)
				charts[k++] = &m->sections[i].blocks[j];
	n_files = 2;	/* report.md and style.css, filled below */
	if (n_charts)
		charts_dir = xasprintf("%s/charts", dir);
	/*
	 * The built-in templates cannot fail: the charts start first, and
	 * the markdown and the page are made while they are drawn.  With a
	 * templates directory its files are checked and filled first, so
	 * that a wrong one leaves no directory behind.
	 */
	if (!templates && n_charts) {
		if (make_dirs(dir) || make_dirs(charts_dir))
			goto out;
		draw_start(d, charts, n_charts, progress, &w);
		drawing = 1;
	}
	/* style.css has no placeholders: it is copied as it is */
	if ((templates && hdb_check_templates(templates)) ||
	    build_markdown(templates, m, &md) ||
	    build_page(templates, &md, &page) ||
	    hdb_template(templates, "style.css", &css, &css_path) ||
	    make_dirs(dir))
		goto out;
	files[0] = (struct site_file){ .name = "report.md",
		.text = md.buf, .len = md.len };
	files[1] = (struct site_file){ .name = "style.css",
		.text = css, .len = strlen(css) };
	if (n_charts && !drawing) {
		if (make_dirs(charts_dir))
			goto out;
		draw_start(d, charts, n_charts, progress, &w);
		drawing = 1;
	}
	/* the charts, before the page that shows them */
	drawing = 0;
	if (n_charts && draw_finish(d, &w, 0))
		goto out;
	/* their files are the site's now */
	for (i = 0; i < 2 * n_charts; i++) {
		files[n_files++] = d->files[i];
		memset(&d->files[i], 0, sizeof(d->files[i]));
	}
	files[n_files++] = (struct site_file){ .name = "index.html",
		.text = page.buf, .len = page.len };
	for (i = 0; i < n_files; i++)
		strbuf_addf(&manifest, "%s\n", files[i].name);
	files[n_files++] = (struct site_file){ .name = MANIFEST,
		.text = manifest.buf, .len = manifest.len };
	old = read_manifest(dir, &n_old);
	ret = write_site(dir, files, n_files);
	if (!ret)
		remove_stale(dir, old, n_old, files, n_files);
out:
	/* a failure while the charts were drawn: they stop */
	if (drawing)
		draw_finish(d, &w, 1);
	drop_temporaries(files, n_files);
	for (i = 0; i < n_files; i++)
		if (files[i].name && !strncmp(files[i].name, "charts/", 7))
			free((char *)files[i].name);
	if (!ahead)
		drawing_release(&own);
	free(charts);
	for (i = 0; i < n_old; i++)
		free(old[i]);
	free(old);
	free(files);
	free(charts_dir);
	free(css);
	free(css_path);
	strbuf_release(&manifest);
	strbuf_release(&md);
	strbuf_release(&page);
	return ret;
}
