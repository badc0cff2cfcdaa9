# llama-bench CSV and SQL (parsed as data, never executed), and the same
# run printed in two formats: one measurement, counted once, whichever
# format comes first; the richer report (more decimals, samples) wins.
$ halodb ingest fixtures/b9749/bench-moe-q4kv.stderr-csv.txt fixtures/b9749/bench-moe-q4kv.jsonl
> fixtures/b9749/bench-moe-q4kv.stderr-csv.txt: 4 rows (llama-bench-csv)
> fixtures/b9749/bench-moe-q4kv.jsonl: 0 rows, 4 already in the store (llama-bench-jsonl)
> ingested 2 files (4 rows, 4 already in the store)
$ halodb ingest fixtures/b9749/bench-llama-quants.stderr-json.txt fixtures/b9749/bench-llama-quants.sql
> fixtures/b9749/bench-llama-quants.stderr-json.txt: 16 rows (llama-bench-json)
> fixtures/b9749/bench-llama-quants.sql: 0 rows, 16 already in the store (llama-bench-sql)
> ingested 2 files (16 rows, 16 already in the store)
$ halodb sql "select count(*), sum(n_reps), count(distinct source) from throughput"
> count(*)  sum(n_reps)  count(distinct source)
> --------  -----------  ----------------------
>       20           40                       2
$ halodb sql "select source, count(*) from throughput group by source order by source"
> source                                             count(*)
> -------------------------------------------------  --------
> fixtures/b9749/bench-llama-quants.stderr-json.txt        16
> fixtures/b9749/bench-moe-q4kv.jsonl                       4
$ halodb sql "select path, format, era from source order by id"
> path                                               format             era
> -------------------------------------------------  -----------------  --------------------------------------------
> fixtures/b9749/bench-moe-q4kv.stderr-csv.txt       llama-bench-csv    b9749, load_mode fields
> fixtures/b9749/bench-moe-q4kv.jsonl                llama-bench-jsonl  b9749, load_mode fields
> fixtures/b9749/bench-llama-quants.stderr-json.txt  llama-bench-json   b9749, load_mode fields
> fixtures/b9749/bench-llama-quants.sql              llama-bench-sql    b9749, load_mode fields, table 'llama_bench'
# SQL with a quote in a value (llama-bench does not escape it) is still read.
$ printf "CREATE TABLE IF NOT EXISTS test (\n  x TEXT\n);\n\nINSERT INTO test (build_commit, build_number, cpu_info, gpu_info, backends, model_filename, model_type, n_prompt, n_gen, avg_ts, stddev_ts) VALUES ('abc1234', '5000', 'Xeon', 'NVIDIA A30', 'CUDA', '/home/o'neil/m.gguf', 'llama 7B Q4_0', '512', '0', '100.5', '0.25');\n" > quote.sql && halodb ingest quote.sql
> quote.sql: 1 row (llama-bench-sql)
> ingested 1 file (1 row)
$ halodb sql "select host, model_file, quant, avg_ts from throughput where source = 'quote.sql'"
> host      model_file  quant  avg_ts
> --------  ----------  -----  ------
> xeon-a30  m.gguf      Q4_0    100.5
$ printf 'build_commit,build_number,n_prompt,n_gen,avg_ts\n"abc","1","512","0"\n' > short.csv && halodb ingest short.csv
> 1 failed
! short.csv:2:1: expected 5 fields as in the header, found 4
? 1
