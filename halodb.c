/*
 * halodb.c: the command line.  One static table of commands, as in git's
 * git.c: the dispatcher finds the command, which parses its options and
 * asks for the store; at the end the dispatcher closes the store, then
 * flushes and closes stdout and fails if that fails (a full disk must not
 * pass silently).  Library code reports errors through hdb_error(); only
 * this file prints them.
 */
#include "ingest/ingest.h"
#include "query/query.h"
#include "render/render.h"
#include "schema/store.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#ifndef HALODB_VERSION
#define HALODB_VERSION "0.0.0"
#endif

#define NEED_DB 1u
#define WRITE 2u

struct cli {
	const struct cmd *cmd;
	const char *db_path;
	struct hdb_store *st;
};

struct cmd {
	const char *name;
	int (*fn)(struct cli *cli, int argc, char **argv);
	unsigned flags;
	const char *usage;	/* synopsis and options, next to the function */
	const char *summary;
};

static const struct cmd *find_cmd(const char *name);
static int close_stdout(int rc);

static void print_usage(FILE *f, const struct cmd *c)
{
	fprintf(f, "usage: %s", c->usage);
}

/* After a usage error: the synopsis line and where to read more. */
static void print_synopsis(FILE *f, const struct cmd *c)
{
	fprintf(f, "usage: %.*s\n(see 'halodb %s --help')\n",
		(int)strcspn(c->usage, "\n"), c->usage, c->name);
}

static int usage_error(const struct cmd *c, const char *fmt, ...)
	HDB_PRINTF(2, 3);
static int usage_error(const struct cmd *c, const char *fmt, ...)
{
	va_list ap;

	fputs("halodb: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (c)
		print_synopsis(stderr, c);
	return HDB_EXIT_USAGE;
}

/* Set once a failed write to stdout has been reported, so that
 * close_stdout does not report it a second time. */
static int stdout_error_said;

static int fail(void)
{
	fprintf(stderr, "halodb: %s\n", hdb_errmsg());
	if (ferror(stdout))
		stdout_error_said = 1;
	return HDB_EXIT_FAIL;
}

/*
 * A store is a file: SQLite would keep '' and ':memory:' in memory and
 * read 'file:...' as a URI with options, and an ingest into those would
 * say 'ingested' and keep nothing.  Returns 0, or -1 after printing a
 * usage error.
 */
static int check_db_path(const struct cmd *c, const char *path)
{
	if (!*path || !strcmp(path, ":memory:") ||
	    !strncasecmp(path, "file:", 5)) {
		usage_error(c, "--db: expected the path of a store file, got "
			    "'%s'%s", path, *path && strcmp(path, ":memory:")
			    ? " (write './' before a file named so)" : "");
		return -1;
	}
	return 0;
}

/* Says why an ingest seems to hang: another one holds the store. */
static void on_wait(void *ctx, const char *path)
{
	(void)ctx;
	fprintf(stderr, "halodb: waiting for another ingest to finish "
		"(store '%s' is locked)\n", path);
}

/* Opens the store the way the command's flags say; 0 or -1. */
static int open_store(struct cli *cli)
{
	return hdb_store_open(cli->db_path, cli->cmd->flags & WRITE
			      ? HDB_STORE_WRITE : HDB_STORE_READ, &cli->st);
}

enum {
	OPT_DB = 1000, OPT_HOST, OPT_FORMAT, OPT_OUT, OPT_TEMPLATES, OPT_STDERR,
	OPT_DRY_RUN, OPT_MODEL, OPT_QUANT, OPT_KV, OPT_BACKEND, OPT_BUILD,
	OPT_VARIANT, OPT_NIAH_PASS
};

/*
 * getopt_long over a command's options (options may follow arguments);
 * every command takes --db and --help.  Returns the option, or -1 at the
 * end, or '?' after printing the usage error (the caller then returns
 * HDB_EXIT_USAGE).
 */
static int next_opt(struct cli *cli, int argc, char **argv,
		    const struct option *opts)
{
	int c;

	opterr = 0;
	for (;;) {
		c = getopt_long(argc, argv, "h", opts, NULL);
		if (c == OPT_DB) {
			cli->db_path = optarg;
			if (check_db_path(cli->cmd, optarg))
				return '?';
			continue;
		}
		if (c == 'h') {
			print_usage(stdout, cli->cmd);
			exit(close_stdout(HDB_EXIT_OK));
		}
		if (c != '?')
			return c;
		if (optopt >= OPT_DB)
			usage_error(cli->cmd, "%s: option '%s' needs a value",
				    cli->cmd->name, argv[optind - 1]);
		else if (optopt)
			usage_error(cli->cmd, "%s: unknown option '-%c'",
				    cli->cmd->name, optopt);
		else
			usage_error(cli->cmd, "%s: unknown option '%s'",
				    cli->cmd->name, argv[optind - 1]);
		return '?';
	}
}

/* ---- ingest ----------------------------------------------------------- */

static const char ingest_usage[] =
	"halodb ingest [--host NAME] [--stderr FILE] [--dry-run] [--db PATH]\n"
	"              [--model M] [--quant Q] [--kv TYPE] [--backend B]\n"
	"              [--build ID] [--variant TEXT] [--niah-pass N] PATH...\n"
	"\n"
	"Adds result files to the store.  Directories are walked in name order\n"
	"(dot-files skipped).  Formats are recognised by content, whatever the\n"
	"file name: llama-bench JSON, JSONL, markdown, CSV and SQL of every\n"
	"llama.cpp era; llama-server and llama-cli/main logs; saved\n"
	"llama-server responses with a 'timings' object.  Runs that died (out\n"
	"of memory, device lost, GPU hang, failed to load) become rows with\n"
	"status oom, crashed or failed and their error line.  Quality results:\n"
	"lm-evaluation-harness results (with their samples files), EvalPlus\n"
	"eval results and leaderboard, Aider benchmark run directories and\n"
	"leaderboard YAML, needle-in-a-haystack cells.\n"
	"\n"
	"Each file is one transaction: a file that fails changes nothing and\n"
	"is reported as path:line:col; the others still go in, and the exit\n"
	"status is 1.  A file whose bytes are already in the store is skipped\n"
	"('already ingested'); a measurement already there from another\n"
	"format (the same run as JSON and markdown) is not counted twice.\n"
	"'x.stderr.txt' (any one extension) is read as the stderr of the\n"
	"results file 'x.*' beside it, and tells how its run died.\n"
	"\n"
	"  --host NAME    the machine these results came from; without it the\n"
	"                 host is derived from cpu_info and gpu_info, and files\n"
	"                 that do not say (markdown, logs) go to host 'unknown'\n"
	"  --stderr FILE  the stderr of the one results file given\n"
	"  --dry-run      say what each file is (format, era, rows, warnings)\n"
	"                 and write nothing\n"
	"  --db PATH      the store (default: $HALODB_DB, else ./halodb.db)\n"
	"\n"
	"Quality files record neither the machine nor the quant nor the KV\n"
	"cache they ran with; name them for every quality row of the call:\n"
	"  --model M      the model (what the file calls it is kept alongside)\n"
	"  --quant Q      its quant, e.g. Q4_K_M\n"
	"  --kv TYPE      KV cache type, or K/V types: q8_0, q8_0/q4_0\n"
	"  --backend B    e.g. Vulkan, CUDA\n"
	"  --build ID     the llama.cpp build, e.g. b9749 or d32676d\n"
	"  --variant TEXT free text: thinking, no-think, edit=whole ...\n"
	"  --niah-pass N  a needle cell passes at a judge score of N or more\n"
	"                 out of 10 (default 10)\n";

struct ingest_print {
	int dry_run;
};

static void on_warning(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "%s\n", msg);
}

static void on_file(void *ctx, const struct hdb_file_outcome *o)
{
	const struct ingest_print *ip = ctx;

	switch (o->status) {
	case HDB_FILE_INGESTED:
		if (ip->dry_run)
			printf("%s: %s%s%s%s: would add %ld row%s", o->path,
			       hdb_format_name(o->format), *o->era ? " (" : "",
			       o->era, *o->era ? ")" : "", o->rows,
			       o->rows == 1 ? "" : "s");
		else
			printf("%s: %ld row%s", o->path, o->rows,
			       o->rows == 1 ? "" : "s");
		if (o->dups)
			printf(", %ld already in the store", o->dups);
		if (o->died)
			printf(", %ld from a run that died", o->died);
		if (o->items)
			printf(", %ld item%s", o->items, o->items == 1 ? "" : "s");
		if (ip->dry_run && o->noise)
			printf(", %ld other line%s", o->noise,
			       o->noise == 1 ? "" : "s");
		if (!ip->dry_run)
			printf(" (%s)", hdb_format_name(o->format));
		if (o->companion)
			printf(", with its stderr '%s'", o->companion);
		putchar('\n');
		break;
	case HDB_FILE_DUPLICATE:
		if (strcmp(o->detail, o->path))
			printf("%s: already ingested (as '%s')\n", o->path,
			       o->detail);
		else
			printf("%s: already ingested\n", o->path);
		break;
	case HDB_FILE_FAILED:
		fprintf(stderr, "%s\n", o->detail);
		break;
	case HDB_FILE_SKIPPED:
		fprintf(stderr, "%s: warning: skipped: %s\n", o->path, o->detail);
		break;
	}
}

static void print_totals(const struct hdb_ingest_totals *t, int dry_run)
{
	const char *sep = "";

	if (!t->ingested && !t->duplicate && !t->failed && !t->skipped) {
		printf("nothing to ingest: no files found\n");
		return;
	}
	if (t->ingested) {
		printf("%s %ld file%s (%ld row%s", dry_run ? "would ingest"
		       : "ingested", t->ingested, t->ingested == 1 ? "" : "s",
		       t->rows, t->rows == 1 ? "" : "s");
		if (t->dups)
			printf(", %ld already in the store", t->dups);
		putchar(')');
		sep = ", ";
	}
	if (t->duplicate) {
		printf("%s%ld already ingested", sep, t->duplicate);
		sep = ", ";
	}
	if (t->failed) {
		printf("%s%ld failed", sep, t->failed);
		sep = ", ";
	}
	if (t->skipped)
		printf("%s%ld skipped", sep, t->skipped);
	if (dry_run)
		printf("; dry run, nothing written");
	putchar('\n');
}

/* A dry run parses into a scratch store and looks up known files in the
 * real one, when there is one. */
static int open_dry_run(struct cli *cli, struct hdb_store **known)
{
	*known = NULL;
	if (hdb_store_open(":memory:", HDB_STORE_WRITE, &cli->st))
		return -1;
	if (access(cli->db_path, F_OK) == 0 &&
	    hdb_store_open(cli->db_path, HDB_STORE_READ, known))
		return -1;
	return 0;
}

static int cmd_ingest(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "host", required_argument, NULL, OPT_HOST },
		{ "stderr", required_argument, NULL, OPT_STDERR },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "model", required_argument, NULL, OPT_MODEL },
		{ "quant", required_argument, NULL, OPT_QUANT },
		{ "kv", required_argument, NULL, OPT_KV },
		{ "backend", required_argument, NULL, OPT_BACKEND },
		{ "build", required_argument, NULL, OPT_BUILD },
		{ "variant", required_argument, NULL, OPT_VARIANT },
		{ "niah-pass", required_argument, NULL, OPT_NIAH_PASS },
		{ "db", required_argument, NULL, OPT_DB },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct hdb_ingest_options o;
	struct ingest_print ip = { 0 };
	struct hdb_ingest_report rep = { &ip, on_warning, on_file };
	struct hdb_ingest_totals totals;
	struct hdb_store *known = NULL;
	char *kv = NULL, *end;
	int c, rc;

	memset(&o, 0, sizeof(o));
	o.niah_pass = 10;
	while ((c = next_opt(cli, argc, argv, opts)) != -1) {
		if (c == '?')
			return HDB_EXIT_USAGE;
		if (c == OPT_HOST)
			o.host = optarg;
		else if (c == OPT_STDERR)
			o.stderr_file = optarg;
		else if (c == OPT_DRY_RUN)
			o.dry_run = ip.dry_run = 1;
		else if (c == OPT_MODEL)
			o.attach.model = optarg;
		else if (c == OPT_QUANT)
			o.attach.quant = optarg;
		else if (c == OPT_KV)
			kv = optarg;
		else if (c == OPT_BACKEND)
			o.attach.backend = optarg;
		else if (c == OPT_BUILD)
			o.attach.build = optarg;
		else if (c == OPT_VARIANT)
			o.attach.variant = optarg;
		else if (c == OPT_NIAH_PASS) {
			long n = strtol(optarg, &end, 10);

			if (!*optarg || *end || n < 1 || n > 10)
				return usage_error(cli->cmd, "--niah-pass: "
						   "expected a score from 1 "
						   "to 10, got '%s'", optarg);
			o.niah_pass = (int)n;
		}
	}
	/* what is stored as text must be text (sql --format json too) */
	for (c = 0; c < 7; c++) {
		static const char *const names[] = { "host", "model", "quant",
			"kv", "backend", "build", "variant" };
		const char *const vals[] = { o.host, o.attach.model,
			o.attach.quant, kv, o.attach.backend, o.attach.build,
			o.attach.variant };

		if (!hdb_utf8_valid(vals[c]))
			return usage_error(cli->cmd, "--%s: expected UTF-8 "
					   "text", names[c]);
	}
	if (kv) {
		/* 'q8_0' for both, or 'q8_0/q4_0' (or ',') for K and V */
		size_t k = strcspn(kv, "/,");

		if (!k || (kv[k] && !kv[k + 1]))
			return usage_error(cli->cmd, "--kv: expected a KV cache "
					   "type such as q8_0, or K/V types "
					   "such as q8_0/q4_0, got '%s'", kv);
		if (kv[k]) {
			kv[k] = '\0';
			o.attach.type_v = kv + k + 1;
		} else {
			o.attach.type_v = kv;
		}
		o.attach.type_k = kv;
	}
	if (o.host && (!*o.host || strpbrk(o.host, "\n\r\t")))
		return usage_error(cli->cmd, "--host: expected a non-empty "
				   "name on one line");
	if (o.host && !strcmp(o.host, HDB_UNKNOWN_HOST))
		return usage_error(cli->cmd, "--host: '%s' is reserved for "
				   "results that name no machine", o.host);
	if (optind >= argc)
		return usage_error(cli->cmd, "ingest: expected at least one PATH");
	if (o.stderr_file && argc - optind != 1)
		return usage_error(cli->cmd, "--stderr: expected exactly one "
				   "results file to go with it");
	if (o.dry_run ? open_dry_run(cli, &known) : open_store(cli)) {
		hdb_store_close(known);
		return fail();
	}
	o.known = known;
	rc = hdb_ingest_paths(cli->st, &o, argv + optind, argc - optind, &rep,
			      &totals);
	hdb_store_close(known);
	if (rc < 0)
		return fail();
	print_totals(&totals, o.dry_run);
	return rc ? HDB_EXIT_FAIL : HDB_EXIT_OK;
}

/* ---- sql and hosts ------------------------------------------------------ */

static const char sql_usage[] =
	"halodb sql [--format table|csv|json|md] [--db PATH] QUERY\n"
	"\n"
	"Runs one read-only SQL statement on the store and prints the result.\n"
	"Statements that would write are refused.  The public views are\n"
	"throughput and throughput_sample (see README.md).\n"
	"\n"
	"  --format FMT  table (aligned columns, the default), csv, json, md\n"
	"  --db PATH     the store (default: $HALODB_DB, else ./halodb.db)\n";

static const char hosts_usage[] =
	"halodb hosts [--format table|csv|json|md] [--db PATH]\n"
	"\n"
	"Lists the hosts in the store and what identified each: --host NAME\n"
	"at ingest, or the cpu_info and gpu_info of its results.\n"
	"\n"
	"  --format FMT  table (the default), csv, json, md\n"
	"  --db PATH     the store (default: $HALODB_DB, else ./halodb.db)\n";

static int parse_format_opts(struct cli *cli, int argc, char **argv,
			     enum hdb_out_format *fmt)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "db", required_argument, NULL, OPT_DB },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*fmt = HDB_OUT_TABLE;
	while ((c = next_opt(cli, argc, argv, opts)) != -1) {
		if (c == '?')
			return HDB_EXIT_USAGE;
		if (c == OPT_FORMAT && hdb_out_format_parse(optarg, fmt))
			return usage_error(cli->cmd, "--format: %s",
					   hdb_errmsg());
	}
	return 0;
}

/* What the renderers must know of stdout: a terminal gets no escapes. */
static unsigned stdout_flags(void)
{
	return isatty(fileno(stdout)) ? HDB_RENDER_TERMINAL : 0;
}

static int print_table(struct hdb_table *t, enum hdb_out_format fmt)
{
	int rc = hdb_render_table(stdout, t, fmt, stdout_flags());

	hdb_table_release(t);
	return rc ? fail() : HDB_EXIT_OK;
}

static int cmd_sql(struct cli *cli, int argc, char **argv)
{
	enum hdb_out_format fmt;
	struct hdb_cursor *cur;
	struct hdb_table t;
	int rc = parse_format_opts(cli, argc, argv, &fmt);

	if (rc)
		return rc;
	if (argc - optind != 1)
		return usage_error(cli->cmd, "sql: expected one QUERY argument "
				   "(quote it), got %d", argc - optind);
	if (open_store(cli) ||
	    hdb_cursor_open(hdb_store_sqlite(cli->st), argv[optind], &cur, &t))
		return fail();
	/* Streamed: a result of millions of rows takes a window's memory. */
	rc = hdb_render_cursor(stdout, cur, &t, fmt, stdout_flags());
	hdb_cursor_free(cur);
	hdb_table_release(&t);
	return rc ? fail() : HDB_EXIT_OK;
}

static int cmd_hosts(struct cli *cli, int argc, char **argv)
{
	enum hdb_out_format fmt;
	struct hdb_table t;
	int rc = parse_format_opts(cli, argc, argv, &fmt);

	if (rc)
		return rc;
	if (optind != argc)
		return usage_error(cli->cmd, "hosts: unexpected argument '%s'",
				   argv[optind]);
	if (open_store(cli) || hdb_query_hosts(hdb_store_sqlite(cli->st), &t))
		return fail();
	return print_table(&t, fmt);
}

/* ---- report ------------------------------------------------------------- */

static const char report_usage[] =
	"halodb report --out DIR [--templates DIR] [--db PATH]\n"
	"\n"
	"Writes the report: DIR/report.md (GitHub-flavoured markdown),\n"
	"DIR/index.html (the same, as a page) and DIR/style.css.\n"
	"\n"
	"  --out DIR        where to write (created if missing)\n"
	"  --templates DIR  page.html, style.css and report.md to use instead\n"
	"                   of the built-in ones\n"
	"  --db PATH        the store (default: $HALODB_DB, else ./halodb.db)\n";

static int cmd_report(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, OPT_OUT },
		{ "templates", required_argument, NULL, OPT_TEMPLATES },
		{ "db", required_argument, NULL, OPT_DB },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *templates = NULL;
	struct hdb_table speed, setup;
	struct hdb_report r;
	int c, rc;

	while ((c = next_opt(cli, argc, argv, opts)) != -1) {
		if (c == '?')
			return HDB_EXIT_USAGE;
		if (c == OPT_OUT)
			out = optarg;
		else if (c == OPT_TEMPLATES)
			templates = optarg;
	}
	if (optind != argc)
		return usage_error(cli->cmd, "report: unexpected argument '%s'",
				   argv[optind]);
	if (!out || !*out)
		return usage_error(cli->cmd, "report: expected --out DIR");
	memset(&r, 0, sizeof(r));
	if (open_store(cli) ||
	    hdb_query_store_counts(hdb_store_sqlite(cli->st), &r.n_results,
				   &r.n_sources) ||
	    hdb_query_default_speed(hdb_store_sqlite(cli->st), &speed, &setup))
		return fail();
	r.speed = &speed;
	r.setup = &setup;
	rc = hdb_render_report(out, templates, &r);
	hdb_table_release(&speed);
	hdb_table_release(&setup);
	if (rc)
		return fail();
	printf("wrote %s/report.md and %s/index.html\n", out, out);
	return HDB_EXIT_OK;
}

/* ---- help --------------------------------------------------------------- */

static const char help_usage[] = "halodb help [COMMAND]\n";

static const struct cmd commands[] = {
	{ "ingest", cmd_ingest, NEED_DB | WRITE, ingest_usage,
	  "add result files to the store" },
	{ "sql", cmd_sql, NEED_DB, sql_usage,
	  "run a read-only SQL query on the store" },
	{ "hosts", cmd_hosts, NEED_DB, hosts_usage,
	  "list hosts and what identified them" },
	{ "report", cmd_report, NEED_DB, report_usage,
	  "write the report (markdown and HTML)" },
	{ "help", NULL, 0, help_usage, "show help for a command" },
};

static void print_main_usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: halodb [--db PATH] COMMAND [ARGS]\n"
		"\n"
		"halodb keeps llama.cpp benchmark results in one SQLite store\n"
		"and writes reports from it.\n"
		"\n"
		"commands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n"
		"The store is --db PATH, else $HALODB_DB, else ./halodb.db.\n"
		"'halodb COMMAND --help' tells more.  Exit status: 0 ok, 1 some\n"
		"input or runtime failure, 2 bad command line.\n");
}

static const struct cmd *find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static int cmd_help(int argc, char **argv)
{
	const struct cmd *c;

	if (argc < 2) {
		print_main_usage(stdout);
		return HDB_EXIT_OK;
	}
	c = find_cmd(argv[1]);
	if (!c)
		return usage_error(NULL, "no such command '%s'", argv[1]);
	print_usage(stdout, c);
	return HDB_EXIT_OK;
}

/* Flushes and closes stdout; a write error turns success into failure. */
static int close_stdout(int rc)
{
	if (stdout_error_said) {
		fclose(stdout);
		return HDB_EXIT_FAIL;
	}
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "halodb: cannot write to standard output: %s\n",
			strerror(errno));
		fclose(stdout);
		return HDB_EXIT_FAIL;
	}
	if (fclose(stdout)) {
		fprintf(stderr, "halodb: cannot write to standard output: %s\n",
			strerror(errno));
		return HDB_EXIT_FAIL;
	}
	return rc;
}

int main(int argc, char **argv)
{
	struct cli cli = { NULL, NULL, NULL };
	const char *env = getenv("HALODB_DB");
	int i = 1, rc;

	cli.db_path = env && *env ? env : "halodb.db";
	/* Options before the command: --db, --help, --version. */
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			cli.db_path = argv[++i];
		} else if (!strncmp(argv[i], "--db=", 5)) {
			cli.db_path = argv[i] + 5;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			print_main_usage(stdout);
			return close_stdout(HDB_EXIT_OK);
		} else if (!strcmp(argv[i], "--version")) {
			printf("halodb %s\n", HALODB_VERSION);
			return close_stdout(HDB_EXIT_OK);
		} else {
			fprintf(stderr, "halodb: unknown option '%s'\n", argv[i]);
			print_main_usage(stderr);
			return HDB_EXIT_USAGE;
		}
	}
	if (i >= argc) {
		print_main_usage(stderr);
		return HDB_EXIT_USAGE;
	}
	cli.cmd = find_cmd(argv[i]);
	if (!cli.cmd) {
		fprintf(stderr, "halodb: no such command '%s'\n", argv[i]);
		print_main_usage(stderr);
		return HDB_EXIT_USAGE;
	}
	if (!cli.cmd->fn)
		return close_stdout(cmd_help(argc - i, argv + i));
	if (check_db_path(cli.cmd, cli.db_path))
		return HDB_EXIT_USAGE;
	/* A file size limit (ulimit -f) must fail the write that meets it,
	 * which is reported and rolled back, not kill us mid-file. */
	signal(SIGXFSZ, SIG_IGN);
	hdb_store_set_wait_hook(on_wait, NULL);
	optind = 1;
	rc = cli.cmd->fn(&cli, argc - i, argv + i);
	if (hdb_store_close(cli.st) && rc == HDB_EXIT_OK)
		rc = fail();
	return close_stdout(rc);
}
