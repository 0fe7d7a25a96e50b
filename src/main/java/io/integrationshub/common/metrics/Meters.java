package io.integrationshub.common.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/** Meters built the one way this service registers them on /q/metrics. */
public final class Meters {
    private Meters() {
    }

    /**
     * A timer that publishes a percentile histogram from 1 ms to {@code max}, so that latency quantiles can be
     * computed across instances; {@code tags} are name, value pairs.
     */
    public static Timer histogramTimer(MeterRegistry registry, String name, String description, Duration max,
            String... tags) {
        return Timer.builder(name)
                .description(description)
                .tags(tags)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(max)
                .register(registry);
    }
}
