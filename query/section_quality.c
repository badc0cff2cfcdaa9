/* section_quality.c: (being written) */
#include "report.h"

int q_section_quality(sqlite3 *db, const struct q_report *x,
	struct hdb_report_model *m)
{
	(void)db; (void)x; (void)m;
	return 0;
}

int q_section_frontier(sqlite3 *db, const struct q_report *x,
	struct hdb_report_model *m)
{
	(void)db; (void)x; (void)m;
	return 0;
}

int q_section_saturated(sqlite3 *db, const struct q_report *x,
	struct hdb_report_model *m)
{
	(void)db; (void)x; (void)m;
	return 0;
}

int q_section_niah(sqlite3 *db, const struct q_report *x,
	struct hdb_report_model *m)
{
	(void)db; (void)x; (void)m;
	return 0;
}
