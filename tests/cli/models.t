# Model names: a row keeps the label its file gave (model) and carries a
# name, its alias else the label; queries and the report go by name, so
# that speed and quality of one model meet once aliased.
$ halodb ingest --host strix fixtures/b9749/bench-moe-q8kv.json fixtures/b9749/bench-llama-pg-ub.json fixtures/b9749/server-qwen3moe.log
> fixtures/b9749/bench-moe-q8kv.json: 4 rows (llama-bench-json)
> fixtures/b9749/bench-llama-pg-ub.json: 6 rows (llama-bench-json)
> fixtures/b9749/server-qwen3moe.log: 3 rows (llama-log)
> ingested 3 files (13 rows)
$ halodb ingest --host strix --model qwen3.6 --quant Q4_K_M fixtures/quality/lm_eval/local-chat
> fixtures/quality/lm_eval/local-chat/results_2026-11-20T10-00-00.123456.json: 4 rows, 8 items (lm-eval)
> ingested 1 file (4 rows)
$ halodb models
> name         label        throughput  server_timing  quality  reference_score  model_files
> -----------  -----------  ----------  -------------  -------  ---------------  ------------------------
>                                    0              3        0                0  qwen3moe-Q4_K_M.gguf (3)
> llama ?B     llama ?B              6              0        0                0  llama-Q8_0.gguf (6)
> qwen3.6      qwen3.6               0              0        4                0
> qwen3moe ?B  qwen3moe ?B           4              0        0                0  qwen3moe-Q4_K_M.gguf (4)
$ halodb models --format csv
> name,label,throughput,server_timing,quality,reference_score,model_files
> ,,0,3,0,0,qwen3moe-Q4_K_M.gguf (3)
> llama ?B,llama ?B,6,0,0,0,llama-Q8_0.gguf (6)
> qwen3.6,qwen3.6,0,0,4,0,
> qwen3moe ?B,qwen3moe ?B,4,0,0,0,qwen3moe-Q4_K_M.gguf (4)
# Apart, the throughput rows know no qwen3.6.
$ halodb query speed --model qwen3.6
! halodb: --model: no throughput rows with model=qwen3.6 (model in the store: llama ?B, qwen3moe ?B)
? 1
$ halodb models alias qwen3.6 'qwen3moe ?B'
> label 'qwen3moe ?B' named 'qwen3.6'
> 4 rows renamed
$ halodb models
> name      label        throughput  server_timing  quality  reference_score  model_files
> --------  -----------  ----------  -------------  -------  ---------------  ------------------------
>                                 0              3        0                0  qwen3moe-Q4_K_M.gguf (3)
> llama ?B  llama ?B              6              0        0                0  llama-Q8_0.gguf (6)
> qwen3.6   qwen3.6               0              0        4                0
> qwen3.6   qwen3moe ?B           4              0        0                0  qwen3moe-Q4_K_M.gguf (4)
$ halodb query speed --model qwen3.6
> model    quant   strix pp512 (t/s)  strix tg128 (t/s)  unchosen
> -------  ------  -----------------  -----------------  --------
> qwen3.6  Q4_K_M              551.9             261.91
$ halodb query quality --model qwen3.6 --format csv
> id,host,model,quant,kv,benchmark,metric,variant,partial,n_items,n_pass,score,pass_rate,pass_lo,pass_hi,compared_with,reference,other_n,other_rate,diff,diff_lo,diff_hi,test,n_shared_items,p,min_detectable,verdict,differs,a_unchosen,b_unchosen,note
> 2,strix,qwen3.6,Q4_K_M,,gsm8k,"exact_match,flexible-extract",,1,4,4,1.0,1.0,0.510109163545403,1.0,,,,,,,,,,,,,,,,"the only row of its benchmark, metric and model; partial run"
> 1,strix,qwen3.6,Q4_K_M,,gsm8k,"exact_match,strict-match",,1,4,3,0.75,0.75,0.300641842582402,0.954412739190299,,,,,,,,,,,,,,,,"the only row of its benchmark, metric and model; partial run"
> 4,strix,qwen3.6,Q4_K_M,,ifeval,"inst_level_strict_acc,none",,1,2,,0.6,,,,,,,,,,,,,,,,,,,"the only row of its benchmark, metric and model; score only: no pass count, no interval; partial run"
> 3,strix,qwen3.6,Q4_K_M,,ifeval,"prompt_level_strict_acc,none",,1,2,,0.5,,,,,,,,,,,,,,,,,,,"the only row of its benchmark, metric and model; score only: no pass count, no interval; partial run"
# A label that has an alias gets the new one, and says what it was.
$ halodb models alias q36 'qwen3moe ?B'
> label 'qwen3moe ?B' named 'q36' (was 'qwen3.6')
> 4 rows renamed
# Aliasing a name that is an alias (q36 is no label) moves its aliases.
$ halodb models alias qwen3.6 q36
> label 'qwen3moe ?B' named 'qwen3.6' (was 'q36')
> 4 rows renamed
# A file pattern: the server log names no label, only its file.
$ halodb models alias qwen3.6 --file 'qwen3moe-*.gguf'
> file pattern 'qwen3moe-*.gguf' named 'qwen3.6'
> 3 rows renamed
$ halodb sql "select 'throughput', name, count(*) from throughput group by name union all select 'server_timing', name, count(*) from server_timing group by name union all select 'quality', name, count(*) from quality group by name"
> 'throughput'   name      count(*)
> -------------  --------  --------
> throughput     llama ?B         6
> throughput     qwen3.6          4
> server_timing  qwen3.6          3
> quality        qwen3.6          4
# qwen3.6 is now both the quality rows' label and an alias name: aliasing
# it takes both, so the rows of that name stay together.
$ halodb models alias qwen3.6-35b-a3b qwen3.6
> label 'qwen3moe ?B' named 'qwen3.6-35b-a3b' (was 'qwen3.6')
> file pattern 'qwen3moe-*.gguf' named 'qwen3.6-35b-a3b' (was 'qwen3.6')
> label 'qwen3.6' named 'qwen3.6-35b-a3b'
> 11 rows renamed
$ halodb models
> name             label        throughput  server_timing  quality  reference_score  model_files
> ---------------  -----------  ----------  -------------  -------  ---------------  ------------------------
> llama ?B         llama ?B              6              0        0                0  llama-Q8_0.gguf (6)
> qwen3.6-35b-a3b                        0              3        0                0  qwen3moe-Q4_K_M.gguf (3)
> qwen3.6-35b-a3b  qwen3.6               0              0        4                0
> qwen3.6-35b-a3b  qwen3moe ?B           4              0        0                0  qwen3moe-Q4_K_M.gguf (4)
$ halodb sql "select kind, pattern, name from model_alias order by id"
> kind   pattern          name
> -----  ---------------  ---------------
> label  qwen3moe ?B      qwen3.6-35b-a3b
> file   qwen3moe-*.gguf  qwen3.6-35b-a3b
> label  qwen3.6          qwen3.6-35b-a3b
# The same again changes nothing.
$ halodb models alias qwen3.6-35b-a3b 'qwen3moe ?B' qwen3.6 --file 'qwen3moe-*.gguf'
> nothing changed
# Unknown labels, patterns that match no file, aliases that do not exist:
# an error naming the closest ones, and nothing changed (not even the
# label given before the unknown one).
$ halodb models alias x 'llama ?B' 'qwen3moe ?b'
! halodb: no model label or alias name 'qwen3moe ?b' (closest: 'qwen3moe ?B', 'qwen3.6', 'llama ?B')
? 1
$ halodb models alias x --file 'Qwen3*.gguf'
! halodb: no model file matches 'Qwen3*.gguf' (closest files: 'llama-Q8_0.gguf', 'qwen3moe-Q4_K_M.gguf')
? 1
$ halodb models unalias llama
! halodb: no alias of label or name 'llama' (closest: 'qwen3.6', 'qwen3moe ?B', 'qwen3.6-35b-a3b')
? 1
$ halodb models unalias --file '*.gguf'
! halodb: no alias of file pattern '*.gguf' (closest: 'qwen3moe-*.gguf')
? 1
$ halodb sql "select count(*) from model_alias where name = 'x'"
> count(*)
> --------
>        0
# Bad names and command lines are usage errors.
$ halodb models alias '' 'llama ?B'
! halodb: model name: expected a non-empty name on one line
! usage: halodb models alias NAME [LABEL...] [--file GLOB]... [--db PATH]
! (see 'halodb models alias --help')
? 2
$ halodb models alias "$(printf 'two\nlines')" 'llama ?B'
! halodb: model name: expected a non-empty name on one line
! usage: halodb models alias NAME [LABEL...] [--file GLOB]... [--db PATH]
! (see 'halodb models alias --help')
? 2
$ halodb models alias x
! halodb: models alias: expected a LABEL or --file GLOB
! usage: halodb models alias NAME [LABEL...] [--file GLOB]... [--db PATH]
! (see 'halodb models alias --help')
? 2
$ halodb models unalias
! halodb: models unalias: expected a LABEL or --file GLOB
! usage: halodb models unalias [LABEL...] [--file GLOB]... [--db PATH]
! (see 'halodb models unalias --help')
? 2
$ halodb models rename a b
! halodb: models: no subcommand 'rename' (alias, unalias)
! usage: halodb models [--format table|csv|json|md] [--db PATH]
! (see 'halodb models --help')
? 2
$ halodb models alias x 'llama ?B' --file
! halodb: models alias: option '--file' needs a value
! usage: halodb models alias NAME [LABEL...] [--file GLOB]... [--db PATH]
! (see 'halodb models alias --help')
? 2
# unalias: a pattern as given, or every alias of a name.
$ halodb models unalias --file 'qwen3moe-*.gguf'
> file pattern 'qwen3moe-*.gguf' no longer named 'qwen3.6-35b-a3b'
> 3 rows renamed
$ halodb models unalias qwen3.6-35b-a3b
> label 'qwen3moe ?B' no longer named 'qwen3.6-35b-a3b'
> label 'qwen3.6' no longer named 'qwen3.6-35b-a3b'
> 8 rows renamed
$ halodb models
> name         label        throughput  server_timing  quality  reference_score  model_files
> -----------  -----------  ----------  -------------  -------  ---------------  ------------------------
>                                    0              3        0                0  qwen3moe-Q4_K_M.gguf (3)
> llama ?B     llama ?B              6              0        0                0  llama-Q8_0.gguf (6)
> qwen3.6      qwen3.6               0              0        4                0
> qwen3moe ?B  qwen3moe ?B           4              0        0                0  qwen3moe-Q4_K_M.gguf (4)
$ halodb sql "select action, what, command from curation_log order by id"
> action          what                                                                    command
> --------------  ----------------------------------------------------------------------  ----------------------------------------------------
> models alias    label 'qwen3moe ?B' named 'qwen3.6'                                     halodb models alias qwen3.6 'qwen3moe ?B'
> models alias    label 'qwen3moe ?B' named 'q36' (was 'qwen3.6')                         halodb models alias q36 'qwen3moe ?B'
> models alias    label 'qwen3moe ?B' named 'qwen3.6' (was 'q36')                         halodb models alias qwen3.6 q36
> models alias    file pattern 'qwen3moe-*.gguf' named 'qwen3.6'                          halodb models alias qwen3.6 --file 'qwen3moe-*.gguf'
> models alias    label 'qwen3moe ?B' named 'qwen3.6-35b-a3b' (was 'qwen3.6')             halodb models alias qwen3.6-35b-a3b qwen3.6
> models alias    file pattern 'qwen3moe-*.gguf' named 'qwen3.6-35b-a3b' (was 'qwen3.6')  halodb models alias qwen3.6-35b-a3b qwen3.6
> models alias    label 'qwen3.6' named 'qwen3.6-35b-a3b'                                 halodb models alias qwen3.6-35b-a3b qwen3.6
> models unalias  file pattern 'qwen3moe-*.gguf' no longer named 'qwen3.6-35b-a3b'        halodb models unalias --file 'qwen3moe-*.gguf'
> models unalias  label 'qwen3moe ?B' no longer named 'qwen3.6-35b-a3b'                   halodb models unalias qwen3.6-35b-a3b
> models unalias  label 'qwen3.6' no longer named 'qwen3.6-35b-a3b'                       halodb models unalias qwen3.6-35b-a3b
