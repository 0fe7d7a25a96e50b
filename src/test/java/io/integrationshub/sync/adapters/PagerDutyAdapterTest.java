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
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class PagerDutyAdapterTest extends ProviderFakes {
    static final String KEY = "u+FAKEpagerdutyKEY01";
    final PagerDutyAdapter adapter = new PagerDutyAdapter(providerHttp());

    static String service(String id, String name) {
        return """
                {"id": "%s", "type": "service", "summary": "%s", "self": "https://api.pagerduty.com/services/%s",
                 "html_url": "https://acme.pagerduty.com/service-directory/%s", "name": "%s", "status": "active",
                 "escalation_policy": {"id": "PT20YPA", "type": "escalation_policy_reference"}}
                """.formatted(id, name, id, id, name);
    }

    @Test
    void accountsThatAreAllDisabledLeaveNothingToSync() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(adapter.cannotSync(json.readTree("{\"accounts\": [{\"enabled\": false, \"subdomain\": \"acme\"}]}")))
                .isEqualTo(PagerDutyAdapter.ALL_DISABLED);
        assertThat(adapter.cannotSync(json.readTree("{\"accounts\": [{\"enabled\": false}, {\"enabled\": true}]}"))).isNull();
        // Naming nothing lists everything the key sees (API.md 7).
        assertThat(adapter.cannotSync(json.readTree("{\"accounts\": []}"))).isNull();
        assertThat(adapter.cannotSync(json.readTree("{}"))).isNull();
        assertThat(adapter.cannotSync(null)).isNull();
    }

    @Test
    void pagesByOffsetWhileMore() {
        wireMock.stubFor(get(urlEqualTo("/services?offset=0&limit=100")).willReturn(aResponse().withStatus(200).withBody("""
                {"services": [%s, %s], "limit": 100, "offset": 0, "total": null, "more": true}
                """.formatted(service("PSVC001", "API"), service("PSVC002", "Web")))));
        wireMock.stubFor(get(urlEqualTo("/services?offset=2&limit=100")).willReturn(aResponse().withStatus(200).withBody("""
                {"services": [%s], "limit": 100, "offset": 2, "total": null, "more": true}
                """.formatted(service("PSVC003", "DB")))));
        wireMock.stubFor(get(urlEqualTo("/services?offset=3&limit=100")).willReturn(aResponse().withStatus(200).withBody("""
                {"services": [%s], "limit": 100, "offset": 3, "total": null, "more": false}
                """.formatted(service("PSVC004", "Queue")))));

        List<DiscoveredResource> found = discover(adapter, source("pagerduty",
                "{\"accounts\": [{\"enabled\": true, \"subdomain\": \"acme\"}]}", Map.of("api_token", KEY)));

        assertThat(ids(found)).containsExactly("PSVC001", "PSVC002", "PSVC003", "PSVC004");
        DiscoveredResource db = byId(found, "PSVC003");
        assertThat(db.kind()).isEqualTo("service");
        assertThat(db.name()).isEqualTo("DB");
        assertThat(db.url()).isEqualTo("https://acme.pagerduty.com/service-directory/PSVC003");
        assertThat(db.metadata()).containsEntry("status", "active").containsEntry("escalation_policy_id", "PT20YPA");
        for (int offset : new int[] { 0, 2, 3 }) {
            wireMock.verify(1, getRequestedFor(urlEqualTo("/services?offset=" + offset + "&limit=100"))
                    .withHeader("Authorization", equalTo("Token token=" + KEY))
                    .withHeader("Accept", equalTo("application/vnd.pagerduty+json;version=2")));
        }
        wireMock.verify(3, anyRequestedFor(anyUrl()));
    }

    @Test
    void theKeyListsEveryServiceWhateverTheAccountsSay() {
        wireMock.stubFor(get(urlPathEqualTo("/services")).willReturn(aResponse().withStatus(200)
                .withBody("{\"services\": [{\"id\": \"PSVC001\", \"name\": \"Checkout\", \"status\": \"active\"}], "
                        + "\"limit\": 100, \"offset\": 0, \"more\": false, \"total\": null}")));
        for (String configuration : List.of("{}", "{\"accounts\": [{\"enabled\": false}]}")) {
            wireMock.resetRequests();
            assertThat(ids(discover(adapter, source("pagerduty", configuration, Map.of("api_token", KEY)))))
                    .containsExactly("PSVC001");
            wireMock.verify(1, getRequestedFor(urlEqualTo("/services?offset=0&limit=100"))
                    .withHeader("Authorization", equalTo("Token token=" + KEY)));
        }
    }
}
