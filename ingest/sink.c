/*
 * sink.c: the small shared pieces of ingest/ that every parser and the
 * driver use: reading lines, byte-order marks, the UTF-8 check with its
 * error position, warnings through the sink, format names.
 */
#include "parsers.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

ssize_t hdb_readline(char **line, size_t *cap, FILE *f)
{
	size_t n = 0;
	int c;

	/* getline would grow its buffer to whatever a line holds (a file
	 * of one 2 GB line); this stops at HDB_MAX_LINE */
	flockfile(f);
	while ((c = getc_unlocked(f)) != EOF) {
		if (n + 2 > *cap) {
			if (n >= HDB_MAX_LINE) {
				funlockfile(f);
				return -2;
			}
			*cap = *cap ? 2 * *cap : 256;
			if (*cap > HDB_MAX_LINE + 2)
				*cap = HDB_MAX_LINE + 2;
			*line = xrealloc(*line, *cap);
		}
		(*line)[n++] = (char)c;
		if (c == '\n')
			break;
	}
	funlockfile(f);
	if (!n)
		return -1;
	(*line)[n] = '\0';
	return (ssize_t)n;
}

int hdb_read_end(FILE *f, const char *path, ssize_t n, long lineno)
{
	if (n == -2)
		return hdb_error("%s:%ld:1: expected lines of at most %zu MiB, "
				 "found a longer one", path, lineno,
				 HDB_MAX_LINE >> 20);
	if (ferror(f))
		return hdb_error("cannot read '%s': %s", path, strerror(errno));
	return 0;
}

ssize_t hdb_getline(char **line, size_t *cap, FILE *f)
{
	ssize_t n = hdb_readline(line, cap, f);

	if (n < 0)
		return n;
	if (n && (*line)[n - 1] == '\n')
		(*line)[--n] = '\0';
	if (n && (*line)[n - 1] == '\r')
		(*line)[--n] = '\0';
	return n;
}

const char *hdb_skip_bom(const char *line, size_t *len, long lineno)
{
	if (lineno == 1 && *len >= 3 && !memcmp(line, "\xef\xbb\xbf", 3)) {
		*len -= 3;
		return line + 3;
	}
	return line;
}

int hdb_check_utf8(const char *path, long line, long col, const char *s,
		   size_t len)
{
	size_t ok = hdb_utf8_prefix(s, len);

	if (ok == len)
		return 0;
	return hdb_error("%s:%ld:%ld: expected UTF-8 text, found the byte "
			 "0x%02x", path, line, col + (long)ok,
			 (unsigned char)s[ok]);
}

void hdb_sink_warn(const struct hdb_sink *sink, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	if (!sink->warning)
		return;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	sink->warning(sink->ctx, sb.buf);
	strbuf_release(&sb);
}

const char *hdb_format_name(enum hdb_format fmt)
{
	switch (fmt) {
	case HDB_FORMAT_BENCH_JSON:
		return "llama-bench-json";
	case HDB_FORMAT_BENCH_JSONL:
		return "llama-bench-jsonl";
	case HDB_FORMAT_BENCH_MD:
		return "llama-bench-md";
	case HDB_FORMAT_BENCH_CSV:
		return "llama-bench-csv";
	case HDB_FORMAT_BENCH_SQL:
		return "llama-bench-sql";
	case HDB_FORMAT_LLAMA_LOG:
		return "llama-log";
	case HDB_FORMAT_SERVER_JSON:
		return "llama-server-json";
	case HDB_FORMAT_LM_EVAL:
		return "lm-eval";
	case HDB_FORMAT_LM_EVAL_SAMPLES:
		return "lm-eval-samples";
	case HDB_FORMAT_EVALPLUS:
		return "evalplus";
	case HDB_FORMAT_EVALPLUS_BOARD:
		return "evalplus-leaderboard";
	case HDB_FORMAT_AIDER_RUN:
		return "aider-run";
	case HDB_FORMAT_AIDER_RESULT:
		return "aider-result";
	case HDB_FORMAT_AIDER_BOARD:
		return "aider-leaderboard";
	case HDB_FORMAT_NIAH:
		return "niah";
	case HDB_FORMAT_PUBLISHED:
		return "published";
	case HDB_FORMAT_HALODB_RUN:
		return "halodb-run";
	case HDB_FORMAT_UNKNOWN:
		break;
	}
	return "unknown";
}
