package io.integrationshub.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How syncs are paced: provider rate limits and the scheduler of {@code sync_interval_minutes} (API.md 4.2, 7). */
@ConfigMapping(prefix = "hub.sync")
public interface SyncConfig {
    /** A provider asking to wait longer than this fails the job with provider_rate_limited instead of parking it. */
    @WithDefault("1h")
    Duration maxRateLimitWait();

    /** The wait when a provider says it is rate limited without saying until when. */
    @WithDefault("60s")
    Duration defaultRateLimitWait();

    Scheduler scheduler();

    interface Scheduler {
        /** Whether this instance claims due integrations (every instance may: claims never overlap). */
        @WithDefault("true")
        boolean enabled();

        /** How often this instance looks for due integrations. */
        @WithDefault("10s")
        Duration every();

        /** At most this many integrations claimed per transaction; a full batch is followed by another at once. */
        @WithDefault("200")
        int batchSize();
    }
}
