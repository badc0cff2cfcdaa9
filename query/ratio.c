/*
 * ratio.c: halodb query ratio, num over den per model, quant, test and
 * depth, with a 95% interval, Welch's and Mann-Whitney's p-values and a
 * verdict (criterion's rule: faster only when the whole interval clears
 * the noise band).  The sides are selectors: two hosts, two builds, two
 * KV types, two quants.  Reads the throughput and throughput_sample
 * views.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
	C_MODEL, C_QUANT, C_TEST, C_DEPTH, C_NUM_TS, C_NUM_SD, C_NUM_N,
	C_DEN_TS, C_DEN_SD, C_DEN_N, C_RATIO, C_RATIO_LO, C_RATIO_HI,
	C_P_WELCH, C_P_MW, C_VERDICT, C_DIFFERS, C_METHOD, C_NUM_ID,
	C_DEN_ID, C_NUM_UNCHOSEN, C_DEN_UNCHOSEN, N_COLS
};

static const struct q_col cols[N_COLS] = {
	{ "model", NULL, 0 }, { "quant", NULL, 0 }, { "test", NULL, 0 },
	{ "depth", "tokens", 0 },
	{ "num_ts", "t/s", 2 }, { "num_sd", "t/s", 2 }, { "num_n", NULL, 0 },
	{ "den_ts", "t/s", 2 }, { "den_sd", "t/s", 2 }, { "den_n", NULL, 0 },
	{ "ratio", NULL, 2 }, { "ratio_lo", NULL, 2 }, { "ratio_hi", NULL, 2 },
	{ "p_welch", NULL, -2 }, { "p_mann_whitney", NULL, -2 },
	{ "verdict", NULL, 0 }, { "differs", NULL, 0 },
	{ "method", NULL, 0 }, { "num_id", NULL, 0 }, { "den_id", NULL, 0 },
	{ "num_unchosen", NULL, 0 }, { "den_unchosen", NULL, 0 },
};

struct ratio_ctx {
	struct hdb_table *t;
	unsigned skip;
	struct strbuf differs;
};

/* One side's numbers: from the comparison, else as stored. */
static void side_cells(struct hdb_cell *row, int col, const struct q_point *p,
		       const struct q_pairing *pr, int side)
{
	if (!p)
		return;
	if (!q_point_ok(p))
		return;		/* the verdict says what happened */
	if (pr->compared) {
		q_cell_real(&row[col], pr->c.mean[side]);
		q_cell_real(&row[col + 1], pr->c.sd[side]);
		if (!isnan(pr->c.n[side]))
			hdb_cell_set_int(&row[col + 2], (long long)pr->c.n[side]);
		return;
	}
	q_cell_real(&row[col], p->mean);
	q_cell_real(&row[col + 1], p->sd);
	q_cell_int(&row[col + 2], p->n_reps);
}

static int add_ratio_row(void *ctx, struct q_pairing *pr)
{
	struct ratio_ctx *x = ctx;
	struct hdb_cell *row;
	char verdict[96];

	/* A key one side lacks is no comparison, unless that side's run
	 * did not finish: then it is said, never dropped. */
	if (!(pr->a && pr->b) && q_point_ok(pr->key))
		return 0;
	row = hdb_table_add_row(x->t);
	hdb_cell_set_text(&row[C_MODEL], q_point_model(pr->key));
	hdb_cell_set_text(&row[C_QUANT], pr->key->quant);
	hdb_cell_set_text(&row[C_TEST], pr->key->test);
	q_cell_int(&row[C_DEPTH], pr->key->depth);
	side_cells(row, C_NUM_TS, pr->a, pr, 0);
	side_cells(row, C_DEN_TS, pr->b, pr, 1);
	if (pr->compared) {
		q_cell_real(&row[C_RATIO], pr->c.ratio.est);
		q_cell_real(&row[C_RATIO_LO], pr->c.ratio.lo);
		q_cell_real(&row[C_RATIO_HI], pr->c.ratio.hi);
		q_cell_real(&row[C_P_WELCH], pr->c.welch.p);
		q_cell_real(&row[C_P_MW], pr->c.p_mw);
		hdb_cell_set_text(&row[C_METHOD], pr->c.from_samples
				  ? "samples" : "mean, sd, n");
	}
	hdb_cell_set_text(&row[C_VERDICT],
			  q_verdict_text(pr->a, pr->b, pr->compared ? &pr->c
					 : NULL, "num", "den", verdict,
					 sizeof(verdict)));
	if (pr->a && pr->b) {
		q_point_differs(pr->a, pr->b, x->skip, &x->differs);
		if (x->differs.len)
			hdb_cell_set_text(&row[C_DIFFERS],
					  strbuf_str(&x->differs));
	}
	if (pr->a) {
		hdb_cell_set_int(&row[C_NUM_ID], pr->a->id);
		hdb_cell_set_int(&row[C_NUM_UNCHOSEN], (long long)pr->a_others);
	}
	if (pr->b) {
		hdb_cell_set_int(&row[C_DEN_ID], pr->b->id);
		hdb_cell_set_int(&row[C_DEN_UNCHOSEN], (long long)pr->b_others);
	}
	return 0;
}

int hdb_query_ratio(struct sqlite3 *db, const struct hdb_query_opts *o,
		    struct hdb_table *out)
{
	struct q_selector num, den, f;
	const struct q_selector *sa[2] = { &num, &f }, *sb[2] = { &den, &f };
	struct q_points pa, pb;
	struct ratio_ctx x;
	int ret = -1;

	memset(&num, 0, sizeof(num));
	memset(&den, 0, sizeof(den));
	memset(&f, 0, sizeof(f));
	memset(&pa, 0, sizeof(pa));
	memset(&pb, 0, sizeof(pb));
	memset(out, 0, sizeof(*out));
	if (!o->num || !o->den) {
		hdb_error("ratio: expected --num SEL and --den SEL");
		return -1;
	}
	if (q_selector_parse(db, Q_THROUGHPUT, "--num", o->num, &num) ||
	    q_selector_parse(db, Q_THROUGHPUT, "--den", o->den, &den) ||
	    q_filters(db, o, &f) ||
	    q_points_load(db, &pa, sa, 2) || q_points_load(db, &pb, sb, 2))
		goto out;
	q_table_cols(out, cols, N_COLS);
	x.t = out;
	x.skip = num.keys | den.keys;
	x.differs = (struct strbuf)STRBUF_INIT;
	ret = q_pair_keys(db, &pa, &pb, x.skip, o->noise, add_ratio_row, &x);
	strbuf_release(&x.differs);
	if (ret) {
		hdb_table_release(out);
		goto out;
	}
	if (!out->n_rows)
		out->empty = xasprintf("no model, quant, test and depth "
				       "measured both by --num '%s' (%zu rows) "
				       "and by --den '%s' (%zu rows)",
				       o->num, pa.n, o->den, pb.n);
out:
	q_points_release(&pa);
	q_points_release(&pb);
	q_selector_release(&num);
	q_selector_release(&den);
	q_selector_release(&f);
	return ret;
}
