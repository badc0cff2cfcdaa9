/* Unit tests: ingest/jsonfast.cpp, the simdjson fast path, read against
 * jansson: what it takes it reads as jansson does, and what jansson would
 * refuse or read otherwise it leaves to jansson. */
#include "harness.h"
#include "../../ingest/jsonfast.h"

#include <jansson.h>

/* Does the fast path read text as jansson (with the flags of llamabench.c)
 * does, field for field?  1: taken and the same; 0: left to jansson. */
static int same_as_jansson(struct hdb_jflat *jf, const char *text)
{
	json_error_t err;
	json_t *obj, *v;
	const char *key;
	size_t n = 0;
	int taken = hdb_jflat_parse(jf, text, strlen(text));

	if (!taken)
		return 0;
	obj = json_loadb(text, strlen(text), JSON_DECODE_ANY |
			 JSON_REJECT_DUPLICATES, &err);
	if (!obj || !json_is_object(obj)) {
		T_FAIL("taken, but jansson refuses it: %s", text);
		json_decref(obj);
		return 1;
	}
	json_object_foreach(obj, key, v) {
		const struct hdb_jf_field *f = hdb_jflat_get(jf, key);

		n++;
		if (!f) {
			T_FAIL("'%s' missing from %s", key, text);
			continue;
		}
		switch (json_typeof(v)) {
		case JSON_NULL:
			CHECK_INT(f->kind, HDB_JF_NULL);
			break;
		case JSON_TRUE:
		case JSON_FALSE:
			CHECK_INT(f->kind, HDB_JF_BOOL);
			CHECK_INT(f->i, json_is_true(v));
			break;
		case JSON_INTEGER:
			CHECK_INT(f->kind, HDB_JF_INT);
			CHECK_INT(f->i, json_integer_value(v));
			break;
		case JSON_REAL:
			CHECK_INT(f->kind, HDB_JF_REAL);
			CHECK(f->d == json_real_value(v));
			break;
		case JSON_STRING:
			CHECK_INT(f->kind, HDB_JF_STRING);
			CHECK_STR(f->s, json_string_value(v));
			break;
		case JSON_ARRAY: {
			size_t i;

			CHECK_INT(f->kind, HDB_JF_ARRAY);
			CHECK_INT(f->n, json_array_size(v));
			for (i = 0; i < f->n && i < json_array_size(v); i++) {
				const struct hdb_jf_item *it = &jf->items[f->first + i];
				json_t *e = json_array_get(v, i);

				if (json_is_integer(e))
					CHECK(it->kind == HDB_JF_INT &&
					      it->i == json_integer_value(e));
				else if (json_is_real(e))
					CHECK(it->kind == HDB_JF_REAL &&
					      it->d == json_real_value(e));
				else
					CHECK(it->kind == HDB_JF_NULL);
			}
			break;
		}
		case JSON_OBJECT:
			T_FAIL("a nested object taken: %s", text);
			break;
		}
	}
	CHECK_INT(jf->n_fields, n);
	json_decref(obj);
	return 1;
}

static void a_llama_bench_record_is_read_as_jansson_reads_it(void)
{
	struct hdb_jflat jf;

	memset(&jf, 0, sizeof(jf));
	CHECK_INT(same_as_jansson(&jf, "{\"build_commit\": \"d32676d\", "
		"\"build_number\": 9749, \"cpu_info\": \"AMD EPYC\", "
		"\"gpu_info\": \"\", \"model_size\": 430784512, "
		"\"cpu_strict\": false, \"flash_attn\": 1, \"n_depth\": 0, "
		"\"avg_ns\": 1161540715, \"avg_ts\": 440.797537, "
		"\"stddev_ts\": 1.803621, \"none\": null, \"samples_ns\": "
		"[ 1158180048, 1164901383 ],\"samples_ts\": [ 442.073, "
		"439.522, null ]}"), 1);
	/* escapes, numbers of every spelling, keys in any order */
	CHECK_INT(same_as_jansson(&jf, "{\"a\\u00e9\\n\": \"x\\\"y\\\\z\\u2603"
		"\\ud83d\\ude00\", \"e\": 1e5, \"f\": -0, \"g\": -0.0, \"h\": "
		"0.1, \"i\": 9223372036854775807, \"j\": -9223372036854775808, "
		"\"k\": 1E-7, \"l\": [], \"m\": 123456789012345678e-3}"), 1);
	CHECK_INT(same_as_jansson(&jf, "{}"), 1);
	CHECK_INT(same_as_jansson(&jf, " {\n \"a\" :\t1 ,\r\n \"b\":[1,2.5] }"), 1);
	hdb_jflat_release(&jf);
}

static void what_jansson_refuses_or_reads_otherwise_is_left_to_it(void)
{
	static const char *const jansson_s[] = {
		"{\"a\": 1, \"a\": 2}",			/* a key twice */
		"{\"a\": \"x\\u0000y\"}",		/* NUL in a string */
		"{\"a\\u0000\": 1}",			/* and in a key */
		"{\"a\": 18446744073709551615}",	/* beyond a long long */
		"{\"a\": 9223372036854775808}",
		"{\"a\": 1e400}",			/* beyond a double */
		"{\"a\": {\"b\": 1}}",			/* nested */
		"{\"a\": [1, \"x\"]}",			/* not numbers */
		"{\"a\": [[1]]}",
		"{\"a\": [true]}",
		"[1, 2]",				/* not an object */
		"\"x\"",
		"{\"a\": 1,}",				/* syntax errors */
		"{\"a\": 01}",
		"{\"a\": 1.}",
		"{\"a\": \"x\ty\"}",			/* a raw control */
		"{\"a\": \"\xff\"}",			/* not UTF-8 */
		"{\"a\": \"\\ud800\"}",			/* half a pair */
		"{\"a\": nan}",
		"{\"a\": 1",
		"",
	};
	struct hdb_jflat jf;
	size_t i;

	memset(&jf, 0, sizeof(jf));
	for (i = 0; i < sizeof(jansson_s) / sizeof(jansson_s[0]); i++)
		if (hdb_jflat_parse(&jf, jansson_s[i], strlen(jansson_s[i])))
			T_FAIL("taken, expected to be left to jansson: %s",
			       jansson_s[i]);
	/* and the next record is read afresh */
	CHECK_INT(same_as_jansson(&jf, "{\"a\": 2}"), 1);
	hdb_jflat_release(&jf);
}

static void many_keys_are_left_to_jansson(void)
{
	struct hdb_jflat jf;
	char text[8192];
	size_t o = 0;
	int i;

	memset(&jf, 0, sizeof(jf));
	o += (size_t)snprintf(text + o, sizeof(text) - o, "{");
	for (i = 0; i < 90; i++)
		o += (size_t)snprintf(text + o, sizeof(text) - o, "%s\"k%d\": %d",
				      i ? ", " : "", i, i);
	snprintf(text + o, sizeof(text) - o, "}");
	CHECK_INT(same_as_jansson(&jf, text), 1);
	o = 0;
	o += (size_t)snprintf(text + o, sizeof(text) - o, "{");
	for (i = 0; i < 100; i++)
		o += (size_t)snprintf(text + o, sizeof(text) - o, "%s\"k%d\": %d",
				      i ? ", " : "", i, i);
	snprintf(text + o, sizeof(text) - o, "}");
	CHECK_INT(hdb_jflat_parse(&jf, text, strlen(text)), 0);
	hdb_jflat_release(&jf);
}

int main(void)
{
	RUN(a_llama_bench_record_is_read_as_jansson_reads_it);
	RUN(what_jansson_refuses_or_reads_otherwise_is_left_to_it);
	RUN(many_keys_are_left_to_jansson);
	return t_done();
}
