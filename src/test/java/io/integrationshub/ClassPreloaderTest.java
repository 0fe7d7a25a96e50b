package io.integrationshub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassPreloaderTest {
    /** Static initialisers that ran, recorded outside the classes themselves (reading their fields would run them). */
    static final List<String> INITIALISED = new ArrayList<>();

    @TempDir
    Path dir;

    @Test
    void readsTheClassNameFromLinesWithAndWithoutDecorations() {
        assertThat(ClassPreloader.className("java.lang.Object source: shared objects file")).isEqualTo("java.lang.Object");
        assertThat(ClassPreloader.className("[0.297s][info][class,load] org.hibernate.JDBCException source: file:/d/h.jar"))
                .isEqualTo("org.hibernate.JDBCException");
        assertThat(ClassPreloader.className("io.a.B$$Lambda$12/0x0000000800c0b000 source: io.a.B")).isNull();
        assertThat(ClassPreloader.className("")).isNull();
        assertThat(ClassPreloader.className("no source here")).isNull();
    }

    @Test
    void loadsTheListedClassesWithoutInitialisingThem() throws IOException {
        String probe = NotInitialised.class.getName();
        Path list = write("java.lang.String source: shared objects file",
                probe + " source: file:/somewhere/app.jar",
                "io.integrationshub.NoSuchClass source: file:/somewhere/app.jar",
                "io.a.B$$Lambda$12/0x0000000800c0b000 source: io.a.B",
                "[0.4s][info][class,load] " + ClassPreloader.class.getName() + " source: file:/x.jar");
        RecordingLoader loader = new RecordingLoader(getClass().getClassLoader());

        int loaded = ClassPreloader.preload(list, loader);

        assertThat(loaded).isEqualTo(3);
        assertThat(loader.asked).containsExactly("java.lang.String", probe, "io.integrationshub.NoSuchClass",
                ClassPreloader.class.getName());
        // Loading is not initialising: the class's static initialiser has not run.
        assertThat(INITIALISED).isEmpty();
    }

    @Test
    void aMissingListLoadsNothing() {
        assertThat(ClassPreloader.preload(dir.resolve("absent"), getClass().getClassLoader())).isZero();
    }

    private Path write(String... lines) throws IOException {
        return Files.write(dir.resolve(ClassPreloader.LIST), List.of(lines));
    }

    static final class NotInitialised {
        static {
            INITIALISED.add(NotInitialised.class.getName());
        }
    }

    private static final class RecordingLoader extends ClassLoader {
        final List<String> asked = new ArrayList<>();

        RecordingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add(name);
            return super.loadClass(name, resolve);
        }
    }
}
