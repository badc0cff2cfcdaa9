/*
 * Unit tests: model names.  schema/models.c (models alias and unalias:
 * labels, file patterns and their precedence, re-aliasing, aliasing a
 * name, bad names and unknown labels that change nothing), the listing of
 * query/models.c, and the point of it all: after an alias, speed and
 * quality of one model meet by name in the queries and the report.
 */
#include "harness.h"
#include "qfixture.h"
#include "../../query/query.h"
#include "../../schema/store.h"
#include "../../util.h"

#include <sqlite3.h>

/* --- Building the fixture --- */

/* A finished tg128 at depth 0 of label model from file, on host. */
static void add_tp(struct hdb_store *st, const char *host, const char *model,
		   const char *file, double ts)
{
	static int seq;
	struct hdb_bench_record r;
	char time[32];

	memset(&r, 0, sizeof(r));
	snprintf(time, sizeof(time), "2026-01-01T00:00:%02dZ", seq++ % 60);
	r.line = 1;
	r.model = model;
	r.model_file = file;
	r.quant = "Q4_K_M";
	r.test = "tg128";
	r.n_prompt = 0;
	r.n_gen = 128;
	r.n_depth = 0;
	r.avg_ts = ts;
	r.stddev_ts = NAN;
	r.test_time = time;
	r.status = "ok";
	r.backend = "Vulkan";
	r.build_number = 9000;
	r.flash_attn = 1;
	r.model_size = r.model_n_params = r.n_gpu_layers = HDB_UNSET;
	r.n_batch = r.n_ubatch = r.n_threads = HDB_UNSET;
	r.avg_ns = r.stddev_ns = r.n_reps = HDB_UNSET;
	add_record(st, host, &r);
}

/* A request timed by llama-server: label model (may be NULL), file. */
static void add_server(struct hdb_store *st, const char *model,
		       const char *file)
{
	static int n;
	struct hdb_server_record r;
	long long src, h;
	char sha[32];
	int dup;

	memset(&r, 0, sizeof(r));
	r.tool = "llama-server";
	r.model = model;
	r.model_file = file;
	r.build_number = r.n_ctx = r.n_slots = r.slot_id = HDB_UNSET;
	r.cache_n = HDB_UNSET;
	r.task_id = n;
	r.prompt_n = 100;
	r.gen_n = 50;
	r.prompt_ms = 100.0 + n;
	r.prompt_tps = r.gen_tps = NAN;
	r.gen_ms = 500.0;
	r.precision = 3;
	snprintf(sha, sizeof(sha), "server-%d", n++);
	if (hdb_store_begin(st) ||
	    hdb_store_add_source(st, "s.log", sha, 1, "llama-log", &src) ||
	    hdb_store_unknown_host(st, &h) ||
	    hdb_store_add_server(st, src, h, &r, &dup) ||
	    hdb_store_commit(st)) {
		fprintf(stderr, "add_server: %s\n", hdb_errmsg());
		exit(2);
	}
}

/* A score of benchmark of label model, on host. */
static void add_q(struct hdb_store *st, const char *host, const char *model,
		  const char *benchmark, long long n_pass)
{
	struct hdb_quality_record r;
	struct hdb_attach a;

	memset(&r, 0, sizeof(r));
	memset(&a, 0, sizeof(a));
	a.model = model;
	a.quant = "Q4_K_M";
	r.line = 1;
	r.harness = "aider";
	r.benchmark = benchmark;
	r.metric = "pass_rate_2";
	r.n_items = 225;
	r.n_pass = n_pass;
	r.score = (double)n_pass / 225;
	r.stderr = NAN;
	add_quality_record(st, host, &a, &r);
}

static void add_ref(struct hdb_store *st, const char *model, double score)
{
	struct hdb_reference_record r;

	memset(&r, 0, sizeof(r));
	r.line = 1;
	r.model = model;
	r.benchmark = "aider-polyglot";
	r.score = score;
	r.n_items = 225;
	add_reference_record(st, &r);
}

#define MOE "qwen3moe 30B.A3B"

/*
 * One label, MOE, for two models: Qwen3-30B-A3B and Qwen3-Coder-30B-A3B
 * files on host a (throughput) and in a server log; quality rows and a
 * published score call the first 'qwen3-30b-a3b'; 'llama 8B' is another
 * label.
 */
static struct hdb_store *fixture(const char *name)
{
	struct hdb_store *st = fresh(name);

	add_tp(st, "a", MOE, "Qwen3-30B-A3B-Q4_K_M.gguf", 80);
	add_tp(st, "a", MOE, "Qwen3-30B-A3B-Q8_0.gguf", 70);
	add_tp(st, "a", MOE, "Qwen3-Coder-30B-A3B-Q4_K_M.gguf", 82);
	add_tp(st, "a", "llama 8B", "Llama-3.1-8B-Q4_K_M.gguf", 50);
	add_server(st, NULL, "Qwen3-30B-A3B-Q4_K_M.gguf");
	add_q(st, "a", "qwen3-30b-a3b", "aider-polyglot", 90);
	add_ref(st, "qwen3-30b-a3b", 0.5);
	return st;
}

/* --- Reading the store --- */

static long long one_int(struct hdb_store *st, const char *sql)
{
	sqlite3_stmt *s;
	long long v = -999;

	if (sqlite3_prepare_v2(hdb_store_sqlite(st), sql, -1, &s, NULL) ==
	    SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	else
		T_FAIL("%s: %s", sql, sqlite3_errmsg(hdb_store_sqlite(st)));
	sqlite3_finalize(s);
	return v;
}

/* The first column of the first row, as text (static; "(null)"). */
static const char *one_text(struct hdb_store *st, const char *sql)
{
	static char buf[4][512];
	static int k;
	char *out = buf[k++ % 4];
	sqlite3_stmt *s;

	snprintf(out, 512, "(no row)");
	if (sqlite3_prepare_v2(hdb_store_sqlite(st), sql, -1, &s, NULL) !=
	    SQLITE_OK) {
		T_FAIL("%s: %s", sql, sqlite3_errmsg(hdb_store_sqlite(st)));
		return out;
	}
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(out, 512, "%s", sqlite3_column_text(s, 0)
			 ? (const char *)sqlite3_column_text(s, 0) : "(null)");
	sqlite3_finalize(s);
	return out;
}

/* Every name of the rows of a view, by file (or label), as one line:
 * "Qwen3-30B-A3B-Q4_K_M.gguf=x, ...". */
static const char *names_of(struct hdb_store *st, const char *sql)
{
	return one_text(st, sql);
}

#define TP_NAMES \
	"SELECT group_concat(model_file || '=' || coalesce(name, '-'), ', ')" \
	" FROM (SELECT model_file, name FROM throughput ORDER BY model_file)"

static int alias(struct hdb_store *st, const char *name, const char *label,
		 const char *file, struct hdb_models_done *d)
{
	const char *labels[1] = { label }, *files[1] = { file };
	struct hdb_model_refs refs = { labels, label != NULL, files,
				       file != NULL };

	return hdb_store_models_alias(st, name, &refs, d);
}

static int unalias(struct hdb_store *st, const char *label, const char *file,
		   struct hdb_models_done *d)
{
	const char *labels[1] = { label }, *files[1] = { file };
	struct hdb_model_refs refs = { labels, label != NULL, files,
				       file != NULL };

	return hdb_store_models_unalias(st, &refs, d);
}

/* --- Tests --- */

/* Before any alias a row's name is its label; a label alias names every
 * row of that label in all four tables, and says so in the log. */
static void a_label_alias_names_every_table(void)
{
	struct hdb_store *st = fixture("label.db");
	struct hdb_models_done d;

	CHECK_STR(names_of(st, TP_NAMES),
		  "Llama-3.1-8B-Q4_K_M.gguf=llama 8B, "
		  "Qwen3-30B-A3B-Q4_K_M.gguf=" MOE ", "
		  "Qwen3-30B-A3B-Q8_0.gguf=" MOE ", "
		  "Qwen3-Coder-30B-A3B-Q4_K_M.gguf=" MOE);
	hdb_store_set_command(st, "halodb models alias q3 '" MOE "'");
	CHECK_INT(alias(st, "q3", MOE, NULL, &d), 0);
	CHECK_INT(d.n, 1);
	CHECK_STR(d.n ? d.lines[0] : NULL, "label '" MOE "' named 'q3'");
	CHECK_INT(d.rows, 3);
	hdb_models_done_release(&d);
	CHECK_STR(names_of(st, TP_NAMES),
		  "Llama-3.1-8B-Q4_K_M.gguf=llama 8B, "
		  "Qwen3-30B-A3B-Q4_K_M.gguf=q3, Qwen3-30B-A3B-Q8_0.gguf=q3, "
		  "Qwen3-Coder-30B-A3B-Q4_K_M.gguf=q3");
	/* the labels stay as ingested */
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput WHERE model = '"
			  MOE "'"), 3);
	CHECK_STR(one_text(st, "SELECT action || ': ' || what || ' by ' || "
			   "command FROM curation_log"),
		  "models alias: label '" MOE "' named 'q3' by halodb models "
		  "alias q3 '" MOE "'");
	/* quality and reference labels are labels too */
	CHECK_INT(alias(st, "Qwen3 30B", "qwen3-30b-a3b", NULL, &d), 0);
	CHECK_INT(d.rows, 2);
	hdb_models_done_release(&d);
	CHECK_STR(one_text(st, "SELECT name FROM quality"), "Qwen3 30B");
	CHECK_STR(one_text(st, "SELECT name FROM reference_score"),
		  "Qwen3 30B");
	/* the server row has no label: no label alias reaches it */
	CHECK_STR(one_text(st, "SELECT coalesce(name, '-') FROM "
			   "server_timing"), "-");
	hdb_store_close(st);
}

/* A label that has an alias gets the new one, and the log says what it
 * was; the same alias again changes nothing and logs nothing. */
static void realiasing_replaces_and_says_what_it_was(void)
{
	struct hdb_store *st = fixture("realias.db");
	struct hdb_models_done d;

	CHECK_INT(alias(st, "q3", MOE, NULL, &d), 0);
	hdb_models_done_release(&d);
	CHECK_INT(alias(st, "qwen3-30b", MOE, NULL, &d), 0);
	CHECK_INT(d.n, 1);
	CHECK_STR(d.n ? d.lines[0] : NULL,
		  "label '" MOE "' named 'qwen3-30b' (was 'q3')");
	CHECK_INT(d.rows, 3);
	hdb_models_done_release(&d);
	CHECK_INT(one_int(st, "SELECT count(*) FROM model_alias"), 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput WHERE name = "
			  "'qwen3-30b'"), 3);
	CHECK_INT(alias(st, "qwen3-30b", MOE, NULL, &d), 0);
	CHECK_INT(d.n, 0);
	CHECK_INT(d.rows, 0);
	hdb_models_done_release(&d);
	CHECK_INT(one_int(st, "SELECT count(*) FROM curation_log"), 2);
	CHECK_STR(one_text(st, "SELECT what FROM curation_log ORDER BY id "
			   "DESC"), "label '" MOE "' named 'qwen3-30b' (was "
		  "'q3')");
	hdb_store_close(st);
}

/* A file pattern wins over a label; among patterns the oldest; a row
 * ingested after the aliases gets the name the rewrite would give. */
static void a_file_pattern_wins_over_a_label(void)
{
	struct hdb_store *st = fixture("files.db");
	struct hdb_models_done d;
	const char *labels[1] = { MOE };
	const char *files[1] = { "Qwen3-Coder-*.gguf" };
	struct hdb_model_refs refs = { labels, 1, files, 1 };

	/* one call, a label and a pattern of two names' worth of rows */
	CHECK_INT(hdb_store_models_alias(st, "qwen3-30b-a3b", &refs, &d), 0);
	CHECK_INT(d.n, 2);
	CHECK_STR(d.n > 1 ? d.lines[1] : NULL, "file pattern "
		  "'Qwen3-Coder-*.gguf' named 'qwen3-30b-a3b'");
	CHECK_INT(d.rows, 3);	/* the server row has another file */
	hdb_models_done_release(&d);
	CHECK_INT(alias(st, "qwen3-coder-30b", NULL, "Qwen3-Coder-*.gguf", &d),
		  0);
	CHECK_STR(d.n ? d.lines[0] : NULL, "file pattern "
		  "'Qwen3-Coder-*.gguf' named 'qwen3-coder-30b' (was "
		  "'qwen3-30b-a3b')");
	hdb_models_done_release(&d);
	CHECK_STR(names_of(st, TP_NAMES),
		  "Llama-3.1-8B-Q4_K_M.gguf=llama 8B, "
		  "Qwen3-30B-A3B-Q4_K_M.gguf=qwen3-30b-a3b, "
		  "Qwen3-30B-A3B-Q8_0.gguf=qwen3-30b-a3b, "
		  "Qwen3-Coder-30B-A3B-Q4_K_M.gguf=qwen3-coder-30b");
	/* a newer pattern that also matches the coder file loses to the
	 * older one; it takes the Q8_0 file, over its label */
	CHECK_INT(alias(st, "q8", NULL, "*Q8_0.gguf", &d), 0);
	hdb_models_done_release(&d);
	CHECK_INT(alias(st, "any-q4", NULL, "*-Q4_K_M.gguf", &d), 0);
	hdb_models_done_release(&d);
	CHECK_STR(names_of(st, TP_NAMES),
		  "Llama-3.1-8B-Q4_K_M.gguf=any-q4, "
		  "Qwen3-30B-A3B-Q4_K_M.gguf=any-q4, "
		  "Qwen3-30B-A3B-Q8_0.gguf=q8, "
		  "Qwen3-Coder-30B-A3B-Q4_K_M.gguf=qwen3-coder-30b");
	/* the server row names its file only: the pattern names it */
	CHECK_STR(one_text(st, "SELECT name FROM server_timing"), "any-q4");
	/* ingest names new rows by the same rule */
	add_tp(st, "b", MOE, "Qwen3-Coder-30B-A3B-Q8_0.gguf", 60);
	add_tp(st, "b", MOE, "Qwen3-30B-A3B-Q6_K.gguf", 60);
	CHECK_STR(one_text(st, "SELECT name FROM throughput WHERE model_file"
			   " = 'Qwen3-Coder-30B-A3B-Q8_0.gguf'"),
		  "qwen3-coder-30b");
	CHECK_STR(one_text(st, "SELECT name FROM throughput WHERE model_file"
			   " = 'Qwen3-30B-A3B-Q6_K.gguf'"), "qwen3-30b-a3b");
	hdb_store_close(st);
}

/* Aliasing a name that is already an alias moves every alias of that
 * name, label and pattern alike, so that the table stays one level deep;
 * a name that is also a label moves both. */
static void aliasing_an_alias_name_moves_its_aliases(void)
{
	struct hdb_store *st = fixture("chain.db");
	struct hdb_models_done d;
	const char *labels[1] = { MOE };
	const char *files[1] = { "Qwen3-30B-A3B-*.gguf" };
	struct hdb_model_refs refs = { labels, 1, files, 1 };

	CHECK_INT(hdb_store_models_alias(st, "q3", &refs, &d), 0);
	hdb_models_done_release(&d);
	CHECK_INT(alias(st, "qwen3-30b", "q3", NULL, &d), 0);
	CHECK_INT(d.n, 2);
	CHECK_STR(d.n > 1 ? d.lines[0] : NULL,
		  "label '" MOE "' named 'qwen3-30b' (was 'q3')");
	CHECK_STR(d.n > 1 ? d.lines[1] : NULL, "file pattern "
		  "'Qwen3-30B-A3B-*.gguf' named 'qwen3-30b' (was 'q3')");
	CHECK_INT(d.rows, 4);
	hdb_models_done_release(&d);
	/* no alias of 'q3' itself: it is no label */
	CHECK_INT(one_int(st, "SELECT count(*) FROM model_alias"), 2);
	CHECK_INT(one_int(st, "SELECT count(*) FROM model_alias WHERE "
			  "name = 'qwen3-30b'"), 2);
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput WHERE name = "
			  "'qwen3-30b'"), 3);
	/* 'qwen3-30b-a3b' is the quality label, and now an alias name too:
	 * renaming it takes the quality rows and the throughput rows */
	CHECK_INT(alias(st, "qwen3-30b-a3b", "qwen3-30b", NULL, &d), 0);
	hdb_models_done_release(&d);
	CHECK_INT(alias(st, "Qwen3 30B A3B", "qwen3-30b-a3b", NULL, &d), 0);
	CHECK_INT(d.n, 3);
	CHECK_STR(d.n > 2 ? d.lines[2] : NULL,
		  "label 'qwen3-30b-a3b' named 'Qwen3 30B A3B'");
	hdb_models_done_release(&d);
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput WHERE name = "
			  "'Qwen3 30B A3B'"), 3);
	CHECK_STR(one_text(st, "SELECT name FROM quality"), "Qwen3 30B A3B");
	CHECK_STR(one_text(st, "SELECT name FROM server_timing"),
		  "Qwen3 30B A3B");
	CHECK_INT(one_int(st, "SELECT count(DISTINCT name) FROM model_alias"),
		  1);
	hdb_store_close(st);
}

/* unalias drops a label's alias, every alias of a name, or a pattern,
 * and the rows get their labels back. */
static void unalias_gives_the_labels_back(void)
{
	struct hdb_store *st = fixture("unalias.db");
	struct hdb_models_done d;
	const char *labels[2] = { MOE, "llama 8B" };
	const char *files[1] = { "Qwen3-Coder-*.gguf" };
	struct hdb_model_refs refs = { labels, 1, files, 1 };

	CHECK_INT(hdb_store_models_alias(st, "q3", &refs, &d), 0);
	hdb_models_done_release(&d);
	CHECK_INT(alias(st, "l8", "llama 8B", NULL, &d), 0);
	hdb_models_done_release(&d);
	CHECK_INT(unalias(st, NULL, "Qwen3-Coder-*.gguf", &d), 0);
	CHECK_INT(d.n, 1);
	CHECK_STR(d.n ? d.lines[0] : NULL,
		  "file pattern 'Qwen3-Coder-*.gguf' no longer named 'q3'");
	/* the coder file falls back to its label's alias: still q3 */
	CHECK_INT(d.rows, 0);
	CHECK_STR(one_text(st, "SELECT name FROM throughput WHERE model_file"
			   " LIKE 'Qwen3-Coder-%'"), "q3");
	hdb_models_done_release(&d);
	CHECK_STR(one_text(st, "SELECT coalesce(name, '-') FROM "
			   "server_timing"), "-");
	CHECK_INT(unalias(st, "q3", NULL, &d), 0);
	CHECK_STR(d.n ? d.lines[0] : NULL,
		  "label '" MOE "' no longer named 'q3'");
	CHECK_INT(d.rows, 3);
	hdb_models_done_release(&d);
	CHECK_INT(unalias(st, "llama 8B", NULL, &d), 0);
	CHECK_INT(d.rows, 1);
	hdb_models_done_release(&d);
	CHECK_INT(one_int(st, "SELECT count(*) FROM model_alias"), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput WHERE name IS "
			  "NOT model"), 0);
	CHECK_INT(one_int(st, "SELECT count(*) FROM curation_log WHERE "
			  "action = 'models unalias'"), 3);
	hdb_store_close(st);
}

/* Bad names, labels that are not in the store, patterns that match no
 * file and aliases that do not exist: a clear error naming the closest
 * there are, and nothing changed, even what came before in the call. */
static void bad_names_and_unknowns_change_nothing(void)
{
	struct hdb_store *st = fixture("bad.db");
	struct hdb_models_done d;
	const char *labels[2] = { MOE, "qwen3moe 30b.a3" };
	const char *files[1] = { "Qwen3-30B-*.gguf" };
	struct hdb_model_refs refs = { labels, 2, files, 0 };
	static const char *const bad[] = { "", "a\nb", "tab\there", "\xff" };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(alias(st, bad[i], MOE, NULL, &d), -1);
		CHECK_INT(d.n, 0);
	}
	CHECK_STR(hdb_errmsg(), "model name: expected UTF-8 text");
	CHECK_INT(alias(st, "", MOE, NULL, &d), -1);
	CHECK_STR(hdb_errmsg(), "model name: expected a non-empty name on "
		  "one line");
	CHECK_INT(hdb_store_models_alias(st, "q3", &refs, &d), -1);
	CHECK_STR(hdb_errmsg(), "no model label or alias name 'qwen3moe "
		  "30b.a3' (closest: '" MOE "', 'qwen3-30b-a3b', "
		  "'llama 8B')");
	refs.n_labels = 1;
	files[0] = "qwen3-30b-*.gguf";
	refs.n_files = 1;
	CHECK_INT(hdb_store_models_alias(st, "q3", &refs, &d), -1);
	CHECK_STR(hdb_errmsg(), "no model file matches 'qwen3-30b-*.gguf' "
		  "(closest files: 'Qwen3-30B-A3B-Q8_0.gguf', "
		  "'Qwen3-30B-A3B-Q4_K_M.gguf', 'Llama-3.1-8B-Q4_K_M.gguf')");
	files[0] = "";
	CHECK_INT(hdb_store_models_alias(st, "q3", &refs, &d), -1);
	CHECK_STR(hdb_errmsg(), "file pattern: expected a non-empty GLOB "
		  "pattern on one line, in UTF-8");
	CHECK_INT(unalias(st, MOE, NULL, &d), -1);
	CHECK_STR(hdb_errmsg(), "no alias of label or name '" MOE "' (there "
		  "are no aliases)");
	CHECK_INT(alias(st, "q3", MOE, NULL, &d), 0);
	hdb_models_done_release(&d);
	CHECK_INT(unalias(st, "q4", NULL, &d), -1);
	CHECK_STR(hdb_errmsg(), "no alias of label or name 'q4' (closest: "
		  "'q3', '" MOE "')");
	CHECK_INT(unalias(st, NULL, "*.gguf", &d), -1);
	CHECK_STR(hdb_errmsg(), "no alias of file pattern '*.gguf' (there "
		  "are no file patterns)");
	/* the failures changed nothing: one alias, one log row */
	CHECK_INT(one_int(st, "SELECT count(*) FROM model_alias"), 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM curation_log"), 1);
	CHECK_INT(one_int(st, "SELECT count(*) FROM throughput WHERE name = "
			  "'q3'"), 3);
	hdb_store_close(st);
}

/* halodb models: a row per name and label, the rows of one name
 * together, the counts per view and the files, the most used first. */
static void the_listing_shows_names_labels_and_files(void)
{
	struct hdb_store *st = fixture("list.db");
	struct hdb_models_done d;
	struct hdb_table t;

	add_tp(st, "b", MOE, "Qwen3-30B-A3B-Q4_K_M.gguf", 81);
	add_tp(st, "b", MOE, "Qwen3-30B-A3B-Q5_K_M.gguf", 81);
	add_tp(st, "b", MOE, "Qwen3-30B-A3B-Q6_K.gguf", 81);
	CHECK_INT(alias(st, "qwen3-30b-a3b", NULL, "Qwen3-30B-A3B-*", &d), 0);
	hdb_models_done_release(&d);
	if (hdb_query_models(hdb_store_sqlite(st), &t)) {
		T_FAIL("%s", hdb_errmsg());
		hdb_store_close(st);
		return;
	}
	CHECK_INT(t.n_rows, 5);
	CHECK_STR(text(&t, 0, "name"), "llama 8B");
	CHECK_STR(text(&t, 0, "label"), "llama 8B");
	CHECK_INT(integer(&t, 0, "throughput"), 1);
	CHECK_STR(text(&t, 0, "model_files"), "Llama-3.1-8B-Q4_K_M.gguf (1)");
	/* qwen3-30b-a3b: the server row (no label), the quality and
	 * reference label, the arch label's throughput rows */
	CHECK_STR(text(&t, 1, "name"), "qwen3-30b-a3b");
	CHECK(is_null(&t, 1, "label"));
	CHECK_INT(integer(&t, 1, "server_timing"), 1);
	CHECK_INT(integer(&t, 1, "throughput"), 0);
	CHECK_STR(text(&t, 1, "model_files"), "Qwen3-30B-A3B-Q4_K_M.gguf (1)");
	CHECK_STR(text(&t, 2, "name"), "qwen3-30b-a3b");
	CHECK_STR(text(&t, 2, "label"), "qwen3-30b-a3b");
	CHECK_INT(integer(&t, 2, "throughput"), 0);
	CHECK_INT(integer(&t, 2, "quality"), 1);
	CHECK_INT(integer(&t, 2, "reference_score"), 1);
	CHECK(is_null(&t, 2, "model_files"));
	CHECK_STR(text(&t, 3, "name"), "qwen3-30b-a3b");
	CHECK_STR(text(&t, 3, "label"), MOE);
	CHECK_INT(integer(&t, 3, "throughput"), 5);
	CHECK_STR(text(&t, 3, "model_files"),
		  "Qwen3-30B-A3B-Q4_K_M.gguf (2), Qwen3-30B-A3B-Q5_K_M.gguf "
		  "(1), Qwen3-30B-A3B-Q6_K.gguf (1) and 1 more");
	/* the coder file keeps its label */
	CHECK_STR(text(&t, 4, "name"), MOE);
	CHECK_STR(text(&t, 4, "label"), MOE);
	CHECK_STR(text(&t, 4, "model_files"),
		  "Qwen3-Coder-30B-A3B-Q4_K_M.gguf (1)");
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* Speed and quality of one model, labelled apart by their files, meet by
 * name once aliased: in the filters of the queries and in the report's
 * count of the models each host measured. */
static void speed_and_quality_meet_by_name(void)
{
	struct hdb_store *st = fresh("meet.db");
	struct hdb_query_opts o;
	struct hdb_report_opts ro;
	struct hdb_report_model m;
	struct hdb_models_done d;
	const struct hdb_section *s;
	struct hdb_table t;
	const char *only[1] = { "qwen3.6" };
	size_t i;

	add_tp(st, "a", "qwen35moe 35B.A3B", "Qwen3.6-35B-A3B-Q4_K_M.gguf", 60);
	add_tp(st, "b", "qwen35moe 35B.A3B", "Qwen3.6-35B-A3B-Q4_K_M.gguf", 40);
	add_q(st, "a", "qwen3.6", "aider-polyglot", 120);
	add_q(st, "b", "qwen3.6", "aider-polyglot", 100);
	memset(&ro, 0, sizeof(ro));
	ro.hosts = "a,b";
	/* apart: the speed filter finds no qwen3.6, host a measured two
	 * models */
	hdb_query_opts_init(&o);
	o.model = "qwen3.6";
	CHECK_INT(hdb_query_speed(hdb_store_sqlite(st), &o, &t), -1);
	CHECK_STR(hdb_errmsg(), "--model: no throughput rows with "
		  "model=qwen3.6 (model in the store: qwen35moe 35B.A3B)");
	if (!hdb_query_report(hdb_store_sqlite(st), &ro, &m)) {
		s = section(&m, "contestants");
		CHECK(s && s->n > 1);
		for (i = 0; s && i < s->n; i++)
			if (s->blocks[i].kind == HDB_BLOCK_TABLE)
				CHECK_INT(integer(&s->blocks[i].table, 0,
						  "Models"), 2);
		hdb_report_model_release(&m);
	}

	CHECK_INT(alias(st, "qwen3.6", "qwen35moe 35B.A3B", NULL, &d), 0);
	hdb_models_done_release(&d);
	CHECK_INT(hdb_query_speed(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_STR(text(&t, 0, "model"), "qwen3.6");
	hdb_table_release(&t);
	CHECK_INT(hdb_query_quality(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_INT(t.n_rows, 2);
	CHECK_STR(text(&t, 0, "model"), "qwen3.6");
	hdb_table_release(&t);
	/* the selector key model= means the name too */
	hdb_query_opts_init(&o);
	o.num = "host=a,model=qwen3.6";
	o.den = "host=b";
	CHECK_INT(hdb_query_ratio(hdb_store_sqlite(st), &o, &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_STR(text(&t, 0, "model"), "qwen3.6");
	hdb_table_release(&t);
	/* the report of that one model keeps its speed and its quality, and
	 * host a measured one model */
	ro.models = only;
	ro.n_models = 1;
	if (!hdb_query_report(hdb_store_sqlite(st), &ro, &m)) {
		const struct hdb_table *ct = NULL;

		s = section(&m, "contestants");
		for (i = 0; s && i < s->n; i++)
			if (s->blocks[i].kind == HDB_BLOCK_TABLE)
				ct = &s->blocks[i].table;
		CHECK(ct != NULL);
		if (ct) {
			CHECK_STR(text(ct, 0, "Host"), "a");
			CHECK_INT(integer(ct, 0, "Throughput rows"), 1);
			CHECK_INT(integer(ct, 0, "Quality rows"), 1);
			CHECK_INT(integer(ct, 0, "Models"), 1);
			CHECK_STR(text(ct, 1, "Host"), "b");
			CHECK_INT(integer(ct, 1, "Models"), 1);
		}
		CHECK(section(&m, "throughput") != NULL);
		CHECK(section(&m, "quality") != NULL);
		hdb_report_model_release(&m);
	} else {
		T_FAIL("report: %s", hdb_errmsg());
	}
	hdb_store_close(st);
}

/* The query of the throughput rows still reads them through an index
 * (bench_lookup leads with host_id, name). */
static void the_queries_read_by_index(void)
{
	struct hdb_store *st = fixture("plan.db");
	sqlite3_stmt *s;
	struct strbuf plan = STRBUF_INIT;

	if (sqlite3_prepare_v2(hdb_store_sqlite(st),
			       "EXPLAIN QUERY PLAN SELECT id, host, name, quant,"
			       " test, n_depth, avg_ts FROM throughput"
			       " WHERE host = 'a' AND name = 'x'", -1, &s,
			       NULL) != SQLITE_OK) {
		T_FAIL("%s", sqlite3_errmsg(hdb_store_sqlite(st)));
		hdb_store_close(st);
		return;
	}
	while (sqlite3_step(s) == SQLITE_ROW)
		strbuf_addf(&plan, "%s\n", sqlite3_column_text(s, 3));
	sqlite3_finalize(s);
	CHECK_HAS(strbuf_str(&plan), "INDEX bench_lookup (host_id=? AND name=?)");
	strbuf_release(&plan);
	hdb_store_close(st);
}

int main(void)
{
	RUN(a_label_alias_names_every_table);
	RUN(realiasing_replaces_and_says_what_it_was);
	RUN(a_file_pattern_wins_over_a_label);
	RUN(aliasing_an_alias_name_moves_its_aliases);
	RUN(unalias_gives_the_labels_back);
	RUN(bad_names_and_unknowns_change_nothing);
	RUN(the_listing_shows_names_labels_and_files);
	RUN(speed_and_quality_meet_by_name);
	RUN(the_queries_read_by_index);
	return t_done();
}
