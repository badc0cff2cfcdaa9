/*
 * sha256.c: SHA-256 (FIPS 180-4).  Every input file is hashed before it is
 * parsed, so that ingesting the same bytes twice is recognised at once.
 */
#include "sha256.h"
#include "../util.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void compress(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, hh, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0]; b = h[1]; c = h[2]; d = h[3];
	e = h[4]; f = h[5]; g = h[6]; hh = h[7];
	for (i = 0; i < 64; i++) {
		t1 = hh + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
		     ((e & f) ^ (~e & g)) + K[i] + w[i];
		t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
		     ((a & b) ^ (a & c) ^ (b & c));
		hh = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

/*
 * The same compression with the SHA extensions of x86 (Intel since Goldmont
 * and Ice Lake, AMD since Zen), chosen at run time: about ten times the
 * speed of the portable code, which hashing every input file at ingest
 * notices.  Four rounds a step; W for rounds 16..63 made four at a time
 * (msg1: W[t-16] + s0(W[t-15]), plus W[t-7], msg2: + s1(W[t-2])).
 */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>

__attribute__((target("sha,sse4.1,ssse3")))
static void compress_shani(uint32_t h[8], const unsigned char *p, size_t n)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
					     0x0405060700010203ULL);
	__m128i s0, s1, tmp, msg, w[4], abef, cdgh;
	int j;

	tmp = _mm_loadu_si128((const __m128i *)&h[0]);
	s1 = _mm_loadu_si128((const __m128i *)&h[4]);
	tmp = _mm_shuffle_epi32(tmp, 0xb1);		/* CDAB */
	s1 = _mm_shuffle_epi32(s1, 0x1b);		/* EFGH */
	s0 = _mm_alignr_epi8(tmp, s1, 8);		/* ABEF */
	s1 = _mm_blend_epi16(s1, tmp, 0xf0);		/* CDGH */
	for (; n >= 64; n -= 64, p += 64) {
		abef = s0;
		cdgh = s1;
		for (j = 0; j < 16; j++) {
			if (j < 4) {
				w[j] = _mm_shuffle_epi8(_mm_loadu_si128(
					(const __m128i *)(p + 16 * j)), bswap);
			} else {
				__m128i x = _mm_sha256msg1_epu32(w[j % 4],
							 w[(j + 1) % 4]);

				x = _mm_add_epi32(x, _mm_alignr_epi8(
					w[(j + 3) % 4], w[(j + 2) % 4], 4));
				w[j % 4] = _mm_sha256msg2_epu32(x,
							w[(j + 3) % 4]);
			}
			msg = _mm_add_epi32(w[j % 4], _mm_loadu_si128(
				(const __m128i *)&K[4 * j]));
			s1 = _mm_sha256rnds2_epu32(s1, s0, msg);
			msg = _mm_shuffle_epi32(msg, 0x0e);
			s0 = _mm_sha256rnds2_epu32(s0, s1, msg);
		}
		s0 = _mm_add_epi32(s0, abef);
		s1 = _mm_add_epi32(s1, cdgh);
	}
	tmp = _mm_shuffle_epi32(s0, 0x1b);		/* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xb1);		/* DCHG */
	s0 = _mm_blend_epi16(tmp, s1, 0xf0);		/* DCBA */
	s1 = _mm_alignr_epi8(s1, tmp, 8);		/* HGFE */
	_mm_storeu_si128((__m128i *)&h[0], s0);
	_mm_storeu_si128((__m128i *)&h[4], s1);
}

static int have_shani(void)
{
	static int known = -1;

	/* CPUID, not __builtin_cpu_supports: clang 14 does not know "sha"
	 * (leaf 7 EBX bit 29; leaf 1 ECX: SSSE3 bit 9, SSE4.1 bit 19) */
	if (known < 0) {
		unsigned a, b, c, d;

		known = __get_cpuid(1, &a, &b, &c, &d) &&
			(c & bit_SSSE3) && (c & bit_SSE4_1) &&
			__get_cpuid_count(7, 0, &a, &b, &c, &d) &&
			(b & bit_SHA);
	}
	return known;
}
#else
static void compress_shani(uint32_t h[8], const unsigned char *p, size_t n)
{
	(void)h;
	(void)p;
	(void)n;
}

static int have_shani(void)
{
	return 0;
}
#endif

/* Compresses the n / 64 whole blocks at p. */
static void compress_blocks(uint32_t h[8], const unsigned char *p, size_t n)
{
	if (have_shani()) {
		compress_shani(h, p, n);
		return;
	}
	for (; n >= 64; p += 64, n -= 64)
		compress(h, p);
}

void sha256_init(struct sha256 *c)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(c->h, iv, sizeof(iv));
	c->nbytes = 0;
	c->fill = 0;
}

void sha256_update(struct sha256 *c, const void *data, size_t n)
{
	const unsigned char *p = data;

	c->nbytes += n;
	if (c->fill) {
		size_t take = 64 - c->fill < n ? 64 - c->fill : n;

		memcpy(c->block + c->fill, p, take);
		c->fill += take;
		p += take;
		n -= take;
		if (c->fill < 64)
			return;
		compress_blocks(c->h, c->block, 64);
		c->fill = 0;
	}
	compress_blocks(c->h, p, n & ~(size_t)63);
	p += n & ~(size_t)63;
	n &= 63;
	memcpy(c->block, p, n);
	c->fill = n;
}

void sha256_final_hex(struct sha256 *c, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	uint64_t bits = c->nbytes * 8;
	unsigned char pad[72] = { 0x80 };
	size_t padlen = (c->fill < 56 ? 56 : 120) - c->fill;
	int i;

	for (i = 0; i < 8; i++)
		pad[padlen + i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_update(c, pad, padlen + 8);
	for (i = 0; i < 32; i++) {
		unsigned char byte = (unsigned char)(c->h[i / 4] >> (24 - 8 * (i % 4)));

		hex[2 * i] = digits[byte >> 4];
		hex[2 * i + 1] = digits[byte & 15];
	}
	hex[64] = '\0';
}

int sha256_stream(FILE *f, const char *path, char hex[65], long long *bytes)
{
	static unsigned char chunk[1 << 16];
	struct sha256 c;
	size_t n;

	sha256_init(&c);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sha256_update(&c, chunk, n);
	if (ferror(f))
		return hdb_error("cannot read '%s': %s", path, strerror(errno));
	*bytes = (long long)c.nbytes;
	sha256_final_hex(&c, hex);
	return 0;
}

int sha256_file(const char *path, char hex[65], long long *bytes)
{
	FILE *f;
	int ret;

	if (hdb_open_regular(path, &f, NULL))
		return -1;
	ret = sha256_stream(f, path, hex, bytes);
	fclose(f);
	return ret;
}
