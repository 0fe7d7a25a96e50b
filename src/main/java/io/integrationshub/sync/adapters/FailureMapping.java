package io.integrationshub.sync.adapters;

import io.integrationshub.outbound.OutboundRefusedException;
import io.integrationshub.outbound.ResponseTooLargeException;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.adapters.ProviderHttp.Call;
import io.integrationshub.sync.adapters.ProviderHttp.ProviderResponse;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns provider answers and transport errors into {@link ProviderFailure}s (API.md 7). Messages name
 * the provider, the status and the request path (or a redacted label), never a host, query, header
 * or body.
 */
final class FailureMapping {
    private FailureMapping() {
    }

    /** The failure for a non-2xx answer. */
    static ProviderFailure failure(ProviderResponse response) {
        Call call = response.call();
        int status = response.status();
        String answered = call.provider() + " answered " + status + " on " + call.describe();
        if (status == 429 || (status == 403 && (response.header("Retry-After") != null
                || RateLimitHeaders.exhausted(response::header)))) {
            return new ProviderFailure(Kind.RATE_LIMITED, answered + " (rate limited)", status,
                    RateLimitHeaders.retryAt(response::header, Instant.now()));
        }
        if (status == 401 || status == 403) {
            return new ProviderFailure(Kind.AUTH, answered + " (credentials refused)", status, null);
        }
        if (status >= 500 || status == 408) {
            return new ProviderFailure(Kind.TRANSIENT, answered, status, null);
        }
        if (status >= 300 && status < 400) {
            return new ProviderFailure(Kind.PERMANENT, answered + " (a redirect, which is not followed)", status, null);
        }
        return new ProviderFailure(Kind.PERMANENT, answered, status, null);
    }

    /** A PERMANENT failure for an answer the adapter cannot use. */
    static ProviderFailure unexpected(Call call, String what) {
        return new ProviderFailure(Kind.PERMANENT, call.provider() + " answered " + what + " on " + call.describe());
    }

    static ProviderFailure transport(Call call, Throwable failure) {
        String on = " on " + call.describe();
        String p = call.provider();
        if (failure instanceof OutboundRefusedException refused) {
            return new ProviderFailure(Kind.PERMANENT, p + " request refused" + on + ": " + refused.reason());
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ResponseTooLargeException) {
                return new ProviderFailure(Kind.PERMANENT, p + " answered a body larger than the response size limit" + on);
            }
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return new ProviderFailure(Kind.TRANSIENT, p + " did not answer in time" + on);
            }
            if (t instanceof UnknownHostException) {
                return new ProviderFailure(Kind.TRANSIENT, p + " host could not be resolved" + on);
            }
            if (t instanceof ConnectException) {
                return new ProviderFailure(Kind.TRANSIENT, p + " could not be connected to" + on);
            }
            if (t instanceof SSLException) {
                return new ProviderFailure(Kind.TRANSIENT, p + " TLS handshake failed" + on);
            }
        }
        // Exception messages of the HTTP client can quote the request URL: only the type is kept.
        return new ProviderFailure(Kind.TRANSIENT, p + " request failed (" + failure.getClass().getSimpleName() + ")" + on);
    }
}
