package io.integrationshub.common.web;

import io.integrationshub.common.error.ApiException;

/**
 * The edge's one check of a request body's presence: a JSON object is required. What the body holds is
 * checked by the services ({@code common.domain.FieldCheck}), which speak of the domain object's fields.
 */
public final class BodyCheck {
    private BodyCheck() {
    }

    public static void required(Object body) {
        if (body == null) {
            throw ApiException.badPointer("", "a JSON object body is required");
        }
    }
}
