package io.integrationshub.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationshub.common.Times;
import io.integrationshub.common.domain.FieldCheck;
import io.integrationshub.common.domain.Invalid;
import io.integrationshub.common.json.JsonPointers;
import io.integrationshub.common.json.Rfc3339;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;

/** The bodies of POST …/events and POST …/deliveries/recover (API.md 10), read into what the service stores. */
final class EventRequests {
    static final int MAX_DATA_BYTES = 64 * 1024;
    static final Duration RECOVER_WINDOW = Duration.ofDays(7);

    private EventRequests() {
    }

    record Event(String type, JsonNode data, Instant occurredAt, int dataBytes) {
    }

    static Event event(JsonNode body, ObjectMapper json) {
        FieldCheck check = FieldCheck.of(body);
        if (!body.isObject()) {
            check.add("", "must be a JSON object").orThrow();
        }
        String type = null;
        JsonNode data = null;
        Instant occurredAt = Times.now();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isNull() && field.getKey().equals("occurred_at")) {
                continue; // an explicit null is the default, as an absent optional field
            }
            switch (field.getKey()) {
                case "type" -> {
                    if (!value.isTextual() || EventTypes.toggleOf(value.textValue()).isEmpty()) {
                        check.add("/type", "must be one of " + String.join(", ", EventTypes.TYPES));
                    } else {
                        type = value.textValue();
                    }
                }
                case "data" -> {
                    if (value.isNull()) {
                        check.add("/data", "is required");
                    } else if (!value.isObject()) {
                        check.add("/data", "must be an object");
                    } else {
                        data = value;
                    }
                }
                case "occurred_at" -> {
                    Instant parsed = value.isTextual() ? timestamp(value.textValue()) : null;
                    if (parsed == null) {
                        check.add("/occurred_at", "must be an RFC 3339 timestamp such as 2026-11-23T10:15:30.123Z");
                    } else {
                        occurredAt = parsed;
                    }
                }
                default -> check.add(JsonPointers.member("", field.getKey()), "is not a known field");
            }
        }
        if (!body.has("type")) {
            check.add("/type", "is required");
        }
        if (!body.has("data")) {
            check.add("/data", "is required"); // API.md 10: {type, data, occurred_at?}; only occurred_at is optional
        }
        check.orThrow();
        int bytes;
        try {
            bytes = json.writeValueAsBytes(data).length;
        } catch (JsonProcessingException e) {
            throw Invalid.of("/data", "cannot be serialized");
        }
        if (bytes > MAX_DATA_BYTES) {
            // A schema limit of one field, so 400 with its pointer (API.md 1.1); 413 is for bodies over 1 MiB.
            throw Invalid.of("/data", "must be at most 64 KiB (" + MAX_DATA_BYTES + " bytes) as JSON; it is "
                    + bytes + " bytes");
        }
        return new Event(type, data, occurredAt, bytes);
    }

    static Instant since(JsonNode body) {
        FieldCheck check = FieldCheck.of(body);
        if (!body.isObject()) {
            check.add("", "must be a JSON object").orThrow();
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("since")) {
                check.add(JsonPointers.member("", name), "is not a known field");
            }
        });
        JsonNode value = body.get("since");
        Instant since = value != null && value.isTextual() ? timestamp(value.textValue()) : null;
        if (value == null || value.isNull()) {
            check.add("/since", "is required");
        } else if (since == null) {
            check.add("/since", "must be an RFC 3339 timestamp such as 2026-11-23T10:15:30.123Z");
        } else if (since.isBefore(Instant.now().minus(RECOVER_WINDOW))) {
            check.add("/since", "must be at most 7 days ago");
        }
        check.orThrow();
        return since;
    }

    /** RFC 3339 with a four-digit year (Rfc3339.parse), to the millisecond the API writes back; else null. */
    private static Instant timestamp(String text) {
        Instant parsed = Rfc3339.parse(text);
        return parsed == null ? null : parsed.truncatedTo(ChronoUnit.MILLIS);
    }
}
