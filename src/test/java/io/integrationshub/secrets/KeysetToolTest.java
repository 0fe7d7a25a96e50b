package io.integrationshub.secrets;

import com.google.crypto.tink.KeysetHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class KeysetToolTest {
    private static final Pattern KEY_VALUE = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void rotatesAKeysetFileStepByStep() throws Exception {
        Path file = dir.resolve("keyset.json");

        assertThat(run("generate", file.toString())).isZero();
        KeysetHandle generated = Keysets.read(file);
        int oldKey = generated.getPrimary().getId();
        assertThat(generated.size()).isEqualTo(1);
        UUID row = UUID.randomUUID();
        byte[] oldCiphertext = new SecretCipher(generated).seal("secret", "ctx", row).ciphertext();

        assertThat(run("add-key", file.toString())).isZero();
        KeysetHandle added = Keysets.read(file);
        assertThat(added.size()).isEqualTo(2);
        assertThat(added.getPrimary().getId()).isEqualTo(oldKey);
        int newKey = added.getAt(1).getId();
        assertThat(stdout()).contains("added key " + Integer.toUnsignedString(newKey));

        assertThat(run("promote", file.toString(), Integer.toUnsignedString(newKey))).isZero();
        SecretCipher promoted = new SecretCipher(Keysets.read(file));
        assertThat(promoted.primaryKeyId()).isEqualTo(newKey);
        assertThat(promoted.seal("secret", "ctx", row).keyId()).isEqualTo(newKey);
        assertThat(promoted.open(oldCiphertext, "ctx", row)).isEqualTo("secret");

        out.reset();
        assertThat(run("list", file.toString())).isZero();
        String listing = stdout();
        assertThat(listing.lines()).hasSize(3);
        assertThat(listing).containsPattern(Integer.toUnsignedString(newKey) + "\\s+" + newKey + "\\s+ENABLED\\s+primary")
                .containsPattern(Integer.toUnsignedString(oldKey) + "\\s+" + oldKey + "\\s+ENABLED\\s+-");
        assertNoKeyMaterialIn(file, listing);
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    @Test
    void retiresOldKeysButNeverThePrimary() throws Exception {
        Path file = dir.resolve("keyset.json");
        run("generate", file.toString());
        int oldKey = Keysets.read(file).getPrimary().getId();
        run("add-key", file.toString());
        int newKey = Keysets.read(file).getAt(1).getId();

        assertThat(run("disable", file.toString(), Integer.toUnsignedString(oldKey))).isEqualTo(1);
        assertThat(stderr()).contains("is the primary");
        assertThat(run("delete", file.toString(), Integer.toUnsignedString(oldKey))).isEqualTo(1);
        assertThat(run("promote", file.toString(), Integer.toUnsignedString(newKey))).isZero();

        assertThat(run("disable", file.toString(), Integer.toUnsignedString(oldKey))).isZero();
        assertThat(new SecretCipher(Keysets.read(file)).canOpen(oldKey)).isFalse();
        assertThat(run("promote", file.toString(), Integer.toUnsignedString(oldKey))).isEqualTo(1);
        assertThat(run("enable", file.toString(), Integer.toUnsignedString(oldKey))).isZero();
        assertThat(new SecretCipher(Keysets.read(file)).canOpen(oldKey)).isTrue();
        assertThat(run("delete", file.toString(), Integer.toUnsignedString(oldKey))).isZero();
        assertThat(Keysets.read(file).size()).isEqualTo(1);
        assertNoKeyMaterialIn(file, stdout() + stderr());
    }

    @Test
    void refusesToOverwriteAKeysetAndExplainsMistakes() throws Exception {
        Path file = dir.resolve("keyset.json");
        run("generate", file.toString());
        String before = Files.readString(file);

        assertThat(run("generate", file.toString())).isEqualTo(1);
        assertThat(stderr()).contains("already exists");
        assertThat(Files.readString(file)).isEqualTo(before);

        assertThat(run("promote", file.toString(), "12345")).isEqualTo(1);
        assertThat(stderr()).contains("no key with id 12345");
        assertThat(run("promote", file.toString(), "abc")).isEqualTo(1);
        assertThat(run("promote", file.toString())).isEqualTo(2);
        assertThat(run("rotate", file.toString())).isEqualTo(2);
        assertThat(stderr()).contains("unknown command: rotate").contains("usage:");
        assertThat(run("list", dir.resolve("missing.json").toString())).isEqualTo(1);
        assertThat(stderr()).contains("cannot read keyset file");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    private int run(String... args) {
        return KeysetTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static void assertNoKeyMaterialIn(Path file, String output) throws Exception {
        Matcher values = KEY_VALUE.matcher(Files.readString(file));
        int found = 0;
        while (values.find()) {
            found++;
            assertThat(output).doesNotContain(values.group(1));
        }
        assertThat(found).isPositive();
    }
}
