package io.integrationshub.notifications;

import io.integrationshub.common.domain.Invalid;
import io.integrationshub.outbound.OutboundHttp;
import io.integrationshub.outbound.OutboundRefusedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Notification URLs: https unless the host is on the outbound allow-list, no user info, and never an
 * address the outbound policy refuses (API.md 11). Checked at creation here and again at every delivery
 * by {@link OutboundHttp}, after DNS resolution. A URL is a secret (Slack's carry the token in the path):
 * outside its ciphertext it only ever appears masked, scheme and host.
 */
@ApplicationScoped
public class WebhookUrls {
    static final int MAX_LENGTH = 2048;

    private final OutboundHttp outbound;

    public WebhookUrls(OutboundHttp outbound) {
        this.outbound = outbound;
    }

    /** {@code https://hooks.example.com/…}: what reads show of a stored URL. */
    public static String mask(URI url) {
        String host = url.getHost() == null ? "" : url.getHost();
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + host.toLowerCase(Locale.ROOT) + "/…";
    }

    /** Parses and checks the form of a URL given at {@code pointer}; a 400 never quotes it. */
    public URI parse(String pointer, String text) {
        if (text == null || text.isBlank()) {
            throw Invalid.of(pointer, "is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw Invalid.of(pointer, "must be at most " + MAX_LENGTH + " characters");
        }
        URI url;
        try {
            url = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw Invalid.of(pointer, "must be an absolute https URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || url.isOpaque() || url.getHost() == null || url.getHost().isEmpty()
                || !(scheme.equals("https") || scheme.equals("http"))) {
            throw Invalid.of(pointer, "must be an absolute https URL");
        }
        if (scheme.equals("http") && !outbound.isAllowListed(url.getHost())) {
            throw Invalid.of(pointer, "must use https (plain http only for hosts on hub.outbound.allowed-hosts)");
        }
        if (url.getRawUserInfo() != null) {
            throw Invalid.of(pointer, "must not carry user info");
        }
        if (url.getRawFragment() != null) {
            throw Invalid.of(pointer, "must not have a fragment");
        }
        try {
            outbound.checkUrl(url, true);
        } catch (OutboundRefusedException refused) {
            throw Invalid.of(pointer, "is refused: " + refused.reason());
        }
        return url;
    }

    /**
     * The address policy at creation: a host that resolves to a loopback, private, link-local, … address
     * is refused unless allow-listed. A name that does not resolve now is accepted (DNS can be down or
     * not yet set up); every delivery resolves and checks again.
     */
    public Uni<URI> checkDestination(String pointer, URI url) {
        return outbound.checkedAddress(url.getHost())
                .replaceWith(url)
                .onFailure(OutboundRefusedException.class).transform(e -> Invalid.of(pointer,
                        "is refused: " + ((OutboundRefusedException) e).reason()))
                .onFailure(UnknownHostException.class).recoverWithItem(url);
    }
}
