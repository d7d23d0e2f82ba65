-- The template each campaign sends with (issue 28): its ID, version and settings, one row
-- whenever a run finds it differs from the last one recorded. `record` is the whole
-- `TemplateVersion` as JSON.
CREATE TABLE wamm.template_versions (
    id bigserial PRIMARY KEY,
    campaign_id bigint NOT NULL REFERENCES wamm.campaigns (id) ON DELETE CASCADE,
    run bigint NOT NULL,
    recorded_ms bigint NOT NULL,
    template_id text NOT NULL,
    version text NOT NULL,
    record text NOT NULL
);
CREATE INDEX template_versions_campaign ON wamm.template_versions (campaign_id, id);

-- Template status, quality and category events in the webhook event store, found without
-- reading every delivery status.
CREATE INDEX webhook_events_template ON wamm.webhook_events (id)
    WHERE kind IN ('template_status', 'template_quality', 'template_category');
