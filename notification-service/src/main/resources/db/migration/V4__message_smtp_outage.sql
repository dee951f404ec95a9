-- Whether a queued message waits for its next attempt because the SMTP server itself failed (the connection broke
-- or could not be opened) rather than because of a reply about this message. When the delivery worker sees the
-- server answer again after an outage, it makes exactly these messages due at once instead of leaving each to its
-- own backoff; messages waiting on a per-message 4xx reply (greylisting, a full mailbox) keep their backoff.
ALTER TABLE messages ADD COLUMN waits_for_smtp BOOLEAN NOT NULL DEFAULT FALSE;
