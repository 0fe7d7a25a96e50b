package io.integrationshub;

import io.integrationshub.secrets.KeysetTool;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Arrays;

/**
 * The packaged application's entry point. {@code java -jar quarkus-run.jar} starts the service;
 * {@code java -jar quarkus-run.jar keyset <command> <file> [keyId]} runs {@link KeysetTool} instead,
 * before the service starts, so keys can be managed where the service runs (no database, no Maven).
 */
@QuarkusMain
public final class HubMain {
    static final String KEYSET_COMMAND = "keyset";

    private HubMain() {
    }

    public static void main(String... args) {
        if (args.length > 0 && KEYSET_COMMAND.equals(args[0])) {
            KeysetTool.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Quarkus.run(args);
    }
}
