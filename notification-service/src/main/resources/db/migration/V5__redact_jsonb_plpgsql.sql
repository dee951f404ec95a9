-- The same redaction as V3's, in PL/pgSQL. V3's SQL function cannot be inlined (it recurses, and its SET clause
-- forbids it), so PostgreSQL planned its query again for every call: about 0.1 ms of server CPU for each message
-- marked sent. A PL/pgSQL function keeps its plans for the session. The recursive call names the schema, which
-- replaces V3's SET search_path (itself a cost on every call).
CREATE OR REPLACE FUNCTION redact_jsonb(value JSONB) RETURNS JSONB
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
    redacted JSONB;
BEGIN
    CASE jsonb_typeof(value)
        WHEN 'object' THEN
            SELECT coalesce(jsonb_object_agg(entry.key, "${flyway:defaultSchema}".redact_jsonb(entry.value)), '{}'::jsonb)
                INTO redacted
                FROM jsonb_each(value) AS entry;
            RETURN redacted;
        WHEN 'array' THEN
            SELECT coalesce(
                    jsonb_agg("${flyway:defaultSchema}".redact_jsonb(element.value) ORDER BY element.position),
                    '[]'::jsonb)
                INTO redacted
                FROM jsonb_array_elements(value) WITH ORDINALITY AS element(value, position);
            RETURN redacted;
        WHEN 'null' THEN
            RETURN value;
        ELSE
            RETURN '"[redacted]"'::jsonb;
    END CASE;
END
$$;
