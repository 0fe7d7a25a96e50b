package io.integrationshub.common.domain;

/** The caller is known but lacks the permission or right the operation needs (403). */
public final class Forbidden extends DomainException {
    public Forbidden(String detail) {
        super(detail);
    }
}
