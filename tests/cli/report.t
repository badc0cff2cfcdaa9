# halodb report: report.md (GFM) and index.html (cmark-gfm + templates/).
$ halodb report --out site
! halodb: no store at 'halodb.db': ingest results first (halodb ingest PATH...) or name one with --db
? 1
$ halodb ingest --host cpu-vm fixtures/b9749/bench-moe-q8kv.json fixtures/b9749/bench-moe-q4kv.jsonl fixtures/b9749/bench-llama-quants.stderr-json.txt > /dev/null
$ halodb report --out site
> wrote site/report.md and site/index.html
$ cat site/report.md
> # cpu-vm: local LLM benchmarks
>
> Written by halodb from 24 throughput results in 3 files, as of 2026-01-01. Every number is a measurement as stored or computed from measurements by `halodb query`, which says how sure it is; nothing is averaged across different builds, KV cache types or settings.
>
> ## The contestants
>
> The throughput results come from cpu-vm, which measured 2 models.
>
> What the store knows of each host: backends and llama.cpp builds seen in its throughput rows, its rows, and the models with a finished run.
>
> | Host | CPU | Backends | Builds | Throughput rows | Quality rows | Models |
> | --- | --- | --- | --- | ---: | ---: | ---: |
> | cpu-vm | AMD EPYC | CPU | 9749 | 24 | 0 | 2 |
>
> ## Default throughput
>
> llama-bench's default tests, `pp512` (prompt processing) and `tg128` (token generation), on an empty context, in tokens per second (higher is better).
>
> | model | quant | cpu-vm pp512 (t/s) | cpu-vm tg128 (t/s) | unchosen |
> | --- | --- | ---: | ---: | --- |
> | llama ?B | IQ4\_NL | 856.6 | 350.98 | cpu-vm pp512 +1; cpu-vm tg128 +1 |
> | llama ?B | Q4\_0 | 857.0 | 343.64 | cpu-vm pp512 +1; cpu-vm tg128 +1 |
> | llama ?B | Q4\_K\_M | 811.4 | 287.44 | cpu-vm pp512 +1; cpu-vm tg128 +1 |
> | llama ?B | Q8\_0 | 813.5 | 178.88 | cpu-vm pp512 +1; cpu-vm tg128 +1 |
> | qwen3moe ?B | Q4\_K\_M | 440.8 | 289.97 | cpu-vm pp512 +1; cpu-vm tg128 +1 |
>
> ## Methodology
>
> Repetitions. Of the 24 finished throughput rows, 24 have 2 repetitions; every one carries its per-repetition samples. A comparison uses the samples where both sides have at least two, else the mean, standard deviation and count as stored.
>
> Noise. No number is called better than another unless the statistics say so:
>
> - Speed (`halodb query ratio`): the ratio of two means with its 95% interval, computed on the log scale (delta method, Welch-Satterthwaite degrees of freedom). A side is faster only when the whole interval clears 1 ± 2%; otherwise the verdict is *within noise*, or *too few repetitions* when a side has fewer than two repetitions or no known spread.
> - Quality (`halodb query quality`): pass rates carry Wilson 95% score intervals. Two rows are compared by McNemar's exact test where both have pass/fail results for the same items, else by the pooled two-proportion z test (Newcombe's interval for the difference); a side is better only at p < 0.05, and a difference smaller than the run could detect is *within noise*.
> - Runs that did not finish (wedged, crashed, out of memory, failed, not run) are shown as such, never as zero, and rows of different builds, KV cache types or settings are never averaged together.
>
> Sources. The store was built from 3 files, each kept with its sha256, so that every row can be traced to the bytes it came from. The table shows the first 12 hex digits of each hash; the list after it gives them whole.
>
> Every file ingested, in the order it was, with the rows it gave.
>
> | File | Format | sha256 | Rows | Ingested |
> | --- | --- | --- | ---: | --- |
> | fixtures/b9749/bench-moe-q8kv.json | llama-bench-json | a38cd7a9f6f4 | 4 | 2026-01-01T00:00:00Z |
> | fixtures/b9749/bench-moe-q4kv.jsonl | llama-bench-jsonl | 314e6ad15953 | 4 | 2026-01-01T00:00:00Z |
> | fixtures/b9749/bench-llama-quants.stderr-json.txt | llama-bench-json | 42d786063251 | 16 | 2026-01-01T00:00:00Z |
>
> The full sha256 of each file:
>
> - fixtures/b9749/bench-moe-q8kv.json: a38cd7a9f6f423c8809c26630f6a55ba437422abefcfa67cc1c3b364a4517c4e
> - fixtures/b9749/bench-moe-q4kv.jsonl: 314e6ad15953cd23017a392fde1266ab6ab62d37be2fddb03db0373a9a61a13f
> - fixtures/b9749/bench-llama-quants.stderr-json.txt: 42d786063251bcfffb7f76715f1cfe88de07841ac9e86dc3196cd49ae63aaa8b
>
>
$ ls site
> index.html
> report.md
> style.css
$ grep -c '<table>' site/index.html
> 3
# Strings from inputs are escaped: no HTML gets through.
$ halodb --db evil.db ingest fixtures/bad/html-in-model.json > /dev/null && halodb --db evil.db report --out evil
> wrote evil/report.md and evil/index.html
$ grep -c '<script' evil/index.html
> 0
? 1
$ grep -o '<td>qwen3moe[^<]*</td>' evil/index.html | head -n 1
> <td>qwen3moe &lt;script&gt;alert(1)&lt;/script&gt;</td>
$ halodb report
! halodb: report: expected --out DIR
! usage: halodb report --out DIR [--title T] [--hosts A,B] [--model M]...
! (see 'halodb report --help')
? 2
$ halodb report --out site extra
! halodb: report: unexpected argument 'extra'
! usage: halodb report --out DIR [--title T] [--hosts A,B] [--model M]...
! (see 'halodb report --help')
? 2
# The only date: $SOURCE_DATE_EPOCH's (the tests set 2026-01-01), else the
# day of the newest ingest.
$ grep -o 'as of [0-9-]*' site/report.md
> as of 2026-01-01
$ env -u SOURCE_DATE_EPOCH halodb report --out site2 > /dev/null && grep -c "as of $(date -u +%F)" site2/report.md
> 1
# The same store gives the same bytes.
$ halodb report --out site3 > /dev/null && diff -r site site3 && echo same
> same
# Charts go to charts/; a later report removes the files an earlier one
# wrote and it does not (the manifest says which), and nothing else.
$ halodb --db two.db ingest --host a30 fixtures/query/a30.jsonl > /dev/null && halodb --db two.db ingest --host strix-halo fixtures/query/strix-halo.jsonl > /dev/null
$ halodb --db two.db report --out site4 --hosts a30,strix-halo > /dev/null && ls site4 site4/charts && cat site4/.halodb-manifest
> site4:
> charts
> index.html
> report.md
> style.css
>
> site4/charts:
> depth-qwen3moe-30b-a3b-q4-k-m-tg128.png
> depth-qwen3moe-30b-a3b-q4-k-m-tg128.svg
> ratio-a30-strix-halo-tg128-d0.png
> ratio-a30-strix-halo-tg128-d0.svg
> report.md
> style.css
> charts/ratio-a30-strix-halo-tg128-d0.svg
> charts/ratio-a30-strix-halo-tg128-d0.png
> charts/depth-qwen3moe-30b-a3b-q4-k-m-tg128.svg
> charts/depth-qwen3moe-30b-a3b-q4-k-m-tg128.png
> index.html
$ touch site4/mine.txt site4/charts/mine.svg && halodb report --out site4 > /dev/null && ls -A site4 site4/charts
> site4:
> .halodb-manifest
> charts
> index.html
> mine.txt
> report.md
> style.css
>
> site4/charts:
> mine.svg
# An empty store gives a short page that says how to add results.
$ printf 'not results\n' > bad.json && halodb --db empty.db ingest bad.json 2> /dev/null; halodb --db empty.db report --out site5 && cat site5/report.md
> 1 failed
> wrote site5/report.md and site5/index.html
> # Local LLM benchmarks
>
> The store holds no results yet. Add some with `halodb ingest PATH...` (llama-bench output of any format, llama-server logs, lm_eval, EvalPlus and Aider results), then run `halodb report` again.
>
>
