-- 011_lookup.sql: what every bench row costs to write, less (issue 13).
--
-- The table is rebuilt (the same columns, in the same order) for one
-- change: status's CHECK names its values one by one instead of as an IN
-- list, which SQLite evaluated by building a temporary b-tree of the six
-- values (a pager opened and closed) for every row written, a tenth of
-- an ingest's time.  The rule is the same.
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
	                                       -- down, or -1
	n_reps         INTEGER,
	status         TEXT NOT NULL DEFAULT 'ok' CHECK (status = 'ok' OR
	               status = 'wedged' OR status = 'crashed' OR
	               status = 'oom' OR status = 'failed' OR
	               status = 'not_run'),
	error          TEXT,
	variant        TEXT,
	name           TEXT,
	gate           TEXT,
	ident          INTEGER NOT NULL DEFAULT 0
);
INSERT INTO bench_new SELECT id, source_id, source_line, host_id, backend,
	build_commit, build_number, model, model_type, model_file, model_size,
	model_n_params, quant, type_k, type_v, flash_attn, n_gpu_layers,
	n_batch, n_ubatch, n_threads, test, n_prompt, n_gen, n_depth,
	test_time, avg_ns, stddev_ns, avg_ts, stddev_ts, precision, ts_bucket,
	n_reps, status, error, variant, name, gate, ident FROM bench;
DROP TABLE bench;
-- the views that read bench keep their text (throughput,
-- throughput_sample): the name they read is back before they are used
PRAGMA legacy_alter_table = ON;
ALTER TABLE bench_new RENAME TO bench;
PRAGMA legacy_alter_table = OFF;

CREATE INDEX bench_source ON bench (source_id);
CREATE INDEX bench_lookup ON bench (host_id, name);

-- Two lookup indexes where there were three (schema 9), and the one that
-- every record with a test_time probes in the order rows arrive.
--
-- bench_time leads with test_time: a llama-bench call prints its tests
-- one after another, and a lab ingests its runs in about the order they
-- ran, so a file's rows (and the next file's) land on the same few pages
-- of the index instead of a page each all over it (ident is a hash); a
-- record with a test_time is still one probe (its time, then its
-- identity and value), and so is the search among the rows of no time
-- (markdown: test_time IS NULL comes first).  Runs of one identity
-- differ in their times: still one probe each.
CREATE INDEX bench_time ON bench (test_time, ident, avg_ts);
-- bench_value (ident, avg_ts) served only records without a test_time
-- (markdown); bench_precision serves them as well, one probe a
-- precision, so a row writes four index entries instead of five.
CREATE INDEX bench_precision ON bench (ident, precision, avg_ts);
