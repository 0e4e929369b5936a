package dev.leakgate.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads HTTP/1.x responses off a socket and throws their bodies away, allocating nothing per response.
 *
 * <p>Handles bodies framed by {@code Content-Length}, by chunked transfer coding (with extensions and trailers) and
 * by the end of the connection; interim {@code 1xx} responses; and responses that never have a body ({@code HEAD},
 * {@code 204}, {@code 304}). Reads block; the {@link PhaseSupervisor} closes the socket of an overdue request, and a
 * read that fails after the deadline counts as a timeout, so a server that trickles bytes times out just like one
 * that stays silent.
 */
final class ResponseReader {

    private static final int BUFFER_SIZE = 16 * 1024;
    /** Longest status, header, chunk-size or trailer line accepted; real servers stay far below it. */
    private static final int MAX_LINE_LENGTH = 64 * 1024;

    private static final byte[] HTTP_1_PREFIX = ascii("HTTP/1.");
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");

    private final byte[] buffer = new byte[BUFFER_SIZE];
    private byte[] line = new byte[1024];
    private InputStream in;
    private int position;
    private int limit;
    private int lineLength;
    private long bytesRead;

    private long deadlineNanos;
    private boolean responseStarted;

    // Framing of the response being read; reset for every status line.
    private boolean http10;
    private long contentLength;
    private boolean chunked;
    private boolean transferEncoded;
    private boolean connectionClose;
    private boolean connectionKeepAlive;

    private boolean lastKeepsConnection;

    /** Reads from {@code in}, a new connection's stream, forgetting anything buffered from an earlier one. */
    void attach(InputStream in) {
        this.in = in;
        position = 0;
        limit = 0;
    }

    /** Bytes received since this reader was created, over all sockets it was attached to. */
    long bytesRead() {
        return bytesRead;
    }

    /** Whether the connection may carry another request after the last response that {@link #read} returned. */
    boolean lastKeepsConnection() {
        return lastKeepsConnection;
    }

    /**
     * Reads one complete final response, skipping interim ones.
     *
     * @return the status code
     */
    int read(boolean expectsNoBody, long deadlineNanos) throws RequestFailure {
        this.deadlineNanos = deadlineNanos;
        responseStarted = false;
        while (true) {
            int status = readStatusLine();
            readHeaders();
            boolean interim = status >= 100 && status < 200;
            if (interim && status != 101) {
                continue;
            }
            lastKeepsConnection = status != 101 && (http10 ? connectionKeepAlive : !connectionClose);
            if (!interim && !expectsNoBody && status != 204 && status != 304) {
                readBody();
            }
            return status;
        }
    }

    private void readBody() throws RequestFailure {
        if (chunked) {
            readChunkedBody();
        } else if (contentLength >= 0 && !transferEncoded) {
            skip(contentLength);
        } else {
            // RFC 9112, 6.3: without chunked coding or a length, the body ends where the connection does.
            skipToEndOfStream();
            lastKeepsConnection = false;
        }
    }

    private int readStatusLine() throws RequestFailure {
        readLine();
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

    private void readHeaders() throws RequestFailure {
        while (readLine() > 0) {
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
            }
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

    private void readChunkedBody() throws RequestFailure {
        long size;
        while ((size = readChunkSize()) > 0) {
            skip(size);
            if (readLine() != 0) {
                throw protocolError("chunk data longer than its announced size");
            }
        }
        // The last chunk is followed by optional trailer fields and an empty line.
        while (readLine() > 0) {
            // trailers carry nothing the load generator needs
        }
    }

    private long readChunkSize() throws RequestFailure {
        readLine();
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

    /** Reads up to the next LF into {@link #line}, without the line ending; returns the line's length. */
    private int readLine() throws RequestFailure {
        lineLength = 0;
        while (true) {
            if (position == limit && !fill()) {
                throw endOfStream();
            }
            byte b = buffer[position++];
            responseStarted = true;
            if (b == '\n') {
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return lineLength;
            }
            if (lineLength == line.length) {
                if (lineLength == MAX_LINE_LENGTH) {
                    throw protocolError("response line longer than " + MAX_LINE_LENGTH + " bytes");
                }
                line = Arrays.copyOf(line, Math.min(MAX_LINE_LENGTH, line.length * 2));
            }
            line[lineLength++] = b;
        }
    }

    private void skip(long count) throws RequestFailure {
        long remaining = count;
        while (remaining > 0) {
            if (position == limit && !fill()) {
                throw endOfStream();
            }
            int taken = (int) Math.min(remaining, limit - position);
            position += taken;
            remaining -= taken;
        }
    }

    private void skipToEndOfStream() throws RequestFailure {
        position = limit;
        while (fill()) {
            position = limit;
        }
    }

    /** Refills the buffer; false at the end of the stream. */
    private boolean fill() throws RequestFailure {
        // Checked before every read: the timeout bounds the whole response, not the gap between two packets.
        if (isOverdue()) {
            throw timeout(null);
        }
        int count;
        try {
            count = in.read(buffer, 0, buffer.length);
        } catch (IOException e) {
            if (isOverdue()) {
                // the supervisor closed the socket
                throw timeout(e);
            }
            throw new RequestFailure(ErrorKind.RESET, !responseStarted, "connection broke: " + e.getMessage(), e);
        }
        if (count < 0) {
            return false;
        }
        bytesRead += count;
        position = 0;
        limit = count;
        return true;
    }

    private RequestFailure endOfStream() {
        String message = responseStarted
                ? "server closed the connection in the middle of a response"
                : "server closed the connection without responding";
        return new RequestFailure(ErrorKind.RESET, !responseStarted, message, null);
    }

    private boolean isOverdue() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    private RequestFailure timeout(IOException cause) {
        return new RequestFailure(ErrorKind.TIMEOUT, !responseStarted, "no complete response within the request timeout", cause);
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
