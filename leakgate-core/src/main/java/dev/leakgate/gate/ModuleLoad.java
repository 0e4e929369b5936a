package dev.leakgate.gate;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A line of the app that loads a package, with the names it binds: {@code const session = require('express-session')},
 * {@code const { LRUCache: Cache } = require('lru-cache')}, {@code import * as winston from 'winston'}. Read from
 * the text of one line, which is how such lines are written.
 *
 * @param column where the load starts, 0-based
 * @param names  the names the package, or what it exports, is bound to
 */
record ModuleLoad(int column, Set<String> names) {

    private static final Pattern DEFAULT_OR_WHOLE = Pattern.compile(
            "(?:(?:const|let|var)\\s+|import\\s+(?:\\*\\s*as\\s+)?)([\\w$]+)\\s*(?:=|,|$)");
    private static final Pattern DESTRUCTURED = Pattern.compile("\\{([^}]*)}\\s*(?:=|$)");

    /** The load of this package (or a file of it, {@code lru-cache/raw}) on the line, if it has one. */
    static Optional<ModuleLoad> of(String line, String packageName) {
        Matcher load = Pattern.compile("(?:(?:require|import)\\s*\\(\\s*|from\\s*)['\"]" + Pattern.quote(packageName)
                + "(?:/[^'\"]*)?['\"]").matcher(line);
        if (!load.find()) {
            return Optional.empty();
        }
        String binding = line.substring(0, load.start()).strip(); // up to the require, or the from
        Set<String> names = new LinkedHashSet<>();
        Matcher whole = DEFAULT_OR_WHOLE.matcher(binding);
        if (whole.find()) {
            names.add(whole.group(1));
        }
        Matcher destructured = DESTRUCTURED.matcher(binding);
        if (destructured.find()) {
            names.addAll(Arrays.stream(destructured.group(1).split(","))
                    .map(ModuleLoad::localName).filter(name -> !name.isEmpty()).toList());
        }
        return Optional.of(new ModuleLoad(load.start(), Set.copyOf(names)));
    }

    /**
     * A call of one of the bound names in the source from this line on: {@code session(}, {@code new LRUCache(},
     * {@code winston.createLogger(}. Read from the text, as V8 no longer lists the places of a module's top-level
     * code once it has run (Node 24 on): lines that are comments are passed over.
     *
     * @param line   0-based
     * @param column where the called expression starts, 0-based
     * @param called the called expression, {@code new LRUCache} for a {@code new}
     */
    record Call(int line, int column, String called) {
    }

    Optional<Call> firstCall(String[] lines, int fromLine) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        Pattern call = Pattern.compile("(?<![\\w$.])((?:new\\s+)?(?:"
                + names.stream().map(Pattern::quote).collect(Collectors.joining("|"))
                + ")(?:\\s*\\.\\s*[\\w$]+)*)\\s*\\(");
        for (int i = fromLine; i < lines.length; i++) {
            String code = lines[i].strip();
            if (code.startsWith("//") || code.startsWith("*") || code.startsWith("/*")) {
                continue;
            }
            Matcher found = call.matcher(lines[i]);
            if (found.find()) {
                return Optional.of(new Call(i, found.start(1), found.group(1).replaceAll("\\s*\\.\\s*", ".")
                        .replaceAll("\\s+", " ")));
            }
        }
        return Optional.empty();
    }

    /** {@code LRUCache} for {@code LRUCache}, {@code Cache} for {@code LRUCache: Cache} or {@code LRUCache as Cache}. */
    private static String localName(String entry) {
        String[] parts = entry.strip().split("\\s*:\\s*|\\s+as\\s+");
        return parts[parts.length - 1].strip();
    }
}
