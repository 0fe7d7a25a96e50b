package io.integrationshub.notifications;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): a secret is {@code whsec_} + base64 of
 * 32 random bytes, the HMAC-SHA256 key is those bytes, and the signed content is
 * {@code msgId + "." + timestamp + "." + body}. The {@code webhook-signature} header lists one
 * {@code v1,<base64>} per secret, space-separated, so a receiver that knows either secret verifies.
 */
public final class WebhookSignature {
    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The HMAC key of a {@code whsec_} secret. */
    static byte[] keyOf(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a whsec_ signing secret");
        }
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }

    /** One {@code v1,<base64 HMAC-SHA256>} signature. */
    static String sign(byte[] key, String msgId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((msgId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The {@code webhook-signature} header value: the current secret's signature first, then the others'. */
    static String header(List<String> secrets, String msgId, long timestampSeconds, byte[] body) {
        return secrets.stream().map(s -> sign(keyOf(s), msgId, timestampSeconds, body)).collect(Collectors.joining(" "));
    }
}
