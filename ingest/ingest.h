/*
 * ingest.h: the door of ingest/, which turns input files into records and
 * hands them to the store.
 *
 * Parsers know nothing of SQL: they call back with plain records
 * (struct hdb_bench_record, defined by the store's door).  The driver here
 * walks paths, hashes each file, recognises its format by content, and
 * makes each file one transaction: a file is ingested whole or not at all.
 */
#ifndef HALODB_INGEST_H
#define HALODB_INGEST_H

#include "../schema/store.h"

#include <stdio.h>

enum hdb_format {
	HDB_FORMAT_UNKNOWN,
	HDB_FORMAT_BENCH_JSON,	/* llama-bench -o json (an array) */
	HDB_FORMAT_BENCH_JSONL,	/* llama-bench -o jsonl (one per line) */
	HDB_FORMAT_BENCH_MD,	/* llama-bench -o md (the default) */
	HDB_FORMAT_BENCH_CSV,	/* llama-bench -o csv */
	HDB_FORMAT_BENCH_SQL,	/* llama-bench -o sql */
	HDB_FORMAT_LLAMA_LOG,	/* llama-server / llama-cli / main log, or
				 * what a llama-bench run printed on stderr */
	HDB_FORMAT_SERVER_JSON,	/* a saved llama-server response with
				 * a "timings" object */
	HDB_FORMAT_LM_EVAL,	/* lm-evaluation-harness results */
	HDB_FORMAT_LM_EVAL_SAMPLES, /* its --log_samples file of one task */
	HDB_FORMAT_EVALPLUS,	/* EvalPlus *eval_results.json */
	HDB_FORMAT_EVALPLUS_BOARD, /* the EvalPlus leaderboard's results.json */
	HDB_FORMAT_AIDER_RUN,	/* an Aider benchmark run directory */
	HDB_FORMAT_AIDER_RESULT, /* one exercise's .aider.results.json */
	HDB_FORMAT_AIDER_BOARD,	/* an Aider leaderboard YAML file */
	HDB_FORMAT_NIAH,	/* needle-in-a-haystack result cells */
	HDB_FORMAT_PUBLISHED,	/* published tables, transcribed (data/) */
	HDB_FORMAT_HALODB_RUN,	/* a directory `halodb run` wrote (named
				 * alone, its manifest.json is refused) */
};

/* 'llama-bench-json', ... ; "unknown" for HDB_FORMAT_UNKNOWN. */
const char *hdb_format_name(enum hdb_format fmt);

struct hdb_ingest_options {
	const char *host;	/* --host NAME, or NULL to derive */
	int host_from_dir;	/* --host-from-dir: each file's host is the
				 * first directory below the path given
				 * (host stays NULL) */
	struct hdb_attach attach; /* --model, --quant, --kv, --backend,
				 * --build: for quality rows; --variant:
				 * for every row that names none */
	int niah_pass;		/* a needle cell passes at this score (10) */
	const char *stderr_file; /* --stderr FILE: the stderr of the one
				 * results file given */
	int replace;		/* --replace: a file already in the store
				 * (same bytes, or the same path as given)
				 * is forgotten and ingested again */
	int dry_run;		/* parse and report; the caller passes a
				 * scratch store */
	struct hdb_store *known; /* dry runs: the real store, to tell files
				 * already ingested (may be NULL) */
};

enum hdb_file_status {
	HDB_FILE_INGESTED,
	HDB_FILE_DUPLICATE,	/* same bytes already in the store */
	HDB_FILE_FAILED,	/* rolled back; detail says why */
	HDB_FILE_SKIPPED,	/* found by a directory walk, not ours */
};

/* Why a walk passed a file by (HDB_FILE_SKIPPED). */
enum hdb_skip {
	HDB_SKIP_OTHER,		/* detail says why (empty file, a FIFO ...) */
	HDB_SKIP_NOT_RESULT,	/* not a results file: a README, notes, a
				 * script, a config, a wrapper's metadata */
};

struct hdb_file_outcome {
	const char *path;
	enum hdb_file_status status;
	enum hdb_format format;
	const char *era;	/* the llama.cpp era, or "" */
	long rows;		/* rows added */
	long dups;		/* measurements the store already had */
	long died;		/* rows of runs that died (among rows/dups) */
	long not_run;		/* rows of tests never run (among rows/dups,
				 * not among died) */
	long items;		/* items of quality rows */
	long noise;		/* lines that were not part of the output */
	long replaced;		/* --replace: sources it replaced (its bytes
				 * or its path, ingested before) */
	long forgotten;		/* the rows they had given */
	const char *detail;	/* error text, the earlier path, or reason */
	const char *companion;	/* the stderr file read with it, or NULL */
	enum hdb_skip skip;	/* HDB_FILE_SKIPPED: why */
};

/* How the driver reports; the CLI prints, the library never does. */
struct hdb_ingest_report {
	void *ctx;
	/* A warning about a file that was still ingested ('path:l:c: ...'),
	 * or about the call ('warning: ...', once, after every file). */
	void (*warning)(void *ctx, const char *msg);
	void (*file_done)(void *ctx, const struct hdb_file_outcome *o);
	/* How far the call has got, for a progress line (may be NULL):
	 * stage "ingest", files done of total, rows taken, bytes read of
	 * the files' sizes, the file being read; at each file and every
	 * PROGRESS_RECORDS records within one. */
	const struct hdb_progress *progress;
};

struct hdb_ingest_totals {
	long ingested, duplicate, failed, skipped;
	long rows, dups;
};

/*
 * About how many bytes of input the paths hold, for sizing the store's
 * cache before it is opened (hdb_store_bulk_cache): the sizes of the
 * files named, and a directory of at most one batch of files as a
 * batch's worth; -1 when they hold more than one batch of files (the
 * cache is then recycled, not filled once).  Reads the directories'
 * entries, not the files.
 */
long long hdb_ingest_input_bytes(char *const *paths, int n);

/*
 * Ingests every path (directories are walked, in name order, skipping
 * dot-files and, by name, documentation, scripts and configs).  Each file
 * is its own transaction.  Files that name no machine are warned about
 * once, after the last file.  Returns 0 when every
 * file was ingested or already there, 1 when some file failed; -1 only
 * when the store itself fails (hdb_error set).
 */
int hdb_ingest_paths(struct hdb_store *st, const struct hdb_ingest_options *o,
		     char *const *paths, int n_paths,
		     const struct hdb_ingest_report *rep,
		     struct hdb_ingest_totals *totals);

struct hdb_library;

/* The parsing libraries ingest/ runs with (check.c): *n entries, static. */
const struct hdb_library *hdb_ingest_libraries(size_t *n);

/*
 * The sha256 of path as ingest takes it: a run directory (Aider's,
 * halodb run's) through its format's hash, anything else as a regular
 * file.  What `halodb doctor` compares with a source's.  Returns 0 and
 * fills hex (64 digits and a NUL), or -1 with hdb_error set.
 */
int hdb_ingest_hash(const char *path, char hex[65]);

#endif
