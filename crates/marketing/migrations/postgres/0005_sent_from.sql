-- The phone number each message was sent from (a campaign may send from several).
ALTER TABLE wamm.recipients ADD COLUMN sent_from text;
