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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One Chrome DevTools Protocol session with a Node process, kept for the whole run: V8 numbers heap
 * objects per session, so reconnecting or {@code HeapProfiler.disable} would make snapshot ids incomparable.
 * Every call waits at most a bounded time and fails with an {@link InspectorException} that names it.
 */
public final class InspectorSession implements AutoCloseable {

    /** While a call waits, how often to check that Node still listens. */
    private static final Duration LIVENESS_INTERVAL = Duration.ofMillis(500);

    private static final int QUOTED_EXPRESSION_LENGTH = 60;

    @FunctionalInterface
    private interface Params {
        Params NONE = params -> { };

        void write(JsonGenerator params) throws IOException;
    }

    private final CdpTransport transport;
    private final CdpDispatcher dispatcher;
    private final JsonFactory json;
    private final Duration callTimeout;
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Made when pauses are first handled. */
    private ExecutorService pauseHandling;

    private InspectorSession(CdpTransport transport, CdpDispatcher dispatcher, JsonFactory json, Duration callTimeout) {
        this.transport = transport;
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
        CdpDispatcher dispatcher = new CdpDispatcher(new CdpMessageReader(json));
        CompletableFuture<WebSocket> connecting = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(callTimeout)
                .buildAsync(webSocketUrl, new CdpListener(new CdpMessageReader(json), dispatcher));
        try {
            WebSocket webSocket = connecting.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new InspectorSession(new WebSocketTransport(webSocket, PortProbe.of(webSocketUrl), dispatcher),
                    dispatcher, json, callTimeout);
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

    /**
     * Attaches to the app's {@code worker_threads} workers, those running now and those started later, without
     * holding them at their start: see {@link #workers()}.
     */
    public void attachToWorkers() throws InspectorException, InterruptedException {
        call("NodeWorker.enable", params -> params.writeBooleanField("waitForDebuggerOnStart", false),
                "attaching to the app's worker threads");
    }

    /** The workers attached now, oldest first; empty unless {@link #attachToWorkers} was called. */
    public List<WorkerTarget> workers() {
        return dispatcher.workers();
    }

    /**
     * A session of one worker, which travels inside this one: the same questions as here, answered by the worker's
     * own heap. Closing it detaches from the worker.
     *
     * @throws InspectorException when the worker has ended
     */
    public InspectorSession workerSession(WorkerTarget worker) throws InspectorException {
        CdpDispatcher workerDispatcher = dispatcher.workerDispatcher(worker.sessionId());
        if (workerDispatcher == null) {
            throw new InspectorException("the worker " + worker.title() + " has ended");
        }
        return new InspectorSession(new WorkerTransport(worker.sessionId()), workerDispatcher, json, callTimeout);
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
        streamSnapshot("HeapProfiler.takeHeapSnapshot", "taking a heap snapshot", out, timeout);
    }

    /**
     * Makes V8 record the call stack of every allocation from now on, and report an id mark (see
     * {@link #awaitObjectIdMark}) every 50 ms or so. Slows allocation-heavy code down severalfold: for short runs.
     */
    public void startTrackingAllocations() throws InspectorException, InterruptedException {
        call("HeapProfiler.startTrackingHeapObjects", params -> params.writeBooleanField("trackAllocations", true),
                "starting to track allocations");
    }

    /**
     * Stops tracking allocations, which takes a heap snapshot whose objects allocated meanwhile carry their
     * allocation stacks, and writes it to {@code out} like {@link #takeHeapSnapshot}.
     */
    public void stopTrackingAllocations(OutputStream out, Duration timeout)
            throws InspectorException, InterruptedException {
        streamSnapshot("HeapProfiler.stopTrackingHeapObjects", "taking a heap snapshot with allocation stacks", out,
                timeout);
    }

    /**
     * While allocations are tracked: waits for an id mark that V8 certainly made after this call, and returns the
     * highest object id it had handed out. Every object allocated before the call and still alive has an id up to it;
     * every object allocated after the returned mark, a higher one. The second mark to arrive is the first certainly
     * made after the call (one may have been on its way).
     */
    public int awaitObjectIdMark(Duration timeout) throws InspectorException, InterruptedException {
        ObjectIdMarks marks = dispatcher.objectIdMarks();
        int id = marks.await(marks.count(), 2, System.nanoTime() + timeout.toNanos());
        if (id < 0) {
            throw new InspectorException("V8 sent no object id marks within " + DurationText.of(timeout)
                    + " while tracking allocations");
        }
        return id;
    }

    private void streamSnapshot(String method, String activity, OutputStream out, Duration timeout)
            throws InspectorException, InterruptedException {
        SnapshotStream stream = dispatcher.startSnapshot(out);
        try {
            call(method, params -> params.writeBooleanField("reportProgress", false), activity, timeout);
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
        Map<String, String> scripts = enableDebugger();
        disableDebugger();
        return scripts;
    }

    /**
     * Turns the Debugger domain on, for the questions below: keep it short (see {@link #enableDomains}), and end it
     * with {@link #disableDebugger}, which also removes every breakpoint and resumes a paused app.
     *
     * @return script id to URL of every script loaded in the app, which V8 lists when the domain is turned on
     */
    public Map<String, String> enableDebugger() throws InspectorException, InterruptedException {
        call("Debugger.enable", Params.NONE, "turning the debugger on");
        return dispatcher.scriptUrls();
    }

    public void disableDebugger() throws InspectorException, InterruptedException {
        call("Debugger.disable", Params.NONE, "turning the debugger off");
    }

    /** A script's source, as V8 runs it (with the Debugger on). */
    public String scriptSource(String scriptId) throws InspectorException, InterruptedException {
        JsonObject answer = call("Debugger.getScriptSource", params -> params.writeStringField("scriptId", scriptId),
                "reading the source of script " + scriptId);
        String source = answer.string("scriptSource");
        if (source == null) {
            throw new InspectorException("Debugger.getScriptSource answered without a source for script " + scriptId);
        }
        return source;
    }

    /** Where V8 can pause in a whole script, nested functions included, in source order (with the Debugger on). */
    public List<BreakLocation> breakLocationsOfScript(String scriptId) throws InspectorException, InterruptedException {
        return breakLocations(params -> writeLocation(params, "start", scriptId, 0, 0),
                "listing the statements of script " + scriptId);
    }

    /**
     * Where V8 can pause in the function that starts at this place, not counting the functions nested in it: its
     * statements and calls, in source order (with the Debugger on).
     */
    public List<BreakLocation> breakLocationsOfFunction(String scriptId, int line, int column)
            throws InspectorException, InterruptedException {
        return breakLocations(params -> {
            writeLocation(params, "start", scriptId, line, column);
            params.writeBooleanField("restrictToFunction", true);
        }, "listing the statements of a function in script " + scriptId);
    }

    private List<BreakLocation> breakLocations(Params range, String activity)
            throws InspectorException, InterruptedException {
        JsonObject answer = call("Debugger.getPossibleBreakpoints", range, activity);
        List<BreakLocation> locations = new ArrayList<>();
        if (answer.get("locations") instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof JsonObject location) {
                    locations.add(new BreakLocation(intOf(location.number("lineNumber")),
                            intOf(location.number("columnNumber")), orEmpty(location.string("type"))));
                }
            }
        }
        return locations;
    }

    /**
     * Sets a breakpoint at the first place V8 can pause at or after this one, with the Debugger on; empty when V8
     * cannot place one there (Node's own modules, for one).
     */
    public Optional<String> setBreakpoint(String scriptId, int line, int column)
            throws InspectorException, InterruptedException {
        try {
            JsonObject answer = call("Debugger.setBreakpoint",
                    params -> writeLocation(params, "location", scriptId, line, column),
                    "setting a breakpoint in script " + scriptId);
            return Optional.ofNullable(answer.string("breakpointId"));
        } catch (InspectorException refused) {
            if (refused.getMessage().contains("Could not resolve breakpoint")) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    /**
     * With {@code false}, V8 passes every breakpoint without pausing. They still keep their functions from being
     * optimized, which is what a breakpoint set only for that wants.
     */
    public void setBreakpointsActive(boolean active) throws InspectorException, InterruptedException {
        call("Debugger.setBreakpointsActive", params -> params.writeBooleanField("active", active),
                (active ? "activating" : "deactivating") + " breakpoints");
    }

    public void removeBreakpoint(String breakpointId) throws InspectorException, InterruptedException {
        call("Debugger.removeBreakpoint", params -> params.writeStringField("breakpointId", breakpointId),
                "removing a breakpoint");
    }

    /**
     * From now on, whenever the app pauses, hands the pause to {@code handler} and resumes the app. The handler runs
     * on a thread of its own, never the connection's. Null stops handling pauses.
     */
    public void onPause(Consumer<Pause> handler) {
        if (handler == null) {
            dispatcher.onPause(null);
            return;
        }
        dispatcher.onPause(params -> pauseHandling().execute(() -> {
            try {
                handler.accept(pause(params));
            } finally {
                try {
                    call("Debugger.resume", Params.NONE, "resuming the app after a breakpoint");
                } catch (InspectorException resumeFailed) {
                    // The connection is gone or the debugger was turned off, which resumes the app as well.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
    }

    private synchronized ExecutorService pauseHandling() {
        if (pauseHandling == null) {
            pauseHandling = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "leakgate-pause-handler");
                thread.setDaemon(true);
                return thread;
            });
        }
        return pauseHandling;
    }

    private static Pause pause(JsonObject params) {
        List<String> hit = new ArrayList<>();
        if (params.get("hitBreakpoints") instanceof List<?> ids) {
            ids.stream().filter(String.class::isInstance).map(String.class::cast).forEach(hit::add);
        }
        List<PausedFrame> frames = new ArrayList<>();
        if (params.get("callFrames") instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof JsonObject frame) {
                    JsonObject function = frame.object("functionLocation");
                    JsonObject location = frame.object("location");
                    frames.add(new PausedFrame(orEmpty(frame.string("functionName")),
                            orEmpty(location.string("scriptId")), intOf(function.number("lineNumber")),
                            intOf(function.number("columnNumber")), intOf(location.number("lineNumber")),
                            intOf(location.number("columnNumber"))));
                }
            }
        }
        return new Pause(frames, hit);
    }

    private static void writeLocation(JsonGenerator params, String field, String scriptId, int line, int column)
            throws IOException {
        params.writeObjectFieldStart(field);
        params.writeStringField("scriptId", scriptId);
        params.writeNumberField("lineNumber", line);
        params.writeNumberField("columnNumber", column);
        params.writeEndObject();
    }

    private static int intOf(Number value) {
        return value == null ? -1 : value.intValue();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
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
        synchronized (this) {
            if (pauseHandling != null) {
                pauseHandling.shutdownNow();
            }
        }
        transport.close();
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
            transport.send(encode(id, method, params), deadline);
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

    /** A worker's messages, carried by this session's {@code NodeWorker} domain. */
    private final class WorkerTransport implements CdpTransport {

        private final String sessionId;

        WorkerTransport(String sessionId) {
            this.sessionId = sessionId;
        }

        @Override
        public void send(String message, long deadline) throws InterruptedException, TimeoutException {
            try {
                call("NodeWorker.sendMessageToWorker", params -> {
                    params.writeStringField("sessionId", sessionId);
                    params.writeStringField("message", message);
                }, "sending to a worker", Duration.ofNanos(Math.max(1, remainingNanos(deadline))));
            } catch (InspectorException e) {
                CdpDispatcher worker = dispatcher.workerDispatcher(sessionId);
                if (worker != null) {
                    worker.disconnected(e.getMessage());
                }
            }
        }

        @Override
        public boolean reachable() {
            return transport.reachable() && dispatcher.workerDispatcher(sessionId) != null;
        }

        @Override
        public String unreachableReason() {
            return transport.reachable() ? "the worker ended" : transport.unreachableReason();
        }

        @Override
        public void close() {
            if (closed.get() || dispatcher.workerDispatcher(sessionId) == null) {
                return;
            }
            try {
                call("NodeWorker.detach", params -> params.writeStringField("sessionId", sessionId),
                        "detaching from a worker");
            } catch (InspectorException ended) {
                // the worker or the app has gone: nothing left to detach from
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
                if (!transport.reachable()) {
                    dispatcher.disconnected(transport.unreachableReason());
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
