/*
 * jsonstream.c: frames JSON records in a byte stream, line by line.
 *
 * llama-bench prints JSON by hand with fprintf and flushes after every
 * test, so real files hold a well-formed prefix when a run dies, and often
 * carry stderr lines captured with 2>&1.  This scanner finds where each
 * record starts and ends (tracking strings and nesting), hands the record
 * text to a callback for parsing with jansson, and tells a cut-off file
 * (a warning) from a malformed one (an error, with line and column).
 */
#include "jsonstream.h"
#include "parsers.h"
#include "../util.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

enum state {
	TOP,		/* between records, not in an array */
	TOP_AFTER,	/* a record or array closed on this line */
	ARR_FIRST,	/* after '[': '{' or ']' */
	ARR_NEXT,	/* after ',': '{' */
	ARR_AFTER,	/* after a record in an array: ',' or ']' */
	IN_REC,		/* inside a record */
	CUT,		/* a JSON Lines record ran past its line */
};

struct scan {
	const char *path;
	json_record_fn fn;
	void *ctx;
	struct json_stream_info *info;
	enum state state;
	struct strbuf rec;
	long rec_line, rec_col;
	int rec_in_array;
	int depth, in_str, esc;
	long cut_line, cut_col;
	long arrays;		/* arrays opened */
	long last_open_line, last_open_col;
};

static int is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* isalpha() of the C locale, without its table look-up per byte */
static int is_letter(char c)
{
	return (unsigned char)((c | 0x20) - 'a') < 26;
}

/* The bytes scan_record stops at outside strings: a quote, a bracket or a
 * brace, a letter (is_letter: a bare word).  It copies the others. */
static const unsigned char stops[256] = {
	['"'] = 1, ['{'] = 1, ['['] = 1, ['}'] = 1, [']'] = 1,
	['A' ... 'Z'] = 1, ['a' ... 'z'] = 1,
};

static void note_noise(struct scan *s, const char *line, size_t len, long lineno)
{
	struct json_stream_info *in = s->info;
	size_t i, o = 0;

	if (in->noise_lines++ == 0) {
		in->first_noise_line = lineno;
		for (i = 0; i < len && o + 4 < sizeof(in->first_noise); i++) {
			unsigned char c = (unsigned char)line[i];

			if (c == 0x1b) {	/* skip ANSI colour sequences */
				while (i + 1 < len && !isalpha((unsigned char)line[i + 1]))
					i++;
				i++;
				continue;
			}
			in->first_noise[o++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
		}
		if (i < len) {
			memcpy(in->first_noise + o, "...", 3);
			o += 3;
		}
		in->first_noise[o] = '\0';
	}
}

static int emit(struct scan *s)
{
	s->info->records++;
	if (!s->info->first_kind)
		s->info->first_kind = s->rec_in_array ? '[' : '{';
	return s->fn(s->ctx, s->rec.buf, s->rec.len, s->rec_line, s->rec_col);
}

static void start_record(struct scan *s, long lineno, long col, int in_array)
{
	strbuf_reset(&s->rec);
	s->rec_line = lineno;
	s->rec_col = col;
	s->rec_in_array = in_array;
	s->depth = 0;
	s->in_str = 0;
	s->esc = 0;
	s->state = IN_REC;
}

/* Does the rest of a line that starts with '[' open a JSON array?
 * ("[pid] ..." and "[INFO] ..." lines are log noise, not arrays.) */
static int opens_array(const char *p, const char *end)
{
	for (p++; p < end && is_ws((unsigned char)*p); p++)
		;
	return p == end || *p == '{' || *p == ']';
}

/* Appends a bare word found outside strings; nan/inf become null. */
static size_t take_word(struct scan *s, const char *p, const char *end)
{
	size_t n = 0;

	while (p + n < end && is_letter(p[n]))
		n++;
	if ((n == 3 && (!strncasecmp(p, "nan", 3) || !strncasecmp(p, "inf", 3))) ||
	    (n == 8 && !strncasecmp(p, "infinity", 8))) {
		if (s->rec.len && s->rec.buf[s->rec.len - 1] == '-')
			s->rec.buf[--s->rec.len] = '\0';
		strbuf_addstr(&s->rec, "null");
	} else {
		strbuf_add(&s->rec, p, n);
	}
	return n;
}

/* Eight bytes at a time, where they can be read as one word in memory
 * order (SWAR: a lane is zero where a byte matched). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WORDS 1
#define LANES(b) (0x0101010101010101ULL * (unsigned char)(b))
#define ZERO_LANES(x) (((x) - LANES(1)) & ~(x) & LANES(0x80))
#else
#define WORDS 0
#endif

/* The first quote or backslash from p, or end. */
static const char *string_stop(const char *p, const char *end)
{
#if WORDS
	while (end - p >= 8) {
		uint64_t w, hit;

		memcpy(&w, p, 8);
		hit = ZERO_LANES(w ^ LANES('"')) | ZERO_LANES(w ^ LANES('\\'));
		if (hit)
			return p + (__builtin_ctzll(hit) >> 3);
		p += 8;
	}
#endif
	while (p < end && *p != '"' && *p != '\\')
		p++;
	return p;
}

/* The first byte from p that scan_record stops at outside strings, or
 * end.  Every stop but the quote is 0x40 or above. */
static const char *word_stop(const char *p, const char *end)
{
#if WORDS
	while (end - p >= 8) {
		uint64_t w;

		memcpy(&w, p, 8);
		if ((w & LANES(0xc0)) || ZERO_LANES(w ^ LANES('"')))
			break;
		p += 8;
	}
#endif
	while (p < end && !stops[(unsigned char)*p])
		p++;
	return p;
}

/* Scans record text from p; returns where scanning stopped. */
static const char *scan_record(struct scan *s, const char *p, const char *end,
			       int *done)
{
	const char *run = p;
	int in_str = s->in_str, esc = s->esc;

	*done = 0;
	while (p < end) {
		char c;

		if (in_str) {
			if (esc) {
				esc = 0;
				p++;
				continue;
			}
			/* most of a record is inside strings: up to the next
			 * quote or backslash at once */
			p = string_stop(p, end);
			if (p == end)
				break;
			if (*p == '\\')
				esc = 1;
			else
				in_str = 0;
			p++;
			continue;
		}
		/* and the numbers, commas and spaces between them */
		p = word_stop(p, end);
		if (p == end)
			break;
		c = *p;
		if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			s->depth++;
		} else if (c == '}' || c == ']') {
			if (--s->depth == 0) {
				strbuf_add(&s->rec, run, (size_t)(p + 1 - run));
				s->in_str = in_str;
				s->esc = esc;
				*done = 1;
				return p + 1;
			}
		} else {
			/* a letter: a bare word */
			strbuf_add(&s->rec, run, (size_t)(p - run));
			p += take_word(s, p, end);
			run = p;
			continue;
		}
		p++;
	}
	strbuf_add(&s->rec, run, (size_t)(end - run));
	s->in_str = in_str;
	s->esc = esc;
	return end;
}

/*
 * Scans record text from p to the end of the line.  A record that goes on
 * waits for the next line (arrays) or is cut (JSON Lines); a complete one
 * is handed over.  Returns where scanning stopped (end when the record
 * goes on), or NULL when the callback failed.
 */
static const char *record_part(struct scan *s, const char *p, const char *end,
			       long lineno, size_t len)
{
	int done;

	p = scan_record(s, p, end, &done);
	if (!done) {
		/* a record of many lines stays within what a line may be */
		if (s->rec.len > HDB_MAX_LINE) {
			hdb_error("%s:%ld:%ld: expected a test record of at most "
				  "%zu MiB, found a longer one", s->path,
				  s->rec_line, s->rec_col, HDB_MAX_LINE >> 20);
			return NULL;
		}
		if (s->rec_in_array) {
			strbuf_addch(&s->rec, '\n');
		} else {
			s->state = CUT;
			s->cut_line = lineno;
			s->cut_col = (long)len + 1;
		}
		return end;
	}
	if (emit(s))
		return NULL;
	s->state = s->rec_in_array ? ARR_AFTER : TOP_AFTER;
	return p;
}

static int expected(struct scan *s, long lineno, long col, const char *what)
{
	return hdb_error("%s:%ld:%ld: expected %s", s->path, lineno, col, what);
}

/* Processes one line (without its newline). */
static int scan_line(struct scan *s, const char *line, size_t len, long lineno)
{
	const char *p = line, *end = line + len;

	if (s->state == CUT) {
		while (p < end && is_ws((unsigned char)*p))
			p++;
		if (p == end)
			return 0;
		return expected(s, s->cut_line, s->cut_col,
				"'}' before the end of the line (a JSON Lines "
				"record must be on one line)");
	}
	if (s->state == IN_REC) {
		p = record_part(s, p, end, lineno, len);
		if (!p)
			return -1;
	} else {
		/* At the start of a line: is it structure or noise? */
		while (p < end && is_ws((unsigned char)*p))
			p++;
		if (p == end)
			return 0;
		if (s->state == TOP_AFTER)
			s->state = TOP;
		if (s->state == TOP ? !(*p == '{' || (*p == '[' && opens_array(p, end)))
				    : !(*p == '{' || *p == ',' || *p == ']')) {
			note_noise(s, line, len, lineno);
			return 0;
		}
	}
	while (p < end) {
		long col = (long)(p - line) + 1;

		if (is_ws((unsigned char)*p)) {
			p++;
			continue;
		}
		switch (s->state) {
		case TOP:
			if (*p == '{') {
				start_record(s, lineno, col, 0);
				break;
			}
			if (*p == '[') {
				s->arrays++;
				s->last_open_line = lineno;
				s->last_open_col = col;
				s->state = ARR_FIRST;
				p++;
				continue;
			}
			return expected(s, lineno, col, "'[' or '{' to start "
					"llama-bench records");
		case TOP_AFTER:
			return expected(s, lineno, col, "the end of the line "
					"after a complete record");
		case ARR_FIRST:
			if (*p == '{') {
				start_record(s, lineno, col, 1);
				break;
			}
			if (*p == ']') {
				s->state = TOP_AFTER;
				p++;
				continue;
			}
			return expected(s, lineno, col, "'{' or ']' after '['");
		case ARR_NEXT:
			if (*p == '{') {
				start_record(s, lineno, col, 1);
				break;
			}
			return expected(s, lineno, col, "'{' after ','");
		case ARR_AFTER:
			if (*p == ',') {
				s->state = ARR_NEXT;
				p++;
				continue;
			}
			if (*p == ']') {
				s->state = TOP_AFTER;
				p++;
				continue;
			}
			return expected(s, lineno, col,
					"',' or ']' after a test record");
		case IN_REC:
		case CUT:
			break;
		}
		/* A record starts at p. */
		p = record_part(s, p, end, lineno, len);
		if (!p)
			return -1;
	}
	return 0;
}

/*
 * The lines of a file, read a chunk at a time: a line that lies in one
 * chunk is handed out where it lies, one that spans two is put together
 * (hdb_readline, a byte at a time, was 6% of an ingest's instructions).
 */
#define CHUNK (64 << 10)

struct lines {
	FILE *f;
	char *buf;		/* CHUNK bytes */
	size_t len, pos;	/* read into buf; handed out */
	struct strbuf join;	/* a line over the end of a chunk */
	int eof;
};

/*
 * The next line of l, its newline included, at *out: its length, -1 at
 * the end of the file, -2 for a line of more than HDB_MAX_LINE bytes (as
 * hdb_readline).  *out lasts until the next call.
 */
static ssize_t next_line(struct lines *l, const char **out)
{
	strbuf_reset(&l->join);
	for (;;) {
		const char *p = l->buf + l->pos;
		const char *nl;
		size_t take;

		if (l->pos < l->len) {
			nl = memchr(p, '\n', l->len - l->pos);
			take = nl ? (size_t)(nl + 1 - p) : l->len - l->pos;
			if (nl && !l->join.len) {
				l->pos += take;
				*out = p;
				return (ssize_t)take;
			}
			if (l->join.len + take - (nl != NULL) > HDB_MAX_LINE)
				return -2;
			strbuf_add(&l->join, p, take);
			l->pos += take;
			if (nl)
				break;
			continue;
		}
		if (l->eof)
			break;
		l->len = fread(l->buf, 1, CHUNK, l->f);
		l->pos = 0;
		l->eof = l->len < CHUNK;
	}
	if (!l->join.len)
		return -1;
	*out = l->join.buf;
	return (ssize_t)l->join.len;
}

static void truncated(struct scan *s, long line, long col, const char *what)
{
	s->info->truncated = 1;
	s->info->trunc_line = line;
	s->info->trunc_col = col;
	s->info->trunc_what = what;
}

int json_stream(FILE *f, const char *path, json_record_fn fn, void *ctx,
		struct json_stream_info *info)
{
	struct scan s;
	struct lines in = { f, NULL, 0, 0, STRBUF_INIT, 0 };
	const char *line;
	ssize_t n;
	long lineno = 0, last_len = 0;
	int ret = -1;

	memset(info, 0, sizeof(*info));
	memset(&s, 0, sizeof(s));
	s.path = path;
	s.fn = fn;
	s.ctx = ctx;
	s.info = info;
	s.state = TOP;
	in.buf = xmalloc(CHUNK);
	while ((n = next_line(&in, &line)) >= 0) {
		size_t len = (size_t)n;
		const char *start = line;

		lineno++;
		if (len && line[len - 1] == '\n')
			len--;
		if (len && line[len - 1] == '\r')
			len--;
		if (lineno == 1 && len >= 3 && !memcmp(line, "\xef\xbb\xbf", 3)) {
			start += 3;	/* a byte-order mark */
			len -= 3;
		}
		if (memchr(start, '\0', len)) {
			hdb_error("%s:%ld:%ld: expected text, found a NUL byte",
				  path, lineno,
				  (long)((const char *)memchr(start, '\0', len) - start) + 1);
			goto out;
		}
		last_len = (long)len;
		if (scan_line(&s, start, len, lineno))
			goto out;
	}
	if (hdb_read_end(f, path, n, lineno + 1))
		goto out;
	switch (s.state) {
	case IN_REC:
		truncated(&s, s.rec_line, s.rec_col, "the last test record has "
			  "no closing '}'");
		break;
	case CUT:
		truncated(&s, s.cut_line, s.cut_col, "the last line ends "
			  "inside a test record");
		break;
	case ARR_FIRST:
	case ARR_NEXT:
	case ARR_AFTER:
		truncated(&s, lineno, last_len + 1, "expected ']' to close "
			  "the array");
		break;
	default:
		break;
	}
	if (info->records == 0) {
		info->empty = 1;
		if (s.arrays)
			hdb_error("%s:%ld:%ld: expected test records in the "
				  "array that opens here, found none (did "
				  "llama-bench fail? its stderr says why)", path,
				  s.last_open_line, s.last_open_col);
		else if (s.state == IN_REC || s.state == CUT)
			hdb_error("%s:%ld:%ld: no complete test record: the "
				  "file ends inside the first one", path,
				  s.rec_line, s.rec_col);
		else
			hdb_error("%s:%ld:1: expected llama-bench JSON records "
				  "('[' or '{'), found none", path,
				  lineno ? lineno : 1);
		goto out;
	}
	ret = 0;
out:
	free(in.buf);
	strbuf_release(&in.join);
	strbuf_release(&s.rec);
	return ret;
}
