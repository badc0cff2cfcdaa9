# halodb query crossover and degradation, on the seed report's depth
# tables (../shared/seeds/000_*.txt).
$ halodb ingest --host a30 fixtures/query/a30.jsonl
> fixtures/query/a30.jsonl: 5 rows (llama-bench-jsonl)
> ingested 1 file (5 rows)
$ halodb ingest --host strix-halo fixtures/query/strix-halo.jsonl
> fixtures/query/strix-halo.jsonl: 6 rows (llama-bench-jsonl)
> ingested 1 file (6 rows)
# qwen3-30b-a3b tg128, A30 136.2/72.5/35.1/20.6 vs Strix Halo
# 87.0/62.1/40.2/28.1 at 0/8K/32K/65K: the seed's "crossover lands
# somewhere between 8K and 32K".  By hand: l1 = ln(72.5/62.1) = 0.154841,
# l2 = ln(35.1/40.2) = -0.135666, t = l1/(l1 - l2) = 0.533002,
# log2 d = 13 + 2t = 14.066004, d = 2^14.066004 = 17151.
# pp512 was measured at depth 0 only.
$ halodb query crossover --a a30 --b strix-halo --format json
> [
>   {"model": "qwen3moe 30B.A3B", "quant": "Q4_K_M", "test": "pp512", "depths": "0", "result": "a faster at 0 (one depth compared)", "from_depth": null, "to_depth": null, "estimate": null, "ratio_from": null, "verdict_from": null, "ratio_to": null, "verdict_to": null, "differs": "backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0", "a_unchosen": 0, "b_unchosen": 0, "notes": null},
>   {"model": "qwen3moe 30B.A3B", "quant": "Q4_K_M", "test": "tg128", "depths": "0, 8192, 32768, 65536", "result": "faster side changes from a to b", "from_depth": 8192, "to_depth": 32768, "estimate": 17151, "ratio_from": 1.16747181964573, "verdict_from": "a faster", "ratio_to": 0.873134328358209, "verdict_to": "b faster", "differs": "backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0", "a_unchosen": 0, "b_unchosen": 0, "notes": null}
> ]
# The other way round: the faster side changes from b to a.
$ halodb query crossover --a strix-halo --b a30 --test tg128 --format csv
> model,quant,test,depths (tokens),result,from_depth (tokens),to_depth (tokens),estimate (tokens),ratio_from,verdict_from,ratio_to,verdict_to,differs,a_unchosen,b_unchosen,notes
> qwen3moe 30B.A3B,Q4_K_M,tg128,"0, 8192, 32768, 65536",faster side changes from b to a,8192,32768,17151,0.856551724137931,b faster,1.14529914529915,a faster,backend Vulkan vs CUDA; build 9064 vs 6412; kv q8_0 vs q4_0,0,0,
# At depth 0 Strix Halo has two tg128 rows (q8_0 build 9064, q4_0 build
# 8900): the one that differs least from the A30's (q4_0) is chosen and
# the other counted in b_unchosen.  Selecting the kv on the b side leaves
# the q8_0 ones: the differs column names the KV types.
$ halodb query crossover --a a30 --b host=strix-halo,kv=q8_0 --test tg128 --format csv
> model,quant,test,depths (tokens),result,from_depth (tokens),to_depth (tokens),estimate (tokens),ratio_from,verdict_from,ratio_to,verdict_to,differs,a_unchosen,b_unchosen,notes
> qwen3moe 30B.A3B,Q4_K_M,tg128,"0, 8192, 32768, 65536",faster side changes from a to b,8192,32768,17151,1.16747181964573,a faster,0.873134328358209,b faster,backend CUDA vs Vulkan; build 6412 vs 9064,0,0,
# A depth only one side measured (16384, 2 repetitions, no spread) is
# named, never used as a crossing point.
$ halodb ingest --host strix-halo fixtures/query/strix-halo-2reps.jsonl
> fixtures/query/strix-halo-2reps.jsonl: 1 row (llama-bench-jsonl)
> ingested 1 file (1 row)
$ halodb query crossover --a a30 --b strix-halo --test tg128 --format csv
> model,quant,test,depths (tokens),result,from_depth (tokens),to_depth (tokens),estimate (tokens),ratio_from,verdict_from,ratio_to,verdict_to,differs,a_unchosen,b_unchosen,notes
> qwen3moe 30B.A3B,Q4_K_M,tg128,"0, 8192, 16384, 32768, 65536",faster side changes from a to b,8192,32768,17151,1.16747181964573,a faster,0.873134328358209,b faster,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,0,0,only b measured at 16384
# Degradation: the seed's "A30 tg dropped 85% from default to 65K (136 to
# 21 tok/s)": by hand (20.6/136.2 - 1) * 100 = -84.875%; Strix Halo
# (28.1/87.0 - 1) * 100 = -67.701%.  The Strix Halo q4_0 row (depth 0
# only) has nothing to degrade; its 16384 row has no spread and 2
# repetitions, an interval of zero width.
$ halodb query degradation --test tg128
> host        model             quant   test   backend  build  kv    fa  ngl  ubatch  threads  variant  depth (tokens)  ts_0 (t/s)  ts (t/s)  change (%)  change_lo (%)  change_hi (%)  verdict  method   n_0  n  id_0  id  others_0  others  notes
> ----------  ----------------  ------  -----  -------  -----  ----  --  ---  ------  -------  -------  --------------  ----------  --------  ----------  -------------  -------------  -------  -------  ---  -  ----  --  --------  ------  -----
> a30         qwen3moe 30B.A3B  Q4_K_M  tg128  CUDA      6412  q4_0   1   99     512       16                     8192      136.20     72.50       -46.8          -46.9          -46.6  slower   samples    6  6     1   2         0       0
> a30         qwen3moe 30B.A3B  Q4_K_M  tg128  CUDA      6412  q4_0   1   99     512       16                    32768      136.20     35.10       -74.2          -74.3          -74.1  slower   samples    6  6     1   3         0       0
> a30         qwen3moe 30B.A3B  Q4_K_M  tg128  CUDA      6412  q4_0   1   99     512       16                    65536      136.20     20.60       -84.9          -84.9          -84.8  slower   samples    6  6     1   4         0       0
> strix-halo  qwen3moe 30B.A3B  Q4_K_M  tg128  Vulkan    9064  q8_0   1   99     512       16                     8192       87.00     62.10       -28.6          -28.9          -28.4  slower   samples    6  6     6   7         0       0
> strix-halo  qwen3moe 30B.A3B  Q4_K_M  tg128  Vulkan    9064  q8_0   1   99     512       16                    16384       87.00     50.00       -42.5          -42.7          -42.4  slower   samples    6  2     6  12         0       0
> strix-halo  qwen3moe 30B.A3B  Q4_K_M  tg128  Vulkan    9064  q8_0   1   99     512       16                    32768       87.00     40.20       -53.8          -53.9          -53.6  slower   samples    6  6     6   8         0       0
> strix-halo  qwen3moe 30B.A3B  Q4_K_M  tg128  Vulkan    9064  q8_0   1   99     512       16                    65536       87.00     28.10       -67.7          -67.8          -67.6  slower   samples    6  6     6   9         0       0
$ halodb query degradation --host a30 --format json
> [
>   {"host": "a30", "model": "qwen3moe 30B.A3B", "quant": "Q4_K_M", "test": "tg128", "backend": "CUDA", "build": 6412, "kv": "q4_0", "fa": 1, "ngl": 99, "ubatch": 512, "threads": 16, "variant": null, "depth": 8192, "ts_0": 136.2, "ts": 72.5, "change": -46.769456681351, "change_lo": -46.947722775372, "change_hi": -46.590591578165, "verdict": "slower", "method": "samples", "n_0": 6, "n": 6, "id_0": 1, "id": 2, "others_0": 0, "others": 0, "notes": null},
>   {"host": "a30", "model": "qwen3moe 30B.A3B", "quant": "Q4_K_M", "test": "tg128", "backend": "CUDA", "build": 6412, "kv": "q4_0", "fa": 1, "ngl": 99, "ubatch": 512, "threads": 16, "variant": null, "depth": 32768, "ts_0": 136.2, "ts": 35.1, "change": -74.2290748898678, "change_lo": -74.3153802678008, "change_hi": -74.1424795088771, "verdict": "slower", "method": "samples", "n_0": 6, "n": 6, "id_0": 1, "id": 3, "others_0": 0, "others": 0, "notes": null},
>   {"host": "a30", "model": "qwen3moe 30B.A3B", "quant": "Q4_K_M", "test": "tg128", "backend": "CUDA", "build": 6412, "kv": "q4_0", "fa": 1, "ngl": 99, "ubatch": 512, "threads": 16, "variant": null, "depth": 65536, "ts_0": 136.2, "ts": 20.6, "change": -84.8751835535977, "change_lo": -84.9258357127264, "change_hi": -84.8243611932441, "verdict": "slower", "method": "samples", "n_0": 6, "n": 6, "id_0": 1, "id": 4, "others_0": 0, "others": 0, "notes": null}
> ]
# DeepSeek-Coder-V2-Lite: the A30 ran 0 and 8K, then its harness killed
# it (a row that says 'crashed' at depth 32768, as its file's name says,
# and knows no model: the file has no rows and no command line);
# markdown does not say how many repetitions there were.
$ halodb --db ds.db ingest --host a30 fixtures/query/depth/deepseek-a30.md fixtures/query/depth/deepseek-a30-d32768.log
> fixtures/query/depth/deepseek-a30.md: 2 rows (llama-bench-md)
> fixtures/query/depth/deepseek-a30-d32768.log: 1 row, 1 from a run that died (llama-bench-md)
> ingested 2 files (3 rows)
$ halodb --db ds.db ingest --host strix-halo fixtures/query/depth/deepseek-strix.md
> fixtures/query/depth/deepseek-strix.md: 4 rows (llama-bench-md)
> ingested 1 file (4 rows)
$ halodb --db ds.db query crossover --a a30 --b strix-halo --format csv
> model,quant,test,depths (tokens),result,from_depth (tokens),to_depth (tokens),estimate (tokens),ratio_from,verdict_from,ratio_to,verdict_to,differs,a_unchosen,b_unchosen,notes
> ?,,,32768,no depth compared,,,,,,,,,0,0,a crashed at 32768
> deepseek2 16B,Q4_K_M,tg128,"0, 8192, 32768, 65536","too few repetitions at 0, 8192; b ahead at each by the point estimate",,,,,,,,backend CUDA vs Vulkan,0,0,"only b measured at 32768, 65536"
$ halodb --db ds.db query degradation --format csv
> host,model,quant,test,backend,build,kv,fa,ngl,ubatch,threads,variant,depth (tokens),ts_0 (t/s),ts (t/s),change (%),change_lo (%),change_hi (%),verdict,method,n_0,n,id_0,id,others_0,others,notes
> a30,?,,,,,,,,,,,32768,,,,,,crashed,,,,,3,,0,depth 32768: exit=137
> a30,deepseek2 16B,Q4_K_M,tg128,CUDA,9064,f16,1,99,,,,8192,88.5,4.9,-94.4632768361582,,,too few repetitions,"mean, sd, n",,,1,2,0,0,
> strix-halo,deepseek2 16B,Q4_K_M,tg128,Vulkan,9064,f16,1,99,,,,8192,106.0,64.4,-39.2452830188679,,,too few repetitions,"mean, sd, n",,,4,5,0,0,
> strix-halo,deepseek2 16B,Q4_K_M,tg128,Vulkan,9064,f16,1,99,,,,32768,106.0,30.8,-70.9433962264151,,,too few repetitions,"mean, sd, n",,,4,6,0,0,
> strix-halo,deepseek2 16B,Q4_K_M,tg128,Vulkan,9064,f16,1,99,,,,65536,106.0,17.4,-83.5849056603774,,,too few repetitions,"mean, sd, n",,,4,7,0,0,
# Nothing in common, and errors that list what exists.
$ halodb query crossover --a host=strix-halo,kv=q4_0 --b a30 --test pp512
> model  quant  test  depths (tokens)  result  from_depth (tokens)  to_depth (tokens)  estimate (tokens)  ratio_from  verdict_from  ratio_to  verdict_to  differs  a_unchosen  b_unchosen  notes
> -----  -----  ----  ---------------  ------  -------------------  -----------------  -----------------  ----------  ------------  --------  ----------  -------  ----------  ----------  -----
> (no model, quant and test measured both by --a 'host=strix-halo,kv=q4_0' (0 rows) and by --b 'a30' (1 row))
$ halodb query crossover --a a30
! halodb: query crossover: expected --a SEL and --b SEL
! usage: halodb query crossover --a SEL --b SEL [--test T] [--model M]
! (see 'halodb query crossover --help')
? 2
$ halodb query crossover --a a30 --b strix --test tg128
! halodb: --b: no host 'strix' in the store (hosts: a30, strix-halo)
? 1
$ halodb query crossover --a a30 --b strix-halo --test tg512
! halodb: --test: no throughput rows with test 'tg512' (tests in the store: pp512, tg128)
? 1
$ halodb query degradation --host nosuch
! halodb: --host: no host 'nosuch' in the store (hosts: a30, strix-halo)
? 1
$ halodb --db ds.db query degradation --host a30 --test tg128 --model nosuch
! halodb: --model: no throughput rows with model=nosuch (model in the store: deepseek2 16B)
? 1
$ halodb query crossover --a a30 --b strix-halo --noise 2
! halodb: --noise: expected a fraction in [0, 1), got '2'
! usage: halodb query crossover --a SEL --b SEL [--test T] [--model M]
! (see 'halodb query crossover --help')
? 2
