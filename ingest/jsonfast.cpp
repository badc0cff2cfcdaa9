/*
 * jsonfast.cpp: the shim between halodb's C and simdjson's On-Demand
 * API, for one flat JSON record (see jsonfast.h).  The only C++ file of
 * halodb: it turns a record into plain C fields and lets nothing of C++
 * through (no exception is thrown or let out: simdjson reports errors as
 * values here, and an error only says "leave it to jansson").
 *
 * Flow: jsonstream.c frames a record -> here (or jansson) ->
 * llamabench.c maps the fields onto a record for the store.
 */
#include "jsonfast.h"

#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace simdjson;

namespace {

[[noreturn]] void out_of_memory()
{
	std::fputs("halodb: out of memory\n", stderr);
	std::abort();
}

void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 32;

	if (need <= *cap)
		return p;
	while (n < need)
		n *= 2;
	p = std::realloc(p, n * size);
	if (!p)
		out_of_memory();
	*cap = n;
	return p;
}

unsigned key_hash(const char *k)
{
	unsigned h = 2166136261u;

	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 16777619u;
	return h;
}

/* Copies s into jf->buf (room was made for the whole record). */
const char *keep(hdb_jflat *jf, size_t *used, std::string_view s)
{
	char *p = jf->buf + *used;

	std::memcpy(p, s.data(), s.size());
	p[s.size()] = '\0';
	*used += s.size() + 1;
	return p;
}

/* A number as jansson reads it: an integer within a long long, or a
 * real; false for anything else (an unsigned beyond, a big integer). */
bool number(ondemand::value &v, hdb_jf_kind *kind, long long *i, double *d)
{
	ondemand::number_type t;

	if (v.get_number_type().get(t))
		return false;
	if (t == ondemand::number_type::signed_integer) {
		int64_t x;

		if (v.get_int64().get(x))
			return false;
		*kind = HDB_JF_INT;
		*i = x;
		*d = (double)x;
		return true;
	}
	if (t == ondemand::number_type::floating_point_number) {
		if (v.get_double().get(*d))
			return false;
		*kind = HDB_JF_REAL;
		*i = 0;
		return true;
	}
	return false;
}

bool field(hdb_jflat *jf, size_t *used, hdb_jf_field *f, ondemand::value &v)
{
	ondemand::json_type t;

	f->i = 0;
	f->d = 0;
	f->s = nullptr;
	f->first = f->n = 0;
	if (v.type().get(t))
		return false;
	switch (t) {
	case ondemand::json_type::null: {
		bool null;

		if (v.is_null().get(null) || !null)
			return false;
		f->kind = HDB_JF_NULL;
		return true;
	}
	case ondemand::json_type::boolean: {
		bool b;

		if (v.get_bool().get(b))
			return false;
		f->kind = HDB_JF_BOOL;
		f->i = b;
		return true;
	}
	case ondemand::json_type::number:
		return number(v, &f->kind, &f->i, &f->d);
	case ondemand::json_type::string: {
		std::string_view s;

		/* jansson refuses "\u0000" */
		if (v.get_string().get(s) || std::memchr(s.data(), 0, s.size()))
			return false;
		f->kind = HDB_JF_STRING;
		f->s = keep(jf, used, s);
		return true;
	}
	case ondemand::json_type::array: {
		ondemand::array a;

		if (v.get_array().get(a))
			return false;
		f->kind = HDB_JF_ARRAY;
		f->first = jf->n_items;
		for (auto &&item : a) {
			ondemand::value e;
			ondemand::json_type et;
			hdb_jf_item *it;

			if (std::move(item).get(e) || e.type().get(et))
				return false;
			jf->items = (hdb_jf_item *)grow(jf->items, &jf->cap_items,
							jf->n_items + 1,
							sizeof(*jf->items));
			it = &jf->items[jf->n_items++];
			if (et == ondemand::json_type::null) {
				bool null;

				if (e.is_null().get(null) || !null)
					return false;
				it->kind = HDB_JF_NULL;
				it->i = 0;
				it->d = 0;
			} else if (et != ondemand::json_type::number ||
				   !number(e, &it->kind, &it->i, &it->d)) {
				return false;	/* jansson's to read */
			}
		}
		f->n = jf->n_items - f->first;
		return true;
	}
	default:
		return false;	/* a nested object */
	}
}

} /* namespace */

extern "C" int hdb_jflat_parse(hdb_jflat *jf, const char *text, size_t len)
{
	ondemand::parser *parser = (ondemand::parser *)jf->parser;
	ondemand::document doc;
	ondemand::object obj;
	size_t used = 0, k;

	if (!parser) {
		parser = new (std::nothrow) ondemand::parser();
		if (!parser)
			out_of_memory();
		jf->parser = parser;
	}
	jf->n_fields = 0;
	jf->n_items = 0;
	std::memset(jf->slot, 0, sizeof(jf->slot));
	/* unescaped keys and strings never outgrow the text */
	jf->buf = (char *)grow(jf->buf, &jf->buf_cap, len + 1, 1);
	jf->padded = (char *)grow(jf->padded, &jf->padded_cap,
				  len + SIMDJSON_PADDING, 1);
	std::memcpy(jf->padded, text, len);
	std::memset(jf->padded + len, 0, SIMDJSON_PADDING);
	if (parser->iterate(jf->padded, len, len + SIMDJSON_PADDING).get(doc) ||
	    doc.get_object().get(obj))
		return 0;
	for (auto &&kv : obj) {
		ondemand::field fl;
		std::string_view key;
		ondemand::value v;
		hdb_jf_field *f;

		if (std::move(kv).get(fl) || fl.unescaped_key().get(key) ||
		    std::memchr(key.data(), 0, key.size()))
			return 0;
		if (jf->n_fields >= HDB_JF_SLOTS * 3 / 4)
			return 0;
		jf->fields = (hdb_jf_field *)grow(jf->fields, &jf->cap_fields,
						  jf->n_fields + 1,
						  sizeof(*jf->fields));
		f = &jf->fields[jf->n_fields];
		f->key = keep(jf, &used, key);
		/* jansson refuses a key given twice */
		for (k = key_hash(f->key) % HDB_JF_SLOTS; jf->slot[k];
		     k = (k + 1) % HDB_JF_SLOTS)
			if (!std::strcmp(jf->fields[jf->slot[k] - 1].key, f->key))
				return 0;
		jf->slot[k] = (unsigned char)(jf->n_fields + 1);
		v = fl.value();
		if (!field(jf, &used, f, v))
			return 0;
		jf->n_fields++;
	}
	return 1;
}

extern "C" const hdb_jf_field *hdb_jflat_get(const hdb_jflat *jf,
					     const char *key)
{
	size_t k;

	for (k = key_hash(key) % HDB_JF_SLOTS; jf->slot[k];
	     k = (k + 1) % HDB_JF_SLOTS)
		if (!std::strcmp(jf->fields[jf->slot[k] - 1].key, key))
			return &jf->fields[jf->slot[k] - 1];
	return nullptr;
}

extern "C" void hdb_jflat_release(hdb_jflat *jf)
{
	delete (ondemand::parser *)jf->parser;
	std::free(jf->fields);
	std::free(jf->items);
	std::free(jf->buf);
	std::free(jf->padded);
	std::memset(jf, 0, sizeof(*jf));
}
