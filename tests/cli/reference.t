# Leaderboard rows are one row per entry: a board and its SELECTED subset
# list the same entry; it is one row with both files as its sources, and
# forgetting either file keeps it.
$ halodb ingest fixtures/quality/evalplus/aider-board.yml fixtures/quality/evalplus/aider-board.SELECTED.yml
> fixtures/quality/evalplus/aider-board.yml: 2 rows (aider-leaderboard)
> fixtures/quality/evalplus/aider-board.SELECTED.yml: 0 rows, 1 already in the store (aider-leaderboard)
> ingested 2 files (2 rows, 1 already in the store)
$ halodb sql "select model, variant, score, source from reference_score order by id"
> model                                   variant              score  source
> --------------------------------------  -------------------  -----  -----------------------------------------
> gpt-5 (high)                            diff reasoning=high   0.88  fixtures/quality/evalplus/aider-board.yml
> claude-sonnet-4-20250514 (no thinking)  diff                 0.564  fixtures/quality/evalplus/aider-board.yml
$ halodb sources --format csv | cut -d, -f1,4,5
> path,rows,also
> fixtures/quality/evalplus/aider-board.yml,2,0
> fixtures/quality/evalplus/aider-board.SELECTED.yml,0,1
$ halodb sql "select r.model, s.path, l.source_line from reference_source l join reference r on r.id = l.reference_id join source s on s.id = l.source_id order by r.id, s.id"
> model                                   path                                                source_line
> --------------------------------------  --------------------------------------------------  -----------
> gpt-5 (high)                            fixtures/quality/evalplus/aider-board.yml                     1
> gpt-5 (high)                            fixtures/quality/evalplus/aider-board.SELECTED.yml            1
> claude-sonnet-4-20250514 (no thinking)  fixtures/quality/evalplus/aider-board.yml                    18
$ halodb forget fixtures/quality/evalplus/aider-board.yml
> forgot 1 file: 1 row removed, 1 kept with what other files reported
$ halodb sql "select model, source from reference_score"
> model         source
> ------------  --------------------------------------------------
> gpt-5 (high)  fixtures/quality/evalplus/aider-board.SELECTED.yml
$ halodb ingest fixtures/quality/evalplus/aider-board.yml
> fixtures/quality/evalplus/aider-board.yml: 1 row, 1 already in the store (aider-leaderboard)
> ingested 1 file (1 row, 1 already in the store)
$ halodb sql "select model, source from reference_score order by id"
> model                                   source
> --------------------------------------  --------------------------------------------------
> gpt-5 (high)                            fixtures/quality/evalplus/aider-board.SELECTED.yml
> claude-sonnet-4-20250514 (no thinking)  fixtures/quality/evalplus/aider-board.yml
$ halodb forget fixtures/quality/evalplus/aider-board.SELECTED.yml fixtures/quality/evalplus/aider-board.yml
> forgot 2 files: 2 rows removed, 1 kept with what other files reported
$ halodb sql "select count(*) from reference_score"
> count(*)
> --------
>        0
