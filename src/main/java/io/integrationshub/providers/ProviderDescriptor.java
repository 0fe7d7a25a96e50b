package io.integrationshub.providers;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One provider of the catalog (API.md 4.1), as read from its descriptor file under
 * {@code src/main/resources/providers/}. Immutable: the schema accessors hand out copies, so a
 * caller cannot alter what every other request sees.
 */
public final class ProviderDescriptor {
    private final String id;
    private final String name;
    private final String description;
    private final String category;
    private final List<String> itemTypes;
    private final String defaultItemType;
    private final boolean supportsSync;
    private final boolean supportsBroker;
    /** Per section: the schema as written (with $refs), which the validator compiles. */
    private final Map<String, JsonNode> sourceSchemas;
    /** Per section: the schema with every $ref inlined, as served. */
    private final Map<String, JsonNode> resolvedSchemas;
    private final Set<String> secretFields;

    ProviderDescriptor(String id, String name, String description, String category, List<String> itemTypes,
            String defaultItemType, boolean supportsSync, boolean supportsBroker, Map<String, JsonNode> sourceSchemas,
            Map<String, JsonNode> resolvedSchemas, Set<String> secretFields) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.category = category;
        this.itemTypes = List.copyOf(itemTypes);
        this.defaultItemType = defaultItemType;
        this.supportsSync = supportsSync;
        this.supportsBroker = supportsBroker;
        this.sourceSchemas = Map.copyOf(sourceSchemas);
        this.resolvedSchemas = Map.copyOf(resolvedSchemas);
        this.secretFields = Set.copyOf(secretFields);
    }

    /** The provider id used in paths and in integrations, e.g. {@code github}. */
    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** One sentence on what the provider covers, and why sync or broker is unsupported where it is. */
    public String description() {
        return description;
    }

    /** One of {@code scm, issue_tracker, chat, incident, container_registry}. */
    public String category() {
        return category;
    }

    public List<String> itemTypes() {
        return itemTypes;
    }

    public String defaultItemType() {
        return defaultItemType;
    }

    public boolean supportsSync() {
        return supportsSync;
    }

    public boolean supportsBroker() {
        return supportsBroker;
    }

    /** JSON Schema 2020-12 of {@code configuration}, fully resolved (no external $ref). */
    public JsonNode configurationSchema() {
        return resolvedSchemas.get(ProviderValidator.CONFIGURATION).deepCopy();
    }

    /** JSON Schema 2020-12 of {@code credentials}, fully resolved; secret fields carry {@code "x-secret": true}. */
    public JsonNode credentialsSchema() {
        return resolvedSchemas.get(ProviderValidator.CREDENTIALS).deepCopy();
    }

    /** JSON Schema 2020-12 of {@code settings}, fully resolved. */
    public JsonNode settingsSchema() {
        return resolvedSchemas.get(ProviderValidator.SETTINGS).deepCopy();
    }

    /** Names of the credential fields whose values are secrets (marked {@code "x-secret": true}). */
    public Set<String> secretFields() {
        return secretFields;
    }

    JsonNode sourceSchema(String section) {
        return sourceSchemas.get(section);
    }

    JsonNode resolvedSchema(String section) {
        return resolvedSchemas.get(section);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProviderDescriptor that && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return "ProviderDescriptor[" + id + "]";
    }
}
