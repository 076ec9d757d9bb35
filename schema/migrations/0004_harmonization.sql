-- Resolution 67: one term, several definitions. Concepts that define the same
-- term differently (a vocabulary listing `access control [b-ITU-T J.170]` and
-- `6.6bis access control [b-ITU-T J.223.1]`) are linked as harmonization
-- candidates, each pair once with the lower id first.
CREATE TABLE harmonization (
    a INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
    b INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
    PRIMARY KEY (a, b),
    CHECK (a < b)
) WITHOUT ROWID;
CREATE INDEX harmonization_b ON harmonization(b);
