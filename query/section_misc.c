/* section_misc.c: (being written) */
#include "report.h"

int q_section_contestants(sqlite3 *db, const struct q_report *x,
	struct hdb_report_model *m)
{
	(void)db; (void)x; (void)m;
	return 0;
}

int q_section_died(sqlite3 *db, const struct q_report *x,
	struct hdb_report_model *m)
{
	(void)db; (void)x; (void)m;
	return 0;
}

int q_section_notes(sqlite3 *db, const struct q_report *x,
	struct hdb_report_model *m)
{
	(void)db; (void)x; (void)m;
	return 0;
}

int q_section_methodology(sqlite3 *db, const struct q_report *x,
	struct hdb_report_model *m)
{
	(void)db; (void)x; (void)m;
	return 0;
}
