-- Machine-assisted text (issue 16): a section's working copy written by an AI
-- assistant through MCP, or by the API with "assisted": true. A person's later
-- edit of the text clears it; history keeps each revision's flag in its snapshots.
ALTER TABLE lang_section ADD COLUMN assisted INTEGER NOT NULL DEFAULT 0 CHECK (assisted IN (0, 1));
