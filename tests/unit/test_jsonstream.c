/* Unit tests: ingest/jsonstream.c, framing records in arrays and lines. */
#include "harness.h"
#include "../../ingest/jsonstream.h"
#include "../../util.h"

struct got {
	int n;
	char text[8][256];
	long line[8], col[8];
	int fail_at;		/* fail on this record (1-based), 0: never */
};

static int collect(void *ctx, const char *text, size_t len, long line, long col)
{
	struct got *g = ctx;

	if (g->n < 8) {
		snprintf(g->text[g->n], sizeof(g->text[0]), "%.*s", (int)len, text);
		g->line[g->n] = line;
		g->col[g->n] = col;
	}
	g->n++;
	if (g->fail_at == g->n)
		return hdb_error("stop at %d", g->n);
	return 0;
}

static int run(const char *input, struct got *g, struct json_stream_info *in)
{
	FILE *f = fmemopen((void *)input, strlen(input), "r");
	int rc;

	memset(g, 0, sizeof(*g));
	rc = json_stream(f, "t.json", collect, g, in);
	fclose(f);
	return rc;
}

static void array_of_records_across_lines(void)
{
	struct got g;
	struct json_stream_info in;

	CHECK_INT(run("[\n  {\n    \"a\": 1\n  },\n  {\n    \"b\": \"}\"\n  }\n]\n",
		      &g, &in), 0);
	CHECK_INT(g.n, 2);
	CHECK_STR(g.text[0], "{\n    \"a\": 1\n  }");
	CHECK_INT(g.line[0], 2);
	CHECK_INT(g.col[0], 3);
	CHECK_STR(g.text[1], "{\n    \"b\": \"}\"\n  }");
	CHECK_INT(g.line[1], 5);
	CHECK(!in.truncated);
	CHECK_INT(in.first_kind, '[');
}

static void json_lines_with_stderr_noise(void)
{
	struct got g;
	struct json_stream_info in;

	CHECK_INT(run("ggml_cuda_init: found 1 ROCm devices:\n"
		      "  Device 0: Radeon 8060S Graphics\n"
		      "{\"x\": [1, 2], \"s\": \"a\\\"{\"}\n"
		      "\n"
		      "{\"y\": {\"z\": 1}}\r\n", &g, &in), 0);
	CHECK_INT(g.n, 2);
	CHECK_STR(g.text[0], "{\"x\": [1, 2], \"s\": \"a\\\"{\"}");
	CHECK_STR(g.text[1], "{\"y\": {\"z\": 1}}");
	CHECK_INT(g.line[1], 5);
	CHECK_INT(in.noise_lines, 2);
	CHECK_INT(in.first_noise_line, 1);
	CHECK_STR(in.first_noise, "ggml_cuda_init: found 1 ROCm devices:");
	CHECK_INT(in.first_kind, '{');
}

static void log_lines_in_brackets_are_noise(void)
{
	struct got g;
	struct json_stream_info in;

	CHECK_INT(run("[pid 12] starting\n[\n{\"a\":1}\n]\n", &g, &in), 0);
	CHECK_INT(g.n, 1);
	CHECK_INT(in.noise_lines, 1);
}

static void ansi_escapes_are_dropped_from_the_noise_quote(void)
{
	struct got g;
	struct json_stream_info in;

	CHECK_INT(run("\x1b[1;32mtoolbox\x1b[0m ready\n{\"a\":1}\n", &g, &in), 0);
	CHECK_STR(in.first_noise, "toolbox ready");
}

static void array_without_closing_bracket_is_truncated(void)
{
	struct got g;
	struct json_stream_info in;

	CHECK_INT(run("[\n  {\"a\": 1},\n  {\"a\": 2}", &g, &in), 0);
	CHECK_INT(g.n, 2);
	CHECK(in.truncated);
	CHECK_INT(in.trunc_line, 3);
	CHECK_INT(in.trunc_col, 11);
	CHECK_HAS(in.trunc_what, "']'");
}

static void record_cut_mid_object_is_truncated(void)
{
	struct got g;
	struct json_stream_info in;

	CHECK_INT(run("[\n  {\"a\": 1},\n  {\"a\": \n", &g, &in), 0);
	CHECK_INT(g.n, 1);
	CHECK(in.truncated);
	CHECK_INT(in.trunc_line, 3);
	CHECK_INT(in.trunc_col, 3);
}

static void last_json_line_cut_is_truncated(void)
{
	struct got g;
	struct json_stream_info in;

	CHECK_INT(run("{\"a\": 1}\n{\"a\": 2, \"b\n", &g, &in), 0);
	CHECK_INT(g.n, 1);
	CHECK(in.truncated);
}

static void json_line_cut_in_the_middle_is_an_error(void)
{
	struct got g;
	struct json_stream_info in;

	CHECK_INT(run("{\"a\": 1}\n{\"a\": 2,\n{\"a\": 3}\n", &g, &in), -1);
	CHECK_HAS(hdb_errmsg(), "t.json:2:9: expected '}' before the end of the line");
}

static void bracket_alone_is_an_error(void)
{
	struct got g;
	struct json_stream_info in;

	CHECK_INT(run("[\n", &g, &in), -1);
	CHECK_HAS(hdb_errmsg(), "t.json:1:1: expected test records in the array");
	CHECK_INT(run("[]\n", &g, &in), -1);
	CHECK_INT(run("just text\n", &g, &in), -1);
	CHECK_HAS(hdb_errmsg(), "expected llama-bench JSON records");
}

static void garbage_between_records_is_an_error(void)
{
	struct got g;
	struct json_stream_info in;

	CHECK_INT(run("[\n  {\"a\": 1} x\n]\n", &g, &in), -1);
	CHECK_STR(hdb_errmsg(), "t.json:2:12: expected ',' or ']' after a test record");
	CHECK_INT(run("[\n  {\"a\": 1},\n]\n", &g, &in), -1);
	CHECK_STR(hdb_errmsg(), "t.json:3:1: expected '{' after ','");
}

static void nan_and_inf_become_null(void)
{
	struct got g;
	struct json_stream_info in;

	CHECK_INT(run("{\"a\": nan, \"b\": -inf, \"c\": \"nan\", \"d\": true}\n",
		      &g, &in), 0);
	CHECK_STR(g.text[0], "{\"a\": null, \"b\": null, \"c\": \"nan\", \"d\": true}");
}

static void callback_error_stops_the_stream(void)
{
	struct got g;
	struct json_stream_info in;
	const char *input = "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n";
	FILE *f = fmemopen((void *)input, strlen(input), "r");

	memset(&g, 0, sizeof(g));
	g.fail_at = 2;
	CHECK_INT(json_stream(f, "t.json", collect, &g, &in), -1);
	CHECK_INT(g.n, 2);
	CHECK_STR(hdb_errmsg(), "stop at 2");
	fclose(f);
}

static void several_arrays_follow_each_other(void)
{
	struct got g;
	struct json_stream_info in;

	CHECK_INT(run("[\n{\"a\":1}\n]\n[\n{\"a\":2}\n]\n", &g, &in), 0);
	CHECK_INT(g.n, 2);
	CHECK(!in.truncated);
}

/* Record i, j of stops_at_every_place_of_a_word, its bare word and end
 * as given. */
static void word_record(char *out, size_t size, int i, int j,
			const char *word, const char *end)
{
	char a[20], digits[20];

	memset(a, 'a', (size_t)i);
	a[i] = '\0';
	memset(digits, '7', (size_t)j + 1);
	digits[j + 1] = '\0';
	snprintf(out, size, "{\"s%s\": \"%s\\\"}{%s\", \"n\": [%s], "
		 "\"x\":%.*s%s, \"u\": \"\xc3\xa9%s\", \"m\": %s, "
		 "\"q\": [%s, \"%s}\", %s]}%s",
		 a, a, a + (i > 3 ? 3 : 0), digits, j % 5, "     ", word, a,
		 digits, digits + j / 2, digits, digits + i / 2, end);
}

/*
 * The scanner looks at eight bytes at a time: a quote, a backslash, a
 * brace, a bracket or a word at every place of a word of eight, after
 * text of every length, and bytes past 0x7f between them.
 */
static void stops_at_every_place_of_a_word(void)
{
	struct got g;
	struct json_stream_info in;
	char input[256], want[256];
	int i, j;

	for (i = 0; i < 18; i++) {
		for (j = 0; j < 18; j++) {
			word_record(input, sizeof(input), i, j, "nan", "\n");
			word_record(want, sizeof(want), i, j, "null", "");
			CHECK_INT(run(input, &g, &in), 0);
			CHECK_INT(g.n, 1);
			CHECK_STR(g.text[0], want);
		}
	}
}

int main(void)
{
	RUN(array_of_records_across_lines);
	RUN(json_lines_with_stderr_noise);
	RUN(log_lines_in_brackets_are_noise);
	RUN(ansi_escapes_are_dropped_from_the_noise_quote);
	RUN(array_without_closing_bracket_is_truncated);
	RUN(record_cut_mid_object_is_truncated);
	RUN(last_json_line_cut_is_truncated);
	RUN(json_line_cut_in_the_middle_is_an_error);
	RUN(bracket_alone_is_an_error);
	RUN(garbage_between_records_is_an_error);
	RUN(nan_and_inf_become_null);
	RUN(callback_error_stops_the_stream);
	RUN(several_arrays_follow_each_other);
	RUN(stops_at_every_place_of_a_word);
	return t_done();
}
