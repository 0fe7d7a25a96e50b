package io.integrationshub.sync.adapters;

import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.SyncSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
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

class SlackAdapterTest extends ProviderFakes {
    static final String TOKEN = "xoxb-fake-slack-bot-token-01";
    static final String LIST = "/api/conversations.list?limit=200&exclude_archived=true";
    final SlackAdapter adapter = new SlackAdapter(providerHttp());

    static String channel(String id, String name, boolean isPrivate) {
        return """
                {"id": "%s", "name": "%s", "is_channel": true, "is_group": false, "is_im": false, "created": 1449252889,
                 "creator": "U012A3CDE", "is_archived": false, "is_general": false, "name_normalized": "%s",
                 "is_shared": false, "is_org_shared": false, "is_member": true, "is_private": %s, "is_mpim": false,
                 "context_team_id": "T012AB3C4", "topic": {"value": "", "creator": "", "last_set": 0},
                 "purpose": {"value": "", "creator": "", "last_set": 0}, "previous_names": [], "num_members": 4}
                """.formatted(id, name, name, isPrivate);
    }

    static String page(String nextCursor, String... channels) {
        return """
                {"ok": true, "channels": [%s], "response_metadata": {"next_cursor": "%s"}}
                """.formatted(String.join(",", channels), nextCursor);
    }

    SyncSource source(String configuration) {
        return source("slack", configuration, Map.of("bot_token", TOKEN));
    }

    @Test
    void followsNextCursorToTheEnd() {
        wireMock.stubFor(get(urlEqualTo(LIST)).willReturn(aResponse().withStatus(200)
                .withBody(page("dGVhbTpDMDYxRkE1UEI=", channel("C012AB3CD", "general", false), channel("C061EG9T2", "random", false)))));
        wireMock.stubFor(get(urlEqualTo(LIST + "&cursor=dGVhbTpDMDYxRkE1UEI%3D")).willReturn(aResponse().withStatus(200)
                .withBody(page("dGVhbTpDMDYxRkE1UEM=", channel("C061EG9SL", "ops", true)))));
        wireMock.stubFor(get(urlEqualTo(LIST + "&cursor=dGVhbTpDMDYxRkE1UEM%3D")).willReturn(aResponse().withStatus(200)
                .withBody(page("", channel("C061EG9XX", "deploys", false)))));

        List<DiscoveredResource> found = discover(adapter, source("{}"));

        assertThat(ids(found)).containsExactly("C012AB3CD", "C061EG9T2", "C061EG9SL", "C061EG9XX");
        DiscoveredResource ops = byId(found, "C061EG9SL");
        assertThat(ops.kind()).isEqualTo("channel");
        assertThat(ops.name()).isEqualTo("ops");
        assertThat(ops.url()).isEqualTo("https://app.slack.com/client/T012AB3C4/C061EG9SL");
        assertThat(ops.metadata()).containsEntry("is_private", true).containsEntry("num_members", 4L);
        for (String url : new String[] { LIST, LIST + "&cursor=dGVhbTpDMDYxRkE1UEI%3D", LIST + "&cursor=dGVhbTpDMDYxRkE1UEM%3D" }) {
            wireMock.verify(1, getRequestedFor(urlEqualTo(url)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        }
        wireMock.verify(3, anyRequestedFor(anyUrl()));
    }

    @Test
    void aConfiguredChannelNarrowsAndStopsPagingOnceFound() {
        wireMock.stubFor(get(urlEqualTo(LIST)).willReturn(aResponse().withStatus(200)
                .withBody(page("next1", channel("C012AB3CD", "general", false)))));
        wireMock.stubFor(get(urlEqualTo(LIST + "&cursor=next1")).willReturn(aResponse().withStatus(200)
                .withBody(page("next2", channel("C061EG9SL", "ops", true), channel("C061EG9T2", "random", false)))));

        List<DiscoveredResource> found = discover(adapter, source("{\"channel\": \"#Ops\"}"));

        assertThat(ids(found)).containsExactly("C061EG9SL");
        wireMock.verify(2, anyRequestedFor(anyUrl()));
        assertThat(ids(discover(adapter, source("{\"channel\": \"C012AB3CD\"}")))).containsExactly("C012AB3CD");
    }

    @ParameterizedTest(name = "ok:false {0} is {1}")
    @CsvSource({
            "invalid_auth, AUTH",
            "not_authed, AUTH",
            "account_inactive, AUTH",
            "token_revoked, AUTH",
            "missing_scope, AUTH",
            "ratelimited, RATE_LIMITED",
            "internal_error, TRANSIENT",
            "invalid_cursor, PERMANENT",
            "team_added_to_org, PERMANENT",
    })
    void okFalseIsAFailure(String error, Kind kind) {
        wireMock.stubFor(get(urlEqualTo(LIST)).willReturn(aResponse().withStatus(200)
                .withBody("{\"ok\": false, \"error\": \"" + error + "\"}")));
        ProviderFailure failure = failure(adapter, source("{}"));
        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.getMessage()).isEqualTo("slack answered ok=false (" + error + ") on GET /api/conversations.list");
    }

    @Test
    void http429WithRetryAfterIsRateLimited() {
        wireMock.stubFor(get(urlEqualTo(LIST)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withBody("{\"ok\": false, \"error\": \"ratelimited\"}")));
        ProviderFailure failure = failure(adapter, source("{}"));
        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryAt()).isBetween(Instant.now().plusSeconds(25), Instant.now().plusSeconds(31));
    }
}
