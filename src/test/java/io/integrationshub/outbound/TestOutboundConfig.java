package io.integrationshub.outbound;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The outbound configuration for plain unit tests: loopback allowed, plain http, short timeouts. */
public record TestOutboundConfig(Optional<List<String>> allowedHosts, boolean requireHttps, Duration connectTimeout,
        Duration readTimeout, long maxResponseBytes) implements OutboundConfig {

    public static TestOutboundConfig loopbackAllowed() {
        return new TestOutboundConfig(Optional.of(List.of("127.0.0.1", "localhost")), false, Duration.ofMillis(500),
                Duration.ofMillis(400), 1_000_000);
    }

    public TestOutboundConfig withAllowedHosts(String... hosts) {
        return new TestOutboundConfig(hosts.length == 0 ? Optional.empty() : Optional.of(List.of(hosts)), requireHttps,
                connectTimeout, readTimeout, maxResponseBytes);
    }

    public TestOutboundConfig withRequireHttps(boolean required) {
        return new TestOutboundConfig(allowedHosts, required, connectTimeout, readTimeout, maxResponseBytes);
    }

    public TestOutboundConfig withMaxResponseBytes(long max) {
        return new TestOutboundConfig(allowedHosts, requireHttps, connectTimeout, readTimeout, max);
    }
}
