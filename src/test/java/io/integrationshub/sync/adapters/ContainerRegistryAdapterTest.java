package io.integrationshub.sync.adapters;

import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.SyncAdapter;
import io.integrationshub.sync.SyncSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class ContainerRegistryAdapterTest extends ProviderFakes {
    static final String PASSWORD = "fakeRegistryPassw0rd-01";
    static final String CATALOG = "/v2/_catalog?n=100";
    static final String PAGE_2 = "/v2/_catalog?last=acme%2Fweb&n=100";
    static final String UNAUTHORIZED = """
            {"errors": [{"code": "UNAUTHORIZED", "message": "authentication required",
              "detail": [{"Type": "registry", "Class": "", "Name": "catalog", "Action": "*"}]}]}""";

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    static SyncAdapter adapter(String provider) {
        ProviderHttp http = providerHttp();
        return switch (provider) {
            case "acr" -> new AcrAdapter(http);
            case "gcr" -> new GcrAdapter(http);
            case "harbor" -> new HarborAdapter(http);
            case "quay" -> new QuayAdapter(http);
            case "artifactory" -> new ArtifactoryAdapter(http);
            default -> throw new IllegalArgumentException(provider);
        };
    }

    /** The registry answers a 401 bearer challenge; the token server wants basic auth; two catalog pages follow. */
    static void stubBearerFlow(String user, String password) {
        wireMock.stubFor(get(urlEqualTo(CATALOG)).withHeader("Authorization", equalTo(basic(user, password))).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer realm=\"" + base() + "/token\",service=\"registry.test\",scope=\"registry:catalog:*\"")
                .withHeader("Docker-Distribution-Api-Version", "registry/2.0")
                .withBody(UNAUTHORIZED)));
        wireMock.stubFor(get(urlPathEqualTo("/token")).withHeader("Authorization", equalTo(basic(user, password)))
                .withQueryParam("service", equalTo("registry.test")).withQueryParam("scope", equalTo("registry:catalog:*"))
                .willReturn(aResponse().withStatus(200)
                        .withBody("{\"token\": \"reg-token-1\", \"access_token\": \"reg-token-1\", \"expires_in\": 300}")));
        wireMock.stubFor(get(urlEqualTo(CATALOG)).withHeader("Authorization", equalTo("Bearer reg-token-1"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Link", "</v2/_catalog?last=acme%2Fweb&n=100>; rel=\"next\"")
                        .withBody("{\"repositories\": [\"acme/api\", \"acme/web\"]}")));
        wireMock.stubFor(get(urlEqualTo(PAGE_2)).withHeader("Authorization", equalTo("Bearer reg-token-1"))
                .willReturn(aResponse().withStatus(200).withBody("{\"repositories\": [\"other/tool\"]}")));
    }

    static void verifyBearerFlow(String user, String password) {
        // Basic first (a registry that also answers anonymously still checks the credentials), then the token flow.
        wireMock.verify(1, getRequestedFor(urlEqualTo(CATALOG)).withHeader("Authorization", equalTo(basic(user, password))));
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/token")).withHeader("Authorization", equalTo(basic(user, password))));
        wireMock.verify(1, getRequestedFor(urlEqualTo(CATALOG)).withHeader("Authorization", equalTo("Bearer reg-token-1")));
        wireMock.verify(1, getRequestedFor(urlEqualTo(PAGE_2)).withHeader("Authorization", equalTo("Bearer reg-token-1")));
        wireMock.verify(4, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "acr", "gcr", "harbor", "quay", "artifactory" })
    void hostedRegistriesFollowTheBearerChallengeAndLinkPages(String provider) {
        stubBearerFlow("robot$ci", PASSWORD);

        List<DiscoveredResource> found = discover(adapter(provider), new SyncSource(provider, json("{}"),
                Map.of("hostname", host(), "username", "robot$ci", "password", PASSWORD)));

        assertThat(ids(found)).containsExactly("acme/api", "acme/web", "other/tool");
        DiscoveredResource web = byId(found, "acme/web");
        assertThat(web.kind()).isEqualTo("image");
        assertThat(web.name()).isEqualTo("acme/web");
        assertThat(web.metadata()).containsEntry("reference", host() + "/acme/web");
        verifyBearerFlow("robot$ci", PASSWORD);
    }

    @Test
    void aRegistryTakingBasicAuthAnswersTheFirstRequest() {
        wireMock.stubFor(get(urlEqualTo(CATALOG)).withHeader("Authorization", equalTo(basic("admin", PASSWORD)))
                .willReturn(aResponse().withStatus(200).withBody("{\"repositories\": [\"library/nginx\"]}")));

        List<DiscoveredResource> found = discover(adapter("harbor"), new SyncSource("harbor", null,
                Map.of("hostname", host(), "username", "admin", "password", PASSWORD)));

        assertThat(ids(found)).containsExactly("library/nginx");
        wireMock.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aBasicChallengeToTheBasicCredentialsIsAuthWithoutRetrying() {
        wireMock.stubFor(get(urlEqualTo(CATALOG)).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"Registry Realm\"").withBody(UNAUTHORIZED)));

        ProviderFailure failure = failure(adapter("artifactory"), new SyncSource("artifactory", null,
                Map.of("hostname", host(), "username", "admin", "password", "wrong-" + PASSWORD)));

        assertThat(failure.kind()).isEqualTo(Kind.AUTH);
        wireMock.verify(1, getRequestedFor(urlEqualTo(CATALOG)).withHeader("Authorization", equalTo(basic("admin", "wrong-" + PASSWORD))));
        wireMock.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aRefusedTokenRequestIsAuth() {
        wireMock.stubFor(get(urlEqualTo(CATALOG)).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer realm=\"" + base() + "/token\",service=\"registry.test\"")));
        wireMock.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(401)
                .withBody("{\"details\": \"incorrect username or password\"}")));

        ProviderFailure failure = failure(adapter("quay"), new SyncSource("quay", null,
                Map.of("hostname", host(), "username", "u", "password", PASSWORD)));

        assertThat(failure.kind()).isEqualTo(Kind.AUTH);
        assertThat(failure.getMessage()).isEqualTo("quay answered 401 on GET token endpoint /token (credentials refused)");
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/token")).withQueryParam("scope", equalTo("registry:catalog:*")));
    }

    @Test
    void aTokenTheRegistryStillRefusesIsAuthAfterOneRetry() {
        wireMock.stubFor(get(urlEqualTo(CATALOG)).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer realm=\"" + base() + "/token\",service=\"registry.test\",scope=\"registry:catalog:*\"")));
        wireMock.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200).withBody("{\"token\": \"t\"}")));

        ProviderFailure failure = failure(adapter("acr"), new SyncSource("acr", null,
                Map.of("hostname", host(), "username", "u", "password", PASSWORD)));

        assertThat(failure.kind()).isEqualTo(Kind.AUTH);
        wireMock.verify(2, getRequestedFor(urlEqualTo(CATALOG)));
    }

    @Test
    void aMissingHostnameIsPermanent() {
        ProviderFailure failure = failure(adapter("gcr"), new SyncSource("gcr", null, Map.of("username", "_json_key", "password", PASSWORD)));
        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.getMessage()).isEqualTo("gcr credentials lack hostname");
    }

    @Test
    void parsesChallenges() {
        assertThat(ContainerRegistryAdapter.challenge(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"registry:catalog:*\""))
                .containsEntry("", "bearer").containsEntry("realm", "https://auth.docker.io/token")
                .containsEntry("service", "registry.docker.io").containsEntry("scope", "registry:catalog:*");
        assertThat(ContainerRegistryAdapter.challenge("Basic realm=\"x\"")).containsEntry("", "basic");
        assertThat(ContainerRegistryAdapter.challenge("Negotiate")).isNull();
        assertThat(ContainerRegistryAdapter.challenge(null)).isNull();
    }
}
