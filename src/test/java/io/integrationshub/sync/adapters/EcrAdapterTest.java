package io.integrationshub.sync.adapters;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.SyncSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real AWS SDK against a fake that speaks AWS's wire protocols: STS's Query API (form body, XML
 * answers) and ECR's JSON 1.1 (X-Amz-Target). Requests are routed by the signed service and target,
 * not by path: the SDK's STS client posts to "/" whatever path the endpoint override names.
 */
class EcrAdapterTest extends ProviderFakes {
    static final String SERVICE_KEY = "AKIDSERVICEFAKE00001";
    static final String SERVICE_SECRET = "serviceSecretFAKEserviceSecretFAKE000001";
    static final String TEMP_KEY = "ASIATEMPFAKE00000001";
    static final String TEMP_SECRET = "tempSecretFAKEtempSecretFAKEtempSecret01";
    static final String SESSION_TOKEN = "FwoGZXIvYXdzEFAKEsessionToken0001";
    static final String ROLE = "arn:aws:iam::123456789012:role/hub-ecr-reader";
    static final String REGION = "eu-west-1";
    static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories";
    static final UUID ORG = UUID.fromString("01936f3e-1111-7000-8000-000000000001");
    static EcrAdapter adapter;

    @BeforeAll
    static void serviceIdentity() {
        // The service's own AWS identity, as the SDK's default credential chain finds it.
        System.setProperty("aws.accessKeyId", SERVICE_KEY);
        System.setProperty("aws.secretAccessKey", SERVICE_SECRET);
        adapter = new EcrAdapter(providerHttp());
    }

    /** The SDK's first call initialises a lot (endpoint rules, signers): a slow, shared machine needs more than 5 s. */
    static List<DiscoveredResource> discover(EcrAdapter adapter, SyncSource source) {
        return adapter.discover(source).await().atMost(java.time.Duration.ofSeconds(60));
    }

    static ProviderFailure failure(EcrAdapter adapter, SyncSource source) {
        Throwable failure = adapter.discover(source).onItemOrFailure().transform((item, f) -> {
            if (f == null) {
                throw new AssertionError("expected a failure, got " + item);
            }
            return f;
        }).await().atMost(java.time.Duration.ofSeconds(60));
        assertThat(failure).isInstanceOf(ProviderFailure.class);
        return (ProviderFailure) failure;
    }

    @AfterAll
    static void close() {
        adapter.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    static SyncSource source(String region, String role) {
        return new SyncSource(ORG, "ecr", json("{}"), Map.of("region", region, "role_arn", role));
    }

    static RequestPatternBuilder sts() {
        return postRequestedFor(anyUrl()).withHeader("Authorization",
                matching("AWS4-HMAC-SHA256 Credential=" + SERVICE_KEY + "/\\d{8}/" + REGION + "/sts/aws4_request, .*Signature=[0-9a-f]{64}"));
    }

    static RequestPatternBuilder ecr() {
        return postRequestedFor(anyUrl()).withHeader("X-Amz-Target", equalTo(TARGET))
                .withHeader("Authorization",
                        matching("AWS4-HMAC-SHA256 Credential=" + TEMP_KEY + "/\\d{8}/" + REGION + "/ecr/aws4_request, .*Signature=[0-9a-f]{64}"))
                .withHeader("X-Amz-Security-Token", equalTo(SESSION_TOKEN))
                .withHeader("Content-Type", containing("application/x-amz-json-1.1"));
    }

    static void stubAssumeRole() {
        wireMock.stubFor(post(anyUrl()).withHeader("Authorization", containing("/sts/aws4_request"))
                .withRequestBody(containing("Action=AssumeRole"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
                        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                          <AssumeRoleResult>
                            <SourceIdentity>hub</SourceIdentity>
                            <AssumedRoleUser>
                              <Arn>arn:aws:sts::123456789012:assumed-role/hub-ecr-reader/integrations-hub-sync</Arn>
                              <AssumedRoleId>AROA3XFRBF535PLBIFPI4:integrations-hub-sync</AssumedRoleId>
                            </AssumedRoleUser>
                            <Credentials>
                              <AccessKeyId>%s</AccessKeyId>
                              <SecretAccessKey>%s</SecretAccessKey>
                              <SessionToken>%s</SessionToken>
                              <Expiration>2026-11-30T23:59:59Z</Expiration>
                            </Credentials>
                            <PackedPolicySize>6</PackedPolicySize>
                          </AssumeRoleResult>
                          <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
                        </AssumeRoleResponse>""".formatted(TEMP_KEY, TEMP_SECRET, SESSION_TOKEN))));
    }

    static String repository(String name) {
        return """
                {"repositoryArn": "arn:aws:ecr:%s:123456789012:repository/%s", "registryId": "123456789012",
                 "repositoryName": "%s", "repositoryUri": "123456789012.dkr.ecr.%s.amazonaws.com/%s",
                 "createdAt": 1.732E9, "imageTagMutability": "MUTABLE",
                 "imageScanningConfiguration": {"scanOnPush": false}, "encryptionConfiguration": {"encryptionType": "AES256"}}
                """.formatted(REGION, name, name, REGION, name);
    }

    @Test
    void assumesTheRoleWithTheOrganisationAsExternalIdThenPagesRepositoriesByNextToken() {
        stubAssumeRole();
        wireMock.stubFor(post(anyUrl()).withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(equalToJson("{\"maxResults\": 1000}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"repositories\": [" + repository("api") + "," + repository("team/web") + "], \"nextToken\": \"page-2-token\"}")));
        wireMock.stubFor(post(anyUrl()).withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(equalToJson("{\"maxResults\": 1000, \"nextToken\": \"page-2-token\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"repositories\": [" + repository("worker") + "]}")));

        List<DiscoveredResource> found = discover(adapter, source(REGION, ROLE));

        assertThat(map(found, DiscoveredResource::name)).containsExactly("api", "team/web", "worker");
        DiscoveredResource api = found.get(0);
        assertThat(api.externalId()).isEqualTo("arn:aws:ecr:eu-west-1:123456789012:repository/api");
        assertThat(api.kind()).isEqualTo("image");
        assertThat(api.metadata()).containsEntry("reference", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api")
                .containsEntry("region", REGION);
        wireMock.verify(1, sts().withUrl("/")
                .withRequestBody(containing("Action=AssumeRole"))
                .withRequestBody(containing("Version=2011-06-15"))
                .withRequestBody(containing("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fhub-ecr-reader"))
                .withRequestBody(containing("ExternalId=" + ORG))
                .withRequestBody(containing("RoleSessionName=integrations-hub-sync")));
        wireMock.verify(1, ecr().withRequestBody(equalToJson("{\"maxResults\": 1000}")));
        wireMock.verify(1, ecr().withRequestBody(equalToJson("{\"maxResults\": 1000, \"nextToken\": \"page-2-token\"}")));
        wireMock.verify(3, anyRequestedFor(anyUrl()));
    }

    @Test
    void aRoleThatRefusesTheServiceIsAuthAndEcrIsNotCalled() {
        wireMock.stubFor(post(anyUrl()).withHeader("Authorization", containing("/sts/aws4_request"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody("""
                        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                          <Error><Type>Sender</Type><Code>AccessDenied</Code>
                            <Message>User: arn:aws:iam::999999999999:user/hub is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/hub-ecr-reader</Message>
                          </Error>
                          <RequestId>4fb5ed5f-0000-0000-0000-000000000000</RequestId>
                        </ErrorResponse>""")));

        ProviderFailure failure = failure(adapter, source(REGION, ROLE));

        assertThat(failure.kind()).isEqualTo(Kind.AUTH);
        assertThat(failure.code()).isEqualTo("provider_auth_failed");
        assertThat(failure.getMessage()).isEqualTo("ecr AssumeRole answered 403 (AccessDenied) (credentials refused)");
        wireMock.verify(1, sts());
        wireMock.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void ecrThrottlingIsRateLimitedAndServerErrorsTransient() {
        stubAssumeRole();
        wireMock.stubFor(post(anyUrl()).withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\": \"ThrottlingException\", \"message\": \"Rate exceeded\"}")));
        assertThat(failure(adapter, source(REGION, ROLE)).kind()).isEqualTo(Kind.RATE_LIMITED);

        wireMock.stubFor(post(anyUrl()).withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\": \"ServerException\", \"message\": \"internal\"}")));
        ProviderFailure failure = failure(adapter, source(REGION, ROLE));
        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.getMessage()).isEqualTo("ecr DescribeRepositories answered 500 (ServerException)");
    }

    @Test
    void theSigningRegionIsTheIntegrationsRegion() {
        stubAssumeRole();
        wireMock.stubFor(post(anyUrl()).withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"repositories\": []}")));

        assertThat(discover(adapter, source("us-east-2", ROLE))).isEmpty();

        wireMock.verify(1, postRequestedFor(anyUrl()).withHeader("Authorization",
                matching(".*Credential=" + SERVICE_KEY + "/\\d{8}/us-east-2/sts/aws4_request, .*")));
        wireMock.verify(1, postRequestedFor(anyUrl()).withHeader("Authorization",
                matching(".*Credential=" + TEMP_KEY + "/\\d{8}/us-east-2/ecr/aws4_request, .*")));
    }
}
