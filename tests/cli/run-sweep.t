# `halodb run` sweeps (issue 12) with a fake llama-bench that replays real
# JSONL lines of build 9749 and misbehaves on cue (fixtures/run/
# fake-llama-bench), over fake proc and sys trees; fixtures/run/hrun masks
# paths, dates and times, and with --runner-only keeps the runner's own
# lines (what ingest says of the directory is ingest's).
$ sh fixtures/run/mkroots.sh strix
$ echo "FAKE_BENCH_DEVICES='Vulkan0: Radeon 8060S Graphics (RADV GFX1151)'" > run.env
#
# A clean sweep: one llama-bench per point, depth by depth; the directory
# holds each point's stdout and stderr and the manifest; the rows are
# ingested.
$ sh fixtures/run/hrun --runner-only --profile strix-halo --host evo --depths 0,1024 --out r1 --db r1.db
> r1/DATE-evo-tiny: 4 points, llama-bench build 9749
> [1/4] pp512 at depth 0: ok in T s
> [2/4] tg128 at depth 0: ok in T s
> [3/4] pp512 at depth 1024: ok in T s
> [4/4] tg128 at depth 1024: ok in T s
$ ls r1/*
> 1-pp512-d0.jsonl
> 1-pp512-d0.stderr.txt
> 2-tg128-d0.jsonl
> 2-tg128-d0.stderr.txt
> 3-pp512-d1024.jsonl
> 3-pp512-d1024.stderr.txt
> 4-tg128-d1024.jsonl
> 4-tg128-d1024.stderr.txt
> manifest.json
$ grep -E '^  "(halodb_run|host|stopped)"|"(test|n_depth|stdout|gate|status|exit|signal|error)":' r1/*/manifest.json
>   "halodb_run": 1,
>   "host": "evo",
>       "test": "pp512",
>       "n_depth": 0,
>       "stdout": "1-pp512-d0.jsonl",
>       "gate": "clean",
>       "status": "ok",
>       "exit": 0,
>       "signal": null,
>       "error": null
>       "test": "tg128",
>       "n_depth": 0,
>       "stdout": "2-tg128-d0.jsonl",
>       "gate": "clean",
>       "status": "ok",
>       "exit": 0,
>       "signal": null,
>       "error": null
>       "test": "pp512",
>       "n_depth": 1024,
>       "stdout": "3-pp512-d1024.jsonl",
>       "gate": "clean",
>       "status": "ok",
>       "exit": 0,
>       "signal": null,
>       "error": null
>       "test": "tg128",
>       "n_depth": 1024,
>       "stdout": "4-tg128-d1024.jsonl",
>       "gate": "clean",
>       "status": "ok",
>       "exit": 0,
>       "signal": null,
>       "error": null
>   "stopped": null
$ grep -c '"check"' r1/*/manifest.json
> 28
$ cat r1/*/2-tg128-d0.jsonl | cut -c 1-120
> {"build_commit": "d32676d", "build_number": 9749, "cpu_info": "AMD EPYC", "gpu_info": "", "backends": "CPU", "model_file
$ halodb --db r1.db sql "select test, n_depth, status, round(avg_ts, 2) ts, type_k, gate from throughput order by n_depth, test"
> test   n_depth  status      ts  type_k  gate
> -----  -------  ------  ------  ------  -----
> pp512        0  ok       440.8  q4_0    clean
> tg128        0  ok      289.97  q4_0    clean
> pp512     1024  ok       155.9  q4_0    clean
> tg128     1024  ok       94.35  q4_0    clean
#
# A point that hangs is killed at --test-timeout (its whole process group:
# the sleep it started goes too) and kept as wedged with the time it ran;
# one that crashes is crashed with its signal; one that runs out of memory
# is oom with the error line.  The sweep goes on.
$ echo "FAKE_BENCH_CRASH=tg128@0 FAKE_BENCH_HANG=pp512@1024 FAKE_BENCH_OOM=tg128@1024 FAKE_BENCH_PIDS=$PWD/pids" >> run.env
$ sh fixtures/run/hrun --runner-only --profile strix-halo --host evo --depths 0,1024 --test-timeout 1 --out r2 --db r2.db
> r2/DATE-evo-tiny: 4 points, llama-bench build 9749
> [1/4] pp512 at depth 0: ok in T s
> [2/4] tg128 at depth 0: crashed in T s: killed by SIGSEGV
> [3/4] pp512 at depth 1024: wedged in T s: no result after 1 s (killed)
> [4/4] tg128 at depth 1024: oom in T s: ggml_backend_cuda_buffer_type_alloc_buffer: allocating 24576.00 MiB on device 0: cudaMalloc failed: out of memory
$ grep -E '"(test|n_depth|status|exit|signal|seconds|error)":' r2/*/manifest.json | sed 's/"seconds": [0-9]\.[0-9]*/"seconds": T/'
>       "test": "pp512",
>       "n_depth": 0,
>       "status": "ok",
>       "exit": 0,
>       "signal": null,
>       "seconds": T,
>       "error": null
>       "test": "tg128",
>       "n_depth": 0,
>       "status": "crashed",
>       "exit": null,
>       "signal": 11,
>       "seconds": T,
>       "error": "killed by SIGSEGV"
>       "test": "pp512",
>       "n_depth": 1024,
>       "status": "wedged",
>       "exit": null,
>       "signal": 15,
>       "seconds": T,
>       "error": "no result after 1 s (killed)"
>       "test": "tg128",
>       "n_depth": 1024,
>       "status": "oom",
>       "exit": 1,
>       "signal": null,
>       "seconds": T,
>       "error": "ggml_backend_cuda_buffer_type_alloc_buffer: allocating 24576.00 MiB on device 0: cudaMalloc failed: out of memory"
$ halodb --db r2.db sql "select test, n_depth, status, error from throughput order by n_depth, test"
> test   n_depth  status   error
> -----  -------  -------  -----------------------------------------------------------------------------------------------------------------
> pp512        0  ok
> tg128        0  crashed  killed by SIGSEGV
> pp512     1024  wedged   no result after 1 s (killed)
> tg128     1024  oom      ggml_backend_cuda_buffer_type_alloc_buffer: allocating 24576.00 MiB on device 0: cudaMalloc failed: out of memory
$ cat r2/*/4-tg128-d1024.stderr.txt
> ggml_backend_cuda_buffer_type_alloc_buffer: allocating 24576.00 MiB on device 0: cudaMalloc failed: out of memory
> alloc_tensor_range: failed to allocate CUDA0 buffer of size 25769803776
> main: error: failed to create context with model '/srv/models/qwen3moe-Q4_K_M.gguf'
$ for p in $(cat pids); do i=0; while [ $i -lt 50 ] && [ -d /proc/$p ] && ! grep -q '^[^)]*) Z' /proc/$p/stat 2>/dev/null; do sleep 0.1; i=$((i + 1)); done; [ $i -lt 50 ] && echo "pid gone" || echo "pid $p left running"; done
> pid gone
> pid gone
$ echo "FAKE_BENCH_DEVICES='Vulkan0: Radeon 8060S Graphics (RADV GFX1151)'" > run.env
#
# A model server that appears mid-sweep stops it before the next point:
# what finished is kept and ingested, the rest is not run (rows of status
# not_run, no gate), and the exit status is 1.
$ echo "FAKE_BENCH_SERVER=tg128@0" >> run.env
$ sh fixtures/run/hrun --runner-only --profile strix-halo --host evo --depths 0,1024 --out r3 --db r3.db
> r3/DATE-evo-tiny: 4 points, llama-bench build 9749
> [1/4] pp512 at depth 0: ok in T s
> [2/4] tg128 at depth 0: ok in T s
> [3/4] pp512 at depth 1024: not_run: gate: llama-server (pid 4242) is running
! halodb: the sweep stopped: gate: llama-server (pid 4242) is running (2 points not run)
? 1
$ grep -E '^  "stopped"|"(test|n_depth|stdout|gate|status|error)":' r3/*/manifest.json
>       "test": "pp512",
>       "n_depth": 0,
>       "stdout": "1-pp512-d0.jsonl",
>       "gate": "clean",
>       "status": "ok",
>       "error": null
>       "test": "tg128",
>       "n_depth": 0,
>       "stdout": "2-tg128-d0.jsonl",
>       "gate": "clean",
>       "status": "ok",
>       "error": null
>       "test": "pp512",
>       "n_depth": 1024,
>       "stdout": null,
>       "gate": null,
>       "status": "not_run",
>       "error": "gate: llama-server (pid 4242) is running"
>       "test": "tg128",
>       "n_depth": 1024,
>       "stdout": null,
>       "gate": null,
>       "status": "not_run",
>       "error": "gate: llama-server (pid 4242) is running"
>   "stopped": "gate: llama-server (pid 4242) is running"
$ ls r3/*
> 1-pp512-d0.jsonl
> 1-pp512-d0.stderr.txt
> 2-tg128-d0.jsonl
> 2-tg128-d0.stderr.txt
> manifest.json
$ halodb --db r3.db sql "select test, n_depth, status, gate from throughput order by n_depth, test"
> test   n_depth  status   gate
> -----  -------  -------  -----
> pp512        0  ok       clean
> tg128        0  ok       clean
> pp512     1024  not_run
> tg128     1024  not_run
$ rm -r proc/4242
$ echo "FAKE_BENCH_DEVICES='Vulkan0: Radeon 8060S Graphics (RADV GFX1151)'" > run.env
#
# Ctrl-C: the current point is killed and not run (its partial output
# goes), the rest is not run, what finished is kept and ingested.
$ echo "FAKE_BENCH_SIGNAL=pp512@1024" >> run.env
$ sh fixtures/run/hrun --runner-only --profile strix-halo --host evo --depths 0,1024 --out r4 --db r4.db
> r4/DATE-evo-tiny: 4 points, llama-bench build 9749
> [1/4] pp512 at depth 0: ok in T s
> [2/4] tg128 at depth 0: ok in T s
> [3/4] pp512 at depth 1024: not_run: interrupted (SIGINT) after T s
! halodb: the sweep stopped: interrupted (SIGINT) (2 points not run)
? 1
$ grep -E '^  "stopped"|"(test|status|gate|error)":' r4/*/manifest.json | sed 's/after [0-9]\.[0-9] s/after T s/'
>       "test": "pp512",
>       "gate": "clean",
>       "status": "ok",
>       "error": null
>       "test": "tg128",
>       "gate": "clean",
>       "status": "ok",
>       "error": null
>       "test": "pp512",
>       "gate": null,
>       "status": "not_run",
>       "error": "interrupted (SIGINT) after T s"
>       "test": "tg128",
>       "gate": null,
>       "status": "not_run",
>       "error": "interrupted (SIGINT)"
>   "stopped": "interrupted (SIGINT)"
$ ls r4/*
> 1-pp512-d0.jsonl
> 1-pp512-d0.stderr.txt
> 2-tg128-d0.jsonl
> 2-tg128-d0.stderr.txt
> manifest.json
$ halodb --db r4.db sql "select test, n_depth, status, gate from throughput order by n_depth, test"
> test   n_depth  status   gate
> -----  -------  -------  -----
> pp512        0  ok       clean
> tg128        0  ok       clean
> pp512     1024  not_run
> tg128     1024  not_run
$ echo "FAKE_BENCH_DEVICES='Vulkan0: Radeon 8060S Graphics (RADV GFX1151)'" > run.env
#
# --force runs a sweep the gate refuses, and every point is marked dirty
# with what failed before it.
$ echo 2100 > sys/class/ec_su_axb35/fan2/rpm && echo quiet > sys/class/ec_su_axb35/apu/power_mode
$ sh fixtures/run/hrun --runner-only --profile strix-halo --host evo --depths 0 --force --out r5 --db r5.db
> r5/DATE-evo-tiny: 2 points, llama-bench build 9749
> [1/2] pp512 at depth 0: ok in T s (dirty: fan2 at 2100 rpm, below 3500; power mode quiet, not balanced or performance)
> [2/2] tg128 at depth 0: ok in T s (dirty: fan2 at 2100 rpm, below 3500; power mode quiet, not balanced or performance)
! halodb: warning: the gate failed and --force runs the sweep anyway; every row is marked dirty:
!   fans: fan2 at 2100 rpm, below 3500
!     fix: pin every fan: echo fixed | sudo tee sys/class/ec_su_axb35/fan*/mode; echo 5 | sudo tee sys/class/ec_su_axb35/fan*/level
!   power: power mode quiet, not balanced or performance
!     fix: echo performance | sudo tee sys/class/ec_su_axb35/apu/power_mode
$ grep -E '"(test|gate|status)":' r5/*/manifest.json
>       "test": "pp512",
>       "gate": "dirty: fan2 at 2100 rpm, below 3500; power mode quiet, not balanced or performance",
>       "status": "ok",
>       "test": "tg128",
>       "gate": "dirty: fan2 at 2100 rpm, below 3500; power mode quiet, not balanced or performance",
>       "status": "ok",
$ grep -A 1 '"check": "fans"' r5/*/manifest.json | head -n 1 | sed 's/^ *//'
> {"check": "fans", "ok": false, "reading": "fan2 at 2100 rpm, below 3500", "fix": "pin every fan: echo fixed | sudo tee sys/class/ec_su_axb35/fan*/mode; echo 5 | sudo tee sys/class/ec_su_axb35/fan*/level"},
$ halodb --db r5.db sql "select test, status, gate from throughput order by test"
> test   status  gate
> -----  ------  ----------------------------------------------------------------------------------
> pp512  ok      dirty: fan2 at 2100 rpm, below 3500; power mode quiet, not balanced or performance
> tg128  ok      dirty: fan2 at 2100 rpm, below 3500; power mode quiet, not balanced or performance
