/*
 * chart.c: the chart specs the report and `halodb chart` hand to
 * render/: kinds, series and points, owned here, drawn there.
 */
#include "query.h"
#include "../util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void hdb_chart_init(struct hdb_chart *c, enum hdb_chart_kind kind,
		    const char *id, const char *title, const char *x_label,
		    const char *y_label)
{
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->id = xstrdup(id);
	c->title = xstrdup(title);
	c->x_label = x_label ? xstrdup(x_label) : NULL;
	c->y_label = y_label ? xstrdup(y_label) : NULL;
	c->crossover = c->crossover_from = c->crossover_to = NAN;
}

struct hdb_chart_series *hdb_chart_add_series(struct hdb_chart *c,
					      const char *name, int color)
{
	struct hdb_chart_series *s;

	if (c->n_series == c->cap_series) {
		c->cap_series = c->cap_series ? 2 * c->cap_series : 4;
		c->series = xrealloc(c->series,
				     c->cap_series * sizeof(*c->series));
	}
	s = &c->series[c->n_series++];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(name);
	s->color = color;
	return s;
}

void hdb_chart_add_point(struct hdb_chart_series *s, double x,
			 const char *category, double y, double lo, double hi,
			 enum hdb_chart_mark mark)
{
	struct hdb_chart_point *p;

	if (s->n_points == s->cap_points) {
		s->cap_points = s->cap_points ? 2 * s->cap_points : 8;
		s->points = xrealloc(s->points,
				     s->cap_points * sizeof(*s->points));
	}
	p = &s->points[s->n_points++];
	p->x = x;
	p->category = category ? xstrdup(category) : NULL;
	p->y = mark == HDB_MARK_OK ? y : NAN;
	p->lo = mark == HDB_MARK_OK ? lo : NAN;
	p->hi = mark == HDB_MARK_OK ? hi : NAN;
	p->mark = mark;
}

void hdb_chart_release(struct hdb_chart *c)
{
	size_t i, j;

	for (i = 0; i < c->n_series; i++) {
		for (j = 0; j < c->series[i].n_points; j++)
			free(c->series[i].points[j].category);
		free(c->series[i].points);
		free(c->series[i].name);
	}
	free(c->series);
	free(c->id);
	free(c->title);
	free(c->x_label);
	free(c->y_label);
	free(c->alt);
	memset(c, 0, sizeof(*c));
}
