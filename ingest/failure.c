/*
 * failure.c: what a line of captured output says about how a run ended.
 *
 * A llama.cpp run that dies leaves lines such as 'ErrorOutOfDeviceMemory',
 * 'vk::DeviceLostError', 'GPU Hang', 'HSA_STATUS_ERROR_EXCEPTION',
 * 'Remote RPC server crashed' or 'failed to load model'.  The parsers of
 * markdown, logs and stderr companions feed every line to
 * hdb_failure_note(), which keeps the most telling one, so a run that died
 * becomes a row with status oom, crashed or failed and its error line,
 * instead of a gap.
 */
#include "parsers.h"
#include "../util.h"

#include <stdlib.h>
#include <string.h>

struct pattern {
	const char *text;
	enum hdb_fail_kind kind;
	int telling;		/* 0: a backtrace frame or a wrapper's echo */
};

/* Order does not matter; the most severe and telling match wins. */
static const struct pattern patterns[] = {
	{ "ErrorOutOfDeviceMemory", HDB_FAIL_OOM, 1 },
	{ "ErrorOutOfHostMemory", HDB_FAIL_OOM, 1 },
	{ "out of memory", HDB_FAIL_OOM, 1 },
	{ "Out of memory", HDB_FAIL_OOM, 1 },
	{ "OutOfMemory", HDB_FAIL_OOM, 1 },
	{ "cudaMalloc failed", HDB_FAIL_OOM, 1 },
	{ "hipMalloc failed", HDB_FAIL_OOM, 1 },
	{ "failed to allocate", HDB_FAIL_OOM, 1 },
	{ "unable to allocate", HDB_FAIL_OOM, 1 },
	{ "memory allocation of size", HDB_FAIL_OOM, 1 },
	{ "std::bad_alloc", HDB_FAIL_OOM, 1 },
	{ "DeviceLost", HDB_FAIL_CRASHED, 1 },
	{ "GPU Hang", HDB_FAIL_CRASHED, 1 },
	{ "HW Exception", HDB_FAIL_CRASHED, 1 },
	{ "HSA_STATUS_ERROR", HDB_FAIL_CRASHED, 1 },
	{ "Remote RPC server crashed", HDB_FAIL_CRASHED, 1 },
	{ "Segmentation fault", HDB_FAIL_CRASHED, 1 },
	{ "terminate called", HDB_FAIL_CRASHED, 1 },
	{ "GGML_ASSERT", HDB_FAIL_CRASHED, 1 },
	{ "CUDA error", HDB_FAIL_CRASHED, 1 },
	{ "ROCm error", HDB_FAIL_CRASHED, 1 },
	{ "HIP error", HDB_FAIL_CRASHED, 1 },
	{ "core dumped", HDB_FAIL_CRASHED, 1 },
	{ "signal SIG", HDB_FAIL_CRASHED, 1 },
	{ "ggml_print_backtrace", HDB_FAIL_CRASHED, 0 },
	{ "ggml_abort", HDB_FAIL_CRASHED, 0 },
	{ "failed to load model", HDB_FAIL_FAILED, 1 },
	{ "failed to create context", HDB_FAIL_FAILED, 1 },
	{ "error loading model", HDB_FAIL_FAILED, 1 },
	{ "main: error:", HDB_FAIL_FAILED, 1 },
	{ "llama_bench: error:", HDB_FAIL_FAILED, 1 },
	{ " failed (exit ", HDB_FAIL_FAILED, 0 },
};

const char *hdb_fail_status(enum hdb_fail_kind kind)
{
	switch (kind) {
	case HDB_FAIL_OOM:
		return "oom";
	case HDB_FAIL_CRASHED:
		return "crashed";
	case HDB_FAIL_FAILED:
		return "failed";
	case HDB_FAIL_NONE:
		break;
	}
	return "ok";
}

/* 'exit=137', as wrappers write a run's exit status: 0 is no failure,
 * 128 and above is death by a signal. */
static enum hdb_fail_kind exit_status(const char *line)
{
	const char *p = strstr(line, "exit=");
	char *end;
	long code;

	if (!p || (p != line && p[-1] != ' '))
		return HDB_FAIL_NONE;
	code = strtol(p + 5, &end, 10);
	if (end == p + 5 || code == 0)
		return HDB_FAIL_NONE;
	return code >= 128 ? HDB_FAIL_CRASHED : HDB_FAIL_FAILED;
}

enum hdb_fail_kind hdb_failure_kind(const char *line, int *telling)
{
	enum hdb_fail_kind best = HDB_FAIL_NONE;
	size_t i;

	*telling = 0;
	for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
		const struct pattern *p = &patterns[i];

		if (!strstr(line, p->text))
			continue;
		if (p->kind > best || (p->kind == best && p->telling > *telling)) {
			best = p->kind;
			*telling = p->telling;
		}
	}
	if (best == HDB_FAIL_NONE) {
		best = exit_status(line);
		*telling = 0;
	}
	return best;
}

/* The model file a 'failed to load model '<path>'' line names. */
static void model_from_line(struct hdb_failure *f, const char *line)
{
	const char *p = strstr(line, "failed to load model '"), *q, *base;

	if (!p || f->model_file[0])
		return;
	p += strlen("failed to load model '");
	q = strchr(p, '\'');
	if (!q)
		return;
	for (base = q; base > p && base[-1] != '/' && base[-1] != '\\'; base--)
		;
	/* stored as text: a byte that is not UTF-8 becomes '?' */
	hdb_utf8_copy(f->model_file, sizeof(f->model_file), base,
		      (size_t)(q - base));
	hdb_quant_from_file(f->model_file, f->quant, sizeof(f->quant));
}

void hdb_failure_record(const struct hdb_failure *f,
			struct hdb_bench_record *r)
{
	r->status = hdb_fail_status(f->kind);
	r->error = f->line;
	r->raw = f->line;
	r->line = f->lineno;
	r->model_file = f->model_file[0] ? f->model_file : NULL;
	r->quant = f->quant[0] ? f->quant : NULL;
}

void hdb_failure_note(struct hdb_failure *f, const char *line, long lineno)
{
	int telling;
	enum hdb_fail_kind kind = hdb_failure_kind(line, &telling);
	size_t n;

	if (kind == HDB_FAIL_NONE)
		return;
	model_from_line(f, line);
	if (kind < f->kind || (kind == f->kind && telling <= f->telling))
		return;
	f->kind = kind;
	f->telling = telling;
	f->lineno = lineno;
	while (*line == ' ' || *line == '\t')
		line++;
	n = strlen(line);
	while (n && (line[n - 1] == ' ' || line[n - 1] == '\r'))
		n--;
	hdb_utf8_copy(f->line, sizeof(f->line), line, n);
}
