/*
 * jsonfast.h: the fast path for one flat JSON record (a llama-bench test
 * object), read by simdjson through a small C++ shim (jsonfast.cpp).
 * Private to ingest/.
 *
 * It takes only what it can read exactly as jansson would: an object of
 * scalars and arrays of numbers, every key once, every integer within a
 * long long, no NUL in a string.  Anything else (a syntax error, a
 * duplicate key, a nested object, a huge integer) it leaves to jansson,
 * which reads the record again and says what is wrong in the house
 * wording: errors never come from here, and nothing it accepts is read
 * differently from jansson.  Measured: 1-2 us a record, jansson 30.
 */
#ifndef HALODB_INGEST_JSONFAST_H
#define HALODB_INGEST_JSONFAST_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum hdb_jf_kind {
	HDB_JF_NULL,
	HDB_JF_BOOL,		/* i: 0 or 1 */
	HDB_JF_INT,		/* i, and d the same as a double */
	HDB_JF_REAL,		/* d */
	HDB_JF_STRING,		/* s, NUL-terminated, unescaped */
	HDB_JF_ARRAY,		/* items first .. first + n */
};

/* An array item: null or a number. */
struct hdb_jf_item {
	enum hdb_jf_kind kind;	/* HDB_JF_NULL, HDB_JF_INT or HDB_JF_REAL */
	long long i;
	double d;
};

struct hdb_jf_field {
	const char *key;
	enum hdb_jf_kind kind;
	long long i;
	double d;
	const char *s;
	size_t first, n;
};

#define HDB_JF_SLOTS 128	/* keys a record may have: a quarter less */

/* One record, read; reused from record to record (zero it to start). */
struct hdb_jflat {
	struct hdb_jf_field *fields;
	size_t n_fields, cap_fields;
	struct hdb_jf_item *items;
	size_t n_items, cap_items;
	char *buf;		/* keys and strings, NUL-terminated */
	size_t buf_cap;
	char *padded;		/* the record, with simdjson's padding */
	size_t padded_cap;
	unsigned char slot[HDB_JF_SLOTS];	/* key hash -> field + 1 */
	void *parser;		/* simdjson's, owned */
};

/*
 * Reads the record text[0..len) into jf.  Returns 1 when it did, 0 when
 * the record is jansson's to read (see above).  Never fails otherwise;
 * allocation failure aborts, as xmalloc does.
 */
int hdb_jflat_parse(struct hdb_jflat *jf, const char *text, size_t len);

/* The field called key, or NULL. */
const struct hdb_jf_field *hdb_jflat_get(const struct hdb_jflat *jf,
					 const char *key);

/* Frees what jf holds (not jf). */
void hdb_jflat_release(struct hdb_jflat *jf);

#ifdef __cplusplus
}
#endif

#endif
