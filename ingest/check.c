/*
 * check.c: what `halodb --version` and `halodb doctor` ask of ingest/: the
 * versions of the parsing libraries this room alone includes (jansson,
 * libcsv, libyaml), and a path's sha256 taken as ingest takes it (a run
 * directory through its format's hash, any other path as a regular
 * file), to tell whether a source changed since it went in.
 */
#include "ingest.h"
#include "parsers.h"
#include "sha256.h"

#include <csv.h>
#include <errno.h>
#include <jansson.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#define STR_(x) #x
#define STR(x) STR_(x)

const struct hdb_library *hdb_ingest_libraries(size_t *n)
{
	static struct hdb_library libs[3];

	libs[0].name = "jansson";
#if JANSSON_VERSION_HEX >= 0x020d00
	libs[0].version = jansson_version_str();
#endif
	libs[0].built = JANSSON_VERSION;
	libs[1].name = "libcsv";
	libs[1].version = NULL;		/* libcsv has no version call */
	libs[1].built = STR(CSV_MAJOR) "." STR(CSV_MINOR) "." STR(CSV_RELEASE);
	libs[2].name = "libyaml";
	libs[2].version = yaml_get_version_string();
	libs[2].built = NULL;		/* yaml.h names no version */
	*n = sizeof(libs) / sizeof(libs[0]);
	return libs;
}

int hdb_ingest_hash(const char *path, char hex[65])
{
	const struct hdb_dir_format *dir;
	struct sha256 c;
	struct stat sb;
	long long bytes = 0;

	if (stat(path, &sb))
		return hdb_error("cannot open '%s': %s", path, strerror(errno));
	if (!S_ISDIR(sb.st_mode))
		return sha256_file(path, hex, &bytes);
	dir = hdb_sniff_dir(path);
	if (!dir)
		return hdb_error("cannot read '%s': a directory that is not a "
				 "run directory", path);
	sha256_init(&c);
	if (dir->hash(path, &c, &bytes))
		return -1;
	sha256_final_hex(&c, hex);
	return 0;
}
