# halodb report: report.md (GFM) and index.html (cmark-gfm + templates/).
$ halodb report --out site
! halodb: no store at 'halodb.db': ingest results first (halodb ingest PATH...) or name one with --db
? 1
$ halodb ingest --host cpu-vm fixtures/b9749/bench-moe-q8kv.json fixtures/b9749/bench-moe-q4kv.jsonl fixtures/b9749/bench-llama-quants.stderr-json.txt > /dev/null
$ halodb report --out site
> wrote site/report.md and site/index.html
$ cat site/report.md
> # Local LLM throughput
>
> This page is made by halodb from 24 llama-bench results in
> 3 files. Every number is a measurement as stored; nothing is
> averaged across different builds, KV cache types or settings.
>
> ## Speed: default throughput
>
> Tokens per second, higher is better, for llama-bench's default tests:
> `pp512` (prompt processing, a 512-token prompt) and `tg128` (token
> generation, 128 tokens), both on an empty context (depth 0). A cell is the
> mean ± the standard deviation over the test's repetitions.
>
> | Model | Quant | cpu-vm pp512 (t/s) | cpu-vm tg128 (t/s) |
> | --- | --- | ---: | ---: |
> | llama ?B | IQ4\_NL | 856.57 ± 4.59 † | 350.98 ± 3.73 † |
> | llama ?B | Q4\_0 | 857.02 ± 7.41 † | 343.64 ± 2.89 † |
> | llama ?B | Q4\_K\_M | 811.41 ± 2.46 † | 287.44 ± 17.68 † |
> | llama ?B | Q8\_0 | 813.46 ± 2.49 † | 178.88 ± 54.38 † |
> | qwen3moe ?B | Q4\_K\_M | 440.80 ± 1.80 † | 289.97 ± 3.00 † |
>
>
> † This host has other measurements of this model, quant and test (another build, KV cache type or setting); the newest is shown. Ask the store for all of them with `halodb sql`.
>
> ### What was measured
>
> The backend, llama.cpp build, KV cache type and flash-attention setting
> behind each row of cells above, per host.
>
> | Host | Model | Quant | Backend | Build | KV cache (K/V) | Flash attention |
> | --- | --- | --- | --- | --- | --- | --- |
> | cpu-vm | llama ?B | IQ4\_NL | CPU | d32676d (9749) | f16/f16 | on |
> | cpu-vm | llama ?B | Q4\_0 | CPU | d32676d (9749) | f16/f16 | on |
> | cpu-vm | llama ?B | Q4\_K\_M | CPU | d32676d (9749) | f16/f16 | on |
> | cpu-vm | llama ?B | Q8\_0 | CPU | d32676d (9749) | f16/f16 | on |
> | cpu-vm | qwen3moe ?B | Q4\_K\_M | CPU | d32676d (9749) | q4\_0/q4\_0 | on |
>
$ ls site
> index.html
> report.md
> style.css
$ grep -c '<table>' site/index.html
> 2
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
! usage: halodb report --out DIR [--templates DIR] [--db PATH]
! (see 'halodb report --help')
? 2
$ halodb report --out site extra
! halodb: report: unexpected argument 'extra'
! usage: halodb report --out DIR [--templates DIR] [--db PATH]
! (see 'halodb report --help')
? 2
