package io.integrationshub.broker;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
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
    @Column(name = "group_id")
    public UUID groupId;
    public String state;
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "token_hint")
    public String tokenHint;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "first_seen_at")
    public Instant firstSeenAt;
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;
    @Column(name = "client_version")
    public String clientVersion;
    @Column(name = "retired_at")
    public Instant retiredAt;
}
