# Bad input: every rejected file says path:line:col and what was expected,
# leaves the store as it was, and the other files still go in (exit 1).
$ halodb ingest fixtures/bad/syntax-error.json
> 1 failed
! fixtures/bad/syntax-error.json:57:5: expected ',' or '}', found '"n_ubatch"'
? 1
$ halodb ingest fixtures/bad/missing-avg-ts.jsonl
> 1 failed
! fixtures/bad/missing-avg-ts.jsonl:3:1: expected a llama-bench test record (an object with "avg_ts")
? 1
$ halodb ingest fixtures/bad/wrong-type.jsonl
> 1 failed
! fixtures/bad/wrong-type.jsonl:1:705: expected an integer for "n_prompt"
? 1
$ halodb ingest fixtures/bad/empty.json fixtures/bad/notes.txt no-such-file.json
> 3 failed
! fixtures/bad/empty.json:1:1: expected results, found an empty file
! fixtures/bad/notes.txt:1:1: unrecognized format: not what llama-bench, llama-server, llama-cli, lm-evaluation-harness, EvalPlus, Aider or a needle-in-a-haystack test write (see 'halodb ingest --help')
! cannot open 'no-such-file.json': No such file or directory
? 1
$ halodb ingest fixtures/b9749/bench-missing-model.json
> 1 failed
! fixtures/b9749/bench-missing-model.json:1:1: expected test records in the array that opens here, found none (did llama-bench fail? its stderr says why)
? 1
$ halodb sql "select count(*) from throughput"
> count(*)
> --------
>        0
$ halodb sql "select count(*) from source"
> count(*)
> --------
>        0
# A good file among bad ones still goes in.
$ halodb ingest fixtures/bad/syntax-error.json fixtures/b9749/bench-moe-q4kv.jsonl
> fixtures/b9749/bench-moe-q4kv.jsonl: 4 rows (llama-bench-jsonl)
> ingested 1 file (4 rows), 1 failed
! fixtures/bad/syntax-error.json:57:5: expected ',' or '}', found '"n_ubatch"'
? 1
$ halodb sql "select count(*), count(distinct source) from throughput"
> count(*)  count(distinct source)
> --------  ----------------------
>        4                       1
# A run cut off mid-way keeps its complete records, with a warning.
$ halodb ingest fixtures/b9749/bench-killed-partial.json
> fixtures/b9749/bench-killed-partial.json: 2 rows (llama-bench-json)
> ingested 1 file (2 rows)
! fixtures/b9749/bench-killed-partial.json:89:4: warning: the run was cut off (expected ']' to close the array); kept the 2 complete test records before it
$ halodb sql "select path, truncated from source order by id"
> path                                      truncated
> ----------------------------------------  ---------
> fixtures/b9749/bench-moe-q4kv.jsonl               0
> fixtures/b9749/bench-killed-partial.json          1
# Regression: a file that made the 'unknown' host and then failed must not
# leave a stale host behind for the next file.
$ halodb --db u.db ingest fixtures/bad/no-host-then-broken.jsonl fixtures/bad/no-host.jsonl
> fixtures/bad/no-host.jsonl: 1 row (llama-bench-jsonl)
> ingested 1 file (1 row), 1 failed
! fixtures/bad/no-host-then-broken.jsonl:2:12: expected valid JSON (unexpected token near ',')
! fixtures/bad/no-host.jsonl: warning: the file does not say which machine ran it; its rows are under host 'unknown' (name the machine with --host)
? 1
$ halodb --db u.db hosts
> host     identified_by                   rows  cpu_info  gpu_info  facts
> -------  ------------------------------  ----  --------  --------  -----
> unknown  nothing (its files do not say)     1
