package io.integrationshub.audit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

@Entity
@Table(name = "audit_events")
public class AuditEvent extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID organisationId;
    public String actorType;
    public String actorId;
    public String action;
    public String targetType;
    public String targetId;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> changes;
    public String requestId;
    public Instant createdAt;
}
