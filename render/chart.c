/*
 * chart.c: paints a chart.  The only file of halodb that includes
 * cairo.h.  render/layout.c decides where everything goes (measuring text
 * through the callback here, DejaVu Sans through cairo's toy font API);
 * this file paints those shapes in their order onto a cairo SVG surface
 * or an image surface at twice the size for PNG, with the same paint
 * function for both.  Text reaches SVG as glyph outlines, never as SVG
 * text, so no string from an input can become markup.  The file is
 * written to a temporary beside its final name and renamed into place.
 */
#include "render.h"
#include "html.h"
#include "layout.h"

#include <cairo.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pthread.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define FONT "DejaVu Sans"
#define PNG_SCALE 2.0

void hdb_cairo_library(struct hdb_library *lib)
{
	lib->name = "cairo";
	lib->version = cairo_version_string();
	lib->built = CAIRO_VERSION_STRING;
}

static void set_font(cairo_t *cr, double size)
{
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

/* The layout's text measure: the advance of the text in DejaVu Sans. */
static double measure(void *ctx, const char *text, double size)
{
	cairo_t *cr = ctx;
	cairo_text_extents_t e;

	set_font(cr, size);
	cairo_text_extents(cr, text, &e);
	return e.x_advance;
}

static void set_ink(cairo_t *cr, int ink, double alpha)
{
	double rgb[3];

	hdb_ink_rgb(ink, rgb);
	cairo_set_source_rgba(cr, rgb[0], rgb[1], rgb[2], alpha);
}

static void path_of(cairo_t *cr, const struct hdb_shape *s)
{
	size_t i;

	for (i = 0; i < s->n_pts; i++)
		(i ? cairo_line_to : cairo_move_to)(cr, s->pts[2 * i],
						    s->pts[2 * i + 1]);
}

static void paint_marker(cairo_t *cr, const struct hdb_shape *s)
{
	double r = s->w / 2, x = s->x, y = s->y;

	cairo_new_path(cr);
	cairo_set_line_width(cr, 1.6);
	switch (s->marker) {
	case HDB_MARKER_DOT:
		cairo_arc(cr, x, y, r, 0, 2 * M_PI);
		cairo_fill_preserve(cr);
		/* a light rim keeps crossing points apart */
		cairo_set_line_width(cr, 1);
		set_ink(cr, HDB_INK_BACKGROUND, 1);
		cairo_stroke(cr);
		return;
	case HDB_MARKER_WEDGED:
		cairo_rectangle(cr, x - r * 0.8, y - r * 0.8, 1.6 * r, 1.6 * r);
		break;
	case HDB_MARKER_CRASHED:
		cairo_set_line_width(cr, 2.2);
		cairo_move_to(cr, x - r * 0.8, y - r * 0.8);
		cairo_line_to(cr, x + r * 0.8, y + r * 0.8);
		cairo_move_to(cr, x + r * 0.8, y - r * 0.8);
		cairo_line_to(cr, x - r * 0.8, y + r * 0.8);
		break;
	case HDB_MARKER_OOM:
		cairo_move_to(cr, x - r, y - r * 0.8);
		cairo_line_to(cr, x + r, y - r * 0.8);
		cairo_line_to(cr, x, y + r * 0.9);
		cairo_close_path(cr);
		cairo_fill(cr);
		return;
	case HDB_MARKER_FAILED:
		cairo_move_to(cr, x - r, y + r * 0.8);
		cairo_line_to(cr, x + r, y + r * 0.8);
		cairo_line_to(cr, x, y - r * 0.9);
		cairo_close_path(cr);
		break;
	case HDB_MARKER_NOT_RUN:
		cairo_arc(cr, x, y, r * 0.8, 0, 2 * M_PI);
		break;
	}
	cairo_stroke(cr);
}

static void paint_text(cairo_t *cr, const struct hdb_shape *s)
{
	double size = hdb_font_roles[s->role].size;

	set_font(cr, size);
	cairo_save(cr);
	if (s->rot) {
		cairo_translate(cr, s->x + HDB_TEXT_ASCENT * size, s->y + s->h);
		cairo_rotate(cr, -M_PI / 2);
		cairo_move_to(cr, 0, 0);
	} else {
		cairo_move_to(cr, s->x, s->y + HDB_TEXT_ASCENT * size);
	}
	cairo_show_text(cr, s->text);
	cairo_restore(cr);
}

/* The one paint function of both surfaces. */
static void paint(cairo_t *cr, const struct hdb_layout *l)
{
	static const double dash[] = { 4, 3 };
	size_t i;

	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	for (i = 0; i < l->n_shapes; i++) {
		const struct hdb_shape *s = &l->shapes[i];

		cairo_new_path(cr);
		set_ink(cr, s->ink, s->alpha);
		switch (s->kind) {
		case HDB_SHAPE_RECT:
			cairo_rectangle(cr, s->x, s->y, s->w, s->h);
			cairo_fill(cr);
			break;
		case HDB_SHAPE_LINE:
			path_of(cr, s);
			cairo_set_line_width(cr, s->width);
			cairo_set_dash(cr, dash, s->dash ? 2 : 0, 0);
			cairo_stroke(cr);
			cairo_set_dash(cr, dash, 0, 0);
			break;
		case HDB_SHAPE_AREA:
			path_of(cr, s);
			cairo_close_path(cr);
			cairo_fill(cr);
			break;
		case HDB_SHAPE_MARKER:
			paint_marker(cr, s);
			break;
		case HDB_SHAPE_TEXT:
			paint_text(cr, s);
			break;
		}
	}
}

/* Where the cairo stream goes: memory, then the temporary. */
struct sink {
	int fd;
	int err;		/* errno of the failed write */
	struct strbuf buf;
};

static cairo_status_t sink_write(void *closure, const unsigned char *data,
				 unsigned int len)
{
	struct sink *k = closure;

	strbuf_add(&k->buf, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/*
 * cairo names the SVG's top group after a counter of every surface the
 * process made ("surface8"), so a chart drawn after others would differ
 * from the same chart drawn alone.  The name is not referred to; it
 * becomes "surface1" so that a chart's bytes depend on the chart only.
 */
static void normalise_svg(struct strbuf *sb)
{
	static const char pre[] = "<g id=\"surface";
	char *p = strstr(sb->buf, pre), *q, *e;
	char name[40];

	if (!p)
		return;
	q = p + sizeof(pre) - 1;
	e = q;
	while (*e >= '0' && *e <= '9')
		e++;
	if (e == q || *e != '"' || e - q > 20)
		return;
	snprintf(name, sizeof(name), "surface%.*s\"", (int)(e - q), q);
	if (strstr(e, name) || strstr(sb->buf, name) != p + 7)
		return;	/* referred to: leave it */
	memmove(q + 1, e, sb->len - (size_t)(e - sb->buf) + 1);
	*q = '1';
	sb->len -= (size_t)(e - q) - 1;
}

static int sink_flush(struct sink *k)
{
	size_t done = 0;

	while (done < k->buf.len) {
		ssize_t n = write(k->fd, k->buf.buf + done, k->buf.len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			k->err = errno;
			return -1;
		}
		done += (size_t)n;
	}
	return 0;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && !strcasecmp(s + n - m, tail);
}

/*
 * cairo and fontconfig keep fonts and caches for the life of the process;
 * at its end they are handed back, so that a leak checker sees only
 * halodb's own leaks.
 */
static void release_fonts(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}

static void register_release_fonts(void)
{
	atexit(release_fonts);
}

/* Lays the chart out with text measured by cairo. */
static void layout_with_cairo(struct hdb_layout *l, const struct hdb_chart *c)
{
	/* once, whichever of the report's drawing threads comes first */
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 1,
							1);
	cairo_t *cr = cairo_create(s);

	pthread_once(&once, register_release_fonts);

	hdb_layout_chart(l, c, HDB_CHART_WIDTH, hdb_layout_height(c), measure,
			 cr);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

/*
 * The PNG of a painted surface, as cairo_surface_write_to_png would write
 * it (RGB when every pixel is opaque, else RGBA, not premultiplied), but
 * with the fastest deflate and one fixed filter: cairo's defaults (level
 * 6, every filter tried on every row) spent four fifths of a report's
 * time (100k rows: 11 of 14 s, 200 charts) for files a fifth smaller.
 */
#define PNG_LEVEL 1
#define PNG_FILTER PNG_FILTER_SUB

static void png_sink(png_structp png, png_bytep data, size_t len)
{
	struct sink *k = png_get_io_ptr(png);

	strbuf_add(&k->buf, data, len);
}

static void png_flush_none(png_structp png)
{
	(void)png;
}

static void png_fail(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

static void png_warned(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/*
 * An opaque row of cairo's ARGB32 pixels (native 32-bit words) as RGB
 * bytes into o (3 w + 1 bytes: the last pixel's word is written whole).
 * On a little-endian machine the byte-swapped word shifted right by 8
 * holds R, G and B in memory order, so a pixel is one store; the loop
 * that extracts each byte is the same for either order.
 */
static void opaque_row(const uint32_t *px, int w, unsigned char *o)
{
	int x;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (x = 0; x < w; x++, o += 3) {
		uint32_t v = __builtin_bswap32(px[x]) >> 8;

		memcpy(o, &v, 4);
	}
#else
	for (x = 0; x < w; x++) {
		*o++ = (unsigned char)(px[x] >> 16);
		*o++ = (unsigned char)(px[x] >> 8);
		*o++ = (unsigned char)px[x];
	}
#endif
}

static int write_png(cairo_surface_t *surf, struct sink *k)
{
	int w = cairo_image_surface_get_width(surf);
	int h = cairo_image_surface_get_height(surf);
	int stride = cairo_image_surface_get_stride(surf), x, y, opaque = 1;
	const unsigned char *data;
	png_structp png;
	png_infop info = NULL;
	unsigned char *row;
	int ret = -1;

	cairo_surface_flush(surf);
	data = cairo_image_surface_get_data(surf);
	for (y = 0; opaque && y < h; y++) {
		const uint32_t *px = (const uint32_t *)(data + (size_t)y * stride);
		uint32_t all = 0xffffffffu;

		/* a row at a time, without a branch a pixel (vectorised) */
		for (x = 0; x < w; x++)
			all &= px[x];
		opaque = (all >> 24) == 0xff;
	}
	/* one byte more: an opaque row is written 4 bytes a pixel, 3 apart */
	row = xmalloc((size_t)w * 4 + 1);
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_fail,
				      png_warned);
	if (!png)
		goto out;
	info = png_create_info_struct(png);
	if (!info || setjmp(png_jmpbuf(png)))
		goto out;
	png_set_write_fn(png, k, png_sink, png_flush_none);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
		     opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
		     PNG_FILTER_TYPE_DEFAULT);
	png_set_compression_level(png, PNG_LEVEL);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER);
	png_write_info(png, info);
	for (y = 0; y < h; y++) {
		const uint32_t *px = (const uint32_t *)(data + (size_t)y * stride);
		unsigned char *o = row;

		if (opaque) {
			opaque_row(px, w, row);
			png_write_row(png, row);
			continue;
		}
		for (x = 0; x < w; x++) {
			uint32_t p = px[x], a = p >> 24;
			uint32_t r = (p >> 16) & 0xff, g = (p >> 8) & 0xff,
				 b = p & 0xff;

			if (a != 0xff) {
				/* cairo's unpremultiplying, rounded */
				r = a ? (r * 255 + a / 2) / a : 0;
				g = a ? (g * 255 + a / 2) / a : 0;
				b = a ? (b * 255 + a / 2) / a : 0;
			}
			*o++ = (unsigned char)r;
			*o++ = (unsigned char)g;
			*o++ = (unsigned char)b;
			*o++ = (unsigned char)a;
		}
		png_write_row(png, row);
	}
	png_write_end(png, info);
	ret = 0;
out:
	png_destroy_write_struct(&png, &info);
	free(row);
	return ret;
}

/* Paints l onto the surface fitting path's kind, writing to k. */
static int draw(const struct hdb_layout *l, int png, struct sink *k,
		const char *path)
{
	cairo_surface_t *surf;
	cairo_status_t st;
	cairo_t *cr;

	if (png)
		surf = cairo_image_surface_create(
			CAIRO_FORMAT_ARGB32, (int)ceil(l->width * PNG_SCALE),
			(int)ceil(l->height * PNG_SCALE));
	else {
		surf = cairo_svg_surface_create_for_stream(
			sink_write, k, l->width, l->height);
		cairo_svg_surface_set_document_unit(surf, CAIRO_SVG_UNIT_PX);
	}
	cr = cairo_create(surf);
	if (png)
		cairo_scale(cr, PNG_SCALE, PNG_SCALE);
	paint(cr, l);
	st = cairo_status(cr);
	cairo_destroy(cr);
	if (st == CAIRO_STATUS_SUCCESS && png && write_png(surf, k))
		st = CAIRO_STATUS_WRITE_ERROR;
	cairo_surface_finish(surf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	if (st != CAIRO_STATUS_SUCCESS)
		return hdb_error("cannot draw '%s': %s", path,
				 cairo_status_to_string(st));
	if (!png)
		normalise_svg(&k->buf);
	/* no file (fd -1): the bytes stay in k->buf for the caller */
	if (k->fd >= 0 && sink_flush(k))
		return hdb_error("cannot write '%s': %s", path,
				 strerror(k->err));
	return 0;
}

int hdb_render_chart_bytes(const struct hdb_chart *c, int png,
			   struct strbuf *out)
{
	struct hdb_layout l;
	struct sink k = { -1, 0, STRBUF_INIT };
	char *name = xasprintf("charts/%s.%s", c->id, png ? "png" : "svg");
	int ret;

	layout_with_cairo(&l, c);
	ret = draw(&l, png, &k, name);
	if (!ret)
		strbuf_add(out, k.buf.buf ? k.buf.buf : "", k.buf.len);
	strbuf_release(&k.buf);
	hdb_layout_release(&l);
	free(name);
	return ret;
}

int hdb_render_chart(const struct hdb_chart *c, const char *path)
{
	struct hdb_layout l;
	struct sink k = { -1, 0, STRBUF_INIT };
	const char *slash = strrchr(path, '/');
	char *tmp;
	int png = ends_with(path, ".png"), ret = -1;

	if (!png && !ends_with(path, ".svg"))
		return hdb_error("cannot draw '%s': expected a name ending in "
				 "'.svg' or '.png'", path);
	/* mkstemp: O_EXCL with a name nobody can guess, so no link
	 * planted beside path is followed */
	if (slash)
		tmp = xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path,
				slash + 1);
	else
		tmp = xasprintf(".%s.XXXXXX", path);
	k.fd = mkstemp(tmp);
	if (k.fd < 0) {
		hdb_error("cannot write '%s': %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	layout_with_cairo(&l, c);
	if (fchmod(k.fd, 0644)) {
		hdb_error("cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	if (draw(&l, png, &k, path))
		goto out;
	if (fsync(k.fd)) {
		hdb_error("cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	if (close(k.fd)) {
		k.fd = -1;
		hdb_error("cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	k.fd = -1;
	if (rename(tmp, path)) {
		hdb_error("cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	ret = 0;
out:
	if (k.fd >= 0)
		close(k.fd);
	if (ret)
		unlink(tmp);
	free(tmp);
	strbuf_release(&k.buf);
	hdb_layout_release(&l);
	return ret;
}
