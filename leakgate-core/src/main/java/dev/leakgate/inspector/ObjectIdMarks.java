package dev.leakgate.inspector;

/**
 * The {@code HeapProfiler.lastSeenObjectId} events V8 sends while it tracks heap objects (every 50 ms or so): each
 * follows a full GC after which every live object has an id, so an id mark splits the objects allocated before it
 * from those allocated after.
 */
final class ObjectIdMarks {

    private long marks;
    private int lastSeenObjectId;

    synchronized void record(int objectId) {
        marks++;
        lastSeenObjectId = objectId;
        notifyAll();
    }

    synchronized long count() {
        return marks;
    }

    /**
     * Waits until {@code after + wanted} marks have arrived and returns the latest id, or -1 at the deadline
     * ({@link System#nanoTime()} terms).
     */
    synchronized int await(long after, int wanted, long deadlineNanos) throws InterruptedException {
        while (marks < after + wanted) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return -1;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return lastSeenObjectId;
    }
}
