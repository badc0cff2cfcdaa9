-- 005_queries.sql: what the query layer (halodb query) reads.
--
-- throughput gains test_time (when llama-bench ran the test), so that a
-- query choosing among several measurements of one configuration can take
-- the newest; appended last, so that SQL written against the view keeps
-- working.
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
