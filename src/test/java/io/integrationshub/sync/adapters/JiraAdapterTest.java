package io.integrationshub.sync.adapters;

import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class JiraAdapterTest extends ProviderFakes {
    static final Map<String, String> CREDENTIALS = Map.of("email", "ops@acme.test", "api_token", "ATATTfakeJiraToken01");
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("ops@acme.test:ATATTfakeJiraToken01".getBytes());
    final JiraAdapter adapter = new JiraAdapter(providerHttp());

    static String project(String id, String key, String name) {
        return """
                {"self": "https://acme.atlassian.net/rest/api/3/project/%s", "id": "%s", "key": "%s", "name": "%s",
                 "projectTypeKey": "software", "simplified": false, "style": "classic", "isPrivate": false,
                 "avatarUrls": {"48x48": "https://acme.atlassian.net/avatar.png"}}
                """.formatted(id, id, key, name);
    }

    static String page(int startAt, boolean last, String... projects) {
        return """
                {"self": "x", "maxResults": 50, "startAt": %d, "total": 5, "isLast": %s, "values": [%s]}
                """.formatted(startAt, last, String.join(",", projects));
    }

    @Test
    void pagesEverySiteByStartAtAndKeepsConfiguredKeys() {
        String search = "/rest/api/3/project/search?startAt=%d&maxResults=50";
        // site one: localhost:port, three pages; site two: 127.0.0.1:port, one page. The fake tells them apart by Host.
        wireMock.stubFor(get(urlEqualTo(search.formatted(0))).withHeader("Host", equalTo(host()))
                .willReturn(aResponse().withStatus(200).withBody(page(0, false, project("10000", "ABC", "Alpha"), project("10001", "XYZ", "Other")))));
        wireMock.stubFor(get(urlEqualTo(search.formatted(2))).withHeader("Host", equalTo(host()))
                .willReturn(aResponse().withStatus(200).withBody(page(2, false, project("10002", "DEF", "Delta"), project("10003", "NOPE", "No")))));
        wireMock.stubFor(get(urlEqualTo(search.formatted(4))).withHeader("Host", equalTo(host()))
                .willReturn(aResponse().withStatus(200).withBody(page(4, true, project("10004", "GHI", "Gamma")))));
        wireMock.stubFor(get(urlEqualTo(search.formatted(0))).withHeader("Host", containing("127.0.0.1"))
                .willReturn(aResponse().withStatus(200).withBody(page(0, true, project("10000", "OPS", "Ops site two")))));

        List<DiscoveredResource> found = discover(adapter, source("jira", """
                {"enabled_projects": [
                  {"hostname": "%s", "account_id": "5b10a2844c20165700ede21g", "project_key": "ABC"},
                  {"hostname": "%s", "account_id": "5b10a2844c20165700ede21g", "project_key": "def"},
                  {"hostname": "%s", "account_id": "5b10a2844c20165700ede21g", "project_key": "GHI"},
                  {"hostname": "127.0.0.1:%d", "account_id": "5b10a2844c20165700ede21g", "project_key": "OPS"}]}
                """.formatted(host(), host(), host(), port()), CREDENTIALS));

        assertThat(ids(found)).containsExactly(host() + "/10000", host() + "/10002", host() + "/10004", "127.0.0.1:" + port() + "/10000");
        DiscoveredResource delta = byId(found, host() + "/10002");
        assertThat(delta.kind()).isEqualTo("project");
        assertThat(delta.name()).isEqualTo("Delta");
        assertThat(delta.url()).isEqualTo(base() + "/browse/DEF");
        assertThat(delta.metadata()).containsEntry("key", "DEF").containsEntry("project_type_key", "software")
                .containsEntry("hostname", host());
        for (int startAt : new int[] { 0, 2, 4 }) {
            wireMock.verify(1, getRequestedFor(urlEqualTo(search.formatted(startAt))).withHeader("Host", equalTo(host()))
                    .withHeader("Authorization", equalTo(BASIC)).withHeader("Accept", equalTo("application/json")));
        }
        wireMock.verify(1, getRequestedFor(urlEqualTo(search.formatted(0))).withHeader("Host", containing("127.0.0.1"))
                .withHeader("Authorization", equalTo(BASIC)));
        wireMock.verify(4, anyRequestedFor(anyUrl()));
    }

    @Test
    void noEnabledProjectMeansNoSiteToCallAndTheSyncIsRefused() {
        assertThat(adapter.cannotSync(json("{\"enabled_projects\": []}"))).isEqualTo(JiraAdapter.NO_SITE);
        assertThat(adapter.cannotSync(json("{}"))).isEqualTo(JiraAdapter.NO_SITE);
        assertThat(adapter.cannotSync(json("{\"enabled_projects\": [{\"hostname\": \"acme.atlassian.net\", "
                + "\"account_id\": \"a\", \"project_key\": \"ABC\"}]}"))).isNull();
        ProviderFailure failure = failure(adapter, source("jira", "{\"enabled_projects\": []}", CREDENTIALS));
        assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.PERMANENT);
        assertThat(failure.getMessage()).isEqualTo(JiraAdapter.NO_SITE);
        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aHostnameWithAPathIsRefused() {
        ProviderFailure failure = failure(adapter, source("jira",
                "{\"enabled_projects\": [{\"hostname\": \"evil.test/x?y=\", \"account_id\": \"a\", \"project_key\": \"ABC\"}]}",
                CREDENTIALS));
        assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.PERMANENT);
        assertThat(failure.getMessage()).isEqualTo("jira hostname is not a host name");
    }
}
