/*
 * llamalog.c: llama-server, llama-cli and main logs of every era, into
 * timed-request records.
 *
 * A log is read one line at a time.  Each line is first cleaned of what
 * was wrapped around it (carriage returns, colour codes, the logger's
 * elapsed-time prefix, journald and supervisor prefixes).  Start-up lines
 * then update what is known about the run (build, model, quant, KV types,
 * context), and the timing lines of whichever era wrote the log are
 * gathered per (slot, task) until the generation line completes a
 * request; that request goes to the sink with what the start-up lines
 * said.  Everything else in a log is noise and is passed over.  The line
 * formats are in llamacpp.md, sections 2.1 to 2.3.
 */
#include "parsers.h"
#include "../util.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* Where a timing line came from; it names the era of the log. */
enum source {
	SRC_PRINT_TIMINGS,	/* 'print_timings: prompt eval time = ...' */
	SRC_JSON,		/* {"function":"print_timings", ...} */
	SRC_TEXT,		/* 'INFO [ print_timings] ... | k=v ...' */
	SRC_SLOT_CR,		/* 'slot print_timing: ...' + '\r...' lines */
	SRC_SLOT_BLOCK,		/* 'slot print_timing: ...' + bare lines */
	SRC_SLOT_EVERY,		/* the slot prefix on every line */
	SRC_LLAMA_PRINT,	/* 'llama_print_timings:' */
	SRC_PERF_CONTEXT,	/* 'llama_perf_context_print:' */
	SRC_COMMON_PERF,	/* 'common_perf_print:' */
};

static const char *const era_names[] = {
	[SRC_PRINT_TIMINGS] = "b1413-b2258 (print_timings:)",
	[SRC_JSON] = "b2259-b3760 (JSON log lines)",
	[SRC_TEXT] = "text log (INFO [ print_timings])",
	[SRC_SLOT_CR] = "b3761-b4325 (carriage returns)",
	[SRC_SLOT_BLOCK] = "b4326-b9000 (slot print_timing block)",
	[SRC_SLOT_EVERY] = "post-b9000 (slot prefix on every line)",
	[SRC_LLAMA_PRINT] = "before b3750 (llama_print_timings)",
	[SRC_PERF_CONTEXT] = "b3750+ (llama_perf_context_print)",
	[SRC_COMMON_PERF] = "b7115+ (common_perf_print)",
};

/* The CLI perf-block prefixes, oldest first. */
static const struct {
	const char *prefix;
	enum source src;
} perf_prefixes[] = {
	{ "llama_print_timings:", SRC_LLAMA_PRINT },
	{ "llama_perf_context_print:", SRC_PERF_CONTEXT },
	{ "common_perf_print:", SRC_COMMON_PERF },
};

/* One 'time = ... ms / N tokens (...)' measurement. */
struct timing {
	double ms, tps;
	long long n;
	int precision;
};

/* A request (or CLI run) whose timing lines are being gathered. */
struct block {
	long long slot, task;
	enum source src;
	long line;		/* its first line */
	int have_prompt;
	struct timing prompt;
	struct strbuf raw;
};

/* What the start-up lines said about the run that is logging. */
struct run {
	long long build_number;
	struct strbuf commit, model_path, arch, size, quant;
	char type_k[16], type_v[16];
	long long n_ctx, n_slots, n_ctx_slot;
	int old_main;		/* 'main: build = N (hash)': the old main */
};

/* Pending server requests beyond this many are dropped, oldest first
 * (a log whose eval lines are all missing must not grow without end). */
#define MAX_PENDING 64

struct logp {
	const char *path;
	const struct hdb_sink *sink;
	struct hdb_parse_info *info;
	struct run run;
	struct block *blocks;	/* server requests awaiting their eval line */
	size_t n_blocks, cap_blocks;
	long open;		/* the block bare continuation lines belong
				 * to, or -1 */
	struct block cli;	/* the CLI perf block being gathered */
	struct strbuf model;	/* scratch: 'arch size' */
	/* the line being looked at */
	long lineno;
	const char *buf;	/* as read, for columns */
	const char *raw;	/* cleaned, with its decorations */
	int cr;			/* it had a carriage return before its text */
};

/* ---- small text helpers ----------------------------------------------- */

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static int starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static void set_str(struct strbuf *sb, const char *s, size_t n)
{
	strbuf_reset(sb);
	strbuf_add(sb, s, n);
}

/* Sets sb to s without its surrounding blanks. */
static void set_trimmed(struct strbuf *sb, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	set_str(sb, s, n);
}

/* Decimals printed between num and end ('713.89' has 2). */
static int decimals(const char *num, const char *end)
{
	const char *dot = memchr(num, '.', (size_t)(end - num));
	int n = 0;

	if (!dot)
		return 0;
	for (dot++; dot < end && isdigit((unsigned char)*dot); dot++)
		n++;
	return n;
}

/*
 * The number after key in s, where key is followed by '=', ' = ' or '":'
 * (key=value logs, 'n_slots = 1' and JSON alike).  Returns 1 when found.
 */
static int find_number(const char *s, const char *key, long long *out)
{
	size_t n = strlen(key);
	const char *p = s, *q;

	while ((p = strstr(p, key))) {
		int boundary = p == s || !(isalnum((unsigned char)p[-1]) ||
					   p[-1] == '_');

		q = p + n;
		if (*q == '"')
			q++;
		q = skip_ws(q);
		if (boundary && (*q == '=' || *q == ':')) {
			q = skip_ws(q + 1);
			if (isdigit((unsigned char)*q)) {
				*out = strtoll(q, NULL, 10);
				return 1;
			}
		}
		p += n;
	}
	return 0;
}

/*
 * Finds key=value among the 'tid="..." id_slot=0 ...' fields that end a
 * text-form log line.  Quoted values may hold spaces and '|', so the
 * fields are walked one by one.  Returns the value (quotes kept) and its
 * length, or NULL.
 */
static const char *kv_get(const char *kv, const char *key, size_t *len)
{
	size_t klen = strlen(key);
	const char *p = kv, *k, *v;

	while (*(p = skip_ws(p))) {
		k = p;
		while (*p && *p != '=' && *p != ' ')
			p++;
		if (*p != '=') {
			while (*p && *p != ' ')
				p++;
			continue;
		}
		v = ++p;
		if (*p == '"') {
			for (p++; *p && *p != '"'; p++)
				if (*p == '\\' && p[1])
					p++;
			if (*p)
				p++;
		} else {
			while (*p && *p != ' ')
				p++;
		}
		if ((size_t)(v - 1 - k) == klen && !strncmp(k, key, klen)) {
			*len = (size_t)(p - v);
			return v;
		}
	}
	return NULL;
}

/* A key=value number; 0 when absent or not a number. */
static int kv_number(const char *kv, const char *key, double *out)
{
	size_t len;
	const char *v = kv ? kv_get(kv, key, &len) : NULL;
	char *end;

	if (!v || !len)
		return 0;
	*out = strtod(v, &end);
	return end == v + len;
}

/* ---- cleaning a line -------------------------------------------------- */

/*
 * What a terminal shows of a line: the text after its last carriage
 * return (b3761-b4325 began each timing line with one; progress output
 * overwrites itself with them), without colour codes.  Works in place.
 */
static char *clean_line(struct logp *lp, char *line, size_t len)
{
	char *cr, *r, *w;

	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	line[len] = '\0';
	cr = memrchr(line, '\r', len);
	lp->cr = cr != NULL;
	if (cr)
		line = cr + 1;
	if (!strchr(line, '\x1b'))
		return line;
	for (r = w = line; *r;) {
		if (*r != '\x1b') {
			*w++ = *r++;
			continue;
		}
		if (*++r == '[') {
			for (r++; *r && !(*r >= 0x40 && *r <= 0x7e); r++)
				;
			if (*r)
				r++;
		} else if (*r) {
			r++;
		}
	}
	*w = '\0';
	return line;
}

static int is_level(char c)
{
	return c == 'I' || c == 'W' || c == 'E' || c == 'D';
}

/* The logger's '0.01.515.840 I ' (elapsed m.ss.mmm.uuu, then the level
 * letter; either may be on without the other). */
static size_t elapsed_len(const char *s)
{
	static const char shape[] = ".dd.ddd.ddd ";
	const char *p = s;
	size_t i;

	if (isdigit((unsigned char)*p)) {
		while (isdigit((unsigned char)*p))
			p++;
		for (i = 0; shape[i]; i++, p++)
			if (shape[i] == 'd' ? !isdigit((unsigned char)*p)
					    : *p != shape[i])
				return 0;
	}
	if (is_level(p[0]) && p[1] == ' ' && p[2] && p[2] != ' ')
		p += 2;
	return (size_t)(p - s);
}

/* journald's 'Feb 16 03:40:19 host llama-server[3601]: '. */
static size_t journald_len(const char *s)
{
	const char *p = s;
	int i;

	if (!isupper((unsigned char)p[0]) || !islower((unsigned char)p[1]) ||
	    !islower((unsigned char)p[2]) || p[3] != ' ')
		return 0;
	p = skip_ws(p + 4);
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p++ != ' ')
		return 0;
	for (i = 0; i < 8; i++)		/* hh:mm:ss */
		if (i % 3 == 2 ? p[i] != ':' : !isdigit((unsigned char)p[i]))
			return 0;
	p += 8;
	if (*p == '.')			/* journalctl -o short-precise */
		while (isdigit((unsigned char)*++p))
			;
	if (*p++ != ' ')
		return 0;
	while (*p && *p != ' ')		/* the host */
		p++;
	if (*p++ != ' ')
		return 0;
	while (*p && *p != ' ' && *p != ':')	/* ident[pid] */
		p++;
	if (p[0] != ':' || p[1] != ' ')
		return 0;
	return (size_t)(p + 2 - s);
}

/* A supervisor's '[pid] '. */
static size_t pid_len(const char *s)
{
	const char *p = s + 1;

	if (*s != '[' || !isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	return p[0] == ']' && p[1] == ' ' ? (size_t)(p + 2 - s) : 0;
}

static const char *strip_decorations(const char *s)
{
	size_t n;
	int i;

	for (i = 0; i < 4; i++) {
		if (!(n = journald_len(s)) && !(n = pid_len(s)) &&
		    !(n = elapsed_len(s)))
			break;
		s += n;
	}
	return s;
}

/* ---- timing lines ----------------------------------------------------- */

static int timing_error(const struct logp *lp, const char *at, const char *what)
{
	size_t n = strlen(at);

	if (!n)
		return hdb_error("%s:%ld:%ld: expected '%s', found the end of "
				 "the line", lp->path, lp->lineno,
				 (long)(at - lp->buf) + 1, what);
	return hdb_error("%s:%ld:%ld: expected '%s', found '%.*s%s'", lp->path,
			 lp->lineno, (long)(at - lp->buf) + 1, what,
			 n > 40 ? 40 : (int)n, at, n > 40 ? "..." : "");
}

/*
 * If s starts (after blanks) with label, then blanks and '=', returns
 * where the '=' is; else NULL.
 */
static const char *label_eq(const char *s, const char *label)
{
	size_t n = strlen(label);

	s = skip_ws(s);
	if (strncmp(s, label, n))
		return NULL;
	s = skip_ws(s + n);
	return *s == '=' ? s : NULL;
}

/* Tokens per second as printed is kept; inf/nan (a 0 ms time) mean
 * there is none. */
static double rate(double tps, int printed, long long n, double ms)
{
	if (!printed)
		tps = ms > 0 ? (double)n * 1000.0 / ms : NAN;
	return isfinite(tps) ? tps : NAN;
}

/*
 * Parses '= 713.89 ms / 20 tokens (35.69 ms per token, 28.02 tokens per
 * second)' from eq ('runs' in older eval lines; the part in parentheses
 * may be missing).
 */
static int parse_timing(const struct logp *lp, const char *eq, struct timing *t)
{
	static const char what[] = "= <ms> ms / <count> tokens";
	const char *p = eq, *q;
	char *end;
	double tps = NAN;
	int printed = 0;

	if (*p != '=')
		return timing_error(lp, p, what);
	p = skip_ws(p + 1);
	if (!isdigit((unsigned char)*p))
		return timing_error(lp, p, what);
	t->ms = strtod(p, &end);
	t->precision = decimals(p, end);
	p = skip_ws(end);
	if (!starts(p, "ms"))
		return timing_error(lp, p, what);
	p = skip_ws(p + 2);
	if (*p != '/')
		return timing_error(lp, p, what);
	p = skip_ws(p + 1);
	if (!isdigit((unsigned char)*p))
		return timing_error(lp, p, what);
	t->n = strtoll(p, &end, 10);
	p = skip_ws(end);
	if (starts(p, "tokens"))
		p += 6;
	else if (starts(p, "runs"))
		p += 4;
	else
		return timing_error(lp, p, what);
	p = skip_ws(p);
	if (*p == '(' && (q = strstr(p, "per token,"))) {
		q = skip_ws(q + 10);
		tps = strtod(q, &end);
		printed = end != q && starts(skip_ws(end), "tokens per second");
	}
	t->tps = rate(tps, printed, t->n, t->ms);
	return 0;
}

static void release_block(struct block *b)
{
	strbuf_release(&b->raw);
}

static void start_block(struct logp *lp, struct block *b, long long slot,
			long long task, enum source src)
{
	strbuf_reset(&b->raw);
	b->slot = slot;
	b->task = task;
	b->src = src;
	b->line = lp->lineno;
	b->have_prompt = 0;
}

static void add_raw(const struct logp *lp, struct block *b)
{
	if (b->raw.len)
		strbuf_addch(&b->raw, '\n');
	strbuf_addstr(&b->raw, lp->raw);
}

/* The pending server request of (slot, task), made when new. */
static long find_block(struct logp *lp, long long slot, long long task,
		       enum source src)
{
	size_t i;

	for (i = 0; i < lp->n_blocks; i++)
		if (lp->blocks[i].slot == slot && lp->blocks[i].task == task)
			return (long)i;
	if (lp->n_blocks == MAX_PENDING) {
		release_block(&lp->blocks[0]);
		memmove(lp->blocks, lp->blocks + 1,
			--lp->n_blocks * sizeof(*lp->blocks));
		lp->open = -1;
	}
	if (lp->n_blocks == lp->cap_blocks) {
		lp->cap_blocks = lp->cap_blocks ? 2 * lp->cap_blocks : 4;
		lp->blocks = xrealloc(lp->blocks,
				      lp->cap_blocks * sizeof(*lp->blocks));
	}
	memset(&lp->blocks[lp->n_blocks], 0, sizeof(*lp->blocks));
	start_block(lp, &lp->blocks[lp->n_blocks], slot, task, src);
	return (long)lp->n_blocks++;
}

static void drop_block(struct logp *lp, long i)
{
	release_block(&lp->blocks[i]);
	memmove(lp->blocks + i, lp->blocks + i + 1,
		(lp->n_blocks - (size_t)i - 1) * sizeof(*lp->blocks));
	lp->n_blocks--;
	if (lp->open == i)
		lp->open = -1;
	else if (lp->open > i)
		lp->open--;
}

static void drop_blocks(struct logp *lp)
{
	while (lp->n_blocks)
		drop_block(lp, (long)lp->n_blocks - 1);
	start_block(lp, &lp->cli, HDB_UNSET, HDB_UNSET, SRC_LLAMA_PRINT);
}

/* Hands a complete request or run to the sink, with what the start-up
 * lines said. */
static int emit(struct logp *lp, const struct block *b,
		const struct timing *gen, const char *tool)
{
	const struct run *run = &lp->run;
	struct hdb_server_record r;
	char quant[32] = "";

	memset(&r, 0, sizeof(r));
	r.line = b->line;
	r.tool = tool;
	r.build_commit = run->commit.len ? run->commit.buf : NULL;
	r.build_number = run->build_number;
	strbuf_reset(&lp->model);
	if (run->arch.len && run->size.len) {
		strbuf_addf(&lp->model, "%s %s", run->arch.buf, run->size.buf);
		r.model = lp->model.buf;
	}
	r.model_file = run->model_path.len ? hdb_base_name(run->model_path.buf)
					   : NULL;
	if (run->quant.len)
		snprintf(quant, sizeof(quant), "%s", run->quant.buf);
	else if (r.model_file)
		hdb_quant_from_file(r.model_file, quant, sizeof(quant));
	r.quant = quant[0] ? quant : NULL;
	r.type_k = run->type_k[0] ? run->type_k : NULL;
	r.type_v = run->type_v[0] ? run->type_v : NULL;
	r.n_ctx = run->n_ctx;
	if (r.n_ctx == HDB_UNSET && run->n_ctx_slot != HDB_UNSET)
		r.n_ctx = run->n_ctx_slot *
			  (run->n_slots != HDB_UNSET ? run->n_slots : 1);
	r.n_slots = run->n_slots;
	r.slot_id = b->slot;
	r.task_id = b->task;
	r.cache_n = HDB_UNSET;
	r.prompt_n = b->have_prompt ? b->prompt.n : HDB_UNSET;
	r.prompt_ms = b->have_prompt ? b->prompt.ms : NAN;
	r.prompt_tps = b->have_prompt ? b->prompt.tps : NAN;
	r.gen_n = gen->n;
	r.gen_ms = gen->ms;
	r.gen_tps = gen->tps;
	r.precision = gen->precision;
	r.raw = b->raw.buf;
	if (!lp->info->era[0])
		snprintf(lp->info->era, sizeof(lp->info->era), "%s",
			 era_names[b->src]);
	lp->info->records++;
	return lp->sink->server(lp->sink->ctx, &r);
}

/*
 * A server prompt or generation measurement of (slot, task): the prompt
 * waits in its block; the generation line completes the request.
 */
static int server_timing(struct logp *lp, long long slot, long long task,
			 enum source src, int is_prompt, const struct timing *t)
{
	long i = find_block(lp, slot, task, src);
	struct block *b = &lp->blocks[i];
	int ret;

	if (is_prompt) {
		if (b->have_prompt)	/* a block that never finished */
			start_block(lp, b, slot, task, src);
		b->have_prompt = 1;
		b->prompt = *t;
		add_raw(lp, b);
		return 0;
	}
	add_raw(lp, b);
	ret = emit(lp, b, t, "llama-server");
	drop_block(lp, i);
	return ret;
}

/*
 * 'prompt eval time = ...' or 'eval time = ...' without a prefix: the
 * continuation of the 'slot print_timing:' line before it (b3761-b9000).
 * A prompt line with no header opens a block of its own (a pasted
 * fragment); an eval line with no open block is not ours.
 */
static int bare_line(struct logp *lp, const char *s, int *done)
{
	const char *eq;
	struct timing t;
	struct block *b;
	int is_prompt;

	if ((eq = label_eq(s, "prompt eval time")))
		is_prompt = 1;
	else if ((eq = label_eq(s, "eval time")) && lp->open >= 0)
		is_prompt = 0;
	else
		return 0;
	*done = 1;
	if (parse_timing(lp, eq, &t))
		return -1;
	if (lp->open < 0)
		lp->open = find_block(lp, HDB_UNSET, HDB_UNSET, SRC_SLOT_BLOCK);
	b = &lp->blocks[lp->open];
	if (is_prompt && b->have_prompt)	/* one that never finished */
		start_block(lp, b, b->slot, b->task, SRC_SLOT_BLOCK);
	if (lp->cr)
		b->src = SRC_SLOT_CR;
	if (is_prompt) {
		b->have_prompt = 1;
		b->prompt = t;
		add_raw(lp, b);
		return 0;
	}
	add_raw(lp, b);
	if (emit(lp, b, &t, "llama-server"))
		return -1;
	drop_block(lp, lp->open);
	return 0;
}

/* Reads an integer at *p (after blanks); 0 when there is none. */
static int take_int(const char **p, long long *out)
{
	const char *s = skip_ws(*p);
	char *end;

	*out = strtoll(s, &end, 10);
	if (end == s)
		return 0;
	*p = end;
	return 1;
}

/*
 * 'slot print_timing: id  0 | task 0 |' (function names are cut to 12
 * characters), then either nothing (the timing lines follow without a
 * prefix) or one timing line (post-b9000: every line carries the prefix).
 */
static int slot_line(struct logp *lp, const char *s, int *done)
{
	const char *p = skip_ws(s + 4), *eq;
	long long slot, task;
	struct timing t;
	int is_prompt;

	if (!starts(p, "print_timing"))
		return 0;
	p += 12;
	if (*p == 's')
		p++;
	if (*p != ':')
		return 0;
	p = skip_ws(p + 1);
	if (!starts(p, "id") || (p += 2, !take_int(&p, &slot)))
		return 0;
	p = skip_ws(p);
	if (*p != '|')
		return 0;
	p = skip_ws(p + 1);
	if (!starts(p, "task") || (p += 4, !take_int(&p, &task)))
		return 0;
	p = skip_ws(p);
	if (*p != '|')
		return 0;
	p = skip_ws(p + 1);
	*done = 1;
	if (!*p) {
		lp->open = find_block(lp, slot, task, SRC_SLOT_BLOCK);
		start_block(lp, &lp->blocks[lp->open], slot, task,
			    SRC_SLOT_BLOCK);
		add_raw(lp, &lp->blocks[lp->open]);
		return 0;
	}
	lp->open = -1;
	if ((eq = label_eq(p, "prompt eval time")))
		is_prompt = 1;
	else if ((eq = label_eq(p, "eval time")))
		is_prompt = 0;
	else
		return 0;	/* total, graphs reused, progress, drafts */
	if (parse_timing(lp, eq, &t))
		return -1;
	return server_timing(lp, slot, task, SRC_SLOT_EVERY, is_prompt, &t);
}

/* 'print_timings: prompt eval time = ...' (b1413-b2258, no slot id). */
static int print_timings_line(struct logp *lp, const char *s)
{
	const char *eq;
	struct timing t;
	int is_prompt;

	s += strlen("print_timings:");
	if ((eq = label_eq(s, "prompt eval time")))
		is_prompt = 1;
	else if ((eq = label_eq(s, "eval time")))
		is_prompt = 0;
	else
		return 0;
	if (parse_timing(lp, eq, &t))
		return -1;
	return server_timing(lp, HDB_UNSET, HDB_UNSET, SRC_PRINT_TIMINGS,
			     is_prompt, &t);
}

/* A CLI perf line ('llama_perf_context_print: prompt eval time = ...'). */
static int perf_line(struct logp *lp, const char *s, enum source src)
{
	struct block *b = &lp->cli;
	const char *eq;
	struct timing t;
	int ret;

	if ((eq = label_eq(s, "prompt eval time"))) {
		if (parse_timing(lp, eq, &t))
			return -1;
		start_block(lp, b, HDB_UNSET, HDB_UNSET, src);
		b->have_prompt = 1;
		b->prompt = t;
		add_raw(lp, b);
		return 0;
	}
	if (!(eq = label_eq(s, "eval time")))
		return 0;	/* load, sample, total, graphs reused ... */
	if (parse_timing(lp, eq, &t))
		return -1;
	if (!b->have_prompt)
		start_block(lp, b, HDB_UNSET, HDB_UNSET, src);
	add_raw(lp, b);
	/* llama-bench -v prints a block of zeros after every test */
	ret = 0;
	if (t.ms != 0 || (b->have_prompt && b->prompt.ms != 0))
		ret = emit(lp, b, &t, lp->run.old_main ? "main" : "llama-cli");
	start_block(lp, b, HDB_UNSET, HDB_UNSET, src);
	return ret;
}

/* ---- start-up lines ---------------------------------------------------- */

/* A new process is logging: forget the old one. */
static void new_run(struct logp *lp)
{
	struct run *run = &lp->run;

	run->build_number = HDB_UNSET;
	strbuf_reset(&run->commit);
	strbuf_reset(&run->model_path);
	strbuf_reset(&run->arch);
	strbuf_reset(&run->size);
	strbuf_reset(&run->quant);
	run->type_k[0] = run->type_v[0] = '\0';
	run->n_ctx = run->n_slots = run->n_ctx_slot = HDB_UNSET;
	run->old_main = 0;
	drop_blocks(lp);
}

static int is_hex_word(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return n > 0 && n < 41;
}

static int is_digit_word(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return n > 0 && n < 12;
}

static void set_build(struct logp *lp, long long number, const char *commit,
		      size_t len)
{
	new_run(lp);
	lp->run.build_number = number;
	if (commit)
		set_str(&lp->run.commit, commit, len);
}

/*
 * 'build: 5273 (8ae5ebcf) with MSVC ...', 'main: build = 2824 (4426e298)'
 * and llama-bench's footer 'build: 9515c613 (6097)' (the other way
 * round): a word, then another in parentheses.  Returns 1 when it was
 * a build.
 */
static int build_words(struct logp *lp, const char *p)
{
	const char *w1 = skip_ws(p), *w2;
	size_t n1, n2;

	n1 = strcspn(w1, " (");
	w2 = skip_ws(w1 + n1);
	if (*w2 != '(')
		return 0;
	n2 = strcspn(++w2, ")");
	if (w2[n2] != ')')
		return 0;
	if (is_digit_word(w1, n1) && is_hex_word(w2, n2))
		set_build(lp, strtoll(w1, NULL, 10), w2, n2);
	else if (is_hex_word(w1, n1) && is_digit_word(w2, n2))
		set_build(lp, strtoll(w2, NULL, 10), w1, n1);
	else
		return 0;
	return 1;
}

/* 'build_info: b8999-173442644' (also the server's system_fingerprint). */
static void build_info(struct logp *lp, const char *p)
{
	const char *dash;

	p = skip_ws(p);
	if (*p != 'b' || !isdigit((unsigned char)p[1]))
		return;
	dash = p + 1 + strspn(p + 1, "0123456789");
	if (*dash != '-')
		return;
	set_build(lp, strtoll(p + 1, NULL, 10), dash + 1,
		  strcspn(dash + 1, " \t"));
}

/* A model file path: a new model resets what belonged to the old one. */
static void set_model_path(struct logp *lp, const char *path, size_t n)
{
	struct run *run = &lp->run;

	while (n && path[n - 1] == ' ')
		n--;
	if (!n)
		return;
	if (run->model_path.len == n && !memcmp(run->model_path.buf, path, n))
		return;
	set_str(&run->model_path, path, n);
	strbuf_reset(&run->arch);
	strbuf_reset(&run->size);
	strbuf_reset(&run->quant);
	run->type_k[0] = run->type_v[0] = '\0';
	run->n_ctx = run->n_slots = run->n_ctx_slot = HDB_UNSET;
}

/* 'print_info: arch = qwen3moe' and friends (llm_load_print_meta before
 * b4463). */
static void print_info(struct logp *lp, const char *p)
{
	struct run *run = &lp->run;
	const char *eq = strchr(p, '='), *key = skip_ws(p), *val;
	size_t klen;
	char q[32];

	if (!eq)
		return;
	for (klen = (size_t)(eq - key); klen && key[klen - 1] == ' '; klen--)
		;
	val = skip_ws(eq + 1);
#define KEY(k) (klen == strlen(k) && !strncmp(key, k, klen))
	if (KEY("arch")) {
		set_trimmed(&run->arch, val, strlen(val));
	} else if (KEY("model type")) {
		set_trimmed(&run->size, val, strlen(val));
	} else if (KEY("file type") || KEY("model ftype")) {
		hdb_quant_name(val, q, sizeof(q));
		set_str(&run->quant, q, strlen(q));
	}
#undef KEY
}

/* Copies the type name at p, which ends at the character close. */
static void type_word(const char *p, int close, char *out, size_t size)
{
	const char *end = strchr(p, close);

	if (end && end > p && (size_t)(end - p) < size)
		snprintf(out, size, "%.*s", (int)(end - p), p);
}

/* 'K (f16): ..., V (f16)' in the KV cache size lines, 'type_k = 'f16''
 * (~b4881-b5440), and ik_llama.cpp's MLA cache 'c^KV (q8_0)', which holds
 * both. */
static void kv_types(struct logp *lp, const char *s)
{
	struct run *run = &lp->run;
	const char *p;

	if ((p = strstr(s, " K (")))
		type_word(p + 4, ')', run->type_k, sizeof(run->type_k));
	if ((p = strstr(s, " V (")))
		type_word(p + 4, ')', run->type_v, sizeof(run->type_v));
	if ((p = strstr(s, "c^KV ("))) {
		type_word(p + 6, ')', run->type_k, sizeof(run->type_k));
		type_word(p + 6, ')', run->type_v, sizeof(run->type_v));
	}
	if ((p = strstr(s, "type_k = '")))
		type_word(p + 10, '\'', run->type_k, sizeof(run->type_k));
	if ((p = strstr(s, "type_v = '")))
		type_word(p + 10, '\'', run->type_v, sizeof(run->type_v));
}

static void meta_line(struct logp *lp, const char *s)
{
	struct run *run = &lp->run;
	const char *p;
	long long v;

	if (starts(s, "build: ")) {
		build_words(lp, s + 7);
	} else if (starts(s, "main: build = ")) {
		run->old_main = build_words(lp, s + 14);
	} else if (starts(s, "build_info:")) {
		build_info(lp, s + 11);
	} else if (starts(s, "llama_model_loader: loaded meta data") &&
		   (p = strstr(s, " tensors from "))) {
		const char *end = strstr(p, " (version ");

		p += 14;
		set_model_path(lp, p, end ? (size_t)(end - p) : strlen(p));
	} else if ((p = strstr(s, "load_model: loading model '"))) {
		const char *end;

		p += 27;
		end = strrchr(p, '\'');
		if (end)
			set_model_path(lp, p, (size_t)(end - p));
	} else if (starts(s, "print_info:")) {
		print_info(lp, s + 11);
	} else if (starts(s, "llm_load_print_meta:")) {
		print_info(lp, s + 20);
	} else if (starts(s, "llama_context:") ||
		   starts(s, "llama_new_context_with_model:")) {
		p = skip_ws(strchr(s, ':') + 1);
		if (starts(p, "n_ctx") && (p[5] == ' ' || p[5] == '=') &&
		    find_number(p, "n_ctx", &v))
			run->n_ctx = v;
		else
			kv_types(lp, s);
	} else if (starts(s, "llama_") &&
		   !starts(s, "llama_model_loader:")) {	/* not GGUF strings */
		kv_types(lp, s);
	}
	if (find_number(s, "n_slots", &v))
		run->n_slots = v;
	if (find_number(s, "n_ctx_slot", &v))
		run->n_ctx_slot = v;
}

/* ---- the two structured server forms --------------------------------- */

/* The numbers of a prompt or generation line, JSON or key=value. */
struct fields {
	double ms, n, tps;
	int have_ms, have_n, have_tps;
};

/*
 * A timing from the line's own numeric fields (full precision, 3
 * decimals as the server rounds them), or else from its message text.
 */
static int fields_timing(const struct logp *lp, const struct fields *fl,
			 const char *msg_eq, struct timing *t)
{
	if (!fl->have_ms || !fl->have_n)
		return parse_timing(lp, msg_eq, t);
	t->ms = fl->ms;
	t->n = (long long)fl->n;
	t->precision = 3;
	t->tps = rate(fl->tps, fl->have_tps, t->n, t->ms);
	return 0;
}

/* Which timing a message is: 1 prompt, 0 generation, -1 neither. */
static int timing_kind(const char *msg, const char **eq)
{
	if ((*eq = label_eq(msg, "prompt eval time")))
		return 1;
	if ((*eq = label_eq(msg, "generation eval time")))
		return 0;
	return -1;
}

static int json_number(json_t *o, const char *key, double *out)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_number(v))
		return 0;
	*out = json_number_value(v);
	return 1;
}

static long long json_id(json_t *o, const char *key, const char *old_key)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		v = json_object_get(o, old_key);
	return json_is_integer(v) ? json_integer_value(v) : HDB_UNSET;
}

/*
 * b2259-b3760 logged JSON lines: {"function":"print_timings", "msg":
 * "prompt eval time = ...", "id_slot":0, "t_prompt_processing":...} and
 * {"msg":"build info","build":N,"commit":"..."}.  Keys were slot_id,
 * task_id and num_prompt_tokens_processed before b2357.
 */
static int json_line(struct logp *lp, const char *s, int *done)
{
	json_error_t err;
	json_t *o;
	const char *fn, *msg, *eq;
	struct fields fl = { 0 };
	struct timing t;
	int kind, ret = 0;

	if (!strstr(s, "print_timings") && !strstr(s, "build info"))
		return 0;
	o = json_loads(s, 0, &err);
	if (!o) {
		if (!strstr(s, "print_timings"))
			return 0;
		*done = 1;
		return hdb_error("%s:%ld:%ld: expected a JSON log line (%s)",
				 lp->path, lp->lineno,
				 (long)(s - lp->buf) + (long)err.position,
				 err.text);
	}
	fn = json_string_value(json_object_get(o, "function"));
	msg = json_string_value(json_object_get(o, "msg"));
	if (msg && !strcmp(msg, "build info") &&
	    json_is_integer(json_object_get(o, "build"))) {
		const char *c = json_string_value(json_object_get(o, "commit"));

		set_build(lp, json_integer_value(json_object_get(o, "build")),
			  c, c ? strlen(c) : 0);
		*done = 1;
		goto out;
	}
	if (!fn || strcmp(fn, "print_timings") || !msg ||
	    (kind = timing_kind(msg, &eq)) < 0)
		goto out;
	*done = 1;
	fl.have_ms = json_number(o, kind ? "t_prompt_processing"
					 : "t_token_generation", &fl.ms);
	fl.have_n = kind ? json_number(o, "n_prompt_tokens_processed", &fl.n) ||
			   json_number(o, "num_prompt_tokens_processed", &fl.n)
			 : json_number(o, "n_decoded", &fl.n);
	fl.have_tps = json_number(o, "n_tokens_second", &fl.tps);
	/* the message text is not in the line as read: no column for it */
	if (fields_timing(lp, &fl, eq, &t)) {
		ret = -1;
		goto out;
	}
	ret = server_timing(lp, json_id(o, "id_slot", "slot_id"),
			    json_id(o, "id_task", "task_id"), SRC_JSON, kind, &t);
out:
	json_decref(o);
	return ret;
}

static long long kv_id(const char *kv, const char *key, const char *old_key)
{
	double d;

	if (kv_number(kv, key, &d) || kv_number(kv, old_key, &d))
		return (long long)d;
	return HDB_UNSET;
}

/*
 * The text form of the same logger: 'INFO [           print_timings]
 * prompt eval time = ... | tid="..." timestamp=... id_slot=0 ...'
 * (ik_llama.cpp still writes it; pasted copies lose the 'INFO ').
 */
static int bracket_line(struct logp *lp, const char *s, int *done)
{
	const char *p = s, *name, *close, *msg, *bar, *kv, *eq;
	struct fields fl = { 0 };
	struct timing t;
	size_t n;
	int kind;

	while (isupper((unsigned char)*p))
		p++;
	p = skip_ws(p);
	if (*p != '[' || !(close = strchr(p, ']')))
		return 0;
	name = skip_ws(p + 1);
	n = (size_t)(close - name);
	msg = close[1] == ' ' ? close + 2 : close + 1;
	bar = strstr(msg, " | ");
	kv = bar ? bar + 3 : NULL;
	if (n == 4 && starts(name, "main") && starts(msg, "build info") && kv) {
		double b;
		size_t clen = 0;
		const char *c = kv_get(kv, "commit", &clen);

		if (!kv_number(kv, "build", &b))
			return 0;
		if (c && *c == '"' && clen >= 2) {
			c++;
			clen -= 2;
		}
		set_build(lp, (long long)b, c, c ? clen : 0);
		*done = 1;
		return 0;
	}
	if (n != 13 || !starts(name, "print_timings"))
		return 0;
	*done = 1;
	if ((kind = timing_kind(msg, &eq)) < 0)
		return 0;	/* total time */
	fl.have_ms = kv_number(kv, kind ? "t_prompt_processing"
				       : "t_token_generation", &fl.ms);
	fl.have_n = kind ? kv_number(kv, "n_prompt_tokens_processed", &fl.n) ||
			   kv_number(kv, "num_prompt_tokens_processed", &fl.n)
			 : kv_number(kv, "n_decoded", &fl.n);
	fl.have_tps = kv_number(kv, "n_tokens_second", &fl.tps);
	if (fields_timing(lp, &fl, eq, &t))
		return -1;
	return server_timing(lp, kv_id(kv, "id_slot", "slot_id"),
			     kv_id(kv, "id_task", "task_id"), SRC_TEXT, kind, &t);
}

/* ---- the line loop ------------------------------------------------------ */

static int timing_line(struct logp *lp, const char *s, int *done)
{
	size_t i;

	if (*s == '{')
		return json_line(lp, s, done);
	if (starts(s, "slot "))
		return slot_line(lp, s, done);
	for (i = 0; i < sizeof(perf_prefixes) / sizeof(perf_prefixes[0]); i++)
		if (starts(s, perf_prefixes[i].prefix)) {
			*done = 1;
			return perf_line(lp, s + strlen(perf_prefixes[i].prefix),
					 perf_prefixes[i].src);
		}
	if (starts(s, "print_timings:")) {
		*done = 1;
		return print_timings_line(lp, s);
	}
	if (bracket_line(lp, s, done))
		return -1;
	if (*done)
		return 0;
	return bare_line(lp, s, done);
}

static int do_line(struct logp *lp, char *line, size_t len)
{
	const char *s;
	int done = 0;

	lp->buf = line;
	lp->raw = clean_line(lp, line, len);
	s = strip_decorations(lp->raw);
	if (timing_line(lp, s, &done))
		return -1;
	if (!done)
		meta_line(lp, s);
	return 0;
}

/* Requests whose prompt line came but whose eval line never did. */
static void warn_unfinished(struct logp *lp)
{
	size_t i;

	for (i = 0; i < lp->n_blocks; i++)
		if (lp->blocks[i].have_prompt)
			break;
	if (i < lp->n_blocks)
		hdb_sink_warn(lp->sink, "%s:%ld:1: warning: the log ends "
			      "before the eval time line of this request; "
			      "it is left out", lp->path, lp->blocks[i].line);
	else if (lp->cli.have_prompt)
		hdb_sink_warn(lp->sink, "%s:%ld:1: warning: the log ends "
			      "before the eval time line of this run; it is "
			      "left out", lp->path, lp->cli.line);
}

int hdb_parse_llama_log(FILE *f, const char *path, const struct hdb_sink *sink,
			struct hdb_parse_info *info)
{
	struct logp lp;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int ret = -1;

	memset(info, 0, sizeof(*info));
	info->format = HDB_FORMAT_LLAMA_LOG;
	memset(&lp, 0, sizeof(lp));
	lp.path = path;
	lp.sink = sink;
	lp.info = info;
	lp.open = -1;
	new_run(&lp);
	while ((n = hdb_readline(&line, &cap, f)) >= 0) {
		lp.lineno++;
		if (do_line(&lp, line, (size_t)n))
			goto out;
	}
	if (hdb_read_end(f, path, n, lp.lineno + 1))
		goto out;
	if (!info->records) {
		hdb_error("%s:1:1: expected llama.cpp timing lines (print_timing, "
			  "llama_print_timings, llama_perf_context_print ...), "
			  "found none", path);
		goto out;
	}
	warn_unfinished(&lp);
	ret = 0;
out:
	free(line);
	drop_blocks(&lp);
	free(lp.blocks);
	release_block(&lp.cli);
	strbuf_release(&lp.model);
	strbuf_release(&lp.run.commit);
	strbuf_release(&lp.run.model_path);
	strbuf_release(&lp.run.arch);
	strbuf_release(&lp.run.size);
	strbuf_release(&lp.run.quant);
	return ret;
}
