# llama-server logs and saved responses: one row per request; a request
# both logged and saved as JSON is one row, with what each knows.
$ halodb ingest --host cpu-vm fixtures/b9749/server-qwen3moe.log
> fixtures/b9749/server-qwen3moe.log: 3 rows (llama-log)
> ingested 1 file (3 rows)
$ halodb sql "select host, model_file, quant, n_ctx, prompt_n, prompt_ms, prompt_tps, gen_n, gen_ms, gen_tps, tool from server_timing order by id"
> host    model_file            quant   n_ctx  prompt_n  prompt_ms  prompt_tps  gen_n   gen_ms  gen_tps  tool
> ------  --------------------  ------  -----  --------  ---------  ----------  -----  -------  -------  ------------
> cpu-vm  qwen3moe-Q4_K_M.gguf  Q4_K_M  32768      3602    17479.2      206.07     64   943.12    67.86  llama-server
> cpu-vm  qwen3moe-Q4_K_M.gguf  Q4_K_M  32768      3602   17491.96      205.92    256  3920.89    65.29  llama-server
> cpu-vm  qwen3moe-Q4_K_M.gguf  Q4_K_M  32768        35      52.23      670.11     96   321.63   298.48  llama-server
$ halodb ingest fixtures/b9749/server-completion-64.json fixtures/b9749/server-completion-256.json fixtures/b9749/server-chat.json
> fixtures/b9749/server-completion-64.json: 0 rows, 1 already in the store (llama-server-json)
> fixtures/b9749/server-completion-256.json: 0 rows, 1 already in the store (llama-server-json)
> fixtures/b9749/server-chat.json: 0 rows, 1 already in the store (llama-server-json)
> ingested 3 files (0 rows, 3 already in the store)
! warning: 3 files do not say which machine ran them; their rows are under host 'unknown' (name the machine with --host, or --host-from-dir for a directory per machine): 'fixtures/b9749/server-completion-64.json', 'fixtures/b9749/server-completion-256.json', 'fixtures/b9749/server-chat.json'
$ halodb sql "select host, build_number, prompt_n, prompt_ms, gen_n, gen_ms, cache_n, slot_id, task_id from server_timing order by id"
> host    build_number  prompt_n  prompt_ms  gen_n    gen_ms  cache_n  slot_id  task_id
> ------  ------------  --------  ---------  -----  --------  -------  -------  -------
> cpu-vm                    3602  17479.197     64   943.115        0        0        0
> cpu-vm                    3602  17491.958    256  3920.895        0        0       66
> cpu-vm          9749        35      52.23     96   321.633        1        0      324
$ halodb ingest fixtures/b9749/server-props.json
> 1 failed
! fixtures/b9749/server-props.json:1:1: unrecognized format: not what llama-bench, llama-server, llama-cli, lm-evaluation-harness, EvalPlus, Aider or a needle-in-a-haystack test write (see 'halodb ingest --help')
? 1
$ halodb ingest --dry-run fixtures/b9749/server-qwen3moe.log fixtures/b9749/server-chat.json
> fixtures/b9749/server-qwen3moe.log: already ingested
> fixtures/b9749/server-chat.json: already ingested
> 2 already ingested; dry run, nothing written
