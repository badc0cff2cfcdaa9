/*
 * test_forget.c: forgetting a source and refolding a host (schema/store.c).
 *
 * The oracle: a store that forgot a file holds the same rows as a store
 * that never had it, and a host refolded after a merge holds the same
 * rows as one whose files all went in under that host.  Rows are compared
 * by every column the views show (ids and source ids by the file's path).
 */
#include "harness.h"
#include "qfixture.h"
#include "../../ingest/ingest.h"

#include <sqlite3.h>

/* One measurement reported three ways: full precision with samples (a
 * JSON), two decimals (markdown), three decimals without samples (a CSV
 * of an older build). */
static struct hdb_bench_record report(int kind)
{
	static const struct hdb_sample samples[] = {
		{ 100.125, 1000 }, { 100.375, 990 },
	};
	struct hdb_bench_record r;

	memset(&r, 0, sizeof(r));
	r.line = 10 + kind;
	r.model = "qwen3moe 30B.A3B";
	r.model_type = "qwen3moe 30B.A3B Q4_K - Medium";
	r.quant = "Q4_K_M";
	r.test = "tg128";
	r.n_prompt = 0;
	r.n_gen = 128;
	r.n_depth = 4096;
	r.avg_ts = kind == 0 ? 100.25 : kind == 1 ? 100.25 : 100.25;
	r.stddev_ts = kind == 0 ? 0.176777 : kind == 1 ? 0.18 : 0.177;
	r.precision = kind == 0 ? 0 : kind == 1 ? 2 : 3;
	r.build_number = kind == 1 ? HDB_UNSET : 9749;
	r.build_commit = kind == 1 ? NULL : "d32676d";
	r.model_file = kind == 1 ? NULL : "Qwen3-30B-A3B-Q4_K_M.gguf";
	r.backend = kind == 2 ? NULL : "CUDA";
	r.model_size = r.model_n_params = HDB_UNSET;
	r.flash_attn = kind == 1 ? HDB_UNSET : 1;
	r.n_gpu_layers = r.n_batch = r.n_ubatch = r.n_threads = HDB_UNSET;
	r.avg_ns = r.stddev_ns = HDB_UNSET;
	r.test_time = kind == 0 ? "2026-11-20T10:00:00Z" : NULL;
	r.samples = kind == 0 ? samples : NULL;
	r.n_samples = kind == 0 ? 2 : 0;
	r.samples_known = kind == 0;
	r.raw = kind == 0 ? "{\"json\":1}" : kind == 1 ? "| md |" : "csv,row";
	return r;
}

static const char *const paths[] = { "run.json", "run.md", "run.csv" };

/* Ingests the reports named by kinds (in order) as files of their own,
 * under host (NULL: the file names no machine, as markdown). */
static void ingest(struct hdb_store *st, const int *kinds, size_t n,
		   const char *const *hosts)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct hdb_bench_record r = report(kinds[i]);
		long long src, h;
		char sha[16];
		int dup;

		snprintf(sha, sizeof(sha), "sha-%d", kinds[i]);
		CHECK_INT(hdb_store_begin(st), 0);
		CHECK_INT(hdb_store_add_source(st, paths[kinds[i]], sha, 1,
					       "llama-bench-json", &src), 0);
		if (hosts[i])
			CHECK_INT(hdb_store_host(st, hosts[i], NULL, NULL,
						 NULL, NULL, NULL, &h), 0);
		else
			CHECK_INT(hdb_store_unknown_host(st, &h), 0);
		CHECK_INT(hdb_store_add_bench(st, src, h, &r, &dup), 0);
		CHECK_INT(dup, i > 0);
		CHECK_INT(hdb_store_commit(st), 0);
	}
}

/* Every row of the throughput view and its samples, as one text. */
static char *rows_of(struct hdb_store *st)
{
	static const char sql[] =
		"SELECT quote(host), quote(backend), quote(build_commit), "
		"quote(build_number), quote(model), quote(model_file), "
		"quote(flash_attn), quote(test), quote(n_depth), quote(avg_ts), "
		"quote(stddev_ts), quote(n_reps), quote(source), "
		"quote(test_time), quote(name), (SELECT group_concat(rep || ':' "
		"|| quote(ts), ' ') FROM throughput_sample WHERE throughput_id "
		"= t.id), (SELECT quote((SELECT raw FROM bench_raw WHERE bench_id = t.id)) || quote(precision) || "
		"quote(source_line) FROM bench WHERE id = t.id) "
		"FROM throughput t ORDER BY test, n_depth, source";
	struct strbuf sb = STRBUF_INIT;
	sqlite3_stmt *s;
	int i;

	if (sqlite3_prepare_v2(hdb_store_sqlite(st), sql, -1, &s, NULL)) {
		T_FAIL("%s", sqlite3_errmsg(hdb_store_sqlite(st)));
		return strbuf_detach(&sb);
	}
	while (sqlite3_step(s) == SQLITE_ROW) {
		for (i = 0; i < sqlite3_column_count(s); i++)
			strbuf_addf(&sb, "%s|", sqlite3_column_text(s, i)
				    ? (const char *)sqlite3_column_text(s, i)
				    : "");
		strbuf_addch(&sb, '\n');
	}
	sqlite3_finalize(s);
	return strbuf_detach(&sb);
}

static long long one(struct hdb_store *st, const char *sql)
{
	sqlite3_stmt *s;
	long long v = -1;

	if (sqlite3_prepare_v2(hdb_store_sqlite(st), sql, -1, &s, NULL))
		return -2;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static long long source_id(struct hdb_store *st, const char *path)
{
	long long *ids, id;
	size_t n;

	if (hdb_store_match_sources(st, path, &ids, &n) || n != 1)
		return -1;
	id = ids[0];
	free(ids);
	return id;
}

static int forget(struct hdb_store *st, const char *path,
		  struct hdb_forget_counts *c)
{
	long long id = source_id(st, path);
	int rc;

	if (id < 0 || hdb_store_begin(st))
		return -1;
	rc = hdb_store_forget_logged(st, id, "forget", c);
	if (rc || hdb_store_commit(st)) {
		hdb_store_rollback(st);
		return -1;
	}
	return 0;
}

/* For every order of three reports and every one of them forgotten, the
 * store equals one where that file never went in. */
static void forgetting_equals_never_ingesting(void)
{
	static const int orders[6][3] = {
		{ 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
		{ 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
	};
	static const char *const hosts[3] = { "a30", "a30", "a30" };
	int o, f;

	for (o = 0; o < 6; o++)
		for (f = 0; f < 3; f++) {
			struct hdb_store *a = fresh("a.db"), *b = fresh("b.db");
			struct hdb_forget_counts c;
			int rest[2], k = 0, i;
			char *ra, *rb;

			for (i = 0; i < 3; i++)
				if (orders[o][i] != f)
					rest[k++] = orders[o][i];
			ingest(a, orders[o], 3, hosts);
			ingest(b, rest, 2, hosts);
			CHECK_INT(forget(a, paths[f], &c), 0);
			CHECK_INT(c.removed, 0);
			CHECK_INT(c.kept, 1);
			ra = rows_of(a);
			rb = rows_of(b);
			if (strcmp(ra, rb))
				T_FAIL("order %d%d%d, forgot %s:\n%s\nvs never "
				       "ingested:\n%s", orders[o][0],
				       orders[o][1], orders[o][2], paths[f],
				       ra, rb);
			/* two reports left: both kept for the next forget */
			CHECK_INT(one(a, "SELECT count(*) FROM bench_report"), 2);
			free(ra);
			free(rb);
			hdb_store_close(a);
			hdb_store_close(b);
		}
}

/* Forgetting down to one report leaves the row as that file alone gave
 * it, with no reports kept; forgetting that one too leaves nothing. */
static void forgetting_to_one_and_none(void)
{
	static const int all[3] = { 0, 1, 2 }, md[1] = { 1 };
	static const char *const hosts[3] = { "a30", NULL, "a30" };
	struct hdb_store *a = fresh("a.db"), *b = fresh("b.db");
	struct hdb_forget_counts c;
	char *ra, *rb;

	ingest(a, all, 3, hosts);
	ingest(b, md, 1, hosts + 1);
	CHECK_INT(forget(a, "run.json", &c), 0);
	CHECK_INT(forget(a, "run.csv", &c), 0);
	ra = rows_of(a);
	rb = rows_of(b);
	/* the markdown names no machine: its row is the unknown host's */
	CHECK_HAS(ra, "'unknown'");
	CHECK_STR(ra, rb);
	free(ra);
	free(rb);
	CHECK_INT(one(a, "SELECT count(*) FROM bench_report"), 0);
	CHECK_INT(forget(a, "run.md", &c), 0);
	CHECK_INT(c.removed, 1);
	CHECK_INT(one(a, "SELECT count(*) FROM bench"), 0);
	CHECK_INT(one(a, "SELECT count(*) FROM source"), 0);
	CHECK_INT(one(a, "SELECT count(*) FROM curation_log WHERE action = "
		      "'forget'"), 3);
	hdb_store_close(a);
	hdb_store_close(b);
}

/* Two reports of one run under two hosts (markdown ingested with a wrong
 * --host): after the rows move to one host, refold makes them the one
 * row that ingesting both under that host gives, and either file can
 * still be forgotten. */
static void refold_after_a_merge(void)
{
	static const int kinds[2] = { 1, 0 };
	static const char *const split[2] = { "wrong", "a30" };
	static const char *const one_host[2] = { "a30", "a30" };
	struct hdb_store *a = fresh("a.db"), *b = fresh("b.db");
	struct hdb_forget_counts c;
	long long a30;
	long folded;
	char *ra, *rb;

	ingest(a, kinds, 1, split);
	ingest(a, kinds + 1, 1, split + 1);
	CHECK_INT(one(a, "SELECT count(*) FROM bench"), 2);
	ingest(b, kinds, 2, one_host);
	CHECK_INT(hdb_store_begin(a), 0);
	CHECK_INT(hdb_store_host(a, "a30", NULL, NULL, NULL, NULL, NULL, &a30), 0);
	CHECK(sqlite3_exec(hdb_store_sqlite(a), "UPDATE bench SET host_id = "
			   "(SELECT id FROM host WHERE name = 'a30')", NULL,
			   NULL, NULL) == SQLITE_OK);
	CHECK_INT(hdb_store_refold(a, a30, &folded), 0);
	CHECK_INT(hdb_store_commit(a), 0);
	CHECK_INT(folded, 1);
	ra = rows_of(a);
	rb = rows_of(b);
	CHECK_STR(ra, rb);
	free(ra);
	free(rb);
	/* nothing more to fold */
	CHECK_INT(hdb_store_begin(a), 0);
	CHECK_INT(hdb_store_refold(a, a30, &folded), 0);
	CHECK_INT(hdb_store_commit(a), 0);
	CHECK_INT(folded, 0);
	CHECK_INT(forget(a, "run.json", &c), 0);
	CHECK_INT(forget(b, "run.json", &c), 0);
	ra = rows_of(a);
	rb = rows_of(b);
	CHECK_STR(ra, rb);
	free(ra);
	free(rb);
	hdb_store_close(a);
	hdb_store_close(b);
}

/* Two measurements of a host that are not the same stay two. */
static void refold_keeps_other_measurements(void)
{
	static const char *const hosts[1] = { "a30" };
	static const int json[1] = { 0 };
	struct hdb_store *a = fresh("a.db");
	struct hdb_bench_record r = report(0);
	long long src, h;
	long folded;
	int dup;

	ingest(a, json, 1, hosts);
	r.avg_ts = 90.5;	/* another run of the same test */
	r.test_time = "2026-11-21T10:00:00Z";
	CHECK_INT(hdb_store_begin(a), 0);
	CHECK_INT(hdb_store_add_source(a, "other.json", "sha-o", 1,
				       "llama-bench-json", &src), 0);
	CHECK_INT(hdb_store_host(a, "a30", NULL, NULL, NULL, NULL, NULL, &h), 0);
	CHECK_INT(hdb_store_add_bench(a, src, h, &r, &dup), 0);
	CHECK_INT(hdb_store_refold(a, h, &folded), 0);
	CHECK_INT(hdb_store_commit(a), 0);
	CHECK_INT(folded, 0);
	CHECK_INT(one(a, "SELECT count(*) FROM bench"), 2);
	hdb_store_close(a);
}

/* A request in a log and in its saved response is one row; forgetting
 * either keeps what the other said. */
static void requests_forget_like_results(void)
{
	struct hdb_server_record r;
	struct hdb_store *a = fresh("a.db");
	struct hdb_forget_counts c;
	long long src, h;
	int dup, i;

	memset(&r, 0, sizeof(r));
	r.tool = "llama-server";
	r.build_number = r.n_ctx = r.n_slots = r.slot_id = r.task_id = HDB_UNSET;
	r.cache_n = HDB_UNSET;
	r.prompt_n = 100;
	r.gen_n = 20;
	r.prompt_tps = r.gen_tps = NAN;
	for (i = 0; i < 2; i++) {
		r.line = i + 1;
		r.prompt_ms = i ? 123.456789 : 123.46;
		r.gen_ms = i ? 456.789012 : 456.79;
		r.precision = i ? 6 : 2;
		r.model_file = i ? "m.gguf" : NULL;
		CHECK_INT(hdb_store_begin(a), 0);
		CHECK_INT(hdb_store_add_source(a, i ? "resp.json" : "srv.log",
					       i ? "s1" : "s0", 1, "x", &src), 0);
		CHECK_INT(hdb_store_host(a, "a30", NULL, NULL, NULL, NULL, NULL, &h), 0);
		CHECK_INT(hdb_store_add_server(a, src, h, &r, &dup), 0);
		CHECK_INT(dup, i);
		CHECK_INT(hdb_store_commit(a), 0);
	}
	CHECK_INT(one(a, "SELECT count(*) FROM server_timing WHERE model_file "
		      "= 'm.gguf' AND prompt_ms > 123.4567"), 1);
	CHECK_INT(forget(a, "resp.json", &c), 0);
	CHECK_INT(c.kept, 1);
	CHECK_INT(one(a, "SELECT count(*) FROM server_timing WHERE model_file "
		      "IS NULL AND prompt_ms = 123.46 AND source = 'srv.log'"),
		  1);
	CHECK_INT(one(a, "SELECT count(*) FROM server_report"), 0);
	CHECK_INT(forget(a, "srv.log", &c), 0);
	CHECK_INT(c.removed, 1);
	CHECK_INT(one(a, "SELECT count(*) FROM server_request"), 0);
	hdb_store_close(a);
}

/* Needle cells come a file each into one row: forgetting a later file
 * takes its cells and counts the row again; forgetting the row's own
 * file takes the row with every cell. */
static void items_go_with_their_file(void)
{
	struct hdb_quality_record q;
	struct hdb_quality_item it;
	struct hdb_attach att;
	struct hdb_store *a = fresh("a.db");
	struct hdb_forget_counts c;
	long long src, h, id = 0;
	int i;

	memset(&q, 0, sizeof(q));
	memset(&att, 0, sizeof(att));
	q.harness = "niah";
	q.benchmark = "niah";
	q.metric = "pass_rate";
	q.n_items = q.n_pass = HDB_UNSET;
	q.score = q.stderr = NAN;
	for (i = 0; i < 3; i++) {
		char sha[8], path[16], item[16];

		snprintf(sha, sizeof(sha), "n%d", i);
		snprintf(path, sizeof(path), "cell%d.json", i);
		snprintf(item, sizeof(item), "len=%d", 1000 * (i + 1));
		CHECK_INT(hdb_store_begin(a), 0);
		CHECK_INT(hdb_store_add_source(a, path, sha, 1, "niah", &src), 0);
		CHECK_INT(hdb_store_host(a, "a30", NULL, NULL, NULL, NULL, NULL, &h), 0);
		if (i == 0)
			CHECK_INT(hdb_store_add_quality(a, src, h, &att, &q,
							&id), 0);
		it.item = item;
		it.passed = i != 1;
		it.detail = NULL;
		CHECK_INT(hdb_store_add_quality_item(a, id, src, &it), 0);
		CHECK_INT(hdb_store_count_quality_items(a, id), 0);
		CHECK_INT(hdb_store_commit(a), 0);
	}
	CHECK_INT(one(a, "SELECT n_items * 10 + n_pass FROM quality"), 32);
	CHECK_INT(forget(a, "cell1.json", &c), 0);
	CHECK_INT(c.items, 1);
	CHECK_INT(one(a, "SELECT n_items * 10 + n_pass FROM quality"), 22);
	CHECK_INT(forget(a, "cell0.json", &c), 0);
	CHECK_INT(c.removed, 1);
	CHECK_INT(one(a, "SELECT count(*) FROM qresult_item"), 0);
	CHECK_INT(one(a, "SELECT count(*) FROM quality"), 0);
	hdb_store_close(a);
}

/* Writes the published scores of one file: the same entry as in the
 * full board (twice, as a board may list it), and one of its own. */
static void add_board(struct hdb_store *st, const char *path, int own,
		      int *dups)
{
	struct hdb_reference_record r;
	long long src;
	int dup, i;

	memset(&r, 0, sizeof(r));
	r.model = "gpt-5 (high)";
	r.benchmark = "aider-polyglot";
	r.variant = "diff reasoning=high";
	r.score = 0.88;
	r.n_items = 225;
	r.date = "2025-08-23";
	r.entry = "2025-08-23-15-47-21--gpt-5-high";
	*dups = 0;
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, path, path, 1, "aider-leaderboard",
				       &src), 0);
	for (i = 0; i < 2; i++) {
		r.line = 10 * own + i + 1;
		CHECK_INT(hdb_store_add_reference(st, src, &r, &dup), 0);
		*dups += dup;
	}
	r.line = 10 * own + 3;
	r.model = own ? "own model" : "board model";
	r.entry = NULL;
	CHECK_INT(hdb_store_add_reference(st, src, &r, &dup), 0);
	*dups += dup;
	CHECK_INT(hdb_store_commit(st), 0);
}

/* A leaderboard entry that two files state (the Aider board and its
 * SELECTED subset) is one row with both files as its sources; forgetting
 * either keeps it, of the other file; forgetting both removes it. */
static void a_reference_two_files_state_is_one_row(void)
{
	struct hdb_store *a = fresh("a.db");
	struct hdb_forget_counts c;
	int dups;

	add_board(a, "board.yml", 0, &dups);
	CHECK_INT(dups, 1);	/* listed twice in one file: one row */
	add_board(a, "board.SELECTED.yml", 1, &dups);
	CHECK_INT(dups, 2);
	CHECK_INT(one(a, "SELECT count(*) FROM reference_score"), 3);
	CHECK_INT(one(a, "SELECT count(*) FROM reference_source"), 4);
	CHECK_INT(one(a, "SELECT count(*) FROM reference_score WHERE model = "
		      "'gpt-5 (high)' AND source = 'board.yml'"), 1);
	CHECK_INT(forget(a, "board.yml", &c), 0);
	CHECK_INT(c.removed, 1);	/* its own model */
	CHECK_INT(c.kept, 1);
	CHECK_INT(one(a, "SELECT count(*) FROM reference_score WHERE model = "
		      "'gpt-5 (high)' AND source = 'board.SELECTED.yml'"), 1);
	CHECK_INT(one(a, "SELECT source_line FROM reference WHERE model = "
		      "'gpt-5 (high)'"), 11);
	CHECK_INT(forget(a, "board.SELECTED.yml", &c), 0);
	CHECK_INT(c.removed, 2);
	CHECK_INT(c.kept, 0);
	CHECK_INT(one(a, "SELECT count(*) FROM reference"), 0);
	CHECK_INT(one(a, "SELECT count(*) FROM reference_source"), 0);
	hdb_store_close(a);
	/* the other way round: the second file forgotten first */
	a = fresh("b.db");
	add_board(a, "board.yml", 0, &dups);
	add_board(a, "board.SELECTED.yml", 1, &dups);
	CHECK_INT(forget(a, "board.SELECTED.yml", &c), 0);
	CHECK_INT(c.removed, 1);
	CHECK_INT(c.kept, 1);
	CHECK_INT(one(a, "SELECT count(*) FROM reference_score WHERE model = "
		      "'gpt-5 (high)' AND source = 'board.yml'"), 1);
	CHECK_INT(one(a, "SELECT count(*) FROM reference_source"), 2);
	hdb_store_close(a);
}

/* A score that differs is another claim, not the same row. */
static void a_different_score_is_another_reference(void)
{
	struct hdb_store *a = fresh("a.db");
	struct hdb_reference_record r;
	long long src;
	int dup;

	memset(&r, 0, sizeof(r));
	r.model = "m";
	r.benchmark = "humaneval+";
	r.score = 0.5;
	r.n_items = HDB_UNSET;
	CHECK_INT(hdb_store_begin(a), 0);
	CHECK_INT(hdb_store_add_source(a, "x.json", "x", 1, "evalplus-board",
				       &src), 0);
	CHECK_INT(hdb_store_add_reference(a, src, &r, &dup), 0);
	CHECK_INT(dup, 0);
	CHECK_INT(hdb_store_add_reference(a, src, &r, &dup), 0);
	CHECK_INT(dup, 1);
	r.score = 0.51;
	CHECK_INT(hdb_store_add_reference(a, src, &r, &dup), 0);
	CHECK_INT(dup, 0);
	r.variant = "v";
	CHECK_INT(hdb_store_add_reference(a, src, &r, &dup), 0);
	CHECK_INT(dup, 0);
	CHECK_INT(hdb_store_commit(a), 0);
	CHECK_INT(one(a, "SELECT count(*) FROM reference"), 3);
	hdb_store_close(a);
}

static void ignore_warning(void *ctx, const char *msg)
{
	(void)ctx;
	(void)msg;
}

static void ignore_file(void *ctx, const struct hdb_file_outcome *o)
{
	(void)ctx;
	(void)o;
}

/* Issue 14: the real Aider polyglot board (69 entries) and its SELECTED
 * subset (16 of them) give 69 rows, not 85, each of the 16 with both
 * files; forgetting the board leaves the 16. */
static void the_real_polyglot_boards_give_69_rows(void)
{
	struct hdb_ingest_report rep = { NULL, ignore_warning, ignore_file, NULL };
	struct hdb_ingest_options o;
	struct hdb_ingest_totals tot;
	struct hdb_forget_counts c;
	struct hdb_store *a;
	char dir[1024], *board[2];

	snprintf(dir, sizeof(dir), "%s/samples/quality/aider", t_shared());
	if (access(dir, R_OK)) {
		T_SKIP("%s is absent", dir);
		return;
	}
	board[0] = xasprintf("%s/polyglot_leaderboard.yml", dir);
	board[1] = xasprintf("%s/polyglot_leaderboard.SELECTED.yml", dir);
	a = fresh("real.db");
	memset(&o, 0, sizeof(o));
	memset(&tot, 0, sizeof(tot));
	CHECK_INT(hdb_ingest_paths(a, &o, board, 2, &rep, &tot), 0);
	CHECK_INT(tot.rows, 69);
	CHECK_INT(tot.dups, 16);
	CHECK_INT(one(a, "SELECT count(*) FROM reference_score"), 69);
	CHECK_INT(one(a, "SELECT count(*) FROM reference_source"), 85);
	CHECK_INT(one(a, "SELECT count(*) FROM (SELECT reference_id FROM "
		      "reference_source GROUP BY reference_id HAVING "
		      "count(*) = 2)"), 16);
	CHECK_INT(forget(a, board[0], &c), 0);
	CHECK_INT(c.removed, 53);
	CHECK_INT(c.kept, 16);
	CHECK_INT(one(a, "SELECT count(*) FROM reference_score"), 16);
	hdb_store_close(a);
	free(board[0]);
	free(board[1]);
}

/* A forget names sources by path, whole hash or a long enough prefix. */
static void sources_are_named(void)
{
	static const int kinds[2] = { 0, 1 };
	static const char *const hosts[2] = { "a30", "a30" };
	struct hdb_store *a = fresh("a.db");
	long long *ids;
	size_t n;

	ingest(a, kinds, 2, hosts);
	CHECK_INT(hdb_store_match_sources(a, "run.md", &ids, &n), 0);
	CHECK_INT(n, 1);
	free(ids);
	CHECK_INT(hdb_store_match_sources(a, "nothing.json", &ids, &n), -1);
	CHECK_HAS(hdb_errmsg(), "no source 'nothing.json'");
	hdb_store_close(a);
}

int main(void)
{
	RUN(forgetting_equals_never_ingesting);
	RUN(forgetting_to_one_and_none);
	RUN(refold_after_a_merge);
	RUN(refold_keeps_other_measurements);
	RUN(requests_forget_like_results);
	RUN(items_go_with_their_file);
	RUN(sources_are_named);
	RUN(a_reference_two_files_state_is_one_row);
	RUN(a_different_score_is_another_reference);
	RUN(the_real_polyglot_boards_give_69_rows);
	return t_done();
}
