# halodb chart: one chart of the report on its own, SVG or PNG.  The
# fixtures are the seed's qwen3-30b-a3b numbers on two hosts.
$ halodb ingest --host a30 fixtures/query/a30.jsonl > /dev/null
$ halodb ingest --host strix-halo fixtures/query/strix-halo.jsonl > /dev/null
$ halodb chart depth --hosts a30,strix-halo --out x.svg
! halodb: chart depth: several charts match; choose one with --id:
!   depth-qwen3moe-30b-a3b-q4-k-m-pp512  qwen3moe 30B.A3B Q4_K_M: pp512 against depth
!   depth-qwen3moe-30b-a3b-q4-k-m-tg128  qwen3moe 30B.A3B Q4_K_M: tg128 against depth
? 2
$ halodb chart depth --hosts a30,strix-halo --id depth-qwen3moe-30b-a3b-q4-k-m-tg128 --out x.svg
> wrote x.svg
$ head -c 5 x.svg; echo
> <?xml
$ halodb chart depth --hosts a30,strix-halo --test tg128 --out x.png
> wrote x.png
$ head -c 4 x.png | od -An -c
>  211   P   N   G
$ halodb chart ratio --num a30 --den strix-halo --test tg128 --out r.svg
> wrote r.svg
$ halodb chart ratio --num a30 --den strix-halo --test tg128 --depth 65536 --out r65.svg
> wrote r65.svg
$ ls
> fixtures
> halodb.db
> halodb.db-shm
> halodb.db-wal
> r.svg
> r65.svg
> x.png
> x.svg
# Errors.
$ halodb chart
! halodb: chart: expected depth, ratio or pass
! usage: halodb chart depth|ratio|pass [options] --out FILE.svg|FILE.png
! (see 'halodb chart --help')
? 2
$ halodb chart bars --out x.svg
! halodb: chart: expected depth, ratio or pass, got 'bars'
! usage: halodb chart depth|ratio|pass [options] --out FILE.svg|FILE.png
! (see 'halodb chart --help')
? 2
$ halodb chart depth --hosts a30,strix-halo --test tg128
! halodb: chart: expected --out FILE.svg or FILE.png
! usage: halodb chart depth|ratio|pass [options] --out FILE.svg|FILE.png
! (see 'halodb chart --help')
? 2
$ halodb chart depth --hosts a30,strix-halo --test tg128 --out x.jpg
! halodb: --out: expected a name ending in '.svg' or '.png', got 'x.jpg'
! usage: halodb chart depth|ratio|pass [options] --out FILE.svg|FILE.png
! (see 'halodb chart --help')
? 2
$ halodb chart depth --hosts a30,strix-halo --id nope --out x.svg
! halodb: chart depth: no chart with that id; choose one with --id:
!   depth-qwen3moe-30b-a3b-q4-k-m-pp512  qwen3moe 30B.A3B Q4_K_M: pp512 against depth
!   depth-qwen3moe-30b-a3b-q4-k-m-tg128  qwen3moe 30B.A3B Q4_K_M: tg128 against depth
? 1
$ halodb chart depth --hosts a30,h100 --out x.svg
! halodb: --hosts: no host 'h100' in the store (hosts: a30, strix-halo)
? 1
$ halodb chart ratio --num a30 --out x.svg
! halodb: chart ratio: expected --num SEL and --den SEL
! usage: halodb chart depth|ratio|pass [options] --out FILE.svg|FILE.png
! (see 'halodb chart --help')
? 2
$ halodb chart ratio --num a30 --den strix-halo --depth deep --out x.svg
! halodb: --depth: expected tokens (0 or more), got 'deep'
! usage: halodb chart depth|ratio|pass [options] --out FILE.svg|FILE.png
! (see 'halodb chart --help')
? 2
$ halodb chart pass --out x.svg
! halodb: chart pass: no data for these options
? 1
$ halodb chart depth --num a30 --out x.svg
! halodb: chart: unknown option '--num'
! usage: halodb chart depth|ratio|pass [options] --out FILE.svg|FILE.png
! (see 'halodb chart --help')
? 2
