# Hardening of ingest (issue 7): each case is named after what broke.
#
# Regression: pairing samples files read past the end of a short path
# ('a.json') while looking for a results file beside a '.jsonl' under a
# long directory path (a heap-buffer-overflow under ASan).
$ mkdir -p a-directory-with-a-rather-long-name-for-the-pairing-of-samples && cp fixtures/b9749/bench-moe-q4kv.jsonl a-directory-with-a-rather-long-name-for-the-pairing-of-samples/run.jsonl && cp fixtures/b9749/bench-llama-pg-ub.json a.json
$ halodb --db pair.db ingest a.json a-directory-with-a-rather-long-name-for-the-pairing-of-samples/run.jsonl
> a.json: 6 rows (llama-bench-json)
> a-directory-with-a-rather-long-name-for-the-pairing-of-samples/run.jsonl: 4 rows (llama-bench-jsonl)
> ingested 2 files (10 rows)
#
# Regression: files that are not regular files were read without a bound
# ('--stderr /dev/zero' grew to gigabytes) or hung (a FIFO).  Every file
# is opened without waiting, checked to be a regular file and refused
# with a clear error; the store stays as it was.
$ mkfifo fifo && cp fixtures/b9749/bench-moe-q4kv.jsonl r.jsonl
$ timeout 20 halodb --db nr.db ingest --stderr /dev/zero r.jsonl
> 1 failed
! cannot read '/dev/zero': not a regular file
? 1
$ timeout 20 halodb --db nr.db ingest --stderr fifo r.jsonl
> 1 failed
! cannot read 'fifo': not a regular file
? 1
$ timeout 20 halodb --db nr.db ingest fifo /dev/zero
> 2 failed
! cannot read 'fifo': not a regular file
! cannot read '/dev/zero': not a regular file
? 1
$ cp -R fixtures/aider/2024-05-01-20-05-59--flat-fixture zero-run && ln -sf /dev/zero zero-run/grep/.aider.results.json
$ timeout 20 halodb --db nr.db ingest zero-run
> 1 failed
! cannot read 'zero-run/grep/.aider.results.json': not a regular file
? 1
$ cp -R fixtures/aider/2024-05-01-20-05-59--flat-fixture fifo-run && ln -sf ../../fifo fifo-run/grep/.aider.results.json
$ timeout 20 halodb --db nr.db ingest fifo-run
> 1 failed
! cannot read 'fifo-run/grep/.aider.results.json': not a regular file
? 1
$ timeout 20 halodb --db nr.db ingest fifo-run/grep/.aider.results.json
> 1 failed
! cannot read 'fifo-run/grep/.aider.results.json': not a regular file
? 1
$ halodb --db nr.db sql "select (select count(*) from source) sources, (select count(*) from throughput) rows, (select count(*) from quality) quality"
> sources  rows  quality
> -------  ----  -------
>       0     0        0
