# Directories are walked in name order; dot-files are left alone; files
# that are not results are skipped with a warning, not an error.
$ halodb ingest fixtures/walk
> fixtures/walk/a.jsonl: 4 rows (llama-bench-jsonl)
> fixtures/walk/sub/b.json: 6 rows (llama-bench-json)
> ingested 2 files (10 rows), 1 skipped
! fixtures/walk/sub/README.txt: warning: skipped: unrecognized format (not a results file)
$ halodb sql "select source, count(*) from throughput group by source order by source"
> source                    count(*)
> ------------------------  --------
> fixtures/walk/a.jsonl            4
> fixtures/walk/sub/b.json         6
$ halodb ingest fixtures/walk/
> fixtures/walk/a.jsonl: already ingested
> fixtures/walk/sub/b.json: already ingested
> 2 already ingested, 1 skipped
! fixtures/walk/sub/README.txt: warning: skipped: unrecognized format (not a results file)
