#!/usr/bin/env bash
# tests/stress/kill.sh: SIGKILL at pseudo-random moments of a batch ingest.
#
# Input files go in by batch transactions (whole files each), so whatever
# moment a batch dies at, the store must pass integrity_check and every
# source in it must hold exactly the rows its file gives when ingested
# alone (nothing half in).
# Delays come from a seeded LCG and spread over one batch's whole run,
# measured once at the start; the store carries on from trial to trial
# (a hot WAL each time) and starts afresh every 10 trials, so kills also
# land while a store is being created.  At the end of each store's life
# the killed batches are ingested again and must all go in, whole.
#
#   STRESS_KILL_TRIALS  trials (default 50; 10 under HALODB_WRAP)
. "$(dirname "$0")/common.inc"

trials=${STRESS_KILL_TRIALS:-50}
if [ -n "$WRAP" ] && [ -z "${STRESS_KILL_TRIALS:-}" ]; then
	trials=10
	note "HALODB_WRAP is set: $trials trials instead of 50"
fi
copies=3	# of each template per batch: 24 files

now_us() { local t; t=$(date +%s%N); echo $((t / 1000)); }

expect_counts
for k in 1 2 3 4 5 6 7 8; do
	case ${expect[k]:-} in
	''|0) bad "template $k gives no rows when ingested alone"; finish ;;
	esac
done

# One uninterrupted batch: how long a batch takes, and a control that
# copies are not deduplicated against each other.
make_copies "$work/batch0" 0 $copies
t0=$(now_us)
hdb --db "$work/control.db" ingest "$work/batch0" > "$work/out" 2>&1
rc=$?
dur=$(( $(now_us) - t0 ))
if [ "$rc" -ne 0 ]; then
	bad "control batch: exit $rc: $(head -c 300 "$work/out")"
elif ! msg=$(whole "$work/control.db"); then
	bad "control batch: $msg"
elif [ "$msg" != $((8 * copies)) ]; then
	bad "control batch: expected $((8 * copies)) sources, got $msg"
else
	ok "control batch: $((8 * copies)) files whole, $((dur / 1000)) ms"
fi

seed=12345
lcg() { seed=$(( (seed * 1103515245 + 12345) % 2147483648 )); }

db="$work/store.db"
killed=0
first_of_store=1
for ((i = 1; i <= trials; i++)); do
	if [ $(( (i - 1) % 10 )) -eq 0 ]; then
		rm -f "$db" "$db-wal" "$db-shm"
		first_of_store=$i
	fi
	make_copies "$work/batch$i" $((i * 8 * copies)) $copies
	lcg
	delay=$(( seed % (dur + 1) ))
	hdb_exec --db "$db" ingest "$work/batch$i" > "$work/out" 2>&1 &
	pid=$!
	bg_pids=$pid
	sleep "$(printf '%d.%06d' $((delay / 1000000)) $((delay % 1000000)))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null	# not bash's 'Killed' line
	rc=$?
	bg_pids=""
	case $rc in
	137) killed=$((killed + 1)) ;;
	0) ;;
	*) bad "trial $i: ingest exited $rc before the kill: $(head -c 300 "$work/out")" ;;
	esac
	if [ ! -e "$db" ]; then
		ok "trial $i (killed after ${delay} us): no store yet"
		continue
	fi
	ic=$(integrity "$db")
	case $ic in
	*"' is empty: ingest results first"*)
		# killed before the schema was committed: an empty file, which
		# the next ingest fills (checked at the end of this store)
		ok "trial $i (killed after ${delay} us): store created, nothing in it yet"
		continue ;;
	esac
	if [ "$ic" != ok ]; then
		bad "trial $i (killed after ${delay} us): pragma integrity_check says '$ic'"
	elif ! msg=$(whole "$db"); then
		bad "trial $i (killed after ${delay} us): $msg"
	else
		ok "trial $i (killed after ${delay} us): integrity ok, $msg sources whole"
	fi
	if [ $((i % 10)) -eq 0 ] || [ "$i" -eq "$trials" ]; then
		# the end of this store's life: the killed batches go in again
		dirs=()
		for ((j = first_of_store; j <= i; j++)); do dirs+=("$work/batch$j"); done
		hdb --db "$db" ingest "${dirs[@]}" > "$work/out" 2>&1
		rc=$?
		want=$(( (i - first_of_store + 1) * 8 * copies ))
		if [ "$rc" -ne 0 ]; then
			bad "re-ingest after trials $first_of_store-$i: exit $rc: $(head -c 300 "$work/out")"
		elif ! msg=$(whole "$db"); then
			bad "re-ingest after trials $first_of_store-$i: $msg"
		elif [ "$msg" != "$want" ]; then
			bad "re-ingest after trials $first_of_store-$i: expected $want sources, got $msg"
		else
			ok "re-ingest after trials $first_of_store-$i: all $want files whole"
		fi
		rm -rf "$work"/batch*
	fi
done
note "$killed of $trials trials killed the ingest mid-batch (batch: $((dur / 1000)) ms)"
if [ "$killed" -eq 0 ]; then
	bad "no trial killed an ingest mid-batch: the kills proved nothing"
fi

# Ingest commits many files at once (a batch of up to 1024 files): a call
# of 1088 files spans two commits.  Killed anywhere in it, the store holds
# whole files only, the first commit's or none; the same files ingested
# again all go in.
big=136		# copies of each template: 1088 files
big_trials=$(( trials >= 50 ? 6 : 2 ))
db="$work/big.db"
rm -f "$db" "$db-wal" "$db-shm"
make_copies "$work/bigbatch" 500000 $big
t0=$(now_us)
hdb --db "$work/bigcontrol.db" ingest "$work/bigbatch" > "$work/out" 2>&1
rc=$?
bdur=$(( $(now_us) - t0 ))
if [ "$rc" -ne 0 ] || [ "$(whole "$work/bigcontrol.db")" != $((8 * big)) ]; then
	bad "control of $((8 * big)) files: exit $rc, $(whole "$work/bigcontrol.db")"
fi
bkilled=0
for ((i = 1; i <= big_trials; i++)); do
	lcg
	delay=$(( seed % (bdur + 1) ))
	hdb_exec --db "$db" ingest "$work/bigbatch" > "$work/out" 2>&1 &
	pid=$!
	bg_pids=$pid
	sleep "$(printf '%d.%06d' $((delay / 1000000)) $((delay % 1000000)))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?
	bg_pids=""
	[ "$rc" -ne 137 ] || bkilled=$((bkilled + 1))
	[ -e "$db" ] || { ok "big trial $i (killed after ${delay} us): no store yet"; continue; }
	ic=$(integrity "$db")
	case $ic in
	*"' is empty: ingest results first"*)
		ok "big trial $i (killed after ${delay} us): store created, nothing in it yet"
		continue ;;
	esac
	if [ "$ic" != ok ]; then
		bad "big trial $i (killed after ${delay} us): pragma integrity_check says '$ic'"
	elif ! msg=$(whole "$db"); then
		bad "big trial $i (killed after ${delay} us): $msg"
	else
		ok "big trial $i (killed after ${delay} us): integrity ok, $msg sources whole"
	fi
done
hdb --db "$db" ingest "$work/bigbatch" > "$work/out" 2>&1
rc=$?
if [ "$rc" -ne 0 ]; then
	bad "re-ingest of the $((8 * big)) files: exit $rc: $(head -c 300 "$work/out")"
elif ! msg=$(whole "$db"); then
	bad "re-ingest of the $((8 * big)) files: $msg"
elif [ "$msg" != $((8 * big)) ]; then
	bad "re-ingest of the $((8 * big)) files: expected $((8 * big)) sources, got $msg"
else
	ok "re-ingest after the big trials: all $msg files whole"
fi
note "$bkilled of $big_trials trials killed a call of $((8 * big)) files (call: $((bdur / 1000)) ms)"
finish
