package io.integrationshub.sync.adapters;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the providers with fixed hosts live, and how hosts named in an integration's own
 * configuration or credentials (Jira sites, container registries) are reached. Tests point the
 * base URLs at local fakes and set {@code host-scheme=http}; production keeps the defaults.
 */
@ConfigMapping(prefix = "hub.providers")
public interface ProvidersConfig {
    /** Scheme used for hosts taken from an integration (Jira hostname, registry hostname). */
    @WithDefault("https")
    String hostScheme();

    /** A provider that keeps answering "there is more" past this many pages is failed (PERMANENT). */
    @WithDefault("1000")
    int maxPages();

    /** GitHub rejects requests without a User-Agent; the others get it too. */
    @WithDefault("integrations-hub")
    String userAgent();

    BitbucketCloud bitbucketCloud();

    Pagerduty pagerduty();

    Slack slack();

    DockerHub dockerHub();

    Ecr ecr();

    interface BitbucketCloud {
        @WithDefault("https://api.bitbucket.org")
        String baseUrl();
    }

    interface Pagerduty {
        @WithDefault("https://api.pagerduty.com")
        String baseUrl();
    }

    interface Slack {
        @WithDefault("https://slack.com")
        String baseUrl();
    }

    interface DockerHub {
        /** Docker Hub's API (auth token and namespace repositories). */
        @WithDefault("https://hub.docker.com")
        String apiBaseUrl();
    }

    interface Ecr {
        /** AWS STS endpoint for AssumeRole; unset: the SDK's regional endpoint. */
        Optional<URI> stsEndpoint();

        /** ECR endpoint; unset: the SDK's regional endpoint. */
        Optional<URI> endpoint();

        /** Limit of one AWS API call, retries included (the SDK does not retry: the job queue does). */
        @WithDefault("30s")
        Duration apiCallTimeout();
    }
}
