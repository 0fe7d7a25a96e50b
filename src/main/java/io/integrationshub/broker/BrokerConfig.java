package io.integrationshub.broker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Configuration of the broker ({@code hub.broker.*}). */
@ConfigMapping(prefix = "hub.broker")
public interface BrokerConfig {
    /** A token switch needs a client to have presented the provisional token this recently (HUB_BROKER_HEARTBEAT_WINDOW). */
    @WithDefault("10m")
    Duration heartbeatWindow();

    /** A heartbeat writes last_seen_at only when the stored one is older than this (clients beat every few seconds). */
    @WithDefault("5s")
    Duration heartbeatWriteInterval();
}
