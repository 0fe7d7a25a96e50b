package io.integrationshub.common.domain;

/** The thing asked for does not exist, or the caller may not know that it does (404). */
public final class NotFound extends DomainException {
    public NotFound(String detail) {
        super(detail);
    }
}
