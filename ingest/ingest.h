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
};

/* 'llama-bench-json', ... ; "unknown" for HDB_FORMAT_UNKNOWN. */
const char *hdb_format_name(enum hdb_format fmt);

/*
 * Recognises the format of an open file from its first lines, whatever
 * its name.  Leaves the file position at the start.
 */
enum hdb_format hdb_sniff(FILE *f);

/* What a parser saw besides the records it handed over. */
struct hdb_parse_info {
	enum hdb_format format;
	long records;
	int truncated;		/* the run was cut off (no closing ']' ...) */
	long trunc_line, trunc_col;
	const char *trunc_what;	/* static text: what was missing */
	long noise_lines;	/* lines that were not JSON (stderr noise) */
	long first_noise_line;
	char first_noise[48];	/* the start of that line, made printable */
};

typedef int (*hdb_bench_fn)(void *ctx, const struct hdb_bench_record *rec);

/*
 * Parses llama-bench JSON or JSONL from f, calling fn for every complete
 * test record in file order.  Memory is bounded by one record.  Returns 0,
 * or -1 with hdb_error set to 'path:line:col: expected ...' (also when fn
 * fails, whose message is kept).  A file with no records is an error.
 */
int hdb_parse_bench_json(FILE *f, const char *path, hdb_bench_fn fn,
			 void *ctx, struct hdb_parse_info *info);

/* Canonical quant name for a llama.cpp ftype name ('Q4_K - Medium' ->
 * 'Q4_K_M'); writes "" when the ftype says nothing usable. */
void hdb_quant_name(const char *ftype, char *out, size_t size);

/*
 * The host key of a record: cpu_info and gpu_info with what drifts between
 * builds and backends normalised away; *label is a readable host name made
 * from it.  Both are NULL when neither string says anything.  Caller frees.
 */
void hdb_host_key(const char *cpu_info, const char *gpu_info, char **key,
		  char **label);

struct hdb_ingest_options {
	const char *host;	/* --host NAME, or NULL to derive */
};

enum hdb_file_status {
	HDB_FILE_INGESTED,
	HDB_FILE_DUPLICATE,	/* same bytes already in the store */
	HDB_FILE_FAILED,	/* rolled back; detail says why */
	HDB_FILE_SKIPPED,	/* found by a directory walk, not ours */
};

struct hdb_file_outcome {
	const char *path;
	enum hdb_file_status status;
	enum hdb_format format;
	long rows;
	const char *detail;	/* error text, the earlier path, or reason */
};

/* How the driver reports; the CLI prints, the library never does. */
struct hdb_ingest_report {
	void *ctx;
	/* A warning about a file that was still ingested ('path:l:c: ...'). */
	void (*warning)(void *ctx, const char *msg);
	void (*file_done)(void *ctx, const struct hdb_file_outcome *o);
};

struct hdb_ingest_totals {
	long ingested, duplicate, failed, skipped;
	long rows;
};

/*
 * Ingests every path (directories are walked, in name order, skipping
 * dot-files).  Each file is its own transaction.  Returns 0 when every
 * file was ingested or already there, 1 when some file failed; -1 only
 * when the store itself fails (hdb_error set).
 */
int hdb_ingest_paths(struct hdb_store *st, const struct hdb_ingest_options *o,
		     char *const *paths, int n_paths,
		     const struct hdb_ingest_report *rep,
		     struct hdb_ingest_totals *totals);

#endif
