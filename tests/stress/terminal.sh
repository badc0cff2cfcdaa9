#!/usr/bin/env bash
# tests/stress/terminal.sh: the progress line, as a terminal sees it.
#
# `halodb ingest` and `halodb report` draw one updating line on stderr
# while they work, only when stderr is a terminal and without --quiet.
# script(1) gives them a terminal; HALODB_PROGRESS_INTERVAL=0 makes every
# step draw (the default is ten redraws a second, which a short test never
# reaches).  Checked: the line appears (files done/total, rows, MB/s, the
# file being read; within one large file, the rows so far) and is cleared
# before the outcome lines, which read as on a pipe; --quiet draws nothing;
# a stderr that is a file or a pipe gets nothing of it, whatever stdout is.
. "$(dirname "$0")/common.inc"
cd "$work" || exit 2

# the line is cut to the terminal's width: a short name for the fixtures
# keeps the file in view wherever the checkout lies
ln -s "$fixtures/b9749" b9749
b9749=b9749
if ! command -v script > /dev/null 2>&1; then
	skip 9 "script(1) is absent (util-linux), no terminal to test on"
	finish
fi
export HALODB_PROGRESS_INTERVAL=0

# tty OUT CMD: runs CMD (a shell command line) on a terminal, what the
# terminal showed in OUT with the terminal's CRLF made LF again.
tty() {
	local out=$1
	shift
	script -qec "$*" /dev/null < /dev/null | sed 's/\r$//' > "$out"
}
# plain FILE: what FILE shows once every progress line is gone (each is
# '\r' + text + ESC[K, the last cleared by '\r' ESC[K).
plain() { sed 's/\r[^\r]*\x1b\[K//g' "$1"; }
esc=$(printf '\033')

# 1-3: ingest of a directory on a terminal
tty tty.out "$WRAP '$HALODB' --db t.db ingest --host a '$b9749'"
if grep -q "ingest: 0/18 files, 0 rows, 0.0 MB/s: $b9749/bench-kil" tty.out &&
   grep -q 'ingest: 17/18 files, 68 rows, [0-9.]* MB/s' tty.out; then
	ok "ingest draws files done/total, rows, MB/s and the file"
else
	bad "ingest on a terminal: no progress line: $(head -c 300 tty.out | cat -v)"
fi
hdb --db p.db ingest --host a "$b9749" > pipe.out 2>&1
# the same lines (stdout and stderr interleave differently on a pipe)
plain tty.out | sort > tty.plain
if sort pipe.out | cmp -s - tty.plain; then
	ok "the line is cleared before the outcome lines, which read as on a pipe"
else
	bad "ingest on a terminal reads differently: $(sort pipe.out | diff - tty.plain | head -n 5 | cat -v)"
fi
if grep -q "$esc\|ingest: " pipe.out; then
	bad "ingest to a pipe printed a progress line: $(head -c 200 pipe.out | cat -v)"
else
	ok "nothing of the line reaches a pipe"
fi

# 4: --quiet
tty quiet.out "$WRAP '$HALODB' --db q.db ingest --quiet --host a '$b9749'"
if grep -q "$esc\|ingest: " quiet.out; then
	bad "ingest --quiet drew: $(head -c 200 quiet.out | cat -v)"
else
	ok "ingest --quiet draws nothing"
fi

# 5: stdout a terminal, stderr a file
tty split.out "$WRAP '$HALODB' --db s.db ingest --host a '$b9749' 2> split.err"
if grep -q "$esc\|ingest: " split.err || grep -q "$esc" split.out; then
	bad "stderr to a file got the line: $(head -c 200 split.err | cat -v)"
elif grep -q '^ingested 15 files' split.out; then
	ok "a stderr that is a file gets nothing of it"
else
	bad "ingest with stderr to a file: $(tail -n 2 split.out)"
fi

# 6: one large file: the rows within it, before it is done
awk 'BEGIN {
	for (i = 0; i < 3000; i++)
		printf "{\"build_commit\": \"d32676d\", \"build_number\": 9749, \"cpu_info\": \"AMD EPYC\", \"gpu_info\": \"\", \"backends\": \"CPU\", \"model_filename\": \"m.gguf\", \"model_type\": \"qwen3moe ?B Q4_K - Medium\", \"model_size\": 430784512, \"model_n_params\": 701393408, \"n_batch\": 2048, \"n_ubatch\": 512, \"n_threads\": 2, \"type_k\": \"f16\", \"type_v\": \"f16\", \"n_gpu_layers\": 99, \"flash_attn\": 1, \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": %d, \"test_time\": \"2026-11-22T00:%02d:%02dZ\", \"avg_ns\": 1161540715, \"stddev_ns\": 4752945, \"avg_ts\": %d.5, \"stddev_ts\": 1.8}\n", i, i / 60 % 60, i % 60, 400 + i
}' > big.jsonl
tty big.out "$WRAP '$HALODB' --db b.db ingest --host a big.jsonl"
if grep -q 'ingest: 0/1 file, 2048 rows, [0-9.]* MB/s.*: big.jsonl' big.out &&
   plain big.out | grep -q '^big.jsonl: 3000 rows'; then
	ok "one large file: the rows so far, before it is done"
else
	bad "one large file: $(head -c 300 big.out | cat -v)"
fi

# 7-9: report (two hosts: charts too)
hdb --db r.db ingest "$fixtures/query" > /dev/null 2>&1
tty report.out "$WRAP '$HALODB' --db r.db report --out site"
if grep -q 'report: section 1/[0-9]*, [0-9]* s: ' report.out &&
   grep -q 'report: chart 1/[0-9]*, [0-9]* s: ' report.out &&
   plain report.out | grep -q '^wrote site/report.md and site/index.html$'; then
	ok "report draws its sections and charts"
else
	bad "report on a terminal: $(head -c 300 report.out | cat -v)"
fi
tty rquiet.out "$WRAP '$HALODB' --db t.db report --quiet --out site2"
if grep -q "$esc\|report: " rquiet.out; then
	bad "report --quiet drew: $(head -c 200 rquiet.out | cat -v)"
else
	ok "report --quiet draws nothing"
fi
hdb --db t.db report --out site3 > rpipe.out 2>&1
if grep -q "$esc\|report: " rpipe.out; then
	bad "report to a pipe drew: $(head -c 200 rpipe.out | cat -v)"
else
	ok "nothing of report's line reaches a pipe"
fi
finish
