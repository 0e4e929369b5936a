package dev.leakgate.load;

import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * src/test/node/counting-server.js for a whole test class, its counts reset before each test:
 * {@code @RegisterExtension static final CountingServer server = new CountingServer();}
 */
public final class CountingServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private NodeServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = NodeServer.start("counting-server.js");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server.control("/__reset");
    }

    public URI baseUrl() {
        return server.baseUrl();
    }

    /** Body of a control request, e.g. {@code /__count}: see {@link NodeServer#control}. */
    public String control(String path) throws IOException, InterruptedException {
        return server.control(path);
    }
}
