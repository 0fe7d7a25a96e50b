package io.integrationshub.broker;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One broker token of a group, stored only as its SHA-256 hash and its last four characters. */
@Entity
@Table(name = "broker_tokens")
public class BrokerToken extends PanacheEntityBase {
    public static final String PREFIX = "brk_";
    public static final String CURRENT = "current";
    public static final String PROVISIONAL = "provisional";
    public static final String RETIRED = "retired";

    @Id
    public UUID id;
    public UUID groupId;
    public String state;
    public String tokenHash;
    public String tokenHint;
    public Instant createdAt;
    public Instant firstSeenAt;
    public Instant lastSeenAt;
    public String clientVersion;
    public Instant retiredAt;
}
