-- Accounts. email is the address as entered (trimmed, NFKC); email_canonical (also lower-cased) is what makes
-- an account unique, so "John@X.com" and "john@x.com" can never both exist, even under concurrent inserts.
CREATE TABLE users (
    id                     uuid        PRIMARY KEY,
    email                  text        NOT NULL,
    email_canonical        text        NOT NULL,
    full_name              text        NOT NULL,
    password_hash          text        NOT NULL,
    status                 text        NOT NULL CHECK (status IN ('PENDING_VERIFICATION', 'ACTIVE')),
    created_at             timestamptz NOT NULL,
    email_verified_at      timestamptz,
    -- Last "an account already exists" notice, so repeated sign-ups cannot flood someone's inbox.
    account_notice_sent_at timestamptz
);
CREATE UNIQUE INDEX users_email_canonical_key ON users (email_canonical);

-- Initial account settings, created together with the user.
CREATE TABLE user_settings (
    user_id          uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    locale           text        NOT NULL,
    time_zone        text        NOT NULL,
    marketing_opt_in boolean     NOT NULL DEFAULT false,
    mfa_enabled      boolean     NOT NULL DEFAULT false,
    updated_at       timestamptz NOT NULL
);

-- Verification tokens: only the SHA-256 of the token is stored; the raw token exists only in the email.
CREATE TABLE email_verifications (
    token_hash     bytea       PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind           text        NOT NULL CHECK (kind IN ('REGISTRATION', 'RESEND')),
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz,
    invalidated_at timestamptz
);
CREATE INDEX email_verifications_user_created_idx ON email_verifications (user_id, created_at);

-- Transactional outbox: written in the business transaction, deleted once Kafka has acknowledged the record
-- (the payload carries the raw verification link, which must not linger here).
CREATE TABLE outbox (
    id          uuid        PRIMARY KEY,
    topic       text        NOT NULL,
    record_key  text        NOT NULL,
    event_type  text        NOT NULL,
    payload     text        NOT NULL,
    traceparent text,
    created_at  timestamptz NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    last_error  text
);
CREATE INDEX outbox_created_idx ON outbox (created_at);
