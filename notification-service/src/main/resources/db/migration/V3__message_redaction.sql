-- Rendered content and payloads hold live links (email verification tokens). Once a message is finished (sent or
-- failed) or older than notification.retention.live-content, they are redacted in place: the payload keeps its
-- keys (nested ones too) with every value replaced, html and text are dropped, and content_sha256 keeps a SHA-256
-- of what was there (subject, html, text), enough to show later that an email had a given content without holding
-- a link that still works.
ALTER TABLE messages ADD COLUMN content_sha256 TEXT;
ALTER TABLE messages ADD COLUMN redacted_at TIMESTAMPTZ;

-- Messages still holding content, oldest first: what the redaction sweep looks at.
CREATE INDEX messages_unredacted ON messages (created_at) WHERE redacted_at IS NULL;

-- The JSON with the same structure and every non-null scalar replaced by "[redacted]"; NULL stays NULL (STRICT).
CREATE FUNCTION redact_jsonb(value JSONB) RETURNS JSONB
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path FROM CURRENT
AS $$
    SELECT CASE jsonb_typeof(value)
        WHEN 'object' THEN coalesce(
            (SELECT jsonb_object_agg(entry.key, redact_jsonb(entry.value)) FROM jsonb_each(value) AS entry),
            '{}'::jsonb)
        WHEN 'array' THEN coalesce(
            (SELECT jsonb_agg(redact_jsonb(element.value) ORDER BY element.position)
             FROM jsonb_array_elements(value) WITH ORDINALITY AS element(value, position)),
            '[]'::jsonb)
        WHEN 'null' THEN value
        ELSE '"[redacted]"'::jsonb
    END
$$;
