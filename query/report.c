/*
 * report.c: the report model, built from the store section by section in
 * the order of the seed report (contestants, quality, local vs frontier,
 * saturated benchmarks, needle in a haystack, default throughput, long
 * context, runs that died, notes, methodology).  A section appears only
 * when the store has data for it.  Every number comes from a query of
 * this room; render/ only writes what is here.
 */
#include "internal.h"
#include "report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void hdb_prose_add(struct hdb_prose *p, int value, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 8;
		p->parts = xrealloc(p->parts, p->cap * sizeof(*p->parts));
	}
	p->parts[p->n].text = strbuf_detach(&sb);
	p->parts[p->n].value = value;
	p->n++;
}

void hdb_prose_release(struct hdb_prose *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->parts[i].text);
	free(p->parts);
	memset(p, 0, sizeof(*p));
}

struct hdb_section *hdb_report_section(struct hdb_report_model *m,
				       const char *id, const char *title)
{
	struct hdb_section *s;

	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 8;
		m->sections = xrealloc(m->sections,
				       m->cap * sizeof(*m->sections));
	}
	s = &m->sections[m->n++];
	memset(s, 0, sizeof(*s));
	s->id = xstrdup(id);
	s->title = xstrdup(title);
	return s;
}

struct hdb_block *hdb_section_block(struct hdb_section *s,
				    enum hdb_block_kind kind)
{
	struct hdb_block *b;

	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 8;
		s->blocks = xrealloc(s->blocks, s->cap * sizeof(*s->blocks));
	}
	b = &s->blocks[s->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

static void section_release(struct hdb_section *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		hdb_prose_release(&s->blocks[i].prose);
		if (s->blocks[i].kind == HDB_BLOCK_TABLE)
			hdb_table_release(&s->blocks[i].table);
		if (s->blocks[i].kind == HDB_BLOCK_CHART)
			hdb_chart_release(&s->blocks[i].chart);
	}
	free(s->blocks);
	free(s->id);
	free(s->title);
}

void hdb_report_model_release(struct hdb_report_model *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		section_release(&m->sections[i]);
	free(m->sections);
	free(m->title);
	free(m->date);
	hdb_prose_release(&m->intro);
	memset(m, 0, sizeof(*m));
}

/* The sections, in the order of the seed report. */
static int (*const sections[])(sqlite3 *, const struct q_report *,
			       struct hdb_report_model *) = {
	q_section_contestants,
	q_section_quality,
	q_section_frontier,
	q_section_saturated,
	q_section_niah,
	q_section_throughput,
	q_section_long_context,
	q_section_died,
	q_section_notes,
	q_section_methodology,
};
#define N_SECTIONS (sizeof(sections) / sizeof(sections[0]))

/* What each is called on the progress line, in the same order. */
static const char *const section_names[N_SECTIONS] = {
	"contestants", "quality across hosts", "local vs the frontier",
	"saturated benchmarks", "needle in a haystack", "default throughput",
	"long context", "runs that did not finish", "notes", "methodology",
};

int hdb_query_report(struct sqlite3 *db, const struct hdb_report_opts *o,
		     struct hdb_report_model *m)
{
	struct q_report x;
	size_t i, k;
	int ret = -1;

	memset(m, 0, sizeof(*m));
	if (q_report_init(db, o, &x))
		return -1;
	if (q_report_head(db, &x, m))
		goto out;
	for (i = 0; i < N_SECTIONS; i++) {
		if (o->progress && o->progress->fn) {
			struct hdb_progress_state ps = { "section", i,
				N_SECTIONS, 0, 0, 0, section_names[i] };

			o->progress->fn(o->progress->ctx, &ps);
		}
		k = m->n;
		if (sections[i](db, &x, m))
			goto out;
		for (; o->section_done && k < m->n; k++)
			o->section_done(o->section_ctx, &m->sections[k]);
	}
	ret = 0;
out:
	if (ret)
		hdb_report_model_release(m);
	q_report_release(&x);
	return ret;
}

/* ---- the report's context ------------------------------------------- */

int q_report_init(sqlite3 *db, const struct hdb_report_opts *o,
		  struct q_report *x)
{
	sqlite3_stmt *s;
	int rc;

	memset(x, 0, sizeof(*x));
	x->o = o;
	/* the host list has no public view: host is the store's own */
	if (q_prepare(db, "SELECT name FROM host WHERE named_by != 'unknown'"
		      " OR EXISTS (SELECT 1 FROM bench b WHERE b.host_id ="
		      " host.id) ORDER BY name", &s, "list the hosts"))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		x->hosts = xrealloc(x->hosts,
				    (x->n_hosts + 1) * sizeof(*x->hosts));
		x->hosts[x->n_hosts++] = xstrdup(q_text(s, 0));
	}
	sqlite3_finalize(s);
	if (q_done(db, rc, "list the hosts"))
		goto fail;
	if (o->hosts) {
		const char *comma = strchr(o->hosts, ',');

		if (!comma || strchr(comma + 1, ',') || comma == o->hosts ||
		    !comma[1]) {
			hdb_error("--hosts: expected two host names, A,B");
			goto fail;
		}
		x->pair[0] = xstrndup(o->hosts, (size_t)(comma - o->hosts));
		x->pair[1] = xstrdup(comma + 1);
		x->n_pair = 2;
		if (q_report_colour(x, x->pair[0]) < 0 ||
		    q_report_colour(x, x->pair[1]) < 0) {
			hdb_error("--hosts: no host '%s' in the store",
				  q_report_colour(x, x->pair[0]) < 0
				  ? x->pair[0] : x->pair[1]);
			goto fail;
		}
	}
	/* every count below from one read of the throughput view */
	if (q_report_scan(db, x))
		goto fail;
	if (!o->hosts) {
		/* the two with most rows, by name on a tie (x->hosts is by
		 * name and holds every host with rows) */
		long long n, best[2] = { 0, 0 };
		size_t i, k;

		for (i = 0; i < x->n_hosts; i++) {
			n = q_report_scan_rows(x->tp, x->hosts[i]);
			for (k = 0; k < 2 && n > 0; k++)
				if (n > best[k]) {
					if (k == 0) {
						best[1] = best[0];
						x->pair[1] = x->pair[0];
					}
					best[k] = n;
					x->pair[k] = x->hosts[i];
					break;
				}
		}
		for (k = 0; k < 2; k++)
			if (x->pair[k])
				x->pair[k] = xstrdup(x->pair[k]);
		x->n_pair = x->pair[1] ? 2 : x->pair[0] ? 1 : 0;
	}
	if (x->n_pair == 2) {
		x->pair_text = xasprintf("%s,%s", x->pair[0], x->pair[1]);
		x->pair_throughput = strcmp(x->pair[0], x->pair[1]) &&
			q_report_scan_rows(x->tp, x->pair[0]) > 0 &&
			q_report_scan_rows(x->tp, x->pair[1]) > 0;
	}
	return 0;
fail:
	q_report_release(x);
	return -1;
}

void q_report_release(struct q_report *x)
{
	size_t i;

	for (i = 0; i < x->n_hosts; i++)
		free(x->hosts[i]);
	free(x->hosts);
	free(x->pair[0]);
	free(x->pair[1]);
	free(x->pair_text);
	q_report_scan_free(x->tp);
	memset(x, 0, sizeof(*x));
}

int q_report_colour(const struct q_report *x, const char *host)
{
	size_t i;

	for (i = 0; host && i < x->n_hosts; i++)
		if (!strcmp(x->hosts[i], host))
			return (int)i;
	return -1;
}

int q_report_keeps(const struct q_report *x, const char *model)
{
	size_t i;

	if (!x->o->n_models)
		return 1;
	for (i = 0; model && i < x->o->n_models; i++)
		if (!strcasecmp(x->o->models[i], model))
			return 1;
	return 0;
}

/* $SOURCE_DATE_EPOCH in ISO 8601 UTC ("2026-01-01T00:00:00Z") into buf;
 * 0, or -1 when it is unset or not a time. */
static int source_date(char *buf, size_t size)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long t;
	time_t tt;
	struct tm tm;

	if (!env || !*env)
		return -1;
	t = strtoll(env, &end, 10);
	tt = (time_t)t;
	if (*end || t < 0 || !gmtime_r(&tt, &tm) ||
	    !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return -1;
	return 0;
}

void q_report_time(const char *iso, char *buf, size_t size)
{
	char clamp[32];

	snprintf(buf, size, "%s", iso ? iso : "");
	if (iso && !source_date(clamp, sizeof(clamp)) && strcmp(iso, clamp) > 0)
		snprintf(buf, size, "%s", clamp);
}

/* The date of the report: SOURCE_DATE_EPOCH when set (reproducible
 * builds), else the day of the newest ingest, so that the same store
 * gives the same page. */
static char *report_date(sqlite3 *db)
{
	sqlite3_stmt *s;
	char *date = NULL, when[32];

	if (!source_date(when, sizeof(when)))
		return xstrndup(when, 10);
	/* ingest times have no public view: source is the store's own */
	if (q_prepare(db, "SELECT substr(max(ingested_at), 1, 10) FROM source",
		      &s, "date the report"))
		return NULL;
	if (sqlite3_step(s) == SQLITE_ROW && q_text_or_null(s, 0))
		date = xstrdup(q_text(s, 0));
	sqlite3_finalize(s);
	return date;
}

int q_report_head(sqlite3 *db, const struct q_report *x,
		  struct hdb_report_model *m)
{
	sqlite3_stmt *s;
	int rc;

	/* the throughput rows as the scan counted them */
	if (q_prepare(db, "SELECT (SELECT count(*) FROM quality),"
		      " (SELECT count(*) FROM source)", &s,
		      "count the results"))
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		m->n_results = x->tp_rows;
		m->n_quality = sqlite3_column_int64(s, 0);
		m->n_sources = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return q_done(db, rc, "count the results");
	m->date = report_date(db);
	if (x->o->title)
		m->title = xstrdup(x->o->title);
	else if (x->n_pair == 2)
		m->title = xasprintf("%s vs %s", x->pair[0], x->pair[1]);
	else if (x->n_pair == 1)
		m->title = xasprintf("%s: local LLM benchmarks", x->pair[0]);
	else
		m->title = xstrdup("Local LLM benchmarks");
	if (!m->n_results && !m->n_quality && !m->n_sources) {
		hdb_prose_add(&m->intro, 0, "The store holds no results yet. "
			      "Add some with `halodb ingest PATH...` (llama-bench "
			      "output of any format, llama-server logs, lm_eval, "
			      "EvalPlus and Aider results), then run `halodb "
			      "report` again.");
		return 0;
	}
	hdb_prose_add(&m->intro, 0, "Written by halodb from ");
	if (m->n_results)
		hdb_prose_add(&m->intro, 0, "%lld throughput result%s%s",
			      m->n_results, m->n_results == 1 ? "" : "s",
			      m->n_quality ? " and " : "");
	if (m->n_quality)
		hdb_prose_add(&m->intro, 0, "%lld quality score%s",
			      m->n_quality, m->n_quality == 1 ? "" : "s");
	hdb_prose_add(&m->intro, 0, " in %lld file%s", m->n_sources,
		      m->n_sources == 1 ? "" : "s");
	if (m->date)
		hdb_prose_add(&m->intro, 0, ", as of ");
	if (m->date)
		hdb_prose_add(&m->intro, 1, "%s", m->date);
	hdb_prose_add(&m->intro, 0, ". Every number is a measurement as "
		      "stored or computed from measurements by `halodb query`, "
		      "which says how sure it is; nothing is averaged across "
		      "different builds, KV cache types or settings.");
	return 0;
}
