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
#include "run/run.h"
#include "schema/store.h"
#include "util.h"
#include "view_docs.h"	/* HDB_VIEWS_HELP, made from README.md */

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <time.h>
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
	char *command;		/* the command line, quoted as a shell would
				 * need it: what curation_log records */
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

/* Opens the store for writing, made when it is not there (ingest); 0 or
 * -1. */
static int open_store_create(struct cli *cli)
{
	if (hdb_store_open(cli->db_path, HDB_STORE_WRITE, &cli->st))
		return -1;
	hdb_store_set_command(cli->st, cli->command);
	return 0;
}

/* Opens the store for writing whatever the command's flags say (a
 * subcommand that edits: hosts rename, models alias ...).  A store that
 * is not there is an error, as for reading: an edit makes no store.
 * 0 or -1. */
static int open_store_write(struct cli *cli)
{
	if (access(cli->db_path, F_OK) &&
	    hdb_store_open(cli->db_path, HDB_STORE_READ, &cli->st))
		return -1;
	hdb_store_close(cli->st);
	cli->st = NULL;
	return open_store_create(cli);
}

/* Opens the store the way the command's flags say; 0 or -1. */
static int open_store(struct cli *cli)
{
	if (cli->cmd->flags & WRITE)
		return open_store_create(cli);
	return hdb_store_open(cli->db_path, HDB_STORE_READ, &cli->st);
}

/* 'halodb hosts rename a30 "my a30"': argv as one line, each word quoted
 * where a shell would need it (caller frees). */
static char *command_line(char **argv)
{
	char *rest = hdb_run_quote_argv(argv + 1);
	char *line = xasprintf("halodb%s%s", *rest ? " " : "", rest);

	free(rest);
	return line;
}

enum {
	OPT_DB = 1000, OPT_HOST, OPT_FORMAT, OPT_OUT, OPT_TEMPLATES, OPT_STDERR,
	OPT_DRY_RUN, OPT_MODEL, OPT_QUANT, OPT_KV, OPT_BACKEND, OPT_BUILD,
	OPT_VARIANT, OPT_NIAH_PASS, OPT_NUM, OPT_DEN, OPT_A, OPT_B, OPT_HOSTS,
	OPT_TEST, OPT_BENCHMARK, OPT_REFERENCE, OPT_NOISE, OPT_CV, OPT_TITLE,
	OPT_DEPTH, OPT_ID, OPT_HOST_FROM_DIR, OPT_REPLACE,
	OPT_FILE, OPT_QUIET,
	OPT_PROFILE, OPT_DEPTHS, OPT_TESTS, OPT_REPS, OPT_FA, OPT_NGL,
	OPT_UBATCH, OPT_LLAMA_BENCH, OPT_TEST_TIMEOUT, OPT_FORCE,
	OPT_PROC_ROOT, OPT_SYS_ROOT, OPT_SCHEMA
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

/* ---- the progress line --------------------------------------------------- */
/*
 * One line on stderr, redrawn in place while long work runs (ingest of
 * many files or a big one, a report over a large store): only on a
 * terminal and without --quiet, so that pipes, logs and golden tests see
 * nothing of it.  Redrawn at most ten times a second, cut to the
 * terminal's width, cleared at the end.
 */
struct progress_line {
	int on, drawn;
	double t0, last;
	double interval;	/* between two redraws: 0.1 s, or
				 * $HALODB_PROGRESS_INTERVAL (tests) */
};

static double mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress_start(struct progress_line *pl, int quiet)
{
	const char *env = getenv("HALODB_PROGRESS_INTERVAL");
	char *end;

	memset(pl, 0, sizeof(*pl));
	pl->on = !quiet && isatty(fileno(stderr));
	pl->t0 = mono_now();
	pl->last = pl->t0;
	pl->interval = 0.1;
	if (env && *env) {
		double v = strtod(env, &end);

		if (!*end && v >= 0 && v <= 3600)
			pl->interval = v;
	}
}

/* '42 s', '3:05', '1:02:09' */
static void add_duration(struct strbuf *sb, double s)
{
	long t = (long)(s + 0.5);

	if (t < 60)
		strbuf_addf(sb, "%ld s", t);
	else if (t < 3600)
		strbuf_addf(sb, "%ld:%02ld", t / 60, t % 60);
	else
		strbuf_addf(sb, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60,
			    t % 60);
}

/* A path or name as the line shows it: control characters (a file name
 * may hold an escape) become '?'. */
static void add_shown(struct strbuf *sb, const char *what)
{
	for (; what && *what; what++)
		strbuf_addch(sb, (unsigned char)*what < 0x20 || *what == 0x7f
			     ? '?' : *what);
}

static void progress_line_draw(struct progress_line *pl,
			       const struct hdb_progress_state *s);

/* Draws s on pl, one thread at a time: the report's sections and the
 * charts drawn ahead of it tell their progress from two threads. */
static void progress_draw(void *ctx, const struct hdb_progress_state *s)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

	pthread_mutex_lock(&lock);
	progress_line_draw(ctx, s);
	pthread_mutex_unlock(&lock);
}

static void progress_line_draw(struct progress_line *pl,
			       const struct hdb_progress_state *s)
{
	struct strbuf sb = STRBUF_INIT;
	struct winsize ws;
	double now = mono_now(), spent = now - pl->t0;
	size_t width = 80;

	if (!pl->on || now - pl->last < pl->interval)
		return;
	pl->last = now;
	if (!strcmp(s->stage, "ingest")) {
		double rate = spent > 0 ? (double)s->bytes / spent : 0;

		strbuf_addf(&sb, "ingest: %zu/%zu file%s, %lld row%s, %.1f MB/s",
			    s->done, s->total, s->total == 1 ? "" : "s",
			    s->rows, s->rows == 1 ? "" : "s", rate / 1e6);
		if (rate > 0 && s->total_bytes > s->bytes) {
			strbuf_addstr(&sb, ", ");
			add_duration(&sb, (double)(s->total_bytes - s->bytes) /
				     rate);
			strbuf_addstr(&sb, " left");
		}
	} else {
		strbuf_addf(&sb, "report: %s %zu/%zu, ", s->stage,
			    s->done + 1, s->total);
		add_duration(&sb, spent);
	}
	strbuf_addstr(&sb, ": ");
	add_shown(&sb, s->what);
	if (!ioctl(fileno(stderr), TIOCGWINSZ, &ws) && ws.ws_col > 1)
		width = ws.ws_col;
	if (sb.len > width - 1) {
		/* not in the middle of a UTF-8 character */
		size_t n = width - 1;

		while (n && ((unsigned char)sb.buf[n] & 0xc0) == 0x80)
			n--;
		sb.len = n;
		sb.buf[n] = '\0';
	}
	fprintf(stderr, "\r%s\033[K", sb.buf);
	fflush(stderr);
	pl->drawn = 1;
	strbuf_release(&sb);
}

static void progress_end(struct progress_line *pl)
{
	if (pl->drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	pl->drawn = 0;
}

/* ---- ingest ----------------------------------------------------------- */

static const char ingest_usage[] =
	"halodb ingest [--host NAME | --host-from-dir] [--stderr FILE] [--replace]\n"
	"              [--dry-run] [--db PATH] [--model M] [--quant Q] [--kv TYPE]\n"
	"              [--backend B] [--build ID] [--variant TEXT] [--niah-pass N]\n"
	"              [--quiet] PATH...\n"
	"\n"
	"Adds result files to the store.  Directories are walked in name order\n"
	"(dot-files skipped); what a walk finds that is not results (READMEs,\n"
	"notes, scripts, configs, a wrapper's run_metadata.txt) is named in one\n"
	"'skipped' line, and empty files are skipped; either named on the\n"
	"command line is an error.  Formats are recognised by content, whatever\n"
	"the file name: llama-bench JSON, JSONL, markdown, CSV and SQL of every\n"
	"llama.cpp era; llama-server and llama-cli/main logs; saved\n"
	"llama-server responses with a 'timings' object.  Runs that died (out\n"
	"of memory, device lost, GPU hang, failed to load) become rows with\n"
	"status oom, crashed or failed and their error line.  Quality results:\n"
	"lm-evaluation-harness results (with their samples files), EvalPlus\n"
	"eval results and leaderboard, Aider benchmark run directories and\n"
	"leaderboard YAML, needle-in-a-haystack cells.  A directory that\n"
	"'halodb run' wrote (manifest.json and each test point's output) is\n"
	"one source, its rows carrying the bench gate's verdict; the host its\n"
	"manifest names is taken as --host would be (--host itself wins).\n"
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
	"                 (one warning names them)\n"
	"  --host-from-dir  each file's host is the first directory below the\n"
	"                 PATH it was found under: results/a30/run1/x.json\n"
	"                 given as results is host a30; a file named itself or\n"
	"                 lying directly in PATH is an error\n"
	"  --stderr FILE  the stderr of the one results file given\n"
	"  --replace      a file already in the store (the same bytes, or the\n"
	"                 same path as given) is forgotten and ingested again\n"
	"                 with this call's options, in one transaction (see\n"
	"                 'halodb forget')\n"
	"  --dry-run      say what each file is (format, era, rows, warnings)\n"
	"                 and write nothing\n"
	"  --quiet        no progress line (files done, rows, MB/s, the file\n"
	"                 being read, time left), which is drawn on stderr only\n"
	"                 when it is a terminal\n"
	"  --variant TEXT what the files do not show, for every row of the\n"
	"                 call (throughput, server and quality): hybrid-ngl22,\n"
	"                 dual-gpu, 100W, thinking, edit=whole ...; runs that\n"
	"                 differ only in it are two measurements, never one\n"
	"  --db PATH      the store (default: $HALODB_DB, else ./halodb.db)\n"
	"\n"
	"Quality files record neither the machine nor the quant nor the KV\n"
	"cache they ran with; name them for every quality row of the call:\n"
	"  --model M      the model (what the file calls it is kept alongside)\n"
	"  --quant Q      its quant, e.g. Q4_K_M\n"
	"  --kv TYPE      KV cache type, or K/V types: q8_0, q8_0/q4_0\n"
	"  --backend B    e.g. Vulkan, CUDA\n"
	"  --build ID     the llama.cpp build, e.g. b9749 or d32676d\n"
	"  --niah-pass N  a needle cell passes at a judge score of N or more\n"
	"                 out of 10 (default 10)\n";

/* Files that are not results, named once each in one line (the first
 * few names; the rest counted). */
#define NOT_RESULTS_NAMED 8

struct ingest_print {
	int dry_run;
	struct progress_line *pl;	/* cleared before a line is printed */
	long not_results, others;
	size_t n_names;
	char *names[NOT_RESULTS_NAMED];
	long counts[NOT_RESULTS_NAMED];
};

static void note_not_result(struct ingest_print *ip, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t i;

	ip->not_results++;
	for (i = 0; i < ip->n_names; i++)
		if (!strcmp(ip->names[i], base)) {
			ip->counts[i]++;
			return;
		}
	if (ip->n_names == NOT_RESULTS_NAMED) {
		ip->others++;
		return;
	}
	ip->names[ip->n_names] = xstrdup(base);
	ip->counts[ip->n_names++] = 1;
}

/* 'skipped 3 files that are not results: README.md (2), run.sh' */
static void print_not_results(struct ingest_print *ip)
{
	size_t i;

	if (!ip->not_results)
		return;
	if (ip->not_results == 1)
		printf("skipped 1 file that is not a result: ");
	else
		printf("skipped %ld files that are not results: ",
		       ip->not_results);
	for (i = 0; i < ip->n_names; i++) {
		printf("%s%s", i ? ", " : "", ip->names[i]);
		if (ip->counts[i] > 1)
			printf(" (%ld)", ip->counts[i]);
	}
	if (ip->others)
		printf(" and %ld other%s", ip->others,
		       ip->others == 1 ? "" : "s");
	putchar('\n');
}

static void release_ingest_print(struct ingest_print *ip)
{
	size_t i;

	for (i = 0; i < ip->n_names; i++)
		free(ip->names[i]);
}

static void on_warning(void *ctx, const char *msg)
{
	struct ingest_print *ip = ctx;

	if (ip->pl)
		progress_end(ip->pl);
	fprintf(stderr, "%s\n", msg);
}

static void on_file(void *ctx, const struct hdb_file_outcome *o)
{
	struct ingest_print *ip = ctx;

	if (ip->pl)
		progress_end(ip->pl);
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
		if (o->not_run)
			printf(", %ld not run", o->not_run);
		if (o->items)
			printf(", %ld item%s", o->items, o->items == 1 ? "" : "s");
		if (ip->dry_run && o->noise)
			printf(", %ld other line%s", o->noise,
			       o->noise == 1 ? "" : "s");
		if (!ip->dry_run)
			printf(" (%s)", hdb_format_name(o->format));
		if (o->companion)
			printf(", with its stderr '%s'", o->companion);
		if (o->replaced)
			printf(", replacing %s (%ld row%s forgotten)",
			       o->replaced == 1 ? "its earlier ingest"
			       : "its earlier ingests", o->forgotten,
			       o->forgotten == 1 ? "" : "s");
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
		if (o->skip == HDB_SKIP_NOT_RESULT)
			note_not_result(ip, o->path);
		else
			fprintf(stderr, "%s: warning: skipped: %s\n", o->path,
				o->detail);
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
		{ "host-from-dir", no_argument, NULL, OPT_HOST_FROM_DIR },
		{ "replace", no_argument, NULL, OPT_REPLACE },
		{ "stderr", required_argument, NULL, OPT_STDERR },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "model", required_argument, NULL, OPT_MODEL },
		{ "quant", required_argument, NULL, OPT_QUANT },
		{ "kv", required_argument, NULL, OPT_KV },
		{ "backend", required_argument, NULL, OPT_BACKEND },
		{ "build", required_argument, NULL, OPT_BUILD },
		{ "variant", required_argument, NULL, OPT_VARIANT },
		{ "niah-pass", required_argument, NULL, OPT_NIAH_PASS },
		{ "quiet", no_argument, NULL, OPT_QUIET },
		{ "db", required_argument, NULL, OPT_DB },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct hdb_ingest_options o;
	struct progress_line pl;
	struct hdb_progress progress = { progress_draw, &pl };
	struct ingest_print ip = { 0 };
	struct hdb_ingest_report rep = { &ip, on_warning, on_file, &progress };
	struct hdb_ingest_totals totals;
	struct hdb_store *known = NULL;
	char *kv = NULL, *end;
	long long bytes;
	int c, rc, quiet = 0;

	memset(&o, 0, sizeof(o));
	o.niah_pass = 10;
	while ((c = next_opt(cli, argc, argv, opts)) != -1) {
		if (c == '?')
			return HDB_EXIT_USAGE;
		if (c == OPT_HOST)
			o.host = optarg;
		else if (c == OPT_HOST_FROM_DIR)
			o.host_from_dir = 1;
		else if (c == OPT_REPLACE)
			o.replace = 1;
		else if (c == OPT_STDERR)
			o.stderr_file = optarg;
		else if (c == OPT_DRY_RUN)
			o.dry_run = ip.dry_run = 1;
		else if (c == OPT_QUIET)
			quiet = 1;
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
	if (o.host && o.host_from_dir)
		return usage_error(cli->cmd, "--host and --host-from-dir: "
				   "expected one of them, not both");
	if (optind >= argc)
		return usage_error(cli->cmd, "ingest: expected at least one PATH");
	if (o.stderr_file && argc - optind != 1)
		return usage_error(cli->cmd, "--stderr: expected exactly one "
				   "results file to go with it");
	/* a store about to be made from one batch's worth of input */
	if (!o.dry_run && access(cli->db_path, F_OK) &&
	    (bytes = hdb_ingest_input_bytes(argv + optind, argc - optind)) >= 0)
		hdb_store_bulk_cache(bytes);
	if (o.dry_run ? open_dry_run(cli, &known) : open_store(cli)) {
		hdb_store_close(known);
		return fail();
	}
	o.known = known;
	progress_start(&pl, quiet);
	ip.pl = &pl;
	rc = hdb_ingest_paths(cli->st, &o, argv + optind, argc - optind, &rep,
			      &totals);
	progress_end(&pl);
	hdb_store_close(known);
	if (rc < 0) {
		release_ingest_print(&ip);
		return fail();
	}
	print_not_results(&ip);
	release_ingest_print(&ip);
	print_totals(&totals, o.dry_run);
	return rc ? HDB_EXIT_FAIL : HDB_EXIT_OK;
}

/* ---- run ---------------------------------------------------------------- */

static const char run_usage[] =
	"halodb run --model FILE.gguf [--profile strix-halo|a30|generic|PATH]\n"
	"           [--host NAME] [--depths 0,8192,32768,65536]\n"
	"           [--tests pp512,tg128] [--reps N] [--kv TYPE] [--fa 0|1]\n"
	"           [--ngl N] [--ubatch N] [--llama-bench PATH]\n"
	"           [--test-timeout SECONDS] [--out DIR] [--dry-run] [--force]\n"
	"           [--proc-root DIR] [--sys-root DIR] [--db PATH]\n"
	"\n"
	"Runs llama-bench on this machine, one process per test point (each\n"
	"depth, each test), and ingests the results.  Before the sweep and\n"
	"again before every point a gate checks that the bench is clean: no\n"
	"other model server or GPU job running, free memory (and GPU memory)\n"
	"for the model plus the KV cache of the point's depth plus a margin,\n"
	"fans and power mode as the profile asks, temperatures below its\n"
	"limit, a llama-bench that runs and whose build is known.  A failed\n"
	"check refuses with the reason and the fix; before a point it stops\n"
	"the sweep, and what finished is kept and ingested.\n"
	"\n"
	"Each run writes DIR/<date>-<host>-<model>/: every point's llama-bench\n"
	"output and stderr, and manifest.json (the machine, the profile, the\n"
	"command lines, each point's gate verdict and outcome).  The directory\n"
	"can be copied to another machine and ingested there.  A point that\n"
	"outlives --test-timeout is killed (its whole process group) and kept\n"
	"as wedged; one that crashes as crashed or oom; Ctrl-C kills the\n"
	"current point and stops.  On a terminal a progress line shows the\n"
	"point, the time spent and an estimate of the rest.\n"
	"\n"
	"  --model FILE     the GGUF model to benchmark\n"
	"  --profile P      strix-halo (Vulkan, q8_0 KV, EC fans at 3500 rpm or\n"
	"                   more, power mode), a30 (CUDA, q4_0 KV, nvidia-smi),\n"
	"                   generic (the default), or the path of a .profile\n"
	"                   file (see data/profiles/README.md)\n"
	"  --host NAME      the host the rows belong to (default: derived from\n"
	"                   the results, as ingest does)\n"
	"  --depths LIST    context depths in tokens (llama-bench -d)\n"
	"  --tests LIST     ppN, tgN or ppN+tgM tests\n"
	"  --reps N         repetitions of each point (default: the profile's,\n"
	"                   6: what the noise and ratio queries need)\n"
	"  --kv TYPE        KV cache type, or K/V types: q8_0, q8_0/q4_0\n"
	"  --fa 0|1         flash attention\n"
	"  --ngl N          GPU layers\n"
	"  --ubatch N       micro-batch size (llama-bench -ub)\n"
	"  --llama-bench PATH  the binary (default: llama-bench on PATH)\n"
	"  --test-timeout SECONDS  a point running longer is killed (wedged)\n"
	"  --out DIR        where run directories go (default: results)\n"
	"  --dry-run        print the plan (every command line), the gate's\n"
	"                   checks with their readings and the estimated time;\n"
	"                   run nothing (exit 1 when the sweep would be refused)\n"
	"  --force          run even when the gate fails; every row is marked\n"
	"                   dirty with the checks that failed\n"
	"  --proc-root DIR  read processes and memory here (default:\n"
	"                   $HALODB_PROC_ROOT, else /proc)\n"
	"  --sys-root DIR   read fans, power, temperatures and amdgpu memory\n"
	"                   here (default: $HALODB_SYS_ROOT, else /sys)\n"
	"  --db PATH        the store (default: $HALODB_DB, else ./halodb.db)\n";

/* '1 h 05 min', '2 min 03 s', '12 s' */
static void print_duration(FILE *f, double s)
{
	long t = (long)(s + 0.5);

	if (t >= 3600)
		fprintf(f, "%ld h %02ld min", t / 3600, (t % 3600 + 30) / 60 % 60);
	else if (t >= 60)
		fprintf(f, "%ld min %02ld s", t / 60, t % 60);
	else
		fprintf(f, "%ld s", t);
}

static void print_checks(FILE *f, const struct hdb_checks *c, int all)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		const struct hdb_check *k = &c->v[i];

		if (!all && k->ok)
			continue;
		if (all)
			fprintf(f, "  %-4s  %-12s  %s\n", k->ok ? "ok" : "FAIL",
				k->name, k->reading);
		else
			fprintf(f, "  %s: %s\n", k->name, k->reading);
		if (k->fix)
			fprintf(f, "%s    fix: %s\n", all ? "      " : "",
				k->fix);
	}
}

struct run_print {
	int tty;		/* stderr is a terminal: a progress line */
	int line;		/* a progress line is showing */
	double t0;		/* when the sweep began */
};

static double run_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void clear_progress(struct run_print *rp)
{
	if (rp->line) {
		fputs("\r\033[K", stderr);
		rp->line = 0;
	}
}

static void on_run_forced(void *ctx, const struct hdb_checks *c)
{
	(void)ctx;
	fprintf(stderr, "halodb: warning: the gate failed and --force runs "
		"the sweep anyway; every row is marked dirty:\n");
	print_checks(stderr, c, 0);
}

static void on_run_started(void *ctx, const struct hdb_plan *plan,
			   const char *dir)
{
	struct run_print *rp = ctx;

	rp->t0 = run_clock();
	printf("%s: %zu point%s, llama-bench build %ld\n", dir, plan->n_points,
	       plan->n_points == 1 ? "" : "s", plan->bench.number);
	fflush(stdout);
}

static void on_run_cooling(void *ctx, const struct hdb_point *pt,
			   const char *reading)
{
	struct run_print *rp = ctx;

	clear_progress(rp);
	if (pt)
		fprintf(stderr, "halodb: point %d waits for the machine to "
			"cool down: %s\n", pt->n, reading);
	else
		fprintf(stderr, "halodb: waiting for the machine to cool "
			"down: %s\n", reading);
}

static void on_run_tick(void *ctx, const struct hdb_plan *plan,
			const struct hdb_point *pt, double elapsed)
{
	struct run_print *rp = ctx;
	double rest = pt->estimate_s > elapsed ? pt->estimate_s - elapsed : 0;
	size_t i;

	if (!rp->tty)
		return;
	for (i = (size_t)pt->n; i < plan->n_points; i++)
		rest += plan->points[i].estimate_s;
	fprintf(stderr, "\r\033[K[%d/%zu] %s at depth %ld: running ", pt->n,
		plan->n_points, pt->test, pt->n_depth);
	print_duration(stderr, elapsed);
	fputs("; sweep ", stderr);
	print_duration(stderr, run_clock() - rp->t0);
	fputs(", about ", stderr);
	print_duration(stderr, rest);
	fputs(" left", stderr);
	rp->line = 1;
}

static void on_run_point_start(void *ctx, const struct hdb_plan *plan,
			       const struct hdb_point *pt)
{
	on_run_tick(ctx, plan, pt, 0);
}

static void on_run_point_done(void *ctx, const struct hdb_plan *plan,
			      const struct hdb_point *pt)
{
	struct run_print *rp = ctx;

	clear_progress(rp);
	printf("[%d/%zu] %s at depth %ld: %s", pt->n, plan->n_points,
	       pt->test, pt->n_depth, hdb_point_status_name(pt->status));
	if (pt->status != HDB_POINT_NOT_RUN)
		printf(" in %.1f s", pt->seconds);
	if (pt->error)
		printf(": %s", pt->error);
	if (pt->gate && strcmp(pt->gate, "clean"))
		printf(" (%s)", pt->gate);
	putchar('\n');
	fflush(stdout);
}

static void print_plan(const struct hdb_plan *plan, const struct hdb_checks *c)
{
	const struct hdb_bench *b = &plan->bench;
	time_t t = time(NULL);
	struct tm tm;
	char date[16], *model_slug = hdb_run_slug(plan->model_name);
	size_t i;
	int w = 1;

	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	printf("profile      %s (%s)\n", plan->profile.name, plan->profile.file);
	{
		struct strbuf sb = STRBUF_INIT;

		hdb_run_bytes(&sb, (unsigned long long)plan->model_bytes);
		printf("model        %s: %s", plan->model, strbuf_str(&sb));
		strbuf_release(&sb);
	}
	{
		struct strbuf kv = STRBUF_INIT;

		hdb_run_bytes(&kv, hdb_kv_bytes(plan->have_gguf ? &plan->gguf
						: NULL, plan->kv_k, plan->kv_v,
						1));
		if (plan->have_gguf)
			printf(", %s, %ld layers, KV cache %s per token (%s)\n",
			       plan->gguf.arch, plan->gguf.n_layer,
			       strbuf_str(&kv), plan->kv_k ? plan->kv_k
			       : "f16");
		else
			printf("; KV cache %s per token by the fallback rule "
			       "(%s)\n", strbuf_str(&kv), plan->gguf_error);
		strbuf_release(&kv);
	}
	if (b->number > 0)
		printf("llama-bench  %s: build %ld (%s)\n", b->path, b->number,
		       b->commit);
	else
		printf("llama-bench  %s\n", b->path);
	printf("run dir      %s/%s-%s-%s/\n", plan->out, date, plan->host_slug,
	       model_slug);
	free(model_slug);
	printf("plan         %zu point%s, %d repetition%s each, test timeout "
	       "%ld s\n", plan->n_points, plan->n_points == 1 ? "" : "s",
	       plan->reps, plan->reps == 1 ? "" : "s", plan->test_timeout);
	for (i = plan->n_points; i >= 10; i /= 10)
		w++;
	for (i = 0; i < plan->n_points; i++) {
		const struct hdb_point *pt = &plan->points[i];
		char *cmd = hdb_run_quote_argv(pt->argv);

		printf("  %*d  %s at depth %ld\n  %*s  %s\n", w, pt->n, pt->test,
		       pt->n_depth, w, "", cmd);
		free(cmd);
	}
	printf("gate         before the sweep, for %ld tokens of context\n",
	       plan->max_depth + plan->max_tokens);
	print_checks(stdout, c, 1);
	printf("estimate     ");
	print_duration(stdout, plan->estimate_s);
	printf(" (from the profile's speeds; README, 'Running "
	       "benchmarks')\n");
}

static int cmd_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "model", required_argument, NULL, OPT_MODEL },
		{ "profile", required_argument, NULL, OPT_PROFILE },
		{ "host", required_argument, NULL, OPT_HOST },
		{ "depths", required_argument, NULL, OPT_DEPTHS },
		{ "tests", required_argument, NULL, OPT_TESTS },
		{ "reps", required_argument, NULL, OPT_REPS },
		{ "kv", required_argument, NULL, OPT_KV },
		{ "fa", required_argument, NULL, OPT_FA },
		{ "ngl", required_argument, NULL, OPT_NGL },
		{ "ubatch", required_argument, NULL, OPT_UBATCH },
		{ "llama-bench", required_argument, NULL, OPT_LLAMA_BENCH },
		{ "test-timeout", required_argument, NULL, OPT_TEST_TIMEOUT },
		{ "out", required_argument, NULL, OPT_OUT },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "proc-root", required_argument, NULL, OPT_PROC_ROOT },
		{ "sys-root", required_argument, NULL, OPT_SYS_ROOT },
		{ "db", required_argument, NULL, OPT_DB },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct hdb_run_options o;
	struct hdb_plan plan;
	struct hdb_checks gate = { NULL, 0 }, refusal = { NULL, 0 };
	struct hdb_sweep_result res;
	struct run_print rp = { 0, 0, 0 };
	struct hdb_run_report rep = { &rp, on_run_forced, on_run_started,
				      on_run_cooling, on_run_point_start,
				      on_run_tick, on_run_point_done };
	int c, rc = HDB_EXIT_FAIL;

	memset(&o, 0, sizeof(o));
	o.fa = -1;
	o.ngl = -2;
	while ((c = next_opt(cli, argc, argv, opts)) != -1) {
		long n;
		char *end;

		if (c == '?')
			return HDB_EXIT_USAGE;
		switch (c) {
		case OPT_MODEL: o.model = optarg; break;
		case OPT_PROFILE: o.profile = optarg; break;
		case OPT_HOST: o.host = optarg; break;
		case OPT_DEPTHS: o.depths = optarg; break;
		case OPT_TESTS: o.tests = optarg; break;
		case OPT_KV: o.kv = optarg; break;
		case OPT_LLAMA_BENCH: o.llama_bench = optarg; break;
		case OPT_OUT: o.out = optarg; break;
		case OPT_DRY_RUN: o.dry_run = 1; break;
		case OPT_FORCE: o.force = 1; break;
		case OPT_PROC_ROOT: o.proc_root = optarg; break;
		case OPT_SYS_ROOT: o.sys_root = optarg; break;
		case OPT_FA:
			if (!strcmp(optarg, "1") || !strcmp(optarg, "on"))
				o.fa = 1;
			else if (!strcmp(optarg, "0") || !strcmp(optarg, "off"))
				o.fa = 0;
			else
				return usage_error(cli->cmd, "--fa: expected 0 "
						   "or 1, got '%s'", optarg);
			break;
		default:
			/* the numbers: --reps, --ngl, --ubatch, --test-timeout */
			n = strtol(optarg, &end, 10);
			if (!*optarg || *end || n < (c == OPT_NGL ? 0 : 1) ||
			    n > 1000000)
				return usage_error(cli->cmd, "--%s: expected %s, "
						   "got '%s'", c == OPT_REPS
						   ? "reps" : c == OPT_NGL
						   ? "ngl" : c == OPT_UBATCH
						   ? "ubatch" : "test-timeout",
						   c == OPT_NGL
						   ? "a number of layers"
						   : c == OPT_TEST_TIMEOUT
						   ? "seconds (1 or more)"
						   : "a number (1 or more)",
						   optarg);
			if (c == OPT_REPS)
				o.reps = (int)n;
			else if (c == OPT_NGL)
				o.ngl = (int)n;
			else if (c == OPT_UBATCH)
				o.ubatch = (int)n;
			else
				o.test_timeout = n;
		}
	}
	if (optind < argc)
		return usage_error(cli->cmd, "run: unexpected argument '%s'",
				   argv[optind]);
	if (!o.model)
		return usage_error(cli->cmd, "run: expected --model FILE.gguf");
	if (o.host && (!*o.host || strpbrk(o.host, "\n\r\t") ||
		       !hdb_utf8_valid(o.host)))
		return usage_error(cli->cmd, "--host: expected a non-empty "
				   "name on one line");
	if (o.host && !strcmp(o.host, HDB_UNKNOWN_HOST))
		return usage_error(cli->cmd, "--host: '%s' is reserved for "
				   "results that name no machine", o.host);
	if (hdb_run_check_options(&o))
		return usage_error(cli->cmd, "%s", hdb_errmsg());
	if (o.reps && o.reps < 6)
		fprintf(stderr, "halodb: warning: --reps %d: the noise and "
			"ratio queries need 6 repetitions for a verdict\n",
			o.reps);
	if (o.profile && !strchr(o.profile, '/') &&
	    (strlen(o.profile) < 8 ||
	     strcmp(o.profile + strlen(o.profile) - 8, ".profile"))) {
		for (c = 0; hdb_profile_names[c]; c++)
			if (!strcmp(hdb_profile_names[c], o.profile))
				break;
		if (!hdb_profile_names[c])
			return usage_error(cli->cmd, "--profile: no profile "
					   "'%s': expected strix-halo, a30, "
					   "generic or the path of a .profile "
					   "file", o.profile);
	}
	/* the store before the sweep: hours of it must not end in 'cannot
	 * open the store' */
	if (hdb_run_prepare(&o, &plan) || (!o.dry_run && open_store(cli))) {
		hdb_plan_release(&plan);
		return fail();
	}
	if (o.dry_run) {
		hdb_run_gate(&plan, plan.max_depth + plan.max_tokens, 1, &gate);
		print_plan(&plan, &gate);
		if (plan.refused) {
			fprintf(stderr, "halodb: %s\n", plan.refused);
		} else if (hdb_checks_failed(&gate) && !o.force) {
			size_t n = hdb_checks_failed(&gate);

			fprintf(stderr, "halodb: the gate would refuse the "
				"sweep: %zu check%s failed (--force runs it "
				"anyway and marks every row dirty)\n", n,
				n == 1 ? "" : "s");
		} else {
			printf("dry run: nothing was run\n");
			rc = HDB_EXIT_OK;
		}
		hdb_checks_release(&gate);
		hdb_plan_release(&plan);
		return rc;
	}
	rp.tty = isatty(STDERR_FILENO);
	if (hdb_run_sweep(&plan, &rep, &refusal, &res)) {
		clear_progress(&rp);
		fprintf(stderr, "halodb: %s\n", hdb_errmsg());
		print_checks(stderr, &refusal, 0);
		if (res.dir)
			fprintf(stderr, "halodb: what ran is in '%s'\n",
				res.dir);
		stdout_error_said |= ferror(stdout) != 0;
		hdb_checks_release(&refusal);
		hdb_sweep_result_release(&res);
		hdb_plan_release(&plan);
		return HDB_EXIT_FAIL;
	}
	clear_progress(&rp);
	rc = HDB_EXIT_OK;
	if (res.stopped) {
		fprintf(stderr, "halodb: the sweep stopped: %s (%zu point%s not "
			"run)\n", res.stopped, res.n_not_run,
			res.n_not_run == 1 ? "" : "s");
		rc = HDB_EXIT_FAIL;
	}
	{
		/* hand the directory to ingest, as 'halodb ingest DIR' would */
		struct hdb_ingest_options io;
		struct ingest_print ip = { 0 };
		struct hdb_ingest_report ir = { &ip, on_warning, on_file, NULL };
		struct hdb_ingest_totals totals;
		char *paths[] = { res.dir };
		int irc;

		memset(&io, 0, sizeof(io));
		io.host = plan.host;
		io.niah_pass = 10;
		irc = hdb_ingest_paths(cli->st, &io, paths, 1, &ir, &totals);
		if (irc < 0) {
			rc = fail();
		} else {
			print_not_results(&ip);
			print_totals(&totals, 0);
			if (irc)
				rc = HDB_EXIT_FAIL;
		}
		release_ingest_print(&ip);
	}
	hdb_sweep_result_release(&res);
	hdb_plan_release(&plan);
	return rc;
}

/* ---- sql and hosts ------------------------------------------------------ */

static const char sql_usage[] =
	"halodb sql [--format table|csv|json|md] [--db PATH] QUERY\n"
	"       halodb sql --schema [--format table|csv|json|md]\n"
	"\n"
	"Runs one read-only SQL statement on the store and prints the result.\n"
	"Statements that would write are refused.  The public views, a stable\n"
	"interface (columns are added, never renamed or removed):\n"
	"\n"
	HDB_VIEWS_HELP
	"\n"
	"The tables underneath may change between versions.\n"
	"\n"
	"  --schema      print the views' columns and what each holds, as\n"
	"                README.md documents them (no store needed); with\n"
	"                --format csv, json or md: a row per column\n"
	"  --format FMT  table (aligned columns, the default), csv, json, md\n"
	"  --db PATH     the store (default: $HALODB_DB, else ./halodb.db)\n";

#define HOSTS_RENAME_SYNOPSIS "halodb hosts rename OLD NEW [--db PATH]\n"
#define HOSTS_RENAME_HELP \
	"  Names host OLD NEW.  The host keeps its keys, so later files of\n" \
	"  that machine go to NEW.  The host 'unknown' is not renamed but\n" \
	"  merged into a host; a name another host has is a merge too.\n"
#define HOSTS_MERGE_SYNOPSIS "halodb hosts merge FROM INTO [--db PATH]\n"
#define HOSTS_MERGE_HELP \
	"  Moves every row and every key of FROM to INTO and deletes FROM:\n" \
	"  later files of FROM's machine go to INTO.  FROM's facts fill\n" \
	"  INTO's gaps (INTO's own win; a warning names each that differs).\n" \
	"  Rows that are then one measurement twice (a run printed as JSON\n" \
	"  under one host, as markdown under the other) become one row.\n" \
	"  FROM may be 'unknown': the rows of files that named no machine.\n"
#define HOSTS_SET_SYNOPSIS "halodb hosts set NAME KEY=VALUE... [--db PATH]\n"
#define HOSTS_SET_HELP \
	"  Facts about a machine that no result file carries, shown by\n" \
	"  'halodb hosts' and in the report's contestants: memory=128GB\n" \
	"  tdp=120W price=1999USD notes='rented by the hour'.  Keys are a-z,\n" \
	"  0-9, '_' and '-'; a value is one line; KEY= removes the fact.\n"

static const char hosts_usage[] =
	"halodb hosts [--format table|csv|json|md] [--db PATH]\n"
	"       " HOSTS_RENAME_SYNOPSIS
	"       " HOSTS_MERGE_SYNOPSIS
	"       " HOSTS_SET_SYNOPSIS
	"\n"
	"Lists the hosts in the store, what identified each (--host NAME at\n"
	"ingest, or the cpu_info and gpu_info of its results) and their facts.\n"
	"\n"
	"rename OLD NEW\n" HOSTS_RENAME_HELP
	"merge FROM INTO\n" HOSTS_MERGE_HELP
	"set NAME KEY=VALUE...\n" HOSTS_SET_HELP
	"\n"
	"Each edit is one transaction, recorded in the log (halodb log).\n"
	"\n"
	"  --format FMT  table (the default), csv, json, md\n"
	"  --db PATH     the store (default: $HALODB_DB, else ./halodb.db)\n";

static const char hosts_rename_usage[] =
	HOSTS_RENAME_SYNOPSIS "\n" HOSTS_RENAME_HELP;
static const char hosts_merge_usage[] =
	HOSTS_MERGE_SYNOPSIS "\n" HOSTS_MERGE_HELP;
static const char hosts_set_usage[] =
	HOSTS_SET_SYNOPSIS "\n" HOSTS_SET_HELP;

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

/* Prints text from column indent on, in lines that end by column 79;
 * the first line starts at column `at` (where the caller's cursor is). */
static void print_wrapped(FILE *f, const char *text, int indent, int at)
{
	const char *p = text;

	while (*p) {
		int room = 79 - at, n = (int)strlen(p);

		if (n > room) {
			/* the last space that fits; a longer word goes whole */
			for (n = room; n > 0 && p[n] != ' '; n--)
				;
			if (n == 0)
				n = (int)strcspn(p, " ");
		}
		fprintf(f, "%.*s\n", n, p);
		p += n;
		while (*p == ' ')
			p++;
		if (*p)
			fprintf(f, "%*s", indent, "");
		at = indent;
	}
}

/*
 * sql --schema: the views' columns as README.md documents them
 * (hdb_view_docs).  For people, each view with what a row is and its
 * columns, the meanings wrapped; in another format, a row per column.
 */
static int print_schema(enum hdb_out_format fmt)
{
	const struct hdb_view_doc *d;
	struct hdb_table t;

	if (fmt == HDB_OUT_TABLE) {
		for (d = hdb_view_docs; d->view; d++) {
			if (!d->columns) {
				fprintf(stdout, "%s%s: ", d == hdb_view_docs ?
					"" : "\n", d->view);
				print_wrapped(stdout, d->meaning, 2,
					      (int)strlen(d->view) + 2);
			} else if (strlen(d->columns) <= 13) {
				printf("  %-14s ", d->columns);
				print_wrapped(stdout, d->meaning, 17, 17);
			} else {
				printf("  %s\n%17s", d->columns, "");
				print_wrapped(stdout, d->meaning, 17, 17);
			}
		}
		return HDB_EXIT_OK;
	}
	hdb_table_init(&t, 3);
	hdb_table_set_col(&t, 0, "view", NULL);
	hdb_table_set_col(&t, 1, "column", NULL);
	hdb_table_set_col(&t, 2, "meaning", NULL);
	for (d = hdb_view_docs; d->view; d++) {
		const char *p = d->columns;

		while (p && *p) {
			size_t n = strcspn(p, ",");
			struct hdb_cell *row = hdb_table_add_row(&t);
			char *name = xstrndup(p, n);

			hdb_cell_set_text(&row[0], d->view);
			hdb_cell_set_text(&row[1], name);
			hdb_cell_set_text(&row[2], d->meaning);
			free(name);
			p += n;
			while (*p == ',' || *p == ' ')
				p++;
		}
	}
	return print_table(&t, fmt);
}

static int cmd_sql(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "schema", no_argument, NULL, OPT_SCHEMA },
		{ "db", required_argument, NULL, OPT_DB },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum hdb_out_format fmt = HDB_OUT_TABLE;
	struct hdb_cursor *cur;
	struct hdb_table t;
	int c, rc, schema = 0;

	while ((c = next_opt(cli, argc, argv, opts)) != -1) {
		if (c == '?')
			return HDB_EXIT_USAGE;
		if (c == OPT_SCHEMA)
			schema = 1;
		else if (c == OPT_FORMAT && hdb_out_format_parse(optarg, &fmt))
			return usage_error(cli->cmd, "--format: %s",
					   hdb_errmsg());
	}
	if (schema && argc - optind)
		return usage_error(cli->cmd, "sql: --schema takes no QUERY, "
				   "got '%s'", argv[optind]);
	if (schema)
		return print_schema(fmt);
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

/* Ends an edit's transaction: commits after ok (rc 0), else rolls
 * back; returns the exit status. */
static int end_edit(struct cli *cli, int rc)
{
	if (!rc && !hdb_store_commit(cli->st))
		return HDB_EXIT_OK;
	hdb_store_rollback(cli->st);
	return fail();
}

static int hosts_rename(struct cli *cli, char **args)
{
	if (hdb_store_check_host_name("hosts rename", args[1]))
		return usage_error(cli->cmd, "%s", hdb_errmsg());
	if (open_store_write(cli) || hdb_store_begin(cli->st))
		return fail();
	if (hdb_store_rename_host(cli->st, args[0], args[1]))
		return end_edit(cli, -1);
	printf("renamed host '%s' to '%s'\n", args[0], args[1]);
	return end_edit(cli, 0);
}

static int hosts_merge(struct cli *cli, char **args)
{
	struct hdb_host_merge m;
	char *words;
	size_t i;
	int rc;

	if (open_store_write(cli) || hdb_store_begin(cli->st))
		return fail();
	rc = hdb_store_merge_host(cli->st, args[0], args[1], &m);
	if (!rc) {
		words = hdb_host_merge_words(args[0], args[1], &m);
		printf("%s\n", words);
		free(words);
		for (i = 0; i < m.n_conflicts; i++)
			fprintf(stderr, "halodb: warning: '%s' keeps %s='%s' "
				"('%s' had '%s')\n", args[1],
				m.conflicts[i].key, m.conflicts[i].kept,
				args[0], m.conflicts[i].dropped);
	}
	hdb_host_merge_release(&m);
	return end_edit(cli, rc);
}

static int hosts_set(struct cli *cli, const char *host, char **args, int n)
{
	struct hdb_host_fact *facts = xcalloc((size_t)n, sizeof(*facts));
	int i, rc = HDB_EXIT_USAGE;

	for (i = 0; i < n; i++) {
		char *eq = strchr(args[i], '=');

		if (!eq || eq == args[i]) {
			usage_error(cli->cmd, "hosts set: '%s': expected "
				    "KEY=VALUE (KEY= removes the fact)",
				    args[i]);
			goto out;
		}
		*eq = '\0';
		facts[i].key = args[i];
		facts[i].value = eq + 1;
		if (hdb_store_check_host_fact("hosts set", facts[i].key,
					      facts[i].value)) {
			usage_error(cli->cmd, "%s", hdb_errmsg());
			goto out;
		}
	}
	if (open_store_write(cli) || hdb_store_begin(cli->st)) {
		rc = fail();
		goto out;
	}
	if (hdb_store_set_host_facts(cli->st, host, facts, (size_t)n)) {
		rc = end_edit(cli, -1);
		goto out;
	}
	for (i = 0; i < n; i++) {
		const struct hdb_host_fact *f = &facts[i];

		printf("host '%s': ", host);
		if (!*f->value && !f->was)
			printf("no %s to remove\n", f->key);
		else if (!*f->value)
			printf("%s removed (was '%s')\n", f->key, f->was);
		else if (f->was && !strcmp(f->was, f->value))
			printf("%s is '%s' already\n", f->key, f->value);
		else if (f->was)
			printf("%s set to '%s' (was '%s')\n", f->key, f->value,
			       f->was);
		else
			printf("%s set to '%s'\n", f->key, f->value);
	}
	rc = end_edit(cli, 0);
out:
	hdb_host_facts_release(facts, (size_t)n);
	free(facts);
	return rc;
}

/* hosts rename|merge|set: argv[0] is the subcommand. */
static int cmd_hosts_edit(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct {
		const char *name, *usage, *expected;
		int n_args;		/* -2: two or more */
	} subs[] = {
		{ "rename", hosts_rename_usage, "OLD and NEW", 2 },
		{ "merge", hosts_merge_usage, "FROM and INTO", 2 },
		{ "set", hosts_set_usage, "NAME and at least one KEY=VALUE",
		  -2 },
	};
	struct cmd sub = *cli->cmd;
	char name[32];
	size_t k;
	int c, n;

	for (k = 0; strcmp(subs[k].name, argv[0]); k++)
		;
	snprintf(name, sizeof(name), "hosts %s", subs[k].name);
	sub.name = name;
	sub.usage = subs[k].usage;
	cli->cmd = &sub;
	while ((c = next_opt(cli, argc, argv, opts)) != -1)
		if (c == '?')
			return HDB_EXIT_USAGE;
	argv += optind;
	n = argc - optind;
	if (subs[k].n_args > 0 ? n != subs[k].n_args : n < -subs[k].n_args)
		return usage_error(cli->cmd, "%s: expected %s, got %d "
				   "argument%s", name, subs[k].expected, n,
				   n == 1 ? "" : "s");
	if (!strcmp(subs[k].name, "rename"))
		return hosts_rename(cli, argv);
	if (!strcmp(subs[k].name, "merge"))
		return hosts_merge(cli, argv);
	return hosts_set(cli, argv[0], argv + 1, n - 1);
}

static int cmd_hosts(struct cli *cli, int argc, char **argv)
{
	enum hdb_out_format fmt;
	struct hdb_table t;
	int rc;

	if (argc >= 2 && (!strcmp(argv[1], "rename") ||
			  !strcmp(argv[1], "merge") || !strcmp(argv[1], "set")))
		return cmd_hosts_edit(cli, argc - 1, argv + 1);
	rc = parse_format_opts(cli, argc, argv, &fmt);
	if (rc)
		return rc;
	if (optind != argc)
		return usage_error(cli->cmd, "hosts: unexpected argument '%s' "
				   "(rename, merge or set, or nothing to list "
				   "the hosts)", argv[optind]);
	if (open_store(cli) || hdb_query_hosts(hdb_store_sqlite(cli->st), &t))
		return fail();
	return print_table(&t, fmt);
}

/* ---- query -------------------------------------------------------------- */

/* The options a query may take, as bits of query_def.opts. */
enum {
	QO_NUM = 1u << 0, QO_DEN = 1u << 1, QO_A = 1u << 2, QO_B = 1u << 3,
	QO_HOST = 1u << 4, QO_HOSTS = 1u << 5, QO_MODEL = 1u << 6,
	QO_QUANT = 1u << 7, QO_TEST = 1u << 8, QO_BENCHMARK = 1u << 9,
	QO_REFERENCE = 1u << 10, QO_NOISE = 1u << 11, QO_CV = 1u << 12,
};

static const struct option query_options[] = {
	{ "num", required_argument, NULL, OPT_NUM },
	{ "den", required_argument, NULL, OPT_DEN },
	{ "a", required_argument, NULL, OPT_A },
	{ "b", required_argument, NULL, OPT_B },
	{ "host", required_argument, NULL, OPT_HOST },
	{ "hosts", required_argument, NULL, OPT_HOSTS },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "quant", required_argument, NULL, OPT_QUANT },
	{ "test", required_argument, NULL, OPT_TEST },
	{ "benchmark", required_argument, NULL, OPT_BENCHMARK },
	{ "reference", required_argument, NULL, OPT_REFERENCE },
	{ "noise", required_argument, NULL, OPT_NOISE },
	{ "cv", required_argument, NULL, OPT_CV },
};
#define N_QUERY_OPTIONS (sizeof(query_options) / sizeof(query_options[0]))

#define SELECTOR_HELP \
	"SEL is a host name, or key=value[,key=value...] over host, backend,\n" \
	"build (commit prefix or build number), model, quant, kv (TYPE, or K/V\n" \
	"when they differ), fa, ngl, ubatch, threads, variant (as ingested\n" \
	"with --variant; '-' for runs without one).\n"
#define COMMON_HELP \
	"  --format FMT  table (the default), csv, json, md\n" \
	"  --db PATH     the store (default: $HALODB_DB, else ./halodb.db)\n"

struct query_def {
	const char *name;
	int (*fn)(struct sqlite3 *db, const struct hdb_query_opts *o,
		  struct hdb_table *out);
	/* the same, its rows shown as they come (NULL: all at the end) */
	int (*streamed)(struct sqlite3 *db, const struct hdb_query_opts *o,
			struct hdb_table *out, const struct hdb_sink *sink);
	unsigned opts;
	const char *summary;
	const char *usage;
};

static const struct query_def queries[] = {
	{ "ratio", hdb_query_ratio, NULL,
	  QO_NUM | QO_DEN | QO_MODEL | QO_QUANT | QO_TEST | QO_NOISE,
	  "num/den tokens/s per model, quant, test and depth, with a verdict",
	  "halodb query ratio --num SEL --den SEL [--test T] [--model M]\n"
	  "                   [--quant Q] [--noise F] [--format FMT] [--db PATH]\n"
	  "\n"
	  "One row per model, quant, test and depth that both sides measured:\n"
	  "both means, num/den with a 95% interval, the p-values of Welch's t\n"
	  "test and of the Mann-Whitney U test, and a verdict: 'num faster',\n"
	  "'den faster', 'within noise' or 'too few repetitions'; a run that\n"
	  "did not finish says so ('den crashed').  'differs' names every way\n"
	  "the two rows differ besides the selectors.\n"
	  "\n"
	  SELECTOR_HELP
	  "\n"
	  "  --num SEL     the numerator side\n"
	  "  --den SEL     the denominator side\n"
	  "  --test T      only this test (pp512, tg128, ...)\n"
	  "  --model M     only this model (name or file)\n"
	  "  --quant Q     only this quant\n"
	  "  --noise F     faster only beyond 1 +- F (default 0.02)\n"
	  COMMON_HELP },
	{ "crossover", hdb_query_crossover, NULL,
	  QO_A | QO_B | QO_MODEL | QO_QUANT | QO_TEST | QO_NOISE,
	  "the depth where the faster of two sides changes",
	  "halodb query crossover --a SEL --b SEL [--test T] [--model M]\n"
	  "                       [--quant Q] [--noise F] [--format FMT]\n"
	  "                       [--db PATH]\n"
	  "\n"
	  "Per model, quant and test: where along depth the faster side\n"
	  "changes, between which measured depths, an estimate interpolated\n"
	  "in log ratio over log2(depth), and whether the ratio on each side\n"
	  "of it is beyond noise; else which side is faster at every depth.\n"
	  "\n"
	  SELECTOR_HELP
	  "\n"
	  "  --a SEL       one side\n"
	  "  --b SEL       the other side\n"
	  "  --test T      only this test (pp512, tg128, ...)\n"
	  "  --model M     only this model\n"
	  "  --quant Q     only this quant\n"
	  "  --noise F     beyond noise means beyond 1 +- F (default 0.02)\n"
	  COMMON_HELP },
	{ "degradation", hdb_query_degradation, hdb_query_degradation_sink,
	  QO_HOST | QO_MODEL | QO_QUANT | QO_TEST | QO_NOISE,
	  "the change in tokens/s from depth 0 to each measured depth",
	  "halodb query degradation [--host SEL] [--test T] [--model M]\n"
	  "                         [--quant Q] [--noise F] [--format FMT]\n"
	  "                         [--db PATH]\n"
	  "\n"
	  "Per host, model and configuration: the change from depth 0 to each\n"
	  "measured depth in percent, with a 95% interval and a verdict.\n"
	  "\n"
	  SELECTOR_HELP
	  "\n"
	  "  --host SEL    only the rows this selects\n"
	  "  --test T      only this test (pp512, tg128, ...)\n"
	  "  --model M     only this model\n"
	  "  --quant Q     only this quant\n"
	  "  --noise F     a change within +- F is noise (default 0.02)\n"
	  COMMON_HELP },
	{ "noise", hdb_query_noise, hdb_query_noise_sink,
	  QO_HOST | QO_MODEL | QO_QUANT | QO_TEST | QO_CV,
	  "repetitions, spread and warnings of every measurement",
	  "halodb query noise [--host SEL] [--model M] [--quant Q] [--test T]\n"
	  "                   [--cv F] [--format FMT] [--db PATH]\n"
	  "\n"
	  "Per measurement: n, mean, stddev, CV, min, median, max, a 95%\n"
	  "interval for the mean, and flags: 'too few repetitions' (under 6),\n"
	  "'high cv' (over --cv), 'warm-up' (the first repetition far from\n"
	  "the rest).\n"
	  "\n"
	  SELECTOR_HELP
	  "\n"
	  "  --host SEL    only the rows this selects\n"
	  "  --model M     only this model\n"
	  "  --quant Q     only this quant\n"
	  "  --test T      only this test\n"
	  "  --cv F        a CV above F is flagged (default 0.05)\n"
	  COMMON_HELP },
	{ "quality", hdb_query_quality, NULL,
	  QO_A | QO_B | QO_MODEL | QO_BENCHMARK | QO_REFERENCE,
	  "pass rates with Wilson intervals, compared with a verdict",
	  "halodb query quality [--benchmark B] [--model M] [--a SEL --b SEL]\n"
	  "                     [--reference MODEL] [--format FMT] [--db PATH]\n"
	  "\n"
	  "Every quality row with a Wilson 95% interval for its pass rate,\n"
	  "compared with the best row of the same benchmark, metric and model\n"
	  "(or the --a rows with the --b rows): McNemar's exact test where\n"
	  "both have the same items, else a two-proportion test; the\n"
	  "difference with its interval, the smallest difference detectable\n"
	  "at that n, and a verdict ('a better', 'b better', 'within noise').\n"
	  "\n"
	  "SEL is a host name, or key=value[,key=value...] over host, backend,\n"
	  "build, model, quant, kv, variant.\n"
	  "\n"
	  "  --benchmark B      only this benchmark\n"
	  "  --model M          only this model\n"
	  "  --a SEL, --b SEL   compare these two sides\n"
	  "  --reference MODEL  compare with this reference_score model\n"
	  COMMON_HELP },
	{ "speed", hdb_query_speed, NULL,
	  QO_HOSTS | QO_MODEL | QO_QUANT | QO_NOISE,
	  "pp512 and tg128 at depth 0, a column per host",
	  "halodb query speed [--hosts A,B] [--model M] [--quant Q] [--noise F]\n"
	  "                   [--format FMT] [--db PATH]\n"
	  "\n"
	  "pp512 and tg128 tokens/s at depth 0 per model and quant, a column\n"
	  "per host; with --hosts A,B only those two, with the ratio A/B and\n"
	  "its verdict.\n"
	  "\n"
	  "  --hosts A,B   two hosts, and the ratio A/B\n"
	  "  --model M     only this model\n"
	  "  --quant Q     only this quant\n"
	  "  --noise F     faster only beyond 1 +- F (default 0.02)\n"
	  COMMON_HELP },
	{ "depth", hdb_query_depth, NULL,
	  QO_HOSTS | QO_MODEL | QO_QUANT | QO_NOISE,
	  "tokens/s at each depth per model and host, with ratio",
	  "halodb query depth [--hosts A,B] [--model M] [--quant Q] [--noise F]\n"
	  "                   [--format FMT] [--db PATH]\n"
	  "\n"
	  "Per model and quant: pp and tg tokens/s at each measured depth, a\n"
	  "column per host; with --hosts A,B only those two, with the ratio A/B\n"
	  "and its verdict.\n"
	  "\n"
	  "  --hosts A,B   two hosts, and the ratio A/B\n"
	  "  --model M     only this model\n"
	  "  --quant Q     only this quant\n"
	  "  --noise F     faster only beyond 1 +- F (default 0.02)\n"
	  COMMON_HELP },
};
#define N_QUERIES (sizeof(queries) / sizeof(queries[0]))

static const char query_usage[] =
	"halodb query NAME [options] [--format table|csv|json|md] [--db PATH]\n"
	"\n"
	"Runs a named computation on the store (see 'halodb query NAME\n"
	"--help' and README.md for its columns and method):\n"
	"\n"
	"  ratio        num/den tokens/s per model, quant, test and depth\n"
	"  crossover    the depth where the faster of two sides changes\n"
	"  degradation  the change in tokens/s from depth 0 to each depth\n"
	"  noise        repetitions, spread and warnings of each measurement\n"
	"  quality      pass rates with Wilson intervals, compared\n"
	"  speed        pp512 and tg128 at depth 0, a column per host\n"
	"  depth        tokens/s at each depth per model and host\n"
	"\n"
	COMMON_HELP;

/* A fraction for --noise or --cv; 0, or -1 after the usage error. */
static int parse_fraction(const struct cmd *c, const char *opt,
			  const char *v, double lo, double hi, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(v, &end);
	if (end == v || *end || errno || !(*out >= lo && *out < hi)) {
		usage_error(c, "%s: expected a fraction in [%g, %g), got '%s'",
			    opt, lo, hi, v);
		return -1;
	}
	return 0;
}

/* Appends the options of query_options[] in mask (QO_*) to opts;
 * returns how many. */
static size_t add_query_options(struct option *opts, unsigned mask)
{
	size_t i, n = 0;

	for (i = 0; i < N_QUERY_OPTIONS; i++)
		if (mask & (1u << i))
			opts[n++] = query_options[i];
	return n;
}

/*
 * Keeps the value of query option c in o: 1 when c is one, 0 when it is
 * not, -1 after a usage error (a --noise or --cv out of range).
 */
static int set_query_option(const struct cmd *cmd, int c,
			    struct hdb_query_opts *o)
{
	switch (c) {
	case OPT_NUM: o->num = optarg; return 1;
	case OPT_DEN: o->den = optarg; return 1;
	case OPT_A: o->a = optarg; return 1;
	case OPT_B: o->b = optarg; return 1;
	case OPT_HOST: o->host = optarg; return 1;
	case OPT_HOSTS: o->hosts = optarg; return 1;
	case OPT_MODEL: o->model = optarg; return 1;
	case OPT_QUANT: o->quant = optarg; return 1;
	case OPT_TEST: o->test = optarg; return 1;
	case OPT_BENCHMARK: o->benchmark = optarg; return 1;
	case OPT_REFERENCE: o->reference = optarg; return 1;
	case OPT_NOISE:
		return parse_fraction(cmd, "--noise", optarg, 0, 1, &o->noise)
		       ? -1 : 1;
	case OPT_CV:
		return parse_fraction(cmd, "--cv", optarg, 0, 10, &o->cv)
		       ? -1 : 1;
	}
	return 0;
}

static int stream_sink_rows(void *ctx, const struct hdb_table *t)
{
	return hdb_stream_rows(ctx, t);
}

/* Runs a query that streams: its rows are printed a window at a time as
 * it computes them, so a result of any size takes bounded memory. */
static int print_streamed(struct cli *cli, const struct query_def *q,
			  const struct hdb_query_opts *o,
			  enum hdb_out_format fmt)
{
	struct hdb_stream *s = hdb_stream_new(stdout, fmt, stdout_flags());
	struct hdb_sink sink = { stream_sink_rows, s };
	struct hdb_table t;
	int rc = -1;

	if (q->streamed(hdb_store_sqlite(cli->st), o, &t, &sink))
		goto out;
	/* as print_table: the table format says it in place of the rows */
	if (!t.n_rows && t.empty && fmt != HDB_OUT_TABLE)
		fprintf(stderr, "halodb: %s\n", t.empty);
	rc = hdb_stream_end(s, &t);
out:
	hdb_table_release(&t);
	hdb_stream_free(s);
	return rc ? fail() : HDB_EXIT_OK;
}

static int cmd_query(struct cli *cli, int argc, char **argv)
{
	struct option opts[N_QUERY_OPTIONS + 4];
	const struct query_def *q = NULL;
	struct hdb_query_opts o;
	enum hdb_out_format fmt = HDB_OUT_TABLE;
	struct cmd qcmd;
	char name[64];
	struct hdb_table t;
	size_t i, n = 0;
	int c, k;

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		print_usage(stdout, cli->cmd);
		return HDB_EXIT_OK;
	}
	if (argc < 2 || argv[1][0] == '-')
		return usage_error(cli->cmd, "query: expected a query name "
				   "(ratio, crossover, degradation, noise, "
				   "quality, speed, depth)");
	for (i = 0; i < N_QUERIES; i++)
		if (!strcmp(queries[i].name, argv[1]))
			q = &queries[i];
	if (!q)
		return usage_error(cli->cmd, "query: no query named '%s' (ratio, "
				   "crossover, degradation, noise, quality, "
				   "speed, depth)", argv[1]);
	snprintf(name, sizeof(name), "query %s", q->name);
	qcmd = *cli->cmd;
	qcmd.name = name;
	qcmd.usage = q->usage;
	cli->cmd = &qcmd;
	n = add_query_options(opts, q->opts);
	opts[n++] = (struct option){ "format", required_argument, NULL,
				     OPT_FORMAT };
	opts[n++] = (struct option){ "db", required_argument, NULL, OPT_DB };
	opts[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	opts[n] = (struct option){ NULL, 0, NULL, 0 };

	hdb_query_opts_init(&o);
	while ((c = next_opt(cli, argc - 1, argv + 1, opts)) != -1) {
		if (c == '?' || (k = set_query_option(cli->cmd, c, &o)) < 0)
			return HDB_EXIT_USAGE;
		if (!k && c == OPT_FORMAT && hdb_out_format_parse(optarg, &fmt))
			return usage_error(cli->cmd, "--format: %s",
					   hdb_errmsg());
	}
	if (optind + 1 != argc)
		return usage_error(cli->cmd, "%s: unexpected argument '%s'",
				   name, argv[optind + 1]);
	if (((q->opts & QO_NUM) && (!o.num || !o.den)))
		return usage_error(cli->cmd, "%s: expected --num SEL and "
				   "--den SEL", name);
	if ((q->opts & QO_A) && !(q->opts & QO_BENCHMARK) && (!o.a || !o.b))
		return usage_error(cli->cmd, "%s: expected --a SEL and --b SEL",
				   name);
	if ((q->opts & QO_BENCHMARK) && !o.a != !o.b)
		return usage_error(cli->cmd, "%s: --a and --b go together",
				   name);
	if (o.reference && o.a)
		return usage_error(cli->cmd, "%s: --reference compares every "
				   "row with a published score; it does not go "
				   "with --a and --b", name);
	if (open_store(cli))
		return fail();
	if (q->streamed)
		return print_streamed(cli, q, &o, fmt);
	if (q->fn(hdb_store_sqlite(cli->st), &o, &t))
		return fail();
	/* the table format says it in place of the rows; the others, which
	 * a program reads, keep stdout to the format */
	if (!t.n_rows && t.empty && fmt != HDB_OUT_TABLE)
		fprintf(stderr, "halodb: %s\n", t.empty);
	return print_table(&t, fmt);
}

/* ---- models ------------------------------------------------------------- */

#define MODELS_SYNOPSIS \
	"halodb models [--format table|csv|json|md] [--db PATH]\n"
#define MODELS_ALIAS_SYNOPSIS \
	"halodb models alias NAME [LABEL...] [--file GLOB]... [--db PATH]\n"
#define MODELS_UNALIAS_SYNOPSIS \
	"halodb models unalias [LABEL...] [--file GLOB]... [--db PATH]\n"
#define MODELS_HELP \
	"\n" \
	"Lists the models of the store: a row per name and label (the rows of\n" \
	"one name together), how many rows of throughput, server_timing,\n" \
	"quality and reference_score have them, and the model files behind\n" \
	"the throughput and server_timing rows.  A row's name is its alias,\n" \
	"else its label; queries and the report compare and show models by\n" \
	"name, so that speed and quality of one model meet in one row.\n" \
	"\n" \
	"alias gives NAME to each LABEL (a label of the store; a label that\n" \
	"has an alias gets the new one) and to every model file matching a\n" \
	"GLOB ('Qwen3-30B-A3B-*.gguf'; * ? [...], case matters).  A LABEL that\n" \
	"is a name aliases give moves all of them to NAME.  A file pattern\n" \
	"wins over a label; among patterns, the oldest.  unalias drops the\n" \
	"alias of each LABEL, every alias giving a NAME, and each --file GLOB\n" \
	"as it was given.  Either rewrites the names of the rows concerned in\n" \
	"one transaction and records each change (halodb log); a label or\n" \
	"pattern that names nothing is an error that names the closest ones,\n" \
	"and nothing changes.\n" \
	"\n" \
	"  --file GLOB   a pattern over model file names (repeat for more)\n" \
	COMMON_HELP

static const char models_usage[] = MODELS_SYNOPSIS
	"   or: " MODELS_ALIAS_SYNOPSIS "   or: " MODELS_UNALIAS_SYNOPSIS
	MODELS_HELP;
static const char models_alias_usage[] = MODELS_ALIAS_SYNOPSIS MODELS_HELP;
static const char models_unalias_usage[] = MODELS_UNALIAS_SYNOPSIS
	MODELS_HELP;

/* 'halodb models alias ...' and 'unalias ...': argv[0] is the verb. */
static int cmd_models_edit(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "file", required_argument, NULL, OPT_FILE },
		{ "db", required_argument, NULL, OPT_DB },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int alias = !strcmp(argv[0], "alias");
	const char *name = NULL;
	const char **files = NULL;
	struct hdb_model_refs refs = { NULL, 0, NULL, 0 };
	struct hdb_models_done done;
	struct cmd sub = *cli->cmd;
	size_t i;
	int c, rc = HDB_EXIT_USAGE;

	sub.name = alias ? "models alias" : "models unalias";
	sub.usage = alias ? models_alias_usage : models_unalias_usage;
	cli->cmd = &sub;
	while ((c = next_opt(cli, argc, argv, opts)) != -1) {
		if (c == '?')
			goto out;
		if (c == OPT_FILE) {
			files = xrealloc(files, (refs.n_files + 1) *
					 sizeof(*files));
			files[refs.n_files++] = optarg;
		}
	}
	if (alias && optind < argc)
		name = argv[optind++];
	refs.labels = (const char *const *)argv + optind;
	refs.n_labels = (size_t)(argc - optind);
	refs.files = files;
	if (alias && !name) {
		usage_error(cli->cmd, "models alias: expected NAME, then LABEL "
			    "or --file GLOB");
		goto out;
	}
	if (!refs.n_labels && !refs.n_files) {
		usage_error(cli->cmd, "%s: expected a LABEL or --file GLOB",
			    sub.name);
		goto out;
	}
	if (alias && hdb_model_name_check(name)) {
		usage_error(cli->cmd, "%s", hdb_errmsg());
		goto out;
	}
	if (open_store_write(cli) ||
	    (alias ? hdb_store_models_alias(cli->st, name, &refs, &done)
		   : hdb_store_models_unalias(cli->st, &refs, &done))) {
		rc = fail();
		goto out;
	}
	for (i = 0; i < done.n; i++)
		printf("%s\n", done.lines[i]);
	if (done.n)
		printf("%lld row%s renamed\n", done.rows,
		       done.rows == 1 ? "" : "s");
	else
		printf("nothing changed\n");
	hdb_models_done_release(&done);
	rc = HDB_EXIT_OK;
out:
	free(files);
	return rc;
}

static int cmd_models(struct cli *cli, int argc, char **argv)
{
	enum hdb_out_format fmt;
	struct hdb_table t;
	int rc;

	if (argc >= 2 && (!strcmp(argv[1], "alias") ||
			  !strcmp(argv[1], "unalias")))
		return cmd_models_edit(cli, argc - 1, argv + 1);
	if ((rc = parse_format_opts(cli, argc, argv, &fmt)))
		return rc;
	if (optind != argc)
		return usage_error(cli->cmd, "models: no subcommand '%s' "
				   "(alias, unalias)", argv[optind]);
	if (open_store(cli) || hdb_query_models(hdb_store_sqlite(cli->st), &t))
		return fail();
	return print_table(&t, fmt);
}

/* ---- chart -------------------------------------------------------------- */

static const char chart_usage[] =
	"halodb chart depth|ratio|pass [options] --out FILE.svg|FILE.png\n"
	"             [--db PATH]\n"
	"\n"
	"Draws one chart of the report on its own: SVG, or PNG at twice the\n"
	"size.  When the options select several charts (one per model, quant\n"
	"and test), --id picks one; without it halodb lists their ids.\n"
	"\n"
	"halodb chart depth [--hosts A,B,...] [--model M] [--quant Q] [--test T]\n"
	"  tokens/s against depth, a line per host; with two hosts the\n"
	"  crossover\n"
	"halodb chart ratio --num SEL --den SEL [--depth D] [--model M]\n"
	"                   [--quant Q] [--test T]\n"
	"  num/den per model as bars around 1, with 95% interval whiskers\n"
	"halodb chart pass [--benchmark B] [--model M] [--reference MODEL]\n"
	"  pass rates per model and host with Wilson whiskers, beside\n"
	"  published scores\n"
	"\n"
	SELECTOR_HELP
	"\n"
	"  --hosts A,B,...    these hosts (default: every host)\n"
	"  --num SEL, --den SEL  the two sides of a ratio\n"
	"  --depth D          the depth of a ratio, in tokens (default 0)\n"
	"  --model M          only this model\n"
	"  --quant Q          only this quant\n"
	"  --test T           only this test (default: pp512 and tg128)\n"
	"  --benchmark B      only this benchmark\n"
	"  --reference MODEL  only this reference_score model\n"
	"  --noise F          beyond noise means beyond 1 +- F (default 0.02)\n"
	"  --id ID            the chart to draw when several match\n"
	"  --out FILE         where to write it: .svg or .png\n"
	"  --db PATH          the store (default: $HALODB_DB, else ./halodb.db)\n";

/* The options each kind takes, as bits of query_options (QO_*). */
static unsigned chart_opts(const char *kind)
{
	if (!strcmp(kind, "depth"))
		return QO_HOSTS | QO_MODEL | QO_QUANT | QO_TEST | QO_NOISE;
	if (!strcmp(kind, "ratio"))
		return QO_NUM | QO_DEN | QO_MODEL | QO_QUANT | QO_TEST |
		       QO_NOISE;
	if (!strcmp(kind, "pass"))
		return QO_MODEL | QO_BENCHMARK | QO_REFERENCE;
	return 0;
}

static int cmd_chart(struct cli *cli, int argc, char **argv)
{
	struct option opts[N_QUERY_OPTIONS + 7];
	struct hdb_query_opts o;
	struct hdb_chart *charts = NULL;
	const struct hdb_chart *pick = NULL;
	const char *kind, *id = NULL, *out = NULL;
	long long depth = 0;
	unsigned mask;
	size_t i, n = 0, k = 0;
	char *end;
	int c, rc;

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		print_usage(stdout, cli->cmd);
		return HDB_EXIT_OK;
	}
	if (argc < 2 || !(mask = chart_opts(argv[1])))
		return usage_error(cli->cmd, "chart: expected depth, ratio or "
				   "pass%s%s%s", argc >= 2 ? ", got '" : "",
				   argc >= 2 ? argv[1] : "",
				   argc >= 2 ? "'" : "");
	kind = argv[1];
	k = add_query_options(opts, mask);
	if (!strcmp(kind, "ratio"))
		opts[k++] = (struct option){ "depth", required_argument, NULL,
					     OPT_DEPTH };
	opts[k++] = (struct option){ "id", required_argument, NULL, OPT_ID };
	opts[k++] = (struct option){ "out", required_argument, NULL, OPT_OUT };
	opts[k++] = (struct option){ "db", required_argument, NULL, OPT_DB };
	opts[k++] = (struct option){ "help", no_argument, NULL, 'h' };
	opts[k] = (struct option){ NULL, 0, NULL, 0 };

	hdb_query_opts_init(&o);
	while ((c = next_opt(cli, argc - 1, argv + 1, opts)) != -1) {
		if (c == '?' || (rc = set_query_option(cli->cmd, c, &o)) < 0)
			return HDB_EXIT_USAGE;
		if (rc)
			continue;
		if (c == OPT_ID) {
			id = optarg;
		} else if (c == OPT_OUT) {
			out = optarg;
		} else if (c == OPT_DEPTH) {
			depth = strtoll(optarg, &end, 10);
			if (end == optarg || *end || depth < 0)
				return usage_error(cli->cmd, "--depth: expected "
						   "tokens (0 or more), got "
						   "'%s'", optarg);
		}
	}
	if (optind + 1 != argc)
		return usage_error(cli->cmd, "chart: unexpected argument '%s'",
				   argv[optind + 1]);
	if (!out || !*out)
		return usage_error(cli->cmd, "chart: expected --out FILE.svg or "
				   "FILE.png");
	if (strlen(out) < 5 || (strcasecmp(out + strlen(out) - 4, ".svg") &&
				strcasecmp(out + strlen(out) - 4, ".png")))
		return usage_error(cli->cmd, "--out: expected a name ending in "
				   "'.svg' or '.png', got '%s'", out);
	if (!strcmp(kind, "ratio") && (!o.num || !o.den))
		return usage_error(cli->cmd, "chart ratio: expected --num SEL "
				   "and --den SEL");
	if (open_store(cli))
		return fail();
	if (!strcmp(kind, "depth"))
		rc = hdb_chart_depth(hdb_store_sqlite(cli->st), &o, &charts, &n);
	else if (!strcmp(kind, "ratio"))
		rc = hdb_chart_ratio(hdb_store_sqlite(cli->st), &o, depth,
				     &charts, &n);
	else
		rc = hdb_chart_pass(hdb_store_sqlite(cli->st), &o, &charts, &n);
	if (rc)
		return fail();
	for (i = 0; i < n; i++)
		if (id ? !strcmp(charts[i].id, id) : n == 1)
			pick = &charts[i];
	if (!n) {
		hdb_charts_free(charts, n);
		hdb_error("chart %s: no data for these options", kind);
		return fail();
	}
	if (!pick) {
		fprintf(stderr, "halodb: chart %s: %s; choose one with --id:\n",
			kind, id ? "no chart with that id" : "several charts "
			"match");
		for (i = 0; i < n; i++)
			fprintf(stderr, "  %s  %s\n", charts[i].id,
				charts[i].title);
		hdb_charts_free(charts, n);
		return id ? HDB_EXIT_FAIL : HDB_EXIT_USAGE;
	}
	rc = hdb_render_chart(pick, out);
	hdb_charts_free(charts, n);
	if (rc)
		return fail();
	printf("wrote %s\n", out);
	return HDB_EXIT_OK;
}

/* ---- report ------------------------------------------------------------- */

static const char report_usage[] =
	"halodb report --out DIR [--title T] [--hosts A,B] [--model M]...\n"
	"              [--templates DIR] [--quiet] [--db PATH]\n"
	"\n"
	"Writes the report of what the store holds, section by section as the\n"
	"seed report has them (contestants, quality, local vs frontier,\n"
	"saturated benchmarks, needle in a haystack, default throughput, long\n"
	"context, runs that did not finish, notes, methodology; a section only\n"
	"when there is data for it): DIR/report.md (GitHub-flavoured\n"
	"markdown), DIR/index.html (the same, as a page), DIR/charts/*.svg and\n"
	"*.png, DIR/style.css.  Files an earlier report wrote in DIR and this\n"
	"one does not are removed; nothing else in DIR is touched.  The only\n"
	"date is that of the newest ingest, or $SOURCE_DATE_EPOCH.\n"
	"\n"
	"  --out DIR        where to write (created if missing)\n"
	"  --title T        the report's title (default: the hosts compared)\n"
	"  --hosts A,B      the two hosts compared (default: the two with most\n"
	"                   throughput results)\n"
	"  --model M        only this model (repeat for more)\n"
	"  --templates DIR  page.html, style.css and report.md to use instead\n"
	"                   of the built-in ones: each that DIR holds (README.md,\n"
	"                   \"Templates\", lists the placeholders)\n"
	"  --quiet          no progress line (it is shown only on a terminal:\n"
	"                   the section or chart being made and the time spent)\n"
	"  --db PATH        the store (default: $HALODB_DB, else ./halodb.db)\n";

static void report_section_done(void *ctx, const struct hdb_section *s)
{
	hdb_chart_ahead_add(ctx, s);
}

static int cmd_report(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, OPT_OUT },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "hosts", required_argument, NULL, OPT_HOSTS },
		{ "model", required_argument, NULL, OPT_MODEL },
		{ "templates", required_argument, NULL, OPT_TEMPLATES },
		{ "quiet", no_argument, NULL, OPT_QUIET },
		{ "db", required_argument, NULL, OPT_DB },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *templates = NULL;
	const char **models = NULL;
	struct hdb_report_opts ro;
	struct hdb_report_model m;
	struct hdb_chart_ahead *ahead = NULL;
	struct progress_line pl;
	struct hdb_progress progress = { progress_draw, &pl };
	int c, rc, quiet = 0;

	memset(&ro, 0, sizeof(ro));
	while ((c = next_opt(cli, argc, argv, opts)) != -1) {
		if (c == '?') {
			free(models);
			return HDB_EXIT_USAGE;
		}
		if (c == OPT_OUT)
			out = optarg;
		else if (c == OPT_TEMPLATES)
			templates = optarg;
		else if (c == OPT_TITLE)
			ro.title = optarg;
		else if (c == OPT_QUIET)
			quiet = 1;
		else if (c == OPT_HOSTS)
			ro.hosts = optarg;
		else if (c == OPT_MODEL) {
			models = xrealloc(models, (ro.n_models + 1) *
					  sizeof(*models));
			models[ro.n_models++] = optarg;
		}
	}
	ro.models = models;
	if (optind != argc) {
		free(models);
		return usage_error(cli->cmd, "report: unexpected argument '%s'",
				   argv[optind]);
	}
	if (!out || !*out) {
		free(models);
		return usage_error(cli->cmd, "report: expected --out DIR");
	}
	progress_start(&pl, quiet);
	ro.progress = &progress;
	if (open_store(cli)) {
		progress_end(&pl);
		free(models);
		return fail();
	}
	/* the charts of the sections done drawn while the next compute;
	 * with --templates the render checks them before any directory is
	 * made, so not ahead */
	ahead = templates ? NULL : hdb_chart_ahead_start(out, &progress);
	ro.section_done = report_section_done;
	ro.section_ctx = ahead;
	if (hdb_query_report(hdb_store_sqlite(cli->st), &ro, &m)) {
		hdb_chart_ahead_free(ahead);
		progress_end(&pl);
		free(models);
		return fail();
	}
	rc = hdb_render_report_ahead(out, templates, &m, &progress, ahead);
	hdb_chart_ahead_free(ahead);
	progress_end(&pl);
	hdb_report_model_release(&m);
	free(models);
	if (rc)
		return fail();
	printf("wrote %s/report.md and %s/index.html\n", out, out);
	return HDB_EXIT_OK;
}

/* ---- sources, forget, log ------------------------------------------------ */

static const char sources_usage[] =
	"halodb sources [--format table|csv|json|md] [--db PATH]\n"
	"\n"
	"Lists every ingested file: the path as it was given, the first 12\n"
	"digits of its sha256, its format and llama.cpp era, the rows it gave,\n"
	"the rows it also reported that another file gave first (the same run\n"
	"as JSON and markdown, a leaderboard entry two boards list: merged\n"
	"into one row), its hosts, when it was ingested and the options it\n"
	"was ingested with.\n"
	"\n"
	"  --format FMT  table (the default), csv, json, md\n"
	"  --db PATH     the store (default: $HALODB_DB, else ./halodb.db)\n";

static const char forget_usage[] =
	"halodb forget [--db PATH] PATH|SHA256...\n"
	"\n"
	"Removes ingested files from the store, with every row that came from\n"
	"them, in one transaction: all of them go or none does.  A file is\n"
	"named by its path as it was ingested (every file ingested under that\n"
	"path), by its sha256, or by a unique prefix of 8 or more digits of\n"
	"it (see 'halodb sources').  A row another file also reported stays,\n"
	"with what that file said.  Each file forgotten is recorded in\n"
	"'halodb log' and in the report's methodology.  To correct how a file\n"
	"went in, use 'halodb ingest --replace' with the right options.\n"
	"\n"
	"  --db PATH     the store (default: $HALODB_DB, else ./halodb.db)\n";

static const char log_usage[] =
	"halodb log [--format table|csv|json|md] [--db PATH]\n"
	"\n"
	"Lists every change made to the store after ingest (renamed and merged\n"
	"hosts, host facts, model aliases, forgotten and replaced files): when,\n"
	"what, and the command that made it.  The report's methodology section\n"
	"lists them too.\n"
	"\n"
	"  --format FMT  table (the default), csv, json, md\n"
	"  --db PATH     the store (default: $HALODB_DB, else ./halodb.db)\n";

/* A listing command: format options, no arguments, one table. */
static int list_command(struct cli *cli, int argc, char **argv,
			int (*fn)(struct sqlite3 *, struct hdb_table *))
{
	enum hdb_out_format fmt;
	struct hdb_table t;
	int rc = parse_format_opts(cli, argc, argv, &fmt);

	if (rc)
		return rc;
	if (optind != argc)
		return usage_error(cli->cmd, "%s: unexpected argument '%s'",
				   cli->cmd->name, argv[optind]);
	if (open_store(cli) || fn(hdb_store_sqlite(cli->st), &t))
		return fail();
	return print_table(&t, fmt);
}

static int cmd_sources(struct cli *cli, int argc, char **argv)
{
	return list_command(cli, argc, argv, hdb_query_sources);
}

static int cmd_log(struct cli *cli, int argc, char **argv)
{
	return list_command(cli, argc, argv, hdb_query_log);
}

static int cmd_forget(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct hdb_forget_counts c, total;
	long long *ids = NULL, *all = NULL;
	size_t n, n_all = 0, i, j;
	int opt, rc = HDB_EXIT_FAIL;

	while ((opt = next_opt(cli, argc, argv, opts)) != -1)
		if (opt == '?')
			return HDB_EXIT_USAGE;
	if (optind >= argc)
		return usage_error(cli->cmd, "forget: expected at least one "
				   "PATH or SHA256 (see 'halodb sources')");
	if (open_store_write(cli) || hdb_store_begin(cli->st))
		return fail();
	memset(&total, 0, sizeof(total));
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		if (hdb_store_match_sources(cli->st, argv[i], &ids, &n))
			goto out;
		/* one file named twice (by path and by hash) goes once */
		for (j = 0; j < n; j++) {
			size_t k;

			for (k = 0; k < n_all && all[k] != ids[j]; k++)
				;
			if (k < n_all)
				continue;
			all = xrealloc(all, (n_all + 1) * sizeof(*all));
			all[n_all++] = ids[j];
			if (hdb_store_forget_logged(cli->st, ids[j], "forget",
						    &c))
				goto out;
			total.removed += c.removed;
			total.kept += c.kept;
		}
		free(ids);
		ids = NULL;
	}
	if (hdb_store_commit(cli->st))
		goto out;
	printf("forgot %zu file%s: %ld row%s removed", n_all,
	       n_all == 1 ? "" : "s", total.removed,
	       total.removed == 1 ? "" : "s");
	if (total.kept)
		printf(", %ld kept with what other files reported", total.kept);
	putchar('\n');
	rc = HDB_EXIT_OK;
out:
	if (rc != HDB_EXIT_OK) {
		hdb_store_rollback(cli->st);
		rc = fail();
	}
	free(ids);
	free(all);
	return rc;
}

/* ---- doctor and --version ------------------------------------------------ */

static const char doctor_usage[] =
	"halodb doctor [--db PATH]\n"
	"\n"
	"Checks the store and says what it found: SQLite's integrity_check\n"
	"and foreign_key_check, the schema version, the rows of every table,\n"
	"and every ingested file hashed again, its path as it was given at\n"
	"ingest taken from the current directory: the files that changed or\n"
	"are missing since.  Changes nothing; a store of an older schema is\n"
	"checked as it is.  Exit status 1 when something is wrong (a damaged\n"
	"file, rows that refer to rows that are not there, a file changed or\n"
	"missing).\n"
	"\n"
	"  --db PATH     the store (default: $HALODB_DB, else ./halodb.db)\n";

/* Prints what hdb_store_doctor found and the sources hashed again;
 * returns the number of problems. */
static long print_doctor(const struct hdb_doctor *d)
{
	size_t i, width = 0;
	long problems = 0, changed = 0, missing = 0, unreadable = 0;

	printf("schema version: %lld", d->version);
	if (d->version < d->version_written)
		printf(", older than this halodb's %d (the next 'halodb "
		       "ingest' upgrades it)\n", d->version_written);
	else
		printf(" (this halodb writes %d)\n", d->version_written);
	if (d->n_integrity == 1 && !strcmp(d->integrity[0], "ok")) {
		printf("integrity_check: ok\n");
	} else {
		printf("integrity_check: %zu problem%s\n", d->n_integrity,
		       d->n_integrity == 1 ? "" : "s");
		for (i = 0; i < d->n_integrity; i++)
			printf("  %s\n", d->integrity[i]);
		problems += (long)d->n_integrity;
	}
	if (!d->n_foreign) {
		printf("foreign_key_check: ok\n");
	} else {
		printf("foreign_key_check: %zu row%s refer%s to rows that are "
		       "not there\n", d->n_foreign, d->n_foreign == 1 ? "" :
		       "s", d->n_foreign == 1 ? "s" : "");
		for (i = 0; i < d->n_foreign; i++)
			printf("  %s\n", d->foreign[i]);
		problems += (long)d->n_foreign;
	}
	for (i = 0; i < d->n_tables; i++)
		if (strlen(d->tables[i].name) > width)
			width = strlen(d->tables[i].name);
	printf("rows per table:\n");
	for (i = 0; i < d->n_tables; i++)
		printf("  %-*s %lld\n", (int)width, d->tables[i].name,
		       d->tables[i].rows);
	/* every file again, as ingest hashed it */
	for (i = 0; i < d->n_sources; i++) {
		const struct hdb_doctor_source *s = &d->sources[i];
		char hex[65], *what;

		if (access(s->path, F_OK) && errno == ENOENT) {
			missing++;
			what = xasprintf("missing: %s", s->path);
		} else if (hdb_ingest_hash(s->path, hex)) {
			unreadable++;
			what = xasprintf("unreadable: %s", hdb_errmsg());
		} else if (strcmp(hex, s->sha256)) {
			changed++;
			what = xasprintf("changed: %s (sha256 %.12s at ingest, "
					 "%.12s now)", s->path, s->sha256, hex);
		} else {
			continue;
		}
		if (changed + missing + unreadable == 1)
			printf("files changed or missing since ingest (paths "
			       "from the current directory):\n");
		printf("  %s\n", what);
		free(what);
	}
	printf("sources: %zu file%s, %zu as ingested", d->n_sources,
	       d->n_sources == 1 ? "" : "s",
	       d->n_sources - (size_t)(changed + missing + unreadable));
	if (changed)
		printf(", %ld changed", changed);
	if (missing)
		printf(", %ld missing", missing);
	if (unreadable)
		printf(", %ld unreadable", unreadable);
	putchar('\n');
	return problems + changed + missing + unreadable;
}

static int cmd_doctor(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct hdb_doctor d;
	long problems;
	int c, rc;

	while ((c = next_opt(cli, argc, argv, opts)) != -1)
		if (c == '?')
			return HDB_EXIT_USAGE;
	if (optind != argc)
		return usage_error(cli->cmd, "doctor: unexpected argument '%s'",
				   argv[optind]);
	if (hdb_store_open(cli->db_path, HDB_STORE_INSPECT, &cli->st))
		return fail();
	printf("store: %s\n", cli->db_path);
	rc = hdb_store_doctor(cli->st, &d);
	problems = print_doctor(&d);
	hdb_doctor_release(&d);
	if (rc)
		return fail();
	if (!problems) {
		printf("no problems found\n");
		return HDB_EXIT_OK;
	}
	printf("%ld problem%s found\n", problems, problems == 1 ? "" : "s");
	return HDB_EXIT_FAIL;
}

/* halodb --version: halodb's and each library's, as each room reports
 * them (run-time versions; the headers' where they differ or the
 * library cannot say). */
static void print_version(void)
{
	const struct hdb_library *(*const rooms[])(size_t *) = {
		hdb_store_libraries, hdb_ingest_libraries,
		hdb_render_libraries,
	};
	size_t r, i, n;

	printf("halodb %s\n", HALODB_VERSION);
	for (r = 0; r < sizeof(rooms) / sizeof(rooms[0]); r++) {
		const struct hdb_library *l = rooms[r](&n);

		for (i = 0; i < n; i++) {
			if (!l[i].version)
				printf("%s %s (as its headers say: the library "
				       "has no version call)\n", l[i].name,
				       l[i].built);
			else if (l[i].built && strcmp(l[i].version,
						      l[i].built))
				printf("%s %s (built with %s)\n", l[i].name,
				       l[i].version, l[i].built);
			else
				printf("%s %s\n", l[i].name, l[i].version);
		}
	}
}

/* ---- help --------------------------------------------------------------- */

static const char help_usage[] = "halodb help [COMMAND]\n";

static const struct cmd commands[] = {
	{ "ingest", cmd_ingest, NEED_DB | WRITE, ingest_usage,
	  "add result files to the store" },
	{ "run", cmd_run, NEED_DB | WRITE, run_usage,
	  "run llama-bench under a clean-bench gate and ingest it" },
	{ "sql", cmd_sql, NEED_DB, sql_usage,
	  "run a read-only SQL query on the store" },
	{ "hosts", cmd_hosts, NEED_DB, hosts_usage,
	  "list hosts; rename, merge them, set their facts" },
	{ "models", cmd_models, NEED_DB, models_usage,
	  "list model names and labels; alias and unalias them" },
	{ "query", cmd_query, NEED_DB, query_usage,
	  "compute ratios, crossovers, noise and quality intervals" },
	{ "chart", cmd_chart, NEED_DB, chart_usage,
	  "draw one chart of the report (SVG or PNG)" },
	{ "report", cmd_report, NEED_DB, report_usage,
	  "write the report (markdown and HTML)" },
	{ "sources", cmd_sources, NEED_DB, sources_usage,
	  "list the ingested files" },
	{ "forget", cmd_forget, NEED_DB | WRITE, forget_usage,
	  "remove ingested files and the rows they gave" },
	{ "log", cmd_log, NEED_DB, log_usage,
	  "list the changes made to the store after ingest" },
	{ "doctor", cmd_doctor, NEED_DB, doctor_usage,
	  "check the store and the files it came from" },
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
	struct cli cli = { NULL, NULL, NULL, NULL };
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
			print_version();
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
	cli.command = command_line(argv);
	rc = cli.cmd->fn(&cli, argc - i, argv + i);
	if (hdb_store_close(cli.st) && rc == HDB_EXIT_OK)
		rc = fail();
	free(cli.command);
	return close_stdout(rc);
}
