-- The existing rows against V6's constraint, in a migration (and so a transaction) of its own: VALIDATE CONSTRAINT
-- takes a SHARE UPDATE EXCLUSIVE lock, which does not block the service's reads and writes while it scans.
ALTER TABLE messages VALIDATE CONSTRAINT messages_claimed_only_while_queued;
