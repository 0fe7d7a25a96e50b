package io.integrationshub.providers;

import io.integrationshub.auth.CurrentCaller;
import io.integrationshub.common.domain.Invalid;
import io.integrationshub.common.domain.Invalid.Violation;
import io.integrationshub.common.error.ApiException;
import io.integrationshub.common.error.Problem;
import io.integrationshub.common.error.Problems;
import io.integrationshub.common.page.PageParams;
import io.integrationshub.common.page.PageRequest;
import io.integrationshub.common.page.PageResponse;
import io.integrationshub.common.web.BodyCheck;
import io.integrationshub.providers.ProviderViews.ProviderPage;
import io.integrationshub.providers.ProviderViews.ProviderView;
import io.integrationshub.providers.ProviderViews.ValidateRequest;
import io.integrationshub.providers.ProviderViews.ValidationResult;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The provider catalog (API.md 4.1): readable by any authenticated caller, the same for every organisation. */
@Path("/v1/providers")
@Authenticated
@Tag(name = "Providers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, malformed, expired or wrongly signed credentials",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ProviderResource {
    private final ProviderRegistry registry;
    private final ProviderValidator validator;
    private final CurrentCaller current;

    public ProviderResource(ProviderRegistry registry, ProviderValidator validator, CurrentCaller current) {
        this.registry = registry;
        this.validator = validator;
        this.current = current;
    }

    @GET
    @Operation(operationId = "listProviders", summary = "List the providers with their schemas, in catalog order",
            description = "Paginated like every list; the default page (20) holds the whole catalog.")
    @APIResponse(responseCode = "200", description = "The catalog",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProviderPage.class)))
    public Uni<ProviderPage> list(@BeanParam PageParams params) {
        return Uni.createFrom().item(() -> {
            current.get();
            PageRequest page = params.toRequest("providers", Map.of());
            // The catalog has no creation times: its order stands in for them.
            List<ProviderDescriptor> all = registry.all();
            Function<ProviderDescriptor, Instant> position = p -> Instant.EPOCH.plusMillis(all.indexOf(p));
            Function<ProviderDescriptor, UUID> key = p -> UUID.nameUUIDFromBytes(p.id().getBytes(StandardCharsets.UTF_8));
            return PageResponse.of(page, page.slice(all, position, key), position, key, ProviderView::of)
                    .into(ProviderPage::new);
        });
    }

    @GET
    @Path("/{provider}")
    @Operation(operationId = "getProvider", summary = "Get a provider with the JSON Schemas of its configuration, credentials and settings",
            description = "Its item types, whether it syncs and supports the broker, and the JSON Schemas (2020-12) that configuration, credentials and settings must satisfy.")
    @APIResponse(responseCode = "200", description = "The provider",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProviderView.class)))
    @APIResponse(responseCode = "404", description = "No such provider",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ProviderView> get(@Parameter(description = "Provider id", example = "github") @RestPath("provider") String provider) {
        return Uni.createFrom().item(() -> {
            current.get();
            return ProviderView.of(provider(provider));
        });
    }

    @POST
    @Path("/{provider}/validate")
    @Operation(operationId = "validateProviderInput", summary = "Check configuration, credentials and settings against the provider's schemas; nothing is stored",
            description = "Only the sections given are checked, as they are (defaults are not applied). Violation details "
                    + "never repeat a submitted value.")
    @APIResponse(responseCode = "200", description = "Every given section is valid",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationResult.class)))
    @APIResponse(responseCode = "400", description = "Violations, each with a JSON Pointer into the body, e.g. "
            + "/configuration/enabled_repos/0/repo_name; also an unknown top-level field or malformed JSON",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such provider",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ValidationResult> validate(@Parameter(description = "Provider id", example = "github")
            @RestPath("provider") String provider, ValidateRequest body) {
        return Uni.createFrom().item(() -> {
            current.get();
            ProviderDescriptor descriptor = provider(provider);
            BodyCheck.required(body);
            List<Violation> errors = new ArrayList<>();
            Set<String> invalid = new LinkedHashSet<>();
            check(descriptor, ProviderValidator.CONFIGURATION, body.configuration(), errors, invalid);
            check(descriptor, ProviderValidator.CREDENTIALS, body.credentials(), errors, invalid);
            check(descriptor, ProviderValidator.SETTINGS, body.settings(), errors, invalid);
            if (!errors.isEmpty()) {
                errors.sort(ProviderValidator.BY_PATH);
                String detail = invalid.size() == 1 ? invalid.iterator().next() + " is invalid" : "request body is invalid";
                throw new Invalid(detail, errors);
            }
            return new ValidationResult(true);
        });
    }

    /** A section that was not sent is not checked; one sent as null is (and is not an object). */
    private void check(ProviderDescriptor provider, String section, com.fasterxml.jackson.databind.JsonNode value,
            List<Violation> errors, Set<String> invalid) {
        if (value == null) {
            return;
        }
        List<Violation> found = validator.validate(provider, section, value);
        if (!found.isEmpty()) {
            errors.addAll(found);
            invalid.add(section);
        }
    }

    private ProviderDescriptor provider(String id) {
        return registry.find(id).orElseThrow(() -> ApiException.notFound("no such provider"));
    }
}
