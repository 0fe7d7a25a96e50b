package io.integrationshub.sync.adapters;

import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.SyncAdapter;
import io.integrationshub.sync.SyncAdapters;
import io.integrationshub.sync.SyncSource;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncAdaptersTest extends ProviderFakes {

    static SyncAdapters all() {
        ProviderHttp http = providerHttp();
        return new SyncAdapters(List.of(new GitHubAdapter(http), new GitLabAdapter(http), new BitbucketCloudAdapter(http),
                new JiraAdapter(http), new MantisBtAdapter(http), new PagerDutyAdapter(http), new SlackAdapter(http),
                new DiscordAdapter(http), new DockerHubAdapter(http), new AcrAdapter(http), new GcrAdapter(http),
                new HarborAdapter(http), new QuayAdapter(http), new ArtifactoryAdapter(http), new EcrAdapter(http)));
    }

    @Test
    void everySyncingProviderHasOneAdapterAndTeamsNone() {
        SyncAdapters adapters = all();
        assertThat(adapters.providers()).containsExactly("acr", "artifactory", "bitbucket-cloud", "discord", "docker-hub", "ecr", "gcr",
                "github", "gitlab", "harbor", "jira", "mantisbt", "pagerduty", "quay", "slack");
        assertThat(adapters.forProvider("github")).get().extracting(SyncAdapter::provider).isEqualTo("github");
        assertThat(adapters.forProvider("teams")).isEmpty();
        assertThat(adapters.forProvider("ecr")).get().extracting(SyncAdapter::provider).isEqualTo("ecr");
        assertThat(adapters.forProvider(null)).isEmpty();
    }

    @Test
    void twoAdaptersForOneProviderAreRefused() {
        ProviderHttp http = providerHttp();
        assertThatThrownBy(() -> new SyncAdapters(List.of(new GitHubAdapter(http), new GitHubAdapter(http))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theGuardRedactsCredentialsAndWrapsUnexpectedFailures() {
        SyncAdapter leaky = new SyncAdapter() {
            @Override
            public String provider() {
                return "leaky";
            }

            @Override
            public Uni<List<DiscoveredResource>> discover(SyncSource source) {
                return Uni.createFrom().failure(new ProviderFailure(Kind.RATE_LIMITED,
                        "leaky answered 429 for token s3cr3t-t0ken", 429, Instant.EPOCH));
            }
        };
        SyncAdapter broken = new SyncAdapter() {
            @Override
            public String provider() {
                return "broken";
            }

            @Override
            public Uni<List<DiscoveredResource>> discover(SyncSource source) {
                throw new IllegalStateException("boom with s3cr3t-t0ken");
            }
        };
        SyncAdapters adapters = new SyncAdapters(List.of(leaky, broken));
        SyncSource source = new SyncSource("leaky", null, Map.of("token", "s3cr3t-t0ken"));

        ProviderFailure redacted = failure(adapters.forProvider("leaky").orElseThrow(), source);
        assertThat(redacted.getMessage()).isEqualTo("leaky answered 429 for token [redacted]");
        assertThat(redacted.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(redacted.retryAt()).isEqualTo(Instant.EPOCH);
        assertThat(redacted.providerStatus()).isEqualTo(429);

        ProviderFailure wrapped = failure(adapters.forProvider("broken").orElseThrow(), source);
        assertThat(wrapped.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(wrapped.getMessage()).isEqualTo("broken sync failed unexpectedly (IllegalStateException)");
    }

    @Test
    void sourcesDoNotPrintCredentials() {
        assertThat(new SyncSource("github", null, Map.of("token", "s3cr3t-t0ken")).toString()).doesNotContain("s3cr3t-t0ken");
    }
}
