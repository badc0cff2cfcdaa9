# halodb query quality: pass rates with Wilson 95% intervals, compared.
# Two Aider polyglot runs of the same 12 exercises (fixtures/query/quality):
# strix passes 6 at the first try and 10 at the second, a30 3 and 4, and
# every exercise a30 passes strix passes too.  Expected values computed
# independently (Python 3, math module only; formulas in
# tests/unit/test_q_quality.c):
#   pass_rate_2: discordant 6 and 0: exact McNemar 2 / 2^6 = 0.03125,
#     a better; 10/12 - 4/12 = 0.5, Newcombe (0.10583, 0.72899);
#     Wilson 10/12 (0.55197, 0.95303); min detectable at 4/12, n 12: 0.53322
#   pass_rate_1: discordant 3 and 0: 2 / 2^3 = 0.25, within noise
#   niah 3/3: Wilson at k = n: (3 / (3 + z^2), 1) = (0.43850, 1)
#   against the leaderboard's 56.4% of 225 (127 passes): pooled z =
#     1.83767, p = 0.06611, Newcombe (-0.01948, 0.40526), within noise
$ halodb ingest --host strix --model qwen3.6 --quant Q4_K_M --kv q8_0 --backend Vulkan --variant whole fixtures/query/quality/2026-01-10-00-00-00--qwen36-strix
> fixtures/query/quality/2026-01-10-00-00-00--qwen36-strix: 2 rows, 24 items (aider-run)
> ingested 1 file (2 rows)
$ halodb ingest --host a30 --model qwen3.6 --quant Q4_K_M --kv q4_0 --backend CUDA --variant whole fixtures/query/quality/2026-01-11-00-00-00--qwen36-a30
> fixtures/query/quality/2026-01-11-00-00-00--qwen36-a30: 2 rows, 24 items (aider-run)
> ingested 1 file (2 rows)
$ halodb ingest --host a30 --model qwen3.6 --niah-pass 7 fixtures/quality/niah
> fixtures/quality/niah/qwen3.6-strix/qwen3_6_len_32000_depth_5000_results.json: 1 row, 1 item (niah)
> fixtures/quality/niah/qwen3.6-strix/qwen3_6_len_4000_depth_1000_results.json: 0 rows, 1 item (niah)
> fixtures/quality/niah/qwen3.6-strix/qwen3_6_len_4000_depth_9000_results.json: 0 rows, 1 item (niah)
> ingested 3 files (1 row)
$ halodb ingest fixtures/quality/evalplus/aider-board.yml
> fixtures/quality/evalplus/aider-board.yml: 2 rows (aider-leaderboard)
> ingested 1 file (2 rows)
# Every row against the best of its benchmark, metric and model; the best
# against the runner-up; a row alone compared with nothing.
$ halodb query quality
> id  host   model    quant   kv    benchmark       metric       variant  partial  n_items  n_pass  score  pass_rate  pass_lo  pass_hi  compared_with  reference  other_n  other_rate    diff  diff_lo  diff_hi  test     n_shared_items      p  min_detectable  verdict       differs                                                     a_unchosen  b_unchosen  note
> --  -----  -------  ------  ----  --------------  -----------  -------  -------  -------  ------  -----  ---------  -------  -------  -------------  ---------  -------  ----------  ------  -------  -------  -------  --------------  -----  --------------  ------------  ----------------------------------------------------------  ----------  ----------  -----------------------------------------------
>  1  strix  qwen3.6  Q4_K_M  q8_0  aider-polyglot  pass_rate_1  whole          0       12       6  0.500      0.500    0.254    0.746              3                  12       0.250   0.250   -0.125    0.544  mcnemar              12   0.25           0.544  within noise  host strix vs a30; backend Vulkan vs CUDA; kv q8_0 vs q4_0                          best of 2; compared with the runner-up
>  3  a30    qwen3.6  Q4_K_M  q4_0  aider-polyglot  pass_rate_1  whole          0       12       3  0.250      0.250    0.089    0.532              1                  12       0.500  -0.250   -0.544    0.125  mcnemar              12   0.25           0.478  within noise  host a30 vs strix; backend CUDA vs Vulkan; kv q4_0 vs q8_0
>  2  strix  qwen3.6  Q4_K_M  q8_0  aider-polyglot  pass_rate_2  whole          0       12      10  0.833      0.833    0.552    0.953              4                  12       0.333   0.500    0.106    0.729  mcnemar              12  0.031           0.533  a better      host strix vs a30; backend Vulkan vs CUDA; kv q8_0 vs q4_0                          best of 2; compared with the runner-up
>  4  a30    qwen3.6  Q4_K_M  q4_0  aider-polyglot  pass_rate_2  whole          0       12       4  0.333      0.333    0.138    0.609              2                  12       0.833  -0.500   -0.729   -0.106  mcnemar              12  0.031           0.540  b better      host a30 vs strix; backend CUDA vs Vulkan; kv q4_0 vs q8_0
>  5  a30    qwen3.6                niah            pass_rate                   0        3       3  1.000      1.000    0.439    1.000                                                                                                                                                                                                                             the only row of its benchmark, metric and model
$ halodb query quality --format csv --benchmark niah
> id,host,model,quant,kv,benchmark,metric,variant,partial,n_items,n_pass,score,pass_rate,pass_lo,pass_hi,compared_with,reference,other_n,other_rate,diff,diff_lo,diff_hi,test,n_shared_items,p,min_detectable,verdict,differs,a_unchosen,b_unchosen,note
> 5,a30,qwen3.6,,,niah,pass_rate,,0,3,3,1.0,1.0,0.438502968244955,1.0,,,,,,,,,,,,,,,,"the only row of its benchmark, metric and model"
# Two sides: each way they differ besides the selector is labelled.
$ halodb query quality --a strix --b a30
> id  host   model    quant   kv    benchmark       metric       variant  partial  n_items  n_pass  score  pass_rate  pass_lo  pass_hi  compared_with  reference  other_n  other_rate   diff  diff_lo  diff_hi  test     n_shared_items      p  min_detectable  verdict       differs                                  a_unchosen  b_unchosen  note
> --  -----  -------  ------  ----  --------------  -----------  -------  -------  -------  ------  -----  ---------  -------  -------  -------------  ---------  -------  ----------  -----  -------  -------  -------  --------------  -----  --------------  ------------  ---------------------------------------  ----------  ----------  ----
>  1  strix  qwen3.6  Q4_K_M  q8_0  aider-polyglot  pass_rate_1  whole          0       12       6  0.500      0.500    0.254    0.746              3                  12       0.250  0.250   -0.125    0.544  mcnemar              12   0.25           0.544  within noise  backend Vulkan vs CUDA; kv q8_0 vs q4_0           0           0
>  2  strix  qwen3.6  Q4_K_M  q8_0  aider-polyglot  pass_rate_2  whole          0       12      10  0.833      0.833    0.552    0.953              4                  12       0.333  0.500    0.106    0.729  mcnemar              12  0.031           0.533  a better      backend Vulkan vs CUDA; kv q8_0 vs q4_0           0           0
$ halodb query quality --a host=strix,kv=q8_0 --b kv=q4_0 --format json
> [
>   {"id": 1, "host": "strix", "model": "qwen3.6", "quant": "Q4_K_M", "kv": "q8_0", "benchmark": "aider-polyglot", "metric": "pass_rate_1", "variant": "whole", "partial": 0, "n_items": 12, "n_pass": 6, "score": 0.5, "pass_rate": 0.5, "pass_lo": 0.253781597633706, "pass_hi": 0.746218402366294, "compared_with": 3, "reference": null, "other_n": 12, "other_rate": 0.25, "diff": 0.25, "diff_lo": -0.124592850700281, "diff_hi": 0.544216396285966, "test": "mcnemar", "n_shared_items": 12, "p": 0.25, "min_detectable": 0.543684552394666, "verdict": "within noise", "differs": "backend Vulkan vs CUDA", "a_unchosen": 0, "b_unchosen": 0, "note": null},
>   {"id": 2, "host": "strix", "model": "qwen3.6", "quant": "Q4_K_M", "kv": "q8_0", "benchmark": "aider-polyglot", "metric": "pass_rate_2", "variant": "whole", "partial": 0, "n_items": 12, "n_pass": 10, "score": 0.833333333333333, "pass_rate": 0.833333333333333, "pass_lo": 0.551969137747027, "pass_hi": 0.953034857816146, "compared_with": 4, "reference": null, "other_n": 12, "other_rate": 0.333333333333333, "diff": 0.5, "diff_lo": 0.105834527783922, "diff_hi": 0.728990534542784, "test": "mcnemar", "n_shared_items": 12, "p": 0.03125, "min_detectable": 0.533221345281163, "verdict": "a better", "differs": "backend Vulkan vs CUDA", "a_unchosen": 0, "b_unchosen": 0, "note": null}
> ]
# Against a published score: the leaderboard scores pass_rate_2, so only
# those rows; no item-level test, a two-proportion test on its 225.
$ halodb query quality --reference 'claude-sonnet-4-20250514 (no thinking)' --format json
> [
>   {"id": 2, "host": "strix", "model": "qwen3.6", "quant": "Q4_K_M", "kv": "q8_0", "benchmark": "aider-polyglot", "metric": "pass_rate_2", "variant": "whole", "partial": 0, "n_items": 12, "n_pass": 10, "score": 0.833333333333333, "pass_rate": 0.833333333333333, "pass_lo": 0.551969137747027, "pass_hi": 0.953034857816146, "compared_with": null, "reference": "claude-sonnet-4-20250514 (no thinking)", "other_n": 225, "other_rate": 0.564, "diff": 0.269333333333333, "diff_lo": -0.0194790377310469, "diff_hi": 0.405258713599841, "test": "two-proportion", "n_shared_items": null, "p": 0.0661103592216685, "min_detectable": 0.390307706851674, "verdict": "within noise", "differs": "variant whole vs diff", "a_unchosen": null, "b_unchosen": 0, "note": null},
>   {"id": 4, "host": "a30", "model": "qwen3.6", "quant": "Q4_K_M", "kv": "q4_0", "benchmark": "aider-polyglot", "metric": "pass_rate_2", "variant": "whole", "partial": 0, "n_items": 12, "n_pass": 4, "score": 0.333333333333333, "pass_rate": 0.333333333333333, "pass_lo": 0.138120091091213, "pass_hi": 0.6093779111272, "compared_with": null, "reference": "claude-sonnet-4-20250514 (no thinking)", "other_n": 225, "other_rate": 0.564, "diff": -0.230666666666667, "diff_lo": -0.43629020481179, "diff_hi": 0.0525592663652489, "test": "two-proportion", "n_shared_items": null, "p": 0.116677103910093, "min_detectable": 0.390307706851674, "verdict": "within noise", "differs": "variant whole vs diff", "a_unchosen": null, "b_unchosen": 0, "note": null}
> ]
# Empty results say why; selectors that name nothing are errors.
$ halodb query quality --reference 'gpt-5 (high)' --benchmark niah
> id  host  model  quant  kv  benchmark  metric  variant  partial  n_items  n_pass  score  pass_rate  pass_lo  pass_hi  compared_with  reference  other_n  other_rate  diff  diff_lo  diff_hi  test  n_shared_items  p  min_detectable  verdict  differs  a_unchosen  b_unchosen  note
> --  ----  -----  -----  --  ---------  ------  -------  -------  -------  ------  -----  ---------  -------  -------  -------------  ---------  -------  ----------  ----  -------  -------  ----  --------------  -  --------------  -------  -------  ----------  ----------  ----
> (no quality row of the benchmarks that reference 'gpt-5 (high)' scores (aider-polyglot) among those --benchmark and --model select)
$ halodb query quality --reference gpt-6
! halodb: --reference: no reference_score rows with model 'gpt-6' (models in the store: claude-sonnet-4-20250514 (no thinking), gpt-5 (high))
? 1
$ halodb query quality --a strix
! halodb: query quality: --a and --b go together
! usage: halodb query quality [--benchmark B] [--model M] [--a SEL --b SEL]
! (see 'halodb query quality --help')
? 2
$ halodb query quality --a strix --b a30 --reference 'gpt-5 (high)'
! halodb: query quality: --reference compares every row with a published score; it does not go with --a and --b
! usage: halodb query quality [--benchmark B] [--model M] [--a SEL --b SEL]
! (see 'halodb query quality --help')
? 2
$ halodb query quality --benchmark gsm8k
! halodb: --benchmark: no quality rows with benchmark 'gsm8k' (benchmarks in the store: aider-polyglot, niah)
? 1
$ halodb query quality --a fa=1 --b a30
! halodb: --a: fa is not known for quality rows (keys: host, backend, build, model, quant, kv, variant)
? 1
$ halodb query quality --a host=strix,ngl=99 --b a30
! halodb: --a: ngl is not known for quality rows (keys: host, backend, build, model, quant, kv, variant)
? 1
$ halodb query quality --model nosuch
! halodb: --model: no quality rows with model=nosuch (model in the store: qwen3.6)
? 1
