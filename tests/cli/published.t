# Published tables transcribed into CSV (data/README.md): found by their
# header, every cell checked, one measurement printed twice stored once,
# cells that were not measured kept with their status.
$ halodb ingest --dry-run fixtures/published/seed-sample.csv
> fixtures/published/seed-sample.csv: published (transcribed): would add 5 rows, 2 already in the store, 1 from a run that died
> would ingest 1 file (5 rows, 2 already in the store); dry run, nothing written
$ halodb ingest fixtures/published/seed-sample.csv
> fixtures/published/seed-sample.csv: 5 rows, 2 already in the store, 1 from a run that died (published)
> ingested 1 file (5 rows, 2 already in the store)
$ halodb sql "select host, model, quant, type_k, test, n_depth, avg_ts, status, error from throughput order by id"
> host        model        quant   type_k  test   n_depth  avg_ts  status  error
> ----------  -----------  ------  ------  -----  -------  ------  ------  -----------
> a30         gpt-oss-20b  Q4_K_M  q4_0    tg128        0   130.2  ok
> strix-halo  gpt-oss-20b  Q4_K_M  q8_0    tg128        0    80.8  ok
> a30         gpt-oss-20b  Q4_K_M  q4_0    tg128    65536          wedged  hung at 65K
$ halodb sql "select host, model, benchmark, metric, variant, n_items, n_pass, score, details from quality"
> host        model    benchmark       metric       variant   n_items  n_pass  score  details
> ----------  -------  --------------  -----------  --------  -------  ------  -----  --------------------------------------------------------------------
> strix-halo  qwen3.6  aider-polyglot  pass_rate_2  no-think      225     121  0.538  {"transcribed_from":"000_1cef05ec07c53e0d.txt","section":"Polyglot"}
$ halodb sql "select model, benchmark, variant, score, n_items, details from reference_score"
> model            benchmark       variant   score  n_items  details
> ---------------  --------------  --------  -----  -------  -----------------------------------------------------------------------------------------------
> claude-sonnet-4  aider-polyglot  thinking  0.613      225  {"transcribed_from":"000_1cef05ec07c53e0d.txt","section":"Polyglot","score_from":"pass_rate_2"}
$ halodb sql "select path, format, era from source"
> path                                format     era
> ----------------------------------  ---------  -----------
> fixtures/published/seed-sample.csv  published  transcribed
$ halodb query ratio --num a30 --den strix-halo --format csv
> model,quant,test,depth (tokens),num_ts (t/s),num_sd (t/s),num_n,den_ts (t/s),den_sd (t/s),den_n,ratio,ratio_lo,ratio_hi,p_welch,p_mann_whitney,verdict,differs,method,num_id,den_id,num_unchosen,den_unchosen
> gpt-oss-20b,Q4_K_M,tg128,0,130.2,,,80.8,,,1.61138613861386,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0,"mean, sd, n",1,2,0,0
> gpt-oss-20b,Q4_K_M,tg128,65536,,,,,,,,,,,,num wedged,,,3,,0,
$ halodb query quality --reference claude-sonnet-4
> id  host        model    quant   kv    benchmark       metric       variant   partial  n_items  n_pass  score  pass_rate  pass_lo  pass_hi  compared_with  reference        other_n  other_rate    diff  diff_lo  diff_hi  test            n_shared_items    p  min_detectable  verdict       differs                       a_unchosen  b_unchosen  note
> --  ----------  -------  ------  ----  --------------  -----------  --------  -------  -------  ------  -----  ---------  -------  -------  -------------  ---------------  -------  ----------  ------  -------  -------  --------------  --------------  ---  --------------  ------------  ----------------------------  ----------  ----------  ----
>  1  strix-halo  qwen3.6  Q4_K_M  q8_0  aider-polyglot  pass_rate_2  no-think        0      225     121  0.538      0.538    0.473    0.602                 claude-sonnet-4      225       0.613  -0.075   -0.165    0.016  two-proportion                  0.1           0.131  within noise  variant no-think vs thinking                       0
# Every bad cell is refused with where it is and what was expected, and
# the file changes nothing.
$ halodb ingest fixtures/published/bad-cells.csv
> 1 failed
! fixtures/published/bad-cells.csv:2:1: expected 22 cells as in the header, found 21
? 1
$ halodb ingest fixtures/published/bad-kind.csv
> 1 failed
! fixtures/published/bad-kind.csv:2:1: expected throughput, quality or reference for 'kind', found 'measure'
? 1
$ halodb ingest fixtures/published/bad-missing-value.csv
> 1 failed
! fixtures/published/bad-missing-value.csv:2:60: expected a value for 'value' in a row whose status is ok (a cell that was not measured has a status)
? 1
$ halodb ingest fixtures/published/bad-percent.csv
> 1 failed
! fixtures/published/bad-percent.csv:2:69: expected a fraction from 0 to 1 for 'value', found '53.8'
? 1
$ halodb ingest fixtures/published/bad-reference-host.csv
> 1 failed
! fixtures/published/bad-reference-host.csv:2:11: expected no host in a reference row (a published score names no machine), found 'a30'
? 1
$ halodb ingest fixtures/published/bad-status-value.csv
> 1 failed
! fixtures/published/bad-status-value.csv:2:60: expected no value in a row whose status is crashed
? 1
$ halodb ingest fixtures/published/bad-test.csv
> 1 failed
! fixtures/published/bad-test.csv:3:51: expected a llama-bench test (pp512, tg128, pp512+tg128) for 'test', found 'tg1k'
? 1
$ halodb ingest fixtures/published/bad-value.csv
> 1 failed
! fixtures/published/bad-value.csv:2:60: expected a number of 0 or more for 'value', found 'fast'
? 1
$ halodb sql "select count(*) from throughput"
> count(*)
> --------
>        3
