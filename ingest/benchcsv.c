/*
 * benchcsv.c: llama-bench CSV (-o csv, parsed with libcsv) and SQL
 * (-o sql, parsed as data and never executed) into records.
 *
 * Both carry the same fields as JSON, as strings, and no per-repetition
 * values.  Each row becomes a jansson object of its header's names and is
 * handed to the shared llama-bench record builder (llamabench.c), so every
 * era's field set is mapped in one place.  Lines that are not part of the
 * output (stderr captured with 2>&1) are counted and skipped.
 */
#include "parsers.h"

#include <csv.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

struct tabular {
	const char *path;
	struct hdb_bench_builder *b;
	struct hdb_parse_info *info;
	char **cols;		/* the current header's names */
	size_t n_cols;
	/* the row being read */
	char **vals;
	size_t n_vals, cap_vals;
	int too_many;
	size_t long_field;	/* 1 + the index of a field too long, or 0 */
	long *col_pos;		/* CSV: where each field of the row starts */
	size_t cap_pos;
};

static void clear_vals(struct tabular *t)
{
	size_t i;

	for (i = 0; i < t->n_vals; i++)
		free(t->vals[i]);
	t->n_vals = 0;
	t->too_many = 0;
}

static void push_val(struct tabular *t, const char *s, size_t n)
{
	if (t->n_vals == t->cap_vals) {
		t->cap_vals = t->cap_vals ? 2 * t->cap_vals : 64;
		t->vals = xrealloc(t->vals, t->cap_vals * sizeof(*t->vals));
	}
	t->vals[t->n_vals++] = xstrndup(s ? s : "", s ? n : 0);
}

/* Makes the values just read the header. */
static void take_header(struct tabular *t)
{
	size_t i;

	for (i = 0; i < t->n_cols; i++)
		free(t->cols[i]);
	free(t->cols);
	t->cols = t->vals;
	t->n_cols = t->n_vals;
	t->vals = NULL;
	t->n_vals = t->cap_vals = 0;
}

static void note_noise(struct hdb_parse_info *in, const char *line, long lineno)
{
	if (in->noise_lines++ == 0) {
		in->first_noise_line = lineno;
		snprintf(in->first_noise, sizeof(in->first_noise), "%.40s%s",
			 line, strlen(line) > 40 ? "..." : "");
	}
}

long hdb_csv_field_col(const char *line, size_t len, size_t k)
{
	size_t i;
	int quoted = 0;

	for (i = 0; i < len && k; i++) {
		if (line[i] == '"')
			quoted = !quoted;
		else if (line[i] == ',' && !quoted)
			k--;
	}
	return (long)i + 1;
}

/* Where each field of a CSV row starts, into t->col_pos. */
static void field_cols(struct tabular *t, const char *line, size_t len)
{
	size_t i, k = 0;
	int quoted = 0;

	if (t->n_vals > t->cap_pos) {
		t->cap_pos = t->n_vals;
		t->col_pos = xrealloc(t->col_pos,
				      t->cap_pos * sizeof(*t->col_pos));
	}
	if (t->n_vals)
		t->col_pos[k++] = 1;
	for (i = 0; i < len && k < t->n_vals; i++) {
		if (line[i] == '"')
			quoted = !quoted;
		else if (line[i] == ',' && !quoted)
			t->col_pos[k++] = (long)i + 2;
	}
}

/* Text only: UTF-8 and no NUL byte (what is stored is text). */
static int check_text(const struct tabular *t, const char *line, size_t len,
		      long lineno)
{
	const char *nul = memchr(line, '\0', len);

	if (nul)
		return hdb_error("%s:%ld:%ld: expected text, found a NUL byte",
				 t->path, lineno, (long)(nul - line) + 1);
	return hdb_check_utf8(t->path, lineno, 1, line, len);
}

struct named {
	const char *name;
	size_t idx;
};

static int cmp_named(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/*
 * Each column once: a second 'avg_ts' would silently win over the first.
 * The names (at col0 in the line, comma separated) are sorted, so that a
 * header of many columns costs n log n; the first repeat in the line is
 * reported.
 */
static int check_header(const struct tabular *t, const char *names,
			size_t len, long lineno, long col0)
{
	struct named *sorted = xmalloc((t->n_cols ? t->n_cols : 1) *
				       sizeof(*sorted));
	size_t i, first = t->n_cols;
	int ret = 0;

	for (i = 0; i < t->n_cols; i++) {
		sorted[i].name = t->cols[i];
		sorted[i].idx = i;
	}
	qsort(sorted, t->n_cols, sizeof(*sorted), cmp_named);
	for (i = 1; i < t->n_cols; i++)
		if (!strcmp(sorted[i].name, sorted[i - 1].name) &&
		    sorted[i].idx < first)
			first = sorted[i].idx;
	if (first < t->n_cols)
		ret = hdb_error("%s:%ld:%ld: expected each column once, found "
				"'%s' again", t->path, lineno, col0 - 1 +
				hdb_csv_field_col(names, len, first), t->cols[first]);
	free(sorted);
	return ret;
}

/* Hands the row in t->vals over as a test record. */
static int add_row(struct tabular *t, const char *text, long line)
{
	json_t *obj;
	size_t i;
	int ret;

	if (t->n_vals != t->n_cols)
		return hdb_error("%s:%ld:1: expected %zu fields as in the "
				 "header, found %zu", t->path, line, t->n_cols,
				 t->n_vals);
	obj = json_object();
	for (i = 0; i < t->n_cols; i++)
		json_object_set_new(obj, t->cols[i], json_string(t->vals[i]));
	if (!t->info->era[0])
		hdb_bench_era(obj, t->info->era, sizeof(t->info->era));
	if (t->col_pos)
		hdb_bench_set_cols(t->b, (const char *const *)t->cols,
				   t->col_pos, t->n_cols);
	ret = hdb_bench_add(t->b, obj, text, line, 1, 0);
	json_decref(obj);
	if (!ret)
		t->info->records++;
	return ret;
}

static void release(struct tabular *t)
{
	size_t i;

	clear_vals(t);
	free(t->vals);
	free(t->col_pos);
	for (i = 0; i < t->n_cols; i++)
		free(t->cols[i]);
	free(t->cols);
	hdb_bench_builder_free(t->b);
}

/* ---- CSV ---------------------------------------------------------------- */

/* No llama-bench field comes near this; a longer one is not its output. */
#define MAX_FIELD ((size_t)1 << 20)

static void csv_field(void *s, size_t n, void *ctx)
{
	struct tabular *t = ctx;

	if (n > MAX_FIELD && !t->long_field)
		t->long_field = t->n_vals + 1;
	push_val(t, n > MAX_FIELD ? "" : s, n > MAX_FIELD ? 0 : n);
}

static void csv_row(int c, void *ctx)
{
	(void)c;
	(void)ctx;
}

/*
 * Splits one line into t->vals; llama-bench writes no quoted newlines, so
 * a line is a row, and stderr lines between rows cannot run into one.
 * *cut is set when the line ends inside a quoted field, as a line cut off
 * by a killed run does.
 */
static int csv_line(struct tabular *t, const char *line, size_t len,
		    long lineno, int *cut)
{
	struct csv_parser p;
	int ret = 0;

	clear_vals(t);
	t->long_field = 0;
	*cut = 0;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
		hdb_die("cannot set up the CSV parser");
	/* libcsv grows its field buffer by blk_size (128 bytes by default:
	 * quadratic for a long field); a field is never longer than its
	 * line, so one block of the line's length is all it needs */
	csv_set_blk_size(&p, len + 1);
	if (csv_parse(&p, line, len, csv_field, csv_row, t) != len) {
		ret = hdb_error("%s:%ld:1: expected a CSV row (%s)", t->path,
				lineno, csv_strerror(csv_error(&p)));
	} else if (csv_fini(&p, csv_field, csv_row, t)) {
		*cut = 1;
		ret = hdb_error("%s:%ld:%ld: expected '\"' to close the last "
				"field of the row", t->path, lineno,
				(long)len + 1);
	} else if (t->long_field) {
		ret = hdb_error("%s:%ld:%ld: expected a field of at most %zu "
				"MiB, found a longer one", t->path, lineno,
				hdb_csv_field_col(line, len, t->long_field - 1),
				MAX_FIELD >> 20);
	}
	csv_free(&p);
	return ret;
}

int hdb_parse_bench_csv(FILE *f, const char *path, const struct hdb_sink *sink,
			struct hdb_parse_info *info)
{
	struct tabular t;
	char *line = NULL, *pending = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0, pending_line = 0, pending_col = 0;
	int ret = -1, cut;

	memset(info, 0, sizeof(*info));
	memset(&t, 0, sizeof(t));
	info->format = HDB_FORMAT_BENCH_CSV;
	t.path = path;
	t.info = info;
	t.b = hdb_bench_builder_new(path, sink);
	while ((n = hdb_getline(&line, &cap, f)) >= 0) {
		size_t len = (size_t)n;
		const char *l = hdb_skip_bom(line, &len, ++lineno);
		int header = !strncmp(l, "build_commit,", 13);

		if (!len)
			continue;
		/* a row that broke off is the end of a killed run only when
		 * nothing follows it */
		if (pending) {
			hdb_error("%s", pending);
			goto out;
		}
		/* a header (several runs may follow one another), a row of
		 * quoted values, or a line of something else */
		if (!header && !(l[0] == '"' && t.n_cols)) {
			note_noise(info, l, lineno);
			continue;
		}
		if (check_text(&t, l, len, lineno))
			goto out;
		if (csv_line(&t, l, len, lineno, &cut) && !cut)
			goto out;
		if (header) {
			if (cut)
				goto out;
			take_header(&t);
			if (check_header(&t, l, len, lineno, 1))
				goto out;
			continue;
		}
		if (!cut && t.n_vals < t.n_cols) {
			cut = 1;
			hdb_error("%s:%ld:1: expected %zu fields as in the "
				  "header, found %zu", path, lineno, t.n_cols,
				  t.n_vals);
		}
		if (cut) {
			pending = xstrdup(hdb_errmsg());
			pending_line = lineno;
			pending_col = (long)len + 1;
			continue;
		}
		field_cols(&t, l, len);
		if (add_row(&t, l, lineno))
			goto out;
	}
	if (hdb_read_end(f, path, n, lineno + 1))
		goto out;
	if (pending && info->records) {
		info->truncated = 1;
		info->trunc_line = pending_line;
		info->trunc_col = pending_col;
		info->trunc_what = "the last row ends before its last field";
	} else if (pending) {
		hdb_error("%s", pending);
		goto out;
	}
	if (!info->records) {
		info->empty = 1;
		hdb_error("%s:%ld:1: expected llama-bench CSV rows after a "
			  "'build_commit,...' header, found none", path,
			  lineno ? lineno : 1);
		goto out;
	}
	ret = 0;
out:
	free(pending);
	free(line);
	release(&t);
	return ret;
}

/* ---- SQL ---------------------------------------------------------------- */

/* Splits 'a, b, c' (the column list) into t->vals. */
static void split_names(struct tabular *t, const char *s, size_t n)
{
	const char *end = s + n;

	clear_vals(t);
	while (s < end) {
		const char *comma = memchr(s, ',', (size_t)(end - s));
		const char *e = comma ? comma : end;

		while (s < e && *s == ' ')
			s++;
		push_val(t, s, (size_t)(e - s));
		s = comma ? comma + 1 : end;
	}
}

/*
 * Values as proper SQL literals: 'text' with '' for a quote, numbers and
 * NULL, comma separated.  Returns 0 when the whole list parses.
 */
static int sql_literals(struct tabular *t, const char *s, const char *end)
{
	struct strbuf v = STRBUF_INIT;

	clear_vals(t);
	for (;;) {
		while (s < end && *s == ' ')
			s++;
		strbuf_reset(&v);
		if (s < end && *s == '\'') {
			for (s++; s < end; s++) {
				if (*s == '\'' && s + 1 < end && s[1] == '\'')
					s++;
				else if (*s == '\'')
					break;
				strbuf_addch(&v, *s);
			}
			if (s == end)
				break;
			s++;
		} else {
			const char *e = s;

			while (e < end && *e != ',' && *e != ' ')
				e++;
			if (e == s)
				break;
			strbuf_add(&v, s, (size_t)(e - s));
			s = e;
		}
		push_val(t, strbuf_str(&v), v.len);
		while (s < end && *s == ' ')
			s++;
		if (s == end) {
			strbuf_release(&v);
			return 0;
		}
		if (*s++ != ',')
			break;
	}
	strbuf_release(&v);
	return -1;
}

/*
 * llama-bench quotes every value and escapes nothing, so a ' in a path
 * makes invalid SQL; splitting on the "', '" between values still works.
 */
static void sql_unescaped(struct tabular *t, const char *s, const char *end)
{
	clear_vals(t);
	if (s < end && *s == '\'')
		s++;
	if (end > s && end[-1] == '\'')
		end--;
	while (s <= end) {
		const char *sep = memmem(s, (size_t)(end - s), "', '", 4);
		const char *e = sep ? sep : end;

		push_val(t, s, (size_t)(e - s));
		if (!sep)
			break;
		s = sep + 4;
	}
}

/* One 'INSERT INTO <table> (<names>) VALUES (<values>);' line. */
static int sql_insert(struct tabular *t, const char *line, size_t len,
		      long lineno)
{
	const char *open = strchr(line, '('), *close, *vals, *end;

	close = open ? strstr(open, ") VALUES (") : NULL;
	if (!close)
		return hdb_error("%s:%ld:1: expected 'INSERT INTO <table> "
				 "(<columns>) VALUES (<values>);'", t->path,
				 lineno);
	split_names(t, open + 1, (size_t)(close - open - 1));
	take_header(t);
	if (check_header(t, open + 1, (size_t)(close - open - 1), lineno,
			 (long)(open + 1 - line) + 1))
		return -1;
	vals = close + strlen(") VALUES (");
	end = line + len;
	while (end > vals && (end[-1] == ' ' || end[-1] == ';'))
		end--;
	if (end == vals || end[-1] != ')')
		return hdb_error("%s:%ld:%ld: expected ');' to end the "
				 "values", t->path, lineno, (long)len + 1);
	end--;
	if (sql_literals(t, vals, end) || t->n_vals != t->n_cols)
		sql_unescaped(t, vals, end);
	return add_row(t, line, lineno);
}

int hdb_parse_bench_sql(FILE *f, const char *path, const struct hdb_sink *sink,
			struct hdb_parse_info *info)
{
	struct tabular t;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	int ret = -1, in_create = 0;
	const char *table = NULL;

	memset(info, 0, sizeof(*info));
	memset(&t, 0, sizeof(t));
	info->format = HDB_FORMAT_BENCH_SQL;
	t.path = path;
	t.info = info;
	t.b = hdb_bench_builder_new(path, sink);
	while ((n = hdb_getline(&line, &cap, f)) >= 0) {
		size_t len = (size_t)n;
		const char *l = hdb_skip_bom(line, &len, ++lineno);

		if (!strncmp(l, "CREATE TABLE IF NOT EXISTS ", 27)) {
			/* the table was renamed test -> llama_bench at b6065 */
			if (!table)
				table = strstr(l, " llama_bench ") ? "llama_bench"
								  : "test";
			in_create = 1;
		} else if (in_create) {
			in_create = strcmp(l, ");") != 0;
		} else if (!strncmp(l, "INSERT INTO ", 12)) {
			if (check_text(&t, l, len, lineno) ||
			    sql_insert(&t, l, len, lineno))
				goto out;
		} else if (len) {
			note_noise(info, l, lineno);
		}
	}
	if (hdb_read_end(f, path, n, lineno + 1))
		goto out;
	if (!info->records) {
		info->empty = 1;
		hdb_error("%s:%ld:1: expected llama-bench 'INSERT INTO' lines, "
			  "found none", path, lineno ? lineno : 1);
		goto out;
	}
	if (table) {
		size_t l = strlen(info->era);

		snprintf(info->era + l, sizeof(info->era) - l, ", table '%s'",
			 table);
	}
	ret = 0;
out:
	free(line);
	release(&t);
	return ret;
}
