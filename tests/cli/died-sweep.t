# A sweep that died keeps where it stopped.  The wrapper's echo of the
# llama-bench command line in the stderr plans the sweep (-d 0,65536,131072
# with the default -p 512 -n 128: pp512 and tg128 at each depth, in that
# order); the finished records are the first two points, so the run died
# at the third, pp512 at depth 65536.  Model, quant, build, backend and
# settings come from the records.
$ halodb ingest fixtures/died/sweep-killed.json fixtures/died/sweep-killed.stderr.txt
> fixtures/died/sweep-killed.json: 3 rows, 1 from a run that died (llama-bench-json), with its stderr 'fixtures/died/sweep-killed.stderr.txt'
> ingested 1 file (3 rows)
$ halodb sql "select model, model_file, quant, backend, build_number, type_k, n_gpu_layers, test, n_prompt, n_gen, n_depth, status, error from throughput order by id"
> model     model_file      quant  backend  build_number  type_k  n_gpu_layers  test   n_prompt  n_gen  n_depth  status   error
> --------  --------------  -----  -------  ------------  ------  ------------  -----  --------  -----  -------  -------  --------
> llama ?B  llama-F16.gguf  F16    CPU              9749  f16               99  pp512       512      0        0  ok
> llama ?B  llama-F16.gguf  F16    CPU              9749  f16               99  tg128         0    128        0  ok
> llama ?B  llama-F16.gguf  F16    CPU              9749  f16               99  pp512       512      0    65536  crashed  exit=137
# A markdown capture with the stderr mixed in (2>&1): the command line
# before the table, the rows of 0, 8K and 32K, then a Vulkan device lost.
$ halodb ingest --host strix-halo fixtures/died/granite-vulkan-sweep.log
> fixtures/died/granite-vulkan-sweep.log: 7 rows, 1 from a run that died (llama-bench-md)
> ingested 1 file (7 rows)
! fixtures/died/granite-vulkan-sweep.log:5:1: warning: no 'build:' line after the table that starts here (the run may have been cut off); its build is unknown
$ halodb sql "select model, model_file, quant, type_k, flash_attn, test, n_depth, status from throughput where host = 'strix-halo' and status <> 'ok'"
> model       model_file                           quant   type_k  flash_attn  test   n_depth  status
> ----------  -----------------------------------  ------  ------  ----------  -----  -------  -------
> granite 8B  granite-3.1-8b-instruct-Q4_K_M.gguf  Q4_K_M  q8_0             1  pp512    65536  crashed
# A run that died before its first result: only the command line says
# what it was running (model file, quant, settings, the first point).
$ halodb ingest --host strix-halo fixtures/died/qwen3-rocm-d65536.log
> fixtures/died/qwen3-rocm-d65536.log: 1 row, 1 from a run that died (llama-bench-md)
> ingested 1 file (1 row)
$ halodb sql "select model, model_file, quant, flash_attn, n_ubatch, test, n_depth, status from throughput where model_file like 'Qwen3%'"
> model  model_file               quant  flash_attn  n_ubatch  test    n_depth  status
> -----  -----------------------  -----  ----------  --------  ------  -------  ------
>        Qwen3-30B-A3B-Q8_0.gguf  Q8_0            1      2048  pp2048    65536  failed
# The report says where each run died, and what finished before.
$ halodb report --out out >/dev/null && sed -n '/^## Runs that did not finish/,/^Throughput runs/p' out/report.md
> ## Runs that did not finish
>
> 3 throughput runs did not finish. They are kept, never shown as a number (nor as zero): the tables and charts mark them where they would be.
>
> - epyc: llama ?B crashed at 65K (pp512) after finishing depth 0.
> - strix-halo: granite 8B crashed at 65K (pp512) after finishing 0, 8K and 32K; Qwen3-30B-A3B-Q8\_0.gguf failed at 65K (pp2048).
>
> Throughput runs that did not finish, with the error their files give.
# The queries show the died point as its status, never as a number.
$ halodb query depth --model "granite 8B"
> model       quant   depth (tokens)  strix-halo pp512 (t/s)  strix-halo tg128 (t/s)  unchosen
> ----------  ------  --------------  ----------------------  ----------------------  --------
> granite 8B  Q4_K_M               0                   996.1                   39.47
> granite 8B  Q4_K_M            8192                   801.3                   35.10
> granite 8B  Q4_K_M           32768                   452.8                   27.84
> granite 8B  Q4_K_M           65536                 crashed
$ halodb query noise --model "llama ?B" --format csv
> id,host,model,quant,test,depth (tokens),backend,build,kv,variant,status,n,mean (t/s),sd (t/s),cv,min (t/s),median (t/s),max (t/s),ci_lo (t/s),ci_hi (t/s),flags,method,error
> 1,epyc,llama ?B,F16,pp512,0,CPU,9749,f16,,ok,5,823.853,5.53678805807123,0.00672060192542994,815.933,823.101,829.451,816.978169602608,830.727830397391,too few repetitions,samples,
> 3,epyc,llama ?B,F16,pp512,65536,CPU,9749,f16,,crashed,,,,,,,,,,crashed,,exit=137
> 2,epyc,llama ?B,F16,tg128,0,CPU,9749,f16,,ok,5,159.994,4.3295155618152,0.0270604870296086,152.585,161.617,163.306,154.618196397231,165.369803602769,too few repetitions,samples,
