package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transport's one timer thread: made by the server's thread factory, named, a daemon; cancelled timers leave. */
class TransportSchedulerTest {

    private final TransportStubs.PlainThreadFactory factory = new TransportStubs.PlainThreadFactory();
    private final TransportScheduler scheduler = new TransportScheduler();

    TransportSchedulerTest() {
        scheduler.threadFactory = factory;
        scheduler.start();
    }

    @AfterEach
    void stop() {
        scheduler.stop();
    }

    @Test
    void itsOneThreadComesFromTheServersFactoryNamedAndADaemon() throws Exception {
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        scheduler.executor().schedule(() -> ran.complete(Thread.currentThread()), 1, TimeUnit.MILLISECONDS);
        Thread thread = ran.get(5, TimeUnit.SECONDS);
        assertEquals(TransportScheduler.THREAD_NAME, thread.getName());
        assertTrue(thread.isDaemon());
        assertEquals(List.of(thread), factory.made);
    }

    @Test
    void aCancelledTimerLeavesTheQueueAtOnce() {
        ScheduledFuture<?> deadline = scheduler.executor().schedule(() -> { }, 1, TimeUnit.HOURS);
        ScheduledThreadPoolExecutor executor = (ScheduledThreadPoolExecutor) scheduler.executor();
        assertEquals(1, executor.getQueue().size());
        deadline.cancel(false);
        assertEquals(0, executor.getQueue().size());
    }

    @Test
    void stoppingDropsTheTimersStillWaitingAndRefusesNewOnes() {
        scheduler.executor().schedule(() -> { }, 1, TimeUnit.HOURS);
        scheduler.stop();
        assertTrue(scheduler.executor().isShutdown());
        assertEquals(0, ((ScheduledThreadPoolExecutor) scheduler.executor()).getQueue().size());
        assertThrows(RejectedExecutionException.class,
                () -> scheduler.executor().schedule(() -> { }, 1, TimeUnit.MILLISECONDS));
    }
}
