package io.integrationshub.projects;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The display profile last seen in a member's own token claims (written by {@link MemberProfiles}). */
@Entity
@Table(name = "member_profiles")
public class MemberProfile extends PanacheEntityBase {
    @Id
    @Column(name = "account_id")
    public String accountId;
    public String name;
    @Column(name = "display_name")
    public String displayName;
    public String avatar;
    @Column(name = "claims_hash")
    public String claimsHash;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
