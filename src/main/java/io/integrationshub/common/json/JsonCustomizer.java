package io.integrationshub.common.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * Timestamps leave as RFC 3339 UTC with milliseconds; numbers and booleans are not coerced from strings;
 * duplicate keys, NUL characters and unpaired surrogates are refused ({@link SafeText}).
 * {@code @Singleton}, as Quarkus documents for an {@code ObjectMapperCustomizer}: it is applied once, when the
 * {@code ObjectMapper} (itself a singleton) is produced, so a client proxy would only be overhead.
 */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {
    /** Applied after Quarkus' own customizers, so that its JavaTimeModule does not override the Instant format. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("hub-time");
        module.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                char[] text = new char[Rfc3339.LENGTH];
                if (Rfc3339.write(value, text)) {
                    gen.writeString(text, 0, Rfc3339.LENGTH);
                } else {
                    gen.writeString(Rfc3339.format(value));
                }
            }
        });
        // Timestamps in request bodies: an RFC 3339 string with a four-digit year, nothing else (not a number of
        // seconds, not "+300000-01-01T00:00:00Z", which Jackson's ISO parser takes and PostgreSQL then wraps).
        module.addDeserializer(Instant.class, new TimestampDeserializer<>(Instant.class, instant -> instant));
        module.addDeserializer(OffsetDateTime.class, new TimestampDeserializer<>(OffsetDateTime.class,
                instant -> OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)));
        mapper.registerModule(module);
        mapper.registerModule(SafeText.module());
        // A key given twice is ambiguous (which one wins differs between parsers): 400, for every body.
        mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // "  ", "\t" are not absent values: blank strings are refused for booleans, numbers and enums like "".
        mapper.coercionConfigDefaults().setAcceptBlankAsEmpty(false);
        mapper.disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);
        // A number is not a string and a string is not a boolean: wrong JSON types are 400, not silently converted.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    public static String format(Instant instant) {
        return Rfc3339.format(instant);
    }

    /** Reads a JSON string with {@link Rfc3339#parse}; another JSON type or another text is a 400 at its pointer. */
    static final class TimestampDeserializer<T> extends StdScalarDeserializer<T> {
        private final transient Function<Instant, T> from;

        TimestampDeserializer(Class<T> type, Function<Instant, T> from) {
            super(type);
            this.from = from;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (T) context.handleUnexpectedToken(handledType(), parser);
            }
            String text = parser.getText();
            Instant instant = Rfc3339.parse(text);
            if (instant == null) {
                return (T) context.handleWeirdStringValue(handledType(), text,
                        "not an RFC 3339 timestamp with a four-digit year");
            }
            return from.apply(instant);
        }
    }
}
