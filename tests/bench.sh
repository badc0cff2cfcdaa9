#!/usr/bin/env bash
# tests/bench.sh: speed and memory bounds (`make bench`).  Figures, not
# pass/fail thresholds: each command runs under benchrun, which prints its
# wall time and peak RSS; baselines (cat, sha256sum of the same files)
# bound what any ingester can do.  Four sections, each ending in a table:
#
#   1. store size: stores of ROWS/100, ROWS/10 and ROWS rows of realistic
#      llama-bench JSONL (8 hosts, 6 models, 4 quants, pp/tg, 5 depths,
#      every run its own test_time); for each, peak RSS of building it, of
#      ingesting 100 more rows into it, of `sql` (the whole throughput
#      view as CSV, and a GROUP BY) and of `report`.  What to see: RSS
#      that does not grow with the store (the README says under 64 MiB
#      with 1M rows).  Then every `halodb query` on the same store, the
#      two sides being the two hosts with most rows (issue 8 asks for
#      under 2 s each at 1M rows).
#   2. one identity: N records with the same model, test, depth and value
#      (only test_time differs), which the duplicate lookup must not scan.
#   3. a directory of FILES/10 and FILES files: time per 1000 files at
#      both sizes (linear: the same) and peak RSS.
#   4. one large JSONL file of BIG_MB MiB: rows/s, MiB/s, peak RSS.
#
#   BENCH_ROWS       largest store, rows (default 100000; 1000000 for the
#                    README's 1M figure: about 1 GB of JSONL, 1.5 GB store)
#   BENCH_SAMEKEY    record counts for section 2 (default "1000 2000 4000")
#   BENCH_DIR_FILES  largest directory, files (default 10000; 100000 for
#                    the README's figure).  BENCH_FILES is its old name.
#   BENCH_BIG_MB     size of the large JSONL file in MiB (default 256;
#                    2048 for the README's figure)
#   BENCH_ONLY       run only these sections, e.g. "1 3"
set -eu
export LC_ALL=C TZ=UTC
here=$(cd "$(dirname "$0")" && pwd)
HALODB=${HALODB:-$here/../halodb}
BENCHRUN=${BENCHRUN:-$here/../build/tests/benchrun}
rows_max=${BENCH_ROWS:-100000}
samekey=${BENCH_SAMEKEY:-1000 2000 4000}
dir_max=${BENCH_DIR_FILES:-${BENCH_FILES:-10000}}
big_mb=${BENCH_BIG_MB:-256}
only=${BENCH_ONLY:-1 2 3 4}
work=$(mktemp -d "${TMPDIR:-/tmp}/halodb-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

for tool in "$HALODB" "$BENCHRUN"; do
	[ -x "$tool" ] || { echo "bench: $tool is missing (make bench builds it)" >&2; exit 1; }
done
echo "halodb bench in $work ($(nproc) CPUs, $(uname -m))"

# measure LABEL CMD...: runs CMD under benchrun, prints its line and sets
# S (seconds), M (peak RSS, MiB) and X (exit status).
measure() {
	local line
	line=$("$BENCHRUN" "$@")
	printf '  %s\n' "$line"
	set -- $line
	S=${*: -6:1} M=${*: -4:1} X=${*: -1:1}
	X=${X%)}
}
ex() { [ "$X" = 0 ] && echo "" || echo " (exit $X)"; }
section() { case " $only " in *" $1 "*) return 0 ;; esac; return 1; }

# gen ROWS FIRST [SAME]: ROWS llama-bench JSONL records on stdout, runs
# FIRST, FIRST+1, ...  Deterministic (a Park-Miller generator, not awk's
# rand, so every awk gives the same bytes).  Every run has its own
# test_time; values drift +-5% around a base per host, model, quant, test
# and depth.  SAME=1: every record the same host, model, quant, test,
# depth and avg_ts, so they share one identity bucket.
gen() {
	awk -v rows="$1" -v first="$2" -v same="${3:-0}" '
	function rnd() { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
	BEGIN {
		seed = 42 + first % 1000
		nh = split("AMD Ryzen 9 7950X 16-Core Processor|Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz|AMD EPYC 7763 64-Core Processor|Apple M2 Max|AMD Ryzen AI 9 HX 370 w/ Radeon 890M|Intel(R) Core(TM) i9-14900K|AMD EPYC 9654 96-Core Processor|Neoverse-V2", cpu, "|")
		split("NVIDIA GeForce RTX 4090|NVIDIA A100-SXM4-80GB|AMD Instinct MI250X|Apple M2 Max|AMD Radeon 890M Graphics|NVIDIA GeForce RTX 3090|NVIDIA H100 80GB HBM3|NVIDIA GH200 480GB", gpu, "|")
		split("CUDA|CUDA|ROCm|Metal|Vulkan|CUDA|CUDA|CUDA", be, "|")
		split("1.0|0.6|0.7|0.35|0.15|0.55|1.4|1.5", hs, "|")
		nm = split("qwen3moe 30B.A3B|llama 8B|gemma3 27B|qwen3 14B|gpt-oss 20B|llama 70B", mt, "|")
		split("qwen3-30b-a3b|llama-3.1-8b|gemma-3-27b|qwen3-14b|gpt-oss-20b|llama-3.3-70b", mf, "|")
		split("30532122624|8030261248|27009002240|14768307200|20914757184|70553706496", mp, "|")
		split("3000|4000|900|1500|2500|450", pp, "|")
		split("180|110|35|60|140|14", tg, "|")
		nq = split("Q4_K - Medium|Q8_0|Q4_0|IQ4_NL - 4.5 bpw", qt, "|")
		split("Q4_K_M|Q8_0|Q4_0|IQ4_NL", qf, "|")
		split("0.59|1.06|0.56|0.56", qb, "|")
		split("1.0|0.6|1.05|0.95", qs, "|")
		nd = split("0|4096|16384|32768|65536", dp, "|")
		for (i = 0; i < rows; i++) {
			r = first + i
			if (same)
				h = m = q = d = 1 + (t = 0)
			else {
				h = 1 + r % nh; m = 1 + int(r / nh) % nm
				q = 1 + int(r / (nh * nm)) % nq
				t = int(r / (nh * nm * nq)) % 2
				d = 1 + int(r / (nh * nm * nq * 2)) % nd
			}
			base = (t ? tg[m] : pp[m]) * hs[h] * qs[q] / (1 + dp[d] / 32768)
			a = same ? base : base * (0.95 + 0.1 * rnd())
			s1 = a * (0.98 + 0.04 * rnd()); s2 = 2 * a - s1
			np = t ? 0 : 512; ng = t ? 128 : 0
			ns = (np + ng) / a * 1e9
			sec = r; ss = sec % 60; sec = int(sec / 60); mm = sec % 60
			sec = int(sec / 60); hh = sec % 24; sec = int(sec / 24)
			dd = 1 + sec % 28; sec = int(sec / 28); mo = 1 + sec % 12
			yy = 2026 - int(sec / 12)
			printf "{\"build_commit\": \"d32676d\", \"build_number\": 9749, \"cpu_info\": \"%s\", \"gpu_info\": \"%s\", \"backends\": \"%s\", \"model_filename\": \"/srv/models/%s-%s.gguf\", \"model_type\": \"%s %s\", \"model_size\": %.0f, \"model_n_params\": %s, \"n_batch\": 2048, \"n_ubatch\": 512, \"n_threads\": 16, \"cpu_mask\": \"0x0\", \"cpu_strict\": false, \"poll\": 50, \"type_k\": \"f16\", \"type_v\": \"f16\", \"n_gpu_layers\": 99, \"n_cpu_moe\": 0, \"split_mode\": \"layer\", \"main_gpu\": 0, \"no_kv_offload\": false, \"flash_attn\": 1, \"devices\": \"auto\", \"tensor_split\": \"0.00\", \"tensor_buft_overrides\": \"none\", \"load_mode\": \"mmap\", \"embeddings\": false, \"no_op_offload\": 0, \"no_host\": false, \"fit_target\": 0, \"fit_min_ctx\": 0, \"n_prompt\": %d, \"n_gen\": %d, \"n_depth\": %d, \"test_time\": \"%04d-%02d-%02dT%02d:%02d:%02dZ\", \"avg_ns\": %.0f, \"stddev_ns\": %.0f, \"avg_ts\": %.6f, \"stddev_ts\": %.6f, \"samples_ns\": [ %.0f, %.0f ],\"samples_ts\": [ %.3f, %.3f ]}\n",
				cpu[h], gpu[h], be[h], mf[m], qf[q], mt[m], qt[q],
				mp[m] * qb[q], mp[m], np, ng, dp[d],
				yy, mo, dd, hh, mm, ss, ns, ns * 0.01, a, a * 0.01,
				(np + ng) / s1 * 1e9, (np + ng) / s2 * 1e9, s1, s2
		}
	}'
}

# queries DB ROWS: times every query on DB, one line of $table.q
qnames="ratio crossover degradation degr.all noise speed speed.all depth quality"
queries() {
	local h1 h2 q line
	h1=$("$HALODB" --db "$1" sql --format csv "select host from throughput group by host order by count(*) desc, host limit 2" | sed -n 2p)
	h2=$("$HALODB" --db "$1" sql --format csv "select host from throughput group by host order by count(*) desc, host limit 2" | sed -n 3p)
	line=$(printf '%9d |' "$2")
	for q in $qnames; do
		case $q in
		ratio) measure "query ratio --num H1 --den H2" "$HALODB" --db "$1" query ratio --num "$h1" --den "$h2" ;;
		crossover) measure "query crossover --a H1 --b H2" "$HALODB" --db "$1" query crossover --a "$h1" --b "$h2" ;;
		degradation) measure "query degradation --host H1" "$HALODB" --db "$1" query degradation --host "$h1" ;;
		degr.all) measure "query degradation (every host)" "$HALODB" --db "$1" query degradation ;;
		noise) measure "query noise --host H1" "$HALODB" --db "$1" query noise --host "$h1" ;;
		speed) measure "query speed --hosts H1,H2" "$HALODB" --db "$1" query speed --hosts "$h1,$h2" ;;
		speed.all) measure "query speed (every host)" "$HALODB" --db "$1" query speed ;;
		depth) measure "query depth --hosts H1,H2" "$HALODB" --db "$1" query depth --hosts "$h1,$h2" ;;
		quality) measure "query quality (no quality rows)" "$HALODB" --db "$1" query quality ;;
		esac
		[ "$X" = 0 ] || fails="$fails $2 rows: query $q exit $X;"
		line="$line$(printf ' %7.2f %6.1f |' "$S" "$M")"
	done
	printf '%s\n' "$line" >> "$table.q"
}

# ---- 1. store size ---------------------------------------------------------
if section 1; then
	echo
	echo "== 1. peak RSS against store size (JSONL of realistic llama-bench runs)"
	table="$work/table1"
	fails=""
	for n in $((rows_max / 100)) $((rows_max / 10)) $rows_max; do
		db="$work/s$n.db"
		gen "$n" 0 > "$work/rows.jsonl"
		gen 100 900000000 > "$work/more.jsonl"
		echo " $n rows ($(( $(wc -c < "$work/rows.jsonl") / 1048576 )) MiB of JSONL)"
		measure "build: ingest $n rows" "$HALODB" --db "$db" ingest "$work/rows.jsonl"
		b="$S $M"; [ "$X" = 0 ] || fails="$fails $n rows: build exit $X;"
		measure "ingest 100 more" "$HALODB" --db "$db" ingest "$work/more.jsonl"
		i="$S $M"; [ "$X" = 0 ] || fails="$fails $n rows: +100 exit $X;"
		measure "sql: all rows as CSV" "$HALODB" --db "$db" sql --format csv "select * from throughput"
		q="$S $M"; [ "$X" = 0 ] || fails="$fails $n rows: group by exit $X;"
		measure "sql: group by" "$HALODB" --db "$db" sql "select host, model, quant, test, n_depth, count(*), avg(avg_ts) from throughput group by 1, 2, 3, 4, 5"
		g="$S $M"; [ "$X" = 0 ] || fails="$fails $n rows: sql all exit $X;"
		measure "report" "$HALODB" --db "$db" report --out "$work/site"
		r="$S $M"; [ "$X" = 0 ] || fails="$fails $n rows: report exit $X;"
		queries "$db" "$n"
		printf '%9d %6d |' "$n" $(( $(stat -c %s "$db") / 1048576 )) >> "$table"
		printf ' %7.2f %6.1f |' $b $i $q $g >> "$table"
		printf ' %7.2f %6.1f\n' $r >> "$table"
		rm -rf "$db" "$db-wal" "$db-shm" "$work/rows.jsonl" "$work/site"
	done
	echo
	printf '%9s %6s |' "" "store"
	printf ' %14s |' "build: ingest" "+100 rows" "sql all rows" "sql group by"
	printf ' %14s\n' "report"
	printf '%9s %6s |' rows MiB
	printf ' %7s %6s |' s MiB s MiB s MiB s MiB
	printf ' %7s %6s\n' s MiB
	cat "$table"
	echo
	echo " halodb query on the same stores (H1, H2: the two hosts with most rows)"
	printf '%9s |' ""
	printf ' %14s |' $qnames
	printf '\n%9s |' rows
	for q in $qnames; do printf ' %7s %6s |' s MiB; done
	echo
	cat "$table.q"
	[ -z "$fails" ] || echo " failed:$fails"
fi

# ---- 2. one identity ---------------------------------------------------------
if section 2; then
	echo
	echo "== 2. records that share one identity (model, test, depth, value)"
	table="$work/table2"
	for n in $samekey; do
		gen "$n" 0 1 > "$work/same.jsonl"
		measure "ingest $n alike" "$HALODB" --db "$work/same$n.db" ingest "$work/same.jsonl"
		awk -v n="$n" -v s="$S" -v m="$M" -v x="$(ex)" \
			'BEGIN { printf "%9d | %8.2f s | %8.1f us/row | %7.1f MiB%s\n", n, s, s * 1e6 / n, m, x }' >> "$table"
		rm -f "$work/same$n.db"*
	done
	echo
	echo "     rows | ingest     | per row         | peak RSS"
	cat "$table"
fi

# ---- 3. a directory of many files --------------------------------------------
if section 3; then
	echo
	echo "== 3. a directory of many small files (llama-bench JSONL, 4 rows each)"
	table="$work/table3"
	for n in $((dir_max / 10)) $dir_max; do
		dir="$work/dir$n"
		mkdir -p "$dir"
		# Four runs of the realistic sweep per file, every run its own.
		gen $((4 * n)) 0 | awk -v dir="$dir" '
		NR % 4 == 1 {
			i = int(NR / 4)
			if (i % 1000 == 0)
				system("mkdir -p " dir sprintf("/%03d", int(i / 1000)))
			close(f)
			f = sprintf("%s/%03d/run-%06d.jsonl", dir, int(i / 1000), i)
		}
		{ print > f }'
		echo " $n files, $(du -sh "$dir" | cut -f1)"
		measure "baseline: cat" sh -c "find '$dir' -type f -exec cat {} + > /dev/null"
		c=$S
		measure "baseline: sha256sum" sh -c "find '$dir' -type f -exec sha256sum {} + > /dev/null"
		h=$S
		measure "halodb ingest" "$HALODB" --db "$work/dir.db" ingest "$dir"
		s1=$S m1=$M x1=$(ex)
		measure "halodb ingest again (all known)" "$HALODB" --db "$work/dir.db" ingest "$dir"
		awk -v n="$n" -v c="$c" -v h="$h" -v s1="$s1" -v m1="$m1" -v x1="$x1" -v s2="$S" -v m2="$M" -v x2="$(ex)" 'BEGIN {
			k = n / 1000
			printf "%7d | %7.3f s | %7.3f s | %12.3f s | %10.3f s | %5.1f MiB | %5.1f MiB%s%s\n",
				n, c / k, h / k, s1 / k, s2 / k, m1, m2, x1, x2 }' >> "$table"
		rm -rf "$dir" "$work/dir.db"*
	done
	echo
	printf '%7s | %-51s | %s\n' "" "time per 1000 files" "peak RSS"
	printf '%7s | %9s | %9s | %14s | %12s | %9s | %9s\n' files cat sha256sum "halodb ingest" "again, known" ingest again
	cat "$table"
fi

# ---- 4. one large JSONL file ---------------------------------------------------
if section 4; then
	echo
	echo "== 4. one large JSONL file (${big_mb} MiB)"
	line=$(head -n 1 "$here/fixtures/b9749/bench-moe-q4kv.jsonl")
	awk -v line="$line" -v mb="$big_mb" '
	BEGIN {
		# every record a different depth, so rows differ; split once
		at = index(line, "\"n_depth\": 0")
		head = substr(line, 1, at + 10); tail = substr(line, at + 12)
		target = mb * 1048576; size = 0
		for (i = 0; size < target; i++) {
			printf "%s%d%s\n", head, i, tail
			size += length(head) + length(tail) + length(i "") + 1
		}
	}' > "$work/big.jsonl"
	big_rows=$(wc -l < "$work/big.jsonl")
	big_bytes=$(wc -c < "$work/big.jsonl")
	echo " $big_rows rows, $((big_bytes / 1048576)) MiB"
	table="$work/table4"
	for what in cat sha256sum ingest again; do
		case $what in
		cat) measure "baseline: cat" cat "$work/big.jsonl" ;;
		sha256sum) measure "baseline: sha256sum" sha256sum "$work/big.jsonl" ;;
		ingest) measure "halodb ingest" "$HALODB" --db "$work/big.db" ingest "$work/big.jsonl" ;;
		again) measure "halodb ingest again (known)" "$HALODB" --db "$work/big.db" ingest "$work/big.jsonl" ;;
		esac
		awk -v w="$what" -v r="$big_rows" -v b="$big_bytes" -v s="$S" -v m="$M" -v x="$(ex)" 'BEGIN {
			if (s <= 0) s = 0.001
			printf "%-10s | %8.2f s | %9.0f | %10.1f | %7.1f MiB%s\n", w, s, r / s, b / 1048576 / s, m, x }' >> "$table"
	done
	echo
	echo "           |       time |    rows/s | input MiB/s | peak RSS"
	cat "$table"
	echo " store: $(du -h "$work/big.db" | cut -f1)"
fi
