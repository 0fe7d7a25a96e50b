package io.integrationshub.common.web;

import io.smallrye.common.vertx.ContextLocals;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** The id of the request being served: echoed from a valid X-Request-Id, else generated. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String KEY = "request_id";
    private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    private RequestIds() {
    }

    public static String acceptOrGenerate(String incoming) {
        return incoming != null && VALID.matcher(incoming).matches() ? incoming : generate();
    }

    /**
     * A random (version 4) UUID from the thread's own generator: a request id needs to be unique, not
     * unguessable, and {@code UUID.randomUUID()} takes SecureRandom's lock on every request.
     */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    public static void bind(String requestId) {
        try {
            ContextLocals.put(KEY, requestId);
        } catch (UnsupportedOperationException | IllegalStateException notOnDuplicatedContext) {
            // Outside a request's duplicated context (workers, startup): the MDC alone carries it.
        }
        MDC.put(KEY, requestId);
    }

    /** The current request's id, or null outside a request. */
    public static String current() {
        try {
            String id = ContextLocals.<String>get(KEY).orElse(null);
            if (id != null) {
                return id;
            }
        } catch (UnsupportedOperationException | IllegalStateException notOnDuplicatedContext) {
            // fall through to the MDC
        }
        Object mdc = MDC.get(KEY);
        return mdc == null ? null : mdc.toString();
    }
}
