/*
 * report.h: what the files of the report model share (private to query/,
 * like internal.h): the report's context and one builder per section.
 */
#ifndef HALODB_QUERY_REPORT_H
#define HALODB_QUERY_REPORT_H

#include "internal.h"

/* What every section knows of the report. */
struct q_report {
	const struct hdb_report_opts *o;
	/* the two hosts compared (the seed's A30 and Strix Halo): --hosts,
	 * else the two with most throughput rows; n_pair 0 or 1 when the
	 * store has fewer */
	char *pair[2];
	size_t n_pair;
	char *pair_text;	/* "a,b" for hdb_query_opts.hosts */
	int pair_throughput;	/* both hosts of the pair have throughput
				 * rows (the throughput sections compare
				 * them) */
	/* every host of the store by name: a host's colour is its index */
	char **hosts;
	size_t n_hosts;
	/* the throughput view read once, counted by what the sections
	 * count (q_report_scan), and its rows */
	struct q_tp_scan *tp;
	long long tp_rows;
};

/* Reads the throughput view once into x->tp (section_misc.c).  Returns 0
 * or -1 (hdb_error); q_report_release frees it. */
int q_report_scan(sqlite3 *db, struct q_report *x);
void q_report_scan_free(struct q_tp_scan *tp);
/* The throughput rows of a host, from the scan. */
long long q_report_scan_rows(const struct q_tp_scan *tp, const char *host);

/* Chooses the hosts and reads the host list.  Returns 0 or -1. */
int q_report_init(sqlite3 *db, const struct hdb_report_opts *o,
		  struct q_report *x);
void q_report_release(struct q_report *x);
/* The colour of a host: its index in x->hosts (-1 when unknown). */
int q_report_colour(const struct q_report *x, const char *host);
/* Does the report's --model filter keep this model?  (1 without one.) */
int q_report_keeps(const struct q_report *x, const char *model);

/*
 * A time from the store (ISO 8601, UTC) as the report shows it: clamped
 * to $SOURCE_DATE_EPOCH when that is set and earlier (as reproducible
 * builds clamp file times), so that a store rebuilt from the same files
 * gives the same page.  Writes into buf.
 */
void q_report_time(const char *iso, char *buf, size_t size);

/* Title, date, counts and the opening paragraph. */
int q_report_head(sqlite3 *db, const struct q_report *x,
		  struct hdb_report_model *m);

/*
 * The sections.  Each appends its section to m when the store has data
 * for it (and nothing otherwise), and returns 0, or -1 with hdb_error.
 */
int q_section_contestants(sqlite3 *db, const struct q_report *x,
			  struct hdb_report_model *m);
int q_section_quality(sqlite3 *db, const struct q_report *x,
		      struct hdb_report_model *m);
int q_section_frontier(sqlite3 *db, const struct q_report *x,
		       struct hdb_report_model *m);
int q_section_saturated(sqlite3 *db, const struct q_report *x,
			struct hdb_report_model *m);
int q_section_niah(sqlite3 *db, const struct q_report *x,
		   struct hdb_report_model *m);
int q_section_throughput(sqlite3 *db, const struct q_report *x,
			 struct hdb_report_model *m);
int q_section_long_context(sqlite3 *db, const struct q_report *x,
			   struct hdb_report_model *m);
int q_section_died(sqlite3 *db, const struct q_report *x,
		   struct hdb_report_model *m);
int q_section_notes(sqlite3 *db, const struct q_report *x,
		    struct hdb_report_model *m);
int q_section_methodology(sqlite3 *db, const struct q_report *x,
			  struct hdb_report_model *m);

#endif
