package io.integrationshub.sync;

import java.time.Instant;

/**
 * A provider call that did not give a usable answer. The message says which provider answered
 * what to which request path, and never contains credentials, hosts taken from credentials or
 * secret URLs. No cause is attached: client exceptions can quote the full request URL.
 */
public class ProviderFailure extends RuntimeException {
    public enum Kind {
        /** 401/403: the credentials are wrong, revoked or lack a permission. The job fails with provider_auth_failed. */
        AUTH("provider_auth_failed"),
        /** 429 or exhausted rate-limit headers: run again at {@link #retryAt()} (or with backoff when null). */
        RATE_LIMITED("provider_rate_limited"),
        /** 5xx, timeouts, connection failures: retry with backoff. */
        TRANSIENT("provider_unavailable"),
        /** Anything retrying will not fix: other 4xx, unexpected bodies, refused destinations, bad configuration. */
        PERMANENT("provider_error");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Kind kind;
    private final Instant retryAt;
    private final Integer providerStatus;

    public ProviderFailure(Kind kind, String message, Integer providerStatus, Instant retryAt) {
        super(message, null, false, false);
        this.kind = kind;
        this.providerStatus = providerStatus;
        this.retryAt = retryAt;
    }

    public ProviderFailure(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** When the provider allows the next call; only for RATE_LIMITED and may be null there. */
    public Instant retryAt() {
        return retryAt;
    }

    /** The provider's HTTP status, when it answered at all. */
    public Integer providerStatus() {
        return providerStatus;
    }

    /** The job error code (API.md 7): provider_auth_failed, provider_rate_limited, provider_unavailable, provider_error. */
    public String code() {
        return kind.code();
    }

    public boolean retryable() {
        return kind == Kind.RATE_LIMITED || kind == Kind.TRANSIENT;
    }
}
