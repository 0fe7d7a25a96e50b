package io.integrationshub.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.Where;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The resources of integrations (table synced_resources). Their first_seen_at/last_seen_at come from the
 * database's clock (the transaction's start), so that instances with skewed clocks still remove exactly what
 * one sync did not see.
 */
@ApplicationScoped
public class SyncedResourceRepository implements PanacheRepositoryBase<SyncedResource, UUID> {
    /**
     * All rows of one sync in one statement (one round trip, as a batch was): new ones inserted, known ones updated.
     * The rows arrive as JSON text (as text first: a string bound where jsonb is expected would be a JSON string).
     */
    private static final String UPSERT = """
            insert into synced_resources (id, integration_id, kind, external_id, name, url, metadata, first_seen_at, last_seen_at)
            select r.id, cast(:integration as uuid), r.kind, r.external_id, r.name, r.url, r.metadata,
                date_trunc('milliseconds', now()), date_trunc('milliseconds', now())
            from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(id uuid, kind text, external_id text, name text, url text, metadata jsonb)
            on conflict (integration_id, kind, external_id)
            do update set name = excluded.name, url = excluded.url, metadata = excluded.metadata, last_seen_at = excluded.last_seen_at""";
    private static final String DELETE_UNSEEN = "delete from synced_resources where integration_id = :integration "
            + "and last_seen_at < date_trunc('milliseconds', now())";

    private final ObjectMapper json;

    public SyncedResourceRepository(ObjectMapper json) {
        this.json = json;
    }

    /**
     * What one sync saw becomes the integration's resources, in the caller's transaction: {@code seen} upserted
     * (id, kind, externalId, name, url, metadata are used; a resource seen twice counts once, with the values seen
     * last), then every resource this transaction did not see is deleted. Answers how many were deleted.
     */
    public Uni<Integer> replaceWithSeen(UUID integrationId, List<SyncedResource> seen) {
        Map<List<String>, SyncedResource> unique = new LinkedHashMap<>();
        for (SyncedResource resource : seen) {
            SyncedResource first = unique.get(List.of(resource.kind, resource.externalId));
            if (first != null) {
                resource.id = first.id;
            }
            unique.put(List.of(resource.kind, resource.externalId), resource);
        }
        return Panache.getSession().flatMap(session -> {
            Uni<Integer> upserted = unique.isEmpty() ? Uni.createFrom().item(0)
                    : session.createNativeQuery(UPSERT).setParameter("integration", integrationId)
                            .setParameter("rows", rows(unique.values())).executeUpdate();
            return upserted.flatMap(ignored -> session.createNativeQuery(DELETE_UNSEEN)
                    .setParameter("integration", integrationId).executeUpdate());
        });
    }

    private String rows(Iterable<SyncedResource> resources) {
        ArrayNode rows = json.createArrayNode();
        for (SyncedResource resource : resources) {
            ObjectNode row = rows.addObject().put("id", resource.id.toString()).put("kind", resource.kind)
                    .put("external_id", resource.externalId).put("name", resource.name).put("url", resource.url);
            row.set("metadata", json.valueToTree(resource.metadata == null ? Map.of() : resource.metadata));
        }
        try {
            return json.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("resource metadata is not JSON", e);
        }
    }

    public Uni<List<SyncedResource>> page(UUID integrationId, String kind, PageRequest page) {
        return page.fetch(this, Where.of("integrationId = :integration", "integration", integrationId)
                .equalIfGiven("kind", kind), "firstSeenAt", "id");
    }
}
