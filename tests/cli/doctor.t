# halodb --version: halodb's and each library's version (masked here:
# they are the machine's); halodb doctor: the store's checks, and every
# ingested file hashed again from the current directory.
$ halodb --version | sed -E 's/ \(built with [^)]*\)//; s/[0-9]+(\.[0-9]+)+[^ ]*/N.N/g'
> halodb N.N
> SQLite N.N
> jansson N.N
> libcsv N.N (as its headers say: the library has no version call)
> libyaml N.N
> cmark-gfm N.N
> cairo N.N
$ halodb doctor
! halodb: no store at 'halodb.db': ingest results first (halodb ingest PATH...) or name one with --db
? 1
$ cp fixtures/b9749/bench-moe-q8kv.json a.json && cp fixtures/b9749/bench-llama-pg-ub.json b.json && cp -R fixtures/aider/2024-05-01-20-05-59--flat-fixture run
$ halodb ingest a.json b.json > /dev/null && halodb ingest --model m --host h run
> run: 3 rows, 9 items (aider-run)
> ingested 1 file (3 rows)
$ halodb doctor
> store: halodb.db
> schema version: 13 (this halodb writes 13)
> integrity_check: ok
> foreign_key_check: ok
> rows per table:
>   bench            10
>   bench_raw_part   10
>   bench_report     0
>   bench_sample     20
>   curation_log     0
>   host             2
>   host_fact        0
>   host_key         1
>   model_alias      0
>   qresult          3
>   qresult_item     9
>   raw_base         3
>   reference        0
>   reference_source 0
>   server_report    0
>   server_request   0
>   source           3
> sources: 3 files, 3 as ingested
> no problems found
$ echo >> a.json && rm b.json && echo '{}' > run/bowling/.aider.results.json
$ halodb doctor > out; echo "exit $?"; sed -n '/^files changed/,$p' out
> exit 1
> files changed or missing since ingest (paths from the current directory):
>   changed: a.json (sha256 a38cd7a9f6f4 at ingest, ac18f893ca0b now)
>   missing: b.json
>   changed: run (sha256 27d050f0938c at ingest, b936484ccb31 now)
> sources: 3 files, 0 as ingested, 2 changed, 1 missing
> 3 problems found
$ mkdir elsewhere && cd elsewhere && halodb --db ../halodb.db doctor | tail -n 5
>   missing: a.json
>   missing: b.json
>   missing: run
> sources: 3 files, 0 as ingested, 3 missing
> 3 problems found
$ halodb doctor extra
! halodb: doctor: unexpected argument 'extra'
! usage: halodb doctor [--db PATH]
! (see 'halodb doctor --help')
? 2
$ halodb help doctor
> usage: halodb doctor [--db PATH]
>
> Checks the store and says what it found: SQLite's integrity_check
> and foreign_key_check, the schema version, the rows of every table,
> and every ingested file hashed again, its path as it was given at
> ingest taken from the current directory: the files that changed or
> are missing since.  Changes nothing; a store of an older schema is
> checked as it is.  Exit status 1 when something is wrong (a damaged
> file, rows that refer to rows that are not there, a file changed or
> missing).
>
>   --db PATH     the store (default: $HALODB_DB, else ./halodb.db)
