/*
 * sniff.c: recognises an input file by its content, never by its name (a
 * '.txt' may hold JSON, a '.jsonl' may start with stderr lines, a '.log'
 * may hold a markdown table).  It reads line by line, past any amount of
 * captured stderr, and weighs what it sees: structure (a markdown header,
 * a CSV header, SQL, JSON) wins over the log lines that get captured
 * around it.  Memory stays bounded: a line and the first MiB of JSON.
 * Directories that are one run (Aider's, halodb run's) are told by the
 * table of directory formats at the end.
 */
#include "parsers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* Lines read after the first that tells something (JSON, YAML, a log
 * line): leading noise, however long, does not count.  Lines that tell
 * nothing are read to the end of the file if need be, one at a time. */
#define SNIFF_MAX_LINES 2000
#define SNIFF_MAX_BYTES (1 << 20)	/* of JSON or YAML kept, and of a line */

enum signal {
	SIG_MD, SIG_CSV, SIG_SQL, SIG_JSONL, SIG_JSON, SIG_LOG, SIG_YAML,
	SIG_LLAMA, SIG_PUBLISHED, SIG_COUNT
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

static void classify(const char *p, long n, long first[SIG_COUNT])
{
	int sig = -1;

	if (*p == '|' && ((strstr(p, " test ") && strstr(p, "t/s")) ||
			  strstr(p, "\xc2\xb1")))
		sig = SIG_MD;
	else if (starts(p, "build_commit,"))
		sig = SIG_CSV;
	else if (starts(p, "kind,host,backend,build,model,"))
		sig = SIG_PUBLISHED;
	else if (starts(p, "CREATE TABLE IF NOT EXISTS test (") ||
		 starts(p, "CREATE TABLE IF NOT EXISTS llama_bench (") ||
		 starts(p, "INSERT INTO test (") ||
		 starts(p, "INSERT INTO llama_bench ("))
		sig = SIG_SQL;
	else if (*p == '{' && bench_object(p))
		sig = SIG_JSONL;
	else if (log_line(p))
		sig = SIG_LOG;
	else if ((*p == '[' && opens_array(p)) || *p == '{' ||
		 starts(p, "data: {"))
		sig = SIG_JSON;
	else if (starts(p, "- ") && strchr(p, ':'))
		sig = SIG_YAML;
	else if (!first[SIG_LLAMA] && llama_line(p))
		sig = SIG_LLAMA;
	if (sig >= 0 && !first[sig])
		first[sig] = n;
}

static int has(const struct strbuf *head, const char *key)
{
	return strstr(strbuf_str(head), key) != NULL;
}

/*
 * What a JSON document is, by the keys in its first megabyte (harnesses
 * pretty-print, so the keys that tell are not all on the first line).
 */
static enum hdb_format json_kind(const struct strbuf *head)
{
	if (has(head, "\"halodb_run\""))
		return HDB_FORMAT_HALODB_RUN;	/* refused: its directory is */
	if (has(head, "\"avg_ts\"") && has(head, "\"n_prompt\""))
		return HDB_FORMAT_BENCH_JSON;
	if (has(head, "\"doc_id\""))
		return HDB_FORMAT_LM_EVAL_SAMPLES;
	if (has(head, "\"timings\""))
		return HDB_FORMAT_SERVER_JSON;
	if (has(head, "\"results\""))
		return HDB_FORMAT_LM_EVAL;	/* look-alikes are refused there */
	if (has(head, "\"eval\"") && (has(head, "\"hash\"") ||
					 has(head, "\"date\"")))
		return HDB_FORMAT_EVALPLUS;
	if (has(head, "\"pass@1\""))
		return HDB_FORMAT_EVALPLUS_BOARD;
	if (has(head, "\"depth_percent\""))
		return HDB_FORMAT_NIAH;
	if (has(head, "\"tests_outcomes\"") || has(head, "\"testcase\"") ||
	    has(head, "\"exception\""))
		return HDB_FORMAT_AIDER_RESULT;
	/* '[' alone: llama-bench printed its header and died (or was
	 * killed as it began its first record) */
	if (head->len && strspn(strbuf_str(head), "[{ \t\r\n") == head->len)
		return HDB_FORMAT_BENCH_JSON;
	return HDB_FORMAT_UNKNOWN;
}

/*
 * Reads the next line into sb, keeping at most max bytes of it (the rest
 * of a longer line is read and dropped, so memory stays bounded whatever
 * the file).  Returns 0, or -1 at the end of the file.
 */
static int read_capped(FILE *f, struct strbuf *sb, size_t max)
{
	char chunk[65536];
	int any = 0;

	strbuf_reset(sb);
	while (fgets(chunk, sizeof(chunk), f)) {
		size_t n = strlen(chunk);

		any = 1;
		if (sb->len < max)
			strbuf_add(sb, chunk, n < max - sb->len ? n
							 : max - sb->len);
		if (n && chunk[n - 1] == '\n')
			break;
	}
	return any ? 0 : -1;
}

enum hdb_format hdb_sniff(FILE *f)
{
	long first[SIG_COUNT] = { 0 }, n, window = 0;
	struct strbuf head = STRBUF_INIT, line = STRBUF_INIT;
	enum hdb_format fmt = HDB_FORMAT_UNKNOWN;

	for (n = 1; window < SNIFF_MAX_LINES && head.len < SNIFF_MAX_BYTES &&
		    !read_capped(f, &line, SNIFF_MAX_BYTES); n++) {
		const char *p = strbuf_str(&line);

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
		classify(p, n, first);
		if (first[SIG_JSON] || first[SIG_YAML])
			strbuf_addstr(&head, p);
		if (first[SIG_JSON] || first[SIG_YAML] || first[SIG_LOG])
			window++;
		/* table structure decides; what comes after does not matter */
		if (first[SIG_MD] || first[SIG_CSV] || first[SIG_SQL] ||
		    first[SIG_JSONL] || first[SIG_PUBLISHED])
			break;
	}
	strbuf_release(&line);
	rewind(f);
	if (first[SIG_PUBLISHED])
		fmt = HDB_FORMAT_PUBLISHED;
	else if (first[SIG_MD])
		fmt = HDB_FORMAT_BENCH_MD;
	else if (first[SIG_CSV])
		fmt = HDB_FORMAT_BENCH_CSV;
	else if (first[SIG_SQL])
		fmt = HDB_FORMAT_BENCH_SQL;
	else if (first[SIG_JSONL])
		fmt = HDB_FORMAT_BENCH_JSONL;
	else if (first[SIG_JSON] &&
		 (!first[SIG_LOG] || first[SIG_JSON] < first[SIG_LOG]))
		fmt = json_kind(&head);
	if (fmt == HDB_FORMAT_UNKNOWN && first[SIG_LOG])
		fmt = HDB_FORMAT_LLAMA_LOG;
	if (fmt == HDB_FORMAT_UNKNOWN && first[SIG_YAML] &&
	    has(&head, "pass_rate_"))
		fmt = HDB_FORMAT_AIDER_BOARD;
	/* llama.cpp lines and no results: a llama-bench run that died before
	 * its table, or its bare stderr; the markdown parser tells which */
	if (fmt == HDB_FORMAT_UNKNOWN && first[SIG_LLAMA])
		fmt = HDB_FORMAT_BENCH_MD;
	strbuf_release(&head);
	return fmt;
}

/* The formats whose unit is a directory, in the order they are tried. */
static const struct hdb_dir_format dir_formats[] = {
	{ HDB_FORMAT_HALODB_RUN, hdb_is_halodb_run, hdb_hash_halodb_run,
	  hdb_parse_halodb_run },
	{ HDB_FORMAT_AIDER_RUN, hdb_is_aider_run, hdb_hash_aider_run,
	  hdb_parse_aider_run },
};

const struct hdb_dir_format *hdb_sniff_dir(const char *dir)
{
	size_t i;

	for (i = 0; i < sizeof(dir_formats) / sizeof(dir_formats[0]); i++)
		if (dir_formats[i].is(dir))
			return &dir_formats[i];
	return NULL;
}
