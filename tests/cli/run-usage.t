# `halodb run`: its usage, and the command lines it refuses before running
# anything (exit 2), or after reading a file (exit 1).
$ halodb run --help
> usage: halodb run --model FILE.gguf [--profile strix-halo|a30|generic|PATH]
>            [--host NAME] [--depths 0,8192,32768,65536]
>            [--tests pp512,tg128] [--reps N] [--kv TYPE] [--fa 0|1]
>            [--ngl N] [--ubatch N] [--llama-bench PATH]
>            [--test-timeout SECONDS] [--out DIR] [--dry-run] [--force]
>            [--proc-root DIR] [--sys-root DIR] [--db PATH]
>
> Runs llama-bench on this machine, one process per test point (each
> depth, each test), and ingests the results.  Before the sweep and
> again before every point a gate checks that the bench is clean: no
> other model server or GPU job running, free memory (and GPU memory)
> for the model plus the KV cache of the point's depth plus a margin,
> fans and power mode as the profile asks, temperatures below its
> limit, a llama-bench that runs and whose build is known.  A failed
> check refuses with the reason and the fix; before a point it stops
> the sweep, and what finished is kept and ingested.
>
> Each run writes DIR/<date>-<host>-<model>/: every point's llama-bench
> output and stderr, and manifest.json (the machine, the profile, the
> command lines, each point's gate verdict and outcome).  The directory
> can be copied to another machine and ingested there.  A point that
> outlives --test-timeout is killed (its whole process group) and kept
> as wedged; one that crashes as crashed or oom; Ctrl-C kills the
> current point and stops.  On a terminal a progress line shows the
> point, the time spent and an estimate of the rest.
>
>   --model FILE     the GGUF model to benchmark
>   --profile P      strix-halo (Vulkan, q8_0 KV, EC fans at 3500 rpm or
>                    more, power mode), a30 (CUDA, q4_0 KV, nvidia-smi),
>                    generic (the default), or the path of a .profile
>                    file (see data/profiles/README.md)
>   --host NAME      the host the rows belong to (default: derived from
>                    the results, as ingest does)
>   --depths LIST    context depths in tokens (llama-bench -d)
>   --tests LIST     ppN, tgN or ppN+tgM tests
>   --reps N         repetitions of each point (default: the profile's,
>                    6: what the noise and ratio queries need)
>   --kv TYPE        KV cache type, or K/V types: q8_0, q8_0/q4_0
>   --fa 0|1         flash attention
>   --ngl N          GPU layers
>   --ubatch N       micro-batch size (llama-bench -ub)
>   --llama-bench PATH  the binary (default: llama-bench on PATH)
>   --test-timeout SECONDS  a point running longer is killed (wedged)
>   --out DIR        where run directories go (default: results)
>   --dry-run        print the plan (every command line), the gate's
>                    checks with their readings and the estimated time;
>                    run nothing (exit 1 when the sweep would be refused)
>   --force          run even when the gate fails; every row is marked
>                    dirty with the checks that failed
>   --proc-root DIR  read processes and memory here (default:
>                    $HALODB_PROC_ROOT, else /proc)
>   --sys-root DIR   read fans, power, temperatures and amdgpu memory
>                    here (default: $HALODB_SYS_ROOT, else /sys)
>   --db PATH        the store (default: $HALODB_DB, else ./halodb.db)
$ halodb run
! halodb: run: expected --model FILE.gguf
! usage: halodb run --model FILE.gguf [--profile strix-halo|a30|generic|PATH]
! (see 'halodb run --help')
? 2
$ halodb run --model m.gguf --depths 0,8k
! halodb: --depths: expected depths in tokens such as 0,8192,32768, got '0,8k'
! usage: halodb run --model FILE.gguf [--profile strix-halo|a30|generic|PATH]
! (see 'halodb run --help')
? 2
$ halodb run --model m.gguf --tests pp512,tg
! halodb: --tests: expected tests such as pp512,tg128 or pp4096+tg256, got 'tg'
! usage: halodb run --model FILE.gguf [--profile strix-halo|a30|generic|PATH]
! (see 'halodb run --help')
? 2
$ halodb run --model m.gguf --kv q9_0
! halodb: --kv: expected a KV cache type (f16, bf16, f32, q8_0, q4_0, q4_1, q5_0, q5_1, iq4_nl), or K/V types such as q8_0/q4_0, got 'q9_0'
! usage: halodb run --model FILE.gguf [--profile strix-halo|a30|generic|PATH]
! (see 'halodb run --help')
? 2
$ halodb run --model m.gguf --fa 2
! halodb: --fa: expected 0 or 1, got '2'
! usage: halodb run --model FILE.gguf [--profile strix-halo|a30|generic|PATH]
! (see 'halodb run --help')
? 2
$ halodb run --model m.gguf --reps 0
! halodb: --reps: expected a number (1 or more), got '0'
! usage: halodb run --model FILE.gguf [--profile strix-halo|a30|generic|PATH]
! (see 'halodb run --help')
? 2
$ halodb run --model m.gguf --test-timeout 1m
! halodb: --test-timeout: expected seconds (1 or more), got '1m'
! usage: halodb run --model FILE.gguf [--profile strix-halo|a30|generic|PATH]
! (see 'halodb run --help')
? 2
$ halodb run --model m.gguf --host unknown
! halodb: --host: 'unknown' is reserved for results that name no machine
! usage: halodb run --model FILE.gguf [--profile strix-halo|a30|generic|PATH]
! (see 'halodb run --help')
? 2
$ halodb run --model m.gguf extra.gguf
! halodb: run: unexpected argument 'extra.gguf'
! usage: halodb run --model FILE.gguf [--profile strix-halo|a30|generic|PATH]
! (see 'halodb run --help')
? 2
$ halodb run --model m.gguf --bogus
! halodb: run: unknown option '--bogus'
! usage: halodb run --model FILE.gguf [--profile strix-halo|a30|generic|PATH]
! (see 'halodb run --help')
? 2
$ halodb run --model fixtures/run/tiny.gguf --profile strix --dry-run
! halodb: --profile: no profile 'strix': expected strix-halo, a30, generic or the path of a .profile file
! usage: halodb run --model FILE.gguf [--profile strix-halo|a30|generic|PATH]
! (see 'halodb run --help')
? 2
$ halodb run --model no-such.gguf --dry-run
! halodb: cannot open 'no-such.gguf': No such file or directory
? 1
$ printf 'backend = Vulkan\nfan_min = 3500\n' > my.profile
$ halodb run --model fixtures/run/tiny.gguf --profile ./my.profile --dry-run
! halodb: ./my.profile:2:1: unknown key 'fan_min' (see data/profiles/README.md)
? 1
