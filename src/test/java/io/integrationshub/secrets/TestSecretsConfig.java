package io.integrationshub.secrets;

import java.util.Optional;

/** SecretsConfig values for plain JUnit tests, which build SecretCipher without CDI. */
record TestSecretsConfig(Optional<String> keyset, Optional<String> keysetLocation, boolean generateIfMissing,
        boolean reencryptOnStart, int reencryptBatchSize) implements SecretsConfig {

    static TestSecretsConfig of(String keyset, String keysetLocation, boolean generateIfMissing) {
        return new TestSecretsConfig(Optional.ofNullable(keyset), Optional.ofNullable(keysetLocation),
                generateIfMissing, false, 200);
    }
}
