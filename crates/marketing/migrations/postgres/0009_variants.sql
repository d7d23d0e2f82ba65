-- Variants and a holdout (issue 29): a row held out as the control group is in state
-- `held_out`, and each row's variant is recorded by line (see the SQLite journal's 0005).
ALTER TABLE wamm.recipients DROP CONSTRAINT IF EXISTS recipients_state_check;
ALTER TABLE wamm.recipients ADD CONSTRAINT recipients_state_check
    CHECK (state IN ('pending', 'in_flight', 'sent', 'failed', 'unknown', 'invalid', 'skipped',
                     'suppressed', 'held_out'));

CREATE TABLE wamm.arms (
    campaign_id bigint NOT NULL REFERENCES wamm.campaigns (id) ON DELETE CASCADE,
    line bigint NOT NULL,
    variant text NOT NULL,
    PRIMARY KEY (campaign_id, line)
);
