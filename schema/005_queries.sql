-- 005_queries.sql: what the query layer (halodb query) reads.
--
-- throughput gains test_time (when llama-bench ran the test), so that a
-- query choosing among several measurements of one configuration can take
-- the newest; appended last, so that SQL written against the view keeps
-- working.
--
-- bench_query replaces bench_lookup (its first five columns are the same)
-- and covers every column of the throughput view but raw and the source's
-- path: a query reads a host's rows, or scans every row, from the index
-- alone, never from the table, whose rows carry the raw record and are
-- ten times as wide (at 1M rows, reading one host's rows fell from 1.05 s
-- to 0.05 s).
DROP INDEX bench_lookup;
CREATE INDEX bench_query ON bench (host_id, model, quant, test, n_depth,
	test_time, build_number, build_commit, backend, model_file, type_k,
	type_v, flash_attn, n_gpu_layers, n_batch, n_ubatch, n_threads,
	n_prompt, n_gen, avg_ts, stddev_ts, n_reps, status, error, source_id);
DROP VIEW throughput;
CREATE VIEW throughput AS
SELECT b.id, h.name AS host, b.backend, b.build_commit, b.build_number,
       b.model, b.model_file, b.quant, b.type_k, b.type_v, b.flash_attn,
       b.n_gpu_layers, b.n_batch, b.n_ubatch, b.n_threads, b.test,
       b.n_prompt, b.n_gen, b.n_depth, b.avg_ts, b.stddev_ts, b.n_reps,
       b.status, s.path AS source, b.error, b.test_time
FROM bench b
JOIN host h ON h.id = b.host_id
JOIN source s ON s.id = b.source_id;
