package io.integrationshub.sync.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.SyncSource;
import io.integrationshub.sync.adapters.ProviderHttp.Call;
import io.integrationshub.sync.adapters.ProviderHttp.Page;
import io.integrationshub.sync.adapters.ProviderHttp.ProviderResponse;
import io.smallrye.mutiny.Uni;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker Registry HTTP API v2 catalog: {@code GET /v2/_catalog?n=100}, paged by a Link header
 * relative to the registry. The first request carries the credentials as basic auth, so that a
 * registry that would also answer anonymously still checks them (a sync never ends healthy
 * without an authenticated call); a 401 challenge says how else to authenticate:
 * {@code Bearer realm=,service=,scope=} means a token fetched from the realm with basic auth, and a
 * {@code Basic} challenge to basic auth means the credentials are refused. The token is reused for
 * later pages and fetched again once if a page is refused.
 */
abstract class ContainerRegistryAdapter extends HttpSyncAdapter {
    static final int PAGE_SIZE = 100;
    private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)\\s*=\\s*(?:\"([^\"]*)\"|([^,\\s]*))");

    /** For CDI client proxies. */
    ContainerRegistryAdapter() {
    }

    ContainerRegistryAdapter(String provider, ProviderHttp http) {
        super(provider, http);
    }

    /** Registry host, optionally with :port. */
    protected abstract String hostname(SyncSource source);

    protected abstract String username(SyncSource source);

    protected abstract String password(SyncSource source);

    @Override
    protected Uni<List<DiscoveredResource>> run(SyncSource source) {
        String hostname = hostname(source);
        String base = http.hostBase(provider(), "hostname", hostname);
        Credentials credentials = new Credentials(username(source), password(source));
        URI first = URI.create(base + "/v2/_catalog?n=" + PAGE_SIZE);
        return http.paginate(provider(), first, url -> page(url, credentials).map(response -> {
            JsonNode repositories = response.json().get("repositories");
            if (repositories != null && !repositories.isNull() && !repositories.isArray()) {
                throw FailureMapping.unexpected(response.call(), "a catalog without a repositories list");
            }
            List<DiscoveredResource> items = new ArrayList<>();
            if (repositories != null) {
                for (JsonNode repository : repositories) {
                    String name = repository.asText();
                    if (!name.isEmpty()) {
                        String host = hostname.toLowerCase(Locale.ROOT);
                        items.add(new DiscoveredResource("image", name, name, null,
                                Sources.meta("reference", host + "/" + name)));
                    }
                }
            }
            URI next = LinkHeader.next(response);
            return Page.after(response, items, next == null ? null : LinkHeader.sameOrigin(response.call(), next));
        }));
    }

    /** One catalog page, answering a 401 challenge once. */
    private Uni<ProviderResponse> page(URI url, Credentials credentials) {
        return http.exchange(call(url, credentials)).flatMap(response -> {
            if (response.status() != 401) {
                return checked(response);
            }
            Map<String, String> challenge = challenge(response.header("WWW-Authenticate"));
            if (challenge == null || (challenge.get("").equals("basic") && credentials.isBasic())) {
                return Uni.createFrom().failure(FailureMapping.failure(response));
            }
            return authenticate(challenge, credentials)
                    .flatMap(ignored -> http.exchange(call(url, credentials)))
                    .flatMap(this::checked);
        });
    }

    private Uni<ProviderResponse> checked(ProviderResponse response) {
        return response.ok() ? Uni.createFrom().item(response) : Uni.createFrom().failure(FailureMapping.failure(response));
    }

    private Call call(URI url, Credentials credentials) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("User-Agent", http.config().userAgent());
        if (credentials.authorization != null) {
            headers.put("Authorization", credentials.authorization);
        }
        return Call.get(provider(), url, headers);
    }

    private Uni<Void> authenticate(Map<String, String> challenge, Credentials credentials) {
        String scheme = challenge.get("");
        if (scheme.equals("basic")) {
            credentials.authorization = Sources.basic(credentials.username, credentials.password);
            return Uni.createFrom().voidItem();
        }
        String realm = challenge.get("realm");
        URI tokenUrl;
        try {
            StringBuilder u = new StringBuilder(realm == null ? "" : realm);
            char sep = u.indexOf("?") >= 0 ? '&' : '?';
            if (challenge.get("service") != null) {
                u.append(sep).append("service=").append(Sources.segment(challenge.get("service")));
                sep = '&';
            }
            String scope = challenge.getOrDefault("scope", "registry:catalog:*");
            u.append(sep).append("scope=").append(Sources.segment(scope));
            tokenUrl = URI.create(u.toString());
            if (!tokenUrl.isAbsolute() || tokenUrl.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new ProviderFailure(Kind.PERMANENT,
                    provider() + " answered a bearer challenge without a usable realm"));
        }
        Call tokenCall = new Call(provider(), tokenUrl,
                jsonHeaders("Authorization", Sources.basic(credentials.username, credentials.password)),
                "token endpoint " + tokenUrl.getRawPath());
        return http.get(tokenCall).map(response -> {
            JsonNode body = response.json();
            String token = Sources.textOr(body, "token", Sources.text(body, "access_token"));
            if (token == null) {
                throw FailureMapping.unexpected(tokenCall, "a token response without a token");
            }
            credentials.authorization = "Bearer " + token;
            return null;
        });
    }

    /** The first Bearer (else Basic) challenge of a WWW-Authenticate header: scheme under "", then its parameters. */
    static Map<String, String> challenge(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        String lower = h.toLowerCase(Locale.ROOT);
        int bearer = lower.indexOf("bearer ");
        if (bearer >= 0) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("", "bearer");
            Matcher m = PARAM.matcher(h.substring(bearer + 7));
            while (m.find()) {
                String key = m.group(1).toLowerCase(Locale.ROOT);
                if (key.equals("basic")) {
                    break;
                }
                params.putIfAbsent(key, m.group(2) != null ? m.group(2) : m.group(3));
            }
            return params;
        }
        if (lower.startsWith("basic")) {
            return Map.of("", "basic");
        }
        return null;
    }

    /** Per sync: the credentials and the Authorization header the registry accepted last. */
    private static final class Credentials {
        final String username;
        final String password;
        volatile String authorization;

        Credentials(String username, String password) {
            this.username = username;
            this.password = password;
            this.authorization = Sources.basic(username, password);
        }

        boolean isBasic() {
            return authorization.startsWith("Basic ");
        }

        @Override
        public String toString() {
            return "Credentials[hidden]";
        }
    }
}
