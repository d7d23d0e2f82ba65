-- The webhook event store (marketing::webhook::EventStore), beside the journals: every POST a
-- receiver acknowledged, each event in it once, and each user's marketing preference.
CREATE TABLE wamm.webhook_deliveries (
    id bigserial PRIMARY KEY,
    digest text NOT NULL UNIQUE,
    body bytea NOT NULL,
    received_ms bigint NOT NULL
);

CREATE TABLE wamm.webhook_events (
    id bigserial PRIMARY KEY,
    digest text NOT NULL UNIQUE,
    delivery bigint NOT NULL REFERENCES wamm.webhook_deliveries (id),
    kind text NOT NULL,
    account text NOT NULL,
    phone_number_id text,
    wamid text,
    status text,
    rank integer,
    user_id text,
    code bigint,
    event_time bigint,
    json text NOT NULL
);

CREATE INDEX webhook_events_wamid ON wamm.webhook_events (wamid, rank) WHERE wamid IS NOT NULL;

CREATE TABLE wamm.preferences (
    user_id text PRIMARY KEY,
    value text NOT NULL,
    event_time bigint NOT NULL,
    source text NOT NULL
);
