-- Compact history (issue 17): `before` and `after` of new entries are BLOBs, a
-- zstd-compressed snapshot or what changed from the previous one (see
-- store::history::codec); older rows keep their JSON text and still read.
-- The concept statuses before and after sit in their own columns, so that the
-- timeline finds withdrawals without reading the snapshots.
ALTER TABLE history ADD COLUMN before_status TEXT;
ALTER TABLE history ADD COLUMN after_status TEXT;
DROP TRIGGER history_append_only_update;
UPDATE history SET before_status = json_extract(before, '$.status'), after_status = json_extract(after, '$.status')
 WHERE before IS NOT NULL OR after IS NOT NULL;
CREATE TRIGGER history_append_only_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
