package io.integrationshub.common.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.integrationshub.common.domain.Conflict;
import io.integrationshub.common.domain.DomainException;
import io.integrationshub.common.domain.Forbidden;
import io.integrationshub.common.domain.Invalid;
import io.integrationshub.common.domain.NotFound;
import io.integrationshub.common.domain.TooLarge;
import io.integrationshub.common.json.SafeText;
import io.integrationshub.common.web.AllowedMethods;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.integrationshub.common.web.MetricsUri;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * The one place where exceptions become HTTP answers: every failure leaves as problem+json with a
 * code from {@link ErrorCode}, and nothing internal (stack traces, SQL, secrets) goes into the body.
 */
public class ProblemExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);
    /** Fields the service sets itself; a client that sends them is told they are read-only. */
    /** Fields of representations that a request body may not set: "is read-only" rather than "is not a known field". */
    public static final Set<String> READ_ONLY_FIELDS = Set.of("id", "created_at", "updated_at", "organisation_id",
            "version", "status", "credentials_configured", "token_hint", "last_used_at",
            "integration_id", "project_id");
    private final AllowedMethods allowedMethods;

    public ProblemExceptionMappers(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        return Problems.response(e.errorCode(), e.getMessage(), path(uri), e.errors(), e.headers());
    }

    /**
     * A service's refusal: its kind decides the status, its message is the detail, and an {@link Invalid}'s paths
     * become the pointers (the resource has already moved them where the body had another shape).
     */
    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        List<ProblemError> errors = e instanceof Invalid invalid ? invalid.violations().stream()
                .map(v -> ProblemError.pointer(v.path(), v.detail())).toList() : null;
        return Problems.response(code(e), e.getMessage(), path(uri), errors, null);
    }

    private static ErrorCode code(DomainException e) {
        if (e instanceof NotFound) {
            return ErrorCode.NOT_FOUND;
        }
        if (e instanceof Conflict) {
            return ErrorCode.CONFLICT;
        }
        if (e instanceof Forbidden) {
            return ErrorCode.FORBIDDEN;
        }
        if (e instanceof TooLarge) {
            return ErrorCode.TOO_LARGE;
        }
        return ErrorCode.BAD_INPUT; // Invalid
    }

    @ServerExceptionMapper
    public Response unrecognizedField(UnrecognizedPropertyException e, UriInfo uri) {
        String pointer = pointer(e);
        String detail = READ_ONLY_FIELDS.contains(e.getPropertyName()) ? "is read-only" : "is not a known field";
        return Problems.response(ErrorCode.BAD_INPUT, "request body has a field that is not accepted: " + e.getPropertyName(),
                path(uri), List.of(ProblemError.pointer(pointer, detail)), null);
    }

    @ServerExceptionMapper
    public Response wrongFormat(InvalidFormatException e, UriInfo uri) {
        return wrongType(e, uri);
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, UriInfo uri) {
        String pointer = pointer(e);
        String expected = e.getTargetType() == null ? "another type" : jsonTypeName(e.getTargetType());
        String detail = pointer.isEmpty() ? "request body must be a JSON object" : "must be " + expected;
        return Problems.response(ErrorCode.BAD_INPUT, "request body has a value of the wrong type", path(uri),
                List.of(ProblemError.pointer(pointer, detail)), null);
    }

    @ServerExceptionMapper
    public Response unsafeText(SafeText.UnsafeTextException e, UriInfo uri) {
        return Problems.response(ErrorCode.BAD_INPUT, "request body holds text that cannot be stored", path(uri),
                List.of(ProblemError.pointer(pointer(e) + e.relativePointer(), SafeText.DETAIL)), null);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        JsonParser parser = e.getProcessor();
        if (parser != null && String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
            // STRICT_DUPLICATE_DETECTION: the parser stands on the repeated key.
            return Problems.response(ErrorCode.BAD_INPUT, "request body gives a key more than once", path(uri),
                    List.of(ProblemError.pointer(parser.getParsingContext().pathAsPointer().toString(),
                            "is given more than once")), null);
        }
        return Problems.response(ErrorCode.BAD_INPUT, "request body is not well-formed JSON", path(uri),
                List.of(ProblemError.pointer("", "malformed JSON at line " + e.getLocation().getLineNr()
                        + ", column " + e.getLocation().getColumnNr())), null);
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e, UriInfo uri) {
        if (e.getCause() instanceof JsonParseException parse) {
            // Jackson wraps a parser failure met inside a property (e.g. a duplicate key in free-form JSON).
            return malformedJson(parse, uri);
        }
        String pointer = e instanceof JsonMappingException m ? pointer(m) : "";
        return Problems.response(ErrorCode.BAD_INPUT, "request body could not be read", path(uri),
                List.of(ProblemError.pointer(pointer, "is invalid")), null);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        return Problems.response(ErrorCode.UNAUTHENTICATED, "credentials are missing, malformed, expired or wrongly signed",
                path(uri), null, null);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return Problems.response(ErrorCode.UNAUTHENTICATED, "authentication is required", path(uri), null, null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problems.response(ErrorCode.FORBIDDEN, "the caller lacks the permission for this operation", path(uri),
                null, null);
    }

    /**
     * RESTEasy found no resource method for the request. It routes to one resource class only, so a method that
     * another class declares for the same path (classes sharing /v1/orgs/{org_id}...) comes here too: when the
     * path exists under other methods, the answer is 405 with them in Allow. The services' own "no such thing"
     * is {@link NotFound}, mapped above, and never comes here.
     */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri, Request request, HttpServerRequest http) {
        String allow = allowedMethods.allowIfWrongMethod(request.getMethod(), path(uri));
        if (allow != null) {
            return methodNotAllowed(uri, allow, http);
        }
        return Problems.response(ErrorCode.NOT_FOUND, "no such resource", path(uri), null, null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri, HttpServerRequest http) {
        String allow = allowedMethods.allow(path(uri));
        return methodNotAllowed(uri, allow != null ? allow : e.getResponse().getHeaderString("Allow"), http);
    }

    private Response methodNotAllowed(UriInfo uri, String allow, HttpServerRequest http) {
        // The metrics' uri label: the path's template, not the raw path (a new series per id otherwise).
        String template = allowedMethods.template(path(uri));
        MetricsUri.labelUnlessRouted(http, template != null ? template : MetricsUri.REFUSED);
        return Problems.response(ErrorCode.METHOD_NOT_ALLOWED, "method not allowed on this resource", path(uri), null,
                allow == null ? null : Map.of("Allow", allow));
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e, UriInfo uri) {
        return Problems.response(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "request bodies must be application/json", path(uri),
                List.of(ProblemError.header("Content-Type", "must be application/json")), null);
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, UriInfo uri) {
        return Problems.response(ErrorCode.NOT_ACCEPTABLE, "responses are application/json", path(uri),
                List.of(ProblemError.header("Accept", "must accept application/json")), null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // The JSON reader wraps Jackson's failure: answer it with the pointer Jackson knows.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            // A parameter converter's refusal (a malformed id, see PathIds).
            if (cause instanceof ApiException api) {
                return api(api, uri);
            }
            if (cause instanceof SafeText.UnsafeTextException t) {
                return unsafeText(t, uri);
            }
            if (cause instanceof UnrecognizedPropertyException u) {
                return unrecognizedField(u, uri);
            }
            if (cause instanceof MismatchedInputException m) {
                return wrongType(m, uri);
            }
            if (cause instanceof JsonParseException p) {
                return malformedJson(p, uri);
            }
            if (cause instanceof JsonProcessingException j) {
                return otherJson(j, uri);
            }
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        ErrorCode code = ErrorCode.forStatus(status);
        if (code == ErrorCode.INTERNAL) {
            LOG.errorf(e, "request failed with status %d", status);
        }
        return Problems.response(code, code.title, path(uri), null, null);
    }

    @ServerExceptionMapper
    public Response completion(CompletionException e, UriInfo uri) {
        return unexpected(e.getCause(), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (e instanceof ApiException api) {
            return api(api, uri);
        }
        if (e instanceof DomainException domain) {
            return domain(domain, uri);
        }
        if (Failures.isDatabaseUnavailable(e)) {
            LOG.warnf("database unavailable: %s", e.getClass().getName());
            return Problems.response(ErrorCode.UNAVAILABLE, "the database is unreachable; retry later", path(uri), null,
                    Map.of("Retry-After", "5"));
        }
        if (Failures.isUniqueViolation(e, null)) {
            return Problems.response(ErrorCode.CONFLICT, "the request conflicts with an existing resource", path(uri),
                    null, null);
        }
        if (Failures.isTimeout(e)) {
            return Problems.response(ErrorCode.TIMEOUT, "the request could not finish in time", path(uri), null, null);
        }
        LOG.error("unexpected failure", e);
        return Problems.response(ErrorCode.INTERNAL, "an unexpected error occurred; quote the request_id when reporting it",
                path(uri), null, null);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            pointer.append('/');
            if (ref.getFieldName() != null) {
                pointer.append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else if (ref.getIndex() >= 0) {
                pointer.append(ref.getIndex());
            }
        }
        return pointer.toString();
    }

    private static String jsonTypeName(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "an RFC 3339 timestamp";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        return "an object";
    }
}
