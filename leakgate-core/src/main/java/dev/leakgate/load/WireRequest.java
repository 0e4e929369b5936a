package dev.leakgate.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request as it goes on the wire. One without per-request templates is serialised once, so that sending it
 * allocates nothing; one with {@code {{seq}}} or {@code {{uuid}}}, or sent with cookies, is written for each send into
 * the connection's own buffer, again without allocating (see {@link TemplateText}).
 */
final class WireRequest {

    /** Methods whose requests carry a body by definition; they get {@code Content-Length: 0} when the body is empty. */
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};

    private final String label;
    private final TemplateText path;
    private final String fixedPath;
    /** Request line and headers, without the body's length and the blank line. */
    private final List<TemplateText> head;
    /** The body, or null for a request without one; empty for a body method without one. */
    private final TemplateText body;
    private final boolean expectsNoBody;
    private final boolean varies;
    /** The whole request, when it does not vary; read-only and outside the heap, where a socket takes it as it is. */
    private final ByteBuffer fixed;

    private WireRequest(String label, TemplateText path, String fixedPath, List<TemplateText> head, TemplateText body,
                        boolean expectsNoBody) {
        this.label = label;
        this.path = path;
        this.fixedPath = fixedPath;
        this.head = List.copyOf(head);
        this.body = body;
        this.expectsNoBody = expectsNoBody;
        this.varies = path.varies() || head.stream().anyMatch(TemplateText::varies) || body != null && body.varies();
        this.fixed = varies ? null : render(ByteBuffer.allocateDirect(length(0, 0)), 0, null).asReadOnlyBuffer();
    }

    /**
     * @param environment where {@code {{env.NAME}}} is looked up
     * @throws IllegalArgumentException when a template cannot be filled, naming it
     */
    static WireRequest encode(RequestSpec spec, Endpoint endpoint, Map<String, String> environment) {
        TemplateText path = TemplateText.parse(endpoint.basePath() + spec.path(), environment);
        List<TemplateText> head = new ArrayList<>();
        head.add(TemplateText.literal(spec.method() + " "));
        head.add(path);
        head.add(TemplateText.literal(" HTTP/1.1\r\nHost: " + endpoint.hostHeader() + "\r\n"));
        spec.headers().forEach((name, value) -> {
            head.add(TemplateText.literal(name + ": "));
            head.add(TemplateText.parse(value, environment));
            head.add(TemplateText.literal("\r\n"));
        });
        if (spec.contentType() != null) {
            head.add(TemplateText.literal("Content-Type: " + spec.contentType() + "\r\n"));
        }
        TemplateText body = spec.body() != null ? TemplateText.parse(spec.body(), environment)
                : BODY_METHODS.contains(spec.method()) ? TemplateText.literal("") : null;
        String fixedPath = path.varies() ? null : new String(path.fixedBytes(), StandardCharsets.UTF_8);
        return new WireRequest(spec.method() + " " + spec.path(), path, fixedPath, head, body,
                spec.method().equals("HEAD"));
    }

    /** The request as configured, templates unfilled: what messages may show of it. */
    String label() {
        return label;
    }

    boolean expectsNoBody() {
        return expectsNoBody;
    }

    /** Whether the bytes differ from send to send: written anew each time. */
    boolean varies() {
        return varies;
    }

    /** The fixed request's bytes with a position of their own, for one connection to send from, again and again. */
    ByteBuffer view() {
        return fixed.duplicate();
    }

    /** The path this send asks for, for matching cookies; made anew only when the path varies. */
    String pathFor(long sequence) {
        if (fixedPath != null) {
            return fixedPath;
        }
        ByteBuffer bytes = ByteBuffer.allocate(path.length(sequence));
        path.writeTo(bytes, sequence);
        return new String(bytes.array(), StandardCharsets.UTF_8);
    }

    /** The bytes of the send with this sequence number, with a cookie line of {@code cookieHeaderLength} bytes. */
    int length(long sequence, int cookieHeaderLength) {
        int length = CRLF.length + cookieHeaderLength;
        for (TemplateText part : head) {
            length += part.length(sequence);
        }
        if (body != null) {
            int bodyLength = body.length(sequence);
            length += CONTENT_LENGTH.length + decimalLength(bodyLength) + CRLF.length + bodyLength;
        }
        return length;
    }

    /**
     * Writes the send with this sequence number into {@code out} (cleared first) and flips it for sending.
     *
     * @param cookieHeader the connection's {@code Cookie:} line for this send, or null without cookies
     */
    ByteBuffer render(ByteBuffer out, long sequence, byte[] cookieHeader) {
        out.clear();
        for (TemplateText part : head) {
            part.writeTo(out, sequence);
        }
        if (body != null) {
            out.put(CONTENT_LENGTH);
            putDecimal(out, body.length(sequence));
            out.put(CRLF);
        }
        if (cookieHeader != null) {
            out.put(cookieHeader);
        }
        out.put(CRLF);
        if (body != null) {
            body.writeTo(out, sequence);
        }
        return out.flip();
    }

    @Override
    public String toString() {
        return label;
    }

    private static int decimalLength(int value) {
        int digits = 1;
        for (int rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }

    private static void putDecimal(ByteBuffer out, int value) {
        if (value >= 10) {
            putDecimal(out, value / 10);
        }
        out.put((byte) ('0' + value % 10));
    }
}
