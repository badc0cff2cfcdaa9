/*
 * gate.c: the clean-bench gate's checks.  Each reads a proc root, a sys
 * root and what nvidia-smi answered (text the caller captured), and
 * appends one check: what it read and, when it fails, the fix.  Nothing
 * here runs a process, so tests point the roots at trees built in a temp
 * directory and hand in nvidia-smi's text.
 *
 *   processes     no model server or GPU job (/proc/[pid]/comm, cmdline;
 *                 nvidia-smi's compute apps), this process's children
 *                 excepted
 *   memory        MemAvailable covers the model, the KV cache and a margin
 *   gpu memory    nvidia-smi's memory.free, or amdgpu's mem_info_vram_*
 *                 (and mem_info_gtt_* on unified memory)
 *   fans          ec_su_axb35 fanN/rpm, mode, level; hwmon fanN_input;
 *                 nvidia-smi's fan.speed ('[N/A]': passively cooled)
 *   power         ec_su_axb35 apu/power_mode
 *   temperatures  hwmon tempN_input, the EC's temp1/temp, nvidia-smi's
 *                 temperature.gpu
 *   llama-bench   it ran, its build is known, it has the backend's device
 */
#include "run.h"
#include "../util.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

void hdb_checks_add(struct hdb_checks *c, const char *name, int ok,
		    char *reading, char *fix)
{
	struct hdb_check *k;

	c->v = xrealloc(c->v, (c->n + 1) * sizeof(*c->v));
	k = &c->v[c->n++];
	k->name = name;
	k->ok = ok;
	k->reading = reading;
	k->fix = ok ? NULL : fix;
	if (ok)
		free(fix);
}

size_t hdb_checks_failed(const struct hdb_checks *c)
{
	size_t i, n = 0;

	for (i = 0; i < c->n; i++)
		n += !c->v[i].ok;
	return n;
}

char *hdb_checks_reasons(const struct hdb_checks *c)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!c->v[i].ok)
			strbuf_addf(&sb, "%s%s", sb.len ? "; " : "",
				    c->v[i].reading);
	return sb.len ? strbuf_detach(&sb) : NULL;
}

void hdb_checks_release(struct hdb_checks *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].reading);
		free(c->v[i].fix);
	}
	free(c->v);
	c->v = NULL;
	c->n = 0;
}

/* ---- reading the trees --------------------------------------------------- */

static char *path_of(const char *root, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, root);
	strbuf_addch(&sb, '/');
	strbuf_vaddf(&sb, fmt, ap);
	return strbuf_detach(&sb);
}

static char *root_path(const char *root, const char *fmt, ...)
	HDB_PRINTF(2, 3);
static char *root_path(const char *root, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = path_of(root, fmt, ap);
	va_end(ap);
	return p;
}

/* The text of root/path, its trailing blanks cut, or NULL. */
static char *slurp(const char *root, const char *fmt, ...) HDB_PRINTF(2, 3);
static char *slurp(const char *root, const char *fmt, ...)
{
	va_list ap;
	char *p, *text;

	va_start(ap, fmt);
	p = path_of(root, fmt, ap);
	va_end(ap);
	text = read_file_trimmed(p, 1 << 20);
	free(p);
	return text;
}

/* An integer file (sysfs 'rpm', 'temp1_input'); 0 when read. */
static int slurp_ll(long long *v, const char *root, const char *fmt, ...)
	HDB_PRINTF(3, 4);
static int slurp_ll(long long *v, const char *root, const char *fmt, ...)
{
	va_list ap;
	char *p, *text = NULL, *end;
	size_t len;
	int ret = -1;

	va_start(ap, fmt);
	p = path_of(root, fmt, ap);
	va_end(ap);
	if (!read_file_max(p, 4096, &text, &len)) {
		errno = 0;
		*v = strtoll(text, &end, 10);
		while (isspace((unsigned char)*end))
			end++;
		if (end != text && !*end && !errno)
			ret = 0;
	}
	free(text);
	free(p);
	return ret;
}

/* The entries of root/dir that start with prefix and go on with a digit,
 * in version order (hwmon2 before hwmon10).  Caller frees each and the
 * array. */
static char **list_dir(const char *root, const char *dir, const char *prefix,
		       size_t *n)
{
	char *p = root_path(root, "%s", dir);
	struct dirent **ents = NULL;
	char **out = NULL;
	int k, i;
	size_t pl = strlen(prefix);

	*n = 0;
	k = scandir(p, &ents, NULL, versionsort);
	free(p);
	for (i = 0; i < k; i++) {
		const char *nm = ents[i]->d_name;

		if (!strncmp(nm, prefix, pl) && isdigit((unsigned char)nm[pl])) {
			out = xrealloc(out, (*n + 1) * sizeof(*out));
			out[(*n)++] = xstrdup(nm);
		}
		free(ents[i]);
	}
	free(ents);
	return out;
}

static void free_list(char **v, size_t n)
{
	while (n)
		free(v[--n]);
	free(v);
}

static int exists(const char *root, const char *rel)
{
	char *p = root_path(root, "%s", rel);
	struct stat sb;
	int ok = !stat(p, &sb);

	free(p);
	return ok;
}

/* '7.0 MiB', '22.1 GiB' */
void hdb_run_bytes(struct strbuf *sb, unsigned long long b)
{
	double v = (double)b;

	if (v >= 1024.0 * 1024 * 1024)
		strbuf_addf(sb, "%.1f GiB", v / (1024.0 * 1024 * 1024));
	else if (v >= 1024.0 * 1024)
		strbuf_addf(sb, "%.1f MiB", v / (1024.0 * 1024));
	else if (v >= 1024)
		strbuf_addf(sb, "%.0f KiB", v / 1024.0);
	else
		strbuf_addf(sb, "%.0f B", v);
}

/* ---- nvidia-smi's answers ------------------------------------------------ */

/* One GPU of the gate query: memory.free (MiB), temperature.gpu, and
 * fan.speed as printed ('[N/A]' on passively cooled cards). */
struct nv_gpu {
	long long free_mib;	/* -1: not a number ('[N/A]') */
	char free_text[32];
	long long temp;		/* -1: not read */
	char fan[32];
};

/* Splits a csv,noheader line into at most max trimmed fields. */
static size_t csv_fields(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *p = line;

	while (n < max) {
		char *c = strchr(p, ','), *e;

		if (c)
			*c = '\0';
		while (isspace((unsigned char)*p))
			p++;
		e = p + strlen(p);
		while (e > p && isspace((unsigned char)e[-1]))
			*--e = '\0';
		f[n++] = p;
		if (!c)
			break;
		p = c + 1;
	}
	return n;
}

static int to_ll(const char *s, long long *v)
{
	char *end;

	errno = 0;
	*v = strtoll(s, &end, 10);
	return end == s || *end || errno ? -1 : 0;
}

/* Parses the gate query's lines; -1 with the bad line in *bad. */
static int nv_parse(const char *text, struct nv_gpu **out, size_t *n,
		    char **bad)
{
	const char *line = text;

	*out = NULL;
	*n = 0;
	*bad = NULL;
	while (*line) {
		size_t len = strcspn(line, "\n");
		char *buf = xstrndup(line, len), *f[4];
		const char *start = line;
		struct nv_gpu g;
		size_t k;

		line += len + (line[len] == '\n');
		k = csv_fields(buf, f, 4);
		if (k == 1 && !*f[0]) {
			free(buf);
			continue;
		}
		memset(&g, 0, sizeof(g));
		if (k != 3) {
			*bad = xstrndup(start, len);
			free(buf);
			free(*out);
			*out = NULL;
			*n = 0;
			return -1;
		}
		if (to_ll(f[0], &g.free_mib) || g.free_mib < 0)
			g.free_mib = -1;
		snprintf(g.free_text, sizeof(g.free_text), "%s", f[0]);
		if (to_ll(f[1], &g.temp))
			g.temp = -1;
		snprintf(g.fan, sizeof(g.fan), "%s", f[2]);
		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		(*out)[(*n)++] = g;
		free(buf);
	}
	return 0;
}

/* ---- processes ------------------------------------------------------------ */

static const char *const servers[] = {
	"llama-server", "llama-cli", "llama-bench", "llama-run",
	"llama-mtmd-cli", "llama-batched-bench", "llama-perplexity",
	"ollama", "ollama_llama_server", "vllm", "lmstudio", "LM Studio",
	"LM-Studio", "koboldcpp", "text-generation-server",
	"text-generation-launcher", "llamafile", "sglang", "tabbyAPI",
	"local-ai", "aphrodite", "mlc_llm", NULL,
};

/* Does word (len bytes) name server s: s itself, or s followed by a
 * version or extension ('koboldcpp.py', 'LM-Studio-0.3.5.AppImage')? */
static int names(const char *word, size_t len, const char *s)
{
	size_t n = strlen(s);

	if (len < n || strncmp(word, s, n))
		return 0;
	return len == n || word[n] == '.' || word[n] == '-' || word[n] == '_';
}

static const char *match_word(const char *word, size_t len)
{
	const char *slash = memrchr(word, '/', len);
	size_t i;

	if (slash) {
		len -= (size_t)(slash + 1 - word);
		word = slash + 1;
	}
	for (i = 0; servers[i]; i++)
		if (names(word, len, servers[i]))
			return servers[i];
	return NULL;
}

const char *hdb_model_server_name(const char *comm, const char *argv,
				  size_t len)
{
	const char *a0 = argv, *a1, *a2, *base, *hit;
	size_t l0, l1, i;

	if (comm) {
		size_t cl = strlen(comm);

		for (i = 0; servers[i]; i++)
			if (!strcmp(comm, servers[i]) ||
			    (cl == 15 && strlen(servers[i]) > 15 &&
			     !strncmp(comm, servers[i], 15)))
				return servers[i];
	}
	if (!argv || !len)
		return NULL;
	l0 = strnlen(a0, len);
	if ((hit = match_word(a0, l0)))
		return hit;
	/* an interpreter: 'python3 koboldcpp.py', 'python -m vllm.entry...' */
	base = memrchr(a0, '/', l0);
	base = base ? base + 1 : a0;
	if (strncmp(base, "python", 6) && strncmp(base, "pypy", 4))
		return NULL;
	if (l0 + 1 >= len)
		return NULL;
	a1 = a0 + l0 + 1;
	l1 = strnlen(a1, len - l0 - 1);
	if (!strcmp(a1, "-m") && l0 + l1 + 2 < len) {
		a2 = a1 + l1 + 1;
		return match_word(a2, strcspn(a2, "."));
	}
	return match_word(a1, l1);
}

/* The parent of pid under root, or -1. */
static long ppid_of(const char *root, long pid)
{
	char *st = slurp(root, "%ld/status", pid), *p;
	long pp = -1;

	if (st && (p = strstr(st, "\nPPid:")))
		pp = strtol(p + 6, NULL, 10);
	free(st);
	return pp;
}

/* Is pid self or a descendant of it? */
static int ours(const char *root, long pid, long self)
{
	int depth;

	for (depth = 0; depth < 64 && pid > 1; depth++) {
		if (pid == self)
			return 1;
		pid = ppid_of(root, pid);
	}
	return 0;
}

/* Appends 'name (pid N...)' to the items. */
struct found {
	char **items;
	long *pids;
	size_t n;
};

static void found_add(struct found *f, long pid, char *item)
{
	f->items = xrealloc(f->items, (f->n + 1) * sizeof(*f->items));
	f->pids = xrealloc(f->pids, (f->n + 1) * sizeof(*f->pids));
	f->items[f->n] = item;
	f->pids[f->n++] = pid;
}

static int found_has(const struct found *f, long pid)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->pids[i] == pid)
			return 1;
	return 0;
}

/* Model servers under the proc root, in pid order. */
static void scan_proc(const struct hdb_gate_input *in, DIR *d,
		      struct found *f)
{
	struct dirent *e;
	size_t i, j;

	while ((e = readdir(d))) {
		char *comm, *cmd = NULL, *p;
		size_t cl = 0;
		const char *name;
		long pid;

		if (!hdb_all_digits(e->d_name))
			continue;
		pid = strtol(e->d_name, NULL, 10);
		if (pid == (long)in->self)
			continue;
		comm = slurp(in->proc_root, "%ld/comm", pid);
		p = root_path(in->proc_root, "%ld/cmdline", pid);
		if (read_file_max(p, 1 << 16, &cmd, &cl))
			cmd = NULL, cl = 0;
		free(p);
		name = hdb_model_server_name(comm, cmd, cl);
		free(comm);
		free(cmd);
		if (name && !ours(in->proc_root, pid, (long)in->self))
			found_add(f, pid, xasprintf("%s (pid %ld)", name, pid));
	}
	/* readdir's order is the file system's: sort, so that the message
	 * is the same every time */
	for (i = 0; i < f->n; i++)
		for (j = i + 1; j < f->n; j++)
			if (f->pids[j] < f->pids[i]) {
				long t = f->pids[i];
				char *ti = f->items[i];

				f->pids[i] = f->pids[j];
				f->items[i] = f->items[j];
				f->pids[j] = t;
				f->items[j] = ti;
			}
}

/* GPU jobs nvidia-smi lists that are not already found nor ours. */
static void scan_gpu_apps(const struct hdb_gate_input *in, struct found *f)
{
	const char *line = in->nvsmi_apps;

	while (*line) {
		size_t len = strcspn(line, "\n"), k;
		char *buf = xstrndup(line, len), *fl[3];
		long long pid, mib = -1;
		const char *b;

		line += len + (line[len] == '\n');
		k = csv_fields(buf, fl, 3);
		if (k < 2 || to_ll(fl[0], &pid) || pid <= 0 ||
		    found_has(f, (long)pid) || pid == (long long)in->self ||
		    ours(in->proc_root, (long)pid, (long)in->self)) {
			free(buf);
			continue;
		}
		if (k == 3 && to_ll(fl[2], &mib))
			mib = -1;
		b = strrchr(fl[1], '/');
		b = b ? b + 1 : fl[1];
		if (mib >= 0)
			found_add(f, (long)pid, xasprintf("%s (pid %lld, %lld "
							  "MiB of GPU memory)",
							  b, pid, mib));
		else
			found_add(f, (long)pid, xasprintf("%s (pid %lld)", b,
							  pid));
		free(buf);
	}
}

void hdb_check_processes(const struct hdb_gate_input *in,
			 struct hdb_checks *out)
{
	struct strbuf what = STRBUF_INIT, pids = STRBUF_INIT;
	struct found f = { NULL, NULL, 0 };
	DIR *d = opendir(in->proc_root);
	size_t i;

	if (!d) {
		hdb_checks_add(out, "processes", 0,
			       xasprintf("cannot list processes: cannot open "
					 "'%s': %s", in->proc_root,
					 strerror(errno)),
			       xstrdup("point --proc-root (or "
				       "HALODB_PROC_ROOT) at a proc file "
				       "system"));
		return;
	}
	scan_proc(in, d, &f);
	closedir(d);
	if (in->nvsmi_apps)
		scan_gpu_apps(in, &f);
	if (!f.n) {
		hdb_checks_add(out, "processes", 1,
			       xstrdup(in->nvsmi_apps
				       ? "no model server or GPU job running"
				       : "no model server running"), NULL);
		return;
	}
	for (i = 0; i < f.n; i++) {
		strbuf_addf(&what, "%s%s", !i ? "" : i + 1 == f.n ? " and "
			    : ", ", f.items[i]);
		strbuf_addf(&pids, " %ld", f.pids[i]);
		free(f.items[i]);
	}
	hdb_checks_add(out, "processes", 0,
		       xasprintf("%s %s running", strbuf_str(&what),
				 f.n == 1 ? "is" : "are"),
		       xasprintf("stop %s first (kill%s)",
				 f.n == 1 ? "it" : "them", strbuf_str(&pids)));
	strbuf_release(&what);
	strbuf_release(&pids);
	free(f.items);
	free(f.pids);
}

/* ---- memory -------------------------------------------------------------- */

/* Which GPU the checks read: the profile's, or what answers. */
static enum hdb_gpu_kind gpu_kind(const struct hdb_profile *p,
				  const struct hdb_gate_input *in)
{
	size_t n;
	char **cards;

	if (p->gpu != HDB_GPU_AUTO)
		return p->gpu;
	if (in->nvsmi_gpus)
		return HDB_GPU_NVIDIA;
	cards = list_dir(in->sys_root, "class/drm", "card", &n);
	{
		size_t i;
		int amd = 0;

		for (i = 0; i < n; i++) {
			char *rel = xasprintf("class/drm/%s/device/"
					      "mem_info_vram_total", cards[i]);

			if (hdb_all_digits(cards[i] + 4) &&
			    exists(in->sys_root, rel))
				amd = 1;
			free(rel);
		}
		free_list(cards, n);
		return amd ? HDB_GPU_AMDGPU : HDB_GPU_NONE;
	}
}

/* On a discrete GPU, the share of the model llama.cpp keeps on the host:
 * the layers beyond -ngl (none when -ngl is unset or covers them all). */
static unsigned long long host_share(const struct hdb_plan *plan)
{
	long nl = plan->have_gguf ? plan->gguf.n_layer : 0;

	if (plan->ngl < 0 || !nl || plan->ngl >= nl)
		return 0;
	return (unsigned long long)((double)plan->model_bytes *
				    (double)(nl - plan->ngl) / (double)nl);
}

/* '(model 7.0 MiB + KV cache 8.0 MiB at 1536 tokens + margin 2.0 GiB)' */
static void need_detail(struct strbuf *sb, const struct hdb_plan *plan,
			const struct hdb_gate_input *in,
			unsigned long long model)
{
	strbuf_addstr(sb, " (model ");
	hdb_run_bytes(sb, model);
	if (in->kv) {
		strbuf_addstr(sb, " + KV cache ");
		hdb_run_bytes(sb, in->kv);
		strbuf_addf(sb, " at %ld tokens", in->ctx);
	}
	strbuf_addstr(sb, " + margin ");
	hdb_run_bytes(sb, (unsigned long long)plan->profile.margin_mib << 20);
	strbuf_addch(sb, ')');
}

void hdb_check_memory(const struct hdb_plan *plan,
		      const struct hdb_gate_input *in, struct hdb_checks *out)
{
	enum hdb_gpu_kind g = gpu_kind(&plan->profile, in);
	int discrete = (g == HDB_GPU_NVIDIA) ||
		       (g == HDB_GPU_AMDGPU && !plan->profile.unified);
	unsigned long long need = in->need, model = plan->model_bytes;
	char *mi = slurp(in->proc_root, "meminfo"), *p;
	long long avail_kb = -1;
	struct strbuf sb = STRBUF_INIT;

	if (mi && (p = strstr(mi, "MemAvailable:")))
		avail_kb = strtoll(p + 13, NULL, 10);
	free(mi);
	if (avail_kb < 0) {
		hdb_checks_add(out, "memory", 0,
			       xasprintf("MemAvailable unknown: no MemAvailable "
					 "in '%s/meminfo'", in->proc_root),
			       xstrdup("point --proc-root (or "
				       "HALODB_PROC_ROOT) at a proc file "
				       "system"));
		return;
	}
	if (discrete) {
		/* the model and its cache go to the GPU; the host keeps the
		 * layers beyond -ngl */
		model = host_share(plan);
		need = model + ((unsigned long long)plan->profile.margin_mib
				<< 20);
	}
	strbuf_addstr(&sb, "MemAvailable ");
	hdb_run_bytes(&sb, (unsigned long long)avail_kb * 1024);
	if ((unsigned long long)avail_kb * 1024 >= need) {
		strbuf_addstr(&sb, ", ");
		hdb_run_bytes(&sb, need);
		strbuf_addstr(&sb, " needed");
		if (discrete) {
			strbuf_addstr(&sb, " (the model and its KV cache go "
				      "to GPU memory");
			if (model) {
				strbuf_addstr(&sb, "; ");
				hdb_run_bytes(&sb, model);
				strbuf_addstr(&sb, " of the model stays on "
					      "the host");
			}
			strbuf_addch(&sb, ')');
		} else {
			need_detail(&sb, plan, in, model);
		}
		hdb_checks_add(out, "memory", 1, strbuf_detach(&sb), NULL);
		return;
	}
	strbuf_addstr(&sb, " is less than the ");
	hdb_run_bytes(&sb, need);
	strbuf_addstr(&sb, " needed");
	if (discrete) {
		strbuf_addstr(&sb, " (");
		hdb_run_bytes(&sb, model);
		strbuf_addstr(&sb, " of the model on the host + margin ");
		hdb_run_bytes(&sb, (unsigned long long)plan->profile.margin_mib
			  << 20);
		strbuf_addch(&sb, ')');
	} else {
		need_detail(&sb, plan, in, model);
	}
	hdb_checks_add(out, "memory", 0, strbuf_detach(&sb),
		       xstrdup(discrete ? "free memory (stop what holds it)"
			       : "free memory (stop what holds it), or leave "
			       "the deepest depths out (--depths)"));
}

/* ---- GPU memory ---------------------------------------------------------- */

void hdb_check_gpu_memory(const struct hdb_plan *plan,
			  const struct hdb_gate_input *in,
			  struct hdb_checks *out)
{
	const struct hdb_profile *p = &plan->profile;
	enum hdb_gpu_kind g = gpu_kind(p, in);
	unsigned long long need, model, free_b = 0;
	struct strbuf sb = STRBUF_INIT, parts = STRBUF_INIT;
	size_t i, n;

	if (g == HDB_GPU_NONE) {
		hdb_checks_add(out, "gpu memory", 1,
			       xstrdup(p->gpu == HDB_GPU_NONE
				       ? "not checked: the profile runs on "
				       "the CPU"
				       : "no GPU memory to read (no nvidia-smi "
				       "answer, no amdgpu card)"), NULL);
		return;
	}
	model = plan->model_bytes - host_share(plan);
	need = model + in->kv + ((unsigned long long)p->margin_mib << 20);
	if (g == HDB_GPU_NVIDIA) {
		struct nv_gpu *gpus;
		char *bad;

		if (!in->nvsmi_gpus) {
			hdb_checks_add(out, "gpu memory", 0,
				       xasprintf("nvidia-smi did not answer: %s",
						 in->nvsmi_error ? in->nvsmi_error
						 : "not found on PATH"),
				       xstrdup("install the NVIDIA driver (and "
					       "its nvidia-smi) or use "
					       "--profile generic"));
			return;
		}
		if (nv_parse(in->nvsmi_gpus, &gpus, &n, &bad) || !n) {
			hdb_checks_add(out, "gpu memory", 0,
				       xasprintf("cannot read nvidia-smi's "
						 "answer: '%s'", bad ? bad
						 : ""),
				       xstrdup("check that nvidia-smi works"));
			free(bad);
			return;
		}
		for (i = 0; i < n; i++) {
			if (gpus[i].free_mib < 0) {
				hdb_checks_add(out, "gpu memory", 0,
					       xasprintf("GPU%zu's free memory "
							 "is unknown: nvidia-smi "
							 "reads memory.free as "
							 "'%s'", i,
							 gpus[i].free_text),
					       xstrdup("check nvidia-smi (a MIG "
						       "instance reads no free "
						       "memory), or run with "
						       "--force"));
				free(gpus);
				strbuf_release(&parts);
				return;
			}
			free_b += (unsigned long long)gpus[i].free_mib << 20;
			if (n > 1) {
				strbuf_addf(&parts, "%sGPU%zu ", i ? ", " : "",
					    i);
				hdb_run_bytes(&parts, (unsigned long long)
					  gpus[i].free_mib << 20);
			}
		}
		free(gpus);
	} else {
		char **cards = list_dir(in->sys_root, "class/drm", "card", &n);
		int found = 0;

		for (i = 0; i < n; i++) {
			long long vt, vu, gt = -1, gu = -1;
			unsigned long long f;

			if (!hdb_all_digits(cards[i] + 4) ||
			    slurp_ll(&vt, in->sys_root, "class/drm/%s/device/"
				     "mem_info_vram_total", cards[i]) ||
			    slurp_ll(&vu, in->sys_root, "class/drm/%s/device/"
				     "mem_info_vram_used", cards[i]))
				continue;
			found = 1;
			f = vt > vu ? (unsigned long long)(vt - vu) : 0;
			strbuf_addf(&parts, "%s%s VRAM ", parts.len ? ", " : "",
				    cards[i]);
			hdb_run_bytes(&parts, f);
			strbuf_addstr(&parts, " of ");
			hdb_run_bytes(&parts, (unsigned long long)vt);
			if (p->unified &&
			    !slurp_ll(&gt, in->sys_root, "class/drm/%s/device/"
				      "mem_info_gtt_total", cards[i]) &&
			    !slurp_ll(&gu, in->sys_root, "class/drm/%s/device/"
				      "mem_info_gtt_used", cards[i])) {
				unsigned long long gf = gt > gu
					? (unsigned long long)(gt - gu) : 0;

				strbuf_addstr(&parts, " + GTT ");
				hdb_run_bytes(&parts, gf);
				strbuf_addstr(&parts, " of ");
				hdb_run_bytes(&parts, (unsigned long long)gt);
				f += gf;
			}
			free_b += f;
		}
		free_list(cards, n);
		if (!found) {
			hdb_checks_add(out, "gpu memory", 0,
				       xasprintf("no amdgpu card: no "
						 "%s/class/drm/card*/device/"
						 "mem_info_vram_total",
						 in->sys_root),
				       xstrdup("load the amdgpu driver, or use "
					       "--profile generic"));
			strbuf_release(&parts);
			return;
		}
	}
	strbuf_addstr(&sb, "GPU memory free ");
	hdb_run_bytes(&sb, free_b);
	if (parts.len)
		strbuf_addf(&sb, " (%s)", strbuf_str(&parts));
	if (free_b >= need) {
		strbuf_addstr(&sb, ", ");
		hdb_run_bytes(&sb, need);
		strbuf_addstr(&sb, " needed");
		need_detail(&sb, plan, in, model);
		hdb_checks_add(out, "gpu memory", 1, strbuf_detach(&sb), NULL);
	} else {
		strbuf_addstr(&sb, " is less than the ");
		hdb_run_bytes(&sb, need);
		strbuf_addstr(&sb, " needed");
		need_detail(&sb, plan, in, model);
		hdb_checks_add(out, "gpu memory", 0, strbuf_detach(&sb),
			       xstrdup(g == HDB_GPU_NVIDIA
				       ? "stop what holds GPU memory "
				       "(nvidia-smi lists it), or leave the "
				       "deepest depths out (--depths)"
				       : p->unified
				       ? "stop what holds GPU memory, or "
				       "leave the deepest depths out "
				       "(--depths)"
				       : "stop what holds GPU memory, or "
				       "leave the deepest depths out "
				       "(--depths); on unified memory (Strix "
				       "Halo) use a profile with 'unified = "
				       "yes' such as strix-halo"));
	}
	strbuf_release(&parts);
}

/* ---- fans and power ------------------------------------------------------ */

#define EC "class/ec_su_axb35"

void hdb_check_fans(const struct hdb_profile *p,
		    const struct hdb_gate_input *in, struct hdb_checks *out)
{
	struct strbuf ok = STRBUF_INIT, badr = STRBUF_INIT;
	int want_ec = p->ec_fan_min_rpm >= 0 || p->ec_fan_mode ||
		      p->ec_fan_level >= 0;
	size_t n, i;
	char **fans = list_dir(in->sys_root, EC, "fan", &n);
	int pin = 0;

	if (want_ec && !n) {
		hdb_checks_add(out, "fans", 0,
			       xasprintf("no ec_su_axb35 fans: no %s/" EC
					 "/fan*", in->sys_root),
			       xstrdup("load the ec_su_axb35 driver "
				       "(github.com/cmetz/ec-su_axb35-linux: "
				       "sudo modprobe ec_su_axb35), or use a "
				       "profile that does not check it"));
		return;
	}
	for (i = 0; i < n; i++) {
		long long rpm = -1, level = -1;
		char *mode = slurp(in->sys_root, EC "/%s/mode", fans[i]);

		if (slurp_ll(&rpm, in->sys_root, EC "/%s/rpm", fans[i]))
			rpm = -1;
		if (slurp_ll(&level, in->sys_root, EC "/%s/level", fans[i]))
			level = -1;
		strbuf_addf(&ok, "%s%s %lld rpm", ok.len ? ", " : "", fans[i],
			    rpm);
		if (mode || level >= 0) {
			strbuf_addstr(&ok, " (");
			if (mode)
				strbuf_addf(&ok, "%s", mode);
			if (level >= 0)
				strbuf_addf(&ok, "%slevel %lld", mode ? ", "
					    : "", level);
			strbuf_addch(&ok, ')');
		}
		if (p->ec_fan_min_rpm >= 0 && rpm < p->ec_fan_min_rpm) {
			if (rpm < 0)
				strbuf_addf(&badr, "%s%s rpm unreadable",
					    badr.len ? "; " : "", fans[i]);
			else
				strbuf_addf(&badr, "%s%s at %lld rpm, below "
					    "%d", badr.len ? "; " : "",
					    fans[i], rpm, p->ec_fan_min_rpm);
			pin = 1;
		}
		if (p->ec_fan_mode && (!mode || strcmp(mode, p->ec_fan_mode))) {
			strbuf_addf(&badr, "%s%s mode %s, not %s", badr.len
				    ? "; " : "", fans[i], mode ? mode
				    : "unreadable", p->ec_fan_mode);
			pin = 1;
		}
		if (p->ec_fan_level >= 0 && level != p->ec_fan_level) {
			if (level < 0)
				strbuf_addf(&badr, "%s%s level unreadable",
					    badr.len ? "; " : "", fans[i]);
			else
				strbuf_addf(&badr, "%s%s level %lld, not %d",
					    badr.len ? "; " : "", fans[i],
					    level, p->ec_fan_level);
			pin = 1;
		}
		free(mode);
	}
	free_list(fans, n);
	if (p->ec_fan_min_rpm >= 0 && !badr.len)
		strbuf_addf(&ok, ", at least %d rpm", p->ec_fan_min_rpm);
	/* hwmon fan*_input */
	{
		char **hw = list_dir(in->sys_root, "class/hwmon", "hwmon", &n);
		size_t seen = 0;

		for (i = 0; i < n; i++) {
			char *rel = xasprintf("class/hwmon/%s", hw[i]), *name;
			size_t nf, j;
			char **fi = list_dir(in->sys_root, rel, "fan", &nf);

			name = slurp(in->sys_root, "%s/name", rel);
			for (j = 0; j < nf; j++) {
				long long rpm;
				size_t l = strlen(fi[j]);

				if (l < 7 || strcmp(fi[j] + l - 6, "_input") ||
				    slurp_ll(&rpm, in->sys_root, "%s/%s", rel,
					     fi[j]))
					continue;
				seen++;
				if (p->hwmon_fan_min_rpm >= 0 &&
				    rpm < p->hwmon_fan_min_rpm)
					strbuf_addf(&badr, "%s%s %.*s at %lld "
						    "rpm, below %d", badr.len
						    ? "; " : "", name ? name
						    : hw[i], (int)(l - 6),
						    fi[j], rpm,
						    p->hwmon_fan_min_rpm);
				else
					strbuf_addf(&ok, "%s%s %.*s %lld rpm",
						    ok.len ? ", " : "", name
						    ? name : hw[i],
						    (int)(l - 6), fi[j], rpm);
			}
			free(name);
			free_list(fi, nf);
			free(rel);
		}
		free_list(hw, n);
		if (p->hwmon_fan_min_rpm >= 0 && !seen)
			strbuf_addf(&badr, "%sno hwmon fan to read",
				    badr.len ? "; " : "");
	}
	/* nvidia-smi's fan.speed */
	if (in->nvsmi_gpus) {
		struct nv_gpu *gpus;
		char *bad;

		if (!nv_parse(in->nvsmi_gpus, &gpus, &n, &bad)) {
			for (i = 0; i < n; i++) {
				long long pct;

				if (!strcmp(gpus[i].fan, "[N/A]") ||
				    !strcmp(gpus[i].fan, "N/A"))
					strbuf_addf(&ok, "%sGPU%zu passively "
						    "cooled (fan.speed [N/A])",
						    ok.len ? ", " : "", i);
				else if (!to_ll(gpus[i].fan, &pct))
					strbuf_addf(&ok, "%sGPU%zu fan %lld %%",
						    ok.len ? ", " : "", i, pct);
				else
					strbuf_addf(&ok, "%sGPU%zu fan.speed "
						    "%s", ok.len ? ", " : "", i,
						    gpus[i].fan);
			}
			free(gpus);
		}
		free(bad);
	}
	if (badr.len) {
		hdb_checks_add(out, "fans", 0, strbuf_detach(&badr),
			       pin ? xasprintf("pin every fan: echo %s | sudo "
					       "tee %s/" EC "/fan*/mode; echo "
					       "%d | sudo tee %s/" EC
					       "/fan*/level",
					       p->ec_fan_mode ? p->ec_fan_mode
					       : "fixed", in->sys_root,
					       p->ec_fan_level >= 0
					       ? p->ec_fan_level : 5,
					       in->sys_root)
			       : xstrdup("check the fans (or lower "
					 "hwmon_fan_min_rpm in a profile of "
					 "your own)"));
		strbuf_release(&ok);
		return;
	}
	if (!ok.len)
		strbuf_addstr(&ok, "no fan to read");
	if (!want_ec && p->hwmon_fan_min_rpm < 0)
		strbuf_addstr(&ok, "; not checked by this profile");
	hdb_checks_add(out, "fans", 1, strbuf_detach(&ok), NULL);
}

/* Is word one of the comma-separated list? */
static int in_list(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	for (;;) {
		size_t k = strcspn(p, ",");

		if (k == n && !strncmp(p, word, n))
			return 1;
		if (!p[k])
			return 0;
		p += k + 1;
	}
}

/* 'balanced or performance' (caller frees) */
static char *or_list(const char *list)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = list;

	for (;;) {
		size_t k = strcspn(p, ",");

		if (sb.len)
			strbuf_addstr(&sb, p[k] ? ", " : " or ");
		strbuf_add(&sb, p, k);
		if (!p[k])
			break;
		p += k + 1;
	}
	return strbuf_detach(&sb);
}

void hdb_check_power(const struct hdb_profile *p,
		     const struct hdb_gate_input *in, struct hdb_checks *out)
{
	char *mode = slurp(in->sys_root, EC "/apu/power_mode"), *want;
	const char *last;

	if (!p->power_modes) {
		hdb_checks_add(out, "power", 1,
			       mode ? xasprintf("power mode %s; not checked by "
						"this profile", mode)
			       : xstrdup("not checked by this profile"), NULL);
		free(mode);
		return;
	}
	if (!mode) {
		hdb_checks_add(out, "power", 0,
			       xasprintf("no power mode to read: no %s/" EC
					 "/apu/power_mode", in->sys_root),
			       xstrdup("load the ec_su_axb35 driver "
				       "(github.com/cmetz/ec-su_axb35-linux: "
				       "sudo modprobe ec_su_axb35), or use a "
				       "profile that does not check it"));
		return;
	}
	if (in_list(p->power_modes, mode)) {
		hdb_checks_add(out, "power", 1, xasprintf("power mode %s", mode),
			       NULL);
		free(mode);
		return;
	}
	want = or_list(p->power_modes);
	last = strrchr(p->power_modes, ',');
	hdb_checks_add(out, "power", 0,
		       xasprintf("power mode %s, not %s", mode, want),
		       xasprintf("echo %s | sudo tee %s/" EC "/apu/power_mode",
				 last ? last + 1 : p->power_modes,
				 in->sys_root));
	free(want);
	free(mode);
}

/* ---- temperatures -------------------------------------------------------- */

struct reading {
	char name[96];
	double c;
};

void hdb_check_temperatures(const struct hdb_profile *p,
			    const struct hdb_gate_input *in,
			    struct hdb_checks *out)
{
	struct reading *r = NULL;
	size_t n_r = 0, n, i, hot = 0;
	char **hw = list_dir(in->sys_root, "class/hwmon", "hwmon", &n);
	struct strbuf sb = STRBUF_INIT;
	long long ec;

	for (i = 0; i < n; i++) {
		char *rel = xasprintf("class/hwmon/%s", hw[i]);
		char *name = slurp(in->sys_root, "%s/name", rel);
		size_t nt, j;
		char **ti;

		if (p->temp_sensors && (!name || !in_list(p->temp_sensors,
							  name))) {
			free(name);
			free(rel);
			continue;
		}
		ti = list_dir(in->sys_root, rel, "temp", &nt);
		for (j = 0; j < nt; j++) {
			long long v;
			size_t l = strlen(ti[j]);
			char *label;

			if (l < 7 || strcmp(ti[j] + l - 6, "_input") ||
			    slurp_ll(&v, in->sys_root, "%s/%s", rel, ti[j]))
				continue;
			/* a sensor that reads nonsense is not a reading */
			if (v <= -40000 || v > 150000)
				continue;
			label = slurp(in->sys_root, "%s/%.*s_label", rel,
				      (int)(l - 6), ti[j]);
			r = xrealloc(r, (n_r + 1) * sizeof(*r));
			snprintf(r[n_r].name, sizeof(r[n_r].name), "%s %.*s",
				 name ? name : hw[i], label ? 40 : (int)(l - 6),
				 label ? label : ti[j]);
			r[n_r++].c = (double)v / 1000;
			free(label);
		}
		free_list(ti, nt);
		free(name);
		free(rel);
	}
	free_list(hw, n);
	if (!slurp_ll(&ec, in->sys_root, EC "/temp1/temp") && ec > -40 &&
	    ec <= 150) {
		r = xrealloc(r, (n_r + 1) * sizeof(*r));
		snprintf(r[n_r].name, sizeof(r[n_r].name), "ec_su_axb35 temp1");
		r[n_r++].c = (double)ec;
	}
	if (in->nvsmi_gpus) {
		struct nv_gpu *gpus;
		char *bad;
		size_t g;

		if (!nv_parse(in->nvsmi_gpus, &gpus, &g, &bad)) {
			for (i = 0; i < g; i++)
				if (gpus[i].temp >= 0) {
					r = xrealloc(r, (n_r + 1) * sizeof(*r));
					snprintf(r[n_r].name,
						 sizeof(r[n_r].name),
						 "GPU%zu", i);
					r[n_r++].c = (double)gpus[i].temp;
				}
			free(gpus);
		}
		free(bad);
	}
	if (!n_r) {
		hdb_checks_add(out, "temperatures", 1,
			       xstrdup(p->temp_max_c >= 0
				       ? "no temperature to read"
				       : "no temperature to read; not checked "
				       "by this profile"), NULL);
		return;
	}
	for (i = 1; i < n_r; i++)
		if (r[i].c > r[hot].c)
			hot = i;
	if (p->temp_max_c < 0 || r[hot].c < p->temp_max_c) {
		strbuf_addf(&sb, "hottest %.0f C (%s)", r[hot].c, r[hot].name);
		if (p->temp_max_c >= 0)
			strbuf_addf(&sb, ", limit %d C", p->temp_max_c);
		else
			strbuf_addstr(&sb, "; not checked by this profile");
		hdb_checks_add(out, "temperatures", 1, strbuf_detach(&sb),
			       NULL);
		free(r);
		return;
	}
	for (i = 0; i < n_r; i++)
		if (r[i].c >= p->temp_max_c)
			strbuf_addf(&sb, "%s%s at %.0f C", sb.len ? ", " : "",
				    r[i].name, r[i].c);
	strbuf_addf(&sb, ", limit %d C", p->temp_max_c);
	hdb_checks_add(out, "temperatures", 0, strbuf_detach(&sb),
		       xstrdup("let the machine cool down (and check its "
			       "fans)"));
	free(r);
}

/* ---- the binary ---------------------------------------------------------- */

static const char *cmake_flag(const char *backend)
{
	if (!strcasecmp(backend, "Vulkan"))
		return " (cmake -DGGML_VULKAN=ON)";
	if (!strcasecmp(backend, "CUDA"))
		return " (cmake -DGGML_CUDA=ON)";
	if (!strcasecmp(backend, "ROCm") || !strcasecmp(backend, "HIP"))
		return " (cmake -DGGML_HIP=ON)";
	return "";
}

static int has_backend(const char *list, const char *backend)
{
	const char *p = list;
	size_t n = strlen(backend);

	while (*p) {
		size_t k = strcspn(p, ",");

		if (k == n && !strncasecmp(p, backend, n))
			return 1;
		p += k + (p[k] == ',');
	}
	return 0;
}

static char *bench_ok_reading(const struct hdb_bench *b)
{
	if (b->listed)
		return xasprintf("build %ld (%s), devices: %s", b->number,
				 b->commit, *b->backends ? b->backends
				 : "none (CPU)");
	return xasprintf("build %ld (%s)", b->number, b->commit);
}

void hdb_check_bench(const struct hdb_plan *plan, int full,
		     struct hdb_checks *out)
{
	const struct hdb_bench *b = &plan->bench;
	const char *backend = plan->profile.backend;
	struct stat sb;

	if (b->error || !b->help) {
		hdb_checks_add(out, "llama-bench", 0,
			       xstrdup(b->error ? b->error
				       : "llama-bench did not run"),
			       xstrdup("build llama.cpp's llama-bench, and put "
				       "it on PATH or pass --llama-bench "
				       "PATH"));
		return;
	}
	if (b->number <= 0) {
		hdb_checks_add(out, "llama-bench", 0,
			       xasprintf("build unknown: '%s -p 0 -n 0 -o md' "
					 "printed no 'build: COMMIT (NUMBER)' "
					 "line", b->path),
			       xstrdup("build llama.cpp from a git checkout, "
				       "so that its build is known"));
		return;
	}
	if (!full) {
		if (stat(b->path, &sb) || sb.st_dev != b->dev ||
		    sb.st_ino != b->ino || (long long)sb.st_size != b->size ||
		    (long long)sb.st_mtime != b->mtime)
			hdb_checks_add(out, "llama-bench", 0,
				       xasprintf("'%s' changed since the sweep "
						 "began", b->path),
				       xstrdup("let a sweep finish before "
					       "rebuilding llama.cpp, or start "
					       "it again"));
		else
			hdb_checks_add(out, "llama-bench", 1,
				       bench_ok_reading(b), NULL);
		return;
	}
	if (backend && strcasecmp(backend, "CPU") && b->listed &&
	    !has_backend(b->backends, backend)) {
		hdb_checks_add(out, "llama-bench", 0,
			       xasprintf("build %ld (%s) has no %s device "
					 "(--list-devices: %s)", b->number,
					 b->commit, backend, *b->backends
					 ? b->backends : "none"),
			       xasprintf("build llama-bench with %s%s, or use "
					 "--profile generic", backend,
					 cmake_flag(backend)));
		return;
	}
	hdb_checks_add(out, "llama-bench", 1, bench_ok_reading(b), NULL);
}
