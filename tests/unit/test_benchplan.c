/* Unit tests: ingest/benchplan.c, the tests a llama-bench command line
 * plans, in llama-bench's order, and where a run that died stopped. */
#include "harness.h"
#include "../../ingest/parsers.h"
#include "../../util.h"

/* Reads line, which must be a plan. */
static struct hdb_plan *plan_of(const char *line)
{
	struct hdb_plan *p = NULL;
	const char *why = NULL;
	int rc = hdb_plan_read(line, &p, &why);

	if (rc != 1)
		T_FAIL("'%s': expected a plan, got %d (%s)", line, rc,
		       why ? why : "-");
	return p;
}

/* The points of p as 'test@depth' words, ' ' between. */
static void points(const struct hdb_plan *p, char *buf, size_t size)
{
	struct hdb_plan_point pt;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; p && i < hdb_plan_size(p); i++) {
		hdb_plan_point(p, i, &pt);
		if (i)
			strbuf_addch(&sb, ' ');
		if (pt.n_prompt)
			strbuf_addf(&sb, "pp%lld", pt.n_prompt);
		if (pt.n_prompt && pt.n_gen)
			strbuf_addch(&sb, '+');
		if (pt.n_gen)
			strbuf_addf(&sb, "tg%lld", pt.n_gen);
		strbuf_addf(&sb, "@%lld", pt.n_depth);
	}
	snprintf(buf, size, "%s", strbuf_str(&sb));
	strbuf_release(&sb);
}

static void a_depth_sweep_runs_each_depth_with_pp_then_tg(void)
{
	struct hdb_plan *p = plan_of("+ /opt/llama.cpp/build/bin/llama-bench "
		"-m /srv/models/llama-F16.gguf -d 0,65536,131072 -r 5 -o json");
	struct hdb_plan_point pt;
	char buf[512];

	points(p, buf, sizeof(buf));
	CHECK_STR(buf, "pp512@0 tg128@0 pp512@65536 tg128@65536 "
		  "pp512@131072 tg128@131072");
	hdb_plan_point(p, 2, &pt);
	CHECK_STR(pt.model_file, "llama-F16.gguf");
	CHECK_INT(pt.flash_attn, HDB_UNSET);
	CHECK(pt.type_k == NULL);
	hdb_plan_free(p);
}

static void prompts_gens_and_pairs_are_innermost_zero_skipped(void)
{
	struct hdb_plan *p = plan_of("llama-bench -m a.gguf -p 0 -n 32,64 "
		"-pg 4096,256 -pg 0,0 -d 0-8192+8192");
	char buf[512];

	points(p, buf, sizeof(buf));
	CHECK_STR(buf, "tg32@0 tg64@0 pp4096+tg256@0 tg32@8192 tg64@8192 "
		  "pp4096+tg256@8192");
	hdb_plan_free(p);
	/* '*' ranges, a repeated -d adding to the first */
	p = plan_of("llama-bench -d 1024-8192*2 -d 65536 -n 0");
	points(p, buf, sizeof(buf));
	CHECK_STR(buf, "pp512@1024 pp512@2048 pp512@4096 pp512@8192 "
		  "pp512@65536");
	hdb_plan_free(p);
}

static void models_are_outermost_and_other_lists_outside_the_depth(void)
{
	struct hdb_plan *p = plan_of("llama-bench -m /m/a.gguf,/m/b.gguf "
		"-fa 0,on -ctk q8_0 -n 0 -d 0,8192");
	struct hdb_plan_point pt;
	static const struct {
		const char *model;
		long long fa, depth;
	} want[] = {
		{ "a.gguf", 0, 0 }, { "a.gguf", 0, 8192 },
		{ "a.gguf", 1, 0 }, { "a.gguf", 1, 8192 },
		{ "b.gguf", 0, 0 }, { "b.gguf", 0, 8192 },
		{ "b.gguf", 1, 0 }, { "b.gguf", 1, 8192 },
	};
	size_t i;

	CHECK_INT(hdb_plan_size(p), 8);
	for (i = 0; i < 8; i++) {
		hdb_plan_point(p, i, &pt);
		CHECK_STR(pt.model_file, want[i].model);
		CHECK_INT(pt.flash_attn, want[i].fa);
		CHECK_INT(pt.n_depth, want[i].depth);
		CHECK_STR(pt.type_k, "q8_0");
		CHECK_INT(pt.n_prompt, 512);
	}
	CHECK(hdb_plan_varies(p, HDB_PF_MODEL));
	CHECK(hdb_plan_varies(p, HDB_PF_FA));
	CHECK(!hdb_plan_varies(p, HDB_PF_TYPE_K));
	CHECK(!hdb_plan_varies(p, HDB_PF_NGL));
	hdb_plan_free(p);
	/* --poll is the one list inside the depth */
	p = plan_of("llama-bench --poll 0,50 -n 0 -d 0,8192 -t 4,8");
	{
		char buf[256];

		points(p, buf, sizeof(buf));
		CHECK_STR(buf, "pp512@0 pp512@0 pp512@8192 pp512@8192 "
			  "pp512@0 pp512@0 pp512@8192 pp512@8192");
		hdb_plan_point(p, 4, &pt);
		CHECK_INT(pt.n_threads, 8);
	}
	hdb_plan_free(p);
}

static void what_a_shell_would_run_is_read_as_it_would(void)
{
	struct hdb_plan *a, *b;
	struct hdb_plan_point pt;

	/* an echo, a pipe, a redirection, quotes, a Windows path */
	a = plan_of("Running: llama-bench -m '/models/My Model-Q4_K_M.gguf' "
		    "-p 512 -n 128 -d 32768 2>&1 | tee run.log");
	hdb_plan_point(a, 1, &pt);
	CHECK_STR(pt.model_file, "My Model-Q4_K_M.gguf");
	CHECK_INT(pt.n_gen, 128);
	CHECK_INT(pt.n_depth, 32768);
	CHECK_INT(hdb_plan_size(a), 2);
	/* the same arguments, however quoted, whatever the program path */
	b = plan_of("+ /usr/bin/llama-bench -m \"/models/My Model-Q4_K_M.gguf\""
		    " -p 512 -n 128 -d 32768 > out.json");
	CHECK(hdb_plan_same(a, b));
	hdb_plan_free(b);
	b = plan_of("./llama-bench -m '/models/My Model-Q4_K_M.gguf' -p 512 "
		    "-n 128 -d 65536");
	CHECK(!hdb_plan_same(a, b));
	hdb_plan_free(a);
	hdb_plan_free(b);
	/* Windows: a backslash is a separator, not an escape */
	a = plan_of("\"C:\\llama\\llama-bench.exe\" -m C:\\models\\x.gguf "
		    "-n 0");
	hdb_plan_point(a, 0, &pt);
	CHECK_STR(pt.model_file, "x.gguf");
	hdb_plan_free(a);
	a = plan_of("PS C:\\llama> .\\llama-bench.exe -m C:\\m\\y.gguf");
	hdb_plan_point(a, 0, &pt);
	CHECK_STR(pt.model_file, "y.gguf");
	hdb_plan_free(a);
	/* the whole command echoed in quotes; --long_names with '_' */
	a = plan_of("echo 'llama-bench -m x.gguf --n_gen 0' >> log");
	CHECK_INT(hdb_plan_size(a), 1);
	hdb_plan_free(a);
}

static void lines_whose_tests_cannot_be_told_are_said_so(void)
{
	static const struct {
		const char *line, *why;
	} cases[] = {
		{ "llama-bench -m $MODEL -p 512", "it names shell variables" },
		{ "llama-bench -m x.gguf -c 4096",
		  "it has an option halodb does not know" },
		{ "llama-bench -m x.gguf -d \\", "it goes on on the next line" },
		{ "llama-bench -m 'x.gguf", "a quote is not closed" },
		{ "llama-bench -m x.gguf -p", "an option has no value" },
		{ "llama-bench -d 0-8192+0",
		  "an option's value is not what llama-bench takes" },
		{ "llama-bench -fa maybe",
		  "an option's value is not what llama-bench takes" },
		{ "llama-bench -hf ggml-org/x-GGUF",
		  "its models come from Hugging Face" },
		{ "llama-bench -mmp 0 -dio 1", "it mixes -lm, -mmp and -dio" },
		{ "llama-bench -p 0 -n 0", "it runs no test" },
		{ "llama-bench -p 1-2000000", "an option's value is not what "
		  "llama-bench takes" },
		{ "llama-bench --help", "it runs no test" },
	};
	struct hdb_plan *p;
	const char *why;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_INT(hdb_plan_read(cases[i].line, &p, &why), -1);
		CHECK(p == NULL);
		CHECK_STR(why, cases[i].why);
		CHECK(hdb_plan_is_command(cases[i].line));
	}
	/* not commands at all */
	CHECK_INT(hdb_plan_read("llama-bench: benchmark 3/6: starting", &p,
				&why), 0);
	CHECK_INT(hdb_plan_read("usage: ./llama-bench [options]", &p, &why), 0);
	CHECK_INT(hdb_plan_read("/usr/sbin/llama-bench() [0x4066fb]", &p,
				&why), 0);
	CHECK_INT(hdb_plan_read("my-llama-bench.sh -m x", &p, &why), 0);
	CHECK_INT(hdb_plan_read("timeout: sending signal KILL to llama-bench "
				"after 17 minutes without output", &p, &why), 0);
	CHECK_INT(hdb_plan_read("#/opt/llama-bench -m x.gguf", &p, &why), 0);
	CHECK(!hdb_plan_is_command("killed llama-bench (pid 4242)"));
	CHECK(!hdb_plan_is_command("llama_bench: error: failed to load model"));
}

/* A finished record as the plan compares it. */
static struct hdb_plan_point rec(const char *file, long long pp, long long tg,
				 long long depth)
{
	struct hdb_plan_point r;

	memset(&r, 0, sizeof(r));
	r.model_file = file;
	r.n_prompt = pp;
	r.n_gen = tg;
	r.n_depth = depth;
	r.n_gpu_layers = r.n_batch = r.n_ubatch = r.n_threads = HDB_UNSET;
	r.flash_attn = HDB_UNSET;
	return r;
}

static void a_killed_sweep_stopped_at_the_first_point_without_a_record(void)
{
	struct hdb_plan *p = plan_of("llama-bench -m /srv/models/llama-F16.gguf"
				     " -d 0,65536,131072 -r 5 -o json");
	struct hdb_plan_point done[6];
	size_t at[6];

	done[0] = rec("llama-F16.gguf", 512, 0, 0);
	done[1] = rec("llama-F16.gguf", 0, 128, 0);
	CHECK_INT(hdb_plan_next(p, done, 2, 0, at), 2);
	CHECK_INT(at[0], 0);
	CHECK_INT(at[1], 1);
	/* nothing finished: the first point */
	CHECK_INT(hdb_plan_next(p, done, 0, 0, NULL), 0);
	/* markdown rows do not name the file: they still fit */
	done[0].model_file = done[1].model_file = NULL;
	CHECK_INT(hdb_plan_next(p, done, 2, 0, NULL), 2);
	/* every point finished: it did not die at one */
	done[2] = rec(NULL, 512, 0, 65536);
	done[3] = rec(NULL, 0, 128, 65536);
	done[4] = rec(NULL, 512, 0, 131072);
	done[5] = rec(NULL, 0, 128, 131072);
	CHECK_INT(hdb_plan_next(p, done, 6, 0, NULL), -1);
	hdb_plan_free(p);
}

static void records_that_do_not_fit_the_plan_tell_nothing(void)
{
	struct hdb_plan *p = plan_of("llama-bench -m x.gguf -d 0,8192");
	struct hdb_plan_point done[2];

	/* another model, a depth the plan does not have, the wrong order */
	done[0] = rec("y.gguf", 512, 0, 0);
	CHECK_INT(hdb_plan_next(p, done, 1, 0, NULL), -1);
	done[0] = rec("x.gguf", 512, 0, 4096);
	CHECK_INT(hdb_plan_next(p, done, 1, 0, NULL), -1);
	done[0] = rec("x.gguf", 0, 128, 0);
	done[1] = rec("x.gguf", 512, 0, 0);
	CHECK_INT(hdb_plan_next(p, done, 2, 0, NULL), -1);
	/* a setting the command line did not ask for */
	done[0] = rec("x.gguf", 512, 0, 0);
	done[0].type_k = "q4_0";
	hdb_plan_free(p);
	p = plan_of("llama-bench -m x.gguf -ctk q8_0");
	CHECK_INT(hdb_plan_next(p, done, 1, 0, NULL), -1);
	done[0].type_k = "Q8_0";
	CHECK_INT(hdb_plan_next(p, done, 1, 0, NULL), 1);
	hdb_plan_free(p);
}

static void passed_by_points_count_only_when_the_records_fit_one_way(void)
{
	/* newer builds go on past a context that fails: pp512@65536
	 * failed, tg128@65536 ran */
	struct hdb_plan *p = plan_of("llama-bench -m x.gguf -d 0,65536");
	struct hdb_plan_point done[4];

	done[0] = rec("x.gguf", 512, 0, 0);
	done[1] = rec("x.gguf", 0, 128, 0);
	done[2] = rec("x.gguf", 0, 128, 65536);
	CHECK_INT(hdb_plan_next(p, done, 3, 1, NULL), 2);
	CHECK_INT(hdb_plan_next(p, done, 3, 0, NULL), 2);
	hdb_plan_free(p);
	/* two -ot groups plan the same tests twice: the records of the
	 * first group could be the second's if the first failed */
	p = plan_of("llama-bench -m x.gguf -n 0 -ot 'exps=CPU,' -d 0,8192");
	done[0] = rec("x.gguf", 512, 0, 0);
	CHECK_INT(hdb_plan_next(p, done, 1, 0, NULL), 1);
	CHECK_INT(hdb_plan_next(p, done, 1, 1, NULL), -1);
	done[1] = rec("x.gguf", 512, 0, 8192);
	done[2] = rec("x.gguf", 512, 0, 8192);
	CHECK_INT(hdb_plan_next(p, done, 3, 1, NULL), 2);
	hdb_plan_free(p);
	/* -fa values tell the groups apart */
	p = plan_of("llama-bench -m x.gguf -n 0 -fa 0,1 -d 0,8192");
	done[0] = rec("x.gguf", 512, 0, 0);
	done[0].flash_attn = 0;
	CHECK_INT(hdb_plan_next(p, done, 1, 1, NULL), 1);
	done[0].flash_attn = 1;
	CHECK_INT(hdb_plan_next(p, done, 1, 1, NULL), 0);
	hdb_plan_free(p);
}

int main(void)
{
	RUN(a_depth_sweep_runs_each_depth_with_pp_then_tg);
	RUN(prompts_gens_and_pairs_are_innermost_zero_skipped);
	RUN(models_are_outermost_and_other_lists_outside_the_depth);
	RUN(what_a_shell_would_run_is_read_as_it_would);
	RUN(lines_whose_tests_cannot_be_told_are_said_so);
	RUN(a_killed_sweep_stopped_at_the_first_point_without_a_record);
	RUN(records_that_do_not_fit_the_plan_tell_nothing);
	RUN(passed_by_points_count_only_when_the_records_fit_one_way);
	return t_done();
}
