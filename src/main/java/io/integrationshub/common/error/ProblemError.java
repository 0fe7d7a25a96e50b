package io.integrationshub.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One thing wrong with a request: where (a JSON Pointer into the body, a parameter or a header) and what. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ProblemError", description = "One violation; exactly one of pointer, parameter or header is set.")
public record ProblemError(
        @Schema(description = "JSON Pointer into the request body", example = "/configuration/enabled_repos/0/repo_name") String pointer,
        @Schema(description = "Name of the offending query or path parameter", example = "limit") String parameter,
        @Schema(description = "Name of the offending header", example = "If-Match") String header,
        @Schema(description = "What is wrong", example = "is required") String detail) {

    public static ProblemError pointer(String pointer, String detail) {
        return new ProblemError(pointer, null, null, detail);
    }

    public static ProblemError parameter(String parameter, String detail) {
        return new ProblemError(null, parameter, null, detail);
    }

    public static ProblemError header(String header, String detail) {
        return new ProblemError(null, null, header, detail);
    }
}
