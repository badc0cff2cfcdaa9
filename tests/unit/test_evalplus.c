/* Unit tests: ingest/evalplus.c (EvalPlus results of every version and the
 * EvalPlus leaderboard) and ingest/niah.c (needle-in-a-haystack cells). */
#include "harness.h"
#include "../../ingest/parsers.h"
#include "../../util.h"

#include <errno.h>
#include <ftw.h>

/* What a parse handed over, copied out of the callbacks. */
struct qrec {
	char *harness, *benchmark, *metric, *model, *version, *date, *details;
	long long n_items, n_pass;
	double score, stderr_;
	int partial;
	long line;
};

struct qitem {
	int rec;		/* index of the record it follows */
	char *item, *detail;
	int passed;
};

struct rref {
	char *model, *benchmark, *variant, *details;
	double score;
	long long n_items;
	long line;
};

struct got {
	int n_q, n_items, n_refs;
	struct qrec q[4];
	struct qitem *items;
	struct rref *refs;
	int warnings;
	char warning[256];
	int stray_items;	/* items naming a task and metric */
};

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static int keep_quality(void *ctx, const struct hdb_quality_record *in)
{
	struct got *g = ctx;
	struct qrec *r;

	if (g->n_q == 4)
		return hdb_error("too many records");
	r = &g->q[g->n_q++];
	r->harness = dup_or_null(in->harness);
	r->benchmark = dup_or_null(in->benchmark);
	r->metric = dup_or_null(in->metric);
	r->model = dup_or_null(in->model_named);
	r->version = dup_or_null(in->version);
	r->date = dup_or_null(in->run_date);
	r->details = dup_or_null(in->details);
	r->n_items = in->n_items;
	r->n_pass = in->n_pass;
	r->score = in->score;
	r->stderr_ = in->stderr;
	r->partial = in->partial;
	r->line = in->line;
	return 0;
}

static int keep_item(void *ctx, const struct hdb_quality_item *in,
		     const char *task, const char *metric)
{
	struct got *g = ctx;
	struct qitem *it;

	if (task || metric)
		g->stray_items++;
	g->items = xrealloc(g->items, (g->n_items + 1) * sizeof(*g->items));
	it = &g->items[g->n_items++];
	it->rec = g->n_q - 1;
	it->item = dup_or_null(in->item);
	it->detail = dup_or_null(in->detail);
	it->passed = in->passed;
	return 0;
}

static int keep_ref(void *ctx, const struct hdb_reference_record *in)
{
	struct got *g = ctx;
	struct rref *r;

	g->refs = xrealloc(g->refs, (g->n_refs + 1) * sizeof(*g->refs));
	r = &g->refs[g->n_refs++];
	r->model = dup_or_null(in->model);
	r->benchmark = dup_or_null(in->benchmark);
	r->variant = dup_or_null(in->variant);
	r->details = dup_or_null(in->details);
	r->score = in->score;
	r->n_items = in->n_items;
	r->line = in->line;
	return 0;
}

static void warn(void *ctx, const char *msg)
{
	struct got *g = ctx;

	if (!g->warnings++)
		snprintf(g->warning, sizeof(g->warning), "%s", msg);
}

static void got_release(struct got *g)
{
	int i;

	for (i = 0; i < g->n_q; i++) {
		struct qrec *r = &g->q[i];

		free(r->harness);
		free(r->benchmark);
		free(r->metric);
		free(r->model);
		free(r->version);
		free(r->date);
		free(r->details);
	}
	for (i = 0; i < g->n_items; i++) {
		free(g->items[i].item);
		free(g->items[i].detail);
	}
	for (i = 0; i < g->n_refs; i++) {
		free(g->refs[i].model);
		free(g->refs[i].benchmark);
		free(g->refs[i].variant);
		free(g->refs[i].details);
	}
	free(g->items);
	free(g->refs);
	memset(g, 0, sizeof(*g));
}

static struct hdb_sink make_sink(struct got *g)
{
	struct hdb_sink sink;

	memset(&sink, 0, sizeof(sink));
	sink.ctx = g;
	sink.quality = keep_quality;
	sink.quality_item = keep_item;
	sink.reference = keep_ref;
	sink.warning = warn;
	return sink;
}

enum kind { RESULTS, BOARD, NIAH };

/* Parses f as kind; niah cells pass at pass_score. */
static int parse_file(enum kind kind, FILE *f, const char *path,
		      int pass_score, struct got *g,
		      struct hdb_parse_info *in)
{
	struct hdb_sink sink = make_sink(g);

	memset(g, 0, sizeof(*g));
	switch (kind) {
	case RESULTS:
		return hdb_parse_evalplus(f, path, &sink, in);
	case BOARD:
		return hdb_parse_evalplus_board(f, path, &sink, in);
	case NIAH:
		return hdb_parse_niah(f, path, pass_score, &sink, in);
	}
	return -1;
}

static int parse_text(enum kind kind, const char *name, const char *text,
		      int pass_score, struct got *g, struct hdb_parse_info *in)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc = parse_file(kind, f, name, pass_score, g, in);

	fclose(f);
	return rc;
}

static int results(const char *name, const char *text, struct got *g,
		   struct hdb_parse_info *in)
{
	return parse_text(RESULTS, name, text, 0, g, in);
}

/* The item of record rec named item, or NULL. */
static const struct qitem *find_item(const struct got *g, int rec,
				     const char *item)
{
	int i;

	for (i = 0; i < g->n_items; i++)
		if (g->items[i].rec == rec && g->items[i].item &&
		    !strcmp(g->items[i].item, item))
			return &g->items[i];
	return NULL;
}

static int items_of(const struct got *g, int rec)
{
	int i, n = 0;

	for (i = 0; i < g->n_items; i++)
		n += g->items[i].rec == rec;
	return n;
}

#define HE_NAME "meta-llama--Meta-Llama-3-8B-Instruct_vllm_temp_0.0-" \
	"sanitized_eval_results.json"

/* ---- EvalPlus results, version by version ----------------------------- */

/* v0.2.1+: a list of samples per task, "pass"/"fail"/"timeout"/null. */
static const char v021[] =
	"{\"date\": \"2024-08-08 17:18\", \"hash\": "
	"\"fe585eb4df8c88d844eeb463ea4d0302\", \"eval\": {"
	"\"HumanEval/0\": [{\"task_id\": \"HumanEval/0\", \"solution\": \"x\", "
	"\"base_status\": \"pass\", \"plus_status\": \"pass\", "
	"\"base_fail_tests\": [], \"plus_fail_tests\": []}], "
	"\"HumanEval/1\": [{\"task_id\": \"HumanEval/1\", \"solution\": \"x\", "
	"\"base_status\": \"pass\", \"plus_status\": \"fail\", "
	"\"base_fail_tests\": [], \"plus_fail_tests\": [[[1, 2], \"a\"]]}], "
	"\"HumanEval/2\": [{\"task_id\": \"HumanEval/2\", \"solution\": \"x\", "
	"\"base_status\": \"fail\", \"plus_status\": \"pass\", "
	"\"base_fail_tests\": [[\"ab\"]], \"plus_fail_tests\": []}], "
	"\"HumanEval/3\": [{\"task_id\": \"HumanEval/3\", \"solution\": \"x\", "
	"\"base_status\": \"timeout\", \"plus_status\": null, "
	"\"base_fail_tests\": [], \"plus_fail_tests\": []}]}}";

static void v021_results_give_base_and_plus_records(void)
{
	struct got g;
	struct hdb_parse_info in;
	const struct qrec *b = &g.q[0], *p = &g.q[1];

	CHECK_INT(results(HE_NAME, v021, &g, &in), 0);
	CHECK_INT(in.format, HDB_FORMAT_EVALPLUS);
	CHECK_STR(in.era, "v0.2.1+ (list per task)");
	CHECK_INT(in.records, 2);
	CHECK_INT(g.n_q, 2);
	CHECK_STR(b->harness, "evalplus");
	CHECK_STR(b->benchmark, "humaneval");
	CHECK_STR(p->benchmark, "humaneval+");
	CHECK_STR(b->metric, "pass@1");
	CHECK_STR(p->metric, "pass@1");
	CHECK_STR(b->model, "meta-llama/Meta-Llama-3-8B-Instruct");
	CHECK_STR(b->version, "fe585eb4df8c88d844eeb463ea4d0302");
	CHECK_STR(b->date, "2024-08-08 17:18");
	CHECK_INT(b->n_items, 4);
	CHECK_INT(b->n_pass, 2);
	CHECK_NEAR(b->score, 0.5, 1e-12);
	CHECK_INT(p->n_items, 4);
	CHECK_INT(p->n_pass, 1);
	CHECK_NEAR(p->score, 0.25, 1e-12);
	CHECK(isnan(b->stderr_));
	CHECK_INT(b->partial, 1);	/* 4 of 164 tasks */
	CHECK_STR(b->details, "{\"samples_per_task\":1,\"temperature\":0.0,"
		  "\"backend\":\"vllm\",\"statuses\":{\"pass\":2,\"fail\":1,"
		  "\"timeout\":1,\"unknown\":0}}");
	CHECK_HAS(p->details, "\"statuses\":{\"pass\":2,\"fail\":1,"
		  "\"timeout\":0,\"unknown\":1}");
	CHECK_INT(g.n_items, 8);
	CHECK_INT(items_of(&g, 0), 4);
	CHECK_INT(items_of(&g, 1), 4);
	CHECK_INT(g.stray_items, 0);
	CHECK_INT(g.warnings, 0);
	got_release(&g);
}

static void items_carry_statuses_and_the_first_failing_input(void)
{
	struct got g;
	struct hdb_parse_info in;
	const struct qitem *it;

	CHECK_INT(results(HE_NAME, v021, &g, &in), 0);
	it = find_item(&g, 0, "HumanEval/0");
	CHECK(it && it->passed == 1);
	if (it)
		CHECK_STR(it->detail, "{\"base\":\"pass\",\"plus\":\"pass\","
			  "\"n\":1,\"c\":1}");
	it = find_item(&g, 1, "HumanEval/1");
	CHECK(it && it->passed == 0);
	if (it)
		CHECK_STR(it->detail, "{\"base\":\"pass\",\"plus\":\"fail\","
			  "\"n\":1,\"c\":0,\"fail_tests\":\"[[1,2],\\\"a\\\"]\"}");
	it = find_item(&g, 0, "HumanEval/1");
	CHECK(it && it->passed == 1);
	if (it)	/* the base record does not show plus's failure */
		CHECK_STR(it->detail, "{\"base\":\"pass\",\"plus\":\"fail\","
			  "\"n\":1,\"c\":1}");
	it = find_item(&g, 0, "HumanEval/3");
	CHECK(it && it->passed == 0);
	if (it)
		CHECK_STR(it->detail, "{\"base\":\"timeout\",\"plus\":"
			  "\"unknown\",\"n\":1,\"c\":0}");
	got_release(&g);
}

/* Mbpp/787 in the real MBPP file: the extra tests pass, the base fail. */
static void a_plus_pass_needs_a_base_pass(void)
{
	struct got g;
	struct hdb_parse_info in;
	const struct qitem *it;

	CHECK_INT(results(HE_NAME, v021, &g, &in), 0);
	it = find_item(&g, 1, "HumanEval/2");
	CHECK(it && it->passed == 0);
	if (it)
		CHECK_STR(it->detail, "{\"base\":\"fail\",\"plus\":\"pass\","
			  "\"n\":1,\"c\":0,\"fail_tests\":\"[\\\"ab\\\"]\"}");
	got_release(&g);
}

/* v0.1.x to v0.2.0: {nfiles, base: [[status, details]], plus: [...]}. */
static const char v01x[] =
	"{\"date\": \"2023-06-02 08:01\", \"hash\": \"abc\", \"eval\": {"
	"\"HumanEval/0\": {\"nfiles\": 1, \"base\": [[\"success\", [true]]], "
	"\"plus\": [[\"success\", [true, true]]]}, "
	"\"HumanEval/1\": {\"nfiles\": 1, \"base\": [[\"failed\", [false]]], "
	"\"plus\": [[\"success\", []]]}, "
	"\"HumanEval/2\": {\"nfiles\": 1, \"base\": [[\"timed out\", []]], "
	"\"plus\": [[\"timed out\", []]]}}}";

static void nfiles_era_statuses_are_normalised(void)
{
	struct got g;
	struct hdb_parse_info in;

	CHECK_INT(results("humaneval/codegen-2b_temp_0.2/eval_results.json",
			  v01x, &g, &in), 0);
	CHECK_STR(in.era, "v0.1.x-0.2.0 (nfiles)");
	CHECK_INT(g.n_q, 2);
	CHECK_NEAR(g.q[0].score, 1.0 / 3, 1e-12);
	CHECK_INT(g.q[0].n_pass, 1);
	CHECK_NEAR(g.q[1].score, 1.0 / 3, 1e-12);
	CHECK_STR(g.q[0].version, "abc");
	CHECK_STR(g.q[0].model, "codegen-2b");
	CHECK_STR(g.q[0].details, "{\"samples_per_task\":1,\"temperature\":0.2,"
		  "\"statuses\":{\"pass\":1,\"fail\":1,\"timeout\":1,"
		  "\"unknown\":0}}");
	CHECK(find_item(&g, 1, "HumanEval/1") &&
	      !find_item(&g, 1, "HumanEval/1")->passed);
	CHECK_INT(g.warnings, 0);
	got_release(&g);
}

/* v0.1.0: "files" instead of "nfiles", task keys with '_', and
 * "extra_input_hash"; here with two samples per task. */
static const char v010[] =
	"{\"date\": \"2023-05-01 12:00\", \"extra_input_hash\": \"deadbeef\", "
	"\"eval\": {"
	"\"HumanEval_0\": {\"files\": [\"a/0.py\", \"a/1.py\"], "
	"\"base\": [[\"success\", []], [\"failed\", []]], "
	"\"plus\": [[\"success\", []], [\"success\", []]]}, "
	"\"HumanEval_1\": {\"files\": [\"b/0.py\", \"b/1.py\"], "
	"\"base\": [[\"success\", []], [\"success\", []]], "
	"\"plus\": [[\"success\", []], [\"failed\", []]]}}}";

static void files_era_keys_become_task_ids(void)
{
	struct got g;
	struct hdb_parse_info in;

	CHECK_INT(results("s_eval_results.json", v010, &g, &in), 0);
	CHECK_STR(in.era, "v0.1.0 (files)");
	CHECK_STR(g.q[0].version, "deadbeef");
	CHECK_STR(g.q[0].model, "s");
	CHECK(find_item(&g, 0, "HumanEval/0") != NULL);
	CHECK(find_item(&g, 0, "HumanEval/1") != NULL);
	CHECK(find_item(&g, 0, "HumanEval_0") == NULL);
	got_release(&g);
}

/* With n samples a task adds c/n (the unbiased pass@1); the task passes
 * only when all its samples do. */
static void several_samples_give_the_mean_of_c_over_n(void)
{
	struct got g;
	struct hdb_parse_info in;
	const struct qitem *it;

	CHECK_INT(results("s_eval_results.json", v010, &g, &in), 0);
	CHECK_NEAR(g.q[0].score, (0.5 + 1.0) / 2, 1e-12);
	CHECK_INT(g.q[0].n_pass, 1);
	/* the second sample of HumanEval/0: plus passes, base fails */
	CHECK_NEAR(g.q[1].score, (0.5 + 0.5) / 2, 1e-12);
	CHECK_INT(g.q[1].n_pass, 0);
	CHECK_HAS(g.q[0].details, "\"samples_per_task\":2");
	it = find_item(&g, 0, "HumanEval/0");
	CHECK(it && it->passed == 0);
	if (it)
		CHECK_STR(it->detail, "{\"base\":\"fail\",\"plus\":\"pass\","
			  "\"n\":2,\"c\":1}");
	it = find_item(&g, 0, "HumanEval/1");
	CHECK(it && it->passed == 1);
	got_release(&g);
}

static void uneven_samples_say_no_samples_per_task(void)
{
	static const char text[] =
		"{\"date\": \"d\", \"hash\": \"h\", \"eval\": {"
		"\"HumanEval/0\": [{\"base_status\": \"pass\", \"plus_status\": "
		"\"pass\"}, {\"base_status\": \"fail\", \"plus_status\": \"fail\"}, "
		"{\"base_status\": \"pass\", \"plus_status\": \"fail\"}], "
		"\"HumanEval/1\": [{\"base_status\": \"pass\", "
		"\"plus_status\": \"pass\"}]}}";
	struct got g;
	struct hdb_parse_info in;

	CHECK_INT(results("x.json", text, &g, &in), 0);
	CHECK_NEAR(g.q[0].score, (2.0 / 3 + 1) / 2, 1e-12);
	CHECK_NEAR(g.q[1].score, (1.0 / 3 + 1) / 2, 1e-12);
	CHECK_INT(g.q[0].n_pass, 1);
	CHECK(!strstr(g.q[0].details, "samples_per_task"));
	CHECK_STR(g.q[0].model, "x");
	CHECK_STR(g.q[0].details, "{\"statuses\":{\"pass\":3,\"fail\":1,"
		  "\"timeout\":0,\"unknown\":0}}");
	got_release(&g);
}

/* master since 2024-10: the file's own pass_at_k, kept in details. */
static void pass_at_k_is_kept_and_checked(void)
{
	static const char text[] =
		"{\"date\": \"2024-11-02 10:00\", \"hash\": \"h\", \"eval\": {"
		"\"Mbpp/2\": [{\"base_status\": \"pass\", \"plus_status\": "
		"\"pass\"}], \"Mbpp/3\": [{\"base_status\": \"pass\", "
		"\"plus_status\": \"fail\"}]}, \"pass_at_k\": {\"base\": "
		"{\"pass@1\": 1.0}, \"plus\": {\"pass@1\": 0.9}}}";
	struct got g;
	struct hdb_parse_info in;

	CHECK_INT(results("m.eval_results.json", text, &g, &in), 0);
	CHECK_STR(in.era, "master 2024-10+ (pass_at_k)");
	CHECK_STR(g.q[0].benchmark, "mbpp");
	CHECK_STR(g.q[1].benchmark, "mbpp+");
	CHECK_HAS(g.q[0].details, "\"pass_at_k\":{\"pass@1\":1.0}");
	CHECK_HAS(g.q[1].details, "\"pass_at_k\":{\"pass@1\":0.9}");
	CHECK_INT(g.warnings, 1);	/* plus: 0.9 said, 0.5 computed */
	CHECK_HAS(g.warning, "m.eval_results.json:1:1: warning: the file "
		  "gives mbpp+ pass@1 0.9, its tasks 0.5");
	got_release(&g);
}

static void base_only_runs_give_no_plus_record(void)
{
	static const char text[] =
		"{\"date\": \"d\", \"hash\": \"h\", \"eval\": {"
		"\"HumanEval/0\": {\"nfiles\": 1, \"base\": [[\"success\", []]], "
		"\"plus\": []}}}";
	struct got g;
	struct hdb_parse_info in;

	CHECK_INT(results("b.json", text, &g, &in), 0);
	CHECK_INT(in.records, 1);
	CHECK_INT(g.n_q, 1);
	CHECK_STR(g.q[0].benchmark, "humaneval");
	CHECK_INT(g.n_items, 1);
	CHECK_HAS(g.warning, "a --base-only run), no humaneval+ score");
	got_release(&g);
}

static void an_unknown_status_warns_once(void)
{
	static const char text[] =
		"{\"eval\": {\"HumanEval/0\": [{\"base_status\": \"crashed\", "
		"\"plus_status\": \"crashed\"}], \"HumanEval/1\": [{"
		"\"base_status\": 3, \"plus_status\": \"pass\"}]}}";
	struct got g;
	struct hdb_parse_info in;

	CHECK_INT(results("u.json", text, &g, &in), 0);
	CHECK_INT(g.warnings, 1);
	CHECK_STR(g.warning, "u.json:1:1: warning: unknown test status "
		  "\"crashed\", counted as not passed");
	CHECK_NEAR(g.q[0].score, 0, 1e-12);
	CHECK(g.q[0].version == NULL);
	CHECK(g.q[0].date == NULL);
	CHECK_HAS(g.q[0].details, "\"unknown\":2");
	got_release(&g);
}

/* ---- model names from file names --------------------------------------- */

struct name_case {
	const char *path, *model, *backend;
	const char *temperature;	/* as in details, or NULL */
};

static const struct name_case names[] = {
	/* v0.3 jsonl samples, results beside them (to 2025-01) */
	{ "evalplus_results/humaneval/meta-llama--Meta-Llama-3-8B-Instruct"
	  "_vllm_temp_0.0-sanitized_eval_results.json",
	  "meta-llama/Meta-Llama-3-8B-Instruct", "vllm", "0.0" },
	/* since 2025-01: '.eval_results.json' */
	{ "evalplus_results/mbpp/ise-uiuc--Magicoder-S-DS-6.7B_openai_temp_"
	  "0.0.eval_results.json", "ise-uiuc/Magicoder-S-DS-6.7B", "openai",
	  "0.0" },
	{ "Qwen--Qwen2.5-Coder-7B_hf_gaudi_temp_0.8.raw.eval_results.json",
	  "Qwen/Qwen2.5-Coder-7B", "hf_gaudi", "0.8" },
	/* v0.2 and older: directories, no backend, '-sanitized' */
	{ "humaneval/codegen-2b_temp_0.2/eval_results.json", "codegen-2b",
	  NULL, "0.2" },
	{ "humaneval\\starcoder_temp_0.8-sanitized\\eval_results.json",
	  "starcoder", NULL, "0.8" },
	{ "samples-sanitized_eval_results.json", "samples", NULL, NULL },
	/* a user's trimmed copy, and a backup evalplus made */
	{ "mistralai--Mistral-7B-Instruct-v0.2_vllm_temp_0.0-sanitized_eval_"
	  "results.TRIMMED20.json", "mistralai/Mistral-7B-Instruct-v0.2",
	  "vllm", "0.0" },
	{ "x/m_ollama_temp_0.0_eval_results.json.bak", "m", "ollama", "0.0" },
	/* a backend evalplus does not have stays in the name */
	{ "org--m_mlx_temp_0.0_eval_results.json", "org/m_mlx", NULL, "0.0" },
	{ "eval_results.json", NULL, NULL, NULL },
};

static void model_names_come_from_file_names_of_both_eras(void)
{
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct name_case *c = &names[i];
		struct got g;
		struct hdb_parse_info in;
		char want[64];
		int failed = t_failed_now;

		t_failed_now = 0;
		CHECK_INT(results(c->path, v021, &g, &in), 0);
		if (c->model)
			CHECK_STR(g.q[0].model, c->model);
		else
			CHECK(g.q[0].model == NULL);
		if (c->backend) {
			snprintf(want, sizeof(want), "\"backend\":\"%s\"",
				 c->backend);
			CHECK_HAS(g.q[0].details, want);
		} else {
			CHECK(!strstr(g.q[0].details, "backend"));
		}
		if (c->temperature) {
			snprintf(want, sizeof(want), "\"temperature\":%s",
				 c->temperature);
			CHECK_HAS(g.q[0].details, want);
		} else {
			CHECK(!strstr(g.q[0].details, "temperature"));
		}
		if (t_failed_now)
			fprintf(stderr, "  (file name '%s')\n", c->path);
		t_failed_now |= failed;
		got_release(&g);
	}
}

/* ---- partial runs ------------------------------------------------------ */

static char *mbpp_text(const char *hash, int tasks)
{
	struct strbuf sb = STRBUF_INIT;
	int i;

	strbuf_addf(&sb, "{\"date\": \"d\", \"hash\": \"%s\", \"eval\": {",
		    hash);
	for (i = 0; i < tasks; i++)
		strbuf_addf(&sb, "%s\"Mbpp/%d\": [{\"base_status\": \"pass\", "
			    "\"plus_status\": \"pass\"}]", i ? ", " : "",
			    i + 2);
	strbuf_addstr(&sb, "}}");
	return strbuf_detach(&sb);
}

static void partial_follows_the_dataset_size(void)
{
	static const struct {
		const char *hash;
		int tasks, partial;
	} cases[] = {
		{ "ee43ecabebf20deef4bb776a405ac5b1", 377, 1 },
		{ "ee43ecabebf20deef4bb776a405ac5b1", 378, 0 },
		{ "0123456789abcdef0123456789abcdef", 21, 0 },	/* unknown */
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *text = mbpp_text(cases[i].hash, cases[i].tasks);
		struct got g;
		struct hdb_parse_info in;

		CHECK_INT(results("p.json", text, &g, &in), 0);
		CHECK_INT(g.q[0].partial, cases[i].partial);
		CHECK_INT(g.q[1].partial, cases[i].partial);
		CHECK_INT(g.q[0].n_items, cases[i].tasks);
		got_release(&g);
		free(text);
	}
}

/* ---- refusals ------------------------------------------------------------ */

struct refusal {
	const char *text, *error;
};

static const struct refusal refusals[] = {
	{ "{\"date\": \"d\", \"hash\": \"h\", \"results\": {}}",
	  "r.json:1:1: expected an \"eval\" object of tasks (is this an "
	  "EvalPlus results file?)" },
	{ "[1, 2]", "r.json:1:1: expected an EvalPlus results object with "
	  "\"eval\", found another JSON value" },
	{ "{\"eval\": []}", "r.json:1:1: expected an object of tasks for "
	  "\"eval\"" },
	{ "{\"eval\": {}}", "r.json:1:1: expected at least one task in "
	  "\"eval\"" },
	{ "{\"eval\": {\"BigCodeBench/0\": [{\"base_status\": \"pass\"}]}}",
	  "r.json:1:1: expected HumanEval or Mbpp task ids in \"eval\", "
	  "found 'BigCodeBench/0' (another EvalPlus dataset?)" },
	{ "{\"eval\": {\"HumanEval/0\": [{\"base_status\": \"pass\"}], "
	  "\"Mbpp/2\": [{\"base_status\": \"pass\"}]}}",
	  "r.json:1:1: expected only HumanEval tasks in \"eval\", found "
	  "'Mbpp/2'" },
	{ "{\"eval\": {\"HumanEval/0\": []}}",
	  "r.json:1:1: expected at least one sample for task 'HumanEval/0'" },
	{ "{\"eval\": {\"HumanEval/0\": [\"pass\"]}}",
	  "r.json:1:1: expected an object for sample 1 of task "
	  "'HumanEval/0'" },
	{ "{\"eval\": {\"HumanEval/0\": {\"nfiles\": 1}}}",
	  "r.json:1:1: expected a \"base\" list in task 'HumanEval/0'" },
	{ "{\"eval\": {\"HumanEval/0\": {\"nfiles\": 1000000000, \"base\": "
	  "[[\"success\", []]]}}}", "r.json:1:1: expected \"nfiles\" to match "
	  "the number of \"base\" entries (1) in task 'HumanEval/0'" },
	{ "{\"eval\": {\"HumanEval/0\": 3}}",
	  "r.json:1:1: expected a list of samples or an object with \"base\" "
	  "for task 'HumanEval/0'" },
	{ "{\"date\": \"d\",\n \"eval\": {\"HumanEval/0\": [}}",
	  "r.json:2:27: expected valid JSON (unexpected token near '}')" },
	{ "{\"date\": \"d\" \"eval\": {}}",
	  "r.json:1:19: expected ',' or '}', found '\"eval\"'" },
	{ "", "r.json:1:1: expected '[' or '{', found end of file" },
};

static void bad_results_are_refused_with_a_message(void)
{
	size_t i;

	for (i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
		struct got g;
		struct hdb_parse_info in;

		CHECK_INT(results("r.json", refusals[i].text, &g, &in), -1);
		CHECK_STR(hdb_errmsg(), refusals[i].error);
		got_release(&g);
	}
}

/* ---- the leaderboard --------------------------------------------------- */

static const char board[] =
	"{\n"
	"  \"OpenCoder-8B-Instruct\": {\n"
	"    \"link\": \"https://huggingface.co/infly/OpenCoder-8B-Instruct\",\n"
	"    \"open-data\": \"NONE\",\n"
	"    \"pass@1\": {\n"
	"      \"humaneval\": 81.7,\n"
	"      \"humaneval+\": 77.4,\n"
	"      \"mbpp\": 82.0,\n"
	"      \"mbpp+\": 71.4\n"
	"    },\n"
	"    \"prompted\": true,\n"
	"    \"size\": 8.0\n"
	"  },\n"
	"  \"GPT 4o (Aug 2024)\": {\n"
	"    \"link\": \"https://platform.openai.com/docs/models/\",\n"
	"    \"open-data\": \"NONE\",\n"
	"    \"pass@1\": {\n"
	"      \"humaneval\": 92.7,\n"
	"      \"humaneval+\": 87.2,\n"
	"      \"mbpp\": null,\n"
	"      \"mbpp+\": null\n"
	"    },\n"
	"    \"prompted\": true,\n"
	"    \"size\": null\n"
	"  }\n"
	"}\n";

static void leaderboard_percentages_become_fractions(void)
{
	struct got g;
	struct hdb_parse_info in;
	const struct rref *r;

	CHECK_INT(parse_text(BOARD, "results.json", board, 0, &g, &in), 0);
	CHECK_INT(in.format, HDB_FORMAT_EVALPLUS_BOARD);
	CHECK_INT(in.records, 6);
	CHECK_INT(g.n_refs, 6);
	r = g.refs;
	if (g.n_refs == 6) {
		CHECK_STR(r[0].model, "OpenCoder-8B-Instruct");
		CHECK_STR(r[0].benchmark, "humaneval");
		CHECK(r[0].variant == NULL);
		CHECK_NEAR(r[0].score, 0.817, 1e-12);
		CHECK_INT(r[0].n_items, HDB_UNSET);
		CHECK_INT(r[0].line, 2);
		CHECK_STR(r[1].benchmark, "humaneval+");
		CHECK_NEAR(r[3].score, 0.714, 1e-12);
		CHECK_STR(r[3].benchmark, "mbpp+");
		CHECK_STR(r[0].details, "{\"link\":\"https://huggingface.co/"
			  "infly/OpenCoder-8B-Instruct\",\"size\":8.0,"
			  "\"open-data\":\"NONE\",\"prompted\":true}");
		CHECK_STR(r[4].model, "GPT 4o (Aug 2024)");
		CHECK_NEAR(r[5].score, 0.872, 1e-12);
		CHECK_INT(r[5].line, 14);
		CHECK_HAS(r[5].details, "\"size\":null");
	}
	CHECK_INT(g.n_q, 0);
	CHECK_INT(g.warnings, 0);
	got_release(&g);
}

static void leaderboard_nulls_are_skipped_and_odd_entries_refused(void)
{
	struct got g;
	struct hdb_parse_info in;

	CHECK_INT(parse_text(BOARD, "b.json", "{\"a\": {\"pass@1\": "
			     "{\"humaneval\": null, \"mbpp\": \"n/a\"}}, "
			     "\"b\": {\"size\": 1}, \"c\": {\"pass@1\": "
			     "{\"mbpp\": 50}}}", 0, &g, &in), 0);
	CHECK_INT(g.n_refs, 1);
	CHECK_INT(g.warnings, 2);
	CHECK_STR(g.warning, "b.json:1:1: warning: skipped mbpp of 'a', "
		  "which is not a number");
	if (g.n_refs == 1) {
		CHECK_NEAR(g.refs[0].score, 0.5, 1e-12);
		CHECK_STR(g.refs[0].details, "{}");
	}
	got_release(&g);

	CHECK_INT(parse_text(BOARD, "b.json", "[]", 0, &g, &in), -1);
	CHECK_STR(hdb_errmsg(), "b.json:1:1: expected an EvalPlus leaderboard "
		  "object of models, each with \"pass@1\"");
	got_release(&g);
	CHECK_INT(parse_text(BOARD, "b.json", "{\"a\": {\"pass@1\": "
			     "{\"humaneval\": null}}}", 0, &g, &in), -1);
	CHECK_STR(hdb_errmsg(), "b.json:1:1: expected an EvalPlus leaderboard "
		  "with at least one \"pass@1\" score");
	got_release(&g);
	CHECK_INT(parse_text(BOARD, "b.json", "{\"a\": {}, \"a\": {}}", 0, &g,
			     &in), -1);
	CHECK_STR(hdb_errmsg(), "b.json:1:13: expected each key once, found "
		  "'\"a\"' again");
	got_release(&g);
	CHECK_INT(parse_text(BOARD, "b.json", "{\"a\": 1}", 0, &g, &in), -1);
	CHECK_STR(hdb_errmsg(), "b.json:1:1: expected an object for model 'a'");
	got_release(&g);
}

/* jansson keeps no positions: the lines come from a scan of the text
 * that must not be misled by escapes or by nested keys. */
static void leaderboard_lines_follow_keys_however_escaped(void)
{
	static const char text[] =
		"{\n"
		"  \"a\": {\"link\": \"x\\\": {\", \"pass@1\": {\"a\": 1}},\n"
		"  \"Zephyr \\u03b2-7B\"\n"
		"    : {\n"
		"    \"pass@1\": {\"humaneval\": 30.0}\n"
		"  }\n"
		"}\n";
	struct got g;
	struct hdb_parse_info in;

	CHECK_INT(parse_text(BOARD, "z.json", text, 0, &g, &in), 0);
	CHECK_INT(g.n_refs, 2);
	if (g.n_refs == 2) {
		CHECK_INT(g.refs[0].line, 2);
		CHECK_STR(g.refs[1].model, "Zephyr \xce\xb2-7B");
		CHECK_INT(g.refs[1].line, 3);
		CHECK_NEAR(g.refs[1].score, 0.3, 1e-12);
	}
	got_release(&g);
}

/* ---- needle in a haystack ----------------------------------------------- */

static const char cell[] =
	"{\"model\": \"claude-2.1\", \"context_length\": 1000, "
	"\"file_name\": \"token_len_1000_depth_1131\", \"depth_percent\": "
	"11.316, \"version\": 2, \"needle\": \"\\n The best thing\\n\", "
	"\"model_response\": \" Eat a sandwich.\", \"score\": 7, "
	"\"test_duration_seconds\": 1.5, "
	"\"test_timestamp_utc\": \"2024-03-01 10:00:00+0000\"}";

static void a_niah_cell_file_gives_one_record_and_item(void)
{
	struct got g;
	struct hdb_parse_info in;
	const struct qrec *r = &g.q[0];

	CHECK_INT(parse_text(NIAH, "c.json", cell, 10, &g, &in), 0);
	CHECK_INT(in.format, HDB_FORMAT_NIAH);
	CHECK_STR(in.era, "one cell per file");
	CHECK_INT(in.records, 1);
	CHECK_INT(g.n_q, 1);
	CHECK_STR(r->harness, "niah");
	CHECK_STR(r->benchmark, "niah");
	CHECK_STR(r->metric, "pass_rate");
	CHECK_STR(r->model, "claude-2.1");
	CHECK_STR(r->version, "2");
	CHECK_STR(r->date, "2024-03-01 10:00:00+0000");
	CHECK_INT(r->n_items, 1);
	CHECK_INT(r->n_pass, 0);
	CHECK_NEAR(r->score, 0, 1e-12);
	CHECK(isnan(r->stderr_));
	CHECK_INT(r->partial, 0);
	CHECK_STR(r->details, "{\"pass_score\":10,\"scale\":\"1-10 judge "
		  "score\"}");
	CHECK_INT(g.n_items, 1);
	if (g.n_items == 1) {
		CHECK_STR(g.items[0].item, "len=1000,depth=11.316");
		CHECK_INT(g.items[0].passed, 0);
		CHECK_STR(g.items[0].detail, "{\"score\":7,\"context_length\":"
			  "1000,\"depth_percent\":11.316,\"version\":2,"
			  "\"response\":\" Eat a sandwich.\"}");
	}
	got_release(&g);
}

static void the_pass_score_sets_the_threshold(void)
{
	struct got g;
	struct hdb_parse_info in;

	CHECK_INT(parse_text(NIAH, "c.json", cell, 7, &g, &in), 0);
	CHECK_INT(g.q[0].n_pass, 1);
	CHECK_NEAR(g.q[0].score, 1, 1e-12);
	CHECK_INT(g.items[0].passed, 1);
	CHECK_HAS(g.q[0].details, "\"pass_score\":7");
	got_release(&g);
	CHECK_INT(parse_text(NIAH, "c.json", cell, 8, &g, &in), 0);
	CHECK_INT(g.items[0].passed, 0);
	got_release(&g);
}

static void long_responses_are_shortened_to_200_characters(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct got g;
	struct hdb_parse_info in;
	const char *resp;
	int i;

	strbuf_addstr(&sb, "{\"context_length\": 16000, \"depth_percent\": "
		      "100.0, \"score\": 10, \"model_response\": \"");
	for (i = 0; i < 300; i++)
		strbuf_addstr(&sb, "\xc3\xa9");	/* 2 bytes, 1 character */
	strbuf_addstr(&sb, "\"}");
	CHECK_INT(parse_text(NIAH, "l.json", sb.buf, 10, &g, &in), 0);
	CHECK(g.q[0].model == NULL);
	CHECK(g.q[0].version == NULL);
	CHECK(g.q[0].date == NULL);
	CHECK_STR(g.items[0].item, "len=16000,depth=100");
	resp = g.items[0].detail ? strstr(g.items[0].detail, "\"response\":\"")
				 : NULL;
	CHECK(resp != NULL);
	if (resp) {
		resp += strlen("\"response\":\"");
		CHECK_INT(strlen(resp), 200 * 2 + 3 + 2);
		CHECK_HAS(resp, "\xc3\xa9...\"}");
	}
	got_release(&g);
	strbuf_release(&sb);
}

static const char openai[] =
	"[{\"token_limit\": 1000, \"depth_percent\": 0, \"score\": 10}, "
	"{\"token_limit\": 1000, \"depth_percent\": 7, \"score\": 7}, "
	"{\"token_limit\": 128000, \"depth_percent\": 100, \"score\": 1}]";

static void the_openai_array_gives_one_record_of_its_cells(void)
{
	struct got g;
	struct hdb_parse_info in;

	CHECK_INT(parse_text(NIAH, "o.json", openai, 10, &g, &in), 0);
	CHECK_STR(in.era, "OpenAI original (token_limit array)");
	CHECK_INT(g.n_q, 1);
	CHECK(g.q[0].model == NULL);
	CHECK(g.q[0].version == NULL);
	CHECK_INT(g.q[0].n_items, 3);
	CHECK_INT(g.q[0].n_pass, 1);
	CHECK_NEAR(g.q[0].score, 1.0 / 3, 1e-12);
	CHECK_INT(g.n_items, 3);
	if (g.n_items == 3) {
		CHECK_STR(g.items[0].item, "len=1000,depth=0");
		CHECK_STR(g.items[1].item, "len=1000,depth=7");
		CHECK_STR(g.items[2].item, "len=128000,depth=100");
		CHECK_STR(g.items[2].detail, "{\"score\":1,\"context_length\":"
			  "128000,\"depth_percent\":100}");
		CHECK_INT(g.items[1].passed, 0);
	}
	got_release(&g);
	CHECK_INT(parse_text(NIAH, "o.json", openai, 5, &g, &in), 0);
	CHECK_INT(g.q[0].n_pass, 2);
	got_release(&g);
}

/* Not written by the harness, but cells gathered into one array read as
 * the cells of their files would. */
static void an_array_of_cells_agrees_or_says_nothing(void)
{
	static const char text[] =
		"[{\"model\": \"a\", \"context_length\": 2000, "
		"\"depth_percent\": 50.0, \"score\": 10, \"version\": 1, "
		"\"test_timestamp_utc\": \"2024-03-01 10:05:00+0000\"}, "
		"{\"model\": \"a\", \"context_length\": 2000, "
		"\"depth_percent\": 0.0, \"score\": 10, \"version\": 2, "
		"\"test_timestamp_utc\": \"2024-03-01 10:00:00+0000\"}, "
		"{\"model\": \"b\", \"context_length\": 4000, "
		"\"depth_percent\": 0.0, \"score\": 1, \"version\": 2}]";
	struct got g;
	struct hdb_parse_info in;

	CHECK_INT(parse_text(NIAH, "a.json", text, 10, &g, &in), 0);
	CHECK_STR(in.era, "array of cells");
	CHECK(g.q[0].model == NULL);
	CHECK(g.q[0].version == NULL);
	CHECK_STR(g.q[0].date, "2024-03-01 10:00:00+0000");
	CHECK_INT(g.q[0].n_items, 3);
	CHECK_INT(g.q[0].n_pass, 2);
	CHECK_INT(g.warnings, 1);
	CHECK_STR(g.warning, "a.json:1:1: warning: the cells name several "
		  "models; none is recorded");
	got_release(&g);
}

static void bad_niah_files_are_refused_with_a_message(void)
{
	static const struct refusal bad[] = {
		{ "{\"model\": \"m\", \"score\": 10}",
		  "n.json:1:1: expected a needle-in-a-haystack cell (an object "
		  "with \"context_length\", \"depth_percent\" and \"score\") or "
		  "an array of {token_limit, depth_percent, score}" },
		{ "[]", "n.json:1:1: expected a needle-in-a-haystack cell (an "
		  "object with \"context_length\", \"depth_percent\" and "
		  "\"score\") or an array of {token_limit, depth_percent, "
		  "score}" },
		{ "[{\"token_limit\": 1, \"depth_percent\": 0, \"score\": 1}, "
		  "{\"token_limit\": 1, \"depth_percent\": 7, \"score\": null}]",
		  "n.json:1:1: expected a number for \"score\" in cell 2" },
		{ "{\"context_length\": \"1k\", \"depth_percent\": 0, "
		  "\"score\": 1}", "n.json:1:1: expected a number for "
		  "\"context_length\" or \"token_limit\"" },
		{ "{\"score\": 1,", "n.json:1:12: expected string or '}', "
		  "found end of file" },
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct got g;
		struct hdb_parse_info in;

		CHECK_INT(parse_text(NIAH, "n.json", bad[i].text, 10, &g, &in),
			  -1);
		CHECK_STR(hdb_errmsg(), bad[i].error);
		CHECK_INT(g.n_q, 0);
		got_release(&g);
	}
}

/* ---- every real file --------------------------------------------------- */

struct real {
	const char *file;	/* under $HALODB_SHARED/samples/quality */
	enum kind kind;
	int records;
	const char *benchmark, *model, *version;
	long long n_items, n_pass[2];
	double score[2];	/* to 3 decimals, as evalplus prints */
	int partial;
};

#define EP "evalplus/v0.2.1plus_no_pass_at_k/"
#define HE_HASH "fe585eb4df8c88d844eeb463ea4d0302"
#define NIAH_A "niah/gkamradt_original_results/Anthropic_Original_Results/"

static const struct real real_files[] = {
	{ EP "humaneval/meta-llama--Meta-Llama-3-8B-Instruct_vllm_temp_0.0-"
	  "sanitized_eval_results.json", RESULTS, 2, "humaneval",
	  "meta-llama/Meta-Llama-3-8B-Instruct", HE_HASH, 164, { 105, 94 },
	  { 0.640, 0.573 }, 0 },
	{ EP "humaneval/mistralai--Mistral-7B-Instruct-v0.2_vllm_temp_0.0-"
	  "sanitized_eval_results.TRIMMED20.json", RESULTS, 2, "humaneval",
	  "mistralai/Mistral-7B-Instruct-v0.2", HE_HASH, 20, { 12, 12 },
	  { 0.600, 0.600 }, 1 },
	{ EP "mbpp/meta-llama--Meta-Llama-3-8B-Instruct_vllm_temp_0.0-"
	  "sanitized_eval_results.TRIMMED20.json", RESULTS, 2, "mbpp",
	  "meta-llama/Meta-Llama-3-8B-Instruct",
	  "ee43ecabebf20deef4bb776a405ac5b1", 21, { 15, 13 },
	  { 0.714, 0.619 }, 1 },
	{ "evalplus/leaderboard_site/results.json", BOARD, 428, NULL, NULL,
	  NULL, 0, { 0, 0 }, { 0, 0 }, 0 },
	{ NIAH_A "token_len_1000_depth_0_results.json", NIAH, 1, "niah",
	  "claude-2.1", "1", 1, { 1, 0 }, { 1.0, 0 }, 0 },
	{ NIAH_A "token_len_1000_depth_10000_results.json", NIAH, 1, "niah",
	  "claude-2.1", "1", 1, { 1, 0 }, { 1.0, 0 }, 0 },
	{ NIAH_A "token_len_1000_depth_1131_results_2.json", NIAH, 1, "niah",
	  "claude-2.1", "2", 1, { 1, 0 }, { 1.0, 0 }, 0 },
	{ "niah/gkamradt_original_results/OpenAI_Original_Results/"
	  "OpenAI_OriginalResults.json", NIAH, 1, "niah", NULL, NULL, 225,
	  { 207, 0 }, { 0.920, 0 }, 0 },
};

static void check_real(const struct real *want, const struct got *g,
		       const struct hdb_parse_info *in)
{
	int i, n = want->kind == RESULTS ? 2 : 1;
	char bench[16];

	CHECK_INT(in->records, want->records);
	if (want->kind == BOARD) {
		CHECK_INT(g->n_refs, want->records);
		return;
	}
	CHECK_INT(g->n_q, n);
	for (i = 0; i < n && i < g->n_q; i++) {
		const struct qrec *r = &g->q[i];

		snprintf(bench, sizeof(bench), "%s%s", want->benchmark,
			 i ? "+" : "");
		CHECK_STR(r->benchmark, bench);
		if (want->model)
			CHECK_STR(r->model, want->model);
		else
			CHECK(r->model == NULL);
		if (want->version)
			CHECK_STR(r->version, want->version);
		else
			CHECK(r->version == NULL);
		CHECK_INT(r->n_items, want->n_items);
		CHECK_INT(r->n_pass, want->n_pass[i]);
		CHECK_NEAR(r->score, want->score[i], 0.0005);
		CHECK_INT(r->partial, want->partial);
		CHECK_INT(items_of(g, i), want->n_items);
	}
}

/* Files under samples/quality/{evalplus,niah} the table does not list. */
static int unlisted;

static int note_unlisted(const char *path, const struct stat *st, int type,
			 struct FTW *ftw)
{
	size_t i, n = strlen(path);
	const char *rel = strstr(path, "/samples/quality/");

	(void)st;
	(void)ftw;
	if (type != FTW_F || n < 5 || strcmp(path + n - 5, ".json") || !rel)
		return 0;
	rel += strlen("/samples/quality/");
	for (i = 0; i < sizeof(real_files) / sizeof(real_files[0]); i++)
		if (!strcmp(rel, real_files[i].file))
			return 0;
	fprintf(stderr, "unlisted real file: %s\n", rel);
	unlisted++;
	return 0;
}

static void every_real_file_gives_its_records(void)
{
	const char *base = t_shared();
	char path[1024];
	size_t i;

	snprintf(path, sizeof(path), "%s/samples/quality", base);
	if (access(path, R_OK)) {
		T_SKIP("%s is absent", path);
		return;
	}
	for (i = 0; i < sizeof(real_files) / sizeof(real_files[0]); i++) {
		const struct real *want = &real_files[i];
		struct hdb_parse_info in;
		struct got g;
		FILE *f;
		int rc, failed = t_failed_now;

		t_failed_now = 0;
		snprintf(path, sizeof(path), "%s/samples/quality/%s", base,
			 want->file);
		f = fopen(path, "r");
		if (!f) {
			T_FAIL("%s: %s", path, strerror(errno));
			continue;
		}
		rc = parse_file(want->kind, f, path, 10, &g, &in);
		fclose(f);
		CHECK_INT(rc, 0);
		if (rc)
			fprintf(stderr, "  %s\n", hdb_errmsg());
		else
			check_real(want, &g, &in);
		CHECK_INT(g.warnings, 0);
		if (t_failed_now)
			fprintf(stderr, "  (in %s)\n", want->file);
		t_failed_now |= failed;
		got_release(&g);
	}
	unlisted = 0;
	snprintf(path, sizeof(path), "%s/samples/quality/evalplus", base);
	nftw(path, note_unlisted, 8, FTW_PHYS);
	snprintf(path, sizeof(path), "%s/samples/quality/niah", base);
	nftw(path, note_unlisted, 8, FTW_PHYS);
	CHECK_INT(unlisted, 0);
}

/* The golden file's items: the one base-fail/plus-pass task and the
 * exact scores evalplus prints. */
static void the_golden_humaneval_file_matches_evalplus(void)
{
	char path[1024];
	struct hdb_parse_info in;
	const struct qitem *it;
	struct got g;
	FILE *f;

	snprintf(path, sizeof(path), "%s/samples/quality", t_shared());
	if (access(path, R_OK)) {
		T_SKIP("%s is absent", path);
		return;
	}
	snprintf(path, sizeof(path), "%s/samples/quality/%s", t_shared(),
		 real_files[0].file);
	f = fopen(path, "r");
	if (!f) {
		T_FAIL("%s: %s", path, strerror(errno));
		return;
	}
	CHECK_INT(parse_file(RESULTS, f, path, 0, &g, &in), 0);
	fclose(f);
	CHECK_STR(in.era, "v0.2.1+ (list per task)");
	if (g.n_q == 2) {
		CHECK_NEAR(g.q[0].score, 105.0 / 164, 1e-12);
		CHECK_NEAR(g.q[1].score, 94.0 / 164, 1e-12);
		CHECK_STR(g.q[0].date, "2024-08-08 17:18");
		CHECK_STR(g.q[0].details, "{\"samples_per_task\":1,"
			  "\"temperature\":0.0,\"backend\":\"vllm\","
			  "\"statuses\":{\"pass\":105,\"fail\":59,"
			  "\"timeout\":0,\"unknown\":0}}");
	}
	it = find_item(&g, 1, "HumanEval/9");
	CHECK(it && it->passed == 0);
	if (it)
		CHECK_STR(it->detail, "{\"base\":\"fail\",\"plus\":\"pass\","
			  "\"n\":1,\"c\":0,\"fail_tests\":\"[[]]\"}");
	got_release(&g);
}

int main(void)
{
	RUN(v021_results_give_base_and_plus_records);
	RUN(items_carry_statuses_and_the_first_failing_input);
	RUN(a_plus_pass_needs_a_base_pass);
	RUN(nfiles_era_statuses_are_normalised);
	RUN(files_era_keys_become_task_ids);
	RUN(several_samples_give_the_mean_of_c_over_n);
	RUN(uneven_samples_say_no_samples_per_task);
	RUN(pass_at_k_is_kept_and_checked);
	RUN(base_only_runs_give_no_plus_record);
	RUN(an_unknown_status_warns_once);
	RUN(model_names_come_from_file_names_of_both_eras);
	RUN(partial_follows_the_dataset_size);
	RUN(bad_results_are_refused_with_a_message);
	RUN(leaderboard_percentages_become_fractions);
	RUN(leaderboard_nulls_are_skipped_and_odd_entries_refused);
	RUN(leaderboard_lines_follow_keys_however_escaped);
	RUN(a_niah_cell_file_gives_one_record_and_item);
	RUN(the_pass_score_sets_the_threshold);
	RUN(long_responses_are_shortened_to_200_characters);
	RUN(the_openai_array_gives_one_record_of_its_cells);
	RUN(an_array_of_cells_agrees_or_says_nothing);
	RUN(bad_niah_files_are_refused_with_a_message);
	RUN(every_real_file_gives_its_records);
	RUN(the_golden_humaneval_file_matches_evalplus);
	return t_done();
}
