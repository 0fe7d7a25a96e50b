package io.integrationshub.common.error;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes a problem body with Jackson's streaming generator, field by field: no reflection (works the
 * same in a native image without registrations) and no CDI lookup (usable before the container is up,
 * from Vert.x routes and failure handlers). Field names and the omission of nulls match {@link Problem}.
 */
final class ProblemJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ProblemJson() {
    }

    static String write(Problem problem) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            field(json, "type", problem.type());
            field(json, "title", problem.title());
            json.writeNumberField("status", problem.status());
            field(json, "code", problem.code());
            field(json, "detail", problem.detail());
            field(json, "instance", problem.instance());
            field(json, "request_id", problem.requestId());
            if (problem.errors() != null) {
                json.writeArrayFieldStart("errors");
                for (ProblemError error : problem.errors()) {
                    json.writeStartObject();
                    field(json, "pointer", error.pointer());
                    field(json, "parameter", error.parameter());
                    field(json, "header", error.header());
                    field(json, "detail", error.detail());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void field(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }
}
