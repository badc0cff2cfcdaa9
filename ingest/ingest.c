/*
 * ingest.c: the ingest driver.  It lists the files behind the paths it is
 * given (directories walked in name order; a run directory, Aider's or
 * halodb run's, is one unit, read through sniff.c's table of directory
 * formats), pairs files that are read together (a llama-bench results file
 * and its stderr capture, 'x.json' and 'x.stderr.txt' or --stderr FILE;
 * an lm-eval results file and its samples files), hashes each file (the
 * same bytes twice: 'already ingested'), recognises its format by
 * content, and runs its parser inside one transaction per file, so a
 * file that fails leaves the store exactly as it was.  The sink it hands
 * the parsers resolves hosts, attaches the user's keys to quality rows
 * (and --variant to every row) and routes items.  Outcomes and warnings go to the caller's report
 * callbacks; nothing is printed here.
 */
#include "jsonutil.h"
#include "parsers.h"
#include "sha256.h"
#include "../util.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define MAX_WALK_DEPTH 64
/* Files that name no machine, named in the one warning about them. */
#define UNKNOWN_NAMED 3

/* What a file read along with another one is to it. */
enum role {
	ROLE_RESULTS,		/* read on its own */
	ROLE_STDERR,		/* the stderr capture of a llama-bench run */
	ROLE_SAMPLES,		/* an lm-eval --log_samples file of a run */
};

/* A file (or an Aider run directory) to ingest. */
struct entry {
	char *path;
	char *error;		/* why it cannot be read, reported in turn */
	int skip;		/* error is the reason a walk passes it by */
	enum hdb_skip skip_kind; /* and what kind of reason */
	int walked;		/* found by a walk, not named */
	int root;		/* the command-line path it was found under */
	const struct hdb_dir_format *dir; /* a run directory (one unit), or
				 * NULL for a file */
	enum role role;
	int companion_of;	/* the results file it goes with, or -1 */
	int handled;		/* read (or reported) with its results file */
	/* a results file's companions, so that none is looked for */
	int stderr_idx;		/* its stderr capture, or -1 */
	int first_sample, last_sample; /* its samples files, or -1 */
	int next_sample;	/* a samples file: the next of its run, or -1 */
	long long size;		/* bytes, for the progress line (0: a
				 * directory) */
};

/*
 * What a batch holds back until its commit: an outcome or a warning, in
 * the order they came.  A file is not said to be in the store before it
 * is (a commit can still fail, and take every file of the batch).
 */
struct held {
	int is_warning;
	char *msg;			/* a warning */
	struct hdb_file_outcome o;	/* an outcome; era and detail owned */
	long idx;			/* the file's entry, or -1 */
};

struct run {
	struct hdb_store *st;
	const struct hdb_ingest_options *o;
	const struct hdb_ingest_report *rep;
	struct hdb_ingest_totals *totals;
	int store_failed;
	char *const *paths;	/* as given on the command line */
	int cur_root;		/* the one being listed */
	struct entry *list;
	size_t n, cap;
	/* ingested files that name no machine: how many, the first few */
	long n_unknown;
	char *unknown[UNKNOWN_NAMED];
	/* the batch: one transaction for many files, committed every
	 * BATCH_FILES files or BATCH_SECONDS.  Until a file fails, its
	 * files have no savepoint each (fast): a file that fails then
	 * undoes the whole batch (replay), which is taken again from its
	 * first entry, each file in a savepoint, as every later batch of
	 * the call */
	int in_batch;
	long batch_files;
	double batch_start;
	int safe;		/* savepoints: a file has failed in a batch */
	int replay;		/* the batch is to be taken again */
	size_t batch_first;	/* the entry the batch began at */
	size_t b_done;		/* the progress and the files that named no */
	long long b_rows, b_bytes_done;	/* machine when it began */
	long b_unknown;
	struct held *held;
	size_t n_held, cap_held;
	long cur_idx;		/* the entry being ingested, or -1 */
	/* the progress line: files done of p_total, records taken, bytes
	 * of the files done of p_bytes, the file being read */
	size_t p_done, p_total;
	long long p_rows, p_bytes_done, p_bytes;
	FILE *p_file;
	const char *p_path;
};

/* Records between two progress calls within a file (ftell is a system
 * call). */
#define PROGRESS_RECORDS 1024

/* A batch: this many files or this long, whichever comes first (a commit
 * writes every page the batch changed: 10,000 small files of 10 rows
 * 3.05 s -> 2.87 with 1024 a batch instead of 256; 4096 no better). */
#define BATCH_FILES 1024
#define BATCH_SECONDS 1.0

/* Counts the entries under dir, up to limit (beyond: limit + 1). */
static long count_entries(const char *dir, long n, long limit)
{
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d)
		return n;
	while (n <= limit && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (e->d_type == DT_DIR) {
			char *sub = xasprintf("%s/%s", dir, e->d_name);

			n = count_entries(sub, n, limit);
			free(sub);
		} else {
			n++;
		}
	}
	closedir(d);
	return n;
}

long long hdb_ingest_input_bytes(char *const *paths, int n)
{
	long long bytes = 0;
	long files = 0;
	struct stat sb;
	int i;

	for (i = 0; i < n && files <= BATCH_FILES; i++) {
		if (stat(paths[i], &sb))
			continue;
		if (S_ISDIR(sb.st_mode)) {
			files = count_entries(paths[i], files, BATCH_FILES);
			/* a batch's worth */
			bytes = 1LL << 40;
		} else {
			files++;
			bytes += sb.st_size;
		}
	}
	return files > BATCH_FILES ? -1 : bytes;
}

/* Per-file state while its records stream in. */
struct file_ctx {
	struct run *run;
	const char *path;
	long long source_id;
	long rows, dups, died, not_run;
	long replaced;		/* sources an earlier ingest of it left */
	long forgotten;		/* and the rows they gave */
	const char *host;	/* --host, the --host-from-dir directory, or
				 * NULL to derive */
	char *dir_host;		/* that directory's name, or the host a
				 * run directory's manifest names (owned) */
	struct strbuf warnings;	/* held until the file's outcome is known
				 * ('\n' after each): a walk drops those of
				 * a file that turns out not to be a result */
	int unknown_host;	/* some record said nothing of its machine */
	/* the host of the previous record, keyed by its raw strings */
	int have_host;
	char *cpu, *gpu, *named;	/* named: the record's own host */
	long long host_id;
	/* the build of the last record, for a companion's failure row */
	char *build_commit;
	long long build_number;
	/* the finished records and the companion's lines, for what that
	 * row can say of the run */
	struct hdb_died *run_info;
	/* quality records of this file: the last one, and by benchmark and
	 * metric for the items of samples files */
	long long last_quality;
	struct qref {
		char *benchmark, *metric;
		long long id;
	} *qrefs;
	size_t n_qrefs;
	long items, unplaced, quality;
	long long *recount;	/* rows whose counts come from their items */
	size_t n_recount;
};

static struct held *hold(struct run *run)
{
	struct held *h;

	if (run->n_held == run->cap_held) {
		run->cap_held = run->cap_held ? 2 * run->cap_held : 64;
		run->held = xrealloc(run->held, run->cap_held *
				     sizeof(*run->held));
	}
	h = &run->held[run->n_held++];
	memset(h, 0, sizeof(*h));
	h->idx = -1;
	return h;
}

static void call_warning(struct run *run, const char *msg)
{
	if (run->in_batch) {
		hold(run)->is_warning = 1;
		run->held[run->n_held - 1].msg = xstrdup(msg);
		return;
	}
	if (run->rep && run->rep->warning)
		run->rep->warning(run->rep->ctx, msg);
}

static void warn(void *ctx, const char *msg)
{
	struct file_ctx *fc = ctx;

	strbuf_addstr(&fc->warnings, msg);
	strbuf_addch(&fc->warnings, '\n');
}

/* Passes on the warnings held for a file, before its outcome. */
static void flush_warnings(struct file_ctx *fc)
{
	char *p = fc->warnings.buf, *nl;

	if (!fc->warnings.len)
		return;
	for (; (nl = strchr(p, '\n')); p = nl + 1) {
		*nl = '\0';
		call_warning(fc->run, p);
	}
	strbuf_reset(&fc->warnings);
}

static void report_outcome(struct run *run, const struct hdb_file_outcome *o)
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

static void done(struct run *run, struct hdb_file_outcome *o)
{
	struct held *h;

	if (!run->in_batch) {
		report_outcome(run, o);
		return;
	}
	h = hold(run);
	h->o = *o;
	h->o.era = xstrdup(o->era ? o->era : "");
	h->o.detail = o->detail ? xstrdup(o->detail) : NULL;
	h->idx = run->cur_idx;
}

static void mark_companions(struct run *run, long idx, int handled);

/*
 * Says what the batch held back, in order.  failed: the batch did not go
 * in (its commit failed, or SQLite rolled it back), and every file it
 * took is reported failed with why.
 */
static void flush_held(struct run *run, const char *failed)
{
	size_t i;

	run->in_batch = 0;
	for (i = 0; i < run->n_held; i++) {
		struct held *h = &run->held[i];

		if (h->is_warning) {
			call_warning(run, h->msg);
			free(h->msg);
			continue;
		}
		if (failed && h->o.status == HDB_FILE_INGESTED) {
			h->o.status = HDB_FILE_FAILED;
			free((char *)h->o.detail);
			h->o.detail = xstrdup(failed);
			if (h->idx >= 0)
				mark_companions(run, h->idx, 0);
		}
		report_outcome(run, &h->o);
		free((char *)h->o.era);
		free((char *)h->o.detail);
	}
	run->n_held = 0;
}

static double clock_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Tells the caller how far the call has got, if it asked. */
static void tick(struct run *run)
{
	const struct hdb_progress *p = run->rep ? run->rep->progress : NULL;
	struct hdb_progress_state ps;
	long pos;

	if (!p || !p->fn)
		return;
	memset(&ps, 0, sizeof(ps));
	ps.stage = "ingest";
	ps.done = run->p_done;
	ps.total = run->p_total;
	ps.rows = run->p_rows;
	ps.bytes = run->p_bytes_done;
	if (run->p_file && (pos = ftell(run->p_file)) > 0)
		ps.bytes += pos;
	ps.total_bytes = run->p_bytes;
	ps.what = run->p_path;
	p->fn(p->ctx, &ps);
}

/* A file starts: the batch's transaction (opened when none is), then the
 * file's savepoint (once a file has failed).  Returns 0 or -1 (the store
 * failed). */
static int file_begin(struct run *run)
{
	if (!run->in_batch) {
		if (hdb_store_begin(run->st))
			return -1;
		run->in_batch = 1;
		run->batch_files = 0;
		run->batch_start = clock_s();
		run->batch_first = (size_t)run->cur_idx;
		run->b_done = run->p_done;
		run->b_rows = run->p_rows;
		run->b_bytes_done = run->p_bytes_done;
		run->b_unknown = run->n_unknown;
	}
	if (!run->safe)
		return 0;
	if (hdb_store_savepoint(run->st)) {
		hdb_store_rollback(run->st);
		flush_held(run, hdb_errmsg());
		return -1;
	}
	return 0;
}

/*
 * A file that began (file_begin) did not go in: its savepoint is rolled
 * back, or, in a batch without savepoints, the batch is to be taken again
 * (1: the caller says nothing of the file, which is read again).
 */
static int undo_file(struct run *run)
{
	if (run->safe) {
		hdb_store_rollback_to(run->st);
		return 0;
	}
	run->replay = 1;
	return 1;
}

/*
 * Undoes the batch for a replay: the transaction, what it held back
 * (nothing of it was said), the progress and the files it counted.  The
 * caller takes the batch again from run->batch_first, in savepoints.
 */
static void batch_undo(struct run *run)
{
	size_t i;

	hdb_store_rollback(run->st);
	run->in_batch = 0;
	for (i = 0; i < run->n_held; i++) {
		struct held *h = &run->held[i];

		if (h->is_warning) {
			free(h->msg);
			continue;
		}
		if (h->o.status == HDB_FILE_INGESTED && h->idx >= 0)
			mark_companions(run, h->idx, 0);
		free((char *)h->o.era);
		free((char *)h->o.detail);
	}
	run->n_held = 0;
	run->p_done = run->b_done;
	run->p_rows = run->b_rows;
	run->p_bytes_done = run->b_bytes_done;
	for (; run->n_unknown > run->b_unknown; run->n_unknown--)
		if (run->n_unknown <= UNKNOWN_NAMED)
			free(run->unknown[run->n_unknown - 1]);
	run->safe = 1;
	run->replay = 0;
}

/* Commits the batch (if one is open) and says what it held. */
static void batch_commit(struct run *run)
{
	char *why;

	if (!run->in_batch)
		return;
	if (hdb_store_commit(run->st) == 0) {
		flush_held(run, NULL);
		return;
	}
	why = xstrdup(hdb_errmsg());
	hdb_store_rollback(run->st);
	flush_held(run, why);
	free(why);
}

/* A file ended: the batch goes in when it has enough files or time. */
static void file_end(struct run *run)
{
	if (!run->in_batch)
		return;
	/* SQLite gave up the whole transaction (a full disk): what the
	 * batch held is gone with it */
	if (!hdb_store_in_tx(run->st)) {
		char *why = xstrdup(hdb_errmsg());

		hdb_store_rollback(run->st);
		flush_held(run, why);
		free(why);
		return;
	}
	if (++run->batch_files >= BATCH_FILES ||
	    clock_s() - run->batch_start >= BATCH_SECONDS)
		batch_commit(run);
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

/* Reports a file a walk passed by. */
static void skipped(struct run *run, const char *path, enum hdb_skip kind,
		    const char *detail)
{
	struct hdb_file_outcome o;

	memset(&o, 0, sizeof(o));
	o.path = path;
	o.status = HDB_FILE_SKIPPED;
	o.era = "";
	o.detail = detail;
	o.skip = kind;
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

/*
 * The host of a record with these strings (cached while they repeat).
 * named is the machine the record names itself (published tables), which
 * no --host overrides; else --host, else the host of cpu and gpu.
 */
static int resolve_host(struct file_ctx *fc, const char *named,
			const char *cpu, const char *gpu)
{
	struct run *run = fc->run;
	char *key = NULL, *label = NULL, *suffixed = NULL;
	int rc;

	if (fc->have_host && same(fc->named, named) && same(fc->cpu, cpu) &&
	    same(fc->gpu, gpu))
		return 0;
	if (named && !strcmp(named, "unknown"))
		return hdb_error("%s: the host name 'unknown' is reserved for "
				 "results whose file names no machine",
				 fc->path);
	if (!named)
		hdb_host_key(cpu, gpu, &key, &label, &suffixed);
	if (!key && !named && !fc->host)
		fc->unknown_host = 1;
	rc = hdb_store_host(run->st, named ? named : fc->host, key, label,
			    suffixed, cpu, gpu, &fc->host_id);
	free(key);
	free(label);
	free(suffixed);
	if (rc)
		return -1;
	replace(&fc->named, named);
	replace(&fc->cpu, cpu);
	replace(&fc->gpu, gpu);
	fc->have_host = 1;
	return 0;
}

/* Counts a record the store took: a new row, or one it already had. */
static void count_row(struct file_ctx *fc, int dup)
{
	if (dup)
		fc->dups++;
	else
		fc->rows++;
	if (++fc->run->p_rows % PROGRESS_RECORDS == 0)
		tick(fc->run);
}

/*
 * Nothing but UTF-8 text goes into the store, whatever parser made the
 * record (jansson checks JSON; the line parsers check their lines; this
 * is the net under all of them).  raw, the record's text from its line
 * on, gives the position; values is n long; NULL is no text.
 */
static int check_text(const struct file_ctx *fc, long line, const char *raw,
		      const char *const *values, size_t n)
{
	size_t i, len = raw ? strlen(raw) : 0, ok = hdb_utf8_prefix(raw, len);

	if (line < 1)
		line = 1;
	if (ok < len) {
		const char *bol = raw, *p;

		for (p = raw; p < raw + ok; p++)
			if (*p == '\n') {
				line++;
				bol = p + 1;
			}
		return hdb_check_utf8(fc->path, line, 1, bol,
				      len - (size_t)(bol - raw));
	}
	for (i = 0; i < n; i++) {
		if (!values[i])
			continue;
		len = strlen(values[i]);
		ok = hdb_utf8_prefix(values[i], len);
		if (ok < len)
			return hdb_error("%s:%ld:1: expected UTF-8 text in "
					 "every field, found the byte 0x%02x",
					 fc->path, line,
					 (unsigned char)values[i][ok]);
	}
	return 0;
}

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* --variant of the call, for a row that names none of its own. */
static const char *variant_of(const struct file_ctx *fc, const char *own)
{
	return own ? own : fc->run->o->attach.variant;
}

static int on_bench(void *ctx, const struct hdb_bench_record *r)
{
	struct file_ctx *fc = ctx;
	const char *variant = variant_of(fc, r->variant);
	struct hdb_bench_record with = *r;
	const char *text[] = {
		r->cpu_info, r->gpu_info, r->backend, r->build_commit,
		r->model, r->model_type, r->model_file, r->quant, r->type_k,
		r->type_v, r->test, r->test_time, r->status, r->error, variant,
	};
	int dup;

	with.variant = variant;
	if (check_text(fc, r->line, r->raw, text, N_OF(text)) ||
	    resolve_host(fc, r->host, r->cpu_info, r->gpu_info) ||
	    hdb_store_add_bench(fc->run->st, fc->source_id, fc->host_id,
				&with, &dup))
		return -1;
	count_row(fc, dup);
	if (r->status && !strcmp(r->status, "not_run"))
		fc->not_run++;
	else if (r->status && strcmp(r->status, "ok"))
		fc->died++;
	else if (fc->run_info)
		hdb_died_done(fc->run_info, r);
	if (r->build_commit)
		replace(&fc->build_commit, r->build_commit);
	if (r->build_number != HDB_UNSET)
		fc->build_number = r->build_number;
	return 0;
}

static int on_server(void *ctx, const struct hdb_server_record *r)
{
	struct file_ctx *fc = ctx;
	const char *variant = variant_of(fc, r->variant);
	struct hdb_server_record with = *r;
	const char *text[] = {
		r->tool, r->build_commit, r->model, r->model_file, r->quant,
		r->type_k, r->type_v, variant,
	};
	int dup;

	with.variant = variant;
	if (check_text(fc, r->line, r->raw, text, N_OF(text)) ||
	    resolve_host(fc, NULL, NULL, NULL) ||
	    hdb_store_add_server(fc->run->st, fc->source_id, fc->host_id,
				 &with, &dup))
		return -1;
	count_row(fc, dup);
	return 0;
}

/* The directory a path is in, with its '/' ("" for the current one). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return xstrndup(path, slash ? (size_t)(slash - path) + 1 : 0);
}

static void note_recount(struct file_ctx *fc, long long id)
{
	size_t i;

	for (i = 0; i < fc->n_recount; i++)
		if (fc->recount[i] == id)
			return;
	fc->recount = xrealloc(fc->recount, (fc->n_recount + 1) *
				    sizeof(*fc->recount));
	fc->recount[fc->n_recount++] = id;
}

static int on_quality(void *ctx, const struct hdb_quality_record *r)
{
	struct file_ctx *fc = ctx;
	struct run *run = fc->run;
	struct qref *q;
	struct hdb_attach own;
	const struct hdb_attach *a = &run->o->attach;
	long long id;
	int rc = 0;
	const char *text[] = {
		r->harness, r->benchmark, r->parent, r->metric, r->model_named,
		r->version, r->run_date, r->details,
	};

	/* a row that says what it ran with (published tables) keeps it;
	 * its variant, when it gives none, is the call's */
	if (r->attach) {
		own = *r->attach;
		own.variant = variant_of(fc, own.variant);
		a = &own;
	}
	if (check_text(fc, r->line, r->raw, text, N_OF(text)) ||
	    resolve_host(fc, r->host, NULL, NULL))
		return -1;
	/* needle cells come one file each: a run's files make one row */
	if (!strcmp(r->harness, "niah")) {
		char *dir = dir_of(fc->path);

		rc = hdb_store_find_quality(run->st, fc->host_id, a, r, dir,
					    &id);
		free(dir);
		if (rc < 0)
			return -1;
	}
	/* a run's row found again only gains this file's items */
	if (rc != 1) {
		if (hdb_store_add_quality(run->st, fc->source_id, fc->host_id,
					  a, r, &id))
			return -1;
		fc->rows++;
	}
	if (!strcmp(r->harness, "niah"))
		note_recount(fc, id);
	fc->quality++;
	fc->last_quality = id;
	fc->qrefs = xrealloc(fc->qrefs, (fc->n_qrefs + 1) * sizeof(*fc->qrefs));
	q = &fc->qrefs[fc->n_qrefs++];
	q->benchmark = xstrdup(r->benchmark);
	q->metric = xstrdup(r->metric);
	q->id = id;
	return 0;
}

/*
 * The record of a task and metric in this run.  A metric without a filter
 * (pre-0.4), or with 'none' (samples of 0.4.3-0.4.6 do not name their
 * filter), stands for the task's only filter of it, if it has only one.
 */
static long long find_qref(const struct file_ctx *fc, const char *task,
			   const char *metric)
{
	const char *comma = strchr(metric, ',');
	size_t i, len = comma ? (size_t)(comma - metric) : strlen(metric);
	long long found = -1;
	int n = 0;

	for (i = 0; i < fc->n_qrefs; i++) {
		const struct qref *q = &fc->qrefs[i];

		if (strcmp(q->benchmark, task))
			continue;
		if (!strcmp(q->metric, metric))
			return q->id;
		if ((!comma || !strcmp(comma, ",none")) &&
		    !strncmp(q->metric, metric, len) && q->metric[len] == ',') {
			found = q->id;
			n++;
		}
	}
	return n == 1 ? found : -1;
}

static int on_quality_item(void *ctx, const struct hdb_quality_item *it,
			   const char *task, const char *metric)
{
	struct file_ctx *fc = ctx;
	long long id = task && metric ? find_qref(fc, task, metric)
				       : fc->last_quality;
	const char *text[] = { it->item, it->detail };

	if (check_text(fc, 0, NULL, text, N_OF(text)))
		return -1;
	if (id <= 0) {
		fc->unplaced++;
		return 0;
	}
	if (hdb_store_add_quality_item(fc->run->st, id, fc->source_id, it))
		return -1;
	fc->items++;
	return 0;
}

/* The host a run directory names (its manifest's), taken as --host would
 * be; the call's own --host or --host-from-dir wins. */
static int on_host(void *ctx, const char *name)
{
	struct file_ctx *fc = ctx;

	if (fc->host)
		return 0;
	replace(&fc->dir_host, name);
	fc->host = fc->dir_host;
	return 0;
}

static int on_reference(void *ctx, const struct hdb_reference_record *r)
{
	struct file_ctx *fc = ctx;
	const char *text[] = {
		r->model, r->benchmark, r->variant, r->date, r->details,
		r->entry,
	};
	int dup;

	if (check_text(fc, r->line, NULL, text, N_OF(text)) ||
	    hdb_store_add_reference(fc->run->st, fc->source_id, r, &dup))
		return -1;
	count_row(fc, dup);
	return 0;
}

static int parse(FILE *f, const char *path, enum hdb_format fmt,
		 const struct hdb_ingest_options *o,
		 const struct hdb_sink *sink, struct hdb_parse_info *info)
{
	switch (fmt) {
	case HDB_FORMAT_LM_EVAL:
		return hdb_parse_lm_eval(f, path, sink, info);
	case HDB_FORMAT_EVALPLUS:
		return hdb_parse_evalplus(f, path, sink, info);
	case HDB_FORMAT_EVALPLUS_BOARD:
		return hdb_parse_evalplus_board(f, path, sink, info);
	case HDB_FORMAT_AIDER_BOARD:
		return hdb_parse_aider_board(f, path, sink, info);
	case HDB_FORMAT_NIAH:
		return hdb_parse_niah(f, path, o->niah_pass ? o->niah_pass : 10,
				      sink, info);
	case HDB_FORMAT_LM_EVAL_SAMPLES:
		memset(info, 0, sizeof(*info));
		return hdb_error("%s:1:1: an lm-evaluation-harness samples file "
				 "is read with its results file: give both "
				 "(results_<date>.json and samples_<task>_"
				 "<date>.jsonl)", path);
	case HDB_FORMAT_HALODB_RUN:
		memset(info, 0, sizeof(*info));
		return hdb_error("%s:1:1: the manifest of a 'halodb run' "
				 "directory: give the directory, whose test "
				 "points it reads along", path);
	case HDB_FORMAT_AIDER_RESULT:
		memset(info, 0, sizeof(*info));
		return hdb_error("%s:1:1: one exercise of an Aider benchmark "
				 "run: give the run directory (the one holding "
				 "<language>/exercises/practice/)", path);
	case HDB_FORMAT_AIDER_RUN:
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
	case HDB_FORMAT_PUBLISHED:
		return hdb_parse_published(f, path, sink, info);
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

/* Were keys given that only quality rows take?  (--variant goes to
 * every row.) */
static int attached(const struct hdb_attach *a)
{
	return a->model || a->quant || a->type_k || a->backend || a->build;
}

static void report_info(const struct hdb_sink *sink, const char *path,
			const struct hdb_parse_info *info,
			const struct file_ctx *fc)
{
	if (!fc->quality && fc->rows + fc->dups > 0 &&
	    attached(&fc->run->o->attach))
		hdb_sink_warn(sink, "%s: warning: --model, --quant, --kv, "
			      "--backend and --build name what quality "
			      "results leave out; this file's rows take them "
			      "from the file itself", path);
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
	/* files that name no machine are told of once, after the last */
	if (fc->unknown_host) {
		struct run *run = fc->run;

		if (run->n_unknown < UNKNOWN_NAMED)
			run->unknown[run->n_unknown] = xstrdup(path);
		run->n_unknown++;
	}
}

/* The one warning of a call about the files that name no machine. */
static void warn_unknown_hosts(struct run *run)
{
	struct strbuf sb = STRBUF_INIT;
	long i;

	if (!run->n_unknown)
		return;
	if (run->n_unknown == 1) {
		strbuf_addf(&sb, "%s: warning: the file does not say which "
			    "machine ran it; its rows are under host "
			    "'unknown' (name the machine with --host)",
			    run->unknown[0]);
	} else {
		strbuf_addf(&sb, "warning: %ld files do not say which machine "
			    "ran them; their rows are under host 'unknown' "
			    "(name the machine with --host, or --host-from-dir "
			    "for a directory per machine): ", run->n_unknown);
		for (i = 0; i < run->n_unknown && i < UNKNOWN_NAMED; i++)
			strbuf_addf(&sb, "%s'%s'", i ? ", " : "",
				    run->unknown[i]);
		if (run->n_unknown > UNKNOWN_NAMED)
			strbuf_addf(&sb, " and %ld more",
				    run->n_unknown - UNKNOWN_NAMED);
	}
	call_warning(run, strbuf_str(&sb));
	strbuf_release(&sb);
}

/*
 * Reads a stderr capture, open in f, for the line that tells how the run
 * died, and what else it says of the run (its command line) into info.
 * Returns 0 (fail->kind stays HDB_FAIL_NONE when nothing failed) or -1.
 */
static int read_failure(FILE *f, const char *path, struct hdb_failure *fail,
			struct hdb_died *info)
{
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;
	ssize_t n;

	memset(fail, 0, sizeof(*fail));
	while ((n = hdb_getline(&line, &cap, f)) >= 0) {
		hdb_failure_note(fail, line, ++lineno);
		hdb_died_line(info, line);
	}
	free(line);
	return hdb_read_end(f, path, n, lineno + 1);
}

/* Records a file read along with another, so that a walk skips it; f is
 * that file, open, and hashed from its start. */
static int add_companion_source(struct file_ctx *fc, FILE *f, const char *path,
				const char *format)
{
	long long id, bytes;
	char hex[65];
	int rc;

	rewind(f);
	if (sha256_stream(f, path, hex, &bytes))
		return -1;
	rc = hdb_store_find_source(fc->run->st, hex, NULL);
	if (rc < 0 || (rc == 0 && hdb_store_add_source(fc->run->st, path, hex,
			bytes, format, &id)))
		return -1;
	return 0;
}

/*
 * The stderr of a run becomes a row when it tells how the run died and the
 * results file did not already say so itself; what the file's records and
 * the stderr tell of the run completes it (died.c).
 */
static int attach_failure(struct file_ctx *fc, FILE *f, const char *stderr_path,
			  const struct hdb_failure *fail,
			  const struct hdb_sink *sink)
{
	struct hdb_bench_record r;

	if (add_companion_source(fc, f, stderr_path, "llama-stderr"))
		return -1;
	if (fail->kind == HDB_FAIL_NONE || fc->died)
		return 0;
	hdb_bench_record_init(&r);
	hdb_failure_record(fail, &r);
	r.build_commit = fc->build_commit;
	r.build_number = fc->build_number;
	r.cpu_info = fc->cpu;
	r.gpu_info = fc->gpu;
	hdb_died_fill(fc->run_info, fc->path, &r);
	return sink->bench(sink->ctx, &r);
}

static int cmp_name_p(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
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

/*
 * The task a samples file holds: 'samples_<task>_<date>.jsonl' (0.4.3+),
 * or '<model args>_<task>.jsonl' (0.4.0-0.4.2), matched against the tasks
 * its results file gave.  NULL when none matches.
 */
static const char *samples_task(const struct file_ctx *fc, const char *path)
{
	const char *base = hdb_base_name(path), *best = NULL;
	size_t i, best_len = 0;

	for (i = 0; i < fc->n_qrefs; i++) {
		const char *t = fc->qrefs[i].benchmark;
		size_t tl = strlen(t);
		const char *at = base;
		int hit = 0;

		/* '_<task>_' or '_<task>.': the longest task wins, so that
		 * 'wmdp' does not take the samples of 'wmdp_bio' */
		while (!hit && (at = strstr(at, t))) {
			hit = at > base && at[-1] == '_' &&
			      (at[tl] == '_' || at[tl] == '.');
			at++;
		}
		if (hit && tl > best_len) {
			best = t;
			best_len = tl;
		}
	}
	return best;
}

/* Reads the samples files of an lm-eval results file into its records. */
static int read_samples(struct file_ctx *fc, size_t idx,
			const struct hdb_sink *sink)
{
	struct run *run = fc->run;
	struct hdb_parse_info info;
	int j;

	for (j = run->list[idx].first_sample; j >= 0;
	     j = run->list[j].next_sample) {
		const struct entry *e = &run->list[j];
		const char *task;
		long unplaced = fc->unplaced;
		FILE *f;
		int rc;

		task = samples_task(fc, e->path);
		if (!task) {
			hdb_sink_warn(sink, "%s: warning: left out: its name "
				      "names none of the tasks of '%s'",
				      e->path, fc->path);
			continue;
		}
		if (hdb_open_regular(e->path, &f, NULL))
			return -1;
		rc = hdb_parse_lm_eval_samples(f, e->path, task, sink, &info);
		if (!rc)
			rc = add_companion_source(fc, f, e->path,
						  "lm-eval-samples");
		fclose(f);
		if (rc)
			return -1;
		if (fc->unplaced > unplaced)
			hdb_sink_warn(sink, "%s: warning: %ld item%s name a "
				      "metric that '%s' does not have for "
				      "task '%s'; left out", e->path,
				      fc->unplaced - unplaced,
				      fc->unplaced - unplaced == 1 ? "" : "s",
				      fc->path, task);
	}
	return 0;
}

static int hash_entry(const struct entry *e, char hex[65], long long *bytes)
{
	struct sha256 c;

	if (!e->dir)
		return sha256_file(e->path, hex, bytes);
	sha256_init(&c);
	*bytes = 0;
	if (e->dir->hash(e->path, &c, bytes))
		return -1;
	sha256_final_hex(&c, hex);
	return 0;
}

static void release_file_ctx(struct file_ctx *fc)
{
	size_t i;

	for (i = 0; i < fc->n_qrefs; i++) {
		free(fc->qrefs[i].benchmark);
		free(fc->qrefs[i].metric);
	}
	free(fc->qrefs);
	free(fc->recount);
	free(fc->cpu);
	free(fc->gpu);
	free(fc->named);
	free(fc->build_commit);
	free(fc->dir_host);
	hdb_died_free(fc->run_info);
	strbuf_release(&fc->warnings);
}

/*
 * --host-from-dir: the host of a file is the first directory below the
 * command-line path it was found under ('results/a30/run1/x.json' under
 * 'results': 'a30').  Sets fc->host, or returns -1 (hdb_error set) when
 * no directory names one or its name cannot be a host's.
 */
static int host_from_dir(struct file_ctx *fc, const struct entry *e)
{
	const char *root = fc->run->paths[e->root];
	const char *rel = e->path + strlen(root), *slash;
	char *name;

	if (!e->walked)
		return hdb_error("%s: --host-from-dir: no directory names its "
				 "host: the file was named on the command line "
				 "(name its directory, or use --host)", e->path);
	while (*rel == '/')
		rel++;
	slash = strchr(rel, '/');
	if (!slash)
		return hdb_error("%s: --host-from-dir: no directory names its "
				 "host: the file lies directly in '%s' (move it "
				 "into a directory named after its machine, or "
				 "use --host)", e->path, root);
	name = xstrndup(rel, (size_t)(slash - rel));
	fc->dir_host = name;
	if (!hdb_utf8_valid(name) || strpbrk(name, "\n\r\t"))
		return hdb_error("%s: --host-from-dir: expected a host name "
				 "on one line of UTF-8 text for the directory "
				 "of its host", e->path);
	if (!strcmp(name, HDB_UNKNOWN_HOST))
		return hdb_error("%s: --host-from-dir: the directory name '%s' "
				 "is reserved for results that name no machine",
				 e->path, name);
	fc->host = name;
	return 0;
}

/* The options a file goes in with, as source.options keeps them. */
static int record_options(struct file_ctx *fc, const char *companion)
{
	static const char *const keys[] = { "host", "host_from_dir", "model",
		"quant", "kv", "backend", "build", "variant", "niah_pass",
		"stderr" };
	const struct hdb_ingest_options *o = fc->run->o;
	const struct hdb_attach *a = &o->attach;
	char *kv = NULL, niah[16], *json;
	const char *vals[10];
	int rc;

	if (a->type_k)
		kv = strcmp(a->type_k, a->type_v) ? xasprintf("%s/%s",
			a->type_k, a->type_v) : xstrdup(a->type_k);
	snprintf(niah, sizeof(niah), "%d", o->niah_pass);
	vals[0] = o->host;
	vals[1] = o->host_from_dir ? fc->host : NULL;
	vals[2] = a->model;
	vals[3] = a->quant;
	vals[4] = kv;
	vals[5] = a->backend;
	vals[6] = a->build;
	vals[7] = a->variant;
	vals[8] = o->niah_pass != 10 ? niah : NULL;
	vals[9] = companion;
	json = hdb_json_pairs(keys, vals, 10);
	rc = json ? hdb_store_set_source_options(fc->run->st, fc->source_id,
						 json) : 0;
	free(json);
	free(kv);
	return rc;
}

/* ingest --replace: forgets the sources with the file's bytes or its
 * path, inside the file's transaction. */
static int replace_sources(struct file_ctx *fc, const char *hex)
{
	struct hdb_forget_counts c;
	long long *ids;
	size_t n, i;
	int rc = 0;

	if (hdb_store_sources_of(fc->run->st, hex, fc->path, &ids, &n))
		return -1;
	for (i = 0; !rc && i < n; i++) {
		rc = hdb_store_forget_logged(fc->run->st, ids[i],
					     "ingest --replace", &c);
		fc->replaced++;
		fc->forgotten += c.removed + c.kept;
	}
	free(ids);
	return rc;
}

/* A results file's companions were read with it (or were not, after
 * all: its batch did not go in). */
static void mark_companions(struct run *run, long idx, int handled)
{
	const struct entry *e = &run->list[idx];
	int j;

	if (e->stderr_idx >= 0)
		run->list[e->stderr_idx].handled = handled;
	for (j = e->first_sample; j >= 0; j = run->list[j].next_sample)
		run->list[j].handled = handled;
}

/*
 * Opens path and hashes it, leaving *f at its start for the sniff and the
 * parse.  A file of less than 256 KiB is read in one system call and
 * then read from memory (fmemopen): what is hashed is what is parsed,
 * and there is no second read (12 system calls a file -> 8).  A larger
 * one is read twice through a buffer of that size (100k rows in one
 * file: 26,000 reads -> 800).  One file is open at a time (the buffer is
 * the next one's once it is closed).  Returns 0 or -1 (hdb_error; *f
 * NULL).
 */
static int open_hashed(const char *path, FILE **f, char hex[65],
		       long long *bytes)
{
	static char buf[256 << 10];
	struct sha256 c;
	FILE *mem;
	size_t n = 0;
	ssize_t k;
	long long size;

	if (hdb_open_regular(path, f, &size))
		return -1;
	/* up to the size it had when opened: no read to learn that the
	 * end is there (a file that grows meanwhile is read as it was) */
	while (n < sizeof(buf) && (size < 0 || n != (size_t)size) &&
	       (k = read(fileno(*f), buf + n, sizeof(buf) - n)) != 0) {
		if (k < 0) {
			if (errno == EINTR)
				continue;
			hdb_error("cannot read '%s': %s", path,
				  strerror(errno));
			goto fail;
		}
		n += (size_t)k;
	}
	if (n < sizeof(buf) && n > 0 && (mem = fmemopen(buf, n, "r"))) {
		fclose(*f);
		*f = mem;
		sha256_init(&c);
		sha256_update(&c, buf, n);
		sha256_final_hex(&c, hex);
		*bytes = (long long)n;
		return 0;
	}
	/* the stream itself has not been read: its buffer can be set */
	setvbuf(*f, buf, _IOFBF, sizeof(buf));
	rewind(*f);
	if (sha256_stream(*f, path, hex, bytes))
		goto fail;
	return 0;
fail:
	fclose(*f);
	*f = NULL;
	return -1;
}

static void ingest_file(struct run *run, size_t idx)
{
	const struct entry *e = &run->list[idx];
	const char *path = e->path;
	const char *companion = e->stderr_idx >= 0
				? run->list[e->stderr_idx].path : NULL;
	struct hdb_sink sink;
	struct hdb_parse_info info;
	struct hdb_file_outcome o;
	struct hdb_failure fail;
	struct file_ctx fc;
	char hex[65], *prev = NULL;
	long long bytes;
	enum hdb_format fmt = e->dir ? e->dir->format : HDB_FORMAT_UNKNOWN;
	FILE *f = NULL, *cf = NULL;
	size_t i;
	int rc;

	memset(&info, 0, sizeof(info));
	memset(&fail, 0, sizeof(fail));
	memset(&fc, 0, sizeof(fc));
	fc.run = run;
	fc.path = path;
	fc.host = run->o->host;
	if (!companion && run->o->stderr_file && !e->walked)
		companion = run->o->stderr_file;
	/* what a died row from the companion can say of its run */
	if (companion)
		fc.run_info = hdb_died_new();
	/* one open file is hashed, sniffed and parsed: what is hashed is
	 * what goes in, and a FIFO or device is refused before either */
	run->p_path = path;
	tick(run);
	if (e->dir ? hash_entry(e, hex, &bytes)
		      : open_hashed(path, &f, hex, &bytes)) {
		not_done(run, path, HDB_FILE_FAILED, hdb_errmsg());
		goto out;
	}
	/* before the look-up: every empty file has the same hash, and one
	 * is not another that was ingested */
	if (bytes == 0 && !e->dir) {
		if (e->walked)
			skipped(run, path, HDB_SKIP_OTHER, "empty file");
		else {
			hdb_error("%s:1:1: expected results, found an empty "
				  "file", path);
			not_done(run, path, HDB_FILE_FAILED, hdb_errmsg());
		}
		goto out;
	}
	rc = known_source(run, hex, &prev);
	if (rc < 0) {
		run->store_failed = 1;
		goto out;
	}
	if (rc == 1 && !run->o->replace) {
		not_done(run, path, HDB_FILE_DUPLICATE, prev);
		goto out;
	}
	if (companion && (hdb_open_regular(companion, &cf, NULL) ||
			  read_failure(cf, companion, &fail, fc.run_info))) {
		not_done(run, path, HDB_FILE_FAILED, hdb_errmsg());
		goto out;
	}
	if (f) {
		rewind(f);
		fmt = hdb_sniff(f);
		run->p_file = f;
	}
	if (fmt == HDB_FORMAT_UNKNOWN) {
		if (e->walked)
			skipped(run, path, HDB_SKIP_NOT_RESULT,
				"unrecognized format (not a results file)");
		else {
			hdb_error("%s:1:1: unrecognized format: not what "
				  "llama-bench, llama-server, llama-cli, "
				  "lm-evaluation-harness, EvalPlus, Aider or a "
				  "needle-in-a-haystack test write (see 'halodb "
				  "ingest --help')", path);
			not_done(run, path, HDB_FILE_FAILED, hdb_errmsg());
		}
		goto out;
	}
	if (run->o->host_from_dir && host_from_dir(&fc, e)) {
		not_done(run, path, HDB_FILE_FAILED, hdb_errmsg());
		goto out;
	}

	fc.build_number = HDB_UNSET;
	memset(&sink, 0, sizeof(sink));
	sink.ctx = &fc;
	sink.bench = on_bench;
	sink.server = on_server;
	sink.warning = warn;
	sink.quality = on_quality;
	sink.quality_item = on_quality_item;
	sink.reference = on_reference;
	sink.host = on_host;
	if (file_begin(run)) {
		run->store_failed = 1;
		goto out;
	}
	/* --replace: what the file gave before goes first, in the same
	 * savepoint, so that a failed parse keeps it */
	if (run->o->replace && replace_sources(&fc, hex)) {
		if (!undo_file(run))
			run->store_failed = 1;
		goto out;
	}
	/* another ingest may have taken the file while we waited for the
	 * write lock: only a look inside the transaction is sure */
	free(prev);
	prev = NULL;
	rc = hdb_store_find_source(run->st, hex, &prev);
	if (rc != 0) {
		if (undo_file(run))
			goto out;
		if (rc < 0)
			run->store_failed = 1;
		else
			not_done(run, path, HDB_FILE_DUPLICATE, prev);
		goto out;
	}
	rc = hdb_store_add_source(run->st, path, hex, bytes,
				  hdb_format_name(fmt), &fc.source_id);
	if (!rc)
		rc = record_options(&fc, companion);
	if (!rc) {
		rc = f ? parse(f, path, fmt, run->o, &sink, &info)
		       : e->dir->parse(path, &sink, &info);
		/* '[' alone: the run failed, and its stderr says how */
		if (rc && info.empty && companion &&
		    fail.kind != HDB_FAIL_NONE)
			rc = 0;
	}
	if (!rc && companion)
		rc = attach_failure(&fc, cf, companion, &fail, &sink);
	if (!rc && fmt == HDB_FORMAT_LM_EVAL)
		rc = read_samples(&fc, idx, &sink);
	for (i = 0; !rc && fmt == HDB_FORMAT_LM_EVAL && i < fc.n_qrefs; i++)
		rc = hdb_store_count_quality_passes(run->st, fc.qrefs[i].id);
	for (i = 0; !rc && i < fc.n_recount; i++)
		rc = hdb_store_count_quality_items(run->st, fc.recount[i]);
	if (!rc && info.era[0])
		rc = hdb_store_set_era(run->st, fc.source_id, info.era);
	if (!rc && info.truncated)
		rc = hdb_store_set_truncated(run->st, fc.source_id);
	if (rc || (run->safe && hdb_store_release(run->st))) {
		if (undo_file(run))
			goto out;
		/* a walk passes by what only looked like results at a glance
		 * (notes quoting llama.cpp lines, a README's own table) */
		if (e->walked && info.not_results) {
			skipped(run, path, HDB_SKIP_NOT_RESULT,
				"not a results file");
			goto out;
		}
		flush_warnings(&fc);
		not_done(run, path, HDB_FILE_FAILED, hdb_errmsg());
		goto out;
	}
	report_info(&sink, path, &info, &fc);
	flush_warnings(&fc);
	memset(&o, 0, sizeof(o));
	o.path = path;
	o.status = HDB_FILE_INGESTED;
	o.format = info.format ? info.format : fmt;
	o.era = info.era;
	o.rows = fc.rows;
	o.dups = fc.dups + info.repeats;
	o.died = fc.died;
	o.not_run = fc.not_run;
	o.items = fc.items;
	o.noise = info.noise_lines;
	o.companion = companion;
	o.replaced = fc.replaced;
	o.forgotten = fc.forgotten;
	done(run, &o);
	mark_companions(run, (long)idx, 1);
out:
	run->p_file = NULL;
	if (f)
		fclose(f);
	if (cf)
		fclose(cf);
	free(prev);
	release_file_ctx(&fc);
}

/* A file meant to be read with a results file that did not go in. */
static void companion_left(struct run *run, size_t i)
{
	const struct entry *e = &run->list[i];
	char hex[65], *prev = NULL, *why;
	long long bytes;

	if (!hash_entry(e, hex, &bytes) && known_source(run, hex, &prev) == 1) {
		not_done(run, e->path, HDB_FILE_DUPLICATE, prev);
		free(prev);
		return;
	}
	why = xasprintf("not read: it goes with '%s', which was not ingested "
			"now", run->list[e->companion_of].path);
	not_done(run, e->path, HDB_FILE_SKIPPED, why);
	free(why);
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
	e->root = run->cur_root;
	e->skip = 0;
	e->skip_kind = HDB_SKIP_OTHER;
	e->dir = NULL;
	e->role = ROLE_RESULTS;
	e->companion_of = -1;
	e->handled = 0;
	e->stderr_idx = e->first_sample = e->last_sample = -1;
	e->next_sample = -1;
	e->size = 0;
}


static void list_path(struct run *run, const char *path, int walked,
		      int depth);

/*
 * Files a walk passes by on their names alone: documentation, scripts
 * and configs that sit among results (a wrapper's run_metadata.txt may
 * quote llama.cpp's own lines, a README may hold a table of its own).
 * Named on the command line, they are read like any other file.
 */
static int not_result_name(const char *path)
{
	static const char *const prefixes[] = {
		"readme", "license", "licence", "changelog", "notes",
		"makefile", "dockerfile",
	};
	static const char *const exts[] = {
		".sh", ".bash", ".zsh", ".py", ".ps1", ".bat", ".cmd",
		".toml", ".ini", ".cfg", ".conf", ".env",
	};
	const char *base = hdb_base_name(path);
	char *lower = xstrdup(base), *p;
	size_t i, len = strlen(lower);
	int hit;

	for (p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	hit = strstr(lower, "metadata") != NULL;
	for (i = 0; !hit && i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		hit = !strncmp(lower, prefixes[i], strlen(prefixes[i]));
	for (i = 0; !hit && i < sizeof(exts) / sizeof(exts[0]); i++) {
		size_t el = strlen(exts[i]);

		hit = len > el && !strcmp(lower + len - el, exts[i]);
	}
	free(lower);
	return hit;
}

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
	if (n)	/* qsort(NULL, 0) is undefined */
		qsort(names, n, sizeof(*names), cmp_name_p);
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
	const struct hdb_dir_format *dir;
	struct stat sb;

	if (stat(path, &sb)) {
		hdb_error("cannot open '%s': %s", path, strerror(errno));
		add_entry(run, path, 0, hdb_errmsg());
		return;
	}
	if (S_ISDIR(sb.st_mode) && (dir = hdb_sniff_dir(path))) {
		/* one unit: its files are read by its parser, not walked */
		add_entry(run, path, walked, NULL);
		run->list[run->n - 1].dir = dir;
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
		/* sockets, fifos, devices: never opened; a walk says it
		 * passed them by, a named one is an error */
		if (walked) {
			add_entry(run, path, 1, "not a regular file");
			run->list[run->n - 1].skip = 1;
			return;
		}
		hdb_error("cannot read '%s': not a regular file", path);
		add_entry(run, path, 0, hdb_errmsg());
		return;
	}
	if (walked && not_result_name(path)) {
		add_entry(run, path, 1, "not a results file");
		run->list[run->n - 1].skip = 1;
		run->list[run->n - 1].skip_kind = HDB_SKIP_NOT_RESULT;
		return;
	}
	add_entry(run, path, walked, NULL);
	run->list[run->n - 1].size = (long long)sb.st_size;
}

/*
 * Pairing looks files up by key instead of scanning the list for each
 * one, so that a directory of 100k files pairs in O(n log n).  A key is
 * one of:
 *   'S' + 'dir/x.'   a file a stderr capture 'dir/x.stderr.<ext>' may go
 *                    with: one key for each '.' in its name
 *   'R' + 'dir/X'    a results file 'dir/results_X.json' (lm-eval 0.4.3+)
 *   'P' + path       any file, for 'dir/results.json' (0.4.0-0.4.2)
 * sorted by key, then by list order, so that the first file of a key is
 * the first in the list, as a scan would find it.
 */
struct key {
	char *s;
	int idx;
};

struct keys {
	struct key *k;
	size_t n, cap;
	size_t *next;	/* 'S' groups: the first entry not yet taken */
};

static void add_key(struct keys *ks, char kind, const char *s, size_t len,
		    size_t idx)
{
	char *key = xmalloc(len + 2);

	key[0] = kind;
	memcpy(key + 1, s, len);
	key[len + 1] = '\0';
	if (ks->n == ks->cap) {
		ks->cap = ks->cap ? 2 * ks->cap : 64;
		ks->k = xrealloc(ks->k, ks->cap * sizeof(*ks->k));
	}
	ks->k[ks->n].s = key;
	ks->k[ks->n++].idx = (int)idx;
}

static int cmp_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcmp(x->s, y->s);

	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/* The first key equal to kind + s[0..len), or ks->n. */
static size_t find_key(const struct keys *ks, char kind, const char *s,
		       size_t len)
{
	size_t lo = 0, hi = ks->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *k = ks->k[mid].s;
		int c = (unsigned char)k[0] - (unsigned char)kind;

		if (!c) {
			c = strncmp(k + 1, s, len);
			if (!c && k[1 + len])
				c = 1;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < ks->n && ks->k[lo].s[0] == kind &&
	    !strncmp(ks->k[lo].s + 1, s, len) && !ks->k[lo].s[1 + len])
		return lo;
	return ks->n;
}

static void build_keys(const struct run *run, struct keys *ks)
{
	size_t i;

	for (i = 0; i < run->n; i++) {
		const char *p = run->list[i].path, *base = hdb_base_name(p);
		size_t blen = strlen(base), dir = (size_t)(base - p);
		const char *dot;

		if (run->list[i].error || run->list[i].dir)
			continue;
		add_key(ks, 'P', p, strlen(p), i);
		if (!strstr(p, ".stderr."))
			for (dot = strchr(base, '.'); dot;
			     dot = strchr(dot + 1, '.'))
				add_key(ks, 'S', p, (size_t)(dot - p) + 1, i);
		if (blen > 13 && !strncmp(base, "results_", 8) &&
		    !strcmp(base + blen - 5, ".json")) {
			struct strbuf k = STRBUF_INIT;

			strbuf_add(&k, p, dir);
			strbuf_add(&k, base + 8, blen - 13);
			add_key(ks, 'R', k.buf, k.len, i);
			strbuf_release(&k);
		}
	}
	if (ks->n)	/* qsort(NULL, 0) is undefined */
		qsort(ks->k, ks->n, sizeof(*ks->k), cmp_key);
	ks->next = xmalloc((ks->n ? ks->n : 1) * sizeof(*ks->next));
	for (i = 0; i < ks->n; i++)
		ks->next[i] = i;
}

static void release_keys(struct keys *ks)
{
	size_t i;

	for (i = 0; i < ks->n; i++)
		free(ks->k[i].s);
	free(ks->k);
	free(ks->next);
}

static void set_companion(struct run *run, size_t i, size_t j, enum role role)
{
	struct entry *r = &run->list[j];

	run->list[i].companion_of = (int)j;
	run->list[i].role = role;
	if (role == ROLE_STDERR) {
		r->stderr_idx = (int)i;
		return;
	}
	if (r->last_sample >= 0)
		run->list[r->last_sample].next_sample = (int)i;
	else
		r->first_sample = (int)i;
	r->last_sample = (int)i;
}

/*
 * 'x.stderr.txt' (or .log, any one extension) is the stderr of the results
 * file 'x.<ext>' next to it: the first such file in name order that is no
 * companion itself and has no stderr yet.
 */
static void pair_stderr(struct run *run, struct keys *ks, size_t i)
{
	const char *p = run->list[i].path, *mark = strstr(p, ".stderr.");
	size_t stem, at, k;

	if (!mark || strchr(mark + 8, '.') || strchr(mark + 8, '/') || !mark[8])
		return;
	stem = (size_t)(mark - p) + 1;	/* 'x.' */
	at = find_key(ks, 'S', p, stem);
	if (at == ks->n)
		return;
	/* those skipped stay unfit (taken), so the group remembers where
	 * to start next time */
	for (k = ks->next[at]; k < ks->n && !strcmp(ks->k[k].s, ks->k[at].s);
	     k++) {
		const struct entry *r = &run->list[ks->k[k].idx];

		if ((size_t)ks->k[k].idx == i || r->companion_of >= 0 ||
		    r->stderr_idx >= 0)
			continue;
		ks->next[at] = k;
		set_companion(run, i, (size_t)ks->k[k].idx, ROLE_STDERR);
		return;
	}
	ks->next[at] = k;
}

/*
 * lm-eval's samples files go with the results file of their run:
 * 'samples_<task>_<date>.jsonl' with 'results_<date>.json' beside it
 * (0.4.3+; a date followed by more, such as a copy's '.1', still matches),
 * or any '.jsonl' with the 'results.json' beside it (0.4.0-0.4.2).
 */
static void pair_samples(struct run *run, const struct keys *ks, size_t i)
{
	const char *p = run->list[i].path, *base = hdb_base_name(p);
	const char *date = strrchr(base, '_');
	size_t blen = strlen(base), dir = (size_t)(base - p), at, best = ks->n;

	if (blen < 7 || strcmp(base + blen - 6, ".jsonl"))
		return;
	if (!strncmp(base, "samples_", 8)) {
		struct strbuf k = STRBUF_INIT;
		const char *d;

		if (!date)
			return;
		/* results_X.json where X is a prefix of '<date>.jsonl' */
		strbuf_add(&k, p, dir);
		for (d = date + 1; *d; d++) {
			strbuf_addch(&k, *d);
			at = find_key(ks, 'R', k.buf, k.len);
			if (at < ks->n && (best == ks->n ||
					   ks->k[at].idx < ks->k[best].idx))
				best = at;
		}
		strbuf_release(&k);
	} else {
		char *path = xasprintf("%.*sresults.json", (int)dir, p);

		best = find_key(ks, 'P', path, strlen(path));
		free(path);
	}
	if (best < ks->n)
		set_companion(run, i, (size_t)ks->k[best].idx, ROLE_SAMPLES);
}

static void pair_companions(struct run *run)
{
	struct keys ks;
	size_t i;

	memset(&ks, 0, sizeof(ks));
	build_keys(run, &ks);
	for (i = 0; i < run->n; i++) {
		if (run->list[i].error || run->list[i].dir)
			continue;
		pair_stderr(run, &ks, i);
		if (run->list[i].companion_of < 0)
			pair_samples(run, &ks, i);
	}
	release_keys(&ks);
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
	run.paths = paths;
	memset(totals, 0, sizeof(*totals));
	run.cur_idx = -1;
	for (k = 0; k < n_paths; k++) {
		run.cur_root = k;
		list_path(&run, paths[k], 0, 0);
	}
	pair_companions(&run);
	for (i = 0; i < run.n; i++)
		if (!run.list[i].error && run.list[i].companion_of < 0) {
			run.p_total++;
			run.p_bytes += run.list[i].size;
		}
	hdb_store_batch_mode(st, 1);
	for (i = 0; i < run.n && !run.store_failed; i++)
		if (run.list[i].error && run.list[i].skip)
			skipped(&run, run.list[i].path, run.list[i].skip_kind,
				run.list[i].error);
		else if (run.list[i].error)
			not_done(&run, run.list[i].path, HDB_FILE_FAILED,
				 run.list[i].error);
		else if (run.list[i].companion_of < 0) {
			run.cur_idx = (long)i;
			ingest_file(&run, i);
			run.cur_idx = -1;
			if (run.replay) {
				/* the batch again, from its first entry */
				batch_undo(&run);
				i = run.batch_first - 1;
				continue;
			}
			run.p_done++;
			run.p_bytes_done += run.list[i].size;
			if (!run.store_failed)
				file_end(&run);
		}
	if (run.store_failed && run.in_batch) {
		/* the files the batch took before stay, if the transaction
		 * did (the failed one was rolled back to its savepoint) */
		char *why = xstrdup(hdb_errmsg());

		if (hdb_store_in_tx(st)) {
			batch_commit(&run);
		} else {
			hdb_store_rollback(st);
			flush_held(&run, why);
		}
		hdb_error("%s", why);
		free(why);
	}
	batch_commit(&run);
	for (i = 0; i < run.n && !run.store_failed; i++)
		if (run.list[i].companion_of >= 0 && !run.list[i].handled)
			companion_left(&run, i);
	/* one checkpoint at the end; a failed one loses nothing */
	hdb_store_batch_mode(st, 0);
	if (!run.store_failed)
		warn_unknown_hosts(&run);
	for (i = 0; i < run.n; i++) {
		free(run.list[i].path);
		free(run.list[i].error);
	}
	free(run.list);
	free(run.held);
	for (k = 0; k < run.n_unknown && k < UNKNOWN_NAMED; k++)
		free(run.unknown[k]);
	if (run.store_failed)
		return -1;
	return totals->failed ? 1 : 0;
}
