package dev.leakgate.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A request serialised once to the exact bytes that go on the wire, so that sending it allocates nothing.
 *
 * @param bytes          the complete request: request line, headers, blank line, body; read-only, and outside the heap
 *                       so that a socket takes them as they are, where heap bytes are first copied to native memory.
 *                       Connections send from their own {@link #view()}, never move this buffer's position
 * @param expectsNoBody  true for {@code HEAD}, whose responses announce a body they never send
 */
record WireRequest(ByteBuffer bytes, boolean expectsNoBody) {

    /** Methods whose requests carry a body by definition; they get {@code Content-Length: 0} when the body is empty. */
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    static WireRequest encode(RequestSpec spec, Endpoint endpoint) {
        byte[] body = spec.body() == null ? new byte[0] : spec.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256)
                .append(spec.method()).append(' ').append(endpoint.basePath()).append(spec.path()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(endpoint.hostHeader()).append("\r\n");
        spec.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (spec.contentType() != null) {
            head.append("Content-Type: ").append(spec.contentType()).append("\r\n");
        }
        if (spec.body() != null || BODY_METHODS.contains(spec.method())) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");

        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer wire = ByteBuffer.allocateDirect(headBytes.length + body.length).put(headBytes).put(body).flip();
        return new WireRequest(wire.asReadOnlyBuffer(), spec.method().equals("HEAD"));
    }

    /** The request's bytes with a position of their own, for one connection to send from, again and again. */
    ByteBuffer view() {
        return bytes.duplicate();
    }
}
