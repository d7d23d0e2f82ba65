-- The journal's cost (issue 31). The rows a campaign still has to send, pending or in flight,
-- are kept in a small table of their own, `wamm.open_rows`, as well as in `wamm.recipients`:
-- a row is added when it is loaded (or put back to pending), marked with its worker when it
-- is claimed, and removed when its outcome is recorded. Claims, the count of open rows and
-- the recovery of a lost worker's rows read it instead of partial indexes of the recipients
-- table whose predicates name `state`: with those gone, no index of `wamm.recipients` covers
-- a column a claim or an outcome changes, so both are heap-only updates (no new index entry),
-- and the fill factor leaves room on each page for them.

CREATE TABLE wamm.open_rows (
    campaign_id bigint NOT NULL REFERENCES wamm.campaigns (id) ON DELETE CASCADE,
    line bigint NOT NULL,
    -- The recipient's time zone, for send windows (as in wamm.recipients).
    timezone text,
    -- The worker holding the row in flight; NULL while it is pending. 0 for a row in flight
    -- under no worker (from before this migration), which recovery treats as a lost worker's.
    worker_id bigint,
    PRIMARY KEY (campaign_id, line)
) WITH (fillfactor = 50);

-- Every open row of a journal made before this migration, mid-run or not: pending rows that
-- a claim may take (loaded, so with their values), and every row in flight.
INSERT INTO wamm.open_rows (campaign_id, line, timezone, worker_id)
SELECT campaign_id, line, timezone, CASE WHEN state = 'in_flight' THEN COALESCE(worker_id, 0) END
FROM wamm.recipients
WHERE (state = 'pending' AND fields IS NOT NULL) OR state = 'in_flight';

DROP INDEX wamm.recipients_pending;
DROP INDEX wamm.recipients_in_flight;
ALTER TABLE wamm.recipients SET (fillfactor = 60);
