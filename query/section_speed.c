/* section_speed.c: (being written) */
#include "report.h"

int q_section_throughput(sqlite3 *db, const struct q_report *x,
	struct hdb_report_model *m)
{
	(void)db; (void)x; (void)m;
	return 0;
}

int q_section_long_context(sqlite3 *db, const struct q_report *x,
	struct hdb_report_model *m)
{
	(void)db; (void)x; (void)m;
	return 0;
}
