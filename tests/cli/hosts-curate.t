# Hosts after ingest (issue 11, item 1): rename, merge, facts.  Every
# edit is one transaction and one or more curation_log rows; a refused
# edit changes nothing.
#
# An edit makes no store.
$ halodb hosts rename a b
! halodb: no store at 'halodb.db': ingest results first (halodb ingest PATH...) or name one with --db
? 1
$ test -e halodb.db || echo no store
> no store
#
# Three hosts: 'epyc' derived from cpu_info (the JSON), 'cpu-vm' named
# with --host, and 'unknown' for the markdown that names no machine.
$ halodb ingest fixtures/b9749/bench-moe-q8kv.json
> fixtures/b9749/bench-moe-q8kv.json: 4 rows (llama-bench-json)
> ingested 1 file (4 rows)
$ halodb ingest --host cpu-vm fixtures/b9749/bench-llama-quants.sql
> fixtures/b9749/bench-llama-quants.sql: 16 rows (llama-bench-sql)
> ingested 1 file (16 rows)
$ halodb ingest fixtures/b9749/bench-llama-default.md
> fixtures/b9749/bench-llama-default.md: 2 rows (llama-bench-md)
> ingested 1 file (2 rows)
! fixtures/b9749/bench-llama-default.md: warning: the file does not say which machine ran it; its rows are under host 'unknown' (name the machine with --host)
$ halodb hosts
> host     identified_by                   rows  cpu_info  gpu_info  facts
> -------  ------------------------------  ----  --------  --------  -----
> cpu-vm   --host                            16  AMD EPYC
> epyc     cpu_info+gpu_info                  4  AMD EPYC
> unknown  nothing (its files do not say)     2
# Rename: the host keeps its keys, so a later file of that machine finds
# the new name.
$ halodb hosts rename epyc epyc-vm
> renamed host 'epyc' to 'epyc-vm'
$ halodb ingest fixtures/b9749/bench-llama-pg-ub.json
> fixtures/b9749/bench-llama-pg-ub.json: 6 rows (llama-bench-json)
> ingested 1 file (6 rows)
$ halodb hosts
> host     identified_by                   rows  cpu_info  gpu_info  facts
> -------  ------------------------------  ----  --------  --------  -----
> cpu-vm   --host                            16  AMD EPYC
> epyc-vm  --host                            10  AMD EPYC
> unknown  nothing (its files do not say)     2
# Bad names are usage errors; names taken, unknown hosts and the unknown
# host are refused with what to do instead.  Nothing changes.
$ halodb hosts rename epyc-vm ''
! halodb: hosts rename: expected a non-empty host name
! usage: halodb hosts rename OLD NEW [--db PATH]
! (see 'halodb hosts rename --help')
? 2
$ halodb hosts rename epyc-vm "$(printf 'a\nb')"
! halodb: hosts rename: expected a host name on one line of UTF-8 text
! usage: halodb hosts rename OLD NEW [--db PATH]
! (see 'halodb hosts rename --help')
? 2
$ halodb hosts rename epyc-vm "$(printf 'caf\351')"
! halodb: hosts rename: expected a host name on one line of UTF-8 text
! usage: halodb hosts rename OLD NEW [--db PATH]
! (see 'halodb hosts rename --help')
? 2
$ halodb hosts rename epyc-vm ' vm'
! halodb: hosts rename: expected a host name without blanks at either end, got ' vm'
! usage: halodb hosts rename OLD NEW [--db PATH]
! (see 'halodb hosts rename --help')
? 2
$ halodb hosts rename epyc-vm a30,strix
! halodb: hosts rename: expected a host name without ',' or '=' (selectors and --hosts A,B could not name it), got 'a30,strix'
! usage: halodb hosts rename OLD NEW [--db PATH]
! (see 'halodb hosts rename --help')
? 2
$ halodb hosts rename epyc-vm unknown
! halodb: hosts rename: 'unknown' is reserved for results that name no machine
! usage: halodb hosts rename OLD NEW [--db PATH]
! (see 'halodb hosts rename --help')
? 2
$ halodb hosts rename epyc-vm
! halodb: hosts rename: expected OLD and NEW, got 1 argument
! usage: halodb hosts rename OLD NEW [--db PATH]
! (see 'halodb hosts rename --help')
? 2
$ halodb hosts rename nope x
! halodb: hosts rename: no host 'nope' in the store (hosts: cpu-vm, epyc-vm, unknown)
? 1
$ halodb hosts rename epyc-vm cpu-vm
! halodb: hosts rename: host 'cpu-vm' exists already: to move the rows of 'epyc-vm' to it, merge them (halodb hosts merge 'epyc-vm' 'cpu-vm')
? 1
$ halodb hosts rename epyc-vm epyc-vm
! halodb: hosts rename: the host is called 'epyc-vm' already
? 1
$ halodb hosts rename unknown x
! halodb: hosts rename: 'unknown' holds the results that name no machine and cannot be renamed: merge it into a host instead (halodb hosts merge unknown HOST)
? 1
$ halodb sql "select name, named_by from host order by id"
> name     named_by
> -------  --------
> epyc-vm  option
> cpu-vm   option
> unknown  unknown
$ halodb sql "select action, what from curation_log"
> action        what
> ------------  --------------------------------
> hosts rename  host 'epyc' renamed to 'epyc-vm'
# Facts that no result file carries; KEY= removes one.
$ halodb hosts set cpu-vm memory=64GB tdp=120W notes='shared VM, noisy neighbours'
> host 'cpu-vm': memory set to '64GB'
> host 'cpu-vm': tdp set to '120W'
> host 'cpu-vm': notes set to 'shared VM, noisy neighbours'
$ halodb hosts set cpu-vm memory=96GB tdp=120W price=
> host 'cpu-vm': memory set to '96GB' (was '64GB')
> host 'cpu-vm': tdp is '120W' already
> host 'cpu-vm': no price to remove
$ halodb hosts set epyc-vm memory=128GB price=1999USD
> host 'epyc-vm': memory set to '128GB'
> host 'epyc-vm': price set to '1999USD'
$ halodb hosts
> host     identified_by                   rows  cpu_info  gpu_info  facts
> -------  ------------------------------  ----  --------  --------  ----------------------------------------------------------
> cpu-vm   --host                            16  AMD EPYC            memory=96GB, notes="shared VM, noisy neighbours", tdp=120W
> epyc-vm  --host                            10  AMD EPYC            memory=128GB, price=1999USD
> unknown  nothing (its files do not say)     2
$ halodb hosts --format csv
> host,identified_by,rows,cpu_info,gpu_info,facts
> cpu-vm,--host,16,AMD EPYC,,"memory=96GB, notes=""shared VM, noisy neighbours"", tdp=120W"
> epyc-vm,--host,10,AMD EPYC,,"memory=128GB, price=1999USD"
> unknown,nothing (its files do not say),2,,,
$ halodb hosts set cpu-vm Memory=1
! halodb: hosts set: 'Memory': expected a key of a-z, 0-9, '_' and '-' that starts with a letter (memory, tdp, price, notes)
! usage: halodb hosts set NAME KEY=VALUE... [--db PATH]
! (see 'halodb hosts set --help')
? 2
$ halodb hosts set cpu-vm memory
! halodb: hosts set: 'memory': expected KEY=VALUE (KEY= removes the fact)
! usage: halodb hosts set NAME KEY=VALUE... [--db PATH]
! (see 'halodb hosts set --help')
? 2
$ halodb hosts set cpu-vm =1
! halodb: hosts set: '=1': expected KEY=VALUE (KEY= removes the fact)
! usage: halodb hosts set NAME KEY=VALUE... [--db PATH]
! (see 'halodb hosts set --help')
? 2
$ halodb hosts set cpu-vm
! halodb: hosts set: expected NAME and at least one KEY=VALUE, got 1 argument
! usage: halodb hosts set NAME KEY=VALUE... [--db PATH]
! (see 'halodb hosts set --help')
? 2
$ halodb hosts set cpu-vm "notes=$(printf 'a\nb')"
! halodb: hosts set: notes: expected a value on one line of UTF-8 text
! usage: halodb hosts set NAME KEY=VALUE... [--db PATH]
! (see 'halodb hosts set --help')
? 2
$ halodb hosts set cpu-vm tdp=1W tdp=2W
! halodb: hosts set: tdp is given twice
? 1
$ halodb hosts set nope tdp=1W
! halodb: hosts set: no host 'nope' in the store (hosts: cpu-vm, epyc-vm, unknown)
? 1
$ halodb hosts set unknown tdp=1W
! halodb: hosts set: 'unknown' holds the results that name no machine and has no facts: merge it into a host first (halodb hosts merge unknown HOST)
? 1
$ halodb sql "select h.name, f.key, f.value from host_fact f join host h on h.id = f.host_id order by 1, 2"
> name     key     value
> -------  ------  ---------------------------
> cpu-vm   memory  96GB
> cpu-vm   notes   shared VM, noisy neighbours
> cpu-vm   tdp     120W
> epyc-vm  memory  128GB
> epyc-vm  price   1999USD
# Merge: every row, key and fact of FROM goes to INTO (INTO's facts win,
# with a warning); FROM is gone, and later files with its keys go to
# INTO.
$ halodb hosts merge epyc-vm cpu-vm
> host 'epyc-vm' merged into 'cpu-vm': 10 throughput rows, 1 key, 1 fact
! halodb: warning: 'cpu-vm' keeps memory='96GB' ('epyc-vm' had '128GB')
$ halodb hosts
> host     identified_by                   rows  cpu_info  gpu_info  facts
> -------  ------------------------------  ----  --------  --------  -------------------------------------------------------------------------
> cpu-vm   --host                            26  AMD EPYC            memory=96GB, notes="shared VM, noisy neighbours", price=1999USD, tdp=120W
> unknown  nothing (its files do not say)     2
$ halodb ingest fixtures/b9749/bench-moe-q4kv.jsonl
> fixtures/b9749/bench-moe-q4kv.jsonl: 4 rows (llama-bench-jsonl)
> ingested 1 file (4 rows)
$ halodb sql "select host, count(*) from throughput group by host order by host"
> host     count(*)
> -------  --------
> cpu-vm         30
> unknown         2
# The unknown host can be merged into a host; the next file that names
# no machine makes it again.
$ halodb hosts merge unknown cpu-vm
> host 'unknown' merged into 'cpu-vm': 2 throughput rows
$ halodb sql "select name from host order by id"
> name
> ------
> cpu-vm
$ halodb ingest fixtures/b9749/bench-llama-default.csv fixtures/b9749/bench-moe-q8kv.stderr-md.txt
> fixtures/b9749/bench-llama-default.csv: 2 rows (llama-bench-csv)
> fixtures/b9749/bench-moe-q8kv.stderr-md.txt: 0 rows, 4 already in the store (llama-bench-md)
> ingested 2 files (2 rows, 4 already in the store)
! fixtures/b9749/bench-moe-q8kv.stderr-md.txt: warning: the file does not say which machine ran it; its rows are under host 'unknown' (name the machine with --host)
$ halodb hosts
> host     identified_by                   rows  cpu_info  gpu_info  facts
> -------  ------------------------------  ----  --------  --------  -------------------------------------------------------------------------
> cpu-vm   --host                            34  AMD EPYC            memory=96GB, notes="shared VM, noisy neighbours", price=1999USD, tdp=120W
> unknown  nothing (its files do not say)     0
# Refused merges change nothing.
$ halodb hosts merge nope cpu-vm
! halodb: hosts merge: no host 'nope' in the store (hosts: cpu-vm, unknown)
? 1
$ halodb hosts merge cpu-vm nope
! halodb: hosts merge: no host 'nope' in the store (hosts: cpu-vm, unknown)
? 1
$ halodb hosts merge cpu-vm cpu-vm
! halodb: hosts merge: 'cpu-vm' would be merged into itself
? 1
$ halodb hosts merge cpu-vm unknown
! halodb: hosts merge: 'unknown' holds the results that name no machine: merge it into a host, not a host into it
? 1
$ halodb hosts merge cpu-vm
! halodb: hosts merge: expected FROM and INTO, got 1 argument
! usage: halodb hosts merge FROM INTO [--db PATH]
! (see 'halodb hosts merge --help')
? 2
$ halodb sql "select host, count(*) from throughput group by host order by host"
> host    count(*)
> ------  --------
> cpu-vm        34
# Every edit, with the command that made it.
$ halodb sql "select action, what, command from curation_log order by id"
> action        what                                                                                                                         command
> ------------  ---------------------------------------------------------------------------------------------------------------------------  --------------------------------------------------------------------------------
> hosts rename  host 'epyc' renamed to 'epyc-vm'                                                                                             halodb hosts rename epyc epyc-vm
> hosts set     host 'cpu-vm': memory set to '64GB'                                                                                          halodb hosts set cpu-vm memory=64GB tdp=120W 'notes=shared VM, noisy neighbours'
> hosts set     host 'cpu-vm': tdp set to '120W'                                                                                             halodb hosts set cpu-vm memory=64GB tdp=120W 'notes=shared VM, noisy neighbours'
> hosts set     host 'cpu-vm': notes set to 'shared VM, noisy neighbours'                                                                    halodb hosts set cpu-vm memory=64GB tdp=120W 'notes=shared VM, noisy neighbours'
> hosts set     host 'cpu-vm': memory set to '96GB' (was '64GB')                                                                             halodb hosts set cpu-vm memory=96GB tdp=120W price=
> hosts set     host 'epyc-vm': memory set to '128GB'                                                                                        halodb hosts set epyc-vm memory=128GB price=1999USD
> hosts set     host 'epyc-vm': price set to '1999USD'                                                                                       halodb hosts set epyc-vm memory=128GB price=1999USD
> hosts merge   host 'epyc-vm' merged into 'cpu-vm': 10 throughput rows, 1 key, 1 fact; 'cpu-vm' kept memory '96GB' ('epyc-vm' had '128GB')  halodb hosts merge epyc-vm cpu-vm
> hosts merge   host 'unknown' merged into 'cpu-vm': 2 throughput rows                                                                       halodb hosts merge unknown cpu-vm
# Usage.
$ halodb hosts --help
> usage: halodb hosts [--format table|csv|json|md] [--db PATH]
>        halodb hosts rename OLD NEW [--db PATH]
>        halodb hosts merge FROM INTO [--db PATH]
>        halodb hosts set NAME KEY=VALUE... [--db PATH]
>
> Lists the hosts in the store, what identified each (--host NAME at
> ingest, or the cpu_info and gpu_info of its results) and their facts.
>
> rename OLD NEW
>   Names host OLD NEW.  The host keeps its keys, so later files of
>   that machine go to NEW.  The host 'unknown' is not renamed but
>   merged into a host; a name another host has is a merge too.
> merge FROM INTO
>   Moves every row and every key of FROM to INTO and deletes FROM:
>   later files of FROM's machine go to INTO.  FROM's facts fill
>   INTO's gaps (INTO's own win; a warning names each that differs).
>   Rows that are then one measurement twice (a run printed as JSON
>   under one host, as markdown under the other) become one row.
>   FROM may be 'unknown': the rows of files that named no machine.
> set NAME KEY=VALUE...
>   Facts about a machine that no result file carries, shown by
>   'halodb hosts' and in the report's contestants: memory=128GB
>   tdp=120W price=1999USD notes='rented by the hour'.  Keys are a-z,
>   0-9, '_' and '-'; a value is one line; KEY= removes the fact.
>
> Each edit is one transaction, recorded in the log (halodb log).
>
>   --format FMT  table (the default), csv, json, md
>   --db PATH     the store (default: $HALODB_DB, else ./halodb.db)
$ halodb hosts merge --help
> usage: halodb hosts merge FROM INTO [--db PATH]
>
>   Moves every row and every key of FROM to INTO and deletes FROM:
>   later files of FROM's machine go to INTO.  FROM's facts fill
>   INTO's gaps (INTO's own win; a warning names each that differs).
>   Rows that are then one measurement twice (a run printed as JSON
>   under one host, as markdown under the other) become one row.
>   FROM may be 'unknown': the rows of files that named no machine.
$ halodb hosts frobnicate
! halodb: hosts: unexpected argument 'frobnicate' (rename, merge or set, or nothing to list the hosts)
! usage: halodb hosts [--format table|csv|json|md] [--db PATH]
! (see 'halodb hosts --help')
? 2
$ halodb hosts rename --frob a b
! halodb: hosts rename: unknown option '--frob'
! usage: halodb hosts rename OLD NEW [--db PATH]
! (see 'halodb hosts rename --help')
? 2
# Merging into a host that has rows of the same measurement: the run as
# markdown under one host and as JSON under another becomes one row.
$ halodb --db fold.db ingest --host cpu-vm fixtures/b9749/bench-moe-q8kv.stderr-md.txt
> fixtures/b9749/bench-moe-q8kv.stderr-md.txt: 4 rows (llama-bench-md)
> ingested 1 file (4 rows)
$ halodb --db fold.db ingest fixtures/b9749/bench-moe-q8kv.json
> fixtures/b9749/bench-moe-q8kv.json: 4 rows (llama-bench-json)
> ingested 1 file (4 rows)
$ halodb --db fold.db sql "select host, count(*) from throughput group by host order by host"
> host    count(*)
> ------  --------
> cpu-vm         4
> epyc           4
$ halodb --db fold.db hosts merge epyc cpu-vm
> host 'epyc' merged into 'cpu-vm': 4 throughput rows, 1 key; 4 were the same measurement as a row of 'cpu-vm' and folded into it
$ halodb --db fold.db sql "select host, test, n_depth, round(avg_ts, 2) as avg_ts from throughput order by test, n_depth"
> host    test   n_depth  avg_ts
> ------  -----  -------  ------
> cpu-vm  pp512        0  551.95
> cpu-vm  pp512     1024  265.63
> cpu-vm  tg128        0  261.91
> cpu-vm  tg128     1024  137.53
