-- Creation entries without a copy (issue 17): the `after` of a concept's creation
-- entry may be the one-byte marker X'03' (store::history::codec::CURRENT), "the
-- concept as it is now", until the concept first changes; then it is rewritten,
-- once, as the full snapshot of the concept as it still was (store::history::materialize).
-- Marker rows, found quickly (the literal must stay X'03' for queries to use it).
CREATE INDEX history_current ON history(concept_id) WHERE after = X'03';
-- Still append-only, except for that one rewrite of a marker as a full snapshot.
DROP TRIGGER history_append_only_update;
CREATE TRIGGER history_append_only_update BEFORE UPDATE ON history
WHEN NOT (OLD.after IS X'03' AND typeof(NEW.after) = 'blob' AND substr(NEW.after, 1, 1) = X'01'
          AND NEW.id IS OLD.id AND NEW.concept_id IS OLD.concept_id AND NEW.lang IS OLD.lang
          AND NEW.action IS OLD.action AND NEW.actor IS OLD.actor AND NEW.at IS OLD.at
          AND NEW.before IS OLD.before AND NEW.comment IS OLD.comment
          AND NEW.before_status IS OLD.before_status AND NEW.after_status IS OLD.after_status)
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
-- A concept whose creation entry is still a marker must not change before the marker
-- is written out: every table its snapshot reads refuses such a write, so a code
-- path that forgets to materialize fails instead of rewriting history.
CREATE TRIGGER concept_unchanged_update BEFORE UPDATE ON concept
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id IN (OLD.id, NEW.id) AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER concept_unchanged_delete BEFORE DELETE ON concept
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id = OLD.id AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER concept_sg_unchanged_insert BEFORE INSERT ON concept_sg
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id = NEW.concept_id AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER concept_sg_unchanged_update BEFORE UPDATE ON concept_sg
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id IN (OLD.concept_id, NEW.concept_id) AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER concept_sg_unchanged_delete BEFORE DELETE ON concept_sg
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id = OLD.concept_id AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER lang_section_unchanged_insert BEFORE INSERT ON lang_section
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id = NEW.concept_id AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER lang_section_unchanged_update BEFORE UPDATE ON lang_section
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id IN (OLD.concept_id, NEW.concept_id) AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER lang_section_unchanged_delete BEFORE DELETE ON lang_section
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id = OLD.concept_id AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER term_unchanged_insert BEFORE INSERT ON term
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id = NEW.concept_id AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER term_unchanged_update BEFORE UPDATE ON term
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id IN (OLD.concept_id, NEW.concept_id) AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER term_unchanged_delete BEFORE DELETE ON term
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id = OLD.concept_id AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER note_unchanged_insert BEFORE INSERT ON note
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id = NEW.concept_id AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER note_unchanged_update BEFORE UPDATE ON note
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id IN (OLD.concept_id, NEW.concept_id) AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER note_unchanged_delete BEFORE DELETE ON note
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id = OLD.concept_id AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER other_lang_unchanged_insert BEFORE INSERT ON other_lang
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id = NEW.concept_id AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER other_lang_unchanged_update BEFORE UPDATE ON other_lang
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id IN (OLD.concept_id, NEW.concept_id) AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER other_lang_unchanged_delete BEFORE DELETE ON other_lang
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id = OLD.concept_id AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER harmonization_unchanged_insert BEFORE INSERT ON harmonization
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id IN (NEW.a, NEW.b) AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER harmonization_unchanged_update BEFORE UPDATE ON harmonization
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id IN (OLD.a, OLD.b, NEW.a, NEW.b) AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER harmonization_unchanged_delete BEFORE DELETE ON harmonization
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id IN (OLD.a, OLD.b) AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
