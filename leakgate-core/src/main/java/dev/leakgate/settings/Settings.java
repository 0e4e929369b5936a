package dev.leakgate.settings;

import dev.leakgate.load.RequestSpec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The parameters of one gate run, however they were given (a POM, flags, a JSON file), checked together: every
 * value the gate can work with, every default filled in. Read with {@link #get(Parameter)}.
 */
public final class Settings {

    private final Map<Parameter<?>, Object> given;
    private final Path baseDirectory;
    private final Path defaultOutputDirectory;

    private Settings(Map<Parameter<?>, Object> given, Path baseDirectory, Path defaultOutputDirectory) {
        this.given = Map.copyOf(given);
        this.baseDirectory = baseDirectory;
        this.defaultOutputDirectory = defaultOutputDirectory;
    }

    /**
     * Settings of a Maven project: paths relative to its directory, reports in its build directory's
     * {@code leakgate}.
     */
    public static Builder forProject(Path projectDirectory, Path buildDirectory) {
        return new Builder(projectDirectory.toAbsolutePath(), buildDirectory.toAbsolutePath().resolve("leakgate"));
    }

    /** Settings of a command line: paths relative to the current directory, reports in {@code leakgate-report}. */
    public static Builder forCommandLine(Path currentDirectory) {
        Path base = currentDirectory.toAbsolutePath();
        return new Builder(base, base.resolve("leakgate-report"));
    }

    /** The value given, or else the default; null for a parameter with no value and no default (script, baseUrl). */
    @SuppressWarnings("unchecked")
    public <T> T get(Parameter<T> parameter) {
        Object value = given.get(parameter);
        if (value != null) {
            return (T) value;
        }
        return parameter.defaultValue();
    }

    public Path workingDirectory() {
        return resolved(get(Parameters.WORKING_DIRECTORY), baseDirectory);
    }

    public Path outputDirectory() {
        return resolved(get(Parameters.OUTPUT_DIRECTORY), defaultOutputDirectory);
    }

    public Path baselineFile() {
        return resolved(get(Parameters.BASELINE_FILE), baseDirectory.resolve(Parameters.DEFAULT_BASELINE_FILE));
    }

    /** The requests given, or GET readyPath. */
    public List<RequestSpec> requests() {
        return Optional.ofNullable(get(Parameters.REQUESTS)).orElse(List.of(RequestSpec.get(get(Parameters.READY_PATH))));
    }

    /** Attach mode: an app started elsewhere, reached at baseUrl and inspectorUrl. */
    public boolean attaching() {
        return get(Parameters.BASE_URL) != null;
    }

    private Path resolved(Path path, Path whenNone) {
        return path == null ? whenNone : baseDirectory.resolve(path).normalize();
    }

    /**
     * Collects values from any source and reads each as it comes; {@link #build()} refuses the first that was wrong,
     * or values that do not go together.
     */
    public static final class Builder {

        private final Map<Parameter<?>, Object> given = new HashMap<>();
        /** By parameter, so that a later value (a flag over the config file) replaces a wrong earlier one. */
        private final Map<String, InvalidSettingsException> problems = new LinkedHashMap<>();
        private final Path baseDirectory;
        private final Path defaultOutputDirectory;

        private Builder(Path baseDirectory, Path defaultOutputDirectory) {
            this.baseDirectory = baseDirectory;
            this.defaultOutputDirectory = defaultOutputDirectory;
        }

        /** A typed value, as Maven hands it over; null means not given. */
        public <T> Builder set(Parameter<T> parameter, T value) {
            if (value != null) {
                read(parameter, () -> parameter.checked(value));
            }
            return this;
        }

        /** A value written as text: a command-line flag, a user property. */
        public Builder text(Parameter<?> parameter, String text) {
            read(parameter, () -> {
                if (parameter.type() == ValueTypes.TEXT_MAP) {
                    throw new InvalidSettingsException(parameter.name(), parameter.name() + " is a map: give it in "
                            + "the --config file");
                }
                return parameter.fromText(text);
            });
            return this;
        }

        /** A value from a JSON document (the {@code --config} file), or a list or map Maven hands over as such. */
        public Builder json(Parameter<?> parameter, Object json) {
            if (json != null) {
                read(parameter, () -> parameter.fromJson(json));
            }
            return this;
        }

        /** Every value of a JSON object keyed by the parameters' names; an unknown key is refused, not ignored. */
        public Builder json(Map<String, ?> object) {
            object.forEach((name, value) -> Parameters.named(name).ifPresentOrElse(parameter -> json(parameter, value),
                    () -> problem(new InvalidSettingsException(name, "no parameter is called " + name
                            + Parameters.closestTo(name).map(close -> ": did you mean " + close.name() + "?")
                            .orElse(" (java -jar leakgate-cli.jar help lists them)")))));
            return this;
        }

        /** A problem found outside the values themselves, such as a config file that cannot be read. */
        public Builder problem(InvalidSettingsException problem) {
            problems.putIfAbsent(problem.parameter(), problem);
            return this;
        }

        private void read(Parameter<?> parameter, Supplier<Object> value) {
            try {
                given.put(parameter, value.get());
                problems.remove(parameter.name());
            } catch (InvalidSettingsException e) {
                given.remove(parameter);
                problems.put(parameter.name(), e);
            }
        }

        /** Where the reports go, as far as the values given so far say; for reporting a run refused. */
        public Path outputDirectory() {
            return new Settings(given, baseDirectory, defaultOutputDirectory).outputDirectory();
        }

        /** @throws InvalidSettingsException when the values do not make a run together */
        public Settings build() {
            if (!problems.isEmpty()) {
                throw problems.values().iterator().next();
            }
            Settings settings = new Settings(given, baseDirectory, defaultOutputDirectory);
            boolean baseUrl = settings.get(Parameters.BASE_URL) != null;
            boolean inspectorUrl = settings.get(Parameters.INSPECTOR_URL) != null;
            if (baseUrl != inspectorUrl) {
                throw new InvalidSettingsException(baseUrl ? "inspectorUrl" : "baseUrl", "attach mode needs both "
                        + "inspectorUrl and baseUrl (set neither to let leakgate start the app)");
            }
            String script = settings.get(Parameters.SCRIPT);
            if (!baseUrl && (script == null || script.isBlank())) {
                throw new InvalidSettingsException("script", "set script: the app's entry script, relative to "
                        + settings.workingDirectory() + " (or baseUrl and inspectorUrl to attach to an app started "
                        + "elsewhere)");
            }
            return settings;
        }
    }
}
