package io.integrationshub.projects;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The display profile last seen in a member's own token claims (written by {@link MemberProfiles}). */
@Entity
@Table(name = "member_profiles")
public class MemberProfile extends PanacheEntityBase {
    @Id
    public String accountId;
    public String name;
    public String displayName;
    public String avatar;
    public String claimsHash;
    public Instant updatedAt;
}
