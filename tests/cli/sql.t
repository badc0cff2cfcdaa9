# halodb sql: read-only, four output formats, clear errors.
$ halodb sql "select 1"
! halodb: no store at 'halodb.db': ingest results first (halodb ingest PATH...) or name one with --db
? 1
$ halodb ingest fixtures/b9749/bench-llama-pg-ub.json > /dev/null
$ halodb sql "select test, n_ubatch, round(avg_ts, 2) as ts from throughput order by id limit 3"
> test          n_ubatch      ts
> ------------  --------  ------
> pp512              512  712.41
> tg128              512  211.37
> pp4096+tg256       512  331.87
$ halodb sql --format csv "select test, n_ubatch, quant from throughput order by id limit 2"
> test,n_ubatch,quant
> pp512,512,Q8_0
> tg128,512,Q8_0
$ halodb sql --format json "select test, n_ubatch, avg_ts, stddev_ts, null as missing from throughput order by id limit 2"
> [
>   {"test": "pp512", "n_ubatch": 512, "avg_ts": 712.405669, "stddev_ts": 130.283283, "missing": null},
>   {"test": "tg128", "n_ubatch": 512, "avg_ts": 211.370129, "stddev_ts": 0.638482, "missing": null}
> ]
$ halodb sql --format md "select model, quant, test from throughput order by id limit 2"
> | model | quant | test |
> | --- | --- | --- |
> | llama ?B | Q8\_0 | pp512 |
> | llama ?B | Q8\_0 | tg128 |
$ halodb sql "select * from throughput where 0"
> id  host  backend  build_commit  build_number  model  model_file  quant  type_k  type_v  flash_attn  n_gpu_layers  n_batch  n_ubatch  n_threads  test  n_prompt  n_gen  n_depth  avg_ts  stddev_ts  n_reps  status  source  error  test_time  variant  name  gate
> --  ----  -------  ------------  ------------  -----  ----------  -----  ------  ------  ----------  ------------  -------  --------  ---------  ----  --------  -----  -------  ------  ---------  ------  ------  ------  -----  ---------  -------  ----  ----
> (no rows)
$ halodb sql "delete from bench"
! halodb: refusing to run a statement that writes: halodb sql is read-only ('delete from bench')
? 1
$ halodb sql "insert into host (name, named_by) values ('x', 'option')"
! halodb: refusing to run a statement that writes: halodb sql is read-only ('insert into host (name, named_by) values ('x', 'option')')
? 1
$ halodb sql "select 1; select 2"
! halodb: expected one SQL statement, found more after 'select 1;'
? 1
$ halodb sql "select nope from throughput"
! halodb: bad SQL: no such column: nope
? 1
$ halodb sql --format yaml "select 1"
! halodb: --format: unknown format 'yaml': expected table, csv, json or md
! usage: halodb sql [--format table|csv|json|md] [--db PATH] QUERY
! (see 'halodb sql --help')
? 2
$ halodb sql
! halodb: sql: expected one QUERY argument (quote it), got 0
! usage: halodb sql [--format table|csv|json|md] [--db PATH] QUERY
! (see 'halodb sql --help')
? 2
$ halodb sql "select 1" "select 2"
! halodb: sql: expected one QUERY argument (quote it), got 2
! usage: halodb sql [--format table|csv|json|md] [--db PATH] QUERY
! (see 'halodb sql --help')
? 2
$ halodb sql "select count(*) from throughput"
> count(*)
> --------
>        6
# --schema: the views' columns as README.md documents them, without a store
$ halodb --db none.db sql --schema | head -n 6
> throughput: one row per llama-bench test result
>   id             the result's id (throughput_sample.throughput_id refers to it)
>   host           the host's name (--host, or derived; see halodb hosts)
>   backend        CUDA, ROCm, Vulkan, Metal/MTL, CPU, ... as llama-bench
>                  reported it, ,RPC appended when RPC was used; old boolean
>                  flags mapped to the same names
$ halodb sql --schema | grep -A 3 '^quality_item:'
> quality_item: the items behind a score
>   quality_id     the quality.id it belongs to
>   item           HumanEval/0, python/two-fer, a document id, len=16000,depth=50
>   passed         1, 0, or NULL for an item that is not pass/fail
$ halodb sql --schema --format csv | grep '^throughput,n_\(batch\|ubatch\),'
> throughput,n_batch,as llama-bench ran; NULL when not recorded
> throughput,n_ubatch,as llama-bench ran; NULL when not recorded
$ halodb sql --schema --format csv | cut -d, -f1 | uniq -c
>       1 view
>      29 throughput
>       3 throughput_sample
>       2 bench_raw
>      24 server_timing
>      24 quality
>       4 quality_item
>      10 reference_score
$ halodb sql --schema "select 1"
! halodb: sql: --schema takes no QUERY, got 'select 1'
! usage: halodb sql [--format table|csv|json|md] [--db PATH] QUERY
! (see 'halodb sql --help')
? 2
$ ls none.db
! ls: cannot access 'none.db': No such file or directory
? 2
