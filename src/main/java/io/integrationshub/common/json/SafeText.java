package io.integrationshub.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Text that PostgreSQL and every client can store and show: no NUL character (text and jsonb refuse it)
 * and no unpaired UTF-16 surrogate (not a character at all). Enforced while JSON is read, for every
 * string and every field name of every body, typed fields and free-form JSON alike, so that such input
 * is a 400 with a pointer instead of a database error.
 */
public final class SafeText {
    public static final String DETAIL = "must not contain NUL characters or unpaired surrogates";

    private SafeText() {
    }

    /** True when {@code value} holds no NUL and no unpaired surrogate. */
    public static boolean isSafe(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Refused text; {@link #relativePointer} locates it inside the value being read (free-form JSON). */
    public static final class UnsafeTextException extends JsonMappingException {
        private final String relativePointer;

        UnsafeTextException(JsonParser parser, String relativePointer) {
            super(parser, "text " + DETAIL);
            this.relativePointer = relativePointer;
        }

        public String relativePointer() {
            return relativePointer;
        }
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("hub-safe-text");
        module.addDeserializer(String.class, new SafeStringDeserializer());
        module.addKeyDeserializer(String.class, new SafeKeyDeserializer());
        module.addDeserializer(JsonNode.class, new SafeTreeDeserializer<>(JsonNode.class));
        module.addDeserializer(ObjectNode.class, new SafeTreeDeserializer<>(ObjectNode.class));
        return module;
    }

    static final class SafeStringDeserializer extends StdScalarDeserializer<String> {
        SafeStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (!isSafe(value)) {
                throw new UnsafeTextException(p, "");
            }
            return value;
        }
    }

    static final class SafeKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (!isSafe(key)) {
                throw new UnsafeTextException(ctxt.getParser(), "/" + escape(key));
            }
            return key;
        }
    }

    static final class SafeTreeDeserializer<T extends JsonNode> extends JsonDeserializer<T> {
        private final Class<T> type;

        SafeTreeDeserializer(Class<T> type) {
            this.type = type;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode tree = ((JsonDeserializer<JsonNode>) JsonNodeDeserializer.getDeserializer(type)).deserialize(p, ctxt);
            String bad = firstUnsafe(tree, "");
            if (bad != null) {
                throw new UnsafeTextException(p, bad);
            }
            return (T) tree;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return (T) ((JsonDeserializer<JsonNode>) JsonNodeDeserializer.getDeserializer(type)).getNullValue(ctxt);
        }

        /** Like Jackson's own: an absent property is Java null, only an explicit JSON null is a NullNode. */
        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }

        @Override
        public Class<?> handledType() {
            return type;
        }
    }

    /** The pointer of the first unsafe string or field name in {@code node}, or null. */
    static String firstUnsafe(JsonNode node, String pointer) {
        if (node.isTextual()) {
            return isSafe(node.textValue()) ? null : pointer;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = pointer + "/" + escape(field.getKey());
                if (!isSafe(field.getKey())) {
                    return child;
                }
                String bad = firstUnsafe(field.getValue(), child);
                if (bad != null) {
                    return bad;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String bad = firstUnsafe(node.get(i), pointer + "/" + i);
                if (bad != null) {
                    return bad;
                }
            }
        }
        return null;
    }

    private static String escape(String key) {
        // The pointer goes into a problem body: make the offending characters visible instead of copying them.
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '~') {
                out.append("~0");
            } else if (c == '/') {
                out.append("~1");
            } else if (c == 0 || Character.isSurrogate(c)) {
                out.append("\\u").append(String.format("%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
