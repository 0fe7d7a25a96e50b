package io.integrationshub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.integrationshub.outbound.OutboundHttp;
import io.integrationshub.outbound.OutboundRefusedException;
import io.integrationshub.outbound.OutboundResponse;
import io.integrationshub.outbound.ResponseTooLargeException;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every adapter shares: calls through {@link OutboundHttp}, the mapping of provider answers
 * and transport errors to {@link ProviderFailure}, rate-limit headers, Link headers and a page
 * loop with a cap. Failure messages name the provider, the status and the request path (or a
 * redacted label), never a host, query, header or body.
 */
@ApplicationScoped
public class ProviderHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]*)*)");
    private static final Pattern REL_NEXT = Pattern.compile("(?i);\\s*rel\\s*=\\s*\"?([^\";]*)\"?");
    private static final Pattern HOSTNAME = Pattern.compile(
            "^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::\\d{1,5})?$");

    private final OutboundHttp http;
    private final ProvidersConfig config;

    public ProviderHttp(OutboundHttp http, ProvidersConfig config) {
        this.http = http;
        this.config = config;
    }

    public ProvidersConfig config() {
        return config;
    }

    /** One GET to a provider; label is what failure messages show instead of the URL path. */
    public record Call(String provider, URI url, Map<String, String> headers, String label) {
        public Call {
            headers = headers == null ? Map.of() : headers;
            label = label == null ? (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                    : label;
        }

        public static Call get(String provider, URI url, Map<String, String> headers) {
            return new Call(provider, url, headers, null);
        }

        String describe() {
            return "GET " + label;
        }

        /** Hidden: headers hold credentials. */
        @Override
        public String toString() {
            return provider + " " + describe();
        }
    }

    /** A provider answer read to its end. */
    public record ProviderResponse(Call call, OutboundResponse raw) {
        public int status() {
            return raw.statusCode();
        }

        public String header(String name) {
            return raw.header(name);
        }

        public boolean ok() {
            return status() >= 200 && status() < 300;
        }

        /** The body as JSON; a body that is not JSON is a PERMANENT failure. */
        public JsonNode json() {
            try {
                JsonNode node = JSON.readTree(raw.body().getBytes());
                if (node == null || node.isMissingNode()) {
                    throw unexpected(call, "an empty body");
                }
                return node;
            } catch (IOException e) {
                throw unexpected(call, "a body that is not JSON");
            }
        }

        @Override
        public String toString() {
            return call + " -> " + status();
        }
    }

    /** A page of results and the cursor of the next page, null when this was the last. */
    public record Page<C>(List<DiscoveredResource> items, C next) {
        public static <C> Page<C> last(List<DiscoveredResource> items) {
            return new Page<>(items, null);
        }
    }

    /** GET whose non-2xx answers become failures (API.md 7 mapping). */
    public Uni<ProviderResponse> get(Call call) {
        return exchange(call).map(response -> {
            if (!response.ok()) {
                throw failure(response);
            }
            return response;
        });
    }

    /** GET that returns any HTTP answer as it is; only transport errors become failures. */
    public Uni<ProviderResponse> exchange(Call call) {
        return http.get(call.url(), call.headers())
                .map(raw -> new ProviderResponse(call, raw))
                .onFailure(t -> !(t instanceof ProviderFailure)).transform(t -> transportFailure(call, t));
    }

    /** The failure for a non-2xx answer. */
    public static ProviderFailure failure(ProviderResponse response) {
        Call call = response.call();
        int status = response.status();
        String answered = call.provider() + " answered " + status + " on " + call.describe();
        if (status == 429 || (status == 403 && (response.header("Retry-After") != null
                || "0".equals(trim(response.header("X-RateLimit-Remaining")))))) {
            return new ProviderFailure(Kind.RATE_LIMITED, answered + " (rate limited)", status,
                    retryAt(response, Instant.now()));
        }
        if (status == 401 || status == 403) {
            return new ProviderFailure(Kind.AUTH, answered + " (credentials refused)", status, null);
        }
        if (status >= 500 || status == 408) {
            return new ProviderFailure(Kind.TRANSIENT, answered, status, null);
        }
        if (status >= 300 && status < 400) {
            return new ProviderFailure(Kind.PERMANENT, answered + " (a redirect, which is not followed)", status, null);
        }
        return new ProviderFailure(Kind.PERMANENT, answered, status, null);
    }

    /** A PERMANENT failure for an answer the adapter cannot use. */
    public static ProviderFailure unexpected(Call call, String what) {
        return new ProviderFailure(Kind.PERMANENT, call.provider() + " answered " + what + " on " + call.describe());
    }

    static ProviderFailure transportFailure(Call call, Throwable failure) {
        String on = " on " + call.describe();
        String p = call.provider();
        if (failure instanceof OutboundRefusedException refused) {
            return new ProviderFailure(Kind.PERMANENT, p + " request refused" + on + ": " + refused.reason());
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ResponseTooLargeException) {
                return new ProviderFailure(Kind.PERMANENT, p + " answered a body larger than the response size limit" + on);
            }
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return new ProviderFailure(Kind.TRANSIENT, p + " did not answer in time" + on);
            }
            if (t instanceof UnknownHostException) {
                return new ProviderFailure(Kind.TRANSIENT, p + " host could not be resolved" + on);
            }
            if (t instanceof ConnectException) {
                return new ProviderFailure(Kind.TRANSIENT, p + " could not be connected to" + on);
            }
            if (t instanceof SSLException) {
                return new ProviderFailure(Kind.TRANSIENT, p + " TLS handshake failed" + on);
            }
        }
        // Exception messages of the HTTP client can quote the request URL: only the type is kept.
        return new ProviderFailure(Kind.TRANSIENT, p + " request failed (" + failure.getClass().getSimpleName() + ")" + on);
    }

    /**
     * When the provider allows the next call: Retry-After (seconds or HTTP date), else a reset
     * header (X-RateLimit-Reset, RateLimit-Reset, X-Rate-Limit-Reset), read as epoch seconds when
     * it looks like one and as seconds from now otherwise. Null when none is given.
     */
    static Instant retryAt(ProviderResponse response, Instant now) {
        String retryAfter = trim(response.header("Retry-After"));
        if (retryAfter != null) {
            if (retryAfter.matches("\\d{1,10}")) {
                return now.plusSeconds(Long.parseLong(retryAfter));
            }
            try {
                return ZonedDateTime.parse(retryAfter, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (RuntimeException ignored) {
                // fall through to the reset headers
            }
        }
        for (String name : List.of("X-RateLimit-Reset", "RateLimit-Reset", "X-Rate-Limit-Reset")) {
            String value = trim(response.header(name));
            if (value != null && value.matches("\\d{1,12}(\\.\\d+)?")) {
                long seconds = (long) Double.parseDouble(value);
                Instant at = seconds > 1_000_000_000L ? Instant.ofEpochSecond(seconds) : now.plusSeconds(seconds);
                return at.isBefore(now) ? now : at;
            }
        }
        return null;
    }

    /**
     * Follows pages until the fetch says there is no next one. More than
     * {@code hub.providers.max-pages} pages, or a next cursor equal to the current one, fails
     * PERMANENT instead of looping. Resources are de-duplicated by kind and external id (lists
     * can shift while they are paged).
     */
    public <C> Uni<List<DiscoveredResource>> paginate(String provider, C first, Function<C, Uni<Page<C>>> fetch) {
        // Repeats a Uni instead of nesting flatMaps, so a thousand pages do not build a thousand-deep chain.
        List<DiscoveredResource> all = new ArrayList<>();
        AtomicReference<C> cursor = new AtomicReference<>(first);
        AtomicInteger pages = new AtomicInteger();
        return Multi.createBy().repeating()
                .uni(() -> fetch.apply(cursor.get()).map(page -> {
                    int number = pages.incrementAndGet();
                    all.addAll(page.items());
                    if (page.next() != null) {
                        if (Objects.equals(page.next(), cursor.get())) {
                            throw new ProviderFailure(Kind.PERMANENT,
                                    provider + " pagination did not advance after page " + number);
                        }
                        if (number >= config.maxPages()) {
                            throw new ProviderFailure(Kind.PERMANENT,
                                    provider + " returned more than " + config.maxPages() + " pages; stopped");
                        }
                    }
                    cursor.set(page.next());
                    return page.next() != null;
                }))
                .whilst(more -> more)
                .collect().last()
                .map(ignored -> distinct(all));
    }

    static List<DiscoveredResource> distinct(List<DiscoveredResource> resources) {
        Map<String, DiscoveredResource> byId = new LinkedHashMap<>();
        for (DiscoveredResource r : resources) {
            byId.putIfAbsent(r.kind() + "\u0000" + r.externalId(), r);
        }
        return List.copyOf(byId.values());
    }

    /** The rel="next" target of an RFC 8288 Link header, resolved against the request URL; null when none. */
    static URI nextLink(ProviderResponse response) {
        String header = response.header("Link");
        if (header == null) {
            return null;
        }
        Matcher link = LINK.matcher(header);
        while (link.find()) {
            Matcher rel = REL_NEXT.matcher(link.group(2));
            while (rel.find()) {
                for (String value : rel.group(1).trim().split("\\s+")) {
                    if (value.equalsIgnoreCase("next")) {
                        try {
                            return response.call().url().resolve(link.group(1).trim());
                        } catch (IllegalArgumentException e) {
                            throw unexpected(response.call(), "a malformed Link header");
                        }
                    }
                }
            }
        }
        return null;
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

    // --- small helpers shared by the adapters ----------------------------------------------

    /** One path segment, percent-encoded (a GitLab group path "a/b" becomes "a%2Fb"). */
    static String segment(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A credential field the adapter cannot work without; its absence is an AUTH failure. */
    static String credential(SyncSource source, String provider, String field) {
        String value = source.credentials().get(field);
        if (value == null || value.isBlank()) {
            throw new ProviderFailure(Kind.AUTH, provider + " credentials lack " + field);
        }
        return value;
    }

    static JsonNode configuration(SyncSource source) {
        JsonNode c = source.configuration();
        return c == null || !c.isObject() ? JsonNodeFactory.instance.objectNode() : c;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }

    /** A configured base URL as a URI without trailing slash; a bad one is PERMANENT (and not echoed). */
    static String baseUrl(String provider, String field, String value) {
        String trimmed = value.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException();
            }
            return trimmed;
        } catch (Exception e) {
            throw new ProviderFailure(Kind.PERMANENT, provider + " " + field + " is not a valid http(s) URL");
        }
    }

    /** A host (optionally :port) named by an integration, reached with hub.providers.host-scheme. */
    String hostBase(String provider, String field, String hostname) {
        String h = hostname == null ? "" : hostname.trim().toLowerCase(Locale.ROOT);
        if (!HOSTNAME.matcher(h).matches()) {
            throw new ProviderFailure(Kind.PERMANENT, provider + " " + field + " is not a host name");
        }
        return config.hostScheme() + "://" + h;
    }

    static String trim(String value) {
        if (value == null) {
            return null;
        }
        String t = value.trim();
        return t.isEmpty() ? null : t;
    }

    /** Metadata without null values, in the order given: key, value, key, value, ... */
    static Map<String, Object> meta(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            if (v instanceof JsonNode node) {
                v = node.isNull() || node.isMissingNode() ? null
                        : node.isBoolean() ? (Object) node.booleanValue()
                        : node.isIntegralNumber() ? (Object) node.longValue()
                        : node.isNumber() ? (Object) node.doubleValue()
                        : node.isTextual() ? node.textValue() : JSON.convertValue(node, Object.class);
            }
            if (v != null) {
                m.put((String) keyValues[i], v);
            }
        }
        return m;
    }
}
