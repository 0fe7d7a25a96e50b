package io.integrationshub.audit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
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
    @Column(name = "organisation_id")
    public UUID organisationId;
    @Column(name = "actor_type")
    public String actorType;
    @Column(name = "actor_id")
    public String actorId;
    public String action;
    @Column(name = "target_type")
    public String targetType;
    @Column(name = "target_id")
    public String targetId;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> changes;
    @Column(name = "request_id")
    public String requestId;
    @Column(name = "created_at")
    public Instant createdAt;
}
