package io.integrationshub.sync.adapters;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.SyncAdapter;
import io.integrationshub.sync.SyncSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/** The shared failure mapping, exercised through every adapter against a fake that answers everything the same way. */
class ProviderFailuresTest extends ProviderFakes {

    record Scenario(String provider, Function<ProviderHttp, SyncAdapter> adapter, Supplier<SyncSource> source) {
        @Override
        public String toString() {
            return provider;
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("github", GitHubAdapter::new, () -> source("github",
                        "{\"api_base_url\": \"" + base() + "\", \"enabled_repos\": [{\"hostname\": \"github.com\", "
                                + "\"github_org_name\": \"acme\", \"repo_name\": \"api\"}]}", Map.of("token", "ghp_LEAKCHECKgithub001"))),
                new Scenario("gitlab", GitLabAdapter::new, () -> source("gitlab",
                        "{\"api_base_url\": \"" + base() + "/api/v4\", \"group_path\": \"acme\"}", Map.of("token", "glpat-LEAKCHECKgitlab01"))),
                new Scenario("bitbucket-cloud", BitbucketCloudAdapter::new, () -> source("bitbucket-cloud",
                        "{\"workspace\": \"acme\"}", Map.of("username", "leakcheck-bb-user", "app_password", "ATBBLEAKCHECKpassword"))),
                new Scenario("jira", JiraAdapter::new, () -> source("jira",
                        "{\"enabled_projects\": [{\"hostname\": \"" + host() + "\", \"account_id\": \"a1\", \"project_key\": \"ABC\"}]}",
                        Map.of("email", "leakcheck@acme.test", "api_token", "ATATTLEAKCHECKjira01"))),
                new Scenario("mantisbt", MantisBtAdapter::new, () -> source("mantisbt",
                        "{\"base_url\": \"" + base() + "/mantis\"}", Map.of("api_token", "LEAKCHECKmantisToken01"))),
                new Scenario("pagerduty", PagerDutyAdapter::new, () -> source("pagerduty",
                        "{\"accounts\": [{\"enabled\": true}]}", Map.of("api_token", "LEAKCHECKpagerduty01"))),
                new Scenario("slack", SlackAdapter::new, () -> source("slack", "{}", Map.of("bot_token", "xoxb-LEAKCHECK-slack-01"))),
                new Scenario("discord", DiscordAdapter::new, () -> source("discord", "{}",
                        Map.of("webhook_url", base() + "/api/webhooks/1234567890/LEAKCHECKdiscordWebhookSecret01"))),
                new Scenario("docker-hub", DockerHubAdapter::new, () -> source("docker-hub", "{\"namespace\": \"acme\"}",
                        Map.of("username", "leakcheck-hub-user", "access_token", "dckr_pat_LEAKCHECK01"))),
                registry("acr", AcrAdapter::new),
                registry("gcr", GcrAdapter::new),
                registry("harbor", HarborAdapter::new),
                registry("quay", QuayAdapter::new),
                registry("artifactory", ArtifactoryAdapter::new));
    }

    static Scenario registry(String provider, Function<ProviderHttp, SyncAdapter> adapter) {
        return new Scenario(provider, adapter, () -> source(provider, "{}",
                Map.of("hostname", host(), "username", "leakcheck-" + provider, "password", "LEAKCHECKpassword-" + provider)));
    }

    ProviderFailure answeredWith(Scenario scenario, ResponseDefinitionBuilder response) {
        wireMock.stubFor(any(anyUrl()).willReturn(response));
        SyncAdapter adapter = scenario.adapter().apply(providerHttp());
        assertThat(adapter.provider()).isEqualTo(scenario.provider());
        return failure(adapter, scenario.source().get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void unauthorizedIsAuth(Scenario scenario) {
        ProviderFailure failure = answeredWith(scenario, aResponse().withStatus(401).withBody("{\"message\": \"Bad credentials\"}"));
        assertThat(failure.kind()).isEqualTo(Kind.AUTH);
        assertThat(failure.code()).isEqualTo("provider_auth_failed");
        assertThat(failure.providerStatus()).isEqualTo(401);
        // Docker Hub's first call is the POST of its token exchange; every other adapter starts with a GET.
        assertThat(failure.getMessage()).startsWith(scenario.provider() + " answered 401 on "
                + (scenario.provider().equals("docker-hub") ? "POST " : "GET "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void tooManyRequestsWithRetryAfterIsRateLimited(Scenario scenario) {
        ProviderFailure failure = answeredWith(scenario, aResponse().withStatus(429).withHeader("Retry-After", "30"));
        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAt()).isBetween(Instant.now().plusSeconds(25), Instant.now().plusSeconds(31));
        wireMock.verify(1, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void serverErrorIsTransient(Scenario scenario) {
        ProviderFailure failure = answeredWith(scenario, aResponse().withStatus(500).withBody("oops"));
        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.providerStatus()).isEqualTo(500);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void aReadTimeoutIsTransient(Scenario scenario) {
        wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("[]").withFixedDelay(800)));
        SyncAdapter adapter = scenario.adapter().apply(providerHttp(Duration.ofMillis(150), 1000));
        long started = System.nanoTime();
        ProviderFailure failure = failure(adapter, scenario.source().get());
        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.getMessage()).contains("did not answer in time");
        assertThat(failure.providerStatus()).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(750));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void noFailureMessageContainsACredential(Scenario scenario) {
        SyncSource source = scenario.source().get();
        List<String> secrets = new ArrayList<>(source.credentials().values());
        List<String> values = List.copyOf(source.credentials().values());
        for (String a : values) {
            for (String b : values) {
                secrets.add(Base64.getEncoder().encodeToString((a + ":" + b).getBytes(StandardCharsets.UTF_8)));
            }
        }
        List<ResponseDefinitionBuilder> answers = List.of(
                aResponse().withStatus(401).withHeader("WWW-Authenticate", "Bearer realm=\"" + base() + "/token\""),
                aResponse().withStatus(403),
                aResponse().withStatus(404),
                aResponse().withStatus(302).withHeader("Location", base() + "/elsewhere"),
                aResponse().withStatus(429),
                aResponse().withStatus(503),
                aResponse().withStatus(200).withBody("not json at all"),
                aResponse().withStatus(200).withBody("{\"ok\": false, \"error\": \"invalid_auth\"}"),
                aResponse().withStatus(200).withBody("{}"));
        List<String> messages = new ArrayList<>();
        SyncAdapter adapter = scenario.adapter().apply(providerHttp());
        for (ResponseDefinitionBuilder answer : answers) {
            wireMock.stubFor(any(anyUrl()).willReturn(answer));
            Throwable t = adapter.discover(source).onItemOrFailure().transform((item, f) -> f).await().atMost(WAIT);
            if (t != null) {
                assertThat(t).isInstanceOf(ProviderFailure.class);
                messages.add(t.getMessage());
            }
        }
        wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(800)));
        messages.add(failure(scenario.adapter().apply(providerHttp(Duration.ofMillis(150), 1000)), source).getMessage());
        assertThat(messages).hasSizeGreaterThanOrEqualTo(6);
        for (String message : messages) {
            assertThat(message).startsWith(scenario.provider());
            for (String secret : secrets) {
                assertThat(message).doesNotContain(secret);
            }
            assertThat(message).doesNotContain("webhooks/").doesNotContain("localhost").doesNotContain("127.0.0.1");
        }
    }
}
