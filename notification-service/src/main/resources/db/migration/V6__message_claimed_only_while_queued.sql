-- A claim token exists only on a queued message: every change that ends the queued state clears it. The updates a
-- claim makes (sent, failed, retry, release) therefore find their row by id and token alone. They used to say
-- "status = 'queued'" as well, which let the planner read them from the partial index messages_due, and with
-- statistics taken while the queue was short it did: every mark of one message as sent then visited every queued
-- message (about 1,600 rows per email in the notification benchmark, most of PostgreSQL's CPU). Without it the
-- primary key is the only index that applies, and this constraint keeps what the condition said.
-- NOT VALID: adding it takes the table's exclusive lock only for a moment; V7 checks the existing rows under a lock
-- that lets the service keep reading and writing.
-- Every transition out of 'queued' has cleared the token; a row an older version left otherwise would make V7 fail,
-- so clear any such token first (a finished message has no claim to keep).
UPDATE messages SET claim_token = NULL WHERE claim_token IS NOT NULL AND status <> 'queued';
ALTER TABLE messages ADD CONSTRAINT messages_claimed_only_while_queued
    CHECK (claim_token IS NULL OR status = 'queued') NOT VALID;
