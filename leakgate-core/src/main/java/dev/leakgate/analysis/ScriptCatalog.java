package dev.leakgate.analysis;

import dev.leakgate.snapshot.AppScripts;
import dev.leakgate.snapshot.SourceLocation;
import dev.leakgate.snapshot.TraceFrame;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the script ids of a snapshot's locations into file names a developer recognises, using the
 * URLs the inspector announced in {@code Debugger.scriptParsed}.
 */
public final class ScriptCatalog {

    private final Map<String, String> urlsByScriptId;
    private final Path baseDirectory;

    /**
     * @param urlsByScriptId script id to URL, as reported by the inspector (empty when analysing files)
     * @param baseDirectory  paths under it are shown relative to it
     */
    public ScriptCatalog(Map<String, String> urlsByScriptId, Path baseDirectory) {
        this.urlsByScriptId = Map.copyOf(urlsByScriptId);
        this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
    }

    public static ScriptCatalog empty(Path baseDirectory) {
        return new ScriptCatalog(Map.of(), baseDirectory);
    }

    /** {@code server.js:12:5}, 1-based as editors show it; {@code script 42:12:5} when the URL is unknown. */
    public CodeLocation locate(SourceLocation location) {
        return new CodeLocation(fileOf(location.scriptId()), location.line() + 1, location.column() + 1);
    }

    /** The file of a script id as {@link #displayName} shows it, {@code script 42} when the URL is unknown. */
    String fileOf(int scriptId) {
        String url = urlsByScriptId.get(Integer.toString(scriptId));
        return url == null || url.isEmpty() ? "script " + scriptId : displayName(url);
    }

    /** How a path that starts at a module's scope names the module: like a file. */
    String moduleName(String script) {
        return displayName(script);
    }

    /** A frame of a tracked allocation stack, with whose code it runs. */
    StackFrame frame(TraceFrame frame) {
        String function = frame.functionName().isEmpty() ? "(anonymous)" : frame.functionName();
        String script = frame.scriptName();
        if (script.isEmpty()) {
            return new StackFrame(function, null, StackFrame.Origin.ENGINE);
        }
        CodeLocation start = new CodeLocation(displayName(script), frame.line(), frame.column());
        return new StackFrame(function, start, originOf(script));
    }

    /**
     * Whose code a script is: the app's own files, a package's ({@code node_modules}), Node's ({@code node:}), or
     * code without a file (a page's inline script in jsdom, {@code eval}), which no one can edit as such.
     */
    public static StackFrame.Origin originOf(String script) {
        if (script.startsWith("node:")) {
            return StackFrame.Origin.NODE;
        }
        return AppScripts.isApps(script) ? StackFrame.Origin.APP : StackFrame.Origin.LIBRARY;
    }

    /**
     * The npm package a script belongs to: {@code express-session} for {@code .../node_modules/express-session/index.js},
     * {@code @scope/name} for a scoped one, the innermost where packages nest; empty for any other script.
     */
    public static Optional<String> packageOf(String script) {
        int modules = script.lastIndexOf("/node_modules/");
        if (modules < 0) {
            return Optional.empty();
        }
        String[] parts = script.substring(modules + "/node_modules/".length()).split("/");
        boolean scoped = parts[0].startsWith("@") && parts.length > 2;
        String name = scoped ? parts[0] + "/" + parts[1] : parts[0];
        return name.isEmpty() || parts.length < (scoped ? 3 : 2) ? Optional.empty()
                : Optional.of(name);
    }

    /**
     * The file a script URL names, relative to the base directory where it lies below it. The inspector
     * announces CommonJS modules as {@code file:} URLs; V8's profiles name them by their plain path.
     */
    String displayName(String url) {
        Path path;
        if (url.startsWith("file:")) {
            try {
                path = Path.of(URI.create(url));
            } catch (IllegalArgumentException notAFileUrl) {
                return url;
            }
        } else if (url.startsWith("/")) {
            path = Path.of(url);
        } else {
            return url; // node:internal/... and friends are clearer as they are
        }
        path = path.normalize();
        return path.startsWith(baseDirectory) ? baseDirectory.relativize(path).toString() : path.toString();
    }
}
