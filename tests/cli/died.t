# Runs that died become rows with a status and their error line, when the
# stderr capture is given along (x.json with x.stderr.txt, or --stderr).
$ halodb ingest fixtures/b9749/bench-missing-model.json fixtures/b9749/bench-missing-model.stderr.txt
> fixtures/b9749/bench-missing-model.json: 1 row, 1 from a run that died (llama-bench-json), with its stderr 'fixtures/b9749/bench-missing-model.stderr.txt'
> ingested 1 file (1 row)
! fixtures/b9749/bench-missing-model.json: warning: the file does not say which machine ran it; its rows are under host 'unknown' (name the machine with --host)
$ halodb ingest fixtures/b9749/bench-killed-partial.json fixtures/b9749/bench-killed-partial.stderr.txt
> fixtures/b9749/bench-killed-partial.json: 3 rows, 1 from a run that died (llama-bench-json), with its stderr 'fixtures/b9749/bench-killed-partial.stderr.txt'
> ingested 1 file (3 rows)
$ halodb sql "select host, model_file, test, n_depth, status, error, source from throughput order by id"
> host     model_file           test   n_depth  status   error                                                                       source
> -------  -------------------  -----  -------  -------  --------------------------------------------------------------------------  ----------------------------------------
> unknown  does-not-exist.gguf                  failed   llama_bench: error: failed to load model '/srv/models/does-not-exist.gguf'  fixtures/b9749/bench-missing-model.json
> epyc     llama-F16.gguf       pp512        0  ok                                                                                   fixtures/b9749/bench-killed-partial.json
> epyc     llama-F16.gguf       tg128        0  ok                                                                                   fixtures/b9749/bench-killed-partial.json
> epyc     llama-F16.gguf                       crashed  exit=137                                                                    fixtures/b9749/bench-killed-partial.json
# The killed run's stderr holds only the wrapper's exit status, no command
# line: its finished records tell the model, quant, build and settings of
# the run, not the test and depth it stopped at.  Those stay NULL (never
# guessed), and the report says so.
$ halodb sql "select model, quant, backend, build_number, type_k, flash_attn, n_gpu_layers, n_threads, test, n_depth from throughput where status = 'crashed'"
> model     quant  backend  build_number  type_k  flash_attn  n_gpu_layers  n_threads  test  n_depth
> --------  -----  -------  ------------  ------  ----------  ------------  ---------  ----  -------
> llama ?B  F16    CPU              9749  f16             -1            99          2
$ halodb report --out out >/dev/null && grep '^- ' out/report.md | grep 'at a point'
> - epyc: llama ?B crashed at a point its files do not tell.
> - unknown: does-not-exist.gguf failed at a point its files do not tell.
$ halodb sql "select path, format, truncated from source order by id"
> path                                            format            truncated
> ----------------------------------------------  ----------------  ---------
> fixtures/b9749/bench-missing-model.json         llama-bench-json          1
> fixtures/b9749/bench-missing-model.stderr.txt   llama-stderr              0
> fixtures/b9749/bench-killed-partial.json        llama-bench-json          1
> fixtures/b9749/bench-killed-partial.stderr.txt  llama-stderr              0
# Without its stderr, a run that printed '[' and died is an error.
$ halodb --db other.db ingest fixtures/b9749/bench-missing-model.json
> 1 failed
! fixtures/b9749/bench-missing-model.json:1:1: expected test records in the array that opens here, found none (did llama-bench fail? its stderr says why)
? 1
$ cp fixtures/b9749/bench-missing-model.json run.json && printf 'main: error: failed to create context with model\n' > run.err && halodb --db other.db ingest --stderr run.err run.json
> run.json: 1 row, 1 from a run that died (llama-bench-json), with its stderr 'run.err'
> ingested 1 file (1 row)
! run.json: warning: the file does not say which machine ran it; its rows are under host 'unknown' (name the machine with --host)
$ halodb --db other.db sql "select status, error from throughput"
> status  error
> ------  ------------------------------------------------
> failed  main: error: failed to create context with model
$ halodb ingest --stderr run.err run.json fixtures/b9749/bench-moe-q8kv.json
! halodb: --stderr: expected exactly one results file to go with it
! usage: halodb ingest [--host NAME | --host-from-dir] [--stderr FILE] [--replace]
! (see 'halodb ingest --help')
? 2
