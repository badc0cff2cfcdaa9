/* Unit tests: ingest/lmeval.c (lm-evaluation-harness results files of
 * every version, and their --log_samples files). */
#include "harness.h"
#include "../../ingest/parsers.h"
#include "../../util.h"

#include <errno.h>

/* The records and items of one parse, copied out of the callbacks. */
struct rec {
	char harness[16], benchmark[64], parent[64], metric[64];
	char model[128], version[16], run_date[40], details[512];
	long long n_items, n_pass;
	double score, stderr_;
	int partial, raw_null;
	long line;
};

struct item {
	char item[32], task[64], metric[64], detail[768];
	int passed;
};

#define MAX_RECS 128
#define MAX_ITEMS 32

struct recs {
	int n, n_items;
	struct rec r[MAX_RECS];
	struct item it[MAX_ITEMS];
	int warnings;
	char warning[256];
};

/* Big enough to stay off the stack; every parse starts it afresh. */
static struct recs rs;

static int keep(void *ctx, const struct hdb_quality_record *in)
{
	struct recs *k = ctx;
	struct rec *r = &k->r[k->n < MAX_RECS ? k->n : MAX_RECS - 1];

	k->n++;
	t_copy(r->harness, sizeof(r->harness), in->harness);
	t_copy(r->benchmark, sizeof(r->benchmark), in->benchmark);
	t_copy(r->parent, sizeof(r->parent), in->parent);
	t_copy(r->metric, sizeof(r->metric), in->metric);
	t_copy(r->model, sizeof(r->model), in->model_named);
	t_copy(r->version, sizeof(r->version), in->version);
	t_copy(r->run_date, sizeof(r->run_date), in->run_date);
	t_copy(r->details, sizeof(r->details), in->details);
	r->n_items = in->n_items;
	r->n_pass = in->n_pass;
	r->score = in->score;
	r->stderr_ = in->stderr;
	r->partial = in->partial;
	r->raw_null = in->raw == NULL;
	r->line = in->line;
	return 0;
}

static int keep_item(void *ctx, const struct hdb_quality_item *in,
		     const char *task, const char *metric)
{
	struct recs *k = ctx;
	struct item *it = &k->it[k->n_items < MAX_ITEMS ? k->n_items
						       : MAX_ITEMS - 1];

	k->n_items++;
	t_copy(it->item, sizeof(it->item), in->item);
	t_copy(it->task, sizeof(it->task), task);
	t_copy(it->metric, sizeof(it->metric), metric);
	t_copy(it->detail, sizeof(it->detail), in->detail);
	it->passed = in->passed;
	return 0;
}

static void warn(void *ctx, const char *msg)
{
	struct recs *k = ctx;

	if (!k->warnings++)
		t_copy(k->warning, sizeof(k->warning), msg);
}

static const struct hdb_sink sink = {
	.ctx = &rs,
	.quality = keep,
	.quality_item = keep_item,
	.warning = warn,
};

static int parse_as(const char *name, const char *text,
		    struct hdb_parse_info *in)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc;

	memset(&rs, 0, sizeof(rs));
	rc = hdb_parse_lm_eval(f, name, &sink, in);
	fclose(f);
	return rc;
}

static int parse(const char *text, struct hdb_parse_info *in)
{
	return parse_as("results.json", text, in);
}

static int parse_samples(const char *task, const char *text,
			 struct hdb_parse_info *in)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc;

	memset(&rs, 0, sizeof(rs));
	rc = hdb_parse_lm_eval_samples(f, "samples.jsonl", task, &sink, in);
	fclose(f);
	return rc;
}

/* The record of benchmark and metric, or NULL (and a failure). */
static struct rec *find(const char *benchmark, const char *metric)
{
	int i, found = -1;

	for (i = 0; i < rs.n && i < MAX_RECS; i++) {
		if (strcmp(rs.r[i].benchmark, benchmark) ||
		    strcmp(rs.r[i].metric, metric))
			continue;
		if (found >= 0)
			T_FAIL("%s %s handed over twice", benchmark, metric);
		found = i;
	}
	if (found < 0) {
		T_FAIL("no record for %s %s", benchmark, metric);
		return NULL;
	}
	return &rs.r[found];
}

/* ---- results files, era by era ---------------------------------------- */

/* v0.3: the official results folder of 2023 (llama-7B, three of its
 * eleven tasks). */
static const char v03_multi[] =
	"{\n"
	"  \"results\": {\n"
	"    \"mathqa\": {\n"
	"      \"acc\": 0.26767169179229483,\n"
	"      \"acc_stderr\": 0.008105031808599684,\n"
	"      \"acc_norm\": 0.27872696817420434,\n"
	"      \"acc_norm_stderr\": 0.008208048863665952\n"
	"    },\n"
	"    \"gsm8k\": {\n"
	"      \"acc\": 0.0,\n"
	"      \"acc_stderr\": 0.0\n"
	"    },\n"
	"    \"drop\": {\n"
	"      \"em\": 0.04268036912751678,\n"
	"      \"em_stderr\": 0.002070056585023236,\n"
	"      \"f1\": 0.1215950083892614,\n"
	"      \"f1_stderr\": 0.0024765528531984883\n"
	"    }\n"
	"  },\n"
	"  \"versions\": {\n"
	"    \"mathqa\": 0,\n"
	"    \"gsm8k\": 0,\n"
	"    \"drop\": 1\n"
	"  },\n"
	"  \"config\": {\n"
	"    \"model\": \"hf-causal-experimental\",\n"
	"    \"model_args\": \"pretrained=/gaueko1/LLaMA/7B,use_accelerate=True\",\n"
	"    \"num_fewshot\": 0,\n"
	"    \"batch_size\": \"auto\",\n"
	"    \"device\": \"cuda:0\",\n"
	"    \"no_cache\": true,\n"
	"    \"limit\": null,\n"
	"    \"bootstrap_iters\": 100000,\n"
	"    \"description_dict\": {}\n"
	"  }\n"
	"}\n";

static void pre_0_4_multi_task_file_gives_every_bare_metric(void)
{
	struct hdb_parse_info in;
	struct rec *r;

	CHECK_INT(parse(v03_multi, &in), 0);
	CHECK_INT(rs.n, 5);
	CHECK_INT(in.records, 5);
	CHECK_INT(in.format, HDB_FORMAT_LM_EVAL);
	CHECK_STR(in.era, "lm_eval 0.3 (results, versions, config only)");
	CHECK_STR(rs.r[0].metric, "acc");
	CHECK_STR(rs.r[1].metric, "acc_norm");
	CHECK_STR(rs.r[2].benchmark, "gsm8k");
	CHECK_STR(rs.r[4].metric, "f1");
	r = &rs.r[1];
	CHECK_STR(r->harness, "lm_eval");
	CHECK_STR(r->benchmark, "mathqa");
	CHECK_NEAR(r->score, 0.27872696817420434, 0);
	CHECK_NEAR(r->stderr_, 0.008208048863665952, 0);
	CHECK_STR(r->parent, "(null)");
	CHECK_STR(r->version, "0");
	CHECK_STR(r->model, "/gaueko1/LLaMA/7B");
	CHECK_STR(r->run_date, "(null)");
	CHECK_INT(r->n_items, HDB_UNSET);
	CHECK_INT(r->n_pass, HDB_UNSET);
	CHECK_INT(r->partial, 0);
	CHECK_INT(r->raw_null, 1);
	CHECK_INT(r->line, 6);
	CHECK_STR(r->details, "{\"n_shot\":0,\"model_source\":"
		  "\"hf-causal-experimental\",\"lm_eval_era\":\"0.3\"}");
	r = find("drop", "em");
	if (r) {
		CHECK_NEAR(r->score, 0.04268036912751678, 0);
		CHECK_NEAR(r->stderr_, 0.002070056585023236, 0);
		CHECK_STR(r->version, "1");
		CHECK_INT(r->line, 14);
	}
	CHECK_INT(rs.warnings, 0);
}

/* v0.4.2, PR #1668's out/results.json (task configs left out). */
static const char v042_wmdp[] =
	"{\n"
	"  \"results\": {\n"
	"    \"wmdp\": {\n"
	"      \"exact_match,none\": 1.0,\n"
	"      \"exact_match_stderr,none\": 0.0,\n"
	"      \"alias\": \"wmdp\"\n"
	"    },\n"
	"    \"wmdp_bio\": {\n"
	"      \"exact_match,none\": 1.0,\n"
	"      \"exact_match_stderr,none\": 0.0,\n"
	"      \"alias\": \" - wmdp_bio\"\n"
	"    },\n"
	"    \"wmdp_chem\": {\n"
	"      \"exact_match,none\": 0.97,\n"
	"      \"exact_match_stderr,none\": 0.017144660799776525,\n"
	"      \"alias\": \" - wmdp_chem\"\n"
	"    }\n"
	"  },\n"
	"  \"groups\": {\n"
	"    \"wmdp\": {\n"
	"      \"exact_match,none\": 1.0,\n"
	"      \"exact_match_stderr,none\": 0.0,\n"
	"      \"alias\": \"wmdp\"\n"
	"    }\n"
	"  },\n"
	"  \"group_subtasks\": {\n"
	"    \"wmdp\": [\n"
	"      \"wmdp_chem\",\n"
	"      \"wmdp_bio\"\n"
	"    ]\n"
	"  },\n"
	"  \"configs\": {},\n"
	"  \"versions\": {\n"
	"    \"wmdp_bio\": 0,\n"
	"    \"wmdp_chem\": 0\n"
	"  },\n"
	"  \"n-shot\": {\n"
	"    \"wmdp\": 0,\n"
	"    \"wmdp_bio\": 0,\n"
	"    \"wmdp_chem\": 0\n"
	"  },\n"
	"  \"config\": {\n"
	"    \"model\": \"openai-chat-completions\",\n"
	"    \"model_args\": \"model=gpt-3.5-turbo-0125\",\n"
	"    \"batch_size\": 1,\n"
	"    \"limit\": 100.0,\n"
	"    \"bootstrap_iters\": 100000\n"
	"  },\n"
	"  \"git_hash\": \"4a1e48ce\",\n"
	"  \"date\": 1712191475.1370711,\n"
	"  \"transformers_version\": \"4.32.1\",\n"
	"  \"upper_git_hash\": null\n"
	"}\n";

static void old_results_json_with_groups_and_a_limit_is_partial(void)
{
	struct hdb_parse_info in;
	struct rec *r;

	CHECK_INT(parse(v042_wmdp, &in), 0);
	CHECK_INT(rs.n, 3);		/* the group row is not taken twice */
	CHECK_STR(in.era, "lm_eval 0.4.2 (date, group_subtasks)");
	r = find("wmdp", "exact_match,none");
	if (r) {
		CHECK_STR(r->parent, "(null)");
		CHECK_STR(r->version, "(null)");
		CHECK_INT(r->line, 4);
	}
	r = find("wmdp_chem", "exact_match,none");
	if (r) {
		CHECK_STR(r->parent, "wmdp");
		CHECK_NEAR(r->score, 0.97, 0);
		CHECK_NEAR(r->stderr_, 0.017144660799776525, 0);
		CHECK_STR(r->version, "0");
		CHECK_INT(r->partial, 1);
		CHECK_INT(r->n_items, HDB_UNSET);
		CHECK_STR(r->model, "gpt-3.5-turbo-0125");
		CHECK_STR(r->run_date, "2024-04-04T00:44:35Z");
		CHECK_INT(r->line, 14);
		CHECK_STR(r->details, "{\"n_shot\":0,\"model_source\":"
			  "\"openai-chat-completions\",\"lm_eval_era\":"
			  "\"0.4.2\",\"git_hash\":\"4a1e48ce\",\"limit\":100.0}");
	}
	CHECK_STR(rs.r[1].benchmark, "wmdp_bio");
	CHECK_STR(rs.r[1].parent, "wmdp");
}

/* v0.4.3+: vllm gsm8k_cot_llama of 2024-08-25, shortened. */
static const char v043_gsm8k[] =
	"{\n"
	"  \"results\": {\n"
	"    \"gsm8k\": {\n"
	"      \"alias\": \"gsm8k\",\n"
	"      \"exact_match,strict-match\": 0.7725549658832449,\n"
	"      \"exact_match_stderr,strict-match\": 0.01154636331254809,\n"
	"      \"exact_match,flexible-extract\": 0.7778620166793025,\n"
	"      \"exact_match_stderr,flexible-extract\": 0.011449986902435323\n"
	"    }\n"
	"  },\n"
	"  \"group_subtasks\": {\n"
	"    \"gsm8k\": []\n"
	"  },\n"
	"  \"configs\": {\"gsm8k\": {\"task\": \"gsm8k\", \"num_fewshot\": 5}},\n"
	"  \"versions\": {\n"
	"    \"gsm8k\": 3.0\n"
	"  },\n"
	"  \"n-shot\": {\n"
	"    \"gsm8k\": 5\n"
	"  },\n"
	"  \"higher_is_better\": {\n"
	"    \"gsm8k\": {\n"
	"      \"exact_match\": true\n"
	"    }\n"
	"  },\n"
	"  \"n-samples\": {\n"
	"    \"gsm8k\": {\n"
	"      \"original\": 1319,\n"
	"      \"effective\": 1319\n"
	"    }\n"
	"  },\n"
	"  \"config\": {\n"
	"    \"model\": \"vllm\",\n"
	"    \"model_args\": \"pretrained=meta-llama/Meta-Llama-3-8B-Instruct\",\n"
	"    \"limit\": null\n"
	"  },\n"
	"  \"git_hash\": \"7489a342\",\n"
	"  \"date\": 1724622900.312985,\n"
	"  \"model_source\": \"vllm\",\n"
	"  \"model_name\": \"meta-llama/Meta-Llama-3-8B-Instruct\",\n"
	"  \"start_time\": 6496343.936180836,\n"
	"  \"end_time\": 6496600.2954714,\n"
	"  \"total_evaluation_time_seconds\": \"256.35929056443274\"\n"
	"}\n";

static void gsm8k_strict_and_flexible_are_both_stored_with_stderr(void)
{
	struct hdb_parse_info in;
	struct rec *r;

	CHECK_INT(parse(v043_gsm8k, &in), 0);
	CHECK_INT(rs.n, 2);
	CHECK_STR(in.era, "lm_eval 0.4.3+ (n-samples, model_name)");
	CHECK_STR(rs.r[0].metric, "exact_match,strict-match");
	CHECK_STR(rs.r[1].metric, "exact_match,flexible-extract");
	r = &rs.r[0];
	CHECK_NEAR(r->score, 0.7725549658832449, 0);
	CHECK_NEAR(r->stderr_, 0.01154636331254809, 0);
	CHECK_INT(r->line, 5);
	r = &rs.r[1];
	CHECK_STR(r->benchmark, "gsm8k");
	CHECK_NEAR(r->score, 0.7778620166793025, 0);
	CHECK_NEAR(r->stderr_, 0.011449986902435323, 0);
	CHECK_INT(r->line, 7);
	CHECK_STR(r->parent, "(null)");
	CHECK_STR(r->version, "3.0");
	CHECK_INT(r->n_items, 1319);
	CHECK_INT(r->partial, 0);
	CHECK_STR(r->model, "meta-llama/Meta-Llama-3-8B-Instruct");
	CHECK_STR(r->run_date, "2024-08-25T21:55:00Z");
	CHECK_STR(r->details, "{\"n_shot\":5,\"higher_is_better\":true,"
		  "\"model_source\":\"vllm\",\"lm_eval_era\":\"0.4.3+\","
		  "\"git_hash\":\"7489a342\",\"n_samples_original\":1319}");
}

/* mmlu → mmlu_humanities, mmlu_stem → tasks, as 0.4.x writes them; one
 * group ("mmlu_extra") has a "groups" row and none in "results". */
static const char mmlu_nested[] =
	"{\n"
	"  \"results\": {\n"
	"    \"mmlu\": {\"acc,none\": 0.4960831790343256, \"acc_stderr,none\": 0.004070332881020179, \"alias\": \"mmlu\"},\n"
	"    \"mmlu_humanities\": {\"acc,none\": 0.4442082890541977, \"acc_stderr,none\": 0.006984243520302795, \"alias\": \" - humanities\"},\n"
	"    \"mmlu_formal_logic\": {\"alias\": \"  - formal_logic\", \"acc,none\": 0.373015873015873, \"acc_stderr,none\": 0.04325506042017086},\n"
	"    \"mmlu_philosophy\": {\"alias\": \"  - philosophy\", \"acc,none\": 0.5562700964630225, \"acc_stderr,none\": 0.02821768355665232},\n"
	"    \"mmlu_stem\": {\"acc,none\": 0.4291151284490961, \"acc_stderr,none\": 0.008602716641420094, \"alias\": \" - stem\"},\n"
	"    \"mmlu_anatomy\": {\"alias\": \"  - anatomy\", \"acc,none\": 0.5, \"acc_stderr,none\": 0.04}\n"
	"  },\n"
	"  \"groups\": {\n"
	"    \"mmlu\": {\"acc,none\": 0.4960831790343256, \"acc_stderr,none\": 0.004070332881020179, \"alias\": \"mmlu\"},\n"
	"    \"mmlu_humanities\": {\"acc,none\": 0.4442082890541977, \"acc_stderr,none\": 0.006984243520302795, \"alias\": \" - humanities\"},\n"
	"    \"mmlu_stem\": {\"acc,none\": 0.4291151284490961, \"acc_stderr,none\": 0.008602716641420094, \"alias\": \" - stem\"},\n"
	"    \"mmlu_extra\": {\"acc,none\": 0.25, \"acc_stderr,none\": \"N/A\", \"alias\": \"extra\"}\n"
	"  },\n"
	"  \"group_subtasks\": {\n"
	"    \"mmlu_humanities\": [\"mmlu_formal_logic\", \"mmlu_philosophy\"],\n"
	"    \"mmlu_stem\": [\"mmlu_anatomy\"],\n"
	"    \"mmlu\": [\"mmlu_stem\", \"mmlu_humanities\"],\n"
	"    \"mmlu_extra\": [\"mmlu_missing\"]\n"
	"  },\n"
	"  \"versions\": {\"mmlu\": 2, \"mmlu_humanities\": 2, \"mmlu_formal_logic\": 1.0},\n"
	"  \"n-shot\": {\"mmlu_formal_logic\": 0},\n"
	"  \"higher_is_better\": {\"mmlu\": {\"acc\": true}, \"mmlu_stem\": {\"acc\": null}},\n"
	"  \"n-samples\": {\n"
	"    \"mmlu_anatomy\": {\"original\": 135, \"effective\": 135},\n"
	"    \"mmlu_formal_logic\": {\"original\": 126, \"effective\": 126},\n"
	"    \"mmlu_philosophy\": {\"original\": 311, \"effective\": 300}\n"
	"  },\n"
	"  \"config\": {\"model\": \"hf\", \"model_args\": \"pretrained=google/gemma-2-2b\", \"limit\": null},\n"
	"  \"date\": 1741034473.344581,\n"
	"  \"model_name\": \"google/gemma-2-2b\",\n"
	"  \"start_time\": 8477217.125120796\n"
	"}\n";

static void nested_groups_give_each_subtask_its_parent(void)
{
	struct hdb_parse_info in;
	struct rec *r;

	CHECK_INT(parse(mmlu_nested, &in), 0);
	CHECK_INT(rs.n, 7);
	CHECK_INT(in.records, 7);
	CHECK_STR(rs.r[0].benchmark, "mmlu");
	CHECK_STR(rs.r[5].benchmark, "mmlu_anatomy");
	CHECK_STR(rs.r[6].benchmark, "mmlu_extra");	/* "groups" only */
	r = find("mmlu", "acc,none");
	if (r) {
		CHECK_STR(r->parent, "(null)");
		CHECK_STR(r->version, "2");
		CHECK_INT(r->n_items, 135 + 126 + 300);
		CHECK_INT(r->partial, 1);	/* philosophy fell short */
		CHECK_STR(r->details, "{\"higher_is_better\":true,"
			  "\"model_source\":\"hf\",\"lm_eval_era\":\"0.4.3+\","
			  "\"n_samples_original\":572}");
	}
	r = find("mmlu_humanities", "acc,none");
	if (r) {
		CHECK_STR(r->parent, "mmlu");
		CHECK_INT(r->n_items, 426);
		CHECK_INT(r->partial, 1);
	}
	r = find("mmlu_stem", "acc,none");
	if (r) {
		CHECK_STR(r->parent, "mmlu");
		CHECK_INT(r->n_items, 135);
		CHECK_INT(r->partial, 0);
		CHECK_STR(r->version, "(null)");
		/* a group whose subtasks disagree has null: left out */
		CHECK_STR(r->details, "{\"model_source\":\"hf\",\"lm_eval_era\":"
			  "\"0.4.3+\",\"n_samples_original\":135}");
	}
	r = find("mmlu_formal_logic", "acc,none");
	if (r) {
		CHECK_STR(r->parent, "mmlu_humanities");
		CHECK_STR(r->version, "1.0");
		CHECK_INT(r->n_items, 126);
		CHECK_INT(r->line, 5);
	}
	r = find("mmlu_anatomy", "acc,none");
	if (r)
		CHECK_STR(r->parent, "mmlu_stem");
	r = find("mmlu_extra", "acc,none");
	if (r) {
		CHECK_STR(r->parent, "(null)");
		CHECK_INT(r->n_items, HDB_UNSET);	/* its task has no count */
		CHECK(isnan(r->stderr_));
		CHECK_INT(r->line, 14);
	}
}

static void nan_and_infinity_read_as_unknown(void)
{
	struct hdb_parse_info in;

	/* as 0.4.8 wrote a run that blew up; the strings must stay */
	CHECK_INT(parse("{\"results\": {\"polymer_tg_prediction\": {\"alias\": "
			"\"NaN Infinity\", \"mae,none\": Infinity, "
			"\"mae_stderr,none\": NaN, \"rmse,none\": -Infinity, "
			"\"rmse_stderr,none\": 1.5, \"r2,none\": NaN}},\n"
			" \"versions\": {\"polymer_tg_prediction\": \"Yaml\"},"
			" \"config\": {\"model\": \"openai-chat-completions\","
			" \"model_args\": \"model=gpt-4o-mini\", \"limit\": 200.0},"
			" \"lm_eval_version\": \"0.4.8\"}", &in), 0);
	CHECK_INT(rs.n, 3);
	CHECK_STR(in.era, "lm_eval 0.4.8 (lm_eval_version)");
	CHECK_STR(rs.r[0].metric, "mae,none");
	CHECK(isnan(rs.r[0].score));
	CHECK(isnan(rs.r[0].stderr_));
	CHECK_STR(rs.r[1].metric, "rmse,none");
	CHECK(isnan(rs.r[1].score));
	CHECK_NEAR(rs.r[1].stderr_, 1.5, 0);
	CHECK(isnan(rs.r[2].score));
	CHECK_STR(rs.r[0].version, "Yaml");
	CHECK_STR(rs.r[0].model, "gpt-4o-mini");
	CHECK_INT(rs.r[0].partial, 1);
	CHECK_STR(rs.r[0].details, "{\"model_source\":\"openai-chat-completions\","
		  "\"lm_eval_version\":\"0.4.8\",\"limit\":200.0}");
}

static void na_null_and_missing_stderr_are_unknown(void)
{
	struct hdb_parse_info in;

	CHECK_INT(parse("{\"results\": {\"ifeval\": {\"alias\": \"ifeval\","
			" \"prompt_level_strict_acc,none\": 0.6,"
			" \"prompt_level_strict_acc_stderr,none\": 0.16329931618554522,"
			" \"inst_level_strict_acc,none\": 0.7,"
			" \"inst_level_strict_acc_stderr,none\": \"N/A\","
			" \"prompt_level_loose_acc,none\": 0.65,"
			" \"prompt_level_loose_acc_stderr,none\": null,"
			" \"inst_level_loose_acc,none\": 0.75}},"
			" \"versions\": {\"ifeval\": 4.0}, \"n-shot\": {\"ifeval\": 0},"
			" \"configs\": {}, \"config\": {\"model\": \"hf\","
			" \"model_args\": null, \"limit\": null}}", &in), 0);
	CHECK_INT(rs.n, 4);
	CHECK_STR(in.era, "lm_eval 0.4.0-0.4.1 (configs, no date)");
	CHECK_NEAR(rs.r[0].stderr_, 0.16329931618554522, 0);
	CHECK_STR(rs.r[1].metric, "inst_level_strict_acc,none");
	CHECK_NEAR(rs.r[1].score, 0.7, 0);
	CHECK(isnan(rs.r[1].stderr_));
	CHECK(isnan(rs.r[2].stderr_));
	CHECK(isnan(rs.r[3].stderr_));
	CHECK_STR(rs.r[3].model, "hf");		/* no model_args: the type */
}

static void object_model_args_name_the_model_and_its_server(void)
{
	struct hdb_parse_info in;

	CHECK_INT(parse("{\"results\": {\"gsm8k\": {\"exact_match,strict-match\": 0.5}},"
			" \"versions\": {\"gsm8k\": 3.0}, \"n-shot\": {\"gsm8k\": 5},"
			" \"config\": {\"model\": \"local-completions\", \"model_args\":"
			" {\"base_url\": \"http://10.0.0.5:8080/v1/completions\","
			" \"model\": \"qwen3-30b-a3b\", \"num_concurrent\": 4}}}",
			&in), 0);
	CHECK_INT(rs.n, 1);
	CHECK_STR(in.era, "lm_eval 0.4.10+ (model_args object)");
	CHECK_STR(rs.r[0].model, "qwen3-30b-a3b");
	CHECK_STR(rs.r[0].details, "{\"n_shot\":5,\"model_source\":"
		  "\"local-completions\",\"base_url\":"
		  "\"http://10.0.0.5:8080/v1/completions\",\"lm_eval_era\":"
		  "\"0.4.10+\"}");
}

/* What the file calls the model, from the keys it has. */
static void model_named_follows_the_harness_order(void)
{
	static const struct {
		const char *top, *config, *expect;
	} cases[] = {
		/* model_name (0.4.3+) wins over model_args */
		{ "\"model_name\": \"served-name\",",
		  "\"model\": \"hf\", \"model_args\": \"pretrained=a/b\"",
		  "served-name" },
		{ "", "\"model\": \"hf\", \"model_args\": "
		  "\"pretrained=a/b,peft=c/lora\"", "c/lora" },
		{ "", "\"model\": \"hf\", \"model_args\": "
		  "\"dtype=auto, pretrained=a/b,trust_remote_code=True\"", "a/b" },
		{ "", "\"model\": \"local-completions\", \"model_args\": "
		  "\"model=qwen3,base_url=http://h:8080/v1/completions\"", "qwen3" },
		{ "", "\"model\": \"gguf\", \"model_args\": "
		  "\"base_url=http://h:8080,path=/m/x-Q4_K_M.gguf\"",
		  "/m/x-Q4_K_M.gguf" },
		{ "", "\"model\": \"openai\", \"model_args\": \"engine=davinci\"",
		  "davinci" },
		/* an empty value is not a name; a key inside a key is not one */
		{ "", "\"model\": \"vllm\", \"model_args\": "
		  "\"pretrained=,tokenizer_model=t\"", "vllm" },
		{ "", "\"model\": \"HFLM\", \"model_args\": null", "HFLM" },
		{ "", "\"model_args\": {\"delta\": \"d/x\", \"pretrained\": \"p/x\"}",
		  "d/x" },
		{ "", "\"limit\": null", "(null)" },
	};
	struct hdb_parse_info in;
	char text[512];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text), "{%s \"results\": {\"t\": "
			 "{\"acc,none\": 1}}, \"versions\": {}, \"configs\": {},"
			 " \"config\": {%s}}", cases[i].top, cases[i].config);
		CHECK_INT(parse(text, &in), 0);
		CHECK_STR(rs.r[0].model, cases[i].expect);
	}
}

static void look_alikes_are_refused_with_what_they_lack(void)
{
	struct hdb_parse_info in;

	/* VisualRWKV's results_*.json: another tool's file, same name, and
	 * no 'versions' either */
	CHECK_INT(parse_as("rwkv/results_2025-03-06T00-33-06.json",
			   "{\"model\": \"/workspace/RWKV-x070\", \"tasks\": "
			   "[\"mmlu\"], \"num_fewshot\": 0, \"results\": "
			   "{\"mmlu\": {\"acc,none\": 0.24}}}", &in), -1);
	CHECK_INT(rs.n, 0);
	CHECK_STR(hdb_errmsg(), "rwkv/results_2025-03-06T00-33-06.json:1:1: not "
		  "lm-evaluation-harness output: a results file has "
		  "'results', 'versions' and 'config', this one has no "
		  "'versions' or 'config' (keys: model, tasks, num_fewshot, "
		  "results)");
	/* a wrapper's side-car */
	CHECK_INT(parse_as("summary_openllm.json", "{\"elapsed_time\": "
			   "\"02:23:19\", \"gpu\": \"NVIDIA A100 80GB PCIe\"}",
			   &in), -1);
	CHECK_STR(hdb_errmsg(), "summary_openllm.json:1:1: not "
		  "lm-evaluation-harness output: a results file has "
		  "'results', 'versions' and 'config', this one has no "
		  "'results', 'versions' or 'config' (keys: elapsed_time, gpu)");
	/* the leaderboard test fixture: 'params', not 'config' */
	CHECK_INT(parse("{\"params\": {}, \"results\": {}, \"n_samples\": {}, "
			"\"versions\": {}}", &in), -1);
	CHECK_STR(hdb_errmsg(), "results.json:1:1: not lm-evaluation-harness "
		  "output: a results file has 'results', 'versions' and "
		  "'config', this one has no 'config' (keys: params, results, "
		  "n_samples, versions)");
	CHECK_INT(parse("{\"config\": {}, \"results\": {}}", &in), -1);
	CHECK_HAS(hdb_errmsg(), "this one has no 'versions' (keys: config, "
		  "results)");
	CHECK_INT(parse("[{\"results\": {}}]", &in), -1);
	CHECK_STR(hdb_errmsg(), "results.json:1:1: not lm-evaluation-harness "
		  "output: a results file is an object with 'results', "
		  "'versions' and 'config', this one is an array");
	CHECK_INT(parse("{\"results\": [], \"versions\": {}, \"config\": {}}",
			&in), -1);
	CHECK_STR(hdb_errmsg(), "results.json:1:1: not lm-evaluation-harness "
		  "output: its 'results' is an array, not an object of tasks");
}

static void results_without_a_metric_are_an_error(void)
{
	struct hdb_parse_info in;

	CHECK_INT(parse("{\"results\": {\"gsm8k\": {\"alias\": \"gsm8k\"}}, "
			"\"versions\": {}, \"configs\": {}, \"config\": {}}",
			&in), -1);
	CHECK_STR(hdb_errmsg(), "results.json:1:1: expected at least one "
		  "metric in 'results'");
	CHECK_INT(parse("{\"results\": {}, \"versions\": {}, \"config\": {}}",
			&in), -1);
	CHECK_STR(hdb_errmsg(), "results.json:1:1: expected at least one "
		  "metric in 'results'");
	CHECK_INT(rs.n, 0);
}

static void a_row_that_is_not_an_object_is_skipped_with_a_warning(void)
{
	struct hdb_parse_info in;

	CHECK_INT(parse("{\"results\": {\n\"a\": 5,\n\"b\": {\"acc,none\": 0.5}},"
			" \"versions\": {}, \"configs\": {}, \"config\": {}}",
			&in), 0);
	CHECK_INT(rs.n, 1);
	CHECK_INT(rs.warnings, 1);
	CHECK_STR(rs.warning, "results.json:2:1: warning: skipped 'a' in "
		  "'results', which is a number, not an object of metrics");
}

static void malformed_json_is_an_error_at_its_line_and_column(void)
{
	struct hdb_parse_info in;
	char other[128];

	CHECK_INT(parse("{\"results\": {\n  \"t\": {\"acc,none\": 0.5 \"x\": 1}\n}}",
			&in), -1);
	/* jansson points at the last character of the token it did not
	 * expect */
	CHECK_STR(hdb_errmsg(), "results.json:2:27: expected valid JSON "
		  "('}' expected near '\"x\"')");
	/* a NaN before it on the line (one byte longer as null) does not
	 * move the column: the same place as with a 3-byte number */
	CHECK_INT(parse("{\"results\": {\n  \"t\": {\"acc,none\": NaN, \"é\" 1}\n}}",
			&in), -1);
	snprintf(other, sizeof(other), "%s", hdb_errmsg());
	CHECK_INT(parse("{\"results\": {\n  \"t\": {\"acc,none\": 0.5, \"é\" 1}\n}}",
			&in), -1);
	CHECK_STR(other, hdb_errmsg());
	CHECK_STR(other, "results.json:2:30: expected valid JSON "
		  "(':' expected near '1')");
	CHECK_INT(parse("", &in), -1);
	CHECK_STR(hdb_errmsg(), "results.json:1:1: expected valid JSON "
		  "('[' or '{' expected near end of file)");
	/* a bare word that is not one of Python's three */
	CHECK_INT(parse("{\"results\": {\"t\": {\"acc,none\": nan}}}", &in), -1);
	CHECK_STR(hdb_errmsg(), "results.json:1:34: expected valid JSON "
		  "(invalid token near 'nan')");
}

static void the_file_name_dates_a_run_whose_file_does_not(void)
{
	static const char text[] = "{\"results\": {\"t\": {\"acc,none\": 1}}, "
		"\"versions\": {}, \"n-samples\": {}, \"config\": {}}";
	struct hdb_parse_info in;

	CHECK_INT(parse_as("out/m/results_2024-08-25T21-59-12.123082.json",
			   text, &in), 0);
	CHECK_STR(rs.r[0].run_date, "2024-08-25T21-59-12.123082");
	CHECK_INT(parse_as("x_2024-08-25T21-59-12.json", text, &in), 0);
	CHECK_STR(rs.r[0].run_date, "2024-08-25T21-59-12");
	CHECK_INT(parse_as("results_2024-08-25.json", text, &in), 0);
	CHECK_STR(rs.r[0].run_date, "(null)");
	CHECK_INT(parse_as("gsm8k.json", text, &in), 0);
	CHECK_STR(rs.r[0].run_date, "(null)");
	CHECK_STR(in.era, "lm_eval 0.4.10+ (n-samples, no start_time)");
}

/* ---- samples files ---------------------------------------------------- */

static void samples_lines_give_items_by_task_metric_and_filter(void)
{
	struct hdb_parse_info in;

	/* 0.4.7+: a line per (doc, filter), with "filter" and "metrics" */
	CHECK_INT(parse_samples("gsm8k",
		"{\"doc_id\": 17, \"doc\": {\"question\": \"q\"}, \"target\": \"72\", "
		"\"arguments\": {\"gen_args_0\": {\"arg_0\": \"p\", \"arg_1\": {}}}, "
		"\"resps\": [[\"The answer is 72.\"]], \"filtered_resps\": [\"72\"], "
		"\"filter\": \"strict-match\", \"metrics\": [\"exact_match\"], "
		"\"doc_hash\": \"a\", \"prompt_hash\": \"b\", \"target_hash\": \"c\", "
		"\"exact_match\": 1.0}\n"
		"{\"doc_id\": 17, \"target\": \"72\", \"filtered_resps\": [\"72.\"], "
		"\"filter\": \"flexible-extract\", \"metrics\": [\"exact_match\"], "
		"\"exact_match\": 0.0}\r\n"
		"\n"
		"{\"doc_id\": 18, \"target\": \"5\", \"filtered_resps\": [\"[invalid]\"], "
		"\"filter\": \"strict-match\", \"metrics\": [\"exact_match\"], "
		"\"exact_match\": 0.5}\n", &in), 0);
	CHECK_INT(in.format, HDB_FORMAT_LM_EVAL_SAMPLES);
	CHECK_STR(in.era, "lm_eval 0.4.7+ (filter, metrics)");
	CHECK_INT(in.records, 3);
	CHECK_INT(rs.n_items, 3);
	CHECK_INT(rs.n, 0);
	CHECK_STR(rs.it[0].item, "17");
	CHECK_STR(rs.it[0].task, "gsm8k");
	CHECK_STR(rs.it[0].metric, "exact_match,strict-match");
	CHECK_INT(rs.it[0].passed, 1);
	CHECK_STR(rs.it[0].detail, "{\"target\":\"72\",\"response\":\"72\","
		  "\"value\":1.0}");
	CHECK_STR(rs.it[1].item, "17");
	CHECK_STR(rs.it[1].metric, "exact_match,flexible-extract");
	CHECK_INT(rs.it[1].passed, 0);
	CHECK_STR(rs.it[2].item, "18");
	CHECK_INT(rs.it[2].passed, -1);		/* not a pass/fail value */
	CHECK_STR(rs.it[2].detail, "{\"target\":\"5\",\"response\":"
		  "\"[invalid]\",\"value\":0.5}");
}

static void ifeval_lists_pass_only_when_every_instruction_does(void)
{
	struct hdb_parse_info in;

	CHECK_INT(parse_samples("ifeval",
		"{\"doc_id\": 0, \"target\": \"0\", \"filtered_resps\": [\"Hi\"], "
		"\"filter\": \"none\", \"metrics\": [\"prompt_level_strict_acc\", "
		"\"inst_level_strict_acc\"], \"prompt_level_strict_acc\": false, "
		"\"inst_level_strict_acc\": [true, false, true]}\n"
		"{\"doc_id\": 1, \"target\": \"0\", \"filtered_resps\": [\"Hi\"], "
		"\"filter\": \"none\", \"metrics\": [\"prompt_level_strict_acc\", "
		"\"inst_level_strict_acc\"], \"prompt_level_strict_acc\": true, "
		"\"inst_level_strict_acc\": [true, true]}\n"
		"{\"doc_id\": 2, \"filtered_resps\": [], \"filter\": \"none\", "
		"\"metrics\": [\"mae\", \"gone\"], \"mae\": NaN}\n", &in), 0);
	CHECK_INT(rs.n_items, 5);
	CHECK_STR(rs.it[0].metric, "prompt_level_strict_acc,none");
	CHECK_INT(rs.it[0].passed, 0);
	CHECK_STR(rs.it[1].metric, "inst_level_strict_acc,none");
	CHECK_INT(rs.it[1].passed, 0);
	CHECK_STR(rs.it[1].detail, "{\"target\":\"0\",\"response\":\"Hi\","
		  "\"value\":[true,false,true]}");
	CHECK_INT(rs.it[2].passed, 1);
	CHECK_INT(rs.it[3].passed, 1);
	/* a NaN value: unknown, not a pass */
	CHECK_STR(rs.it[4].metric, "mae,none");
	CHECK_INT(rs.it[4].passed, -1);
	CHECK_STR(rs.it[4].detail, "{\"target\":null,\"response\":null,"
		  "\"value\":null}");
}

static void samples_before_0_4_7_take_every_metric_key(void)
{
	struct hdb_parse_info in;

	/* asdiv of 2024-08: no "filter", no "metrics"; loglikelihood resps */
	CHECK_INT(parse_samples("asdiv",
		"{\"doc_id\": 0, \"doc\": {\"answer\": \"9 (apples)\"}, "
		"\"target\": \"9\", \"arguments\": {}, \"resps\": "
		"[[[\"-9.536740890325746e-07\", \"True\"]]], \"filtered_resps\": "
		"[[\"-9.536740890325746e-07\", \"True\"]], \"doc_hash\": \"4e\", "
		"\"prompt_hash\": \"24\", \"target_hash\": \"19\", \"acc\": 1, "
		"\"bleu\": 0.25}\n", &in), 0);
	CHECK_INT(rs.n_items, 2);
	CHECK_STR(in.era, "lm_eval 0.4.3-0.4.6 (JSON Lines)");
	CHECK_STR(rs.it[0].metric, "acc,none");
	CHECK_INT(rs.it[0].passed, 1);
	CHECK_STR(rs.it[0].detail, "{\"target\":\"9\",\"response\":"
		  "\"[\\\"-9.536740890325746e-07\\\",\\\"True\\\"]\",\"value\":1}");
	CHECK_STR(rs.it[1].metric, "bleu,none");
	CHECK_INT(rs.it[1].passed, -1);
}

static void old_samples_are_a_json_array_despite_the_suffix(void)
{
	struct hdb_parse_info in;

	CHECK_INT(parse_samples("wmdp_bio",
		"[\n"
		"  {\n"
		"    \"doc_id\": 0,\n"
		"    \"doc\": {\"answer\": 3},\n"
		"    \"target\": [\n      \"A\",\n      \"B\"\n    ],\n"
		"    \"arguments\": [[\"prompt\", {\"until\": \".\"}]],\n"
		"    \"resps\": [[\"A\"]],\n"
		"    \"filtered_resps\": [\n      \"A\"\n    ],\n"
		"    \"exact_match\": 1.0\n"
		"  },\n"
		"  {\n"
		"    \"doc_id\": 1,\n"
		"    \"target\": 2,\n"
		"    \"filtered_resps\": [\"C\"],\n"
		"    \"exact_match\": 0.0\n"
		"  }\n"
		"]\n", &in), 0);
	CHECK_INT(in.records, 2);
	CHECK_STR(in.era, "lm_eval 0.4.0-0.4.2 (a JSON array)");
	CHECK_INT(rs.n_items, 2);
	CHECK_STR(rs.it[0].task, "wmdp_bio");
	CHECK_STR(rs.it[0].metric, "exact_match,none");
	CHECK_STR(rs.it[0].item, "0");
	CHECK_INT(rs.it[0].passed, 1);
	CHECK_STR(rs.it[0].detail, "{\"target\":[\"A\",\"B\"],\"response\":"
		  "\"A\",\"value\":1.0}");
	CHECK_STR(rs.it[1].item, "1");
	CHECK_INT(rs.it[1].passed, 0);
	CHECK_STR(rs.it[1].detail, "{\"target\":2,\"response\":\"C\","
		  "\"value\":0.0}");
	/* a sample without doc_id: at the line its object opens */
	CHECK_INT(parse_samples("t", "\n[\n  {\"doc_id\": 0, \"acc\": 1},\n"
				"  {\"acc\": 1}\n]\n", &in), -1);
	CHECK_STR(hdb_errmsg(), "samples.jsonl:4:3: expected a \"doc_id\" "
		  "number in the sample");
	CHECK_INT(parse_samples("t", "[]\n", &in), -1);
	CHECK_INT(in.empty, 1);
}

static void long_targets_and_responses_are_cut_to_200_characters(void)
{
	struct hdb_parse_info in;
	struct strbuf text = STRBUF_INIT, want = STRBUF_INIT;
	int i;

	strbuf_addstr(&text, "{\"doc_id\": 3, \"target\": \"");
	for (i = 0; i < 250; i++)
		strbuf_addstr(&text, "é");
	strbuf_addstr(&text, "\", \"filtered_resps\": [\"");
	for (i = 0; i < 201; i++)
		strbuf_addch(&text, 'x');
	strbuf_addstr(&text, "\"], \"exact_match\": 1}\n");
	CHECK_INT(parse_samples("t", text.buf, &in), 0);
	strbuf_addstr(&want, "{\"target\":\"");
	for (i = 0; i < 200; i++)
		strbuf_addstr(&want, "é");
	strbuf_addstr(&want, "...\",\"response\":\"");
	for (i = 0; i < 200; i++)
		strbuf_addch(&want, 'x');
	strbuf_addstr(&want, "...\",\"value\":1}");
	CHECK_INT(rs.n_items, 1);
	CHECK(strlen(want.buf) < sizeof(rs.it[0].detail));
	CHECK_STR(rs.it[0].detail, want.buf);
	strbuf_release(&text);
	strbuf_release(&want);
}

static void a_samples_line_that_is_not_json_is_an_error_at_it(void)
{
	struct hdb_parse_info in;

	CHECK_INT(parse_samples("t", "{\"doc_id\": 0, \"acc\": 1}\n"
				"{\"doc_id\": 1, \"mae\": NaN \"acc\": 1}\n",
				&in), -1);
	CHECK_STR(hdb_errmsg(), "samples.jsonl:2:30: expected valid JSON "
		  "('}' expected near '\"acc\"')");
	CHECK_INT(rs.n_items, 1);
	CHECK_INT(parse_samples("t", "{\"doc_id\": 0, \"acc\": 1}\n[1, 2]\n",
				&in), -1);
	CHECK_STR(hdb_errmsg(), "samples.jsonl:2:1: expected a sample (a JSON "
		  "object with \"doc_id\"), found an array");
	CHECK_INT(parse_samples("t", "\n\n", &in), -1);
	CHECK_STR(hdb_errmsg(), "samples.jsonl:1:1: expected "
		  "lm-evaluation-harness samples (a JSON object per line, or "
		  "an array of them), found none");
}

/* A sink that stops the parse at its second call. */
static int calls;

static int stop_second(void *ctx, const struct hdb_quality_record *r)
{
	(void)ctx;
	(void)r;
	return ++calls == 2 ? hdb_error("disk full") : 0;
}

static int stop_second_item(void *ctx, const struct hdb_quality_item *it,
			    const char *task, const char *metric)
{
	(void)ctx;
	(void)it;
	(void)task;
	(void)metric;
	return ++calls == 2 ? hdb_error("disk full") : 0;
}

static void a_sink_error_stops_the_parse_with_its_message(void)
{
	static const struct hdb_sink stopper = {
		.quality = stop_second,
		.quality_item = stop_second_item,
	};
	static const char line[] = "{\"doc_id\": 0, \"a\": 1, \"b\": 1}\n";
	struct hdb_parse_info in;
	FILE *f;

	calls = 0;
	f = fmemopen((void *)v043_gsm8k, strlen(v043_gsm8k), "r");
	CHECK_INT(hdb_parse_lm_eval(f, "r.json", &stopper, &in), -1);
	fclose(f);
	CHECK_INT(calls, 2);
	CHECK_STR(hdb_errmsg(), "disk full");
	calls = 0;
	f = fmemopen((void *)line, strlen(line), "r");
	CHECK_INT(hdb_parse_lm_eval_samples(f, "s.jsonl", "t", &stopper, &in), -1);
	fclose(f);
	CHECK_INT(calls, 2);
	CHECK_STR(hdb_errmsg(), "disk full");
}

/* Samples lines of several MiB are common (long chat prompts). */
static void a_samples_line_of_five_mib_is_read_whole(void)
{
	struct hdb_parse_info in;
	struct strbuf text = STRBUF_INIT;
	size_t i;

	strbuf_addstr(&text, "{\"doc_id\": 4, \"arguments\": \"");
	for (i = 0; i < (5u << 20) / 64; i++)
		strbuf_addstr(&text, "0123456789abcdef0123456789abcdef"
			      "0123456789abcdef0123456789abcdef");
	strbuf_addstr(&text, "\", \"acc\": 1}\n{\"doc_id\": 5, \"acc\": 0}\n");
	CHECK_INT(parse_samples("t", text.buf, &in), 0);
	CHECK_INT(in.records, 2);
	CHECK_INT(rs.n_items, 2);
	CHECK_STR(rs.it[0].item, "4");
	CHECK_INT(rs.it[1].passed, 0);
	strbuf_release(&text);
}

/* ---- the real files --------------------------------------------------------- */

/*
 * Every real file in ../shared/formats/samples/quality/lm_eval, with what
 * a reading of each says it holds.  records -1: refused, with error.
 */
static const struct {
	const char *file;
	int records;
	const char *error;		/* the start of the refusal */
	const char *benchmark, *metric;	/* one record of it */
	double score, stderr_;
	const char *parent, *version, *model, *run_date, *era;
	long long n_items;
	int partial;
} real_files[] = {
	{ "v0.3_pre-0.4/llama-7B_gsm8k_8-shot.json", 1, NULL,
	  "gsm8k", "acc", 0.0803639120545868, 0.007488258573239077,
	  "(null)", "0", "/gaueko1/hizkuntza-ereduak/LLaMA/lm/huggingface/7B",
	  "(null)", "lm_eval 0.3 (results, versions, config only)",
	  HDB_UNSET, 0 },
	{ "v0.3_pre-0.4/llama-7B_mathematical_reasoning_0-shot.json", 13, NULL,
	  "drop", "f1", 0.1215950083892614, 0.0024765528531984883,
	  "(null)", "1", "/gaueko1/hizkuntza-ereduak/LLaMA/lm/huggingface/7B",
	  "(null)", "lm_eval 0.3 (results, versions, config only)",
	  HDB_UNSET, 0 },
	{ "v0.4.0-0.4.2_results.json_layout/out/results.json", 4, NULL,
	  "wmdp_cyber", "exact_match,none", 1.0, 0.0, "wmdp", "0",
	  "gpt-3.5-turbo-0125", "2024-04-04T00:44:35Z",
	  "lm_eval 0.4.2 (date, group_subtasks)", HDB_UNSET, 1 },
	{ "v0.4.2era_hf_gsm8k_renamed/meta-llama/Meta-Llama-3-8B-Instruct/"
	  "openllm/gsm8k.json", 2, NULL,
	  "gsm8k", "exact_match,strict-match", 0.7558756633813495,
	  0.011832404674077592, "(null)", "3.0",
	  "meta-llama/Meta-Llama-3-8B-Instruct", "2024-04-19T11:16:59Z",
	  "lm_eval 0.4.2 (date, group_subtasks)", HDB_UNSET, 0 },
	{ "v0.4.2era_hf_gsm8k_renamed/meta-llama/Meta-Llama-3-8B-Instruct/"
	  "summary_openllm.json", -1, .error = "not lm-evaluation-harness output: a "
	  "results file has 'results', 'versions' and 'config', this one has "
	  "no 'results', 'versions' or 'config' (keys: elapsed_time, gpu)" },
	{ "v0.4.3plus_vllm_gsm8k_cot/meta-llama__Meta-Llama-3-8B-Instruct/"
	  "results_2024-08-25T21-59-12.123082.json", 2, NULL,
	  "gsm8k_cot_llama", "exact_match,flexible-extract",
	  0.7778620166793025, 0.011449986902435323, "(null)", "3.0",
	  "meta-llama/Meta-Llama-3-8B-Instruct", "2024-08-25T21:55:00Z",
	  "lm_eval 0.4.3+ (n-samples, model_name)", 1319, 0 },
	{ "v0.4.3plus_hf_limit50_loglikelihood/meta-llama__Meta-Llama-3-8B-"
	  "Instruct/results_2024-08-21T03-44-09.494230.json", 1, NULL,
	  "asdiv", "acc,none", 0.92, 0.0387561713321444, "(null)", "1.0",
	  "meta-llama/Meta-Llama-3-8B-Instruct", "2024-08-21T03:43:56Z",
	  "lm_eval 0.4.3+ (n-samples, model_name)", 50, 1 },
	{ "v0.4.x_hf_mmlu_group/google__gemma-2-2b/results_2025-03-03T20-58-"
	  "19.132054.TRIMMED.json", 86, NULL,
	  "mmlu_formal_logic", "acc,none", 0.373015873015873,
	  0.04325506042017086, "mmlu_humanities", "1.0", "google/gemma-2-2b",
	  "2025-03-03T20:41:13Z", "lm_eval 0.4.3+ (n-samples, model_name)",
	  126, 0 },
	{ "v0.4.x_hf_mmlu_group/google__gemma-2-2b/results_2025-03-03T20-58-"
	  "19.132054.TRIMMED.json", 86, NULL,
	  "mmlu", "acc,none", 0.4960831790343256, 0.004070332881020179,
	  "(null)", "2", "google/gemma-2-2b", "2025-03-03T20:41:13Z",
	  "lm_eval 0.4.3+ (n-samples, model_name)", 14042, 0 },
	{ "v0.4.8_openai-chat_nonfinite/gpt-4o-mini/results_2025-06-30T19-40-"
	  "09.461247.json", 1, NULL,
	  "polymer_tg_prediction", "mae,none", NAN, NAN, "(null)", "Yaml",
	  "gpt-4o-mini", "2025-06-30T23:39:56Z",
	  "lm_eval 0.4.8 (lm_eval_version)", 24, 1 },
	{ "v0.4.10dev_vllm_dict_model_args/google__gemma-2b/results_2026-01-"
	  "16T15-23-47.285735.json", 1, NULL,
	  "masakhaner_luo_prompt_1", "f1,flexible-extract", 0.0656270305392884,
	  NAN, "(null)", "1.0", "google/gemma-2b", "2026-01-16T15:05:18Z",
	  "lm_eval 0.4.10.dev0 (lm_eval_version)", 185, 0 },
	{ "edge_output_path_ending_in_json/FLOR-760M/results_FLOR-760M__2025-"
	  "07-21T1441-16_2025-07-21T14-41-47.889425.json", 4, NULL,
	  "eqbench_es", "percent_parseable,none", 0.0, 0.0, "(null)", "1.0",
	  "/gpfs/projects/bsc88/hf-models/FLOR-760M", "2025-07-21T12:41:26Z",
	  "lm_eval 0.4.8 (lm_eval_version)", 10, 1 },
	{ "edge_not_lm_eval_output/VisualRWKV__rwkv7-pile/results_2025-03-06T"
	  "00-33-06.json", -1, .error = "not lm-evaluation-harness output: a results "
	  "file has 'results', 'versions' and 'config', this one has no "
	  "'versions' or 'config' (keys: model, tasks, num_fewshot, "
	  "results)" },
	/* a test fixture of the harness, not its output: 'params' for
	 * 'config', results nested by group */
	{ "fixture_leaderboard_ifeval_mmlu_pro/phi3-samples_10-chat-gpu."
	  "TRIMMED.json", -1, .error = "not lm-evaluation-harness output: a results "
	  "file has 'results', 'versions' and 'config', this one has no "
	  "'config' (keys: params, results, n_samples, task_hashes, versions, "
	  "transformers_version, system_instruction_sha, chat_template_sha, "
	  "max_length, eot_token_id)" },
};

/* The samples files, with the task their file names give. */
static const struct {
	const char *file, *task;
	int records, items;
	const char *item, *metric;	/* the last item */
	int passed;
	const char *detail;
} real_samples[] = {
	{ "v0.4.0-0.4.2_results.json_layout/out/model__gpt-3.5-turbo-0125_"
	  "wmdp_bio.TRIMMED.jsonl", "wmdp_bio", 2, 2, "1",
	  "exact_match,none", 1,
	  "{\"target\":[\"A\",\"B\",\"C\",\"D\"],\"response\":\"B\","
	  "\"value\":1.0}" },
	{ "v0.4.3plus_hf_limit50_loglikelihood/meta-llama__Meta-Llama-3-8B-"
	  "Instruct/samples_asdiv_2024-08-21T03-44-09.494230.TRIMMED.jsonl",
	  "asdiv", 3, 3, "2", "acc,none", 1,
	  "{\"target\":\"16\",\"response\":\"[\\\"-7.390952760033542e-06\\\","
	  "\\\"True\\\"]\",\"value\":1}" },
	{ "v0.4.8_openai-chat_nonfinite/gpt-4o-mini/samples_polymer_tg_"
	  "prediction_2025-06-30T19-40-09.461247.TRIMMED.jsonl",
	  "polymer_tg_prediction", 3, 3, "2", "mae,none", -1,
	  "{\"target\":\"3.667443154\",\"response\":\"Tg: 303\","
	  "\"value\":null}" },
};

static FILE *open_real(const char *base, const char *file, char *path,
		       size_t size)
{
	FILE *f;

	snprintf(path, size, "%s/samples/quality/lm_eval/%s", base, file);
	f = fopen(path, "r");
	if (!f)
		T_FAIL("%s: %s", path, strerror(errno));
	return f;
}

static void check_real_record(size_t i)
{
	struct rec *r = find(real_files[i].benchmark, real_files[i].metric);

	if (!r)
		return;
	if (isnan(real_files[i].score))
		CHECK(isnan(r->score));
	else
		CHECK_NEAR(r->score, real_files[i].score, 0);
	if (isnan(real_files[i].stderr_))
		CHECK(isnan(r->stderr_));
	else
		CHECK_NEAR(r->stderr_, real_files[i].stderr_, 0);
	CHECK_STR(r->parent, real_files[i].parent);
	CHECK_STR(r->version, real_files[i].version);
	CHECK_STR(r->model, real_files[i].model);
	CHECK_STR(r->run_date, real_files[i].run_date);
	CHECK_INT(r->n_items, real_files[i].n_items);
	CHECK_INT(r->partial, real_files[i].partial);
}

static void real_files_give_the_records_read_in_them(void)
{
	const char *base = t_shared();
	char path[1024];
	size_t i;

	snprintf(path, sizeof(path), "%s/samples/quality/lm_eval", base);
	if (access(path, R_OK)) {
		T_SKIP("%s is absent", path);
		return;
	}
	for (i = 0; i < sizeof(real_files) / sizeof(real_files[0]); i++) {
		struct hdb_parse_info in;
		FILE *f = open_real(base, real_files[i].file, path, sizeof(path));
		int rc;

		if (!f)
			continue;
		memset(&rs, 0, sizeof(rs));
		rc = hdb_parse_lm_eval(f, path, &sink, &in);
		fclose(f);
		if (real_files[i].records < 0) {
			if (rc != -1 || rs.n)
				T_FAIL("%s: expected to be refused, got %d "
				       "records", real_files[i].file, rs.n);
			CHECK_HAS(hdb_errmsg(), real_files[i].error);
		} else if (rc) {
			T_FAIL("%s: %s", real_files[i].file, hdb_errmsg());
		} else {
			CHECK_INT(rs.n, real_files[i].records);
			CHECK_INT(in.records, real_files[i].records);
			CHECK_STR(in.era, real_files[i].era);
			CHECK_INT(rs.warnings, 0);
			check_real_record(i);
		}
		if (t_failed_now) {
			fprintf(stderr, "  in %s\n", real_files[i].file);
			return;
		}
	}
	for (i = 0; i < sizeof(real_samples) / sizeof(real_samples[0]); i++) {
		struct hdb_parse_info in;
		FILE *f = open_real(base, real_samples[i].file, path,
				    sizeof(path));
		struct item *it;
		int rc;

		if (!f)
			continue;
		memset(&rs, 0, sizeof(rs));
		rc = hdb_parse_lm_eval_samples(f, path, real_samples[i].task,
					       &sink, &in);
		fclose(f);
		if (rc) {
			T_FAIL("%s: %s", real_samples[i].file, hdb_errmsg());
			continue;
		}
		CHECK_INT(in.records, real_samples[i].records);
		CHECK_INT(rs.n_items, real_samples[i].items);
		it = &rs.it[rs.n_items - 1];
		CHECK_STR(it->task, real_samples[i].task);
		CHECK_STR(it->item, real_samples[i].item);
		CHECK_STR(it->metric, real_samples[i].metric);
		CHECK_INT(it->passed, real_samples[i].passed);
		CHECK_STR(it->detail, real_samples[i].detail);
		if (t_failed_now) {
			fprintf(stderr, "  in %s\n", real_samples[i].file);
			return;
		}
	}
}

int main(void)
{
	RUN(pre_0_4_multi_task_file_gives_every_bare_metric);
	RUN(old_results_json_with_groups_and_a_limit_is_partial);
	RUN(gsm8k_strict_and_flexible_are_both_stored_with_stderr);
	RUN(nested_groups_give_each_subtask_its_parent);
	RUN(nan_and_infinity_read_as_unknown);
	RUN(na_null_and_missing_stderr_are_unknown);
	RUN(object_model_args_name_the_model_and_its_server);
	RUN(model_named_follows_the_harness_order);
	RUN(look_alikes_are_refused_with_what_they_lack);
	RUN(results_without_a_metric_are_an_error);
	RUN(a_row_that_is_not_an_object_is_skipped_with_a_warning);
	RUN(malformed_json_is_an_error_at_its_line_and_column);
	RUN(the_file_name_dates_a_run_whose_file_does_not);
	RUN(samples_lines_give_items_by_task_metric_and_filter);
	RUN(ifeval_lists_pass_only_when_every_instruction_does);
	RUN(samples_before_0_4_7_take_every_metric_key);
	RUN(old_samples_are_a_json_array_despite_the_suffix);
	RUN(long_targets_and_responses_are_cut_to_200_characters);
	RUN(a_samples_line_that_is_not_json_is_an_error_at_it);
	RUN(a_sink_error_stops_the_parse_with_its_message);
	RUN(a_samples_line_of_five_mib_is_read_whole);
	RUN(real_files_give_the_records_read_in_them);
	return t_done();
}
