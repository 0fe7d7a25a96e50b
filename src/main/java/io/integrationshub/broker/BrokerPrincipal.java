package io.integrationshub.broker;

import java.time.Instant;
import java.util.UUID;

/**
 * The broker token a request authenticated with (attribute {@link #ATTRIBUTE} of its identity). It
 * carries no organisation grant, so it opens nothing but POST /v1/broker/connections.
 */
public record BrokerPrincipal(UUID tokenId, UUID groupId, String state, Instant firstSeenAt, Instant lastSeenAt,
        String clientVersion) {
    public static final String ATTRIBUTE = "hub.broker";
}
