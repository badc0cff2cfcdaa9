/*
 * jsonstream.h: splits a stream of JSON records into one record at a time,
 * so that memory is bounded by one record, not by the file.  Private to
 * ingest/.
 *
 * Accepted: JSON arrays of objects (records may span lines; several arrays
 * may follow one another) and JSON Lines (one object per line), with lines
 * of other text (captured stderr) between them, which are counted.  Bare
 * nan/inf tokens, which C++ printers emit, become null.
 */
#ifndef HALODB_JSONSTREAM_H
#define HALODB_JSONSTREAM_H

#include <stddef.h>
#include <stdio.h>

struct json_stream_info {
	int first_kind;		/* '[' or '{': how the first record came */
	long records;
	int empty;		/* no record at all: the error says so */
	int truncated;
	long trunc_line, trunc_col;
	const char *trunc_what;
	long noise_lines;
	long first_noise_line;
	char first_noise[48];
};

/*
 * Called with the text of one complete record (NUL-terminated; newlines
 * kept), and the line and column where its '{' stands.
 * Returns 0, or -1 with hdb_error set to stop the stream.
 */
typedef int (*json_record_fn)(void *ctx, const char *text, size_t len,
			      long line, long col);

/*
 * Reads f to the end.  Returns 0, or -1 with hdb_error set to
 * 'path:line:col: expected ...'.  A stream without any record is an error.
 */
int json_stream(FILE *f, const char *path, json_record_fn fn, void *ctx,
		struct json_stream_info *info);

#endif
