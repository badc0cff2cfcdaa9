/*
 * fuzz_render.c: a libFuzzer target for the report's escaping.  The input
 * is split at its first NUL into two strings, which take the paths every
 * string from a results file takes on its way out: cells of a markdown
 * table (hdb_md_table, hdb_md_escape) turned into HTML by cmark-gfm, and
 * the CLI's table, CSV, JSON and markdown formats.  It aborts when the
 * escaping breaks its promise:
 *   - the HTML holds no element but the table's own (no <script>, no
 *     link, no image, no raw HTML from the input), with exactly two rows
 *     of two cells (no '|' or line break from the input split a cell),
 *   - the JSON format parses, one object per row.
 *
 *   make fuzz FUZZ_SECONDS=600
 */
#include "../../render/render.h"
#include "../../query/query.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Is p (just after a '<') one of the tags cmark-gfm writes for a table? */
static int table_tag(const char *p)
{
	static const char *const tags[] = {
		"table>", "/table>", "thead>", "/thead>", "tbody>", "/tbody>",
		"tr>", "/tr>", "th>", "/th>", "td>", "/td>",
		"th align=\"right\">", "td align=\"right\">", NULL,
	};
	size_t i;

	for (i = 0; tags[i]; i++)
		if (!strncmp(p, tags[i], strlen(tags[i])))
			return 1;
	return 0;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay++;
	}
	return n;
}

static void check_html(const char *md, const char *html)
{
	const char *p;

	for (p = strchr(html, '<'); p; p = strchr(p + 1, '<'))
		if (!table_tag(p + 1)) {
			fprintf(stderr, "escaping let markup through: %.80s\n"
				"markdown:\n%s\n", p, md);
			abort();
		}
	if (count(html, "<tr>") != 2 ||
	    count(html, "<th>") + count(html, "<th ") != 2 ||
	    count(html, "<td>") + count(html, "<td ") != 2) {
		fprintf(stderr, "a cell was split or lost:\nmarkdown:\n%s\n"
			"html:\n%s\n", md, html);
		abort();
	}
}

/* The table in one CLI format, in memory; caller frees. */
static char *render(const struct hdb_table *t, enum hdb_out_format fmt,
		    size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (!f)
		abort();
	if (hdb_render_table(f, t, fmt, 0))
		abort();
	fclose(f);
	return buf;
}

static void check_json(const char *text, size_t len)
{
	json_error_t err;
	json_t *root = json_loadb(text, len, 0, &err);

	if (!root || !json_is_array(root) || json_array_size(root) != 1 ||
	    !json_is_object(json_array_get(root, 0)) ||
	    json_object_size(json_array_get(root, 0)) != 2) {
		fprintf(stderr, "the json format wrote what is not one row "
			"of two columns: %s\n%.300s\n", root ? "" : err.text,
			text);
		abort();
	}
	json_decref(root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *a = xstrndup((const char *)data, size);
	size_t alen = strlen(a), len;
	char *b = xstrndup(alen < size ? (const char *)data + alen + 1 : "",
			   alen < size ? size - alen - 1 : 0);
	struct hdb_table t;
	struct strbuf md = STRBUF_INIT;
	char *html, *out;
	enum hdb_out_format fmt;

	hdb_table_init(&t, 2);
	hdb_table_set_col(&t, 0, "model", NULL);
	hdb_table_set_col(&t, 1, "host", NULL);
	hdb_cell_set_text(&hdb_table_add_row(&t)[0], a);
	hdb_cell_set_text(hdb_table_cell(&t, 0, 1), b);

	hdb_md_table(&md, &t);
	html = hdb_markdown_to_html(md.buf, md.len);
	check_html(md.buf, html);
	free(html);

	for (fmt = HDB_OUT_TABLE; fmt <= HDB_OUT_MD; fmt++) {
		out = render(&t, fmt, &len);
		if (fmt == HDB_OUT_JSON)
			check_json(out, len);
		free(out);
	}
	strbuf_release(&md);
	hdb_table_release(&t);
	free(a);
	free(b);
	return 0;
}
