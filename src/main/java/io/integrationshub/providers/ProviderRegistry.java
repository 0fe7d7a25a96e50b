package io.integrationshub.providers;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The provider catalog. Descriptors are data: {@code providers/index.json} lists the provider ids
 * and each has {@code providers/<id>.json}; schemas may {@code $ref} shared files under
 * {@code providers/shared/}. Everything is read once, at startup, from named classpath resources
 * (no scanning, so it works the same in a native image). A broken descriptor stops the start.
 */
@Startup
@ApplicationScoped
public class ProviderRegistry {
    public static final String INDEX = "providers/index.json";
    /** The IRI prefix schemas are known under; it maps to the {@code providers/} classpath folder. */
    public static final String SCHEMA_BASE_IRI = "https://schemas.integrations-hub.io/providers/";
    public static final String RESOURCE_FOLDER = "providers/";
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    static final Set<String> CATEGORIES = Set.of("scm", "issue_tracker", "chat", "incident", "container_registry");
    static final List<String> SECTIONS = List.of(ProviderValidator.CONFIGURATION, ProviderValidator.CREDENTIALS,
            ProviderValidator.SETTINGS);
    private static final Set<String> DESCRIPTOR_FIELDS = Set.of("id", "name", "description", "category", "item_types",
            "default_item_type", "supports_sync", "supports_broker", "configuration_schema", "credentials_schema",
            "settings_schema");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Map<String, ProviderDescriptor> byId;
    private final List<ProviderDescriptor> all;

    public ProviderRegistry() {
        this(INDEX);
    }

    ProviderRegistry(String indexResource) {
        JsonNode index = readResource(indexResource);
        if (!index.isArray() || index.isEmpty()) {
            throw new IllegalStateException(indexResource + " must be a non-empty array of provider ids");
        }
        Map<String, ProviderDescriptor> loaded = new LinkedHashMap<>();
        for (JsonNode entry : index) {
            if (!entry.isTextual()) {
                throw new IllegalStateException(indexResource + " must list provider ids as strings");
            }
            ProviderDescriptor descriptor = load(entry.asText());
            if (loaded.putIfAbsent(descriptor.id(), descriptor) != null) {
                throw new IllegalStateException(indexResource + " lists provider " + descriptor.id() + " twice");
            }
        }
        this.byId = Map.copyOf(loaded);
        this.all = List.copyOf(loaded.values());
    }

    public Optional<ProviderDescriptor> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    /** Every provider, in the order of the index. */
    public List<ProviderDescriptor> all() {
        return all;
    }

    /** The IRI a section's schema is compiled under; relative $refs such as {@code shared/x.json} resolve against it. */
    static String schemaIri(String providerId, String section) {
        return SCHEMA_BASE_IRI + providerId + "." + section + ".json";
    }

    private ProviderDescriptor load(String id) {
        String resource = RESOURCE_FOLDER + id + ".json";
        JsonNode node = readResource(resource);
        try {
            if (!node.isObject()) {
                throw new IllegalStateException("must be a JSON object");
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!DESCRIPTOR_FIELDS.contains(field)) {
                    throw new IllegalStateException("unknown field " + field);
                }
            }
            if (!id.equals(text(node, "id"))) {
                throw new IllegalStateException("id must be " + id + ", as named in the index");
            }
            String category = text(node, "category");
            if (!CATEGORIES.contains(category)) {
                throw new IllegalStateException("category must be one of " + CATEGORIES);
            }
            List<String> itemTypes = new ArrayList<>();
            JsonNode types = node.path("item_types");
            if (!types.isArray() || types.isEmpty()) {
                throw new IllegalStateException("item_types must be a non-empty array");
            }
            types.forEach(t -> itemTypes.add(t.asText()));
            String defaultItemType = text(node, "default_item_type");
            if (!itemTypes.contains(defaultItemType)) {
                throw new IllegalStateException("default_item_type must be one of item_types");
            }
            Map<String, JsonNode> source = new LinkedHashMap<>();
            Map<String, JsonNode> resolved = new LinkedHashMap<>();
            for (String section : SECTIONS) {
                JsonNode schema = node.get(section + "_schema");
                if (schema == null || !schema.isObject()) {
                    throw new IllegalStateException(section + "_schema must be a JSON Schema object");
                }
                source.put(section, withDialect(schema));
                URI base = URI.create(schemaIri(id, section));
                resolved.put(section, withDialect(inline(schema, base, new ArrayDeque<>())));
            }
            return new ProviderDescriptor(id, text(node, "name"), text(node, "description"), category, itemTypes,
                    defaultItemType, bool(node, "supports_sync"), bool(node, "supports_broker"), source, resolved,
                    secretFields(resolved.get(ProviderValidator.CREDENTIALS)));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("provider descriptor " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Credential properties marked {@code "x-secret": true}. */
    private static Set<String> secretFields(JsonNode credentialsSchema) {
        Set<String> secrets = new LinkedHashSet<>();
        credentialsSchema.path("properties").fields().forEachRemaining(p -> {
            if (p.getValue().path("x-secret").asBoolean(false)) {
                secrets.add(p.getKey());
            }
        });
        return secrets;
    }

    /**
     * Replaces every external {@code $ref} by the document it names, so served schemas stand alone.
     * Only whole-node refs are supported (a $ref with sibling keywords, or a local "#..." ref, would
     * change meaning when inlined) and a descriptor using one is rejected at startup.
     */
    private JsonNode inline(JsonNode node, URI base, Deque<URI> seen) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null) {
                if (node.size() != 1 || !ref.isTextual() || ref.asText().startsWith("#")) {
                    throw new IllegalStateException("only a lone external \"$ref\" is supported, found " + node);
                }
                URI target = base.resolve(ref.asText());
                if (seen.contains(target)) {
                    throw new IllegalStateException("circular $ref " + target);
                }
                ObjectNode document = (ObjectNode) readResource(resourceOf(target));
                document.remove("$schema");
                document.remove("$id");
                seen.push(target);
                JsonNode inlined = inline(document, target, seen);
                seen.pop();
                return inlined;
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), inline(f.getValue(), base, seen)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(inline(item, base, seen)));
            return copy;
        }
        return node;
    }

    static String resourceOf(URI iri) {
        String text = iri.toString();
        if (!text.startsWith(SCHEMA_BASE_IRI)) {
            throw new IllegalStateException("$ref outside " + SCHEMA_BASE_IRI + ": " + text);
        }
        return RESOURCE_FOLDER + text.substring(SCHEMA_BASE_IRI.length());
    }

    /** The schema with {@code $schema} first, so served and compiled schemas both declare 2020-12. */
    private static ObjectNode withDialect(JsonNode schema) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("$schema", DIALECT);
        schema.fields().forEachRemaining(f -> {
            if (!"$schema".equals(f.getKey())) {
                out.set(f.getKey(), f.getValue().deepCopy());
            }
        });
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalStateException(field + " must be a non-blank string");
        }
        return value.asText();
    }

    private static boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new IllegalStateException(field + " must be a boolean");
        }
        return value.asBoolean();
    }

    static JsonNode readResource(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ProviderRegistry.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + resource + " is missing");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("classpath resource " + resource + " is not valid JSON", e);
        }
    }
}
