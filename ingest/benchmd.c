/*
 * benchmd.c: llama-bench markdown output (-o md, the default), as people
 * capture it: with stderr mixed in, wrapper banners, several runs and
 * foreign tables in one file, and runs that died.
 *
 * The file is read line by line.  A '|' line followed by a separator line
 * is a header; a header with 'test' and 't/s' columns opens a llama-bench
 * table whose rows are mapped by column name (the column set varies per
 * run) into jansson objects of strings for the shared record builder in
 * llamabench.c.  Rows wait until the 'build:' footer that closes their run
 * says which build made them.  Every other line goes to the failure
 * classifier (failure.c), so a run that died before its footer still
 * becomes a row: status oom, crashed or failed, with the line that says so.
 */
#include "parsers.h"
#include "../util.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

/* ---- lines and cells ------------------------------------------------ */

struct cell {
	const char *s;		/* trimmed, NUL-terminated */
	long col;		/* 1-based byte column in the file's line */
};

/* One line of the file, as read and as classified. */
struct line {
	long no;
	char *buf;		/* getline's buffer */
	size_t cap;
	const char *raw;	/* the line without its newline (and BOM) */
	size_t raw_len;
	struct strbuf text;	/* raw with ANSI escape sequences removed */
	long *map;		/* raw offset of each text byte, when they differ */
	size_t map_cap;
	int mapped;
	int table;		/* the first non-blank character is '|' */
	int sep;		/* a separator line: | --- | --: | */
	char *cellbuf;		/* the cells of a table line point in here */
	size_t cellbuf_cap;
	struct cell *cells;
	size_t n_cells, cells_cap;
};

static int is_blank_char(int c)
{
	return c == ' ' || c == '\t';
}

/* The 1-based column in the file of byte off of the cleaned text. */
static long line_col(const struct line *l, size_t off)
{
	return l->mapped ? l->map[off] + 1 : (long)off + 1;
}

/*
 * Removes ANSI sequences (ESC [ parameters final-byte), which distrobox
 * banners and coloured loggers put into captures, and remembers where each
 * kept byte stood so that error columns still point into the file.
 */
static void strip_ansi(struct line *l)
{
	size_t i, o = 0;

	strbuf_reset(&l->text);
	l->mapped = memchr(l->raw, 0x1b, l->raw_len) != NULL;
	if (!l->mapped) {
		strbuf_add(&l->text, l->raw, l->raw_len);
		return;
	}
	if (l->raw_len + 1 > l->map_cap) {
		l->map_cap = l->raw_len + 1;
		l->map = xrealloc(l->map, l->map_cap * sizeof(*l->map));
	}
	for (i = 0; i < l->raw_len; i++) {
		if (l->raw[i] == 0x1b) {
			if (i + 1 < l->raw_len && l->raw[i + 1] == '[') {
				for (i += 2; i < l->raw_len; i++)
					if (l->raw[i] >= 0x40 && l->raw[i] <= 0x7e)
						break;
			}
			continue;
		}
		strbuf_addch(&l->text, l->raw[i]);
		l->map[o++] = (long)i;
	}
	l->map[o] = (long)l->raw_len;
}

static void push_cell(struct line *l, char *s, char *e)
{
	while (s < e && is_blank_char(*s))
		s++;
	while (e > s && is_blank_char(e[-1]))
		e--;
	*e = '\0';
	if (l->n_cells == l->cells_cap) {
		l->cells_cap = l->cells_cap ? 2 * l->cells_cap : 16;
		l->cells = xrealloc(l->cells, l->cells_cap * sizeof(*l->cells));
	}
	l->cells[l->n_cells].s = s;
	l->cells[l->n_cells].col = line_col(l, (size_t)(s - l->cellbuf));
	l->n_cells++;
}

/*
 * Splits a table line on '|' into trimmed cells.  Never by column widths:
 * rows overflow their header, docs narrow columns by hand, and '±' is two
 * bytes.
 */
static void split_cells(struct line *l)
{
	size_t len = l->text.len;
	char *p, *end, *q;

	if (len + 1 > l->cellbuf_cap) {
		l->cellbuf_cap = len + 1;
		l->cellbuf = xrealloc(l->cellbuf, l->cellbuf_cap);
	}
	memcpy(l->cellbuf, l->text.buf, len + 1);
	l->n_cells = 0;
	end = l->cellbuf + len;
	p = strchr(l->cellbuf, '|') + 1;
	for (;;) {
		q = memchr(p, '|', (size_t)(end - p));
		if (!q) {
			char *t = p;

			/* what follows a trailing '|' is not a cell */
			while (t < end && is_blank_char(*t))
				t++;
			if (t < end)
				push_cell(l, p, end);
			return;
		}
		push_cell(l, p, q);
		p = q + 1;
	}
}

/* Every cell is :?-+:? (the line under a header). */
static int is_separator(const struct line *l)
{
	size_t i;

	if (!l->n_cells)
		return 0;
	for (i = 0; i < l->n_cells; i++) {
		const char *s = l->cells[i].s;

		if (*s == ':')
			s++;
		if (*s != '-')
			return 0;
		while (*s == '-')
			s++;
		if (*s == ':')
			s++;
		if (*s)
			return 0;
	}
	return 1;
}

static int is_blank(const struct line *l)
{
	size_t i;

	for (i = 0; i < l->text.len; i++)
		if (!is_blank_char(l->text.buf[i]))
			return 0;
	return 1;
}

struct reader {
	FILE *f;
	const char *path;
	long lineno;
};

/* Reads and classifies the next line: 1, 0 at the end, -1 on error. */
static int read_line(struct reader *rd, struct line *l)
{
	ssize_t n = hdb_readline(&l->buf, &l->cap, rd->f);
	size_t len, i;
	const char *nul;

	if (n < 0)
		return hdb_read_end(rd->f, rd->path, n, rd->lineno + 1);
	l->no = ++rd->lineno;
	len = (size_t)n;
	l->raw = l->buf;
	if (len && l->raw[len - 1] == '\n')
		len--;
	if (len && l->raw[len - 1] == '\r')
		len--;
	if (l->no == 1 && len >= 3 && !memcmp(l->raw, "\xef\xbb\xbf", 3)) {
		l->raw += 3;	/* a byte-order mark */
		len -= 3;
	}
	l->raw_len = len;
	nul = memchr(l->raw, '\0', len);
	if (nul)
		return hdb_error("%s:%ld:%ld: expected text, found a NUL byte",
				 rd->path, l->no, (long)(nul - l->raw) + 1);
	strip_ansi(l);
	for (i = 0; i < l->text.len && is_blank_char(l->text.buf[i]); i++)
		;
	l->table = i < l->text.len && l->text.buf[i] == '|';
	/* table cells are stored; other lines are noise or, made
	 * printable, an error line */
	if (l->table && hdb_check_utf8(rd->path, l->no, 1, l->raw, l->raw_len))
		return -1;
	l->sep = 0;
	l->n_cells = 0;
	if (l->table) {
		split_cells(l);
		l->sep = is_separator(l);
	}
	return 1;
}

static void line_release(struct line *l)
{
	free(l->buf);
	strbuf_release(&l->text);
	free(l->map);
	free(l->cellbuf);
	free(l->cells);
}

/* ---- cell values ------------------------------------------------------ */

/* A run of 1-18 digits at *p; advances *p. */
static int parse_digits(const char **p, long long *out)
{
	const char *s = *p;
	size_t n = 0;

	while (isdigit((unsigned char)s[n]))
		n++;
	if (n == 0 || n > 18)
		return -1;
	*out = strtoll(s, NULL, 10);
	*p = s + n;
	return 0;
}

struct test_name {
	long long n_prompt, n_gen, n_depth;
	int legacy;		/* 'pp 512': before b2843 */
	int depth;		/* '@ d8192': b5221+ */
};

/* One half of a test name: 'pp512' or, before b2843, 'pp 512'. */
static int parse_count(const char **p, const char *prefix, long long *n,
		       int *legacy)
{
	if (strncmp(*p, prefix, 2))
		return 0;
	*p += 2;
	if (**p == ' ') {
		(*p)++;
		*legacy = 1;
	}
	if (parse_digits(p, n) || *n <= 0)
		return -1;
	return 1;
}

/* 'pp512', 'tg128', 'pp512+tg128', 'pp512 @ d8192', 'pp 512'. */
static int parse_test(const char *s, struct test_name *t)
{
	const char *p = s;
	int pp, tg;

	memset(t, 0, sizeof(*t));
	pp = parse_count(&p, "pp", &t->n_prompt, &t->legacy);
	if (pp < 0)
		return -1;
	if (pp && *p == '+') {
		p++;
		if (strncmp(p, "tg", 2))
			return -1;
	}
	tg = parse_count(&p, "tg", &t->n_gen, &t->legacy);
	if (tg < 0 || (!pp && !tg))
		return -1;
	while (*p == ' ')
		p++;
	if (*p == '@') {
		for (p++; *p == ' '; p++)
			;
		if (*p++ != 'd' || parse_digits(&p, &t->n_depth))
			return -1;
		t->depth = 1;
	}
	return *p ? -1 : 0;
}

/* A decimal number such as '994.04' at *p, copied into out. */
static int parse_number(const char **p, char *out, size_t size, int *decimals)
{
	const char *s = *p, *q = s;

	while (isdigit((unsigned char)*q))
		q++;
	if (q == s)
		return -1;
	*decimals = 0;
	if (*q == '.') {
		const char *d = ++q;

		while (isdigit((unsigned char)*q))
			q++;
		if (q == d)
			return -1;
		*decimals = (int)(q - d);
	}
	if ((size_t)(q - s) >= size)
		return -1;
	memcpy(out, s, (size_t)(q - s));
	out[q - s] = '\0';
	*p = q;
	return 0;
}

struct tps {
	char mean[32], sd[32];	/* sd is "" when unknown */
	int has_pm;		/* printed as 'mean ± sd' */
	int precision;
};

/* 'mean ± sd' (also '+-' and '+/-'), or a bare mean. */
static int parse_tps(const char *s, struct tps *v)
{
	const char *p = s;
	int dec;

	memset(v, 0, sizeof(*v));
	if (parse_number(&p, v->mean, sizeof(v->mean), &v->precision))
		return -1;
	while (is_blank_char(*p))
		p++;
	if (!*p)
		return 0;
	if (!strncmp(p, "\xc2\xb1", 2) || !strncmp(p, "+-", 2))
		p += 2;
	else if (!strncmp(p, "+/-", 3))
		p += 3;
	else
		return -1;
	v->has_pm = 1;
	while (is_blank_char(*p))
		p++;
	/* a single rep's sd can come out as nan: known to be unknown */
	if (!strcmp(p, "nan") || !strcmp(p, "-nan"))
		return 0;
	if (parse_number(&p, v->sd, sizeof(v->sd), &dec))
		return -1;
	return *p ? -1 : 0;
}

static int is_integer(const char *s)
{
	const char *p = s + (*s == '-');
	long long n;

	return !parse_digits(&p, &n) && !*p;
}

/* The flash_attn value of an 'fa' cell: 0/1/-1, or the words for them. */
static const char *fa_value(const char *s)
{
	static const struct {
		const char *word, *value;
	} words[] = {
		{ "on", "1" }, { "yes", "1" }, { "true", "1" },
		{ "off", "0" }, { "no", "0" }, { "false", "0" },
		{ "auto", "-1" },
	};
	size_t i;

	if (is_integer(s))
		return s;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcasecmp(s, words[i].word))
			return words[i].value;
	return NULL;
}

/* 'build: 8cf427ff (5163)', maybe with more after it. */
static int parse_build(const char *s, char *commit, size_t size,
		       long long *number)
{
	const char *p;
	size_t n = 0;

	while (is_blank_char(*s))
		s++;
	if (strncmp(s, "build: ", 7))
		return 0;
	for (s += 7; *s == ' '; s++)
		;
	while (isxdigit((unsigned char)s[n]))
		n++;
	if (n < 7 || n > 9 || n >= size || s[n] != ' ')
		return 0;
	for (p = s + n; *p == ' '; p++)
		;
	if (*p++ != '(' || parse_digits(&p, number) || *p != ')')
		return 0;
	memcpy(commit, s, n);
	commit[n] = '\0';
	return 1;
}

/* ---- columns ---------------------------------------------------------- */

enum kind { K_STR, K_INT, K_FA, K_F16KV, K_TEST, K_TS };

/* The columns that become fields; the others stay in the row's text. */
struct field {
	const char *column, *key;
	enum kind kind;
};

static const struct field fields[] = {
	{ "model", "model_type", K_STR },
	{ "backend", "backends", K_STR },
	{ "ngl", "n_gpu_layers", K_INT },
	{ "threads", "n_threads", K_INT },
	{ "n_batch", "n_batch", K_INT },
	{ "n_ubatch", "n_ubatch", K_INT },
	{ "type_k", "type_k", K_STR },
	{ "type_v", "type_v", K_STR },
	{ "fa", "flash_attn", K_FA },
	{ "f16_kv", NULL, K_F16KV },	/* b1003-b1618, shown when 0 */
	{ "test", NULL, K_TEST },
	{ "t/s", NULL, K_TS },
};

enum {
	F_MODEL, F_BACKEND, F_NGL, F_THREADS, F_N_BATCH, F_N_UBATCH,
	F_TYPE_K, F_TYPE_V, F_FA, F_F16KV, F_TEST, F_TS,
};

static const struct field *field_named(const char *column)
{
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (!strcmp(column, fields[i].column))
			return &fields[i];
	return NULL;
}

/* ---- the parse -------------------------------------------------------- */

/* A row waiting for its run's 'build:' line. */
struct row {
	json_t *obj;
	char *raw;
	long line, col;
	int precision;
};

enum table_kind {
	T_NONE,		/* not in a table */
	T_BENCH,	/* under a llama-bench header */
	T_HEADERLESS,	/* llama-bench rows whose header scrolled off */
	T_FOREIGN,	/* some other table (llama-batched-bench, nvidia-smi) */
};

enum close_how { CLOSE_BUILD, CLOSE_NEW_RUN, CLOSE_EOF };

struct md {
	const char *path;
	const struct hdb_sink *sink;
	struct hdb_parse_info *info;
	struct hdb_bench_builder *b;
	/* the table being read */
	enum table_kind table;
	const struct field **cols;
	size_t n_cols, cols_cap;
	long header_line;
	/* the segment: what came since the last 'build:' line */
	struct row *rows;
	size_t n_rows, rows_cap;
	struct hdb_failure fail;
	struct hdb_died *run_info; /* its finished rows and other lines */
	struct hdb_sink row_sink; /* the builder's sink: notes each row */
	char *next_command;	/* a command line after the segment's table:
				 * the next run's */
	long table_line;	/* where its first llama-bench table starts */
	long header_no;		/* its llama-bench header, or 0 */
	char *header_raw;
	/* the file */
	long bench_rows, fail_records;
	int legacy, depth;
};

static void note_noise(struct md *m, const struct line *l)
{
	struct hdb_parse_info *in = m->info;
	size_t i, o = 0, max = sizeof(in->first_noise) - 4;

	if (in->noise_lines++)
		return;
	in->first_noise_line = l->no;
	for (i = 0; i < l->text.len && o < max; i++) {
		unsigned char c = (unsigned char)l->text.buf[i];

		in->first_noise[o++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	if (i < l->text.len) {
		/* do not cut a UTF-8 character in two */
		while (o && ((unsigned char)l->text.buf[i] & 0xc0) == 0x80) {
			o--;
			i--;
		}
		memcpy(in->first_noise + o, "...", 3);
		o += 3;
	}
	in->first_noise[o] = '\0';
}

static void free_rows(struct md *m)
{
	size_t i;

	for (i = 0; i < m->n_rows; i++) {
		json_decref(m->rows[i].obj);
		free(m->rows[i].raw);
	}
	m->n_rows = 0;
}

static void reset_segment(struct md *m)
{
	free_rows(m);
	memset(&m->fail, 0, sizeof(m->fail));
	hdb_died_reset(m->run_info);
	m->table_line = 0;
	m->header_no = 0;
	free(m->header_raw);
	m->header_raw = NULL;
}

/* A row the builder made: noted as a finished test of its run. */
static int on_row(void *ctx, const struct hdb_bench_record *r)
{
	struct md *m = ctx;

	hdb_died_done(m->run_info, r);
	return m->sink->bench(m->sink->ctx, r);
}

/* The one record a run that died leaves: its status and error line, and
 * what else is known of it (died.c). */
static int hand_failure(struct md *m, const char *commit, long long number)
{
	struct hdb_bench_record r;

	hdb_bench_record_init(&r);
	if (m->fail.kind != HDB_FAIL_NONE) {
		hdb_failure_record(&m->fail, &r);
	} else {
		r.status = hdb_fail_status(HDB_FAIL_FAILED);
		r.error = "the table has a header and no rows (the run stopped "
			  "before its first result)";
		r.line = m->header_no;
		r.raw = m->header_raw;
	}
	r.build_commit = commit;
	if (commit)
		r.build_number = number;
	hdb_died_fill(m->run_info, m->path, &r);
	if (m->sink->bench(m->sink->ctx, &r))
		return -1;
	m->fail_records++;
	m->info->records++;
	return 0;
}

static void set_str(json_t *obj, const char *key, const char *value)
{
	json_object_set_new(obj, key, json_string(value));
}

static void cut_off(struct md *m, enum close_how how)
{
	hdb_sink_warn(m->sink, "%s:%ld:1: warning: no 'build:' line after the "
		      "table that starts here (the run may have been cut off); "
		      "its build is unknown", m->path, m->table_line);
	if (m->info->truncated)
		return;
	m->info->truncated = 1;
	m->info->trunc_line = m->table_line;
	m->info->trunc_col = 1;
	m->info->trunc_what = how == CLOSE_EOF
		? "no 'build:' line after the last table"
		: "no 'build:' line after a table (another run started)";
}

/*
 * Ends a segment: at its 'build:' line (commit set), at the header of the
 * next run, or at the end of the file.  Hands over its rows with their
 * build, then a failure record if the run died: when it left no rows, or
 * rows without the footer a finished run prints.  A run that finished
 * leaves no failure record whatever it printed on the way.
 */
static int close_segment(struct md *m, const char *commit, long long number,
			 enum close_how how)
{
	char num[24];
	size_t i;
	int ret = -1;

	if (m->n_rows && how != CLOSE_BUILD)
		cut_off(m, how);
	snprintf(num, sizeof(num), "%lld", number);
	for (i = 0; i < m->n_rows; i++) {
		struct row *rw = &m->rows[i];

		if (commit) {
			set_str(rw->obj, "build_commit", commit);
			set_str(rw->obj, "build_number", num);
		}
		if (hdb_bench_add(m->b, rw->obj, rw->raw, rw->line, rw->col,
				  rw->precision))
			goto out;
		m->bench_rows++;
		m->info->records++;
	}
	if (m->fail.kind != HDB_FAIL_NONE ? !m->n_rows || how != CLOSE_BUILD
					  : m->header_no && !m->n_rows)
		if (hand_failure(m, commit, number))
			goto out;
	ret = 0;
out:
	reset_segment(m);
	return ret;
}

static int cell_error(const struct md *m, const struct line *l,
		      const struct cell *c, const char *what)
{
	return hdb_error("%s:%ld:%ld: expected %s, found '%s'", m->path, l->no,
			 c->col, what, c->s);
}

/* Puts one mapped cell into the row's object. */
static int put_cell(struct md *m, const struct line *l, const struct cell *c,
		    const struct field *fd, json_t *obj, int *precision)
{
	struct test_name t;
	struct tps v;
	char buf[24];
	const char *fa;
	json_t *str;

	switch (fd->kind) {
	case K_STR:
		if (!*c->s)
			return 0;
		str = json_string(c->s);
		if (!str)	/* jansson takes UTF-8 only */
			return cell_error(m, l, c, "UTF-8 text");
		json_object_set_new(obj, fd->key, str);
		return 0;
	case K_INT:
		if (!is_integer(c->s))
			return hdb_error("%s:%ld:%ld: expected an integer in the "
					 "'%s' column, found '%s'", m->path,
					 l->no, c->col, fd->column, c->s);
		set_str(obj, fd->key, c->s);
		return 0;
	case K_FA:
		fa = fa_value(c->s);
		if (!fa)
			return cell_error(m, l, c, "0, 1 or -1 in the 'fa' column");
		set_str(obj, fd->key, fa);
		return 0;
	case K_F16KV:
		if (strcmp(c->s, "0") && strcmp(c->s, "1"))
			return cell_error(m, l, c, "0 or 1 in the 'f16_kv' column");
		set_str(obj, "type_k", *c->s == '1' ? "f16" : "f32");
		set_str(obj, "type_v", *c->s == '1' ? "f16" : "f32");
		return 0;
	case K_TEST:
		if (parse_test(c->s, &t))
			return cell_error(m, l, c, "a test name such as 'pp512', "
					  "'tg128' or 'pp512 @ d4096'");
		m->legacy |= t.legacy;
		m->depth |= t.depth;
		snprintf(buf, sizeof(buf), "%lld", t.n_prompt);
		set_str(obj, "n_prompt", buf);
		snprintf(buf, sizeof(buf), "%lld", t.n_gen);
		set_str(obj, "n_gen", buf);
		snprintf(buf, sizeof(buf), "%lld", t.n_depth);
		set_str(obj, "n_depth", buf);
		return 0;
	case K_TS:
		if (parse_tps(c->s, &v))
			return cell_error(m, l, c, "tokens/s as 'mean \xc2\xb1 sd'");
		set_str(obj, "avg_ts", v.mean);
		if (v.sd[0])
			set_str(obj, "stddev_ts", v.sd);
		/* a mean printed without decimals has no way to say so
		 * (0 means full precision): claim the least there is */
		*precision = v.precision ? v.precision : 1;
		return 0;
	}
	return 0;
}

/* Maps a row's cells by cols and queues it for its run's footer. */
static int add_row(struct md *m, const struct line *l,
		   const struct field *const *cols)
{
	json_t *obj = json_object();
	struct row *rw;
	int precision = 0, k_shown = 0, v_shown = 0;
	size_t i;

	for (i = 0; i < l->n_cells; i++) {
		if (!cols[i])
			continue;
		k_shown |= cols[i] == &fields[F_TYPE_K] || cols[i]->kind == K_F16KV;
		v_shown |= cols[i] == &fields[F_TYPE_V] || cols[i]->kind == K_F16KV;
		if (put_cell(m, l, &l->cells[i], cols[i], obj, &precision)) {
			json_decref(obj);
			return -1;
		}
	}
	/* llama-bench shows type_k and type_v each only when it is not the
	 * default, so an absent column is f16 for certain */
	if (!k_shown)
		set_str(obj, "type_k", "f16");
	if (!v_shown)
		set_str(obj, "type_v", "f16");
	if (m->n_rows == m->rows_cap) {
		m->rows_cap = m->rows_cap ? 2 * m->rows_cap : 16;
		m->rows = xrealloc(m->rows, m->rows_cap * sizeof(*m->rows));
	}
	rw = &m->rows[m->n_rows++];
	rw->obj = obj;
	rw->raw = xstrndup(l->raw, l->raw_len);
	rw->line = l->no;
	rw->col = line_col(l, (size_t)(strchr(l->text.buf, '|') - l->text.buf));
	rw->precision = precision;
	return 0;
}

static int bench_row(struct md *m, const struct line *l)
{
	if (l->n_cells != m->n_cols)
		return hdb_error("%s:%ld:%ld: expected %zu cells as in the table "
				 "header on line %ld, found %zu", m->path, l->no,
				 line_col(l, (size_t)(strchr(l->text.buf, '|') -
						      l->text.buf)),
				 m->n_cols, m->header_line, l->n_cells);
	return add_row(m, l, m->cols);
}

/*
 * A table line with no header above it.  llama-bench's default columns
 * are model, size, params, backend, ngl, test, t/s, with threads for ngl
 * when the backend is CPU or BLAS; such rows are read that way.  Other
 * rows that look like results cannot be mapped; other lines are some
 * other table.  Only 'mean ± sd' counts as a result here: a bare number
 * in the last cell is common in tables that have nothing to do with us.
 */
static int headerless_row(struct md *m, const struct line *l)
{
	static const struct field *const gpu_cols[7] = {
		&fields[F_MODEL], NULL, NULL, &fields[F_BACKEND],
		&fields[F_NGL], &fields[F_TEST], &fields[F_TS],
	};
	static const struct field *const cpu_cols[7] = {
		&fields[F_MODEL], NULL, NULL, &fields[F_BACKEND],
		&fields[F_THREADS], &fields[F_TEST], &fields[F_TS],
	};
	const struct cell *c = l->cells;
	struct test_name t;
	struct tps v;

	if (!l->n_cells || parse_tps(c[l->n_cells - 1].s, &v) || !v.has_pm)
		return 0;
	if (l->n_cells != 7 || parse_test(c[5].s, &t))
		return hdb_error("%s:%ld:%ld: expected a table header before "
				 "this row", m->path, l->no,
				 line_col(l, (size_t)(strchr(l->text.buf, '|') -
						      l->text.buf)));
	if (m->table != T_HEADERLESS) {
		m->table = T_HEADERLESS;
		if (!m->table_line)
			m->table_line = l->no;
	}
	return add_row(m, l, strstr(c[3].s, "CPU") || strstr(c[3].s, "BLAS")
			     ? cpu_cols : gpu_cols);
}

static void foreign_table(struct md *m, const struct line *l)
{
	struct strbuf names = STRBUF_INIT;
	size_t i;

	for (i = 0; i < l->n_cells && i < 4; i++)
		strbuf_addf(&names, "%s%s", i ? ", " : "", l->cells[i].s);
	if (l->n_cells > 4)
		strbuf_addstr(&names, ", ...");
	hdb_sink_warn(m->sink, "%s:%ld:1: warning: skipped a table that is not "
		      "llama-bench output (columns '%s')", m->path, l->no,
		      strbuf_str(&names));
	strbuf_release(&names);
	m->table = T_FOREIGN;
}

/* A table line with a separator under it. */
static int on_header(struct md *m, const struct line *l)
{
	unsigned char seen[sizeof(fields) / sizeof(fields[0])];
	int test = 0, ts = 0;
	size_t i;

	for (i = 0; i < l->n_cells; i++) {
		test |= !strcmp(l->cells[i].s, "test");
		ts |= !strcmp(l->cells[i].s, "t/s");
	}
	if (!test || !ts) {
		foreign_table(m, l);
		return 0;
	}
	/* llama-bench prints one header per run, and 'build:' at its end:
	 * a second header means the run before died without its footer */
	if ((m->header_no || m->n_rows) &&
	    close_segment(m, NULL, 0, CLOSE_NEW_RUN))
		return -1;
	if (m->next_command) {
		hdb_died_line(m->run_info, m->next_command);
		free(m->next_command);
		m->next_command = NULL;
	}
	if (l->n_cells > m->cols_cap) {
		m->cols_cap = l->n_cells;
		m->cols = xrealloc(m->cols, m->cols_cap * sizeof(*m->cols));
	}
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < l->n_cells; i++) {
		m->cols[i] = field_named(l->cells[i].s);
		if (!m->cols[i])
			continue;
		/* a second 't/s' would silently win over the first */
		if (seen[m->cols[i] - fields]++)
			return hdb_error("%s:%ld:%ld: expected each column "
					 "once, found '%s' again", m->path,
					 l->no, l->cells[i].col,
					 l->cells[i].s);
	}
	m->n_cols = l->n_cells;
	m->header_line = l->no;
	m->table = T_BENCH;
	m->header_no = l->no;
	m->header_raw = xstrndup(l->raw, l->raw_len);
	if (!m->table_line)
		m->table_line = l->no;
	return 0;
}

static int on_line(struct md *m, const struct line *l)
{
	char commit[16];
	long long number;

	if (l->table) {
		if (l->sep || m->table == T_FOREIGN)
			return 0;
		if (m->table == T_BENCH)
			return bench_row(m, l);
		return headerless_row(m, l);
	}
	/* llama-bench tables go on past stderr lines (-v prints between
	 * rows); other tables end at the first line that is not theirs */
	if (m->table == T_FOREIGN)
		m->table = T_NONE;
	if (is_blank(l))
		return 0;
	if (parse_build(l->text.buf, commit, sizeof(commit), &number)) {
		m->table = T_NONE;
		return close_segment(m, commit, number, CLOSE_BUILD);
	}
	note_noise(m, l);
	hdb_failure_note(&m->fail, l->text.buf, l->no);
	/* a wrapper echoes a command before its run prints anything: one
	 * after a table is the next run's */
	if ((m->header_no || m->n_rows) && hdb_plan_is_command(l->text.buf)) {
		free(m->next_command);
		m->next_command = xstrdup(l->text.buf);
	} else {
		hdb_died_line(m->run_info, l->text.buf);
	}
	return 0;
}

static void set_era(struct md *m)
{
	const char *era = "";

	if (m->legacy)
		era = "before b2843 (test names 'pp 512')";
	else if (m->depth)
		era = "b5221+ (depth tests)";
	else if (m->bench_rows)
		era = "b2843+";
	snprintf(m->info->era, sizeof(m->info->era), "%s", era);
}

int hdb_parse_bench_md(FILE *f, const char *path, const struct hdb_sink *sink,
		       struct hdb_parse_info *info)
{
	struct reader rd = { f, path, 0 };
	struct line lines[2], *cur = &lines[0], *next = &lines[1], *tmp;
	struct md m;
	int have, have_next, ret = -1;

	memset(info, 0, sizeof(*info));
	info->format = HDB_FORMAT_BENCH_MD;
	memset(lines, 0, sizeof(lines));
	memset(&m, 0, sizeof(m));
	m.path = path;
	m.sink = sink;
	m.info = info;
	m.run_info = hdb_died_new();
	m.row_sink.ctx = &m;
	m.row_sink.bench = on_row;
	m.b = hdb_bench_builder_new(path, &m.row_sink);
	/* a header is known by the separator under it: look one line ahead */
	have = read_line(&rd, cur);
	while (have > 0) {
		have_next = read_line(&rd, next);
		if (have_next < 0)
			goto out;
		if (cur->table && !cur->sep && have_next && next->sep) {
			if (on_header(&m, cur))
				goto out;
			have = read_line(&rd, cur);
			continue;
		}
		if (on_line(&m, cur))
			goto out;
		tmp = cur;
		cur = next;
		next = tmp;
		have = have_next;
	}
	if (have < 0 || close_segment(&m, NULL, 0, CLOSE_EOF))
		goto out;
	if (!m.bench_rows && !m.fail_records) {
		info->not_results = 1;
		hdb_error("%s:1:1: expected a llama-bench table (a header with "
			  "'test' and 't/s' columns) or an error line, found "
			  "neither", path);
		goto out;
	}
	set_era(&m);
	ret = 0;
out:
	reset_segment(&m);
	hdb_died_free(m.run_info);
	free(m.next_command);
	free(m.rows);
	free(m.cols);
	hdb_bench_builder_free(m.b);
	line_release(&lines[0]);
	line_release(&lines[1]);
	return ret;
}
