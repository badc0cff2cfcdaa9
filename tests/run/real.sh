#!/usr/bin/env bash
# tests/run/real.sh: a small real sweep through `halodb run` with the real
# llama-bench (build 9749, CPU, static) and its tiny 8.5M-parameter model
# from ../shared/tools/llama.cpp: two depths, two tests, a few tokens, two
# repetitions (a few seconds).  The gate reads fake proc and sys trees (the
# machine's own /proc may show other people's llama-bench runs); what
# llama-bench prints and what is stored is real.  Skipped, and said so,
# when ../shared is absent.
. "$(dirname "$0")/common.inc"

tools=$(dirname "$SHARED")/tools/llama.cpp
bench=$tools/llama-bench
model=$tools/tiny-llama-Q4_K_M.gguf
if [ ! -x "$bench" ] || [ ! -f "$model" ]; then
	# the checks below: 16, the JSON one only where python3 is
	n=15
	command -v python3 > /dev/null && n=16
	skip "$n" "no real llama-bench at $tools"
	finish
fi
sh fixtures/run/mkroots.sh cpu
hdb --db real.db run --model "$model" --llama-bench "$bench" \
	--proc-root proc --sys-root sys --host tiny --depths 0,64 \
	--tests pp64,tg16 --reps 2 --out results > out 2> err
rc=$?
check "the sweep exits 0" 0 "$rc"
check "every point ok" "[1/4] pp64 at depth 0: ok
[2/4] tg16 at depth 0: ok
[3/4] pp64 at depth 64: ok
[4/4] tg16 at depth 64: ok" "$(grep '^\[' out | sed 's/ in [0-9.]* s$//')"
check "only the --reps warning on stderr" \
	"halodb: warning: --reps 2: the noise and ratio queries need 6 repetitions for a verdict" \
	"$(cat err)"
dir=$(ls -d results/*-tiny-tiny-llama-q4_k_m 2>/dev/null)
check "one run directory, named date-host-model" 1 "$(echo "$dir" | grep -c '^results/[0-9-]*-tiny-tiny-llama-q4_k_m$')"
check "its files" "1-pp64-d0.jsonl 1-pp64-d0.stderr.txt 2-tg16-d0.jsonl 2-tg16-d0.stderr.txt 3-pp64-d64.jsonl 3-pp64-d64.stderr.txt 4-tg16-d64.jsonl 4-tg16-d64.stderr.txt manifest.json" \
	"$(ls "$dir" | tr '\n' ' ' | sed 's/ $//')"
for f in 1-pp64-d0:64:0:0 2-tg16-d0:0:16:0 3-pp64-d64:64:0:64 4-tg16-d64:0:16:64; do
	IFS=: read -r n p g d <<< "$f"
	check "$n: one JSONL result of its test and depth" 1 \
		"$(grep -c "\"n_prompt\": $p, \"n_gen\": $g, \"n_depth\": $d," "$dir/$n.jsonl")"
done
m=$dir/manifest.json
check "manifest: the build" '"llama_bench": {"path": "'"$(cd "$tools" && pwd -P)"'/llama-bench", "build_commit": "d32676d", "build_number": 9749, "devices": ""},' \
	"$(grep '^  "llama_bench"' "$m" | sed 's/^ *//')"
check "manifest: four points ok, clean" "4 4" \
	"$(grep -c '"status": "ok"' "$m") $(grep -c '"gate": "clean"' "$m")"
check "manifest: the command line of point 4" \
	'"argv": ["'"$(cd "$tools" && pwd -P)"'/llama-bench", "-m", "'"$(cd "$tools" && pwd -P)"'/tiny-llama-Q4_K_M.gguf", "-p", "0", "-n", "16", "-d", "64", "-r", "2", "-o", "jsonl"],' \
	"$(grep '"argv"' "$m" | tail -n 1 | sed 's/^ *//')"
check "manifest: not stopped" '"stopped": null' "$(grep '^  "stopped"' "$m" | sed 's/^ *//')"
if command -v python3 > /dev/null; then
	check "manifest: valid JSON" ok "$(python3 -c 'import json,sys; json.load(open(sys.argv[1])); print("ok")' "$m" 2>&1)"
fi
check "stored: the four rows, real numbers" "pp64,0,ok,9749,1
tg16,0,ok,9749,1
pp64,64,ok,9749,1
tg16,64,ok,9749,1" \
	"$(sqlv real.db "select test, n_depth, status, build_number, avg_ts > 0 from throughput order by n_depth, n_gen")"
check "stored: two samples each" "8" \
	"$(sqlv real.db "select count(*) from throughput_sample")"
finish
