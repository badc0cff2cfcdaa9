# Where the store is: --db, else $HALODB_DB, else ./halodb.db.
$ halodb --db a.db ingest fixtures/b9749/bench-moe-q4kv.jsonl
> fixtures/b9749/bench-moe-q4kv.jsonl: 4 rows (llama-bench-jsonl)
> ingested 1 file (4 rows)
$ halodb sql --db a.db "select count(*) from throughput"
> count(*)
> --------
>        4
$ HALODB_DB=b.db halodb ingest fixtures/b9749/bench-moe-q8kv.json
> fixtures/b9749/bench-moe-q8kv.json: 4 rows (llama-bench-json)
> ingested 1 file (4 rows)
$ HALODB_DB=b.db halodb sql "select count(*) from throughput"
> count(*)
> --------
>        4
$ halodb --db=b.db sql "select count(*) from throughput"
> count(*)
> --------
>        4
$ test -e halodb.db || echo "no ./halodb.db"
> no ./halodb.db
$ halodb hosts
! halodb: no store at 'halodb.db': ingest results first (halodb ingest PATH...) or name one with --db
? 1
$ echo 'not a database, just text long enough for SQLite to look at the header' > text.db && halodb --db text.db ingest fixtures/b9749/bench-moe-q4kv.jsonl
! halodb: 'text.db' is not a halodb store (it is not an SQLite file)
? 1
