package dev.leakgate.gate;

import dev.leakgate.inspector.InspectorException;
import dev.leakgate.inspector.InspectorTargets;
import dev.leakgate.process.AttachedApp;
import dev.leakgate.process.LaunchException;
import dev.leakgate.process.LaunchSpec;
import dev.leakgate.result.Verdict;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Connects a run to an app someone else started. Refuses an inspector that is not on this machine unless the
 * user said otherwise: a Node inspector runs any code it is sent, so its port is as good as a shell in the app.
 */
final class Attacher {

    private final Duration lookupTimeout;

    Attacher(Duration lookupTimeout) {
        this.lookupTimeout = lookupTimeout;
    }

    AttachedApp attach(AttachSpec spec, LaunchSpec launch) throws RunStopped, InterruptedException {
        requireLoopback(spec.inspectorUrl(), spec);
        URI webSocketUrl;
        try {
            webSocketUrl = InspectorTargets.webSocketUrl(spec.inspectorUrl(), lookupTimeout);
        } catch (InspectorException e) {
            throw new RunStopped(Verdict.ERROR, e.getMessage(), List.of());
        }
        // The list names the address Node thinks it serves; it must pass the same test.
        requireLoopback(webSocketUrl, spec);
        try {
            return AttachedApp.attach(webSocketUrl, spec.baseUrl(), launch.readyPath(), launch.startupTimeout());
        } catch (LaunchException e) {
            throw new RunStopped(Verdict.ERROR, e.getMessage(), List.of());
        }
    }

    private static void requireLoopback(URI url, AttachSpec spec) throws RunStopped {
        if (spec.allowRemoteInspector()) {
            return;
        }
        String host = url.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new RunStopped(Verdict.ERROR, "the inspector host " + host + " in " + url + " cannot be resolved.", List.of());
        }
        if (!Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress)) {
            String resolved = Arrays.stream(addresses).map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
            throw new RunStopped(Verdict.ERROR, "refusing the inspector at " + url + ": " + host
                    + (resolved.equals(host) ? "" : " (" + resolved + ")") + " is not a loopback address, and whoever"
                    + " reaches a Node inspector can run any code in the app. Forward the inspector port to 127.0.0.1"
                    + " (ssh -L, or docker's -p 127.0.0.1:9229:9229), or set allowRemoteInspector=true if the network"
                    + " in between is trusted.", List.of());
        }
    }
}
