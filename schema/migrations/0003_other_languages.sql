-- Text in languages outside the six official ones, kept from imported files
-- (e.g. the IATE excerpt's 22 languages) so nothing is silently lost and it
-- can be exported again. Not searched and not part of the SCV workflow.
CREATE TABLE other_lang (
    concept_id INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
    lang_tag   TEXT NOT NULL,               -- as written in the file, e.g. 'de', 'pt-BR'
    content    TEXT NOT NULL,               -- JSON SectionContent
    PRIMARY KEY (concept_id, lang_tag)
) WITHOUT ROWID;
