-- The audit trail: one row per security-relevant action, appended and never changed (a trigger refuses updates;
-- rows leave only by age, pruned after identity.audit.retention). No address in clear (email_hash is an HMAC or
-- SHA-256 of the canonical address, so rows can be kept longer than the accounts), never a password, token or link.
CREATE TABLE audit_events (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at   timestamptz NOT NULL,
    action        text        NOT NULL,
    outcome       text        NOT NULL,
    user_id       uuid,
    email_hash    bytea,
    client_ip     text,
    user_agent    text,
    event_id      uuid
);
CREATE INDEX audit_events_user_idx ON audit_events (user_id, occurred_at) WHERE user_id IS NOT NULL;
CREATE INDEX audit_events_email_idx ON audit_events (email_hash, occurred_at) WHERE email_hash IS NOT NULL;
CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
