-- Sign-in sessions. A family is one sign-in: every refresh rotates its refresh token, and all tokens of a family
-- end together (logout, reuse of a rotated token, a new password, or the family's absolute lifetime).
CREATE TABLE session_families (
    id         uuid        PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    -- Absolute end: rotation never extends a session past this.
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX session_families_user_idx ON session_families (user_id);
-- For the cleanup of ended sessions.
CREATE INDEX session_families_expires_idx ON session_families (expires_at);
CREATE INDEX session_families_revoked_idx ON session_families (revoked_at) WHERE revoked_at IS NOT NULL;

-- Refresh tokens: only the SHA-256 of the token is stored. A rotated token is kept (rotated_at set) until its family
-- ends, so presenting it again is recognised as reuse.
CREATE TABLE refresh_tokens (
    token_hash bytea       PRIMARY KEY,
    family_id  uuid        NOT NULL REFERENCES session_families (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    rotated_at timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

-- Per-account sign-in throttle, keyed by the SHA-256 of the canonical email (also for addresses without an account,
-- so the throttle tells nothing about which exist). failures counts attempts not yet followed by a success; an attempt
-- is counted before its password is checked.
CREATE TABLE sign_in_throttle (
    account_key     bytea       PRIMARY KEY,
    failures        integer     NOT NULL CHECK (failures >= 0),
    last_attempt_at timestamptz NOT NULL
);
CREATE INDEX sign_in_throttle_last_attempt_idx ON sign_in_throttle (last_attempt_at);
