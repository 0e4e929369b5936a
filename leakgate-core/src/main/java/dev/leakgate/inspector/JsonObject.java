package dev.leakgate.inspector;

import java.util.Map;

/**
 * A parsed JSON object from a CDP message. Values are {@code String}, {@code Number}, {@code Boolean},
 * {@code null}, {@code JsonObject} or {@code List<Object>}.
 */
record JsonObject(Map<String, Object> fields) {

    static final JsonObject EMPTY = new JsonObject(Map.of());

    boolean has(String name) {
        return fields.containsKey(name);
    }

    Object get(String name) {
        return fields.get(name);
    }

    /** The string field, or {@code null} if absent or not a string. */
    String string(String name) {
        return fields.get(name) instanceof String value ? value : null;
    }

    /** The number field, or {@code null} if absent or not a number. */
    Number number(String name) {
        return fields.get(name) instanceof Number value ? value : null;
    }

    /** The object field, or {@link #EMPTY} if absent or not an object. */
    JsonObject object(String name) {
        return fields.get(name) instanceof JsonObject value ? value : EMPTY;
    }
}
