package io.integrationshub.jobs;

import io.integrationshub.jobs.api.JobQueue;
import io.integrationshub.jobs.api.JobResponses;
import io.integrationshub.jobs.engine.JobBackoff;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalInt;

import static io.integrationshub.jobs.JobFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Pure logic: the Prefer header, backoff ceilings, the payload secret guard. */
class JobResponsesTest {

    @Test
    void preferWaitIsParsedPerRfc7240() {
        assertThat(JobResponses.waitSeconds(null)).isEmpty();
        assertThat(JobResponses.waitSeconds("")).isEmpty();
        assertThat(JobResponses.waitSeconds("wait=5")).isEqualTo(OptionalInt.of(5));
        assertThat(JobResponses.waitSeconds("respond-async, WAIT = 7")).isEqualTo(OptionalInt.of(7));
        assertThat(JobResponses.waitSeconds("wait=\"12\"; foo=bar")).isEqualTo(OptionalInt.of(12));
        assertThat(JobResponses.waitSeconds("wait=31")).isEqualTo(OptionalInt.of(30));
        assertThat(JobResponses.waitSeconds("wait=99999999999999")).isEmpty();
        assertThat(JobResponses.waitSeconds("wait=0")).isEmpty();
        assertThat(JobResponses.waitSeconds("wait=-1")).isEmpty();
        assertThat(JobResponses.waitSeconds("wait=1.5")).isEmpty();
        assertThat(JobResponses.waitSeconds("wait")).isEmpty();
        assertThat(JobResponses.waitSeconds("handling=lenient")).isEmpty();
        assertThat(JobResponses.waitSeconds("wait=3, wait=9")).isEqualTo(OptionalInt.of(3));
    }

    @Test
    void theLongestWaitEndsBeforeAnIdleConnectionIsClosed() throws Exception {
        // Prefer: wait holds the connection silent; were the idle timeout not longer, a wait=30 on a running job
        // would end with the connection closed instead of the 202.
        java.util.Properties properties = new java.util.Properties();
        try (var in = JobResponsesTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        String idle = properties.getProperty("quarkus.http.idle-timeout"); // ${HUB_HTTP_IDLE_TIMEOUT:<default>}
        Duration idleDefault = Duration.parse("PT" + idle.replaceAll("^.*:(\\d+)s}$", "$1") + "S");
        assertThat(idleDefault).isGreaterThan(Duration.ofSeconds(JobResponses.MAX_WAIT_SECONDS + 5));
    }

    @Test
    void backoffGrowsExponentiallyUpToItsCapWithJitterBelowTheCeiling() {
        Duration base = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(60);
        assertThat(JobBackoff.ceilingMillis(1, base, max)).isEqualTo(1000);
        assertThat(JobBackoff.ceilingMillis(2, base, max)).isEqualTo(2000);
        assertThat(JobBackoff.ceilingMillis(4, base, max)).isEqualTo(8000);
        assertThat(JobBackoff.ceilingMillis(7, base, max)).isEqualTo(60000);
        assertThat(JobBackoff.ceilingMillis(500, base, max)).isEqualTo(60000);
        for (int i = 0; i < 200; i++) {
            assertThat(JobBackoff.fullJitter(3, base, max).toMillis()).isBetween(0L, 4000L);
        }
    }

    @Test
    void secretsInPayloadsAreFound() {
        assertThat(JobQueue.secretIn(json("{\"integration_id\": \"x\", \"page\": 2}"), "")).isNull();
        assertThat(JobQueue.secretIn(json("{\"credentials\": {}}"), "")).isEqualTo("/credentials");
        assertThat(JobQueue.secretIn(json("{\"a\": [{\"Password\": 1}]}"), "")).isEqualTo("/a/0/Password");
        assertThat(JobQueue.secretIn(json("{\"note\": \"brk_abcdef\"}"), "")).isEqualTo("/note");
    }
}
