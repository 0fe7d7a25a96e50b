package io.integrationshub.common.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;

/**
 * Documents the error contract on every operation, the way the service really answers: every
 * /v1 operation can answer 400, 401, 404, 408, 429, 500 and 503 with a problem body; operations with
 * a body also 413 and 415; writes also 403; PATCH, PUT and DELETE also 412.
 */
public class ProblemResponsesFilter implements OASFilter {
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
        openAPI.getComponents().addSchema("ProblemError", problemErrorSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/v1/")) {
                return;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                addProblems(entry.getKey(), entry.getValue(), path);
            }
        });
    }

    private static void addProblems(PathItem.HttpMethod method, Operation operation, String path) {
        // Either scheme authenticates every /v1 operation.
        operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme("bearer"),
                OASFactory.createSecurityRequirement().addScheme("apiToken")));
        if (operation.getParameters() != null) {
            operation.getParameters().stream()
                    .filter(p -> p.getIn() == org.eclipse.microprofile.openapi.models.parameters.Parameter.In.PATH)
                    .filter(p -> p.getName().endsWith("_id") && p.getSchema() != null)
                    // Member ids are token subjects, not UUIDs.
                    .filter(p -> !p.getName().equals("member_id"))
                    .forEach(p -> p.getSchema().format("uuid"));
        }
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        add(responses, "400", "Bad input: malformed JSON, wrong types, schema violations, bad parameters or cursor");
        add(responses, "401", "Missing, malformed, expired or wrongly signed credentials");
        add(responses, "403", "Member of the organisation but lacking the permission");
        add(responses, "404", "No such resource, or the caller has no role in its organisation");
        add(responses, "408", "The request could not finish in time; a change it started may still complete, so retry writes with the same Idempotency-Key");
        add(responses, "429", "Rate limit exceeded; see Retry-After");
        add(responses, "500", "Unexpected failure");
        add(responses, "503", "Database unreachable");
        boolean hasBody = operation.getRequestBody() != null;
        if (hasBody) {
            add(responses, "413", "Body over 1 MiB");
            add(responses, "415", "Body is not application/json");
        }
        if (method == PathItem.HttpMethod.PATCH || method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.DELETE) {
            add(responses, "412", "If-Match does not match the current version");
        }
        if (method == PathItem.HttpMethod.POST && operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "Idempotency-Key".equalsIgnoreCase(p.getName()))) {
            add(responses, "409", "Conflict: uniqueness, wrong state, or Idempotency-Key reused with another request");
        }
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            APIResponse existing = responses.getAPIResponse(status);
            if (existing.getContent() == null) {
                existing.setContent(problemContent());
            }
            return;
        }
        APIResponse response = OASFactory.createAPIResponse().description(description).content(problemContent());
        if (status.equals("401")) {
            response.addHeader("WWW-Authenticate", OASFactory.createHeader().schema(OASFactory.createSchema()
                    .addType(Schema.SchemaType.STRING)));
        }
        if (status.equals("429") || status.equals("503")) {
            Header retryAfter = OASFactory.createHeader().description("Seconds to wait")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
            response.addHeader("Retry-After", retryAfter);
        }
        responses.addAPIResponse(status, response);
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType("application/problem+json",
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }

    private static Schema problemErrorSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One violation; exactly one of pointer, parameter or header is set")
                .addProperty("pointer", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("JSON Pointer into the request body").example("/configuration/enabled_repos/0/repo_name"))
                .addProperty("parameter", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("Offending query or path parameter").example("limit"))
                .addProperty("header", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("Offending header").example("If-Match"))
                .addProperty("detail", string)
                .required(List.of("detail"));
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).example("urn:problem:bad_input"))
                .addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("code", OASFactory.createSchema().addType(Schema.SchemaType.STRING).enumeration(List.of(
                        "bad_input", "unauthenticated", "forbidden", "not_found", "method_not_allowed", "not_acceptable",
                        "timeout", "conflict", "precondition_failed", "too_large", "unsupported_media_type", "rate",
                        "internal", "not_implemented", "unavailable")))
                .addProperty("detail", string)
                .addProperty("instance", string)
                .addProperty("request_id", string)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/ProblemError")))
                .required(List.of("type", "title", "status", "code", "request_id"));
    }
}
