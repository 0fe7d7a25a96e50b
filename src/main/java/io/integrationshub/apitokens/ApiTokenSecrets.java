package io.integrationshub.apitokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Minting and hashing of bearer-style secrets: 32 random bytes, base64url, with a readable prefix. */
public final class ApiTokenSecrets {
    public static final String PREFIX = "iht_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokenSecrets() {
    }

    public static String mint(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form: tokens carry 256 bits of entropy, so a plain SHA-256 cannot be reversed or guessed. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hint(String token) {
        return token.substring(token.length() - 4);
    }
}
