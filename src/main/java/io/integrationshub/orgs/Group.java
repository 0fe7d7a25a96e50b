package io.integrationshub.orgs;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "groups")
public class Group extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    public Instant createdAt;
}
