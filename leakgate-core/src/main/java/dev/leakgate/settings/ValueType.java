package dev.leakgate.settings;

import java.util.List;
import java.util.Map;

/**
 * How a parameter's value is written: as text (a command-line flag, a Maven user property) and as JSON (a
 * {@code --config} file), and what is accepted, in words that finish "must be ...".
 *
 * @param <T> the value's type once read
 */
interface ValueType<T> {

    /** @throws IllegalArgumentException when the text is not such a value */
    T fromText(String text);

    /**
     * A JSON value as {@link JsonValues} reads it: a String, Number, Boolean, {@code List} or {@code Map}. Text is
     * read like text, so that {@code "rounds": "3"} works as well as {@code "rounds": 3}.
     *
     * @throws IllegalArgumentException when the value is not such a value
     */
    default T fromJson(Object json) {
        if (json instanceof String || json instanceof Number || json instanceof Boolean) {
            return fromText(json.toString());
        }
        throw new IllegalArgumentException("not " + accepted());
    }

    /** What a value must be: {@code a whole number}, {@code a list of texts}. */
    String accepted();

    /** The JSON value as a list, or the failure to read one. */
    static List<?> list(Object json, String accepted) {
        if (json instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException("not " + accepted);
    }

    /** The JSON value as an object, or the failure to read one. */
    static Map<?, ?> object(Object json, String accepted) {
        if (json instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException("not " + accepted);
    }
}
