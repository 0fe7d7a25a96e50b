package io.integrationshub.common.web;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The one rule for URLs the service is given to call or show: absolute http(s) with a host, no
 * {@code user:password@} (credentials in a URL end up in logs, audit entries and plain configuration;
 * they belong in the credentials) and no {@code #fragment} (never sent to a server, so it only hides
 * what the URL really is).
 */
public final class HttpUrls {
    public static final String RULE = "must be an absolute http or https URL without user:password@ or #fragment";

    private HttpUrls() {
    }

    public static boolean isAcceptable(String value) {
        if (value == null) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawFragment() == null
                    && !uri.getRawAuthority().contains("@");
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
