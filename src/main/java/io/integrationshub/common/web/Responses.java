package io.integrationshub.common.web;

import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;

/** Builders for the typed responses resources return (201 with Location, ETag on single resources). */
public final class Responses {
    private Responses() {
    }

    public static <T> RestResponse<T> created(UriInfo uri, String id, T entity) {
        return RestResponse.ResponseBuilder.<T>created(uri.getAbsolutePathBuilder().path(id).build()).entity(entity).build();
    }

    public static <T> RestResponse<T> created(URI location, T entity, Integer version) {
        RestResponse.ResponseBuilder<T> builder = RestResponse.ResponseBuilder.<T>created(location).entity(entity);
        if (version != null) {
            builder.header("ETag", Versions.etag(version));
        }
        return builder.build();
    }

    public static <T> RestResponse<T> ok(T entity, int version) {
        return RestResponse.ResponseBuilder.ok(entity).header("ETag", Versions.etag(version)).build();
    }
}
