/*
 * table.c: result tables as text for the CLI (halodb sql, halodb hosts):
 * aligned columns for people, CSV and JSON for programs, markdown for
 * pasting into a write-up.  Rows come a window at a time (a cursor over
 * halodb sql's statement, or one whole table), so output of any size
 * takes bounded memory.  Whatever the text holds (control characters,
 * NUL, bytes that are not UTF-8), each format stays well formed and a
 * terminal shows text, never escape sequences.
 */
#include "render.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int hdb_out_format_parse(const char *name, enum hdb_out_format *out)
{
	static const struct {
		const char *name;
		enum hdb_out_format fmt;
	} names[] = {
		{ "table", HDB_OUT_TABLE }, { "csv", HDB_OUT_CSV },
		{ "json", HDB_OUT_JSON }, { "md", HDB_OUT_MD },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i].name)) {
			*out = names[i].fmt;
			return 0;
		}
	return hdb_error("unknown format '%s': expected table, csv, json or md",
			 name);
}

/* A REAL the way SQLite's shell shows it: shortest exact-ish, with '.0'. */
static void add_real(struct strbuf *sb, double v)
{
	size_t start = sb->len;

	if (!isfinite(v)) {
		strbuf_addstr(sb, isnan(v) ? "NaN" : v > 0 ? "Inf" : "-Inf");
		return;
	}
	strbuf_add_general(sb, v, 15);
	if (!strpbrk(sb->buf + start, ".e"))
		strbuf_addstr(sb, ".0");
}

/*
 * The text of a cell as the CLI shows it (NULL shows as nothing); digits
 * is the column's display precision (hdb_table_set_digits), 0 for all.
 */
static void cell_text(struct strbuf *sb, const struct hdb_cell *c, int digits)
{
	size_t i;

	switch (c->type) {
	case HDB_CELL_NULL:
		break;
	case HDB_CELL_INT:
		strbuf_add_ll(sb, c->i);
		break;
	case HDB_CELL_REAL:
		if (digits > 0 && isfinite(c->r))
			strbuf_add_fixed(sb, c->r, digits);
		else if (digits < 0 && isfinite(c->r))
			strbuf_add_general(sb, c->r, -digits);
		else
			add_real(sb, c->r);
		break;
	case HDB_CELL_TEXT:
		strbuf_add(sb, c->s, c->len);
		break;
	case HDB_CELL_BLOB:
		strbuf_addstr(sb, "x'");
		for (i = 0; i < c->len; i++)
			strbuf_addf(sb, "%02x", (unsigned char)c->s[i]);
		strbuf_addch(sb, '\'');
		break;
	case HDB_CELL_MEASURE:
		strbuf_add_fixed(sb, c->r, 2);
		if (isfinite(c->sd)) {
			strbuf_addstr(sb, " ± ");
			strbuf_add_fixed(sb, c->sd, 2);
		}
		if (c->flags & HDB_CELL_ALTERNATIVES)
			strbuf_addstr(sb, " †");
		break;
	}
}

static int is_number(const struct hdb_cell *c)
{
	return c->type == HDB_CELL_INT || c->type == HDB_CELL_REAL ||
	       c->type == HDB_CELL_MEASURE;
}

/* C0 controls, DEL and C1 controls: what a terminal may act on. */
static int is_control(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

#define REPLACEMENT "\xef\xbf\xbd"	/* U+FFFD in UTF-8 */

/*
 * Appends s so that a terminal or a page shows it as plain text: every
 * control character (C0, DEL, C1; NUL too) becomes a space and every byte
 * that is not part of valid UTF-8 becomes U+FFFD.  The table format, the
 * markdown escaping and CSV on a terminal all go through here.
 */
static void add_printable(struct strbuf *out, const char *s, size_t n)
{
	size_t i = 0, len, run;
	unsigned cp;

	while (i < n) {
		/* a run of printable ASCII (most text) is copied as it is */
		for (run = i; run < n && (unsigned char)s[run] >= 0x20 &&
		     (unsigned char)s[run] < 0x7f; run++)
			;
		if (run > i) {
			strbuf_add(out, s + i, run - i);
			i = run;
			continue;
		}
		len = hdb_utf8_char(s + i, n - i, &cp);
		if (!len) {
			strbuf_addstr(out, REPLACEMENT);
			i++;
		} else if (is_control(cp)) {
			strbuf_addch(out, ' ');
			i += len;
		} else {
			strbuf_add(out, s + i, len);
			i += len;
		}
	}
}

/* Columns on a terminal of valid UTF-8: continuation bytes take none. */
static size_t text_width(const char *s, size_t n)
{
	size_t w = 0, i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

static void header_text(struct strbuf *sb, const struct hdb_table *t, size_t i)
{
	strbuf_addstr(sb, t->cols[i]);
	if (t->units[i])
		strbuf_addf(sb, " (%s)", t->units[i]);
}

/* The text of header or cell as the table format shows it. */
static void shown_text(struct strbuf *sb, struct strbuf *tmp,
		       const struct hdb_table *t, size_t row, size_t col,
		       int header)
{
	const struct hdb_cell *c;

	strbuf_reset(tmp);
	strbuf_reset(sb);
	if (header) {
		header_text(tmp, t, col);
		add_printable(sb, strbuf_str(tmp), tmp->len);
		return;
	}
	/* numbers and blobs show as printable text already */
	c = hdb_table_cell(t, row, col);
	if (c->type == HDB_CELL_TEXT)
		add_printable(sb, c->s, c->len);
	else
		cell_text(sb, c, t->digits[col]);
}

/* Appends n spaces. */
static void add_spaces(struct strbuf *sb, size_t n)
{
	strbuf_grow(sb, n);
	memset(sb->buf + sb->len, ' ', n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

/*
 * What the table and markdown formats must know of every row before they
 * print the first: each column's width and whether it holds numbers.
 */
struct layout {
	size_t n_cols;
	size_t *width;
	int *right;
};

static void layout_init(struct layout *lay, const struct hdb_table *t)
{
	struct strbuf sb = STRBUF_INIT, tmp = STRBUF_INIT;
	size_t i;

	lay->n_cols = t->n_cols;
	lay->width = xcalloc(t->n_cols ? t->n_cols : 1, sizeof(*lay->width));
	lay->right = xcalloc(t->n_cols ? t->n_cols : 1, sizeof(*lay->right));
	for (i = 0; i < t->n_cols; i++) {
		shown_text(&sb, &tmp, t, 0, i, 1);
		lay->width[i] = text_width(sb.buf, sb.len);
	}
	strbuf_release(&sb);
	strbuf_release(&tmp);
}

static void layout_add(struct layout *lay, const struct hdb_table *t)
{
	struct strbuf sb = STRBUF_INIT, tmp = STRBUF_INIT;
	size_t r, i, w;

	for (r = 0; r < t->n_rows; r++)
		for (i = 0; i < t->n_cols; i++) {
			const struct hdb_cell *c = hdb_table_cell(t, r, i);

			shown_text(&sb, &tmp, t, r, i, 0);
			w = text_width(strbuf_str(&sb), sb.len);
			if (w > lay->width[i])
				lay->width[i] = w;
			if (is_number(c))
				lay->right[i] = 1;
		}
	strbuf_release(&sb);
	strbuf_release(&tmp);
}

static void layout_release(struct layout *lay)
{
	free(lay->width);
	free(lay->right);
}

/* One line of the aligned table: the header (row -1), the rule (-2) or a
 * row; trailing blanks are dropped. */
static void aligned_line(struct strbuf *out, const struct hdb_table *t,
			 const struct layout *lay, long row)
{
	struct strbuf sb = STRBUF_INIT, tmp = STRBUF_INIT;
	size_t line_start = out->len, i, w, pad;

	for (i = 0; i < t->n_cols; i++) {
		if (i)
			strbuf_addstr(out, "  ");
		if (row == -2) {
			for (w = 0; w < lay->width[i]; w++)
				strbuf_addch(out, '-');
			continue;
		}
		shown_text(&sb, &tmp, t, row < 0 ? 0 : (size_t)row, i, row < 0);
		w = text_width(strbuf_str(&sb), sb.len);
		/* A second pass may meet wider text (random() and the like). */
		pad = w < lay->width[i] ? lay->width[i] - w : 0;
		if (lay->right[i])
			add_spaces(out, pad);
		strbuf_add(out, strbuf_str(&sb), sb.len);
		if (!lay->right[i])
			add_spaces(out, pad);
	}
	while (out->len > line_start && out->buf[out->len - 1] == ' ')
		out->len--;
	strbuf_addch(out, '\n');
	strbuf_release(&sb);
	strbuf_release(&tmp);
}

/*
 * Appends s as one CSV field (RFC 4180: quoted when it holds a quote, a
 * comma or a line break).  On a terminal the field is first made
 * printable like the table format, so no escape sequence reaches it;
 * piped, the bytes stay as they are.
 */
static void csv_field(struct strbuf *out, const char *s, size_t n,
		      unsigned flags)
{
	struct strbuf safe = STRBUF_INIT;
	size_t i;
	int quote = 0;

	if (flags & HDB_RENDER_TERMINAL) {
		add_printable(&safe, s, n);
		s = strbuf_str(&safe);
		n = safe.len;
	}
	for (i = 0; i < n; i++)
		if (s[i] == '"' || s[i] == ',' || s[i] == '\r' || s[i] == '\n')
			quote = 1;
	if (!quote) {
		strbuf_add(out, s, n);
	} else {
		strbuf_addch(out, '"');
		for (i = 0; i < n; i++) {
			if (s[i] == '"')
				strbuf_addch(out, '"');
			strbuf_addch(out, s[i]);
		}
		strbuf_addch(out, '"');
	}
	strbuf_release(&safe);
}

/*
 * Appends s as a JSON string that is always valid JSON (RFC 8259) and
 * plain ASCII where it matters: control characters (C0, DEL, C1) become
 * \u00XX (\n and \t stay short), U+2028 and U+2029 are escaped for
 * JavaScript, and every byte that is not part of valid UTF-8 becomes
 * \ufffd (the replacement character), one per byte.  NUL is \u0000.
 */
static void json_string(struct strbuf *out, const char *s, size_t n)
{
	size_t i = 0, len;
	unsigned cp;

	strbuf_addch(out, '"');
	while (i < n) {
		len = hdb_utf8_char(s + i, n - i, &cp);
		if (!len) {
			strbuf_addstr(out, "\\ufffd");
			len = 1;
		} else if (cp == '"' || cp == '\\') {
			strbuf_addf(out, "\\%c", (char)cp);
		} else if (cp == '\n') {
			strbuf_addstr(out, "\\n");
		} else if (cp == '\t') {
			strbuf_addstr(out, "\\t");
		} else if (is_control(cp) || cp == 0x2028 || cp == 0x2029) {
			strbuf_addf(out, "\\u%04x", cp);
		} else {
			strbuf_add(out, s + i, len);
		}
		i += len;
	}
	strbuf_addch(out, '"');
}

/* Appends n bytes of s for markdown (see hdb_md_escape). */
static void md_escape(struct strbuf *sb, const char *s, size_t n)
{
	struct strbuf safe = STRBUF_INIT;
	size_t i;

	add_printable(&safe, s, n);
	for (i = 0; i < safe.len; i++) {
		char c = safe.buf[i];

		switch (c) {
		case '<':
			strbuf_addstr(sb, "&lt;");
			break;
		case '>':
			strbuf_addstr(sb, "&gt;");
			break;
		case '&':
			strbuf_addstr(sb, "&amp;");
			break;
		case '\\': case '`': case '*': case '_': case '[': case ']':
		case '|': case '~': case '#': case '!':
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, c);
			break;
		default:
			strbuf_addch(sb, c);
			break;
		}
	}
	strbuf_release(&safe);
}

void hdb_md_escape(struct strbuf *sb, const char *s)
{
	md_escape(sb, s, strlen(s));
}

/* ---- the formats, a window of rows at a time ---------------------------- */

/*
 * Where a format writes: each window of rows is built in sb and written
 * out before the next is read, so memory holds one window.
 */
struct emit {
	FILE *out;
	enum hdb_out_format fmt;
	unsigned flags;
	struct strbuf sb;
	struct layout lay;	/* table and md */
	size_t n_rows;		/* rows so far */
};

static int needs_layout(enum hdb_out_format fmt)
{
	return fmt == HDB_OUT_TABLE || fmt == HDB_OUT_MD;
}

static int emit_flush(struct emit *e)
{
	if (e->sb.len && fwrite(e->sb.buf, 1, e->sb.len, e->out) != e->sb.len)
		return hdb_error("cannot write output: %s", strerror(errno));
	strbuf_reset(&e->sb);
	return 0;
}

/* The header; t supplies the columns, e->lay the widths. */
static void emit_head(struct emit *e, const struct hdb_table *t)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	switch (e->fmt) {
	case HDB_OUT_TABLE:
		aligned_line(&e->sb, t, &e->lay, -1);
		aligned_line(&e->sb, t, &e->lay, -2);
		break;
	case HDB_OUT_CSV:
		for (i = 0; i < t->n_cols; i++) {
			strbuf_reset(&sb);
			header_text(&sb, t, i);
			if (i)
				strbuf_addch(&e->sb, ',');
			csv_field(&e->sb, strbuf_str(&sb), sb.len, e->flags);
		}
		strbuf_addch(&e->sb, '\n');
		break;
	case HDB_OUT_JSON:
		strbuf_addch(&e->sb, '[');
		break;
	case HDB_OUT_MD:
		strbuf_addch(&e->sb, '|');
		for (i = 0; i < t->n_cols; i++) {
			strbuf_reset(&sb);
			header_text(&sb, t, i);
			strbuf_addch(&e->sb, ' ');
			md_escape(&e->sb, strbuf_str(&sb), sb.len);
			strbuf_addstr(&e->sb, " |");
		}
		strbuf_addstr(&e->sb, "\n|");
		for (i = 0; i < t->n_cols; i++)
			strbuf_addstr(&e->sb, e->lay.right[i] ? " ---: |"
				      : " --- |");
		strbuf_addch(&e->sb, '\n');
		break;
	}
	strbuf_release(&sb);
}

static void json_row(struct strbuf *out, const struct hdb_table *t, size_t r,
		     struct strbuf *sb)
{
	size_t i;

	for (i = 0; i < t->n_cols; i++) {
		const struct hdb_cell *c = hdb_table_cell(t, r, i);

		if (i)
			strbuf_addstr(out, ", ");
		json_string(out, t->cols[i], strlen(t->cols[i]));
		strbuf_addstr(out, ": ");
		if (c->type == HDB_CELL_NULL ||
		    ((c->type == HDB_CELL_REAL ||
		      c->type == HDB_CELL_MEASURE) && !isfinite(c->r))) {
			strbuf_addstr(out, "null");
		} else if (c->type == HDB_CELL_TEXT ||
			   c->type == HDB_CELL_BLOB) {
			strbuf_reset(sb);
			cell_text(sb, c, 0);
			json_string(out, strbuf_str(sb), sb->len);
		} else if (c->type == HDB_CELL_MEASURE) {
			add_real(out, c->r);
		} else {
			cell_text(out, c, 0);
		}
	}
}

/* Appends the rows of one window to e->sb. */
static void add_rows(struct emit *e, const struct hdb_table *t)
{
	struct strbuf sb = STRBUF_INIT;
	size_t r, i;

	for (r = 0; r < t->n_rows; r++, e->n_rows++) {
		switch (e->fmt) {
		case HDB_OUT_TABLE:
			aligned_line(&e->sb, t, &e->lay, (long)r);
			break;
		case HDB_OUT_CSV:
			for (i = 0; i < t->n_cols; i++) {
				strbuf_reset(&sb);
				cell_text(&sb, hdb_table_cell(t, r, i), 0);
				if (i)
					strbuf_addch(&e->sb, ',');
				csv_field(&e->sb, strbuf_str(&sb), sb.len,
					  e->flags);
			}
			strbuf_addch(&e->sb, '\n');
			break;
		case HDB_OUT_JSON:
			strbuf_addstr(&e->sb, e->n_rows ? ",\n  {" : "\n  {");
			json_row(&e->sb, t, r, &sb);
			strbuf_addch(&e->sb, '}');
			break;
		case HDB_OUT_MD:
			strbuf_addch(&e->sb, '|');
			for (i = 0; i < t->n_cols; i++) {
				strbuf_reset(&sb);
				cell_text(&sb, hdb_table_cell(t, r, i),
					  t->digits[i]);
				strbuf_addch(&e->sb, ' ');
				md_escape(&e->sb, strbuf_str(&sb), sb.len);
				strbuf_addstr(&e->sb, " |");
			}
			strbuf_addch(&e->sb, '\n');
			break;
		}
	}
	strbuf_release(&sb);
}

/* The rows of one window, then out to the file. */
static int emit_rows(struct emit *e, const struct hdb_table *t)
{
	add_rows(e, t);
	return emit_flush(e);
}

/* What follows the last row; empty says why there were none. */
static int emit_tail(struct emit *e, const char *empty)
{
	if (e->fmt == HDB_OUT_TABLE && !e->n_rows)
		strbuf_addf(&e->sb, "(%s)\n", empty ? empty : "no rows");
	else if (e->fmt == HDB_OUT_JSON)
		strbuf_addstr(&e->sb, e->n_rows ? "\n]\n" : "]\n");
	return emit_flush(e);
}

static void emit_init(struct emit *e, FILE *out, enum hdb_out_format fmt,
		      unsigned flags, const struct hdb_table *t)
{
	memset(e, 0, sizeof(*e));
	e->out = out;
	e->fmt = fmt;
	e->flags = flags;
	layout_init(&e->lay, t);
}

static void emit_release(struct emit *e)
{
	layout_release(&e->lay);
	strbuf_release(&e->sb);
}

void hdb_md_table(struct strbuf *out, const struct hdb_table *t)
{
	struct emit e;

	emit_init(&e, NULL, HDB_OUT_MD, 0, t);
	layout_add(&e.lay, t);
	emit_head(&e, t);
	add_rows(&e, t);
	strbuf_add(out, strbuf_str(&e.sb), e.sb.len);
	emit_release(&e);
}

int hdb_render_table(FILE *out, const struct hdb_table *t,
		     enum hdb_out_format fmt, unsigned flags)
{
	struct emit e;
	int ret;

	emit_init(&e, out, fmt, flags, t);
	layout_add(&e.lay, t);
	emit_head(&e, t);
	ret = emit_rows(&e, t) || emit_tail(&e, t->empty) ? -1 : 0;
	emit_release(&e);
	return ret;
}

/* A window: enough rows that a small result is printed in one pass,
 * few enough bytes that memory stays small whatever the rows hold. */
#define WINDOW_ROWS 4096
#define WINDOW_BYTES (1u << 20)

int hdb_render_cursor(FILE *out, struct hdb_cursor *c, struct hdb_table *t,
		      enum hdb_out_format fmt, unsigned flags)
{
	struct emit e;
	long n;
	int ret = -1;

	emit_init(&e, out, fmt, flags, t);
	if ((n = hdb_cursor_fetch(c, t, WINDOW_ROWS, WINDOW_BYTES)) < 0)
		goto out;
	if (needs_layout(fmt)) {
		layout_add(&e.lay, t);
		/*
		 * More than a window: a first pass reads the rest for the
		 * widths, then the rows are read again (same snapshot) and
		 * printed.  A result that fits one window is read once.
		 */
		if (!hdb_cursor_done(c)) {
			while ((n = hdb_cursor_fetch(c, t, WINDOW_ROWS,
						     WINDOW_BYTES)) > 0)
				layout_add(&e.lay, t);
			if (n < 0 || hdb_cursor_rewind(c) ||
			    (n = hdb_cursor_fetch(c, t, WINDOW_ROWS,
						  WINDOW_BYTES)) < 0)
				goto out;
		}
	}
	emit_head(&e, t);
	while (n > 0) {
		if (emit_rows(&e, t))
			goto out;
		n = hdb_cursor_fetch(c, t, WINDOW_ROWS, WINDOW_BYTES);
	}
	if (n < 0 || emit_tail(&e, t->empty))
		goto out;
	ret = 0;
out:
	emit_release(&e);
	return ret;
}

/* --- Rows handed over a window at a time (hdb_stream) --- */

struct hdb_stream {
	struct emit e;
	int started;		/* columns known: e set up */
	FILE *spool;		/* table, md: the rows until every width is
				 * known */
	char *spool_buf;	/* its stdio buffer (SPOOL_BLOCK) */
	const char *err;	/* what failed with the spool */
};

/* A cell as the spool holds it, its bytes (TEXT, BLOB) after it. */
struct spooled {
	int type, flags;
	long long i;
	double r, sd;
	size_t len;
};

struct hdb_stream *hdb_stream_new(FILE *out, enum hdb_out_format fmt,
				  unsigned flags)
{
	struct hdb_stream *s = xcalloc(1, sizeof(*s));

	s->e.out = out;
	s->e.fmt = fmt;
	s->e.flags = flags;
	return s;
}

static void stream_start(struct hdb_stream *s, const struct hdb_table *t)
{
	FILE *out = s->e.out;
	enum hdb_out_format fmt = s->e.fmt;
	unsigned flags = s->e.flags;

	emit_init(&s->e, out, fmt, flags, t);
	s->started = 1;
	if (!needs_layout(fmt))
		emit_head(&s->e, t);
}

/*
 * The table format spools each cell as it shows it, measured on the way:
 * the cell is formatted once, not once for the widths and again for the
 * line.  Shown text holds no NUL (add_printable made controls spaces),
 * so each cell is its text and a NUL: for a million rows of short cells
 * a third of the bytes that a length before each took.
 */
static int spool_shown(struct hdb_stream *s, const struct hdb_table *t)
{
	struct strbuf sb = STRBUF_INIT, tmp = STRBUF_INIT, row = STRBUF_INIT;
	size_t r, i, w;
	int ret = 0;

	for (r = 0; r < t->n_rows; r++) {
		strbuf_reset(&row);
		for (i = 0; i < t->n_cols; i++) {
			const struct hdb_cell *c = hdb_table_cell(t, r, i);

			shown_text(&sb, &tmp, t, r, i, 0);
			w = text_width(strbuf_str(&sb), sb.len);
			if (w > s->e.lay.width[i])
				s->e.lay.width[i] = w;
			if (is_number(c))
				s->e.lay.right[i] = 1;
			strbuf_add(&row, strbuf_str(&sb), sb.len + 1);
		}
		/* the spool is this thread's: no lock per row */
		if (fwrite_unlocked(row.buf, 1, row.len, s->spool) != row.len) {
			ret = hdb_error("cannot write the rows to a temporary "
					"file: %s", strerror(errno));
			break;
		}
	}
	strbuf_release(&sb);
	strbuf_release(&tmp);
	strbuf_release(&row);
	return ret;
}

/* Appends one spooled cell (text, len bytes) of column col to the line
 * being built, as aligned_line would print it. */
static void unspool_cell(struct hdb_stream *s, const char *text, size_t len,
			 size_t col)
{
	size_t w = text_width(text, len), pad;

	pad = w < s->e.lay.width[col] ? s->e.lay.width[col] - w : 0;
	if (col)
		strbuf_addstr(&s->e.sb, "  ");
	if (s->e.lay.right[col])
		add_spaces(&s->e.sb, pad);
	strbuf_add(&s->e.sb, text, len);
	if (!s->e.lay.right[col])
		add_spaces(&s->e.sb, pad);
}

/* The spool is read back this much at a time. */
#define SPOOL_BLOCK (256u << 10)

/* Prints the spooled texts of the table format as aligned_line would
 * print their cells. */
static int unspool_shown(struct hdb_stream *s, size_t n_cols)
{
	char *buf = xmalloc(SPOOL_BLOCK);
	size_t have = 0, got, col = 0, line_start = s->e.sb.len, cap;
	char *p, *end, *nul;
	int ret = -1;

	cap = SPOOL_BLOCK;
	for (;;) {
		got = fread_unlocked(buf + have, 1, cap - have, s->spool);
		have += got;
		p = buf;
		end = buf + have;
		while ((nul = memchr(p, '\0', (size_t)(end - p)))) {
			unspool_cell(s, p, (size_t)(nul - p), col);
			p = nul + 1;
			if (++col < n_cols)
				continue;
			col = 0;
			while (s->e.sb.len > line_start &&
			       s->e.sb.buf[s->e.sb.len - 1] == ' ')
				s->e.sb.len--;
			strbuf_addch(&s->e.sb, '\n');
			s->e.n_rows++;
			if (s->e.sb.len >= WINDOW_BYTES && emit_flush(&s->e))
				goto out;
			line_start = s->e.sb.len;
		}
		/* a cell cut by the block moves to the front */
		have = (size_t)(end - p);
		memmove(buf, p, have);
		if (!got)
			break;
		if (have == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
	}
	if (ferror(s->spool) || col || have) {
		hdb_error("cannot read the rows back: %s", ferror(s->spool)
			  ? strerror(errno) : "short file");
		goto out;
	}
	ret = emit_flush(&s->e);
out:
	free(buf);
	return ret;
}

static int spool_rows(struct hdb_stream *s, const struct hdb_table *t)
{
	size_t i;

	if (!s->spool) {
		if (!(s->spool = tmpfile()))
			return hdb_error("cannot create a temporary file for "
					 "the rows: %s", strerror(errno));
		/* written as it is read back, a block at a time: stdio's
		 * 4 KiB made a million rows 30,000 writes (glibc takes
		 * the size only with a buffer) */
		s->spool_buf = xmalloc(SPOOL_BLOCK);
		setvbuf(s->spool, s->spool_buf, _IOFBF, SPOOL_BLOCK);
	}
	if (s->e.fmt == HDB_OUT_TABLE)
		return spool_shown(s, t);
	for (i = 0; i < t->n_rows * t->n_cols; i++) {
		const struct hdb_cell *c = &t->cells[i];
		struct spooled x;

		memset(&x, 0, sizeof(x));
		x.type = (int)c->type;
		x.flags = c->flags;
		x.i = c->i;
		x.r = c->r;
		x.sd = c->sd;
		x.len = c->s ? c->len : 0;
		if (fwrite(&x, sizeof(x), 1, s->spool) != 1 ||
		    (x.len && fwrite(c->s, 1, x.len, s->spool) != x.len))
			return hdb_error("cannot write the rows to a temporary "
					 "file: %s", strerror(errno));
	}
	return 0;
}

int hdb_stream_rows(struct hdb_stream *s, const struct hdb_table *t)
{
	if (!s->started)
		stream_start(s, t);
	if (!needs_layout(s->e.fmt))
		return emit_rows(&s->e, t);
	if (s->e.fmt == HDB_OUT_MD)
		layout_add(&s->e.lay, t);
	return spool_rows(s, t);
}

/* Reads the spooled rows back a window at a time and prints them. */
static int unspool(struct hdb_stream *s, const struct hdb_table *t)
{
	struct hdb_table w;
	struct hdb_cell *row = NULL;
	struct spooled x;
	size_t i, col = 0;
	int ret = -1;

	hdb_table_init(&w, t->n_cols);
	for (i = 0; i < t->n_cols; i++) {
		hdb_table_set_col(&w, i, t->cols[i], t->units[i]);
		w.digits[i] = t->digits[i];
	}
	if (fflush(s->spool) || fseek(s->spool, 0, SEEK_SET)) {
		hdb_error("cannot read the rows back: %s", strerror(errno));
		goto out;
	}
	if (s->e.fmt == HDB_OUT_TABLE) {
		ret = unspool_shown(s, t->n_cols);
		goto out;
	}
	while (fread(&x, sizeof(x), 1, s->spool) == 1) {
		struct hdb_cell *c;

		if (!col)
			row = hdb_table_add_row(&w);
		c = &row[col];
		c->type = (enum hdb_cell_type)x.type;
		c->flags = x.flags;
		c->i = x.i;
		c->r = x.r;
		c->sd = x.sd;
		if (x.type == HDB_CELL_TEXT || x.type == HDB_CELL_BLOB) {
			c->s = xmalloc(x.len + 1);
			if (x.len && fread(c->s, 1, x.len, s->spool) != x.len)
				break;
			c->s[x.len] = '\0';
			c->len = x.len;
		}
		if (++col == t->n_cols) {
			col = 0;
			if (w.n_rows == WINDOW_ROWS) {
				if (emit_rows(&s->e, &w))
					goto out;
				hdb_table_clear_rows(&w);
			}
		}
	}
	if (ferror(s->spool) || col) {
		hdb_error("cannot read the rows back: %s", ferror(s->spool)
			  ? strerror(errno) : "short file");
		goto out;
	}
	if (emit_rows(&s->e, &w))
		goto out;
	ret = 0;
out:
	hdb_table_release(&w);
	return ret;
}

int hdb_stream_end(struct hdb_stream *s, const struct hdb_table *t)
{
	if (!s->started)
		stream_start(s, t);
	if (needs_layout(s->e.fmt)) {
		emit_head(&s->e, t);
		if (s->spool && unspool(s, t))
			return -1;
	}
	return emit_tail(&s->e, t->empty);
}

void hdb_stream_free(struct hdb_stream *s)
{
	if (!s)
		return;
	if (s->started)
		emit_release(&s->e);
	if (s->spool)
		fclose(s->spool);
	free(s->spool_buf);
	free(s);
}
