-- Hexaglot core schema. SQLite is the source of truth; the tantivy index is
-- derived from it by following `change_log`.
-- Timestamps are RFC 3339 UTC text ("2026-11-23T15:32:05Z"); dates are "YYYY-MM-DD".

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE language (
    code        TEXT PRIMARY KEY CHECK (code IN ('ar','zh','en','fr','ru','es')),
    name_en     TEXT NOT NULL,
    name_native TEXT NOT NULL,
    ord         INTEGER NOT NULL
);

CREATE TABLE study_group (
    code     TEXT PRIMARY KEY,            -- 'SG17', 'TSAG'
    title_en TEXT NOT NULL,
    title_zh TEXT,
    period   TEXT NOT NULL,               -- '2025-2028'
    active   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE recommendation (
    id                 TEXT PRIMARY KEY,  -- identifier as cited: 'ITU-T X.1332'
    edition            TEXT,              -- '03/2020'
    provisional_name   TEXT,              -- 'Y.dt-SComCam'
    title_en           TEXT,
    title_zh           TEXT,
    sg                 TEXT REFERENCES study_group(code),
    approval_procedure TEXT CHECK (approval_procedure IN ('TAP','AAP')),
    status             TEXT NOT NULL CHECK (status IN
                         ('draft','determined','consented','in_force','superseded','withdrawn')),
    approval_date      TEXT,
    superseded_by      TEXT,
    summary            TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX recommendation_sg ON recommendation(sg);

CREATE TABLE concept (
    id            INTEGER PRIMARY KEY,    -- public form 'c{id}', never reused
    status        TEXT NOT NULL CHECK (status IN ('proposed','accepted','historical','withdrawn')),
    rec_id        TEXT REFERENCES recommendation(id),
    clause        TEXT,                   -- '3.2.1'
    origin        TEXT NOT NULL CHECK (origin IN ('here','elsewhere')),
    origin_ref    TEXT,                   -- '[b-ITU-T Y.2071]' as written
    subject_field TEXT,
    external_id   TEXT UNIQUE,            -- id in an imported file (TBX conceptEntry id)
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    proposed_at   TEXT,
    accepted_at   TEXT,
    created_by    TEXT,
    version       INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
);
CREATE INDEX concept_rec ON concept(rec_id, clause);
CREATE INDEX concept_updated ON concept(updated_at);
CREATE INDEX concept_status ON concept(status);

-- Study groups that define or use a concept (Resolution 67: several may share one).
CREATE TABLE concept_sg (
    concept_id INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
    sg         TEXT NOT NULL REFERENCES study_group(code),
    PRIMARY KEY (concept_id, sg)
) WITHOUT ROWID;
CREATE INDEX concept_sg_sg ON concept_sg(sg);

-- The working copy of one language of a concept. `published` holds the last
-- adopted content as JSON, so a revision under review never hides it from the public.
CREATE TABLE lang_section (
    concept_id      INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
    lang            TEXT NOT NULL REFERENCES language(code),
    status          TEXT NOT NULL CHECK (status IN ('absent','draft','submitted','adopted','returned')),
    definition      TEXT,
    revision        INTEGER NOT NULL DEFAULT 1,
    published       TEXT,                 -- JSON snapshot of the last adopted revision
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    submitted_at    TEXT,
    adopted_at      TEXT,
    created_by      TEXT,
    submitted_by    TEXT,
    adopted_by      TEXT,
    adopted_meeting TEXT,
    adopted_doc     TEXT,
    PRIMARY KEY (concept_id, lang)
) WITHOUT ROWID;
CREATE INDEX lang_section_status ON lang_section(lang, status);
CREATE INDEX lang_section_adopted ON lang_section(adopted_at);

-- Terms of the working copy, in order. `norm` is a case- and space-folded key
-- used to find the same term in another study group (harmonization).
CREATE TABLE term (
    concept_id INTEGER NOT NULL,
    lang       TEXT NOT NULL,
    ord        INTEGER NOT NULL,
    text       TEXT NOT NULL CHECK (length(text) > 0),
    kind       TEXT NOT NULL CHECK (kind IN ('preferred','admitted','deprecated','abbreviation')),
    norm       TEXT NOT NULL,
    PRIMARY KEY (concept_id, lang, ord),
    FOREIGN KEY (concept_id, lang) REFERENCES lang_section(concept_id, lang) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX term_norm ON term(lang, norm);

CREATE TABLE note (
    concept_id INTEGER NOT NULL,
    lang       TEXT NOT NULL,
    ord        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (concept_id, lang, ord),
    FOREIGN KEY (concept_id, lang) REFERENCES lang_section(concept_id, lang) ON DELETE CASCADE
) WITHOUT ROWID;

-- Append-only: who changed what, when, with the state before and after (JSON).
CREATE TABLE history (
    id         INTEGER PRIMARY KEY,
    concept_id INTEGER REFERENCES concept(id),
    lang       TEXT,
    action     TEXT NOT NULL,
    actor      TEXT NOT NULL,
    at         TEXT NOT NULL,
    before     TEXT,
    after      TEXT,
    comment    TEXT
);
CREATE INDEX history_concept ON history(concept_id, id);
CREATE INDEX history_at ON history(at);
CREATE TRIGGER history_append_only_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_append_only_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

CREATE TABLE comment (
    id         INTEGER PRIMARY KEY,
    concept_id INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
    lang       TEXT,                      -- NULL: about the whole concept
    author     TEXT NOT NULL,
    at         TEXT NOT NULL,
    body       TEXT NOT NULL
);
CREATE INDEX comment_concept ON comment(concept_id, id);

-- Every committed change to a concept gets a sequence number; the search
-- index records the last one it applied and catches up from there.
CREATE TABLE change_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    concept_id INTEGER NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX change_log_concept ON change_log(concept_id);
