package io.integrationshub.common.openapi;

import io.integrationshub.common.error.ErrorCode;
import io.quarkus.smallrye.openapi.OpenApiFilter;
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
import org.eclipse.microprofile.openapi.models.tags.Tag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Documents the error contract once, the way the service really answers, and references it from every
 * operation: every /v1 operation can answer 400, 401, 404, 408, 429, 500 and 503 with a problem body;
 * operations with a body also 413 and 415; writes also 403; PATCH, PUT and DELETE also 412; POSTs taking
 * an Idempotency-Key also 409. The shared responses live under components/responses; a response an
 * operation documents itself (its own description of a 409, say) keeps its text and gets the problem body.
 * Also: the document's servers, contact and tag descriptions, Java type names replaced by wire types, and every
 * property of a response body marked required ({@link ResponseSchemas}).
 * <p>
 * Runs once, at build time: the document Quarkus embeds in the jar is already filtered, so the start only
 * reads and serialises it instead of also building the shared responses (docs/benchmarks.md, Start-up).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String REQUEST_ID = "X-Request-Id";

    /** Status -> component name and description of the shared problem responses. */
    private static final Map<String, String[]> SHARED = new LinkedHashMap<>();

    static {
        SHARED.put("400", new String[]{"BadRequest", "Bad input: malformed JSON, wrong types, schema violations, bad parameters or cursor; errors[] points at each"});
        SHARED.put("401", new String[]{"Unauthorized", "Missing, malformed, expired or wrongly signed credentials"});
        SHARED.put("403", new String[]{"Forbidden", "Member of the organisation but lacking the permission"});
        SHARED.put("404", new String[]{"NotFound", "No such resource, or the caller has no role in its organisation"});
        SHARED.put("408", new String[]{"RequestTimeout", "The request could not finish in time; a change it started may still complete, so retry writes with the same Idempotency-Key"});
        SHARED.put("409", new String[]{"Conflict", "Conflict: uniqueness, wrong state, or Idempotency-Key reused with another request"});
        SHARED.put("412", new String[]{"PreconditionFailed", "If-Match does not match the current version"});
        SHARED.put("413", new String[]{"ContentTooLarge", "Body over 1 MiB"});
        SHARED.put("415", new String[]{"UnsupportedMediaType", "Body is not application/json in UTF-8"});
        SHARED.put("429", new String[]{"TooManyRequests", "Rate limit exceeded; see Retry-After"});
        SHARED.put("500", new String[]{"InternalError", "Unexpected failure"});
        SHARED.put("503", new String[]{"ServiceUnavailable", "Database unreachable or overloaded; see Retry-After"});
    }

    /** Descriptions Quarkus gives the responses it adds by itself. */
    private static final Set<String> QUARKUS_GENERATED = Set.of("Not Authorized", "Not Allowed", "Bad Request");

    /** Descriptions of the tags the resources use (spectral:oas wants every tag described). */
    private static final Map<String, String> TAGS = Map.ofEntries(
            Map.entry("Groups", "Groups of organisations (platform administrators)"),
            Map.entry("Organisations", "Organisations, their profile and members' roles"),
            Map.entry("API tokens", "Organisation API tokens (`Authorization: Token iht_...`); the secret is shown once"),
            Map.entry("Audit log", "What was done, by whom, to what, per organisation"),
            Map.entry("Providers", "The provider catalog: configuration, credentials and settings schemas"),
            Map.entry("Integrations", "Integrations of an organisation: configuration, settings, encrypted credentials, resources, clones and sync"),
            Map.entry("Jobs", "Asynchronous operations (API.md 6): sync, broker token switch, project disconnect, notification delivery"),
            Map.entry("Broker", "Brokered integrations: broker groups, broker tokens and the broker's connections"),
            Map.entry("Projects", "Projects, their collaborators and cloud connection (API.md 9)"),
            Map.entry("Notifications", "Notification integrations of a project, events and deliveries (API.md 10)"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
        openAPI.getComponents().addSchema("ProblemError", problemErrorSchema());
        describeTags(openAPI);
        JavaTypeSchemas.inline(openAPI);
        OperationIds.qualify(openAPI);
        ResponseSchemas.requireAllProperties(openAPI);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Set<String> referenced = new TreeSet<>();
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/v1/")) {
                return;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                addProblems(entry.getKey(), entry.getValue(), referenced);
                addResponseHeaders(entry.getKey(), entry.getValue());
            }
        });
        openAPI.getComponents().addHeader(REQUEST_ID, OASFactory.createHeader()
                .description("The request's id: a valid incoming X-Request-Id is echoed, else one is made; logs carry it")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        // Only the shared responses some operation refers to (an unused component is noise to linters).
        SHARED.forEach((status, named) -> {
            if (referenced.contains(status)) {
                openAPI.getComponents().addResponse(named[0], sharedResponse(status, named[1]));
            }
        });
    }

    private static void describeTags(OpenAPI openAPI) {
        Set<String> used = new TreeSet<>();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op -> {
                if (op.getTags() != null) {
                    used.addAll(op.getTags());
                }
            }));
        }
        List<Tag> tags = new ArrayList<>();
        for (String name : used) {
            Tag declared = openAPI.getTags() == null ? null
                    : openAPI.getTags().stream().filter(t -> name.equals(t.getName())).findFirst().orElse(null);
            Tag tag = declared != null ? declared : OASFactory.createTag().name(name);
            if (tag.getDescription() == null && TAGS.containsKey(name)) {
                tag.setDescription(TAGS.get(name));
            }
            tags.add(tag);
        }
        openAPI.setTags(tags);
    }

    private static void addProblems(PathItem.HttpMethod method, Operation operation, Set<String> referenced) {
        // Either scheme authenticates every /v1 operation, except those declaring their own (the broker's).
        boolean ownScheme = operation.getSecurity() != null && operation.getSecurity().stream()
                .anyMatch(requirement -> requirement.getSchemes() != null && requirement.getSchemes().containsKey("broker"));
        if (!ownScheme) {
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme("bearer"),
                    OASFactory.createSecurityRequirement().addScheme("apiToken")));
        }
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
        for (String status : List.of("400", "401", "408", "429", "500", "503")) {
            add(responses, status, referenced);
        }
        if (!ownScheme) {
            add(responses, "403", referenced);
            add(responses, "404", referenced);
        }
        if (operation.getRequestBody() != null) {
            add(responses, "413", referenced);
            add(responses, "415", referenced);
        }
        if (method == PathItem.HttpMethod.PATCH || method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.DELETE) {
            add(responses, "412", referenced);
        }
        if (method == PathItem.HttpMethod.POST && takes(operation, "Idempotency-Key")) {
            add(responses, "409", referenced);
        }
    }

    /**
     * The headers the service sends beside the body (API.md 1.4-1.6): X-Request-Id on every response;
     * Idempotent-Replayed on a replayed success of a POST that takes an Idempotency-Key; Preference-Applied when
     * a Prefer: wait was honoured.
     */
    private static void addResponseHeaders(PathItem.HttpMethod method, Operation operation) {
        boolean idempotent = method == PathItem.HttpMethod.POST && takes(operation, "Idempotency-Key");
        boolean prefer = takes(operation, "Prefer");
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if (response.getRef() != null) {
                return; // a shared response documents its own headers
            }
            if (response.getHeaders() == null || !response.getHeaders().containsKey(REQUEST_ID)) {
                response.addHeader(REQUEST_ID, OASFactory.createHeader().ref(REQUEST_ID));
            }
            if (status.startsWith("2") && idempotent) {
                response.addHeader("Idempotent-Replayed", OASFactory.createHeader()
                        .description("true when this is the stored first response to the same Idempotency-Key")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).addEnumeration("true")));
            }
            if (status.startsWith("2") && prefer) {
                response.addHeader("Preference-Applied", OASFactory.createHeader()
                        .description("wait=N when the server waited for the job (RFC 7240)")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
            }
        });
    }

    private static boolean takes(Operation operation, String header) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> header.equalsIgnoreCase(p.getName()));
    }

    private static void add(APIResponses responses, String status, Set<String> referenced) {
        APIResponse given = responses.getAPIResponse(status);
        if (given != null && given.getRef() == null && given.getContent() == null
                && QUARKUS_GENERATED.contains(given.getDescription())) {
            // Quarkus' own placeholders (for @RolesAllowed, @Valid...) say less than the shared response.
            responses.removeAPIResponse(status);
        }
        if (responses.hasAPIResponse(status)) {
            // The operation's own description (which 409, which permission) stays; the body is the problem.
            APIResponse existing = responses.getAPIResponse(status);
            if (existing.getRef() == null) {
                APIResponse shared = sharedResponse(status, existing.getDescription());
                if (existing.getContent() == null) {
                    existing.setContent(shared.getContent());
                }
                if (existing.getHeaders() == null && shared.getHeaders() != null) {
                    existing.setHeaders(shared.getHeaders());
                }
            }
            return;
        }
        referenced.add(status);
        responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(SHARED.get(status)[0]));
    }

    private static APIResponse sharedResponse(String status, String description) {
        APIResponse response = OASFactory.createAPIResponse().description(description).content(problemContent())
                .addHeader(REQUEST_ID, OASFactory.createHeader().ref(REQUEST_ID));
        if (status.equals("401")) {
            response.addHeader("WWW-Authenticate", OASFactory.createHeader()
                    .description("The schemes the endpoint accepts (Bearer, Token, or Broker)")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
        if (status.equals("429") || status.equals("503")) {
            Header retryAfter = OASFactory.createHeader().description("Seconds to wait")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
            response.addHeader("Retry-After", retryAfter);
        }
        return response;
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
                .addProperty("code", OASFactory.createSchema().addType(Schema.SchemaType.STRING).enumeration(Arrays.stream(ErrorCode.values()).map(c -> (Object) c.code).toList()))
                .addProperty("detail", string)
                .addProperty("instance", string)
                .addProperty("request_id", string)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/ProblemError")))
                .required(List.of("type", "title", "status", "code", "request_id"));
    }
}
