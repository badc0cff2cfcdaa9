-- 003_quality.sql: quality benchmarks next to throughput.
--
-- None of the quality harnesses records the host, quant or KV type of the
-- model it tested, so those come from the user (--host, --model, --quant,
-- --kv, --backend, --build, --variant at ingest); what a file itself calls
-- its model is kept alongside.  Items (questions, tasks, exercises, needle
-- cells) are kept so two runs on the same items can be compared pairwise.

CREATE TABLE qresult (
	id           INTEGER PRIMARY KEY,
	source_id    INTEGER NOT NULL REFERENCES source(id),
	source_line  INTEGER NOT NULL,
	host_id      INTEGER NOT NULL REFERENCES host(id),
	backend      TEXT,                    -- --backend
	build_commit TEXT,                    -- --build
	model        TEXT,                    -- --model, else model_named
	model_named  TEXT,                    -- what the file calls the model
	quant        TEXT,                    -- --quant
	type_k       TEXT,                    -- --kv
	type_v       TEXT,
	variant      TEXT,                    -- --variant: 'thinking', ...
	harness      TEXT NOT NULL,           -- 'lm_eval', 'evalplus', 'aider', 'niah'
	benchmark    TEXT NOT NULL,           -- 'gsm8k', 'humaneval+', ...
	parent       TEXT,                    -- the group of a subtask
	metric       TEXT NOT NULL,           -- 'exact_match,strict-match', ...
	n_items      INTEGER,
	n_pass       INTEGER,
	score        REAL,                    -- a fraction in [0,1]
	stderr       REAL,
	partial      INTEGER NOT NULL DEFAULT 0, -- a limited or incomplete run
	version      TEXT,                    -- task or dataset version
	run_date     TEXT,
	details      TEXT,                    -- JSON: the rest of what the file says
	raw          TEXT
);
CREATE INDEX qresult_lookup ON qresult (benchmark, metric, model);
CREATE INDEX qresult_source ON qresult (source_id);

CREATE TABLE qresult_item (
	qresult_id INTEGER NOT NULL REFERENCES qresult(id),
	item       TEXT NOT NULL,             -- 'HumanEval/0', 'python/two-fer'
	passed     INTEGER,                   -- 1, 0, NULL: not a pass/fail item
	detail     TEXT,
	PRIMARY KEY (qresult_id, item)
) WITHOUT ROWID;

-- Published scores (leaderboards) for the local-vs-frontier comparison.
CREATE TABLE reference (
	id          INTEGER PRIMARY KEY,
	source_id   INTEGER NOT NULL REFERENCES source(id),
	source_line INTEGER NOT NULL,
	model       TEXT NOT NULL,            -- the leaderboard's label
	benchmark   TEXT NOT NULL,
	variant     TEXT,
	score       REAL,                     -- a fraction in [0,1]
	n_items     INTEGER,
	date        TEXT,
	details     TEXT
);

CREATE VIEW quality AS
SELECT q.id, h.name AS host, q.backend, q.build_commit, q.model, q.quant,
       q.type_k, q.type_v, q.benchmark, q.metric, q.variant, q.n_items,
       q.n_pass, q.score, q.stderr, q.partial, s.path AS source,
       q.harness, q.parent, q.model_named, q.version, q.run_date, q.details
FROM qresult q
JOIN host h ON h.id = q.host_id
JOIN source s ON s.id = q.source_id;

CREATE VIEW quality_item AS
SELECT qresult_id AS quality_id, item, passed, detail FROM qresult_item;

CREATE VIEW reference_score AS
SELECT r.id, r.model, r.benchmark, r.variant, r.score, r.n_items, r.date,
       s.path AS source, r.details
FROM reference r
JOIN source s ON s.id = r.source_id;
