package dev.leakgate.analysis;

import dev.leakgate.snapshot.SourceLocation;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

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
    public String describe(SourceLocation location) {
        String url = urlsByScriptId.get(Integer.toString(location.scriptId()));
        String file = url == null || url.isEmpty() ? "script " + location.scriptId() : displayName(url);
        return file + ":" + (location.line() + 1) + ":" + (location.column() + 1);
    }

    /**
     * The file a script URL names, relative to the base directory where it lies below it. The inspector
     * announces CommonJS modules as {@code file:} URLs; V8's profiles name them by their plain path.
     */
    String displayName(String url) {
        Path path;
        if (url.startsWith("file:")) {
            path = Path.of(URI.create(url));
        } else if (url.startsWith("/")) {
            path = Path.of(url);
        } else {
            return url; // node:internal/... and friends are clearer as they are
        }
        path = path.normalize();
        return path.startsWith(baseDirectory) ? baseDirectory.relativize(path).toString() : path.toString();
    }
}
