package io.integrationshub.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure parts: schedule parsing and jitter, Retry-After, excerpts, signatures, Slack messages, the URL limiter. */
class NotificationUnitsTest {

    @Test
    void theDefaultScheduleGivesEightAttemptsOverAboutADay() {
        RetrySchedule schedule = RetrySchedule.parse("5s,5m,30m,2h,5h,10h,10h", 0.2);
        assertThat(schedule.maxAttempts()).isEqualTo(8);
        assertThat(schedule.delays()).containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
        for (int i = 0; i < 500; i++) {
            long ms = schedule.delayAfter(2).toMillis();
            assertThat(ms).isBetween(240_000L, 360_000L);
        }
        assertThat(RetrySchedule.parse(" 250ms , 1d ", 0).delayAfter(2)).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> RetrySchedule.parse("5s,soon", 0.2)).hasMessageContaining("\"soon\"");
        assertThatThrownBy(() -> RetrySchedule.parse("", 0.2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryAfterReadsSecondsAndDates() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        assertThat(RetryAfter.parse("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("0", now)).isEqualTo(RetryAfter.MINIMUM);
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 10:05:00 GMT", now)).isEqualTo(Duration.ofMinutes(5));
        assertThat(RetryAfter.parse("soon", now)).isNull();
        assertThat(RetryAfter.parse(null, now)).isNull();
    }

    @Test
    void excerptsKeepWholeCharactersWithinOneKibibyte() {
        assertThat(Excerpts.of("é".repeat(2000).getBytes(StandardCharsets.UTF_8))).hasSize(512);
        assertThat(Excerpts.of("a\u0000b".getBytes(StandardCharsets.UTF_8))).isEqualTo("a?b");
        assertThat(Excerpts.of(new byte[0])).isNull();
        String mixed = "x" + "€".repeat(400);
        assertThat(Excerpts.of(mixed.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
    }

    @Test
    void signaturesMatchTheStandardWebhooksExample() {
        // The example of the Standard Webhooks reference libraries (msg_p5jXN8AQM9LWM0D4loKWxJek, ts 1614265330).
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.header(List.of(secret), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        String fresh = WebhookSignature.newSecret();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(WebhookSignature.newSecret());
        assertThat(WebhookSignature.header(List.of(fresh, secret), "m", 1, body).split(" ")).hasSize(2);
    }

    @Test
    void slackMessagesHaveTextBlocksAndOnlyHttpLinks() throws Exception {
        JsonNode data = new ObjectMapper().readTree("{\"title\": \"v2 <beta> & more\", \"url\": \"javascript:alert(1)\"}");
        JsonNode message = SlackMessage.body("promotion.created", "shop", "2026-11-23T10:15:30.123Z", "e1", data, "#ops");
        assertThat(message.path("text").asText()).isEqualTo("Promotion created in project shop: v2 &lt;beta&gt; &amp; more");
        assertThat(message.path("channel").asText()).isEqualTo("#ops");
        assertThat(message.path("blocks").get(1).path("text").path("text").asText())
                .isEqualTo("*Project:* shop\nv2 &lt;beta&gt; &amp; more");
        assertThat(message.path("blocks").get(1).has("accessory")).isFalse();
        assertThat(message.path("blocks").get(2).path("type").asText()).isEqualTo("context");
    }

    /** Slack parses {@code text} as mrkdwn as well: event data must not ping, link or format there either. */
    @Test
    void slackTextIsEscapedLikeTheBlocks() throws Exception {
        JsonNode data = new ObjectMapper().readTree("{\"service\": \"api\", \"message\": \"<b>&\"}");
        JsonNode message = SlackMessage.body("service.alarm", "p3", "2026-11-23T10:15:30.123Z", "e1", data, null);
        assertThat(message.path("text").asText()).isEqualTo("Service in alarm in project p3: &lt;b&gt;&amp;");
        assertThat(message.path("blocks").get(1).path("text").path("text").asText()).isEqualTo("*Project:* p3\n&lt;b&gt;&amp;");

        data = new ObjectMapper().readTree("{\"summary\": \"<!channel> see <https://evil.example|the docs> &amp; \\\"x\\\"\"}");
        message = SlackMessage.body("deployment.failed", "<!here> & co", "2026-11-23T10:15:30.123Z", "e2", data, null);
        assertThat(message.path("text").asText()).isEqualTo("Deployment failed in project &lt;!here&gt; &amp; co: "
                + "&lt;!channel&gt; see &lt;https://evil.example|the docs&gt; &amp;amp; \"x\"");
        assertThat(message.path("text").asText()).doesNotContain("<", ">");
    }

    @Test
    void theUrlLimiterHoldsFourPerUrl() {
        UrlLimiter limiter = new UrlLimiter(4);
        List<UrlLimiter.Permit> held = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(limiter.tryAcquire("https://a.example/x"));
        }
        assertThat(held).doesNotContainNull();
        assertThat(limiter.tryAcquire("https://a.example/x")).isNull();
        assertThat(limiter.tryAcquire("https://b.example/x")).isNotNull();
        held.get(0).close();
        held.get(0).close(); // idempotent
        assertThat(limiter.inFlight("https://a.example/x")).isEqualTo(3);
        assertThat(limiter.tryAcquire("https://a.example/x")).isNotNull();
    }
}
