# query speed and query depth: the two tables the seed report is made of
# (../shared/seeds/000_*.txt, "Default pp512 / tg128 numbers" and the
# qwen3-30b-a3b depth table), from the seed's rows in fixtures/query.
$ halodb ingest --host a30 fixtures/query/a30.jsonl
> fixtures/query/a30.jsonl: 5 rows (llama-bench-jsonl)
> ingested 1 file (5 rows)
$ halodb ingest --host strix-halo fixtures/query/strix-halo.jsonl
> fixtures/query/strix-halo.jsonl: 6 rows (llama-bench-jsonl)
> ingested 1 file (6 rows)
# Every host, the newest measurement per cell: strix-halo's tg128 at
# depth 0 has two (build 9064 on q8_0 KV, 87.0; build 8900 on q4_0, 85.0).
$ halodb query speed
> model             quant   a30 pp512 (t/s)  strix-halo pp512 (t/s)  a30 tg128 (t/s)  strix-halo tg128 (t/s)  unchosen
> ----------------  ------  ---------------  ----------------------  ---------------  ----------------------  -------------------
> qwen3moe 30B.A3B  Q4_K_M           2274.0                  1167.0           136.20                   87.00  strix-halo tg128 +1
$ halodb query speed --format json
> [
>   {"model": "qwen3moe 30B.A3B", "quant": "Q4_K_M", "a30 pp512": 2274.0, "strix-halo pp512": 1167.0, "a30 tg128": 136.2, "strix-halo tg128": 87.0, "unchosen": "strix-halo tg128 +1"}
> ]
# Two hosts: the pair query ratio chooses, the one on a30's KV type
# (136.2 / 85.0 = 1.60); pp512 2274 / 1167 = 1.95.
$ halodb query speed --hosts a30,strix-halo
> model             quant   a30 pp512 (t/s)  strix-halo pp512 (t/s)  a30 tg128 (t/s)  strix-halo tg128 (t/s)  ratio pp512  verdict pp512  ratio tg128  verdict tg128  differs pp512                                                differs tg128                               unchosen
> ----------------  ------  ---------------  ----------------------  ---------------  ----------------------  -----------  -------------  -----------  -------------  -----------------------------------------------------------  ------------------------------------------  -------------------
> qwen3moe 30B.A3B  Q4_K_M           2274.0                  1167.0           136.20                   85.00         1.95  a30 faster            1.60  a30 faster     backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0  backend CUDA vs Vulkan; build 6412 vs 8900  strix-halo tg128 +1
$ halodb query ratio --num a30 --den strix-halo --test tg128 --format csv
> model,quant,test,depth (tokens),num_ts (t/s),num_sd (t/s),num_n,den_ts (t/s),den_sd (t/s),den_n,ratio,ratio_lo,ratio_hi,p_welch,p_mann_whitney,verdict,differs,method,num_id,den_id,num_unchosen,den_unchosen
> qwen3moe 30B.A3B,Q4_K_M,tg128,0,136.2,0.355166147035433,6,85.0,0.22165288177689,6,1.60235294117647,1.59698675134901,1.607737162458,3.46256972426205e-18,0.00216450216450216,num faster,backend CUDA vs Vulkan; build 6412 vs 8900,samples,1,11,0,1
> qwen3moe 30B.A3B,Q4_K_M,tg128,8192,72.5,0.189056869750878,6,62.1,0.161936987745235,6,1.16747181964573,1.16356202222131,1.17139475475909,3.91217259681169e-16,0.00216450216450216,num faster,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,samples,2,7,0,0
> qwen3moe 30B.A3B,Q4_K_M,tg128,32768,35.1,0.091529601769045,6,40.2,0.104828774675658,6,0.873134328358209,0.870210250628242,0.876068231564909,1.20870277625569e-15,0.00216450216450216,den faster,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,samples,3,8,0,0
> qwen3moe 30B.A3B,Q4_K_M,tg128,65536,20.6,0.0537182278188692,6,28.1,0.0732758350344773,6,0.733096085409253,0.730640987874259,0.735559432555213,4.75517149933009e-18,0.00216450216450216,den faster,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,samples,4,9,0,0
# The seed's own rows (without the build 8900 run): 136.2 / 87.0 = 1.57
# (the seed prints 1.56x from its unrounded numbers), and along depth
# 72.5 / 62.1 = 1.17, 35.1 / 40.2 = 0.87, 20.6 / 28.1 = 0.73.
$ grep -v '"build_number": 8900' fixtures/query/strix-halo.jsonl > seed.jsonl && halodb --db seed.db ingest --host a30 fixtures/query/a30.jsonl >/dev/null && halodb --db seed.db ingest --host strix-halo seed.jsonl >/dev/null
$ halodb --db seed.db query speed --hosts a30,strix-halo --format md
> | model | quant | a30 pp512 (t/s) | strix-halo pp512 (t/s) | a30 tg128 (t/s) | strix-halo tg128 (t/s) | ratio pp512 | verdict pp512 | ratio tg128 | verdict tg128 | differs pp512 | differs tg128 | unchosen |
> | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | --- | --- | --- |
> | qwen3moe 30B.A3B | Q4\_K\_M | 2274.0 | 1167.0 | 136.20 | 87.00 | 1.95 | a30 faster | 1.57 | a30 faster | backend CUDA vs Vulkan; build 6412 vs 9064; kv q4\_0 vs q8\_0 | backend CUDA vs Vulkan; build 6412 vs 9064; kv q4\_0 vs q8\_0 |  |
$ halodb --db seed.db query depth --hosts a30,strix-halo --format md
> | model | quant | depth (tokens) | a30 pp512 (t/s) | strix-halo pp512 (t/s) | a30 tg128 (t/s) | strix-halo tg128 (t/s) | ratio pp512 | verdict pp512 | ratio tg128 | verdict tg128 | differs pp512 | differs tg128 | unchosen |
> | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | --- | --- | --- |
> | qwen3moe 30B.A3B | Q4\_K\_M | 0 | 2274.0 | 1167.0 | 136.20 | 87.00 | 1.95 | a30 faster | 1.57 | a30 faster | backend CUDA vs Vulkan; build 6412 vs 9064; kv q4\_0 vs q8\_0 | backend CUDA vs Vulkan; build 6412 vs 9064; kv q4\_0 vs q8\_0 |  |
> | qwen3moe 30B.A3B | Q4\_K\_M | 8192 |  |  | 72.50 | 62.10 |  |  | 1.17 | a30 faster |  | backend CUDA vs Vulkan; build 6412 vs 9064; kv q4\_0 vs q8\_0 |  |
> | qwen3moe 30B.A3B | Q4\_K\_M | 32768 |  |  | 35.10 | 40.20 |  |  | 0.87 | strix-halo faster |  | backend CUDA vs Vulkan; build 6412 vs 9064; kv q4\_0 vs q8\_0 |  |
> | qwen3moe 30B.A3B | Q4\_K\_M | 65536 |  |  | 20.60 | 28.10 |  |  | 0.73 | strix-halo faster |  | backend CUDA vs Vulkan; build 6412 vs 9064; kv q4\_0 vs q8\_0 |  |
$ halodb --db seed.db query depth --hosts strix-halo,a30 --format csv
> model,quant,depth (tokens),strix-halo pp512 (t/s),a30 pp512 (t/s),strix-halo tg128 (t/s),a30 tg128 (t/s),ratio pp512,verdict pp512,ratio tg128,verdict tg128,differs pp512,differs tg128,unchosen
> qwen3moe 30B.A3B,Q4_K_M,0,1167.0,2274.0,87.0,136.2,0.513192612137203,a30 faster,0.638766519823789,a30 faster,backend Vulkan vs CUDA; build 9064 vs 6412; kv q8_0 vs q4_0,backend Vulkan vs CUDA; build 9064 vs 6412; kv q8_0 vs q4_0,
> qwen3moe 30B.A3B,Q4_K_M,8192,,,62.1,72.5,,,0.856551724137931,a30 faster,,backend Vulkan vs CUDA; build 9064 vs 6412; kv q8_0 vs q4_0,
> qwen3moe 30B.A3B,Q4_K_M,32768,,,40.2,35.1,,,1.14529914529915,strix-halo faster,,backend Vulkan vs CUDA; build 9064 vs 6412; kv q8_0 vs q4_0,
> qwen3moe 30B.A3B,Q4_K_M,65536,,,28.1,20.6,,,1.36407766990291,strix-halo faster,,backend Vulkan vs CUDA; build 9064 vs 6412; kv q8_0 vs q4_0,
# A run that died shows its status, never a zero, and the verdict names it.
$ halodb ingest --host strix-halo fixtures/md/oom-header-only.log
> fixtures/md/oom-header-only.log: 1 row, 1 from a run that died (llama-bench-md)
> ingested 1 file (1 row)
$ halodb query depth --hosts a30,strix-halo --format csv
> model,quant,depth (tokens),a30 pp512 (t/s),strix-halo pp512 (t/s),a30 tg128 (t/s),strix-halo tg128 (t/s),ratio pp512,verdict pp512,ratio tg128,verdict tg128,differs pp512,differs tg128,unchosen
> big-72B-Q8_0.gguf,Q8_0,,,oom,,oom,,strix-halo oom,,strix-halo oom,,,
> qwen3moe 30B.A3B,Q4_K_M,0,2274.0,1167.0,136.2,85.0,1.94858611825193,a30 faster,1.60235294117647,a30 faster,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,backend CUDA vs Vulkan; build 6412 vs 8900,strix-halo tg128 +1
> qwen3moe 30B.A3B,Q4_K_M,8192,,,72.5,62.1,,,1.16747181964573,a30 faster,,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,
> qwen3moe 30B.A3B,Q4_K_M,32768,,,35.1,40.2,,,0.873134328358209,strix-halo faster,,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,
> qwen3moe 30B.A3B,Q4_K_M,65536,,,20.6,28.1,,,0.733096085409253,strix-halo faster,,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,
$ halodb query depth --format csv
> model,quant,depth (tokens),a30 pp512 (t/s),strix-halo pp512 (t/s),a30 tg128 (t/s),strix-halo tg128 (t/s),unchosen
> big-72B-Q8_0.gguf,Q8_0,,,oom,,oom,
> qwen3moe 30B.A3B,Q4_K_M,0,2274.0,1167.0,136.2,87.0,strix-halo tg128 +1
> qwen3moe 30B.A3B,Q4_K_M,8192,,,72.5,62.1,
> qwen3moe 30B.A3B,Q4_K_M,32768,,,35.1,40.2,
> qwen3moe 30B.A3B,Q4_K_M,65536,,,20.6,28.1,
# Filters, and what an empty answer says.
$ halodb query depth --model 'qwen3moe 30B.A3B' --quant Q4_K_M --format csv
> model,quant,depth (tokens),a30 pp512 (t/s),strix-halo pp512 (t/s),a30 tg128 (t/s),strix-halo tg128 (t/s),unchosen
> qwen3moe 30B.A3B,Q4_K_M,0,2274.0,1167.0,136.2,87.0,strix-halo tg128 +1
> qwen3moe 30B.A3B,Q4_K_M,8192,,,72.5,62.1,
> qwen3moe 30B.A3B,Q4_K_M,32768,,,35.1,40.2,
> qwen3moe 30B.A3B,Q4_K_M,65536,,,20.6,28.1,
# A depth one host lacks is a row of its own (strix-halo at 16384).
$ halodb --db seed.db ingest --host strix-halo fixtures/query/strix-halo-2reps.jsonl >/dev/null && halodb --db seed.db query depth --hosts a30,strix-halo --format csv
> model,quant,depth (tokens),a30 pp512 (t/s),strix-halo pp512 (t/s),a30 tg128 (t/s),strix-halo tg128 (t/s),ratio pp512,verdict pp512,ratio tg128,verdict tg128,differs pp512,differs tg128,unchosen
> qwen3moe 30B.A3B,Q4_K_M,0,2274.0,1167.0,136.2,87.0,1.94858611825193,a30 faster,1.56551724137931,a30 faster,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,
> qwen3moe 30B.A3B,Q4_K_M,8192,,,72.5,62.1,,,1.16747181964573,a30 faster,,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,
> qwen3moe 30B.A3B,Q4_K_M,16384,,,,50.0,,,,only strix-halo measured,,,
> qwen3moe 30B.A3B,Q4_K_M,32768,,,35.1,40.2,,,0.873134328358209,strix-halo faster,,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,
> qwen3moe 30B.A3B,Q4_K_M,65536,,,20.6,28.1,,,0.733096085409253,strix-halo faster,,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,
$ halodb --db deep.db ingest --host strix-halo fixtures/query/strix-halo-2reps.jsonl >/dev/null && halodb --db deep.db query speed --model 'qwen3moe 30B.A3B'
> model  quant  unchosen
> -----  -----  --------
> (no pp512 or tg128 rows at depth 0 with model 'qwen3moe 30B.A3B')
$ halodb --db deep.db query speed --format json
> []
! halodb: no pp512 or tg128 rows at depth 0
# Errors list what exists.
$ halodb query speed --hosts a30,h100
! halodb: --hosts: no host 'h100' in the store (hosts: a30, strix-halo)
? 1
$ halodb query speed --hosts a30
! halodb: --hosts: expected two host names A,B, got 'a30' (for other sides: query ratio)
? 1
$ halodb query depth --hosts a30,a30
! halodb: --hosts: expected two different hosts, got 'a30' twice
? 1
$ halodb query speed --model nope
! halodb: --model: no throughput rows with model=nope (model in the store: big-72B-Q8_0.gguf, qwen3moe 30B.A3B)
? 1
$ halodb query speed --test tg128
! halodb: query speed: unknown option '--test'
! usage: halodb query speed [--hosts A,B] [--model M] [--quant Q] [--noise F]
! (see 'halodb query speed --help')
? 2
