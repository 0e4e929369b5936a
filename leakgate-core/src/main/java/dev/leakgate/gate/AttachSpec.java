package dev.leakgate.gate;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Attach mode: measure an app someone else started (docker compose in CI, say) instead of launching one.
 * Nothing is started and nothing is stopped; only the inspector session is closed at the end.
 *
 * @param inspectorUrl         the inspector: {@code ws://host:port/<id>}, or {@code http://host:port} to look the
 *                             target up in Node's {@code /json/list}
 * @param baseUrl              where the app serves HTTP, e.g. {@code http://127.0.0.1:3000}
 * @param allowRemoteInspector whether an inspector on a non-loopback address is acceptable; whoever reaches an
 *                             inspector can run any code in the app
 */
public record AttachSpec(URI inspectorUrl, URI baseUrl, boolean allowRemoteInspector) {

    private static final Set<String> INSPECTOR_SCHEMES = Set.of("ws", "wss", "http", "https");

    public AttachSpec {
        require(inspectorUrl != null && baseUrl != null,
                "attach mode needs both inspectorUrl and baseUrl (set neither to let leakgate start the app)");
        require(INSPECTOR_SCHEMES.contains(lowerCase(inspectorUrl.getScheme())) && hasHost(inspectorUrl),
                "inspectorUrl must be ws://host:port/<id> or http://host:port, was '" + inspectorUrl + "'");
        require("http".equals(lowerCase(baseUrl.getScheme())) && hasHost(baseUrl) && baseUrl.getRawUserInfo() == null
                        && baseUrl.getRawQuery() == null && baseUrl.getRawFragment() == null,
                "baseUrl must be http://host:port, optionally with a path, was '" + baseUrl + "'");
    }

    private static boolean hasHost(URI url) {
        return url.getHost() != null && !url.getHost().isEmpty();
    }

    private static String lowerCase(String scheme) {
        return scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidConfigurationException(message);
        }
    }
}
