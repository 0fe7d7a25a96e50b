package io.integrationshub.common.openapi;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Marks every property of the schemas the service answers with (2xx bodies) as required: the representations are
 * written with every field, null ones included (Jackson's default inclusion; only problem bodies leave nulls out,
 * and they are error responses), so a client generated from the document can rely on each field being there.
 * SmallRye lists no required properties for records, which made every field optional in generated clients. Schemas
 * that are also request bodies keep their own {@code required}, which describes what a client must send.
 */
public final class ResponseSchemas {
    /**
     * Schema extension of a response property written only when it has a value ({@code @JsonInclude(NON_NULL)} on
     * the field, e.g. a secret shown once): left out of {@code required}, and removed from the published document.
     */
    public static final String OPTIONAL = "x-hub-optional";
    private static final String COMPONENT = "#/components/schemas/";

    private ResponseSchemas() {
    }

    static void requireAllProperties(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null || openAPI.getComponents() == null
                || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> components = openAPI.getComponents().getSchemas();
        Set<String> requests = new HashSet<>();
        List<Schema> responses = new ArrayList<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getRequestBody() != null) {
                schemasOf(operation.getRequestBody().getContent()).forEach(s -> collectNames(s, components, requests));
            }
            successes(operation).forEach(response -> responses.addAll(schemasOf(response.getContent())));
        }));
        Set<Schema> done = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        responses.forEach(schema -> require(schema, components, requests, done));
        components.values().forEach(ResponseSchemas::dropMarkers);
    }

    private static void dropMarkers(Schema schema) {
        if (schema != null && schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> {
                if (property != null && property.getExtensions() != null && property.getExtensions().containsKey(OPTIONAL)) {
                    property.removeExtension(OPTIONAL);
                }
            });
        }
    }

    private static List<APIResponse> successes(Operation operation) {
        List<APIResponse> out = new ArrayList<>();
        if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
            operation.getResponses().getAPIResponses().forEach((status, response) -> {
                if (status.startsWith("2") && response != null) {
                    out.add(response);
                }
            });
        }
        return out;
    }

    private static List<Schema> schemasOf(Content content) {
        List<Schema> out = new ArrayList<>();
        if (content != null && content.getMediaTypes() != null) {
            for (MediaType type : content.getMediaTypes().values()) {
                if (type != null && type.getSchema() != null) {
                    out.add(type.getSchema());
                }
            }
        }
        return out;
    }

    /** The component names a request body reaches. */
    private static void collectNames(Schema schema, Map<String, Schema> components, Set<String> names) {
        if (schema == null) {
            return;
        }
        String ref = schema.getRef();
        if (ref != null && ref.startsWith(COMPONENT)) {
            String name = ref.substring(COMPONENT.length());
            if (names.add(name)) {
                collectNames(components.get(name), components, names);
            }
            return;
        }
        children(schema).forEach(child -> collectNames(child, components, names));
    }

    private static void require(Schema schema, Map<String, Schema> components, Set<String> requests, Set<Schema> done) {
        if (schema == null || !done.add(schema)) {
            return;
        }
        String ref = schema.getRef();
        if (ref != null && ref.startsWith(COMPONENT)) {
            String name = ref.substring(COMPONENT.length());
            if (!requests.contains(name)) {
                require(components.get(name), components, requests, done);
            }
            return;
        }
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null && !properties.isEmpty() && (schema.getRequired() == null || schema.getRequired().isEmpty())) {
            List<String> always = new ArrayList<>();
            properties.forEach((name, property) -> {
                if (property == null || property.getExtensions() == null || !property.getExtensions().containsKey(OPTIONAL)) {
                    always.add(name);
                }
            });
            schema.setRequired(always);
        }
        children(schema).forEach(child -> require(child, components, requests, done));
    }

    private static List<Schema> children(Schema schema) {
        List<Schema> out = new ArrayList<>();
        if (schema.getProperties() != null) {
            out.addAll(schema.getProperties().values());
        }
        if (schema.getItems() != null) {
            out.add(schema.getItems());
        }
        if (schema.getAllOf() != null) {
            out.addAll(schema.getAllOf());
        }
        if (schema.getAnyOf() != null) {
            out.addAll(schema.getAnyOf());
        }
        if (schema.getOneOf() != null) {
            out.addAll(schema.getOneOf());
        }
        if (schema.getAdditionalPropertiesSchema() != null) {
            out.add(schema.getAdditionalPropertiesSchema());
        }
        return out;
    }
}
