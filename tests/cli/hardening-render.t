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
> index.html
> report.md
> style.css
