package dev.leakgate.inspector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.leakgate.process.PortProbe;
import dev.leakgate.text.DurationText;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Chrome DevTools Protocol session with a Node process, kept for the whole run: V8 numbers heap
 * objects per session, so reconnecting or {@code HeapProfiler.disable} would make snapshot ids incomparable.
 * Every call waits at most a bounded time and fails with an {@link InspectorException} that names it.
 */
public final class InspectorSession implements AutoCloseable {

    /** How long {@link #close()} waits for Node to acknowledge the close before dropping the connection. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    /** While a call waits, how often to check that Node still listens. */
    private static final Duration LIVENESS_INTERVAL = Duration.ofMillis(500);

    private static final int QUOTED_EXPRESSION_LENGTH = 60;

    @FunctionalInterface
    private interface Params {
        Params NONE = params -> { };

        void write(JsonGenerator params) throws IOException;
    }

    private final WebSocket webSocket;
    /**
     * The JDK's WebSocket does not always report the end of the stream when Node dies while sending a large
     * message (a heap snapshot, typically when the app runs out of memory): a call would then wait for its whole
     * timeout. Node's inspector port refusing connections tells sooner.
     */
    private final PortProbe inspectorPort;
    private final CdpDispatcher dispatcher;
    private final JsonFactory json;
    private final Duration callTimeout;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Object sendLock = new Object();
    /** Guarded by {@link #sendLock}. */
    private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);
    private final AtomicBoolean closed = new AtomicBoolean();

    private InspectorSession(WebSocket webSocket, PortProbe inspectorPort, CdpDispatcher dispatcher, JsonFactory json,
                             Duration callTimeout) {
        this.webSocket = webSocket;
        this.inspectorPort = inspectorPort;
        this.dispatcher = dispatcher;
        this.json = json;
        this.callTimeout = callTimeout;
    }

    /**
     * Opens the session.
     *
     * @param webSocketUrl the inspector's URL, e.g. {@code ws://127.0.0.1:9229/0f2c...}
     * @param callTimeout  how long connecting and every call but {@link #takeHeapSnapshot} may take
     */
    public static InspectorSession connect(URI webSocketUrl, Duration callTimeout)
            throws InspectorException, InterruptedException {
        String scheme = webSocketUrl.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new InspectorException("The inspector URL must start with ws://, not " + webSocketUrl);
        }
        JsonFactory json = new JsonFactory();
        CdpDispatcher dispatcher = new CdpDispatcher();
        CompletableFuture<WebSocket> connecting = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(callTimeout)
                .buildAsync(webSocketUrl, new CdpListener(new CdpMessageReader(json), dispatcher));
        try {
            WebSocket webSocket = connecting.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new InspectorSession(webSocket, PortProbe.of(webSocketUrl), dispatcher, json, callTimeout);
        } catch (ExecutionException e) {
            throw new InspectorException("Cannot connect to the Node inspector at " + webSocketUrl + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            connecting.thenAccept(WebSocket::abort);
            throw new InspectorException("Cannot connect to the Node inspector at " + webSocketUrl + " within "
                    + DurationText.of(callTimeout) + ".");
        } catch (InterruptedException e) {
            // A connection completed after we stopped waiting would hold a debugger session no one closes.
            connecting.thenAccept(WebSocket::abort);
            throw e;
        }
    }

    /**
     * Enables the Runtime and HeapProfiler domains. The Debugger domain stays off (see {@link #scriptUrls()}):
     * while a session has it on, V8 pauses the app at every {@code debugger;} statement, and just before the heap
     * runs out it raises the limit and pauses, so that a developer can look. An app under leakgate would then
     * neither answer requests nor crash.
     */
    public void enableDomains() throws InspectorException, InterruptedException {
        call("Runtime.enable", Params.NONE, "enabling the Runtime domain");
        call("HeapProfiler.enable", Params.NONE, "enabling the HeapProfiler domain");
    }

    /** Runs a full garbage collection in the app. */
    public void collectGarbage() throws InspectorException, InterruptedException {
        call("HeapProfiler.collectGarbage", Params.NONE, "collecting garbage");
    }

    /**
     * Takes a heap snapshot and writes its JSON to {@code out} (which stays open) as UTF-8.
     * Returns once Node has sent all of it.
     *
     * @param timeout how long the whole snapshot may take; large heaps need tens of seconds
     */
    public void takeHeapSnapshot(OutputStream out, Duration timeout) throws InspectorException, InterruptedException {
        String method = "HeapProfiler.takeHeapSnapshot";
        SnapshotStream stream = dispatcher.startSnapshot(out);
        try {
            call(method, params -> params.writeBooleanField("reportProgress", false), "taking a heap snapshot", timeout);
        } finally {
            dispatcher.endSnapshot(stream);
        }
        long charsWritten;
        try {
            charsWritten = stream.complete();
        } catch (IOException e) {
            throw new InspectorException("Cannot write the heap snapshot: " + e.getMessage(), e);
        }
        if (charsWritten == 0) {
            throw new InspectorException(method + " was answered without any snapshot data.");
        }
    }

    /**
     * Starts V8's sampling heap profiler: about one allocation in every {@code samplingIntervalBytes} bytes
     * is recorded with its call stack. Cheap enough to run under load at a few KB per sample.
     */
    public void startHeapSampling(int samplingIntervalBytes) throws InspectorException, InterruptedException {
        if (samplingIntervalBytes < 1) {
            throw new IllegalArgumentException("the sampling interval must be at least 1 byte, was " + samplingIntervalBytes);
        }
        call("HeapProfiler.startSampling", params -> {
            params.writeNumberField("samplingInterval", samplingIntervalBytes);
            // Only memory that survived is wanted: V8 then forgets samples whose objects the GC freed.
            params.writeBooleanField("includeObjectsCollectedByMajorGC", false);
            params.writeBooleanField("includeObjectsCollectedByMinorGC", false);
        }, "starting the sampling heap profiler");
    }

    /**
     * Stops the sampling heap profiler and returns the sampled allocations whose objects are still alive.
     * Collect garbage first, or objects that are unreachable but not yet freed count as alive.
     */
    public HeapSamplingProfile stopHeapSampling() throws InspectorException, InterruptedException {
        JsonObject answer = call("HeapProfiler.stopSampling", Params.NONE, "stopping the sampling heap profiler");
        JsonObject head = answer.object("profile").object("head");
        if (!head.has("callFrame")) {
            throw new InspectorException("HeapProfiler.stopSampling answered without a profile: " + answer.fields().keySet());
        }
        return HeapSamplingProfile.fromTree(head);
    }

    /** The JavaScript heap's used size, waiting at most {@code timeout} for Node's answer. */
    public HeapUsage heapUsage(Duration timeout) throws InspectorException, InterruptedException {
        String method = "Runtime.getHeapUsage";
        JsonObject answer = call(method, Params.NONE, "reading the heap usage", timeout);
        Number used = answer.number("usedSize");
        if (used == null) {
            throw new InspectorException(method + " answered without usedSize: " + answer.fields());
        }
        return new HeapUsage(used.longValue());
    }

    /**
     * Evaluates a JavaScript expression in the app and returns its value as text: a string as is, other
     * primitives as JavaScript prints them. Objects are refused; wrap them in {@code JSON.stringify(...)}.
     */
    public String evaluate(String expression) throws InspectorException, InterruptedException {
        String quoted = quote(expression);
        JsonObject answer = call("Runtime.evaluate", params -> {
            params.writeStringField("expression", expression);
            params.writeBooleanField("returnByValue", true);
        }, "evaluating " + quoted);
        if (answer.has("exceptionDetails")) {
            JsonObject details = answer.object("exceptionDetails");
            String description = details.object("exception").string("description");
            throw new InspectorException("Evaluating " + quoted + " threw: "
                    + (description != null ? description : details.string("text")));
        }
        return asText(answer.object("result"), quoted);
    }

    /**
     * Script id to URL for every script loaded in the app. Turns the Debugger domain on just long enough for V8
     * to report them (it lists every loaded script when the domain is enabled) and off again.
     */
    public Map<String, String> scriptUrls() throws InspectorException, InterruptedException {
        call("Debugger.enable", Params.NONE, "listing the app's scripts");
        call("Debugger.disable", Params.NONE, "listing the app's scripts");
        return dispatcher.scriptUrls();
    }

    /**
     * Closes the connection: asks Node to close it, and drops it if Node does not answer within a second.
     * Idempotent, never throws. Close the session before stopping Node, or Node may wait for the debugger.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        dispatcher.disconnected("the inspector session was closed");
        try {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            dispatcher.awaitConnectionEnd(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException alreadyBroken) {
            // Nothing left to close politely; the abort below releases the connection.
        } finally {
            webSocket.abort();
        }
    }

    private JsonObject call(String method, Params params, String activity)
            throws InspectorException, InterruptedException {
        return call(method, params, activity, callTimeout);
    }

    private JsonObject call(String method, Params params, String activity, Duration timeout)
            throws InspectorException, InterruptedException {
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonObject> answer = dispatcher.expect(id, method, activity);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            send(encode(id, method, params), deadline);
            return awaitAnswer(answer, deadline);
        } catch (TimeoutException e) {
            throw new InspectorException("The Node inspector did not answer " + method + " within " + DurationText.of(timeout)
                    + " while " + activity + "; the app may be busy or out of memory.");
        } catch (ExecutionException e) {
            // Every failure of an answer is an InspectorException made by the dispatcher.
            throw new InspectorException(e.getCause().getMessage(), e.getCause());
        } finally {
            dispatcher.forget(id);
        }
    }

    private void send(String message, long deadline) throws InterruptedException, TimeoutException {
        try {
            synchronized (sendLock) {
                // The JDK allows one outstanding send at a time: one whose caller timed out must end first.
                lastSend.get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
                lastSend = webSocket.sendText(message, true);
                lastSend.get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            // Fails the pending call; a reason the listener saw first (Node closed the connection) wins.
            dispatcher.disconnected("cannot send to Node: " + e.getCause().getMessage());
        }
    }

    private JsonObject awaitAnswer(CompletableFuture<JsonObject> answer, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        while (true) {
            long slice = Math.min(remainingNanos(deadline), LIVENESS_INTERVAL.toNanos());
            try {
                return answer.get(slice, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (remainingNanos(deadline) == 0) {
                    throw e;
                }
                if (!inspectorPort.isListening()) {
                    dispatcher.disconnected("Node no longer listens on " + inspectorPort + "; the process has probably exited");
                }
            }
        }
    }

    private String encode(long id, String method, Params params) {
        StringWriter text = new StringWriter();
        try (JsonGenerator message = json.createGenerator(text)) {
            message.writeStartObject();
            message.writeNumberField("id", id);
            message.writeStringField("method", method);
            message.writeObjectFieldStart("params");
            params.write(message);
            message.writeEndObject();
            message.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter cannot fail", e);
        }
        return text.toString();
    }

    private static String asText(JsonObject remoteObject, String quotedExpression) throws InspectorException {
        String type = remoteObject.string("type");
        Object value = remoteObject.get("value");
        if ("undefined".equals(type)) {
            return "undefined";
        }
        if (remoteObject.string("unserializableValue") != null) {
            return remoteObject.string("unserializableValue");
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (remoteObject.has("value") && value == null) {
            return "null";
        }
        throw new InspectorException("Evaluating " + quotedExpression + " gave " + type
                + ", not a primitive; wrap the expression in JSON.stringify(...).");
    }

    private static long remainingNanos(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static String quote(String expression) {
        return "'" + (expression.length() <= QUOTED_EXPRESSION_LENGTH
                ? expression
                : expression.substring(0, QUOTED_EXPRESSION_LENGTH) + "...") + "'";
    }
}
