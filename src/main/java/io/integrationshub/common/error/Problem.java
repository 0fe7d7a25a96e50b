package io.integrationshub.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The RFC 9457 problem body every error of the service is answered with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json).")
public record Problem(
        @Schema(example = "urn:problem:bad_input") String type,
        @Schema(example = "Bad Request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "bad_input", enumeration = {"bad_input", "unauthenticated", "forbidden", "not_found",
                "method_not_allowed", "not_acceptable", "unsupported_media_type", "timeout", "conflict",
                "precondition_failed", "too_large", "uri_too_long", "headers_too_large", "rate", "internal", "not_implemented", "unavailable"}) String code,
        String detail,
        @Schema(example = "/v1/orgs/0195f3c2-7d4e-7a3b-9c1d-2e3f4a5b6c7d/integrations") String instance,
        String requestId,
        List<ProblemError> errors) {
}
