# --variant names what llama-bench's parameters do not show (a hybrid
# offload, two GPUs, a power cap) for every row of the call: throughput,
# server_timing and quality alike.  Two measurements that differ only in
# their variant are two rows; none only matches none.
$ halodb ingest --host epyc --variant dual-gpu fixtures/b9749/bench-moe-q8kv.json
> fixtures/b9749/bench-moe-q8kv.json: 4 rows (llama-bench-json)
> ingested 1 file (4 rows)
$ (cat fixtures/b9749/bench-moe-q8kv.json; echo) > plain.json && halodb ingest --host epyc plain.json
> plain.json: 4 rows (llama-bench-json)
> ingested 1 file (4 rows)
$ halodb sql "select id, variant, test, n_depth, avg_ts, source from throughput order by id"
> id  variant   test   n_depth      avg_ts  source
> --  --------  -----  -------  ----------  ----------------------------------
>  1  dual-gpu  pp512        0  551.949539  fixtures/b9749/bench-moe-q8kv.json
>  2  dual-gpu  tg128        0  261.905539  fixtures/b9749/bench-moe-q8kv.json
>  3  dual-gpu  pp512     1024  265.632581  fixtures/b9749/bench-moe-q8kv.json
>  4  dual-gpu  tg128     1024   137.52759  fixtures/b9749/bench-moe-q8kv.json
>  5            pp512        0  551.949539  plain.json
>  6            tg128        0  261.905539  plain.json
>  7            pp512     1024  265.632581  plain.json
>  8            tg128     1024   137.52759  plain.json
# The same run printed as markdown too, under the same variant, is one
# row (merged); under none, it is the run without one; under another,
# another measurement.
$ halodb ingest --host epyc --variant dual-gpu fixtures/b9749/bench-moe-q8kv.stderr-md.txt
> fixtures/b9749/bench-moe-q8kv.stderr-md.txt: 0 rows, 4 already in the store (llama-bench-md)
> ingested 1 file (0 rows, 4 already in the store)
$ (cat fixtures/b9749/bench-moe-q8kv.stderr-md.txt; echo) > plain.md && halodb ingest --host epyc plain.md
> plain.md: 0 rows, 4 already in the store (llama-bench-md)
> ingested 1 file (0 rows, 4 already in the store)
$ (cat plain.md; echo) > capped.md && halodb ingest --host epyc --variant 100W capped.md
> capped.md: 4 rows (llama-bench-md)
> ingested 1 file (4 rows)
$ halodb sql "select variant, count(*), group_concat(DISTINCT source) from throughput group by variant order by variant"
> variant   count(*)  group_concat(DISTINCT source)
> --------  --------  ----------------------------------
>                  4  plain.json
> 100W             4  capped.md
> dual-gpu         4  fixtures/b9749/bench-moe-q8kv.json
# Forgetting the JSON of the dual-gpu run keeps its row with what the
# markdown said, variant and all; the run without one is untouched.
$ halodb forget fixtures/b9749/bench-moe-q8kv.json
> forgot 1 file: 0 rows removed, 4 kept with what other files reported
$ halodb sql "select variant, count(*), group_concat(DISTINCT source) from throughput group by variant order by variant"
> variant   count(*)  group_concat(DISTINCT source)
> --------  --------  -------------------------------------------
>                  4  plain.json
> 100W             4  capped.md
> dual-gpu         4  fixtures/b9749/bench-moe-q8kv.stderr-md.txt
# ingest --replace takes the call's --variant: the 100W rows become
# hybrid-ngl22 rows.
$ halodb ingest --replace --host epyc --variant hybrid-ngl22 capped.md
> capped.md: 4 rows (llama-bench-md), replacing its earlier ingest (4 rows forgotten)
> ingested 1 file (4 rows)
$ halodb sql "select variant, count(*), group_concat(DISTINCT source) from throughput group by variant order by variant"
> variant       count(*)  group_concat(DISTINCT source)
> ------------  --------  -------------------------------------------
>                      4  plain.json
> dual-gpu             4  fixtures/b9749/bench-moe-q8kv.stderr-md.txt
> hybrid-ngl22         4  capped.md
# --variant applies to llama-bench rows: no warning that they ignore it
# (the keys only quality rows take still warn).
$ (cat plain.json; echo) > w.json && halodb ingest --host epyc --variant dual-gpu --quant Q8_0 w.json
> w.json: 0 rows, 4 already in the store (llama-bench-json)
> ingested 1 file (0 rows, 4 already in the store)
! w.json: warning: --model, --quant, --kv, --backend and --build name what quality results leave out; this file's rows take them from the file itself
# Requests timed by llama-server: a request logged and saved as JSON is
# one row under one variant, two under two.
$ halodb --db server.db ingest --host cpu-vm --variant 100W fixtures/b9749/server-qwen3moe.log
> fixtures/b9749/server-qwen3moe.log: 3 rows (llama-log)
> ingested 1 file (3 rows)
$ halodb --db server.db ingest --host cpu-vm --variant 100W fixtures/b9749/server-completion-64.json
> fixtures/b9749/server-completion-64.json: 0 rows, 1 already in the store (llama-server-json)
> ingested 1 file (0 rows, 1 already in the store)
$ halodb --db server.db ingest --host cpu-vm fixtures/b9749/server-completion-256.json
> fixtures/b9749/server-completion-256.json: 1 row (llama-server-json)
> ingested 1 file (1 row)
$ halodb --db server.db sql "select id, variant, prompt_n, gen_n, gen_ms, source from server_timing order by id"
> id  variant  prompt_n  gen_n    gen_ms  source
> --  -------  --------  -----  --------  -----------------------------------------
>  1  100W         3602     64   943.115  fixtures/b9749/server-qwen3moe.log
>  2  100W         3602    256   3920.89  fixtures/b9749/server-qwen3moe.log
>  3  100W           35     96    321.63  fixtures/b9749/server-qwen3moe.log
>  4               3602    256  3920.895  fixtures/b9749/server-completion-256.json
# Published tables: a row's own variant, else the call's.
$ printf 'kind,host,backend,build,model,quant,kv,fa,ngl,test,metric,depth,value,stddev,reps,items,passes,status,variant,seed,section,note\nthroughput,a30,CUDA,,m,Q4_K_M,q8_0,1,22,tg128,,0,20.5,,,,,ok,hybrid-ngl22,s.txt,t,\nthroughput,a30,CUDA,,m,Q4_K_M,q8_0,1,22,tg128,,0,20.5,,,,,ok,,s.txt,t,\nquality,a30,CUDA,,m,Q4_K_M,q8_0,,,gsm8k,exact_match,,0.5,,,10,5,ok,,s.txt,t,\n' > pub.csv && halodb --db pub.db ingest --variant 100W pub.csv
> pub.csv: 3 rows (published)
> ingested 1 file (3 rows)
$ halodb --db pub.db sql "select 'throughput', variant, n_gpu_layers, avg_ts from throughput union all select 'quality', variant, null, score from quality"
> 'throughput'  variant       n_gpu_layers  avg_ts
> ------------  ------------  ------------  ------
> throughput    hybrid-ngl22            22    20.5
> throughput    100W                    22    20.5
> quality       100W                           0.5
# The query layer: a variant is a configuration field like kv or ngl.
# a30 ran two depths as dual-gpu and the rest without a variant.
$ halodb --db q.db ingest --host strix-halo fixtures/query/strix-halo.jsonl
> fixtures/query/strix-halo.jsonl: 6 rows (llama-bench-jsonl)
> ingested 1 file (6 rows)
$ head -n 2 fixtures/query/a30.jsonl > a30-dual.jsonl && halodb --db q.db ingest --host a30 --variant dual-gpu a30-dual.jsonl
> a30-dual.jsonl: 2 rows (llama-bench-jsonl)
> ingested 1 file (2 rows)
$ tail -n 3 fixtures/query/a30.jsonl > a30-plain.jsonl && halodb --db q.db ingest --host a30 a30-plain.jsonl
> a30-plain.jsonl: 3 rows (llama-bench-jsonl)
> ingested 1 file (3 rows)
$ halodb --db q.db query ratio --num a30 --den strix-halo --format csv
> model,quant,test,depth (tokens),num_ts (t/s),num_sd (t/s),num_n,den_ts (t/s),den_sd (t/s),den_n,ratio,ratio_lo,ratio_hi,p_welch,p_mann_whitney,verdict,differs,method,num_id,den_id,num_unchosen,den_unchosen
> qwen3moe 30B.A3B,Q4_K_M,pp512,0,2274.0,5.92986650777228,6,1167.0,3.04316368274857,6,1.94858611825193,1.94206041299874,1.95513375115925,1.71575001055024e-17,0.00216450216450216,num faster,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,samples,11,5,0,0
> qwen3moe 30B.A3B,Q4_K_M,tg128,0,136.2,0.355166147035433,6,85.0,0.22165288177689,6,1.60235294117647,1.59698675134901,1.607737162458,3.46256972426205e-18,0.00216450216450216,num faster,backend CUDA vs Vulkan; build 6412 vs 8900; variant dual-gpu vs -,samples,7,6,0,1
> qwen3moe 30B.A3B,Q4_K_M,tg128,8192,72.5,0.189056869750878,6,62.1,0.161936987745235,6,1.16747181964573,1.16356202222131,1.17139475475909,3.91217259681169e-16,0.00216450216450216,num faster,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0; variant dual-gpu vs -,samples,8,2,0,0
> qwen3moe 30B.A3B,Q4_K_M,tg128,32768,35.1,0.091529601769045,6,40.2,0.104828774675658,6,0.873134328358209,0.870210250628242,0.876068231564909,1.20870277625569e-15,0.00216450216450216,den faster,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,samples,9,3,0,0
> qwen3moe 30B.A3B,Q4_K_M,tg128,65536,20.6,0.0537182278188692,6,28.1,0.0732758350344773,6,0.733096085409253,0.730640987874259,0.735559432555213,4.75517149933009e-18,0.00216450216450216,den faster,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,samples,10,4,0,0
$ halodb --db q.db query ratio --num host=a30,variant=dual-gpu --den host=strix-halo --format csv
> model,quant,test,depth (tokens),num_ts (t/s),num_sd (t/s),num_n,den_ts (t/s),den_sd (t/s),den_n,ratio,ratio_lo,ratio_hi,p_welch,p_mann_whitney,verdict,differs,method,num_id,den_id,num_unchosen,den_unchosen
> qwen3moe 30B.A3B,Q4_K_M,tg128,0,136.2,0.355166147035433,6,85.0,0.22165288177689,6,1.60235294117647,1.59698675134901,1.607737162458,3.46256972426205e-18,0.00216450216450216,num faster,backend CUDA vs Vulkan; build 6412 vs 8900,samples,7,6,0,1
> qwen3moe 30B.A3B,Q4_K_M,tg128,8192,72.5,0.189056869750878,6,62.1,0.161936987745235,6,1.16747181964573,1.16356202222131,1.17139475475909,3.91217259681169e-16,0.00216450216450216,num faster,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,samples,8,2,0,0
$ halodb --db q.db query ratio --num variant=hybrid --den strix-halo
! halodb: --num: no throughput rows with variant=hybrid (variant in the store: dual-gpu)
? 1
$ halodb --db q.db query noise --host a30 --format csv
> id,host,model,quant,test,depth (tokens),backend,build,kv,variant,status,n,mean (t/s),sd (t/s),cv,min (t/s),median (t/s),max (t/s),ci_lo (t/s),ci_hi (t/s),flags,method,error
> 11,a30,qwen3moe 30B.A3B,Q4_K_M,pp512,0,CUDA,6412,q4_0,,ok,6,2274.0,5.92986650777228,0.00260768096208104,2264.904,2275.137,2280.822,2267.77698674692,2280.22301325308,,samples,
> 7,a30,qwen3moe 30B.A3B,Q4_K_M,tg128,0,CUDA,6412,q4_0,dual-gpu,ok,6,136.2,0.355166147035433,0.00260768096208101,135.6552,136.2681,136.6086,135.827275987216,136.572724012784,,samples,
> 8,a30,qwen3moe 30B.A3B,Q4_K_M,tg128,8192,CUDA,6412,q4_0,dual-gpu,ok,6,72.5,0.189056869750878,0.00260768096208108,72.21,72.53625,72.7175,72.3015969829163,72.6984030170837,,samples,
> 9,a30,qwen3moe 30B.A3B,Q4_K_M,tg128,32768,CUDA,6412,q4_0,,ok,6,35.1,0.091529601769045,0.00260768096208105,34.9596,35.11755,35.2053,35.0039455737981,35.1960544262019,,samples,
> 10,a30,qwen3moe 30B.A3B,Q4_K_M,tg128,65536,CUDA,6412,q4_0,,ok,6,20.6,0.0537182278188692,0.00260768096208103,20.5176,20.6103,20.6618,20.5436261772148,20.6563738227852,,samples,
$ halodb --db q.db query noise --host variant=- --format csv
> id,host,model,quant,test,depth (tokens),backend,build,kv,variant,status,n,mean (t/s),sd (t/s),cv,min (t/s),median (t/s),max (t/s),ci_lo (t/s),ci_hi (t/s),flags,method,error
> 11,a30,qwen3moe 30B.A3B,Q4_K_M,pp512,0,CUDA,6412,q4_0,,ok,6,2274.0,5.92986650777228,0.00260768096208104,2264.904,2275.137,2280.822,2267.77698674692,2280.22301325308,,samples,
> 9,a30,qwen3moe 30B.A3B,Q4_K_M,tg128,32768,CUDA,6412,q4_0,,ok,6,35.1,0.091529601769045,0.00260768096208105,34.9596,35.11755,35.2053,35.0039455737981,35.1960544262019,,samples,
> 10,a30,qwen3moe 30B.A3B,Q4_K_M,tg128,65536,CUDA,6412,q4_0,,ok,6,20.6,0.0537182278188692,0.00260768096208103,20.5176,20.6103,20.6618,20.5436261772148,20.6563738227852,,samples,
> 5,strix-halo,qwen3moe 30B.A3B,Q4_K_M,pp512,0,Vulkan,9064,q8_0,,ok,6,1167.0,3.04316368274857,0.00260768096208104,1162.332,1167.5835,1170.501,1163.80639557329,1170.19360442671,,samples,
> 1,strix-halo,qwen3moe 30B.A3B,Q4_K_M,tg128,0,Vulkan,9064,q8_0,,ok,6,87.0,0.226868243701053,0.00260768096208107,86.652,87.0435,87.261,86.7619163794995,87.2380836205005,,samples,
> 6,strix-halo,qwen3moe 30B.A3B,Q4_K_M,tg128,0,Vulkan,8900,q4_0,,ok,6,85.0,0.22165288177689,0.00260768096208106,84.66,85.0425,85.255,84.7673895661777,85.2326104338223,,samples,
> 2,strix-halo,qwen3moe 30B.A3B,Q4_K_M,tg128,8192,Vulkan,9064,q8_0,,ok,6,62.1,0.161936987745235,0.00260768096208107,61.8516,62.13105,62.2863,61.9300575536428,62.2699424463572,,samples,
> 3,strix-halo,qwen3moe 30B.A3B,Q4_K_M,tg128,32768,Vulkan,9064,q8_0,,ok,6,40.2,0.104828774675658,0.00260768096208106,40.0392,40.2201,40.3206,40.0899889477687,40.3100110522313,,samples,
> 4,strix-halo,qwen3moe 30B.A3B,Q4_K_M,tg128,65536,Vulkan,9064,q8_0,,ok,6,28.1,0.0732758350344773,0.00260768096208104,27.9876,28.11405,28.1843,28.0231017271717,28.1768982728283,,samples,
$ halodb --db q.db query degradation --host a30 --format csv
> host,model,quant,test,backend,build,kv,fa,ngl,ubatch,threads,variant,depth (tokens),ts_0 (t/s),ts (t/s),change (%),change_lo (%),change_hi (%),verdict,method,n_0,n,id_0,id,others_0,others,notes
> a30,qwen3moe 30B.A3B,Q4_K_M,tg128,CUDA,6412,q4_0,1,99,512,16,,32768,,35.1,,,,no depth 0,,,6,,9,,0,this configuration has no depth-0 measurement
> a30,qwen3moe 30B.A3B,Q4_K_M,tg128,CUDA,6412,q4_0,1,99,512,16,,65536,,20.6,,,,no depth 0,,,6,,10,,0,this configuration has no depth-0 measurement
> a30,qwen3moe 30B.A3B,Q4_K_M,tg128,CUDA,6412,q4_0,1,99,512,16,dual-gpu,8192,136.2,72.5,-46.769456681351,-46.947722775372,-46.590591578165,slower,samples,6,6,7,8,0,0,
$ halodb --db q.db query speed --format csv
> model,quant,a30 pp512 (t/s),a30 (dual-gpu) pp512 (t/s),strix-halo pp512 (t/s),a30 tg128 (t/s),a30 (dual-gpu) tg128 (t/s),strix-halo tg128 (t/s),unchosen
> qwen3moe 30B.A3B,Q4_K_M,2274.0,,1167.0,,136.2,87.0,strix-halo tg128 +1
$ halodb --db q.db query speed --hosts a30,strix-halo --format json
> [
>   {"model": "qwen3moe 30B.A3B", "quant": "Q4_K_M", "a30 pp512": 2274.0, "strix-halo pp512": 1167.0, "a30 tg128": 136.2, "strix-halo tg128": 85.0, "ratio pp512": 1.94858611825193, "verdict pp512": "a30 faster", "ratio tg128": 1.60235294117647, "verdict tg128": "a30 faster", "differs pp512": "backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0", "differs tg128": "backend CUDA vs Vulkan; build 6412 vs 8900; variant dual-gpu vs -", "variants": "a30 tg128 dual-gpu", "unchosen": "strix-halo tg128 +1"}
> ]
$ halodb --db q.db query depth --hosts a30,strix-halo --format csv
> model,quant,depth (tokens),a30 pp512 (t/s),strix-halo pp512 (t/s),a30 tg128 (t/s),strix-halo tg128 (t/s),ratio pp512,verdict pp512,ratio tg128,verdict tg128,differs pp512,differs tg128,variants,unchosen
> qwen3moe 30B.A3B,Q4_K_M,0,2274.0,1167.0,136.2,85.0,1.94858611825193,a30 faster,1.60235294117647,a30 faster,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,backend CUDA vs Vulkan; build 6412 vs 8900; variant dual-gpu vs -,a30 tg128 dual-gpu,strix-halo tg128 +1
> qwen3moe 30B.A3B,Q4_K_M,8192,,,72.5,62.1,,,1.16747181964573,a30 faster,,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0; variant dual-gpu vs -,a30 tg128 dual-gpu,
> qwen3moe 30B.A3B,Q4_K_M,32768,,,35.1,40.2,,,0.873134328358209,strix-halo faster,,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,,
> qwen3moe 30B.A3B,Q4_K_M,65536,,,20.6,28.1,,,0.733096085409253,strix-halo faster,,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,,
$ halodb --db q.db query crossover --a a30 --b strix-halo --format csv
> model,quant,test,depths (tokens),result,from_depth (tokens),to_depth (tokens),estimate (tokens),ratio_from,verdict_from,ratio_to,verdict_to,differs,a_unchosen,b_unchosen,notes
> qwen3moe 30B.A3B,Q4_K_M,pp512,0,a faster at 0 (one depth compared),,,,,,,,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0,0,0,
> qwen3moe 30B.A3B,Q4_K_M,tg128,"0, 8192, 32768, 65536",faster side changes from a to b,8192,32768,17151,1.16747181964573,a faster,0.873134328358209,b faster,backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0; variant dual-gpu vs - at 8192 | backend CUDA vs Vulkan; build 6412 vs 9064; kv q4_0 vs q8_0 at 32768,0,0,
# The report labels a host's runs of a variant: a column of the tables,
# the depth chart's series (its alt text), the degradation, the notes.
$ halodb --db q.db report --out site > /dev/null && grep -n -e 'dual-gpu' -e '| Variant |' site/report.md
> 20:| Model | Quant | strix-halo pp512 (t/s) | a30 pp512 (t/s) | strix-halo tg128 (t/s) | a30 tg128 (t/s) | strix-halo/a30 tg128 | Faster | Verdict | Variant |
> 22:| qwen3moe 30B.A3B | Q4\_K\_M | 1167.0 | 2274.0 | 85.0 | 136.2 | 0.62 | a30 (1.6x) | a30 faster | a30 tg128 dual-gpu |
> 36:| Depth (tokens) | strix-halo pp512 (t/s) | a30 pp512 (t/s) | strix-halo tg128 (t/s) | a30 tg128 (t/s) | strix-halo/a30 tg128 | Faster | Verdict | Variant |
> 38:| 0 | 1167.0 | 2274.0 | 85.0 | 136.2 | 0.62 | a30 (1.6x) | a30 faster | a30 tg128 dual-gpu |
> 39:| 8192 |  |  | 62.1 | 72.5 | 0.86 | a30 (1.2x) | a30 faster | a30 tg128 dual-gpu |
> 43: The faster host changes between 8K and 32K, near 17K (interpolated in log ratio over log2 depth): a30 is faster below, strix-halo above. At both depths the difference is beyond noise. strix-halo tg128 drops 68% from depth 0 to 65K (87.0 to 28.1 t/s). a30 (dual-gpu) tg128 drops 47% from depth 0 to 8K (136.2 to 72.5 t/s). Every comparison is beyond noise.
> 45:![tg128 tokens/s of qwen3moe 30B.A3B Q4\_K\_M against depth (tokens). strix-halo: 85.0 t/s at 0 to 28.1 at 65K. a30: 35.1 t/s at 32K to 20.6 at 65K. a30 (dual-gpu): 136 t/s at 0 to 72.5 at 8K. a30 faster up to \~17K (between 8K and 32K), strix-halo beyond.](charts/depth-qwen3moe-30b-a3b-q4-k-m-tg128.svg)
> 57:- variant - vs dual-gpu: qwen3moe 30B.A3B
