# --dry-run says what each file is and writes nothing, not even a store.
$ halodb ingest --dry-run fixtures/b9749/bench-moe-q8kv.json fixtures/b9749/bench-moe-q4kv.stderr-csv.txt fixtures/b9749/bench-llama-quants.sql fixtures/b9749/bench-killed-partial.json
> fixtures/b9749/bench-moe-q8kv.json: llama-bench-json (b9749, load_mode fields): would add 4 rows
> fixtures/b9749/bench-moe-q4kv.stderr-csv.txt: llama-bench-csv (b9749, load_mode fields): would add 4 rows
> fixtures/b9749/bench-llama-quants.sql: llama-bench-sql (b9749, load_mode fields, table 'llama_bench'): would add 16 rows
> fixtures/b9749/bench-killed-partial.json: llama-bench-json (b9749, load_mode fields): would add 2 rows
> would ingest 4 files (26 rows); dry run, nothing written
! fixtures/b9749/bench-killed-partial.json:89:4: warning: the run was cut off (expected ']' to close the array); kept the 2 complete test records before it
$ test -e halodb.db || echo "no store was made"
> no store was made
$ halodb ingest fixtures/b9749/bench-moe-q8kv.json > /dev/null
$ halodb ingest --dry-run fixtures/b9749/bench-moe-q8kv.json fixtures/b9749/bench-moe-q4kv.jsonl fixtures/bad/syntax-error.json
> fixtures/b9749/bench-moe-q8kv.json: already ingested
> fixtures/b9749/bench-moe-q4kv.jsonl: llama-bench-jsonl (b9749, load_mode fields): would add 4 rows
> would ingest 1 file (4 rows), 1 already ingested, 1 failed; dry run, nothing written
! fixtures/bad/syntax-error.json:57:5: expected ',' or '}', found '"n_ubatch"'
? 1
$ halodb sql "select count(*) from source"
> count(*)
> --------
>        1
