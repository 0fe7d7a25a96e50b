package io.integrationshub.providers;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Request and response bodies of the provider catalog (API.md 4.1). */
public final class ProviderViews {
    private ProviderViews() {
    }

    @Schema(name = "Provider", description = "A provider of the catalog with the JSON Schemas (2020-12, fully resolved) "
            + "of an integration's configuration, credentials and settings. Credential fields whose values are secrets "
            + "carry \"x-secret\": true.")
    public record ProviderView(
            @Schema(required = true, example = "github") String id,
            @Schema(required = true, example = "GitHub") String name,
            @Schema(required = true, description = "What the provider covers, and why sync or broker is unsupported where it is")
            String description,
            @Schema(required = true, enumeration = {"scm", "issue_tracker", "chat", "incident", "container_registry"})
            String category,
            @Schema(required = true, description = "Kinds of item an integration of this provider can track",
                    example = "[\"repository\"]") List<String> itemTypes,
            @Schema(required = true, example = "repository") String defaultItemType,
            @Schema(required = true, description = "Whether POST .../integrations/{id}/sync is available") boolean supportsSync,
            @Schema(required = true, description = "Whether the integration can run through a broker") boolean supportsBroker,
            @Schema(required = true, type = SchemaType.OBJECT, implementation = Object.class, description = "JSON Schema 2020-12 of configuration")
            JsonNode configurationSchema,
            @Schema(required = true, type = SchemaType.OBJECT, implementation = Object.class, description = "JSON Schema 2020-12 of credentials")
            JsonNode credentialsSchema,
            @Schema(required = true, type = SchemaType.OBJECT, implementation = Object.class, description = "JSON Schema 2020-12 of settings; "
                    + "\"default\"s fill what an integration does not set") JsonNode settingsSchema) {

        static ProviderView of(ProviderDescriptor p) {
            return new ProviderView(p.id(), p.name(), p.description(), p.category(), p.itemTypes(), p.defaultItemType(),
                    p.supportsSync(), p.supportsBroker(), p.resolvedSchema(ProviderValidator.CONFIGURATION),
                    p.resolvedSchema(ProviderValidator.CREDENTIALS), p.resolvedSchema(ProviderValidator.SETTINGS));
        }
    }

    @Schema(name = "ProviderPage")
    public static class ProviderPage extends io.integrationshub.common.page.PageResponse<ProviderView> {
    }

    @Schema(name = "ProviderValidationRequest", description = "The sections to check; each is optional and only the "
            + "sections given are checked. Nothing is stored.")
    public record ValidateRequest(
            @Schema(type = SchemaType.OBJECT, implementation = Object.class, description = "Checked against configuration_schema") JsonNode configuration,
            @Schema(type = SchemaType.OBJECT, implementation = Object.class, description = "Checked against credentials_schema") JsonNode credentials,
            @Schema(type = SchemaType.OBJECT, implementation = Object.class, description = "Checked against settings_schema") JsonNode settings) {
    }

    @Schema(name = "ProviderValidationResult")
    public record ValidationResult(@Schema(required = true, enumeration = "true") boolean valid) {
    }
}
