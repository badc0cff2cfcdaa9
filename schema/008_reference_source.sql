-- 008_reference_source.sql: one reference row per leaderboard entry
-- (issue 14).  The Aider polyglot leaderboard and its SELECTED subset list
-- the same entries; ingesting both gave each entry twice.  A published
-- score that a second file states again (the same model, benchmark,
-- variant, entry, score, items and date) is now the same row, and
-- reference_source records every file that stated it.
--
-- entry: the leaderboard's own name of the run behind the score, where it
-- has one (Aider's dirname); NULL where it has none, and then the rest of
-- the claim alone tells two apart.
ALTER TABLE reference ADD COLUMN entry TEXT;
UPDATE reference SET entry = json_extract(details, '$.dirname')
WHERE json_valid(details) AND json_type(details, '$.dirname') = 'text'
  AND source_id IN (SELECT id FROM source WHERE format = 'aider-leaderboard');

-- Every file that gave a reference row, and its line there; the row's own
-- source_id is the first of them (the one reference_score shows), and
-- forgetting it hands the row to the next.
CREATE TABLE reference_source (
	reference_id INTEGER NOT NULL REFERENCES reference(id),
	source_id    INTEGER NOT NULL REFERENCES source(id),
	source_line  INTEGER NOT NULL,
	PRIMARY KEY (reference_id, source_id)
) WITHOUT ROWID;
CREATE INDEX reference_source_source ON reference_source (source_id);
CREATE INDEX reference_claim ON reference (model, benchmark);

-- The rows of stores written before: each goes to the first row that
-- says the same, with its file; the others go.
INSERT OR IGNORE INTO reference_source (reference_id, source_id, source_line)
SELECT (SELECT min(k.id) FROM reference k
        WHERE k.model = r.model AND k.benchmark = r.benchmark
          AND k.variant IS r.variant AND k.entry IS r.entry
          AND k.score IS r.score AND k.n_items IS r.n_items
          AND k.date IS r.date),
       r.source_id, r.source_line
FROM reference r ORDER BY r.id;
DELETE FROM reference WHERE id NOT IN (SELECT reference_id FROM reference_source);
