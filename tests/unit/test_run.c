/*
 * test_run.c: the runner's pure parts (run/): profiles, llama-bench's
 * --help of four eras, the plan and its refusals, the GGUF header, every
 * gate check over fake proc and sys trees and nvidia-smi text, the
 * manifest (read back with jansson), and the process running: a timeout
 * kills the whole process group.
 */
#include "harness.h"
#include "../../run/run.h"
#include "../../util.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define FIX "tests/fixtures/run/"

/* Writes text at rel (under the temp dir), making its directories. */
static const char *put(const char *rel, const char *text)
{
	static char path[1024];
	char *p;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", t_tmpdir(), rel);
	for (p = path + strlen(t_tmpdir()) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
	f = fopen(path, "wb");
	if (!f || fwrite(text, 1, strlen(text), f) != strlen(text) || fclose(f)) {
		perror(path);
		exit(2);
	}
	return path;
}

static char *dir_of(const char *rel)
{
	return xasprintf("%s/%s", t_tmpdir(), rel);
}

static char *slurp_fix(const char *path)
{
	char *text = NULL;

	if (read_file(path, &text, NULL))
		T_FAIL("%s", hdb_errmsg());
	return text;
}

/* ---- profiles -------------------------------------------------------------- */

static void test_profiles_built_in(void)
{
	struct hdb_profile p;
	size_t i;

	for (i = 0; hdb_profile_names[i]; i++) {
		CHECK(!hdb_profile_load(hdb_profile_names[i], &p));
		CHECK_STR(p.name, hdb_profile_names[i]);
		CHECK(p.reps >= 6);
		hdb_profile_release(&p);
	}
	CHECK(!hdb_profile_load("strix-halo", &p));
	CHECK_STR(p.file, "data/profiles/strix-halo.profile");
	CHECK_STR(p.backend, "Vulkan");
	CHECK_STR(p.kv_k, "q8_0");
	CHECK_STR(p.kv_v, "q8_0");
	CHECK_INT(p.ec_fan_min_rpm, 3500);
	CHECK_STR(p.ec_fan_mode, "fixed");
	CHECK_INT(p.ec_fan_level, 5);
	CHECK_STR(p.power_modes, "balanced,performance");
	CHECK_INT(p.gpu, HDB_GPU_AMDGPU);
	CHECK_INT(p.unified, 1);
	CHECK_STR(p.depths, "0,8192,32768,65536");
	hdb_profile_release(&p);
	CHECK(!hdb_profile_load("a30", &p));
	CHECK_STR(p.backend, "CUDA");
	CHECK_STR(p.kv_k, "q4_0");
	CHECK_INT(p.gpu, HDB_GPU_NVIDIA);
	CHECK_INT(p.ec_fan_min_rpm, -1);
	hdb_profile_release(&p);
	CHECK(!hdb_profile_load("generic", &p));
	CHECK(!p.kv_k);
	CHECK_INT(p.fa, -1);
	CHECK_INT(p.gpu, HDB_GPU_AUTO);
	hdb_profile_release(&p);
	CHECK(hdb_profile_load("strix", &p));
	CHECK_STR(hdb_errmsg(), "no profile 'strix': expected strix-halo, "
		  "a30, generic or the path of a .profile file");
}

static void test_profile_file(void)
{
	struct hdb_profile p;
	const char *path = put("mine.profile",
			       "# my box\n"
			       "backend = ROCm   # HIP build\n"
			       "kv = q8_0/f16\n"
			       "fa = on\n"
			       "reps=10\n"
			       "\n"
			       "temp_sensors = k10temp,amdgpu\n");

	CHECK(!hdb_profile_load(path, &p));
	CHECK_STR(p.name, "mine");
	CHECK_STR(p.backend, "ROCm");
	CHECK_STR(p.kv_k, "q8_0");
	CHECK_STR(p.kv_v, "f16");
	CHECK_INT(p.fa, 1);
	CHECK_INT(p.reps, 10);
	CHECK_INT(p.n_settings, 5);
	CHECK_STR(p.settings[1].key, "kv");
	CHECK_STR(p.settings[1].value, "q8_0/f16");
	hdb_profile_release(&p);
}

static void test_profile_errors(void)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{ "fan_min = 3500\n",
		  "x.profile:1:1: unknown key 'fan_min' (see "
		  "data/profiles/README.md)" },
		{ "# c\n  reps = six\n",
		  "x.profile:2:10: reps: expected a number of repetitions (1 "
		  "or more), got 'six'" },
		{ "reps = 0\n",
		  "x.profile:1:8: reps: expected a number of repetitions (1 "
		  "or more), got '0'" },
		{ "kv = q9_0\n",
		  "x.profile:1:6: kv: expected a KV cache type such as q8_0, "
		  "or K/V types such as q8_0/q4_0, got 'q9_0'" },
		{ "gpu = radeon\n",
		  "x.profile:1:7: gpu: expected auto, none, nvidia or amdgpu, "
		  "got 'radeon'" },
		{ "depths = 0, 8192\n",
		  "x.profile:1:10: depths: expected depths such as "
		  "0,8192,32768, got '0, 8192'" },
		{ "fa = 1\nfa = 0\n", "x.profile:2:1: 'fa' is set twice" },
		{ "just words\n", "x.profile:1:1: expected 'key = value'" },
		{ "ec_fan_level = 6\n",
		  "x.profile:1:16: ec_fan_level: expected a level from 0 to 5, "
		  "got '6'" },
	};
	struct hdb_profile p;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK(hdb_profile_parse(cases[i].text, "x.profile", &p) == -1);
		CHECK_STR(hdb_errmsg(), cases[i].msg);
	}
}

/* ---- llama-bench's --help ---------------------------------------------------- */

static void test_help_eras(void)
{
	struct hdb_bench_caps c;
	char *t;

	/* the real build 9749 */
	t = slurp_fix(FIX "help/b9749.txt");
	CHECK(!hdb_bench_parse_help(t, &c));
	CHECK(c.has_d && c.has_pg && c.has_ub && c.has_ctk && c.has_ctv &&
	      c.has_ngl && c.has_list_devices && c.jsonl);
	CHECK_INT(c.fa, HDB_FA_WORDS);
	free(t);
	/* mid-2025: -d, -fa <0|1> */
	t = slurp_fix(FIX "help/readme-b6321.txt");
	CHECK(!hdb_bench_parse_help(t, &c));
	CHECK(c.has_d && c.jsonl && c.has_ub && !c.has_list_devices);
	CHECK_INT(c.fa, HDB_FA_NUMERIC);
	free(t);
	/* April 2025: no -d yet */
	t = slurp_fix(FIX "help/readme-b5099.txt");
	CHECK(!hdb_bench_parse_help(t, &c));
	CHECK(!c.has_d && c.jsonl && c.has_pg && c.has_ub);
	CHECK_INT(c.fa, HDB_FA_NUMERIC);
	free(t);
	/* early 2024: '-ctk <t>, --cache-type-k <t>', no -fa, no jsonl */
	t = slurp_fix(FIX "help/before-fa.txt");
	CHECK(!hdb_bench_parse_help(t, &c));
	CHECK(!c.has_d && !c.jsonl && c.has_o && c.has_ctk && c.has_ctv &&
	      !c.has_ub && !c.has_pg);
	CHECK_INT(c.fa, HDB_FA_NONE);
	free(t);
	CHECK(hdb_bench_parse_help("usage: llama-server [options]\n"
				   "  -m, --model FNAME\n", &c) == -1);
	CHECK_STR(hdb_errmsg(), "does not look like llama-bench's --help: it "
		  "lists no -p, --n-prompt");
}

static void test_build_line(void)
{
	char commit[41];
	long n = 0;
	char devs[64];

	CHECK(!hdb_bench_parse_build("| model | size |\n| --- | --- |\n\n"
				     "build: d32676d (9749)\n", commit, &n));
	CHECK_STR(commit, "d32676d");
	CHECK_INT(n, 9749);
	CHECK(hdb_bench_parse_build("build: unknown (0)\n", commit, &n) == -1);
	CHECK(hdb_bench_parse_build("", commit, &n) == -1);
	hdb_bench_parse_devices("Available devices:\n"
				"  Vulkan0: Radeon 8060S Graphics (RADV GFX1151)"
				" (65536 MiB, 60000 MiB free)\n"
				"  Vulkan1: llvmpipe\n"
				"  CUDA0: NVIDIA A30 (24062 MiB, 23800 MiB free)\n",
				devs, sizeof(devs));
	CHECK_STR(devs, "Vulkan,CUDA");
	hdb_bench_parse_devices("Available devices:\n  (none)\n", devs,
				sizeof(devs));
	CHECK_STR(devs, "");
}

/* ---- the plan -------------------------------------------------------------- */

/* A plan over the tiny fixture model with the given --help. */
static int plan_for_build(struct hdb_plan *plan, const char *help,
			  const struct hdb_run_options *o,
			  const char *profile, long build)
{
	memset(plan, 0, sizeof(*plan));
	if (hdb_profile_load(profile, &plan->profile))
		return -1;
	plan->model = xstrdup("/m/tiny.gguf");
	plan->model_name = xstrdup("tiny.gguf");
	plan->model_bytes = 4LL << 30;
	plan->bench.path = xstrdup("/bin/llama-bench");
	plan->bench.number = build;
	if (help) {
		plan->bench.help = slurp_fix(help);
		hdb_bench_parse_help(plan->bench.help, &plan->bench.caps);
	}
	if (plan->profile.kv_k) {
		plan->kv_k = xstrdup(o->kv ? o->kv : plan->profile.kv_k);
		plan->kv_v = xstrdup(o->kv ? o->kv : plan->profile.kv_v);
	} else if (o->kv) {
		plan->kv_k = xstrdup(o->kv);
		plan->kv_v = xstrdup(o->kv);
	}
	plan->fa = o->fa >= 0 ? o->fa : plan->profile.fa;
	plan->ngl = plan->profile.ngl;
	plan->ubatch = o->ubatch > 0 ? o->ubatch : plan->profile.ubatch;
	plan->reps = plan->profile.reps;
	return hdb_plan_points(plan, o);
}

static int plan_for(struct hdb_plan *plan, const char *help,
		    const struct hdb_run_options *o, const char *profile)
{
	return plan_for_build(plan, help, o, profile, 9749);
}

static void test_plan_argv(void)
{
	struct hdb_run_options o;
	struct hdb_plan plan;
	char *cmd;

	memset(&o, 0, sizeof(o));
	o.fa = -1;
	o.depths = "0,8192";
	CHECK(!plan_for(&plan, FIX "help/b9749.txt", &o, "strix-halo"));
	CHECK(!plan.refused);
	CHECK_INT(plan.n_points, 4);
	CHECK_INT(plan.max_depth, 8192);
	cmd = hdb_run_quote_argv(plan.points[3].argv);
	CHECK_STR(cmd, "/bin/llama-bench -m /m/tiny.gguf -p 0 -n 128 -d 8192 "
		  "-r 6 -ctk q8_0 -ctv q8_0 -fa on -ngl 99 -o jsonl");
	free(cmd);
	CHECK_STR(plan.points[0].stdout_name, "1-pp512-d0.jsonl");
	CHECK_STR(plan.points[3].stderr_name, "4-tg128-d8192.stderr.txt");
	CHECK_INT(hdb_point_ctx(&plan.points[3]), 8192 + 128);
	/* deeper points take longer */
	CHECK(plan.points[2].estimate_s > plan.points[0].estimate_s);
	hdb_plan_release(&plan);
	/* the same on a build whose -fa takes 0|1 */
	CHECK(!plan_for(&plan, FIX "help/readme-b6321.txt", &o, "a30"));
	CHECK(!plan.refused);
	cmd = hdb_run_quote_argv(plan.points[0].argv);
	CHECK_STR(cmd, "/bin/llama-bench -m /m/tiny.gguf -p 512 -n 0 -d 0 "
		  "-r 6 -ctk q4_0 -ctv q4_0 -fa 1 -ngl 99 -o jsonl");
	free(cmd);
	hdb_plan_release(&plan);
	/* 10 points or more: names padded to the width of N */
	o.depths = "0,1,2,3,4";
	o.tests = "pp512,tg128,pp4096+tg256";
	CHECK(!plan_for(&plan, FIX "help/b9749.txt", &o, "generic"));
	CHECK_INT(plan.n_points, 15);
	CHECK_STR(plan.points[0].stdout_name, "01-pp512-d0.jsonl");
	CHECK_STR(plan.points[14].stdout_name, "15-pp4096+tg256-d4.jsonl");
	cmd = hdb_run_quote_argv(plan.points[2].argv);
	CHECK_STR(cmd, "/bin/llama-bench -m /m/tiny.gguf -p 0 -n 0 -pg "
		  "4096,256 -d 0 -r 6 -o jsonl");
	free(cmd);
	hdb_plan_release(&plan);
}

static void test_plan_refused(void)
{
	struct hdb_run_options o;
	struct hdb_plan plan;

	memset(&o, 0, sizeof(o));
	o.fa = -1;
	o.depths = "0,8192";
	char *cmd;

	/* no -d before build 5221 */
	CHECK(!plan_for_build(&plan, FIX "help/readme-b5099.txt", &o,
			      "generic", 5099));
	CHECK_STR(plan.refused, "depth 8192 needs llama-bench's -d (from "
		  "build 5221), which llama-bench build 5099 lacks: update llama.cpp, or "
		  "run --depths 0");
	hdb_plan_release(&plan);
	/* at depth 0 that build is fine, without -d on its command line */
	o.depths = "0";
	CHECK(!plan_for_build(&plan, FIX "help/readme-b5099.txt", &o, "a30",
			      5099));
	CHECK(!plan.refused);
	cmd = hdb_run_quote_argv(plan.points[0].argv);
	CHECK_STR(cmd, "/bin/llama-bench -m /m/tiny.gguf -p 512 -n 0 -r 6 "
		  "-ctk q4_0 -ctv q4_0 -fa 1 -ngl 99 -o jsonl");
	free(cmd);
	hdb_plan_release(&plan);
	/* no JSONL */
	CHECK(!plan_for_build(&plan, FIX "help/before-fa.txt", &o, "generic",
			      -1));
	CHECK_STR(plan.refused, "this llama-bench cannot write JSONL (its "
		  "--help lists no '-o jsonl'): update llama.cpp");
	hdb_plan_release(&plan);
	/* a quantized V cache needs flash attention */
	o.fa = 0;
	CHECK(!plan_for(&plan, FIX "help/b9749.txt", &o, "strix-halo"));
	CHECK_STR(plan.refused, "a quantized V cache (q8_0) needs flash "
		  "attention: run with --fa 1, or --kv q8_0/f16");
	hdb_plan_release(&plan);
	o.fa = -1;
	o.kv = "q4_0";
	CHECK(!plan_for(&plan, FIX "help/readme-b6321.txt", &o, "generic"));
	CHECK_STR(plan.refused, "a quantized V cache (q4_0) needs flash "
		  "attention, which llama-bench build 9749 does not turn on by "
		  "default: "
		  "run with --fa 1");
	hdb_plan_release(&plan);
	/* the binary did not run at all */
	o.kv = NULL;
	CHECK(!plan_for(&plan, NULL, &o, "generic"));
	CHECK_STR(plan.refused, "llama-bench did not run: build llama.cpp's "
		  "llama-bench, and put it on PATH or pass --llama-bench "
		  "PATH");
	hdb_plan_release(&plan);
}

static void test_options(void)
{
	struct hdb_run_options o;

	memset(&o, 0, sizeof(o));
	o.depths = "0,8k";
	CHECK(hdb_run_check_options(&o) == -1);
	CHECK_STR(hdb_errmsg(), "--depths: expected depths in tokens such as "
		  "0,8192,32768, got '0,8k'");
	o.depths = "0,0";
	CHECK(hdb_run_check_options(&o) == -1);
	CHECK_STR(hdb_errmsg(), "--depths: depth 0 is given twice");
	o.depths = NULL;
	o.tests = "pp512,tg";
	CHECK(hdb_run_check_options(&o) == -1);
	CHECK_STR(hdb_errmsg(), "--tests: expected tests such as pp512,tg128 "
		  "or pp4096+tg256, got 'tg'");
	o.tests = "pp512+tg128,tg128";
	CHECK(!hdb_run_check_options(&o));
	o.kv = "q8";
	CHECK(hdb_run_check_options(&o) == -1);
	o.kv = "q8_0/q4_0";
	CHECK(!hdb_run_check_options(&o));
	{
		char *s = hdb_run_slug("Qwen3-Coder 30B (A3B)_Q4_K_M.gguf");

		CHECK_STR(s, "qwen3-coder-30b-a3b-_q4_k_m");
		free(s);
		s = hdb_run_slug("../..");
		CHECK_STR(s, "x");
		free(s);
	}
}

/* ---- the GGUF header ---------------------------------------------------------- */

struct gg {
	struct strbuf sb;
	uint64_t n;
};

static void gg_u32(struct strbuf *sb, uint32_t v)
{
	unsigned char b[4] = { v, v >> 8, v >> 16, v >> 24 };

	strbuf_add(sb, b, 4);
}

static void gg_u64(struct strbuf *sb, uint64_t v)
{
	gg_u32(sb, (uint32_t)v);
	gg_u32(sb, (uint32_t)(v >> 32));
}

static void gg_str(struct strbuf *sb, const char *s)
{
	gg_u64(sb, strlen(s));
	strbuf_addstr(sb, s);
}

static void gg_kv_u32(struct gg *g, const char *k, uint32_t v)
{
	gg_str(&g->sb, k);
	gg_u32(&g->sb, 4);
	gg_u32(&g->sb, v);
	g->n++;
}

static const char *gg_write(struct gg *g, const char *name)
{
	struct strbuf f = STRBUF_INIT;
	static char path[1024];
	FILE *fp;

	strbuf_addstr(&f, "GGUF");
	gg_u32(&f, 3);
	gg_u64(&f, 0);
	gg_u64(&f, g->n);
	strbuf_add(&f, g->sb.buf, g->sb.len);
	snprintf(path, sizeof(path), "%s/%s", t_tmpdir(), name);
	fp = fopen(path, "wb");
	fwrite(f.buf, 1, f.len, fp);
	fclose(fp);
	strbuf_release(&f);
	strbuf_release(&g->sb);
	g->n = 0;
	return path;
}

static void test_gguf(void)
{
	struct hdb_gguf_info info;
	struct gg g = { STRBUF_INIT, 0 };
	char path[1024];
	int i;

	CHECK(!hdb_gguf_read(FIX "tiny.gguf", &info));
	CHECK_STR(info.arch, "llama");
	CHECK_INT(info.n_layer, 2);
	/* 2 layers x 2 KV heads x 32 (128 wide / 4 heads) */
	CHECK_INT(info.k_elems, 128);
	CHECK_INT(info.v_elems, 128);
	CHECK_INT(hdb_kv_bytes(&info, "f16", "f16", 1000), 512000);
	CHECK_INT(hdb_kv_bytes(&info, "q8_0", "q8_0", 1024), 278528);
	/* per-layer head counts (an interleaved SWA or hybrid model),
	 * explicit key/value lengths, keys before the architecture */
	gg_kv_u32(&g, "qwen3.block_count", 4);
	gg_str(&g.sb, "general.architecture");
	gg_u32(&g.sb, 8);
	gg_str(&g.sb, "qwen3");
	g.n++;
	gg_kv_u32(&g, "qwen3.attention.head_count", 16);
	gg_str(&g.sb, "qwen3.attention.head_count_kv");
	g.n++;
	gg_u32(&g.sb, 9);
	gg_u32(&g.sb, 5);
	gg_u64(&g.sb, 4);
	for (i = 0; i < 4; i++)
		gg_u32(&g.sb, i == 2 ? 0 : 8);
	gg_kv_u32(&g, "qwen3.attention.key_length", 128);
	gg_kv_u32(&g, "qwen3.attention.value_length", 64);
	snprintf(path, sizeof(path), "%s", gg_write(&g, "swa.gguf"));
	CHECK(!hdb_gguf_read(path, &info));
	CHECK_STR(info.arch, "qwen3");
	CHECK_INT(info.k_elems, 3 * 8 * 128);
	CHECK_INT(info.v_elems, 3 * 8 * 64);
	/* MLA: the latent and the rope part per layer */
	gg_str(&g.sb, "general.architecture");
	gg_u32(&g.sb, 8);
	gg_str(&g.sb, "deepseek2");
	g.n++;
	gg_kv_u32(&g, "deepseek2.block_count", 61);
	gg_kv_u32(&g, "deepseek2.attention.head_count", 128);
	gg_kv_u32(&g, "deepseek2.attention.kv_lora_rank", 512);
	gg_kv_u32(&g, "deepseek2.rope.dimension_count", 64);
	snprintf(path, sizeof(path), "%s", gg_write(&g, "mla.gguf"));
	CHECK(!hdb_gguf_read(path, &info));
	CHECK(info.mla);
	CHECK_INT(info.k_elems, 61 * 576);
	CHECK_INT(info.v_elems, 61 * 512);
	/* not GGUF; cut short */
	CHECK(hdb_gguf_read(FIX "help/b9749.txt", &info) == -1);
	CHECK_STR(hdb_errmsg(), "'" FIX "help/b9749.txt': not a GGUF file");
	gg_str(&g.sb, "general.architecture");
	g.n = 1;
	snprintf(path, sizeof(path), "%s", gg_write(&g, "short.gguf"));
	CHECK(hdb_gguf_read(path, &info) == -1);
	CHECK_HAS(hdb_errmsg(), "not a GGUF file: its header ends early");
	/* the fallback rule: 512 KiB per token at f16 */
	CHECK_INT(hdb_kv_bytes(NULL, NULL, NULL, 2), 1024 * 1024);
	CHECK_INT(hdb_kv_bytes(NULL, "q8_0", "q8_0", 1), 278528);
}

static void test_gguf_real(void)
{
	struct hdb_gguf_info info;
	char *p = xasprintf("%s/../tools/llama.cpp/tiny-llama-Q4_K_M.gguf",
			    t_shared());

	if (access(p, R_OK)) {
		T_SKIP("%s is absent", p);
		free(p);
		return;
	}
	CHECK(!hdb_gguf_read(p, &info));
	CHECK_STR(info.arch, "llama");
	CHECK_INT(info.n_layer, 2);
	CHECK_INT(info.k_elems, 128);
	free(p);
}

/* ---- the gate's checks ---------------------------------------------------- */

static void fake_proc(const char *pid, const char *ppid, const char *comm,
		      const char *argv, size_t argv_len)
{
	char rel[256], *path, st[128];
	FILE *f;

	snprintf(rel, sizeof(rel), "proc/%s/comm", pid);
	put(rel, comm);
	snprintf(st, sizeof(st), "Name:\t%s\nPPid:\t%s\n", comm, ppid);
	snprintf(rel, sizeof(rel), "proc/%s/status", pid);
	put(rel, st);
	snprintf(rel, sizeof(rel), "proc/%s/cmdline", pid);
	path = xasprintf("%s", put(rel, ""));
	f = fopen(path, "wb");
	fwrite(argv, 1, argv_len, f);
	fclose(f);
	free(path);
}

#define ARGV(s) s, sizeof(s) - 1

static void base_input(struct hdb_gate_input *in)
{
	static char proc[512], sys[512];

	snprintf(proc, sizeof(proc), "%s/proc", t_tmpdir());
	snprintf(sys, sizeof(sys), "%s/sys", t_tmpdir());
	memset(in, 0, sizeof(*in));
	in->proc_root = proc;
	in->sys_root = sys;
	in->self = 900;
}

static void test_server_names(void)
{
	CHECK_STR(hdb_model_server_name("llama-server", NULL, 0),
		  "llama-server");
	CHECK_STR(hdb_model_server_name("text-generatio",
					ARGV("/usr/bin/text-generation-server"
					     "\0serve\0")),
		  "text-generation-server");
	CHECK_STR(hdb_model_server_name("python3",
					ARGV("python3\0-m\0vllm.entrypoints."
					     "openai.api_server\0")), "vllm");
	CHECK_STR(hdb_model_server_name("python",
					ARGV("/usr/bin/python\0koboldcpp.py\0"
					     "--model\0x.gguf\0")), "koboldcpp");
	CHECK_STR(hdb_model_server_name("ollama", ARGV("/usr/local/bin/ollama"
						       "\0serve\0")), "ollama");
	CHECK_STR(hdb_model_server_name("AppRun",
					ARGV("/opt/LM-Studio-0.3.5.AppImage\0")),
		  "LM-Studio");
	CHECK(!hdb_model_server_name("vim", ARGV("vim\0llama-server.log\0")));
	CHECK(!hdb_model_server_name("bash", ARGV("bash\0run-llama-server.sh"
						  "\0")));
	CHECK(!hdb_model_server_name("python3", ARGV("python3\0-c\0import "
						     "vllm\0")));
	CHECK(!hdb_model_server_name("halodb", ARGV("halodb\0run\0"
						    "--llama-bench\0"
						    "/x/llama-bench\0")));
}

static void test_check_processes(void)
{
	struct hdb_gate_input in;
	struct hdb_checks c = { NULL, 0 };

	base_input(&in);
	fake_proc("1", "0", "systemd", ARGV("/sbin/init\0"));
	fake_proc("700", "1", "vim", ARGV("vim\0llama-server.log\0"));
	/* our own llama-bench (a child of 900) is not another server */
	fake_proc("901", "900", "llama-bench", ARGV("llama-bench\0-m\0x\0"));
	hdb_check_processes(&in, &c);
	CHECK_INT(c.n, 1);
	CHECK(c.v[0].ok);
	CHECK_STR(c.v[0].reading, "no model server running");
	hdb_checks_release(&c);
	fake_proc("4242", "1", "llama-server", ARGV("llama-server\0-m\0"
						     "/m/q.gguf\0--mlock\0"));
	fake_proc("77", "1", "ollama", ARGV("/usr/bin/ollama\0serve\0"));
	in.nvsmi_apps = "3131, /usr/bin/python3, 20480\n"
			"4242, llama-server, 9000\n"
			"901, llama-bench, 100\n";
	hdb_check_processes(&in, &c);
	CHECK(!c.v[0].ok);
	CHECK_STR(c.v[0].reading, "ollama (pid 77), llama-server (pid 4242) "
		  "and python3 (pid 3131, 20480 MiB of GPU memory) are "
		  "running");
	CHECK_STR(c.v[0].fix, "stop them first (kill 77 4242 3131)");
	hdb_checks_release(&c);
	in.proc_root = "/nonexistent/proc";
	hdb_check_processes(&in, &c);
	CHECK_STR(c.v[0].reading, "cannot list processes: cannot open "
		  "'/nonexistent/proc': No such file or directory");
	hdb_checks_release(&c);
}

/* A plan with a 4 GiB model of the tiny shape (hdb_plan_need works);
 * released with mem_release. */
static void mem_plan(struct hdb_plan *plan, const char *profile)
{
	memset(plan, 0, sizeof(*plan));
	hdb_profile_load(profile, &plan->profile);
	plan->model_bytes = 4LL << 30;
	plan->ngl = -1;
	if (plan->profile.kv_k) {
		plan->kv_k = xstrdup(plan->profile.kv_k);
		plan->kv_v = xstrdup(plan->profile.kv_v);
	}
	CHECK(!hdb_gguf_read(FIX "tiny.gguf", &plan->gguf));
	plan->have_gguf = 1;
}

static void mem_release(struct hdb_plan *plan)
{
	hdb_profile_release(&plan->profile);
	free(plan->kv_k);
	free(plan->kv_v);
	plan->kv_k = plan->kv_v = NULL;
}

static void test_check_memory(void)
{
	struct hdb_gate_input in;
	struct hdb_checks c = { NULL, 0 };
	struct hdb_plan plan;

	base_input(&in);
	mem_plan(&plan, "generic");
	in.ctx = 65536 + 512;
	in.need = hdb_plan_need(&plan, in.ctx, &in.kv);
	put("proc/meminfo", "MemTotal: 16777216 kB\n"
	    "MemAvailable:    5242880 kB\n");
	hdb_check_memory(&plan, &in, &c);
	CHECK(!c.v[0].ok);
	CHECK_STR(c.v[0].reading, "MemAvailable 5.0 GiB is less than the "
		  "6.0 GiB needed (model 4.0 GiB + KV cache 32.2 MiB at 66048 "
		  "tokens + margin 2.0 GiB)");
	CHECK_STR(c.v[0].fix, "free memory (stop what holds it), or leave "
		  "the deepest depths out (--depths)");
	hdb_checks_release(&c);
	put("proc/meminfo", "MemAvailable:   23068672 kB\n");
	hdb_check_memory(&plan, &in, &c);
	CHECK(c.v[0].ok);
	CHECK_STR(c.v[0].reading, "MemAvailable 22.0 GiB, 6.0 GiB needed "
		  "(model 4.0 GiB + KV cache 32.2 MiB at 66048 tokens + margin "
		  "2.0 GiB)");
	hdb_checks_release(&c);
	/* a discrete GPU: the host keeps only the margin (and the layers
	 * beyond -ngl) */
	mem_release(&plan);
	mem_plan(&plan, "a30");
	in.need = hdb_plan_need(&plan, in.ctx, &in.kv);
	put("proc/meminfo", "MemAvailable:    1048576 kB\n");
	hdb_check_memory(&plan, &in, &c);
	CHECK(!c.v[0].ok);
	CHECK_STR(c.v[0].reading, "MemAvailable 1.0 GiB is less than the "
		  "1.5 GiB needed (0 B of the model on the host + margin 1.5 "
		  "GiB)");
	hdb_checks_release(&c);
	plan.ngl = 1;
	put("proc/meminfo", "MemAvailable:    8388608 kB\n");
	hdb_check_memory(&plan, &in, &c);
	CHECK(c.v[0].ok);
	CHECK_STR(c.v[0].reading, "MemAvailable 8.0 GiB, 3.5 GiB needed (the "
		  "model and its KV cache go to GPU memory; 2.0 GiB of the "
		  "model stays on the host)");
	hdb_checks_release(&c);
	mem_release(&plan);
}

static void test_check_gpu_memory(void)
{
	struct hdb_gate_input in;
	struct hdb_checks c = { NULL, 0 };
	struct hdb_plan plan;

	base_input(&in);
	mem_plan(&plan, "a30");
	plan.ngl = 99;
	in.ctx = 8192;
	in.need = hdb_plan_need(&plan, in.ctx, &in.kv);
	in.nvsmi_gpus = "3800, 41, [N/A]\n";
	hdb_check_gpu_memory(&plan, &in, &c);
	CHECK(!c.v[0].ok);
	CHECK_STR(c.v[0].reading, "GPU memory free 3.7 GiB is less than the "
		  "5.5 GiB needed (model 4.0 GiB + KV cache 1.1 MiB at 8192 "
		  "tokens + margin 1.5 GiB)");
	hdb_checks_release(&c);
	in.nvsmi_gpus = "23800, 41, [N/A]\n24000, 39, [N/A]\n";
	hdb_check_gpu_memory(&plan, &in, &c);
	CHECK(c.v[0].ok);
	CHECK_STR(c.v[0].reading, "GPU memory free 46.7 GiB (GPU0 23.2 GiB, "
		  "GPU1 23.4 GiB), 5.5 GiB needed (model 4.0 GiB + KV cache "
		  "1.1 MiB at 8192 tokens + margin 1.5 GiB)");
	hdb_checks_release(&c);
	in.nvsmi_gpus = "[N/A], 41, [N/A]\n";
	hdb_check_gpu_memory(&plan, &in, &c);
	CHECK_STR(c.v[0].reading, "GPU0's free memory is unknown: nvidia-smi "
		  "reads memory.free as '[N/A]'");
	hdb_checks_release(&c);
	in.nvsmi_gpus = NULL;
	in.nvsmi_error = "NVIDIA-SMI has failed because it couldn't "
			 "communicate with the NVIDIA driver.";
	hdb_check_gpu_memory(&plan, &in, &c);
	CHECK_STR(c.v[0].reading, "nvidia-smi did not answer: NVIDIA-SMI has "
		  "failed because it couldn't communicate with the NVIDIA "
		  "driver.");
	hdb_checks_release(&c);
	mem_release(&plan);
	/* Strix Halo: VRAM carve-out + GTT */
	mem_plan(&plan, "strix-halo");
	in.need = hdb_plan_need(&plan, in.ctx, &in.kv);
	put("sys/class/drm/card0/device/mem_info_vram_total", "536870912\n");
	put("sys/class/drm/card0/device/mem_info_vram_used", "104857600\n");
	put("sys/class/drm/card0/device/mem_info_gtt_total", "8589934592\n");
	put("sys/class/drm/card0/device/mem_info_gtt_used", "4294967296\n");
	put("sys/class/drm/card0-DP-1/status", "connected\n");
	hdb_check_gpu_memory(&plan, &in, &c);
	CHECK(!c.v[0].ok);
	CHECK_STR(c.v[0].reading, "GPU memory free 4.4 GiB (card0 VRAM 412.0 "
		  "MiB of 512.0 MiB + GTT 4.0 GiB of 8.0 GiB) is less than the "
		  "8.0 GiB needed (model 4.0 GiB + KV cache 2.1 MiB at 8192 "
		  "tokens + margin 4.0 GiB)");
	hdb_checks_release(&c);
	/* the generic profile reads nvidia-smi, then amdgpu, else nothing */
	mem_release(&plan);
	mem_plan(&plan, "generic");
	hdb_check_gpu_memory(&plan, &in, &c);
	CHECK_HAS(c.v[0].reading, "card0 VRAM 412.0 MiB of 512.0 MiB)");
	hdb_checks_release(&c);
	in.sys_root = "/nonexistent/sys";
	hdb_check_gpu_memory(&plan, &in, &c);
	CHECK(c.v[0].ok);
	CHECK_STR(c.v[0].reading, "no GPU memory to read (no nvidia-smi "
		  "answer, no amdgpu card)");
	hdb_checks_release(&c);
	mem_release(&plan);
}

static void test_check_fans_power(void)
{
	struct hdb_gate_input in;
	struct hdb_checks c = { NULL, 0 };
	struct hdb_profile p;
	char *fix;

	base_input(&in);
	CHECK(!hdb_profile_load("strix-halo", &p));
	/* no driver */
	hdb_check_fans(&p, &in, &c);
	hdb_check_power(&p, &in, &c);
	CHECK(!c.v[0].ok);
	fix = xasprintf("no ec_su_axb35 fans: no %s/class/ec_su_axb35/fan*",
			in.sys_root);
	CHECK_STR(c.v[0].reading, fix);
	free(fix);
	CHECK_STR(c.v[0].fix, "load the ec_su_axb35 driver "
		  "(github.com/cmetz/ec-su_axb35-linux: sudo modprobe "
		  "ec_su_axb35), or use a profile that does not check it");
	CHECK(!c.v[1].ok);
	hdb_checks_release(&c);
	put("sys/class/ec_su_axb35/fan1/rpm", "4100\n");
	put("sys/class/ec_su_axb35/fan1/mode", "fixed\n");
	put("sys/class/ec_su_axb35/fan1/level", "5\n");
	put("sys/class/ec_su_axb35/fan2/rpm", "2100\n");
	put("sys/class/ec_su_axb35/fan2/mode", "auto\n");
	put("sys/class/ec_su_axb35/fan2/level", "2\n");
	put("sys/class/ec_su_axb35/apu/power_mode", "quiet\n");
	hdb_check_fans(&p, &in, &c);
	hdb_check_power(&p, &in, &c);
	CHECK(!c.v[0].ok);
	CHECK_STR(c.v[0].reading, "fan2 at 2100 rpm, below 3500; fan2 mode "
		  "auto, not fixed; fan2 level 2, not 5");
	fix = xasprintf("pin every fan: echo fixed | sudo tee "
			"%s/class/ec_su_axb35/fan*/mode; echo 5 | sudo tee "
			"%s/class/ec_su_axb35/fan*/level", in.sys_root,
			in.sys_root);
	CHECK_STR(c.v[0].fix, fix);
	free(fix);
	CHECK(!c.v[1].ok);
	CHECK_STR(c.v[1].reading, "power mode quiet, not balanced or "
		  "performance");
	hdb_checks_release(&c);
	put("sys/class/ec_su_axb35/fan2/rpm", "3900\n");
	put("sys/class/ec_su_axb35/fan2/mode", "fixed\n");
	put("sys/class/ec_su_axb35/fan2/level", "5\n");
	put("sys/class/ec_su_axb35/apu/power_mode", "performance\n");
	hdb_check_fans(&p, &in, &c);
	hdb_check_power(&p, &in, &c);
	CHECK(c.v[0].ok && c.v[1].ok);
	CHECK_STR(c.v[0].reading, "fan1 4100 rpm (fixed, level 5), fan2 3900 "
		  "rpm (fixed, level 5), at least 3500 rpm");
	CHECK_STR(c.v[1].reading, "power mode performance");
	hdb_checks_release(&c);
	hdb_profile_release(&p);
	/* a30: nvidia-smi's '[N/A]' fan is no failure */
	CHECK(!hdb_profile_load("a30", &p));
	in.nvsmi_gpus = "23800, 41, [N/A]\n";
	in.sys_root = "/nonexistent/sys";
	hdb_check_fans(&p, &in, &c);
	CHECK(c.v[0].ok);
	CHECK_STR(c.v[0].reading, "GPU0 passively cooled (fan.speed [N/A]); "
		  "not checked by this profile");
	hdb_checks_release(&c);
	hdb_profile_release(&p);
	/* a profile of one's own asking for hwmon fans */
	CHECK(!hdb_profile_parse("hwmon_fan_min_rpm = 800\n", "h.profile",
				 &p));
	base_input(&in);
	put("sys/class/hwmon/hwmon3/name", "nct6799\n");
	put("sys/class/hwmon/hwmon3/fan1_input", "1200\n");
	put("sys/class/hwmon/hwmon3/fan2_input", "0\n");
	hdb_check_fans(&p, &in, &c);
	CHECK(!c.v[0].ok);
	CHECK_HAS(c.v[0].reading, "nct6799 fan2 at 0 rpm, below 800");
	hdb_checks_release(&c);
	hdb_profile_release(&p);
}

static void test_check_temperatures(void)
{
	struct hdb_gate_input in;
	struct hdb_checks c = { NULL, 0 };
	struct hdb_profile p;

	base_input(&in);
	CHECK(!hdb_profile_load("strix-halo", &p));
	put("sys/class/hwmon/hwmon0/name", "k10temp\n");
	put("sys/class/hwmon/hwmon0/temp1_input", "61500\n");
	put("sys/class/hwmon/hwmon0/temp1_label", "Tctl\n");
	put("sys/class/hwmon/hwmon1/name", "amdgpu\n");
	put("sys/class/hwmon/hwmon1/temp1_input", "55000\n");
	put("sys/class/hwmon/hwmon1/temp1_label", "edge\n");
	/* not one of the profile's sensors, however hot */
	put("sys/class/hwmon/hwmon2/name", "nvme\n");
	put("sys/class/hwmon/hwmon2/temp1_input", "91000\n");
	put("sys/class/ec_su_axb35/temp1/temp", "52\n");
	hdb_check_temperatures(&p, &in, &c);
	CHECK(c.v[0].ok);
	CHECK_STR(c.v[0].reading, "hottest 62 C (k10temp Tctl), limit 85 C");
	hdb_checks_release(&c);
	put("sys/class/hwmon/hwmon1/temp1_input", "88000\n");
	put("sys/class/ec_su_axb35/temp1/temp", "90\n");
	hdb_check_temperatures(&p, &in, &c);
	CHECK(!c.v[0].ok);
	CHECK_STR(c.v[0].reading, "amdgpu edge at 88 C, ec_su_axb35 temp1 at "
		  "90 C, limit 85 C");
	CHECK_STR(c.v[0].fix, "let the machine cool down (and check its "
		  "fans)");
	hdb_checks_release(&c);
	hdb_profile_release(&p);
	CHECK(!hdb_profile_load("a30", &p));
	in.sys_root = "/nonexistent/sys";
	in.nvsmi_gpus = "23800, 83, [N/A]\n";
	hdb_check_temperatures(&p, &in, &c);
	CHECK_STR(c.v[0].reading, "GPU0 at 83 C, limit 80 C");
	hdb_checks_release(&c);
	hdb_profile_release(&p);
}

static void test_check_bench(void)
{
	struct hdb_checks c = { NULL, 0 };
	struct hdb_plan plan;
	struct stat sb;
	const char *path = put("bench/llama-bench", "#!/bin/sh\n");

	memset(&plan, 0, sizeof(plan));
	hdb_profile_load("strix-halo", &plan.profile);
	plan.bench.path = xstrdup(path);
	plan.bench.error = xstrdup("llama-bench not found on PATH");
	hdb_check_bench(&plan, 1, &c);
	CHECK(!c.v[0].ok);
	CHECK_STR(c.v[0].reading, "llama-bench not found on PATH");
	CHECK_STR(c.v[0].fix, "build llama.cpp's llama-bench, and put it on "
		  "PATH or pass --llama-bench PATH");
	hdb_checks_release(&c);
	free(plan.bench.error);
	plan.bench.error = NULL;
	plan.bench.help = xstrdup("(help)");
	plan.bench.number = -1;
	hdb_check_bench(&plan, 1, &c);
	CHECK_HAS(c.v[0].reading, "build unknown: '");
	hdb_checks_release(&c);
	plan.bench.number = 9749;
	strcpy(plan.bench.commit, "d32676d");
	plan.bench.listed = 1;
	hdb_check_bench(&plan, 1, &c);
	CHECK_STR(c.v[0].reading, "build 9749 (d32676d) has no Vulkan device "
		  "(--list-devices: none)");
	CHECK_STR(c.v[0].fix, "build llama-bench with Vulkan (cmake "
		  "-DGGML_VULKAN=ON), or use --profile generic");
	hdb_checks_release(&c);
	strcpy(plan.bench.backends, "Vulkan");
	hdb_check_bench(&plan, 1, &c);
	CHECK(c.v[0].ok);
	CHECK_STR(c.v[0].reading, "build 9749 (d32676d), devices: Vulkan");
	hdb_checks_release(&c);
	/* before each point: the same file as when the sweep began */
	stat(path, &sb);
	plan.bench.dev = sb.st_dev;
	plan.bench.ino = sb.st_ino;
	plan.bench.size = sb.st_size;
	plan.bench.mtime = sb.st_mtime;
	hdb_check_bench(&plan, 0, &c);
	CHECK(c.v[0].ok);
	hdb_checks_release(&c);
	put("bench/llama-bench", "#!/bin/sh\n# rebuilt\n");
	hdb_check_bench(&plan, 0, &c);
	CHECK(!c.v[0].ok);
	CHECK_HAS(c.v[0].reading, "' changed since the sweep began");
	hdb_checks_release(&c);
	hdb_plan_release(&plan);
}

/* ---- the manifest ------------------------------------------------------------ */

static void test_json_string(void)
{
	struct strbuf sb = STRBUF_INIT;

	hdb_json_string(&sb, "a \"q\" \\ \n\t\x01 \xc3\xa9 \xff end");
	CHECK_STR(sb.buf, "\"a \\\"q\\\" \\\\ \\n\\t\\u0001 \xc3\xa9 \\ufffd "
		  "end\"");
	strbuf_release(&sb);
}

static void test_manifest(void)
{
	struct hdb_run_options o;
	struct hdb_plan plan;
	struct hdb_facts facts;
	struct hdb_checks *ck;
	json_t *root, *pts, *p0, *p1;
	json_error_t err;
	char *text, *dir;

	memset(&o, 0, sizeof(o));
	o.fa = -1;
	o.depths = "0";
	CHECK(!plan_for(&plan, FIX "help/b9749.txt", &o, "a30"));
	plan.host = xstrdup("a30");
	strcpy(plan.bench.commit, "d32676d");
	plan.points[0].status = HDB_POINT_OK;
	plan.points[0].gate = xstrdup("clean");
	plan.points[0].files = 1;
	plan.points[0].exit_code = 0;
	plan.points[0].seconds = 12.3456;
	ck = &plan.points[0].checks;
	hdb_checks_add(ck, "processes", 1, xstrdup("no model server running"),
		       NULL);
	hdb_checks_add(ck, "fans", 0, xstrdup("fan2 at 2100 rpm, below 3500"),
		       xstrdup("pin every fan"));
	plan.points[1].status = HDB_POINT_NOT_RUN;
	plan.points[1].error = xstrdup("gate: llama-server (pid 4242) is "
				       "running");
	memset(&facts, 0, sizeof(facts));
	facts.cpu = xstrdup("AMD EPYC \"7V13\"");
	facts.memory_total = 25769803776LL;
	facts.gpus = xcalloc(1, sizeof(*facts.gpus));
	facts.gpus[0] = xstrdup("NVIDIA A30 (24576 MiB)");
	facts.n_gpus = 1;
	facts.nvidia_driver = xstrdup("580.65.06");
	text = hdb_manifest_text(&plan, &facts, "2026-11-27T16:30:00Z",
				 "gate: llama-server (pid 4242) is running");
	root = json_loads(text, 0, &err);
	CHECK(root != NULL);
	if (!root) {
		T_FAIL("%s at %d:%d", err.text, err.line, err.column);
		goto out;
	}
	CHECK_INT(json_integer_value(json_object_get(root, "halodb_run")), 1);
	CHECK_STR(json_string_value(json_object_get(root, "host")), "a30");
	CHECK_STR(json_string_value(json_object_get(json_object_get(root,
		  "profile"), "name")), "a30");
	CHECK_STR(json_string_value(json_object_get(json_object_get(
		  json_object_get(root, "profile"), "settings"), "kv")),
		  "q4_0");
	CHECK_STR(json_string_value(json_object_get(json_object_get(root,
		  "facts"), "cpu")), "AMD EPYC \"7V13\"");
	CHECK_STR(json_string_value(json_object_get(json_object_get(
		  json_object_get(root, "facts"), "drivers"), "nvidia")),
		  "580.65.06");
	CHECK_INT(json_integer_value(json_object_get(json_object_get(root,
		  "llama_bench"), "build_number")), 9749);
	CHECK_STR(json_string_value(json_object_get(root, "stopped")),
		  "gate: llama-server (pid 4242) is running");
	pts = json_object_get(root, "points");
	CHECK_INT(json_array_size(pts), 2);
	p0 = json_array_get(pts, 0);
	p1 = json_array_get(pts, 1);
	CHECK_STR(json_string_value(json_object_get(p0, "test")), "pp512");
	CHECK_INT(json_integer_value(json_object_get(p0, "n_prompt")), 512);
	CHECK_STR(json_string_value(json_array_get(json_object_get(p0,
		  "argv"), 0)), "/bin/llama-bench");
	CHECK_STR(json_string_value(json_object_get(p0, "stdout")),
		  "1-pp512-d0.jsonl");
	CHECK_STR(json_string_value(json_object_get(p0, "gate")), "clean");
	CHECK_STR(json_string_value(json_object_get(p0, "status")), "ok");
	CHECK_NEAR(json_real_value(json_object_get(p0, "seconds")), 12.35,
		   1e-9);
	CHECK(json_is_false(json_object_get(json_array_get(json_object_get(p0,
		  "checks"), 1), "ok")));
	CHECK(json_is_null(json_object_get(p1, "stdout")));
	CHECK(json_is_null(json_object_get(p1, "exit")));
	CHECK(json_is_null(json_object_get(p1, "gate")));
	CHECK_STR(json_string_value(json_object_get(p1, "status")), "not_run");
	json_decref(root);
	/* written through a temporary, renamed over manifest.json */
	dir = dir_of("rundir");
	mkdir(dir, 0755);
	CHECK(!hdb_manifest_write(dir, &plan, &facts, "2026-11-27T16:30:00Z",
				  NULL));
	{
		char *p = xasprintf("%s/manifest.json", dir), *back;

		back = slurp_fix(p);
		CHECK(back && strstr(back, "\"stopped\": null"));
		free(back);
		free(p);
		p = xasprintf("%s/manifest.json.tmp", dir);
		CHECK(access(p, F_OK) == -1);
		free(p);
	}
	free(dir);
out:
	free(text);
	hdb_facts_release(&facts);
	hdb_plan_release(&plan);
}

static void test_facts(void)
{
	struct hdb_facts f;
	char *proc = dir_of("facts/proc"), *sys = dir_of("facts/sys");

	put("facts/proc/cpuinfo", "processor\t: 0\nmodel name\t: AMD RYZEN AI "
	    "MAX+ 395 w/ Radeon 8060S\n");
	put("facts/proc/meminfo", "MemTotal:       131072000 kB\n");
	put("facts/proc/sys/kernel/osrelease", "6.18.0\n");
	put("facts/proc/cmdline", "amd_iommu=off amdttm.pages_limit=27648000\n");
	put("facts/proc/driver/nvidia/version", "NVRM version: NVIDIA UNIX "
	    "x86_64 Kernel Module  580.65.06  Sun Jul 27 07:09:29 UTC 2025\n");
	put("facts/sys/class/drm/card1/device/mem_info_vram_total",
	    "536870912\n");
	put("facts/sys/class/drm/card1/device/vendor", "0x1002\n");
	put("facts/sys/class/drm/card1/device/device", "0x1586\n");
	put("facts/sys/module/amdgpu/initstate", "live\n");
	put("facts/sys/class/ec_su_axb35/fan1/rpm", "4000\n");
	hdb_facts_read(&f, proc, sys, "NVIDIA A30, 580.65.06, 24576\n");
	CHECK_STR(f.cpu, "AMD RYZEN AI MAX+ 395 w/ Radeon 8060S");
	CHECK_INT(f.memory_total, 131072000LL * 1024);
	CHECK_STR(f.kernel, "6.18.0");
	CHECK_STR(f.cmdline, "amd_iommu=off amdttm.pages_limit=27648000");
	CHECK_STR(f.nvidia_driver, "580.65.06");
	CHECK_INT(f.n_gpus, 2);
	CHECK_STR(f.gpus[0], "NVIDIA A30 (24576 MiB)");
	CHECK_STR(f.gpus[1], "amdgpu card1 0x1002:0x1586 (VRAM 512 MiB)");
	CHECK_STR(f.amdgpu_driver, "in-tree (kernel 6.18.0)");
	CHECK_STR(f.ec_driver, "loaded");
	hdb_facts_release(&f);
	/* the open kernel module, as an H100 machine printed it (the
	 * version came out as 'for' before) */
	put("facts/proc/driver/nvidia/version", "NVRM version: NVIDIA UNIX "
	    "Open Kernel Module for x86_64  580.159.04  Release Build  "
	    "(dvs-builder@U22-I3-AF03-09-1)  Thu Oct 30 2025\n");
	hdb_facts_read(&f, proc, sys, NULL);
	CHECK_STR(f.nvidia_driver, "580.159.04");
	hdb_facts_release(&f);
	free(proc);
	free(sys);
}

/* ---- processes ----------------------------------------------------------- */

static void test_exec_capture(void)
{
	char *argv[] = { "sh", "-c", "echo hello; echo err >&2; exit 3", NULL };
	char *slow[] = { "sh", "-c", "sleep 5", NULL };
	char *none[] = { "/nonexistent/llama-bench", "--help", NULL };
	char *out = NULL;
	int status = 0;

	CHECK(!hdb_exec_capture(argv, 10, 1 << 10, &out, &status));
	CHECK_STR(out, "hello\n");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3);
	free(out);
	CHECK(hdb_exec_capture(slow, 0.3, 1 << 10, &out, &status) == -1);
	CHECK_STR(hdb_errmsg(), "'sh' did not finish within 0 s (killed)");
	CHECK(hdb_exec_capture(none, 10, 1 << 10, &out, &status) == -1);
	CHECK_STR(hdb_errmsg(), "cannot run '/nonexistent/llama-bench': No "
		  "such file or directory");
}

/* Is pid gone (or a zombie waiting for init)? */
static int gone(long pid)
{
	char path[64], *st = NULL, *p;
	int dead = 1;

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	if (read_file(path, &st, NULL))
		return 1;
	p = strrchr(st, ')');
	if (p && p[1] == ' ' && p[2] != 'Z')
		dead = 0;
	free(st);
	return dead;
}

static void test_exec_point_timeout(void)
{
	/* the shell's child sleeps on in the same group: both must go */
	char script[512];
	char *argv[] = { "sh", "-c", script, NULL };
	const char *pids = put("pids", "");
	struct hdb_exec_result r;
	char *text = NULL;
	long a = 0, b = 0;
	int fd = open("/dev/null", O_WRONLY), tries;

	snprintf(script, sizeof(script), "sleep 30 & echo $$ $! > '%s'; wait",
		 pids);
	CHECK(!hdb_exec_point(argv, fd, fd, 0.5, NULL, NULL, &r));
	close(fd);
	CHECK(r.timed_out);
	CHECK(!r.interrupted && !r.unreaped);
	CHECK_INT(r.signal, SIGTERM);
	CHECK(r.seconds >= 0.5 && r.seconds < 5);
	CHECK(!read_file(pids, &text, NULL));
	CHECK(text && sscanf(text, "%ld %ld", &a, &b) == 2);
	free(text);
	for (tries = 0; tries < 100 && !(gone(a) && gone(b)); tries++)
		usleep(20000);
	CHECK(gone(a));
	CHECK(gone(b));
	/* exit codes and signals as they are */
	{
		char *crash[] = { "sh", "-c", "kill -SEGV $$", NULL };
		char *fail[] = { "sh", "-c", "exit 4", NULL };

		fd = open("/dev/null", O_WRONLY);
		CHECK(!hdb_exec_point(crash, fd, fd, 10, NULL, NULL, &r));
		CHECK_INT(r.signal, SIGSEGV);
		CHECK_INT(r.exit_code, -1);
		CHECK(!hdb_exec_point(fail, fd, fd, 10, NULL, NULL, &r));
		CHECK_INT(r.exit_code, 4);
		CHECK_INT(r.signal, 0);
		close(fd);
	}
}

int main(void)
{
	RUN(test_profiles_built_in);
	RUN(test_profile_file);
	RUN(test_profile_errors);
	RUN(test_help_eras);
	RUN(test_build_line);
	RUN(test_plan_argv);
	RUN(test_plan_refused);
	RUN(test_options);
	RUN(test_gguf);
	RUN(test_gguf_real);
	RUN(test_server_names);
	RUN(test_check_processes);
	RUN(test_check_memory);
	RUN(test_check_gpu_memory);
	RUN(test_check_fans_power);
	RUN(test_check_temperatures);
	RUN(test_check_bench);
	RUN(test_json_string);
	RUN(test_manifest);
	RUN(test_facts);
	RUN(test_exec_capture);
	RUN(test_exec_point_timeout);
	return t_done();
}
