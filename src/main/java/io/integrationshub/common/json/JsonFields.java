package io.integrationshub.common.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.common.domain.FieldCheck;

/**
 * Typed reads of the members of a request body that is read field by field (PATCH bodies): the value when it has
 * the type, else null with "must be a ..." added to the check at its pointer.
 */
public final class JsonFields {
    private JsonFields() {
    }

    public static String text(FieldCheck check, String pointer, JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        check.add(pointer, "must be a string");
        return null;
    }

    public static Boolean bool(FieldCheck check, String pointer, JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        check.add(pointer, "must be a boolean");
        return null;
    }

    public static JsonNode object(FieldCheck check, String pointer, JsonNode value) {
        if (value.isObject()) {
            return value;
        }
        check.add(pointer, "must be an object");
        return null;
    }
}
