package io.integrationshub.common;

import io.integrationshub.broker.BrokerConfig;
import io.integrationshub.sync.SyncConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Defaults live once, in the config mappings; application.properties no longer repeats them. */
@QuarkusTest
public class ConfigDefaultsInAppTest {
    @Inject
    BrokerConfig broker;
    @Inject
    SyncConfig sync;

    @Test
    void mappingDefaultsApplyInTheRunningService() {
        assertThat(broker.heartbeatWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(sync.maxRateLimitWait()).isEqualTo(Duration.ofHours(1));
    }
}
