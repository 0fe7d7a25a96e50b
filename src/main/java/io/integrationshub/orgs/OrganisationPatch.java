package io.integrationshub.orgs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.common.error.ProblemExceptionMappers;
import io.integrationshub.common.json.JsonPointers;
import io.integrationshub.common.domain.FieldCheck;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an organisation's PATCH body field by field, the way {@code IntegrationPatch} reads an integration's:
 * a field absent or null leaves its value alone; {@code profile} is merged key by key (a null value clears the
 * key, API.md 3).
 */
final class OrganisationPatch {
    /** What the PATCH changes: a trimmed name or null; the profile keys it sets (null value: clear) or null. */
    record Changes(String name, Map<String, String> profile) {
    }

    private OrganisationPatch() {
    }

    static Changes parse(ObjectNode body) {
        FieldCheck check = FieldCheck.of(body);
        String name = null;
        Map<String, String> profile = null;
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String pointer = JsonPointers.member("", field.getKey());
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                // Neither can be removed: null is a wrong type, not "leave unchanged" (omit the member for that).
                case "name" -> {
                    if (value.isTextual()) {
                        name = value.asText();
                    } else {
                        check.add(pointer, "must be a string");
                    }
                }
                case "profile" -> {
                    if (value.isObject()) {
                        profile = profile(check, pointer, value);
                    } else {
                        check.add(pointer, "must be an object (set one of its keys to null to clear it)");
                    }
                }
                default -> check.add(pointer, ProblemExceptionMappers.READ_ONLY_FIELDS.contains(field.getKey()) ? "is read-only" : "is not a known field");
            }
        }
        check.text("/name", name, false, 100);
        check.orThrow();
        return new Changes(name == null ? null : name.trim(), profile);
    }

    private static Map<String, String> profile(FieldCheck check, String pointer, JsonNode profile) {
        Map<String, String> changes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = profile.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            String keyPointer = JsonPointers.member(pointer, key);
            JsonNode value = field.getValue();
            if (!OrganisationViews.PROFILE_FIELDS.containsKey(key)) {
                check.add(keyPointer, "is not a known field");
            } else if (value.isNull()) {
                changes.put(key, null);
            } else if (!value.isTextual()) {
                check.add(keyPointer, "must be a string or null");
            } else {
                changes.put(key, value.asText());
                checkValue(check, key, value.asText());
            }
        }
        return changes;
    }

    /** The length and form rules of one profile key (also for a new organisation's profile). */
    static void checkValue(FieldCheck check, String key, String value) {
        check.optionalText("/profile/" + key, value, OrganisationViews.PROFILE_FIELDS.get(key));
        if (key.equals("website")) {
            check.httpUrl("/profile/website", value);
        }
    }
}
