/*
 * fuzz_parsers.c: a libFuzzer target that feeds one input to every parser
 * of ingest/ (and to the sniffer), with a sink that takes every record.
 * Parsers must never crash, leak or read out of bounds on any bytes; the
 * records themselves are not checked here (the unit tests do that).
 *
 *   make fuzz FUZZ_SECONDS=600
 */
#include "../../ingest/parsers.h"

#include <stdint.h>
#include <stdio.h>

static int take_bench(void *ctx, const struct hdb_bench_record *r)
{
	(void)ctx;
	return r->test && !*r->test ? hdb_error("empty test name") : 0;
}

static int take_server(void *ctx, const struct hdb_server_record *r)
{
	(void)ctx;
	(void)r;
	return 0;
}

static void take_warning(void *ctx, const char *msg)
{
	(void)ctx;
	(void)msg;
}

static int take_quality(void *ctx, const struct hdb_quality_record *r)
{
	(void)ctx;
	return r->benchmark ? 0 : hdb_error("a quality record without benchmark");
}

static int take_item(void *ctx, const struct hdb_quality_item *it,
		     const char *task, const char *metric)
{
	(void)ctx;
	(void)task;
	(void)metric;
	return it->item ? 0 : hdb_error("an item without a name");
}

static int take_reference(void *ctx, const struct hdb_reference_record *r)
{
	(void)ctx;
	return r->model ? 0 : hdb_error("a reference without a model");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hdb_sink sink = {
		.bench = take_bench, .server = take_server,
		.warning = take_warning, .quality = take_quality,
		.quality_item = take_item, .reference = take_reference,
	};
	struct hdb_parse_info info;
	FILE *f;

	if (!size)
		return 0;
	f = fmemopen((void *)data, size, "r");
	if (!f)
		return 0;
	hdb_sniff(f);
	hdb_parse_bench_json(f, "f", &sink, &info);
	rewind(f);
	hdb_parse_bench_md(f, "f", &sink, &info);
	rewind(f);
	hdb_parse_bench_csv(f, "f", &sink, &info);
	rewind(f);
	hdb_parse_bench_sql(f, "f", &sink, &info);
	rewind(f);
	hdb_parse_llama_log(f, "f", &sink, &info);
	rewind(f);
	hdb_parse_server_json(f, "f", &sink, &info);
	rewind(f);
	hdb_parse_lm_eval(f, "f", &sink, &info);
	rewind(f);
	hdb_parse_lm_eval_samples(f, "f", "gsm8k", &sink, &info);
	rewind(f);
	hdb_parse_evalplus(f, "f", &sink, &info);
	rewind(f);
	hdb_parse_evalplus_board(f, "f", &sink, &info);
	rewind(f);
	hdb_parse_niah(f, "f", 10, &sink, &info);
	rewind(f);
	hdb_parse_aider_board(f, "f", &sink, &info);
	rewind(f);
	hdb_parse_published(f, "f", &sink, &info);
	fclose(f);
	return 0;
}
