package io.integrationshub.common.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.UUID;

/**
 * Builders for the responses resources return: 201 with Location (and ETag), ETag on single resources, and
 * {@code Cache-Control: no-store} on the one-time reveals of a secret.
 */
public final class Responses {
    public static final String CACHE_CONTROL = "Cache-Control";
    public static final String NO_STORE = "no-store";

    private Responses() {
    }

    /** 201 for a resource created under the request's path: Location is that path plus its id. */
    public static Response created(UriInfo uri, UUID id, Object entity, Integer version) {
        return created(uri.getAbsolutePathBuilder().path(id.toString()).build(), entity, version);
    }

    /** 201 with Location (none when null: a created set has no one address), and ETag when versioned. */
    public static Response created(URI location, Object entity, Integer version) {
        Response.ResponseBuilder builder = Response.status(Response.Status.CREATED).entity(entity);
        if (location != null) {
            builder.location(location);
        }
        if (version != null) {
            builder.header("ETag", Versions.etag(version));
        }
        return builder.build();
    }

    /** 200 with the representation and its version as ETag. */
    public static <T extends Versioned> RestResponse<T> ok(T view) {
        return ok(view, view.version());
    }

    public static <T> RestResponse<T> ok(T entity, int version) {
        return RestResponse.ResponseBuilder.ok(entity).header("ETag", Versions.etag(version)).build();
    }

    /**
     * The response, marked {@code Cache-Control: no-store}: it reveals a secret this once (an API token, a broker
     * token, a webhook signing secret; API.md 3, 5, 10), which no cache, proxy or browser history may keep.
     * Idempotent replays keep the header (idempotency.Idempotency).
     */
    public static Response noStore(Response response) {
        return Response.fromResponse(response).header(CACHE_CONTROL, NO_STORE).build();
    }

    /** {@link #ok(Object, int)}, marked no-store when {@code revealsSecret} (see {@link #noStore(Response)}). */
    public static <T> RestResponse<T> ok(T entity, int version, boolean revealsSecret) {
        RestResponse.ResponseBuilder<T> builder = RestResponse.ResponseBuilder.ok(entity).header("ETag", Versions.etag(version));
        if (revealsSecret) {
            builder.header(CACHE_CONTROL, NO_STORE);
        }
        return builder.build();
    }

    /** {@code response}, marked no-store when {@code revealsSecret}. */
    public static Response noStoreIf(boolean revealsSecret, Response response) {
        return revealsSecret ? noStore(response) : response;
    }
}
