package io.yoctopus.runtime.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transport's one timer thread: made by the server's thread factory, named, a daemon; cancelled timers leave.
 * Its closers: four daemons of that factory, given a grace to finish when the application stops.
 */
class TransportSchedulerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

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

    @Test
    void closesRunOnUpToFourThreadsOfTheirOwnFromTheServersFactory() throws Exception {
        java.util.concurrent.CountDownLatch blocked = new java.util.concurrent.CountDownLatch(1);
        java.util.Set<String> names = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(TransportScheduler.CLOSERS);
        for (int i = 0; i < TransportScheduler.CLOSERS + 2; i++) {
            scheduler.closer().execute(() -> {   // each blocks, as Open Liberty's close does for a silent client
                names.add(Thread.currentThread().getName());
                started.countDown();
                try {
                    blocked.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertTrue(started.await(5, TimeUnit.SECONDS), "four closes run at once");
        assertEquals(TransportScheduler.CLOSERS, names.size(), names.toString());
        assertTrue(names.stream().allMatch(name -> name.startsWith(TransportScheduler.CLOSER_NAME)), names.toString());
        assertEquals(TransportScheduler.CLOSERS, factory.made.size(), "four closers, made by the server's factory");
        blocked.countDown();
    }

    @Test
    void stoppingLetsTheClosesAlreadyAskedForRun() {
        java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 10; i++) {
            scheduler.closer().execute(closed::incrementAndGet);
        }
        scheduler.stop();
        assertEquals(10, closed.get());
        assertThrows(RejectedExecutionException.class, () -> scheduler.closer().execute(() -> { }));
    }

    @Test
    void closersAreDaemonsThatDoNotOutstayTheirWork() throws Exception {
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        scheduler.closer().execute(() -> ran.complete(Thread.currentThread()));
        assertTrue(ran.get(5, TimeUnit.SECONDS).isDaemon());
        ThreadPoolExecutor closer = (ThreadPoolExecutor) scheduler.closer();
        assertTrue(closer.allowsCoreThreadTimeOut(), "an idle closer ends, as closes are rare");
        assertEquals(30, closer.getKeepAliveTime(TimeUnit.SECONDS));
    }

    @Test
    void onceStoppingNoNewCloseIsTakenWhileEarlierOnesFinish() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger closed = new AtomicInteger();
        scheduler.closer().execute(() -> {
            awaitQuietly(release);
            closed.incrementAndGet();
        });
        Thread stopping = new Thread(scheduler::stop, "stopping");
        stopping.start();
        await().atMost(WAIT).until(() -> stopping.getState() == Thread.State.TIMED_WAITING);   // within its grace
        assertThrows(RejectedExecutionException.class, () -> scheduler.closer().execute(closed::incrementAndGet));
        release.countDown();
        stopping.join(WAIT.toMillis());
        assertEquals(1, closed.get());
    }

    @Test
    void aCloseStillRunningAfterTheGraceIsInterrupted() {
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        scheduler.closer().execute(() -> {
            try {
                new CountDownLatch(1).await();   // a client that never answers the close
                interrupted.complete(false);
            } catch (InterruptedException e) {
                interrupted.complete(true);
            }
        });
        long start = System.nanoTime();
        scheduler.stop();
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(TransportScheduler.CLOSER_GRACE_MILLIS),
                "the close had its grace");
        assertTrue(interrupted.join());
    }

    @Test
    void stoppingWhenInterruptedEndsTheClosesAtOnceAndKeepsTheInterrupt() {
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        CountDownLatch running = new CountDownLatch(1);
        scheduler.closer().execute(() -> {
            running.countDown();
            try {
                new CountDownLatch(1).await();
                interrupted.complete(false);
            } catch (InterruptedException e) {
                interrupted.complete(true);
            }
        });
        awaitQuietly(running);
        Thread.currentThread().interrupt();
        try {
            scheduler.stop();
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is the caller's to see");
        } finally {
            Thread.interrupted();
        }
        assertTrue(interrupted.join());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertTrue(latch.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
