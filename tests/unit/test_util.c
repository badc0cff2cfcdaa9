/* Unit tests: util.c (string buffer, formatted allocation, error slot,
 * opening and reading files, UTF-8). */
#include "harness.h"
#include "../../util.h"

#include <limits.h>
#include <sys/stat.h>

static void strbuf_grows_and_stays_terminated(void)
{
	struct strbuf sb = STRBUF_INIT;
	int i;

	CHECK_STR(strbuf_str(&sb), "");
	for (i = 0; i < 1000; i++)
		strbuf_addch(&sb, 'a' + i % 26);
	CHECK_INT(sb.len, 1000);
	CHECK_INT(strlen(sb.buf), 1000);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s=%d", "x", 42);
	CHECK_STR(sb.buf, "x=42");
	strbuf_release(&sb);
	CHECK(sb.buf == NULL);
}

static void detach_hands_over_the_buffer(void)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	s = strbuf_detach(&sb);
	CHECK_STR(s, "");
	free(s);
	strbuf_addstr(&sb, "abc");
	s = strbuf_detach(&sb);
	CHECK_STR(s, "abc");
	CHECK(sb.buf == NULL && sb.len == 0);
	free(s);
}

static void error_slot_keeps_the_last_message(void)
{
	CHECK_INT(hdb_error("a %s", "b"), -1);
	CHECK_STR(hdb_errmsg(), "a b");
	hdb_error("%s:%d:%d: expected x", "f.json", 3, 4);
	CHECK_STR(hdb_errmsg(), "f.json:3:4: expected x");
}

static void xasprintf_formats(void)
{
	char *s = xasprintf("%s-%03d", "run", 7);

	CHECK_STR(s, "run-007");
	free(s);
}

static void utf8_strict(void)
{
	static const struct {
		const char *s;
		size_t len, prefix;
	} cases[] = {
		{ "", 0, 0 },
		{ "plain ascii", 11, 11 },
		{ "\xc2\xb1 t/s", 6, 6 },		/* U+00B1 */
		{ "\xe2\x82\xac", 3, 3 },		/* U+20AC */
		{ "\xf0\x9f\x98\x80", 4, 4 },	/* U+1F600 */
		{ "\xf4\x8f\xbf\xbf", 4, 4 },	/* U+10FFFF */
		{ "ab\xff", 3, 2 },			/* never in UTF-8 */
		{ "a\x80", 2, 1 },			/* a lone continuation */
		{ "\xc0\xaf", 2, 0 },		/* overlong '/' */
		{ "\xe0\x80\xaf", 3, 0 },		/* overlong */
		{ "\xed\xa0\x80", 3, 0 },		/* a surrogate */
		{ "\xf4\x90\x80\x80", 4, 0 },	/* above U+10FFFF */
		{ "ok\xe2\x82", 4, 2 },		/* cut off */
		{ "x\xc3(", 3, 1 },			/* bad continuation */
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_INT(hdb_utf8_prefix(cases[i].s, cases[i].len),
			  cases[i].prefix);
		CHECK_INT(hdb_utf8_valid(cases[i].s),
			  cases[i].prefix == cases[i].len);
	}
	CHECK(hdb_utf8_valid(NULL));
}

static void utf8_copy_makes_text(void)
{
	char buf[8];

	hdb_utf8_copy(buf, sizeof(buf), "a\xff" "b", 3);
	CHECK_STR(buf, "a?b");
	/* U+20AC does not fit whole after 5 bytes: left out, not cut */
	hdb_utf8_copy(buf, sizeof(buf), "abcde\xe2\x82\xac", 8);
	CHECK_STR(buf, "abcde");
	hdb_utf8_copy(buf, sizeof(buf), "\xed\xa0\x80", 3);
	CHECK_STR(buf, "???");
	hdb_utf8_copy(buf, 1, "abc", 3);
	CHECK_STR(buf, "");
}

static void open_regular_refuses_devices_and_fifos(void)
{
	char fifo[1024];
	FILE *f = NULL;
	long long size = -1;

	CHECK_INT(hdb_open_regular(t_write("r.txt", "abc"), &f, &size), 0);
	CHECK_INT(size, 3);
	if (f)
		fclose(f);
	CHECK_INT(hdb_open_regular("/dev/zero", &f, NULL), -1);
	CHECK_STR(hdb_errmsg(), "cannot read '/dev/zero': not a regular file");
	CHECK(f == NULL);
	/* a FIFO with no writer: refused at once, not waited on */
	snprintf(fifo, sizeof(fifo), "%s/fifo", t_tmpdir());
	CHECK_INT(mkfifo(fifo, 0600), 0);
	CHECK_INT(hdb_open_regular(fifo, &f, NULL), -1);
	CHECK_HAS(hdb_errmsg(), "not a regular file");
	unlink(fifo);
	CHECK_INT(hdb_open_regular(t_tmpdir(), &f, NULL), -1);
	CHECK_HAS(hdb_errmsg(), "not a regular file");
	CHECK_INT(hdb_open_regular("/no/such/file", &f, NULL), -1);
	CHECK_STR(hdb_errmsg(), "cannot open '/no/such/file': No such file "
		  "or directory");
}

static void read_file_is_bounded(void)
{
	char big[4096], *text = NULL;
	const char *path;
	size_t len = 0;

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	path = t_write("big.txt", big);
	CHECK_INT(read_file_max(path, 1 << 20, &text, &len), 0);
	CHECK_INT(len, sizeof(big) - 1);
	free(text);
	CHECK_INT(read_file_max(path, 100, &text, &len), -1);
	CHECK_STR(hdb_errmsg() + strlen(hdb_errmsg()) - 21, "larger than 100 bytes");
	CHECK_INT(read_file("/dev/zero", &text, &len), -1);
	CHECK_STR(hdb_errmsg(), "cannot read '/dev/zero': not a regular file");
}

/* What printf writes, for the number formatters to match. */
static int same_as_printf(const char *fmt, int arg, double v, int fixed)
{
	struct strbuf sb = STRBUF_INIT;
	char want[512];
	int ok;

	if (fixed)
		snprintf(want, sizeof(want), "%.*f", arg, v);
	else
		snprintf(want, sizeof(want), "%.*g", arg, v);
	if (fixed)
		strbuf_add_fixed(&sb, v, arg);
	else
		strbuf_add_general(&sb, v, arg);
	ok = !strcmp(strbuf_str(&sb), want);
	if (!ok)
		fprintf(stderr, "  %s of %.17g: got '%s', printf '%s'\n", fmt, v,
			strbuf_str(&sb), want);
	strbuf_release(&sb);
	return ok;
}

/*
 * The formatters write printf's bytes: a million doubles of every
 * magnitude from 1e-6 to 1e16 (a fixed xorshift sequence: random
 * mantissas, both signs), values of a few decimals as files print them
 * (tokens/s like 123.45, near halves like 0.125 and 2.5), and the edges
 * (0, -0, powers of ten, values that round up to the next one).
 */
static void numbers_are_printf_numbers(void)
{
	static const double edges[] = { 0, -0.0, 1, 10, 1e14, 1e15, 0.0001,
		0.00009999999999999999, 9.9999999999999995, 999999999999999.4,
		999999999999999.6, 0.125, 2.5, -2.5, 0.5, 1.005, 2.675, 0.045,
		123.445, -0.001, -0.004, 1e-5, 5e-5, 65536, 1e300, NAN,
		INFINITY, -INFINITY };
	unsigned long long x = 88172645463325252ull;
	size_t i, bad = 0;
	int p;

	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		for (p = 0; p <= 15; p++)
			bad += !same_as_printf("%.*g", p ? p : 1, edges[i], 0) +
			       !same_as_printf("%.*f", p % 10, edges[i], 1);
	for (i = 0; i < 1000000; i++) {
		double m, v;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		m = (double)(x >> 11) / 9007199254740992.0;	/* [0, 1) */
		if (i % 2)
			v = m * pow(10, (int)(x % 23) - 6);
		else	/* a few decimals, as a file prints them */
			v = (double)(long long)(m * 1e7) / pow(10, (int)(x % 6));
		if (x & 1024)
			v = -v;
		bad += !same_as_printf("%.*g", 15, v, 0) +
		       !same_as_printf("%.*g", 2, v, 0) +
		       !same_as_printf("%.*f", (int)(x % 4), v, 1);
		if (bad > 20)
			break;
	}
	CHECK_INT(bad, 0);
}

static void ll_is_printf_ll(void)
{
	static const long long v[] = { 0, 1, -1, 9, 10, -10, 123456789,
		LLONG_MAX, LLONG_MIN, LLONG_MIN + 1 };
	struct strbuf sb = STRBUF_INIT;
	char want[32];
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		strbuf_reset(&sb);
		strbuf_add_ll(&sb, v[i]);
		snprintf(want, sizeof(want), "%lld", v[i]);
		CHECK_STR(strbuf_str(&sb), want);
	}
	strbuf_release(&sb);
}

int main(void)
{
	RUN(numbers_are_printf_numbers);
	RUN(ll_is_printf_ll);
	RUN(strbuf_grows_and_stays_terminated);
	RUN(detach_hands_over_the_buffer);
	RUN(error_slot_keeps_the_last_message);
	RUN(xasprintf_formats);
	RUN(utf8_strict);
	RUN(utf8_copy_makes_text);
	RUN(open_regular_refuses_devices_and_fifos);
	RUN(read_file_is_bounded);
	return t_done();
}
