/*
 * layout.h: private to render/.  The pure half of a chart: from a chart
 * spec (query.h), a canvas size and a way to measure text, the positions
 * of everything to paint (plot rectangle, axes with ticks, title, legend,
 * grid, bands, lines, points, markers, labels), in paint order.  No cairo
 * and no I/O here: render/chart.c measures text with cairo and paints the
 * shapes; tests measure with a fixed-width stand-in and check the dump.
 */
#ifndef HALODB_LAYOUT_H
#define HALODB_LAYOUT_H

#include "../query/query.h"
#include "../util.h"

#include <stddef.h>

/* The default canvas, in CSS pixels (the PNG is drawn at twice this). */
#define HDB_CHART_WIDTH 720.0
#define HDB_CHART_HEIGHT 400.0

/* A text's box is HDB_TEXT_HEIGHT * size high and its baseline lies
 * HDB_TEXT_ASCENT * size below the box's top (DejaVu Sans' ascent and
 * descent); for a rotated text (rot 90, reading upwards) the same holds
 * across the box, from its left edge. */
#define HDB_TEXT_HEIGHT 1.17
#define HDB_TEXT_ASCENT 0.93

/* Measures the width of a UTF-8 text at a font size, in pixels. */
typedef double (*hdb_text_width_fn)(void *ctx, const char *text,
				    double size);

/* The font roles: one table (hdb_font_roles) of sizes, one typeface. */
enum hdb_font_role {
	HDB_FONT_TITLE, HDB_FONT_UNIT, HDB_FONT_TICK, HDB_FONT_LEGEND,
	HDB_FONT_NOTE, HDB_FONT_EMPTY, HDB_FONT_N
};
struct hdb_font_spec {
	const char *name;	/* in the dump */
	double size;		/* pixels */
};
extern const struct hdb_font_spec hdb_font_roles[HDB_FONT_N];

/* Inks: a series colour is a palette index >= 0 (taken modulo
 * HDB_PALETTE_N); the chart's own parts use the negative roles. */
enum {
	HDB_INK_BACKGROUND = -1, HDB_INK_TEXT = -2, HDB_INK_MUTED = -3,
	HDB_INK_GRID = -4, HDB_INK_AXIS = -5,
};
#define HDB_PALETTE_N 8
/* The colour of an ink as r, g, b in [0, 1]. */
void hdb_ink_rgb(int ink, double rgb[3]);

/* Paint order: a shape of a lower layer is painted first. */
enum hdb_layer {
	HDB_LAYER_BACKGROUND, HDB_LAYER_GRID, HDB_LAYER_BAND, HDB_LAYER_DATA,
	HDB_LAYER_AXIS, HDB_LAYER_LABEL, HDB_LAYER_LEGEND,
};

enum hdb_shape_kind {
	HDB_SHAPE_RECT,		/* x, y, w, h filled */
	HDB_SHAPE_LINE,		/* pts stroked (a polyline) at width */
	HDB_SHAPE_AREA,		/* pts filled (a closed polygon) */
	HDB_SHAPE_MARKER,	/* a marker of size w centred on x, y */
	HDB_SHAPE_TEXT,		/* text in the box x, y, w, h */
};

enum hdb_marker_kind {
	HDB_MARKER_DOT,		/* a measurement: filled circle */
	HDB_MARKER_WEDGED,	/* hollow square */
	HDB_MARKER_CRASHED,	/* an X */
	HDB_MARKER_OOM,		/* filled triangle pointing down */
	HDB_MARKER_FAILED,	/* hollow triangle pointing up */
	HDB_MARKER_NOT_RUN,	/* hollow circle */
};

struct hdb_shape {
	enum hdb_shape_kind kind;
	enum hdb_layer layer;
	int ink;		/* palette index or HDB_INK_* */
	double alpha;		/* 0..1 */
	double width;		/* LINE: stroke width */
	int dash;		/* LINE: dashed */
	double *pts;		/* LINE, AREA: x0, y0, x1, y1, ... */
	size_t n_pts;		/* points (pairs) in pts */
	double x, y, w, h;	/* RECT; TEXT's box; MARKER: centre, size */
	enum hdb_marker_kind marker;
	enum hdb_font_role role;	/* TEXT */
	int rot;		/* TEXT: 0, or 90 (reads upwards) */
	char *text;		/* TEXT: valid UTF-8, no controls */
	int series;		/* the series it draws, or -1 */
	const char *what;	/* in the dump: "grid", "band", "title"... */
	size_t seq;		/* creation order, for a stable paint sort */
};

struct hdb_tick {
	double value, pos;	/* data value, pixel position */
	char *label;		/* NULL when thinned out */
};

enum hdb_scale { HDB_SCALE_LINEAR, HDB_SCALE_LOG2, HDB_SCALE_LOG10,
		 HDB_SCALE_CATEGORY };

struct hdb_axis {
	enum hdb_scale scale;
	double min, max;	/* data range shown (categories: 0, n) */
	struct hdb_tick *ticks;
	size_t n_ticks;
	char *unit;		/* the axis label, printed once, or NULL */
};

struct hdb_layout {
	double width, height;
	double plot_x, plot_y, plot_w, plot_h;
	int empty;		/* no data: the chart says so */
	struct hdb_axis x, y;
	struct hdb_shape *shapes;	/* in paint order */
	size_t n_shapes, cap_shapes;
};

/*
 * Lays out chart c on a canvas of width x height pixels (0 for the
 * default 720 x 400), measuring text with width(ctx, text, size).  Pure:
 * the same inputs give the same layout.  Never fails; an empty chart
 * gets a layout that says "no data".  Free with hdb_layout_release.
 */
void hdb_layout_chart(struct hdb_layout *l, const struct hdb_chart *c,
		      double width, double height, hdb_text_width_fn measure,
		      void *ctx);
void hdb_layout_release(struct hdb_layout *l);

/* Appends a stable text dump of l (positions rounded to 0.1) for tests:
 * canvas, plot, axes with their ticks, then the shapes in paint order. */
void hdb_layout_dump(const struct hdb_layout *l, struct strbuf *out);

/* The canvas height a chart is drawn at: HDB_CHART_HEIGHT, more for a
 * chart of many categories (their labels turn and need the room). */
double hdb_layout_height(const struct hdb_chart *c);

/* The label of a depth: the number below 1000, else floor(d / 1000)
 * and "K" (512, 1K, 8K, 32K, 65K for 65536, 131K). */
void hdb_depth_label(char *buf, size_t size, double d);

#endif
