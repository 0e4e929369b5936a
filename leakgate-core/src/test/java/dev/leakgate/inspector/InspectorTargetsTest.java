package dev.leakgate.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InspectorTargetsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void looksTheWebSocketUrlUpInTheTargetListOfTheInspectorsHttpPort() throws Exception {
        try (InspectedNode node = InspectedNode.start("hello-server.js")) {
            URI http = URI.create("http://127.0.0.1:" + node.inspectorUrl().getPort());

            assertEquals(node.inspectorUrl(), InspectorTargets.webSocketUrl(http, TIMEOUT));
        }
    }

    @Test
    void takesAWebSocketUrlAsItIs() throws Exception {
        URI webSocket = URI.create("ws://127.0.0.1:9229/0f2c8a3e-1b7d-4c55-9a1e-2f8d6b3c4e5f");

        assertEquals(webSocket, InspectorTargets.webSocketUrl(webSocket, TIMEOUT));
    }

    @Test
    void namesTheListItCouldNotReadWhenNothingListens() throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:" + freePort());

        InspectorException failure = assertThrows(InspectorException.class,
                () -> InspectorTargets.webSocketUrl(nowhere, TIMEOUT));

        assertTrue(failure.getMessage().startsWith("Cannot read the Node inspector's targets at " + nowhere + "/json/list"),
                failure.getMessage());
        assertTrue(failure.getMessage().endsWith("Is the app running with --inspect, and is the inspector port reachable?"),
                failure.getMessage());
    }

    @Test
    void refusesOtherSchemes() {
        InspectorException failure = assertThrows(InspectorException.class,
                () -> InspectorTargets.webSocketUrl(URI.create("tcp://127.0.0.1:9229"), TIMEOUT));

        assertEquals("The inspector URL must be ws://host:port/<id> or http://host:port, not tcp://127.0.0.1:9229",
                failure.getMessage());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
