package io.integrationshub.broker;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Integrations sharing one broker token (API.md 5); its row is locked to serialise the group's token changes. */
@Entity
@Table(name = "broker_groups")
public class BrokerGroup extends PanacheEntityBase {
    @Id
    public UUID id;
    public Instant createdAt;
}
