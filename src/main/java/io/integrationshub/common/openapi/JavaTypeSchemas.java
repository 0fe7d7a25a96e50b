package io.integrationshub.common.openapi;

import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Java types are not part of the API: SmallRye names components after JDK and Jackson classes
 * (UUID, Instant, com.fasterxml.jackson.databind.JsonNode). Every reference to one is replaced by
 * the wire type inline (string/uuid, string/date-time, free-form object) and the component removed,
 * so clients generated from the document get plain strings and maps instead of classes named after
 * our implementation.
 */
final class JavaTypeSchemas {
    private static final String PREFIX = "#/components/schemas/";

    /** Component name -> {type, format}; format may be null. */
    private static final Map<String, String[]> WIRE_TYPES = Map.ofEntries(
            Map.entry("UUID", new String[]{"string", "uuid"}),
            Map.entry("Instant", new String[]{"string", "date-time"}),
            Map.entry("OffsetDateTime", new String[]{"string", "date-time"}),
            Map.entry("ZonedDateTime", new String[]{"string", "date-time"}),
            Map.entry("LocalDate", new String[]{"string", "date"}),
            Map.entry("Duration", new String[]{"string", "duration"}),
            Map.entry("URI", new String[]{"string", "uri"}),
            Map.entry("URL", new String[]{"string", "uri"}),
            Map.entry("com.fasterxml.jackson.databind.JsonNode", new String[]{"object", null}),
            Map.entry("com.fasterxml.jackson.databind.node.ObjectNode", new String[]{"object", null}));

    private JavaTypeSchemas() {
    }

    /** Whether a component name is one of ours rather than a Java class's. */
    static boolean isJavaTypeName(String name) {
        return WIRE_TYPES.containsKey(name) || name.contains(".");
    }

    static void inline(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components != null) {
            if (components.getSchemas() != null) {
                components.getSchemas().values().forEach(JavaTypeSchemas::visit);
                new ArrayList<>(components.getSchemas().keySet()).stream()
                        .filter(WIRE_TYPES::containsKey).forEach(components::removeSchema);
            }
            if (components.getResponses() != null) {
                components.getResponses().values().forEach(JavaTypeSchemas::visit);
            }
            if (components.getParameters() != null) {
                components.getParameters().values().forEach(JavaTypeSchemas::visit);
            }
        }
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().values().forEach(item -> {
                if (item.getParameters() != null) {
                    item.getParameters().forEach(JavaTypeSchemas::visit);
                }
                item.getOperations().values().forEach(JavaTypeSchemas::visit);
            });
        }
    }

    private static void visit(Operation operation) {
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(JavaTypeSchemas::visit);
        }
        RequestBody body = operation.getRequestBody();
        if (body != null) {
            visit(body.getContent());
        }
        if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
            operation.getResponses().getAPIResponses().values().forEach(JavaTypeSchemas::visit);
        }
    }

    private static void visit(Parameter parameter) {
        visit(parameter.getSchema());
        visit(parameter.getContent());
    }

    private static void visit(APIResponse response) {
        visit(response.getContent());
        if (response.getHeaders() != null) {
            for (Header header : response.getHeaders().values()) {
                visit(header.getSchema());
            }
        }
    }

    private static void visit(Content content) {
        if (content != null && content.getMediaTypes() != null) {
            for (MediaType mediaType : content.getMediaTypes().values()) {
                visit(mediaType.getSchema());
            }
        }
    }

    /** Children first, so that a nullable wrapper sees its already inlined alternative. */
    private static void visit(Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(JavaTypeSchemas::visit);
        }
        visit(schema.getItems());
        visit(schema.getAdditionalPropertiesSchema());
        visit(schema.getNot());
        for (List<Schema> list : List.of(nonNull(schema.getAllOf()), nonNull(schema.getAnyOf()),
                nonNull(schema.getOneOf()), nonNull(schema.getPrefixItems()))) {
            list.forEach(JavaTypeSchemas::visit);
        }
        String ref = schema.getRef();
        if (ref != null && ref.startsWith(PREFIX) && WIRE_TYPES.containsKey(ref.substring(PREFIX.length()))) {
            String[] wire = WIRE_TYPES.get(ref.substring(PREFIX.length()));
            schema.setRef(null);
            if (schema.getType() == null || schema.getType().isEmpty()) {
                schema.setType(List.of(SchemaType.valueOf(wire[0].toUpperCase())));
            }
            if (wire[1] != null && schema.getFormat() == null) {
                schema.setFormat(wire[1]);
            }
        }
        collapseNullable(schema);
    }

    /** {type: [string, null], anyOf: [{type: string, format: uuid}, {type: null}]} becomes {type: [string, null], format: uuid}. */
    private static void collapseNullable(Schema schema) {
        List<Schema> anyOf = schema.getAnyOf();
        if (anyOf == null || anyOf.size() != 2) {
            return;
        }
        Schema nullType = anyOf.stream().filter(JavaTypeSchemas::isNullOnly).findFirst().orElse(null);
        Schema other = anyOf.stream().filter(s -> s != nullType).findFirst().orElse(null);
        if (nullType == null || other == null || other.getRef() != null || !isPlain(other)) {
            return;
        }
        Set<SchemaType> types = new LinkedHashSet<>(nonNull(other.getType()));
        types.addAll(nonNull(schema.getType()));
        types.add(SchemaType.NULL);
        schema.setAnyOf(null);
        schema.setType(new ArrayList<>(types));
        if (schema.getFormat() == null && other.getFormat() != null) {
            schema.setFormat(other.getFormat());
        }
    }

    private static boolean isNullOnly(Schema schema) {
        return schema.getRef() == null && schema.getType() != null && schema.getType().equals(List.of(SchemaType.NULL))
                && schema.getAll().size() == 1;
    }

    /** Only a type and perhaps a format: what an inlined Java type leaves. */
    private static boolean isPlain(Schema schema) {
        return schema.getAll().keySet().stream().allMatch(key -> key.equals("type") || key.equals("format"));
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
