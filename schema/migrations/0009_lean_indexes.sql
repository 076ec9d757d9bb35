-- Leaner indexes (issue 17, storage): at 100k concepts these three took 36 MiB of a
-- 420 MiB store, for queries that either never used them or touch a minority of rows.
-- `lang_section_adopted` and `history_at`: no query's plan uses them (the per-period
-- figures filter adoptions with `?3 IS NULL OR l.adopted_at >= ?3`, and the timeline
-- goes through `history_action_at`).
DROP INDEX lang_section_adopted;
DROP INDEX history_at;
-- The work queues and the pending figures list only sections waiting for someone;
-- adopted sections (nearly all of them in a large termbase) need no entry. A query uses
-- this index only when its WHERE repeats the index's condition word for word
-- (store::sections::PENDING): the tests in store::migrations check the plans.
DROP INDEX lang_section_status;
CREATE INDEX lang_section_pending ON lang_section(lang, status) WHERE status IN ('draft','submitted','returned');
