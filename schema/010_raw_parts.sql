-- 010_raw_parts.sql: the raw record of a result, kept as what it does
-- not share with a record before it in the same file (issue 13).
--
-- A llama-bench call prints its tests one after another, each record
-- repeating the build, the machine, the model and the parameters and
-- differing from about n_prompt on: written whole, the raw records were
-- 60% of the bytes an ingest wrote and of the store (1.1 KB a result).
-- Now some records of each file are kept whole, as bases (raw_base),
-- and every result keeps its record as the bytes it starts with from
-- one base (head), the bytes it ends with from that base (tail), and
-- the bytes between (middle).  A record that shares less than half of
-- itself with the file's current base becomes the next base.  A record
-- with no base (base NULL: every record from before this schema, and a
-- row rebuilt from what bench_report kept) is its middle alone.  The
-- view bench_raw gives every record back, byte for byte.
CREATE TABLE raw_base (
	id        INTEGER PRIMARY KEY,
	source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
	raw       TEXT NOT NULL
);
CREATE INDEX raw_base_source ON raw_base (source_id);

CREATE TABLE bench_raw_part (
	bench_id  INTEGER PRIMARY KEY REFERENCES bench(id) ON DELETE CASCADE,
	base      INTEGER REFERENCES raw_base(id),
	head      INTEGER NOT NULL DEFAULT 0,  -- bytes, from the base's start
	tail      INTEGER NOT NULL DEFAULT 0,  -- bytes, from the base's end
	middle    TEXT NOT NULL
);
INSERT INTO bench_raw_part (bench_id, middle)
SELECT bench_id, raw FROM bench_raw;
DROP TABLE bench_raw;

-- Bytes, not characters: head and tail fall between characters, and the
-- parts are put together as they were cut.
CREATE VIEW bench_raw AS
SELECT p.bench_id,
       CASE WHEN p.base IS NULL THEN p.middle
       ELSE CAST(substr(CAST(b.raw AS BLOB), 1, p.head) ||
                 CAST(p.middle AS BLOB) ||
                 substr(CAST(b.raw AS BLOB),
                        length(CAST(b.raw AS BLOB)) - p.tail + 1) AS TEXT)
       END AS raw
FROM bench_raw_part p LEFT JOIN raw_base b ON b.id = p.base;
