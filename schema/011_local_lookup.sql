-- 011_local_lookup.sql: two lookup indexes where there were three, and
-- the one that every JSON record probes in the order rows arrive
-- (issue 13).
--
-- bench_time leads with test_time: a llama-bench call prints its tests
-- one after another, and a lab ingests its runs in about the order they
-- ran, so a file's rows (and the next file's) land on the same few pages
-- of the index instead of one page each all over it (ident is a hash);
-- a record with a test_time is still one probe (its time, then its
-- identity and value), and so is the search among the rows of no time
-- (markdown: test_time IS NULL comes first in the index).  Runs of one
-- identity differ in their times: still one probe each.
DROP INDEX IF EXISTS bench_time;
CREATE INDEX bench_time ON bench (test_time, ident, avg_ts);

-- bench_value (ident, avg_ts) served only records without a test_time
-- (markdown); bench_precision (ident, precision, avg_ts) serves them as
-- well, one probe a precision, so every row writes four index entries
-- instead of five.
DROP INDEX IF EXISTS bench_value;
