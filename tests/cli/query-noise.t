# halodb query noise: one row per measurement with n, mean, sd, cv, min,
# median, max, a 95% interval for the mean and flags.  strix.jsonl holds
# the seed's pp512 (100157 +- 33331 over 5 repetitions, the first far
# below the rest), clean, tied and noisy tg128 rows, a row with only
# samples_ns (the stored mean, sd and n are used) and one with no samples
# at all (n unknown); a30.jsonl a warm-up above the rest, 2 and 1
# repetitions.
$ halodb ingest --host strix fixtures/query/noise/strix.jsonl
> fixtures/query/noise/strix.jsonl: 8 rows (llama-bench-jsonl)
> ingested 1 file (8 rows)
$ halodb ingest --host a30 fixtures/query/noise/a30.jsonl
> fixtures/query/noise/a30.jsonl: 3 rows (llama-bench-jsonl)
> ingested 1 file (3 rows)
$ halodb query noise
> id  host   model             quant   test   depth (tokens)  backend  build  kv    variant  status  n  mean (t/s)  sd (t/s)       cv  min (t/s)  median (t/s)  max (t/s)  ci_lo (t/s)  ci_hi (t/s)  flags                                  method       error
> --  -----  ----------------  ------  -----  --------------  -------  -----  ----  -------  ------  -  ----------  --------  -------  ---------  ------------  ---------  -----------  -----------  -------------------------------------  -----------  -----
> 10  a30    qwen3moe 30B.A3B  Q4_K_M  pp512               0  CUDA      6412  q8_0           ok      2     2275.00      7.07   0.0031    2270.00       2275.00    2280.00      2211.47      2338.53  too few repetitions                    samples
>  9  a30    qwen3moe 30B.A3B  Q4_K_M  tg128               0  CUDA      6412  q8_0           ok      3      117.00     28.58     0.24     100.00        101.00     150.00        46.00       188.00  too few repetitions; high cv; warm-up  samples
> 11  a30    qwen3moe 30B.A3B  Q4_K_M  tg128            8192  CUDA      6412  q8_0           ok      1       72.50                         72.50         72.50      72.50                            too few repetitions                    samples
>  1  strix  qwen3moe 30B.A3B  Q4_K_M  pp512               0  Vulkan    9064  q8_0           ok      5   100157.00  33330.86     0.33   40533.00     115050.00  115102.00     58771.28    141542.72  too few repetitions; high cv; warm-up  samples
>  2  strix  qwen3moe 30B.A3B  Q4_K_M  tg128               0  Vulkan    9064  q8_0           ok      6       88.00      0.14   0.0016      87.80         88.00      88.20        87.85        88.15                                         samples
>  3  strix  qwen3moe 30B.A3B  Q4_K_M  tg128               0  Vulkan    9064  q8_0           ok      6       87.00      0.07  0.00081      86.90         87.00      87.10        86.93        87.07                                         samples
>  8  strix  qwen3moe 30B.A3B  Q4_K_M  tg128               0  Vulkan    8900  q8_0           ok      5       85.00      0.16   0.0019      84.80         85.00      85.20        84.80        85.20  too few repetitions                    samples
>  4  strix  qwen3moe 30B.A3B  Q4_K_M  tg128            4096  Vulkan    9064  q8_0           ok      6       33.00      2.68    0.081      30.00         33.00      36.00        30.18        35.82  high cv                                samples
>  5  strix  qwen3moe 30B.A3B  Q4_K_M  tg128            8192  Vulkan    9064  q8_0           ok      6       62.10      0.00        0      62.10         62.10      62.10        62.10        62.10                                         samples
>  6  strix  qwen3moe 30B.A3B  Q4_K_M  tg128           32768  Vulkan    9064  q8_0           ok      6       40.20      0.10   0.0025                                            40.10        40.30                                         mean, sd, n
>  7  strix  qwen3moe 30B.A3B  Q4_K_M  tg128           65536  Vulkan    9064  q8_0           ok              28.10      0.50    0.018                                                                too few repetitions                    mean, sd, n
# Several rows of one key (builds 9064 and 8900, and a row whose file
# has no n_depth, read as 0) are each their own row, ordered by id.
$ halodb query noise --host strix --test tg128 --format csv
> id,host,model,quant,test,depth (tokens),backend,build,kv,variant,status,n,mean (t/s),sd (t/s),cv,min (t/s),median (t/s),max (t/s),ci_lo (t/s),ci_hi (t/s),flags,method,error
> 2,strix,qwen3moe 30B.A3B,Q4_K_M,tg128,0,Vulkan,9064,q8_0,,ok,6,88.0,0.14142135623731,0.00160706086633306,87.8,88.0,88.2,87.8515873885221,88.1484126114779,,samples,
> 3,strix,qwen3moe 30B.A3B,Q4_K_M,tg128,0,Vulkan,9064,q8_0,,ok,6,87.0,0.0707106781186507,0.000812766415156905,86.9,87.0,87.1,86.9257936942611,87.0742063057389,,samples,
> 8,strix,qwen3moe 30B.A3B,Q4_K_M,tg128,0,Vulkan,8900,q8_0,,ok,5,85.0,0.158113883008419,0.00186016332951081,84.8,85.0,85.2,84.8036756838522,85.1963243161478,too few repetitions,samples,
> 4,strix,qwen3moe 30B.A3B,Q4_K_M,tg128,4096,Vulkan,9064,q8_0,,ok,6,33.0,2.68328157299975,0.0813115628181742,30.0,33.0,36.0,30.1840686854179,35.8159313145821,high cv,samples,
> 5,strix,qwen3moe 30B.A3B,Q4_K_M,tg128,8192,Vulkan,9064,q8_0,,ok,6,62.1,0.0,0.0,62.1,62.1,62.1,62.1,62.1,,samples,
> 6,strix,qwen3moe 30B.A3B,Q4_K_M,tg128,32768,Vulkan,9064,q8_0,,ok,6,40.2,0.1,0.00248756218905473,,,,40.0950564360104,40.3049435639896,,"mean, sd, n",
> 7,strix,qwen3moe 30B.A3B,Q4_K_M,tg128,65536,Vulkan,9064,q8_0,,ok,,28.1,0.5,0.0177935943060498,,,,,,too few repetitions,"mean, sd, n",
$ halodb query noise --host a30 --format json
> [
>   {"id": 10, "host": "a30", "model": "qwen3moe 30B.A3B", "quant": "Q4_K_M", "test": "pp512", "depth": 0, "backend": "CUDA", "build": 6412, "kv": "q8_0", "variant": null, "status": "ok", "n": 2, "mean": 2275.0, "sd": 7.07106781186548, "cv": 0.00310816167554526, "min": 2270.0, "median": 2275.0, "max": 2280.0, "ci_lo": 2211.46897631913, "ci_hi": 2338.53102368087, "flags": "too few repetitions", "method": "samples", "error": null},
>   {"id": 9, "host": "a30", "model": "qwen3moe 30B.A3B", "quant": "Q4_K_M", "test": "tg128", "depth": 0, "backend": "CUDA", "build": 6412, "kv": "q8_0", "variant": null, "status": "ok", "n": 3, "mean": 117.0, "sd": 28.5832118559129, "cv": 0.244300956033444, "min": 100.0, "median": 101.0, "max": 150.0, "ci_lo": 45.9953655057777, "ci_hi": 188.004634494222, "flags": "too few repetitions; high cv; warm-up", "method": "samples", "error": null},
>   {"id": 11, "host": "a30", "model": "qwen3moe 30B.A3B", "quant": "Q4_K_M", "test": "tg128", "depth": 8192, "backend": "CUDA", "build": 6412, "kv": "q8_0", "variant": null, "status": "ok", "n": 1, "mean": 72.5, "sd": null, "cv": null, "min": 72.5, "median": 72.5, "max": 72.5, "ci_lo": null, "ci_hi": null, "flags": "too few repetitions", "method": "samples", "error": null}
> ]
$ halodb query noise --host backend=Vulkan,build=8900 --format json
> [
>   {"id": 8, "host": "strix", "model": "qwen3moe 30B.A3B", "quant": "Q4_K_M", "test": "tg128", "depth": 0, "backend": "Vulkan", "build": 8900, "kv": "q8_0", "variant": null, "status": "ok", "n": 5, "mean": 85.0, "sd": 0.158113883008419, "cv": 0.00186016332951081, "min": 84.8, "median": 85.0, "max": 85.2, "ci_lo": 84.8036756838522, "ci_hi": 85.1963243161478, "flags": "too few repetitions", "method": "samples", "error": null}
> ]
# --cv sets the threshold of 'high cv'.
$ halodb query noise --host strix --test tg128 --cv 0.002 --format csv
> id,host,model,quant,test,depth (tokens),backend,build,kv,variant,status,n,mean (t/s),sd (t/s),cv,min (t/s),median (t/s),max (t/s),ci_lo (t/s),ci_hi (t/s),flags,method,error
> 2,strix,qwen3moe 30B.A3B,Q4_K_M,tg128,0,Vulkan,9064,q8_0,,ok,6,88.0,0.14142135623731,0.00160706086633306,87.8,88.0,88.2,87.8515873885221,88.1484126114779,,samples,
> 3,strix,qwen3moe 30B.A3B,Q4_K_M,tg128,0,Vulkan,9064,q8_0,,ok,6,87.0,0.0707106781186507,0.000812766415156905,86.9,87.0,87.1,86.9257936942611,87.0742063057389,,samples,
> 8,strix,qwen3moe 30B.A3B,Q4_K_M,tg128,0,Vulkan,8900,q8_0,,ok,5,85.0,0.158113883008419,0.00186016332951081,84.8,85.0,85.2,84.8036756838522,85.1963243161478,too few repetitions,samples,
> 4,strix,qwen3moe 30B.A3B,Q4_K_M,tg128,4096,Vulkan,9064,q8_0,,ok,6,33.0,2.68328157299975,0.0813115628181742,30.0,33.0,36.0,30.1840686854179,35.8159313145821,high cv,samples,
> 5,strix,qwen3moe 30B.A3B,Q4_K_M,tg128,8192,Vulkan,9064,q8_0,,ok,6,62.1,0.0,0.0,62.1,62.1,62.1,62.1,62.1,,samples,
> 6,strix,qwen3moe 30B.A3B,Q4_K_M,tg128,32768,Vulkan,9064,q8_0,,ok,6,40.2,0.1,0.00248756218905473,,,,40.0950564360104,40.3049435639896,high cv,"mean, sd, n",
> 7,strix,qwen3moe 30B.A3B,Q4_K_M,tg128,65536,Vulkan,9064,q8_0,,ok,,28.1,0.5,0.0177935943060498,,,,,,too few repetitions; high cv,"mean, sd, n",
# Nothing selected by a valid combination says so.
$ halodb query noise --host build=8900 --test pp512
> id  host  model  quant  test  depth (tokens)  backend  build  kv  variant  status  n  mean (t/s)  sd (t/s)  cv  min (t/s)  median (t/s)  max (t/s)  ci_lo (t/s)  ci_hi (t/s)  flags  method  error
> --  ----  -----  -----  ----  --------------  -------  -----  --  -------  ------  -  ----------  --------  --  ---------  ------------  ---------  -----------  -----------  -----  ------  -----
> (no throughput rows for --host 'build=8900', --test 'pp512')
# Runs that did not finish: their status and error, no numbers.
$ halodb --db died.db ingest fixtures/b9749/bench-killed-partial.json fixtures/b9749/bench-killed-partial.stderr.txt fixtures/md/oom-header-only.log
> fixtures/b9749/bench-killed-partial.json: 3 rows, 1 from a run that died (llama-bench-json), with its stderr 'fixtures/b9749/bench-killed-partial.stderr.txt'
> fixtures/md/oom-header-only.log: 1 row, 1 from a run that died (llama-bench-md)
> ingested 2 files (4 rows)
! fixtures/md/oom-header-only.log: warning: the file does not say which machine ran it; its rows are under host 'unknown' (name the machine with --host)
$ halodb --db died.db query noise --format json
> [
>   {"id": 3, "host": "epyc", "model": "llama ?B", "quant": "F16", "test": null, "depth": null, "backend": "CPU", "build": 9749, "kv": "f16", "variant": null, "status": "crashed", "n": null, "mean": null, "sd": null, "cv": null, "min": null, "median": null, "max": null, "ci_lo": null, "ci_hi": null, "flags": "crashed", "method": null, "error": "exit=137"},
>   {"id": 1, "host": "epyc", "model": "llama ?B", "quant": "F16", "test": "pp512", "depth": 0, "backend": "CPU", "build": 9749, "kv": "f16", "variant": null, "status": "ok", "n": 5, "mean": 823.853, "sd": 5.53678805807123, "cv": 0.00672060192542994, "min": 815.933, "median": 823.101, "max": 829.451, "ci_lo": 816.978169602608, "ci_hi": 830.727830397391, "flags": "too few repetitions", "method": "samples", "error": null},
>   {"id": 2, "host": "epyc", "model": "llama ?B", "quant": "F16", "test": "tg128", "depth": 0, "backend": "CPU", "build": 9749, "kv": "f16", "variant": null, "status": "ok", "n": 5, "mean": 159.994, "sd": 4.3295155618152, "cv": 0.0270604870296086, "min": 152.585, "median": 161.617, "max": 163.306, "ci_lo": 154.618196397231, "ci_hi": 165.369803602769, "flags": "too few repetitions", "method": "samples", "error": null},
>   {"id": 4, "host": "unknown", "model": "big-72B-Q8_0.gguf", "quant": "Q8_0", "test": null, "depth": null, "backend": null, "build": null, "kv": null, "variant": null, "status": "oom", "n": null, "mean": null, "sd": null, "cv": null, "min": null, "median": null, "max": null, "ci_lo": null, "ci_hi": null, "flags": "oom", "method": null, "error": "ggml_vulkan: Device memory allocation of size 2491416576 failed."}
> ]
# Errors list what exists.
$ halodb query noise --host nope
! halodb: --host: no host 'nope' in the store (hosts: a30, strix)
? 1
$ halodb query noise --host ngl=12
! halodb: --host: no throughput rows with ngl=12 (ngl in the store: 99)
? 1
$ halodb query noise --model nope
! halodb: --model: no throughput rows with model=nope (model in the store: qwen3moe 30B.A3B)
? 1
$ halodb query noise --cv lots
! halodb: --cv: expected a fraction in [0, 10), got 'lots'
! usage: halodb query noise [--host SEL] [--model M] [--quant Q] [--test T]
! (see 'halodb query noise --help')
? 2
$ halodb query noise --num strix
! halodb: query noise: unknown option '--num'
! usage: halodb query noise [--host SEL] [--model M] [--quant Q] [--test T]
! (see 'halodb query noise --help')
? 2
