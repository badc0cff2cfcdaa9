-- 007_gate.sql: the bench gate's verdict on every row `halodb run` made
-- (issue 12).
--
-- gate: 'clean' when every check of the gate passed before the test ran,
-- 'dirty: <reason>; <reason>' when it ran anyway (--force) with those
-- checks failed; NULL for rows that did not come from `halodb run` (no
-- gate watched over them, which says nothing either way).
ALTER TABLE bench ADD COLUMN gate TEXT;

-- The public view gains gate, appended last so that SQL written against
-- it keeps working.
DROP VIEW throughput;
CREATE VIEW throughput AS
SELECT b.id, h.name AS host, b.backend, b.build_commit, b.build_number,
       b.model, b.model_file, b.quant, b.type_k, b.type_v, b.flash_attn,
       b.n_gpu_layers, b.n_batch, b.n_ubatch, b.n_threads, b.test,
       b.n_prompt, b.n_gen, b.n_depth, b.avg_ts, b.stddev_ts, b.n_reps,
       b.status, s.path AS source, b.error, b.test_time, b.variant, b.name,
       b.gate
FROM bench b
JOIN host h ON h.id = b.host_id
JOIN source s ON s.id = b.source_id;
