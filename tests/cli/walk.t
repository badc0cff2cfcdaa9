# Directories are walked in name order; dot-files are left alone; files
# that are not results are skipped and named in one line, not an error.
$ halodb ingest fixtures/walk
> fixtures/walk/a.jsonl: 4 rows (llama-bench-jsonl)
> fixtures/walk/sub/b.json: 6 rows (llama-bench-json)
> skipped 1 file that is not a result: README.txt
> ingested 2 files (10 rows), 1 skipped
$ halodb sql "select source, count(*) from throughput group by source order by source"
> source                    count(*)
> ------------------------  --------
> fixtures/walk/a.jsonl            4
> fixtures/walk/sub/b.json         6
$ halodb ingest fixtures/walk/
> fixtures/walk/a.jsonl: already ingested
> fixtures/walk/sub/b.json: already ingested
> skipped 1 file that is not a result: README.txt
> 2 already ingested, 1 skipped
