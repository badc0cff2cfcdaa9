/*
 * run.h: the door of run/, the bundled runner (`halodb run`).
 *
 * The runner drives a real llama-bench, one process per test point, under
 * a gate that it checks before the sweep and again before every point (no
 * other model server, enough free memory, fans and power set, cool enough,
 * a llama-bench that runs and whose build is known).  It writes one run
 * directory (results/<date>-<host>-<model>/: each point's raw stdout and
 * stderr and a manifest.json) that ingest/ reads like any results; the
 * CLI hands it to hdb_ingest_paths().
 *
 * The pure parts (profiles, the --help parser, the plan, the GGUF header,
 * the checks over a proc root, a sys root and nvidia-smi's text, the
 * manifest) are separate from the process running (exec.c, sweep.c), so
 * that tests drive them with fixtures.  Library code never prints: errors
 * go through hdb_error(), progress through the callbacks below.
 */
#ifndef HALODB_RUN_H
#define HALODB_RUN_H

#include <stddef.h>
#include <sys/types.h>

struct strbuf;

/* ---- profiles (profile.c) ------------------------------------------------ */

enum hdb_gpu_kind {
	HDB_GPU_AUTO,		/* nvidia-smi if it answers, else amdgpu sysfs */
	HDB_GPU_NONE,		/* CPU only: memory is MemAvailable */
	HDB_GPU_NVIDIA,		/* nvidia-smi must answer */
	HDB_GPU_AMDGPU,		/* an amdgpu card must be in sysfs */
};

/* One 'key = value' line as written (for the manifest). */
struct hdb_profile_setting {
	char *key;
	char *value;
};

/*
 * A profile: the settings and the gate of one kind of machine, read from
 * a small line-based file (data/profiles/NAME.profile, built into the
 * binary, or a path).  Unset numbers are -1, unset strings NULL.
 */
struct hdb_profile {
	char *name;
	char *file;		/* data/profiles/NAME.profile, or the path */
	char *backend;		/* llama-bench must list a device of it */
	char *kv_k, *kv_v;	/* KV cache types */
	int fa;			/* 0, 1, or -1: llama-bench's default */
	int ngl;		/* -1: llama-bench's default */
	int ubatch;		/* -1: llama-bench's default */
	int reps;
	char *depths;		/* "0,8192,32768,65536" */
	char *tests;		/* "pp512,tg128" */
	long test_timeout;	/* seconds */
	enum hdb_gpu_kind gpu;
	int unified;		/* GPU memory is system memory (UMA) */
	long margin_mib;	/* memory kept free beyond model + KV */
	/* ec_su_axb35 (Sixunited AXB35 boards: GMKtec EVO-X2 ...) */
	int ec_fan_min_rpm;	/* -1: fans not checked through the EC */
	char *ec_fan_mode;	/* every fan*'s mode must read this */
	int ec_fan_level;	/* every fan*'s level must read this */
	char *power_modes;	/* apu/power_mode must be one of these */
	int hwmon_fan_min_rpm;	/* -1: hwmon fans not checked */
	int temp_max_c;		/* -1: temperatures not checked */
	char *temp_sensors;	/* hwmon chip names counted; NULL: all */
	int cooldown_s;		/* how long a point waits to cool down */
	/* the time estimate (plan.c) */
	double est_pp_gib;	/* prompt tokens/s times model GiB */
	double est_tg_gib;	/* generated tokens/s times model GiB */
	double est_load_gib_s;	/* model load speed, GiB/s */
	struct hdb_profile_setting *settings;
	size_t n_settings;
};

/* The built-in profiles' names, NULL-terminated. */
extern const char *const hdb_profile_names[];

/*
 * Parses a profile's text; file names it in errors ('file:line:col:
 * expected ...').  Returns 0 (the caller releases *p) or -1.
 */
int hdb_profile_parse(const char *text, const char *file,
		      struct hdb_profile *p);
/*
 * Loads a built-in profile by name ('strix-halo') or a file by path (a
 * name with a '/' or ending '.profile').  An unknown name is
 * "no profile 'x': expected strix-halo, a30, generic or the path of a
 * .profile file".  Returns 0 (the caller releases *p) or -1.
 */
int hdb_profile_load(const char *name_or_path, struct hdb_profile *p);
void hdb_profile_release(struct hdb_profile *p);

/* ---- llama-bench's --help and build line (benchhelp.c) ------------------- */

enum hdb_fa_style {
	HDB_FA_NONE,		/* no -fa at all (before mid-2024) */
	HDB_FA_NUMERIC,		/* -fa <0|1> */
	HDB_FA_WORDS,		/* -fa <on|off|auto> (later builds) */
};

/* What one llama-bench build can do, read from its --help text. */
struct hdb_bench_caps {
	int has_m, has_p, has_n, has_r, has_o;
	int has_d;		/* depth: -d, --n-depth (from build 5221) */
	int has_pg;
	int has_ctk, has_ctv;
	int has_ngl, has_ub;
	int has_list_devices;
	int jsonl;		/* -o takes jsonl */
	enum hdb_fa_style fa;
};

/*
 * Reads a --help text.  Returns 0, or -1 (hdb_error) when it is not
 * llama-bench's ("does not look like llama-bench's --help: ...").
 */
int hdb_bench_parse_help(const char *text, struct hdb_bench_caps *caps);

/*
 * Finds 'build: d32676d (9749)' (the markdown footer) in text.  Returns 0
 * with commit (at most 40 hex digits) and *number filled, or -1 (no
 * hdb_error) when there is none.
 */
int hdb_bench_parse_build(const char *text, char commit[41], long *number);

/*
 * The backends of 'llama-bench --list-devices' output ('Vulkan0: ...' is
 * Vulkan): a comma-separated list in out (may be empty: 'none').
 */
void hdb_bench_parse_devices(const char *text, char *out, size_t size);

/* ---- the model file (gguf.c) --------------------------------------------- */

/* The KV-cache shape of a model, from its GGUF header. */
struct hdb_gguf_info {
	char arch[64];
	long n_layer;
	/* the sum over layers of n_head_kv * (key and value head sizes), in
	 * elements per token: what one token of context costs */
	unsigned long long k_elems, v_elems;
	int mla;		/* MLA (kv_lora_rank): compressed cache */
};

/*
 * Reads the few keys of a GGUF header that size the KV cache.  Returns 0,
 * or -1 with hdb_error ("'f.gguf': not a GGUF file", "... no block_count").
 */
int hdb_gguf_read(const char *path, struct hdb_gguf_info *info);

/* Bytes per element of a cache type ('q8_0': 34/32), or 0 if unknown. */
double hdb_kv_type_bytes(const char *type);
/* --kv as llama-bench takes it: 'q8_0' for both caches, or 'q8_0/q4_0'
 * (or ',') for K and V.  *k and *v are the caller's to free. */
void hdb_kv_split(const char *kv, char **k, char **v);

/* When the header cannot be read: this many bytes per token of context
 * at f16, scaled by the cache types (README: a conservative rule). */
#define HDB_KV_FALLBACK_F16_BYTES (512.0 * 1024)

/*
 * The KV cache of ctx tokens: from info (NULL: the fallback rule).
 */
unsigned long long hdb_kv_bytes(const struct hdb_gguf_info *info,
				const char *type_k, const char *type_v,
				long ctx);

/* ---- the plan (plan.c) --------------------------------------------------- */

enum hdb_point_status {
	HDB_POINT_PENDING,	/* not run yet */
	HDB_POINT_OK,
	HDB_POINT_WEDGED,	/* killed after --test-timeout */
	HDB_POINT_CRASHED,
	HDB_POINT_OOM,
	HDB_POINT_FAILED,	/* exited non-zero, or printed no result */
	HDB_POINT_NOT_RUN,	/* the gate stopped the sweep, or Ctrl-C */
};

/* 'ok', 'wedged', ... as the manifest writes it. */
const char *hdb_point_status_name(enum hdb_point_status s);

/* One check of the gate: what it read, and the fix when it failed. */
struct hdb_check {
	const char *name;	/* 'processes', 'memory', ... (static) */
	int ok;
	char *reading;		/* what it found; when failing, the reason */
	char *fix;		/* how to make it pass (failing only) */
};

struct hdb_checks {
	struct hdb_check *v;
	size_t n;
};

void hdb_checks_add(struct hdb_checks *c, const char *name, int ok,
		    char *reading_owned, char *fix_owned);
/* The failing checks' readings joined with '; ' (caller frees), or NULL
 * when every check passed. */
char *hdb_checks_reasons(const struct hdb_checks *c);
size_t hdb_checks_failed(const struct hdb_checks *c);
void hdb_checks_release(struct hdb_checks *c);

struct hdb_point {
	int n;			/* 1-based */
	char *test;		/* 'pp512', 'tg128', 'pp4096+tg256' */
	int n_prompt, n_gen;
	long n_depth;
	char **argv;		/* NULL-terminated; argv[0] the binary */
	char *stdout_name;	/* '01-pp512-d0.jsonl' */
	char *stderr_name;	/* '01-pp512-d0.stderr.txt' */
	double estimate_s;
	/* filled by the sweep */
	char *gate;		/* 'clean', 'dirty: ...', or NULL */
	struct hdb_checks checks;
	enum hdb_point_status status;
	int exit_code;		/* -1: none */
	int signal;		/* 0: none */
	double seconds;		/* -1: none */
	char *error;
	int files;		/* its stdout/stderr files exist */
};

/* What the user asked for; unset fields take the profile's value. */
struct hdb_run_options {
	const char *model;
	const char *profile;	/* name or path; NULL: generic */
	const char *host;	/* --host, or NULL */
	const char *depths;	/* '0,8192' */
	const char *tests;	/* 'pp512,tg128' */
	int reps;		/* 0: the profile's */
	const char *kv;		/* 'q8_0' or 'q8_0/q4_0' */
	int fa;			/* -1: the profile's */
	int ngl;		/* -2: the profile's */
	int ubatch;		/* 0: the profile's */
	const char *llama_bench;	/* NULL: 'llama-bench' on PATH */
	long test_timeout;	/* 0: the profile's */
	const char *out;	/* NULL: 'results' */
	const char *proc_root;	/* NULL: $HALODB_PROC_ROOT, else /proc */
	const char *sys_root;	/* NULL: $HALODB_SYS_ROOT, else /sys */
	int dry_run;
	int force;
};

/* The llama-bench binary as probed. */
struct hdb_bench {
	char *path;		/* absolute */
	char *help;		/* its --help text (NULL: did not run) */
	struct hdb_bench_caps caps;
	char commit[41];
	long number;		/* -1: unknown */
	char backends[128];	/* from --list-devices; "" unknown */
	int listed;		/* --list-devices ran */
	char *error;		/* why it is not usable, or NULL */
	dev_t dev;		/* to notice it changing mid-sweep */
	ino_t ino;
	long long size, mtime;
};

struct hdb_plan {
	struct hdb_profile profile;
	char *model;		/* absolute path */
	char *model_name;	/* its file name */
	long long model_bytes;
	struct hdb_gguf_info gguf;
	int have_gguf;		/* else the fallback rule sizes the KV */
	char *gguf_error;	/* why not */
	char *kv_k, *kv_v;
	int fa, ngl, ubatch, reps;
	long test_timeout;
	const char *proc_root, *sys_root;
	char *host;		/* --host, or NULL */
	char *host_slug;	/* --host, else the hostname, as a slug */
	char *out;		/* 'results' */
	int force;
	struct hdb_bench bench;
	struct hdb_point *points;
	size_t n_points;
	long max_depth;
	int max_tokens;		/* of any test: prompt + generated */
	double estimate_s;	/* the whole sweep */
	char *refused;		/* why this build cannot run the plan */
};

/*
 * Builds the plan from the options, the profile (already loaded into
 * plan->profile) and the probed binary (plan->bench): the points, depth
 * by depth and test by test, each with its llama-bench command line.
 * A plan the build cannot run sets plan->refused (the reason and the fix)
 * and returns 0; bad values (a test name that is not ppN or tgN) return -1
 * with hdb_error.
 */
int hdb_plan_points(struct hdb_plan *plan, const struct hdb_run_options *o);

/* The lists and types given on the command line, checked before anything
 * runs: 0, or -1 with hdb_error ('--depths: expected ...'). */
int hdb_run_check_options(const struct hdb_run_options *o);

/* Time of one point under the profile's speeds (README: the estimate). */
double hdb_plan_estimate(const struct hdb_plan *plan,
			 const struct hdb_point *pt);

/* Memory a point needs: model + KV of ctx tokens + margin (bytes), and
 * the KV part in *kv. */
unsigned long long hdb_plan_need(const struct hdb_plan *plan, long ctx,
				 unsigned long long *kv);

/* 'tiny-llama-Q4_K_M.gguf' -> 'tiny-llama-q4_k_m' (caller frees). */
char *hdb_run_slug(const char *name);

/* Appends a size as people read it: '442 B', '7.0 MiB', '22.1 GiB'. */
void hdb_run_bytes(struct strbuf *sb, unsigned long long bytes);

/* An argv as a shell would need it quoted (caller frees). */
char *hdb_run_quote_argv(char *const *argv);

void hdb_plan_release(struct hdb_plan *plan);

/* ---- the gate's checks (gate.c) ------------------------------------------ */

/* What the checks read: the roots, and nvidia-smi's answers. */
struct hdb_gate_input {
	const char *proc_root;
	const char *sys_root;
	pid_t self;		/* this process: it and its children are
				 * not other model servers */
	const char *nvsmi_gpus;	/* --query-gpu=memory.free,temperature.gpu,
				 * fan.speed output, or NULL */
	const char *nvsmi_apps;	/* --query-compute-apps=pid,process_name,
				 * used_memory output, or NULL */
	const char *nvsmi_error; /* why nvidia-smi gave nothing, or NULL */
	long ctx;		/* tokens of context the point needs */
	unsigned long long need, kv;	/* hdb_plan_need(ctx) */
};

/* Each check appends one hdb_check to out. */
void hdb_check_processes(const struct hdb_gate_input *in,
			 struct hdb_checks *out);
void hdb_check_memory(const struct hdb_plan *plan,
		      const struct hdb_gate_input *in, struct hdb_checks *out);
void hdb_check_gpu_memory(const struct hdb_plan *plan,
			  const struct hdb_gate_input *in,
			  struct hdb_checks *out);
void hdb_check_fans(const struct hdb_profile *p,
		    const struct hdb_gate_input *in, struct hdb_checks *out);
void hdb_check_power(const struct hdb_profile *p,
		     const struct hdb_gate_input *in, struct hdb_checks *out);
void hdb_check_temperatures(const struct hdb_profile *p,
			    const struct hdb_gate_input *in,
			    struct hdb_checks *out);
/* The binary: it ran, its build is known, it has the profile's backend;
 * full: the probe's findings, else only that it has not changed since. */
void hdb_check_bench(const struct hdb_plan *plan, int full,
		     struct hdb_checks *out);

/* Is comm/argv a model server or another GPU job?  Returns its display
 * name ('llama-server') or NULL.  argv is NUL-separated, len bytes. */
const char *hdb_model_server_name(const char *comm, const char *argv,
				  size_t len);

/* ---- host facts and the manifest (facts.c, manifest.c) ------------------ */

struct hdb_facts {
	char *cpu;
	char **gpus;
	size_t n_gpus;
	long long memory_total;	/* bytes, -1 unknown */
	char *kernel;
	char *cmdline;
	char *hostname;
	char *nvidia_driver;
	char *amdgpu_driver;
	char *ec_driver;
};

/* Reads what can be read under the roots (and nvidia-smi's name query
 * output, may be NULL); never fails: unknown facts stay NULL. */
void hdb_facts_read(struct hdb_facts *f, const char *proc_root,
		    const char *sys_root, const char *nvsmi_names);
void hdb_facts_release(struct hdb_facts *f);

/*
 * Writes the manifest of the run directory dir (manifest.json, through a
 * temporary renamed over it).  stopped: why the sweep stopped early, or
 * NULL.  created: the UTC time the sweep began.  Returns 0 or -1.
 */
int hdb_manifest_write(const char *dir, const struct hdb_plan *plan,
		       const struct hdb_facts *facts, const char *created,
		       const char *stopped);
/* The manifest's text (caller frees). */
char *hdb_manifest_text(const struct hdb_plan *plan,
			const struct hdb_facts *facts, const char *created,
			const char *stopped);

/* Appends s to sb as a JSON string, quotes included; bytes that are not
 * UTF-8 become U+FFFD. */
void hdb_json_string(struct strbuf *sb, const char *s);

/* ---- running processes (exec.c) ------------------------------------------ */

/*
 * Runs argv (argv[0] a path, or a name looked up on PATH) with stdin from
 * /dev/null and returns its stdout (at most max bytes; caller frees
 * *out) and exit status in *status (waitpid's).  A run longer than
 * timeout_s is killed.  Returns 0 when it ran, -1 (hdb_error) when it
 * could not start or was killed.
 */
int hdb_exec_capture(char *const *argv, double timeout_s, size_t max,
		     char **out, int *status);

/* The absolute path of name: as given when it has a '/', else found on
 * PATH.  Returns it (caller frees) or NULL. */
char *hdb_exec_find(const char *name);

/* Set by SIGINT, SIGTERM and SIGHUP while a sweep runs: the signal. */
extern volatile int hdb_run_interrupted;

/* Installs (on) or restores (off) the handlers behind it. */
void hdb_run_signals(int on);

/* How a point's process ended. */
struct hdb_exec_result {
	int started;
	int timed_out;		/* killed after the timeout */
	int interrupted;	/* killed because of hdb_run_interrupted */
	int exit_code;		/* -1: none */
	int signal;		/* 0: none */
	int unreaped;		/* did not exit even after SIGKILL */
	pid_t pid;
	double seconds;
};

/* Called about once a second while a point runs (elapsed seconds). */
typedef void (*hdb_tick_fn)(void *ctx, double elapsed);

/*
 * Runs argv in its own process group, stdout and stderr to the files
 * (already open), stdin /dev/null.  After timeout_s, or when
 * hdb_run_interrupted is set, the whole group is sent SIGTERM, then
 * SIGKILL.  Returns 0 (r filled), or -1 when it could not start.
 */
int hdb_exec_point(char *const *argv, int out_fd, int err_fd,
		   double timeout_s, hdb_tick_fn tick, void *ctx,
		   struct hdb_exec_result *r);

/* ---- the sweep (sweep.c) -------------------------------------------------- */

/* What the sweep tells the caller as it goes; any may be NULL. */
struct hdb_run_report {
	void *ctx;
	/* the gate before the sweep failed and --force runs anyway */
	void (*forced)(void *ctx, const struct hdb_checks *c);
	/* the run directory was made */
	void (*started)(void *ctx, const struct hdb_plan *plan,
			const char *dir);
	/* waiting for the machine to cool down before point pt */
	void (*cooling)(void *ctx, const struct hdb_point *pt,
			const char *reading);
	/* point pt begins; then ticks while it runs */
	void (*point_start)(void *ctx, const struct hdb_plan *plan,
			    const struct hdb_point *pt);
	void (*tick)(void *ctx, const struct hdb_plan *plan,
		     const struct hdb_point *pt, double elapsed);
	/* point pt ended (or the gate refused it: status not_run) */
	void (*point_done)(void *ctx, const struct hdb_plan *plan,
			   const struct hdb_point *pt);
};

/*
 * Prepares a sweep: loads the profile, probes the binary, reads the
 * model's header and builds the plan.  Returns 0 (the caller releases
 * plan), or -1 with hdb_error.  A plan the build cannot run is
 * plan->refused, not an error here.
 */
int hdb_run_prepare(const struct hdb_run_options *o, struct hdb_plan *plan);

/*
 * Checks the gate for ctx tokens of context (every check; full: the
 * binary's probe too) into out.  Runs nvidia-smi where the profile reads
 * it.
 */
void hdb_run_gate(const struct hdb_plan *plan, long ctx, int full,
		  struct hdb_checks *out);

/* How a sweep ended. */
struct hdb_sweep_result {
	char *dir;		/* the run directory (caller frees) */
	char *stopped;		/* why it stopped early, or NULL */
	size_t n_ok, n_died, n_not_run;
};

/*
 * Runs the sweep: the gate before it (a failure refuses, unless
 * plan->force: then every point is marked dirty with what failed), the
 * run directory, then each point: the gate again (a failure stops the
 * sweep, the rest not run), the process, its outcome, the manifest
 * rewritten.  Ctrl-C kills the current point and stops.  Returns 0 when
 * the directory was written (res filled; res->stopped says whether every
 * point ran), -1 with hdb_error when nothing was (the gate refused: its
 * checks in *refusal, which the caller releases).
 */
int hdb_run_sweep(struct hdb_plan *plan, const struct hdb_run_report *rep,
		  struct hdb_checks *refusal, struct hdb_sweep_result *res);
void hdb_sweep_result_release(struct hdb_sweep_result *res);

/* The context a point needs: its depth plus its test's tokens. */
long hdb_point_ctx(const struct hdb_point *pt);

#endif
