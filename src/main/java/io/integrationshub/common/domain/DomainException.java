package io.integrationshub.common.domain;

/**
 * A rule of the domain refused the operation. Services throw these (never HTTP types); the one mapper at the
 * edge, {@code common.error.ProblemExceptionMappers}, turns each into its problem+json answer. The message is
 * the problem's detail, so it must be safe to show to the caller.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFound, Conflict, Forbidden, Invalid, TooLarge {

    protected DomainException(String detail) {
        super(detail, null, false, false);
    }
}
