/* Unit tests: ingest/sha256.c against the FIPS 180-4 examples. */
#include "harness.h"
#include "../../ingest/sha256.h"

static void hex_of(const char *msg, size_t n, char hex[65])
{
	struct sha256 c;

	sha256_init(&c);
	sha256_update(&c, msg, n);
	sha256_final_hex(&c, hex);
}

static void fips_examples(void)
{
	char hex[65];

	hex_of("", 0, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	hex_of("abc", 3, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	hex_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

/* A million 'a's, fed in uneven pieces, crosses every block boundary. */
static void million_a_in_pieces(void)
{
	static char buf[1024];
	struct sha256 c;
	char hex[65];
	size_t done = 0, step = 1;

	memset(buf, 'a', sizeof(buf));
	sha256_init(&c);
	while (done < 1000000) {
		size_t n = step < 1000000 - done ? step : 1000000 - done;

		sha256_update(&c, buf, n);
		done += n;
		step = step % 997 + 13;
	}
	sha256_final_hex(&c, hex);
	CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void file_hash_and_size(void)
{
	const char *p = t_write("abc.txt", "abc");
	char hex[65];
	long long bytes = -1;

	CHECK_INT(sha256_file(p, hex, &bytes), 0);
	CHECK_INT(bytes, 3);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	CHECK_INT(sha256_file("/nonexistent/x", hex, &bytes), -1);
}

int main(void)
{
	RUN(fips_examples);
	RUN(million_a_in_pieces);
	RUN(file_hash_and_size);
	return t_done();
}
