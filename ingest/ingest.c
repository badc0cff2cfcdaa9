/*
 * ingest.c: the ingest driver.  It walks the paths it is given, hashes
 * each file (same bytes twice: 'already ingested'), recognises its format
 * by content, and runs the parser inside one transaction per file, so a
 * file that fails leaves the store exactly as it was.  Outcomes and
 * warnings go to the caller's report callbacks; nothing is printed here.
 */
#include "ingest.h"
#include "sha256.h"
#include "../util.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_WALK_DEPTH 64

struct run {
	struct hdb_store *st;
	const struct hdb_ingest_options *o;
	const struct hdb_ingest_report *rep;
	struct hdb_ingest_totals *totals;
	int store_failed;
};

/* Per-file state while its records stream in. */
struct file_ctx {
	struct run *run;
	const char *path;
	long long source_id;
	long rows;
	/* the host of the previous record, keyed by its raw strings */
	int have_host;
	char *cpu, *gpu;
	long long host_id;
};

static void warn(struct run *run, const char *fmt, ...) HDB_PRINTF(2, 3);
static void warn(struct run *run, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (run->rep && run->rep->warning)
		run->rep->warning(run->rep->ctx, sb.buf);
	strbuf_release(&sb);
}

static void done(struct run *run, const char *path, enum hdb_file_status status,
		 enum hdb_format fmt, long rows, const char *detail)
{
	struct hdb_file_outcome o = { path, status, fmt, rows, detail };

	switch (status) {
	case HDB_FILE_INGESTED:
		run->totals->ingested++;
		run->totals->rows += rows;
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
		run->rep->file_done(run->rep->ctx, &o);
}

static int same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static int on_bench(void *ctx, const struct hdb_bench_record *r)
{
	struct file_ctx *fc = ctx;
	struct run *run = fc->run;
	char *key, *label;
	int rc;

	if (!fc->have_host || !same(fc->cpu, r->cpu_info) ||
	    !same(fc->gpu, r->gpu_info)) {
		hdb_host_key(r->cpu_info, r->gpu_info, &key, &label);
		if (!key && !run->o->host)
			return hdb_error("%s:%ld:1: cannot tell which host this "
					 "record is from (no cpu_info or "
					 "gpu_info): name it with --host",
					 fc->path, r->line);
		rc = hdb_store_host(run->st, run->o->host, key, label,
				    r->cpu_info, r->gpu_info, &fc->host_id);
		free(key);
		free(label);
		if (rc)
			return -1;
		free(fc->cpu);
		free(fc->gpu);
		fc->cpu = r->cpu_info ? xstrdup(r->cpu_info) : NULL;
		fc->gpu = r->gpu_info ? xstrdup(r->gpu_info) : NULL;
		fc->have_host = 1;
	}
	if (hdb_store_add_bench(run->st, fc->source_id, fc->host_id, r))
		return -1;
	fc->rows++;
	return 0;
}

static void report_info(struct run *run, const char *path,
			const struct hdb_parse_info *info)
{
	if (info->noise_lines)
		warn(run, "%s:%ld:1: warning: skipped %ld line%s that %s not "
		     "JSON records (captured stderr?), the first: '%s'", path,
		     info->first_noise_line, info->noise_lines,
		     info->noise_lines == 1 ? "" : "s",
		     info->noise_lines == 1 ? "is" : "are", info->first_noise);
	if (info->truncated)
		warn(run, "%s:%ld:%ld: warning: the run was cut off (%s); kept "
		     "the %ld complete test record%s before it", path,
		     info->trunc_line, info->trunc_col, info->trunc_what,
		     info->records, info->records == 1 ? "" : "s");
}

/* Parses an open file of a known format into the open transaction. */
static int parse_into(struct run *run, FILE *f, const char *path,
		      enum hdb_format fmt, long long source_id,
		      struct hdb_parse_info *info, long *rows)
{
	struct file_ctx fc;
	int ret;

	memset(&fc, 0, sizeof(fc));
	fc.run = run;
	fc.path = path;
	fc.source_id = source_id;
	switch (fmt) {
	case HDB_FORMAT_BENCH_JSON:
	case HDB_FORMAT_BENCH_JSONL:
		ret = hdb_parse_bench_json(f, path, on_bench, &fc, info);
		break;
	default:
		ret = hdb_error("%s: no parser for format '%s'", path,
				hdb_format_name(fmt));
		break;
	}
	free(fc.cpu);
	free(fc.gpu);
	*rows = fc.rows;
	return ret;
}

static void ingest_file(struct run *run, const char *path, int walked)
{
	struct hdb_parse_info info;
	char hex[65], *prev = NULL;
	long long bytes, source_id;
	enum hdb_format fmt;
	long rows = 0;
	FILE *f;
	int rc;

	if (sha256_file(path, hex, &bytes)) {
		done(run, path, HDB_FILE_FAILED, HDB_FORMAT_UNKNOWN, 0,
		     hdb_errmsg());
		return;
	}
	rc = hdb_store_find_source(run->st, hex, &prev);
	if (rc < 0) {
		run->store_failed = 1;
		return;
	}
	if (rc == 1) {
		done(run, path, HDB_FILE_DUPLICATE, HDB_FORMAT_UNKNOWN, 0, prev);
		free(prev);
		return;
	}
	if (bytes == 0) {
		if (walked)
			done(run, path, HDB_FILE_SKIPPED, HDB_FORMAT_UNKNOWN, 0,
			     "empty file");
		else {
			hdb_error("%s:1:1: expected results, found an empty "
				  "file", path);
			done(run, path, HDB_FILE_FAILED, HDB_FORMAT_UNKNOWN, 0,
			     hdb_errmsg());
		}
		return;
	}
	f = fopen(path, "rb");
	if (!f) {
		hdb_error("cannot open '%s': %s", path, strerror(errno));
		done(run, path, HDB_FILE_FAILED, HDB_FORMAT_UNKNOWN, 0,
		     hdb_errmsg());
		return;
	}
	fmt = hdb_sniff(f);
	if (fmt == HDB_FORMAT_UNKNOWN) {
		if (walked)
			done(run, path, HDB_FILE_SKIPPED, fmt, 0,
			     "unrecognized format (not llama-bench JSON or "
			     "JSONL)");
		else {
			hdb_error("%s:1:1: unrecognized format: expected "
				  "llama-bench JSON (an array of test objects) "
				  "or JSONL (one test object per line)", path);
			done(run, path, HDB_FILE_FAILED, fmt, 0, hdb_errmsg());
		}
		fclose(f);
		return;
	}
	if (hdb_store_begin(run->st)) {
		run->store_failed = 1;
		fclose(f);
		return;
	}
	if (hdb_store_add_source(run->st, path, hex, bytes,
				 hdb_format_name(fmt), &source_id) ||
	    parse_into(run, f, path, fmt, source_id, &info, &rows) ||
	    (info.truncated && hdb_store_set_truncated(run->st, source_id)) ||
	    hdb_store_commit(run->st)) {
		hdb_store_rollback(run->st);
		done(run, path, HDB_FILE_FAILED, fmt, 0, hdb_errmsg());
		fclose(f);
		return;
	}
	fclose(f);
	report_info(run, path, &info);
	done(run, path, HDB_FILE_INGESTED, info.format, rows, NULL);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void ingest_path(struct run *run, const char *path, int walked,
			int depth);

/* Ingests a directory's files and subdirectories in name order. */
static void ingest_dir(struct run *run, const char *path, int depth)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	if (!d) {
		hdb_error("cannot open directory '%s': %s", path,
			  strerror(errno));
		done(run, path, HDB_FILE_FAILED, HDB_FORMAT_UNKNOWN, 0,
		     hdb_errmsg());
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;	/* ., .., .git and other dot-files */
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_name);
	for (i = 0; i < n; i++) {
		size_t len = strlen(path);
		char *child = xasprintf("%s%s%s", path,
					len && path[len - 1] == '/' ? "" : "/",
					names[i]);

		if (!run->store_failed)
			ingest_path(run, child, 1, depth + 1);
		free(child);
		free(names[i]);
	}
	free(names);
}

static void ingest_path(struct run *run, const char *path, int walked,
			int depth)
{
	struct stat sb;

	if (stat(path, &sb)) {
		hdb_error("cannot open '%s': %s", path, strerror(errno));
		done(run, path, HDB_FILE_FAILED, HDB_FORMAT_UNKNOWN, 0,
		     hdb_errmsg());
		return;
	}
	if (S_ISDIR(sb.st_mode)) {
		if (depth >= MAX_WALK_DEPTH) {
			hdb_error("%s: directories nested too deep (a link "
				  "loop?)", path);
			done(run, path, HDB_FILE_FAILED, HDB_FORMAT_UNKNOWN, 0,
			     hdb_errmsg());
			return;
		}
		ingest_dir(run, path, depth);
		return;
	}
	if (!S_ISREG(sb.st_mode)) {
		if (walked) {
			done(run, path, HDB_FILE_SKIPPED, HDB_FORMAT_UNKNOWN,
			     0, "not a regular file");
			return;
		}
		hdb_error("cannot read '%s': not a regular file", path);
		done(run, path, HDB_FILE_FAILED, HDB_FORMAT_UNKNOWN, 0,
		     hdb_errmsg());
		return;
	}
	ingest_file(run, path, walked);
}

int hdb_ingest_paths(struct hdb_store *st, const struct hdb_ingest_options *o,
		     char *const *paths, int n_paths,
		     const struct hdb_ingest_report *rep,
		     struct hdb_ingest_totals *totals)
{
	struct run run = { st, o, rep, totals, 0 };
	int i;

	memset(totals, 0, sizeof(*totals));
	for (i = 0; i < n_paths && !run.store_failed; i++)
		ingest_path(&run, paths[i], 0, 0);
	if (run.store_failed)
		return -1;
	return totals->failed ? 1 : 0;
}
