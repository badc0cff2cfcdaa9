#!/usr/bin/env bash
# tests/stress/concurrent.sh: two writers and a reader on one store.
#
# Two `halodb ingest` run at once on overlapping file sets (and then on the
# very same directory) while a reader loops over `halodb sql` and
# `halodb report --out`.  Nothing may fail: each file goes in exactly once
# (the loser of a race says 'already ingested'), whole, and the row total
# is exact.  Then a writer holds the write lock longer than the 5 s busy
# timeout (python3's sqlite3: BEGIN IMMEDIATE, sleep 7, COMMIT) while an
# ingest runs: the ingest must wait for it and succeed, and readers must
# go on reading meanwhile.
. "$(dirname "$0")/common.inc"

expect_counts
db="$work/store.db"

# A store with one file in it, so that readers always find one.
make_copies "$work/seed" 0 1
hdb --db "$db" ingest "$work/seed" > "$work/out" 2>&1 ||
	{ bad "seeding the store: $(head -c 300 "$work/out")"; finish; }

# reader: loops until $work/stop exists; each failure is a line in
# $work/reader.fail.  Runs in the background.
reader() {
	local n=0 out
	while [ ! -e "$work/stop" ]; do
		n=$((n + 1))
		out=$(hdb --db "$db" sql --format csv "select count(*) from bench" 2>&1) ||
			printf 'sql #%d: %s\n' "$n" "$(printf '%s' "$out" | head -c 200)" >> "$work/reader.fail"
		out=$(hdb --db "$db" report --out "$work/site" 2>&1) ||
			printf 'report #%d: %s\n' "$n" "$(printf '%s' "$out" | head -c 200)" >> "$work/reader.fail"
	done
	echo "$n" > "$work/reader.n"
}

start_reader() {
	rm -f "$work/stop" "$work/reader.fail" "$work/reader.n"
	reader &
	reader_pid=$!
	bg_pids="$bg_pids $reader_pid"
}

# stop_reader LABEL: stops the reader and checks it never failed.
stop_reader() {
	touch "$work/stop"
	wait "$reader_pid"
	if [ -s "$work/reader.fail" ]; then
		bad "$1: the reader failed $(wc -l < "$work/reader.fail") times, first: $(head -n 1 "$work/reader.fail")"
	else
		ok "$1: the reader ran $(cat "$work/reader.n" 2>/dev/null) sql+report rounds, none failed"
	fi
}

# exact LABEL: every file of $work/in* is in the store once and whole,
# and the row total is the sum of what each file gives alone.
exact() {
	local f k files=0 rows=0 got msg
	for f in "$work"/seed/* "$work"/in*/*; do
		k=${f##*-t}; k=${k%%.*}
		files=$((files + 1)); rows=$((rows + expect[k]))
	done
	got=$(sqlv "$db" "select count(*) || ' ' || count(distinct sha256) from source")
	if [ "$got" != "$files $files" ]; then
		bad "$1: expected $files sources, one per file, got (sources, distinct files) '$got'"
		return
	fi
	got=$(sqlv "$db" "select count(*) from bench")
	if [ "$got" != "$rows" ]; then
		bad "$1: expected $rows rows in all, got '$got'"
	elif ! msg=$(whole "$db"); then
		bad "$1: $msg"
	else
		ok "$1: $files files, each once and whole, $rows rows"
	fi
}

# said N RC: what writer N said that was not a file going in, when it
# failed; its last lines when that is nothing.
said() {
	local what
	[ "$2" -ne 0 ] || return 0
	what=$(grep -Ev ': warning: |: [0-9]+ rows?( |,|$)|: already ingested$' "$work/w$1.out")
	[ -n "$what" ] || what=$(tail -n 2 "$work/w$1.out")
	printf 'writer %d: %s; ' "$1" "$(printf '%s\n' "$what" | head -n 3 | paste -sd '|' | head -c 300)"
}

# writers LABEL ARGS1 -- ARGS2: two ingests at once; both must exit 0.
writers() {
	local label=$1 a=() b=() rc1 rc2 p1 p2
	shift
	while [ "$1" != -- ]; do a+=("$1"); shift; done
	shift
	b=("$@")
	hdb --db "$db" ingest "${a[@]}" > "$work/w1.out" 2>&1 &
	p1=$!
	hdb --db "$db" ingest "${b[@]}" > "$work/w2.out" 2>&1 &
	p2=$!
	bg_pids="$bg_pids $p1 $p2"
	wait "$p1"; rc1=$?
	wait "$p2"; rc2=$?
	if [ "$rc1" -ne 0 ] || [ "$rc2" -ne 0 ]; then
		bad "$label: writers exited $rc1 and $rc2; $(said 1 "$rc1")$(said 2 "$rc2")"
	else
		ok "$label: both writers exited 0"
	fi
}

# Round 1: overlapping sets (in2 is in both), 3 x 24 files.
make_copies "$work/in1" 1000 3
make_copies "$work/in2" 2000 3
make_copies "$work/in3" 3000 3
start_reader
writers "overlapping sets" "$work/in1" "$work/in2" -- "$work/in2" "$work/in3"
stop_reader "overlapping sets"
exact "overlapping sets"

# Round 2: the very same directory, twice at once.
make_copies "$work/in4" 4000 6
start_reader
writers "same directory" "$work/in4" -- "$work/in4"
stop_reader "same directory"
exact "same directory"

# Round 3: a transaction that outlasts the busy timeout.
if ! command -v python3 > /dev/null 2>&1 ||
   ! python3 -c 'import sqlite3' 2> /dev/null; then
	# the checks below: the reader, the wait, the rows, the message
	skip 4 "long-transaction writer: python3 with its sqlite3 module is absent"
else
	make_copies "$work/in9" 9000 1
	rm -f "$work/locked"
	python3 - "$db" "$work/locked" <<'EOF' > "$work/py.out" 2>&1 &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(7)
db.execute("COMMIT")
EOF
	py=$!
	bg_pids="$bg_pids $py"
	for _ in $(seq 100); do
		[ -e "$work/locked" ] && break
		sleep 0.1
	done
	if [ ! -e "$work/locked" ]; then
		bad "long-transaction writer: python3 did not take the write lock: $(head -c 300 "$work/py.out")"
	else
		start_reader
		hdb --db "$db" ingest "$work/in9" > "$work/out" 2>&1
		rc=$?
		stop_reader "while a writer holds the lock for 7 s"
		wait "$py" || bad "long-transaction writer: python3 failed: $(head -c 300 "$work/py.out")"
		if [ "$rc" -ne 0 ]; then
			bad "an ingest behind a 7 s write transaction: exit $rc (it must wait): $(head -c 300 "$work/out")"
		else
			ok "an ingest behind a 7 s write transaction waited and succeeded"
			exact "after the long transaction"
			# the wording issue 7 asks for, so that a wait is not a mystery
			if grep -q 'waiting for another ingest to finish' "$work/out"; then
				ok "the waiting ingest said so"
			else
				bad "an ingest behind a 7 s write transaction did not say 'waiting for another ingest to finish': $(head -c 300 "$work/out")"
			fi
		fi
	fi
fi
finish
