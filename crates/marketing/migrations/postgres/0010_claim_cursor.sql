-- Where a claim starts looking for pending rows: no row of the campaign below this line is
-- pending and claimable, except rows in their send window's wait. A claim moves it past the
-- rows it took; whatever puts a row back to pending (a retry, a run-wide stop, a resend, a
-- reopened row) moves it back in the same transaction. Without it every claim walked the
-- pending index from the campaign's first line, through the entries of every row claimed
-- since the last vacuum: a run cost the server the square of its length.
-- 0 (every existing campaign): the first claim looks from the start.
ALTER TABLE wamm.campaigns ADD COLUMN claim_from bigint NOT NULL DEFAULT 0;
