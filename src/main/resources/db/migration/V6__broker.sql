-- Broker groups (API.md 5): integrations cloned from one another share one broker token. The hub
-- keeps only SHA-256 hashes of broker tokens; a group has at most one current and one provisional
-- token, and retired tokens stay (refused) as the rotation's history.
create table broker_groups (
    id          uuid primary key,
    created_at  timestamptz not null
);

create table broker_tokens (
    id              uuid primary key,
    group_id        uuid not null references broker_groups (id) on delete cascade,
    state           text not null check (state in ('current', 'provisional', 'retired')),
    token_hash      text not null,
    token_hint      text not null,
    created_at      timestamptz not null,
    first_seen_at   timestamptz,
    last_seen_at    timestamptz,
    client_version  text check (char_length(client_version) <= 200),
    retired_at      timestamptz,
    check ((state = 'retired') = (retired_at is not null)),
    check ((first_seen_at is null) = (last_seen_at is null))
);
-- POST /v1/broker/connections looks a token up by its hash: one index probe.
create unique index broker_tokens_hash_idx on broker_tokens (token_hash);
create index broker_tokens_group_idx on broker_tokens (group_id);
create unique index broker_tokens_one_current_idx on broker_tokens (group_id) where state = 'current';
create unique index broker_tokens_one_provisional_idx on broker_tokens (group_id) where state = 'provisional';

alter table integrations add column broker_group_id uuid references broker_groups (id);
alter table integrations add constraint integrations_broker_group_check
    check (broker_enabled = (broker_group_id is not null));
-- The members of a group: the heartbeat's answer and the switch.
create index integrations_broker_group_idx on integrations (broker_group_id, created_at, id)
    where broker_group_id is not null;
