# The command line: help, versions, usage errors (exit 2).
$ halodb
! usage: halodb [--db PATH] COMMAND [ARGS]
!
! halodb keeps llama.cpp benchmark results in one SQLite store
! and writes reports from it.
!
! commands:
!   ingest   add result files to the store
!   run      run llama-bench under a clean-bench gate and ingest it
!   sql      run a read-only SQL query on the store
!   hosts    list hosts; rename, merge them, set their facts
!   models   list model names and labels; alias and unalias them
!   query    compute ratios, crossovers, noise and quality intervals
!   chart    draw one chart of the report (SVG or PNG)
!   report   write the report (markdown and HTML)
!   sources  list the ingested files
!   forget   remove ingested files and the rows they gave
!   log      list the changes made to the store after ingest
!   doctor   check the store and the files it came from
!   help     show help for a command
!
! The store is --db PATH, else $HALODB_DB, else ./halodb.db.
! 'halodb COMMAND --help' tells more.  Exit status: 0 ok, 1 some
! input or runtime failure, 2 bad command line.
? 2
$ halodb --help
> usage: halodb [--db PATH] COMMAND [ARGS]
>
> halodb keeps llama.cpp benchmark results in one SQLite store
> and writes reports from it.
>
> commands:
>   ingest   add result files to the store
>   run      run llama-bench under a clean-bench gate and ingest it
>   sql      run a read-only SQL query on the store
>   hosts    list hosts; rename, merge them, set their facts
>   models   list model names and labels; alias and unalias them
>   query    compute ratios, crossovers, noise and quality intervals
>   chart    draw one chart of the report (SVG or PNG)
>   report   write the report (markdown and HTML)
>   sources  list the ingested files
>   forget   remove ingested files and the rows they gave
>   log      list the changes made to the store after ingest
>   doctor   check the store and the files it came from
>   help     show help for a command
>
> The store is --db PATH, else $HALODB_DB, else ./halodb.db.
> 'halodb COMMAND --help' tells more.  Exit status: 0 ok, 1 some
> input or runtime failure, 2 bad command line.
$ halodb help ingest
> usage: halodb ingest [--host NAME | --host-from-dir] [--stderr FILE] [--replace]
>               [--dry-run] [--db PATH] [--model M] [--quant Q] [--kv TYPE]
>               [--backend B] [--build ID] [--variant TEXT] [--niah-pass N]
>               [--quiet] PATH...
>
> Adds result files to the store.  Directories are walked in name order
> (dot-files skipped); what a walk finds that is not results (READMEs,
> notes, scripts, configs, a wrapper's run_metadata.txt) is named in one
> 'skipped' line, and empty files are skipped; either named on the
> command line is an error.  Formats are recognised by content, whatever
> the file name: llama-bench JSON, JSONL, markdown, CSV and SQL of every
> llama.cpp era; llama-server and llama-cli/main logs; saved
> llama-server responses with a 'timings' object.  Runs that died (out
> of memory, device lost, GPU hang, failed to load) become rows with
> status oom, crashed or failed and their error line.  Quality results:
> lm-evaluation-harness results (with their samples files), EvalPlus
> eval results and leaderboard, Aider benchmark run directories and
> leaderboard YAML, needle-in-a-haystack cells.  A directory that
> 'halodb run' wrote (manifest.json and each test point's output) is
> one source, its rows carrying the bench gate's verdict; the host its
> manifest names is taken as --host would be (--host itself wins).
>
> Each file is one transaction: a file that fails changes nothing and
> is reported as path:line:col; the others still go in, and the exit
> status is 1.  A file whose bytes are already in the store is skipped
> ('already ingested'); a measurement already there from another
> format (the same run as JSON and markdown) is not counted twice.
> 'x.stderr.txt' (any one extension) is read as the stderr of the
> results file 'x.*' beside it, and tells how its run died.
>
>   --host NAME    the machine these results came from; without it the
>                  host is derived from cpu_info and gpu_info, and files
>                  that do not say (markdown, logs) go to host 'unknown'
>                  (one warning names them)
>   --host-from-dir  each file's host is the first directory below the
>                  PATH it was found under: results/a30/run1/x.json
>                  given as results is host a30; a file named itself or
>                  lying directly in PATH is an error
>   --stderr FILE  the stderr of the one results file given
>   --replace      a file already in the store (the same bytes, or the
>                  same path as given) is forgotten and ingested again
>                  with this call's options, in one transaction (see
>                  'halodb forget')
>   --dry-run      say what each file is (format, era, rows, warnings)
>                  and write nothing
>   --quiet        no progress line (files done, rows, MB/s, the file
>                  being read, time left), which is drawn on stderr only
>                  when it is a terminal
>   --variant TEXT what the files do not show, for every row of the
>                  call (throughput, server and quality): hybrid-ngl22,
>                  dual-gpu, 100W, thinking, edit=whole ...; runs that
>                  differ only in it are two measurements, never one
>   --db PATH      the store (default: $HALODB_DB, else ./halodb.db)
>
> Quality files record neither the machine nor the quant nor the KV
> cache they ran with; name them for every quality row of the call:
>   --model M      the model (what the file calls it is kept alongside)
>   --quant Q      its quant, e.g. Q4_K_M
>   --kv TYPE      KV cache type, or K/V types: q8_0, q8_0/q4_0
>   --backend B    e.g. Vulkan, CUDA
>   --build ID     the llama.cpp build, e.g. b9749 or d32676d
>   --niah-pass N  a needle cell passes at a judge score of N or more
>                  out of 10 (default 10)
$ halodb sql --help
> usage: halodb sql [--format table|csv|json|md] [--db PATH] QUERY
>        halodb sql --schema [--format table|csv|json|md]
>
> Runs one read-only SQL statement on the store and prints the result.
> Statements that would write are refused.  The public views, a stable
> interface (columns are added, never renamed or removed):
>
>   throughput         one row per llama-bench test result
>   throughput_sample  every repetition's measurement
>   bench_raw          the input record of a result, as the file had it
>   server_timing      one row per request timed by llama-server or llama-cli
>   quality            one score of a quality benchmark in one run
>   quality_item       the items behind a score
>   reference_score    published scores (leaderboards)
>
> The tables underneath may change between versions.
>
>   --schema      print the views' columns and what each holds, as
>                 README.md documents them (no store needed); with
>                 --format csv, json or md: a row per column
>   --format FMT  table (aligned columns, the default), csv, json, md
>   --db PATH     the store (default: $HALODB_DB, else ./halodb.db)
$ halodb frobnicate
! halodb: no such command 'frobnicate'
! usage: halodb [--db PATH] COMMAND [ARGS]
!
! halodb keeps llama.cpp benchmark results in one SQLite store
! and writes reports from it.
!
! commands:
!   ingest   add result files to the store
!   run      run llama-bench under a clean-bench gate and ingest it
!   sql      run a read-only SQL query on the store
!   hosts    list hosts; rename, merge them, set their facts
!   models   list model names and labels; alias and unalias them
!   query    compute ratios, crossovers, noise and quality intervals
!   chart    draw one chart of the report (SVG or PNG)
!   report   write the report (markdown and HTML)
!   sources  list the ingested files
!   forget   remove ingested files and the rows they gave
!   log      list the changes made to the store after ingest
!   doctor   check the store and the files it came from
!   help     show help for a command
!
! The store is --db PATH, else $HALODB_DB, else ./halodb.db.
! 'halodb COMMAND --help' tells more.  Exit status: 0 ok, 1 some
! input or runtime failure, 2 bad command line.
? 2
$ halodb ingest
! halodb: ingest: expected at least one PATH
! usage: halodb ingest [--host NAME | --host-from-dir] [--stderr FILE] [--replace]
! (see 'halodb ingest --help')
? 2
$ halodb ingest --bogus x.json
! halodb: ingest: unknown option '--bogus'
! usage: halodb ingest [--host NAME | --host-from-dir] [--stderr FILE] [--replace]
! (see 'halodb ingest --help')
? 2
$ halodb ingest --host
! halodb: ingest: option '--host' needs a value
! usage: halodb ingest [--host NAME | --host-from-dir] [--stderr FILE] [--replace]
! (see 'halodb ingest --help')
? 2
$ halodb --version > /dev/null
$ halodb help nope
! halodb: no such command 'nope'
? 2
# A full disk does not pass silently.
$ halodb --help > /dev/full
! halodb: cannot write to standard output: No space left on device
? 1
