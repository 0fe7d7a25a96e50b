package io.integrationshub.secrets;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * Where the AEAD keyset comes from (docs/secrets.md). Production sets exactly one of {@code keyset}
 * (HUB_SECRETS_KEYSET, the JSON itself, e.g. from a Kubernetes Secret) or {@code keyset-location}
 * (HUB_SECRETS_KEYSET_LOCATION, a file); dev and test may generate one.
 */
@ConfigMapping(prefix = "hub.secrets")
public interface SecretsConfig {
    /** A cleartext Tink JSON keyset; wins over {@link #keysetLocation()} when both are set. */
    Optional<String> keyset();

    /** A file holding a cleartext Tink JSON keyset. */
    Optional<String> keysetLocation();

    /**
     * Without a configured keyset, generate one instead of refusing to start: written to
     * keyset-location when that is set (dev restarts keep decrypting), else kept in memory (tests).
     */
    @WithDefault("false")
    boolean generateIfMissing();

    /** After startup, rewrite rows sealed under a key other than the primary (SecretReencryptor). */
    @WithDefault("true")
    boolean reencryptOnStart();

    /** Rows per re-encryption transaction. */
    @WithDefault("200")
    int reencryptBatchSize();
}
