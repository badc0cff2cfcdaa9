# `halodb run`'s gate (issue 12), over fake proc and sys trees
# (fixtures/run/mkroots.sh), a fake llama-bench and a fake nvidia-smi;
# fixtures/run/hrun runs `halodb run` with them and masks paths, dates and
# times.  --dry-run prints the plan (every command line), every check's
# reading and the estimate, runs nothing, and exits 1 when the sweep would
# be refused.
#
# A Strix Halo as the seeds want it: fans pinned at full speed, power mode
# performance, cool, no other model server.
$ sh fixtures/run/mkroots.sh strix
$ echo "FAKE_BENCH_DEVICES='Vulkan0: Radeon 8060S Graphics (RADV GFX1151)'" > run.env
$ sh fixtures/run/hrun --profile strix-halo --host evo --depths 0,1024 --dry-run
> profile      strix-halo (data/profiles/strix-halo.profile)
> model        FIXTURES/tiny.gguf: 442 B, llama, 2 layers, KV cache 272 B per token (q8_0)
> llama-bench  FIXTURES/fake-llama-bench: build 9749 (d32676d)
> run dir      results/DATE-evo-tiny/
> plan         4 points, 6 repetitions each, test timeout 7200 s
>   1  pp512 at depth 0
>      FIXTURES/fake-llama-bench -m FIXTURES/tiny.gguf -p 512 -n 0 -d 0 -r 6 -ctk q8_0 -ctv q8_0 -fa on -ngl 99 -o jsonl
>   2  tg128 at depth 0
>      FIXTURES/fake-llama-bench -m FIXTURES/tiny.gguf -p 0 -n 128 -d 0 -r 6 -ctk q8_0 -ctv q8_0 -fa on -ngl 99 -o jsonl
>   3  pp512 at depth 1024
>      FIXTURES/fake-llama-bench -m FIXTURES/tiny.gguf -p 512 -n 0 -d 1024 -r 6 -ctk q8_0 -ctv q8_0 -fa on -ngl 99 -o jsonl
>   4  tg128 at depth 1024
>      FIXTURES/fake-llama-bench -m FIXTURES/tiny.gguf -p 0 -n 128 -d 1024 -r 6 -ctk q8_0 -ctv q8_0 -fa on -ngl 99 -o jsonl
> gate         before the sweep, for 1536 tokens of context
>   ok    processes     no model server running
>   ok    memory        MemAvailable 22.0 GiB, 4.0 GiB needed (model 442 B + KV cache 408 KiB at 1536 tokens + margin 4.0 GiB)
>   ok    gpu memory    GPU memory free 109.4 GiB (card0 VRAM 412.0 MiB of 512.0 MiB + GTT 109.0 GiB of 110.0 GiB), 4.0 GiB needed (model 442 B + KV cache 408 KiB at 1536 tokens + margin 4.0 GiB)
>   ok    fans          fan1 4120 rpm (fixed, level 5), fan2 4080 rpm (fixed, level 5), fan3 3610 rpm (fixed, level 5), at least 3500 rpm
>   ok    power         power mode performance
>   ok    temperatures  hottest 62 C (k10temp Tctl), limit 85 C
>   ok    llama-bench   build 9749 (d32676d), devices: Vulkan
> estimate     4 s (from the profile's speeds; README, 'Running benchmarks')
> dry run: nothing was run
#
# Each check refusing, with the reason and the fix, and nothing written.
# A model server ('vim llama-server.log' is none; the comm is what counts):
$ mkdir proc/4242 && echo llama-server > proc/4242/comm && printf 'llama-server\000-m\000/m/x.gguf\000--mlock\000' > proc/4242/cmdline && printf 'PPid:\t1\n' > proc/4242/status
$ sh fixtures/run/hrun --profile strix-halo --host evo --depths 0,1024
! halodb: the gate refused the sweep: 1 check failed (--force runs it anyway and marks every row dirty)
!   processes: llama-server (pid 4242) is running
!     fix: stop it first (kill 4242)
? 1
$ ls results
! ls: cannot access 'results': No such file or directory
? 2
$ rm -r proc/4242
# Memory: MemAvailable must hold the model, the KV cache of the deepest
# point and the profile's margin; so must VRAM + GTT on unified memory.
$ sed -i 's/^MemAvailable:.*/MemAvailable:    2097152 kB/' proc/meminfo && echo 116000000000 > sys/class/drm/card0/device/mem_info_gtt_used
$ sh fixtures/run/hrun --profile strix-halo --host evo --depths 0,1024
! halodb: the gate refused the sweep: 2 checks failed (--force runs it anyway and marks every row dirty)
!   memory: MemAvailable 2.0 GiB is less than the 4.0 GiB needed (model 442 B + KV cache 408 KiB at 1536 tokens + margin 4.0 GiB)
!     fix: free memory (stop what holds it), or leave the deepest depths out (--depths)
!   gpu memory: GPU memory free 2.4 GiB (card0 VRAM 412.0 MiB of 512.0 MiB + GTT 2.0 GiB of 110.0 GiB) is less than the 4.0 GiB needed (model 442 B + KV cache 408 KiB at 1536 tokens + margin 4.0 GiB)
!     fix: stop what holds GPU memory, or leave the deepest depths out (--depths)
? 1
$ sh fixtures/run/mkroots.sh strix
# Fans on their desktop curve, and power mode quiet:
$ echo 2100 > sys/class/ec_su_axb35/fan2/rpm && echo auto > sys/class/ec_su_axb35/fan2/mode && echo 2 > sys/class/ec_su_axb35/fan2/level && echo quiet > sys/class/ec_su_axb35/apu/power_mode
$ sh fixtures/run/hrun --profile strix-halo --host evo --depths 0,1024
! halodb: the gate refused the sweep: 2 checks failed (--force runs it anyway and marks every row dirty)
!   fans: fan2 at 2100 rpm, below 3500; fan2 mode auto, not fixed; fan2 level 2, not 5
!     fix: pin every fan: echo fixed | sudo tee sys/class/ec_su_axb35/fan*/mode; echo 5 | sudo tee sys/class/ec_su_axb35/fan*/level
!   power: power mode quiet, not balanced or performance
!     fix: echo performance | sudo tee sys/class/ec_su_axb35/apu/power_mode
? 1
# No ec_su_axb35 driver at all:
$ rm -r sys/class/ec_su_axb35
$ sh fixtures/run/hrun --profile strix-halo --host evo --depths 0,1024
! halodb: the gate refused the sweep: 2 checks failed (--force runs it anyway and marks every row dirty)
!   fans: no ec_su_axb35 fans: no sys/class/ec_su_axb35/fan*
!     fix: load the ec_su_axb35 driver (github.com/cmetz/ec-su_axb35-linux: sudo modprobe ec_su_axb35), or use a profile that does not check it
!   power: no power mode to read: no sys/class/ec_su_axb35/apu/power_mode
!     fix: load the ec_su_axb35 driver (github.com/cmetz/ec-su_axb35-linux: sudo modprobe ec_su_axb35), or use a profile that does not check it
? 1
$ sh fixtures/run/mkroots.sh strix
# Too hot (the nvme sensor is not one of the profile's):
$ echo 88000 > sys/class/hwmon/hwmon1/temp1_input
$ sh fixtures/run/hrun --profile strix-halo --host evo --depths 0,1024 --dry-run | grep temperatures
>   FAIL  temperatures  amdgpu edge at 88 C, limit 85 C
! halodb: the gate would refuse the sweep: 1 check failed (--force runs it anyway and marks every row dirty)
# Outside a dry run, a sweep that is only too hot waits up to cooldown_s
# for the machine to cool down (a profile of one's own: a path), then
# refuses:
$ printf 'gpu = none\ntemp_max_c = 85\ncooldown_s = 1\n' > hot.profile
$ sh fixtures/run/hrun --profile ./hot.profile --depths 0
! halodb: waiting for the machine to cool down: amdgpu edge at 88 C, limit 85 C
! halodb: the gate refused the sweep: 1 check failed (--force runs it anyway and marks every row dirty)
!   temperatures: amdgpu edge at 88 C, limit 85 C
!     fix: let the machine cool down (and check its fans)
? 1
$ sh fixtures/run/mkroots.sh strix
# The binary: not there; its build unknown; no device of the profile's
# backend; too old for the plan.
$ sh fixtures/run/hrun --profile strix-halo --host evo --llama-bench ./no-such-llama-bench
! halodb: './no-such-llama-bench' not found: build llama.cpp's llama-bench, and put it on PATH or pass --llama-bench PATH
? 1
$ echo "FAKE_BENCH_BUILD=" >> run.env
$ sh fixtures/run/hrun --profile strix-halo --host evo --dry-run | grep -A 1 FAIL
>   FAIL  llama-bench   build unknown: 'FIXTURES/fake-llama-bench -p 0 -n 0 -o md' printed no 'build: COMMIT (NUMBER)' line
>           fix: build llama.cpp from a git checkout, so that its build is known
! halodb: the gate would refuse the sweep: 1 check failed (--force runs it anyway and marks every row dirty)
$ echo "FAKE_BENCH_DEVICES=" > run.env
$ sh fixtures/run/hrun --profile strix-halo --host evo --depths 0
! halodb: the gate refused the sweep: 1 check failed (--force runs it anyway and marks every row dirty)
!   llama-bench: build 9749 (d32676d) has no Vulkan device (--list-devices: none)
!     fix: build llama-bench with Vulkan (cmake -DGGML_VULKAN=ON), or use --profile generic
? 1
# llama-bench's --help decides the flags: build 5099 has no -d (depths
# other than 0 are refused) and takes -fa 0|1; before mid-2024 there was
# no JSONL at all.
$ sh fixtures/run/mkroots.sh a30
$ printf "FAKE_BENCH_HELP='%s'\nFAKE_BENCH_BUILD='df46ea53 (5099)'\nFAKE_SMI_GPUS='23810, 38, [N/A]'\n" "$PWD/fixtures/run/help/readme-b5099.txt" > run.env
$ sh fixtures/run/hrun --profile a30 --host a30 --depths 0,1024 --dry-run
> profile      a30 (data/profiles/a30.profile)
> model        FIXTURES/tiny.gguf: 442 B, llama, 2 layers, KV cache 144 B per token (q4_0)
> llama-bench  FIXTURES/fake-llama-bench: build 5099 (df46ea53)
> run dir      results/DATE-a30-tiny/
> plan         4 points, 6 repetitions each, test timeout 3600 s
>   1  pp512 at depth 0
>      FIXTURES/fake-llama-bench -m FIXTURES/tiny.gguf -p 512 -n 0 -r 6 -ctk q4_0 -ctv q4_0 -fa 1 -ngl 99 -o jsonl
>   2  tg128 at depth 0
>      FIXTURES/fake-llama-bench -m FIXTURES/tiny.gguf -p 0 -n 128 -r 6 -ctk q4_0 -ctv q4_0 -fa 1 -ngl 99 -o jsonl
>   3  pp512 at depth 1024
>      FIXTURES/fake-llama-bench -m FIXTURES/tiny.gguf -p 512 -n 0 -r 6 -ctk q4_0 -ctv q4_0 -fa 1 -ngl 99 -o jsonl
>   4  tg128 at depth 1024
>      FIXTURES/fake-llama-bench -m FIXTURES/tiny.gguf -p 0 -n 128 -r 6 -ctk q4_0 -ctv q4_0 -fa 1 -ngl 99 -o jsonl
> gate         before the sweep, for 1536 tokens of context
>   ok    processes     no model server or GPU job running
>   ok    memory        MemAvailable 22.0 GiB, 1.5 GiB needed (the model and its KV cache go to GPU memory)
>   ok    gpu memory    GPU memory free 23.3 GiB, 1.5 GiB needed (model 442 B + KV cache 216 KiB at 1536 tokens + margin 1.5 GiB)
>   ok    fans          GPU0 passively cooled (fan.speed [N/A]); not checked by this profile
>   ok    power         not checked by this profile
>   ok    temperatures  hottest 48 C (coretemp Package id 0), limit 80 C
>   ok    llama-bench   build 5099 (df46ea53)
> estimate     4 s (from the profile's speeds; README, 'Running benchmarks')
! halodb: depth 1024 needs llama-bench's -d (from build 5221), which llama-bench build 5099 lacks: update llama.cpp, or run --depths 0
? 1
$ sh fixtures/run/hrun --profile a30 --host a30 --depths 0 --tests pp512 --dry-run | sed -n '/^plan/,/^gate/p;/^dry run/p'
> plan         1 point, 6 repetitions each, test timeout 3600 s
>   1  pp512 at depth 0
>      FIXTURES/fake-llama-bench -m FIXTURES/tiny.gguf -p 512 -n 0 -r 6 -ctk q4_0 -ctv q4_0 -fa 1 -ngl 99 -o jsonl
> gate         before the sweep, for 512 tokens of context
> dry run: nothing was run
$ printf "FAKE_BENCH_HELP='%s'\nFAKE_BENCH_BUILD=\n" "$PWD/fixtures/run/help/before-fa.txt" > run.env
$ sh fixtures/run/hrun --depths 0
! halodb: this llama-bench cannot write JSONL (its --help lists no '-o jsonl'): update llama.cpp
? 1
#
# An A30: nvidia-smi must answer; GPU memory, the GPU's temperature and its
# compute apps (another GPU job) are read there; fan.speed [N/A] is a
# passively cooled card, not a failure.
$ sh fixtures/run/mkroots.sh a30
$ printf "FAKE_BENCH_DEVICES='CUDA0: NVIDIA A30, compute capability 8.0, VMM: yes'\nFAKE_SMI_GPUS='23810, 38, [N/A]'\n" > run.env
$ sh fixtures/run/hrun --profile a30 --host a30 --depths 0,1024 --dry-run
> profile      a30 (data/profiles/a30.profile)
> model        FIXTURES/tiny.gguf: 442 B, llama, 2 layers, KV cache 144 B per token (q4_0)
> llama-bench  FIXTURES/fake-llama-bench: build 9749 (d32676d)
> run dir      results/DATE-a30-tiny/
> plan         4 points, 6 repetitions each, test timeout 3600 s
>   1  pp512 at depth 0
>      FIXTURES/fake-llama-bench -m FIXTURES/tiny.gguf -p 512 -n 0 -d 0 -r 6 -ctk q4_0 -ctv q4_0 -fa on -ngl 99 -o jsonl
>   2  tg128 at depth 0
>      FIXTURES/fake-llama-bench -m FIXTURES/tiny.gguf -p 0 -n 128 -d 0 -r 6 -ctk q4_0 -ctv q4_0 -fa on -ngl 99 -o jsonl
>   3  pp512 at depth 1024
>      FIXTURES/fake-llama-bench -m FIXTURES/tiny.gguf -p 512 -n 0 -d 1024 -r 6 -ctk q4_0 -ctv q4_0 -fa on -ngl 99 -o jsonl
>   4  tg128 at depth 1024
>      FIXTURES/fake-llama-bench -m FIXTURES/tiny.gguf -p 0 -n 128 -d 1024 -r 6 -ctk q4_0 -ctv q4_0 -fa on -ngl 99 -o jsonl
> gate         before the sweep, for 1536 tokens of context
>   ok    processes     no model server or GPU job running
>   ok    memory        MemAvailable 22.0 GiB, 1.5 GiB needed (the model and its KV cache go to GPU memory)
>   ok    gpu memory    GPU memory free 23.3 GiB, 1.5 GiB needed (model 442 B + KV cache 216 KiB at 1536 tokens + margin 1.5 GiB)
>   ok    fans          GPU0 passively cooled (fan.speed [N/A]); not checked by this profile
>   ok    power         not checked by this profile
>   ok    temperatures  hottest 48 C (coretemp Package id 0), limit 80 C
>   ok    llama-bench   build 9749 (d32676d), devices: CUDA
> estimate     4 s (from the profile's speeds; README, 'Running benchmarks')
> dry run: nothing was run
$ printf "FAKE_SMI_GPUS='1200, 84, [N/A]'\nFAKE_SMI_APPS='3131, /usr/bin/python3, 22000'\n" >> run.env
$ sh fixtures/run/hrun --profile a30 --host a30 --depths 0,1024 --dry-run | sed -n '/^gate/,$p'
> gate         before the sweep, for 1536 tokens of context
>   FAIL  processes     python3 (pid 3131, 22000 MiB of GPU memory) is running
>           fix: stop it first (kill 3131)
>   ok    memory        MemAvailable 22.0 GiB, 1.5 GiB needed (the model and its KV cache go to GPU memory)
>   FAIL  gpu memory    GPU memory free 1.2 GiB is less than the 1.5 GiB needed (model 442 B + KV cache 216 KiB at 1536 tokens + margin 1.5 GiB)
>           fix: stop what holds GPU memory (nvidia-smi lists it), or leave the deepest depths out (--depths)
>   ok    fans          GPU0 passively cooled (fan.speed [N/A]); not checked by this profile
>   ok    power         not checked by this profile
>   FAIL  temperatures  GPU0 at 84 C, limit 80 C
>           fix: let the machine cool down (and check its fans)
>   ok    llama-bench   build 9749 (d32676d), devices: CUDA
> estimate     4 s (from the profile's speeds; README, 'Running benchmarks')
! halodb: the gate would refuse the sweep: 3 checks failed (--force runs it anyway and marks every row dirty)
$ printf "FAKE_BENCH_DEVICES='CUDA0: NVIDIA A30'\n" > run.env
$ sh fixtures/run/hrun --profile a30 --host a30 --depths 0,1024 --dry-run | grep -A 1 'gpu memory'
>   FAIL  gpu memory    nvidia-smi did not answer: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.
>           fix: install the NVIDIA driver (and its nvidia-smi) or use --profile generic
! halodb: the gate would refuse the sweep: 1 check failed (--force runs it anyway and marks every row dirty)
#
# Any host (generic): what can be read is, nothing more is asked.
$ sh fixtures/run/mkroots.sh cpu
$ : > run.env
$ sh fixtures/run/hrun --host box --depths 0 --tests pp512 --reps 2 --dry-run
> profile      generic (data/profiles/generic.profile)
> model        FIXTURES/tiny.gguf: 442 B, llama, 2 layers, KV cache 512 B per token (f16)
> llama-bench  FIXTURES/fake-llama-bench: build 9749 (d32676d)
> run dir      results/DATE-box-tiny/
> plan         1 point, 2 repetitions each, test timeout 3600 s
>   1  pp512 at depth 0
>      FIXTURES/fake-llama-bench -m FIXTURES/tiny.gguf -p 512 -n 0 -d 0 -r 2 -o jsonl
> gate         before the sweep, for 512 tokens of context
>   ok    processes     no model server running
>   ok    memory        MemAvailable 22.0 GiB, 2.0 GiB needed (model 442 B + KV cache 256 KiB at 512 tokens + margin 2.0 GiB)
>   ok    gpu memory    no GPU memory to read (no nvidia-smi answer, no amdgpu card)
>   ok    fans          no fan to read; not checked by this profile
>   ok    power         not checked by this profile
>   ok    temperatures  no temperature to read
>   ok    llama-bench   build 9749 (d32676d), devices: none (CPU)
> estimate     1 s (from the profile's speeds; README, 'Running benchmarks')
> dry run: nothing was run
! halodb: warning: --reps 2: the noise and ratio queries need 6 repetitions for a verdict
