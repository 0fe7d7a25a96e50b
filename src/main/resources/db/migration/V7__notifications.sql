-- Notifications (API.md 10): Slack and signed webhooks per project, the events sent to them, one
-- delivery per (event, integration) and each delivery's attempt log. URLs and signing secrets are
-- sealed with the secrets keyset, bound to their row (SecretCipher); *_key_id lets a keyset rotation
-- find rows sealed under an old key. Deleting a project removes all of it.
create table notification_integrations (
    id                          uuid primary key,
    project_id                  uuid not null references projects (id) on delete cascade,
    organisation_id             uuid not null,
    type                        text not null check (type in ('slack', 'webhook')),
    enabled                     boolean not null,
    url_ciphertext              bytea not null,
    url_key_id                  integer not null,
    url_masked                  text not null,
    channel                     text check (char_length(channel) between 1 and 80),
    events                      jsonb not null,
    signing_secret_ciphertext   bytea,
    signing_secret_key_id       integer,
    -- After a rotation the previous secret signs alongside the new one until it expires.
    previous_secret_ciphertext  bytea,
    previous_secret_key_id      integer,
    previous_secret_expires_at  timestamptz,
    created_at                  timestamptz not null,
    updated_at                  timestamptz not null,
    version                     integer not null default 1,
    check ((type = 'webhook') = (signing_secret_ciphertext is not null)),
    check ((previous_secret_ciphertext is null) = (previous_secret_expires_at is null))
);
create index notification_integrations_page_idx on notification_integrations (project_id, created_at, id);

create table notification_events (
    id               uuid primary key,
    project_id       uuid not null references projects (id) on delete cascade,
    organisation_id  uuid not null,
    type             text not null,
    data             jsonb not null,
    occurred_at      timestamptz not null,
    created_at       timestamptz not null
);
create index notification_events_project_idx on notification_events (project_id, created_at, id);

-- One event sent to one integration. job_id: the notification.deliver job that runs it now or ran it
-- last (redeliveries start a new one); next_attempt_at is read from that job's run_at.
create table notification_deliveries (
    id                           uuid primary key,
    project_id                   uuid not null references projects (id) on delete cascade,
    notification_integration_id  uuid not null references notification_integrations (id) on delete cascade,
    event_id                     uuid not null references notification_events (id) on delete cascade,
    event_type                   text not null,
    status                       text not null check (status in ('pending', 'delivered', 'failed')),
    attempts                     integer not null default 0 check (attempts >= 0),
    last_attempt_at              timestamptz,
    response_status              integer,
    response_body_excerpt        text check (octet_length(response_body_excerpt) <= 1024),
    error                        text,
    job_id                       uuid,
    created_at                   timestamptz not null,
    updated_at                   timestamptz not null
);
create index notification_deliveries_page_idx on notification_deliveries (notification_integration_id, created_at, id);
-- recover: the failed deliveries of one integration since a time.
create index notification_deliveries_failed_idx on notification_deliveries (notification_integration_id, created_at)
    where status = 'failed';
-- the retries-pending gauge.
create index notification_deliveries_retrying_idx on notification_deliveries (status) where status = 'pending' and attempts > 0;
create index notification_deliveries_event_idx on notification_deliveries (event_id);

create table notification_delivery_attempts (
    id                     uuid primary key,
    delivery_id            uuid not null references notification_deliveries (id) on delete cascade,
    attempted_at           timestamptz not null,
    duration_ms            integer not null,
    response_status        integer,
    response_body_excerpt  text check (octet_length(response_body_excerpt) <= 1024),
    error                  text
);
create index notification_delivery_attempts_idx on notification_delivery_attempts (delivery_id, attempted_at, id);
