package io.integrationshub.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The diff an audit event records: {field: {from, to}}; secret fields only ever show "[redacted]". */
public final class Changes {
    public static final String REDACTED = "[redacted]";
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public static Changes of() {
        return new Changes();
    }

    /** Records a field whose value changed; unchanged values are left out. */
    public Changes field(String name, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            Map<String, Object> diff = new LinkedHashMap<>();
            diff.put("from", from);
            diff.put("to", to);
            fields.put(name, diff);
        }
        return this;
    }

    /** Records that a secret was set, replaced or removed, without its value. */
    public Changes secret(String name, boolean before, boolean after) {
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("from", before ? REDACTED : null);
        diff.put("to", after ? REDACTED : null);
        fields.put(name, diff);
        return this;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public Map<String, Object> asMap() {
        return fields;
    }
}
