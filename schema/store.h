/*
 * store.h: the door of schema/, the only room that writes the SQLite store.
 *
 * It opens (and creates, and migrates) a store, and takes plain records
 * from ingest/ to write them with prepared statements.  The schema itself
 * is the set of schema/NNN_*.sql files, embedded in the binary at build
 * time; PRAGMA user_version is the number of them applied.
 */
#ifndef HALODB_STORE_H
#define HALODB_STORE_H

#include <limits.h>
#include <stddef.h>

struct sqlite3;
struct hdb_store;
struct hdb_library;

/* An integer field a record does not state. */
#define HDB_UNSET LLONG_MIN

/* One repetition of a llama-bench test. */
struct hdb_sample {
	double ts;		/* tokens/s; NAN if not recorded */
	long long ns;		/* wall time; HDB_UNSET if not recorded */
};

/*
 * One llama-bench test result, as parsed.  Strings may be NULL (unknown);
 * integers may be HDB_UNSET; doubles may be NAN.  Everything is borrowed
 * from the parser and valid only during the call that receives it.
 */
struct hdb_bench_record {
	long line;			/* first line of the record in its file */
	const char *host;		/* the machine as the file names it
					 * (published tables); NULL: from
					 * cpu_info/gpu_info or --host */
	const char *cpu_info, *gpu_info;
	const char *backend;
	const char *build_commit;
	long long build_number;
	const char *model;		/* arch + size label */
	const char *model_type;
	const char *model_file;		/* base name */
	long long model_size, model_n_params;
	const char *quant;
	const char *type_k, *type_v;
	long long flash_attn;
	long long n_gpu_layers, n_batch, n_ubatch, n_threads;
	const char *test;
	long long n_prompt, n_gen, n_depth;
	const char *test_time;
	long long avg_ns, stddev_ns;
	double avg_ts, stddev_ts;
	int precision;			/* decimals avg_ts was printed with;
					 * 0 means full precision (6) */
	const struct hdb_sample *samples;
	size_t n_samples;
	int samples_known;		/* 0: the format has no per-rep values */
	long long n_reps;		/* without samples, the repetitions the
					 * file states (published tables); 0
					 * when it states none */
	const char *status;		/* "ok", "failed", ... */
	const char *error;
	const char *raw;		/* the whole record as JSON, or NULL */
	const char *variant;		/* what the parameters do not tell
					 * ('hybrid-ngl22', 'dual-gpu',
					 * '100W'): --variant, or the row's
					 * own (published tables); NULL: none.
					 * Part of the identity: two runs
					 * that differ only in it are two */
	const char *gate;		/* the bench gate's verdict on the run
					 * (`halodb run`): "clean" or "dirty:
					 * <reasons>"; NULL: no gate watched
					 * it.  Not part of the identity: a
					 * measurement reported twice keeps
					 * the dirty verdict if either says
					 * so */
};

/*
 * One request timed by llama-server, or one llama-cli / main run, as
 * parsed from a log or a saved JSON response.  Same conventions as above.
 */
struct hdb_server_record {
	long line;
	const char *tool;		/* "llama-server", "llama-cli", ... */
	const char *build_commit;
	long long build_number;
	const char *model;		/* arch + size label */
	const char *model_file;		/* base name */
	const char *quant;
	const char *type_k, *type_v;
	long long n_ctx, n_slots, slot_id, task_id;
	long long cache_n, prompt_n, gen_n;
	double prompt_ms, prompt_tps, gen_ms, gen_tps;
	int precision;			/* decimals of the ms values; 0: 3 */
	const char *raw;
	const char *variant;		/* as in hdb_bench_record */
};

/*
 * One score of a quality benchmark in one run: a task, metric and filter
 * of lm-evaluation-harness, pass@1 of HumanEval or HumanEval+, an Aider
 * pass rate after N tries, a needle-in-a-haystack pass rate.  score is a
 * fraction in [0,1] (NAN when unknown or not finite).
 */
struct hdb_quality_record {
	long line;
	const char *host;		/* the machine as the file names it
					 * (published tables), else NULL */
	const struct hdb_attach *attach; /* what the file says of the run
					 * (published tables); NULL: --model,
					 * --quant, ... of the call */
	const char *harness;		/* "lm_eval", "evalplus", "aider", "niah" */
	const char *benchmark;		/* "gsm8k", "mmlu_pro_law", "humaneval+",
					 * "aider-polyglot", "niah" */
	const char *parent;		/* the group of a subtask, or NULL */
	const char *metric;		/* "exact_match,strict-match", "pass@1",
					 * "pass_rate_2", "pass_rate" */
	const char *model_named;	/* what the file calls the model */
	const char *version;		/* task or dataset version */
	const char *run_date;		/* when it ran, as the file says */
	long long n_items, n_pass;
	double score, stderr;
	int partial;			/* --limit, an incomplete run ... */
	const char *details;		/* a JSON object of the rest, or NULL */
	const char *raw;
};

/* One item (question, task, exercise, needle cell) of the quality record
 * handed over just before it. */
struct hdb_quality_item {
	const char *item;		/* "HumanEval/0", "python/two-fer" */
	int passed;			/* 1, 0, or -1 for not a pass/fail item */
	const char *detail;		/* JSON or text, or NULL */
};

/* A published score to compare local runs with (a leaderboard entry). */
struct hdb_reference_record {
	long line;
	const char *model;		/* the leaderboard's label */
	const char *benchmark;		/* "aider-polyglot", "humaneval+", ... */
	const char *variant;		/* edit format, reasoning, or NULL */
	double score;			/* fraction in [0,1] */
	long long n_items;
	const char *date;
	const char *details;		/* a JSON object of the rest, or NULL */
	const char *entry;		/* the leaderboard's own name of the
					 * run behind the score (Aider's
					 * dirname), or NULL */
};

/*
 * What the user attaches to the quality rows of one ingest call (files of
 * quality harnesses record none of it).  NULL for what was not given.
 * variant also goes to every throughput and server row of the call (see
 * hdb_bench_record).
 */
struct hdb_attach {
	const char *model, *quant, *type_k, *type_v, *backend, *build, *variant;
};

enum hdb_store_mode {
	HDB_STORE_READ,		/* read-only; the store must exist */
	HDB_STORE_WRITE,	/* created and migrated as needed */
	HDB_STORE_INSPECT,	/* read-only, any schema version up to this
				 * halodb's, unmigrated (halodb doctor) */
};

/* The schema version this halodb writes (the number of migrations). */
int hdb_store_schema_version(void);

/*
 * The public views as README.md documents them ("The public SQL views"),
 * generated from it at build time (schema/viewdoc.awk): per view, a row
 * with columns NULL whose meaning is what one row of the view is, then a
 * row per line of its column table (columns: one name, or several joined
 * by ", " that share the meaning).  Ends with a row whose view is NULL.
 * Static; tests/unit/test_views.c holds it to each view's columns.
 */
struct hdb_view_doc {
	const char *view, *columns, *meaning;
};
extern const struct hdb_view_doc hdb_view_docs[];

/*
 * Opens the store at path.  A store written by a newer halodb, or a file
 * that is not a halodb store, is refused.  For writing, the store and its
 * directory must be writable (the WAL lives beside it); for reading, a
 * store in a directory that cannot be written is read as immutable.
 * Returns 0 and sets *out (free with hdb_store_close), or -1 with
 * hdb_error set.
 */
int hdb_store_open(const char *path, enum hdb_store_mode mode,
		   struct hdb_store **out);
/*
 * Writers wait for each other (an ingest's one-file transaction may last
 * minutes), up to ten minutes; readers are not held up by a writer (WAL)
 * and wait the same way for the moments a checkpoint locks them out.  fn
 * is called once per open store when a wait has lasted a few seconds, so
 * that the caller can say why nothing happens.  Process-wide; fn NULL
 * turns it off.
 */
void hdb_store_set_wait_hook(void (*fn)(void *ctx, const char *path),
			     void *ctx);

/* The name of the host that results naming no machine go to; --host
 * cannot take it. */
#define HDB_UNKNOWN_HOST "unknown"

/* Closes the store; NULL is a no-op.  Returns 0 or -1 on a close error. */
int hdb_store_close(struct hdb_store *st);

/* The underlying connection, for query/ (borrowed). */
struct sqlite3 *hdb_store_sqlite(struct hdb_store *st);
const char *hdb_store_path(const struct hdb_store *st);

int hdb_store_begin(struct hdb_store *st);
int hdb_store_commit(struct hdb_store *st);
/* Rolls back an open transaction; safe to call when none is open. */
void hdb_store_rollback(struct hdb_store *st);
/*
 * Is a transaction open?  0 once SQLite has rolled one back by itself
 * (a full disk, an I/O error): what was written in it is gone.
 */
int hdb_store_in_tx(struct hdb_store *st);

/*
 * One input file inside a batch transaction: a savepoint, released when
 * the file went in, rolled back (to where it began, the transaction
 * staying open) when it did not.  Returns 0 or -1.
 */
int hdb_store_savepoint(struct hdb_store *st);
int hdb_store_release(struct hdb_store *st);
void hdb_store_rollback_to(struct hdb_store *st);

/*
 * Batch mode (ingest): the write-ahead log is not checkpointed after
 * every commit that takes it past a thousand pages (SQLite's default),
 * but after a commit that takes it past a few tens of MiB, and once when
 * batch mode ends (passive: readers are never waited for); the page cache
 * is 16 MiB instead of 2.  on: 0 ends it, 1 starts it.  A store this
 * open made takes the batches with a rollback journal (each page written
 * once), and is in WAL mode again when batch mode ends.  Returns 0 or -1
 * (ending it: the checkpoint failed).
 */
int hdb_store_batch_mode(struct hdb_store *st, int on);

/*
 * Before the first store of the process is opened, by a command about to
 * make a store from about bytes of input in one batch
 * (hdb_ingest_input_bytes; not for more, nor for a store that exists:
 * once the cache is recycled this gains nothing and holds more memory):
 * SQLite's page cache in one mapping of huge pages instead of
 * malloc's 4 KiB pages, each a page fault when first touched (5,000 of
 * them in an ingest of 24,000 rows: a tenth of its time on this VM).  The
 * mapping is filled when SQLite starts, so it is sized to what the
 * input can use, up to batch mode's 16 MiB.  Does nothing once SQLite has
 * started, or where the mapping cannot be made.
 */
void hdb_store_bulk_cache(long long bytes);

/*
 * Looks up an ingested file by its hash.  Returns 1 and sets *path (caller
 * frees; path may be NULL) when found, 0 when not, -1 on error.
 */
int hdb_store_find_source(struct hdb_store *st, const char *sha256,
			  char **path);
int hdb_store_add_source(struct hdb_store *st, const char *path,
			 const char *sha256, long long bytes,
			 const char *format, long long *id);
int hdb_store_set_truncated(struct hdb_store *st, long long source_id);
/* Records the options a source was ingested with (a JSON object). */
int hdb_store_set_source_options(struct hdb_store *st, long long source_id,
				 const char *options);

/*
 * Finds or creates the host of a record.  With name (--host), the host of
 * that name, which also learns key; without, the host that key belongs to,
 * or a new one called label, or suffixed (may be NULL) when a host is
 * called label already (see hdb_host_key).  cpu/gpu are the raw strings
 * behind key.  key may be NULL only with a name (then NULL or the unknown
 * host).  Returns 0 and sets *host_id, or -1.
 */
int hdb_store_host(struct hdb_store *st, const char *name, const char *key,
		   const char *label, const char *suffixed, const char *cpu,
		   const char *gpu, long long *host_id);

/* The host results go to when their file does not say (created once). */
int hdb_store_unknown_host(struct hdb_store *st, long long *host_id);
/* Tells the store that host_id is gone (hosts merge), so that it does not
 * take it for the unknown host; the next result that needs the unknown
 * host makes it again. */
void hdb_store_host_deleted(struct hdb_store *st, long long host_id);

/*
 * Writes one test result and its samples.  A measurement already in the
 * store (same host, or an unknown one; same build, model, parameters,
 * test and depth; the same variant, none only matching none; values
 * equal at the precision both were printed with; the same test_time
 * when both have one) is not written twice: what the
 * new record knows better (more decimals, samples, the host, fields the
 * other format does not print) is merged into the stored row, and *dup
 * is set.  Returns 0 or -1.
 */
int hdb_store_add_bench(struct hdb_store *st, long long source_id,
			long long host_id, const struct hdb_bench_record *r,
			int *dup);

/* The same for a timed request: one request logged and also saved as a
 * JSON response is one row (of one variant).  Returns 0 or -1. */
int hdb_store_add_server(struct hdb_store *st, long long source_id,
			 long long host_id, const struct hdb_server_record *r,
			 int *dup);

/* Writes one quality score with what the user attached; *id is the new
 * row, for its items.  Returns 0 or -1. */
int hdb_store_add_quality(struct hdb_store *st, long long source_id,
			  long long host_id, const struct hdb_attach *a,
			  const struct hdb_quality_record *r, long long *id);
/* Writes an item of quality row id, read from source_id (which may be
 * another file of the run than the row's).  Returns 0 or -1. */
int hdb_store_add_quality_item(struct hdb_store *st, long long quality_id,
			       long long source_id,
			       const struct hdb_quality_item *it);
/* Counts a row's items into its n_items, n_pass and score (for results
 * that are only the sum of their items, such as needle cells). */
int hdb_store_count_quality_items(struct hdb_store *st, long long quality_id);
/* Sets a row's n_pass from its items when they are all pass/fail (the
 * harness gave a score but no count: lm-eval with its samples). */
int hdb_store_count_quality_passes(struct hdb_store *st, long long quality_id);
/* Finds the quality row that items from another file of the same run
 * belong to: same host, attached keys, harness, benchmark, metric and
 * model named, from a source file in dir.  Returns 1 and sets *id, 0 when
 * there is none, -1 on error. */
int hdb_store_find_quality(struct hdb_store *st, long long host_id,
			   const struct hdb_attach *a,
			   const struct hdb_quality_record *r, const char *dir,
			   long long *id);
/* Writes one published score; a score another file (or an earlier line)
 * already stated (the same model, benchmark, variant, entry, score, items
 * and date) is the same row, which this file is recorded as a source of
 * (reference_source) and *dup set.  Returns 0 or -1. */
int hdb_store_add_reference(struct hdb_store *st, long long source_id,
			    const struct hdb_reference_record *r, int *dup);

/*
 * The command line that is changing the store (copied; NULL forgets it),
 * written with every curation_log row.
 */
void hdb_store_set_command(struct hdb_store *st, const char *command);
/*
 * Records one change made after ingest in curation_log: action names the
 * command ('hosts rename', 'models alias', 'forget', ...), what says in
 * words what changed ("host 'a' renamed to 'b'").  Part of the caller's
 * transaction.  Returns 0 or -1.
 */
int hdb_store_log(struct hdb_store *st, const char *action, const char *what);

/* What forgetting a source took. */
struct hdb_forget_counts {
	long removed;		/* rows gone (throughput, server, quality,
				 * reference) */
	long kept;		/* rows other files also reported: kept with
				 * what those said */
	long samples;		/* repetitions gone with their rows */
	long items;		/* quality items gone */
};

/*
 * Removes source_id and every row that came from it, inside the caller's
 * transaction.  A row that other files reported too (the same run as JSON
 * and markdown) stays, made again from what the others said; items that
 * this file added to another file's quality row go, and a row counted
 * from its items is counted again.  Returns 0 or -1.
 */
int hdb_store_forget_source(struct hdb_store *st, long long source_id,
			    struct hdb_forget_counts *c);

/*
 * Forgets source_id as hdb_store_forget_source does and records it in
 * curation_log under action ('forget', 'ingest --replace') with the
 * source's path, hash and what went.  Returns 0 or -1.
 */
int hdb_store_forget_logged(struct hdb_store *st, long long source_id,
			    const char *action, struct hdb_forget_counts *c);

/*
 * The sources an argument of `halodb forget` names: a whole sha256, a
 * unique prefix of one (8 hex digits or more), or a path as it was given
 * at ingest (every source ingested under it).  *ids (caller frees) holds
 * *n ids; none, or an ambiguous prefix, is an error naming the argument.
 * Returns 0 or -1.
 */
int hdb_store_match_sources(struct hdb_store *st, const char *arg,
			    long long **ids, size_t *n);

/*
 * The sources a file replaces (ingest --replace): those with its bytes
 * (sha256) and those ingested under its path.  Returns 0 or -1.
 */
int hdb_store_sources_of(struct hdb_store *st, const char *sha256,
			 const char *path, long long **ids, size_t *n);

/*
 * Folds the rows of host_id that are one measurement (two reports of one
 * run that were under two hosts until a merge) into one, as ingest would
 * have: every report is kept, so either file can still be forgotten.
 * *folded counts the rows folded away.  Returns 0 or -1.
 */
int hdb_store_refold(struct hdb_store *st, long long host_id, long *folded);
/*
 * Model names (schema/models.c).  A row's name is the alias of its model
 * (model_alias: a label exactly, or a GLOB over the model file; a file
 * pattern wins over a label), else its label; queries compare by name.
 */

/* Is name a good model name: non-empty, one line, no control characters,
 * UTF-8?  Returns 0, or -1 with hdb_error set. */
int hdb_model_name_check(const char *name);

/* What models alias and models unalias act on: labels (or names that
 * aliases give) and GLOB patterns over model file names, as typed. */
struct hdb_model_refs {
	const char *const *labels;
	size_t n_labels;
	const char *const *files;
	size_t n_files;
};

/* What an edit of the aliases did: a line per change, as curation_log
 * records it, and how many rows got another name. */
struct hdb_models_done {
	char **lines;		/* owned; release with hdb_models_done_release */
	size_t n;
	long long rows;
};
void hdb_models_done_release(struct hdb_models_done *d);

/*
 * Gives every label and file pattern of refs the name name, in one
 * transaction of its own: a label of the store gets a label alias (a
 * label that had one gets the new one); a label that is the name of
 * aliases moves every alias of that name to name (both, when it is
 * both); a file pattern must match a model file of the store.  Then the
 * name of every row of bench, server_request, qresult and reference is
 * rewritten by the rule of model_name.h, and each change is logged
 * ('models alias').  An unknown label or a pattern that matches nothing
 * is an error naming the closest there are, and changes nothing.
 * Returns 0 (release done), or -1 with hdb_error set.
 */
int hdb_store_models_alias(struct hdb_store *st, const char *name,
			   const struct hdb_model_refs *refs,
			   struct hdb_models_done *done);
/*
 * Drops aliases, the same way: a label's alias, or every alias of a name
 * (both, when the argument is both); a file pattern as it was given.  One
 * that has no alias is an error naming the closest, and changes nothing.
 * Logged as 'models unalias'.  Returns 0 (release done), or -1.
 */
int hdb_store_models_unalias(struct hdb_store *st,
			     const struct hdb_model_refs *refs,
			     struct hdb_models_done *done);

/* ---- Hosts after ingest (hosts.c) ----------------------------------- */

/*
 * Checks a name a host is to be given: non-empty, one line of UTF-8, no
 * blank at either end, no ',' or '=' (a selector could not name it), not
 * 'unknown'.  ctx begins the message ("hosts rename").  Returns 0 or -1.
 */
int hdb_store_check_host_name(const char *ctx, const char *name);
/* Checks a fact: key [a-z][a-z0-9_-]*, value one line of UTF-8 ("" is
 * the value that removes a fact).  Returns 0 or -1. */
int hdb_store_check_host_fact(const char *ctx, const char *key,
			      const char *value);

/*
 * Renames a host (not the unknown one; not to a name a host has: that is
 * a merge).  Its keys stay, so later files of the machine find the new
 * name; it counts as named by the user from then on.  Part of the
 * caller's transaction, logged.  Returns 0 or -1 (no host old: the
 * message names the hosts there are).
 */
int hdb_store_rename_host(struct hdb_store *st, const char *old,
			  const char *new_name);

/* A fact both hosts of a merge had, with different values. */
struct hdb_fact_conflict {
	char *key, *kept, *dropped;	/* kept: into's value; dropped: from's */
};

/* What a merge moved. */
struct hdb_host_merge {
	long long bench, server, quality;	/* rows moved */
	long long keys;				/* host keys moved */
	long long facts;			/* facts of from into had not */
	long long folded;	/* rows that were a measurement into had
				 * already, folded into it (hdb_store_refold) */
	struct hdb_fact_conflict *conflicts;	/* facts into kept */
	size_t n_conflicts;
};

/*
 * Merges host from into host into: every row (throughput, server
 * requests, quality) and every key of from goes to into, so later files
 * with from's keys go there too; from's facts fill into's gaps (into's
 * own win: m->conflicts); then from is deleted, and rows that are now
 * the same measurement twice are folded into one.  from may be the
 * unknown host, into may not.  Part of the caller's transaction, logged.
 * Returns 0 or -1; free *m with hdb_host_merge_release either way.
 */
int hdb_store_merge_host(struct hdb_store *st, const char *from,
			 const char *into, struct hdb_host_merge *m);
void hdb_host_merge_release(struct hdb_host_merge *m);
/* "host 'a' merged into 'b': 3 throughput rows, 1 key" and what was
 * folded (not the conflicts), as curation_log says it; caller frees. */
char *hdb_host_merge_words(const char *from, const char *into,
			   const struct hdb_host_merge *m);

/* One fact of `hosts set`: key and value are the caller's; was is what
 * the host had before (NULL: nothing), set by hdb_store_set_host_facts. */
struct hdb_host_fact {
	const char *key, *value;	/* value "": remove the fact */
	char *was;
};

/*
 * Sets or removes facts of a host (not the unknown one) that no result
 * file carries: memory, tdp, price, notes ...  A fact set to the value it
 * has, or removed when absent, is left alone and not logged.  Part of the
 * caller's transaction.  Returns 0 or -1; free the was strings with
 * hdb_host_facts_release either way.
 */
int hdb_store_set_host_facts(struct hdb_store *st, const char *name,
			     struct hdb_host_fact *facts, size_t n);
void hdb_host_facts_release(struct hdb_host_fact *facts, size_t n);

/* Records what llama.cpp era a source file comes from. */
int hdb_store_set_era(struct hdb_store *st, long long source_id,
		      const char *era);

/* ---- halodb doctor and --version (doctor.c) ------------------------------ */

/* The SQLite halodb runs with: *n entries, static. */
const struct hdb_library *hdb_store_libraries(size_t *n);

struct hdb_doctor_table {
	char *name;
	long long rows;
};

struct hdb_doctor_source {
	char *path;		/* as it was given at ingest */
	char *sha256;		/* what it hashed to then */
	char *format;
};

/* What a store says of itself; every string owned by it. */
struct hdb_doctor {
	long long version;		/* PRAGMA user_version */
	int version_written;		/* the one this halodb writes */
	char **integrity;		/* integrity_check's lines: "ok" alone
					 * when the file is whole */
	size_t n_integrity;
	char **foreign;			/* a line per row that refers to a row
					 * that is not there */
	size_t n_foreign;
	struct hdb_doctor_table *tables; /* every table, by name */
	size_t n_tables;
	struct hdb_doctor_source *sources; /* in the order ingested */
	size_t n_sources;
};

/*
 * Checks st (opened HDB_STORE_INSPECT or HDB_STORE_READ): integrity_check,
 * foreign_key_check, the schema version, the rows of every table, and
 * the sources with their hashes (the caller hashes the files again:
 * ingest/ knows how).  Returns 0 and fills d (free with
 * hdb_doctor_release, also after -1), or -1 with hdb_error set.
 */
int hdb_store_doctor(struct hdb_store *st, struct hdb_doctor *d);
void hdb_doctor_release(struct hdb_doctor *d);

#endif
