package io.integrationshub.common.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reflection-free writer says exactly what Jackson's data binding said of the Problem record. */
public class ProblemJsonTest {
    private static final ObjectMapper BINDING = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @Test
    void sameBytesAsDataBindingWithAndWithoutOptionalFields() throws Exception {
        Problem full = new Problem("urn:problem:bad_input", "Bad Request", 400, "bad_input",
                "quote \" backslash \\ tab \t nul \u0000 é \ud83d\ude00", "/v1/orgs", "req-1",
                List.of(ProblemError.pointer("/name", "is required"), ProblemError.parameter("limit", "too big"),
                        ProblemError.header("If-Match", "stale")));
        Problem bare = new Problem("urn:problem:internal", "Internal Server Error", 500, "internal",
                "Internal Server Error", null, null, null);
        for (Problem problem : List.of(full, bare)) {
            assertThat(ProblemJson.write(problem)).isEqualTo(BINDING.writeValueAsString(problem));
        }
        assertThat(ProblemJson.write(bare)).doesNotContain("instance", "request_id", "errors");
    }
}
