/*
 * manifest.c: the run directory's manifest.json, written by hand (run/
 * has no JSON library; ingest/ reads it with jansson).  The layout is the
 * contract between the runner and ingest (README, "Running benchmarks";
 * halodb_run 1): the host, the profile, the machine's facts, the
 * llama-bench binary, and per point its command line, files, gate
 * verdict, checks and outcome.  It is rewritten after every point
 * (through a temporary renamed over it), so a directory left by a runner
 * that died still says what ran.
 */
#include "run.h"
#include "../util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void hdb_json_string(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s), i = 0;

	strbuf_addch(sb, '"');
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		unsigned cp;
		size_t k;

		if (c == '"' || c == '\\') {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, c);
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			switch (c) {
			case '\n':
				strbuf_addstr(sb, "\\n");
				break;
			case '\t':
				strbuf_addstr(sb, "\\t");
				break;
			case '\r':
				strbuf_addstr(sb, "\\r");
				break;
			default:
				strbuf_addf(sb, "\\u%04x", c);
			}
			i++;
		} else if (c < 0x80) {
			strbuf_addch(sb, c);
			i++;
		} else if ((k = hdb_utf8_char(s + i, n - i, &cp))) {
			strbuf_add(sb, s + i, k);
			i += k;
		} else {
			strbuf_addstr(sb, "\\ufffd");
			i++;
		}
	}
	strbuf_addch(sb, '"');
}

static void str_or_null(struct strbuf *sb, const char *s)
{
	if (s)
		hdb_json_string(sb, s);
	else
		strbuf_addstr(sb, "null");
}

static void key(struct strbuf *sb, int indent, const char *k)
{
	strbuf_addf(sb, "%*s", indent, "");
	hdb_json_string(sb, k);
	strbuf_addstr(sb, ": ");
}

static void point(struct strbuf *sb, const struct hdb_point *pt, int last)
{
	size_t i;
	int ran = pt->status != HDB_POINT_NOT_RUN &&
		  pt->status != HDB_POINT_PENDING;

	strbuf_addstr(sb, "    {\n");
	key(sb, 6, "n");
	strbuf_addf(sb, "%d,\n", pt->n);
	key(sb, 6, "test");
	hdb_json_string(sb, pt->test);
	strbuf_addstr(sb, ",\n");
	key(sb, 6, "n_prompt");
	strbuf_addf(sb, "%d,\n", pt->n_prompt);
	key(sb, 6, "n_gen");
	strbuf_addf(sb, "%d,\n", pt->n_gen);
	key(sb, 6, "n_depth");
	strbuf_addf(sb, "%ld,\n", pt->n_depth);
	key(sb, 6, "argv");
	strbuf_addch(sb, '[');
	for (i = 0; pt->argv[i]; i++) {
		if (i)
			strbuf_addstr(sb, ", ");
		hdb_json_string(sb, pt->argv[i]);
	}
	strbuf_addstr(sb, "],\n");
	key(sb, 6, "stdout");
	str_or_null(sb, pt->files ? pt->stdout_name : NULL);
	strbuf_addstr(sb, ",\n");
	key(sb, 6, "stderr");
	str_or_null(sb, pt->files ? pt->stderr_name : NULL);
	strbuf_addstr(sb, ",\n");
	key(sb, 6, "gate");
	str_or_null(sb, pt->gate);
	strbuf_addstr(sb, ",\n");
	key(sb, 6, "checks");
	if (!pt->checks.n)
		strbuf_addstr(sb, "[],\n");
	else
		strbuf_addstr(sb, "[\n");
	for (i = 0; i < pt->checks.n; i++) {
		const struct hdb_check *c = &pt->checks.v[i];

		strbuf_addstr(sb, "        {\"check\": ");
		hdb_json_string(sb, c->name);
		strbuf_addf(sb, ", \"ok\": %s, \"reading\": ",
			    c->ok ? "true" : "false");
		hdb_json_string(sb, c->reading);
		if (c->fix) {
			strbuf_addstr(sb, ", \"fix\": ");
			hdb_json_string(sb, c->fix);
		}
		strbuf_addstr(sb, i + 1 < pt->checks.n ? "},\n" : "}\n");
	}
	if (pt->checks.n)
		strbuf_addstr(sb, "      ],\n");
	key(sb, 6, "status");
	hdb_json_string(sb, hdb_point_status_name(pt->status));
	strbuf_addstr(sb, ",\n");
	key(sb, 6, "exit");
	if (ran && pt->exit_code >= 0)
		strbuf_addf(sb, "%d,\n", pt->exit_code);
	else
		strbuf_addstr(sb, "null,\n");
	key(sb, 6, "signal");
	if (ran && pt->signal > 0)
		strbuf_addf(sb, "%d,\n", pt->signal);
	else
		strbuf_addstr(sb, "null,\n");
	key(sb, 6, "seconds");
	if (ran && pt->seconds >= 0)
		strbuf_addf(sb, "%.2f,\n", pt->seconds);
	else
		strbuf_addstr(sb, "null,\n");
	key(sb, 6, "error");
	str_or_null(sb, pt->error);
	strbuf_addstr(sb, last ? "\n    }\n" : "\n    },\n");
}

char *hdb_manifest_text(const struct hdb_plan *plan,
			const struct hdb_facts *facts, const char *created,
			const char *stopped)
{
	struct strbuf sb = STRBUF_INIT;
	const struct hdb_profile *p = &plan->profile;
	size_t i;
	int first;

	strbuf_addstr(&sb, "{\n");
	key(&sb, 2, "halodb_run");
	strbuf_addstr(&sb, "1,\n");
	key(&sb, 2, "created");
	hdb_json_string(&sb, created);
	strbuf_addstr(&sb, ",\n");
	key(&sb, 2, "host");
	str_or_null(&sb, plan->host);
	strbuf_addstr(&sb, ",\n");
	key(&sb, 2, "model");
	strbuf_addstr(&sb, "{\"path\": ");
	hdb_json_string(&sb, plan->model);
	strbuf_addstr(&sb, ", \"file\": ");
	hdb_json_string(&sb, plan->model_name);
	strbuf_addf(&sb, ", \"bytes\": %lld},\n", plan->model_bytes);
	key(&sb, 2, "profile");
	strbuf_addstr(&sb, "{\"name\": ");
	hdb_json_string(&sb, p->name);
	strbuf_addstr(&sb, ", \"file\": ");
	hdb_json_string(&sb, p->file);
	strbuf_addstr(&sb, ", \"settings\": {");
	for (i = 0; i < p->n_settings; i++) {
		if (i)
			strbuf_addstr(&sb, ", ");
		hdb_json_string(&sb, p->settings[i].key);
		strbuf_addstr(&sb, ": ");
		hdb_json_string(&sb, p->settings[i].value);
	}
	strbuf_addstr(&sb, "}},\n");
	key(&sb, 2, "facts");
	strbuf_addstr(&sb, "{\n");
	key(&sb, 4, "cpu");
	str_or_null(&sb, facts->cpu);
	strbuf_addstr(&sb, ",\n");
	key(&sb, 4, "gpus");
	strbuf_addch(&sb, '[');
	for (i = 0; i < facts->n_gpus; i++) {
		if (i)
			strbuf_addstr(&sb, ", ");
		hdb_json_string(&sb, facts->gpus[i]);
	}
	strbuf_addstr(&sb, "],\n");
	key(&sb, 4, "memory_total_bytes");
	if (facts->memory_total >= 0)
		strbuf_addf(&sb, "%lld,\n", facts->memory_total);
	else
		strbuf_addstr(&sb, "null,\n");
	key(&sb, 4, "kernel");
	str_or_null(&sb, facts->kernel);
	strbuf_addstr(&sb, ",\n");
	key(&sb, 4, "kernel_cmdline");
	str_or_null(&sb, facts->cmdline);
	strbuf_addstr(&sb, ",\n");
	key(&sb, 4, "hostname");
	str_or_null(&sb, facts->hostname);
	strbuf_addstr(&sb, ",\n");
	key(&sb, 4, "drivers");
	strbuf_addch(&sb, '{');
	first = 1;
	{
		const char *names[] = { "nvidia", "amdgpu", "ec_su_axb35" };
		const char *vals[] = { facts->nvidia_driver,
				       facts->amdgpu_driver, facts->ec_driver };

		for (i = 0; i < 3; i++) {
			if (!vals[i])
				continue;
			if (!first)
				strbuf_addstr(&sb, ", ");
			first = 0;
			hdb_json_string(&sb, names[i]);
			strbuf_addstr(&sb, ": ");
			hdb_json_string(&sb, vals[i]);
		}
	}
	strbuf_addstr(&sb, "}\n  },\n");
	key(&sb, 2, "llama_bench");
	strbuf_addstr(&sb, "{\"path\": ");
	hdb_json_string(&sb, plan->bench.path);
	strbuf_addstr(&sb, ", \"build_commit\": ");
	str_or_null(&sb, plan->bench.commit[0] ? plan->bench.commit : NULL);
	strbuf_addstr(&sb, ", \"build_number\": ");
	if (plan->bench.number > 0)
		strbuf_addf(&sb, "%ld", plan->bench.number);
	else
		strbuf_addstr(&sb, "null");
	strbuf_addstr(&sb, ", \"devices\": ");
	str_or_null(&sb, plan->bench.listed ? plan->bench.backends : NULL);
	strbuf_addstr(&sb, "},\n");
	key(&sb, 2, "points");
	strbuf_addstr(&sb, plan->n_points ? "[\n" : "[],\n");
	for (i = 0; i < plan->n_points; i++)
		point(&sb, &plan->points[i], i + 1 == plan->n_points);
	if (plan->n_points)
		strbuf_addstr(&sb, "  ],\n");
	key(&sb, 2, "stopped");
	str_or_null(&sb, stopped);
	strbuf_addstr(&sb, "\n}\n");
	return strbuf_detach(&sb);
}

int hdb_manifest_write(const char *dir, const struct hdb_plan *plan,
		       const struct hdb_facts *facts, const char *created,
		       const char *stopped)
{
	char *text = hdb_manifest_text(plan, facts, created, stopped);
	char *tmp = xasprintf("%s/manifest.json.tmp", dir);
	char *dst = xasprintf("%s/manifest.json", dir);
	size_t len = strlen(text), off = 0;
	int fd, ret = -1;

	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0644);
	if (fd < 0 && errno == EEXIST && !unlink(tmp))
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
			  O_CLOEXEC, 0644);
	if (fd < 0) {
		hdb_error("cannot write '%s': %s", tmp, strerror(errno));
		goto out;
	}
	while (off < len) {
		ssize_t n = write(fd, text + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			hdb_error("cannot write '%s': %s", tmp,
				  n < 0 ? strerror(errno) : "short write");
			close(fd);
			unlink(tmp);
			goto out;
		}
		off += (size_t)n;
	}
	if (close(fd)) {
		hdb_error("cannot write '%s': %s", tmp, strerror(errno));
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, dst)) {
		hdb_error("cannot write '%s': %s", dst, strerror(errno));
		unlink(tmp);
		goto out;
	}
	ret = 0;
out:
	free(text);
	free(tmp);
	free(dst);
	return ret;
}
