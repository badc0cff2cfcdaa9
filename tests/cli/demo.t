# The committed site/ is what `make demo` writes: data/published/ ingested
# into a fresh store (from the repository root, as make does, so the
# sources carry the same paths), then the report.  A change to the data,
# the queries or the report that changes the page must regenerate site/
# (make demo) in the same commit.
$ (cd -P fixtures/../.. && halodb --db "$OLDPWD/demo.db" ingest data/published/ >/dev/null 2>&1) && halodb --db demo.db report --out out >/dev/null && diff -r out fixtures/../../site && echo same
> same
