package io.integrationshub.jobs;

import io.integrationshub.jobs.engine.JobEngineSettings;
import io.integrationshub.jobs.engine.JobStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's store with the faults a test needs: renewals that stall (for some jobs or all), claims
 * that find nothing, or a dead database connection (every statement fails). Records what it claimed.
 */
class TestJobStore extends JobStore {
    /** Jobs whose lease renewals silently do not happen (a stalled worker for them). */
    final Set<UUID> starved = ConcurrentHashMap.newKeySet();
    final Set<UUID> claimed = ConcurrentHashMap.newKeySet();
    volatile boolean renewalsStalled;
    volatile boolean claimsPaused;
    volatile boolean dead;

    TestJobStore(Pool pool, JobEngineSettings settings) {
        super(pool, settings.instanceId(), settings.lease());
    }

    @Override
    protected Uni<List<JobStore.Claimed>> claim(String[] types, int limit) {
        if (dead) {
            return gone();
        }
        if (claimsPaused) {
            return Uni.createFrom().item(List.of());
        }
        return super.claim(types, limit).invoke(rows -> rows.forEach(c -> claimed.add(c.job().id)));
    }

    @Override
    protected Uni<Map<UUID, Boolean>> renew(Collection<UUID> ids) {
        if (dead) {
            return gone();
        }
        if (renewalsStalled) {
            return Uni.createFrom().failure(new IllegalStateException("lease renewals stalled (test)"));
        }
        // Starved jobs are left out of the statement but reported renewed: this instance believes it holds them.
        return super.renew(ids.stream().filter(id -> !starved.contains(id)).toList()).map(renewed -> {
            Map<UUID, Boolean> all = new HashMap<>(renewed);
            ids.stream().filter(starved::contains).forEach(id -> all.put(id, false));
            return all;
        });
    }

    @Override
    protected Uni<Set<UUID>> complete(List<JobStore.Outcome> outcomes) {
        return dead ? gone() : super.complete(outcomes);
    }

    @Override
    protected Uni<List<JobStore.Rescued>> rescue() {
        return dead ? gone() : super.rescue();
    }

    @Override
    protected Uni<Integer> purge(Duration succeeded, Duration failed, int batch) {
        return dead ? gone() : super.purge(succeeded, failed, batch);
    }

    /** The statements themselves, for tests that drive a store without an engine. */
    Uni<List<JobStore.Claimed>> claimNow(String type, int limit) {
        return claim(new String[] {type}, limit);
    }

    Uni<Map<UUID, Boolean>> renewNow(List<UUID> ids) {
        return renew(ids);
    }

    Uni<Set<UUID>> completeNow(List<JobStore.Outcome> outcomes) {
        return complete(outcomes);
    }

    private static <T> Uni<T> gone() {
        return Uni.createFrom().failure(new IllegalStateException("connection to the database lost (test)"));
    }
}
