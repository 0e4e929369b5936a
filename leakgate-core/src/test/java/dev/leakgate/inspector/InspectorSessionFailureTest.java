package dev.leakgate.inspector;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each test gets its own Node app, because each one breaks its session or its app. */
class InspectorSessionFailureTest {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void failsACallNamingItInsteadOfHangingOnceTheAppIsKilled() throws Exception {
        try (InspectedNode node = InspectedNode.start("hello-server.js");
             InspectorSession session = InspectorSession.connect(node.inspectorUrl(), CALL_TIMEOUT)) {
            session.enableDomains();
            node.kill();
            long start = System.nanoTime();

            InspectorException failure = assertThrows(InspectorException.class, () -> session.heapUsage(CALL_TIMEOUT));

            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(elapsed.compareTo(Duration.ofSeconds(2)) < 0, "took " + elapsed);
            assertTrue(failure.getMessage().contains("Runtime.getHeapUsage"), failure.getMessage());
            assertTrue(failure.getMessage().contains("closed"), failure.getMessage());
        }
    }

    @Test
    void failsASnapshotWhoseAppDiesWhileSendingIt() throws Exception {
        try (InspectedNode node = InspectedNode.start("hello-server.js");
             InspectorSession session = InspectorSession.connect(node.inspectorUrl(), CALL_TIMEOUT)) {
            session.enableDomains();
            OutputStream killsNodeOnFirstWrite = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    try {
                        node.kill();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };

            InspectorException failure = assertThrows(InspectorException.class,
                    () -> session.takeHeapSnapshot(killsNodeOnFirstWrite, Duration.ofSeconds(30)));

            assertTrue(failure.getMessage().startsWith("inspector connection closed while taking a heap snapshot"),
                    failure.getMessage());
        }
    }

    @Test
    void timesOutACallTheAppIsTooBusyToAnswerAndStaysUsable() throws Exception {
        try (InspectedNode node = InspectedNode.start("hello-server.js");
             InspectorSession session = InspectorSession.connect(node.inspectorUrl(), Duration.ofMillis(500))) {
            String busyForOneSecond = "(() => { const end = Date.now() + 1000; while (Date.now() < end) {} })()";

            InspectorException failure = assertThrows(InspectorException.class, () -> session.evaluate(busyForOneSecond));

            assertTrue(failure.getMessage().contains("did not answer Runtime.evaluate within 500 ms"), failure.getMessage());
            Thread.sleep(700);
            assertTrue(session.heapUsage(Duration.ofMillis(500)).usedBytes() > 0);
        }
    }

    @Test
    void refusesCallsAfterCloseAndClosesOnlyOnce() throws Exception {
        try (InspectedNode node = InspectedNode.start("hello-server.js")) {
            InspectorSession session = InspectorSession.connect(node.inspectorUrl(), CALL_TIMEOUT);
            session.close();
            session.close();

            InspectorException failure = assertThrows(InspectorException.class, () -> session.heapUsage(CALL_TIMEOUT));

            assertTrue(failure.getMessage().contains("the inspector session was closed"), failure.getMessage());
        }
    }

    @Test
    void namesTheUrlWhenNothingListensThere() throws Exception {
        URI nowhere = URI.create("ws://127.0.0.1:" + freePort() + "/no-such-session");

        InspectorException failure = assertThrows(InspectorException.class,
                () -> InspectorSession.connect(nowhere, CALL_TIMEOUT));

        assertTrue(failure.getMessage().startsWith("Cannot connect to the Node inspector at " + nowhere), failure.getMessage());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
