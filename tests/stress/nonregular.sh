#!/usr/bin/env bash
# tests/stress/nonregular.sh: non-regular files wherever a path is taken.
#
# A FIFO blocks a reader forever and /dev/zero never ends, so each is
# checked wherever halodb accepts a path: ingest PATH (alone and inside a
# directory), --stderr, an Aider run's .aider.results.json (as a
# symlink), --db, report --templates, report --out.  Each must finish
# (timeout 20), exit 1 or 2 with a message naming the path, and stay
# small (peak RSS under 256 MiB by /usr/bin/time; address space capped at
# 2 GB with ulimit -v where the build allows it).
. "$(dirname "$0")/common.inc"

b9749="$fixtures/b9749"
# Without timeout(1) or a FIFO no check runs; each counts as skipped.
skip_why=""
n_skip=0
if ! command -v timeout > /dev/null 2>&1; then
	skip_why="timeout(1) is absent"
elif ! mkfifo "$work/fifo"; then
	skip_why="mkfifo failed"
fi
ln -s /dev/zero "$work/zero"

limit_vm=1
if [ -n "$WRAP" ] || grep -qa __asan_init "$HALODB" 2>/dev/null; then
	limit_vm=0	# ASan and valgrind need a large address space
fi
have_time=0
[ -x /usr/bin/time ] && have_time=1
if [ -n "$WRAP" ]; then
	note "HALODB_WRAP is set: peak RSS is the wrapper's, not checked"
	have_time=0
fi

# refuse LABEL NEEDLE DIR ARGS...: halodb ARGS, run in DIR, must finish
# with exit status 1 or 2, say NEEDLE (the offending path) on stderr, and
# stay small.
refuse() {
	local label=$1 needle=$2 dir=$3 rc rss
	shift 3
	if [ -n "$skip_why" ]; then
		n_skip=$((n_skip + 1))
		return
	fi
	rm -f "$work/rss"
	(
		cd "$dir" || exit 99
		[ "$limit_vm" = 1 ] && ulimit -v 2000000
		if [ "$have_time" = 1 ]; then
			exec /usr/bin/time -f %M -o "$work/rss" timeout 20 $WRAP "$HALODB" "$@"
		else
			exec timeout 20 $WRAP "$HALODB" "$@"
		fi
	) > "$work/out" 2> "$work/err" < /dev/null
	rc=$?
	rss=$(tail -n 1 "$work/rss" 2>/dev/null)
	case $rc in
	124) bad "$label: still running after 20 s (killed)"; return ;;
	1|2) ;;
	0) bad "$label: exit 0, expected a refusal; stdout: $(head -c 200 "$work/out")"; return ;;
	*) bad "$label: exit $rc (a crash or a signal; 1 or 2 expected): $(head -c 300 "$work/err")"; return ;;
	esac
	if [ ! -s "$work/err" ]; then
		bad "$label: exit $rc without a message on stderr"
	elif ! grep -qF -- "$needle" "$work/err"; then
		bad "$label: the message does not name '$needle': $(head -c 300 "$work/err")"
	elif [ "$have_time" = 1 ] && { [ -z "$rss" ] || [ "$rss" -gt 262144 ]; }; then
		bad "$label: peak RSS ${rss:-?} KiB, over 256 MiB"
	else
		ok "$label: exit $rc, $(head -n 1 "$work/err" | head -c 120)${rss:+ (peak RSS $rss KiB)}"
	fi
}

db="$work/store.db"
hdb --db "$db" ingest "$b9749/bench-moe-q8kv.json" > /dev/null 2>&1 ||
	{ bad "seeding a store failed"; finish; }

# ---- ingest PATH -----------------------------------------------------
refuse "ingest FIFO" fifo "$work" --db "$work/a.db" ingest fifo
refuse "ingest /dev/zero" /dev/zero "$work" --db "$work/a.db" ingest /dev/zero
refuse "ingest a symlink to /dev/zero" zero "$work" --db "$work/a.db" ingest zero
mkdir "$work/withfifo"
cp "$b9749/bench-moe-q4kv.jsonl" "$work/withfifo/"
# A walk passes a FIFO by with a warning and ingests the rest (exit 0).
if [ -n "$skip_why" ]; then
	n_skip=$((n_skip + 1))
else
	mkfifo "$work/withfifo/results.json"
	out=$(cd "$work" && timeout 20 $WRAP "$HALODB" --db "$work/b.db" ingest withfifo 2>&1)
	rc=$?
	case $rc:$out in
	0:*"withfifo/results.json: warning: skipped: not a regular file"*"ingested 1 file (4 rows)"*)
		ok "ingest a directory holding a FIFO: skipped with a warning" ;;
	*)	bad "ingest a directory holding a FIFO: exit $rc, expected 0 and a warning naming the FIFO: $out" ;;
	esac
fi

# ---- ingest --stderr -------------------------------------------------
# The results file is a run that died, so its stderr is read for the cause.
cp "$b9749/bench-missing-model.json" "$work/died.json"
refuse "ingest --stderr /dev/zero" /dev/zero "$work" --db "$work/c.db" ingest --stderr /dev/zero died.json
refuse "ingest --stderr FIFO" fifo "$work" --db "$work/c.db" ingest --stderr fifo died.json

# ---- an Aider run whose .aider.results.json is not a file -------------
for target in zero fifo; do
	run="$work/aider-$target/2024-05-01-20-05-59--flat-fixture"
	mkdir -p "$work/aider-$target"
	cp -R "$fixtures/aider/2024-05-01-20-05-59--flat-fixture" "$run"
	rm "$run/bowling/.aider.results.json"
	ln -s "$work/$target" "$run/bowling/.aider.results.json"
	refuse "ingest an Aider run, .aider.results.json -> $target" .aider.results.json \
		"$work" --db "$work/d-$target.db" ingest --model m "$run"
done

# ---- --db ------------------------------------------------------------
mkdir "$work/dbdir"
refuse "ingest --db FIFO" fifo "$work" --db fifo ingest "$b9749/bench-moe-q8kv.json"
refuse "ingest --db DIR" dbdir "$work" --db dbdir ingest "$b9749/bench-moe-q8kv.json"
refuse "sql --db DIR" dbdir "$work" --db dbdir sql "select 1"
refuse "sql --db /dev/zero" zero "$work" --db zero sql "select 1"
refuse "sql --db FIFO" fifo "$work" --db fifo sql "select 1"
refuse "report --db FIFO" fifo "$work" --db fifo report --out site-fifo
made=""
for x in journal wal shm; do
	[ -e "/dev/zero-$x" ] || made="$made /dev/zero-$x"
done
refuse "ingest --db /dev/zero" zero "$work" --db zero ingest "$b9749/bench-moe-q8kv.json"
for f in $made; do
	if [ -e "$f" ]; then
		bad "ingest --db /dev/zero: it created $f (removed)"
		rm -f "$f"
	fi
done

# ---- report --templates and --out ------------------------------------
for f in page.html style.css report.md; do
	for target in fifo zero; do
		t="$work/tpl-$target-$f"
		mkdir "$t"
		cp "$stress_dir/../../templates/"* "$t/"
		rm "$t/$f"
		ln -s "$work/$target" "$t/$f"
		refuse "report --templates, $f -> $target" "$f" "$work" \
			--db "$db" report --templates "$t" --out "site-$target-$f"
	done
done
echo "not a directory" > "$work/afile"
refuse "report --out FILE" afile "$work" --db "$db" report --out afile
if [ "$(cat "$work/afile")" != "not a directory" ]; then
	bad "report --out FILE changed the file"
fi
[ -z "$skip_why" ] || skip "$n_skip" "non-regular files: $skip_why"
finish
