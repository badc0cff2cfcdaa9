-- 001_base.sql: the first schema of a halodb store.
--
-- Ingested facts live in tables (source, host, host_key, bench,
-- bench_sample); people query the views (throughput, throughput_sample),
-- which are a public interface documented in README.md.  Migrations are
-- applied in file-name order and PRAGMA user_version counts them.

-- One row per ingested input file.  sha256 makes re-ingesting a no-op.
CREATE TABLE source (
	id          INTEGER PRIMARY KEY,
	path        TEXT NOT NULL,            -- as given on the command line
	sha256      TEXT NOT NULL UNIQUE,     -- of the file's bytes
	bytes       INTEGER NOT NULL,
	format      TEXT NOT NULL,            -- e.g. 'llama-bench-json'
	truncated   INTEGER NOT NULL DEFAULT 0, -- 1: the run was cut off
	ingested_at TEXT NOT NULL             -- UTC, ISO 8601
);

-- A machine results come from.  name is what reports show.
CREATE TABLE host (
	id        INTEGER PRIMARY KEY,
	name      TEXT NOT NULL UNIQUE,
	named_by  TEXT NOT NULL CHECK (named_by IN ('option', 'derived')),
	cpu_info  TEXT,                       -- as first seen
	gpu_info  TEXT
);

-- How a host is recognised without --host: a key derived from cpu_info and
-- gpu_info with the parts that drift (driver names, vendor prefixes, iGPU
-- entries, list separators) normalised away.  A host may have several.
CREATE TABLE host_key (
	key       TEXT PRIMARY KEY,
	host_id   INTEGER NOT NULL REFERENCES host(id),
	cpu_info  TEXT,                       -- raw strings that gave the key
	gpu_info  TEXT
);

-- One llama-bench test result (one 'test' object, one md row).
CREATE TABLE bench (
	id             INTEGER PRIMARY KEY,
	source_id      INTEGER NOT NULL REFERENCES source(id),
	source_line    INTEGER NOT NULL,      -- where the record starts
	host_id        INTEGER NOT NULL REFERENCES host(id),
	backend        TEXT,                  -- 'CUDA', 'Vulkan', 'ROCm,RPC', ...
	build_commit   TEXT,
	build_number   INTEGER,
	model          TEXT,                  -- arch + size label: 'qwen3moe 30B.A3B'
	model_type     TEXT,                  -- as printed: 'qwen3moe 30B.A3B Q4_K - Medium'
	model_file     TEXT,                  -- file name without directories
	model_size     INTEGER,               -- bytes
	model_n_params INTEGER,
	quant          TEXT,                  -- canonical: 'Q4_K_M', 'MXFP4', ...
	type_k         TEXT,
	type_v         TEXT,
	flash_attn     INTEGER,               -- 0 off, 1 on, -1 auto
	n_gpu_layers   INTEGER,
	n_batch        INTEGER,
	n_ubatch       INTEGER,
	n_threads      INTEGER,
	test           TEXT NOT NULL,         -- 'pp512', 'tg128', 'pp4096+tg256'
	n_prompt       INTEGER NOT NULL,
	n_gen          INTEGER NOT NULL,
	n_depth        INTEGER NOT NULL,
	test_time      TEXT,
	avg_ns         INTEGER,
	stddev_ns      INTEGER,
	avg_ts         REAL,
	stddev_ts      REAL,
	n_reps         INTEGER,
	status         TEXT NOT NULL DEFAULT 'ok' CHECK (status IN
	               ('ok', 'wedged', 'crashed', 'oom', 'failed', 'not_run')),
	error          TEXT,                  -- the error line for failed runs
	raw            TEXT                   -- the whole input record (JSON)
);
CREATE INDEX bench_lookup ON bench (host_id, model, quant, test, n_depth);
CREATE INDEX bench_source ON bench (source_id);

-- Every repetition's measurement.
CREATE TABLE bench_sample (
	bench_id  INTEGER NOT NULL REFERENCES bench(id),
	rep       INTEGER NOT NULL,           -- 1-based
	ts        REAL,                       -- tokens/s of this repetition
	ns        INTEGER,                    -- its wall time
	PRIMARY KEY (bench_id, rep)
) WITHOUT ROWID;

CREATE VIEW throughput AS
SELECT b.id, h.name AS host, b.backend, b.build_commit, b.build_number,
       b.model, b.model_file, b.quant, b.type_k, b.type_v, b.flash_attn,
       b.n_gpu_layers, b.n_batch, b.n_ubatch, b.n_threads, b.test,
       b.n_prompt, b.n_gen, b.n_depth, b.avg_ts, b.stddev_ts, b.n_reps,
       b.status, s.path AS source
FROM bench b
JOIN host h ON h.id = b.host_id
JOIN source s ON s.id = b.source_id;

CREATE VIEW throughput_sample AS
SELECT bench_id AS throughput_id, rep, ts FROM bench_sample;
