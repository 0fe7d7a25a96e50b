package io.integrationshub.secrets;

import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Manages the cleartext Tink JSON keyset file behind hub.secrets.keyset(-location); the rotation
 * procedure is in docs/secrets.md. Prints key ids, statuses and parameters, never key material.
 *
 * <pre>
 * ./mvnw -q compile exec:java -Dhub.skipDbPrepare=true -Dexec.mainClass=io.integrationshub.secrets.KeysetTool \
 *     -Dexec.args="add-key keyset.json"
 * </pre>
 */
public final class KeysetTool {
    static final String USAGE = """
            usage: KeysetTool <command> <file> [keyId]
              generate <file>          create a keyset with one AES256_GCM primary key (refuses to overwrite)
              add-key <file>           add a new AES256_GCM key, enabled but not primary
              promote <file> <keyId>   make an enabled key the primary: new secrets are sealed with it
              list <file>              key ids, status and primary marker
              disable <file> <keyId>   stop a non-primary key from decrypting (reversible with enable)
              enable <file> <keyId>    enable a disabled key again
              delete <file> <keyId>    remove a non-primary key for good: rows still sealed with it are lost
            """;

    private KeysetTool() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The whole tool, returning the exit code, so tests can drive it without exiting the JVM. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2) {
            err.print(USAGE);
            return 2;
        }
        String command = args[0];
        Path file = Path.of(args[1]);
        int expectedArgs = switch (command) {
            case "generate", "add-key", "list" -> 2;
            case "promote", "disable", "enable", "delete" -> 3;
            default -> -1;
        };
        if (expectedArgs < 0) {
            err.println("unknown command: " + command);
        }
        if (args.length != expectedArgs) {
            err.print(USAGE);
            return 2;
        }
        try {
            switch (command) {
                case "generate" -> {
                    KeysetHandle handle = Keysets.generate();
                    Keysets.write(handle, file, false);
                    out.println("generated " + file + " with primary key " + id(handle.getPrimary().getId()));
                }
                case "add-key" -> {
                    KeysetHandle handle = Keysets.addKey(Keysets.read(file));
                    Keysets.write(handle, file, true);
                    out.println("added key " + id(handle.getAt(handle.size() - 1).getId())
                            + " (not primary: roll this keyset out everywhere, then promote it)");
                }
                case "promote" -> {
                    int keyId = Keysets.parseKeyId(args[2]);
                    Keysets.write(Keysets.promote(Keysets.read(file), keyId), file, true);
                    out.println("key " + id(keyId) + " is now the primary");
                }
                case "disable", "enable" -> {
                    int keyId = Keysets.parseKeyId(args[2]);
                    KeyStatus status = command.equals("enable") ? KeyStatus.ENABLED : KeyStatus.DISABLED;
                    Keysets.write(Keysets.setStatus(Keysets.read(file), keyId, status), file, true);
                    out.println("key " + id(keyId) + " is now " + status);
                }
                case "delete" -> {
                    int keyId = Keysets.parseKeyId(args[2]);
                    Keysets.write(Keysets.delete(Keysets.read(file), keyId), file, true);
                    out.println("deleted key " + id(keyId));
                }
                default -> {
                    // list: the listing below is all there is
                }
            }
            out.println(Keysets.DESCRIBE_HEADER);
            Keysets.describe(Keysets.read(file)).forEach(out::println);
            return 0;
        } catch (FileAlreadyExistsException e) {
            err.println(file + " already exists: not overwriting a keyset");
            return 1;
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Messages from Keysets name files and key ids only.
            err.println(e.getMessage());
            return 1;
        } catch (IOException | GeneralSecurityException e) {
            err.println(command + " failed: " + e.getClass().getSimpleName()
                    + (Files.exists(file) ? "" : " (" + file + " does not exist)"));
            return 1;
        }
    }

    private static String id(int keyId) {
        return Integer.toUnsignedString(keyId);
    }
}
