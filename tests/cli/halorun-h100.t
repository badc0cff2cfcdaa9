# A real sweep of `halodb run` on an H100 with a CUDA llama-bench (see
# fixtures/run/README.md): the clean sweep and the one forced past a stray
# llama-server ingest as any copied run directory does.
$ halodb ingest fixtures/run/h100
> fixtures/run/h100/2026-11-27-vm-tiny-llama-q4_k_m: 4 rows (halodb-run)
> fixtures/run/h100/2026-11-27-vm-tiny-llama-q4_k_m-2: 2 rows (halodb-run)
> ingested 2 files (6 rows)
$ halodb sql "select host, backend, build_number, test, n_depth, n_reps, status, gate from throughput order by id"
> host                 backend  build_number  test   n_depth  n_reps  status  gate
> -------------------  -------  ------------  -----  -------  ------  ------  -----------------------------------------
> xeon-h100-80gb-hbm3  CUDA             9749  pp512        0       6  ok      clean
> xeon-h100-80gb-hbm3  CUDA             9749  tg128        0       6  ok      clean
> xeon-h100-80gb-hbm3  CUDA             9749  pp512     4096       6  ok      clean
> xeon-h100-80gb-hbm3  CUDA             9749  tg128     4096       6  ok      clean
> xeon-h100-80gb-hbm3  CUDA             9749  pp512        0       6  ok      dirty: llama-server (pid 5317) is running
> xeon-h100-80gb-hbm3  CUDA             9749  tg128        0       6  ok      dirty: llama-server (pid 5317) is running
$ halodb sql "select count(*) as samples from throughput_sample"
> samples
> -------
>      36
# The forced rows are told apart from the clean ones wherever they meet.
$ halodb query noise --format csv | cut -d, -f1,5,6,11,21
> id,test,depth (tokens),status,flags
> 1,pp512,0,ok,warm-up
> 5,pp512,0,ok,high cv; warm-up; dirty: llama-server (pid 5317) is running
> 3,pp512,4096,ok,high cv
> 2,tg128,0,ok,high cv
> 6,tg128,0,ok,dirty: llama-server (pid 5317) is running
> 4,tg128,4096,ok,
$ halodb report --out site >/dev/null && grep -A3 '^Bench gate' site/report.md
> Bench gate. 6 throughput rows came from `halodb run`, which checks the machine before every test (no other model server or GPU job, free memory, fans, temperatures, a known llama-bench build): 4 with every check passed (*clean*) and 2 run with `--force` despite failed checks (*dirty*), which `halodb query noise` flags and comparisons tell apart from the rest. The checks that failed:
>
> - llama-server (pid 5317) is running (2 rows)
>
