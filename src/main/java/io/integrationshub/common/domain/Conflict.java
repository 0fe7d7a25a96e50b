package io.integrationshub.common.domain;

/** The operation does not fit the current state: a duplicate, a race, a state that forbids it (409). */
public final class Conflict extends DomainException {
    public Conflict(String detail) {
        super(detail);
    }
}
