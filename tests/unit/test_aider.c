/* Unit tests: ingest/aider.c (Aider benchmark run directories, computed
 * as 'benchmark.py --stats' does, and leaderboard YAML files). */
#include "harness.h"
#include "../../ingest/parsers.h"
#include "../../util.h"

#include <errno.h>
#include <sys/stat.h>

/* What one parse handed over, copied out of the callbacks. */
struct qrec {
	char harness[16], benchmark[32], metric[32], model[128];
	char version[128], run_date[16], details[2048];
	long long n_items, n_pass;
	double score, stderr_;
	int partial, items;
};

struct qitem {
	char item[64], detail[512];
	int passed, rec;
};

struct rrec {
	char model[128], benchmark[32], variant[96], date[32], details[2048];
	double score;
	long long n_items;
	long line;
};

#define MAX_Q 8
#define MAX_ITEMS 64
#define MAX_R 128
#define MAX_WARN 8

struct got {
	int nq, ni, nr, nw;
	struct qrec q[MAX_Q];
	struct qitem it[MAX_ITEMS];
	struct rrec r[MAX_R];
	char warning[MAX_WARN][512];
};

static struct got g;

static int keep_quality(void *ctx, const struct hdb_quality_record *in)
{
	struct got *gt = ctx;
	struct qrec *q = &gt->q[gt->nq < MAX_Q ? gt->nq : MAX_Q - 1];

	gt->nq++;
	memset(q, 0, sizeof(*q));
	t_copy(q->harness, sizeof(q->harness), in->harness);
	t_copy(q->benchmark, sizeof(q->benchmark), in->benchmark);
	t_copy(q->metric, sizeof(q->metric), in->metric);
	t_copy(q->model, sizeof(q->model), in->model_named);
	t_copy(q->version, sizeof(q->version), in->version);
	t_copy(q->run_date, sizeof(q->run_date), in->run_date);
	t_copy(q->details, sizeof(q->details), in->details);
	q->n_items = in->n_items;
	q->n_pass = in->n_pass;
	q->score = in->score;
	q->stderr_ = in->stderr;
	q->partial = in->partial;
	return 0;
}

static int keep_item(void *ctx, const struct hdb_quality_item *in,
		     const char *task, const char *metric)
{
	struct got *gt = ctx;
	struct qitem *it = &gt->it[gt->ni < MAX_ITEMS ? gt->ni : MAX_ITEMS - 1];

	if (task || metric)
		T_FAIL("an item with task '%s' and metric '%s'",
		       task ? task : "", metric ? metric : "");
	gt->ni++;
	t_copy(it->item, sizeof(it->item), in->item);
	t_copy(it->detail, sizeof(it->detail), in->detail);
	it->passed = in->passed;
	it->rec = gt->nq - 1;
	if (gt->nq)
		gt->q[gt->nq < MAX_Q ? gt->nq - 1 : MAX_Q - 1].items++;
	return 0;
}

static int keep_reference(void *ctx, const struct hdb_reference_record *in)
{
	struct got *gt = ctx;
	struct rrec *r = &gt->r[gt->nr < MAX_R ? gt->nr : MAX_R - 1];

	gt->nr++;
	t_copy(r->model, sizeof(r->model), in->model);
	t_copy(r->benchmark, sizeof(r->benchmark), in->benchmark);
	t_copy(r->variant, sizeof(r->variant), in->variant);
	t_copy(r->date, sizeof(r->date), in->date);
	t_copy(r->details, sizeof(r->details), in->details);
	r->score = in->score;
	r->n_items = in->n_items;
	r->line = in->line;
	return 0;
}

static void warn(void *ctx, const char *msg)
{
	struct got *gt = ctx;

	if (gt->nw < MAX_WARN)
		t_copy(gt->warning[gt->nw], sizeof(gt->warning[0]), msg);
	gt->nw++;
}

static const struct hdb_sink sink = {
	.ctx = &g,
	.quality = keep_quality,
	.quality_item = keep_item,
	.reference = keep_reference,
	.warning = warn,
};

/* The first item of record rec named key, or NULL. */
static const struct qitem *item(int rec, const char *key)
{
	int i;

	for (i = 0; i < g.ni && i < MAX_ITEMS; i++)
		if (g.it[i].rec == rec && !strcmp(g.it[i].item, key))
			return &g.it[i];
	return NULL;
}

/*
 * tests/fixtures/aider: next to this file's directory (tests/unit) when
 * the tests run from the repository root or __FILE__ is absolute, else
 * found from the directories above the binary (build/.../tests/).
 */
static const char *fixtures(void)
{
	static char dir[1024];
	char exe[1024], *slash;
	const char *f = __FILE__, *end = strrchr(f, '/');
	ssize_t n;

	if (dir[0])
		return dir;
	snprintf(dir, sizeof(dir), "%.*s/../fixtures/aider",
		 end ? (int)(end - f) : 1, end ? f : ".");
	if (!access(dir, R_OK))
		return dir;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		while ((slash = strrchr(exe, '/'))) {
			*slash = '\0';
			snprintf(dir, sizeof(dir), "%.*s/tests/fixtures/aider",
				 (int)(sizeof(dir) - 32), exe);
			if (!access(dir, R_OK))
				return dir;
		}
	}
	fprintf(stderr, "cannot find tests/fixtures/aider\n");
	exit(2);
}

static const char *fixture(const char *run)
{
	static char path[1200];

	snprintf(path, sizeof(path), "%s/%s", fixtures(), run);
	return path;
}

#define POLYGLOT "2025-08-23-15-47-21--polyglot-fixture"
#define FLAT "2024-05-01-20-05-59--flat-fixture"

static int parse_run(const char *dir, struct hdb_parse_info *in)
{
	memset(&g, 0, sizeof(g));
	return hdb_parse_aider_run(dir, &sink, in);
}

/* ---- run directories -------------------------------------------------- */

static void polyglot_rates_count_exceptions_and_leave_out_bad_json(void)
{
	struct hdb_parse_info in;

	CHECK_INT(hdb_is_aider_run(fixture(POLYGLOT)), 1);
	CHECK_INT(parse_run(fixture(POLYGLOT), &in), 0);
	CHECK_INT(g.nq, 2);
	/* 7 exercise dirs, 6 files, 5 parse; the exception counts, failed:
	 * cpp and javascript pass at once, go on its second try */
	CHECK_STR(g.q[0].harness, "aider");
	CHECK_STR(g.q[0].benchmark, "aider-polyglot");
	CHECK_STR(g.q[0].metric, "pass_rate_1");
	CHECK_INT(g.q[0].n_items, 5);
	CHECK_INT(g.q[0].n_pass, 2);
	CHECK_NEAR(g.q[0].score, 0.4, 1e-12);
	CHECK_STR(g.q[1].metric, "pass_rate_2");
	CHECK_INT(g.q[1].n_items, 5);
	CHECK_INT(g.q[1].n_pass, 3);
	CHECK_NEAR(g.q[1].score, 0.6, 1e-12);
	CHECK(isnan(g.q[0].stderr_));
	CHECK_INT(g.q[0].partial, 1);
	CHECK_STR(g.q[0].model, "openai/gpt-5");
	CHECK_STR(g.q[0].version, "32faf82, 32faf82-dirty");
	CHECK_STR(g.q[0].run_date, "2025-08-23");
	CHECK_STR(g.q[0].details,
		  "{\"dirname\":\"" POLYGLOT "\",\"total_tests\":7,"
		  "\"results_found\":5,\"tries\":2,\"edit_format\":\"diff\","
		  "\"reasoning_effort\":\"high\","
		  "\"percent_cases_well_formed\":60.0,\"error_outputs\":5,"
		  "\"num_malformed_responses\":5,"
		  "\"num_with_malformed_responses\":2,\"user_asks\":4,"
		  "\"lazy_comments\":1,\"syntax_errors\":1,"
		  "\"indentation_errors\":2,\"exhausted_context_windows\":1,"
		  "\"test_timeouts\":1,\"prompt_tokens\":63000,"
		  "\"completion_tokens\":14200,\"seconds_per_case\":28.1,"
		  "\"total_cost\":1.2069,\"exceptions\":1,\"unparsed\":1,"
		  "\"empty\":0}");
	CHECK_STR(g.q[1].details, g.q[0].details);
	CHECK_INT(in.format, HDB_FORMAT_AIDER_RUN);
	CHECK_INT(in.records, 2);
	CHECK_STR(in.era, "aider polyglot (225 exercises)");
	CHECK_INT(g.nw, 1);
	CHECK_HAS(g.warning[0], "/rust/exercises/practice/acronym/"
		  ".aider.results.json:7:1: warning: not valid JSON (");
	CHECK_HAS(g.warning[0], "); left out of the counts, as "
		  "'benchmark.py --stats' does");
}

static void items_are_keyed_by_language_and_pass_within_their_tries(void)
{
	struct hdb_parse_info in;
	const struct qitem *it;

	CHECK_INT(parse_run(fixture(POLYGLOT), &in), 0);
	CHECK_INT(g.ni, 10);
	CHECK_INT(g.q[0].items, 5);
	CHECK_INT(g.q[1].items, 5);
	/* in name order: languages, then exercises */
	CHECK_STR(g.it[0].item, "cpp/bank-account");
	CHECK_STR(g.it[1].item, "go/bank-account");
	CHECK_STR(g.it[2].item, "java/zipper");
	CHECK_STR(g.it[3].item, "javascript/hello-world");
	CHECK_STR(g.it[4].item, "python/two-fer");
	CHECK_INT(g.it[0].passed, 1);
	CHECK_INT(g.it[1].passed, 0);	/* not on its first try */
	CHECK_INT(g.it[2].passed, 0);
	CHECK_INT(g.it[3].passed, 1);
	CHECK_INT(g.it[4].passed, 0);	/* the exception */
	it = item(1, "go/bank-account");
	CHECK(it && it->passed == 1);
	it = item(1, "java/zipper");
	CHECK(it && it->passed == 0);
	/* no results file: not an item, only in total_tests */
	CHECK(!item(0, "python/grep"));
	CHECK(!item(0, "rust/acronym"));
	CHECK_STR(g.it[4].detail,
		  "{\"exception\":\"Traceback (most recent call last):\"}");
	/* a sum's last digits survive */
	CHECK_STR(g.it[0].detail,
		  "{\"tests_outcomes\":[true],\"cost\":0.33188854999999995,"
		  "\"duration\":27.793912172317505,"
		  "\"num_malformed_responses\":2,\"test_timeouts\":0,"
		  "\"edit_format\":\"diff\"}");
	CHECK_STR(g.it[6].detail,
		  "{\"tests_outcomes\":[false,true],\"cost\":0.5,"
		  "\"duration\":60.25,\"num_malformed_responses\":0,"
		  "\"test_timeouts\":1,\"edit_format\":\"diff\"}");
}

static void flat_layout_of_the_python_exercises_with_three_tries(void)
{
	struct hdb_parse_info in;

	CHECK_INT(hdb_is_aider_run(fixture(FLAT)), 1);
	CHECK_INT(parse_run(fixture(FLAT), &in), 0);
	CHECK_INT(g.nq, 3);
	CHECK_STR(g.q[0].benchmark, "aider-python");
	CHECK_STR(g.q[2].metric, "pass_rate_3");
	CHECK_NEAR(g.q[0].score, 1.0 / 3, 1e-12);
	CHECK_NEAR(g.q[1].score, 1.0 / 3, 1e-12);
	CHECK_NEAR(g.q[2].score, 2.0 / 3, 1e-12);
	CHECK_INT(g.q[2].n_pass, 2);
	CHECK_INT(g.q[2].n_items, 3);
	CHECK_INT(g.q[0].partial, 1);	/* zipper has no result */
	CHECK_STR(g.q[0].model, "claude-3-opus-20240229");
	CHECK_STR(g.q[0].version, "f4b1797-dirty");
	CHECK_STR(g.q[0].run_date, "2024-05-01");
	CHECK_HAS(g.q[0].details, "\"total_tests\":4,\"results_found\":3,"
		  "\"tries\":3,");
	CHECK_HAS(g.q[0].details, "\"seconds_per_case\":20.0,"
		  "\"total_cost\":0.06,");
	CHECK_INT(g.ni, 9);
	CHECK_STR(g.it[0].item, "bowling");
	CHECK_STR(g.it[1].item, "grep");
	CHECK_STR(g.it[2].item, "two-fer");
	CHECK_INT(g.it[0].passed, 0);
	CHECK_INT(g.it[2].passed, 1);
	CHECK_INT(g.it[6].passed, 1);	/* bowling, on its third try */
	CHECK_STR(in.era, "aider pre-polyglot (133 Python exercises)");
	CHECK_INT(in.records, 3);
	CHECK_INT(g.nw, 0);
}

/* mkdir -p under the temp dir; returns the path (static). */
static const char *make_dirs(const char *rel)
{
	static char path[1024];
	char *p;

	snprintf(path, sizeof(path), "%s/%s", t_tmpdir(), rel);
	for (p = path + strlen(t_tmpdir()) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(path, 0777);
		*p = '/';
	}
	if (mkdir(path, 0777) && errno != EEXIST) {
		perror(path);
		exit(2);
	}
	return path;
}

static void a_run_without_any_result_is_an_error(void)
{
	struct hdb_parse_info in;
	char dir[1024], msg[1200];

	make_dirs("none/python/exercises/practice/two-fer");
	snprintf(dir, sizeof(dir), "%s/none", t_tmpdir());
	CHECK_INT(hdb_is_aider_run(dir), 1);
	CHECK_INT(parse_run(dir, &in), -1);
	snprintf(msg, sizeof(msg), "%s: expected .aider.results.json files "
		 "under <language>/exercises/practice/<exercise>/, found none",
		 dir);
	CHECK_STR(hdb_errmsg(), msg);
	CHECK_INT(g.nq, 0);

	/* a file that holds nothing --stats would count */
	t_write("none/python/exercises/practice/two-fer/.aider.results.json",
		"{}\n");
	CHECK_INT(parse_run(dir, &in), -1);
	snprintf(msg, sizeof(msg), "%s: expected .aider.results.json files "
		 "under <language>/exercises/practice/<exercise>/, found none "
		 "that counts (0 not valid JSON, 1 empty)", dir);
	CHECK_STR(hdb_errmsg(), msg);
	CHECK_INT(g.nw, 1);
	CHECK_HAS(g.warning[0], "two-fer/.aider.results.json:1:1: warning: an "
		  "empty result; left out of the counts");
}

static void exceptions_only_give_no_pass_rate_and_say_so(void)
{
	struct hdb_parse_info in;
	char dir[1024];

	make_dirs("crashed/go/exercises/practice/bob");
	t_write("crashed/go/exercises/practice/bob/.aider.results.json",
		"{\"exception\": \"boom\"}");
	snprintf(dir, sizeof(dir), "%s/crashed", t_tmpdir());
	CHECK_INT(parse_run(dir, &in), 0);
	CHECK_INT(g.nq, 0);
	CHECK_INT(in.records, 0);
	CHECK_INT(in.empty, 1);
	CHECK_INT(g.nw, 1);
	CHECK_HAS(g.warning[0], "crashed: warning: no result has "
		  "tests_outcomes (1 of 1 are exceptions); no pass rate to "
		  "record");
}

static void other_directories_are_not_runs(void)
{
	struct hdb_parse_info in;
	char dir[1024], msg[1200];

	CHECK_INT(hdb_is_aider_run(fixtures()), 0);
	CHECK_INT(hdb_is_aider_run("/nonexistent/halodb"), 0);
	CHECK_INT(hdb_is_aider_run(fixture(POLYGLOT "/python")), 0);
	make_dirs("empty-run");
	snprintf(dir, sizeof(dir), "%s/empty-run", t_tmpdir());
	CHECK_INT(hdb_is_aider_run(dir), 0);
	CHECK_INT(parse_run(dir, &in), -1);
	snprintf(msg, sizeof(msg), "%s: expected an Aider benchmark run "
		 "(<language>/exercises/practice/<exercise>/ or <exercise>/ "
		 "directories), found none", dir);
	CHECK_STR(hdb_errmsg(), msg);
}

/* ---- leaderboards ------------------------------------------------------ */

static int parse_board(const char *text, struct hdb_parse_info *in)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc;

	memset(&g, 0, sizeof(g));
	rc = hdb_parse_aider_board(f, "b.yml", &sink, in);
	fclose(f);
	return rc;
}

static const char board[] =
	"- dirname: 2025-06-28-00-38-18--o3-pro-high\n"
	"  test_cases: 225\n"
	"  model: o3-pro (high)\n"
	"  edit_format: diff\n"
	"  commit_hash: 5318380\n"
	"  reasoning_effort: high\n"
	"  pass_rate_1: 43.6\n"
	"  pass_rate_2: 84.9\n"
	"  pass_num_1: 98\n"
	"  percent_cases_well_formed: 97.8\n"
	"  total_tests: 225\n"
	"  command: aider --model o3-pro\n"
	"  date: 2025-06-28\n"
	"  versions: 0.85.1.dev\n"
	"  seconds_per_case: 121.8\n"
	"\n"
	"- dirname: 2024-11-22-18-56-13--ollama-qwen2.5-coder:32b-instruct-fp16\n"
	"  test_cases: 132\n"
	"  model: \"Ollama: fp16\"\n"
	"  released: 2024-02-29\n"
	"  edit_format: whole\n"
	"  commit_hash: 0282574, 6a0a97c-dirty\n"
	"  thinking_tokens: 0 # <-- no thinking\n"
	"  pass_rate_1: 58.3\n"
	"  pass_rate_2: 71.4\n"
	"  date: 2024-11-22\n"
	"- dirname: 2024-05-04-17-45-53--refac-opus\n"
	"  test_cases: 83\n"
	"  model: claude-3-opus-20240229\n"
	"  edit_format: diff\n"
	"  pass_rate_1: 72.3\n"
	"  total_cost: 27.9176\n";

static void leaderboard_entries_keep_their_text(void)
{
	struct hdb_parse_info in;

	CHECK_INT(parse_board(board, &in), 0);
	CHECK_INT(g.nr, 3);
	CHECK_INT(in.records, 3);
	CHECK_INT(in.format, HDB_FORMAT_AIDER_BOARD);
	CHECK_INT(g.nw, 0);
	CHECK_STR(g.r[0].model, "o3-pro (high)");
	CHECK_STR(g.r[0].benchmark, "aider-polyglot");
	CHECK_STR(g.r[0].variant, "diff reasoning=high");
	CHECK_NEAR(g.r[0].score, 0.849, 1e-12);
	CHECK_INT(g.r[0].n_items, 225);
	CHECK_STR(g.r[0].date, "2025-06-28");
	CHECK_INT(g.r[0].line, 1);
	/* a digit-only commit stays text; rates stay percent, as written */
	CHECK_STR(g.r[0].details,
		  "{\"dirname\":\"2025-06-28-00-38-18--o3-pro-high\","
		  "\"test_cases\":225,\"edit_format\":\"diff\","
		  "\"commit_hash\":\"5318380\",\"reasoning_effort\":\"high\","
		  "\"pass_rate_1\":43.6,\"pass_rate_2\":84.9,\"pass_num_1\":98,"
		  "\"percent_cases_well_formed\":97.8,\"total_tests\":225,"
		  "\"command\":\"aider --model o3-pro\","
		  "\"versions\":\"0.85.1.dev\",\"seconds_per_case\":121.8,"
		  "\"score_from\":\"pass_rate_2\"}");

	CHECK_STR(g.r[1].model, "Ollama: fp16");
	CHECK_STR(g.r[1].benchmark, "aider-edit");
	CHECK_STR(g.r[1].variant, "whole thinking=0");
	CHECK_NEAR(g.r[1].score, 0.714, 1e-12);
	CHECK_INT(g.r[1].n_items, 132);
	CHECK_INT(g.r[1].line, 17);
	CHECK_HAS(g.r[1].details, "\"released\":\"2024-02-29\",");
	CHECK_HAS(g.r[1].details,
		  "\"commit_hash\":\"0282574, 6a0a97c-dirty\",");
	CHECK_HAS(g.r[1].details, "\"thinking_tokens\":0,");
	CHECK(!strstr(g.r[1].details, "total_cost"));

	/* the refactoring board ranks by its only rate */
	CHECK_STR(g.r[2].benchmark, "aider-refactor");
	CHECK_NEAR(g.r[2].score, 0.723, 1e-12);
	CHECK_INT(g.r[2].n_items, 83);
	CHECK_STR(g.r[2].date, "(null)");
	CHECK_HAS(g.r[2].details, "\"total_cost\":27.9176,"
		  "\"score_from\":\"pass_rate_1\"}");
}

static void leaderboard_errors_point_at_line_and_column(void)
{
	struct hdb_parse_info in;

	CHECK_INT(parse_board("- model: a\n  test_cases: 225\n"
			      "  pass_rate_2: 50.0\n"
			      "- model: b\n  test_cases: 225\n", &in), -1);
	CHECK_STR(hdb_errmsg(), "b.yml:4:3: expected 'model' and "
		  "'pass_rate_2' in a leaderboard entry");
	CHECK_INT(g.nr, 1);

	CHECK_INT(parse_board("- test_cases: 225\n  pass_rate_2: 50.0\n",
			      &in), -1);
	CHECK_STR(hdb_errmsg(), "b.yml:1:3: expected 'model' and "
		  "'pass_rate_2' in a leaderboard entry");

	CHECK_INT(parse_board("- model: a\n  test_cases: 225\n"
			      "  pass_rate_2: n/a\n", &in), -1);
	CHECK_STR(hdb_errmsg(), "b.yml:3:16: expected a number for "
		  "'pass_rate_2', found 'n/a'");

	CHECK_INT(parse_board("- model: a\n  pass_rate_2: 50.0\n", &in), -1);
	CHECK_STR(hdb_errmsg(), "b.yml:1:3: expected 'test_cases' in a "
		  "leaderboard entry (the number of exercises tells which "
		  "benchmark)");

	CHECK_INT(parse_board("- model: a\n  pass_rate_2: [50.0\n", &in), -1);
	CHECK_STR(hdb_errmsg(), "b.yml:3:1: expected valid YAML (did not "
		  "find expected ',' or ']')");

	CHECK_INT(parse_board("- model: a\n  test_cases: 225\n"
			      "  pass_rate_2: 50.0\n  oops\n", &in), -1);
	CHECK_STR(hdb_errmsg(), "b.yml:5:1: expected valid YAML (could not "
		  "find expected ':')");
}

static void documents_that_are_not_entries_are_refused(void)
{
	struct hdb_parse_info in;

	CHECK_INT(parse_board("model: a\npass_rate_2: 50.0\n", &in), -1);
	CHECK_STR(hdb_errmsg(), "b.yml:1:1: expected a YAML sequence of "
		  "leaderboard entries ('- dirname: ...'), found a mapping");
	CHECK_INT(parse_board("- a\n- b\n", &in), -1);
	CHECK_STR(hdb_errmsg(), "b.yml:1:3: expected a leaderboard entry (a "
		  "mapping such as 'model: ...'), found plain text");
	CHECK_INT(parse_board("# nothing\n", &in), -1);
	CHECK_STR(hdb_errmsg(), "b.yml:1:1: expected a YAML sequence of "
		  "leaderboard entries, found an empty file");
	CHECK_INT(parse_board("Some notes\n", &in), -1);
	CHECK_STR(hdb_errmsg(), "b.yml:1:1: expected a YAML sequence of "
		  "leaderboard entries ('- dirname: ...'), found plain text");

	/* well-formed but empty */
	CHECK_INT(parse_board("[]\n", &in), 0);
	CHECK_INT(in.records, 0);
	CHECK_INT(in.empty, 1);
}

static void values_that_are_not_plain_are_left_out_with_a_warning(void)
{
	struct hdb_parse_info in;

	CHECK_INT(parse_board("- model: a\n  test_cases: 225\n"
			      "  pass_rate_2: 50.0\n  versions:\n"
			      "  - 0.1\n  - 0.2\n  reasoning_effort: ~\n",
			      &in), 0);
	CHECK_INT(g.nr, 1);
	CHECK_STR(g.r[0].variant, "(null)");
	CHECK_STR(g.r[0].details, "{\"test_cases\":225,\"pass_rate_2\":50.0,"
		  "\"score_from\":\"pass_rate_2\"}");
	CHECK_INT(g.nw, 1);
	CHECK_STR(g.warning[0], "b.yml:5:3: warning: 'versions' is a "
		  "sequence, not a plain value; left out of the entry");
}

/* ---- the real files ---------------------------------------------------- */

static const struct real_board {
	const char *file;
	int records;		/* -1: refused */
	const char *model;	/* an entry to look at */
	const char *benchmark, *variant, *date;
	double score;
	long long n_items;
	const char *detail;	/* in that entry's details, or the error */
} real_boards[] = {
	{ "polyglot_leaderboard.yml", 69, "gpt-5 (high)", "aider-polyglot",
	  "diff reasoning=high", "2025-08-23", 0.88, 225,
	  "\"commit_hash\":\"32faf82\"" },
	{ "polyglot_leaderboard.yml", 69, "o3-pro (high)", "aider-polyglot",
	  "diff reasoning=high", "2025-06-28", 0.849, 225,
	  "\"commit_hash\":\"5318380\"" },
	{ "polyglot_leaderboard.yml", 69,
	  "gemini-2.5-flash-preview-05-20 (no think)", "aider-polyglot",
	  "diff thinking=0", "2025-05-26", 0.44, 225,
	  "\"dirname\":\"2025-05-26-15-56-31--flash25-05-20-24k-think\"" },
	{ "polyglot_leaderboard.SELECTED.yml", 16, "gpt-oss-120b (high)",
	  "aider-polyglot", "diff", "2025-08-06", 0.418, 225,
	  "--reasoning-effort high\"" },
	{ "quant.yml", 14, "Ollama: fp16", "aider-edit", "diff", "2024-11-22",
	  0.714, 132, "\"commit_hash\":\"f06452c-dirty, 6a0a97c-dirty, "
	  "4e9ae16-dirty, 5506d0f-dirty\"" },
	{ "edit_leaderboard.FIRST3.yml", 3, "claude-3-opus-20240229",
	  "aider-edit", "diff", "2024-05-01", 0.684, 133,
	  "\"_released\":\"2024-02-29\"" },
	{ "refactor_leaderboard.FIRST3.yml", 3, "claude-3-opus-20240229",
	  "aider-refactor", "diff", "2024-05-04", 0.723, 83,
	  "\"score_from\":\"pass_rate_1\"" },
	/* markdown with --stats blocks in it: not a leaderboard */
	{ "cedarscript_README_benchmark_metrics.EXCERPT.md", -1, NULL, NULL,
	  NULL, NULL, 0, 0, "EXCERPT.md:3:1: expected a YAML sequence of "
	  "leaderboard entries ('- dirname: ...'), found plain text" },
};

static const struct rrec *find_model(const char *model)
{
	int i;

	for (i = 0; i < g.nr && i < MAX_R; i++)
		if (!strcmp(g.r[i].model, model))
			return &g.r[i];
	return NULL;
}

static void real_leaderboards_give_a_reference_per_entry(void)
{
	const char *base = t_shared();
	char path[1024];
	size_t i;
	int j;

	snprintf(path, sizeof(path), "%s/samples/quality/aider", base);
	if (access(path, R_OK)) {
		T_SKIP("%s is absent", path);
		return;
	}
	for (i = 0; i < sizeof(real_boards) / sizeof(real_boards[0]); i++) {
		const struct real_board *rb = &real_boards[i];
		const struct rrec *r;
		struct hdb_parse_info in;
		FILE *f;
		int rc;

		snprintf(path, sizeof(path), "%s/samples/quality/aider/%s",
			 base, rb->file);
		f = fopen(path, "r");
		if (!f) {
			T_FAIL("%s: %s", path, strerror(errno));
			continue;
		}
		memset(&g, 0, sizeof(g));
		rc = hdb_parse_aider_board(f, path, &sink, &in);
		fclose(f);
		if (rb->records < 0) {
			if (rc != -1 || g.nr)
				T_FAIL("%s: expected to be refused, got %d "
				       "records", rb->file, g.nr);
			else
				CHECK_HAS(hdb_errmsg(), rb->detail);
			continue;
		}
		if (rc) {
			T_FAIL("%s: %s", rb->file, hdb_errmsg());
			continue;
		}
		CHECK_INT(g.nr, rb->records);
		CHECK_INT(in.records, rb->records);
		CHECK_INT(g.nw, 0);
		for (j = 0; j < g.nr && j < MAX_R; j++) {
			CHECK_STR(g.r[j].benchmark, rb->benchmark);
			CHECK(g.r[j].score >= 0 && g.r[j].score <= 1);
			CHECK(g.r[j].date[0] == '2');
		}
		r = find_model(rb->model);
		if (!r) {
			T_FAIL("%s: no entry for '%s'", rb->file, rb->model);
			continue;
		}
		CHECK_STR(r->variant, rb->variant);
		CHECK_STR(r->date, rb->date);
		CHECK_NEAR(r->score, rb->score, 1e-12);
		CHECK_INT(r->n_items, rb->n_items);
		CHECK_HAS(r->details, rb->detail);
		if (t_failed_now) {
			fprintf(stderr, "  in %s\n", rb->file);
			return;
		}
	}
}

int main(void)
{
	RUN(polyglot_rates_count_exceptions_and_leave_out_bad_json);
	RUN(items_are_keyed_by_language_and_pass_within_their_tries);
	RUN(flat_layout_of_the_python_exercises_with_three_tries);
	RUN(a_run_without_any_result_is_an_error);
	RUN(exceptions_only_give_no_pass_rate_and_say_so);
	RUN(other_directories_are_not_runs);
	RUN(leaderboard_entries_keep_their_text);
	RUN(leaderboard_errors_point_at_line_and_column);
	RUN(documents_that_are_not_entries_are_refused);
	RUN(values_that_are_not_plain_are_left_out_with_a_warning);
	RUN(real_leaderboards_give_a_reference_per_entry);
	return t_done();
}
