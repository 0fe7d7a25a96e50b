package io.integrationshub.integrations;

import io.integrationshub.common.Times;
import io.integrationshub.common.domain.FieldCheck;
import io.integrationshub.providers.ProviderDescriptor;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When an integration's next scheduled sync is due (API.md 4.2). {@code sync_interval_minutes} null
 * means manual only. Each due time gets a jitter of up to a tenth of the interval (at most 5 minutes)
 * so that many integrations armed at once do not all start in the same second.
 */
public final class SyncSchedule {
    public static final int MIN_MINUTES = 15;
    public static final int MAX_MINUTES = 10080;
    public static final int MAX_JITTER_SECONDS = 300;

    /**
     * The same rule in SQL, for rows of {@code integrations}: one interval (plus jitter) after now.
     * Used by the scheduler's claim; {@link #nextAfterSync} is the same rule after a successful sync.
     */
    public static final String NEXT_AFTER_NOW_SQL = "date_trunc('milliseconds', now() + make_interval(mins => sync_interval_minutes)"
            + " + random() * least(sync_interval_minutes * 6, " + MAX_JITTER_SECONDS + ") * interval '1 second')";

    private SyncSchedule() {
    }

    /** 400 at {@code pointer} unless null or 15..10080, and unless the provider supports sync. */
    static void check(FieldCheck check, String pointer, Integer minutes, ProviderDescriptor provider) {
        if (minutes == null) {
            return;
        }
        if (minutes < MIN_MINUTES || minutes > MAX_MINUTES) {
            check.add(pointer, "must be null or between " + MIN_MINUTES + " and " + MAX_MINUTES);
        } else if (provider != null && !provider.supportsSync()) {
            check.add(pointer, "is not available: the " + provider.id() + " provider does not support sync");
        }
    }

    /**
     * Re-arms the schedule after a change by a user (a changed integration is scheduled again even
     * after its credentials were refused): due one interval after the last sync, or now when that has
     * passed or there was none, plus jitter; null without an interval, while disabled or without credentials.
     */
    static void arm(Integration integration) {
        if (integration.syncIntervalMinutes == null || !integration.enabled || !integration.hasCredentials()) {
            integration.nextSyncAt = null;
            return;
        }
        Instant now = Times.now();
        Duration interval = Duration.ofMinutes(integration.syncIntervalMinutes);
        Instant due = integration.lastSyncedAt == null ? now : integration.lastSyncedAt.plus(interval);
        integration.nextSyncAt = withJitter(due.isBefore(now) ? now : due, interval);
    }

    /**
     * After a successful sync at {@code syncedAt}: one interval later plus jitter (the rule of
     * {@link #NEXT_AFTER_NOW_SQL}); null without an interval or while disabled.
     */
    public static Instant nextAfterSync(Integration integration, Instant syncedAt) {
        if (integration.syncIntervalMinutes == null || !integration.enabled) {
            return null;
        }
        Duration interval = Duration.ofMinutes(integration.syncIntervalMinutes);
        return withJitter(syncedAt.plus(interval), interval);
    }

    private static Instant withJitter(Instant due, Duration interval) {
        long jitterMillis = Math.min(interval.toMillis() / 10, MAX_JITTER_SECONDS * 1000L);
        return due.plusMillis(ThreadLocalRandom.current().nextLong(jitterMillis + 1));
    }
}
