package dev.leakgate.settings;

import dev.leakgate.analysis.ConstructorRule;
import dev.leakgate.load.RequestSpec;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The kinds of values parameters take, each read from text and from JSON the same way wherever it is set. */
final class ValueTypes {

    static final ValueType<String> TEXT = scalar("a text", text -> text);
    static final ValueType<Integer> WHOLE_NUMBER = scalar("a whole number", text -> Integer.valueOf(text.trim()));
    static final ValueType<Double> NUMBER = scalar("a number", ValueTypes::finite);
    static final ValueType<Boolean> BOOLEAN = scalar("true or false", ValueTypes::trueOrFalse);
    /** Seconds, with a fraction if need be: {@code 0.5} is half a second. */
    static final ValueType<Duration> SECONDS = scalar("a number of seconds",
            text -> Duration.ofNanos(Math.round(finite(text) * 1e9)));
    static final ValueType<Path> PATH = scalar("a file path", ValueTypes::path);
    static final ValueType<URI> URL = scalar("a URL", ValueTypes::url);
    static final ValueType<List<String>> TEXTS = new ListOf<>("a list of texts", TEXT::fromJson);
    static final ValueType<Map<String, String>> TEXT_MAP = new TextMap();
    static final ValueType<List<RequestSpec>> REQUESTS = new ListOf<>(
            "a list of requests, each \"METHOD /path\" or {method, path, headers, body, contentType}",
            ValueTypes::request);
    static final ValueType<List<ConstructorRule>> RULES = new ListOf<>(
            "a list of rules, each \"Constructor objects=N bytes=N\" or {constructor, maxObjectsPerRequest, "
                    + "maxBytesPerRequest}", ValueTypes::rule);

    private ValueTypes() {
    }

    static <T> ValueType<T> scalar(String accepted, Function<String, T> fromText) {
        return new ValueType<>() {
            @Override
            public T fromText(String text) {
                return fromText.apply(text);
            }

            @Override
            public String accepted() {
                return accepted;
            }
        };
    }

    /** A list: a JSON array, or (from a user property) entries separated by commas. */
    private record ListOf<E>(String accepted, Function<Object, E> entry) implements ValueType<List<E>> {

        @Override
        public List<E> fromText(String text) {
            return Arrays.stream(text.split(",")).map(String::trim).filter(part -> !part.isEmpty())
                    .map(part -> entry.apply(part)).toList();
        }

        @Override
        public List<E> fromJson(Object json) {
            List<E> entries = new ArrayList<>();
            for (Object item : ValueType.list(json, accepted)) {
                if (item == null) {
                    throw new IllegalArgumentException("entry " + (entries.size() + 1) + " is empty");
                }
                entries.add(entry.apply(item));
            }
            return List.copyOf(entries);
        }
    }

    private static final class TextMap implements ValueType<Map<String, String>> {

        @Override
        public Map<String, String> fromText(String text) {
            throw new IllegalArgumentException("not " + accepted());
        }

        @Override
        public Map<String, String> fromJson(Object json) {
            Map<String, String> map = new LinkedHashMap<>();
            ValueType.object(json, accepted()).forEach((name, value) -> {
                if (value == null) {
                    throw new IllegalArgumentException(name + " has no value: give it one or remove it");
                }
                map.put(name.toString(), value.toString());
            });
            return Map.copyOf(map);
        }

        @Override
        public String accepted() {
            return "an object of names and texts";
        }
    }

    /**
     * {@code "/path"}, {@code "METHOD /path"} or an object with the fields of a {@code <request>}; its templates checked
     * against the build's environment, so that a missing {@code {{env.NAME}}} is refused before anything starts.
     */
    private static RequestSpec request(Object json) {
        RequestSpec request = requestAsWritten(json);
        request.requireTemplatesFilled(System.getenv());
        return request;
    }

    private static RequestSpec requestAsWritten(Object json) {
        if (json instanceof String text) {
            String[] parts = text.trim().split("\\s+", 2);
            return parts.length == 2 ? new RequestSpec(parts[0], parts[1], Map.of(), null, null)
                    : RequestSpec.get(parts[0]);
        }
        Map<?, ?> fields = ValueType.object(json, "a request");
        Object method = fields.get("method");
        return new RequestSpec(method == null ? "GET" : method.toString(), text(fields.get("path")),
                fields.get("headers") == null ? Map.of() : TEXT_MAP.fromJson(fields.get("headers")),
                text(fields.get("body")), text(fields.get("contentType")));
    }

    /**
     * {@code "Session objects=0.01"}, {@code "Buffer bytes=64"}, both limits, or an object with the fields of a
     * {@code <rule>}: the constructor as the report names it (spaces allowed), then the limits.
     */
    private static ConstructorRule rule(Object json) {
        if (json instanceof String text) {
            String[] words = text.trim().split("\\s+");
            int firstLimit = words.length;
            while (firstLimit > 1 && words[firstLimit - 1].contains("=")) {
                firstLimit--;
            }
            Double objects = null;
            Double bytes = null;
            for (String limit : Arrays.copyOfRange(words, firstLimit, words.length)) {
                String[] keyAndValue = limit.split("=", 2);
                switch (keyAndValue[0]) {
                    case "objects" -> objects = limitOf(text, limit, keyAndValue[1]);
                    case "bytes" -> bytes = limitOf(text, limit, keyAndValue[1]);
                    default -> throw new IllegalArgumentException("the rule '" + text.trim() + "' has an unknown limit '"
                            + keyAndValue[0] + "': write objects=N and/or bytes=N after the constructor");
                }
            }
            return new ConstructorRule(String.join(" ", Arrays.copyOfRange(words, 0, firstLimit)), objects, bytes);
        }
        Map<?, ?> fields = ValueType.object(json, "a rule");
        return new ConstructorRule(text(fields.get("constructor")), number(fields.get("maxObjectsPerRequest")),
                number(fields.get("maxBytesPerRequest")));
    }

    private static Double limitOf(String rule, String limit, String value) {
        try {
            return finite(value);
        } catch (IllegalArgumentException notANumber) {
            throw new IllegalArgumentException("the rule '" + rule.trim() + "' has no number in '" + limit + "'");
        }
    }

    private static String text(Object json) {
        return json == null ? null : json.toString();
    }

    private static Double number(Object json) {
        return json == null ? null : json instanceof Number number ? number.doubleValue() : finite(json.toString());
    }

    private static double finite(String text) {
        double number = Double.parseDouble(text.trim());
        if (!Double.isFinite(number)) {
            throw new IllegalArgumentException("not a finite number");
        }
        return number;
    }

    private static boolean trueOrFalse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not true or false");
        };
    }

    private static Path path(String text) {
        try {
            return Path.of(text.trim());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a file path: " + e.getReason());
        }
    }

    private static URI url(String text) {
        try {
            return new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason());
        }
    }
}
