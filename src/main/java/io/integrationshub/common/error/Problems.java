package io.integrationshub.common.error;

import io.integrationshub.common.web.RequestIds;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** Writes problem+json bodies, for JAX-RS responses and for the raw Vert.x routes alike. */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String WWW_AUTHENTICATE = "Bearer realm=\"integrations-hub\", Token realm=\"integrations-hub\"";

    private Problems() {
    }

    public static Problem problem(ErrorCode code, String detail, String instance, List<ProblemError> errors) {
        return new Problem("urn:problem:" + code.code, code.title, code.status, code.code,
                detail == null ? code.title : detail, instance, RequestIds.current(),
                errors == null || errors.isEmpty() ? null : errors);
    }

    /** Without reflection or the CDI container: {@link ProblemJson}. */
    public static String json(Problem problem) {
        return ProblemJson.write(problem);
    }

    public static Response response(ErrorCode code, String detail, String instance, List<ProblemError> errors,
            Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(code.status)
                .type(MEDIA_TYPE)
                .entity(json(problem(code, detail, instance, errors)));
        // An endpoint with its own scheme (the broker's) names its challenge itself.
        if (code == ErrorCode.UNAUTHENTICATED && (headers == null || !headers.containsKey("WWW-Authenticate"))) {
            builder.header("WWW-Authenticate", WWW_AUTHENTICATE);
        }
        if (headers != null) {
            headers.forEach(builder::header);
        }
        return builder.build();
    }
}
