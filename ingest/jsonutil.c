/*
 * jsonutil.c: the JSON helpers shared by the parsers of ingest/ (see
 * jsonutil.h): reading whole files within a limit, error wording, short
 * strings.
 */
#include "jsonutil.h"

#include <errno.h>
#include <string.h>

int hdb_read_whole(FILE *f, const char *path, const char *what, size_t max,
		   struct strbuf *sb)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (sb->len + n > max)
			return hdb_error("%s:1:1: expected %s of at most %zu "
					 "MiB, found a larger file", path, what,
					 max >> 20);
		strbuf_add(sb, chunk, n);
	}
	if (ferror(f))
		return hdb_error("cannot read '%s': %s", path, strerror(errno));
	return 0;
}

int hdb_json_error(const char *path, long line, long col,
		   const json_error_t *err)
{
	const char *near = strstr(err->text, " near ");
	const char *exp = strstr(err->text, " expected");

	if (line < 1)
		line = 1;
	if (col < 1)
		col = 1;
	if (exp && near && exp < near) {
		/* a missing ',' is what "'}' expected" usually means */
		const char *what = !strncmp(err->text, "'}'", 3) ? "',' or '}'"
				 : !strncmp(err->text, "']'", 3) ? "',' or ']'"
				 : NULL;

		if (what)
			return hdb_error("%s:%ld:%ld: expected %s, found %s",
					 path, line, col, what, near + 6);
		return hdb_error("%s:%ld:%ld: expected %.*s, found %s", path,
				 line, col, (int)(exp - err->text), err->text,
				 near + 6);
	}
	if (near && strstr(err->text, "duplicate object key"))
		return hdb_error("%s:%ld:%ld: expected each key once, found %s "
				 "again", path, line, col, near + 6);
	return hdb_error("%s:%ld:%ld: expected valid JSON (%s)", path, line,
			 col, err->text);
}

json_t *hdb_json_short(const char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, chars = 0;
	json_t *v;

	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;	/* a UTF-8 continuation byte */
		if (chars++ == HDB_SHORT_CHARS)
			break;
	}
	if (i == len)
		return json_stringn(s, len);
	strbuf_add(&sb, s, i);
	strbuf_addstr(&sb, "...");
	v = json_stringn(sb.buf, sb.len);
	strbuf_release(&sb);
	return v;
}

const char *hdb_json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	case JSON_NULL:
		break;
	}
	return "null";
}

char *hdb_json_pairs(const char *const *keys, const char *const *vals,
		     size_t n)
{
	json_t *o = json_object();
	char *text = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		if (vals[i])
			json_object_set_new(o, keys[i], json_string(vals[i]));
	if (json_object_size(o))
		text = json_dumps(o, JSON_PRESERVE_ORDER | JSON_COMPACT);
	json_decref(o);
	return text;
}
