package io.integrationshub.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.RawValue;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.persistence.Column;
import jakarta.persistence.Transient;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Reads integrations rows straight from the reactive client into detached {@link Integration} objects for
 * the plain reads (GET by id, list pages): no session, no persistence context, no HQL. The columns and
 * their mapping are derived once from the entity's own fields, so a column added to {@link Integration}
 * is read here without further change; {@link IntegrationViews.IntegrationView#of} stays the one view.
 * <p>
 * JSON columns are handed on as the text PostgreSQL wrote ({@code jsonb::text}, always valid JSON) in a raw
 * node that Jackson writes out verbatim, never parsed: these objects exist only to become views, and parsing
 * then re-serialising each configuration was a fifth of a list page's CPU (JFR, docs/benchmarks.md). Code
 * that needs to look inside a configuration reads the entity through Hibernate instead.
 */
final class IntegrationRows {
    /** Not part of any view; left out of reads to spare their bytes and parsing. */
    private static final Set<String> NOT_READ = Set.of("settings");
    private static final List<Mapping> MAPPINGS = mappings();
    /** The select list of a read, in the order of {@link #MAPPINGS}. */
    static final String COLUMNS = MAPPINGS.stream().map(Mapping::select).collect(Collectors.joining(", "));

    private IntegrationRows() {
    }

    private record Mapping(Field field, String column, String select, BiFunction<Row, Integer, Object> read) {
    }

    /** A detached integration from a row selected with {@link #COLUMNS} (starting at column {@code offset}). */
    static Integration integration(Row row, int offset) {
        Integration integration = new Integration();
        try {
            for (int i = 0; i < MAPPINGS.size(); i++) {
                Mapping mapping = MAPPINGS.get(i);
                Object value = mapping.read().apply(row, offset + i);
                if (value != null || !mapping.field().getType().isPrimitive()) {
                    mapping.field().set(integration, value);
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return integration;
    }

    private static List<Mapping> mappings() {
        List<Mapping> mappings = new ArrayList<>();
        for (Field field : Integration.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            // Skips what the bytecode enhancer adds ($$_hibernate_...) along with static and transient fields.
            if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isAnnotationPresent(Transient.class)
                    || field.isSynthetic() || field.getName().startsWith("$")) {
                continue;
            }
            field.setAccessible(true);
            Column column = field.getAnnotation(Column.class);
            String name = column != null && !column.name().isEmpty() ? column.name() : snakeCase(field.getName());
            if (NOT_READ.contains(name)) {
                continue;
            }
            JdbcTypeCode code = field.getAnnotation(JdbcTypeCode.class);
            boolean json = code != null && code.value() == SqlTypes.JSON;
            // A @Formula field (e.g. the broker group's token hint) is selected by its own SQL expression.
            Formula formula = field.getAnnotation(Formula.class);
            String select = formula != null ? formula.value() : json ? name + "::text" : name;
            mappings.add(new Mapping(field, name, select, reader(field, json)));
        }
        return List.copyOf(mappings);
    }

    private static BiFunction<Row, Integer, Object> reader(Field field, boolean json) {
        Class<?> type = field.getType();
        if (json) {
            return (row, i) -> raw(row.getString(i));
        }
        if (type == UUID.class) {
            return Row::getUUID;
        }
        if (type == String.class) {
            return Row::getString;
        }
        if (type == boolean.class || type == Boolean.class) {
            return Row::getBoolean;
        }
        if (type == int.class || type == Integer.class) {
            return Row::getInteger;
        }
        if (type == long.class || type == Long.class) {
            return Row::getLong;
        }
        if (type == Instant.class) {
            return (row, i) -> {
                OffsetDateTime value = row.getOffsetDateTime(i);
                return value == null ? null : value.toInstant();
            };
        }
        if (type == byte[].class) {
            return (row, i) -> {
                var buffer = row.getBuffer(i);
                return buffer == null ? null : buffer.getBytes();
            };
        }
        if (type == List.class) {
            return (row, i) -> {
                String[] values = row.getArrayOfStrings(i);
                return values == null ? null : Arrays.asList(values);
            };
        }
        // Fails at class initialisation, so the first test that reads an integration names the field.
        throw new IllegalStateException("IntegrationRows cannot read field " + field.getName() + " of type " + type
                + "; add a reader for it");
    }

    private static JsonNode raw(String text) {
        return text == null ? null : JsonNodeFactory.instance.rawValueNode(new RawValue(text));
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
