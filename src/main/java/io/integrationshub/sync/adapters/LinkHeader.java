package io.integrationshub.sync.adapters;

import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.adapters.ProviderHttp.Call;
import io.integrationshub.sync.adapters.ProviderHttp.ProviderResponse;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 8288 Link headers (GitHub, registries): the rel="next" page, followed only on the first request's origin. */
final class LinkHeader {
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]*)*)");
    private static final Pattern REL = Pattern.compile("(?i);\\s*rel\\s*=\\s*\"?([^\";]*)\"?");

    private LinkHeader() {
    }

    /** The raw rel="next" target of a Link header value, or null when there is none. */
    static String nextTarget(String header) {
        if (header == null) {
            return null;
        }
        Matcher link = LINK.matcher(header);
        while (link.find()) {
            Matcher rel = REL.matcher(link.group(2));
            while (rel.find()) {
                for (String value : rel.group(1).trim().split("\\s+")) {
                    if (value.equalsIgnoreCase("next")) {
                        return link.group(1).trim();
                    }
                }
            }
        }
        return null;
    }

    /** The rel="next" page of a response, resolved against its request URL; null when none. */
    static URI next(ProviderResponse response) {
        String target = nextTarget(response.header("Link"));
        if (target == null) {
            return null;
        }
        try {
            return response.call().url().resolve(target);
        } catch (IllegalArgumentException e) {
            throw FailureMapping.unexpected(response.call(), "a malformed Link header");
        }
    }

    /** A next page on the same origin as the call, sameOrigin-checked; null when none. */
    static URI nextOnSameOrigin(ProviderResponse response) {
        URI next = next(response);
        return next == null ? null : sameOrigin(response.call(), next);
    }

    /**
     * A next-page URL taken from a provider answer is only followed on the host the first request
     * went to: the credentials travel with it.
     */
    static URI sameOrigin(Call call, URI next) {
        URI base = call.url();
        if (next == null || next.getScheme() == null || next.getHost() == null
                || !next.getScheme().equalsIgnoreCase(base.getScheme())
                || !next.getHost().equalsIgnoreCase(base.getHost())
                || effectivePort(next) != effectivePort(base)) {
            throw new ProviderFailure(Kind.PERMANENT, call.provider() + " pagination on " + call.describe()
                    + " pointed to another host; not followed");
        }
        return next;
    }

    private static int effectivePort(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
