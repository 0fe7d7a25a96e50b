package io.integrationshub.common.domain;

/** A value is over the size the domain accepts (413). */
public final class TooLarge extends DomainException {
    public TooLarge(String detail) {
        super(detail);
    }
}
