/* test_halorun.c: the directory `halodb run` writes (ingest/halorun.c). */
#include "harness.h"
#include "../../ingest/parsers.h"
#include "../../ingest/sha256.h"
#include "../../util.h"

#include <errno.h>
#include <sys/stat.h>

#define MAX_ROWS 16
#define MAX_WARN 8

struct row {
	char test[32], status[16], gate[160], error[160], model[64];
	char model_file[96], quant[16], type_k[16], build_commit[16];
	char test_time[32], cpu_info[64], raw[64];
	long long n_prompt, n_gen, n_depth, build_number, flash_attn;
	long long n_ubatch;
	long line;
	double avg_ts;
};

static struct got {
	struct row r[MAX_ROWS];
	int n, nw, nh;
	char warning[MAX_WARN][400];
	char host[64];
} g;

static int keep(void *ctx, const struct hdb_bench_record *r)
{
	struct got *gt = ctx;
	struct row *w = &gt->r[gt->n < MAX_ROWS ? gt->n : MAX_ROWS - 1];

	gt->n++;
	t_copy(w->test, sizeof(w->test), r->test);
	t_copy(w->status, sizeof(w->status), r->status);
	t_copy(w->gate, sizeof(w->gate), r->gate);
	t_copy(w->error, sizeof(w->error), r->error);
	t_copy(w->model, sizeof(w->model), r->model);
	t_copy(w->model_file, sizeof(w->model_file), r->model_file);
	t_copy(w->quant, sizeof(w->quant), r->quant);
	t_copy(w->type_k, sizeof(w->type_k), r->type_k);
	t_copy(w->build_commit, sizeof(w->build_commit), r->build_commit);
	t_copy(w->test_time, sizeof(w->test_time), r->test_time);
	t_copy(w->cpu_info, sizeof(w->cpu_info), r->cpu_info);
	t_copy(w->raw, sizeof(w->raw), r->raw);
	w->n_prompt = r->n_prompt;
	w->n_gen = r->n_gen;
	w->n_depth = r->n_depth;
	w->build_number = r->build_number;
	w->flash_attn = r->flash_attn;
	w->n_ubatch = r->n_ubatch;
	w->line = r->line;
	w->avg_ts = r->avg_ts;
	return 0;
}

static void warn(void *ctx, const char *msg)
{
	struct got *gt = ctx;

	if (gt->nw < MAX_WARN)
		t_copy(gt->warning[gt->nw], sizeof(gt->warning[0]), msg);
	gt->nw++;
}

static int host(void *ctx, const char *name)
{
	struct got *gt = ctx;

	gt->nh++;
	t_copy(gt->host, sizeof(gt->host), name);
	return 0;
}

static const struct hdb_sink sink = {
	.ctx = &g, .bench = keep, .warning = warn, .host = host,
};

/*
 * tests/fixtures/run: next to this file's directory (tests/unit) when the
 * tests run from the repository root or __FILE__ is absolute, else found
 * from the directories above the binary (build/.../tests/).
 */
static const char *fixtures(void)
{
	static char dir[1024];
	char exe[1024], *slash;
	const char *f = __FILE__, *end = strrchr(f, '/');
	ssize_t n;

	if (dir[0])
		return dir;
	snprintf(dir, sizeof(dir), "%.*s/../fixtures/run",
		 end ? (int)(end - f) : 1, end ? f : ".");
	if (!access(dir, R_OK))
		return dir;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		while ((slash = strrchr(exe, '/'))) {
			*slash = '\0';
			snprintf(dir, sizeof(dir), "%.*s/tests/fixtures/run",
				 (int)(sizeof(dir) - 32), exe);
			if (!access(dir, R_OK))
				return dir;
		}
	}
	fprintf(stderr, "cannot find tests/fixtures/run\n");
	exit(2);
}

static const char *fixture(const char *run)
{
	static char path[1200];

	snprintf(path, sizeof(path), "%s/%s", fixtures(), run);
	return path;
}

#define CLEAN "good/2026-11-22-epyc-qwen3moe-q4_k_m"
#define FORCED "good/2026-08-05-strix-halo-deepseek-v4-flash-forced"
#define WEDGED "good/2026-08-05-strix-halo-deepseek-v4-flash-wedged"
#define CRASHED "good/2026-08-05-strix-halo-deepseek-v4-flash-crashed"
#define STOPPED "good/2026-11-27-epyc-vm-tiny-llama-q4_k_m"

static int parse(const char *dir, struct hdb_parse_info *in)
{
	memset(&g, 0, sizeof(g));
	return hdb_parse_halodb_run(dir, &sink, in);
}

/* ---- the sweeps ---------------------------------------------------------- */

static void a_clean_sweep_gives_each_point_with_its_gate(void)
{
	struct hdb_parse_info in;
	int i;

	CHECK_INT(parse(fixture(CLEAN), &in), 0);
	CHECK_INT(in.format, HDB_FORMAT_HALODB_RUN);
	CHECK_INT(in.records, 4);
	CHECK_STR(in.era, "b9749, load_mode fields");
	CHECK_INT(g.n, 4);
	CHECK_INT(g.nw, 0);
	/* "host": null: the host is derived from cpu_info, as for any file */
	CHECK_INT(g.nh, 0);
	for (i = 0; i < 4 && i < g.n; i++) {
		CHECK_STR(g.r[i].gate, "clean");
		CHECK_STR(g.r[i].status, "ok");
		CHECK_STR(g.r[i].cpu_info, "AMD EPYC");
	}
	CHECK_STR(g.r[0].test, "pp512");
	CHECK_INT(g.r[0].n_depth, 0);
	CHECK_NEAR(g.r[0].avg_ts, 440.797537, 1e-9);
	CHECK_STR(g.r[3].test, "tg128");
	CHECK_INT(g.r[3].n_depth, 1024);
	CHECK_NEAR(g.r[3].avg_ts, 94.345272, 1e-9);
	/* the line of the record in its point's file */
	CHECK_INT(g.r[3].line, 1);
}

static void a_forced_sweep_names_its_host_and_every_row_is_dirty(void)
{
	struct hdb_parse_info in;

	CHECK_INT(parse(fixture(FORCED), &in), 0);
	CHECK_INT(g.nh, 1);
	CHECK_STR(g.host, "strix-halo");
	CHECK_INT(g.n, 2);
	CHECK_STR(g.r[0].gate, "dirty: fans: fan1 2900 rpm is below 3500; "
		  "processes: llama-server (pid 4242) is running");
	CHECK_STR(g.r[1].gate, g.r[0].gate);
	CHECK_INT(g.r[1].n_depth, 8192);
}

static void a_wedged_point_is_a_row_of_its_status(void)
{
	struct hdb_parse_info in;
	const struct row *w = &g.r[2];

	CHECK_INT(parse(fixture(WEDGED), &in), 0);
	CHECK_INT(in.records, 3);
	CHECK_INT(g.n, 3);
	CHECK_STR(w->status, "wedged");
	CHECK_STR(w->error, "no result after 1800 s (killed)");
	CHECK_STR(w->test, "pp2048");
	CHECK_INT(w->n_prompt, 2048);
	CHECK_INT(w->n_gen, 0);
	CHECK_INT(w->n_depth, 131072);
	CHECK_STR(w->gate, "clean");
	/* what the sweep's finished records and the point's argv tell */
	CHECK_STR(w->model, "deepseek4 ?B");
	CHECK_STR(w->model_file,
		  "DeepSeek-V4-Flash-0731-UD-IQ2_XXS-00001-of-00003.gguf");
	CHECK_STR(w->quant, "IQ2_XXS");
	CHECK_STR(w->type_k, "f16");
	CHECK_INT(w->flash_attn, 1);
	CHECK_INT(w->n_ubatch, 256);
	CHECK_STR(w->cpu_info, "AMD RYZEN AI MAX+ 395 w/ Radeon 8060S");
	/* the build the manifest names; the sweep's start as its time */
	CHECK_STR(w->build_commit, "1c3c9674d");
	CHECK_INT(w->build_number, 10269);
	CHECK_STR(w->test_time, "2026-08-05T10:37:00Z");
	CHECK(isnan(w->avg_ts));
	/* the point as the manifest has it, and where */
	CHECK_INT(w->line, 168);
	CHECK(!strncmp(w->raw, "{\n      \"n\": 3,", 15));
}

static void a_crash_whose_stderr_says_oom_is_stored_oom(void)
{
	struct hdb_parse_info in;

	CHECK_INT(parse(fixture(CRASHED), &in), 0);
	CHECK_INT(g.n, 3);
	CHECK_STR(g.r[2].status, "oom");
	CHECK_STR(g.r[2].error, "ggml_vulkan: Device memory allocation of "
		  "size 2491416576 failed.");
	CHECK_INT(g.r[2].n_depth, 262144);
}

static void points_never_run_say_why(void)
{
	struct hdb_parse_info in;
	int i;

	CHECK_INT(parse(fixture(STOPPED), &in), 0);
	CHECK_STR(g.host, "epyc-vm");
	CHECK_INT(g.n, 4);
	for (i = 2; i < 4 && i < g.n; i++) {
		CHECK_STR(g.r[i].status, "not_run");
		CHECK_STR(g.r[i].error, "gate: llama-server (pid 4242) is "
			  "running (stop it, or run with --force)");
		CHECK_STR(g.r[i].gate, "(null)");
		CHECK_INT(g.r[i].n_depth, 256);
		CHECK_STR(g.r[i].type_k, "q8_0");
		CHECK_STR(g.r[i].model_file, "tiny-llama-Q4_K_M.gguf");
	}
	CHECK_STR(g.r[2].test, "pp64");
	CHECK_STR(g.r[3].test, "tg16");
}

/* ---- telling a run directory ------------------------------------------- */

static const char *make_dir(const char *name)
{
	static char path[1024];

	snprintf(path, sizeof(path), "%s/%s", t_tmpdir(), name);
	if (mkdir(path, 0777) && errno != EEXIST) {
		perror(path);
		exit(2);
	}
	return path;
}

static void run_directories_are_told_by_their_manifest(void)
{
	const struct hdb_dir_format *df = hdb_sniff_dir(fixture(CLEAN));

	CHECK(df != NULL);
	CHECK_INT(df ? (int)df->format : -1, HDB_FORMAT_HALODB_RUN);
	CHECK_INT(hdb_is_halodb_run(fixture(CLEAN)), 1);
	CHECK_INT(hdb_is_halodb_run(fixture("good")), 0);
	CHECK_INT(hdb_is_halodb_run("/nonexistent/halodb"), 0);
	/* a malformed manifest is still one: its error is told */
	CHECK_INT(hdb_is_halodb_run(fixture("bad/missing-comma")), 1);
	/* another tool's manifest.json is not */
	make_dir("other");
	t_write("other/manifest.json", "{\"name\": \"x\", \"files\": []}\n");
	CHECK_INT(hdb_is_halodb_run(make_dir("other")), 0);
	CHECK(hdb_sniff_dir(make_dir("other")) == NULL);
}

/* ---- errors: one directory, one message, at the value ------------------- */

/* A point of the pp512 test at depth 0 with its fields replaced. */
#define POINT(fields) \
	"{\"n\": 1, \"test\": \"pp512\", \"n_prompt\": 512, \"n_gen\": 0, " \
	"\"n_depth\": 0, \"stdout\": \"1.jsonl\", \"gate\": \"clean\", " \
	"\"status\": \"ok\"" fields "}"

static const char jsonl_pp512[] =
	"{\"build_commit\": \"d32676d\", \"build_number\": 9749, "
	"\"cpu_info\": \"AMD EPYC\", \"gpu_info\": \"\", \"backends\": \"CPU\", "
	"\"model_filename\": \"/srv/models/x-Q4_K_M.gguf\", \"model_type\": "
	"\"llama ?B Q4_K - Medium\", \"n_prompt\": 512, \"n_gen\": 0, "
	"\"n_depth\": 0, \"test_time\": \"2026-11-22T00:03:12Z\", "
	"\"avg_ns\": 1161540715, \"stddev_ns\": 4752945, \"avg_ts\": 440.797537, "
	"\"stddev_ts\": 1.803621, \"samples_ns\": [ 1158180048, 1164901383 ],"
	"\"samples_ts\": [ 442.073, 439.522 ]}\n";

/* Writes DIR/manifest.json (and DIR/1.jsonl holding out) in the temp dir
 * and parses DIR; returns the parser's result. */
static int run_manifest(const char *dir, const char *manifest,
			const char *out)
{
	struct hdb_parse_info in;
	char name[64], path[1100];

	make_dir(dir);
	snprintf(name, sizeof(name), "%.20s/manifest.json", dir);
	t_write(name, manifest);
	snprintf(name, sizeof(name), "%.20s/1.jsonl", dir);
	t_write(name, out);
	snprintf(path, sizeof(path), "%s/%s", t_tmpdir(), dir);
	return parse(path, &in);
}

/* The message after the temp dir: 'e1/manifest.json:2:3: ...'. */
static const char *rel_error(void)
{
	const char *msg = hdb_errmsg();
	size_t n = strlen(t_tmpdir());

	return !strncmp(msg, t_tmpdir(), n) && msg[n] == '/' ? msg + n + 1
							   : msg;
}

static void manifest_errors_point_at_the_value(void)
{
	static const struct {
		const char *manifest, *error;
	} cases[] = {
		{ "[1]", "e0/manifest.json:1:1: expected a halodb run "
		  "manifest (an object with \"halodb_run\": 1), found an "
		  "array" },
		{ "{\"halodb_run\": 2,\n \"points\": []}",
		  "e1/manifest.json:1:16: expected \"halodb_run\": 1, found 2, "
		  "a newer manifest: upgrade halodb to read it" },
		{ "{\"halodb_run\": 1}", "e2/manifest.json:1:1: expected an "
		  "array for \"points\", found none" },
		{ "{\"halodb_run\": 1, \"points\": []}", "e3/manifest.json:1:29: "
		  "expected at least one test point in \"points\", found none" },
		{ "{\"halodb_run\": 1, \"host\": \"unknown\", \"points\": []}",
		  "e4/manifest.json:1:27: the host name 'unknown' is reserved "
		  "for results whose file names no machine" },
		{ "{\"halodb_run\": 1,\n \"points\": [\n  " POINT(", \"n_gen\": 1")
		  "]}", "e5/manifest.json:3:126: expected each key once, found "
		  "'\"n_gen\"' again" },
		{ "{\"halodb_run\": 1,\n \"points\": [\n  " POINT("") ",\n  "
		  "{\"n\": 2, \"test\": \"tg128\", \"n_prompt\": 0, \"n_gen\": 128, "
		  "\"n_depth\": -1, \"status\": \"not_run\"}]}",
		  "e6/manifest.json:4:69: expected an integer of 0 or more for "
		  "\"n_depth\" in point 2, found a negative number" },
		{ "{\"halodb_run\": 1, \"points\": [{\"n\": 1, \"test\": \"pp512\", "
		  "\"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 0, \"status\": "
		  "\"ok\", \"gate\": \"mostly clean\"}]}",
		  "e7/manifest.json:1:123: expected \"clean\" or \"dirty: "
		  "<reasons>\" for \"gate\" in point 1, found 'mostly clean'" },
		{ "{\"halodb_run\": 1, \"points\": [" POINT(", \"stderr\": "
		  "\"../../etc/passwd\"") "]}", "e8/manifest.json:1:163: "
		  "expected the name of a file beside the manifest for "
		  "\"stderr\" in point 1, found '../../etc/passwd'" },
		{ "{\"halodb_run\": 1, \"points\": [{\"n\": 1, \"test\": \"pp512\", "
		  "\"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 0, \"status\": "
		  "\"ok\", \"gate\": \"clean\"}]}", "e9/manifest.json:1:30: "
		  "expected a file for \"stdout\" in point 1, which finished" },
		{ "{\"halodb_run\": 1, \"points\": [" POINT(", \"argv\": [\"-m\", "
		  "5]") "]}", "e10/manifest.json:1:168: expected a string in "
		  "\"argv\" of point 1, found a number" },
		{ "{\"halodb_run\": 1, \"points\": [{\"n\": 1, \"test\": \"pp512\", "
		  "\"n_prompt\": 512, \"n_gen\": 0, \"status\": \"ok\"}]}",
		  "e11/manifest.json:1:30: expected an integer of 0 or more "
		  "for \"n_depth\" in point 1, found none" },
	};
	char dir[16];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(dir, sizeof(dir), "e%zu", i);
		CHECK_INT(run_manifest(dir, cases[i].manifest, jsonl_pp512),
			  -1);
		CHECK_STR(rel_error(), cases[i].error);
		CHECK_INT(g.n, 0);
	}
}

static void a_point_file_must_hold_the_points_result(void)
{
	static const char manifest[] =
		"{\"halodb_run\": 1, \"points\": [" POINT("") "]}";
	static const char tg128[] =
		"{\"build_commit\": \"d32676d\", \"n_prompt\": 0, \"n_gen\": 128, "
		"\"n_depth\": 0, \"avg_ts\": 289.971008}\n";

	/* another test's output under this point's name */
	CHECK_INT(run_manifest("p0", manifest, tg128), -1);
	CHECK_STR(rel_error(), "p0/1.jsonl:1:1: expected the test of point 1 "
		  "(n_prompt 512, n_gen 0, n_depth 0), found n_prompt 0, "
		  "n_gen 128, n_depth 0");
	/* nothing for a point that finished */
	CHECK_INT(run_manifest("p1", manifest, ""), -1);
	CHECK_STR(rel_error(), "p1/1.jsonl:1:1: expected the llama-bench "
		  "record of point 1, which finished, found an empty file");
	/* the file is not there */
	make_dir("p2");
	t_write("p2/manifest.json", manifest);
	memset(&g, 0, sizeof(g));
	{
		struct hdb_parse_info in;
		char dir[1024];

		snprintf(dir, sizeof(dir), "%s/p2", t_tmpdir());
		CHECK_INT(hdb_parse_halodb_run(dir, &sink, &in), -1);
		CHECK_HAS(hdb_errmsg(), "cannot open '");
		CHECK_HAS(hdb_errmsg(), "p2/1.jsonl'");
	}
}

static void a_point_cut_short_keeps_what_it_printed(void)
{
	static const char wedged[] =
		"{\"halodb_run\": 1, \"created\": \"2026-11-22T00:00:00Z\", "
		"\"points\": [{\"n\": 1, \"test\": \"pp512\", \"n_prompt\": 512, "
		"\"n_gen\": 0, \"n_depth\": 0, \"stdout\": \"1.jsonl\", "
		"\"gate\": \"clean\", \"status\": \"wedged\", \"error\": \"no "
		"result after 600 s (killed)\"}]}";
	static const char crashed[] =
		"{\"halodb_run\": 1, \"points\": [{\"n\": 1, \"test\": \"pp512\", "
		"\"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 0, \"stdout\": "
		"\"1.jsonl\", \"gate\": \"clean\", \"status\": \"crashed\", "
		"\"signal\": \"SIGSEGV\", \"error\": \"Segmentation fault\"}]}";

	/* a fragment of a record: the point's row, nothing else */
	CHECK_INT(run_manifest("c0", wedged, "{\"build_commit\": \"d32"), 0);
	CHECK_INT(g.n, 1);
	CHECK_STR(g.r[0].status, "wedged");
	CHECK_STR(g.r[0].test_time, "2026-11-22T00:00:00Z");
	CHECK_INT(g.nw, 0);
	/* a crash at exit after the result was printed: the result stays,
	 * and a warning says how the point ended */
	CHECK_INT(run_manifest("c1", crashed, jsonl_pp512), 0);
	CHECK_INT(g.n, 1);
	CHECK_STR(g.r[0].status, "ok");
	CHECK_STR(g.r[0].gate, "clean");
	CHECK_INT(g.nw, 1);
	CHECK_HAS(g.warning[0], "c1/1.jsonl: warning: point 1 ended 'crashed' "
		  "after printing its result; kept the result");
}

/* ---- the directory as one source ---------------------------------------- */

static int hash_of(const char *dir, char hex[65], long long *bytes)
{
	struct sha256 c;

	sha256_init(&c);
	*bytes = 0;
	if (hdb_hash_halodb_run(dir, &c, bytes))
		return -1;
	sha256_final_hex(&c, hex);
	return 0;
}

static void the_hash_is_the_files_not_the_place(void)
{
	char a[65], b[65], dir[1024];
	long long na, nb;

	CHECK_INT(run_manifest("h0", "{\"halodb_run\": 1, \"points\": ["
			       POINT("") "]}", jsonl_pp512), 0);
	CHECK_INT(run_manifest("h1", "{\"halodb_run\": 1, \"points\": ["
			       POINT("") "]}", jsonl_pp512), 0);
	snprintf(dir, sizeof(dir), "%s/h0", t_tmpdir());
	CHECK_INT(hash_of(dir, a, &na), 0);
	snprintf(dir, sizeof(dir), "%s/h1", t_tmpdir());
	CHECK_INT(hash_of(dir, b, &nb), 0);
	CHECK_STR(a, b);
	CHECK_INT(na, nb);
	/* a dot-file is no part of the run; any other file is */
	t_write("h1/.notes", "x");
	CHECK_INT(hash_of(dir, b, &nb), 0);
	CHECK_STR(b, a);
	t_write("h1/1.stderr.txt", "x");
	CHECK_INT(hash_of(dir, b, &nb), 0);
	CHECK(strcmp(a, b) != 0);
	CHECK_INT(nb, na + 1);
}

int main(void)
{
	RUN(a_clean_sweep_gives_each_point_with_its_gate);
	RUN(a_forced_sweep_names_its_host_and_every_row_is_dirty);
	RUN(a_wedged_point_is_a_row_of_its_status);
	RUN(a_crash_whose_stderr_says_oom_is_stored_oom);
	RUN(points_never_run_say_why);
	RUN(run_directories_are_told_by_their_manifest);
	RUN(manifest_errors_point_at_the_value);
	RUN(a_point_file_must_hold_the_points_result);
	RUN(a_point_cut_short_keeps_what_it_printed);
	RUN(the_hash_is_the_files_not_the_place);
	return t_done();
}
