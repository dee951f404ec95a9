-- One send budget per recipient across every kind of account email: one row per email queued, keyed by the SHA-256
-- of the canonical address (not the address), pruned once older than the longest budget window.
CREATE TABLE email_sends (
    address_hash bytea       NOT NULL,
    sent_at      timestamptz NOT NULL,
    workflow     text        NOT NULL
);
CREATE INDEX email_sends_address_idx ON email_sends (address_hash, sent_at);
CREATE INDEX email_sends_sent_at_idx ON email_sends (sent_at);

-- The one verification reminder an account gets (24 h after registration by default), and its token kind.
ALTER TABLE users ADD COLUMN verification_reminder_sent_at timestamptz;
ALTER TABLE email_verifications DROP CONSTRAINT email_verifications_kind_check;
ALTER TABLE email_verifications ADD CONSTRAINT email_verifications_kind_check
    CHECK (kind IN ('REGISTRATION', 'RESEND', 'REMINDER'));
