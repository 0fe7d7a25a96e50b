package io.integrationshub.outbound;

/** A response body went past {@code hub.outbound.max-response-bytes}; the exchange was aborted. */
public class ResponseTooLargeException extends RuntimeException {
    public ResponseTooLargeException(long limit) {
        super("response body larger than " + limit + " bytes", null, false, false);
    }
}
