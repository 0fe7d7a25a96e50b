package io.integrationshub.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.common.json.JsonFields;
import io.integrationshub.common.json.JsonPointers;
import io.integrationshub.common.domain.FieldCheck;
import io.integrationshub.integrations.IntegrationViews.UpdateIntegration;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Reads a PATCH body field by field, so that an explicit null or an immutable field is told apart from absence. */
final class IntegrationPatch {
    private static final Set<String> READ_ONLY = Set.of("id", "organisation_id", "credentials", "broker", "status",
            "created_at", "updated_at", "version");

    private IntegrationPatch() {
    }

    static UpdateIntegration parse(ObjectNode body) {
        FieldCheck check = FieldCheck.of(body);
        String profileName = null;
        String itemType = null;
        Boolean enabled = null;
        JsonNode configuration = null;
        Integer syncInterval = null;
        boolean syncIntervalGiven = false;
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            String pointer = JsonPointers.member("", name);
            switch (name) {
                case "provider" -> check.add(pointer, "is immutable");
                case "profile_name" -> profileName = JsonFields.text(check, pointer, value);
                case "item_type" -> itemType = JsonFields.text(check, pointer, value);
                case "enabled" -> enabled = JsonFields.bool(check, pointer, value);
                case "configuration" -> configuration = JsonFields.object(check, pointer, value);
                case "sync_interval_minutes" -> {
                    syncIntervalGiven = true;
                    if (value.isIntegralNumber() && value.canConvertToInt()) {
                        syncInterval = value.intValue();
                    } else if (!value.isNull()) {
                        check.add(pointer, "must be null or an integer");
                    }
                }
                default -> check.add(pointer, READ_ONLY.contains(name) ? "is read-only" : "is not a known field");
            }
        }
        check.orThrow();
        return new UpdateIntegration(profileName, itemType, enabled, configuration, syncIntervalGiven,
                syncInterval);
    }
}
