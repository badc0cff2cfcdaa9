/*
 * util.h: the few helpers every room shares: allocation that dies on
 * failure, the error slot library code reports into, and a growable
 * string buffer.  Nothing here knows about SQLite, JSON or cairo.
 */
#ifndef HALODB_UTIL_H
#define HALODB_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* Exit codes of the halodb command (documented in README.md). */
enum hdb_exit {
	HDB_EXIT_OK = 0,	/* everything asked for was done */
	HDB_EXIT_FAIL = 1,	/* some input or runtime failure */
	HDB_EXIT_USAGE = 2,	/* bad command line */
};

#if defined(__GNUC__)
#define HDB_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define HDB_NORETURN __attribute__((noreturn))
#else
#define HDB_PRINTF(f, a)
#define HDB_NORETURN
#endif

/*
 * A library halodb runs with, as `halodb --version` names it.  Each room
 * reports its own (hdb_store_libraries, hdb_ingest_libraries,
 * hdb_render_libraries): only the room that includes a library's headers
 * asks it.  Static strings.
 */
struct hdb_library {
	const char *name;	/* "SQLite" */
	const char *version;	/* what the library says at run time; NULL
				 * when it has no call that says */
	const char *built;	/* the version of the headers halodb was
				 * built with; NULL when they do not say */
};

/*
 * How far long work has got (ingest of many files, a report over a large
 * store), for the progress line the CLI draws on a terminal.  Library
 * code calls fn, when set, at each step and now and then within one; it
 * never prints.
 */
struct hdb_progress_state {
	const char *stage;	/* "ingest", "section", "chart" */
	size_t done, total;	/* steps (files, sections, charts) done, of
				 * total */
	long long rows;		/* rows written so far (ingest) */
	long long bytes, total_bytes;	/* input read, of all (ingest) */
	const char *what;	/* the current step: a path, a section */
};
struct hdb_progress {
	void (*fn)(void *ctx, const struct hdb_progress_state *s);
	void *ctx;
};

/* x-prefixed allocators die with a message on out-of-memory. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Formatted allocation; the caller frees. */
char *xasprintf(const char *fmt, ...) HDB_PRINTF(1, 2);
HDB_NORETURN void hdb_die(const char *fmt, ...) HDB_PRINTF(1, 2);

/*
 * Library code never prints: it records one message here and returns -1.
 * hdb_errmsg() gives the last message (never NULL).  Messages follow the
 * house wording: lower case, no full stop, 'path:line:col: expected ...'.
 */
int hdb_error(const char *fmt, ...) HDB_PRINTF(1, 2);
int hdb_verror(const char *fmt, va_list ap);
const char *hdb_errmsg(void);

/* A growable, always NUL-terminated byte buffer. */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};
#define STRBUF_INIT { NULL, 0, 0 }
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t n);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) HDB_PRINTF(2, 3);
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_reset(struct strbuf *sb);
/* Returns the buffer (caller frees) and leaves sb empty. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
/*
 * Numbers as printf writes them, without printf where that is safe: the
 * same bytes as strbuf_addf with "%lld", "%.*f" (decimals 0-9) and
 * "%.*g" (precision 1-15).  A double times an exact power of ten is
 * computed exactly (Dekker's product, two doubles) and rounded to a whole
 * number as printf rounds; an exact tie, or a value out of the plain
 * range, goes to printf.  A table of a million rows prints ten million
 * numbers.
 */
void strbuf_add_ll(struct strbuf *sb, long long v);
void strbuf_add_fixed(struct strbuf *sb, double v, int decimals);
void strbuf_add_general(struct strbuf *sb, double v, int precision);
/* Empty string, never NULL, for a strbuf that never grew. */
const char *strbuf_str(const struct strbuf *sb);

/*
 * Every file halodb reads goes through hdb_open_regular: it opens path
 * without waiting on a FIFO (O_NONBLOCK, cleared once open), checks with
 * fstat that it is a regular file (not /dev/zero, a FIFO, a directory or
 * a socket, whatever a symlink points at) and returns it as a stream for
 * reading, and its size in *size (may be NULL).  Returns 0 (the caller
 * fcloses *out), or -1 with hdb_error set: "cannot open 'p': ..." or
 * "cannot read 'p': not a regular file".
 */
int hdb_open_regular(const char *path, FILE **out, long long *size);

/* The most read_file reads (a template, an exercise's results file). */
#define HDB_READ_MAX ((size_t)64 << 20)

/*
 * Reads a whole regular file of at most max bytes (hdb_open_regular);
 * caller frees *out, which is NUL-terminated; *len (may be NULL) gets its
 * length.  Returns 0 or -1 (hdb_error: a larger file is
 * "cannot read 'p': larger than N MiB").  read_file reads at most
 * HDB_READ_MAX.
 */
int read_file_max(const char *path, size_t max, char **out, size_t *len);
int read_file(const char *path, char **out, size_t *len);
/* The text of a small file (/proc, /sys) with its trailing blanks cut,
 * "" for an empty one, or NULL (hdb_error) when it cannot be read. */
char *read_file_trimmed(const char *path, size_t max);

/*
 * UTF-8 that a strict decoder accepts: no overlong forms, no surrogates,
 * nothing above U+10FFFF.  hdb_utf8_prefix returns the length of the
 * longest valid prefix of s[0..len) (len when all of it is valid);
 * hdb_utf8_valid says whether a NUL-terminated string is (NULL is).
 */
size_t hdb_utf8_prefix(const char *s, size_t len);
/* The length of the valid character at s (n bytes left), with its code
 * point in *cp, or 0 when s does not start one (or n is 0). */
size_t hdb_utf8_char(const char *s, size_t n, unsigned *cp);
int hdb_utf8_valid(const char *s);
/* s is one or more ASCII digits and nothing else. */
int hdb_all_digits(const char *s);
/* Copies s[0..len) into dst[size] as UTF-8 text: each byte that is not
 * part of a valid character becomes '?', a character that does not fit
 * whole is left out, and dst is always NUL-terminated (size > 0). */
void hdb_utf8_copy(char *dst, size_t size, const char *s, size_t len);

#endif
