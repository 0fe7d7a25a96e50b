package io.integrationshub.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationshub.common.error.ProblemError;
import io.integrationshub.common.json.JsonPointers;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The body of a request whose endpoint takes none (POST .../sync, .../cancel, ...): nothing, or an empty JSON object,
 * which many clients send with every POST. Anything else would be silently ignored, so it is refused the way a body
 * is refused elsewhere (API.md 1: malformed JSON and unknown fields are 400 with a pointer).
 */
final class EmptyBodies {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EmptyBodies() {
    }

    /** What is wrong with {@code body}, or an empty list when it is empty or {@code {}}. */
    static List<ProblemError> problems(Buffer body) {
        String text = body.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return List.of();
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return List.of(ProblemError.pointer("", e.getLocation() == null ? "malformed JSON"
                    : "malformed JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        }
        if (node == null || !node.isObject()) {
            return List.of(ProblemError.pointer("", "request body must be a JSON object"));
        }
        List<ProblemError> fields = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            fields.add(ProblemError.pointer(JsonPointers.member("", names.next()), "is not a known field"));
        }
        return fields;
    }
}
