package io.integrationshub.audit;

import io.integrationshub.auth.Caller;
import io.integrationshub.common.Ids;
import io.integrationshub.common.Times;
import io.integrationshub.common.web.RequestIds;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Writes audit events; callers run it inside the transaction of the change it records. */
@ApplicationScoped
public class AuditLog {
    private final AuditEventRepository repository;

    public AuditLog(AuditEventRepository repository) {
        this.repository = repository;
    }

    public Uni<AuditEvent> record(Caller actor, UUID organisationId, String action, String targetType, Object targetId,
            Changes changes) {
        return record(actor.kind().wireName, actor.id(), organisationId, action, targetType, targetId, changes);
    }

    public Uni<AuditEvent> record(String actorType, String actorId, UUID organisationId, String action,
            String targetType, Object targetId, Changes changes) {
        AuditEvent event = new AuditEvent();
        event.id = Ids.newId();
        event.organisationId = organisationId;
        event.actorType = actorType;
        event.actorId = actorId;
        event.action = action;
        event.targetType = targetType;
        event.targetId = String.valueOf(targetId);
        event.changes = changes == null ? java.util.Map.of() : changes.asMap();
        event.requestId = RequestIds.current();
        event.createdAt = Times.now();
        return repository.persist(event);
    }
}
