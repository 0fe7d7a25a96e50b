package io.integrationshub.common.error;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.net.ConnectException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** Classifies failures that come from below the service (database, network) by their cause chain. */
public final class Failures {
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    private Failures() {
    }

    public static Optional<PgException> pgException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg) {
                return Optional.of(pg);
            }
        }
        return Optional.empty();
    }

    public static boolean isUniqueViolation(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Hibernate converts the driver's error into its own exception, keeping state and constraint name.
            if (t instanceof org.hibernate.exception.ConstraintViolationException cve
                    && (UNIQUE_VIOLATION.equals(cve.getSQLState())
                            || cve.getKind() == org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE)) {
                return constraint == null || constraint.equals(cve.getConstraintName())
                        || String.valueOf(cve.getMessage()).contains(constraint);
            }
        }
        return pgException(failure)
                .filter(pg -> UNIQUE_VIOLATION.equals(pg.getSqlState()))
                .filter(pg -> constraint == null || (pg.getConstraint() != null ? pg.getConstraint().equals(constraint)
                        : String.valueOf(pg.getErrorMessage()).contains(constraint)))
                .isPresent();
    }

    /** The database could not be reached or dropped the connection: answer 503, not 500. */
    public static boolean isDatabaseUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedConnectionException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
                return true;
            }
            String name = t.getClass().getName();
            if (name.contains("ConnectionPoolTooBusy") || name.endsWith("AnnotatedConnectException")) {
                return true;
            }
            if (isPoolWaitTimeout(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pool's wait for a free connection ran out (Vert.x fails it with a bare "Timeout"): every
     * connection is busy or the database does not answer, so the request is refused with 503, not 500.
     */
    static boolean isPoolWaitTimeout(Throwable t) {
        return t.getClass().getName().equals("io.vertx.core.impl.NoStackTraceThrowable") && "Timeout".equals(t.getMessage());
    }

    /** A statement cancelled by its timeout, or a wait that ran out. */
    public static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
            if (t instanceof PgException pg && "57014".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
