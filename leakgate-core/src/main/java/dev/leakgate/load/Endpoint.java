package dev.leakgate.load;

import java.net.URI;

/**
 * Where the load goes: the parts of the base URL that a plain-HTTP client needs.
 *
 * @param host       host name or address, IPv6 literals without brackets (for connecting)
 * @param port       TCP port
 * @param hostHeader value of the {@code Host} request header
 * @param basePath   path prefix put before every request path, empty or without trailing slash
 */
record Endpoint(String host, int port, String hostHeader, String basePath) {

    private static final int DEFAULT_HTTP_PORT = 80;

    static Endpoint of(URI baseUrl) {
        if (baseUrl == null) {
            throw new IllegalArgumentException("Base URL must be set, e.g. http://127.0.0.1:3000");
        }
        if (!baseUrl.isAbsolute() || baseUrl.isOpaque()) {
            throw new IllegalArgumentException("Base URL must be absolute, e.g. http://127.0.0.1:3000, got: " + baseUrl);
        }
        if (!"http".equalsIgnoreCase(baseUrl.getScheme())) {
            throw new IllegalArgumentException("Base URL must use http (the load generator speaks plain HTTP/1.1 only; "
                    + "point it at the app's own port, not a TLS proxy), got: " + baseUrl);
        }
        String host = baseUrl.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("Base URL has no valid host: " + baseUrl);
        }
        if (baseUrl.getRawUserInfo() != null || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "Base URL must be scheme, host, port and optionally a path, without user, query or fragment: " + baseUrl);
        }
        int port = baseUrl.getPort() == -1 ? DEFAULT_HTTP_PORT : baseUrl.getPort();
        String hostHeader = baseUrl.getPort() == -1 ? host : host + ":" + port;
        String connectHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        String basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return new Endpoint(connectHost, port, hostHeader, basePath);
    }

    @Override
    public String toString() {
        return "http://" + hostHeader + basePath;
    }
}
