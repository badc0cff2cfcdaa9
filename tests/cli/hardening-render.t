# Hardening of what halodb writes: the report's files and sql's output.
#
# The report writes its temporaries with O_EXCL and random names, so a link
# planted at a predictable temporary name is never followed.
$ halodb ingest --host cpu-vm fixtures/b9749/bench-llama-pg-ub.json > /dev/null
$ mkdir site && echo outside > outside.txt
$ for f in report.md index.html style.css; do ln -s ../outside.txt site/.$f.tmp; done
$ halodb report --out site
> wrote site/report.md and site/index.html
$ cat outside.txt
> outside
$ ls -A site
> .halodb-manifest
> .index.html.tmp
> .report.md.tmp
> .style.css.tmp
> index.html
> report.md
> style.css
# A link at a final name is replaced, not followed.
$ rm -r site && mkdir site && ln -s ../outside.txt site/index.html && ln -s ../outside.txt site/report.md
$ halodb report --out site
> wrote site/report.md and site/index.html
$ cat outside.txt
> outside
$ test -f site/index.html && test ! -L site/index.html && test ! -L site/report.md && echo replaced
> replaced
# The three files appear together or not at all: when one cannot be put in
# place, the previous report stays whole and no temporary is left.
$ halodb report --out site > /dev/null && cp -R site before
$ halodb --db two.db ingest --host other fixtures/b9749/bench-moe-q8kv.json > /dev/null
$ rm site/index.html && mkdir -p site/index.html/keep && cp before/index.html before.html
$ halodb --db two.db report --out site
! halodb: cannot write 'site/index.html': Is a directory (no file of the report was changed)
? 1
$ cmp site/report.md before/report.md && cmp site/style.css before/style.css && echo untouched
> untouched
$ ls -A site
> .halodb-manifest
> index.html
> report.md
> style.css
$ rmdir site/index.html/keep site/index.html && rm site/report.md && mkdir site/report.md && cp before/index.html site/index.html
$ halodb --db two.db report --out site
! halodb: cannot write 'site/report.md': Is a directory (no file of the report was changed)
? 1
$ cmp site/index.html before/index.html && cmp site/style.css before/style.css && echo untouched
> untouched
$ ls -A site
> .halodb-manifest
> index.html
> report.md
> style.css
# sql: text that is not UTF-8 (cast from a blob), NUL inside text, escape
# sequences and C1 controls.  JSON stays valid JSON: controls are \u00XX,
# each byte that is not part of valid UTF-8 is \ufffd, NUL is \u0000.
$ halodb sql --format json "select x'ff41' as b, cast(x'ff41' as text) as t, char(0,65) as z, char(27) || '[31mred' as esc, char(155) as c1, cast(x'c0afeda080f4908080' as text) as bad, 'a' || char(8232) as ls" > out.json && cat out.json
> [
>   {"b": "x'ff41'", "t": "\ufffdA", "z": "\u0000A", "esc": "\u001b[31mred", "c1": "\u009b", "bad": "\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd", "ls": "a\u2028"}
> ]
# (python3 checks that it parses; without python3 the check is skipped)
$ command -v python3 > /dev/null || { echo valid; exit; }; python3 -c 'import json, sys; json.load(sys.stdin); print("valid")' < out.json
> valid
# The table: controls (NUL too) become spaces, stray bytes U+FFFD; nothing
# is cut short at a NUL and no escape sequence reaches the terminal.
$ halodb sql "select x'ff41' as b, cast(x'ff41' as text) as t, char(0,65) as z, char(27) || '[31mred' as esc, char(155) || 'x' as c1, char(10) || 'nl' as nl"
> b        t   z   esc       c1  nl
> -------  --  --  --------  --  ---
> x'ff41'  �A   A   [31mred   x   nl
$ halodb sql --format md "select cast(x'ff41' as text) as t, char(0,65) as z, char(27) || '[31m|red' as esc"
> | t | z | esc |
> | --- | --- | --- |
> | �A |  A |  \[31m\|red |
# Piped CSV keeps the bytes as stored (RFC 4180 quoting) ...
$ halodb sql --format csv "select cast(x'ff41' as text) as t, char(0,65) as z, char(27) || '[31mred' as esc, 'a,' || char(10) || 'b' as nl" | tr '\000\033\377' '0E#'
> t,z,esc,nl
> #A,0A,E[31mred,"a,
> b"
# ... on a terminal it is made printable as in the table format.  script(1)
# is util-linux (bsdutils, essential in Debian); without it the check is
# skipped.
$ printf '%s' "select char(27) || '[31mred' as esc, cast(x'ff41' as text) as t, 'a,' || char(10) || 'b' as nl, char(0,65) as z" > q.sql
$ command -v script > /dev/null || { printf 'esc,t,nl,z\n [31mred,\357\277\275A,"a, b", A\n'; exit; }; script -qc 'halodb sql --format csv "$(cat q.sql)"' /dev/null | tr -d '\r' | tr '\033\000' 'E0'
> esc,t,nl,z
>  [31mred,�A,"a, b", A
# Hostile strings in every field a report shows (model, host, backend,
# KV cache types; HTML, markdown table syntax, javascript: links, ANSI and
# OSC escapes), through ingest and --host.  SVG charts do not exist yet.
$ halodb --db evil.db ingest fixtures/hostile/bench.jsonl > /dev/null
$ sed 's/440\.5/400.5/g; s/30\.25/20.25/g' fixtures/hostile/bench.jsonl > other.jsonl
$ halodb --db evil.db ingest --host "$(printf '<script>alert(5)</script>|h|`[h](javascript:alert(6)) \033[31mred\\|')" other.jsonl > /dev/null
$ halodb --db evil.db report --out evil
> wrote evil/report.md and evil/index.html
# No HTML element and no link from the inputs; no escape byte anywhere.
# (The page's own chart images and PNG links, whose names are [a-z0-9-]
# and whose alt text is escaped, are taken out first.)
$ sed -e 's|<img src="charts/[a-z0-9-]*\.svg" alt="[^"<>]*" />||g' -e 's|<a href="charts/[a-z0-9-]*\.png">PNG</a>||g' evil/index.html | grep -ci -e '<script' -e '<img' -e '<iframe' -e '<k>' -e '<b>' -e '<a ' -e 'javascript:[^<]*"' || true
> 0
$ grep -c "$(printf '\033')" evil/report.md evil/index.html || true
> evil/report.md:0
> evil/index.html:0
$ grep -c '&lt;script&gt;alert(5)' evil/index.html
> 12
# Every markdown table row has as many cells as its header (a pipe is a
# cell border unless backslash-escaped) ...
$ awk '/^\|/ { n = 0; for (i = 1; i <= length($0); i++) { c = substr($0, i, 1); if (c == "\\") i++; else if (c == "|") n++ } print n }' evil/report.md | uniq -c
>       4 9
>       3 10
>       4 6
# ... and so has every row of the page's tables.
$ awk '/<tr>/ { n = 0 } /^<t[dh]/ { n++ } /<\/tr>/ { print n }' evil/index.html | uniq -c
>       3 8
>       2 9
>       3 5
# The terminal table of sql shows the same strings as text.
$ halodb --db evil.db sql "select distinct host, model, backend, type_k, type_v from throughput order by host" | tr '\033' E
> host                                                              model                                                          backend               type_k     type_v
> ----------------------------------------------------------------  -------------------------------------------------------------  --------------------  ---------  ------------------------
> <script>alert(5)</script>|h|`[h](javascript:alert(6))  [31mred\|  <script>alert(1)</script>|x|`y` [a](javascript:alert(1)) [31m  <iframe>|CPU|`b` [2J  <k>|q4_0|  [v](javascript:alert(4))
> b-cpu-b-c-c-0-pwned-img-src-x-onerror-alert                       <script>alert(1)</script>|x|`y` [a](javascript:alert(1)) [31m  <iframe>|CPU|`b` [2J  <k>|q4_0|  [v](javascript:alert(4))
# A 1 MB model name: the report keeps it whole and its tables intact.
$ awk 'BEGIN { s = "<script>|`x`[a](javascript:y)"; while (length(s) < 1048576) s = s s } { sub(/"model_type": "[^"]*"/, "\"model_type\": \"" s " 1B Q4_K - Medium\""); print }' fixtures/hostile/bench.jsonl > big.jsonl
$ halodb --db big.db ingest --host big big.jsonl > /dev/null && halodb --db big.db report --out big
> wrote big/report.md and big/index.html
$ grep -c '&lt;script&gt;|`x`\[a\](javascript:y)&lt;script&gt;' big/index.html
> 1
$ awk '/<tr>/ { n = 0 } /^<t[dh]/ { n++ } /<\/tr>/ { print n }' big/index.html | uniq -c
>       2 8
>       4 5
$ awk '/^<td>&lt;script/ { print (length($0) > 1500000) }' big/index.html
> 1
$ grep -ci -e '<script' -e '<a ' big/index.html || true
> 0
# Regression: a result too large for one write that meets a full disk is
# reported once, not again as 'Bad file descriptor' when stdout closes.
$ halodb sql "with recursive c(i) as (select 1 union all select i + 1 from c where i < 100000) select i, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' from c" > /dev/full
! halodb: cannot write output: No space left on device
? 1
