-- 004_hardening.sql: what a hostile test of the store found (issue 7).
--
-- host: 'unknown' is where results go whose file does not say its machine.
-- An older halodb let --host take that name, and the store could then no
-- longer make its unknown host; such a host becomes the unknown host.
UPDATE host SET named_by = 'unknown'
WHERE name = 'unknown' AND named_by = 'option'
  AND NOT EXISTS (SELECT 1 FROM host WHERE named_by = 'unknown');
