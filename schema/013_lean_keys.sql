-- 013_lean_keys.sql: two indexes that every batch of small files wrote
-- all over, made small or local (issue 13).
--
-- 1M rows in 100,000 small files journaled 118,000 pages of the store:
-- 63,000 of bench_time and 44,000 of source's UNIQUE sha256 index, whose
-- keys are random (a hash) or, in a batch of one host's files named in
-- another order than they ran, spread over the whole index.  Each batch
-- of 1024 files rewrote most of their pages.
--
-- source: sha256 keeps its text and its meaning (halodb takes a file's
-- bytes once: it looks inside the write transaction before it adds a
-- source), but the index is on its first 8 hex digits, a quarter of the
-- bytes of a 64-digit key, so a batch touches a quarter of the pages.  A
-- lookup compares the whole hash in the row.  Dropping the UNIQUE
-- constraint rebuilds the table (the same columns, in the same order).
CREATE TABLE source_new (
	id          INTEGER PRIMARY KEY,
	path        TEXT NOT NULL,            -- as given on the command line
	sha256      TEXT NOT NULL,            -- of the file's bytes
	bytes       INTEGER NOT NULL,
	format      TEXT NOT NULL,            -- e.g. 'llama-bench-json'
	truncated   INTEGER NOT NULL DEFAULT 0, -- 1: the run was cut off
	ingested_at TEXT NOT NULL,            -- UTC, ISO 8601
	era         TEXT,
	options     TEXT
);
INSERT INTO source_new SELECT id, path, sha256, bytes, format, truncated,
	ingested_at, era, options FROM source;
DROP TABLE source;
-- the tables and views that refer to source keep their text: the name
-- they read is back before they are used
PRAGMA legacy_alter_table = ON;
ALTER TABLE source_new RENAME TO source;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX source_sha256 ON source (substr(sha256, 1, 8));

-- bench_time is led by the host: a batch of one host's files stays in
-- that host's part of the index, in whatever order their times come.  A
-- record probes its own host and the unknown host (whose rows match any
-- host); a record of the unknown host probes every host.
DROP INDEX bench_time;
CREATE INDEX bench_time ON bench (host_id, test_time, ident, avg_ts);

-- bench_lookup is made again, after bench_time: of two indexes that lead
-- with host_id SQLite's planner takes the one made last for the rows of a
-- host alone (the throughput view by host), and bench_lookup gives them
-- in the order they were written, bench_time in the order of their times,
-- a page read for nearly every row (degradation over every host at 1M
-- rows: 4.95 s through bench_time, 4.72 s through bench_lookup).
DROP INDEX bench_lookup;
CREATE INDEX bench_lookup ON bench (host_id, name);
