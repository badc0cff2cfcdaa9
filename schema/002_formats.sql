-- 002_formats.sql: every llama.cpp output format.
--
-- bench: a run that died has no test to speak of, so the test columns may
-- be NULL; precision records how many decimals the input printed, so one
-- measurement printed twice (JSON and markdown) is recognised as one.
-- host: 'unknown' is where results go whose file does not say its machine.
-- server_request: one row per request timed by llama-server or llama-cli.
-- Runs with foreign keys off (store.c), checked before commit.

DROP VIEW throughput;
DROP VIEW throughput_sample;

CREATE TABLE host_new (
	id        INTEGER PRIMARY KEY,
	name      TEXT NOT NULL UNIQUE,
	named_by  TEXT NOT NULL CHECK (named_by IN ('option', 'derived', 'unknown')),
	cpu_info  TEXT,
	gpu_info  TEXT
);
INSERT INTO host_new SELECT id, name, named_by, cpu_info, gpu_info FROM host;
DROP TABLE host;
ALTER TABLE host_new RENAME TO host;

CREATE TABLE bench_new (
	id             INTEGER PRIMARY KEY,
	source_id      INTEGER NOT NULL REFERENCES source(id),
	source_line    INTEGER NOT NULL,
	host_id        INTEGER NOT NULL REFERENCES host(id),
	backend        TEXT,
	build_commit   TEXT,
	build_number   INTEGER,
	model          TEXT,
	model_type     TEXT,
	model_file     TEXT,
	model_size     INTEGER,
	model_n_params INTEGER,
	quant          TEXT,
	type_k         TEXT,
	type_v         TEXT,
	flash_attn     INTEGER,
	n_gpu_layers   INTEGER,
	n_batch        INTEGER,
	n_ubatch       INTEGER,
	n_threads      INTEGER,
	test           TEXT,                  -- NULL: the run died before a test
	n_prompt       INTEGER,
	n_gen          INTEGER,
	n_depth        INTEGER,
	test_time      TEXT,
	avg_ns         INTEGER,
	stddev_ns      INTEGER,
	avg_ts         REAL,
	stddev_ts      REAL,
	precision      INTEGER NOT NULL DEFAULT 6, -- decimals of avg_ts as printed
	ts_bucket      INTEGER NOT NULL DEFAULT -1, -- avg_ts in tenths, rounded
	                                       -- down, or -1: finds a
	                                       -- measurement printed twice
	n_reps         INTEGER,
	status         TEXT NOT NULL DEFAULT 'ok' CHECK (status IN
	               ('ok', 'wedged', 'crashed', 'oom', 'failed', 'not_run')),
	error          TEXT,
	raw            TEXT
);
INSERT INTO bench_new (id, source_id, source_line, host_id, backend,
	build_commit, build_number, model, model_type, model_file, model_size,
	model_n_params, quant, type_k, type_v, flash_attn, n_gpu_layers,
	n_batch, n_ubatch, n_threads, test, n_prompt, n_gen, n_depth,
	test_time, avg_ns, stddev_ns, avg_ts, stddev_ts, precision, ts_bucket,
	n_reps, status, error, raw)
SELECT id, source_id, source_line, host_id, backend, build_commit,
	build_number, model, model_type, model_file, model_size,
	model_n_params, quant, type_k, type_v, flash_attn, n_gpu_layers,
	n_batch, n_ubatch, n_threads, test, n_prompt, n_gen, n_depth,
	test_time, avg_ns, stddev_ns, avg_ts, stddev_ts, 6,
	coalesce(CAST(avg_ts * 10 AS INTEGER), -1), n_reps, status, error, raw
FROM bench;
DROP TABLE bench;
ALTER TABLE bench_new RENAME TO bench;
CREATE INDEX bench_lookup ON bench (host_id, model, quant, test, n_depth);
CREATE INDEX bench_source ON bench (source_id);
-- finding the same measurement printed in another format
CREATE INDEX bench_identity ON bench (model_type, test, n_depth, ts_bucket);

-- What the file was, beyond its format: the llama.cpp era it comes from.
ALTER TABLE source ADD COLUMN era TEXT;

-- One request timed by llama-server (log lines or a saved JSON response
-- with 'timings') or one llama-cli / main run (its perf block).
CREATE TABLE server_request (
	id            INTEGER PRIMARY KEY,
	source_id     INTEGER NOT NULL REFERENCES source(id),
	source_line   INTEGER NOT NULL,
	host_id       INTEGER NOT NULL REFERENCES host(id),
	tool          TEXT NOT NULL,          -- 'llama-server', 'llama-cli', ...
	build_commit  TEXT,
	build_number  INTEGER,
	model         TEXT,                   -- arch + size label, when logged
	model_file    TEXT,
	quant         TEXT,
	type_k        TEXT,
	type_v        TEXT,
	n_ctx         INTEGER,
	n_slots       INTEGER,
	slot_id       INTEGER,
	task_id       INTEGER,
	cache_n       INTEGER,                -- prompt tokens reused from cache
	prompt_n      INTEGER,
	prompt_ms     REAL,
	prompt_tps    REAL,
	gen_n         INTEGER,
	gen_ms        REAL,
	gen_tps       REAL,
	precision     INTEGER NOT NULL DEFAULT 2, -- decimals of the ms values
	ms_bucket     INTEGER NOT NULL DEFAULT -1, -- prompt_ms (else gen_ms)
	                                      -- in tenths, rounded down: finds
	                                      -- a request printed twice
	raw           TEXT
);
CREATE INDEX server_request_identity ON server_request (prompt_n, gen_n,
	ms_bucket);
CREATE INDEX server_request_source ON server_request (source_id);

CREATE VIEW throughput AS
SELECT b.id, h.name AS host, b.backend, b.build_commit, b.build_number,
       b.model, b.model_file, b.quant, b.type_k, b.type_v, b.flash_attn,
       b.n_gpu_layers, b.n_batch, b.n_ubatch, b.n_threads, b.test,
       b.n_prompt, b.n_gen, b.n_depth, b.avg_ts, b.stddev_ts, b.n_reps,
       b.status, s.path AS source, b.error
FROM bench b
JOIN host h ON h.id = b.host_id
JOIN source s ON s.id = b.source_id;

CREATE VIEW throughput_sample AS
SELECT bench_id AS throughput_id, rep, ts FROM bench_sample;

CREATE VIEW server_timing AS
SELECT r.id, h.name AS host, r.build_commit, r.build_number, r.model,
       r.model_file, r.quant, r.type_k, r.type_v, r.n_ctx, r.prompt_n,
       r.prompt_ms, r.prompt_tps, r.gen_n, r.gen_ms, r.gen_tps,
       s.path AS source, r.tool, r.cache_n, r.n_slots, r.slot_id, r.task_id
FROM server_request r
JOIN host h ON h.id = r.host_id
JOIN source s ON s.id = r.source_id;
