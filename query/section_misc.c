/*
 * section_misc.c: the report's sections around the measurements: the
 * contestants (the hosts and what the store knows of them), the runs
 * that did not finish, notes on what the comparisons could not hold
 * equal (protocol differences, build skew, repetitions), and the
 * methodology (repetitions, the noise policy, every source file).
 * Everything is read from the public views and the named queries (the
 * hosts' facts from hdb_query_host_facts), except the list of source
 * files, which has no view (see methodology).
 */
#include "report.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- Helpers ---------------------------------------------------------- */

/* Distinct strings in the order first seen, each with a count. */
struct tally {
	char **name;
	long long *n;
	size_t len, cap;
};

static size_t tally_add(struct tally *t, const char *s, long long n)
{
	size_t i;

	for (i = 0; i < t->len; i++)
		if (!strcmp(t->name[i], s)) {
			t->n[i] += n;
			return i;
		}
	if (t->len == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 8;
		t->name = xrealloc(t->name, t->cap * sizeof(*t->name));
		t->n = xrealloc(t->n, t->cap * sizeof(*t->n));
	}
	t->name[t->len] = xstrdup(s);
	t->n[t->len] = n;
	return t->len++;
}

static void tally_release(struct tally *t)
{
	size_t i;

	for (i = 0; i < t->len; i++)
		free(t->name[i]);
	free(t->name);
	free(t->n);
	memset(t, 0, sizeof(*t));
}

/* The names joined by sep (for a table cell). */
static void tally_join_sep(const struct tally *t, const char *sep,
			   struct strbuf *sb)
{
	size_t i;

	for (i = 0; i < t->len; i++)
		strbuf_addf(sb, "%s%s", i ? sep : "", t->name[i]);
}

static void tally_join(const struct tally *t, struct strbuf *sb)
{
	tally_join_sep(t, ", ", sb);
}

/* Sorts the names by cmp. */
static void tally_sort(struct tally *t, int (*cmp)(const char *, const char *))
{
	size_t i, j;

	/* insertion sort: the names are few */
	for (i = 1; i < t->len; i++)
		for (j = i; j > 0 && cmp(t->name[j - 1], t->name[j]) > 0;
		     j--) {
			char *ns = t->name[j];
			long long nn = t->n[j];

			t->name[j] = t->name[j - 1];
			t->n[j] = t->n[j - 1];
			t->name[j - 1] = ns;
			t->n[j - 1] = nn;
		}
}

/* The value of a number, a depth label ("8K": 8000) or a build number;
 * -1 for anything else (a commit, "?", ""), which sorts after. */
static double label_value(const char *s)
{
	char *end;
	double v;

	if (!*s || !strchr("0123456789", *s))
		return -1;
	v = strtod(s, &end);
	if (*end == 'K' && !end[1])
		return v * 1000;
	return *end ? -1 : v;
}

/* Numbers in order, then the rest by name, unknown ("" or "?") last. */
static int label_cmp(const char *a, const char *b)
{
	double x = label_value(a), y = label_value(b);
	int ua = !*a || !strcmp(a, "?"), ub = !*b || !strcmp(b, "?");

	if (ua != ub)
		return ua - ub;
	if ((x < 0) != (y < 0))
		return x < 0 ? 1 : -1;
	if (x >= 0 && x != y)
		return x < y ? -1 : 1;
	return strcmp(a, b);
}

/* The names as values of a sentence: "a", "a and b", "a, b and c". */
static void prose_names(struct hdb_prose *p, const struct tally *t)
{
	size_t i;

	for (i = 0; i < t->len; i++) {
		if (i)
			hdb_prose_add(p, 0, i + 1 == t->len ? " and " : ", ");
		hdb_prose_add(p, 1, "%s", t->name[i]);
	}
}

/*
 * The rows of a statement counted by their first n_keys columns (text;
 * NULL apart from ""), the next column summed as a flag.  A GROUP BY over
 * a view of a million rows sorts them all; a scan counted here in a hash
 * of interned names is several times faster, and the groups are few.
 */
#define GROUP_MAX_KEYS 12

struct group {
	const char *key[GROUP_MAX_KEYS];	/* interned; NULL for NULL */
	long long n, flagged;
};

struct groups {
	struct q_pool *pool;
	struct group *v;
	size_t n, cap;
	size_t *slot;		/* index + 1 into v; 0: empty */
	size_t n_slot;
};

static size_t group_hash(const char *const *key, int n_keys)
{
	size_t h = 1469598103934665603ull;
	int i;

	for (i = 0; i < n_keys; i++)
		h = (h ^ (size_t)(uintptr_t)key[i]) * 1099511628211ull;
	return h ^ (h >> 29);
}

static void groups_rehash(struct groups *g, int n_keys)
{
	size_t i, j;

	free(g->slot);
	g->n_slot = g->n_slot ? 2 * g->n_slot : 256;
	g->slot = xcalloc(g->n_slot, sizeof(*g->slot));
	for (i = 0; i < g->n; i++) {
		for (j = group_hash(g->v[i].key, n_keys) & (g->n_slot - 1);
		     g->slot[j]; j = (j + 1) & (g->n_slot - 1))
			;
		g->slot[j] = i + 1;
	}
}

/* The group of key, made when new. */
static struct group *group_find(struct groups *g, const char *const *key,
				int n_keys)
{
	size_t j;

	for (j = group_hash(key, n_keys) & (g->n_slot - 1); g->slot[j];
	     j = (j + 1) & (g->n_slot - 1))
		if (!memcmp(g->v[g->slot[j] - 1].key, key,
			    (size_t)n_keys * sizeof(*key)))
			return &g->v[g->slot[j] - 1];
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		g->v = xrealloc(g->v, g->cap * sizeof(*g->v));
	}
	memset(&g->v[g->n], 0, sizeof(g->v[g->n]));
	memcpy(g->v[g->n].key, key, (size_t)n_keys * sizeof(*key));
	g->slot[j] = ++g->n;
	if (2 * g->n > g->n_slot)
		groups_rehash(g, n_keys);
	return &g->v[g->n - 1];
}

static int groups_read(sqlite3 *db, const char *sql, int n_keys,
		       struct groups *g, const char *what)
{
	const char *key[GROUP_MAX_KEYS], *last[GROUP_MAX_KEYS] = { NULL };
	struct group *gr;
	sqlite3_stmt *s;
	int rc, i;

	memset(g, 0, sizeof(*g));
	g->pool = q_pool_new();
	groups_rehash(g, n_keys);
	if (q_prepare(db, sql, &s, what))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (i = 0; i < n_keys; i++) {
			const char *t = q_text_or_null(s, i);

			/* rows come in index order: mostly the last row's */
			if (t && (!last[i] || strcmp(last[i], t)))
				last[i] = q_pool_str(g->pool, t);
			key[i] = t ? last[i] : NULL;
		}
		gr = group_find(g, key, n_keys);
		gr->n++;
		gr->flagged += sqlite3_column_int64(s, n_keys) != 0;
	}
	sqlite3_finalize(s);
	return q_done(db, rc, what);
}

static void groups_release(struct groups *g)
{
	free(g->v);
	free(g->slot);
	q_pool_free(g->pool);
	memset(g, 0, sizeof(*g));
}

/*
 * The throughput view read once for the whole report (q_report_scan):
 * its rows counted by every column that the contestants, the notes, the
 * methodology and the choice of the hosts count them by.  Each of those
 * took a scan of its own (a million rows: 0.5-1 s each); each now
 * projects these groups onto its keys (groups_project).
 */
enum {
	TP_HOST, TP_NAME, TP_FILE, TP_BACKEND, TP_BUILD_NUMBER, TP_BUILD_COMMIT,
	TP_OK, TP_REPS, TP_SAMPLES, TP_GATE, TP_MODEL, TP_N_KEYS
};

struct q_tp_scan {
	struct groups g;
};

static int is_one(const char *v)
{
	return v && !strcmp(v, "1");
}

/*
 * Reads the scan's groups.  Whether a finished row has samples (the
 * methodology counts them) is a merge of the rows, by id, with the ids
 * that have samples, both read in id order: an EXISTS probe per row cost
 * four times the scan.  Returns 0 or -1 (hdb_error).
 */
static int scan_read(sqlite3 *db, struct groups *g)
{
	/* the rows by id: the rowid order every section's scan had */
	static const char sql[] =
		"SELECT host, name, model_file, backend, build_number,"
		" build_commit, status = 'ok', n_reps, NULL, gate, model, id"
		" FROM throughput ORDER BY id";
	static const char samples_sql[] =
		"SELECT DISTINCT throughput_id FROM throughput_sample"
		" ORDER BY throughput_id";
	static const char what[] = "read the throughput rows of each host";
	const char *key[GROUP_MAX_KEYS], *last[GROUP_MAX_KEYS] = { NULL };
	const char *yes, *no;
	sqlite3_stmt *s = NULL, *smp = NULL;
	long long id, sid = LLONG_MIN;
	int rc, src = SQLITE_ROW, i;

	memset(g, 0, sizeof(*g));
	g->pool = q_pool_new();
	groups_rehash(g, TP_N_KEYS);
	yes = q_pool_str(g->pool, "1");
	no = q_pool_str(g->pool, "0");
	if (q_prepare(db, sql, &s, what) ||
	    q_prepare(db, samples_sql, &smp, what)) {
		sqlite3_finalize(s);
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (i = 0; i < TP_N_KEYS; i++) {
			const char *t = q_text_or_null(s, i);

			/* rows come in index order: mostly the last row's */
			if (t && (!last[i] || strcmp(last[i], t)))
				last[i] = q_pool_str(g->pool, t);
			key[i] = t ? last[i] : NULL;
		}
		if (is_one(key[TP_OK])) {
			id = sqlite3_column_int64(s, TP_N_KEYS);
			while (src == SQLITE_ROW && sid < id)
				if ((src = sqlite3_step(smp)) == SQLITE_ROW)
					sid = sqlite3_column_int64(smp, 0);
			key[TP_SAMPLES] = src == SQLITE_ROW && sid == id ? yes
					  : no;
		}
		group_find(g, key, TP_N_KEYS)->n++;
	}
	sqlite3_finalize(s);
	sqlite3_finalize(smp);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return hdb_error("cannot %s: %s", what, sqlite3_errmsg(db));
	return q_done(db, rc, what);
}

int q_report_scan(sqlite3 *db, struct q_report *x)
{
	struct q_tp_scan *tp = xcalloc(1, sizeof(*tp));
	size_t i;

	if (scan_read(db, &tp->g)) {
		groups_release(&tp->g);
		free(tp);
		return -1;
	}
	x->tp = tp;
	x->tp_rows = 0;
	for (i = 0; i < tp->g.n; i++)
		x->tp_rows += tp->g.v[i].n;
	return 0;
}

void q_report_scan_free(struct q_tp_scan *tp)
{
	if (!tp)
		return;
	groups_release(&tp->g);
	free(tp);
}

long long q_report_scan_rows(const struct q_tp_scan *tp, const char *host)
{
	long long n = 0;
	size_t i;

	for (i = 0; tp && i < tp->g.n; i++)
		if (tp->g.v[i].key[TP_HOST] && !strcmp(tp->g.v[i].key[TP_HOST],
						       host))
			n += tp->g.v[i].n;
	return n;
}

/* A filter of groups_project: key must be "1" (FILTER_ONE), or not NULL
 * (FILTER_SET); FILTER_NONE keeps every group. */
enum { FILTER_NONE, FILTER_ONE, FILTER_SET };
/* What groups_project sums as flagged: the rows whose flag key is "1",
 * every row, or none. */
#define FLAG_ALL (-1)
#define FLAG_NONE (-2)

/*
 * The groups of the scan's rows that pass the filter (on key fkey),
 * counted by the scan's keys keys[0..n_keys-1], flagged as flag says
 * (a key, FLAG_ALL or FLAG_NONE): what groups_read gives for the same
 * columns of the same view, in the same order (the order in which the
 * scan first met each group).  The keys are the scan's: release g before
 * the scan.
 */
static void groups_project(const struct q_tp_scan *tp, const int *keys,
			   int n_keys, int filter, int fkey, int flag,
			   struct groups *g)
{
	const char *key[GROUP_MAX_KEYS];
	struct group *gr;
	size_t i;
	int k;

	memset(g, 0, sizeof(*g));
	groups_rehash(g, n_keys);
	for (i = 0; i < tp->g.n; i++) {
		const struct group *a = &tp->g.v[i];

		if ((filter == FILTER_ONE && !is_one(a->key[fkey])) ||
		    (filter == FILTER_SET && !a->key[fkey]))
			continue;
		for (k = 0; k < n_keys; k++)
			key[k] = a->key[keys[k]];
		gr = group_find(g, key, n_keys);
		gr->n += a->n;
		gr->flagged += flag == FLAG_ALL ? a->n : flag == FLAG_NONE ? 0
			       : is_one(a->key[flag]) ? a->n : 0;
	}
}

/* A group's key as a number (Q_UNSET for NULL). */
static long long group_int(const struct group *gr, int i)
{
	return gr->key[i] ? strtoll(gr->key[i], NULL, 10) : Q_UNSET;
}

/* The model a throughput row names: its name, else its file. */
static const char *group_model(const struct group *gr, int model,
			       int file)
{
	return gr->key[model] ? gr->key[model]
	       : gr->key[file] ? gr->key[file] : "?";
}

/* A depth as the charts label it: 0, 512, 8K, 32K, 65K (thousands,
 * truncated, as the seed writes 65536); "?" when not recorded. */
static void depth_label(char *buf, size_t size, long long d)
{
	if (d == Q_UNSET)
		snprintf(buf, size, "?");
	else if (d >= 1000)
		snprintf(buf, size, "%lldK", d / 1000);
	else
		snprintf(buf, size, "%lld", d);
}

/* A build as the queries show it: the number, else the commit's first 12
 * characters; NULL when the row does not say. */
static const char *build_label(char *buf, size_t size, long long number,
			       const char *commit)
{
	if (number != Q_UNSET)
		snprintf(buf, size, "%lld", number);
	else if (commit && *commit)
		snprintf(buf, size, "%.12s", commit);
	else
		return NULL;
	return buf;
}

/* A quality row's status: published tables put it in details (absent:
 * the run finished). */
#define QSTATUS_SQL "coalesce(json_extract(CASE WHEN json_valid(details)" \
	" THEN details END, '$.status'), 'ok')"

/* ---- The contestants -------------------------------------------------- */

/* What the store knows of one host. */
struct host_info {
	struct tally cpu, gpu, backends, builds, models;
	long long n_tp, n_q, unbuilt;	/* unbuilt: rows that name no build */
};

static void host_info_release(struct host_info *h)
{
	tally_release(&h->cpu);
	tally_release(&h->gpu);
	tally_release(&h->backends);
	tally_release(&h->builds);
	tally_release(&h->models);
}

/* Models with a finished row. */
static size_t models_measured(const struct host_info *h)
{
	size_t i, n = 0;

	for (i = 0; i < h->models.len; i++)
		n += h->models.n[i] > 0;
	return n;
}

/* The CPU and GPU strings of every host, as 'halodb hosts' shows them. */
static int read_host_hardware(sqlite3 *db, const struct q_report *x,
			      struct host_info *info)
{
	struct hdb_table t;
	const char *v;
	size_t r;
	int i;

	if (hdb_query_hosts(db, &t))
		return -1;
	for (r = 0; r < t.n_rows; r++) {
		i = q_report_colour(x, q_cell_text(&t, r, "host"));
		if (i < 0)
			continue;
		if ((v = q_cell_text(&t, r, "cpu_info")) && *v)
			tally_add(&info[i].cpu, v, 1);
		if ((v = q_cell_text(&t, r, "gpu_info")) && *v)
			tally_add(&info[i].gpu, v, 1);
	}
	hdb_table_release(&t);
	return 0;
}

/*
 * Reads the rows of each host by model, backend and build: the throughput
 * view (quality 0) or the quality view (quality 1).
 */
static int read_host_rows(sqlite3 *db, const struct q_report *x,
			  struct host_info *info, int quality)
{
	static const char q_sql[] =
		"SELECT host, name, NULL, backend, NULL, build_commit,"
		" " QSTATUS_SQL " = 'ok' FROM quality";
	struct groups g;
	char buf[32];
	size_t k;
	int i, ret;

	static const int tp_keys[] = { TP_HOST, TP_NAME, TP_FILE, TP_BACKEND,
				       TP_BUILD_NUMBER, TP_BUILD_COMMIT };

	if (quality) {
		ret = groups_read(db, q_sql, 6, &g,
				  "read the quality rows of each host");
	} else {
		groups_project(x->tp, tp_keys, 6, FILTER_NONE, 0, TP_OK, &g);
		ret = 0;
	}
	for (k = 0; !ret && k < g.n; k++) {
		const struct group *gr = &g.v[k];
		const char *model = group_model(gr, 1, 2), *b;
		struct host_info *h;

		i = q_report_colour(x, gr->key[0]);
		if (i < 0 || !q_report_keeps(x, model))
			continue;
		h = &info[i];
		if (quality)
			h->n_q += gr->n;
		else
			h->n_tp += gr->n;
		tally_add(&h->models, model, gr->flagged);
		if (gr->key[3] && *gr->key[3])
			tally_add(&h->backends, gr->key[3], gr->n);
		b = build_label(buf, sizeof(buf), group_int(gr, 4), gr->key[5]);
		if (b)
			tally_add(&h->builds, b, gr->n);
		else
			h->unbuilt += gr->n;
	}
	groups_release(&g);
	return ret;
}

/* The order of the table: the two hosts compared, then the rest by
 * name.  Fills order[] with indices into x->hosts; returns the count. */
static size_t host_order(const struct q_report *x, size_t *order)
{
	size_t i, j, n = 0;
	int c;

	for (j = 0; j < x->n_pair; j++)
		if ((c = q_report_colour(x, x->pair[j])) >= 0)
			order[n++] = (size_t)c;
	for (i = 0; i < x->n_hosts; i++) {
		for (j = 0; j < n && order[j] != i; j++)
			;
		if (j == n)
			order[n++] = i;
	}
	return n;
}

enum {
	K_HOST, K_CPU, K_GPU, K_BACKENDS, K_BUILDS, K_TP, K_Q, K_MODELS,
	K_N
};

/* Facts that go first, with their column titles; other keys follow by
 * name, titled by the key.  Notes are a line per host, not a column. */
static const struct {
	const char *key, *title;
} known_facts[] = {
	{ "memory", "Memory" }, { "tdp", "TDP" }, { "price", "Price" },
};
#define NOTES_FACT "notes"

/* The value of a host's fact in the facts table, or NULL. */
static const char *fact_of(const struct hdb_table *ft, const char *host,
			   const char *key)
{
	size_t r;

	for (r = 0; r < ft->n_rows; r++)
		if (!strcmp(q_cell_text(ft, r, "host"), host) &&
		    !strcmp(q_cell_text(ft, r, "key"), key))
			return q_cell_text(ft, r, "value");
	return NULL;
}

/* The fact keys of the hosts in the table (those with rows), known ones
 * first, notes left out. */
static void fact_columns(const struct hdb_table *ft, const struct q_report *x,
			 const struct host_info *info, struct tally *keys)
{
	struct tally seen = { 0 };
	size_t i, r;
	int c;

	for (r = 0; r < ft->n_rows; r++) {
		c = q_report_colour(x, q_cell_text(ft, r, "host"));
		if (c >= 0 && (info[c].n_tp || info[c].n_q) &&
		    strcmp(q_cell_text(ft, r, "key"), NOTES_FACT))
			tally_add(&seen, q_cell_text(ft, r, "key"), 1);
	}
	for (i = 0; i < sizeof(known_facts) / sizeof(known_facts[0]); i++)
		for (r = 0; r < seen.len; r++)
			if (!strcmp(seen.name[r], known_facts[i].key))
				tally_add(keys, seen.name[r], 1);
	for (r = 0; r < seen.len; r++)
		tally_add(keys, seen.name[r], 1);
	tally_release(&seen);
}

static const char *fact_title(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(known_facts) / sizeof(known_facts[0]); i++)
		if (!strcmp(key, known_facts[i].key))
			return known_facts[i].title;
	return key;
}

int q_section_contestants(sqlite3 *db, const struct q_report *x,
			  struct hdb_report_model *m)
{
	static const struct q_col all_cols[K_N] = {
		{ "Host", NULL, 0 }, { "CPU", NULL, 0 }, { "GPU", NULL, 0 },
		{ "Backends", NULL, 0 }, { "Builds", NULL, 0 },
		{ "Throughput rows", NULL, 0 }, { "Quality rows", NULL, 0 },
		{ "Models", NULL, 0 },
	};
	struct host_info *info;
	struct q_col *cols = NULL;
	int use[K_N], at[K_N], at_facts = 0;
	size_t *order, n_order, i, k, n_cols = 0, n_rows = 0, n_others = 0;
	struct hdb_section *sec;
	struct hdb_block *b;
	struct tally others = { 0 }, facts = { 0 };
	struct hdb_table ft = { 0 };
	int ret = -1;

	if (!x->n_hosts)
		return 0;
	info = xcalloc(x->n_hosts, sizeof(*info));
	order = xcalloc(x->n_hosts, sizeof(*order));
	if (read_host_hardware(db, x, info) ||
	    read_host_rows(db, x, info, 0) || read_host_rows(db, x, info, 1) ||
	    hdb_query_host_facts(db, &ft))
		goto out;
	fact_columns(&ft, x, info, &facts);
	n_order = host_order(x, order);
	for (k = 0; k < K_N; k++)
		use[k] = k != K_CPU && k != K_GPU && k != K_BACKENDS;
	for (i = 0; i < x->n_hosts; i++) {
		if (!info[i].n_tp && !info[i].n_q)
			continue;
		n_rows++;
		use[K_CPU] |= info[i].cpu.len > 0;
		use[K_GPU] |= info[i].gpu.len > 0;
		use[K_BACKENDS] |= info[i].backends.len > 0;
	}
	if (!n_rows) {
		ret = 0;
		goto out;
	}
	/* the facts set with `halodb hosts set` after the hardware */
	cols = xcalloc(K_N + facts.len, sizeof(*cols));
	for (k = 0; k < K_N; k++) {
		if (k == K_BACKENDS) {
			at_facts = (int)n_cols;
			for (i = 0; i < facts.len; i++)
				cols[n_cols++] = (struct q_col){
					fact_title(facts.name[i]), NULL, 0 };
		}
		if (use[k]) {
			at[k] = (int)n_cols;
			cols[n_cols++] = all_cols[k];
		}
	}

	sec = hdb_report_section(m, "contestants", "The contestants");
	b = hdb_section_block(sec, HDB_BLOCK_PROSE);
	if (x->n_pair == 2) {
		struct host_info *a = &info[q_report_colour(x, x->pair[0])];
		struct host_info *c = &info[q_report_colour(x, x->pair[1])];

		hdb_prose_add(&b->prose, 0, "This report compares ");
		hdb_prose_add(&b->prose, 1, "%s", x->pair[0]);
		hdb_prose_add(&b->prose, 0, " and ");
		hdb_prose_add(&b->prose, 1, "%s", x->pair[1]);
		hdb_prose_add(&b->prose, 0, ": ");
		hdb_prose_add(&b->prose, 1, "%s", x->pair[0]);
		hdb_prose_add(&b->prose, 0, " measured %zu model%s, ",
			      models_measured(a),
			      models_measured(a) == 1 ? "" : "s");
		hdb_prose_add(&b->prose, 1, "%s", x->pair[1]);
		hdb_prose_add(&b->prose, 0, " %zu.", models_measured(c));
	} else if (x->n_pair == 1) {
		struct host_info *a = &info[q_report_colour(x, x->pair[0])];

		hdb_prose_add(&b->prose, 0, "The throughput results come from ");
		hdb_prose_add(&b->prose, 1, "%s", x->pair[0]);
		hdb_prose_add(&b->prose, 0, ", which measured %zu model%s.",
			      models_measured(a),
			      models_measured(a) == 1 ? "" : "s");
	} else {
		hdb_prose_add(&b->prose, 0, "The store holds no throughput "
			      "results, only quality scores.");
	}
	for (i = x->n_pair; i < n_order; i++)
		if (info[order[i]].n_tp || info[order[i]].n_q)
			tally_add(&others, x->hosts[order[i]], 1);
	n_others = others.len;
	if (n_others && x->n_pair) {
		hdb_prose_add(&b->prose, 0, " The store also holds results "
			      "of %zu other host%s: ", n_others,
			      n_others == 1 ? "" : "s");
		prose_names(&b->prose, &others);
		hdb_prose_add(&b->prose, 0, ".");
	}
	if (!use[K_CPU] && !use[K_GPU])
		hdb_prose_add(&b->prose, 0, " No result file names a CPU or "
			      "GPU for any host (published tables and "
			      "llama-bench markdown do not), so the table "
			      "shows what the rows themselves say.");

	b = hdb_section_block(sec, HDB_BLOCK_TABLE);
	hdb_prose_add(&b->prose, 0, "What the store knows of each host: %s"
		      "backends and llama.cpp builds seen in its throughput "
		      "rows, its rows, and the models with a finished run.",
		      facts.len ? "the facts set for it with `halodb hosts "
		      "set`, " : "");
	q_table_cols(&b->table, cols, n_cols);
	hdb_table_reserve(&b->table, n_rows);
	for (k = 0; k < n_order; k++) {
		struct host_info *h = &info[order[k]];
		struct hdb_cell *row;
		struct strbuf sb = STRBUF_INIT;

		if (!h->n_tp && !h->n_q)
			continue;
		row = hdb_table_add_row(&b->table);
		hdb_cell_set_text(&row[at[K_HOST]], x->hosts[order[k]]);
		if (use[K_CPU]) {
			tally_join(&h->cpu, &sb);
			hdb_cell_set_text(&row[at[K_CPU]],
					  sb.len ? strbuf_str(&sb) : NULL);
			strbuf_reset(&sb);
		}
		if (use[K_GPU]) {
			tally_join(&h->gpu, &sb);
			hdb_cell_set_text(&row[at[K_GPU]],
					  sb.len ? strbuf_str(&sb) : NULL);
			strbuf_reset(&sb);
		}
		for (i = 0; i < facts.len; i++)
			hdb_cell_set_text(&row[at_facts + (int)i],
					  fact_of(&ft, x->hosts[order[k]],
						  facts.name[i]));
		if (use[K_BACKENDS]) {
			/* "ROCm,RPC" is one backend: "; " between them */
			tally_join_sep(&h->backends, "; ", &sb);
			hdb_cell_set_text(&row[at[K_BACKENDS]],
					  sb.len ? strbuf_str(&sb) : NULL);
			strbuf_reset(&sb);
		}
		tally_sort(&h->builds, label_cmp);
		tally_join(&h->builds, &sb);
		if (h->unbuilt)
			strbuf_addf(&sb, "%snot recorded", sb.len ? ", " : "");
		hdb_cell_set_text(&row[at[K_BUILDS]], strbuf_str(&sb));
		strbuf_release(&sb);
		hdb_cell_set_int(&row[at[K_TP]], h->n_tp);
		hdb_cell_set_int(&row[at[K_Q]], h->n_q);
		hdb_cell_set_int(&row[at[K_MODELS]],
				 (long long)models_measured(h));
	}
	/* notes, a line per host, in the table's order */
	for (k = 0; k < n_order; k++) {
		const char *host = x->hosts[order[k]], *notes;

		if ((!info[order[k]].n_tp && !info[order[k]].n_q) ||
		    !(notes = fact_of(&ft, host, NOTES_FACT)))
			continue;
		b = hdb_section_block(sec, HDB_BLOCK_LIST);
		hdb_prose_add(&b->prose, 1, "%s", host);
		hdb_prose_add(&b->prose, 0, ": ");
		hdb_prose_add(&b->prose, 1, "%s", notes);
	}
	ret = 0;
out:
	for (i = 0; i < x->n_hosts; i++)
		host_info_release(&info[i]);
	free(info);
	free(order);
	free(cols);
	tally_release(&others);
	tally_release(&facts);
	hdb_table_release(&ft);
	return ret;
}

/* ---- Runs that did not finish ---------------------------------------- */

/* The statuses of a run that did not finish, in the order sentences name
 * them, and how a sentence says each of one model's runs, or of several
 * runs (quality). */
static const struct {
	const char *status, *one, *many;
} died_words[] = {
	{ "crashed", "crashed", "crashed" },
	{ "oom", "ran out of memory", "ran out of memory" },
	{ "wedged", "wedged", "wedged" },
	{ "failed", "failed", "failed" },
	{ "not_run", "was not run", "were not run" },
};
#define N_DIED_WORDS (sizeof(died_words) / sizeof(died_words[0]))

/* One model's throughput runs of a group: where they stopped. */
struct died_model {
	char *name;
	long long runs;
	long long unplaced;	/* runs whose files tell neither test nor
				 * depth */
	struct tally tests, depths;
	long long first;	/* the lowest depth a run stopped at */
	struct tally after;	/* depths that finished below it, in the
				 * same files (in tokens) */
};

/* The runs of one host, kind (throughput, quality) and status. */
struct died_group {
	int host;		/* index in x->hosts */
	int quality;
	char *status;
	long long runs;
	struct tally models, where;	/* quality: models, benchmarks */
	struct died_model *m;		/* throughput: by model */
	size_t n_m;
};

struct died {
	struct died_group *g;
	size_t n, cap;
};

static struct died_group *died_group(struct died *d, int host, int quality,
				     const char *status)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->g[i].host == host && d->g[i].quality == quality &&
		    !strcmp(d->g[i].status, status))
			return &d->g[i];
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 8;
		d->g = xrealloc(d->g, d->cap * sizeof(*d->g));
	}
	memset(&d->g[d->n], 0, sizeof(d->g[d->n]));
	d->g[d->n].host = host;
	d->g[d->n].quality = quality;
	d->g[d->n].status = xstrdup(status);
	return &d->g[d->n++];
}

static struct died_model *died_model(struct died_group *g, const char *name)
{
	size_t i;

	for (i = 0; i < g->n_m; i++)
		if (!strcmp(g->m[i].name, name))
			return &g->m[i];
	g->m = xrealloc(g->m, (g->n_m + 1) * sizeof(*g->m));
	memset(&g->m[g->n_m], 0, sizeof(g->m[g->n_m]));
	g->m[g->n_m].name = xstrdup(name);
	g->m[g->n_m].first = LLONG_MAX;
	return &g->m[g->n_m++];
}

static void died_release(struct died *d)
{
	size_t i, j;

	for (i = 0; i < d->n; i++) {
		free(d->g[i].status);
		tally_release(&d->g[i].models);
		tally_release(&d->g[i].where);
		for (j = 0; j < d->g[i].n_m; j++) {
			free(d->g[i].m[j].name);
			tally_release(&d->g[i].m[j].tests);
			tally_release(&d->g[i].m[j].depths);
			tally_release(&d->g[i].m[j].after);
		}
		free(d->g[i].m);
	}
	free(d->g);
	memset(d, 0, sizeof(*d));
}

/* The rank of a status in died_words (unknown ones last). */
static size_t died_rank(const char *status)
{
	size_t i;

	for (i = 0; i < N_DIED_WORDS; i++)
		if (!strcmp(died_words[i].status, status))
			break;
	return i;
}

/* By host, throughput before quality, then status as died_words. */
static int died_group_cmp(const void *a, const void *b)
{
	const struct died_group *x = a, *y = b;
	size_t rx = died_rank(x->status), ry = died_rank(y->status);

	if (x->host != y->host)
		return x->host < y->host ? -1 : 1;
	if (x->quality != y->quality)
		return x->quality - y->quality;
	if (rx != ry)
		return rx < ry ? -1 : 1;
	return strcmp(x->status, y->status);
}

/* The labels of a tally, sorted, "?" left out, as a sentence says them:
 * "65K", "32K and 65K", "0, 8K and 32K". */
static void prose_labels(struct hdb_prose *p, struct tally *t,
			 const char *sep)
{
	size_t i, n = 0;

	tally_sort(t, label_cmp);
	for (i = 0; i < t->len; i++)
		n += strcmp(t->name[i], "?") != 0;
	for (i = 0; i < n; i++)
		hdb_prose_add(p, 0, "%s%s", i == 0 ? "" : i + 1 == n ? sep
			      : ", ", t->name[i]);
}

/*
 * One model's throughput runs that did not finish, where they stopped:
 * "granite 8B crashed at 65K (pp512) after finishing 0, 8K and 32K",
 * "m3 wedged at 32K and 65K (pp512, tg128), 4 runs", "m5 crashed at a
 * point its files do not tell".
 */
static void say_died_model(struct hdb_prose *p, const char *status,
			   struct died_model *dm)
{
	size_t r = died_rank(status), i;
	long long placed = dm->runs - dm->unplaced;
	int unknown = !strcmp(dm->name, "?"), depths = 0, tests = 0;
	struct tally after = { 0 };
	char dl[32];

	for (i = 0; i < dm->depths.len; i++)
		depths += strcmp(dm->depths.name[i], "?") != 0;
	for (i = 0; i < dm->tests.len; i++)
		tests += strcmp(dm->tests.name[i], "?") != 0;
	if (unknown)
		hdb_prose_add(p, 0, "%s of an unknown model ", dm->runs == 1
			      ? "a run" : "runs");
	else {
		hdb_prose_add(p, 1, "%s", dm->name);
		hdb_prose_add(p, 0, " ");
	}
	if (r < N_DIED_WORDS)
		hdb_prose_add(p, 0, "%s", unknown && dm->runs > 1
			      ? died_words[r].many : died_words[r].one);
	else
		hdb_prose_add(p, 1, "%s", status);
	if (depths) {
		hdb_prose_add(p, 0, " at ");
		if (depths == 1 && dm->depths.len == 1 &&
		    !strcmp(dm->depths.name[0], "0"))
			hdb_prose_add(p, 0, "depth ");
		prose_labels(p, &dm->depths, " and ");
	}
	if (tests) {
		hdb_prose_add(p, 0, depths ? " (" : " in ");
		prose_labels(p, &dm->tests, ", ");
		if (depths)
			hdb_prose_add(p, 0, ")");
	}
	if (!placed)
		hdb_prose_add(p, 0, " at a point its files do not tell");
	for (i = 0; placed && i < dm->after.len; i++)
		if (strtoll(dm->after.name[i], NULL, 10) < dm->first) {
			depth_label(dl, sizeof(dl),
				    strtoll(dm->after.name[i], NULL, 10));
			tally_add(&after, dl, 1);
		}
	if (after.len) {
		hdb_prose_add(p, 0, " after finishing %s",
			      after.len == 1 ? "depth " : "");
		prose_labels(p, &after, " and ");
	}
	tally_release(&after);
	if (placed && dm->unplaced)
		hdb_prose_add(p, 0, ", and %lld more at a point their files "
			      "do not tell", dm->unplaced);
	if (dm->runs > 1 && !unknown)
		hdb_prose_add(p, 0, ", %lld %s", dm->runs,
			      !strcmp(status, "not_run") ? "tests" : "runs");
}

/* "m3 wedged at 32K and 65K (pp512, tg128), 4 runs; m4 crashed at 65K
 * (tg128)", or "1 quality run failed (m2: aider-polyglot)". */
static void say_died_group(struct hdb_prose *p, struct died_group *g)
{
	size_t r = died_rank(g->status), i;

	if (!g->quality) {
		for (i = 0; i < g->n_m; i++) {
			if (i)
				hdb_prose_add(p, 0, "; ");
			say_died_model(p, g->status, &g->m[i]);
		}
		return;
	}
	/* "2 quality runs failed", but "2 quality tests were not run" */
	hdb_prose_add(p, 0, "%lld quality %s%s ", g->runs,
		      strcmp(g->status, "not_run") ? "run" : "test",
		      g->runs == 1 ? "" : "s");
	if (r < N_DIED_WORDS)
		hdb_prose_add(p, 0, "%s", g->runs == 1 ? died_words[r].one
			      : died_words[r].many);
	else
		hdb_prose_add(p, 1, "%s", g->status);
	hdb_prose_add(p, 0, " (");
	prose_names(p, &g->models);
	hdb_prose_add(p, 0, ": ");
	prose_names(p, &g->where);
	hdb_prose_add(p, 0, ")");
}

/* Closes a row of the runs that did not finish: its tests, depths and
 * runs, gathered over the rows of its group. */
static void died_row_end(struct hdb_cell *row, struct tally *tests,
			 struct tally *depths, long long runs)
{
	struct strbuf sb = STRBUF_INIT;

	tally_sort(depths, label_cmp);
	tally_join(tests, &sb);
	hdb_cell_set_text(&row[3], strbuf_str(&sb));
	strbuf_reset(&sb);
	tally_join(depths, &sb);
	hdb_cell_set_text(&row[4], strbuf_str(&sb));
	strbuf_release(&sb);
	hdb_cell_set_int(&row[6], runs);
	tally_release(tests);
	tally_release(depths);
}

/* Notes where one throughput run stopped into its model's line: its test
 * and depth, and the depths its files finished below that one (after:
 * a ','-separated list, or NULL). */
static void died_note(struct died_model *dm, const char *test,
		      long long depth, const char *after)
{
	char dl[32], num[32];
	const char *p, *e;

	dm->runs++;
	if (!test && depth == Q_UNSET) {
		dm->unplaced++;
		return;
	}
	tally_add(&dm->tests, test ? test : "?", 1);
	depth_label(dl, sizeof(dl), depth);
	tally_add(&dm->depths, dl, 1);
	if (depth == Q_UNSET)
		return;
	if (depth < dm->first)
		dm->first = depth;
	for (p = after; p && *p; p = *e ? e + 1 : e) {
		e = p + strcspn(p, ",");
		snprintf(num, sizeof(num), "%lld", strtoll(p, NULL, 10));
		tally_add(&dm->after, num, 1);
	}
}

/* The throughput rows that did not finish: a table row per host, model,
 * quant, status and error (the order of the statement), with its tests
 * and depths; a line per model in the sentences, with where each run
 * stopped and the depths its files finished before (same file, host and
 * model, below the depth it stopped at). */
static int died_throughput(sqlite3 *db, const struct q_report *x,
			   struct died *d, struct hdb_table *t)
{
	static const char sql[] =
		"SELECT host, " Q_MODEL_SQL ", quant, test, n_depth, status,"
		" error, (SELECT group_concat(DISTINCT o.n_depth)"
		"  FROM throughput o WHERE o.source = t.source"
		"  AND o.host = t.host AND o.status = 'ok'"
		"  AND coalesce(o.name, o.model_file, '?') ="
		"  coalesce(t.name, t.model_file, '?')"
		"  AND o.n_depth < t.n_depth)"
		" FROM throughput t WHERE status <> 'ok'"
		" ORDER BY host, 2, quant, status, error, test, n_depth";
	static const struct q_col cols[] = {
		{ "Host", NULL, 0 }, { "Model", NULL, 0 },
		{ "Quant", NULL, 0 }, { "Test", NULL, 0 },
		{ "Depth", NULL, 0 }, { "Status", NULL, 0 },
		{ "Runs", NULL, 0 }, { "Error", NULL, 0 },
	};
	struct tally tests = { 0 }, depths = { 0 };
	struct strbuf key = STRBUF_INIT, last = STRBUF_INIT;
	struct hdb_cell *row = NULL;
	struct died_group *g;
	sqlite3_stmt *s;
	long long runs = 0;
	char dl[32];
	int rc, h, i;

	q_table_cols(t, cols, sizeof(cols) / sizeof(cols[0]));
	if (q_prepare(db, sql, &s, "read the runs that did not finish"))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		h = q_report_colour(x, q_text_or_null(s, 0));
		if (h < 0 || !q_report_keeps(x, q_text(s, 1)))
			continue;
		/* the row's group: host, model, quant, status, error, each
		 * with its length (-1 for NULL), so no two groups read alike */
		strbuf_reset(&key);
		for (i = 0; i < 7; i++)
			if (i != 3 && i != 4)
				strbuf_addf(&key, "%d:%s;",
					    q_text_or_null(s, i)
					    ? (int)strlen(q_text(s, i)) : -1,
					    q_text(s, i));
		if (row && strcmp(strbuf_str(&key), strbuf_str(&last))) {
			died_row_end(row, &tests, &depths, runs);
			row = NULL;
		}
		if (!row) {
			row = hdb_table_add_row(t);
			hdb_cell_set_text(&row[0], q_text(s, 0));
			hdb_cell_set_text(&row[1], q_text(s, 1));
			hdb_cell_set_text(&row[2], q_text_or_null(s, 2));
			hdb_cell_set_text(&row[5], q_text(s, 5));
			hdb_cell_set_text(&row[7], q_text_or_null(s, 6));
			strbuf_reset(&last);
			strbuf_addstr(&last, strbuf_str(&key));
			runs = 0;
		}
		runs++;
		tally_add(&tests, q_text_or_null(s, 3) ? q_text(s, 3) : "?", 1);
		depth_label(dl, sizeof(dl), q_int(s, 4));
		tally_add(&depths, dl, 1);
		g = died_group(d, h, 0, q_text(s, 5));
		g->runs++;
		died_note(died_model(g, q_text(s, 1)), q_text_or_null(s, 3),
			  q_int(s, 4), q_text_or_null(s, 7));
	}
	sqlite3_finalize(s);
	if (row)
		died_row_end(row, &tests, &depths, runs);
	strbuf_release(&key);
	strbuf_release(&last);
	tally_release(&tests);
	tally_release(&depths);
	return q_done(db, rc, "read the runs that did not finish");
}

/* The quality rows whose details say they did not finish. */
static int died_quality(sqlite3 *db, const struct q_report *x,
			struct died *d, struct hdb_table *t)
{
	static const char sql[] =
		"SELECT host, name, benchmark, metric, n_items, n_pass, st,"
		" note FROM (SELECT host, name, benchmark, metric, n_items,"
		" n_pass, " QSTATUS_SQL " AS st,"
		" json_extract(CASE WHEN json_valid(details) THEN details END,"
		" '$.note') AS note FROM quality) WHERE st <> 'ok'"
		" ORDER BY host, name, benchmark, metric";
	static const struct q_col cols[] = {
		{ "Host", NULL, 0 }, { "Model", NULL, 0 },
		{ "Benchmark", NULL, 0 }, { "Status", NULL, 0 },
		{ "Items", NULL, 0 }, { "Passed", NULL, 0 },
		{ "Note", NULL, 0 },
	};
	sqlite3_stmt *s;
	int rc, h;

	q_table_cols(t, cols, sizeof(cols) / sizeof(cols[0]));
	if (q_prepare(db, sql, &s, "read the quality runs that did not "
		      "finish"))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct hdb_cell *row;
		struct died_group *g;

		h = q_report_colour(x, q_text_or_null(s, 0));
		if (h < 0 || !q_report_keeps(x, q_text(s, 1)))
			continue;
		row = hdb_table_add_row(t);
		hdb_cell_set_text(&row[0], q_text(s, 0));
		hdb_cell_set_text(&row[1], q_text_or_null(s, 1));
		hdb_cell_set_text(&row[2], q_text_or_null(s, 2));
		hdb_cell_set_text(&row[3], q_text(s, 6));
		q_cell_int(&row[4], q_int(s, 4));
		q_cell_int(&row[5], q_int(s, 5));
		hdb_cell_set_text(&row[6], q_text_or_null(s, 7));
		g = died_group(d, h, 1, q_text(s, 6));
		g->runs++;
		tally_add(&g->models, q_text_or_null(s, 1) ? q_text(s, 1)
			  : "?", 1);
		tally_add(&g->where, q_text_or_null(s, 2) ? q_text(s, 2)
			  : "?", 1);
	}
	sqlite3_finalize(s);
	return q_done(db, rc, "read the quality runs that did not finish");
}

int q_section_died(sqlite3 *db, const struct q_report *x,
		   struct hdb_report_model *m)
{
	struct hdb_table tp, ql;
	struct hdb_section *sec;
	struct hdb_block *b;
	struct died d = { 0 };
	long long n_tp = 0, n_q = 0;
	size_t i;
	int ret = -1;

	memset(&tp, 0, sizeof(tp));
	memset(&ql, 0, sizeof(ql));
	if (died_throughput(db, x, &d, &tp) || died_quality(db, x, &d, &ql))
		goto out;
	if (!tp.n_rows && !ql.n_rows) {
		ret = 0;
		goto out;
	}
	for (i = 0; i < d.n; i++) {
		if (d.g[i].quality)
			n_q += d.g[i].runs;
		else
			n_tp += d.g[i].runs;
	}
	sec = hdb_report_section(m, "died", "Runs that did not finish");
	b = hdb_section_block(sec, HDB_BLOCK_PROSE);
	if (n_tp)
		hdb_prose_add(&b->prose, 0, "%lld throughput run%s did not "
			      "finish", n_tp, n_tp == 1 ? "" : "s");
	if (n_tp && n_q)
		hdb_prose_add(&b->prose, 0, ", and %lld quality run%s", n_q,
			      n_q == 1 ? "" : "s");
	else if (n_q)
		hdb_prose_add(&b->prose, 0, "%lld quality run%s did not "
			      "finish", n_q, n_q == 1 ? "" : "s");
	hdb_prose_add(&b->prose, 0, ". They are kept, never shown as a "
		      "number (nor as zero): the tables and charts mark them "
		      "where they would be.");

	/* a sentence per host: throughput runs before quality runs, each
	 * by status in the order of died_words */
	qsort(d.g, d.n, sizeof(*d.g), died_group_cmp);
	for (i = 0; i < d.n; i++) {
		if (i && d.g[i].host == d.g[i - 1].host) {
			hdb_prose_add(&b->prose, 0, "; ");
		} else {
			b = hdb_section_block(sec, HDB_BLOCK_LIST);
			hdb_prose_add(&b->prose, 1, "%s", x->hosts[d.g[i].host]);
			hdb_prose_add(&b->prose, 0, ": ");
		}
		say_died_group(&b->prose, &d.g[i]);
		if (i + 1 == d.n || d.g[i + 1].host != d.g[i].host)
			hdb_prose_add(&b->prose, 0, ".");
	}
	if (tp.n_rows) {
		b = hdb_section_block(sec, HDB_BLOCK_TABLE);
		hdb_prose_add(&b->prose, 0, "Throughput runs that did not "
			      "finish, with the error their files give.");
		b->table = tp;
		memset(&tp, 0, sizeof(tp));
	}
	if (ql.n_rows) {
		b = hdb_section_block(sec, HDB_BLOCK_TABLE);
		hdb_prose_add(&b->prose, 0, "Quality runs that did not finish, "
			      "as their files say.");
		b->table = ql;
		memset(&ql, 0, sizeof(ql));
	}
	ret = 0;
out:
	hdb_table_release(&tp);
	hdb_table_release(&ql);
	died_release(&d);
	return ret;
}

/* ---- Notes ------------------------------------------------------------ */

/* One way the compared rows differ, and the models it applies to. */
struct difference {
	char *label;		/* "kv q8_0 vs q4_0" */
	struct tally models;
};

struct notes {
	struct difference *diff;
	size_t n_diff, cap_diff;
	struct tally models;	/* every model compared */
	long long compared, too_few, no_sd, no_n, one_rep, unchosen;
};

static void notes_difference(struct notes *nt, const char *label,
			     const char *model)
{
	size_t i;

	for (i = 0; i < nt->n_diff; i++)
		if (!strcmp(nt->diff[i].label, label))
			break;
	if (i == nt->n_diff) {
		if (nt->n_diff == nt->cap_diff) {
			nt->cap_diff = nt->cap_diff ? 2 * nt->cap_diff : 8;
			nt->diff = xrealloc(nt->diff, nt->cap_diff *
					    sizeof(*nt->diff));
		}
		memset(&nt->diff[i], 0, sizeof(nt->diff[i]));
		nt->diff[i].label = xstrdup(label);
		nt->n_diff++;
	}
	tally_add(&nt->diff[i].models, model, 1);
}

static void notes_release(struct notes *nt)
{
	size_t i;

	for (i = 0; i < nt->n_diff; i++) {
		free(nt->diff[i].label);
		tally_release(&nt->diff[i].models);
	}
	free(nt->diff);
	tally_release(&nt->models);
	memset(nt, 0, sizeof(*nt));
}

/* More models first, then by label. */
static int difference_cmp(const void *a, const void *b)
{
	const struct difference *x = a, *y = b;

	if (x->models.len != y->models.len)
		return x->models.len > y->models.len ? -1 : 1;
	return strcmp(x->label, y->label);
}

/* Does a host have throughput rows (so that a selector can name it)? */
static int has_throughput(sqlite3 *db, const char *host, int *yes)
{
	sqlite3_stmt *s;
	int rc;

	*yes = 0;
	if (q_prepare(db, "SELECT 1 FROM throughput WHERE host = ? LIMIT 1",
		      &s, "look for a host's throughput rows"))
		return -1;
	sqlite3_bind_text(s, 1, host, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*yes = 1;
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(s);
	return q_done(db, rc, "look for a host's throughput rows");
}

/* Reads 'query ratio' of the two hosts into nt. */
static int notes_ratio(sqlite3 *db, const struct q_report *x,
		       struct notes *nt)
{
	struct hdb_query_opts o;
	struct hdb_table t;
	size_t r;
	int yes0, yes1;

	/* a host name with '=' reads as key=value: no selector names it */
	if (x->n_pair != 2 || strchr(x->pair[0], '=') ||
	    strchr(x->pair[1], '='))
		return 0;
	if (has_throughput(db, x->pair[0], &yes0) ||
	    has_throughput(db, x->pair[1], &yes1))
		return -1;
	if (!yes0 || !yes1)
		return 0;
	hdb_query_opts_init(&o);
	o.num = x->pair[0];
	o.den = x->pair[1];
	if (hdb_query_ratio(db, &o, &t))
		return -1;
	for (r = 0; r < t.n_rows; r++) {
		const char *model = q_cell_text(&t, r, "model");
		const char *verdict = q_cell_text(&t, r, "verdict");
		const char *differs = q_cell_text(&t, r, "differs");

		if (!model || !q_report_keeps(x, model))
			continue;
		/* a key one side did not finish is a runs-that-died matter;
		 * how its rows differ still counts */
		if (differs) {
			const char *p = differs, *e;
			char *label;

			for (; *p; p = *e ? e + 2 : e) {
				e = strstr(p, "; ");
				if (!e)
					e = p + strlen(p);
				label = xstrndup(p, (size_t)(e - p));
				notes_difference(nt, label, model);
				free(label);
			}
		}
		/* the models both sides have: "every model" means these */
		if (!isnan(q_cell_num(&t, r, "num_id")) &&
		    !isnan(q_cell_num(&t, r, "den_id")))
			tally_add(&nt->models, model, 1);
		if (q_cell_num(&t, r, "num_unchosen") > 0 ||
		    q_cell_num(&t, r, "den_unchosen") > 0)
			nt->unchosen++;
		if (isnan(q_cell_num(&t, r, "ratio")))
			continue;
		nt->compared++;
		if (!verdict || strcmp(verdict, "too few repetitions"))
			continue;
		nt->too_few++;
		if (isnan(q_cell_num(&t, r, "num_sd")) ||
		    isnan(q_cell_num(&t, r, "den_sd")))
			nt->no_sd++;
		if (isnan(q_cell_num(&t, r, "num_n")) ||
		    isnan(q_cell_num(&t, r, "den_n")))
			nt->no_n++;
		else if (q_cell_num(&t, r, "num_n") < 2 ||
			 q_cell_num(&t, r, "den_n") < 2)
			nt->one_rep++;
	}
	hdb_table_release(&t);
	if (nt->n_diff)
		qsort(nt->diff, nt->n_diff, sizeof(*nt->diff),
		      difference_cmp);
	return 0;
}

/* The builds of each host's throughput rows (with the row counts);
 * unrecorded builds under "". */
static int notes_builds(sqlite3 *db, const struct q_report *x,
			struct tally *builds)
{
	static const int keys[] = { TP_HOST, TP_NAME, TP_FILE,
				    TP_BUILD_NUMBER, TP_BUILD_COMMIT };
	struct groups g;
	char buf[32];
	size_t k;
	int h;

	(void)db;
	groups_project(x->tp, keys, 5, FILTER_NONE, 0, FLAG_ALL, &g);
	for (k = 0; k < g.n; k++) {
		const struct group *gr = &g.v[k];
		const char *b;

		h = q_report_colour(x, gr->key[0]);
		if (h < 0 || !q_report_keeps(x, group_model(gr, 1, 2)))
			continue;
		b = build_label(buf, sizeof(buf), group_int(gr, 3), gr->key[4]);
		tally_add(&builds[h], b ? b : "", gr->n);
	}
	groups_release(&g);
	for (k = 0; k < x->n_hosts; k++)
		tally_sort(&builds[k], label_cmp);
	return 0;
}

/* Is there build skew: a host with several builds (or some rows without
 * one), or two compared hosts with no build in common? */
static int build_skew(const struct q_report *x, const struct tally *builds)
{
	size_t h, i, j;
	int a, b;

	for (h = 0; h < x->n_hosts; h++)
		if (builds[h].len > 1)
			return 1;
	if (x->n_pair != 2)
		return 0;
	a = q_report_colour(x, x->pair[0]);
	b = q_report_colour(x, x->pair[1]);
	if (a < 0 || b < 0 || !builds[a].len || !builds[b].len)
		return 0;
	for (i = 0; i < builds[a].len; i++)
		for (j = 0; j < builds[b].len; j++)
			if (*builds[a].name[i] &&
			    !strcmp(builds[a].name[i], builds[b].name[j]))
				return 0;
	return 1;
}

/* A list item per way the compared rows differ. */
static void say_differences(struct hdb_section *sec, const struct q_report *x,
			    const struct notes *nt)
{
	struct hdb_block *b;
	size_t i;

	b = hdb_section_block(sec, HDB_BLOCK_PROSE);
	if (!nt->n_diff) {
		hdb_prose_add(&b->prose, 0, "The compared rows of ");
		hdb_prose_add(&b->prose, 1, "%s", x->pair[0]);
		hdb_prose_add(&b->prose, 0, " and ");
		hdb_prose_add(&b->prose, 1, "%s", x->pair[1]);
		hdb_prose_add(&b->prose, 0, " differ in nothing but the host "
			      "that the store records.");
		return;
	}
	hdb_prose_add(&b->prose, 0, "Where the compared rows of ");
	hdb_prose_add(&b->prose, 1, "%s", x->pair[0]);
	hdb_prose_add(&b->prose, 0, " and ");
	hdb_prose_add(&b->prose, 1, "%s", x->pair[1]);
	hdb_prose_add(&b->prose, 0, " differ besides the host (");
	hdb_prose_add(&b->prose, 1, "%s", x->pair[0]);
	hdb_prose_add(&b->prose, 0, "'s value first; `?` where a row does "
		      "not say). Each comparison uses the pair of rows that "
		      "differ least, so these are differences the store "
		      "could not avoid:");
	for (i = 0; i < nt->n_diff; i++) {
		const struct difference *d = &nt->diff[i];

		b = hdb_section_block(sec, HDB_BLOCK_LIST);
		hdb_prose_add(&b->prose, 1, "%s", d->label);
		hdb_prose_add(&b->prose, 0, ": ");
		if (d->models.len == nt->models.len && d->models.len > 1)
			hdb_prose_add(&b->prose, 0, "every model (%zu)",
				      d->models.len);
		else
			prose_names(&b->prose, &d->models);
		if (!strncmp(d->label, "ngl ", 4))
			hdb_prose_add(&b->prose, 0, ". These are layers on the "
				      "GPU: where a model has more, the rest run "
				      "on the CPU (hybrid offload)");
	}
}

/* The notes section, made on its first note. */
static struct hdb_section *notes_section(struct hdb_section **sec,
					 struct hdb_report_model *m)
{
	if (!*sec)
		*sec = hdb_report_section(m, "notes", "Notes");
	return *sec;
}

int q_section_notes(sqlite3 *db, const struct q_report *x,
		    struct hdb_report_model *m)
{
	struct notes nt;
	struct tally *builds;
	struct hdb_section *sec = NULL;
	struct hdb_block *b;
	size_t h, i;
	int ret = -1;

	memset(&nt, 0, sizeof(nt));
	builds = xcalloc(x->n_hosts ? x->n_hosts : 1, sizeof(*builds));
	if (notes_ratio(db, x, &nt) || notes_builds(db, x, builds))
		goto out;

	if (nt.models.len)
		say_differences(notes_section(&sec, m), x, &nt);
	if (build_skew(x, builds)) {
		b = hdb_section_block(notes_section(&sec, m), HDB_BLOCK_PROSE);
		hdb_prose_add(&b->prose, 0, "Builds of llama.cpp (the build "
			      "number, else the commit) in each host's "
			      "throughput rows, with their rows. Results of "
			      "different builds are compared, never averaged:");
		for (h = 0; h < x->n_hosts; h++) {
			int paired = x->n_pair == 2 &&
				     (!strcmp(x->hosts[h], x->pair[0]) ||
				      !strcmp(x->hosts[h], x->pair[1]));

			/* the hosts compared, and any with several builds */
			if (!builds[h].len || (builds[h].len < 2 && !paired))
				continue;
			b = hdb_section_block(sec, HDB_BLOCK_LIST);
			hdb_prose_add(&b->prose, 1, "%s", x->hosts[h]);
			hdb_prose_add(&b->prose, 0, ": ");
			for (i = 0; i < builds[h].len; i++) {
				if (i)
					hdb_prose_add(&b->prose, 0, ", ");
				if (*builds[h].name[i])
					hdb_prose_add(&b->prose, 1, "%s",
						      builds[h].name[i]);
				else
					hdb_prose_add(&b->prose, 0,
						      "not recorded");
				hdb_prose_add(&b->prose, 0, " (%lld row%s)",
					      builds[h].n[i],
					      builds[h].n[i] == 1 ? "" : "s");
			}
		}
	}
	if (nt.too_few) {
		b = hdb_section_block(notes_section(&sec, m), HDB_BLOCK_PROSE);
		if (nt.too_few == nt.compared)
			hdb_prose_add(&b->prose, 0, "%s %lld comparison%s of ",
				      nt.compared == 1 ? "The" : "All",
				      nt.compared, nt.compared == 1 ? "" : "s");
		else
			hdb_prose_add(&b->prose, 0, "%lld of the %lld "
				      "comparisons of ", nt.too_few,
				      nt.compared);
		hdb_prose_add(&b->prose, 1, "%s", x->pair[0]);
		hdb_prose_add(&b->prose, 0, " with ");
		hdb_prose_add(&b->prose, 1, "%s", x->pair[1]);
		hdb_prose_add(&b->prose, 0, " say *too few repetitions*: their "
			      "ratios are shown, but no side is called faster "
			      "or within noise, because a side lacks:");
		if (nt.no_sd) {
			b = hdb_section_block(sec, HDB_BLOCK_LIST);
			hdb_prose_add(&b->prose, 0, "a spread (standard "
				      "deviation): %lld comparison%s", nt.no_sd,
				      nt.no_sd == 1 ? "" : "s");
		}
		if (nt.no_n) {
			b = hdb_section_block(sec, HDB_BLOCK_LIST);
			hdb_prose_add(&b->prose, 0, "a repetition count: %lld "
				      "comparison%s", nt.no_n,
				      nt.no_n == 1 ? "" : "s");
		}
		if (nt.one_rep) {
			b = hdb_section_block(sec, HDB_BLOCK_LIST);
			hdb_prose_add(&b->prose, 0, "a second repetition: %lld "
				      "comparison%s", nt.one_rep,
				      nt.one_rep == 1 ? "" : "s");
		}
		if (nt.no_sd || nt.no_n) {
			b = hdb_section_block(sec, HDB_BLOCK_PROSE);
			hdb_prose_add(&b->prose, 0, "Published tables and "
				      "llama-bench's markdown print only the "
				      "mean; its JSON and CSV output carry the "
				      "spread and the repetitions a verdict "
				      "needs.");
		}
	}
	if (nt.unchosen) {
		b = hdb_section_block(notes_section(&sec, m), HDB_BLOCK_PROSE);
		hdb_prose_add(&b->prose, 0, "%lld comparison%s had more than "
			      "one row to choose from on a side (other builds, "
			      "settings or repeated runs); the pair that "
			      "differs least, then the newest, was used.",
			      nt.unchosen, nt.unchosen == 1 ? "" : "s");
	}
	ret = 0;
out:
	for (h = 0; h < x->n_hosts; h++)
		tally_release(&builds[h]);
	free(builds);
	notes_release(&nt);
	return ret;
}

/* ---- Methodology ------------------------------------------------------ */

/* How many repetitions the finished throughput rows carry. */
static int say_repetitions(sqlite3 *db, const struct q_report *x,
			   struct hdb_section **sec, struct hdb_report_model *m)
{
	/* the finished rows by name, model_file and n_reps, flagged when
	 * they have samples */
	static const int keys[] = { TP_NAME, TP_FILE, TP_REPS };
	struct tally reps = { 0 };
	long long total = 0, with_samples = 0, unknown = 0;
	struct hdb_block *b;
	struct groups g;
	size_t i;
	int ret = 0;

	(void)db;
	groups_project(x->tp, keys, 3, FILTER_ONE, TP_OK, TP_SAMPLES, &g);
	for (i = 0; i < g.n; i++) {
		const struct group *gr = &g.v[i];

		if (!q_report_keeps(x, group_model(gr, 0, 1)))
			continue;
		total += gr->n;
		with_samples += gr->flagged;
		if (!gr->key[2])
			unknown += gr->n;
		else
			tally_add(&reps, gr->key[2], gr->n);
	}
	groups_release(&g);
	if (ret)
		goto out;
	tally_sort(&reps, label_cmp);
	if (!total)
		goto out;
	*sec = hdb_report_section(m, "methodology", "Methodology");
	b = hdb_section_block(*sec, HDB_BLOCK_PROSE);
	hdb_prose_add(&b->prose, 0, "Repetitions. Of the %lld finished "
		      "throughput rows, ", total);
	for (i = 0; i < reps.len; i++)
		hdb_prose_add(&b->prose, 0, "%s%lld %s %s repetition%s",
			      i == 0 ? "" : i + 1 == reps.len && !unknown
			      ? " and " : ", ", reps.n[i],
			      reps.n[i] == 1 ? "has" : "have", reps.name[i],
			      strcmp(reps.name[i], "1") ? "s" : "");
	if (unknown)
		hdb_prose_add(&b->prose, 0, "%s%lld do%s not say how many "
			      "(their files print only the mean)",
			      reps.len ? " and " : "", unknown,
			      unknown == 1 ? "es" : "");
	if (with_samples == total)
		hdb_prose_add(&b->prose, 0, "; every one carries its "
			      "per-repetition samples");
	else if (with_samples)
		hdb_prose_add(&b->prose, 0, "; %lld carr%s per-repetition "
			      "samples", with_samples,
			      with_samples == 1 ? "ies its" : "y their");
	else
		hdb_prose_add(&b->prose, 0, "; none carries per-repetition "
			      "samples");
	hdb_prose_add(&b->prose, 0, ". A comparison uses the samples where "
		      "both sides have at least two, else the mean, standard "
		      "deviation and count as stored.");
out:
	tally_release(&reps);
	return ret;
}

/*
 * The bench gate's verdicts on the rows `halodb run` made: how many were
 * clean, how many dirty (run with --force despite failed checks) and
 * which checks failed, each with its rows.  Nothing when no row came from
 * halodb run.
 */
static int say_gate(sqlite3 *db, const struct q_report *x,
		    struct hdb_section *sec)
{
	/* the rows with a gate's verdict by model, model_file and gate */
	static const int keys[] = { TP_MODEL, TP_FILE, TP_GATE };
	struct tally reasons = { 0 };
	long long clean = 0, dirty = 0;
	struct hdb_block *b;
	struct groups g;
	size_t i;
	int ret = 0;

	(void)db;
	groups_project(x->tp, keys, 3, FILTER_SET, TP_GATE, FLAG_NONE, &g);
	for (i = 0; i < g.n; i++) {
		const struct group *gr = &g.v[i];
		const char *p, *end;

		if (!q_report_keeps(x, group_model(gr, 0, 1)))
			continue;
		if (strncmp(gr->key[2], "dirty: ", 7)) {
			clean += gr->n;
			continue;
		}
		dirty += gr->n;
		/* 'dirty: fans: ...; processes: ...': each check by itself */
		for (p = gr->key[2] + 7; *p; p = *end ? end + 2 : end) {
			char *one;

			end = strstr(p, "; ");
			if (!end)
				end = p + strlen(p);
			if (end == p)
				continue;
			one = xstrndup(p, (size_t)(end - p));
			tally_add(&reasons, one, gr->n);
			free(one);
		}
	}
	groups_release(&g);
	if (ret || clean + dirty == 0)
		goto out;
	tally_sort(&reasons, strcmp);
	b = hdb_section_block(sec, HDB_BLOCK_PROSE);
	hdb_prose_add(&b->prose, 0, "Bench gate. %lld throughput row%s came "
		      "from `halodb run`, which checks the machine before every "
		      "test (no other model server or GPU job, free memory, "
		      "fans, temperatures, a known llama-bench build): ",
		      clean + dirty, clean + dirty == 1 ? "" : "s");
	if (!dirty) {
		hdb_prose_add(&b->prose, 0, "%s with every check passed "
			      "(*clean*).", clean + dirty == 1 ? "it ran"
			      : "every one ran");
		goto out;
	}
	if (clean)
		hdb_prose_add(&b->prose, 0, "%lld with every check passed "
			      "(*clean*) and ", clean);
	hdb_prose_add(&b->prose, 0, "%lld run with `--force` despite failed "
		      "checks (*dirty*), which `halodb query noise` flags and "
		      "comparisons tell apart from the rest. The checks that "
		      "failed:", dirty);
	for (i = 0; i < reasons.len; i++) {
		b = hdb_section_block(sec, HDB_BLOCK_LIST);
		hdb_prose_add(&b->prose, 1, "%s", reasons.name[i]);
		hdb_prose_add(&b->prose, 0, " (%lld row%s)", reasons.n[i],
			      reasons.n[i] == 1 ? "" : "s");
	}
out:
	tally_release(&reasons);
	return ret;
}

/* How halodb decides: the rules of 'query ratio' and 'query quality'. */
static void say_noise_policy(struct hdb_section *sec)
{
	struct hdb_query_opts o;
	struct hdb_block *b;

	hdb_query_opts_init(&o);
	b = hdb_section_block(sec, HDB_BLOCK_PROSE);
	hdb_prose_add(&b->prose, 0, "Noise. No number is called better than "
		      "another unless the statistics say so:");
	b = hdb_section_block(sec, HDB_BLOCK_LIST);
	hdb_prose_add(&b->prose, 0, "Speed (`halodb query ratio`): the ratio "
		      "of two means with its 95%% interval, computed on the "
		      "log scale (delta method, Welch-Satterthwaite degrees of "
		      "freedom). A side is faster only when the whole interval "
		      "clears 1 ± %g%%; otherwise the verdict is *within "
		      "noise*, or *too few repetitions* when a side has fewer "
		      "than two repetitions or no known spread.",
		      o.noise * 100);
	b = hdb_section_block(sec, HDB_BLOCK_LIST);
	hdb_prose_add(&b->prose, 0, "Quality (`halodb query quality`): pass "
		      "rates carry Wilson 95%% score intervals. Two rows are "
		      "compared by McNemar's exact test where both have "
		      "pass/fail results for the same items, else by the "
		      "pooled two-proportion z test (Newcombe's interval for "
		      "the difference); a side is better only at p < 0.05, "
		      "and a difference smaller than the run could detect is "
		      "*within noise*.");
	b = hdb_section_block(sec, HDB_BLOCK_LIST);
	hdb_prose_add(&b->prose, 0, "Runs that did not finish (wedged, "
		      "crashed, out of memory, failed, not run) are shown as "
		      "such, never as zero, and rows of different builds, KV "
		      "cache types or settings are never averaged together.");
}

/*
 * Every source file: path, format, sha256, rows, ingested at.  Sources
 * have no public view (the tables under the views may change), so this
 * reads the store's own tables, as the report's opening does: source,
 * and the rows of each kind that name it.  A store of a fleet's nightly
 * runs holds a hundred thousand files: the first SOURCES_LISTED are
 * listed, the rest counted (`halodb sources` lists them all), so that
 * the report's size, time and memory do not grow with the store.
 */
#define SOURCES_LISTED 1000

static int say_sources(sqlite3 *db, struct hdb_section *sec)
{
	static const char sql[] =
		"SELECT s.path, s.format, s.sha256, s.ingested_at, s.truncated,"
		" (SELECT count(*) FROM bench WHERE source_id = s.id)"
		" + (SELECT count(*) FROM qresult WHERE source_id = s.id)"
		" + (SELECT count(*) FROM reference WHERE source_id = s.id)"
		" + (SELECT count(*) FROM server_request"
		" WHERE source_id = s.id)"
		" FROM source s ORDER BY s.id";
	static const struct q_col cols[] = {
		{ "File", NULL, 0 }, { "Format", NULL, 0 },
		{ "sha256", NULL, 0 }, { "Rows", NULL, 0 },
		{ "Ingested", NULL, 0 },
	};
	struct hdb_block *b;
	struct tally cut = { 0 };
	size_t lead, tb, n = 0;
	sqlite3_stmt *s;
	char sha[16], when[32], last[32] = "";
	int rc;

	if (q_prepare(db, sql, &s, "list the source files"))
		return -1;
	/* blocks move as more are added: held by index */
	lead = sec->n;
	hdb_section_block(sec, HDB_BLOCK_PROSE);
	tb = sec->n;
	b = hdb_section_block(sec, HDB_BLOCK_TABLE);
	hdb_prose_add(&b->prose, 0, "Every file ingested, in the order it "
		      "was, with the rows it gave.");
	q_table_cols(&b->table, cols, sizeof(cols) / sizeof(cols[0]));
	b = hdb_section_block(sec, HDB_BLOCK_PROSE);
	hdb_prose_add(&b->prose, 0, "The full sha256 of each file:");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct hdb_cell *row;

		if (sqlite3_column_int(s, 4))
			tally_add(&cut, q_text(s, 0), 1);
		if (++n > SOURCES_LISTED) {
			q_report_time(q_text(s, 3), last, sizeof(last));
			continue;
		}
		row = hdb_table_add_row(&sec->blocks[tb].table);
		hdb_cell_set_text(&row[0], q_text(s, 0));
		hdb_cell_set_text(&row[1], q_text(s, 1));
		snprintf(sha, sizeof(sha), "%.12s", q_text(s, 2));
		hdb_cell_set_text(&row[2], sha);
		hdb_cell_set_int(&row[3], sqlite3_column_int64(s, 5));
		q_report_time(q_text(s, 3), when, sizeof(when));
		hdb_cell_set_text(&row[4], when);
		b = hdb_section_block(sec, HDB_BLOCK_LIST);
		hdb_prose_add(&b->prose, 1, "%s", q_text(s, 0));
		hdb_prose_add(&b->prose, 0, ": ");
		hdb_prose_add(&b->prose, 1, "%s", q_text(s, 2));
	}
	sqlite3_finalize(s);
	if (n > SOURCES_LISTED) {
		b = hdb_section_block(sec, HDB_BLOCK_PROSE);
		hdb_prose_add(&b->prose, 0, "The first %d files are listed "
			      "here; %zu more were ingested after them, the "
			      "last on %.10s (`halodb sources` lists every "
			      "one with its sha256).", SOURCES_LISTED,
			      n - SOURCES_LISTED, last);
	}
	b = &sec->blocks[lead];
	hdb_prose_add(&b->prose, 0, "Sources. The store was built from "
		      "%zu file%s, each kept with its sha256, so that every "
		      "row can be traced to the bytes it came from. The table "
		      "shows the first 12 hex digits of each hash; the list "
		      "after it gives them whole.", n, n == 1 ? "" : "s");
	if (cut.len) {
		hdb_prose_add(&b->prose, 0, " Cut off before their run "
			      "ended: ");
		prose_names(&b->prose, &cut);
		hdb_prose_add(&b->prose, 0, ".");
	}
	tally_release(&cut);
	return q_done(db, rc, "list the source files");
}

/*
 * Every edit made after ingest (curation_log, as `halodb log` lists it):
 * renames, merges, facts, aliases, forgotten and replaced files, so that
 * a number can be traced to its files and to every change made since.
 */
static int say_edits(sqlite3 *db, struct hdb_section *sec)
{
	static const char sql[] =
		"SELECT at, what, command FROM curation_log ORDER BY id";
	struct hdb_block *b = NULL;
	sqlite3_stmt *s;
	char when[32];
	int rc, n = 0;

	if (q_prepare(db, sql, &s, "read the curation log"))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n++ == 0) {
			b = hdb_section_block(sec, HDB_BLOCK_PROSE);
			hdb_prose_add(&b->prose, 0, "Edits. After ingest, the "
				      "store was changed by these commands "
				      "(`halodb log` lists them); nothing "
				      "else differs from what the files "
				      "say:");
		}
		b = hdb_section_block(sec, HDB_BLOCK_LIST);
		q_report_time(q_text(s, 0), when, sizeof(when));
		hdb_prose_add(&b->prose, 0, "%.10s: ", when);
		hdb_prose_add(&b->prose, 1, "%s", q_text(s, 1));
		hdb_prose_add(&b->prose, 0, " (");
		hdb_prose_add(&b->prose, 1, "%s", q_text(s, 2));
		hdb_prose_add(&b->prose, 0, ")");
	}
	sqlite3_finalize(s);
	return q_done(db, rc, "read the curation log");
}

int q_section_methodology(sqlite3 *db, const struct q_report *x,
			  struct hdb_report_model *m)
{
	struct hdb_section *sec = NULL;
	long long n_sources = 0;
	sqlite3_stmt *s;

	if (say_repetitions(db, x, &sec, m))
		return -1;
	/* sources have no public view: source is the store's own */
	if (q_prepare(db, "SELECT count(*) FROM source", &s,
		      "count the source files"))
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n_sources = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (!sec && !n_sources)
		return 0;
	if (!sec)
		sec = hdb_report_section(m, "methodology", "Methodology");
	if (say_gate(db, x, sec))
		return -1;
	say_noise_policy(sec);
	if (n_sources && say_sources(db, sec))
		return -1;
	return say_edits(db, sec);
}
