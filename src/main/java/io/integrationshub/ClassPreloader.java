package io.integrationshub;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads, on a second thread, the classes a start is going to load, in the order a training start loaded them, so
 * that the main thread finds most of them already defined. On two cores the main thread spent a fifth of its start
 * in the class loader (reading and inflating jar entries, defining classes even when AppCDS maps them), while the
 * other core was idle half the time (docs/benchmarks.md, Start-up). Classes are only loaded, never initialised:
 * no static initialiser runs earlier or on another thread than without the preloader.
 *
 * <p>The list is the JVM's own {@code -Xlog:class+load} output of the AppCDS training start, written beside the
 * archive as {@value #LIST} (src/main/scripts/appcds-archive.sh, Dockerfile.jvm): one class per line, its name
 * first. A list older than the jar it sits beside belongs to an earlier build and is ignored, as is a missing one;
 * {@code -Dhub.preload-classes=false} turns the preloader off.
 */
final class ClassPreloader {
    static final String LIST = "app-cds.classes";

    private ClassPreloader() {
    }

    /** Starts the preloading thread if a current list lies beside the running jar; returns it, or null. */
    static Thread startIfListed(ClassLoader loader) {
        if ("false".equals(System.getProperty("hub.preload-classes"))) {
            return null;
        }
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.isEmpty() || classPath.contains(java.io.File.pathSeparator)) {
            return null; // not started with -jar quarkus-run.jar
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        Path list = jar.resolveSibling(LIST);
        try {
            if (!Files.isRegularFile(list)
                    || Files.getLastModifiedTime(list).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                return null;
            }
        } catch (IOException unreadable) {
            return null;
        }
        Thread thread = new Thread(() -> preload(list, loader), "class-preloader");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Loads every class the list names; returns how many it found. */
    static int preload(Path list, ClassLoader loader) {
        int loaded = 0;
        try (BufferedReader lines = Files.newBufferedReader(list, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String name = className(line);
                if (name == null) {
                    continue;
                }
                try {
                    Class.forName(name, false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError notHere) {
                    // Loaded by the training's configuration only (or from another build): the start does not need it.
                }
            }
        } catch (IOException unreadable) {
            // A start without the preloader is only slower.
        }
        return loaded;
    }

    /** The class a line of {@code -Xlog:class+load} (decorators or not) names, or null for a hidden class or junk. */
    static String className(String line) {
        int end = line.indexOf(" source: ");
        if (end <= 0) {
            return null;
        }
        int start = line.lastIndexOf(' ', end - 1) + 1;
        String name = line.substring(start, end);
        // Lambda forms and other hidden classes ("Foo$$Lambda$12/0x...") cannot be looked up by name.
        return name.isEmpty() || name.indexOf('/') >= 0 ? null : name;
    }
}
