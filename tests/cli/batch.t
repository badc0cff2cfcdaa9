# Ingest writes files in batches (one transaction of many files; once a
# file has failed, the batch is taken again with each file a savepoint of
# its own): a file that fails in the middle of a batch is rolled back
# alone, after some of its rows were written too, and the good files
# before and after it go in (exit 1).  A file given twice in one batch
# goes in once.
$ mkdir batch && cp fixtures/b9749/bench-moe-q4kv.jsonl batch/1-good.jsonl && cp fixtures/bad/no-host-then-broken.jsonl batch/2-bad.jsonl && cp fixtures/bad/syntax-error.json batch/3-bad.json && cp fixtures/b9749/bench-moe-q8kv.json batch/4-good.json && cp fixtures/b9749/bench-moe-q4kv.jsonl batch/5-again.jsonl && cp fixtures/b9749/bench-llama-pg-ub.json batch/6-good.json
$ halodb ingest batch
> batch/1-good.jsonl: 4 rows (llama-bench-jsonl)
> batch/4-good.json: 4 rows (llama-bench-json)
> batch/5-again.jsonl: already ingested (as 'batch/1-good.jsonl')
> batch/6-good.json: 6 rows (llama-bench-json)
> ingested 3 files (14 rows), 1 already ingested, 2 failed
! batch/2-bad.jsonl:2:12: expected valid JSON (unexpected token near ',')
! batch/3-bad.json:57:5: expected ',' or '}', found '"n_ubatch"'
? 1
$ halodb sql "select path, count(b.id) as rows from source s left join bench b on b.source_id = s.id group by s.id order by s.id"
> path                rows
> ------------------  ----
> batch/1-good.jsonl     4
> batch/4-good.json      4
> batch/6-good.json      6
$ halodb sql "select count(*) from host where named_by = 'unknown'"
> count(*)
> --------
>        0
$ halodb sql "pragma integrity_check"
> integrity_check
> ---------------
> ok
# Again: what went in is known, the bad files fail again.
$ halodb ingest batch
> batch/1-good.jsonl: already ingested
> batch/4-good.json: already ingested
> batch/5-again.jsonl: already ingested (as 'batch/1-good.jsonl')
> batch/6-good.json: already ingested
> 4 already ingested, 2 failed
! batch/2-bad.jsonl:2:12: expected valid JSON (unexpected token near ',')
! batch/3-bad.json:57:5: expected ',' or '}', found '"n_ubatch"'
? 1
