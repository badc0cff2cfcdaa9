/* Unit tests: render/ (CLI formats, markdown escaping, HTML, templates,
 * the report files). */
#include "harness.h"
#include "../../render/html.h"
#include "../../render/render.h"
#include "../../util.h"

#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

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

static char *render_flags(const struct hdb_table *t, enum hdb_out_format fmt,
			  unsigned flags)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	CHECK_INT(hdb_render_table(f, t, fmt, flags), 0);
	fclose(f);
	return buf;
}

static char *render(const struct hdb_table *t, enum hdb_out_format fmt)
{
	return render_flags(t, fmt, 0);
}

/* A table of one text column per hostile string, one row. */
static void hostile_table(struct hdb_table *t)
{
	static const struct { const char *s; size_t len; } v[] = {
		{ "\xff" "A", 2 },			/* stray byte */
		{ "\0A", 2 },				/* NUL inside */
		{ "\x1b[31mred\x1b]0;t\x07", 14 },	/* ANSI, OSC */
		{ "\xc2\x9b" "2J", 4 },		/* C1 CSI */
		{ "\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80\xe2\x82", 11 },
		{ "caf\xc3\xa9 \xe2\x80\xa8", 9 },	/* valid, U+2028 */
	};
	size_t i;
	struct hdb_cell *c;

	hdb_table_init(t, 6);
	for (i = 0; i < 6; i++) {
		char name[8];

		snprintf(name, sizeof(name), "c%zu", i);
		hdb_table_set_col(t, i, name, NULL);
	}
	c = hdb_table_add_row(t);
	for (i = 0; i < 6; i++)
		hdb_cell_set_text_len(&c[i], v[i].s, v[i].len);
}

/* Is s (n bytes) valid UTF-8 with no control character but \n? */
static int clean_utf8(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\n') || c == 0x7f || c == 0xc0 ||
		    c == 0xc1 || c >= 0xf5)
			return 0;
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] < 0xa0)
			return 0;	/* C1 control */
	}
	return 1;
}

static void json_is_valid_whatever_the_text(void)
{
	struct hdb_table t;
	char *out;

	hostile_table(&t);
	out = render(&t, HDB_OUT_JSON);
	CHECK_STR(out, "[\n  {\"c0\": \"\\ufffdA\", \"c1\": \"\\u0000A\", "
		  "\"c2\": \"\\u001b[31mred\\u001b]0;t\\u0007\", "
		  "\"c3\": \"\\u009b2J\", \"c4\": \""
		  "\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd"
		  "\\ufffd\\ufffd\\ufffd\", \"c5\": \"caf\xc3\xa9 \\u2028\"}\n]\n");
	free(out);
	hdb_table_release(&t);
}

static void table_and_md_show_text_never_escapes(void)
{
	struct hdb_table t;
	char *out;

	hostile_table(&t);
	out = render(&t, HDB_OUT_TABLE);
	CHECK(clean_utf8(out, strlen(out)));
	CHECK_HAS(out, "\xef\xbf\xbd" "A   A  ");	/* NUL is a space */
	CHECK_HAS(out, " [31mred ]0;t   ");
	CHECK_HAS(out, "caf\xc3\xa9");
	free(out);
	out = render(&t, HDB_OUT_MD);
	CHECK(clean_utf8(out, strlen(out)));
	CHECK_HAS(out, "| \xef\xbf\xbd" "A |  A |  \\[31mred \\]0;t  |  2J | ");
	free(out);
	hdb_table_release(&t);
}

static void csv_is_raw_when_piped_and_printable_on_a_terminal(void)
{
	struct hdb_table t;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	hostile_table(&t);
	hdb_table_cell(&t, 0, 5)->s[5] = '\n';	/* 'caf\xc3\xa9\n...' */
	CHECK_INT(hdb_render_table(f, &t, HDB_OUT_CSV, 0), 0);
	fclose(f);
	/* Piped: the bytes as stored, NUL included, quoted for the line break. */
	CHECK_INT(len, 18 + 2 + 1 + 2 + 1 + 14 + 1 + 4 + 1 + 11 + 1 + 11 + 1);
	CHECK(!memcmp(buf + 18, "\xff" "A,\0A,\x1b[31m", 11));
	CHECK(memmem(buf, len, ",\"caf\xc3\xa9\n", 8) != NULL);
	free(buf);
	buf = render_flags(&t, HDB_OUT_CSV, HDB_RENDER_TERMINAL);
	CHECK(clean_utf8(buf, strlen(buf)));
	CHECK_STR(strchr(buf, '\n') + 1, "\xef\xbf\xbd" "A, A, [31mred ]0;t , 2J,"
		  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
		  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
		  "\xef\xbf\xbd,caf\xc3\xa9 \xe2\x80\xa8\n");
	free(buf);
	hdb_table_release(&t);
}

/*
 * A report model of one section holding the two tables (borrowed: drop it
 * with model_drop, which leaves them to the caller), its intro saying the
 * counts.
 */
static void model_with(struct hdb_report_model *m, struct hdb_table *speed,
		       struct hdb_table *setup, long long n_results,
		       long long n_sources)
{
	struct hdb_section *s;
	struct hdb_block *b;

	memset(m, 0, sizeof(*m));
	m->title = xstrdup("Local LLM throughput");
	hdb_prose_add(&m->intro, 0, "Made from %lld llama-bench results in\n"
		      "%lld files.", n_results, n_sources);
	s = hdb_report_section(m, "throughput", "Default throughput");
	b = hdb_section_block(s, HDB_BLOCK_TABLE);
	b->table = *speed;
	b = hdb_section_block(s, HDB_BLOCK_TABLE);
	b->table = *setup;
}

static void model_drop(struct hdb_report_model *m)
{
	size_t i;

	for (i = 0; i < m->sections[0].n; i++)
		memset(&m->sections[0].blocks[i].table, 0,
		       sizeof(struct hdb_table));
	hdb_report_model_release(m);
}

/* Every field the report shows carries HTML, markdown table syntax, a
 * javascript: link, escapes, NUL and stray bytes: the markdown keeps its
 * tables' shape and the page has no element or link from them. */
static void report_shows_hostile_fields_as_text(void)
{
	static const char evil[] = "<script>alert(1)</script>|x|`y` "
		"[a](javascript:alert(1))\x1b[31m\0\xff<img src=x onerror=y>\\|";
	struct hdb_table speed, setup;
	struct hdb_report_model r;
	char *dir = xasprintf("%s/hostile-site", t_tmpdir()), *path, *text;
	struct hdb_cell *c;
	size_t i, len;
	const char *p;

	hdb_table_init(&speed, 3);
	hdb_table_set_col(&speed, 0, "Model", NULL);
	hdb_table_set_col(&speed, 1, "Quant", NULL);
	hdb_table_set_col(&speed, 2, "<script>|h|`x` pp512", "t/s");
	c = hdb_table_add_row(&speed);
	hdb_cell_set_text_len(&c[0], evil, sizeof(evil) - 1);
	hdb_cell_set_text_len(&c[1], evil, sizeof(evil) - 1);
	c[2].type = HDB_CELL_MEASURE;
	c[2].r = 1;
	hdb_table_init(&setup, 7);
	for (i = 0; i < 7; i++)
		hdb_table_set_col(&setup, i, "h", NULL);
	c = hdb_table_add_row(&setup);
	for (i = 0; i < 7; i++)	/* host, model, quant, backend, build ... */
		hdb_cell_set_text_len(&c[i], evil, sizeof(evil) - 1);
	model_with(&r, &speed, &setup, 1, 1);
	CHECK_INT(hdb_render_report(dir, NULL, &r), 0);
	model_drop(&r);

	path = xasprintf("%s/report.md", dir);
	CHECK_INT(read_file(path, &text, &len), 0);
	CHECK_INT(strlen(text), len);	/* no NUL */
	CHECK(clean_utf8(text, len));
	/* Each table line has as many unescaped pipes as its header. */
	for (p = text; (p = strstr(p, "\n|")); ) {
		size_t pipes = 0;

		for (p++; *p && *p != '\n'; p++) {
			if (*p == '\\')
				p++;
			else if (*p == '|')
				pipes++;
		}
		CHECK(pipes == 4 || pipes == 8);
	}
	free(text);
	free(path);

	path = xasprintf("%s/index.html", dir);
	CHECK_INT(read_file(path, &text, &len), 0);
	CHECK(clean_utf8(text, len));
	CHECK(!strstr(text, "<script"));
	CHECK(!strstr(text, "<img"));
	CHECK(!strstr(text, "<a "));
	CHECK(!strstr(text, "href=\"javascript"));
	CHECK_HAS(text, "<td>&lt;script&gt;alert(1)&lt;/script&gt;|x|`y` "
		  "[a](javascript:alert(1)) [31m \xef\xbf\xbd&lt;img src=x "
		  "onerror=y&gt;\\|</td>");
	free(text);
	free(path);
	hdb_table_release(&speed);
	hdb_table_release(&setup);
	free(dir);
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
	CHECK_STR(hdb_errmsg(), "t:1:6: unknown placeholder '{{c}}': "
		  "expected '{{a}}' or '{{bb}}'");
	strbuf_reset(&sb);
	CHECK_INT(hdb_fill_template(&sb, "d/t", "a\n\n  {{title}}", vars), -1);
	CHECK_STR(hdb_errmsg(), "d/t:3:3: unknown placeholder '{{title}}': "
		  "expected '{{a}}' or '{{bb}}'");
	strbuf_reset(&sb);
	vars[2] = NULL;
	CHECK_INT(hdb_fill_template(&sb, "t", "{{b}}", vars), -1);
	CHECK_STR(hdb_errmsg(), "t:1:1: unknown placeholder '{{b}}': "
		  "expected '{{a}}'");
	strbuf_release(&sb);
}

/* A small report model, written with templates from dir. */
static int report_with_templates(const char *out, const char *dir)
{
	struct hdb_table speed, setup;
	struct hdb_report_model r;
	int rc;

	small_table(&speed);
	hdb_table_init(&setup, 1);
	hdb_table_set_col(&setup, 0, "Host", NULL);
	model_with(&r, &speed, &setup, 2, 1);
	rc = hdb_render_report(out, dir, &r);
	model_drop(&r);
	hdb_table_release(&speed);
	hdb_table_release(&setup);
	return rc;
}

/* A directory with only report.md: the built-in page.html and style.css
 * for the rest. */
static void templates_take_what_the_directory_has(void)
{
	char *dir = xasprintf("%s/tpl", t_tmpdir());
	char *out = xasprintf("%s/tpl-site", t_tmpdir()), *path, *text;
	char *css, *css_path;

	mkdir(dir, 0755);
	t_write("tpl/report.md", "# {{title}}\n\nMine.\n\n{{sections}}\n");
	CHECK_INT(report_with_templates(out, dir), 0);
	path = xasprintf("%s/report.md", out);
	CHECK_INT(read_file(path, &text, NULL), 0);
	CHECK_HAS(text, "# Local LLM throughput\n\nMine.\n\n## ");
	free(text);
	free(path);
	path = xasprintf("%s/index.html", out);
	CHECK_INT(read_file(path, &text, NULL), 0);
	CHECK_HAS(text, "<meta name=\"generator\" content=\"halodb\">");
	CHECK_HAS(text, "<p>Mine.</p>");
	free(text);
	free(path);
	path = xasprintf("%s/style.css", out);
	CHECK_INT(read_file(path, &text, NULL), 0);
	CHECK_INT(hdb_template(NULL, "style.css", &css, &css_path), 0);
	CHECK(css_path == NULL);
	CHECK_STR(text, css);
	free(css);
	free(text);
	free(path);
	free(out);
	free(dir);
}

/* A wrong placeholder names the file, where, and the ones there are; a
 * directory that is not there or holds no template is an error. */
static void templates_errors_name_the_file_and_what_exists(void)
{
	char *dir = xasprintf("%s/tpl-bad", t_tmpdir());
	char *out = xasprintf("%s/tpl-bad-site", t_tmpdir()), *path, *want;

	mkdir(dir, 0755);
	CHECK_INT(report_with_templates(out, dir), -1);
	want = xasprintf("templates directory '%s' holds none of page.html, "
			 "report.md or style.css", dir);
	CHECK_STR(hdb_errmsg(), want);
	free(want);
	path = xasprintf("%s/page.html", dir);
	t_write("tpl-bad/page.html", "<title>{{title}}</title>\n{{body}}\n");
	CHECK_INT(report_with_templates(out, dir), -1);
	want = xasprintf("%s:2:1: unknown placeholder '{{body}}': expected "
			 "'{{title}}' or '{{content}}'", path);
	CHECK_STR(hdb_errmsg(), want);
	free(want);
	free(path);
	CHECK(access(out, F_OK) != 0);	/* nothing written */
	path = xasprintf("%s/none", t_tmpdir());
	CHECK_INT(report_with_templates(out, path), -1);
	want = xasprintf("cannot read templates directory '%s': No such file "
			 "or directory", path);
	CHECK_STR(hdb_errmsg(), want);
	free(want);
	free(path);
	free(out);
	free(dir);
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
	struct hdb_report_model r;
	char *dir = xasprintf("%s/site/sub", t_tmpdir()), *path, *text;

	small_table(&speed);
	hdb_table_init(&setup, 1);
	hdb_table_set_col(&setup, 0, "Host", NULL);
	setup.empty = xstrdup("nothing <here>");
	model_with(&r, &speed, &setup, 2, 1);
	CHECK_INT(hdb_render_report(dir, NULL, &r), 0);
	model_drop(&r);
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
	CHECK_HAS(text, "## Default throughput");
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
	struct hdb_report_model r;
	const char *file = t_write("plain-file", "x");

	hdb_table_init(&speed, 1);
	hdb_table_set_col(&speed, 0, "a", NULL);
	hdb_table_init(&setup, 1);
	hdb_table_set_col(&setup, 0, "a", NULL);
	model_with(&r, &speed, &setup, 0, 0);
	CHECK_INT(hdb_render_report(file, NULL, &r), -1);
	CHECK_HAS(hdb_errmsg(), "cannot");
	model_drop(&r);
	hdb_table_release(&speed);
	hdb_table_release(&setup);
}

/* A report model of one section holding one small depth chart. */
static void model_with_chart(struct hdb_report_model *m)
{
	struct hdb_section *s;
	struct hdb_block *b;
	struct hdb_chart_series *series;

	memset(m, 0, sizeof(*m));
	m->title = xstrdup("Charts ahead");
	s = hdb_report_section(m, "depth", "Long context");
	b = hdb_section_block(s, HDB_BLOCK_CHART);
	hdb_chart_init(&b->chart, HDB_CHART_DEPTH, "one-chart", "one chart",
		       "depth (tokens)", "tokens/s");
	series = hdb_chart_add_series(&b->chart, "a", 0);
	hdb_chart_add_point(series, 0, NULL, 100, 97, 103, HDB_MARK_OK);
	hdb_chart_add_point(series, 8192, NULL, 60, 58, 62, HDB_MARK_OK);
}

/* Waits (up to 10 s) for path to exist; does it? */
static int appears(const char *path)
{
	int i;

	for (i = 0; i < 1000 && access(path, F_OK); i++)
		usleep(10000);
	return !access(path, F_OK);
}

/* Charts drawn while the report is computed make its directories; a query
 * that then fails (the ahead freed without a render) leaves none of them
 * behind, and a render keeps them with its files. */
static void charts_ahead_leave_no_directory_when_the_query_fails(void)
{
	struct hdb_report_model m;
	struct hdb_chart_ahead *a;
	char *dir = xasprintf("%s/ahead/site", t_tmpdir());
	char *parent = xasprintf("%s/ahead", t_tmpdir());
	char *charts = xasprintf("%s/charts", dir), *png;

	model_with_chart(&m);
	a = hdb_chart_ahead_start(dir, NULL);
	if (!a) {
		/* one processor: nothing is drawn ahead */
		CHECK(sysconf(_SC_NPROCESSORS_ONLN) < 2);
	} else {
		hdb_chart_ahead_add(a, &m.sections[0]);
		CHECK(appears(charts));
		hdb_chart_ahead_free(a);
		CHECK(access(charts, F_OK) && errno == ENOENT);
		CHECK(access(dir, F_OK) && errno == ENOENT);
		CHECK(access(parent, F_OK) && errno == ENOENT);
	}
	/* the same drawn ahead and rendered: every file stays */
	a = hdb_chart_ahead_start(dir, NULL);
	hdb_chart_ahead_add(a, &m.sections[0]);
	CHECK_INT(hdb_render_report_ahead(dir, NULL, &m, NULL, a), 0);
	hdb_chart_ahead_free(a);
	png = xasprintf("%s/one-chart.png", charts);
	CHECK_INT(access(png, F_OK), 0);
	free(png);
	png = xasprintf("%s/index.html", dir);
	CHECK_INT(access(png, F_OK), 0);
	free(png);
	hdb_report_model_release(&m);
	free(charts);
	free(parent);
	free(dir);
}

/* Lists the names in dir, sorted, one a line. */
static char *list_dir(const char *dir)
{
	char *cmd = xasprintf("ls -A '%s'", dir), *out = NULL;
	size_t len = 0;
	FILE *p = popen(cmd, "r"), *m = open_memstream(&out, &len);
	int c;

	while (p && (c = fgetc(p)) != EOF)
		fputc(c, m);
	if (p)
		pclose(p);
	fclose(m);
	free(cmd);
	return out;
}

/* A write that fails half way (a file size limit, like a full disk)
 * leaves the previous report whole and no temporary behind. */
static void report_write_failure_keeps_the_old_report(void)
{
	struct hdb_table speed, setup;
	struct hdb_report_model r;
	char *dir = xasprintf("%s/full-site", t_tmpdir()), *path, *before;
	char *text, *names;
	int status;
	pid_t pid;

	small_table(&speed);
	hdb_table_init(&setup, 1);
	hdb_table_set_col(&setup, 0, "Host", NULL);
	model_with(&r, &speed, &setup, 1, 1);
	CHECK_INT(hdb_render_report(dir, NULL, &r), 0);
	model_drop(&r);
	/* report.md is written first and style.css (the largest) fails. */
	path = xasprintf("%s/report.md", dir);
	CHECK_INT(read_file(path, &before, NULL), 0);
	model_with(&r, &speed, &setup, 99, 1);
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		struct rlimit lim = { 1500, 1500 };

		int rc;

		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &lim);
		rc = hdb_render_report(dir, NULL, &r);
		/* nothing left behind for valgrind's leak check in the child */
		model_drop(&r);
		free(before);
		free(path);
		free(dir);
		hdb_table_release(&speed);
		hdb_table_release(&setup);
		_exit(rc ? 3 : 0);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3);
	model_drop(&r);
	CHECK_INT(read_file(path, &text, NULL), 0);
	CHECK_STR(text, before);
	free(text);
	names = list_dir(dir);
	CHECK_STR(names, ".halodb-manifest\nindex.html\nreport.md\nstyle.css\n");
	free(names);
	free(before);
	free(path);
	hdb_table_release(&speed);
	hdb_table_release(&setup);
	free(dir);
}

/* Through hdb_stream in windows of `window` rows: what a streaming query
 * prints. */
static char *render_streamed(const struct hdb_table *t,
			     enum hdb_out_format fmt, unsigned flags,
			     size_t window)
{
	struct hdb_stream *s;
	struct hdb_table w;
	char *buf = NULL;
	size_t len = 0, r, i;
	FILE *f = open_memstream(&buf, &len);

	hdb_table_init(&w, t->n_cols);
	for (i = 0; i < t->n_cols; i++) {
		hdb_table_set_col(&w, i, t->cols[i], t->units[i]);
		hdb_table_set_digits(&w, i, t->digits[i]);
	}
	w.empty = t->empty ? xstrdup(t->empty) : NULL;
	s = hdb_stream_new(f, fmt, flags);
	for (r = 0; r < t->n_rows; r++) {
		struct hdb_cell *c = hdb_table_add_row(&w);

		for (i = 0; i < t->n_cols; i++) {
			const struct hdb_cell *x = hdb_table_cell(t, r, i);

			c[i] = *x;
			if (x->s) {
				c[i].s = xmalloc(x->len + 1);
				memcpy(c[i].s, x->s, x->len + 1);
			}
		}
		if (w.n_rows == window || r + 1 == t->n_rows) {
			CHECK_INT(hdb_stream_rows(s, &w), 0);
			hdb_table_clear_rows(&w);
		}
	}
	CHECK_INT(hdb_stream_end(s, &w), 0);
	hdb_stream_free(s);
	hdb_table_release(&w);
	fclose(f);
	return buf;
}

/*
 * Streamed rows print what the whole table prints, in every format:
 * 10,000 rows (csv and json as they come, table and md through the
 * spool) of text of every width, hostile bytes, numbers of every kind
 * with and without display digits, NULLs and measures; and a table of no
 * rows, which says why.
 */
static void streamed_rows_print_what_the_table_prints(void)
{
	static const enum hdb_out_format fmts[] = { HDB_OUT_TABLE,
		HDB_OUT_CSV, HDB_OUT_JSON, HDB_OUT_MD };
	struct hdb_table t;
	size_t r, i, j;
	char text[64];

	hdb_table_init(&t, 6);
	hdb_table_set_col(&t, 0, "host", NULL);
	hdb_table_set_col(&t, 1, "depth", "tokens");
	hdb_table_set_col(&t, 2, "ts", "t/s");
	hdb_table_set_digits(&t, 2, 2);
	hdb_table_set_col(&t, 3, "cv", NULL);
	hdb_table_set_digits(&t, 3, -2);
	hdb_table_set_col(&t, 4, "raw", NULL);
	hdb_table_set_col(&t, 5, "measure", "t/s");
	for (r = 0; r < 10000; r++) {
		struct hdb_cell *c = hdb_table_add_row(&t);

		snprintf(text, sizeof(text), "%s%.*s", r % 7 ? "h" : "caf\xc3\xa9",
			 (int)(r % 23), "\x1b[31m,\"|x\nyyyyyyyyyyyyyyyyyyyy");
		hdb_cell_set_text(&c[0], text);
		if (r % 11)
			hdb_cell_set_int(&c[1], (long long)r * 4096 - 5000000);
		hdb_cell_set_real(&c[2], r * 1.37 - 700.005);
		hdb_cell_set_real(&c[3], r % 13 ? 1.0 / (r + 1) : NAN);
		hdb_cell_set_real(&c[4], r * 123456.789e-9);
		c[5].type = HDB_CELL_MEASURE;
		c[5].r = r / 3.0;
		c[5].sd = r % 5 ? r / 7.0 : NAN;
	}
	for (i = 0; i < 4; i++)
		for (j = 0; j < 2; j++) {
			char *all = render_flags(&t, fmts[i], j), *streamed =
				render_streamed(&t, fmts[i], j, 4096);

			CHECK(all && streamed && !strcmp(all, streamed));
			free(all);
			free(streamed);
		}
	hdb_table_clear_rows(&t);
	t.empty = xstrdup("no rows for host 'x'");
	for (i = 0; i < 4; i++) {
		char *all = render(&t, fmts[i]), *streamed =
			render_streamed(&t, fmts[i], 0, 4096);

		CHECK_STR(streamed, all);
		free(all);
		free(streamed);
	}
	hdb_table_release(&t);
}

int main(void)
{
	RUN(streamed_rows_print_what_the_table_prints);
	RUN(aligned_table_counts_characters_not_bytes);
	RUN(csv_quotes_only_what_needs_it);
	RUN(json_keeps_types);
	RUN(markdown_table_escapes_inputs);
	RUN(json_is_valid_whatever_the_text);
	RUN(table_and_md_show_text_never_escapes);
	RUN(csv_is_raw_when_piped_and_printable_on_a_terminal);
	RUN(report_shows_hostile_fields_as_text);
	RUN(no_html_survives_from_inputs);
	RUN(templates_refuse_unknown_placeholders);
	RUN(templates_take_what_the_directory_has);
	RUN(templates_errors_name_the_file_and_what_exists);
	RUN(title_is_plain_text);
	RUN(report_writes_three_files);
	RUN(report_into_a_file_fails_cleanly);
	RUN(report_write_failure_keeps_the_old_report);
	RUN(charts_ahead_leave_no_directory_when_the_query_fails);
	return t_done();
}
