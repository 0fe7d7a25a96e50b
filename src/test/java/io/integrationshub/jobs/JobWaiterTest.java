package io.integrationshub.jobs;

import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.engine.JobStore;
import io.integrationshub.jobs.engine.JobWaiter;
import io.integrationshub.jobs.engine.JobsConfig;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Prefer: wait answers by its deadline even when reading the job does not finish (API.md 1.5). */
class JobWaiterTest {
    @Test
    void aReadOfTheJobThatNeverFinishesStillEndsTheWaitJustAfterItsDeadline() {
        AtomicInteger reads = new AtomicInteger();
        JobStore stuck = new JobStore(null, "test", Duration.ofSeconds(60)) {
            @Override
            public Uni<Job> load(UUID id) {
                reads.incrementAndGet();
                return Uni.createFrom().nothing();
            }
        };
        JobWaiter waiter = new JobWaiter(stuck, null, null, pollingEvery(Duration.ofMillis(200)));

        Job answer = waiter.awaitFinished(UUID.randomUUID(), Duration.ofSeconds(1)).await().atMost(Duration.ofSeconds(20));

        assertThat(answer).as("null: the job as the caller knew it, answered 202").isNull();
        assertThat(reads).hasValue(1);
    }

    private static JobsConfig pollingEvery(Duration interval) {
        return (JobsConfig) Proxy.newProxyInstance(JobsConfig.class.getClassLoader(), new Class<?>[] {JobsConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("waitPollInterval")) {
                        return interval;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
