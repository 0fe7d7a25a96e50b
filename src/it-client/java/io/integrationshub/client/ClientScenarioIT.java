package io.integrationshub.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.integrationshub.client.api.GroupsApi;
import io.integrationshub.client.api.IntegrationsApi;
import io.integrationshub.client.api.JobsApi;
import io.integrationshub.client.api.OrganisationsApi;
import io.integrationshub.client.model.Group;
import io.integrationshub.client.model.GroupCreate;
import io.integrationshub.client.model.IntegrationCreate;
import io.integrationshub.client.model.IntegrationCreated;
import io.integrationshub.client.model.IntegrationResource;
import io.integrationshub.client.model.Job;
import io.integrationshub.client.model.Organisation;
import io.integrationshub.client.model.OrganisationCreate;
import io.integrationshub.support.Fixtures;
import io.integrationshub.support.TestTokens;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drives the packaged service through a Java client generated (openapi-generator, java/native) from the
 * OpenAPI document the build stored and the service serves: create a group, an organisation and a GitHub
 * integration, sync it against a fake GitHub, read the job and the synced resources. The client refuses
 * properties the document does not declare, so an answer that drifts from the document fails here.
 * Source set src/it-client: compiled after packaging, with the generated client (pom.xml).
 */
@QuarkusIntegrationTest
public class ClientScenarioIT {
    private static WireMockServer github;

    @BeforeAll
    static void startFakeGitHub() {
        github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        github.start();
        github.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).willReturn(okJson("[" + repo("api", 101) + "," + repo("web", 102) + "]")));
    }

    @AfterAll
    static void stopFakeGitHub() {
        github.stop();
    }

    private static String repo(String name, long id) {
        return "{\"id\": " + id + ", \"name\": \"" + name + "\", \"full_name\": \"acme/" + name
                + "\", \"html_url\": \"https://github.com/acme/" + name + "\", \"private\": true, "
                + "\"archived\": false, \"default_branch\": \"main\"}";
    }

    /** A client of the service under test sending {@code authorization}, strict about undocumented properties. */
    private static ApiClient client(String authorization) {
        ObjectMapper strict = ApiClient.createDefaultObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        ApiClient client = new ApiClient();
        client.setObjectMapper(strict);
        client.updateBaseUri(RestAssured.baseURI + ":" + RestAssured.port);
        client.setRequestInterceptor(request -> request.header("Authorization", authorization));
        return client;
    }

    @Test
    void createSyncAndReadTheJobThroughTheGeneratedClient() throws Exception {
        ApiClient admin = client(TestTokens.platformAdmin());
        Group group = new GroupsApi(admin).createGroup(new GroupCreate().name("client group " + UUID.randomUUID()), null);
        Organisation org = new OrganisationsApi(admin).createOrganisation(
                new OrganisationCreate().name("client org " + UUID.randomUUID()).groupId(group.getId()), UUID.randomUUID().toString());
        assertThat(org.getGroupId()).isEqualTo(group.getId());

        ApiClient orgAdmin = client(Fixtures.as(org.getId(), "admin"));
        IntegrationsApi integrations = new IntegrationsApi(orgAdmin);
        String token = "ghp_" + UUID.randomUUID().toString().replace("-", "");
        IntegrationCreated created = integrations.createIntegration(org.getId(), new IntegrationCreate()
                .provider("github").profileName("client " + UUID.randomUUID())
                ._configuration(Map.of("api_base_url", github.baseUrl(), "enabled_repos", List.of(
                        Map.of("hostname", "github.com", "github_org_name", "acme", "repo_name", "api"),
                        Map.of("hostname", "github.com", "github_org_name", "acme", "repo_name", "web"))))
                .credentials(Map.of("token", token)), null);

        Job sync = integrations.syncIntegration(created.getId(), org.getId(), UUID.randomUUID().toString(), "wait=20");
        Job job = new JobsApi(orgAdmin).getJob(sync.getId());
        assertThat(job.getStatus()).isEqualTo(Job.StatusEnum.SUCCEEDED);
        assertThat(job.getType()).isEqualTo("integration.sync");
        assertThat(job.getTarget().getId()).isEqualTo(created.getId());
        assertThat(job.getOrganisationId()).isEqualTo(org.getId());
        assertThat(job.getFinishedAt()).isNotNull();

        List<IntegrationResource> resources = integrations.listIntegrationResources(created.getId(), org.getId(),
                null, null, null, null).getData();
        assertThat(resources).extracting(IntegrationResource::getExternalId).containsExactlyInAnyOrder("101", "102");

        // Errors arrive as the documented problem body.
        assertThatThrownBy(() -> new JobsApi(orgAdmin).getJob(UUID.randomUUID()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
                    assertThat(e.getResponseBody()).contains("\"code\":\"not_found\"");
                });
    }
}
