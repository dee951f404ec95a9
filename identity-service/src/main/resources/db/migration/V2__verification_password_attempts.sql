-- Confirming an address also proves the account's password (pre-hijacked accounts: whoever registered someone
-- else's address must not get it verified by the owner's click). Wrong passwords are counted per token; once the
-- limit is reached the token is invalidated and the person asks for a new link.
ALTER TABLE email_verifications
    ADD COLUMN password_attempts integer NOT NULL DEFAULT 0 CHECK (password_attempts >= 0);
