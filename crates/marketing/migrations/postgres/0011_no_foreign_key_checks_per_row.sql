-- Two foreign keys checked a row for every row inserted into the two busiest tables: a query
-- each time, in the same transaction as the insert.
--
-- Loading a list checked that each recipient's campaign exists: 9 us of the load's 21 us a
-- row on the server (pg_stat_statements, 30,000 rows). wamm inserts recipients only for the
-- campaign it has open, so the check guarded nothing; what it did on a campaign's deletion
-- (its recipients deleted too) a trigger does now, once per campaign deleted.
ALTER TABLE wamm.recipients DROP CONSTRAINT IF EXISTS recipients_campaign_id_fkey;

CREATE FUNCTION wamm.delete_campaign_recipients() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM wamm.recipients WHERE campaign_id = OLD.id;
    RETURN OLD;
END
$$;

CREATE TRIGGER campaign_deleted AFTER DELETE ON wamm.campaigns
    FOR EACH ROW EXECUTE FUNCTION wamm.delete_campaign_recipients();

-- A receiver checked that each event's delivery exists: 29 us of the event insert's 63 us a
-- POST on the server. The receiver inserts an event only with the delivery it has just
-- inserted or found, in the same transaction; deliveries are never deleted.
ALTER TABLE wamm.webhook_events DROP CONSTRAINT IF EXISTS webhook_events_delivery_fkey;
