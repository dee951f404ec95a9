-- Email changes asked for by a signed-in owner (POST /account/email). Only SHA-256 hashes of the two tokens are
-- stored; the raw tokens exist only in the emails: the confirm token goes to the NEW address (it proves that mailbox),
-- the cancel token to the OLD one. A change is pending while none of confirmed_at, cancelled_at, failed_at and
-- superseded_at is set and it has not expired; at most one change per account is pending (a new request supersedes
-- the previous one). Rows stay after use, so a used link keeps answering "used" rather than "unknown"; they go with
-- the account.
CREATE TABLE email_changes (
    id                  uuid        PRIMARY KEY,
    user_id             uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    new_email           text        NOT NULL,
    new_email_canonical text        NOT NULL,
    confirm_token_hash  bytea       NOT NULL UNIQUE,
    cancel_token_hash   bytea       NOT NULL UNIQUE,
    created_at          timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    confirmed_at        timestamptz,
    cancelled_at        timestamptz,
    -- The new address belonged to another account when the change was confirmed.
    failed_at           timestamptz,
    -- A newer request of the same account replaced this one.
    superseded_at       timestamptz
);
CREATE UNIQUE INDEX email_changes_one_pending_idx ON email_changes (user_id)
    WHERE confirmed_at IS NULL AND cancelled_at IS NULL AND failed_at IS NULL AND superseded_at IS NULL;
CREATE INDEX email_changes_user_idx ON email_changes (user_id, created_at);
