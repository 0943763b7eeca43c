package io.yoctopus.runtime.transport;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

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

    @Resource
    ManagedThreadFactory threadFactory;

    private ScheduledThreadPoolExecutor executor;

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
    }

    /** Drops the timers still waiting: nothing of the application may run once it has stopped. */
    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    public ScheduledExecutorService executor() {
        return executor;
    }
}
