package dev.leakgate.inspector;

/**
 * A {@code worker_threads} worker the app runs, attached through the main session's {@code NodeWorker} domain.
 *
 * @param sessionId the session its messages travel in, within the main one
 * @param workerId  Node's id of the worker thread
 * @param title     Node's title for it, e.g. {@code [worker 1] render.js}
 * @param url       its script, a {@code file:} URL
 * @param order     1 for the first worker attached, and so on
 */
public record WorkerTarget(String sessionId, String workerId, String title, String url, int order) {
}
