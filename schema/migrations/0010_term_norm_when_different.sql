-- A term's folded key only where it differs from the term (issue 17, storage).
-- `norm` (case- and space-folded, store::concepts::norm_term) equals the text for
-- nearly every term (all but 415 of 600,338 in the 100k benchmark): storing it again
-- took a third of `term`. NULL now means "the text itself"; the index keys on the
-- folded form either way, and a query finds it through the same expression
-- (store::concepts::TERM_NORM, which must match the index's expression word for word).
--
-- SQLite cannot relax NOT NULL in place: the table is rebuilt. Nothing references
-- `term`, so dropping it loses nothing; its creation-marker triggers (0008) are
-- dropped with it and created again below, unchanged.
CREATE TABLE term_new (
    concept_id INTEGER NOT NULL,
    lang       TEXT NOT NULL,
    ord        INTEGER NOT NULL,
    text       TEXT NOT NULL CHECK (length(text) > 0),
    kind       TEXT NOT NULL CHECK (kind IN ('preferred','admitted','deprecated','abbreviation')),
    norm       TEXT CHECK (norm IS NULL OR norm <> text),
    PRIMARY KEY (concept_id, lang, ord),
    FOREIGN KEY (concept_id, lang) REFERENCES lang_section(concept_id, lang) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO term_new (concept_id, lang, ord, text, kind, norm)
SELECT concept_id, lang, ord, text, kind, NULLIF(norm, text) FROM term;
DROP TABLE term;
ALTER TABLE term_new RENAME TO term;
CREATE INDEX term_norm ON term(lang, coalesce(norm, text));
CREATE TRIGGER term_unchanged_insert BEFORE INSERT ON term
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id = NEW.concept_id AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER term_unchanged_update BEFORE UPDATE ON term
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id IN (OLD.concept_id, NEW.concept_id) AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
CREATE TRIGGER term_unchanged_delete BEFORE DELETE ON term
WHEN EXISTS (SELECT 1 FROM history WHERE concept_id = OLD.concept_id AND after = X'03')
BEGIN SELECT RAISE(ABORT, 'a concept changed before its creation entry was written out (store::history::materialize)'); END;
