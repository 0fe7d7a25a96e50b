package io.integrationshub.secrets;

/**
 * A stored secret cannot be opened: unknown or disabled key, tampering, or a ciphertext bound to another
 * row or context. The message names the context and row id, never the plaintext or a key.
 */
public class SecretDecryptionException extends RuntimeException {
    public SecretDecryptionException(String message) {
        super(message);
    }
}
