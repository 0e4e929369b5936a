package dev.leakgate.maven;

import java.util.HashMap;
import java.util.Map;

/**
 * One {@code <rule>} of the {@code rules} parameter, as the POM writes it: limits for one constructor that replace
 * the general ones; the core reads and checks it. Also settable from a plain string
 * ({@code -Dleakgate.rules="Session objects=0.01,Buffer bytes=64"}): Maven hands such a value to {@link #set(String)}.
 */
public class Rule {

    private String constructor;
    private Double maxObjectsPerRequest;
    private Double maxBytesPerRequest;
    private String text;

    /** {@code "Session objects=0.01"}, {@code "Buffer bytes=64"} or both limits after the constructor. */
    public void set(String constructorAndLimits) {
        text = constructorAndLimits;
    }

    /** The rule as given: its text, or its fields by the names the {@code --config} file uses. */
    Object asGiven() {
        if (text != null) {
            return text;
        }
        Map<String, Object> fields = new HashMap<>();
        fields.put("constructor", constructor);
        fields.put("maxObjectsPerRequest", maxObjectsPerRequest);
        fields.put("maxBytesPerRequest", maxBytesPerRequest);
        return fields;
    }
}
