-- Seed sends (issue 29): the campaign's message to a few internal numbers before the list,
-- kept apart from the list's rows so that they never count in its totals. One row per
-- recipient, reserved `in_flight` before its request leaves and given its outcome after, so
-- a seed is sent at most once per campaign however often the run is repeated.
CREATE TABLE wamm.seeds (
    campaign_id bigint NOT NULL REFERENCES wamm.campaigns (id) ON DELETE CASCADE,
    recipient text NOT NULL,
    line bigint NOT NULL,
    state text NOT NULL,
    wamid text,
    code bigint,
    reason text,
    updated_ms bigint NOT NULL,
    PRIMARY KEY (campaign_id, recipient)
);
