package io.yoctopus.runtime.transport;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transport's one timer thread: liveness checks, close deadlines, and the container adapters' timers.
 *
 * <p>A plain {@link ScheduledThreadPoolExecutor} whose thread comes from the server's
 * {@link ManagedThreadFactory}, not the server's managed scheduled executor: on Payara every task submitted
 * to a managed executor captures thread context through a class-path scan, and these timers are submitted
 * per connection (a close deadline) or many times a second (liveness slices). The managed thread factory
 * captures context once, when the thread is made.
 */
@ApplicationScoped
public class TransportScheduler {

    /** The name of the timer thread. */
    public static final String THREAD_NAME = "yoctopus-transport-timer";

    /** The name prefix of the threads that close sessions. */
    public static final String CLOSER_NAME = "yoctopus-transport-closer-";

    /**
     * How many sessions may be closing at once. Open Liberty's {@code Session.close} blocks its caller until the
     * client answers the close frame, up to 30 s: closes run on threads of their own so that no timer and no
     * container thread waits for a client.
     */
    static final int CLOSERS = 4;

    /** How long stopping the application lets closes still queued run. */
    static final long CLOSER_GRACE_MILLIS = 2_000;

    @Resource
    ManagedThreadFactory threadFactory;

    private ScheduledThreadPoolExecutor executor;
    private ThreadPoolExecutor closer;

    @PostConstruct
    void start() {
        executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = threadFactory.newThread(task);
            thread.setName(THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        // cancelled timers (a close that completed before its deadline) leave the queue at once
        executor.setRemoveOnCancelPolicy(true);
        AtomicInteger closers = new AtomicInteger();
        closer = new ThreadPoolExecutor(CLOSERS, CLOSERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = threadFactory.newThread(task);
            thread.setName(CLOSER_NAME + closers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        closer.allowCoreThreadTimeOut(true);
    }

    /**
     * Drops the timers still waiting (nothing of the application may run once it has stopped), and lets the
     * closes already asked for go out, for up to {@link #CLOSER_GRACE_MILLIS}.
     */
    @PreDestroy
    void stop() {
        executor.shutdownNow();
        closer.shutdown();
        try {
            if (!closer.awaitTermination(CLOSER_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                closer.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            closer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    public ScheduledExecutorService executor() {
        return executor;
    }

    /** Where sessions are closed (see {@link #CLOSERS}). */
    public Executor closer() {
        return closer;
    }
}
