-- 004_hardening.sql: what a hostile test of the store found (issue 7).
--
-- host: 'unknown' is where results go whose file does not say its machine.
-- An older halodb let --host take that name, and the store could then no
-- longer make its unknown host; such a host becomes the unknown host.
UPDATE host SET named_by = 'unknown'
WHERE name = 'unknown' AND named_by = 'option'
  AND NOT EXISTS (SELECT 1 FROM host WHERE named_by = 'unknown');

-- Finding a measurement again (a JSON run also printed as markdown) was a
-- scan of every row of one model, test, depth and tenth of a tok/s, which
-- made ingest quadratic when thousands of runs share them.  It is an index
-- probe now: by test_time (which pins a run) where the record has one,
-- else by a window of the value as narrow as the precisions allow.
DROP INDEX bench_identity;
CREATE INDEX bench_time ON bench (model_type, test, n_depth, test_time,
	avg_ts);
CREATE INDEX bench_value ON bench (model_type, test, n_depth, avg_ts);
CREATE INDEX bench_precision ON bench (model_type, test, n_depth, precision,
	avg_ts);
DROP INDEX server_request_identity;
CREATE INDEX server_value ON server_request (prompt_n, gen_n,
	coalesce(prompt_ms, gen_ms));
CREATE INDEX server_precision ON server_request (prompt_n, gen_n, precision,
	coalesce(prompt_ms, gen_ms));
