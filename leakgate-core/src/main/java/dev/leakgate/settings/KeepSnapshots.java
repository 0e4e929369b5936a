package dev.leakgate.settings;

import dev.leakgate.result.Verdict;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** When heap snapshots stay on disk after a run. They hold the app's heap contents, secrets included. */
public enum KeepSnapshots {
    NEVER, ON_FAILURE, ALWAYS;

    /** The name users write in the POM: {@code never}, {@code onFailure}, {@code always}. */
    public String parameterValue() {
        String camel = Arrays.stream(name().toLowerCase(Locale.ROOT).split("_"))
                .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .collect(Collectors.joining());
        return Character.toLowerCase(camel.charAt(0)) + camel.substring(1);
    }

    public static KeepSnapshots fromParameter(String value) {
        for (KeepSnapshots policy : values()) {
            if (value != null && policy.parameterValue().equalsIgnoreCase(value.trim())) {
                return policy;
            }
        }
        throw new IllegalArgumentException("keepSnapshots must be one of never, onFailure, always; was '" + value + "'");
    }

    public boolean keeps(Verdict verdict) {
        return this == ALWAYS || (this == ON_FAILURE && verdict != Verdict.PASS);
    }
}
