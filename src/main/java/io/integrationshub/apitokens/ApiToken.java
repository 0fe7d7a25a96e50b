package io.integrationshub.apitokens;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "api_tokens")
public class ApiToken extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "organisation_id")
    public UUID organisationId;
    public String name;
    public String role;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> permissions;
    /** SHA-256 of the token; the token itself is shown once and never stored. */
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "token_hint")
    public String tokenHint;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
}
