#!/usr/bin/env bash
# tests/run/ingest.sh: the ingest side of `halodb run`'s run directory
# (issue 12, item 5): a directory is one source (format halodb-run); each
# point's rows carry its gate verdict in throughput.gate ('clean' or
# 'dirty: reasons'; NULL for rows that did not come from `halodb run`); a
# point that did not finish is a died row with its status, error and gate.
#
# HALODB_RUN_INGEST_TEST=0 skips it (the ingest side is on main).
. "$(dirname "$0")/common.inc"

if [ "${HALODB_RUN_INGEST_TEST:-1}" != 1 ]; then
	skip 10 "HALODB_RUN_INGEST_TEST=0"	# the checks below
	finish
fi
sh fixtures/run/mkroots.sh strix
export PATH="$fixtures/run/bin:$PATH" FAKE_PROC=$work/proc
export FAKE_BENCH_DEVICES='Vulkan0: Radeon 8060S Graphics (RADV GFX1151)'
run() { # DB OUT ARGS...: a sweep of the fake llama-bench on the fake trees
	local db=$1 out=$2
	shift 2
	hdb --db "$db" run --model fixtures/run/tiny.gguf \
		--llama-bench fixtures/run/fake-llama-bench --proc-root proc \
		--sys-root sys --profile strix-halo --host evo --depths 0,1024 \
		--out "$out" "$@" > "$db.out" 2> "$db.err"
}

# A clean sweep: four rows, one source, gate 'clean'.
run clean.db r1
check "clean: exit 0" 0 $?
check "clean: no warning" "" "$(cat clean.db.err)"
check "clean: one source of format halodb-run" "1,halodb-run" \
	"$(sqlv clean.db "select count(*), min(format) from source")"
check "clean: four rows, each clean" "pp512,0,ok,clean
tg128,0,ok,clean
pp512,1024,ok,clean
tg128,1024,ok,clean" \
	"$(sqlv clean.db "select test, n_depth, status, gate from throughput order by n_depth, n_gen")"
check "clean: the host is --host" "evo" \
	"$(sqlv clean.db "select distinct host from throughput")"

# --force with the fans on their desktop curve; a crash, a wedge and an
# out-of-memory on cue: died rows with their status, error and gate.
echo 2100 > sys/class/ec_su_axb35/fan2/rpm
FAKE_BENCH_CRASH=tg128@0 FAKE_BENCH_HANG=pp512@1024 FAKE_BENCH_OOM=tg128@1024 \
	run dirty.db r2 --force --test-timeout 1
check "dirty: exit 0 (every point ran)" 0 $?
# (CSV quotes the verdict: it holds a comma)
gate='"dirty: fan2 at 2100 rpm, below 3500"'
check "dirty: each row with its status and the gate's reasons" "pp512,0,ok,$gate
tg128,0,crashed,$gate
pp512,1024,wedged,$gate
tg128,1024,oom,$gate" \
	"$(sqlv dirty.db "select test, n_depth, status, gate from throughput order by n_depth, n_gen")"
check "dirty: the error lines" "killed by SIGSEGV
no result after 1 s (killed)
ggml_backend_cuda_buffer_type_alloc_buffer: allocating 24576.00 MiB on device 0: cudaMalloc failed: out of memory" \
	"$(sqlv dirty.db "select error from throughput where status != 'ok' order by n_depth, n_gen")"

# Rows not from `halodb run` have no gate.
hdb --db dirty.db ingest --host other fixtures/b9749/bench-moe-q4kv.jsonl > /dev/null 2>&1
check "plain llama-bench rows: gate NULL" "4" \
	"$(sqlv dirty.db "select count(*) from throughput where host = 'other' and gate is null")"

# The directory copied to another machine ingests the same.
cp -r r1 copied
hdb --db copy.db ingest copied > /dev/null 2>&1
check "copied: the same rows, the host from the manifest" "$(sqlv clean.db "select host, test, n_depth, status, gate from throughput order by n_depth, n_gen")" \
	"$(sqlv copy.db "select host, test, n_depth, status, gate from throughput order by n_depth, n_gen")"
finish
