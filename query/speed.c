/*
 * speed.c: the two tables the seed report is made of.  The default
 * throughput table of the report (hdb_query_default_speed) and 'halodb
 * query speed': pp512 and tg128 tokens/s at depth 0, per model and quant
 * (rows) and host (columns); 'halodb query depth': the same at every
 * measured depth.  With two hosts (--hosts A,B) speed and depth add the
 * ratio A/B per test and its verdict, chosen and computed as 'query
 * ratio --num A --den B' does (common.c).  Reads the throughput and
 * throughput_sample views.
 *
 * A cell shows one measurement, never an average of mismatched ones: when
 * a host has several for the same model, quant and test (other builds, KV
 * types, flash attention), one is shown and the others are counted.  A
 * host's runs of a variant (--variant at ingest) are a column of their
 * own, "a30 (dual-gpu)"; with --hosts a variant is a configuration field,
 * chosen as ratio chooses and named in 'variants'.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const speed_tests[] = { "pp512", "tg128" };
#define N_TESTS 2

/* The measurement each cell shows (rn = 1) and how many it had (n). */
#define SHOWN_CTE \
	"WITH ranked AS (" \
	" SELECT host," \
	"  " Q_MODEL_SQL " AS model," \
	"  coalesce(quant, '?') AS quant, test, avg_ts, stddev_ts," \
	"  n_reps, backend, build_commit, build_number," \
	"  type_k, type_v, flash_attn," \
	"  row_number() OVER w AS rn, count(*) OVER w AS n" \
	" FROM throughput" \
	" WHERE test IN ('pp512', 'tg128') AND n_depth = 0" \
	"  AND status = 'ok' AND avg_ts IS NOT NULL" \
	" WINDOW w AS (PARTITION BY host," \
	"  " Q_MODEL_SQL ", coalesce(quant, '?')," \
	"  test ORDER BY test_time DESC, id DESC" \
	"  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))," \
	" shown AS (SELECT * FROM ranked WHERE rn = 1) "

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **s)
{
	return q_prepare(db, sql, s, "compute the throughput table");
}

/* Index of name in a growing list of strings, appending it if new. */
static size_t intern(char ***list, size_t *n, const char *name)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (!strcmp((*list)[i], name))
			return i;
	*list = xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[*n] = xstrdup(name);
	return (*n)++;
}

static void free_list(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

static int build_speed(sqlite3 *db, struct hdb_table *t)
{
	sqlite3_stmt *s;
	char **hosts = NULL, **keys = NULL, *key;
	size_t n_hosts = 0, n_keys = 0, h, k, i;
	int rc;

	/* First pass: which hosts (columns) and model/quant rows exist. */
	if (prepare(db, SHOWN_CTE "SELECT DISTINCT host FROM shown ORDER BY host", &s))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		intern(&hosts, &n_hosts, q_text(s, 0));
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		goto fail;

	hdb_table_init(t, 2 + N_TESTS * n_hosts);
	hdb_table_set_col(t, 0, "Model", NULL);
	hdb_table_set_col(t, 1, "Quant", NULL);
	for (h = 0; h < n_hosts; h++)
		for (i = 0; i < N_TESTS; i++) {
			char *name = xasprintf("%s %s", hosts[h], speed_tests[i]);

			hdb_table_set_col(t, 2 + N_TESTS * h + i, name, "t/s");
			free(name);
		}

	if (prepare(db, SHOWN_CTE "SELECT model, quant, host, test, avg_ts, "
		    "stddev_ts, n_reps, n FROM shown "
		    "ORDER BY model, quant, host, test", &s))
		goto fail_list;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct hdb_cell *c;

		key = xasprintf("%s\n%s", q_text(s, 0), q_text(s, 1));
		k = intern(&keys, &n_keys, key);
		free(key);
		if (k == t->n_rows) {
			c = hdb_table_add_row(t);
			hdb_cell_set_text(&c[0], q_text(s, 0));
			hdb_cell_set_text(&c[1], q_text(s, 1));
		}
		h = intern(&hosts, &n_hosts, q_text(s, 2));
		i = strcmp(q_text(s, 3), speed_tests[0]) ? 1 : 0;
		c = hdb_table_cell(t, k, 2 + N_TESTS * h + i);
		c->type = HDB_CELL_MEASURE;
		c->r = sqlite3_column_double(s, 4);
		c->sd = sqlite3_column_type(s, 5) == SQLITE_NULL
			? NAN : sqlite3_column_double(s, 5);
		c->i = sqlite3_column_type(s, 6) == SQLITE_NULL
		       ? -1 : sqlite3_column_int64(s, 6);
		if (sqlite3_column_int64(s, 7) > 1)
			c->flags |= HDB_CELL_ALTERNATIVES;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		goto fail_list;
	if (!t->n_rows)
		t->empty = xstrdup("no pp512 or tg128 results at depth 0 yet");
	free_list(hosts, n_hosts);
	free_list(keys, n_keys);
	return 0;
fail_list:
	hdb_table_release(t);
fail:
	free_list(hosts, n_hosts);
	free_list(keys, n_keys);
	return hdb_error("cannot compute the throughput table: %s",
			 sqlite3_errmsg(db));
}

static int build_setup(sqlite3 *db, struct hdb_table *t)
{
	static const char sql[] = SHOWN_CTE
		"SELECT host, model, quant, group_concat(DISTINCT backend),"
		" group_concat(DISTINCT build_commit || ' (' ||"
		"  coalesce(build_number, '?') || ')'),"
		" group_concat(DISTINCT coalesce(type_k, '?') || '/' ||"
		"  coalesce(type_v, '?')),"
		" group_concat(DISTINCT CASE flash_attn WHEN 1 THEN 'on'"
		"  WHEN 0 THEN 'off' WHEN -1 THEN 'auto' END)"
		" FROM (SELECT * FROM shown ORDER BY host, model, quant,"
		"  backend, build_number, build_commit, type_k, type_v, flash_attn)"
		" GROUP BY host, model, quant"
		" ORDER BY host, model, quant";
	static const char *const cols[] = {
		"Host", "Model", "Quant", "Backend", "Build", "KV cache (K/V)",
		"Flash attention",
	};
	const size_t n = sizeof(cols) / sizeof(cols[0]);
	sqlite3_stmt *s;
	size_t i;
	int rc;

	if (prepare(db, sql, &s))
		return -1;
	hdb_table_init(t, n);
	for (i = 0; i < n; i++)
		hdb_table_set_col(t, i, cols[i], NULL);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct hdb_cell *c = hdb_table_add_row(t);

		for (i = 0; i < n; i++)
			if (sqlite3_column_type(s, (int)i) != SQLITE_NULL)
				hdb_cell_set_text(&c[i], q_text(s, (int)i));
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		hdb_table_release(t);
		return hdb_error("cannot compute the setup table: %s",
				 sqlite3_errmsg(db));
	}
	return 0;
}

int hdb_query_default_speed(struct sqlite3 *db, struct hdb_table *speed,
			    struct hdb_table *setup)
{
	if (build_speed(db, speed))
		return -1;
	if (build_setup(db, setup)) {
		hdb_table_release(speed);
		return -1;
	}
	return 0;
}


/* --- halodb query speed and depth --- */

/* What one host shows for one test in one row. */
struct sd_cell {
	struct q_point *p;	/* shown; NULL: not measured */
	size_t others;		/* candidates not shown */
};

/* The comparison of the two hosts for one test in one row. */
struct sd_pair {
	int compared;		/* both ran: c is set */
	struct q_compare c;
};

/* One row: a model, quant and depth. */
struct sd_row {
	const char *model, *quant;	/* borrowed from the points */
	long long depth;
	struct sd_cell *cell;	/* [test * n_hosts + host] */
	struct sd_pair pair[N_TESTS];
};

struct sd {
	sqlite3 *db;
	const struct hdb_query_opts *o;
	const char *what;		/* "speed" or "depth" */
	int every_depth;		/* depth: all depths; speed: 0 only */
	int two;			/* --hosts A,B */
	struct q_selector side[2], f;
	char *names[2];			/* --hosts: A and B */
	struct q_points pts[2];		/* per side; one without --hosts */
	const char **hosts;		/* the host columns, in order: with
					 * --hosts A and B, else each host
					 * and variant (sd_label) */
	size_t n_hosts;
	int variants;			/* --hosts: a shown row has one */
	struct sd_row *rows;
	size_t n_rows;
	struct q_pool *pool;		/* without --hosts: the strings of
					 * kept, which outlive each host's
					 * points */
	struct sd_kept *kept;		/* the cells the rows show */
	size_t n_kept, cap_kept;
};

/* Without --hosts: a cell as one host's pass filled it, kept when that
 * host's points go (sd_each_host). */
struct sd_kept {
	const char *model, *quant, *label;	/* in the sd's pool */
	long long depth;
	int test;
	size_t others;
	struct q_point p;		/* the point shown, its strings in the
					 * sd's pool */
};

/* Splits --hosts A,B into two host selectors (each lists the hosts when
 * it names none).  Returns 0 or -1 (hdb_error). */
static int sd_parse_hosts(struct sd *x, const char *text)
{
	const char *comma = strchr(text, ',');
	int i;

	if (!comma || comma == text || !comma[1] || strchr(comma + 1, ',') ||
	    strchr(text, '='))
		return hdb_error("--hosts: expected two host names A,B, got "
				 "'%s' (for other sides: query ratio)", text);
	x->names[0] = xstrndup(text, (size_t)(comma - text));
	x->names[1] = xstrdup(comma + 1);
	if (!strcmp(x->names[0], x->names[1]))
		return hdb_error("--hosts: expected two different hosts, got "
				 "'%s' twice", x->names[0]);
	for (i = 0; i < 2; i++)
		if (q_selector_parse(x->db, Q_THROUGHPUT, "--hosts",
				     x->names[i], &x->side[i]))
			return -1;
	x->two = 1;
	return 0;
}

/* The column of a point's test: 0 pp512, 1 tg128, -1 none (a run that
 * died before its first result says no test: it stands for all). */
static int sd_test(const struct q_point *p)
{
	int i;

	if (!p->test)
		return -1;
	for (i = 0; i < N_TESTS; i++)
		if (!strcmp(p->test, speed_tests[i]))
			return i;
	return -2;
}

/* Keeps the points the table shows, in their order: pp512 and tg128 (at
 * depth 0 for speed), and runs that died before naming a test. */
static void sd_keep(struct q_points *p, int every_depth)
{
	size_t i, n = 0;
	int t;

	for (i = 0; i < p->n; i++) {
		t = sd_test(&p->v[i]);
		if (t == -2 || (t == -1 && q_point_ok(&p->v[i])))
			continue;
		if (!every_depth && p->v[i].depth != 0 &&
		    !(t == -1 && p->v[i].depth == Q_UNSET))
			continue;
		p->v[n++] = p->v[i];
	}
	p->n = n;
}

/* The rows sd_keep keeps, most of the others left in SQLite. */
static const char *sd_where(int every_depth)
{
	return every_depth ? " AND (test IN ('pp512', 'tg128')"
			     " OR test IS NULL)"
			   : " AND (test IN ('pp512', 'tg128')"
			     " OR test IS NULL) AND (n_depth = 0"
			     " OR n_depth IS NULL)";
}

static int sd_load(struct sd *x)
{
	const struct q_selector *sels[2];
	int s;

	for (s = 0; s < (x->two ? 2 : 1); s++) {
		sels[0] = x->two ? &x->side[s] : NULL;
		sels[1] = &x->f;
		if (q_points_load_where(x->db, &x->pts[s], sels, 2,
					sd_where(x->every_depth)))
			return -1;
		sd_keep(&x->pts[s], x->every_depth);
	}
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The column of a point without --hosts: its host, or "host (variant)"
 * (kept in the points' pool). */
static const char *sd_label(struct sd *x, const struct q_point *p)
{
	char *label;
	const char *kept;

	if (!p->variant)
		return p->host;
	label = xasprintf("%s (%s)", p->host, p->variant);
	kept = q_pool_str(x->pts[0].pool, label);
	free(label);
	return kept;
}

/* The host columns: A and B, else every host and variant measured, by
 * name. */
static void sd_hosts(struct sd *x)
{
	size_t i, j, n = 0, cap = 0;

	if (x->two) {
		x->hosts = xcalloc(2, sizeof(*x->hosts));
		x->hosts[0] = x->names[0];
		x->hosts[1] = x->names[1];
		x->n_hosts = 2;
		return;
	}
	for (i = 0; i < x->pts[0].n; i++) {
		const struct q_point *p = &x->pts[0].v[i];
		const char *h;

		if (!p->host || (i && p->host == p[-1].host &&
				 p->variant == p[-1].variant))
			continue;
		h = sd_label(x, p);
		for (j = 0; j < n && strcmp(x->hosts[j], h); j++)
			;
		if (j < n)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 8;
			x->hosts = xrealloc(x->hosts, cap * sizeof(*x->hosts));
		}
		x->hosts[n++] = h;
	}
	if (n)
		qsort(x->hosts, n, sizeof(*x->hosts), cmp_name);
	x->n_hosts = n;
}

static int row_cmp(const void *pa, const void *pb)
{
	const struct sd_row *a = pa, *b = pb;
	int c;

	if ((c = strcmp(a->model, b->model)) ||
	    (c = q_cmp_str(a->quant, b->quant)))
		return c;
	return a->depth < b->depth ? -1 : a->depth > b->depth;
}

/* The rows: every model, quant and depth any list has, in order. */
static void sd_rows(struct sd *x)
{
	size_t i, n = 0, cap = 0;
	int s;

	for (s = 0; s < 2; s++) {
		const struct q_points *p = &x->pts[s];

		for (i = 0; i < p->n; i++) {
			if (i && q_same_key(&p->v[i - 1], &p->v[i]))
				continue;
			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				x->rows = xrealloc(x->rows,
						   cap * sizeof(*x->rows));
			}
			memset(&x->rows[n], 0, sizeof(x->rows[n]));
			x->rows[n].model = q_point_model(&p->v[i]);
			x->rows[n].quant = p->v[i].quant;
			x->rows[n].depth = p->v[i].depth;
			n++;
		}
	}
	if (n)
		qsort(x->rows, n, sizeof(*x->rows), row_cmp);
	x->n_rows = 0;
	for (i = 0; i < n; i++)
		if (!x->n_rows || row_cmp(&x->rows[x->n_rows - 1], &x->rows[i]))
			x->rows[x->n_rows++] = x->rows[i];
	for (i = 0; i < x->n_rows; i++)
		x->rows[i].cell = xcalloc(N_TESTS * x->n_hosts,
					  sizeof(*x->rows[i].cell));
}

static struct sd_row *sd_row_of(struct sd *x, const struct q_point *p)
{
	struct sd_row key;

	key.model = q_point_model(p);
	key.quant = p->quant;
	key.depth = p->depth;
	return bsearch(&key, x->rows, x->n_rows, sizeof(*x->rows), row_cmp);
}

/*
 * Without --hosts: each cell the newest of its host's candidates (the
 * points come newest first within a key), the others counted.  A run
 * that died before naming a test fills the cells of its row that no
 * result fills (second pass), and is counted where one does.
 */
static void sd_fill_all(struct sd *x)
{
	const char **h;
	const char *label;
	struct sd_row *r;
	struct sd_cell *c;
	size_t i;
	int pass, t, t0;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < x->pts[0].n; i++) {
			struct q_point *p = &x->pts[0].v[i];

			t0 = sd_test(p);
			if (!p->host || (t0 < 0) != pass)
				continue;
			r = sd_row_of(x, p);
			label = sd_label(x, p);
			h = bsearch(&label, x->hosts, x->n_hosts,
				    sizeof(*x->hosts), cmp_name);
			for (t = 0; t < N_TESTS; t++) {
				if (t0 >= 0 && t != t0)
					continue;
				c = &r->cell[(size_t)t * x->n_hosts +
					     (size_t)(h - x->hosts)];
				if (c->p) {
					c->others += 1 + p->n_more;
				} else {
					c->p = p;
					c->others += p->n_more;
				}
			}
		}
}

static void sd_release(struct sd *x)
{
	size_t i;
	int s;

	for (i = 0; i < x->n_rows; i++)
		free(x->rows[i].cell);
	free(x->rows);
	free(x->hosts);
	for (s = 0; s < 2; s++) {
		q_points_release(&x->pts[s]);
		q_selector_release(&x->side[s]);
		free(x->names[s]);
	}
	q_selector_release(&x->f);
	free(x->kept);
	q_pool_free(x->pool);
	memset(x, 0, sizeof(*x));
}

/* Keeps a cell of one host's pass (row r, column label, test t): the
 * point it shows copied, its strings in x's pool. */
static void sd_keep_cell(struct sd *x, const struct sd_row *r,
			 const char *label, int t, const struct sd_cell *c)
{
	struct q_pool *pl = x->pool;
	const struct q_point *p = c->p;
	struct sd_kept *k;

	if (x->n_kept == x->cap_kept) {
		x->cap_kept = x->cap_kept ? 2 * x->cap_kept : 256;
		x->kept = xrealloc(x->kept, x->cap_kept * sizeof(*x->kept));
	}
	k = &x->kept[x->n_kept++];
	k->model = q_pool_str(pl, r->model);
	k->quant = q_pool_str(pl, r->quant);
	k->label = q_pool_str(pl, label);
	k->depth = r->depth;
	k->test = t;
	k->others = c->others;
	k->p = *p;
	k->p.host = q_pool_str(pl, p->host);
	k->p.backend = q_pool_str(pl, p->backend);
	k->p.build_commit = q_pool_str(pl, p->build_commit);
	k->p.name = q_pool_str(pl, p->name);
	k->p.model_file = q_pool_str(pl, p->model_file);
	k->p.quant = q_pool_str(pl, p->quant);
	k->p.type_k = q_pool_str(pl, p->type_k);
	k->p.type_v = q_pool_str(pl, p->type_v);
	k->p.test = q_pool_str(pl, p->test);
	k->p.status = q_pool_str(pl, p->status);
	k->p.test_time = q_pool_str(pl, p->test_time);
	k->p.error = q_pool_str(pl, p->error);
	k->p.variant = q_pool_str(pl, p->variant);
	k->p.gate = q_pool_str(pl, p->gate);
	k->p.samples = NULL;
	k->p.n_samples = 0;
	k->p.samples_loaded = 0;
}

/* The columns and rows of every host's kept cells, and the cells in
 * them, as sd_hosts, sd_rows and sd_fill_all would have made them from
 * every host's points at once. */
static void sd_gather(struct sd *x)
{
	struct sd_row key, *r;
	const char **h;
	size_t i, j, n = 0;

	for (i = 0; i < x->n_kept; i++) {
		for (j = 0; j < x->n_hosts && x->hosts[j] != x->kept[i].label;
		     j++)
			;
		if (j < x->n_hosts)
			continue;
		x->hosts = xrealloc(x->hosts, (x->n_hosts + 1) *
				    sizeof(*x->hosts));
		x->hosts[x->n_hosts++] = x->kept[i].label;
	}
	if (x->n_hosts)
		qsort(x->hosts, x->n_hosts, sizeof(*x->hosts), cmp_name);
	x->rows = xcalloc(x->n_kept ? x->n_kept : 1, sizeof(*x->rows));
	for (i = 0; i < x->n_kept; i++) {
		x->rows[i].model = x->kept[i].model;
		x->rows[i].quant = x->kept[i].quant;
		x->rows[i].depth = x->kept[i].depth;
	}
	if (x->n_kept)
		qsort(x->rows, x->n_kept, sizeof(*x->rows), row_cmp);
	for (i = 0; i < x->n_kept; i++)
		if (!n || row_cmp(&x->rows[n - 1], &x->rows[i]))
			x->rows[n++] = x->rows[i];
	x->n_rows = n;
	for (i = 0; i < x->n_rows; i++)
		x->rows[i].cell = xcalloc(N_TESTS * x->n_hosts,
					  sizeof(*x->rows[i].cell));
	for (i = 0; i < x->n_kept; i++) {
		struct sd_kept *k = &x->kept[i];
		struct sd_cell *c;

		key.model = k->model;
		key.quant = k->quant;
		key.depth = k->depth;
		r = bsearch(&key, x->rows, x->n_rows, sizeof(*x->rows),
			    row_cmp);
		h = bsearch(&k->label, x->hosts, x->n_hosts,
			    sizeof(*x->hosts), cmp_name);
		c = &r->cell[(size_t)k->test * x->n_hosts +
			     (size_t)(h - x->hosts)];
		c->p = &k->p;
		c->others = k->others;
	}
}

/*
 * Without --hosts, a host at a time: the memory of one host's points, not
 * of the store's (a million rows: 276 MiB).  A cell is one host's (its
 * column is the host, or the host and a variant), so each host's cells
 * are filled from its own points as sd_fill_all fills them from all, and
 * what they show is kept before the host's points go.  Returns 0 or -1
 * (hdb_error).
 */
static int sd_each_host(struct sd *x)
{
	const struct q_selector *sels[2] = { NULL, &x->f };
	char **names = NULL;
	size_t n_names = 0, i, r, k;
	int t, ret = -1;

	if (q_hosts(x->db, &names, &n_names))
		return -1;
	x->pool = q_pool_new();
	for (i = 0; i < n_names; i++) {
		struct sd h;

		memset(&h, 0, sizeof(h));
		h.every_depth = x->every_depth;
		if (q_points_load_host(x->db, &h.pts[0], sels, 2,
				       sd_where(x->every_depth), names[i],
				       1)) {
			sd_release(&h);
			goto out;
		}
		sd_keep(&h.pts[0], x->every_depth);
		sd_hosts(&h);
		sd_rows(&h);
		sd_fill_all(&h);
		for (r = 0; r < h.n_rows; r++)
			for (t = 0; t < N_TESTS; t++)
				for (k = 0; k < h.n_hosts; k++) {
					const struct sd_cell *c =
						&h.rows[r].cell[(size_t)t *
								h.n_hosts + k];

					if (c->p)
						sd_keep_cell(x, &h.rows[r],
							     h.hosts[k], t, c);
				}
		sd_release(&h);
	}
	sd_gather(x);
	ret = 0;
out:
	q_hosts_free(names, n_names);
	return ret;
}

/*
 * With --hosts: the pair 'query ratio' would choose, and its comparison.
 * A run that died before naming a test (its key sorts first) fills the
 * cells of its row for every test; a result of the test replaces it.
 */
static int sd_pair_cb(void *ctx, struct q_pairing *pr)
{
	struct sd *x = ctx;
	struct sd_row *r = sd_row_of(x, pr->key);
	struct q_point *side[2] = { pr->a, pr->b };
	size_t others[2] = { pr->a_others, pr->b_others };
	struct sd_cell *c;
	int t0 = sd_test(pr->key), t, k;

	for (t = 0; t < N_TESTS; t++) {
		if (t0 >= 0 && t != t0)
			continue;
		c = &r->cell[(size_t)t * 2];
		for (k = 0; k < 2; k++)
			if (side[k] && (t0 >= 0 || !c[k].p)) {
				/* a died run replaced is counted */
				c[k].others = others[k] +
					      (c[k].p && sd_test(c[k].p) < 0);
				c[k].p = side[k];
			}
		if (t0 >= 0) {
			r->pair[t].compared = pr->compared;
			if (pr->compared)
				r->pair[t].c = pr->c;
		}
	}
	return 0;
}

enum { SD_MODEL, SD_QUANT, SD_DEPTH };

static void sd_columns(struct sd *x, struct hdb_table *t, size_t first)
{
	size_t col = first, h;
	char *name;
	int i;

	for (i = 0; i < N_TESTS; i++)
		for (h = 0; h < x->n_hosts; h++) {
			name = xasprintf("%s %s", x->hosts[h], speed_tests[i]);
			hdb_table_set_col(t, col, name, "t/s");
			/* pp in the thousands, tg down to a few t/s */
			hdb_table_set_digits(t, col++, i ? 2 : 1);
			free(name);
		}
	if (x->two) {
		for (i = 0; i < N_TESTS; i++) {
			name = xasprintf("ratio %s", speed_tests[i]);
			hdb_table_set_col(t, col, name, NULL);
			hdb_table_set_digits(t, col++, 2);
			free(name);
			name = xasprintf("verdict %s", speed_tests[i]);
			hdb_table_set_col(t, col++, name, NULL);
			free(name);
		}
		for (i = 0; i < N_TESTS; i++) {
			name = xasprintf("differs %s", speed_tests[i]);
			hdb_table_set_col(t, col++, name, NULL);
			free(name);
		}
		if (x->variants)
			hdb_table_set_col(t, col++, "variants", NULL);
	}
	hdb_table_set_col(t, col, "unchosen", NULL);
}

/* Does a cell of the pair's rows show a run of a variant? */
static int sd_any_variant(const struct sd *x)
{
	size_t i, k;

	for (i = 0; i < x->n_rows; i++)
		for (k = 0; k < N_TESTS * x->n_hosts; k++)
			if (x->rows[i].cell[k].p &&
			    x->rows[i].cell[k].p->variant)
				return 1;
	return 0;
}

/* The variants of the runs a row shows (--hosts): "a30 dual-gpu", or
 * per test where they differ: "a30 pp512 100W; strix-halo tg128 x". */
static void sd_variants(const struct sd *x, const struct sd_row *r,
			struct strbuf *sb)
{
	const char *v[N_TESTS];
	size_t h;
	int i;

	strbuf_reset(sb);
	for (h = 0; h < 2; h++) {
		for (i = 0; i < N_TESTS; i++)
			v[i] = r->cell[(size_t)i * 2 + h].p
			       ? r->cell[(size_t)i * 2 + h].p->variant : NULL;
		if (v[0] && !q_cmp_str(v[0], v[1])) {
			strbuf_addf(sb, "%s%s %s", sb->len ? "; " : "",
				    x->hosts[h], v[0]);
			continue;
		}
		for (i = 0; i < N_TESTS; i++)
			if (v[i])
				strbuf_addf(sb, "%s%s %s %s", sb->len ? "; "
					    : "", x->hosts[h], speed_tests[i],
					    v[i]);
	}
}

/* A host's cell: tokens/s (as compared, with --hosts), or the status of
 * a run that did not finish. */
static void sd_value(struct hdb_cell *cell, const struct sd_cell *c,
		     const struct sd_pair *pr, int side)
{
	if (!c->p)
		return;
	if (!q_point_ok(c->p)) {
		hdb_cell_set_text(cell, c->p->status ? c->p->status : "?");
		return;
	}
	q_cell_real(cell, pr && pr->compared ? pr->c.mean[side] : c->p->mean);
	if (c->others)
		cell->flags |= HDB_CELL_ALTERNATIVES;
}

static void sd_add_row(struct sd *x, struct hdb_table *t,
		       const struct sd_row *r, struct strbuf *sb)
{
	struct hdb_cell *row = hdb_table_add_row(t);
	size_t first = x->every_depth ? 3 : 2, col, h, nh = x->n_hosts;
	char buf[160];
	int i;

	hdb_cell_set_text(&row[SD_MODEL], r->model);
	hdb_cell_set_text(&row[SD_QUANT], r->quant);
	if (x->every_depth)
		q_cell_int(&row[SD_DEPTH], r->depth);
	col = first;
	for (i = 0; i < N_TESTS; i++)
		for (h = 0; h < nh; h++)
			sd_value(&row[col++], &r->cell[(size_t)i * nh + h],
				 x->two ? &r->pair[i] : NULL, (int)h);
	if (x->two) {
		for (i = 0; i < N_TESTS; i++, col += 2) {
			const struct sd_cell *c = &r->cell[(size_t)i * 2];
			const struct sd_pair *pr = &r->pair[i];

			if (pr->compared)
				q_cell_real(&row[col], pr->c.ratio.est);
			if (!c[0].p && !c[1].p)
				continue;
			q_verdict_text(c[0].p, c[1].p, pr->compared ? &pr->c
				       : NULL, x->names[0], x->names[1], buf,
				       sizeof(buf));
			hdb_cell_set_text(&row[col + 1], buf);
		}
		for (i = 0; i < N_TESTS; i++, col++) {
			const struct sd_cell *c = &r->cell[(size_t)i * 2];

			if (!c[0].p || !c[1].p)
				continue;
			q_point_differs(c[0].p, c[1].p, 1u << Q_KEY_HOST, sb);
			if (sb->len)
				hdb_cell_set_text(&row[col], strbuf_str(sb));
		}
		if (x->variants) {
			sd_variants(x, r, sb);
			if (sb->len)
				hdb_cell_set_text(&row[col], strbuf_str(sb));
			col++;
		}
	}
	strbuf_reset(sb);
	for (i = 0; i < N_TESTS; i++)
		for (h = 0; h < nh; h++) {
			const struct sd_cell *c = &r->cell[(size_t)i * nh + h];

			if (c->others)
				strbuf_addf(sb, "%s%s %s +%zu", sb->len ? "; " : "",
					    x->hosts[h], speed_tests[i], c->others);
		}
	if (sb->len)
		hdb_cell_set_text(&row[col], strbuf_str(sb));
}

/* Why there are no rows: what was asked for. */
static char *sd_empty(const struct sd *x)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "no pp512 or tg128 rows%s", x->every_depth ? ""
		    : " at depth 0");
	if (x->two)
		strbuf_addf(&sb, " for host '%s' or '%s'", x->names[0],
			    x->names[1]);
	if (x->o->model)
		strbuf_addf(&sb, " with model '%s'", x->o->model);
	if (x->o->quant)
		strbuf_addf(&sb, "%s quant '%s'", x->o->model ? " and" : " with",
			    x->o->quant);
	return strbuf_detach(&sb);
}

static int speed_or_depth(sqlite3 *db, const struct hdb_query_opts *o,
			  int every_depth, struct hdb_table *out)
{
	struct strbuf sb = STRBUF_INIT;
	struct sd x;
	size_t i, first;
	int ret = -1, rc;

	memset(&x, 0, sizeof(x));
	memset(out, 0, sizeof(*out));
	x.db = db;
	x.o = o;
	x.every_depth = every_depth;
	if ((o->hosts && sd_parse_hosts(&x, o->hosts)) ||
	    q_filters(db, o, &x.f))
		goto out;
	if (x.two) {
		if (sd_load(&x))
			goto out;
		sd_hosts(&x);
		sd_rows(&x);
		/* skip as ratio's: the keys the two selectors name */
		if (q_pair_keys(db, &x.pts[0], &x.pts[1],
				x.side[0].keys | x.side[1].keys, o->noise,
				sd_pair_cb, &x))
			goto out;
		x.variants = sd_any_variant(&x);
	} else {
		/* one snapshot for every host's statement */
		if (q_read_begin(db))
			goto out;
		rc = sd_each_host(&x);
		q_read_end(db);
		if (rc)
			goto out;
	}
	first = every_depth ? 3 : 2;
	hdb_table_init(out, first + N_TESTS * x.n_hosts +
		       (x.two ? 3 * N_TESTS + x.variants : 0) + 1);
	hdb_table_set_col(out, SD_MODEL, "model", NULL);
	hdb_table_set_col(out, SD_QUANT, "quant", NULL);
	if (every_depth)
		hdb_table_set_col(out, SD_DEPTH, "depth", "tokens");
	sd_columns(&x, out, first);
	for (i = 0; i < x.n_rows; i++)
		sd_add_row(&x, out, &x.rows[i], &sb);
	if (!out->n_rows)
		out->empty = sd_empty(&x);
	ret = 0;
out:
	strbuf_release(&sb);
	sd_release(&x);
	return ret;
}

int hdb_query_speed(struct sqlite3 *db, const struct hdb_query_opts *o,
		    struct hdb_table *out)
{
	return speed_or_depth(db, o, 0, out);
}

int hdb_query_depth(struct sqlite3 *db, const struct hdb_query_opts *o,
		    struct hdb_table *out)
{
	return speed_or_depth(db, o, 1, out);
}
