-- Projects of an organisation (API.md 9). cloud_connection moves connected -> disconnecting (a
-- project.disconnect job is queued) -> disconnected (the job ran); connect brings it back.
create table projects (
    id                      uuid primary key,
    organisation_id         uuid not null references organisations (id) on delete cascade,
    name                    text not null check (char_length(name) between 1 and 100),
    description             text check (char_length(description) <= 1000),
    icon                    text check (icon ~ '^(icon|emoji|url):(.+)$'),
    repo_id                 text,
    default_environment_id  text,
    cloud_connection        text not null default 'disconnected'
                            check (cloud_connection in ('connected', 'disconnected', 'disconnecting')),
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    version                 integer not null default 1
);
create index projects_page_idx on projects (organisation_id, created_at, id);

-- Members with a role on one project. A member is the JWT sub of a user; the profile columns are
-- copied from that member's own token claims when they call the service (member_profiles).
-- id is the membership's own id: the keyset tie-breaker of pages and the audit target id.
create table project_collaborators (
    project_id      uuid not null references projects (id) on delete cascade,
    account_id      text not null check (char_length(account_id) between 1 and 255),
    id              uuid not null unique,
    name            text,
    display_name    text,
    avatar          text,
    role            text not null check (role in ('owner', 'contributor', 'viewer')),
    created_at      timestamptz not null,
    primary key (project_id, account_id)
);
create index project_collaborators_page_idx on project_collaborators (project_id, created_at, id);
-- A collaborator-only caller's projects, and the profile refresh by member.
create index project_collaborators_account_idx on project_collaborators (account_id, project_id);

-- The last display profile seen in each member's token claims, so that a member added to a project
-- after their last call still shows it. claims_hash lets a refresh write only when the claims changed.
create table member_profiles (
    account_id      text primary key check (char_length(account_id) between 1 and 255),
    name            text,
    display_name    text,
    avatar          text,
    claims_hash     text not null,
    updated_at      timestamptz not null
);
