-- Tenancy: groups contain organisations; organisations own API tokens (and later integrations, projects).
create table groups (
    id          uuid primary key,
    name        text not null check (char_length(name) between 1 and 100),
    created_at  timestamptz not null
);

create table organisations (
    id          uuid primary key,
    group_id    uuid not null references groups (id),
    name        text not null check (char_length(name) between 1 and 100),
    profile     jsonb not null default '{}'::jsonb,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     integer not null default 1
);
create index organisations_group_idx on organisations (group_id);
create index organisations_page_idx on organisations (created_at, id);

-- API tokens are stored only as SHA-256 hashes of their 32 random bytes.
create table api_tokens (
    id              uuid primary key,
    organisation_id uuid not null references organisations (id) on delete cascade,
    name            text not null check (char_length(name) between 1 and 100),
    role            text,
    permissions     text[],
    token_hash      text not null unique,
    token_hint      text not null,
    expires_at      timestamptz,
    created_by      text not null,
    created_at      timestamptz not null,
    check ((role is null) <> (permissions is null))
);
create index api_tokens_page_idx on api_tokens (organisation_id, created_at, id);

-- Audit events are written in the transaction of the change they record; secrets are redacted.
create table audit_events (
    id              uuid primary key,
    organisation_id uuid not null,
    actor_type      text not null,
    actor_id        text not null,
    action          text not null,
    target_type     text not null,
    target_id       text not null,
    changes         jsonb not null default '{}'::jsonb,
    request_id      text,
    created_at      timestamptz not null
);
create index audit_events_page_idx on audit_events (organisation_id, created_at, id);

-- Idempotency records: the first response to a (principal, key) is replayed for 24 hours.
-- The stored response is encrypted, since a first response may hold a one-time secret.
create table idempotency_records (
    id              uuid primary key,
    principal       text not null,
    idempotency_key text not null,
    method          text not null,
    path            text not null,
    request_hash    text not null,
    response_status integer not null,
    response_headers jsonb not null default '{}'::jsonb,
    response_body   bytea,
    created_at      timestamptz not null,
    unique (principal, idempotency_key)
);
create index idempotency_records_created_idx on idempotency_records (created_at);
