package io.integrationshub.sync.adapters;

import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * AWS SDK failures as {@link ProviderFailure}s. Messages carry the operation, the HTTP status and
 * AWS's error code (fixed identifiers), never AWS's message text (it can quote ARNs and account ids).
 */
final class AwsFailures {
    static final Set<String> AUTH_CODES = Set.of("AccessDenied", "AccessDeniedException", "InvalidClientTokenId",
            "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException", "UnrecognizedClientException",
            "InvalidIdentityToken", "RegionDisabledException", "MissingAuthenticationToken");
    static final Set<String> THROTTLING_CODES = Set.of("Throttling", "ThrottlingException", "TooManyRequestsException",
            "RequestLimitExceeded", "ProvisionedThroughputExceededException");

    private AwsFailures() {
    }

    static ProviderFailure map(String provider, String operation, Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof ProviderFailure f) {
            return f;
        }
        if (t instanceof AwsServiceException aws) {
            int status = aws.statusCode();
            String code = aws.awsErrorDetails() == null || aws.awsErrorDetails().errorCode() == null ? "unknown"
                    : aws.awsErrorDetails().errorCode().replaceAll("[^A-Za-z0-9.]", "");
            String message = provider + " " + operation + " answered " + status + " (" + code + ")";
            if (THROTTLING_CODES.contains(code) || status == 429) {
                return new ProviderFailure(Kind.RATE_LIMITED, message, status, null);
            }
            if (AUTH_CODES.contains(code) || status == 401 || status == 403) {
                return new ProviderFailure(Kind.AUTH, message + " (credentials refused)", status, null);
            }
            if (status >= 500 || status == 408) {
                return new ProviderFailure(Kind.TRANSIENT, message, status, null);
            }
            return new ProviderFailure(Kind.PERMANENT, message, status, null);
        }
        if (t instanceof ApiCallTimeoutException) {
            return new ProviderFailure(Kind.TRANSIENT, provider + " " + operation + " did not answer in time");
        }
        if (t instanceof SdkClientException client && String.valueOf(client.getMessage()).contains("Unable to load credentials")) {
            return new ProviderFailure(Kind.PERMANENT, provider + " " + operation
                    + " could not start: the service has no AWS identity (default credential chain)");
        }
        return new ProviderFailure(Kind.TRANSIENT, provider + " " + operation + " failed (" + t.getClass().getSimpleName() + ")");
    }
}
