package io.integrationshub.common.error;

import java.util.List;
import java.util.Map;

/** An error the service answers on purpose; the problem mapper turns it into a problem+json body. */
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

    /**
     * The same error with the pointers under {@code from} moved under {@code to}: the edge uses it where the
     * client sent a body in another shape than the domain object the service speaks of.
     */
    public ApiException rebased(String from, String to) {
        List<ProblemError> moved = errors.stream().map(e -> e.pointer() != null
                && (e.pointer().equals(from) || e.pointer().startsWith(from + "/"))
                ? ProblemError.pointer(to + e.pointer().substring(from.length()), e.detail()) : e).toList();
        return new ApiException(errorCode, getMessage(), moved, headers);
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

    public static ApiException forbidden(String detail) {
        return new ApiException(ErrorCode.FORBIDDEN, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(ErrorCode.CONFLICT, detail);
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(ErrorCode.PRECONDITION_FAILED, detail);
    }

    public static ApiException notImplemented(String detail) {
        return new ApiException(ErrorCode.NOT_IMPLEMENTED, detail);
    }
}
