package io.integrationshub.sync.adapters;

import io.integrationshub.sync.DiscoveredResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class MantisBtAdapterTest extends ProviderFakes {
    static final String TOKEN = "fakeMantisApiToken0123456789abcd";
    final MantisBtAdapter adapter = new MantisBtAdapter(providerHttp());

    static final String PROJECTS = """
            {"projects": [
              {"id": 1, "name": "Mantis", "status": {"id": 10, "name": "development", "label": "development"},
               "description": "Bug tracker", "enabled": true, "view_state": {"id": 10, "name": "public", "label": "public"},
               "access_level": {"id": 90, "name": "administrator"}, "custom_fields": [], "versions": [], "categories": [],
               "subProjects": [
                 {"id": 3, "name": "Mantis Docs", "status": {"id": 10, "name": "development"}, "enabled": true,
                  "view_state": {"id": 50, "name": "private"}}]},
              {"id": 2, "name": "Website", "status": {"id": 50, "name": "stable"}, "enabled": false,
               "view_state": {"id": 10, "name": "public"}}]}
            """;

    @Test
    void listsProjectsAndSubProjects() {
        wireMock.stubFor(get(urlEqualTo("/mantis/api/rest/projects")).willReturn(aResponse().withStatus(200).withBody(PROJECTS)));

        List<DiscoveredResource> found = discover(adapter, source("mantisbt",
                "{\"base_url\": \"" + base() + "/mantis/\"}", Map.of("api_token", TOKEN)));

        assertThat(ids(found)).containsExactly("1", "3", "2");
        DiscoveredResource docs = byId(found, "3");
        assertThat(docs.kind()).isEqualTo("project");
        assertThat(docs.name()).isEqualTo("Mantis Docs");
        assertThat(docs.url()).isEqualTo(base() + "/mantis/set_project.php?project_id=3");
        assertThat(docs.metadata()).containsEntry("parent_id", "1").containsEntry("view_state", "private")
                .containsEntry("status", "development");
        wireMock.verify(1, getRequestedFor(urlEqualTo("/mantis/api/rest/projects")).withHeader("Authorization", equalTo(TOKEN)));
        wireMock.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void narrowsToProjectIds() {
        wireMock.stubFor(get(urlEqualTo("/mantis/api/rest/projects")).willReturn(aResponse().withStatus(200).withBody(PROJECTS)));
        List<DiscoveredResource> found = discover(adapter, source("mantisbt",
                "{\"base_url\": \"" + base() + "/mantis\", \"project_ids\": [2, \"3\"]}", Map.of("api_token", TOKEN)));
        assertThat(ids(found)).containsExactly("3", "2");
    }
}
