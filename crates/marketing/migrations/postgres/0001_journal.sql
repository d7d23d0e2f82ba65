-- The campaign journal in PostgreSQL: the same records as the SQLite journal, for any number
-- of campaigns, each known by its name. Applied once by wamm, in a transaction, and recorded
-- in wamm.schema_migrations.

CREATE TABLE wamm.campaigns (
    id bigserial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    recipients_path text NOT NULL,
    recipients_fingerprint text NOT NULL,
    recipients_rows bigint,
    campaign_path text,
    created_ms bigint NOT NULL
);

-- Every version of a campaign's definition; rows record the one they were sent with.
CREATE TABLE wamm.revisions (
    campaign_id bigint NOT NULL REFERENCES wamm.campaigns (id) ON DELETE CASCADE,
    id bigint NOT NULL,
    definition text NOT NULL,
    source text,
    created_ms bigint NOT NULL,
    PRIMARY KEY (campaign_id, id)
);

-- One row per line of the recipient list. `key` is the recipient's canonical address: one
-- message per recipient per campaign.
CREATE TABLE wamm.recipients (
    campaign_id bigint NOT NULL REFERENCES wamm.campaigns (id) ON DELETE CASCADE,
    line bigint NOT NULL,
    key text,
    state text NOT NULL CHECK (state IN ('pending', 'in_flight', 'sent', 'failed', 'unknown',
                                         'invalid', 'skipped', 'suppressed')),
    attempts integer NOT NULL DEFAULT 0,
    revision bigint,
    wamid text,
    message_status text,
    error_code bigint,
    reason text,
    updated_ms bigint NOT NULL,
    PRIMARY KEY (campaign_id, line),
    UNIQUE (campaign_id, key)
);

CREATE TABLE wamm.runs (
    id bigserial PRIMARY KEY,
    campaign_id bigint NOT NULL REFERENCES wamm.campaigns (id) ON DELETE CASCADE,
    started_ms bigint NOT NULL,
    finished_ms bigint,
    sent bigint NOT NULL DEFAULT 0,
    outcome text,
    template text
);
CREATE INDEX runs_campaign ON wamm.runs (campaign_id, id);
