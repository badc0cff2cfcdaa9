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
>
$ ls site
> index.html
> report.md
> style.css
$ grep -c '<table>' site/index.html
> 1
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
