-- Integrations of an organisation with one provider each; credentials are an AEAD ciphertext bound
-- to the row (associated data: its id), with the id of the key that sealed them.
create table integrations (
    id                      uuid primary key,
    organisation_id         uuid not null references organisations (id) on delete cascade,
    provider                text not null,
    profile_name            text not null check (char_length(profile_name) between 1 and 100),
    item_type               text not null,
    enabled                 boolean not null default true,
    configuration           jsonb not null default '{}'::jsonb,
    settings                jsonb not null default '{}'::jsonb,
    credentials_ciphertext  bytea,
    credentials_key_id      integer,
    credential_fields       text[] not null default '{}',
    credentials_updated_at  timestamptz,
    broker_enabled          boolean not null default false,
    status_health           text not null default 'unknown' check (status_health in ('unknown', 'healthy', 'failing')),
    last_synced_at          timestamptz,
    last_sync_job_id        uuid,
    last_error              text,
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    version                 integer not null default 1,
    constraint integrations_profile_name_unique unique (organisation_id, provider, profile_name),
    check ((credentials_ciphertext is null) = (credentials_key_id is null))
);
create index integrations_page_idx on integrations (organisation_id, created_at, id);
create index integrations_key_idx on integrations (credentials_key_id) where credentials_ciphertext is not null;

-- What a sync found at the provider; rows vanish with their integration.
create table integration_resources (
    id              uuid primary key,
    integration_id  uuid not null references integrations (id) on delete cascade,
    kind            text not null,
    external_id     text not null,
    name            text not null,
    url             text,
    metadata        jsonb not null default '{}'::jsonb,
    first_seen_at   timestamptz not null,
    last_seen_at    timestamptz not null,
    constraint integration_resources_external_unique unique (integration_id, kind, external_id)
);
create index integration_resources_page_idx on integration_resources (integration_id, first_seen_at, id);
