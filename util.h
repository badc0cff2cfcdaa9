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
/* Empty string, never NULL, for a strbuf that never grew. */
const char *strbuf_str(const struct strbuf *sb);

/* Reads a whole file; caller frees *out.  Returns 0 or -1 (hdb_error). */
int read_file(const char *path, char **out, size_t *len);

#endif
