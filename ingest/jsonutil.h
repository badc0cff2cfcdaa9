/*
 * jsonutil.h: what the JSON parsers of ingest/ share (private to ingest/,
 * the only room that includes jansson.h): reading a file whole within a
 * limit, jansson's errors in the house wording, and short strings for the
 * details of items.
 */
#ifndef HALODB_INGEST_JSONUTIL_H
#define HALODB_INGEST_JSONUTIL_H

#include "../util.h"

#include <jansson.h>
#include <stdio.h>

/* What an item's detail keeps of a response, a target or a failing input. */
#define HDB_SHORT_CHARS 200

/*
 * Appends the rest of f to sb.  A file over max bytes is refused with
 * 'path:1:1: expected <what> of at most N MiB'.  Returns 0 or -1.
 */
int hdb_read_whole(FILE *f, const char *path, const char *what, size_t max,
		   struct strbuf *sb);

/*
 * Reports a jansson error at line:col the house way: "'}' expected near
 * 'x'" becomes "expected ',' or '}', found 'x'", "X expected near Y"
 * becomes "expected X, found Y", anything else "expected valid JSON
 * (...)".  Returns -1.
 */
int hdb_json_error(const char *path, long line, long col,
		   const json_error_t *err);

/* The type of a value as prose, for messages: "an array", "null". */
const char *hdb_json_kind(const json_t *v);

/* {"key": "value", ...} of the n pairs whose value is not NULL, in
 * order; NULL when none is (caller frees). */
char *hdb_json_pairs(const char *const *keys, const char *const *vals,
		     size_t n);

/* A JSON string of the first HDB_SHORT_CHARS characters (not bytes) of
 * s[0..len), with "..." when cut.  The caller owns the reference. */
json_t *hdb_json_short(const char *s, size_t len);

#endif
