package dev.leakgate.gate;

import java.net.URI;
import java.util.Objects;

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

    public AttachSpec {
        Objects.requireNonNull(inspectorUrl, "inspectorUrl");
        Objects.requireNonNull(baseUrl, "baseUrl");
    }
}
