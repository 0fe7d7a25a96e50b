package io.integrationshub.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** API.md 1: timestamps are RFC 3339 in UTC with exactly three fraction digits, whatever the stored precision. */
@QuarkusTest
public class JsonFormatTest {
    @Inject
    ObjectMapper json;

    @Test
    void instantsAlwaysCarryMilliseconds() throws Exception {
        assertThat(json.writeValueAsString(Map.of("t", Instant.parse("2026-11-23T10:15:30.123456Z"))))
                .isEqualTo("{\"t\":\"2026-11-23T10:15:30.123Z\"}");
        assertThat(json.writeValueAsString(Map.of("t", Instant.parse("2026-11-23T10:15:30Z"))))
                .isEqualTo("{\"t\":\"2026-11-23T10:15:30.000Z\"}");
        assertThat(json.writeValueAsString(Map.of("t", Instant.parse("2026-11-23T10:15:30.100Z"))))
                .isEqualTo("{\"t\":\"2026-11-23T10:15:30.100Z\"}");
    }
}
