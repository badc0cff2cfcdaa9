/*
 * test_doctor.c: what `halodb doctor` reads of a store (schema/doctor.c),
 * on a whole store and on stores made wrong behind halodb's back with
 * SQLite itself: a row that refers to nothing, a damaged index, an older
 * schema; and the libraries each room reports for --version.
 */
#include "harness.h"
#include "qfixture.h"
#include "../../ingest/ingest.h"
#include "../../render/render.h"

#include <sqlite3.h>

/* A store in the temp dir with one published score; its path. */
static const char *store_with_a_score(const char *name)
{
	static char path[1024];
	struct hdb_store *st = fresh(name);
	struct hdb_reference_record r;
	long long src;
	int dup;

	snprintf(path, sizeof(path), "%s/%s", t_tmpdir(), name);
	memset(&r, 0, sizeof(r));
	r.line = 1;
	r.model = "damage-me-model";
	r.benchmark = "aider-polyglot";
	r.score = 0.5;
	r.n_items = 225;
	CHECK_INT(hdb_store_begin(st), 0);
	CHECK_INT(hdb_store_add_source(st, "board.yml", "abc", 1,
				       "aider-leaderboard", &src), 0);
	CHECK_INT(hdb_store_add_reference(st, src, &r, &dup), 0);
	CHECK_INT(hdb_store_commit(st), 0);
	CHECK_INT(hdb_store_close(st), 0);
	return path;
}

/* Runs sql on the file with SQLite alone, foreign keys off. */
static void behind_its_back(const char *path, const char *sql)
{
	sqlite3 *db;

	CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static long long rows_of(const struct hdb_doctor *d, const char *table)
{
	size_t i;

	for (i = 0; i < d->n_tables; i++)
		if (!strcmp(d->tables[i].name, table))
			return d->tables[i].rows;
	return -1;
}

static void a_whole_store_is_ok(void)
{
	const char *path = store_with_a_score("whole.db");
	struct hdb_store *st;
	struct hdb_doctor d;

	CHECK_INT(hdb_store_open(path, HDB_STORE_INSPECT, &st), 0);
	CHECK_INT(hdb_store_doctor(st, &d), 0);
	CHECK_INT(d.version, hdb_store_schema_version());
	CHECK_INT(d.version_written, hdb_store_schema_version());
	CHECK_INT(d.n_integrity, 1);
	if (d.n_integrity == 1)
		CHECK_STR(d.integrity[0], "ok");
	CHECK_INT(d.n_foreign, 0);
	CHECK_INT(rows_of(&d, "reference"), 1);
	CHECK_INT(rows_of(&d, "reference_source"), 1);
	CHECK_INT(rows_of(&d, "bench"), 0);
	CHECK_INT(rows_of(&d, "sqlite_sequence"), -1);
	CHECK_INT(d.n_sources, 1);
	if (d.n_sources == 1) {
		CHECK_STR(d.sources[0].path, "board.yml");
		CHECK_STR(d.sources[0].sha256, "abc");
		CHECK_STR(d.sources[0].format, "aider-leaderboard");
	}
	hdb_doctor_release(&d);
	hdb_store_close(st);
}

static void a_row_that_refers_to_nothing_is_named(void)
{
	const char *path = store_with_a_score("foreign.db");
	struct hdb_store *st;
	struct hdb_doctor d;

	behind_its_back(path, "INSERT INTO reference (id, source_id, "
			"source_line, model, benchmark) VALUES (7, 99, 1, 'x', "
			"'y')");
	CHECK_INT(hdb_store_open(path, HDB_STORE_INSPECT, &st), 0);
	CHECK_INT(hdb_store_doctor(st, &d), 0);
	CHECK_INT(d.n_foreign, 1);
	if (d.n_foreign == 1)
		CHECK_STR(d.foreign[0], "reference row 7 refers to a source "
			  "row that is not there");
	CHECK_STR(d.integrity[0], "ok");
	hdb_doctor_release(&d);
	hdb_store_close(st);
}

/* One byte of an index changed in the file: integrity_check says so. */
static void a_damaged_index_is_found(void)
{
	const char *path = store_with_a_score("damaged.db");
	struct hdb_store *st;
	struct hdb_doctor d;
	sqlite3 *db;
	sqlite3_stmt *s;
	long long root = 0, page = 4096;
	char *bytes, *hit;
	size_t len, off;
	FILE *f;

	CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_prepare_v2(db, "SELECT rootpage, (SELECT page_size "
				     "FROM pragma_page_size) FROM "
				     "sqlite_master WHERE name = "
				     "'reference_claim'", -1, &s, NULL),
		  SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW) {
		root = sqlite3_column_int64(s, 0);
		page = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	CHECK(root > 0);
	CHECK_INT(read_file(path, &bytes, &len), 0);
	off = (size_t)((root - 1) * page);
	hit = off < len ? memmem(bytes + off, (size_t)page,
				 "damage-me-model", 15) : NULL;
	CHECK(hit != NULL);
	if (hit) {
		f = fopen(path, "r+b");
		CHECK(f != NULL);
		if (f) {
			fseek(f, (long)(hit - bytes), SEEK_SET);
			fputc('D', f);
			fclose(f);
		}
	}
	free(bytes);
	CHECK_INT(hdb_store_open(path, HDB_STORE_INSPECT, &st), 0);
	CHECK_INT(hdb_store_doctor(st, &d), 0);
	CHECK(d.n_integrity >= 1);
	if (d.n_integrity >= 1) {
		CHECK(strcmp(d.integrity[0], "ok") != 0);
		CHECK_HAS(d.integrity[0], "reference_claim");
	}
	hdb_doctor_release(&d);
	hdb_store_close(st);
}

/* An older store is checked as it is; a plain read still refuses it. */
static void an_older_schema_is_checked_unmigrated(void)
{
	const char *path = store_with_a_score("older.db");
	struct hdb_store *st;
	struct hdb_doctor d;
	char pragma[64];

	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
		 hdb_store_schema_version() - 1);
	behind_its_back(path, pragma);
	CHECK_INT(hdb_store_open(path, HDB_STORE_READ, &st), -1);
	CHECK_HAS(hdb_errmsg(), "older than this halodb's");
	CHECK_INT(hdb_store_open(path, HDB_STORE_INSPECT, &st), 0);
	CHECK_INT(hdb_store_doctor(st, &d), 0);
	CHECK_INT(d.version, hdb_store_schema_version() - 1);
	hdb_doctor_release(&d);
	hdb_store_close(st);
	/* an empty file is no store to check */
	behind_its_back(path, "PRAGMA user_version = 0");
	CHECK_INT(hdb_store_open(path, HDB_STORE_INSPECT, &st), -1);
	CHECK_HAS(hdb_errmsg(), "is empty");
}

/* Each room names its libraries with a version (libcsv: its headers'). */
static void every_library_has_a_version(void)
{
	const struct hdb_library *(*const rooms[])(size_t *) = {
		hdb_store_libraries, hdb_ingest_libraries,
		hdb_render_libraries,
	};
	const char *want[] = { "SQLite", "jansson", "libcsv", "libyaml",
			       "cmark-gfm", "cairo" };
	size_t r, i, n, k = 0;

	for (r = 0; r < 3; r++) {
		const struct hdb_library *l = rooms[r](&n);

		for (i = 0; i < n; i++, k++) {
			const char *v = l[i].version ? l[i].version
				: l[i].built;

			CHECK(k < 6);
			if (k < 6)
				CHECK_STR(l[i].name, want[k]);
			CHECK(v && *v >= '0' && *v <= '9' && strchr(v, '.'));
		}
	}
	CHECK_INT(k, 6);
}

int main(void)
{
	RUN(a_whole_store_is_ok);
	RUN(a_row_that_refers_to_nothing_is_named);
	RUN(a_damaged_index_is_found);
	RUN(an_older_schema_is_checked_unmigrated);
	RUN(every_library_has_a_version);
	return t_done();
}
