-- Password-reset tokens: only the SHA-256 of the token is stored; the raw token exists only in the email. A token is
-- live while it is unused, not invalidated and not expired; at most identity.password-reset.max-live-tokens are live
-- per account (issuing one more invalidates the oldest). Rows stay after use: the per-address request limits count
-- them, and a used token must keep answering "used" rather than "unknown".
CREATE TABLE password_resets (
    token_hash     bytea       PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz,
    invalidated_at timestamptz
);
CREATE INDEX password_resets_user_created_idx ON password_resets (user_id, created_at);
