/* Unit tests: render/layout.c, the pure chart layout, through its dump.
 * Text is measured by a fixed-width stand-in (0.6 em a character). */
#include "harness.h"
#include "../../render/layout.h"
#include "../../util.h"

static double fixed_width(void *ctx, const char *text, double size)
{
	size_t n = 0;

	(void)ctx;
	for (; *text; text++)
		n += ((unsigned char)*text & 0xc0) != 0x80;
	return 0.6 * size * (double)n;
}

static char *dump_of(const struct hdb_chart *c, double w, double h)
{
	struct hdb_layout l;
	struct strbuf sb = STRBUF_INIT;

	hdb_layout_chart(&l, c, w, h, fixed_width, NULL);
	hdb_layout_dump(&l, &sb);
	hdb_layout_release(&l);
	return strbuf_detach(&sb);
}

struct tbox {
	double x, y, w, h;
	char line[200];
};

/* The text boxes of a dump. */
static size_t text_boxes(const char *dump, struct tbox *b, size_t max)
{
	const char *p = dump;
	size_t n = 0;

	while (p && *p) {
		const char *e = strchr(p, '\n'), *t = strstr(p, " text ");
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (t && t < p + len && n < max) {
			char role[32], ink[32];

			if (sscanf(t, " text %31s %31s %lf %lf %lf %lf", role,
				   ink, &b[n].x, &b[n].y, &b[n].w,
				   &b[n].h) == 6) {
				snprintf(b[n].line, sizeof(b[n].line), "%.*s",
					 (int)len, p);
				n++;
			}
		}
		p = e ? e + 1 : NULL;
	}
	return n;
}

/* Every text inside the canvas, no two overlapping (0.1 rounding
 * allowed); returns the number of texts. */
static size_t check_texts(const char *dump, double cw, double ch)
{
	static struct tbox b[512];
	size_t n = text_boxes(dump, b, 512), i, j;

	for (i = 0; i < n; i++) {
		if (b[i].x < -0.05 || b[i].y < -0.05 ||
		    b[i].x + b[i].w > cw + 0.1 || b[i].y + b[i].h > ch + 0.1)
			T_FAIL("outside the canvas: %s", b[i].line);
		for (j = 0; j < i; j++)
			if (b[i].x < b[j].x + b[j].w - 0.1 &&
			    b[j].x < b[i].x + b[i].w - 0.1 &&
			    b[i].y < b[j].y + b[j].h - 0.1 &&
			    b[j].y < b[i].y + b[i].h - 0.1)
				T_FAIL("texts overlap:\n  %s\n  %s", b[j].line,
				       b[i].line);
	}
	return n;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (; (hay = strstr(hay, needle)); hay++)
		n++;
	return n;
}

/* The seed's qwen3-30b-a3b tg numbers (000, long context). */
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
		hdb_chart_add_point(s, d[i], NULL, a30[i], a30[i] * 0.98,
				    a30[i] * 1.02, HDB_MARK_OK);
	s = hdb_chart_add_series(c, "Strix Halo", 1);
	for (i = 0; i < 4; i++)
		hdb_chart_add_point(s, d[i], NULL, sh[i], sh[i] * 0.98,
				    sh[i] * 1.02, HDB_MARK_OK);
	c->crossover = 17151;
	c->crossover_from = 8192;
	c->crossover_to = 32768;
}

static void test_depth_seed(void)
{
	struct hdb_chart c;
	struct hdb_layout l;
	char *d;
	size_t i;

	seed_depth(&c);
	hdb_layout_chart(&l, &c, 0, 0, fixed_width, NULL);
	CHECK_NEAR(l.width, 720, 0);
	CHECK_NEAR(l.height, 400, 0);
	CHECK_INT(l.x.scale, HDB_SCALE_LOG2);
	CHECK_INT(l.x.n_ticks, 5);
	if (l.x.n_ticks == 5) {
		static const char *const want[] = { "0", "8K", "16K", "32K",
						     "65K" };
		double oct = l.x.ticks[2].pos - l.x.ticks[1].pos;

		for (i = 0; i < 5; i++)
			CHECK_STR(l.x.ticks[i].label, want[i]);
		/* 0 sits one octave left of 8K, 16 px in from the edge */
		CHECK_NEAR(l.x.ticks[1].pos - l.x.ticks[0].pos, oct, 1e-9);
		CHECK_NEAR(l.x.ticks[0].pos, l.plot_x + 16, 1e-9);
		CHECK_NEAR(l.x.ticks[4].pos, l.plot_x + l.plot_w - 16, 1e-9);
	}
	/* y from 0, a 1-2-5 step, over the largest interval end */
	CHECK_INT(l.y.scale, HDB_SCALE_LINEAR);
	CHECK_NEAR(l.y.min, 0, 0);
	CHECK(l.y.max >= 136.2 * 1.02);
	CHECK(l.y.n_ticks >= 3);
	CHECK_STR(l.y.ticks[0].label, "0");
	CHECK_NEAR(l.y.ticks[0].pos, l.plot_y + l.plot_h, 1e-9);
	CHECK_STR(l.y.unit, "tokens/s");
	CHECK_STR(l.x.unit, "depth (tokens)");
	hdb_layout_release(&l);

	d = dump_of(&c, 0, 0);
	check_texts(d, 720, 400);
	CHECK_HAS(d, "canvas 720.0 400.0\n");
	CHECK_HAS(d, "xaxis log2 0 65536 \"depth (tokens)\"\n");
	CHECK_HAS(d, "\"crossover ~17K\"");
	CHECK_HAS(d, "crossover line fg w1.0 dash");
	CHECK_HAS(d, "title text title fg 10.0 10.0");
	CHECK_INT(count(d, "band s"), 2);
	CHECK_INT(count(d, "line s"), 2);
	CHECK_INT(count(d, "point s"), 8);
	CHECK_INT(count(d, "marker crashed"), 0);
	CHECK_HAS(d, "legend s0 text legend");
	CHECK_HAS(d, "\"Strix Halo\"");
	/* paint order: the background first, the legend last */
	CHECK(!strncmp(strstr(d, "background"), "background rect bg",
		       18));
	CHECK(strstr(d, "grid line") < strstr(d, "band s0"));
	CHECK(strstr(d, "band s1") < strstr(d, "line s0"));
	CHECK(strstr(d, "point s1") < strstr(d, "\naxis line"));
	CHECK(strstr(d, "\naxis line") < strstr(d, "ytick text"));
	CHECK(strstr(d, "\"crossover ~17K\"") < strstr(d, "legend s0"));
	if (t_failed_now)
		fputs(d, stderr);
	free(d);
	hdb_chart_release(&c);
}

static void test_deterministic(void)
{
	struct hdb_chart c;
	char *a, *b;

	seed_depth(&c);
	a = dump_of(&c, 0, 0);
	b = dump_of(&c, 0, 0);
	CHECK_STR(a, b);
	free(a);
	free(b);
	hdb_chart_release(&c);
}

static void test_one_point(void)
{
	struct hdb_chart c;
	struct hdb_chart_series *s;
	char *d;

	hdb_chart_init(&c, HDB_CHART_DEPTH, "one", "one point",
		       "depth (tokens)", "tokens/s");
	s = hdb_chart_add_series(&c, "A30", 0);
	hdb_chart_add_point(s, 0, NULL, 50.0, 48, 52, HDB_MARK_OK);
	d = dump_of(&c, 0, 0);
	check_texts(d, 720, 400);
	CHECK_HAS(d, "  tick 0 365.6 \"0\"\n");	/* centred */
	CHECK_INT(count(d, "point s0"), 1);
	CHECK_INT(count(d, "whisker s0"), 1);
	CHECK_INT(count(d, "line s0"), 0);
	CHECK_HAS(d, "  tick 60 ");
	if (t_failed_now)
		fputs(d, stderr);
	free(d);
	hdb_chart_release(&c);

	/* one point at a depth that is not 0 */
	hdb_chart_init(&c, HDB_CHART_DEPTH, "one", "one point", NULL,
		       "tokens/s");
	s = hdb_chart_add_series(&c, "A30", 0);
	hdb_chart_add_point(s, 4096, NULL, 7.5, NAN, NAN, HDB_MARK_OK);
	d = dump_of(&c, 0, 0);
	check_texts(d, 720, 400);
	CHECK_HAS(d, "xaxis log2 4096 8192 \"\"\n");
	CHECK_HAS(d, "\"4K\"");
	CHECK_HAS(d, "\"8K\"");
	CHECK_HAS(d, "  tick 8 ");
	free(d);
	hdb_chart_release(&c);
}

static void test_all_equal(void)
{
	struct hdb_chart c;
	struct hdb_chart_series *s;
	char *d;
	int i, k;

	hdb_chart_init(&c, HDB_CHART_DEPTH, "eq", "all equal",
		       "depth (tokens)", "tokens/s");
	for (k = 0; k < 2; k++) {
		s = hdb_chart_add_series(&c, k ? "b" : "a", k);
		for (i = 0; i < 3; i++)
			hdb_chart_add_point(s, i ? 8192 * i : 0, NULL, 42, NAN,
					    NAN, HDB_MARK_OK);
	}
	d = dump_of(&c, 0, 0);
	check_texts(d, 720, 400);
	CHECK_HAS(d, "yaxis linear 0 50 \"tokens/s\"\n");
	CHECK_INT(count(d, "band s"), 0);
	CHECK_INT(count(d, "line s"), 2);
	free(d);
	hdb_chart_release(&c);

	/* all zero: a range still */
	hdb_chart_init(&c, HDB_CHART_DEPTH, "z", "zero", NULL, "tokens/s");
	s = hdb_chart_add_series(&c, "a", 0);
	hdb_chart_add_point(s, 0, NULL, 0, NAN, NAN, HDB_MARK_OK);
	hdb_chart_add_point(s, 512, NULL, 0, NAN, NAN, HDB_MARK_OK);
	d = dump_of(&c, 0, 0);
	check_texts(d, 720, 400);
	CHECK_HAS(d, "yaxis linear 0 1 ");
	CHECK_HAS(d, "\"512\"");
	free(d);
	hdb_chart_release(&c);
}

static void test_crashed(void)
{
	struct hdb_chart c;
	struct hdb_chart_series *s;
	char *d, *line;

	hdb_chart_init(&c, HDB_CHART_DEPTH, "g", "granite-3.1-8b: tg128",
		       "depth (tokens)", "tokens/s");
	s = hdb_chart_add_series(&c, "Strix Halo", 1);
	hdb_chart_add_point(s, 0, NULL, 39.5, NAN, NAN, HDB_MARK_OK);
	hdb_chart_add_point(s, 8192, NULL, 30, NAN, NAN, HDB_MARK_OK);
	hdb_chart_add_point(s, 32768, NULL, 0, NAN, NAN, HDB_MARK_WEDGED);
	hdb_chart_add_point(s, 65536, NULL, 20, NAN, NAN, HDB_MARK_OK);
	s = hdb_chart_add_series(&c, "A30", 0);
	hdb_chart_add_point(s, 65536, NULL, 0, NAN, NAN, HDB_MARK_CRASHED);
	d = dump_of(&c, 0, 0);
	check_texts(d, 720, 400);
	/* the line stops at the wedged point; none resumes for one point */
	CHECK_INT(count(d, "line s0"), 1);
	line = strstr(d, "line s0 line");
	CHECK(line && strchr(line, '\n') - line < 60);	/* two points */
	CHECK_INT(count(d, "point s0"), 3);
	CHECK_INT(count(d, "marker s0 marker wedged c1"), 1);
	CHECK_INT(count(d, "marker s1 marker crashed c0"), 1);
	/* a kind in the legend and a word beside its marker */
	CHECK_HAS(d, "legend marker crashed muted");
	CHECK_HAS(d, "legend text legend fg");
	CHECK_HAS(d, "mark text note c0");
	CHECK_HAS(d, "\"crashed\"");
	CHECK_HAS(d, "\"wedged\"");
	if (t_failed_now)
		fputs(d, stderr);
	free(d);
	hdb_chart_release(&c);

	/* a series with nothing but a crash */
	hdb_chart_init(&c, HDB_CHART_DEPTH, "c", "crashed only",
		       "depth (tokens)", "tokens/s");
	s = hdb_chart_add_series(&c, "A30", 0);
	hdb_chart_add_point(s, 0, NULL, NAN, NAN, NAN, HDB_MARK_CRASHED);
	hdb_chart_add_point(s, 65536, NULL, NAN, NAN, NAN, HDB_MARK_OOM);
	d = dump_of(&c, 0, 0);
	check_texts(d, 720, 400);
	CHECK(!strstr(d, "\nempty"));
	CHECK_INT(count(d, "ytick"), 0);	/* no value was measured */
	CHECK_INT(count(d, "marker s0 marker crashed"), 1);
	CHECK_INT(count(d, "marker s0 marker oom"), 1);
	CHECK_INT(count(d, "point s0"), 0);
	CHECK_HAS(d, "\"oom\"");
	if (t_failed_now)
		fputs(d, stderr);
	free(d);
	hdb_chart_release(&c);
}

static void test_empty(void)
{
	struct hdb_chart c;
	char *d;

	hdb_chart_init(&c, HDB_CHART_DEPTH, "e", "nothing", "depth",
		       "tokens/s");
	d = dump_of(&c, 0, 0);
	check_texts(d, 720, 400);
	CHECK_HAS(d, "\nempty\n");
	CHECK_HAS(d, "empty text empty muted");
	CHECK_HAS(d, "\"no data\"");
	CHECK(!strstr(d, "xaxis"));
	free(d);
	/* a series without points is no data either */
	hdb_chart_add_series(&c, "A30", 0);
	d = dump_of(&c, 0, 0);
	CHECK_HAS(d, "\"no data\"");
	free(d);
	hdb_chart_release(&c);
	hdb_chart_init(&c, HDB_CHART_RATIO, "e", "nothing", NULL, NULL);
	d = dump_of(&c, 300, 200);
	check_texts(d, 300, 200);
	CHECK_HAS(d, "canvas 300.0 200.0\n");
	CHECK_HAS(d, "\"no data\"");
	free(d);
	hdb_chart_release(&c);
}

static void ratio_chart(struct hdb_chart *c, int n)
{
	struct hdb_chart_series *s;
	int i;

	hdb_chart_init(c, HDB_CHART_RATIO, "ratio", "tg128: A30 / Strix Halo",
		       "model", "ratio (A30 / Strix Halo)");
	s = hdb_chart_add_series(c, "A30 / Strix Halo", 0);
	for (i = 0; i < n; i++) {
		char name[64];
		double r = pow(10, (i % 7 - 3) / 3.0);

		snprintf(name, sizeof(name), "model-%02d-instruct-q4_k_m", i);
		if (i == 5)
			hdb_chart_add_point(s, 0, name, NAN, NAN, NAN,
					    HDB_MARK_OOM);
		else
			hdb_chart_add_point(s, 0, name, r, r * 0.9, r * 1.1,
					    HDB_MARK_OK);
	}
}

static void test_ratio_30(void)
{
	struct hdb_chart c;
	struct hdb_layout l;
	char *d;
	size_t i;
	int one = 0;

	ratio_chart(&c, 30);
	hdb_layout_chart(&l, &c, 0, 0, fixed_width, NULL);
	CHECK_INT(l.x.scale, HDB_SCALE_CATEGORY);
	CHECK_INT(l.x.n_ticks, 30);
	CHECK_INT(l.y.scale, HDB_SCALE_LOG10);
	CHECK_NEAR(l.y.min, 0.05, 1e-12);	/* 0.1 * 0.9 snapped down */
	CHECK_NEAR(l.y.max, 20, 1e-12);	/* 10 * 1.1 snapped up */
	for (i = 0; i < l.y.n_ticks; i++)
		one |= l.y.ticks[i].value == 1;
	CHECK(one);
	hdb_layout_release(&l);

	CHECK_NEAR(hdb_layout_height(&c), 480, 0);
	d = dump_of(&c, 0, 0);
	check_texts(d, 720, 400);
	/* at 400 px high the names are cut, each with an ellipsis */
	CHECK_INT(count(d, "\xe2\x80\xa6\"\n"), 2 * 30);	/* tick, text */
	free(d);
	d = dump_of(&c, 720, hdb_layout_height(&c));
	check_texts(d, 720, 480);
	/* every model labelled, turned to read upwards */
	CHECK_INT(count(d, "category text tick muted"), 30);
	CHECK_INT(count(d, " r90 "), 30);
	CHECK_HAS(d, "\"model-29-instruct-q4_k_m\"");
	CHECK_INT(count(d, "bar s0 rect"), 29);
	CHECK_INT(count(d, "marker s0 marker oom"), 1);
	CHECK_HAS(d, "reference line fg w1.2");
	CHECK_HAS(d, "\"ratio (A30 / Strix Halo)\"");
	if (t_failed_now)
		fputs(d, stderr);
	free(d);

	/* a narrow canvas thins them instead */
	d = dump_of(&c, 300, 400);
	check_texts(d, 300, 400);
	CHECK(count(d, "category text") < 30);
	CHECK(count(d, "category text") >= 10);
	free(d);
	hdb_chart_release(&c);

	/* three short names stay level */
	hdb_chart_init(&c, HDB_CHART_RATIO, "r", "ratio", NULL, "ratio");
	{
		struct hdb_chart_series *s =
			hdb_chart_add_series(&c, "A30 / Strix Halo", 0);

		hdb_chart_add_point(s, 0, "qwen3", 1.61, 1.5, 1.7,
				    HDB_MARK_OK);
		hdb_chart_add_point(s, 0, "granite", 0.73, 0.7, 0.76,
				    HDB_MARK_OK);
		hdb_chart_add_point(s, 0, "gemma", 1, NAN, NAN, HDB_MARK_OK);
	}
	d = dump_of(&c, 0, 0);
	check_texts(d, 720, 400);
	CHECK_INT(count(d, " r0 \"qwen3\""), 1);
	CHECK_HAS(d, "yaxis log10 0.5 2 \"ratio\"\n");
	CHECK_INT(count(d, "whisker s0"), 6);
	free(d);
	hdb_chart_release(&c);
}

static void test_pass_reference(void)
{
	struct hdb_chart c;
	struct hdb_chart_series *s;
	char *d;

	hdb_chart_init(&c, HDB_CHART_PASS, "pass", "pass rates", "benchmark",
		       "pass rate (%)");
	s = hdb_chart_add_series(&c, "A30", 0);
	hdb_chart_add_point(s, 0, "aider polyglot", 62.2, 58.1, 66.1,
			    HDB_MARK_OK);
	hdb_chart_add_point(s, 0, "gsm8k", 91.0, 89.3, 92.5, HDB_MARK_OK);
	s = hdb_chart_add_series(&c, "Strix Halo", 1);
	hdb_chart_add_point(s, 0, "aider polyglot", 61.8, 57.7, 65.7,
			    HDB_MARK_OK);
	hdb_chart_add_point(s, 0, "gsm8k", NAN, NAN, NAN, HDB_MARK_NOT_RUN);
	s = hdb_chart_add_series(&c, "Claude Sonnet 4 thinking", 4);
	s->reference = 1;
	hdb_chart_add_point(s, 0, "aider polyglot", 61.3, NAN, NAN,
			    HDB_MARK_OK);
	s = hdb_chart_add_series(&c, "GPT-5", 5);
	s->reference = 1;
	hdb_chart_add_point(s, 0, "aider polyglot", 88.0, NAN, NAN,
			    HDB_MARK_OK);
	d = dump_of(&c, 0, 0);
	check_texts(d, 720, 400);
	CHECK_HAS(d, "yaxis linear 0 100 \"pass rate (%)\"\n");
	CHECK_HAS(d, "xaxis category 0 2 \"benchmark\"\n");
	CHECK_INT(count(d, "reference s2 line c4 w2.5"), 1);
	CHECK_INT(count(d, "reference s3 line c5 w2.5"), 1);
	CHECK_INT(count(d, "point s0"), 2);
	CHECK_INT(count(d, "point s1"), 1);
	CHECK_INT(count(d, "whisker s0"), 6);
	CHECK_INT(count(d, "marker s1 marker not-run"), 1);
	CHECK_HAS(d, "reference text note c5");	/* "GPT-5" by its mark */
	CHECK_HAS(d, "legend s2 line c4 w2.5");
	if (t_failed_now)
		fputs(d, stderr);
	free(d);
	hdb_chart_release(&c);
}

static void test_hostile_text(void)
{
	struct hdb_chart c;
	struct hdb_chart_series *s;
	char *d;

	hdb_chart_init(&c, HDB_CHART_RATIO, "x", "a\ntitle\x01 \xff\xfe",
		       NULL, "ratio");
	s = hdb_chart_add_series(&c, "\"host\"\t\\", 0);
	hdb_chart_add_point(s, 0, "<script>alert(1)</script>", 2, NAN, NAN,
			    HDB_MARK_OK);
	d = dump_of(&c, 0, 0);
	check_texts(d, 720, 400);
	CHECK(hdb_utf8_valid(d));
	CHECK_HAS(d, "\"a title  \xef\xbf\xbd\xef\xbf\xbd\"");
	CHECK_HAS(d, "\"\\\"host\\\" \\\\\"");
	CHECK_HAS(d, "<script>alert(1)</script>");
	free(d);
	hdb_chart_release(&c);

	/* a title far too long is cut with an ellipsis, not off-canvas */
	hdb_chart_init(&c, HDB_CHART_DEPTH, "x",
		       "a very long title that goes on and on and on and on "
		       "and on and on and on and on and on and on past the "
		       "edge", NULL, "tokens/s");
	s = hdb_chart_add_series(&c, "a", 0);
	hdb_chart_add_point(s, 0, NULL, 1, NAN, NAN, HDB_MARK_OK);
	d = dump_of(&c, 0, 0);
	check_texts(d, 720, 400);
	CHECK_HAS(d, "\xe2\x80\xa6\"");
	free(d);
	hdb_chart_release(&c);
}

static void test_many_series_legend(void)
{
	struct hdb_chart c;
	char *d;
	int i;

	seed_depth(&c);
	for (i = 2; i < 12; i++) {
		char name[64];
		struct hdb_chart_series *s;

		snprintf(name, sizeof(name), "host number %d with a name", i);
		s = hdb_chart_add_series(&c, name, i);
		hdb_chart_add_point(s, 512, NULL, 10 * i, NAN, NAN,
				    HDB_MARK_OK);
	}
	d = dump_of(&c, 0, 0);
	check_texts(d, 720, 400);
	CHECK_INT(count(d, "legend s"), 3 * 12);	/* line, dot, name */
	CHECK_HAS(d, "\"512\"");
	CHECK_HAS(d, "\"1K\"");
	free(d);
	hdb_chart_release(&c);
}

static void test_depth_labels(void)
{
	char b[32];

	hdb_depth_label(b, sizeof(b), 0);
	CHECK_STR(b, "0");
	hdb_depth_label(b, sizeof(b), 512);
	CHECK_STR(b, "512");
	hdb_depth_label(b, sizeof(b), 1024);
	CHECK_STR(b, "1K");
	hdb_depth_label(b, sizeof(b), 8192);
	CHECK_STR(b, "8K");
	hdb_depth_label(b, sizeof(b), 32768);
	CHECK_STR(b, "32K");
	hdb_depth_label(b, sizeof(b), 65536);
	CHECK_STR(b, "65K");
	hdb_depth_label(b, sizeof(b), 131072);
	CHECK_STR(b, "131K");
}

static void test_palette(void)
{
	double a[3], b[3];

	hdb_ink_rgb(0, a);
	hdb_ink_rgb(HDB_PALETTE_N, b);
	CHECK(!memcmp(a, b, sizeof(a)));	/* index wraps */
	CHECK_NEAR(a[0], 0, 1e-9);		/* Okabe-Ito blue */
	CHECK_NEAR(a[2], 0xb2 / 255.0, 1e-9);
	hdb_ink_rgb(HDB_INK_BACKGROUND, a);
	CHECK_NEAR(a[0] + a[1] + a[2], 3, 1e-9);
}

int main(void)
{
	RUN(test_depth_seed);
	RUN(test_deterministic);
	RUN(test_one_point);
	RUN(test_all_equal);
	RUN(test_crashed);
	RUN(test_empty);
	RUN(test_ratio_30);
	RUN(test_pass_reference);
	RUN(test_hostile_text);
	RUN(test_many_series_legend);
	RUN(test_depth_labels);
	RUN(test_palette);
	return t_done();
}
