# Hardening of the store (issue 7).
#
# --host unknown: 'unknown' is the host of results that name no machine,
# so it cannot be a name given with --host (it used to take the name, and
# then every file that names no machine failed for good).
$ halodb ingest --host unknown fixtures/b9749/bench-moe-q8kv.json
! halodb: --host: 'unknown' is reserved for results that name no machine
! usage: halodb ingest [--host NAME | --host-from-dir] [--stderr FILE] [--replace]
! (see 'halodb ingest --help')
? 2
$ halodb ingest fixtures/b9749/bench-llama-default.md
> fixtures/b9749/bench-llama-default.md: 2 rows (llama-bench-md)
> ingested 1 file (2 rows)
! fixtures/b9749/bench-llama-default.md: warning: the file does not say which machine ran it; its rows are under host 'unknown' (name the machine with --host)
$ halodb hosts --format csv
> host,identified_by,rows,cpu_info,gpu_info,facts
> unknown,nothing (its files do not say),2,,,
# --db must name a file: '' and ':memory:' would keep nothing, and
# 'file:' names are URIs to SQLite.
$ halodb --db '' ingest fixtures/b9749/bench-moe-q8kv.json
! halodb: --db: expected the path of a store file, got ''
! usage: halodb ingest [--host NAME | --host-from-dir] [--stderr FILE] [--replace]
! (see 'halodb ingest --help')
? 2
$ halodb --db :memory: ingest fixtures/b9749/bench-moe-q8kv.json
! halodb: --db: expected the path of a store file, got ':memory:'
! usage: halodb ingest [--host NAME | --host-from-dir] [--stderr FILE] [--replace]
! (see 'halodb ingest --help')
? 2
$ halodb --db 'file:x.db?mode=memory' ingest fixtures/b9749/bench-moe-q8kv.json
! halodb: --db: expected the path of a store file, got 'file:x.db?mode=memory' (write './' before a file named so)
! usage: halodb ingest [--host NAME | --host-from-dir] [--stderr FILE] [--replace]
! (see 'halodb ingest --help')
? 2
$ halodb ingest --db :memory: fixtures/b9749/bench-moe-q8kv.json
! halodb: --db: expected the path of a store file, got ':memory:'
! usage: halodb ingest [--host NAME | --host-from-dir] [--stderr FILE] [--replace]
! (see 'halodb ingest --help')
? 2
$ HALODB_DB=:memory: halodb sql "select 1"
! halodb: --db: expected the path of a store file, got ':memory:'
! usage: halodb sql [--format table|csv|json|md] [--db PATH] QUERY
! (see 'halodb sql --help')
? 2
$ halodb --db ./file:x.db ingest fixtures/b9749/bench-moe-q8kv.json
> fixtures/b9749/bench-moe-q8kv.json: 4 rows (llama-bench-json)
> ingested 1 file (4 rows)
$ test -e 'file:x.db' && test ! -e x.db && echo "only ./file:x.db was made"
> only ./file:x.db was made
# fts3_tokenizer() would hand out a pointer; halodb sql turns it off, and
# cannot attach another file or edit the schema.
$ halodb sql "select fts3_tokenizer('simple')"
! halodb: query failed: fts3_tokenizer() is disabled in halodb
? 1
$ halodb sql "select hex(fts3_tokenizer('simple'))"
! halodb: query failed: fts3_tokenizer() is disabled in halodb
? 1
$ halodb sql "attach 'other.db' as other"
! halodb: query failed: too many attached databases - max 0
? 1
$ halodb sql "pragma writable_schema = 1"
>
>
> (no rows)
$ test ! -e other.db && echo "no other.db"
> no other.db
# A file size limit (ulimit -f) fails the write that meets it: reported,
# rolled back, the store intact; it used to kill ingest without a word.
$ awk 'BEGIN { for (i = 0; i < 3000; i++) printf "{\"cpu_info\": \"AMD EPYC\", \"model_type\": \"llama ?B Q4_0\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": %d, \"test_time\": \"2026-01-01T00:00:00Z\", \"avg_ts\": %d.5, \"stddev_ts\": 1.5}\n", i, i }' > big.jsonl
$ halodb --db big.db ingest fixtures/b9749/bench-moe-q8kv.json
> fixtures/b9749/bench-moe-q8kv.json: 4 rows (llama-bench-json)
> ingested 1 file (4 rows)
$ (ulimit -f 300; halodb --db big.db ingest big.jsonl); echo "exit $?"
> 1 failed
> exit 1
! cannot commit in store 'big.db': disk I/O error
$ halodb --db big.db sql "pragma integrity_check"
> integrity_check
> ---------------
> ok
$ halodb --db big.db sql "select count(*) from source"
> count(*)
> --------
>        1
# Two ingests of one directory at once: each file goes in once, and the
# other ingest says 'already ingested' (the check is made inside the write
# transaction; it used to fail with 'UNIQUE constraint failed').  A reader
# running meanwhile never finds the store locked, checkpoints included.
# (One ingest may wait for the other long enough to say so.)
$ mkdir many && awk 'BEGIN { for (f = 0; f < 40; f++) for (i = 0; i < 100; i++) printf "{\"cpu_info\": \"AMD EPYC\", \"model_type\": \"llama ?B Q4_0\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": %d, \"test_time\": \"2026-01-01T00:00:%02dZ\", \"avg_ts\": %d.5}\n", i, f, f * 1000 + i > sprintf("many/%02d.jsonl", f) }'
$ halodb --db two.db ingest fixtures/b9749/bench-moe-q8kv.json
> fixtures/b9749/bench-moe-q8kv.json: 4 rows (llama-bench-json)
> ingested 1 file (4 rows)
$ (halodb --db two.db ingest many >a.out 2>a.err; echo "a exit $?" >a.rc) & (halodb --db two.db ingest many >b.out 2>b.err; echo "b exit $?" >b.rc) & i=0; while [ $i -lt 30 ]; do halodb --db two.db sql "select count(*) from source" >/dev/null 2>>r.err; i=$((i + 1)); done; wait; cat a.rc b.rc; cat a.err b.err r.err | grep -v '^halodb: waiting for another ingest to finish' || true
> a exit 0
> b exit 0
$ cat a.out b.out | grep -c ': 100 rows (llama-bench-jsonl)$'
> 40
$ cat a.out b.out | grep -c ': already ingested$'
> 40
$ halodb --db two.db sql "select count(*), count(distinct sha256) from source"
> count(*)  count(distinct sha256)
> --------  ----------------------
>       41                      41
$ halodb --db two.db sql "select count(*) from bench"
> count(*)
> --------
>     4004
# 8000 runs of one model, test, depth and value, a second apart: each is
# its own row, and finding out is an index probe (it used to scan every
# row of the value's tenth: 8000 rows took 40 s, a 60 MB file hours).
$ awk 'BEGIN { for (i = 0; i < 8000; i++) printf "{\"build_commit\": \"d32676d\", \"cpu_info\": \"AMD EPYC\", \"model_type\": \"qwen3moe ?B Q4_K - Medium\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 0, \"test_time\": \"2026-11-22T%02d:%02d:%02dZ\", \"avg_ts\": 440.797537, \"stddev_ts\": 1.803621, \"samples_ts\": [442.073, 439.522]}\n", i / 3600, i / 60 % 60, i % 60 }' > same.jsonl
$ halodb --db same.db ingest same.jsonl
> same.jsonl: 8000 rows (llama-bench-jsonl)
> ingested 1 file (8000 rows)
$ sed 's/$/ /' same.jsonl > again.jsonl && halodb --db same.db ingest again.jsonl
> again.jsonl: 0 rows, 8000 already in the store (llama-bench-jsonl)
> ingested 1 file (0 rows, 8000 already in the store)
$ halodb --db same.db sql "select count(*), count(distinct test_time), sum(n_reps) from bench"
> count(*)  count(distinct test_time)  sum(n_reps)
> --------  -------------------------  -----------
>     8000                       8000        16000
