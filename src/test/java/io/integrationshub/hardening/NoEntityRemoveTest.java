package io.integrationshub.hardening;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 finding 2, the class of bug: Hibernate Reactive's entity delete (repository.delete(entity),
 * entity.delete(), deleteById, session.remove) shares one coordinator per entity type across sessions
 * and fails under concurrent deletes (HR000069). Hard deletes go through common.db.HardDelete.
 */
class NoEntityRemoveTest {
    private static final Pattern ENTITY_DELETE = Pattern.compile(
            "\\.delete\\(\\s*[a-z]\\w*\\s*\\)|\\.deleteById\\(|[sS]ession\\w*\\.remove\\(|\\w+\\.delete\\(\\)");

    @Test
    void noHardDeleteGoesThroughTheEntityDeleteCoordinator() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).trim();
                    if (!line.startsWith("*") && !line.startsWith("//") && ENTITY_DELETE.matcher(line).find()) {
                        offenders.add(file + ":" + (i + 1) + ": " + line);
                    }
                }
            }
        }
        assertThat(offenders).as("use HardDelete.byId instead").isEmpty();
    }
}
