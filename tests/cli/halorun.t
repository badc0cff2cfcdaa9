# A directory that `halodb run` wrote (manifest.json and the raw stdout
# and stderr of each test point) is one source; every row carries the
# bench gate's verdict in throughput.gate.  fixtures/run/good holds five
# sweeps: a clean one whose manifest names no host (derived from
# cpu_info), one run with --force (dirty), one with a wedged point, one
# with a crash whose stderr says out of memory, and one the gate stopped
# (points never run).  A walk finds each run directory.
$ halodb ingest fixtures/run/good
> fixtures/run/good/2026-08-05-strix-halo-deepseek-v4-flash-crashed: 3 rows, 1 from a run that died (halodb-run)
> fixtures/run/good/2026-08-05-strix-halo-deepseek-v4-flash-forced: 2 rows (halodb-run)
> fixtures/run/good/2026-08-05-strix-halo-deepseek-v4-flash-wedged: 3 rows, 1 from a run that died (halodb-run)
> fixtures/run/good/2026-11-22-epyc-qwen3moe-q4_k_m: 4 rows (halodb-run)
> fixtures/run/good/2026-11-27-epyc-vm-tiny-llama-q4_k_m: 4 rows, 2 not run (halodb-run)
> ingested 5 files (16 rows)
$ halodb sql "select host, test, n_depth, status, gate, error from throughput order by source, n_depth, test"
> host        test    n_depth  status   gate                                                                                     error
> ----------  ------  -------  -------  ---------------------------------------------------------------------------------------  -----------------------------------------------------------------------
> strix-halo  pp2048    32768  ok       clean
> strix-halo  pp2048    40960  ok       clean
> strix-halo  pp2048   262144  oom      clean                                                                                    ggml_vulkan: Device memory allocation of size 2491416576 failed.
> strix-halo  pp2048        0  ok       dirty: fans: fan1 2900 rpm is below 3500; processes: llama-server (pid 4242) is running
> strix-halo  pp2048     8192  ok       dirty: fans: fan1 2900 rpm is below 3500; processes: llama-server (pid 4242) is running
> strix-halo  pp2048    16384  ok       clean
> strix-halo  pp2048    24576  ok       clean
> strix-halo  pp2048   131072  wedged   clean                                                                                    no result after 1800 s (killed)
> epyc        pp512         0  ok       clean
> epyc        tg128         0  ok       clean
> epyc        pp512      1024  ok       clean
> epyc        tg128      1024  ok       clean
> epyc-vm     pp64          0  ok       clean
> epyc-vm     tg16          0  ok       clean
> epyc-vm     pp64        256  not_run                                                                                           gate: llama-server (pid 4242) is running (stop it, or run with --force)
> epyc-vm     tg16        256  not_run                                                                                           gate: llama-server (pid 4242) is running (stop it, or run with --force)
# A point that did not finish keeps its test, the settings its command
# line and the run's other records tell, the build the manifest names,
# and the sweep's start as its time; its raw is the point as written.
$ halodb sql "select model, model_file, quant, type_k, flash_attn, n_gpu_layers, n_ubatch, build_commit, build_number, test_time from throughput where status <> 'ok' order by id"
> model         model_file                                             quant    type_k  flash_attn  n_gpu_layers  n_ubatch  build_commit  build_number  test_time
> ------------  -----------------------------------------------------  -------  ------  ----------  ------------  --------  ------------  ------------  --------------------
> deepseek4 ?B  DeepSeek-V4-Flash-0731-UD-IQ2_XXS-00001-of-00003.gguf  IQ2_XXS  f16              1            99       256  1c3c9674d            10269  2026-08-05T10:52:00Z
> deepseek4 ?B  DeepSeek-V4-Flash-0731-UD-IQ2_XXS-00001-of-00003.gguf  IQ2_XXS  f16              1            99       256  1c3c9674d            10269  2026-08-05T10:37:00Z
> llama ?B      tiny-llama-Q4_K_M.gguf                                 Q4_K_M   q8_0             1            99       512  d32676d               9749  2026-11-27T16:28:00Z
> llama ?B      tiny-llama-Q4_K_M.gguf                                 Q4_K_M   q8_0             1            99       512  d32676d               9749  2026-11-27T16:28:00Z
$ halodb sql "select source_line, substr(raw, 1, 40) from bench join bench_raw on bench_id = id where status = 'wedged'"
> source_line  substr(raw, 1, 40)
> -----------  ----------------------------------------
>         168  {       "n": 3,       "test": "pp2048",
# The run directory, copied elsewhere, is the same bytes: already there.
$ cp -r fixtures/run/good/2026-11-22-epyc-qwen3moe-q4_k_m copy && halodb ingest copy
> copy: already ingested (as 'fixtures/run/good/2026-11-22-epyc-qwen3moe-q4_k_m')
> 1 already ingested
$ halodb sql "select path, format from source order by id"
> path                                                               format
> -----------------------------------------------------------------  ----------
> fixtures/run/good/2026-08-05-strix-halo-deepseek-v4-flash-crashed  halodb-run
> fixtures/run/good/2026-08-05-strix-halo-deepseek-v4-flash-forced   halodb-run
> fixtures/run/good/2026-08-05-strix-halo-deepseek-v4-flash-wedged   halodb-run
> fixtures/run/good/2026-11-22-epyc-qwen3moe-q4_k_m                  halodb-run
> fixtures/run/good/2026-11-27-epyc-vm-tiny-llama-q4_k_m             halodb-run
# --host wins over the host the manifest names.
$ halodb --db other.db ingest --host lab fixtures/run/good/2026-08-05-strix-halo-deepseek-v4-flash-forced
> fixtures/run/good/2026-08-05-strix-halo-deepseek-v4-flash-forced: 2 rows (halodb-run)
> ingested 1 file (2 rows)
$ halodb --db other.db sql "select distinct host, gate from throughput"
> host  gate
> ----  ---------------------------------------------------------------------------------------
> lab   dirty: fans: fan1 2900 rpm is below 3500; processes: llama-server (pid 4242) is running
# Measurements already in the store from their own JSONL file gain the
# gate; forgetting the run directory gives them back as the file said.
$ halodb --db jsonl.db ingest fixtures/b9749/bench-moe-q4kv.jsonl fixtures/run/good/2026-11-22-epyc-qwen3moe-q4_k_m
> fixtures/b9749/bench-moe-q4kv.jsonl: 4 rows (llama-bench-jsonl)
> fixtures/run/good/2026-11-22-epyc-qwen3moe-q4_k_m: 0 rows, 4 already in the store (halodb-run)
> ingested 2 files (4 rows, 4 already in the store)
$ halodb --db jsonl.db sql "select test, n_depth, gate, source from throughput order by id"
> test   n_depth  gate   source
> -----  -------  -----  -----------------------------------
> pp512        0  clean  fixtures/b9749/bench-moe-q4kv.jsonl
> tg128        0  clean  fixtures/b9749/bench-moe-q4kv.jsonl
> pp512     1024  clean  fixtures/b9749/bench-moe-q4kv.jsonl
> tg128     1024  clean  fixtures/b9749/bench-moe-q4kv.jsonl
$ halodb --db jsonl.db forget fixtures/run/good/2026-11-22-epyc-qwen3moe-q4_k_m
> forgot 1 file: 0 rows removed, 4 kept with what other files reported
$ halodb --db jsonl.db sql "select test, n_depth, gate, source from throughput order by id"
> test   n_depth  gate  source
> -----  -------  ----  -----------------------------------
> pp512        0        fixtures/b9749/bench-moe-q4kv.jsonl
> tg128        0        fixtures/b9749/bench-moe-q4kv.jsonl
> pp512     1024        fixtures/b9749/bench-moe-q4kv.jsonl
> tg128     1024        fixtures/b9749/bench-moe-q4kv.jsonl
# Dirty rows are flagged, with the checks that failed; where two rows are
# compared, a dirty one is told apart from one no gate watched.
$ halodb query noise --host strix-halo --format csv
> id,host,model,quant,test,depth (tokens),backend,build,kv,variant,status,n,mean (t/s),sd (t/s),cv,min (t/s),median (t/s),max (t/s),ci_lo (t/s),ci_hi (t/s),flags,method,error
> 4,strix-halo,deepseek4 ?B,IQ2_XXS,pp2048,0,Vulkan,10269,f16,,ok,3,106.986666666667,0.17356362906247,0.00162229214602259,106.869,106.905,107.186,106.555510710324,107.417822623009,too few repetitions; dirty: fans: fan1 2900 rpm is below 3500; processes: llama-server (pid 4242) is running,samples,
> 5,strix-halo,deepseek4 ?B,IQ2_XXS,pp2048,8192,Vulkan,10269,f16,,ok,3,77.4822,0.226004623846503,0.00291685863135666,77.2997,77.4119,77.735,76.920773390873,78.043626609127,too few repetitions; dirty: fans: fan1 2900 rpm is below 3500; processes: llama-server (pid 4242) is running,samples,
> 6,strix-halo,deepseek4 ?B,IQ2_XXS,pp2048,16384,Vulkan,10269,f16,,ok,3,60.9915666666667,0.145331804273304,0.00238281802249115,60.8709,60.9509,61.1529,60.6305424509546,61.3525908823787,too few repetitions,samples,
> 7,strix-halo,deepseek4 ?B,IQ2_XXS,pp2048,24576,Vulkan,10269,f16,,ok,3,50.9061,0.0523143383786876,0.00102766345052337,50.8688,50.8836,50.9659,50.7761439791682,51.0360560208318,too few repetitions,samples,
> 1,strix-halo,deepseek4 ?B,IQ2_XXS,pp2048,32768,Vulkan,10269,f16,,ok,3,43.178,0.0680006617614864,0.0015748914206653,43.1372,43.1403,43.2565,43.0090769916943,43.3469230083057,too few repetitions,samples,
> 2,strix-halo,deepseek4 ?B,IQ2_XXS,pp2048,40960,Vulkan,10269,f16,,ok,3,37.7956,0.069304184577843,0.00183365747806208,37.7218,37.8057,37.8593,37.6234388615081,37.9677611384919,too few repetitions,samples,
> 8,strix-halo,deepseek4 ?B,IQ2_XXS,pp2048,131072,Vulkan,10269,f16,,wedged,,,,,,,,,,wedged,,no result after 1800 s (killed)
> 3,strix-halo,deepseek4 ?B,IQ2_XXS,pp2048,262144,Vulkan,10269,f16,,oom,,,,,,,,,,oom,,ggml_vulkan: Device memory allocation of size 2491416576 failed.
$ halodb ingest --host strix-b fixtures/run/good/2026-08-05-strix-halo-deepseek-v4-flash-forced/1-pp2048-d0.jsonl
> fixtures/run/good/2026-08-05-strix-halo-deepseek-v4-flash-forced/1-pp2048-d0.jsonl: 1 row (llama-bench-jsonl)
> ingested 1 file (1 row)
$ halodb query ratio --num strix-halo --den strix-b --format csv | cut -d, -f1-4,16-17
> model,quant,test,depth (tokens),verdict,differs
> deepseek4 ?B,IQ2_XXS,pp2048,0,within noise,gate dirty vs ?
> deepseek4 ?B,IQ2_XXS,pp2048,131072,num wedged,
> deepseek4 ?B,IQ2_XXS,pp2048,262144,num oom,
# The report's methodology counts the rows of halodb run, clean and
# dirty, with the checks that failed.
$ halodb report --out site > /dev/null && sed -n '/^Bench gate/,/^Noise/p' site/report.md
> Bench gate. 14 throughput rows came from `halodb run`, which checks the machine before every test (no other model server or GPU job, free memory, fans, temperatures, a known llama-bench build): 12 with every check passed (*clean*) and 2 run with `--force` despite failed checks (*dirty*), which `halodb query noise` flags and comparisons tell apart from the rest. The checks that failed:
>
> - fans: fan1 2900 rpm is below 3500 (2 rows)
> - processes: llama-server (pid 4242) is running (2 rows)
>
> Noise. No number is called better than another unless the statistics say so:
# Forgetting a run directory removes every row it gave.
$ halodb forget fixtures/run/good/2026-11-27-epyc-vm-tiny-llama-q4_k_m
> forgot 1 file: 4 rows removed
$ halodb sql "select count(*) from throughput where host = 'epyc-vm'"
> count(*)
> --------
>        0
# A manifest or a point file that does not parse fails the whole
# directory, as file:line:col; the store is unchanged.
$ halodb sql "select count(*) from source"
> count(*)
> --------
>        5
$ halodb ingest fixtures/run/bad/missing-comma
> 1 failed
! fixtures/run/bad/missing-comma/manifest.json:31:7: expected ',' or '}', found '"n_prompt"'
? 1
$ halodb ingest fixtures/run/bad
> 3 failed
! fixtures/run/bad/bad-point/2-tg128-d0.jsonl:1:733: expected string or '}', found ','
! fixtures/run/bad/bad-status/manifest.json:132:17: expected ok, wedged, crashed, oom, failed or not_run for "status" in point 2, found 'done'
! fixtures/run/bad/missing-comma/manifest.json:31:7: expected ',' or '}', found '"n_prompt"'
? 1
$ halodb sql "select count(*) from source"
> count(*)
> --------
>        5
# Named alone, a manifest is refused: its directory is the results.
$ halodb ingest fixtures/run/good/2026-11-27-epyc-vm-tiny-llama-q4_k_m/manifest.json
> 1 failed
! fixtures/run/good/2026-11-27-epyc-vm-tiny-llama-q4_k_m/manifest.json:1:1: the manifest of a 'halodb run' directory: give the directory, whose test points it reads along
? 1
$ halodb --db dry.db ingest --dry-run fixtures/run/good/2026-08-05-strix-halo-deepseek-v4-flash-crashed
> fixtures/run/good/2026-08-05-strix-halo-deepseek-v4-flash-crashed: halodb-run (b10269, load_mode fields): would add 3 rows, 1 from a run that died
> would ingest 1 file (3 rows); dry run, nothing written
