-- notification-service owns the schema `notification` (spring.flyway.schemas); nothing else writes here.

-- Subscribers, upserted just in time from each trigger's `to` (Novu's semantics: present fields overwrite,
-- null clears, absent fields keep their value).
CREATE TABLE subscribers (
    environment_id TEXT        NOT NULL,
    subscriber_id  TEXT        NOT NULL,
    email          TEXT,
    first_name     TEXT,
    last_name      TEXT,
    phone          TEXT,
    avatar         TEXT,
    locale         TEXT,
    timezone       TEXT,
    data           JSONB,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (environment_id, subscriber_id)
);

-- One row per accepted trigger. The primary key makes transactionId deduplication atomic: a second trigger with
-- the same transactionId in the same environment is acknowledged but creates no messages.
CREATE TABLE triggers (
    environment_id TEXT        NOT NULL,
    transaction_id TEXT        NOT NULL,
    workflow_id    TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (environment_id, transaction_id)
);

-- One email to one subscriber. Content is rendered when the trigger is accepted, so what is queued is exactly
-- what will be sent, and a restart never needs the templates of the past.
CREATE TABLE messages (
    id              UUID        PRIMARY KEY,
    environment_id  TEXT        NOT NULL,
    transaction_id  TEXT        NOT NULL,
    workflow_id     TEXT        NOT NULL,
    subscriber_id   TEXT        NOT NULL,
    subscriber      JSONB       NOT NULL,
    email           TEXT,
    to_name         TEXT,
    subject         TEXT,
    html            TEXT,
    text_body       TEXT,
    payload         JSONB       NOT NULL,
    overrides       JSONB,
    status          TEXT        NOT NULL CHECK (status IN ('queued', 'sent', 'error')),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    FOREIGN KEY (environment_id, transaction_id) REFERENCES triggers (environment_id, transaction_id),
    UNIQUE (environment_id, transaction_id, subscriber_id)
);

-- The worker's queue: only queued rows, in due order.
CREATE INDEX messages_due ON messages (next_attempt_at) WHERE status = 'queued';
CREATE INDEX messages_by_subscriber ON messages (environment_id, subscriber_id, created_at);

-- Idempotency-Key records (Novu keeps them in Redis; a table gives the same atomic "first one wins").
CREATE TABLE idempotency_keys (
    environment_id  TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    body_hash       TEXT        NOT NULL,
    completed       BOOLEAN     NOT NULL,
    status_code     INTEGER,
    content_type    TEXT,
    response_body   BYTEA,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (environment_id, idempotency_key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
