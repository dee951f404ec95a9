-- A record Kafka refuses for good (too large, topic not authorised) is retried with a backoff a bounded number of
-- times, then kept as FAILED with its error instead of being tried at the head of every sweep forever.
ALTER TABLE outbox
    ADD COLUMN status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'FAILED')),
    ADD COLUMN last_attempt_at timestamptz,
    ADD COLUMN next_attempt_at timestamptz,
    ADD COLUMN failed_at       timestamptz;

DROP INDEX outbox_created_idx;
CREATE INDEX outbox_pending_idx ON outbox (created_at) WHERE status = 'PENDING';
CREATE INDEX outbox_failed_idx ON outbox (failed_at) WHERE status = 'FAILED';
