-- Extra Kafka headers of a record, beyond event-id, event-type and traceparent: the CloudEvents Kafka binding's
-- content-type and ce_* attributes of lifecycle events. A JSON object of string values; empty for most records.
ALTER TABLE outbox ADD COLUMN headers jsonb NOT NULL DEFAULT '{}'::jsonb;
