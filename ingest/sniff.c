/*
 * sniff.c: recognises an input file by its content, never by its name (a
 * '.txt' may hold JSON, a '.jsonl' may start with stderr lines, a '.log'
 * may hold a markdown table).  It reads the first lines and weighs what it
 * sees: structure (a markdown header, a CSV header, SQL, JSON) wins over
 * the log lines that get captured around it.
 */
#include "parsers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define SNIFF_MAX_LINES 2000
#define SNIFF_MAX_BYTES (1 << 20)

enum signal {
	SIG_MD, SIG_CSV, SIG_SQL, SIG_JSON, SIG_LOG, SIG_RESPONSE, SIG_LLAMA,
	SIG_COUNT
};

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

static int starts(const char *p, const char *prefix)
{
	return !strncmp(p, prefix, strlen(prefix));
}

/* Lines only llama.cpp programs print. */
static int llama_line(const char *p)
{
	static const char *const prefixes[] = {
		"ggml_", "ggml-", "llama_model_loader", "llama_context",
		"llama_new_context", "llama_kv_cache", "llama_perf", "llama_init",
		"llama_bench:", "load_tensors", "load_all_data",
		"print_info", "llm_load", "build: ", "system_info", "DEPRECATED",
		"Device ", "main: ", "common_",
	};
	size_t i;
	int telling;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (starts(p, prefixes[i]))
			return 1;
	return hdb_failure_kind(p, &telling) != HDB_FAIL_NONE;
}

/* Lines of a llama-server or llama-cli log (timings or the server's own
 * prefixes), after the optional '0.01.515.840 I ' logger prefix. */
static int log_line(const char *p)
{
	const char *sp = strchr(p, ' ');

	if (sp && sp - p >= 11 && p[1] == '.' && sp[1] && sp[2] == ' ')
		p = sp + 3;
	return strstr(p, "print_timing") || starts(p, "llama_print_timings:") ||
	       (starts(p, "llama_perf_context_print:") &&
		strstr(p, "prompt eval time")) ||
	       starts(p, "common_perf_print:") || starts(p, "srv ") ||
	       starts(p, "slot ") || starts(p, "INFO [") ||
	       starts(p, "main: build =") || starts(p, "generate: ") ||
	       starts(p, "llama_perf_sampler_print:") ||
	       (starts(p, "{\"") && strstr(p, "\"msg\":"));
}

static void classify(const char *p, long n, long first[SIG_COUNT],
		     int *json_kind)
{
	int sig = -1;

	if (*p == '|' && ((strstr(p, " test ") && strstr(p, "t/s")) ||
			  strstr(p, "\xc2\xb1")))
		sig = SIG_MD;
	else if (starts(p, "build_commit,"))
		sig = SIG_CSV;
	else if (starts(p, "CREATE TABLE IF NOT EXISTS test (") ||
		 starts(p, "CREATE TABLE IF NOT EXISTS llama_bench (") ||
		 starts(p, "INSERT INTO test (") ||
		 starts(p, "INSERT INTO llama_bench ("))
		sig = SIG_SQL;
	else if ((*p == '[' && opens_array(p)) || (*p == '{' && bench_object(p)))
		sig = SIG_JSON;
	else if (log_line(p))
		sig = SIG_LOG;
	else if (*p == '{' || starts(p, "data: {"))
		sig = SIG_RESPONSE;
	else if (!first[SIG_LLAMA] && llama_line(p))
		sig = SIG_LLAMA;
	if (sig >= 0 && !first[sig]) {
		first[sig] = n;
		if (sig == SIG_JSON)
			*json_kind = *p;
	}
}

enum hdb_format hdb_sniff(FILE *f)
{
	long first[SIG_COUNT] = { 0 }, n;
	char *line = NULL;
	size_t cap = 0, bytes = 0;
	ssize_t len;
	int timings = 0, json_kind = 0;

	for (n = 1; n <= SNIFF_MAX_LINES && bytes < SNIFF_MAX_BYTES &&
		    (len = getline(&line, &cap, f)) >= 0; n++) {
		const char *p = line;

		bytes += (size_t)len;
		if (n == 1 && !strncmp(p, "\xef\xbb\xbf", 3))
			p += 3;
		while (*p == '\r' || *p == ' ' || *p == '\t' || *p == '\x1b') {
			if (*p == '\x1b')	/* an ANSI colour sequence */
				while (*p && !(*p >= 'A' && *p <= 'Z') &&
				       !(*p >= 'a' && *p <= 'z'))
					p++;
			if (*p)
				p++;
		}
		if (strstr(p, "\"timings\""))
			timings = 1;
		classify(p, n, first, &json_kind);
		/* structure decides; what comes after it does not matter */
		if (first[SIG_MD] || first[SIG_CSV] || first[SIG_SQL] ||
		    first[SIG_JSON])
			break;
	}
	free(line);
	rewind(f);
	if (first[SIG_MD])
		return HDB_FORMAT_BENCH_MD;
	if (first[SIG_CSV])
		return HDB_FORMAT_BENCH_CSV;
	if (first[SIG_SQL])
		return HDB_FORMAT_BENCH_SQL;
	if (first[SIG_JSON])
		return json_kind == '{' ? HDB_FORMAT_BENCH_JSONL
					: HDB_FORMAT_BENCH_JSON;
	if (first[SIG_LOG])
		return HDB_FORMAT_LLAMA_LOG;
	if (first[SIG_RESPONSE] && timings)
		return HDB_FORMAT_SERVER_JSON;
	/* llama.cpp lines and no results: a llama-bench run that died before
	 * its table, or its bare stderr; the markdown parser tells which */
	if (first[SIG_LLAMA])
		return HDB_FORMAT_BENCH_MD;
	return HDB_FORMAT_UNKNOWN;
}
