package io.integrationshub.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationshub.common.domain.FieldCheck;
import io.integrationshub.common.json.JsonFields;
import io.integrationshub.common.json.JsonPointers;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reads create and update bodies field by field, so that unknown, read-only and mistyped fields are
 * each named by a JSON Pointer, and an explicit {@code null} is told apart from absence.
 */
final class NotificationRequests {
    private static final Set<String> READ_ONLY = Set.of("id", "project_id", "organisation_id", "created_at",
            "updated_at", "version", "signing_secret");

    /**
     * What a body gave. {@code channelGiven} with a null {@code channel} clears it; {@code events} holds
     * only the toggles given (null when events was absent).
     */
    record Fields(String type, Boolean enabled, boolean configurationGiven, String url, boolean channelGiven,
            String channel, ObjectNode events) {
    }

    private NotificationRequests() {
    }

    static Fields parse(JsonNode body, boolean creation) {
        FieldCheck check = FieldCheck.of(body);
        if (!body.isObject()) {
            check.add("", "must be a JSON object").orThrow();
        }
        String type = null;
        Boolean enabled = null;
        boolean configurationGiven = false;
        String url = null;
        boolean channelGiven = false;
        String channel = null;
        ObjectNode events = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            String pointer = JsonPointers.member("", name);
            switch (name) {
                case "type" -> {
                    if (!creation) {
                        check.add(pointer, "is immutable");
                    } else if (!value.isTextual()) {
                        check.add(pointer, "must be a string");
                    } else if (!value.textValue().equals(NotificationIntegration.SLACK)
                            && !value.textValue().equals(NotificationIntegration.WEBHOOK)) {
                        check.add(pointer, "must be slack or webhook");
                    } else {
                        type = value.textValue();
                    }
                }
                case "enabled" -> enabled = JsonFields.bool(check, pointer, value);
                case "configuration" -> {
                    if (!value.isObject()) {
                        check.add(pointer, "must be an object");
                        break;
                    }
                    configurationGiven = true;
                    for (Iterator<Map.Entry<String, JsonNode>> c = value.fields(); c.hasNext(); ) {
                        Map.Entry<String, JsonNode> entry = c.next();
                        String p = JsonPointers.member(pointer, entry.getKey());
                        JsonNode v = entry.getValue();
                        switch (entry.getKey()) {
                            case "url" -> url = JsonFields.text(check, p, v);
                            case "channel" -> {
                                channelGiven = true;
                                if (v.isNull()) {
                                    channel = null;
                                } else if (!v.isTextual()) {
                                    check.add(p, "must be a string or null");
                                } else if (v.textValue().isBlank() || v.textValue().length() > 80) {
                                    check.add(p, "must be 1 to 80 characters");
                                } else {
                                    channel = v.textValue().trim();
                                }
                            }
                            default -> check.add(p, "is not a known field");
                        }
                    }
                    if (creation && url == null && !value.has("url")) {
                        check.add(pointer + "/url", "is required");
                    }
                }
                case "events" -> {
                    if (!value.isObject()) {
                        check.add(pointer, "must be an object");
                        break;
                    }
                    events = JsonNodeFactory.instance.objectNode();
                    for (Iterator<Map.Entry<String, JsonNode>> e = value.fields(); e.hasNext(); ) {
                        Map.Entry<String, JsonNode> entry = e.next();
                        String p = JsonPointers.member(pointer, entry.getKey());
                        if (!EventTypes.TOGGLES.contains(entry.getKey())) {
                            check.add(p, "is not a known event toggle; known: " + String.join(", ", EventTypes.TOGGLES));
                        } else if (!entry.getValue().isBoolean()) {
                            check.add(p, "must be a boolean");
                        } else {
                            events.put(entry.getKey(), entry.getValue().booleanValue());
                        }
                    }
                }
                default -> check.add(pointer, READ_ONLY.contains(name) ? "is read-only" : "is not a known field");
            }
        }
        if (creation) {
            check.required("/type", body.has("type") ? "" : null);
            if (!body.has("configuration")) {
                check.add("/configuration", "is required");
            }
        }
        check.orThrow();
        return new Fields(type, enabled, configurationGiven, url, channelGiven, channel, events);
    }

    /** The full toggle set: at creation, absent events subscribe to everything; given events default the rest to false. */
    static ObjectNode eventsOnCreate(ObjectNode given) {
        ObjectNode events = JsonNodeFactory.instance.objectNode();
        for (String toggle : EventTypes.TOGGLES) {
            events.put(toggle, given == null || given.path(toggle).asBoolean(false));
        }
        return events;
    }

    /** Toggles given replace theirs; the others keep their value. */
    static ObjectNode eventsOnUpdate(JsonNode current, ObjectNode given) {
        ObjectNode events = JsonNodeFactory.instance.objectNode();
        for (String toggle : EventTypes.TOGGLES) {
            events.put(toggle, given.has(toggle) ? given.get(toggle).booleanValue() : current.path(toggle).asBoolean(false));
        }
        return events;
    }
}
