package io.integrationshub.notifications;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} deliveries in flight per URL on this instance (API.md 10), so a slow receiver
 * occupies a bounded share of the workers. A delivery that finds its URL full does not wait on a worker:
 * its job is rescheduled shortly without using an attempt. URLs are kept only as SHA-256 digests.
 */
final class UrlLimiter {
    private final int limit;
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();

    UrlLimiter(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("hub.notifications.per-url-concurrency must be at least 1");
        }
        this.limit = limit;
    }

    /** A slot for {@code url}, or null when {@code limit} deliveries to it are in flight. */
    Permit tryAcquire(String url) {
        String key = digest(url);
        boolean[] granted = {false};
        inFlight.compute(key, (k, n) -> {
            int current = n == null ? 0 : n;
            if (current >= limit) {
                return current;
            }
            granted[0] = true;
            return current + 1;
        });
        return granted[0] ? new Permit(key) : null;
    }

    int inFlight(String url) {
        return inFlight.getOrDefault(digest(url), 0);
    }

    final class Permit implements AutoCloseable {
        private final String key;
        private boolean released;

        private Permit(String key) {
            this.key = key;
        }

        /** Idempotent; the map drops a URL's entry when its last delivery ends. */
        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                inFlight.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    private static String digest(String url) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
