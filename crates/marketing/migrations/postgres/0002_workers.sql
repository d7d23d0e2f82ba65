-- Workers: any number of processes, on any number of machines, send one campaign. The list is
-- loaded into the database (each row's values in `fields`), workers claim pending rows in
-- batches and hold a lease that they renew; the rows in flight on a worker whose lease
-- expired become `unknown`, never pending again.

ALTER TABLE wamm.campaigns ADD COLUMN loaded_through bigint NOT NULL DEFAULT 0;
ALTER TABLE wamm.campaigns ADD COLUMN loaded boolean NOT NULL DEFAULT false;
-- The worker loading the list, while it is not all loaded.
ALTER TABLE wamm.campaigns ADD COLUMN loader bigint;

-- The row's values as a JSON array of [column, value] pairs, for loaded lists.
ALTER TABLE wamm.recipients ADD COLUMN fields text;
-- The worker that holds the row in flight.
ALTER TABLE wamm.recipients ADD COLUMN worker_id bigint;
CREATE INDEX recipients_pending ON wamm.recipients (campaign_id, line) WHERE state = 'pending';
CREATE INDEX recipients_in_flight ON wamm.recipients (campaign_id, worker_id) WHERE state = 'in_flight';

CREATE TABLE wamm.workers (
    id bigserial PRIMARY KEY,
    campaign_id bigint NOT NULL REFERENCES wamm.campaigns (id) ON DELETE CASCADE,
    label text NOT NULL,
    started_ms bigint NOT NULL,
    lease_until_ms bigint NOT NULL,
    ended_ms bigint,
    ended text
);
CREATE INDEX workers_live ON wamm.workers (campaign_id) WHERE ended_ms IS NULL;
