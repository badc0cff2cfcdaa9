/* Unit tests: util.c (string buffer, formatted allocation, error slot). */
#include "harness.h"
#include "../../util.h"

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

int main(void)
{
	RUN(strbuf_grows_and_stays_terminated);
	RUN(detach_hands_over_the_buffer);
	RUN(error_slot_keeps_the_last_message);
	RUN(xasprintf_formats);
	return t_done();
}
