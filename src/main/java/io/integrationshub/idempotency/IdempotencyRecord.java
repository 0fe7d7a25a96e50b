package io.integrationshub.idempotency;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The first response to a (principal, Idempotency-Key), kept 24 hours; the body is encrypted. */
@Entity
@Table(name = "idempotency_records")
public class IdempotencyRecord extends PanacheEntityBase {
    @Id
    public UUID id;
    public String principal;
    public String idempotencyKey;
    public String method;
    public String path;
    /** SHA-256 of method, path and canonical body, sealed with the keyset (it may derive from credentials). */
    public byte[] requestHash;
    public int responseStatus;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> responseHeaders;
    public byte[] responseBody;
    public Instant createdAt;
}
