package io.integrationshub.common.web;

import io.integrationshub.common.error.ApiException;
import io.integrationshub.common.error.ProblemError;

import java.util.ArrayList;
import java.util.List;

/** Collects every violation of a request body, each with its JSON Pointer, then fails once with all of them. */
public final class BodyCheck {
    private final List<ProblemError> errors = new ArrayList<>();

    public static BodyCheck of(Object body) {
        if (body == null) {
            throw ApiException.badPointer("", "a JSON object body is required");
        }
        return new BodyCheck();
    }

    public BodyCheck add(String pointer, String detail) {
        errors.add(ProblemError.pointer(pointer, detail));
        return this;
    }

    public BodyCheck addAll(List<ProblemError> more) {
        errors.addAll(more);
        return this;
    }

    public BodyCheck required(String pointer, Object value) {
        if (value == null) {
            add(pointer, "is required");
        }
        return this;
    }

    /** A required or optional string of 1..max characters that is not blank. */
    public BodyCheck text(String pointer, String value, boolean required, int max) {
        if (value == null) {
            if (required) {
                add(pointer, "is required");
            }
        } else if (value.isBlank()) {
            add(pointer, "must not be blank");
        } else if (value.length() > max) {
            add(pointer, "must be at most " + max + " characters");
        }
        return this;
    }

    public BodyCheck optionalText(String pointer, String value, int max) {
        if (value != null && value.length() > max) {
            add(pointer, "must be at most " + max + " characters");
        }
        return this;
    }

    public BodyCheck httpUrl(String pointer, String value) {
        if (value != null && !value.isEmpty() && !HttpUrls.isAcceptable(value)) {
            add(pointer, HttpUrls.RULE);
        }
        return this;
    }

    public void orThrow() {
        if (!errors.isEmpty()) {
            throw ApiException.badInput("request body is invalid", errors);
        }
    }
}
