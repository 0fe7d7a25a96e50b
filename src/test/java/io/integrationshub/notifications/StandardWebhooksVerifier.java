package io.integrationshub.notifications;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Verification as a receiver does it, written from the Standard Webhooks specification
 * (standard-webhooks/standard-webhooks, spec/standard-webhooks.md) and independent of the code under
 * test: strip {@code whsec_}, base64-decode the key, HMAC-SHA256 over {@code id.timestamp.body}, compare
 * in constant time against every space-delimited {@code v1,} signature, reject timestamps more than
 * five minutes away.
 */
final class StandardWebhooksVerifier {
    static final long TOLERANCE_SECONDS = 5 * 60;

    private StandardWebhooksVerifier() {
    }

    /** The signatures of the header that {@code secret} verifies (empty: none does). */
    static List<String> matching(String secret, String msgId, String timestamp, byte[] body, String signatureHeader) {
        if (msgId == null || timestamp == null || signatureHeader == null) {
            throw new AssertionError("missing webhook-id, webhook-timestamp or webhook-signature");
        }
        long ts = Long.parseLong(timestamp);
        long now = System.currentTimeMillis() / 1000;
        if (Math.abs(now - ts) > TOLERANCE_SECONDS) {
            throw new AssertionError("webhook-timestamp " + ts + " is outside the tolerance");
        }
        String base64Key = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        byte[] key = Base64.getDecoder().decode(base64Key);
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = (msgId + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            expected = mac.doFinal(signed);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        List<String> matching = new ArrayList<>();
        for (String versioned : signatureHeader.split(" ")) {
            String[] parts = versioned.split(",", 2);
            if (parts.length != 2 || !parts[0].equals("v1")) {
                continue;
            }
            byte[] given = Base64.getDecoder().decode(parts[1]);
            if (MessageDigest.isEqual(expected, given)) {
                matching.add(versioned);
            }
        }
        return matching;
    }

    static boolean verifies(String secret, Receiver.Received r) {
        return !matching(secret, r.header("webhook-id"), r.header("webhook-timestamp"), r.body(),
                r.header("webhook-signature")).isEmpty();
    }
}
