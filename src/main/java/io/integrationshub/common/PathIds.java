package io.integrationshub.common;

import io.integrationshub.common.error.ApiException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.UUID;

/**
 * Lets resources take ids as {@code UUID} parameters: a malformed one is the API.md 1.1 400 naming the
 * parameter (not JAX-RS' default 404). The ApiException travels inside a WebApplicationException, the only
 * kind the REST layer passes on from a converter unchanged; the problem mapper unwraps it.
 */
@Provider
public class PathIds implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != UUID.class) {
            return null;
        }
        String name = parameterName(annotations);
        return (ParamConverter<T>) new ParamConverter<UUID>() {
            @Override
            public UUID fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return Ids.parameter(name, value);
                } catch (ApiException e) {
                    throw new BadRequestException(e);
                }
            }

            @Override
            public String toString(UUID value) {
                return value.toString();
            }
        };
    }

    static String parameterName(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof RestPath p && !p.value().isEmpty()) {
                    return p.value();
                }
                if (annotation instanceof PathParam p) {
                    return p.value();
                }
                if (annotation instanceof RestQuery q && !q.value().isEmpty()) {
                    return q.value();
                }
                if (annotation instanceof QueryParam q) {
                    return q.value();
                }
            }
        }
        return "id";
    }
}
