-- What a signed-in user follows: a study group, a language, a Recommendation or one
-- concept (any combination narrows it). Their queue page shows what changed there
-- since they last opened it: `watches_seen` is the last history event they were shown.
CREATE TABLE watch (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
    sg         TEXT,
    lang       TEXT CHECK (lang IS NULL OR lang IN ('ar','zh','en','fr','ru','es')),
    rec        TEXT,
    concept_id INTEGER REFERENCES concept(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    CHECK (sg IS NOT NULL OR lang IS NOT NULL OR rec IS NOT NULL OR concept_id IS NOT NULL)
);
CREATE UNIQUE INDEX watch_once ON watch(user_id, COALESCE(sg, ''), COALESCE(lang, ''), COALESCE(rec, ''), COALESCE(concept_id, 0));

ALTER TABLE user ADD COLUMN watches_seen INTEGER NOT NULL DEFAULT 0;
