package io.integrationshub.sync.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationshub.outbound.OutboundHttp;
import io.integrationshub.outbound.OutboundResponse;
import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure.Kind;
import io.integrationshub.sync.ProviderFailure;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The HTTP client of the adapters: calls through {@link OutboundHttp}, answers mapped by
 * {@link FailureMapping}, and a page loop with a cap. Link headers are read by {@link LinkHeader},
 * rate-limit headers by {@link RateLimitHeaders}.
 */
@ApplicationScoped
public class ProviderHttp {
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

    /** One request to a provider; label is what failure messages show instead of the URL path. */
    public record Call(String provider, String method, URI url, Map<String, String> headers, String body, String label) {
        public Call {
            headers = headers == null ? Map.of() : headers;
            label = label == null ? (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                    : label;
        }

        public Call(String provider, URI url, Map<String, String> headers, String label) {
            this(provider, "GET", url, headers, null, label);
        }

        public static Call get(String provider, URI url, Map<String, String> headers) {
            return new Call(provider, url, headers, null);
        }

        /** A POST of a JSON body (which may hold credentials: never printed). */
        public static Call postJson(String provider, URI url, Map<String, String> headers, String json) {
            return new Call(provider, "POST", url, headers, json, null);
        }

        String describe() {
            return method + " " + label;
        }

        /** Hidden: headers and body hold credentials. */
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
                JsonNode node = Sources.JSON.readTree(raw.body().getBytes());
                if (node == null || node.isMissingNode()) {
                    throw FailureMapping.unexpected(call, "an empty body");
                }
                return node;
            } catch (IOException e) {
                throw FailureMapping.unexpected(call, "a body that is not JSON");
            }
        }

        @Override
        public String toString() {
            return call + " -> " + status();
        }
    }

    /**
     * A page of results and the cursor of the next page, null when this was the last. {@code providerAllowsAt}:
     * the answer said no call is left in the rate-limit window (x-ratelimit-remaining: 0) and when it resets;
     * null when calls are left or no reset was given.
     */
    public record Page<C>(List<DiscoveredResource> items, C next, Instant providerAllowsAt) {
        public Page(List<DiscoveredResource> items, C next) {
            this(items, next, null);
        }

        public static <C> Page<C> last(List<DiscoveredResource> items) {
            return new Page<>(items, null);
        }

        /** A page read from {@code response}, with its rate-limit state (API.md 7: exhausted headers on a 2xx too). */
        public static <C> Page<C> after(ProviderResponse response, List<DiscoveredResource> items, C next) {
            Instant now = Instant.now();
            Instant allows = RateLimitHeaders.exhausted(response::header) ? RateLimitHeaders.retryAt(response::header, now) : null;
            return new Page<>(items, next, allows != null && allows.isAfter(now) ? allows : null);
        }
    }

    /** A call whose non-2xx answers become failures (API.md 7 mapping). */
    public Uni<ProviderResponse> get(Call call) {
        return exchange(call).map(response -> {
            if (!response.ok()) {
                throw FailureMapping.failure(response);
            }
            return response;
        });
    }

    /** A call that returns any HTTP answer as it is; only transport errors become failures. */
    public Uni<ProviderResponse> exchange(Call call) {
        Uni<OutboundResponse> sent = call.body() == null && call.method().equals("GET")
                ? http.get(call.url(), call.headers())
                : http.send(HttpMethod.valueOf(call.method()), call.url(), call.headers(),
                        call.body() == null ? null : Buffer.buffer(call.body()));
        return sent.map(raw -> new ProviderResponse(call, raw))
                .onFailure(t -> !(t instanceof ProviderFailure)).transform(t -> FailureMapping.transport(call, t));
    }

    /**
     * Follows pages until the fetch says there is no next one. More than
     * {@code hub.providers.max-pages} pages, or a next cursor equal to the current one, fails
     * PERMANENT instead of looping. Resources are de-duplicated by kind and external id.
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
                    if (page.next() != null && page.providerAllowsAt() != null) {
                        // API.md 7: exhausted rate-limit headers, even on a 2xx: the next page would be refused
                        // (GitHub: 403), so the job waits for the reset without using an attempt. A last page
                        // needs no further call: the sync completes.
                        throw new ProviderFailure(Kind.RATE_LIMITED, provider + " rate limit exhausted after page "
                                + number + " (x-ratelimit-remaining: 0); the next page waits for the reset",
                                null, page.providerAllowsAt());
                    }
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
                .map(ignored -> Sources.distinct(all));
    }

    /** A host (optionally :port) named by an integration, reached with hub.providers.host-scheme. */
    String hostBase(String provider, String field, String hostname) {
        String h = hostname == null ? "" : hostname.trim().toLowerCase(Locale.ROOT);
        if (!HOSTNAME.matcher(h).matches()) {
            throw new ProviderFailure(Kind.PERMANENT, provider + " " + field + " is not a host name");
        }
        return config.hostScheme() + "://" + h;
    }
}
