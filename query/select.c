/*
 * select.c: selectors, the sides and filters of every query.  A selector
 * is a host name or key=value[,key=value...]; each condition becomes a
 * fixed SQL fragment over a public view with its value bound, and is
 * checked against the store when parsed, so that a typo is an error that
 * lists what exists rather than an empty answer.
 */
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const q_key_names[Q_N_KEYS] = {
	"host", "backend", "build", "model", "quant", "kv", "fa", "ngl",
	"ubatch", "threads", "variant", "test",
};

/* What users may name in a selector (test comes from --test only). */
#define SELECTOR_KEYS ((1u << Q_KEY_TEST) - 1)
/* The keys the quality view has. */
#define QUALITY_KEYS ((1u << Q_KEY_HOST) | (1u << Q_KEY_BACKEND) | \
		      (1u << Q_KEY_BUILD) | (1u << Q_KEY_MODEL) | \
		      (1u << Q_KEY_QUANT) | (1u << Q_KEY_KV) | \
		      (1u << Q_KEY_VARIANT) | (1u << Q_KEY_TEST))

static const char *view_name(enum q_view view)
{
	return view == Q_QUALITY ? "quality" : "throughput";
}

/* How the values of a key are listed: an expression over the view. */
static const char *key_listing(enum q_view view, enum q_key key)
{
	switch (key) {
	case Q_KEY_HOST: return "host";
	case Q_KEY_BACKEND: return "backend";
	case Q_KEY_BUILD:
		return view == Q_QUALITY ? "build_commit"
		       : "coalesce(CAST(build_number AS TEXT), build_commit)";
	case Q_KEY_MODEL:
		return view == Q_QUALITY ? "name" : "coalesce(name, model_file)";
	case Q_KEY_QUANT: return "quant";
	case Q_KEY_KV:
		return "CASE WHEN type_v IS NULL OR type_v = type_k THEN type_k"
		       " ELSE type_k || '/' || type_v END";
	case Q_KEY_FA:
		return "CASE flash_attn WHEN -1 THEN 'auto'"
		       " ELSE CAST(flash_attn AS TEXT) END";
	case Q_KEY_NGL: return "n_gpu_layers";
	case Q_KEY_UBATCH: return "n_ubatch";
	case Q_KEY_THREADS: return "n_threads";
	case Q_KEY_VARIANT: return "variant";
	case Q_KEY_TEST: return view == Q_QUALITY ? "benchmark" : "test";
	case Q_N_KEYS: break;
	}
	return "NULL";
}

/* The column of an integer key. */
static const char *int_column(enum q_key key)
{
	switch (key) {
	case Q_KEY_FA: return "flash_attn";
	case Q_KEY_NGL: return "n_gpu_layers";
	case Q_KEY_UBATCH: return "n_ubatch";
	case Q_KEY_THREADS: return "n_threads";
	default: return NULL;
	}
}

/* The integer an integer key's value stands for; -1 with hdb_error. */
static int int_value(const char *opt, enum q_key key, const char *v,
		     long long *out)
{
	char *end;

	if (key == Q_KEY_FA) {
		if (!strcasecmp(v, "on") || !strcasecmp(v, "true")) {
			*out = 1;
			return 0;
		}
		if (!strcasecmp(v, "off") || !strcasecmp(v, "false")) {
			*out = 0;
			return 0;
		}
		if (!strcasecmp(v, "auto")) {
			*out = -1;
			return 0;
		}
	}
	*out = strtoll(v, &end, 10);
	if (end == v || *end || (key == Q_KEY_FA && (*out < -1 || *out > 1)))
		return hdb_error("%s: %s=%s: expected %s", opt, q_key_names[key],
				 v, key == Q_KEY_FA ? "0, 1, on, off or auto"
				 : "a whole number");
	return 0;
}

/* Appends the fragment of one condition. */
static void add_cond(const struct q_cond *c, enum q_view view,
		     struct q_build *qb)
{
	const char *v = c->value;
	long long i = 0;

	switch (c->key) {
	case Q_KEY_HOST:
		strbuf_addstr(&qb->sql, " AND host = ");
		q_build_text(qb, v);
		break;
	case Q_KEY_BACKEND:
		strbuf_addstr(&qb->sql, " AND lower(backend) = lower(");
		q_build_text(qb, v);
		strbuf_addch(&qb->sql, ')');
		break;
	case Q_KEY_BUILD:
		/* a commit prefix, or (digits) a build number */
		strbuf_addstr(&qb->sql, " AND (lower(substr(build_commit, 1,"
			      " length(");
		q_build_text(qb, v);
		strbuf_addstr(&qb->sql, "))) = lower(");
		q_build_text(qb, v);
		strbuf_addch(&qb->sql, ')');
		if (view == Q_THROUGHPUT && hdb_all_digits(v) && strlen(v) < 16) {
			strbuf_addstr(&qb->sql, " OR build_number = ");
			q_build_int(qb, strtoll(v, NULL, 10));
		}
		strbuf_addch(&qb->sql, ')');
		break;
	case Q_KEY_MODEL:
		/* the name (alias or label), or what names one file */
		strbuf_addstr(&qb->sql, " AND (lower(name) = lower(");
		q_build_text(qb, v);
		strbuf_addstr(&qb->sql, view == Q_QUALITY
			      ? ") OR lower(model_named) = lower("
			      : ") OR lower(model_file) = lower(");
		q_build_text(qb, v);
		strbuf_addstr(&qb->sql, "))");
		break;
	case Q_KEY_QUANT:
		strbuf_addstr(&qb->sql, " AND lower(quant) = lower(");
		q_build_text(qb, v);
		strbuf_addch(&qb->sql, ')');
		break;
	case Q_KEY_KV:
		strbuf_addstr(&qb->sql, " AND lower(type_k) = lower(");
		q_build_text(qb, v);
		if (c->value2) {
			strbuf_addstr(&qb->sql, ") AND lower(type_v) = lower(");
			q_build_text(qb, c->value2);
		} else {
			strbuf_addstr(&qb->sql, ") AND lower(coalesce(type_v,"
				      " type_k)) = lower(");
			q_build_text(qb, v);
		}
		strbuf_addch(&qb->sql, ')');
		break;
	case Q_KEY_FA:
	case Q_KEY_NGL:
	case Q_KEY_UBATCH:
	case Q_KEY_THREADS:
		/* checked when parsed, so it cannot fail here */
		(void)int_value("", c->key, v, &i);
		strbuf_addf(&qb->sql, " AND %s = ", int_column(c->key));
		q_build_int(qb, i);
		break;
	case Q_KEY_VARIANT:
		/* '-': the runs ingested without one */
		if (!strcmp(v, "-")) {
			strbuf_addstr(&qb->sql, " AND variant IS NULL");
			break;
		}
		strbuf_addstr(&qb->sql, " AND lower(variant) = lower(");
		q_build_text(qb, v);
		strbuf_addch(&qb->sql, ')');
		break;
	case Q_KEY_TEST:
		strbuf_addstr(&qb->sql, view == Q_QUALITY ? " AND benchmark = "
			      : " AND test = ");
		q_build_text(qb, v);
		break;
	case Q_N_KEYS:
		break;
	}
}

void q_selector_where(const struct q_selector *sel, enum q_view view,
		      struct q_build *qb)
{
	size_t i;

	for (i = 0; sel && i < sel->n; i++)
		add_cond(&sel->conds[i], view, qb);
}

/* ", "-separated values of a key in the view, at most 30 of them. */
static int list_values(sqlite3 *db, enum q_view view, enum q_key key,
		       struct strbuf *out)
{
	struct q_build qb;
	sqlite3_stmt *s;
	const char *expr = key_listing(view, key);
	int rc, n = 0;

	q_build_init(&qb, "SELECT DISTINCT ");
	strbuf_addf(&qb.sql, "%s FROM %s WHERE %s IS NOT NULL ORDER BY 1"
		    " LIMIT 31", expr, view_name(view), expr);
	if (q_build_prepare(db, &qb, &s, "list what the store holds")) {
		q_build_release(&qb);
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n++ == 30) {
			strbuf_addstr(out, ", ...");
			break;
		}
		if (n > 1)
			strbuf_addstr(out, ", ");
		strbuf_addstr(out, q_text(s, 0));
	}
	sqlite3_finalize(s);
	q_build_release(&qb);
	if (rc != SQLITE_ROW && q_done(db, rc, "list what the store holds"))
		return -1;
	if (!n)
		strbuf_addstr(out, "none");
	return 0;
}

/* Does any row of the view meet the condition?  1, 0, or -1. */
static int matches_any(sqlite3 *db, enum q_view view, const struct q_cond *c)
{
	struct q_build qb;
	sqlite3_stmt *s;
	int rc;

	q_build_init(&qb, "SELECT 1 FROM ");
	strbuf_addf(&qb.sql, "%s WHERE 1", view_name(view));
	add_cond(c, view, &qb);
	strbuf_addstr(&qb.sql, " LIMIT 1");
	if (q_build_prepare(db, &qb, &s, "check a selector")) {
		q_build_release(&qb);
		return -1;
	}
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	q_build_release(&qb);
	if (rc == SQLITE_ROW)
		return 1;
	return q_done(db, rc, "check a selector") ? -1 : 0;
}

static int unknown_value(sqlite3 *db, enum q_view view, const char *opt,
			 const struct q_selector *sel, const struct q_cond *c)
{
	struct strbuf have = STRBUF_INIT;

	if (list_values(db, view, c->key, &have)) {
		strbuf_release(&have);
		return -1;
	}
	if (c->key == Q_KEY_HOST && sel->text && !strchr(sel->text, '='))
		hdb_error("%s: no host '%s' in the store (hosts: %s)", opt,
			  c->value, strbuf_str(&have));
	else if (c->key == Q_KEY_TEST)
		hdb_error("%s: no %s rows with %s '%s' (%ss in the store: %s)",
			  opt, view_name(view), view == Q_QUALITY ? "benchmark"
			  : "test", c->value, view == Q_QUALITY ? "benchmark"
			  : "test", strbuf_str(&have));
	else
		hdb_error("%s: no %s rows with %s=%s%s%s (%s in the store: %s)",
			  opt, view_name(view), q_key_names[c->key], c->value,
			  c->value2 ? "/" : "", c->value2 ? c->value2 : "",
			  q_key_names[c->key], strbuf_str(&have));
	strbuf_release(&have);
	return -1;
}

int q_selector_add(sqlite3 *db, enum q_view view, const char *opt,
		   struct q_selector *sel, enum q_key key, const char *value)
{
	struct q_cond *c;
	long long ignored;
	int m;

	if (view == Q_QUALITY && !(QUALITY_KEYS & (1u << key)))
		return hdb_error("%s: %s is not known for quality rows (keys: "
				 "host, backend, build, model, quant, kv, "
				 "variant)", opt, q_key_names[key]);
	if (sel->keys & (1u << key))
		return hdb_error("%s: %s is named twice", opt, q_key_names[key]);
	if (!*value)
		return hdb_error("%s: %s=: expected a value", opt,
				 q_key_names[key]);
	if (int_column(key) && int_value(opt, key, value, &ignored))
		return -1;
	if (key == Q_KEY_KV && strchr(value, '/') &&
	    (strchr(value, '/') == value || !strchr(value, '/')[1]))
		return hdb_error("%s: kv=%s: expected TYPE or K/V", opt, value);
	c = &sel->conds[sel->n];
	c->key = key;
	c->value = xstrdup(value);
	c->value2 = NULL;
	if (key == Q_KEY_KV && strchr(c->value, '/')) {
		c->value2 = strchr(c->value, '/') + 1;
		c->value2[-1] = '\0';
		c->value2 = xstrdup(c->value2);
	}
	sel->n++;
	sel->keys |= 1u << key;
	m = matches_any(db, view, c);
	if (m < 0)
		return -1;
	if (!m)
		return unknown_value(db, view, opt, sel, c);
	return 0;
}

int q_selector_parse(sqlite3 *db, enum q_view view, const char *opt,
		     const char *text, struct q_selector *sel)
{
	char *copy, *item, *save = NULL, *eq;
	int ret = -1;
	size_t k;

	memset(sel, 0, sizeof(*sel));
	sel->text = text;
	if (!text || !*text)
		return hdb_error("%s: expected a host name or key=value[,...]",
				 opt);
	if (!strchr(text, '='))
		return q_selector_add(db, view, opt, sel, Q_KEY_HOST, text);
	copy = xstrdup(text);
	for (item = strtok_r(copy, ",", &save); item;
	     item = strtok_r(NULL, ",", &save)) {
		eq = strchr(item, '=');
		if (!eq) {
			hdb_error("%s: '%s': expected key=value", opt, item);
			goto out;
		}
		*eq = '\0';
		for (k = 0; k < Q_N_KEYS; k++)
			if ((SELECTOR_KEYS & (1u << k)) &&
			    !strcasecmp(item, q_key_names[k]))
				break;
		if (k == Q_N_KEYS) {
			hdb_error("%s: unknown key '%s' (keys: host, backend, "
				  "build, model, quant, kv, fa, ngl, ubatch, "
				  "threads, variant)", opt, item);
			goto out;
		}
		if (q_selector_add(db, view, opt, sel, (enum q_key)k, eq + 1))
			goto out;
	}
	ret = 0;
out:
	free(copy);
	if (ret)
		q_selector_release(sel);
	return ret;
}

void q_selector_release(struct q_selector *sel)
{
	size_t i;

	for (i = 0; i < sel->n; i++) {
		free(sel->conds[i].value);
		free(sel->conds[i].value2);
	}
	memset(sel, 0, sizeof(*sel));
}

/* The options of every query start here: no selectors, the noise band
 * of criterion (2%), a high CV above 5%. */
void hdb_query_opts_init(struct hdb_query_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->noise = 0.02;
	o->cv = 0.05;
}

int q_filters(sqlite3 *db, const struct hdb_query_opts *o,
	      struct q_selector *f)
{
	memset(f, 0, sizeof(*f));
	if ((o->model && q_selector_add(db, Q_THROUGHPUT, "--model", f,
					Q_KEY_MODEL, o->model)) ||
	    (o->quant && q_selector_add(db, Q_THROUGHPUT, "--quant", f,
					Q_KEY_QUANT, o->quant)) ||
	    (o->test && q_selector_add(db, Q_THROUGHPUT, "--test", f,
				       Q_KEY_TEST, o->test))) {
		q_selector_release(f);
		return -1;
	}
	return 0;
}
