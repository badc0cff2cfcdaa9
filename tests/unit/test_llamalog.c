/* Unit tests: ingest/llamalog.c (llama-server, llama-cli and main logs of
 * every era) and ingest/serverjson.c (saved llama-server responses). */
#include "harness.h"
#include "../../ingest/parsers.h"
#include "../../util.h"

#include <errno.h>

/* The records of one parse, copied out of the callback. */
struct rec {
	char tool[16], commit[16], model[64], model_file[128], quant[16];
	char type_k[16], type_v[16], raw[1024];
	long long build_number, n_ctx, n_slots, slot_id, task_id;
	long long cache_n, prompt_n, gen_n;
	double prompt_ms, prompt_tps, gen_ms, gen_tps;
	int precision;
	long line;
};

#define MAX_RECS 8

struct recs {
	int n;
	struct rec r[MAX_RECS];
	int warnings;
	char warning[256];
};

static int keep(void *ctx, const struct hdb_server_record *in)
{
	struct recs *rs = ctx;
	struct rec *r = &rs->r[rs->n < MAX_RECS ? rs->n : MAX_RECS - 1];

	rs->n++;
	t_copy(r->tool, sizeof(r->tool), in->tool);
	t_copy(r->commit, sizeof(r->commit), in->build_commit);
	t_copy(r->model, sizeof(r->model), in->model);
	t_copy(r->model_file, sizeof(r->model_file), in->model_file);
	t_copy(r->quant, sizeof(r->quant), in->quant);
	t_copy(r->type_k, sizeof(r->type_k), in->type_k);
	t_copy(r->type_v, sizeof(r->type_v), in->type_v);
	t_copy(r->raw, sizeof(r->raw), in->raw);
	r->build_number = in->build_number;
	r->n_ctx = in->n_ctx;
	r->n_slots = in->n_slots;
	r->slot_id = in->slot_id;
	r->task_id = in->task_id;
	r->cache_n = in->cache_n;
	r->prompt_n = in->prompt_n;
	r->gen_n = in->gen_n;
	r->prompt_ms = in->prompt_ms;
	r->prompt_tps = in->prompt_tps;
	r->gen_ms = in->gen_ms;
	r->gen_tps = in->gen_tps;
	r->precision = in->precision;
	r->line = in->line;
	return 0;
}

static void warn(void *ctx, const char *msg)
{
	struct recs *rs = ctx;

	if (!rs->warnings++)
		t_copy(rs->warning, sizeof(rs->warning), msg);
}

typedef int (*parse_fn)(FILE *, const char *, const struct hdb_sink *,
			struct hdb_parse_info *);

static int parse_with(parse_fn fn, const char *name, const char *text,
		      struct recs *rs, struct hdb_parse_info *in)
{
	struct hdb_sink sink = { .ctx = rs, .server = keep, .warning = warn };
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc;

	memset(rs, 0, sizeof(*rs));
	rc = fn(f, name, &sink, in);
	fclose(f);
	return rc;
}

static int parse_log(const char *text, struct recs *rs, struct hdb_parse_info *in)
{
	return parse_with(hdb_parse_llama_log, "s.log", text, rs, in);
}

static int parse_json(const char *text, struct recs *rs, struct hdb_parse_info *in)
{
	return parse_with(hdb_parse_server_json, "r.json", text, rs, in);
}

/* ---- server logs, era by era ------------------------------------------ */

/* b5273 llama-server on Windows (the real file's lines, shortened). */
static const char b5273_log[] =
	"build: 5273 (8ae5ebcf) with MSVC 19.43.34808.0 for x64\r\n"
	"system info: n_threads = 8, n_threads_batch = 8, total_threads = 16\r\n"
	"srv    load_model: loading model 'F:\\llm\\Qwen3-30B-A3B-Q5_K_M.gguf'\r\n"
	"llama_model_loader: loaded meta data with 35 key-value pairs and 579 tensors from F:\\llm\\Qwen3-30B-A3B-Q5_K_M.gguf (version GGUF V3 (latest))\r\n"
	"llama_model_loader: - kv   0:                       general.architecture str              = qwen3moe\r\n"
	"print_info: file format = GGUF V3 (latest)\r\n"
	"print_info: file type   = Q5_K - Medium\r\n"
	"print_info: arch             = qwen3moe\r\n"
	"print_info: n_ctx_train      = 40960\r\n"
	"print_info: model type       = 30B.A3B\r\n"
	"llama_context: n_seq_max     = 1\r\n"
	"llama_context: n_ctx         = 4096\r\n"
	"llama_context: n_ctx_per_seq = 4096\r\n"
	"llama_kv_cache_unified: kv_size = 4096, type_k = 'f16', type_v = 'f16', n_layer = 48, can_shift = 1, padding = 32\r\n"
	"llama_kv_cache_unified: KV self size  =  384.00 MiB, K (f16):  192.00 MiB, V (f16):  192.00 MiB\r\n"
	"srv          init: initializing slots, n_slots = 1\r\n"
	"slot         init: id  0 | task -1 | new slot n_ctx_slot = 4096\r\n"
	"slot launch_slot_: id  0 | task 0 | processing task\r\n"
	"slot update_slots: id  0 | task 0 | new prompt, n_ctx_slot = 4096, n_keep = 0, n_prompt_tokens = 20\r\n"
	"slot update_slots: id  0 | task 0 | prompt processing progress, n_past = 20, n_tokens = 20, progress = 1.000000\r\n"
	"slot update_slots: id  0 | task 0 | prompt done, n_past = 20, n_tokens = 20\r\n"
	"slot      release: id  0 | task 0 | stop processing: n_past = 67, truncated = 0\r\n"
	"slot print_timing: id  0 | task 0 |\r\n"
	"prompt eval time =     713.89 ms /    20 tokens (   35.69 ms per token,    28.02 tokens per second)\r\n"
	"       eval time =    3163.91 ms /    48 tokens (   65.91 ms per token,    15.17 tokens per second)\r\n"
	"      total time =    3877.80 ms /    68 tokens\r\n"
	"srv  update_slots: all slots are idle\r\n";

static void slot_block_takes_its_start_up_lines(void)
{
	struct recs rs;
	struct hdb_parse_info in;
	struct rec *r = &rs.r[0];

	CHECK_INT(parse_log(b5273_log, &rs, &in), 0);
	CHECK_INT(rs.n, 1);
	CHECK_STR(r->tool, "llama-server");
	CHECK_INT(r->prompt_n, 20);
	CHECK_NEAR(r->prompt_ms, 713.89, 1e-9);
	CHECK_NEAR(r->prompt_tps, 28.02, 1e-9);
	CHECK_INT(r->gen_n, 48);
	CHECK_NEAR(r->gen_ms, 3163.91, 1e-9);
	CHECK_NEAR(r->gen_tps, 15.17, 1e-9);
	CHECK_INT(r->build_number, 5273);
	CHECK_STR(r->commit, "8ae5ebcf");
	CHECK_STR(r->model, "qwen3moe 30B.A3B");
	CHECK_STR(r->model_file, "Qwen3-30B-A3B-Q5_K_M.gguf");
	CHECK_STR(r->quant, "Q5_K_M");
	CHECK_STR(r->type_k, "f16");
	CHECK_STR(r->type_v, "f16");
	CHECK_INT(r->n_ctx, 4096);
	CHECK_INT(r->n_slots, 1);
	CHECK_INT(r->slot_id, 0);
	CHECK_INT(r->task_id, 0);
	CHECK_INT(r->cache_n, HDB_UNSET);
	CHECK_INT(r->precision, 2);
	CHECK_INT(r->line, 23);
	CHECK_STR(r->raw, "slot print_timing: id  0 | task 0 |\n"
		  "prompt eval time =     713.89 ms /    20 tokens (   35.69 ms "
		  "per token,    28.02 tokens per second)\n"
		  "       eval time =    3163.91 ms /    48 tokens (   65.91 ms "
		  "per token,    15.17 tokens per second)");
	CHECK_INT(in.format, HDB_FORMAT_LLAMA_LOG);
	CHECK_INT(in.records, 1);
	CHECK_INT(in.noise_lines, 0);
	CHECK_STR(in.era, "b4326-b9000 (slot print_timing block)");
	CHECK_INT(rs.warnings, 0);
}

static void every_line_prefixed_blocks_are_keyed_by_slot_and_task(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	/* two slots whose lines interleave; progress and draft lines */
	CHECK_INT(parse_log(
		"0.00.005.052 I srv    load_model: loading model '/srv/models/qwen3moe-Q4_K_M.gguf'\n"
		"0.00.311.676 I srv    load_model: initializing, n_slots = 2, n_ctx_slot = 16384, kv_unified = 'false'\n"
		"0.07.678.402 I slot print_timing: id  0 | task 5 | prompt processing, n_tokens =   2048, progress = 0.57, t =   6.65 s / 308.15 tokens per second\n"
		"0.19.454.579 I slot print_timing: id  0 | task 5 | prompt eval time =   17479.20 ms /  3602 tokens (    4.85 ms per token,   206.07 tokens per second)\n"
		"0.19.454.580 I slot print_timing: id  1 | task 6 | prompt eval time =     500.00 ms /    10 tokens (   50.00 ms per token,    20.00 tokens per second)\n"
		"0.19.454.581 I slot print_timing: id  1 | task 6 | n_decoded =    197, tg =  65.58 t/s, tg_3s =  65.58 t/s\n"
		"0.19.454.633 I slot print_timing: id  0 | task 5 |        eval time =     943.12 ms /    64 tokens (   14.74 ms per token,    67.86 tokens per second)\n"
		"0.19.454.638 I slot print_timing: id  0 | task 5 |       total time =   18422.31 ms /  3666 tokens\n"
		"0.19.454.649 I slot print_timing: id  0 | task 5 |    graphs reused =         63\n"
		"0.19.454.700 I slot print_timing: id  1 | task 6 |        eval time =     250.00 ms /     5 tokens (   50.00 ms per token,    20.00 tokens per second)\n"
		"0.19.454.701 I slot print_timing: id  1 | task 6 | draft acceptance = 0.50000 (  100 accepted /   200 generated), mean len =  1.50\n",
		&rs, &in), 0);
	CHECK_INT(rs.n, 2);
	CHECK_INT(rs.r[0].slot_id, 0);
	CHECK_INT(rs.r[0].task_id, 5);
	CHECK_INT(rs.r[0].prompt_n, 3602);
	CHECK_NEAR(rs.r[0].prompt_tps, 206.07, 1e-9);
	CHECK_INT(rs.r[0].gen_n, 64);
	CHECK_NEAR(rs.r[0].gen_ms, 943.12, 1e-9);
	CHECK_INT(rs.r[0].line, 4);
	CHECK_INT(rs.r[1].slot_id, 1);
	CHECK_INT(rs.r[1].task_id, 6);
	CHECK_INT(rs.r[1].prompt_n, 10);
	CHECK_INT(rs.r[1].gen_n, 5);
	CHECK_INT(rs.r[1].line, 5);
	CHECK_STR(rs.r[1].raw,
		  "0.19.454.580 I slot print_timing: id  1 | task 6 | prompt eval time =     500.00 ms /    10 tokens (   50.00 ms per token,    20.00 tokens per second)\n"
		  "0.19.454.700 I slot print_timing: id  1 | task 6 |        eval time =     250.00 ms /     5 tokens (   50.00 ms per token,    20.00 tokens per second)");
	/* n_ctx is the slots' context together */
	CHECK_INT(rs.r[0].n_ctx, 32768);
	CHECK_INT(rs.r[0].n_slots, 2);
	CHECK_STR(rs.r[0].model_file, "qwen3moe-Q4_K_M.gguf");
	CHECK_STR(rs.r[0].quant, "Q4_K_M");
	CHECK_STR(rs.r[0].model, "(null)");
	CHECK_INT(rs.r[0].build_number, HDB_UNSET);
	CHECK_STR(in.era, "post-b9000 (slot prefix on every line)");
}

static void journald_and_supervisor_prefixes_are_stripped(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse_log(
		"Feb 16 03:40:19 host llama-server[3601]: build_info: b8999-173442644\n"
		"Feb 16 03:40:19 host llama-server[3601]: slot print_timing: id  2 | task 7 | \n"
		"Feb 16 03:40:19 host llama-server[3601]: prompt eval time =     100.00 ms /    10 tokens (   10.00 ms per token,   100.00 tokens per second)\n"
		"Feb 16 03:40:19 host llama-server[3601]:        eval time =     200.00 ms /    20 tokens (   10.00 ms per token,   100.00 tokens per second)\n"
		"[4242] 0.01.515.840 I slot print_timing: id  0 | task 9 | prompt eval time =      10.00 ms /     1 tokens (   10.00 ms per token,   100.00 tokens per second)\n"
		"[4242] 0.01.515.841 I slot print_timing: id  0 | task 9 |        eval time =      20.00 ms /     2 tokens (   10.00 ms per token,   100.00 tokens per second)\n"
		"\x1b[32m0.01.515.842 I slot print_timing: id  0 | task 10 | prompt eval time =      10.00 ms /     1 tokens (   10.00 ms per token,   100.00 tokens per second)\x1b[0m\n"
		"\x1b[32m0.01.515.843 I slot print_timing: id  0 | task 10 |        eval time =      30.00 ms /     3 tokens (   10.00 ms per token,   100.00 tokens per second)\x1b[0m\n",
		&rs, &in), 0);
	CHECK_INT(rs.n, 3);
	CHECK_INT(rs.r[0].build_number, 8999);
	CHECK_STR(rs.r[0].commit, "173442644");
	CHECK_INT(rs.r[0].slot_id, 2);
	CHECK_INT(rs.r[0].task_id, 7);
	CHECK_INT(rs.r[0].prompt_n, 10);
	CHECK_INT(rs.r[0].gen_n, 20);
	CHECK_INT(rs.r[1].task_id, 9);
	CHECK_INT(rs.r[1].gen_n, 2);
	CHECK_INT(rs.r[2].task_id, 10);
	CHECK_INT(rs.r[2].gen_n, 3);
	CHECK_STR(in.era, "b4326-b9000 (slot print_timing block)");
}

/* b3761-b4325: one call printed the block, each line after a '\r'. */
static void carriage_return_era(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse_log(
		"build: 4000 (abcdef12) with cc (GCC) 13.2.0 for x86_64-linux-gnu\n"
		"llama_new_context_with_model: n_ctx      = 8192\n"
		"slot print_timing: id  0 | task 3 | \n"
		"\rprompt eval time =     713.89 ms /    20 tokens (   35.69 ms per token,    28.02 tokens per second)\n"
		"\r       eval time =    3163.91 ms /    48 tokens (   65.91 ms per token,    15.17 tokens per second)\n"
		"\r      total time =    3877.80 ms /    68 tokens\n",
		&rs, &in), 0);
	CHECK_INT(rs.n, 1);
	CHECK_INT(rs.r[0].task_id, 3);
	CHECK_INT(rs.r[0].prompt_n, 20);
	CHECK_INT(rs.r[0].gen_n, 48);
	CHECK_INT(rs.r[0].n_ctx, 8192);
	CHECK_INT(rs.r[0].line, 3);
	CHECK_STR(in.era, "b3761-b4325 (carriage returns)");
}

static void json_log_lines_give_full_precision(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	/* b2500-b3760 (ordered keys), then b2259-b2356 (sorted, old names) */
	CHECK_INT(parse_log(
		"{\"tid\":\"1\",\"timestamp\":1,\"level\":\"INFO\",\"function\":\"main\",\"line\":1,\"msg\":\"build info\",\"build\":2824,\"commit\":\"4426e298\"}\n"
		"{\"tid\":\"1\",\"timestamp\":1,\"level\":\"INFO\",\"function\":\"init\",\"line\":1,\"msg\":\"initializing slots\",\"n_slots\":4}\n"
		"{\"tid\":\"1\",\"timestamp\":1,\"level\":\"INFO\",\"function\":\"print_timings\",\"line\":1,\"msg\":\"prompt eval time     =    1442.30 ms /    18 tokens (   80.13 ms per token,    12.48 tokens per second)\",\"id_slot\":1,\"id_task\":6,\"t_prompt_processing\":1442.297,\"n_prompt_tokens_processed\":18,\"t_token\":80.12761111111111,\"n_tokens_second\":12.480089793433516}\n"
		"{\"tid\":\"1\",\"timestamp\":1,\"level\":\"INFO\",\"function\":\"print_timings\",\"line\":1,\"msg\":\"generation eval time =    2000.00 ms /   100 runs   (   20.00 ms per token,    50.00 tokens per second)\",\"id_slot\":1,\"id_task\":6,\"t_token_generation\":2000.004,\"n_decoded\":100,\"t_token\":20.00004,\"n_tokens_second\":49.9999000002}\n"
		"{\"tid\":\"1\",\"timestamp\":1,\"level\":\"INFO\",\"function\":\"print_timings\",\"line\":1,\"msg\":\"          total time =    3442.30 ms\",\"id_slot\":1,\"id_task\":6,\"t_prompt_processing\":1442.297,\"t_token_generation\":2000.004,\"t_total\":3442.301}\n"
		"{\"function\":\"print_timings\",\"level\":\"INFO\",\"line\":269,\"msg\":\"prompt eval time     =      10.00 ms /     5 tokens (    2.00 ms per token,   500.00 tokens per second)\",\"num_prompt_tokens_processed\":5,\"n_tokens_second\":500.0,\"slot_id\":0,\"t_prompt_processing\":10.0,\"t_token\":2.0,\"task_id\":9,\"tid\":\"1\",\"timestamp\":1}\n"
		"{\"function\":\"print_timings\",\"level\":\"INFO\",\"line\":283,\"msg\":\"generation eval time =      40.00 ms /     4 runs   (   10.00 ms per token,   100.00 tokens per second)\",\"n_decoded\":4,\"n_tokens_second\":100.0,\"slot_id\":0,\"t_token\":10.0,\"t_token_generation\":40.0,\"task_id\":9,\"tid\":\"1\",\"timestamp\":1}\n",
		&rs, &in), 0);
	CHECK_INT(rs.n, 2);
	CHECK_INT(rs.r[0].build_number, 2824);
	CHECK_STR(rs.r[0].commit, "4426e298");
	CHECK_INT(rs.r[0].n_slots, 4);
	CHECK_INT(rs.r[0].slot_id, 1);
	CHECK_INT(rs.r[0].task_id, 6);
	CHECK_INT(rs.r[0].prompt_n, 18);
	CHECK_NEAR(rs.r[0].prompt_ms, 1442.297, 1e-9);
	CHECK_NEAR(rs.r[0].prompt_tps, 12.480089793433516, 1e-12);
	CHECK_INT(rs.r[0].gen_n, 100);
	CHECK_NEAR(rs.r[0].gen_ms, 2000.004, 1e-9);
	CHECK_NEAR(rs.r[0].gen_tps, 49.9999000002, 1e-12);
	CHECK_INT(rs.r[0].precision, 3);
	CHECK_INT(rs.r[0].line, 3);
	CHECK_INT(rs.r[1].slot_id, 0);
	CHECK_INT(rs.r[1].task_id, 9);
	CHECK_INT(rs.r[1].prompt_n, 5);
	CHECK_INT(rs.r[1].gen_n, 4);
	CHECK_STR(in.era, "b2259-b3760 (JSON log lines)");
}

static void text_log_form_and_its_pasted_fragment(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse_log(
		"INFO [                    main] build info | tid=\"136521606795264\" timestamp=1748008001 build=3703 commit=\"a2b5057a\"\n"
		"INFO [                    main] system info | tid=\"1\" timestamp=1 n_threads=16 system_info=\"AVX = 1 | n_decoded=5 | \"\n"
		"llama_model_loader: loaded meta data with 53 key-value pairs and 1147 tensors from /m/DeepSeek-V3-0324-IQ4_K_R4.gguf (version GGUF V3 (latest))\n"
		"llm_load_print_meta: arch             = deepseek2\n"
		"llm_load_print_meta: model type       = 671B\n"
		"llm_load_print_meta: model ftype      = IQ4_K_R4 - 4.5 bpw\n"
		"llama_new_context_with_model: n_ctx      = 32768\n"
		"llama_new_context_with_model: KV self size  = 1166.62 MiB, c^KV (q8_0): 1166.62 MiB, kv^T: not used\n"
		"INFO [                    init] initializing slots | tid=\"1\" timestamp=1 n_slots=1\n"
		"INFO [            update_slots] kv cache rm [p0, end) | tid=\"1\" timestamp=1 id_slot=0 id_task=0 p0=0\n"
		"INFO [           print_timings] prompt eval time     =   25767.00 ms /  2190 tokens (   11.77 ms per token,    84.99 tokens per second) | tid=\"1\" timestamp=1 id_slot=0 id_task=0 t_prompt_processing=25767.002 n_prompt_tokens_processed=2190 t_token=11.765754337899544 n_tokens_second=84.9924255836981\n"
		"INFO [           print_timings] generation eval time =   15701.68 ms /   222 runs   (   70.73 ms per token,    14.14 tokens per second) | tid=\"1\" timestamp=1 id_slot=0 id_task=0 t_token_generation=15701.681 n_decoded=222 t_token=70.7282927927928 n_tokens_second=14.138613566279941\n"
		"INFO [           print_timings]           total time =   41468.68 ms | tid=\"1\" timestamp=1 id_slot=0 id_task=0 t_total=41468.683000000005\n"
		/* the pasted fragment: 'INFO ' lost, then a second request */
		"[           print_timings] prompt eval time     =   34619.60 ms /  2190 tokens (   15.81 ms per token,    63.26 tokens per second) | tid=\"1\" timestamp=1 id_slot=0 id_task=5 t_prompt_processing=34619.603 n_prompt_tokens_processed=2190 t_token=15.80803789954338 n_tokens_second=63.25895764893664\n"
		"INFO [           print_timings] generation eval time =   22553.81 ms /   222 runs   (  101.59 ms per token,     9.84 tokens per second) | tid=\"1\" timestamp=1 id_slot=0 id_task=5 t_token_generation=22553.805 n_decoded=222 t_token=101.59371621621622 n_tokens_second=9.843128465462923\n",
		&rs, &in), 0);
	CHECK_INT(rs.n, 2);
	CHECK_INT(rs.r[0].build_number, 3703);
	CHECK_STR(rs.r[0].commit, "a2b5057a");
	CHECK_STR(rs.r[0].model, "deepseek2 671B");
	CHECK_STR(rs.r[0].model_file, "DeepSeek-V3-0324-IQ4_K_R4.gguf");
	CHECK_STR(rs.r[0].quant, "IQ4_K_R4");
	CHECK_STR(rs.r[0].type_k, "q8_0");
	CHECK_STR(rs.r[0].type_v, "q8_0");
	CHECK_INT(rs.r[0].n_ctx, 32768);
	CHECK_INT(rs.r[0].n_slots, 1);
	CHECK_INT(rs.r[0].prompt_n, 2190);
	CHECK_NEAR(rs.r[0].prompt_ms, 25767.002, 1e-9);
	CHECK_NEAR(rs.r[0].prompt_tps, 84.9924255836981, 1e-12);
	CHECK_INT(rs.r[0].gen_n, 222);
	CHECK_NEAR(rs.r[0].gen_ms, 15701.681, 1e-9);
	CHECK_NEAR(rs.r[0].gen_tps, 14.138613566279941, 1e-12);
	CHECK_INT(rs.r[0].precision, 3);
	CHECK_INT(rs.r[0].line, 11);
	CHECK_INT(rs.r[1].task_id, 5);
	CHECK_NEAR(rs.r[1].prompt_ms, 34619.603, 1e-9);
	CHECK_NEAR(rs.r[1].gen_tps, 9.843128465462923, 1e-12);
	CHECK_STR(in.era, "text log (INFO [ print_timings])");
}

static void oldest_server_print_timings(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse_log(
		"main: build = 1500 (a1b2c3d)\n"
		"\n"
		"print_timings: prompt eval time =      71.08 ms /   258 tokens (    0.28 ms per token,  3629.92 tokens per second)\n"
		"print_timings:        eval time =    2752.64 ms /   320 runs   (    8.60 ms per token,   116.25 tokens per second)\n"
		"print_timings:       total time =    2823.72 ms\n",
		&rs, &in), 0);
	CHECK_INT(rs.n, 1);
	CHECK_STR(rs.r[0].tool, "llama-server");
	CHECK_INT(rs.r[0].build_number, 1500);
	CHECK_INT(rs.r[0].slot_id, HDB_UNSET);
	CHECK_INT(rs.r[0].task_id, HDB_UNSET);
	CHECK_INT(rs.r[0].prompt_n, 258);
	CHECK_INT(rs.r[0].gen_n, 320);
	CHECK_NEAR(rs.r[0].gen_tps, 116.25, 1e-9);
	CHECK_INT(rs.r[0].line, 3);
	CHECK_STR(in.era, "b1413-b2258 (print_timings:)");
}

/* ---- CLI perf blocks ---------------------------------------------------- */

static void cli_perf_blocks_of_three_eras(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse_log(
		"main: build = 2824 (4426e298)\n"
		"llama_model_loader: loaded meta data with 21 key-value pairs and 291 tensors from ./models/8B-v3/ggml-model-Q4_K_M.gguf (version GGUF V3 (latest))\n"
		"llm_load_print_meta: arch             = llama\n"
		"llm_load_print_meta: model type       = 8B\n"
		"llm_load_print_meta: model ftype      = Q4_K - Medium\n"
		"llama_new_context_with_model: n_ctx      = 8192\n"
		"llama_new_context_with_model: KV self size  = 1024.00 MiB, K (f16):  512.00 MiB, V (f16):  512.00 MiB\n"
		"llama_print_timings:        load time =    6626.60 ms\n"
		"llama_print_timings:      sample time =     730.56 ms /   321 runs   (    2.28 ms per token,   439.39 tokens per second)\n"
		"llama_print_timings: prompt eval time =      71.08 ms /   258 tokens (    0.28 ms per token,  3629.92 tokens per second)\n"
		"llama_print_timings:        eval time =    2752.64 ms /   320 runs   (    8.60 ms per token,   116.25 tokens per second)\n"
		"llama_print_timings:       total time =    3930.50 ms /   578 tokens\n"
		"Log end\n"
		"build: 6040 (66625a59) with cc (GCC) 15.1.1 for x86_64-redhat-linux\n"
		"llama_perf_context_print: prompt eval time =    1730.57 ms /   212 tokens (    8.16 ms per token,   122.50 tokens per second)\n"
		"llama_perf_context_print:        eval time =    5624.75 ms /   257 runs   (   21.89 ms per token,    45.69 tokens per second)\n"
		"llama_perf_context_print:    graphs reused =        255\n"
		"common_perf_print:    sampling time =       1.00 ms\n"
		"common_perf_print: prompt eval time =     100.00 ms /    50 tokens (    2.00 ms per token,   500.00 tokens per second)\n"
		"common_perf_print:        eval time =     400.00 ms /    40 runs   (   10.00 ms per token,   100.00 tokens per second)\n"
		"common_perf_print: unaccounted time =       5.00 ms /   1.0 %\n",
		&rs, &in), 0);
	CHECK_INT(rs.n, 3);
	CHECK_STR(rs.r[0].tool, "main");
	CHECK_INT(rs.r[0].build_number, 2824);
	CHECK_STR(rs.r[0].model, "llama 8B");
	CHECK_STR(rs.r[0].model_file, "ggml-model-Q4_K_M.gguf");
	CHECK_STR(rs.r[0].quant, "Q4_K_M");
	CHECK_STR(rs.r[0].type_k, "f16");
	CHECK_INT(rs.r[0].n_ctx, 8192);
	CHECK_INT(rs.r[0].n_slots, HDB_UNSET);
	CHECK_INT(rs.r[0].slot_id, HDB_UNSET);
	CHECK_INT(rs.r[0].prompt_n, 258);
	CHECK_NEAR(rs.r[0].prompt_tps, 3629.92, 1e-9);
	CHECK_INT(rs.r[0].gen_n, 320);
	CHECK_NEAR(rs.r[0].gen_ms, 2752.64, 1e-9);
	CHECK_INT(rs.r[0].line, 10);
	/* a new build line is a new run: the old model is forgotten */
	CHECK_STR(rs.r[1].tool, "llama-cli");
	CHECK_INT(rs.r[1].build_number, 6040);
	CHECK_STR(rs.r[1].model_file, "(null)");
	CHECK_STR(rs.r[1].type_k, "(null)");
	CHECK_INT(rs.r[1].prompt_n, 212);
	CHECK_INT(rs.r[1].gen_n, 257);
	CHECK_STR(rs.r[2].tool, "llama-cli");
	CHECK_INT(rs.r[2].gen_n, 40);
	CHECK_STR(in.era, "before b3750 (llama_print_timings)");
}

static void inf_tokens_per_second_is_nan_and_zero_blocks_are_skipped(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse_log(
		/* llama-bench -v prints meaningless blocks of zeros */
		"llama_perf_context_print:        load time =  760228.15 ms\n"
		"llama_perf_context_print: prompt eval time =       0.00 ms /     1 tokens (    0.00 ms per token,      inf tokens per second)\n"
		"llama_perf_context_print:        eval time =       0.00 ms /   641 runs   (    0.00 ms per token,      inf tokens per second)\n"
		"llama_perf_context_print:       total time =  840390.42 ms /   642 tokens\n"
		"llama_perf_context_print: prompt eval time =      74.99 ms /     2 tokens (   37.49 ms per token,    26.67 tokens per second)\n"
		"llama_perf_context_print:        eval time =       0.00 ms /     1 runs   (    0.00 ms per token,      inf tokens per second)\n"
		"llama_perf_context_print:        eval time =      10.00 ms /     0 runs   (     -nan ms per token,     -nan tokens per second)\n",
		&rs, &in), 0);
	CHECK_INT(rs.n, 2);
	CHECK_INT(rs.r[0].prompt_n, 2);
	CHECK_NEAR(rs.r[0].prompt_tps, 26.67, 1e-9);
	CHECK_INT(rs.r[0].gen_n, 1);
	CHECK_NEAR(rs.r[0].gen_ms, 0, 0);
	CHECK(isnan(rs.r[0].gen_tps));
	CHECK_INT(rs.r[0].line, 5);
	/* an eval line alone is a run whose prompt is unknown */
	CHECK_INT(rs.r[1].prompt_n, HDB_UNSET);
	CHECK(isnan(rs.r[1].prompt_ms));
	CHECK(isnan(rs.r[1].gen_tps));
	CHECK_STR(in.era, "b3750+ (llama_perf_context_print)");
}

static void tokens_per_second_is_computed_when_not_printed(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse_log(
		"slot print_timing: id  0 | task 1 |\n"
		"prompt eval time =     500.0 ms /    10 tokens\n"
		"       eval time =     250.000 ms /     5 tokens\n",
		&rs, &in), 0);
	CHECK_INT(rs.n, 1);
	CHECK_NEAR(rs.r[0].prompt_tps, 20.0, 1e-9);
	CHECK_NEAR(rs.r[0].gen_tps, 20.0, 1e-9);
	CHECK_INT(rs.r[0].precision, 3);
}

/* ---- what is not a result ----------------------------------------------- */

static void progress_lines_are_never_results(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse_log(
		"slot update_slots: id  0 | task 0 | prompt processing progress, n_past = 20, n_tokens = 20, progress = 1.000000\n"
		"slot update_slots: id  0 | task 0 | prompt done, n_past = 20, n_tokens = 20\n"
		"0.07.678.402 I slot print_timing: id  0 | task 0 | prompt processing, n_tokens =   2048, progress = 0.57, t =   6.65 s / 308.15 tokens per second\n"
		"0.39.960.561 I slot print_timing: id  0 | task 66 | n_decoded =    197, tg =  65.58 t/s, tg_3s =  65.58 t/s\n"
		"       eval time =    3163.91 ms /    48 tokens (   65.91 ms per token,    15.17 tokens per second)\n",
		&rs, &in), -1);
	CHECK_INT(rs.n, 0);
	CHECK_STR(hdb_errmsg(), "s.log:1:1: expected llama.cpp timing lines "
		  "(print_timing, llama_print_timings, llama_perf_context_print "
		  "...), found none");
}

static void a_timing_line_that_does_not_parse_is_an_error_at_it(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse_log(
		"build: 5273 (8ae5ebcf) with MSVC 19.43.34808.0 for x64\n"
		"slot print_timing: id  0 | task 0 |\n"
		"prompt eval time =     lots ms /    20 tokens (   35.69 ms per token,    28.02 tokens per second)\n",
		&rs, &in), -1);
	CHECK_STR(hdb_errmsg(), "s.log:3:24: expected '= <ms> ms / <count> "
		  "tokens', found 'lots ms /    20 tokens (   35.69 ms per ...'");
	CHECK_INT(parse_log(
		"0.19.454.579 I slot print_timing: id  0 | task 0 | prompt eval time =   17479.20 ms /  3602 tokens (    4.85 ms per token,   206.07 tokens per second)\n"
		"0.19.454.633 I slot print_timing: id  0 | task 0 |        eval time =     943.12 s\n",
		&rs, &in), -1);
	CHECK_STR(hdb_errmsg(), "s.log:2:82: expected '= <ms> ms / <count> "
		  "tokens', found 's'");
	CHECK_INT(parse_log("llama_perf_context_print: prompt eval time =\n",
			    &rs, &in), -1);
	CHECK_STR(hdb_errmsg(), "s.log:1:45: expected '= <ms> ms / <count> "
		  "tokens', found the end of the line");
	CHECK_INT(parse_log("{\"function\":\"print_timings\",\"msg\":\"prompt eval\n",
			    &rs, &in), -1);
	CHECK_HAS(hdb_errmsg(), "s.log:1:");
	CHECK_HAS(hdb_errmsg(), "expected a JSON log line");
}

static void a_request_cut_off_is_left_out_with_a_warning(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse_log(
		"slot print_timing: id  0 | task 1 | prompt eval time =     500.00 ms /    10 tokens (   50.00 ms per token,    20.00 tokens per second)\n"
		"slot print_timing: id  0 | task 1 |        eval time =     250.00 ms /     5 tokens (   50.00 ms per token,    20.00 tokens per second)\n"
		"slot print_timing: id  0 | task 2 | prompt eval time =     500.00 ms /    10 tokens (   50.00 ms per token,    20.00 tokens per second)\n",
		&rs, &in), 0);
	CHECK_INT(rs.n, 1);
	CHECK_INT(rs.warnings, 1);
	CHECK_STR(rs.warning, "s.log:3:1: warning: the log ends before the "
		  "eval time line of this request; it is left out");
}

/* ---- start-up metadata ---------------------------------------------------- */

static void start_up_lines_apply_to_the_requests_that_follow(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse_log(
		"build: 6040 (66625a59) with cc (GCC) 15.1.1 20250521 (Red Hat 15.1.1-2) for x86_64-redhat-linux\n"
		"llama_model_loader: loaded meta data with 40 key-value pairs and 626 tensors from /home/k/gemma-3-12b-it-UD-Q8_K_XL.gguf (version GGUF V3 (latest))\n"
		"llama_model_loader: - kv  22: tokenizer.ggml.tokens arr[str,1] = [\" K (x)\", ...]\n"
		"print_info: file type   = Q8_0\n"
		"print_info: arch             = gemma3\n"
		"print_info: model type       = 12B\n"
		"llama_context: n_ctx         = 4096\n"
		"llama_context: n_ctx_per_seq = 4096\n"
		"llama_kv_cache: size =  544.00 MiB (  8192 cells,  16 layers,  1/1 seqs), K (q8_0):  272.00 MiB, V (q4_0):  272.00 MiB\n"
		"slot print_timing: id  0 | task 1 | prompt eval time =     500.00 ms /    10 tokens (   50.00 ms per token,    20.00 tokens per second)\n"
		"slot print_timing: id  0 | task 1 |        eval time =     250.00 ms /     5 tokens (   50.00 ms per token,    20.00 tokens per second)\n"
		/* another model: what belonged to the first is forgotten */
		"srv    load_model: loading model 'C:\\models\\Other-7B-IQ4_XS.gguf'\n"
		"slot         init: id  0 | task -1 | new slot n_ctx_slot = 2048\n"
		"slot print_timing: id  0 | task 2 | prompt eval time =     500.00 ms /    10 tokens (   50.00 ms per token,    20.00 tokens per second)\n"
		"slot print_timing: id  0 | task 2 |        eval time =     250.00 ms /     5 tokens (   50.00 ms per token,    20.00 tokens per second)\n",
		&rs, &in), 0);
	CHECK_INT(rs.n, 2);
	CHECK_STR(rs.r[0].model, "gemma3 12B");
	CHECK_STR(rs.r[0].model_file, "gemma-3-12b-it-UD-Q8_K_XL.gguf");
	CHECK_STR(rs.r[0].quant, "Q8_0");	/* the ftype, not the name */
	CHECK_STR(rs.r[0].type_k, "q8_0");
	CHECK_STR(rs.r[0].type_v, "q4_0");
	CHECK_INT(rs.r[0].n_ctx, 4096);
	CHECK_INT(rs.r[0].n_slots, HDB_UNSET);
	CHECK_INT(rs.r[1].build_number, 6040);
	CHECK_STR(rs.r[1].model, "(null)");
	CHECK_STR(rs.r[1].model_file, "Other-7B-IQ4_XS.gguf");
	CHECK_STR(rs.r[1].quant, "IQ4_XS");
	CHECK_STR(rs.r[1].type_k, "(null)");
	CHECK_INT(rs.r[1].n_ctx, 2048);
}

static void llama_bench_footer_names_the_build_the_other_way_round(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse_log(
		"build: 9515c613 (6097)\n"
		"llama_perf_context_print: prompt eval time =       1.00 ms /     1 tokens (    1.00 ms per token,  1000.00 tokens per second)\n"
		"llama_perf_context_print:        eval time =       1.00 ms /     1 runs   (    1.00 ms per token,  1000.00 tokens per second)\n",
		&rs, &in), 0);
	CHECK_INT(rs.n, 1);
	CHECK_INT(rs.r[0].build_number, 6097);
	CHECK_STR(rs.r[0].commit, "9515c613");
}

/* ---- saved server responses ------------------------------------------- */

static void completion_response(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse_json(
		"{\"index\":0,\"content\":\"x\",\"id_slot\":0,\"stop\":true,"
		"\"model\":\"/srv/models/qwen3moe-Q4_K_M.gguf\",\"tokens_predicted\":64,"
		"\"timings\":{\"cache_n\":0,\"prompt_n\":3602,\"prompt_ms\":17479.197,"
		"\"prompt_per_token_ms\":4.8526365907828986,\"prompt_per_second\":206.07353987714654,"
		"\"predicted_n\":64,\"predicted_ms\":943.115,\"predicted_per_token_ms\":14.736171875,"
		"\"predicted_per_second\":67.86022913430493}}\n", &rs, &in), 0);
	CHECK_INT(rs.n, 1);
	CHECK_STR(rs.r[0].tool, "llama-server");
	CHECK_INT(rs.r[0].cache_n, 0);
	CHECK_INT(rs.r[0].prompt_n, 3602);
	CHECK_NEAR(rs.r[0].prompt_ms, 17479.197, 1e-9);
	CHECK_NEAR(rs.r[0].prompt_tps, 206.07353987714654, 1e-12);
	CHECK_INT(rs.r[0].gen_n, 64);
	CHECK_NEAR(rs.r[0].gen_ms, 943.115, 1e-9);
	CHECK_NEAR(rs.r[0].gen_tps, 67.86022913430493, 1e-12);
	CHECK_INT(rs.r[0].slot_id, 0);
	CHECK_INT(rs.r[0].task_id, HDB_UNSET);
	CHECK_STR(rs.r[0].model_file, "qwen3moe-Q4_K_M.gguf");
	CHECK_STR(rs.r[0].quant, "Q4_K_M");
	CHECK_STR(rs.r[0].model, "(null)");
	CHECK_INT(rs.r[0].precision, 3);
	CHECK_INT(rs.r[0].line, 1);
	/* as the server wrote it, not with jansson's 17 digits */
	CHECK_STR(rs.r[0].raw, "{\"cache_n\":0,\"prompt_n\":3602,\"prompt_ms\":17479.197,"
		  "\"prompt_per_token_ms\":4.8526365907828986,\"prompt_per_second\":206.07353987714654,"
		  "\"predicted_n\":64,\"predicted_ms\":943.115,\"predicted_per_token_ms\":14.736171875,"
		  "\"predicted_per_second\":67.86022913430493}");
	CHECK_INT(in.format, HDB_FORMAT_SERVER_JSON);
	CHECK_INT(in.records, 1);
	CHECK_STR(in.era, "with cache_n (b6399+)");
}

static void chat_response_with_an_alias_for_a_model(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse_json(
		"{\n  \"choices\": [{\"message\": {\"content\": \"hi\"}}],\n"
		"  \"model\": \"gpt-3.5-turbo\",\n"
		"  \"system_fingerprint\": \"b9749-d32676d\",\n"
		"  \"timings\": {\"prompt_n\": 35, \"prompt_ms\": 52.23,\n"
		"    \"predicted_n\": 96, \"predicted_ms\": 321.633,\n"
		"    \"predicted_per_second\": null, \"x\": 2.0}\n}\n", &rs, &in), 0);
	CHECK_INT(rs.n, 1);
	CHECK_STR(rs.r[0].model_file, "(null)");
	CHECK_STR(rs.r[0].quant, "(null)");
	CHECK_INT(rs.r[0].build_number, 9749);
	CHECK_STR(rs.r[0].commit, "d32676d");
	CHECK_INT(rs.r[0].cache_n, HDB_UNSET);
	CHECK_INT(rs.r[0].slot_id, HDB_UNSET);
	/* not given (or null): computed from the count and the time */
	CHECK_NEAR(rs.r[0].prompt_tps, 35 * 1000.0 / 52.23, 1e-9);
	CHECK_NEAR(rs.r[0].gen_tps, 96 * 1000.0 / 321.633, 1e-9);
	CHECK_STR(rs.r[0].raw, "{\"prompt_n\":35,\"prompt_ms\":52.23,"
		  "\"predicted_n\":96,\"predicted_ms\":321.633,"
		  "\"predicted_per_second\":null,\"x\":2.0}");
	CHECK_STR(in.era, "b4275+ (timings object)");
}

static void saved_streams_count_their_last_timings(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	/* SSE, timings_per_token: every chunk has the totals so far */
	CHECK_INT(parse_json(
		": keep-alive\n"
		"data: {\"content\":\"a\",\"id_slot\":1,\"timings\":{\"prompt_n\":10,\"prompt_ms\":5.0,\"predicted_n\":1,\"predicted_ms\":2.0}}\n"
		"\n"
		"data: {\"content\":\"b\",\"id_slot\":1,\"timings\":{\"prompt_n\":10,\"prompt_ms\":5.0,\"predicted_n\":2,\"predicted_ms\":4.0}}\r\n"
		"\r\n"
		"data: {\"content\":\"\",\"stop\":true,\"model\":\"m/x-Q8_0.gguf\"}\n"
		"\n"
		"data: [DONE]\n", &rs, &in), 0);
	CHECK_INT(rs.n, 1);
	CHECK_INT(rs.r[0].gen_n, 2);
	CHECK_NEAR(rs.r[0].gen_ms, 4.0, 0);
	CHECK_INT(rs.r[0].slot_id, 1);
	CHECK_STR(rs.r[0].model_file, "x-Q8_0.gguf");
	CHECK_INT(rs.r[0].line, 4);
	/* one JSON object per line */
	CHECK_INT(parse_json(
		"{\"content\":\"a\"}\n"
		"{\"content\":\"\",\"timings\":{\"prompt_n\":3,\"prompt_ms\":1.5,\"predicted_n\":7,\"predicted_ms\":14}}\n",
		&rs, &in), 0);
	CHECK_INT(rs.n, 1);
	CHECK_INT(rs.r[0].gen_n, 7);
	CHECK_NEAR(rs.r[0].gen_tps, 500.0, 1e-9);
	CHECK_INT(rs.r[0].line, 2);
	/* a broken chunk is an error at its line */
	CHECK_INT(parse_json("data: {\"a\":1}\n\ndata: {\"timings\": }\n", &rs, &in), -1);
	CHECK_HAS(hdb_errmsg(), "r.json:3:");
	CHECK_HAS(hdb_errmsg(), ": expected ");
}

static void props_and_other_endpoints_are_refused(void)
{
	struct recs rs;
	struct hdb_parse_info in;

	CHECK_INT(parse_json("{\"default_generation_settings\":{\"n_ctx\":32768},"
			     "\"total_slots\":1,\"model_path\":\"/m/x.gguf\","
			     "\"build_info\":\"b9749-d32676d\"}\n", &rs, &in), -1);
	CHECK_INT(rs.n, 0);
	CHECK_STR(hdb_errmsg(), "r.json:1:1: expected a llama-server response "
		  "with a \"timings\" object (is this /props or another "
		  "endpoint?)");
	CHECK_INT(parse_json("{\n  \"timings\": {\"prompt_n\": 1,\n"
			     "  \"predicted_n\" 2}\n}\n", &rs, &in), -1);
	CHECK_STR(hdb_errmsg(), "r.json:3:17: expected ':', found '2'");
	CHECK_INT(parse_json("{\"timings\": {\"prompt_n\": \"many\"}}", &rs, &in), -1);
	CHECK_STR(hdb_errmsg(), "r.json:1:1: expected a token count for "
		  "\"prompt_n\" in \"timings\"");
}

/* ---- the real files --------------------------------------------------------- */

/*
 * Every real file in ../shared/formats this parser is for, with what a
 * reading of each says it holds.  records -1: the file is refused.
 */
static const struct {
	const char *file;
	int json;		/* a saved response, not a log */
	int records;
	long long prompt_n, gen_n;	/* of the first record */
	double gen_tps;
	const char *model_file, *era;
} real_files[] = {
	{ "samples/llamacpp/llama-server-log-b5273-cpu-windows-qwen3moe-q5km.log",
	  0, 1, 20, 48, 15.17, "Qwen3-30B-A3B-Q5_K_M.gguf",
	  "b4326-b9000 (slot print_timing block)" },
	{ "samples/llamacpp/ik_llama-server-log-b3703-cuda-2x6000ada-deepseek-textlog.log",
	  0, 1, 2190, 222, 14.138613566279941, "DeepSeek-V3-0324-IQ4_K_R4.gguf",
	  "text log (INFO [ print_timings])" },
	{ "samples/llamacpp/ik_llama-server-timings-pasted-fragment-missing-level-prefix.log",
	  0, 1, 2190, 222, 9.843128465462923, "(null)",
	  "text log (INFO [ print_timings])" },
	{ "samples/llamacpp/main-log-b2824-cuda-8x4090-llama_print_timings.log",
	  0, 1, 258, 320, 116.25, "ggml-model-Q4_K_M.gguf",
	  "before b3750 (llama_print_timings)" },
	{ "samples/llamacpp/llama-cli-log-b6040-rocm-strixhalo-gemma3-q8_0-perf-graphs-reused-inf.log",
	  0, 1, 2, 1, NAN, "gemma-3-12b-it-UD-Q8_K_XL.gguf",
	  "b3750+ (llama_perf_context_print)" },
	{ "samples/llamacpp/llama-completion-log-hexagon-2npu-kvq8-perf-elided-docs.log",
	  0, 1, 212, 257, 45.69, "(null)", "b3750+ (llama_perf_context_print)" },
	{ "samples/llamacpp/llama-bench-md-b6097-vulkan-rpc-verbose-perf-lines-interleaved.log",
	  0, -1, 0, 0, 0, NULL, NULL },	/* only llama-bench -v zeros */
	{ "generated/cpu-b9749/server-qwen3moe.log",
	  0, 3, 3602, 64, 67.86, "qwen3moe-Q4_K_M.gguf",
	  "post-b9000 (slot prefix on every line)" },
	{ "generated/cpu-b9749/server-completion-64.json",
	  1, 1, 3602, 64, 67.86022913430493, "qwen3moe-Q4_K_M.gguf",
	  "with cache_n (b6399+)" },
	{ "generated/cpu-b9749/server-completion-256.json",
	  1, 1, 3602, 256, 65.29121539852508, "qwen3moe-Q4_K_M.gguf",
	  "with cache_n (b6399+)" },
	{ "generated/cpu-b9749/server-chat.json",
	  1, 1, 35, 96, 298.4768353993527, "qwen3moe-Q4_K_M.gguf",
	  "with cache_n (b6399+)" },
	{ "generated/cpu-b9749/server-props.json", 1, -1, 0, 0, 0, NULL, NULL },
};

static void real_files_give_the_records_read_in_them(void)
{
	const char *base = t_shared();
	char path[1024];
	size_t i;

	snprintf(path, sizeof(path), "%s/samples/llamacpp", base);
	if (access(path, R_OK)) {
		T_SKIP("%s is absent", path);
		return;
	}
	for (i = 0; i < sizeof(real_files) / sizeof(real_files[0]); i++) {
		struct hdb_sink sink;
		struct hdb_parse_info in;
		struct recs rs;
		FILE *f;
		int rc;

		snprintf(path, sizeof(path), "%s/%s", base, real_files[i].file);
		f = fopen(path, "r");
		if (!f) {
			T_FAIL("%s: %s", path, strerror(errno));
			continue;
		}
		memset(&rs, 0, sizeof(rs));
		sink = (struct hdb_sink){ .ctx = &rs, .server = keep, .warning = warn };
		rc = real_files[i].json
			? hdb_parse_server_json(f, path, &sink, &in)
			: hdb_parse_llama_log(f, path, &sink, &in);
		fclose(f);
		if (real_files[i].records < 0) {
			if (rc != -1 || rs.n)
				T_FAIL("%s: expected to be refused, got %d records",
				       real_files[i].file, rs.n);
			continue;
		}
		if (rc) {
			T_FAIL("%s: %s", real_files[i].file, hdb_errmsg());
			continue;
		}
		CHECK_INT(rs.n, real_files[i].records);
		CHECK_INT(in.records, real_files[i].records);
		CHECK_INT(rs.r[0].prompt_n, real_files[i].prompt_n);
		CHECK_INT(rs.r[0].gen_n, real_files[i].gen_n);
		if (isnan(real_files[i].gen_tps))
			CHECK(isnan(rs.r[0].gen_tps));
		else
			CHECK_NEAR(rs.r[0].gen_tps, real_files[i].gen_tps, 1e-9);
		CHECK_STR(rs.r[0].model_file, real_files[i].model_file);
		CHECK_STR(in.era, real_files[i].era);
		CHECK_INT(rs.warnings, 0);
		if (t_failed_now) {
			fprintf(stderr, "  in %s\n", real_files[i].file);
			return;
		}
	}
}

int main(void)
{
	RUN(slot_block_takes_its_start_up_lines);
	RUN(every_line_prefixed_blocks_are_keyed_by_slot_and_task);
	RUN(journald_and_supervisor_prefixes_are_stripped);
	RUN(carriage_return_era);
	RUN(json_log_lines_give_full_precision);
	RUN(text_log_form_and_its_pasted_fragment);
	RUN(oldest_server_print_timings);
	RUN(cli_perf_blocks_of_three_eras);
	RUN(inf_tokens_per_second_is_nan_and_zero_blocks_are_skipped);
	RUN(tokens_per_second_is_computed_when_not_printed);
	RUN(progress_lines_are_never_results);
	RUN(a_timing_line_that_does_not_parse_is_an_error_at_it);
	RUN(a_request_cut_off_is_left_out_with_a_warning);
	RUN(start_up_lines_apply_to_the_requests_that_follow);
	RUN(llama_bench_footer_names_the_build_the_other_way_round);
	RUN(completion_response);
	RUN(chat_response_with_an_alias_for_a_model);
	RUN(saved_streams_count_their_last_timings);
	RUN(props_and_other_endpoints_are_refused);
	RUN(real_files_give_the_records_read_in_them);
	return t_done();
}
