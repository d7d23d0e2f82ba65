-- Seed sends (issue 29): the campaign's message to a few internal numbers before the list,
-- kept apart from the list's rows so that they never count in its totals. One row per
-- recipient, reserved `in_flight` before its request leaves and given its outcome after, so
-- a seed is sent at most once per campaign however often the run is repeated.
CREATE TABLE seeds (
    recipient TEXT PRIMARY KEY,
    line INTEGER NOT NULL,
    state TEXT NOT NULL,
    wamid TEXT,
    code INTEGER,
    reason TEXT,
    updated_ms INTEGER NOT NULL
);
