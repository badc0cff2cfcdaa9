/*
 * sha256.h: FIPS 180-4 SHA-256, used to recognise input files that were
 * already ingested.  Private to ingest/.
 */
#ifndef HALODB_SHA256_H
#define HALODB_SHA256_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct sha256 {
	uint32_t h[8];
	uint64_t nbytes;
	unsigned char block[64];
	size_t fill;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
/* Writes 64 lower-case hex digits and a NUL into hex[65]. */
void sha256_final_hex(struct sha256 *c, char hex[65]);

/* Hashes the rest of an open file in one streaming pass (the caller
 * rewinds it to parse it); *bytes gets its size.  path is for errors.
 * Returns 0, or -1 with hdb_error set. */
int sha256_stream(FILE *f, const char *path, char hex[65], long long *bytes);
/* The same for a file by name, opened with hdb_open_regular (regular
 * files only). */
int sha256_file(const char *path, char hex[65], long long *bytes);

#endif
