/* Unit tests: ingest/benchmd.c (llama-bench markdown with whatever was
 * captured around it), on small texts and on every real sample. */
#include "harness.h"
#include "../../ingest/parsers.h"
#include "../../util.h"

#include <glob.h>

#define MAX_RECS 64
#define MAX_WARNS 8

/* A record, copied out of the callback. */
struct rec {
	char model[64], model_type[64], backend[32], quant[16], test[32];
	char type_k[16], type_v[16], commit[16], status[16];
	char error[256], model_file[128], raw[256];
	long long build_number, flash_attn, n_gpu_layers, n_threads, n_batch;
	long long n_ubatch, n_prompt, n_gen, n_depth;
	double avg_ts, stddev_ts;
	int precision;
	long line;
};

/* Everything one parse handed over. */
struct out {
	int n, n_ok, n_oom, n_crashed, n_failed;
	struct rec r[MAX_RECS];
	int n_warn;
	char warn[MAX_WARNS][256];
	struct hdb_parse_info info;
};

static int keep(void *ctx, const struct hdb_bench_record *in)
{
	struct out *o = ctx;
	struct rec *r = &o->r[o->n < MAX_RECS ? o->n : MAX_RECS - 1];

	o->n++;
	if (!strcmp(in->status, "ok"))
		o->n_ok++;
	else if (!strcmp(in->status, "oom"))
		o->n_oom++;
	else if (!strcmp(in->status, "crashed"))
		o->n_crashed++;
	else if (!strcmp(in->status, "failed"))
		o->n_failed++;
	t_copy(r->model, sizeof(r->model), in->model);
	t_copy(r->model_type, sizeof(r->model_type), in->model_type);
	t_copy(r->backend, sizeof(r->backend), in->backend);
	t_copy(r->quant, sizeof(r->quant), in->quant);
	t_copy(r->test, sizeof(r->test), in->test);
	t_copy(r->type_k, sizeof(r->type_k), in->type_k);
	t_copy(r->type_v, sizeof(r->type_v), in->type_v);
	t_copy(r->commit, sizeof(r->commit), in->build_commit);
	t_copy(r->status, sizeof(r->status), in->status);
	t_copy(r->error, sizeof(r->error), in->error);
	t_copy(r->model_file, sizeof(r->model_file), in->model_file);
	t_copy(r->raw, sizeof(r->raw), in->raw);
	r->build_number = in->build_number;
	r->flash_attn = in->flash_attn;
	r->n_gpu_layers = in->n_gpu_layers;
	r->n_threads = in->n_threads;
	r->n_batch = in->n_batch;
	r->n_ubatch = in->n_ubatch;
	r->n_prompt = in->n_prompt;
	r->n_gen = in->n_gen;
	r->n_depth = in->n_depth;
	r->avg_ts = in->avg_ts;
	r->stddev_ts = in->stddev_ts;
	r->precision = in->precision;
	r->line = in->line;
	return 0;
}

static void warned(void *ctx, const char *msg)
{
	struct out *o = ctx;

	if (o->n_warn < MAX_WARNS)
		t_copy(o->warn[o->n_warn], sizeof(o->warn[0]), msg);
	o->n_warn++;
}

static int parse_file(FILE *f, const char *path, struct out *o)
{
	struct hdb_sink sink = { .ctx = o, .bench = keep, .warning = warned };

	memset(o, 0, sizeof(*o));
	return hdb_parse_bench_md(f, path, &sink, &o->info);
}

static int parse(const char *text, struct out *o)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc = parse_file(f, "b.md", o);

	fclose(f);
	return rc;
}

#define HEADER \
	"| model                          |       size |     params | backend    | ngl |            test |                  t/s |\n" \
	"| ------------------------------ | ---------: | ---------: | ---------- | --: | --------------: | -------------------: |\n"

static void a_default_table_with_its_footer_gives_ok_rows_with_the_build(void)
{
	struct out o;

	CHECK_INT(parse(HEADER
			"| qwen2 7B Q4_K - Medium         |   4.36 GiB |     7.62 B | CUDA       |  99 |           pp512 |      6425.91 \xc2\xb1 18.88 |\n"
			"| qwen2 7B Q4_K - Medium         |   4.36 GiB |     7.62 B | CUDA       |  99 |           tg128 |        149.50 \xc2\xb1 0.25 |\n"
			"\n"
			"build: 8cf427ff (5163)\n", &o), 0);
	CHECK_INT(o.n, 2);
	CHECK_INT(o.info.records, 2);
	CHECK_INT(o.info.format, HDB_FORMAT_BENCH_MD);
	CHECK_INT(o.n_warn, 0);
	CHECK_INT(o.info.truncated, 0);
	CHECK_INT(o.info.noise_lines, 0);
	CHECK_STR(o.info.era, "b2843+");
	CHECK_STR(o.r[0].status, "ok");
	CHECK_STR(o.r[0].model, "qwen2 7B");
	CHECK_STR(o.r[0].model_type, "qwen2 7B Q4_K - Medium");
	CHECK_STR(o.r[0].quant, "Q4_K_M");
	CHECK_STR(o.r[0].backend, "CUDA");
	CHECK_INT(o.r[0].n_gpu_layers, 99);
	CHECK_INT(o.r[0].n_threads, HDB_UNSET);
	CHECK_INT(o.r[0].n_batch, HDB_UNSET);
	CHECK_INT(o.r[0].n_ubatch, HDB_UNSET);
	CHECK_INT(o.r[0].flash_attn, HDB_UNSET);
	CHECK_STR(o.r[0].test, "pp512");
	CHECK_INT(o.r[0].n_prompt, 512);
	CHECK_INT(o.r[0].n_gen, 0);
	CHECK_INT(o.r[0].n_depth, 0);
	CHECK_NEAR(o.r[0].avg_ts, 6425.91, 1e-9);
	CHECK_NEAR(o.r[0].stddev_ts, 18.88, 1e-9);
	CHECK_INT(o.r[0].precision, 2);
	CHECK_STR(o.r[0].commit, "8cf427ff");
	CHECK_INT(o.r[0].build_number, 5163);
	CHECK_INT(o.r[0].line, 3);
	CHECK_HAS(o.r[0].raw, "| qwen2 7B Q4_K - Medium ");
	CHECK_STR(o.r[1].test, "tg128");
	CHECK_INT(o.r[1].n_gen, 128);
	CHECK_STR(o.r[1].commit, "8cf427ff");
	CHECK_STR(o.r[0].model_file, "(null)");
}

static void legacy_test_names_with_a_space_are_read(void)
{
	struct out o;

	CHECK_INT(parse("| model                          |       size |     params | backend    | ngl | test       |              t/s |\n"
			"| ------------------------------ | ---------: | ---------: | ---------- | --: | ---------- | ---------------: |\n"
			"| llama 8B Q4_K - Medium         |   4.58 GiB |     8.03 B | Metal      |  99 | pp 512     |   994.04 \xc2\xb1 21.80 |\n"
			"| llama 8B Q4_K - Medium         |   4.58 GiB |     8.03 B | Metal      |  99 | tg 8192    |     54.13 \xc2\xb1 0.09 |\n"
			"\nbuild: b3a995b4 (2796)\n", &o), 0);
	CHECK_INT(o.n, 2);
	CHECK_INT(o.r[0].n_prompt, 512);
	CHECK_INT(o.r[0].n_gen, 0);
	CHECK_STR(o.r[1].test, "tg8192");
	CHECK_INT(o.r[1].n_gen, 8192);
	CHECK_STR(o.info.era, "before b2843 (test names 'pp 512')");
}

static void depth_tests_give_n_depth(void)
{
	struct out o;

	CHECK_INT(parse(HEADER
			"| qwen2 7B Q4_K - Medium         |   4.36 GiB |     7.62 B | ROCm       |  99 |   pp512 @ d8192 |      1425.91 \xc2\xb1 8.88 |\n"
			"| qwen2 7B Q4_K - Medium         |   4.36 GiB |     7.62 B | ROCm       |  99 |   tg32 @ d32768 |         16.56 \xc2\xb1 0.01 |\n"
			"\nbuild: 0253fb21f (9187)\n", &o), 0);
	CHECK_INT(o.n, 2);
	CHECK_INT(o.r[0].n_prompt, 512);
	CHECK_INT(o.r[0].n_depth, 8192);
	CHECK_INT(o.r[1].n_gen, 32);
	CHECK_INT(o.r[1].n_depth, 32768);
	CHECK_STR(o.r[1].commit, "0253fb21f");
	CHECK_STR(o.info.era, "b5221+ (depth tests)");
}

static void pp_plus_tg_is_one_test_with_both_counts(void)
{
	struct out o;

	CHECK_INT(parse(HEADER
			"| llama 7B Q4_0                  |   3.56 GiB |     6.74 B | CUDA       |  99 |     pp512+tg128 |        563.10 +- 1.25 |\n"
			"| llama 7B Q4_0                  |   3.56 GiB |     6.74 B | CUDA       |  99 |           tg128 |        120.5 +/- 0.125 |\n"
			"| llama 7B Q4_0                  |   3.56 GiB |     6.74 B | CUDA       |  99 |           pp512 |        4100 |\n"
			"\nbuild: a81a56957 (7361)\n", &o), 0);
	CHECK_INT(o.n, 3);
	CHECK_STR(o.r[0].test, "pp512+tg128");
	CHECK_INT(o.r[0].n_prompt, 512);
	CHECK_INT(o.r[0].n_gen, 128);
	CHECK_NEAR(o.r[0].stddev_ts, 1.25, 1e-9);
	CHECK_NEAR(o.r[1].avg_ts, 120.5, 1e-9);
	CHECK_NEAR(o.r[1].stddev_ts, 0.125, 1e-9);
	CHECK_INT(o.r[1].precision, 1);
	/* a bare mean: the sd is unknown */
	CHECK_NEAR(o.r[2].avg_ts, 4100, 1e-9);
	CHECK(isnan(o.r[2].stddev_ts));
}

static void kv_type_and_fa_columns_are_mapped_and_f16_is_the_default(void)
{
	struct out o;

	CHECK_INT(parse("| model                          |       size |     params | backend    | threads | n_batch | n_ubatch | type_k | type_v |  fa |            test |                  t/s |\n"
			"| ------------------------------ | ---------: | ---------: | ---------- | ------: | ------: | -------: | -----: | -----: | --: | --------------: | -------------------: |\n"
			"| qwen3moe ?B Q4_K - Medium      | 410.83 MiB |   701.39 M | CPU        |       2 |    1024 |      256 |   q8_0 |   q4_0 |   1 |           pp512 |        551.95 \xc2\xb1 3.42 |\n"
			"\nbuild: d32676d (9749)\n"
			"| model                          |       size |     params | backend    | threads |  fa |            test |                  t/s |\n"
			"| ------------------------------ | ---------: | ---------: | ---------- | ------: | --: | --------------: | -------------------: |\n"
			"| qwen3moe ?B Q4_K - Medium      | 410.83 MiB |   701.39 M | CPU        |       2 | off |           tg128 |        261.91 \xc2\xb1 3.32 |\n"
			"| qwen3moe ?B Q4_K - Medium      | 410.83 MiB |   701.39 M | CPU        |       2 | auto |           tg128 |        261.91 \xc2\xb1 3.32 |\n"
			"\nbuild: d32676d (9749)\n", &o), 0);
	CHECK_INT(o.n, 3);
	CHECK_STR(o.r[0].type_k, "q8_0");
	CHECK_STR(o.r[0].type_v, "q4_0");
	CHECK_INT(o.r[0].flash_attn, 1);
	CHECK_INT(o.r[0].n_threads, 2);
	CHECK_INT(o.r[0].n_batch, 1024);
	CHECK_INT(o.r[0].n_ubatch, 256);
	CHECK_INT(o.r[0].n_gpu_layers, HDB_UNSET);
	CHECK_STR(o.r[0].model, "qwen3moe ?B");
	CHECK_STR(o.r[1].type_k, "f16");
	CHECK_STR(o.r[1].type_v, "f16");
	CHECK_INT(o.r[1].flash_attn, 0);
	CHECK_INT(o.r[1].n_batch, HDB_UNSET);
	CHECK_INT(o.r[2].flash_attn, -1);
	/* each is shown on its own: -ctk q8_0 alone leaves V at f16 */
	CHECK_INT(parse("| model | backend | threads | type_k | test | t/s |\n"
			"| --- | --- | --: | --: | --: | --: |\n"
			"| llama 7B Q4_0 | CPU | 8 | q8_0 | tg128 | 12.00 \xc2\xb1 0.50 |\n"
			"\nbuild: d32676d (9749)\n", &o), 0);
	CHECK_STR(o.r[0].type_k, "q8_0");
	CHECK_STR(o.r[0].type_v, "f16");
}

static void a_row_wider_than_its_header_is_split_on_pipes(void)
{
	struct out o;

	CHECK_INT(parse("| model                          |       size |     params | backend    | ngl | n_ubatch | fa | mmap |            test |                  t/s |\n"
			"| ------------------------------ | ---------: | ---------: | ---------- | --: | -------: | -: | ---: | --------------: | -------------------: |\n"
			"| glm4moe 355B.A32B Q4_K - Medium | 189.69 GiB |   356.79 B | ROCm,RPC   |  99 |     2048 |  1 |    0 | pp2048 @ d32768 |         17.88 \xc2\xb1 0.00 |\n"
			"| glm4moe 355B.A32B Q4_K - Medium | 189.69 GiB |   356.79 B | ROCm,RPC   |  99 |     2048 |  1 |    0 |   tg32 @ d32768 |     123456.78 \xc2\xb1 10.00 |\n"
			"\nbuild: 2656c0d26 (7693)\n", &o), 0);
	CHECK_INT(o.n, 2);
	CHECK_STR(o.r[0].model_type, "glm4moe 355B.A32B Q4_K - Medium");
	CHECK_STR(o.r[0].backend, "ROCm,RPC");
	CHECK_INT(o.r[0].n_ubatch, 2048);
	CHECK_INT(o.r[0].n_depth, 32768);
	CHECK_NEAR(o.r[1].avg_ts, 123456.78, 1e-6);
}

static void a_hand_narrowed_docs_table_is_read(void)
{
	struct out o;

	CHECK_INT(parse("ggml-hex: allocating new session: HTP0\n"
			"| model          |       size | params | backend    | ngl | threads | n_batch | mmap |  test |           t/s |\n"
			"| ---------------| ---------: | -----: | ---------- | --: | ------: | ------: | ---: | ----: | ------------: |\n"
			"| llama 1B Q4_0  | 729.75 MiB | 1.24 B | HTP        |  99 |       4 |     128 |    0 | pp128 | 169.42 \xc2\xb1 1.75 |\n"
			"| llama 1B Q4_0  | 729.75 MiB | 1.24 B | HTP        |  99 |       4 |     128 |    0 |  tg64 |  51.54 \xc2\xb1 1.13 |\n"
			"\nbuild: 6a8cf8914 (6733)\n", &o), 0);
	CHECK_INT(o.n, 2);
	CHECK_STR(o.r[0].backend, "HTP");
	CHECK_INT(o.r[0].n_threads, 4);
	CHECK_INT(o.r[0].n_batch, 128);
	CHECK_INT(o.r[1].n_gen, 64);
	CHECK_INT(o.info.noise_lines, 1);
	CHECK_INT(o.info.first_noise_line, 1);
	CHECK_STR(o.info.first_noise, "ggml-hex: allocating new session: HTP0");
}

static void two_tables_take_the_build_of_their_own_footers(void)
{
	struct out o;

	CHECK_INT(parse("### llama.cpp bench\n"
			HEADER
			"| llama 8B Q4_K - Medium         |   4.58 GiB |     8.03 B | CPU        |  52 |           pp512 |        228.18 \xc2\xb1 0.03 |\n"
			"\nbuild: e3a9421b (5389)\n\n\n### ik_llama bench\n"
			"ggml_cuda_init: failed to initialize CUDA: no CUDA-capable device is detected\n"
			HEADER
			"| llama 8B Q4_K - Medium         |   4.58 GiB |     8.03 B | CUDA       |   0 |           pp512 |        348.00 \xc2\xb1 0.43 |\n"
			"| llama 8B Q4_K - Medium         |   4.58 GiB |     8.03 B | CUDA       |   0 |           tg128 |         42.48 \xc2\xb1 0.03 |\n"
			"\nbuild: 2ec2229f (3702)\n", &o), 0);
	CHECK_INT(o.n, 3);
	CHECK_INT(o.n_ok, 3);
	CHECK_STR(o.r[0].commit, "e3a9421b");
	CHECK_INT(o.r[0].build_number, 5389);
	CHECK_STR(o.r[1].commit, "2ec2229f");
	CHECK_INT(o.r[1].build_number, 3702);
	CHECK_STR(o.r[2].commit, "2ec2229f");
	CHECK_INT(o.r[1].n_gpu_layers, 0);
	CHECK_INT(o.info.noise_lines, 3);
}

static void a_foreign_table_is_skipped_with_one_warning(void)
{
	struct out o;

	CHECK_INT(parse("- `llama-batched-bench`\n\n"
			"|    PP |     TG |    B |   N_KV |   T_PP s | S_PP t/s |   T_TG s | S_TG t/s |      T s |    S t/s |\n"
			"|-------|--------|------|--------|----------|----------|----------|----------|----------|----------|\n"
			"|   512 |     32 |    1 |    544 |    0.270 |  1895.57 |    0.399 |    80.13 |    0.669 |   812.60 |\n"
			"|   512 |     32 |    2 |   1088 |    0.230 |  4451.23 |    0.583 |   109.71 |    0.813 |  1337.56 |\n"
			"\n- `llama-bench`\n\n"
			HEADER
			"| gpt-oss 20B MXFP4 MoE          |  11.27 GiB |    20.91 B | CUDA       |  99 |          pp2048 |      4505.82 \xc2\xb1 12.90 |\n"
			"\nbuild: 11fb327bf (7941)\n", &o), 0);
	CHECK_INT(o.n, 1);
	CHECK_STR(o.r[0].quant, "MXFP4");
	CHECK_INT(o.r[0].line, 12);
	CHECK_INT(o.n_warn, 1);
	CHECK_STR(o.warn[0], "b.md:3:1: warning: skipped a table that is not "
		  "llama-bench output (columns 'PP, TG, B, N_KV, ...')");
}

static void headerless_rows_use_the_default_columns(void)
{
	struct out o;

	CHECK_INT(parse("load_tensors: offloaded 62/62 layers to GPU\n"
			"| deepseek2 671B Q2_K - Medium   | 211.03 GiB |   671.03 B | Vulkan,RPC |  99 |           pp512 |         40.20 \xc2\xb1 0.12 |\n"
			"| llama 7B Q4_0                  |   3.56 GiB |     6.74 B | CPU        |  16 |           tg128 |         12.00 \xc2\xb1 0.50 |\n"
			"| llama 7B Q4_0                  |   3.56 GiB |     6.74 B | MTL,BLAS   |  24 |           tg128 |         72.00 \xc2\xb1 0.50 |\n"
			"\nbuild: 9515c613 (6097)\n", &o), 0);
	CHECK_INT(o.n, 3);
	CHECK_STR(o.r[0].backend, "Vulkan,RPC");
	CHECK_INT(o.r[0].n_gpu_layers, 99);
	CHECK_INT(o.r[0].n_threads, HDB_UNSET);
	CHECK_STR(o.r[0].type_k, "f16");
	CHECK_STR(o.r[0].commit, "9515c613");
	CHECK_INT(o.r[1].n_threads, 16);
	CHECK_INT(o.r[1].n_gpu_layers, HDB_UNSET);
	CHECK_INT(o.r[2].n_threads, 24);
	/* results in an unknown column layout cannot be read */
	CHECK_INT(parse("| llama 7B Q4_0 | 3.56 GiB | 6.74 B | CUDA | 99 | 1 | pp512 | 40.20 \xc2\xb1 0.12 |\n",
			&o), -1);
	CHECK_STR(hdb_errmsg(), "b.md:1:1: expected a table header before this row");
}

static void stderr_ansi_and_perf_lines_between_rows_are_noise(void)
{
	struct out o;

	CHECK_INT(parse("\x1b[0mSetting up sudo...    \t\x1b[32m [ OK ]\n"
			"\x1b[0m\n"
			HEADER
			"| llama 7B Q4_0                  |   3.56 GiB |     6.74 B | Vulkan     |  99 |           pp512 |         40.20 \xc2\xb1 0.12 |\r\n"
			"llama_perf_context_print: prompt eval time =       0.00 ms /     1 tokens (    0.00 ms per token,      inf tokens per second)\n"
			"ggml_vulkan: 0 = Radeon 8060S Graphics (RADV GFX1151) (radv) | uma: 1 | fp16: 1\n"
			"\x1b[1m| llama 7B Q4_0                  |   3.56 GiB |     6.74 B | Vulkan     |  99 |           tg128 |          7.98 \xc2\xb1 0.04 |\x1b[0m\n"
			"\nbuild: 9515c613 (6097)\n"
			"\n________________________________________________________\n"
			"Executed in  841.13 secs    fish           external\n", &o), 0);
	CHECK_INT(o.n, 2);
	CHECK_INT(o.n_ok, 2);
	CHECK_STR(o.r[1].test, "tg128");
	CHECK_NEAR(o.r[1].avg_ts, 7.98, 1e-9);
	CHECK_INT(o.r[1].line, 8);
	CHECK_INT(o.info.noise_lines, 5);
	CHECK_INT(o.info.first_noise_line, 1);
	CHECK_STR(o.info.first_noise, "Setting up sudo...    ? [ OK ]");
	CHECK_INT(o.n_warn, 0);
	/* columns count the escape bytes a terminal hides */
	CHECK_INT(parse(HEADER
			"\x1b[1m| llama 7B Q4_0                  |   3.56 GiB |     6.74 B | Vulkan     |  99 |           pp512 |         forty |\n",
			&o), -1);
	CHECK_STR(hdb_errmsg(), "b.md:3:111: expected tokens/s as 'mean \xc2\xb1 sd', "
		  "found 'forty'");
}

static void a_header_then_oom_is_one_oom_record(void)
{
	struct out o;

	CHECK_INT(parse("ggml_vulkan: Found 1 Vulkan devices:\n"
			HEADER
			"ggml_vulkan: Device memory allocation of size 2491416576 failed.\n"
			"ggml_vulkan: Requested buffer size exceeds device memory allocation limit: ErrorOutOfDeviceMemory\n"
			"main: error: failed to load model '/home/k/models/Kimi-Dev-72B-UD-Q8_K_XL-00001-of-00002.gguf'\n"
			"\xe2\x9c\x96 ! [vulkan_amdvlk] Kimi-Dev-72B failed (exit 1)\n", &o), 0);
	CHECK_INT(o.n, 1);
	CHECK_INT(o.info.records, 1);
	CHECK_STR(o.r[0].status, "oom");
	CHECK_STR(o.r[0].error, "ggml_vulkan: Device memory allocation of size "
		  "2491416576 failed.");
	CHECK_STR(o.r[0].raw, o.r[0].error);
	CHECK_INT(o.r[0].line, 4);
	CHECK_STR(o.r[0].model_file, "Kimi-Dev-72B-UD-Q8_K_XL-00001-of-00002.gguf");
	CHECK_STR(o.r[0].test, "(null)");
	CHECK_STR(o.r[0].commit, "(null)");
	CHECK_INT(o.r[0].n_prompt, HDB_UNSET);
	CHECK_INT(o.r[0].n_gen, HDB_UNSET);
	CHECK_INT(o.r[0].n_depth, HDB_UNSET);
	CHECK(isnan(o.r[0].avg_ts));
	CHECK_INT(o.n_warn, 0);
	CHECK_INT(o.info.truncated, 0);
}

static void a_header_with_no_rows_and_no_error_is_a_failed_record(void)
{
	struct out o;

	CHECK_INT(parse("ggml_vulkan: Found 1 Vulkan devices:\n" HEADER, &o), 0);
	CHECK_INT(o.n, 1);
	CHECK_STR(o.r[0].status, "failed");
	CHECK_STR(o.r[0].error, "the table has a header and no rows (the run "
		  "stopped before its first result)");
	CHECK_INT(o.r[0].line, 2);
	CHECK_HAS(o.r[0].raw, "| model ");
}

static void no_table_and_a_device_lost_backtrace_is_one_crashed_record(void)
{
	struct out o;

	CHECK_INT(parse("ggml_vulkan: Found 1 Vulkan devices:\n"
			"/lib64/libggml-base.so.0(ggml_print_backtrace+0x1eb) [0x7f447910883b]\n"
			"/usr/sbin/llama-bench() [0x404f35]\n"
			"terminate called after throwing an instance of 'vk::DeviceLostError'\n"
			"  what():  vk::Queue::submit: ErrorDeviceLost\n"
			"\xe2\x9c\x96 ! [vulkan_amdvlk] GLM-4.7-Flash failed (exit 0)\n", &o), 0);
	CHECK_INT(o.n, 1);
	CHECK_STR(o.r[0].status, "crashed");
	CHECK_STR(o.r[0].error, "terminate called after throwing an instance of "
		  "'vk::DeviceLostError'");
	CHECK_INT(o.r[0].line, 4);
	CHECK_STR(o.r[0].model_file, "(null)");
	CHECK_STR(o.info.era, "");
}

static void rows_then_the_end_without_a_footer_warn_and_have_no_build(void)
{
	struct out o;

	CHECK_INT(parse("ggml_cuda_init: found 1 ROCm devices:\n"
			HEADER
			"| llama 7B Q4_0                  |   3.56 GiB |     6.74 B | ROCm       |  99 |           pp512 |       1040.20 \xc2\xb1 1.12 |\n", &o), 0);
	CHECK_INT(o.n, 1);
	CHECK_STR(o.r[0].status, "ok");
	CHECK_STR(o.r[0].commit, "(null)");
	CHECK_INT(o.r[0].build_number, HDB_UNSET);
	CHECK_INT(o.n_warn, 1);
	CHECK_STR(o.warn[0], "b.md:2:1: warning: no 'build:' line after the table "
		  "that starts here (the run may have been cut off); its build "
		  "is unknown");
	CHECK_INT(o.info.truncated, 1);
	CHECK_INT(o.info.trunc_line, 2);
	CHECK_STR(o.info.trunc_what, "no 'build:' line after the last table");
	/* and when it says why it stopped, that is a record too */
	CHECK_INT(parse(HEADER
			"| llama 7B Q4_0                  |   3.56 GiB |     6.74 B | ROCm       |  99 |           pp512 |       1040.20 \xc2\xb1 1.12 |\n"
			"HW Exception by GPU node-1 (Agent handle: 0x68b7b10) reason :GPU Hang\n", &o), 0);
	CHECK_INT(o.n, 2);
	CHECK_STR(o.r[0].status, "ok");
	CHECK_STR(o.r[1].status, "crashed");
	CHECK_INT(o.r[1].line, 4);
	CHECK_INT(o.n_warn, 1);
}

static void a_second_header_ends_the_run_before_it(void)
{
	struct out o;

	CHECK_INT(parse(HEADER
			"| llama 7B Q4_0                  |   3.56 GiB |     6.74 B | ROCm       |  99 |           pp512 |       1040.20 \xc2\xb1 1.12 |\n"
			"HW Exception by GPU node-1 (Agent handle: 0x68b7b10) reason :GPU Hang\n"
			HEADER
			"| llama 7B Q4_0                  |   3.56 GiB |     6.74 B | ROCm       |  99 |           pp512 |       1041.20 \xc2\xb1 1.12 |\n"
			"\nbuild: 0253fb21f (9187)\n", &o), 0);
	CHECK_INT(o.n, 3);
	CHECK_STR(o.r[0].commit, "(null)");
	CHECK_STR(o.r[1].status, "crashed");
	CHECK_STR(o.r[2].status, "ok");
	CHECK_STR(o.r[2].commit, "0253fb21f");
	CHECK_INT(o.n_warn, 1);
	CHECK_HAS(o.warn[0], "b.md:1:1: warning: no 'build:' line");
	CHECK_INT(o.info.truncated, 1);
}

/* Two runs of a wrapper, 2>&1: each command line goes with the table
 * after it, even when the run before died without its footer. */
static void a_run_that_died_keeps_its_model_and_where_it_stopped(void)
{
	struct out o;

	CHECK_INT(parse("+ llama-bench -m /m/llama-7B-Q4_0.gguf -d 0,8192\n"
			HEADER
			"| llama 7B Q4_0                  |   3.56 GiB |     6.74 B | ROCm       |  99 |           pp512 |       1040.20 \xc2\xb1 1.12 |\n"
			"| llama 7B Q4_0                  |   3.56 GiB |     6.74 B | ROCm       |  99 |           tg128 |         80.20 \xc2\xb1 0.12 |\n"
			"HW Exception by GPU node-1 (Agent handle: 0x68b7b10) reason :GPU Hang\n"
			"+ llama-bench -m /m/llama-7B-Q4_0.gguf -n 0 -d 8192,16384\n"
			HEADER
			"| llama 7B Q4_0                  |   3.56 GiB |     6.74 B | ROCm       |  99 |   pp512 @ d8192 |        640.20 \xc2\xb1 1.12 |\n"
			"HW Exception by GPU node-1 (Agent handle: 0x68b7b10) reason :GPU Hang\n", &o), 0);
	CHECK_INT(o.n, 5);
	CHECK_STR(o.r[2].status, "crashed");
	CHECK_STR(o.r[2].model, "llama 7B");
	CHECK_STR(o.r[2].model_file, "llama-7B-Q4_0.gguf");
	CHECK_STR(o.r[2].quant, "Q4_0");
	CHECK_STR(o.r[2].backend, "ROCm");
	CHECK_INT(o.r[2].n_gpu_layers, 99);
	CHECK_STR(o.r[2].test, "pp512");
	CHECK_INT(o.r[2].n_depth, 8192);
	CHECK_STR(o.r[4].status, "crashed");
	CHECK_STR(o.r[4].test, "pp512");
	CHECK_INT(o.r[4].n_depth, 16384);
	/* without the command line: the model, not the point */
	CHECK_INT(parse(HEADER
			"| llama 7B Q4_0                  |   3.56 GiB |     6.74 B | ROCm       |  99 |           pp512 |       1040.20 \xc2\xb1 1.12 |\n"
			"HW Exception by GPU node-1 (Agent handle: 0x68b7b10) reason :GPU Hang\n", &o), 0);
	CHECK_STR(o.r[1].model, "llama 7B");
	CHECK_STR(o.r[1].model_file, "(null)");
	CHECK_STR(o.r[1].test, "(null)");
	CHECK_INT(o.r[1].n_depth, HDB_UNSET);
}

static void a_bad_test_cell_is_an_error_at_its_column(void)
{
	struct out o;

	CHECK_INT(parse(HEADER
			"| llama 7B Q4_0                  |   3.56 GiB |     6.74 B | ROCm       |  99 |          pp512x |       1040.20 \xc2\xb1 1.12 |\n"
			"\nbuild: 0253fb21f (9187)\n", &o), -1);
	CHECK_STR(hdb_errmsg(), "b.md:3:90: expected a test name such as 'pp512', "
		  "'tg128' or 'pp512 @ d4096', found 'pp512x'");
	CHECK_INT(o.n, 0);
	CHECK_INT(parse(HEADER
			"| llama 7B Q4_0 | 3.56 GiB | 6.74 B | ROCm | 99 | pp512 @ 4096 | 1.00 \xc2\xb1 1.12 |\n", &o), -1);
	CHECK_STR(hdb_errmsg(), "b.md:3:51: expected a test name such as 'pp512', "
		  "'tg128' or 'pp512 @ d4096', found 'pp512 @ 4096'");
}

static void a_bad_tps_cell_is_an_error_at_its_column(void)
{
	struct out o;

	CHECK_INT(parse(HEADER
			"| llama 7B Q4_0                  |   3.56 GiB |     6.74 B | ROCm       |  99 |           pp512 |       1040.20 ~ 1.12 |\n", &o), -1);
	CHECK_STR(hdb_errmsg(), "b.md:3:105: expected tokens/s as 'mean \xc2\xb1 sd', "
		  "found '1040.20 ~ 1.12'");
	CHECK_INT(parse(HEADER "| m | 1 | 2 | CPU | x | tg1 | 1 \xc2\xb1 2 |\n", &o), -1);
	CHECK_STR(hdb_errmsg(), "b.md:3:21: expected an integer in the 'ngl' "
		  "column, found 'x'");
	CHECK_INT(parse(HEADER "| m | 1 | 2 | CPU | 1 | tg1 |\n", &o), -1);
	CHECK_STR(hdb_errmsg(), "b.md:3:1: expected 7 cells as in the table header "
		  "on line 1, found 6");
}

static void a_file_with_neither_table_nor_error_is_refused(void)
{
	struct out o;

	CHECK_INT(parse("", &o), -1);
	CHECK_STR(hdb_errmsg(), "b.md:1:1: expected a llama-bench table (a header "
		  "with 'test' and 't/s' columns) or an error line, found neither");
	CHECK_INT(parse("ggml_vulkan: Found 1 Vulkan devices:\n\n"
			"| a | b |\n|---|---|\n| 1 | 2 |\n", &o), -1);
	CHECK_HAS(hdb_errmsg(), "found neither");
	CHECK_INT(o.n_warn, 1);
	CHECK_INT(o.info.noise_lines, 1);
}

/*
 * Every real llama-bench markdown sample, with the records it must give
 * (counted by reading each file) and the status of the failure record.
 */
static const struct sample {
	const char *file;
	int ok;
	const char *failure;	/* status of the one failure record, or NULL */
	int warnings;
	const char *first_commit;
} samples[] = {
	{ "llama-bench-md-b2796-metal-m2ultra-old-test-names.txt", 10, NULL, 0, "b3a995b4" },
	{ "llama-bench-md-b2824-cuda-8x4090-old-test-names.txt", 8, NULL, 0, "4426e298" },
	{ "llama-bench-md-b5389-cpu-xeon-plus-ik_llama-b3702-mixed.md", 4, NULL, 0, "e3a9421b" },
	{ "llama-bench-md-b6040-vulkan-amdvlk-oom-header-only.log", 0, "oom", 0, "(null)" },
	{ "llama-bench-md-b6040-vulkan-radv-strixhalo-qwen2-70b.log", 2, NULL, 0, "66625a59" },
	{ "llama-bench-md-b6097-vulkan-rpc-unknown-size-model-type.log", 2, NULL, 0, "9515c613" },
	{ "llama-bench-md-b6097-vulkan-rpc-verbose-perf-lines-interleaved.log", 2, NULL, 0, "9515c613" },
	{ "llama-bench-md-b6110-rocm-rpc-hsa-abort-no-table.log", 0, "crashed", 0, "(null)" },
	{ "llama-bench-md-b6733-hexagon-npu-docs-reformatted-narrow-columns.md", 2, NULL, 0, "6a8cf8914" },
	{ "llama-bench-md-b7361-vulkan-rx7900xtx-single-and-dual-gpu.txt", 6, NULL, 0, "a81a56957" },
	{ "llama-bench-md-b7693-rocm-rpc-glm4moe-wide-model-col.log", 2, NULL, 0, "2656c0d26" },
	{ "llama-bench-md-b7941-cuda-dgxspark-depthsweep-with-batched-bench.md", 60, NULL, 6, "11fb327bf" },
	{ "llama-bench-md-b7948-metal-m2ultra-depthsweep-with-batched-bench.md", 60, NULL, 6, "b828e18c7" },
	{ "llama-bench-md-b9187-rocm-strixhalo-d32768.log", 2, NULL, 0, "0253fb21f" },
	{ "llama-bench-md-rocm-gpu-hang-no-table.log", 0, "crashed", 0, "(null)" },
	{ "llama-bench-md-vulkan-devicelost-backtrace-no-table.log", 0, "crashed", 0, "(null)" },
	{ "llama-bench-md-vulkan-rpc-abort-after-header.log", 0, "crashed", 0, "(null)" },
	/* fresh llama-bench b9749 output, in this repository */
	{ "tests/fixtures/b9749/bench-llama-default.md", 2, NULL, 0, "d32676d" },
	{ "tests/fixtures/b9749/bench-moe-q8kv.stderr-md.txt", 4, NULL, 0, "d32676d" },
};

static void check_sample(const struct sample *s, const char *path)
{
	FILE *f = fopen(path, "rb");
	struct out *o;
	int fails;

	if (!f) {
		T_FAIL("cannot open '%s'", path);
		return;
	}
	o = xmalloc(sizeof(*o));
	if (parse_file(f, path, o))
		T_FAIL("%s", hdb_errmsg());
	fclose(f);
	fails = o->n_oom + o->n_crashed + o->n_failed;
	if (o->n_ok != s->ok || fails != (s->failure ? 1 : 0) ||
	    o->n_warn != s->warnings)
		T_FAIL("%s: expected %d ok, %d failure, %d warnings; got %d ok, "
		       "%d failure, %d warnings", s->file, s->ok,
		       s->failure ? 1 : 0, s->warnings, o->n_ok, fails, o->n_warn);
	if (s->failure && o->n && strcmp(o->r[o->n - 1].status, s->failure))
		T_FAIL("%s: expected status '%s', got '%s'", s->file,
		       s->failure, o->r[o->n - 1].status);
	if (o->n && strcmp(o->r[0].commit, s->first_commit))
		T_FAIL("%s: expected build '%s', got '%s'", s->file,
		       s->first_commit, o->r[0].commit);
	if (o->info.records != o->n)
		T_FAIL("%s: info.records %ld, handed over %d", s->file,
		       o->info.records, o->n);
	free(o);
}

static const struct sample *sample_named(const char *file)
{
	size_t i;

	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
		if (!strcmp(samples[i].file, file))
			return &samples[i];
	return NULL;
}

static void every_real_sample_gives_the_records_read_off_it(void)
{
	const char *shared = t_shared();
	char dir[1024], pat[1100], path[1200];
	glob_t g;
	size_t i;

	snprintf(dir, sizeof(dir), "%s/samples/llamacpp", shared);
	if (access(dir, R_OK)) {
		T_SKIP("%s is absent", dir);
		return;
	}
	snprintf(pat, sizeof(pat), "%s/llama-bench-md-*", dir);
	if (glob(pat, 0, NULL, &g)) {
		T_FAIL("no %s", pat);
		return;
	}
	/* a new sample must be read and listed above */
	for (i = 0; i < g.gl_pathc; i++)
		if (!sample_named(hdb_base_name(g.gl_pathv[i])))
			T_FAIL("'%s' is not in the sample table", g.gl_pathv[i]);
	globfree(&g);
	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		if (!strncmp(samples[i].file, "tests/", 6))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, samples[i].file);
		check_sample(&samples[i], path);
	}
}

/* The repository's own fixtures in the table are always there. */
static void every_fixture_sample_gives_the_records_read_off_it(void)
{
	size_t i;

	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
		if (!strncmp(samples[i].file, "tests/", 6))
			check_sample(&samples[i], samples[i].file);
}

int main(void)
{
	RUN(a_default_table_with_its_footer_gives_ok_rows_with_the_build);
	RUN(legacy_test_names_with_a_space_are_read);
	RUN(depth_tests_give_n_depth);
	RUN(pp_plus_tg_is_one_test_with_both_counts);
	RUN(kv_type_and_fa_columns_are_mapped_and_f16_is_the_default);
	RUN(a_row_wider_than_its_header_is_split_on_pipes);
	RUN(a_hand_narrowed_docs_table_is_read);
	RUN(two_tables_take_the_build_of_their_own_footers);
	RUN(a_foreign_table_is_skipped_with_one_warning);
	RUN(headerless_rows_use_the_default_columns);
	RUN(stderr_ansi_and_perf_lines_between_rows_are_noise);
	RUN(a_header_then_oom_is_one_oom_record);
	RUN(a_header_with_no_rows_and_no_error_is_a_failed_record);
	RUN(no_table_and_a_device_lost_backtrace_is_one_crashed_record);
	RUN(rows_then_the_end_without_a_footer_warn_and_have_no_build);
	RUN(a_second_header_ends_the_run_before_it);
	RUN(a_run_that_died_keeps_its_model_and_where_it_stopped);
	RUN(a_bad_test_cell_is_an_error_at_its_column);
	RUN(a_bad_tps_cell_is_an_error_at_its_column);
	RUN(a_file_with_neither_table_nor_error_is_refused);
	RUN(every_real_sample_gives_the_records_read_off_it);
	RUN(every_fixture_sample_gives_the_records_read_off_it);
	return t_done();
}
