package dev.leakgate.gate;

import dev.leakgate.analysis.SourceProbe;
import dev.leakgate.inspector.BreakLocation;
import dev.leakgate.inspector.InspectorException;
import dev.leakgate.inspector.InspectorSession;
import dev.leakgate.inspector.Pause;
import dev.leakgate.inspector.PausedFrame;
import dev.leakgate.load.LoadGenerator;
import dev.leakgate.load.LoadProgress;
import dev.leakgate.snapshot.TraceFrame;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Answers {@link SourceProbe}'s questions by asking the running app, with the Debugger on: V8 lists where a function
 * can pause (each statement, each call at the name it calls), and the source says what is there.
 *
 * <p>A call site is found by the callee's name among the function's calls ({@code setInterval(},
 * {@code new JSDOM(}); when the app calls it under another name ({@code winston.createLogger} runs a function V8
 * names {@code module.exports}), by pausing the app where the callee starts while it serves a few requests, and
 * reading where the caller was. Node's own modules cannot take breakpoints, so their callees are found by name only.
 * Pauses last one round trip each: the app is resumed at once.
 */
final class InspectorSourceProbe implements SourceProbe {

    /** Methods that add an element or entry to a collection. */
    private static final Set<String> ADDING = Set.of("set", "push", "add", "unshift", "splice", "append");
    /** Methods that register a listener with an emitter or an event target. */
    private static final Set<String> REGISTERING = Set.of("on", "once", "addListener", "prependListener",
            "prependOnceListener", "addEventListener");
    /** Requests sent while the app may pause at a breakpoint. */
    private static final int PINPOINT_REQUESTS = 20;
    /** Pauses after which the breakpoints go: a place passed all the time would stall the app. */
    private static final int MAX_PAUSES = 200;

    private final InspectorSession session;
    private final LoadGenerator load;
    private final Map<String, String> scriptUrls;
    private final ScriptPlaces places;
    private final Map<String, String[]> sources = new HashMap<>();

    /** @param scriptUrls script id to URL of the app's scripts, as the Debugger listed them */
    InspectorSourceProbe(InspectorSession session, LoadGenerator load, Map<String, String> scriptUrls,
                         ScriptPlaces places) {
        this.session = session;
        this.load = load;
        this.scriptUrls = Map.copyOf(scriptUrls);
        this.places = places;
    }

    @Override
    public List<SourceSite> storesInFunction(TraceFrame function, String container) {
        return ask(() -> stores(function.scriptId(), function.scriptName(),
                        locations(function), container, name(function)),
                List.of());
    }

    @Override
    public List<SourceSite> storesInScript(String scriptName, String container) {
        return ask(() -> {
            Optional<String> scriptId = scriptIdOf(scriptName);
            if (scriptId.isEmpty()) {
                return List.<SourceSite>of();
            }
            return stores(Integer.parseInt(scriptId.get()), scriptName,
                    places.of(scriptId.get()), container, "");
        }, List.of());
    }

    @Override
    public Optional<SourceSite> mostPassed(List<SourceSite> sites) {
        return ask(() -> {
            Map<String, SourceSite> byBreakpoint = new HashMap<>();
            for (SourceSite site : sites) {
                session.setBreakpoint(Integer.toString(site.scriptId()), site.line(), site.column())
                        .ifPresent(id -> byBreakpoint.put(id, site));
            }
            Map<SourceSite, Integer> passes = new ConcurrentHashMap<>();
            Map<SourceSite, String> functions = new ConcurrentHashMap<>();
            pausing(byBreakpoint.keySet(), pause -> pause.hitBreakpoints().stream()
                    .map(byBreakpoint::get).filter(site -> site != null).forEach(site -> {
                        passes.merge(site, 1, Integer::sum);
                        functions.putIfAbsent(site, pause.frames().isEmpty() ? "" : pause.frames().get(0).functionName());
                    }));
            return passes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .map(site -> site.inFunction(functions.getOrDefault(site, "")));
        }, Optional.empty());
    }

    @Override
    public Optional<SourceSite> callSite(TraceFrame caller, TraceFrame callee) {
        return ask(() -> {
            Optional<SourceSite> byName = callByName(caller, callee);
            return byName.isPresent() ? byName : callSeenPaused(caller, callee);
        }, Optional.empty());
    }

    @Override
    public Optional<SourceSite> callAround(TraceFrame function, int line, int column) {
        return ask(() -> {
            String[] lines = source(Integer.toString(function.scriptId()));
            Optional<SourceSite> around = Optional.empty();
            for (BreakLocation location : locations(function)) {
                if (location.isCall() && location.line() == line && location.column() < column) {
                    around = Optional.of(site(function.scriptId(), function.scriptName(), lines, location,
                            name(function), calleeAt(lineAt(lines, line), location.column())));
                }
            }
            return around;
        }, Optional.empty());
    }

    @Override
    public Optional<SourceSite> listenerRegistration(TraceFrame function) {
        return ask(() -> {
            String[] lines = source(Integer.toString(function.scriptId()));
            for (BreakLocation location : locations(function)) {
                if (location.isCall()) {
                    String called = calleeAt(lineAt(lines, location.line()), location.column());
                    if (called.contains(".") && REGISTERING.contains(lastName(called))) {
                        return Optional.of(site(function.scriptId(), function.scriptName(), lines, location,
                                name(function), called));
                    }
                }
            }
            return Optional.<SourceSite>empty();
        }, Optional.empty());
    }

    @Override
    public Optional<SourceSite> setUpOf(String packageName) {
        return ask(() -> {
            List<String> scriptIds = scriptUrls.keySet().stream().sorted(Comparator.comparingInt(Integer::parseInt))
                    .toList();
            for (String scriptId : scriptIds) {
                Optional<SourceSite> setUp = setUpIn(scriptId, packageName);
                if (setUp.isPresent()) {
                    return setUp;
                }
            }
            return Optional.<SourceSite>empty();
        }, Optional.empty());
    }

    /** In one script: the first call of a name the package was loaded under, else the line that loads it. */
    private Optional<SourceSite> setUpIn(String scriptId, String packageName)
            throws InspectorException, InterruptedException {
        String[] lines = source(scriptId);
        for (int line = 0; line < lines.length; line++) {
            Optional<ModuleLoad> load = ModuleLoad.of(lines[line], packageName);
            if (load.isPresent()) {
                int loadLine = line;
                return Optional.of(load.get().firstCall(lines, line)
                        .map(call -> new SourceSite(Integer.parseInt(scriptId), scriptUrls.get(scriptId), call.line(),
                                call.column(), "", lines[call.line()].strip(), call.called()))
                        .orElse(new SourceSite(Integer.parseInt(scriptId), scriptUrls.get(scriptId), loadLine,
                                load.get().column(), "", lines[loadLine].strip(), "")));
            }
        }
        return Optional.empty();
    }

    /** The statements among these places that add to the container, or assign it anew. */
    private List<SourceSite> stores(int scriptId, String scriptName, List<BreakLocation> locations, String container,
                                    String function) throws InspectorException, InterruptedException {
        Pattern assignment = Pattern.compile("^(?:[\\w$]+\\s*\\.\\s*)*" + Pattern.quote(container)
                + "\\s*(?:\\[[^\\]]*]\\s*)?=(?![=>])");
        String[] lines = source(Integer.toString(scriptId));
        List<SourceSite> stores = new ArrayList<>();
        for (int i = 0; i < locations.size(); i++) {
            BreakLocation location = locations.get(i);
            String line = lineAt(lines, location.line());
            if (location.isCall()) {
                String callee = calleeAt(line, location.column());
                if (ADDING.contains(lastName(callee)) && receiverIs(callee, container)) {
                    stores.add(site(scriptId, scriptName, lines, location, function, callee));
                }
            } else if (assignment.matcher(line.substring(Math.min(location.column(), line.length()))).find()) {
                // What is assigned usually comes from a call on the same line: Buffer.concat(...).
                String callee = container + " =";
                for (int j = i + 1; j < locations.size() && locations.get(j).line() == location.line(); j++) {
                    if (locations.get(j).isCall()) {
                        callee = calleeAt(line, locations.get(j).column());
                        break;
                    }
                }
                stores.add(site(scriptId, scriptName, lines, location, function, callee));
            }
        }
        return stores;
    }

    /** The first call in the caller to a function of the callee's name: {@code setInterval(}, {@code new Session(}. */
    private Optional<SourceSite> callByName(TraceFrame caller, TraceFrame callee)
            throws InspectorException, InterruptedException {
        String name = callee.functionName();
        if (name.isEmpty() || !name.matches("[\\w$]+")) {
            return Optional.empty();
        }
        String[] lines = source(Integer.toString(caller.scriptId()));
        for (BreakLocation location : locations(caller)) {
            if (location.isCall()) {
                String called = calleeAt(lineAt(lines, location.line()), location.column());
                if (lastName(called).equals(name)) {
                    return Optional.of(site(caller.scriptId(), caller.scriptName(), lines, location, name(caller),
                            called));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Pauses the app where the callee starts while it serves a few requests of the mix, and takes the place the
     * caller was at, the most frequent one if it calls the callee from several.
     */
    private Optional<SourceSite> callSeenPaused(TraceFrame caller, TraceFrame callee)
            throws InspectorException, InterruptedException {
        // Tracked frames are 1-based, the debugger's 0-based.
        Optional<String> breakpoint = session.setBreakpoint(Integer.toString(callee.scriptId()), callee.line() - 1,
                callee.column() - 1);
        if (breakpoint.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, Integer> seen = new ConcurrentHashMap<>();
        pausing(Set.of(breakpoint.get()), pause -> {
            if (pause.hitBreakpoints().contains(breakpoint.get())) {
                callerPosition(pause.frames(), caller).ifPresent(position -> seen.merge(position, 1, Integer::sum));
            }
        });
        Optional<Long> position = seen.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
        if (position.isEmpty()) {
            return Optional.empty();
        }
        String[] lines = source(Integer.toString(caller.scriptId()));
        BreakLocation at = new BreakLocation((int) (position.get() >>> 32), (int) (long) position.get(), "call");
        return Optional.of(site(caller.scriptId(), caller.scriptName(), lines, at, name(caller),
                calleeAt(lineAt(lines, at.line()), at.column())));
    }

    /**
     * Serves a few requests of the mix while the app pauses at these breakpoints, handing each pause to
     * {@code handler}; then removes them. The app is resumed after every pause, and the breakpoints go early if
     * they pause it all the time.
     */
    private void pausing(Set<String> breakpoints, Consumer<Pause> handler) throws InterruptedException {
        AtomicInteger pauses = new AtomicInteger();
        session.onPause(pause -> {
            handler.accept(pause);
            if (pauses.incrementAndGet() == MAX_PAUSES) {
                breakpoints.forEach(this::removeQuietly);
            }
        });
        try {
            load.run("diagnosis: locating a line", PINPOINT_REQUESTS, LoadProgress.NONE);
        } finally {
            session.onPause(pause -> { });
            breakpoints.forEach(this::removeQuietly);
        }
    }

    /** Where the caller's frame was, packed as line and column, when it is on the paused stack. */
    private static Optional<Long> callerPosition(List<PausedFrame> frames, TraceFrame caller) {
        String scriptId = Integer.toString(caller.scriptId());
        for (int i = 1; i < frames.size(); i++) {
            PausedFrame frame = frames.get(i);
            if (frame.scriptId().equals(scriptId) && frame.functionLine() == caller.line() - 1
                    && frame.functionColumn() == caller.column() - 1) {
                return Optional.of((long) frame.line() << 32 | frame.column());
            }
        }
        return Optional.empty();
    }

    private void removeQuietly(String breakpoint) {
        try {
            session.removeBreakpoint(breakpoint);
        } catch (InspectorException alreadyGone) {
            // removed once already, or the debugger is off: either way it no longer pauses the app
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The script id of a script as the heap names it: a path for CommonJS, a {@code file:} URL for ES modules. */
    private Optional<String> scriptIdOf(String scriptName) {
        Optional<Path> wanted = pathOf(scriptName);
        return scriptUrls.entrySet().stream()
                .filter(script -> script.getValue().equals(scriptName)
                        || wanted.isPresent() && wanted.equals(pathOf(script.getValue())))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    private static Optional<Path> pathOf(String script) {
        try {
            if (script.startsWith("file:")) {
                return Optional.of(Path.of(URI.create(script)).normalize());
            }
            return script.startsWith("/") ? Optional.of(Path.of(script).normalize()) : Optional.empty();
        } catch (IllegalArgumentException notAFile) { // an InvalidPathException too
            return Optional.empty();
        }
    }

    private List<BreakLocation> locations(TraceFrame function) throws InspectorException, InterruptedException {
        return session.breakLocationsOfFunction(Integer.toString(function.scriptId()), function.line() - 1,
                function.column() - 1);
    }

    private String[] source(String scriptId) throws InspectorException, InterruptedException {
        String[] lines = sources.get(scriptId);
        if (lines == null) {
            lines = session.scriptSource(scriptId).split("\r?\n", -1);
            sources.put(scriptId, lines);
        }
        return lines;
    }

    /**
     * A place as people point at it: a call where its called expression starts ({@code kept.push(x)} at
     * {@code kept}, where V8 puts it at {@code push}).
     */
    private static SourceSite site(int scriptId, String scriptName, String[] lines, BreakLocation location,
                                   String function, String callee) {
        String line = lineAt(lines, location.line());
        int column = location.column();
        if (location.isCall() && !callee.startsWith("new ")) {
            int start = line.lastIndexOf(callee, column);
            column = start >= 0 && start <= column ? start : column;
        }
        return new SourceSite(scriptId, scriptName, location.line(), column, function, line.strip(), callee);
    }

    private static String lineAt(String[] lines, int line) {
        return line >= 0 && line < lines.length ? lines[line] : "";
    }

    private static String name(TraceFrame frame) {
        return frame.functionName().isEmpty() ? "(anonymous)" : frame.functionName();
    }

    /**
     * The expression called at a call's position, which V8 puts at the called name: {@code sessions.set},
     * {@code winston.createLogger}, {@code setInterval}, or {@code new JSDOM} at a {@code new}.
     */
    static String calleeAt(String line, int column) {
        if (column < 0 || column >= line.length()) {
            return "";
        }
        if (line.startsWith("new ", column)) {
            return "new " + nameChainFrom(line, column + 4);
        }
        int start = column;
        while (start > 0 && (isNamePart(line.charAt(start - 1)) || line.charAt(start - 1) == '.'
                || line.charAt(start - 1) == '?')) {
            start--;
        }
        int end = column;
        while (end < line.length() && isNamePart(line.charAt(end))) {
            end++;
        }
        return line.substring(start, end).replace("?.", ".").replaceAll("^[.?]+", "");
    }

    private static String nameChainFrom(String line, int from) {
        int start = from;
        while (start < line.length() && line.charAt(start) == ' ') {
            start++;
        }
        int end = start;
        while (end < line.length() && (isNamePart(line.charAt(end)) || line.charAt(end) == '.')) {
            end++;
        }
        return line.substring(start, end);
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static String lastName(String chain) {
        String bare = chain.startsWith("new ") ? chain.substring(4) : chain;
        int dot = bare.lastIndexOf('.');
        return dot < 0 ? bare : bare.substring(dot + 1);
    }

    /** Whether the chain calls a method on the container: {@code sessions.set}, {@code this.sessions.set}. */
    private static boolean receiverIs(String chain, String container) {
        int dot = chain.lastIndexOf('.');
        String receiver = dot < 0 ? "" : chain.substring(0, dot);
        return receiver.equals(container) || receiver.endsWith("." + container);
    }

    /** A question to the app; when it cannot answer (the script is gone, V8 refuses), the fallback. */
    private static <T> T ask(Question<T> question, T fallback) {
        try {
            return question.ask();
        } catch (InspectorException e) {
            return fallback;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        }
    }

    @FunctionalInterface
    private interface Question<T> {
        T ask() throws InspectorException, InterruptedException;
    }
}
