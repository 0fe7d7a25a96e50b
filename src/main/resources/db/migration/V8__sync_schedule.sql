-- Scheduled syncs (API.md 4.2): sync_interval_minutes null = manual only. next_sync_at is when the
-- scheduler starts the next sync; null while nothing is scheduled (no interval, disabled, or the
-- last sync's credentials were refused, until the integration changes).
alter table integrations
    add column sync_interval_minutes integer check (sync_interval_minutes between 15 and 10080),
    add column next_sync_at timestamptz;

-- The scheduler claims due integrations in due order; only armed rows are indexed.
create index integrations_next_sync_idx on integrations (next_sync_at) where next_sync_at is not null;
