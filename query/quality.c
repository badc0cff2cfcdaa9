/* quality.c: (being written) */
#include "internal.h"

int hdb_query_quality(struct sqlite3 *db, const struct hdb_query_opts *o,
	struct hdb_table *out)
{
	(void)db; (void)o; (void)out;
	return hdb_error("quality: not built yet");
}
