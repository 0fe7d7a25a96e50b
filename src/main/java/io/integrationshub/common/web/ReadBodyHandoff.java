package io.integrationshub.common.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.io.ByteArrayInputStream;

/**
 * Gives the REST layer a body that {@link BodyReader} has already read, as the request's entity stream.
 * <p>
 * Only setting it on the routing context is not enough: RESTEasy Reactive's InputHandler then takes the body
 * through VertxResteasyReactiveRequestContext#setReadListener, which calls the listener's data() and then done()
 * with it. A body over quarkus.rest.input-buffer-size (10 KiB) makes data() copy (and so drain) the buffer into a
 * blocking stream, and the done() that follows replaces that stream with a fresh array of the same length copied
 * from the drained buffer: all zeros, which Jackson reports as malformed JSON at column 2. (Had the request
 * counted as ended, InputHandler would instead have read nothing at all.) Request filters run before
 * InputHandler, which skips reading once an entity stream is set.
 */
public class ReadBodyHandoff {
    @ServerRequestFilter
    public void handOver(ContainerRequestContext request, RoutingContext ctx) {
        Buffer body = ctx.get(BodyReader.READ);
        if (body != null) {
            request.setEntityStream(new ByteArrayInputStream(body.getBytes()));
        }
    }
}
