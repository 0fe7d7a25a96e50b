package io.integrationshub;

import io.integrationshub.secrets.KeysetTool;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Arrays;

/**
 * The packaged application's entry point. {@code java -jar quarkus-run.jar} starts the service;
 * {@code java -jar quarkus-run.jar keyset <command> <file> [keyId]} runs {@link KeysetTool} instead,
 * before the service starts, so keys can be managed where the service runs (no database, no Maven).
 * {@code java -XX:ArchiveClassesAtExit=app-cds.jsa -jar quarkus-run.jar cds-training} starts the service,
 * asks it once whether it is ready and exits, so that the JVM writes the classes of a start into an
 * AppCDS archive (docs/benchmarks.md, src/main/scripts/appcds-archive.sh, Dockerfile.jvm); the service's own start
 * first hands the training's class list to the {@link ClassPreloader}.
 */
@QuarkusMain
public final class HubMain {
    static final String KEYSET_COMMAND = "keyset";
    static final String CDS_TRAINING_COMMAND = "cds-training";

    private HubMain() {
    }

    public static void main(String... args) {
        if (args.length > 0 && KEYSET_COMMAND.equals(args[0])) {
            KeysetTool.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && CDS_TRAINING_COMMAND.equals(args[0])) {
            Quarkus.run(CdsTraining.class, Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        ClassPreloader.startIfListed(HubMain.class.getClassLoader());
        Quarkus.run(args);
    }

    /** Started like the service; one readiness probe loads the probe's classes too, then a normal exit. */
    public static final class CdsTraining implements QuarkusApplication {
        @Override
        public int run(String... args) {
            int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
            try {
                HttpURLConnection probe = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/q/health/ready")
                        .toURL().openConnection();
                probe.setConnectTimeout(5_000);
                probe.setReadTimeout(10_000);
                System.out.println("cds-training: readiness " + probe.getResponseCode());
                probe.disconnect();
            } catch (java.io.IOException e) {
                // Without a database (an image build) the probe may fail: the start's classes are loaded anyway.
                System.out.println("cds-training: readiness not reached (" + e + ")");
            }
            return 0;
        }
    }
}
