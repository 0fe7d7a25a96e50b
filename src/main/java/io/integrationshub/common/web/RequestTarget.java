package io.integrationshub.common.web;

import io.integrationshub.common.error.ProblemError;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks a request target (RFC 9112 origin-form) before the router sees it: Vert.x Web fails a path it cannot
 * decode before any route (and so any failure handler) matches, which left a bare 400.
 */
final class RequestTarget {
    private static final String PATH_CHARS = "-._~!$&'()*+,;=:@/%";

    private RequestTarget() {
    }

    /** Null when the target is acceptable; else the problem's errors (possibly empty) for a 400. */
    static List<ProblemError> problems(String uri) {
        if (uri == null || !uri.startsWith("/")) {
            return null;
        }
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        if (!validPath(path)) {
            return List.of();
        }
        if (question >= 0) {
            String query = uri.substring(question + 1);
            for (int i = 0; i < query.length(); i++) {
                char c = query.charAt(i);
                if (c <= 0x20 || c >= 0x7f || c == '#') {
                    return List.of();
                }
            }
            ProblemError bad = RequestText.firstBadParameter(query);
            if (bad != null) {
                return List.of(bad);
            }
        }
        return null;
    }

    /** Only RFC 3986 path characters, well-formed percent-encoding, and UTF-8 without NUL once decoded. */
    private static boolean validPath(String path) {
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean plain = c < 0x80 && (Character.isLetterOrDigit(c) || PATH_CHARS.indexOf(c) >= 0);
            if (!plain) {
                return false;
            }
            if (c == '%') {
                if (i + 2 >= path.length() || Character.digit(path.charAt(i + 1), 16) < 0
                        || Character.digit(path.charAt(i + 2), 16) < 0) {
                    return false;
                }
                int b = Integer.parseInt(path.substring(i + 1, i + 3), 16);
                if (b == 0) {
                    return false;
                }
                decoded.write(b);
                i += 2;
            } else {
                decoded.write(c);
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
