# --host-from-dir: one call for many machines, each file's host the first
# directory below the path given (issue 11, item 5).  The tree is made
# here from fixture files: results/<host>/<run>/..., with what a results
# folder also holds (a README, notes, a script, a config, a wrapper's
# run_metadata.txt, empty files) and which a walk skips (item 6).
$ mkdir -p results/a30/run1 results/strix-halo results/unknown
$ cp fixtures/b9749/bench-moe-q8kv.json results/a30/run1/x.json
$ cp fixtures/b9749/bench-llama-default.md results/strix-halo/default.md
$ cp fixtures/b9749/server-chat.json results/strix-halo/chat.json
$ cp fixtures/b9749/README.md results/README.md
$ cp fixtures/b9749/host-info.txt results/a30/notes.txt
$ printf '#!/bin/sh\nllama-bench -m q.gguf -o json > x.json\n' > results/a30/run.sh
$ printf 'build: 9749 (d32676d)\nggml_cuda_init: found 1 CUDA devices:\n' > results/a30/run1/run_metadata.txt
$ printf '| Model | pp512 t/s |\n|---|---|\n| qwen | 1234 \302\261 3 |\n' > results/strix-halo/summary.md
$ printf '{"ngl": 99}\n' > results/strix-halo/config.json
$ : > results/a30/run1/empty.json
$ : > results/a30/run1/x.stderr.txt
$ : > results/strix-halo/empty.log
$ halodb ingest --host-from-dir results
> results/a30/run1/x.json: 4 rows (llama-bench-json), with its stderr 'results/a30/run1/x.stderr.txt'
> results/strix-halo/chat.json: 1 row (llama-server-json)
> results/strix-halo/default.md: 2 rows (llama-bench-md)
> skipped 6 files that are not results: README.md, notes.txt, run.sh, run_metadata.txt, config.json, summary.md
> ingested 3 files (7 rows), 8 skipped
! results/a30/run1/empty.json: warning: skipped: empty file
! results/strix-halo/empty.log: warning: skipped: empty file
$ halodb sql "select host, count(*) from throughput group by host order by host"
> host        count(*)
> ----------  --------
> a30                4
> strix-halo         2
$ halodb sql "select host, count(*) from server_timing group by host order by host"
> host        count(*)
> ----------  --------
> strix-halo         1
# Again: what is in the store says so; empty files are still only empty
# (the empty stderr of x.json is in the store, with the hash of every
# empty file).
$ halodb ingest --host-from-dir results/
> results/a30/run1/x.json: already ingested
> results/strix-halo/chat.json: already ingested
> results/strix-halo/default.md: already ingested
> results/a30/run1/x.stderr.txt: already ingested
> skipped 6 files that are not results: README.md, notes.txt, run.sh, run_metadata.txt, config.json, summary.md
> 4 already ingested, 8 skipped
! results/a30/run1/empty.json: warning: skipped: empty file
! results/strix-halo/empty.log: warning: skipped: empty file
# A file lying directly in the path given, or named itself, has no
# directory to name its host: an error for that file, the others go in.
$ cp fixtures/b9749/bench-moe-q4kv.jsonl results/loose.jsonl
$ halodb ingest --host-from-dir results
> results/a30/run1/x.json: already ingested
> results/strix-halo/chat.json: already ingested
> results/strix-halo/default.md: already ingested
> results/a30/run1/x.stderr.txt: already ingested
> skipped 6 files that are not results: README.md, notes.txt, run.sh, run_metadata.txt, config.json, summary.md
> 4 already ingested, 1 failed, 8 skipped
! results/a30/run1/empty.json: warning: skipped: empty file
! results/loose.jsonl: --host-from-dir: no directory names its host: the file lies directly in 'results' (move it into a directory named after its machine, or use --host)
! results/strix-halo/empty.log: warning: skipped: empty file
? 1
$ halodb ingest --host-from-dir results/loose.jsonl
> 1 failed
! results/loose.jsonl: --host-from-dir: no directory names its host: the file was named on the command line (name its directory, or use --host)
? 1
# 'unknown' is the host of files that name no machine, not a directory's.
$ rm results/loose.jsonl
$ cp fixtures/b9749/bench-llama-pg-ub.json results/unknown/pg.json
$ halodb ingest --host-from-dir results
> results/a30/run1/x.json: already ingested
> results/strix-halo/chat.json: already ingested
> results/strix-halo/default.md: already ingested
> results/a30/run1/x.stderr.txt: already ingested
> skipped 6 files that are not results: README.md, notes.txt, run.sh, run_metadata.txt, config.json, summary.md
> 4 already ingested, 1 failed, 8 skipped
! results/a30/run1/empty.json: warning: skipped: empty file
! results/strix-halo/empty.log: warning: skipped: empty file
! results/unknown/pg.json: --host-from-dir: the directory name 'unknown' is reserved for results that name no machine
? 1
$ halodb ingest --host a30 --host-from-dir results
! halodb: --host and --host-from-dir: expected one of them, not both
! usage: halodb ingest [--host NAME | --host-from-dir] [--stderr FILE] [--replace]
! (see 'halodb ingest --help')
? 2
# Named on the command line, what is not a result is an error, and an
# empty file too.
$ halodb ingest results/a30/notes.txt results/a30/run1/run_metadata.txt results/strix-halo/empty.log
> 3 failed
! results/a30/notes.txt:1:1: unrecognized format: not what llama-bench, llama-server, llama-cli, lm-evaluation-harness, EvalPlus, Aider or a needle-in-a-haystack test write (see 'halodb ingest --help')
! results/a30/run1/run_metadata.txt:1:1: expected a llama-bench table (a header with 'test' and 't/s' columns) or an error line, found neither
! results/strix-halo/empty.log:1:1: expected results, found an empty file
? 1
# Without --host or --host-from-dir, files that name no machine get one
# warning per call, with the count and the first names.
$ halodb --db other.db ingest fixtures/b9749/bench-llama-default.md fixtures/b9749/server-completion-64.json fixtures/b9749/server-completion-256.json fixtures/b9749/server-chat.json fixtures/md/crashed-mid-run.log
> fixtures/b9749/bench-llama-default.md: 2 rows (llama-bench-md)
> fixtures/b9749/server-completion-64.json: 1 row (llama-server-json)
> fixtures/b9749/server-completion-256.json: 1 row (llama-server-json)
> fixtures/b9749/server-chat.json: 1 row (llama-server-json)
> fixtures/md/crashed-mid-run.log: 3 rows, 1 from a run that died (llama-bench-md)
> ingested 5 files (8 rows)
! fixtures/md/crashed-mid-run.log:4:1: warning: no 'build:' line after the table that starts here (the run may have been cut off); its build is unknown
! warning: 5 files do not say which machine ran them; their rows are under host 'unknown' (name the machine with --host, or --host-from-dir for a directory per machine): 'fixtures/b9749/bench-llama-default.md', 'fixtures/b9749/server-completion-64.json', 'fixtures/b9749/server-completion-256.json' and 2 more
