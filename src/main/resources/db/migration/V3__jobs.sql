-- The PostgreSQL-backed job queue (API.md 6). Jobs are inserted in the transaction of the change
-- that causes them; workers claim ready jobs with FOR UPDATE SKIP LOCKED and hold a lease they
-- renew while the handler runs. Payloads, results and errors never hold secrets.
create table jobs (
    id               uuid primary key,
    organisation_id  uuid not null references organisations (id) on delete cascade,
    type             text not null check (type ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$' and char_length(type) <= 100),
    target_type      text not null check (char_length(target_type) between 1 and 100),
    target_id        uuid not null,
    status           text not null default 'queued'
                     check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    attempts         integer not null default 0 check (attempts >= 0),
    max_attempts     integer not null check (max_attempts between 1 and 1000),
    run_at           timestamptz not null,
    payload          jsonb not null default '{}'::jsonb,
    result           jsonb,
    error            jsonb,
    dedupe_key       text check (char_length(dedupe_key) between 1 and 500),
    lease_owner      text,
    lease_expires_at timestamptz,
    cancel_requested boolean not null default false,
    created_at       timestamptz not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    updated_at       timestamptz not null,
    -- A running job always has a lease; any other status never does.
    check ((status = 'running') = (lease_owner is not null and lease_expires_at is not null)),
    check ((status in ('succeeded', 'failed', 'cancelled')) = (finished_at is not null))
);

-- At most one active job per dedupe key: a second enqueue with the key returns the first job.
create unique index jobs_dedupe_active_idx on jobs (dedupe_key)
    where dedupe_key is not null and status in ('queued', 'running');

-- The claim query: ready jobs in run_at order. Partial, so finished jobs cost it nothing.
create index jobs_claim_idx on jobs (status, run_at) where status = 'queued';

-- The rescue sweep: running jobs whose lease has expired.
create index jobs_lease_idx on jobs (lease_expires_at) where status = 'running';

-- Listing an organisation's jobs: keyset pages over (created_at, id).
create index jobs_org_page_idx on jobs (organisation_id, created_at, id);

-- Finding the jobs of one target (filters, and features deleting a target's pending jobs).
create index jobs_target_idx on jobs (target_id);

-- Whatever finishes a job (a worker, the rescue sweep, a cancel through the API) tells waiters
-- (Prefer: wait, API.md 1.5) on commit, on channel hub_job_done with the job id as payload.
create function jobs_notify_done() returns trigger language plpgsql as $$
begin
    perform pg_notify('hub_job_done', new.id::text);
    return null;
end
$$;

create trigger jobs_done_notify after update of status on jobs
    for each row
    when (new.status in ('succeeded', 'failed', 'cancelled') and old.status is distinct from new.status)
    execute function jobs_notify_done();
