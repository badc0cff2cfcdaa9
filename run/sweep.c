/*
 * sweep.c: the runner's driver.  Prepares a sweep (the profile, the probed
 * llama-bench, the model's header, the plan), checks the gate before the
 * sweep and again before every point, runs each point as its own
 * llama-bench process (exec.c), classifies how it ended (ok, wedged,
 * crashed, oom, failed) and keeps the run directory's manifest current.
 * The CLI then hands the directory to ingest.
 */
#include "run.h"
#include "../util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How long a probe of the binary or nvidia-smi may take. */
#define PROBE_TIMEOUT 60.0
#define SMI_TIMEOUT 15.0
/* How often a point waiting to cool down reads the sensors again. */
#define COOL_STEP 5

static const char *env_or(const char *opt, const char *env, const char *def)
{
	const char *v = getenv(env);

	if (opt)
		return opt;
	return v && *v ? v : def;
}

/* 'model-00001-of-00003.gguf': the bytes of every part, or -1 with
 * hdb_error when a part is missing.  Other names: size unchanged. */
static long long split_size(const char *path, long long first)
{
	const char *base = strrchr(path, '/'), *p;
	long long total = first;
	int parts, k;

	base = base ? base + 1 : path;
	p = strstr(base, "-00001-of-");
	if (!p || strlen(p) != 20 || strcmp(p + 15, ".gguf") ||
	    (parts = atoi(p + 10)) < 2)
		return first;
	for (k = 2; k <= parts; k++) {
		char *part = xstrdup(path), num[16];
		struct stat sb;

		/* '-00001-of-' -> '-0000k-of-' */
		snprintf(num, sizeof(num), "%05d", k % 100000);
		memcpy(part + (p - path) + 1, num, 5);
		if (stat(part, &sb) || !S_ISREG(sb.st_mode)) {
			hdb_error("'%s' (part %d of the model) is missing", part,
				  k);
			free(part);
			return -1;
		}
		total += (long long)sb.st_size;
		free(part);
	}
	return total;
}

/* The first line of text (at most 200 bytes; caller frees). */
static char *first_line(const char *text)
{
	size_t n = strcspn(text, "\n");

	return xstrndup(text, n > 200 ? 200 : n);
}

/* Probes the binary: --help, the build line, --list-devices. */
static void probe_bench(struct hdb_bench *b, const char *given,
			const char *model)
{
	const char *name = given ? given : "llama-bench";
	char *out = NULL;
	int status = 0;
	struct stat sb;

	b->number = -1;
	b->path = hdb_exec_find(name);
	if (!b->path) {
		b->path = xstrdup(name);
		b->error = given ? xasprintf("'%s' not found", given)
			   : xstrdup("llama-bench not found on PATH");
		return;
	}
	if (stat(b->path, &sb) || !S_ISREG(sb.st_mode) ||
	    access(b->path, X_OK)) {
		b->error = xasprintf("'%s' is not an executable file", b->path);
		return;
	}
	b->dev = sb.st_dev;
	b->ino = sb.st_ino;
	b->size = (long long)sb.st_size;
	b->mtime = (long long)sb.st_mtime;
	{
		char *argv[] = { b->path, "--help", NULL };

		if (hdb_exec_capture(argv, PROBE_TIMEOUT, 1 << 20, &out,
				     &status)) {
			b->error = xstrdup(hdb_errmsg());
			return;
		}
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		char *l = first_line(out);

		b->error = WIFEXITED(status)
			   ? xasprintf("'%s --help' failed (exit %d)%s%s",
				       b->path, WEXITSTATUS(status),
				       *l ? ": " : "", l)
			   : xasprintf("'%s --help' was killed by signal %d",
				       b->path, WTERMSIG(status));
		free(l);
		free(out);
		return;
	}
	if (hdb_bench_parse_help(out, &b->caps)) {
		b->error = xasprintf("'%s' %s", b->path, hdb_errmsg());
		free(out);
		return;
	}
	b->help = out;
	out = NULL;
	{
		/* no test to run (-p 0 -n 0): the markdown header and its
		 * 'build: COMMIT (NUMBER)' footer, without loading the model */
		char *argv[] = { b->path, "-m", (char *)model, "-p", "0", "-n",
				 "0", "-r", "1", "-o", "md", NULL };

		if (!hdb_exec_capture(argv, PROBE_TIMEOUT, 1 << 16, &out,
				      &status))
			hdb_bench_parse_build(out, b->commit, &b->number);
		free(out);
		out = NULL;
	}
	if (b->caps.has_list_devices) {
		char *argv[] = { b->path, "--list-devices", NULL };

		if (!hdb_exec_capture(argv, PROBE_TIMEOUT, 1 << 16, &out,
				      &status) && WIFEXITED(status) &&
		    !WEXITSTATUS(status)) {
			hdb_bench_parse_devices(out, b->backends,
						sizeof(b->backends));
			b->listed = 1;
		}
		free(out);
	}
}

static char *hostname_of(const char *proc_root)
{
	char *p = xasprintf("%s/sys/kernel/hostname", proc_root), *t = NULL;
	size_t len;
	char h[256];

	if (!read_file_max(p, 4096, &t, &len)) {
		free(p);
		while (len && (t[len - 1] == '\n' || t[len - 1] == ' '))
			t[--len] = '\0';
		if (len)
			return t;
		free(t);
		t = NULL;
	} else {
		free(p);
	}
	if (!gethostname(h, sizeof(h))) {
		h[sizeof(h) - 1] = '\0';
		return xstrdup(h);
	}
	return xstrdup("host");
}

int hdb_run_prepare(const struct hdb_run_options *o, struct hdb_plan *plan)
{
	char buf[4096];
	FILE *f;
	long long size;

	memset(plan, 0, sizeof(*plan));
	plan->bench.number = -1;
	if (hdb_profile_load(o->profile ? o->profile : "generic",
			     &plan->profile))
		return -1;
	plan->proc_root = env_or(o->proc_root, "HALODB_PROC_ROOT", "/proc");
	plan->sys_root = env_or(o->sys_root, "HALODB_SYS_ROOT", "/sys");
	if (hdb_open_regular(o->model, &f, &size))
		return -1;
	fclose(f);
	if (!realpath(o->model, buf))
		return hdb_error("cannot open '%s': %s", o->model,
				 strerror(errno));
	plan->model = xstrdup(buf);
	plan->model_name = xstrdup(strrchr(buf, '/') + 1);
	plan->model_bytes = split_size(plan->model, size);
	if (plan->model_bytes < 0)
		return -1;
	if (hdb_gguf_read(plan->model, &plan->gguf))
		plan->gguf_error = xstrdup(hdb_errmsg());
	else
		plan->have_gguf = 1;
	if (o->kv) {
		hdb_kv_split(o->kv, &plan->kv_k, &plan->kv_v);
	} else if (plan->profile.kv_k) {
		plan->kv_k = xstrdup(plan->profile.kv_k);
		plan->kv_v = xstrdup(plan->profile.kv_v);
	}
	plan->fa = o->fa >= 0 ? o->fa : plan->profile.fa;
	plan->ngl = o->ngl != -2 ? o->ngl : plan->profile.ngl;
	plan->ubatch = o->ubatch > 0 ? o->ubatch : plan->profile.ubatch;
	plan->reps = o->reps > 0 ? o->reps : plan->profile.reps;
	plan->test_timeout = o->test_timeout > 0 ? o->test_timeout
			     : plan->profile.test_timeout;
	plan->force = o->force;
	plan->host = o->host ? xstrdup(o->host) : NULL;
	{
		char *h = o->host ? xstrdup(o->host)
			  : hostname_of(plan->proc_root);

		plan->host_slug = hdb_run_slug(h);
		free(h);
	}
	plan->out = xstrdup(o->out ? o->out : "results");
	probe_bench(&plan->bench, o->llama_bench, plan->model);
	return hdb_plan_points(plan, o);
}

/* nvidia-smi with a query; its stdout, or NULL with *err (first line of
 * what it said, or why it did not run) when it failed. */
static char *smi(const char *path, const char *query, char **err)
{
	char q[160], *out = NULL;
	char *argv[] = { (char *)path, q, "--format=csv,noheader,nounits",
			 NULL };
	int status;

	snprintf(q, sizeof(q), "%s", query);
	if (hdb_exec_capture(argv, SMI_TIMEOUT, 1 << 16, &out, &status)) {
		if (err && !*err)
			*err = xstrdup(hdb_errmsg());
		return NULL;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		if (err && !*err) {
			char *l = first_line(out);

			*err = *l ? l : xasprintf("exit %d", WIFEXITED(status)
						  ? WEXITSTATUS(status) : -1);
			if (!*l)
				free(l);
		}
		free(out);
		return NULL;
	}
	return out;
}

void hdb_run_gate(const struct hdb_plan *plan, long ctx, int full,
		  struct hdb_checks *out)
{
	struct hdb_gate_input in;
	char *gpus = NULL, *apps = NULL, *err = NULL, *path = NULL;

	memset(&in, 0, sizeof(in));
	in.proc_root = plan->proc_root;
	in.sys_root = plan->sys_root;
	in.self = getpid();
	in.ctx = ctx;
	in.need = hdb_plan_need(plan, ctx, &in.kv);
	if (plan->profile.gpu == HDB_GPU_NVIDIA ||
	    plan->profile.gpu == HDB_GPU_AUTO) {
		path = hdb_exec_find("nvidia-smi");
		if (path) {
			gpus = smi(path, "--query-gpu=memory.free,"
				   "temperature.gpu,fan.speed", &err);
			if (gpus)
				apps = smi(path, "--query-compute-apps=pid,"
					   "process_name,used_memory", NULL);
		} else {
			err = xstrdup("nvidia-smi not found on PATH");
		}
	}
	in.nvsmi_gpus = gpus;
	in.nvsmi_apps = apps;
	in.nvsmi_error = err;
	hdb_check_processes(&in, out);
	hdb_check_memory(plan, &in, out);
	hdb_check_gpu_memory(plan, &in, out);
	hdb_check_fans(&plan->profile, &in, out);
	hdb_check_power(&plan->profile, &in, out);
	hdb_check_temperatures(&plan->profile, &in, out);
	hdb_check_bench(plan, full, out);
	free(gpus);
	free(apps);
	free(err);
	free(path);
}

/* Only the temperatures failed: worth waiting for. */
static int only_hot(const struct hdb_checks *c)
{
	size_t i;
	int hot = 0;

	for (i = 0; i < c->n; i++)
		if (!c->v[i].ok) {
			if (strcmp(c->v[i].name, "temperatures"))
				return 0;
			hot = 1;
		}
	return hot;
}

static const struct hdb_check *find_check(const struct hdb_checks *c,
					  const char *name)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].name, name))
			return &c->v[i];
	return NULL;
}

/* The gate, waiting up to the profile's cooldown_s while only the
 * temperatures fail. */
static void gate_cool(const struct hdb_plan *plan, long ctx, int full,
		      const struct hdb_point *pt,
		      const struct hdb_run_report *rep,
		      struct hdb_checks *out)
{
	int waited = 0;

	hdb_run_gate(plan, ctx, full, out);
	while (only_hot(out) && waited < plan->profile.cooldown_s &&
	       !hdb_run_interrupted) {
		int s;

		if (rep && rep->cooling)
			rep->cooling(rep->ctx, pt,
				     find_check(out, "temperatures")->reading);
		for (s = 0; s < COOL_STEP && waited < plan->profile.cooldown_s &&
		     !hdb_run_interrupted; s++, waited++)
			sleep(1);
		hdb_checks_release(out);
		hdb_run_gate(plan, ctx, full, out);
	}
}

/* ---- how a point ended ----------------------------------------------------- */

static const char *sig_name(int sig, char *buf, size_t size)
{
	static const struct {
		int sig;
		const char *name;
	} names[] = {
		{ SIGSEGV, "SIGSEGV" }, { SIGABRT, "SIGABRT" },
		{ SIGBUS, "SIGBUS" }, { SIGILL, "SIGILL" },
		{ SIGFPE, "SIGFPE" }, { SIGKILL, "SIGKILL" },
		{ SIGTERM, "SIGTERM" }, { SIGINT, "SIGINT" },
		{ SIGHUP, "SIGHUP" }, { SIGPIPE, "SIGPIPE" },
		{ SIGTRAP, "SIGTRAP" }, { SIGQUIT, "SIGQUIT" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].sig == sig)
			return names[i].name;
	snprintf(buf, size, "signal %d", sig);
	return buf;
}

enum died { D_NONE, D_FAILED, D_CRASHED, D_OOM };

/* What a line of stderr says (ingest/failure.c refines this at ingest). */
static enum died line_kind(const char *l)
{
	static const char *const oom[] = {
		"ErrorOutOfDeviceMemory", "ErrorOutOfHostMemory",
		"out of memory", "Out of memory", "OutOfMemory",
		"cudaMalloc failed", "hipMalloc failed", "failed to allocate",
		"unable to allocate", "std::bad_alloc", NULL,
	};
	static const char *const crash[] = {
		"DeviceLost", "GPU Hang", "HSA_STATUS_ERROR", "GGML_ASSERT",
		"CUDA error", "ROCm error", "HIP error", "Segmentation fault",
		"terminate called", "core dumped", NULL,
	};
	static const char *const failed[] = {
		"failed to load model", "failed to create context",
		"error loading model", "error:", NULL,
	};
	size_t i;

	for (i = 0; oom[i]; i++)
		if (strstr(l, oom[i]))
			return D_OOM;
	for (i = 0; crash[i]; i++)
		if (strstr(l, crash[i]))
			return D_CRASHED;
	for (i = 0; failed[i]; i++)
		if (strstr(l, failed[i]))
			return D_FAILED;
	return D_NONE;
}

/* The most telling line of a stderr text: the first of the worst kind;
 * else the last line that is not blank.  Caller frees *line. */
static enum died telling(const char *text, char **line)
{
	const char *l = text, *best = NULL, *last = NULL;
	size_t best_len = 0, last_len = 0;
	enum died worst = D_NONE;

	while (*l) {
		size_t len = strcspn(l, "\n");
		char *buf = xstrndup(l, len);
		enum died k = line_kind(buf);

		/* severity: oom > crashed > failed; the first line of the
		 * worst kind, the cause (what follows are its echoes) */
		if (k != D_NONE && (worst == D_NONE || (k == D_OOM &&
							worst != D_OOM) ||
				    (k == D_CRASHED && worst == D_FAILED))) {
			worst = k;
			best = l;
			best_len = len;
		}
		if (len && strspn(buf, " \t\r") < len) {
			last = l;
			last_len = len;
		}
		free(buf);
		l += len + (l[len] == '\n');
	}
	*line = NULL;
	if (best)
		*line = xstrndup(best, best_len);
	else if (last)
		*line = xstrndup(last, last_len);
	if (*line) {
		char *e = *line + strlen(*line);

		while (e > *line && (e[-1] == '\r' || e[-1] == ' '))
			*--e = '\0';
		if (strlen(*line) > 300)
			(*line)[300] = '\0';
	}
	return worst;
}

/* The tail of a file (at most 1 MiB), or "". */
static char *tail_of(const char *path)
{
	char *text = NULL;
	size_t len;
	FILE *f;
	long long size;

	if (hdb_open_regular(path, &f, &size))
		return xstrdup("");
	if (size > (1 << 20))
		fseeko(f, (off_t)(size - (1 << 20)), SEEK_SET);
	text = xmalloc((1 << 20) + 1);
	len = fread(text, 1, 1 << 20, f);
	text[len] = '\0';
	fclose(f);
	/* NULs would cut the text short: make them blanks */
	{
		size_t i;

		for (i = 0; i < len; i++)
			if (!text[i])
				text[i] = ' ';
	}
	return text;
}

/* Does the stdout file hold a JSONL result line? */
static int has_result(const char *path)
{
	char *text = tail_of(path);
	const char *l = text;
	int found = 0;

	while (*l && !found) {
		size_t len = strcspn(l, "\n");

		if (len && *l == '{' && memmem(l, len, "\"avg_ts\"", 8))
			found = 1;
		l += len + (l[len] == '\n');
	}
	free(text);
	return found;
}

static void classify(struct hdb_point *pt, const struct hdb_exec_result *r,
		     const char *out_path, const char *err_path, long timeout)
{
	char *err_text = tail_of(err_path), *line = NULL, nb[32];
	enum died k = telling(err_text, &line);

	free(err_text);
	pt->exit_code = r->exit_code;
	pt->signal = r->signal;
	pt->seconds = r->seconds;
	if (r->timed_out) {
		pt->status = HDB_POINT_WEDGED;
		pt->error = xasprintf("no result after %ld s (killed)",
				      timeout);
	} else if (r->signal) {
		const char *sn = sig_name(r->signal, nb, sizeof(nb));

		if (k == D_OOM || (r->signal == SIGKILL && k != D_CRASHED)) {
			pt->status = HDB_POINT_OOM;
			pt->error = k == D_OOM ? xstrdup(line)
				    : xasprintf("killed by %s (the kernel's "
						"out-of-memory killer?)", sn);
		} else {
			pt->status = HDB_POINT_CRASHED;
			pt->error = k == D_CRASHED ? xstrdup(line)
				    : xasprintf("killed by %s", sn);
		}
	} else if (r->exit_code != 0) {
		pt->status = k == D_OOM ? HDB_POINT_OOM
			     : k == D_CRASHED ? HDB_POINT_CRASHED
			     : HDB_POINT_FAILED;
		pt->error = line ? xstrdup(line)
			    : xasprintf("exit status %d", r->exit_code);
	} else if (!has_result(out_path)) {
		pt->status = HDB_POINT_FAILED;
		pt->error = line ? xasprintf("no result in its output: %s",
					     line)
			    : xstrdup("no result in its output");
	} else {
		pt->status = HDB_POINT_OK;
	}
	free(line);
}

/* ---- the sweep ------------------------------------------------------------- */

static int open_new(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		      0644);

	if (fd < 0)
		hdb_error("cannot create '%s': %s", p, strerror(errno));
	free(p);
	return fd;
}

/* mkdir -p */
static int make_dirs(const char *path)
{
	char *p = xstrdup(path), *s;
	struct stat sb;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) && errno != EEXIST) {
			hdb_error("cannot create '%s': %s", p, strerror(errno));
			free(p);
			return -1;
		}
		*s = '/';
	}
	if (mkdir(p, 0755) && errno != EEXIST) {
		hdb_error("cannot create '%s': %s", p, strerror(errno));
		free(p);
		return -1;
	}
	if (stat(p, &sb) || !S_ISDIR(sb.st_mode)) {
		hdb_error("cannot create '%s': not a directory", p);
		free(p);
		return -1;
	}
	free(p);
	return 0;
}

/* out/<date>-<host>-<model>, or with -2, -3 ... when taken. */
static char *make_run_dir(const struct hdb_plan *plan, const char *date)
{
	char *model = hdb_run_slug(plan->model_name), *dir = NULL;
	int k;

	if (make_dirs(plan->out)) {
		free(model);
		return NULL;
	}
	for (k = 1; k < 1000; k++) {
		dir = k == 1 ? xasprintf("%s/%s-%s-%s", plan->out, date,
					 plan->host_slug, model)
		      : xasprintf("%s/%s-%s-%s-%d", plan->out, date,
				  plan->host_slug, model, k);
		if (!mkdir(dir, 0755))
			break;
		if (errno != EEXIST) {
			hdb_error("cannot create '%s': %s", dir,
				  strerror(errno));
			free(dir);
			dir = NULL;
			break;
		}
		free(dir);
		dir = NULL;
	}
	if (k == 1000 && !dir)
		hdb_error("cannot create a run directory in '%s': 999 taken",
			  plan->out);
	free(model);
	return dir;
}

struct tick_ctx {
	const struct hdb_run_report *rep;
	const struct hdb_plan *plan;
	const struct hdb_point *pt;
};

static void on_tick(void *ctx, double elapsed)
{
	struct tick_ctx *t = ctx;

	if (t->rep && t->rep->tick)
		t->rep->tick(t->rep->ctx, t->plan, t->pt, elapsed);
}

static void stop_rest(struct hdb_plan *plan, size_t from, const char *why)
{
	size_t i;

	for (i = from; i < plan->n_points; i++) {
		struct hdb_point *pt = &plan->points[i];

		if (pt->status != HDB_POINT_PENDING)
			continue;
		pt->status = HDB_POINT_NOT_RUN;
		free(pt->error);
		pt->error = xstrdup(why);
	}
}

static const char *interrupt_name(void)
{
	switch (hdb_run_interrupted) {
	case SIGTERM:
		return "interrupted (SIGTERM)";
	case SIGHUP:
		return "interrupted (SIGHUP)";
	default:
		return "interrupted (SIGINT)";
	}
}

/* nvidia-smi's name query, for the facts (NULL when there is none). */
static char *smi_names(const struct hdb_plan *plan)
{
	char *path, *out = NULL;

	if (plan->profile.gpu == HDB_GPU_NONE ||
	    plan->profile.gpu == HDB_GPU_AMDGPU)
		return NULL;
	path = hdb_exec_find("nvidia-smi");
	if (path)
		out = smi(path, "--query-gpu=name,driver_version,memory.total",
			  NULL);
	free(path);
	return out;
}

int hdb_run_sweep(struct hdb_plan *plan, const struct hdb_run_report *rep,
		  struct hdb_checks *refusal, struct hdb_sweep_result *res)
{
	struct hdb_checks pre = { NULL, 0 };
	struct hdb_facts facts;
	char created[32], date[16], *names, *stopped = NULL;
	time_t t = time(NULL);
	struct tm tm;
	size_t i;

	memset(res, 0, sizeof(*res));
	refusal->v = NULL;
	refusal->n = 0;
	if (plan->refused)
		return hdb_error("%s", plan->refused);
	hdb_run_interrupted = 0;
	hdb_run_signals(1);
	gate_cool(plan, plan->max_depth + plan->max_tokens, 1, NULL, rep,
		  &pre);
	if (hdb_run_interrupted) {
		hdb_run_signals(0);
		hdb_checks_release(&pre);
		return hdb_error("%s before the sweep began", interrupt_name());
	}
	if (hdb_checks_failed(&pre)) {
		if (!plan->force) {
			size_t n = hdb_checks_failed(&pre);

			hdb_run_signals(0);
			*refusal = pre;
			return hdb_error("the gate refused the sweep: %zu check%s "
					 "failed (--force runs it anyway and "
					 "marks every row dirty)", n,
					 n == 1 ? "" : "s");
		}
		if (rep && rep->forced)
			rep->forced(rep->ctx, &pre);
	}
	hdb_checks_release(&pre);
	gmtime_r(&t, &tm);
	strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	res->dir = make_run_dir(plan, date);
	if (!res->dir) {
		hdb_run_signals(0);
		return -1;
	}
	names = smi_names(plan);
	hdb_facts_read(&facts, plan->proc_root, plan->sys_root, names);
	free(names);
	if (hdb_manifest_write(res->dir, plan, &facts, created,
			       "unfinished: halodb stopped while the sweep "
			       "ran"))
		goto fail;
	if (rep && rep->started)
		rep->started(rep->ctx, plan, res->dir);
	for (i = 0; i < plan->n_points && !stopped; i++) {
		struct hdb_point *pt = &plan->points[i];
		struct hdb_exec_result r;
		struct tick_ctx tc = { rep, plan, pt };
		char *reasons, *op, *ep;
		int out_fd, err_fd;

		if (hdb_run_interrupted) {
			stopped = xstrdup(interrupt_name());
			break;
		}
		gate_cool(plan, hdb_point_ctx(pt), 0, pt, rep, &pt->checks);
		if (hdb_run_interrupted) {
			stopped = xstrdup(interrupt_name());
			break;
		}
		reasons = hdb_checks_reasons(&pt->checks);
		if (reasons && !plan->force) {
			stopped = xasprintf("gate: %s", reasons);
			free(reasons);
			pt->status = HDB_POINT_NOT_RUN;
			pt->error = xstrdup(stopped);
			if (rep && rep->point_done)
				rep->point_done(rep->ctx, plan, pt);
			break;
		}
		pt->gate = reasons ? xasprintf("dirty: %s", reasons)
			   : xstrdup("clean");
		free(reasons);
		out_fd = open_new(res->dir, pt->stdout_name);
		if (out_fd < 0)
			goto fail;
		err_fd = open_new(res->dir, pt->stderr_name);
		if (err_fd < 0) {
			close(out_fd);
			goto fail;
		}
		pt->files = 1;
		if (rep && rep->point_start)
			rep->point_start(rep->ctx, plan, pt);
		op = xasprintf("%s/%s", res->dir, pt->stdout_name);
		ep = xasprintf("%s/%s", res->dir, pt->stderr_name);
		if (hdb_exec_point(pt->argv, out_fd, err_fd,
				   (double)plan->test_timeout, on_tick, &tc,
				   &r)) {
			pt->status = HDB_POINT_FAILED;
			pt->error = xstrdup(hdb_errmsg());
			pt->seconds = 0;
		} else if (r.interrupted) {
			/* a point cut short measured nothing: it is not run,
			 * and its partial output goes */
			pt->status = HDB_POINT_NOT_RUN;
			pt->error = xasprintf("%s after %.1f s",
					      interrupt_name(), r.seconds);
			pt->files = 0;
			free(pt->gate);
			pt->gate = NULL;
			unlink(op);
			unlink(ep);
			stopped = xstrdup(interrupt_name());
		} else {
			classify(pt, &r, op, ep, plan->test_timeout);
			if (r.unreaped) {
				stopped = xasprintf("llama-bench (pid %ld) did "
						    "not exit after SIGKILL "
						    "(stuck in the driver?)",
						    (long)r.pid);
				free(pt->error);
				pt->error = xstrdup(stopped);
			}
		}
		close(out_fd);
		close(err_fd);
		free(op);
		free(ep);
		if (pt->status == HDB_POINT_OK)
			res->n_ok++;
		else if (pt->status != HDB_POINT_NOT_RUN)
			res->n_died++;
		if (hdb_manifest_write(res->dir, plan, &facts, created,
				       "unfinished: halodb stopped while the "
				       "sweep ran"))
			goto fail;
		if (rep && rep->point_done)
			rep->point_done(rep->ctx, plan, pt);
	}
	if (stopped)
		stop_rest(plan, 0, stopped);
	for (i = 0; i < plan->n_points; i++)
		res->n_not_run += plan->points[i].status == HDB_POINT_NOT_RUN;
	if (hdb_manifest_write(res->dir, plan, &facts, created, stopped))
		goto fail;
	hdb_run_signals(0);
	hdb_facts_release(&facts);
	res->stopped = stopped;
	return 0;
fail:
	hdb_run_signals(0);
	hdb_facts_release(&facts);
	free(stopped);
	return -1;
}

void hdb_sweep_result_release(struct hdb_sweep_result *res)
{
	if (!res)
		return;
	free(res->dir);
	free(res->stopped);
	memset(res, 0, sizeof(*res));
}
