/* Unit tests: query/ (the user's SQL, hosts, the default speed table). */
#include "harness.h"
#include "qfixture.h"
#include "../../query/query.h"
#include "../../render/render.h"
#include "../../schema/store.h"
#include "../../util.h"

#include <sqlite3.h>

/* Adds one result; kv and time tell alternatives apart. */
static void add(struct hdb_store *st, const char *host, const char *model,
		const char *quant, const char *test, long long depth, double ts,
		const char *kv, const char *time, const char *status)
{
	struct hdb_bench_record r;

	memset(&r, 0, sizeof(r));
	r.line = 1;
	r.model = model;
	r.quant = quant;
	r.test = test;
	r.n_prompt = test[0] == 'p' ? 512 : 0;
	r.n_gen = test[0] == 't' ? 128 : 0;
	r.n_depth = depth;
	r.avg_ts = ts;
	r.stddev_ts = ts / 100;
	r.type_k = r.type_v = kv;
	r.test_time = time;
	r.status = status;
	r.backend = "Vulkan";
	r.build_commit = "abc1234";
	r.build_number = 9000;
	r.flash_attn = 1;
	r.model_size = r.model_n_params = r.n_gpu_layers = HDB_UNSET;
	r.n_batch = r.n_ubatch = r.n_threads = r.avg_ns = r.stddev_ns = HDB_UNSET;
	add_record(st, host, &r);
}

static void sql_reads_typed_values(void)
{
	struct hdb_store *st = fresh("sql.db");
	struct hdb_table t;

	CHECK_INT(hdb_query_sql(hdb_store_sqlite(st),
				"select 1 as i, 2.5 as r, 'x' as s, null as n, "
				"x'00ff' as b; -- a comment\n  ;", &t), 0);
	CHECK_INT(t.n_cols, 5);
	CHECK_INT(t.n_rows, 1);
	CHECK_STR(t.cols[2], "s");
	CHECK_INT(hdb_table_cell(&t, 0, 0)->type, HDB_CELL_INT);
	CHECK_INT(hdb_table_cell(&t, 0, 1)->type, HDB_CELL_REAL);
	CHECK_STR(hdb_table_cell(&t, 0, 2)->s, "x");
	CHECK_INT(hdb_table_cell(&t, 0, 3)->type, HDB_CELL_NULL);
	CHECK_INT(hdb_table_cell(&t, 0, 4)->len, 2);
	hdb_table_release(&t);
	hdb_store_close(st);
}

static void sql_refuses_writes_and_second_statements(void)
{
	struct hdb_store *st = fresh("sqlw.db");
	struct hdb_table t;
	sqlite3 *db = hdb_store_sqlite(st);

	CHECK_INT(hdb_query_sql(db, "delete from bench", &t), -1);
	CHECK_HAS(hdb_errmsg(), "refusing to run a statement that writes");
	CHECK_INT(hdb_query_sql(db, "PRAGMA user_version = 7", &t), -1);
	CHECK_HAS(hdb_errmsg(), "refusing");
	CHECK_INT(hdb_query_sql(db, "select 1; drop table bench", &t), -1);
	CHECK_HAS(hdb_errmsg(), "expected one SQL statement");
	CHECK_INT(hdb_query_sql(db, "selec 1", &t), -1);
	CHECK_HAS(hdb_errmsg(), "bad SQL");
	CHECK_INT(hdb_query_sql(db, "  -- nothing\n", &t), -1);
	CHECK_HAS(hdb_errmsg(), "found none");
	hdb_store_close(st);
}

static void hosts_say_why_they_are_empty(void)
{
	struct hdb_store *st = fresh("hosts.db");
	struct hdb_table t;

	CHECK_INT(hdb_query_hosts(hdb_store_sqlite(st), &t), 0);
	CHECK_INT(t.n_rows, 0);
	CHECK_HAS(t.empty, "no hosts yet");
	hdb_table_release(&t);
	add(st, "a30", "m 1B", "Q4_K_M", "pp512", 0, 100, "f16", "2026-01-01T00:00:00Z", "ok");
	CHECK_INT(hdb_query_hosts(hdb_store_sqlite(st), &t), 0);
	CHECK_INT(t.n_rows, 1);
	CHECK_STR(hdb_table_cell(&t, 0, 0)->s, "a30");
	CHECK_STR(hdb_table_cell(&t, 0, 1)->s, "--host");
	CHECK_INT(hdb_table_cell(&t, 0, 2)->i, 1);
	hdb_table_release(&t);
	hdb_store_close(st);
}

static void speed_table_pivots_hosts_and_flags_alternatives(void)
{
	struct hdb_store *st = fresh("speed.db");
	struct hdb_table speed, setup;
	const struct hdb_cell *c;

	add(st, "strix", "qwen3moe 30B.A3B", "Q4_K_M", "pp512", 0, 1000, "q8_0", "2026-01-01T00:00:00Z", "ok");
	add(st, "strix", "qwen3moe 30B.A3B", "Q4_K_M", "pp512", 0, 1100, "f16", "2026-02-01T00:00:00Z", "ok");
	add(st, "strix", "qwen3moe 30B.A3B", "Q4_K_M", "tg128", 0, 70, "q8_0", "2026-01-01T00:00:00Z", "ok");
	add(st, "a30", "qwen3moe 30B.A3B", "Q4_K_M", "tg128", 0, 110, "q4_0", "2026-01-01T00:00:00Z", "ok");
	/* not in the table: depth, other tests, failed runs */
	add(st, "a30", "qwen3moe 30B.A3B", "Q4_K_M", "pp512", 8192, 500, "q4_0", "2026-01-01T00:00:00Z", "ok");
	add(st, "a30", "gemma3 4B", "Q4_K_M", "pp2048", 0, 500, "q4_0", "2026-01-01T00:00:00Z", "ok");
	add(st, "a30", "qwen3moe 30B.A3B", "Q4_K_M", "pp512", 0, 0, "q4_0", "2026-01-01T00:00:00Z", "oom");
	add(st, "a30", "gemma3 4B", "Q8_0", "pp512", 0, 3000, "f16", "2026-01-01T00:00:00Z", "ok");

	CHECK_INT(hdb_query_default_speed(hdb_store_sqlite(st), &speed, &setup), 0);
	CHECK_INT(speed.n_cols, 6);
	CHECK_STR(speed.cols[2], "a30 pp512");
	CHECK_STR(speed.cols[5], "strix tg128");
	CHECK_STR(speed.units[2], "t/s");
	CHECK_INT(speed.n_rows, 2);
	CHECK_STR(hdb_table_cell(&speed, 0, 0)->s, "gemma3 4B");
	CHECK_STR(hdb_table_cell(&speed, 1, 1)->s, "Q4_K_M");
	c = hdb_table_cell(&speed, 1, 4);	/* strix pp512: the newer one */
	CHECK_INT(c->type, HDB_CELL_MEASURE);
	CHECK_NEAR(c->r, 1100, 0);
	CHECK_NEAR(c->sd, 11, 1e-9);
	CHECK(c->flags & HDB_CELL_ALTERNATIVES);
	c = hdb_table_cell(&speed, 1, 2);	/* a30 pp512: only oom and depth */
	CHECK_INT(c->type, HDB_CELL_NULL);
	c = hdb_table_cell(&speed, 1, 3);
	CHECK_NEAR(c->r, 110, 0);
	CHECK(!(c->flags & HDB_CELL_ALTERNATIVES));
	CHECK_INT(setup.n_rows, 3);
	CHECK_STR(hdb_table_cell(&setup, 2, 0)->s, "strix");
	CHECK_STR(hdb_table_cell(&setup, 2, 5)->s, "f16/f16,q8_0/q8_0");
	CHECK_STR(hdb_table_cell(&setup, 2, 6)->s, "on");
	hdb_table_release(&speed);
	hdb_table_release(&setup);
	hdb_store_close(st);
}

static void empty_speed_table_says_why(void)
{
	struct hdb_store *st = fresh("empty.db");
	struct hdb_table speed, setup;

	CHECK_INT(hdb_query_default_speed(hdb_store_sqlite(st), &speed, &setup), 0);
	CHECK_INT(speed.n_rows, 0);
	CHECK_HAS(speed.empty, "no pp512 or tg128 results at depth 0");
	hdb_table_release(&speed);
	hdb_table_release(&setup);
	hdb_store_close(st);
}

static void sql_text_keeps_nul_and_stray_bytes(void)
{
	struct hdb_store *st = fresh("sqlnul.db");
	struct hdb_table t;

	CHECK_INT(hdb_query_sql(hdb_store_sqlite(st), "select char(0, 65) as z, "
				"cast(x'ff41' as text) as t", &t), 0);
	CHECK_INT(hdb_table_cell(&t, 0, 0)->type, HDB_CELL_TEXT);
	CHECK_INT(hdb_table_cell(&t, 0, 0)->len, 2);
	CHECK(!memcmp(hdb_table_cell(&t, 0, 0)->s, "\0A", 2));
	CHECK_INT(hdb_table_cell(&t, 0, 1)->len, 2);
	CHECK(!memcmp(hdb_table_cell(&t, 0, 1)->s, "\xff" "A", 2));
	hdb_table_release(&t);
	hdb_store_close(st);
}

/* What hdb_render_table prints for a whole table, and hdb_render_cursor
 * for the same statement streamed; both into strings. */
static char *whole(sqlite3 *db, const char *sql, enum hdb_out_format fmt)
{
	struct hdb_table t;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	CHECK_INT(hdb_query_sql(db, sql, &t), 0);
	CHECK_INT(hdb_render_table(f, &t, fmt, 0), 0);
	fclose(f);
	hdb_table_release(&t);
	return buf;
}

static char *streamed(sqlite3 *db, const char *sql, enum hdb_out_format fmt)
{
	struct hdb_cursor *c;
	struct hdb_table t;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	CHECK_INT(hdb_cursor_open(db, sql, &c, &t), 0);
	CHECK_INT(hdb_render_cursor(f, c, &t, fmt, 0), 0);
	hdb_cursor_free(c);
	hdb_table_release(&t);
	fclose(f);
	return buf;
}

/* A result of many windows (rows and bytes) prints the same bytes as the
 * whole table would; the widest cell comes last, so the table format
 * needs its first pass. */
static void cursor_streams_what_the_table_would_print(void)
{
	static const char *const sqls[] = {
		"with recursive n(i) as (select 1 union all select i + 1 "
		"from n where i < 9000) select i, 'r' || i as name, "
		"i * 0.5 as half, case when i = 9000 then 'the widest "
		"cell of them all' end as note from n",
		"with recursive n(i) as (select 1 union all select i + 1 "
		"from n where i < 5) select i, zeroblob(0) || "
		"printf('%.*c', 3000000, 'x') as big from n",
		"select 1 as only where 0",
	};
	static const enum hdb_out_format fmts[] = {
		HDB_OUT_TABLE, HDB_OUT_CSV, HDB_OUT_JSON, HDB_OUT_MD,
	};
	struct hdb_store *st = fresh("stream.db");
	sqlite3 *db = hdb_store_sqlite(st);
	size_t i, j;

	for (i = 0; i < sizeof(sqls) / sizeof(sqls[0]); i++)
		for (j = 0; j < sizeof(fmts) / sizeof(fmts[0]); j++) {
			char *a = whole(db, sqls[i], fmts[j]);
			char *b = streamed(db, sqls[i], fmts[j]);

			CHECK(a && b && !strcmp(a, b));
			free(a);
			free(b);
		}
	/* The read transaction ends with the cursor. */
	CHECK_INT(sqlite3_get_autocommit(db), 1);
	hdb_store_close(st);
}

static void cursor_refuses_what_sql_refuses(void)
{
	struct hdb_store *st = fresh("cursorw.db");
	struct hdb_cursor *c;
	struct hdb_table t;

	CHECK_INT(hdb_cursor_open(hdb_store_sqlite(st), "delete from bench",
				  &c, &t), -1);
	CHECK(!c);
	CHECK_HAS(hdb_errmsg(), "refusing to run a statement that writes");
	hdb_table_release(&t);
	hdb_store_close(st);
}

int main(void)
{
	RUN(sql_reads_typed_values);
	RUN(sql_refuses_writes_and_second_statements);
	RUN(sql_text_keeps_nul_and_stray_bytes);
	RUN(cursor_streams_what_the_table_would_print);
	RUN(cursor_refuses_what_sql_refuses);
	RUN(hosts_say_why_they_are_empty);
	RUN(speed_table_pivots_hosts_and_flags_alternatives);
	RUN(empty_speed_table_says_why);
	return t_done();
}
