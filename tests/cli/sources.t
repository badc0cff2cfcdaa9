# halodb sources lists every ingested file; forget removes files and what
# they gave, in one transaction; ingest --replace ingests a file again
# with new options.  Times of ingest vary: masked.
#
# One run printed as markdown (its stderr capture) and as JSON is one
# set of rows, which both files reported.
$ halodb ingest fixtures/b9749/bench-moe-q8kv.stderr-md.txt fixtures/b9749/bench-moe-q8kv.json
> fixtures/b9749/bench-moe-q8kv.stderr-md.txt: 4 rows (llama-bench-md)
> fixtures/b9749/bench-moe-q8kv.json: 0 rows, 4 already in the store (llama-bench-json)
> ingested 2 files (4 rows, 4 already in the store)
! fixtures/b9749/bench-moe-q8kv.stderr-md.txt: warning: the file does not say which machine ran it; its rows are under host 'unknown' (name the machine with --host)
$ halodb sources | sed 's/20[0-9-]*T[0-9:]*Z/TIME/'
> path                                         sha256        format                                     rows  also  host  ingested_at           options
> -------------------------------------------  ------------  -----------------------------------------  ----  ----  ----  --------------------  -------
> fixtures/b9749/bench-moe-q8kv.stderr-md.txt  e2099beca682  llama-bench-md, b5221+ (depth tests)          0     4        TIME
> fixtures/b9749/bench-moe-q8kv.json           a38cd7a9f6f4  llama-bench-json, b9749, load_mode fields     4     0  epyc  TIME
$ halodb sql "select id, host, avg_ts, stddev_ts, n_reps, source from throughput order by id"
> id  host      avg_ts  stddev_ts  n_reps  source
> --  ----  ----------  ---------  ------  ----------------------------------
>  1  epyc  551.949539   3.421954       2  fixtures/b9749/bench-moe-q8kv.json
>  2  epyc  261.905539  37.321809       2  fixtures/b9749/bench-moe-q8kv.json
>  3  epyc  265.632581   2.769176       2  fixtures/b9749/bench-moe-q8kv.json
>  4  epyc   137.52759   7.857135       2  fixtures/b9749/bench-moe-q8kv.json
# Forgetting the JSON keeps the rows with what the markdown said: two
# decimals, no repetitions, and no machine (markdown does not name one).
$ halodb forget fixtures/b9749/bench-moe-q8kv.json
> forgot 1 file: 0 rows removed, 4 kept with what other files reported
$ halodb sql "select id, host, avg_ts, stddev_ts, n_reps, source from throughput order by id"
> id  host     avg_ts  stddev_ts  n_reps  source
> --  -------  ------  ---------  ------  -------------------------------------------
>  1  unknown  551.95       3.42          fixtures/b9749/bench-moe-q8kv.stderr-md.txt
>  2  unknown  261.91      37.32          fixtures/b9749/bench-moe-q8kv.stderr-md.txt
>  3  unknown  265.63       2.77          fixtures/b9749/bench-moe-q8kv.stderr-md.txt
>  4  unknown  137.53       7.86          fixtures/b9749/bench-moe-q8kv.stderr-md.txt
$ halodb sql "select (select count(*) from bench_sample) as samples, (select count(*) from bench_report) as reports, (select count(*) from source) as sources"
> samples  reports  sources
> -------  -------  -------
>       0        0        1
# The JSON again, under another name: the rows gain its decimals and host.
$ cp fixtures/b9749/bench-moe-q8kv.json again.json && halodb ingest again.json
> again.json: 0 rows, 4 already in the store (llama-bench-json)
> ingested 1 file (0 rows, 4 already in the store)
$ halodb sql "select id, host, avg_ts, n_reps, source from throughput order by id"
> id  host      avg_ts  n_reps  source
> --  ----  ----------  ------  ----------
>  1  epyc  551.949539       2  again.json
>  2  epyc  261.905539       2  again.json
>  3  epyc  265.632581       2  again.json
>  4  epyc   137.52759       2  again.json
# Now forget the markdown (by a prefix of its sha256): the JSON's rows
# stay as they are.
$ halodb forget e2099bec
> forgot 1 file: 0 rows removed, 4 kept with what other files reported
$ halodb sql "select id, host, avg_ts, n_reps, source from throughput order by id"
> id  host      avg_ts  n_reps  source
> --  ----  ----------  ------  ----------
>  1  epyc  551.949539       2  again.json
>  2  epyc  261.905539       2  again.json
>  3  epyc  265.632581       2  again.json
>  4  epyc   137.52759       2  again.json
$ halodb sql "select count(*) as samples from bench_sample"
> samples
> -------
>       8
# A file that is not there, or a prefix too short to be a hash: nothing
# changes, even for the files named with them.
$ halodb forget again.json nope.json
! halodb: no source 'nope.json' in the store: expected a path as it was ingested or a sha256 (see 'halodb sources')
? 1
$ halodb forget a38c
! halodb: no source 'a38c' in the store: expected a path as it was ingested or a sha256 (see 'halodb sources')
? 1
$ halodb sql "select count(*) as rows from throughput"
> rows
> ----
>    4
$ halodb forget
! halodb: forget: expected at least one PATH or SHA256 (see 'halodb sources')
! usage: halodb forget [--db PATH] PATH|SHA256...
! (see 'halodb forget --help')
? 2
# Already in the store: the same bytes say so, unless --replace, which
# forgets what the file gave and ingests it again with this call's
# options.
$ halodb ingest again.json
> again.json: already ingested
> 1 already ingested
$ halodb ingest --replace --host cpu-vm again.json
> again.json: 4 rows (llama-bench-json), replacing its earlier ingest (4 rows forgotten)
> ingested 1 file (4 rows)
$ halodb sql "select host, count(*) as rows from throughput group by host"
> host    rows
> ------  ----
> cpu-vm     4
$ halodb sources | sed 's/20[0-9-]*T[0-9:]*Z/TIME/'
> path        sha256        format                                     rows  also  host    ingested_at           options
> ----------  ------------  -----------------------------------------  ----  ----  ------  --------------------  -----------
> again.json  a38cd7a9f6f4  llama-bench-json, b9749, load_mode fields     4     0  cpu-vm  TIME  host=cpu-vm
# The same path with other bytes (the file was edited) is replaced too.
$ head -c 1200 fixtures/b9749/bench-killed-partial.json > again.json && halodb ingest --replace --host cpu-vm again.json
> again.json: 1 row (llama-bench-json), replacing its earlier ingest (4 rows forgotten)
> ingested 1 file (1 row)
! again.json:46:3: warning: the run was cut off (the last test record has no closing '}'); kept the 1 complete test record before it
$ halodb sources --format json | grep -o '"path": "[^"]*", "sha256": "[^"]*"'
> "path": "again.json", "sha256": "72a7b44bf80a"
# Every forget and replace is in the log, with its command.
$ halodb log --format csv | cut -d, -f1,3- | sed 's/--db [^ ]* //'
> id,action,what,command
> 1,forget,"source 'fixtures/b9749/bench-moe-q8kv.json' (sha256 a38cd7a9f6f4) forgotten: 0 rows removed, 4 kept with what other files reported",halodb forget fixtures/b9749/bench-moe-q8kv.json
> 2,forget,"source 'fixtures/b9749/bench-moe-q8kv.stderr-md.txt' (sha256 e2099beca682) forgotten: 0 rows removed, 4 kept with what other files reported",halodb forget e2099bec
> 3,ingest --replace,source 'again.json' (sha256 a38cd7a9f6f4) replaced by a new ingest: 4 rows removed,halodb ingest --replace --host cpu-vm again.json
> 4,ingest --replace,source 'again.json' (sha256 a38cd7a9f6f4) replaced by a new ingest: 4 rows removed,halodb ingest --replace --host cpu-vm again.json
# The report's methodology lists them too.
$ halodb report --out site >/dev/null && grep -A5 '^Edits' site/report.md | sed 's/--db [^ ]* //'
> Edits. After ingest, the store was changed by these commands (`halodb log` lists them); nothing else differs from what the files say:
>
> - 2026-01-01: source 'fixtures/b9749/bench-moe-q8kv.json' (sha256 a38cd7a9f6f4) forgotten: 0 rows removed, 4 kept with what other files reported (halodb forget fixtures/b9749/bench-moe-q8kv.json)
> - 2026-01-01: source 'fixtures/b9749/bench-moe-q8kv.stderr-md.txt' (sha256 e2099beca682) forgotten: 0 rows removed, 4 kept with what other files reported (halodb forget e2099bec)
> - 2026-01-01: source 'again.json' (sha256 a38cd7a9f6f4) replaced by a new ingest: 4 rows removed (halodb ingest --replace --host cpu-vm again.json)
> - 2026-01-01: source 'again.json' (sha256 a38cd7a9f6f4) replaced by a new ingest: 4 rows removed (halodb ingest --replace --host cpu-vm again.json)
# Forgetting the last file of a row removes the row; the store is empty.
$ halodb forget again.json fixtures/b9749/bench-moe-q8kv.stderr-md.txt
! halodb: no source 'fixtures/b9749/bench-moe-q8kv.stderr-md.txt' in the store: expected a path as it was ingested or a sha256 (see 'halodb sources')
? 1
$ halodb forget again.json
> forgot 1 file: 1 row removed
$ halodb sql "select (select count(*) from bench) as rows, (select count(*) from bench_sample) as samples, (select count(*) from source) as sources"
> rows  samples  sources
> ----  -------  -------
>    0        0        0
