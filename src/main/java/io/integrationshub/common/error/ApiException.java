package io.integrationshub.common.error;

import java.util.List;
import java.util.Map;

/**
 * An error of the request itself (a parameter, a header, the body's shape) that the edge answers on purpose;
 * the problem mapper turns it into a problem+json body. Services throw {@code common.domain} exceptions instead.
 */
public class ApiException extends RuntimeException {
    private final ErrorCode errorCode;
    private final transient List<ProblemError> errors;
    private final transient Map<String, String> headers;

    public ApiException(ErrorCode errorCode, String detail, List<ProblemError> errors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.errorCode = errorCode;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public ApiException(ErrorCode errorCode, String detail) {
        this(errorCode, detail, null, null);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public List<ProblemError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException badInput(String detail, List<ProblemError> errors) {
        return new ApiException(ErrorCode.BAD_INPUT, detail, errors, null);
    }

    public static ApiException badPointer(String pointer, String detail) {
        return badInput("request body is invalid", List.of(ProblemError.pointer(pointer, detail)));
    }

    public static ApiException badParameter(String parameter, String detail) {
        return badInput("parameter " + parameter + " is invalid", List.of(ProblemError.parameter(parameter, detail)));
    }

    public static ApiException badHeader(String header, String detail) {
        return badInput("header " + header + " is invalid", List.of(ProblemError.header(header, detail)));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ErrorCode.NOT_FOUND, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(ErrorCode.CONFLICT, detail);
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(ErrorCode.PRECONDITION_FAILED, detail);
    }
}
