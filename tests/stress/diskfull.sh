#!/usr/bin/env bash
# tests/stress/diskfull.sh: a store and a report on a full disk.
#
# In a private mount namespace (unshare -m, so the mount is nobody else's
# and vanishes with the script) a 2 MiB tmpfs holds a store and a report.
# Files are ingested until the store hits ENOSPC: the ingest must exit 1
# with a clear error (no crash), and the store must pass integrity_check
# with every source whole.  Then, the disk filled to the last byte,
# `report --out` onto it must fail clearly and leave the previous report
# as it was.  Where no tmpfs can be mounted, the test is skipped and says
# so.  Also here: ingest under `ulimit -f`, which must not die of SIGXFSZ.
if [ -z "${STRESS_IN_NS:-}" ] && unshare -m true 2> /dev/null; then
	STRESS_IN_NS=1 exec unshare -m "$BASH" "$0" "$@"
fi
. "$(dirname "$0")/common.inc"

# clear_full LABEL RC: the failure was a clean exit 1 that says the disk
# is full.
clear_full() {
	if [ "$2" -ne 1 ]; then
		bad "$1: exit $2, expected 1: $(head -c 300 "$work/err")"
	elif ! grep -qiE 'full|no space' "$work/err"; then
		bad "$1: the message does not say the disk is full: $(head -c 300 "$work/err")"
	else
		ok "$1: exit 1, $(grep -iE 'full|no space' "$work/err" | head -n 1 | head -c 150)"
	fi
}

expect_counts

# ---- ulimit -f: the write fails, the process is not killed -------------
make_copies "$work/xfsz" 5000 4
( ulimit -f 64; exec $WRAP "$HALODB" --db "$work/xfsz.db" ingest "$work/xfsz" ) \
	> "$work/out" 2> "$work/err" &
wait $! 2> /dev/null	# not bash's 'File size limit exceeded' line
rc=$?
if [ "$rc" -eq 1 ] && grep -qiE 'too large|full|limit' "$work/err"; then
	ok "ingest under ulimit -f: exit 1, $(grep -iE 'too large|full|limit' "$work/err" | head -n 1 | head -c 150)"
else
	bad "ingest under ulimit -f 64: exit $rc, expected 1 with a message that the file is too large: $(head -c 300 "$work/err")"
fi
ic=$(integrity "$work/xfsz.db")
case $ic in
ok|*"' is empty: ingest results first"*) ;;
*) bad "ingest under ulimit -f: integrity_check says '$ic'" ;;
esac
if ! msg=$(whole "$work/xfsz.db"); then
	case $msg in
	*"' is empty: ingest results first"*) ;;
	*) bad "ingest under ulimit -f: $msg" ;;
	esac
fi

# ---- a full tmpfs -------------------------------------------------------
fs="$work/fs"
mkdir "$fs"
if [ -z "${STRESS_IN_NS:-}" ] || ! mount -t tmpfs -o size=2m tmpfs "$fs" 2> /dev/null; then
	# the checks below: ingest and integrity, report and the report kept
	skip 4 "a full disk: cannot mount a tmpfs"
	finish
fi
unmount() { umount "$fs" 2> /dev/null; }
stress_cleanup_hook=unmount

db="$fs/store.db"
make_copies "$work/seed" 0 1
hdb --db "$db" ingest "$work/seed" > "$work/out" 2> "$work/err" ||
	{ bad "seeding the store on the tmpfs: $(head -c 300 "$work/err")"; finish; }
hdb --db "$db" report --out "$fs/site" > "$work/out" 2> "$work/err" ||
	{ bad "the first report on the tmpfs: $(head -c 300 "$work/err")"; finish; }
mkdir "$work/site-before"
cp -pR "$fs/site/." "$work/site-before/"

# 2 MiB hold a few hundred of these files' rows; 60 batches of 24 will
# not fit.  One batch per ingest, until one fails.
full=0
for ((i = 1; i <= 60; i++)); do
	make_copies "$work/in$i" $((i * 24)) 3
	hdb --db "$db" ingest "$work/in$i" > "$work/out" 2> "$work/err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		full=$i
		break
	fi
done
if [ "$full" -eq 0 ]; then
	bad "60 batches went into a 2 MiB tmpfs without an error: $(df -k "$fs" | tail -n 1)"
	finish
fi
clear_full "ingest onto a full disk (batch $full)" "$rc"
ic=$(integrity "$db")
if [ "$ic" != ok ]; then
	bad "after ENOSPC: pragma integrity_check says '$ic'"
elif ! msg=$(whole "$db"); then
	bad "after ENOSPC: $msg"
else
	ok "after ENOSPC: integrity ok, $msg sources whole"
fi

# To the last byte, then the report: the store has grown since the first.
dd if=/dev/zero of="$fs/filler" bs=4096 2> /dev/null
dd if=/dev/zero of="$fs/filler2" bs=1 2> /dev/null
hdb --db "$db" report --out "$fs/site" > "$work/out" 2> "$work/err"
clear_full "report --out onto a full disk" $?
if ! diff -r "$work/site-before" "$fs/site" > "$work/diff" 2>&1; then
	bad "report --out onto a full disk changed the previous report: $(head -c 300 "$work/diff")"
else
	ok "report --out onto a full disk left the previous report as it was"
fi
finish
