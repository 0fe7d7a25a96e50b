package io.integrationshub.common;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reflections lists every class Jackson handles by reflection (native images keep only registered ones):
 * every class with its own OpenAPI schema, every type nested in a *Views class, and every class of ours a
 * registered record or page holds.
 */
public class ReflectionsTest {

    /** The targets, with their nested classes where the annotation registers those too (ignoreNested = false). */
    private static Set<Class<?>> registered() {
        RegisterForReflection annotation = Reflections.class.getAnnotation(RegisterForReflection.class);
        Set<Class<?>> registered = new HashSet<>();
        for (Class<?> target : annotation.targets()) {
            registered.add(target);
            if (!annotation.ignoreNested()) {
                registered.addAll(List.of(target.getDeclaredClasses()));
            }
        }
        return registered;
    }

    private static List<Class<?>> applicationClasses() throws IOException {
        Path root = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(name -> name.startsWith("io.integrationshub."))
                    .map(ReflectionsTest::load)
                    .filter(c -> c != null && !c.isSynthetic() && !c.isAnonymousClass())
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ReflectionsTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    @Test
    void everySchemaAndViewClassIsRegistered() throws IOException {
        Set<String> missing = new TreeSet<>();
        for (Class<?> type : applicationClasses()) {
            boolean schema = type.isAnnotationPresent(Schema.class) && !type.getSimpleName().endsWith("Resource");
            boolean view = type.getEnclosingClass() != null && type.getEnclosingClass().getSimpleName().endsWith("Views")
                    && !type.isInterface();
            if ((schema || view) && !registered().contains(type)) {
                missing.add(type.getName());
            }
        }
        assertThat(missing).as("classes to add to Reflections").isEmpty();
    }

    @Test
    void everyClassOfOursInARegisteredOneIsRegistered() {
        Set<String> missing = new TreeSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(registered());
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            List<Type> held = type.isRecord()
                    ? Stream.of(type.getRecordComponents()).map(RecordComponent::getGenericType).toList()
                    : Stream.concat(Stream.of(type.getGenericSuperclass()), Stream.of(type.getFields()).map(f -> f.getGenericType()))
                            .filter(t -> t != null).toList();
            for (Type t : held) {
                for (Class<?> ours : ours(t)) {
                    if (!registered().contains(ours) && missing.add(ours.getName())) {
                        todo.push(ours);
                    }
                }
            }
        }
        assertThat(missing).as("classes to add to Reflections").isEmpty();
    }

    /** Our classes named by a type, including its type arguments (PageResponse<IntegrationView>). */
    private static List<Class<?>> ours(Type type) {
        if (type instanceof ParameterizedType p) {
            return Stream.concat(ours(p.getRawType()).stream(),
                    Stream.of(p.getActualTypeArguments()).flatMap(a -> ours(a).stream())).toList();
        }
        if (type instanceof Class<?> c) {
            Class<?> element = c.isArray() ? c.getComponentType() : c;
            return element.getName().startsWith("io.integrationshub.") ? List.of(element) : List.of();
        }
        return List.of();
    }
}
