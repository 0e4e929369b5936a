package dev.leakgate.settings;

import dev.leakgate.load.UnfilledTemplateException;
import dev.leakgate.text.DurationText;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One parameter of the contract as every way of setting it knows it: its name (the POM's element, the JSON file's
 * key, {@code leakgate.<name>} as a user property, {@code --<kebab-name>} as a flag), what it means, its default,
 * how its value is written and which values it accepts.
 *
 * @param <T> the value's type
 */
public final class Parameter<T> {

    private final String name;
    private final String meaning;
    private final ValueType<T> type;
    private final T defaultValue;
    private final String defaultText;
    private final Predicate<T> check;
    private final String accepted;

    /**
     * @param defaultValue the value when none is given; null when the default depends on where the gate runs (the
     *                     project's directory) or on another parameter (GET readyPath), which {@link Settings} works out
     * @param defaultText  the default as {@code help} and the README write it
     * @param check        which values of the type the gate can work with
     * @param accepted     those values, in words that finish "must be ...": {@code at least 2}
     */
    Parameter(String name, String meaning, ValueType<T> type, T defaultValue, String defaultText, Predicate<T> check,
              String accepted) {
        this.name = name;
        this.meaning = meaning;
        this.type = type;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.check = check;
        this.accepted = accepted;
    }

    public String name() {
        return name;
    }

    /** {@code requestsPerRound} as a command-line flag: {@code requests-per-round}. */
    public String flag() {
        return name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    public String meaning() {
        return meaning;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String defaultText() {
        return defaultText;
    }

    /** A map, which no flag can give: only the {@code --config} file or the POM. */
    public boolean isMap() {
        return type == ValueTypes.TEXT_MAP;
    }

    ValueType<T> type() {
        return type;
    }

    /** The value if the gate can work with it. */
    T checked(T value) {
        if (!check.test(value)) {
            throw new InvalidSettingsException(this, shown(value), accepted);
        }
        return value;
    }

    /** Reads the value from text, checked. */
    T fromText(String text) {
        T value;
        try {
            value = type.fromText(text);
        } catch (UnfilledTemplateException unfilled) {
            throw new InvalidSettingsException(name, name + ": " + unfilled.getMessage());
        } catch (IllegalArgumentException notOfTheType) {
            throw new InvalidSettingsException(this, "'" + text + "'" + detail(notOfTheType), type.accepted());
        }
        return checked(value);
    }

    /** Reads the value from a {@code --config} file's JSON value, checked. */
    T fromJson(Object json) {
        T value;
        try {
            value = type.fromJson(json);
        } catch (UnfilledTemplateException unfilled) {
            throw new InvalidSettingsException(name, name + ": " + unfilled.getMessage());
        } catch (IllegalArgumentException notOfTheType) {
            throw new InvalidSettingsException(this, String.valueOf(json) + detail(notOfTheType), type.accepted());
        }
        return checked(value);
    }

    /** What a list's reader found wrong with one of its entries, which says more than the type alone. */
    private static String detail(IllegalArgumentException problem) {
        String message = problem.getMessage();
        boolean saysMore = !(problem instanceof NumberFormatException) && message != null && !message.startsWith("not ");
        return saysMore ? " (" + message + ")" : "";
    }

    /** A value as the message about it quotes it: text in quotes, a duration in seconds. */
    private static String shown(Object value) {
        if (value instanceof Duration duration) {
            return DurationText.of(duration);
        }
        return value instanceof String || value instanceof Path ? "'" + value + "'" : String.valueOf(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
