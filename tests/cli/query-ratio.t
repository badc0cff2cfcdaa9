# halodb query: the command, and the ratio of two sides.  The fixtures
# hold the seed's qwen3-30b-a3b tg128 numbers (seed 000, depth table):
# A30 136.2/72.5/35.1/20.6, Strix Halo 87.0/62.1/40.2/28.1 t/s at depth
# 0/8K/32K/65K, six repetitions each; Strix Halo also has an older q4_0
# run at depth 0 (85.0 t/s), which matches the A30's KV type.
$ halodb ingest --host a30 fixtures/query/a30.jsonl
> fixtures/query/a30.jsonl: 5 rows (llama-bench-jsonl)
> ingested 1 file (5 rows)
$ halodb ingest --host strix-halo fixtures/query/strix-halo.jsonl
> fixtures/query/strix-halo.jsonl: 6 rows (llama-bench-jsonl)
> ingested 1 file (6 rows)
$ halodb query --help
> usage: halodb query NAME [options] [--format table|csv|json|md] [--db PATH]
>
> Runs a named computation on the store (see 'halodb query NAME
> --help' and README.md for its columns and method):
>
>   ratio        num/den tokens/s per model, quant, test and depth
>   crossover    the depth where the faster of two sides changes
>   degradation  the change in tokens/s from depth 0 to each depth
>   noise        repetitions, spread and warnings of each measurement
>   quality      pass rates with Wilson intervals, compared
>   speed        pp512 and tg128 at depth 0, a column per host
>   depth        tokens/s at each depth per model and host
>
>   --format FMT  table (the default), csv, json, md
>   --db PATH     the store (default: $HALODB_DB, else ./halodb.db)
$ halodb query
! halodb: query: expected a query name (ratio, crossover, degradation, noise, quality, speed, depth)
! usage: halodb query NAME [options] [--format table|csv|json|md] [--db PATH]
! (see 'halodb query --help')
? 2
$ halodb query ratios
! halodb: query: no query named 'ratios' (ratio, crossover, degradation, noise, quality, speed, depth)
! usage: halodb query NAME [options] [--format table|csv|json|md] [--db PATH]
! (see 'halodb query --help')
? 2
$ halodb query ratio --num a30
! halodb: query ratio: expected --num SEL and --den SEL
! usage: halodb query ratio --num SEL --den SEL [--test T] [--model M]
! (see 'halodb query ratio --help')
? 2
$ halodb query ratio --num a30 --den strix-halo --cv 0.1
! halodb: query ratio: unknown option '--cv'
! usage: halodb query ratio --num SEL --den SEL [--test T] [--model M]
! (see 'halodb query ratio --help')
? 2
$ halodb query ratio --num a30 --den strix-halo --noise 2
! halodb: --noise: expected a fraction in [0, 1), got '2'
! usage: halodb query ratio --num SEL --den SEL [--test T] [--model M]
! (see 'halodb query ratio --help')
? 2
$ halodb query ratio --num a30 --den strix-halo --test tg128
> model             quant   test   depth (tokens)  num_ts (t/s)  num_sd (t/s)  num_n  den_ts (t/s)  den_sd (t/s)  den_n  ratio  ratio_lo  ratio_hi  p_welch  p_mann_whitney  verdict     differs                                                      method   num_id  den_id  num_unchosen  den_unchosen
> ----------------  ------  -----  --------------  ------------  ------------  -----  ------------  ------------  -----  -----  --------  --------  -------  --------------  ----------  -----------------------------------------------------------  -------  ------  ------  ------------  ------------
> qwen3moe 30B.A3B  Q4_K_M  tg128               0        136.20          0.36      6         85.00          0.22      6   1.60      1.60      1.61  3.5e-18          0.0022  num faster  backend CUDA vs Vulkan; build 6412 vs 8900                   samples       1      11             0             1
> qwen3moe 30B.A3B  Q4_K_M  tg128            8192         72.50          0.19      6         62.10          0.16      6   1.17      1.16      1.17  3.9e-16          0.0022  num faster  backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0  samples       2       7             0             0
> qwen3moe 30B.A3B  Q4_K_M  tg128           32768         35.10          0.09      6         40.20          0.10      6   0.87      0.87      0.88  1.2e-15          0.0022  den faster  backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0  samples       3       8             0             0
> qwen3moe 30B.A3B  Q4_K_M  tg128           65536         20.60          0.05      6         28.10          0.07      6   0.73      0.73      0.74  4.8e-18          0.0022  den faster  backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0  samples       4       9             0             0
$ halodb query ratio --num a30 --den strix-halo --test pp512 --format json
> [
>   {"model": "qwen3moe 30B.A3B", "quant": "Q4_K_M", "test": "pp512", "depth": 0, "num_ts": 2274.0, "num_sd": 5.92986650777228, "num_n": 6, "den_ts": 1167.0, "den_sd": 3.04316368274857, "den_n": 6, "ratio": 1.94858611825193, "ratio_lo": 1.94206041299874, "ratio_hi": 1.95513375115925, "p_welch": 1.71575001055024e-17, "p_mann_whitney": 0.00216450216450216, "verdict": "num faster", "differs": "backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0", "method": "samples", "num_id": 5, "den_id": 10, "num_unchosen": 0, "den_unchosen": 0}
> ]
$ halodb query ratio --num host=strix-halo,kv=q8_0 --den host=strix-halo,kv=q4_0 --format csv
> model,quant,test,depth (tokens),num_ts (t/s),num_sd (t/s),num_n,den_ts (t/s),den_sd (t/s),den_n,ratio,ratio_lo,ratio_hi,p_welch,p_mann_whitney,verdict,differs,method,num_id,den_id,num_unchosen,den_unchosen
> qwen3moe 30B.A3B,Q4_K_M,tg128,0,87.0,0.226868243701053,6,85.0,0.22165288177689,6,1.02352941176471,1.02010166936391,1.02696867205467,2.65469422346259e-08,0.00216450216450216,num faster,build 9064 vs 8900,samples,6,11,0,0
$ halodb query ratio --num a30 --den strix --test tg128
! halodb: --den: no host 'strix' in the store (hosts: a30, strix-halo)
? 1
$ halodb query ratio --num a30 --den strix-halo --model qwen3 --test tg128
! halodb: --model: no throughput rows with model=qwen3 (model in the store: qwen3moe 30B.A3B)
? 1
