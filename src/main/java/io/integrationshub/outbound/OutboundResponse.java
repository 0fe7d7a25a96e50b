package io.integrationshub.outbound;

import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.buffer.Buffer;

/** A response read to its end (within the size limit). Redirects arrive as they are: 3xx with Location. */
public record OutboundResponse(int statusCode, MultiMap headers, Buffer body) {
    public String header(String name) {
        return headers.get(name);
    }

    public String bodyAsString() {
        return body == null ? "" : body.toString();
    }
}
