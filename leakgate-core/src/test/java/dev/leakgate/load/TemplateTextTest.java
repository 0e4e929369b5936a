package dev.leakgate.load;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request templates: filled per request where they vary, once where they do not, and refused where they cannot be. */
class TemplateTextTest {

    private static final Endpoint APP = Endpoint.of(URI.create("http://127.0.0.1:3000"));

    @Test
    void fillsTheSequenceNumberAndAFreshUuidPerRequest() {
        WireRequest request = WireRequest.encode(new RequestSpec("POST", "/users/{{seq}}", Map.of("X-Request", "{{uuid}}"),
                "{\"n\": {{seq}}}", "application/json"), APP, Map.of());

        String first = sent(request, 7);
        String second = sent(request, 1234);

        assertTrue(first.startsWith("POST /users/7 HTTP/1.1\r\n"), first);
        assertTrue(first.matches("(?s).*\r\nX-Request: [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\r\n.*"),
                first);
        assertTrue(first.endsWith("Content-Length: 8\r\n\r\n{\"n\": 7}"), first);
        assertTrue(second.startsWith("POST /users/1234 HTTP/1.1\r\n"), second);
        assertTrue(second.endsWith("Content-Length: 11\r\n\r\n{\"n\": 1234}"), second);
        assertFalse(uuidOf(first).equals(uuidOf(second)), "a new UUID per request");
    }

    @Test
    void fillsAnEnvironmentVariableOnceAndKeepsTheRequestFixed() {
        WireRequest request = WireRequest.encode(new RequestSpec("GET", "/orders", Map.of("Authorization",
                "Bearer {{env.API_TOKEN}}"), null, null), APP, Map.of("API_TOKEN", "s3cret"));

        assertFalse(request.varies());
        assertTrue(StandardCharsets.UTF_8.decode(request.view()).toString().contains("\r\nAuthorization: Bearer s3cret\r\n"));
        assertEquals("GET /orders", request.label(), "what messages show of it: no header, no secret");
    }

    @Test
    void anEscapedBraceIsALiteralBrace() {
        WireRequest request = WireRequest.encode(new RequestSpec("POST", "/render", Map.of(), "\\{{name}} is {{seq}}",
                null), APP, Map.of());

        assertTrue(sent(request, 3).endsWith("\r\n\r\n{{name}} is 3"));
    }

    @Test
    void refusesAMissingVariableAndAnUnknownTemplateNamingThem() {
        RequestSpec missing = new RequestSpec("GET", "/", Map.of("Authorization", "Bearer {{env.NO_SUCH_TOKEN}}"), null,
                null);
        assertEquals("GET /: {{env.NO_SUCH_TOKEN}} names the environment variable NO_SUCH_TOKEN, which is not set",
                assertThrows(IllegalArgumentException.class, () -> missing.requireTemplatesFilled(Map.of())).getMessage());
        RequestSpec unknown = RequestSpec.get("/items/{{id}}");
        assertEquals("GET /items/{{id}}: {{id}} is no template: use {{seq}}, {{uuid}} or {{env.NAME}} (write \\{{ for a "
                + "literal {{)", assertThrows(IllegalArgumentException.class,
                () -> unknown.requireTemplatesFilled(Map.of())).getMessage());
    }

    private static String sent(WireRequest request, long sequence) {
        ByteBuffer out = ByteBuffer.allocate(request.length(sequence, 0));
        return StandardCharsets.UTF_8.decode(request.render(out, sequence, null)).toString();
    }

    private static String uuidOf(String request) {
        int at = request.indexOf("X-Request: ") + "X-Request: ".length();
        return request.substring(at, at + 36);
    }
}
