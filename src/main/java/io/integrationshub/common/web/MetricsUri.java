package io.integrationshub.common.web;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;

/**
 * The {@code uri} label of the HTTP server metrics for answers given without a matched resource method.
 * Micrometer takes the label from the request context's URL template, which the REST layer sets once it
 * matched a method; without one it falls back to the raw path, so every refused request (401 before
 * routing, 405 with a random id...) would make a new time series, one per path any anonymous client sends.
 */
public final class MetricsUri {
    /** The key Quarkus' Micrometer binder reads the URL template from. */
    private static final String TEMPLATE = "UrlPathTemplate";
    /** The label of answers refused before routing (Micrometer shows it as /REFUSED): one series, however many paths are tried. */
    public static final String REFUSED = "REFUSED";

    private MetricsUri() {
    }

    /** Labels the request with {@code template} unless the REST layer already did. */
    public static void labelUnlessRouted(HttpServerRequest request, String template) {
        if (request instanceof HttpServerRequestInternal internal && internal.context() != null
                && internal.context().getLocal(TEMPLATE) == null) {
            internal.context().putLocal(TEMPLATE, template);
        }
    }
}
