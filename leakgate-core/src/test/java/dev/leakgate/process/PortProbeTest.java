package dev.leakgate.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

class PortProbeTest {

    @Test
    void seesAListeningPortAndNoLongerOnceItIsClosed() throws IOException {
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
            assertTrue(new PortProbe("127.0.0.1", port).isListening());
        }
        assertFalse(new PortProbe("127.0.0.1", port).isListening());
    }

    @Test
    void takesThePortFromTheUrlOrItsSchemesDefault() {
        assertEquals("127.0.0.1:9229", PortProbe.of(URI.create("ws://127.0.0.1:9229/0f2c")).toString());
        assertEquals("app:80", PortProbe.of(URI.create("http://app/")).toString());
        assertEquals("app:443", PortProbe.of(URI.create("wss://app/0f2c")).toString());
    }
}
