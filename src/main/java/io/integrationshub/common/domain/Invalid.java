package io.integrationshub.common.domain;

import java.util.List;

/**
 * The given values break the domain's rules (400). Each violation names its field by a path relative to the
 * domain object (JSON Pointer syntax, e.g. {@code /settings/auto_dep_upgrade_limit}); the edge tells it back as
 * a pointer into the request body, moving it first where the client sent the object in another shape.
 */
public final class Invalid extends DomainException {
    public static final String DETAIL = "request body is invalid";

    /** One broken rule: where in the domain object, and what is wrong, in short English. */
    public record Violation(String path, String detail) {
    }

    private final transient List<Violation> violations;

    public Invalid(String detail, List<Violation> violations) {
        super(detail);
        this.violations = List.copyOf(violations);
    }

    /** One violation, with the usual detail. */
    public static Invalid of(String path, String detail) {
        return new Invalid(DETAIL, List.of(new Violation(path, detail)));
    }

    /** A refusal that no single field explains (e.g. "the integration is not enabled"). */
    public static Invalid because(String detail) {
        return new Invalid(detail, List.of());
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The same refusal with the paths under {@code from} moved under {@code to}. */
    public Invalid rebased(String from, String to) {
        return new Invalid(getMessage(), violations.stream().map(v -> v.path().equals(from)
                || v.path().startsWith(from + "/") ? new Violation(to + v.path().substring(from.length()), v.detail())
                : v).toList());
    }
}
