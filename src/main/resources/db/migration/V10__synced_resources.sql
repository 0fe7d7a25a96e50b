-- Issue 7 (names): what a sync found at the provider is a synced resource everywhere: the entity
-- (integrations.SyncedResource), its repository and now its table. Renames only: no data moves,
-- the API's JSON is unchanged (GET .../integrations/{id}/resources).
alter table integration_resources rename to synced_resources;
alter table synced_resources rename constraint integration_resources_pkey to synced_resources_pkey;
alter table synced_resources rename constraint integration_resources_integration_id_fkey to synced_resources_integration_id_fkey;
alter table synced_resources rename constraint integration_resources_external_unique to synced_resources_external_unique;
alter index integration_resources_page_idx rename to synced_resources_page_idx;
