package io.integrationshub.outbound;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The one way the service calls other hosts (API.md 11): https only (unless configured off for
 * dev/test), no redirects, connect and read timeouts, a response size cap, and a destination
 * check. The host is resolved here, every address it resolves to must be public (unless the
 * host is allow-listed), and the connection goes to the checked address with the original Host
 * header and TLS server name, so a DNS answer that changes between check and connect
 * (rebinding) cannot redirect the request.
 */
@ApplicationScoped
public class OutboundHttp {
    private final Vertx vertx;
    private final WebClient client;
    private final Set<String> allowedHosts;
    private final boolean requireHttps;
    private final long connectTimeoutMs;
    private final long readTimeoutMs;
    private final long maxResponseBytes;

    public OutboundHttp(Vertx vertx, OutboundConfig config) {
        this.vertx = vertx;
        this.allowedHosts = config.allowedHosts().orElse(List.of()).stream()
                .map(h -> stripBrackets(h.trim()).toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.requireHttps = config.requireHttps();
        this.connectTimeoutMs = config.connectTimeout().toMillis();
        this.readTimeoutMs = config.readTimeout().toMillis();
        this.maxResponseBytes = config.maxResponseBytes();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setMaxRedirects(0)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeoutMs))
                .setVerifyHost(true)
                .setTrustAll(false)
                .setUserAgentEnabled(false)
                .setDecompressionSupported(false)
                // Kept-alive connections per destination; Vert.x's default of 5 would queue the up to
                // 4 concurrent deliveries per URL of many URLs on one host (API.md 10) behind 5 sockets.
                .setMaxPoolSize(64));
    }

    public Uni<OutboundResponse> get(URI url, Map<String, String> headers) {
        return send(HttpMethod.GET, url, headers, null);
    }

    /**
     * Sends one request and reads the whole response. Fails with {@link OutboundRefusedException}
     * before connecting when the URL or its destination is not allowed, with
     * {@link ResponseTooLargeException} past the size cap, and with the client's own exceptions
     * (connect failures, {@link TimeoutException} without the path) otherwise.
     */
    public Uni<OutboundResponse> send(HttpMethod method, URI url, Map<String, String> headers, Buffer body) {
        return send(method, url, headers, body, false);
    }

    /**
     * As {@link #send(HttpMethod, URI, Map, Buffer)}; with {@code plainHttpToAllowListed} an allow-listed
     * host may also be reached over plain http when https is required (notification URLs, API.md 10).
     */
    public Uni<OutboundResponse> send(HttpMethod method, URI url, Map<String, String> headers, Buffer body,
            boolean plainHttpToAllowListed) {
        Target target;
        try {
            target = target(url, plainHttpToAllowListed);
        } catch (OutboundRefusedException refused) {
            return Uni.createFrom().failure(refused);
        }
        return checkedAddress(target.host()).flatMap(address -> {
            RequestOptions options = new RequestOptions()
                    .setMethod(method)
                    .setHost(target.host())
                    .setPort(target.port())
                    .setSsl(target.https())
                    .setURI(target.requestUri())
                    .setFollowRedirects(false)
                    .setConnectTimeout(connectTimeoutMs)
                    .setIdleTimeout(readTimeoutMs);
            SocketAddress server = SocketAddress.inetSocketAddress(target.port(), address.getHostAddress());
            HttpRequest<io.vertx.core.buffer.Buffer> request = client.request(method, server, options)
                    .followRedirects(false)
                    .as(BodyCodec.newInstance(new LimitedBodyCodec(maxResponseBytes)));
            if (headers != null) {
                headers.forEach(request::putHeader);
            }
            var sent = body == null ? request.send() : request.sendBuffer(body);
            return sent.map(response -> new OutboundResponse(response.statusCode(), response.headers(),
                    response.body() == null ? Buffer.buffer() : Buffer.newInstance(response.body())))
                    .onFailure(TimeoutException.class).transform(t -> timeout());
        });
    }

    /** The client's own timeout message quotes the request path, which can hold a secret (webhook URLs). */
    private TimeoutException timeout() {
        return new TimeoutException("no answer within the read timeout of " + readTimeoutMs + " ms");
    }

    /**
     * Resolves the host off the event loop and returns the address to connect to: the first one,
     * after every address the name resolves to passed the policy (a name that mixes public and
     * internal addresses is refused as a whole).
     */
    public Uni<InetAddress> checkedAddress(String host) {
        String name = stripBrackets(host);
        if (AddressPolicy.isAmbiguousNumericHost(name)) {
            return Uni.createFrom().failure(new OutboundRefusedException(name,
                    "the host is a number that clients read differently (leading zeros, hex or short forms); write the address as a.b.c.d"));
        }
        boolean allowListed = allowedHosts.contains(name.toLowerCase(Locale.ROOT));
        InetAddress literal = AddressPolicy.literal(name);
        Uni<InetAddress[]> resolved = literal != null
                ? Uni.createFrom().item(new InetAddress[] { literal })
                : vertx.executeBlocking(() -> InetAddress.getAllByName(name), false);
        return resolved.map(addresses -> {
            if (!allowListed) {
                for (InetAddress address : addresses) {
                    AddressPolicy.Category category = AddressPolicy.classify(address);
                    if (category != AddressPolicy.Category.PUBLIC) {
                        String reason = "the host resolves to " + category.phrase()
                                + " address and is not on hub.outbound.allowed-hosts";
                        throw new OutboundRefusedException(name, reason, "it resolves to " + address.getHostAddress()
                                + ", " + category.phrase() + " address, and is not on hub.outbound.allowed-hosts");
                    }
                }
            }
            return addresses[0];
        });
    }

    /** Whether {@code host} is on {@code hub.outbound.allowed-hosts}. */
    public boolean isAllowListed(String host) {
        return host != null && allowedHosts.contains(stripBrackets(host).toLowerCase(Locale.ROOT));
    }

    /** Checks scheme, host and user info of {@code url} as a request would, without resolving or connecting. */
    public void checkUrl(URI url, boolean plainHttpToAllowListed) {
        target(url, plainHttpToAllowListed);
    }

    private Target target(URI url, boolean plainHttpToAllowListed) {
        if (url == null || !url.isAbsolute() || url.isOpaque()) {
            throw new OutboundRefusedException(null, "the URL is not an absolute http(s) URL");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new OutboundRefusedException(null, "only http and https URLs are allowed");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new OutboundRefusedException(null, "the URL has no host");
        }
        // Credentials belong in headers: a URL carrying them would end up in logs and error messages.
        if (url.getRawUserInfo() != null) {
            throw new OutboundRefusedException(stripBrackets(host), "URLs with user info are not allowed");
        }
        boolean https = scheme.equals("https");
        if (!https && requireHttps && !(plainHttpToAllowListed && isAllowListed(host))) {
            throw new OutboundRefusedException(stripBrackets(host), "https is required");
        }
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String requestUri = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        return new Target(stripBrackets(host), port, https, requestUri);
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private record Target(String host, int port, boolean https, String requestUri) {
    }
}
