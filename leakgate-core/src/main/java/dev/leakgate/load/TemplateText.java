package dev.leakgate.load;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A text of a request (its path, a header value, its body) with its templates: {@code {{seq}}}, the request's
 * sequence number in the run from 0; {@code {{uuid}}}, a random UUID per request; {@code {{env.NAME}}}, the build's
 * environment variable NAME, filled in once, here; {@code \{{} is a literal {@code {{}.
 *
 * <p>A value from the environment is a secret: it goes into the bytes sent and nowhere else. This class never turns
 * it back into a string, so nothing that shows a request can show it.
 */
final class TemplateText {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int UUID_LENGTH = 36;
    /** A part: literal bytes, or one of these markers. */
    private static final byte[] SEQ = new byte[0];
    private static final byte[] UUID = new byte[0];

    private final List<byte[]> parts;
    private final int literalLength;
    private final int sequences;
    private final int uuids;

    private TemplateText(List<byte[]> parts) {
        this.parts = List.copyOf(parts);
        int literal = 0;
        int seq = 0;
        int uuid = 0;
        for (byte[] part : parts) {
            if (part == SEQ) {
                seq++;
            } else if (part == UUID) {
                uuid++;
            } else {
                literal += part.length;
            }
        }
        this.literalLength = literal;
        this.sequences = seq;
        this.uuids = uuid;
    }

    /** Text taken as it is, braces and all. */
    static TemplateText literal(String text) {
        return new TemplateText(List.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @param environment where {@code {{env.NAME}}} is looked up
     * @throws IllegalArgumentException naming the template that cannot be filled: an unknown one, or a variable that
     *                                  is not set
     */
    static TemplateText parse(String text, Map<String, String> environment) {
        List<byte[]> parts = new ArrayList<>();
        ByteArrayOutputStream literal = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("\\{{", i)) {
                literal.writeBytes("{{".getBytes(StandardCharsets.UTF_8));
                i += 3;
            } else if (text.startsWith("{{", i)) {
                int end = text.indexOf("}}", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("'" + text.substring(i) + "' opens a template it never closes "
                            + "(write \\{{ for a literal {{)");
                }
                String name = text.substring(i + 2, end).trim();
                byte[] part = switch (name) {
                    case "seq" -> SEQ;
                    case "uuid" -> UUID;
                    default -> environmentValue(name, environment);
                };
                if (part == SEQ || part == UUID) {
                    flush(literal, parts);
                    parts.add(part);
                } else {
                    literal.writeBytes(part);
                }
                i = end + 2;
            } else {
                int next = nextSpecial(text, i);
                literal.writeBytes(text.substring(i, next).getBytes(StandardCharsets.UTF_8));
                i = next;
            }
        }
        flush(literal, parts);
        return new TemplateText(parts);
    }

    /** Whether the text differs from request to request. */
    boolean varies() {
        return sequences + uuids > 0;
    }

    /** The bytes of this text for the request of this sequence number. */
    int length(long sequence) {
        return literalLength + sequences * digits(sequence) + uuids * UUID_LENGTH;
    }

    /** Writes the text for the request of this sequence number, without allocating. */
    void writeTo(ByteBuffer out, long sequence) {
        for (byte[] part : parts) {
            if (part == SEQ) {
                writeDecimal(out, sequence);
            } else if (part == UUID) {
                writeRandomUuid(out);
            } else {
                out.put(part);
            }
        }
    }

    /** The bytes of a text that does not vary. */
    byte[] fixedBytes() {
        if (varies()) {
            throw new IllegalStateException("a text with {{seq}} or {{uuid}} has no fixed bytes");
        }
        ByteBuffer bytes = ByteBuffer.allocate(literalLength);
        writeTo(bytes, 0);
        return bytes.array();
    }

    private static byte[] environmentValue(String name, Map<String, String> environment) {
        if (!name.startsWith("env.") || name.length() == 4) {
            throw new IllegalArgumentException("{{" + name + "}} is no template: use {{seq}}, {{uuid}} or "
                    + "{{env.NAME}} (write \\{{ for a literal {{)");
        }
        String variable = name.substring(4);
        String value = environment.get(variable);
        if (value == null) {
            throw new IllegalArgumentException("{{env." + variable + "}} names the environment variable " + variable
                    + ", which is not set");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static int nextSpecial(String text, int from) {
        int brace = text.indexOf("{{", from);
        int escape = text.indexOf("\\{{", from);
        int next = text.length();
        if (brace >= 0) {
            next = Math.min(next, brace);
        }
        if (escape >= 0) {
            next = Math.min(next, escape);
        }
        return next;
    }

    private static void flush(ByteArrayOutputStream literal, List<byte[]> parts) {
        if (literal.size() > 0) {
            parts.add(literal.toByteArray());
            literal.reset();
        }
    }

    private static int digits(long value) {
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }

    private static void writeDecimal(ByteBuffer out, long value) {
        int digits = digits(value);
        int at = out.position() + digits;
        long rest = value;
        for (int i = 1; i <= digits; i++) {
            out.put(at - i, (byte) ('0' + rest % 10));
            rest /= 10;
        }
        out.position(at);
    }

    /** A version 4 UUID, as {@code java.util.UUID.randomUUID} writes it, from a fast random source. */
    private static void writeRandomUuid(ByteBuffer out) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & 0xffff_ffff_ffff_0fffL | 0x0000_0000_0000_4000L;
        long low = random.nextLong() & 0x3fff_ffff_ffff_ffffL | 0x8000_0000_0000_0000L;
        writeHex(out, high >>> 32, 8);
        out.put((byte) '-');
        writeHex(out, high >>> 16, 4);
        out.put((byte) '-');
        writeHex(out, high, 4);
        out.put((byte) '-');
        writeHex(out, low >>> 48, 4);
        out.put((byte) '-');
        writeHex(out, low, 12);
    }

    private static void writeHex(ByteBuffer out, long value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.put(HEX[(int) (value >>> shift) & 0xf]);
        }
    }
}
