/*
 * layout.c: where everything of a chart goes, computed without drawing
 * (as RRDtool's calc_horizontal_grid and vnStat's getscale are).  In:
 * a chart spec from query/ (query.h), a canvas size and a text-measuring
 * callback; out: a struct hdb_layout of axes, ticks and shapes in paint
 * order (background, grid, bands, data, axes, labels, legend), which
 * render/chart.c paints with cairo and tests read through
 * hdb_layout_dump.
 *
 * The rules (see also notes/readme-charts.md):
 *  - a linear value axis starts at 0 and ends at the first multiple of a
 *    1-2-5 x 10^n step at or above the largest value (or interval end);
 *  - a ratio axis is log10, from the largest 1-2-5 x 10^n value at or
 *    below the smallest ratio to the smallest one at or above the
 *    largest, always including 1;
 *  - a depth axis is log2 with a tick at each power of two; depth 0 sits
 *    one octave's width left of the first power of two, and between the
 *    two the axis is linear;
 *  - a text is placed only where its box collides with no other text
 *    and lies inside the canvas; what cannot be placed is thinned out,
 *    shortened with an ellipsis, or moved to the legend;
 *  - a point that is not a measurement (wedged, crashed, oom, failed,
 *    not run) is a marker of its own at the bottom edge of the plot,
 *    never a value of zero.
 */
#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const struct hdb_font_spec hdb_font_roles[HDB_FONT_N] = {
	[HDB_FONT_TITLE] = { "title", 15.0 },
	[HDB_FONT_UNIT] = { "unit", 12.0 },
	[HDB_FONT_TICK] = { "tick", 11.0 },
	[HDB_FONT_LEGEND] = { "legend", 12.0 },
	[HDB_FONT_NOTE] = { "note", 11.0 },
	[HDB_FONT_EMPTY] = { "empty", 16.0 },
};

/* Okabe and Ito's colour-blind-safe palette, in the order series take
 * it; yellow comes last, being the faintest on a light background. */
static const unsigned char palette[HDB_PALETTE_N][3] = {
	{ 0x00, 0x72, 0xb2 },	/* blue */
	{ 0xd5, 0x5e, 0x00 },	/* vermillion */
	{ 0x00, 0x9e, 0x73 },	/* bluish green */
	{ 0xcc, 0x79, 0xa7 },	/* reddish purple */
	{ 0xe6, 0x9f, 0x00 },	/* orange */
	{ 0x56, 0xb4, 0xe9 },	/* sky blue */
	{ 0x00, 0x00, 0x00 },	/* black */
	{ 0xf0, 0xe4, 0x42 },	/* yellow */
};

void hdb_ink_rgb(int ink, double rgb[3])
{
	static const unsigned char roles[][3] = {
		{ 0xff, 0xff, 0xff },	/* background */
		{ 0x22, 0x22, 0x22 },	/* text */
		{ 0x66, 0x66, 0x66 },	/* muted */
		{ 0xe4, 0xe4, 0xe4 },	/* grid */
		{ 0x44, 0x44, 0x44 },	/* axis */
	};
	const unsigned char *c;
	int i;

	if (ink >= 0)
		c = palette[ink % HDB_PALETTE_N];
	else if (ink >= HDB_INK_AXIS)
		c = roles[-ink - 1];
	else
		c = roles[1];
	for (i = 0; i < 3; i++)
		rgb[i] = c[i] / 255.0;
}

static const char *const mark_names[] = {
	[HDB_MARK_OK] = "ok", [HDB_MARK_WEDGED] = "wedged",
	[HDB_MARK_CRASHED] = "crashed", [HDB_MARK_OOM] = "oom",
	[HDB_MARK_FAILED] = "failed", [HDB_MARK_NOT_RUN] = "not run",
};
static const char *const marker_names[] = {
	[HDB_MARKER_DOT] = "dot", [HDB_MARKER_WEDGED] = "wedged",
	[HDB_MARKER_CRASHED] = "crashed", [HDB_MARKER_OOM] = "oom",
	[HDB_MARKER_FAILED] = "failed", [HDB_MARKER_NOT_RUN] = "not-run",
};
#define N_MARKS 6

#define PAD 10.0		/* canvas edge to anything */
#define GAP 6.0			/* between a label and what it labels */
#define MAX_LEGEND_TEXT 180.0
#define MAX_CATEGORY_TEXT 160.0

struct box {
	double x, y, w, h;
};
struct seg {
	double x0, y0, x1, y1;
};

/* A legend entry: a series or a kind of marker. */
struct entry {
	int series;		/* or -1 for a marker kind */
	int ink;
	enum hdb_marker_kind marker;
	int swatch;		/* 0 line+dot, 1 bar, 2 dot, 3 reference
				 * mark, 4 marker */
	char *text;
	double w;		/* swatch and text */
};

struct lctx {
	struct hdb_layout *l;
	const struct hdb_chart *c;
	hdb_text_width_fn measure;
	void *mctx;
	struct box *obst;	/* data to keep labels off */
	size_t n_obst, cap_obst;
	struct seg *segs;
	size_t n_segs, cap_segs;
	char **cats;		/* RATIO, PASS: categories, first seen first */
	size_t n_cats;
	size_t n_dodge;		/* non-reference series */
	/* the depth axis */
	int has_zero, lo2, hi2, zero_only;
	double u0;
};

/* --- text ------------------------------------------------------------ */

/* A copy of s that is valid UTF-8 without control characters (which a
 * painter could not show, and cairo's toy API refuses). */
static char *clean_text(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n, i = 0, len;
	unsigned cp;

	if (!s)
		return xstrdup("");
	len = strlen(s);
	while (i < len) {
		n = hdb_utf8_char(s + i, len - i, &cp);
		if (!n) {
			strbuf_addstr(&sb, "\xef\xbf\xbd");
			i++;
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			strbuf_addch(&sb, ' ');
			i += n;
		} else {
			strbuf_add(&sb, s + i, n);
			i += n;
		}
	}
	return strbuf_detach(&sb);
}

static double role_size(enum hdb_font_role r)
{
	return hdb_font_roles[r].size;
}

static double text_h(enum hdb_font_role r)
{
	return HDB_TEXT_HEIGHT * role_size(r);
}

static double text_w(struct lctx *x, const char *s, enum hdb_font_role r)
{
	double w = x->measure(x->mctx, s, role_size(r));

	return w > 0 && isfinite(w) ? w : 0;
}

/* s (clean) cut at a character boundary and ended with an ellipsis so
 * that it is at most maxw wide; a new string. */
static char *ellipsize(struct lctx *x, const char *s, enum hdb_font_role r,
		       double maxw)
{
	size_t len = strlen(s), cut, n;
	unsigned cp;
	char *t;

	if (text_w(x, s, r) <= maxw)
		return xstrdup(s);
	/* the character boundaries, longest first */
	for (cut = len; cut > 0; ) {
		size_t prev = 0, i = 0;

		while (i < cut && (n = hdb_utf8_char(s + i, len - i, &cp))) {
			if (i + n >= cut)
				break;
			i += n;
			prev = i;
		}
		cut = prev;
		t = xasprintf("%.*s\xe2\x80\xa6", (int)cut, s);
		if (text_w(x, t, r) <= maxw || !cut)
			return t;
		free(t);
	}
	return xstrdup("\xe2\x80\xa6");
}

/* --- shapes ---------------------------------------------------------- */

static struct hdb_shape *add_shape(struct hdb_layout *l,
				   enum hdb_shape_kind kind,
				   enum hdb_layer layer, int ink,
				   const char *what)
{
	struct hdb_shape *s;

	if (l->n_shapes == l->cap_shapes) {
		l->cap_shapes = l->cap_shapes ? 2 * l->cap_shapes : 64;
		l->shapes = xrealloc(l->shapes,
				     l->cap_shapes * sizeof(*l->shapes));
	}
	s = &l->shapes[l->n_shapes];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->layer = layer;
	s->ink = ink;
	s->alpha = 1.0;
	s->series = -1;
	s->what = what;
	s->seq = l->n_shapes++;
	return s;
}

static void add_rect(struct hdb_layout *l, enum hdb_layer layer, int ink,
		     double alpha, double x, double y, double w, double h,
		     const char *what, int series)
{
	struct hdb_shape *s = add_shape(l, HDB_SHAPE_RECT, layer, ink, what);

	s->alpha = alpha;
	s->x = x;
	s->y = y;
	s->w = w;
	s->h = h;
	s->series = series;
}

static struct hdb_shape *add_poly(struct hdb_layout *l,
				  enum hdb_shape_kind kind,
				  enum hdb_layer layer, int ink,
				  const double *pts, size_t n,
				  const char *what, int series)
{
	struct hdb_shape *s = add_shape(l, kind, layer, ink, what);

	s->pts = xmalloc(2 * n * sizeof(*pts));
	memcpy(s->pts, pts, 2 * n * sizeof(*pts));
	s->n_pts = n;
	s->width = 1.0;
	s->series = series;
	return s;
}

static void add_segment(struct hdb_layout *l, enum hdb_layer layer,
			int ink, double width, int dash, double x0, double y0,
			double x1, double y1, const char *what, int series)
{
	double p[4] = { x0, y0, x1, y1 };
	struct hdb_shape *s = add_poly(l, HDB_SHAPE_LINE, layer, ink, p, 2,
				       what, series);

	s->width = width;
	s->dash = dash;
}

static void add_marker(struct hdb_layout *l, enum hdb_layer layer, int ink,
		       enum hdb_marker_kind m, double x, double y,
		       double size, const char *what, int series)
{
	struct hdb_shape *s = add_shape(l, HDB_SHAPE_MARKER, layer, ink,
					what);

	s->marker = m;
	s->x = x;
	s->y = y;
	s->w = size;
	s->series = series;
}

/* A text whose box has its top left at x, y; text is cleaned. */
static void add_text(struct lctx *x, enum hdb_layer layer,
		     enum hdb_font_role role, int ink, double bx, double by,
		     int rot, const char *text, const char *what)
{
	struct hdb_shape *s;
	char *t = clean_text(text);
	double w = text_w(x, t, role), h = text_h(role);

	s = add_shape(x->l, HDB_SHAPE_TEXT, layer, ink, what);
	s->role = role;
	s->rot = rot;
	s->text = t;
	s->x = bx;
	s->y = by;
	s->w = rot ? h : w;
	s->h = rot ? w : h;
}

static int overlap(const struct box *a, const struct box *b, double m)
{
	return a->x < b->x + b->w + m && b->x < a->x + a->w + m &&
	       a->y < b->y + b->h + m && b->y < a->y + a->h + m;
}

/* Does a box collide with a text already placed, or leave the canvas? */
static int hits_text(struct lctx *x, const struct box *b)
{
	size_t i;

	if (b->x < 0 || b->y < 0 || b->x + b->w > x->l->width ||
	    b->y + b->h > x->l->height)
		return 1;
	for (i = 0; i < x->l->n_shapes; i++) {
		const struct hdb_shape *s = &x->l->shapes[i];
		struct box o = { s->x, s->y, s->w, s->h };

		if (s->kind == HDB_SHAPE_TEXT && overlap(b, &o, 1.0))
			return 1;
	}
	return 0;
}

/* Liang-Barsky: does a segment cross a box? */
static int seg_hits(const struct seg *g, const struct box *b)
{
	double t0 = 0, t1 = 1, dx = g->x1 - g->x0, dy = g->y1 - g->y0;
	double p[4] = { -dx, dx, -dy, dy };
	double q[4] = { g->x0 - b->x, b->x + b->w - g->x0,
			g->y0 - b->y, b->y + b->h - g->y0 };
	int i;

	for (i = 0; i < 4; i++) {
		if (p[i] == 0) {
			if (q[i] < 0)
				return 0;
		} else {
			double t = q[i] / p[i];

			if (p[i] < 0 && t > t1)
				return 0;
			if (p[i] > 0 && t < t0)
				return 0;
			if (p[i] < 0 && t > t0)
				t0 = t;
			if (p[i] > 0 && t < t1)
				t1 = t;
		}
	}
	return t0 <= t1;
}

static int hits_data(struct lctx *x, const struct box *b)
{
	size_t i;

	for (i = 0; i < x->n_obst; i++)
		if (overlap(b, &x->obst[i], 1.0))
			return 1;
	for (i = 0; i < x->n_segs; i++)
		if (seg_hits(&x->segs[i], b))
			return 1;
	return 0;
}

static void obstacle(struct lctx *x, double cx, double cy, double r)
{
	if (x->n_obst == x->cap_obst) {
		x->cap_obst = x->cap_obst ? 2 * x->cap_obst : 32;
		x->obst = xrealloc(x->obst, x->cap_obst * sizeof(*x->obst));
	}
	x->obst[x->n_obst++] = (struct box){ cx - r, cy - r, 2 * r, 2 * r };
}

static void obstacle_seg(struct lctx *x, double x0, double y0, double x1,
			 double y1)
{
	if (x->n_segs == x->cap_segs) {
		x->cap_segs = x->cap_segs ? 2 * x->cap_segs : 32;
		x->segs = xrealloc(x->segs, x->cap_segs * sizeof(*x->segs));
	}
	x->segs[x->n_segs++] = (struct seg){ x0, y0, x1, y1 };
}

static int in_plot(const struct hdb_layout *l, const struct box *b)
{
	return b->x >= l->plot_x + 1 && b->y >= l->plot_y + 1 &&
	       b->x + b->w <= l->plot_x + l->plot_w - 1 &&
	       b->y + b->h <= l->plot_y + l->plot_h - 1;
}

/*
 * Places a label inside the plot at the first of n candidate top-left
 * corners where it collides with no text and covers no data; failing
 * that, with no_data 0, the first where it collides with no text.
 * Returns 1 when placed.
 */
static int place_label(struct lctx *x, const char *text,
		       enum hdb_font_role role, int ink, const double *cand,
		       size_t n, int need_free, const char *what)
{
	char *t = clean_text(text);
	double w = text_w(x, t, role), h = text_h(role);
	int pass, ret = 0;
	size_t i;

	for (pass = 0; pass < (need_free ? 1 : 2) && !ret; pass++)
		for (i = 0; i < n; i++) {
			struct box b = { cand[2 * i], cand[2 * i + 1], w, h };

			if (!in_plot(x->l, &b) || hits_text(x, &b) ||
			    (!pass && hits_data(x, &b)))
				continue;
			add_text(x, HDB_LAYER_LABEL, role, ink, b.x, b.y, 0, t,
				 what);
			ret = 1;
			break;
		}
	free(t);
	return ret;
}

/* --- scales ---------------------------------------------------------- */

/* The smallest 1-2-5 x 10^n at or above v (> 0). */
static double nice_up(double v)
{
	double m = pow(10, floor(log10(v))), f = v / m;

	if (f <= 1 + 1e-9)
		return m;
	if (f <= 2 + 1e-9)
		return 2 * m;
	if (f <= 5 + 1e-9)
		return 5 * m;
	return 10 * m;
}

/* The largest 1-2-5 x 10^n at or below v (> 0). */
static double nice_down(double v)
{
	double m = pow(10, floor(log10(v))), f = v / m;

	if (f >= 5 - 1e-9)
		return 5 * m;
	if (f >= 2 - 1e-9)
		return 2 * m;
	return m;
}

static void add_tick(struct hdb_axis *a, double value, double pos,
		     const char *label)
{
	a->ticks = xrealloc(a->ticks, (a->n_ticks + 1) * sizeof(*a->ticks));
	a->ticks[a->n_ticks].value = value;
	a->ticks[a->n_ticks].pos = pos;
	a->ticks[a->n_ticks].label = label ? xstrdup(label) : NULL;
	a->n_ticks++;
}

static double y_pos(const struct hdb_layout *l, double v)
{
	const struct hdb_axis *a = &l->y;
	double f;

	if (a->scale == HDB_SCALE_LOG10)
		f = (log10(v) - log10(a->min)) /
		    (log10(a->max) - log10(a->min));
	else
		f = (v - a->min) / (a->max - a->min);
	return l->plot_y + l->plot_h - f * l->plot_h;
}

#define XPAD 16.0		/* plot edge to the first and last depth */

static double depth_unit(const struct lctx *x, double d)
{
	if (d <= 0)
		return x->lo2 - 1;
	if (d < ldexp(1, x->lo2))
		return x->lo2 - 1 + d / ldexp(1, x->lo2);
	return log2(d);
}

static double x_pos(const struct lctx *x, double d)
{
	const struct hdb_layout *l = x->l;

	if (x->zero_only)
		return l->plot_x + l->plot_w / 2;
	return l->plot_x + XPAD + (depth_unit(x, d) - x->u0) /
	       (x->hi2 - x->u0) * (l->plot_w - 2 * XPAD);
}

static double cat_pos(const struct lctx *x, size_t i)
{
	return x->l->plot_x + (i + 0.5) * x->l->plot_w / x->n_cats;
}

static double slot_w(const struct lctx *x)
{
	return x->l->plot_w / x->n_cats;
}

double hdb_layout_height(const struct hdb_chart *c)
{
	size_t i, j, n = 0;

	if (c->kind == HDB_CHART_DEPTH)
		return HDB_CHART_HEIGHT;
	/* room for the category labels, which many categories turn */
	for (i = 0; i < c->n_series; i++)
		for (j = 0; j < c->series[i].n_points; j++)
			n++;
	return n > 10 ? HDB_CHART_HEIGHT + 80 : HDB_CHART_HEIGHT;
}

void hdb_depth_label(char *buf, size_t size, double d)
{
	if (d < 1000)
		snprintf(buf, size, "%.0f", d);
	else
		snprintf(buf, size, "%.0fK", floor(d / 1000));
}

static int finite_ok(const struct hdb_chart_point *p)
{
	return p->mark == HDB_MARK_OK && isfinite(p->y);
}

static size_t cat_index(const struct lctx *x, const char *cat)
{
	size_t i;

	for (i = 0; i < x->n_cats; i++)
		if (!strcmp(x->cats[i], cat ? cat : ""))
			return i;
	return 0;
}

/* --- the pieces of a chart ------------------------------------------- */

static void collect_categories(struct lctx *x)
{
	const struct hdb_chart *c = x->c;
	size_t i, j, k;

	for (i = 0; i < c->n_series; i++) {
		if (!c->series[i].reference)
			x->n_dodge++;
		for (j = 0; j < c->series[i].n_points; j++) {
			const char *cat = c->series[i].points[j].category;

			if (!cat)
				cat = "";
			for (k = 0; k < x->n_cats; k++)
				if (!strcmp(x->cats[k], cat))
					break;
			if (k < x->n_cats)
				continue;
			x->cats = xrealloc(x->cats, (x->n_cats + 1) *
					   sizeof(*x->cats));
			x->cats[x->n_cats++] = xstrdup(cat);
		}
	}
	if (!x->n_dodge)
		x->n_dodge = 1;
}

static enum hdb_marker_kind marker_of(enum hdb_chart_mark m)
{
	switch (m) {
	case HDB_MARK_WEDGED: return HDB_MARKER_WEDGED;
	case HDB_MARK_CRASHED: return HDB_MARKER_CRASHED;
	case HDB_MARK_OOM: return HDB_MARKER_OOM;
	case HDB_MARK_FAILED: return HDB_MARKER_FAILED;
	case HDB_MARK_NOT_RUN: return HDB_MARKER_NOT_RUN;
	default: return HDB_MARKER_DOT;
	}
}

/* The legend: one entry per series, then one per kind of marker seen. */
static size_t legend_entries(struct lctx *x, struct entry **out)
{
	const struct hdb_chart *c = x->c;
	struct entry *e = xcalloc(c->n_series + N_MARKS, sizeof(*e));
	int seen[N_MARKS] = { 0 };
	size_t i, j, n = 0;
	int m;

	for (i = 0; i < c->n_series; i++) {
		const struct hdb_chart_series *s = &c->series[i];
		char *t = clean_text(s->name);

		e[n].series = (int)i;
		e[n].ink = s->color < 0 ? 0 : s->color;
		e[n].swatch = s->reference ? 3
			: c->kind == HDB_CHART_DEPTH ? 0
			: c->kind == HDB_CHART_RATIO ? 1 : 2;
		e[n].text = ellipsize(x, t, HDB_FONT_LEGEND, MAX_LEGEND_TEXT);
		free(t);
		n++;
		for (j = 0; j < s->n_points; j++)
			seen[s->points[j].mark] = 1;
	}
	for (m = 1; m < N_MARKS; m++) {
		if (!seen[m])
			continue;
		e[n].series = -1;
		e[n].ink = HDB_INK_MUTED;
		e[n].swatch = 4;
		e[n].marker = marker_of((enum hdb_chart_mark)m);
		e[n].text = xstrdup(mark_names[m]);
		n++;
	}
	for (i = 0; i < n; i++)
		e[i].w = 18 + 5 + text_w(x, e[i].text, HDB_FONT_LEGEND);
	*out = e;
	return n;
}

/*
 * Lays the legend out in rows, right-aligned, from top; the first row
 * leaves first_left free on its left (the y unit).  Returns the rows'
 * bottom.
 */
static double place_legend(struct lctx *x, struct entry *e, size_t n,
			   double top, double first_left)
{
	struct hdb_layout *l = x->l;
	double rh = text_h(HDB_FONT_LEGEND), right = l->width - PAD;
	double y = top, left = first_left;
	size_t i = 0, j;

	while (i < n) {
		double w = 0;
		size_t end = i;

		/* as many entries as fit between left and right */
		while (end < n && (end == i ||
				   w + 14 + e[end].w <= right - left)) {
			w += (end > i ? 14 : 0) + e[end].w;
			end++;
		}
		if (end == i + 1 && w > right - left && left > PAD) {
			left = PAD;	/* not even one beside the unit */
			y += rh + 4;
			continue;
		}
		{
			double ex = right - w, cy = y + rh / 2;

			for (j = i; j < end; j++) {
				struct hdb_shape *s;

				switch (e[j].swatch) {
				case 0:
					add_segment(l, HDB_LAYER_LEGEND,
						    e[j].ink, 2, 0, ex, cy,
						    ex + 18, cy, "legend",
						    e[j].series);
					add_marker(l, HDB_LAYER_LEGEND,
						   e[j].ink, HDB_MARKER_DOT,
						   ex + 9, cy, 7, "legend",
						   e[j].series);
					break;
				case 1:
					add_rect(l, HDB_LAYER_LEGEND,
						 e[j].ink, 0.85, ex + 3,
						 cy - 5, 12, 10, "legend",
						 e[j].series);
					break;
				case 2:
					add_marker(l, HDB_LAYER_LEGEND,
						   e[j].ink, HDB_MARKER_DOT,
						   ex + 9, cy, 7, "legend",
						   e[j].series);
					break;
				case 3:
					add_segment(l, HDB_LAYER_LEGEND,
						    e[j].ink, 2.5, 0, ex + 1,
						    cy, ex + 17, cy,
						    "legend", e[j].series);
					break;
				default:
					add_marker(l, HDB_LAYER_LEGEND,
						   e[j].ink, e[j].marker,
						   ex + 9, cy, 9, "legend",
						   -1);
					break;
				}
				add_text(x, HDB_LAYER_LEGEND,
					 HDB_FONT_LEGEND, HDB_INK_TEXT,
					 ex + 23, y, 0, e[j].text, "legend");
				s = &l->shapes[l->n_shapes - 1];
				s->series = e[j].series;
				ex += e[j].w + 14;
			}
		}
		i = end;
		y += rh + 4;
		left = PAD;
	}
	return n ? y - 4 : top;
}

/* The value range of the y axis and its ticks; plot_y, plot_h known. */
static void y_scale(struct lctx *x)
{
	struct hdb_layout *l = x->l;
	const struct hdb_chart *c = x->c;
	double lo = INFINITY, hi = -INFINITY;
	int any = 0, pct = c->y_label && strchr(c->y_label, '%');
	size_t i, j;
	char buf[64];

	for (i = 0; i < c->n_series; i++)
		for (j = 0; j < c->series[i].n_points; j++) {
			const struct hdb_chart_point *p =
				&c->series[i].points[j];
			double v[3] = { p->y, p->lo, p->hi };
			int k;

			if (!finite_ok(p))
				continue;
			for (k = 0; k < 3; k++) {
				if (!isfinite(v[k]) ||
				    (c->kind == HDB_CHART_RATIO && v[k] <= 0))
					continue;
				any = 1;
				if (v[k] < lo)
					lo = v[k];
				if (v[k] > hi)
					hi = v[k];
			}
		}
	if (c->kind == HDB_CHART_RATIO) {
		double v, top, bot, decade;
		int only_decades;

		l->y.scale = HDB_SCALE_LOG10;
		if (!any)
			lo = hi = 1;
		bot = nice_down(lo < 1 ? lo : 1);
		top = nice_up(hi > 1 ? hi : 1);
		if (bot == 1 && top == 1) {
			bot = 0.5;
			top = 2;
		}
		l->y.min = bot;
		l->y.max = top;
		decade = l->plot_h / (log10(top) - log10(bot));
		only_decades = decade < 3.5 * text_h(HDB_FONT_TICK);
		for (v = bot; v <= top * (1 + 1e-9); v = nice_up(v * 1.0001)) {
			double m = v / pow(10, floor(log10(v) + 1e-9));
			int decadal = fabs(m - 1) < 1e-6;

			if (only_decades && !decadal)
				continue;
			snprintf(buf, sizeof(buf), "%g", v);
			add_tick(&l->y, v, y_pos(l, v), buf);
		}
		return;
	}
	l->y.scale = HDB_SCALE_LINEAR;
	l->y.min = 0;
	if (!any) {
		/* nothing measured: no value ticks at all */
		l->y.max = 1;
		return;
	}
	{
		int target = (int)(l->plot_h / 40);
		double step, top, cap = 0;
		int k, n, dec;

		if (target < 2)
			target = 2;
		if (target > 8)
			target = 8;
		if (hi <= 0)
			hi = 1;
		/* the finest 1-2-5 step that needs at most target steps */
		step = nice_up(hi / target);
		while (ceil(hi / nice_down(step * 0.99) - 1e-9) <= target)
			step = nice_down(step * 0.99);
		top = ceil(hi / step - 1e-9) * step;
		if (c->kind == HDB_CHART_PASS)
			cap = pct ? 100 : hi <= 1 ? 1 : 0;
		if (cap && top > cap && hi <= cap)
			top = cap;
		l->y.max = top;
		n = (int)floor(top / step + 1e-9);
		dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
		for (k = 0; k <= n; k++) {
			double v = k * step;

			snprintf(buf, sizeof(buf), "%.*f", dec, v);
			add_tick(&l->y, v, y_pos(l, v), buf);
		}
	}
}

/* The depth axis: its range, and the ticks (positions need plot_x/w). */
static void depth_range(struct lctx *x)
{
	const struct hdb_chart *c = x->c;
	double mn = INFINITY, mx = 0;
	size_t i, j;

	for (i = 0; i < c->n_series; i++)
		for (j = 0; j < c->series[i].n_points; j++) {
			double d = c->series[i].points[j].x;

			if (!isfinite(d))
				continue;
			if (d <= 0) {
				x->has_zero = 1;
				continue;
			}
			if (d < mn)
				mn = d;
			if (d > mx)
				mx = d;
		}
	if (isfinite(c->crossover) && c->crossover > 0) {
		if (c->crossover < mn)
			mn = c->crossover;
		if (c->crossover > mx)
			mx = c->crossover;
	}
	if (!isfinite(mn)) {
		x->zero_only = 1;
		x->lo2 = x->hi2 = 0;
		return;
	}
	x->lo2 = (int)floor(log2(mn));
	x->hi2 = (int)ceil(log2(mx));
	if (x->hi2 <= x->lo2)
		x->hi2 = x->lo2 + 1;
	x->u0 = x->has_zero ? x->lo2 - 1 : x->lo2;
}

/* Keeps a tick label only where it does not come within 6 px of the
 * last one kept (the first, 0 on a depth axis, always stays). */
static void x_tick_labels(struct lctx *x, double top)
{
	struct hdb_layout *l = x->l;
	struct hdb_axis *a = &l->x;
	double th = text_h(HDB_FONT_TICK);
	int stride;
	size_t i;

	for (stride = 1; stride <= (int)a->n_ticks; stride++) {
		double last = -INFINITY;
		int ok = 1;

		for (i = 0; i < a->n_ticks; i++) {
			double w = text_w(x, a->ticks[i].label, HDB_FONT_TICK);

			if (i && (i - (x->has_zero ? 1 : 0)) % stride &&
			    !(x->has_zero && i == 0))
				continue;
			if (a->ticks[i].pos - w / 2 < last + 6) {
				ok = 0;
				break;
			}
			last = a->ticks[i].pos + w / 2;
		}
		if (ok)
			break;
	}
	for (i = 0; i < a->n_ticks; i++) {
		double w = text_w(x, a->ticks[i].label, HDB_FONT_TICK);
		struct box b = { a->ticks[i].pos - w / 2, top, w, th };

		if ((i && (i - (x->has_zero ? 1 : 0)) % stride &&
		     !(x->has_zero && i == 0)) || hits_text(x, &b)) {
			free(a->ticks[i].label);
			a->ticks[i].label = NULL;
			continue;
		}
		add_text(x, HDB_LAYER_LABEL, HDB_FONT_TICK, HDB_INK_MUTED, b.x,
			 b.y, 0, a->ticks[i].label, "xtick");
	}
}

/* Category labels: level when each fits its slot, else turned to read
 * upwards and shortened; thinned when even turned they would touch. */
struct catlab {
	int rot;
	size_t stride;
	double height;		/* below the axis */
	char **text;
};

static void plan_categories(struct lctx *x, double plot_w, struct catlab *cl)
{
	double slot = plot_w / (x->n_cats ? x->n_cats : 1), maxw = 0;
	double th = text_h(HDB_FONT_TICK), maxlen;
	size_t i;

	cl->text = xcalloc(x->n_cats ? x->n_cats : 1, sizeof(*cl->text));
	for (i = 0; i < x->n_cats; i++) {
		double w;

		cl->text[i] = clean_text(x->cats[i]);
		w = text_w(x, cl->text[i], HDB_FONT_TICK);
		if (w > maxw)
			maxw = w;
	}
	cl->rot = maxw > slot - 4;
	cl->stride = 1;
	if (!cl->rot) {
		cl->height = th;
		return;
	}
	while (cl->stride * slot < th + 2)
		cl->stride++;
	maxlen = x->l->height * 0.35;
	if (maxlen > MAX_CATEGORY_TEXT)
		maxlen = MAX_CATEGORY_TEXT;
	cl->height = 0;
	for (i = 0; i < x->n_cats; i++) {
		char *t = ellipsize(x, cl->text[i], HDB_FONT_TICK, maxlen);
		double w = text_w(x, t, HDB_FONT_TICK);

		free(cl->text[i]);
		cl->text[i] = t;
		if (w > cl->height)
			cl->height = w;
	}
}

static void category_labels(struct lctx *x, struct catlab *cl, double top)
{
	struct hdb_axis *a = &x->l->x;
	double th = text_h(HDB_FONT_TICK);
	size_t i;

	a->scale = HDB_SCALE_CATEGORY;
	a->min = 0;
	a->max = (double)x->n_cats;
	for (i = 0; i < x->n_cats; i++) {
		double cx = cat_pos(x, i), w;
		int show = i % cl->stride == 0;
		struct box b;

		w = text_w(x, cl->text[i], HDB_FONT_TICK);
		b = cl->rot ? (struct box){ cx - th / 2, top, th, w }
			    : (struct box){ cx - w / 2, top, w, th };
		if (show && hits_text(x, &b))
			show = 0;
		add_tick(a, (double)i, cx, show ? cl->text[i] : NULL);
		if (show)
			add_text(x, HDB_LAYER_LABEL, HDB_FONT_TICK,
				 HDB_INK_MUTED, b.x, b.y, cl->rot ? 90 : 0,
				 cl->text[i], "category");
	}
}

/* The x position of series si's item in category ci (dodged). */
static double dodge_x(const struct lctx *x, size_t ci, size_t k)
{
	double group = slot_w(x) * 0.7;

	return cat_pos(x, ci) - group / 2 + (k + 0.5) * group / x->n_dodge;
}

/* Markers for points that are not measurements, at the bottom edge,
 * stacked where several share an x; their texts come later. */
struct pending {
	double x, y;
	int ink;
	const char *text;
};

static void mark_point(struct lctx *x, struct pending **pend, size_t *n,
		       double px, int ink, enum hdb_chart_mark m, int series)
{
	struct hdb_layout *l = x->l;
	double py = l->plot_y + l->plot_h - 9;
	size_t i;

	for (i = 0; i < *n; i++)
		if (fabs((*pend)[i].x - px) < 10 && (*pend)[i].y <= py + 0.1)
			py = (*pend)[i].y - 16;
	if (py < l->plot_y + 9)
		py = l->plot_y + 9;
	add_marker(l, HDB_LAYER_DATA, ink, marker_of(m), px, py, 10,
		   "marker", series);
	obstacle(x, px, py, 6);
	*pend = xrealloc(*pend, (*n + 1) * sizeof(**pend));
	(*pend)[*n] = (struct pending){ px, py, ink, mark_names[m] };
	(*n)++;
}

static void mark_labels(struct lctx *x, struct pending *p, size_t n)
{
	double h = text_h(HDB_FONT_NOTE);
	size_t i;

	for (i = 0; i < n; i++) {
		double w = text_w(x, p[i].text, HDB_FONT_NOTE);
		double cand[] = {
			p[i].x + 8, p[i].y - h / 2,
			p[i].x - 8 - w, p[i].y - h / 2,
			p[i].x - w / 2, p[i].y - 8 - h,
		};

		place_label(x, p[i].text, HDB_FONT_NOTE, p[i].ink, cand, 3, 1,
			    "mark");
	}
}

static void depth_data(struct lctx *x, struct pending **pend, size_t *np)
{
	struct hdb_layout *l = x->l;
	const struct hdb_chart *c = x->c;
	size_t si, j, k;

	for (si = 0; si < c->n_series; si++) {
		const struct hdb_chart_series *s = &c->series[si];
		int ink = s->color < 0 ? 0 : s->color;
		double *pts = xmalloc(4 * (s->n_points + 1) * sizeof(*pts));

		for (j = 0; j < s->n_points; j = k) {
			size_t n = 0, m;
			int band = 1;

			/* a run of measurements with an interval: a band */
			for (k = j; k < s->n_points && finite_ok(&s->points[k]);
			     k++)
				band &= isfinite(s->points[k].lo) &&
					isfinite(s->points[k].hi);
			if (k == j) {
				k++;
				continue;
			}
			if (band && k - j >= 2) {
				for (m = j; m < k; m++, n++) {
					pts[2 * n] = x_pos(x, s->points[m].x);
					pts[2 * n + 1] = y_pos(l, s->points[m].hi);
				}
				for (m = k; m-- > j; n++) {
					pts[2 * n] = x_pos(x, s->points[m].x);
					pts[2 * n + 1] = y_pos(l, s->points[m].lo);
				}
				add_poly(l, HDB_SHAPE_AREA, HDB_LAYER_BAND, ink,
					 pts, n, "band", (int)si)->alpha = 0.18;
			}
			n = 0;
			for (m = j; m < k; m++, n++) {
				pts[2 * n] = x_pos(x, s->points[m].x);
				pts[2 * n + 1] = y_pos(l, s->points[m].y);
				if (n)
					obstacle_seg(x, pts[2 * n - 2],
						     pts[2 * n - 1], pts[2 * n],
						     pts[2 * n + 1]);
			}
			if (n >= 2)
				add_poly(l, HDB_SHAPE_LINE, HDB_LAYER_DATA, ink,
					 pts, n, "line", (int)si)->width = 2;
		}
		free(pts);
		for (j = 0; j < s->n_points; j++) {
			const struct hdb_chart_point *p = &s->points[j];
			double px = x_pos(x, p->x);

			if (finite_ok(p)) {
				double py = y_pos(l, p->y);
				int alone = (j == 0 || !finite_ok(p - 1)) &&
					    (j + 1 == s->n_points ||
					     !finite_ok(p + 1));

				if (alone && isfinite(p->lo) && isfinite(p->hi))
					add_segment(l, HDB_LAYER_DATA, ink, 1.5,
						    0, px, y_pos(l, p->lo), px,
						    y_pos(l, p->hi), "whisker",
						    (int)si);
				add_marker(l, HDB_LAYER_DATA, ink,
					   HDB_MARKER_DOT, px, py, 7, "point",
					   (int)si);
				obstacle(x, px, py, 4.5);
			} else if (p->mark != HDB_MARK_OK && isfinite(p->x)) {
				mark_point(x, pend, np, px, ink, p->mark,
					   (int)si);
			}
		}
	}
}

static void crossover(struct lctx *x)
{
	struct hdb_layout *l = x->l;
	const struct hdb_chart *c = x->c;
	double cx, h = text_h(HDB_FONT_NOTE), w, cand[24];
	char buf[64], num[32];
	size_t n = 0;
	int i;

	if (!isfinite(c->crossover) || c->crossover <= 0)
		return;
	cx = x_pos(x, c->crossover);
	add_segment(l, HDB_LAYER_DATA, HDB_INK_TEXT, 1, 1, cx, l->plot_y, cx,
		    l->plot_y + l->plot_h, "crossover", -1);
	if (c->crossover < 1000)
		snprintf(num, sizeof(num), "%.0f", c->crossover);
	else
		snprintf(num, sizeof(num), "%.0fK",
			 round(c->crossover / 1000));
	snprintf(buf, sizeof(buf), "crossover ~%s", num);
	w = text_w(x, buf, HDB_FONT_NOTE);
	/* beside the line, top down, right side first */
	for (i = 0; i < 6; i++) {
		double y = l->plot_y + 4 + i * (l->plot_h - 8 - h) / 5;

		cand[n++] = cx + 4;
		cand[n++] = y;
		cand[n++] = cx - 4 - w;
		cand[n++] = y;
	}
	place_label(x, buf, HDB_FONT_NOTE, HDB_INK_TEXT, cand, n / 2, 0,
		    "crossover");
}

static void ratio_data(struct lctx *x, struct pending **pend, size_t *np)
{
	struct hdb_layout *l = x->l;
	const struct hdb_chart *c = x->c;
	double one = y_pos(l, 1), bw = slot_w(x) * 0.7 / x->n_dodge * 0.85;
	size_t si, j, k = 0;

	for (si = 0; si < c->n_series; si++, k++) {
		const struct hdb_chart_series *s = &c->series[si];
		int ink = s->color < 0 ? 0 : s->color;

		for (j = 0; j < s->n_points; j++) {
			const struct hdb_chart_point *p = &s->points[j];
			double cx = dodge_x(x, cat_index(x, p->category), k);

			if (finite_ok(p) && p->y > 0) {
				double py = y_pos(l, p->y);

				add_rect(l, HDB_LAYER_DATA, ink, 0.85,
					 cx - bw / 2, py < one ? py : one, bw,
					 fabs(one - py), "bar", (int)si);
				/* the value's own edge: a ratio of 1.0
				 * still shows */
				add_segment(l, HDB_LAYER_DATA, ink, 2, 0,
					    cx - bw / 2, py, cx + bw / 2, py,
					    "bar", (int)si);
				obstacle(x, cx, py, 3);
				if (isfinite(p->lo) && isfinite(p->hi) &&
				    p->lo > 0 && p->hi > 0) {
					double a = y_pos(l, p->lo);
					double b = y_pos(l, p->hi);
					double cap = bw / 4 < 4 ? bw / 4 : 4;

					add_segment(l, HDB_LAYER_DATA,
						    HDB_INK_TEXT, 1.2, 0, cx, a,
						    cx, b, "whisker", (int)si);
					add_segment(l, HDB_LAYER_DATA,
						    HDB_INK_TEXT, 1.2, 0,
						    cx - cap, a, cx + cap, a,
						    "whisker", (int)si);
					add_segment(l, HDB_LAYER_DATA,
						    HDB_INK_TEXT, 1.2, 0,
						    cx - cap, b, cx + cap, b,
						    "whisker", (int)si);
				}
			} else if (p->mark != HDB_MARK_OK) {
				mark_point(x, pend, np, cx, ink, p->mark,
					   (int)si);
			}
		}
	}
	add_segment(l, HDB_LAYER_AXIS, HDB_INK_TEXT, 1.2, 0, l->plot_x, one,
		    l->plot_x + l->plot_w, one, "reference", -1);
}

static void pass_data(struct lctx *x, struct pending **pend, size_t *np)
{
	struct hdb_layout *l = x->l;
	const struct hdb_chart *c = x->c;
	double half = slot_w(x) * 0.4;
	size_t si, j, k = 0;

	/* the reference marks first, so the host's dots lie on top */
	for (si = 0; si < c->n_series; si++) {
		const struct hdb_chart_series *s = &c->series[si];
		int ink = s->color < 0 ? 0 : s->color;

		if (!s->reference)
			continue;
		for (j = 0; j < s->n_points; j++) {
			const struct hdb_chart_point *p = &s->points[j];
			double cx = cat_pos(x, cat_index(x, p->category));
			double py;

			if (!finite_ok(p))
				continue;
			py = y_pos(l, p->y);
			add_segment(l, HDB_LAYER_DATA, ink, 2.5, 0, cx - half,
				    py, cx + half, py, "reference", (int)si);
			obstacle_seg(x, cx - half, py, cx + half, py);
		}
	}
	for (si = 0; si < c->n_series; si++) {
		const struct hdb_chart_series *s = &c->series[si];
		int ink = s->color < 0 ? 0 : s->color;

		if (s->reference)
			continue;
		for (j = 0; j < s->n_points; j++) {
			const struct hdb_chart_point *p = &s->points[j];
			double cx = dodge_x(x, cat_index(x, p->category), k);

			if (finite_ok(p)) {
				double py = y_pos(l, p->y);

				if (isfinite(p->lo) && isfinite(p->hi)) {
					double a = y_pos(l, p->lo);
					double b = y_pos(l, p->hi);

					add_segment(l, HDB_LAYER_DATA, ink, 1.5,
						    0, cx, a, cx, b, "whisker",
						    (int)si);
					add_segment(l, HDB_LAYER_DATA, ink, 1.5,
						    0, cx - 3, a, cx + 3, a,
						    "whisker", (int)si);
					add_segment(l, HDB_LAYER_DATA, ink, 1.5,
						    0, cx - 3, b, cx + 3, b,
						    "whisker", (int)si);
					obstacle_seg(x, cx, a, cx, b);
				}
				add_marker(l, HDB_LAYER_DATA, ink,
					   HDB_MARKER_DOT, cx, py, 8, "point",
					   (int)si);
				obstacle(x, cx, py, 5);
			} else if (p->mark != HDB_MARK_OK) {
				mark_point(x, pend, np, cx, ink, p->mark,
					   (int)si);
			}
		}
		k++;
	}
}

/* Labels the reference marks with their series' names, where they fit. */
static void pass_reference_labels(struct lctx *x)
{
	struct hdb_layout *l = x->l;
	const struct hdb_chart *c = x->c;
	double h = text_h(HDB_FONT_NOTE), half = slot_w(x) * 0.4;
	size_t si, j;

	for (si = 0; si < c->n_series; si++) {
		const struct hdb_chart_series *s = &c->series[si];
		char *name;

		if (!s->reference)
			continue;
		{
			char *t = clean_text(s->name);

			name = ellipsize(x, t, HDB_FONT_NOTE, 2 * half > 60 ?
					 2 * half : 60);
			free(t);
		}
		for (j = 0; j < s->n_points; j++) {
			const struct hdb_chart_point *p = &s->points[j];
			double cx = cat_pos(x, cat_index(x, p->category));
			double py, w = text_w(x, name, HDB_FONT_NOTE);
			double cand[8];

			if (!finite_ok(p))
				continue;
			py = y_pos(l, p->y);
			cand[0] = cx + half - w;
			cand[1] = py - 2 - h;
			cand[2] = cx + half - w;
			cand[3] = py + 2;
			cand[4] = cx - half;
			cand[5] = py - 2 - h;
			cand[6] = cx - half;
			cand[7] = py + 2;
			place_label(x, name, HDB_FONT_NOTE, s->color < 0 ? 0
				    : s->color, cand, 4, 1, "reference");
		}
		free(name);
	}
}

static int has_data(const struct hdb_chart *c)
{
	size_t i, j;

	for (i = 0; i < c->n_series; i++)
		for (j = 0; j < c->series[i].n_points; j++) {
			const struct hdb_chart_point *p =
				&c->series[i].points[j];

			if (finite_ok(p) || p->mark != HDB_MARK_OK)
				return 1;
		}
	return 0;
}

static int by_paint_order(const void *a, const void *b)
{
	const struct hdb_shape *p = a, *q = b;

	if (p->layer != q->layer)
		return p->layer < q->layer ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

void hdb_layout_chart(struct hdb_layout *l, const struct hdb_chart *c,
		      double width, double height, hdb_text_width_fn measure,
		      void *mctx)
{
	struct lctx x;
	struct entry *ent = NULL;
	struct pending *pend = NULL;
	struct catlab cl = { 0 };
	size_t n_ent = 0, n_pend = 0, i;
	double top, bottom, unit_w = 0, th = text_h(HDB_FONT_TICK);
	double uh = text_h(HDB_FONT_UNIT), left_w = 0;
	char *title, *t;

	memset(l, 0, sizeof(*l));
	memset(&x, 0, sizeof(x));
	x.l = l;
	x.c = c;
	x.measure = measure;
	x.mctx = mctx;
	l->width = width > 0 ? width : HDB_CHART_WIDTH;
	l->height = height > 0 ? height : HDB_CHART_HEIGHT;
	add_rect(l, HDB_LAYER_BACKGROUND, HDB_INK_BACKGROUND, 1, 0, 0,
		 l->width, l->height, "background", -1);

	t = clean_text(c->title);
	title = ellipsize(&x, t, HDB_FONT_TITLE, l->width - 2 * PAD);
	free(t);
	add_text(&x, HDB_LAYER_LABEL, HDB_FONT_TITLE, HDB_INK_TEXT, PAD, PAD,
		 0, title, "title");
	free(title);
	top = PAD + text_h(HDB_FONT_TITLE) + 8;

	if (!has_data(c)) {
		double w = text_w(&x, "no data", HDB_FONT_EMPTY);

		l->empty = 1;
		l->plot_x = PAD;
		l->plot_y = top;
		l->plot_w = l->width - 2 * PAD;
		l->plot_h = l->height - PAD - top;
		add_text(&x, HDB_LAYER_LABEL, HDB_FONT_EMPTY, HDB_INK_MUTED,
			 (l->width - w) / 2,
			 top + (l->plot_h - text_h(HDB_FONT_EMPTY)) / 2, 0,
			 "no data", "empty");
		goto out;
	}

	/* top: the y unit at the left, the legend at the right */
	if (c->y_label) {
		t = clean_text(c->y_label);
		title = ellipsize(&x, t, HDB_FONT_UNIT, l->width / 2);
		unit_w = text_w(&x, title, HDB_FONT_UNIT);
		add_text(&x, HDB_LAYER_LABEL, HDB_FONT_UNIT, HDB_INK_TEXT, PAD,
			 top, 0, title, "yunit");
		free(t);
		free(title);
	}
	l->y.unit = c->y_label ? clean_text(c->y_label) : NULL;
	l->x.unit = c->x_label ? clean_text(c->x_label) : NULL;
	n_ent = legend_entries(&x, &ent);
	{
		double lb = place_legend(&x, ent, n_ent, top,
					 PAD + unit_w + (unit_w ? 24 : 0));

		top = (lb > top + uh ? lb : top + uh) + 10;
	}

	/* bottom: the x unit, then the tick or category labels */
	bottom = l->height - PAD;
	if (c->x_label) {
		t = clean_text(c->x_label);
		title = ellipsize(&x, t, HDB_FONT_UNIT, l->width - 2 * PAD);
		bottom -= uh;
		add_text(&x, HDB_LAYER_LABEL, HDB_FONT_UNIT, HDB_INK_TEXT,
			 0, bottom, 0, title, "xunit");
		free(t);
		free(title);
		bottom -= 4;
	}
	if (c->kind == HDB_CHART_DEPTH) {
		depth_range(&x);
		bottom -= th + 5;
	} else {
		collect_categories(&x);
		plan_categories(&x, l->width - 2 * PAD - 50, &cl);
		bottom -= cl.height + 5;
	}
	l->plot_y = top;
	l->plot_h = bottom - top;
	if (l->plot_h < 40)
		l->plot_h = 40;
	y_scale(&x);
	for (i = 0; i < l->y.n_ticks; i++) {
		double w = text_w(&x, l->y.ticks[i].label, HDB_FONT_TICK);

		if (w > left_w)
			left_w = w;
	}
	l->plot_x = PAD + (left_w ? left_w + GAP : 4);
	l->plot_w = l->width - PAD - 8 - l->plot_x;

	/* the x unit is centred under the plot, now that it is known */
	for (i = 0; i < l->n_shapes; i++) {
		struct hdb_shape *s = &l->shapes[i];

		if (s->kind == HDB_SHAPE_TEXT && !strcmp(s->what, "xunit")) {
			s->x = l->plot_x + (l->plot_w - s->w) / 2;
			if (s->x + s->w > l->width - PAD)
				s->x = l->width - PAD - s->w;
			if (s->x < PAD)
				s->x = PAD;
		}
	}

	/* grid and value ticks */
	for (i = 0; i < l->y.n_ticks; i++) {
		const struct hdb_tick *k = &l->y.ticks[i];
		double w = text_w(&x, k->label, HDB_FONT_TICK);

		k = &l->y.ticks[i];
		add_segment(l, HDB_LAYER_GRID, HDB_INK_GRID, 1, 0, l->plot_x,
			    k->pos, l->plot_x + l->plot_w, k->pos, "grid", -1);
		add_text(&x, HDB_LAYER_LABEL, HDB_FONT_TICK, HDB_INK_MUTED,
			 l->plot_x - GAP - w, k->pos - th / 2, 0, k->label,
			 "ytick");
	}
	if (c->kind == HDB_CHART_DEPTH) {
		char buf[32];
		int e;

		l->x.scale = HDB_SCALE_LOG2;
		l->x.min = x.has_zero ? 0 : ldexp(1, x.lo2);
		l->x.max = x.zero_only ? 0 : ldexp(1, x.hi2);
		if (x.has_zero || x.zero_only)
			add_tick(&l->x, 0, x_pos(&x, 0), "0");
		for (e = x.lo2; !x.zero_only && e <= x.hi2; e++) {
			hdb_depth_label(buf, sizeof(buf), ldexp(1, e));
			add_tick(&l->x, ldexp(1, e), x_pos(&x, ldexp(1, e)),
				 buf);
		}
		for (i = 0; i < l->x.n_ticks; i++)
			add_segment(l, HDB_LAYER_GRID, HDB_INK_GRID, 1, 0,
				    l->x.ticks[i].pos, l->plot_y,
				    l->x.ticks[i].pos, l->plot_y + l->plot_h,
				    "grid", -1);
		x_tick_labels(&x, l->plot_y + l->plot_h + 5);
		depth_data(&x, &pend, &n_pend);
	} else {
		category_labels(&x, &cl, l->plot_y + l->plot_h + 5);
		if (c->kind == HDB_CHART_RATIO)
			ratio_data(&x, &pend, &n_pend);
		else
			pass_data(&x, &pend, &n_pend);
	}
	/* the axes */
	add_segment(l, HDB_LAYER_AXIS, HDB_INK_AXIS, 1, 0, l->plot_x,
		    l->plot_y, l->plot_x, l->plot_y + l->plot_h, "axis", -1);
	add_segment(l, HDB_LAYER_AXIS, HDB_INK_AXIS, 1, 0, l->plot_x,
		    l->plot_y + l->plot_h, l->plot_x + l->plot_w,
		    l->plot_y + l->plot_h, "axis", -1);
	/* labels inside the plot, most important first */
	if (c->kind == HDB_CHART_DEPTH)
		crossover(&x);
	mark_labels(&x, pend, n_pend);
	if (c->kind == HDB_CHART_PASS)
		pass_reference_labels(&x);
out:
	for (i = 0; i < n_ent; i++)
		free(ent[i].text);
	free(ent);
	free(pend);
	if (cl.text)
		for (i = 0; i < x.n_cats; i++)
			free(cl.text[i]);
	free(cl.text);
	for (i = 0; i < x.n_cats; i++)
		free(x.cats[i]);
	free(x.cats);
	free(x.obst);
	free(x.segs);
	qsort(l->shapes, l->n_shapes, sizeof(*l->shapes), by_paint_order);
}

void hdb_layout_release(struct hdb_layout *l)
{
	size_t i;

	for (i = 0; i < l->n_shapes; i++) {
		free(l->shapes[i].pts);
		free(l->shapes[i].text);
	}
	free(l->shapes);
	for (i = 0; i < l->x.n_ticks; i++)
		free(l->x.ticks[i].label);
	for (i = 0; i < l->y.n_ticks; i++)
		free(l->y.ticks[i].label);
	free(l->x.ticks);
	free(l->y.ticks);
	free(l->x.unit);
	free(l->y.unit);
	memset(l, 0, sizeof(*l));
}

/* --- the dump -------------------------------------------------------- */

static void num(struct strbuf *o, double v)
{
	double r = round(v * 10) / 10;

	strbuf_addf(o, " %.1f", r == 0 ? 0.0 : r);
}

static void quoted(struct strbuf *o, const char *s)
{
	strbuf_addstr(o, " \"");
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_addch(o, '\\');
		strbuf_addch(o, *s);
	}
	strbuf_addch(o, '"');
}

static void ink(struct strbuf *o, int i)
{
	static const char *const roles[] = { "bg", "fg", "muted", "grid",
					     "axis" };

	if (i >= 0)
		strbuf_addf(o, " c%d", i % HDB_PALETTE_N);
	else
		strbuf_addf(o, " %s", roles[-i - 1 < 5 ? -i - 1 : 1]);
}

static void dump_axis(struct strbuf *o, const char *name,
		      const struct hdb_axis *a)
{
	static const char *const scales[] = { "linear", "log2", "log10",
					      "category" };
	size_t i;

	strbuf_addf(o, "%s %s %g %g", name, scales[a->scale], a->min, a->max);
	quoted(o, a->unit ? a->unit : "");
	strbuf_addch(o, '\n');
	for (i = 0; i < a->n_ticks; i++) {
		strbuf_addf(o, "  tick %g", a->ticks[i].value);
		num(o, a->ticks[i].pos);
		if (a->ticks[i].label)
			quoted(o, a->ticks[i].label);
		else
			strbuf_addstr(o, " -");
		strbuf_addch(o, '\n');
	}
}

void hdb_layout_dump(const struct hdb_layout *l, struct strbuf *o)
{
	size_t i, j;

	strbuf_addstr(o, "canvas");
	num(o, l->width);
	num(o, l->height);
	strbuf_addstr(o, "\nplot");
	num(o, l->plot_x);
	num(o, l->plot_y);
	num(o, l->plot_w);
	num(o, l->plot_h);
	strbuf_addstr(o, l->empty ? "\nempty\n" : "\n");
	if (!l->empty) {
		dump_axis(o, "xaxis", &l->x);
		dump_axis(o, "yaxis", &l->y);
	}
	for (i = 0; i < l->n_shapes; i++) {
		const struct hdb_shape *s = &l->shapes[i];

		strbuf_addf(o, "%s", s->what);
		if (s->series >= 0)
			strbuf_addf(o, " s%d", s->series);
		switch (s->kind) {
		case HDB_SHAPE_RECT:
			strbuf_addstr(o, " rect");
			ink(o, s->ink);
			strbuf_addf(o, " a%.2f", s->alpha);
			num(o, s->x);
			num(o, s->y);
			num(o, s->w);
			num(o, s->h);
			break;
		case HDB_SHAPE_LINE:
		case HDB_SHAPE_AREA:
			strbuf_addstr(o, s->kind == HDB_SHAPE_LINE ? " line"
				      : " area");
			ink(o, s->ink);
			if (s->kind == HDB_SHAPE_LINE)
				strbuf_addf(o, " w%.1f%s", s->width,
					    s->dash ? " dash" : "");
			else
				strbuf_addf(o, " a%.2f", s->alpha);
			for (j = 0; j < s->n_pts; j++) {
				num(o, s->pts[2 * j]);
				num(o, s->pts[2 * j + 1]);
			}
			break;
		case HDB_SHAPE_MARKER:
			strbuf_addf(o, " marker %s", marker_names[s->marker]);
			ink(o, s->ink);
			num(o, s->x);
			num(o, s->y);
			num(o, s->w);
			break;
		case HDB_SHAPE_TEXT:
			strbuf_addf(o, " text %s", hdb_font_roles[s->role].name);
			ink(o, s->ink);
			num(o, s->x);
			num(o, s->y);
			num(o, s->w);
			num(o, s->h);
			strbuf_addf(o, " r%d", s->rot);
			quoted(o, s->text);
			break;
		}
		strbuf_addch(o, '\n');
	}
}
