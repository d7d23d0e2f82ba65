-- The SQLite journal: one campaign per file. This is the layout wamm wrote before the file
-- journal had numbered migrations; a journal from then is brought to it by `legacy` in `journal/sqlite/migrate.rs` and
-- recorded as version 1 (`PRAGMA user_version`).
CREATE TABLE IF NOT EXISTS campaign (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    definition TEXT NOT NULL,
    recipients_path TEXT NOT NULL,
    recipients_fingerprint TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    recipients_rows INTEGER,
    campaign_path TEXT
);
CREATE TABLE IF NOT EXISTS recipients (
    line INTEGER PRIMARY KEY,
    key TEXT UNIQUE,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    wamid TEXT,
    message_status TEXT,
    error_code INTEGER,
    reason TEXT,
    updated_ms INTEGER NOT NULL,
    revision INTEGER,
    sent_from TEXT,
    -- Room an in-flight row holds for its outcome (see OUTCOME_ROOM); NULL once written.
    reserved_space BLOB
);
CREATE TABLE IF NOT EXISTS revisions (
    id INTEGER PRIMARY KEY,
    definition TEXT NOT NULL,
    source TEXT,
    created_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_ms INTEGER NOT NULL,
    finished_ms INTEGER,
    sent INTEGER NOT NULL DEFAULT 0,
    outcome TEXT,
    template TEXT
);
