/*
 * gguf.c: the few keys of a GGUF model's header that size its KV cache,
 * so that the gate can tell, before a deep point runs, whether the model
 * plus its cache fits.  GGUF (v2, v3) is little-endian: 'GGUF', a u32
 * version, u64 tensor and key counts, then keys: a u64-length string, a
 * u32 type and the value (arrays: u32 item type, u64 count, items).  The
 * tokenizer's arrays are skipped with fseek, so reading a 100 GiB model's
 * header costs a few hundred KiB.
 */
#include "run.h"
#include "../util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { T_U8, T_I8, T_U16, T_I16, T_U32, T_I32, T_F32, T_BOOL, T_STRING,
       T_ARRAY, T_U64, T_I64, T_F64, T_COUNT };

static const int type_size[T_COUNT] = { 1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8,
					8 };

/* The keys read, by what follows '<arch>.' */
enum { K_BLOCKS, K_HEADS, K_HEADS_KV, K_KEY_LEN, K_VALUE_LEN, K_EMBD,
       K_LORA, K_ROPE, K_N };
static const char *const suffixes[K_N] = {
	"block_count", "attention.head_count", "attention.head_count_kv",
	"attention.key_length", "attention.value_length",
	"embedding_length", "attention.kv_lora_rank", "rope.dimension_count",
};

/* A key's value: a number, or the sum and length of an array. */
struct val {
	int set;
	unsigned long long sum;
	unsigned long long n;	/* 1 for a scalar */
	unsigned long long *items; /* per layer (arrays of at most 4096) */
};

struct reader {
	FILE *f;
	const char *path;
	long long size;
};

static int rd(struct reader *r, void *buf, size_t n)
{
	if (fread(buf, 1, n, r->f) != n)
		return hdb_error("'%s': not a GGUF file: its header ends early",
				 r->path);
	return 0;
}

static int rd_u32(struct reader *r, uint32_t *v)
{
	unsigned char b[4];

	if (rd(r, b, 4))
		return -1;
	*v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	     (uint32_t)b[3] << 24;
	return 0;
}

static int rd_u64(struct reader *r, uint64_t *v)
{
	uint32_t lo, hi;

	if (rd_u32(r, &lo) || rd_u32(r, &hi))
		return -1;
	*v = (uint64_t)hi << 32 | lo;
	return 0;
}

static int skip(struct reader *r, uint64_t n)
{
	long long at = ftello(r->f);

	if (at < 0 || n > (uint64_t)(r->size - at) ||
	    fseeko(r->f, (off_t)n, SEEK_CUR))
		return hdb_error("'%s': not a GGUF file: its header ends early",
				 r->path);
	return 0;
}

/* A string: kept (at most 255 bytes, else cut) when out, else skipped. */
static int rd_string(struct reader *r, char *out, size_t size)
{
	uint64_t n;

	if (rd_u64(r, &n))
		return -1;
	if (!out)
		return skip(r, n);
	if (n >= size) {
		if (rd(r, out, size - 1))
			return -1;
		out[size - 1] = '\0';
		return skip(r, n - (size - 1));
	}
	if (rd(r, out, (size_t)n))
		return -1;
	out[n] = '\0';
	return 0;
}

/* An integer of type t (negative ones read as 0). */
static int rd_int(struct reader *r, uint32_t t, unsigned long long *v)
{
	unsigned char b[8] = { 0 };
	int i, n = type_size[t];

	if (rd(r, b, (size_t)n))
		return -1;
	*v = 0;
	for (i = n - 1; i >= 0; i--)
		*v = *v << 8 | b[i];
	if ((t == T_I8 && (b[0] & 0x80)) || (t == T_I16 && (b[1] & 0x80)) ||
	    (t == T_I32 && (b[3] & 0x80)) || (t == T_I64 && (b[7] & 0x80)))
		*v = 0;
	return 0;
}

static int is_int(uint32_t t)
{
	return t == T_U8 || t == T_I8 || t == T_U16 || t == T_I16 ||
	       t == T_U32 || t == T_I32 || t == T_U64 || t == T_I64;
}

/* Reads (into v, when v and integers) or skips a value of type t. */
static int rd_value(struct reader *r, uint32_t t, struct val *v)
{
	uint32_t at;
	uint64_t n, i;

	if (t >= T_COUNT)
		return hdb_error("'%s': not a GGUF file: value type %u",
				 r->path, (unsigned)t);
	if (t == T_STRING)
		return rd_string(r, NULL, 0);
	if (t != T_ARRAY) {
		unsigned long long x;

		if (!v || !is_int(t))
			return skip(r, (uint64_t)type_size[t]);
		if (rd_int(r, t, &x))
			return -1;
		v->set = 1;
		v->sum = x;
		v->n = 1;
		return 0;
	}
	if (rd_u32(r, &at) || rd_u64(r, &n))
		return -1;
	if (at >= T_COUNT || at == T_ARRAY)
		return hdb_error("'%s': not a GGUF file: array of type %u",
				 r->path, (unsigned)at);
	if (at == T_STRING) {
		for (i = 0; i < n; i++)
			if (rd_string(r, NULL, 0))
				return -1;
		return 0;
	}
	if (!v || !is_int(at) || n > 4096) {
		if (n > (uint64_t)r->size)
			return hdb_error("'%s': not a GGUF file: its header "
					 "ends early", r->path);
		return skip(r, n * (uint64_t)type_size[at]);
	}
	free(v->items);
	v->items = xcalloc(n ? (size_t)n : 1, sizeof(*v->items));
	v->sum = 0;
	for (i = 0; i < n; i++) {
		if (rd_int(r, at, &v->items[i]))
			return -1;
		v->sum += v->items[i];
	}
	v->set = 1;
	v->n = n;
	return 0;
}

/* A key's value for layer l: its array item, or the scalar. */
static unsigned long long at_layer(const struct val *v, long l)
{
	if (v->n == 1 || !v->items)
		return v->sum;
	return (unsigned long long)l < v->n ? v->items[l] : 0;
}

int hdb_gguf_read(const char *path, struct hdb_gguf_info *info)
{
	struct reader r = { NULL, path, 0 };
	struct val vals[K_N];
	/* keys seen before general.architecture, by full name */
	char (*early)[160] = NULL;
	struct val *early_vals = NULL;
	size_t n_early = 0;
	char magic[4], key[160];
	uint32_t version, t;
	uint64_t n_tensors, n_kv, i;
	int ret = -1, k;
	long l;

	memset(info, 0, sizeof(*info));
	memset(vals, 0, sizeof(vals));
	if (hdb_open_regular(path, &r.f, &r.size))
		return -1;
	if (rd(&r, magic, 4) || memcmp(magic, "GGUF", 4)) {
		hdb_error("'%s': not a GGUF file", path);
		goto out;
	}
	if (rd_u32(&r, &version) || rd_u64(&r, &n_tensors) ||
	    rd_u64(&r, &n_kv))
		goto out;
	if (version < 2 || version > 3) {
		hdb_error("'%s': GGUF version %u is not read (2 and 3 are)",
			  path, (unsigned)version);
		goto out;
	}
	(void)n_tensors;
	for (i = 0; i < n_kv; i++) {
		struct val *v = NULL;

		if (rd_string(&r, key, sizeof(key)) || rd_u32(&r, &t))
			goto out;
		if (!strcmp(key, "general.architecture") && t == T_STRING) {
			if (rd_string(&r, info->arch, sizeof(info->arch)))
				goto out;
			continue;
		}
		for (k = 0; k < K_N && !v; k++) {
			size_t kl = strlen(key), sl = strlen(suffixes[k]);

			if (kl <= sl + 1 || strcmp(key + kl - sl, suffixes[k]) ||
			    key[kl - sl - 1] != '.')
				continue;
			if (info->arch[0]) {
				if (kl - sl - 1 == strlen(info->arch) &&
				    !strncmp(key, info->arch, kl - sl - 1))
					v = &vals[k];
			} else {
				early = xrealloc(early, (n_early + 1) *
						 sizeof(*early));
				early_vals = xrealloc(early_vals, (n_early + 1) *
						      sizeof(*early_vals));
				memcpy(early[n_early], key, sizeof(key));
				memset(&early_vals[n_early], 0,
				       sizeof(*early_vals));
				v = &early_vals[n_early++];
			}
		}
		if (rd_value(&r, t, v))
			goto out;
	}
	if (!info->arch[0]) {
		hdb_error("'%s': its GGUF header names no "
			  "general.architecture", path);
		goto out;
	}
	/* keys that came before the architecture was known */
	for (i = 0; i < n_early; i++)
		for (k = 0; k < K_N; k++) {
			size_t al = strlen(info->arch);

			if (!strncmp(early[i], info->arch, al) &&
			    early[i][al] == '.' &&
			    !strcmp(early[i] + al + 1, suffixes[k]) &&
			    !vals[k].set) {
				vals[k] = early_vals[i];
				early_vals[i].items = NULL;
			}
		}
	if (!vals[K_BLOCKS].set || !vals[K_BLOCKS].sum ||
	    vals[K_BLOCKS].sum > 100000) {
		hdb_error("'%s': its GGUF header has no %s.block_count", path,
			  info->arch);
		goto out;
	}
	info->n_layer = (long)vals[K_BLOCKS].sum;
	if (vals[K_LORA].set && vals[K_LORA].sum) {
		/* MLA: one compressed latent (plus the rope part) per layer */
		info->mla = 1;
		info->k_elems = (unsigned long long)info->n_layer *
				(at_layer(&vals[K_LORA], 0) +
				 at_layer(&vals[K_ROPE], 0));
		info->v_elems = (unsigned long long)info->n_layer *
				at_layer(&vals[K_LORA], 0);
		ret = 0;
		goto out;
	}
	if (!vals[K_HEADS].set) {
		hdb_error("'%s': its GGUF header has no "
			  "%s.attention.head_count", path, info->arch);
		goto out;
	}
	for (l = 0; l < info->n_layer; l++) {
		unsigned long long heads = at_layer(&vals[K_HEADS], l);
		unsigned long long kv = vals[K_HEADS_KV].set
					? at_layer(&vals[K_HEADS_KV], l) : heads;
		/* the head size: key_length, else embedding / heads (of the
		 * first layer with heads: per-layer arrays may hold 0) */
		unsigned long long h0 = vals[K_HEADS].sum / vals[K_HEADS].n;
		unsigned long long dk, dv;

		if (!h0)
			h0 = 1;
		dk = vals[K_KEY_LEN].set ? vals[K_KEY_LEN].sum
		     : vals[K_EMBD].sum / h0;
		dv = vals[K_VALUE_LEN].set ? vals[K_VALUE_LEN].sum
		     : vals[K_EMBD].sum / h0;
		info->k_elems += kv * dk;
		info->v_elems += kv * dv;
	}
	if (!info->k_elems) {
		hdb_error("'%s': its GGUF header gives no KV head size "
			  "(%s.embedding_length or attention.key_length)",
			  path, info->arch);
		goto out;
	}
	ret = 0;
out:
	for (k = 0; k < K_N; k++)
		free(vals[k].items);
	for (i = 0; i < n_early; i++)
		free(early_vals[i].items);
	free(early);
	free(early_vals);
	if (r.f)
		fclose(r.f);
	return ret;
}

double hdb_kv_type_bytes(const char *type)
{
	static const struct {
		const char *name;
		double bytes;
	} types[] = {
		{ "f32", 4 }, { "f16", 2 }, { "bf16", 2 },
		{ "q8_0", 34.0 / 32 }, { "q4_0", 18.0 / 32 },
		{ "q4_1", 20.0 / 32 }, { "q5_0", 22.0 / 32 },
		{ "q5_1", 24.0 / 32 }, { "iq4_nl", 18.0 / 32 },
	};
	size_t i;

	for (i = 0; type && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(types[i].name, type))
			return types[i].bytes;
	return 0;
}

unsigned long long hdb_kv_bytes(const struct hdb_gguf_info *info,
				const char *type_k, const char *type_v,
				long ctx)
{
	double bk = hdb_kv_type_bytes(type_k ? type_k : "f16");
	double bv = hdb_kv_type_bytes(type_v ? type_v : "f16");

	if (!bk)
		bk = 2;
	if (!bv)
		bv = 2;
	if (!info)
		return (unsigned long long)(HDB_KV_FALLBACK_F16_BYTES / 4 *
					    (bk + bv) * (double)ctx);
	return (unsigned long long)(((double)info->k_elems * bk +
				     (double)info->v_elems * bv) * (double)ctx);
}
