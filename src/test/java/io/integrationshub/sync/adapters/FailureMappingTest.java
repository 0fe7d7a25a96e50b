package io.integrationshub.sync.adapters;

import io.integrationshub.outbound.OutboundRefusedException;
import io.integrationshub.outbound.OutboundResponse;
import io.integrationshub.outbound.ResponseTooLargeException;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.adapters.ProviderHttp.Call;
import io.integrationshub.sync.adapters.ProviderHttp.ProviderResponse;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** Provider answers and transport errors to failure kinds (API.md 7), with messages that hold no URL query or secret. */
class FailureMappingTest {
    static final Call CALL = Call.get("github", URI.create("https://api.github.com/user/repos?per_page=100&secret=x"), Map.of(
            "Authorization", "Bearer ghp_SECRET"));

    static ProviderResponse response(int status, String... headers) {
        MultiMap map = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < headers.length; i += 2) {
            map.add(headers[i], headers[i + 1]);
        }
        return new ProviderResponse(CALL, new OutboundResponse(status, map, Buffer.buffer("{}")));
    }

    @ParameterizedTest
    @CsvSource({"401,AUTH", "403,AUTH", "429,RATE_LIMITED", "500,TRANSIENT", "502,TRANSIENT", "503,TRANSIENT", "408,TRANSIENT",
            "404,PERMANENT", "400,PERMANENT", "422,PERMANENT", "301,PERMANENT"})
    void statuses(int status, Kind kind) {
        ProviderFailure failure = FailureMapping.failure(response(status));
        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.providerStatus()).isEqualTo(status);
        assertThat(failure.getMessage()).startsWith("github answered " + status + " on GET /user/repos")
                .doesNotContain("secret=x").doesNotContain("ghp_SECRET");
    }

    @Test
    void aForbiddenWithExhaustedRateLimitHeadersIsRateLimitedUntilTheReset() {
        long reset = Instant.now().plusSeconds(600).getEpochSecond();
        ProviderFailure failure = FailureMapping.failure(response(403, "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", Long.toString(reset)));
        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.code()).isEqualTo("provider_rate_limited");
        assertThat(failure.retryAt()).isEqualTo(Instant.ofEpochSecond(reset));

        ProviderFailure secondary = FailureMapping.failure(response(403, "Retry-After", "60"));
        assertThat(secondary.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(secondary.retryAt()).isBetween(Instant.now().plusSeconds(55), Instant.now().plusSeconds(61));

        assertThat(FailureMapping.failure(response(403, "X-RateLimit-Remaining", "12")).kind()).isEqualTo(Kind.AUTH);
    }

    @Test
    void transportErrors() {
        assertThat(FailureMapping.transport(CALL, new TimeoutException("GET https://api.github.com/user/repos?secret=x")))
                .satisfies(f -> assertThat(f.kind()).isEqualTo(Kind.TRANSIENT))
                .hasMessage("github did not answer in time on GET /user/repos");
        assertThat(FailureMapping.transport(CALL, new RuntimeException(new ConnectException("refused"))).kind())
                .isEqualTo(Kind.TRANSIENT);
        assertThat(FailureMapping.transport(CALL, new UnknownHostException("api.github.com")).getMessage())
                .isEqualTo("github host could not be resolved on GET /user/repos");
        assertThat(FailureMapping.transport(CALL, new ResponseTooLargeException(1024)).kind()).isEqualTo(Kind.PERMANENT);
        assertThat(FailureMapping.transport(CALL, new OutboundRefusedException("10.0.0.1", "a private address")))
                .satisfies(f -> assertThat(f.kind()).isEqualTo(Kind.PERMANENT))
                .hasMessageContaining("request refused on GET /user/repos");
        assertThat(FailureMapping.transport(CALL, new IllegalStateException("https://api.github.com/?secret=x")).getMessage())
                .isEqualTo("github request failed (IllegalStateException) on GET /user/repos");
    }

    @Test
    void anUnusableAnswerIsPermanent() {
        assertThat(FailureMapping.unexpected(CALL, "a body that is not JSON"))
                .satisfies(f -> assertThat(f.kind()).isEqualTo(Kind.PERMANENT))
                .hasMessage("github answered a body that is not JSON on GET /user/repos");
    }
}
