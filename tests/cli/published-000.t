# Seed 000's throughput, transcribed (data/published/000-throughput.csv),
# and what halodb computes from it, against what the seed prints
# (../shared/seeds/000_1cef05ec07c53e0d.txt).  The seed gives no spread
# and no repetition count, so every verdict is 'too few repetitions':
# halodb's honest answer where the seed calls a gap by its point values.
# The test dir's fixtures/ links to tests/fixtures, so fixtures/../..
# is the repository.
#
# 124 rows: 14 are depth-0 rows of a depth table that repeat the default
# table (gpt-oss-20b, qwen3-30b-a3b-2507, qwen3-coder-next, and
# qwen3.6-thinking's Strix Halo row, the qwen3.6 model file), stored
# once; 6 did not finish (A30 DeepSeek wedged at 32K and 65K, Strix Halo
# granite crashed at 65K).
$ halodb ingest fixtures/../../data/published/000-throughput.csv
> fixtures/../../data/published/000-throughput.csv: 110 rows, 14 already in the store, 6 from a run that died (published)
> ingested 1 file (110 rows, 14 already in the store)
#
# A30/Strix Halo tg128, the seed's last column, to two decimals:
# default table: qwen3-4b-2507 1.59x, gemma-3-4b-it 1.48x,
# gemma-3-12b-it 1.95x, phi-4 2.21x, gpt-oss-20b 1.61x, qwen3-coder-next
# 0.22x (A30 hybrid offload, -ngl 22: differs says ngl 22 vs 99), qwen3.6
# 1.49x: halodb agrees.
# Four default rows differ in the second decimal; halodb's ratio is the
# printed numbers' (the seed computed from unrounded ones):
#   mistral-small-3.2-24b: seed 2.26x, 34.5/15.3 = 2.2549 -> 2.25
#   gemma-3-27b-it:        seed 2.23x, 28.0/12.6 = 2.2222 -> 2.22
#   qwen3-30b-a3b-2507:    seed 1.56x, 136.2/87.0 = 1.5655 -> 1.57
#   qwen2.5-coder-32b:     seed 2.18x, 24.1/11.1 = 2.1712 -> 2.17
# Depth tables, all as printed: gpt-oss-20b 1.61/1.64/1.36/1.20x,
# qwen3-30b-a3b-2507 (1.56)/1.17/0.87/0.73x, qwen3-coder-next
# 0.22/0.18/0.12/0.10x, deepseek-coder-v2-lite 0.83/0.08x and 'n/a' at
# 32K and 65K: halodb says 'num wedged' there (no number, no zero).
# granite-3.1-8b-instruct has no A30 row: the Strix Halo crash at 65K
# still shows, as 'den crashed'.
$ halodb query ratio --num a30 --den strix-halo --test tg128 --format csv
> model,quant,test,depth (tokens),num_ts (t/s),num_sd (t/s),num_n,den_ts (t/s),den_sd (t/s),den_n,ratio,ratio_lo,ratio_hi,p_welch,p_mann_whitney,verdict,differs,method,num_id,den_id,num_unchosen,den_unchosen
> deepseek-coder-v2-lite,Q4_K_M,tg128,0,88.5,,,106.0,,,0.834905660377358,,,,,too few repetitions,backend CUDA vs Vulkan; build 9064 vs ?; kv q4_0 vs q8_0,"mean, sd, n",90,89,0,0
> deepseek-coder-v2-lite,Q4_K_M,tg128,8192,4.9,,,64.4,,,0.0760869565217391,,,,,too few repetitions,backend CUDA vs Vulkan; build 9064 vs ?; kv q4_0 vs q8_0,"mean, sd, n",94,93,0,0
> deepseek-coder-v2-lite,Q4_K_M,tg128,32768,,,,30.8,,,,,,,,num wedged,backend CUDA vs Vulkan; build 9064 vs ?; kv q4_0 vs q8_0,,98,97,0,0
> deepseek-coder-v2-lite,Q4_K_M,tg128,65536,,,,17.4,,,,,,,,num wedged,backend CUDA vs Vulkan; build 9064 vs ?; kv q4_0 vs q8_0,,102,101,0,0
> gemma-3-12b-it,Q4_K_M,tg128,0,52.4,,,26.9,,,1.94795539033457,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0,"mean, sd, n",12,11,0,0
> gemma-3-27b-it,Q4_K_M,tg128,0,28.0,,,12.6,,,2.22222222222222,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0,"mean, sd, n",28,27,0,0
> gemma-3-4b-it,Q4_K_M,tg128,0,109.5,,,74.1,,,1.47773279352227,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0,"mean, sd, n",8,7,0,0
> gpt-oss-20b,Q4_K_M,tg128,0,130.2,,,80.8,,,1.61138613861386,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0,"mean, sd, n",20,19,0,0
> gpt-oss-20b,Q4_K_M,tg128,8192,109.5,,,66.6,,,1.64414414414414,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0,"mean, sd, n",48,47,0,0
> gpt-oss-20b,Q4_K_M,tg128,32768,77.2,,,56.9,,,1.35676625659051,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0,"mean, sd, n",52,51,0,0
> gpt-oss-20b,Q4_K_M,tg128,65536,54.5,,,45.6,,,1.19517543859649,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0,"mean, sd, n",56,55,0,0
> granite-3.1-8b-instruct,Q4_K_M,tg128,65536,,,,,,,,,,,,den crashed,,,,106,,0
> mistral-small-3.2-24b,Q4_K_M,tg128,0,34.5,,,15.3,,,2.25490196078431,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0,"mean, sd, n",24,23,0,0
> phi-4,Q4_K_M,tg128,0,53.2,,,24.1,,,2.20746887966805,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0,"mean, sd, n",16,15,0,0
> qwen2.5-coder-32b,Q4_K_M,tg128,0,24.1,,,11.1,,,2.17117117117117,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0,"mean, sd, n",36,35,0,0
> qwen3-30b-a3b-2507,Q4_K_M,tg128,0,136.2,,,87.0,,,1.56551724137931,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0,"mean, sd, n",32,31,0,0
> qwen3-30b-a3b-2507,Q4_K_M,tg128,8192,72.5,,,62.1,,,1.16747181964573,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0,"mean, sd, n",60,59,0,0
> qwen3-30b-a3b-2507,Q4_K_M,tg128,32768,35.1,,,40.2,,,0.873134328358209,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0,"mean, sd, n",64,63,0,0
> qwen3-30b-a3b-2507,Q4_K_M,tg128,65536,20.6,,,28.1,,,0.733096085409253,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0,"mean, sd, n",68,67,0,0
> qwen3-4b-2507,Q4_K_M,tg128,0,118.9,,,75.0,,,1.58533333333333,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0,"mean, sd, n",4,3,0,0
> qwen3-coder-next,Q4_K_M,tg128,0,12.2,,,56.4,,,0.216312056737589,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0; ngl 22 vs 99,"mean, sd, n",40,39,0,0
> qwen3-coder-next,Q4_K_M,tg128,8192,9.3,,,52.5,,,0.177142857142857,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0; ngl 22 vs 99,"mean, sd, n",78,77,0,0
> qwen3-coder-next,Q4_K_M,tg128,32768,5.4,,,46.9,,,0.115138592750533,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0; ngl 22 vs 99,"mean, sd, n",82,81,0,0
> qwen3-coder-next,Q4_K_M,tg128,65536,3.9,,,38.1,,,0.102362204724409,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0; ngl 22 vs 99,"mean, sd, n",86,85,0,0
> qwen3.6,Q4_K_M,tg128,0,99.9,,,67.1,,,1.48882265275708,,,,,too few repetitions,backend CUDA vs Vulkan; kv q4_0 vs q8_0,"mean, sd, n",44,43,0,0
#
# qwen3-30b-a3b-2507: "Crossover happens between 8K and 32K": brackets
# 8192 and 32768, interpolated at 17151 tokens.  The seed's "at 32K the
# miniPC is already faster" is a point comparison: with no spread both
# brackets are 'too few repetitions'.
# gpt-oss-20b: "A30 still wins on this model at every depth": halodb
# says the A30 (a) is ahead at every depth by the point estimate, and
# that it cannot call it beyond noise (too few repetitions).
# qwen3-coder-next: Strix Halo (b) ahead at every depth.
# qwen3.6: the A30 measured depth 0 only (qwen3.6-thinking is Strix
# Halo only), so one depth is compared.
$ halodb query crossover --a a30 --b strix-halo --test tg128
> model                    quant   test   depths (tokens)        result                                                                                from_depth (tokens)  to_depth (tokens)  estimate (tokens)  ratio_from  verdict_from         ratio_to  verdict_to           differs                                                   a_unchosen  b_unchosen  notes
> -----------------------  ------  -----  ---------------------  ------------------------------------------------------------------------------------  -------------------  -----------------  -----------------  ----------  -------------------  --------  -------------------  --------------------------------------------------------  ----------  ----------  ----------------------------------------
> deepseek-coder-v2-lite   Q4_K_M  tg128  0, 8192, 32768, 65536  too few repetitions at 0, 8192; b ahead at each by the point estimate                                                                                                                                            backend CUDA vs Vulkan; build 9064 vs ?; kv q4_0 vs q8_0           0           0  a wedged at 32768, 65536
> gemma-3-12b-it           Q4_K_M  tg128  0                      too few repetitions at 0 (one depth compared); a ahead at each by the point estimate                                                                                                                             backend CUDA vs Vulkan; kv q4_0 vs q8_0                            0           0
> gemma-3-27b-it           Q4_K_M  tg128  0                      too few repetitions at 0 (one depth compared); a ahead at each by the point estimate                                                                                                                             backend CUDA vs Vulkan; kv q4_0 vs q8_0                            0           0
> gemma-3-4b-it            Q4_K_M  tg128  0                      too few repetitions at 0 (one depth compared); a ahead at each by the point estimate                                                                                                                             backend CUDA vs Vulkan; kv q4_0 vs q8_0                            0           0
> gpt-oss-20b              Q4_K_M  tg128  0, 8192, 32768, 65536  too few repetitions at every measured depth; a ahead at each by the point estimate                                                                                                                               backend CUDA vs Vulkan; kv q4_0 vs q8_0                            0           0
> granite-3.1-8b-instruct  Q4_K_M  tg128  0, 65536               no depth compared                                                                                                                                                                                                                                                                   0           0  only b measured at 0; b crashed at 65536
> mistral-small-3.2-24b    Q4_K_M  tg128  0                      too few repetitions at 0 (one depth compared); a ahead at each by the point estimate                                                                                                                             backend CUDA vs Vulkan; kv q4_0 vs q8_0                            0           0
> phi-4                    Q4_K_M  tg128  0                      too few repetitions at 0 (one depth compared); a ahead at each by the point estimate                                                                                                                             backend CUDA vs Vulkan; kv q4_0 vs q8_0                            0           0
> qwen2.5-coder-32b        Q4_K_M  tg128  0                      too few repetitions at 0 (one depth compared); a ahead at each by the point estimate                                                                                                                             backend CUDA vs Vulkan; kv q4_0 vs q8_0                            0           0
> qwen3-30b-a3b-2507       Q4_K_M  tg128  0, 8192, 32768, 65536  faster side changes from a to b                                                                      8192              32768              17151       1.167  too few repetitions     0.873  too few repetitions  backend CUDA vs Vulkan; kv q4_0 vs q8_0                            0           0
> qwen3-4b-2507            Q4_K_M  tg128  0                      too few repetitions at 0 (one depth compared); a ahead at each by the point estimate                                                                                                                             backend CUDA vs Vulkan; kv q4_0 vs q8_0                            0           0
> qwen3-coder-next         Q4_K_M  tg128  0, 8192, 32768, 65536  too few repetitions at every measured depth; b ahead at each by the point estimate                                                                                                                               backend CUDA vs Vulkan; kv q4_0 vs q8_0; ngl 22 vs 99              0           0
> qwen3.6                  Q4_K_M  tg128  0, 8192, 32768, 65536  too few repetitions at 0 (one depth compared); a ahead at each by the point estimate                                                                                                                             backend CUDA vs Vulkan; kv q4_0 vs q8_0                            0           0  only b measured at 8192, 32768, 65536
#
# The drops the text quotes, A30: gpt-oss-20b "58% from default to 65K"
# (-58.1), qwen3-30b-a3b-2507 "85%" (-84.9), qwen3-coder-next hybrid
# "68%" (-68.0): halodb agrees.  DeepSeek's wedged depths show as
# 'wedged', with the row's note.
$ halodb query degradation --host a30 --test tg128
> host  model                   quant   test   backend  build  kv    fa  ngl  ubatch  threads  variant  depth (tokens)  ts_0 (t/s)  ts (t/s)  change (%)  change_lo (%)  change_hi (%)  verdict              method       n_0  n  id_0   id  others_0  others  notes
> ----  ----------------------  ------  -----  -------  -----  ----  --  ---  ------  -------  -------  --------------  ----------  --------  ----------  -------------  -------------  -------------------  -----------  ---  -  ----  ---  --------  ------  ----------------------------------------------------------------------------------------------------------------------------------------------------------------------------------
> a30   deepseek-coder-v2-lite  Q4_K_M  tg128  CUDA      9064  q4_0   1   99                                      8192       88.50      4.90       -94.5                                too few repetitions  mean, sd, n            90   94         0       0
> a30   deepseek-coder-v2-lite  Q4_K_M  tg128  CUDA      9064  q4_0   1   99                                     32768       88.50                                                      wedged                                      90   98         0       0  depth 32768: MLA on CUDA, llama.cpp build 9064; harness wedged at d=32K (CUDA MLA prefill ~3-5 t/s), killed after 17 minutes of no progress; the seed prints wedged at 32K and 65K
> a30   deepseek-coder-v2-lite  Q4_K_M  tg128  CUDA      9064  q4_0   1   99                                     65536       88.50                                                      wedged                                      90  102         0       0  depth 65536: MLA on CUDA, llama.cpp build 9064; harness wedged at d=32K (CUDA MLA prefill ~3-5 t/s), killed after 17 minutes of no progress; the seed prints wedged at 32K and 65K
> a30   gpt-oss-20b             Q4_K_M  tg128  CUDA            q4_0   1   99                                      8192      130.20    109.50       -15.9                                too few repetitions  mean, sd, n            20   48         0       0
> a30   gpt-oss-20b             Q4_K_M  tg128  CUDA            q4_0   1   99                                     32768      130.20     77.20       -40.7                                too few repetitions  mean, sd, n            20   52         0       0
> a30   gpt-oss-20b             Q4_K_M  tg128  CUDA            q4_0   1   99                                     65536      130.20     54.50       -58.1                                too few repetitions  mean, sd, n            20   56         0       0
> a30   qwen3-30b-a3b-2507      Q4_K_M  tg128  CUDA            q4_0   1   99                                      8192      136.20     72.50       -46.8                                too few repetitions  mean, sd, n            32   60         0       0
> a30   qwen3-30b-a3b-2507      Q4_K_M  tg128  CUDA            q4_0   1   99                                     32768      136.20     35.10       -74.2                                too few repetitions  mean, sd, n            32   64         0       0
> a30   qwen3-30b-a3b-2507      Q4_K_M  tg128  CUDA            q4_0   1   99                                     65536      136.20     20.60       -84.9                                too few repetitions  mean, sd, n            32   68         0       0
> a30   qwen3-coder-next        Q4_K_M  tg128  CUDA            q4_0   1   22                                      8192       12.20      9.30       -23.8                                too few repetitions  mean, sd, n            40   78         0       0
> a30   qwen3-coder-next        Q4_K_M  tg128  CUDA            q4_0   1   22                                     32768       12.20      5.40       -55.7                                too few repetitions  mean, sd, n            40   82         0       0
> a30   qwen3-coder-next        Q4_K_M  tg128  CUDA            q4_0   1   22                                     65536       12.20      3.90       -68.0                                too few repetitions  mean, sd, n            40   86         0       0
#
# Strix Halo: gpt-oss-20b "44%" (-43.6), qwen3-30b-a3b-2507 "68%"
# (-67.7), qwen3.6-thinking "32%" (-32.2), qwen3-coder-next "32%"
# (-32.4), llama-4-scout-17b-16e "only 31% tg drop" (-30.8): halodb
# agrees.  granite-3.1-8b-instruct crashed at 65K.
$ halodb query degradation --host strix-halo --test tg128 --format csv
> host,model,quant,test,backend,build,kv,fa,ngl,ubatch,threads,variant,depth (tokens),ts_0 (t/s),ts (t/s),change (%),change_lo (%),change_hi (%),verdict,method,n_0,n,id_0,id,others_0,others,notes
> strix-halo,deepseek-coder-v2-lite,Q4_K_M,tg128,Vulkan,,q8_0,1,99,,,,8192,106.0,64.4,-39.2452830188679,,,too few repetitions,"mean, sd, n",,,89,93,0,0,
> strix-halo,deepseek-coder-v2-lite,Q4_K_M,tg128,Vulkan,,q8_0,1,99,,,,32768,106.0,30.8,-70.9433962264151,,,too few repetitions,"mean, sd, n",,,89,97,0,0,
> strix-halo,deepseek-coder-v2-lite,Q4_K_M,tg128,Vulkan,,q8_0,1,99,,,,65536,106.0,17.4,-83.5849056603774,,,too few repetitions,"mean, sd, n",,,89,101,0,0,
> strix-halo,gpt-oss-20b,Q4_K_M,tg128,Vulkan,,q8_0,1,99,,,,8192,80.8,66.6,-17.5742574257426,,,too few repetitions,"mean, sd, n",,,19,47,0,0,
> strix-halo,gpt-oss-20b,Q4_K_M,tg128,Vulkan,,q8_0,1,99,,,,32768,80.8,56.9,-29.5792079207921,,,too few repetitions,"mean, sd, n",,,19,51,0,0,
> strix-halo,gpt-oss-20b,Q4_K_M,tg128,Vulkan,,q8_0,1,99,,,,65536,80.8,45.6,-43.5643564356436,,,too few repetitions,"mean, sd, n",,,19,55,0,0,
> strix-halo,granite-3.1-8b-instruct,Q4_K_M,tg128,Vulkan,,q8_0,1,99,,,,65536,39.5,,,,,crashed,,,,104,106,0,0,depth 65536: Vulkan device-lost at d=65K; d=8K and 32K ran but are not printed; 100W effective TDP (ryzenadj)
> strix-halo,llama-4-scout-17b-16e,Q4_K_M,tg128,Vulkan,,q8_0,1,99,,,,65536,20.1,13.9,-30.8457711442786,,,too few repetitions,"mean, sd, n",,,108,110,0,0,
> strix-halo,qwen3-30b-a3b-2507,Q4_K_M,tg128,Vulkan,,q8_0,1,99,,,,8192,87.0,62.1,-28.6206896551724,,,too few repetitions,"mean, sd, n",,,31,59,0,0,
> strix-halo,qwen3-30b-a3b-2507,Q4_K_M,tg128,Vulkan,,q8_0,1,99,,,,32768,87.0,40.2,-53.7931034482759,,,too few repetitions,"mean, sd, n",,,31,63,0,0,
> strix-halo,qwen3-30b-a3b-2507,Q4_K_M,tg128,Vulkan,,q8_0,1,99,,,,65536,87.0,28.1,-67.7011494252874,,,too few repetitions,"mean, sd, n",,,31,67,0,0,
> strix-halo,qwen3-coder-next,Q4_K_M,tg128,Vulkan,,q8_0,1,99,,,,8192,56.4,52.5,-6.91489361702128,,,too few repetitions,"mean, sd, n",,,39,77,0,0,
> strix-halo,qwen3-coder-next,Q4_K_M,tg128,Vulkan,,q8_0,1,99,,,,32768,56.4,46.9,-16.8439716312057,,,too few repetitions,"mean, sd, n",,,39,81,0,0,
> strix-halo,qwen3-coder-next,Q4_K_M,tg128,Vulkan,,q8_0,1,99,,,,65536,56.4,38.1,-32.4468085106383,,,too few repetitions,"mean, sd, n",,,39,85,0,0,
> strix-halo,qwen3.6,Q4_K_M,tg128,Vulkan,,q8_0,1,99,,,,8192,67.1,61.8,-7.89865871833084,,,too few repetitions,"mean, sd, n",,,43,70,0,0,
> strix-halo,qwen3.6,Q4_K_M,tg128,Vulkan,,q8_0,1,99,,,,32768,67.1,55.6,-17.1385991058122,,,too few repetitions,"mean, sd, n",,,43,72,0,0,
> strix-halo,qwen3.6,Q4_K_M,tg128,Vulkan,,q8_0,1,99,,,,65536,67.1,45.5,-32.1907600596125,,,too few repetitions,"mean, sd, n",,,43,74,0,0,
#
# The other way round, Strix Halo/A30: qwen3-30b-a3b-2507 at 65K "36%
# faster" (28.1/20.6 = 1.36); qwen3-coder-next "Strix Halo wins
# 4.6x/5.6x/8.7x/9.8x" (4.62, 5.65, 8.69, 9.77); deepseek-coder-v2-lite
# "wins 13x" at 8K (13.14) and 1.20 at 0 (the seed's 0.83x): all agree
# at the seed's one decimal (5.6x is 52.5/9.3 = 5.645).
$ halodb query ratio --num strix-halo --den a30 --test tg128 --model qwen3-30b-a3b-2507 --format csv
> model,quant,test,depth (tokens),num_ts (t/s),num_sd (t/s),num_n,den_ts (t/s),den_sd (t/s),den_n,ratio,ratio_lo,ratio_hi,p_welch,p_mann_whitney,verdict,differs,method,num_id,den_id,num_unchosen,den_unchosen
> qwen3-30b-a3b-2507,Q4_K_M,tg128,0,87.0,,,136.2,,,0.638766519823789,,,,,too few repetitions,backend Vulkan vs CUDA; kv q8_0 vs q4_0,"mean, sd, n",31,32,0,0
> qwen3-30b-a3b-2507,Q4_K_M,tg128,8192,62.1,,,72.5,,,0.856551724137931,,,,,too few repetitions,backend Vulkan vs CUDA; kv q8_0 vs q4_0,"mean, sd, n",59,60,0,0
> qwen3-30b-a3b-2507,Q4_K_M,tg128,32768,40.2,,,35.1,,,1.14529914529915,,,,,too few repetitions,backend Vulkan vs CUDA; kv q8_0 vs q4_0,"mean, sd, n",63,64,0,0
> qwen3-30b-a3b-2507,Q4_K_M,tg128,65536,28.1,,,20.6,,,1.36407766990291,,,,,too few repetitions,backend Vulkan vs CUDA; kv q8_0 vs q4_0,"mean, sd, n",67,68,0,0
$ halodb query ratio --num strix-halo --den a30 --test tg128 --model qwen3-coder-next --format csv
> model,quant,test,depth (tokens),num_ts (t/s),num_sd (t/s),num_n,den_ts (t/s),den_sd (t/s),den_n,ratio,ratio_lo,ratio_hi,p_welch,p_mann_whitney,verdict,differs,method,num_id,den_id,num_unchosen,den_unchosen
> qwen3-coder-next,Q4_K_M,tg128,0,56.4,,,12.2,,,4.62295081967213,,,,,too few repetitions,backend Vulkan vs CUDA; kv q8_0 vs q4_0; ngl 99 vs 22,"mean, sd, n",39,40,0,0
> qwen3-coder-next,Q4_K_M,tg128,8192,52.5,,,9.3,,,5.64516129032258,,,,,too few repetitions,backend Vulkan vs CUDA; kv q8_0 vs q4_0; ngl 99 vs 22,"mean, sd, n",77,78,0,0
> qwen3-coder-next,Q4_K_M,tg128,32768,46.9,,,5.4,,,8.68518518518519,,,,,too few repetitions,backend Vulkan vs CUDA; kv q8_0 vs q4_0; ngl 99 vs 22,"mean, sd, n",81,82,0,0
> qwen3-coder-next,Q4_K_M,tg128,65536,38.1,,,3.9,,,9.76923076923077,,,,,too few repetitions,backend Vulkan vs CUDA; kv q8_0 vs q4_0; ngl 99 vs 22,"mean, sd, n",85,86,0,0
$ halodb query ratio --num strix-halo --den a30 --test tg128 --model deepseek-coder-v2-lite --format csv
> model,quant,test,depth (tokens),num_ts (t/s),num_sd (t/s),num_n,den_ts (t/s),den_sd (t/s),den_n,ratio,ratio_lo,ratio_hi,p_welch,p_mann_whitney,verdict,differs,method,num_id,den_id,num_unchosen,den_unchosen
> deepseek-coder-v2-lite,Q4_K_M,tg128,0,106.0,,,88.5,,,1.19774011299435,,,,,too few repetitions,backend Vulkan vs CUDA; build ? vs 9064; kv q8_0 vs q4_0,"mean, sd, n",89,90,0,0
> deepseek-coder-v2-lite,Q4_K_M,tg128,8192,64.4,,,4.9,,,13.1428571428571,,,,,too few repetitions,backend Vulkan vs CUDA; build ? vs 9064; kv q8_0 vs q4_0,"mean, sd, n",93,94,0,0
> deepseek-coder-v2-lite,Q4_K_M,tg128,32768,30.8,,,,,,,,,,,den wedged,backend Vulkan vs CUDA; build ? vs 9064; kv q8_0 vs q4_0,,97,98,0,0
> deepseek-coder-v2-lite,Q4_K_M,tg128,65536,17.4,,,,,,,,,,,den wedged,backend Vulkan vs CUDA; build ? vs 9064; kv q8_0 vs q4_0,,101,102,0,0
