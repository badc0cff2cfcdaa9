/*
 * sniff.c: recognises an input file by its content, never by its name
 * (a '.txt' may hold JSON; a '.jsonl' may start with stderr lines).
 * It reads the first lines, skipping text that is not structure.
 */
#include "ingest.h"

#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define SNIFF_MAX_LINES 400

static int opens_array(const char *p)
{
	for (p++; *p == ' ' || *p == '\t' || *p == '\r'; p++)
		;
	return *p == '\0' || *p == '\n' || *p == '{' || *p == ']';
}

/* A JSON Lines record of llama-bench, not a log line or another tool's. */
static int bench_object(const char *p)
{
	return strstr(p, "\"avg_ts\"") || strstr(p, "\"build_commit\"") ||
	       strstr(p, "\"n_prompt\"");
}

enum hdb_format hdb_sniff(FILE *f)
{
	enum hdb_format fmt = HDB_FORMAT_UNKNOWN;
	char *line = NULL;
	size_t cap = 0;
	int n;

	for (n = 0; n < SNIFF_MAX_LINES && getline(&line, &cap, f) >= 0; n++) {
		const char *p = line;

		if (n == 0 && !strncmp(p, "\xef\xbb\xbf", 3))
			p += 3;
		p += strspn(p, " \t\r\n");
		if (*p == '[' && opens_array(p)) {
			fmt = HDB_FORMAT_BENCH_JSON;
			break;
		}
		if (*p == '{') {
			if (bench_object(p))
				fmt = HDB_FORMAT_BENCH_JSONL;
			break;
		}
	}
	free(line);
	rewind(f);
	return fmt;
}
