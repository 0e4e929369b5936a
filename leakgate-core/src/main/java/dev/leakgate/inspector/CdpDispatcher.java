package dev.leakgate.inspector;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Routes what Node sends to whoever waits for it: answers to pending calls, script URLs, snapshot chunks.
 * Messages arrive on the WebSocket's thread, one at a time and in order, so every chunk of a snapshot is
 * written before the answer to {@code takeHeapSnapshot} completes its call.
 */
final class CdpDispatcher {

    private record PendingCall(String method, String activity, CompletableFuture<JsonObject> answer) {

        void fail(String reason) {
            answer.completeExceptionally(new InspectorException(
                    "inspector connection closed while " + activity + " (" + method + "): " + reason));
        }
    }

    private final Map<Long, PendingCall> pending = new ConcurrentHashMap<>();
    private final Map<String, String> scriptUrls = new ConcurrentHashMap<>();
    private final AtomicReference<SnapshotStream> snapshot = new AtomicReference<>();
    private final ObjectIdMarks objectIdMarks = new ObjectIdMarks();
    private final AtomicReference<Consumer<JsonObject>> pauses = new AtomicReference<>();
    private final CompletableFuture<String> disconnect = new CompletableFuture<>();
    private final CompletableFuture<Void> connectionEnd = new CompletableFuture<>();
    /** Reads what workers send, wrapped in this session's events. */
    private final CdpMessageReader reader;
    /** By session id: the workers attached through this session, and the dispatchers of their sessions. */
    private final Map<String, WorkerTarget> workers = new ConcurrentHashMap<>();
    private final Map<String, CdpDispatcher> workerDispatchers = new ConcurrentHashMap<>();

    CdpDispatcher(CdpMessageReader reader) {
        this.reader = reader;
    }

    /** Registers a call before it is sent, so that even an instant answer finds it. */
    CompletableFuture<JsonObject> expect(long id, String method, String activity) {
        PendingCall call = new PendingCall(method, activity, new CompletableFuture<>());
        pending.put(id, call);
        // Checked after registering: either this sees the disconnect, or the disconnect sees this call.
        if (disconnect.isDone()) {
            pending.remove(id);
            call.fail(disconnect.join());
        }
        return call.answer();
    }

    /** Drops a call whose caller stopped waiting; a late answer is then ignored. */
    void forget(long id) {
        pending.remove(id);
    }

    void dispatch(CdpMessage message) {
        if (message instanceof CdpMessage.Response response) {
            answer(response);
        } else if (message instanceof CdpMessage.Event event) {
            handle(event);
        }
    }

    /** Fails every pending call and every later one with {@code reason}; only the first reason counts. */
    void disconnected(String reason) {
        disconnect.complete(reason);
        workerDispatchers.values().forEach(worker -> worker.disconnected(reason));
        String firstReason = disconnect.join();
        pending.keySet().forEach(id -> {
            PendingCall call = pending.remove(id);
            if (call != null) {
                call.fail(firstReason);
            }
        });
        SnapshotStream stream = snapshot.getAndSet(null);
        if (stream != null) {
            stream.stop();
        }
    }

    /** The WebSocket reports that the connection is gone: closed by Node, or broken. */
    void connectionEnded(String reason) {
        disconnected(reason);
        connectionEnd.complete(null);
    }

    /** Waits until the WebSocket reports the end of the connection, or {@code timeout} has passed. */
    void awaitConnectionEnd(Duration timeout) throws InterruptedException {
        try {
            connectionEnd.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Only the wait matters: the caller drops the connection either way.
        }
    }

    SnapshotStream startSnapshot(OutputStream out) {
        SnapshotStream stream = new SnapshotStream(out);
        if (!snapshot.compareAndSet(null, stream)) {
            throw new IllegalStateException("a heap snapshot is already being taken in this session");
        }
        return stream;
    }

    void endSnapshot(SnapshotStream stream) {
        snapshot.compareAndSet(stream, null);
        stream.stop();
    }

    Map<String, String> scriptUrls() {
        return Map.copyOf(scriptUrls);
    }

    private void answer(CdpMessage.Response response) {
        PendingCall call = pending.remove(response.id());
        if (call == null) {
            return;
        }
        JsonObject error = response.error();
        if (error != null) {
            call.answer().completeExceptionally(new InspectorException(call.method() + " failed: "
                    + error.string("message") + " (CDP error " + error.number("code") + ")"));
        } else {
            call.answer().complete(response.result());
        }
    }

    private void handle(CdpMessage.Event event) {
        switch (event.method()) {
            case "Debugger.scriptParsed" -> rememberScript(event.params());
            case "HeapProfiler.addHeapSnapshotChunk" -> appendChunk(event.params());
            case "HeapProfiler.lastSeenObjectId" -> markObjectIds(event.params());
            case "Debugger.paused" -> paused(event.params());
            case "NodeWorker.attachedToWorker" -> attached(event.params());
            case "NodeWorker.detachedFromWorker" -> detached(event.params().string("sessionId"));
            case "NodeWorker.receivedMessageFromWorker" -> fromWorker(event.params());
            default -> {
                // Progress reports and the other events of the enabled domains carry nothing we use.
            }
        }
    }

    /** The workers attached now, in the order they attached. */
    List<WorkerTarget> workers() {
        return workers.values().stream().sorted(Comparator.comparingInt(WorkerTarget::order)).toList();
    }

    /** The dispatcher of a worker's session; null once it detached. */
    CdpDispatcher workerDispatcher(String sessionId) {
        return workerDispatchers.get(sessionId);
    }

    private void attached(JsonObject params) {
        String sessionId = params.string("sessionId");
        JsonObject info = params.object("workerInfo");
        if (sessionId == null) {
            return;
        }
        workerDispatchers.putIfAbsent(sessionId, new CdpDispatcher(reader));
        workers.putIfAbsent(sessionId, new WorkerTarget(sessionId, orEmpty(info.string("workerId")),
                orEmpty(info.string("title")), orEmpty(info.string("url")), workers.size() + 1));
    }

    private void detached(String sessionId) {
        if (sessionId == null) {
            return;
        }
        workers.remove(sessionId);
        CdpDispatcher worker = workerDispatchers.remove(sessionId);
        if (worker != null) {
            worker.connectionEnded("the worker ended");
        }
    }

    private void fromWorker(JsonObject params) {
        CdpDispatcher worker = workerDispatchers.get(orEmpty(params.string("sessionId")));
        String message = params.string("message");
        if (worker == null || message == null) {
            return;
        }
        try {
            worker.dispatch(reader.read(message));
        } catch (IOException e) {
            worker.disconnected("the worker sent a message that is not valid CDP: " + e.getMessage());
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    ObjectIdMarks objectIdMarks() {
        return objectIdMarks;
    }

    /** Who gets the {@code Debugger.paused} events from now on; null to get none. */
    void onPause(Consumer<JsonObject> handler) {
        pauses.set(handler);
    }

    private void markObjectIds(JsonObject params) {
        Number id = params.number("lastSeenObjectId");
        if (id != null) {
            objectIdMarks.record(id.intValue());
        }
    }

    private void paused(JsonObject params) {
        Consumer<JsonObject> handler = pauses.get();
        if (handler != null) {
            handler.accept(params);
        }
    }

    private void rememberScript(JsonObject params) {
        String id = params.string("scriptId");
        String url = params.string("url");
        // Scripts without a URL (eval, new Function) cannot point a user at a file.
        if (id != null && url != null && !url.isEmpty()) {
            scriptUrls.put(id, url);
        }
    }

    private void appendChunk(JsonObject params) {
        SnapshotStream stream = snapshot.get();
        String chunk = params.string("chunk");
        if (stream != null && chunk != null) {
            stream.append(chunk);
        }
    }
}
