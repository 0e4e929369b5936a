package dev.leakgate.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A sub-command's arguments: positional ones, {@code --name value} options and {@code --flag} switches.
 * Options a command does not ask for are reported, so a typo never passes silently.
 */
final class Arguments {

    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final Set<String> consumed = new HashSet<>();

    /** @param flagNames the switches that take no value, so that {@code --json URL} keeps URL positional */
    Arguments(List<String> args, Set<String> flagNames) throws UsageException {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positional.add(arg);
            } else if (arg.contains("=")) {
                String name = arg.substring(2, arg.indexOf('='));
                if (flagNames.contains(name)) {
                    throw new UsageException("--" + name + " is a switch and takes no value");
                }
                options.put(name, arg.substring(arg.indexOf('=') + 1));
            } else if (flagNames.contains(arg.substring(2))) {
                flags.add(arg.substring(2));
            } else if (i + 1 < args.size()) {
                options.put(arg.substring(2), args.get(++i));
            } else {
                throw new UsageException(arg + " needs a value");
            }
        }
    }

    List<String> positional() {
        return List.copyOf(positional);
    }

    /** The names of the options given, in no particular order. */
    Set<String> optionNames() {
        return Set.copyOf(options.keySet());
    }

    boolean flag(String name) {
        consumed.add(name);
        return flags.contains(name);
    }

    Optional<String> option(String name) {
        consumed.add(name);
        return Optional.ofNullable(options.get(name));
    }

    int intOption(String name, int defaultValue) throws UsageException {
        Optional<String> value = option(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a whole number, got '" + value.get() + "'");
        }
    }

    /** An option that takes a number with an optional fraction, e.g. {@code --duration 2.5}. */
    Optional<Double> decimalOption(String name) throws UsageException {
        Optional<String> value = option(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            double number = Double.parseDouble(value.get());
            if (Double.isFinite(number)) {
                return Optional.of(number);
            }
        } catch (NumberFormatException e) {
            // reported below, like any other text that is not a number
        }
        throw new UsageException("--" + name + " needs a number, got '" + value.get() + "'");
    }

    /** Call after reading every option the command knows. */
    void rejectUnknown() throws UsageException {
        Set<String> unknown = new HashSet<>(options.keySet());
        unknown.addAll(flags);
        unknown.removeAll(consumed);
        if (!unknown.isEmpty()) {
            throw new UsageException("unknown option --" + unknown.iterator().next());
        }
    }
}
