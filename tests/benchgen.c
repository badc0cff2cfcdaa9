/*
 * benchgen.c: the corpora of `make bench` (tests/bench.sh), made the same
 * byte for byte on every machine (a fixed linear congruential generator,
 * no clock, no locale).  Shaped like real output: llama-bench JSONL as
 * b9749 prints it (every field, five samples a test), across 20 hosts,
 * 50 models, 4 quants, 3 KV types, 5 depths, pp512 and tg128, builds that
 * follow one another; values drift with the build and the noise of a run,
 * and one run in ten repeats a value another run printed.
 *
 *   benchgen dir DIR ROWS       JSONL files of one llama-bench call each
 *                               (one host, build, model, quant and KV
 *                               type: 10 tests), DIR/hostNN/..., and
 *                               DIR.csv: the same rows as CSV
 *   benchgen file FILE ROWS     the same rows as one JSONL file (and
 *                               FILE.csv)
 *   benchgen samekey FILE ROWS  ROWS runs of one model, test, depth and
 *                               value: only test_time differs
 *   benchgen twobuild FILE      200 configurations x 60 runs x 2 builds
 *                               on one host (24,000 rows), as the
 *                               llama-bench of compare-llama-bench.py's
 *                               era prints them (use_mmap)
 *   benchgen aider DIR N        N Aider benchmark run directories
 *   benchgen lmeval DIR N       N lm-evaluation-harness results files
 *
 * Not part of halodb: a tool of the benchmark, built by `make bench`.
 */
#include <errno.h>
#include <math.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static uint64_t seed = 42;

/* [0, 1), the same sequence everywhere */
static double rnd(void)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(seed >> 11) / 9007199254740992.0;
}

static void die(const char *what, const char *path)
{
	fprintf(stderr, "benchgen: %s '%s': %s\n", what, path, strerror(errno));
	exit(1);
}

static FILE *create(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f)
		die("cannot write", path);
	return f;
}

static void finish(FILE *f, const char *path)
{
	if (ferror(f) || fclose(f))
		die("cannot write", path);
}

static void mkdir_p(const char *path)
{
	char buf[4096], *p;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(buf, 0755) && errno != EEXIST)
				die("cannot make", buf);
			*p = '/';
		}
	if (mkdir(buf, 0755) && errno != EEXIST)
		die("cannot make", buf);
}

/* ---- what the corpus holds ------------------------------------------ */

#define N_HOSTS 20
#define N_MODELS 50
#define N_QUANTS 4
#define N_KV 3
#define N_DEPTHS 5
#define N_BUILDS 10
#define PER_FILE (N_DEPTHS * 2)
#define N_REPS 5

static const char *const cpus[10] = {
	"AMD Ryzen 9 7950X 16-Core Processor",
	"Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz",
	"AMD EPYC 7763 64-Core Processor", "Apple M2 Max",
	"AMD Ryzen AI Max+ 395 w/ Radeon 8060S",
	"Intel(R) Core(TM) i9-14900K", "AMD EPYC 9654 96-Core Processor",
	"Neoverse-V2", "Intel(R) Xeon(R) Platinum 8480+",
	"AMD Ryzen 7 5800X3D 8-Core Processor",
};
static const struct {
	const char *gpu, *backend;
	double speed;
} gpus[10] = {
	{ "NVIDIA GeForce RTX 4090", "CUDA", 1.0 },
	{ "NVIDIA A30", "CUDA", 0.55 },
	{ "AMD Instinct MI250X", "ROCm", 0.7 },
	{ "Apple M2 Max", "Metal", 0.35 },
	{ "AMD Radeon 8060S Graphics", "Vulkan", 0.3 },
	{ "NVIDIA GeForce RTX 3090", "CUDA", 0.6 },
	{ "NVIDIA H100 80GB HBM3", "CUDA", 1.4 },
	{ "NVIDIA GH200 480GB", "CUDA", 1.5 },
	{ "Intel(R) Arc(TM) A770 Graphics", "SYCL", 0.25 },
	{ "NVIDIA RTX A6000", "CUDA", 0.65 },
};
static const char *const archs[10] = {
	"llama", "qwen3", "qwen3moe", "gemma3", "mistral3", "phi3",
	"gpt-oss", "deepseek2", "granitehybrid", "olmo2",
};
static const struct {
	const char *label;
	double params;		/* billions */
} sizes[5] = { { "1B", 1.2 }, { "8B", 8.0 }, { "14B", 14.8 },
	       { "32B", 32.8 }, { "70B", 70.6 } };
static const struct {
	const char *ftype, *file;
	double bytes_per_param, speed;
} quants[N_QUANTS] = {
	{ "Q4_K - Medium", "Q4_K_M", 0.60, 1.0 },
	{ "Q8_0", "Q8_0", 1.06, 0.62 },
	{ "Q4_0", "Q4_0", 0.56, 1.05 },
	{ "IQ4_NL - 4.5 bpw", "IQ4_NL", 0.56, 0.95 },
};
static const struct {
	const char *type;
	double speed;
} kvs[N_KV] = { { "f16", 1.0 }, { "q8_0", 0.97 }, { "q4_0", 0.93 } };
static const int depths[N_DEPTHS] = { 0, 4096, 16384, 32768, 65536 };
static const struct {
	const char *commit;
	int number;
} builds[N_BUILDS] = {
	{ "b3e7a16", 8902 }, { "5f1c0de", 9011 }, { "9a4b2c7", 9134 },
	{ "d32676d", 9749 }, { "e81f3a9", 9801 }, { "0c6d54b", 9866 },
	{ "7aa91e2", 9920 }, { "4be0f13", 9987 }, { "c5d2e70", 10042 },
	{ "16fa8b4", 10110 },
};

/* One llama-bench call: which host, build, model, quant and KV type. */
struct call {
	int host, build, model, quant, kv;
};

static struct call call_of(long f)
{
	struct call c;

	c.host = (int)(f % N_HOSTS);
	c.model = (int)(f / N_HOSTS % N_MODELS);
	c.quant = (int)(f / (N_HOSTS * N_MODELS) % N_QUANTS);
	c.kv = (int)(f / (N_HOSTS * N_MODELS * N_QUANTS) % N_KV);
	c.build = (int)(f / (N_HOSTS * N_MODELS * N_QUANTS * N_KV) % N_BUILDS);
	return c;
}

static const char *host_cpu(int h)
{
	return cpus[h % 10];
}

static int host_gpu(int h)
{
	return (h + h / 10) % 10;
}

static void model_label(int m, char *out, size_t size)
{
	snprintf(out, size, "%s %s", archs[m % 10], sizes[m / 10].label);
}

/* One test as llama-bench measured it. */
struct test {
	int n_prompt, n_gen, depth;
	double ts[N_REPS];
	long long ns[N_REPS];
	double avg_ts, sd_ts;
	long long avg_ns, sd_ns;
	long long when;		/* test_time, seconds since the epoch */
};

/* The speed a configuration has: tokens/s before noise. */
static double base_speed(const struct call *c, int tg, int depth)
{
	double p = sizes[c->model / 10].params;
	double moe = c->model % 10 == 2 || c->model % 10 == 6 ? 4.0 : 1.0;
	double v = tg ? 900.0 / (p / moe + 1.0) : 30000.0 / (p / moe + 2.0);

	v *= gpus[host_gpu(c->host)].speed * quants[c->quant].speed *
	     kvs[c->kv].speed * (1.0 + 0.01 * c->build);
	return v / (1.0 + depth / (tg ? 65536.0 : 32768.0));
}

static double repeated[2 * N_DEPTHS];

static void measure(const struct call *c, int j, long long when,
		    struct test *t)
{
	int tg = j % 2, k;
	double base, sum = 0, sum2 = 0, mean;
	long long tokens;

	t->depth = depths[j / 2];
	t->n_prompt = tg ? 0 : 512;
	t->n_gen = tg ? 128 : 0;
	tokens = t->n_prompt + t->n_gen;
	base = base_speed(c, tg, t->depth) * (0.97 + 0.06 * rnd());
	/* a run in ten prints the very value an earlier one printed */
	if (rnd() < 0.1 && repeated[j] > 0)
		base = repeated[j];
	repeated[j] = base;
	for (k = 0; k < N_REPS; k++) {
		t->ts[k] = base * (0.99 + 0.02 * rnd());
		t->ns[k] = (long long)(tokens / t->ts[k] * 1e9);
	}
	for (k = 0, sum = 0; k < N_REPS; k++)
		sum += (double)t->ns[k];
	mean = sum / N_REPS;
	for (k = 0; k < N_REPS; k++)
		sum2 += ((double)t->ns[k] - mean) * ((double)t->ns[k] - mean);
	t->avg_ns = (long long)mean;
	t->sd_ns = (long long)sqrt(sum2 / (N_REPS - 1));
	t->avg_ts = base;
	t->sd_ts = base * 0.006;
	t->when = when;
}

static void iso_time(long long when, char *out, size_t size)
{
	time_t tt = (time_t)when;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* era: 0 as b9749 prints (load_mode), 1 as the llama-bench that
 * compare-llama-bench.py reads (use_mmap) */
static void print_jsonl(FILE *out, const struct call *c, const struct test *t,
			int era)
{
	char label[64], when[32];
	double p = sizes[c->model / 10].params * 1e9;
	int g = host_gpu(c->host), k;

	model_label(c->model, label, sizeof(label));
	iso_time(t->when, when, sizeof(when));
	fprintf(out, "{\"build_commit\": \"%s\", \"build_number\": %d, "
		"\"cpu_info\": \"%s\", \"gpu_info\": \"%s\", \"backends\": "
		"\"%s\", \"model_filename\": \"/srv/models/%s-%s-%s.gguf\", "
		"\"model_type\": \"%s %s\", \"model_size\": %.0f, "
		"\"model_n_params\": %.0f, \"n_batch\": 2048, \"n_ubatch\": 512, "
		"\"n_threads\": 16, \"cpu_mask\": \"0x0\", \"cpu_strict\": false, "
		"\"poll\": 50, \"type_k\": \"%s\", \"type_v\": \"%s\", "
		"\"n_gpu_layers\": 99, %s\"split_mode\": \"layer\", "
		"\"main_gpu\": 0, \"no_kv_offload\": false, \"flash_attn\": 1, "
		"%s\"tensor_split\": \"0.00\", \"tensor_buft_overrides\": \"none\", "
		"%s, \"embeddings\": false, \"no_op_offload\": 0, %s"
		"\"n_prompt\": %d, \"n_gen\": %d, \"n_depth\": %d, "
		"\"test_time\": \"%s\", \"avg_ns\": %lld, \"stddev_ns\": %lld, "
		"\"avg_ts\": %.6f, \"stddev_ts\": %.6f, \"samples_ns\": [ ",
		builds[c->build].commit, builds[c->build].number,
		host_cpu(c->host), gpus[g].gpu, gpus[g].backend,
		archs[c->model % 10], sizes[c->model / 10].label,
		quants[c->quant].file, label, quants[c->quant].ftype,
		p * quants[c->quant].bytes_per_param, p, kvs[c->kv].type,
		kvs[c->kv].type, era ? "" : "\"n_cpu_moe\": 0, ",
		era ? "" : "\"devices\": \"auto\", ",
		era ? "\"use_mmap\": true" : "\"load_mode\": \"mmap\"",
		era ? "" : "\"no_host\": false, \"fit_target\": 0, "
		"\"fit_min_ctx\": 0, ", t->n_prompt, t->n_gen, t->depth,
		when, t->avg_ns, t->sd_ns, t->avg_ts, t->sd_ts);
	for (k = 0; k < N_REPS; k++)
		fprintf(out, "%s%lld", k ? ", " : "", t->ns[k]);
	fputs(" ],\"samples_ts\": [ ", out);
	for (k = 0; k < N_REPS; k++)
		fprintf(out, "%s%.3f", k ? ", " : "", t->ts[k]);
	fputs(" ]}\n", out);
}

static const char csv_header[] =
	"build_commit,build_number,cpu_info,gpu_info,backends,model_filename,"
	"model_type,model_size,model_n_params,n_batch,n_ubatch,n_threads,"
	"cpu_mask,cpu_strict,poll,type_k,type_v,n_gpu_layers,n_cpu_moe,"
	"split_mode,main_gpu,no_kv_offload,flash_attn,devices,tensor_split,"
	"tensor_buft_overrides,load_mode,embeddings,no_op_offload,no_host,"
	"fit_target,fit_min_ctx,n_prompt,n_gen,n_depth,test_time,avg_ns,"
	"stddev_ns,avg_ts,stddev_ts,samples_ns,samples_ts\n";

/* The same row as llama-bench -o csv prints it: every field quoted. */
static void print_csv(FILE *out, const struct call *c, const struct test *t)
{
	char label[64], when[32];
	double p = sizes[c->model / 10].params * 1e9;
	int g = host_gpu(c->host), k;

	model_label(c->model, label, sizeof(label));
	iso_time(t->when, when, sizeof(when));
	fprintf(out, "\"%s\",\"%d\",\"%s\",\"%s\",\"%s\","
		"\"/srv/models/%s-%s-%s.gguf\",\"%s %s\",\"%.0f\",\"%.0f\","
		"\"2048\",\"512\",\"16\",\"0x0\",\"0\",\"50\",\"%s\",\"%s\","
		"\"99\",\"0\",\"layer\",\"0\",\"0\",\"1\",\"auto\",\"0.00\","
		"\"none\",\"mmap\",\"0\",\"0\",\"0\",\"0\",\"0\",\"%d\",\"%d\","
		"\"%d\",\"%s\",\"%lld\",\"%lld\",\"%.6f\",\"%.6f\",\"",
		builds[c->build].commit, builds[c->build].number,
		host_cpu(c->host), gpus[g].gpu, gpus[g].backend,
		archs[c->model % 10], sizes[c->model / 10].label,
		quants[c->quant].file, label, quants[c->quant].ftype,
		p * quants[c->quant].bytes_per_param, p, kvs[c->kv].type,
		kvs[c->kv].type, t->n_prompt, t->n_gen, t->depth, when,
		t->avg_ns, t->sd_ns, t->avg_ts, t->sd_ts);
	for (k = 0; k < N_REPS; k++)
		fprintf(out, "%s%lld", k ? " " : "", t->ns[k]);
	fputs("\",\"", out);
	for (k = 0; k < N_REPS; k++)
		fprintf(out, "%s%.3f", k ? " " : "", t->ts[k]);
	fputs("\"\n", out);
}

#define T0 1767225600LL		/* 2026-01-01T00:00:00Z */

/* Rows of calls f = 0, 1, ...: each file one call (dir) or all in one
 * (file); the CSV beside them either way. */
static void gen_rows(const char *path, long rows, int one_file)
{
	char *csv_path = malloc(strlen(path) + 5), fpath[4096];
	FILE *csv, *out = NULL;
	long f, r = 0;
	int j;

	sprintf(csv_path, "%s.csv", path);
	csv = create(csv_path);
	fputs(csv_header, csv);
	if (one_file)
		out = create(path);
	else
		mkdir_p(path);
	for (f = 0; r < rows; f++) {
		struct call c = call_of(f);
		struct test t;

		if (!one_file) {
			snprintf(fpath, sizeof(fpath), "%s/host%02d", path,
				 c.host);
			if (f < N_HOSTS)
				mkdir_p(fpath);
			snprintf(fpath, sizeof(fpath),
				 "%s/host%02d/%s-m%02d-q%d-kv%d.jsonl", path,
				 c.host, builds[c.build].commit, c.model,
				 c.quant, c.kv);
			out = create(fpath);
		}
		for (j = 0; j < PER_FILE && r < rows; j++, r++) {
			measure(&c, j, T0 + f * 400 + j * 30, &t);
			print_jsonl(out, &c, &t, 0);
			print_csv(csv, &c, &t);
		}
		if (!one_file)
			finish(out, fpath);
	}
	if (one_file)
		finish(out, path);
	finish(csv, csv_path);
	free(csv_path);
}

static void gen_samekey(const char *path, long rows)
{
	FILE *out = create(path);
	struct call c = { 0, 3, 11, 0, 0 };
	struct test t;
	long i;

	measure(&c, 0, T0, &t);
	for (i = 0; i < rows; i++) {
		t.when = T0 + i * 30;
		print_jsonl(out, &c, &t, 0);
	}
	finish(out, path);
}

/* 10 models x 2 tests x 5 depths x 2 KV types, 60 runs of each on each
 * of two builds, the runs of a build one after another */
static void gen_twobuild(const char *path)
{
	FILE *out = create(path);
	long n = 0;
	int b, run, m, kv, j;

	for (b = 0; b < 2; b++)
		for (run = 0; run < 60; run++)
			for (m = 0; m < 10; m++)
				for (kv = 0; kv < 2; kv++)
					for (j = 0; j < PER_FILE; j++) {
						struct call c = { 0, 3 + b, 10 + m, 0, kv };
						struct test t;

						measure(&c, j, T0 + n++ * 15, &t);
						print_jsonl(out, &c, &t, 1);
					}
	finish(out, path);
}

static const char *const languages[] = { "python", "go", "rust", "java",
					  "javascript", "cpp" };

/* An Aider polyglot run: 6 languages x 8 exercises, two tries each. */
static void gen_aider(const char *dir, int n)
{
	char path[4096], name[64];
	int i, l, e;

	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "2026-%02d-%02d-10-00-00--bench-%03d",
			 1 + i / 28 % 12, 1 + i % 28, i);
		for (l = 0; l < 6; l++)
			for (e = 0; e < 8; e++) {
				FILE *f;
				int pass1 = rnd() < 0.55, pass2 = pass1 || rnd() < 0.4;

				snprintf(path, sizeof(path),
					 "%s/%s/%s/exercises/practice/ex-%d",
					 dir, name, languages[l], e);
				mkdir_p(path);
				strcat(path, "/.aider.results.json");
				f = create(path);
				fprintf(f, "{\n    \"testdir\": \"/benchmarks/%s/%s/"
					"exercises/practice/ex-%d\",\n    "
					"\"testcase\": \"ex-%d\",\n    \"model\": "
					"\"openai/%s %s\",\n    \"edit_format\": "
					"\"diff\",\n    \"tests_outcomes\": [\n"
					"        %s%s\n    ],\n    \"cost\": "
					"0.0,\n    \"duration\": %.2f,\n    "
					"\"test_timeouts\": 0,\n    \"commit_hash\": "
					"\"32faf82\",\n    \"num_error_outputs\": 0,\n"
					"    \"num_user_asks\": 0,\n    "
					"\"num_exhausted_context_windows\": 0,\n    "
					"\"num_malformed_responses\": 0,\n    "
					"\"syntax_errors\": 0,\n    "
					"\"indentation_errors\": 0,\n    "
					"\"lazy_comments\": 0,\n    "
					"\"prompt_tokens\": %d,\n    "
					"\"completion_tokens\": %d,\n    "
					"\"chat_hashes\": []\n}\n", name,
					languages[l], e, e, archs[i % 10],
					sizes[i / 10 % 5].label,
					pass1 ? "true" : "false",
					pass1 ? "" : pass2 ? ",\n        true"
					: ",\n        false",
					20 + 100 * rnd(),
					(int)(5000 + 20000 * rnd()),
					(int)(500 + 3000 * rnd()));
				finish(f, path);
			}
	}
}

static const char *const tasks[] = { "gsm8k", "ifeval", "arc_challenge",
				     "hellaswag", "mmlu_pro_law" };

static void gen_lmeval(const char *dir, int n)
{
	char path[4096];
	int i, k;

	mkdir_p(dir);
	for (i = 0; i < n; i++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/run%03d", dir, i);
		mkdir_p(path);
		snprintf(path, sizeof(path), "%s/run%03d/results_2026-%02d-%02d"
			 "T10-00-00.%06d.json", dir, i, 1 + i / 28 % 12,
			 1 + i % 28, i);
		f = create(path);
		fputs("{\n  \"results\": {\n", f);
		for (k = 0; k < 5; k++) {
			double s = 0.3 + 0.6 * rnd();

			fprintf(f, "    \"%s\": {\n      \"alias\": \"%s\",\n"
				"      \"acc,none\": %.4f,\n      "
				"\"acc_stderr,none\": %.4f\n    }%s\n",
				tasks[k], tasks[k], s, 0.01 + 0.02 * rnd(),
				k < 4 ? "," : "");
		}
		fputs("  },\n  \"group_subtasks\": {", f);
		for (k = 0; k < 5; k++)
			fprintf(f, "%s\"%s\": []", k ? ", " : "", tasks[k]);
		fputs("},\n  \"configs\": {},\n  \"versions\": {", f);
		for (k = 0; k < 5; k++)
			fprintf(f, "%s\"%s\": 1.0", k ? ", " : "", tasks[k]);
		fputs("},\n  \"n-shot\": {", f);
		for (k = 0; k < 5; k++)
			fprintf(f, "%s\"%s\": 0", k ? ", " : "", tasks[k]);
		fprintf(f, "},\n  \"config\": {\n    \"model\": "
			"\"local-chat-completions\",\n    \"model_args\": "
			"\"model=%s-%s,base_url=http://h%02d:8080/v1\",\n    "
			"\"batch_size\": 1,\n    \"bootstrap_iters\": 100000\n"
			"  },\n  \"git_hash\": \"4e7e0d47\",\n  \"date\": "
			"%lld.0,\n  \"model_name\": \"%s-%s\"\n}\n",
			archs[i % 10], sizes[i / 10 % 5].label, i % N_HOSTS,
			T0 + i * 3600LL, archs[i % 10], sizes[i / 10 % 5].label);
		finish(f, path);
	}
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	long n = argc > 3 ? atol(argv[3]) : 0;

	if (argc == 4 && !strcmp(what, "dir"))
		gen_rows(argv[2], n, 0);
	else if (argc == 4 && !strcmp(what, "file"))
		gen_rows(argv[2], n, 1);
	else if (argc == 4 && !strcmp(what, "samekey"))
		gen_samekey(argv[2], n);
	else if (argc == 3 && !strcmp(what, "twobuild"))
		gen_twobuild(argv[2]);
	else if (argc == 4 && !strcmp(what, "aider"))
		gen_aider(argv[2], (int)n);
	else if (argc == 4 && !strcmp(what, "lmeval"))
		gen_lmeval(argv[2], (int)n);
	else {
		fprintf(stderr, "usage: benchgen dir|file|samekey DIR ROWS | "
			"twobuild FILE | aider|lmeval DIR N\n");
		return 2;
	}
	return 0;
}
