/* Unit tests: ingest/died.c, what the row of a run that died says of it:
 * from the run's finished records, its command line, its file name. */
#include "harness.h"
#include "../../ingest/parsers.h"
#include "../../util.h"

/* A finished record of llama-bench build 9749 on the CPU. */
static void done(struct hdb_died *d, const char *file, const char *model,
		 long long pp, long long tg, long long depth)
{
	struct hdb_bench_record r;

	hdb_bench_record_init(&r);
	r.backend = "CPU";
	r.build_commit = "d32676d";
	r.build_number = 9749;
	r.cpu_info = "AMD EPYC";
	r.model = model;
	r.model_type = "llama ?B F16";
	r.model_file = file;
	r.quant = "F16";
	r.type_k = r.type_v = "f16";
	r.flash_attn = -1;
	r.n_gpu_layers = 99;
	r.n_threads = 2;
	r.n_prompt = pp;
	r.n_gen = tg;
	r.n_depth = depth;
	r.avg_ts = 100;
	hdb_died_done(d, &r);
}

/* The row of the run that died, as the stderr's failure gives it. */
static struct hdb_bench_record died_row(struct hdb_died *d, const char *path,
					const char *model_file)
{
	struct hdb_bench_record r;

	hdb_bench_record_init(&r);
	r.status = "crashed";
	r.error = "exit=137";
	r.model_file = model_file;
	hdb_died_fill(d, path, &r);
	return r;
}

static void a_killed_sweep_with_its_command_line_says_where_it_died(void)
{
	struct hdb_died *d = hdb_died_new();
	struct hdb_bench_record r;

	hdb_died_line(d, "== bench.sh: llama-F16 depth sweep");
	hdb_died_line(d, "+ /opt/llama.cpp/build/bin/llama-bench -m "
		      "/srv/models/llama-F16.gguf -d 0,65536,131072 -r 5 -o json");
	hdb_died_line(d, "exit=137");
	done(d, "llama-F16.gguf", "llama ?B", 512, 0, 0);
	done(d, "llama-F16.gguf", "llama ?B", 0, 128, 0);
	r = died_row(d, "x.json", NULL);
	CHECK_STR(r.test, "pp512");
	CHECK_INT(r.n_prompt, 512);
	CHECK_INT(r.n_gen, 0);
	CHECK_INT(r.n_depth, 65536);
	CHECK_STR(r.model, "llama ?B");
	CHECK_STR(r.model_type, "llama ?B F16");
	CHECK_STR(r.model_file, "llama-F16.gguf");
	CHECK_STR(r.quant, "F16");
	CHECK_STR(r.backend, "CPU");
	CHECK_STR(r.build_commit, "d32676d");
	CHECK_INT(r.build_number, 9749);
	CHECK_STR(r.cpu_info, "AMD EPYC");
	CHECK_STR(r.type_k, "f16");
	CHECK_INT(r.flash_attn, -1);
	CHECK_INT(r.n_gpu_layers, 99);
	CHECK_INT(r.n_threads, 2);
	CHECK_STR(r.status, "crashed");
	hdb_died_free(d);
}

static void without_a_command_line_the_records_give_the_model_not_the_point(void)
{
	struct hdb_died *d = hdb_died_new();
	struct hdb_bench_record r;

	hdb_died_line(d, "exit=137");
	done(d, "llama-F16.gguf", "llama ?B", 512, 0, 0);
	done(d, "llama-F16.gguf", "llama ?B", 0, 128, 0);
	r = died_row(d, "bench-killed-partial.json", NULL);
	CHECK(r.test == NULL);
	CHECK_INT(r.n_prompt, HDB_UNSET);
	CHECK_INT(r.n_depth, HDB_UNSET);
	CHECK_STR(r.model, "llama ?B");
	CHECK_STR(r.model_file, "llama-F16.gguf");
	CHECK_STR(r.quant, "F16");
	CHECK_INT(r.n_gpu_layers, 99);
	/* records that differ share nothing */
	hdb_died_reset(d);
	done(d, "a-F16.gguf", "llama ?B", 512, 0, 0);
	done(d, "b-F16.gguf", "llama ?B", 512, 0, 0);
	r = died_row(d, "x.json", NULL);
	CHECK(r.model_file == NULL);
	CHECK_STR(r.model, "llama ?B");
	CHECK_STR(r.backend, "CPU");
	hdb_died_free(d);
}

static void a_run_that_died_at_once_is_at_its_first_point(void)
{
	struct hdb_died *d = hdb_died_new();
	struct hdb_bench_record r;

	hdb_died_line(d, "$ llama-bench -m /models/Qwen3-30B-A3B-Q8_0.gguf "
		      "-ngl 99 -fa 1 -ub 2048 -p 2048 -n 32 -d 65536 -r 3");
	hdb_died_line(d, "llama_bench: error: failed to create context with "
		      "model '/models/Qwen3-30B-A3B-Q8_0.gguf'");
	r = died_row(d, "run.log", NULL);
	CHECK_STR(r.test, "pp2048");
	CHECK_INT(r.n_depth, 65536);
	CHECK_STR(r.model_file, "Qwen3-30B-A3B-Q8_0.gguf");
	CHECK_STR(r.quant, "Q8_0");
	CHECK(r.model == NULL);
	CHECK_INT(r.flash_attn, 1);
	CHECK_INT(r.n_ubatch, 2048);
	CHECK_INT(r.n_gpu_layers, 99);
	CHECK(r.backend == NULL);
	hdb_died_free(d);
}

static void the_next_model_of_a_list_takes_nothing_from_the_first(void)
{
	struct hdb_died *d = hdb_died_new();
	struct hdb_bench_record r;

	hdb_died_line(d, "+ llama-bench -m /m/llama-F16.gguf,/m/llama-Q8_0.gguf");
	done(d, "llama-F16.gguf", "llama ?B", 512, 0, 0);
	done(d, "llama-F16.gguf", "llama ?B", 0, 128, 0);
	r = died_row(d, "x.json", NULL);
	CHECK_STR(r.test, "pp512");
	CHECK_STR(r.model_file, "llama-Q8_0.gguf");
	CHECK_STR(r.quant, "Q8_0");
	CHECK(r.model == NULL);
	CHECK(r.model_type == NULL);
	CHECK_STR(r.backend, "CPU");
	/* the error line names the model it failed on: it must agree */
	r = died_row(d, "x.json", "llama-F16.gguf");
	CHECK(r.test == NULL);
	CHECK_STR(r.model_file, "llama-F16.gguf");
	CHECK(r.model == NULL);	/* the plan runs two models */
	hdb_died_free(d);
}

static void progress_lines_and_command_lines_must_agree(void)
{
	struct hdb_died *d = hdb_died_new();
	struct hdb_bench_record r;
	const char *cmd = "+ llama-bench -m /srv/models/llama-F16.gguf "
			  "-d 0,65536,131072 --progress";

	/* started the third of six: it died there */
	hdb_died_line(d, cmd);
	hdb_died_line(d, "llama-bench: benchmark 3/6: starting");
	hdb_died_line(d, "llama-bench: benchmark 3/6: depth run 1/5");
	done(d, "llama-F16.gguf", "llama ?B", 512, 0, 0);
	done(d, "llama-F16.gguf", "llama ?B", 0, 128, 0);
	r = died_row(d, "x.json", NULL);
	CHECK_INT(r.n_depth, 65536);
	/* started the fourth: two records are missing */
	hdb_died_line(d, "llama-bench: benchmark 4/6: starting");
	r = died_row(d, "x.json", NULL);
	CHECK_INT(r.n_depth, HDB_UNSET);
	CHECK_STR(r.model, "llama ?B");
	/* a count that is not the plan's */
	hdb_died_reset(d);
	hdb_died_line(d, cmd);
	hdb_died_line(d, "llama-bench: benchmark 1/8: starting");
	r = died_row(d, "x.json", NULL);
	CHECK(r.test == NULL);
	/* two different commands: which one died is not known */
	hdb_died_reset(d);
	hdb_died_line(d, cmd);
	hdb_died_line(d, "+ llama-bench -m /srv/models/llama-F16.gguf -d 0");
	r = died_row(d, "x.json", NULL);
	CHECK(r.test == NULL);
	/* the same command twice (echo, then set -x) is one */
	hdb_died_reset(d);
	hdb_died_line(d, "running: llama-bench -m /srv/models/llama-F16.gguf -d 0");
	hdb_died_line(d, "+ ./llama-bench -m /srv/models/llama-F16.gguf -d 0");
	r = died_row(d, "x.json", NULL);
	CHECK_STR(r.test, "pp512");
	/* a line that names the program and runs nothing */
	hdb_died_reset(d);
	hdb_died_line(d, "+ timeout 3600 llama-bench -m /srv/models/llama-F16.gguf "
		      "-d 0");
	hdb_died_line(d, "timeout: sending signal KILL to llama-bench after "
		      "60 minutes");
	r = died_row(d, "x.json", NULL);
	CHECK_STR(r.test, "pp512");
	/* a command that cannot be read */
	hdb_died_reset(d);
	hdb_died_line(d, "+ llama-bench -m $MODEL -d 0");
	r = died_row(d, "x.json", NULL);
	CHECK(r.test == NULL);
	hdb_died_free(d);
}

static void the_file_name_is_the_last_resort(void)
{
	struct hdb_died *d = hdb_died_new();
	struct hdb_bench_record r;

	/* a depth the name gives, every record at it: the depth, no test */
	done(d, "q.gguf", "qwen3 8B", 512, 0, 65536);
	r = died_row(d, "results/qwen3-8b-d65536.json", NULL);
	CHECK_INT(r.n_depth, 65536);
	CHECK(r.test == NULL);
	CHECK_STR(r.model_file, "q.gguf");
	/* a record at another depth: the name is not the run's one depth */
	done(d, "q.gguf", "qwen3 8B", 512, 0, 0);
	r = died_row(d, "results/qwen3-8b-d65536.json", NULL);
	CHECK_INT(r.n_depth, HDB_UNSET);
	hdb_died_reset(d);
	/* no records: the name's depth and model file */
	r = died_row(d, "Qwen3-8B-UD-Q4_K_XL.gguf_depth32768.log", NULL);
	CHECK_INT(r.n_depth, 32768);
	CHECK_STR(r.model_file, "Qwen3-8B-UD-Q4_K_XL.gguf");
	CHECK_STR(r.quant, "Q4_K_XL");
	/* names that say no one depth */
	r = died_row(d, "sweep-d0-65536.json", NULL);
	CHECK_INT(r.n_depth, HDB_UNSET);
	r = died_row(d, "a-d0-b-d8192.json", NULL);
	CHECK_INT(r.n_depth, HDB_UNSET);
	r = died_row(d, "build-d32676d.json", NULL);
	CHECK_INT(r.n_depth, HDB_UNSET);
	/* a quant in a name without a model file is not taken (a KV type?) */
	r = died_row(d, "sweep-ctk-q8_0.json", NULL);
	CHECK(r.quant == NULL);
	CHECK(r.model_file == NULL);
	hdb_died_free(d);
}

int main(void)
{
	RUN(a_killed_sweep_with_its_command_line_says_where_it_died);
	RUN(without_a_command_line_the_records_give_the_model_not_the_point);
	RUN(a_run_that_died_at_once_is_at_its_first_point);
	RUN(the_next_model_of_a_list_takes_nothing_from_the_first);
	RUN(progress_lines_and_command_lines_must_agree);
	RUN(the_file_name_is_the_last_resort);
	return t_done();
}
