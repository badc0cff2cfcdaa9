#!/usr/bin/env bash
# tests/bench.sh: speed and memory of halodb (`make bench`), next to the
# baselines that bound it.  Figures, not pass/fail thresholds: each
# command runs under benchrun, which prints its wall time, CPU time and
# peak RSS.  The corpora come from benchgen (deterministic, shaped like
# real output: llama-bench JSONL with samples across 20 hosts, 50 models,
# 4 quants, 3 KV types, 5 depths and several builds, values repeated as
# real runs repeat them; Aider run directories; lm_eval results).  The
# machine may be shared: every timing that is compared with another is
# taken BENCH_REPEAT times, the two alternating, and the median printed.
# BENCHMARKS.md records what this printed and what it means.
#
#   1. sizes: for each size, ROWS throughput rows as ROWS/10 small JSONL
#      files (one llama-bench call each) and as one large JSONL file,
#      ingested into fresh stores; the same rows as CSV through the
#      sqlite3 shell's .import into a plain table in one transaction (the
#      baseline: halodb's rows/s as a ratio of it).  Then on the store of
#      small files: `report`, `sql` (every row, streamed, and a GROUP BY),
#      and every query (ratio, crossover, noise, quality, degradation,
#      speed, depth) between the two hosts with most rows.
#   2. linear in rows: the exponent k of time ~ rows^k fitted over the
#      sizes of section 1, and over runs that share one identity (model,
#      test, depth and value; only test_time differs), which the same-
#      measurement lookup must not scan.
#   3. two builds: 24,000 rows (200 configurations x 60 runs x 2 builds)
#      ingested and compared with `query ratio --num build= --den build=`,
#      next to llama.cpp's scripts/compare-llama-bench.py on the same
#      JSONL, when python3 has git and tabulate (GitPython) and the script
#      is found: $COMPARE_LLAMA_BENCH, compare-llama-bench.py on PATH, or
#      $LLAMA_CPP/scripts/ (nothing of llama.cpp is kept here).
#   4. quality: Aider run directories and lm_eval results files ingested,
#      and `query quality` over them.
#
#   BENCH_SIZES    rows of section 1 (default "10000 100000"; add 1000000
#                  for the figures at 1M rows: 20 more minutes on 2 cores,
#                  2 GB of corpus and 2 GB of store)
#   BENCH_REPEAT   runs of each compared timing (default 3; 1 at 1M rows)
#   BENCH_SAMEKEY  rows of section 2's one identity (default
#                  "4000 8000 16000")
#   BENCH_ONLY     run only these sections, e.g. "1 3"
set -eu
export LC_ALL=C TZ=UTC
here=$(cd "$(dirname "$0")" && pwd)
HALODB=${HALODB:-$here/../halodb}
BENCHRUN=${BENCHRUN:-$here/../build/tests/benchrun}
BENCHGEN=${BENCHGEN:-$here/../build/tests/benchgen}
sizes=${BENCH_SIZES:-10000 100000}
repeat=${BENCH_REPEAT:-3}
samekey=${BENCH_SAMEKEY:-4000 8000 16000}
only=${BENCH_ONLY:-1 2 3 4}
work=$(mktemp -d "${TMPDIR:-/tmp}/halodb-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

for tool in "$HALODB" "$BENCHRUN" "$BENCHGEN"; do
	[ -x "$tool" ] || { echo "bench: $tool is missing (make bench builds it)" >&2; exit 1; }
done
command -v sqlite3 > /dev/null ||
	{ echo "bench: the sqlite3 shell is missing (apt-get install sqlite3)" >&2; exit 1; }
echo "halodb bench in $work ($(nproc) CPUs, $(uname -m), sqlite3 $(sqlite3 --version | cut -d' ' -f1), $(date -u +%Y-%m-%dT%H:%MZ))"
t_start=$(date +%s)

# measure LABEL CMD...: runs CMD under benchrun, prints its line and sets
# S (wall seconds), C (CPU seconds), M (peak RSS, MiB) and X (exit).
measure() {
	local line
	line=$("$BENCHRUN" "$@")
	printf '  %s\n' "$line"
	set -- $line
	S=${*: -8:1} C=${*: -6:1} M=${*: -4:1} X=${*: -1:1}
	X=${X%)}
}
section() { case " $only " in *" $1 "*) return 0 ;; esac; return 1; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
fails=""
check() { [ "$X" = 0 ] || fails="$fails $1 exit $X;"; }
mib() { du -k "$@" 2> /dev/null | awk '{ s += $1 } END { printf "%.1f", s / 1024 }'; }
fresh() { rm -f "$1" "$1-wal" "$1-shm"; }
# fit "n t" lines: the exponent k of t = a n^k (least squares, log-log)
fit() { awk '$2 > 0 { x = log($1); y = log($2); n++; sx += x; sy += y; sxx += x * x; sxy += x * y }
	END { if (n < 2 || n * sxx == sx * sx) print "-"; else printf "%.2f", (n * sxy - sx * sy) / (n * sxx - sx * sx) }'; }

# ---- 1. sizes ---------------------------------------------------------------
qnames="ratio crossover noise quality degradation speed depth"
if section 1; then
	echo
	echo "== 1. ingest, report, sql and queries by size"
	: > "$work/fit.dir"; : > "$work/fit.file"; : > "$work/fit.dircpu"; : > "$work/fit.filecpu"
	for n in $sizes; do
		files=$(( (n + 9) / 10 ))
		reps=$repeat
		[ -n "${BENCH_REPEAT:-}" ] || [ "$n" -lt 1000000 ] || reps=1
		"$BENCHGEN" dir "$work/d$n" "$n"
		"$BENCHGEN" file "$work/f$n.jsonl" "$n"
		rm -f "$work/f$n.jsonl.csv"
		echo " $n rows: $files files ($(mib "$work/d$n") MiB), one file of $(mib "$work/f$n.jsonl") MiB, CSV $(mib "$work/d$n.csv") MiB; $reps run(s) each, alternating"
		si=(); sd=(); cd=(); md=(); sf=(); cf=(); mf=()
		for ((r = 0; r < reps; r++)); do
			fresh "$work/imp.db"
			measure "sqlite3 .import (CSV, 1 tx)" sqlite3 "$work/imp.db" "BEGIN" ".import --csv $work/d$n.csv t" "COMMIT"
			check ".import $n"; si+=("$S")
			fresh "$work/dir.db"
			measure "halodb ingest: $files files" "$HALODB" --db "$work/dir.db" ingest "$work/d$n"
			check "ingest dir $n"; sd+=("$S"); cd+=("$C"); md+=("$M")
			fresh "$work/file.db"
			measure "halodb ingest: one file" "$HALODB" --db "$work/file.db" ingest "$work/f$n.jsonl"
			check "ingest file $n"; sf+=("$S"); cf+=("$C"); mf+=("$M")
		done
		i=$(median "${si[@]}") d=$(median "${sd[@]}") f=$(median "${sf[@]}")
		echo "$n $d" >> "$work/fit.dir"; echo "$n $f" >> "$work/fit.file"
		echo "$n $(median "${cd[@]}")" >> "$work/fit.dircpu"; echo "$n $(median "${cf[@]}")" >> "$work/fit.filecpu"
		awk -v n="$n" -v files="$files" -v i="$i" -v d="$d" -v f="$f" \
			-v md="$(median "${md[@]}")" -v mf="$(median "${mf[@]}")" \
			-v sd="$(mib "$work/dir.db")" -v sf="$(mib "$work/file.db")" -v si="$(mib "$work/imp.db")" 'BEGIN {
			printf "%9d | %-12s | %7.2f s | %9.0f | %7.0f | %6.1f | %7.1f | %5.2fx\n", n, ".import", i, n / i, 0, 0, si, 1
			printf "%9d | %-12s | %7.2f s | %9.0f | %7.0f | %6.1f | %7.1f | %5.2fx\n", n, "small files", d, n / d, files / d, md, sd, i / d
			printf "%9d | %-12s | %7.2f s | %9.0f | %7.0f | %6.1f | %7.1f | %5.2fx\n", n, "one file", f, n / f, 1 / f, mf, sf, i / f }' >> "$work/table1"
		rm -rf "$work/imp.db" "$work/file.db"* "$work/f$n.jsonl" "$work/d$n.csv"

		db="$work/dir.db"
		measure "report" "$HALODB" --db "$db" report --out "$work/site"
		check "report $n"; rs=$S rm=$M
		measure "sql: every row as CSV" "$HALODB" --db "$db" sql --format csv "select * from throughput"
		check "sql all $n"; qs=$S qm=$M
		measure "sql: group by" "$HALODB" --db "$db" sql "select host, model, quant, test, n_depth, count(*), avg(avg_ts) from throughput group by 1, 2, 3, 4, 5"
		check "sql group by $n"; gs=$S gm=$M
		printf '%9d | %7.2f s %6.1f MiB | %7.2f s %6.1f MiB | %7.2f s %6.1f MiB\n' "$n" "$rs" "$rm" "$qs" "$qm" "$gs" "$gm" >> "$work/table1r"
		h1=$("$HALODB" --db "$db" sql --format csv "select host from throughput group by host order by count(*) desc, host limit 2" | sed -n 2p)
		h2=$("$HALODB" --db "$db" sql --format csv "select host from throughput group by host order by count(*) desc, host limit 2" | sed -n 3p)
		line=$(printf '%9d |' "$n")
		for q in $qnames; do
			case $q in
			ratio) measure "query ratio --num H1 --den H2" "$HALODB" --db "$db" query ratio --num "$h1" --den "$h2" ;;
			crossover) measure "query crossover --a H1 --b H2" "$HALODB" --db "$db" query crossover --a "$h1" --b "$h2" ;;
			noise) measure "query noise --host H1" "$HALODB" --db "$db" query noise --host "$h1" ;;
			quality) measure "query quality (no quality rows)" "$HALODB" --db "$db" query quality ;;
			degradation) measure "query degradation --host H1" "$HALODB" --db "$db" query degradation --host "$h1" ;;
			speed) measure "query speed --hosts H1,H2" "$HALODB" --db "$db" query speed --hosts "$h1,$h2" ;;
			depth) measure "query depth --hosts H1,H2" "$HALODB" --db "$db" query depth --hosts "$h1,$h2" ;;
			esac
			check "query $q $n"
			line="$line$(printf ' %6.2f %5.1f |' "$S" "$M")"
		done
		printf '%s\n' "$line" >> "$work/table1q"
		rm -rf "$work/dir.db"* "$work/d$n" "$work/site"
	done
	echo
	echo " ingest (medians; ratio: halodb's rows/s over .import's)"
	echo "     rows | what         |    wall   |    rows/s |  files/s | RSS MiB | store MiB | ratio"
	cat "$work/table1"
	echo
	echo " on the store of small files: report, sql (streamed), sql group by"
	echo "     rows |   report               |   sql every row        |   sql group by"
	cat "$work/table1r"
	echo
	echo " queries between the two hosts with most rows (s, MiB)"
	printf '%9s |' rows; for q in $qnames; do printf ' %-12s |' "$q"; done; echo
	cat "$work/table1q"
fi

# ---- 2. linear in rows -----------------------------------------------------
if section 2; then
	echo
	echo "== 2. linear in rows (time ~ rows^k)"
	: > "$work/fit.same"; : > "$work/fit.samecpu"
	for n in $samekey; do
		"$BENCHGEN" samekey "$work/same.jsonl" "$n"
		fresh "$work/same.db"
		measure "ingest $n runs of one identity" "$HALODB" --db "$work/same.db" ingest "$work/same.jsonl"
		check "samekey $n"
		echo "$n $S" >> "$work/fit.same"; echo "$n $C" >> "$work/fit.samecpu"
		awk -v n="$n" -v s="$S" -v m="$M" 'BEGIN { printf "%9d | %7.2f s | %7.1f us/row | %5.1f MiB\n", n, s, s * 1e6 / n, m }' >> "$work/table2"
		rm -f "$work/same.jsonl" "$work/same.db"*
	done
	echo
	echo "     rows | ingest    | per row         | RSS"
	cat "$work/table2"
	echo
	[ -s "$work/fit.dir" ] && echo " k, small files: $(fit < "$work/fit.dir") wall, $(fit < "$work/fit.dircpu") CPU (sizes: $sizes)"
	[ -s "$work/fit.file" ] && echo " k, one file:    $(fit < "$work/fit.file") wall, $(fit < "$work/fit.filecpu") CPU"
	echo " k, one identity: $(fit < "$work/fit.same") wall, $(fit < "$work/fit.samecpu") CPU (rows: $samekey)"
fi

# ---- 3. two builds -----------------------------------------------------------
if section 3; then
	echo
	echo "== 3. two builds, 24,000 rows: query ratio next to compare-llama-bench.py"
	"$BENCHGEN" twobuild "$work/two.jsonl"
	script=${COMPARE_LLAMA_BENCH:-}
	[ -n "$script" ] || script=$(command -v compare-llama-bench.py 2> /dev/null || true)
	[ -n "$script" ] || [ -z "${LLAMA_CPP:-}" ] || script=$LLAMA_CPP/scripts/compare-llama-bench.py
	py=""
	for p in python3 /usr/bin/python3; do
		if command -v "$p" > /dev/null && "$p" -c 'import git, tabulate' 2> /dev/null; then
			py=$p
			break
		fi
	done
	cmp=""
	if [ -z "$py" ]; then
		echo " compare-llama-bench.py: skipped: python3 has no git and tabulate (apt-get install python3-git python3-tabulate)"
	elif [ -z "$script" ] || [ ! -f "$script" ]; then
		echo " compare-llama-bench.py: skipped: not found (set COMPARE_LLAMA_BENCH to llama.cpp's scripts/compare-llama-bench.py, or LLAMA_CPP to a checkout)"
	else
		cmp=1
		mkdir -p "$work/cmp"	# outside any git repository: -b and -c name the builds
	fi
	si=(); sq=(); sc=(); mq=(); mc=()
	for ((r = 0; r < repeat; r++)); do
		fresh "$work/two.db"
		measure "halodb ingest" "$HALODB" --db "$work/two.db" ingest "$work/two.jsonl"
		check "two-build ingest"; si+=("$S")
		measure "halodb query ratio (builds)" "$HALODB" --db "$work/two.db" query ratio --num build=e81f3a9 --den build=d32676d
		check "two-build query ratio"; sq+=("$S"); mq+=("$M")
		if [ -n "$cmp" ]; then
			measure "compare-llama-bench.py" sh -c "cd '$work/cmp' && exec '$py' '$script' -t llama-bench -i '$work/two.jsonl' -b d32676d -c e81f3a9"
			check "compare-llama-bench.py"; sc+=("$S"); mc+=("$M")
		fi
	done
	i=$(median "${si[@]}") q=$(median "${sq[@]}")
	echo
	echo " halodb ingest $i s, query ratio $q s ($(median "${mq[@]}") MiB): $("$HALODB" --db "$work/two.db" query ratio --num build=e81f3a9 --den build=d32676d --format csv | tail -n +2 | wc -l) rows with verdicts"
	if [ -n "$cmp" ]; then
		c=$(median "${sc[@]}")
		awk -v i="$i" -v q="$q" -v c="$c" -v m="$(median "${mc[@]}")" 'BEGIN {
			printf " compare-llama-bench.py %.2f s (%.1f MiB)\n", c, m
			printf " query ratio: %.0fx faster than compare-llama-bench.py; ingest + query: %.1fx\n", c / q, c / (i + q) }'
	fi
	rm -rf "$work/two.db"* "$work/two.jsonl" "$work/cmp"
fi

# ---- 4. quality ----------------------------------------------------------------
if section 4; then
	echo
	echo "== 4. quality results: Aider run directories and lm_eval results"
	"$BENCHGEN" aider "$work/aider" 40
	"$BENCHGEN" lmeval "$work/lm" 400
	fresh "$work/q.db"
	measure "ingest 40 Aider runs (1,920 exercises)" "$HALODB" --db "$work/q.db" ingest --host bench-q --model m "$work/aider"
	check "aider ingest"
	measure "ingest 400 lm_eval results" "$HALODB" --db "$work/q.db" ingest --host bench-q --model m "$work/lm"
	check "lm_eval ingest"
	measure "query quality" "$HALODB" --db "$work/q.db" query quality
	check "query quality"
	measure "report" "$HALODB" --db "$work/q.db" report --out "$work/qsite"
	check "quality report"
	rm -rf "$work/q.db"* "$work/aider" "$work/lm" "$work/qsite"
fi

echo
echo "bench took $(( $(date +%s) - t_start )) s"
[ -z "$fails" ] || { echo " failed:$fails"; exit 1; }
