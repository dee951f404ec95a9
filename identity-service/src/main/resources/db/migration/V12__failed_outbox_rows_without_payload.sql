-- A FAILED outbox row is never published again, yet an email's payload carries a live verification, reset or
-- email-change link. Rows now say whether their payload is secret; a secret payload is dropped once the row fails
-- (its size stays), while a lifecycle event's payload stays for an operator to send again.
ALTER TABLE outbox ADD COLUMN secret_payload boolean NOT NULL DEFAULT false;
ALTER TABLE outbox ADD COLUMN payload_bytes integer;

-- Rows written before this column: every payload that is not a CloudEvent is an email's.
UPDATE outbox SET secret_payload = true WHERE payload NOT LIKE '{"specversion"%';
UPDATE outbox SET payload_bytes = octet_length(payload), payload = '' WHERE status = 'FAILED' AND secret_payload;
