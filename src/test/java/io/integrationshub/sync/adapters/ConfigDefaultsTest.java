package io.integrationshub.sync.adapters;

import io.integrationshub.outbound.OutboundConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed configuration maps as documented, with the production defaults. */
class ConfigDefaultsTest {

    static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withMapping(OutboundConfig.class)
                .withMapping(ProvidersConfig.class)
                .build();
    }

    @Test
    void defaults() {
        SmallRyeConfig config = config(Map.of("hub.outbound.allowed-hosts", ""));
        OutboundConfig outbound = config.getConfigMapping(OutboundConfig.class);
        assertThat(outbound.allowedHosts()).isEmpty();
        assertThat(outbound.requireHttps()).isTrue();
        assertThat(outbound.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(outbound.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(outbound.maxResponseBytes()).isEqualTo(16L * 1024 * 1024);

        ProvidersConfig providers = config.getConfigMapping(ProvidersConfig.class);
        assertThat(providers.hostScheme()).isEqualTo("https");
        assertThat(providers.maxPages()).isEqualTo(1000);
        assertThat(providers.bitbucketCloud().baseUrl()).isEqualTo("https://api.bitbucket.org");
        assertThat(providers.pagerduty().baseUrl()).isEqualTo("https://api.pagerduty.com");
        assertThat(providers.slack().baseUrl()).isEqualTo("https://slack.com");
        assertThat(providers.dockerHub().apiBaseUrl()).isEqualTo("https://hub.docker.com");
        assertThat(providers.ecr().stsEndpoint()).isEmpty();
        assertThat(providers.ecr().endpoint()).isEmpty();
        assertThat(providers.ecr().apiCallTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void overrides() {
        SmallRyeConfig config = config(Map.of(
                "hub.outbound.allowed-hosts", "127.0.0.1,localhost",
                "hub.outbound.require-https", "false",
                "hub.outbound.read-timeout", "250ms",
                "hub.providers.host-scheme", "http",
                "hub.providers.bitbucket-cloud.base-url", "http://localhost:1234",
                "hub.providers.docker-hub.api-base-url", "http://localhost:1234",
                "hub.providers.ecr.sts-endpoint", "http://localhost:1235",
                "hub.providers.ecr.endpoint", "http://localhost:1236"));
        OutboundConfig outbound = config.getConfigMapping(OutboundConfig.class);
        assertThat(outbound.allowedHosts()).contains(List.of("127.0.0.1", "localhost"));
        assertThat(outbound.requireHttps()).isFalse();
        assertThat(outbound.readTimeout()).isEqualTo(Duration.ofMillis(250));
        ProvidersConfig providers = config.getConfigMapping(ProvidersConfig.class);
        assertThat(providers.hostScheme()).isEqualTo("http");
        assertThat(providers.bitbucketCloud().baseUrl()).isEqualTo("http://localhost:1234");
        assertThat(providers.dockerHub().apiBaseUrl()).isEqualTo("http://localhost:1234");
        assertThat(providers.ecr().stsEndpoint()).contains(java.net.URI.create("http://localhost:1235"));
        assertThat(providers.ecr().endpoint()).contains(java.net.URI.create("http://localhost:1236"));
    }
}
