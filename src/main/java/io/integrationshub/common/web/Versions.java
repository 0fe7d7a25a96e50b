package io.integrationshub.common.web;

import io.integrationshub.common.domain.NotFound;
import io.integrationshub.common.error.ApiException;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/** Optimistic concurrency through ETag / If-Match (API.md 1.3): the ETag is the quoted version. */
public final class Versions {
    /** The OpenAPI description of If-Match on writes of a resource without a version. */
    public static final String UNVERSIONED_IF_MATCH = "Optional. This resource carries no version and its responses no "
            + "ETag: only `*` (it exists) applies; any entity tag is 412 precondition_failed.";

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
        if (ifMatch == null || ifMatch.trim().equals("*")) {
            return;
        }
        if (!strongTags(ifMatch).contains(Integer.toString(currentVersion))) {
            throw ApiException.preconditionFailed("If-Match does not match the current version " + etag(currentVersion));
        }
    }

    /**
     * If-Match on a resource that carries no version and whose responses send no ETag (API tokens, collaborators):
     * only "*" (the resource exists, which the caller has checked before) matches; any entity tag is 412, since no
     * current entity tag can equal it (RFC 9110 13.1.1). Without If-Match the write applies.
     */
    public static void checkIfMatchUnversioned(String ifMatch) {
        if (ifMatch == null || ifMatch.trim().equals("*")) {
            return;
        }
        strongTags(ifMatch); // a malformed header is 400 before it is 412
        throw ApiException.preconditionFailed("If-Match names an entity tag, but this resource has none (it carries "
                + "no version); only If-Match: * applies");
    }

    /** The opaque values of the strong tags in an If-Match list; weak tags are left out; malformed is 400. */
    private static List<String> strongTags(String ifMatch) {
        List<String> tags = new ArrayList<>();
        for (String candidate : ifMatch.trim().split(",")) {
            String tag = candidate.trim();
            boolean weak = tag.startsWith("W/");
            if (weak) {
                tag = tag.substring(2);
            }
            if (tag.length() < 3 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
                throw ApiException.badHeader("If-Match", "must be an entity tag such as \"3\"");
            }
            if (!weak) {
                tags.add(tag.substring(1, tag.length() - 1));
            }
        }
        return tags;
    }
}
