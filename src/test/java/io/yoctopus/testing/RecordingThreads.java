package io.yoctopus.testing;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The server's thread factory for unit tests: plain threads, each recorded as it is made ({@link #made()}), for a test
 * to see which threads the runtime made and that they have ended. The runtime makes no fork-join pool.
 */
public final class RecordingThreads implements ManagedThreadFactory {

    private final List<Thread> made = new CopyOnWriteArrayList<>();

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task);
        made.add(thread);
        return thread;
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        throw new AssertionError("the runtime makes no fork-join pool");
    }

    /** The threads made so far, in order. */
    public List<Thread> made() {
        return List.copyOf(made);
    }
}
