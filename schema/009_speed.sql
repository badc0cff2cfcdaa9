-- 009_speed.sql: ingest near SQLite's own bulk path (issue 13).
--
-- ident: what a measurement is recognised by exactly (model_type, test,
-- n_depth, n_prompt, n_gen, status, error, variant), hashed into one
-- integer by halodb (hdb_ident(), a function of its own connection), so
-- that finding a measurement printed again is one probe of a narrow index
-- whatever the data: the rows of one identity and time, or one identity
-- and window of values.  The lookup still compares every field (a hash
-- may collide); the parameters a format may leave out stay NULL-tolerant.
-- The indexes keep their names, on the hash now.
ALTER TABLE bench ADD COLUMN ident INTEGER NOT NULL DEFAULT 0;
UPDATE bench SET ident = hdb_ident(model_type, test, n_depth, n_prompt,
	n_gen, status, error, variant);
DROP INDEX bench_time;
DROP INDEX bench_value;
DROP INDEX bench_precision;
CREATE INDEX bench_time ON bench (ident, test_time, avg_ts);
CREATE INDEX bench_value ON bench (ident, avg_ts);
CREATE INDEX bench_precision ON bench (ident, precision, avg_ts);

-- The raw input record of a result moves out of the hot table, which it
-- made several times wider than the rest of the row: queries that read
-- bench rows read a third of the pages, and its index no longer has to
-- cover every column.  A result without a record has no row here.
CREATE TABLE bench_raw (
	bench_id  INTEGER PRIMARY KEY REFERENCES bench(id) ON DELETE CASCADE,
	raw       TEXT NOT NULL
);
INSERT INTO bench_raw (bench_id, raw)
SELECT id, raw FROM bench WHERE raw IS NOT NULL;
ALTER TABLE bench DROP COLUMN raw;

-- The query layer's index no longer covers every column: it did so
-- because the row carried the raw record and was ten times as wide as
-- the index (schema 5); now that the row is narrow, reading a host's rows
-- through a narrow index and the table is as fast (1M rows: query ratio
-- 0.74 s -> 0.40, speed over every host 1.38 -> 0.92), and ingest no
-- longer writes every column twice (a fifth of its time).  Host and
-- model only: the queries read a host's rows, or a host's rows of a
-- model, and an ingest adds to a few thousand places of this index
-- rather than to one per host, model, quant, test and depth, which a
-- store of 1M rows no longer holds in the cache (1M rows in one file:
-- 60 s -> 53).
DROP INDEX bench_query;
CREATE INDEX bench_lookup ON bench (host_id, name);

