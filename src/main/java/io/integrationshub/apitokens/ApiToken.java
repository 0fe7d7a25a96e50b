package io.integrationshub.apitokens;

import io.integrationshub.auth.Permission;
import io.integrationshub.auth.Role;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@Entity
@Table(name = "api_tokens")
public class ApiToken extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID organisationId;
    public String name;
    public String role;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> permissions;
    /** SHA-256 of the token; the token itself is shown once and never stored. */
    public String tokenHash;
    public String tokenHint;
    public Instant expiresAt;
    public String createdBy;
    public Instant createdAt;

    /** What a token carries: its role's permissions, or the permissions it names (an unknown name grants nothing). */
    public static Set<Permission> grantOf(String role, List<String> permissions) {
        if (role != null) {
            return Role.permissionsOf(role);
        }
        EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
        if (permissions != null) {
            permissions.forEach(name -> Permission.fromWireName(name).ifPresent(granted::add));
        }
        return Set.copyOf(granted);
    }
}
