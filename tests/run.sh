#!/usr/bin/env bash
# tests/run.sh: the whole test suite, as `make test` runs it.
#
#   1. unit tests: every test_* binary in $UNIT_DIR (each ends 'N passed,
#      N failed', with ', N skipped' after it when some were skipped)
#   2. golden CLI tests: tests/cli/*.t transcripts, replayed and diffed
#   3. the corpus test: tests/corpus.txt against ../shared/formats, the
#      real sample files beside the repository (HALODB_SHARED points
#      elsewhere); each file listed is a test, skipped when it is absent
#   4. stress: every tests/stress/*.sh (each ends like a unit test)
#   5. the runner: every tests/run/*.sh (the same; `halodb run` end to end)
#
# Environment: HALODB (the binary), UNIT_DIR, HALODB_WRAP (a command to run
# every binary under, e.g. valgrind), UPDATE=1 rewrites the .t files with
# what the binary printed (review the diff before committing).
# CLI_ONLY=NAME replays only tests/cli/NAME.t (a glob) and nothing else.
# The last line is 'N passed, N failed', with ', N skipped' after it when
# some tests could not run here; the lines before it say which and why.
set -u
export TZ=UTC LC_ALL=C
# A report's only date is the newest ingest's, or this (report.t checks
# the ingest date with it unset).
export SOURCE_DATE_EPOCH=1767225600
unset HALODB_DB

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
HALODB=${HALODB:-$root/halodb}
UNIT_DIR=${UNIT_DIR:-$root/build/tests}
WRAP=${HALODB_WRAP:-}
SHARED=${HALODB_SHARED:-$root/../shared/formats}
export HALODB_SHARED=$SHARED	# the unit tests of real files read it too
pass=0
fail=0
skipped=0
work=$(mktemp -d "${TMPDIR:-/tmp}/halodb-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$*" >&2; }

# A tally line: 'N passed, N failed' with an optional ', N skipped'.
tally='^([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?$'
# note_skips WHO FILE: keeps the 'NAME: skipped: WHY' lines of FILE, for
# the list at the end.
note_skips() {
	grep -E '^[A-Za-z0-9_-]+: skipped: ' "$2" | sed "s|^|$1: |" >> "$work/skips"
}

# ---- 1. unit tests -------------------------------------------------------
# Each binary gets its own TMPDIR, which must be empty again when it
# passes (a test cleans up after itself).
for t in "$UNIT_DIR"/test_*; do
	[ -x "$t" ] && [ -z "${CLI_ONLY:-}" ] || continue
	rm -rf "$work/unit-tmp"
	mkdir "$work/unit-tmp"
	out=$(TMPDIR="$work/unit-tmp" $WRAP "$t" 2>"$work/unit.err")
	rc=$?
	last=$(printf '%s\n' "$out" | tail -n 1)
	if [[ $last =~ $tally ]]; then
		pass=$((pass + BASH_REMATCH[1]))
		fail=$((fail + BASH_REMATCH[2]))
		skipped=$((skipped + ${BASH_REMATCH[4]:-0}))
		note_skips "$(basename "$t")" "$work/unit.err"
		[ "${BASH_REMATCH[2]}" -eq 0 ] || cat "$work/unit.err" >&2
		if [ "$rc" -ne 0 ] && [ "${BASH_REMATCH[2]}" -eq 0 ]; then
			bad "$(basename "$t"): exit status $rc"
			cat "$work/unit.err" >&2
		fi
	else
		bad "$(basename "$t"): crashed (exit $rc)"
		cat "$work/unit.err" >&2
	fi
	if [ "$rc" -eq 0 ] && [ -n "$(ls -A "$work/unit-tmp")" ]; then
		bad "$(basename "$t"): left files in its temp dir: $(ls -A "$work/unit-tmp" | head -n 3 | tr '\n' ' ')"
	fi
done

# ---- 2. golden CLI tests -------------------------------------------------
# A .t file is a transcript: '$ command' lines run in order in a fresh
# directory (fixtures/ links to tests/fixtures), each followed by what it
# printed: '> ' stdout lines, '! ' stderr lines, '? N' a non-zero exit
# status.  Lines starting with '#' and blank lines are kept as they are.
mkdir -p "$work/bin"
cat > "$work/bin/halodb" <<WRAPPER
#!/bin/sh
exec $WRAP "$HALODB" "\$@"
WRAPPER
chmod +x "$work/bin/halodb"

replay() { # $1 case file, $2 dir; prints the actual transcript
	local line
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in
		'$ '*)
			printf '%s\n' "$line"
			(cd "$2" && PATH="$work/bin:$PATH" sh -c "${line#\$ }" \
				>"$work/out" 2>"$work/err" </dev/null)
			local rc=$?
			sed 's/^/> /; s/ *$//' "$work/out"
			sed 's/^/! /; s/ *$//' "$work/err"
			[ "$rc" -eq 0 ] || printf '? %s\n' "$rc"
			;;
		'> '*|'>'|'! '*|'!'|'? '*) ;;
		*) printf '%s\n' "$line" ;;
		esac
	done < "$1"
}

for t in "$here"/cli/*.t; do
	name=$(basename "$t" .t)
	# shellcheck disable=SC2053
	[ -z "${CLI_ONLY:-}" ] || [[ $name == $CLI_ONLY ]] || continue
	dir="$work/cli-$name"
	mkdir -p "$dir"
	ln -s "$here/fixtures" "$dir/fixtures"
	replay "$t" "$dir" > "$work/actual"
	if cmp -s "$t" "$work/actual"; then
		ok
	elif [ "${UPDATE:-}" = 1 ]; then
		cp "$work/actual" "$t"
		printf 'updated %s\n' "$name" >&2
		ok
	else
		bad "cli/$name.t"
		diff -u "$t" "$work/actual" | sed 's/^/    /' >&2
	fi
done

if [ -n "${CLI_ONLY:-}" ]; then
	printf '%d passed, %d failed\n' "$pass" "$fail"
	[ "$fail" -eq 0 ]
	exit
fi

# ---- 3. corpus -----------------------------------------------------------
sqlv() { # $1 db, $2 query: the single value it returns
	"$HALODB" --db "$1" sql --format csv "$2" 2>/dev/null | tail -n 1
}

corpus() { # $1 path, $2 rows, $3 outcome, $4 statuses, $5 items (optional)
	local f="$SHARED/$1" db="$work/corpus.db" rc rows statuses items
	rm -f "$db" "$db-wal" "$db-shm"
	if [ ! -f "$f" ]; then
		bad "corpus: $1 is listed but missing"
		return
	fi
	$WRAP "$HALODB" --db "$db" ingest --host corpus "$f" >"$work/out" 2>"$work/err"
	rc=$?
	case $3 in
	ok)        [ "$rc" -eq 0 ] && [ ! -s "$work/err" ] ;;
	noisy)     [ "$rc" -eq 0 ] && grep -q 'warning: skipped [0-9]* line' "$work/err" ;;
	truncated) [ "$rc" -eq 0 ] && grep -q 'warning: the run was cut off' "$work/err" ;;
	warned)    [ "$rc" -eq 0 ] && grep -q ': warning: ' "$work/err" ;;
	error)     [ "$rc" -eq 1 ] && grep -q "^$f:[0-9]*:[0-9]*: " "$work/err" ;;
	*)         false ;;
	esac || { bad "corpus: $1: expected '$3', exit $rc: $(head -c 300 "$work/err")"; return; }
	if [ -f "$db" ]; then
		rows=$(sqlv "$db" "select (select count(*) from throughput) + (select count(*) from server_timing) + (select count(*) from quality) + (select count(*) from reference_score)")
		statuses=$(sqlv "$db" "select coalesce(group_concat(status || '=' || n, ','), '-') from (select status, count(*) n from throughput group by status order by status)")
		items=$(sqlv "$db" "select count(*) from quality_item")
	else
		rows=0 statuses=- items=0
	fi
	if [ "$rows" != "$2" ] || [ "$statuses" != "$4" ] ||
	   { [ -n "${5:-}" ] && [ "$items" != "$5" ]; }; then
		bad "corpus: $1: expected $2 rows ($4, ${5:-?} items), got $rows ($statuses, $items items)"
		return
	fi
	if [ "$2" -gt 0 ] && ! grep -qF "$f: $2 row" "$work/out"; then
		bad "corpus: $1: stdout does not say '$2 rows'"
		return
	fi
	ok
}

if [ -d "$SHARED" ]; then
	listed="$work/listed"
	grep -v '^#' "$here/corpus.txt" | awk 'NF { print $1 }' | sort > "$listed"
	while read -r path rows outcome statuses items; do
		case $path in ''|'#'*) continue ;; esac
		corpus "$path" "$rows" "$outcome" "$statuses" "$items"
	done < "$here/corpus.txt"
	for f in $( (cd "$SHARED" && find samples generated -type f) 2>/dev/null | sort); do
		case $f in */README.md|*/PROVENANCE.md) continue ;; esac
		grep -qxF "$f" "$listed" || bad "corpus: $f is not listed in tests/corpus.txt"
	done
else
	n=$(awk 'NF && $1 !~ /^#/' "$here/corpus.txt" | wc -l)
	skipped=$((skipped + n))
	printf 'corpus: skipped: %d files of tests/corpus.txt: %s is absent\n' \
		"$n" "$SHARED" >> "$work/skips"
fi

# ---- 4. stress -----------------------------------------------------------
# tests/stress/*.sh: SIGKILL mid-batch, two writers and a reader,
# non-regular files, a full disk.  Each ends 'N passed, N failed' like a
# unit test; their failures go to stderr, their skips to the list at the
# end.
export HALODB HALODB_WRAP=$WRAP
for t in "$here"/stress/*.sh; do
	[ -x "$t" ] || continue
	"$t" > "$work/stress.out" 2> "$work/stress.err"
	rc=$?
	grep -Ev '^[A-Za-z0-9_-]+: skipped: ' "$work/stress.err" >&2
	note_skips stress "$work/stress.err"
	last=$(tail -n 1 "$work/stress.out")
	if [[ $last =~ $tally ]]; then
		pass=$((pass + BASH_REMATCH[1]))
		fail=$((fail + BASH_REMATCH[2]))
		skipped=$((skipped + ${BASH_REMATCH[4]:-0}))
		if [ "$rc" -ne 0 ] && [ "${BASH_REMATCH[2]}" -eq 0 ]; then
			bad "stress/$(basename "$t"): exit status $rc"
		fi
	else
		bad "stress/$(basename "$t"): crashed (exit $rc): $(tail -n 3 "$work/stress.out")"
	fi
done

# ---- 5. the runner ---------------------------------------------------------
# tests/run/*.sh: `halodb run` end to end (a real llama-bench sweep when
# ../shared has one; the ingest side of its run directory).  Each ends
# like a unit test; failures go to stderr, skips to the list at the end.
for t in "$here"/run/*.sh; do
	[ -x "$t" ] || continue
	"$t" > "$work/runner.out" 2> "$work/runner.err"
	rc=$?
	grep -Ev '^[A-Za-z0-9_-]+: skipped: ' "$work/runner.err" >&2
	note_skips run "$work/runner.err"
	last=$(tail -n 1 "$work/runner.out")
	if [[ $last =~ $tally ]]; then
		pass=$((pass + BASH_REMATCH[1]))
		fail=$((fail + BASH_REMATCH[2]))
		skipped=$((skipped + ${BASH_REMATCH[4]:-0}))
		if [ "$rc" -ne 0 ] && [ "${BASH_REMATCH[2]}" -eq 0 ]; then
			bad "run/$(basename "$t"): exit status $rc"
		fi
	else
		bad "run/$(basename "$t"): crashed (exit $rc): $(tail -n 3 "$work/runner.out")"
	fi
done

if [ "$skipped" -gt 0 ]; then
	printf 'skipped %d test%s:\n' "$skipped" "$([ "$skipped" -eq 1 ] || echo s)"
	sed 's/^/  /' "$work/skips"
	if [ ! -d "$SHARED" ]; then
		printf 'the real sample files are not at %s: set HALODB_SHARED to\n' "$SHARED"
		printf 'the formats/ folder of ../shared (see README.md, "Running the tests")\n'
	fi
fi
printf '%d passed, %d failed' "$pass" "$fail"
[ "$skipped" -eq 0 ] || printf ', %d skipped' "$skipped"
printf '\n'
[ "$fail" -eq 0 ]
