-- Which claim currently holds a queued message. The delivery worker sets a fresh token when it claims a batch and
-- every later update of those messages requires it: a worker whose lease ran out while it was still sending (and
-- whose messages another worker has claimed since) can then no longer change them.
ALTER TABLE messages ADD COLUMN claim_token UUID;
