# llama-bench markdown: columns by name, the build from the footer, the KV
# default where it is certain, unknown where the table does not say.
$ halodb ingest --host cpu-vm fixtures/b9749/bench-llama-default.md fixtures/b9749/bench-moe-q8kv.stderr-md.txt
> fixtures/b9749/bench-llama-default.md: 2 rows (llama-bench-md)
> fixtures/b9749/bench-moe-q8kv.stderr-md.txt: 4 rows (llama-bench-md)
> ingested 2 files (6 rows)
$ halodb sql "select host, backend, build_commit, build_number, model, model_file, quant, type_k, flash_attn, n_gpu_layers, n_threads, n_batch, test, n_depth, avg_ts, stddev_ts, n_reps from throughput order by id"
> host    backend  build_commit  build_number  model        model_file  quant   type_k  flash_attn  n_gpu_layers  n_threads  n_batch  test   n_depth  avg_ts  stddev_ts  n_reps
> ------  -------  ------------  ------------  -----------  ----------  ------  ------  ----------  ------------  ---------  -------  -----  -------  ------  ---------  ------
> cpu-vm  CPU      d32676d               9749  llama ?B                 Q4_K_M  f16                                       2           pp512        0  847.59       13.0
> cpu-vm  CPU      d32676d               9749  llama ?B                 Q4_K_M  f16                                       2           tg128        0  278.02      33.32
> cpu-vm  CPU      d32676d               9749  qwen3moe ?B              Q4_K_M  q8_0             1                        2           pp512        0  551.95       3.42
> cpu-vm  CPU      d32676d               9749  qwen3moe ?B              Q4_K_M  q8_0             1                        2           tg128        0  261.91      37.32
> cpu-vm  CPU      d32676d               9749  qwen3moe ?B              Q4_K_M  q8_0             1                        2           pp512     1024  265.63       2.77
> cpu-vm  CPU      d32676d               9749  qwen3moe ?B              Q4_K_M  q8_0             1                        2           tg128     1024  137.53       7.86
# The same run as JSON, from the same host, merges into those rows: more
# decimals, samples, the model file.
$ halodb ingest --host cpu-vm fixtures/b9749/bench-moe-q8kv.json
> fixtures/b9749/bench-moe-q8kv.json: 0 rows, 4 already in the store (llama-bench-json)
> ingested 1 file (0 rows, 4 already in the store)
$ halodb sql "select host, test, n_depth, avg_ts, n_reps, model_file, source from throughput where model like 'qwen3moe%' order by id"
> host    test   n_depth      avg_ts  n_reps  model_file            source
> ------  -----  -------  ----------  ------  --------------------  ----------------------------------
> cpu-vm  pp512        0  551.949539       2  qwen3moe-Q4_K_M.gguf  fixtures/b9749/bench-moe-q8kv.json
> cpu-vm  tg128        0  261.905539       2  qwen3moe-Q4_K_M.gguf  fixtures/b9749/bench-moe-q8kv.json
> cpu-vm  pp512     1024  265.632581       2  qwen3moe-Q4_K_M.gguf  fixtures/b9749/bench-moe-q8kv.json
> cpu-vm  tg128     1024   137.52759       2  qwen3moe-Q4_K_M.gguf  fixtures/b9749/bench-moe-q8kv.json
# Markdown that does not say its machine merges into the same run from a
# file that does (and, ingested first, takes its host from it).
$ halodb --db pair.db ingest fixtures/b9749/bench-moe-q8kv.stderr-md.txt fixtures/b9749/bench-moe-q8kv.json
> fixtures/b9749/bench-moe-q8kv.stderr-md.txt: 4 rows (llama-bench-md)
> fixtures/b9749/bench-moe-q8kv.json: 0 rows, 4 already in the store (llama-bench-json)
> ingested 2 files (4 rows, 4 already in the store)
! fixtures/b9749/bench-moe-q8kv.stderr-md.txt: warning: the file does not say which machine ran it; its rows are under host 'unknown' (name the machine with --host)
$ halodb --db pair.db sql "select host, test, n_depth, avg_ts, n_reps, source from throughput order by id"
> host  test   n_depth      avg_ts  n_reps  source
> ----  -----  -------  ----------  ------  ----------------------------------
> epyc  pp512        0  551.949539       2  fixtures/b9749/bench-moe-q8kv.json
> epyc  tg128        0  261.905539       2  fixtures/b9749/bench-moe-q8kv.json
> epyc  pp512     1024  265.632581       2  fixtures/b9749/bench-moe-q8kv.json
> epyc  tg128     1024   137.52759       2  fixtures/b9749/bench-moe-q8kv.json
$ halodb --db pair.db hosts
> host     identified_by                   rows  cpu_info  gpu_info  facts
> -------  ------------------------------  ----  --------  --------  -----
> epyc     cpu_info+gpu_info                  4  AMD EPYC
> unknown  nothing (its files do not say)     0
# A run that died: a header and no rows, the error line kept.
$ halodb ingest --host strix fixtures/md/oom-header-only.log
> fixtures/md/oom-header-only.log: 1 row, 1 from a run that died (llama-bench-md)
> ingested 1 file (1 row)
# A run that printed two results and then hung the GPU.
$ halodb ingest --host strix fixtures/md/crashed-mid-run.log
> fixtures/md/crashed-mid-run.log: 3 rows, 1 from a run that died (llama-bench-md)
> ingested 1 file (3 rows)
! fixtures/md/crashed-mid-run.log:4:1: warning: no 'build:' line after the table that starts here (the run may have been cut off); its build is unknown
$ halodb sql "select host, model, model_file, quant, test, n_depth, avg_ts, status, error from throughput where host = 'strix' order by id"
> host   model             model_file         quant   test   n_depth  avg_ts  status   error
> -----  ----------------  -----------------  ------  -----  -------  ------  -------  ---------------------------------------------------------------------
> strix                    big-72B-Q8_0.gguf  Q8_0                            oom      ggml_vulkan: Device memory allocation of size 2491416576 failed.
> strix  qwen3moe 30B.A3B                     Q4_K_M  pp512        0  1021.5  ok
> strix  qwen3moe 30B.A3B                     Q4_K_M  tg128     8192   61.07  ok
> strix  qwen3moe 30B.A3B                     Q4_K_M                          crashed  HW Exception by GPU node-1 (Agent handle: 0x68b7b10) reason :GPU Hang
# Without --host, markdown does not say which machine ran it.
$ halodb --db other.db ingest fixtures/md/crashed-mid-run.log
> fixtures/md/crashed-mid-run.log: 3 rows, 1 from a run that died (llama-bench-md)
> ingested 1 file (3 rows)
! fixtures/md/crashed-mid-run.log:4:1: warning: no 'build:' line after the table that starts here (the run may have been cut off); its build is unknown
! fixtures/md/crashed-mid-run.log: warning: the file does not say which machine ran it; its rows are under host 'unknown' (name the machine with --host)
$ halodb ingest fixtures/md/bad-ts.md
> 1 failed
! fixtures/md/bad-ts.md:10:59: expected tokens/s as 'mean ± sd', found 'fast'
? 1
