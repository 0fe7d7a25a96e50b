package io.integrationshub.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The application clock: created_at and updated_at of the rows services write (an integration's through
 * {@code Integration.touch()}, its version by {@code @Version}), and idempotency expiry, come from here.
 * Timestamps are kept at millisecond precision: what is stored is exactly what clients see and page by. Two
 * places use PostgreSQL's clock on purpose and say why: the job queue (leases, backoff; docs/jobs.md) and a
 * sync's seen-at times of resources (SyncedResourceRepository, so that skewed instances remove exactly what
 * one sync did not see).
 */
public final class Times {
    private Times() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
