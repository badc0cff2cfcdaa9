# Hardening of ingest (issue 7): each case is named after what broke.
#
# Regression: pairing samples files read past the end of a short path
# ('a.json') while looking for a results file beside a '.jsonl' under a
# long directory path (a heap-buffer-overflow under ASan).
$ mkdir -p a-directory-with-a-rather-long-name-for-the-pairing-of-samples && cp fixtures/b9749/bench-moe-q4kv.jsonl a-directory-with-a-rather-long-name-for-the-pairing-of-samples/run.jsonl && cp fixtures/b9749/bench-llama-pg-ub.json a.json
$ halodb --db pair.db ingest a.json a-directory-with-a-rather-long-name-for-the-pairing-of-samples/run.jsonl
> a.json: 6 rows (llama-bench-json)
> a-directory-with-a-rather-long-name-for-the-pairing-of-samples/run.jsonl: 4 rows (llama-bench-jsonl)
> ingested 2 files (10 rows)
#
# Regression: files that are not regular files were read without a bound
# ('--stderr /dev/zero' grew to gigabytes) or hung (a FIFO).  Every file
# is opened without waiting, checked to be a regular file and refused
# with a clear error; the store stays as it was.
$ mkfifo fifo && cp fixtures/b9749/bench-moe-q4kv.jsonl r.jsonl
$ timeout 20 halodb --db nr.db ingest --stderr /dev/zero r.jsonl
> 1 failed
! cannot read '/dev/zero': not a regular file
? 1
$ timeout 20 halodb --db nr.db ingest --stderr fifo r.jsonl
> 1 failed
! cannot read 'fifo': not a regular file
? 1
$ timeout 20 halodb --db nr.db ingest fifo /dev/zero
> 2 failed
! cannot read 'fifo': not a regular file
! cannot read '/dev/zero': not a regular file
? 1
$ cp -R fixtures/aider/2024-05-01-20-05-59--flat-fixture zero-run && ln -sf /dev/zero zero-run/grep/.aider.results.json
$ timeout 20 halodb --db nr.db ingest zero-run
> 1 failed
! cannot read 'zero-run/grep/.aider.results.json': not a regular file
? 1
$ cp -R fixtures/aider/2024-05-01-20-05-59--flat-fixture fifo-run && ln -sf ../../fifo fifo-run/grep/.aider.results.json
$ timeout 20 halodb --db nr.db ingest fifo-run
> 1 failed
! cannot read 'fifo-run/grep/.aider.results.json': not a regular file
? 1
$ timeout 20 halodb --db nr.db ingest fifo-run/grep/.aider.results.json
> 1 failed
! cannot read 'fifo-run/grep/.aider.results.json': not a regular file
? 1
$ halodb --db nr.db sql "select (select count(*) from source) sources, (select count(*) from throughput) rows, (select count(*) from quality) quality"
> sources  rows  quality
> -------  ----  -------
>       0     0        0
#
# Regression: a UTF-8 byte-order mark made a llama-bench CSV unreadable.
# Every format is read with one (as an editor on Windows saves it).
$ for f in bench-llama-default.csv bench-moe-q4kv.jsonl bench-llama-pg-ub.json bench-llama-default.md bench-llama-quants.sql; do printf '\357\273\277' | cat - fixtures/b9749/$f > bom-$f; done
$ for f in evalplus/qwen3.6--Q4_K_M_openai_temp_0.0.eval_results.json evalplus/aider-board.yml niah/qwen3.6-strix/qwen3_6_len_4000_depth_1000_results.json lm_eval/local-chat/results_2026-11-20T10-00-00.123456.json; do printf '\357\273\277' | cat - fixtures/quality/$f > bom-$(basename $f); done
$ halodb --db bom.db ingest --host h bom-*
> bom-aider-board.yml: 2 rows (aider-leaderboard)
> bom-bench-llama-default.csv: 2 rows (llama-bench-csv)
> bom-bench-llama-default.md: 2 rows (llama-bench-md)
> bom-bench-llama-pg-ub.json: 6 rows (llama-bench-json)
> bom-bench-llama-quants.sql: 16 rows (llama-bench-sql)
> bom-bench-moe-q4kv.jsonl: 4 rows (llama-bench-jsonl)
> bom-qwen3.6--Q4_K_M_openai_temp_0.0.eval_results.json: 2 rows, 10 items (evalplus)
> bom-qwen3_6_len_4000_depth_1000_results.json: 1 row, 1 item (niah)
> bom-results_2026-11-20T10-00-00.123456.json: 4 rows (lm-eval)
> ingested 9 files (39 rows)
#
# Regression: more than 2000 lines of stderr before the results made the
# sniffer give up and call the file markdown.
$ i=0; while [ $i -lt 2500 ]; do echo "ggml_vulkan: a line of captured stderr $i"; i=$((i + 1)); done > noise.txt; cat noise.txt fixtures/b9749/bench-moe-q4kv.jsonl > noisy.jsonl; cat noise.txt fixtures/b9749/bench-llama-default.csv > noisy.csv; cat noise.txt fixtures/b9749/bench-llama-quants.sql > noisy.sql; cat noise.txt fixtures/b9749/bench-llama-pg-ub.json > noisy.json
$ halodb --db noisy.db ingest --dry-run --host h noisy.jsonl noisy.csv noisy.sql noisy.json
> noisy.jsonl: llama-bench-jsonl (b9749, load_mode fields): would add 4 rows, 2500 other lines
> noisy.csv: llama-bench-csv (b9749, load_mode fields): would add 2 rows, 2500 other lines
> noisy.sql: llama-bench-sql (b9749, load_mode fields, table 'llama_bench'): would add 16 rows, 2500 other lines
> noisy.json: llama-bench-json (b9749, load_mode fields): would add 6 rows, 2500 other lines
> would ingest 4 files (28 rows); dry run, nothing written
! noisy.jsonl:1:1: warning: skipped 2500 lines that are not llama-bench-jsonl output (captured stderr?), the first: 'ggml_vulkan: a line of captured stderr 0'
! noisy.csv:1:1: warning: skipped 2500 lines that are not llama-bench-csv output (captured stderr?), the first: 'ggml_vulkan: a line of captured stderr 0'
! noisy.sql:1:1: warning: skipped 2500 lines that are not llama-bench-sql output (captured stderr?), the first: 'ggml_vulkan: a line of captured stderr 0'
! noisy.json:1:1: warning: skipped 2500 lines that are not llama-bench-json output (captured stderr?), the first: 'ggml_vulkan: a line of captured stderr 0'
#
# Regression: a CSV cut off inside its last row was rejected whole, while
# a cut-off JSONL keeps its complete records: both keep them now, with a
# warning.  A short row followed by more is still an error.
$ head -c -40 fixtures/b9749/bench-llama-default.csv > cut.csv; head -c -40 fixtures/b9749/bench-moe-q4kv.jsonl > cut.jsonl
$ halodb --db cut.db ingest --host h cut.csv cut.jsonl
> cut.csv: 1 row (llama-bench-csv)
> cut.jsonl: 3 rows (llama-bench-jsonl)
> ingested 2 files (4 rows)
! cut.csv:3:284: warning: the run was cut off (the last row ends before its last field); kept the 1 complete test record before it
! cut.jsonl:4:916: warning: the run was cut off (the last line ends inside a test record); kept the 3 complete test records before it
$ { head -n 2 fixtures/b9749/bench-llama-default.csv | head -c -30; echo; tail -n 1 fixtures/b9749/bench-llama-default.csv; } > short-then-more.csv
$ halodb --db cut.db ingest --host h short-then-more.csv
> 1 failed
! short-then-more.csv:2:294: expected '"' to close the last field of the row
? 1
#
# Regression: a 10 MB CSV field took minutes under ASan (libcsv grew its
# buffer 128 bytes at a time); fields are bounded now.
$ { head -n 1 fixtures/b9749/bench-llama-default.csv; printf '"'; head -c 2000000 /dev/zero | tr '\0' x; printf '"'; tail -n 1 fixtures/b9749/bench-llama-default.csv | cut -c 10-; } > long-field.csv
$ halodb --db cut.db ingest --host h long-field.csv
> 1 failed
! long-field.csv:2:1: expected a field of at most 1 MiB, found a longer one
? 1
#
# Regression: a duplicated CSV or SQL column was accepted (the last one
# won); each column must come once.
$ sed '1s/,avg_ts,/,avg_ts,avg_ts,/; 2,$s/,"\([^"]*\)","\([^"]*\)"$/,"\1","\1","\2"/' fixtures/b9749/bench-llama-default.csv > dup.csv; sed 's/(build_commit, build_number,/(build_commit, build_commit,/' fixtures/b9749/bench-llama-quants.sql > dup.sql
$ sed '1s/| backend    |/| t\/s        |/' fixtures/b9749/bench-llama-default.md > dup.md
$ halodb --db cut.db ingest --host h dup.csv dup.sql dup.md
> 3 failed
! dup.csv:1:406: expected each column once, found 'avg_ts' again
! dup.sql:44:39: expected each column once, found 'build_commit' again
! dup.md:1:120: expected each column once, found 't/s' again
? 1
#
# Regression: invalid UTF-8 in a CSV field was stored as a NULL model
# (and 'sql --format json' then wrote invalid JSON).  Text that is not
# UTF-8 is refused in every format that does not go through jansson.
$ sed '2s/llama ?B/llama \xff?B/' fixtures/b9749/bench-llama-default.csv > bad-utf8.csv; sed '50s/llama ?B/llama \xc0\xafB/' fixtures/b9749/bench-llama-quants.sql > bad-utf8.sql; sed 's/| llama ?B/| llama \xed\xa0\x80B/' fixtures/b9749/bench-llama-default.md > bad-utf8.md
$ sed '18s/ms per token/ms per \xfftoken/' fixtures/b9749/server-qwen3moe.log > bad-utf8.log
$ halodb --db cut.db ingest --host h bad-utf8.csv bad-utf8.sql bad-utf8.md bad-utf8.log
> 4 failed
! bad-utf8.csv:2:77: expected UTF-8 text, found the byte 0xff
! bad-utf8.sql:50:569: expected UTF-8 text, found the byte 0xc0
! bad-utf8.md:3:9: expected UTF-8 text, found the byte 0xed
! bad-utf8.log:18:117: expected UTF-8 text, found the byte 0xff
? 1
$ halodb --db cut.db sql "select source, count(*) from throughput group by source order by source"
> source     count(*)
> ---------  --------
> cut.csv           1
> cut.jsonl         3
#
# Regression: negative rates and samples, a build_commit that is not a
# commit, and token counts out of range were accepted (or misreported).
# Each llama-bench format refuses them with the reason.
$ j=fixtures/b9749/bench-moe-q4kv.jsonl; sed '2s/"avg_ts": /"avg_ts": -/' $j > neg-avg.jsonl; sed '2s/"samples_ts": \[ /"samples_ts": [ -/' $j > neg-samples.jsonl; sed '2s/"build_commit": "d32676d"/"build_commit": "<b>not hex<\/b>"/' $j > commit.jsonl; sed '2s/"n_gen": [0-9]*/"n_gen": 4294967296/' $j > big-gen.jsonl; sed '2s/"n_depth": [0-9]*/"n_depth": -1/' $j > neg-depth.jsonl; sed '2s/"avg_ts": /"avg_ts": 1, "avg_ts": /' $j > dup-key.jsonl
$ halodb --db range.db ingest --host h neg-avg.jsonl neg-samples.jsonl commit.jsonl big-gen.jsonl neg-depth.jsonl dup-key.jsonl
> 6 failed
! neg-avg.jsonl:2:828: expected a non-negative number for "avg_ts"
! neg-samples.jsonl:2:912: expected an array of non-negative numbers for "samples_ts"
! commit.jsonl:2:2: expected a commit hash (hex digits, maybe '-dirty', or 'unknown') for "build_commit"
! big-gen.jsonl:2:720: expected a token count from 0 to 2147483647 for "n_gen"
! neg-depth.jsonl:2:734: expected a token count from 0 to 2147483647 for "n_depth"
! dup-key.jsonl:2:841: expected each key once, found '"avg_ts"' again
? 1
$ sed '/"avg_ts"/s/"avg_ts": /"avg_ts": -/' fixtures/b9749/bench-llama-pg-ub.json > neg-avg.json
$ c=fixtures/b9749/bench-llama-default.csv; sed '2s/,"\([^"]*\)","\([^"]*\)"$/,"-\1","\2"/' $c > neg-avg.csv; sed '2s/^"d32676d"/"zzz"/' $c > commit.csv; sed '2s/"512","0","0","2026/"512","99999999999","0","2026/' $c > big-gen.csv
$ q=fixtures/b9749/bench-llama-quants.sql; sed "45s/'155.763512'/'-155.763512'/" $q > neg-avg.sql; sed "45s/VALUES ('d32676d'/VALUES ('d32676d; drop table x'/" $q > commit.sql
$ m=fixtures/b9749/bench-llama-default.md; sed 's/  pp512 |/pp99999999999 |/' $m > big-prompt.md; sed 's/  847.59 ± 13.00/-847.59 ± 13.00/' $m > neg-avg.md
$ halodb --db range.db ingest --host h neg-avg.json neg-avg.csv commit.csv big-gen.csv neg-avg.sql commit.sql big-prompt.md neg-avg.md
> 8 failed
! neg-avg.json:41:5: expected a non-negative number for "avg_ts"
! neg-avg.csv:2:300: expected a non-negative number for "avg_ts"
! commit.csv:2:1: expected a commit hash (hex digits, maybe '-dirty', or 'unknown') for "build_commit"
! big-gen.csv:2:247: expected a token count from 0 to 2147483647 for "n_gen"
! neg-avg.sql:45:1: expected a non-negative number for "avg_ts"
! commit.sql:45:1: expected a commit hash (hex digits, maybe '-dirty', or 'unknown') for "build_commit"
! big-prompt.md:3:1: expected a token count from 0 to 2147483647 for "n_prompt"
! neg-avg.md:3:107: expected tokens/s as 'mean ± sd', found '-847.59 ± 13.00'
? 1
$ halodb --db range.db sql "select count(*) from source"
> count(*)
> --------
>        0
#
# Regression: --host (and the other names of what was run) took bytes
# that are not UTF-8, which 'sql --format json' then wrote as invalid JSON.
$ halodb --db opt.db ingest --host "$(printf 'a30\377')" fixtures/b9749/bench-moe-q4kv.jsonl
! halodb: --host: expected UTF-8 text
! usage: halodb ingest [--host NAME | --host-from-dir] [--stderr FILE] [--replace]
! (see 'halodb ingest --help')
? 2
$ halodb --db opt.db ingest --model "$(printf 'qwen\300\257')" fixtures/b9749/bench-moe-q4kv.jsonl
! halodb: --model: expected UTF-8 text
! usage: halodb ingest [--host NAME | --host-from-dir] [--stderr FILE] [--replace]
! (see 'halodb ingest --help')
? 2
$ halodb --db opt.db ingest --variant "$(printf 'edit=\355\240\200')" --kv q8_0 fixtures/b9749/bench-moe-q4kv.jsonl
! halodb: --variant: expected UTF-8 text
! usage: halodb ingest [--host NAME | --host-from-dir] [--stderr FILE] [--replace]
! (see 'halodb ingest --help')
? 2
#
# Regression: an empty directory (and a call that lists no file to pair)
# sorted a NULL list, which UBSan reports.
$ mkdir empty-dir
$ halodb --db e.db ingest empty-dir
> nothing to ingest: no files found
#
# Lines are read within a bound (64 MiB): one line of a file as large as
# the disk no longer grows the process to the size of the file.
$ { printf '{"avg_ts": 1, "n_prompt": 512, "n_gen": 0, "x": "'; head -c 68000000 /dev/zero | tr '\0' x; printf '"}\n'; } > long-line.jsonl
$ halodb --db long.db ingest --host h long-line.jsonl
> 1 failed
! long-line.jsonl:1:1: expected lines of at most 64 MiB, found a longer one
? 1
$ halodb --db long.db ingest --stderr long-line.jsonl fixtures/b9749/bench-moe-q4kv.jsonl
> 1 failed
! long-line.jsonl:1:1: expected lines of at most 64 MiB, found a longer one
? 1
