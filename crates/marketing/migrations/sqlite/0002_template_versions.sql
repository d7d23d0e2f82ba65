-- The template each campaign sends with (issue 28): its ID, version and settings, one row
-- whenever a run finds it differs from the last one recorded. `record` is the whole
-- `TemplateVersion` as JSON; the columns beside it are what a reader looks up.
CREATE TABLE IF NOT EXISTS template_versions (
    id INTEGER PRIMARY KEY,
    run INTEGER NOT NULL,
    recorded_ms INTEGER NOT NULL,
    template_id TEXT NOT NULL,
    version TEXT NOT NULL,
    record TEXT NOT NULL
);
