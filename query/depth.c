/* depth.c: (being written) */
#include "internal.h"

int hdb_query_crossover(struct sqlite3 *db, const struct hdb_query_opts *o,
	struct hdb_table *out)
{
	(void)db; (void)o; (void)out;
	return hdb_error("crossover: not built yet");
}

int hdb_query_degradation(struct sqlite3 *db, const struct hdb_query_opts *o,
	struct hdb_table *out)
{
	(void)db; (void)o; (void)out;
	return hdb_error("degradation: not built yet");
}
