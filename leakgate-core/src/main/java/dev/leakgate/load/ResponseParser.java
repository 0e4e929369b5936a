package dev.leakgate.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Parses one HTTP/1.x response after another from the bytes a connection receives, in whatever pieces they arrive,
 * and throws their bodies away, allocating nothing per response.
 *
 * <p>Handles bodies framed by {@code Content-Length}, by chunked transfer coding (with extensions and trailers) and
 * by the end of the connection; interim {@code 1xx} responses; and responses that never have a body ({@code HEAD},
 * {@code 204}, {@code 304}). It never reads or waits itself: the connection feeds it what the socket gave, so one
 * thread can parse the responses of many connections.
 */
final class ResponseParser {

    /** Longest status, header, chunk-size or trailer line accepted; real servers stay far below it. */
    private static final int MAX_LINE_LENGTH = 64 * 1024;

    private static final byte[] HTTP_1_PREFIX = ascii("HTTP/1.");
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] SET_COOKIE = ascii("set-cookie");
    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");

    /** Where in a response the next byte belongs. */
    private enum Part {
        STATUS_LINE, HEADER_LINE, BODY, CHUNK_SIZE_LINE, CHUNK_DATA, CHUNK_DATA_END, TRAILER_LINE, BODY_TO_END_OF_STREAM
    }

    private byte[] line = new byte[1024];
    private int lineLength;

    private Part part;
    private boolean expectsNoBody;
    private boolean responseStarted;
    /** Body or chunk bytes still to come in {@link Part#BODY} and {@link Part#CHUNK_DATA}. */
    private long remaining;

    // Framing of the response being parsed; reset for every status line.
    private int status;
    private boolean http10;
    private long contentLength;
    private boolean chunked;
    private boolean transferEncoded;
    private boolean connectionClose;
    private boolean connectionKeepAlive;

    private boolean keepsConnection;
    /** Where the response's Set-Cookie values go, or null when nobody keeps cookies. */
    private List<String> setCookies;

    /** From now on, collects every response's Set-Cookie values into {@code values}, which the caller empties. */
    void collectSetCookies(List<String> values) {
        setCookies = values;
    }

    /** Starts on the response to a new request; {@code expectsNoBody} for {@code HEAD}, whose responses never have one. */
    void begin(boolean expectsNoBody) {
        this.expectsNoBody = expectsNoBody;
        part = Part.STATUS_LINE;
        lineLength = 0;
        responseStarted = false;
    }

    /** Whether any byte of the response arrived: before that, the server may never have seen the request. */
    boolean responseStarted() {
        return responseStarted;
    }

    /** Status code of the final response, once {@link #parse} or {@link #endOfStream} said it is complete. */
    int status() {
        return status;
    }

    /** Whether the connection may carry another request after the complete response. */
    boolean keepsConnection() {
        return keepsConnection;
    }

    /**
     * Parses {@code bytes[offset, limit)}, the next bytes the connection received.
     *
     * @return the offset just past the end of the final response, or -1 when it needs more bytes
     */
    int parse(byte[] bytes, int offset, int limit) throws RequestFailure {
        int position = offset;
        if (position < limit) {
            responseStarted = true;
        }
        while (position < limit) {
            switch (part) {
                case BODY, CHUNK_DATA -> {
                    int taken = (int) Math.min(remaining, limit - position);
                    position += taken;
                    remaining -= taken;
                    if (remaining == 0) {
                        if (part == Part.BODY) {
                            return position;
                        }
                        part = Part.CHUNK_DATA_END;
                    }
                }
                case BODY_TO_END_OF_STREAM -> position = limit;
                default -> {
                    int lineEnd = appendToLine(bytes, position, limit);
                    if (lineEnd < 0) {
                        return -1;
                    }
                    position = lineEnd;
                    if (completesResponse()) {
                        return position;
                    }
                    lineLength = 0;
                }
            }
        }
        return -1;
    }

    /**
     * Tells the parser that the server closed the connection.
     *
     * @throws RequestFailure unless the response was one whose body ends where the connection does
     */
    void endOfStream() throws RequestFailure {
        if (part != Part.BODY_TO_END_OF_STREAM) {
            String message = responseStarted
                    ? "server closed the connection in the middle of a response"
                    : "server closed the connection without responding";
            throw new RequestFailure(ErrorKind.RESET, !responseStarted, message, null);
        }
    }

    /** Acts on the complete line in {@link #line}; true when it ended the final response. */
    private boolean completesResponse() throws RequestFailure {
        switch (part) {
            case STATUS_LINE -> {
                status = parseStatusLine();
                part = Part.HEADER_LINE;
                return false;
            }
            case HEADER_LINE -> {
                if (lineLength > 0) {
                    parseHeader();
                    return false;
                }
                return endOfHeaders();
            }
            case CHUNK_SIZE_LINE -> {
                remaining = parseChunkSize();
                part = remaining > 0 ? Part.CHUNK_DATA : Part.TRAILER_LINE;
                return false;
            }
            case CHUNK_DATA_END -> {
                if (lineLength != 0) {
                    throw protocolError("chunk data longer than its announced size");
                }
                part = Part.CHUNK_SIZE_LINE;
                return false;
            }
            case TRAILER_LINE -> {
                // The last chunk is followed by optional trailer fields, which carry nothing the load generator
                // needs, and an empty line.
                return lineLength == 0;
            }
            default -> throw new IllegalStateException("no line expected in part " + part);
        }
    }

    /** Decides how the body is framed once the headers are complete; true when there is no body to wait for. */
    private boolean endOfHeaders() {
        boolean interim = status >= 100 && status < 200;
        if (interim && status != 101) {
            part = Part.STATUS_LINE;
            return false;
        }
        keepsConnection = status != 101 && (http10 ? connectionKeepAlive : !connectionClose);
        if (interim || expectsNoBody || status == 204 || status == 304) {
            return true;
        }
        if (chunked) {
            part = Part.CHUNK_SIZE_LINE;
            return false;
        }
        if (contentLength >= 0 && !transferEncoded) {
            remaining = contentLength;
            part = Part.BODY;
            return contentLength == 0;
        }
        // RFC 9112, 6.3: without chunked coding or a length, the body ends where the connection does.
        part = Part.BODY_TO_END_OF_STREAM;
        keepsConnection = false;
        return false;
    }

    /**
     * Adds {@code bytes[offset, limit)} up to the next LF to {@link #line}, without the line ending.
     *
     * @return the offset just past the LF, or -1 when the line continues beyond {@code limit}
     */
    private int appendToLine(byte[] bytes, int offset, int limit) throws RequestFailure {
        int newline = offset;
        while (newline < limit && bytes[newline] != '\n') {
            newline++;
        }
        int count = newline - offset;
        if (lineLength + count > line.length) {
            if (lineLength + count > MAX_LINE_LENGTH) {
                throw protocolError("response line longer than " + MAX_LINE_LENGTH + " bytes");
            }
            line = Arrays.copyOf(line, Math.min(MAX_LINE_LENGTH, Math.max(line.length * 2, lineLength + count)));
        }
        System.arraycopy(bytes, offset, line, lineLength, count);
        lineLength += count;
        if (newline == limit) {
            return -1;
        }
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
        return newline + 1;
    }

    private int parseStatusLine() throws RequestFailure {
        // "HTTP/1.1 200 OK": the reason phrase is optional, the three digits are not.
        if (lineLength < 12 || !startsWith(line, HTTP_1_PREFIX) || line[8] != ' '
                || !isDigit(line[9]) || !isDigit(line[10]) || !isDigit(line[11])
                || (lineLength > 12 && line[12] != ' ')) {
            throw protocolError("malformed status line '" + lineText() + "'");
        }
        http10 = line[7] == '0';
        contentLength = -1;
        chunked = false;
        transferEncoded = false;
        connectionClose = false;
        connectionKeepAlive = false;
        return (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    }

    private void parseHeader() throws RequestFailure {
        int colon = indexOf(line, lineLength, (byte) ':');
        if (colon <= 0) {
            throw protocolError("malformed header line '" + lineText() + "'");
        }
        int valueStart = colon + 1;
        while (valueStart < lineLength && (line[valueStart] == ' ' || line[valueStart] == '\t')) {
            valueStart++;
        }
        int valueEnd = lineLength;
        while (valueEnd > valueStart && (line[valueEnd - 1] == ' ' || line[valueEnd - 1] == '\t')) {
            valueEnd--;
        }
        if (nameEquals(colon, CONTENT_LENGTH)) {
            contentLength = parseContentLength(valueStart, valueEnd);
        } else if (nameEquals(colon, TRANSFER_ENCODING)) {
            transferEncoded = true;
            chunked |= containsIgnoreCase(valueStart, valueEnd, CHUNKED);
        } else if (nameEquals(colon, CONNECTION)) {
            connectionClose |= containsIgnoreCase(valueStart, valueEnd, CLOSE);
            connectionKeepAlive |= containsIgnoreCase(valueStart, valueEnd, KEEP_ALIVE);
        } else if (setCookies != null && nameEquals(colon, SET_COOKIE)) {
            setCookies.add(new String(line, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1));
        }
    }

    private long parseContentLength(int start, int end) throws RequestFailure {
        if (start == end || end - start > 18) {
            throw protocolError("invalid Content-Length in '" + lineText() + "'");
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            if (!isDigit(line[i])) {
                throw protocolError("invalid Content-Length in '" + lineText() + "'");
            }
            value = value * 10 + (line[i] - '0');
        }
        if (contentLength >= 0 && contentLength != value) {
            throw protocolError("conflicting Content-Length headers");
        }
        return value;
    }

    private long parseChunkSize() throws RequestFailure {
        long size = 0;
        int digits = 0;
        for (int i = 0; i < lineLength && line[i] != ';' && line[i] != ' ' && line[i] != '\t'; i++) {
            int digit = Character.digit(line[i], 16);
            if (digit < 0 || ++digits > 15) {
                throw protocolError("invalid chunk size line '" + lineText() + "'");
            }
            size = size * 16 + digit;
        }
        if (digits == 0) {
            throw protocolError("invalid chunk size line '" + lineText() + "'");
        }
        return size;
    }

    private RequestFailure protocolError(String detail) {
        return new RequestFailure(ErrorKind.PROTOCOL, false, "not a valid HTTP/1.x response: " + detail, null);
    }

    private boolean nameEquals(int nameLength, byte[] lowerCaseName) {
        if (nameLength != lowerCaseName.length) {
            return false;
        }
        for (int i = 0; i < nameLength; i++) {
            if (toLowerCase(line[i]) != lowerCaseName[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean containsIgnoreCase(int start, int end, byte[] lowerCaseWord) {
        outer:
        for (int i = start; i <= end - lowerCaseWord.length; i++) {
            for (int j = 0; j < lowerCaseWord.length; j++) {
                if (toLowerCase(line[i + j]) != lowerCaseWord[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private String lineText() {
        return new String(line, 0, Math.min(lineLength, 200), StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, int length, byte wanted) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static byte toLowerCase(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
