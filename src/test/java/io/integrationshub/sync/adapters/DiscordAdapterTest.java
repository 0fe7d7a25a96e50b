package io.integrationshub.sync.adapters;

import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.SyncSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class DiscordAdapterTest extends ProviderFakes {
    static final String SECRET = "fAkEwEbHoOkToKeN-abcdefghijklmnopqrstuvwxyz0123456789";
    static final String PATH = "/api/webhooks/223704706495545344/" + SECRET;
    final DiscordAdapter adapter = new DiscordAdapter(providerHttp());

    SyncSource source() {
        return new SyncSource("discord", json("{}"), Map.of("webhook_url", base() + PATH));
    }

    @Test
    void readsTheWebhookObject() {
        wireMock.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("""
                {"application_id": null, "avatar": null, "channel_id": "199737254929760256",
                 "guild_id": "199737254929760256", "id": "223704706495545344", "name": "deploy bot",
                 "type": 1, "token": "%s"}
                """.formatted(SECRET))));

        List<DiscoveredResource> found = discover(adapter, source());

        assertThat(found).hasSize(1);
        DiscoveredResource hook = found.get(0);
        assertThat(hook.kind()).isEqualTo("webhook");
        assertThat(hook.externalId()).isEqualTo("223704706495545344");
        assertThat(hook.name()).isEqualTo("deploy bot");
        assertThat(hook.url()).isEqualTo("https://discord.com/channels/199737254929760256/199737254929760256");
        assertThat(hook.metadata()).containsEntry("channel_id", "199737254929760256").containsEntry("type", 1L)
                .doesNotContainKey("token");
        assertThat(hook.toString()).doesNotContain(SECRET);
        wireMock.verify(1, getRequestedFor(urlEqualTo(PATH)));
        wireMock.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void unauthorizedIsAuthAndUnknownWebhookIsPermanentWithoutTheUrl() {
        wireMock.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\": \"Invalid Webhook Token\", \"code\": 50027}")));
        ProviderFailure auth = failure(adapter, source());
        assertThat(auth.kind()).isEqualTo(Kind.AUTH);
        assertThat(auth.getMessage()).isEqualTo("discord answered 401 on GET [webhook url] (credentials refused)");

        wireMock.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404)
                .withBody("{\"message\": \"Unknown Webhook\", \"code\": 10015}")));
        ProviderFailure gone = failure(adapter, source());
        assertThat(gone.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(gone.getMessage()).doesNotContain(SECRET).doesNotContain("223704706495545344");
    }

    @Test
    void aNonUrlIsPermanentAndNotEchoed() {
        ProviderFailure failure = failure(adapter, new SyncSource("discord", null, Map.of("webhook_url", "not a url " + SECRET)));
        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.getMessage()).doesNotContain(SECRET);
    }
}
