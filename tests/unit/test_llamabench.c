/* Unit tests: ingest/llamabench.c (fields of every era), ingest/host.c
 * (host keys) and ingest/sniff.c (format by content). */
#include "harness.h"
#include "../../ingest/parsers.h"
#include "../../util.h"

/* The records of one parse, copied out of the callback. */
struct rec {
	char backend[64], model[64], quant[32], model_file[128], test[32];
	char type_k[16], type_v[16], commit[16];
	long long build_number, flash_attn, n_depth, n_ubatch, n_prompt, n_gen;
	double avg_ts, stddev_ts, ts0;
	size_t n_samples;
	int samples_known;
	long line;
};

struct recs {
	int n;
	struct rec r[8];
};

static int keep(void *ctx, const struct hdb_bench_record *in)
{
	struct recs *rs = ctx;
	struct rec *r = &rs->r[rs->n < 8 ? rs->n : 7];

	rs->n++;
	t_copy(r->backend, sizeof(r->backend), in->backend);
	t_copy(r->model, sizeof(r->model), in->model);
	t_copy(r->quant, sizeof(r->quant), in->quant);
	t_copy(r->model_file, sizeof(r->model_file), in->model_file);
	t_copy(r->test, sizeof(r->test), in->test);
	t_copy(r->type_k, sizeof(r->type_k), in->type_k);
	t_copy(r->type_v, sizeof(r->type_v), in->type_v);
	t_copy(r->commit, sizeof(r->commit), in->build_commit);
	r->build_number = in->build_number;
	r->flash_attn = in->flash_attn;
	r->n_depth = in->n_depth;
	r->n_ubatch = in->n_ubatch;
	r->n_prompt = in->n_prompt;
	r->n_gen = in->n_gen;
	r->avg_ts = in->avg_ts;
	r->stddev_ts = in->stddev_ts;
	r->n_samples = in->n_samples;
	r->samples_known = in->samples_known;
	r->ts0 = in->n_samples ? in->samples[0].ts : NAN;
	r->line = in->line;
	return 0;
}

static int parse(const char *text, struct recs *rs, struct hdb_parse_info *in)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	struct hdb_sink sink = { .ctx = rs, .bench = keep };
	int rc;

	memset(rs, 0, sizeof(*rs));
	rc = hdb_parse_bench_json(f, "b.json", &sink, in);
	fclose(f);
	return rc;
}

static void quant_names(void)
{
	static const char *const cases[][2] = {
		{ "Q4_K - Medium", "Q4_K_M" }, { "Q4_K - Small", "Q4_K_S" },
		{ "Q3_K - Large", "Q3_K_L" }, { "Q2_K - Medium", "Q2_K" },
		{ "Q2_K - Small", "Q2_K_S" }, { "mostly Q4_0", "Q4_0" },
		{ "mostly Q4_K - Medium", "Q4_K_M" },
		{ "IQ2_XXS - 2.0625 bpw", "IQ2_XXS" },
		{ "IQ4_NL - 4.5 bpw", "IQ4_NL" }, { "MXFP4 MoE", "MXFP4" },
		{ "TQ1_0 - 1.69 bpw ternary", "TQ1_0" },
		{ "IQ3_S mix - 3.66 bpw", "IQ3_M" }, { "all F32", "F32" },
		{ "F16", "F16" }, { "BF16", "BF16" }, { "Q8_0", "Q8_0" },
		{ "Q6_K", "Q6_K" }, { "Q4_K - Medium (guessed)", "Q4_K_M" },
		{ "IQ4_K_R4 - 4.5 bpw", "IQ4_K_R4" },
		{ "unknown, may not work", "" }, { "", "" },
	};
	char out[32];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		hdb_quant_name(cases[i][0], out, sizeof(out));
		CHECK_STR(out, cases[i][1]);
	}
}

/* b1275: backend bools, f16_kv, no n_ubatch, no n_depth, no flash_attn. */
static void oldest_schema(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse("[\n  {\n    \"build_commit\": \"3469684\",\n"
			"    \"build_number\": 1275,\n    \"cuda\": true,\n"
			"    \"opencl\": false,\n    \"metal\": false,\n"
			"    \"gpu_blas\": true,\n    \"blas\": true,\n"
			"    \"cpu_info\": \"13th Gen Intel(R) Core(TM) i9-13900K\",\n"
			"    \"gpu_info\": \"NVIDIA GeForce RTX 3090 Ti\",\n"
			"    \"model_filename\": \"models/7B/ggml-model-q4_0.gguf\",\n"
			"    \"model_type\": \"llama 7B mostly Q4_0\",\n"
			"    \"n_batch\": 512,\n    \"f16_kv\": true,\n"
			"    \"n_prompt\": 512,\n    \"n_gen\": 0,\n"
			"    \"avg_ts\": 2410.974041,\n    \"stddev_ts\": 11.163766,\n"
			"    \"samples_ns\": [ 213837238, 211635853 ],\n"
			"    \"samples_ts\": [ 2394.34, 2419.25 ]\n  }\n]\n",
			&rs, &in), 0);
	CHECK_INT(rs.n, 1);
	CHECK_STR(rs.r[0].backend, "CUDA");
	CHECK_STR(rs.r[0].model, "llama 7B");
	CHECK_STR(rs.r[0].quant, "Q4_0");
	CHECK_STR(rs.r[0].model_file, "ggml-model-q4_0.gguf");
	CHECK_STR(rs.r[0].type_k, "f16");
	CHECK_STR(rs.r[0].type_v, "f16");
	CHECK_STR(rs.r[0].test, "pp512");
	CHECK_INT(rs.r[0].n_depth, 0);
	CHECK_INT(rs.r[0].n_ubatch, HDB_UNSET);
	CHECK_INT(rs.r[0].flash_attn, HDB_UNSET);
	CHECK_INT(rs.r[0].n_samples, 2);
	CHECK_NEAR(rs.r[0].ts0, 2394.34, 1e-9);
	CHECK_INT(rs.r[0].line, 2);
	CHECK_INT(in.format, HDB_FORMAT_BENCH_JSON);
}

static void legacy_backend_bools(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	/* kompute printed the vulkan flag; rpc was a string */
	CHECK_INT(parse("{\"cuda\": false, \"vulkan\": true, \"kompute\": true, "
			"\"metal\": false, \"rpc\": \"1\", \"n_prompt\": 0, "
			"\"n_gen\": 128, \"avg_ts\": 1.5, \"cpu_info\": \"x\"}\n"
			"{\"cuda\": true, \"gpu_info\": \"AMD Radeon RX 7900 XTX\", "
			"\"n_prompt\": 0, \"n_gen\": 128, \"avg_ts\": 1.5}\n"
			"{\"cuda\": false, \"blas\": false, \"rpc\": \"0\", "
			"\"n_prompt\": 0, \"n_gen\": 128, \"avg_ts\": 1.5, "
			"\"cpu_info\": \"x\"}\n", &rs, &in), 0);
	CHECK_INT(rs.n, 3);
	CHECK_STR(rs.r[0].backend, "Vulkan,RPC");
	CHECK_STR(rs.r[1].backend, "ROCm");
	CHECK_STR(rs.r[2].backend, "CPU");
	CHECK_INT(in.format, HDB_FORMAT_BENCH_JSONL);
	CHECK(!rs.r[0].samples_known);
}

static void newest_schema(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse("{\"build_commit\": \"a6aa6f545\", \"build_number\": 10273, "
			"\"cpu_info\": \"AMD Eng Sample\", \"gpu_info\": \"AMD Radeon 8060S Graphics\", "
			"\"backends\": \"ROCm\", \"model_filename\": \"/m/Qwen3.6-35B-A3B-UD-Q4_K_XL.gguf\", "
			"\"model_type\": \"qwen35moe 35B.A3B Q4_K - Medium\", \"n_ubatch\": 2048, "
			"\"type_k\": \"q8_0\", \"type_v\": \"q8_0\", \"flash_attn\": -1, "
			"\"n_prompt\": 2048, \"n_gen\": 0, \"n_depth\": 8192, "
			"\"avg_ts\": 1559.027990, \"stddev_ts\": 2.242975, "
			"\"samples_ns\": [ 1313169884 ],\"samples_ts\": [ 1559.58 ]}\n"
			"{\"backends\": \"CUDA\", \"cpu_info\": \"x\", \"flash_attn\": true, "
			"\"model_type\": \"gpt-oss 20B MXFP4 MoE\", "
			"\"model_filename\": \"C:\\\\models\\\\gpt-oss-20b.gguf\", "
			"\"n_prompt\": 4096, \"n_gen\": 256, \"avg_ts\": 5}\n",
			&rs, &in), 0);
	CHECK_INT(rs.n, 2);
	CHECK_STR(rs.r[0].backend, "ROCm");
	CHECK_STR(rs.r[0].model, "qwen35moe 35B.A3B");
	CHECK_STR(rs.r[0].quant, "Q4_K_M");
	CHECK_STR(rs.r[0].model_file, "Qwen3.6-35B-A3B-UD-Q4_K_XL.gguf");
	CHECK_STR(rs.r[0].commit, "a6aa6f545");
	CHECK_INT(rs.r[0].build_number, 10273);
	CHECK_INT(rs.r[0].flash_attn, -1);
	CHECK_INT(rs.r[0].n_depth, 8192);
	CHECK_STR(rs.r[0].type_k, "q8_0");
	CHECK_STR(rs.r[1].quant, "MXFP4");
	CHECK_STR(rs.r[1].model_file, "gpt-oss-20b.gguf");
	CHECK_STR(rs.r[1].test, "pp4096+tg256");
	CHECK_INT(rs.r[1].flash_attn, 1);
}

static void missing_avg_ts_is_refused_at_the_record(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse("[\n  {\n    \"n_prompt\": 512,\n    \"n_gen\": 0\n  }\n]\n",
			&rs, &in), -1);
	CHECK_STR(hdb_errmsg(), "b.json:2:3: expected a llama-bench test record "
		  "(an object with \"avg_ts\")");
	CHECK_INT(rs.n, 0);
}

static void wrong_type_points_at_the_field(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse("[\n  {\n    \"avg_ts\": 1.0,\n    \"n_gen\": 0,\n"
			"    \"n_prompt\": \"lots\"\n  }\n]\n", &rs, &in), -1);
	CHECK_STR(hdb_errmsg(), "b.json:5:5: expected an integer for \"n_prompt\"");
	CHECK_INT(parse("{\"avg_ts\": \"fast\", \"n_prompt\": 1, \"n_gen\": 0}\n",
			&rs, &in), -1);
	CHECK_STR(hdb_errmsg(), "b.json:1:2: expected a number for \"avg_ts\"");
	CHECK_INT(parse("{\"avg_ts\": 1, \"n_prompt\": 0, \"n_gen\": 0}\n",
			&rs, &in), -1);
	CHECK_HAS(hdb_errmsg(), "b.json:1:15: expected n_prompt or n_gen");
}

static void json_syntax_errors_have_file_positions(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse("[\n  {\n    \"avg_ts\": 1.0,\n    \"n_gen\" 0\n  }\n]\n",
			&rs, &in), -1);
	CHECK_HAS(hdb_errmsg(), "b.json:4:");
	CHECK_HAS(hdb_errmsg(), "':'");
}

static void nan_stddev_is_unknown(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse("{\"avg_ts\": 3.5, \"stddev_ts\": -nan, \"n_prompt\": 0, "
			"\"n_gen\": 1, \"cpu_info\": \"x\"}\n", &rs, &in), 0);
	CHECK(isnan(rs.r[0].stddev_ts));
	CHECK_NEAR(rs.r[0].avg_ts, 3.5, 0);
}

static void host_keys_ignore_what_drifts(void)
{
	char *k1, *l1, *s1, *k2, *l2, *s2;

	/* ROCm and two Vulkan drivers on one Strix Halo, newer builds */
	hdb_host_key("AMD Eng Sample: 100-000001243-50_Y",
		     "AMD Radeon 8060S Graphics", &k1, &l1, &s1);
	hdb_host_key("AMD Eng Sample: 100-000001243-50_Y ",
		     "Radeon 8060S Graphics (RADV GFX1151)", &k2, &l2, &s2);
	CHECK_STR(k1, k2);
	CHECK_STR(l1, l2);
	CHECK_STR(s1, s2);
	free(k2);
	free(l2);
	free(s2);
	/* the CPU's own iGPU, listed since b6451, and device order */
	hdb_host_key("AMD Ryzen 9 7950X 16-Core Processor",
		     "AMD Radeon RX 7900 XTX, AMD Ryzen 9 7950X 16-Core Processor (RADV RAPHAEL_MENDOCINO)",
		     &k2, &l2, &s2);
	CHECK_STR(k2, "cpu=Ryzen 9 7950X 16-Core Processor;gpu=Radeon RX 7900 XTX");
	free(k1);
	free(l1);
	free(s1);
	/* '/' separated before b3990 */
	hdb_host_key("AMD Ryzen 9 7950X 16-Core Processor", "AMD Radeon RX 7900 XTX",
		     &k1, &l1, &s1);
	CHECK_STR(k1, k2);
	CHECK_STR(l1, l2);
	free(k1);
	free(l1);
	free(s1);
	free(k2);
	free(l2);
	free(s2);
	hdb_host_key("Xeon", "NVIDIA A30/NVIDIA A30", &k1, &l1, &s1);
	CHECK_STR(k1, "cpu=Xeon;gpu=A30+A30");
	free(k1);
	free(l1);
	free(s1);
	hdb_host_key("Xeon", "NVIDIA A30, NVIDIA L4", &k1, &l1, &s1);
	hdb_host_key("Xeon", "NVIDIA L4, NVIDIA A30", &k2, &l2, &s2);
	CHECK_STR(k1, k2);
	CHECK_STR(l1, l2);
	free(k1);
	free(l1);
	free(s1);
	free(k2);
	free(l2);
	free(s2);
	hdb_host_key(NULL, "", &k1, &l1, &s1);
	CHECK(k1 == NULL && l1 == NULL && s1 == NULL);
}

/*
 * The labels of every cpu_info and gpu_info the fixtures and the format
 * samples hold (../shared/formats, tests/fixtures), and of the machines
 * the rules were written for.
 */
static void host_labels_are_the_models_in_short(void)
{
	static const struct {
		const char *cpu, *gpu, *label;
	} cases[] = {
		{ "AMD RYZEN AI MAX+ 395 w/ Radeon 8060S",
		  "Radeon 8060S Graphics (RADV GFX1151)", "ryzen-ai-max-395-8060s" },
		{ "AMD RYZEN AI MAX+ 395 w/ Radeon 8060S",
		  "AMD Radeon 8060S Graphics", "ryzen-ai-max-395-8060s" },
		{ "AMD RYZEN AI MAX+ 395 w/ Radeon 8060S",
		  "AMD Radeon 8060S Graphics (RADV GFX1151)", "ryzen-ai-max-395-8060s" },
		/* ROCm names no model: the GPU adds nothing */
		{ "AMD RYZEN AI MAX+ 395 w/ Radeon 8060S", "AMD Radeon Graphics",
		  "ryzen-ai-max-395" },
		{ "AMD RYZEN AI MAX+ 395 w/ Radeon 8060S", "NVIDIA A30",
		  "ryzen-ai-max-395-a30" },
		{ "Intel(R) Xeon(R) Gold 6338 CPU", "NVIDIA A30", "xeon-6338-a30" },
		{ "AMD EPYC", "", "epyc" },
		{ "AMD EPYC 7302", "NVIDIA A30", "epyc-7302-a30" },
		{ "Intel Xeon Gold 6130", "NVIDIA A30", "xeon-6130-a30" },
		{ "AMD Ryzen 9 7950X 16-Core Processor",
		  "AMD Radeon RX 7900 XTX, AMD Ryzen 9 7950X 16-Core Processor (RADV RAPHAEL_MENDOCINO)",
		  "ryzen-9-7950x-rx-7900-xtx" },
		{ "AMD Ryzen 7 7800X3D 8-Core Processor", "NVIDIA GeForce RTX 4080",
		  "ryzen-7-7800x3d-rtx-4080" },
		{ "13th Gen Intel(R) Core(TM) i9-13900K", "NVIDIA GeForce RTX 3090 Ti",
		  "i9-13900k-rtx-3090-ti" },
		{ "Intel(R) Xeon(R) CPU E5-2690 v3 @ 2.60GHz", "", "xeon-e5-2690-v3" },
		/* an engineering sample says no model: its part number, cut */
		{ "AMD Eng Sample: 100-000001243-50_Y", "AMD Radeon Graphics",
		  "eng-sample-100-000001243" },
		{ "AMD Eng Sample: 100-000001243-50_Y", "Radeon 8060S Graphics",
		  "eng-sample-100-000001243-8060s" },
		{ "AMD Eng Sample: 100-000001243-50_Y ",
		  "Radeon 8060S Graphics (RADV GFX1151)",
		  "eng-sample-100-000001243-8060s" },
		/* Metal lists the chip as its GPU */
		{ "Apple M2 Ultra", "Apple M2 Ultra", "m2-ultra" },
		{ "Xeon", "NVIDIA A30/NVIDIA A30", "xeon-2x-a30" },
		{ "Xeon", "NVIDIA L4, NVIDIA A30, NVIDIA A30", "xeon-2x-a30-l4" },
		{ "Intel(R) Core(TM) i7 CPU 920 @ 2.67GHz", "", "i7-920" },
		{ "AMD Ryzen 7 5800H with Radeon Graphics", "", "ryzen-7-5800h" },
		{ "Intel(R) Core(TM) Ultra 9 185H", "Intel(R) Arc(TM) Graphics",
		  "core-ultra-9-185h-arc" },
		{ "AMD Ryzen 9 5950X", "AMD Radeon VII", "ryzen-9-5950x-radeon-vii" },
		{ "", "NVIDIA GeForce RTX 4090", "rtx-4090" },
		{ "AMD", "AMD Radeon Graphics", "host" },
		/* what a hostile file may say: alphanumerics only, capped */
		{ "<b>cpu</b> | `c` [c](javascript:alert(2)) \033]0;pwned\007",
		  "<img src=x onerror=alert(3)>|gpu|", "b-cpu-b-c-c-0-pwned-img-src-x-onerror-alert" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *k, *l, *s;

		hdb_host_key(cases[i].cpu, cases[i].gpu, &k, &l, &s);
		CHECK_STR(l, cases[i].label);
		/* the suffixed label is the label and four hex digits */
		CHECK(s && l && strlen(s) == strlen(l) + 5 &&
		      !strncmp(s, l, strlen(l)) && s[strlen(l)] == '-');
		free(k);
		free(l);
		free(s);
	}
}

/* Two machines that come out the same in short differ in the suffix. */
static void host_labels_collide_only_in_short(void)
{
	char *k1, *l1, *s1, *k2, *l2, *s2;

	hdb_host_key("AMD Eng Sample: 100-000001243-50_Y", "AMD Radeon Graphics",
		     &k1, &l1, &s1);
	hdb_host_key("AMD Eng Sample: 100-000001243-50_Y", "", &k2, &l2, &s2);
	CHECK(strcmp(k1, k2) != 0);
	CHECK_STR(l1, l2);
	CHECK(strcmp(s1, s2) != 0);
	free(k1);
	free(l1);
	free(s1);
	free(k2);
	free(l2);
	free(s2);
}

static enum hdb_format sniff(const char *text)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	enum hdb_format fmt = hdb_sniff(f);

	CHECK_INT(ftell(f), 0);
	fclose(f);
	return fmt;
}

static void formats_are_known_by_content(void)
{
	CHECK_INT(sniff("[\n  {\n"), HDB_FORMAT_BENCH_JSON);
	CHECK_INT(sniff("[\n  {\n    \"build_commit\": \"x\",\n    \"avg_ts\": 1, \"n_prompt\": 0\n"), HDB_FORMAT_BENCH_JSON);
	CHECK_INT(sniff("ggml_cuda_init: x\n[\n"), HDB_FORMAT_BENCH_JSON);
	CHECK_INT(sniff("{\"build_commit\": \"x\"}\n"), HDB_FORMAT_BENCH_JSONL);
	CHECK_INT(sniff("{\"content\": \"hi\", \"timings\": {}}\n"), HDB_FORMAT_SERVER_JSON);
	CHECK_INT(sniff("{\"content\": \"hi\"}\n"), HDB_FORMAT_UNKNOWN);
	CHECK_INT(sniff("ggml_vulkan: x\n| model | size | test | t/s |\n"), HDB_FORMAT_BENCH_MD);
	CHECK_INT(sniff("| llama 7B Q4_0 | 3.56 GiB | pp512 | 1.00 \xc2\xb1 0.01 |\n"), HDB_FORMAT_BENCH_MD);
	CHECK_INT(sniff("| model | size |\n"), HDB_FORMAT_UNKNOWN);
	CHECK_INT(sniff("noise\nbuild_commit,build_number\n"), HDB_FORMAT_BENCH_CSV);
	CHECK_INT(sniff("CREATE TABLE IF NOT EXISTS llama_bench (\n"), HDB_FORMAT_BENCH_SQL);
	CHECK_INT(sniff("0.19.454.579 I slot print_timing: id  0 | task 0 | x\n"), HDB_FORMAT_LLAMA_LOG);
	CHECK_INT(sniff("{\"function\":\"print_timings\",\"msg\":\"x\"}\n"), HDB_FORMAT_LLAMA_LOG);
	CHECK_INT(sniff("ggml_cuda_init: found 1 ROCm devices:\nHW Exception by GPU node-1 reason :GPU Hang\n"), HDB_FORMAT_BENCH_MD);
	CHECK_INT(sniff("[INFO] starting\n"), HDB_FORMAT_UNKNOWN);
	CHECK_INT(sniff("hello\n"), HDB_FORMAT_UNKNOWN);
	CHECK_INT(sniff(""), HDB_FORMAT_UNKNOWN);
}

int main(void)
{
	RUN(quant_names);
	RUN(oldest_schema);
	RUN(legacy_backend_bools);
	RUN(newest_schema);
	RUN(missing_avg_ts_is_refused_at_the_record);
	RUN(wrong_type_points_at_the_field);
	RUN(json_syntax_errors_have_file_positions);
	RUN(nan_stddev_is_unknown);
	RUN(host_keys_ignore_what_drifts);
	RUN(host_labels_are_the_models_in_short);
	RUN(host_labels_collide_only_in_short);
	RUN(formats_are_known_by_content);
	return t_done();
}
