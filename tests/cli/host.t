# Hosts: named with --host, or derived from cpu_info + gpu_info; a name
# given once is remembered for that machine's later files.
$ halodb ingest --host cpu-vm fixtures/b9749/bench-moe-q8kv.json
> fixtures/b9749/bench-moe-q8kv.json: 4 rows (llama-bench-json)
> ingested 1 file (4 rows)
$ halodb ingest fixtures/b9749/bench-moe-q4kv.jsonl
> fixtures/b9749/bench-moe-q4kv.jsonl: 4 rows (llama-bench-jsonl)
> ingested 1 file (4 rows)
$ halodb hosts
> host    identified_by  rows  cpu_info  gpu_info  facts
> ------  -------------  ----  --------  --------  -----
> cpu-vm  --host            8  AMD EPYC
$ halodb hosts --format csv
> host,identified_by,rows,cpu_info,gpu_info,facts
> cpu-vm,--host,8,AMD EPYC,,
$ halodb ingest --host '' fixtures/b9749/bench-llama-pg-ub.json
! halodb: --host: expected a non-empty name on one line
! usage: halodb ingest [--host NAME | --host-from-dir] [--stderr FILE] [--replace]
! (see 'halodb ingest --help')
? 2
