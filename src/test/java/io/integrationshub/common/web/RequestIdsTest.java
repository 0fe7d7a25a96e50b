package io.integrationshub.common.web;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {
    @Test
    void generatedIdsAreDistinctVersion4Uuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = RequestIds.acceptOrGenerate(null);
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            assertThat(seen.add(id)).as("unique: %s", id).isTrue();
        }
    }

    @Test
    void aValidIncomingIdIsKeptAndAnInvalidOneReplaced() {
        assertThat(RequestIds.acceptOrGenerate("abc-123.x:y_z")).isEqualTo("abc-123.x:y_z");
        assertThat(RequestIds.acceptOrGenerate("not valid")).isNotEqualTo("not valid").hasSize(36);
        assertThat(RequestIds.acceptOrGenerate("x".repeat(129))).hasSize(36);
    }
}
