# report --templates DIR: the templates DIR holds, the built-in ones for
# the rest; a wrong placeholder names the file, where, and the ones there are.
$ halodb ingest fixtures/b9749/bench-moe-q8kv.json > /dev/null
$ mkdir mine && printf '# {{title}}\n\nOurs: {{intro}}\n\n{{sections}}' > mine/report.md
$ halodb report --out site --templates mine
> wrote site/report.md and site/index.html
$ head -n 3 site/report.md | cut -c 1-40
> # epyc: local LLM benchmarks
>
> Ours: Written by halodb from 4 throughpu
$ grep -c 'generator" content="halodb' site/index.html
> 1
$ grep -o '<p>Ours: Written by' site/index.html
> <p>Ours: Written by
$ halodb report --out builtin > /dev/null && cmp site/style.css builtin/style.css && echo same style.css
> same style.css
$ printf '<title>{{title}}</title>\n<body>\n{{ content }}\n' > mine/page.html
$ halodb report --out site2 --templates mine
! halodb: mine/page.html:3:1: unknown placeholder '{{ content }}': expected '{{title}}' or '{{content}}'
? 1
$ ls site2
! ls: cannot access 'site2': No such file or directory
? 2
$ printf '{{title}}{{content}}{{title}}' > mine/page.html
$ halodb report --out site2 --templates mine > /dev/null && cat site2/index.html | head -c 60; echo
> epyc: local LLM benchmarks<h1>epyc: local LLM benchmarks</h1
$ mkdir empty && halodb report --out site3 --templates empty
! halodb: templates directory 'empty' holds none of page.html, report.md or style.css
? 1
$ halodb report --out site3 --templates nowhere
! halodb: cannot read templates directory 'nowhere': No such file or directory
? 1
$ ln -s nowhere mine/style.css && halodb report --out site3 --templates mine
! halodb: cannot open 'mine/style.css': No such file or directory
? 1
