package io.integrationshub.sync.adapters;

import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.SyncAdapter;
import io.integrationshub.sync.SyncSource;
import io.integrationshub.sync.adapters.ProviderHttp.Page;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrAsyncClient;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.sts.StsAsyncClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Amazon ECR through the AWS SDK for Java v2 (async clients on the SDK's own Netty event loop): STS
 * {@code AssumeRole} into the integration's {@code role_arn} with {@code ExternalId} = the organisation
 * id, signed with the service's own identity (the SDK's default credential chain), then
 * {@code DescribeRepositories} in the integration's {@code region} with the temporary credentials,
 * paged by {@code nextToken}. Calls start on a worker thread (the default chain may read files or
 * the instance metadata service) and never on the Vert.x event loop. The SDK does not retry: the
 * job queue does, and {@link AwsFailures} says how.
 */
@ApplicationScoped
public class EcrAdapter implements SyncAdapter {
    static final String PROVIDER = "ecr";
    static final int PAGE_SIZE = 1000;

    private final ProviderHttp http;
    private final ProvidersConfig.Ecr config;
    // Created on the first ECR sync: an instance that never syncs ECR starts no SDK threads.
    private SdkAsyncHttpClient httpClient;
    private DefaultCredentialsProvider serviceIdentity;
    private final Map<Region, StsAsyncClient> stsClients = new ConcurrentHashMap<>();

    public EcrAdapter(ProviderHttp http) {
        this.http = http;
        this.config = http.config().ecr();
    }

    private synchronized SdkAsyncHttpClient httpClient() {
        if (httpClient == null) {
            httpClient = NettyNioAsyncHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .readTimeout(config.apiCallTimeout())
                    .build();
            serviceIdentity = DefaultCredentialsProvider.builder().build();
        }
        return httpClient;
    }

    /** The service's own AWS identity: the SDK's default credential chain (env, system properties, web identity, profile, container, IMDS). */
    private synchronized DefaultCredentialsProvider serviceIdentity() {
        httpClient();
        return serviceIdentity;
    }

    @PreDestroy
    synchronized void close() {
        stsClients.values().forEach(StsAsyncClient::close);
        if (httpClient != null) {
            httpClient.close();
            serviceIdentity.close();
        }
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public Uni<List<DiscoveredResource>> discover(SyncSource source) {
        return Uni.createFrom().deferred(() -> {
            Region region = region(Sources.credential(source, PROVIDER, "region"));
            String roleArn = Sources.credential(source, PROVIDER, "role_arn");
            if (source.organisationId() == null) {
                throw new IllegalStateException("an ECR sync needs the organisation id as ExternalId");
            }
            AssumeRoleRequest assume = AssumeRoleRequest.builder()
                    .roleArn(roleArn)
                    .roleSessionName("integrations-hub-sync")
                    .externalId(source.organisationId().toString())
                    .durationSeconds(900)
                    .build();
            return call("AssumeRole", () -> sts(region).assumeRole(assume))
                    .flatMap(assumed -> repositories(region, assumed.credentials()));
        });
    }

    private Uni<List<DiscoveredResource>> repositories(Region region, Credentials temporary) {
        EcrAsyncClient ecr = configure(EcrAsyncClient.builder(), region, config.endpoint().orElse(null))
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        temporary.accessKeyId(), temporary.secretAccessKey(), temporary.sessionToken())))
                .build();
        return http.paginate(PROVIDER, "", token -> call("DescribeRepositories", () -> ecr.describeRepositories(
                        DescribeRepositoriesRequest.builder().maxResults(PAGE_SIZE)
                                .nextToken(token.isEmpty() ? null : token).build()))
                        .map(page -> {
                            List<DiscoveredResource> items = new ArrayList<>();
                            for (Repository r : page.repositories()) {
                                items.add(resource(region, r));
                            }
                            String next = page.nextToken();
                            return new Page<>(items, next == null || next.isEmpty() ? null : next);
                        }))
                .eventually(ecr::close);
    }

    static DiscoveredResource resource(Region region, Repository r) {
        String console = "https://" + region.id() + ".console.aws.amazon.com/ecr/repositories/private/"
                + r.registryId() + "/" + r.repositoryName() + "?region=" + region.id();
        return new DiscoveredResource("image", r.repositoryArn(), r.repositoryName(), console,
                Sources.meta("reference", r.repositoryUri(), "registry_id", r.registryId(), "region", region.id(),
                        "image_tag_mutability", r.imageTagMutabilityAsString()));
    }

    private StsAsyncClient sts(Region region) {
        return stsClients.computeIfAbsent(region, r -> configure(StsAsyncClient.builder(), r,
                config.stsEndpoint().orElse(null)).credentialsProvider(serviceIdentity()).build());
    }

    private <B extends software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder<B, ?>
            & software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>> B configure(B builder, Region region,
            java.net.URI endpoint) {
        builder.httpClient(httpClient())
                .region(region)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(config.apiCallTimeout())
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    /** One AWS call started on a worker thread, its failure mapped; the result is emitted where it was asked for. */
    private static <T> Uni<T> call(String operation, Supplier<CompletionStage<T>> request) {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        Uni<T> uni = Uni.createFrom().completionStage(request)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().transform(t -> AwsFailures.map(PROVIDER, operation, t));
        // Back on the caller's Vert.x context, so the sync job goes on where it started.
        return context == null ? uni : uni.emitOn(runnable -> context.runOnContext(ignored -> runnable.run()));
    }

    private static Region region(String name) {
        if (!name.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw new ProviderFailure(Kind.PERMANENT, PROVIDER + " region is not an AWS region name");
        }
        return Region.of(name);
    }
}
