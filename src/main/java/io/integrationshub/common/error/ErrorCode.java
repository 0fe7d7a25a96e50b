package io.integrationshub.common.error;

/** The status table of the error contract (API.md 1.1): one code per status. */
public enum ErrorCode {
    BAD_INPUT(400, "bad_input", "Bad Request"),
    UNAUTHENTICATED(401, "unauthenticated", "Unauthorized"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not_found", "Not Found"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed", "Method Not Allowed"),
    NOT_ACCEPTABLE(406, "not_acceptable", "Not Acceptable"),
    TIMEOUT(408, "timeout", "Request Timeout"),
    CONFLICT(409, "conflict", "Conflict"),
    PRECONDITION_FAILED(412, "precondition_failed", "Precondition Failed"),
    TOO_LARGE(413, "too_large", "Content Too Large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "Unsupported Media Type"),
    URI_TOO_LONG(414, "uri_too_long", "URI Too Long"),
    HEADERS_TOO_LARGE(431, "headers_too_large", "Request Header Fields Too Large"),
    RATE(429, "rate", "Too Many Requests"),
    INTERNAL(500, "internal", "Internal Server Error"),
    NOT_IMPLEMENTED(501, "not_implemented", "Not Implemented"),
    UNAVAILABLE(503, "unavailable", "Service Unavailable");

    public final int status;
    public final String code;
    public final String title;

    ErrorCode(int status, String code, String title) {
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public static ErrorCode forStatus(int status) {
        for (ErrorCode c : values()) {
            if (c.status == status) {
                return c;
            }
        }
        return status >= 500 ? INTERNAL : BAD_INPUT;
    }
}
