package io.integrationshub.common.web;

import io.integrationshub.common.domain.NotFound;
import io.integrationshub.common.error.ApiException;
import io.smallrye.mutiny.Uni;

import java.util.function.ToIntFunction;

/** Optimistic concurrency through ETag / If-Match (API.md 1.3): the ETag is the quoted version. */
public final class Versions {
    private Versions() {
    }

    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    /**
     * The row a write under If-Match changes: fails with 404 ({@code notFound}) when there is none, and with 412
     * when If-Match names another version than the row's.
     */
    public static <T> Uni<T> matching(Uni<T> row, String notFound, String ifMatch, ToIntFunction<T> version) {
        return row.onItem().ifNull().failWith(() -> new NotFound(notFound))
                .invoke(found -> checkIfMatch(ifMatch, version.applyAsInt(found)));
    }

    /** Throws 412 when If-Match is given and names another version; "*" matches any; weak tags never match (RFC 9110). */
    public static void checkIfMatch(String ifMatch, int currentVersion) {
        if (ifMatch == null) {
            return;
        }
        String value = ifMatch.trim();
        if (value.equals("*")) {
            return;
        }
        boolean matched = false;
        for (String candidate : value.split(",")) {
            String tag = candidate.trim();
            boolean weak = tag.startsWith("W/");
            if (weak) {
                tag = tag.substring(2);
            }
            if (tag.length() < 3 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
                throw ApiException.badHeader("If-Match", "must be an entity tag such as \"3\"");
            }
            if (!weak && tag.substring(1, tag.length() - 1).equals(Integer.toString(currentVersion))) {
                matched = true;
            }
        }
        if (!matched) {
            throw ApiException.preconditionFailed("If-Match does not match the current version " + etag(currentVersion));
        }
    }
}
