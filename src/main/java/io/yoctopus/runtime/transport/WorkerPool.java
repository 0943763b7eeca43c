package io.yoctopus.runtime.transport;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where handlers that may block run when their transport reads frames on threads that must never block (the
 * Vert.x event loops): a plain pool of threads made by the server's {@code ManagedThreadFactory}, so that JPA,
 * transactions and JNDI work there as on a container thread.
 *
 * <p>Why not the server's {@code ManagedExecutorService}: each task submitted to it captures thread context, on
 * Payara through a class-path scan, and this pool takes a task per request. A managed thread factory captures the
 * context once, when it makes a thread. The queue needs no bound: a connection has at most one request here at a
 * time (the next waits for the previous, {@code Connection.enqueue}), so it holds at most one task per connection.
 */
public final class WorkerPool implements Executor {

    /** The name prefix of the worker threads. */
    public static final String NAME = "yoctopus-worker-";

    /** How long stopping lets the requests in progress finish. */
    static final long GRACE_MILLIS = 5_000;

    private final ThreadPoolExecutor pool;
    private final long graceMillis;

    public WorkerPool(int threads, ThreadFactory threadFactory) {
        this(threads, threadFactory, GRACE_MILLIS);
    }

    /** With a grace period of its own (tests: a short one). */
    WorkerPool(int threads, ThreadFactory threadFactory, long graceMillis) {
        this.graceMillis = graceMillis;
        AtomicInteger made = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = threadFactory.newThread(task);
            thread.setName(NAME + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // threads that have waited a minute for work end: an idle application keeps none
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /** Takes no more tasks, lets those in progress finish for up to the grace period, then interrupts them. */
    public void stop() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Whether every thread has ended (after {@link #stop()}). */
    public boolean stopped() {
        return pool.isTerminated();
    }
}
