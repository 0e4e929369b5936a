package dev.leakgate.snapshot;

/** Which scripts are the app's own code, by the names the heap and the inspector give them. */
public final class AppScripts {

    private AppScripts() {
    }

    /**
     * Whether the script is a file of the app's own, outside {@code node_modules}: not a package's, not Node's
     * ({@code node:}), not code without a file (a page's inline script in jsdom, {@code eval}).
     */
    public static boolean isApps(String script) {
        boolean file = script.startsWith("file:") || script.startsWith("/");
        return file && !script.contains("/node_modules/");
    }
}
