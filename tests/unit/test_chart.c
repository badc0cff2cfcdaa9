/* Unit tests: render/chart.c, charts painted by cairo into SVG and PNG
 * files in the test's temporary directory.  With CHART_DIR set, the
 * charts are also left there to be looked at. */
#include "harness.h"
#include "../../render/render.h"
#include "../../util.h"

#include <errno.h>
#include <sys/stat.h>

static void seed_depth(struct hdb_chart *c)
{
	static const double d[] = { 0, 8192, 32768, 65536 };
	static const double a30[] = { 136.2, 72.5, 35.1, 20.6 };
	static const double sh[] = { 87.0, 62.1, 40.2, 28.1 };
	struct hdb_chart_series *s;
	int i;

	hdb_chart_init(c, HDB_CHART_DEPTH, "qwen3-30b-a3b-tg",
		       "qwen3-30b-a3b: tg128 against depth", "depth (tokens)",
		       "tokens/s");
	s = hdb_chart_add_series(c, "A30", 0);
	for (i = 0; i < 4; i++)
		hdb_chart_add_point(s, d[i], NULL, a30[i], a30[i] * 0.97,
				    a30[i] * 1.03, HDB_MARK_OK);
	s = hdb_chart_add_series(c, "Strix Halo", 1);
	for (i = 0; i < 4; i++)
		hdb_chart_add_point(s, d[i], NULL, sh[i], sh[i] * 0.97,
				    sh[i] * 1.03, HDB_MARK_OK);
	c->crossover = 17151;
	c->crossover_from = 8192;
	c->crossover_to = 32768;
}

static void crashed_depth(struct hdb_chart *c)
{
	struct hdb_chart_series *s;

	hdb_chart_init(c, HDB_CHART_DEPTH, "granite",
		       "granite-3.1-8b-instruct: tg128 against depth",
		       "depth (tokens)", "tokens/s");
	s = hdb_chart_add_series(c, "A30", 0);
	hdb_chart_add_point(s, 0, NULL, 95.1, 93, 97, HDB_MARK_OK);
	hdb_chart_add_point(s, 8192, NULL, 70.2, 68, 72, HDB_MARK_OK);
	hdb_chart_add_point(s, 32768, NULL, 0, 0, 0, HDB_MARK_OOM);
	hdb_chart_add_point(s, 65536, NULL, 0, 0, 0, HDB_MARK_OOM);
	s = hdb_chart_add_series(c, "Strix Halo", 1);
	hdb_chart_add_point(s, 0, NULL, 39.5, 39, 40, HDB_MARK_OK);
	hdb_chart_add_point(s, 8192, NULL, 36.0, 35.5, 36.5, HDB_MARK_OK);
	hdb_chart_add_point(s, 32768, NULL, 30.8, 30.2, 31.4, HDB_MARK_OK);
	hdb_chart_add_point(s, 65536, NULL, 0, 0, 0, HDB_MARK_CRASHED);
	s = hdb_chart_add_series(c, "Ryzen 9 CPU", 2);
	hdb_chart_add_point(s, 0, NULL, 12.5, 12, 13, HDB_MARK_OK);
	hdb_chart_add_point(s, 8192, NULL, 0, 0, 0, HDB_MARK_WEDGED);
	hdb_chart_add_point(s, 32768, NULL, 6.1, 5.8, 6.4, HDB_MARK_OK);
}

static void ratio30(struct hdb_chart *c)
{
	static const char *const fam[] = {
		"qwen3-30b-a3b", "qwen3-coder-next", "gemma-3-27b-it",
		"granite-3.1-8b-instruct", "llama-3.3-70b-instruct",
		"deepseek-r1-distill-qwen-32b",
	};
	static const char *const q[] = { "q4_k_m", "q8_0", "q6_k", "iq4_xs",
					 "bf16" };
	struct hdb_chart_series *s;
	int i;

	hdb_chart_init(c, HDB_CHART_RATIO, "ratio-tg",
		       "tg128 at depth 0: A30 / Strix Halo", NULL,
		       "ratio A30 / Strix Halo (above 1: A30 faster)");
	s = hdb_chart_add_series(c, "A30 / Strix Halo", 0);
	for (i = 0; i < 30; i++) {
		char name[96];
		double r = pow(10, ((i * 7) % 13 - 6) / 9.0);

		snprintf(name, sizeof(name), "%s-%s", fam[i % 6], q[i / 6]);
		if (i == 4)
			hdb_chart_add_point(s, 0, name, 0, 0, 0,
					    HDB_MARK_CRASHED);
		else
			hdb_chart_add_point(s, 0, name, r, r * 0.93, r * 1.07,
					    HDB_MARK_OK);
	}
}

static void pass_chart(struct hdb_chart *c)
{
	struct hdb_chart_series *s;

	hdb_chart_init(c, HDB_CHART_PASS, "pass", "Aider Polyglot and "
		       "friends: pass rate with Wilson 95% intervals",
		       NULL, "pass rate (%)");
	s = hdb_chart_add_series(c, "A30", 0);
	hdb_chart_add_point(s, 0, "aider polyglot", 62.2, 58.1, 66.1,
			    HDB_MARK_OK);
	hdb_chart_add_point(s, 0, "gsm8k", 91.0, 89.3, 92.5, HDB_MARK_OK);
	hdb_chart_add_point(s, 0, "ifeval", 83.4, 80.1, 86.3, HDB_MARK_OK);
	s = hdb_chart_add_series(c, "Strix Halo", 1);
	hdb_chart_add_point(s, 0, "aider polyglot", 61.8, 57.7, 65.7,
			    HDB_MARK_OK);
	hdb_chart_add_point(s, 0, "gsm8k", 90.1, 88.3, 91.7, HDB_MARK_OK);
	hdb_chart_add_point(s, 0, "ifeval", NAN, NAN, NAN, HDB_MARK_NOT_RUN);
	s = hdb_chart_add_series(c, "Claude Sonnet 4 thinking", 4);
	s->reference = 1;
	hdb_chart_add_point(s, 0, "aider polyglot", 61.3, NAN, NAN,
			    HDB_MARK_OK);
	s = hdb_chart_add_series(c, "Claude Opus 4", 5);
	s->reference = 1;
	hdb_chart_add_point(s, 0, "aider polyglot", 72.0, NAN, NAN,
			    HDB_MARK_OK);
	s = hdb_chart_add_series(c, "GPT-5", 6);
	s->reference = 1;
	hdb_chart_add_point(s, 0, "aider polyglot", 88.0, NAN, NAN,
			    HDB_MARK_OK);
}

static char *path_in_tmp(const char *name)
{
	const char *keep = getenv("CHART_DIR");

	return xasprintf("%s/%s", keep && *keep ? keep : t_tmpdir(), name);
}

static char *slurp(const char *path, size_t *len)
{
	char *buf = NULL;

	if (read_file(path, &buf, len))
		return NULL;
	return buf;
}

/* The width and height an SVG from cairo declares ("720px"). */
static int svg_size(const char *svg, double *w, double *h)
{
	const char *p = strstr(svg, "<svg");

	if (!p || !(p = strstr(p, " width=\"")))
		return -1;
	*w = atof(p + 8);
	if (!(p = strstr(p, " height=\"")))
		return -1;
	*h = atof(p + 9);
	return 0;
}

static long png_dim(const unsigned char *b, int at)
{
	return ((long)b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) |
	       b[at + 3];
}

/* Draws c as SVG and PNG; checks both and removes them. */
static void draw_both(const struct hdb_chart *c, const char *stem)
{
	char *name = xasprintf("%s.svg", stem), *svg_path, *png_path;
	char *svg = NULL, *png = NULL;
	size_t svg_len = 0, png_len = 0;
	double w = 0, h = 0;

	svg_path = path_in_tmp(name);
	free(name);
	name = xasprintf("%s.png", stem);
	png_path = path_in_tmp(name);
	free(name);
	CHECK_INT(hdb_render_chart(c, svg_path), 0);
	CHECK_INT(hdb_render_chart(c, png_path), 0);
	svg = slurp(svg_path, &svg_len);
	png = slurp(png_path, &png_len);
	CHECK(svg && png);
	if (svg && png) {
		const unsigned char *b = (const unsigned char *)png;

		CHECK(!strncmp(svg, "<?xml", 5));
		CHECK_HAS(svg, "</svg>");
		CHECK_INT(svg_size(svg, &w, &h), 0);
		CHECK(png_len > 24 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8) &&
		      !memcmp(b + 12, "IHDR", 4));
		CHECK_INT(png_dim(b, 16), (long)(2 * w));
		CHECK_INT(png_dim(b, 20), (long)(2 * h));
		CHECK(w == 720);
	}
	if (!getenv("CHART_DIR")) {
		CHECK_INT(unlink(svg_path), 0);
		CHECK_INT(unlink(png_path), 0);
	}
	free(svg);
	free(png);
	free(svg_path);
	free(png_path);
}

static void test_kinds(void)
{
	struct hdb_chart c;

	seed_depth(&c);
	draw_both(&c, "depth");
	hdb_chart_release(&c);
	crashed_depth(&c);
	draw_both(&c, "crashed");
	hdb_chart_release(&c);
	ratio30(&c);
	draw_both(&c, "ratio30");
	hdb_chart_release(&c);
	pass_chart(&c);
	draw_both(&c, "pass");
	hdb_chart_release(&c);
	hdb_chart_init(&c, HDB_CHART_DEPTH, "empty", "nothing here yet",
		       "depth (tokens)", "tokens/s");
	draw_both(&c, "empty");
	hdb_chart_release(&c);
}

/* A name from an input never becomes markup: cairo writes glyphs. */
static void test_svg_injection(void)
{
	struct hdb_chart c;
	struct hdb_chart_series *s;
	char *path = path_in_tmp("x.svg"), *svg;
	size_t len = 0;

	hdb_chart_init(&c, HDB_CHART_RATIO, "x",
		       "<script>alert(1)</script> & \"quotes\"", NULL,
		       "ratio ]]> <!--");
	s = hdb_chart_add_series(&c, "<b>host</b>\n\x01\xff", 0);
	hdb_chart_add_point(s, 0, NULL, 1, NAN, NAN, HDB_MARK_OK);
	hdb_chart_add_point(s, 0, "<script>alert(1)</script>", 2, 1.5, 3,
			    HDB_MARK_OK);
	CHECK_INT(hdb_render_chart(&c, path), 0);
	svg = slurp(path, &len);
	CHECK(svg != NULL);
	if (svg) {
		CHECK(!strstr(svg, "<script"));
		CHECK(!strstr(svg, "alert"));
		CHECK(!strstr(svg, "<b>"));
		CHECK(!strstr(svg, "]]>"));
		CHECK(!strstr(svg, "<!--"));
		CHECK(!strstr(svg, "<text"));	/* glyphs, never text */
		CHECK(strlen(svg) == len);	/* no NUL inside */
	}
	free(svg);
	if (!getenv("CHART_DIR"))
		CHECK_INT(unlink(path), 0);
	free(path);
	hdb_chart_release(&c);
}

static void test_deterministic(void)
{
	struct hdb_chart c;
	char *a = path_in_tmp("a.svg"), *b = path_in_tmp("b.svg");
	char *pa = path_in_tmp("a.png"), *pb = path_in_tmp("b.png");
	char *x = NULL, *y = NULL;
	size_t nx = 0, ny = 0;

	seed_depth(&c);
	CHECK_INT(hdb_render_chart(&c, a), 0);
	CHECK_INT(hdb_render_chart(&c, b), 0);
	x = slurp(a, &nx);
	y = slurp(b, &ny);
	CHECK(x && y && nx == ny && !memcmp(x, y, nx));
	free(x);
	free(y);
	CHECK_INT(hdb_render_chart(&c, pa), 0);
	CHECK_INT(hdb_render_chart(&c, pb), 0);
	x = slurp(pa, &nx);
	y = slurp(pb, &ny);
	CHECK(x && y && nx == ny && !memcmp(x, y, nx));
	free(x);
	free(y);
	unlink(a);
	unlink(b);
	unlink(pa);
	unlink(pb);
	free(a);
	free(b);
	free(pa);
	free(pb);
	hdb_chart_release(&c);
}

static void test_errors(void)
{
	struct hdb_chart c;
	char *p;
	struct stat st;

	seed_depth(&c);
	p = path_in_tmp("chart.gif");
	CHECK_INT(hdb_render_chart(&c, p), -1);
	CHECK_HAS(hdb_errmsg(), "expected a name ending in '.svg' or '.png'");
	CHECK(stat(p, &st) && errno == ENOENT);
	free(p);
	p = path_in_tmp("no-such-dir/chart.svg");
	CHECK_INT(hdb_render_chart(&c, p), -1);
	CHECK_HAS(hdb_errmsg(), "cannot write '");
	free(p);
	/* a directory where the chart should go: the temporary goes too */
	p = path_in_tmp("dir.svg");
	CHECK_INT(mkdir(p, 0700), 0);
	CHECK_INT(hdb_render_chart(&c, p), -1);
	CHECK_HAS(hdb_errmsg(), "cannot write '");
	CHECK_INT(rmdir(p), 0);
	free(p);
	hdb_chart_release(&c);
}

/* Nothing but what a test removed itself may stay in the temp dir. */
static void test_nothing_left(void)
{
	char *cmd;
	int n;
	FILE *f;

	if (getenv("CHART_DIR"))
		return;
	cmd = xasprintf("ls -A '%s' | wc -l", t_tmpdir());
	f = popen(cmd, "r");
	CHECK(f && fscanf(f, "%d", &n) == 1);
	if (f)
		pclose(f);
	CHECK_INT(n, 0);
	free(cmd);
}

int main(void)
{
	RUN(test_kinds);
	RUN(test_svg_injection);
	RUN(test_deterministic);
	RUN(test_errors);
	RUN(test_nothing_left);
	return t_done();
}
