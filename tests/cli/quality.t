# Quality results.  The files record neither machine nor quant nor KV
# cache: the user attaches them, and what a file calls its model is kept.
$ halodb ingest --host strix --model qwen3.6 --quant Q4_K_M --kv q8_0 --backend Vulkan --build b9749 --variant thinking fixtures/quality/lm_eval/local-chat
> fixtures/quality/lm_eval/local-chat/results_2026-11-20T10-00-00.123456.json: 4 rows, 8 items (lm-eval)
> ingested 1 file (4 rows)
$ halodb sql "select host, backend, build_commit, model, quant, type_k, type_v, benchmark, metric, variant, n_items, n_pass, score, stderr, partial from quality order by id"
> host   backend  build_commit  model    quant   type_k  type_v  benchmark  metric                        variant   n_items  n_pass  score  stderr  partial
> -----  -------  ------------  -------  ------  ------  ------  ---------  ----------------------------  --------  -------  ------  -----  ------  -------
> strix  Vulkan   b9749         qwen3.6  Q4_K_M  q8_0    q8_0    gsm8k      exact_match,strict-match      thinking        4       3   0.75    0.25        1
> strix  Vulkan   b9749         qwen3.6  Q4_K_M  q8_0    q8_0    gsm8k      exact_match,flexible-extract  thinking        4       4    1.0     0.0        1
> strix  Vulkan   b9749         qwen3.6  Q4_K_M  q8_0    q8_0    ifeval     prompt_level_strict_acc,none  thinking        2            0.5     0.5        1
> strix  Vulkan   b9749         qwen3.6  Q4_K_M  q8_0    q8_0    ifeval     inst_level_strict_acc,none    thinking        2            0.6                1
$ halodb sql "select harness, model_named, version, run_date from quality where id = 1"
> harness  model_named  version  run_date
> -------  -----------  -------  --------------------
> lm_eval  qwen3.6      3.0      2025-11-20T10:00:00Z
$ halodb sql "select quality_id, item, passed from quality_item where quality_id = 1 order by item"
> quality_id  item  passed
> ----------  ----  ------
>          1  0          1
>          1  1          1
>          1  2          1
>          1  3          0
# Look-alikes are refused; a samples file alone is not enough.
$ halodb ingest fixtures/quality/lm_eval/lookalike/results_2026-01-01T00-00-00.json
> 1 failed
! fixtures/quality/lm_eval/lookalike/results_2026-01-01T00-00-00.json:1:1: not lm-evaluation-harness output: a results file has 'results', 'versions' and 'config', this one has no 'versions' or 'config' (keys: model, tasks, num_fewshot, results)
? 1
$ halodb --db other.db ingest fixtures/quality/lm_eval/local-chat/samples_gsm8k_2026-11-20T10-00-00.123456.jsonl
> 1 failed
! fixtures/quality/lm_eval/local-chat/samples_gsm8k_2026-11-20T10-00-00.123456.jsonl:1:1: an lm-evaluation-harness samples file is read with its results file: give both (results_<date>.json and samples_<task>_<date>.jsonl)
? 1
# EvalPlus: base and plus; a plus pass counts only when base passed.
$ halodb ingest --host a30 --model qwen3.6 --quant Q4_K_M --kv q4_0 fixtures/quality/evalplus/qwen3.6--Q4_K_M_openai_temp_0.0.eval_results.json
> fixtures/quality/evalplus/qwen3.6--Q4_K_M_openai_temp_0.0.eval_results.json: 2 rows, 10 items (evalplus)
> ingested 1 file (2 rows)
$ halodb sql "select host, benchmark, metric, n_items, n_pass, score, partial, model_named from quality where harness = 'evalplus'"
> host  benchmark   metric  n_items  n_pass  score  partial  model_named
> ----  ----------  ------  -------  ------  -----  -------  --------------
> a30   humaneval   pass@1        5       3    0.6        1  qwen3.6/Q4_K_M
> a30   humaneval+  pass@1        5       2    0.4        1  qwen3.6/Q4_K_M
$ halodb sql "select q.benchmark, i.item, i.passed from quality_item i join quality q on q.id = i.quality_id where i.item in ('HumanEval/1', 'HumanEval/2') order by 1, 2"
> benchmark   item         passed
> ----------  -----------  ------
> humaneval   HumanEval/1       1
> humaneval   HumanEval/2       0
> humaneval+  HumanEval/1       0
> humaneval+  HumanEval/2       0
# Needle in a haystack: one row per run, an item per cell.
$ halodb ingest --host a30 --model qwen3.6 --niah-pass 7 fixtures/quality/niah
> fixtures/quality/niah/qwen3.6-strix/qwen3_6_len_32000_depth_5000_results.json: 1 row, 1 item (niah)
> fixtures/quality/niah/qwen3.6-strix/qwen3_6_len_4000_depth_1000_results.json: 0 rows, 1 item (niah)
> fixtures/quality/niah/qwen3.6-strix/qwen3_6_len_4000_depth_9000_results.json: 0 rows, 1 item (niah)
> ingested 3 files (1 row)
$ halodb sql "select benchmark, metric, n_items, n_pass, score from quality where harness = 'niah'"
> benchmark  metric     n_items  n_pass  score
> ---------  ---------  -------  ------  -----
> niah       pass_rate        3       3    1.0
# Aider: a run directory; pass rates per try over the results found.
$ halodb ingest --host strix --model qwen3.6 --variant edit=whole fixtures/aider/2025-08-23-15-47-21--polyglot-fixture
> fixtures/aider/2025-08-23-15-47-21--polyglot-fixture: 2 rows, 10 items (aider-run)
> ingested 1 file (2 rows)
! fixtures/aider/2025-08-23-15-47-21--polyglot-fixture/rust/exercises/practice/acronym/.aider.results.json:7:1: warning: not valid JSON (']' expected near end of file); left out of the counts, as 'benchmark.py --stats' does
$ halodb sql "select benchmark, metric, n_items, n_pass, score, partial, json_extract(q.details, '$.total_tests') expected, json_extract(q.details, '$.results_found') found from quality q where harness = 'aider' order by metric"
> benchmark       metric       n_items  n_pass  score  partial  expected  found
> --------------  -----------  -------  ------  -----  -------  --------  -----
> aider-polyglot  pass_rate_1        5       2    0.4        1         7      5
> aider-polyglot  pass_rate_2        5       3    0.6        1         7      5
$ halodb sql "select item, passed from quality_item where quality_id = (select max(id) from quality) order by item"
> item                    passed
> ----------------------  ------
> cpp/bank-account             1
> go/bank-account              1
> java/zipper                  0
> javascript/hello-world       1
> python/two-fer               0
# The Aider leaderboard: reference scores for the local-vs-frontier view.
$ halodb ingest fixtures/quality/evalplus/aider-board.yml
> fixtures/quality/evalplus/aider-board.yml: 2 rows (aider-leaderboard)
> ingested 1 file (2 rows)
$ halodb sql "select model, benchmark, variant, score, n_items, date, json_extract(details, '$.commit_hash') commit_hash from reference_score"
> model                                   benchmark       variant              score  n_items  date        commit_hash
> --------------------------------------  --------------  -------------------  -----  -------  ----------  -----------
> gpt-5 (high)                            aider-polyglot  diff reasoning=high   0.88      225  2025-08-23  32faf82
> claude-sonnet-4-20250514 (no thinking)  aider-polyglot  diff                 0.564      225  2025-05-25  5318380
$ halodb ingest --niah-pass 11 fixtures/quality/niah
! halodb: --niah-pass: expected a score from 1 to 10, got '11'
! usage: halodb ingest [--host NAME | --host-from-dir] [--stderr FILE] [--replace]
! (see 'halodb ingest --help')
? 2
$ halodb ingest --kv q8_0/ fixtures/quality/niah
! halodb: --kv: expected a KV cache type such as q8_0, or K/V types such as q8_0/q4_0, got 'q8_0/'
! usage: halodb ingest [--host NAME | --host-from-dir] [--stderr FILE] [--replace]
! (see 'halodb ingest --help')
? 2
# Re-ingesting is a no-op, for a results file with its samples and for an
# Aider run directory alike.
$ halodb ingest fixtures/quality/lm_eval/local-chat fixtures/aider/2025-08-23-15-47-21--polyglot-fixture
> fixtures/quality/lm_eval/local-chat/results_2026-11-20T10-00-00.123456.json: already ingested
> fixtures/aider/2025-08-23-15-47-21--polyglot-fixture: already ingested
> fixtures/quality/lm_eval/local-chat/samples_gsm8k_2026-11-20T10-00-00.123456.jsonl: already ingested
> 3 already ingested
$ halodb sql "select count(*), (select count(*) from quality_item) from quality"
> count(*)  (select count(*) from quality_item)
> --------  -----------------------------------
>        9                                   31
# The keys for quality rows do not overrule what a llama-bench file says.
$ halodb --db bench.db ingest --quant Q8_0 fixtures/b9749/bench-moe-q8kv.json
> fixtures/b9749/bench-moe-q8kv.json: 4 rows (llama-bench-json)
> ingested 1 file (4 rows)
! fixtures/b9749/bench-moe-q8kv.json: warning: --model, --quant, --kv, --backend and --build name what quality results leave out; this file's rows take them from the file itself
$ halodb --db bench.db sql "select distinct quant from throughput"
> quant
> ------
> Q4_K_M
