/* Unit tests: render/ (CLI formats, markdown escaping, HTML, templates,
 * the report files). */
#include "harness.h"
#include "../../render/html.h"
#include "../../render/render.h"
#include "../../util.h"

static void small_table(struct hdb_table *t)
{
	struct hdb_cell *c;

	hdb_table_init(t, 3);
	hdb_table_set_col(t, 0, "model", NULL);
	hdb_table_set_col(t, 1, "pp512", "t/s");
	hdb_table_set_col(t, 2, "note", NULL);
	c = hdb_table_add_row(t);
	hdb_cell_set_text(&c[0], "<script>alert(1)</script>");
	c[1].type = HDB_CELL_MEASURE;
	c[1].r = 1234.5678;
	c[1].sd = 5.556;
	hdb_cell_set_text(&c[2], "a|b, \"c\"");
	c = hdb_table_add_row(t);
	hdb_cell_set_text(&c[0], "x");
	hdb_cell_set_real(&c[1], 2.0);
}

static char *render(const struct hdb_table *t, enum hdb_out_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	CHECK_INT(hdb_render_table(f, t, fmt), 0);
	fclose(f);
	return buf;
}

static void aligned_table_counts_characters_not_bytes(void)
{
	struct hdb_table t;
	char *out;

	small_table(&t);
	out = render(&t, HDB_OUT_TABLE);
	CHECK_STR(out,
		  "model                         pp512 (t/s)  note\n"
		  "-------------------------  --------------  --------\n"
		  "<script>alert(1)</script>  1234.57 ± 5.56  a|b, \"c\"\n"
		  "x                                     2.0\n");
	free(out);
	hdb_table_release(&t);
}

static void csv_quotes_only_what_needs_it(void)
{
	struct hdb_table t;
	char *out;

	small_table(&t);
	out = render(&t, HDB_OUT_CSV);
	CHECK_STR(out, "model,pp512 (t/s),note\n"
		  "<script>alert(1)</script>,1234.57 ± 5.56,\"a|b, \"\"c\"\"\"\n"
		  "x,2.0,\n");
	free(out);
	hdb_table_release(&t);
}

static void json_keeps_types(void)
{
	struct hdb_table t;
	char *out;

	small_table(&t);
	out = render(&t, HDB_OUT_JSON);
	CHECK_STR(out, "[\n  {\"model\": \"<script>alert(1)</script>\", "
		  "\"pp512\": 1234.5678, \"note\": \"a|b, \\\"c\\\"\"},\n"
		  "  {\"model\": \"x\", \"pp512\": 2.0, \"note\": null}\n]\n");
	free(out);
	hdb_table_release(&t);
	hdb_table_init(&t, 1);
	hdb_table_set_col(&t, 0, "a", NULL);
	out = render(&t, HDB_OUT_JSON);
	CHECK_STR(out, "[]\n");
	free(out);
	hdb_table_release(&t);
}

static void markdown_table_escapes_inputs(void)
{
	struct hdb_table t;
	char *out;

	small_table(&t);
	out = render(&t, HDB_OUT_MD);
	CHECK_STR(out, "| model | pp512 (t/s) | note |\n"
		  "| --- | ---: | --- |\n"
		  "| &lt;script&gt;alert(1)&lt;/script&gt; | 1234.57 ± 5.56 | a\\|b, \"c\" |\n"
		  "| x | 2.0 |  |\n");
	free(out);
	hdb_table_release(&t);
}

static void no_html_survives_from_inputs(void)
{
	struct hdb_table t;
	struct strbuf md = STRBUF_INIT;
	char *html;

	small_table(&t);
	hdb_md_table(&md, &t);
	strbuf_addstr(&md, "\n");
	hdb_md_escape(&md, "*bold* [link](javascript:x) <img src=x onerror=y> `code` & \\");
	html = hdb_markdown_to_html(md.buf, md.len);
	CHECK_HAS(html, "<table>");
	CHECK_HAS(html, "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>");
	CHECK_HAS(html, "<td align=\"right\">1234.57 ± 5.56</td>");
	CHECK_HAS(html, "<td>a|b, &quot;c&quot;</td>");
	CHECK_HAS(html, "*bold* [link](javascript:x) &lt;img src=x onerror=y&gt; `code` &amp; \\");
	CHECK(!strstr(html, "<script"));
	CHECK(!strstr(html, "<img"));
	CHECK(!strstr(html, "<em>"));
	CHECK(!strstr(html, "<a "));
	free(html);
	strbuf_release(&md);
	hdb_table_release(&t);
}

static void templates_refuse_unknown_placeholders(void)
{
	struct strbuf sb = STRBUF_INIT;
	const char *vars[] = { "a", "1", "bb", "2", NULL };

	CHECK_INT(hdb_fill_template(&sb, "t", "x{{a}}y{{bb}}z{{", vars), 0);
	CHECK_STR(sb.buf, "x1y2z{{");
	strbuf_reset(&sb);
	CHECK_INT(hdb_fill_template(&sb, "t", "{{a}}{{c}}", vars), -1);
	CHECK_STR(hdb_errmsg(), "template 't': unknown placeholder '{{c}}'");
	strbuf_release(&sb);
}

static void title_is_plain_text(void)
{
	const char *md = "intro\n\n# A *fine* &lt;title&gt;\n\ntext\n";
	char *title = hdb_markdown_title(md, strlen(md));
	struct strbuf sb = STRBUF_INIT;

	CHECK_STR(title, "A fine <title>");
	hdb_html_escape(&sb, title);
	CHECK_STR(sb.buf, "A fine &lt;title&gt;");
	free(title);
	strbuf_release(&sb);
}

static void report_writes_three_files(void)
{
	struct hdb_table speed, setup;
	struct hdb_report r = { &speed, &setup, 2, 1 };
	char *dir = xasprintf("%s/site/sub", t_tmpdir()), *path, *text;

	small_table(&speed);
	hdb_table_init(&setup, 1);
	hdb_table_set_col(&setup, 0, "Host", NULL);
	setup.empty = xstrdup("nothing <here>");
	CHECK_INT(hdb_render_report(dir, NULL, &r), 0);
	path = xasprintf("%s/index.html", dir);
	CHECK_INT(read_file(path, &text, NULL), 0);
	CHECK_HAS(text, "<title>Local LLM throughput</title>");
	CHECK_HAS(text, "&lt;script&gt;");
	CHECK_HAS(text, "<em>nothing &lt;here&gt;</em>");
	CHECK(!strstr(text, "<script>"));
	CHECK(!strstr(text, "{{"));
	free(text);
	free(path);
	path = xasprintf("%s/report.md", dir);
	CHECK_INT(read_file(path, &text, NULL), 0);
	CHECK_HAS(text, "from 2 llama-bench results in\n1 files");
	free(text);
	free(path);
	path = xasprintf("%s/style.css", dir);
	CHECK_INT(access(path, F_OK), 0);
	free(path);
	hdb_table_release(&speed);
	hdb_table_release(&setup);
	free(dir);
}

static void report_into_a_file_fails_cleanly(void)
{
	struct hdb_table speed, setup;
	struct hdb_report r = { &speed, &setup, 0, 0 };
	const char *file = t_write("plain-file", "x");

	hdb_table_init(&speed, 1);
	hdb_table_set_col(&speed, 0, "a", NULL);
	hdb_table_init(&setup, 1);
	hdb_table_set_col(&setup, 0, "a", NULL);
	CHECK_INT(hdb_render_report(file, NULL, &r), -1);
	CHECK_HAS(hdb_errmsg(), "cannot");
	hdb_table_release(&speed);
	hdb_table_release(&setup);
}

int main(void)
{
	RUN(aligned_table_counts_characters_not_bytes);
	RUN(csv_quotes_only_what_needs_it);
	RUN(json_keeps_types);
	RUN(markdown_table_escapes_inputs);
	RUN(no_html_survives_from_inputs);
	RUN(templates_refuse_unknown_placeholders);
	RUN(title_is_plain_text);
	RUN(report_writes_three_files);
	RUN(report_into_a_file_fails_cleanly);
	return t_done();
}
