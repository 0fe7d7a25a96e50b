package io.integrationshub.outbound;

/**
 * An outbound request the guard refused before connecting. The message names the host and the
 * reason; it never holds the path, query or headers, which can carry secrets (webhook URLs do).
 * {@link #reason()} leaves the host and addresses out, for callers whose host is itself
 * confidential.
 */
public class OutboundRefusedException extends RuntimeException {
    private final String reason;

    public OutboundRefusedException(String host, String reason) {
        this(host, reason, reason);
    }

    OutboundRefusedException(String host, String reason, String detail) {
        super(host == null ? "outbound request refused: " + detail
                : "outbound request to " + host + " refused: " + detail, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
