package io.integrationshub.common.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.UUID;

/** Builders for the responses resources return: 201 with Location (and ETag), ETag on single resources. */
public final class Responses {
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
}
