# Ingesting llama-bench JSON and JSONL (found by content, whatever the name),
# then reading the rows back through the public views.
$ halodb ingest fixtures/b9749/bench-moe-q8kv.json fixtures/b9749/bench-moe-q4kv.jsonl fixtures/b9749/bench-llama-quants.stderr-json.txt
> fixtures/b9749/bench-moe-q8kv.json: 4 rows (llama-bench-json)
> fixtures/b9749/bench-moe-q4kv.jsonl: 4 rows (llama-bench-jsonl)
> fixtures/b9749/bench-llama-quants.stderr-json.txt: 16 rows (llama-bench-json)
> ingested 3 files (24 rows)
$ halodb sql "select host, backend, build_commit, build_number, model, model_file, quant, type_k, type_v, flash_attn, test, n_depth, avg_ts, stddev_ts, n_reps, status from throughput where model like 'qwen3moe%' order by id"
> host  backend  build_commit  build_number  model        model_file            quant   type_k  type_v  flash_attn  test   n_depth      avg_ts  stddev_ts  n_reps  status
> ----  -------  ------------  ------------  -----------  --------------------  ------  ------  ------  ----------  -----  -------  ----------  ---------  ------  ------
> epyc  CPU      d32676d               9749  qwen3moe ?B  qwen3moe-Q4_K_M.gguf  Q4_K_M  q8_0    q8_0             1  pp512        0  551.949539   3.421954       2  ok
> epyc  CPU      d32676d               9749  qwen3moe ?B  qwen3moe-Q4_K_M.gguf  Q4_K_M  q8_0    q8_0             1  tg128        0  261.905539  37.321809       2  ok
> epyc  CPU      d32676d               9749  qwen3moe ?B  qwen3moe-Q4_K_M.gguf  Q4_K_M  q8_0    q8_0             1  pp512     1024  265.632581   2.769176       2  ok
> epyc  CPU      d32676d               9749  qwen3moe ?B  qwen3moe-Q4_K_M.gguf  Q4_K_M  q8_0    q8_0             1  tg128     1024   137.52759   7.857135       2  ok
> epyc  CPU      d32676d               9749  qwen3moe ?B  qwen3moe-Q4_K_M.gguf  Q4_K_M  q4_0    q4_0             1  pp512        0  440.797537   1.803621       2  ok
> epyc  CPU      d32676d               9749  qwen3moe ?B  qwen3moe-Q4_K_M.gguf  Q4_K_M  q4_0    q4_0             1  tg128        0  289.971008   2.997417       2  ok
> epyc  CPU      d32676d               9749  qwen3moe ?B  qwen3moe-Q4_K_M.gguf  Q4_K_M  q4_0    q4_0             1  pp512     1024  155.902713   2.570778       2  ok
> epyc  CPU      d32676d               9749  qwen3moe ?B  qwen3moe-Q4_K_M.gguf  Q4_K_M  q4_0    q4_0             1  tg128     1024   94.345272  41.778159       2  ok
$ halodb sql "select count(*), sum(n_reps) from throughput"
> count(*)  sum(n_reps)
> --------  -----------
>       24           48
$ halodb sql "select throughput_id, rep, ts from throughput_sample where throughput_id = 1"
> throughput_id  rep       ts
> -------------  ---  -------
>             1    1   549.53
>             1    2  554.369
$ halodb hosts
> host  identified_by      rows  cpu_info  gpu_info  facts
> ----  -----------------  ----  --------  --------  -----
> epyc  cpu_info+gpu_info    24  AMD EPYC
# The same bytes again, under any name, add nothing.
$ halodb ingest fixtures/b9749/bench-moe-q8kv.json
> fixtures/b9749/bench-moe-q8kv.json: already ingested
> 1 already ingested
$ cp fixtures/b9749/bench-moe-q8kv.json copy.json && halodb ingest copy.json
> copy.json: already ingested (as 'fixtures/b9749/bench-moe-q8kv.json')
> 1 already ingested
$ halodb sql "select count(*) from throughput"
> count(*)
> --------
>       24
