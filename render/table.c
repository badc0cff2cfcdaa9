/*
 * table.c: result tables as text for the CLI (halodb sql, halodb hosts):
 * aligned columns for people, CSV and JSON for programs, markdown for
 * pasting into a write-up.
 */
#include "render.h"

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
	strbuf_addf(sb, "%.15g", v);
	if (!strpbrk(sb->buf + start, ".e"))
		strbuf_addstr(sb, ".0");
}

/* The text of a cell as the CLI shows it (NULL shows as nothing). */
static void cell_text(struct strbuf *sb, const struct hdb_cell *c)
{
	size_t i;

	switch (c->type) {
	case HDB_CELL_NULL:
		break;
	case HDB_CELL_INT:
		strbuf_addf(sb, "%lld", c->i);
		break;
	case HDB_CELL_REAL:
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
		strbuf_addf(sb, "%.2f", c->r);
		if (isfinite(c->sd))
			strbuf_addf(sb, " ± %.2f", c->sd);
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

/* Columns on a terminal: UTF-8 continuation bytes take none. */
static size_t text_width(const char *s, size_t n)
{
	size_t w = 0, i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

/* Control characters would break the alignment and the terminal. */
static void add_printable(struct strbuf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		strbuf_addch(out, c < 0x20 || c == 0x7f ? ' ' : (char)c);
	}
}

static void header_text(struct strbuf *sb, const struct hdb_table *t, size_t i)
{
	strbuf_addstr(sb, t->cols[i]);
	if (t->units[i])
		strbuf_addf(sb, " (%s)", t->units[i]);
}

static void render_aligned(struct strbuf *out, const struct hdb_table *t)
{
	size_t *width = xcalloc(t->n_cols, sizeof(*width));
	int *right = xcalloc(t->n_cols, sizeof(*right));
	struct strbuf sb = STRBUF_INIT;
	size_t r, i, w;

	for (i = 0; i < t->n_cols; i++) {
		strbuf_reset(&sb);
		header_text(&sb, t, i);
		width[i] = text_width(sb.buf, sb.len);
	}
	for (r = 0; r < t->n_rows; r++)
		for (i = 0; i < t->n_cols; i++) {
			const struct hdb_cell *c = hdb_table_cell(t, r, i);

			strbuf_reset(&sb);
			cell_text(&sb, c);
			w = text_width(strbuf_str(&sb), sb.len);
			if (w > width[i])
				width[i] = w;
			if (is_number(c))
				right[i] = 1;
		}
	for (r = 0; r <= t->n_rows + 1; r++) {
		size_t line_start = out->len;

		for (i = 0; i < t->n_cols; i++) {
			size_t pad;

			strbuf_reset(&sb);
			if (r == 0)
				header_text(&sb, t, i);
			else if (r > 1)
				cell_text(&sb, hdb_table_cell(t, r - 2, i));
			if (i)
				strbuf_addstr(out, "  ");
			if (r == 1) {
				for (w = 0; w < width[i]; w++)
					strbuf_addch(out, '-');
				continue;
			}
			w = text_width(strbuf_str(&sb), sb.len);
			pad = width[i] - w;
			if (right[i])
				for (; pad; pad--)
					strbuf_addch(out, ' ');
			add_printable(out, strbuf_str(&sb), sb.len);
			for (; pad; pad--)
				strbuf_addch(out, ' ');
		}
		while (out->len > line_start && out->buf[out->len - 1] == ' ')
			out->len--;
		strbuf_addch(out, '\n');
	}
	if (!t->n_rows)
		strbuf_addf(out, "(%s)\n", t->empty ? t->empty : "no rows");
	strbuf_release(&sb);
	free(width);
	free(right);
}

static void csv_field(struct strbuf *out, const char *s, size_t n)
{
	size_t i;
	int quote = 0;

	for (i = 0; i < n; i++)
		if (s[i] == '"' || s[i] == ',' || s[i] == '\r' || s[i] == '\n')
			quote = 1;
	if (!quote) {
		strbuf_add(out, s, n);
		return;
	}
	strbuf_addch(out, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			strbuf_addch(out, '"');
		strbuf_addch(out, s[i]);
	}
	strbuf_addch(out, '"');
}

static void render_csv(struct strbuf *out, const struct hdb_table *t)
{
	struct strbuf sb = STRBUF_INIT;
	size_t r, i;

	for (i = 0; i < t->n_cols; i++) {
		strbuf_reset(&sb);
		header_text(&sb, t, i);
		if (i)
			strbuf_addch(out, ',');
		csv_field(out, strbuf_str(&sb), sb.len);
	}
	strbuf_addch(out, '\n');
	for (r = 0; r < t->n_rows; r++) {
		for (i = 0; i < t->n_cols; i++) {
			strbuf_reset(&sb);
			cell_text(&sb, hdb_table_cell(t, r, i));
			if (i)
				strbuf_addch(out, ',');
			csv_field(out, strbuf_str(&sb), sb.len);
		}
		strbuf_addch(out, '\n');
	}
	strbuf_release(&sb);
}

static void json_string(struct strbuf *out, const char *s, size_t n)
{
	size_t i;

	strbuf_addch(out, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			strbuf_addf(out, "\\%c", c);
		else if (c == '\n')
			strbuf_addstr(out, "\\n");
		else if (c == '\t')
			strbuf_addstr(out, "\\t");
		else if (c < 0x20 || c == 0x7f)
			strbuf_addf(out, "\\u%04x", c);
		else
			strbuf_addch(out, (char)c);
	}
	strbuf_addch(out, '"');
}

static void render_json(struct strbuf *out, const struct hdb_table *t)
{
	struct strbuf sb = STRBUF_INIT;
	size_t r, i;

	strbuf_addch(out, '[');
	for (r = 0; r < t->n_rows; r++) {
		strbuf_addstr(out, r ? ",\n  {" : "\n  {");
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
				strbuf_reset(&sb);
				cell_text(&sb, c);
				json_string(out, strbuf_str(&sb), sb.len);
			} else if (c->type == HDB_CELL_MEASURE) {
				add_real(out, c->r);
			} else {
				cell_text(out, c);
			}
		}
		strbuf_addch(out, '}');
	}
	strbuf_addstr(out, t->n_rows ? "\n]\n" : "]\n");
	strbuf_release(&sb);
}

void hdb_md_escape(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

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
			strbuf_addch(sb, (char)c);
			break;
		default:
			strbuf_addch(sb, c < 0x20 || c == 0x7f ? ' ' : (char)c);
			break;
		}
	}
}

void hdb_md_table(struct strbuf *out, const struct hdb_table *t)
{
	struct strbuf sb = STRBUF_INIT;
	size_t r, i;

	strbuf_addch(out, '|');
	for (i = 0; i < t->n_cols; i++) {
		strbuf_reset(&sb);
		header_text(&sb, t, i);
		strbuf_addch(out, ' ');
		hdb_md_escape(out, strbuf_str(&sb));
		strbuf_addstr(out, " |");
	}
	strbuf_addstr(out, "\n|");
	for (i = 0; i < t->n_cols; i++) {
		int right = 0;

		for (r = 0; r < t->n_rows && !right; r++)
			right = is_number(hdb_table_cell(t, r, i));
		strbuf_addstr(out, right ? " ---: |" : " --- |");
	}
	strbuf_addch(out, '\n');
	for (r = 0; r < t->n_rows; r++) {
		strbuf_addch(out, '|');
		for (i = 0; i < t->n_cols; i++) {
			strbuf_reset(&sb);
			cell_text(&sb, hdb_table_cell(t, r, i));
			strbuf_addch(out, ' ');
			hdb_md_escape(out, strbuf_str(&sb));
			strbuf_addstr(out, " |");
		}
		strbuf_addch(out, '\n');
	}
	strbuf_release(&sb);
}

int hdb_render_table(FILE *out, const struct hdb_table *t,
		     enum hdb_out_format fmt)
{
	struct strbuf sb = STRBUF_INIT;
	int ret = 0;

	switch (fmt) {
	case HDB_OUT_TABLE:
		render_aligned(&sb, t);
		break;
	case HDB_OUT_CSV:
		render_csv(&sb, t);
		break;
	case HDB_OUT_JSON:
		render_json(&sb, t);
		break;
	case HDB_OUT_MD:
		hdb_md_table(&sb, t);
		break;
	}
	if (sb.len && fwrite(sb.buf, 1, sb.len, out) != sb.len)
		ret = hdb_error("cannot write output");
	strbuf_release(&sb);
	return ret;
}
