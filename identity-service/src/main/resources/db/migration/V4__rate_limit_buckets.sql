-- Token buckets of the rate limits, in the database so that every instance counts against the same limit.
-- One row per limit and client ("send:203.0.113.7", "registrations:*"); rows idle for a whole period are full
-- again and are pruned by the service.
CREATE TABLE rate_limit_buckets (
    bucket_key text PRIMARY KEY,
    tokens double precision NOT NULL,
    granted boolean NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE INDEX rate_limit_buckets_updated_at ON rate_limit_buckets (updated_at);
