# The committed site/ is what `make demo` writes: data/published/ ingested
# into a fresh store (from the repository root, as make does, so the
# sources carry the same paths), then the report.  A change to the data,
# the queries or the report that changes the page must regenerate site/
# (make demo) in the same commit.  The options are make demo's.
$ (cd -P fixtures/../.. && halodb --db "$OLDPWD/demo.db" ingest data/published/ >/dev/null 2>&1) && SOURCE_DATE_EPOCH=1795737600 halodb --db demo.db report --out out --hosts a30,strix-halo --title "Strix Halo vs an A30: the seeds' published numbers" >/dev/null && diff -r out fixtures/../../site && echo same
> same
