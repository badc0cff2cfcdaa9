#!/usr/bin/env bash
# tests/bench.sh: ingest speed and memory (`make bench`).  Prints figures
# next to baselines measured in the same run on the same files: reading
# them (cat) and hashing them (sha256sum), which bound what any ingester
# can do.  Nothing here is a pass/fail threshold.
#
#   BENCH_FILES   number of small files (default 3000, 4 records each)
#   BENCH_BIG_MB  size of the large JSONL file in MiB (default 256)
set -eu
export LC_ALL=C TZ=UTC
here=$(cd "$(dirname "$0")" && pwd)
HALODB=${HALODB:-$here/../halodb}
BENCHRUN=${BENCHRUN:-$here/../build/tests/benchrun}
n_files=${BENCH_FILES:-3000}
big_mb=${BENCH_BIG_MB:-256}
work=$(mktemp -d "${TMPDIR:-/tmp}/halodb-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

line=$(head -n 1 "$here/fixtures/b9749/bench-moe-q4kv.jsonl")

echo "making $n_files small JSON files and one ${big_mb} MiB JSONL file in $work"
mkdir -p "$work/small"
# Every file is another run (its test_time, and its tokens/s as runs
# vary), so none is deduplicated away.
awk -v n="$n_files" -v src="$here/fixtures/b9749/bench-moe-q8kv.json" -v dir="$work/small" '
BEGIN {
	while ((getline l < src) > 0) text = text l "\n"
	srand(1)
	for (i = 0; i < n; i++) {
		t = text
		gsub(/2026-11-22T00:[0-9][0-9]:[0-9][0-9]Z/, sprintf("2026-01-01T00:00:%06dZ", i), t)
		while (match(t, /"avg_ts": [0-9]+\.[0-9]+,/)) {
			v = substr(t, RSTART + 10, RLENGTH - 11) * (0.9 + 0.2 * rand())
			t = substr(t, 1, RSTART - 1) sprintf("\"avg_ts\" : %.6f,", v) substr(t, RSTART + RLENGTH)
		}
		f = sprintf("%s/run-%05d.json", dir, i)
		printf "%s", t > f
		close(f)
	}
}'
awk -v line="$line" -v mb="$big_mb" '
BEGIN {
	# every record a different depth, so rows differ; split once, not per line
	at = index(line, "\"n_depth\": 0")
	head = substr(line, 1, at + 10); tail = substr(line, at + 12)
	target = mb * 1048576; size = 0
	for (i = 0; size < target; i++) {
		printf "%s%d%s\n", head, i, tail
		size += length(head) + length(tail) + length(i "") + 1
	}
}' > "$work/big.jsonl"
small_rows=$((n_files * 4))
big_rows=$(wc -l < "$work/big.jsonl")
big_bytes=$(wc -c < "$work/big.jsonl")
echo "small: $n_files files, $small_rows rows, $(du -sh "$work/small" | cut -f1)"
echo "big:   1 file, $big_rows rows, $((big_bytes / 1048576)) MiB"
echo

run() { "$BENCHRUN" "$@" | tee -a "$work/results"; }
rate() { # label rows: rows/s from the last result line
	awk -v rows="$2" -v label="$1" 'END { printf "%-34s %9.0f rows/s\n", label, rows / $(NF-5) }' "$work/results"
}

echo "== $n_files small files"
run "baseline: cat" sh -c "cat '$work'/small/*.json > /dev/null"
run "baseline: sha256sum" sh -c "sha256sum '$work'/small/*.json > /dev/null"
run "halodb ingest" "$HALODB" --db "$work/small.db" ingest "$work/small"
rate "  halodb ingest" "$small_rows"
run "halodb ingest again (all known)" "$HALODB" --db "$work/small.db" ingest "$work/small"
echo
echo "== one large JSONL file"
run "baseline: cat" cat "$work/big.jsonl"
run "baseline: sha256sum" sha256sum "$work/big.jsonl"
run "halodb ingest" "$HALODB" --db "$work/big.db" ingest "$work/big.jsonl"
rate "  halodb ingest" "$big_rows"
run "halodb ingest again (known)" "$HALODB" --db "$work/big.db" ingest "$work/big.jsonl"
echo
echo "store sizes: small $(du -h "$work/small.db" | cut -f1), big $(du -h "$work/big.db" | cut -f1)"
