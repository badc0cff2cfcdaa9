/*
 * ingest.c: the ingest driver.  It lists the files behind the paths it is
 * given (directories walked in name order), pairs each results file with
 * its stderr capture ('x.json' and 'x.stderr.txt', or --stderr FILE),
 * hashes each file (the same bytes twice: 'already ingested'), recognises
 * its format by content, and runs its parser inside one transaction per
 * file, so a file that fails leaves the store exactly as it was.  Outcomes
 * and warnings go to the caller's report callbacks; nothing is printed.
 */
#include "parsers.h"
#include "sha256.h"
#include "../util.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define MAX_WALK_DEPTH 64

/* A file to ingest, and the stderr capture read with it. */
struct entry {
	char *path;
	char *error;		/* why it cannot be read, reported in turn */
	int walked;		/* found by a walk, not named */
	int companion_of;	/* index of the results file, or -1 */
	int companion;		/* index of its stderr file, or -1 */
};

struct run {
	struct hdb_store *st;
	const struct hdb_ingest_options *o;
	const struct hdb_ingest_report *rep;
	struct hdb_ingest_totals *totals;
	int store_failed;
	struct entry *list;
	size_t n, cap;
};

/* Per-file state while its records stream in. */
struct file_ctx {
	struct run *run;
	const char *path;
	long long source_id;
	long rows, dups, died;
	int unknown_host;	/* some record said nothing of its machine */
	/* the host of the previous record, keyed by its raw strings */
	int have_host;
	char *cpu, *gpu;
	long long host_id;
	/* the build of the last record, for a companion's failure row */
	char *build_commit;
	long long build_number;
};

static void warn(void *ctx, const char *msg)
{
	struct run *run = ((struct file_ctx *)ctx)->run;

	if (run->rep && run->rep->warning)
		run->rep->warning(run->rep->ctx, msg);
}

static void done(struct run *run, struct hdb_file_outcome *o)
{
	switch (o->status) {
	case HDB_FILE_INGESTED:
		run->totals->ingested++;
		run->totals->rows += o->rows;
		run->totals->dups += o->dups;
		break;
	case HDB_FILE_DUPLICATE:
		run->totals->duplicate++;
		break;
	case HDB_FILE_FAILED:
		run->totals->failed++;
		break;
	case HDB_FILE_SKIPPED:
		run->totals->skipped++;
		break;
	}
	if (run->rep && run->rep->file_done)
		run->rep->file_done(run->rep->ctx, o);
}

/* Reports a file that did not go in. */
static void not_done(struct run *run, const char *path,
		     enum hdb_file_status status, const char *detail)
{
	struct hdb_file_outcome o;

	memset(&o, 0, sizeof(o));
	o.path = path;
	o.status = status;
	o.era = "";
	o.detail = detail;
	done(run, &o);
}

static int same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* Sets *slot to a copy of value, which may be *slot itself. */
static void replace(char **slot, const char *value)
{
	char *copy = value ? xstrdup(value) : NULL;

	free(*slot);
	*slot = copy;
}

/* The host of a record with these strings (cached while they repeat). */
static int resolve_host(struct file_ctx *fc, const char *cpu, const char *gpu)
{
	struct run *run = fc->run;
	char *key, *label;
	int rc;

	if (fc->have_host && same(fc->cpu, cpu) && same(fc->gpu, gpu))
		return 0;
	hdb_host_key(cpu, gpu, &key, &label);
	if (!key && !run->o->host)
		fc->unknown_host = 1;
	rc = hdb_store_host(run->st, run->o->host, key, label, cpu, gpu,
			    &fc->host_id);
	free(key);
	free(label);
	if (rc)
		return -1;
	replace(&fc->cpu, cpu);
	replace(&fc->gpu, gpu);
	fc->have_host = 1;
	return 0;
}

static int on_bench(void *ctx, const struct hdb_bench_record *r)
{
	struct file_ctx *fc = ctx;
	int dup;

	if (resolve_host(fc, r->cpu_info, r->gpu_info) ||
	    hdb_store_add_bench(fc->run->st, fc->source_id, fc->host_id, r,
				&dup))
		return -1;
	if (dup)
		fc->dups++;
	else
		fc->rows++;
	if (r->status && strcmp(r->status, "ok"))
		fc->died++;
	if (r->build_commit)
		replace(&fc->build_commit, r->build_commit);
	if (r->build_number != HDB_UNSET)
		fc->build_number = r->build_number;
	return 0;
}

static int on_server(void *ctx, const struct hdb_server_record *r)
{
	struct file_ctx *fc = ctx;
	int dup;

	if (resolve_host(fc, NULL, NULL) ||
	    hdb_store_add_server(fc->run->st, fc->source_id, fc->host_id, r,
				 &dup))
		return -1;
	if (dup)
		fc->dups++;
	else
		fc->rows++;
	return 0;
}

static int parse(FILE *f, const char *path, enum hdb_format fmt,
		 const struct hdb_sink *sink, struct hdb_parse_info *info)
{
	switch (fmt) {
	case HDB_FORMAT_BENCH_JSON:
	case HDB_FORMAT_BENCH_JSONL:
		return hdb_parse_bench_json(f, path, sink, info);
	case HDB_FORMAT_BENCH_MD:
		return hdb_parse_bench_md(f, path, sink, info);
	case HDB_FORMAT_BENCH_CSV:
		return hdb_parse_bench_csv(f, path, sink, info);
	case HDB_FORMAT_BENCH_SQL:
		return hdb_parse_bench_sql(f, path, sink, info);
	case HDB_FORMAT_LLAMA_LOG:
		return hdb_parse_llama_log(f, path, sink, info);
	case HDB_FORMAT_SERVER_JSON:
		return hdb_parse_server_json(f, path, sink, info);
	case HDB_FORMAT_UNKNOWN:
		break;
	}
	memset(info, 0, sizeof(*info));
	return hdb_error("%s: no parser for format '%s'", path,
			 hdb_format_name(fmt));
}

/* Formats whose files should hold nothing but the output itself. */
static int pure_format(enum hdb_format fmt)
{
	return fmt == HDB_FORMAT_BENCH_JSON || fmt == HDB_FORMAT_BENCH_JSONL ||
	       fmt == HDB_FORMAT_BENCH_CSV || fmt == HDB_FORMAT_BENCH_SQL;
}

static void report_info(const struct hdb_sink *sink, const char *path,
			const struct hdb_parse_info *info,
			const struct file_ctx *fc)
{
	if (info->noise_lines && pure_format(info->format))
		hdb_sink_warn(sink, "%s:%ld:1: warning: skipped %ld line%s that "
			      "%s not %s output (captured stderr?), the first: "
			      "'%s'", path, info->first_noise_line,
			      info->noise_lines, info->noise_lines == 1 ? "" : "s",
			      info->noise_lines == 1 ? "is" : "are",
			      hdb_format_name(info->format), info->first_noise);
	/* a row of the run that died already says it was cut off */
	if (info->truncated && info->format != HDB_FORMAT_BENCH_MD && !fc->died)
		hdb_sink_warn(sink, "%s:%ld:%ld: warning: the run was cut off "
			      "(%s); kept the %ld complete test record%s before "
			      "it", path, info->trunc_line, info->trunc_col,
			      info->trunc_what, info->records,
			      info->records == 1 ? "" : "s");
	if (fc->unknown_host)
		hdb_sink_warn(sink, "%s: warning: the file does not say which "
			      "machine ran it; its rows are under host "
			      "'unknown' (name the machine with --host)", path);
}

/*
 * Reads a stderr capture for the line that tells how the run died.
 * Returns 0 (f->kind stays HDB_FAIL_NONE when nothing failed) or -1.
 */
static int read_failure(const char *path, struct hdb_failure *fail)
{
	FILE *f = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;

	memset(fail, 0, sizeof(*fail));
	if (!f)
		return hdb_error("cannot open '%s': %s", path, strerror(errno));
	while (hdb_getline(&line, &cap, f) >= 0)
		hdb_failure_note(fail, line, ++lineno);
	free(line);
	fclose(f);
	return 0;
}

/*
 * The stderr of a run becomes a row when it tells how the run died and the
 * results file did not already say so itself.
 */
static int attach_failure(struct file_ctx *fc, const char *stderr_path,
			  const struct hdb_failure *fail,
			  const struct hdb_sink *sink)
{
	struct hdb_bench_record r;
	long long id, bytes;
	char hex[65];
	int rc;

	/* recorded too, so that walking the folder again skips it */
	if (sha256_file(stderr_path, hex, &bytes))
		return -1;
	rc = hdb_store_find_source(fc->run->st, hex, NULL);
	if (rc < 0 || (rc == 0 && hdb_store_add_source(fc->run->st,
			stderr_path, hex, bytes, "llama-stderr", &id)))
		return -1;
	if (fail->kind == HDB_FAIL_NONE || fc->died)
		return 0;
	hdb_bench_record_init(&r);
	hdb_failure_record(fail, &r);
	r.build_commit = fc->build_commit;
	r.build_number = fc->build_number;
	r.cpu_info = fc->cpu;
	r.gpu_info = fc->gpu;
	return sink->bench(sink->ctx, &r);
}

/* Has the file's hash been ingested, into this store or the real one? */
static int known_source(struct run *run, const char *hex, char **prev)
{
	int rc = 0;

	if (run->o->known)
		rc = hdb_store_find_source(run->o->known, hex, prev);
	if (rc == 0)
		rc = hdb_store_find_source(run->st, hex, prev);
	return rc;
}

static void ingest_file(struct run *run, size_t idx)
{
	const struct entry *e = &run->list[idx];
	const char *path = e->path, *companion = NULL;
	struct hdb_sink sink;
	struct hdb_parse_info info;
	struct hdb_file_outcome o;
	struct hdb_failure fail;
	struct file_ctx fc;
	char hex[65], *prev = NULL;
	long long bytes;
	enum hdb_format fmt;
	FILE *f;
	int rc;

	memset(&info, 0, sizeof(info));
	memset(&fail, 0, sizeof(fail));
	memset(&fc, 0, sizeof(fc));
	if (e->companion >= 0)
		companion = run->list[e->companion].path;
	else if (run->o->stderr_file && !e->walked)
		companion = run->o->stderr_file;
	if (sha256_file(path, hex, &bytes)) {
		not_done(run, path, HDB_FILE_FAILED, hdb_errmsg());
		return;
	}
	rc = known_source(run, hex, &prev);
	if (rc < 0) {
		run->store_failed = 1;
		return;
	}
	if (rc == 1) {
		not_done(run, path, HDB_FILE_DUPLICATE, prev);
		free(prev);
		return;
	}
	if (bytes == 0) {
		if (e->walked)
			not_done(run, path, HDB_FILE_SKIPPED, "empty file");
		else {
			hdb_error("%s:1:1: expected results, found an empty "
				  "file", path);
			not_done(run, path, HDB_FILE_FAILED, hdb_errmsg());
		}
		return;
	}
	if (companion && read_failure(companion, &fail)) {
		not_done(run, path, HDB_FILE_FAILED, hdb_errmsg());
		return;
	}
	f = fopen(path, "rb");
	if (!f) {
		hdb_error("cannot open '%s': %s", path, strerror(errno));
		not_done(run, path, HDB_FILE_FAILED, hdb_errmsg());
		return;
	}
	fmt = hdb_sniff(f);
	if (fmt == HDB_FORMAT_UNKNOWN) {
		if (e->walked)
			not_done(run, path, HDB_FILE_SKIPPED,
				 "unrecognized format (not llama.cpp output)");
		else {
			hdb_error("%s:1:1: unrecognized format: expected "
				  "llama-bench output (JSON, JSONL, markdown, "
				  "CSV, SQL), a llama-server or llama-cli log, "
				  "or a saved llama-server response", path);
			not_done(run, path, HDB_FILE_FAILED, hdb_errmsg());
		}
		fclose(f);
		return;
	}

	fc.run = run;
	fc.path = path;
	fc.build_number = HDB_UNSET;
	sink.ctx = &fc;
	sink.bench = on_bench;
	sink.server = on_server;
	sink.warning = warn;
	if (hdb_store_begin(run->st)) {
		run->store_failed = 1;
		fclose(f);
		goto out;
	}
	rc = hdb_store_add_source(run->st, path, hex, bytes,
				  hdb_format_name(fmt), &fc.source_id);
	if (!rc) {
		rc = parse(f, path, fmt, &sink, &info);
		/* '[' alone: the run failed, and its stderr says how */
		if (rc && info.empty && companion &&
		    fail.kind != HDB_FAIL_NONE)
			rc = 0;
	}
	if (!rc && companion)
		rc = attach_failure(&fc, companion, &fail, &sink);
	if (!rc && info.era[0])
		rc = hdb_store_set_era(run->st, fc.source_id, info.era);
	if (!rc && info.truncated)
		rc = hdb_store_set_truncated(run->st, fc.source_id);
	if (rc || hdb_store_commit(run->st)) {
		hdb_store_rollback(run->st);
		fclose(f);
		not_done(run, path, HDB_FILE_FAILED, hdb_errmsg());
		goto out;
	}
	fclose(f);
	report_info(&sink, path, &info, &fc);
	memset(&o, 0, sizeof(o));
	o.path = path;
	o.status = HDB_FILE_INGESTED;
	o.format = info.format ? info.format : fmt;
	o.era = info.era;
	o.rows = fc.rows;
	o.dups = fc.dups;
	o.died = fc.died;
	o.noise = info.noise_lines;
	o.companion = companion;
	done(run, &o);
out:
	free(fc.cpu);
	free(fc.gpu);
	free(fc.build_commit);
}

/* ---- the list of files -------------------------------------------------- */

/* Adds a file to the list; error (hdb_errmsg) when it cannot be read. */
static void add_entry(struct run *run, const char *path, int walked,
		      const char *error)
{
	struct entry *e;

	if (run->n == run->cap) {
		run->cap = run->cap ? 2 * run->cap : 64;
		run->list = xrealloc(run->list, run->cap * sizeof(*run->list));
	}
	e = &run->list[run->n++];
	e->path = xstrdup(path);
	e->error = error ? xstrdup(error) : NULL;
	e->walked = walked;
	e->companion_of = e->companion = -1;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_path(struct run *run, const char *path, int walked,
		      int depth);

/* Lists a directory's files and subdirectories in name order. */
static void list_dir(struct run *run, const char *path, int depth)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i, len = strlen(path);

	if (!d) {
		hdb_error("cannot open directory '%s': %s", path,
			  strerror(errno));
		add_entry(run, path, 0, hdb_errmsg());
		return;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;	/* ., .., .git and other dot-files */
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_name);
	for (i = 0; i < n; i++) {
		char *child = xasprintf("%s%s%s", path,
					len && path[len - 1] == '/' ? "" : "/",
					names[i]);

		list_path(run, child, 1, depth + 1);
		free(child);
		free(names[i]);
	}
	free(names);
}

static void list_path(struct run *run, const char *path, int walked,
		      int depth)
{
	struct stat sb;

	if (stat(path, &sb)) {
		hdb_error("cannot open '%s': %s", path, strerror(errno));
		add_entry(run, path, 0, hdb_errmsg());
		return;
	}
	if (S_ISDIR(sb.st_mode)) {
		if (depth >= MAX_WALK_DEPTH) {
			hdb_error("%s: directories nested too deep (a link "
				  "loop?)", path);
			add_entry(run, path, 0, hdb_errmsg());
			return;
		}
		list_dir(run, path, depth);
		return;
	}
	if (!S_ISREG(sb.st_mode)) {
		if (walked)
			return;	/* sockets, fifos: not results */
		hdb_error("cannot read '%s': not a regular file", path);
		add_entry(run, path, 0, hdb_errmsg());
		return;
	}
	add_entry(run, path, walked, NULL);
}

/*
 * 'x.stderr.txt' (or .log, any one extension) is the stderr of the results
 * file 'x.<ext>' next to it: the first such file in name order.
 */
static void pair_companions(struct run *run)
{
	size_t i, j;

	for (i = 0; i < run->n; i++) {
		const char *p = run->list[i].path, *mark = strstr(p, ".stderr.");
		size_t stem;

		if (!mark || strchr(mark + 8, '.') || strchr(mark + 8, '/') ||
		    !mark[8] || run->list[i].error)
			continue;
		stem = (size_t)(mark - p) + 1;	/* 'x.' */
		for (j = 0; j < run->n; j++) {
			const char *q = run->list[j].path;

			if (j == i || run->list[j].companion >= 0 ||
			    run->list[j].error ||
			    run->list[j].companion_of >= 0 ||
			    strncmp(q, p, stem) || strchr(q + stem, '/') ||
			    strstr(q, ".stderr."))
				continue;
			run->list[i].companion_of = (int)j;
			run->list[j].companion = (int)i;
			break;
		}
	}
}

int hdb_ingest_paths(struct hdb_store *st, const struct hdb_ingest_options *o,
		     char *const *paths, int n_paths,
		     const struct hdb_ingest_report *rep,
		     struct hdb_ingest_totals *totals)
{
	struct run run;
	size_t i;
	int k;

	memset(&run, 0, sizeof(run));
	run.st = st;
	run.o = o;
	run.rep = rep;
	run.totals = totals;
	memset(totals, 0, sizeof(*totals));
	for (k = 0; k < n_paths; k++)
		list_path(&run, paths[k], 0, 0);
	pair_companions(&run);
	for (i = 0; i < run.n && !run.store_failed; i++)
		if (run.list[i].error)
			not_done(&run, run.list[i].path, HDB_FILE_FAILED,
				 run.list[i].error);
		else if (run.list[i].companion_of < 0)
			ingest_file(&run, i);
	for (i = 0; i < run.n; i++) {
		free(run.list[i].path);
		free(run.list[i].error);
	}
	free(run.list);
	if (run.store_failed)
		return -1;
	return totals->failed ? 1 : 0;
}
