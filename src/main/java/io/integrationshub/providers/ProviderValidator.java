package io.integrationshub.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.ApplyDefaultsStrategy;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.integrationshub.common.domain.Invalid;
import io.integrationshub.common.domain.Invalid.Violation;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Validates an integration's {@code configuration}, {@code credentials} and {@code settings} against
 * its provider's JSON Schemas (2020-12, networknt json-schema-validator) and fills schema defaults.
 * Every schema is compiled once, in the background some seconds after the service starts (or on first use).
 *
 * <p>Violation details are written here from the schema alone, never from the library's messages or
 * the submitted document: a value may be a secret and must not be echoed back.
 */
@ApplicationScoped
public class ProviderValidator {
    public static final String CONFIGURATION = "configuration";
    public static final String CREDENTIALS = "credentials";
    public static final String SETTINGS = "settings";
    /** Annotation keyword marking a credential field whose value is a secret. */
    public static final String SECRET_KEYWORD = "x-secret";
    /** Enums longer than this are described without listing their values. */
    private static final int ENUM_LISTING_LIMIT = 8;
    /** The order violations are told in: by path, then by detail. */
    public static final Comparator<Violation> BY_PATH = Comparator.comparing(Violation::path)
            .thenComparing(Violation::detail);

    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private static final Logger LOG = Logger.getLogger(ProviderValidator.class);
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
    private final ProviderRegistry registry;

    public ProviderValidator(ProviderRegistry registry) {
        // 2020-12 dialect that also knows our annotation keyword (otherwise logged as unknown).
        JsonMetaSchema dialect = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                .keyword(new AnnotationKeyword(SECRET_KEYWORD))
                // Every "uri" of a descriptor is an endpoint the service calls: HttpUrls' rule, not just RFC 3986.
                .format(new com.networknt.schema.format.UriFormat() {
                    @Override
                    protected boolean validate(java.net.URI uri) {
                        return super.validate(uri) && io.integrationshub.common.web.HttpUrls.isAcceptable(uri.toString());
                    }
                })
                .build();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(dialect)
                // $refs to shared schemas load from the classpath, never from the network.
                .schemaMappers(mappers -> mappers.mapPrefix(ProviderRegistry.SCHEMA_BASE_IRI,
                        "classpath:" + ProviderRegistry.RESOURCE_FOLDER)));
        this.config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                // 2020-12 makes "format" an annotation unless asked; uri and email are meant as checks here.
                .formatAssertionsEnabled(true)
                // Used only by walk() in the with*Defaults methods; validate() never changes its input.
                .applyDefaultsStrategy(new ApplyDefaultsStrategy(true, false, false))
                .build();
        this.registry = registry;
    }

    /** How long after start the schemas are compiled in the background: after readiness, not competing with it. */
    static final Duration WARM_UP_DELAY = Duration.ofSeconds(10);

    /**
     * Compiles every schema once, on a worker thread some seconds after start, so that neither the start nor
     * readiness waits for it (nor shares the two cores with it), and later validations find their schema ready.
     * A schema not yet compiled is compiled on first use. Static, so the start does not create this bean (and
     * load the library) either: {@code validator} is the bean's client proxy until the warm-up calls it.
     */
    static void warmUp(@Observes StartupEvent event, ProviderValidator validator) {
        Infrastructure.getDefaultWorkerPool().schedule(validator::compileAll, WARM_UP_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }

    void compileAll() {
        for (ProviderDescriptor provider : registry.all()) {
            for (String section : ProviderRegistry.SECTIONS) {
                try {
                    schema(provider, section);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "schema %s of provider %s does not compile", section, provider.id());
                }
            }
        }
    }

    /**
     * Validates one section. {@code value} null (not given) is checked as an empty object, so missing
     * required fields are reported; JSON null or a non-object is "must be an object".
     *
     * @return violations with paths (into the integration) prefixed by "/" + section, sorted by path; empty when valid
     */
    public List<Violation> validate(ProviderDescriptor provider, String section, JsonNode value) {
        JsonSchema schema = schema(provider, section);
        JsonNode instance = value == null || value.isMissingNode() ? JsonNodeFactory.instance.objectNode() : value;
        Set<ValidationMessage> messages = schema.validate(instance);
        Set<Violation> errors = new LinkedHashSet<>();
        for (ValidationMessage message : messages) {
            errors.add(toViolation("/" + section, message));
        }
        List<Violation> sorted = new ArrayList<>(errors);
        sorted.sort(BY_PATH);
        return sorted;
    }

    /** A copy of {@code settings} with every missing property, nested ones included, set to its schema default. */
    public ObjectNode withSettingsDefaults(ProviderDescriptor provider, JsonNode settings) {
        return withDefaults(provider, SETTINGS, settings);
    }

    /** A copy of {@code configuration} with every missing property set to its schema default (e.g. api_base_url). */
    public ObjectNode withConfigurationDefaults(ProviderDescriptor provider, JsonNode configuration) {
        return withDefaults(provider, CONFIGURATION, configuration);
    }

    private ObjectNode withDefaults(ProviderDescriptor provider, String section, JsonNode value) {
        if (value != null && !value.isMissingNode() && !value.isObject()) {
            throw Invalid.of("/" + section, "must be an object");
        }
        ObjectNode copy = value == null || value.isMissingNode()
                ? JsonNodeFactory.instance.objectNode() : ((ObjectNode) value).deepCopy();
        // The library's walker applies "default"s in place, following $refs and nested objects.
        schema(provider, section).walk(copy, false);
        return copy;
    }

    private JsonSchema schema(ProviderDescriptor provider, String section) {
        if (!ProviderRegistry.SECTIONS.contains(section)) {
            throw new IllegalArgumentException("unknown section " + section);
        }
        return compiled.computeIfAbsent(provider.id() + "/" + section, key -> {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(ProviderRegistry.schemaIri(provider.id(), section)),
                    provider.sourceSchema(section), config);
            schema.initializeValidators(); // resolve every $ref now, so a broken one fails the start
            return schema;
        });
    }

    /** Where the violation is and what it is, in short English from the schema; never the submitted value. */
    static Violation toViolation(String prefix, ValidationMessage message) {
        String location = message.getInstanceLocation() == null ? "" : message.getInstanceLocation().toString();
        // For these keywords the library hands over the keyword's own value (e.g. the pattern), schema data only.
        JsonNode keyword = message.getSchemaNode();
        String type = message.getType() == null ? "" : message.getType();
        return switch (type) {
            case "required" -> new Violation(prefix + location + "/" + escape(message.getProperty()), "is required");
            case "additionalProperties", "unevaluatedProperties" ->
                    new Violation(prefix + location + "/" + escape(message.getProperty()), "is not a known field");
            default -> new Violation(prefix + location, detail(type, keyword));
        };
    }

    private static String detail(String type, JsonNode keyword) {
        if (keyword == null) {
            return "is invalid";
        }
        return switch (type) {
            case "type" -> "must be " + typeNames(keyword);
            case "enum" -> keyword.size() > ENUM_LISTING_LIMIT ? "must be one of the values the schema lists"
                    : "must be one of: " + join(keyword);
            case "const" -> "must be " + keyword;
            case "pattern" -> "must match pattern " + keyword.asText();
            case "format" -> "must be a valid " + formatName(keyword.asText());
            case "minLength" -> "must be at least " + keyword.asText() + " characters long";
            case "maxLength" -> "must be at most " + keyword.asText() + " characters long";
            case "minimum" -> "must be at least " + keyword.asText();
            case "maximum" -> "must be at most " + keyword.asText();
            case "exclusiveMinimum" -> "must be greater than " + keyword.asText();
            case "exclusiveMaximum" -> "must be less than " + keyword.asText();
            case "minItems" -> "must have at least " + keyword.asText() + (keyword.asInt() == 1 ? " item" : " items");
            case "maxItems" -> "must have at most " + keyword.asText() + (keyword.asInt() == 1 ? " item" : " items");
            case "uniqueItems" -> "must not contain duplicate items";
            case "minProperties" -> "must have at least " + keyword.asText() + " fields";
            case "maxProperties" -> "must have at most " + keyword.asText() + " fields";
            default -> "is invalid";
        };
    }

    private static String typeNames(JsonNode keyword) {
        List<String> names = new ArrayList<>();
        if (keyword.isArray()) {
            keyword.forEach(t -> names.add(typeName(t.asText())));
        } else {
            names.add(typeName(keyword.asText()));
        }
        return String.join(" or ", names);
    }

    private static String typeName(String type) {
        return switch (type) {
            case "object", "array", "integer" -> "an " + type;
            case "null" -> "null";
            default -> "a " + type;
        };
    }

    private static String formatName(String format) {
        return switch (format) {
            case "uri" -> "http(s) URL without user:password@ or #fragment";
            case "email" -> "email address";
            case "date-time" -> "RFC 3339 timestamp";
            case "uuid" -> "UUID";
            default -> format;
        };
    }

    private static String join(JsonNode values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.isTextual() ? v.asText() : v.toString()));
        return String.join(", ", out);
    }

    private static String escape(String property) {
        return property == null ? "" : property.replace("~", "~0").replace("/", "~1");
    }
}
