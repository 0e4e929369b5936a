package dev.leakgate.maven;

import dev.leakgate.analysis.ConstructorRule;

import java.util.Arrays;

/**
 * One {@code <rule>} of the {@code rules} parameter: limits for one constructor that replace the general ones.
 * Also settable from a plain string ({@code -Dleakgate.rules="Session objects=0.01,Buffer bytes=64"}): Maven
 * hands such a value to {@link #set(String)}.
 */
public class Rule {

    private String constructor;
    private Double maxObjectsPerRequest;
    private Double maxBytesPerRequest;
    /** What was wrong with the string form, told when the rule is used: Maven would bury an exception thrown here. */
    private String problem;

    /**
     * {@code "Session objects=0.01"}, {@code "Buffer bytes=64"} or both limits: the constructor as the report names
     * it (spaces allowed), then {@code objects=} for maxObjectsPerRequest and {@code bytes=} for maxBytesPerRequest.
     */
    public void set(String constructorAndLimits) {
        String[] words = constructorAndLimits.trim().split("\\s+");
        int firstLimit = words.length;
        while (firstLimit > 1 && words[firstLimit - 1].contains("=")) {
            firstLimit--;
        }
        constructor = String.join(" ", Arrays.copyOfRange(words, 0, firstLimit));
        for (String limit : Arrays.copyOfRange(words, firstLimit, words.length)) {
            String[] keyAndValue = limit.split("=", 2);
            Double value = number(keyAndValue[1]);
            if (value == null) {
                problem = "the rule '" + constructorAndLimits.trim() + "' has no number in '" + limit + "'";
            } else if (keyAndValue[0].equals("objects")) {
                maxObjectsPerRequest = value;
            } else if (keyAndValue[0].equals("bytes")) {
                maxBytesPerRequest = value;
            } else {
                problem = "the rule '" + constructorAndLimits.trim() + "' has an unknown limit '" + keyAndValue[0]
                        + "': write objects=N and/or bytes=N after the constructor";
            }
        }
    }

    ConstructorRule toRule() {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new ConstructorRule(constructor, maxObjectsPerRequest, maxBytesPerRequest);
    }

    private static Double number(String text) {
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
