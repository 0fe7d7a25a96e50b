package io.integrationshub.secrets;

import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import io.integrationshub.secrets.SecretCipher.Sealed;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {
    private static final String CONTEXT = "integrations.credentials";
    private static final String PLAINTEXT = "ghp_s3cr3t-token-value";

    private final SecretCipher cipher = new SecretCipher(Keysets.generate());

    @Test
    void sealsAndOpensUnderTheRowAndContext() {
        UUID row = UUID.randomUUID();
        Sealed sealed = cipher.seal(PLAINTEXT, CONTEXT, row);

        assertThat(cipher.open(sealed.ciphertext(), CONTEXT, row)).isEqualTo(PLAINTEXT);
        assertThat(new String(sealed.ciphertext(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(PLAINTEXT);
        assertThat(sealed.toString()).doesNotContain(PLAINTEXT);
        // Randomised: the same secret never gives the same ciphertext twice.
        assertThat(cipher.seal(PLAINTEXT, CONTEXT, row).ciphertext()).isNotEqualTo(sealed.ciphertext());
    }

    @Test
    void storedKeyIdIsThePrimaryAndTheCiphertextPrefix() {
        Sealed sealed = cipher.seal(PLAINTEXT, CONTEXT, UUID.randomUUID());

        assertThat(sealed.keyId()).isEqualTo(cipher.primaryKeyId());
        assertThat(SecretCipher.keyIdOf(sealed.ciphertext())).isEqualTo(cipher.primaryKeyId());
        assertThat(sealed.ciphertext()[0]).isEqualTo((byte) 1);
    }

    @Test
    void aCiphertextMovedToAnotherRowOrContextDoesNotOpen() {
        UUID row = UUID.randomUUID();
        byte[] ciphertext = cipher.seal(PLAINTEXT, CONTEXT, row).ciphertext();

        assertThatThrownBy(() -> cipher.open(ciphertext, CONTEXT, UUID.randomUUID()))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("does not authenticate")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PLAINTEXT))
                .hasNoCause();
        assertThatThrownBy(() -> cipher.open(ciphertext, "webhooks.signing_secret", row))
                .isInstanceOf(SecretDecryptionException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PLAINTEXT));
    }

    @Test
    void aTamperedCiphertextDoesNotOpen() {
        UUID row = UUID.randomUUID();
        byte[] ciphertext = cipher.seal(PLAINTEXT, CONTEXT, row).ciphertext();
        ciphertext[ciphertext.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.open(ciphertext, CONTEXT, row)).isInstanceOf(SecretDecryptionException.class);
        assertThatThrownBy(() -> cipher.open(Arrays.copyOf(ciphertext, 3), CONTEXT, row))
                .isInstanceOf(SecretDecryptionException.class).hasMessageContaining("not a Tink ciphertext");
    }

    @Test
    void aCiphertextOfAnotherKeysetNamesTheUnknownKey() {
        UUID row = UUID.randomUUID();
        Sealed foreign = new SecretCipher(Keysets.generate()).seal(PLAINTEXT, CONTEXT, row);

        assertThatThrownBy(() -> cipher.open(foreign.ciphertext(), CONTEXT, row))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("key " + Integer.toUnsignedString(foreign.keyId()))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PLAINTEXT));
    }

    @Test
    void sealsAndOpensJsonObjects() {
        UUID row = UUID.randomUUID();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("token", PLAINTEXT);
        values.put("app_id", "12345");
        values.put("quote", "\"; drop table x; --");

        Sealed sealed = cipher.sealJson(values, CONTEXT, row);

        assertThat(cipher.openJson(sealed.ciphertext(), CONTEXT, row)).containsExactlyEntriesOf(values);
        assertThatThrownBy(() -> cipher.openJson(sealed.ciphertext(), CONTEXT, UUID.randomUUID()))
                .isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void openJsonOfANonObjectDoesNotQuoteThePlaintext() {
        UUID row = UUID.randomUUID();
        Sealed sealed = cipher.seal(PLAINTEXT, CONTEXT, row);

        assertThatThrownBy(() -> cipher.openJson(sealed.ciphertext(), CONTEXT, row))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("not a JSON object")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PLAINTEXT))
                .hasNoCause();
    }

    @Test
    void keyIdOfRefusesWhatIsNotATinkCiphertext() {
        assertThatThrownBy(() -> SecretCipher.keyIdOf(new byte[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretCipher.keyIdOf(new byte[] {7, 0, 0, 0, 1, 9})).isInstanceOf(IllegalArgumentException.class);
        assertThat(SecretCipher.keyIdOf(new byte[] {1, 0, 0, 1, 0, 9})).isEqualTo(256);
    }

    @Test
    void rotationSealsWithThePromotedKeyAndStillOpensOldCiphertexts() throws Exception {
        KeysetHandle original = Keysets.generate();
        SecretCipher before = new SecretCipher(original);
        UUID row = UUID.randomUUID();
        Sealed old = before.seal(PLAINTEXT, CONTEXT, row);

        KeysetHandle added = Keysets.addKey(original);
        int newKey = added.getAt(1).getId();
        SecretCipher rollingOut = new SecretCipher(added);
        // Added but not promoted: still seals with the old key, and is not "newest primary".
        assertThat(rollingOut.primaryKeyId()).isEqualTo(old.keyId());
        assertThat(rollingOut.seal(PLAINTEXT, CONTEXT, row).keyId()).isEqualTo(old.keyId());
        assertThat(rollingOut.primaryIsNewest()).isFalse();

        SecretCipher after = new SecretCipher(Keysets.promote(added, newKey));
        Sealed fresh = after.seal(PLAINTEXT, CONTEXT, row);
        assertThat(newKey).isNotEqualTo(old.keyId());
        assertThat(after.primaryKeyId()).isEqualTo(newKey);
        assertThat(after.primaryIsNewest()).isTrue();
        assertThat(fresh.keyId()).isEqualTo(newKey);
        assertThat(SecretCipher.keyIdOf(fresh.ciphertext())).isEqualTo(newKey);
        assertThat(after.open(old.ciphertext(), CONTEXT, row)).isEqualTo(PLAINTEXT);
        // The instances still on the added keyset open what the promoted one seals.
        assertThat(rollingOut.open(fresh.ciphertext(), CONTEXT, row)).isEqualTo(PLAINTEXT);
        // A resealed ciphertext moves to the new key and keeps its plaintext.
        Sealed resealed = after.reseal(old.ciphertext(), CONTEXT, row);
        assertThat(resealed.keyId()).isEqualTo(newKey);
        assertThat(after.open(resealed.ciphertext(), CONTEXT, row)).isEqualTo(PLAINTEXT);

        // Disabling the old key is what makes its rows unreadable: only after re-encryption.
        SecretCipher retired = new SecretCipher(Keysets.setStatus(Keysets.promote(added, newKey), old.keyId(), KeyStatus.DISABLED));
        assertThat(retired.canOpen(old.keyId())).isFalse();
        assertThatThrownBy(() -> retired.open(old.ciphertext(), CONTEXT, row)).isInstanceOf(SecretDecryptionException.class);
        assertThat(retired.open(resealed.ciphertext(), CONTEXT, row)).isEqualTo(PLAINTEXT);
    }

    @Test
    void refusesToStartWhenNothingIsConfiguredAndGenerationIsOff() {
        assertThatThrownBy(() -> SecretCipher.load(TestSecretsConfig.of(null, null, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No secrets keyset is configured")
                .hasMessageContaining("HUB_SECRETS_KEYSET ")
                .hasMessageContaining("HUB_SECRETS_KEYSET_LOCATION")
                .hasMessageContaining("hub.secrets.keyset-location");
        assertThatThrownBy(() -> SecretCipher.load(TestSecretsConfig.of(" ", "", false)))
                .hasMessageContaining("No secrets keyset is configured");
    }

    @Test
    void refusesAMissingKeysetFileWhenGenerationIsOff(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> SecretCipher.load(TestSecretsConfig.of(null, missing.toString(), false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    void theProductionProfileOfApplicationPropertiesRefusesToStartWithoutAKeyset() throws Exception {
        SmallRyeConfig prod = new SmallRyeConfigBuilder().withProfile("prod").addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(getClass().getResource("/application.properties")))
                .withMapping(SecretsConfig.class).build();
        SecretsConfig config = prod.getConfigMapping(SecretsConfig.class);

        assertThat(config.generateIfMissing()).isFalse();
        assertThat(config.reencryptOnStart()).isTrue();
        assertThatThrownBy(() -> SecretCipher.load(config)).hasMessageContaining("No secrets keyset is configured");

        // What Kubernetes does: the keyset JSON itself in HUB_SECRETS_KEYSET.
        KeysetHandle keyset = Keysets.generate();
        SmallRyeConfig withSecret = new SmallRyeConfigBuilder().withProfile("prod").addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(getClass().getResource("/application.properties")))
                .withSources(new PropertiesConfigSource(Map.of("HUB_SECRETS_KEYSET", Keysets.serialize(keyset)), "env", 300))
                .withMapping(SecretsConfig.class).build();
        assertThat(SecretCipher.load(withSecret.getConfigMapping(SecretsConfig.class)).getPrimary().getId())
                .isEqualTo(keyset.getPrimary().getId());

        SmallRyeConfig test = new SmallRyeConfigBuilder().withProfile("test").addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(getClass().getResource("/application.properties")))
                .withMapping(SecretsConfig.class).build();
        SecretsConfig testConfig = test.getConfigMapping(SecretsConfig.class);
        assertThat(testConfig.generateIfMissing()).isTrue();
        assertThat(testConfig.keysetLocation()).isEmpty();
    }

    @Test
    void loadsAnInlineKeysetAndPrefersItToTheFile(@TempDir Path dir) throws Exception {
        KeysetHandle inline = Keysets.generate();
        Path file = dir.resolve("keyset.json");
        Keysets.write(Keysets.generate(), file, false);

        KeysetHandle loaded = SecretCipher.load(TestSecretsConfig.of(Keysets.serialize(inline), file.toString(), false));

        assertThat(loaded.getPrimary().getId()).isEqualTo(inline.getPrimary().getId());
    }

    @Test
    void loadsTheKeysetFile(@TempDir Path dir) throws Exception {
        KeysetHandle stored = Keysets.generate();
        Path file = dir.resolve("keyset.json");
        Keysets.write(stored, file, false);

        assertThat(SecretCipher.load(TestSecretsConfig.of(null, file.toString(), false)).getPrimary().getId())
                .isEqualTo(stored.getPrimary().getId());
    }

    @Test
    void theCommittedTestKeysetHoldsOneAes256GcmKey() throws Exception {
        Path file = Path.of("src/test/resources/secrets/test-keyset.json");
        KeysetHandle handle = SecretCipher.load(TestSecretsConfig.of(null, file.toString(), false));

        assertThat(handle.size()).isEqualTo(1);
        assertThat(handle.getPrimary().getKey().getParameters().toString()).contains("AesGcm").contains("32-byte key");
    }

    @Test
    void aBrokenKeysetIsRefusedWithoutQuotingIt() {
        String broken = "{\"primaryKeyId\": 1, \"key\": [{\"keyData\": {\"value\": \"SECRETMATERIAL\"";

        assertThatThrownBy(() -> SecretCipher.load(TestSecretsConfig.of(broken, null, true)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hub.secrets.keyset (HUB_SECRETS_KEYSET) is not a valid")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRETMATERIAL"));
    }

    @Test
    void devGeneratesTheKeysetFileOnceAndKeepsIt(@TempDir Path dir) {
        Path file = dir.resolve("target/dev-keyset.json");
        SecretsConfig dev = TestSecretsConfig.of(null, file.toString(), true);

        KeysetHandle first = SecretCipher.load(dev);
        assertThat(file).exists();
        UUID row = UUID.randomUUID();
        byte[] ciphertext = new SecretCipher(first).seal(PLAINTEXT, CONTEXT, row).ciphertext();

        KeysetHandle second = SecretCipher.load(dev);
        assertThat(second.getPrimary().getId()).isEqualTo(first.getPrimary().getId());
        assertThat(new SecretCipher(second).open(ciphertext, CONTEXT, row)).isEqualTo(PLAINTEXT);
    }

    @Test
    void testsGenerateInMemory() {
        KeysetHandle handle = SecretCipher.load(TestSecretsConfig.of(null, null, true));

        assertThat(handle.size()).isEqualTo(1);
        assertThat(new SecretCipher(handle).primaryKeyId()).isEqualTo(handle.getPrimary().getId());
    }
}
