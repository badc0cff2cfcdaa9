/*
 * parsers.h: what the files of ingest/ share among themselves (private to
 * ingest/; other rooms use ingest.h).  The sink parsers report to, the
 * parsers themselves, the shared llama-bench record builder, the failure
 * classifier, and the small helpers for names and hosts.
 */
#ifndef HALODB_INGEST_PARSERS_H
#define HALODB_INGEST_PARSERS_H

#include "ingest.h"
#include "../util.h"

#include <sys/types.h>

/*
 * Recognises the format of an open file from its first lines, whatever
 * its name.  Leaves the file position at the start.
 */
enum hdb_format hdb_sniff(FILE *f);

/* Where parsers send what they find. */
struct hdb_sink {
	void *ctx;
	/* each returns 0, or -1 with hdb_error set to stop the parse */
	int (*bench)(void *ctx, const struct hdb_bench_record *r);
	int (*server)(void *ctx, const struct hdb_server_record *r);
	/* a problem that does not stop the file: 'path:l:c: warning: ...' */
	void (*warning)(void *ctx, const char *msg);
	int (*quality)(void *ctx, const struct hdb_quality_record *r);
	/* an item of the last quality record, or, with task and metric set,
	 * of that task's record of that metric in the same run (lm_eval
	 * samples files, whose results come in another file) */
	int (*quality_item)(void *ctx, const struct hdb_quality_item *it,
			    const char *task, const char *metric);
	int (*reference)(void *ctx, const struct hdb_reference_record *r);
	/* the machine the input names as --host would (a halodb run's
	 * manifest), before its first record; the call's own --host or
	 * --host-from-dir wins.  May be NULL (then the input's host is
	 * derived as usual) */
	int (*host)(void *ctx, const char *name);
};

/* The longest line a parser reads (a JSONL record, a log line). */
#define HDB_MAX_LINE ((size_t)64 << 20)

/*
 * getline(3) within HDB_MAX_LINE: reads the next line of f into *line
 * (grown as needed), with its newline.  Returns its length, -1 at the end
 * of the file (or on a read error: see ferror), or -2 for a line longer
 * than HDB_MAX_LINE (hdb_read_end says so).
 */
ssize_t hdb_readline(char **line, size_t *cap, FILE *f);
/* The same without the "\n" or "\r\n". */
ssize_t hdb_getline(char **line, size_t *cap, FILE *f);
/*
 * After the last hdb_readline (or hdb_getline) of f, which returned n:
 * -1 with the error set when it stopped on a line over HDB_MAX_LINE
 * (lineno is that line) or on a read error, else 0 (the end of f).
 */
int hdb_read_end(FILE *f, const char *path, ssize_t n, long lineno);

/* Line 1 without its UTF-8 byte-order mark (len shrinks); other lines
 * as they are. */
const char *hdb_skip_bom(const char *line, size_t *len, long lineno);

/* 0 when s[0..len) is UTF-8 text; else -1 with hdb_error set to
 * 'path:line:col: expected UTF-8 text, found the byte 0xff', col being
 * the column of s[0] in the file. */
int hdb_check_utf8(const char *path, long line, long col, const char *s,
		   size_t len);

/* Reports a warning through the sink (formatted like printf). */
void hdb_sink_warn(const struct hdb_sink *sink, const char *fmt, ...)
	HDB_PRINTF(2, 3);

/* What a parser saw besides the records it handed over. */
struct hdb_parse_info {
	enum hdb_format format;
	char era[64];		/* the llama.cpp era, e.g. 'b5221+ (depth)' */
	long records;
	int empty;		/* well-formed but without a single record
				 * ('[' alone: a run that failed at once) */
	int truncated;		/* the run was cut off (no closing ']' ...) */
	long trunc_line, trunc_col;
	const char *trunc_what;	/* static text: what was missing */
	long repeats;		/* records the file printed twice, handed
				 * over once (counted as already stored) */
	long noise_lines;	/* lines that were not JSON (stderr noise) */
	long first_noise_line;
	char first_noise[48];	/* the start of that line, made printable */
	int not_results;	/* on failure: nothing in the file is this
				 * format's output (notes quoting llama.cpp
				 * lines, a README's own table); a walk
				 * skips such a file */
};

/*
 * The parsers.  Each reads f from its start, hands every record to the
 * sink in file order, fills *info, and returns 0, or -1 with hdb_error set
 * to 'path:line:col: expected ...' (or the sink's own message).  Memory is
 * bounded by one record (one table for markdown).
 *
 * hdb_parse_bench_json: llama-bench JSON or JSONL; a file with no records
 * is an error.
 */
int hdb_parse_bench_json(FILE *f, const char *path, const struct hdb_sink *sink,
			 struct hdb_parse_info *info);
/* llama-bench markdown, with whatever stderr was captured into it. */
int hdb_parse_bench_md(FILE *f, const char *path, const struct hdb_sink *sink,
		       struct hdb_parse_info *info);
/* The 1-based column where field k (0-based) of a CSV line starts. */
long hdb_csv_field_col(const char *line, size_t len, size_t k);

/* Published tables transcribed into CSV (data/README.md), whose first
 * line after '#' comments is hdb_published_header. */
extern const char hdb_published_header[];
int hdb_parse_published(FILE *f, const char *path,
			const struct hdb_sink *sink,
			struct hdb_parse_info *info);

/* llama-bench CSV (libcsv) or SQL (parsed as data, never executed). */
int hdb_parse_bench_csv(FILE *f, const char *path, const struct hdb_sink *sink,
			struct hdb_parse_info *info);
int hdb_parse_bench_sql(FILE *f, const char *path, const struct hdb_sink *sink,
			struct hdb_parse_info *info);
/* llama-server / llama-cli / main logs of every era. */
int hdb_parse_llama_log(FILE *f, const char *path, const struct hdb_sink *sink,
			struct hdb_parse_info *info);
/* A saved /completion or /v1/chat/completions response. */
int hdb_parse_server_json(FILE *f, const char *path,
			  const struct hdb_sink *sink,
			  struct hdb_parse_info *info);

/*
 * Quality harnesses.  hdb_parse_lm_eval: a results file of any
 * lm-evaluation-harness version (one record per task, metric and filter,
 * groups included); look-alike files are refused.
 * hdb_parse_lm_eval_samples: a --log_samples file of the task named (its
 * results file gives the records); items carry task and metric.
 */
int hdb_parse_lm_eval(FILE *f, const char *path, const struct hdb_sink *sink,
		      struct hdb_parse_info *info);
int hdb_parse_lm_eval_samples(FILE *f, const char *path, const char *task,
			      const struct hdb_sink *sink,
			      struct hdb_parse_info *info);
/* EvalPlus results (records for base and plus, an item per task) and the
 * EvalPlus leaderboard (reference records). */
int hdb_parse_evalplus(FILE *f, const char *path, const struct hdb_sink *sink,
		       struct hdb_parse_info *info);
int hdb_parse_evalplus_board(FILE *f, const char *path,
			     const struct hdb_sink *sink,
			     struct hdb_parse_info *info);
/* Needle-in-a-haystack cells: one record (harness "niah", metric
 * "pass_rate") and an item per cell; a cell passes at a score of at least
 * pass_score.  Several files of one run add their cells to one record. */
int hdb_parse_niah(FILE *f, const char *path, int pass_score,
		   const struct hdb_sink *sink, struct hdb_parse_info *info);
/* An Aider benchmark run directory (records pass_rate_1..N computed as
 * benchmark.py --stats does, an item per exercise), and a leaderboard YAML
 * file (reference records, read with libyaml). */
int hdb_is_aider_run(const char *dir);
/* The largest .aider.results.json read (they hold a few kB). */
#define HDB_AIDER_RESULT_MAX ((size_t)16 << 20)
int hdb_parse_aider_run(const char *dir, const struct hdb_sink *sink,
			struct hdb_parse_info *info);
int hdb_parse_aider_board(FILE *f, const char *path,
			  const struct hdb_sink *sink,
			  struct hdb_parse_info *info);
/* Hashes a run directory's results files, with their paths, into c. */
struct sha256;
int hdb_hash_aider_run(const char *dir, struct sha256 *c, long long *bytes);

/*
 * The directory `halodb run` writes (halorun.c): a manifest.json with
 * "halodb_run": 1 and the raw stdout and stderr of each test point.  Each
 * point's JSONL goes through hdb_parse_bench_json with the point's gate
 * verdict set on every record; a point that did not finish becomes a row
 * of its status (its stderr classified as failure.c does); points never
 * reached become not_run rows.  The manifest's host goes to sink->host.
 */
int hdb_is_halodb_run(const char *dir);
/* The largest manifest read. */
#define HDB_RUN_MANIFEST_MAX ((size_t)16 << 20)
int hdb_hash_halodb_run(const char *dir, struct sha256 *c, long long *bytes);
int hdb_parse_halodb_run(const char *dir, const struct hdb_sink *sink,
			 struct hdb_parse_info *info);

/*
 * Formats whose unit is a directory (sniff.c holds the table): the driver
 * lists, hashes and parses them through it, and a walk does not go
 * inside one.
 */
struct hdb_dir_format {
	enum hdb_format format;
	/* is dir one of these?  (a look at names and a file's start) */
	int (*is)(const char *dir);
	/* adds the bytes that make the run, with their names, to c and
	 * their sizes to *bytes: the same run hashes the same anywhere */
	int (*hash)(const char *dir, struct sha256 *c, long long *bytes);
	int (*parse)(const char *dir, const struct hdb_sink *sink,
		     struct hdb_parse_info *info);
};
/* The directory format dir is, or NULL. */
const struct hdb_dir_format *hdb_sniff_dir(const char *dir);

/*
 * Builds bench records from the fields of llama-bench tests of any era,
 * given as jansson objects (JSON values, or CSV/SQL strings), and hands
 * them to the sink.  Objects are passed as void * to keep jansson.h in
 * the parsers' own files.  Free with hdb_bench_builder_free.
 */
struct hdb_bench_builder;
struct hdb_bench_builder *hdb_bench_builder_new(const char *path,
						const struct hdb_sink *sink);
/* text: the record as it stood in the file; line, col: where it starts;
 * precision: decimals of avg_ts as printed (0 for full).  Returns 0, or
 * -1 with hdb_error set ('path:line:col: expected ...'). */
int hdb_bench_add(struct hdb_bench_builder *b, const void *json_object,
		  const char *text, long line, long col, int precision);
/* For the next hdb_bench_add only: where each field (by its key) stands
 * in the line, for the columns of errors; the arrays are borrowed. */
void hdb_bench_set_cols(struct hdb_bench_builder *b, const char *const *keys,
			const long *cols, size_t n);
void hdb_bench_builder_free(struct hdb_bench_builder *b);
/* Sets every field of r to unknown (NULL, HDB_UNSET, NAN). */
void hdb_bench_record_init(struct hdb_bench_record *r);
/* Splits a model_type ('qwen3moe 30B.A3B Q4_K - Medium') into the model
 * ('qwen3moe 30B.A3B', into model) and the canonical quant ('Q4_K_M', into
 * quant); either may come out empty. */
void hdb_split_model_type(const char *model_type, struct strbuf *model,
			  struct strbuf *quant);
/* A canonical quant named in a file name ('...-UD-Q4_K_XL.gguf' gives
 * 'Q4_K_XL'), or "" */
void hdb_quant_from_file(const char *file, char *out, size_t size);
/* The file name of a path, '/' or '\' separated (borrowed from path). */
const char *hdb_base_name(const char *path);
/* The llama.cpp era a test object's field set belongs to. */
void hdb_bench_era(const void *json_object, char *out, size_t size);

/* How a run ended, from the lines it printed (failure.c). */
enum hdb_fail_kind {		/* in rising order of what it tells */
	HDB_FAIL_NONE,
	HDB_FAIL_FAILED,	/* failed to load the model or make a context */
	HDB_FAIL_CRASHED,	/* device lost, GPU hang, abort, signal */
	HDB_FAIL_OOM,		/* out of (device) memory */
};

/* A run's failure so far: the most telling error line seen. */
struct hdb_failure {
	enum hdb_fail_kind kind;
	int telling;
	long lineno;
	char line[256];		/* the error line, trimmed */
	char model_file[256];	/* from 'failed to load model '...'' */
	char quant[16];		/* what that file name says, or "" */
};

/* The kind of failure one line reports (HDB_FAIL_NONE for most lines);
 * *telling is 0 for backtrace frames and wrapper echoes. */
enum hdb_fail_kind hdb_failure_kind(const char *line, int *telling);
/* Notes a line (without its newline) into f; zero f to start. */
void hdb_failure_note(struct hdb_failure *f, const char *line, long lineno);
/* Fills the fields of a (hdb_bench_record_init'ed) record of the run that
 * died: status, error, line, raw, model file and quant; borrows from f. */
void hdb_failure_record(const struct hdb_failure *f,
			struct hdb_bench_record *r);
/* "oom", "crashed", "failed" ("ok" for HDB_FAIL_NONE). */
const char *hdb_fail_status(enum hdb_fail_kind kind);

/*
 * A llama-bench run as its command line plans it (benchplan.c): its
 * points (test instances) in the order llama-bench runs them.  A point
 * as a record says it, with what the command line sets (HDB_UNSET and
 * NULL for what it does not).
 */
struct hdb_plan_point {
	const char *model_file;	/* base name */
	long long n_prompt, n_gen, n_depth;
	long long n_gpu_layers, n_batch, n_ubatch, n_threads, flash_attn;
	const char *type_k, *type_v;
};
struct hdb_plan;

/* Does line hold a llama-bench command line ('+ llama-bench -m ...', a
 * wrapper's echo; not 'killed llama-bench after 17 minutes'), readable
 * or not? */
int hdb_plan_is_command(const char *line);
/* Reads the llama-bench command line in line.  Returns 1 with *plan (free
 * with hdb_plan_free), 0 when line holds none, or -1 when it holds one
 * whose tests cannot be told (an option not known here, a shell
 * variable, a line that goes on): *why (static text) says what. */
int hdb_plan_read(const char *line, struct hdb_plan **plan, const char **why);
void hdb_plan_free(struct hdb_plan *p);
/* Do two command lines run the same tests (their arguments are equal)? */
int hdb_plan_same(const struct hdb_plan *a, const struct hdb_plan *b);
/* How many points; point i (0-based), borrowing from p. */
size_t hdb_plan_size(const struct hdb_plan *p);
void hdb_plan_point(const struct hdb_plan *p, size_t i,
		    struct hdb_plan_point *pt);
/* The fields a command line may give several values. */
enum hdb_plan_field {
	HDB_PF_MODEL, HDB_PF_NGL, HDB_PF_BATCH, HDB_PF_UBATCH,
	HDB_PF_THREADS, HDB_PF_FA, HDB_PF_TYPE_K, HDB_PF_TYPE_V,
};
/* Does the plan run more than one value of f? */
int hdb_plan_varies(const struct hdb_plan *p, enum hdb_plan_field f);
/* Could a and b be the same point (what either leaves unknown matches)? */
int hdb_plan_matches(const struct hdb_plan_point *a,
		     const struct hdb_plan_point *b);
/*
 * The point where a run of plan p stopped: the first planned point with
 * no finished record, done being the records in file order.  The records
 * must be points of the plan, in its order; when they are not its first
 * points, or skips is set (the run said a model or context failed, which
 * newer llama-bench builds pass by), they must fit the plan one way only.
 * Returns the point's index, or -1 when it cannot be known (the records
 * do not fit, fit several ways, or every point finished).  With at (room
 * for n_done), at[k] is the point of record k.
 */
long hdb_plan_next(const struct hdb_plan *p, const struct hdb_plan_point *done,
		   size_t n_done, int skips, size_t *at);

/*
 * What is known about a run that died (died.c), gathered from its
 * finished records and the lines it printed, for its died row.
 */
struct hdb_died;
/* Free with hdb_died_free (NULL is a no-op). */
struct hdb_died *hdb_died_new(void);
void hdb_died_free(struct hdb_died *d);
/* Forgets everything: the next run starts. */
void hdb_died_reset(struct hdb_died *d);
/* A line the run printed (its stderr, or a capture of both streams). */
void hdb_died_line(struct hdb_died *d, const char *line);
/* A finished record of the run (status "ok"). */
void hdb_died_done(struct hdb_died *d, const struct hdb_bench_record *r);
/*
 * Fills what r, the row of the run that died (hdb_failure_record'ed),
 * does not say yet: from the finished records what they all share, from
 * the command line the point the run stopped at, and from the file name
 * at path what is left (see died.c).  r borrows from d until d changes.
 */
void hdb_died_fill(struct hdb_died *d, const char *path,
		   struct hdb_bench_record *r);

/* Canonical quant name for a llama.cpp ftype name ('Q4_K - Medium' ->
 * 'Q4_K_M'); writes "" when the ftype says nothing usable. */
void hdb_quant_name(const char *ftype, char *out, size_t size);

/*
 * The host key of a record: cpu_info and gpu_info with what drifts between
 * builds and backends normalised away.  *label is a readable host name made
 * from it, the CPU and GPU model in short ('xeon-6338-a30'); *suffixed is
 * the label with a short hash of the key ('xeon-6338-a30-1f2e'), the name
 * when another machine has the label already.  All three are NULL when
 * neither string says anything.  Caller frees.
 */
void hdb_host_key(const char *cpu_info, const char *gpu_info, char **key,
		  char **label, char **suffixed);

#endif
