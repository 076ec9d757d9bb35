-- The SCV workflow: users with roles bound to languages or study groups,
-- merged proposals, and the events the time-range search lists.

CREATE TABLE user (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL CHECK (role IN ('admin','rapporteur','translator','reviewer')),
    token_hash TEXT NOT NULL UNIQUE,      -- SHA-256 of the bearer token; the token itself is never stored
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
);

-- A rapporteur's study groups, a translator's or reviewer's languages.
CREATE TABLE user_binding (
    user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL CHECK (kind IN ('lang','sg')),
    value   TEXT NOT NULL,
    PRIMARY KEY (user_id, kind, value)
) WITHOUT ROWID;

-- A proposal merged into an existing concept points at it.
ALTER TABLE concept ADD COLUMN merged_into INTEGER REFERENCES concept(id);

-- Timeline of workflow events for `GET /changes` and the Atom feed.
CREATE INDEX history_action_at ON history(action, at);
