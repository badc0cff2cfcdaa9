-- 006_curation.sql: the store as the user names and corrects it (issue 11).
--
-- Nothing ingested is lost by curation: a model keeps the label its file
-- gave (model) next to the name the user chose (name); a host renamed or
-- merged keeps its keys; a forgotten source takes only its own rows; and
-- every edit is written to curation_log.

-- The options a file was ingested with (a JSON object: host, model,
-- quant, kv, backend, build, variant, niah_pass, stderr, host_from_dir),
-- so that `halodb sources` can show them and `ingest --replace` and a
-- reader can see how a row got its keys.  NULL: ingested before schema 6.
ALTER TABLE source ADD COLUMN options TEXT;

-- Facts about a machine that no result file carries (memory, TDP, price,
-- notes), set with `halodb hosts set NAME KEY=VALUE...`.
CREATE TABLE host_fact (
	host_id   INTEGER NOT NULL REFERENCES host(id),
	key       TEXT NOT NULL,
	value     TEXT NOT NULL,
	PRIMARY KEY (host_id, key)
) WITHOUT ROWID;

-- One name for the labels a model goes by: kind 'label' maps a label
-- exactly (the arch + size label of llama-bench, what --model or a
-- quality file called it, a leaderboard's label), kind 'file' maps every
-- model file whose base name matches a GLOB pattern.  A file pattern wins
-- over a label (a file names one model, a label such as
-- 'qwen3moe 30B.A3B' several); the oldest pattern wins among patterns.
CREATE TABLE model_alias (
	id        INTEGER PRIMARY KEY,
	kind      TEXT NOT NULL CHECK (kind IN ('label', 'file')),
	pattern   TEXT NOT NULL,
	name      TEXT NOT NULL,
	UNIQUE (kind, pattern)
);

-- name: the alias of the row's model (see model_alias), else its label.
-- Derived, kept in the row so that queries read it from an index; it is
-- set at ingest and rewritten by `halodb models alias`.
-- variant: --variant at ingest ('hybrid-ngl22', 'dual-gpu', '100W'); two
-- measurements that differ only in variant are two measurements.
ALTER TABLE bench ADD COLUMN variant TEXT;
ALTER TABLE bench ADD COLUMN name TEXT;
UPDATE bench SET name = model;
ALTER TABLE server_request ADD COLUMN variant TEXT;
ALTER TABLE server_request ADD COLUMN name TEXT;
UPDATE server_request SET name = model;
ALTER TABLE qresult ADD COLUMN name TEXT;
UPDATE qresult SET name = model;
ALTER TABLE reference ADD COLUMN name TEXT;
UPDATE reference SET name = model;

-- The source of each item of a quality row, where it is not the row's own
-- (an lm-eval samples file given along with its results file); NULL: the
-- row's source.  Forgetting the samples file takes its items.
ALTER TABLE qresult_item ADD COLUMN source_id INTEGER REFERENCES source(id);

-- A row that more than one file reported (a run printed as JSON and as
-- markdown, a request in a log and in its saved response) is one row with
-- what every report knew merged in.  What each report said is kept here,
-- from the moment a second one arrives: seq 1 is the row as first
-- written, then the reports in the order they were merged.  record is a
-- JSON array of the values as store.c binds them (?1, ?2, ...), samples a
-- JSON array of [ts, ns] per repetition or NULL.  Forgetting one source
-- rebuilds the row from the reports that remain.
CREATE TABLE bench_report (
	bench_id  INTEGER NOT NULL REFERENCES bench(id),
	seq       INTEGER NOT NULL,
	source_id INTEGER NOT NULL REFERENCES source(id),
	record    TEXT NOT NULL,
	samples   TEXT,
	PRIMARY KEY (bench_id, seq)
) WITHOUT ROWID;
CREATE INDEX bench_report_source ON bench_report (source_id);

CREATE TABLE server_report (
	request_id INTEGER NOT NULL REFERENCES server_request(id),
	seq        INTEGER NOT NULL,
	source_id  INTEGER NOT NULL REFERENCES source(id),
	record     TEXT NOT NULL,
	PRIMARY KEY (request_id, seq)
) WITHOUT ROWID;
CREATE INDEX server_report_source ON server_report (source_id);

-- Every change made to the store after ingest: renames, merges, facts,
-- aliases, forgotten and replaced sources.  command is the command line
-- as typed; what says what changed, in words; at is UTC, ISO 8601.
CREATE TABLE curation_log (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	action    TEXT NOT NULL,              -- 'hosts rename', 'forget', ...
	what      TEXT NOT NULL,
	command   TEXT NOT NULL
);

-- The index the query layer reads (005's bench_query) leads with name now:
-- speed and quality of one model meet by name.
DROP INDEX bench_query;
CREATE INDEX bench_query ON bench (host_id, name, quant, test, n_depth,
	test_time, build_number, build_commit, backend, model_file, type_k,
	type_v, flash_attn, n_gpu_layers, n_batch, n_ubatch, n_threads,
	n_prompt, n_gen, avg_ts, stddev_ts, n_reps, status, error, source_id,
	variant, model);

-- The public views gain variant and name, appended last so that SQL
-- written against them keeps working.
DROP VIEW throughput;
CREATE VIEW throughput AS
SELECT b.id, h.name AS host, b.backend, b.build_commit, b.build_number,
       b.model, b.model_file, b.quant, b.type_k, b.type_v, b.flash_attn,
       b.n_gpu_layers, b.n_batch, b.n_ubatch, b.n_threads, b.test,
       b.n_prompt, b.n_gen, b.n_depth, b.avg_ts, b.stddev_ts, b.n_reps,
       b.status, s.path AS source, b.error, b.test_time, b.variant, b.name
FROM bench b
JOIN host h ON h.id = b.host_id
JOIN source s ON s.id = b.source_id;

DROP VIEW server_timing;
CREATE VIEW server_timing AS
SELECT r.id, h.name AS host, r.build_commit, r.build_number, r.model,
       r.model_file, r.quant, r.type_k, r.type_v, r.n_ctx, r.prompt_n,
       r.prompt_ms, r.prompt_tps, r.gen_n, r.gen_ms, r.gen_tps,
       s.path AS source, r.tool, r.cache_n, r.n_slots, r.slot_id, r.task_id,
       r.variant, r.name
FROM server_request r
JOIN host h ON h.id = r.host_id
JOIN source s ON s.id = r.source_id;

DROP VIEW quality;
CREATE VIEW quality AS
SELECT q.id, h.name AS host, q.backend, q.build_commit, q.model, q.quant,
       q.type_k, q.type_v, q.benchmark, q.metric, q.variant, q.n_items,
       q.n_pass, q.score, q.stderr, q.partial, s.path AS source,
       q.harness, q.parent, q.model_named, q.version, q.run_date, q.details,
       q.name
FROM qresult q
JOIN host h ON h.id = q.host_id
JOIN source s ON s.id = q.source_id;

DROP VIEW reference_score;
CREATE VIEW reference_score AS
SELECT r.id, r.model, r.benchmark, r.variant, r.score, r.n_items, r.date,
       s.path AS source, r.details, r.name
FROM reference r
JOIN source s ON s.id = r.source_id;
