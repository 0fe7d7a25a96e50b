package io.integrationshub.common.domain;

import io.integrationshub.common.web.HttpUrls;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every violation of the values given for a domain object, each with its path, then fails once with
 * all of them ({@link Invalid}). Services check their input with it; the provider sections are checked by
 * {@code providers.ProviderValidator} (JSON Schema), whose violations join through {@link #addAll}.
 */
public final class FieldCheck {
    private final List<Invalid.Violation> violations = new ArrayList<>();

    /** A check of {@code given}, which must be there at all. */
    public static FieldCheck of(Object given) {
        if (given == null) {
            throw Invalid.of("", "a JSON object body is required");
        }
        return new FieldCheck();
    }

    public FieldCheck add(String path, String detail) {
        violations.add(new Invalid.Violation(path, detail));
        return this;
    }

    public FieldCheck addAll(List<Invalid.Violation> more) {
        violations.addAll(more);
        return this;
    }

    public FieldCheck required(String path, Object value) {
        if (value == null) {
            add(path, "is required");
        }
        return this;
    }

    /** A required or optional string of 1..max characters that is not blank. */
    public FieldCheck text(String path, String value, boolean required, int max) {
        if (value == null) {
            if (required) {
                add(path, "is required");
            }
        } else if (value.isBlank()) {
            add(path, "must not be blank");
        } else {
            optionalText(path, value, max);
        }
        return this;
    }

    public FieldCheck optionalText(String path, String value, int max) {
        if (value != null && value.length() > max) {
            add(path, "must be at most " + max + " characters");
        }
        return this;
    }

    public FieldCheck httpUrl(String path, String value) {
        if (value != null && !value.isEmpty() && !HttpUrls.isAcceptable(value)) {
            add(path, HttpUrls.RULE);
        }
        return this;
    }

    public void orThrow() {
        if (!violations.isEmpty()) {
            throw new Invalid(Invalid.DETAIL, violations);
        }
    }
}
